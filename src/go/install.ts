import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { errorMessage, UserError } from "../kit/errors.js";
import { execFile } from "../kit/exec.js";
import { info, warning } from "../kit/log.js";
import type { GoDevReleaseT } from "./godev.js";
import { runnerTarget, toolCacheArch } from "./runner-platform.js";
import {
  classifySpec,
  exactVersion,
  goToSemver,
  resolveSpec,
  semverToGo,
  type VersionRequest,
} from "./version.js";

export type DownloadSource = "auto" | "go.dev" | "proxy";

export interface InstallOptions {
  request: VersionRequest;
  /** The input the spec came from, for error messages. */
  specInput: string;
  source: DownloadSource;
  goDevBaseUrl: string;
  proxies: string[];
  /**
   * Look for the newest published version even when the tool cache already holds one that
   * satisfies a range (setup-go's check-latest). Without it, such a cached Go is used with no
   * network at all.
   */
  checkLatest: boolean;
}

export interface InstalledGo {
  /** Go's spelling: "1.25.4". */
  version: string;
  goroot: string;
  from: "tool-cache" | "go.dev" | "proxy";
  durationMs: number;
  /** What was downloaded, when something was. */
  download?: { url: string; size: number; digest: string };
  /** Fallbacks taken, for the summary. */
  notes: string[];
}

/**
 * Go `version` in the tool cache: <cache>/go/<semver>/<arch> with its ".complete" marker, where
 * placeInToolCache puts it and @actions/tool-cache's find looks for an exact version. Read
 * here, so that a run whose Go is cached does not load the tool-cache package.
 */
function cachedGo(version: string): string | undefined {
  const semver = goToSemver(version);
  const cacheRoot = process.env.RUNNER_TOOL_CACHE;
  if (!semver || !cacheRoot) return undefined;
  const dir = join(cacheRoot, "go", semver, toolCacheArch());
  return existsSync(dir) && existsSync(`${dir}.complete`) ? dir : undefined;
}

/** The newest of `versions` that satisfies `spec`; undefined when none does. */
function newestSatisfying(spec: string, versions: readonly string[], input: string): string | undefined {
  if (versions.length === 0) return undefined;
  try {
    return resolveSpec(spec, versions, input);
  } catch (e) {
    if (e instanceof UserError) return undefined; // none of them satisfies it
    throw e;
  }
}

/** Published versions for the runner's platform from one source. */
async function listVersions(
  source: "go.dev" | "proxy",
  opts: InstallOptions,
): Promise<{ versions: string[]; releases?: GoDevReleaseT[] }> {
  const { goos, goarch } = runnerTarget();
  if (source === "go.dev") {
    const { fetchGoDevReleases } = await import("./godev.js");
    const releases = await fetchGoDevReleases(opts.goDevBaseUrl);
    const versions = releases
      // go.dev names 32-bit ARM "armv6l".
      .filter((r) =>
        r.files.some(
          (f) => f.os === goos && f.arch === (goarch === "arm" ? "armv6l" : goarch) && f.kind === "archive",
        ),
      )
      .map((r) => r.version.replace(/^go/, ""));
    return { versions, releases };
  }
  const { listToolchainVersions } = await import("./proxy.js");
  return { versions: await listToolchainVersions(opts.proxies, goos, goarch) };
}

/**
 * Resolves the requested version and makes sure that Go is in the tool cache:
 * the tool cache first (no network for an exact version), else a download verified
 * against go.dev's published sha256 or against the Go checksum database. `auto`
 * tries go.dev and falls back to the module proxy, saying so.
 */
export async function resolveAndInstallGo(opts: InstallOptions): Promise<InstalledGo> {
  const started = performance.now();
  const notes: string[] = [];
  const fromToolCache = (version: string): InstalledGo | undefined => {
    const goroot = cachedGo(version);
    return goroot
      ? { version, goroot, from: "tool-cache", durationMs: performance.now() - started, notes }
      : undefined;
  };
  const exact = exactVersion(opts.request.spec);
  const cachedExact = exact ? fromToolCache(exact) : undefined;
  if (cachedExact) return cachedExact;
  // A range (1.25.x, a go directive) that a cached Go satisfies: as setup-go does, that Go,
  // with no network, unless check-latest asks for the newest published one. stable and
  // oldstable name whatever is newest now, so they are always looked up.
  if (!exact && !opts.checkLatest && classifySpec(opts.request.spec, opts.specInput) === "range") {
    const tc = await import("@actions/tool-cache");
    const cached = tc.findAllVersions("go", toolCacheArch()).map(semverToGo);
    const best = newestSatisfying(opts.request.spec, cached, opts.specInput);
    const hit = best ? fromToolCache(best) : undefined;
    if (hit) {
      info(
        `Go ${best} in the tool cache satisfies ${opts.request.spec}; used without looking for a newer one (check-latest: true would)`,
      );
      return hit;
    }
  }

  // Which sources to try, in order. An exact version from the proxy needs no listing.
  const order: Array<"go.dev" | "proxy"> = opts.source === "auto" ? ["go.dev", "proxy"] : [opts.source];
  let version = exact;
  let releases: GoDevReleaseT[] | undefined;
  const failures: string[] = [];
  let usable = order;
  if (!version || order[0] === "go.dev") {
    for (const source of order) {
      try {
        const listed = await listVersions(source, opts);
        version = exact ?? resolveSpec(opts.request.spec, listed.versions, opts.specInput);
        releases = listed.releases;
        usable = order.slice(order.indexOf(source));
        break;
      } catch (e) {
        if (!(e instanceof UserError) || e.name === "InputError") throw e;
        failures.push(`${source}: ${errorMessage(e)}`);
        if (source !== order[order.length - 1]) {
          const note = `could not list Go versions from ${source} (${errorMessage(e)}); falling back to the module proxy`;
          warning(note);
          notes.push(note);
        }
      }
    }
    if (!version) throw new UserError(`no source could list Go versions:\n  ${failures.join("\n  ")}`);
  }
  const resolved = version as string;
  if (!exact) info(`Resolved ${opts.request.spec} to Go ${resolved}`);
  const cached = fromToolCache(resolved);
  if (cached) return cached;

  const { goos, goarch } = runnerTarget();
  const tmpRoot = process.env.RUNNER_TEMP ?? "";
  if (!tmpRoot) throw new Error("RUNNER_TEMP is not set");
  for (const source of usable) {
    const work = await mkdtemp(join(tmpRoot, "goship-go-"));
    const staging = join(work, "go");
    try {
      let download: InstalledGo["download"];
      if (source === "go.dev") {
        const { fetchGoDevReleases, findGoDevArchive, installGoFromGoDev } = await import("./godev.js");
        const list = releases ?? (await fetchGoDevReleases(opts.goDevBaseUrl));
        if (!findGoDevArchive(list, resolved, goos, goarch)) {
          throw new UserError(`go.dev lists no ${goos}/${goarch} archive for Go ${resolved}`);
        }
        const got = await installGoFromGoDev({
          version: resolved,
          goos,
          goarch,
          baseUrl: opts.goDevBaseUrl,
          dest: staging,
          tmpDir: work,
          releases: list,
        });
        download = { url: got.url, size: got.size, digest: `sha256:${got.sha256}` };
      } else {
        const { installToolchainFromProxy } = await import("./proxy.js");
        const got = await installToolchainFromProxy({
          version: resolved,
          goos,
          goarch,
          proxies: opts.proxies,
          dest: staging,
          tmpDir: work,
        });
        download = { url: got.url, size: got.size, digest: got.h1 };
      }
      await checkGoVersion(join(staging, "bin", "go"), resolved);
      const goroot = await placeInToolCache(staging, resolved);
      return {
        version: resolved,
        goroot,
        from: source,
        durationMs: performance.now() - started,
        download,
        notes,
      };
    } catch (e) {
      if (!(e instanceof UserError) || e.name === "InputError") throw e;
      failures.push(`${source}: ${errorMessage(e)}`);
      if (source !== usable[usable.length - 1]) {
        const note = `installing Go ${resolved} from ${source} failed (${errorMessage(e)}); falling back to the module proxy`;
        warning(note);
        notes.push(note);
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  throw new UserError(`could not install Go ${resolved}:\n  ${failures.join("\n  ")}`);
}

/** The unpacked toolchain must report exactly the version asked for before it is cached. */
async function checkGoVersion(goBin: string, version: string): Promise<void> {
  const { stdout } = await execFile(goBin, ["version"], {
    env: { ...process.env, GOTOOLCHAIN: "local" },
    timeoutMs: 60_000,
  });
  const { goos, goarch } = runnerTarget();
  const want = `go version go${version} ${goos}/${goarch}`;
  if (stdout.trim() !== want)
    throw new UserError(`the downloaded Go says "${stdout.trim()}", expected "${want}"`);
}

/**
 * Moves a verified GOROOT into the tool cache in the layout @actions/tool-cache reads
 * (<cache>/go/<semver>/<arch> plus an "<arch>.complete" marker written last), by rename
 * rather than a 250 MB copy. A crash before the marker leaves nothing that counts as cached.
 */
async function placeInToolCache(staging: string, version: string): Promise<string> {
  const cacheRoot = process.env.RUNNER_TOOL_CACHE ?? "";
  if (!cacheRoot) throw new Error("RUNNER_TOOL_CACHE is not set");
  const arch = toolCacheArch();
  const dest = join(cacheRoot, "go", goToSemver(version) as string, arch);
  await rm(`${dest}.complete`, { force: true });
  await rm(dest, { recursive: true, force: true });
  await mkdir(dirname(dest), { recursive: true });
  try {
    await rename(staging, dest);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    const tc = await import("@actions/tool-cache");
    return tc.cacheDir(staging, "go", goToSemver(version) as string, arch);
  }
  await writeFile(`${dest}.complete`, "");
  return dest;
}
