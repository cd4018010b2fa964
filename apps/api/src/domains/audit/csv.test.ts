import { EVENT_TYPES } from "@tenancy/contracts";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvCell, csvDelimiter, csvHeader, csvOptions, csvRow, exportFileName, maskEmailOrName, maskIp } from "./csv.js";

const entry = {
  id: "01a2107c-12eb-7041-9c96-ee3b94d0dd31", tenantId: "t", action: "user.created", crud: "c", module: "core",
  actorType: "user", actorId: "a1", actorName: "Zoé, \"the admin\"", targetType: "user", targetId: "u1", targetName: "zoe@example.com",
  changes: { b: 1, a: "x" }, ip: "203.0.113.7", userAgent: "UA", success: true, eventVersion: 1, requestId: null,
  createdAt: new Date("2026-03-10T23:30:00Z"), seq: 7n, prevHash: null, hash: null, sealedAt: null,
};

const english = csvOptions({ language: "en", timeZone: "Europe/Paris", mask: false });
const french = csvOptions({ language: "fr", timeZone: "Europe/Paris", mask: false });

describe("CSV", () => {
  it("quotes per RFC 4180, shows local time, and sorts changes' keys", () => {
    const row = csvRow(entry, english);
    expect(row).toContain(',"Zoé, ""the admin""",');
    expect(row).toContain(",2026-03-11 00:30:00,");
    expect(row).toContain(',"{""a"":""x"",""b"":1}",7\r\n');
  });

  it("writes headers and readable cells in the tenant's language, codes beside the words", () => {
    expect(csvHeader(english)).toBe(
      "Entry id,Time (UTC),Time (Europe/Paris),Event,Event code,Operation,Module,Actor type,Actor id,Actor,Target type,Target id,Target,Outcome,IP address,Browser (user agent),Changes,Position in the chain\r\n",
    );
    expect(csvHeader(french).split(";")).toEqual([
      "Identifiant de l'entrée", "Heure (UTC)", "Heure (Europe/Paris)", "Événement", "Code de l'événement", "Opération", "Module",
      "Type d'auteur", "Identifiant de l'auteur", "Auteur", "Type de cible", "Identifiant de la cible", "Cible", "Résultat", "Adresse IP",
      "Navigateur (user agent)", "Modifications", "Position dans la chaîne\r\n",
    ]);
    expect(csvRow(entry, english)).toContain(",User created,user.created,Create,Core,User,a1,");
    const row = csvRow({ ...entry, success: false }, french);
    expect(row).toContain(";Utilisateur créé;user.created;Création;Socle;Utilisateur;a1;");
    expect(row).toContain(";Échec;");
    // An event type this build does not know (written by a newer version) is shown as its code.
    expect(csvRow({ ...entry, action: "report.created" }, french)).toContain(";report.created;report.created;");
  });

  it("has words for every event type in every language", () => {
    for (const options of [english, french]) {
      for (const type of EVENT_TYPES) expect(csvRow({ ...entry, action: type }, options), type).not.toContain(`${options.delimiter}${type}${options.delimiter}${type}`);
    }
  });

  it("separates cells with ';' where the locale writes a decimal comma, and quotes that separator", () => {
    expect(csvDelimiter("en")).toBe(",");
    expect(csvDelimiter("en-US")).toBe(",");
    expect(csvDelimiter("fr")).toBe(";");
    expect(csvDelimiter("fr-CA")).toBe(";");
    expect(csvDelimiter("de-DE")).toBe(";");
    // The tenant's number format, when set, decides over its language.
    expect(csvDelimiter("fr", "1,234.56")).toBe(",");
    expect(csvDelimiter("en", "1.234,56")).toBe(";");
    expect(csvCell("a;b", ";")).toBe('"a;b"');
    expect(csvCell("a,b", ";")).toBe("a,b");
    expect(csvRow(entry, french).split(";")).toHaveLength(CSV_COLUMNS.length); // the name "Zoé, ..." holds no ";"
  });

  it("names the file after the day in the tenant's time zone", () => {
    const lateInUtc = new Date("2026-03-10T23:30:00Z");
    expect(exportFileName("acme", lateInUtc, "UTC")).toBe("audit-log-acme-2026-03-10.csv");
    expect(exportFileName("acme", lateInUtc, "Europe/Paris")).toBe("audit-log-acme-2026-03-11.csv");
    expect(exportFileName("acme", lateInUtc, "America/Los_Angeles")).toBe("audit-log-acme-2026-03-10.csv");
  });

  it("neutralises spreadsheet formulas and masks personal data", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(maskEmailOrName("zoe@example.com")).toBe("z***@example.com");
    expect(maskIp("203.0.113.7")).toBe("203.0.113.x");
    const masked = csvRow(entry, csvOptions({ language: "en", timeZone: "UTC", mask: true }));
    expect(masked).not.toContain("zoe@example.com");
    expect(masked).not.toContain("203.0.113.7");
    expect(masked).toContain("(masked)");
    expect(csvRow(entry, csvOptions({ language: "fr", timeZone: "UTC", mask: true }))).toContain("(masqué)");
  });
});
