import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { enabledChecks, gateConfig } from "../../canary/config.js";
import { type GateRun, realClock, runGate } from "../../canary/gate.js";
import {
  PrometheusClient,
  PrometheusSource,
  parsePrometheusHeaders,
  parsePrometheusUrl,
  parseSelector,
  type Selector,
  versionSelector,
} from "../../canary/prometheus.js";
import { httpFetchMetrics, ScrapeSource, sshFetchMetrics } from "../../canary/scrape.js";
import { type MetricSource, parseErrorCodes, type SnapshotSpec } from "../../canary/snapshot.js";
import type { CheckName, GateConfig, TickRecord } from "../../canary/types.js";
import type { CanaryTargetsT } from "../../contract/canary-targets.js";
import { defineAction, setOutputs } from "../../kit/action.js";
import { errorMessage, InputError, type InputProblem, inputError, UserError } from "../../kit/errors.js";
import { info, isLocalMode, warning } from "../../kit/log.js";
import { progress } from "../../kit/progress.js";
import { parseHostList, parseProxyJump } from "../../remote/hosts-spec.js";
import { SshClient, type SshSession } from "../../remote/ssh.js";
import { type CheckInput, type Inputs, inputs, outputs } from "./schema.js";
import { renderSummary } from "./summary.js";

const CHECK_NAME: Record<CheckInput, CheckName> = {
  "error-rate": "errorRate",
  "error-ceiling": "errorCeiling",
  latency: "latency",
  "latency-slo": "latencySlo",
};

/** Where provider: prometheus reads, checked with the other inputs. */
export interface PrometheusPlan {
  url: URL;
  /** Secrets. */
  headers: Record<string, string>;
  canary: Selector;
  baseline: Selector;
}

/** Everything the gate needs, derived from the inputs before any metric source is contacted. */
export interface GatePlan {
  cfg: GateConfig;
  spec: SnapshotSpec;
  canaryVersion: string;
  baselineVersion: string;
  /** Epoch ms of tick 0, and whether the ticks replay a past window (no sleeping). */
  start: number;
  replay: boolean;
  /** Set with provider: prometheus. */
  prometheus?: PrometheusPlan;
}

function one<T>(values: readonly T[], what: string): T {
  const set = [...new Set(values)];
  if (set.length !== 1) {
    throw inputError(
      "targets",
      `${set.length} ${what}s: ${set.join(", ")}`,
      `one ${what} on every host: canary-gate judges one rollout step`,
    );
  }
  return set[0] as T;
}

/**
 * Cross-input checks and the gate's configuration. Every problem names its input; nothing has
 * been contacted yet.
 */
export function planGate(i: Inputs, now = Date.now()): GatePlan {
  const problems: InputProblem[] = [];
  const need = (input: string, ok: boolean, allowed: string, value = "") => {
    if (!ok) problems.push({ input, value, allowed });
  };
  /** Runs a parser that throws an InputError, keeping its problems with the others. */
  const parsed = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
      return undefined;
    }
  };
  const targets: CanaryTargetsT = i.targets;
  need(
    "targets",
    targets.length > 0,
    "at least one host with a new and an old slot: deploy-systemd with strategy blue-green, traffic-weight below 100",
    "[]",
  );
  for (const t of targets) {
    need(
      "targets",
      t.old !== null && t.old.version !== "",
      "every host with an old slot running a known version (the baseline)",
      t.host,
    );
  }
  const prom = i.provider === "prometheus";
  let url: URL | undefined;
  let headers: Record<string, string> = {};
  let canarySelector: Selector | undefined;
  let baselineSelector: Selector | undefined;
  if (prom) {
    const given = i["prometheus-url"];
    need("prometheus-url", given !== undefined, "required with provider: prometheus");
    if (given !== undefined) url = parsed(() => parsePrometheusUrl(given));
    const h = i["prometheus-headers"];
    if (h !== undefined) headers = parsed(() => parsePrometheusHeaders(h)) ?? {};
    const cs = i["canary-selector"];
    if (cs !== undefined) canarySelector = parsed(() => parseSelector(cs, "canary-selector"));
    const bs = i["baseline-selector"];
    if (bs !== undefined) baselineSelector = parsed(() => parseSelector(bs, "baseline-selector"));
  } else {
    for (const name of [
      "prometheus-url",
      "prometheus-headers",
      "canary-selector",
      "baseline-selector",
    ] as const)
      need(
        name,
        i[name] === undefined,
        "only with provider: prometheus",
        name === "prometheus-headers" ? "***" : (i[name] ?? ""),
      );
    if (i["scrape-via"] === "ssh") {
      need(
        "ssh-private-key",
        i["ssh-private-key"] !== undefined,
        "required with provider: scrape and scrape-via: ssh",
      );
      need(
        "known-hosts",
        i["known-hosts"] !== undefined,
        "required with provider: scrape and scrape-via: ssh",
      );
    }
  }
  const window = i.from !== undefined || i.to !== undefined;
  if (window) {
    need("from", prom, "only with provider: prometheus (a scrape reads the present)", String(i.from ?? ""));
    need("from", i.from !== undefined && i.to !== undefined, "from and to together", String(i.from ?? ""));
    if (i.from !== undefined && i.to !== undefined) {
      need("to", i.to > i.from, "a time after from", new Date(i.to).toISOString());
      need(
        "to",
        i.to <= now,
        "a time in the past: a window replays what Prometheus already has",
        new Date(i.to).toISOString(),
      );
    }
  }
  let checks: Record<CheckName, boolean> | undefined;
  if (i.checks) {
    checks = { errorRate: false, errorCeiling: false, latency: false, latencySlo: false };
    for (const c of i.checks) checks[CHECK_NAME[c]] = true;
    need(
      "checks",
      !checks.latencySlo || i["latency-slo"] !== undefined,
      "latency-slo only with a latency-slo input",
      i.checks.join(","),
    );
    need(
      "checks",
      !checks.errorCeiling || i["max-error-rate"] < 1,
      "error-ceiling only with max-error-rate below 1",
      i.checks.join(","),
    );
  }
  if (problems.length > 0) throw new InputError(problems);

  const canaryVersion = one(
    targets.map((t) => t.new.version),
    "canary version",
  );
  const baselineVersion = one(
    targets.map((t) => t.old?.version ?? ""),
    "baseline version",
  );
  const weight = Math.max(...targets.map((t) => t.weight)) / 100;
  const deadline = window ? ((i.to as number) - (i.from as number)) / 1000 : i.duration / 1000;
  const cfg = gateConfig({
    weight,
    deadline,
    ...(checks ? { checks } : {}),
    errorTest: i["error-test"],
    maxErrorRate: i["max-error-rate"],
    ...(i["latency-slo"] ? { latencySlo: { q: i["latency-slo"].q, seconds: i["latency-slo"].seconds } } : {}),
    ...(i["min-effect"] !== undefined ? { minEffect: i["min-effect"] } : {}),
    alpha: i.alpha,
    beta: i.beta,
    warmup: i.warmup / 1000,
    minTicks: i["min-ticks"],
    maxGap: i["max-gap"] / 1000,
    interval: i.interval / 1000,
  });
  const on = enabledChecks(cfg);
  const spec: SnapshotSpec = {
    requestsMetric: i["requests-metric"],
    latencyMetric: on.includes("latency") || on.includes("latencySlo") ? i["latency-metric"] : null,
    errorCodes: parseErrorCodes(i["error-codes"]),
  };
  return {
    cfg,
    spec,
    canaryVersion,
    baselineVersion,
    start: window ? (i.from as number) : now,
    replay: window,
    ...(url
      ? {
          prometheus: {
            url,
            headers,
            canary: canarySelector ?? versionSelector(canaryVersion),
            baseline: baselineSelector ?? versionSelector(baselineVersion),
          },
        }
      : {}),
  };
}

/** The metric source the inputs ask for, and how to let go of it. */
async function openSource(
  i: Inputs,
  plan: GatePlan,
): Promise<{ source: MetricSource; close(): Promise<void> }> {
  const prom = plan.prometheus;
  if (prom) {
    const client = new PrometheusClient({
      url: prom.url,
      headers: prom.headers,
      // A tick's reads must end before the next tick is due.
      budgetMs: Math.max(1000, Math.min(10_000, plan.cfg.interval * 800)),
    });
    const source = new PrometheusSource({
      client,
      canary: prom.canary,
      baseline: prom.baseline,
      spec: plan.spec,
    });
    return { source, close: async () => {} };
  }
  const canary = i.targets.map((t) => t.new.address);
  const baseline = i.targets.map((t) => t.old?.address ?? "");
  const timeoutMs = Math.max(1000, Math.min(10_000, plan.cfg.interval * 400));
  if (i["scrape-via"] === "direct") {
    const source = new ScrapeSource({
      canary,
      baseline,
      metricsPath: i["metrics-path"],
      spec: plan.spec,
      fetchMetrics: httpFetchMetrics({ timeoutMs }),
    });
    return { source, close: async () => {} };
  }
  const defaults = { user: i["ssh-user"] };
  const hosts = new Map(
    i.targets.map((t) => {
      const [spec] = parseHostList(t.host, defaults, "targets");
      return [spec?.host ?? "", spec] as const;
    }),
  );
  const client = await SshClient.create({
    privateKey: i["ssh-private-key"] as string,
    knownHosts: i["known-hosts"] as string,
    proxyJump: parseProxyJump(i["proxy-jump"] ?? "", defaults),
  });
  // A key ssh cannot load is the input's fault, said once before the first tick, not a scrape failure.
  await client.ready().catch(async (e) => {
    await client.close();
    throw e;
  });
  const sessions = new Map<string, SshSession>();
  const sessionFor = (host: string): SshSession => {
    const spec = hosts.get(host);
    if (!spec) throw new UserError(`targets: the slot host ${host} is not one of the targets' hosts`);
    let s = sessions.get(host);
    if (!s) {
      s = client.session(spec);
      sessions.set(host, s);
    }
    return s;
  };
  const source = new ScrapeSource({
    canary,
    baseline,
    metricsPath: i["metrics-path"],
    spec: plan.spec,
    fetchMetrics: sshFetchMetrics(sessionFor, timeoutMs),
  });
  return { source, close: () => client.close() };
}

/** One log line per tick: the counts, each check's log E against its threshold, the decision so far. */
export function tickLine(r: TickRecord): string {
  const head = `t=${r.t}s `;
  if (!r.valid) return `${head}HOLD — ${r.invalid ?? "invalid data"}`;
  if (r.phase === "warmup") return `${head}warming up: counters recorded, not judged`;
  const checks = r.checks.map((c) => `${c.check} ${c.logE.toFixed(2)}/${c.threshold.toFixed(2)}`).join(", ");
  const n = r.nMin === null ? "" : ` n_min=${r.nMin}`;
  return `${head}n_c=${r.nC} n_b=${r.nB} e_c=${r.eC} e_b=${r.eB}${n}${checks ? ` | ln E: ${checks}` : ""} → ${r.decision.toUpperCase()}`;
}

/** Read at load, before the action wrapper makes a temporary RUNNER_TEMP of its own. */
const RUNNER_GAVE_TEMP = Boolean(process.env.RUNNER_TEMP);

async function writeReport(
  plan: GatePlan,
  run: GateRun | null,
  extra: Record<string, unknown>,
): Promise<string> {
  // A RUNNER_TEMP goship made itself (local mode, a bare node run) is removed when the run ends;
  // the report must outlive it.
  const dir = join(
    (RUNNER_GAVE_TEMP && !isLocalMode() && process.env.RUNNER_TEMP) || tmpdir(),
    "goship-canary-gate",
  );
  await mkdir(dir, { recursive: true });
  const name = `report-${plan.canaryVersion}-${Math.round(plan.start / 1000)}`;
  const report = {
    schemaVersion: 1,
    canaryVersion: plan.canaryVersion,
    baselineVersion: plan.baselineVersion,
    config: plan.cfg,
    startedAt: new Date(plan.start).toISOString(),
    decision: run?.decision ?? "hold",
    reasons: run?.reasons ?? [],
    ticks: run?.records ?? [],
    state: run?.state ?? null,
    ...extra,
  };
  const text = `${JSON.stringify(report, null, 2)}\n`;
  // Never over another run's report: a replay of a live step's window starts when it did, and
  // local runs share the directory.
  for (let n = 1; ; n++) {
    const file = join(dir, n === 1 ? `${name}.json` : `${name}-${n}.json`);
    try {
      await writeFile(file, text, { flag: "wx" });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || n >= 1000) throw e;
    }
  }
}

const INPUT_NAME = Object.fromEntries(Object.entries(CHECK_NAME).map(([k, v]) => [v, k])) as Record<
  CheckName,
  CheckInput
>;

/** The e-values output: per check (by its `checks` name), log E, E (null past a double) and the threshold. */
export function eValues(last: TickRecord | undefined): Record<string, unknown> {
  const finite = (x: number) => (Number.isFinite(Math.exp(x)) ? Number(Math.exp(x).toPrecision(6)) : null);
  return Object.fromEntries(
    (last?.checks ?? []).map((c) => [
      INPUT_NAME[c.check],
      {
        "log-e": Number(c.logE.toFixed(6)),
        e: finite(c.logE),
        "rollback-at": finite(c.threshold),
        ...(c.promoteLogE === undefined
          ? {}
          : {
              "promote-log-e": Number(c.promoteLogE.toFixed(6)),
              "promote-at": finite(c.promoteThreshold ?? 0),
            }),
      },
    ]),
  );
}

export const canaryGate = defineAction({
  name: "canary-gate",
  description:
    "Judges one step of a staged rollout: the canary against the old version beside it, from Prometheus or /metrics, by anytime-valid sequential tests; promote, hold or rollback.",
  inputs,
  outputs,
  // Fail closed, and say so: a step that failed before or outside the gate's judgement holds.
  failureOutputs: (message) => ({ decision: "hold", reasons: JSON.stringify([message]) }),
  async run(i) {
    const plan = planGate(i);
    const mode = plan.replay
      ? `the window ${new Date(plan.start).toISOString()} + ${plan.cfg.deadline} s`
      : `${plan.cfg.deadline} s live`;
    info(
      `canary-gate: ${plan.canaryVersion} (canary) vs ${plan.baselineVersion} (baseline) on ${i.targets.length} host(s), ` +
        `${i.provider}${i.provider === "scrape" ? ` via ${i["scrape-via"]}` : ""}, ${mode}, a tick every ${plan.cfg.interval} s, ` +
        `checks ${enabledChecks(plan.cfg).join(", ")}`,
    );
    let run: GateRun | null = null;
    let failure: string | undefined;
    const ctx = {
      app: i.targets[0]?.app ?? "",
      canaryVersion: plan.canaryVersion,
      baselineVersion: plan.baselineVersion,
      provider: i.provider,
      advisory: i.advisory,
    };
    const counters: unknown[] = [];
    try {
      const { source, close } = await openSource(i, plan);
      try {
        // Between ticks the log is quiet for an interval; with a long one the heartbeat says what waits.
        const judging = `judging ${plan.canaryVersion} against ${plan.baselineVersion}, a tick every ${plan.cfg.interval} s`;
        run = await progress.phase(judging, () =>
          runGate({
            cfg: plan.cfg,
            start: plan.start,
            ...(plan.replay ? {} : { clock: realClock }),
            read: async ({ t, at }) => {
              const got = await source.read(at);
              // The raw cumulative counters behind each tick, for the report.
              counters.push({ t, ...got });
              return got;
            },
            onTick: (r) => info(tickLine(r)),
          }),
        );
      } finally {
        await close();
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      failure = errorMessage(e);
    }
    for (const w of run?.state.warnings ?? []) warning(`canary-gate: ${w}`);
    const decision = run?.decision ?? "hold";
    const reasons = run ? run.reasons : [failure ?? "the gate did not run"];
    const last = run?.records.at(-1);
    const report = await writeReport(plan, run, { counters, ...(failure ? { error: failure } : {}) });
    setOutputs(canaryGate, {
      decision,
      reasons: JSON.stringify(reasons),
      report,
      "canary-requests": last?.nC ?? 0,
      "baseline-requests": last?.nB ?? 0,
      "e-values": JSON.stringify(eValues(last)),
    });
    await renderSummary(run, plan.cfg, { ...ctx, ...(failure ? { error: failure } : {}) }).write();
    const verdict = `${decision.toUpperCase()}: ${reasons[0] ?? ""}`;
    if (decision === "promote") {
      info(`canary-gate: ${verdict}`);
      return;
    }
    if (i.advisory) {
      warning(`canary-gate (advisory, the step does not fail): ${verdict}`);
      return;
    }
    throw new UserError(verdict);
  },
});
