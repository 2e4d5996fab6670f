import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, runDistAction } from "../support/run-action.js";

// One tool cache for the file: the first install downloads, later runs must not.
const toolCache = mkdtempSync(join(tmpdir(), "goship-toolcache-"));
const runnerEnv = () => ({
  RUNNER_TOOL_CACHE: toolCache,
  RUNNER_TEMP: mkdtempSync(join(tmpdir(), "goship-temp-")),
});
// A proxy address that refuses connections: a run that still succeeds downloaded nothing.
const DEAD = "http://127.0.0.1:9";
const OTHER_GO = "1.25.4"; // not the machine's Go (1.26.x), so it really is installed

describe("setup-go-cross through the runner protocol", () => {
  let first: Awaited<ReturnType<typeof runDistAction>>;
  beforeAll(async () => {
    first = await runDistAction(
      "setup-go-cross",
      {
        "go-version": OTHER_GO,
        targets: "linux/arm64, linux/amd64 linux/arm/7",
        cache: "false",
        "go-download-base-url": DEAD, // go.dev is unreachable here: auto must fall back, and say so
      },
      runnerEnv(),
    );
  }, 240_000);

  it("runs on Node 24", async () => {
    expect(process.versions.node.split(".")[0]).toBe("24");
  });

  it("installs another Go through the module proxy, verified, and exports it", async () => {
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.outputs["go-version"]).toBe(OTHER_GO);
    const goroot = first.outputs["go-root"] as string;
    expect(goroot.startsWith(join(toolCache, "go", OTHER_GO))).toBe(true);
    expect(existsSync(`${goroot}.complete`)).toBe(true);
    const version = execFileSync(join(goroot, "bin", "go"), ["version"], {
      env: { ...process.env, GOTOOLCHAIN: "local" },
    });
    expect(version.toString().trim()).toBe(`go version go${OTHER_GO} linux/amd64`);
    expect(first.env).toMatchObject({ GOTOOLCHAIN: "local", GOROOT: goroot });
    expect(first.path[0]).toBe(join(goroot, "bin"));
    expect(first.stdout).toMatch(/falling back to the module proxy/);
    expect(first.summary).toMatch(
      /module proxy \(golang.org\/toolchain\), h1:.* checked against sum.golang.org/,
    );
  });

  it("expands the targets into a sorted matrix", async () => {
    expect(first.outputs.targets).toBe("linux/amd64,linux/arm/7,linux/arm64");
    expect(JSON.parse(first.outputs.matrix as string)).toEqual({
      include: [
        { goos: "linux", goarch: "amd64", target: "linux/amd64" },
        { goos: "linux", goarch: "arm", variant: "7", target: "linux/arm/7" },
        { goos: "linux", goarch: "arm64", target: "linux/arm64" },
      ],
    });
    expect(first.outputs["cache-hit"]).toBe("false");
    expect(first.summary).toMatch(/\| linux\/arm\/7 \| linux \| arm \| 7 \|/);
  });

  it("uses the tool cache on the second run and downloads nothing", async () => {
    const again = await runDistAction(
      "setup-go-cross",
      { "go-version": OTHER_GO, cache: "false", "download-source": "proxy", goproxy: DEAD },
      runnerEnv(),
    );
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs["go-root"]).toBe(first.outputs["go-root"]);
    expect(again.summary).toMatch(/tool cache/);
  });

  it("uses a cached Go that satisfies a range with no network, unless check-latest", async () => {
    const range = { "go-version": "1.25.x", cache: "false", "download-source": "proxy", goproxy: DEAD };
    const cached = await runDistAction("setup-go-cross", range, runnerEnv());
    expect(cached.code, cached.stdout).toBe(0);
    expect(cached.outputs["go-version"]).toBe(OTHER_GO);
    expect(cached.stdout).toContain(`Go ${OTHER_GO} in the tool cache satisfies 1.25.x`);
    expect(cached.stdout).not.toMatch(/::warning::/);
    // check-latest: true asks the (dead) proxy for the newest 1.25 and says it could not.
    const latest = await runDistAction("setup-go-cross", { ...range, "check-latest": "true" }, runnerEnv());
    expect(latest.code, latest.stdout).toBe(1);
    expect(latest.stdout).toMatch(/::error::setup-go-cross: .*127\.0\.0\.1:9/);
  });

  it("resolves a range from the version file against the proxy's list, then hits the tool cache", async () => {
    const dir = mkdtempSync(join(tmpdir(), "goship-mod-"));
    execFileSync("sh", ["-c", `printf 'module x\\n\\ngo 1.25.0\\n\\ntoolchain go${OTHER_GO}\\n' > go.mod`], {
      cwd: dir,
    });
    const run = await runDistAction(
      "setup-go-cross",
      { cache: "false", "download-source": "proxy" },
      runnerEnv(),
      { cwd: dir },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs["go-version"]).toBe(OTHER_GO);
    expect(run.stdout).toMatch(/toolchain directive in go.mod/);
  });

  it("refuses a toolchain whose bytes do not match the checksum database, and caches nothing", async () => {
    const { startTamperingProxy } = await import("../support/tampering-proxy.js");
    const proxy = await startTamperingProxy();
    const cache = mkdtempSync(join(tmpdir(), "goship-toolcache-"));
    try {
      const run = await runDistAction(
        "setup-go-cross",
        { "go-version": OTHER_GO, cache: "false", "download-source": "proxy", goproxy: proxy.url },
        { ...runnerEnv(), RUNNER_TOOL_CACHE: cache },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::setup-go-cross: .*(h1|checksum)/i);
      expect(readdirSync(cache).filter((f) => f !== "go")).toEqual([]);
      expect(existsSync(join(cache, "go", OTHER_GO))).toBe(false);
    } finally {
      await proxy.close();
    }
  }, 240_000);
});

describe("bad input: one clear error naming the input, exit 1, nothing installed", () => {
  it.each([
    [
      { "go-version": "1.22; rm -rf /" },
      /input "go-version" has value "1.22; rm -rf \/": allowed: a Go version/,
    ],
    [
      { "go-version": "1.25.4", targets: "linux/../../x" },
      /input "targets" has value "linux\/..\/..\/x": "linux\/..\/..\/x" is not a target/,
    ],
    [
      { "go-version": "1.25.4", targets: "plan10/amd64" },
      /input "targets" has value "plan10\/amd64": "plan10\/amd64": unknown GOOS "plan10"; valid GOOS: aix, android/,
    ],
    [
      { "go-version": "1.25.4", cache: "maybe" },
      /input "cache" has value "maybe": allowed: one of true, false, restore-only/,
    ],
    [
      { "go-version": "1.25.4", "go-download-base-url": "file:///etc" },
      /input "go-download-base-url" has value "file:\/\/\/etc"/,
    ],
    [
      // The archive and its sha256 come from one origin: over cleartext, both can be changed.
      { "go-version": "1.25.4", "go-download-base-url": "http://mirror.example.com/dl" },
      /input "go-download-base-url" has value "http:\/\/mirror.example.com\/dl": cleartext http to mirror.example.com would let anyone on the path change both the archive and its checksum; allowed: an https URL/,
    ],
    [
      { "go-version": "1.25.4", "go-download-base-url": "http://localhost:8080/dl" },
      /input "go-download-base-url" has value "http:\/\/localhost:8080\/dl": cleartext http to localhost/,
    ],
    [
      { "go-version-file": "/etc/passwd" },
      /input "go-version-file" has value "\/etc\/passwd": it is not one of those files; allowed: a path to a go.mod, go.work, .go-version or .tool-versions file$/,
    ],
  ])("%j", async (inputs, message) => {
    const cache = mkdtempSync(join(tmpdir(), "goship-toolcache-"));
    const run = await runDistAction("setup-go-cross", inputs, { ...runnerEnv(), RUNNER_TOOL_CACHE: cache });
    expect(run.code).toBe(1);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(readdirSync(cache)).toEqual([]);
    expect(run.outputs).toEqual({});
    expect(run.env).toEqual({});
  });
});

describe("secrets and foreign files never reach the log", () => {
  it.each([
    [
      { "go-version": "1.25.4", goproxy: "https://user:hunter2@corp.example/mods" },
      /::error::setup-go-cross: GOPROXY="https:\/\/\*\*\*@corp.example\/mods" names no module proxy/,
    ],
    [
      { "go-version": "1.25.4", goproxy: "https://user:hunter2@corp.example/mods x" },
      /::error::setup-go-cross: input "goproxy" has value "https:\/\/\*\*\*@corp.example\/mods x"/,
    ],
    [
      { "go-version": "1.25.4", "go-download-base-url": "https://user:hunter2@mirror.example/dl" },
      /::error::setup-go-cross: input "go-download-base-url" has value "https:\/\/\*\*\*@mirror.example\/dl": it carries credentials/,
    ],
  ])("%j", async (inputs, message) => {
    const cache = mkdtempSync(join(tmpdir(), "goship-toolcache-"));
    const run = await runDistAction("setup-go-cross", inputs, { ...runnerEnv(), RUNNER_TOOL_CACHE: cache });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    // ::add-mask:: lines are the runner's to hide (and mask the value everywhere after them).
    const shown = `${run.stdout}${run.stderr}`
      .split("\n")
      .filter((l) => !l.startsWith("::add-mask::"))
      .join("\n");
    expect(shown).not.toContain("hunter2");
    expect(readdirSync(cache)).toEqual([]);
  });

  it("reads no file but the version files it documents", async () => {
    const dir = mkdtempSync(join(tmpdir(), "goship-verfile-"));
    writeFileSync(join(dir, "id_ed25519"), "hunter2-private-key\n");
    const run = await runDistAction("setup-go-cross", { "go-version-file": "id_ed25519" }, runnerEnv(), {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::setup-go-cross: input "go-version-file" has value "id_ed25519": it is not one of those files/,
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain("hunter2");
  });
});

describe("local mode", () => {
  it("runs the same action from flags and prints outputs, summary and exports", async () => {
    const res = await runCli(
      ["setup-go-cross", "--go-version", OTHER_GO, "--targets=windows/amd64", "--targets", "darwin/arm64"],
      { RUNNER_TOOL_CACHE: toolCache },
    );
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain(`\ngo-version=${OTHER_GO}\n`);
    expect(res.stdout).toContain("targets=darwin/arm64,windows/amd64\n");
    expect(res.stdout).toMatch(/^## setup-go-cross$/m);
    expect(res.stdout).toContain('export GOTOOLCHAIN="local"');
    expect(res.stdout).not.toContain("::group::");
    expect(res.stdout).toMatch(/Caches: no cache service here/);
  });

  it("refuses unknown flags and lists the inputs", async () => {
    const res = await runCli(["setup-go-cross", "--go-versoin", "1.25"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /setup-go-cross has no input "go-versoin"; its inputs: working-directory, go-version, go-version-file, targets/,
    );
  });

  it("documents every input in --help", async () => {
    const res = await runCli(["setup-go-cross", "--help"]);
    expect(res.code).toBe(0);
    for (const input of [
      "go-version",
      "go-version-file",
      "targets",
      "cgo",
      "cache",
      "download-source",
      "go-download-base-url",
      "goproxy",
    ]) {
      expect(res.stdout).toContain(`--${input} `);
    }
  });
});
