import { describe, expect, it } from "vitest";
import { gateConfig } from "../../src/canary/config.js";
import { initialState, step } from "../../src/canary/judge.js";
import type { GateConfig, GateState, StepResult, TickInput } from "../../src/canary/types.js";
import { arm, FakeInstance, unreachable } from "./arms.js";
import { expectPrinted } from "./printed.js";

const SLO = { q: 0.99, seconds: 0.25 };
/** All four checks, no warm-up: the first tick only records the counters. */
const FULL = gateConfig({ weight: 0.05, deadline: 3600, warmup: 0, latencySlo: SLO });

/** Two arms of one instance each, advanced tick by tick. */
class Step {
  canary = new FakeInstance("canary:8080");
  baseline = new FakeInstance("baseline:8080");
  t = 0;
  state: GateState;
  results: StepResult[] = [];

  constructor(readonly cfg: GateConfig) {
    this.state = initialState(cfg);
  }

  /** One tick after adding traffic: (canary errors, requests, baseline errors, requests). */
  tick(
    eC = 0,
    nC = 0,
    eB = 0,
    nB = 0,
    extra: Partial<TickInput> = {},
    slow?: { c?: number[]; b?: number[] },
  ) {
    this.canary.add(nC, eC, slow?.c);
    this.baseline.add(nB, eB, slow?.b);
    return this.feed({ canary: arm(this.canary), baseline: arm(this.baseline), ...extra });
  }

  feed(input: Omit<TickInput, "t">): StepResult {
    this.t += this.cfg.interval;
    const r = step(this.cfg, this.state, { t: this.t, ...input });
    this.state = r.state;
    this.results.push(r);
    return r;
  }

  get decisions() {
    return this.results.map((r) => r.decision);
  }
}

const logE = (r: StepResult, check: string) => r.record.checks.find((c) => c.check === check)?.logE as number;

describe("the judge: decisions", () => {
  it("rolls back a bad canary at tick 5 of the share sequence, 93.9356 ≥ 80 with four checks", () => {
    const s = new Step(FULL);
    s.tick(); // counters recorded
    const ticks = [
      [1, 15, 2, 285],
      [0, 15, 3, 285],
      [2, 15, 3, 285],
      [1, 15, 2, 285],
      [3, 15, 4, 285],
    ];
    for (const [eC, nC, eB, nB] of ticks) s.tick(eC, nC, eB, nB);
    expect(s.decisions).toEqual(["hold", "hold", "hold", "hold", "hold", "rollback"]);
    const printed = ["2.9975", "1.4228", "4.7427", "17.4796", "93.9356"];
    for (const [i, r] of s.results.slice(1).entries())
      expectPrinted(Math.exp(logE(r, "errorRate")), printed[i] as string);
    const last = s.results.at(-1) as StepResult;
    expect(last.final).toBe(true);
    expect(last.record.checks.map((c) => c.check)).toEqual([
      "errorRate",
      "errorCeiling",
      "latency",
      "latencySlo",
    ]);
    expect(last.record.checks[0]?.threshold).toBeCloseTo(Math.log(80), 12);
    expect(last.reasons).toEqual([
      "error rate: the canary fails more often than the baseline (E = 93.9 ≥ 80.0; canary 7/75 = 9.3%, baseline 14/1425 = 0.98%)",
    ]);
    expect(last.record).toMatchObject({ nC: 75, eC: 7, nB: 1425, eB: 14, valid: true, phase: "analysis" });
  });

  it("rolls back a single per-request check at E ≥ 20, but not four checks at E < 80", () => {
    const one = gateConfig({
      weight: 0.05,
      deadline: 3600,
      warmup: 0,
      errorTest: "per-request",
      checks: { errorRate: true, errorCeiling: false, latency: false, latencySlo: false },
    });
    const s = new Step(one);
    s.tick();
    const r = s.tick(6, 120, 23, 2280);
    expectPrinted(Math.exp(logE(r, "errorRate")), "20.3512");
    expect(r.decision).toBe("rollback");
    const four = new Step({ ...FULL, errorTest: "per-request" });
    four.tick();
    expect(four.tick(6, 120, 23, 2280).decision).toBe("hold");
  });

  it("rolls back a canary whose slow requests outnumber the baseline's", () => {
    const s = new Step(FULL);
    s.tick(0, 0, 0, 0);
    let r: StepResult | undefined;
    // 4% of the canary's requests above 0.1 s and 2% above 0.25 s, against 0.5% and 0.1%.
    for (let i = 0; i < 20 && !r?.final; i++)
      r = s.tick(
        0,
        100,
        0,
        2000,
        {},
        { c: [100, 100, 100, 100, 4, 2, 0], b: [2000, 2000, 2000, 2000, 10, 2, 0] },
      );
    expect(r?.decision).toBe("rollback");
    expect(r?.reasons.some((x) => x.startsWith("latency"))).toBe(true);
  });

  it("promotes a healthy canary once min-ticks, the minimum sample and both promote sides are met", () => {
    const s = new Step(FULL);
    s.tick();
    let r: StepResult | undefined;
    for (let i = 0; i < 40 && !r?.final; i++) r = s.tick(1, 100, 19, 1900);
    expect(r?.decision).toBe("promote");
    const promoted = r as StepResult;
    // n_min (share bet, p̂_b ≈ 1%, π = 5%, r* = 5) is about 646 canary requests: 7 ticks of 100.
    expect(promoted.record.nMin).toBeGreaterThan(600);
    expect(promoted.record.nC).toBeGreaterThanOrEqual(promoted.record.nMin as number);
    expect(promoted.record.nC - 100).toBeLessThan(promoted.record.nMin as number);
    expect(promoted.reasons[0]).toMatch(/^promote: no regression after 7 ticks/);
    const before = s.results.at(-2) as StepResult;
    expect(before.decision).toBe("hold");
    expect(before.reasons).toContain(
      `needs ${(before.record.nMin as number) - 600} more canary requests (600 of the minimum sample ${before.record.nMin}) before a ×5 regression would have shown`,
    );
    for (const c of promoted.record.checks) {
      expect(c.logE).toBeLessThan(c.threshold);
      if (c.promoteLogE !== undefined)
        expect(c.promoteLogE).toBeGreaterThanOrEqual(c.promoteThreshold as number);
    }
  });

  it("does not promote before min-ticks even with plenty of data", () => {
    const s = new Step({ ...FULL, minTicks: 3 });
    s.tick();
    expect([s.tick(10, 5000, 190, 95000), s.tick(10, 5000, 190, 95000)].map((r) => r.decision)).toEqual([
      "hold",
      "hold",
    ]);
    expect(s.results.at(-1)?.reasons).toContain("2 of 3 ticks analysed (min-ticks)");
    expect(s.tick(10, 5000, 190, 95000).decision).toBe("promote");
  });

  it("ends in a final HOLD at the deadline, naming the canary requests still missing", () => {
    const s = new Step({ ...FULL, deadline: 150 });
    s.tick();
    let r: StepResult | undefined;
    while (!r?.final) r = s.tick(0, 15, 3, 285);
    expect(s.t).toBe(150);
    expect(r.decision).toBe("hold");
    expect(r.reasons[0]).toBe("no decision by the deadline (150 s): the step fails");
    const more = (r.record.nMin as number) - 135;
    expect(r.reasons).toContain(
      `needs ${more} more canary requests (135 of the minimum sample ${r.record.nMin}) before a ×5 regression would have shown`,
    );
    expect(() => step(s.cfg, s.state, { t: 165, canary: arm(s.canary), baseline: arm(s.baseline) })).toThrow(
      /after the final decision/,
    );
  });

  it("holds instead of rolling back when the baseline violates the error ceiling too", () => {
    const ceilingOnly = gateConfig({
      weight: 0.05,
      deadline: 3600,
      warmup: 0,
      checks: { errorRate: false, errorCeiling: true, latency: false, latencySlo: false },
    });
    const shared = new Step(ceilingOnly);
    shared.tick();
    for (let i = 0; i < 10; i++) shared.tick(20, 100, 380, 1900);
    expect(shared.decisions.every((d) => d === "hold")).toBe(true);
    const last = shared.results.at(-1) as StepResult;
    expect(logE(last, "errorCeiling")).toBeGreaterThan(Math.log(20));
    expect(last.reasons[0]).toMatch(/^error ceiling: .* but the baseline violates the ceiling too/);

    const alone = new Step(ceilingOnly);
    alone.tick();
    for (let i = 0; i < 10 && !alone.results.at(-1)?.final; i++) alone.tick(20, 100, 19, 1900);
    expect(alone.decisions.at(-1)).toBe("rollback");
    expect(alone.results.at(-1)?.reasons[0]).toMatch(
      /^error ceiling: the canary's error rate is above 5\.0%/,
    );
  });

  it("gives CANARY.md's error-ceiling and latency-SLO figures for one aggregated tick", () => {
    const only = (check: "errorCeiling" | "latencySlo") =>
      gateConfig({
        weight: 0.05,
        deadline: 3600,
        warmup: 0,
        latencySlo: { q: 0.99, seconds: 0.25 },
        checks: {
          errorRate: false,
          errorCeiling: check === "errorCeiling",
          latency: false,
          latencySlo: check === "latencySlo",
        },
      });
    const ceiling = new Step(only("errorCeiling"));
    ceiling.tick();
    const c = ceiling.tick(10, 100, 19, 1900).record.checks[0];
    expect(c?.check).toBe("errorCeiling");
    expectPrinted(Math.exp(c?.logE as number), "2.016");
    expectPrinted(Math.exp(c?.promoteLogE as number), "0.0104");
    expect(c?.threshold).toBeCloseTo(Math.log(20), 12);

    // 5 of 100 canary requests slower than 0.25 s: b⁺ = b⁻ = 0.25 (above boundary index 5).
    const slo = new Step(only("latencySlo"));
    slo.tick();
    const r = slo.tick(0, 100, 0, 1900, {}, { c: [100, 100, 100, 100, 100, 5, 0] });
    expect(r.record.canary?.exceedances.slice(4, 7)).toEqual([100, 5, 0]);
    const l = r.record.checks[0];
    expectPrinted(Math.exp(l?.logE as number), "15.22");
    expectPrinted(Math.exp(l?.promoteLogE as number), "0.0229");
    expect(slo.state.sloBounds).toEqual({ upper: 0.25, lower: 0.25 });
    expect(slo.state.warnings).toEqual([]);
  });

  it("only records counters during warm-up", () => {
    const s = new Step({ ...FULL, warmup: 60 });
    for (let i = 0; i < 4; i++) s.tick(5, 15, 0, 285);
    expect(s.results.map((r) => r.record.phase)).toEqual(["warmup", "warmup", "warmup", "warmup"]);
    expect(s.state.totals.nC).toBe(0);
    expect(s.state.analysedTicks).toBe(0);
    const r = s.tick(1, 15, 2, 285);
    expect(r.record).toMatchObject({ phase: "analysis", nC: 15, eC: 1, nB: 285, eB: 2 });
    expect(r.record.canary).toMatchObject({ n: 15, errors: 1, latencyCount: 15 });
  });
});

describe("the judge: data it cannot use", () => {
  it("an invalid tick is HOLD and updates nothing; the next valid tick consumes the gap", () => {
    const a = new Step(FULL);
    const b = new Step(FULL);
    for (const s of [a, b]) {
      s.tick();
      s.tick(1, 15, 2, 285);
    }
    const before = a.state;
    a.canary.add(15, 2);
    a.baseline.add(285, 3);
    const bad = arm(a.canary);
    if (!bad.ok) throw new Error("unreachable");
    (bad.instances[0]?.requests[0] as { value: number }).value = Number.NaN;
    const r = a.feed({ canary: bad, baseline: arm(a.baseline) });
    expect(r.decision).toBe("hold");
    expect(r.record.valid).toBe(false);
    expect(r.record.invalid).toBe('the canary: series code="200" on instance canary:8080 has value NaN');
    expect(r.reasons).toEqual([
      'the canary: series code="200" on instance canary:8080 has value NaN; this tick is not used (the next valid tick covers it)',
    ]);
    for (const k of ["checks", "totals", "prev", "analysedTicks", "lastValidT", "layout"] as const)
      expect(r.state[k]).toEqual(before[k]);

    a.tick(0, 15, 4, 285);
    b.t += 15; // b sees the same traffic in one tick, at the same time
    b.canary.add(15, 2);
    b.baseline.add(285, 3);
    b.tick(0, 15, 4, 285);
    expect(a.state.totals).toEqual(b.state.totals);
    expect(a.state.checks).toEqual(b.state.checks);
    expect(a.state.totals).toMatchObject({ nC: 45, eC: 3, nB: 855, eB: 9 });
  });

  it("an empty result is no data, never zero", () => {
    const s = new Step(FULL);
    s.tick();
    s.tick(1, 15, 2, 285);
    const before = s.state;
    const r = s.feed({ canary: { ok: true, instances: [] }, baseline: arm(s.baseline) });
    expect(r.decision).toBe("hold");
    expect(r.record.invalid).toBe("the canary: no data (the query returned no series)");
    expect(r.state.totals).toEqual(before.totals);
    expect(r.state.checks).toEqual(before.checks);
  });

  it("holds as stale once no valid tick came for max-gap", () => {
    const s = new Step({ ...FULL, maxGap: 300 });
    s.tick();
    s.tick(0, 15, 3, 285); // t = 30
    const down = [];
    for (let i = 0; i < 24; i++) down.push(s.tick(0, 15, 3, 285, { sourceDown: "HTTP 503 from Prometheus" }));
    const stale = down.filter((r) => r.reasons[0]?.startsWith("stale:"));
    // Stale from t = 330 (300 s after the last valid tick at 30) to t = 330 + 4·15.
    expect(stale.map((r) => r.record.t)).toEqual([330, 345, 360, 375, 390]);
    expect(stale[0]?.reasons).toEqual([
      "stale: no valid data for 300 s (max-gap 300 s)",
      "the metric source is down: HTTP 503 from Prometheus; this tick is not used (the next valid tick covers it)",
    ]);
    expect(down.every((r) => r.decision === "hold")).toBe(true);
    const back = s.tick();
    expect(back.record.valid).toBe(true);
    expect(back.record.canary?.n).toBe(24 * 15);
    expect(back.record.nC).toBe(15 + 24 * 15);
  });

  it("rolls back a canary that does not answer twice in a row while the baseline does; once is HOLD", () => {
    const s = new Step(FULL);
    s.tick();
    s.tick(0, 15, 3, 285);
    const once = s.feed({ canary: unreachable(), baseline: arm(s.baseline) });
    expect(once).toMatchObject({ decision: "hold", final: false });
    expect(once.reasons[0]).toBe(
      "the canary did not answer: connect ECONNREFUSED; this tick is not used (the next valid tick covers it)",
    );
    s.tick();
    const again = s.feed({ canary: unreachable(), baseline: arm(s.baseline) });
    expect(again.decision).toBe("hold");
    const twice = s.feed({ canary: unreachable(), baseline: arm(s.baseline) });
    expect(twice).toMatchObject({ decision: "rollback", final: true });
    expect(twice.reasons[0]).toBe("the canary did not answer for 2 ticks in a row while the baseline did");
  });

  it("holds when both arms are down or the source is down, however long", () => {
    const s = new Step(FULL);
    s.tick();
    for (let i = 0; i < 3; i++) s.feed({ canary: unreachable(), baseline: unreachable("timeout") });
    for (let i = 0; i < 3; i++)
      s.feed({ canary: unreachable(), baseline: arm(s.baseline), sourceDown: "query timed out" });
    expect(s.decisions.slice(1)).toEqual(["hold", "hold", "hold", "hold", "hold", "hold"]);
    expect(s.results[1]?.reasons[0]).toMatch(
      /^no usable data from either arm \(canary: connect ECONNREFUSED; baseline: timeout\)/,
    );
  });

  it("does not count an unreachable canary during warm-up", () => {
    const s = new Step({ ...FULL, warmup: 60 });
    for (let i = 0; i < 4; i++) s.feed({ canary: unreachable(), baseline: arm(s.baseline) });
    expect(s.decisions).toEqual(["hold", "hold", "hold", "hold"]);
    expect(s.state.canaryDown).toBe(0);
  });

  it("warns when the SLO latency is not a bucket boundary", () => {
    const s = new Step(
      gateConfig({ weight: 0.05, deadline: 3600, warmup: 0, latencySlo: { q: 0.99, seconds: 0.3 } }),
    );
    s.tick();
    s.tick(0, 15, 3, 285);
    expect(s.state.sloBounds).toEqual({ upper: 0.5, lower: 0.25 });
    expect(s.results[1]?.record.warnings).toEqual(s.state.warnings);
    expect(s.results[0]?.record.warnings).toBeUndefined();
    expect(s.state.warnings).toEqual([
      "latency SLO: 0.3 s is not a bucket boundary; a canary whose p99 lies between 0.25 s and 0.3 s can never be promoted on the SLO: add a bucket le=0.3",
    ]);
  });

  it("fixes the latency boundaries at the baseline's median at the first analysed tick", () => {
    const s = new Step(FULL);
    // Baseline history: half its requests above 0.025 s, 10% above 0.05 s.
    s.baseline.add(1000, 0, [1000, 1000, 500, 100, 10]);
    s.tick();
    s.tick(0, 15, 0, 285);
    expect(s.state.latencyBounds).toEqual([0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    expect(s.state.checks.latency).toHaveLength(9);
  });

  it("keeps its state as plain JSON: a step from the parsed state gives the same result", () => {
    const s = new Step(FULL);
    s.tick();
    s.tick(1, 15, 2, 285);
    s.tick(0, 15, 3, 285);
    const parsed = JSON.parse(JSON.stringify(s.state)) as GateState;
    expect(parsed).toEqual(s.state);
    s.canary.add(2, 1);
    s.baseline.add(285, 3);
    const input = { t: 60, canary: arm(s.canary), baseline: arm(s.baseline) };
    expect(step(FULL, parsed, input)).toEqual(step(FULL, s.state, input));
  });

  it("refuses ticks that do not move forward and configurations it cannot judge", () => {
    const s = new Step(FULL);
    s.tick();
    expect(() => step(FULL, s.state, { t: 15, canary: arm(s.canary), baseline: arm(s.baseline) })).toThrow(
      /tick times must increase/,
    );
    expect(() => initialState({ ...FULL, minEffect: 1 })).toThrow(/r\* must be above r0/);
    expect(() => initialState({ ...FULL, latencySlo: undefined })).toThrow(/no SLO/);
  });
});
