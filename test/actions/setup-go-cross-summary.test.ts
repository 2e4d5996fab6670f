import { describe, expect, it } from "vitest";
import { setupSummary } from "../../src/actions/setup-go-cross/summary.js";
import { buildMatrix, formatTarget } from "../../src/contract/targets.js";
import type { InstalledGo } from "../../src/go/install.js";

const go: InstalledGo = {
  version: "1.25.4",
  goroot: "/opt/hostedtoolcache/go/1.25.4/x64",
  from: "tool-cache",
  durationMs: 120,
  notes: [],
};
const goDirective = {
  spec: ">=1.25.0 <1.26.0-0",
  source: 'go directive "go 1.25.0" in go.mod (newest patch release of 1.25)',
  derived: true,
};
const targets = (...ts: string[]) =>
  ts.map((t) => {
    const [goos = "", goarch = "", variant] = t.split("/");
    return { goos, goarch, ...(variant ? { variant } : {}) };
  });

describe("setup-go-cross's job summary", () => {
  it("opens with the version and where it came from; no empty header row, no internal range", () => {
    const md = setupSummary({
      go,
      request: goDirective,
      matrix: buildMatrix(targets("linux/amd64", "linux/arm64")),
    }).toMarkdown();
    expect(md.split("\n").slice(0, 7)).toEqual([
      "## setup-go-cross",
      "",
      "✅ Go **1.25.4** for 2 targets, from the tool cache (0.1 s)",
      "",
      '- asked for by go directive "go 1.25.0" in go.mod (newest patch release of 1.25)',
      "- caches: off",
      "- GOROOT: `/opt/hostedtoolcache/go/1.25.4/x64`",
    ]);
    expect(md).not.toMatch(/\|\s*\|\s*\||<1\.26\.0-0/);
  });

  it("shows a spec the user wrote, and leaves out columns no target fills", () => {
    const md = setupSummary({
      go,
      request: { spec: "1.25.x", source: "input go-version" },
      cache: {
        plan: undefined as never,
        mod: "exact",
        build: "miss",
      },
      matrix: buildMatrix(targets("linux/amd64", "linux/arm64")),
    }).toMarkdown();
    expect(md).toContain("- asked for by input go-version: 1.25.x\n- caches: modules exact, build miss\n");
    expect(md).toContain("| target | GOOS | GOARCH |\n| --- | --- | --- |\n| linux/amd64 | linux | amd64 |");
    expect(md).not.toMatch(/variant|cgo C compiler/);
  });

  it("keeps the variant and C compiler columns when a target has them", () => {
    const ts = targets("linux/amd64", "linux/arm/7");
    const cc = new Map([[formatTarget(ts[1] as never), "arm-linux-gnueabihf-gcc"]]);
    const md = setupSummary({ go, request: goDirective, matrix: buildMatrix(ts, cc) }).toMarkdown();
    expect(md).toContain("| target | GOOS | GOARCH | variant | cgo C compiler |");
    expect(md).toContain("| linux/arm/7 | linux | arm | 7 | `arm-linux-gnueabihf-gcc` |");
    expect(md).toContain("| linux/amd64 | linux | amd64 |  |  |");
  });

  it("collapses a long list of targets", () => {
    const many = targets(...Array.from({ length: 12 }, (_, n) => `linux/t${n}`));
    const md = setupSummary({ go, request: goDirective, matrix: buildMatrix(many) }).toMarkdown();
    expect(md).toMatch(/<details><summary>12 targets<\/summary>\n\n\| target \| GOOS \| GOARCH \|/);
  });
});
