import { describe, expect, it } from "vitest";
import {
  GRID_SIZE,
  logMeanExp,
  logSumExp,
  mixtureAbove,
  mixtureBelow,
  nullShare,
  rateRatios,
  SHARE_BETS,
  updateBernoulli,
  updatePerRequest,
  updateShareBet,
  zeros,
} from "../../src/canary/eprocess.js";
import { expectPrinted } from "./printed.js";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** Per-request errRel over one aggregated tick. */
function perRequest(eC: number, nC: number, eB: number, nB: number, r0 = 1): number {
  const l = zeros(GRID_SIZE);
  updatePerRequest(l, rateRatios(r0), r0, eC, eC + eB, nC / (nC + nB));
  return logMeanExp(l);
}

/** Share errRel, log E after each tick. */
function shareSequence(ticks: [number, number, number, number][], r0 = 1): number[] {
  const L = zeros(SHARE_BETS.length);
  return ticks.map(([eC, nC, eB, nB]) => {
    const m = eC + eB;
    if (m > 0) updateShareBet(L, eC, m, nullShare(nC / (nC + nB), r0));
    return logMeanExp(L);
  });
}

function ceiling(events: number, n: number, level: number): { up: number; down: number } {
  const above = mixtureAbove(level);
  const below = mixtureBelow(level);
  const up = zeros(above.rates.length);
  const down = zeros(below.rates.length);
  updateBernoulli(up, above, events, n);
  updateBernoulli(down, below, events, n);
  return { up: logMeanExp(up), down: logMeanExp(down) };
}

describe("log-sum-exp", () => {
  it("matches the direct sum where that does not overflow, and stays finite where it would", () => {
    const xs = [-3.2, 0.5, 1.25, -40, 7];
    const direct = Math.log(xs.reduce((s, x) => s + Math.exp(x), 0));
    expect(rel(logSumExp(xs), direct)).toBeLessThan(1e-12);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logMeanExp([2, 2, 2])).toBeCloseTo(2, 14);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([Number.NEGATIVE_INFINITY, 0])).toBe(0);
  });
});

describe("per-request errRel (CANARY.md, one aggregated tick)", () => {
  const table: [number, number, number, number, string, string][] = [
    [2, 200, 38, 3800, "-2.0006", "0.1353"],
    [10, 200, 20, 3800, "10.3626", "31652.41"],
    [6, 120, 23, 2280, "3.0131", "20.3512"],
    [0, 1000, 0, 19000, "0", "1"],
    [3, 100, 0, 1900, "7.1025", "1214.94"],
    [15, 1000, 190, 19000, "-1.1087", "0.3300"],
    [40, 2000, 60, 6000, "3.2380", "25.4839"],
  ];
  it.each(table)("%i/%i vs %i/%i: ln E %s, E %s", (eC, nC, eB, nB, lnE, E) => {
    const logE = perRequest(eC, nC, eB, nB);
    expectPrinted(logE, lnE);
    expectPrinted(Math.exp(logE), E);
  });

  it("no errors on either side is no evidence at all", () => {
    expect(Math.abs(perRequest(0, 1000, 0, 19000))).toBeLessThan(1e-12);
  });

  it("splitting a tick with the same share π gives the same e-value (the mixture is per request)", () => {
    const l = zeros(GRID_SIZE);
    const r = rateRatios(1);
    for (const [eC, eB] of [
      [3, 5],
      [0, 9],
      [4, 4],
      [3, 2],
    ] as const)
      updatePerRequest(l, r, 1, eC, eC + eB, 0.05);
    expect(rel(logMeanExp(l), perRequest(10, 200, 20, 3800))).toBeLessThan(1e-9);
  });

  it("each alternative is the binomial likelihood ratio of the canary's share of the errors", () => {
    const [eC, m, pi] = [6, 29, 0.05];
    const l = zeros(GRID_SIZE);
    const ratios = rateRatios(1);
    updatePerRequest(l, ratios, 1, eC, m, pi);
    ratios.forEach((r, j) => {
      const th = (r * pi) / (1 + pi * (r - 1));
      const direct = eC * Math.log(th / pi) + (m - eC) * Math.log((1 - th) / (1 - pi));
      expect(rel(l[j] as number, direct)).toBeLessThan(1e-9);
    });
  });

  it("with r0 > 1 the same counts are weaker evidence", () => {
    expect(perRequest(10, 200, 20, 3800, 2)).toBeLessThan(perRequest(10, 200, 20, 3800, 1) - 3);
  });
});

describe("share errRel (CANARY.md, cumulative E after each tick)", () => {
  it("a bad canary: 2.9975 · 1.4228 · 4.7427 · 17.4796 · 93.9356 · 340.65 · 2498.43", () => {
    const logE = shareSequence([
      [1, 15, 2, 285],
      [0, 15, 3, 285],
      [2, 15, 3, 285],
      [1, 15, 2, 285],
      [3, 15, 4, 285],
      [1, 15, 3, 285],
      [2, 15, 2, 285],
    ]);
    const printed = ["2.9975", "1.4228", "4.7427", "17.4796", "93.9356", "340.65", "2498.43"];
    for (const [i, l] of logE.entries()) expectPrinted(Math.exp(l), printed[i] as string);
    // The fifth tick is the first at or above 80 = K/α with four checks at α = 0.05.
    expect(logE.findIndex((l) => l >= Math.log(80))).toBe(4);
  });

  it("an A/A-like run: 0.6475, 1.4228, 0.9486, 0.7276, 1.4603, 1.0837, 0.8610", () => {
    const logE = shareSequence([
      [0, 15, 3, 285],
      [1, 15, 2, 285],
      [0, 15, 4, 285],
      [0, 15, 3, 285],
      [1, 15, 2, 285],
      [0, 15, 3, 285],
      [0, 15, 2, 285],
    ]);
    const printed = ["0.6475", "1.4228", "0.9486", "0.7276", "1.4603", "1.0837", "0.8610"];
    for (const [i, l] of logE.entries()) expectPrinted(Math.exp(l), printed[i] as string);
  });

  it("is the mean over bet fractions of the product of (1 + f·z) per tick", () => {
    const ticks: [number, number, number, number][] = [
      [1, 15, 2, 285],
      [0, 15, 3, 285],
      [2, 15, 3, 285],
    ];
    const direct =
      SHARE_BETS.reduce(
        (s, f) =>
          s + ticks.reduce((p, [eC, nC, eB, nB]) => p * (1 + f * (eC / (eC + eB) / (nC / (nC + nB)) - 1)), 1),
        0,
      ) / SHARE_BETS.length;
    expect(rel(Math.exp(shareSequence(ticks).at(-1) as number), direct)).toBeLessThan(1e-9);
  });

  it("uses θ0 = r0·π/(1 + π(r0 − 1)), which is π when r0 = 1", () => {
    expect(nullShare(0.05, 1)).toBe(0.05);
    expect(nullShare(0.25, 2)).toBeCloseTo(0.4, 15);
  });
});

describe("error ceiling (X = 0.05): E rollback side / E promote side", () => {
  const table: [number, number, string, string][] = [
    [0, 100, "0.0144", "94.87"],
    [2, 200, "0.0032", "57.13"],
    [10, 100, "2.016", "0.0104"],
    [30, 300, "78.03", "1.46e-4"],
  ];
  it.each(table)("%i/%i → %s / %s", (e, n, up, down) => {
    const r = ceiling(e, n, 0.05);
    expectPrinted(Math.exp(r.up), up);
    expectPrinted(Math.exp(r.down), down);
  });

  it("mixes the alternatives X·2^(j/2) that are probabilities (eight at X = 0.05) and X/2^(j/2), j = 1..13", () => {
    expect(mixtureAbove(0.05).rates).toHaveLength(8);
    expect(mixtureAbove(0.01).rates).toHaveLength(13);
    expect(mixtureBelow(0.05).rates).toHaveLength(13);
    expect(Math.max(...mixtureAbove(0.05).rates)).toBeCloseTo(0.8, 12);
  });

  it("adds up over ticks exactly as over one aggregated tick", () => {
    const above = mixtureAbove(0.05);
    const l = zeros(above.rates.length);
    for (const [e, n] of [
      [3, 40],
      [0, 35],
      [7, 25],
    ] as const)
      updateBernoulli(l, above, e, n);
    expect(rel(logMeanExp(l), ceiling(10, 100, 0.05).up)).toBeLessThan(1e-9);
  });

  it("each alternative is the Bernoulli likelihood ratio", () => {
    const below = mixtureBelow(0.05);
    const l = zeros(below.rates.length);
    updateBernoulli(l, below, 2, 200);
    below.rates.forEach((p, j) => {
      const direct = (p / 0.05) ** 2 * ((1 - p) / 0.95) ** 198;
      expect(rel(Math.exp(l[j] as number), direct)).toBeLessThan(1e-9);
    });
  });
});

describe("latency SLO (p0 = 0.01): E rollback side / E promote side", () => {
  const table: [number, number, string, string][] = [
    [0, 500, "0.0099", "85.61"],
    [5, 100, "15.22", "0.0229"],
    [10, 300, "29.19", "0.0060"],
  ];
  it.each(table)("%i/%i → %s / %s", (e, n, up, down) => {
    const r = ceiling(e, n, 0.01);
    expectPrinted(Math.exp(r.up), up);
    expectPrinted(Math.exp(r.down), down);
  });
});
