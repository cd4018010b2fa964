// What a scenario reports, printed as a table and written as JSON to <repo>/bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DbKind } from "./databases.js";
import type { Measurement } from "./load.js";

export const RESULTS_DIR = fileURLToPath(new URL("../../../../bench/results/", import.meta.url));

export interface Target {
  /** What is measured, e.g. "throughput vs bare Prisma route". */
  name: string;
  goal: string;
  measured: string;
  met: boolean;
}

export interface Row {
  server: string;
  role: "product" | "ceiling";
  measurement: Measurement;
  /** Product throughput divided by each ceiling's, same load mode (max mode only). */
  ratios: Record<string, number>;
  targets: Target[];
}

export interface Report {
  scenario: string;
  db: DbKind;
  startedAt: string;
  /** Targets are binding on this database, or shown for information only. */
  targetsBinding: boolean;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  settings: Record<string, unknown>;
  rows: Row[];
  notes: string[];
}

export function machineInfo(): Report["machine"] {
  const list = cpus();
  return { cpus: list.length, cpuModel: list[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
}

const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "-");

function loadLabel(m: Measurement): string {
  return m.mode.kind === "max" ? `max, ${m.mode.connections} conn` : `${m.mode.rate} req/s steady`;
}

export function formatReport(report: Report): string {
  const ceilings = [...new Set(report.rows.flatMap((r) => Object.keys(r.ratios)))];
  const header = ["server", "load", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req", "peak RSS MB", ...ceilings.map((c) => `÷ ${c}`), "target", "met"];
  const lines = report.rows.map((row) => {
    const m = row.measurement;
    return [
      row.server,
      loadLabel(m),
      num(m.rps),
      num(m.latencyMs.p50, 2),
      num(m.latencyMs.p95, 2),
      num(m.latencyMs.p99, 2),
      num(m.cpuMsPerReq, 3),
      num(m.peakRssMb),
      ...ceilings.map((c) => (row.ratios[c] === undefined ? "" : `${num(row.ratios[c]! * 100, 1)}%`)),
      row.targets.map((t) => t.goal).join("; "),
      row.targets.map((t) => (t.met ? "yes" : "NO")).join("; "),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 2 || i >= header.length - 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const title = `${report.scenario} on ${report.db} (${report.machine.cpus} cores, ${report.machine.node}, ${report.startedAt})`;
  const targetsNote = report.targetsBinding ? [] : ["targets apply to PostgreSQL; shown here for information"];
  const lateNotes = report.rows
    .filter((r) => r.measurement.unanswered > 0)
    .map((r) => `${r.server} at ${loadLabel(r.measurement)}: could not keep up; ${r.measurement.unanswered} requests unanswered within 10 s (counted at their wait so far: latencies are lower bounds)`);
  return [title, fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(fmt), ...[...targetsNote, ...lateNotes, ...report.notes].map((n) => `  note: ${n}`)].join("\n");
}

export function writeReport(report: Report): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, "-");
  const file = join(RESULTS_DIR, `${report.scenario}-${report.db}-${stamp}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  return file;
}
