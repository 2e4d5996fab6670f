/**
 * Shared by binfmt.test.ts and buildinfo.test.ts: builds the Go fixtures into a temp
 * directory with the real go command (GOCACHE is the user's, so repeated runs only link).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFile } from "../../src/kit/exec.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const REPO = fileURLToPath(new URL("../../", import.meta.url));

export interface BuildTarget {
  goos: string;
  goarch: string;
  /** Extra variables, e.g. GOARM=7. */
  env?: Record<string, string>;
}

/** The matrix the task names: each is built with CGO_ENABLED=0 -trimpath -ldflags "-s -w". */
export const MATRIX: readonly BuildTarget[] = [
  { goos: "linux", goarch: "amd64" },
  { goos: "linux", goarch: "arm64" },
  { goos: "linux", goarch: "arm", env: { GOARM: "7" } },
  { goos: "linux", goarch: "386" },
  { goos: "windows", goarch: "amd64" },
  { goos: "darwin", goarch: "arm64" },
  { goos: "freebsd", goarch: "amd64" },
];

/**
 * examples/gin-app is built for linux/amd64 and linux/arm64 only unless GOSHIP_GIN_MATRIX=all:
 * its dependency github.com/ugorji/go/codec takes minutes to compile per GOOS/GOARCH on a cold
 * cache, which would put the whole matrix far over the time a test may take.
 */
export function matrixFor(app: string): readonly BuildTarget[] {
  if (app !== "gin-app" || process.env.GOSHIP_GIN_MATRIX === "all") return MATRIX;
  return MATRIX.filter((t) => t.goos === "linux" && (t.goarch === "amd64" || t.goarch === "arm64"));
}

export const RELEASE_FLAGS = ["-trimpath", "-ldflags", "-s -w"];

/**
 * The build tags the README gives the sample app: netgo and osusergo (no C resolver or user
 * lookup), nomsgpack (gin without its msgpack codec). Every test that builds examples/gin-app
 * for a target uses these tags with -trimpath, as build-static does, so that its packages
 * compile once per target on a new machine and the other builds of that target only link
 * (without nomsgpack the codec alone took about 35 CPU-s more per target).
 */
export const GIN_APP_TAGS = "netgo,osusergo,nomsgpack";

/** RELEASE_FLAGS, with the sample app's tags for examples/gin-app. */
export function releaseFlagsFor(app: string): readonly string[] {
  return app === "gin-app" ? [...RELEASE_FLAGS, `-tags=${GIN_APP_TAGS}`] : RELEASE_FLAGS;
}

export function targetName(t: BuildTarget): string {
  return `${t.goos}/${t.goarch}${t.env?.GOARM ? `/v${t.env.GOARM}` : ""}`;
}

export interface BuildOptions {
  /** Module directory (the fixture or example). */
  dir: string;
  out: string;
  target?: BuildTarget;
  /** go build flags before "-o"; default RELEASE_FLAGS. */
  flags?: readonly string[];
  /** Overrides on top of process.env; CGO_ENABLED defaults to 0. */
  env?: Record<string, string>;
}

/**
 * How the tests' go commands compile: GOMAXPROCS=1 with -p at the number of cores. As many
 * packages compile at once, but go then passes each compile -c=1, one thread for its functions
 * instead of two; neither changes a cache key, so the entries are the ones build-static looks
 * up. On two cores, from a cold cache: examples/gin-app for linux/amd64 took 99.6 CPU-s against
 * 129 with go's defaults, and std 12% less, each in less time too.
 */
export const COMPILE_ENV = { GOMAXPROCS: "1" } as const;
export const COMPILE_JOBS = `-p=${availableParallelism()}`;

/** Runs `go build` for one binary and returns its path. -buildvcs=false unless the flags say otherwise. */
export async function goBuild(o: BuildOptions): Promise<string> {
  const flags = o.flags ?? RELEASE_FLAGS;
  const vcs = flags.some((f) => f.startsWith("-buildvcs")) ? [] : ["-buildvcs=false"];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CGO_ENABLED: "0",
    ...COMPILE_ENV,
    ...(o.target ? { GOOS: o.target.goos, GOARCH: o.target.goarch, ...o.target.env } : {}),
    ...o.env,
  };
  // No timeout: exec.ts would kill only the go command and orphan its compile children; the vitest hook timeout bounds it.
  await execFile("go", ["build", COMPILE_JOBS, ...vcs, ...flags, "-o", o.out, "."], { cwd: o.dir, env });
  return o.out;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** examples/gin-app when another part of the project has put a module there. */
export function ginAppDir(): string | undefined {
  const dir = join(REPO, "examples", "gin-app");
  return existsSync(join(dir, "go.mod")) ? dir : undefined;
}

/**
 * The apps to build for the whole matrix: the dependency-free hello fixture, the textdeps
 * fixture (a proxy-fetched module and a local replacement), and examples/gin-app if it
 * builds for linux/amd64 right now (it is written in parallel; a build failure there skips it).
 */
export async function appsToBuild(tmp: string): Promise<{ apps: Record<string, string>; skipped?: string }> {
  const apps: Record<string, string> = {
    hello: join(FIXTURES, "hello"),
    textdeps: join(FIXTURES, "textdeps"),
  };
  const gin = ginAppDir();
  if (!gin) return { apps, skipped: "examples/gin-app does not exist" };
  try {
    await goBuild({
      dir: gin,
      out: join(tmp, "gin-app-probe"),
      target: { goos: "linux", goarch: "amd64" },
      flags: releaseFlagsFor("gin-app"),
    });
    apps["gin-app"] = gin;
    return { apps };
  } catch (e) {
    return { apps, skipped: `examples/gin-app does not build yet: ${(e as Error).message.split("\n")[0]}` };
  }
}
