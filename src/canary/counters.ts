// From raw cumulative counters to per-tick counts. Deltas are taken per series, per instance,
// and only then summed over an arm: a `sum` before the delta would hide one instance's reset.
// Anything that does not look like a healthy cumulative counter makes the whole tick invalid;
// the next valid tick's delta then covers the gap, because the counters are cumulative.

import type { ArmMemory, HistogramSeries, InstanceMemory, InstanceSnapshot } from "./types.js";

export interface CounterDelta {
  delta: number;
  reset: boolean;
}

/** A decrease, or a changed process start time, is a reset: the counter restarted from 0. */
export function counterDelta(prev: number, cur: number, restarted: boolean): CounterDelta {
  if (restarted || cur < prev) return { delta: cur, reset: true };
  return { delta: cur - prev, reset: false };
}

/** Why a histogram sample cannot be used, or null when it can. */
export function histogramProblem(h: HistogramSeries): string | null {
  if (!Number.isFinite(h.count) || h.count < 0) return `_count is ${h.count}`;
  if (h.buckets.length === 0) return "it has no buckets";
  let le = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const b of h.buckets) {
    if (Number.isNaN(b.le)) return "a bucket boundary is NaN";
    if (!(b.le > le)) return `its bucket boundaries are not strictly increasing (le=${b.le} after le=${le})`;
    if (!Number.isFinite(b.count) || b.count < 0) return `bucket le=${b.le} has count ${b.count}`;
    if (b.count < count) return `bucket counts decrease with le (le=${b.le} has ${b.count} < ${count})`;
    le = b.le;
    count = b.count;
  }
  if (le !== Number.POSITIVE_INFINITY) return "its last bucket is not le=+Inf";
  if (count !== h.count) return `its +Inf bucket (${count}) differs from _count (${h.count})`;
  return null;
}

export interface HistogramDelta {
  n: number;
  /** Observations above each finite boundary: exc(b) = n − Δcum(b). */
  exceedances: number[];
  reset: boolean;
}

type HistogramMemory = InstanceMemory["histograms"][number];

function finiteLayout(h: HistogramSeries): number[] {
  const les: number[] = [];
  for (const b of h.buckets) if (b.le !== Number.POSITIVE_INFINITY) les.push(b.le);
  return les;
}

function remember(h: HistogramSeries): HistogramMemory {
  const les: number[] = [];
  const cum: number[] = [];
  for (const b of h.buckets) {
    if (b.le === Number.POSITIVE_INFINITY) continue;
    les.push(b.le);
    cum.push(b.count);
  }
  return { key: h.key, les, cum, count: h.count };
}

function sameLayout(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The delta of one valid histogram series against its previous sample: a decrease in any
 * bucket or in `_count` (or a restart) resets the whole histogram, and the delta is the
 * current sample. Returns a reason string when the layout changed.
 */
export function histogramDelta(
  prev: HistogramSeries | undefined,
  cur: HistogramSeries,
  restarted: boolean,
): HistogramDelta | string {
  return deltaOf(prev && remember(prev), remember(cur), restarted);
}

function deltaOf(
  prev: HistogramMemory | undefined,
  now: HistogramMemory,
  restarted: boolean,
): HistogramDelta | string {
  if (prev && !sameLayout(prev.les, now.les))
    return `its bucket layout changed from [${prev.les.join(", ")}] to [${now.les.join(", ")}]`;
  let reset = restarted || !prev;
  if (prev && !reset) {
    if (now.count < prev.count) reset = true;
    else
      for (let i = 0; i < now.cum.length; i++)
        if ((now.cum[i] as number) < (prev.cum[i] as number)) {
          reset = true;
          break;
        }
  }
  const n = reset || !prev ? now.count : now.count - prev.count;
  const exceedances = now.cum.map((c, i) => n - (reset || !prev ? c : c - (prev.cum[i] as number)));
  return { n, exceedances, reset: reset && prev !== undefined };
}

export interface ArmCounts {
  ok: true;
  n: number;
  errors: number;
  latencyCount: number;
  /** Exceedances at each boundary of the layout given to `armDelta`. */
  exceedances: number[];
  resets: string[];
  memory: ArmMemory;
}

export interface ArmInvalid {
  ok: false;
  reason: string;
}

export interface ArmDeltaOptions {
  /** Sentence subject for reasons: "the canary", "the baseline". */
  arm: string;
  /** Boundaries at which to count exceedances (each latency series must have them all). */
  layout: readonly number[] | null;
  /** Latency checks are on: an arm without histogram series has no data. */
  needLatency: boolean;
}

/**
 * Checks one arm's snapshot and, given its previous counters, sums its per-series deltas.
 * Without previous counters (first valid tick) the counts are zero and only the memory is
 * set. A new instance only records its counters: its history before the step is not part of
 * the step. A new series on a known instance was created since the last tick and counts whole.
 */
export function armDelta(
  prev: ArmMemory | null,
  instances: readonly InstanceSnapshot[],
  opt: ArmDeltaOptions,
): ArmCounts | ArmInvalid {
  const arm = opt.arm;
  const bad = (reason: string): ArmInvalid => ({ ok: false, reason: `${arm}: ${reason}` });
  if (instances.length === 0) return bad("no data (the query returned no series)");
  const layout = opt.layout;
  const exceedances = layout ? new Array<number>(layout.length).fill(0) : [];
  let n = 0;
  let errors = 0;
  let latencyCount = 0;
  let requestSeries = 0;
  let latencySeries = 0;
  const resets: string[] = [];
  const memory: InstanceMemory[] = [];
  const seen = new Set<string>();

  for (const inst of instances) {
    const where = `instance ${inst.instance}`;
    if (seen.has(inst.instance)) return bad(`${where} appears twice`);
    seen.add(inst.instance);
    if (inst.startTime !== null && !Number.isFinite(inst.startTime))
      return bad(`${where} has process start time ${inst.startTime}`);
    const before = prev?.instances.find((p) => p.instance === inst.instance);
    const restarted =
      before !== undefined &&
      before.startTime !== null &&
      inst.startTime !== null &&
      before.startTime !== inst.startTime;
    if (restarted) resets.push(`${where} restarted`);
    const counters: InstanceMemory["counters"] = [];
    const keys = new Set<string>();
    for (const s of inst.requests) {
      if (!Number.isFinite(s.value) || s.value < 0)
        return bad(`series ${s.key} on ${where} has value ${s.value}`);
      if (keys.has(s.key)) return bad(`series ${s.key} appears twice on ${where}`);
      keys.add(s.key);
      counters.push({ key: s.key, value: s.value });
      requestSeries++;
      if (!before) continue;
      const old = before.counters.find((c) => c.key === s.key);
      const d = old ? counterDelta(old.value, s.value, restarted) : { delta: s.value, reset: false };
      if (d.reset && !restarted) resets.push(`series ${s.key} on ${where} reset`);
      n += d.delta;
      if (s.error) errors += d.delta;
    }
    const histograms: InstanceMemory["histograms"] = [];
    const hkeys = new Set<string>();
    for (const h of inst.latency) {
      const problem = histogramProblem(h);
      if (problem) return bad(`histogram ${h.key} on ${where}: ${problem}`);
      if (hkeys.has(h.key)) return bad(`histogram ${h.key} appears twice on ${where}`);
      hkeys.add(h.key);
      latencySeries++;
      const old = before?.histograms.find((x) => x.key === h.key);
      const mem = remember(h);
      const d = deltaOf(old, mem, restarted);
      if (typeof d === "string") return bad(`histogram ${h.key} on ${where}: ${d}`);
      histograms.push(mem);
      if (!before) continue;
      if (d.reset && !restarted) resets.push(`histogram ${h.key} on ${where} reset`);
      latencyCount += d.n;
      if (layout) {
        const exact = sameLayout(mem.les, layout);
        for (let i = 0; i < layout.length; i++) {
          const at = exact ? i : mem.les.indexOf(layout[i] as number);
          if (at < 0) return bad(`histogram ${h.key} on ${where} has no bucket le=${layout[i]}`);
          exceedances[i] = (exceedances[i] as number) + (d.exceedances[at] as number);
        }
      }
    }
    // A series seen before must still be there, unless the process restarted (its series
    // come back one by one as they are first incremented).
    if (before && !restarted) {
      for (const c of before.counters)
        if (!keys.has(c.key)) return bad(`series ${c.key} on ${where} is missing (it was there before)`);
      for (const h of before.histograms)
        if (!hkeys.has(h.key)) return bad(`histogram ${h.key} on ${where} is missing (it was there before)`);
    }
    memory.push({ instance: inst.instance, startTime: inst.startTime, counters, histograms });
  }
  if (prev)
    for (const p of prev.instances)
      if (!seen.has(p.instance)) return bad(`instance ${p.instance} is missing (it was there before)`);
  if (requestSeries === 0) return bad("no request counters (the query returned no series)");
  if (opt.needLatency && latencySeries === 0)
    return bad("no latency histogram (the query returned no series)");
  if (errors > n) return bad(`more errors (${errors}) than requests (${n})`);
  return { ok: true, n, errors, latencyCount, exceedances, resets, memory: { instances: memory } };
}

/** The finite bucket boundaries every latency series of both arms has, ascending. */
export function commonLayout(arms: readonly (readonly InstanceSnapshot[])[]): number[] {
  let common: number[] | null = null;
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
export function cumulativeAt(
  instances: readonly InstanceSnapshot[],
  layout: readonly number[],
): { count: number; cum: number[] } {
  const cum = new Array<number>(layout.length).fill(0);
  let count = 0;
  for (const inst of instances)
    for (const h of inst.latency) {
      count += h.count;
      for (const b of h.buckets) {
        const i = layout.indexOf(b.le);
        if (i >= 0) cum[i] = (cum[i] as number) + b.count;
      }
    }
  return { count, cum };
}
