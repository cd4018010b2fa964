// Parent side of the latency measurements of audit-log and users-search (lib/load.ts measures throughput
// and steady-rate latency over fixed time windows; these scenarios need many short, count-bounded,
// sequential measurements instead, one per query shape, all from one load process):
// - measureSequential: the queries over HTTP from a second process (audit-log-load-child.ts), each a
//   warm-up then `count` requests one at a time; returns one Measurement per group, with this process's
//   peak RSS and CPU time per request (on PGlite the database's work is in that CPU time);
// - timeInProcess: the same discipline for a ceiling called in this process (bare SQL through `pg`/PGlite);
// - downloadOnce: one streamed GET counted by the second process while the server process's RSS is
//   sampled (this process, or one started by startServerProcess, read through /proc).
// Any non-2xx answer or transport error fails the run (lib/load.ts's LoadError), as in every scenario.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { LoadError, type LoadResult, type Measurement } from "../lib/load.js";

export interface GroupSpec {
  /** Rotated through, one per request. */
  paths: string[];
  warmup: number;
  count: number;
  /** Stops the group early (with fewer than `count` answers) after this long. */
  maxSeconds: number;
}

export interface SequentialSpec {
  kind: "sequential";
  origin: string;
  headers: Record<string, string>;
  groups: GroupSpec[];
}

export interface DownloadSpec {
  kind: "download";
  origin: string;
  path: string;
  headers: Record<string, string>;
  maxSeconds: number;
}

export interface GroupResult extends LoadResult {
  firstFailure?: string;
}

export interface DownloadResult {
  status: number;
  bytes: number;
  lines: number;
  firstByteMs: number;
  totalMs: number;
}

const CHILD = fileURLToPath(new URL("./audit-log-load-child.ts", import.meta.url));
const mb = (bytes: number) => bytes / 2 ** 20;

function runChild<T>(spec: SequentialSpec | DownloadSpec, limitMs: number, onMessage: (message: { phase: "start" | "end"; group: number }) => void = () => {}): Promise<T> {
  // execArgv carries tsx's loader, so the child runs TypeScript the same way this process does.
  const child = spawn(process.execPath, [...process.execArgv, CHILD], { stdio: ["pipe", "pipe", "inherit", "ipc"] });
  child.on("message", onMessage);
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new LoadError(`load generator still running after ${limitMs / 1000} s; killed`));
    }, limitMs);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new LoadError(`load generator exited with code ${code}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new LoadError(`load generator printed no result: ${out.slice(0, 200)}`));
      }
    });
    child.stdin!.end(JSON.stringify(spec));
  });
}

export async function measureSequential(origin: string, headers: Record<string, string>, groups: GroupSpec[]): Promise<Measurement[]> {
  const peaks = groups.map(() => 0);
  const cpu = groups.map(() => 0);
  let current = -1;
  let cpuAtStart = process.cpuUsage();
  const sampler = setInterval(() => {
    if (current >= 0) peaks[current] = Math.max(peaks[current]!, process.memoryUsage.rss());
  }, 100);
  try {
    const limitMs = groups.reduce((s, g) => s + g.maxSeconds * 1000 + (g.warmup + 1) * 30_000, 30_000);
    const results = await runChild<GroupResult[]>({ kind: "sequential", origin, headers, groups }, limitMs, (m) => {
      if (m.phase === "start") {
        current = m.group;
        peaks[m.group] = process.memoryUsage.rss();
        cpuAtStart = process.cpuUsage();
      } else {
        const used = process.cpuUsage(cpuAtStart);
        cpu[m.group] = (used.user + used.system) / 1000;
        peaks[m.group] = Math.max(peaks[m.group]!, process.memoryUsage.rss());
        current = -1;
      }
    });
    return results.map((r, k) => {
      if (r.non2xx > 0 || r.errors > 0 || r.ok === 0) {
        throw new LoadError(
          `${origin}${groups[k]!.paths[0]!.slice(0, 200)}: ${r.non2xx} non-2xx answers and ${r.errors} errors ` +
            `(status codes: ${JSON.stringify(r.statusCodes)}; first: ${r.firstFailure}); refusing to report it`,
        );
      }
      const { firstFailure: _ignored, ...result } = r;
      return { ...result, peakRssMb: mb(peaks[k]!), cpuMsPerReq: cpu[k]! / r.ok };
    });
  } finally {
    clearInterval(sampler);
  }
}

/**
 * One GET from this process, for checks before a measurement. Retried once on a transport error: a
 * keep-alive connection idle through a long seeding step may be closed by the server as it is reused.
 */
export async function getText(url: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { headers });
      return { status: res.status, text: await res.text() };
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

function nearestRank(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A ceiling run in this process: `warmup` calls, then `count` calls one at a time (or until maxSeconds). */
export async function timeInProcess(call: () => Promise<unknown>, { warmup, count, maxSeconds }: Omit<GroupSpec, "paths">): Promise<Measurement> {
  for (let k = 0; k < warmup; k++) await call();
  const latencies: number[] = [];
  let peak = process.memoryUsage.rss();
  const cpuAtStart = process.cpuUsage();
  const t0 = performance.now();
  while (latencies.length < count && performance.now() - t0 < maxSeconds * 1000) {
    const started = performance.now();
    await call();
    latencies.push(performance.now() - started);
  }
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpuAtStart);
  peak = Math.max(peak, process.memoryUsage.rss());
  const sorted = Float64Array.from(latencies).sort();
  return {
    mode: { kind: "max", connections: 1 },
    ok: sorted.length,
    durationS: seconds,
    rps: sorted.length / seconds,
    latencyMs: { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99), max: sorted.at(-1) ?? Number.NaN },
    non2xx: 0,
    errors: 0,
    unanswered: 0,
    statusCodes: {},
    peakRssMb: mb(peak),
    cpuMsPerReq: (used.user + used.system) / 1000 / sorted.length,
  };
}

export interface Download extends DownloadResult {
  rssBeforeMb: number;
  peakRssMb: number;
  rssAfterMb: number;
  /** CPU time of the server process (and on PGlite the database) during the download. */
  cpuMs: number;
}

/** How to read a server process's resident memory (bytes) and CPU time (ms). */
export interface ProcessProbe {
  rss(): number;
  cpuMs(): number;
}

export const thisProcess: ProcessProbe = {
  rss: () => process.memoryUsage.rss(),
  cpuMs: () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  },
};

/** Another process on Linux, from /proc: VmRSS, and utime + stime in clock ticks (100 per second). */
export function procProbe(pid: number): ProcessProbe {
  return {
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN) * 1024,
    cpuMs: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
  };
}

/** One streamed GET from the second process; the server process's RSS sampled every 20 ms meanwhile. */
export async function downloadOnce(origin: string, path: string, headers: Record<string, string>, maxSeconds: number, server: ProcessProbe = thisProcess): Promise<Download> {
  const rssBefore = server.rss();
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, server.rss());
  }, 20);
  const cpuAtStart = server.cpuMs();
  try {
    const result = await runChild<DownloadResult>({ kind: "download", origin, path, headers, maxSeconds }, (maxSeconds + 30) * 1000);
    const cpuMs = server.cpuMs() - cpuAtStart;
    if (result.status !== 200) throw new LoadError(`GET ${path} answered ${result.status}`);
    const rssAfter = server.rss();
    return { ...result, rssBeforeMb: mb(rssBefore), peakRssMb: mb(Math.max(peak, rssAfter)), rssAfterMb: mb(rssAfter), cpuMs };
  } finally {
    clearInterval(sampler);
  }
}

const SERVER_CHILD = fileURLToPath(new URL("./audit-log-export-server.ts", import.meta.url));

/** audit-log-export-server.ts in a fresh process on this PostgreSQL database. */
export async function startServerProcess(url: string): Promise<{ origin: string; ceilingOrigin: string; probe: ProcessProbe; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, SERVER_CHILD, url], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<{ origin: string; ceilingOrigin: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LoadError("the export server process did not start in 60 s")), 60_000);
    child.once("message", (m: { origin: string; ceilingOrigin: string }) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new LoadError(`the export server process exited with code ${code}`));
    });
  });
  return {
    ...ready,
    probe: procProbe(child.pid!),
    async stop() {
      child.send("stop");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
