import { describe, expect, it } from "vitest";
import { planCaches } from "../../src/go/cache.js";
import { linkCacheDir } from "../../src/go/link-cache.js";

describe("planCaches", () => {
  it("saves and restores build-static's link cache with the build cache", () => {
    const plan = planCaches({
      runnerOs: "Linux",
      runnerArch: "X64",
      goVersion: "1.26.0",
      targetKey: "linux/amd64",
      sumHash: "nosum",
      modDir: "/home/runner/go/pkg/mod",
      buildDir: "/home/runner/.cache/go-build",
    });
    expect(plan.linkDir).toBe("/home/runner/.cache/goship-link");
    expect(plan.linkDir).toBe(linkCacheDir(plan.buildDir));
  });
});
