import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeDeploySummary } from "../../src/actions/deploy-systemd/summary.js";
import type { HostRecord } from "../../src/deploy/types.js";

const host = (name: string, over: Partial<HostRecord> = {}): HostRecord => ({
  host: name,
  address: "10.0.0.1",
  wave: 1,
  previousVersion: "1.0.0",
  version: "1.1.0",
  slot: null,
  weight: null,
  status: "deployed",
  health: "200",
  ms: 4_000,
  ...over,
});

describe("deploy-systemd's job summary", () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "goship-deploy-summary-"));
    saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = join(dir, "summary");
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, "");
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  const written = () => readFileSync(join(dir, "summary"), "utf8");
  const base = {
    mode: "deploy" as const,
    strategy: "restart" as const,
    app: "app",
    ms: 9_000,
    dryRun: false,
  };

  it("opens with ✅ and what happened, then the hosts, and no chart of what the table says", async () => {
    await writeDeploySummary({
      ...base,
      result: { hosts: [host("h1"), host("h2", { wave: 2 })], failed: false, rolledBack: false },
    });
    const lines = written().split("\n");
    expect(lines[2]).toBe("✅ **deploy ok** on 2 host(s) in 9.0 s (restart)");
    expect(written()).toContain("| wave | host |");
    expect(written()).not.toContain("mermaid");
  });

  it("opens with ❌ and the failure when it failed", async () => {
    await writeDeploySummary({
      ...base,
      result: {
        hosts: [host("h1", { status: "failed", detail: "health check: 503" })],
        failed: true,
        rolledBack: true,
        failure: "h1: health check: 503",
      },
    });
    expect(written().split("\n")[2]).toBe("❌ **Failed** after 9.0 s: h1: health check: 503");
  });
});
