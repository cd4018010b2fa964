// Parent side of a measurement: runs the load generator (load-child.ts) in a child process against a
// server listening in this process, samples this process's RSS meanwhile, and fails loudly on any
// non-2xx answer or transport error (a benchmark of error pages is worthless).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export type LoadMode = { kind: "max"; connections: number } | { kind: "rate"; rate: number; maxSockets: number };

export interface LoadSpec {
  origin: string;
  /** Rotated through, one per request. */
  paths: string[];
  headers: Record<string, string>;
  mode: LoadMode;
  warmupS: number;
  durationS: number;
}

export interface LoadResult {
  mode: LoadMode;
  /** 2xx answers inside the measured window. */
  ok: number;
  durationS: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  /** Requests unanswered after 10 s (max mode) or 10 s after the last send (rate mode); their wait so far is in the latencies. */
  unanswered: number;
  statusCodes: Record<string, number>;
  offeredRps?: number;
}

export interface Measurement extends LoadResult {
  /** Peak resident set size of the server process (this one) during warm-up and measurement. */
  peakRssMb: number;
  /**
   * CPU time (user + system) of the server process in the measured window per 2xx answer: the per-request
   * cost, steadier than throughput on a shared machine. On PGlite it includes the database's own work.
   */
  cpuMsPerReq: number;
}

export class LoadError extends Error {}

const CHILD = fileURLToPath(new URL("./load-child.ts", import.meta.url));

export async function measure(spec: LoadSpec): Promise<Measurement> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  try {
    let cpuAtStart = process.cpuUsage();
    let cpuUsed: NodeJS.CpuUsage | undefined;
    const result = await runChild(spec, (phase) => {
      if (phase === "start") cpuAtStart = process.cpuUsage();
      else cpuUsed = process.cpuUsage(cpuAtStart);
    });
    if (result.non2xx > 0 || result.errors > 0 || result.ok === 0) {
      throw new LoadError(
        `load against ${spec.origin}${spec.paths[0]} got ${result.non2xx} non-2xx answers and ${result.errors} errors ` +
          `(status codes: ${JSON.stringify(result.statusCodes)}); refusing to report it`,
      );
    }
    if (!cpuUsed) throw new LoadError("load generator never reported the end of its measured window");
    const cpuMsPerReq = (cpuUsed.user + cpuUsed.system) / 1000 / result.ok;
    return { ...result, peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20, cpuMsPerReq };
  } finally {
    clearInterval(sampler);
  }
}

function runChild(spec: LoadSpec, onPhase: (phase: "start" | "end") => void): Promise<LoadResult> {
  // execArgv carries tsx's loader, so the child runs TypeScript the same way this process does.
  const child = spawn(process.execPath, [...process.execArgv, CHILD], { stdio: ["pipe", "pipe", "inherit", "ipc"] });
  child.on("message", (message: { phase: "start" | "end" }) => onPhase(message.phase));
  const limitMs = (spec.warmupS + spec.durationS + 30) * 1000;
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
        resolve(JSON.parse(out) as LoadResult);
      } catch {
        reject(new LoadError(`load generator printed no result: ${out.slice(0, 200)}`));
      }
    });
    child.stdin!.end(JSON.stringify(spec));
  });
}
