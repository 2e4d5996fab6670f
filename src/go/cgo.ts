import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import type { Target } from "../contract/targets.js";
import { formatTarget } from "../contract/targets.js";
import { errorMessage, UserError } from "../kit/errors.js";
import { ExecError, execFile } from "../kit/exec.js";
import { debug, info, seconds, warning } from "../kit/log.js";
import { progress } from "../kit/progress.js";
import {
  cgoCacheEntry,
  goVariables,
  type ListedSource,
  readCgoCache,
  SourceState,
  writeCgoCache,
} from "./cgo-cache.js";
import { LIST_WITHOUT_VCS } from "./list.js";

/** A C (and C++) compiler for one target and the Debian/Ubuntu packages that provide it. */
export interface CrossCompiler {
  cc: string;
  cxx?: string;
  packages: string[];
}

export interface CgoPlan {
  compilers: Array<{ target: Target; compiler: CrossCompiler }>;
  unsupported: Array<{ target: Target; reason: string }>;
}

/**
 * GNU/Linux cross toolchains in Debian and Ubuntu, by GOARCH. `triplet` names the
 * compiler (`<triplet>-gcc`); the package names spell it with "-" for "_"
 * (x86_64 → gcc-x86-64-linux-gnu). `libcArch` is the Debian architecture of the
 * matching `libc6-dev-<arch>-cross`.
 */
const LINUX_CROSS: Readonly<Record<string, { triplet: string; libcArch: string }>> = {
  "386": { triplet: "i686-linux-gnu", libcArch: "i386" },
  amd64: { triplet: "x86_64-linux-gnu", libcArch: "amd64" },
  arm64: { triplet: "aarch64-linux-gnu", libcArch: "arm64" },
  riscv64: { triplet: "riscv64-linux-gnu", libcArch: "riscv64" },
  ppc64le: { triplet: "powerpc64le-linux-gnu", libcArch: "ppc64el" },
  s390x: { triplet: "s390x-linux-gnu", libcArch: "s390x" },
  mips64le: { triplet: "mips64el-linux-gnuabi64", libcArch: "mips64el" },
  mips64: { triplet: "mips64-linux-gnuabi64", libcArch: "mips64" },
  mipsle: { triplet: "mipsel-linux-gnu", libcArch: "mipsel" },
  mips: { triplet: "mips-linux-gnu", libcArch: "mips" },
};

/** Debian armhf is ARMv7 hard-float; armel (ARMv5 soft-float ABI) also runs on ARMv6. */
const ARM_HARD_FLOAT = { triplet: "arm-linux-gnueabihf", libcArch: "armhf" };
const ARM_SOFT_FLOAT = { triplet: "arm-linux-gnueabi", libcArch: "armel" };

const MINGW: Readonly<Record<string, string>> = {
  amd64: "x86_64-w64-mingw32",
  "386": "i686-w64-mingw32",
};

const NO_ZIG = "zig cc is not installed by goship yet";

function gnuCross(triplet: string, libcArch: string): CrossCompiler {
  const pkg = triplet.replaceAll("_", "-");
  return {
    cc: `${triplet}-gcc`,
    cxx: `${triplet}-g++`,
    // The cross libc headers are only a Recommends of the compiler, and we install
    // with --no-install-recommends: without them cgo fails on <stdlib.h>.
    packages: [`gcc-${pkg}`, `g++-${pkg}`, `libc6-dev-${libcArch}-cross`],
  };
}

function linuxCompiler(t: Target, runnerGoarch: string): CrossCompiler | string {
  if (t.goarch === runnerGoarch) {
    // gcc only recommends libc6-dev, which --no-install-recommends would skip.
    return { cc: "gcc", cxx: "g++", packages: ["gcc", "g++", "libc6-dev"] };
  }
  if (t.goarch === "arm") {
    const abi = t.variant === "5" || t.variant === "6" ? ARM_SOFT_FLOAT : ARM_HARD_FLOAT;
    return gnuCross(abi.triplet, abi.libcArch);
  }
  const cross = LINUX_CROSS[t.goarch];
  if (cross) return gnuCross(cross.triplet, cross.libcArch);
  if (t.goarch === "ppc64") {
    return "Go does not support cgo on big-endian linux/ppc64: build it with CGO_ENABLED=0, or target linux/ppc64le";
  }
  return (
    `goship knows no Debian/Ubuntu cross gcc package for linux/${t.goarch}: install a cross compiler ` +
    `for it yourself and pass it as CC, or build with CGO_ENABLED=0 (${NO_ZIG})`
  );
}

function unsupportedReason(t: Target): string {
  const name = formatTarget(t);
  switch (t.goos) {
    case "darwin":
    case "ios":
      return (
        `cgo for ${name} needs Apple's SDK and clang, which Linux runners lack: build ${name} on a macOS ` +
        `runner (runs-on: macos-latest), or with CGO_ENABLED=0 (${NO_ZIG})`
      );
    case "windows":
      return (
        `Debian and Ubuntu ship no MinGW gcc for ${name}: build it on a Windows runner ` +
        `(windows-11-arm for arm64), use an llvm-mingw clang as CC, or build with CGO_ENABLED=0 (${NO_ZIG})`
      );
    case "android":
      return (
        `cgo for ${name} needs the Android NDK's clang: set CC to the NDK's ` +
        `toolchains/llvm/prebuilt/linux-x86_64/bin/<triple><api>-clang, or build with CGO_ENABLED=0`
      );
    case "js":
    case "wasip1":
    case "plan9":
      return `Go has no cgo on ${name}: build it with CGO_ENABLED=0`;
    default:
      return (
        `cgo for ${name} needs ${t.goos}'s own headers and libc (a sysroot), which no Debian package ` +
        `provides: build it on a ${t.goos} machine, or with CGO_ENABLED=0 (${NO_ZIG})`
      );
  }
}

/**
 * Debian/Ubuntu packages and compiler names for each target, given the runner's own
 * GOARCH ("amd64" or "arm64"). Targets with no packaged compiler come back as
 * unsupported, with a reason that says what to do instead.
 */
export function planCrossCompilers(targets: Target[], runnerGoarch: string): CgoPlan {
  const plan: CgoPlan = { compilers: [], unsupported: [] };
  for (const target of targets) {
    let compiler: CrossCompiler | string;
    if (target.goos === "linux") {
      compiler = linuxCompiler(target, runnerGoarch);
    } else if (target.goos === "windows" && MINGW[target.goarch]) {
      const triplet = MINGW[target.goarch] as string;
      const pkg = triplet.replace(/-w64-mingw32$/, "").replaceAll("_", "-");
      compiler = {
        cc: `${triplet}-gcc`,
        cxx: `${triplet}-g++`,
        // The MinGW headers and CRT (mingw-w64-*-dev) are hard dependencies here.
        packages: [`gcc-mingw-w64-${pkg}`, `g++-mingw-w64-${pkg}`],
      };
    } else {
      compiler = unsupportedReason(target);
    }
    if (typeof compiler === "string") plan.unsupported.push({ target, reason: compiler });
    else plan.compilers.push({ target, compiler });
  }
  return plan;
}

const OsRelease = z.object({
  ID: z.string().min(1).default("linux"),
  ID_LIKE: z.string().optional(),
  VERSION_ID: z.string().optional(),
  PRETTY_NAME: z.string().optional(),
});

/** Values per os-release(5): shell-style, optionally in single or double quotes. */
function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    fields[key] = unquote(value);
  }
  return fields;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
    const inner = value.slice(1, -1);
    return quote === "'" ? inner : inner.replace(/\\([\\"$`])/g, "$1");
  }
  return value;
}

async function readOsReleaseFields(path?: string): Promise<Record<string, string> | undefined> {
  // os-release(5): /etc/os-release takes precedence; /usr/lib/os-release is the fallback.
  for (const candidate of path ? [path] : ["/etc/os-release", "/usr/lib/os-release"]) {
    let text: string;
    try {
      text = await readFile(candidate, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    return parseOsRelease(text);
  }
  return undefined;
}

/** Reads /etc/os-release: { id, idLike[], versionId } or undefined when there is none. */
export async function readOsRelease(
  path?: string,
): Promise<{ id: string; idLike: string[]; versionId?: string } | undefined> {
  const fields = await readOsReleaseFields(path);
  if (!fields) return undefined;
  const parsed = OsRelease.safeParse(fields);
  if (!parsed.success)
    throw new UserError(`unexpected ${path ?? "/etc/os-release"}: ${parsed.error.message}`);
  const { ID, ID_LIKE, VERSION_ID } = parsed.data;
  return {
    id: ID,
    idLike: (ID_LIKE ?? "").split(/\s+/).filter((s) => s !== ""),
    ...(VERSION_ID ? { versionId: VERSION_ID } : {}),
  };
}

/** Debian package names (Debian Policy 5.6.1); checked so a name can never be read as an option. */
const DEBIAN_PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} format, not a JS template
const DPKG_STATUS_FORMAT = "${Package}\\t${db:Status-Abbrev}\\n";

/** Which of `packages` dpkg reports as installed (status "?i", e.g. "ii" or "hi"). */
async function installedPackages(packages: readonly string[]): Promise<Set<string>> {
  let stdout: string;
  try {
    // Exits 1 when some name is unknown to dpkg; the rest are still listed.
    ({ stdout } = await execFile("dpkg-query", ["-W", "-f", DPKG_STATUS_FORMAT, ...packages], {
      allowFailure: true,
      timeoutMs: 60_000,
    }));
  } catch (e) {
    throw new UserError(`cannot ask dpkg which packages are installed: ${errorMessage(e)}`);
  }
  const installed = new Set<string>();
  for (const line of stdout.split("\n")) {
    const [name, status] = line.split("\t");
    if (name && status?.[1] === "i") installed.add(name);
  }
  return installed;
}

/** apt-get as root: directly when we are root, else through non-interactive sudo. */
async function aptGet(args: string[], options: { allowFailure?: boolean; timeoutMs: number }) {
  // Waits for the dpkg lock instead of failing while unattended-upgrades holds it at boot.
  const argv = ["-o", "DPkg::Lock::Timeout=300", "-q", ...args];
  const asRoot = process.getuid?.() === 0;
  try {
    if (asRoot) {
      return await execFile("apt-get", argv, {
        ...options,
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    }
    // `env` sets the variable as root; sudo's env_reset would drop it if passed through.
    return await execFile(
      "sudo",
      ["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...argv],
      options,
    );
  } catch (e) {
    const why = e instanceof ExecError ? e.result.stderr : "";
    if (
      !asRoot &&
      (/^sudo: .*password/m.test(why) || errorMessage(e).startsWith("sudo: command not found"))
    ) {
      throw new UserError(
        `installing Debian packages needs root: run as root or allow passwordless sudo (sudo -n failed: ${why.trim() || errorMessage(e)})`,
      );
    }
    throw e;
  }
}

function osName(os: { id: string; versionId?: string } | undefined): string {
  return os ? `${os.id}${os.versionId ? ` ${os.versionId}` : ""}` : "this system (no /etc/os-release)";
}

/**
 * Installs the Debian packages that are missing. Each is checked with dpkg-query
 * first; when all are present, apt is not run at all. Otherwise `apt-get update`
 * runs once, always, before the install: a fresh container has no package lists
 * (every name would be "unable to locate"), and a runner image's lists are often
 * older than the archive, so the install would 404 on superseded .debs. An update
 * costs seconds next to a cross toolchain's tens of seconds, and failing it is only
 * a warning (a broken third-party source must not stop us).
 */
export async function installDebianPackages(
  packages: string[],
): Promise<{ present: string[]; installed: string[] }> {
  const wanted = [...new Set(packages)];
  const bad = wanted.filter((p) => !DEBIAN_PACKAGE_NAME.test(p));
  if (bad.length > 0)
    throw new UserError(`not Debian package names: ${bad.map((p) => JSON.stringify(p)).join(", ")}`);
  if (wanted.length === 0) return { present: [], installed: [] };

  const os = await readOsRelease();
  if (!os || !(os.id === "debian" || os.idLike.includes("debian"))) {
    throw new UserError(
      `${osName(os)} is not Debian or Ubuntu, and goship installs C compilers only with apt. ` +
        `Install the equivalent of these Debian packages yourself: ${wanted.join(" ")}`,
    );
  }

  const before = await installedPackages(wanted);
  const present = wanted.filter((p) => before.has(p));
  const missing = wanted.filter((p) => !before.has(p));
  if (missing.length === 0) {
    debug(`Debian packages already installed: ${present.join(" ")}`);
    return { present, installed: [] };
  }

  const started = performance.now();
  const update = await progress.during("apt-get update", () =>
    aptGet(["update"], { allowFailure: true, timeoutMs: 5 * 60_000 }),
  );
  if (update.code !== 0) {
    const tail = (update.stderr || update.stdout).trim().split("\n").slice(-5).join("\n");
    warning(
      `apt-get update exited with code ${update.code}; installing with the package lists as they are:\n${tail}`,
    );
  }
  try {
    await progress.during(`apt-get install ${missing.join(" ")}`, () =>
      aptGet(["install", "-y", "--no-install-recommends", ...missing], { timeoutMs: 15 * 60_000 }),
    );
  } catch (e) {
    const stderr = e instanceof ExecError ? e.result.stderr : "";
    const unknown = [
      ...stderr.matchAll(
        /Unable to locate package (\S+)|Package '?([^'\s]+)'? has no installation candidate/g,
      ),
    ].map((m) => m[1] ?? m[2]);
    if (unknown.length > 0) {
      throw new UserError(
        `apt on ${osName(os)} has no package ${unknown.join(", ")}: this release does not ship that cross ` +
          "compiler; install one yourself and pass it as CC, or build with CGO_ENABLED=0",
      );
    }
    throw e;
  }
  const after = await installedPackages(missing);
  const notInstalled = missing.filter((p) => !after.has(p));
  if (notInstalled.length > 0) {
    throw new UserError(
      `apt-get install finished but dpkg does not list ${notInstalled.join(" ")} as installed`,
    );
  }
  info(`Installed ${missing.join(" ")} in ${seconds(performance.now() - started)}`);
  return { present, installed: missing };
}

/** Lists packages with cgo or SWIG files of their own; the standard library is left out (see usesCgo). */
const CGO_PACKAGES_TEMPLATE =
  "{{if and (not .Standard) (or .CgoFiles .SwigFiles .SwigCXXFiles)}}{{.ImportPath}}{{end}}";

/**
 * Whether the packages matched by `patterns` in dir, or any of their dependencies,
 * use cgo (import "C"). CGO_ENABLED=1 so that files behind the `cgo` build tag count.
 * Standard-library packages are not counted: net and os/user have cgo files, yet
 * fall back to pure Go when cgo is off, so importing them needs no C compiler.
 * The env's GOOS/GOARCH select which files count, as in a build.
 */
export async function usesCgo(
  dir: string,
  goBin: string,
  env?: NodeJS.ProcessEnv,
  patterns: string[] = ["./..."],
): Promise<boolean> {
  const dashed = patterns.filter((p) => p.startsWith("-"));
  if (dashed.length > 0) throw new UserError(`not package patterns: ${dashed.join(" ")}`);
  const { stdout } = await execFile(
    goBin,
    ["list", LIST_WITHOUT_VCS, "-deps", "-f", CGO_PACKAGES_TEMPLATE, ...patterns],
    {
      cwd: dir,
      env: { ...(env ?? process.env), CGO_ENABLED: "1" },
      timeoutMs: 5 * 60_000,
    },
  );
  const cgoPackages = stdout.split("\n").filter((l) => l.trim() !== "");
  if (cgoPackages.length > 0) debug(`packages with cgo in ${dir}: ${cgoPackages.join(" ")}`);
  return cgoPackages.length > 0;
}

/** A package outside the standard library whose cgo files a CGO_ENABLED=0 build leaves out. */
export interface CgoStub {
  importPath: string;
  /** The targets (goos/goarch…) whose build would link its !cgo fallback. */
  targets: string[];
  /** Set when that fallback is known to work, losing a feature only: what it loses. */
  fallback?: string;
}

/** Where cgoStubs keeps its answers between runs (go/cgo-cache), and what besides the sources decides them. */
export interface CgoCheckCache {
  /** cgoCacheDir(GOCACHE). */
  dir: string;
  /** The toolchain and go's own configuration: go version, GOROOT, GOWORK, the go env file's content. */
  toolchain: unknown;
}

/**
 * Packages whose build without cgo is known to be a working fallback, not a stub, as for the
 * standard library's net and os/user: they lose a feature, not their function, so they are
 * named in the log and not refused. Each entry was read in the package's source.
 */
export const CGO_FALLBACKS: Readonly<Record<string, string>> = {
  // process_collector_mem_nocgo_darwin.go: getMemory returns errNotImplemented.
  "github.com/prometheus/client_golang/prometheus":
    "the process collector reports no resident or virtual memory on darwin; every other metric is there",
};

/** Per non-standard package: import path, cgo and SWIG file counts, directory, module's go.mod, whether it failed to load. */
const IMPORT_PATH_AND_CGO_FILES =
  "{{if not .Standard}}{{.ImportPath}}\t{{len .CgoFiles}}\t{{len .SwigFiles}}\t{{len .SwigCXXFiles}}\t{{.Dir}}\t{{with .Module}}{{.GoMod}}{{end}}\t{{if or .Error .DepsErrors}}error{{end}}{{end}}";

interface ListedPackage extends ListedSource {
  cgo: boolean;
  error: boolean;
}

/**
 * One `go list` of the packages `args` names (`-deps -- pkg`, or `-find -- a b c`): each
 * non-standard package and whether it has cgo (or SWIG) files under `env`.
 */
async function listCgoFiles(
  goBin: string,
  dir: string,
  args: readonly string[],
  tags: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<Map<string, ListedPackage> | undefined> {
  const flags = ["list", LIST_WITHOUT_VCS, "-e", ...(tags.length > 0 ? [`-tags=${tags.join(",")}`] : [])];
  const r = await execFile(goBin, [...flags, "-f", IMPORT_PATH_AND_CGO_FILES, ...args], {
    cwd: dir,
    env,
    timeoutMs: 5 * 60_000,
    allowFailure: true,
  });
  // The build itself reports a package that cannot be loaded, with go's own words.
  if (r.code !== 0) {
    debug(`go list ${args.join(" ")} failed, so no cgo check: ${r.stderr.trim()}`);
    return undefined;
  }
  const out = new Map<string, ListedPackage>();
  for (const line of r.stdout.split("\n")) {
    const [path = "", cgo = "0", swig = "0", swigCxx = "0", dir = "", goMod = "", error = ""] = line
      .trim()
      .split("\t");
    if (path)
      out.set(path, { cgo: [cgo, swig, swigCxx].some((n) => n !== "0"), dir, goMod, error: error !== "" });
  }
  return out;
}

/**
 * The packages outside the standard library that a CGO_ENABLED=0 build of `pkg` links
 * although they have cgo files: that build leaves those files out and compiles the rest,
 * usually a `!cgo` stub that builds and fails at run time ("go-sqlite3 requires cgo to work").
 * Per GOOS of the target set (file selection by cgo is a matter of the OS, not the
 * architecture): one `go list -deps` without cgo for what the build links, then one
 * `go list -find` of just those packages with cgo, which reads their directories and loads no
 * dependencies, for which of them have cgo files. The
 * standard library is left out on purpose: net and os/user have pure-Go code for a build
 * without cgo (and the netgo, osusergo tags ask for it). With `cache`, a GOOS whose toolchain,
 * configuration and sources are what an earlier run listed takes that run's answer (go/cgo-cache).
 */
export async function cgoStubs(
  goBin: string,
  dir: string,
  pkg: string,
  targets: readonly Target[],
  tags: readonly string[],
  env: NodeJS.ProcessEnv,
  cache?: CgoCheckCache,
): Promise<CgoStub[]> {
  const byOs = new Map<string, Target[]>();
  for (const t of targets) byOs.set(t.goos, [...(byOs.get(t.goos) ?? []), t]);
  const found = new Map<string, string[]>();
  const sources = new SourceState();
  /** One GOOS's packages with cgo files that a build without cgo links. */
  const check = async (first: Target): Promise<string[]> => {
    const envFor = (cgo: "0" | "1") => ({
      ...env,
      GOOS: first.goos,
      GOARCH: first.goarch,
      CGO_ENABLED: cgo,
      GOTOOLCHAIN: "local",
    });
    const entry =
      cache &&
      cgoCacheEntry(cache.dir, {
        toolchain: cache.toolchain,
        goBin,
        dir: resolve(dir),
        pkg,
        tags,
        env: goVariables(envFor("0")),
      });
    const listedAt = Date.now();
    const kept = entry && (await readCgoCache(entry, sources, listedAt));
    if (kept) return kept;
    const without = await listCgoFiles(goBin, dir, ["-deps", "--", pkg], tags, envFor("0"));
    if (!without || without.size === 0) return [];
    const withCgo = await listCgoFiles(goBin, dir, ["-find", "--", ...without.keys()], tags, envFor("1"));
    if (!withCgo) return [];
    const stubs = [...without.keys()].filter((path) => withCgo.get(path)?.cgo);
    const listed = [...without.values(), ...withCgo.values()];
    if (entry && !listed.some((p) => p.error)) await writeCgoCache(entry, listed, stubs, listedAt);
    return stubs;
  };
  await Promise.all(
    [...byOs.values()].map(async (group) => {
      for (const path of await check(group[0] as Target))
        found.set(path, [...(found.get(path) ?? []), ...group.map(formatTarget)]);
    }),
  );
  return [...found.entries()]
    .map(([importPath, ts]) => {
      const fallback = CGO_FALLBACKS[importPath];
      return { importPath, targets: ts.sort(), ...(fallback ? { fallback } : {}) };
    })
    .sort((a, b) => (a.importPath < b.importPath ? -1 : a.importPath > b.importPath ? 1 : 0));
}

/** What build-static says when a build without cgo would link cgo packages' stubs. */
export function cgoStubsMessage(stubs: readonly CgoStub[]): string {
  const names = stubs.map((s) => s.importPath);
  const sqlite = names.some((n) => n.startsWith("github.com/mattn/go-sqlite3"));
  return (
    `${names.join(", ")} ${names.length === 1 ? "uses" : "use"} cgo, and a build with cgo: false (CGO_ENABLED=0) ` +
    `leaves ${names.length === 1 ? "its" : "their"} C code out: what is linked instead compiles but fails at run time. ` +
    "Two ways out: cgo: true (build-static then links the C code, statically on Linux, with the C compiler setup-go-cross installs), " +
    `or a pure-Go replacement${sqlite ? ' (for SQLite: modernc.org/sqlite, driver name "sqlite")' : ""}. ` +
    "To ship it as it is anyway, set allow-cgo-stubs: true"
  );
}
