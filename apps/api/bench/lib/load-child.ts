// The load generator, run as its own process so it never shares an event loop with the server under test.
// Reads a LoadSpec as JSON on stdin, warms up, measures, prints one LoadResult as JSON on stdout.
// Two modes: "max" (autocannon, N connections, closed loop: as fast as the server answers) and "rate"
// (an open-loop pacer: request k is due at t0 + k/rate and its latency counts from that due time, so a
// server that falls behind cannot hide it). autocannon's own overallRate is not used for "rate": it sends
// each connection's quota for the second back to back at the start of every second (bursts, not a steady rate).
import http from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import type { LoadResult, LoadSpec } from "./load.js";

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

class Recorder {
  latencies: number[] = [];
  statusCodes: Record<string, number> = {};
  non2xx = 0;
  errors = 0;
  unanswered = 0;

  response(status: number, ms: number) {
    this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
    if (status >= 200 && status < 300) this.latencies.push(ms);
    else this.non2xx++;
  }

  /** Still unanswered at the deadline or timeout: counted at the wait so far, a lower bound of its latency. */
  late(ms: number) {
    this.unanswered++;
    this.latencies.push(ms);
  }

  result(spec: LoadSpec, seconds: number, extra: Partial<LoadResult> = {}): LoadResult {
    const sorted = Float64Array.from(this.latencies).sort();
    return {
      mode: spec.mode,
      ok: sorted.length,
      durationS: seconds,
      rps: sorted.length / seconds,
      latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN },
      non2xx: this.non2xx,
      errors: this.errors,
      unanswered: this.unanswered,
      statusCodes: this.statusCodes,
      ...extra,
    };
  }
}

/** Tells the parent when the measured window opens and closes, so it can read its CPU time there. */
const phase = (name: "start" | "end") => new Promise<void>((resolve) => (process.send ? process.send({ phase: name }, () => resolve()) : resolve()));

async function runMax(spec: LoadSpec, connections: number): Promise<LoadResult> {
  const options = { url: spec.origin, connections, timeout: 10, headers: spec.headers, requests: spec.paths.map((path) => ({ method: "GET", path })) };
  await autocannon({ ...options, duration: spec.warmupS });
  const recorder = new Recorder();
  await phase("start");
  const instance = autocannon({ ...options, duration: spec.durationS });
  instance.on("response", (_client, status, _bytes, ms) => recorder.response(status, ms));
  const result = await instance;
  await phase("end");
  // A request unanswered after the 10 s timeout is a (very) slow answer, not a failure: count it as late.
  for (let i = 0; i < result.timeouts; i++) recorder.late(10_000);
  recorder.errors = result.errors - result.timeouts;
  return recorder.result(spec, result.duration);
}

/**
 * Sends `rate` requests per second for `seconds`, evenly spaced, and resolves once every answer is in or
 * 10 s after the last send; what is still pending then is recorded as late. Requests beyond maxSockets in
 * flight wait in the agent's queue, and that wait counts in their latency (open loop).
 */
function pace(spec: LoadSpec, rate: number, seconds: number, agent: http.Agent, recorder: Recorder | null): Promise<number> {
  const { hostname, port } = new URL(spec.origin);
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const pending = new Set<{ due: number; req?: http.ClientRequest }>();
  let sent = 0;
  let lastEnd = 0;
  const t0 = performance.now();
  return new Promise((resolve) => {
    let guard: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(guard);
      const now = performance.now();
      for (const p of pending) {
        recorder?.late(now - p.due);
        p.req?.destroy();
      }
      pending.clear();
      resolve(((lastEnd || now) - t0) / 1000);
    };
    const fire = (due: number) => {
      const entry: { due: number; req?: http.ClientRequest } = { due };
      const settle = (record: () => void) => {
        if (!pending.delete(entry)) return;
        lastEnd = performance.now();
        if (recorder) record();
        if (sent === total && pending.size === 0) finish();
      };
      pending.add(entry);
      entry.req = http.get({ agent, hostname, port, path: spec.paths[sent % spec.paths.length], headers: spec.headers }, (res) => {
        res.resume();
        res.on("end", () => settle(() => recorder!.response(res.statusCode ?? 0, performance.now() - due)));
      });
      entry.req.on("error", () => settle(() => recorder!.errors++));
    };
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
      while (sent < due) {
        fire(t0 + sent * interval);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else guard = setTimeout(finish, 10_000);
    };
    tick();
  });
}

async function runRate(spec: LoadSpec, rate: number, maxSockets: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  await pace(spec, rate, spec.warmupS, agent, null);
  const recorder = new Recorder();
  await phase("start");
  const seconds = await pace(spec, rate, spec.durationS, agent, recorder);
  await phase("end");
  agent.destroy();
  return recorder.result(spec, seconds, { offeredRps: rate });
}

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const spec = JSON.parse(Buffer.concat(chunks).toString("utf8")) as LoadSpec;
  const result = spec.mode.kind === "max" ? await runMax(spec, spec.mode.connections) : await runRate(spec, spec.mode.rate, spec.mode.maxSockets);
  process.stdout.write(JSON.stringify(result), () => process.exit(0));
}

await main();
