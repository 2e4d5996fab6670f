import { describe, expect, it } from "vitest";
import { gateConfig } from "../../src/canary/config.js";
import { type GateClock, runGate, type TickRead } from "../../src/canary/gate.js";
import { arm, FakeInstance } from "./arms.js";

/** A clock whose sleeps advance it; reads can take time too. */
class FakeClock implements GateClock {
  constructor(public ms: number) {}
  now() {
    return this.ms;
  }
  async sleep(ms: number) {
    this.ms += Math.max(0, ms);
  }
}

const START = 1_800_000_000_000;

/** Steady traffic: each read adds one tick's requests, errors at the given rates. */
function traffic(perTick: { nC: number; eC: number; nB: number; eB: number }) {
  const canary = new FakeInstance("c:1");
  const baseline = new FakeInstance("b:1");
  return (): TickRead => {
    canary.add(perTick.nC, perTick.eC);
    baseline.add(perTick.nB, perTick.eB);
    return { canary: arm(canary), baseline: arm(baseline) };
  };
}

describe("runGate", () => {
  it("ticks on a fixed clock from the start, whatever the reads cost, and stops at the deadline with HOLD", async () => {
    const cfg = gateConfig({ weight: 0.05, deadline: 60, interval: 15, warmup: 0 });
    const clock = new FakeClock(START);
    const seen: { t: number; at: number; now: number }[] = [];
    const next = traffic({ nC: 0, eC: 0, nB: 0, eB: 0 });
    const run = await runGate({
      cfg,
      start: START,
      clock,
      read: async ({ t, at }) => {
        seen.push({ t, at, now: clock.now() });
        clock.ms += 2_000; // every read takes 2 s
        return next();
      },
    });
    expect(seen.map((s) => s.t)).toEqual([0, 15, 30, 45, 60]);
    expect(seen.map((s) => s.now - START)).toEqual([0, 15_000, 30_000, 45_000, 60_000]);
    expect(seen.map((s) => s.at)).toEqual(seen.map((s) => START / 1000 + s.t));
    expect(run.final).toBe(true);
    expect(run.decision).toBe("hold");
    expect(run.reasons[0]).toMatch(/deadline/);
    expect(run.records).toHaveLength(5);
    expect(run.skipped).toBe(0);
  });

  it("skips the ticks a slow read overran instead of drifting, and still reads the deadline's tick", async () => {
    const cfg = gateConfig({ weight: 0.05, deadline: 60, interval: 10, warmup: 0 });
    const clock = new FakeClock(START);
    const ts: number[] = [];
    const next = traffic({ nC: 0, eC: 0, nB: 0, eB: 0 });
    const run = await runGate({
      cfg,
      start: START,
      clock,
      read: async ({ t }) => {
        ts.push(t);
        if (t === 10) clock.ms += 25_000; // ends at 35 s: ticks 20 and 30 are gone
        return next();
      },
    });
    expect(ts).toEqual([0, 10, 40, 50, 60]);
    expect(run.skipped).toBe(2);
  });

  it("ends on the judge's first final decision: a canary at 5× the baseline's errors rolls back", async () => {
    const cfg = gateConfig({ weight: 0.05, deadline: 3600, interval: 15, warmup: 0 });
    const next = traffic({ nC: 100, eC: 10, nB: 1900, eB: 19 });
    const run = await runGate({ cfg, start: START, read: async () => next() });
    expect(run.decision).toBe("rollback");
    expect(run.final).toBe(true);
    expect(run.records.length).toBeLessThan(10);
    expect(run.records.at(-1)?.decision).toBe("rollback");
  });

  it("replays a window without a clock: tick times come from the window's start", async () => {
    const cfg = gateConfig({ weight: 0.05, deadline: 30, interval: 15, warmup: 0 });
    const ats: number[] = [];
    const next = traffic({ nC: 0, eC: 0, nB: 0, eB: 0 });
    await runGate({
      cfg,
      start: START,
      read: async ({ at }) => {
        ats.push(at);
        return next();
      },
    });
    expect(ats).toEqual([START / 1000, START / 1000 + 15, START / 1000 + 30]);
  });

  it("puts a failed source through to the judge as HOLD and lets the next tick consume the gap", async () => {
    const cfg = gateConfig({ weight: 0.05, deadline: 45, interval: 15, warmup: 0 });
    const next = traffic({ nC: 10, eC: 0, nB: 190, eB: 2 });
    const run = await runGate({
      cfg,
      start: START,
      read: async ({ index }) => {
        const r = next();
        return index === 2 ? { ...r, sourceDown: "Prometheus: HTTP 503" } : r;
      },
    });
    expect(run.records.map((r) => r.valid)).toEqual([true, true, false, true]);
    expect(run.records[2]?.decision).toBe("hold");
    expect(run.records[3]?.nC).toBe(30); // ticks 1..3: the gap's requests are counted at tick 3
  });

  it("stops when aborted, with final false", async () => {
    const cfg = gateConfig({ weight: 0.05, deadline: 600, interval: 15, warmup: 0 });
    const controller = new AbortController();
    const next = traffic({ nC: 0, eC: 0, nB: 0, eB: 0 });
    const run = await runGate({
      cfg,
      start: START,
      signal: controller.signal,
      read: async ({ index }) => {
        if (index === 2) controller.abort();
        return next();
      },
    });
    expect(run.final).toBe(false);
    expect(run.records).toHaveLength(3);
  });
});
