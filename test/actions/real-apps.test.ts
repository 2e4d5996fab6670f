import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildStatic } from "../../src/actions/build-static/main.js";
import { packageRelease } from "../../src/actions/package-release/main.js";
import { setupGoCross } from "../../src/actions/setup-go-cross/main.js";
import { MANIFEST_FILE } from "../../src/contract/manifest.js";
import { gitCheckout } from "../support/git-fixture.js";
import { runSourceAction } from "../support/run-source-action.js";

/** Go's VCS stamping whatever the machine's go env says (some images set -buildvcs=false). */
const VCS = { GOFLAGS: "-buildvcs=auto" };
const BUILD_MS = 600_000;

/** What a team meets on its first day with its own service: one fixture per problem. */
describe("an app that needs cgo (github.com/mattn/go-sqlite3)", () => {
  it("is refused with cgo: false, naming the package and both ways out, before anything is written", async () => {
    const repo = gitCheckout("test/fixtures/sqlite-app", { tag: "v1.0.0" });
    const run = await runSourceAction(
      buildStatic,
      { "working-directory": repo, targets: "linux/amd64,linux/arm64", upload: "false" },
      VCS,
    );
    expect(run.code, run.stdout).toBe(1);
    const error = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(error).toHaveLength(1);
    expect(error[0]).toContain("github.com/mattn/go-sqlite3");
    expect(error[0]).toContain("cgo: true");
    expect(error[0]).toContain("modernc.org/sqlite");
    expect(error[0]).toContain("allow-cgo-stubs: true");
    expect(existsSync(join(repo, "dist"))).toBe(false);
    expect(readFileSync(join(repo, ".git/info/exclude"), "utf8")).not.toContain("goship");
  });

  it(
    "with allow-cgo-stubs: true builds the stub, says so, and the binary indeed fails when run",
    async () => {
      const repo = gitCheckout("test/fixtures/sqlite-app", { tag: "v1.0.0" });
      const run = await runSourceAction(
        buildStatic,
        { "working-directory": repo, targets: "linux/amd64", upload: "false", "allow-cgo-stubs": "true" },
        VCS,
      );
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/::warning::github.com\/mattn\/go-sqlite3 is built without its cgo code/);
      const [artifact] = JSON.parse(run.outputs.artifacts as string);
      const ran = spawnSync(artifact.path, { encoding: "utf8" });
      expect(ran.status).toBe(1);
      expect(ran.stderr).toContain("requires cgo");
      expect(execFileSync("go", ["version", "-m", artifact.path]).toString()).toMatch(/CGO_ENABLED=0/);
    },
    BUILD_MS,
  );
});

describe("a repository that does not ignore dist/", () => {
  it(
    "stays clean through build-static and package-release, so the next build runs; ten runs add one exclude line each",
    async () => {
      const repo = gitCheckout("test/fixtures/hello", { tag: "v2.0.0", ignoreDist: false });
      const build = () =>
        runSourceAction(buildStatic, { targets: "linux/amd64", upload: "false" }, VCS, { cwd: repo });
      const release = () =>
        runSourceAction(packageRelease, { "artifacts-dir": "dist/bin", sbom: "none" }, {}, { cwd: repo });
      const built = await build();
      expect(built.code, built.stdout).toBe(0);
      const released = await release();
      expect(released.code, released.stdout).toBe(0);
      expect(released.stdout).toMatch(
        /::notice::dist\/release\/ is not ignored by git; added it to \.git\/info\/exclude/,
      );
      expect(existsSync(join(repo, "dist/release/SHA256SUMS"))).toBe(true);
      expect(execFileSync("git", ["status", "--porcelain"], { cwd: repo }).toString()).toBe("");
      const again = await build();
      expect(again.code, again.stdout).toBe(0);
      for (let n = 0; n < 9; n++) {
        const r = await release();
        expect(r.code, r.stdout).toBe(0);
        expect(r.stdout).not.toContain("::notice::dist/release/");
      }
      const exclude = readFileSync(join(repo, ".git/info/exclude"), "utf8").split("\n");
      expect(exclude.filter((l) => l === "/dist/bin/")).toHaveLength(1);
      expect(exclude.filter((l) => l === "/dist/release/")).toHaveLength(1);
      expect(execFileSync("git", ["status", "--porcelain"], { cwd: repo }).toString()).toBe("");
    },
    BUILD_MS,
  );
});

describe("an app whose go.mod says go 1.13", () => {
  it("is refused by setup-go-cross before any download, in one line that says what to use", async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? "");
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = mkdtempSync(join(tmpdir(), "goship-old-"));
      writeFileSync(join(dir, "go.mod"), "module example.com/old\n\ngo 1.13\n");
      const run = await runSourceAction(
        setupGoCross,
        { "go-download-base-url": base, goproxy: base, cache: "false" },
        { RUNNER_TOOL_CACHE: mkdtempSync(join(tmpdir(), "goship-tools-")) },
        { cwd: dir },
      );
      expect(run.code, run.stdout).toBe(1);
      const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
      expect(errors).toEqual([
        expect.stringMatching(
          /^::error::setup-go-cross: input "go-version-file" has value "go.mod": it asks for Go older than 1\.21 \(go directive "go 1\.13" in go\.mod.*goship serves Go 1\.21 and later: .*go-version: stable/,
        ),
      ]);
      expect(errors[0]?.length).toBeLessThan(500);
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });
});

/** No program interpreter and no shared library, per binutils. */
function expectStatic(path: string) {
  expect(execFileSync("readelf", ["-lW", path]).toString(), path).not.toMatch(/INTERP/);
  expect(execFileSync("readelf", ["-dW", path]).toString(), path).not.toMatch(/NEEDED/);
}

describe("cgo: true on Linux links statically", () => {
  it(
    "go-sqlite3 for linux/amd64 and linux/arm64 (cross gcc): static, verified, and the native one works",
    async () => {
      const repo = gitCheckout("test/fixtures/sqlite-app", { tag: "v1.0.0" });
      const run = await runSourceAction(
        buildStatic,
        { "working-directory": repo, targets: "linux/amd64,linux/arm64", cgo: "true", upload: "false" },
        VCS,
      );
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain("-linkmode=external -extldflags=-static");
      const artifacts = JSON.parse(run.outputs.artifacts as string);
      expect(artifacts.map((a: { goarch: string }) => a.goarch)).toEqual(["amd64", "arm64"]);
      for (const a of artifacts) {
        expect(a.static, a.path).toBe(true);
        expect(a.buildSettings.CGO_ENABLED).toBe("1");
        expectStatic(a.path);
        expect(execFileSync("file", ["-b", a.path]).toString()).toMatch(/statically linked/);
      }
      const native = artifacts.find((a: { goarch: string }) => a.goarch === "amd64");
      expect(execFileSync(native.path).toString()).toMatch(/^sqlite-app 1\.0\.0: sqlite 3\.\d+\.\d+\n$/);
      expect(run.summary).toMatch(/\| linux\/arm64 \| [\d.]+ MiB \| `[0-9a-f]{16}` \| yes \|/);
    },
    BUILD_MS,
  );

  it(
    "a library with no static archive: refused with the way out, never advising CGO_ENABLED=0; require-static: false falls back to dynamic",
    async () => {
      const repo = gitCheckout("test/fixtures/cgo-sharedonly", { tag: "v1.0.0" });
      const inputs = {
        "working-directory": repo,
        targets: "linux/amd64",
        cgo: "true",
        tags: "",
        upload: "false",
      };
      const refused = await runSourceAction(buildStatic, inputs, VCS);
      expect(refused.code, refused.stdout).toBe(1);
      const errors = refused.stdout.split("\n").filter((l) => l.startsWith("::error::"));
      expect(errors.join("\n")).toMatch(/attempted static link of dynamic object/);
      expect(errors.join("\n")).toMatch(/The static link failed .*require-static: false/);
      expect(refused.stdout).not.toContain("CGO_ENABLED=0");
      expect(existsSync(join(repo, "dist/bin/sharedonly_linux_amd64/sharedonly"))).toBe(false);

      const fellBack = await runSourceAction(buildStatic, { ...inputs, "require-static": "false" }, VCS);
      expect(fellBack.code, fellBack.stdout).toBe(0);
      expect(fellBack.stdout).toMatch(
        /::warning::linux\/amd64: the static link failed, so this is a dynamic binary/,
      );
      expect(fellBack.stdout).toMatch(/::warning::linux\/amd64: not statically linked.*libsystemd\.so\.0/);
      expect(fellBack.stdout).not.toContain("CGO_ENABLED=0");
      const [artifact] = JSON.parse(fellBack.outputs.artifacts as string);
      expect(artifact.static).toBe(false);
      expect(execFileSync("readelf", ["-lW", artifact.path]).toString()).toMatch(/INTERP/);
      expect(execFileSync(artifact.path).toString()).toBe("sd_booted: true\n");
    },
    BUILD_MS,
  );
});

describe("a module in a subdirectory, its main package under cmd/, its version variables in a package of its own", () => {
  const BUILD_PKG = "example.com/subdir-app/server/internal/build";
  const checkout = () => gitCheckout("test/fixtures/subdir-app", { tag: "V3.0.0" });

  it("a working directory outside the module is named as the input at fault, not package", async () => {
    const repo = checkout();
    const run = await runSourceAction(buildStatic, { package: "./server/cmd/http", upload: "false" }, VCS, {
      cwd: repo,
    });
    expect(run.code, run.stdout).toBe(1);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::build-static: input "working-directory" has value ".": it is not inside a Go module .*working-directory: server$/,
      ),
    ]);
  });

  it(
    "package: cmd/http (without ./) is the directory; own version variables are stamped and shown in the summary",
    async () => {
      const repo = checkout();
      const run = await runSourceAction(
        buildStatic,
        {
          "working-directory": "server",
          package: "cmd/http",
          "version-variables": `version=${BUILD_PKG}.Version,commit=${BUILD_PKG}.Commit`,
          upload: "false",
        },
        VCS,
        { cwd: repo },
      );
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain("package: cmd/http is the directory ./cmd/http");
      expect(run.outputs.version).toBe("3.0.0"); // the tag is V3.0.0
      expect(run.stdout).not.toContain("::warning::version-variables");
      const [artifact] = JSON.parse(run.outputs.artifacts as string);
      expect(artifact.path).toBe(join(repo, "server/dist/bin/http_linux_amd64/http"));
      const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo }).toString().trim();
      expect(execFileSync(artifact.path).toString()).toBe(`http ${run.outputs.version} ${commit}\n`);
      expect(run.summary).toContain(
        `Stamped: \`${BUILD_PKG}.Version\` = \`${run.outputs.version}\`, \`${BUILD_PKG}.Commit\` = \`${commit}\``,
      );
      // The project is the repository's name (example.com/subdir-app/server in server/), not
      // the main package's directory (http) nor the subdirectory (server).
      expect(run.outputs.project).toBe("subdir-app");
      expect(run.stdout).toContain("as http (project subdir-app) 3.0.0");
      const released = await runSourceAction(
        packageRelease,
        { "artifacts-dir": "dist/bin", sbom: "none" },
        {},
        { cwd: join(repo, "server") },
      );
      expect(released.code, released.stdout).toBe(0);
      const manifest = JSON.parse(readFileSync(join(repo, "server/dist/release", MANIFEST_FILE), "utf8"));
      expect(manifest.project).toBe("subdir-app");
      expect(manifest.artifacts.map((a: { archive: { name: string } }) => a.archive.name)).toEqual([
        "subdir-app_3.0.0_linux_amd64.tar.gz",
      ]);
    },
    BUILD_MS,
  );

  it(
    "with the default version-variables, says once before building that nothing will be stamped, and what to set",
    async () => {
      const repo = checkout();
      const run = await runSourceAction(
        buildStatic,
        { "working-directory": "server", package: "./cmd/http", upload: "false" },
        VCS,
        { cwd: repo },
      );
      expect(run.code, run.stdout).toBe(0);
      const warnings = run.stdout.split("\n").filter((l) => l.startsWith("::warning::version-variables"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/main\.version, main\.commit, main\.date are not declared/);
      expect(warnings[0]).toContain("Package main declares main.Version");
      expect(run.stdout.indexOf("::warning::version-variables")).toBeLessThan(
        run.stdout.indexOf("Build 1 target"),
      );
      expect(run.stdout).not.toContain("-X main.version");
      expect(run.summary).toContain(
        "Stamped: nothing; not declared, so not stamped: `main.version`, `main.commit`, `main.date`",
      );
    },
    BUILD_MS,
  );

  it("setup-go-cross with working-directory reads that module's go.mod and looks there for cgo", async () => {
    const repo = gitCheckout("test/fixtures/hello");
    const server = join(repo, "server");
    mkdirSync(server);
    const goVersion = execFileSync("go", ["env", "GOVERSION"]).toString().trim();
    for (const f of ["main.go", "go.sum"])
      writeFileSync(join(server, f), readFileSync(join("test/fixtures/sqlite-app", f)));
    writeFileSync(
      join(server, "go.mod"),
      `${readFileSync("test/fixtures/sqlite-app/go.mod", "utf8")}\ntoolchain ${goVersion}\n`,
    );
    // The machine's own Go, in a tool cache of the test's own: nothing is downloaded.
    const toolCache = mkdtempSync(join(tmpdir(), "goship-tools-"));
    const version = goVersion.replace(/^go/, "");
    mkdirSync(join(toolCache, "go", version), { recursive: true });
    symlinkSync(
      execFileSync("go", ["env", "GOROOT"]).toString().trim(),
      join(toolCache, "go", version, "x64"),
    );
    writeFileSync(join(toolCache, "go", version, `${process.arch}.complete`), "");
    const run = await runSourceAction(
      setupGoCross,
      { "working-directory": "server", cgo: "auto", cache: "false", targets: "linux/amd64" },
      { RUNNER_TOOL_CACHE: toolCache },
      { cwd: repo },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`(from toolchain directive in server/go.mod)`);
    expect(run.stdout).toContain("The module in server uses cgo");
    expect(JSON.parse(run.outputs.matrix as string).include[0].cc).toBe("gcc");
  }, 120_000);
});

describe("a machine whose go env file sets GOFLAGS=-buildvcs=false", () => {
  it(
    "builds with goship's own GOFLAGS: the binary keeps its VCS information, and the log names the setting and its file",
    async () => {
      const repo = gitCheckout("test/fixtures/hello", { tag: "v2.0.0" });
      const goenv = join(mkdtempSync(join(tmpdir(), "goship-goenv-")), "env");
      writeFileSync(goenv, "GOFLAGS=-buildvcs=false\nGOTOOLCHAIN=local\n");
      const run = await runSourceAction(
        buildStatic,
        { targets: "linux/amd64", upload: "false" },
        { GOENV: goenv, GOFLAGS: "" },
        { cwd: repo },
      );
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain(
        `::warning::GOFLAGS=-buildvcs=false (from the go env file ${goenv}) is not used: flags there can change the binary's bytes`,
      );
      expect(run.stdout).not.toContain("no VCS information");
      const [artifact] = JSON.parse(run.outputs.artifacts as string);
      const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo }).toString().trim();
      const m = execFileSync("go", ["version", "-m", artifact.path]).toString();
      expect(m).toContain(`vcs.revision=${commit}`);
      expect(m).toContain("vcs.modified=false");
    },
    BUILD_MS,
  );
});
