import { existsSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployInputs, servedVersion } from "../support/deploy-fixture.js";
import { type GinReleases, ginReleases } from "../support/gin-release.js";
import { bootFleet, type Lab, type TestHost } from "../support/hosts.js";
import { type ActionRun, runDistAction } from "../support/run-action.js";

/**
 * canary-gate's scrape provider over SSH (the default) on two real systemd hosts, with
 * deploy-systemd's blue-green strategy in front of it, as a workflow runs them (both from dist/):
 * deploy-systemd shifts 10% of each host's traffic to the new slot, canary-gate reads both slots'
 * /metrics through `ssh -W` to each host and judges the canary against the old slot beside it,
 * then deploy-systemd promotes or rolls back.
 *
 * - 2.0.0 over 1.0.0, healthy: PROMOTE, then `mode: promote` puts 100% on 2.0.0;
 * - 3.0.0 over 2.0.0 with FAULT_ERROR_RATE=0.3 (given with deploy-systemd's `environment`):
 *   ROLLBACK, the step fails, and `mode: rollback` puts 100% back on 2.0.0.
 *
 * Traffic: a bounded loop of plain HTTP requests (a connection each, so that nginx reloads
 * cut no request: see deploy-blue-green.test.ts) to `/` through nginx on each host's port 80,
 * from before the 10% shift until after the promote or rollback. `/` is an app route, where
 * the sample app injects its faults; a healthy answer names the version that served it, an
 * injected fault says so in its body. Every other non-2xx answer and every failed request
 * counts against the rollout: the healthy traffic must see none through the whole ladder.
 *
 * The gate runs with short ticks (2 s, 4 s of warm-up) and a large min-effect: the sample app
 * answers no 5xx, so the baseline's error rate is about 1/n_b and ruling out a ×5 regression
 * of it (the default r* at 10%) would need more canary requests than it ever gets (n_min grows
 * with n_b). With r* = 1000 the minimum sample is a small share of what a step sees.
 */

const V1 = "1.0.0";
const V2 = "2.0.0";
const V3 = "3.0.0";
const [BLUE, GREEN] = [8081, 8082];
const FAULT = "injected fault (FAULT_ERROR_RATE)";
let fleet: Lab;
let rel: GinReleases;
let runs = 0;

beforeAll(async () => {
  [fleet, rel] = await Promise.all([bootFleet(2, { prefix: "cg" }), ginReleases([V1, V2, V3])]);
}, 900_000);

afterAll(async () => {
  await fleet?.stop();
});

const runEnv = () => ({
  GITHUB_RUN_ID: String(3000 + ++runs),
  GITHUB_REPOSITORY: "acme/shop",
  GITHUB_ACTOR: "tester",
});

function deploy(inputs: Record<string, string>): Promise<ActionRun> {
  return runDistAction(
    "deploy-systemd",
    deployInputs(fleet, rel, V1, { strategy: "blue-green", "drain-time": "1s", ...inputs }),
    runEnv(),
  );
}

/** canary-gate with the scrape provider over SSH (both defaults), short ticks. */
function gate(targets: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runDistAction(
    "canary-gate",
    {
      targets,
      "ssh-private-key": readFileSync(fleet.deployKey, "utf8"),
      "known-hosts": fleet.knownHosts,
      interval: "2s",
      warmup: "4s",
      "min-effect": "1000",
      duration: "120s",
      ...extra,
    },
    runEnv(),
  );
}

const servedAll = (port = 80) => Promise.all(fleet.hosts.map((h) => servedVersion(h, port)));
const upstreamLine = async (h: TestHost) =>
  (await h.exec(["head", "-n", "1", "/etc/nginx/conf.d/goship-shop.conf"])).stdout.trim();
const upstreamLines = () => Promise.all(fleet.hosts.map(upstreamLine));
const unitState = async (h: TestHost, port: number) =>
  (await h.exec(["systemctl", "is-active", `shop@${port}.service`])).stdout.trim();
const unitStates = (port: number) => Promise.all(fleet.hosts.map((h) => unitState(h, port)));
/** The run's log without the runner's mask commands (they repeat the key they mask). */
const logOf = (r: ActionRun) =>
  r.stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
const errorLine = (r: ActionRun) => r.stdout.split("\n").find((l) => l.startsWith("::error::")) ?? "";

function ok(r: ActionRun): void {
  expect(r.code, r.stdout + r.stderr).toBe(0);
}

interface CanaryTarget {
  app: string;
  weight: number;
  host: string;
  new: { address: string; version: string };
  old: { address: string; version: string } | null;
}

/** What canary-targets must say after a 10% shift from the slot `from` to `to`. */
function expectTargets(
  json: string,
  to: { port: number; version: string },
  from: { port: number; version: string },
) {
  expect(JSON.parse(json) as CanaryTarget[]).toEqual(
    fleet.hosts.map((h) => ({
      app: "shop",
      weight: 10,
      host: `deploy@${h.address}:22`,
      new: { address: `${h.address}:${to.port}`, version: to.version },
      old: { address: `${h.address}:${from.port}`, version: from.version },
    })),
  );
}

// ─── traffic ────────────────────────────────────────────────────────────────────────────

interface TrafficResult {
  host: string;
  requests: number;
  /** 2xx answers by the version that served them. */
  versions: Record<string, number>;
  /** 500s that the sample app injected (FAULT_ERROR_RATE): only a faulty canary sends them. */
  injected: number;
  /** Everything else: other non-2xx answers, connections refused or cut, timeouts. */
  failed: number;
  /** The first few failures, as text. */
  failures: string[];
}

interface Traffic {
  /** Ends the loop, waits for the requests in flight, returns the counts. */
  stop(): Promise<TrafficResult>;
}

const MAX_REQUESTS = 60_000;
const MAX_SECONDS = 420;

/** One GET with its own connection: the status and the body, or why there was none. */
function get(address: string, path: string): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(
      { host: address, port: 80, path, agent: false, headers: { Connection: "close" }, timeout: 5000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", (e) => resolve({ error: `answer cut: ${e.message}` }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 5 s")));
    req.on("error", (e) => resolve({ error: e.message }));
    req.end();
  });
}

/**
 * Four sequential clients against `/` through nginx on the host, each pausing 20 ms between
 * requests. Bounded: at most MAX_REQUESTS requests and MAX_SECONDS seconds; stop() fails
 * when the loop ended by itself first (it must cover what it measures).
 */
function traffic(host: TestHost): Traffic {
  const r: TrafficResult = {
    host: host.address,
    requests: 0,
    versions: {},
    injected: 0,
    failed: 0,
    failures: [],
  };
  let stopped = false;
  let exhausted = "";
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const fail = (what: string) => {
    r.failed++;
    if (r.failures.length < 10) r.failures.push(what);
  };
  const client = async () => {
    while (!stopped) {
      if (r.requests >= MAX_REQUESTS) exhausted = `${MAX_REQUESTS} requests`;
      else if (Date.now() > deadline) exhausted = `${MAX_SECONDS} s`;
      if (exhausted) return;
      r.requests++;
      const got = await get(host.address, "/");
      if ("error" in got) fail(got.error);
      else if (got.status >= 200 && got.status <= 299) {
        let version = "?";
        try {
          version = (JSON.parse(got.body) as { version?: string }).version ?? "?";
        } catch {}
        r.versions[version] = (r.versions[version] ?? 0) + 1;
      } else if (got.status === 500 && got.body.includes(FAULT)) r.injected++;
      else fail(`HTTP ${got.status}: ${got.body.slice(0, 200)}`);
      await sleep(20);
    }
  };
  const clients = Promise.all([client(), client(), client(), client()]);
  return {
    async stop() {
      const early = exhausted;
      stopped = true;
      await clients;
      if (early) throw new Error(`the traffic to ${host.address} ended by itself (${early}) before stop()`);
      console.log(`traffic ${describeTraffic(r)}`);
      return r;
    },
  };
}

const describeTraffic = (r: TrafficResult) =>
  `${r.host}: ${r.requests} requests, 2xx by version ${JSON.stringify(r.versions)}, injected faults ${r.injected}, failed ${r.failed}${r.failures.length ? ` (${r.failures.join(" | ")})` : ""}`;

/** Runs `ladder` while every host gets traffic; the traffic starts 1.5 s before it and ends 1.5 s after it. */
async function underTraffic<T>(ladder: () => Promise<T>): Promise<{ value: T; traffic: TrafficResult[] }> {
  const loads = fleet.hosts.map(traffic);
  let outcome: { value: T } | { error: unknown };
  try {
    await sleep(1500);
    outcome = { value: await ladder() };
    await sleep(1500);
  } catch (error) {
    outcome = { error };
  }
  const results = await Promise.allSettled(loads.map((l) => l.stop()));
  if ("error" in outcome) throw outcome.error;
  const failed = results.find((x) => x.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return {
    value: outcome.value,
    traffic: results.map((x) => (x as PromiseFulfilledResult<TrafficResult>).value),
  };
}

// ─── the gate's outputs ─────────────────────────────────────────────────────────────────

interface Report {
  canaryVersion: string;
  baselineVersion: string;
  decision: string;
  reasons: string[];
  ticks: {
    t: number;
    phase: string;
    valid: boolean;
    invalid?: string;
    nC: number;
    nB: number;
    decision: string;
  }[];
}

function report(r: ActionRun): Report {
  const file = r.outputs.report as string;
  expect(existsSync(file), `report ${file}`).toBe(true);
  return JSON.parse(readFileSync(file, "utf8")) as Report;
}

/** Every tick of the run read both arms over SSH: no tick was invalid or unreachable. */
function expectEveryTickRead(rep: Report): void {
  const bad = rep.ticks.filter((t) => !t.valid);
  expect(bad, JSON.stringify(bad)).toEqual([]);
}

// ─── the cases ──────────────────────────────────────────────────────────────────────────

describe("canary-gate (scrape over SSH) with deploy-systemd blue-green on two hosts behind nginx", () => {
  it("first deploy of 1.0.0: 100% on 8081, the user's server block on port 80", async () => {
    ok(await deploy({ environment: "LOG_LEVEL=warn\n" }));
    // The server block a user writes once, after the first blue-green deploy wrote the
    // upstream (README: nginx for blue-green); it takes port 80 from Debian's default site.
    for (const h of fleet.hosts) {
      const set = await h.exec(
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
      expect(set.code, set.stderr).toBe(0);
    }
    await expect.poll(servedAll, { timeout: 10_000 }).toEqual([V1, V1]);
  }, 180_000);

  it("healthy 2.0.0: 10% → canary-gate PROMOTE → promote, 100% on 2.0.0, no failed request", async () => {
    let shifted: ActionRun | undefined;
    let judged: ActionRun | undefined;
    const { value: promoted, traffic: loads } = await underTraffic(async () => {
      shifted = await deploy({
        "release-dir": rel.dirs[V2] as string,
        "traffic-weight": "10",
        environment: "LOG_LEVEL=warn\n",
      });
      ok(shifted);
      judged = await gate(shifted.outputs["canary-targets"] as string);
      // The workflow promotes only when the gate's step succeeded.
      ok(judged);
      return deploy({ mode: "promote" });
    });
    const shift = shifted as ActionRun;
    const g = judged as ActionRun;
    console.log(logOf(g));
    ok(promoted);
    // Once promoted, no old slot is left to judge against.
    expect(promoted.outputs["canary-targets"]).toBe("[]");

    expectTargets(
      shift.outputs["canary-targets"] as string,
      { port: GREEN, version: V2 },
      { port: BLUE, version: V1 },
    );
    expect(g.outputs.decision).toBe("promote");
    const reasons = JSON.parse(g.outputs.reasons as string) as string[];
    expect(reasons[0]).toMatch(/^promote: /);
    expect(Number(g.outputs["canary-requests"])).toBeGreaterThan(0);
    expect(Number(g.outputs["baseline-requests"])).toBeGreaterThan(Number(g.outputs["canary-requests"]));
    // The log: what it reads and how, then one line per tick, then the decision.
    expect(g.stdout).toContain(
      `canary-gate: ${V2} (canary) vs ${V1} (baseline) on 2 host(s), scrape via ssh`,
    );
    expect(g.stdout).toMatch(/t=\d+s warming up/);
    expect(g.stdout).toMatch(/t=\d+s n_c=\d+ n_b=\d+ .*→ PROMOTE/);
    expect(g.stdout).toContain("canary-gate: PROMOTE: promote: ");
    expect(g.summary).toContain("✅ promote");
    const e = JSON.parse(g.outputs["e-values"] as string) as Record<string, { "log-e": number }>;
    expect(Object.keys(e).sort()).toEqual(["error-ceiling", "error-rate", "latency"]);
    const rep = report(g);
    expect([rep.canaryVersion, rep.baselineVersion, rep.decision]).toEqual([V2, V1, "promote"]);
    expectEveryTickRead(rep);

    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=- weight=100`),
    );
    expect(await unitStates(BLUE)).toEqual(["inactive", "inactive"]);
    expect(await servedAll()).toEqual([V2, V2]);

    // The traffic: both versions answered it, the new one only part of it (10% until the
    // promote), and not one request failed.
    for (const l of loads) {
      const text = describeTraffic(l);
      expect(l.requests, text).toBeGreaterThan(200);
      expect(l.failed, text).toBe(0);
      expect(l.injected, text).toBe(0);
      expect(Object.keys(l.versions).sort(), text).toEqual([V1, V2]);
      expect(l.versions[V1] as number, text).toBeGreaterThan(l.versions[V2] as number);
    }
  }, 600_000);

  it("faulty 3.0.0 (FAULT_ERROR_RATE=0.3): 10% → canary-gate ROLLBACK, the step fails → rollback, 100% on 2.0.0", async () => {
    let shifted: ActionRun | undefined;
    let judged: ActionRun | undefined;
    const { value: rolledBack, traffic: loads } = await underTraffic(async () => {
      shifted = await deploy({
        "release-dir": rel.dirs[V3] as string,
        "traffic-weight": "10",
        environment: "LOG_LEVEL=warn\nFAULT_ERROR_RATE=0.3\n",
      });
      ok(shifted);
      judged = await gate(shifted.outputs["canary-targets"] as string);
      // The workflow's `if: failure()` step: the gate failed, so roll back.
      expect(judged.code, judged.stdout + judged.stderr).toBe(1);
      return deploy({ mode: "rollback" });
    });
    const shift = shifted as ActionRun;
    const g = judged as ActionRun;
    console.log(logOf(g));
    ok(rolledBack);
    expect(rolledBack.outputs["canary-targets"]).toBe("[]");

    expectTargets(
      shift.outputs["canary-targets"] as string,
      { port: BLUE, version: V3 },
      { port: GREEN, version: V2 },
    );
    expect(g.outputs.decision).toBe("rollback");
    const reasons = JSON.parse(g.outputs.reasons as string) as string[];
    expect(reasons.length).toBeGreaterThan(0);
    // The errors are the canary's own: the relative test or the ceiling (or both) says so.
    expect(reasons.join("\n")).toMatch(/error/i);
    expect(errorLine(g)).toContain("ROLLBACK: ");
    expect(g.summary).toContain("❌ rollback");
    const rep = report(g);
    expect([rep.canaryVersion, rep.baselineVersion, rep.decision]).toEqual([V3, V2, "rollback"]);
    expectEveryTickRead(rep);

    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=- weight=100`),
    );
    expect(await unitStates(BLUE)).toEqual(["inactive", "inactive"]);
    expect(await unitStates(GREEN)).toEqual(["active", "active"]);
    expect(await servedAll()).toEqual([V2, V2]);

    // The canary failed some of its requests, as it was made to; the healthy version failed
    // none, and nothing else failed (no refused or cut request across the shift and the rollback).
    for (const l of loads) {
      const text = describeTraffic(l);
      expect(l.requests, text).toBeGreaterThan(200);
      expect(l.injected, text).toBeGreaterThan(0);
      expect(l.failed, text).toBe(0);
      expect(Object.keys(l.versions).sort(), text).toEqual([V2, V3]);
    }
  }, 600_000);
});
