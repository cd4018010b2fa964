// What the server prints once it listens: where it runs, on which database, and how to log in (the first
// platform admin's one-time password, shown once). Framed, and printed after the start-up logs, so it
// stands out and is the last thing on the screen when the server is ready.
export interface StartBannerInput {
  url: string;
  database: string;
  hasAdmin: boolean;
  firstAdmin: { email: string; generatedPassword: string | null } | null;
}

export function startBanner({ url, database, hasAdmin, firstAdmin }: StartBannerInput): string {
  const lines = [`Tenancy is running at ${url}`, `Database: ${database}`];
  if (!hasAdmin) lines.push("", "The admin app is not built: run `npm start`, which builds it (or `npm run build`).");
  lines.push("");
  if (firstAdmin?.generatedPassword) {
    lines.push(
      "First platform admin created. Log in with (shown only this once;",
      "you will be asked to choose your own password):",
      `  e-mail:   ${firstAdmin.email}`,
      `  password: ${firstAdmin.generatedPassword}`,
      "(leave the Workspace field empty)",
    );
  } else if (firstAdmin) {
    lines.push(`First platform admin created: log in as ${firstAdmin.email} with PLATFORM_ADMIN_PASSWORD.`);
  } else {
    lines.push("Log in with an existing platform admin account.");
  }
  lines.push("", "Stop with Ctrl-C.");
  return frame(lines);
}

/** Draws a box of lines around text, as wide as its longest line. */
export function frame(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = "─".repeat(width + 2);
  return ["", `┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`, ""].join("\n");
}
