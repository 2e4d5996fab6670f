// canary-gate's own cost per tick against a real Prometheus holding 30 targets (15 canary and
// 15 baseline instances), and the action's peak RSS. Runs dist/canary-gate/index.js as a user
// does, twice, for two step lengths: the difference in CPU time over the difference in ticks is
// the cost of one tick (one query per arm, parsing, the judge), start-up cancelled out.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { loadSupport } from "../scripts/harness.mjs";

const root = new URL("..", import.meta.url).pathname;

/** Runs the action under GNU time; returns its CPU seconds, ticks judged and peak RSS (KiB). */
function runGate(env, dir) {
  return new Promise((resolve, reject) => {
    const timeFile = join(dir, "time");
    const rssFile = join(dir, "rss");
    const child = spawn(
      "/usr/bin/time",
      [
        "-f",
        "%U %S",
        "-o",
        timeFile,
        process.execPath,
        "--import",
        join(root, "bench/rss-hook.mjs"),
        join(root, "dist/canary-gate/index.js"),
      ],
      { env: { ...env, GOSHIP_BENCH_RSS: rssFile }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (b) => (out += b));
    child.stderr.on("data", (b) => (out += b));
    child.on("error", reject);
    child.on("close", () => {
      const [user, sys] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-2).map(Number);
      const ticks = out.split("\n").filter((l) => /^t=\d+s /.test(l)).length;
      if (ticks === 0) return reject(new Error(`canary-gate ran no tick:\n${out}`));
      resolve({ cpuMs: (user + sys) * 1000, ticks, rssKiB: Number(readFileSync(rssFile, "utf8")), out });
    });
  });
}

/** A port nothing listens on right now. */
function freePort() {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });
}

/** examples/gin-app with its version stamped, started on loopback; waits until it answers. */
async function startApp(dir, version) {
  const binary = join(dir, `gin-app-${version}`);
  execFileSync("go", ["build", "-trimpath", "-o", binary, "-ldflags", `-X main.version=${version}`, "."], {
    cwd: join(root, "examples/gin-app"),
    stdio: "ignore",
  });
  const address = `127.0.0.1:${await freePort()}`;
  const child = spawn(binary, [], {
    env: { PATH: process.env.PATH, ADDR: address, GIN_MODE: "release" },
    stdio: "ignore",
  });
  process.on("exit", () => child.kill("SIGKILL"));
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`http://${address}/version`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { address, stop: () => child.kill("SIGTERM") };
}

/** Sends `count` GETs to `/`, four at a time. */
async function sendRequests(address, count) {
  let next = 0;
  const worker = async () => {
    while (next++ < count) await (await fetch(`http://${address}/`)).arrayBuffer();
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

export async function benchCanaryOverhead(report) {
  const { startPrometheus } = await loadSupport("test/support/prometheus.ts");
  const base = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "goship", "test");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, "bench-canary-"));
  const apps = [];
  let prom;
  let loading = true;
  try {
    apps.push(await startApp(dir, "1.0.0"), await startApp(dir, "2.0.0"));
    // 30 targets: each app scraped under 15 instance labels, as 15 hosts of each version would be.
    const targets = [];
    for (let i = 1; i <= 15; i++) {
      targets.push({ address: apps[0].address, labels: { version: "1.0.0", instance: `baseline-${i}` } });
      targets.push({ address: apps[1].address, labels: { version: "2.0.0", instance: `canary-${i}` } });
    }
    prom = await startPrometheus(targets, { scrapeInterval: "1s" });
    // Bounded traffic while the gate runs: batches of 50 requests to each app, for at most 5 min.
    const until = Date.now() + 300_000;
    const load = (async () => {
      while (loading && Date.now() < until) {
        await Promise.all(apps.map((a) => sendRequests(a.address, 50)));
      }
    })();
    const targetsJson = JSON.stringify([
      {
        app: "shop",
        weight: 50,
        host: "deploy@127.0.0.1:22",
        new: { address: apps[1].address, version: "2.0.0" },
        old: { address: apps[0].address, version: "1.0.0" },
      },
    ]);
    const step = async (seconds) => {
      const work = mkdtempSync(join(dir, "run-"));
      const files = {};
      for (const f of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_STATE", "GITHUB_PATH"]) {
        files[f] = join(work, f);
        writeFileSync(files[f], "");
      }
      const env = { ...process.env, ...files, GITHUB_ACTIONS: "true", RUNNER_TEMP: work };
      for (const k of Object.keys(env)) if (k.startsWith("INPUT_")) delete env[k];
      Object.assign(env, {
        INPUT_TARGETS: targetsJson,
        INPUT_PROVIDER: "prometheus",
        "INPUT_PROMETHEUS-URL": prom.url,
        INPUT_INTERVAL: "1s",
        INPUT_WARMUP: "0s",
        INPUT_DURATION: `${seconds}s`,
        // Never decides early: every tick of the step runs.
        "INPUT_MIN-TICKS": "10000",
        INPUT_ADVISORY: "true",
        "INPUT_LATENCY-SLO": "p99<250ms",
      });
      return runGate(env, work);
    };
    await new Promise((r) => setTimeout(r, 3000)); // Prometheus has scraped every target
    const short = await step(5);
    const long = await step(35);
    const perTick = (long.cpuMs - short.cpuMs) / (long.ticks - short.ticks);
    report("canary-gate CPU per tick, Prometheus with 30 targets", perTick, undefined, "ms");
    report(`  whole step of ${long.ticks} ticks: CPU`, long.cpuMs, undefined, "ms");
    report("  peak RSS of the action process", long.rssKiB / 1024, undefined, "MiB");
    loading = false;
    await load;
  } finally {
    loading = false;
    await prom?.close();
    for (const a of apps) await a.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
