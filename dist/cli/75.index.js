export const id = 75;
export const ids = [75,411];
export const modules = {

/***/ 49075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  canaryGate: () => (/* binding */ canaryGate),
  eValues: () => (/* binding */ eValues),
  planGate: () => (/* binding */ planGate),
  tickLine: () => (/* binding */ tickLine)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/canary/config.ts
// canary-gate's defaults and the derived settings the judge uses: which checks count, the
// thresholds they share, and the minimum effect r* a step must be able to see.
const DEFAULTS = {
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
};
/** Order in which checks appear in records and reasons. */
const CHECK_ORDER = ["errorRate", "errorCeiling", "latency", "latencySlo"];
/**
 * r* when the user gives none: a step at a small weight sees few canary requests, so it can
 * only promise to see large regressions before its deadline.
 */
function defaultMinEffect(weight) {
    if (weight <= 0.1)
        return 5;
    if (weight <= 0.3)
        return 2;
    return 1.5;
}
function minEffectOf(cfg) {
    return cfg.minEffect ?? defaultMinEffect(cfg.weight);
}
/** The checks that count towards K. An error ceiling of 1 (100%) is off. */
function enabledChecks(cfg) {
    return CHECK_ORDER.filter((c) => {
        if (!cfg.checks[c])
            return false;
        if (c === "errorCeiling")
            return cfg.maxErrorRate < 1;
        return true;
    });
}
/** Fills canary-gate's defaults around what a step must say itself. */
function gateConfig(given) {
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
function configProblems(cfg) {
    const p = [];
    const prob = (name, v) => {
        if (!(v > 0 && v < 1))
            p.push(`${name} must be between 0 and 1 (exclusive), got ${v}`);
    };
    prob("alpha", cfg.alpha);
    prob("beta", cfg.beta);
    if (!(cfg.r0 > 0 && Number.isFinite(cfg.r0)))
        p.push(`r0 must be a positive number, got ${cfg.r0}`);
    if (!(cfg.maxErrorRate > 0 && cfg.maxErrorRate <= 1))
        p.push(`the error ceiling must be in (0, 1], got ${cfg.maxErrorRate}`);
    if (!(cfg.weight >= 0 && cfg.weight <= 1))
        p.push(`weight must be in [0, 1], got ${cfg.weight}`);
    const rStar = minEffectOf(cfg);
    if (!(rStar > cfg.r0 && Number.isFinite(rStar)))
        p.push(`the minimum effect r* must be above r0 (${cfg.r0}), got ${rStar}`);
    if (cfg.checks.latencySlo) {
        if (!cfg.latencySlo)
            p.push("the latency SLO check is on but no SLO (quantile and seconds) is set");
        else {
            prob("the SLO quantile", cfg.latencySlo.q);
            if (!(cfg.latencySlo.seconds > 0 && Number.isFinite(cfg.latencySlo.seconds)))
                p.push(`the SLO latency must be a positive number of seconds, got ${cfg.latencySlo.seconds}`);
        }
    }
    for (const k of ["warmup", "maxGap", "deadline", "interval"])
        if (!(cfg[k] >= 0 && Number.isFinite(cfg[k])))
            p.push(`${k} must be a non-negative number, got ${cfg[k]}`);
    if (!(cfg.interval > 0))
        p.push(`interval must be positive, got ${cfg.interval}`);
    if (!(Number.isInteger(cfg.minTicks) && cfg.minTicks >= 0))
        p.push(`minTicks must be a non-negative integer, got ${cfg.minTicks}`);
    if (enabledChecks(cfg).length === 0)
        p.push("no check is enabled");
    return p;
}

;// CONCATENATED MODULE: ./src/canary/counters.ts
// From raw cumulative counters to per-tick counts. Deltas are taken per series, per instance,
// and only then summed over an arm: a `sum` before the delta would hide one instance's reset.
// Anything that does not look like a healthy cumulative counter makes the whole tick invalid;
// the next valid tick's delta then covers the gap, because the counters are cumulative.
/** A decrease, or a changed process start time, is a reset: the counter restarted from 0. */
function counterDelta(prev, cur, restarted) {
    if (restarted || cur < prev)
        return { delta: cur, reset: true };
    return { delta: cur - prev, reset: false };
}
/** Why a histogram sample cannot be used, or null when it can. */
function histogramProblem(h) {
    if (!Number.isFinite(h.count) || h.count < 0)
        return `_count is ${h.count}`;
    if (h.buckets.length === 0)
        return "it has no buckets";
    let le = Number.NEGATIVE_INFINITY;
    let count = 0;
    for (const b of h.buckets) {
        if (Number.isNaN(b.le))
            return "a bucket boundary is NaN";
        if (!(b.le > le))
            return `its bucket boundaries are not strictly increasing (le=${b.le} after le=${le})`;
        if (!Number.isFinite(b.count) || b.count < 0)
            return `bucket le=${b.le} has count ${b.count}`;
        if (b.count < count)
            return `bucket counts decrease with le (le=${b.le} has ${b.count} < ${count})`;
        le = b.le;
        count = b.count;
    }
    if (le !== Number.POSITIVE_INFINITY)
        return "its last bucket is not le=+Inf";
    if (count !== h.count)
        return `its +Inf bucket (${count}) differs from _count (${h.count})`;
    return null;
}
function finiteLayout(h) {
    const les = [];
    for (const b of h.buckets)
        if (b.le !== Number.POSITIVE_INFINITY)
            les.push(b.le);
    return les;
}
function remember(h) {
    const les = [];
    const cum = [];
    for (const b of h.buckets) {
        if (b.le === Number.POSITIVE_INFINITY)
            continue;
        les.push(b.le);
        cum.push(b.count);
    }
    return { key: h.key, les, cum, count: h.count };
}
function sameLayout(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
/**
 * The delta of one valid histogram series against its previous sample: a decrease in any
 * bucket or in `_count` (or a restart) resets the whole histogram, and the delta is the
 * current sample. Returns a reason string when the layout changed.
 */
function histogramDelta(prev, cur, restarted) {
    return deltaOf(prev && remember(prev), remember(cur), restarted);
}
function deltaOf(prev, now, restarted) {
    if (prev && !sameLayout(prev.les, now.les))
        return `its bucket layout changed from [${prev.les.join(", ")}] to [${now.les.join(", ")}]`;
    let reset = restarted || !prev;
    if (prev && !reset) {
        if (now.count < prev.count)
            reset = true;
        else
            for (let i = 0; i < now.cum.length; i++)
                if (now.cum[i] < prev.cum[i]) {
                    reset = true;
                    break;
                }
    }
    const n = reset || !prev ? now.count : now.count - prev.count;
    const exceedances = now.cum.map((c, i) => n - (reset || !prev ? c : c - prev.cum[i]));
    return { n, exceedances, reset: reset && prev !== undefined };
}
/**
 * Checks one arm's snapshot and, given its previous counters, sums its per-series deltas.
 * Without previous counters (first valid tick) the counts are zero and only the memory is
 * set. A new instance only records its counters: its history before the step is not part of
 * the step. A new series on a known instance was created since the last tick and counts whole.
 */
function armDelta(prev, instances, opt) {
    const arm = opt.arm;
    const bad = (reason) => ({ ok: false, reason: `${arm}: ${reason}` });
    if (instances.length === 0)
        return bad("no data (the query returned no series)");
    const layout = opt.layout;
    const exceedances = layout ? new Array(layout.length).fill(0) : [];
    let n = 0;
    let errors = 0;
    let latencyCount = 0;
    let requestSeries = 0;
    let latencySeries = 0;
    const resets = [];
    const memory = [];
    const seen = new Set();
    for (const inst of instances) {
        const where = `instance ${inst.instance}`;
        if (seen.has(inst.instance))
            return bad(`${where} appears twice`);
        seen.add(inst.instance);
        if (inst.startTime !== null && !Number.isFinite(inst.startTime))
            return bad(`${where} has process start time ${inst.startTime}`);
        const before = prev?.instances.find((p) => p.instance === inst.instance);
        const restarted = before !== undefined &&
            before.startTime !== null &&
            inst.startTime !== null &&
            before.startTime !== inst.startTime;
        if (restarted)
            resets.push(`${where} restarted`);
        const counters = [];
        const keys = new Set();
        for (const s of inst.requests) {
            if (!Number.isFinite(s.value) || s.value < 0)
                return bad(`series ${s.key} on ${where} has value ${s.value}`);
            if (keys.has(s.key))
                return bad(`series ${s.key} appears twice on ${where}`);
            keys.add(s.key);
            counters.push({ key: s.key, value: s.value });
            requestSeries++;
            if (!before)
                continue;
            const old = before.counters.find((c) => c.key === s.key);
            const d = old ? counterDelta(old.value, s.value, restarted) : { delta: s.value, reset: false };
            if (d.reset && !restarted)
                resets.push(`series ${s.key} on ${where} reset`);
            n += d.delta;
            if (s.error)
                errors += d.delta;
        }
        const histograms = [];
        const hkeys = new Set();
        for (const h of inst.latency) {
            const problem = histogramProblem(h);
            if (problem)
                return bad(`histogram ${h.key} on ${where}: ${problem}`);
            if (hkeys.has(h.key))
                return bad(`histogram ${h.key} appears twice on ${where}`);
            hkeys.add(h.key);
            latencySeries++;
            const old = before?.histograms.find((x) => x.key === h.key);
            const mem = remember(h);
            const d = deltaOf(old, mem, restarted);
            if (typeof d === "string")
                return bad(`histogram ${h.key} on ${where}: ${d}`);
            histograms.push(mem);
            if (!before)
                continue;
            if (d.reset && !restarted)
                resets.push(`histogram ${h.key} on ${where} reset`);
            latencyCount += d.n;
            if (layout) {
                const exact = sameLayout(mem.les, layout);
                for (let i = 0; i < layout.length; i++) {
                    const at = exact ? i : mem.les.indexOf(layout[i]);
                    if (at < 0)
                        return bad(`histogram ${h.key} on ${where} has no bucket le=${layout[i]}`);
                    exceedances[i] = exceedances[i] + d.exceedances[at];
                }
            }
        }
        // A series seen before must still be there, unless the process restarted (its series
        // come back one by one as they are first incremented).
        if (before && !restarted) {
            for (const c of before.counters)
                if (!keys.has(c.key))
                    return bad(`series ${c.key} on ${where} is missing (it was there before)`);
            for (const h of before.histograms)
                if (!hkeys.has(h.key))
                    return bad(`histogram ${h.key} on ${where} is missing (it was there before)`);
        }
        memory.push({ instance: inst.instance, startTime: inst.startTime, counters, histograms });
    }
    if (prev)
        for (const p of prev.instances)
            if (!seen.has(p.instance))
                return bad(`instance ${p.instance} is missing (it was there before)`);
    if (requestSeries === 0)
        return bad("no request counters (the query returned no series)");
    if (opt.needLatency && latencySeries === 0)
        return bad("no latency histogram (the query returned no series)");
    if (errors > n)
        return bad(`more errors (${errors}) than requests (${n})`);
    return { ok: true, n, errors, latencyCount, exceedances, resets, memory: { instances: memory } };
}
/** The finite bucket boundaries every latency series of both arms has, ascending. */
function commonLayout(arms) {
    let common = null;
    for (const instances of arms)
        for (const inst of instances)
            for (const h of inst.latency) {
                const les = finiteLayout(h);
                common = common === null ? les : common.filter((b) => les.includes(b));
            }
    return common ?? [];
}
/**
 * The cumulative (since process start) histogram of one arm, summed over series and
 * instances at the given boundaries: used once, to find the baseline's median.
 */
function cumulativeAt(instances, layout) {
    const cum = new Array(layout.length).fill(0);
    let count = 0;
    for (const inst of instances)
        for (const h of inst.latency) {
            count += h.count;
            for (const b of h.buckets) {
                const i = layout.indexOf(b.le);
                if (i >= 0)
                    cum[i] = cum[i] + b.count;
            }
        }
    return { count, cum };
}

;// CONCATENATED MODULE: ./src/canary/eprocess.ts
// The e-processes behind canary-gate. Each keeps a vector of log-wealths, one per bet or per
// alternative, starting at 0 (E_0 = 1); the e-value is their mean, taken in log space. By
// Ville's inequality a process whose expectation stays ≤ 1 under H0 crosses 1/α with
// probability ≤ α however often it is looked at.
//
// The update functions add one tick to a log-wealth vector in place; the judge hands them
// its own copy of the state.
/** Bet fractions of the share bet, mixed with equal weights. */
const SHARE_BETS = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];
/** Alternatives per mixture: r0·2^(j/2) or X·2^(∓j/2), j = 1..13. */
const GRID_SIZE = 13;
/** ln Σ exp(x), without overflow; −Infinity for an empty list. */
function logSumExp(xs) {
    let max = Number.NEGATIVE_INFINITY;
    for (const x of xs)
        if (x > max)
            max = x;
    if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY)
        return max;
    let sum = 0;
    for (const x of xs)
        sum += Math.exp(x - max);
    return max + Math.log(sum);
}
/** ln of the mean of exp(x): the log e-value of an equal-weight mixture. */
function logMeanExp(xs) {
    return logSumExp(xs) - Math.log(xs.length);
}
function zeros(n) {
    return new Array(n).fill(0);
}
// --- Relative tests: the canary's share of the events both arms saw in one tick ---------------
/**
 * The canary's expected share of a tick's events under H0 (p_canary = r0·p_baseline), given
 * its share π of the tick's requests: r0·π / (1 + π(r0 − 1)), which is π when r0 = 1.
 */
function nullShare(pi, r0) {
    return (r0 * pi) / (1 + pi * (r0 - 1));
}
/**
 * Share bet: given m events in a tick, the canary's count is hypergeometric with mean m·θ0
 * under H0 however the event rate moves, so betting a fraction f of the wealth on
 * (e_c/m)/θ0 − 1 is fair. Call only with m > 0 and both arms serving.
 */
function updateShareBet(L, eC, m, theta0) {
    const z = eC / m / theta0 - 1;
    for (let i = 0; i < L.length; i++)
        L[i] = L[i] + Math.log1p(SHARE_BETS[i] * z);
}
/** Rate ratios of the per-request mixture: r0·2^(j/2), j = 1..13. */
function rateRatios(r0) {
    return Array.from({ length: GRID_SIZE }, (_, i) => r0 * 2 ** ((i + 1) / 2));
}
/**
 * Per-request mixture likelihood ratio: given m events, e_c is binomial(m, θ(r)); each
 * alternative r_j against r0. Assumes independent requests (not valid for clustered errors).
 */
function updatePerRequest(l, ratios, r0, eC, m, pi) {
    const null0 = Math.log1p(pi * (r0 - 1));
    for (let j = 0; j < l.length; j++) {
        const r = ratios[j];
        l[j] = l[j] + eC * Math.log(r / r0) - m * (Math.log1p(pi * (r - 1)) - null0);
    }
}
function bernoulli(level, rates) {
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
function mixtureAbove(level) {
    const rates = [];
    for (let j = 1; j <= GRID_SIZE; j++) {
        const p = level * 2 ** (j / 2);
        if (p < 1)
            rates.push(p);
    }
    if (rates.length === 0)
        rates.push((1 + level) / 2);
    return bernoulli(level, rates);
}
/** Evidence that the rate is below X (H0: p ≥ X): alternatives p_j = X/2^(j/2), j = 1..13. */
function mixtureBelow(level) {
    return bernoulli(level, Array.from({ length: GRID_SIZE }, (_, i) => level / 2 ** ((i + 1) / 2)));
}
/** Adds `events` out of `n` trials to a Bernoulli mixture's log-wealths. */
function updateBernoulli(l, mix, events, n) {
    const rest = n - events;
    for (let j = 0; j < l.length; j++) {
        l[j] = l[j] + events * mix.event[j] + rest * mix.nonEvent[j];
    }
}

;// CONCATENATED MODULE: ./src/canary/nmin.ts
// The minimum sample: how many canary requests a step needs before a HOLD may become a
// PROMOTE, i.e. before a regression of ratio r* would have been caught with probability
// ≥ 1 − β/K by the relative test. A normal approximation of the log-wealth of each grid
// alternative after m events gives the events needed; the request count follows from the
// event rate both arms produce per canary request.

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
function tail(q) {
    const [c0, c1, c2, c3, c4, c5] = C;
    const [d0, d1, d2, d3] = D;
    return ((((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1));
}
/** Φ⁻¹(p), the standard normal quantile, for 0 < p < 1. */
function inverseNormalCdf(p) {
    if (!(p > 0 && p < 1))
        throw new RangeError(`inverseNormalCdf: p must be in (0, 1), got ${p}`);
    if (p < P_LOW)
        return tail(Math.sqrt(-2 * Math.log(p)));
    if (p > 1 - P_LOW)
        return -tail(Math.sqrt(-2 * Math.log(1 - p)));
    const [a0, a1, a2, a3, a4, a5] = A;
    const [b0, b1, b2, b3, b4] = B;
    const q = p - 0.5;
    const r = q * q;
    return (((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
        (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1));
}
function sampleConstants(checks, alpha, beta) {
    return { z: inverseNormalCdf(1 - beta / checks), c: Math.log((GRID_SIZE * checks) / alpha) };
}
/**
 * Canary requests needed (not rounded): Infinity when no grid alternative separates r* from
 * r0 (r* ≤ r0) or the share is not in (0, 1). `k` saves recomputing the constants per tick.
 */
function minimumSample(x, k = sampleConstants(x.checks, x.alpha, x.beta)) {
    const { share: pi, minEffect, r0 } = x;
    if (!(pi > 0 && pi < 1))
        return Number.POSITIVE_INFINITY;
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
        if (!(drift > 0))
            continue;
        const v = th1 * (1 - th1) * (a - b) ** 2;
        const s = (z * Math.sqrt(v) + Math.sqrt(z * z * v + 4 * drift * c)) / (2 * drift);
        events = Math.min(events, s * s);
    }
    const pB = x.baselineRate;
    return (x.kappa * events) / (minEffect * pB + (pB * (1 - pi)) / pi);
}

;// CONCATENATED MODULE: ./src/canary/judge.ts
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




const derivedCache = new WeakMap();
/** The configuration is treated as immutable: derived settings are kept per object. */
function derive(cfg) {
    const cached = derivedCache.get(cfg);
    if (cached)
        return cached;
    const problems = configProblems(cfg);
    if (problems.length > 0)
        throw new Error(`invalid canary-gate configuration: ${problems.join("; ")}`);
    const checks = enabledChecks(cfg);
    const K = checks.length;
    const on = Object.fromEntries(CHECK_ORDER.map((c) => [c, checks.includes(c)]));
    const p0 = cfg.latencySlo ? 1 - cfg.latencySlo.q : null;
    const d = {
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
function absolute(above, below) {
    return {
        rollback: zeros(above.rates.length),
        promote: zeros(below.rates.length),
        baseline: zeros(above.rates.length),
        baselineBroke: false,
    };
}
function initialState(cfg) {
    const d = derive(cfg);
    const checks = {};
    if (d.on.errorRate)
        checks.errorRate = zeros(cfg.errorTest === "share" ? SHARE_BETS.length : d.ratios.length);
    if (d.on.errorCeiling)
        checks.errorCeiling = absolute(d.ceilingAbove, d.ceilingBelow);
    if (d.on.latency)
        checks.latency = [];
    if (d.on.latencySlo && d.sloAbove && d.sloBelow)
        checks.latencySlo = absolute(d.sloAbove, d.sloBelow);
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
function cloneAbsolute(a) {
    return {
        rollback: a.rollback.slice(),
        promote: a.promote.slice(),
        baseline: a.baseline.slice(),
        baselineBroke: a.baselineBroke,
    };
}
/** A copy the step may change; arrays it never changes in place (layouts, memories) are shared. */
function cloneState(s) {
    const c = s.checks;
    const checks = {};
    if (c.errorRate)
        checks.errorRate = c.errorRate.slice();
    if (c.errorCeiling)
        checks.errorCeiling = cloneAbsolute(c.errorCeiling);
    if (c.latency)
        checks.latency = c.latency.map((l) => l.slice());
    if (c.latencySlo)
        checks.latencySlo = cloneAbsolute(c.latencySlo);
    return { ...s, totals: { ...s.totals }, warnings: s.warnings.slice(), checks };
}
// --- Sentences -------------------------------------------------------------------------------
function fmtE(logE) {
    const e = Math.exp(logE);
    if (e >= 1e6)
        return `e^${logE.toFixed(1)}`;
    if (e >= 100)
        return e.toFixed(0);
    if (e >= 0.01)
        return e.toPrecision(3);
    return e.toExponential(1);
}
function pct(x) {
    if (!Number.isFinite(x))
        return "n/a";
    const p = x * 100;
    return `${p >= 10 || p === 0 ? p.toFixed(1) : p.toPrecision(2)}%`;
}
function rate(e, n) {
    return `${e}/${n} = ${n > 0 ? pct(e / n) : "n/a"}`;
}
/** p99 for q = 0.99, p99.9 for 0.999. */
function quantileName(q) {
    return `p${Number((q * 100).toPrecision(10))}`;
}
function seconds(x) {
    return `${Number(x.toPrecision(6))} s`;
}
const LABEL = {
    errorRate: "error rate",
    errorCeiling: "error ceiling",
    latency: "latency",
    latencySlo: "latency SLO",
};
// --- The step --------------------------------------------------------------------------------
/** Fixes the latency layout, S and the SLO boundaries at the first analysed tick. */
function fixBoundaries(cfg, d, s, canary, baseline) {
    if (s.layout !== null || !(d.on.latency || d.on.latencySlo))
        return;
    const layout = commonLayout([canary.instances, baseline.instances]);
    s.layout = layout;
    if (layout.length === 0)
        s.warnings.push("latency: the latency histograms share no finite bucket boundary; latency cannot be judged");
    if (d.on.latencySlo && cfg.latencySlo) {
        const T = cfg.latencySlo.seconds;
        const q = cfg.latencySlo.q;
        const upper = layout.find((b) => b >= T) ?? null;
        const lower = [...layout].reverse().find((b) => b <= T) ?? null;
        s.sloBounds = { upper, lower };
        if (upper === null)
            s.warnings.push(`latency SLO: no bucket boundary at or above ${seconds(T)}, so the SLO can never roll back: add a bucket le=${T}`);
        if (lower === null)
            s.warnings.push(`latency SLO: no bucket boundary at or below ${seconds(T)}, so the SLO can never be met: add a bucket le=${T}`);
        else if (lower !== T)
            s.warnings.push(`latency SLO: ${seconds(T)} is not a bucket boundary; a canary whose ${quantileName(q)} lies between ${seconds(lower)} and ${seconds(T)} can never be promoted on the SLO: add a bucket le=${T}`);
    }
}
/** S: the finite boundaries at or above the baseline's median, from its cumulative histogram. */
function fixLatencyBounds(s, baseline) {
    if (s.latencyBounds !== null || !s.checks.latency || s.layout === null)
        return;
    const { count, cum } = cumulativeAt(baseline.instances, s.layout);
    if (count <= 0)
        return; // no baseline latency yet: try again next tick
    const from = cum.findIndex((c) => c >= count / 2);
    s.latencyBounds = from < 0 ? [] : s.layout.slice(from);
    s.checks.latency = s.latencyBounds.map(() => zeros(SHARE_BETS.length));
    if (s.latencyBounds.length === 0)
        s.warnings.push("latency: the baseline's median is above every finite bucket boundary; the relative latency check cannot judge");
}
function latencyLogE(L) {
    if (L.length === 0)
        return 0;
    return logSumExp(L.map(logMeanExp)) - Math.log(L.length);
}
function evaluate(cfg, d, s) {
    const out = { records: [], rollback: [], shared: [], promoteMissing: [] };
    const t = s.totals;
    const ra = d.rollbackAt;
    const pa = d.promoteAt;
    const c = s.checks;
    if (c.errorRate) {
        const logE = logMeanExp(c.errorRate);
        out.records.push({ check: "errorRate", logE, threshold: ra });
        if (logE >= ra)
            out.rollback.push(`error rate: the canary fails more often than the baseline (E = ${fmtE(logE)} ≥ ${fmtE(ra)}; canary ${rate(t.eC, t.nC)}, baseline ${rate(t.eB, t.nB)})`);
    }
    const abs = (name, a, what, level, limit) => {
        const logE = logMeanExp(a.rollback);
        const promoteLogE = logMeanExp(a.promote);
        const baselineLogE = logMeanExp(a.baseline);
        if (baselineLogE >= ra)
            a.baselineBroke = true;
        out.records.push({ check: name, logE, threshold: ra, promoteLogE, promoteThreshold: pa, baselineLogE });
        if (logE >= ra) {
            if (a.baselineBroke)
                out.shared.push(`${LABEL[name]}: the canary's ${what} is above ${pct(level)} (E = ${fmtE(logE)}), but the baseline violates the ${limit} too: a shared incident, not the canary, so holding`);
            else
                out.rollback.push(`${LABEL[name]}: the canary's ${what} is above ${pct(level)} (E = ${fmtE(logE)} ≥ ${fmtE(ra)})`);
        }
        if (promoteLogE < pa)
            out.promoteMissing.push(`${LABEL[name]}: not yet shown that the canary's ${what} is below ${pct(level)} (E = ${fmtE(promoteLogE)} of ${fmtE(pa)} needed)`);
    };
    if (c.errorCeiling)
        abs("errorCeiling", c.errorCeiling, "error rate", cfg.maxErrorRate, "ceiling");
    if (c.latency) {
        const logE = latencyLogE(c.latency);
        out.records.push({ check: "latency", logE, threshold: ra });
        if (logE >= ra)
            out.rollback.push(`latency: more of the canary's requests are slower than the baseline's (E = ${fmtE(logE)} ≥ ${fmtE(ra)}, over the boundaries ${(s.latencyBounds ?? []).join(", ")} s)`);
    }
    if (c.latencySlo && cfg.latencySlo) {
        const slo = cfg.latencySlo;
        const b = s.sloBounds;
        abs("latencySlo", c.latencySlo, `share of requests slower than ${b?.upper ?? slo.seconds} s`, 1 - slo.q, "SLO");
    }
    return out;
}
/** n_min, when a relative check is on. */
function minimumSampleOf(cfg, d, s) {
    if (!d.on.errorRate && !d.on.latency)
        return null;
    const t = s.totals;
    const n = minimumSample({
        baselineRate: (t.eB + 1) / (t.nB + 2),
        share: t.nC / (t.nC + t.nB),
        minEffect: d.minEffect,
        r0: cfg.r0,
        checks: d.checks.length,
        alpha: cfg.alpha,
        beta: cfg.beta,
        kappa: cfg.errorTest === "share" ? 1.1 : 1,
    }, d.nMin);
    return { have: t.nC, need: Number.isFinite(n) ? Math.ceil(n) : Number.POSITIVE_INFINITY };
}
function nMinOf(sample) {
    return sample && Number.isFinite(sample.need) ? sample.need : null;
}
function updateChecks(cfg, d, s, c, b) {
    const k = s.checks;
    const m = c.errors + b.errors;
    if (k.errorRate && m > 0 && c.n + b.n > 0) {
        const pi = c.n / (c.n + b.n);
        if (cfg.errorTest === "share") {
            if (c.n > 0 && b.n > 0)
                updateShareBet(k.errorRate, c.errors, m, nullShare(pi, cfg.r0));
        }
        else
            updatePerRequest(k.errorRate, d.ratios, cfg.r0, c.errors, m, pi);
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
            const eC = c.exceedances[offset + i];
            const events = eC + b.exceedances[offset + i];
            if (events > 0)
                updateShareBet(k.latency[i], eC, events, theta0);
        }
    }
    if (k.latencySlo && s.sloBounds && d.sloAbove && d.sloBelow) {
        const { upper, lower } = s.sloBounds;
        if (upper !== null) {
            const i = layout.indexOf(upper);
            updateBernoulli(k.latencySlo.rollback, d.sloAbove, c.exceedances[i], c.latencyCount);
            updateBernoulli(k.latencySlo.baseline, d.sloAbove, b.exceedances[i], b.latencyCount);
        }
        if (lower !== null) {
            const i = layout.indexOf(lower);
            updateBernoulli(k.latencySlo.promote, d.sloBelow, c.exceedances[i], c.latencyCount);
        }
    }
}
function unavailable(tick) {
    if (tick.sourceDown !== undefined)
        return `the metric source is down: ${tick.sourceDown}`;
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
function step(cfg, state, tick) {
    const d = derive(cfg);
    if (state.final)
        throw new Error(`canary-gate: step() after the final decision (${state.decision})`);
    if (!Number.isFinite(tick.t) || (state.lastT !== null && !(tick.t > state.lastT)))
        throw new Error(`canary-gate: tick times must increase (got ${tick.t} after ${state.lastT})`);
    const s = cloneState(state);
    s.ticks++;
    s.lastT = tick.t;
    const warm = tick.t <= cfg.warmup;
    const reasons = [];
    let invalid;
    let analysed = false;
    let canaryDelta;
    let baselineDelta;
    let decision = "hold";
    let final = false;
    let evaluated = null;
    let sample = null;
    const down = unavailable(tick);
    const canaryGone = tick.sourceDown === undefined && !tick.canary.ok && tick.canary.unreachable && tick.baseline.ok;
    s.canaryDown = canaryGone && !warm ? s.canaryDown + 1 : 0;
    if (down !== null) {
        invalid = down;
    }
    else if (tick.canary.ok && tick.baseline.ok) {
        const hadPrev = s.prev !== null;
        const needLatency = d.on.latency || d.on.latencySlo;
        if (!warm && hadPrev)
            fixBoundaries(cfg, d, s, tick.canary, tick.baseline);
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
            invalid = !c.ok ? c.reason : b.reason;
            // An invalid tick fixes nothing either.
            s.layout = state.layout;
            s.sloBounds = state.sloBounds;
            s.warnings = state.warnings.slice();
        }
        else {
            s.prev = { canary: c.memory, baseline: b.memory };
            s.lastValidT = tick.t;
            if (warm)
                reasons.push(`warming up (until ${seconds(cfg.warmup)}): counters recorded, not judged`);
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
    }
    else if (analysed) {
        evaluated = evaluate(cfg, d, s);
        sample = minimumSampleOf(cfg, d, s);
        if (evaluated.rollback.length > 0) {
            decision = "rollback";
            final = true;
            reasons.push(...evaluated.rollback);
        }
        else {
            reasons.push(...evaluated.shared);
            const blockers = holdBlockers(cfg, d, s, evaluated, sample);
            if (blockers.length === 0 && evaluated.shared.length === 0) {
                decision = "promote";
                final = true;
                reasons.push(promoteReason(cfg, s, sample));
            }
            else
                reasons.push(...blockers);
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
        for (const b of blockers)
            if (!reasons.includes(b))
                reasons.push(b);
    }
    s.decision = decision;
    s.final = final;
    const record = {
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
    if (s.warnings.length > state.warnings.length)
        record.warnings = s.warnings.slice(state.warnings.length);
    return { state: s, decision, reasons, final, record };
}
/** Why a tick whose data is fine is not a PROMOTE (empty: it is one). */
function holdBlockers(cfg, d, s, ev, sample) {
    const out = [];
    if (s.analysedTicks < cfg.minTicks)
        out.push(`${s.analysedTicks} of ${cfg.minTicks} ticks analysed (min-ticks)`);
    if (sample && sample.have < sample.need)
        out.push(Number.isFinite(sample.need)
            ? `needs ${sample.need - sample.have} more canary requests (${sample.have} of the minimum sample ${sample.need}) before a ×${d.minEffect} regression would have shown`
            : "needs canary and baseline requests before the minimum sample can be known");
    out.push(...ev.promoteMissing);
    if (s.checks.latencySlo && s.sloBounds === null)
        out.push("latency SLO: no latency data analysed yet");
    return out;
}
function promoteReason(cfg, s, sample) {
    const t = s.totals;
    const parts = [`no regression after ${s.analysedTicks} ticks`, `canary errors ${rate(t.eC, t.nC)}`];
    parts.push(`baseline ${rate(t.eB, t.nB)}`);
    const n = nMinOf(sample);
    if (n !== null)
        parts.push(`minimum sample ${n} canary requests met`);
    if (cfg.checks.errorCeiling && cfg.maxErrorRate < 1)
        parts.push(`error rate shown below ${pct(cfg.maxErrorRate)}`);
    if (cfg.checks.latencySlo && cfg.latencySlo)
        parts.push(`${quantileName(cfg.latencySlo.q)} shown at or below ${seconds(cfg.latencySlo.seconds)}`);
    return `promote: ${parts.join("; ")}`;
}

;// CONCATENATED MODULE: ./src/canary/gate.ts
// The gate's loop: a fixed tick clock that does not depend on the data, a metric read per
// tick, and the pure judge. A live step sleeps between ticks; a `from`/`to` window replays
// the same ticks at past times without sleeping. Both are this one loop.

const realClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
/**
 * Runs ticks 0, 1, 2, … at start + k·interval until the judge's decision is final (PROMOTE,
 * ROLLBACK, or the deadline's HOLD). A read that overruns its tick makes the clock skip the ticks
 * it covered instead of drifting: tick times never depend on how long the data took.
 */
async function runGate(opts) {
    const { cfg, read, start } = opts;
    const live = opts.clock ?? null;
    const intervalMs = cfg.interval * 1000;
    const lastIndex = Math.ceil(cfg.deadline / cfg.interval);
    let state = initialState(cfg);
    const records = [];
    let decision = "hold";
    let reasons = [];
    let skipped = 0;
    let index = 0;
    while (index <= lastIndex) {
        if (opts.signal?.aborted)
            break;
        // The deadline's tick is the last one even when the interval does not divide it.
        const t = Math.min(index * cfg.interval, cfg.deadline);
        if (live) {
            const wait = start + t * 1000 - live.now();
            if (wait > 0)
                await live.sleep(wait);
        }
        const got = await read({ index, t, at: (start + t * 1000) / 1000 });
        const tick = {
            t,
            canary: got.canary,
            baseline: got.baseline,
            ...(got.sourceDown === undefined ? {} : { sourceDown: got.sourceDown }),
        };
        const r = step(cfg, state, tick);
        state = r.state;
        decision = r.decision;
        reasons = r.reasons;
        records.push(r.record);
        opts.onTick?.(r.record, state);
        if (r.final)
            return { decision, reasons, final: true, state, records, startedAt: start / 1000, skipped };
        let next = index + 1;
        if (live) {
            // Skip the ticks whose time has already passed (but never the deadline's).
            while (next < lastIndex && start + next * intervalMs < live.now()) {
                next++;
                skipped++;
            }
        }
        index = next;
    }
    return { decision, reasons, final: false, state, records, startedAt: start / 1000, skipped };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 9 modules
var schemas = __webpack_require__(27597);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __webpack_require__(73713);
// EXTERNAL MODULE: ./src/kit/retry.ts
var retry = __webpack_require__(91834);
;// CONCATENATED MODULE: ./src/canary/exposition.ts

/**
 * A parser for the Prometheus text exposition format 0.0.4, what a service's `/metrics` answers
 * (https://prometheus.io/docs/instrumenting/exposition_formats/). Strict on purpose: canary-gate
 * judges a rollout on these numbers, so a line it cannot read is an error naming the line, never
 * a line skipped; a series given twice is refused rather than one of them picked.
 */
/** Bigger than any sane `/metrics`; a bound so a misbehaving target cannot exhaust the runner. */
const MAX_EXPOSITION_BYTES = 16 * 1024 * 1024;
/** A line of an exposition that is not valid text format 0.0.4. */
class ExpositionError extends errors/* UserError */.yo {
    line;
    problem;
    name = "ExpositionError";
    constructor(
    /** 1-based; 0 for a problem with the whole text (its size). */
    line, problem) {
        super(line > 0 ? `line ${line}: ${problem}` : problem);
        this.line = line;
        this.problem = problem;
    }
}
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)inf(?:inity)?$/i;
const INTEGER = /^-?\d+$/;
/**
 * A sample value as the format (and Prometheus's HTTP API) writes it: a decimal or scientific
 * number, `NaN`, `+Inf`, `-Inf` (Go's ParseFloat spellings, case-insensitive). Undefined for
 * anything else, including hexadecimal floats and the empty string.
 */
function parseSampleValue(text) {
    if (DECIMAL.test(text))
        return Number(text);
    const inf = INFINITY.exec(text);
    if (inf)
        return inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    if (/^nan$/i.test(text))
        return Number.NaN;
    return undefined;
}
/** Parses a whole exposition; throws ExpositionError naming the first bad line. */
function parseExposition(text, maxBytes = MAX_EXPOSITION_BYTES) {
    const size = Buffer.byteLength(text, "utf8");
    if (size > maxBytes) {
        throw new ExpositionError(0, `the exposition is ${size} bytes, more than the limit of ${maxBytes}`);
    }
    const samples = [];
    const types = new Map();
    const help = new Map();
    /** Sample names seen so far, and series (name and labels) with the line that gave each. */
    const names = new Set();
    const series = new Map();
    const lines = text.split("\n");
    // A final newline leaves one empty string behind; it is not a line.
    if (lines.length > 0 && lines[lines.length - 1] === "")
        lines.pop();
    for (let index = 0; index < lines.length; index++) {
        const lineNo = index + 1;
        const line = lines[index];
        const fail = (problem) => {
            throw new ExpositionError(lineNo, problem);
        };
        if (line.includes("\r"))
            fail("carriage return in the line (lines end in \\n alone)");
        let i = skipBlanks(line, 0);
        if (i === line.length)
            continue;
        if (line[i] === "#") {
            i = skipBlanks(line, i + 1);
            const keyword = tokenAt(line, i);
            if (keyword !== "HELP" && keyword !== "TYPE")
                continue; // a comment
            i = skipBlanks(line, i + keyword.length);
            const name = matchAt(METRIC_NAME, line, i);
            if (name === undefined || !isBlankOrEnd(line, i + name.length)) {
                fail(`# ${keyword} needs a metric name, got ${JSON.stringify(tokenAt(line, i))}`);
            }
            const metric = name;
            i = skipBlanks(line, i + metric.length);
            if (keyword === "HELP") {
                if (help.has(metric))
                    fail(`second # HELP for ${metric}`);
                help.set(metric, unescapeHelp(line.slice(i), fail));
            }
            else {
                const type = line.slice(i).replace(/[ \t]+$/, "");
                if (!TYPES.has(type)) {
                    fail(`# TYPE ${metric} has type ${JSON.stringify(type)}; allowed: counter, gauge, histogram, summary, untyped`);
                }
                if (types.has(metric))
                    fail(`second # TYPE for ${metric}`);
                const members = [metric, `${metric}_bucket`, `${metric}_count`, `${metric}_sum`];
                const early = members.find((n) => names.has(n));
                if (early !== undefined)
                    fail(`# TYPE ${metric} comes after samples of ${early}; it must come first`);
                types.set(metric, type);
            }
            continue;
        }
        const sample = parseSampleLine(line, i, fail);
        checkFamily(sample, types, fail);
        const id = seriesId(sample.name, sample.labels);
        const first = series.get(id);
        if (first !== undefined)
            fail(`${id} was already given on line ${first}`);
        series.set(id, lineNo);
        names.add(sample.name);
        samples.push(sample);
    }
    return { samples, types, help };
}
function parseSampleLine(line, start, fail) {
    const name = matchAt(METRIC_NAME, line, start);
    if (name === undefined)
        fail(`expected a metric name, got ${JSON.stringify(tokenAt(line, start))}`);
    let i = start + name.length;
    const labels = {};
    if (line[skipBlanks(line, i)] === "{") {
        i = skipBlanks(line, i) + 1;
        for (;;) {
            i = skipBlanks(line, i);
            if (line[i] === "}") {
                i++;
                break;
            }
            const label = matchAt(LABEL_NAME, line, i);
            if (label === undefined)
                fail(`expected a label name or "}" at column ${i + 1}`);
            const labelName = label;
            i = skipBlanks(line, i + labelName.length);
            if (line[i] !== "=")
                fail(`expected "=" after label ${labelName} at column ${i + 1}`);
            i = skipBlanks(line, i + 1);
            if (line[i] !== '"')
                fail(`expected a double-quoted value for label ${labelName} at column ${i + 1}`);
            const [value, end] = readLabelValue(line, i + 1, labelName, fail);
            if (Object.hasOwn(labels, labelName))
                fail(`label ${labelName} is given twice`);
            labels[labelName] = value;
            i = skipBlanks(line, end);
            if (line[i] === ",") {
                i++;
                continue;
            }
            if (line[i] === "}") {
                i++;
                break;
            }
            fail(`expected "," or "}" after label ${labelName} at column ${i + 1}`);
        }
    }
    if (!isBlankOrEnd(line, i))
        fail(`unexpected ${JSON.stringify(line[i])} at column ${i + 1}`);
    i = skipBlanks(line, i);
    if (i === line.length)
        fail("no value");
    const valueText = tokenAt(line, i);
    const value = parseSampleValue(valueText);
    if (value === undefined)
        fail(`value ${JSON.stringify(valueText)} is not a number, NaN, +Inf or -Inf`);
    i = skipBlanks(line, i + valueText.length);
    const sample = { name: name, labels, value: value };
    if (i < line.length) {
        const ts = tokenAt(line, i);
        const ms = INTEGER.test(ts) ? Number(ts) : Number.NaN;
        if (!Number.isSafeInteger(ms))
            fail(`timestamp ${JSON.stringify(ts)} is not an integer of milliseconds`);
        sample.timestamp = ms;
        i = skipBlanks(line, i + ts.length);
        if (i < line.length)
            fail(`unexpected ${JSON.stringify(line.slice(i))} after the timestamp`);
    }
    return sample;
}
/** Reads a label value after its opening quote; returns it unescaped and the index after the closing quote. */
function readLabelValue(line, start, label, fail) {
    let out = "";
    for (let i = start; i < line.length; i++) {
        const c = line[i];
        if (c === '"')
            return [out, i + 1];
        if (c !== "\\") {
            out += c;
            continue;
        }
        const next = line[++i];
        if (next === "\\")
            out += "\\";
        else if (next === '"')
            out += '"';
        else if (next === "n")
            out += "\n";
        else
            fail(`label ${label} has the escape \\${next ?? ""}; allowed: \\\\, \\" and \\n`);
    }
    return fail(`the value of label ${label} has no closing quote`);
}
function unescapeHelp(text, fail) {
    let out = "";
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c !== "\\") {
            out += c;
            continue;
        }
        const next = text[++i];
        if (next === "\\")
            out += "\\";
        else if (next === "n")
            out += "\n";
        else
            fail(`# HELP has the escape \\${next ?? ""}; allowed: \\\\ and \\n`);
    }
    return out;
}
/** Histogram and summary samples must be the family's parts, with their `le` or `quantile` label. */
function checkFamily(sample, types, fail) {
    const { name, labels } = sample;
    const suffix = /_(bucket|count|sum)$/.exec(name);
    const base = suffix ? name.slice(0, -suffix[0].length) : name;
    const baseType = suffix ? types.get(base) : undefined;
    const ownType = types.get(name);
    if (baseType === "histogram") {
        if (suffix?.[1] === "bucket") {
            const le = labels.le;
            if (le === undefined)
                fail(`${name} has no "le" label`);
            const bound = parseSampleValue(le);
            if (bound === undefined || Number.isNaN(bound))
                fail(`${name} has le=${JSON.stringify(le)}, not a number`);
        }
        return;
    }
    if (baseType === "summary") {
        if (suffix?.[1] === "bucket")
            fail(`summary ${base} has no _bucket samples`);
        return;
    }
    if (ownType === "histogram")
        fail(`histogram ${name} has a sample named ${name}; allowed: _bucket, _count, _sum`);
    if (ownType === "summary") {
        const q = labels.quantile;
        const value = q === undefined ? undefined : parseSampleValue(q);
        if (value === undefined || Number.isNaN(value)) {
            fail(`summary ${name} has a sample without a numeric "quantile" label`);
        }
    }
}
/** `name{a="x",b="y"}` with labels sorted: one string per series. */
function seriesId(name, labels) {
    const parts = Object.keys(labels)
        .sort()
        .map((k) => `${k}=${JSON.stringify(labels[k])}`);
    return `${name}{${parts.join(",")}}`;
}
function skipBlanks(line, i) {
    while (i < line.length && (line[i] === " " || line[i] === "\t"))
        i++;
    return i;
}
function isBlankOrEnd(line, i) {
    return i >= line.length || line[i] === " " || line[i] === "\t";
}
/** The run of non-blank characters at i. */
function tokenAt(line, i) {
    let end = i;
    while (end < line.length && line[end] !== " " && line[end] !== "\t")
        end++;
    return line.slice(i, end);
}
function matchAt(re, line, i) {
    re.lastIndex = i;
    return re.exec(line)?.[0];
}

;// CONCATENATED MODULE: ./src/canary/http.ts
/**
 * One bounded HTTP GET for the metric sources: a deadline for the whole exchange (connect,
 * headers and body), a cap on the body, strict UTF-8, and no redirects followed (a metric
 * endpoint that redirects is misconfigured, and following one could carry a secret header to
 * another host). It never throws for what the network does: the caller maps each outcome.
 * Headers are sent and never repeated in a result.
 */
async function boundedGet(url, options) {
    const signal = AbortSignal.timeout(Math.max(1, Math.round(options.timeoutMs)));
    try {
        const res = await fetch(url, { headers: { ...options.headers }, redirect: "manual", signal });
        const declared = Number(res.headers.get("content-length") ?? "0");
        if (declared > options.maxBytes) {
            await res.body?.cancel().catch(() => { });
            return tooLarge(options.maxBytes);
        }
        const chunks = [];
        let size = 0;
        if (res.body) {
            const reader = res.body.getReader();
            for (;;) {
                const { done, value } = await reader.read();
                if (done)
                    break;
                size += value.byteLength;
                if (size > options.maxBytes) {
                    await reader.cancel().catch(() => { });
                    return tooLarge(options.maxBytes);
                }
                chunks.push(value);
            }
        }
        let body;
        try {
            body = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
        }
        catch {
            return { ok: false, kind: "encoding", reason: "the answer is not UTF-8 text" };
        }
        return {
            ok: true,
            status: res.status,
            contentType: res.headers.get("content-type"),
            location: res.headers.get("location"),
            body,
        };
    }
    catch (e) {
        if (signal.aborted) {
            return {
                ok: false,
                kind: "timeout",
                reason: `no complete answer within ${Math.round(options.timeoutMs)} ms`,
            };
        }
        return { ok: false, kind: "network", reason: networkReason(e) };
    }
}
function tooLarge(max) {
    return { ok: false, kind: "too-large", reason: `the answer is larger than ${max} bytes` };
}
/**
 * fetch's "fetch failed" says nothing; its cause says ECONNREFUSED and the address. Other errors
 * are named only by their type: a message about a bad request could quote a header's value.
 */
function networkReason(e) {
    const cause = e?.cause;
    if (cause && typeof cause.message === "string" && cause.message !== "")
        return cause.message;
    if (cause && typeof cause.code === "string")
        return cause.code;
    return `the request failed (${e instanceof Error ? e.name : typeof e})`;
}

;// CONCATENATED MODULE: ./src/canary/snapshot.ts


const START_TIME_METRIC = "process_start_time_seconds";
const snapshot_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const CODE_PATTERN = /^[0-9.]{3}$/;
const ERROR_CODES_ALLOWED = "allowed: one or more three-character status patterns separated by commas, each of digits and " +
    "dots where a dot stands for any digit, e.g. 5.. or 500,502,503 or 5..,429";
/** `error-codes`: `5..`, `500,502,503`, `5..,429`. A dot is any one digit; codes match whole. */
function parseErrorCodes(value, input = "error-codes") {
    const items = value.split(",").map((s) => s.trim());
    const bad = items.find((s) => !CODE_PATTERN.test(s));
    if (bad !== undefined) {
        throw (0,errors/* inputError */.Xu)(input, value, `${bad === "" ? "an empty pattern" : `${JSON.stringify(bad)}`}; ${ERROR_CODES_ALLOWED}`);
    }
    const re = new RegExp(`^(?:${items.map((s) => s.replaceAll(".", "[0-9]")).join("|")})$`);
    return { text: value, matches: (code) => re.test(code) };
}
/** A metric name as Prometheus spells them (`requests-metric`, `latency-metric`). */
function checkMetricName(value, input) {
    if (!snapshot_METRIC_NAME.test(value)) {
        throw (0,errors/* inputError */.Xu)(input, value, "allowed: a Prometheus metric name, [a-zA-Z_:][a-zA-Z0-9_:]*");
    }
    return value;
}
/** The metric names a snapshot reads, for a source that fetches them by name. */
function metricNames(spec) {
    const names = [spec.requestsMetric, START_TIME_METRIC];
    if (spec.latencyMetric !== null)
        names.push(`${spec.latencyMetric}_bucket`, `${spec.latencyMetric}_count`);
    return names;
}
/**
 * A series' labels as one stable string, `{code="200",method="GET"}`: sorted by name, values
 * escaped as in PromQL, without `__name__` and the labels in `omit`.
 */
function seriesKey(labels, omit = []) {
    const parts = Object.keys(labels)
        .filter((k) => k !== "__name__" && !omit.includes(k))
        .sort()
        .map((k) => `${k}="${escapeLabelValue(labels[k])}"`);
    return `{${parts.join(",")}}`;
}
function escapeLabelValue(value) {
    return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}
/**
 * Groups samples by their `label` (Prometheus's `instance`), which is dropped from their labels:
 * the instance is said once, by the group. A sample without it is an error (the judge needs
 * counters per instance to see one instance restart).
 */
function groupByInstance(samples, label = "instance") {
    const groups = new Map();
    for (const s of samples) {
        const { [label]: instance, ...rest } = s.labels;
        if (instance === undefined) {
            return {
                ok: false,
                reason: `${s.name}${seriesKey(s.labels)} has no "${label}" label; canary-gate reads counters per instance`,
            };
        }
        const list = groups.get(instance) ?? [];
        groups.set(instance, list);
        list.push({ name: s.name, labels: rest, value: s.value });
    }
    return { ok: true, groups: [...groups].map(([instance, samples]) => ({ instance, samples })) };
}
/**
 * The judge's view of one arm. Every group is an instance, even one with none of the metrics
 * (a service that has not served a request has no requests series yet): zero groups is "no
 * data", never zero. Instances, series and buckets come out sorted, so equal inputs give equal
 * snapshots.
 */
function snapshotArm(groups, spec) {
    const instances = [];
    const seen = new Set();
    for (const group of groups) {
        if (seen.has(group.instance))
            return invalid(`instance ${group.instance} is given twice`);
        seen.add(group.instance);
        const one = snapshotInstance(group, spec);
        if (typeof one === "string")
            return invalid(`instance ${group.instance}: ${one}`);
        instances.push(one);
    }
    instances.sort((a, b) => compare(a.instance, b.instance));
    return { ok: true, instances };
}
function invalid(reason) {
    return { ok: false, reason, unreachable: false };
}
function snapshotInstance(group, spec) {
    const requests = [];
    const starts = [];
    const bucketName = spec.latencyMetric === null ? null : `${spec.latencyMetric}_bucket`;
    const countName = spec.latencyMetric === null ? null : `${spec.latencyMetric}_count`;
    const buckets = new Map();
    const counts = new Map();
    const keys = new Set();
    const once = (name, key) => {
        const id = `${name}${key}`;
        if (keys.has(id))
            return `${id} is given twice`;
        keys.add(id);
        return undefined;
    };
    for (const s of group.samples) {
        if (s.name === spec.requestsMetric) {
            const key = seriesKey(s.labels);
            const code = s.labels.code;
            if (code === undefined) {
                return `${s.name}${key} has no "code" label, which error-codes (${spec.errorCodes.text}) is matched against`;
            }
            const twice = once(s.name, key);
            if (twice)
                return twice;
            requests.push({ key, value: s.value, error: spec.errorCodes.matches(code) });
        }
        else if (s.name === bucketName) {
            const le = s.labels.le;
            const bound = le === undefined ? undefined : parseSampleValue(le);
            if (bound === undefined || Number.isNaN(bound)) {
                return `${s.name}${seriesKey(s.labels)} has ${le === undefined ? 'no "le" label' : `le=${JSON.stringify(le)}, not a number`}`;
            }
            const twice = once(s.name, seriesKey(s.labels));
            if (twice)
                return twice;
            const key = seriesKey(s.labels, ["le"]);
            const list = buckets.get(key) ?? [];
            buckets.set(key, list);
            list.push({ le: bound, count: s.value });
        }
        else if (s.name === countName) {
            const key = seriesKey(s.labels);
            const twice = once(s.name, key);
            if (twice)
                return twice;
            counts.set(key, s.value);
        }
        else if (s.name === START_TIME_METRIC) {
            starts.push(s.value);
        }
    }
    if (starts.length > 1) {
        return `${starts.length} ${START_TIME_METRIC} series; narrow the selector to one process per instance`;
    }
    const latency = [];
    for (const [key, list] of buckets) {
        const count = counts.get(key);
        if (count === undefined)
            return `${spec.latencyMetric}_bucket${key} has no matching _count series`;
        latency.push({ key, buckets: list.sort((a, b) => a.le - b.le), count });
    }
    for (const key of counts.keys()) {
        if (!buckets.has(key))
            return `${spec.latencyMetric}_count${key} has no matching _bucket series`;
    }
    requests.sort((a, b) => compare(a.key, b.key));
    latency.sort((a, b) => compare(a.key, b.key));
    return { instance: group.instance, startTime: starts[0] ?? null, requests, latency };
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/canary/prometheus.ts






/**
 * canary-gate's Prometheus source: instant queries (`/api/v1/query?time=t`) of the raw series,
 * never rate(), increase() or sum(): they extrapolate to fractions and hide a reset on one
 * instance (CANARY.md, "The data"). Each arm is read by ONE query,
 *
 *     {__name__=~"http_requests_total|…_bucket|…_count|process_start_time_seconds|up", <selector>}
 *
 * because one query sees one state of Prometheus's storage: with four queries, a scrape landing
 * between the `_bucket` and the `_count` query would make a healthy histogram look broken.
 * `up` tells a target that stopped answering (its other series go stale) from one that has no
 * data yet.
 *
 * What a query can end in:
 * - the samples → the arm's snapshot (an empty result is no data: zero instances, never zero);
 * - warnings or infos (a partial answer: a remote store or a shard missing), HTTP 422 (Prometheus
 *   could not execute it), an answer that does not parse → the arm is `ok: false`;
 * - no answer, a timeout, HTTP 5xx (503 is Prometheus's query timeout) or 429, after a few
 *   attempts with backoff inside the tick's time budget → `sourceDown`, and both arms `ok: false`
 *   if neither answered;
 * - HTTP 400 `bad_data` (the selector is wrong: an InputError naming it), 401/403 (the headers),
 *   404 or a redirect (the URL) → thrown: waiting will not fix them.
 * `prometheus-headers` are sent with every query and appear in no message.
 */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
const prometheus_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SELECTOR_ALLOWED = 'allowed: PromQL label matchers name op "value" separated by commas, name [a-zA-Z_][a-zA-Z0-9_]* ' +
    '(not starting with __), op one of = != =~ !~, the value in double quotes with \\\\ and \\" as its ' +
    'only escapes and no control characters, e.g. version="1.4.0",job="api"';
const MAX_SELECTOR = 1024;
/**
 * `canary-selector`, `baseline-selector`: label matchers only, checked character by character,
 * since they go into a query. Braces around them are accepted and dropped.
 */
function parseSelector(value, input) {
    const problem = selectorProblem(value);
    if (problem !== null)
        throw (0,errors/* inputError */.Xu)(input, value, `${problem}; ${SELECTOR_ALLOWED}`);
    return { input, text: normaliseSelector(value) };
}
/** The default selector of an arm: `version="<version>"`. */
function versionSelector(version, input = "targets") {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (version === "" || /[\u0000-\u001f\u007f]/.test(version)) {
        throw (0,errors/* inputError */.Xu)(input, version, "a version must be a non-empty string without control characters");
    }
    return { input, text: `version="${version.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"` };
}
function selectorProblem(value) {
    if (value.length > MAX_SELECTOR)
        return `longer than ${MAX_SELECTOR} characters`;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(value))
        return "a newline or control character";
    const body = unbrace(value.trim());
    if (body === null)
        return "unbalanced braces";
    const matchers = splitMatchers(body);
    if (typeof matchers === "string")
        return matchers;
    if (matchers.length === 0)
        return "no matcher";
    for (const m of matchers) {
        const parsed = /^([^!=~\s]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*")$/s.exec(m);
        if (!parsed)
            return `${JSON.stringify(m)} is not name op "value"`;
        const [, name, , quoted] = parsed;
        if (!prometheus_LABEL.test(name))
            return `${JSON.stringify(name)} is not a label name`;
        if (name.startsWith("__"))
            return `label ${name} is reserved (names starting with __)`;
        for (const e of quoted.slice(1, -1).matchAll(/\\(.)/gs)) {
            if (e[1] !== "\\" && e[1] !== '"')
                return `the value of ${name} has the escape \\${e[1]}`;
        }
    }
    return null;
}
function normaliseSelector(value) {
    const matchers = splitMatchers(unbrace(value.trim()));
    return matchers
        .map((m) => {
        const [, name, op, quoted] = /^([^!=~\s]*)\s*(=~|!~|!=|=)\s*(".*")$/s.exec(m);
        return `${name}${op}${quoted}`;
    })
        .join(",");
}
function unbrace(value) {
    if (value.startsWith("{") !== value.endsWith("}"))
        return null;
    return value.startsWith("{") ? value.slice(1, -1).trim() : value;
}
/** Splits on commas outside double-quoted strings; a trailing comma is allowed, an empty matcher is not. */
function splitMatchers(body) {
    const out = [];
    let current = "";
    let quoted = false;
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (quoted && c === "\\") {
            current += c + (body[i + 1] ?? "");
            i++;
            continue;
        }
        if (c === '"')
            quoted = !quoted;
        if (c === "," && !quoted) {
            if (current.trim() === "")
                return "an empty matcher between commas";
            out.push(current.trim());
            current = "";
            continue;
        }
        current += c;
    }
    if (quoted)
        return "a value without its closing quote";
    if (current.trim() !== "")
        out.push(current.trim());
    return out;
}
/**
 * `prometheus-url`: http or https, no credentials (they would land in logs: use
 * prometheus-headers), no query or fragment. A path prefix (`https://host/prometheus`) is kept.
 * Messages show the URL with any credentials blanked out.
 */
function parsePrometheusUrl(value, input = "prometheus-url") {
    let url;
    try {
        url = new URL(value.trim());
    }
    catch {
        throw (0,errors/* inputError */.Xu)(input, (0,errors/* redactCredentials */.UY)(value), "allowed: an http:// or https:// URL, e.g. http://prometheus:9090");
    }
    if (url.username !== "" || url.password !== "") {
        throw (0,errors/* inputError */.Xu)(input, (0,errors/* redactCredentials */.UY)(value), "a URL with credentials in it is refused; give them as a header in prometheus-headers " +
            "(e.g. Authorization: Basic …), which is kept secret");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw (0,errors/* inputError */.Xu)(input, value, `the scheme ${url.protocol} is not http: or https:`);
    }
    if (url.search !== "" || url.hash !== "") {
        throw (0,errors/* inputError */.Xu)(input, value, "allowed: the server's base URL, without a query (?…) or fragment (#…)");
    }
    url.pathname = url.pathname.replace(/\/+$/, "");
    return url;
}
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const RESERVED_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "accept"]);
/**
 * `prometheus-headers`: one `Name: value` a line (e.g. `Authorization: Bearer …`). The values
 * are secrets: a message names the line and the header, never the value. The caller registers
 * each value as a secret with the runner.
 */
function parsePrometheusHeaders(value, input = "prometheus-headers") {
    const headers = {};
    const problems = [];
    const lines = value.split("\n");
    lines.forEach((raw, index) => {
        const line = raw.replace(/\r$/, "");
        if (line.trim() === "")
            return;
        const where = `line ${index + 1}`;
        const colon = line.indexOf(":");
        const name = colon < 0 ? "" : line.slice(0, colon).trim();
        const headerValue = colon < 0 ? "" : line.slice(colon + 1).trim();
        const fail = (allowed) => 
        // Only a valid name is shown: an invalid one may be part of the secret (a line without its name).
        problems.push({
            input,
            value: `${where}${HEADER_NAME.test(name) ? ` (${name})` : ""}, value hidden`,
            allowed,
        });
        if (colon < 0 || !HEADER_NAME.test(name))
            fail("allowed: Name: value, one header a line, e.g. Authorization: Bearer …");
        else if (RESERVED_HEADERS.has(name.toLowerCase()))
            fail(`goship sets ${name} itself`);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
        else if (headerValue === "" || /[\u0000-\u0008\u000a-\u001f\u007f]/.test(headerValue))
            fail("the value must be non-empty, without control characters");
        else if (Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase()))
            fail(`${name} is given twice`);
        else
            headers[name] = headerValue;
    });
    if (problems.length > 0)
        throw new errors/* InputError */.dz(problems);
    return headers;
}
/** The one query that reads an arm: its raw series by name, and `up`, under its selector. */
function armQuery(spec, selector) {
    const names = [...metricNames(spec), "up"].map((n) => checkMetricName(n, "metric name"));
    return `{__name__=~"${names.join("|")}",${selector.text}}`;
}
/** Prometheus said the query itself is wrong (HTTP 400 bad_data). */
class BadQueryError extends errors/* UserError */.yo {
    query;
    prometheusError;
    name = "BadQueryError";
    constructor(query, prometheusError) {
        super(`Prometheus refused the query ${query}: ${prometheusError}`);
        this.query = query;
        this.prometheusError = prometheusError;
    }
}
const sampleSchema = schemas/* object */.Ikc({
    metric: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
    value: schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* string */.YjP()]),
});
const answerSchema = schemas/* discriminatedUnion */.gMt("status", [
    schemas/* object */.Ikc({
        status: schemas/* literal */.euz("success"),
        data: schemas/* object */.Ikc({ resultType: schemas/* literal */.euz("vector"), result: schemas/* array */.YOg(sampleSchema) }),
        warnings: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
        infos: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    }),
    schemas/* object */.Ikc({
        status: schemas/* literal */.euz("error"),
        errorType: schemas/* string */.YjP(),
        error: schemas/* string */.YjP(),
        warnings: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    }),
]);
class PrometheusClient {
    #o;
    constructor(options) {
        this.#o = {
            url: options.url,
            headers: options.headers ?? {},
            budgetMs: options.budgetMs ?? 10_000,
            attempts: options.attempts ?? 3,
            backoffMs: options.backoffMs ?? 250,
            maxBytes: options.maxBytes ?? MAX_ANSWER_BYTES,
            queryTimeoutMs: options.queryTimeoutMs,
        };
    }
    /** Where queries go, for messages (never with headers). */
    get endpoint() {
        return `${this.#o.url.origin}${this.#o.url.pathname.replace(/\/+$/, "")}/api/v1/query`;
    }
    /** An instant query evaluated at `at` (seconds since the epoch). Throws on a bad query or configuration. */
    async query(promql, at) {
        const params = new URLSearchParams({ query: promql, time: formatTime(at) });
        if (this.#o.queryTimeoutMs !== undefined)
            params.set("timeout", String(this.#o.queryTimeoutMs / 1000));
        const url = `${this.endpoint}?${params}`;
        // All attempts share the tick's budget: each gets what is left of it, and another one is
        // made only if its backoff and some time to answer still fit.
        const deadline = performance.now() + this.#o.budgetMs;
        try {
            return await (0,retry/* retry */.L)(async () => {
                const got = await this.#attempt(url, promql, Math.max(1, deadline - performance.now()));
                if ("retry" in got)
                    throw new TransientQueryError(got.retry);
                return got.done;
            }, {
                attempts: this.#o.attempts,
                baseDelayMs: this.#o.backoffMs,
                retryable: (e, { backoffMs }) => e instanceof TransientQueryError && deadline - performance.now() >= backoffMs + 100,
            });
        }
        catch (e) {
            // The attempts or the budget are spent: the source is down for this tick.
            if (e instanceof TransientQueryError)
                return { ok: false, down: true, reason: e.message };
            throw e;
        }
    }
    async #attempt(url, promql, timeoutMs) {
        const got = await boundedGet(url, {
            headers: { ...this.#o.headers, Accept: "application/json" },
            timeoutMs,
            maxBytes: this.#o.maxBytes,
        });
        const where = this.endpoint;
        if (!got.ok) {
            if (got.kind === "timeout" || got.kind === "network")
                return { retry: `${where}: ${got.reason}` };
            return { done: { ok: false, down: false, reason: `${where}: ${got.reason}` } };
        }
        const { status } = got;
        if (status >= 300 && status < 400) {
            throw new errors/* UserError */.yo(`${where} answered HTTP ${status}, a redirect${got.location ? ` to ${got.location}` : ""}: ` +
                "set prometheus-url to the address that answers");
        }
        if (status === 401 || status === 403) {
            throw new errors/* UserError */.yo(`${where} answered HTTP ${status}: the server refused the credentials; check prometheus-headers`);
        }
        if (status === 404) {
            throw new errors/* UserError */.yo(`${where} answered HTTP 404: no Prometheus query API there; check prometheus-url`);
        }
        const answer = parseAnswer(got.body);
        if (status === 400) {
            if (answer?.status === "error" && answer.errorType === "bad_data")
                throw new BadQueryError(promql, answer.error);
            throw new errors/* UserError */.yo(`${where} answered HTTP 400: ${answer?.status === "error" ? answer.error : snippet(got.body)}`);
        }
        const said = answer?.status === "error" ? `${answer.errorType}: ${answer.error}` : snippet(got.body);
        if (status === 422) {
            return {
                done: { ok: false, down: false, reason: `Prometheus could not execute the query (HTTP 422 ${said})` },
            };
        }
        if (status === 503 && answer?.status === "error" && answer.errorType === "timeout") {
            return { retry: `Prometheus timed out evaluating the query (HTTP 503 ${said})` };
        }
        if (status === 429 || status >= 500)
            return { retry: `${where} answered HTTP ${status} (${said})` };
        if (status !== 200)
            return { done: { ok: false, down: true, reason: `${where} answered HTTP ${status} (${said})` } };
        if (answer === undefined) {
            return {
                done: {
                    ok: false,
                    down: false,
                    reason: `${where} answered something that is not a query result: ${snippet(got.body)}`,
                },
            };
        }
        if (answer.status === "error") {
            return {
                done: { ok: false, down: false, reason: `Prometheus answered an error with HTTP 200 (${said})` },
            };
        }
        const notes = [...(answer.warnings ?? []), ...(answer.infos ?? [])];
        if (notes.length > 0) {
            return {
                done: {
                    ok: false,
                    down: false,
                    reason: `Prometheus's answer is partial or uncertain: ${notes.join("; ")}`,
                },
            };
        }
        const samples = [];
        for (const s of answer.data.result) {
            const value = parseSampleValue(s.value[1]);
            if (value === undefined) {
                return {
                    done: { ok: false, down: false, reason: `Prometheus gave the value ${JSON.stringify(s.value[1])}` },
                };
            }
            const { __name__: name, ...labels } = s.metric;
            if (name === undefined)
                return { done: { ok: false, down: false, reason: "a series without __name__" } };
            samples.push({ name, labels, value });
        }
        return { done: { ok: true, samples } };
    }
}
function parseAnswer(body) {
    try {
        const parsed = answerSchema.safeParse(JSON.parse(body));
        return parsed.success ? parsed.data : undefined;
    }
    catch {
        return undefined;
    }
}
function snippet(body) {
    const one = body.replace(/\s+/g, " ").trim();
    return one === "" ? "an empty body" : JSON.stringify(one.length > 200 ? `${one.slice(0, 200)}…` : one);
}
/** Seconds since the epoch with at most millisecond precision, as Prometheus reads `time=`. */
function formatTime(at) {
    if (!Number.isFinite(at) || at < 0)
        throw new Error(`query time ${at} is not a time`);
    return String(Math.round(at * 1000) / 1000);
}
/** A failure another attempt may get past: no answer, a timeout, HTTP 429 or 5xx. */
class TransientQueryError extends Error {
    name = "TransientQueryError";
}
/** Both arms from Prometheus, each by one query evaluated at the tick's time. */
class PrometheusSource {
    options;
    constructor(options) {
        this.options = options;
    }
    async read(at) {
        const [canary, baseline] = await Promise.all([
            this.readArm(this.options.canary, at),
            this.readArm(this.options.baseline, at),
        ]);
        const down = [
            canary.down && `canary query: ${canary.down}`,
            baseline.down && `baseline query: ${baseline.down}`,
        ]
            .filter(Boolean)
            .join("; ");
        return down === ""
            ? { canary: canary.arm, baseline: baseline.arm }
            : { canary: canary.arm, baseline: baseline.arm, sourceDown: down };
    }
    /** One arm; `down` says the source did not answer (as opposed to answering something unusable). */
    async readArm(selector, at) {
        const query = armQuery(this.options.spec, selector);
        let result;
        try {
            result = await this.options.client.query(query, at);
        }
        catch (e) {
            if (e instanceof BadQueryError) {
                throw (0,errors/* inputError */.Xu)(selector.input, selector.text, `Prometheus refused the query ${query}: ${e.prometheusError}`);
            }
            throw e;
        }
        if (!result.ok) {
            const arm = { ok: false, reason: result.reason, unreachable: false };
            return result.down ? { arm, down: result.reason } : { arm };
        }
        const grouped = groupByInstance(result.samples);
        if (!grouped.ok)
            return { arm: { ok: false, reason: grouped.reason, unreachable: false } };
        const up = (g) => g.samples.find((s) => s.name === "up")?.value;
        const silent = grouped.groups.filter((g) => up(g) !== undefined && up(g) !== 1).map((g) => g.instance);
        const answering = grouped.groups.filter((g) => up(g) === 1).map((g) => g.instance);
        if (silent.length > 0) {
            const list = silent.sort().join(", ");
            // Every target of the arm silent: the arm is unreachable (twice in a row for the canary:
            // ROLLBACK). Only some: the arm's sum would miss them, so the tick is invalid (HOLD).
            return answering.length === 0
                ? {
                    arm: {
                        ok: false,
                        unreachable: true,
                        reason: `no target matching ${selector.text} answered Prometheus's last scrape (up=0: ${list})`,
                    },
                }
                : {
                    arm: {
                        ok: false,
                        unreachable: false,
                        reason: `${list} did not answer Prometheus's last scrape (up=0) while ${answering.sort().join(", ")} did`,
                    },
                };
        }
        return { arm: snapshotArm(grouped.groups, this.options.spec) };
    }
}

// EXTERNAL MODULE: ./src/remote/ssh.ts + 2 modules
var ssh = __webpack_require__(14490);
;// CONCATENATED MODULE: ./src/canary/scrape.ts





/** `metrics-path`: an absolute path of printable ASCII (what the SSH path can send, too). */
function checkMetricsPath(value, input = "metrics-path") {
    if (!/^\/[\x21-\x7e]*$/.test(value) || value.length > 1024) {
        throw inputError(input, value, "allowed: an absolute path of printable ASCII without spaces, e.g. /metrics");
    }
    return value;
}
/** `host:port`, `[v6]:port`, or a bare IPv6 address with its port after the last colon. */
function splitAddress(address) {
    const m = /^(.+):([0-9]{1,5})$/.exec(address);
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65_535)
        throw new Error(`address ${JSON.stringify(address)} has no port`);
    return { host: m[1].replace(/^\[(.*)\]$/, "$1"), port };
}
/** `scrape-via: direct`: GET http://address/path from the runner. */
function httpFetchMetrics(options = {}) {
    const timeoutMs = options.timeoutMs ?? 5000;
    const maxBytes = options.maxBytes ?? MAX_EXPOSITION_BYTES;
    return async (address, path) => {
        const { host, port } = splitAddress(address);
        const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}${path}`;
        const got = await boundedGet(url, {
            headers: { Accept: "text/plain;version=0.0.4" },
            timeoutMs,
            maxBytes,
        });
        if (!got.ok)
            return { ok: false, unreachable: got.kind === "timeout" || got.kind === "network", reason: got.reason };
        if (got.status !== 200)
            return { ok: false, unreachable: false, reason: `answered HTTP ${got.status}` };
        const type = got.contentType ?? "text/plain";
        if (!isTextFormat(type)) {
            return {
                ok: false,
                unreachable: false,
                reason: `answered ${type}, not the text exposition format 0.0.4`,
            };
        }
        return { ok: true, body: got.body };
    };
}
/** `text/plain`, with `version=0.0.4` or no version (other parameters, e.g. charset, are fine). */
function isTextFormat(contentType) {
    const [media, ...params] = contentType.split(";").map((s) => s.trim().toLowerCase());
    const version = params.find((p) => p.startsWith("version="));
    return media === "text/plain" && (version === undefined || version === "version=0.0.4");
}
/** SshSession.httpGet keeps at most this much of an answer (and does not say when it cut one). */
const SSH_ANSWER_CAP = 1 << 20;
/**
 * Through the SSH session to the target's host: `ssh -W 127.0.0.1:<port>` from the host, as
 * deploy-systemd's health checks do. A host key that does not match is thrown, never taken for
 * a silent target.
 */
function sshFetchMetrics(sessionFor, timeoutMs = 5000) {
    return async (address, path) => {
        const { host, port } = splitAddress(address);
        let probe;
        try {
            probe = await (await sessionFor(host)).httpGet(port, path, timeoutMs);
        }
        catch (e) {
            if (e instanceof ssh/* HostKeyError */.oZ)
                throw e;
            return { ok: false, unreachable: true, reason: e instanceof Error ? e.message : String(e) };
        }
        return fromHttpProbe(probe);
    };
}
/** What an SSH health-check probe says about a scrape. */
function fromHttpProbe(probe) {
    if ("error" in probe)
        return { ok: false, unreachable: true, reason: probe.error };
    if (probe.status !== 200)
        return { ok: false, unreachable: false, reason: `answered HTTP ${probe.status}` };
    // An answer that filled the cap (less its status line and headers) may have been cut off.
    if (Buffer.byteLength(probe.body, "utf8") >= SSH_ANSWER_CAP - 8192) {
        return {
            ok: false,
            unreachable: false,
            reason: `the answer reached the ${SSH_ANSWER_CAP} bytes an SSH probe keeps and may be cut off; scrape-via: direct or provider: prometheus reads larger ones`,
        };
    }
    return { ok: true, body: probe.body };
}
/** Reads and parses every target of an arm (at the same time) and makes the arm's snapshot. */
async function scrapeArm(addresses, path, fetchMetrics, spec) {
    const got = await Promise.all(addresses.map(async (address) => ({ address, got: await fetchMetrics(address, path) })));
    const failed = got.filter((g) => !g.got.ok);
    if (failed.length > 0) {
        const list = failed.map((g) => `${g.address}${path}: ${g.got.reason}`).join("; ");
        const silent = failed.filter((g) => !g.got.ok && g.got.unreachable);
        if (silent.length === addresses.length)
            return { ok: false, unreachable: true, reason: `no target answered (${list})` };
        const answered = got.filter((g) => g.got.ok).map((g) => g.address);
        return {
            ok: false,
            unreachable: false,
            reason: answered.length > 0 ? `${list} (while ${answered.join(", ")} answered)` : list,
        };
    }
    const groups = [];
    for (const { address, got: answer } of got) {
        const body = answer.body;
        const where = `${address}${path}`;
        if (body !== "" && !body.endsWith("\n")) {
            return {
                ok: false,
                unreachable: false,
                reason: `${where}: the answer ends in the middle of a line (cut off?)`,
            };
        }
        try {
            groups.push({ instance: address, samples: parseExposition(body).samples });
        }
        catch (e) {
            if (e instanceof ExpositionError)
                return { ok: false, unreachable: false, reason: `${where}: ${e.message}` };
            throw e;
        }
    }
    return snapshotArm(groups, spec);
}
/** Both arms straight from the services; a scrape reads the present, so `at` is not used. */
class ScrapeSource {
    options;
    constructor(options) {
        this.options = options;
    }
    async read(_at) {
        const o = this.options;
        const [canary, baseline] = await Promise.all([
            scrapeArm(o.canary, o.metricsPath, o.fetchMetrics, o.spec),
            scrapeArm(o.baseline, o.metricsPath, o.fetchMetrics, o.spec),
        ]);
        return { canary, baseline };
    }
}

// EXTERNAL MODULE: ./src/kit/action.ts + 1 modules
var action = __webpack_require__(86962);
// EXTERNAL MODULE: ./src/kit/log.ts
var log = __webpack_require__(83490);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __webpack_require__(13701);
// EXTERNAL MODULE: ./src/remote/hosts-spec.ts
var hosts_spec = __webpack_require__(24493);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(88532);
// EXTERNAL MODULE: ./src/contract/canary-targets.ts
var canary_targets = __webpack_require__(55411);
// EXTERNAL MODULE: ./src/deploy/plan.ts
var plan = __webpack_require__(5448);
// EXTERNAL MODULE: ./src/kit/inputs.ts
var inputs = __webpack_require__(67127);
;// CONCATENATED MODULE: ./src/actions/canary-gate/schema.ts




/** A number written plainly (no exponent, no sign), checked against a range in words. */
const decimal = (allowed, ok) => (0,inputs.text)(/^[0-9]{1,6}(\.[0-9]{1,9})?$/, allowed)
    .transform(Number)
    .refine(ok, `allowed: ${allowed}`);
const PROBABILITY = "a number greater than 0 and less than 0.5, e.g. 0.05";
const CHECKS = ["error-rate", "error-ceiling", "latency", "latency-slo"];
/** `p99<200ms`, `p99.9 < 0.5s`: the q-quantile of latency stays under T. */
const LATENCY_SLO = /^p([0-9]{1,2}(?:\.[0-9]{1,3})?)\s*<\s*([0-9]{1,6}(?:\.[0-9]{1,6})?)(ms|s)$/;
const SLO_ALLOWED = "pQ<T with a quantile Q from 50 to 99.999 and a time in ms or s, e.g. p99<200ms";
/** An ISO 8601 time with a zone, or Unix seconds: the start or end of a past window (prometheus only). */
const instant = () => (0,inputs.text)(/^([0-9]{9,11}(\.[0-9]{1,3})?|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))$/, "an RFC 3339 time with a zone (2026-12-01T10:00:00Z) or Unix seconds")
    .transform((v) => (/^[0-9.]+$/.test(v) ? Number(v) * 1000 : Date.parse(v)))
    .refine((ms) => Number.isFinite(ms), "allowed: a real date and time, e.g. 2026-12-01T10:00:00Z");
const schema_inputs = schemas/* object */.Ikc({
    targets: (0,inputs.text)(/^\s*\[[\s\S]*\]\s*$/, "deploy-systemd's canary-targets output: a JSON array")
        .transform((v, ctx) => {
        let json;
        try {
            json = JSON.parse(v);
        }
        catch {
            ctx.addIssue({
                code: "custom",
                message: "allowed: deploy-systemd's canary-targets output (valid JSON)",
            });
            return core/* NEVER */.tm;
        }
        const parsed = canary_targets.CanaryTargets.safeParse(json);
        if (parsed.success)
            return parsed.data;
        const issue = parsed.error.issues[0];
        const where = issue ? `[${issue.path.join("].[")}]` : "";
        ctx.addIssue({
            code: "custom",
            message: `allowed: deploy-systemd's canary-targets output; ${where} ${issue?.message ?? "does not match"}`,
        });
        return core/* NEVER */.tm;
    })
        .describe("deploy-systemd's canary-targets output (JSON): per host, the new slot and the old slot, by address and version."),
    provider: (0,inputs.choice)(["scrape", "prometheus"])
        .default("scrape")
        .describe("scrape: read each slot's metrics-path directly (no server needed); prometheus: instant queries to prometheus-url."),
    "scrape-via": (0,inputs.choice)(["ssh", "direct"])
        .default("ssh")
        .describe("scrape: ssh (through each host's SSH, as deploy-systemd connects) or direct (plain HTTP from the runner to each slot)."),
    "ssh-private-key": (0,inputs.secret)((0,inputs.text)(/^-----BEGIN (OPENSSH|EC|RSA) PRIVATE KEY-----[\s\S]+-----END \1 PRIVATE KEY-----\s*$/, "an OpenSSH or PEM private key without a passphrase"))
        .optional()
        .describe("scrape via ssh: the private key (OpenSSH or PEM, no passphrase) that logs in to every host. A secret."),
    "known-hosts": (0,inputs.text)(/^[^\0]+$/, "known_hosts lines for every host (and proxy-jump host)")
        .optional()
        .describe("scrape via ssh: known_hosts content for every host and proxy-jump host; host keys are checked, never trusted on first use."),
    "ssh-user": (0,inputs.text)(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
        .default("deploy")
        .describe("scrape via ssh: user for hosts that name none."),
    "proxy-jump": (0,inputs.line)("[user@]host[:port] hops separated by commas")
        .optional()
        .describe("scrape via ssh: jump host(s), [user@]host[:port], comma-separated, in order."),
    "prometheus-url": (0,inputs.text)(/^https?:\/\/[\x21-\x7e]+$/, "an http(s) URL of a Prometheus server")
        .refine((u) => URL.canParse(u), "allowed: an http(s) URL of a Prometheus server")
        .refine((u) => !URL.canParse(u) || (new URL(u).username === "" && new URL(u).password === ""), "allowed: a URL without credentials; send them with prometheus-headers (a secret)")
        .optional()
        .describe("prometheus: the server's base URL, http(s), without credentials (send those with prometheus-headers)."),
    "prometheus-headers": (0,inputs.secret)(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    (0,inputs.text)(/^([A-Za-z0-9-]+:[^\u0000-\u0009\u000b-\u001f\u007f]*\n?)+$/, "Name: value lines"))
        .optional()
        .describe("prometheus: HTTP headers sent with every query, one 'Name: value' per line, e.g. an Authorization line. A secret."),
    "canary-selector": (0,inputs.line)('PromQL label matchers, e.g. job="shop",version="1.2.3"')
        .optional()
        .describe('prometheus: PromQL label matchers of the canary\'s series (default version="<new version>" from targets).'),
    "baseline-selector": (0,inputs.line)('PromQL label matchers, e.g. job="shop",version="1.2.2"')
        .optional()
        .describe('prometheus: PromQL label matchers of the baseline\'s series (default version="<old version>" from targets).'),
    "metrics-path": (0,inputs.text)(/^\/[\x21-\x7e]*$/, "an absolute URL path, e.g. /metrics")
        .default("/metrics")
        .describe("scrape: the path of each slot's Prometheus text exposition."),
    "requests-metric": (0,inputs.text)(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, "a Prometheus metric name")
        .default("http_requests_total")
        .describe("A counter of requests with a code label (raw cumulative series; no rate())."),
    "error-codes": (0,inputs.text)(/^([0-9.]{3})(,[0-9.]{3})*$/, "status codes or patterns with . for any digit, comma-separated, e.g. 5.. or 500,502,503")
        .default("5..")
        .describe("Values of the code label that count as errors: codes or patterns with . for any digit, comma-separated."),
    "latency-metric": (0,inputs.text)(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, "a Prometheus histogram name")
        .default("http_request_duration_seconds")
        .describe("A histogram of request durations in seconds (its _bucket and _count series)."),
    "max-error-rate": decimal("a number greater than 0 and at most 1 (1 turns the ceiling off)", (n) => n > 0 && n <= 1)
        .prefault("0.05")
        .describe("The error ceiling: the canary's error rate must stay below it, whatever the baseline does; 1 turns the ceiling off."),
    "latency-slo": (0,inputs.text)(LATENCY_SLO, SLO_ALLOWED)
        .transform((v, ctx) => {
        const m = LATENCY_SLO.exec(v);
        // 99.9 / 100 is 0.9990000000000001 in binary: keep the digits the user wrote.
        const q = Number((Number(m?.[1]) / 100).toFixed(8));
        const seconds = Number(m?.[2]) / (m?.[3] === "ms" ? 1000 : 1);
        if (!(q >= 0.5 && q < 1) || !(seconds > 0)) {
            ctx.addIssue({ code: "custom", message: `allowed: ${SLO_ALLOWED}` });
            return core/* NEVER */.tm;
        }
        return { q, seconds, text: v };
    })
        .optional()
        .describe("A latency SLO such as p99<200ms (quantile and time in ms or s); empty turns the check off."),
    checks: (0,inputs.list)(schemas/* enum */.k5n(CHECKS), `a comma-separated list of ${CHECKS.join(", ")}`)
        .refine((l) => l.length > 0, `allowed: one or more of ${CHECKS.join(", ")}`)
        .optional()
        .describe("Comma-separated checks among error-rate, error-ceiling, latency, latency-slo (default: every check whose data is configured)."),
    "error-test": (0,inputs.choice)(["share", "per-request"])
        .default("share")
        .describe("How the error-rate check bets: share (robust to bursts of errors) or per-request (more power, only for independent requests)."),
    "min-effect": decimal("a ratio above 1, e.g. 2 (a canary twice as bad)", (n) => n > 1 && n <= 1000)
        .optional()
        .describe("r*: the regression ratio a promote must rule out (default by the step's weight: 5 at 10% or less, 2 at 30% or less, 1.5 above)."),
    alpha: decimal(PROBABILITY, (n) => n > 0 && n < 0.5)
        .prefault("0.05")
        .describe("The bound on rolling back a canary that is no worse, for the whole gate (split over the checks)."),
    beta: decimal(PROBABILITY, (n) => n > 0 && n < 0.5)
        .prefault("0.05")
        .describe("The bound on promoting a canary that is worse by min-effect, for the whole gate (split over the checks)."),
    interval: (0,plan/* duration */.p0)({ min: 1000, max: 3_600_000 })
        .prefault("15s")
        .describe("Time between ticks, at least 1s (e.g. 15s)."),
    warmup: (0,plan/* duration */.p0)({ max: 86_400_000 })
        .prefault("60s")
        .describe("Time from the start during which counters are recorded but not judged."),
    duration: (0,plan/* duration */.p0)({ min: 1000, max: 7 * 86_400_000 })
        .prefault("10m")
        .describe("The step's deadline: with no decision by then the result is hold and the step fails."),
    "min-ticks": decimal("a whole number from 1 to 10000", (n) => Number.isInteger(n) && n >= 1 && n <= 10_000)
        .prefault("3")
        .describe("Judged ticks needed before a promote."),
    "max-gap": (0,plan/* duration */.p0)({ min: 1000, max: 86_400_000 })
        .prefault("5m")
        .describe("No valid data for this long is reported as stale (hold)."),
    advisory: (0,inputs.boolean)().prefault("false").describe("true: decide and report, never fail the step."),
    from: instant()
        .optional()
        .describe("prometheus: judge a past window from this time (RFC 3339 or Unix seconds) instead of live."),
    to: instant().optional().describe("prometheus: the end of the past window."),
});
const outputs = {
    decision: "promote, hold or rollback",
    reasons: "JSON list of the reasons for the decision",
    report: "Path of a JSON file with every tick: counters, deltas, each check's log E and threshold, n_min",
    "canary-requests": "Canary requests judged",
    "baseline-requests": "Baseline requests judged",
    "e-values": "JSON object: each check's e-value at the end",
};

// EXTERNAL MODULE: ./src/kit/summary.ts
var summary = __webpack_require__(94508);
;// CONCATENATED MODULE: ./src/actions/canary-gate/summary.ts

const CHECK_LABEL = {
    errorRate: "error rate vs baseline",
    errorCeiling: "error ceiling",
    latency: "latency vs baseline",
    latencySlo: "latency SLO",
};
const HEADLINE = {
    promote: "✅ promote",
    hold: "⏸️ hold",
    rollback: "❌ rollback",
};
const summary_pct = (e, n) => (n > 0 ? `${((100 * e) / n).toFixed(2)}% (${e}/${n})` : "no requests");
/** e-values span many orders of magnitude: show them as a person reads them. */
function formatE(logE) {
    const e = Math.exp(logE);
    if (!Number.isFinite(e))
        return logE > 0 ? `e^${logE.toFixed(0)}` : "0";
    if (e >= 1e6 || e < 1e-3)
        return e.toExponential(1);
    return e >= 100 ? e.toFixed(0) : e.toPrecision(3);
}
const summary_seconds = (s) => (s >= 120 ? `${Math.floor(s / 60)} m ${Math.round(s % 60)} s` : `${s} s`);
/** Sums an arm's per-tick exceedances over the judged ticks: n and the count above each boundary. */
function summary_tail(records, arm) {
    let layout = null;
    let n = 0;
    let above = [];
    for (const r of records) {
        const d = r[arm];
        if (r.phase !== "analysis" || !r.valid || !d || !r.layout)
            continue;
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
function quantileBound(t, q) {
    if (!t.layout || t.n === 0)
        return "no data";
    for (let i = 0; i < t.layout.length; i++) {
        if ((t.above[i] ?? 0) / t.n <= 1 - q)
            return `≤ ${fmtSeconds(t.layout[i])}`;
    }
    return `> ${fmtSeconds(t.layout.at(-1))}`;
}
const fmtSeconds = (s) => (s < 1 ? `${Math.round(s * 1000)} ms` : `${s} s`);
function verdict(c, decision) {
    if (c.logE >= c.threshold)
        return "❌ regression";
    if (c.promoteLogE !== undefined && c.promoteThreshold !== undefined)
        return c.promoteLogE >= c.promoteThreshold ? "✅ evidence it holds" : "⏳ not yet shown";
    return decision === "promote" ? "✅ no regression" : "⏳ no regression so far";
}
/** The job summary: the decision and its reason first, then the checks, a chart per check, the raw ticks. */
function renderSummary(run, cfg, ctx) {
    const s = new summary/* Summary */.BD();
    const title = `canary-gate: ${ctx.app} ${ctx.canaryVersion} vs ${ctx.baselineVersion}`;
    if (!run) {
        s.heading(`${title}: ⏸️ hold`);
        s.paragraph(`**Hold**: ${ctx.error ?? "the gate did not run"}.`);
        return s;
    }
    const last = run.records.at(-1);
    const decision = run.decision;
    s.heading(`${title}: ${HEADLINE[decision]}${ctx.advisory ? " (advisory)" : ""}`);
    const elapsed = last ? summary_seconds(last.t) : "0 s";
    s.paragraph(`**${decision[0]?.toUpperCase()}${decision.slice(1)}** after ${elapsed} (${run.records.length} ticks, ${ctx.provider}): ${run.reasons[0] ?? ""}`);
    if (run.reasons.length > 1)
        s.list(run.reasons.slice(1));
    if (run.state.warnings.length > 0)
        s.list(run.state.warnings.map((w) => `⚠️ ${w}`));
    if (!last)
        return s;
    const cTail = summary_tail(run.records, "canary");
    const bTail = summary_tail(run.records, "baseline");
    const q = cfg.latencySlo?.q ?? 0.99;
    const qLabel = `p${+(q * 100).toFixed(3)}`;
    const rows = last.checks.map((c) => {
        let canary = "";
        let baseline = "";
        let threshold = `E ≥ ${formatE(c.threshold)}`;
        if (c.check === "errorRate" || c.check === "errorCeiling") {
            canary = summary_pct(last.eC, last.nC);
            baseline = summary_pct(last.eB, last.nB);
            if (c.check === "errorCeiling")
                threshold = `< ${+(cfg.maxErrorRate * 100).toFixed(3)}%`;
        }
        else {
            canary = `${qLabel} ${quantileBound(cTail, q)}`;
            baseline = `${qLabel} ${quantileBound(bTail, q)}`;
            if (c.check === "latencySlo" && cfg.latencySlo)
                threshold = `${qLabel} < ${fmtSeconds(cfg.latencySlo.seconds)}`;
        }
        const e = c.promoteLogE === undefined ? formatE(c.logE) : `${formatE(c.logE)} / ${formatE(c.promoteLogE)}`;
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
    s.paragraph(`Canary ${last.nC} requests, baseline ${last.nB}${n}. A check rolls back when its e-value reaches ` +
        `${formatE(last.checks[0]?.threshold ?? 0)} (K/α with ${last.checks.length} checks at α = ${cfg.alpha}).`);
    const judged = run.records.filter((r) => r.phase === "analysis");
    // Over a few ticks the table says it all; a chart shows the course of a longer step.
    if (judged.length >= 8) {
        for (const c of last.checks) {
            const points = downsample(judged, 60);
            s.lineChart(`${CHECK_LABEL[c.check]}: log E (blue) and the rollback line (red)`, points.map((r) => r.t), [
                points.map((r) => r.checks.find((x) => x.check === c.check)?.logE ?? 0),
                points.map(() => c.threshold),
            ], { x: "seconds", y: "log E" });
        }
    }
    s.details(`Every tick (${run.records.length})`, tickTable(run.records));
    return s;
}
function downsample(xs, max) {
    if (xs.length <= max)
        return [...xs];
    const step = (xs.length - 1) / (max - 1);
    return Array.from({ length: max }, (_, i) => xs[Math.round(i * step)]);
}
function tickTable(records) {
    const checks = records.at(-1)?.checks.map((c) => c.check) ?? [];
    return new summary/* Summary */.BD().table([
        "t",
        "phase",
        "data",
        "canary Δn / Δerr",
        "baseline Δn / Δerr",
        ...checks.map((c) => `ln E ${c}`),
        "decision",
    ], records.map((r) => [
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
    ]));
}

;// CONCATENATED MODULE: ./src/actions/canary-gate/main.ts
















const CHECK_NAME = {
    "error-rate": "errorRate",
    "error-ceiling": "errorCeiling",
    latency: "latency",
    "latency-slo": "latencySlo",
};
function one(values, what) {
    const set = [...new Set(values)];
    if (set.length !== 1) {
        throw (0,errors/* inputError */.Xu)("targets", `${set.length} ${what}s: ${set.join(", ")}`, `one ${what} on every host: canary-gate judges one rollout step`);
    }
    return set[0];
}
/**
 * Cross-input checks and the gate's configuration. Every problem names its input; nothing has
 * been contacted yet.
 */
function planGate(i, now = Date.now()) {
    const problems = [];
    const need = (input, ok, allowed, value = "") => {
        if (!ok)
            problems.push({ input, value, allowed });
    };
    /** Runs a parser that throws an InputError, keeping its problems with the others. */
    const parsed = (parse) => {
        try {
            return parse();
        }
        catch (e) {
            if (!(e instanceof errors/* InputError */.dz))
                throw e;
            problems.push(...e.problems);
            return undefined;
        }
    };
    const targets = i.targets;
    need("targets", targets.length > 0, "at least one host with a new and an old slot: deploy-systemd with strategy blue-green, traffic-weight below 100", "[]");
    for (const t of targets) {
        need("targets", t.old !== null && t.old.version !== "", "every host with an old slot running a known version (the baseline)", t.host);
    }
    const prom = i.provider === "prometheus";
    let url;
    let headers = {};
    let canarySelector;
    let baselineSelector;
    if (prom) {
        const given = i["prometheus-url"];
        need("prometheus-url", given !== undefined, "required with provider: prometheus");
        if (given !== undefined)
            url = parsed(() => parsePrometheusUrl(given));
        const h = i["prometheus-headers"];
        if (h !== undefined)
            headers = parsed(() => parsePrometheusHeaders(h)) ?? {};
        const cs = i["canary-selector"];
        if (cs !== undefined)
            canarySelector = parsed(() => parseSelector(cs, "canary-selector"));
        const bs = i["baseline-selector"];
        if (bs !== undefined)
            baselineSelector = parsed(() => parseSelector(bs, "baseline-selector"));
    }
    else {
        for (const name of [
            "prometheus-url",
            "prometheus-headers",
            "canary-selector",
            "baseline-selector",
        ])
            need(name, i[name] === undefined, "only with provider: prometheus", name === "prometheus-headers" ? "***" : (i[name] ?? ""));
        if (i["scrape-via"] === "ssh") {
            need("ssh-private-key", i["ssh-private-key"] !== undefined, "required with provider: scrape and scrape-via: ssh");
            need("known-hosts", i["known-hosts"] !== undefined, "required with provider: scrape and scrape-via: ssh");
        }
    }
    const window = i.from !== undefined || i.to !== undefined;
    if (window) {
        need("from", prom, "only with provider: prometheus (a scrape reads the present)", String(i.from ?? ""));
        need("from", i.from !== undefined && i.to !== undefined, "from and to together", String(i.from ?? ""));
        if (i.from !== undefined && i.to !== undefined) {
            need("to", i.to > i.from, "a time after from", new Date(i.to).toISOString());
            need("to", i.to <= now, "a time in the past: a window replays what Prometheus already has", new Date(i.to).toISOString());
        }
    }
    let checks;
    if (i.checks) {
        checks = { errorRate: false, errorCeiling: false, latency: false, latencySlo: false };
        for (const c of i.checks)
            checks[CHECK_NAME[c]] = true;
        need("checks", !checks.latencySlo || i["latency-slo"] !== undefined, "latency-slo only with a latency-slo input", i.checks.join(","));
        need("checks", !checks.errorCeiling || i["max-error-rate"] < 1, "error-ceiling only with max-error-rate below 1", i.checks.join(","));
    }
    if (problems.length > 0)
        throw new errors/* InputError */.dz(problems);
    const canaryVersion = one(targets.map((t) => t.new.version), "canary version");
    const baselineVersion = one(targets.map((t) => t.old?.version ?? ""), "baseline version");
    const weight = Math.max(...targets.map((t) => t.weight)) / 100;
    const deadline = window ? (i.to - i.from) / 1000 : i.duration / 1000;
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
    const spec = {
        requestsMetric: i["requests-metric"],
        latencyMetric: on.includes("latency") || on.includes("latencySlo") ? i["latency-metric"] : null,
        errorCodes: parseErrorCodes(i["error-codes"]),
    };
    return {
        cfg,
        spec,
        canaryVersion,
        baselineVersion,
        start: window ? i.from : now,
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
async function openSource(i, plan) {
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
        return { source, close: async () => { } };
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
        return { source, close: async () => { } };
    }
    const defaults = { user: i["ssh-user"] };
    const hosts = new Map(i.targets.map((t) => {
        const [spec] = (0,hosts_spec/* parseHostList */.A_)(t.host, defaults, "targets");
        return [spec?.host ?? "", spec];
    }));
    const client = await ssh/* SshClient */.Ag.create({
        privateKey: i["ssh-private-key"],
        knownHosts: i["known-hosts"],
        proxyJump: (0,hosts_spec/* parseProxyJump */.uo)(i["proxy-jump"] ?? "", defaults),
    });
    // A key ssh cannot load is the input's fault, said once before the first tick, not a scrape failure.
    await client.ready().catch(async (e) => {
        await client.close();
        throw e;
    });
    const sessions = new Map();
    const sessionFor = (host) => {
        const spec = hosts.get(host);
        if (!spec)
            throw new errors/* UserError */.yo(`targets: the slot host ${host} is not one of the targets' hosts`);
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
function tickLine(r) {
    const head = `t=${r.t}s `;
    if (!r.valid)
        return `${head}HOLD — ${r.invalid ?? "invalid data"}`;
    if (r.phase === "warmup")
        return `${head}warming up: counters recorded, not judged`;
    const checks = r.checks.map((c) => `${c.check} ${c.logE.toFixed(2)}/${c.threshold.toFixed(2)}`).join(", ");
    const n = r.nMin === null ? "" : ` n_min=${r.nMin}`;
    return `${head}n_c=${r.nC} n_b=${r.nB} e_c=${r.eC} e_b=${r.eB}${n}${checks ? ` | ln E: ${checks}` : ""} → ${r.decision.toUpperCase()}`;
}
/** Read at load, before the action wrapper makes a temporary RUNNER_TEMP of its own. */
const RUNNER_GAVE_TEMP = Boolean(process.env.RUNNER_TEMP);
async function writeReport(plan, run, extra) {
    // A RUNNER_TEMP goship made itself (local mode, a bare node run) is removed when the run ends;
    // the report must outlive it.
    const dir = (0,external_node_path_.join)((RUNNER_GAVE_TEMP && !(0,log/* isLocalMode */.Jn)() && process.env.RUNNER_TEMP) || (0,external_node_os_.tmpdir)(), "goship-canary-gate");
    await (0,promises_.mkdir)(dir, { recursive: true });
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
    for (let n = 1;; n++) {
        const file = (0,external_node_path_.join)(dir, n === 1 ? `${name}.json` : `${name}-${n}.json`);
        try {
            await (0,promises_.writeFile)(file, text, { flag: "wx" });
            return file;
        }
        catch (e) {
            if (e.code !== "EEXIST" || n >= 1000)
                throw e;
        }
    }
}
const INPUT_NAME = Object.fromEntries(Object.entries(CHECK_NAME).map(([k, v]) => [v, k]));
/** The e-values output: per check (by its `checks` name), log E, E (null past a double) and the threshold. */
function eValues(last) {
    const finite = (x) => (Number.isFinite(Math.exp(x)) ? Number(Math.exp(x).toPrecision(6)) : null);
    return Object.fromEntries((last?.checks ?? []).map((c) => [
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
    ]));
}
const canaryGate = (0,action.defineAction)({
    name: "canary-gate",
    description: "Judges one step of a staged rollout: the canary against the old version beside it, from Prometheus or /metrics, by anytime-valid sequential tests; promote, hold or rollback.",
    inputs: schema_inputs,
    outputs: outputs,
    // Fail closed, and say so: a step that failed before or outside the gate's judgement holds.
    failureOutputs: (message) => ({ decision: "hold", reasons: JSON.stringify([message]) }),
    async run(i) {
        const plan = planGate(i);
        const mode = plan.replay
            ? `the window ${new Date(plan.start).toISOString()} + ${plan.cfg.deadline} s`
            : `${plan.cfg.deadline} s live`;
        (0,log/* info */.pq)(`canary-gate: ${plan.canaryVersion} (canary) vs ${plan.baselineVersion} (baseline) on ${i.targets.length} host(s), ` +
            `${i.provider}${i.provider === "scrape" ? ` via ${i["scrape-via"]}` : ""}, ${mode}, a tick every ${plan.cfg.interval} s, ` +
            `checks ${enabledChecks(plan.cfg).join(", ")}`);
        let run = null;
        let failure;
        const ctx = {
            app: i.targets[0]?.app ?? "",
            canaryVersion: plan.canaryVersion,
            baselineVersion: plan.baselineVersion,
            provider: i.provider,
            advisory: i.advisory,
        };
        const counters = [];
        try {
            const { source, close } = await openSource(i, plan);
            try {
                // Between ticks the log is quiet for an interval; with a long one the heartbeat says what waits.
                const judging = `judging ${plan.canaryVersion} against ${plan.baselineVersion}, a tick every ${plan.cfg.interval} s`;
                run = await progress/* progress */.qB.phase(judging, () => runGate({
                    cfg: plan.cfg,
                    start: plan.start,
                    ...(plan.replay ? {} : { clock: realClock }),
                    read: async ({ t, at }) => {
                        const got = await source.read(at);
                        // The raw cumulative counters behind each tick, for the report.
                        counters.push({ t, ...got });
                        return got;
                    },
                    onTick: (r) => (0,log/* info */.pq)(tickLine(r)),
                }));
            }
            finally {
                await close();
            }
        }
        catch (e) {
            if (!(e instanceof errors/* UserError */.yo))
                throw e;
            failure = (0,errors/* errorMessage */.gJ)(e);
        }
        for (const w of run?.state.warnings ?? [])
            (0,log/* warning */.$e)(`canary-gate: ${w}`);
        const decision = run?.decision ?? "hold";
        const reasons = run ? run.reasons : [failure ?? "the gate did not run"];
        const last = run?.records.at(-1);
        const report = await writeReport(plan, run, { counters, ...(failure ? { error: failure } : {}) });
        (0,action.setOutputs)(canaryGate, {
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
            (0,log/* info */.pq)(`canary-gate: ${verdict}`);
            return;
        }
        if (i.advisory) {
            (0,log/* warning */.$e)(`canary-gate (advisory, the step does not fail): ${verdict}`);
            return;
        }
        throw new errors/* UserError */.yo(verdict);
    },
});


/***/ }),

/***/ 55411:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CanaryTargets: () => (/* binding */ CanaryTargets)
/* harmony export */ });
/* unused harmony exports SlotAddress, CanarySlot, CanaryTarget */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27597);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77662);



/**
 * deploy-systemd's `canary-targets` output: per blue-green host, the slot that now runs the
 * new version and the slot that still runs the old one, each by address and version, so that
 * a canary judge can compare the two side by side. deploy-systemd builds the output through
 * this schema and canary-gate reads its `targets` input with it: the two cannot drift.
 *
 * `[]` with the restart strategy, and in modes that leave no two slots to compare (status,
 * promote, rollback).
 */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A host as deploy-systemd connects to it: a lowercase DNS name, an IPv4 address, or an IPv6 address. */
function isHostName(host) {
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv4)(host) || (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(host))
        return true;
    const labels = host.split(".");
    // A last label of digits only is an address to a resolver (1.2.3), not a name.
    return (host.length <= 253 && labels.every((l) => DNS_LABEL.test(l)) && !/^[0-9]+$/.test(labels.at(-1) ?? ""));
}
/** "8081" → 8081; undefined unless a port number 1-65535 written plainly. */
function portNumber(text) {
    const n = Number(text);
    return /^[1-9][0-9]{0,4}$/.test(text) && n <= 65535 ? n : undefined;
}
/**
 * `host:port` split at the last colon, so that an IPv6 address is read whole: deploy-systemd
 * writes the host as the `hosts` input names it, and an IPv6 address without its brackets
 * (`2001:db8::1:8081`).
 */
function splitSlotAddress(address) {
    const colon = address.lastIndexOf(":");
    const host = address.slice(0, colon);
    const port = portNumber(address.slice(colon + 1));
    return colon > 0 && port !== undefined && isHostName(host) ? { host, port } : undefined;
}
/** `user@host:port` as deploy-systemd names a host (its `hosts` output too): IPv6 in brackets. */
function splitHostLabel(label) {
    const m = /^([a-z_][a-z0-9_-]{0,31})@(?:\[([0-9a-f:.]+)\]|([^:[\]]+)):([0-9]+)$/.exec(label);
    if (!m)
        return undefined;
    const [, user = "", v6, name] = m;
    const host = v6 ?? name ?? "";
    const port = portNumber(m[4] ?? "");
    if (port === undefined || !(v6 !== undefined ? (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(v6) : isHostName(host)))
        return undefined;
    return { user, host, port };
}
const SlotAddress = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
    .refine((a) => splitSlotAddress(a) !== undefined, "host:port, with host a DNS name or an IP address and port 1-65535");
const CanarySlot = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    /** Where the slot answers directly, past nginx: `host:port`. */
    address: SlotAddress,
    /** The release the slot runs. */
    version: _names_js__WEBPACK_IMPORTED_MODULE_1__/* .SafeName */ .P8,
});
const CanaryTarget = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    /** The service deploy-systemd deployed (its `app` input). */
    app: _names_js__WEBPACK_IMPORTED_MODULE_1__/* .AppName */ .td,
    /** The share of the host's traffic nginx sends to the new slot, in percent. */
    weight: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().min(0).max(100),
    /** The deploy host, `user@host:port` (the SSH port), as in the `hosts` output. */
    host: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .refine((h) => splitHostLabel(h) !== undefined, "user@host:port, with host a DNS name, an IPv4 address or an IPv6 address in brackets"),
    /** The slot that now runs the version deployed (or shifted to). */
    new: CanarySlot,
    /**
     * The slot that runs the version before it; null on a host's first blue-green deploy. Its
     * version is empty when a shift finds no release linked to that slot.
     */
    old: CanarySlot.extend({ version: zod__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([_names_js__WEBPACK_IMPORTED_MODULE_1__/* .SafeName */ .P8, zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz("")]) }).nullable(),
})
    .superRefine((t, ctx) => {
    const host = splitHostLabel(t.host)?.host;
    for (const key of ["new", "old"]) {
        const slot = t[key];
        if (!slot || host === undefined)
            continue;
        const on = splitSlotAddress(slot.address)?.host;
        if (on !== undefined && on !== host)
            ctx.addIssue({ code: "custom", path: [key, "address"], message: `not on the host ${host}` });
    }
    if (t.old && t.old.address === t.new.address)
        ctx.addIssue({ code: "custom", path: ["old", "address"], message: "the same slot as new" });
});
/** The whole output: one entry per host whose two slots can be compared, in the order of the hosts. */
const CanaryTargets = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(CanaryTarget);


/***/ }),

/***/ 91834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ retry)
/* harmony export */ });
/* unused harmony export backoffDelay */
/**
 * Retrying a failed operation with exponential backoff: the one loop behind every retried
 * network call (downloads, the checksum database, GitHub's API). What is worth retrying is
 * the caller's decision, since only it knows what a failure means; this module only
 * counts attempts and waits.
 */
const timer = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The backoff wait after failed attempt `attempt` (1-based), jitter included. */
function backoffDelay(attempt, options) {
    const exact = Math.min(options.baseDelayMs * 2 ** (attempt - 1), options.maxDelayMs ?? Infinity);
    const jitter = Math.min(Math.max(options.jitter ?? 0, 0), 1);
    return jitter === 0 ? exact : Math.round(exact * (1 - jitter * (options.random ?? Math.random)()));
}
/**
 * Runs `fn` until it succeeds, `retryable` says no, or the attempts are spent; then throws
 * the last error as it is. `fn` gets the attempt's number (1 for the first), so that a retry
 * can first look whether the failed attempt took effect anyway. A wait of 0 retries at once.
 */
async function retry(fn, options) {
    const sleep = options.sleep ?? timer;
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (e) {
            // Asked even after the last attempt: its verdict may be a clearer error to throw.
            const backoffMs = backoffDelay(attempt, options);
            const verdict = options.retryable(e, { attempt, backoffMs });
            if (verdict === false || attempt >= options.attempts)
                throw e;
            const waitMs = verdict === true ? backoffMs : Math.max(0, verdict);
            options.onRetry?.(e, { attempt, attempts: options.attempts, waitMs });
            if (waitMs > 0)
                await sleep(waitMs);
        }
    }
}


/***/ })

};
