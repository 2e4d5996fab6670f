// The e-processes behind canary-gate. Each keeps a vector of log-wealths, one per bet or per
// alternative, starting at 0 (E_0 = 1); the e-value is their mean, taken in log space. By
// Ville's inequality a process whose expectation stays ≤ 1 under H0 crosses 1/α with
// probability ≤ α however often it is looked at.
//
// The update functions add one tick to a log-wealth vector in place; the judge hands them
// its own copy of the state.

/** Bet fractions of the share bet, mixed with equal weights. */
export const SHARE_BETS: readonly number[] = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];

/** Alternatives per mixture: r0·2^(j/2) or X·2^(∓j/2), j = 1..13. */
export const GRID_SIZE = 13;

/** ln Σ exp(x), without overflow; −Infinity for an empty list. */
export function logSumExp(xs: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > max) max = x;
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  let sum = 0;
  for (const x of xs) sum += Math.exp(x - max);
  return max + Math.log(sum);
}

/** ln of the mean of exp(x): the log e-value of an equal-weight mixture. */
export function logMeanExp(xs: readonly number[]): number {
  return logSumExp(xs) - Math.log(xs.length);
}

export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

// --- Relative tests: the canary's share of the events both arms saw in one tick ---------------

/**
 * The canary's expected share of a tick's events under H0 (p_canary = r0·p_baseline), given
 * its share π of the tick's requests: r0·π / (1 + π(r0 − 1)), which is π when r0 = 1.
 */
export function nullShare(pi: number, r0: number): number {
  return (r0 * pi) / (1 + pi * (r0 - 1));
}

/**
 * Share bet: given m events in a tick, the canary's count is hypergeometric with mean m·θ0
 * under H0 however the event rate moves, so betting a fraction f of the wealth on
 * (e_c/m)/θ0 − 1 is fair. Call only with m > 0 and both arms serving.
 */
export function updateShareBet(L: number[], eC: number, m: number, theta0: number): void {
  const z = eC / m / theta0 - 1;
  for (let i = 0; i < L.length; i++) L[i] = (L[i] as number) + Math.log1p((SHARE_BETS[i] as number) * z);
}

/** Rate ratios of the per-request mixture: r0·2^(j/2), j = 1..13. */
export function rateRatios(r0: number): number[] {
  return Array.from({ length: GRID_SIZE }, (_, i) => r0 * 2 ** ((i + 1) / 2));
}

/**
 * Per-request mixture likelihood ratio: given m events, e_c is binomial(m, θ(r)); each
 * alternative r_j against r0. Assumes independent requests (not valid for clustered errors).
 */
export function updatePerRequest(
  l: number[],
  ratios: readonly number[],
  r0: number,
  eC: number,
  m: number,
  pi: number,
): void {
  const null0 = Math.log1p(pi * (r0 - 1));
  for (let j = 0; j < l.length; j++) {
    const r = ratios[j] as number;
    l[j] = (l[j] as number) + eC * Math.log(r / r0) - m * (Math.log1p(pi * (r - 1)) - null0);
  }
}

// --- Absolute tests: the canary's own rate against a fixed level X ---------------------------

/** Coefficients of a Bernoulli mixture: per event ln(p_j/X), per non-event ln((1 − p_j)/(1 − X)). */
export interface BernoulliMixture {
  level: number;
  rates: number[];
  event: number[];
  nonEvent: number[];
}

function bernoulli(level: number, rates: number[]): BernoulliMixture {
  return {
    level,
    rates,
    event: rates.map((p) => Math.log(p / level)),
    nonEvent: rates.map((p) => Math.log((1 - p) / (1 - level))),
  };
}

/**
 * Evidence that the rate is above X (H0: p ≤ X): alternatives p_j = X·2^(j/2), keeping those
 * below 1 (eight of them at X = 0.05, all thirteen at X = 0.01). Per request this is the
 * share bet on u/X − 1 with the fraction (p_j − X)/(1 − X).
 */
export function mixtureAbove(level: number): BernoulliMixture {
  const rates: number[] = [];
  for (let j = 1; j <= GRID_SIZE; j++) {
    const p = level * 2 ** (j / 2);
    if (p < 1) rates.push(p);
  }
  if (rates.length === 0) rates.push((1 + level) / 2);
  return bernoulli(level, rates);
}

/** Evidence that the rate is below X (H0: p ≥ X): alternatives p_j = X/2^(j/2), j = 1..13. */
export function mixtureBelow(level: number): BernoulliMixture {
  return bernoulli(
    level,
    Array.from({ length: GRID_SIZE }, (_, i) => level / 2 ** ((i + 1) / 2)),
  );
}

/** Adds `events` out of `n` trials to a Bernoulli mixture's log-wealths. */
export function updateBernoulli(l: number[], mix: BernoulliMixture, events: number, n: number): void {
  const rest = n - events;
  for (let j = 0; j < l.length; j++) {
    l[j] = (l[j] as number) + events * (mix.event[j] as number) + rest * (mix.nonEvent[j] as number);
  }
}
