import type { GateRun } from "../../canary/gate.js";
import type { CheckName, CheckRecord, Decision, GateConfig, TickRecord } from "../../canary/types.js";
import { Summary } from "../../kit/summary.js";

const CHECK_LABEL: Record<CheckName, string> = {
  errorRate: "error rate vs baseline",
  errorCeiling: "error ceiling",
  latency: "latency vs baseline",
  latencySlo: "latency SLO",
};

const HEADLINE: Record<Decision, string> = {
  promote: "✅ promote",
  hold: "⏸️ hold",
  rollback: "❌ rollback",
};

export interface SummaryContext {
  app: string;
  canaryVersion: string;
  baselineVersion: string;
  provider: string;
  advisory: boolean;
  /** The source failed before the first tick (the run never started). */
  error?: string;
}

const pct = (e: number, n: number) => (n > 0 ? `${((100 * e) / n).toFixed(2)}% (${e}/${n})` : "no requests");
/** e-values span many orders of magnitude: show them as a person reads them. */
export function formatE(logE: number): string {
  const e = Math.exp(logE);
  if (!Number.isFinite(e)) return logE > 0 ? `e^${logE.toFixed(0)}` : "0";
  if (e >= 1e6 || e < 1e-3) return e.toExponential(1);
  return e >= 100 ? e.toFixed(0) : e.toPrecision(3);
}
const seconds = (s: number) => (s >= 120 ? `${Math.floor(s / 60)} m ${Math.round(s % 60)} s` : `${s} s`);

/** Sums an arm's per-tick exceedances over the judged ticks: n and the count above each boundary. */
function tail(records: readonly TickRecord[], arm: "canary" | "baseline") {
  let layout: number[] | null = null;
  let n = 0;
  let above: number[] = [];
  for (const r of records) {
    const d = r[arm];
    if (r.phase !== "analysis" || !r.valid || !d || !r.layout) continue;
    if (layout === null) {
      layout = r.layout;
      above = new Array(layout.length).fill(0);
    }
    n += d.latencyCount;
    d.exceedances.forEach((x, i) => {
      above[i] = (above[i] ?? 0) + x;
    });
  }
  return { layout, n, above };
}

/** "≤ 0.25 s": the smallest boundary that at most (1 − q) of the requests exceed. */
function quantileBound(t: ReturnType<typeof tail>, q: number): string {
  if (!t.layout || t.n === 0) return "no data";
  for (let i = 0; i < t.layout.length; i++) {
    if ((t.above[i] ?? 0) / t.n <= 1 - q) return `≤ ${fmtSeconds(t.layout[i] as number)}`;
  }
  return `> ${fmtSeconds(t.layout.at(-1) as number)}`;
}
const fmtSeconds = (s: number) => (s < 1 ? `${Math.round(s * 1000)} ms` : `${s} s`);

function verdict(c: CheckRecord, decision: Decision): string {
  if (c.logE >= c.threshold) return "❌ regression";
  if (c.promoteLogE !== undefined && c.promoteThreshold !== undefined)
    return c.promoteLogE >= c.promoteThreshold ? "✅ evidence it holds" : "⏳ not yet shown";
  return decision === "promote" ? "✅ no regression" : "⏳ no regression so far";
}

/** The job summary: the decision and its reason first, then the checks, a chart per check, the raw ticks. */
export function renderSummary(run: GateRun | null, cfg: GateConfig, ctx: SummaryContext): Summary {
  const s = new Summary();
  const title = `canary-gate: ${ctx.app} ${ctx.canaryVersion} vs ${ctx.baselineVersion}`;
  if (!run) {
    s.heading(`${title}: ⏸️ hold`);
    s.paragraph(`**Hold**: ${ctx.error ?? "the gate did not run"}.`);
    return s;
  }
  const last = run.records.at(-1);
  const decision = run.decision;
  s.heading(`${title}: ${HEADLINE[decision]}${ctx.advisory ? " (advisory)" : ""}`);
  const elapsed = last ? seconds(last.t) : "0 s";
  s.paragraph(
    `**${decision[0]?.toUpperCase()}${decision.slice(1)}** after ${elapsed} (${run.records.length} ticks, ${ctx.provider}): ${run.reasons[0] ?? ""}`,
  );
  if (run.reasons.length > 1) s.list(run.reasons.slice(1));
  if (run.state.warnings.length > 0) s.list(run.state.warnings.map((w) => `⚠️ ${w}`));
  if (!last) return s;

  const cTail = tail(run.records, "canary");
  const bTail = tail(run.records, "baseline");
  const q = cfg.latencySlo?.q ?? 0.99;
  const qLabel = `p${+(q * 100).toFixed(3)}`;
  const rows = last.checks.map((c) => {
    let canary = "";
    let baseline = "";
    let threshold = `E ≥ ${formatE(c.threshold)}`;
    if (c.check === "errorRate" || c.check === "errorCeiling") {
      canary = pct(last.eC, last.nC);
      baseline = pct(last.eB, last.nB);
      if (c.check === "errorCeiling") threshold = `< ${+(cfg.maxErrorRate * 100).toFixed(3)}%`;
    } else {
      canary = `${qLabel} ${quantileBound(cTail, q)}`;
      baseline = `${qLabel} ${quantileBound(bTail, q)}`;
      if (c.check === "latencySlo" && cfg.latencySlo)
        threshold = `${qLabel} < ${fmtSeconds(cfg.latencySlo.seconds)}`;
    }
    const e =
      c.promoteLogE === undefined ? formatE(c.logE) : `${formatE(c.logE)} / ${formatE(c.promoteLogE)}`;
    return [CHECK_LABEL[c.check], canary, baseline, threshold, e, verdict(c, decision)];
  });
  s.table(["check", "canary", "baseline", "limit", "e-value (rollback / promote)", "verdict"], rows, [
    "l",
    "l",
    "l",
    "l",
    "r",
    "l",
  ]);
  const n = last.nMin === null ? "" : `; a promote needs ${last.nMin} canary requests (min-effect)`;
  s.paragraph(
    `Canary ${last.nC} requests, baseline ${last.nB}${n}. A check rolls back when its e-value reaches ` +
      `${formatE(last.checks[0]?.threshold ?? 0)} (K/α with ${last.checks.length} checks at α = ${cfg.alpha}).`,
  );
  const judged = run.records.filter((r) => r.phase === "analysis");
  // Over a few ticks the table says it all; a chart shows the course of a longer step.
  if (judged.length >= 8) {
    for (const c of last.checks) {
      const points = downsample(judged, 60);
      s.lineChart(
        `${CHECK_LABEL[c.check]}: log E (blue) and the rollback line (red)`,
        points.map((r) => r.t),
        [
          points.map((r) => r.checks.find((x) => x.check === c.check)?.logE ?? 0),
          points.map(() => c.threshold),
        ],
        { x: "seconds", y: "log E" },
      );
    }
  }
  s.details(`Every tick (${run.records.length})`, tickTable(run.records));
  return s;
}

function downsample<T>(xs: readonly T[], max: number): T[] {
  if (xs.length <= max) return [...xs];
  const step = (xs.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => xs[Math.round(i * step)] as T);
}

function tickTable(records: readonly TickRecord[]): Summary {
  const checks = records.at(-1)?.checks.map((c) => c.check) ?? [];
  return new Summary().table(
    [
      "t",
      "phase",
      "data",
      "canary Δn / Δerr",
      "baseline Δn / Δerr",
      ...checks.map((c) => `ln E ${c}`),
      "decision",
    ],
    records.map((r) => [
      r.t,
      r.phase,
      r.valid ? "ok" : (r.invalid ?? "invalid"),
      r.canary ? `${r.canary.n} / ${r.canary.errors}` : "—",
      r.baseline ? `${r.baseline.n} / ${r.baseline.errors}` : "—",
      ...checks.map((c) => {
        const x = r.checks.find((y) => y.check === c);
        return x ? x.logE.toFixed(3) : "—";
      }),
      r.decision,
    ]),
  );
}
