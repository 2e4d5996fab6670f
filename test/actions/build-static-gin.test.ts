import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { buildStatic } from "../../src/actions/build-static/main.js";
import { inspectBinary } from "../../src/build/binfmt.js";
import { formatBuildInfo, readBuildInfo } from "../../src/build/buildinfo.js";
import { GIN_APP_TARGETS } from "../support/gin-app.js";
import { gitCheckout } from "../support/git-fixture.js";
import { runDistAction } from "../support/run-action.js";
import { runSourceAction } from "../support/run-source-action.js";

/**
 * The sample app, built through the action for the seven targets the README promises,
 * each checked by our own readers and by tools that share no code with them.
 */
const SEVEN = GIN_APP_TARGETS;

/** What `file` (libmagic) says about each target's binary: format, machine, and for ELF the OS. */
const FILE_SAYS: Record<string, RegExp> = {
  "linux/amd64": /ELF 64-bit LSB executable, x86-64.*statically linked/,
  "linux/arm64": /ELF 64-bit LSB executable, ARM aarch64.*statically linked/,
  "linux/arm/7": /ELF 32-bit LSB executable, ARM, EABI5.*statically linked/,
  "linux/386": /ELF 32-bit LSB executable, Intel (80386|i386).*statically linked/,
  "windows/amd64": /PE32\+ executable.*x86-64/,
  "darwin/arm64": /Mach-O 64-bit arm64 executable/,
  "freebsd/amd64": /ELF 64-bit LSB executable, x86-64.*FreeBSD/,
};
const OUR_VIEW: Record<string, { format: string; goarch: string; bits: number }> = {
  "linux/amd64": { format: "elf", goarch: "amd64", bits: 64 },
  "linux/arm64": { format: "elf", goarch: "arm64", bits: 64 },
  "linux/arm/7": { format: "elf", goarch: "arm", bits: 32 },
  "linux/386": { format: "elf", goarch: "386", bits: 32 },
  "windows/amd64": { format: "pe", goarch: "amd64", bits: 64 },
  "darwin/arm64": { format: "macho", goarch: "arm64", bits: 64 },
  "freebsd/amd64": { format: "elf", goarch: "amd64", bits: 64 },
};

/** Starts a gin-app binary on a free port and reads GET /version. */
async function askVersion(binary: string): Promise<unknown> {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
  const child = spawn(binary, [], {
    env: { ADDR: `127.0.0.1:${port}`, GIN_MODE: "release" },
    stdio: "ignore",
  });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        return await (await fetch(`http://127.0.0.1:${port}/version`)).json();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`${binary} did not answer on port ${port}`);
  } finally {
    child.kill();
  }
}

interface Artifact {
  goos: string;
  goarch: string;
  variant?: string;
  path: string;
  static: boolean | null;
}

describe("build-static on examples/gin-app, seven targets", () => {
  it("builds each, and our readers agree with file, go version -m and readelf", async () => {
    const repo = gitCheckout("examples/gin-app", { tag: "v0.9.0" });
    const run = await runDistAction(
      "build-static",
      { targets: SEVEN.join(","), tags: "netgo,osusergo,nomsgpack", upload: "false" },
      { GOFLAGS: "-buildvcs=auto" },
      { cwd: repo },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const artifacts: Artifact[] = JSON.parse(run.outputs.artifacts as string);
    const spec = (a: Artifact) => [a.goos, a.goarch, a.variant].filter(Boolean).join("/");
    expect(artifacts.map(spec).sort()).toEqual([...SEVEN].sort());
    for (const a of artifacts) {
      const target = spec(a);
      expect(existsSync(a.path), target).toBe(true);
      const file = execFileSync("file", ["-b", a.path]).toString();
      expect(file, target).toMatch(FILE_SAYS[target] as RegExp);
      const ours = await inspectBinary(a.path);
      expect({ format: ours.format, goarch: ours.goarch, bits: ours.bits }, target).toEqual(OUR_VIEW[target]);
      if (a.goos === "freebsd") expect(ours.osabi).toBe("freebsd");
      // Build info: our parser prints what `go version -m` prints, line for line.
      const info = await readBuildInfo(a.path);
      const oracle = execFileSync("go", ["version", "-m", a.path]).toString();
      expect(`${a.path}: ${formatBuildInfo(info)}`.trim(), target).toBe(oracle.trim());
      expect(oracle).toMatch(new RegExp(`build\\tGOOS=${a.goos}\\n`));
      expect(oracle).toMatch(/build\t-tags=netgo,osusergo,nomsgpack\n/);
      if (a.goos === "linux") {
        // No program interpreter and no shared libraries, per binutils.
        expect(execFileSync("readelf", ["-lW", a.path]).toString(), target).not.toMatch(/INTERP/);
        expect(execFileSync("readelf", ["-dW", a.path]).toString(), target).not.toMatch(/NEEDED/);
        expect(a.static).toBe(true);
      }
    }
    // The host's own build runs and answers with the version stamped from the tag.
    const native = artifacts.find((a) => a.goos === "linux" && a.goarch === "amd64") as Artifact;
    expect(await askVersion(native.path)).toMatchObject({ version: "0.9.0" });
  }, 1_200_000);
});

describe("build-static with cgo that calls libc", () => {
  it("links a Linux binary statically against libc.a by default, and it runs", async () => {
    const repo = gitCheckout("test/fixtures/cgohello", { tag: "v1.0.0" });
    // From source: a cgo build was dynamic (and refused) before the static link by default.
    const run = await runSourceAction(
      buildStatic,
      { "working-directory": repo, targets: "linux/amd64", cgo: "true", tags: "", upload: "false" },
      { GOFLAGS: "-buildvcs=auto" },
    );
    expect(run.code, run.stdout).toBe(0);
    const [artifact] = JSON.parse(run.outputs.artifacts as string);
    expect(artifact.static).toBe(true);
    expect(artifact.buildSettings.CGO_ENABLED).toBe("1");
    expect(execFileSync("readelf", ["-lW", artifact.path]).toString()).not.toMatch(/INTERP/);
    expect(execFileSync("readelf", ["-dW", artifact.path]).toString()).not.toMatch(/NEEDED/);
    expect(execFileSync(artifact.path).toString()).toBe("hello from C\n");
  }, 600_000);
});
