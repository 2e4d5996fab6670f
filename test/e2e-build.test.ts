import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArtifactFragment } from "../src/core/manifest.js";
import { runWorkflow } from "./support/act.js";

describe(".github/workflows/e2e-build.yml under act", () => {
  it("plans a matrix, builds each target in its own job and uploads one artifact per target", async () => {
    const run = await runWorkflow(".github/workflows/e2e-build.yml");
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
  }, 900_000);
});
