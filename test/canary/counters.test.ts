import { describe, expect, it } from "vitest";
import {
  armDelta,
  commonLayout,
  counterDelta,
  histogramDelta,
  histogramProblem,
} from "../../src/canary/counters.js";
import type { ArmMemory, HistogramSeries, InstanceSnapshot } from "../../src/canary/types.js";

const INF = Number.POSITIVE_INFINITY;

function hist(counts: number[], les = [0.1, 0.25, INF], count = counts.at(-1) as number): HistogramSeries {
  return { key: "h", buckets: les.map((le, i) => ({ le, count: counts[i] as number })), count };
}

function instance(
  ok: number,
  errors: number,
  h: HistogramSeries | null,
  startTime: number | null = 100,
  name = "a:8080",
): InstanceSnapshot {
  return {
    instance: name,
    startTime,
    requests: [
      { key: 'code="200"', value: ok, error: false },
      { key: 'code="503"', value: errors, error: true },
    ],
    latency: h ? [h] : [],
  };
}

const opt = { arm: "the canary", layout: [0.1, 0.25], needLatency: true };

/** Memory of an arm after a first valid snapshot. */
function remembered(...instances: InstanceSnapshot[]): ArmMemory {
  const r = armDelta(null, instances, { ...opt, needLatency: instances.some((i) => i.latency.length > 0) });
  if (!r.ok) throw new Error(r.reason);
  return r.memory;
}

describe("counter deltas (CANARY.md vectors)", () => {
  it("counter 100 → 130: delta 30", () => {
    expect(counterDelta(100, 130, false)).toEqual({ delta: 30, reset: false });
  });
  it("counter reset 130 → 7: delta 7, reset", () => {
    expect(counterDelta(130, 7, false)).toEqual({ delta: 7, reset: true });
  });
  it("restart (start time changed) 130 → 150: delta 150, reset", () => {
    expect(counterDelta(130, 150, true)).toEqual({ delta: 150, reset: true });
    const prev = remembered(instance(100, 30, null, 100));
    const r = armDelta(prev, [instance(120, 30, null, 200)], { ...opt, needLatency: false, layout: null });
    expect(r).toMatchObject({ ok: true, n: 150, errors: 30, resets: ["instance a:8080 restarted"] });
  });
  it("sums per-series deltas over instances, a reset on one instance not hiding the others' traffic", () => {
    const prev = remembered(instance(100, 0, null, 1, "a"), instance(1000, 10, null, 1, "b"));
    const r = armDelta(prev, [instance(130, 2, null, 1, "a"), instance(5, 1, null, 1, "b")], {
      ...opt,
      needLatency: false,
      layout: null,
    });
    // a: 30 + 2; b reset: 5 + 1 (a sum over instances, 135 + 3 < 1010, would have hidden it).
    expect(r).toMatchObject({ ok: true, n: 38, errors: 3 });
    expect(r.ok && r.resets).toEqual([
      'series code="200" on instance b reset',
      'series code="503" on instance b reset',
    ]);
  });
  it.each([
    ["NaN", Number.NaN],
    ["+Inf", INF],
    ["-Inf", -INF],
    ["negative", -1],
  ])("a %s sample makes the tick invalid", (_, v) => {
    const prev = remembered(instance(100, 0, hist([90, 98, 100])));
    const r = armDelta(prev, [instance(v, 0, hist([180, 197, 200]))], opt);
    expect(r).toEqual({
      ok: false,
      reason: `the canary: series code="200" on instance a:8080 has value ${v}`,
    });
  });
});

describe("histogram deltas (CANARY.md vectors, le = 0.1, 0.25, +Inf)", () => {
  it("[90,98,100] → [180,197,200]: n 100, exceedances [10, 1]", () => {
    expect(histogramDelta(hist([90, 98, 100]), hist([180, 197, 200]), false)).toEqual({
      n: 100,
      exceedances: [10, 1],
      reset: false,
    });
    const prev = remembered(instance(100, 0, hist([90, 98, 100])));
    expect(armDelta(prev, [instance(200, 0, hist([180, 197, 200]))], opt)).toMatchObject({
      ok: true,
      latencyCount: 100,
      exceedances: [10, 1],
    });
  });
  it("reset [180,197,200] → [9,10,10]: n 10, exceedances [1, 0]", () => {
    expect(histogramDelta(hist([180, 197, 200]), hist([9, 10, 10]), false)).toEqual({
      n: 10,
      exceedances: [1, 0],
      reset: true,
    });
  });
  it("a decrease in one bucket alone resets the whole histogram", () => {
    expect(histogramDelta(hist([180, 197, 200]), hist([170, 200, 205]), false)).toEqual({
      n: 205,
      exceedances: [35, 5],
      reset: true,
    });
  });
  it("start time changed, [180,197,200] → [190,205,210]: n 210, exceedances [20, 5]", () => {
    expect(histogramDelta(hist([180, 197, 200]), hist([190, 205, 210]), true)).toEqual({
      n: 210,
      exceedances: [20, 5],
      reset: true,
    });
    const prev = remembered(instance(200, 0, hist([180, 197, 200]), 100));
    expect(armDelta(prev, [instance(210, 0, hist([190, 205, 210]), 101)], opt)).toMatchObject({
      ok: true,
      latencyCount: 210,
      exceedances: [20, 5],
    });
  });

  const invalid: [string, HistogramSeries, string][] = [
    ["non-monotone buckets", hist([180, 170, 200]), "bucket counts decrease with le (le=0.25 has 170 < 180)"],
    [
      "+Inf ≠ _count",
      hist([180, 197, 200], undefined, 201),
      "its +Inf bucket (200) differs from _count (201)",
    ],
    ["NaN bucket", hist([180, Number.NaN, 200]), "bucket le=0.25 has count NaN"],
    ["no +Inf bucket", hist([180, 197], [0.1, 0.25]), "its last bucket is not le=+Inf"],
    [
      "boundaries out of order",
      hist([180, 197, 200], [0.25, 0.1, INF]),
      "its bucket boundaries are not strictly increasing (le=0.1 after le=0.25)",
    ],
  ];
  it.each(invalid)("%s: invalid tick, with that reason", (_, h, reason) => {
    expect(histogramProblem(h)).toBe(reason);
    const prev = remembered(instance(100, 0, hist([90, 98, 100])));
    expect(armDelta(prev, [instance(200, 0, h)], opt)).toEqual({
      ok: false,
      reason: `the canary: histogram h on instance a:8080: ${reason}`,
    });
  });

  it("layout changed: invalid tick, with that reason", () => {
    const prev = remembered(instance(100, 0, hist([90, 98, 100])));
    const r = armDelta(prev, [instance(200, 0, hist([180, 197, 200], [0.1, 0.5, INF]))], opt);
    expect(r).toEqual({
      ok: false,
      reason:
        "the canary: histogram h on instance a:8080: its bucket layout changed from [0.1, 0.25] to [0.1, 0.5]",
    });
  });
});

describe("arm snapshots", () => {
  const prev = remembered(instance(100, 5, hist([90, 98, 100])));

  it("an empty result is no data, never zero", () => {
    expect(armDelta(prev, [], opt)).toEqual({
      ok: false,
      reason: "the canary: no data (the query returned no series)",
    });
    const noSeries = { instance: "a:8080", startTime: 100, requests: [], latency: [] };
    expect(armDelta(null, [noSeries], opt)).toMatchObject({ ok: false });
  });

  it("zero requests in a valid tick is a valid zero", () => {
    expect(armDelta(prev, [instance(100, 5, hist([90, 98, 100]))], opt)).toMatchObject({
      ok: true,
      n: 0,
      errors: 0,
      latencyCount: 0,
      exceedances: [0, 0],
    });
  });

  it("a series the arm had before is missing: invalid", () => {
    const s = instance(200, 5, hist([180, 197, 200]));
    s.requests = s.requests.filter((r) => !r.error);
    expect(armDelta(prev, [s], opt)).toEqual({
      ok: false,
      reason: 'the canary: series code="503" on instance a:8080 is missing (it was there before)',
    });
    expect(armDelta(prev, [instance(200, 5, null)], opt)).toMatchObject({ ok: false });
    expect(armDelta(prev, [instance(200, 5, hist([180, 197, 200]), 100, "b:8080")], opt)).toMatchObject({
      ok: false,
    });
  });

  it("after a restart the series that have not come back yet are not missing", () => {
    const s = instance(20, 0, hist([18, 19, 20]), 200);
    s.requests = s.requests.filter((r) => !r.error);
    expect(armDelta(prev, [s], opt)).toMatchObject({ ok: true, n: 20, errors: 0, latencyCount: 20 });
  });

  it("a new series on a known instance counts whole; a new instance only records its counters", () => {
    const s = instance(130, 5, hist([120, 128, 135]));
    s.requests.push({ key: 'code="502"', value: 4, error: true });
    expect(armDelta(prev, [s], opt)).toMatchObject({ ok: true, n: 34, errors: 4 });
    const r = armDelta(
      prev,
      [instance(130, 5, hist([120, 128, 135])), instance(10_000, 900, hist([1, 2, 10_900]), 1, "new")],
      opt,
    );
    expect(r).toMatchObject({ ok: true, n: 30, errors: 0, latencyCount: 35 });
    expect(r.ok && r.memory.instances.map((i) => i.instance)).toEqual(["a:8080", "new"]);
  });

  it("errors come from the error series only, requests from all series", () => {
    expect(armDelta(prev, [instance(190, 15, hist([180, 197, 205]))], opt)).toMatchObject({
      ok: true,
      n: 100,
      errors: 10,
    });
  });

  it("a latency series without a boundary the gate uses is invalid", () => {
    const r = armDelta(prev, [instance(200, 5, hist([180, 200], [0.1, INF]))], { ...opt });
    expect(r.ok).toBe(false);
    const fresh = remembered(instance(100, 5, hist([90, 100], [0.1, INF])));
    expect(armDelta(fresh, [instance(200, 5, hist([180, 200], [0.1, INF]))], opt)).toEqual({
      ok: false,
      reason: "the canary: histogram h on instance a:8080 has no bucket le=0.25",
    });
  });

  it("the gate's layout is the finite boundaries every latency series has", () => {
    expect(
      commonLayout([
        [instance(1, 0, hist([1, 1, 1]))],
        [instance(1, 0, hist([1, 1, 1, 1], [0.05, 0.1, 0.25, INF]))],
      ]),
    ).toEqual([0.1, 0.25]);
  });
});
