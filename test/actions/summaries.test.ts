import { describe, expect, it } from "vitest";
import { buildSummary } from "../../src/actions/build-static/summary.js";
import { type ReleaseReport, releaseSummary } from "../../src/actions/package-release/summary.js";
import { setupSummary } from "../../src/actions/setup-go-cross/summary.js";
import { buildMatrix } from "../../src/contract/targets.js";
import { failureSummary } from "../../src/kit/summary.js";

/*
 * Each action's job summary for a typical run, kept as Markdown under test/fixtures/summaries
 * so that a change to what users see shows in review (`npx vitest run -u` rewrites them;
 * `node scripts/render-summaries.mjs` renders them as GitHub does and screenshots them).
 */

const fixture = (name: string) => `../fixtures/summaries/${name}.md`;
const sha = (c: string) => c.repeat(64);
const commit = "5f3c2a1b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
const date = "2026-11-21T16:00:00Z";
const built = (target: string, size: number, c: string, buildMs: number, isStatic?: boolean) => ({
  target,
  size,
  sha256: sha(c),
  static: isStatic,
  buildMs,
  verifyMs: 14,
});
const build = {
  binaryName: "gin-app",
  version: "1.4.0",
  commit,
  date,
  goVersion: "1.26.0",
  reproducibleCheck: false,
};

describe("job summaries as users see them", () => {
  it("build-static: seven targets", async () => {
    const targets = [
      "darwin/amd64",
      "darwin/arm64",
      "linux/amd64",
      "linux/arm/7",
      "linux/arm64",
      "windows/amd64",
      "windows/arm64",
    ];
    const md = buildSummary({
      ...build,
      targets,
      built: targets.map((t, n) =>
        built(
          t,
          14_500_000 + n * 310_000,
          "0123456789abcdef"[n] as string,
          180_000 + n * 9_000,
          t.startsWith("linux") ? true : undefined,
        ),
      ),
      failures: [],
      wallMs: 412_300,
      uploaded: targets.map((t) => `gin-app-${t.replaceAll("/", "-")}`),
    }).toMarkdown();
    await expect(md).toMatchFileSnapshot(fixture("build-static-7-targets"));
  });

  it("build-static: one target of a matrix", async () => {
    const md = buildSummary({
      ...build,
      targets: ["linux/arm64"],
      built: [built("linux/arm64", 14_900_000, "7", 41_200, true)],
      failures: [],
      wallMs: 41_300,
      uploaded: ["gin-app-linux-arm64"],
    }).toMarkdown();
    await expect(md).toMatchFileSnapshot(fixture("build-static-1-target"));
  });

  it("build-static: a compile error", async () => {
    const cause = "./handlers.go:42:9: undefined: renderJSON";
    const targets = ["linux/amd64", "linux/arm64", "windows/amd64"];
    const md = buildSummary({
      ...build,
      targets,
      built: [],
      failures: targets.map((target) => ({ target, message: cause, diagnostics: [] })),
      wallMs: 6_100,
      uploaded: [],
    }).toMarkdown();
    await expect(md).toMatchFileSnapshot(fixture("build-static-compile-error"));
  });

  it("package-release: signed with the repository's key and published", async () => {
    const targets = [
      ["linux", "amd64", "tar.gz"],
      ["linux", "arm64", "tar.gz"],
      ["windows", "amd64", "zip"],
    ] as const;
    const artifacts = targets.map(([goos, goarch, ext], n) => {
      const stem = `gin-app_1.4.0_${goos}_${goarch}`;
      return {
        goos,
        goarch,
        archive: {
          name: `${stem}.${ext}`,
          sha256: sha("abc"[n] as string),
          size: 5_800_000 + n * 100_000,
          format: ext,
        },
        sbom: {
          cyclonedx: { name: `${stem}.cdx.json`, sha256: sha("d"), size: 21_000 },
          spdx: { name: `${stem}.spdx.json`, sha256: sha("e"), size: 18_000 },
        },
      };
    });
    const assets = [
      ...artifacts.flatMap((a) => [a.archive, a.sbom.cyclonedx, a.sbom.spdx]),
      { name: "SHA256SUMS", sha256: sha("1"), size: 1_020 },
      { name: "SHA256SUMS.sig", sha256: sha("2"), size: 71 },
      { name: "SHA256SUMS.sigstore.json", sha256: sha("3"), size: 1_480 },
      { name: "goship-manifest.json", sha256: sha("4"), size: 9_300 },
      { name: "goship.pub", sha256: sha("5"), size: 178 },
    ].sort((a, b) => a.name.localeCompare(b.name));
    const release = {
      manifest: { project: "gin-app", version: "1.4.0", commit, artifacts },
      assets,
    } as unknown as ReleaseReport["release"];
    const md = releaseSummary({
      release,
      signer: { kind: "key", hint: "q8fW0m3cYb6cZ5o0x2Zr6g8Q1l9H0cR2e3bTq0vXg5Y=" },
      committedKey: {
        path: "goship.pub",
        matches: true,
        url: `https://raw.githubusercontent.com/acme/gin-app/${commit}/goship.pub`,
      },
      published: {
        url: "https://github.com/acme/gin-app/releases/tag/v1.4.0",
        status: new Map(assets.map((a) => [a.name, "uploaded"])),
      },
    }).toMarkdown();
    await expect(md).toMatchFileSnapshot(fixture("package-release-published"));
  });

  it("setup-go-cross: Go from a go directive, three targets", async () => {
    const targets = [
      { goos: "linux", goarch: "amd64" },
      { goos: "linux", goarch: "arm", variant: "7" },
      { goos: "linux", goarch: "arm64" },
    ];
    const md = setupSummary({
      go: {
        version: "1.26.0",
        goroot: "/opt/hostedtoolcache/go/1.26.0/x64",
        from: "tool-cache",
        durationMs: 40,
        notes: [],
      },
      request: {
        spec: ">=1.26.0 <1.27.0-0",
        source: 'go directive "go 1.26.0" in go.mod (newest patch release of 1.26)',
        derived: true,
      },
      cache: { plan: undefined as never, mod: "exact", build: "partial" },
      matrix: buildMatrix(targets),
    }).toMarkdown();
    await expect(md).toMatchFileSnapshot(fixture("setup-go-cross"));
  });

  it("any action whose step failed before it could say more", async () => {
    const md = failureSummary(
      "package-release",
      'input "signing-key" has value "": a signing key (or keyless: true) when publish is release: goship does not publish unsigned releases',
    ).toMarkdown();
    await expect(md).toMatchFileSnapshot(fixture("failed-step"));
  });
});
