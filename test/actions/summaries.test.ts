import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSummary } from "../../src/actions/build-static/summary.js";
import { renderSummary } from "../../src/actions/canary-gate/summary.js";
import { writeDeploySummary } from "../../src/actions/deploy-systemd/summary.js";
import { type ReleaseReport, releaseSummary } from "../../src/actions/package-release/summary.js";
import { setupSummary } from "../../src/actions/setup-go-cross/summary.js";
import { gateConfig } from "../../src/canary/config.js";
import { type GateClock, runGate } from "../../src/canary/gate.js";
import { buildMatrix } from "../../src/contract/targets.js";
import type { HostRecord } from "../../src/deploy/types.js";
import { failureSummary } from "../../src/kit/summary.js";
import { arm, FakeInstance } from "../canary/arms.js";

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

  /** canary-gate's judge on a clock of its own, a tick every 10 s, each adding these requests. */
  async function gateRun(perTick: { nC: number; eC: number; nB: number; eB: number }) {
    let ms = 1_800_000_000_000;
    const clock: GateClock = {
      now: () => ms,
      sleep: async (d) => {
        ms += Math.max(0, d);
      },
    };
    const canary = new FakeInstance("10.0.0.11:8082");
    const baseline = new FakeInstance("10.0.0.11:8081");
    const cfg = gateConfig({ weight: 0.1, deadline: 900, interval: 10, warmup: 0 });
    const run = await runGate({
      cfg,
      start: ms,
      clock,
      read: async () => {
        canary.add(perTick.nC, perTick.eC);
        baseline.add(perTick.nB, perTick.eB);
        return { canary: arm(canary), baseline: arm(baseline) };
      },
    });
    const ctx = {
      app: "shop",
      canaryVersion: "2.0.0",
      baselineVersion: "1.4.0",
      provider: "scrape",
      advisory: false,
    };
    return { run, md: renderSummary(run, cfg, ctx).toMarkdown() };
  }

  it("canary-gate: a faulty canary at 10%, rolled back within two ticks (a table says it all)", async () => {
    const { run, md } = await gateRun({ nC: 100, eC: 15, nB: 900, eB: 0 });
    expect(run.decision).toBe("rollback");
    expect(md.split("\n")[0]).toBe("## canary-gate: shop 2.0.0 vs 1.4.0: ❌ rollback");
    expect(md).not.toContain("mermaid");
    await expect(md).toMatchFileSnapshot(fixture("canary-gate-rollback"));
  });

  it("canary-gate: a healthy canary promoted after a long step (a chart shows its course)", async () => {
    const { run, md } = await gateRun({ nC: 100, eC: 0, nB: 900, eB: 1 });
    expect(run.decision).toBe("promote");
    expect(md.split("\n")[0]).toBe("## canary-gate: shop 2.0.0 vs 1.4.0: ✅ promote");
    expect(md).toMatch(
      /```mermaid\n%%\{init: \{.*"plotColorPalette":"#0969da, #cf222e, #1a7f37".*\}%%\nxychart-beta\n/,
    );
    expect(md).toContain('  x-axis "seconds" 10 --> 550');
    await expect(md).toMatchFileSnapshot(fixture("canary-gate-promote"));
  });

  it("deploy-systemd: a blue-green rollback on two hosts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "goship-summary-"));
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = join(dir, "summary.md");
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, "");
    const host = (name: string, address: string): HostRecord => ({
      host: name,
      address,
      wave: 1,
      previousVersion: "2.0.0",
      version: "1.4.0",
      slot: 8081,
      weight: 100,
      status: "rolled-back",
      health: "200 in 3 ms",
      ms: 4_200,
    });
    try {
      await writeDeploySummary({
        mode: "rollback",
        strategy: "blue-green",
        app: "shop",
        ms: 5_300,
        dryRun: false,
        result: {
          hosts: [host("web1", "10.0.0.11"), host("web2", "10.0.0.12")],
          failed: false,
          rolledBack: false,
        },
      });
      const md = readFileSync(process.env.GITHUB_STEP_SUMMARY, "utf8");
      expect(md).toContain("✅ **rollback ok** on 2 host(s) in 5.3 s (blue-green)");
      await expect(md).toMatchFileSnapshot(fixture("deploy-systemd-rollback"));
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("any action whose step failed before it could say more", async () => {
    const md = failureSummary(
      "package-release",
      'input "signing-key" has value "": a signing key (or keyless: true) when publish is release: goship does not publish unsigned releases',
    ).toMarkdown();
    await expect(md).toMatchFileSnapshot(fixture("failed-step"));
  });
});
