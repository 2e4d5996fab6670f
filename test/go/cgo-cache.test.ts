import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Target } from "../../src/contract/targets.js";
import { cgoStubs } from "../../src/go/cgo.js";
import { cgoCacheDir, goVariables, watchedPaths } from "../../src/go/cgo-cache.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");
const GO_ENV = { ...process.env, GOTOOLCHAIN: "local", GOWORK: "off", GOFLAGS: "" };
const LINUX: Target[] = [{ goos: "linux", goarch: "amd64" }];
const TOOLCHAIN = { goVersion: "test" };
const STUB = '//go:build !cgo\n\npackage cadd\n\nfunc Add(a, b int) int { panic("no cgo") }\n';
/** cadd without C: only for cgo builds, and pure Go. */
const PURE = "//go:build cgo\n\npackage cadd\n\nfunc Add(a, b int) int { return a + b }\n";

/**
 * Writes `files` into the app, then waits out the cache's margin for coarse file times: a
 * listing keeps nothing from sources changed (by ctime) less than two seconds before it ran.
 */
async function setUp(app: string, files: Record<string, string> = {}): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(app, name), text);
  await new Promise((r) => setTimeout(r, 2100));
}

describe("cgoCacheDir", () => {
  it("is a sibling of GOCACHE, as the link cache is", () => {
    expect(cgoCacheDir("/home/u/.cache/go-build")).toBe("/home/u/.cache/goship-cgo");
  });
});

describe("goVariables", () => {
  it("keys on what go reads, not on goship's own or Google Cloud's variables that change every run", () => {
    expect(
      goVariables({
        PATH: "/bin",
        GOFLAGS: "-mod=mod",
        CGO_CFLAGS: "-O2",
        GOOS: "linux",
        GOSHIP_BENCH_RSS: "/tmp/a/rss",
        GOOGLE_APPLICATION_CREDENTIALS: "/runner/_temp/gha-creds-1234.json",
        GOPROXY: undefined,
      }),
    ).toEqual([
      ["CGO_CFLAGS", "-O2"],
      ["GOFLAGS", "-mod=mod"],
      ["GOOS", "linux"],
    ]);
  });
});

describe("watchedPaths", () => {
  it("watches each package directory, those up to its module's root, and the module's files", () => {
    expect(
      watchedPaths([
        { dir: "/m/a/b", goMod: "/m/go.mod" },
        { dir: "/elsewhere/x/y", goMod: "/elsewhere/x/go.mod" }, // a replace directive's directory
      ]),
    ).toEqual({
      dirs: ["/elsewhere/x", "/elsewhere/x/y", "/m", "/m/a", "/m/a/b"],
      moduleCacheDirs: [],
      moduleFiles: [
        "/elsewhere/x/go.mod",
        "/elsewhere/x/go.sum",
        "/elsewhere/x/vendor/modules.txt",
        "/m/go.mod",
        "/m/go.sum",
        "/m/vendor/modules.txt",
      ],
    });
  });

  it("watches a module cache directory by its own identity alone: go never changes an extracted version", () => {
    const mod = "/home/u/go/pkg/mod";
    expect(
      watchedPaths([
        {
          dir: `${mod}/github.com/gin-gonic/gin@v1.10.0/binding`,
          goMod: `${mod}/cache/download/github.com/gin-gonic/gin/@v/v1.10.0.mod`,
        },
        { dir: "/m", goMod: "/m/go.mod" },
      ]),
    ).toEqual({
      dirs: ["/m"],
      moduleCacheDirs: [`${mod}/github.com/gin-gonic/gin@v1.10.0/binding`],
      moduleFiles: [
        `${mod}/cache/download/github.com/gin-gonic/gin/@v/v1.10.0.mod`,
        "/m/go.mod",
        "/m/go.sum",
        "/m/vendor/modules.txt",
      ],
    });
  });
});

describe("cgoStubs with a cache", () => {
  let work: string;
  let app: string;
  let cache: { dir: string; toolchain: unknown };
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), "goship-cgo-cache-"));
    app = join(work, "app");
    await cp(join(FIXTURES, "cgo-hello"), app, { recursive: true });
    // A stub for builds without cgo, as go-sqlite3 has: the listing without cgo has no error.
    await writeFile(join(app, "cadd/stub.go"), STUB);
    cache = { dir: join(work, "goship-cgo"), toolchain: TOOLCHAIN };
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  /** An environment in which no go can be found: only a kept answer can come back. */
  const noGo = { ...GO_ENV, PATH: join(tmpdir(), "goship-no-such-dir") };
  const CADD = [{ importPath: "example.com/cgohello/cadd", targets: ["linux/amd64"] }];

  it("answers from the cache when nothing changed", { timeout: 60_000 }, async () => {
    await setUp(app);
    expect(await cgoStubs("go", app, ".", LINUX, [], GO_ENV, cache)).toEqual(CADD);
    expect(await readdir(cache.dir)).toHaveLength(1);
    expect(await cgoStubs("go", app, ".", LINUX, [], noGo, cache)).toEqual(CADD);
  });

  it("lists again when a source file changed", { timeout: 60_000 }, async () => {
    await setUp(app);
    expect(await cgoStubs("go", app, ".", LINUX, [], GO_ENV, cache)).toEqual(CADD);
    await writeFile(join(app, "cadd/cadd.go"), PURE);
    expect(await cgoStubs("go", app, ".", LINUX, [], GO_ENV, cache)).toEqual([]);
  });

  it("lists again when a file is added to a package", { timeout: 60_000 }, async () => {
    await setUp(app, { "cadd/cadd.go": PURE });
    expect(await cgoStubs("go", app, ".", LINUX, [], GO_ENV, cache)).toEqual([]);
    expect(await readdir(cache.dir)).toHaveLength(1);
    await writeFile(join(app, "cadd/c.go"), 'package cadd\n\n// int one() { return 1; }\nimport "C"\n');
    expect(await cgoStubs("go", app, ".", LINUX, [], GO_ENV, cache)).toEqual(CADD);
  });

  it("keys on the tags, the target's GOOS and the toolchain", { timeout: 60_000 }, async () => {
    await setUp(app);
    expect(await cgoStubs("go", app, ".", LINUX, [], GO_ENV, cache)).toEqual(CADD);
    for (const other of [
      () => cgoStubs("go", app, ".", LINUX, ["netgo"], noGo, cache),
      () => cgoStubs("go", app, ".", [{ goos: "freebsd", goarch: "amd64" }], [], noGo, cache),
      () => cgoStubs("go", app, ".", LINUX, [], noGo, { ...cache, toolchain: { goVersion: "other" } }),
    ])
      await expect(other()).rejects.toThrow(/go: command not found/); // a listing, not the kept answer
  });

  it("keeps nothing from a listing whose sources changed just before it", { timeout: 60_000 }, async () => {
    // Written now, as a checkout or an editor would while the listing runs.
    const main = await readFile(join(app, "main.go"), "utf8");
    await writeFile(join(app, "main.go"), `// touched\n${main}`);
    expect(await cgoStubs("go", app, ".", LINUX, [], GO_ENV, cache)).toEqual(CADD);
    expect(await readdir(cache.dir).catch(() => [])).toEqual([]);
  });
});
