import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../src/kit/suggest.js";

describe("editDistance", () => {
  it.each([
    ["hosts", "hosts", 0],
    ["hots", "hosts", 1],
    ["hsots", "hosts", 1], // two neighbours swapped is one edit
    ["deploy-sytemd", "deploy-systemd", 1],
    ["", "abc", 3],
  ])("%s → %s: %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe("closest", () => {
  const actions = [
    "setup-go-cross",
    "build-static",
    "package-release",
    "deploy-systemd",
    "canary-gate",
    "verify",
  ];
  it("names what a misspelling most likely meant", () => {
    expect(closest("deploy-sytemd", actions)).toBe("deploy-systemd");
    expect(closest("buildstatic", actions)).toBe("build-static");
    expect(closest("verfy", actions)).toBe("verify");
    expect(closest("canary", actions)).toBe("canary-gate"); // the one candidate it starts
  });

  it("names nothing when nothing is close", () => {
    expect(closest("kubernetes", actions)).toBeUndefined();
    expect(closest("x", actions)).toBeUndefined();
  });
});
