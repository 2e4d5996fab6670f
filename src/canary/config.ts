// canary-gate's defaults and the derived settings the judge uses: which checks count, the
// thresholds they share, and the minimum effect r* a step must be able to see.

import type { CheckName, GateConfig } from "./types.js";

export const DEFAULTS = {
  errorTest: "share",
  r0: 1,
  maxErrorRate: 0.05,
  sloQuantile: 0.99,
  alpha: 0.05,
  beta: 0.05,
  warmup: 60,
  minTicks: 3,
  maxGap: 300,
  interval: 15,
  /** Consecutive ticks the canary may not answer (while the baseline does) before a ROLLBACK. */
  unreachableTicks: 2,
} as const;

/** Order in which checks appear in records and reasons. */
export const CHECK_ORDER: readonly CheckName[] = ["errorRate", "errorCeiling", "latency", "latencySlo"];

/**
 * r* when the user gives none: a step at a small weight sees few canary requests, so it can
 * only promise to see large regressions before its deadline.
 */
export function defaultMinEffect(weight: number): number {
  if (weight <= 0.1) return 5;
  if (weight <= 0.3) return 2;
  return 1.5;
}

export function minEffectOf(cfg: GateConfig): number {
  return cfg.minEffect ?? defaultMinEffect(cfg.weight);
}

/** The checks that count towards K. An error ceiling of 1 (100%) is off. */
export function enabledChecks(cfg: GateConfig): CheckName[] {
  return CHECK_ORDER.filter((c) => {
    if (!cfg.checks[c]) return false;
    if (c === "errorCeiling") return cfg.maxErrorRate < 1;
    return true;
  });
}

/** Fills canary-gate's defaults around what a step must say itself. */
export function gateConfig(given: Partial<GateConfig> & Pick<GateConfig, "weight" | "deadline">): GateConfig {
  return {
    checks: given.checks ?? {
      errorRate: true,
      errorCeiling: true,
      latency: true,
      latencySlo: given.latencySlo !== undefined,
    },
    errorTest: given.errorTest ?? DEFAULTS.errorTest,
    r0: given.r0 ?? DEFAULTS.r0,
    maxErrorRate: given.maxErrorRate ?? DEFAULTS.maxErrorRate,
    ...(given.latencySlo ? { latencySlo: given.latencySlo } : {}),
    ...(given.minEffect !== undefined ? { minEffect: given.minEffect } : {}),
    weight: given.weight,
    alpha: given.alpha ?? DEFAULTS.alpha,
    beta: given.beta ?? DEFAULTS.beta,
    warmup: given.warmup ?? DEFAULTS.warmup,
    minTicks: given.minTicks ?? DEFAULTS.minTicks,
    maxGap: given.maxGap ?? DEFAULTS.maxGap,
    deadline: given.deadline,
    interval: given.interval ?? DEFAULTS.interval,
  };
}

/** What is wrong with a configuration, as sentences; empty when it is usable. */
export function configProblems(cfg: GateConfig): string[] {
  const p: string[] = [];
  const prob = (name: string, v: number) => {
    if (!(v > 0 && v < 1)) p.push(`${name} must be between 0 and 1 (exclusive), got ${v}`);
  };
  prob("alpha", cfg.alpha);
  prob("beta", cfg.beta);
  if (!(cfg.r0 > 0 && Number.isFinite(cfg.r0))) p.push(`r0 must be a positive number, got ${cfg.r0}`);
  if (!(cfg.maxErrorRate > 0 && cfg.maxErrorRate <= 1))
    p.push(`the error ceiling must be in (0, 1], got ${cfg.maxErrorRate}`);
  if (!(cfg.weight >= 0 && cfg.weight <= 1)) p.push(`weight must be in [0, 1], got ${cfg.weight}`);
  const rStar = minEffectOf(cfg);
  if (!(rStar > cfg.r0 && Number.isFinite(rStar)))
    p.push(`the minimum effect r* must be above r0 (${cfg.r0}), got ${rStar}`);
  if (cfg.checks.latencySlo) {
    if (!cfg.latencySlo) p.push("the latency SLO check is on but no SLO (quantile and seconds) is set");
    else {
      prob("the SLO quantile", cfg.latencySlo.q);
      if (!(cfg.latencySlo.seconds > 0 && Number.isFinite(cfg.latencySlo.seconds)))
        p.push(`the SLO latency must be a positive number of seconds, got ${cfg.latencySlo.seconds}`);
    }
  }
  for (const k of ["warmup", "maxGap", "deadline", "interval"] as const)
    if (!(cfg[k] >= 0 && Number.isFinite(cfg[k])))
      p.push(`${k} must be a non-negative number, got ${cfg[k]}`);
  if (!(cfg.interval > 0)) p.push(`interval must be positive, got ${cfg.interval}`);
  if (!(Number.isInteger(cfg.minTicks) && cfg.minTicks >= 0))
    p.push(`minTicks must be a non-negative integer, got ${cfg.minTicks}`);
  if (enabledChecks(cfg).length === 0) p.push("no check is enabled");
  return p;
}
