import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ArtifactFragment } from "../../src/contract/manifest.js";
import { linkCacheDir, linkCacheEntry } from "../../src/go/link-cache.js";
import { gitCheckout } from "../support/git-fixture.js";
import { goWithToolexec } from "../support/go-toolexec.js";
import { runDistAction } from "../support/run-action.js";

/** A git checkout of a tiny main module with version variables, committed at a fixed time. */
const checkout = () =>
  gitCheckout("test/fixtures/hello", {
    tag: "v1.2.3",
    files: {
      "stamp.go":
        'package main\n\nvar commit, date, nonce = "none", "unknown", ""\n\nfunc init() { _ = commit + date + nonce }\n',
    },
  });

/** Every file and directory under `dir`, relative to it, sorted; [] when it does not exist. */
const listTree = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }).sort() : [];

const git = (repo: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
    cwd: repo,
  }).toString();

const goVersion = execFileSync("go", ["env", "GOVERSION"]).toString().trim();
const GOCACHE = execFileSync("go", ["env", "GOCACHE"]).toString().trim();
const TARGETS = "linux/amd64,linux/arm/7,windows/amd64,darwin/arm64";
// Go's VCS stamping whatever the machine's go env says (some images set -buildvcs=false).
const VCS = { GOFLAGS: "-buildvcs=auto" };

describe("build-static through the runner protocol", () => {
  let repo: string;
  let run: Awaited<ReturnType<typeof runDistAction>>;
  beforeAll(async () => {
    repo = checkout();
    run = await runDistAction("build-static", { targets: TARGETS, upload: "false" }, VCS, { cwd: repo });
  }, 300_000);

  it("builds every target, stamped from git, and verifies it", () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.version).toBe("1.2.3");
    const artifacts = JSON.parse(run.outputs.artifacts as string);
    expect(artifacts.map((a: { goos: string; goarch: string }) => `${a.goos}/${a.goarch}`)).toEqual([
      "darwin/arm64",
      "linux/amd64",
      "linux/arm",
      "windows/amd64",
    ]);
    for (const a of artifacts) {
      // Independent oracles: sha256sum and go version -m.
      expect(execFileSync("sha256sum", [a.path]).toString().split(" ")[0]).toBe(a.sha256);
      const m = execFileSync("go", ["version", "-m", a.path]).toString();
      expect(m).toContain(`${a.path}: ${goVersion}`);
      expect(m).toMatch(/build\t-trimpath=true/);
      expect(m).toMatch(/build\tCGO_ENABLED=0/);
      expect(m).toMatch(/build\tvcs.modified=false/);
      // (-trimpath builds do not record -ldflags; the stamped values are checked by running the binary.)
      expect(a.goVersion).toBe(goVersion);
    }
    const linux = artifacts.find(
      (a: { goos: string; goarch: string }) => a.goos === "linux" && a.goarch === "amd64",
    );
    expect(linux.static).toBe(true);
    expect(execFileSync("readelf", ["-lW", linux.path]).toString()).not.toMatch(/INTERP/);
    expect(execFileSync(linux.path).toString().trim()).toBe("hello 1.2.3");
    expect(linux.path).toBe(join(repo, "dist/bin/hello_linux_amd64/hello"));
    const arm = artifacts.find((a: { goarch: string }) => a.goarch === "arm");
    expect(arm.variant).toBe("7");
    expect(arm.buildSettings.GOARM).toBe("7");
    expect(existsSync(join(repo, "dist/bin/hello_windows_amd64/hello.exe"))).toBe(true);
  });

  it("writes one manifest fragment per target that the shared schema reads back", () => {
    const fragment = ArtifactFragment.parse(
      JSON.parse(
        readFileSync(
          join(run.outputs["manifest-dir"] as string, "hello_linux_arm_7", "goship-fragment.json"),
          "utf8",
        ),
      ),
    );
    expect(fragment).toMatchObject({
      project: "hello",
      version: "1.2.3",
      sourceDateEpoch: Date.parse("2026-01-02T03:04:05Z") / 1000,
      target: { goos: "linux", goarch: "arm", variant: "7" },
      binary: { name: "hello", mode: 0o755, static: true },
    });
  });

  it("summarises every target in a table", () => {
    expect(run.summary).toMatch(/\| target \| size \| sha256 \| static \| build time \| verify \|/);
    expect(run.summary).toMatch(/\| linux\/arm\/7 \| [\d.]+ (KiB|MiB) \| `[0-9a-f]{16}` \| yes \|/);
    expect(run.summary).toMatch(/\| windows\/amd64 .*\| n\/a \|/);
  });

  it("gives byte-identical binaries for the same commit checked out at another path", async () => {
    const other = checkout();
    const again = await runDistAction("build-static", { targets: TARGETS, upload: "false" }, VCS, {
      cwd: other,
    });
    expect(again.code, again.stdout).toBe(0);
    const digests = (r: typeof run) =>
      JSON.parse(r.outputs.artifacts as string).map((a: { sha256: string }) => a.sha256);
    expect(digests(again)).toEqual(digests(run));
  }, 300_000);
});

describe("build-static refuses what it must not ship", () => {
  it("a dirty work tree, unless allow-dirty", async () => {
    const repo = checkout();
    writeFileSync(join(repo, "main.go"), `${readFileSync(join(repo, "main.go"), "utf8")}\n// edited\n`);
    const refused = await runDistAction(
      "build-static",
      { targets: "linux/amd64", upload: "false" },
      {},
      { cwd: repo },
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /::error::build-static: the work tree has uncommitted changes \(main.go\)/,
    );
    expect(existsSync(join(repo, "dist"))).toBe(false);
    const allowed = await runDistAction(
      "build-static",
      { targets: "linux/amd64", upload: "false", "allow-dirty": "true" },
      {},
      { cwd: repo },
    );
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(allowed.outputs.version).toBe("1.2.3-dirty");
  }, 300_000);

  it("a linked-in clock: reproducible-check names the section that differs", async () => {
    const repo = checkout();
    // A -toolexec wrapper that stamps the time into every link: what a build that reads the clock does.
    const wrapper = join(repo, "..", `clock-${Date.now()}.sh`);
    writeFileSync(
      wrapper,
      '#!/bin/sh\ntool="$1"; shift\ncase "$tool" in */link) exec "$tool" -X "main.nonce=$(date +%s%N)" "$@";; esac\nexec "$tool" "$@"\n',
    );
    chmodSync(wrapper, 0o755);
    const res = await runDistAction(
      "build-static",
      { targets: "linux/amd64", upload: "false", "reproducible-check": "true" },
      { PATH: `${goWithToolexec(wrapper)}:${process.env.PATH}` },
      { cwd: repo },
    );
    expect(res.code, res.stdout).toBe(1);
    expect(res.stdout).toMatch(
      /linux\/amd64: not reproducible: .* differs, first at byte \d+ in (\.note\.go\.buildid|\.go\.buildinfo|\.noptrdata|\.rodata|\.data|\.text)/,
    );
    expect(existsSync(join(repo, "dist/bin/hello_linux_amd64/hello"))).toBe(false);
    const clean = await runDistAction(
      "build-static",
      { targets: "linux/amd64", upload: "false", "reproducible-check": "true" },
      {},
      { cwd: repo },
    );
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.summary).toMatch(/rebuilt from another path with an empty cache: identical/);
  }, 600_000);

  it.each([
    [
      { targets: "linux/amd64 && curl x" },
      /input "targets" has value "linux\/amd64 && curl x": allowed: comma- or space-separated GOOS\/GOARCH/,
    ],
    [{ "binary-name": "../evil" }, /input "binary-name" has value "..\/evil": allowed: a file name/],
    [{ ldflags: "-X a=b\n-extldflags x" }, /input "ldflags" has value .*allowed: linker flags on one line/],
    [
      { "version-variables": "version=main.v,commit=not a symbol" },
      /input "version-variables" .*"not a symbol" is not a Go symbol/,
    ],
    [{ version: "1.0/../x" }, /input "version" has value "1.0\/..\/x"/],
    [
      { date: "2026-13-45T99:99:99Z" },
      /input "date" has value "2026-13-45T99:99:99Z": allowed: an RFC 3339 UTC time like 2026-11-21T16:00:00Z: a real calendar date and time of day/,
    ],
    [{ date: "2026-02-30T12:00:00Z" }, /input "date" has value "2026-02-30T12:00:00Z": allowed: an RFC 3339/],
  ])("bad input %j: one error, nothing built", async (inputs, message) => {
    const repo = checkout();
    const res = await runDistAction("build-static", { ...inputs, upload: "false" }, {}, { cwd: repo });
    expect(res.code).toBe(1);
    const errors = res.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(existsSync(join(repo, "dist"))).toBe(false);
  });
});

describe("build-static run again, or failing", () => {
  const LINUX = { targets: "linux/amd64", upload: "false" };

  it("a second build into the same directory leaves exactly what the first left", async () => {
    const repo = checkout();
    const first = await runDistAction("build-static", LINUX, VCS, { cwd: repo });
    expect(first.code, first.stdout).toBe(0);
    const afterFirst = listTree(join(repo, "dist/bin"));
    // output-dir holds what was asked for, nothing more.
    expect(afterFirst).toEqual([
      "hello_linux_amd64",
      "hello_linux_amd64/goship-fragment.json",
      "hello_linux_amd64/hello",
    ]);
    // Go's link output is in the link cache beside GOCACHE.
    const entry = linkCacheEntry(linkCacheDir(GOCACHE), join(repo, "dist/bin"));
    try {
      const linked = statSync(join(entry, "hello_linux_amd64", "hello"));
      // The same commit again: Go finds its output up to date and does not link again (it
      // would replace the file, by rename).
      const second = await runDistAction("build-static", LINUX, VCS, { cwd: repo });
      expect(second.code, second.stdout).toBe(0);
      expect(statSync(join(entry, "hello_linux_amd64", "hello")).ino).toBe(linked.ino);
      expect(listTree(join(repo, "dist/bin"))).toEqual(afterFirst);
      expect(JSON.parse(second.outputs.artifacts as string)[0].sha256).toBe(
        JSON.parse(first.outputs.artifacts as string)[0].sha256,
      );
    } finally {
      rmSync(entry, { recursive: true, force: true });
    }
  }, 300_000);

  it("a failed reproducibility rebuild leaves no binary in output-dir", async () => {
    const repo = checkout();
    // A -toolexec wrapper that fails every tool of the gate's second build (its GOCACHE is new).
    const wrapper = join(repo, "..", `fail-repro-${Date.now()}.sh`);
    writeFileSync(
      wrapper,
      '#!/bin/sh\ncase "$GOCACHE" in *goship-repro-*) echo "refusing the second build" >&2; exit 1;; esac\nexec "$@"\n',
    );
    chmodSync(wrapper, 0o755);
    const res = await runDistAction(
      "build-static",
      { ...LINUX, "reproducible-check": "true" },
      { PATH: `${goWithToolexec(wrapper)}:${process.env.PATH}` },
      { cwd: repo },
    );
    expect(res.code, res.stdout).toBe(1);
    expect(res.stdout).toMatch(
      /::error::build-static: linux\/amd64: the reproducibility check's second build failed: refusing the second build/,
    );
    // The gate's second build (into its temporary copy) is what failed, after the first had placed its
    // binary; its command line is in the debug log.
    expect(res.stdout).toMatch(/::debug::linux\/amd64: .* -o \S*goship-repro-\S* \. exited with code 1/);
    expect(res.stdout).not.toMatch(/at .*index\.js:\d+/); // a user error, not a bug's stack
    expect(listTree(join(repo, "dist/bin"))).toEqual([]);
  }, 600_000);
});

describe("build-static on a compile error", () => {
  it("annotates the error once at its file and line, and fails with the cause first", async () => {
    const repo = gitCheckout("test/fixtures/hello", {
      files: { "oops.go": "package main\n\nvar _ = undefinedName\n" },
    });
    const res = await runDistAction(
      "build-static",
      { targets: "linux/amd64,linux/arm64,windows/amd64", upload: "false" },
      VCS,
      { cwd: repo },
    );
    expect(res.code, res.stdout).toBe(1);
    const lines = res.stdout.split("\n");
    // A line as each target starts.
    expect(lines.filter((l) => l.startsWith("→ "))).toEqual([
      "→ linux/amd64 (1/3)",
      "→ linux/arm64 (2/3)",
      "→ windows/amd64 (3/3)",
    ]);
    // The compiler's lines, prefixed with their target, as printed.
    expect(lines).toContain("  linux/arm64: ./oops.go:3:9: undefined: undefinedName");
    const errors = lines.filter((l) => l.startsWith("::error"));
    expect(errors).toEqual([
      "::error title=go build (linux/amd64%2C linux/arm64%2C windows/amd64),file=oops.go,line=3,col=9::undefined: undefinedName",
      "::error::build-static: linux/amd64: ./oops.go:3:9: undefined: undefinedName%0A  (the same for linux/arm64, windows/amd64)%0A3 of 3 target(s) failed",
    ]);
    // The long command line only in the debug log.
    expect(lines.filter((l) => l.includes(" build -trimpath ")).every((l) => l.startsWith("::debug::"))).toBe(
      true,
    );
    expect(
      lines.some((l) => /^::debug::linux\/arm64: \S+ build -trimpath .* exited with code 1$/.test(l)),
    ).toBe(true);
    expect(listTree(join(repo, "dist/bin"))).toEqual([]);
    // The job summary: status first, then the cause, once.
    const summary = res.summary.split("\n");
    expect(summary[0]).toBe("## build-static");
    expect(summary[2]).toMatch(
      /^❌ \*\*hello \S+\*\*: 3 of 3 targets failed: linux\/amd64, linux\/arm64, windows\/amd64$/,
    );
    expect(res.summary).toContain(
      "**linux/amd64, linux/arm64, windows/amd64**:\n\n```\n./oops.go:3:9: undefined: undefinedName\n```",
    );
  }, 300_000);
});

describe("build-static keeps its output out of git without hiding sources", () => {
  const LINUX = { targets: "linux/amd64", upload: "false" };
  const exclude = (repo: string) => readFileSync(join(repo, ".git/info/exclude"), "utf8");

  it("an untracked source in an output-dir git does not ignore is reported as dirty, not excluded", async () => {
    const repo = checkout();
    const before = exclude(repo);
    mkdirSync(join(repo, "out"));
    writeFileSync(join(repo, "out", "notes.go"), "package main\n");
    const res = await runDistAction("build-static", { ...LINUX, "output-dir": "out" }, VCS, { cwd: repo });
    expect(res.code, res.stdout).toBe(1);
    expect(res.stdout).toMatch(/::error::build-static: the work tree has uncommitted changes \(out\/\)/);
    expect(exclude(repo)).toBe(before);
    expect(listTree(join(repo, "out"))).toEqual(["notes.go"]);
  }, 300_000);

  it("an output-dir that holds tracked files is refused, naming the input", async () => {
    const repo = checkout();
    const before = exclude(repo);
    mkdirSync(join(repo, "assets"));
    writeFileSync(join(repo, "assets", "logo.txt"), "logo\n");
    git(repo, "add", "assets");
    git(repo, "commit", "-q", "-m", "assets");
    const res = await runDistAction("build-static", { ...LINUX, "output-dir": "assets" }, VCS, { cwd: repo });
    expect(res.code, res.stdout).toBe(1);
    const errors = res.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toEqual([
      '::error::build-static: input "output-dir" has value "assets": it holds files git tracks (assets/logo.txt); allowed: a directory for build output only, e.g. dist/bin',
    ]);
    expect(exclude(repo)).toBe(before);
    expect(listTree(join(repo, "assets"))).toEqual(["logo.txt"]);
  }, 300_000);

  it("an output-dir with pattern characters is excluded by one escaped line, however often it runs", async () => {
    const repo = checkout();
    const before = exclude(repo);
    for (let n = 0; n < 2; n++) {
      const res = await runDistAction("build-static", { ...LINUX, "output-dir": "out[1] #x" }, VCS, {
        cwd: repo,
      });
      expect(res.code, res.stdout).toBe(0);
    }
    expect(exclude(repo)).toBe(`${before}# build-static output (goship)\n/out\\[1\\] \\#x/\n`);
    expect(git(repo, "status", "--porcelain")).toBe("");
    expect(git(repo, "check-ignore", "--no-index", "out1 #x/", "out[1] #x/").trim()).toBe("out[1] #x/");
  }, 300_000);
});
