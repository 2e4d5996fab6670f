import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArtifactFragment, ReleaseManifest } from "../../src/contract/manifest.js";
import { machineGoInActToolCache, runWorkflow } from "../support/act.js";
import { opensslKey } from "../support/keys.js";
import { needTools } from "../support/tools.js";

needTools("act");

describe(".github/workflows/e2e-release.yml under act", () => {
  it("matrix build, one artifact per target, then a signed release of every target", async () => {
    const key = opensslKey();
    const exported = mkdtempSync(join(tmpdir(), "goship-e2e-release-"));
    const run = await runWorkflow(".github/workflows/e2e-release.yml", {
      // The machine's Go, from act's tool cache: nothing to download, and the build cache the
      // other suites filled.
      inputs: { "export-dir": exported, "go-version": machineGoInActToolCache() },
      secrets: { GOSHIP_SIGNING_KEY: key.pem },
    });
    expect(run.code, run.log.slice(-4000)).toBe(0);
    const runDir = join(run.artifactDir, "1");
    for (const target of ["linux-amd64", "linux-arm64", "windows-amd64"]) {
      const name = `gin-app-${target}`;
      const zip = join(runDir, name, `${name}.zip`);
      // Unpacked by unzip, not by our code.
      const out = mkdtempSync(join(tmpdir(), "goship-e2e-"));
      execFileSync("unzip", ["-q", zip, "-d", out]);
      const fragment = ArtifactFragment.parse(
        JSON.parse(readFileSync(join(out, "goship-fragment.json"), "utf8")),
      );
      const binary = join(out, fragment.binary.name);
      expect(fragment.binary.name).toBe(target.startsWith("windows") ? "gin-app.exe" : "gin-app");
      expect(`${fragment.target.goos}-${fragment.target.goarch}`).toBe(target);
      expect(execFileSync("sha256sum", [binary]).toString().split(" ")[0]).toBe(fragment.binary.sha256);
      expect(statSync(binary).size).toBe(fragment.binary.size);
      // Artifact storage drops file modes; the fragment carries them for package-release.
      expect(fragment.binary.mode).toBe(0o755);
    }
    // The release job: every target of the matrix is in the signed manifest, and the
    // directory verifies with the standard tools.
    expect(run.log).toMatch(/verified: gin-app /);
    const manifest = ReleaseManifest.parse(
      JSON.parse(readFileSync(join(exported, "goship-manifest.json"), "utf8")),
    );
    expect(manifest.artifacts.map((a) => `${a.goos}-${a.goarch}`)).toEqual([
      "linux-amd64",
      "linux-arm64",
      "windows-amd64",
    ]);
    expect(manifest.artifacts.map((a) => a.archive.format)).toEqual(["tar.gz", "tar.gz", "zip"]);
    execFileSync("sha256sum", ["-c", "--strict", "SHA256SUMS"], { cwd: exported });
    const pub = key.pub;
    const ok = execFileSync(
      "openssl",
      ["dgst", "-sha256", "-verify", pub, "-signature", "SHA256SUMS.sig", "SHA256SUMS"],
      {
        cwd: exported,
      },
    );
    expect(ok.toString()).toMatch(/Verified OK/);
  }, 900_000);
});
