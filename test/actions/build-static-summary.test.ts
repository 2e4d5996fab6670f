import { describe, expect, it } from "vitest";
import { type BuildReport, type BuiltTarget, buildSummary } from "../../src/actions/build-static/summary.js";

const built = (target: string, over: Partial<BuiltTarget> = {}): BuiltTarget => ({
  target,
  size: 1_468_006,
  sha256: `${"ab".repeat(8)}${"0".repeat(48)}`,
  static: true,
  buildMs: 40_000,
  verifyMs: 12,
  ...over,
});

const report = (over: Partial<BuildReport>): BuildReport => ({
  binaryName: "hello",
  version: "1.2.3",
  commit: "0123456789abcdef0123",
  date: "2026-01-02T03:04:05Z",
  goVersion: "1.26.0",
  targets: ["linux/amd64"],
  built: [],
  failures: [],
  wallMs: 0,
  reproducibleCheck: false,
  uploaded: [],
  ...over,
});

/** The summary's lines after its heading. */
const body = (r: BuildReport) => buildSummary(r).toMarkdown().split("\n").slice(2);

describe("build-static's job summary", () => {
  it("one target: one line that says it all, no table and no chart", () => {
    const md = buildSummary(
      report({ built: [built("linux/amd64", { buildMs: 3_200 })], wallMs: 3_300 }),
    ).toMarkdown();
    expect(md.split("\n").slice(0, 3)).toEqual([
      "## build-static",
      "",
      "✅ **hello 1.2.3** for linux/amd64: 1.4 MiB, static, sha256 `abababababababab`, built in 3.2 s",
    ]);
    expect(md).not.toMatch(/\| target|mermaid/);
  });

  it("several targets: the wall time, not the sum of overlapping builds, then a table without totals", () => {
    const targets = ["linux/amd64", "linux/arm64", "windows/amd64", "darwin/arm64"];
    const r = report({
      targets,
      built: targets.map((t) => built(t, { static: t.startsWith("linux") ? true : undefined })),
      wallMs: 61_500,
    });
    const lines = body(r);
    expect(lines[0]).toBe("✅ **hello 1.2.3**: 4 targets built and verified in 61.5 s");
    const md = buildSummary(r).toMarkdown();
    expect(md).toContain("| target | size | sha256 | static | build time | verify |");
    expect(md).toContain("| windows/amd64 | 1.4 MiB | `abababababababab` | n/a | 40.0 s | 12 ms |");
    expect(md).not.toMatch(/total|160\.0 s|mermaid/);
    // The full digests, collapsed.
    expect(md).toMatch(
      /<details><summary>sha256 of each binary<\/summary>\n\n```\n[0-9a-f]{64} {2}linux\/amd64\n/,
    );
  });

  it("a long table goes into a collapsed block", () => {
    const targets = Array.from({ length: 12 }, (_, n) => `linux/t${n}`);
    const md = buildSummary(report({ targets, built: targets.map((t) => built(t)), wallMs: 1 })).toMarkdown();
    expect(md).toMatch(/<details><summary>12 targets<\/summary>\n\n\| target \| size/);
  });

  it("a failure: ❌ and which targets first, then each distinct cause once, then what was built", () => {
    const oops = "./oops.go:3:9: undefined: undefinedName";
    const r = report({
      targets: ["linux/amd64", "linux/arm64", "windows/amd64"],
      built: [built("windows/amd64")],
      failures: [
        { target: "linux/amd64", message: oops, diagnostics: [] },
        { target: "linux/arm64", message: oops, diagnostics: [] },
      ],
      wallMs: 5_000,
    });
    expect(body(r).slice(0, 9)).toEqual([
      "❌ **hello 1.2.3**: 2 of 3 targets failed: linux/amd64, linux/arm64",
      "",
      "From `0123456789ab` (2026-01-02T03:04:05Z) with Go 1.26.0.",
      "",
      "**linux/amd64, linux/arm64**:",
      "",
      "```",
      oops,
      "```",
    ]);
    const md = buildSummary(r).toMarkdown();
    expect(md).toContain("Built and verified, then removed because the step failed:");
    expect(md).toContain("| windows/amd64 |");
    expect(md).not.toContain("sha256 of each binary");
  });

  it("a one-target failure names the target", () => {
    const r = report({ failures: [{ target: "linux/amd64", message: "boom", diagnostics: [] }] });
    expect(body(r)[0]).toBe("❌ **hello 1.2.3** for linux/amd64 failed");
  });

  it("a failure of the step itself, after every target built", () => {
    const r = report({ built: [built("linux/amd64")], error: "upload failed: artifact service said 503" });
    expect(body(r)[0]).toBe("❌ **hello 1.2.3**: upload failed: artifact service said 503");
  });
});
