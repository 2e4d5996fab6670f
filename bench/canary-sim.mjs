// canary-gate on simulated traffic: CANARY.md's table. Every tick of every run goes through the
// judge in src/canary (bundled once with ncc into ~/.cache/goship/canary-sim/<digest>/), fed
// with the raw cumulative counters a metric provider would hand it.
//
//   node bench/canary-sim.mjs                 (or: BENCH_ONLY=canary-sim npm run bench)
//   BENCH_CANARY_RUNS=500 node bench/canary-sim.mjs
//
// Traffic: ticks of 15 s for 60 min; requests ~ Poisson(20/s × 15 s), each to the canary with
// probability 5% (two independent Poisson streams); errors binomial (or in bursts); latency
// lognormal with median 20 ms and p99 100 ms, counted in client_golang's default buckets.
// Seeded: the same BENCH_CANARY_RUNS gives the same table.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const root = new URL("..", import.meta.url).pathname;

/** Imports src/canary (index.ts), bundling it first if any of its files changed. */
export async function loadCanary() {
  const file = await bundleCanary();
  return import(pathToFileURL(file).href);
}

/** The path of src/canary bundled by ncc, building it when a source file changed. */
async function bundleCanary() {
  const dirSrc = join(root, "src/canary");
  const files = readdirSync(dirSrc)
    .filter((f) => f.endsWith(".ts"))
    .sort();
  const hash = createHash("sha256");
  for (const f of files) hash.update(f).update(readFileSync(join(dirSrc, f)));
  const digest = hash.digest("hex").slice(0, 16);
  const base = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "goship", "canary-sim");
  const file = join(base, digest, "index.mjs");
  if (!existsSync(file)) {
    const { default: ncc } = await import("@vercel/ncc");
    const { code } = await ncc(join(dirSrc, "index.ts"), { quiet: true, target: "es2024" });
    mkdirSync(join(base, digest), { recursive: true });
    writeFileSync(`${file}.tmp`, code);
    renameSync(`${file}.tmp`, file);
  }
  return file;
}

// --- Random numbers ----------------------------------------------------------------------------

/** xoshiro128** seeded through splitmix32; `next()` is uniform in [0, 1) with 53 bits. */
class Rng {
  constructor(seed) {
    let s = seed >>> 0;
    const mix = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
  }
  u32() {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }
  next() {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992;
  }
}
const rotl = (x, k) => ((x << k) | (x >>> (32 - k))) >>> 0;

const LOG_FACT = [0];
for (let k = 1; k <= 20000; k++) LOG_FACT[k] = LOG_FACT[k - 1] + Math.log(k);

/** Poisson: multiplication below 10, Hörmann's transformed rejection (PTRS) above. */
function poisson(rng, lam) {
  if (lam <= 0) return 0;
  if (lam < 10) {
    const limit = Math.exp(-lam);
    let k = 0;
    let p = rng.next();
    while (p > limit) {
      k++;
      p *= rng.next();
    }
    return k;
  }
  const slam = Math.sqrt(lam);
  const loglam = Math.log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.next() - 0.5;
    const V = rng.next();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lam + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - LOG_FACT[k])
      return k;
  }
}

/** Binomial by inversion from the smaller side (n here is at most a few hundred). */
function binomial(rng, n, p) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n > 1000) {
    const h = n >> 1;
    return binomial(rng, h, p) + binomial(rng, n - h, p);
  }
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = q ** n;
  let u = rng.next();
  let x = 0;
  while (u > r && x < n) {
    u -= r;
    x++;
    r *= a / x - s;
  }
  return x;
}

/** Counts per bucket (cells of `probs`, summing to 1) of n requests. */
function multinomial(rng, n, probs, out) {
  let left = n;
  let mass = 1;
  for (let i = 0; i < probs.length - 1; i++) {
    const k = left > 0 ? binomial(rng, left, Math.min(1, probs[i] / mass)) : 0;
    out[i] = k;
    left -= k;
    mass -= probs[i];
  }
  out[probs.length - 1] = left;
  return out;
}

// --- Latency model -----------------------------------------------------------------------------

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Φ(x) through erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function normalCdf(x) {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

const MEDIAN = 0.02;
const SIGMA = Math.log(0.1 / MEDIAN) / 2.3263478740408408; // p99 = 100 ms

/** Probability of each bucket cell (…, (le_{i-1}, le_i], …, (10, +Inf)) under the lognormal. */
function lognormalCells() {
  const cdf = BUCKETS.map((b) => normalCdf(Math.log(b / MEDIAN) / SIGMA));
  return [...BUCKETS.map((_, i) => cdf[i] - (i > 0 ? cdf[i - 1] : 0)), 1 - cdf[cdf.length - 1]];
}
const HEALTHY = lognormalCells();
/** 1% of requests replaced by a uniform 300–1000 ms tail. */
const SLOW_TAIL = HEALTHY.map((p) => 0.99 * p);
SLOW_TAIL[BUCKETS.indexOf(0.5)] += 0.01 * (0.2 / 0.7);
SLOW_TAIL[BUCKETS.indexOf(1)] += 0.01 * (0.5 / 0.7);

// --- One simulated arm -------------------------------------------------------------------------

class SimArm {
  constructor(name, historyRequests, cells) {
    this.name = name;
    this.ok = 0;
    this.errors = 0;
    this.cells = new Array(cells.length).fill(0);
    // A process that has served before the step: its expected history, deterministic.
    for (let i = 0; i < cells.length; i++) this.cells[i] = Math.round(historyRequests * HEALTHY[i]);
    this.ok = this.cells.reduce((s, x) => s + x, 0);
    this.scratch = new Array(cells.length).fill(0);
  }
  add(rng, n, errors, cells) {
    this.ok += n - errors;
    this.errors += errors;
    multinomial(rng, n, cells, this.scratch);
    for (let i = 0; i < this.cells.length; i++) this.cells[i] += this.scratch[i];
  }
  snapshot() {
    const buckets = [];
    let cum = 0;
    for (let i = 0; i < BUCKETS.length; i++) {
      cum += this.cells[i];
      buckets.push({ le: BUCKETS[i], count: cum });
    }
    const count = cum + this.cells[BUCKETS.length];
    buckets.push({ le: Number.POSITIVE_INFINITY, count });
    return {
      ok: true,
      instances: [
        {
          instance: this.name,
          startTime: 1_700_000_000,
          requests: [
            { key: 'code="200"', value: this.ok, error: false },
            { key: 'code="500"', value: this.errors, error: true },
          ],
          latency: [{ key: "http_request_duration_seconds", buckets, count }],
        },
      ],
    };
  }
}

/** Errors among n requests: binomial, or bursts of geometric size with mean `burst`. */
function errorsOf(rng, n, p, burst) {
  if (burst <= 1) return binomial(rng, n, p);
  const bursts = binomial(rng, n, p / burst);
  let e = 0;
  const stop = 1 / burst;
  for (let i = 0; i < bursts; i++) {
    e++;
    while (rng.next() >= stop) e++;
  }
  return Math.min(e, n);
}

// --- Scenarios -------------------------------------------------------------------------------

const TICK = 15;
const DURATION = 3600;
const WEIGHT = 0.05;

/**
 * A scenario sets, per run, the canary's and the baseline's error rate and latency cells at
 * each tick, the traffic multiplier and whether the metric source is down.
 */
const SCENARIOS = {
  aa: () => ({}),
  incident: (rng) => {
    const phase = rng.next() * 2 * Math.PI;
    // 2 min (8 ticks) of 10% errors on both arms, starting while the gate is still judging.
    const from = TICK * (5 + Math.floor(rng.next() * 36));
    const p = (t) => (t > from && t <= from + 120 ? 0.1 : 0.01);
    return { pC: p, pB: p, rate: (t) => 1 + 0.8 * Math.sin((2 * Math.PI * t) / DURATION + phase) };
  },
  bursts: () => ({ burst: 3 }),
  slow: () => ({ rate: () => 1 / 20 }),
  sourceDown: () => ({ down: (t) => t > 300 && t <= 900 }),
  errors5: () => ({ pC: () => 0.05 }),
  /** At weight 25% the default r* is 2: a canary failing twice as often as the baseline. */
  errors2at25: () => ({ pC: () => 0.02, weight: 0.25 }),
  tail: () => ({ cellsC: SLOW_TAIL }),
};

export function simulate(core, cfg, scenario, seed) {
  const rng = new Rng(seed);
  const s = SCENARIOS[scenario](rng);
  const pC = s.pC ?? (() => 0.01);
  const pB = s.pB ?? (() => 0.01);
  const rate = s.rate ?? (() => 1);
  const cellsC = s.cellsC ?? HEALTHY;
  const weight = s.weight ?? WEIGHT;
  const canary = new SimArm("canary:8080", 0, HEALTHY);
  const baseline = new SimArm("baseline:8080", 20 * (1 - weight) * 3600, HEALTHY);
  let state = core.initialState(cfg);
  let sinceValid = 0;
  let wasDown = false;
  const out = {
    decision: "hold",
    t: DURATION,
    nC: 0,
    needsNMin: false,
    heldWhileDown: true,
    gapConsumed: true,
  };
  for (let t = TICK; t <= DURATION; t += TICK) {
    const lam = 20 * TICK * rate(t);
    const nC = poisson(rng, lam * weight);
    const nB = poisson(rng, lam * (1 - weight));
    canary.add(rng, nC, errorsOf(rng, nC, pC(t), s.burst ?? 1), cellsC);
    baseline.add(rng, nB, errorsOf(rng, nB, pB(t), s.burst ?? 1), HEALTHY);
    sinceValid += nC;
    const down = s.down?.(t) ?? false;
    const input = { t, canary: canary.snapshot(), baseline: baseline.snapshot() };
    if (down) input.sourceDown = "simulated: Prometheus answered HTTP 503";
    const r = core.step(cfg, state, input);
    state = r.state;
    if (down && r.decision !== "hold") out.heldWhileDown = false;
    if (!down && wasDown && r.record.canary?.n !== sinceValid) out.gapConsumed = false;
    if (r.record.valid) sinceValid = 0;
    wasDown = down;
    if (r.final) {
      out.decision = r.decision;
      out.t = t;
      out.nC = r.record.nC;
      out.needsNMin = r.reasons.some((x) => /^needs \d+ more canary requests/.test(x));
      break;
    }
  }
  return out;
}

/** The gates the rows use, by name (rebuilt in each worker from the bundled defaults). */
function gates(core) {
  const base = { weight: WEIGHT, deadline: DURATION };
  // The default 4-check gate: errRel (share), errAbs, latRel and a latency SLO p99 ≤ 250 ms
  // (a default bucket boundary; the seed example's 200 ms is not one, and a healthy p99 of
  // 100 ms sits exactly at b⁻ = 0.1 s, so nothing could ever be promoted on it).
  const gate = core.gateConfig({ ...base, latencySlo: { q: 0.99, seconds: 0.25 } });
  return {
    gate,
    perRequest: { ...gate, errorTest: "per-request" },
    at25: core.gateConfig({ ...base, weight: 0.25, latencySlo: { q: 0.99, seconds: 0.25 } }),
    noSlo: core.gateConfig(base),
    errorsOnly: core.gateConfig({
      ...base,
      checks: { errorRate: true, errorCeiling: true, latency: false, latencySlo: false },
    }),
  };
}

/** Runs [from, to) of a batch; run i always has the same seed, however the batch is split. */
function runChunk(core, gateList, { scenario, gate, seed, from, to }) {
  const out = [];
  for (let i = from; i < to; i++)
    out.push(simulate(core, gateList[gate], scenario, (seed * 0x10001 + i) >>> 0));
  return out;
}

if (!isMainThread && workerData?.canarySim) {
  const core = await import(pathToFileURL(workerData.bundle).href);
  const gateList = gates(core);
  parentPort.on("message", (job) =>
    parentPort.postMessage({ key: job.key, from: job.from, res: runChunk(core, gateList, job) }),
  );
}

/** Every batch's runs, chunked over worker threads. */
async function runBatches(batches, runs, workers) {
  const bundle = await bundleCanary();
  const chunk = Math.max(1, Math.ceil(runs / 8));
  const queue = [];
  for (const b of batches)
    for (let from = 0; from < runs; from += chunk)
      queue.push({ ...b, from, to: Math.min(runs, from + chunk) });
  // The long scenarios first, so that no worker is left with one at the end.
  queue.sort((a, b) => Number(b.scenario === "slow") - Number(a.scenario === "slow"));
  const results = new Map(batches.map((b) => [b.key, new Array(runs)]));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const w = new Worker(new URL(import.meta.url), { workerData: { canarySim: true, bundle } });
      try {
        for (let job = queue.shift(); job; job = queue.shift()) {
          const done = await new Promise((resolve, reject) => {
            w.once("message", resolve);
            w.once("error", reject);
            w.postMessage(job);
          });
          w.removeAllListeners("error");
          done.res.forEach((r, i) => {
            results.get(done.key)[done.from + i] = r;
          });
        }
      } finally {
        await w.terminate();
      }
    }),
  );
  return results;
}

// --- Statistics and the table --------------------------------------------------------------

function wilson(k, n, z = 1.959963984540054) {
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const quantile = (xs, q) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const BATCHES = [
  { key: "aa", scenario: "aa", gate: "gate", seed: 1 },
  { key: "incident", scenario: "incident", gate: "gate", seed: 2 },
  { key: "bursts", scenario: "bursts", gate: "gate", seed: 3 },
  { key: "burstsPerRequest", scenario: "bursts", gate: "perRequest", seed: 4 },
  { key: "slow", scenario: "slow", gate: "gate", seed: 5 },
  { key: "down", scenario: "sourceDown", gate: "gate", seed: 6 },
  { key: "errors", scenario: "errors5", gate: "gate", seed: 7 },
  { key: "tail", scenario: "tail", gate: "gate", seed: 8 },
  { key: "rStar", scenario: "errors5", gate: "gate", seed: 9 },
  { key: "rStar25", scenario: "errors2at25", gate: "at25", seed: 10 },
  { key: "aaTime", scenario: "aa", gate: "gate", seed: 11 },
  { key: "errorsK2", scenario: "errors5", gate: "errorsOnly", seed: 12 },
  { key: "tailK3", scenario: "tail", gate: "noSlo", seed: 13 },
  { key: "aaTimeK3", scenario: "aa", gate: "noSlo", seed: 14 },
];

export async function benchCanarySim(report = () => {}) {
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const runs = Number(process.env.BENCH_CANARY_RUNS ?? 2000);
  const workers = Number(process.env.BENCH_CANARY_WORKERS ?? 2);
  const core = await loadCanary();
  const g = gates(core);
  const cfg = g.gate;
  const rStar = core.minEffectOf(cfg);
  const results = await runBatches(BATCHES, runs, workers);
  let ticks = 0;
  for (const res of results.values()) for (const r of res) ticks += r.t / TICK;

  const get = (key) => {
    const res = results.get(key);
    return { res, count: (d) => res.filter((r) => r.decision === d).length };
  };
  const rows = [];
  /** A rate over the runs with its Wilson interval; `pass(lo, hi)` judges the interval. */
  const rateRow = (scenario, measure, k, goal, pass) => {
    const [lo, hi] = wilson(k, runs);
    rows.push([
      scenario,
      measure,
      `${pct(k / runs)} (${k}/${runs})`,
      `${pct(lo)}–${pct(hi)}`,
      goal,
      pass(lo, hi),
    ]);
  };
  const valueRow = (scenario, measure, value, goal, pass) =>
    rows.push([scenario, measure, value, "", goal, pass]);
  const atMost = (x) => (_lo, hi) => hi <= x;
  const atLeast = (x) => (lo) => lo >= x;
  const info = () => "info";
  const rollbackCost = (b) => {
    const rb = b.res.filter((r) => r.decision === "rollback");
    const n = rb.map((r) => r.nC);
    return {
      median: quantile(n, 0.5),
      p95: quantile(n, 0.95),
      minutes:
        quantile(
          rb.map((r) => r.t),
          0.5,
        ) / 60,
    };
  };
  const promoteMinutes = (b) =>
    quantile(
      b.res.filter((r) => r.decision === "promote").map((r) => r.t / 60),
      0.5,
    );

  // 1. A/A, p = 1%.
  let b = get("aa");
  rateRow("A/A, p = 1%", "false ROLLBACK", b.count("rollback"), "≤ 5% (upper CI); ref. ~1%", atMost(0.05));

  // 2. A shared incident (8 ticks from a random tick between minutes 1¼ and 10) and diurnal
  // traffic (one ±80% sine period over the hour, random phase).
  const incident = "A/A, both arms at 10% errors for 2 min, ±80% diurnal traffic";
  b = get("incident");
  rateRow(incident, "false ROLLBACK", b.count("rollback"), "≤ 5%; ref. ~1.1%", atMost(0.05));

  // 3. Bursts of mean 3 (geometric sizes): the default share bet, and the per-request mixture.
  const bursts = "A/A, errors in bursts of mean 3";
  b = get("bursts");
  rateRow(bursts, "false ROLLBACK, share (default)", b.count("rollback"), "≤ 5%; ref. ~0.9%", atMost(0.05));
  b = get("burstsPerRequest");
  rateRow(bursts, "false ROLLBACK, per-request", b.count("rollback"), "not valid here; ref. ~33%", info);

  // 4. 1 req/s.
  const slow = "A/A, 1 req/s";
  b = get("slow");
  rateRow(slow, "false ROLLBACK", b.count("rollback"), "≤ 5%", atMost(0.05));
  const promotedSlow = b.count("promote");
  rateRow(slow, "PROMOTE", promotedSlow, "none", () => promotedSlow === 0);
  const namesNMin = b.res.filter((r) => r.decision === "hold" && r.needsNMin).length;
  const notRolledBack = runs - b.count("rollback");
  rateRow(
    slow,
    "final HOLD: needs n more canary requests",
    namesNMin,
    "every run not rolled back",
    () => namesNMin === notRolledBack,
  );

  // 5. Metric source down from minute 5 to 15, while the gate is still judging (an A/A step
  // promotes at ~12 min, so an outage at minute 25 would find it decided).
  const down = "A/A, metric source down 10 min (min 5–15)";
  b = get("down");
  rateRow(down, "false ROLLBACK", b.count("rollback"), "≤ 5%", atMost(0.05));
  const notHeld = b.res.filter((r) => !r.heldWhileDown).length;
  const notConsumed = b.res.filter((r) => !r.gapConsumed).length;
  valueRow(
    down,
    "runs not HOLD while down / first tick after not covering the gap",
    `${notHeld} / ${notConsumed}`,
    "0 / 0",
    notHeld === 0 && notConsumed === 0,
  );

  // 6. Errors 1% → 5%.
  const errors = "errors 1% → 5%";
  b = get("errors");
  rateRow(errors, "ROLLBACK within 60 min", b.count("rollback"), "≥ 99% (lower CI)", atLeast(0.99));
  let c = rollbackCost(b);
  valueRow(
    errors,
    "canary requests to ROLLBACK: median / p95",
    `${c.median} / ${c.p95} (median ${c.minutes.toFixed(2)} min)`,
    "≤ 200 (ref. 151) / ≤ 450",
    c.median <= 200 && c.p95 <= 450,
  );

  // 7. A tail-only latency regression.
  const tail = "p99 100 → ~300 ms, tail only (1% of requests 300–1000 ms)";
  b = get("tail");
  rateRow(tail, "ROLLBACK within 60 min", b.count("rollback"), "≥ 99% (lower CI)", atLeast(0.99));
  c = rollbackCost(b);
  valueRow(
    tail,
    "canary requests to ROLLBACK: median",
    `${c.median} (median ${c.minutes.toFixed(2)} min)`,
    "≤ 400 (ref. 315)",
    c.median <= 400,
  );

  // 8. A bad canary exactly at r*: at 5% weight (r* = 5, errors 5%) and at 25% (r* = 2, errors 2%).
  b = get("rStar");
  rateRow(
    `bad canary at r* = ${rStar} (errors 5%)`,
    "PROMOTE",
    b.count("promote"),
    `≤ β = ${cfg.beta}`,
    atMost(cfg.beta),
  );
  b = get("rStar25");
  rateRow(
    `bad canary at r* = ${core.minEffectOf(g.at25)}, weight 25% (errors 2%)`,
    "PROMOTE",
    b.count("promote"),
    `≤ β = ${g.at25.beta}`,
    atMost(g.at25.beta),
  );

  // 9. Time to PROMOTE of a healthy canary.
  b = get("aaTime");
  const minutes = promoteMinutes(b);
  valueRow(
    `A/A time to PROMOTE at r* = ${rStar}`,
    "median minutes (PROMOTE rate)",
    `${minutes.toFixed(2)} (${pct(b.count("promote") / runs)})`,
    "≤ 12 min",
    minutes <= 12,
  );

  // The same questions for smaller gates: fewer checks, lower thresholds ln(K/α).
  c = rollbackCost(get("errorsK2"));
  valueRow(
    `${errors}; error checks only (K = 2)`,
    "canary requests to ROLLBACK: median / p95",
    `${c.median} / ${c.p95}`,
    "≤ 200 / ≤ 450",
    info(),
  );
  b = get("tailK3");
  rateRow(`${tail}; no latency SLO (K = 3)`, "ROLLBACK within 60 min", b.count("rollback"), "≥ 99%", info);
  b = get("aaTimeK3");
  valueRow(
    `A/A time to PROMOTE; no latency SLO (K = 3)`,
    "median minutes",
    promoteMinutes(b).toFixed(2),
    "≤ 12 min",
    info(),
  );

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const checks = core.enabledChecks(cfg);
  console.log(
    `\n## canary-sim: ${runs} runs per batch, ${ticks} judged ticks, ${workers} worker threads, node ${process.version}, ` +
      `${seconds.toFixed(1)} s wall (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU)\n`,
  );
  console.log(
    `Gate: checks ${checks.join(", ")} (K = ${checks.length}: rollback at ln(K/α) = ${Math.log(checks.length / cfg.alpha).toFixed(3)}, ` +
      `promote-side evidence at ln(K/β) = ${Math.log(checks.length / cfg.beta).toFixed(3)}); error test ${cfg.errorTest}, r0 ${cfg.r0}; ` +
      `ceiling X = ${cfg.maxErrorRate}; latency SLO p${cfg.latencySlo.q * 100} ≤ ${cfg.latencySlo.seconds * 1000} ms; r* = ${rStar} at weight ${cfg.weight}; ` +
      `α = β = ${cfg.alpha}; warm-up ${cfg.warmup} s; min-ticks ${cfg.minTicks}; max-gap ${cfg.maxGap} s; tick ${cfg.interval} s; deadline ${cfg.deadline} s.`,
  );
  console.log(
    "Traffic: Poisson(20/s × 15 s) per tick, each request to the canary with probability 5%; baseline errors 1%; " +
      "latency lognormal (median 20 ms, p99 100 ms) in client_golang's default buckets; the baseline has served 1 h before the step. " +
      "Canary requests are counted from the end of warm-up.\n",
  );
  console.log("| scenario (60 min) | measure | result | Wilson 95% | goal | |");
  console.log("|---|---|---|---|---|---|");
  for (const [scenario, measure, result, ci, goal, pass] of rows)
    console.log(
      `| ${scenario} | ${measure} | ${result} | ${ci} | ${goal} | ${pass === "info" ? "info" : pass ? "PASS" : "MISS"} |`,
    );
  console.log("");
  report(
    `canary-sim: ${BATCHES.length} batches of ${runs} runs, ${ticks} ticks judged (wall time)`,
    seconds * 1000,
  );
  return rows;
}

if (isMainThread && import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchCanarySim();
