import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 824:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _kit_action_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(34);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(380);


await (0,_kit_action_js__WEBPACK_IMPORTED_MODULE_0__/* .runAction */ .Cs)(_main_js__WEBPACK_IMPORTED_MODULE_1__/* .canaryGate */ .Cv);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 380:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Cv: () => (/* binding */ canaryGate)
});

// UNUSED EXPORTS: eValues, planGate, tickLine

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
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

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __nccwpck_require__(691);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __nccwpck_require__(713);
;// CONCATENATED MODULE: ./src/kit/retry.ts
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
            return await retry(async () => {
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/kit/process.ts




/** The program could not be started: not installed (ENOENT), not executable… */
class ProcessStartError extends errors/* UserError */.yo {
    file;
    reason;
    name = "ProcessStartError";
    constructor(file, reason) {
        super(reason.code === "ENOENT" ? `${file}: command not found` : `${file}: could not start: ${reason.message}`);
        this.file = file;
        this.reason = reason;
    }
}
/** The stream given as the child's stdin failed; the child was ended. */
class ProcessInputError extends errors/* UserError */.yo {
    file;
    reason;
    name = "ProcessInputError";
    constructor(file, reason) {
        super(`reading the input of ${file}: ${reason.message}`);
        this.file = file;
        this.reason = reason;
    }
}
const KILL_GRACE_MS = 2000;
/**
 * Runs `file` with `args` and resolves with how it ended, whatever its exit code; rejects only
 * when it could not start (ProcessStartError) or its stdin stream failed (ProcessInputError).
 */
function runProcess(file, args, options = {}) {
    const started = performance.now();
    const { stdin, stderrFd } = options;
    const background = stderrFd !== undefined;
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(file, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: [stdin === undefined ? "ignore" : "pipe", background ? "ignore" : "pipe", stderrFd ?? "pipe"],
            shell: false,
            detached: options.processGroup === true,
        });
        let settled = false;
        const settle = (f) => {
            if (settled)
                return;
            settled = true;
            if (timer)
                clearTimeout(timer);
            f();
        };
        const kill = (signal) => {
            if (options.processGroup && child.pid !== undefined) {
                try {
                    // The group, even once its leader is gone: what it started may still run.
                    process.kill(-child.pid, signal);
                    return;
                }
                catch {
                    // no such group: the child alone
                }
            }
            child.kill(signal);
        };
        let timedOut = false;
        const timer = options.timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                timedOut = true;
                kill("SIGTERM");
                setTimeout(() => kill("SIGKILL"), KILL_GRACE_MS).unref();
            }, options.timeoutMs);
        const out = [];
        let outBytes = 0;
        let truncated = false;
        const maxOut = options.maxStdoutBytes ?? Number.POSITIVE_INFINITY;
        child.stdout?.on("data", (b) => {
            options.onStdout?.(b.toString());
            const room = maxOut - outBytes;
            if (b.length > room)
                truncated = true;
            if (room > 0) {
                const kept = b.length > room ? b.subarray(0, room) : b;
                out.push(kept);
                outBytes += kept.length;
            }
        });
        let err = [];
        let errBytes = 0;
        const maxErr = options.maxStderrBytes;
        child.stderr?.on("data", (b) => {
            options.onStderr?.(b.toString());
            err.push(b);
            errBytes += b.length;
            if (maxErr !== undefined && errBytes > 2 * maxErr) {
                const tail = Buffer.concat(err).subarray(-maxErr);
                err = [tail];
                errBytes = tail.length;
            }
        });
        if (stdin !== undefined && child.stdin) {
            child.stdin.on("error", () => { }); // the child may exit before reading all of it; its exit code tells
            if (typeof stdin === "string" || Buffer.isBuffer(stdin)) {
                if (options.keepStdinOpen)
                    child.stdin.write(stdin);
                else
                    child.stdin.end(stdin);
            }
            else {
                stdin.on("error", (e) => {
                    child.stdin?.destroy();
                    kill("SIGTERM");
                    settle(() => reject(new ProcessInputError(file, e)));
                });
                stdin.pipe(child.stdin, { end: !options.keepStdinOpen });
            }
        }
        child.on("error", (e) => {
            // Also emitted when a kill fails, which changes nothing here: only a child that never ran has no pid.
            if (child.pid === undefined)
                settle(() => reject(new ProcessStartError(file, e)));
        });
        child.on(background ? "exit" : "close", (code, signal) => {
            if (stdin !== undefined && typeof stdin !== "string" && !Buffer.isBuffer(stdin))
                stdin.destroy();
            if (options.keepStdinOpen)
                child.stdin?.destroy();
            const stderr = Buffer.concat(err);
            settle(() => resolve({
                code: code ?? -1,
                signal,
                stdout: Buffer.concat(out).toString(),
                stdoutTruncated: truncated,
                stderr: (maxErr === undefined ? stderr : stderr.subarray(-maxErr)).toString(),
                timedOut,
                durationMs: performance.now() - started,
            }));
        });
    });
}
// ---------------------------------------------------------------------------------------------
// A process known by its PID
/** Running, not just present: a killed process whose new parent has not reaped it yet is a zombie. */
function processAlive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (e) {
        return e.code === "EPERM";
    }
    try {
        // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses.
        const stat = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    }
    catch {
        return true; // no /proc (macOS runners): kill(0) is all there is
    }
}
/** A process's start time (clock ticks since boot), so a reused PID is not taken for it; "" when gone. */
function processStartTime(pid) {
    try {
        // The fields after comm: state is the first, starttime the 20th. A zombie has ended: no start time.
        const stat = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return fields[0] === "Z" ? "" : (fields[19] ?? "");
    }
    catch {
        return "";
    }
}
/** Sends `signal`; a process that is gone already is not an error. */
function signalProcess(pid, signal) {
    try {
        process.kill(pid, signal);
    }
    catch {
        // already gone
    }
}
/** Waits up to `ms` for the process to be gone; false when it is still there. */
async function waitForExit(pid, ms) {
    const deadline = Date.now() + ms;
    while (processAlive(pid)) {
        if (Date.now() > deadline)
            return false;
        await (0,external_node_timers_promises_namespaceObject.setTimeout)(25);
    }
    return true;
}
/** Ends a process: SIGTERM, then SIGKILL if it is still there after `graceMs`; waits until it is gone (up to `graceMs` more). */
async function endProcess(pid, graceMs = 5000) {
    if (!processAlive(pid))
        return;
    signalProcess(pid, "SIGTERM");
    if (!(await waitForExit(pid, graceMs))) {
        signalProcess(pid, "SIGKILL");
        await waitForExit(pid, graceMs);
    }
}

;// CONCATENATED MODULE: ./src/kit/exec.ts


/** A program exited non-zero, was killed, or could not start. */
class ExecError extends errors/* UserError */.yo {
    result;
    outcome;
    name = "ExecError";
    constructor(message, result, 
    /** How it ended, without the command line: "exited with code 1", "timed out after 5000 ms". */
    outcome) {
        super(message);
        this.result = result;
        this.outcome = outcome;
    }
}
/** Renders argv for messages only; it is never given to a shell. */
function describeCommand(file, args) {
    return [file, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}
/**
 * Runs a program from an argv array (never through a shell) and captures its output.
 * Throws ExecError with the exit code and the tail of stderr unless allowFailure is set.
 */
async function execFile(file, args, options = {}) {
    const command = describeCommand(file, args);
    const started = performance.now();
    let r;
    try {
        r = await runProcess(file, args, {
            cwd: options.cwd,
            env: options.env,
            stdin: options.input,
            timeoutMs: options.timeoutMs,
            // Its own process group, so a timeout also ends what it started (go build's compile jobs).
            processGroup: options.timeoutMs !== undefined,
            onStdout: options.onStdout,
            onStderr: options.onStderr,
        });
    }
    catch (e) {
        if (!(e instanceof ProcessStartError))
            throw e;
        const result = {
            command,
            code: -1,
            stdout: "",
            stderr: e.reason.message,
            durationMs: performance.now() - started,
        };
        const why = e.reason.code === "ENOENT" ? e.message : `${command}: could not start: ${e.reason.message}`;
        throw new ExecError(why, result, `could not start: ${e.reason.message}`);
    }
    const result = {
        command,
        code: r.code,
        stdout: r.stdout,
        stderr: r.stderr,
        durationMs: r.durationMs,
    };
    if (r.timedOut) {
        const outcome = `timed out after ${options.timeoutMs} ms`;
        throw new ExecError(`${command}: ${outcome}`, result, outcome);
    }
    if (r.code !== 0 && !options.allowFailure) {
        const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
        const tail = lastLines(result.stderr || result.stdout, 20);
        throw new ExecError(`${command} ${how}${tail ? `:\n${tail}` : ""}`, result, how);
    }
    return result;
}
function lastLines(text, n) {
    return text.trimEnd().split("\n").slice(-n).join("\n");
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
;// CONCATENATED MODULE: ./src/kit/hash.ts



/**
 * sha256 and size of a file, read 1 MiB at a time into one reused buffer: a stream would
 * allocate a fresh buffer per read, a gigabyte of garbage for a gigabyte file.
 */
async function sha256File(path) {
    const hash = (0,external_node_crypto_.createHash)("sha256");
    const buffer = Buffer.allocUnsafe(1 << 20);
    const fh = await (0,promises_.open)(path, "r");
    let size = 0;
    try {
        for (;;) {
            const { bytesRead } = await fh.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            hash.update(buffer.subarray(0, bytesRead));
            size += bytesRead;
        }
    }
    finally {
        await fh.close();
    }
    return { sha256: hash.digest("hex"), size };
}
/** Offset of the first differing byte of two files, or undefined when they are identical. */
async function firstDifference(a, b) {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    const ra = createReadStream(a, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
    const rb = createReadStream(b, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
    let bufA = Buffer.alloc(0);
    let bufB = Buffer.alloc(0);
    let offset = 0;
    for (;;) {
        if (bufA.length === 0) {
            const n = await ra.next();
            bufA = n.done ? Buffer.alloc(0) : n.value;
        }
        if (bufB.length === 0) {
            const n = await rb.next();
            bufB = n.done ? Buffer.alloc(0) : n.value;
        }
        if (bufA.length === 0 || bufB.length === 0) {
            await Promise.all([ra.return?.(), rb.return?.()]);
            return sa.size === sb.size ? undefined : offset;
        }
        const n = Math.min(bufA.length, bufB.length);
        for (let i = 0; i < n; i++) {
            if (bufA[i] !== bufB[i]) {
                await Promise.all([ra.return?.(), rb.return?.()]);
                return offset + i;
            }
        }
        offset += n;
        bufA = bufA.subarray(n);
        bufB = bufB.subarray(n);
    }
}

// EXTERNAL MODULE: ./src/kit/log.ts
var kit_log = __nccwpck_require__(490);
;// CONCATENATED MODULE: ./src/remote/command.ts

const STEP_NAME = /^[a-z][a-z0-9-]{0,62}$/;
/** Linux's MAX_ARG_STRLEN is 128 KiB, and the whole remote command is one argument of the login shell. */
const MAX_COMMAND_BYTES = 120 * 1024;
/** After the step's time is up, `timeout` waits this long for it to end before it kills it. */
const KILL_GRACE_SEC = 10;
/** Defines a step; `body` must be a constant of our code, never built from input. */
function remoteStep(name, body) {
    if (!STEP_NAME.test(name))
        throw new Error(`step name ${JSON.stringify(name)} is not [a-z][a-z0-9-]*`);
    return Object.freeze({ name, script: `set -eu\n${body.trim()}\n` });
}
/**
 * One word for a POSIX shell, taken literally: single-quoted, each `'` written as `'\''`.
 * Anything but NUL (which no argument can hold) and broken UTF-16 (which could not arrive
 * byte-for-byte) is allowed, newlines included.
 */
function shellQuote(word) {
    if (word.includes("\0"))
        throw new errors/* UserError */.yo("a remote argument contains a NUL byte, which no argument can hold");
    if (!word.isWellFormed())
        throw new errors/* UserError */.yo("a remote argument is not valid Unicode (a lone surrogate)");
    return `'${word.replaceAll("'", "'\\''")}'`;
}
/**
 * The command line ssh hands to the remote login shell: `[sudo -n --] timeout -k 10 <s> sh -c
 * '<script>' goship-<name> '<arg>'…`. `timeout` ends the step's whole process group on the
 * host, so a step given up on here does not go on running there.
 */
function remoteCommand(step, args, opts) {
    // The one property every step must have, whoever wrote it: stop at the first failure or unset variable.
    if (!/^\s*set -eu\b/.test(step.script))
        throw new Error(`step "${step.name}": its script must start with set -eu`);
    const words = [
        ...(opts.sudo ? ["sudo", "-n", "--"] : []),
        "timeout",
        "-k",
        String(KILL_GRACE_SEC),
        String(opts.timeoutSec),
        "sh",
        "-c",
        step.script,
        `goship-${step.name}`,
        ...args,
    ];
    const command = words.map(shellQuote).join(" ");
    const bytes = Buffer.byteLength(command);
    if (bytes > MAX_COMMAND_BYTES) {
        throw new errors/* UserError */.yo(`step "${step.name}": its arguments make a ${bytes}-byte command line (at most ${MAX_COMMAND_BYTES}); send large data on stdin`);
    }
    return command;
}
/**
 * SshSession.upload's script: what arrives on stdin goes to a temporary file beside `dest`, its
 * sha256 is checked against the local one, then it is chmod-ed and renamed into place.
 */
const UPLOAD = remoteStep("upload", `
dest=$1 mode=$2 want=$3
dir=\${dest%/*}
[ -n "$dir" ] || dir=/
mkdir -p -- "$dir"
tmp=$(mktemp "$dir/.goship-upload.XXXXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
# openssl hashes several times faster than coreutils; either is a full SHA-256.
if command -v openssl >/dev/null 2>&1; then got=$(openssl dgst -sha256 -r "$tmp"); else got=$(sha256sum < "$tmp"); fi
got=\${got%% *}
if [ "$got" != "$want" ]; then
  echo "sha256 of what arrived is $got, expected $want" >&2
  exit 3
fi
chmod "$mode" "$tmp"
mv -f -- "$tmp" "$dest"
trap - EXIT
printf '%s\\n' "$got"
`);

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: ./src/remote/hosts-spec.ts


const SSH_USER_PATTERN = /^[a-z_][a-z0-9_-]{0,31}$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PORT = /^[1-9][0-9]{0,4}$/;
const HOST_SPEC_ALLOWED = "allowed: [user@]host[:port] with user [a-z_][a-z0-9_-]{0,31}, host a DNS name, an IPv4 address " +
    "or an IPv6 address in brackets ([2001:db8::1]), port 1-65535";
/** Parses one `[user@]host[:port]`; `input` names the input in the error (`hosts`, `proxy-jump`). */
function parseHostSpec(spec, defaults, input = "hosts") {
    const parsed = readHostSpec(spec, checkedDefaults(defaults));
    if (typeof parsed === "string")
        throw inputError(input, spec, `${parsed}; ${HOST_SPEC_ALLOWED}`);
    return parsed;
}
/**
 * The `hosts` input: specs separated by newlines or commas, blanks ignored, duplicates (the
 * same user, host and port however spelled) dropped, first-seen order kept. Every bad entry is
 * reported at once. An empty text gives an empty list: whether that is allowed (an inventory
 * instead) is the caller's decision.
 */
function parseHostList(text, defaults, input = "hosts") {
    const d = checkedDefaults(defaults);
    const problems = [];
    const seen = new Map();
    for (const item of text.split(/[,\n]/)) {
        const spec = item.trim();
        if (spec === "")
            continue;
        const parsed = readHostSpec(spec, d);
        if (typeof parsed === "string")
            problems.push({ input, value: spec, allowed: `${parsed}; ${HOST_SPEC_ALLOWED}` });
        else if (!seen.has(formatHostSpec(parsed)))
            seen.set(formatHostSpec(parsed), parsed);
    }
    if (problems.length > 0)
        throw new errors/* InputError */.dz(problems);
    return [...seen.values()];
}
/**
 * The `proxy-jump` input: one or more hops, comma-separated as ssh's ProxyJump takes them,
 * each checked like a host. Empty means no jump. Hops get the default user and port filled in,
 * so ssh never falls back to the runner's login name for them.
 */
function parseProxyJump(text, defaults, input = "proxy-jump") {
    const d = checkedDefaults(defaults);
    const value = text.trim();
    if (value === "")
        return [];
    const problems = [];
    const hops = [];
    for (const item of value.split(",")) {
        const parsed = readHostSpec(item.trim(), d);
        if (typeof parsed === "string") {
            problems.push({ input, value: item.trim(), allowed: `${parsed}; ${HOST_SPEC_ALLOWED}` });
        }
        else
            hops.push(parsed);
    }
    if (problems.length > 0)
        throw new errors/* InputError */.dz(problems);
    return hops;
}
/** `user@host:port`, IPv6 in brackets: how specs are shown, compared, and given to ProxyJump. */
function formatHostSpec(spec) {
    const host = spec.host.includes(":") ? `[${spec.host}]` : spec.host;
    return `${spec.user}@${host}:${spec.port}`;
}
function checkedDefaults(defaults) {
    if (!SSH_USER_PATTERN.test(defaults.user)) {
        throw (0,errors/* inputError */.Xu)("ssh-user", defaults.user, "allowed: a user name matching [a-z_][a-z0-9_-]{0,31}");
    }
    const port = defaults.port ?? 22;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new Error(`default port ${port} is not 1-65535`);
    return { user: defaults.user, port };
}
/** The spec, or why it is refused (a phrase that follows the value in the message). */
function readHostSpec(spec, defaults) {
    if (spec === "")
        return "is empty";
    if (spec.startsWith("-"))
        return 'starts with "-", which ssh would read as an option';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\s\u0000-\u001f\u007f-\u009f]/.test(spec))
        return "contains whitespace or a control character";
    const odd = /[^A-Za-z0-9_.:@[\]-]/.exec(spec);
    if (odd)
        return `contains ${JSON.stringify(odd[0])}, which no user, host or port has`;
    let rest = spec;
    let user = defaults.user;
    const at = spec.indexOf("@");
    if (at !== -1) {
        if (spec.indexOf("@", at + 1) !== -1)
            return 'has more than one "@"';
        user = spec.slice(0, at);
        rest = spec.slice(at + 1);
        if (user === "")
            return 'has no user before "@"';
        if (!SSH_USER_PATTERN.test(user))
            return `user ${JSON.stringify(user)} is not a user name`;
    }
    let host;
    let port;
    if (rest.startsWith("[")) {
        const close = rest.indexOf("]");
        if (close === -1)
            return 'has "[" without a closing "]"';
        host = rest.slice(1, close).toLowerCase();
        const after = rest.slice(close + 1);
        if (after !== "" && !after.startsWith(":"))
            return `has ${JSON.stringify(after)} after "]"`;
        if (after !== "")
            port = after.slice(1);
        if (!(0,external_node_net_namespaceObject.isIPv6)(host))
            return `${JSON.stringify(host)} in brackets is not an IPv6 address`;
    }
    else {
        if (rest.includes("]"))
            return 'has "]" without an opening "["';
        const parts = rest.split(":");
        if (parts.length > 2)
            return 'has more than one ":" (an IPv6 address goes in brackets: [2001:db8::1]:22)';
        host = (parts[0] ?? "").toLowerCase();
        port = parts[1];
        if (host === "")
            return "has no host";
        if ((0,external_node_net_namespaceObject.isIPv4)(host)) {
            // An IPv4 address as it is.
        }
        else if (/^[0-9.]+$/.test(host)) {
            return `${JSON.stringify(host)} is not an IPv4 address`;
        }
        else {
            const why = dnsNameProblem(host);
            if (why)
                return why;
        }
    }
    if (port === undefined)
        return { user, host, port: defaults.port };
    if (port === "")
        return 'has no port after ":"';
    const n = Number(port);
    if (!PORT.test(port) || n > 65535)
        return `port ${JSON.stringify(port)} is not 1-65535`;
    return { user, host, port: n };
}
function dnsNameProblem(host) {
    if (host.length > 253)
        return "host name is longer than 253 characters";
    const labels = host.split(".");
    for (const label of labels) {
        if (!DNS_LABEL.test(label)) {
            return label === ""
                ? `host ${JSON.stringify(host)} has an empty label`
                : `host ${JSON.stringify(host)}: ${JSON.stringify(label)} is not a DNS label (letters, digits, inner "-")`;
        }
    }
    // A last label of digits only is how resolvers tell addresses from names (1.2.3 is an address to inet_aton).
    if (/^[0-9]+$/.test(labels[labels.length - 1] ?? ""))
        return `host ${JSON.stringify(host)} is neither a name nor an address`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/remote/ssh-files.ts







/**
 * The private directory of one SshClient (0700): the key, known_hosts and the ssh config its
 * connections read (0600 each), who owns it, and its control sockets. A client killed before
 * close() leaves one behind; the next client in the same base ends its masters and removes it.
 */
/** Paths that go into the config file, control socket names and the jump's shell command unquoted. */
const SAFE_DIR = /^\/[A-Za-z0-9._/-]*$/;
/** A unix socket path is at most 104-108 bytes, and ssh adds ".XXXXXXXXXXXXXXXX" while creating it. */
const MAX_DIR_LENGTH = 60;
const OWNER_FILE = "owner";
/**
 * Directories of goship ssh clients whose process is gone without close() (killed with
 * SIGKILL, say: its exit handler never ran): their masters still hold connections open and
 * their key file is still on disk. Each master named in the directory is ended, if its command
 * line still names that directory, and the directory is removed. Best effort: never throws.
 */
async function sweepAbandoned(base) {
    let names;
    try {
        names = (await (0,promises_.readdir)(base)).filter((n) => n.startsWith("goship-ssh-"));
    }
    catch {
        return;
    }
    for (const name of names) {
        const dir = (0,external_node_path_.join)(base, name);
        try {
            const [pid = "", start = ""] = (await (0,promises_.readFile)((0,external_node_path_.join)(dir, OWNER_FILE), "utf8")).trim().split(" ");
            if (processStartTime(Number(pid)) === start && start !== "")
                continue; // its owner still runs
            for (const f of (await (0,promises_.readdir)(dir)).filter((f) => f.endsWith(".pid"))) {
                const master = Number((await (0,promises_.readFile)((0,external_node_path_.join)(dir, f), "utf8")).trim());
                let cmdline = "";
                try {
                    cmdline = (0,external_node_fs_.readFileSync)(`/proc/${master}/cmdline`, "utf8");
                }
                catch {
                    continue; // gone already
                }
                if (Number.isInteger(master) && master > 1 && cmdline.includes(dir))
                    signalProcess(master, "SIGTERM");
            }
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
        catch {
            // not ours, or not readable: leave it
        }
    }
}
/**
 * Writes the client's files into `dir` (made already) and the ssh config to `configFile`.
 * Resolves once they are written, with the check that OpenSSH can load the key without a
 * passphrase still running (ssh-keygen): `keyChecked` rejects with the input error if not.
 */
async function writeClientFiles(dir, configFile, f) {
    await (0,promises_.chmod)(dir, 0o700);
    // Who owns this directory, for sweepAbandoned if this process is killed before close().
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, OWNER_FILE), `${process.pid} ${processStartTime(process.pid)}\n`, {
        mode: 0o600,
    });
    const keyFile = (0,external_node_path_.join)(dir, "id");
    const knownHostsFile = (0,external_node_path_.join)(dir, "known_hosts");
    await (0,promises_.writeFile)(keyFile, f.privateKey, { mode: 0o600 });
    await (0,promises_.writeFile)(knownHostsFile, f.knownHosts, { mode: 0o600 });
    const keyChecked = checkPrivateKey(keyFile);
    keyChecked.catch(() => undefined); // the caller awaits it (SshClient.ready)
    // Everything here also applies to ProxyJump hops (see the top of ssh.ts).
    const config = [
        "# Written by goship: the only configuration these ssh connections read.",
        "BatchMode yes",
        "StrictHostKeyChecking yes",
        `UserKnownHostsFile ${knownHostsFile}`,
        "GlobalKnownHostsFile /dev/null",
        "UpdateHostKeys no",
        "CheckHostIP no",
        "VerifyHostKeyDNS no",
        "IdentitiesOnly yes",
        `IdentityFile ${keyFile}`,
        "IdentityAgent none",
        "PreferredAuthentications publickey",
        "ForwardAgent no",
        "ForwardX11 no",
        "RequestTTY no",
        `ConnectTimeout ${f.connectTimeoutSec}`,
        `ServerAliveInterval ${f.serverAliveIntervalSec}`,
        `ServerAliveCountMax ${f.serverAliveCountMax}`,
        // Only the master (-M, -S on its command line) multiplexes; hops connect plainly.
        "ControlMaster no",
        "ControlPath none",
        "",
    ].join("\n");
    await (0,promises_.writeFile)(configFile, config, { mode: 0o600 });
    return { keyChecked };
}
/** Checks known_hosts text: at least one key, every line a known_hosts entry. */
function checkKnownHosts(text) {
    const normalized = `${text.replaceAll("\r\n", "\n").trim()}\n`;
    let keys = 0;
    for (const raw of normalized.split("\n")) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#"))
            continue;
        const bad = (why) => (0,errors/* inputError */.Xu)("known-hosts", line, `${why}; allowed: known_hosts lines ([@cert-authority|@revoked] host-patterns key-type base64-key [comment])`);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
        if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line))
            throw bad("contains a control character");
        const fields = line.split(/[ \t]+/);
        const marker = fields[0]?.startsWith("@") ? fields.shift() : undefined;
        if (marker !== undefined && marker !== "@cert-authority" && marker !== "@revoked") {
            throw bad(`unknown marker ${marker}`);
        }
        const [patterns, type, key] = fields;
        if (!patterns || !type || !key)
            throw bad("has fewer than three fields");
        if (!/^(ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+$/.test(type))
            throw bad(`unknown key type ${JSON.stringify(type)}`);
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key))
            throw bad("its key is not base64");
        if (marker !== "@revoked")
            keys++;
    }
    if (keys === 0)
        throw (0,errors/* inputError */.Xu)("known-hosts", text.trim(), "has no host key; allowed: known_hosts lines (ssh-keyscan output, or @cert-authority lines)");
    return normalized;
}
async function checkPrivateKey(file) {
    const r = await execFile("ssh-keygen", ["-y", "-P", "", "-f", file], {
        allowFailure: true,
        timeoutMs: 10_000,
    });
    if (r.code !== 0) {
        const why = r.stderr.replaceAll(file, "the key").trim();
        throw (0,errors/* inputError */.Xu)("ssh-private-key", "***", `not a private key OpenSSH can load without a passphrase (${why})`);
    }
}
/** The base directory for clients' directories: short and plain, so that control sockets fit. */
function clientBase(requested) {
    const candidates = requested ? [requested] : [process.env.RUNNER_TEMP, (0,external_node_os_.tmpdir)(), "/tmp"];
    for (const base of candidates) {
        if (base && SAFE_DIR.test(base) && base.length <= MAX_DIR_LENGTH - 20)
            return base;
    }
    throw new errors/* UserError */.yo(`${requested}: not usable for ssh's files (an absolute path of [A-Za-z0-9._/-], at most ${MAX_DIR_LENGTH - 20} characters, so control sockets fit)`);
}

;// CONCATENATED MODULE: ./src/remote/ssh.ts











/** A host's key is not the one known-hosts has for it (or it has none): nothing was sent to it. */
class HostKeyError extends errors/* UserError */.yo {
    host;
    name = "HostKeyError";
    constructor(host, message) {
        super(message);
        this.host = host;
    }
}
/** The connection could not be made or was lost. */
class SshConnectionError extends errors/* UserError */.yo {
    host;
    stderr;
    name = "SshConnectionError";
    constructor(host, message, stderr) {
        super(message);
        this.host = host;
        this.stderr = stderr;
    }
}
/** A step exited non-zero or timed out on the host. */
class StepError extends errors/* UserError */.yo {
    host;
    step;
    result;
    name = "StepError";
    constructor(host, step, result, message) {
        super(message);
        this.host = host;
        this.step = step;
        this.result = result;
    }
}
/** What a mux client says when no master answers on the control socket. */
const NO_MASTER = /^Control socket connect\(.*\): /m;
const STDERR_KEPT = 64 * 1024;
/**
 * Credentials and files shared by every host of one run: a private directory (0700) with the
 * key, known_hosts and ssh config (0600 each) and one control socket per host. `close()`
 * ends every connection and removes the directory.
 */
class SshClient {
    dir;
    configFile;
    sshPath;
    stepTimeoutMs;
    proxyJump;
    connectTimeoutSec;
    maxChannels;
    #sessions = new Map();
    #onExit = () => this.#endSync();
    #closed = false;
    #keyChecked = Promise.resolve();
    constructor(dir, opts) {
        this.dir = dir;
        this.configFile = (0,external_node_path_.join)(dir, "config");
        this.sshPath = opts.sshPath ?? "ssh";
        this.stepTimeoutMs = opts.stepTimeoutMs ?? 10 * 60_000;
        this.proxyJump = opts.proxyJump ?? [];
        this.connectTimeoutSec = opts.connectTimeoutSec ?? 15;
        this.maxChannels = opts.maxChannels ?? 8;
    }
    static async create(opts) {
        const knownHosts = checkKnownHosts(opts.knownHosts);
        const privateKey = `${opts.privateKey.replaceAll("\r\n", "\n").trim()}\n`;
        const base = clientBase(opts.baseDir);
        await sweepAbandoned(base);
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(base, "goship-ssh-"));
        const client = new SshClient(dir, opts);
        process.on("exit", client.#onExit);
        try {
            const { keyChecked } = await writeClientFiles(dir, client.configFile, {
                privateKey,
                knownHosts,
                connectTimeoutSec: client.connectTimeoutSec,
                serverAliveIntervalSec: opts.serverAliveIntervalSec ?? 15,
                serverAliveCountMax: opts.serverAliveCountMax ?? 3,
            });
            client.#keyChecked = keyChecked;
        }
        catch (e) {
            await client.close();
            throw e;
        }
        return client;
    }
    /**
     * Resolves once ssh-keygen found that OpenSSH loads the private key without a passphrase;
     * rejects with the input error naming ssh-private-key otherwise. The check runs from
     * create() on, beside whatever the caller does next (a deploy prints its first line); no
     * session connects before it passed, and a caller awaits it first for one clear error.
     */
    ready() {
        return this.#keyChecked;
    }
    /** The session for a host, made on first use; nothing connects until it runs something. */
    session(target) {
        if (this.#closed)
            throw new Error("SshClient is closed");
        const key = formatHostSpec(target);
        let s = this.#sessions.get(key);
        if (!s) {
            s = new SshSession(this, target, (0,external_node_path_.join)(this.dir, `c${this.#sessions.size + 1}`));
            this.#sessions.set(key, s);
        }
        return s;
    }
    /** Master connections opened per host so far (a reconnect after a lost connection counts). */
    connectionCounts() {
        return [...this.#sessions.values()].map((s) => ({ host: s.label, connections: s.connectionsOpened }));
    }
    /** Ends every connection (`ssh -O exit`, then by PID) and removes the key and the directory. */
    async close() {
        if (this.#closed)
            return;
        this.#closed = true;
        const results = await Promise.allSettled([...this.#sessions.values()].map((s) => s.close()));
        process.off("exit", this.#onExit);
        await (0,promises_.rm)(this.dir, { recursive: true, force: true });
        const failed = results.find((r) => r.status === "rejected");
        if (failed)
            throw failed.reason;
    }
    /**
     * On process exit without close() (an error nobody caught, or a stop signal: runAction exits
     * on those): remove the key and the directory, then end the masters we started, by PID. In
     * that order: a master that ends unlinks its control socket, which would race the removal.
     */
    #endSync() {
        for (let attempt = 0; attempt < 3 && (0,external_node_fs_.existsSync)(this.dir); attempt++) {
            try {
                (0,external_node_fs_.rmSync)(this.dir, { recursive: true, force: true });
            }
            catch {
                // Something changed in it meanwhile: again.
            }
        }
        for (const s of this.#sessions.values())
            s.killSync();
    }
}
/**
 * One host over one multiplexed connection. `run` and `upload` open it on first use;
 * steps run at most `maxChannels` at a time.
 */
class SshSession {
    client;
    target;
    socket;
    /** `user@host:port`. */
    label;
    #connections = 0;
    #masterPid;
    #opening;
    #closed = false;
    #active = 0;
    #waiting = [];
    constructor(client, target, 
    /** The control socket. */
    socket) {
        this.client = client;
        this.target = target;
        this.socket = socket;
        this.label = formatHostSpec(target);
    }
    /** Master connections this session has opened. */
    get connectionsOpened() {
        return this.#connections;
    }
    /** The PID of the running master, if any. */
    get masterPid() {
        return this.#isOpen() ? this.#masterPid : undefined;
    }
    /** Connects (host key checked, key authenticated) unless a live master is already there. */
    async open() {
        if (this.#closed)
            throw new Error(`${this.label}: session is closed`);
        if (this.#isOpen())
            return;
        this.#opening ??= this.#connect().finally(() => {
            this.#opening = undefined;
        });
        return this.#opening;
    }
    /** Runs a step; rejects with StepError on a non-zero exit unless allowFailure. */
    async run(step, args, opts = {}) {
        const timeoutMs = opts.timeoutMs ?? this.client.stepTimeoutMs;
        const command = remoteCommand(step, args, { sudo: opts.sudo, timeoutSec: Math.ceil(timeoutMs / 1000) });
        let result = await this.#runOnce(command, opts, timeoutMs);
        // The client never reached the master (it died after our liveness check): the command was
        // not sent, and ProxyCommand=false kept ssh from connecting by itself, so running it again
        // over a new master is safe, as long as stdin can be given again.
        const replayable = opts.stdin === undefined || typeof opts.stdin === "string" || Buffer.isBuffer(opts.stdin);
        if (result.code === 255 && NO_MASTER.test(result.stderr) && replayable) {
            await this.#endMaster();
            result = await this.#runOnce(command, opts, timeoutMs);
        }
        const { code, timedOut, ...rest } = result;
        const r = { code, ...rest };
        const where = `step "${step.name}" on ${this.label}`;
        // timeout(1) exits 124 when the step ran out of time, 137 when it had to be killed.
        if (timedOut || code === 124 || code === 137) {
            throw new StepError(this.label, step.name, r, `${where} timed out after ${Math.ceil(timeoutMs / 1000)} s${ssh_tail(r)}`);
        }
        if (code === 255 && (NO_MASTER.test(r.stderr) || !this.#isOpen())) {
            throw new SshConnectionError(this.label, `${where}: the connection to ${this.label} was lost${ssh_tail(r)}`, r.stderr);
        }
        if (code !== 0 && !opts.allowFailure) {
            const sudoHint = /sudo: (a password is required|a terminal is required)/.test(r.stderr)
                ? ` (${this.target.user} needs passwordless sudo on the host, or become: none when connecting as root)`
                : "";
            throw new StepError(this.label, step.name, r, `${where} exited with code ${code}${sudoHint}${ssh_tail(r)}`);
        }
        return r;
    }
    async #runOnce(command, opts, timeoutMs) {
        await this.open();
        await this.#acquire();
        try {
            const { signal: _, ...result } = await runProcess(this.client.sshPath, [...this.#muxClient(), ...(opts.stdin === undefined ? ["-n"] : []), ...this.#destination(), command], {
                stdin: opts.stdin,
                timeoutMs: timeoutMs + (KILL_GRACE_SEC + 10) * 1000,
                maxStdoutBytes: opts.maxStdoutBytes ?? 1 << 20,
                maxStderrBytes: STDERR_KEPT,
            });
            return result;
        }
        catch (e) {
            if (e instanceof ProcessStartError) {
                throw new errors/* UserError */.yo(e.reason.code === "ENOENT"
                    ? `${e.file}: command not found (install openssh-client)`
                    : `${e.file}: ${e.reason.message}`);
            }
            if (e instanceof ProcessInputError)
                throw new errors/* UserError */.yo(`reading the step's input: ${e.reason.message}`);
            throw e;
        }
        finally {
            this.#release();
        }
    }
    /**
     * Streams a local file to `remotePath` over the step's stdin: written to a temporary file
     * beside it, its sha256 checked on the host against the local one, then chmod and renamed
     * into place, so the path holds either the old file or the whole new one.
     */
    async upload(localPath, remotePath, opts = {}) {
        if (!/^(\/[A-Za-z0-9._+@=,:-]+)+$/.test(remotePath) || /\/\.\.?(\/|$)/.test(remotePath)) {
            throw new errors/* UserError */.yo(`upload to ${JSON.stringify(remotePath)}: not an absolute path of plain names`);
        }
        const mode = typeof opts.mode === "number" ? opts.mode.toString(8).padStart(4, "0") : (opts.mode ?? "0644");
        if (!/^0?[0-7]{3}$/.test(mode))
            throw new errors/* UserError */.yo(`upload to ${remotePath}: mode ${mode} is not octal like 0644`);
        const local = await sha256File(localPath);
        const stdin = (0,external_node_fs_.createReadStream)(localPath);
        let r;
        try {
            r = await this.run(UPLOAD, [remotePath, mode, local.sha256], {
                stdin,
                sudo: opts.sudo,
                timeoutMs: opts.timeoutMs,
            });
        }
        finally {
            stdin.destroy();
        }
        const remote = r.stdout.trim();
        if (remote !== local.sha256) {
            throw new errors/* UserError */.yo(`upload of ${localPath} to ${this.label}:${remotePath}: the host read sha256 ${remote}, expected ${local.sha256}`);
        }
        return local;
    }
    /**
     * GET http://127.0.0.1:<port><path> on the host, through this connection (`ssh -W` over the
     * master): nothing needs to be installed on the host and no port is opened to the runner.
     * sshd must allow local forwarding (AllowTcpForwarding yes or local, its default).
     * Resolves with the status and body, or with `error` when no HTTP answer came back.
     */
    async httpGet(port, path, timeoutMs = 5000) {
        if (!Number.isInteger(port) || port < 1 || port > 65_535)
            throw new errors/* UserError */.yo(`httpGet: port ${port}`);
        if (!/^\/[\x21-\x7e]*$/.test(path))
            throw new errors/* UserError */.yo(`httpGet: path ${JSON.stringify(path)}`);
        await this.open();
        await this.#acquire();
        const started = performance.now();
        try {
            // stdin stays open until the far end closes: closing it early half-closes the TCP
            // connection, which some servers take as the client going away.
            const { stdout, stderr, timedOut } = await runProcess(this.client.sshPath, [...this.#muxClient(), "-W", `127.0.0.1:${port}`, ...this.#destination()], {
                stdin: `GET ${path} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: goship\r\nConnection: close\r\n\r\n`,
                keepStdinOpen: true,
                timeoutMs,
                maxStdoutBytes: 1 << 20,
                maxStderrBytes: 4096,
            }).catch((e) => {
                if (e instanceof ProcessStartError)
                    return { stdout: "", stderr: e.message, timedOut: false };
                throw e;
            });
            const ms = Math.round(performance.now() - started);
            const head = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r?\n/.exec(stdout);
            if (head) {
                const split = stdout.indexOf("\r\n\r\n");
                return { status: Number(head[1]), body: split < 0 ? "" : stdout.slice(split + 4), ms };
            }
            if (timedOut)
                return { error: `no answer from 127.0.0.1:${port}${path} within ${timeoutMs} ms`, ms };
            const said = stderr
                .trim()
                .split("\n")
                .filter(Boolean)
                .slice(-2)
                .map((l) => (0,kit_log/* untrusted */.bp)(l))
                .join("; ");
            if (/administratively prohibited/.test(said)) {
                return {
                    error: `sshd on ${this.label} refuses TCP forwarding (AllowTcpForwarding), which health checks use: ${said}`,
                    ms,
                };
            }
            return { error: said || `127.0.0.1:${port} closed the connection without an HTTP answer`, ms };
        }
        finally {
            this.#release();
        }
    }
    /** Ends the master (`ssh -O exit`, then SIGTERM by PID if it lingers). Safe to call twice. */
    async close() {
        this.#closed = true;
        await this.#opening?.catch(() => { });
        await this.#shutdown();
    }
    async #shutdown() {
        const pid = this.#masterPid;
        if (pid !== undefined && processAlive(pid)) {
            const exit = ["-F", this.client.configFile, "-S", this.socket, "-O", "exit", ...this.#destination()];
            await execFile(this.client.sshPath, exit, { allowFailure: true, timeoutMs: 10_000 }).catch(() => { });
            await waitForExit(pid, 5000);
        }
        await this.#endMaster();
        (0,external_node_fs_.rmSync)(this.socket, { force: true });
    }
    /** Ends the master we started, by its PID, and waits until it is gone. */
    async #endMaster() {
        const pid = this.#masterPid;
        this.#masterPid = undefined;
        if (pid !== undefined)
            await endProcess(pid, 5000);
    }
    /** For process exit: no awaiting, just end the master we started. */
    killSync() {
        if (this.#masterPid !== undefined && processAlive(this.#masterPid))
            signalProcess(this.#masterPid, "SIGTERM");
    }
    /** ssh's options for a client of this session's master. */
    #muxClient() {
        return [
            "-F",
            this.client.configFile,
            "-o",
            "ControlMaster=no",
            "-o",
            `ControlPath=${this.socket}`,
            // A client never connects by itself: without the master it fails (see the top of the file).
            "-o",
            "ProxyCommand=false",
        ];
    }
    #destination() {
        return ["-l", this.target.user, "-p", String(this.target.port), "--", this.target.host];
    }
    #isOpen() {
        return this.#masterPid !== undefined && processAlive(this.#masterPid) && (0,external_node_fs_.existsSync)(this.socket);
    }
    async #connect() {
        const c = this.client;
        await c.ready();
        // A master that is unreachable (its socket gone or dead) would linger; a socket left by
        // one killed hard would block the new master.
        await this.#endMaster();
        (0,external_node_fs_.rmSync)(this.socket, { force: true });
        const log = `${this.socket}.log`;
        const hops = c.proxyJump;
        const args = [
            "-F",
            c.configFile,
            "-M",
            "-N",
            "-f",
            "-o",
            `ControlPath=${this.socket}`,
            ...(hops.length > 0 ? ["-o", `ProxyJump=${hops.map(formatHostSpec).join(",")}`] : []),
            ...this.#destination(),
        ];
        // stderr to a file, not a pipe: the backgrounded master's ProxyJump hop keeps it open for as long as it runs.
        const fd = (0,external_node_fs_.openSync)(log, "w", 0o600);
        let exit;
        try {
            exit = await runProcess(c.sshPath, args, {
                stderrFd: fd,
                timeoutMs: (c.connectTimeoutSec * (hops.length + 1) + 20) * 1000,
            }).catch((e) => {
                if (e instanceof ProcessStartError)
                    return e;
                throw e;
            });
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
        const stderr = (0,external_node_fs_.readFileSync)(log, "utf8");
        (0,external_node_fs_.rmSync)(log, { force: true });
        if (exit instanceof ProcessStartError) {
            const why = exit.reason.code === "ENOENT" ? "command not found (install openssh-client)" : exit.reason.message;
            throw new SshConnectionError(this.label, `${c.sshPath}: ${why}`, "");
        }
        if (exit.timedOut) {
            throw new SshConnectionError(this.label, `connecting to ${this.label} timed out${tailOf(stderr)}`, stderr);
        }
        if (exit.code !== 0)
            throw connectFailure(this.label, this.target.host, stderr);
        this.#connections++;
        const check = await execFile(c.sshPath, ["-F", c.configFile, "-S", this.socket, "-O", "check", ...this.#destination()], {
            allowFailure: true,
            timeoutMs: 10_000,
        });
        const pid = Number(/Master running \(pid=(\d+)\)/.exec(check.stderr)?.[1]);
        if (check.code !== 0 || !Number.isInteger(pid)) {
            throw new SshConnectionError(this.label, `connected to ${this.label}, but its master connection does not answer: ${(0,kit_log/* untrusted */.bp)(check.stderr.trim())}`, check.stderr);
        }
        this.#masterPid = pid;
        // Named beside the socket, so a run killed before close() has its master ended by the next.
        await (0,promises_.writeFile)(`${this.socket}.pid`, `${pid}\n`, { mode: 0o600 });
        // close() was called while connecting: it waits for this, then finds nothing to end.
        if (this.#closed)
            await this.#shutdown();
    }
    async #acquire() {
        if (this.#active < this.client.maxChannels) {
            this.#active++;
            return;
        }
        await new Promise((resolve) => this.#waiting.push(resolve));
    }
    #release() {
        const next = this.#waiting.shift();
        if (next)
            next();
        else
            this.#active--;
    }
}
/** Turns ssh's refusal into one clear error; host key problems name the host whose key it was. */
function connectFailure(label, host, stderr) {
    const named = /Host key for (\S+) has changed|host key for (\S+) is marked as revoked|host key is known for (\S+) and/i.exec(stderr);
    // ssh names a host on another port as [host]:port.
    // ssh's words, but a hostile server's banner can imitate them: untrusted.
    const keyHost = (0,kit_log/* untrusted */.bp)((named?.[1] ?? named?.[2] ?? named?.[3] ?? host).replace(/^\[(.*)\]:\d+$/, "$1"));
    const via = keyHost === host ? "" : ` (a proxy-jump host on the way to ${label})`;
    if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/.test(stderr)) {
        return new HostKeyError(keyHost, `host key for ${keyHost} does not match known-hosts: refusing to connect${via}`);
    }
    if (/REVOKED HOST KEY|marked as revoked/i.test(stderr)) {
        return new HostKeyError(keyHost, `host key for ${keyHost} is marked @revoked in known-hosts: refusing to connect${via}`);
    }
    if (/No \S+ host key is known for/.test(stderr)) {
        return new HostKeyError(keyHost, `host key for ${keyHost} is not in known-hosts: refusing to connect${via} (keys are never trusted on first use)`);
    }
    if (/Host key verification failed/.test(stderr)) {
        return new HostKeyError(keyHost, `host key for ${keyHost} could not be verified against known-hosts: refusing to connect${via}${tailOf(stderr)}`);
    }
    if (/Permission denied \(/.test(stderr)) {
        return new SshConnectionError(label, `${label} refused the key (is ssh-private-key authorized for this user?)${tailOf(stderr)}`, stderr);
    }
    return new SshConnectionError(label, `cannot connect to ${label}${tailOf(stderr)}`, stderr);
}
function ssh_tail(r) {
    return tailOf(r.stderr.trim() ? r.stderr : r.stdout);
}
/** The end of what ssh or the host said, each line through untrusted() (a host's banner, a step's output). */
function tailOf(text) {
    const t = text
        .trimEnd()
        .slice(-2000)
        .split("\n")
        .slice(-20)
        .map((l) => (0,kit_log/* untrusted */.bp)(l))
        .join("\n");
    return t ? `:\n${t}` : "";
}

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
            if (e instanceof HostKeyError)
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

// EXTERNAL MODULE: ./src/kit/action.ts + 2 modules
var action = __nccwpck_require__(34);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __nccwpck_require__(701);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __nccwpck_require__(532);
;// CONCATENATED MODULE: ./src/contract/names.ts

/**
 * The app's name and the ports it listens on: the two values every host-facing module checks
 * (the deploy-systemd input, the unit file, the remote steps and their scripts' `is_app` and
 * `is_port`). One rule each, so that what the input accepts is what the host accepts.
 */
/** A name in file and archive names (binary, project, version): letters, digits and . _ + -, a letter or digit first. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
/** Names that end up in file names and URLs. */
const SafeName = schemas/* string */.YjP().regex(SAFE_NAME, "letters, digits and . _ + - only");
/** The app names the unit, its StateDirectory, /opt/<app>, /etc/<app> and the nginx upstream. */
const APP_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const APP_RULE = "a lowercase letter, then up to 31 lowercase letters, digits or -";
const AppName = schemas/* string */.YjP().regex(APP_PATTERN, APP_RULE);
function isAppName(value) {
    return typeof value === "string" && APP_PATTERN.test(value);
}
/**
 * Below 1024 binding needs CAP_NET_BIND_SERVICE, which both hardening levels drop
 * (CapabilityBoundingSet= is empty): put nginx in front, or use a higher port.
 */
const MIN_PORT = 1024;

;// CONCATENATED MODULE: ./src/contract/canary-targets.ts



/**
 * deploy-systemd's `canary-targets` output: per blue-green host, the slot that now runs the
 * new version and the slot that still runs the old one, each by address and version, so that
 * a canary judge can compare the two side by side. deploy-systemd builds the output through
 * this schema and canary-gate reads its `targets` input with it: the two cannot drift.
 *
 * `[]` with the restart strategy, and in modes that leave no two slots to compare (status,
 * promote, rollback).
 */
const canary_targets_DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A host as deploy-systemd connects to it: a lowercase DNS name, an IPv4 address, or an IPv6 address. */
function isHostName(host) {
    if ((0,external_node_net_namespaceObject.isIPv4)(host) || (0,external_node_net_namespaceObject.isIPv6)(host))
        return true;
    const labels = host.split(".");
    // A last label of digits only is an address to a resolver (1.2.3), not a name.
    return (host.length <= 253 && labels.every((l) => canary_targets_DNS_LABEL.test(l)) && !/^[0-9]+$/.test(labels.at(-1) ?? ""));
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
    if (port === undefined || !(v6 !== undefined ? (0,external_node_net_namespaceObject.isIPv6)(v6) : isHostName(host)))
        return undefined;
    return { user, host, port };
}
const SlotAddress = schemas/* string */.YjP()
    .refine((a) => splitSlotAddress(a) !== undefined, "host:port, with host a DNS name or an IP address and port 1-65535");
const CanarySlot = schemas/* strictObject */.rej({
    /** Where the slot answers directly, past nginx: `host:port`. */
    address: SlotAddress,
    /** The release the slot runs. */
    version: SafeName,
});
const CanaryTarget = schemas/* strictObject */.rej({
    /** The service deploy-systemd deployed (its `app` input). */
    app: AppName,
    /** The share of the host's traffic nginx sends to the new slot, in percent. */
    weight: schemas/* number */.aig().int().min(0).max(100),
    /** The deploy host, `user@host:port` (the SSH port), as in the `hosts` output. */
    host: schemas/* string */.YjP()
        .refine((h) => splitHostLabel(h) !== undefined, "user@host:port, with host a DNS name, an IPv4 address or an IPv6 address in brackets"),
    /** The slot that now runs the version deployed (or shifted to). */
    new: CanarySlot,
    /**
     * The slot that runs the version before it; null on a host's first blue-green deploy. Its
     * version is empty when a shift finds no release linked to that slot.
     */
    old: CanarySlot.extend({ version: schemas/* union */.KCZ([SafeName, schemas/* literal */.euz("")]) }).nullable(),
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
const CanaryTargets = schemas/* array */.YOg(CanaryTarget);

// EXTERNAL MODULE: ./src/kit/inputs.ts
var inputs = __nccwpck_require__(127);
;// CONCATENATED MODULE: ./src/deploy/plan.ts



const UNITS = [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
];
const DURATION = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;
const DURATION_ALLOWED = "a duration such as 90s, 10m, 1h30m or 500ms (units h, m, s, ms, largest first), or 0";
const WEEK_MS = 7 * 24 * 3_600_000;
/**
 * A duration as Go writes one (`90s`, `10m`, `1h30m`, `1.5h`, `500ms`, `0s`) in milliseconds.
 * Every number needs its unit, except a bare `0`: `30` could mean seconds or milliseconds, so it
 * is refused with a hint. Units go largest first and once each (`1h30m`, not `30m1h`); no sign,
 * no spaces, no ns/µs (nothing here is that fine), and the result must be whole milliseconds.
 */
function parseDuration(input, value, limits = {}) {
    const ms = readDuration(value, limits);
    if (typeof ms === "string")
        throw inputError(input, value, ms);
    return ms;
}
/** What parseDuration returns, or why the value is refused (a message that says what is allowed). */
function readDuration(value, limits) {
    const min = limits.min ?? 0;
    const max = limits.max ?? WEEK_MS;
    const range = `between ${formatDuration(min)} and ${formatDuration(max)}`;
    if (value === "")
        return `is empty; allowed: ${DURATION_ALLOWED}`;
    let ms;
    if (value === "0")
        ms = 0;
    else if (/^\d+(?:\.\d+)?$/.test(value)) {
        return `has no unit; allowed: ${DURATION_ALLOWED} (write ${value}s for seconds)`;
    }
    else {
        const m = value.length <= 40 ? DURATION.exec(value) : null;
        if (!m)
            return `allowed: ${DURATION_ALLOWED}`;
        ms = 0;
        UNITS.forEach(([, scale], i) => {
            const n = m[i + 1];
            if (n !== undefined)
                ms += Number(n) * scale;
        });
        // Drop binary noise (and anything finer than a microsecond), then insist on whole milliseconds.
        const rounded = Math.round(ms * 1000) / 1000;
        if (!Number.isInteger(rounded))
            return `is not a whole number of milliseconds; allowed: ${DURATION_ALLOWED}`;
        ms = rounded;
    }
    if (ms < min || ms > max)
        return `is out of range; allowed: ${range}`;
    return ms;
}
/** `1h30m`, `90s` → `1m30s`, `500ms`, `0s`: how durations are shown in messages and logs. */
function formatDuration(ms) {
    if (ms === 0)
        return "0s";
    let rest = ms;
    let out = "";
    for (const [unit, scale] of UNITS) {
        const n = Math.floor(rest / scale);
        if (n > 0)
            out += `${n}${unit}`;
        rest -= n * scale;
    }
    return out;
}
/** A zod field for a duration input (parseInputs reports a refusal with the other inputs' problems). */
function duration(limits = {}) {
    return (0,inputs/* allowing */.SL)(schemas/* string */.YjP({ error: `is required; allowed: ${DURATION_ALLOWED}` }), DURATION_ALLOWED).transform((value, ctx) => {
        const ms = readDuration(value, limits);
        if (typeof ms === "number")
            return ms;
        ctx.addIssue({ code: "custom", message: ms });
        return core/* NEVER */.tm;
    });
}
// ---------------------------------------------------------------------------------------------
// The lock's TTL
/** How often a run refreshes its deploy locks, and finds out when one was taken over. */
const LOCK_HEARTBEAT_MS = 15_000;
/** Heartbeats a lock-ttl must span, so that a heartbeat or two delayed never loses the lock. */
const LOCK_TTL_HEARTBEATS = 4;
const MIN_LOCK_TTL_MS = LOCK_TTL_HEARTBEATS * LOCK_HEARTBEAT_MS;
const MAX_LOCK_TTL_MS = 31_536_000_000;
/**
 * A zod field for `lock-ttl`: a lock older than this counts as abandoned and the next run takes
 * it over, so it must outlast several of the holder's heartbeats (a run that is alive but slow to
 * refresh, a host that answered late) or two runs would change the same hosts.
 */
function lockTtl() {
    return duration({ max: MAX_LOCK_TTL_MS }).refine((ms) => ms >= MIN_LOCK_TTL_MS, {
        message: `is shorter than ${formatDuration(MIN_LOCK_TTL_MS)}; allowed: a duration from ${formatDuration(MIN_LOCK_TTL_MS)} ` +
            `to ${formatDuration(MAX_LOCK_TTL_MS)}: a run refreshes its lock every ${formatDuration(LOCK_HEARTBEAT_MS)} ` +
            `(its heartbeat), and a lock older than lock-ttl is taken over by the next run, so lock-ttl must span ` +
            `at least ${LOCK_TTL_HEARTBEATS} heartbeats`,
    });
}
const WAVES_ALLOWED = (/* unused pure expression or super */ null && ("comma-separated cumulative steps, each a host count (1) or a percentage of the fleet (25%), " +
    "increasing, the last one 100%, e.g. 1,25%,100%"));
const MAX_WAVES = 100;
/**
 * The `waves` input: `1,25%,100%` is 1 host, then up to 25% of the fleet in total, then the rest.
 * Counts must increase among counts and percentages among percentages (a count and a percentage
 * compare only once the fleet size is known; a step that adds no host is skipped then). The last
 * step must be 100%, so no host is silently left out: a list without it is refused, not completed.
 */
function parseWaves(value, input = "waves") {
    const steps = readWaves(value);
    if (typeof steps === "string")
        throw inputError(input, value, steps);
    return steps;
}
function readWaves(value) {
    const items = value.split(",").map((s) => s.trim());
    if (value.trim() === "")
        return `is empty; allowed: ${WAVES_ALLOWED}`;
    if (items.length > MAX_WAVES)
        return `has more than ${MAX_WAVES} steps; allowed: ${WAVES_ALLOWED}`;
    const steps = [];
    // The last count and the last percentage so far, with the step that gave each.
    let lastCount = { value: 0, step: 0 };
    let lastPercent = { value: 0, step: 0 };
    for (const [i, item] of items.entries()) {
        const where = `step ${i + 1}`;
        if (item === "")
            return `${where} is empty; allowed: ${WAVES_ALLOWED}`;
        const pct = /^([1-9][0-9]{0,2})%$/.exec(item);
        if (pct) {
            const percent = Number(pct[1]);
            if (percent > 100)
                return `${where} (${item}) is over 100%; allowed: ${WAVES_ALLOWED}`;
            if (percent <= lastPercent.value) {
                return `${where} (${item}) is not more than step ${lastPercent.step} (${lastPercent.value}%); allowed: ${WAVES_ALLOWED}`;
            }
            lastPercent = { value: percent, step: i + 1 };
            steps.push({ percent });
        }
        else if (/^[1-9][0-9]{0,5}$/.test(item)) {
            const hosts = Number(item);
            if (hosts <= lastCount.value) {
                return `${where} (${item}) is not more than step ${lastCount.step} (${lastCount.value}); allowed: ${WAVES_ALLOWED}`;
            }
            lastCount = { value: hosts, step: i + 1 };
            steps.push({ hosts });
        }
        else {
            return `${where} (${JSON.stringify(item)}) is neither a host count nor a percentage; allowed: ${WAVES_ALLOWED}`;
        }
    }
    const last = steps[steps.length - 1];
    if (!last || !("percent" in last) || last.percent !== 100) {
        return `does not end with 100%, so some hosts would never be deployed; add ",100%" at the end; allowed: ${WAVES_ALLOWED}`;
    }
    return steps;
}
/** A zod field for the `waves` input. */
function waves() {
    return allowing(z.string({ error: `is required; allowed: ${WAVES_ALLOWED}` }), WAVES_ALLOWED).transform((value, ctx) => {
        const steps = readWaves(value);
        if (typeof steps !== "string")
            return steps;
        ctx.addIssue({ code: "custom", message: steps });
        return z.NEVER;
    });
}
/**
 * Splits hosts into waves, in order: wave i holds the hosts from the previous step's total up to
 * this step's (a percentage of hosts.length rounded up, so 1% of 3 hosts is 1 host; a count
 * above the fleet is the whole fleet). A step that adds no host gives no wave: every wave
 * returned is non-empty, every host is in exactly one, and the order of `hosts` is kept.
 */
function assignWaves(hosts, steps) {
    const n = hosts.length;
    const out = [];
    let done = 0;
    for (const step of steps) {
        const target = "percent" in step ? Math.ceil((step.percent * n) / 100) : step.hosts;
        const upTo = Math.min(n, Math.max(done, target));
        if (upTo > done)
            out.push(hosts.slice(done, upTo));
        done = upTo;
    }
    // parseWaves ends every list with 100%; a hand-made list that does not still leaves no host out.
    if (done < n)
        out.push(hosts.slice(done));
    return out;
}
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Set by goship itself in the unit (the listen port; ADDR is reserved for the listen address). */
const RESERVED_ENVIRONMENT_KEYS = (/* unused pure expression or super */ null && (["PORT", "ADDR"]));
/** Linux's MAX_ARG_STRLEN: one KEY=VALUE string, with its NUL, must fit or the service cannot start. */
const MAX_ASSIGNMENT_BYTES = (/* unused pure expression or super */ null && (128 * 1024 - 1));
const ENVIRONMENT_ALLOWED = (/* unused pure expression or super */ null && ("KEY=VALUE lines with KEY matching [A-Za-z_][A-Za-z0-9_]*, each key once, not PORT or ADDR " +
    "(goship sets those), values without control characters; blank lines and # comments are ignored"));
/**
 * The `environment` input (a secret): KEY=VALUE lines for the service's EnvironmentFile. The
 * value is everything after the first "=", byte for byte: no quotes are removed and no escapes
 * or $VARIABLES are expanded (KEY="a b" sets KEY to the 5 characters "a b", quotes included). Blank lines and lines
 * whose first non-blank character is # are ignored; whitespace before a key is ignored; CRLF
 * line ends are accepted. Refused: a line without "=" or with a key outside [A-Za-z_][A-Za-z0-9_]*,
 * control characters (tab included) in a value, PORT and ADDR (goship sets the listen port
 * itself), a key given twice, and one assignment longer than Linux passes to a process.
 *
 * Messages name a line by its number and never quote it: the text is a secret. They name the key
 * only once it is a valid variable name (a name, not a value), never anything after the "=".
 */
function parseEnvironment(value, input = "environment") {
    const entries = readEnvironment(value);
    // The value is never echoed: "***" stands for it.
    if (typeof entries === "string")
        throw inputError(input, "***", entries);
    return entries;
}
function readEnvironment(text) {
    const problems = [];
    const entries = [];
    const firstLine = new Map();
    const lines = text.split("\n");
    for (const [i, raw] of lines.entries()) {
        const n = i + 1;
        const line = (raw.endsWith("\r") ? raw.slice(0, -1) : raw).replace(/^[ \t]+/, "");
        if (line === "" || line.startsWith("#"))
            continue;
        const eq = line.indexOf("=");
        if (eq === -1) {
            problems.push(`line ${n} is not KEY=VALUE`);
            continue;
        }
        const key = line.slice(0, eq);
        const value = line.slice(eq + 1);
        if (!ENV_KEY.test(key)) {
            problems.push(`line ${n}: the name before "=" is not a variable name ([A-Za-z_][A-Za-z0-9_]*)`);
            continue;
        }
        if (/\p{Cc}/u.test(value)) {
            problems.push(`line ${n} (${key}): the value contains a control character (a tab, a carriage return…)`);
            continue;
        }
        if (!value.isWellFormed()) {
            problems.push(`line ${n} (${key}): the value is not valid Unicode text`);
            continue;
        }
        if (RESERVED_ENVIRONMENT_KEYS.includes(key)) {
            problems.push(`line ${n} sets ${key}, which goship sets itself (it decides where the service listens)`);
            continue;
        }
        const first = firstLine.get(key);
        if (first !== undefined) {
            problems.push(`line ${n} sets ${key} again (line ${first} set it already)`);
            continue;
        }
        if (Buffer.byteLength(key) + 1 + Buffer.byteLength(value) > MAX_ASSIGNMENT_BYTES) {
            problems.push(`line ${n} (${key}) is longer than ${MAX_ASSIGNMENT_BYTES} bytes, the most Linux passes`);
            continue;
        }
        firstLine.set(key, n);
        entries.push({ key, value });
    }
    if (problems.length === 0)
        return entries;
    const shown = problems.slice(0, 10).join("; ");
    const more = problems.length > 10 ? `; and ${problems.length - 10} more` : "";
    return `${shown}${more}; allowed: ${ENVIRONMENT_ALLOWED}`;
}
/**
 * A zod field for the `service-env` input, to be wrapped in secret(): parseInputs then shows
 * its value as *** and the message (line numbers, never text) as what is allowed.
 */
function environment() {
    return allowing(z.string({ error: `is required; allowed: ${ENVIRONMENT_ALLOWED}` }), ENVIRONMENT_ALLOWED).transform((value, ctx) => {
        const entries = readEnvironment(value);
        if (typeof entries !== "string")
            return entries;
        ctx.addIssue({ code: "custom", message: entries });
        return z.NEVER;
    });
}
/**
 * Values shorter than this are not masked on their own: a `1`, `on` or `api` masked would turn
 * every occurrence of it in the log into *** (host addresses, versions, counts) and hides no
 * secret worth the name. They stay masked as part of their KEY=VALUE line.
 */
const MIN_MASKED_VALUE = 4;
/**
 * The values of the `service-env` input to mask on their own, besides the whole input and each
 * line: an app prints a value without its key (a journal line goship echoes when a health check
 * fails). Every value of MIN_MASKED_VALUE characters or more, once each.
 */
function environmentSecrets(entries) {
    return [...new Set(entries.map((e) => e.value).filter((v) => v.length >= MIN_MASKED_VALUE))];
}
/** ASCII characters a value keeps as they are in the file; other ASCII ones get a backslash. */
const PLAIN_ASCII = /^[A-Za-z0-9_./:@%+,=-]$/;
/**
 * The EnvironmentFile systemd reads back as exactly these entries. Values are written unquoted
 * with a backslash before every ASCII character other than letters, digits and _ . / : @ % + , = -
 * (so `a b"$c` is `a\ b\"\$c`). Outside quotes, systemd's env-file parser turns `\x` into `x` for
 * any x and keeps everything else byte for byte, with no $ expansion: the same in every systemd
 * since at least v219. Inside double quotes it does not: v240-v246 keep the backslash of `\\`
 * and v247+ keep it before anything but " \ ` $, so quoting would not be portable. Read as a
 * POSIX sh script (`set -a; . file`) the file gives the same values. Values must not contain
 * control characters (parseEnvironment refuses them); there is no escape systemd reads for them.
 */
function renderEnvironmentFile(entries) {
    const lines = ["# Written by goship (deploy-systemd). Do not edit: every deploy rewrites this file."];
    const keys = new Set();
    for (const { key, value } of entries) {
        // Programming errors, not user errors: parseEnvironment has refused these already.
        if (!ENV_KEY.test(key))
            throw new Error(`environment key ${JSON.stringify(key)} is not a variable name`);
        if (keys.has(key))
            throw new Error(`environment key ${key} is given twice`);
        if (/\p{Cc}/u.test(value) || !value.isWellFormed()) {
            throw new Error(`environment value of ${key} contains a control character or is not valid Unicode`);
        }
        keys.add(key);
        let out = "";
        for (const ch of value)
            out += ch > "\u007f" || PLAIN_ASCII.test(ch) ? ch : `\\${ch}`;
        lines.push(`${key}=${out}`);
    }
    return `${lines.join("\n")}\n`;
}

;// CONCATENATED MODULE: ./src/actions/canary-gate/schema.ts




/** A number written plainly (no exponent, no sign), checked against a range in words. */
const decimal = (allowed, ok) => (0,inputs/* text */.Qq)(/^[0-9]{1,6}(\.[0-9]{1,9})?$/, allowed)
    .transform(Number)
    .refine(ok, `allowed: ${allowed}`);
const PROBABILITY = "a number greater than 0 and less than 0.5, e.g. 0.05";
const CHECKS = ["error-rate", "error-ceiling", "latency", "latency-slo"];
/** `p99<200ms`, `p99.9 < 0.5s`: the q-quantile of latency stays under T. */
const LATENCY_SLO = /^p([0-9]{1,2}(?:\.[0-9]{1,3})?)\s*<\s*([0-9]{1,6}(?:\.[0-9]{1,6})?)(ms|s)$/;
const SLO_ALLOWED = "pQ<T with a quantile Q from 50 to 99.999 and a time in ms or s, e.g. p99<200ms";
/** An ISO 8601 time with a zone, or Unix seconds: the start or end of a past window (prometheus only). */
const instant = () => (0,inputs/* text */.Qq)(/^([0-9]{9,11}(\.[0-9]{1,3})?|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))$/, "an RFC 3339 time with a zone (2026-12-01T10:00:00Z) or Unix seconds")
    .transform((v) => (/^[0-9.]+$/.test(v) ? Number(v) * 1000 : Date.parse(v)))
    .refine((ms) => Number.isFinite(ms), "allowed: a real date and time, e.g. 2026-12-01T10:00:00Z");
const schema_inputs = schemas/* object */.Ikc({
    targets: (0,inputs/* text */.Qq)(/^\s*\[[\s\S]*\]\s*$/, "deploy-systemd's canary-targets output: a JSON array")
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
        const parsed = CanaryTargets.safeParse(json);
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
    provider: (0,inputs/* choice */.Yq)(["scrape", "prometheus"])
        .default("scrape")
        .describe("scrape: read each slot's metrics-path directly (no server needed); prometheus: instant queries to prometheus-url."),
    "scrape-via": (0,inputs/* choice */.Yq)(["ssh", "direct"])
        .default("ssh")
        .describe("scrape: ssh (through each host's SSH, as deploy-systemd connects) or direct (plain HTTP from the runner to each slot)."),
    "ssh-private-key": (0,inputs/* secret */.rJ)((0,inputs/* text */.Qq)(/^-----BEGIN (OPENSSH|EC|RSA) PRIVATE KEY-----[\s\S]+-----END \1 PRIVATE KEY-----\s*$/, "an OpenSSH or PEM private key without a passphrase"))
        .optional()
        .describe("scrape via ssh: the private key (OpenSSH or PEM, no passphrase) that logs in to every host. A secret."),
    "known-hosts": (0,inputs/* text */.Qq)(/^[^\0]+$/, "known_hosts lines for every host (and proxy-jump host)")
        .optional()
        .describe("scrape via ssh: known_hosts content for every host and proxy-jump host; host keys are checked, never trusted on first use."),
    "ssh-user": (0,inputs/* text */.Qq)(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
        .default("deploy")
        .describe("scrape via ssh: user for hosts that name none."),
    "proxy-jump": (0,inputs/* line */.n8)("[user@]host[:port] hops separated by commas")
        .optional()
        .describe("scrape via ssh: jump host(s), [user@]host[:port], comma-separated, in order."),
    "prometheus-url": (0,inputs/* text */.Qq)(/^https?:\/\/[\x21-\x7e]+$/, "an http(s) URL of a Prometheus server")
        .refine((u) => URL.canParse(u), "allowed: an http(s) URL of a Prometheus server")
        .refine((u) => !URL.canParse(u) || (new URL(u).username === "" && new URL(u).password === ""), "allowed: a URL without credentials; send them with prometheus-headers (a secret)")
        .optional()
        .describe("prometheus: the server's base URL, http(s), without credentials (send those with prometheus-headers)."),
    "prometheus-headers": (0,inputs/* secret */.rJ)(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    (0,inputs/* text */.Qq)(/^([A-Za-z0-9-]+:[^\u0000-\u0009\u000b-\u001f\u007f]*\n?)+$/, "Name: value lines"))
        .optional()
        .describe("prometheus: HTTP headers sent with every query, one 'Name: value' per line, e.g. an Authorization line. A secret."),
    "canary-selector": (0,inputs/* line */.n8)('PromQL label matchers, e.g. job="shop",version="1.2.3"')
        .optional()
        .describe('prometheus: PromQL label matchers of the canary\'s series (default version="<new version>" from targets).'),
    "baseline-selector": (0,inputs/* line */.n8)('PromQL label matchers, e.g. job="shop",version="1.2.2"')
        .optional()
        .describe('prometheus: PromQL label matchers of the baseline\'s series (default version="<old version>" from targets).'),
    "metrics-path": (0,inputs/* text */.Qq)(/^\/[\x21-\x7e]*$/, "an absolute URL path, e.g. /metrics")
        .default("/metrics")
        .describe("scrape: the path of each slot's Prometheus text exposition."),
    "requests-metric": (0,inputs/* text */.Qq)(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, "a Prometheus metric name")
        .default("http_requests_total")
        .describe("A counter of requests with a code label (raw cumulative series; no rate())."),
    "error-codes": (0,inputs/* text */.Qq)(/^([0-9.]{3})(,[0-9.]{3})*$/, "status codes or patterns with . for any digit, comma-separated, e.g. 5.. or 500,502,503")
        .default("5..")
        .describe("Values of the code label that count as errors: codes or patterns with . for any digit, comma-separated."),
    "latency-metric": (0,inputs/* text */.Qq)(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, "a Prometheus histogram name")
        .default("http_request_duration_seconds")
        .describe("A histogram of request durations in seconds (its _bucket and _count series)."),
    "max-error-rate": decimal("a number greater than 0 and at most 1 (1 turns the ceiling off)", (n) => n > 0 && n <= 1)
        .prefault("0.05")
        .describe("The error ceiling: the canary's error rate must stay below it, whatever the baseline does; 1 turns the ceiling off."),
    "latency-slo": (0,inputs/* text */.Qq)(LATENCY_SLO, SLO_ALLOWED)
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
    checks: (0,inputs/* list */.p_)(schemas/* enum */.k5n(CHECKS), `a comma-separated list of ${CHECKS.join(", ")}`)
        .refine((l) => l.length > 0, `allowed: one or more of ${CHECKS.join(", ")}`)
        .optional()
        .describe("Comma-separated checks among error-rate, error-ceiling, latency, latency-slo (default: every check whose data is configured)."),
    "error-test": (0,inputs/* choice */.Yq)(["share", "per-request"])
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
    interval: duration({ min: 1000, max: 3_600_000 })
        .prefault("15s")
        .describe("Time between ticks, at least 1s (e.g. 15s)."),
    warmup: duration({ max: 86_400_000 })
        .prefault("60s")
        .describe("Time from the start during which counters are recorded but not judged."),
    duration: duration({ min: 1000, max: 7 * 86_400_000 })
        .prefault("10m")
        .describe("The step's deadline: with no decision by then the result is hold and the step fails."),
    "min-ticks": decimal("a whole number from 1 to 10000", (n) => Number.isInteger(n) && n >= 1 && n <= 10_000)
        .prefault("3")
        .describe("Judged ticks needed before a promote."),
    "max-gap": duration({ min: 1000, max: 86_400_000 })
        .prefault("5m")
        .describe("No valid data for this long is reported as stale (hold)."),
    advisory: (0,inputs/* boolean */.zM)().prefault("false").describe("true: decide and report, never fail the step."),
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
var summary = __nccwpck_require__(508);
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
        const [spec] = parseHostList(t.host, defaults, "targets");
        return [spec?.host ?? "", spec];
    }));
    const client = await SshClient.create({
        privateKey: i["ssh-private-key"],
        knownHosts: i["known-hosts"],
        proxyJump: parseProxyJump(i["proxy-jump"] ?? "", defaults),
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
    const dir = (0,external_node_path_.join)((RUNNER_GAVE_TEMP && !(0,kit_log/* isLocalMode */.Jn)() && process.env.RUNNER_TEMP) || (0,external_node_os_.tmpdir)(), "goship-canary-gate");
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
const canaryGate = (0,action/* defineAction */.QP)({
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
        (0,kit_log/* info */.pq)(`canary-gate: ${plan.canaryVersion} (canary) vs ${plan.baselineVersion} (baseline) on ${i.targets.length} host(s), ` +
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
                    onTick: (r) => (0,kit_log/* info */.pq)(tickLine(r)),
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
            (0,kit_log/* warning */.$e)(`canary-gate: ${w}`);
        const decision = run?.decision ?? "hold";
        const reasons = run ? run.reasons : [failure ?? "the gate did not run"];
        const last = run?.records.at(-1);
        const report = await writeReport(plan, run, { counters, ...(failure ? { error: failure } : {}) });
        (0,action/* setOutputs */.n0)(canaryGate, {
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
            (0,kit_log/* info */.pq)(`canary-gate: ${verdict}`);
            return;
        }
        if (i.advisory) {
            (0,kit_log/* warning */.$e)(`canary-gate (advisory, the step does not fail): ${verdict}`);
            return;
        }
        throw new errors/* UserError */.yo(verdict);
    },
});


/***/ }),

/***/ 34:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  QP: () => (/* binding */ defineAction),
  Cs: () => (/* binding */ runAction),
  n0: () => (/* binding */ setOutputs)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __nccwpck_require__(713);
// EXTERNAL MODULE: ./src/kit/inputs.ts
var kit_inputs = __nccwpck_require__(127);
// EXTERNAL MODULE: ./src/kit/log.ts
var log = __nccwpck_require__(490);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __nccwpck_require__(701);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: ./src/kit/cleanup.ts

const pending = [];
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
let running;
let signalled = false;
/** Registers `fn`; the function returned unregisters it (for what was taken away already). */
function onCleanup(fn) {
    pending.push(fn);
    listen();
    return () => {
        const at = pending.lastIndexOf(fn);
        if (at >= 0)
            pending.splice(at, 1);
        if (pending.length === 0 && !running)
            unlisten();
    };
}
/** Runs every registered cleanup now (newest first) and waits for them; a call during a run joins it. */
function runCleanups() {
    running ??= drain().finally(() => {
        running = undefined;
    });
    return running;
}
async function drain() {
    for (let fn = pending.pop(); fn; fn = pending.pop()) {
        try {
            await fn();
        }
        catch (e) {
            process.stderr.write(`goship: cleaning up failed: ${e instanceof Error ? e.message : String(e)}\n`);
        }
    }
    unlisten();
}
function onSignal(signal) {
    const status = 128 + (external_node_os_.constants.signals[signal] ?? 0);
    if (signalled)
        process.exit(status);
    signalled = true;
    void runCleanups().finally(() => process.exit(status));
}
function onBeforeExit() {
    if (pending.length > 0)
        void runCleanups();
}
/** process.exit() from elsewhere: no await is possible any more; what each does synchronously still happens. */
function onExit() {
    for (let fn = pending.pop(); fn; fn = pending.pop()) {
        try {
            void Promise.resolve(fn()).catch(() => { });
        }
        catch {
            // the others still run
        }
    }
}
let listening = false;
function listen() {
    if (listening)
        return;
    listening = true;
    for (const s of SIGNALS)
        process.on(s, onSignal);
    process.on("beforeExit", onBeforeExit);
    process.on("exit", onExit);
}
function unlisten() {
    if (!listening || signalled)
        return;
    listening = false;
    for (const s of SIGNALS)
        process.off(s, onSignal);
    process.off("beforeExit", onBeforeExit);
    process.off("exit", onExit);
}

;// CONCATENATED MODULE: ./src/kit/runner-env.ts




/**
 * The runner always sets RUNNER_TEMP and RUNNER_TOOL_CACHE. Outside it (local mode, or
 * `node dist/<action>/index.js` by hand) they get the same meaning: a fresh temp
 * directory, removed when the run ends however it ends, and a tool cache that persists
 * between runs so a second run downloads nothing.
 */
function ensureRunnerDirs() {
    if (!process.env.RUNNER_TEMP) {
        const temp = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "goship-"));
        process.env.RUNNER_TEMP = temp;
        onCleanup(() => {
            (0,external_node_fs_.rmSync)(temp, { recursive: true, force: true, maxRetries: 3 });
            if (process.env.RUNNER_TEMP === temp)
                delete process.env.RUNNER_TEMP;
        });
    }
    if (!process.env.RUNNER_TOOL_CACHE) {
        const base = process.env.XDG_CACHE_HOME || (0,external_node_path_.join)((0,external_node_os_.homedir)(), ".cache");
        process.env.RUNNER_TOOL_CACHE = (0,external_node_path_.join)(base, "goship", "tool-cache");
    }
    (0,external_node_fs_.mkdirSync)(process.env.RUNNER_TOOL_CACHE, { recursive: true });
}

// EXTERNAL MODULE: ./src/kit/summary.ts
var summary = __nccwpck_require__(508);
// EXTERNAL MODULE: ./src/kit/workflow.ts
var workflow = __nccwpck_require__(179);
;// CONCATENATED MODULE: ./src/kit/action.ts








function defineAction(def) {
    return def;
}
/** The signals that stop a run: a cancelled workflow (SIGINT, then SIGTERM), Ctrl-C, a closed terminal. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
/**
 * While an action runs, a stop signal ends the process the way process.exit does, not the way
 * the signal's default does: Node then runs the process's "exit" handlers (the SSH client's ends
 * its masters and removes its key and config), and the status is the signal's, 128 + its number.
 * Returns what puts the signals' defaults back.
 */
function exitOnStopSignals(name) {
    const handlers = STOP_SIGNALS.map((signal) => {
        const handler = () => {
            failStep(`${name}: stopped by ${signal}`);
            process.exit(128 + external_node_os_.constants.signals[signal]);
        };
        process.on(signal, handler);
        return () => process.off(signal, handler);
    });
    return () => {
        for (const off of handlers)
            off();
    };
}
/**
 * The one wrapper every action runs in. A UserError fails the step with its message;
 * anything else is a bug and also prints its stack. A stop signal ends it with the signal's
 * status once the exit handlers ran (exitOnStopSignals).
 */
async function runAction(def) {
    const isPost = workflow/* getState */.Gu("isPost") === "true";
    const restoreSignals = exitOnStopSignals(def.name);
    // A long step never leaves its log silent for a minute (kit/progress).
    const stopHeartbeat = progress/* progress */.qB.beat();
    const summariesBefore = (0,summary/* summaryWrites */.n)();
    try {
        if (isPost) {
            await def.post?.();
            return;
        }
        if (def.post)
            workflow/* saveState */.LZ("isPost", "true");
        let inputs;
        try {
            inputs = (0,kit_inputs/* parseInputs */.TL)(def.inputs);
        }
        finally {
            (0,kit_inputs/* forgetSecretInputs */.vx)(def.inputs);
        }
        ensureRunnerDirs();
        await def.run(inputs);
    }
    catch (e) {
        const message = e instanceof errors/* UserError */.yo
            ? e.message
            : `internal error (a bug in goship, please report it): ${(0,errors/* errorMessage */.gJ)(e)}`;
        if (!isPost && def.failureOutputs) {
            const already = outputsSet.get(def);
            const fallback = Object.entries(def.failureOutputs(message)).filter(([name]) => !already?.has(name));
            setOutputs(def, Object.fromEntries(fallback));
        }
        failStep(`${def.name}: ${message}`);
        if (!(e instanceof errors/* UserError */.yo))
            workflow/* info */.pq((e instanceof Error && e.stack) || "");
        // A failed step has a summary too, status first; run() may have written a fuller one.
        if ((0,summary/* summaryWrites */.n)() === summariesBefore) {
            await (0,summary/* failureSummary */.jg)(isPost ? `${def.name} (post)` : def.name, message)
                .write()
                .catch((w) => workflow/* warning */.$e(`could not write the job summary: ${(0,errors/* errorMessage */.gJ)(w)}`));
        }
    }
    finally {
        stopHeartbeat();
        restoreSignals();
    }
}
/**
 * Fails the step: under a runner with an ::error:: workflow command (an annotation), in a
 * terminal (local mode) as plain text, its lines as lines rather than %0A.
 */
function failStep(message) {
    if (!(0,log/* isLocalMode */.Jn)())
        workflow/* setFailed */.C1(message);
    else {
        process.exitCode = 1;
        process.stdout.write(`error: ${message}\n`);
    }
}
/** The outputs each action has set in this process, so that failureOutputs fills only the others. */
const outputsSet = new WeakMap();
/** Sets outputs, refusing names the action does not declare (a bug, not a user error). */
function setOutputs(def, values) {
    for (const [name, value] of Object.entries(values)) {
        if (!(name in def.outputs))
            throw new Error(`${def.name} has no output named ${name}`);
        workflow/* setOutput */.uH(name, String(value));
        const set = outputsSet.get(def) ?? new Set();
        set.add(name);
        outputsSet.set(def, set);
    }
}


/***/ }),

/***/ 713:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   UY: () => (/* binding */ redactCredentials),
/* harmony export */   Xu: () => (/* binding */ inputError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/* unused harmony export UsageError */
/**
 * A failure the user can fix (bad input, missing tool, unreachable host, a failed check).
 * It is reported with its message only; anything else that escapes an action is a bug
 * and is reported with its stack.
 */
class UserError extends Error {
    name = "UserError";
}
/** A mistake on goship's command line: printed as `goship: <message>`, exit status 2, nothing run. */
class UsageError extends (/* unused pure expression or super */ null && (Error)) {
    name = "UsageError";
}
/** One or more inputs failed validation. The message names each input, its value and what is allowed. */
class InputError extends UserError {
    problems;
    name = "InputError";
    constructor(problems) {
        super(problems.length === 1
            ? formatProblem(problems[0])
            : `${problems.length} inputs are invalid:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
        this.problems = problems;
    }
}
function formatProblem(p) {
    // A URL's password in a value (a GOPROXY, a mirror) must not reach the log with it.
    return redactCredentials(`input "${p.input}" has value ${JSON.stringify(p.value)}: ${p.allowed}`);
}
/**
 * `text` with the credentials of every URL in it replaced by ***: "https://user:pass@host"
 * becomes "https://***@host", and so does a "user:pass@host" item of a list without a scheme
 * (a GOPROXY entry, which the go command reads as https).
 */
function redactCredentials(text) {
    return text
        .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s"'`]*@/gi, "$1***@")
        .replace(/(^|[\s,|"'`])[^\s,|"'`/?#@:]+:[^\s,|"'`/?#@]*@/g, "$1***@");
}
/** Shorthand for a single-input problem found after parsing (e.g. a target unknown to the installed Go). */
function inputError(input, value, allowed) {
    return new InputError([{ input, value, allowed }]);
}
function errorMessage(e) {
    if (!(e instanceof Error))
        return String(e);
    if (e.message)
        return e.message;
    // Some SDK errors (Azure's RestError on an HTTP 401) carry their meaning only in fields.
    const fields = e;
    const detail = [fields.code, fields.statusCode && `HTTP ${fields.statusCode}`].filter(Boolean).join(", ");
    return detail ? `${e.name} (${detail})` : e.name;
}


/***/ }),

/***/ 127:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   SL: () => (/* binding */ allowing),
/* harmony export */   TL: () => (/* binding */ parseInputs),
/* harmony export */   Yq: () => (/* binding */ choice),
/* harmony export */   n8: () => (/* binding */ line),
/* harmony export */   p_: () => (/* binding */ list),
/* harmony export */   rJ: () => (/* binding */ secret),
/* harmony export */   vx: () => (/* binding */ forgetSecretInputs),
/* harmony export */   zM: () => (/* binding */ boolean)
/* harmony export */ });
/* unused harmony exports readActionInput, runnerDefault, deprecatedFor, inputInfo, inputVariable, isSecretInput */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(713);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(490);
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(179);




const readActionInput = (name) => _workflow_js__WEBPACK_IMPORTED_MODULE_2__/* .getInput */ .V4(name);
/**
 * Parses every input of an action through its zod schema. "" means unset, so schema
 * defaults apply. All problems are reported together in one InputError that names
 * each input, the value received and what is allowed; nothing has run yet.
 */
function parseInputs(schema, read = readActionInput) {
    const raw = {};
    const secrets = new Set();
    for (const [name, field] of Object.entries(schema.shape)) {
        const value = read(name).trim();
        raw[name] = value === "" ? undefined : value;
        if (isSecretInput(field)) {
            secrets.add(name);
            // Line by line too: a runner masks a multi-line secret only where it appears whole.
            if (value)
                for (const v of [value, ...value.split("\n")])
                    (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .maskSecret */ .$l)(v.trim());
        }
    }
    // An old input name's value is read as the input that replaced it (action.yml's
    // deprecationMessage, or the CLI, says so); both names given at once is a mistake.
    const problems = [];
    const renamedFrom = new Map();
    for (const [old, field] of Object.entries(schema.shape)) {
        const now = inputInfo(field).deprecatedFor;
        const value = raw[old];
        if (now === undefined || value === undefined)
            continue;
        if (raw[now] === undefined) {
            raw[now] = value;
            raw[old] = undefined;
            renamedFrom.set(now, old);
        }
        else
            problems.push({
                input: old,
                value: secrets.has(old) ? "***" : value,
                allowed: `is the old name of "${now}", which is given too: give ${now} only`,
            });
    }
    // Without zod's eval-compiled fast path for objects: compiling it costs more than it saves on
    // the one parse a run makes of its inputs, and start-up waits for it. The result is the same.
    const result = schema.safeParse(raw, { jitless: true });
    if (result.success && problems.length === 0)
        return result.data;
    const seen = new Set();
    for (const issue of result.error?.issues ?? []) {
        const name = String(issue.path[0] ?? "(inputs)");
        if (seen.has(name))
            continue; // one line per input is enough
        seen.add(name);
        const value = secrets.has(name) && raw[name] ? "***" : (raw[name] ?? "");
        // Named as the user wrote it: the old name when that is what was given.
        problems.push({ input: renamedFrom.get(name) ?? name, value, allowed: issue.message });
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(problems);
}
const SECRET = { goshipSecret: true };
/** Marks an input as a secret: masked in logs as soon as it is read, never echoed in errors. */
function secret(field) {
    return field.meta(SECRET);
}
/**
 * An input's default that only a runner can evaluate, an expression such as `github.token`:
 * action.yml declares it as `${{ github.token }}`, and local mode leaves the input unset.
 */
function runnerDefault(field, expression) {
    return field.meta({ goshipRunnerDefault: `\${{ ${expression} }}` });
}
/** Marks an input as an old name of `replacement`, still read, with a deprecation warning. */
function deprecatedFor(field, replacement) {
    return field.meta({ goshipDeprecatedFor: replacement });
}
/** Describes what a value must look like, for --help (the same words an error gives). */
function allowing(field, allowed) {
    return field.meta({ goshipAllowed: allowed });
}
function inputInfo(field) {
    const info = { description: field.description ?? "", required: true, secret: false };
    let f = field;
    for (let depth = 0; f && depth < 12; depth++) {
        const meta = f.meta() ?? {};
        if (meta.goshipSecret === true)
            info.secret = true;
        if (typeof meta.goshipRunnerDefault === "string")
            info.runnerDefault ??= meta.goshipRunnerDefault;
        if (typeof meta.goshipDeprecatedFor === "string")
            info.deprecatedFor ??= meta.goshipDeprecatedFor;
        if (typeof meta.goshipAllowed === "string")
            info.allowed ??= meta.goshipAllowed;
        if (meta.goshipBoolean === true)
            info.boolean = true;
        const def = f._zod.def;
        if (def.type === "optional")
            info.required = false;
        if (def.type === "default" || def.type === "prefault") {
            info.required = false;
            if (typeof def.defaultValue === "string" && def.defaultValue !== "")
                info.default ??= def.defaultValue;
        }
        f = def.innerType ?? def.in;
    }
    return info;
}
/** The environment variable the runner passes an input in, as @actions/core's getInput reads it. */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
/**
 * Removes the secret inputs' INPUT_* variables from goship's own environment once they are read.
 * Every child process inherits that environment (go, ssh, and what libraries start, such as
 * tar through @actions/exec): none of them needs a secret goship holds, and a child's
 * environment is one more place to read it from. Other inputs stay: they are no secret, and
 * a library may still read one.
 */
function forgetSecretInputs(schema) {
    for (const [name, field] of Object.entries(schema.shape))
        if (isSecretInput(field))
            delete process.env[inputVariable(name)];
}
/** True when the field or anything it wraps (optional, default, pipe…) was marked secret(). */
function isSecretInput(field) {
    let f = field;
    for (let depth = 0; f && depth < 8; depth++) {
        if (f.meta()?.goshipSecret === true)
            return true;
        const def = f._zod.def;
        f = def.innerType ?? def.in;
    }
    return false;
}
/** Message for a value the user did not give but must. */
const required = (allowed) => `is required; allowed: ${allowed}`;
/** A string input checked against a pattern; `allowed` describes it in words. */
function text(pattern, allowed) {
    return allowing(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`) })
        .regex(pattern, { error: `allowed: ${allowed}` }), allowed);
}
/** A free-form single-line string: anything but control characters (which includes newlines). */
function line(allowed = "a single line of text without control characters") {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    return text(/^[^\u0000-\u001f\u007f]*$/, allowed);
}
/** One of a fixed set of words. */
function choice(values) {
    const allowed = `one of ${values.join(", ")}`;
    return allowing(zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(values, {
        error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`),
    }), allowed);
}
/** A boolean written the YAML 1.2 core schema way, as @actions/core's getBooleanInput accepts it. */
function boolean() {
    const allowed = "true or false";
    return allowing(zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(["true", "True", "TRUE", "false", "False", "FALSE"], {
        error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`),
    }), allowed)
        .meta({ goshipBoolean: true })
        .transform((v) => v.toLowerCase() === "true");
}
/** A comma- or newline-separated list; empty items are dropped. */
function list(item, allowed) {
    return allowing(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`) }), allowed)
        .transform((s) => s
        .split(/[,\n]/)
        .map((x) => x.trim())
        .filter((x) => x !== ""))
        .pipe(zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(item, { error: `allowed: ${allowed}` }));
}


/***/ }),

/***/ 490:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   Jn: () => (/* binding */ isLocalMode),
/* harmony export */   bp: () => (/* binding */ untrusted),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/* unused harmony exports group, debug, notice, annotateError, seconds, bytes */
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(701);
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(179);


/**
 * Logging that reads well both on a runner (workflow commands) and in a terminal
 * (local mode, where "::group::" lines would only be noise).
 */
function isLocalMode() {
    return process.env.GOSHIP_LOCAL === "1";
}
/** A titled stage of the log; the heartbeat (kit/progress) names it while it runs. */
async function group(title, fn) {
    progress.touch();
    if (!isLocalMode())
        return workflow.group(title, () => progress.phase(title, fn));
    process.stdout.write(`\n▶ ${title}\n`);
    return progress.phase(title, fn);
}
// Every line printed here puts the heartbeat off: it speaks only into a quiet log.
function info(message) {
    _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(message);
    _progress_js__WEBPACK_IMPORTED_MODULE_0__/* .progress */ .qB.touch();
}
const debug = (message) => workflow.debug(message);
function warning(message) {
    if (isLocalMode())
        process.stdout.write(`warning: ${message}\n`);
    else
        _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(message);
    _progress_js__WEBPACK_IMPORTED_MODULE_0__/* .progress */ .qB.touch();
}
function notice(message) {
    if (isLocalMode())
        process.stdout.write(`notice: ${message}\n`);
    else
        workflow.notice(message);
    progress.touch();
}
/**
 * An error annotation at a place in the repository (`::error file=…,line=…,col=…::`), for a
 * problem found in a tool's output. In a terminal the tool's own output already says it.
 */
function annotateError(message, at) {
    if (isLocalMode())
        return;
    workflow.error(message, {
        ...(at.title ? { title: at.title } : {}),
        ...(at.file ? { file: at.file } : {}),
        ...(at.line ? { startLine: at.line } : {}),
        ...(at.column ? { startColumn: at.column } : {}),
    });
}
/**
 * Registers a secret with the runner so it is masked in logs. In local mode there is
 * no log masking, and printing "::add-mask::<secret>" would itself leak the value.
 */
function maskSecret(value) {
    if (value !== "" && !isLocalMode())
        _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .setSecret */ .Pq(value);
}
/**
 * Text that came from a host or an app (a response body, a journal line, a step's stderr, a value
 * a step printed), made safe to print in the job log: the runner reads every line goship prints
 * for workflow commands, `::<command>::` at the start of a line and `##[<command>]` anywhere in
 * it, so text an app controls could otherwise add a mask, set an output, stop command
 * processing or fake an error. What comes back is one line, the same text where it was harmless:
 * line breaks read `\n` and `\r`, other control characters (an ANSI escape, say) `\u001b`, a
 * `::` at its start `\::` and every `##[` `##\[`.
 */
function untrusted(text) {
    const flat = text
        .toWellFormed()
        .replace(/\r\n|\n/g, "\\n")
        // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
        .replaceAll("##[", "##\\[");
    // The runner trims leading white space (Unicode's too) before it looks for "::".
    return flat.replace(/^(\s*):(?=:)/u, "$1\\:");
}
/** Seconds with one decimal, for logs and summaries. */
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
function bytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ["KiB", "MiB", "GiB", "TiB"];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v.toFixed(1)} ${units[i]}`;
}


/***/ }),

/***/ 701:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   qB: () => (/* binding */ progress)
/* harmony export */ });
/* unused harmony exports systemClock, elapsed, Progress */
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(179);

const systemClock = {
    now: () => performance.now(),
    every(ms, fn) {
        const timer = setInterval(fn, ms);
        timer.unref();
        return () => clearInterval(timer);
    },
};
/** "45 s", "2m 05s", "1h 02m": how long something has been running, for a log line. */
function elapsed(ms) {
    const s = Math.floor(ms / 1000);
    if (s < 60)
        return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60)
        return `${m}m ${String(s % 60).padStart(2, "0")}s`;
    return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}
/**
 * What a run is doing, for the person watching its log: a line when each unit of work starts
 * (`→ linux/arm64 (3/7)`), and a heartbeat when the log has been quiet, naming what is still
 * running and for how long. The log is checked every sixth of `limitMs` and the heartbeat
 * printed once it has been quiet for the other five, so no silence reaches `limitMs`.
 */
class Progress {
    print;
    clock;
    running = new Map();
    nextId = 0;
    phases = [];
    startedAt = 0;
    lastOutput = 0;
    tickMs;
    quietMs;
    constructor(print, clock = systemClock, 
    /** The longest the log stays silent while anything runs. */
    limitMs = 60_000) {
        this.print = print;
        this.clock = clock;
        this.tickMs = limitMs / 6;
        this.quietMs = limitMs - this.tickMs;
    }
    /** Starts the heartbeat for one run; returns what stops it. */
    beat() {
        this.startedAt = this.clock.now();
        this.lastOutput = this.startedAt;
        this.running.clear();
        this.phases = [];
        return this.clock.every(this.tickMs, () => this.tick());
    }
    /** Something was printed: the heartbeat waits a full tick from now. */
    touch() {
        this.lastOutput = this.clock.now();
    }
    /**
     * A unit of work starts: says so (with its place among `of`, when given) and counts as
     * running until the returned function is called.
     */
    start(label, of) {
        const id = this.nextId++;
        this.running.set(id, { label, since: this.clock.now() });
        this.say(of ? `→ ${label} (${of.index + 1}/${of.total})` : `→ ${label}`);
        return () => {
            this.running.delete(id);
        };
    }
    /** A unit of work around `fn`: its line when it starts, and running until `fn` settles. */
    async during(label, fn, of) {
        const done = this.start(label, of);
        try {
            return await fn();
        }
        finally {
            done();
        }
    }
    /** A named stage (a log group) runs `fn`; the heartbeat names it when no unit of work is running. */
    async phase(title, fn) {
        this.phases.push(title);
        try {
            return await fn();
        }
        finally {
            this.phases.splice(this.phases.lastIndexOf(title), 1);
        }
    }
    /** One heartbeat check; the clock calls it every tick. */
    tick() {
        const now = this.clock.now();
        if (now - this.lastOutput < this.quietMs)
            return;
        const units = [...this.running.values()].map((r) => `${r.label} (${elapsed(now - r.since)})`);
        const what = units.length > 0 ? units.join(", ") : this.phases.at(-1);
        this.say(`… still running after ${elapsed(now - this.startedAt)}${what ? `: ${what}` : ""}`);
    }
    say(line) {
        this.print(line);
        this.touch();
    }
}
/** The one progress report of this process: kit/log's lines reset its heartbeat. */
const progress = new Progress((line) => _workflow_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line));


/***/ }),

/***/ 508:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ Summary),
/* harmony export */   jg: () => (/* binding */ failureSummary),
/* harmony export */   n: () => (/* binding */ summaryWrites)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);

/** How many summaries this process has written: runAction writes one on failure only when run() did not. */
let writes = 0;
const summaryWrites = () => writes;
/**
 * A job summary in GitHub-flavoured Markdown. Markdown (not the HTML tables that
 * @actions/core's summary writes) so that local mode can print it as readable text.
 */
class Summary {
    parts = [];
    heading(text, level = 2) {
        this.parts.push(`${"#".repeat(level)} ${text}`);
        return this;
    }
    /** The line a summary opens with: ✅ or ❌, then what happened (or what failed). */
    status(ok, text) {
        this.parts.push(`${ok ? "✅" : "❌"} ${text}`);
        return this;
    }
    paragraph(text) {
        this.parts.push(text);
        return this;
    }
    list(items) {
        if (items.length > 0)
            this.parts.push(items.map((i) => `- ${i}`).join("\n"));
        return this;
    }
    /** A table; cells are escaped so a value can never break the layout. */
    table(headers, rows, align) {
        const cell = (v) => String(v).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
        const rule = headers.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
        const lines = [headers, rule, ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`);
        this.parts.push(lines.join("\n"));
        return this;
    }
    code(text, lang = "") {
        const fence = text.includes("```") ? "````" : "```";
        this.parts.push(`${fence}${lang}\n${text}\n${fence}`);
        return this;
    }
    /**
     * A line chart of one or more series over the same x values (GitHub renders Mermaid), for a
     * quantity over time where the shape is the point (a table of 60 rows is not read). Numeric
     * x values make a numeric axis that Mermaid labels sparsely (sixty category labels overlap);
     * each series gets its colour from `colors`, in order.
     */
    lineChart(title, x, series, axes, colors = ["#0969da", "#cf222e", "#1a7f37"]) {
        if (x.length === 0 || series.length === 0)
            return this;
        const all = series.flat().filter(Number.isFinite);
        const lo = Math.min(0, ...all);
        const hi = Math.max(...all, 0);
        const q = (t) => `"${t.replace(/"/g, "'")}"`;
        const init = { themeVariables: { xyChart: { plotColorPalette: colors.join(", ") } } };
        this.parts.push([
            "```mermaid",
            `%%{init: ${JSON.stringify(init)}}%%`,
            "xychart-beta",
            `  title ${q(title)}`,
            `  x-axis ${q(axes.x)} ${Math.min(...x)} --> ${Math.max(...x)}`,
            `  y-axis ${q(axes.y)} ${Math.floor(lo)} --> ${Math.ceil(hi * 1.1) || 1}`,
            ...series.map((v) => `  line [${v.map((n) => (Number.isFinite(n) ? Number(n.toFixed(3)) : 0)).join(", ")}]`),
            "```",
        ].join("\n"));
        return this;
    }
    /** Collapsed details: raw data a person opens only when the headline and tables are not enough. */
    details(title, body) {
        const esc = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        this.parts.push(`<details><summary>${esc}</summary>\n\n${body.toMarkdown()}\n</details>`);
        return this;
    }
    toMarkdown() {
        return `${this.parts.join("\n\n")}\n`;
    }
    /** Appends to $GITHUB_STEP_SUMMARY; without it (plain `node dist/...` runs) there is nowhere to write. */
    async write() {
        const file = process.env.GITHUB_STEP_SUMMARY;
        writes++;
        if (file)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.appendFile)(file, this.toMarkdown());
    }
}
/**
 * The summary of a step that failed before it could say more: the action, ❌ and the message's
 * first line, then the rest of it as it was printed.
 */
function failureSummary(action, message) {
    const [first = "", ...rest] = message.split("\n");
    const summary = new Summary().heading(action).status(false, `**failed**: ${first}`);
    if (rest.some((l) => l.trim() !== ""))
        summary.code(rest.join("\n"));
    return summary;
}


/***/ }),

/***/ 179:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony exports formatCommand, debug, notice, error, group, exportVariable, addPath */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




function commandValue(value) {
    if (value === null || value === undefined)
        return "";
    return typeof value === "string" ? value : JSON.stringify(value);
}
function escapeData(s) {
    return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
/** `::name key=value,…::message` on a line of its own; properties with no value are left out. */
function formatCommand(name, properties, message) {
    const props = Object.entries(properties)
        .filter(([, v]) => v !== undefined && v !== "" && v !== 0)
        .map(([k, v]) => `${k}=${escapeProperty(commandValue(v))}`)
        .join(",");
    return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}
function issue(name, message = "", properties = {}) {
    process.stdout.write(formatCommand(name, properties, message) + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
/** `name<<ghadelimiter_<uuid>` … block: a value of any lines in a command file. */
function keyValueBlock(name, value) {
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`unexpected input: ${name} or its value holds the delimiter ${delimiter}`);
    return `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}`;
}
/** Appends to the command file $GITHUB_<kind>; false when the runner gave none (an older runner). */
function fileCommand(kind, line) {
    const file = process.env[`GITHUB_${kind}`];
    if (!file)
        return false;
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${line}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`, { encoding: "utf8" });
    return true;
}
const annotation = (at) => ({
    title: at.title,
    file: at.file,
    line: at.startLine,
    endLine: at.endLine,
    col: at.startColumn,
    endColumn: at.endColumn,
});
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
const debug = (message) => issue("debug", message);
const notice = (message, at = {}) => issue("notice", message, annotation(at));
const warning = (message, at = {}) => issue("warning", message, annotation(at));
const error = (message, at = {}) => issue("error", message, annotation(at));
/** Masks the value in the rest of the job's log. */
const setSecret = (secret) => issue("add-mask", secret);
/** Fails the step: an error annotation, and exit status 1 once the process ends. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** A collapsible section of the log around `fn`. */
async function group(title, fn) {
    issue("group", title);
    try {
        return await fn();
    }
    finally {
        issue("endgroup");
    }
}
/** The input the runner passes as INPUT_<NAME> (spaces as underscores), trimmed; "" when unset. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "").trim();
}
function setOutput(name, value) {
    if (fileCommand("OUTPUT", keyValueBlock(name, value)))
        return;
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
    issue("set-output", value, { name });
}
/** Sets a variable for this process and for the job's later steps. */
function exportVariable(name, value) {
    process.env[name] = value;
    if (!fileCommand("ENV", keyValueBlock(name, value)))
        issue("set-env", value, { name });
}
/** Puts a directory first on PATH, for this process and the job's later steps. */
function addPath(dir) {
    if (!fileCommand("PATH", dir))
        issue("add-path", dir);
    process.env.PATH = `${dir}${pathDelimiter}${process.env.PATH}`;
}
/** A value for this action's post step (read back there with getState). */
function saveState(name, value) {
    if (!fileCommand("STATE", keyValueBlock(name, value)))
        issue("save-state", value, { name });
}
function getState(name) {
    return process.env[`STATE_${name}`] || "";
}


/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  YOg: () => (/* binding */ array),
  gMt: () => (/* binding */ discriminatedUnion),
  k5n: () => (/* binding */ schemas_enum),
  euz: () => (/* binding */ literal),
  aig: () => (/* binding */ schemas_number),
  Ikc: () => (/* binding */ object),
  g1P: () => (/* binding */ record),
  rej: () => (/* binding */ strictObject),
  YjP: () => (/* binding */ schemas_string),
  PVZ: () => (/* binding */ tuple),
  KCZ: () => (/* binding */ union)
});

// UNUSED EXPORTS: ZodAny, ZodArray, ZodBase64, ZodBase64URL, ZodBigInt, ZodBigIntFormat, ZodBoolean, ZodCIDRv4, ZodCIDRv6, ZodCUID, ZodCUID2, ZodCatch, ZodCodec, ZodCreditCard, ZodCustom, ZodCustomStringFormat, ZodDate, ZodDefault, ZodDiscriminatedUnion, ZodE164, ZodEmail, ZodEmoji, ZodEnum, ZodExactOptional, ZodFile, ZodFunction, ZodGUID, ZodIBAN, ZodIPv4, ZodIPv6, ZodISODate, ZodISODateTime, ZodISODuration, ZodISOTime, ZodInstanceOf, ZodIntersection, ZodJWT, ZodKSUID, ZodLazy, ZodLiteral, ZodMAC, ZodMap, ZodNaN, ZodNanoID, ZodNever, ZodNonOptional, ZodNull, ZodNullable, ZodNumber, ZodNumberFormat, ZodObject, ZodOptional, ZodPipe, ZodPrefault, ZodPreprocess, ZodPromise, ZodReadonly, ZodRecord, ZodSet, ZodString, ZodStringFormat, ZodSuccess, ZodSymbol, ZodTemplateLiteral, ZodTransform, ZodTuple, ZodType, ZodULID, ZodURL, ZodUUID, ZodUndefined, ZodUnion, ZodUnknown, ZodVoid, ZodXID, ZodXor, _ZodString, _default, _function, any, base64, base64url, bigint, boolean, catch, check, cidrv4, cidrv6, codec, creditCard, cuid, cuid2, currencyCode, custom, date, describe, e164, email, emoji, exactOptional, file, float32, float64, function, guid, hash, hex, hostname, httpUrl, iban, instanceof, int, int32, int64, intersection, invertCodec, ipv4, ipv6, json, jwt, keyof, ksuid, lazy, looseObject, looseRecord, mac, map, meta, nan, nanoid, nativeEnum, never, nonoptional, null, nullable, nullish, optional, partialRecord, pipe, prefault, preprocess, promise, readonly, refine, set, stringFormat, stringbool, success, superRefine, symbol, templateLiteral, transform, uint32, uint64, ulid, undefined, unknown, url, uuid, uuidv4, uuidv6, uuidv7, void, xid, xor

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core_core = __nccwpck_require__(532);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/util.js
var core_util = __nccwpck_require__(723);
;// CONCATENATED MODULE: ./node_modules/zod/v4/core/memoizer.js

class $ZodCyclicError extends Error {
    constructor() {
        super(`Cannot parse a reference cycle that closes through a transform`);
        this.name = "ZodCyclicError";
    }
}
/** Keyed off the context object every schema in one parse call already shares. */
const STATE = "~memo";
const NO_ISSUES = [];
// a value a cycle can close through
function isRef(value) {
    return value !== null && typeof value === "object";
}
// Receivers prefix paths in place, so the cache and every hand-out need their own copies.
function cloneIssues(issues) {
    return issues.map((iss) => (iss.path ? { ...iss, path: iss.path.slice() } : { ...iss }));
}
const recursive = /*@__PURE__*/ new WeakMap();
/** What the walk established, in order of certainty: ordered so the strongest answer among children wins. */
const NONE = 0;
const ASSUMED = 1;
const PROVEN = 2;
/** Whether this schema's subtree contains a cycle, so one parse can re-enter it. */
function isRecursive(inst, stack, resolve) {
    const cached = recursive.get(inst);
    if (cached !== undefined)
        return cached ? PROVEN : NONE;
    // Relative to the walk in progress, so not cached.
    if (stack.has(inst))
        return PROVEN;
    stack.add(inst);
    let result = NONE;
    const check = (child) => {
        if (result !== PROVEN && child?._zod) {
            const answer = isRecursive(child, stack, resolve);
            if (answer > result)
                result = answer;
        }
    };
    // `Reflect.ownKeys` rather than `Object.keys`, so a cycle through a declared symbol key is still seen
    const shape = (sh, spread) => {
        let answer = NONE;
        for (const key of Reflect.ownKeys(sh)) {
            const desc = Object.getOwnPropertyDescriptor(sh, key);
            // an object resolves its shape by spread, so a key it does not enumerate is never parsed; `z.properties` reads every own key and so keeps them all
            if (spread && !desc.enumerable)
                continue;
            // resolving runs user code, and a factory mints a fresh subtree per read, so an edge the walk can't follow counts as a cycle
            const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack, resolve) : NONE;
            if (child > answer)
                answer = child;
        }
        return answer;
    };
    const merge = (answer) => {
        if (answer > result)
            result = answer;
    };
    const def = inst._zod.def;
    const kind = def.type;
    switch (kind) {
        case "object": {
            const raw = core_util/* rawShape */.MO(def);
            // a def with no raw shape answers `shape` from an accessor of its own, and running that can mint a whole fresh subtree
            merge(raw ? shape(raw, true) : ASSUMED);
            check(def.catchall);
            break;
        }
        case "array":
            check(def.element);
            break;
        case "tuple":
            for (const el of def.items)
                check(el);
            check(def.rest);
            break;
        case "record":
        case "map":
            check(def.keyType);
            check(def.valueType);
            break;
        case "set":
            check(def.valueType);
            break;
        case "union":
            for (const el of def.options)
                check(el);
            break;
        case "intersection":
            check(def.left);
            check(def.right);
            break;
        case "optional":
        case "nullable":
        case "default":
        case "prefault":
        case "catch":
        case "readonly":
        case "nonoptional":
        case "promise":
        case "success":
            check(def.innerType);
            break;
        case "pipe":
            check(def.in);
            check(def.out);
            break;
        case "function":
            check(def.input);
            check(def.output);
            break;
        // `$ZodLazy` caches its inner on the def, so a resolved edge is followed exactly
        case "lazy": {
            const inner = def._cachedInner ?? (resolve ? inst._zod.innerType : undefined);
            // walked with resolution off: one hop sees past the deferral, and a lazy that yields only another unresolved lazy is generative, so it stops there
            merge(inner ? isRecursive(inner, stack, false) : ASSUMED);
            break;
        }
        // a leaf by choice: `parts` are regex fragments, not data positions
        case "template_literal":
        // leaves
        case "string":
        case "number":
        case "int":
        case "boolean":
        case "bigint":
        case "symbol":
        case "undefined":
        case "null":
        case "void":
        case "never":
        case "any":
        case "unknown":
        case "date":
        case "nan":
        case "enum":
        case "literal":
        case "file":
        case "transform":
        case "custom":
            break;
        default: {
            // a new built-in kind becomes a compile error here
            kind;
            // a user-defined kind can still hold children, and only its author knows where, so fall back to scanning the def — skipping accessors, since reading one can run user code
            for (const key in def) {
                const desc = Object.getOwnPropertyDescriptor(def, key);
                if (!desc || desc.get)
                    continue;
                const value = desc.value;
                if (!value || typeof value !== "object")
                    continue;
                if (value._zod)
                    check(value);
                else if (Array.isArray(value))
                    for (const el of value)
                        check(el);
            }
        }
    }
    stack.delete(inst);
    return settle(inst, result);
}
/** An assumed answer must not outlive the resolution that settles it, so only a certain one is cached. */
function settle(inst, answer) {
    if (answer !== ASSUMED)
        recursive.set(inst, answer === PROVEN);
    return answer;
}
/**
 * Whether one parse can re-enter this schema, i.e. its subtree contains a cycle.
 * Exported for `z.compile`, which refuses to compile such a schema: cycle
 * breaking is driven from here off state keyed on the parse context, and a
 * generated fast path has no context to key on.
 */
function isRecursiveSchema(inst) {
    // z.compile never parses, so nothing would ever resolve a lazy for it; it runs once and already treats a throw here as recursive
    return isRecursive(inst, new Set(), true) !== NONE;
}
function bucketFor(state, inst) {
    let bucket = state.buckets.get(inst);
    if (!bucket) {
        bucket = new WeakMap();
        state.buckets.set(inst, bucket);
    }
    return bucket;
}
// Set immediately before delegating to core and cleared immediately after, so `alloc` registers only for a visit this module is driving.
let handoff;
// Allocated but unfinished entries. `alloc` and the matching pop both happen in the synchronous part of a parse, so they nest even when children are async, and one stack serves every schema.
const memoizer_open = [];
const memo = {
    alloc(_inst, payload, empty) {
        const bucket = handoff;
        if (!bucket)
            return empty;
        handoff = undefined;
        const entry = { value: empty, issues: null };
        bucket.set(payload.value, entry);
        memoizer_open.push(entry);
        return empty;
    },
    guard(inst) {
        var _a;
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                // The value is a placeholder a back-edge is still waiting on, so the cycle closes through this transform. Its output can't exist in time to bind.
                if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value))
                    throw new $ZodCyclicError();
                return base(payload, ctx);
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
    attach(inst) {
        var _a;
        let isRecursiveInst;
        let rechecked = false;
        // a recursive schema is re-entered many times per parse and its bucket never changes
        let lastCtx;
        let lastBucket;
        // Wraps `parse` in a deferred so it sees the container's final parse. Core's own deferred copies `parse` into `run` when there are no checks, and it ran first, so `run` is patched to match; with checks, `run` reads `parse` dynamically.
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                if (isRecursiveInst === undefined) {
                    const walked = isRecursive(inst, new Set(), false);
                    if (walked === NONE) {
                        // Nothing here can ever fire, so take it back out.
                        inst._zod.parse = base;
                        if (inst._zod.run === wrapped)
                            inst._zod.run = base;
                        return base(payload, ctx);
                    }
                    // this parse resolves the deferred edges on its own path, so ask once more before latching
                    if (walked === PROVEN || rechecked)
                        isRecursiveInst = true;
                    else
                        rechecked = true;
                }
                const input = payload.value;
                if (!isRef(input))
                    return base(payload, ctx);
                let state = ctx[STATE];
                if (!state) {
                    state = { buckets: new WeakMap(), backEdges: undefined };
                    ctx[STATE] = state;
                }
                let bucket;
                if (lastCtx === ctx) {
                    bucket = lastBucket;
                }
                else {
                    bucket = bucketFor(state, inst);
                    lastCtx = ctx;
                    lastBucket = bucket;
                }
                const hit = bucket.get(input);
                if (hit) {
                    payload.value = hit.value;
                    if (hit.issues) {
                        if (hit.issues.length)
                            payload.issues.push(...cloneIssues(hit.issues));
                    }
                    else {
                        // Still being parsed: its own checks cover it, so skip them here.
                        payload.memo = true;
                        state.backEdges ?? (state.backEdges = new WeakSet());
                        state.backEdges.add(hit.value);
                    }
                    return payload;
                }
                handoff = bucket;
                const depth = memoizer_open.length;
                const result = base(payload, ctx);
                handoff = undefined;
                // A container that rejected its input outright allocated nothing.
                const entry = memoizer_open.length > depth ? memoizer_open.pop() : undefined;
                // Both paths written out so the sync one allocates no closure. It runs once per node, and capturing here cost more than everything else combined.
                if (result instanceof Promise) {
                    return result.then((r) => {
                        if (entry)
                            entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
                        return r;
                    });
                }
                if (entry)
                    entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
                return result;
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
};
/** The memoizer that gives containers cycle support. `zod` installs it by default; `zod/mini` opts in with `config({ memoizer: memoizer() })`. */
function memoizer() {
    return memo;
}
/** Whether this value is a node a back-edge resolved to before it finished. */
function isBackEdge(ctx, value) {
    const backEdges = ctx[STATE]?.backEdges;
    return backEdges !== undefined && isRef(value) && backEdges.has(value);
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/regexes.js

/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const cuid = /^[cC][0-9a-z]{6,}$/;
const cuid2 = /^[0-9a-z]+$/;
const ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
const xid = /^[0-9a-vA-V]{20}$/;
const ksuid = /^[A-Za-z0-9]{27}$/;
const nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
    return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
/** ISO 8601-1 duration regex. Does not support the 8601-2 extensions like negative durations or fractional/negative components. */
const duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
/** Implements ISO 8601-2 extensions like explicit +- prefixes, mixing weeks with other units, and fractional/negative components. */
const extendedDuration = /^[-+]?P(?!$)(?:(?:[-+]?\d+Y)|(?:[-+]?\d+[.,]\d+Y$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:(?:[-+]?\d+W)|(?:[-+]?\d+[.,]\d+W$))?(?:(?:[-+]?\d+D)|(?:[-+]?\d+[.,]\d+D$))?(?:T(?=[\d+-])(?:(?:[-+]?\d+H)|(?:[-+]?\d+[.,]\d+H$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:[-+]?\d+(?:[.,]\d+)?S)?)??$/;
/** A regex for any UUID-like identifier: 8-4-4-4-12 hex pattern */
const guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/** Returns a regex for validating an RFC 9562/4122 UUID.
 *
 * @param version Optionally specify a version 1-8. If no version is specified, all versions are supported. */
const uuid = (version) => {
    if (!version)
        return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
    return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
};
const uuid4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(4)));
const uuid6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(6)));
const uuid7 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(7)));
/** Practical email validation */
const email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
/** Equivalent to the HTML5 input[type=email] validation implemented by browsers. Source: https://developer.mozilla.org/en-US/docs/Web/HTML/Element/input/email */
const html5Email = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** The classic emailregex.com regex for RFC 5322-compliant emails */
const rfc5322Email = /^(([^<>()\[\]\\.,;:\s@"]+(\.[^<>()\[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;
/** A loose regex that allows Unicode characters, enforces length limits, and that's about it. */
const unicodeEmail = /^[^\s@"]{1,64}@[^\s@]{1,255}$/u;
const idnEmail = (/* unused pure expression or super */ null && (unicodeEmail));
const browserEmail = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// from https://thekevinscott.com/emojis-in-javascript/#writing-a-regular-expression
// Single character class, not an alternation: the two properties overlap (U+1F9B0-U+1F9B3), so `(A|B)+` backtracks exponentially on a failed match. The leading lookahead then demands one anchor — a pictograph, a regional indicator, or the enclosing keycap — because `\p{Emoji_Component}` on its own covers ASCII digits, `#`, `*`, ZWJ, variation selectors and skin tone modifiers, none of which is an emoji without a base.
const _emoji = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
function emoji() {
    return new RegExp(_emoji, "u");
}
const ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
const mac = (delimiter) => {
    const escapedDelim = util.escapeRegex(delimiter ?? ":");
    return new RegExp(`^(?:[0-9A-F]{2}${escapedDelim}){5}[0-9A-F]{2}$|^(?:[0-9a-f]{2}${escapedDelim}){5}[0-9a-f]{2}$`);
};
const cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
const cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
// https://stackoverflow.com/questions/7860392/determine-if-string-is-in-base64-using-javascript
const base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
const base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
// based on https://stackoverflow.com/questions/106179/regular-expression-to-match-dns-hostname-or-ip-address
// export const hostname: RegExp = /^([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$/;
const hostname = /^(?=.{1,253}\.?$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-0-9a-zA-Z]{0,61}[0-9a-zA-Z])?)*\.?$/;
const domain = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const httpProtocol = /^https?$/;
// https://blog.stevenlevithan.com/archives/validate-phone-number#r4-3 (regex sans spaces) E.164: leading digit must be 1-9; total digits (excluding '+') between 7-15
const e164 = /^\+[1-9]\d{6,14}$/;
// Credit card shape: 12–19 digits, optionally separated by single spaces or single hyphens. ISO/IEC 7812 caps the PAN at 19 digits; 12 is the shortest issued length (Maestro).
const creditCard = /^\d(?:[ -]?\d){11,18}$/;
// ISO 4217 alpha codes from the SIX list, regenerated by scripts/update-iso-4217.ts
const currencyCode = /^(?:AED|AFN|ALL|AMD|AOA|ARS|AUD|AWG|AZN|BAM|BBD|BDT|BHD|BIF|BMD|BND|BOB|BOV|BRL|BSD|BTN|BWP|BYN|BZD|CAD|CDF|CHE|CHF|CHW|CLF|CLP|CNY|COP|COU|CRC|CUP|CVE|CZK|DJF|DKK|DOP|DZD|EGP|ERN|ETB|EUR|FJD|FKP|GBP|GEL|GHS|GIP|GMD|GNF|GTQ|GYD|HKD|HNL|HTG|HUF|IDR|ILS|INR|IQD|IRR|ISK|JMD|JOD|JPY|KES|KGS|KHR|KMF|KPW|KRW|KWD|KYD|KZT|LAK|LBP|LKR|LRD|LSL|LYD|MAD|MDL|MGA|MKD|MMK|MNT|MOP|MRU|MUR|MVR|MWK|MXN|MXV|MYR|MZN|NAD|NGN|NIO|NOK|NPR|NZD|OMR|PAB|PEN|PGK|PHP|PKR|PLN|PYG|QAR|RON|RSD|RUB|RWF|SAR|SBD|SCR|SDG|SEK|SGD|SHP|SLE|SOS|SRD|SSP|STN|SVC|SYP|SZL|THB|TJS|TMT|TND|TOP|TRY|TTD|TWD|TZS|UAH|UGX|USD|USN|UYI|UYU|UYW|UZS|VED|VES|VND|VUV|WST|XAD|XAF|XAG|XAU|XBA|XBB|XBC|XBD|XCD|XCG|XDR|XOF|XPD|XPF|XPT|XSU|XTS|XUA|XXX|YER|ZAR|ZMW|ZWG)$/;
// iban electronic format: 2-letter country, check digits 02-98 (the only values `98 - remainder` can produce), 11-30 bban characters
const iban = /^[A-Z]{2}(?!00|01|99)\d{2}[A-Z0-9]{11,30}$/;
const dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
/** Anchors a pattern source. The interpolation lives here rather than at the call site because
 * esbuild will not drop a `@__PURE__` call whose own argument interpolates a variable, but it
 * will drop `anchor(dateSource)`. Keeping it inline pinned `date` into every bundle. */
function regexes_anchor(source) {
    return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ regexes_anchor(dateSource);
function timeSource(args) {
    const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
    const regex = typeof args.precision === "number"
        ? args.precision === -1
            ? `${hhmm}`
            : args.precision === 0
                ? `${hhmm}:[0-5]\\d`
                : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}`
        : args.seconds
            ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?`
            : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
    return regex;
}
function time(args) {
    return new RegExp(`^${timeSource(args)}$`);
}
// Adapted from https://stackoverflow.com/a/3143231
function datetime(args) {
    const opts = ["Z"];
    // if (args.offset) opts.push(`([+-]\\d{2}:\\d{2})`);
    if (args.offset)
        opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
    // RFC 3339 mandates seconds wherever the time carries a `Z` or an offset, so only the unqualified form `local` adds may omit them
    const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
    const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
    return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
// the unbounded form of `string()` as a literal, so every plain string shares one instance instead of building its own
const anyString = /^[\s\S]{0,}$/;
const string = (params) => {
    const regex = params ? `[\\s\\S]{${params?.minimum ?? 0},${params?.maximum ?? ""}}` : `[\\s\\S]*`;
    return new RegExp(`^${regex}$`);
};
const bigint = /^-?\d+n?$/;
const integer = /^-?\d+$/;
const number = /^-?\d+(?:\.\d+)?$/;
const regexes_boolean = /^(?:true|false)$/i;
const _null = /^null$/i;

const _undefined = /^undefined$/i;

// regex for string with no uppercase letters
const lowercase = /^[^A-Z]*$/;
// regex for string with no lowercase letters
const uppercase = /^[^a-z]*$/;
// regex for hexadecimal strings (any length)
const hex = /^[0-9a-fA-F]*$/;
// Hash regexes for different algorithms and encodings
// Helper function to create base64 regex with exact length and padding
function fixedBase64(bodyLength, padding) {
    return new RegExp(`^[A-Za-z0-9+/]{${bodyLength}}${padding}$`);
}
// Helper function to create base64url regex with exact length (no padding)
function fixedBase64url(length) {
    return new RegExp(`^[A-Za-z0-9_-]{${length}}$`);
}
// MD5 (16 bytes): base64 = 24 chars total (22 + "==")
const md5_hex = /^[0-9a-fA-F]{32}$/;
const md5_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(22, "==")));
const md5_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(22)));
// SHA1 (20 bytes): base64 = 28 chars total (27 + "=")
const sha1_hex = /^[0-9a-fA-F]{40}$/;
const sha1_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(27, "=")));
const sha1_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(27)));
// SHA256 (32 bytes): base64 = 44 chars total (43 + "=")
const sha256_hex = /^[0-9a-fA-F]{64}$/;
const sha256_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(43, "=")));
const sha256_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(43)));
// SHA384 (48 bytes): base64 = 64 chars total (no padding)
const sha384_hex = /^[0-9a-fA-F]{96}$/;
const sha384_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(64, "")));
const sha384_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(64)));
// SHA512 (64 bytes): base64 = 88 chars total (86 + "==")
const sha512_hex = /^[0-9a-fA-F]{128}$/;
const sha512_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(86, "==")));
const sha512_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(86)));

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/checks.js
// import { $ZodType } from "./schemas.js";



const $ZodCheck = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheck", (inst, def) => {
    var _a;
    inst._zod ?? (inst._zod = {});
    inst._zod.def = def;
    (_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for size-based checks: run only on non-nullish values with a `size`. */
const _whenHasSize = (payload) => {
    const val = payload.value;
    return !util.nullish(val) && val.size !== undefined;
};
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
    const val = payload.value;
    return !core_util/* nullish */.cl(val) && val.length !== undefined;
};
const numericOriginMap = {
    number: "number",
    bigint: "bigint",
    object: "date",
};
const $ZodCheckLessThan = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckLessThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_big",
            maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckGreaterThan = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckGreaterThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_small",
            minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMultipleOf = 
/*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckMultipleOf", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        if (typeof payload.value !== typeof def.value)
            throw new Error("Cannot mix number and bigint in multiple_of check.");
        const isMultiple = typeof payload.value === "bigint"
            ? // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
                def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
            : core_util/* floatSafeRemainder */.LG(payload.value, def.value) === 0;
        if (isMultiple)
            return;
        payload.issues.push({
            origin: typeof payload.value,
            code: "not_multiple_of",
            divisor: def.value,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckNumberFormat = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckNumberFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    def.format = def.format || "float64";
    const isInt = def.format?.includes("int");
    const origin = isInt ? "int" : "number";
    const [minimum, maximum] = core_util/* NUMBER_FORMAT_RANGES */.zH[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
            if (!Number.isInteger(input)) {
                // invalid_format issue
                // payload.issues.push({
                //   expected: def.format,
                //   format: def.format,
                //   code: "invalid_format",
                //   input,
                //   inst,
                // });
                // invalid_type issue
                payload.issues.push({
                    expected: origin,
                    format: def.format,
                    code: "invalid_type",
                    continue: false,
                    input,
                    inst,
                });
                return;
                // not_multiple_of issue
                // payload.issues.push({
                //   code: "not_multiple_of",
                //   origin: "number",
                //   input,
                //   inst,
                //   divisor: 1,
                // });
            }
            if (!Number.isSafeInteger(input)) {
                if (input > 0) {
                    // too_big
                    payload.issues.push({
                        input,
                        code: "too_big",
                        maximum: Number.MAX_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                else {
                    // too_small
                    payload.issues.push({
                        input,
                        code: "too_small",
                        minimum: Number.MIN_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                return;
            }
        }
        if (input < minimum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_small",
                minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCheckBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckBigIntFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    const [minimum, maximum] = util.BIGINT_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (input < minimum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_small",
                minimum: minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
const $ZodCheckMaxSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMaxSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size <= def.maximum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMinSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMinSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size >= def.minimum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckSizeEquals = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckSizeEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size === def.size)
            return;
        const tooBig = size > def.size;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            ...(tooBig ? { code: "too_big", maximum: def.size } : { code: "too_small", minimum: def.size }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMaxLength = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? core_util/* codePointLength */.O7(input) : units;
        if (length <= def.maximum)
            return;
        const origin = core_util/* getLengthableOrigin */.Rc(input);
        payload.issues.push({
            origin,
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMinLength = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckMinLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so fewer units than the floor can never reach it and twice the floor always clears it. Only in between is the exact count in doubt.
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2
            ? core_util/* codePointLength */.O7(input)
            : units;
        if (length >= def.minimum)
            return;
        const origin = core_util/* getLengthableOrigin */.Rc(input);
        payload.issues.push({
            origin,
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLengthEquals = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckLengthEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so outside `[length, length * 2]` units the target is missed either way — and missed in the same direction in both measures.
        const length = typeof input === "string" && units >= def.length && units <= def.length * 2
            ? core_util/* codePointLength */.O7(input)
            : units;
        if (length === def.length)
            return;
        const origin = core_util/* getLengthableOrigin */.Rc(input);
        const tooBig = length > def.length;
        payload.issues.push({
            origin,
            ...(tooBig ? { code: "too_big", maximum: def.length } : { code: "too_small", minimum: def.length }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStringFormat = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckStringFormat", (inst, def) => {
    var _a, _b;
    $ZodCheck.init(inst, def);
    if (def.pattern)
        (_a = inst._zod).check ?? (_a.check = (payload) => {
            def.pattern.lastIndex = 0;
            if (def.pattern.test(payload.value))
                return;
            payload.issues.push({
                origin: "string",
                code: "invalid_format",
                format: def.format,
                input: payload.value,
                ...(def.pattern ? { pattern: def.pattern.toString() } : {}),
                inst,
                continue: !def.abort,
            });
        });
    else
        (_b = inst._zod).check ?? (_b.check = () => { });
});
const $ZodCheckRegex = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckRegex", (inst, def) => {
    $ZodCheckStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        def.pattern.lastIndex = 0;
        if (def.pattern.test(payload.value))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "regex",
            input: payload.value,
            pattern: def.pattern.toString(),
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLowerCase = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckLowerCase", (inst, def) => {
    def.pattern ?? (def.pattern = lowercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckUpperCase = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckUpperCase", (inst, def) => {
    def.pattern ?? (def.pattern = uppercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckIncludes = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckIncludes", (inst, def) => {
    $ZodCheck.init(inst, def);
    const escapedRegex = core_util/* escapeRegex */.sD(def.includes);
    // `String.prototype.includes(sub, position)` matches `sub` at `position`
    // OR LATER, so the pattern must allow at least `position` leading chars
    // (`{N,}`), not exactly `position` chars (`{N}`).
    const pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
    def.pattern = pattern;
    inst._zod.check = (payload) => {
        if (payload.value.includes(def.includes, def.position))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "includes",
            includes: def.includes,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStartsWith = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckStartsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`^${core_util/* escapeRegex */.sD(def.prefix)}.*`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.startsWith(def.prefix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "starts_with",
            prefix: def.prefix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckEndsWith = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckEndsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`.*${core_util/* escapeRegex */.sD(def.suffix)}$`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.endsWith(def.suffix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "ends_with",
            suffix: def.suffix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
///////////////////////////////////
/////    $ZodCheckProperty    /////
///////////////////////////////////
function handleCheckPropertyResult(result, payload, property) {
    if (result.issues.length) {
        payload.issues.push(...core_util/* prefixIssues */.lQ(property, result.issues));
    }
}
const $ZodCheckProperty = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckProperty", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        const result = def.schema._zod.run({
            value: payload.value[def.property],
            issues: [],
        }, {});
        if (result instanceof Promise) {
            return result.then((result) => handleCheckPropertyResult(result, payload, def.property));
        }
        handleCheckPropertyResult(result, payload, def.property);
        return;
    };
})));
const $ZodCheckProperties = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckProperties", (inst, def) => {
    $ZodCheck.init(inst, def);
    core_util/* hide */.jD(inst, Symbol.iterator, function* () {
        yield inst;
    });
    // key and schema snapshotted together: reading one live and the other cached lets a later mutation of the caller's shape object pair a stale key with a missing schema
    let entries;
    inst._zod.check = (payload) => {
        // the base schema already typed the value, so only a nullish one is rejected here: the properties read on a primitive too, matching z.property() on a string's length
        if (payload.value == null) {
            payload.issues.push({ expected: "object", code: "invalid_type", input: payload.value, inst });
            return undefined;
        }
        entries ?? (entries = Reflect.ownKeys(def.shape).map((key) => [key, def.shape[key]]));
        const input = payload.value;
        let proms;
        for (const [key, schema] of entries) {
            const result = schema._zod.run({ value: input[key], issues: [] }, {});
            if (result instanceof Promise) {
                proms ?? (proms = []);
                proms.push(result.then((result) => handleCheckPropertyResult(result, payload, key)));
            }
            else {
                handleCheckPropertyResult(result, payload, key);
            }
        }
        if (proms)
            return Promise.all(proms).then(() => undefined);
        return undefined;
    };
});
const $ZodCheckMimeType = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMimeType", (inst, def) => {
    $ZodCheck.init(inst, def);
    const mimeSet = new Set(def.mime);
    inst._zod.check = (payload) => {
        if (mimeSet.has(payload.value.type))
            return;
        payload.issues.push({
            code: "invalid_value",
            values: def.mime,
            input: payload.value.type,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckOverwrite = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCheckOverwrite", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        payload.value = def.tx(payload.value);
    };
});

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/doc.js
class Doc {
    constructor(args = [], closed = {}) {
        this.content = [];
        this.indent = 0;
        this.args = args;
        this.closed = closed;
    }
    // the compiler catches a child's throw and keeps writing into this doc, so the indent has to unwind with it
    indented(fn) {
        this.indent += 1;
        try {
            fn(this);
        }
        finally {
            this.indent -= 1;
        }
    }
    write(arg) {
        if (typeof arg === "function") {
            arg(this, { execution: "sync" });
            arg(this, { execution: "async" });
            return;
        }
        const content = arg;
        const lines = content.split("\n").filter((x) => x);
        const minIndent = Math.min(...lines.map((x) => x.length - x.trimStart().length));
        const dedented = lines.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
        for (const line of dedented) {
            this.content.push(line);
        }
    }
    compile() {
        const F = Function;
        const content = this?.content ?? [``];
        const factory = new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {\n${content.join("\n")}\n};`);
        return factory(...Object.values(this.closed));
    }
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/versions.js
const version = {
    major: 4,
    minor: 6,
    patch: 7,
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/schemas.js







const $ZodType = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodType", (inst, def) => {
    var _a;
    inst ?? (inst = {});
    inst._zod.def = def; // set _def property
    inst._zod.bag = inst._zod.bag || {}; // initialize _bag object
    inst._zod.version = version;
    const defChecks = inst._zod.def.checks;
    // if inst is itself a checks.$ZodCheck, run it as a check
    const checks = inst._zod.traits.has("$ZodCheck")
        ? [inst, ...(defChecks ?? [])]
        : defChecks?.length
            ? [...defChecks]
            : [];
    for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
            fn(inst);
        }
    }
    if (checks.length === 0) {
        // deferred initializer inst._zod.parse is not yet defined
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred?.push(() => {
            inst._zod.run = inst._zod.parse;
        });
    }
    else {
        const runChecks = (payload, checks, ctx) => {
            if (payload.memo)
                return payload;
            let isAborted = core_util/* aborted */.QH(payload);
            let asyncResult;
            for (const ch of checks) {
                if (ch._zod.def.when) {
                    if (core_util/* explicitlyAborted */.rL(payload))
                        continue;
                    const shouldRun = ch._zod.def.when(payload);
                    if (!shouldRun)
                        continue;
                }
                else if (isAborted) {
                    continue;
                }
                const currLen = payload.issues.length;
                const _ = ch._zod.check(payload);
                if (_ instanceof Promise && ctx?.async === false) {
                    throw new core_core/* $ZodAsyncError */.GT();
                }
                if (asyncResult || _ instanceof Promise) {
                    asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                        await _;
                        const nextLen = payload.issues.length;
                        if (nextLen === currLen)
                            return;
                        core_util/* attachSchema */.d3(payload.issues, currLen, inst);
                        if (!isAborted)
                            isAborted = core_util/* aborted */.QH(payload, currLen);
                    });
                }
                else {
                    const nextLen = payload.issues.length;
                    if (nextLen === currLen)
                        continue;
                    core_util/* attachSchema */.d3(payload.issues, currLen, inst);
                    if (!isAborted)
                        isAborted = core_util/* aborted */.QH(payload, currLen);
                }
            }
            if (asyncResult) {
                return asyncResult.then(() => {
                    return payload;
                });
            }
            return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
            // abort if the canary is aborted
            if (core_util/* aborted */.QH(canary)) {
                canary.aborted = true;
                return canary;
            }
            // run checks first, then
            const checkResult = runChecks(payload, checks, ctx);
            if (checkResult instanceof Promise) {
                if (ctx.async === false)
                    throw new core_core/* $ZodAsyncError */.GT();
                return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
            }
            return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
            if (ctx.skipChecks) {
                return inst._zod.parse(payload, ctx);
            }
            if (ctx.direction === "backward") {
                // run canary initial pass (no checks)
                const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
                if (canary instanceof Promise) {
                    return canary.then((canary) => {
                        return handleCanaryResult(canary, payload, ctx);
                    });
                }
                return handleCanaryResult(canary, payload, ctx);
            }
            // forward
            const result = inst._zod.parse(payload, ctx);
            if (result instanceof Promise) {
                if (ctx.async === false)
                    throw new core_core/* $ZodAsyncError */.GT();
                return result.then((result) => runChecks(result, checks, ctx));
            }
            return runChecks(result, checks, ctx);
        };
    }
}, {
    // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
    get "~standard"() {
        return core_util/* hide */.jD(this, "~standard", standardProps(this));
    },
    set "~standard"(value) {
        core_util/* own */.qh(this, "~standard", value);
    },
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
// a Standard Schema result only reports issues, so a failure finalizes them straight off the raw payload: no ZodError, and no lazy result to read through
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())) } : { value: r.value };
async function validateAsync(inst, value) {
    const ctx = { async: true };
    return toStandardResult((await inst._zod.run({ value, issues: [] }, ctx)), ctx);
}
function standardProps(inst) {
    return {
        validate: (value) => {
            const ctx = { async: false };
            try {
                const r = inst._zod.run({ value, issues: [] }, ctx);
                if (!(r instanceof Promise))
                    return toStandardResult(r, ctx);
            }
            catch (_) { }
            // async function so a synchronously throwing check rejects instead of escaping validate
            return validateAsync(inst, value);
        },
        vendor: "zod",
        version: 1,
    };
}

const $ZodString = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodString", (inst, def) => {
    $ZodType.init(inst, def);
    // a format's own pattern, else unbounded; a template literal derives the check-aware form itself
    inst._zod.pattern = def.pattern ?? anyString;
    inst._zod.parse = (payload, _) => {
        if (def.coerce)
            try {
                payload.value = String(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "string")
            return payload;
        payload.issues.push({
            expected: "string",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodStringFormat = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodStringFormat", (inst, def) => {
    // check initialization must come first
    $ZodCheckStringFormat.init(inst, def);
    $ZodString.init(inst, def);
});
const $ZodGUID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodGUID", (inst, def) => {
    def.pattern ?? (def.pattern = guid);
    $ZodStringFormat.init(inst, def);
});
const $ZodUUID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodUUID", (inst, def) => {
    if (def.version) {
        const versionMap = {
            v1: 1,
            v2: 2,
            v3: 3,
            v4: 4,
            v5: 5,
            v6: 6,
            v7: 7,
            v8: 8,
        };
        const v = versionMap[def.version];
        if (v === undefined)
            throw new Error(`Invalid UUID version: "${def.version}"`);
        def.pattern ?? (def.pattern = uuid(v));
    }
    else
        def.pattern ?? (def.pattern = uuid());
    $ZodStringFormat.init(inst, def);
});
const $ZodEmail = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodEmail", (inst, def) => {
    def.pattern ?? (def.pattern = email);
    $ZodStringFormat.init(inst, def);
});
/** The `://` guard rejected the input before the URL constructor saw it. */
const URL_BAD_FORMAT = 1;
/** The URL parser rejected the input. */
const URL_UNPARSEABLE = 2;
function canParseURL(input) {
    try {
        if (typeof URL !== "undefined" && typeof URL.canParse === "function")
            return URL.canParse(input);
        new URL(input);
        return true;
    }
    catch {
        return false;
    }
}
function validateURL(trimmed, def) {
    if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
        return canParseURL(trimmed) || URL_UNPARSEABLE;
    }
    return parseURLObject(trimmed, def);
}
/** Parses a URL while preserving the non-normalizing HTTP guard. */
function parseURLObject(trimmed, def) {
    // When normalize is off, require :// for http/https URLs. This prevents strings like "http:example.com" or "https:/path" from being silently accepted
    if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
        return URL_BAD_FORMAT;
    }
    try {
        if (typeof URL !== "undefined") {
            const URLStatic = URL;
            if (typeof URLStatic.parse === "function")
                return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
        }
        // @ts-ignore
        return new URL(trimmed);
    }
    catch {
        return URL_UNPARSEABLE;
    }
}
const asciiTabOrNewline = /[\t\n\r]/g;
/** The URL parser deletes every ASCII tab, LF and CR from its input before it parses, so `new URL("https://exa\nmple.com")` reports on `example.com`. Applying the same deletion to the returned value closes the half of that divergence which can move the host; the parser's other rewrite, stripping C0 controls at the edges, cannot. */
function stripTabAndNewline(value) {
    return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url, hostname) {
    hostname.lastIndex = 0;
    return hostname.test(url.hostname);
}
function urlProtocolOk(url, protocol) {
    protocol.lastIndex = 0;
    return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
const $ZodURL = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodURL", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        try {
            // Trim whitespace from input
            const trimmed = payload.value.trim();
            const url = validateURL(trimmed, def);
            if (url === URL_BAD_FORMAT) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid URL format",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === URL_UNPARSEABLE) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === true) {
                payload.value = stripTabAndNewline(trimmed);
                return;
            }
            if (def.hostname && !urlHostnameOk(url, def.hostname)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid hostname",
                    pattern: def.hostname.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            if (def.protocol && !urlProtocolOk(url, def.protocol)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid protocol",
                    pattern: def.protocol.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            // Set the output value based on normalize flag
            payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
            return;
        }
        catch (_) {
            payload.issues.push({
                code: "invalid_format",
                format: "url",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodEmoji = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodEmoji", (inst, def) => {
    def.pattern ?? (def.pattern = emoji());
    $ZodStringFormat.init(inst, def);
});
const $ZodNanoID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNanoID", (inst, def) => {
    if (def.length !== undefined && (!Number.isInteger(def.length) || def.length < 1))
        throw new Error(`Invalid nanoid length: ${def.length}`);
    def.pattern ?? (def.pattern = def.length === undefined ? nanoid : nanoidOfLength(def.length));
    $ZodStringFormat.init(inst, def);
});
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const $ZodCUID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCUID", (inst, def) => {
    def.pattern ?? (def.pattern = cuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodCUID2 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCUID2", (inst, def) => {
    def.pattern ?? (def.pattern = cuid2);
    $ZodStringFormat.init(inst, def);
});
const $ZodULID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodULID", (inst, def) => {
    def.pattern ?? (def.pattern = ulid);
    $ZodStringFormat.init(inst, def);
});
const $ZodXID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodXID", (inst, def) => {
    def.pattern ?? (def.pattern = xid);
    $ZodStringFormat.init(inst, def);
});
const $ZodKSUID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodKSUID", (inst, def) => {
    def.pattern ?? (def.pattern = ksuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodISODateTime = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodISODateTime", (inst, def) => {
    def.pattern ?? (def.pattern = datetime(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODate = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodISODate", (inst, def) => {
    def.pattern ?? (def.pattern = date);
    $ZodStringFormat.init(inst, def);
});
const $ZodISOTime = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodISOTime", (inst, def) => {
    def.pattern ?? (def.pattern = time(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODuration = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodISODuration", (inst, def) => {
    def.pattern ?? (def.pattern = duration);
    $ZodStringFormat.init(inst, def);
});
const $ZodIPv4 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodIPv4", (inst, def) => {
    def.pattern ?? (def.pattern = ipv4);
    $ZodStringFormat.init(inst, def);
});
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
    if (!ipv6Alphabet.test(value))
        return false;
    return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodIPv6", (inst, def) => {
    def.pattern ?? (def.pattern = ipv6);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidIPv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "ipv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMAC", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.mac(def.delimiter));
    $ZodStringFormat.init(inst, def);
})));
const $ZodCIDRv4 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCIDRv4", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv4);
    $ZodStringFormat.init(inst, def);
});
function isValidCIDRv6(value) {
    const parts = value.split("/");
    if (parts.length !== 2)
        return false;
    const [address, prefix] = parts;
    if (!prefix)
        return false;
    const prefixNum = Number(prefix);
    if (`${prefixNum}` !== prefix)
        return false;
    if (prefixNum < 0 || prefixNum > 128)
        return false;
    return isValidIPv6(address);
}
const $ZodCIDRv6 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCIDRv6", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv6); // not used for validation
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidCIDRv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "cidrv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
//////////////////////////////   ZodBase64   //////////////////////////////
function isValidBase64(data) {
    if (data === "")
        return true;
    // atob ignores whitespace, so reject it up front.
    if (/\s/.test(data))
        return false;
    if (data.length % 4 !== 0)
        return false;
    try {
        // @ts-ignore
        atob(data);
        return true;
    }
    catch {
        return false;
    }
}
// lax on purpose: the quantified regexes.base64 overflows the regex stack on multi-MB input and its leading ^$| alternation leaks through template-literal composition; isValidBase64 enforces length and padding
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const $ZodBase64 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodBase64", (inst, def) => {
    def.pattern ?? (def.pattern = base64Charset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
//////////////////////////////   ZodBase64URL   //////////////////////////////
// lax on purpose: the quantified regexes.base64url overflows the regex stack on multi-MB input; isValidBase64 enforces length on the padded string
const base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
    if (!base64urlCharset.test(data))
        return false;
    const base64 = data.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
    const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, "=");
    return isValidBase64(padded);
}
const $ZodBase64URL = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodBase64URL", (inst, def) => {
    def.pattern ?? (def.pattern = base64urlCharset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64URL(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64url",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodE164 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodE164", (inst, def) => {
    def.pattern ?? (def.pattern = e164);
    $ZodStringFormat.init(inst, def);
});
//////////////////////////////   ZodCreditCard   //////////////////////////////
const CC_SANITIZE = /[- ]/g;
/** Luhn checksum on a digit-only string. Adapted from valibot (MIT). */
function isLuhnAlgo(digits) {
    let length = digits.length;
    let bit = 1;
    let sum = 0;
    while (length) {
        const value = digits.charCodeAt(--length) - 48;
        bit ^= 1;
        sum += bit ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][value] : value;
    }
    return sum % 10 === 0;
}
function isValidCreditCard(input) {
    if (!regexes.creditCard.test(input))
        return false;
    return isLuhnAlgo(input.replace(CC_SANITIZE, ""));
}
const $ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCreditCard", (inst, def) => {
    // Shape only — the Luhn check below is not expressible as a pattern, so consumers of `pattern` (JSON Schema, template literals) get the length and separator rules alone.
    def.pattern ?? (def.pattern = regexes.creditCard);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidCreditCard(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "credit_card",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodIBAN   //////////////////////////////
// iso 7064 mod 97-10 checksum without BigInt
function isIso7064Mod97(iban) {
    let remainder = 0;
    const len = iban.length;
    for (let i = 4; i < len; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    for (let i = 0; i < 4; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    return remainder === 1;
}
function isValidIBAN(input) {
    if (!regexes.iban.test(input))
        return false;
    return isIso7064Mod97(input);
}
const $ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIBAN", (inst, def) => {
    // shape only — checksum is not expressible as a pattern
    def.pattern ?? (def.pattern = regexes.iban);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidIBAN(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "iban",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodJWT   //////////////////////////////
function isValidJWT(token, algorithm = null) {
    try {
        const tokensParts = token.split(".");
        if (tokensParts.length !== 3)
            return false;
        const [header] = tokensParts;
        if (!header)
            return false;
        // @ts-ignore
        const parsedHeader = JSON.parse(atob(header));
        if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT")
            return false;
        if (!parsedHeader.alg)
            return false;
        if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm))
            return false;
        return true;
    }
    catch {
        return false;
    }
}
const $ZodJWT = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodJWT", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidJWT(payload.value, def.alg))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "jwt",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCustomStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (def.fn(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: def.format,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodNumber = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNumber", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = number;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Number(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
            return payload;
        }
        const received = typeof input === "number"
            ? Number.isNaN(input)
                ? "NaN"
                : !Number.isFinite(input)
                    ? String(input)
                    : undefined
            : undefined;
        payload.issues.push({
            expected: "number",
            code: "invalid_type",
            input,
            inst,
            ...(received ? { received } : {}),
        });
        return payload;
    };
});
const $ZodNumberFormat = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNumberFormat", (inst, def) => {
    $ZodCheckNumberFormat.init(inst, def);
    $ZodNumber.init(inst, def); // no format checks
});
const $ZodBoolean = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBoolean", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.boolean;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Boolean(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "boolean")
            return payload;
        payload.issues.push({
            expected: "boolean",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodBigInt = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodBigInt", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = bigint;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = BigInt(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "bigint")
            return payload;
        payload.issues.push({
            expected: "bigint",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBigIntFormat", (inst, def) => {
    checks.$ZodCheckBigIntFormat.init(inst, def);
    $ZodBigInt.init(inst, def); // no format checks
})));
const $ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSymbol", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "symbol")
            return payload;
        payload.issues.push({
            expected: "symbol",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodUndefined", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.undefined;
    inst._zod.values = new Set([undefined]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "undefined",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNull", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.null;
    inst._zod.values = new Set([null]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (input === null)
            return payload;
        payload.issues.push({
            expected: "null",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodAny", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
})));
const $ZodUnknown = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodUnknown", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNever", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        payload.issues.push({
            expected: "never",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodVoid", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "void",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodDate = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodDate", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce) {
            try {
                payload.value = new Date(payload.value);
            }
            catch (_err) { }
        }
        const input = payload.value;
        const isDate = input instanceof Date;
        const isValidDate = isDate && !Number.isNaN(input.getTime());
        if (isValidDate)
            return payload;
        payload.issues.push({
            expected: "date",
            code: "invalid_type",
            input,
            ...(isDate ? { received: "Invalid Date" } : {}),
            inst,
        });
        return payload;
    };
});
// an oversized container fails its leading size checks before any element is parsed
function capSize(inst, size) {
    const caps = core_util/* sizeCaps */.hi(inst._zod.def.checks);
    if (!caps.length)
        return;
    const cap = Math.min(...caps.map((c) => c[0]));
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, ctx) => {
        const n = size(payload.value);
        if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
            for (const [max, ch] of core_util/* sizeCaps */.hi(inst._zod.def.checks)) {
                if (n > max && ch._zod.def.when(payload)) {
                    const start = payload.issues.length;
                    ch._zod.check(payload);
                    // the value is still the raw input, so no later check may read it
                    payload.issues[start].continue = false;
                    core_util/* attachSchema */.d3(payload.issues, start, inst);
                    return payload;
                }
            }
        }
        return parse(payload, ctx);
    };
}
const arraySize = (input) => (Array.isArray(input) ? input.length : -1);
const mapSize = (input) => (input instanceof Map ? input.size : -1);
const setSize = (input) => (input instanceof Set ? input.size : -1);
function handleArrayResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...core_util/* prefixIssues */.lQ(index, result.issues));
    }
    final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodArray", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core_core/* globalConfig */.cr.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                expected: "array",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
        const proms = [];
        const abortEarly = ctx?.abortEarly;
        for (let i = 0; i < input.length; i++) {
            const item = input[i];
            const result = def.element._zod.run({
                value: item,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleArrayResult(result, payload, i)));
            }
            else {
                handleArrayResult(result, payload, i);
                // the element's payload is authoritative here, since handleArrayResult forwards every issue; an object's is not, because it drops a failed absent optional
                if (abortEarly && result.issues.length !== 0 && core_util/* aborted */.QH(result))
                    break;
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload; //handleArrayResultsAsync(parseResults, final);
    };
    capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
    const isPresent = key in input;
    const isOptionalOut = optout === "optional";
    // The middle rung means "absence permitted, nothing supplied in its place", so an absent key contributes nothing — whatever the schema made of `undefined` is invented, not substituted. Only `optional` reaches this with a value: `defaulted` substitutes, and a schema that isn't optional-out has to keep the key.
    if (!isPresent && isOptionalOut && optin === "optional") {
        return;
    }
    if (result.issues.length) {
        // For optional-in/out schemas, ignore errors on absent keys.
        if (optin !== undefined && isOptionalOut && !isPresent) {
            return;
        }
        final.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
    }
    if (!isPresent && optin === undefined) {
        if (!result.issues.length) {
            final.issues.push({
                code: "invalid_type",
                expected: "nonoptional",
                input: undefined,
                path: [key],
            });
        }
        return;
    }
    if (result.value === undefined) {
        if (isPresent || (optin === "defaulted" && !isOptionalOut)) {
            final.value[key] = undefined;
        }
    }
    else {
        final.value[key] = result.value;
    }
}
// one shared instance; a fresh [] per schema cost 56 bytes retained
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
    const keys = Object.keys(def.shape);
    const ownSymbols = Object.getOwnPropertySymbols(def.shape);
    const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
    // aliases `keys` when there are no symbols, so a string-only shape keeps one array
    const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
    for (const k of allKeys) {
        if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
            throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
        }
    }
    const okeys = core_util/* optionalKeys */.NM(def.shape);
    return {
        ...def,
        allKeys,
        symbolKeys,
        // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
        keySet: new Set(keys),
        numKeys: keys.length,
        optionalKeys: new Set(okeys),
    };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
    const unrecognized = [];
    const keySet = def.keySet;
    const _catchall = def.catchall._zod;
    const t = _catchall.def.type;
    const optin = _catchall.optin;
    const optout = _catchall.optout;
    // starts at 0, not the current length: the shape phase already ran and may have aborted
    let seen = 0;
    for (const key in input) {
        if (abortEarly && payload.issues.length !== seen) {
            if (core_util/* aborted */.QH(payload, seen))
                break;
            seen = payload.issues.length;
        }
        // Must precede the __proto__ branch: a declared key is not unrecognized, even though the shape loop deliberately strips __proto__ from the parsed output.
        if (keySet.has(key))
            continue;
        // Don't copy an undeclared __proto__ into the result; assignment to a plain {} would replace the result prototype. But in strict mode it is still an unknown key, so report it before skipping.
        if (key === "__proto__") {
            if (t === "never")
                unrecognized.push(key);
            continue;
        }
        if (t === "never") {
            unrecognized.push(key);
            continue;
        }
        const r = _catchall.run({ value: input[key], issues: [] }, ctx);
        if (r instanceof Promise) {
            proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
        }
        else {
            handlePropertyResult(r, payload, key, input, optin, optout);
        }
    }
    if (unrecognized.length) {
        payload.issues.push({
            code: "unrecognized_keys",
            keys: unrecognized,
            input,
            inst,
            // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
            continue: true,
        });
    }
    if (!proms.length)
        return payload;
    return Promise.all(proms).then(() => {
        return payload;
    });
}
const $ZodObject = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodObject", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodType.init(inst, def);
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    // a cloned def carries its source's accessor, which knows the shape it answers from; adopting that keeps the clone's keys readable without running it
    const sh = desc?.get ? desc.get.raw : (def.shape ?? {});
    if (sh) {
        // Freezes the shape on first read, so its getters resolve once and every later read sees the same schemas.
        const get = () => {
            const newSh = { ...sh };
            Object.defineProperty(def, "shape", { value: newSh });
            get.raw = newSh;
            return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
    }
    const _normalized = core_util/* cached */.PO(() => normalizeDef(def));
    core_util/* defineLazyInternal */.v5(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
            const field = shape[key]._zod;
            if (field.values) {
                if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
                    core_util/* assignProp */.Vy(propValues, key, new Set());
                }
                for (const v of field.values)
                    propValues[key].add(v);
                // An omittable slot reads back as undefined at a discriminator lookup, so it has to claim undefined: two options that can both omit the key are not discriminable on it.
                if (field.optin !== undefined)
                    propValues[key].add(undefined);
            }
        }
        return propValues;
    });
    const isObject = core_util/* isObject */.Gv;
    const catchall = def.catchall;
    let value;
    const memo = core_core/* globalConfig */.cr.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
            if (abortEarly && payload.issues.length !== seen) {
                if (core_util/* aborted */.QH(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            if (key === "__proto__")
                continue;
            const el = shape[key];
            const optin = el._zod.optin;
            const optout = el._zod.optout;
            const r = el._zod.run({ value: input[key], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
            }
            else {
                handlePropertyResult(r, payload, key, input, optin, optout);
            }
        }
        if (!catchall) {
            return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
    };
});
const $ZodObjectJIT = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodObjectJIT", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodObject.init(inst, def);
    const superParse = inst._zod.parse;
    const _normalized = core_util/* cached */.PO(() => normalizeDef(def));
    const memo = core_core/* globalConfig */.cr.memoizer;
    const generateFastpass = (shape) => {
        const normalized = _normalized.value;
        const syms = normalized.symbolKeys;
        // a symbol has no source literal, so it is read as `syms[i]` off the closed-over scope
        const doc = new Doc(["payload", "ctx"], { shape, inst, memo, syms });
        const parseStr = (k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`;
        // prefixes in place, like util.prefixIssues. newResult must land before the early return: a catchall runs after this and would otherwise write onto the caller's input
        const prefixStr = (id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`;
        doc.write(`const input = payload.value;`);
        const ids = Object.create(null);
        let counter = 0;
        for (const key of normalized.allKeys) {
            ids[key] = `key_${counter++}`;
        }
        // A: preserve key order {
        doc.write(memo ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
        for (const key of normalized.allKeys) {
            if (key === "__proto__")
                continue;
            const id = ids[key];
            const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : core_util/* esc */.UQ(key);
            const isPresent = `${k} in input`;
            const schema = shape[key];
            const optin = schema?._zod?.optin;
            const isOptionalIn = optin !== undefined;
            const isOptionalOut = schema?._zod?.optout === "optional";
            doc.write(`const ${id} = ${parseStr(k)};`);
            if (isOptionalIn && isOptionalOut) {
                // For optional-in/out schemas, ignore errors on absent keys — and, like the interpreted path, drop the value produced alongside them. The middle rung goes further: it permits absence without supplying anything in its place, so an absent key contributes nothing at all.
                const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
                doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
            }
            else if (!isOptionalIn) {
                doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
            }
            else {
                doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
                if (optin === "defaulted") {
                    doc.write(`newResult[${k}] = ${id}.value;`);
                }
                else {
                    doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
                }
            }
        }
        doc.write(`payload.value = newResult;`);
        doc.write(`return payload;`);
        // closing `shape` in is what pays: turbofan specializes the parser against that one shape object, so every `shape[k]._zod.run` folds to a known callee. as a parameter it stays a generic load and measures 13% slower even with the forwarding frame gone
        return doc.compile();
    };
    let fastpass;
    const isObject = core_util/* isObject */.Gv;
    const jit = !core_core/* globalConfig */.cr.jitless;
    const allowsEval = core_util/* allowsEval */.hI;
    const fastEnabled = jit && allowsEval.value; // && !def.catchall;
    const catchall = def.catchall;
    let value;
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
            // always synchronous
            if (!fastpass)
                fastpass = generateFastpass(def.shape);
            payload = fastpass(payload, ctx);
            if (!catchall)
                return payload;
            return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
        }
        return superParse(payload, ctx);
    };
});
function handleUnionResults(results, final, inst, ctx) {
    for (const result of results) {
        if (result.issues.length === 0) {
            final.value = result.value;
            return final;
        }
    }
    const nonaborted = results.filter((r) => !core_util/* aborted */.QH(r));
    if (nonaborted.length === 1) {
        final.value = nonaborted[0].value;
        return nonaborted[0];
    }
    final.issues.push({
        code: "invalid_union",
        input: final.value,
        inst,
        errors: results.map((result) => result.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W()))),
    });
    return final;
}
const $ZodUnion = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodUnion", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted")
        ? "defaulted"
        : zod.def.options.some((o) => o._zod.optin !== undefined)
            ? "optional"
            : undefined);
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : undefined);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => {
        if (zod.def.options.every((o) => o._zod.values)) {
            return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
        }
        return undefined;
    });
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        if (zod.def.options.every((o) => o._zod.pattern)) {
            const patterns = zod.def.options.map((o) => o._zod.pattern);
            return new RegExp(`^(${patterns.map((p) => core_util/* cleanRegex */.p6(p.source)).join("|")})$`);
        }
        return undefined;
    });
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                if (result.issues.length === 0)
                    return result;
                results.push(result);
            }
        }
        if (!async)
            return handleUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleUnionResults(results, payload, inst, ctx);
        });
    };
});
function handleExclusiveUnionResults(results, final, inst, ctx) {
    const matches = [];
    for (let i = 0; i < results.length; i++) {
        if (results[i].issues.length === 0)
            matches.push(i);
    }
    if (matches.length === 1) {
        final.value = results[matches[0]].value;
        return final;
    }
    if (matches.length === 0) {
        // No matches - same as regular union
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: results.map((result) => result.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config()))),
        });
    }
    else {
        // Multiple matches - exclusive union failure
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: [],
            inclusive: false,
            matches,
        });
    }
    return final;
}
const $ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodXor", (inst, def) => {
    $ZodUnion.init(inst, def);
    def.inclusive = false;
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                results.push(result);
            }
        }
        if (!async)
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        });
    };
})));
/** Returns the option whose discriminator claims `value`, or throws if ambiguous. */
function getDiscriminatedOption(union, value) {
    const internals = union._zod;
    let map = internals.bag.optionsMap;
    if (!map) {
        map = discriminatorMap(internals.def);
        internals.bag.optionsMap = map;
    }
    const option = map.get(value);
    if (option === null)
        throw new Error(`Ambiguous discriminator value "${String(value)}"`);
    return option;
}
function discriminatorMap(def) {
    const map = new Map();
    for (const option of def.options) {
        const values = option._zod.propValues?.[def.discriminator];
        if (!values || values.size === 0)
            throw new Error(`Invalid discriminated union option at index "${def.options.indexOf(option)}"`);
        for (const value of values) {
            if (map.has(value)) {
                if (value !== undefined)
                    throw new Error(`Duplicate discriminator value "${String(value)}"`);
                // keep the collision marked so a later member cannot reclaim it
                map.set(value, null);
            }
            else {
                map.set(value, option);
            }
        }
    }
    return map;
}
const $ZodDiscriminatedUnion = 
/*@__PURE__*/
core_core/* $constructor */.xI("$ZodDiscriminatedUnion", (inst, def) => {
    def.inclusive = false;
    $ZodUnion.init(inst, def);
    const _super = inst._zod.parse;
    core_util/* defineLazyInternal */.v5(inst, "propValues", (zod) => {
        const propValues = {};
        let undefinedCount = 0;
        for (const option of zod.def.options) {
            const pv = option._zod.propValues;
            if (!pv || Object.keys(pv).length === 0)
                throw new Error(`Invalid discriminated union option at index "${zod.def.options.indexOf(option)}"`);
            if (pv[zod.def.discriminator]?.has(undefined))
                undefinedCount++;
            for (const [k, v] of Object.entries(pv)) {
                if (!Object.prototype.hasOwnProperty.call(propValues, k)) {
                    core_util/* assignProp */.Vy(propValues, k, new Set());
                }
                for (const val of v) {
                    propValues[k].add(val);
                }
            }
        }
        if (!zod.def.unionFallback && undefinedCount > 1)
            propValues[zod.def.discriminator]?.delete(undefined);
        return propValues;
    });
    // Checked now rather than in the lookup map below, so an option that lacks the discriminator fails at the `discriminatedUnion` call instead of on the first object parsed. Options whose shape cannot be enumerated without resolving it — pipes and lazies — are left to the map.
    def.options.forEach((option, i) => {
        const propShape = core_util/* rawShape */.MO(option._zod.def);
        if (propShape && !Object.prototype.hasOwnProperty.call(propShape, def.discriminator)) {
            throw new Error(`Invalid discriminated union option at index "${i}"`);
        }
    });
    const disc = core_util/* cached */.PO(() => discriminatorMap(def));
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!core_util/* isObject */.Gv(input)) {
            payload.issues.push({
                code: "invalid_type",
                expected: "object",
                input,
                inst,
            });
            return payload;
        }
        const value = input?.[def.discriminator];
        const opt = disc.value.get(value);
        // forward metadata cannot choose an encoder for an absent tag
        if (opt && (value !== undefined || ctx.direction !== "backward")) {
            return opt._zod.run(payload, ctx);
        }
        // Fall back to union matching when the fast discriminator path fails:
        // - explicitly enabled via unionFallback, or
        // - during backward direction (encode), since codec-based discriminators have different values in forward vs backward directions
        if (def.unionFallback || ctx.direction === "backward") {
            return _super(payload, ctx);
        }
        // no matching discriminator
        payload.issues.push({
            code: "invalid_union",
            errors: [],
            note: "No matching discriminator",
            discriminator: def.discriminator,
            options: Array.from(disc.value.keys()).filter((value) => disc.value.get(value) !== null),
            input,
            path: [def.discriminator],
            inst,
        });
        return payload;
    };
});
const $ZodIntersection = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodIntersection", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        const left = def.left._zod.run({ value: input, issues: [] }, ctx);
        const right = def.right._zod.run({ value: input, issues: [] }, ctx);
        const async = left instanceof Promise || right instanceof Promise;
        if (async) {
            return Promise.all([left, right]).then(([left, right]) => {
                return handleIntersectionResults(payload, left, right);
            });
        }
        return handleIntersectionResults(payload, left, right);
    };
});
function mergeValues(a, b) {
    // const aType = parse.t(a);
    // const bType = parse.t(b);
    if (a === b) {
        return { valid: true, data: a };
    }
    if (a instanceof Date && b instanceof Date && +a === +b) {
        return { valid: true, data: a };
    }
    if (core_util/* isPlainObject */.Qd(a) && core_util/* isPlainObject */.Qd(b)) {
        const bKeys = Object.keys(b);
        const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
        const newObj = { ...a, ...b };
        if (Object.prototype.hasOwnProperty.call(newObj, "__proto__"))
            delete newObj.__proto__;
        for (const key of sharedKeys) {
            if (key === "__proto__")
                continue;
            const sharedValue = mergeValues(a[key], b[key]);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [key, ...sharedValue.mergeErrorPath],
                };
            }
            newObj[key] = sharedValue.data;
        }
        return { valid: true, data: newObj };
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) {
            return { valid: false, mergeErrorPath: [] };
        }
        const newArray = [];
        for (let index = 0; index < a.length; index++) {
            const itemA = a[index];
            const itemB = b[index];
            const sharedValue = mergeValues(itemA, itemB);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [index, ...sharedValue.mergeErrorPath],
                };
            }
            newArray.push(sharedValue.data);
        }
        return { valid: true, data: newArray };
    }
    return { valid: false, mergeErrorPath: [] };
}
function handleIntersectionResults(result, left, right) {
    // Track which side(s) reject each key. A key rejection is reported only when BOTH sides reject it, so a key owned by one branch survives the other's key schema. strictObject reports these as unrecognized_keys; a record with an open key schema reports one invalid_key per key.
    const unrecKeys = new Map();
    let unrecIssue;
    const keyIssues = new Map();
    const collect = (iss, side) => {
        let keys;
        if (iss.code === "unrecognized_keys" && !iss.path?.length) {
            unrecIssue ?? (unrecIssue = iss);
            keys = iss.keys;
        }
        else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
            const k = String(iss.path[0]);
            if (!keyIssues.has(k))
                keyIssues.set(k, iss);
            keys = [k];
        }
        else {
            return false;
        }
        for (const k of keys) {
            if (!unrecKeys.has(k))
                unrecKeys.set(k, {});
            unrecKeys.get(k)[side] = true;
        }
        return true;
    };
    for (const iss of left.issues) {
        if (!collect(iss, "l"))
            result.issues.push(iss);
    }
    for (const iss of right.issues) {
        if (!collect(iss, "r"))
            result.issues.push(iss);
    }
    // Report only keys rejected by BOTH sides
    const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
    if (bothKeys.length) {
        const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
        if (aggregated.length)
            result.issues.push({ ...unrecIssue, keys: aggregated });
        for (const k of bothKeys) {
            if (!aggregated.includes(k) && keyIssues.has(k))
                result.issues.push(keyIssues.get(k));
        }
    }
    const merged = mergeValues(left.value, right.value);
    if (!merged.valid) {
        if (core_util/* aborted */.QH(result))
            return result;
        throw new Error(`Unmergable intersection. Error path: ` + `${JSON.stringify(merged.mergeErrorPath)}`);
    }
    result.value = merged.data;
    return result;
}
const $ZodTuple = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodTuple", (inst, def) => {
    $ZodType.init(inst, def);
    const items = def.items;
    const memo = core_core/* globalConfig */.cr.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                input,
                inst,
                expected: "tuple",
                code: "invalid_type",
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, [], ctx) : [];
        const proms = [];
        const optinStart = getTupleOptStart(items, "optin");
        const optoutStart = getTupleOptStart(items, "optout");
        if (!def.rest) {
            if (input.length < optinStart) {
                payload.issues.push({
                    code: "too_small",
                    minimum: optinStart,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
                return payload;
            }
            if (input.length > items.length) {
                payload.issues.push({
                    code: "too_big",
                    maximum: items.length,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
            }
        }
        // Run every item in parallel, collecting results into an indexed array. The post-processing in `handleTupleResults` walks them in order so it can decide whether an absent optional-output error can truncate the tail or must be reported to preserve required output.
        const itemResults = new Array(items.length);
        // only tracked when there is a rest loop to skip
        const abortEarly = def.rest ? ctx?.abortEarly : undefined;
        let itemAborted = false;
        for (let i = 0; i < items.length; i++) {
            const r = items[i]._zod.run({ value: input[i], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((rr) => {
                    itemResults[i] = rr;
                }));
            }
            else {
                itemResults[i] = r;
                if (abortEarly && !itemAborted && r.issues.length)
                    itemAborted = core_util/* aborted */.QH(r);
            }
        }
        // sound because rest is non-empty exactly when every fixed index is present, the one case handleTupleResults cannot discard an item's issues
        if (def.rest && !itemAborted) {
            let i = items.length - 1;
            const rest = input.slice(items.length);
            let seen = payload.issues.length;
            for (const el of rest) {
                if (abortEarly && payload.issues.length !== seen) {
                    if (core_util/* aborted */.QH(payload, seen))
                        break;
                    seen = payload.issues.length;
                }
                i++;
                const result = def.rest._zod.run({ value: el, issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((r) => handleTupleResult(r, payload, i)));
                }
                else {
                    handleTupleResult(result, payload, i);
                }
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => handleTupleResults(itemResults, payload, items, input, optoutStart));
        }
        return handleTupleResults(itemResults, payload, items, input, optoutStart);
    };
});
function getTupleOptStart(items, key) {
    for (let i = items.length - 1; i >= 0; i--) {
        // optin is a three-rung ladder so any rung above `undefined` permits an absent slot; optout stays two-valued.
        const omittable = key === "optin" ? items[i]._zod.optin !== undefined : items[i]._zod.optout === "optional";
        if (!omittable)
            return i + 1;
    }
    return 0;
}
function handleTupleResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...core_util/* prefixIssues */.lQ(index, result.issues));
    }
    final.value[index] = result.value;
}
function handleTupleResults(itemResults, final, items, input, optoutStart) {
    // Walk results in order. Mirror $ZodObject's swallow-on-absent-optional rule, but only after `optoutStart`: the first index where the output tuple tail can be absent.
    for (let i = 0; i < items.length; i++) {
        const r = itemResults[i];
        const isPresent = i < input.length;
        // The array analog of `handlePropertyResult`'s absent-key early return: the middle rung permits absence without supplying anything in its place, so the tail truncates here instead of materializing whatever the item made of `undefined`.
        if (!isPresent && i >= optoutStart && items[i]._zod.optin === "optional") {
            final.value.length = i;
            break;
        }
        if (r.issues.length) {
            if (!isPresent && i >= optoutStart) {
                final.value.length = i;
                break;
            }
            final.issues.push(...core_util/* prefixIssues */.lQ(i, r.issues));
        }
        final.value[i] = r.value;
    }
    // Drop trailing slots that produced `undefined` for absent input
    // (the array analog of an absent optional key on an object). The
    // `i >= input.length` floor is critical: an explicit `undefined`
    // *inside* the input must be preserved even when the schema is
    // optional-out (e.g. `z.string().or(z.undefined())` accepting an
    // explicit undefined value).
    for (let i = final.value.length - 1; i >= input.length; i--) {
        if (items[i]._zod.optout === "optional" && final.value[i] === undefined) {
            final.value.length = i;
        }
        else {
            break;
        }
    }
    return final;
}
const $ZodRecord = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodRecord", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core_core/* globalConfig */.cr.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!core_util/* isPlainObject */.Qd(input)) {
            payload.issues.push({
                expected: "record",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        // no guard in either loop below: a record's invalid_key aborts but an enclosing intersection can reconcile it, so a stopped loop hides keys the sibling does not own and the intersection then rejects nothing
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            const recordKeys = new Set();
            for (const key of values) {
                if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
                    recordKeys.add(typeof key === "number" ? key.toString() : key);
                    // A declared __proto__ is stripped but is not an unrecognized key.
                    if (key === "__proto__")
                        continue;
                    const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                    if (keyResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (keyResult.issues.length) {
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())),
                            input: key,
                            path: [key],
                            inst,
                        });
                        continue;
                    }
                    const outKey = keyResult.value;
                    if (outKey === "__proto__")
                        continue;
                    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                    if (result instanceof Promise) {
                        proms.push(result.then((result) => {
                            if (result.issues.length) {
                                payload.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
                            }
                            payload.value[outKey] = result.value;
                        }));
                    }
                    else {
                        if (result.issues.length) {
                            payload.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }
                }
            }
            let unrecognized;
            for (const key in input) {
                if (!recordKeys.has(key)) {
                    if (def.mode === "loose") {
                        // skip __proto__ so it can't replace the result prototype via the assignment setter on the plain {} we build into
                        if (key === "__proto__")
                            continue;
                        payload.value[key] = input[key];
                    }
                    else {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        else {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            // An enumerable key schema declares which keys the record owns, so a key outside the set is unrecognized. A non-enumerable one (regex, refine) is a constraint every key must satisfy, so a failing key is invalid. Only the former is reconcilable against the other side of an intersection.
            let unrecognized;
            // Reflect.ownKeys for Symbol-key support; filter non-enumerable to match z.object()
            for (const key of Reflect.ownKeys(input)) {
                if (key === "__proto__")
                    continue;
                if (!Object.prototype.propertyIsEnumerable.call(input, key))
                    continue;
                let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                if (keyResult instanceof Promise) {
                    throw new Error("Async schemas not supported in object keys currently");
                }
                // Numeric string fallback: if key is a numeric string and failed, retry with Number(key). This handles z.number(), z.literal([1, 2, 3]), and unions containing numeric literals
                const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
                if (checkNumericKey) {
                    const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
                    if (retryResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (retryResult.issues.length === 0) {
                        keyResult = retryResult;
                    }
                }
                if (keyResult.issues.length) {
                    if (def.mode === "loose") {
                        // Pass through unchanged
                        payload.value[key] = input[key];
                    }
                    else if (values) {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                    else {
                        // Default "strict" behavior: error on invalid key
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())),
                            input: key,
                            path: [key],
                            inst,
                        });
                    }
                    continue;
                }
                // the guard above tests the raw input key, but the key schema can normalize an ordinary key into __proto__; re-check the key we actually write under
                const outKey = keyResult.value;
                if (outKey === "__proto__")
                    continue;
                const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((result) => {
                        if (result.issues.length) {
                            payload.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }));
                }
                else {
                    if (result.issues.length) {
                        payload.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
                    }
                    payload.value[outKey] = result.value;
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload;
    };
});
const $ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMap", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Map)) {
            payload.issues.push({
                expected: "map",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Map(), ctx) : new Map();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const [key, value] of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
            const valueResult = def.valueType._zod.run({ value: value, issues: [] }, ctx);
            if (keyResult instanceof Promise || valueResult instanceof Promise) {
                proms.push(Promise.all([keyResult, valueResult]).then(([keyResult, valueResult]) => {
                    handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
                }));
            }
            else {
                handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
            }
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, mapSize);
})));
function handleMapResult(keyResult, valueResult, final, key, input, inst, ctx) {
    if (keyResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, keyResult.issues));
        }
        else {
            final.issues.push({
                code: "invalid_key",
                origin: "map",
                input,
                inst,
                issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    if (valueResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, valueResult.issues));
        }
        else {
            final.issues.push({
                origin: "map",
                code: "invalid_element",
                input,
                inst,
                key: key,
                issues: valueResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    final.value.set(keyResult.value, valueResult.value);
}
const $ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSet", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Set)) {
            payload.issues.push({
                input,
                inst,
                expected: "set",
                code: "invalid_type",
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Set(), ctx) : new Set();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const item of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const result = def.valueType._zod.run({ value: item, issues: [] }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleSetResult(result, payload)));
            }
            else
                handleSetResult(result, payload);
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, setSize);
})));
function handleSetResult(result, final) {
    if (result.issues.length) {
        final.issues.push(...result.issues);
    }
    final.value.add(result.value);
}
const $ZodEnum = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = core_util/* getEnumValues */.w5(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        const patternValues = core_util/* getEnumValues */.w5(zod.def.entries).filter((k) => core_util/* propertyKeyTypes */.qQ.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => core_util/* escapeRegex */.sD(o.toString())).join("|")})$` : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (valuesSet.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodLiteral = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const values = new Set(def.values);
    inst._zod.values = values;
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        const vals = zod.def.values;
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(vals.length
            ? `^(${vals
                .map((o) => typeof o === "string" ? core_util/* escapeRegex */.sD(o) : o ? core_util/* escapeRegex */.sD(o.toString()) : String(o))
                .join("|")})$`
            : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (values.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values: def.values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFile", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        // @ts-ignore
        if (input instanceof File)
            return payload;
        payload.issues.push({
            expected: "file",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodTransform = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodTransform", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "optional";
    core_core/* globalConfig */.cr.memoizer?.guard(inst);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new core_core/* $ZodEncodeError */.cV(inst.constructor.name);
        }
        const _out = def.transform(payload.value, payload);
        if (ctx.async) {
            const output = _out instanceof Promise ? _out : Promise.resolve(_out);
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        if (_out instanceof Promise) {
            throw new core_core/* $ZodAsyncError */.GT();
        }
        payload.value = _out;
        return payload;
    };
});
function handleOptionalResult(payload, result) {
    // A substituting schema that still failed has no usable answer; yield undefined. Its issues are simply dropped: it ran on a payload of its own, so there is no shared array to truncate and nothing of the caller's to lose with it.
    payload.value = result.issues.length ? undefined : result.value;
    return payload;
}
const $ZodOptional = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodOptional", (inst, def) => {
    $ZodType.init(inst, def);
    // .optional() propagates absence rather than substituting for it, so a defaulted inner keeps its rung.
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    inst._zod.optout = "optional";
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? new Set([...values, undefined]) : undefined;
    });
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${core_util/* cleanRegex */.p6(pattern.source)})?$`) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        if (payload.value === undefined) {
            // Only the top rung substitutes a value for absence; everything else leaves it intact, which is what .optional() means.
            if (def.innerType._zod.optin !== "defaulted")
                return payload;
            // Its own payload, for the same reason $ZodCatch gets one: a pipe forwards an unrecognized key through the caller's issues array, and this must not read that as the substituting schema failing and drop it.
            const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
            if (result instanceof Promise)
                return result.then((result) => handleOptionalResult(payload, result));
            return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodExactOptional = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodExactOptional", (inst, def) => {
    // Call parent init - inherits optin/optout = "optional"
    $ZodOptional.init(inst, def);
    // Override values/pattern to NOT add undefined
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
    // Override parse to just delegate (no undefined handling)
    inst._zod.parse = (payload, ctx) => {
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNullable = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNullable", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.innerType._zod.optin);
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${core_util/* cleanRegex */.p6(pattern.source)}|null)$`) : undefined;
    });
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => {
        return zod.def.innerType._zod.values ? new Set([...zod.def.innerType._zod.values, null]) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        // Forward direction (decode): allow null to pass through
        if (payload.value === null)
            return payload;
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodDefault = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply defaults for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
            /**
             * $ZodDefault returns the default value immediately in forward direction.
             * It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
            return payload;
        }
        // Forward direction: continue with default handling
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleDefaultResult(result, def));
        }
        return handleDefaultResult(result, def);
    };
});
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
const $ZodPrefault = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodPrefault", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "defaulted";
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply prefault for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNonOptional = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNonOptional", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => {
        const v = zod.def.innerType._zod.values;
        return v ? new Set([...v].filter((x) => x !== undefined)) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleNonOptionalResult(result, inst));
        }
        return handleNonOptionalResult(result, inst);
    };
});
function handleNonOptionalResult(payload, inst) {
    if (!payload.issues.length && payload.value === undefined) {
        payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: payload.value,
            inst,
        });
    }
    return payload;
}
const $ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSuccess", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new core.$ZodEncodeError("ZodSuccess");
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => {
                payload.value = result.issues.length === 0;
                return payload;
            });
        }
        payload.value = result.issues.length === 0;
        return payload;
    };
})));
function handleCatchResult(payload, result, def, ctx) {
    if (!result.issues.length) {
        payload.value = result.value;
        // The value carries up, so the flag describing it has to carry with it: a back-edge into a node still being parsed must not be frozen by an enclosing readonly, and its checks belong to the node itself. Guarded so the ordinary case adds no own property.
        if (result.memo)
            payload.memo = true;
        return payload;
    }
    // Spread the inner's own payload, not ours: `value` has to stay the input the catch was handed, and the inner ran on a payload of its own so its issues are already private to this call.
    payload.value = def.catchValue({
        ...result,
        value: payload.value,
        error: {
            issues: result.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply catch logic
        const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleCatchResult(payload, result, def, ctx));
        }
        return handleCatchResult(payload, result, def, ctx);
    };
});
const $ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNaN", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "number" || !Number.isNaN(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "nan",
                code: "invalid_type",
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodPipe = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodPipe", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.in._zod.values);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.in._zod.optin);
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.out._zod.optout);
    core_util/* defineLazyInternal */.v5(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handlePipeResult(right, def.in, ctx));
            }
            return handlePipeResult(right, def.in, ctx);
        }
        const left = def.in._zod.run(payload, ctx);
        if (left instanceof Promise) {
            return left.then((left) => handlePipeResult(left, def.out, ctx));
        }
        return handlePipeResult(left, def.out, ctx);
    };
});
function handlePipeResult(left, next, ctx) {
    // Any issue stops the pipe, so a failing refinement never feeds its transform. An unrecognized key is the exception: it describes the input's extra properties, not the value being piped, and an enclosing intersection may yet reconcile it.
    if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
        // prevent further checks
        left.aborted = true;
        return left;
    }
    return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
const $ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCodec", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    util.defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    util.defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        const direction = ctx.direction || "forward";
        if (direction === "forward") {
            const left = def.in._zod.run(payload, ctx);
            if (left instanceof Promise) {
                return left.then((left) => handleCodecAResult(left, def, ctx));
            }
            return handleCodecAResult(left, def, ctx);
        }
        else {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handleCodecAResult(right, def, ctx));
            }
            return handleCodecAResult(right, def, ctx);
        }
    };
})));
function handleCodecAResult(result, def, ctx) {
    if (result.issues.length) {
        // prevent further checks
        result.aborted = true;
        return result;
    }
    const direction = ctx.direction || "forward";
    if (direction === "forward") {
        const transformed = def.transform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.out, ctx));
        }
        return handleCodecTxResult(result, transformed, def.out, ctx);
    }
    else {
        const transformed = def.reverseTransform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.in, ctx));
        }
        return handleCodecTxResult(result, transformed, def.in, ctx);
    }
}
function handleCodecTxResult(left, value, nextSchema, ctx) {
    // Check if transform added any issues
    if (left.issues.length) {
        left.aborted = true;
        return left;
    }
    return nextSchema._zod.run({ value, issues: left.issues }, ctx);
}
const $ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPreprocess", (inst, def) => {
    $ZodPipe.init(inst, def);
})));
const $ZodReadonly = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodReadonly", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then(handleReadonlyResult);
        }
        return handleReadonlyResult(result);
    };
});
function handleReadonlyResult(payload) {
    // A repeat visit hands back a node that is still being built; freezing it here would make the rest of its keys fail to assign.
    if (!payload.memo)
        payload.value = Object.freeze(payload.value);
    return payload;
}
// a leaf's pattern source with its own checks folded in: the last pattern-carrying check wins, else length bounds narrow the catch-all, else an integer format narrows the number form. the fold lives here instead of on `_zod.pattern` so a bundle without template literals never pays for it
function leafPattern(schema) {
    const def = schema._zod.def;
    let pattern = def.pattern;
    let isInt = !!def.format?.includes("int");
    let minimum;
    let maximum;
    for (const ch of def.checks ?? []) {
        const d = ch._zod.def;
        if (d.pattern)
            pattern = d.pattern;
        isInt || (isInt = !!d.format?.includes("int"));
        const lo = d.minimum ?? d.length;
        const hi = d.maximum ?? d.length;
        if (lo !== undefined && (minimum === undefined || lo > minimum))
            minimum = lo;
        if (hi !== undefined && (maximum === undefined || hi < maximum))
            maximum = hi;
    }
    if (pattern)
        return pattern.source;
    // an empty range matches nothing at runtime, and `{8,5}` is not a legal quantifier
    if (minimum !== undefined && maximum !== undefined && minimum > maximum)
        return "(?!)";
    if (minimum !== undefined || maximum !== undefined)
        return regexes.string({ minimum, maximum }).source;
    const own = schema._zod.pattern;
    return (isInt && own === regexes.number ? regexes.integer : own)?.source;
}
// a part's pattern source. a wrapper's pattern embeds its inner pattern's source verbatim, so the folded form is substituted in place without knowing the wrapper's own composition; a union's options are joined the way the union builds its own pattern
function partPattern(schema) {
    const def = schema._zod.def;
    const own = schema._zod.pattern?.source;
    // lazy resolves its inner on the internals, not the def
    const inner = def.innerType ?? schema._zod.innerType;
    if (inner) {
        const before = inner._zod.pattern?.source;
        const after = partPattern(inner);
        if (own && before && after && after !== before) {
            return own.replace(util.cleanRegex(before), () => util.cleanRegex(after));
        }
        return own;
    }
    if (def.options) {
        const sources = def.options.map(partPattern);
        if (sources.every(Boolean))
            return `^(${sources.map((s) => util.cleanRegex(s)).join("|")})$`;
    }
    return leafPattern(schema);
}
const $ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodTemplateLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const regexParts = [];
    for (const part of def.parts) {
        if (typeof part === "object" && part !== null) {
            // is Zod schema
            const source = partPattern(part);
            if (!source) {
                throw new Error(`Invalid template literal part, no pattern found: ${[...part._zod.traits].shift()}`);
            }
            regexParts.push(util.cleanRegex(source));
        }
        else if (part === null || util.primitiveTypes.has(typeof part)) {
            regexParts.push(util.escapeRegex(`${part}`));
        }
        else {
            throw new Error(`Invalid template literal part: ${part}`);
        }
    }
    inst._zod.pattern = new RegExp(`^${regexParts.join("")}$`);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "string") {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "string",
                code: "invalid_type",
            });
            return payload;
        }
        inst._zod.pattern.lastIndex = 0;
        if (!inst._zod.pattern.test(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                code: "invalid_format",
                format: def.format ?? "template_literal",
                pattern: inst._zod.pattern.source,
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFunction", (inst, def) => {
    $ZodType.init(inst, def);
    // Defined, not assigned: the classic prototype exposes `_def` as a getter with no setter.
    Object.defineProperty(inst, "_def", { value: def });
    inst._zod.def = def;
    inst.implement = (func) => {
        if (typeof func !== "function") {
            throw new Error("implement() must be called with a function");
        }
        // Defined inline so the closure stays anonymous: binding it to a `const` first names it, which costs 256 bytes per implemented function.
        return Object.defineProperty(function (...args) {
            const parsedArgs = inst._def.input ? parse(inst._def.input, args) : args;
            const result = Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return parse(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst.implementAsync = (func) => {
        if (typeof func !== "function") {
            throw new Error("implementAsync() must be called with a function");
        }
        return Object.defineProperty(async function (...args) {
            const parsedArgs = inst._def.input ? await parseAsync(inst._def.input, args) : args;
            const result = await Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return await parseAsync(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "function") {
            payload.issues.push({
                code: "invalid_type",
                expected: "function",
                input: payload.value,
                inst,
            });
            return payload;
        }
        // Check if output is a promise type to determine if we should use async implementation
        const hasPromiseOutput = inst._def.output && inst._def.output._zod.def.type === "promise";
        if (hasPromiseOutput) {
            payload.value = inst.implementAsync(payload.value);
        }
        else {
            payload.value = inst.implement(payload.value);
        }
        return payload;
    };
    inst.input = (...args) => {
        const F = inst.constructor;
        if (Array.isArray(args[0])) {
            return new F({
                type: "function",
                input: new $ZodTuple({
                    type: "tuple",
                    items: args[0],
                    rest: args[1],
                }),
                output: inst._def.output,
            });
        }
        return new F({
            type: "function",
            input: args[0],
            output: inst._def.output,
        });
    };
    inst.output = (output) => {
        const F = inst.constructor;
        return new F({
            type: "function",
            input: inst._def.input,
            output,
        });
    };
    return inst;
})));
const $ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPromise", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        return Promise.resolve(payload.value).then((inner) => def.innerType._zod.run({ value: inner, issues: [] }, ctx));
    };
})));
const $ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodLazy", (inst, def) => {
    $ZodType.init(inst, def);
    // Cache the resolved inner type on the shared `def` so all clones of this lazy (e.g. via `.describe()`/`.meta()`) share the same inner instance, preserving identity for cycle detection on recursive schemas.
    util.defineLazy(inst._zod, "innerType", () => {
        const d = def;
        if (!d._cachedInner)
            d._cachedInner = def.getter();
        return d._cachedInner;
    });
    util.defineLazyInternal(inst, "pattern", (zod) => zod.innerType?._zod?.pattern);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.innerType?._zod?.propValues);
    util.defineLazyInternal(inst, "optin", (zod) => zod.innerType?._zod?.optin ?? undefined);
    util.defineLazyInternal(inst, "optout", (zod) => zod.innerType?._zod?.optout ?? undefined);
    inst._zod.parse = (payload, ctx) => {
        const inner = inst._zod.innerType;
        return inner._zod.run(payload, ctx);
    };
})));
const $ZodCustom = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCustom", (inst, def) => {
    $ZodCheck.init(inst, def);
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _) => {
        return payload;
    };
    inst._zod.check = (payload) => {
        const input = payload.value;
        const r = def.fn(input);
        if (r instanceof Promise) {
            return r.then((r) => handleRefineResult(r, payload, input, inst));
        }
        handleRefineResult(r, payload, input, inst);
        return;
    };
});
function handleRefineResult(result, payload, input, inst) {
    if (!result) {
        const _iss = {
            code: "custom",
            input,
            inst, // incorporates params.error into issue reporting
            path: [...(inst._zod.def.path ?? [])], // incorporates params.error into issue reporting
            continue: !inst._zod.def.abort,
            // params: inst._zod.def.params,
        };
        if (inst._zod.def.params)
            _iss.params = inst._zod.def.params;
        payload.issues.push(core_util/* issue */.sn(_iss));
    }
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/registries.js
var _a;
const $output = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodOutput")));
const $input = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodInput")));
class $ZodRegistry {
    constructor() {
        this._map = new WeakMap();
        this._idmap = new Map();
    }
    add(schema, ..._meta) {
        const meta = _meta[0];
        this._map.set(schema, meta);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.set(meta.id, schema);
        }
        return this;
    }
    clear() {
        this._map = new WeakMap();
        this._idmap = new Map();
        return this;
    }
    remove(schema) {
        const meta = this._map.get(schema);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.delete(meta.id);
        }
        this._map.delete(schema);
        return this;
    }
    get(schema) {
        // return this._map.get(schema) as any;
        // inherit metadata
        const p = schema._zod.parent;
        if (p) {
            const pm = { ...(this.get(p) ?? {}) };
            delete pm.id; // do not inherit id
            const f = { ...pm, ...this._map.get(schema) };
            return Object.keys(f).length ? f : undefined;
        }
        return this._map.get(schema);
    }
    has(schema) {
        return this._map.has(schema);
    }
}
// registries
function registry() {
    return new $ZodRegistry();
}
(_a = globalThis).__zod_globalRegistry ?? (_a.__zod_globalRegistry = registry());
const globalRegistry = globalThis.__zod_globalRegistry;

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/api.js




function snapshotChecks(def) {
    if (def.checks)
        def.checks = [...def.checks];
    return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
    return new Class(snapshotChecks({ type: "string", ...core_util/* normalizeParams */.A2(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedString(Class, params) {
    return new Class(snapshotChecks({ type: "string", coerce: true, ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _email(Class, params) {
    return new Class({
        type: "string",
        format: "email",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
    return new Class({
        type: "string",
        format: "guid",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v4",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v6",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v7",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
    return new Class({
        type: "string",
        format: "url",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_emoji(Class, params) {
    return new Class({
        type: "string",
        format: "emoji",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
    return new Class({
        type: "string",
        format: "nanoid",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link _cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
// @__NO_SIDE_EFFECTS__
function _cuid(Class, params) {
    return new Class({
        type: "string",
        format: "cuid",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
    return new Class({
        type: "string",
        format: "cuid2",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
    return new Class({
        type: "string",
        format: "ulid",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
    return new Class({
        type: "string",
        format: "xid",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
    return new Class({
        type: "string",
        format: "ksuid",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
    return new Class({
        type: "string",
        format: "ipv4",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
    return new Class({
        type: "string",
        format: "ipv6",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mac(Class, params) {
    return new Class({
        type: "string",
        format: "mac",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv4",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv6",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
    return new Class({
        type: "string",
        format: "base64",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
    return new Class({
        type: "string",
        format: "base64url",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
    return new Class({
        type: "string",
        format: "e164",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _creditCard(Class, params) {
    return new Class({
        type: "string",
        format: "credit_card",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _iban(Class, params) {
    return new Class({
        type: "string",
        format: "iban",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _jwt(Class, params) {
    return new Class({
        type: "string",
        format: "jwt",
        check: "string_format",
        abort: false,
        ...core_util/* normalizeParams */.A2(params),
    });
}
const TimePrecision = {
    Any: null,
    Minute: -1,
    Second: 0,
    Millisecond: 3,
    Microsecond: 6,
};
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
    return new Class({
        type: "string",
        format: "datetime",
        check: "string_format",
        offset: false,
        local: false,
        precision: null,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
    return new Class({
        type: "string",
        format: "date",
        check: "string_format",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
    return new Class({
        type: "string",
        format: "time",
        check: "string_format",
        precision: null,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
    return new Class({
        type: "string",
        format: "duration",
        check: "string_format",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
    return new Class(snapshotChecks({ type: "number", checks: [], ...core_util/* normalizeParams */.A2(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedNumber(Class, params) {
    return new Class(snapshotChecks({ type: "number", coerce: true, checks: [], ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "safeint",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float64(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "int32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "uint32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
    return new Class({
        type: "boolean",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBoolean(Class, params) {
    return new Class({
        type: "boolean",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _bigint(Class, params) {
    return new Class({
        type: "bigint",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBigint(Class, params) {
    return new Class({
        type: "bigint",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "int64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "uint64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _symbol(Class, params) {
    return new Class({
        type: "symbol",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_undefined(Class, params) {
    return new Class({
        type: "undefined",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_null(Class, params) {
    return new Class({
        type: "null",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _any(Class) {
    return new Class({
        type: "any",
    });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
    return new Class({
        type: "unknown",
    });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
    return new Class({
        type: "never",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _void(Class, params) {
    return new Class({
        type: "void",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _date(Class, params) {
    return new Class({
        type: "date",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedDate(Class, params) {
    return new Class({
        type: "date",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nan(Class, params) {
    return new Class({
        type: "nan",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...core_util/* normalizeParams */.A2(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...core_util/* normalizeParams */.A2(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...core_util/* normalizeParams */.A2(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...core_util/* normalizeParams */.A2(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _positive(params) {
    return _gt(0, params);
}
// negative
// @__NO_SIDE_EFFECTS__
function _negative(params) {
    return _lt(0, params);
}
// nonpositive
// @__NO_SIDE_EFFECTS__
function _nonpositive(params) {
    return _lte(0, params);
}
// nonnegative
// @__NO_SIDE_EFFECTS__
function _nonnegative(params) {
    return _gte(0, params);
}
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
    return new $ZodCheckMultipleOf({
        check: "multiple_of",
        ...core_util/* normalizeParams */.A2(params),
        value,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxSize(maximum, params) {
    return new checks.$ZodCheckMaxSize({
        check: "max_size",
        ...util.normalizeParams(params),
        maximum,
    });
}
// @__NO_SIDE_EFFECTS__
function _minSize(minimum, params) {
    return new checks.$ZodCheckMinSize({
        check: "min_size",
        ...util.normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _size(size, params) {
    return new checks.$ZodCheckSizeEquals({
        check: "size_equals",
        ...util.normalizeParams(params),
        size,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
    const ch = new $ZodCheckMaxLength({
        check: "max_length",
        ...core_util/* normalizeParams */.A2(params),
        maximum,
    });
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
    return new $ZodCheckMinLength({
        check: "min_length",
        ...core_util/* normalizeParams */.A2(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
    return new $ZodCheckLengthEquals({
        check: "length_equals",
        ...core_util/* normalizeParams */.A2(params),
        length,
    });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
    return new $ZodCheckRegex({
        check: "string_format",
        format: "regex",
        ...core_util/* normalizeParams */.A2(params),
        pattern,
    });
}
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
    return new $ZodCheckLowerCase({
        check: "string_format",
        format: "lowercase",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
    return new $ZodCheckUpperCase({
        check: "string_format",
        format: "uppercase",
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
    return new $ZodCheckIncludes({
        check: "string_format",
        format: "includes",
        ...core_util/* normalizeParams */.A2(params),
        includes,
    });
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
    return new $ZodCheckStartsWith({
        check: "string_format",
        format: "starts_with",
        ...core_util/* normalizeParams */.A2(params),
        prefix,
    });
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
    return new $ZodCheckEndsWith({
        check: "string_format",
        format: "ends_with",
        ...core_util/* normalizeParams */.A2(params),
        suffix,
    });
}
// @__NO_SIDE_EFFECTS__
function _property(property, schema, params) {
    return new checks.$ZodCheckProperty({
        check: "property",
        property,
        schema,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _properties(shape, params) {
    return new $ZodCheckProperties({
        check: "properties",
        shape,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mime(types, params) {
    return new checks.$ZodCheckMimeType({
        check: "mime_type",
        mime: types,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
    return new $ZodCheckOverwrite({
        check: "overwrite",
        tx,
    });
}
// normalize
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
    return _overwrite((input) => input.normalize(form));
}
// trim
// @__NO_SIDE_EFFECTS__
function _trim() {
    return _overwrite((input) => input.trim());
}
// toLowerCase
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
    return _overwrite((input) => input.toLowerCase());
}
// toUpperCase
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
    return _overwrite((input) => input.toUpperCase());
}
// slugify
// @__NO_SIDE_EFFECTS__
function _slugify() {
    return _overwrite((input) => core_util/* slugify */.Yv(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
    return new Class({
        type: "array",
        element,
        // get element() {
        //   return element;
        // },
        ...core_util/* normalizeParams */.A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _union(Class, options, params) {
    return new Class({
        type: "union",
        options,
        ...util.normalizeParams(params),
    });
}
function _xor(Class, options, params) {
    return new Class({
        type: "union",
        options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _discriminatedUnion(Class, discriminator, options, params) {
    return new Class({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _intersection(Class, left, right) {
    return new Class({
        type: "intersection",
        left,
        right,
    });
}
// export function _tuple(
//   Class: util.SchemaClass<schemas.$ZodTuple>,
//   items: [],
//   params?: string | $ZodTupleParams
// ): schemas.$ZodTuple<[], null>;
// @__NO_SIDE_EFFECTS__
function _tuple(Class, items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof schemas.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new Class({
        type: "tuple",
        items,
        rest,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _record(Class, keyType, valueType, params) {
    return new Class({
        type: "record",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _map(Class, keyType, valueType, params) {
    return new Class({
        type: "map",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _set(Class, valueType, params) {
    return new Class({
        type: "set",
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _enum(Class, values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    // if (Array.isArray(values)) {
    //   for (const value of values) {
    //     entries[value] = value;
    //   }
    // } else {
    //   Object.assign(entries, values);
    // }
    // const entries: util.EnumLike = {};
    // for (const val of values) {
    //   entries[val] = val;
    // }
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function _nativeEnum(Class, entries, params) {
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _literal(Class, value, params) {
    return new Class({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _file(Class, params) {
    return new Class({
        type: "file",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _transform(Class, fn) {
    return new Class({
        type: "transform",
        transform: fn,
    });
}
// @__NO_SIDE_EFFECTS__
function _optional(Class, innerType) {
    return new Class({
        type: "optional",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _nullable(Class, innerType) {
    return new Class({
        type: "nullable",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _default(Class, innerType, defaultValue) {
    return new Class({
        type: "default",
        innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : util.shallowClone(defaultValue);
        },
    });
}
// @__NO_SIDE_EFFECTS__
function _nonoptional(Class, innerType, params) {
    return new Class({
        type: "nonoptional",
        innerType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _success(Class, innerType) {
    return new Class({
        type: "success",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _catch(Class, innerType, catchValue) {
    return new Class({
        type: "catch",
        innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : util.constantCatch(catchValue)),
    });
}
// @__NO_SIDE_EFFECTS__
function _pipe(Class, in_, out) {
    return new Class({
        type: "pipe",
        in: in_,
        out,
    });
}
// @__NO_SIDE_EFFECTS__
function _readonly(Class, innerType) {
    return new Class({
        type: "readonly",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _templateLiteral(Class, parts, params) {
    return new Class({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lazy(Class, getter) {
    return new Class({
        type: "lazy",
        getter,
    });
}
// @__NO_SIDE_EFFECTS__
function _promise(Class, innerType) {
    return new Class({
        type: "promise",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _custom(Class, fn, _params) {
    const norm = util.normalizeParams(_params);
    norm.abort ?? (norm.abort = true); // default to abort:false
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...norm,
    });
    return schema;
}
// same as _custom but defaults to abort:false
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...core_util/* normalizeParams */.A2(_params),
    });
    return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
    const ch = _check((payload) => {
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(core_util/* issue */.sn(issue, payload.value, ch._zod.def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = ch);
                _issue.continue ?? (_issue.continue = !ch._zod.def.abort); // abort is always undefined, so this is always true...
                payload.issues.push(core_util/* issue */.sn(_issue));
            }
        };
        return fn(payload.value, payload);
    }, params);
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
    const ch = new $ZodCheck({
        check: "custom",
        ...core_util/* normalizeParams */.A2(params),
    });
    ch._zod.check = fn;
    return ch;
}
// @__NO_SIDE_EFFECTS__
function describe(description) {
    const ch = new $ZodCheck({ check: "describe" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, description });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function meta(metadata) {
    const ch = new $ZodCheck({ check: "meta" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, ...metadata });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _stringbool(Classes, _params) {
    const params = util.normalizeParams(_params);
    let truthyArray = params.truthy ?? ["true", "1", "yes", "on", "y", "enabled"];
    let falsyArray = params.falsy ?? ["false", "0", "no", "off", "n", "disabled"];
    if (params.case !== "sensitive") {
        truthyArray = truthyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
        falsyArray = falsyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
    }
    const truthySet = new Set(truthyArray);
    const falsySet = new Set(falsyArray);
    const _Codec = Classes.Codec ?? schemas.$ZodCodec;
    const _Boolean = Classes.Boolean ?? schemas.$ZodBoolean;
    const _String = Classes.String ?? schemas.$ZodString;
    const stringSchema = new _String({ type: "string", error: params.error });
    const booleanSchema = new _Boolean({ type: "boolean", error: params.error });
    const codec = new _Codec({
        type: "pipe",
        in: stringSchema,
        out: booleanSchema,
        transform: ((input, payload) => {
            let data = input;
            if (params.case !== "sensitive")
                data = data.toLowerCase();
            if (truthySet.has(data)) {
                return true;
            }
            else if (falsySet.has(data)) {
                return false;
            }
            else {
                payload.issues.push({
                    code: "invalid_value",
                    expected: "stringbool",
                    values: [...truthySet, ...falsySet],
                    input: payload.value,
                    inst: codec,
                    continue: false,
                });
                return {};
            }
        }),
        reverseTransform: ((input, _payload) => {
            if (input === true) {
                return truthyArray[0] || "true";
            }
            else {
                return falsyArray[0] || "false";
            }
        }),
        error: params.error,
    });
    codec._zod.bag.truthy = truthyArray;
    codec._zod.bag.falsy = falsyArray;
    codec._zod.bag.case = params.case ?? "insensitive";
    return codec;
}
// @__NO_SIDE_EFFECTS__
function _stringFormat(Class, format, fnOrRegex, _params = {}) {
    const params = util.normalizeParams(_params);
    const def = {
        check: "string_format",
        type: "string",
        format,
        fn: typeof fnOrRegex === "function" ? fnOrRegex : (val) => fnOrRegex.test(val),
        ...params,
    };
    if (fnOrRegex instanceof RegExp) {
        def.pattern = fnOrRegex;
    }
    const inst = new Class(def);
    return inst;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/to-json-schema.js


function assignProps(target, ...sources) {
    for (const source of sources) {
        for (const key of Reflect.ownKeys(source)) {
            if (Object.prototype.propertyIsEnumerable.call(source, key)) {
                (0,core_util/* assignProp */.Vy)(target, key, source[key]);
            }
        }
    }
    return target;
}
// function initializeContext<T extends schemas.$ZodType>(inputs: JSONSchemaGeneratorParams<T>): ToJSONSchemaContext<T> {
//   return {
//     processor: inputs.processor,
//     metadataRegistry: inputs.metadata ?? globalRegistry,
//     target: inputs.target ?? "draft-2020-12",
//     unrepresentable: inputs.unrepresentable ?? "throw",
//   };
// }
function to_json_schema_initializeContext(params) {
    // Normalize target: convert old non-hyphenated versions to hyphenated versions
    let target = params?.target ?? "draft-2020-12";
    if (target === "draft-4")
        target = "draft-04";
    if (target === "draft-7")
        target = "draft-07";
    return {
        processors: params.processors ?? {},
        metadataRegistry: params?.metadata ?? globalRegistry,
        target,
        unrepresentable: params?.unrepresentable ?? "throw",
        override: params?.override ?? (() => { }),
        io: params?.io ?? "output",
        counter: 0,
        seen: new Map(),
        sharedDefsExtractedFor: undefined,
        sharedEmitDoneFor: undefined,
        cycles: params?.cycles ?? "ref",
        reused: params?.reused ?? "inline",
        intersections: [],
        deferred: [],
        external: params?.external ?? undefined,
    };
}
/**
 * Applies the `unrepresentable` setting at a site that has no JSON Schema equivalent. Throws
 * `message` unless the setting (or the handler's return value) says otherwise. Returns `true` if a
 * custom JSON Schema was written into `json`, in which case the caller must not write its own.
 */
function handleUnrepresentable(schema, ctx, json, params, message) {
    const result = typeof ctx.unrepresentable === "function"
        ? ctx.unrepresentable({ zodSchema: schema, path: params.path, message })
        : ctx.unrepresentable;
    if (result === "any")
        return false;
    if (result === undefined || result === "throw")
        throw new Error(message);
    Object.assign(json, result);
    return true;
}
// never rename this back to `process`: bundler polyfills inject a top-level `const process` that a lexical declaration of the same name collides with (#6397)
function to_json_schema_processSchema(schema, ctx, _params = { path: [], schemaPath: [] }) {
    var _a;
    const def = schema._zod.def;
    // check for schema in seens
    const seen = ctx.seen.get(schema);
    if (seen) {
        seen.count++;
        // check if cycle
        const isCycle = _params.schemaPath.includes(schema);
        if (isCycle) {
            seen.cycle = _params.path;
        }
        return seen.schema;
    }
    // initialize
    const result = { schema: {}, count: 1, cycle: undefined, path: _params.path };
    ctx.seen.set(schema, result);
    ctx.sharedDefsExtractedFor = undefined;
    ctx.sharedEmitDoneFor = undefined;
    // custom method overrides default behavior
    const overrideSchema = schema._zod.toJSONSchema?.();
    if (overrideSchema) {
        result.schema = overrideSchema;
    }
    else {
        const params = {
            ..._params,
            schemaPath: [..._params.schemaPath, schema],
            path: _params.path,
        };
        if (schema._zod.processJSONSchema) {
            schema._zod.processJSONSchema(ctx, result.schema, params);
        }
        else {
            const _json = result.schema;
            const processor = ctx.processors[def.type];
            if (!processor) {
                throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
            }
            processor(schema, ctx, _json, params);
        }
        const parent = schema._zod.parent;
        if (parent) {
            // Also set ref if processor didn't (for inheritance)
            if (!result.ref)
                result.ref = parent;
            to_json_schema_processSchema(parent, ctx, params);
            ctx.seen.get(parent).isParent = true;
        }
    }
    // metadata
    const meta = ctx.metadataRegistry.get(schema);
    if (meta)
        assignProps(result.schema, meta);
    if (ctx.io === "input" && isTransforming(schema)) {
        // examples/defaults only apply to output type of pipe
        delete result.schema.examples;
        delete result.schema.default;
    }
    // set prefault as default
    if (ctx.io === "input" && "_prefault" in result.schema)
        (_a = result.schema).default ?? (_a.default = result.schema._prefault);
    delete result.schema._prefault;
    // pulling fresh from ctx.seen in case it was overwritten
    const _result = ctx.seen.get(schema);
    return _result.schema;
}
/** @deprecated Renamed to `processSchema`. An export alias declares no binding, so it is safe to keep. */

// Escape a reference token for use in a JSON Pointer fragment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. The `~` replacement must run first.
function encodeJSONPointerSegment(segment) {
    return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function to_json_schema_extractDefs(ctx, schema
// params: EmitParams
) {
    // iterate over seen map;
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // With `external` set, every registered schema resolves through the external branch of `makeURI`, so the root branch below produces the same ref the external branch would — this pass is identical whichever schema it is called with, and only needs to run once.
    if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external)
        return;
    // Track ids to detect duplicates across different schemas
    const idToSchema = new Map();
    for (const entry of ctx.seen.entries()) {
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            const existing = idToSchema.get(id);
            if (existing && existing !== entry[0]) {
                throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
            }
            idToSchema.set(id, entry[0]);
        }
    }
    // returns a ref to the schema defId will be empty if the ref points to an external schema (or #)
    const makeURI = (entry) => {
        // comparing the seen objects because sometimes multiple schemas map to the same seen object. e.g. lazy
        // external is configured
        const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
        if (ctx.external) {
            const externalId = ctx.external.registry.get(entry[0])?.id; // ?? "__shared";// `__schema${ctx.counter++}`;
            // check if schema is in the external registry
            const uriGenerator = ctx.external.uri ?? ((id) => id);
            if (externalId) {
                return { ref: uriGenerator(externalId) };
            }
            // otherwise, add to __shared
            const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
            entry[1].defId = id; // set defId so it will be reused if needed
            return { defId: id, ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}` };
        }
        const uriPrefix = `#`;
        const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
        // an id-less root has nowhere to be extracted to, so it stays inline and self-references as `#`
        if (entry[1] === root && !entry[1].schema.id) {
            return { ref: uriPrefix };
        }
        // self-contained schema
        const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
        return { defId, ref: defUriPrefix + encodeJSONPointerSegment(defId) };
    };
    // stored cached version in `def` property remove all properties, set $ref
    const extractToDef = (entry) => {
        // if the schema is already a reference, do not extract it
        if (entry[1].schema.$ref) {
            return;
        }
        const seen = entry[1];
        const { ref, defId } = makeURI(entry);
        seen.def = { ...seen.schema };
        // defId won't be set if the schema is a reference to an external schema or if the schema is the root schema
        if (defId)
            seen.defId = defId;
        // wipe away all properties except $ref
        const schema = seen.schema;
        for (const key in schema) {
            delete schema[key];
        }
        schema.$ref = ref;
    };
    // throw on cycles
    // break cycles
    if (ctx.cycles === "throw") {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.cycle) {
                throw new Error("Cycle detected: " +
                    `#/${seen.cycle?.join("/")}/<root>` +
                    '\n\nSet the `cycles` parameter to `"ref"` to resolve cyclical schemas with defs.');
            }
        }
    }
    // extract schemas into $defs
    for (const entry of ctx.seen.entries()) {
        const seen = entry[1];
        // convert root schema to # $ref
        if (schema === entry[0]) {
            extractToDef(entry); // this has special handling for the root schema
            continue;
        }
        // extract schemas that are in the external registry
        if (ctx.external) {
            const ext = ctx.external.registry.get(entry[0])?.id;
            if (schema !== entry[0] && ext) {
                extractToDef(entry);
                continue;
            }
        }
        // extract schemas with `id` meta
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            extractToDef(entry);
            continue;
        }
        // break cycles
        if (seen.cycle) {
            // any
            extractToDef(entry);
            continue;
        }
        // extract reused schemas
        if (seen.count > 1) {
            if (ctx.reused === "ref") {
                extractToDef(entry);
            }
        }
    }
    if (ctx.external)
        ctx.sharedDefsExtractedFor = ctx.external;
}
/** Rewrites `anyOf: [{type: "a"}, {type: "b"}]` to `type: ["a", "b"]`, which every JSON Schema draft treats as equivalent and most consumers render far better for the nullable case. Only branches that are a bare type assertion qualify — anything carrying a constraint, `$ref`, `const` or metadata is left alone. Runs after `flattenRef`, so a branch an override decorated or `$defs` extraction turned into a `$ref` is no longer bare and correctly stays in `anyOf`. `oneOf` is excluded: `integer` and `number` overlap, so "exactly one" and "at least one" are not the same there. OpenAPI 3.0 is excluded: its `type` must be a single string. */
function compactTypeUnion(schema) {
    const options = schema.anyOf;
    if (!Array.isArray(options) || options.length === 0 || schema.type !== undefined)
        return;
    const types = [];
    for (const option of options) {
        if (!option || typeof option !== "object")
            return;
        // A branch that is itself a compactible union folds into this one — nested `anyOf` and a flat `type` array say the same thing. Compacting it first also makes the result independent of the order this pass walks the seen map in.
        compactTypeUnion(option);
        const keys = Object.keys(option);
        if (keys.length !== 1 || keys[0] !== "type")
            return;
        const type = option.type;
        for (const member of Array.isArray(type) ? type : [type]) {
            if (typeof member !== "string")
                return;
            if (!types.includes(member))
                types.push(member);
        }
    }
    delete schema.anyOf;
    // A `type` array must be non-empty and unique (metaschema); a single member is spelled as a bare string.
    schema.type = types.length === 1 ? types[0] : types;
}
/** Keywords `foldIntersection` knows how to combine. Anything else — `$ref`, `patternProperties`,
 * an annotation like `description` — makes a member unfoldable, so a constraint this does not
 * understand leaves the `allOf` alone instead of being silently dropped or misattributed. */
const FOLDABLE_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);
const UNION_KEYS = ["oneOf", "anyOf"];
/** A member's constraint on a key it does not declare itself. A `catchall` states one; `false`, an absent `additionalProperties`, and the empty schema a loose object emits state nothing. */
function undeclaredConstraint(member) {
    const extra = member.additionalProperties;
    if (extra === undefined || extra === false || typeof extra !== "object" || extra === null)
        return null;
    return Object.keys(extra).length ? extra : null;
}
/** Combines object members into the single object they describe together, or returns `null` if any of them carries a keyword outside {@link FOLDABLE_KEYS}. */
function foldObjects(members) {
    const objects = [];
    for (const member of members) {
        // A boolean subschema is legal JSON Schema and carries no keywords to fold.
        if (typeof member !== "object" || member.type !== "object")
            return null;
        for (const key in member) {
            if (!FOLDABLE_KEYS.has(key))
                return null;
        }
        objects.push(member);
    }
    const properties = {};
    const required = new Set();
    for (const object of objects) {
        for (const key in object.properties) {
            // `in` would report a `__proto__` key as already present via the prototype chain and skip it.
            if (Object.prototype.hasOwnProperty.call(properties, key))
                continue;
            // Every member constrains this key: the ones that declare it say how, and a `catchall` member constrains it too even though it does not name it. The key has to satisfy all of them, which is the same intersection one level down.
            const parts = [];
            for (const other of objects) {
                const part = other.properties?.[key] ?? undeclaredConstraint(other);
                if (part === null || part === undefined)
                    continue;
                if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part)))
                    parts.push(part);
            }
            const merged = parts.length === 1
                ? parts[0]
                : (foldObjects(parts) ?? { allOf: parts });
            (0,core_util/* assignProp */.Vy)(properties, key, merged);
        }
        for (const key of object.required ?? [])
            required.add(key);
    }
    const folded = { type: "object", properties };
    if (required.size)
        folded.required = [...required];
    // A key no member declares is rejected only when every member rejects it, so the fold is closed only when every member is. Otherwise it carries whatever the `catchall` members demand of such a key.
    if (objects.every((object) => object.additionalProperties === false)) {
        folded.additionalProperties = false;
    }
    else {
        const constraints = [];
        for (const object of objects) {
            const constraint = undeclaredConstraint(object);
            if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint)))
                constraints.push(constraint);
        }
        if (constraints.length === 1)
            folded.additionalProperties = constraints[0];
        else if (constraints.length > 1)
            folded.additionalProperties = { allOf: constraints };
    }
    return folded;
}
/** `additionalProperties` in an `allOf` member sees only that member's own `properties`, so two
 * closed object members reject each other's keys and the schema validates nothing. Zod's parser
 * pools the key sets instead — `handleIntersectionResults` reports a key as unrecognized only when
 * *every* side rejects it — so the emitted schema has to pool them too, and folding the members
 * into one object is the encoding that says so on every target.
 *
 * This runs from `finalize`, after `extractDefs`, which is what keeps it clear of the `$ref`
 * machinery: a member extracted into `$defs` is already a `$ref` by now and declines to fold, so it
 * keeps its reference and its own closedness rather than being inlined as a stale copy. */
function foldIntersection(json) {
    const allOf = json.allOf;
    if (!Array.isArray(allOf) || allOf.length < 2)
        return;
    // An `override` runs before this pass and may have written object keywords onto the intersection itself. Those are deliberate, so decline rather than overwrite them.
    for (const key of FOLDABLE_KEYS)
        if (key in json)
            return;
    // An intersection distributes over a union: `A & (X | Y)` is `(A & X) | (A & Y)`. Only the first union is distributed over; a second one stays among the members every branch folds against, where it fails the object check and declines the whole intersection rather than multiplying out.
    const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
    let folded = null;
    if (!unions.length) {
        folded = foldObjects(allOf);
    }
    else {
        const union = unions[0];
        const keyword = UNION_KEYS.find((k) => Array.isArray(union[k]));
        if (Object.keys(union).length !== 1)
            return;
        const rest = allOf.filter((m) => m !== union);
        const branches = union[keyword].map((branch) => foldObjects([...rest, branch]));
        if (branches.some((b) => !b))
            return;
        folded = { [keyword]: branches };
    }
    if (!folded)
        return;
    delete json.allOf;
    assignProps(json, folded);
}
function to_json_schema_finalize(ctx, schema) {
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // flatten refs - inherit properties from parent schemas
    const flattenRef = (zodSchema) => {
        const seen = ctx.seen.get(zodSchema);
        // already processed
        if (seen.ref === null)
            return;
        const schema = seen.def ?? seen.schema;
        const _cached = { ...schema };
        const ref = seen.ref;
        seen.ref = null; // prevent infinite recursion
        if (ref) {
            flattenRef(ref);
            const refSeen = ctx.seen.get(ref);
            const refSchema = refSeen.schema;
            // merge referenced schema into current
            if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
                // older drafts can't combine $ref with other properties
                schema.allOf = schema.allOf ?? [];
                schema.allOf.push(refSchema);
            }
            else {
                assignProps(schema, refSchema);
            }
            // restore child's own properties (child wins)
            assignProps(schema, _cached);
            const isParentRef = zodSchema._zod.parent === ref;
            // For parent chain, child is a refinement - remove parent-only properties
            if (isParentRef) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (!(key in _cached)) {
                        delete schema[key];
                    }
                }
            }
            // When ref was extracted to $defs, remove properties that match the definition
            if (refSchema.$ref && refSeen.def) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (key in refSeen.def && JSON.stringify(schema[key]) === JSON.stringify(refSeen.def[key])) {
                        delete schema[key];
                    }
                }
            }
        }
        // If parent was extracted (has $ref), propagate $ref to this schema. This handles cases like: readonly().meta({id}).describe() where processor sets ref to innerType but parent should be referenced
        const parent = zodSchema._zod.parent;
        if (parent && parent !== ref) {
            // Ensure parent is processed first so its def has inherited properties
            flattenRef(parent);
            const parentSeen = ctx.seen.get(parent);
            if (parentSeen?.schema.$ref) {
                schema.$ref = parentSeen.schema.$ref;
                // De-duplicate with parent's definition
                if (parentSeen.def) {
                    for (const key in schema) {
                        if (key === "$ref" || key === "allOf")
                            continue;
                        if (key in parentSeen.def && JSON.stringify(schema[key]) === JSON.stringify(parentSeen.def[key])) {
                            delete schema[key];
                        }
                    }
                }
            }
        }
        // execute overrides
        ctx.override({
            zodSchema: zodSchema,
            jsonSchema: schema,
            path: seen.path ?? [],
        });
    };
    // Flattening walks the whole map and clears each `ref` as it goes, so a second call over the same map is a no-op scan. Skip it outright once it has run for a registry conversion.
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of [...ctx.seen.entries()].reverse()) {
            flattenRef(entry[0]);
        }
        if (ctx.target !== "openapi-3.0") {
            for (const entry of ctx.seen.entries()) {
                compactTypeUnion(entry[1].def ?? entry[1].schema);
            }
        }
        for (const rewrite of ctx.deferred)
            rewrite();
        // After flattening, every member that was extracted is a `$ref`, so the fold sees the final shape. A schema that inherits an intersection — through `z.lazy`, or any `ref` chain — holds the same `allOf` array, so fold by array identity to catch every copy.
        if (ctx.intersections.length) {
            const carriers = new Map();
            for (const seen of ctx.seen.values()) {
                for (const json of [seen.schema, seen.def]) {
                    const allOf = json?.allOf;
                    if (!Array.isArray(allOf))
                        continue;
                    const existing = carriers.get(allOf);
                    if (existing)
                        existing.push(json);
                    else
                        carriers.set(allOf, [json]);
                }
            }
            for (const allOf of ctx.intersections) {
                for (const json of carriers.get(allOf) ?? [])
                    foldIntersection(json);
            }
        }
    }
    const result = {};
    if (ctx.target === "draft-2020-12") {
        result.$schema = "https://json-schema.org/draft/2020-12/schema";
    }
    else if (ctx.target === "draft-07") {
        result.$schema = "http://json-schema.org/draft-07/schema#";
    }
    else if (ctx.target === "draft-04") {
        result.$schema = "http://json-schema.org/draft-04/schema#";
    }
    else if (ctx.target === "openapi-3.0") {
        // OpenAPI 3.0 schema objects should not include a $schema property
    }
    else {
        // Arbitrary string values are allowed but won't have a $schema property set
    }
    if (ctx.external?.uri) {
        const id = ctx.external.registry.get(schema)?.id;
        if (!id)
            throw new Error("Schema is missing an `id` property");
        result.$id = ctx.external.uri(id);
    }
    // when the root was extracted into $defs, `root.schema` is the `$ref` wrapper and `root.def` is the body that now lives under $defs
    assignProps(result, root.defId ? root.schema : (root.def ?? root.schema));
    // The `id` in `.meta()` is a Zod-specific registration tag used to extract schemas into $defs — it is not user-facing JSON Schema metadata. Strip it from the output body where it would otherwise leak. The id is preserved implicitly via the $defs key (and via $ref paths).
    const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
    if (rootMetaId !== undefined && result.id === rootMetaId)
        delete result.id;
    // build defs object. With `external`, `defs` is the shared object every schema writes into, so the same entries are reassigned on every call. Without it, `defs` is fresh per call and must be rebuilt.
    const defs = ctx.external?.defs ?? {};
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.def && seen.defId) {
                if (seen.def.id === seen.defId)
                    delete seen.def.id;
                (0,core_util/* assignProp */.Vy)(defs, seen.defId, seen.def);
            }
        }
    }
    if (ctx.external)
        ctx.sharedEmitDoneFor = ctx.external;
    // set definitions in result
    if (ctx.external) {
    }
    else {
        if (Object.keys(defs).length > 0) {
            if (ctx.target === "draft-2020-12") {
                result.$defs = defs;
            }
            else {
                result.definitions = defs;
            }
        }
    }
    try {
        // this "finalizes" this schema and ensures all cycles are removed each call to finalize() is functionally independent though the seen map is shared
        const finalized = JSON.parse(JSON.stringify(result));
        Object.defineProperty(finalized, "~standard", {
            value: {
                ...schema["~standard"],
                jsonSchema: {
                    input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
                    output: createStandardJSONSchemaMethod(schema, "output", ctx.processors),
                },
            },
            enumerable: false,
            writable: false,
        });
        return finalized;
    }
    catch (_err) {
        throw new Error("Error converting schema to JSON.");
    }
}
function isTransforming(_schema, _ctx) {
    const ctx = _ctx ?? { seen: new Set() };
    if (ctx.seen.has(_schema))
        return false;
    ctx.seen.add(_schema);
    const def = _schema._zod.def;
    if (def.type === "transform")
        return true;
    if (def.type === "array")
        return isTransforming(def.element, ctx);
    if (def.type === "set")
        return isTransforming(def.valueType, ctx);
    if (def.type === "lazy")
        return isTransforming(def.getter(), ctx);
    if (def.type === "promise" ||
        def.type === "optional" ||
        def.type === "nonoptional" ||
        def.type === "nullable" ||
        def.type === "readonly" ||
        def.type === "default" ||
        def.type === "prefault" ||
        def.type === "catch") {
        return isTransforming(def.innerType, ctx);
    }
    if (def.type === "intersection") {
        return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
    }
    if (def.type === "record" || def.type === "map") {
        return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
    }
    if (def.type === "pipe") {
        if (_schema._zod.traits.has("$ZodCodec"))
            return true;
        return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
    }
    if (def.type === "object") {
        for (const key in def.shape) {
            if (isTransforming(def.shape[key], ctx))
                return true;
        }
        return false;
    }
    if (def.type === "union") {
        for (const option of def.options) {
            if (isTransforming(option, ctx))
                return true;
        }
        return false;
    }
    if (def.type === "tuple") {
        for (const item of def.items) {
            if (isTransforming(item, ctx))
                return true;
        }
        if (def.rest && isTransforming(def.rest, ctx))
            return true;
        return false;
    }
    return false;
}
/**
 * Creates a toJSONSchema method for a schema instance.
 * This encapsulates the logic of initializing context, processing, extracting defs, and finalizing.
 */
const createToJSONSchemaMethod = (schema, processors = {}) => (params) => {
    const ctx = to_json_schema_initializeContext({ ...params, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};
const createStandardJSONSchemaMethod = (schema, io, processors = {}) => (params) => {
    const { libraryOptions, target } = params ?? {};
    const ctx = to_json_schema_initializeContext({ ...(libraryOptions ?? {}), target, io, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/json-schema-processors.js




const narrowMin = (agg, key, value) => {
    if (agg[key] === undefined || value > agg[key])
        agg[key] = value;
};
const narrowMax = (agg, key, value) => {
    if (agg[key] === undefined || value < agg[key])
        agg[key] = value;
};
const narrowBoth = (agg, value) => {
    narrowMin(agg, "minimum", value);
    narrowMax(agg, "maximum", value);
};
const addDivisor = (agg, value) => {
    agg.multipleOf ?? (agg.multipleOf = []);
    if (!agg.multipleOf.includes(value))
        agg.multipleOf.push(value);
};
const addPattern = (agg, pattern) => {
    agg.patterns ?? (agg.patterns = new Set());
    agg.patterns.add(pattern);
};
const intersectMime = (agg, mime) => {
    agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
};
// last-wins, matching the bag's historical write order; the flag keeps an integer format from being lost to a later float one
const setFormat = (agg, format) => {
    agg.format = format;
    if (format.includes("int"))
        agg.isInt = true;
};
const minContributor = (agg, def) => narrowMin(agg, "minimum", def.minimum);
const maxContributor = (agg, def) => narrowMax(agg, "maximum", def.maximum);
const formatContributor = (ranges) => (agg, def) => {
    setFormat(agg, def.format);
    const [minimum, maximum] = ranges[def.format];
    narrowMin(agg, "minimum", minimum);
    narrowMax(agg, "maximum", maximum);
};
const contributors = {
    greater_than: (agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value),
    less_than: (agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value),
    multiple_of: (agg, def) => addDivisor(agg, def.value),
    number_format: formatContributor(core_util/* NUMBER_FORMAT_RANGES */.zH),
    bigint_format: formatContributor(core_util/* BIGINT_FORMAT_RANGES */.NR),
    min_length: minContributor,
    max_length: maxContributor,
    length_equals: (agg, def) => narrowBoth(agg, def.length),
    min_size: minContributor,
    max_size: maxContributor,
    size_equals: (agg, def) => narrowBoth(agg, def.size),
    string_format: (agg, def) => {
        setFormat(agg, def.format);
        if (def.pattern)
            addPattern(agg, def.pattern);
        if (def.format === "base64" || def.format === "base64url")
            agg.contentEncoding = def.format;
        if (def.local || def.precision === -1)
            agg.laxFormat = true;
    },
    mime_type: (agg, def) => intersectMime(agg, def.mime),
};
function aggregateChecks(schema) {
    const agg = {};
    const def = schema._zod.def;
    // a format schema is its own first check, same rule as $ZodType init
    const list = schema._zod.traits.has("$ZodCheck")
        ? [schema, ...(def.checks ?? [])]
        : (def.checks ?? []);
    for (const ch of list)
        contributors[ch._zod.def.check]?.(agg, ch._zod.def);
    // reconcile with the bag so third-party onattach contributions still land; first-party residue is never tighter than the fold, so merging it back is idempotent for one and additive for the other
    const bag = schema._zod.bag;
    if (bag.minimum !== undefined)
        narrowMin(agg, "minimum", bag.minimum);
    if (bag.exclusiveMinimum !== undefined)
        narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
    if (bag.maximum !== undefined)
        narrowMax(agg, "maximum", bag.maximum);
    if (bag.exclusiveMaximum !== undefined)
        narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
    if (bag.multipleOf !== undefined)
        addDivisor(agg, bag.multipleOf);
    if (bag.format !== undefined) {
        agg.format ?? (agg.format = bag.format);
        if (bag.format.includes("int"))
            agg.isInt = true;
    }
    if (bag.mime)
        intersectMime(agg, bag.mime);
    for (const pattern of bag.patterns ?? [])
        addPattern(agg, pattern);
    return agg;
}
const formatMap = {
    guid: "uuid",
    url: "uri",
    datetime: "date-time",
    json_string: "json-string",
    regex: "", // do not set
};
// ==================== SIMPLE TYPE PROCESSORS ====================
// the runtime patterns are lax so parse paths never overflow the regex stack; the emitted schema swaps in the exact block forms, which zod itself never executes
const exactPatterns = new Map([
    [base64Charset, base64],
    [base64urlCharset, base64url],
]);
const exactPattern = (p) => exactPatterns.get(p) ?? p;
const stringProcessor = (schema, ctx, _json, _params) => {
    const json = _json;
    json.type = "string";
    const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minLength = minimum;
    if (typeof maximum === "number")
        json.maxLength = maximum;
    // custom pattern overrides format
    if (format) {
        json.format = formatMap[format] ?? format;
        if (json.format === "")
            delete json.format; // empty format is not valid
        // `z.iso.time()` is never full-time, and `laxFormat` carries the datetime shapes that also accept what their keyword forbids
        if (format === "time" || laxFormat) {
            delete json.format;
        }
    }
    if (contentEncoding)
        json.contentEncoding = contentEncoding;
    if (patterns && patterns.size > 0) {
        const patternList = [...patterns].map(exactPattern);
        if (patternList.length === 1)
            json.pattern = patternList[0].source;
        else if (patternList.length > 1) {
            json.allOf = [
                ...patternList.map((regex) => ({
                    ...(ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0"
                        ? { type: "string" }
                        : {}),
                    pattern: regex.source,
                })),
            ];
        }
    }
};
const numberProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
    json.type = isInt ? "integer" : "number";
    // when both minimum and exclusiveMinimum exist, pick the more restrictive one
    const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
    const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
    const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
    if (exMin) {
        if (legacy) {
            json.minimum = exclusiveMinimum;
            json.exclusiveMinimum = true;
        }
        else {
            json.exclusiveMinimum = exclusiveMinimum;
        }
    }
    else if (typeof minimum === "number") {
        json.minimum = minimum;
    }
    if (exMax) {
        if (legacy) {
            json.maximum = exclusiveMaximum;
            json.exclusiveMaximum = true;
        }
        else {
            json.exclusiveMaximum = exclusiveMaximum;
        }
    }
    else if (typeof maximum === "number") {
        json.maximum = maximum;
    }
    if (multipleOf) {
        // JSON Schema requires a divisor strictly greater than zero, and a non-finite one does not survive JSON at all. A negative divisor accepts exactly what its absolute value accepts, so it still maps; zero, NaN and Infinity have no keyword form.
        const divisors = new Set();
        for (const divisor of multipleOf) {
            if (Number.isFinite(divisor) && divisor !== 0)
                divisors.add(Math.abs(divisor));
            else
                handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
        }
        // chained divisors are a conjunction the keyword cannot carry alone, so extras ride an allOf, same as stacked patterns
        const [first, ...rest] = divisors;
        if (first !== undefined)
            json.multipleOf = first;
        if (rest.length)
            json.allOf = [...(json.allOf ?? []), ...rest.map((m) => ({ multipleOf: m }))];
    }
};
const booleanProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const bigintProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "BigInt cannot be represented in JSON Schema");
};
const symbolProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Symbols cannot be represented in JSON Schema");
};
const nullProcessor = (_schema, ctx, json, _params) => {
    if (ctx.target === "openapi-3.0") {
        json.type = "string";
        json.nullable = true;
        json.enum = [null];
    }
    else {
        json.type = "null";
    }
};
const undefinedProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Undefined cannot be represented in JSON Schema");
};
const voidProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Void cannot be represented in JSON Schema");
};
const neverProcessor = (_schema, _ctx, json, _params) => {
    json.not = {};
};
const anyProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const unknownProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const dateProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Date cannot be represented in JSON Schema");
};
const enumProcessor = (schema, _ctx, json, _params) => {
    const def = schema._zod.def;
    const values = (0,core_util/* getEnumValues */.w5)(def.entries);
    // an empty enum accepts nothing, same as z.never()
    if (values.length === 0) {
        json.not = {};
        return;
    }
    // Number enums can have both string and number values
    if (values.every((v) => typeof v === "number"))
        json.type = "number";
    if (values.every((v) => typeof v === "string"))
        json.type = "string";
    json.enum = values;
};
const literalProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // a literal with no values accepts nothing, same as z.never()
    if (def.values.length === 0) {
        json.not = {};
        return;
    }
    const vals = [];
    for (const val of def.values) {
        if (val === undefined) {
            // a custom schema replaces the whole literal, so there is nothing left to accumulate
            if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema"))
                return;
            // otherwise do not add to vals
        }
        else if (typeof val === "bigint") {
            if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema"))
                return;
            vals.push(Number(val));
        }
        else {
            vals.push(val);
        }
    }
    if (vals.length === 0) {
        // do nothing (an undefined literal was stripped)
    }
    else if (vals.length === 1) {
        const val = vals[0];
        json.type = val === null ? "null" : typeof val;
        if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") {
            json.enum = [val];
        }
        else {
            json.const = val;
        }
    }
    else {
        if (vals.every((v) => typeof v === "number"))
            json.type = "number";
        if (vals.every((v) => typeof v === "string"))
            json.type = "string";
        if (vals.every((v) => typeof v === "boolean"))
            json.type = "boolean";
        if (vals.every((v) => v === null))
            json.type = "null";
        json.enum = vals;
    }
};
const nanProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "NaN cannot be represented in JSON Schema");
};
const templateLiteralProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    const pattern = schema._zod.pattern;
    if (!pattern)
        throw new Error("Pattern not found in template literal");
    _json.type = "string";
    _json.pattern = pattern.source;
};
const fileProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    _json.type = "string";
    _json.format = "binary";
    _json.contentEncoding = "binary";
    const { minimum, maximum, mime } = aggregateChecks(schema);
    if (minimum !== undefined)
        _json.minLength = minimum;
    if (maximum !== undefined)
        _json.maxLength = maximum;
    if (!mime)
        return;
    // an empty intersection means the mime checks share no value, so nothing passes at runtime; `anyOf` must be non-empty, so the false schema is `not: {}`
    if (mime.length === 0)
        _json.not = {};
    else if (mime.length === 1)
        _json.contentMediaType = mime[0];
    // only contentMediaType differs, so the shared props stay at the root
    else
        _json.anyOf = mime.map((m) => ({ contentMediaType: m }));
};
const successProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const customProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
};
const functionProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Function types cannot be represented in JSON Schema");
};
const transformProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
};
const mapProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Map cannot be represented in JSON Schema");
};
const setProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Set cannot be represented in JSON Schema");
};
// ==================== COMPOSITE TYPE PROCESSORS ====================
const arrayProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
    json.type = "array";
    json.items = to_json_schema_processSchema(def.element, ctx, {
        ...params,
        path: [...params.path, "items"],
    });
};
// Transform and catch set `optin = "optional"` at runtime so the parser lets them observe an
// absent key, but their declared input type stays required. An input JSON Schema describes the
// declared type, so resolve past them to the schema that actually carries the optionality.
// Used by both `objectProcessor` (for `required`) and `tupleProcessor` (for `minItems`); see
// wiki/optionality.md, "The JSON Schema emitter reads the *static* value".
function inputOptin(schema) {
    const def = schema._zod.def;
    if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) {
        return inputOptin(def.out);
    }
    if (def.type === "catch") {
        return inputOptin(def.innerType);
    }
    return schema._zod.optin;
}
const objectProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const shape = def.shape;
    // dropping it while still emitting `additionalProperties: false` would emit a schema that rejects data this one requires
    const symbolKeys = Object.getOwnPropertySymbols(shape);
    if (symbolKeys.length &&
        handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) {
        return;
    }
    json.type = "object";
    json.properties = {};
    for (const key in shape) {
        // assignProp so a __proto__ key becomes an own property instead of hitting the inherited setter on the plain {} we build into
        (0,core_util/* assignProp */.Vy)(json.properties, key, to_json_schema_processSchema(shape[key], ctx, {
            ...params,
            path: [...params.path, "properties", key],
        }));
    }
    // required keys
    const requiredKeys = [];
    for (const key of Object.keys(shape)) {
        const field = def.shape[key];
        if (ctx.io === "input" ? inputOptin(field) === undefined : field._zod.optout === undefined) {
            requiredKeys.push(key);
        }
    }
    if (requiredKeys.length > 0) {
        json.required = requiredKeys;
    }
    // catchall
    if (def.catchall?._zod.def.type === "never") {
        // strict
        json.additionalProperties = false;
    }
    else if (!def.catchall) {
        // regular
        if (ctx.io === "output")
            json.additionalProperties = false;
    }
    else if (def.catchall) {
        json.additionalProperties = to_json_schema_processSchema(def.catchall, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
};
const unionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // Exclusive unions (inclusive === false) use oneOf (exactly one match) instead of anyOf (one or more matches). This includes both z.xor() and discriminated unions
    const isExclusive = def.inclusive === false;
    const options = def.options.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, isExclusive ? "oneOf" : "anyOf", i],
    }));
    if (isExclusive) {
        json.oneOf = options;
    }
    else {
        json.anyOf = options;
    }
};
const intersectionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const a = to_json_schema_processSchema(def.left, ctx, {
        ...params,
        path: [...params.path, "allOf", 0],
    });
    const b = to_json_schema_processSchema(def.right, ctx, {
        ...params,
        path: [...params.path, "allOf", 1],
    });
    const isSimpleIntersection = (val) => "allOf" in val && Object.keys(val).length === 1;
    const allOf = [
        ...(isSimpleIntersection(a) ? a.allOf : [a]),
        ...(isSimpleIntersection(b) ? b.allOf : [b]),
    ];
    json.allOf = allOf;
    // Recorded innermost first, so a nested intersection has already folded by the time this one is considered. The array is the handle rather than the schema, because a wrapper that inherits this schema shares the same array; `finalize` folds every object holding it. See `foldIntersection`.
    ctx.intersections.push(allOf);
};
const tupleProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "array";
    const prefixPath = ctx.target === "draft-2020-12" ? "prefixItems" : "items";
    const restPath = ctx.target === "draft-2020-12" ? "items" : ctx.target === "openapi-3.0" ? "items" : "additionalItems";
    const prefixItems = def.items.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, prefixPath, i],
    }));
    const rest = def.rest
        ? to_json_schema_processSchema(def.rest, ctx, {
            ...params,
            path: [...params.path, restPath, ...(ctx.target === "openapi-3.0" ? [def.items.length] : [])],
        })
        : null;
    let minItems = def.items.length;
    while (minItems > 0) {
        const item = def.items[minItems - 1];
        const optional = ctx.io === "input" ? inputOptin(item) !== undefined : item._zod.optout === "optional";
        if (!optional)
            break;
        minItems--;
    }
    const maxItems = def.items.length;
    const isClosed = !def.rest;
    if (ctx.target === "draft-2020-12") {
        json.prefixItems = prefixItems;
        if (isClosed) {
            json.items = false;
        }
        else if (rest) {
            json.items = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else if (ctx.target === "openapi-3.0") {
        json.items = {
            anyOf: prefixItems,
        };
        if (rest) {
            json.items.anyOf.push(rest);
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else {
        json.items = prefixItems;
        if (isClosed) {
            json.additionalItems = false;
        }
        else if (rest) {
            json.additionalItems = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    // explicit user-defined length checks take precedence
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
};
/** JSON object keys are always strings, so a numeric record key schema is re-expressed over the
 * numeric-string form the record parser matches. Deferred to `finalize`, after the flatten: a key
 * behind a wrapper only carries its own `type` before then, and a union key only has its branches.
 *
 * A numeric bound cannot apply to a property name, so `minimum` and its siblings are dropped rather
 * than carried over: keeping them beside `type: "string"` reproduces the match-nothing schema this
 * exists to fix. A key that carries one therefore emits wider than the record parses — `z.record(z.number().min(5), V)`
 * accepts `"3"` — which is the deliberate trade, since throwing on it would reject an ordinary schema
 * outright. */
function stringifyKeyNames(bySchema, json, visited) {
    // an extracted key that rewrites cannot go on sharing its definition — the string form a key position needs is not the number form every other reference wants — so it inlines. One that does not rewrite keeps the `$ref`.
    if (json.$ref) {
        // a recursive key holds its own reference inside its definition, so a node already on the path is left alone rather than resolved again
        if (visited.has(json))
            return json;
        visited.add(json);
        const def = bySchema.get(json)?.def;
        if (!def)
            return json;
        const inlined = stringifyKeyNames(bySchema, def, visited);
        return inlined === def ? json : inlined;
    }
    for (const keyword of ["anyOf", "oneOf"]) {
        const branches = json[keyword];
        if (!Array.isArray(branches))
            continue;
        const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
        // rebuilding regardless would detach a key that had nothing to re-express, dropping its `$ref` and leaking the internal `id`
        if (mapped.some((branch, i) => branch !== branches[i]))
            json = { ...json, [keyword]: mapped };
    }
    // a member that already admits a string leaves the key unconstrained, so the node's own type re-expresses only when every member is numeric
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
    // a heterogeneous key carries no type at all, so its numeric members are caught here instead
    const values = json.enum ?? (json.const !== undefined ? [json.const] : undefined);
    if (!numericType && !values?.some((v) => typeof v === "number"))
        return json;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
    if (rest.enum)
        rest.enum = rest.enum.map((v) => (typeof v === "number" ? String(v) : v));
    else if (typeof rest.const === "number")
        rest.const = String(rest.const);
    // a heterogeneous key keeps its absent type: the stringified members already say what a key may be
    if (!numericType)
        return rest;
    rest.type = "string";
    if (!values)
        rest.pattern = (types.includes("number") ? number : integer).source;
    return rest;
}
/** Every record of one conversion, so the carriers are found in a single pass rather than once per record. */
const pendingRecords = new WeakMap();
function rewriteKeyNames(ctx) {
    // an extracted key is resolved by the object `extractToDef` left in its place, so the map is built once rather than searched per reference. `_zod.toJSONSchema` can hand the same object to two schemas, so the first entry carrying a body wins, as a search would have found it.
    const bySchema = new Map();
    for (const entry of ctx.seen.values()) {
        if (entry.def && !bySchema.has(entry.schema))
            bySchema.set(entry.schema, entry);
    }
    const rewrites = new Map();
    for (const record of pendingRecords.get(ctx) ?? []) {
        const seen = ctx.seen.get(record);
        const names = (seen?.def ?? seen?.schema)?.propertyNames;
        if (!names || names === true || rewrites.has(names))
            continue;
        const rewritten = stringifyKeyNames(bySchema, names, new Set());
        if (rewritten !== names)
            rewrites.set(names, rewritten);
    }
    if (!rewrites.size)
        return;
    // the flatten has already copied each record's own properties onto every wrapper by reference, and an extracted body is another such copy, so every carrier holding a rewritten key is updated together
    for (const entry of ctx.seen.values()) {
        for (const carrier of [entry.schema, entry.def]) {
            const rewritten = carrier && rewrites.get(carrier.propertyNames);
            if (rewritten)
                carrier.propertyNames = rewritten;
        }
    }
}
const recordProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "object";
    // For looseRecord with regex patterns, use patternProperties. This correctly represents "only validate keys matching the pattern" semantics and composes well with allOf (intersections)
    const keyType = def.keyType;
    const patterns = aggregateChecks(keyType).patterns;
    if (def.mode === "loose" && patterns && patterns.size > 0) {
        // Use patternProperties for looseRecord with regex patterns
        const valueSchema = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "patternProperties", "*"],
        });
        json.patternProperties = {};
        for (const pattern of patterns) {
            (0,core_util/* assignProp */.Vy)(json.patternProperties, exactPattern(pattern).source, valueSchema);
        }
    }
    else {
        // Default behavior: use propertyNames + additionalProperties
        if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
            json.propertyNames = to_json_schema_processSchema(def.keyType, ctx, {
                ...params,
                path: [...params.path, "propertyNames"],
            });
            let pending = pendingRecords.get(ctx);
            if (!pending) {
                pending = [];
                pendingRecords.set(ctx, pending);
                ctx.deferred.push(() => rewriteKeyNames(ctx));
            }
            pending.push(schema);
        }
        json.additionalProperties = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
    // Add required for keys with discrete values (enum, literal, etc.)
    const keyValues = keyType._zod.values;
    // Every key shares one value schema, so an optional-in value makes the whole key set omittable on input. Output keeps them: the exhaustive branch assigns every key, even one whose value came back undefined.
    const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== undefined;
    if (keyValues && !def.partial && !omittableOnInput) {
        const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
        if (validKeyValues.length > 0) {
            json.required = validKeyValues.map(String);
        }
    }
};
const nullableProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const inner = to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    if (ctx.target === "openapi-3.0") {
        seen.ref = def.innerType;
        json.nullable = true;
    }
    else {
        json.anyOf = [inner, { type: "null" }];
    }
};
const nonoptionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
/** Round-trips a default value through JSON so the emitted schema is guaranteed to be valid JSON.
 * A BigInt has no reliable encoding, so it goes through `unrepresentable` like any other
 * unrepresentable value. Returns a sentinel when the caller must not write a default of its own. */
const UNREPRESENTABLE_DEFAULT = Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
    let unrepresentable = false;
    const serialized = JSON.stringify(value, (_, val) => {
        if (typeof val !== "bigint")
            return val;
        unrepresentable = true;
        return null;
    });
    if (!unrepresentable)
        return JSON.parse(serialized);
    handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
    return UNREPRESENTABLE_DEFAULT;
}
const defaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json.default = value;
};
const prefaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    if (ctx.io !== "input")
        return;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json._prefault = value;
};
const catchProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    let catchValue;
    try {
        catchValue = def.catchValue(undefined);
    }
    catch {
        handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
        return;
    }
    json.default = catchValue;
};
const pipeProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    const inIsTransform = def.in._zod.traits.has("$ZodTransform");
    const innerType = ctx.io === "input" ? (inIsTransform ? def.out : def.in) : def.out;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
const readonlyProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    json.readOnly = true;
};
const promiseProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const optionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const lazyProcessor = (schema, ctx, _json, params) => {
    const innerType = schema._zod.innerType;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
// ==================== ALL PROCESSORS ====================
const allProcessors = {
    string: stringProcessor,
    number: numberProcessor,
    boolean: booleanProcessor,
    bigint: bigintProcessor,
    symbol: symbolProcessor,
    null: nullProcessor,
    undefined: undefinedProcessor,
    void: voidProcessor,
    never: neverProcessor,
    any: anyProcessor,
    unknown: unknownProcessor,
    date: dateProcessor,
    enum: enumProcessor,
    literal: literalProcessor,
    nan: nanProcessor,
    template_literal: templateLiteralProcessor,
    file: fileProcessor,
    success: successProcessor,
    custom: customProcessor,
    function: functionProcessor,
    transform: transformProcessor,
    map: mapProcessor,
    set: setProcessor,
    array: arrayProcessor,
    object: objectProcessor,
    union: unionProcessor,
    intersection: intersectionProcessor,
    tuple: tupleProcessor,
    record: recordProcessor,
    nullable: nullableProcessor,
    nonoptional: nonoptionalProcessor,
    default: defaultProcessor,
    prefault: prefaultProcessor,
    catch: catchProcessor,
    pipe: pipeProcessor,
    readonly: readonlyProcessor,
    promise: promiseProcessor,
    optional: optionalProcessor,
    lazy: lazyProcessor,
};
function toJSONSchema(input, params) {
    if ("_idmap" in input) {
        // Registry case
        const registry = input;
        const ctx = initializeContext({ ...params, processors: allProcessors });
        const defs = {};
        // First pass: process all schemas to build the seen map
        for (const entry of registry._idmap.entries()) {
            const [_, schema] = entry;
            processSchema(schema, ctx);
        }
        const schemas = {};
        const external = {
            registry,
            uri: params?.uri,
            defs,
        };
        // Update the context with external configuration
        ctx.external = external;
        // Second pass: emit each schema
        for (const entry of registry._idmap.entries()) {
            const [key, schema] = entry;
            extractDefs(ctx, schema);
            assignProp(schemas, key, finalize(ctx, schema));
        }
        if (Object.keys(defs).length > 0) {
            const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
            schemas.__shared = {
                [defsSegment]: defs,
            };
        }
        return { schemas };
    }
    // Single schema case
    const ctx = initializeContext({ ...params, processors: allProcessors });
    processSchema(input, ctx);
    extractDefs(ctx, input);
    return finalize(ctx, input);
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/locales/en.js

const error = () => {
    const Sizable = {
        string: { unit: "characters", verb: "to have" },
        file: { unit: "bytes", verb: "to have" },
        array: { unit: "items", verb: "to have" },
        set: { unit: "items", verb: "to have" },
        map: { unit: "entries", verb: "to have" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "input",
        email: "email address",
        url: "URL",
        emoji: "emoji",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO datetime",
        date: "ISO date",
        time: "ISO time",
        duration: "ISO duration",
        ipv4: "IPv4 address",
        ipv6: "IPv6 address",
        mac: "MAC address",
        cidrv4: "IPv4 range",
        cidrv6: "IPv6 range",
        base64: "base64-encoded string",
        base64url: "base64url-encoded string",
        json_string: "JSON string",
        e164: "E.164 number",
        currency_code: "currency code",
        credit_card: "credit card number",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "input",
    };
    // type names: missing keys = do not translate (use raw value via ?? fallback)
    const TypeDictionary = {
        // Compatibility: "nan" -> "NaN" for display
        nan: "NaN",
        // All other type names omitted - they fall back to raw values via ?? operator
    };
    function getTypeName(type, input) {
        if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
            return String(input);
        }
        return TypeDictionary[type] ?? type;
    }
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = getTypeName(issue.expected);
                const receivedType = core_util/* parsedType */.GW(issue.input);
                const received = getTypeName(receivedType, issue.input);
                return `Invalid input: expected ${expected}, received ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `Invalid input: expected ${core_util/* stringifyPrimitive */.B7(issue.values[0])}`;
                return `Invalid option: expected one of ${core_util/* joinValues */.jw(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
                return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with") {
                    return `Invalid string: must start with "${_issue.prefix}"`;
                }
                if (_issue.format === "ends_with")
                    return `Invalid string: must end with "${_issue.suffix}"`;
                if (_issue.format === "includes")
                    return `Invalid string: must include "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `Invalid string: must match pattern ${_issue.pattern}`;
                return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `Invalid number: must be a multiple of ${issue.divisor}`;
            case "unrecognized_keys":
                return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${core_util/* joinValues */.jw(issue.keys, ", ")}`;
            case "invalid_key":
                return `Invalid key in ${issue.origin}`;
            case "invalid_union":
                if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) {
                    const opts = issue.options.map((o) => `'${o}'`).join(" | ");
                    return `Invalid discriminator value. Expected ${opts}`;
                }
                if (issue.inclusive === false) {
                    return "Invalid input: more than one option matched";
                }
                return "Invalid input";
            case "invalid_element":
                return `Invalid value in ${issue.origin}`;
            default:
                return `Invalid input`;
        }
    };
};
/* harmony default export */ function en() {
    return {
        localeError: error(),
    };
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/errors.js


/* Computing the message eagerly is expensive (pretty-printed JSON of all
 * issues), so defer it until first read. The accessor functions and
 * descriptors are shared across instances to keep error construction
 * cheap; the computed message is cached on the internals object. The
 * setter preserves plain assignment semantics for consumers that
 * overwrite `message`. */
function _getMessage() {
    const internals = this._zod;
    internals.message ?? (internals.message = JSON.stringify(internals.def, core_util/* jsonStringifyReplacer */.k8, 2));
    return internals.message;
}
function _setMessage(value) {
    this._zod.message = value;
}
const _messageDesc = {
    get: _getMessage,
    set: _setMessage,
    enumerable: true,
    configurable: true,
};
const _issuesDesc = { value: undefined, enumerable: false };
/* Prototypes that already carry the lazy `toString`. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer = (inst, def) => {
    inst.name = "$ZodError";
    // `_zod` is already non-enumerable: $constructor's init defined it with this same descriptor
    _issuesDesc.value = def;
    Object.defineProperty(inst, "issues", _issuesDesc);
    // Clear the shared slot; a retained `value` pins the last error's issues.
    _issuesDesc.value = undefined;
    Object.defineProperty(inst, "message", _messageDesc);
    /* `toString` lives as a non-enumerable lazy getter on the shared
     * prototype; on first access it caches a per-instance closure so
     * detached usage still works. */
    const proto = Object.getPrototypeOf(inst);
    if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
            configurable: true,
            enumerable: false,
            get() {
                const value = () => this.message;
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
                return value;
            },
            set(value) {
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            },
        });
    }
};
const $ZodError = (0,core_core/* $constructor */.xI)("$ZodError", initializer);
const $ZodRealError = (0,core_core/* $constructor */.xI)("$ZodError", initializer, undefined, {
    Parent: Error,
});
/** Get-or-create `obj[key]` as an own data property. A path segment naming an inherited member
 * ("toString", "constructor") would otherwise read through to the prototype, and assigning
 * "__proto__" would hit the setter instead of creating a key. */
function node(obj, key, make) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) {
        if (key === "__proto__") {
            Object.defineProperty(obj, key, { value: make(), writable: true, enumerable: true, configurable: true });
        }
        else {
            obj[key] = make();
        }
    }
    return obj[key];
}
function flattenError(error, mapper = (issue) => issue.message) {
    const fieldErrors = {};
    const formErrors = [];
    for (const sub of error.issues) {
        if (sub.path.length > 0) {
            node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
        }
        else {
            formErrors.push(mapper(sub));
        }
    }
    return { formErrors, fieldErrors };
}
function formatError(error, mapper = (issue) => issue.message) {
    const fieldErrors = { _errors: [] };
    const processError = (error, path = []) => {
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    fieldErrors._errors.push(mapper(issue));
                }
                else {
                    let curr = fieldErrors;
                    let i = 0;
                    while (i < fullpath.length) {
                        const el = fullpath[i];
                        const terminal = i === fullpath.length - 1;
                        // `_errors` is reserved by this legacy format, so merge a matching path segment into the current node instead of treating its array as a child.
                        if (el === "_errors") {
                            if (terminal)
                                curr._errors.push(mapper(issue));
                            i++;
                            continue;
                        }
                        // A path element may collide with an inherited property name such as
                        // "__proto__" or "constructor". Truthiness checks read the prototype
                        // (so no node is created, then ._errors.push throws), and bracket
                        // assignment of "__proto__" hits the setter instead of creating an
                        // own key. Guard the read with hasOwnProperty and create the node
                        // with defineProperty so any path element becomes a real own key.
                        if (!Object.prototype.hasOwnProperty.call(curr, el)) {
                            Object.defineProperty(curr, el, {
                                value: { _errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        const node = curr[el];
                        if (terminal) {
                            node._errors.push(mapper(issue));
                        }
                        curr = node;
                        i++;
                    }
                }
            }
        }
    };
    processError(error);
    return fieldErrors;
}
function treeifyError(error, mapper = (issue) => issue.message) {
    const result = { errors: [] };
    const processError = (error, path = []) => {
        var _a;
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                // regular union error
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    result.errors.push(mapper(issue));
                    continue;
                }
                let curr = result;
                let i = 0;
                while (i < fullpath.length) {
                    const el = fullpath[i];
                    const terminal = i === fullpath.length - 1;
                    if (typeof el === "string") {
                        curr.properties ?? (curr.properties = {});
                        // el may collide with an inherited property name ("__proto__",
                        // "constructor", ...); ??= reads the prototype so the node is never
                        // created and curr.errors.push throws. Guard with hasOwnProperty and
                        // create the node with defineProperty so "__proto__" becomes a real
                        // own key rather than invoking the prototype setter.
                        if (!Object.prototype.hasOwnProperty.call(curr.properties, el)) {
                            Object.defineProperty(curr.properties, el, {
                                value: { errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        curr = curr.properties[el];
                    }
                    else {
                        curr.items ?? (curr.items = []);
                        (_a = curr.items)[el] ?? (_a[el] = { errors: [] });
                        curr = curr.items[el];
                    }
                    if (terminal) {
                        curr.errors.push(mapper(issue));
                    }
                    i++;
                }
            }
        }
    };
    processError(error);
    return result;
}
/** Format a ZodError as a human-readable string in the following form.
 *
 * From
 *
 * ```ts
 * ZodError {
 *   issues: [
 *     {
 *       expected: 'string',
 *       code: 'invalid_type',
 *       path: [ 'username' ],
 *       message: 'Invalid input: expected string'
 *     },
 *     {
 *       expected: 'number',
 *       code: 'invalid_type',
 *       path: [ 'favoriteNumbers', 1 ],
 *       message: 'Invalid input: expected number'
 *     }
 *   ];
 * }
 * ```
 *
 * to
 *
 * ```
 * username
 *   ✖ Expected number, received string at "username
 * favoriteNumbers[0]
 *   ✖ Invalid input: expected number
 * ```
 */
function toDotPath(_path) {
    const segs = [];
    const path = _path.map((seg) => (typeof seg === "object" ? seg.key : seg));
    for (const seg of path) {
        if (typeof seg === "number")
            segs.push(`[${seg}]`);
        else if (typeof seg === "symbol")
            segs.push(`[${JSON.stringify(String(seg))}]`);
        else if (/[^\w$]/.test(seg))
            segs.push(`[${JSON.stringify(seg)}]`);
        else {
            if (segs.length)
                segs.push(".");
            segs.push(seg);
        }
    }
    return segs.join("");
}
function prettifyError(error) {
    const lines = [];
    // sort by path length
    const issues = [...error.issues].sort((a, b) => (a.path ?? []).length - (b.path ?? []).length);
    // Process each issue
    for (const issue of issues) {
        lines.push(`✖ ${issue.message}`);
        if (issue.path?.length)
            lines.push(`  → at ${toDotPath(issue.path)}`);
    }
    // Convert Map to formatted string
    return lines.join("\n");
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/parse.js



// Always both keys, so the `_params` read site in `_parse` sees one object shape rather than two.
function finalizeParams(callee, params) {
    return { callee: params?.callee ?? callee, Err: params?.Err };
}
const _parse = (_Err) => {
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
            throw new core_core/* $ZodAsyncError */.GT();
        }
        if (result.issues.length) {
            const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())));
            core_util/* captureStackTrace */.gx(e, _params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parse = /* @__PURE__*/ _parse($ZodRealError);
const _parseAsync = (_Err) => {
    const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
            result = await result;
        if (result.issues.length) {
            const e = new (params?.Err ?? _Err)(result.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())));
            core_util/* captureStackTrace */.gx(e, params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parseAsync = /* @__PURE__*/ _parseAsync($ZodRealError);
const _safeParse = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
        throw new core_core/* $ZodAsyncError */.GT();
    }
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParse = /* @__PURE__*/ _safeParse($ZodRealError);
// the error is built on the first read of `error`: finalizing the issues and constructing the instance is most of a failing parse, and a caller that only branches on `success` never pays it. a getter in the literal keeps this small; the alternative, one shared accessor descriptor plus a hidden state slot, reads ~15% faster but costs ~75 B gzipped in every bundle
function failure(Err, issues, ctx) {
    let error;
    return {
        success: false,
        get error() {
            if (!error) {
                error = new Err(issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())));
                // finalizeIssue drops `input`, so the built error holds nothing; keeping the raw issues past this point pins the parsed value for the life of the result
                issues = undefined;
                ctx = undefined;
            }
            return error;
        },
        set error(e) {
            error = e;
            // a replacement makes the getter's branch unreachable, so the captures have to go here too
            issues = undefined;
            ctx = undefined;
        },
    };
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParseAsync = /* @__PURE__*/ _safeParseAsync($ZodRealError);
// registry mirrors of the compiler's sentinels, so this module never imports the compiler
const COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
const COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
// Deliberately tiny, because v8 will not inline a body carrying the fallback's object literals and throw. Everything that is not the compiled happy path lives in validateFallback, and that split is worth ~35% on a compiled schema.
const validate = ((schema, value, _ctx) => {
    const validator = schema._zod.bag.validator;
    if (validator !== undefined) {
        if (validator(value) !== COMPILE_INVALID)
            return true;
        // a definite sentinel means the runtime would reject, so skip the re-parse; a ctx can still change the answer
        if (validator.definite === true && _ctx === undefined)
            return false;
    }
    return validateFallback(schema, value, _ctx);
});
function validateFallback(schema, value, _ctx) {
    const ctx = _ctx
        ? { ..._ctx, async: false, abortEarly: true }
        : { async: false, abortEarly: true };
    const fallbackRun = schema._zod.bag.fallbackRun;
    let result;
    if (fallbackRun) {
        // skip nested fast paths on the fallback, so user callbacks keep the at-most-twice bound
        ctx[COMPILE_FALLBACK] = true;
        result = fallbackRun({ value, issues: [] }, ctx);
    }
    else {
        result = schema._zod.run({ value, issues: [] }, ctx);
    }
    if (result instanceof Promise) {
        throw new core_core/* $ZodAsyncError */.GT();
    }
    return result.issues.length === 0;
}
// no fast path: the compiler keeps async parses on the runtime, because a promise-returning callback that is not declared async compiles to a throw
const parse_validateAsync = async (schema, value, _ctx) => {
    const ctx = _ctx
        ? { ..._ctx, async: true, abortEarly: true }
        : { async: true, abortEarly: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length === 0;
};
const _encode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return parse(schema, value, ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const encode = /* @__PURE__*/ _encode($ZodRealError);
const _decode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        return parse(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decode = /* @__PURE__*/ _decode($ZodRealError);
const _encodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return (await parseAsync(schema, value, ctx, finalizeParams(fn, _params)));
    };
    return fn;
};
const encodeAsync = /* @__PURE__*/ _encodeAsync($ZodRealError);
const _decodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        return await parseAsync(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decodeAsync = /* @__PURE__*/ _decodeAsync($ZodRealError);
const _safeEncode = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParse(_Err)(schema, value, ctx);
};
const safeEncode = /* @__PURE__*/ _safeEncode($ZodRealError);
const _safeDecode = (_Err) => (schema, value, _ctx) => {
    return _safeParse(_Err)(schema, value, _ctx);
};
const safeDecode = /* @__PURE__*/ _safeDecode($ZodRealError);
const _safeEncodeAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParseAsync(_Err)(schema, value, ctx);
};
const safeEncodeAsync = /* @__PURE__*/ _safeEncodeAsync($ZodRealError);
const _safeDecodeAsync = (_Err) => async (schema, value, _ctx) => {
    return _safeParseAsync(_Err)(schema, value, _ctx);
};
const safeDecodeAsync = /* @__PURE__*/ _safeDecodeAsync($ZodRealError);

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/errors.js



/* Prototypes that already carry the lazy helper methods. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
/* Helper methods live as non-enumerable lazy getters on the shared
 * prototype instead of own properties on every instance. On first
 * access the getter allocates the per-instance closure and caches it
 * as a non-enumerable own property, so detached usage still works and
 * the allocation only happens for methods actually touched. */
function _lazyMethod(proto, key, make) {
    Object.defineProperty(proto, key, {
        configurable: true,
        enumerable: false,
        get() {
            const value = make(this);
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
            return value;
        },
        set(value) {
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
        },
    });
}
const errors_initializer = (inst, issues) => {
    $ZodError.init(inst, issues);
    inst.name = "ZodError";
    const proto = Object.getPrototypeOf(inst);
    if (_installedErrorProtos.has(proto))
        return;
    _installedErrorProtos.add(proto);
    _lazyMethod(proto, "format", (self) => (mapper) => formatError(self, mapper));
    _lazyMethod(proto, "flatten", (self) => (mapper) => flattenError(self, mapper));
    _lazyMethod(proto, "addIssue", (self) => (issue) => {
        self.issues.push(issue);
        self.message = JSON.stringify(self.issues, core_util/* jsonStringifyReplacer */.k8, 2);
    });
    _lazyMethod(proto, "addIssues", (self) => (issues) => {
        self.issues.push(...issues);
        self.message = JSON.stringify(self.issues, core_util/* jsonStringifyReplacer */.k8, 2);
    });
    Object.defineProperty(proto, "isEmpty", {
        configurable: true,
        enumerable: false,
        get() {
            return this.issues.length === 0;
        },
    });
};
const ZodError = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodError", errors_initializer)));
const ZodRealError = /*@__PURE__*/ core_core/* $constructor */.xI("ZodError", errors_initializer, undefined, {
    Parent: Error,
});
// /** @deprecated Use `z.core.$ZodErrorMapCtx` instead. */
// export type ErrorMapCtx = core.$ZodErrorMapCtx;

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/parse.js


const classic_parse_parse = /* @__PURE__ */ _parse(ZodRealError);
const classic_parse_parseAsync = /* @__PURE__ */ _parseAsync(ZodRealError);
const parse_safeParse = /* @__PURE__ */ _safeParse(ZodRealError);
const parse_safeParseAsync = /* @__PURE__ */ _safeParseAsync(ZodRealError);

// Codec functions
const parse_encode = /* @__PURE__ */ _encode(ZodRealError);
const parse_decode = /* @__PURE__ */ _decode(ZodRealError);
const parse_encodeAsync = /* @__PURE__ */ _encodeAsync(ZodRealError);
const parse_decodeAsync = /* @__PURE__ */ _decodeAsync(ZodRealError);
const parse_safeEncode = /* @__PURE__ */ _safeEncode(ZodRealError);
const parse_safeDecode = /* @__PURE__ */ _safeDecode(ZodRealError);
const parse_safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(ZodRealError);
const parse_safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(ZodRealError);

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/schemas.js








// Register English as the default locale on first ZodType construction. Hooked into the `ZodType` `$constructor` (rather than a top-level `config(en())` in `external.ts`) so bundlers honoring `sideEffects: false` can't tree-shake it out — see #5953, #5725. An explicit `z.config(z.locales.xx())` call wins regardless of order, since this only sets the default when none is present.
function _ensureDefaultLocale() {
    if (!core_core/* globalConfig */.cr.localeError)
        core_core/* config */.$W(en());
}
// the default memoizer is read by the core container init, which runs before `ZodType.init`, so each container calls this first
function _ensureDefaultMemoizer() {
    if (!core_core/* globalConfig */.cr.memoizer)
        core_core/* config */.$W({ memoizer: memoizer() });
}
const ZodType = /*@__PURE__*/ core_core/* $constructor */.xI("ZodType", (inst, def) => {
    _ensureDefaultLocale();
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
    return inst;
}, {
    check(...chks) {
        const def = this.def;
        return this.clone(core_util/* mergeDefs */.zM(def, {
            checks: [
                ...(def.checks ?? []),
                ...chks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }), { parent: true });
    },
    with(...chks) {
        return this.check(...chks);
    },
    clone(def, params) {
        return core_util/* clone */.o8(this, def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    refine(check, params) {
        return this.check(refine(check, params));
    },
    superRefine(refinement, params) {
        return this.check(superRefine(refinement, params));
    },
    overwrite(fn) {
        return this.check(_overwrite(fn));
    },
    optional() {
        return optional(this);
    },
    exactOptional() {
        return exactOptional(this);
    },
    nullable() {
        return nullable(this);
    },
    nullish() {
        return optional(nullable(this));
    },
    nonoptional(params) {
        return nonoptional(this, params);
    },
    array() {
        return array(this);
    },
    or(arg) {
        return union([this, arg]);
    },
    and(arg) {
        return intersection(this, arg);
    },
    transform(tx) {
        return pipe(this, transform(tx));
    },
    default(d) {
        return schemas_default(this, d);
    },
    prefault(d) {
        return prefault(this, d);
    },
    catch(params) {
        return schemas_catch(this, params);
    },
    pipe(target) {
        return pipe(this, target);
    },
    readonly() {
        return readonly(this);
    },
    describe(description) {
        const cl = this.clone();
        globalRegistry.add(cl, { description });
        return cl;
    },
    meta(...args) {
        // overloaded: meta() returns the registered metadata, meta(data) returns a clone with `data` registered. The mapped type picks up the second overload, so we accept variadic any-args and return `any` to satisfy both at runtime.
        if (args.length === 0)
            return globalRegistry.get(this);
        const cl = this.clone();
        globalRegistry.add(cl, args[0]);
        return cl;
    },
    isOptional() {
        return this.safeParse(undefined).success;
    },
    isNullable() {
        return this.safeParse(null).success;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
    // Overrides core's `~standard` to add `jsonSchema`. Must stay a prototype entry: redefining it per instance demotes instances to dictionary mode.
    get "~standard"() {
        return core_util/* hide */.jD(this, "~standard", {
            ...standardProps(this),
            jsonSchema: {
                input: createStandardJSONSchemaMethod(this, "input"),
                output: createStandardJSONSchemaMethod(this, "output"),
            },
        });
    },
    set "~standard"(value) {
        core_util/* own */.qh(this, "~standard", value);
    },
    parse: function _parse(data, params) {
        return classic_parse_parse(this, data, params, { callee: _parse });
    },
    parseAsync: async function _parseAsync(data, params) {
        return await classic_parse_parseAsync(this, data, params, { callee: _parseAsync });
    },
    safeParse(data, params) {
        return parse_safeParse(this, data, params);
    },
    async safeParseAsync(data, params) {
        return parse_safeParseAsync(this, data, params);
    },
    // `spa` is an alias: same function object as `safeParseAsync`, as before.
    get spa() {
        return this?.safeParseAsync;
    },
    set spa(value) {
        core_util/* own */.qh(this, "spa", value);
    },
    validate(data, params) {
        return validate(this, data, params);
    },
    validateAsync(data, params) {
        return parse_validateAsync(this, data, params);
    },
    encode: function _encode(data, params) {
        return parse_encode(this, data, params, { callee: _encode });
    },
    decode: function _decode(data, params) {
        return parse_decode(this, data, params, { callee: _decode });
    },
    encodeAsync: async function _encodeAsync(data, params) {
        return await parse_encodeAsync(this, data, params, { callee: _encodeAsync });
    },
    decodeAsync: async function _decodeAsync(data, params) {
        return await parse_decodeAsync(this, data, params, { callee: _decodeAsync });
    },
    safeEncode(data, params) {
        return parse_safeEncode(this, data, params);
    },
    safeDecode(data, params) {
        return parse_safeDecode(this, data, params);
    },
    async safeEncodeAsync(data, params) {
        return parse_safeEncodeAsync(this, data, params);
    },
    async safeDecodeAsync(data, params) {
        return parse_safeDecodeAsync(this, data, params);
    },
    toJSONSchema(params) {
        return createToJSONSchemaMethod(this, {})(params);
    },
    // Reads through to the registry on every access, so it must not cache.
    get description() {
        return globalRegistry.get(this)?.description;
    },
    // No setter: `schema._def = x` throws, as it did when `_def` was a non-writable own property.
    get _def() {
        return this._zod.def;
    },
});
/** @internal */
const _ZodString = /*@__PURE__*/ core_core/* $constructor */.xI("_ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ core_util/* derived */.un({
    format: (inst) => aggregateChecks(inst).format ?? null,
    minLength: (inst) => aggregateChecks(inst).minimum ?? null,
    maxLength: (inst) => aggregateChecks(inst).maximum ?? null,
}, {
    regex(...args) {
        return this.check(_regex(...args));
    },
    includes(...args) {
        return this.check(_includes(...args));
    },
    startsWith(...args) {
        return this.check(_startsWith(...args));
    },
    endsWith(...args) {
        return this.check(_endsWith(...args));
    },
    min(...args) {
        return this.check(_minLength(...args));
    },
    max(...args) {
        return this.check(_maxLength(...args));
    },
    length(...args) {
        return this.check(_length(...args));
    },
    nonempty(...args) {
        return this.check(_minLength(1, ...args));
    },
    lowercase(params) {
        return this.check(_lowercase(params));
    },
    uppercase(params) {
        return this.check(_uppercase(params));
    },
    trim() {
        return this.check(_trim());
    },
    normalize(...args) {
        return this.check(_normalize(...args));
    },
    toLowerCase() {
        return this.check(_toLowerCase());
    },
    toUpperCase() {
        return this.check(_toUpperCase());
    },
    slugify() {
        return this.check(_slugify());
    },
}));
const ZodString = /*@__PURE__*/ core_core/* $constructor */.xI("ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    _ZodString.init(inst, def);
}, {
    email(params) {
        return this.check(_email(ZodEmail, params));
    },
    url(params) {
        return this.check(_url(ZodURL, params));
    },
    jwt(params) {
        return this.check(_jwt(ZodJWT, params));
    },
    emoji(params) {
        return this.check(api_emoji(ZodEmoji, params));
    },
    guid(params) {
        return this.check(_guid(ZodGUID, params));
    },
    uuid(params) {
        return this.check(_uuid(ZodUUID, params));
    },
    uuidv4(params) {
        return this.check(_uuidv4(ZodUUID, params));
    },
    uuidv6(params) {
        return this.check(_uuidv6(ZodUUID, params));
    },
    uuidv7(params) {
        return this.check(_uuidv7(ZodUUID, params));
    },
    nanoid(params) {
        return this.check(_nanoid(ZodNanoID, params));
    },
    cuid(params) {
        return this.check(_cuid(ZodCUID, params));
    },
    cuid2(params) {
        return this.check(_cuid2(ZodCUID2, params));
    },
    ulid(params) {
        return this.check(_ulid(ZodULID, params));
    },
    base64(params) {
        return this.check(_base64(ZodBase64, params));
    },
    base64url(params) {
        return this.check(_base64url(ZodBase64URL, params));
    },
    xid(params) {
        return this.check(_xid(ZodXID, params));
    },
    ksuid(params) {
        return this.check(_ksuid(ZodKSUID, params));
    },
    ipv4(params) {
        return this.check(_ipv4(ZodIPv4, params));
    },
    ipv6(params) {
        return this.check(_ipv6(ZodIPv6, params));
    },
    cidrv4(params) {
        return this.check(_cidrv4(ZodCIDRv4, params));
    },
    cidrv6(params) {
        return this.check(_cidrv6(ZodCIDRv6, params));
    },
    e164(params) {
        return this.check(_e164(ZodE164, params));
    },
    datetime(params) {
        return this.check(_isoDateTime(ZodISODateTime, params));
    },
    date(params) {
        return this.check(_isoDate(ZodISODate, params));
    },
    time(params) {
        return this.check(_isoTime(ZodISOTime, params));
    },
    duration(params) {
        return this.check(_isoDuration(ZodISODuration, params));
    },
});
function schemas_string(params) {
    return _string(ZodString, params);
}
const ZodStringFormat = /*@__PURE__*/ core_core/* $constructor */.xI("ZodStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    _ZodString.init(inst, def);
});
const ZodISODateTime = /*@__PURE__*/ core_core/* $constructor */.xI("ZodISODateTime", (inst, def) => {
    $ZodISODateTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODate = /*@__PURE__*/ core_core/* $constructor */.xI("ZodISODate", (inst, def) => {
    $ZodISODate.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISOTime = /*@__PURE__*/ core_core/* $constructor */.xI("ZodISOTime", (inst, def) => {
    $ZodISOTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODuration = /*@__PURE__*/ core_core/* $constructor */.xI("ZodISODuration", (inst, def) => {
    $ZodISODuration.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodEmail = /*@__PURE__*/ core_core/* $constructor */.xI("ZodEmail", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmail.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_email(params) {
    return core._email(ZodEmail, params);
}
const ZodGUID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodGUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodGUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_guid(params) {
    return core._guid(ZodGUID, params);
}
const ZodUUID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodUUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodUUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_uuid(params) {
    return core._uuid(ZodUUID, params);
}
function uuidv4(params) {
    return core._uuidv4(ZodUUID, params);
}
// ZodUUIDv6
function uuidv6(params) {
    return core._uuidv6(ZodUUID, params);
}
// ZodUUIDv7
function uuidv7(params) {
    return core._uuidv7(ZodUUID, params);
}
const ZodURL = /*@__PURE__*/ core_core/* $constructor */.xI("ZodURL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodURL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function url(params) {
    return core._url(ZodURL, params);
}
function httpUrl(params) {
    return core._url(ZodURL, {
        protocol: regexes.httpProtocol,
        hostname: regexes.domain,
        ...util.normalizeParams(params),
    });
}
const ZodEmoji = /*@__PURE__*/ core_core/* $constructor */.xI("ZodEmoji", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmoji.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_emoji(params) {
    return core._emoji(ZodEmoji, params);
}
const ZodNanoID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNanoID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodNanoID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_nanoid(params) {
    return core._nanoid(ZodNanoID, params);
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const ZodCUID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
/**
 * Validates a CUID v1 string.
 *
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2 | `z.cuid2()`} instead.
 * See https://github.com/paralleldrive/cuid.
 */
function schemas_cuid(params) {
    return core._cuid(ZodCUID, params);
}
const ZodCUID2 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCUID2", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID2.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cuid2(params) {
    return core._cuid2(ZodCUID2, params);
}
const ZodULID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodULID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodULID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ulid(params) {
    return core._ulid(ZodULID, params);
}
const ZodXID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodXID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodXID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_xid(params) {
    return core._xid(ZodXID, params);
}
const ZodKSUID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodKSUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodKSUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ksuid(params) {
    return core._ksuid(ZodKSUID, params);
}
const ZodIPv4 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodIPv4", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv4(params) {
    return core._ipv4(ZodIPv4, params);
}
const ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMAC", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodMAC.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_mac(params) {
    return core._mac(ZodMAC, params);
}
const ZodIPv6 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodIPv6", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv6(params) {
    return core._ipv6(ZodIPv6, params);
}
const ZodCIDRv4 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCIDRv4", (inst, def) => {
    $ZodCIDRv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv4(params) {
    return core._cidrv4(ZodCIDRv4, params);
}
const ZodCIDRv6 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCIDRv6", (inst, def) => {
    $ZodCIDRv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv6(params) {
    return core._cidrv6(ZodCIDRv6, params);
}
const ZodBase64 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodBase64", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64(params) {
    return core._base64(ZodBase64, params);
}
const ZodBase64URL = /*@__PURE__*/ core_core/* $constructor */.xI("ZodBase64URL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64URL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64url(params) {
    return core._base64url(ZodBase64URL, params);
}
const ZodE164 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodE164", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodE164.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_e164(params) {
    return core._e164(ZodE164, params);
}
const ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCreditCard", (inst, def) => {
    core.$ZodCreditCard.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_creditCard(params) {
    return core._creditCard(ZodCreditCard, params);
}
const ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodIBAN", (inst, def) => {
    core.$ZodIBAN.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_iban(params) {
    return core._iban(ZodIBAN, params);
}
const ZodJWT = /*@__PURE__*/ core_core/* $constructor */.xI("ZodJWT", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodJWT.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function jwt(params) {
    return core._jwt(ZodJWT, params);
}
const ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCustomStringFormat", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodCustomStringFormat.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function stringFormat(format, fnOrRegex, _params = {}) {
    return core._stringFormat(ZodCustomStringFormat, format, fnOrRegex, _params);
}
function schemas_hostname(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hostname", regexes.hostname, _params);
}
function schemas_hex(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hex", regexes.hex, _params);
}
function schemas_currencyCode(_params) {
    return core._stringFormat(ZodCustomStringFormat, "currency_code", regexes.currencyCode, _params);
}
function hash(alg, params) {
    const enc = params?.enc ?? "hex";
    const format = `${alg}_${enc}`;
    const regex = core.regexes[format];
    if (!regex)
        throw new Error(`Unrecognized hash format: ${format}`);
    return core._stringFormat(ZodCustomStringFormat, format, regex, params);
}
const ZodNumber = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
    inst.isFinite = true;
}, 
/*@__PURE__*/ core_util/* derived */.un({
    minValue: (inst) => {
        const { minimum, exclusiveMinimum } = aggregateChecks(inst);
        return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
    },
    maxValue: (inst) => {
        const { maximum, exclusiveMaximum } = aggregateChecks(inst);
        return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
    },
    isInt: (inst) => {
        const { isInt, multipleOf } = aggregateChecks(inst);
        return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
    },
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    int(params) {
        return this.check(schemas_int(params));
    },
    safe(params) {
        return this.check(schemas_int(params));
    },
    positive(params) {
        return this.check(_gt(0, params));
    },
    nonnegative(params) {
        return this.check(_gte(0, params));
    },
    negative(params) {
        return this.check(_lt(0, params));
    },
    nonpositive(params) {
        return this.check(_lte(0, params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
    step(value, params) {
        return this.check(_multipleOf(value, params));
    },
    finite() {
        return this;
    },
}));
function schemas_number(params) {
    return _number(ZodNumber, params);
}
const ZodNumberFormat = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodNumber.init(inst, def);
});
function schemas_int(params) {
    return _int(ZodNumberFormat, params);
}
function float32(params) {
    return core._float32(ZodNumberFormat, params);
}
function float64(params) {
    return core._float64(ZodNumberFormat, params);
}
function int32(params) {
    return core._int32(ZodNumberFormat, params);
}
function uint32(params) {
    return core._uint32(ZodNumberFormat, params);
}
const ZodBoolean = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodBoolean", (inst, def) => {
    core.$ZodBoolean.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.booleanProcessor(inst, ctx, json, params);
})));
function schemas_boolean(params) {
    return core._boolean(ZodBoolean, params);
}
const ZodBigInt = /*@__PURE__*/ core_core/* $constructor */.xI("ZodBigInt", (inst, def) => {
    $ZodBigInt.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => bigintProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ core_util/* derived */.un({
    minValue: (inst) => aggregateChecks(inst).minimum ?? null,
    maxValue: (inst) => aggregateChecks(inst).maximum ?? null,
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    positive(params) {
        return this.check(_gt(BigInt(0), params));
    },
    negative(params) {
        return this.check(_lt(BigInt(0), params));
    },
    nonpositive(params) {
        return this.check(_lte(BigInt(0), params));
    },
    nonnegative(params) {
        return this.check(_gte(BigInt(0), params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
}));
function schemas_bigint(params) {
    return core._bigint(ZodBigInt, params);
}
const ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodBigIntFormat", (inst, def) => {
    core.$ZodBigIntFormat.init(inst, def);
    ZodBigInt.init(inst, def);
})));
function int64(params) {
    return core._int64(ZodBigIntFormat, params);
}
function uint64(params) {
    return core._uint64(ZodBigIntFormat, params);
}
const ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSymbol", (inst, def) => {
    core.$ZodSymbol.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.symbolProcessor(inst, ctx, json, params);
})));
function symbol(params) {
    return core._symbol(ZodSymbol, params);
}
const ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodUndefined", (inst, def) => {
    core.$ZodUndefined.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.undefinedProcessor(inst, ctx, json, params);
})));
function schemas_undefined(params) {
    return core._undefined(ZodUndefined, params);
}

const ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNull", (inst, def) => {
    core.$ZodNull.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nullProcessor(inst, ctx, json, params);
})));
function schemas_null(params) {
    return core._null(ZodNull, params);
}

const ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodAny", (inst, def) => {
    core.$ZodAny.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.anyProcessor(inst, ctx, json, params);
})));
function any() {
    return core._any(ZodAny);
}
const ZodUnknown = /*@__PURE__*/ core_core/* $constructor */.xI("ZodUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unknownProcessor(inst, ctx, json, params);
});
function unknown() {
    return _unknown(ZodUnknown);
}
const ZodNever = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json, params);
});
function never(params) {
    return _never(ZodNever, params);
}
const ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodVoid", (inst, def) => {
    core.$ZodVoid.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.voidProcessor(inst, ctx, json, params);
})));
function schemas_void(params) {
    return core._void(ZodVoid, params);
}

const ZodDate = /*@__PURE__*/ core_core/* $constructor */.xI("ZodDate", (inst, def) => {
    $ZodDate.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => dateProcessor(inst, ctx, json, params);
    inst.min = (value, params) => inst.check(_gte(value, params));
    inst.max = (value, params) => inst.check(_lte(value, params));
}, 
/*@__PURE__*/ core_util/* derived */.un({
    minDate: (inst) => {
        const { minimum } = aggregateChecks(inst);
        return minimum ? new Date(minimum) : null;
    },
    maxDate: (inst) => {
        const { maximum } = aggregateChecks(inst);
        return maximum ? new Date(maximum) : null;
    },
}, {}));
function schemas_date(params) {
    return core._date(ZodDate, params);
}
const ZodArray = /*@__PURE__*/ core_core/* $constructor */.xI("ZodArray", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodArray.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
    inst.element = def.element;
}, {
    min(n, params) {
        return this.check(_minLength(n, params));
    },
    nonempty(params) {
        return this.check(_minLength(1, params));
    },
    max(n, params) {
        return this.check(_maxLength(n, params));
    },
    length(n, params) {
        return this.check(_length(n, params));
    },
    unwrap() {
        return this.element;
    },
});
function array(element, params) {
    return _array(ZodArray, element, params);
}
// .keyof
function keyof(schema) {
    const shape = schema._zod.def.shape;
    return schemas_enum(Object.keys(shape));
}
const ZodObject = /*@__PURE__*/ core_core/* $constructor */.xI("ZodObject", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodObjectJIT.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
    core_util/* installLazyProp */.X(inst, "shape", (self) => self._zod.def.shape, false);
}, {
    keyof() {
        return schemas_enum(Object.keys(this._zod.def.shape));
    },
    catchall(catchall) {
        // `mergeDefs` rather than a spread: spreading reads `shape`, and resolving it can mint a whole fresh subtree
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: catchall }));
    },
    passthrough() {
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: unknown() }));
    },
    loose() {
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: unknown() }));
    },
    strict() {
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: never() }));
    },
    strip() {
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: undefined }));
    },
    extend(incoming) {
        return core_util/* extend */.X$(this, incoming);
    },
    safeExtend(incoming) {
        return core_util/* safeExtend */.W0(this, incoming);
    },
    merge(other) {
        return core_util/* merge */.h1(this, other);
    },
    pick(mask) {
        return core_util/* pick */.Up(this, mask);
    },
    omit(mask) {
        return core_util/* omit */.cJ(this, mask);
    },
    partial(...args) {
        return core_util/* partial */.OH(ZodOptional, this, args[0]);
    },
    exactPartial(...args) {
        return core_util/* partial */.OH(ZodExactOptional, this, args[0], "exactPartial");
    },
    required(...args) {
        return core_util/* required */.mw(ZodNonOptional, this, args[0]);
    },
});
function object(shape, params) {
    const def = {
        type: "object",
        shape: shape ?? {},
        ...core_util/* normalizeParams */.A2(params),
    };
    return new ZodObject(def);
}
// strictObject
function strictObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: never(),
        ...core_util/* normalizeParams */.A2(params),
    });
}
// looseObject
function looseObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: unknown(),
        ...util.normalizeParams(params),
    });
}
const ZodUnion = /*@__PURE__*/ core_core/* $constructor */.xI("ZodUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
});
function union(options, params) {
    return new ZodUnion({
        type: "union",
        options: options,
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodXor", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodXor.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
})));
/** Creates an exclusive union (XOR) where exactly one option must match.
 * Unlike regular unions that succeed when any option matches, xor fails if
 * zero or more than one option matches the input. */
function xor(options, params) {
    return new ZodXor({
        type: "union",
        options: options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
const ZodDiscriminatedUnion = /*@__PURE__*/ core_core/* $constructor */.xI("ZodDiscriminatedUnion", (inst, def) => {
    ZodUnion.init(inst, def);
    $ZodDiscriminatedUnion.init(inst, def);
});
function discriminatedUnion(discriminator, options, params) {
    // const [options, params] = args;
    return new ZodDiscriminatedUnion({
        type: "union",
        options: options,
        discriminator,
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodIntersection = /*@__PURE__*/ core_core/* $constructor */.xI("ZodIntersection", (inst, def) => {
    $ZodIntersection.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
    return new ZodIntersection({
        type: "intersection",
        left: left,
        right: right,
    });
}
const ZodTuple = /*@__PURE__*/ core_core/* $constructor */.xI("ZodTuple", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTuple.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => tupleProcessor(inst, ctx, json, params);
}, {
    rest(rest) {
        return this.clone({
            ...this._zod.def,
            rest: rest,
        });
    },
    partial() {
        const def = this._zod.def;
        // a refinement was authored against the full arity; partialing would run it on a shorter array
        if (def.checks?.length)
            throw new Error(".partial() cannot be used on tuple schemas containing refinements");
        return this.clone({
            ...def,
            items: def.items.map((item) => new ZodOptional({ type: "optional", innerType: item })),
        });
    },
});
function tuple(items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof $ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new ZodTuple({
        type: "tuple",
        items: items,
        rest,
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodRecord = /*@__PURE__*/ core_core/* $constructor */.xI("ZodRecord", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodRecord.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => recordProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
});
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodRecord({
            type: "record",
            keyType: schemas_string(),
            valueType: keyType,
            ...core_util/* normalizeParams */.A2(valueType),
        });
    }
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// type alksjf = core.output<core.$ZodRecordKey>;
function partialRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
        partial: true,
    });
}
function looseRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        mode: "loose",
        ...util.normalizeParams(params),
    });
}
const ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMap", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodMap.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.mapProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function map(keyType, valueType, params) {
    return new ZodMap({
        type: "map",
        keyType: keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSet", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodSet.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.setProcessor(inst, ctx, json, params);
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function set(valueType, params) {
    return new ZodSet({
        type: "set",
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodEnum = /*@__PURE__*/ core_core/* $constructor */.xI("ZodEnum", (inst, def) => {
    $ZodEnum.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json, params);
    inst.enum = def.entries;
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
    const keys = new Set(Object.keys(def.entries));
    inst.extract = (values, params) => {
        const newEntries = {};
        for (const value of values) {
            if (keys.has(value)) {
                newEntries[value] = def.entries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...core_util/* normalizeParams */.A2(params),
            entries: newEntries,
        });
    };
    inst.exclude = (values, params) => {
        const newEntries = { ...def.entries };
        for (const value of values) {
            if (keys.has(value)) {
                delete newEntries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...core_util/* normalizeParams */.A2(params),
            entries: newEntries,
        });
    };
});
function schemas_enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodEnum({
        type: "enum",
        entries,
        ...core_util/* normalizeParams */.A2(params),
    });
}

/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function nativeEnum(entries, params) {
    return new ZodEnum({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
const ZodLiteral = /*@__PURE__*/ core_core/* $constructor */.xI("ZodLiteral", (inst, def) => {
    $ZodLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => literalProcessor(inst, ctx, json, params);
    inst.values = new Set(def.values);
    Object.defineProperty(inst, "value", {
        get() {
            if (def.values.length > 1) {
                throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
            }
            return def.values[0];
        },
    });
});
function literal(value, params) {
    return new ZodLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFile", (inst, def) => {
    core.$ZodFile.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.fileProcessor(inst, ctx, json, params);
    inst.min = (size, params) => inst.check(core._minSize(size, params));
    inst.max = (size, params) => inst.check(core._maxSize(size, params));
    inst.mime = (types, params) => inst.check(core._mime(Array.isArray(types) ? types : [types], params));
})));
function file(params) {
    return core._file(ZodFile, params);
}
const ZodTransform = /*@__PURE__*/ core_core/* $constructor */.xI("ZodTransform", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTransform.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
    inst._zod.parse = (payload, _ctx) => {
        if (_ctx.direction === "backward") {
            throw new core_core/* $ZodEncodeError */.cV(inst.constructor.name);
        }
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(core_util/* issue */.sn(issue, payload.value, def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = inst);
                // _issue.continue ??= true;
                payload.issues.push(core_util/* issue */.sn(_issue));
            }
        };
        const output = def.transform(payload.value, payload);
        if (output instanceof Promise) {
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        payload.value = output;
        return payload;
    };
});
function transform(fn) {
    return new ZodTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodOptional = /*@__PURE__*/ core_core/* $constructor */.xI("ZodOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
    return new ZodOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodExactOptional = /*@__PURE__*/ core_core/* $constructor */.xI("ZodExactOptional", (inst, def) => {
    $ZodExactOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
    return new ZodExactOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodNullable = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
    return new ZodNullable({
        type: "nullable",
        innerType: innerType,
    });
}
// nullish
function nullish(innerType) {
    return optional(nullable(innerType));
}
const ZodDefault = /*@__PURE__*/ core_core/* $constructor */.xI("ZodDefault", (inst, def) => {
    $ZodDefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeDefault = inst.unwrap;
});
function schemas_default(innerType, defaultValue) {
    return new ZodDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : core_util/* shallowClone */.yG(defaultValue);
        },
    });
}
const ZodPrefault = /*@__PURE__*/ core_core/* $constructor */.xI("ZodPrefault", (inst, def) => {
    $ZodPrefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
    return new ZodPrefault({
        type: "prefault",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : core_util/* shallowClone */.yG(defaultValue);
        },
    });
}
const ZodNonOptional = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNonOptional", (inst, def) => {
    $ZodNonOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
    return new ZodNonOptional({
        type: "nonoptional",
        innerType: innerType,
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSuccess", (inst, def) => {
    core.$ZodSuccess.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.successProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function success(innerType) {
    return new ZodSuccess({
        type: "success",
        innerType: innerType,
    });
}
const ZodCatch = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCatch", (inst, def) => {
    $ZodCatch.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeCatch = inst.unwrap;
});
function schemas_catch(innerType, catchValue) {
    return new ZodCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : core_util/* constantCatch */.SS(catchValue)),
    });
}

const ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNaN", (inst, def) => {
    core.$ZodNaN.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nanProcessor(inst, ctx, json, params);
})));
function nan(params) {
    return core._nan(ZodNaN, params);
}
const ZodPipe = /*@__PURE__*/ core_core/* $constructor */.xI("ZodPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
    inst.in = def.in;
    inst.out = def.out;
});
function pipe(in_, out) {
    return new ZodPipe({
        type: "pipe",
        in: in_,
        out: out,
        // ...util.normalizeParams(params),
    });
}
const ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCodec", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodCodec.init(inst, def);
})));
function codec(in_, out, params) {
    return new ZodCodec({
        type: "pipe",
        in: in_,
        out: out,
        transform: params.decode,
        reverseTransform: params.encode,
    });
}
function invertCodec(codec) {
    const def = codec._zod.def;
    return new ZodCodec({
        type: "pipe",
        in: def.out,
        out: def.in,
        transform: def.reverseTransform,
        reverseTransform: def.transform,
    });
}
const ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPreprocess", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodPreprocess.init(inst, def);
})));
const ZodReadonly = /*@__PURE__*/ core_core/* $constructor */.xI("ZodReadonly", (inst, def) => {
    $ZodReadonly.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
    return new ZodReadonly({
        type: "readonly",
        innerType: innerType,
    });
}
const ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodTemplateLiteral", (inst, def) => {
    core.$ZodTemplateLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.templateLiteralProcessor(inst, ctx, json, params);
})));
function templateLiteral(parts, params) {
    return new ZodTemplateLiteral({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
const ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodLazy", (inst, def) => {
    core.$ZodLazy.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.lazyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.getter();
})));
function lazy(getter) {
    return new ZodLazy({
        type: "lazy",
        getter: getter,
    });
}
const ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPromise", (inst, def) => {
    core.$ZodPromise.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.promiseProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function promise(innerType) {
    return new ZodPromise({
        type: "promise",
        innerType: innerType,
    });
}
const ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFunction", (inst, def) => {
    core.$ZodFunction.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.functionProcessor(inst, ctx, json, params);
})));
function _function(params) {
    return new ZodFunction({
        type: "function",
        input: Array.isArray(params?.input) ? tuple(params?.input) : (params?.input ?? array(unknown())),
        output: params?.output ?? unknown(),
    });
}

const ZodCustom = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCustom", (inst, def) => {
    $ZodCustom.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
// custom checks
function check(fn) {
    const ch = new core.$ZodCheck({
        check: "custom",
        // ...util.normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
function custom(fn, _params) {
    return core._custom(ZodCustom, fn ?? (() => true), _params);
}
function refine(fn, _params = {}) {
    return _refine(ZodCustom, fn, _params);
}
// superRefine
function superRefine(fn, params) {
    return _superRefine(fn, params);
}
// Re-export describe and meta from core
const schemas_describe = describe;
const schemas_meta = meta;
const ZodInstanceOf = /*@__PURE__*/ core_core/* $constructor */.xI("ZodInstanceOf", (inst, def) => {
    ZodCustom.init(inst, def);
}, {
    properties(shape, params) {
        // asserts in place, so the narrowed output type is truthful without a wrapper
        return this.check(_properties(shape, params));
    },
});
function _instanceof(cls, params = {}) {
    const inst = new ZodInstanceOf({
        type: "custom",
        check: "custom",
        fn: (data) => data instanceof cls,
        abort: true,
        ...util.normalizeParams(params),
    });
    inst._zod.bag.Class = cls;
    // Override check to emit invalid_type instead of custom
    inst._zod.check = (payload) => {
        if (!(payload.value instanceof cls)) {
            payload.issues.push({
                code: "invalid_type",
                expected: cls.name,
                input: payload.value,
                inst,
                path: [...(inst._zod.def.path ?? [])],
            });
        }
    };
    return inst;
}

// stringbool
const stringbool = (...args) => core._stringbool({
    Codec: ZodCodec,
    Boolean: ZodBoolean,
    String: ZodString,
}, ...args);
function json(params) {
    const jsonSchema = lazy(() => {
        return union([schemas_string(params), schemas_number(), schemas_boolean(), schemas_null(), array(jsonSchema), record(schemas_string(), jsonSchema)]);
    });
    return jsonSchema;
}
// preprocess
function preprocess(fn, schema) {
    return new ZodPreprocess({
        type: "pipe",
        in: transform(fn),
        out: schema,
    });
}


/***/ }),

/***/ 532:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $W: () => (/* binding */ config),
/* harmony export */   GT: () => (/* binding */ $ZodAsyncError),
/* harmony export */   cV: () => (/* binding */ $ZodEncodeError),
/* harmony export */   cr: () => (/* binding */ globalConfig),
/* harmony export */   tm: () => (/* binding */ NEVER),
/* harmony export */   xI: () => (/* binding */ $constructor)
/* harmony export */ });
/* unused harmony export $brand */
/* harmony import */ var _util_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(723);
var _a;

/** A special constant with type `never` */
const NEVER = /*@__PURE__*/ Object.freeze({
    status: "aborted",
});
/* Shared descriptor for installing `_zod`; defineProperty reads it
 * synchronously, so reusing one object avoids a per-instance allocation. */
const _zodDesc = { value: undefined, enumerable: false };
// null where suppressing the capture would be unrecoverable: `parse()` puts the frames back with `captureStackTrace`, so without it the throw would lose its stack. also latched to null once `stackTraceLimit` proves unassignable, which a realm can do at any point by hardening Error
let _E = "captureStackTrace" in Error ? Error : null;
// v8 captures a stack trace inside the Error constructor, which dominates a failed parse; costs only the frames, and parse() restores those. the constructor must RUN: Object.create is cheaper and passes instanceof, but Error.isError and util.types.isNativeError check an internal slot
function newError(Definition) {
    const E = _E;
    if (E) {
        const saved = E.stackTraceLimit;
        if (typeof saved === "number") {
            try {
                E.stackTraceLimit = 0;
            }
            catch {
                _E = null;
                return new Definition();
            }
            try {
                return new Definition();
            }
            finally {
                E.stackTraceLimit = saved;
            }
        }
    }
    return new Definition();
}
function $constructor(name, initializer, 
/** This trait's members, installed once on every prototype that composes it. They cannot be declared in the initializer above: that runs per instance, and the prototype is shared. */
proto, params) {
    // Prototype for this constructor's `_zod` internals. Lazily-derived fields (`values`, `pattern`, `optin`, …) install here once rather than as an accessor on every instance.
    const zodProto = {};
    // Assigning the fields in the constructor body is what gives instances in-object slots; building the object literally and reparenting it costs a second allocation and a generic property copy.
    function Internals(def) {
        this.def = def;
        this.constr = _;
        this.traits = new Set();
    }
    Internals.prototype = zodProto;
    const protoMembers = proto;
    // One trait's members land on every prototype whose chain composes it, so the answer is per prototype rather than per trait.
    const initialized = protoMembers && new WeakSet();
    function init(inst, def) {
        if (!inst._zod) {
            _zodDesc.value = new Internals(def);
            try {
                Object.defineProperty(inst, "_zod", _zodDesc);
            }
            finally {
                // Cleared even on throw, so the shared descriptor never leaks one instance's internals into the next.
                _zodDesc.value = undefined;
            }
        }
        else if (inst._zod.traits.has(name)) {
            return;
        }
        inst._zod.traits.add(name);
        initializer(inst, def);
        if (initialized) {
            // `super(def)` from a user subclass gives `this` a prototype the subclass owns, and installing there would overwrite whatever the subclass declared. `constr` built the instance, so its prototype is the one below the subclass's that should carry the members. A receiver whose chain never reaches that prototype installs on its own, which for a plain object handed straight to `init` means `Object.prototype` — unchanged from before.
            const own = Object.getPrototypeOf(inst);
            const ctorProto = inst._zod.constr.prototype;
            let up = own;
            while (up && up !== ctorProto)
                up = Object.getPrototypeOf(up);
            const target = up ?? own;
            if (!initialized.has(target)) {
                initialized.add(target);
                (0,_util_js__WEBPACK_IMPORTED_MODULE_0__/* .members */ .ol)(target, protoMembers);
            }
        }
        // support prototype modifications; for-in avoids the array allocation of Object.keys on the (usually empty) prototype
        const proto = _.prototype;
        for (const k in proto) {
            if (!Object.prototype.hasOwnProperty.call(proto, k))
                continue;
            if (!(k in inst)) {
                inst[k] = proto[k].bind(inst);
            }
        }
    }
    // doesn't work if Parent has a constructor with arguments
    const Parent = params?.Parent ?? Object;
    class Definition extends Parent {
    }
    Object.defineProperty(Definition, "name", { value: name });
    function _(def) {
        const inst = params?.Parent ? newError(Definition) : this;
        init(inst, def);
        const deferred = inst._zod.deferred;
        if (deferred) {
            for (const fn of deferred) {
                fn();
            }
            // Released: initializers run once, and the list would otherwise be retained for the schema's lifetime.
            inst._zod.deferred = undefined;
        }
        // Global post-processor hook. Internal: installed by `import "zod/compile"` to enable AOT compilation for every constructed schema. Runs last, once the instance is fully built, because it hands the instance to compile(). The post-processor is expected to be reentrancy-guarded by its own implementation.
        const pp = globalThis.__zod_globalConfig?.postProcessor;
        if (pp)
            pp(inst);
        return inst;
    }
    Object.defineProperty(_, "init", { value: init });
    Object.defineProperty(_, Symbol.hasInstance, {
        value: (inst) => {
            if (params?.Parent && inst instanceof params.Parent)
                return true;
            return inst?._zod?.traits?.has(name);
        },
    });
    Object.defineProperty(_, "name", { value: name });
    return _;
}
//////////////////////////////   UTILITIES   ///////////////////////////////////////
const $brand = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("zod_brand")));
class $ZodAsyncError extends Error {
    constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
    }
}
class $ZodEncodeError extends Error {
    constructor(name) {
        super(`Encountered unidirectional transform during encode: ${name}`);
        this.name = "ZodEncodeError";
    }
}
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(globalConfig, newConfig);
    return globalConfig;
}


/***/ }),

/***/ 723:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A2: () => (/* binding */ normalizeParams),
/* harmony export */   B7: () => (/* binding */ stringifyPrimitive),
/* harmony export */   GW: () => (/* binding */ parsedType),
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   LG: () => (/* binding */ floatSafeRemainder),
/* harmony export */   MO: () => (/* binding */ rawShape),
/* harmony export */   NM: () => (/* binding */ optionalKeys),
/* harmony export */   NR: () => (/* binding */ BIGINT_FORMAT_RANGES),
/* harmony export */   O7: () => (/* binding */ codePointLength),
/* harmony export */   OH: () => (/* binding */ partial),
/* harmony export */   PO: () => (/* binding */ cached),
/* harmony export */   QH: () => (/* binding */ aborted),
/* harmony export */   Qd: () => (/* binding */ isPlainObject),
/* harmony export */   Rc: () => (/* binding */ getLengthableOrigin),
/* harmony export */   SS: () => (/* binding */ constantCatch),
/* harmony export */   UQ: () => (/* binding */ esc),
/* harmony export */   Up: () => (/* binding */ pick),
/* harmony export */   Vy: () => (/* binding */ assignProp),
/* harmony export */   W0: () => (/* binding */ safeExtend),
/* harmony export */   X: () => (/* binding */ installLazyProp),
/* harmony export */   X$: () => (/* binding */ extend),
/* harmony export */   Yv: () => (/* binding */ slugify),
/* harmony export */   cJ: () => (/* binding */ omit),
/* harmony export */   cl: () => (/* binding */ nullish),
/* harmony export */   d3: () => (/* binding */ attachSchema),
/* harmony export */   gx: () => (/* binding */ captureStackTrace),
/* harmony export */   h1: () => (/* binding */ merge),
/* harmony export */   hI: () => (/* binding */ allowsEval),
/* harmony export */   hi: () => (/* binding */ sizeCaps),
/* harmony export */   iR: () => (/* binding */ finalizeIssue),
/* harmony export */   jD: () => (/* binding */ hide),
/* harmony export */   jw: () => (/* binding */ joinValues),
/* harmony export */   k8: () => (/* binding */ jsonStringifyReplacer),
/* harmony export */   lQ: () => (/* binding */ prefixIssues),
/* harmony export */   mw: () => (/* binding */ required),
/* harmony export */   o8: () => (/* binding */ clone),
/* harmony export */   ol: () => (/* binding */ members),
/* harmony export */   p6: () => (/* binding */ cleanRegex),
/* harmony export */   qQ: () => (/* binding */ propertyKeyTypes),
/* harmony export */   qh: () => (/* binding */ own),
/* harmony export */   rL: () => (/* binding */ explicitlyAborted),
/* harmony export */   sD: () => (/* binding */ escapeRegex),
/* harmony export */   sn: () => (/* binding */ issue),
/* harmony export */   un: () => (/* binding */ derived),
/* harmony export */   v5: () => (/* binding */ defineLazyInternal),
/* harmony export */   w5: () => (/* binding */ getEnumValues),
/* harmony export */   yG: () => (/* binding */ shallowClone),
/* harmony export */   zH: () => (/* binding */ NUMBER_FORMAT_RANGES),
/* harmony export */   zM: () => (/* binding */ mergeDefs)
/* harmony export */ });
/* unused harmony exports assertEqual, assertNotEqual, toZod, assertIs, assertNever, assert, defineLazy, objectClone, cloneDef, getElementAtPath, promiseAllObject, randomString, numKeys, getParsedType, primitiveTypes, createTransparentProxy, unwrapMessage, getSizableOrigin, cleanEnum, base64ToUint8Array, uint8ArrayToBase64, base64urlToUint8Array, uint8ArrayToBase64url, hexToUint8Array, uint8ArrayToHex, Class, CONSTANT_CATCH */
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(532);

// functions
function assertEqual(val) {
    return val;
}
function assertNotEqual(val) {
    return val;
}
function toZod() {
    return (schema) => schema;
}
function assertIs(_arg) { }
function assertNever(_x) {
    throw new Error("Unexpected value in exhaustive check");
}
function assert(_) { }
function getEnumValues(entries) {
    const numericValues = Object.values(entries).filter((v) => typeof v === "number");
    const values = Object.entries(entries)
        .filter(([k, _]) => numericValues.indexOf(+k) === -1)
        .map(([_, v]) => v);
    return values;
}
function joinValues(array, separator = "|") {
    return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
    if (typeof value === "bigint")
        return value.toString();
    return value;
}
// the accessor lives on a shared prototype: an own accessor makes every box a dictionary-mode object (~360 B and a slow load per read against ~100 B and an inlined getter here)
class Cached {
    constructor(getter) {
        this._getter = getter;
        this._value = undefined;
    }
    get value() {
        const getter = this._getter;
        if (getter !== undefined) {
            this._value = getter();
            this._getter = undefined;
        }
        return this._value;
    }
}
function cached(getter) {
    return new Cached(getter);
}
function nullish(input) {
    return input === null || input === undefined;
}
function cleanRegex(source) {
    const start = source.startsWith("^") ? 1 : 0;
    const end = source.endsWith("$") ? source.length - 1 : source.length;
    return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
    const ratio = val / step;
    const roundedRatio = Math.round(ratio);
    // `val` and `step` each round to a double before the division rounds again, so a true decimal multiple's quotient can sit up to 1.5 of these scaled epsilons from the integer. A 1x tolerance therefore rejected 2.03 as a multiple of 0.07; 4x covers the worst case with margin.
    const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
    if (Math.abs(ratio - roundedRatio) < tolerance)
        return 0;
    return ratio - roundedRatio;
}
const EVALUATING = /* @__PURE__*/ (/* unused pure expression or super */ null && (Symbol("evaluating")));
function defineLazy(object, key, getter) {
    let value = undefined;
    Object.defineProperty(object, key, {
        get() {
            if (value === EVALUATING) {
                // Circular reference detected, return undefined to break the cycle
                return undefined;
            }
            if (value === undefined) {
                value = EVALUATING;
                value = getter();
            }
            return value;
        },
        set(v) {
            Object.defineProperty(object, key, {
                value: v,
                // configurable: true,
            });
            // object[key] = v;
        },
        configurable: true,
    });
}
function objectClone(obj) {
    return Object.create(Object.getPrototypeOf(obj), Object.getOwnPropertyDescriptors(obj));
}
function assignProp(target, prop, value) {
    Object.defineProperty(target, prop, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
    });
}
/**
 * Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
 *
 * Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
 */
function rawShape(def) {
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    return desc?.get ? desc.get.raw : desc?.value;
}
// where a builder reads its source's keys and descriptors, resolving only a shape a def answers for itself. A shape resolves by object spread, so only its enumerable keys are ever part of it.
function sourceShape(schema) {
    return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
// a key whose value is not settled yet, self-caching so every read after the first gets the same one
function deferProp(target, key, getter) {
    Object.defineProperty(target, key, {
        get() {
            const value = getter();
            assignProp(this, key, value);
            return value;
        },
        enumerable: true,
        configurable: true,
    });
}
// Writes a settled key. A plain assignment is much cheaper than `defineProperty` and produces the same descriptor, but it runs whatever setter already answers to the key — an accessor this shape deferred, or an inherited one, which `__proto__` has on every object and prototype pollution can add for any name.
function putProp(target, key, value) {
    if (key in target)
        assignProp(target, key, value);
    else
        target[key] = value;
}
/**
 * Copies `keys` of `source`'s shape onto `target`, each value passed through `wrap`.
 *
 * A key the source has resolved is copied through now, so the derived shape states it outright and nothing has to resolve it to learn what it holds. A key the source still defers stays deferred, and reads back through the source's own `shape`, so it resolves once and both shapes get that one schema.
 */
function mirrorShape(target, source, keys, wrap) {
    const raw = sourceShape(source);
    for (const key of keys) {
        const desc = Object.getOwnPropertyDescriptor(raw, key);
        if (!desc.enumerable)
            continue;
        if (desc.get) {
            deferProp(target, key, () => {
                const value = source._zod.def.shape[key];
                return wrap ? wrap(value, key) : value;
            });
        }
        else
            putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
    }
}
// same, for a plain shape a caller passed rather than a schema's
function mirrorProps(target, source) {
    for (const key of Reflect.ownKeys(source)) {
        const desc = Object.getOwnPropertyDescriptor(source, key);
        if (!desc.enumerable)
            continue;
        if (desc.get)
            deferProp(target, key, () => source[key]);
        else
            putProp(target, key, desc.value);
    }
}
function mergeDefs(...defs) {
    const mergedDescriptors = {};
    for (const def of defs) {
        const descriptors = Object.getOwnPropertyDescriptors(def);
        Object.assign(mergedDescriptors, descriptors);
    }
    return Object.defineProperties({}, mergedDescriptors);
}
function cloneDef(schema) {
    return mergeDefs(schema._zod.def);
}
function getElementAtPath(obj, path) {
    if (!path)
        return obj;
    return path.reduce((acc, key) => acc?.[key], obj);
}
function promiseAllObject(promisesObj) {
    const keys = Object.keys(promisesObj);
    const promises = keys.map((key) => promisesObj[key]);
    return Promise.all(promises).then((results) => {
        const resolvedObj = {};
        for (let i = 0; i < keys.length; i++) {
            resolvedObj[keys[i]] = results[i];
        }
        return resolvedObj;
    });
}
function randomString(length = 10) {
    const chars = "abcdefghijklmnopqrstuvwxyz";
    let str = "";
    for (let i = 0; i < length; i++) {
        str += chars[Math.floor(Math.random() * chars.length)];
    }
    return str;
}
function esc(str) {
    return JSON.stringify(str);
}
function slugify(input) {
    return input
        .toLowerCase()
        .trim()
        .replace(/[^\w\s-]/g, "")
        .replace(/[\s_-]+/g, "-")
        .replace(/^-+|-+$/g, "");
}
const captureStackTrace = ("captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => { });
function isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
const allowsEval = /* @__PURE__*/ cached(() => {
    // Skip the probe under `jitless`: strict CSPs report the caught `new Function` as a `securitypolicyviolation` even though the throw is swallowed.
    if (_core_js__WEBPACK_IMPORTED_MODULE_0__/* .globalConfig */ .cr.jitless) {
        return false;
    }
    // @ts-ignore
    if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
        return false;
    }
    try {
        const F = Function;
        new F("");
        return true;
    }
    catch (_) {
        return false;
    }
});
function isPlainObject(o) {
    if (isObject(o) === false)
        return false;
    // modified constructor
    const ctor = o.constructor;
    if (ctor === undefined)
        return true;
    if (typeof ctor !== "function")
        return true;
    // modified prototype
    const prot = ctor.prototype;
    if (isObject(prot) === false)
        return false;
    // ctor doesn't have static `isPrototypeOf`
    if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
        return false;
    }
    return true;
}
function shallowClone(o) {
    if (isPlainObject(o))
        return { ...o };
    if (Array.isArray(o))
        return [...o];
    if (o instanceof Map)
        return new Map(o);
    if (o instanceof Set)
        return new Set(o);
    return o;
}
function numKeys(data) {
    let keyCount = 0;
    for (const key in data) {
        if (Object.prototype.hasOwnProperty.call(data, key)) {
            keyCount++;
        }
    }
    return keyCount;
}
const getParsedType = (data) => {
    const t = typeof data;
    switch (t) {
        case "undefined":
            return "undefined";
        case "string":
            return "string";
        case "number":
            return Number.isNaN(data) ? "nan" : "number";
        case "boolean":
            return "boolean";
        case "function":
            return "function";
        case "bigint":
            return "bigint";
        case "symbol":
            return "symbol";
        case "object":
            if (Array.isArray(data)) {
                return "array";
            }
            if (data === null) {
                return "null";
            }
            if (data.then && typeof data.then === "function" && data.catch && typeof data.catch === "function") {
                return "promise";
            }
            if (typeof Map !== "undefined" && data instanceof Map) {
                return "map";
            }
            if (typeof Set !== "undefined" && data instanceof Set) {
                return "set";
            }
            if (typeof Date !== "undefined" && data instanceof Date) {
                return "date";
            }
            // @ts-ignore
            if (typeof File !== "undefined" && data instanceof File) {
                return "file";
            }
            return "object";
        default:
            throw new Error(`Unknown data type: ${t}`);
    }
};
const propertyKeyTypes = /* @__PURE__*/ new Set(["string", "number", "symbol"]);
const primitiveTypes = /* @__PURE__*/ new Set([
    "string",
    "number",
    "bigint",
    "boolean",
    "symbol",
    "undefined",
]);
function escapeRegex(str) {
    return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// zod-specific utils
function clone(inst, def, params) {
    const cl = new inst._zod.constr(def ?? inst._zod.def);
    if (!def || params?.parent)
        cl._zod.parent = inst;
    return cl;
}
function normalizeParams(_params) {
    const params = _params;
    if (!params)
        return {};
    if (typeof params === "string")
        return { error: () => params };
    if (params?.message !== undefined) {
        if (params?.error !== undefined)
            throw new Error("Cannot specify both `message` and `error` params");
        params.error = params.message;
    }
    delete params.message;
    if (typeof params.error === "string")
        return { ...params, error: () => params.error };
    return params;
}
function createTransparentProxy(getter) {
    let target;
    return new Proxy({}, {
        get(_, prop, receiver) {
            target ?? (target = getter());
            return Reflect.get(target, prop, receiver);
        },
        set(_, prop, value, receiver) {
            target ?? (target = getter());
            return Reflect.set(target, prop, value, receiver);
        },
        has(_, prop) {
            target ?? (target = getter());
            return Reflect.has(target, prop);
        },
        deleteProperty(_, prop) {
            target ?? (target = getter());
            return Reflect.deleteProperty(target, prop);
        },
        ownKeys(_) {
            target ?? (target = getter());
            return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor(_, prop) {
            target ?? (target = getter());
            return Reflect.getOwnPropertyDescriptor(target, prop);
        },
        defineProperty(_, prop, descriptor) {
            target ?? (target = getter());
            return Reflect.defineProperty(target, prop, descriptor);
        },
    });
}
function stringifyPrimitive(value) {
    if (typeof value === "bigint")
        return value.toString() + "n";
    if (typeof value === "string")
        return `"${value}"`;
    return `${value}`;
}
function optionalKeys(shape) {
    return Object.keys(shape).filter((k) => {
        return shape[k]._zod.optin !== undefined && shape[k]._zod.optout === "optional";
    });
}
// Wrapped in a `@__PURE__` IIFE: esbuild never tree-shakes a top-level initializer that contains a member access on `Number`, so the bare object literal survived into every bundle.
const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
    safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    float32: [-3.4028234663852886e38, 3.4028234663852886e38],
    float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}))();
const BIGINT_FORMAT_RANGES = {
    int64: [/* @__PURE__*/ BigInt("-9223372036854775808"), /* @__PURE__*/ BigInt("9223372036854775807")],
    uint64: [/* @__PURE__*/ BigInt(0), /* @__PURE__*/ BigInt("18446744073709551615")],
};
function pick(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".pick() cannot be used on object schemas containing refinements");
    }
    const newShape = {};
    mirrorShape(newShape, schema, maskedKeys(schema, mask));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
// the mask keys that select something, checked against the source's shape without resolving it
function maskedKeys(schema, mask) {
    const raw = sourceShape(schema);
    const keys = [];
    // `for...in` skips symbols, so a symbol in the mask would select nothing
    for (const key of Reflect.ownKeys(mask)) {
        if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
            throw new Error(`Unrecognized key: "${String(key)}"`);
        }
        if (mask[key])
            keys.push(key);
    }
    return keys;
}
function omit(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".omit() cannot be used on object schemas containing refinements");
    }
    const omitted = new Set(maskedKeys(schema, mask));
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function extend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to extend: expected a plain object");
    }
    const checks = schema._zod.def.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        // Only throw if new shape overlaps with existing shape. Use getOwnPropertyDescriptor to check key existence without accessing values
        const existingShape = sourceShape(schema);
        for (const key of Reflect.ownKeys(shape)) {
            if (Object.getOwnPropertyDescriptor(existingShape, key) !== undefined) {
                throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
            }
        }
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
// the source's keys, then the caller's overlaid on top
function extended(schema, shape) {
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
    mirrorProps(newShape, shape);
    return newShape;
}
function safeExtend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to safeExtend: expected a plain object");
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge(a, b) {
    if (!b?._zod?.def) {
        throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
    }
    if (a._zod.def.checks?.length) {
        throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
    }
    const newShape = {};
    mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
    mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
    const def = mergeDefs(a._zod.def, {
        shape: newShape,
        get catchall() {
            return b._zod.def.catchall;
        },
        checks: b._zod.def.checks ?? [],
    });
    return clone(a, def);
}
function partial(Class, schema, mask, name = "partial") {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
    }
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class &&
        ((value, key) => (selected && !selected.has(key) ? value : new Class({ type: "optional", innerType: value }))));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function required(Class, schema, mask) {
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => 
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class({ type: "nonoptional", innerType: value }));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
// invalid_type | too_big | too_small | invalid_format | not_multiple_of | unrecognized_keys | invalid_union | invalid_key | invalid_element | invalid_value | custom
function aborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue !== true) {
            return true;
        }
    }
    return false;
}
// Checks for explicit abort (continue === false), as opposed to implicit abort (continue === undefined). Used to respect `abort: true` in .refine() even for checks that have a `when` function.
function explicitlyAborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue === false) {
            return true;
        }
    }
    return false;
}
function prefixIssues(path, issues) {
    return issues.map((iss) => {
        var _a;
        (_a = iss).path ?? (_a.path = []);
        iss.path.unshift(path);
        return iss;
    });
}
function unwrapMessage(message) {
    return typeof message === "string" ? message : message?.message;
}
/* A check holds no link back to the schema it is attached to — the same check instance is shared by every clone of that schema — so the owner is stamped onto the issues a check just raised, at the only point where both are in scope. Runs on the failure path only; `start` is the issue count from before the check ran. */
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
    const caps = [];
    for (const ch of defChecks ?? []) {
        const d = ch._zod.def;
        // a later check may rewrite the value
        if (!/_(length|size)$|_equals$/.test(d.check))
            break;
        const max = d.maximum ?? d.length ?? d.size;
        if (max >= 0)
            caps.push([max, ch]);
    }
    return caps;
}
function attachSchema(issues, start, inst) {
    var _a;
    for (let i = start; i < issues.length; i++) {
        (_a = issues[i]).schema ?? (_a.schema = inst);
    }
}
function finalizeIssue(iss, ctx, config) {
    var _a;
    // A schema that raised an issue itself owns it outright, and outranks any stamp an enclosing check left in `attachSchema`. String formats and z.custom() are schema and check at once, so when they act as a check they defer to that stamp instead.
    const traits = iss.inst?._zod?.traits;
    if (traits?.has("$ZodType")) {
        if (traits.has("$ZodCheck"))
            (_a = iss).schema ?? (_a.schema = iss.inst);
        else
            iss.schema = iss.inst;
    }
    // Decreasing specificity, first map to return a message wins. `inst` is whatever raised the issue, so a check's own map outranks the owning schema's.
    const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : undefined;
    const message = iss.message
        ? iss.message
        : (unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ??
            unwrapMessage(schemaError?.(iss)) ??
            unwrapMessage(ctx?.error?.(iss)) ??
            unwrapMessage(config.customError?.(iss)) ??
            unwrapMessage(config.localeError?.(iss)) ??
            "Invalid input");
    // an explicit own-key copy beats object rest with excluded keys, which v8 routes through a generic runtime call; Object.keys rather than for-in so an issue pushed with a prototype does not leak inherited keys, and an own __proto__ key is dropped rather than assigned through the setter
    const full = {};
    for (const k of Object.keys(iss)) {
        if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
            continue;
        full[k] = iss[k];
    }
    full.path ?? (full.path = []);
    full.message = message;
    if (ctx?.reportInput) {
        full.input = iss.input;
    }
    return full;
}
function getSizableOrigin(input) {
    if (input instanceof Set)
        return "set";
    if (input instanceof Map)
        return "map";
    // @ts-ignore
    if (input instanceof File)
        return "file";
    return "unknown";
}
const highSurrogate = /[\uD800-\uDBFF]/;
// Code points in `str`: a surrogate pair counts once, a lone surrogate as itself. Hand-rolled because the string iterator allocates and runs ~250x slower on this path; the regex probe exits ~50x quicker for a string with no astral characters.
function codePointLength(str) {
    const units = str.length;
    if (!highSurrogate.test(str))
        return units;
    let count = units;
    for (let i = 0; i < units - 1; i++) {
        if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            count--;
            i++;
        }
    }
    return count;
}
function getLengthableOrigin(input) {
    if (Array.isArray(input))
        return "array";
    if (typeof input === "string")
        return "string";
    return "unknown";
}
function parsedType(data) {
    const t = typeof data;
    switch (t) {
        case "number": {
            return Number.isNaN(data) ? "nan" : "number";
        }
        case "object": {
            if (data === null) {
                return "null";
            }
            if (Array.isArray(data)) {
                return "array";
            }
            const obj = data;
            if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
                return obj.constructor.name;
            }
        }
    }
    return t;
}
function issue(...args) {
    const [iss, input, inst] = args;
    if (typeof iss === "string") {
        return {
            message: iss,
            code: "custom",
            input,
            inst,
        };
    }
    return { ...iss };
}
function cleanEnum(obj) {
    return Object.entries(obj)
        .filter(([k, _]) => {
        // return true if NaN, meaning it's not a number, thus a string key
        return Number.isNaN(Number.parseInt(k, 10));
    })
        .map((el) => el[1]);
}
// Codec utility functions
function base64ToUint8Array(base64) {
    const binaryString = atob(base64);
    const bytes = new Uint8Array(binaryString.length);
    for (let i = 0; i < binaryString.length; i++) {
        bytes[i] = binaryString.charCodeAt(i);
    }
    return bytes;
}
function uint8ArrayToBase64(bytes) {
    let binaryString = "";
    for (let i = 0; i < bytes.length; i++) {
        binaryString += String.fromCharCode(bytes[i]);
    }
    return btoa(binaryString);
}
function base64urlToUint8Array(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const padding = "=".repeat((4 - (base64.length % 4)) % 4);
    return base64ToUint8Array(base64 + padding);
}
function uint8ArrayToBase64url(bytes) {
    return uint8ArrayToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}
function hexToUint8Array(hex) {
    const cleanHex = hex.replace(/^0x/, "");
    if (cleanHex.length % 2 !== 0) {
        throw new Error("Invalid hex string length");
    }
    const bytes = new Uint8Array(cleanHex.length / 2);
    for (let i = 0; i < cleanHex.length; i += 2) {
        bytes[i / 2] = Number.parseInt(cleanHex.slice(i, i + 2), 16);
    }
    return bytes;
}
function uint8ArrayToHex(bytes) {
    return Array.from(bytes)
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
}
// instanceof
class Class {
    constructor(..._args) { }
}
//////////    PROTOTYPE INSTALLERS     //////////
//
// Members live on the prototype and materialize per instance on first read, which keeps own-property count under the step where V8 stops using inline slots. Changing anything here means re-measuring runtime, memory and bundle size together — see "The three axes" in AGENTS.md.
/**
 * Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
 *
 * Call this from a `proto` initializer, which runs once per prototype — never per instance.
 */
function members(proto, table) {
    for (const key in table) {
        const desc = Object.getOwnPropertyDescriptor(table, key);
        // a getter installs as written, so it stays live: `description` reads through to the registry on every access. not enumerable: an object literal's is, and a prototype member never was
        if (desc.get)
            Object.defineProperty(proto, key, { ...desc, enumerable: false });
        // a method materializes bound on first read, which is what keeps a detached member working: `const opt = schema.optional; opt()`
        else
            defineBound(proto, key, desc.value);
    }
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
    Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
    return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
    return own(inst, key, value, false);
}
/** Adds members a table derives from the instance: each builds on first read and shadows as own data, and assignment shadows the same way, as when these were own properties. */
function derived(computes, table) {
    for (const key in computes) {
        const compute = computes[key];
        // an object literal's accessor is configurable and enumerable, and `members` copies the descriptor as written
        Object.defineProperty(table, key, {
            configurable: true,
            enumerable: true,
            get() {
                return own(this, key, compute(this));
            },
            set(value) {
                own(this, key, value);
            },
        });
    }
    return table;
}
function defineBound(proto, key, fn) {
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // vitest's spyOn calls a prototype getter bare to find the function it wraps, so a nullish receiver answers the raw method
            return this == null ? fn : own(this, key, fn.bind(this));
        },
        set(value) {
            own(this, key, value);
        },
    });
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
    const proto = Object.getPrototypeOf(inst);
    // Runs on every construction, so `in` rather than the costlier `hasOwnProperty.call`. Sentinels are keys the group itself defines.
    return sentinel in proto ? undefined : proto;
}
// The internals whose init chain is installing. A second call for the same one is a derived constructor overriding its base, so it must not construct another schema in between or the override is dropped.
let installing;
// Set while a getter is running, so a value that resolved through a recursion break is not memoized. One shared descriptor shadows the key for the duration, which costs no per-key allocation.
let broke = false;
const breaker = {
    configurable: true,
    get() {
        broke = true;
        return undefined;
    },
};
/**
 * Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
 * constructor, computed from the internals object itself and cached there on
 * first read. One accessor per constructor rather than one per instance.
 */
function defineLazyInternal(inst, key, compute) {
    const proto = Object.getPrototypeOf(inst._zod);
    if (key in proto && installing !== inst._zod) {
        // A repeat construction: everything is installed already. Cleared here so the reference is not held past the first construction of every type.
        installing = undefined;
        return;
    }
    installing = inst._zod;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing so a re-entrant read from a recursive schema resolves to undefined instead of running the getter again.
            Object.defineProperty(this, key, breaker);
            const outer = broke;
            broke = false;
            try {
                const value = compute(this);
                // A result that resolved through a recursion break is recomputed once the graph is complete; everything else memoizes, undefined included.
                if (broke)
                    delete this[key];
                else
                    Object.defineProperty(this, key, { configurable: true, writable: true, value });
                broke = broke || outer;
                return value;
            }
            catch (err) {
                // A compute that threw memoizes nothing, so a later read runs it again and fails the same way. The shadow goes with it, since leaving it installed would answer undefined for every later read.
                delete this[key];
                broke = broke || outer;
                throw err;
            }
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, value });
        },
    });
}
/**
 * Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
 * data property. One accessor per constructor rather than one per instance, because an own accessor
 * puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
 */
function installLazyProp(inst, key, make, enumerable) {
    const proto = claim(inst, key);
    if (!proto)
        return;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing, so a re-entrant read from a self-referential shape resolves to undefined instead of running the getter again. A data property rather than an accessor: an own accessor is the dictionary-mode transition this exists to avoid.
            const desc = { configurable: true, writable: true, enumerable, value: undefined };
            Object.defineProperty(this, key, desc);
            // a compute that throws leaves the shadow behind, so later reads answer undefined instead of re-throwing; `defineLazy` did the same, and `defineLazyInternal`'s delete-on-catch would cost bytes in every bundle for a case only a throwing user getter reaches
            desc.value = make(this);
            Object.defineProperty(this, key, desc);
            return desc.value;
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
        },
    });
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
    const fn = () => value;
    fn[CONSTANT_CATCH] = true;
    return fn;
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(824);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
