// The per-tick decision of canary-gate: state and one tick in, new state and PROMOTE / HOLD /
// ROLLBACK out, with the reasons a person reads in the job summary. Pure: no clock, no I/O,
// no randomness; the same ticks always give the same decisions.
//
// Choices CANARY.md leaves open, made here:
// - Latency boundaries S are fixed at the first analysed tick (the first valid tick after
//   warm-up with counters to compare against), from the baseline's cumulative histogram
//   since its process started: the finite boundaries at or above that histogram's median. A
//   whole process lifetime is a steadier median than one tick's delta, and S must not move
//   with the data the test then bets on.
// - The latency test always uses the share bet, whatever `errorTest` says: slow requests come
//   in clusters (a GC pause, a slow dependency), which the per-request mixture does not allow.
// - CANARY.md defines one minimum sample, from the baseline's error rate; it guards a
//   PROMOTE whenever either relative check (error rate, latency) is on, with the canary's
//   request count as n_c.
// - "The baseline violates the ceiling" is the baseline's own rollback-side test, on its own
//   counts, crossing the same threshold. Once it has, for the rest of the step, the canary's
//   crossing of that absolute check gives HOLD instead of ROLLBACK: after a shared incident
//   the check cannot tell the canary's share of it. The relative checks still compare the
//   two arms, and the check's promote side still has to be met. The latency SLO gets the same
//   treatment as the error ceiling.

import { CHECK_ORDER, configProblems, DEFAULTS, enabledChecks, minEffectOf } from "./config.js";
import { armDelta, commonLayout, cumulativeAt } from "./counters.js";
import {
  type BernoulliMixture,
  logMeanExp,
  logSumExp,
  mixtureAbove,
  mixtureBelow,
  nullShare,
  rateRatios,
  SHARE_BETS,
  updateBernoulli,
  updatePerRequest,
  updateShareBet,
  zeros,
} from "./eprocess.js";
import { minimumSample, type SampleConstants, sampleConstants } from "./nmin.js";
import type {
  AbsoluteState,
  ArmDelta,
  CheckName,
  CheckRecord,
  CheckStates,
  Decision,
  GateConfig,
  GateState,
  StepResult,
  TickInput,
  TickRecord,
} from "./types.js";

/** What a configuration implies, computed once per configuration object. */
interface Derived {
  checks: CheckName[];
  on: Record<CheckName, boolean>;
  /** ln(K/α) and ln(K/β). */
  rollbackAt: number;
  promoteAt: number;
  minEffect: number;
  nMin: SampleConstants;
  ratios: number[];
  ceilingAbove: BernoulliMixture;
  ceilingBelow: BernoulliMixture;
  sloAbove: BernoulliMixture | null;
  sloBelow: BernoulliMixture | null;
}

const derivedCache = new WeakMap<GateConfig, Derived>();

/** The configuration is treated as immutable: derived settings are kept per object. */
function derive(cfg: GateConfig): Derived {
  const cached = derivedCache.get(cfg);
  if (cached) return cached;
  const problems = configProblems(cfg);
  if (problems.length > 0) throw new Error(`invalid canary-gate configuration: ${problems.join("; ")}`);
  const checks = enabledChecks(cfg);
  const K = checks.length;
  const on = Object.fromEntries(CHECK_ORDER.map((c) => [c, checks.includes(c)])) as Record<
    CheckName,
    boolean
  >;
  const p0 = cfg.latencySlo ? 1 - cfg.latencySlo.q : null;
  const d: Derived = {
    checks,
    on,
    rollbackAt: Math.log(K / cfg.alpha),
    promoteAt: Math.log(K / cfg.beta),
    minEffect: minEffectOf(cfg),
    nMin: sampleConstants(K, cfg.alpha, cfg.beta),
    ratios: rateRatios(cfg.r0),
    ceilingAbove: mixtureAbove(cfg.maxErrorRate),
    ceilingBelow: mixtureBelow(cfg.maxErrorRate),
    sloAbove: p0 === null ? null : mixtureAbove(p0),
    sloBelow: p0 === null ? null : mixtureBelow(p0),
  };
  derivedCache.set(cfg, d);
  return d;
}

function absolute(above: BernoulliMixture, below: BernoulliMixture): AbsoluteState {
  return {
    rollback: zeros(above.rates.length),
    promote: zeros(below.rates.length),
    baseline: zeros(above.rates.length),
    baselineBroke: false,
  };
}

export function initialState(cfg: GateConfig): GateState {
  const d = derive(cfg);
  const checks: CheckStates = {};
  if (d.on.errorRate)
    checks.errorRate = zeros(cfg.errorTest === "share" ? SHARE_BETS.length : d.ratios.length);
  if (d.on.errorCeiling) checks.errorCeiling = absolute(d.ceilingAbove, d.ceilingBelow);
  if (d.on.latency) checks.latency = [];
  if (d.on.latencySlo && d.sloAbove && d.sloBelow) checks.latencySlo = absolute(d.sloAbove, d.sloBelow);
  return {
    ticks: 0,
    lastT: null,
    analysedTicks: 0,
    lastValidT: 0,
    canaryDown: 0,
    prev: null,
    totals: { nC: 0, eC: 0, nB: 0, eB: 0, hC: 0, hB: 0 },
    layout: null,
    latencyBounds: null,
    sloBounds: null,
    warnings: [],
    checks,
    decision: "hold",
    final: false,
  };
}

function cloneAbsolute(a: AbsoluteState): AbsoluteState {
  return {
    rollback: a.rollback.slice(),
    promote: a.promote.slice(),
    baseline: a.baseline.slice(),
    baselineBroke: a.baselineBroke,
  };
}

/** A copy the step may change; arrays it never changes in place (layouts, memories) are shared. */
function cloneState(s: GateState): GateState {
  const c = s.checks;
  const checks: CheckStates = {};
  if (c.errorRate) checks.errorRate = c.errorRate.slice();
  if (c.errorCeiling) checks.errorCeiling = cloneAbsolute(c.errorCeiling);
  if (c.latency) checks.latency = c.latency.map((l) => l.slice());
  if (c.latencySlo) checks.latencySlo = cloneAbsolute(c.latencySlo);
  return { ...s, totals: { ...s.totals }, warnings: s.warnings.slice(), checks };
}

// --- Sentences -------------------------------------------------------------------------------

function fmtE(logE: number): string {
  const e = Math.exp(logE);
  if (e >= 1e6) return `e^${logE.toFixed(1)}`;
  if (e >= 100) return e.toFixed(0);
  if (e >= 0.01) return e.toPrecision(3);
  return e.toExponential(1);
}

function pct(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  const p = x * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(1) : p.toPrecision(2)}%`;
}

function rate(e: number, n: number): string {
  return `${e}/${n} = ${n > 0 ? pct(e / n) : "n/a"}`;
}

/** p99 for q = 0.99, p99.9 for 0.999. */
function quantileName(q: number): string {
  return `p${Number((q * 100).toPrecision(10))}`;
}

function seconds(x: number): string {
  return `${Number(x.toPrecision(6))} s`;
}

const LABEL: Record<CheckName, string> = {
  errorRate: "error rate",
  errorCeiling: "error ceiling",
  latency: "latency",
  latencySlo: "latency SLO",
};

// --- The step --------------------------------------------------------------------------------

/** Fixes the latency layout, S and the SLO boundaries at the first analysed tick. */
function fixBoundaries(
  cfg: GateConfig,
  d: Derived,
  s: GateState,
  canary: TickInput["canary"] & { ok: true },
  baseline: TickInput["baseline"] & { ok: true },
): void {
  if (s.layout !== null || !(d.on.latency || d.on.latencySlo)) return;
  const layout = commonLayout([canary.instances, baseline.instances]);
  s.layout = layout;
  if (layout.length === 0)
    s.warnings.push(
      "latency: the latency histograms share no finite bucket boundary; latency cannot be judged",
    );
  if (d.on.latencySlo && cfg.latencySlo) {
    const T = cfg.latencySlo.seconds;
    const q = cfg.latencySlo.q;
    const upper = layout.find((b) => b >= T) ?? null;
    const lower = [...layout].reverse().find((b) => b <= T) ?? null;
    s.sloBounds = { upper, lower };
    if (upper === null)
      s.warnings.push(
        `latency SLO: no bucket boundary at or above ${seconds(T)}, so the SLO can never roll back: add a bucket le=${T}`,
      );
    if (lower === null)
      s.warnings.push(
        `latency SLO: no bucket boundary at or below ${seconds(T)}, so the SLO can never be met: add a bucket le=${T}`,
      );
    else if (lower !== T)
      s.warnings.push(
        `latency SLO: ${seconds(T)} is not a bucket boundary; a canary whose ${quantileName(q)} lies between ${seconds(lower)} and ${seconds(T)} can never be promoted on the SLO: add a bucket le=${T}`,
      );
  }
}

/** S: the finite boundaries at or above the baseline's median, from its cumulative histogram. */
function fixLatencyBounds(s: GateState, baseline: TickInput["baseline"] & { ok: true }): void {
  if (s.latencyBounds !== null || !s.checks.latency || s.layout === null) return;
  const { count, cum } = cumulativeAt(baseline.instances, s.layout);
  if (count <= 0) return; // no baseline latency yet: try again next tick
  const from = cum.findIndex((c) => c >= count / 2);
  s.latencyBounds = from < 0 ? [] : s.layout.slice(from);
  s.checks.latency = s.latencyBounds.map(() => zeros(SHARE_BETS.length));
  if (s.latencyBounds.length === 0)
    s.warnings.push(
      "latency: the baseline's median is above every finite bucket boundary; the relative latency check cannot judge",
    );
}

interface Evaluated {
  records: CheckRecord[];
  /** Rollback-side crossings the canary is blamed for. */
  rollback: string[];
  /** Absolute checks crossed while the baseline broke them too. */
  shared: string[];
  /** Promote sides not yet met. */
  promoteMissing: string[];
}

function latencyLogE(L: number[][]): number {
  if (L.length === 0) return 0;
  return logSumExp(L.map(logMeanExp)) - Math.log(L.length);
}

function evaluate(cfg: GateConfig, d: Derived, s: GateState): Evaluated {
  const out: Evaluated = { records: [], rollback: [], shared: [], promoteMissing: [] };
  const t = s.totals;
  const ra = d.rollbackAt;
  const pa = d.promoteAt;
  const c = s.checks;
  if (c.errorRate) {
    const logE = logMeanExp(c.errorRate);
    out.records.push({ check: "errorRate", logE, threshold: ra });
    if (logE >= ra)
      out.rollback.push(
        `error rate: the canary fails more often than the baseline (E = ${fmtE(logE)} ≥ ${fmtE(ra)}; canary ${rate(t.eC, t.nC)}, baseline ${rate(t.eB, t.nB)})`,
      );
  }
  const abs = (
    name: "errorCeiling" | "latencySlo",
    a: AbsoluteState,
    what: string,
    level: number,
    limit: string,
  ) => {
    const logE = logMeanExp(a.rollback);
    const promoteLogE = logMeanExp(a.promote);
    const baselineLogE = logMeanExp(a.baseline);
    if (baselineLogE >= ra) a.baselineBroke = true;
    out.records.push({ check: name, logE, threshold: ra, promoteLogE, promoteThreshold: pa, baselineLogE });
    if (logE >= ra) {
      if (a.baselineBroke)
        out.shared.push(
          `${LABEL[name]}: the canary's ${what} is above ${pct(level)} (E = ${fmtE(logE)}), but the baseline violates the ${limit} too: a shared incident, not the canary, so holding`,
        );
      else
        out.rollback.push(
          `${LABEL[name]}: the canary's ${what} is above ${pct(level)} (E = ${fmtE(logE)} ≥ ${fmtE(ra)})`,
        );
    }
    if (promoteLogE < pa)
      out.promoteMissing.push(
        `${LABEL[name]}: not yet shown that the canary's ${what} is below ${pct(level)} (E = ${fmtE(promoteLogE)} of ${fmtE(pa)} needed)`,
      );
  };
  if (c.errorCeiling) abs("errorCeiling", c.errorCeiling, "error rate", cfg.maxErrorRate, "ceiling");
  if (c.latency) {
    const logE = latencyLogE(c.latency);
    out.records.push({ check: "latency", logE, threshold: ra });
    if (logE >= ra)
      out.rollback.push(
        `latency: more of the canary's requests are slower than the baseline's (E = ${fmtE(logE)} ≥ ${fmtE(ra)}, over the boundaries ${(s.latencyBounds ?? []).join(", ")} s)`,
      );
  }
  if (c.latencySlo && cfg.latencySlo) {
    const slo = cfg.latencySlo;
    const b = s.sloBounds;
    abs(
      "latencySlo",
      c.latencySlo,
      `share of requests slower than ${b?.upper ?? slo.seconds} s`,
      1 - slo.q,
      "SLO",
    );
  }
  return out;
}

interface MinimumSample {
  /** Canary requests needed (rounded up), or Infinity when not yet known. */
  need: number;
  /** Canary requests so far. */
  have: number;
}

/** n_min, when a relative check is on. */
function minimumSampleOf(cfg: GateConfig, d: Derived, s: GateState): MinimumSample | null {
  if (!d.on.errorRate && !d.on.latency) return null;
  const t = s.totals;
  const n = minimumSample(
    {
      baselineRate: (t.eB + 1) / (t.nB + 2),
      share: t.nC / (t.nC + t.nB),
      minEffect: d.minEffect,
      r0: cfg.r0,
      checks: d.checks.length,
      alpha: cfg.alpha,
      beta: cfg.beta,
      kappa: cfg.errorTest === "share" ? 1.1 : 1,
    },
    d.nMin,
  );
  return { have: t.nC, need: Number.isFinite(n) ? Math.ceil(n) : Number.POSITIVE_INFINITY };
}

function nMinOf(sample: MinimumSample | null): number | null {
  return sample && Number.isFinite(sample.need) ? sample.need : null;
}

function updateChecks(
  cfg: GateConfig,
  d: Derived,
  s: GateState,
  c: { n: number; errors: number; latencyCount: number; exceedances: number[] },
  b: { n: number; errors: number; latencyCount: number; exceedances: number[] },
): void {
  const k = s.checks;
  const m = c.errors + b.errors;
  if (k.errorRate && m > 0 && c.n + b.n > 0) {
    const pi = c.n / (c.n + b.n);
    if (cfg.errorTest === "share") {
      if (c.n > 0 && b.n > 0) updateShareBet(k.errorRate, c.errors, m, nullShare(pi, cfg.r0));
    } else updatePerRequest(k.errorRate, d.ratios, cfg.r0, c.errors, m, pi);
  }
  if (k.errorCeiling) {
    updateBernoulli(k.errorCeiling.rollback, d.ceilingAbove, c.errors, c.n);
    updateBernoulli(k.errorCeiling.promote, d.ceilingBelow, c.errors, c.n);
    updateBernoulli(k.errorCeiling.baseline, d.ceilingAbove, b.errors, b.n);
  }
  const layout = s.layout ?? [];
  if (k.latency && s.latencyBounds && c.latencyCount > 0 && b.latencyCount > 0) {
    const theta0 = nullShare(c.latencyCount / (c.latencyCount + b.latencyCount), cfg.r0);
    const offset = layout.length - s.latencyBounds.length;
    for (let i = 0; i < s.latencyBounds.length; i++) {
      const eC = c.exceedances[offset + i] as number;
      const events = eC + (b.exceedances[offset + i] as number);
      if (events > 0) updateShareBet(k.latency[i] as number[], eC, events, theta0);
    }
  }
  if (k.latencySlo && s.sloBounds && d.sloAbove && d.sloBelow) {
    const { upper, lower } = s.sloBounds;
    if (upper !== null) {
      const i = layout.indexOf(upper);
      updateBernoulli(k.latencySlo.rollback, d.sloAbove, c.exceedances[i] as number, c.latencyCount);
      updateBernoulli(k.latencySlo.baseline, d.sloAbove, b.exceedances[i] as number, b.latencyCount);
    }
    if (lower !== null) {
      const i = layout.indexOf(lower);
      updateBernoulli(k.latencySlo.promote, d.sloBelow, c.exceedances[i] as number, c.latencyCount);
    }
  }
}

function unavailable(tick: TickInput): string | null {
  if (tick.sourceDown !== undefined) return `the metric source is down: ${tick.sourceDown}`;
  const { canary, baseline } = tick;
  if (!canary.ok && !baseline.ok)
    return `no usable data from either arm (canary: ${canary.reason}; baseline: ${baseline.reason})`;
  if (!canary.ok)
    return canary.unreachable
      ? `the canary did not answer: ${canary.reason}`
      : `the canary's metrics are unusable: ${canary.reason}`;
  if (!baseline.ok)
    return baseline.unreachable
      ? `the baseline did not answer: ${baseline.reason}`
      : `the baseline's metrics are unusable: ${baseline.reason}`;
  return null;
}

export function step(cfg: GateConfig, state: GateState, tick: TickInput): StepResult {
  const d = derive(cfg);
  if (state.final) throw new Error(`canary-gate: step() after the final decision (${state.decision})`);
  if (!Number.isFinite(tick.t) || (state.lastT !== null && !(tick.t > state.lastT)))
    throw new Error(`canary-gate: tick times must increase (got ${tick.t} after ${state.lastT})`);
  const s = cloneState(state);
  s.ticks++;
  s.lastT = tick.t;
  const warm = tick.t <= cfg.warmup;
  const reasons: string[] = [];
  let invalid: string | undefined;
  let analysed = false;
  let canaryDelta: ArmDelta | undefined;
  let baselineDelta: ArmDelta | undefined;
  let decision: Decision = "hold";
  let final = false;
  let evaluated: Evaluated | null = null;
  let sample: MinimumSample | null = null;

  const down = unavailable(tick);
  const canaryGone =
    tick.sourceDown === undefined && !tick.canary.ok && tick.canary.unreachable && tick.baseline.ok;
  s.canaryDown = canaryGone && !warm ? s.canaryDown + 1 : 0;

  if (down !== null) {
    invalid = down;
  } else if (tick.canary.ok && tick.baseline.ok) {
    const hadPrev = s.prev !== null;
    const needLatency = d.on.latency || d.on.latencySlo;
    if (!warm && hadPrev) fixBoundaries(cfg, d, s, tick.canary, tick.baseline);
    const layout = warm || !hadPrev ? null : s.layout;
    const c = armDelta(s.prev?.canary ?? null, tick.canary.instances, {
      arm: "the canary",
      layout,
      needLatency,
    });
    const b = armDelta(s.prev?.baseline ?? null, tick.baseline.instances, {
      arm: "the baseline",
      layout,
      needLatency,
    });
    if (!c.ok || !b.ok) {
      invalid = !c.ok ? c.reason : (b as { reason: string }).reason;
      // An invalid tick fixes nothing either.
      s.layout = state.layout;
      s.sloBounds = state.sloBounds;
      s.warnings = state.warnings.slice();
    } else {
      s.prev = { canary: c.memory, baseline: b.memory };
      s.lastValidT = tick.t;
      if (warm) reasons.push(`warming up (until ${seconds(cfg.warmup)}): counters recorded, not judged`);
      else if (!hadPrev)
        reasons.push("first valid data of the step: counters recorded, judged from the next tick");
      else {
        analysed = true;
        fixLatencyBounds(s, tick.baseline);
        canaryDelta = {
          n: c.n,
          errors: c.errors,
          latencyCount: c.latencyCount,
          exceedances: c.exceedances,
          resets: c.resets,
        };
        baselineDelta = {
          n: b.n,
          errors: b.errors,
          latencyCount: b.latencyCount,
          exceedances: b.exceedances,
          resets: b.resets,
        };
        const t = s.totals;
        t.nC += c.n;
        t.eC += c.errors;
        t.nB += b.n;
        t.eB += b.errors;
        t.hC += c.latencyCount;
        t.hB += b.latencyCount;
        updateChecks(cfg, d, s, c, b);
        s.analysedTicks++;
      }
    }
  }

  if (invalid !== undefined) {
    reasons.push(`${invalid}; this tick is not used (the next valid tick covers it)`);
    const gap = tick.t - s.lastValidT;
    if (gap >= cfg.maxGap)
      reasons.unshift(`stale: no valid data for ${seconds(gap)} (max-gap ${seconds(cfg.maxGap)})`);
  }

  if (s.canaryDown >= DEFAULTS.unreachableTicks) {
    decision = "rollback";
    final = true;
    reasons.unshift(`the canary did not answer for ${s.canaryDown} ticks in a row while the baseline did`);
  } else if (analysed) {
    evaluated = evaluate(cfg, d, s);
    sample = minimumSampleOf(cfg, d, s);
    if (evaluated.rollback.length > 0) {
      decision = "rollback";
      final = true;
      reasons.push(...evaluated.rollback);
    } else {
      reasons.push(...evaluated.shared);
      const blockers = holdBlockers(cfg, d, s, evaluated, sample);
      if (blockers.length === 0 && evaluated.shared.length === 0) {
        decision = "promote";
        final = true;
        reasons.push(promoteReason(cfg, s, sample));
      } else reasons.push(...blockers);
    }
  }

  if (!final && tick.t >= cfg.deadline) {
    final = true;
    if (!evaluated) {
      evaluated = evaluate(cfg, d, s);
      sample = minimumSampleOf(cfg, d, s);
    }
    const blockers = holdBlockers(cfg, d, s, evaluated, sample);
    reasons.unshift(`no decision by the deadline (${seconds(cfg.deadline)}): the step fails`);
    for (const b of blockers) if (!reasons.includes(b)) reasons.push(b);
  }

  s.decision = decision;
  s.final = final;
  const record: TickRecord = {
    t: tick.t,
    phase: warm ? "warmup" : "analysis",
    valid: invalid === undefined,
    ...(invalid !== undefined ? { invalid } : {}),
    ...(canaryDelta ? { canary: canaryDelta } : {}),
    ...(baselineDelta ? { baseline: baselineDelta } : {}),
    layout: s.layout,
    nC: s.totals.nC,
    nB: s.totals.nB,
    eC: s.totals.eC,
    eB: s.totals.eB,
    checks: (evaluated ?? evaluate(cfg, d, s)).records,
    nMin: nMinOf(sample ?? minimumSampleOf(cfg, d, s)),
    decision,
    final,
    reasons,
  };
  if (s.warnings.length > state.warnings.length) record.warnings = s.warnings.slice(state.warnings.length);
  return { state: s, decision, reasons, final, record };
}

/** Why a tick whose data is fine is not a PROMOTE (empty: it is one). */
function holdBlockers(
  cfg: GateConfig,
  d: Derived,
  s: GateState,
  ev: Evaluated,
  sample: MinimumSample | null,
): string[] {
  const out: string[] = [];
  if (s.analysedTicks < cfg.minTicks)
    out.push(`${s.analysedTicks} of ${cfg.minTicks} ticks analysed (min-ticks)`);
  if (sample && sample.have < sample.need)
    out.push(
      Number.isFinite(sample.need)
        ? `needs ${sample.need - sample.have} more canary requests (${sample.have} of the minimum sample ${sample.need}) before a ×${d.minEffect} regression would have shown`
        : "needs canary and baseline requests before the minimum sample can be known",
    );
  out.push(...ev.promoteMissing);
  if (s.checks.latencySlo && s.sloBounds === null) out.push("latency SLO: no latency data analysed yet");
  return out;
}

function promoteReason(cfg: GateConfig, s: GateState, sample: MinimumSample | null): string {
  const t = s.totals;
  const parts = [`no regression after ${s.analysedTicks} ticks`, `canary errors ${rate(t.eC, t.nC)}`];
  parts.push(`baseline ${rate(t.eB, t.nB)}`);
  const n = nMinOf(sample);
  if (n !== null) parts.push(`minimum sample ${n} canary requests met`);
  if (cfg.checks.errorCeiling && cfg.maxErrorRate < 1)
    parts.push(`error rate shown below ${pct(cfg.maxErrorRate)}`);
  if (cfg.checks.latencySlo && cfg.latencySlo)
    parts.push(`${quantileName(cfg.latencySlo.q)} shown at or below ${seconds(cfg.latencySlo.seconds)}`);
  return `promote: ${parts.join("; ")}`;
}
