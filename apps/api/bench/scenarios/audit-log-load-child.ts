// Load generator of the latency scenarios (audit-log, users-search), run as its own process like
// lib/load-child.ts. Reads a SequentialSpec as JSON on stdin and answers one JSON line on stdout:
// - "sequential": for each group, `warmup` requests (discarded) then `count` requests one after the other on
//   one keep-alive connection (closed loop, one in flight: a latency measurement, not a throughput one),
//   rotating over the group's paths; a group stops early at its time limit. IPC messages mark each group's
//   measured window so the parent can read its own CPU time there.
// - "download": one GET streamed to nowhere, counting bytes and line ends (CSV rows) as they arrive.
import http from "node:http";
import { performance } from "node:perf_hooks";
import type { DownloadResult, DownloadSpec, GroupResult, SequentialSpec } from "./audit-log-load.js";

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const send = (message: unknown) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

function get(agent: http.Agent, origin: URL, path: string, headers: Record<string, string>): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ agent, hostname: origin.hostname, port: origin.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer in 30 s: ${path.slice(0, 120)}`)));
    req.on("error", reject);
  });
}

async function sequential(spec: SequentialSpec): Promise<GroupResult[]> {
  const origin = new URL(spec.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const results: GroupResult[] = [];
  for (const [index, group] of spec.groups.entries()) {
    let next = 0;
    const path = () => group.paths[next++ % group.paths.length]!;
    for (let k = 0; k < group.warmup; k++) await get(agent, origin, path(), spec.headers);
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    let non2xx = 0;
    let errors = 0;
    let firstFailure: string | undefined;
    await send({ phase: "start", group: index });
    const t0 = performance.now();
    while (latencies.length + non2xx + errors < group.count && performance.now() - t0 < group.maxSeconds * 1000) {
      try {
        const res = await get(agent, origin, path(), spec.headers);
        statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
        if (res.status >= 200 && res.status < 300) latencies.push(res.ms);
        else {
          non2xx++;
          firstFailure ??= `${res.status}: ${res.body.slice(0, 300)}`;
        }
      } catch (error) {
        errors++;
        firstFailure ??= String(error);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    await send({ phase: "end", group: index });
    const sorted = Float64Array.from(latencies).sort();
    results.push({
      mode: { kind: "max", connections: 1 },
      ok: sorted.length,
      durationS: seconds,
      rps: sorted.length / seconds,
      latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN },
      non2xx,
      errors,
      unanswered: 0,
      statusCodes,
      firstFailure,
    });
  }
  agent.destroy();
  return results;
}

function download(spec: DownloadSpec): Promise<DownloadResult> {
  const origin = new URL(spec.origin);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ hostname: origin.hostname, port: origin.port, path: spec.path, headers: spec.headers }, (res) => {
      let bytes = 0;
      let lines = 0;
      let firstByteMs = Number.NaN;
      res.on("data", (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += chunk.length;
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, lines, firstByteMs, totalMs: performance.now() - started }));
      res.on("error", reject);
    });
    req.setTimeout(spec.maxSeconds * 1000, () => req.destroy(new Error(`download still running after ${spec.maxSeconds} s`)));
    req.on("error", reject);
  });
}

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const spec = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SequentialSpec | DownloadSpec;
  const result = spec.kind === "sequential" ? await sequential(spec) : await download(spec);
  process.stdout.write(JSON.stringify(result), () => process.exit(0));
}

await main();
