import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { stringify } from "yaml";
import { freePort, scratchDir } from "./scratch.js";

/**
 * A real Prometheus (Debian's `prometheus` package, /usr/bin/prometheus) for the canary-gate
 * tests: on 127.0.0.1 on a free port, with its own config file and data directory (outside /tmp,
 * see scratchDir), scraping the given static targets every second. It can be stopped in the
 * middle of a test and started again on the same port and data directory, as a Prometheus that
 * goes down during a rollout step and comes back.
 */

export interface ScrapeTarget {
  /** `host:port` */
  address: string;
  /** Target labels, e.g. { version: "1.0.0" }; `instance` defaults to the address. */
  labels?: Record<string, string>;
}

export interface PrometheusServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  dir: string;
  /** The running process's PID, or undefined while stopped. */
  readonly pid: number | undefined;
  /** Ends the process by its PID and waits for it (SIGTERM: a clean shutdown; SIGKILL: a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port, config and data directory, and waits until it is ready. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

export const PROMETHEUS = process.env.GOSHIP_PROMETHEUS || "/usr/bin/prometheus";

export function prometheusAvailable(): boolean {
  return existsSync(PROMETHEUS);
}

export async function startPrometheus(
  targets: readonly ScrapeTarget[],
  options: { scrapeInterval?: string } = {},
): Promise<PrometheusServer> {
  const dir = scratchDir("prometheus");
  const port = await freePort();
  const interval = options.scrapeInterval ?? "1s";
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    scrape_configs: [
      {
        job_name: "gin",
        static_configs: targets.map((t) => ({ targets: [t.address], labels: t.labels ?? {} })),
      },
    ],
  };
  writeFileSync(join(dir, "prometheus.yml"), stringify(config));
  const log = join(dir, "prometheus.log");
  const args = [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--log.level=warn",
  ];
  const url = `http://127.0.0.1:${port}`;

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const killOnExit = () => child?.kill("SIGKILL");
  process.on("exit", killOnExit);

  const start = async () => {
    if (child) throw new Error("Prometheus is already running");
    const fd = openSync(log, "a");
    const proc = spawn(PROMETHEUS, args, { stdio: ["ignore", "ignore", fd] });
    closeSync(fd);
    child = proc;
    exited = new Promise((r) => proc.once("exit", () => r()));
    exited.then(() => {
      if (child === proc) child = undefined;
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child !== proc) throw new Error(`Prometheus exited before it was ready:\n${tail(log)}`);
      try {
        const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await stop("SIGKILL");
        throw new Error(`Prometheus was not ready within 60 s:\n${tail(log)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    const proc = child;
    if (!proc) return;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url,
    port,
    dir,
    get pid() {
      return child?.pid;
    },
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    close: async () => {
      await stop();
      process.off("exit", killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}

/** What the fault proxy does to the next answers; undefined passes them through. */
export type Fault =
  | { kind: "warnings"; warnings: string[] }
  | { kind: "infos"; infos: string[] }
  | { kind: "status"; status: number; body: string };

/**
 * An HTTP proxy in front of the real Prometheus that adds what a real Prometheus 2.42 does not
 * readily produce (warnings and infos in a real answer, a 422 or a 5xx), and records the headers
 * of every request it passed on.
 */
export async function startFaultProxy(upstream: string): Promise<{
  url: string;
  fault: Fault | undefined;
  requests: IncomingHttpHeaders[];
  close: () => Promise<void>;
}> {
  const state = {
    fault: undefined as Fault | undefined,
    requests: [] as IncomingHttpHeaders[],
  };
  const server = createServer(async (req, res) => {
    state.requests.push(req.headers);
    try {
      const fault = state.fault;
      if (fault?.kind === "status") {
        res.writeHead(fault.status, { "content-type": "application/json" });
        res.end(fault.body);
        return;
      }
      const answer = await fetch(`${upstream}${req.url ?? "/"}`, { signal: AbortSignal.timeout(30_000) });
      let body = await answer.text();
      if (fault && answer.status === 200) {
        const json = JSON.parse(body) as Record<string, unknown>;
        if (fault.kind === "warnings") json.warnings = fault.warnings;
        else json.infos = fault.infos;
        body = JSON.stringify(json);
      }
      res.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "application/json",
      });
      res.end(body);
    } catch (e) {
      res.writeHead(502);
      res.end(String(e));
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get fault() {
      return state.fault;
    },
    set fault(f: Fault | undefined) {
      state.fault = f;
    },
    requests: state.requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
