// The minimum sample: how many canary requests a step needs before a HOLD may become a
// PROMOTE, i.e. before a regression of ratio r* would have been caught with probability
// ≥ 1 − β/K by the relative test. A normal approximation of the log-wealth of each grid
// alternative after m events gives the events needed; the request count follows from the
// event rate both arms produce per canary request.

import { GRID_SIZE } from "./eprocess.js";

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function tail(q: number): number {
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  return (
    (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
  );
}

/** Φ⁻¹(p), the standard normal quantile, for 0 < p < 1. */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`inverseNormalCdf: p must be in (0, 1), got ${p}`);
  if (p < P_LOW) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

export interface MinimumSampleInput {
  /** p̂_b = (e_b + 1)/(n_b + 2), the baseline's event rate. */
  baselineRate: number;
  /** π, the canary's cumulative share of requests. */
  share: number;
  /** r*, the regression ratio to be able to see. */
  minEffect: number;
  r0: number;
  /** Enabled checks: α and β are split over them. */
  checks: number;
  alpha: number;
  beta: number;
  /** 1.1 for the share bet (it needs ~10% more events than the likelihood ratio), 1 per request. */
  kappa: number;
}

/** The parts of n_min that depend only on the gate's settings. */
export interface SampleConstants {
  /** z = Φ⁻¹(1 − β/K). */
  z: number;
  /** c = ln(13·K/α), the log-wealth one grid alternative needs. */
  c: number;
}

export function sampleConstants(checks: number, alpha: number, beta: number): SampleConstants {
  return { z: inverseNormalCdf(1 - beta / checks), c: Math.log((GRID_SIZE * checks) / alpha) };
}

/**
 * Canary requests needed (not rounded): Infinity when no grid alternative separates r* from
 * r0 (r* ≤ r0) or the share is not in (0, 1). `k` saves recomputing the constants per tick.
 */
export function minimumSample(
  x: MinimumSampleInput,
  k: SampleConstants = sampleConstants(x.checks, x.alpha, x.beta),
): number {
  const { share: pi, minEffect, r0 } = x;
  if (!(pi > 0 && pi < 1)) return Number.POSITIVE_INFINITY;
  const { z, c } = k;
  const th0 = (r0 * pi) / (1 + pi * (r0 - 1));
  const th1 = (minEffect * pi) / (1 + pi * (minEffect - 1));
  let events = Number.POSITIVE_INFINITY;
  for (let j = 1; j <= GRID_SIZE; j++) {
    const r = r0 * 2 ** (j / 2);
    const th = (r * pi) / (1 + pi * (r - 1));
    const a = Math.log(th / th0);
    const b = Math.log((1 - th) / (1 - th0));
    const drift = th1 * a + (1 - th1) * b;
    if (!(drift > 0)) continue;
    const v = th1 * (1 - th1) * (a - b) ** 2;
    const s = (z * Math.sqrt(v) + Math.sqrt(z * z * v + 4 * drift * c)) / (2 * drift);
    events = Math.min(events, s * s);
  }
  const pB = x.baselineRate;
  return (x.kappa * events) / (minEffect * pB + (pB * (1 - pi)) / pi);
}
