// A staged step that goes wrong, on real systemd hosts (the test harness's, see
// scripts/harness.mjs): blue-green with a healthy 1.0.0 on one slot and a faulty 2.0.0
// (FAULT_ERROR_RATE=0.3 through service-env) on the other with 10% of the requests. canary-gate
// judges it under load until it decides ROLLBACK, then deploy-systemd --mode rollback runs, as a
// workflow's `if: failure()` step would. Measured: from the gate's ROLLBACK tick line to the
// moment after which every host's nginx answered only 1.0.0, on 8 hosts and on 1. Needs root
// (network namespaces) on Linux.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadHarness } from "../scripts/harness.mjs";
import { benchSigningKey, canBootHosts, release, runnerEnv } from "./deploy.mjs";

const root = new URL("..", import.meta.url).pathname;
const OLD = "1.0.0";
const NEW = "2.0.0";
/** Each poller's pause between two requests to its host. */
const PAUSE_MS = 10;

/** Name → value from a GITHUB_OUTPUT file (`name<<delimiter` blocks, or `name=value` lines). */
function readOutputs(file) {
  const lines = readFileSync(file, "utf8").split("\n");
  const out = {};
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i].includes("=")) {
      out[lines[i].slice(0, lines[i].indexOf("="))] = lines[i].slice(lines[i].indexOf("=") + 1);
    }
  }
  return out;
}

/**
 * An action from dist/ run the way a runner runs it, without blocking this process (the pollers
 * run here meanwhile). `onLine(line, ms)` sees each stdout line as it arrives.
 */
function actionAsync(name, inputs, extra = {}, onLine = () => {}) {
  const env = runnerEnv(inputs, extra);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "dist", name, "index.js")], {
      env,
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const started = performance.now();
    let stdout = "";
    let pending = "";
    /** Each line with the ms since the start at which it arrived. */
    const timeline = [];
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      const now = performance.now();
      stdout += d;
      pending += d;
      let nl = pending.indexOf("\n");
      while (nl >= 0) {
        timeline.push({ at: now - started, line: pending.slice(0, nl) });
        onLine(pending.slice(0, nl), now);
        pending = pending.slice(nl + 1);
        nl = pending.indexOf("\n");
      }
    });
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout, timeline, outputs: readOutputs(env.GITHUB_OUTPUT), end: performance.now() }),
    );
  });
}

/** A run's log without the runner's mask commands (they repeat the key they mask). */
const logOf = (r) =>
  r.stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");

/** One GET / through the host's nginx, on its own connection: who answered it. */
function who(address) {
  return new Promise((resolve) => {
    const req = request(
      { host: address, port: 80, path: "/", agent: false, headers: { Connection: "close" }, timeout: 5000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => {
          if (res.statusCode === 500 && body.includes("injected fault (FAULT_ERROR_RATE)")) resolve(NEW);
          else if (res.statusCode >= 200 && res.statusCode <= 299) {
            try {
              resolve(JSON.parse(body).version ?? "?");
            } catch {
              resolve("?");
            }
          } else resolve(`HTTP ${res.statusCode}`);
        });
        res.on("error", (e) => resolve(`cut: ${e.message}`));
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 5 s")));
    req.on("error", (e) => resolve(`error: ${e.message}`));
    req.end();
  });
}

/** A GET / loop per host until stop(): each answer with the time it came back. */
function poll(hosts) {
  let stopped = false;
  const logs = hosts.map(() => []);
  const loops = hosts.map(async (h, i) => {
    while (!stopped) {
      const answer = await who(h.address);
      logs[i].push({ at: performance.now(), answer });
      await sleep(PAUSE_MS);
    }
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return logs;
    },
  };
}

export async function benchRollback(report, runs = 3) {
  if (!canBootHosts("rollback")) return;
  const { bootFleet } = await loadHarness();
  const key = benchSigningKey();
  const releases = { [OLD]: release(OLD, key), [NEW]: release(NEW, key) };
  const publicKey = readFileSync(join(releases[OLD], "goship.pub"), "utf8");
  const fleet = await bootFleet(8, { prefix: "rollback" });
  try {
    const ssh = {
      "ssh-private-key": readFileSync(fleet.deployKey, "utf8"),
      "known-hosts": fleet.knownHosts,
    };
    const base = {
      ...ssh,
      app: "shop",
      project: "gin-app",
      strategy: "blue-green",
      "health-path": "/ready",
      "drain-time": "2s",
      "max-parallel": "8",
      "health-timeout": "30s",
    };
    let runId = 1;
    const deploy = async (hosts, extra) => {
      const r = await actionAsync(
        "deploy-systemd",
        { ...base, hosts: hosts.map((h) => h.address).join(","), ...extra },
        { GITHUB_RUN_ID: String(runId++), GITHUB_REPOSITORY: "bench/shop" },
      );
      if (r.code !== 0) throw new Error(`deploy-systemd failed:\n${logOf(r)}`);
      return r;
    };
    // 1.0.0 on one slot of every host with all the traffic, and the user's server block on
    // port 80 in front of goship's upstream.
    await deploy(fleet.hosts, { "release-dir": releases[OLD], "public-key": publicKey });
    for (const h of fleet.hosts) {
      const r = await h.exec(
        [
          "sh",
          "-c",
          "rm -f /etc/nginx/sites-enabled/default && cat > /etc/nginx/sites-enabled/shop && nginx -t -q && systemctl reload nginx",
        ],
        {
          input:
            'server {\n  listen 80;\n  location / {\n    proxy_pass http://shop;\n    proxy_http_version 1.1;\n    proxy_set_header Connection "";\n  }\n}\n',
        },
      );
      if (r.code !== 0) throw new Error(`nginx refused the server block on ${h.name}: ${r.stderr}`);
    }

    /** One faulty step on `hosts`: shift, gate to ROLLBACK, rollback; the times, in ms. */
    const step = async (hosts) => {
      const shifted = await deploy(hosts, {
        "release-dir": releases[NEW],
        "public-key": publicKey,
        "traffic-weight": "10",
        "service-env": "FAULT_ERROR_RATE=0.3\n",
      });
      const pollers = poll(hosts);
      let decided;
      let gate;
      let rolledBack;
      let logs;
      try {
        gate = await actionAsync(
          "canary-gate",
          {
            ...ssh,
            targets: shifted.outputs["canary-targets"],
            interval: "2s",
            warmup: "4s",
            "min-effect": "1000",
            duration: "120s",
          },
          {},
          (line, at) => {
            if (decided === undefined && /→ ROLLBACK\s*$/.test(line)) decided = at;
          },
        );
        if (gate.outputs.decision !== "rollback" || decided === undefined)
          throw new Error(`canary-gate did not decide rollback:\n${logOf(gate)}`);
        // The workflow's next step, `if: failure()`, starts once the gate's step has ended.
        rolledBack = await deploy(hosts, { mode: "rollback" });
        await sleep(1000);
      } finally {
        logs = await pollers.stop();
      }
      // Per host, the moment after which nginx answered only the old version: the end of the
      // last request the new slot answered (a 2xx from 2.0.0 or one of its injected 500s). At
      // 10%, that is within about ten polls of the switch.
      const lastNew = logs.map((log, i) => {
        const after = log.filter((r) => r.at > rolledBack.end);
        if (after.length < 20 || after.some((r) => r.answer !== OLD))
          throw new Error(
            `${hosts[i].name} did not answer only ${OLD} after the rollback: ${JSON.stringify(after.slice(0, 20))}`,
          );
        return Math.max(...log.filter((r) => r.answer === NEW).map((r) => r.at));
      });
      const failed = logs.flat().filter((r) => r.answer !== OLD && r.answer !== NEW).length;
      // Per run, for the log: what each host's rollback took by its own account.
      const perHost = logOf(rolledBack)
        .split("\n")
        .map((l) => /^\[wave \d+\] deploy@([0-9.]+):22: rolled-back \(.*\) in ([0-9.]+) s/.exec(l))
        .filter(Boolean)
        .map((m) => `${m[1]} ${m[2]} s`);
      // When the rollback step's log groups began, and when its first and last host had switched and stopped the new slot.
      const at = (ms) => `${(ms / 1000).toFixed(1)} s`;
      const phases = rolledBack.timeline
        .filter((e) => e.line.startsWith("::group::"))
        .map((e) => `${e.line.slice("::group::".length).split(" ")[0]} ${at(e.at)}`);
      const switches = rolledBack.timeline.filter((e) => / 100% back to port /.test(e.line)).map((e) => e.at);
      console.log(
        `  rollback step's log: ${phases.join(", ")}; "100% back …; stopped" for ${switches.length} host(s) from ${at(Math.min(...switches))} to ${at(Math.max(...switches))}; ended ${at(rolledBack.end - gate.end)}`,
      );
      console.log(
        `rollback bench, ${hosts.length} host(s): ROLLBACK line -> all old ${Math.round(Math.max(...lastNew) - decided)} ms ` +
          `(per host ${lastNew.map((t) => Math.round(t - decided)).join(", ")}); gate exit +${Math.round(gate.end - decided)} ms; ` +
          `rollback step ${Math.round(rolledBack.end - gate.end)} ms (per host: ${perHost.join(", ")}); ` +
          `${logs.flat().length} polls, ${failed} failed`,
      );
      return {
        allOld: Math.max(...lastNew) - decided,
        gateTail: gate.end - decided,
        rollback: rolledBack.end - gate.end,
        failed,
        requests: logs.flat().length,
      };
    };

    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const one = [];
    const eight = [];
    for (let i = 0; i < runs; i++) {
      one.push(await step(fleet.hosts.slice(0, 1)));
      eight.push(await step(fleet.hosts));
    }
    const m = (xs, k) => median(xs.map((x) => x[k]));
    report("canary-gate ROLLBACK line -> 1 host answers only the old slot", m(one, "allOld"));
    report("  -> all 8 hosts answer only the old slot (goal < 10 s)", m(eight, "allOld"), m(one, "allOld"));
    report("  of which: the gate's ROLLBACK line to its exit, 8 hosts", m(eight, "gateTail"));
    report("  of which: deploy-systemd --mode rollback, 8 hosts (drain-time 2s)", m(eight, "rollback"));
    report(
      "  requests failed other than 2.0.0's injected 500s, all runs (goal 0)",
      [...one, ...eight].reduce((n, x) => n + x.failed, 0),
      undefined,
      "req",
    );
  } finally {
    await fleet.stop();
  }
}
