import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArtifactFragment } from "../../src/contract/manifest.js";
import { goshipAtThisCommit, machineGoInActToolCache, runWorkflow } from "../support/act.js";
import { gitCheckout } from "../support/git-fixture.js";
import { opensslKey } from "../support/keys.js";
import { needTools } from "../support/tools.js";

needTools("act");

/**
 * .github/workflows/go-release.yml as another repository calls it: a caller repository in its
 * own directory (examples/gin-app under service/, tagged v1.4.0) whose one workflow says
 * `uses: goship/goship/.github/workflows/go-release.yml@v1`, run by act with goship/goship@v1
 * mapped to this commit (act's --local-repository). act does not resolve GitHub's `$/`
 * self-repository references, so the mapped copy names the actions goship/goship/actions/<name>@v1,
 * which the same mapping resolves to this commit's actions: the pin → same-commit promise
 * that `$/` keeps on GitHub.
 */

const ROOT = process.cwd();

const CALLER = `name: release
on: workflow_dispatch
permissions:
  contents: read
jobs:
  release:
    uses: goship/goship/.github/workflows/go-release.yml@v1
    with:
      working-directory: service
      targets: linux/amd64,linux/arm64
      build-tags: netgo,osusergo,nomsgpack
      publish: none
      # This machine keeps its own Go caches: saving several GB to act's cache server per job
      # would be most of the run.
      go-cache: false
    secrets:
      signing-key: \${{ secrets.GOSHIP_SIGNING_KEY }}
  after:
    needs: release
    runs-on: ubuntu-latest
    steps:
      - run: echo "outputs version=[$VERSION] tag=[$TAG] release-url=[$URL]"
        env:
          VERSION: \${{ needs.release.outputs.version }}
          TAG: \${{ needs.release.outputs.tag }}
          URL: \${{ needs.release.outputs.release-url }}
`;

/**
 * The caller: its own repository, the service in service/, committed and tagged. Its go.mod
 * names the machine's Go as its toolchain, which act's tool cache holds (machineGoInActToolCache).
 */
function callerRepository(): string {
  const goMod = readFileSync(join(ROOT, "examples/gin-app/go.mod"), "utf8");
  return gitCheckout(join(ROOT, "examples/gin-app"), {
    into: "service",
    tag: "v1.4.0",
    files: {
      ".github/workflows/release.yml": CALLER,
      "service/go.mod": `${goMod}\ntoolchain go${machineGoInActToolCache()}\n`,
      LICENSE: "MIT License\n",
      "README.md": "# gin-app\n",
    },
  });
}

describe(".github/workflows/go-release.yml called from another repository, under act", () => {
  it("plans, builds each target in its own job, and signs a release of every target", async () => {
    const key = opensslKey();
    const caller = callerRepository();
    const run = await runWorkflow(".github/workflows/release.yml", {
      cwd: caller,
      args: ["--local-repository", `goship/goship@v1=${goshipAtThisCommit()}`],
      secrets: { GOSHIP_SIGNING_KEY: key.pem },
    });
    expect(run.code, run.log.slice(-6000)).toBe(0);

    // One build job per target, each uploading its binary and manifest fragment.
    const runDir = join(run.artifactDir, "1");
    for (const target of ["linux-amd64", "linux-arm64"]) {
      const name = `goship-release-${target}`;
      const out = mkdtempSync(join(tmpdir(), "goship-go-release-"));
      execFileSync("unzip", ["-q", join(runDir, name, `${name}.zip`), "-d", out]);
      const fragment = ArtifactFragment.parse(
        JSON.parse(readFileSync(join(out, "goship-fragment.json"), "utf8")),
      );
      expect(`${fragment.target.goos}-${fragment.target.goarch}`).toBe(target);
      expect(fragment.version).toBe("1.4.0");
      const binary = join(out, fragment.binary.name);
      expect(execFileSync("sha256sum", [binary]).toString().split(" ")[0]).toBe(fragment.binary.sha256);
      // The binary is for that target, as file(1) reads it.
      expect(execFileSync("file", ["-b", binary]).toString()).toMatch(
        target === "linux-amd64"
          ? /ELF 64-bit LSB executable, x86-64/
          : /ELF 64-bit LSB executable, ARM aarch64/,
      );
    }
    // The release job gathered both into one signed release, checked the way `goship verify`
    // checks it (against the key's public half); nothing was published.
    expect(run.log).toContain("✓ SHA256SUMS.sig: signature of SHA256SUMS verifies");
    expect(run.log).toContain(
      "✓ goship-manifest.json: gin-app 1.4.0, 2 target(s), every file it names matches",
    );
    expect(run.log).toContain("✓ provenance.intoto.jsonl: signed; its subjects are the 2 archive(s)");
    expect(run.log).toMatch(/outputs version=\[1\.4\.0\] tag=\[\] release-url=\[\]/);
    // The actions came from this commit, through the caller's @v1 mapping.
    expect(run.log).toMatch(/LocalRepositoryCache matched .*goship\/goship with ref v1/);
    // With go-cache: false no job saved Go's caches.
    expect(run.log).not.toMatch(/(Saved|Restored) \//);
    for (const dir of [run.artifactDir, run.cacheDir, caller]) rmSync(dir, { recursive: true, force: true });
  }, 1_200_000);
});
