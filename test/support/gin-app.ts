import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { GIN_APP_TAGS, goBuild, REPO } from "./gobuild.js";

/**
 * examples/gin-app as local processes on loopback, for the metric-source tests: built once per
 * version, started on a port the kernel picks (ADDR=127.0.0.1:0; the first log line says which),
 * driven by a bounded request loop, stopped by PID.
 */

export { freePort, scratchDir } from "./scratch.js";

/** The seven targets the README promises for the sample app. */
export const GIN_APP_TARGETS = [
  "linux/amd64",
  "linux/arm64",
  "linux/arm/7",
  "linux/386",
  "windows/amd64",
  "darwin/arm64",
  "freebsd/amd64",
] as const;

/** Builds examples/gin-app with its version stamped (what /version and the metrics' labels say). */
export async function buildGinApp(dir: string, version: string): Promise<string> {
  return goBuild({
    dir: join(REPO, "examples", "gin-app"),
    out: join(dir, `gin-app-${version}`),
    flags: ["-trimpath", `-tags=${GIN_APP_TAGS}`, "-ldflags", `-s -w -X main.version=${version}`],
  });
}

export interface GinInstance {
  /** `127.0.0.1:<port>` */
  address: string;
  port: number;
  pid: number;
  /** Ends the process by its PID (SIGTERM, or SIGKILL to simulate a crash) and waits for it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a built gin-app on 127.0.0.1 (on `port`, or one the kernel picks) and waits for its "listening" line. */
export async function startGinApp(
  binary: string,
  env: Record<string, string> = {},
  port = 0,
): Promise<GinInstance> {
  const child = spawn(binary, [], {
    env: { PATH: process.env.PATH ?? "", ADDR: `127.0.0.1:${port}`, GIN_MODE: "release", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  exited.then(() => process.off("exit", killOnExit));
  const address = await new Promise<string>((resolveAddr, reject) => {
    let log = "";
    const timer = setTimeout(
      () => fail(new Error(`gin-app did not log "listening" within 30 s: ${log}`)),
      30_000,
    );
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(e);
    };
    child.stderr?.on("data", (b: Buffer) => {
      log += b.toString();
      const m = /"msg":"listening","addr":"([^"]+)"/.exec(log);
      if (m) {
        clearTimeout(timer);
        child.stderr?.removeAllListeners("data");
        child.stderr?.resume();
        resolveAddr(m[1] as string);
      }
    });
    child.once("exit", (code) => fail(new Error(`gin-app exited with ${code} before listening: ${log}`)));
  });
  return {
    address,
    port: Number(address.split(":").pop()),
    pid: child.pid as number,
    stop: (signal = "SIGTERM") => stopChild(child, exited, signal),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Sends exactly `count` GETs to `path`, `concurrency` at a time; returns how many got each status. */
export async function sendRequests(
  address: string,
  count: number,
  path = "/",
  concurrency = 4,
): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const res = await fetch(`http://${address}${path}`, { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return statuses;
}

/** Polls `probe` until it returns something other than undefined; fails after `timeoutMs` with `what`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const got = await probe();
      if (got !== undefined) return got;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${last})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
