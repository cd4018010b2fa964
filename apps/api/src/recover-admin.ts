// `pnpm admin:recover <email> [--name "..."]`: the way back in when every platform admin is locked out or
// deactivated, for someone with shell access to the server. Creates the platform admin, or reactivates it,
// gives it a new one-time password (to be changed at the next login), ends its sessions, clears its login
// throttle, and records it in the audit log as the system. The server must be stopped on the embedded
// database (the data folder is locked while it runs); with DATABASE_URL it may keep running.
import { pathToFileURL } from "node:url";
import { Email, issueText, PersonName } from "@tenancy/contracts";
import { DataDirLockedError, endSessions, openDatabase, pendingMigrations, uuidv7, type Database } from "@tenancy/db";
import { pino } from "pino";
import { clearAccount, loginAccount } from "./domains/auth/throttle.js";
import { EnvError, loadEnv, type Env } from "./env.js";
import { systemClock, type Clock } from "./lib/clock.js";
import { createEmailSender } from "./lib/email.js";
import { generatePassword, hashPassword } from "./lib/passwords.js";
import { record } from "./lib/record.js";
import { systemScope, type Services } from "./lib/scope.js";

const USAGE = `Usage: pnpm admin:recover <email> [--name "Full name"]

Creates the platform admin <email>, or reactivates it, and prints a new one-time password
(to be changed at the next login). Its sessions are ended and its failed-login count cleared.
On the embedded database, stop the server first.`;

export interface RecoverInput {
  email: string;
  name?: string;
}

export interface RecoverResult {
  adminId: string;
  email: string;
  created: boolean;
  /** The one-time password: print it once, it is stored only as a hash. */
  password: string;
}

/** The recovery itself, in one transaction with its audit entry. */
export async function recoverPlatformAdmin(services: Services, input: RecoverInput): Promise<RecoverResult> {
  const { prisma, clock } = services;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.platformAdmin.findUnique({ where: { email: input.email }, select: { id: true, name: true, status: true } });
    let admin: { id: string; email: string; name: string };
    let changes: Record<string, unknown>;
    if (existing) {
      const name = input.name ?? existing.name;
      admin = await tx.platformAdmin.update({
        where: { id: existing.id },
        data: { status: "active", passwordHash, mustChangePassword: true, name },
        select: { id: true, email: true, name: true },
      });
      await endSessions(tx, { platformAdminId: existing.id }, "password_reset");
      changes = { password: "reset", mustChangePassword: true, sessions: "ended" };
      if (existing.status !== "active") changes.status = { from: existing.status, to: "active" };
      if (name !== existing.name) changes.name = { from: existing.name, to: name };
    } else {
      admin = await tx.platformAdmin.create({
        data: { id: uuidv7(now.getTime()), email: input.email, name: input.name ?? "Platform admin", passwordHash, mustChangePassword: true, createdAt: now },
        select: { id: true, email: true, name: true },
      });
      changes = { email: admin.email, name: admin.name, mustChangePassword: true };
    }
    await clearAccount(tx, loginAccount(null, admin.email));
    await record(tx, systemScope(services), {
      type: "platform_admin.recovered",
      tenantId: null,
      target: { type: "platform_admin", id: admin.id, name: admin.email },
      changes,
      payload: { adminId: admin.id, email: admin.email, created: !existing },
    });
    return { adminId: admin.id, email: admin.email, created: !existing, password };
  });
}

type Parsed = { ok: true; input: RecoverInput } | { ok: false; message: string };

export function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    if (arg === "--help" || arg === "-h") return { ok: false, message: USAGE };
    if (arg === "--name" || arg.startsWith("--name=")) {
      name = arg === "--name" ? argv[++i] : arg.slice("--name=".length);
      if (name === undefined) return { ok: false, message: `--name needs a value.\n\n${USAGE}` };
      continue;
    }
    if (arg.startsWith("-")) return { ok: false, message: `Unknown option ${arg}.\n\n${USAGE}` };
    positional.push(arg);
  }
  if (positional.length !== 1) return { ok: false, message: USAGE };
  const email = Email.safeParse(positional[0]);
  if (!email.success) return { ok: false, message: `${positional[0]} is not an e-mail address.\n\n${USAGE}` };
  if (name === undefined) return { ok: true, input: { email: email.data } };
  const parsedName = PersonName.safeParse(name);
  if (!parsedName.success) return { ok: false, message: `--name: ${parsedName.error.issues[0] ? issueText(parsedName.error.issues[0]) : "not a valid name"}` };
  return { ok: true, input: { email: email.data, name: parsedName.data } };
}

export interface MainOptions {
  /** The configuration; read from the environment through env.ts when not given. */
  env?: Env;
  /** An open database to use (tests); otherwise one is opened from the configuration and closed at the end. */
  db?: Database;
  clock?: Clock;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/** The command: returns the process exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const out = options.out ?? ((text: string) => console.log(text));
  const err = options.err ?? ((text: string) => console.error(text));
  const args = parseArgs(argv);
  if (!args.ok) {
    err(args.message);
    return 2;
  }
  let env: Env;
  try {
    env = options.env ?? loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      err(error.message);
      return 1;
    }
    throw error;
  }

  let db = options.db;
  if (!db) {
    try {
      db = env.DATABASE_URL
        ? await openDatabase({ kind: "postgres", url: env.DATABASE_URL, poolSize: 2 })
        : await openDatabase({ kind: "pglite", dataDir: env.DATA_DIR }, { runMigrations: true });
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        const owner = /process (\d+)/.exec(error.message)?.[1];
        err(
          `The embedded database in ${env.DATA_DIR} is in use${owner ? ` by process ${owner}` : ""}, most likely the running server.\n` +
            `Stop the server, run this command again, then start the server.`,
        );
        return 1;
      }
      throw error;
    }
  }
  try {
    if (db.kind === "postgres") {
      const pending = await pendingMigrations(db.sql);
      if (pending.length > 0) {
        err(`The database has ${pending.length} pending migration(s) (${pending.join(", ")}). Run: pnpm db:deploy`);
        return 1;
      }
    }
    const log = pino({ level: "silent" });
    const services: Services = { prisma: db.prisma, query: db.query, clock: options.clock ?? systemClock, email: createEmailSender("none", log), log, env };
    const result = await recoverPlatformAdmin(services, args.input);
    out(
      [
        result.created
          ? `Platform admin ${result.email} created.`
          : `Platform admin ${result.email} is active again with a new password; its sessions are ended and its failed logins cleared.`,
        `Log in with this one-time password (shown once; you will be asked to change it):`,
        `  e-mail:   ${result.email}`,
        `  password: ${result.password}`,
        `Leave the "Workspace" field empty.`,
      ].join("\n"),
    );
    return 0;
  } finally {
    if (!options.db) await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
