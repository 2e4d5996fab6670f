import { describe, expect, it } from "vitest";
import { defaultMinEffect, enabledChecks, gateConfig } from "../../src/canary/config.js";
import { inverseNormalCdf, minimumSample } from "../../src/canary/nmin.js";
import { expectPrinted } from "./printed.js";

describe("inverse normal (Acklam)", () => {
  // Reference quantiles (Wichura's AS 241, double precision).
  const known: [number, number][] = [
    [0.5, 0],
    [0.9, 1.2815515655446008],
    [0.975, 1.9599639845400536],
    [0.9875, 2.2414027276049464],
    [0.99, 2.3263478740408408],
    [0.001, -3.090232306167813],
    [1e-8, -5.61200124417479],
  ];
  it.each(known)("Φ⁻¹(%d) = %d to 1.2e-9", (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThanOrEqual(1.2e-9 * Math.max(1, Math.abs(z)));
  });

  it("is odd around 1/2 and refuses p outside (0, 1)", () => {
    expect(inverseNormalCdf(0.0125)).toBeCloseTo(-inverseNormalCdf(0.9875), 12);
    expect(() => inverseNormalCdf(0)).toThrow(RangeError);
    expect(() => inverseNormalCdf(1)).toThrow(RangeError);
  });
});

describe("minimum sample n_min (α = β = 0.0125 per check, K = 4)", () => {
  const n = (share: number, rStar: number, kappa = 1) =>
    Math.ceil(
      minimumSample({
        baselineRate: 0.01,
        share,
        minEffect: rStar,
        r0: 1,
        checks: 4,
        alpha: 0.05,
        beta: 0.05,
        kappa,
      }),
    );

  const table: [number, number, string][] = [
    [0.05, 1.5, "19,963"],
    [0.05, 2, "5,630"],
    [0.05, 3, "1,723"],
    [0.05, 5, "587"],
    [0.25, 2, "7,023"],
    [0.25, 5, "706"],
  ];
  it.each(table)("share %d, p_b 1%%, r* %d → %s canary requests (per-request mode)", (share, rStar, text) => {
    expectPrinted(n(share, rStar), text);
  });

  it("the share bet needs 1.1× as many", () => {
    for (const [share, rStar] of table) {
      const exact = (k: number) =>
        minimumSample({
          baselineRate: 0.01,
          share,
          minEffect: rStar,
          r0: 1,
          checks: 4,
          alpha: 0.05,
          beta: 0.05,
          kappa: k,
        });
      expect(Math.abs(exact(1.1) / exact(1) - 1.1)).toBeLessThan(1e-12);
    }
    expect(n(0.05, 5, 1.1)).toBe(646);
  });

  it("cannot be met when r* does not exceed r0 or there is no share yet", () => {
    const base = { baselineRate: 0.01, r0: 1, checks: 4, alpha: 0.05, beta: 0.05, kappa: 1 };
    expect(minimumSample({ ...base, share: 0.05, minEffect: 1 })).toBe(Number.POSITIVE_INFINITY);
    expect(minimumSample({ ...base, share: Number.NaN, minEffect: 5 })).toBe(Number.POSITIVE_INFINITY);
  });

  it("grows as the baseline fails less often and as r* shrinks", () => {
    const at = (pB: number, rStar: number) =>
      minimumSample({
        baselineRate: pB,
        share: 0.05,
        minEffect: rStar,
        r0: 1,
        checks: 4,
        alpha: 0.05,
        beta: 0.05,
        kappa: 1,
      });
    expect(at(0.001, 5)).toBeGreaterThan(9 * at(0.01, 5));
    expect(at(0.01, 1.5)).toBeGreaterThan(at(0.01, 2));
  });
});

describe("defaults", () => {
  it("r* is 5 at ≤ 10% weight, 2 at ≤ 30%, 1.5 above", () => {
    expect([0.01, 0.1, 0.11, 0.3, 0.31, 1].map(defaultMinEffect)).toEqual([5, 5, 2, 2, 1.5, 1.5]);
  });

  it("an error ceiling of 1 is off and does not count towards K", () => {
    const cfg = gateConfig({ weight: 0.05, deadline: 3600, maxErrorRate: 1 });
    expect(enabledChecks(cfg)).toEqual(["errorRate", "latency"]);
    const slo = gateConfig({ weight: 0.05, deadline: 3600, latencySlo: { q: 0.99, seconds: 0.2 } });
    expect(enabledChecks(slo)).toEqual(["errorRate", "errorCeiling", "latency", "latencySlo"]);
    expect(slo).toMatchObject({
      alpha: 0.05,
      beta: 0.05,
      errorTest: "share",
      r0: 1,
      warmup: 60,
      minTicks: 3,
    });
  });
});
