import { existsSync, readFileSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckName, Decision, GateConfig, TickRecord } from "../../src/canary/types.js";
import {
  buildGinApp,
  eventually,
  type GinInstance,
  scratchDir,
  sendRequests,
  startGinApp,
} from "../support/gin-app.js";
import { type Load, startLoad } from "../support/load.js";
import { type PrometheusServer, prometheusAvailable, startPrometheus } from "../support/prometheus.js";
import { type ActionRun, runDistAction } from "../support/run-action.js";

/**
 * canary-gate end to end, as the runner runs dist/canary-gate: a real Prometheus (Debian's
 * package) on 127.0.0.1 scraping examples/gin-app every second, a baseline and a canary per case
 * side by side on loopback, each labelled with its version as deploy-systemd's canary-targets
 * name it, under a bounded open-loop load. Short ticks (2 s, warm-up 4 s) let each step decide
 * within a test:
 * - a canary failing 5% of its requests (FAULT_ERROR_RATE=0.05) → rollback on the error rate;
 * - a canary 300 ms slower (FAULT_LATENCY_MS=300) → rollback on latency, and on a p99<200ms SLO;
 * - both healthy → promote; no traffic → hold at the deadline;
 * - Prometheus stopped in mid-step → hold while it is down, the next valid tick covers the gap;
 * - the canary killed → rollback, the canary unreachable;
 * - `from`/`to` over the first case's window → the same decisions, read from Prometheus's past.
 */

/** One baseline and one canary, each its own gin-app process and Prometheus target. */
interface Pair {
  oldVersion: string;
  newVersion: string;
  canaryEnv?: Record<string, string>;
  baseline?: GinInstance;
  canary?: GinInstance;
}

// Each pair has its own versions, so that the default selectors (version="<version>" from
// targets) pick exactly its two targets out of the ten Prometheus scrapes.
const PAIRS = {
  errors: { oldVersion: "1.0.0", newVersion: "2.0.0", canaryEnv: { FAULT_ERROR_RATE: "0.05" } },
  latency: { oldVersion: "1.0.1", newVersion: "2.0.1", canaryEnv: { FAULT_LATENCY_MS: "300" } },
  healthy: { oldVersion: "1.0.2", newVersion: "2.0.2" },
  idle: { oldVersion: "1.0.3", newVersion: "2.0.3" },
  killed: { oldVersion: "1.0.4", newVersion: "2.0.4" },
} satisfies Record<string, Pair>;
type PairName = keyof typeof PAIRS;
const pairs: Record<PairName, Pair> = PAIRS;

/** Each check by its name in the `checks` input (and the e-values output). */
const CHECK_INPUT: Record<CheckName, string> = {
  errorRate: "error-rate",
  errorCeiling: "error-ceiling",
  latency: "latency",
  latencySlo: "latency-slo",
};

/** The short clock every live case runs on. */
const CLOCK = { interval: "2s", warmup: "4s" };

/** The action's JSON report, as far as these tests read it. */
interface Report {
  schemaVersion: number;
  canaryVersion: string;
  baselineVersion: string;
  config: GateConfig;
  startedAt: string;
  decision: Decision;
  reasons: string[];
  ticks: TickRecord[];
}

interface Gate {
  run: ActionRun;
  report: Report;
  decision: string;
  reasons: string[];
}

let dir: string;
let prom: PrometheusServer;
const loads: Load[] = [];
const reports: string[] = [];

function canary(name: PairName): GinInstance {
  return pairs[name].canary as GinInstance;
}
function baseline(name: PairName): GinInstance {
  return pairs[name].baseline as GinInstance;
}

/** deploy-systemd's canary-targets for a pair: one host, the new slot at `weight` percent. */
function targets(name: PairName, weight = 10): string {
  const p = pairs[name];
  return JSON.stringify([
    {
      app: "shop",
      weight,
      host: "deploy@127.0.0.1:22",
      new: { address: canary(name).address, version: p.newVersion },
      old: { address: baseline(name).address, version: p.oldVersion },
    },
  ]);
}

/**
 * Steady load on a pair: `canaryRate` and `baselineRate` requests a second, for at most `ms`;
 * returns once Prometheus has scraped the first answers of both arms, so that the step's first
 * tick finds their counters.
 */
async function load(name: PairName, canaryRate: number, baselineRate: number, ms = 120_000): Promise<Load> {
  const l = startLoad(
    [
      { address: canary(name).address, rate: canaryRate },
      { address: baseline(name).address, rate: baselineRate },
    ],
    ms,
  );
  loads.push(l);
  for (const g of [canary(name), baseline(name)]) await scraped(g.address, (v) => v > 0);
  return l;
}

/** Runs dist/canary-gate against the test's Prometheus and reads back its outputs and report. */
async function gate(name: PairName, inputs: Record<string, string> = {}): Promise<Gate> {
  const run = await runDistAction(
    "canary-gate",
    {
      targets: targets(name),
      provider: "prometheus",
      "prometheus-url": prom.url,
      ...CLOCK,
      ...inputs,
    },
    { RUNNER_TEMP: dir },
  );
  const context = `${run.stdout}\n${run.stderr}`;
  expect(run.outputs.decision, context).toMatch(/^(promote|hold|rollback)$/);
  expect(run.outputs.report, context).toBeTruthy();
  const file = run.outputs.report as string;
  expect(existsSync(file), context).toBe(true);
  reports.push(file);
  const report = JSON.parse(readFileSync(file, "utf8")) as Report;
  const reasons = JSON.parse(run.outputs.reasons ?? "null") as string[];
  // The outputs and the report say the same; the step fails unless it promotes.
  expect(report.decision).toBe(run.outputs.decision);
  expect(report.reasons).toEqual(reasons);
  expect(run.code, context).toBe(run.outputs.decision === "promote" ? 0 : 1);
  // The job summary opens with the decision, then its main reason.
  const headline = { promote: "✅ promote", hold: "⏸️ hold", rollback: "❌ rollback" }[report.decision];
  const [first, , second] = run.summary.split("\n");
  expect(first).toBe(
    `## canary-gate: shop ${report.canaryVersion} vs ${report.baselineVersion}: ${headline}`,
  );
  expect(second).toMatch(
    new RegExp(`^\\*\\*${report.decision[0]?.toUpperCase()}${report.decision.slice(1)}\\*\\* after`),
  );
  expect(second).toContain(reasons[0]);
  // One log line per tick, and every tick in the report.
  const tickLines = run.stdout.split("\n").filter((l) => /^t=[0-9.]+s /.test(l));
  expect(tickLines).toHaveLength(report.ticks.length);
  expect(report.ticks.at(-1)?.decision).toBe(report.decision);
  expect(report.ticks.at(-1)?.final).toBe(true);
  const last = report.ticks.at(-1);
  expect(Number(run.outputs["canary-requests"])).toBe(last?.nC);
  expect(Number(run.outputs["baseline-requests"])).toBe(last?.nB);
  const eValues = JSON.parse(run.outputs["e-values"] ?? "null") as Record<string, { "log-e": number }>;
  expect(Object.keys(eValues).sort()).toEqual((last?.checks ?? []).map((c) => CHECK_INPUT[c.check]).sort());
  if (report.decision !== "promote") {
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toEqual([expect.stringContaining(`canary-gate: ${report.decision.toUpperCase()}: `)]);
  }
  return { run, report, decision: run.outputs.decision as string, reasons };
}

/** Waits until Prometheus holds a sample of `metric` for the target at `address` satisfying `ok`. */
async function scraped(address: string, ok: (value: number) => boolean, metric = "http_requests_total") {
  await eventually(`${metric} of ${address} in Prometheus`, async () => {
    const q = new URLSearchParams({ query: `sum(${metric}{instance="${address}"})` });
    const res = await fetch(`${prom.url}/api/v1/query?${q}`);
    const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
    const v = body.data.result[0]?.value[1];
    return v !== undefined && ok(Number(v)) ? true : undefined;
  });
}

/** The ticks whose data was not used, with the reason. */
const invalid = (r: Report) => r.ticks.filter((t) => !t.valid).map((t) => `t=${t.t}: ${t.invalid}`);
const analysed = (r: Report) => r.ticks.filter((t) => t.phase === "analysis");

describe.skipIf(!prometheusAvailable())("canary-gate against a real Prometheus", () => {
  beforeAll(async () => {
    // Each gin-app and Prometheus kills its process when the test process exits: 11 listeners.
    process.setMaxListeners(Math.max(process.getMaxListeners(), 20));
    dir = scratchDir("canary-gate");
    const [v1, v2] = await Promise.all([buildGinApp(dir, "1.0.0"), buildGinApp(dir, "2.0.0")]);
    for (const p of Object.values(pairs)) {
      p.baseline = await startGinApp(v1);
      p.canary = await startGinApp(v2, p.canaryEnv ?? {});
    }
    prom = await startPrometheus(
      Object.values(pairs).flatMap((p) => [
        { address: (p.baseline as GinInstance).address, labels: { version: p.oldVersion } },
        { address: (p.canary as GinInstance).address, labels: { version: p.newVersion } },
      ]),
      { scrapeInterval: "1s" },
    );
    // Every target scraped at least once: the first tick sees both arms.
    for (const p of Object.values(pairs)) {
      for (const g of [p.baseline, p.canary] as GinInstance[]) await scraped(g.address, (v) => v === 1, "up");
    }
  }, 600_000);

  afterAll(async () => {
    await Promise.all(loads.map((l) => l.stop()));
    await prom?.close();
    await Promise.all(Object.values(pairs).flatMap((p) => [p.baseline?.stop(), p.canary?.stop()]));
    for (const f of reports) rmSync(f, { force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let errorsRun: Gate | undefined;

  it("rolls back a canary that fails 5% of its requests against a healthy baseline, on the error rate", async () => {
    const l = await load("errors", 10, 90);
    const g = await gate("errors", { duration: "90s" });
    const sent = await l.stop();
    errorsRun = g;
    expect(g.decision, g.run.stdout).toBe("rollback");
    expect(g.reasons[0]).toMatch(
      /^error rate: the canary fails more often than the baseline|^error ceiling: /,
    );
    expect(sent[canary("errors").address]?.statuses[500] ?? 0).toBeGreaterThan(0);
    expect(sent[baseline("errors").address]?.statuses[500] ?? 0).toBe(0);
    const last = g.report.ticks.at(-1) as TickRecord;
    expect(last.eC).toBeGreaterThan(0);
    expect(last.eB).toBe(0);
    // Warm-up first, then judged ticks, all on valid data; only the last one decides.
    expect(g.report.ticks[0]?.phase).toBe("warmup");
    expect(invalid(g.report)).toEqual([]);
    expect(g.report.ticks.slice(0, -1).every((t) => t.decision === "hold")).toBe(true);
    const errorRate = last.checks.find((c) => c.check === "errorRate");
    expect(errorRate && errorRate.logE >= errorRate.threshold).toBe(true);
    expect(g.run.summary).toContain("error rate vs baseline");
  }, 240_000);

  it("judges the window of that run from Prometheus's past (from/to) with the same decisions", async () => {
    if (!errorsRun) throw new Error("the error-rate case did not run");
    const live = errorsRun.report;
    const start = Date.parse(live.startedAt);
    const end = start + (live.ticks.at(-1) as TickRecord).t * 1000;
    const g = await gate("errors", { from: live.startedAt, to: new Date(end).toISOString() });
    expect(g.run.stdout).toContain(`the window ${live.startedAt} +`);
    expect(g.report.startedAt).toBe(live.startedAt);
    // Its own report, beside the live run's, which it leaves as it was.
    expect(g.run.outputs.report).not.toBe(errorsRun.run.outputs.report);
    expect(JSON.parse(readFileSync(errorsRun.run.outputs.report as string, "utf8"))).toEqual(live);
    expect(g.decision).toBe(live.decision);
    // The same check decides (its counts may differ by a scrape that landed as the live tick read).
    expect(g.reasons[0]?.split(":")[0]).toBe(live.reasons[0]?.split(":")[0]);
    // Tick by tick where the ticks fall at the same times (a live run skips a tick whose time
    // passed while a read was running).
    const byT = new Map(live.ticks.map((t) => [t.t, t]));
    const aligned = g.report.ticks.filter((t) => byT.has(t.t));
    expect(aligned.length).toBeGreaterThanOrEqual(Math.min(g.report.ticks.length, live.ticks.length) - 1);
    for (const t of aligned) {
      const l = byT.get(t.t) as TickRecord;
      expect({ t: t.t, phase: t.phase, valid: t.valid, decision: t.decision }).toEqual({
        t: l.t,
        phase: l.phase,
        valid: l.valid,
        decision: l.decision,
      });
    }
  }, 120_000);

  it("rolls back a canary 300 ms slower than its baseline on latency, and on a p99<200ms SLO", async () => {
    const l = await load("latency", 10, 90);
    // Selectors given explicitly (the defaults would say the same): braces and spaces allowed.
    const selectors = {
      "canary-selector": '{version="2.0.1", job="gin"}',
      "baseline-selector": 'version="1.0.1",job="gin"',
    };
    const relative = await gate("latency", { ...selectors, duration: "90s" });
    expect(relative.decision, relative.run.stdout).toBe("rollback");
    expect(relative.reasons[0]).toMatch(
      /^latency: more of the canary's requests are slower than the baseline's/,
    );
    expect(invalid(relative.report)).toEqual([]);
    expect(relative.report.ticks.at(-1)?.eC).toBe(0);

    const slo = await gate("latency", { ...selectors, "latency-slo": "p99<200ms", duration: "90s" });
    await l.stop();
    expect(slo.decision, slo.run.stdout).toBe("rollback");
    expect(
      slo.reasons.some((r) => r.startsWith("latency SLO: the canary's share of requests slower than 0.25 s")),
    ).toBe(true);
    // 0.2 s is not one of gin-app's bucket boundaries (… 0.1, 0.25 …): the gate says so.
    const addBucket = "add a bucket le=0.2";
    expect(slo.run.stdout).toMatch(new RegExp(`^::warning::canary-gate: latency SLO: .*${addBucket}`, "m"));
    expect(slo.run.summary).toContain(addBucket);
    expect(slo.report.config.checks.latencySlo).toBe(true);
  }, 300_000);

  it("promotes a healthy canary once the minimum sample for a large min-effect is met", async () => {
    const l = await load("healthy", 30, 30);
    const g = await gate("healthy", { "min-effect": "50", "max-error-rate": "1", duration: "90s" });
    await l.stop();
    expect(g.decision, g.run.stdout).toBe("promote");
    expect(g.run.code).toBe(0);
    expect(g.reasons[0]).toMatch(
      /^promote: no regression after [0-9]+ ticks; .*minimum sample [0-9]+ canary requests met/,
    );
    const last = g.report.ticks.at(-1) as TickRecord;
    expect(last.nMin).not.toBeNull();
    expect(last.nC).toBeGreaterThanOrEqual(last.nMin as number);
    expect(analysed(g.report).filter((t) => t.valid).length).toBeGreaterThanOrEqual(3);
    expect(last.checks.map((c) => c.check)).toEqual(["errorRate", "latency"]);
    expect(g.run.stdout).not.toContain("::error::");
  }, 240_000);

  it("holds at the deadline when there is no traffic, and the step fails with decision=hold", async () => {
    // A canary that never had a request exports no request counters: no data, never a zero.
    const never = await gate("idle", { duration: "12s" });
    expect(never.decision, never.run.stdout).toBe("hold");
    expect(never.reasons[0]).toBe("no decision by the deadline (12 s): the step fails");
    // The last tick is the deadline's, unless a busy machine made the clock skip it (a tick that
    // overran is skipped, never run late): then the decision still comes at the deadline.
    expect(never.report.ticks.length).toBeGreaterThan(0);
    expect(never.report.ticks.at(-1)?.t).toBeLessThanOrEqual(12);
    expect(never.report.ticks.every((t) => t.decision === "hold")).toBe(true);
    expect(
      never.report.ticks.every(
        (t) => t.invalid === "the canary: no request counters (the query returned no series)",
      ),
    ).toBe(true);
    expect(never.report.ticks.at(-1)).toMatchObject({ nC: 0, nB: 0 });

    // Traffic before the step and none during it: valid ticks of zero requests, which carry no
    // information, so the minimum sample stays out of reach.
    await Promise.all([sendRequests(canary("idle").address, 10), sendRequests(baseline("idle").address, 10)]);
    for (const g of [canary("idle"), baseline("idle")]) await scraped(g.address, (v) => v === 10);
    const quiet = await gate("idle", { duration: "12s" });
    expect(quiet.decision, quiet.run.stdout).toBe("hold");
    expect(quiet.reasons[0]).toBe("no decision by the deadline (12 s): the step fails");
    expect(quiet.reasons).toContain(
      "needs canary and baseline requests before the minimum sample can be known",
    );
    expect(invalid(quiet.report)).toEqual([]);
    expect(analysed(quiet.report).every((t) => t.canary?.n === 0 && t.baseline?.n === 0)).toBe(true);
    expect(quiet.report.ticks.at(-1)).toMatchObject({ nC: 0, nB: 0, decision: "hold" });
  }, 120_000);

  it("holds while Prometheus is down, never promotes, and the next valid tick covers the gap", async () => {
    // Traffic before the step: the series exist, and the gate's first reading holds them.
    await Promise.all([
      sendRequests(canary("healthy").address, 50),
      sendRequests(baseline("healthy").address, 50),
    ]);
    for (const g of [canary("healthy"), baseline("healthy")]) await scraped(g.address, (v) => v >= 50);

    const spawned = performance.now();
    // Room after the restart: Prometheus scrapes again only some seconds after it starts, later on
    // a busy machine, and at least two valid ticks must follow.
    const running = gate("healthy", { duration: "70s" });
    await sleep(12_000 - (performance.now() - spawned));
    await prom.stop();
    // While it is down: a known number of requests to each arm, and nothing else.
    const [c, b] = await Promise.all([
      sendRequests(canary("healthy").address, 200),
      sendRequests(baseline("healthy").address, 300),
    ]);
    expect(c[200]).toBe(200);
    expect(b[200]).toBe(300);
    await sleep(Math.max(0, 22_000 - (performance.now() - spawned)));
    await prom.start();
    const g = await running;

    expect(g.decision, g.run.stdout).toBe("hold");
    expect(g.reasons[0]).toBe("no decision by the deadline (70 s): the step fails");
    const ticks = g.report.ticks;
    expect(ticks.every((t) => t.decision === "hold")).toBe(true);
    const down = ticks.filter((t) => !t.valid);
    expect(down.length).toBeGreaterThanOrEqual(2);
    for (const t of down) {
      // The source is named: the query's endpoint, and what happened.
      expect(t.invalid).toMatch(/^the metric source is down: canary query: /);
      expect(t.invalid).toContain(`${prom.url}/api/v1/query`);
      expect(t.decision).toBe("hold");
      expect(t.canary).toBeUndefined();
      // Nothing was updated: each check's log E is the one of the tick before.
      const prev = ticks[ticks.indexOf(t) - 1];
      expect(t.checks.map((x) => x.logE)).toEqual(prev?.checks.map((x) => x.logE));
    }
    // The down ticks are one stretch; after it, valid ticks read the counters again and the first
    // one whose counters moved carries every request sent while Prometheus was down.
    const lastDown = ticks.lastIndexOf(down.at(-1) as TickRecord);
    expect(ticks.slice(ticks.indexOf(down[0] as TickRecord), lastDown + 1).every((t) => !t.valid)).toBe(true);
    const after = ticks.slice(lastDown + 1);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.every((t) => t.valid)).toBe(true);
    // Each arm's requests sent while Prometheus was down arrive whole in one tick: the first whose
    // counters for that arm moved (Prometheus scrapes the two arms' targets at their own offsets,
    // so the two arms may move a tick apart).
    const canaryMoved = after.find((t) => (t.canary?.n ?? 0) > 0);
    const baselineMoved = after.find((t) => (t.baseline?.n ?? 0) > 0);
    expect(canaryMoved?.canary).toMatchObject({ n: 200, errors: 0, latencyCount: 200 });
    expect(baselineMoved?.baseline).toMatchObject({ n: 300, errors: 0, latencyCount: 300 });
    // Nothing lost and nothing counted twice over the whole step.
    expect(ticks.at(-1)).toMatchObject({ nC: 200, nB: 300 });
  }, 240_000);

  it("rolls back when the canary process is killed: the canary is unreachable while the baseline answers", async () => {
    const l = await load("killed", 20, 20);
    const spawned = performance.now();
    const running = gate("killed", { duration: "60s" });
    await sleep(12_000 - (performance.now() - spawned));
    await canary("killed").stop("SIGKILL");
    const g = await running;
    await l.stop();
    expect(g.decision, g.run.stdout).toBe("rollback");
    expect(g.reasons[0]).toBe("the canary did not answer for 2 ticks in a row while the baseline did");
    expect(g.reasons.join("\n")).toContain(
      `the canary did not answer: no target matching version="2.0.4" answered Prometheus's last scrape (up=0: ${canary("killed").address})`,
    );
    const judged = analysed(g.report);
    // Judged ticks while it ran, then two in a row without it.
    expect(judged.filter((t) => t.valid).length).toBeGreaterThanOrEqual(1);
    expect(
      judged.slice(-2).every((t) => !t.valid && t.invalid?.startsWith("the canary did not answer")),
    ).toBe(true);
  }, 240_000);
});
