// SSE load generator of the events scenario, run as its own process so the server's CPU is measured alone.
// Reads an SseSpec as JSON on stdin, opens `cookies.length` streams of events.live (one per session, at most
// `openConcurrency` opening at a time), and reports over IPC { ready, failed } once every stream has either
// sent its `connected` message or failed. From then on it notes when each event (named by its payload's
// `name`) arrives on each stream, in wall-clock ms (performance.timeOrigin + now, comparable with the
// parent's clock on the same machine). On a { count: name } message it answers { count } (streams that have
// received that event so far); on "report" it prints the arrivals as one JSON line on stdout and exits.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface SseSpec {
  origin: string;
  path: string;
  cookies: string[];
  openConcurrency: number;
}

export interface SseReady {
  ready: number;
  failed: number;
  firstFailure?: string;
  openSeconds: number;
}

export interface SseReport {
  /** Event name -> arrival times (wall-clock ms), one per stream that received it. */
  arrivals: Record<string, number[]>;
  /** Streams the server ended while they were measured. */
  ended: number;
}

const wallNow = () => performance.timeOrigin + performance.now();
const NAME = /"name":"((?:sse|fan)-\d+)"/;

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const spec = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SseSpec;
  const origin = new URL(spec.origin);
  // No pooling: each stream holds its own socket for as long as it lives.
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const arrivals: Record<string, number[]> = {};
  const requests: http.ClientRequest[] = [];
  let ready = 0;
  let failed = 0;
  let ended = 0;
  let measuring = false;
  let firstFailure: string | undefined;

  function open(cookie: string): Promise<void> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (error?: string) => {
        if (settled) return;
        settled = true;
        if (error) {
          failed++;
          firstFailure ??= error;
        } else ready++;
        resolve();
      };
      const req = http.get(
        { agent, hostname: origin.hostname, port: origin.port, path: spec.path, headers: { cookie, accept: "text/event-stream" } },
        (res) => {
          if (res.statusCode !== 200) {
            settle(`status ${res.statusCode}`);
            res.resume();
            return;
          }
          res.setEncoding("utf8");
          let buffer = "";
          res.on("data", (chunk: string) => {
            const at = wallNow();
            buffer += chunk;
            for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (frame.includes("event: connected")) settle();
              const name = NAME.exec(frame)?.[1];
              if (name) (arrivals[name] ??= []).push(at);
            }
          });
          res.on("end", () => {
            if (measuring) ended++;
            settle("ended before connected");
          });
          res.on("error", (error) => settle(String(error)));
        },
      );
      req.on("error", (error) => settle(String(error)));
      req.setTimeout(0);
      requests.push(req);
    });
  }

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(spec.openConcurrency, spec.cookies.length) }, async () => {
      while (next < spec.cookies.length) await open(spec.cookies[next++]!);
    }),
  );
  measuring = true;
  const message: SseReady = { ready, failed, firstFailure, openSeconds: (performance.now() - started) / 1000 };
  process.send!(message);
  process.on("message", (m: unknown) => {
    if (typeof m === "object" && m !== null && "count" in m) {
      process.send!({ count: arrivals[(m as { count: string }).count]?.length ?? 0 });
      return;
    }
    if (m !== "report") return;
    measuring = false;
    const report: SseReport = { arrivals, ended };
    process.stdout.write(JSON.stringify(report), () => {
      for (const req of requests) req.destroy();
      process.exit(0);
    });
  });
  process.on("disconnect", () => process.exit(0));
}

await main();
