import { copyFile, cp, link, mkdir, mkdtemp, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { type Target, targetEnv, targetSlug, VARIANTS } from "../contract/targets.js";
import { linkCacheDir, linkCacheEntry } from "../go/link-cache.js";
import { type GoProblem, goDiagnostics } from "../go/problem-matcher.js";
import { UserError } from "../kit/errors.js";
import { ExecError, execFile } from "../kit/exec.js";
import { firstDifference, sha256File } from "../kit/hash.js";
import { type BinaryInfo, checkBinaryForTarget, inspectBinary, withObjectLayout } from "./binfmt.js";
import { buildSetting, type GoBuildInfo, readBuildInfo } from "./buildinfo.js";

/** One `go build` of one target, fully described: argv and environment, no shell. */
export interface BuildSpec {
  goBin: string;
  /** The directory `go build` runs in (the module or a directory inside it). */
  workDir: string;
  /** The main package, relative to workDir ("." or "./cmd/app"). */
  pkg: string;
  binaryName: string;
  target: Target;
  outputDir: string;
  ldflags: string;
  tags: string[];
  cgo: boolean;
  cc?: string;
  /** Base environment (PATH, GOROOT, GOCACHE, git's safe.directory …). */
  env: NodeJS.ProcessEnv;
  /** Compile jobs for this build (`-p`), so concurrent builds share the cores. */
  procs: number;
  /** Where Go's link output stays between runs: linkCacheDir(GOCACHE). */
  linkDir: string;
}

/** "gin-app_linux_arm_7" */
export function targetDirName(binaryName: string, t: Target): string {
  return `${binaryName}_${targetSlug(t)}`;
}

export function binaryFileName(binaryName: string, t: Target): string {
  return t.goos === "windows" ? `${binaryName}.exe` : binaryName;
}

export function buildArgv(spec: BuildSpec, output: string): string[] {
  const argv = ["build", "-trimpath", `-p=${spec.procs}`];
  if (spec.tags.length > 0) argv.push(`-tags=${spec.tags.join(",")}`);
  argv.push(`-ldflags=${spec.ldflags}`, "-o", output, spec.pkg);
  return argv;
}

export function buildEnv(spec: BuildSpec): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...spec.env };
  // A variant variable inherited from the caller (GOAMD64=v3 …) must not leak into any target.
  for (const v of Object.values(VARIANTS)) delete env[v.env];
  Object.assign(env, targetEnv(spec.target), {
    CGO_ENABLED: spec.cgo ? "1" : "0",
    GOTOOLCHAIN: "local",
    GOMAXPROCS: String(spec.procs),
  });
  if (spec.cgo && spec.cc) env.CC = spec.cc;
  return env;
}

export interface BuiltBinary {
  target: Target;
  path: string;
  name: string;
  durationMs: number;
}

/**
 * Where `go build -o` writes: a file that stays between runs, so Go's own up-to-date check
 * (the build ID of the existing output) skips the link when nothing changed, as it does
 * for a plain `go build` loop. It is in the link cache beside GOCACHE (go/link-cache), not in
 * output-dir, which holds only what the user asked for.
 */
export function linkPath(spec: BuildSpec): string {
  return join(
    linkCacheEntry(spec.linkDir, spec.outputDir),
    targetDirName(spec.binaryName, spec.target),
    binaryFileName(spec.binaryName, spec.target),
  );
}

/** <outputDir>/<name>_<goos>_<goarch>[_<variant>]: where one target's binary and fragment go. */
function targetDir(spec: BuildSpec): string {
  return join(spec.outputDir, targetDirName(spec.binaryName, spec.target));
}

/**
 * `go build` failed. The message is what Go said (its `# package` headers left out), so that a
 * failure reads as its cause; the command line, long with -ldflags, is kept apart for the
 * debug log. `diagnostics` are the file/line problems in that output, for annotations.
 */
export class GoBuildError extends UserError {
  override name = "GoBuildError";
  readonly diagnostics: GoProblem[];
  constructor(
    readonly command: string,
    /** How it ended, e.g. "exited with code 1", "timed out after 3600000 ms". */
    readonly outcome: string,
    readonly output: string,
  ) {
    const said = output
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith("# "))
      .slice(-20)
      .join("\n");
    super(said || `go build ${outcome}`);
    this.diagnostics = goDiagnostics(output);
  }
}

/** Builds one target into <outputDir>/<name>_<goos>_<goarch>[_<variant>]/<name>[.exe]. */
export async function goBuild(spec: BuildSpec, onOutput?: (line: string) => void): Promise<BuiltBinary> {
  const dir = targetDir(spec);
  const name = binaryFileName(spec.binaryName, spec.target);
  const path = join(dir, name);
  const linked = linkPath(spec);
  await Promise.all([mkdir(dir, { recursive: true }), mkdir(dirname(linked), { recursive: true })]);
  const started = performance.now();
  await execFile(spec.goBin, buildArgv(spec, linked), {
    cwd: spec.workDir,
    env: buildEnv(spec),
    timeoutMs: 60 * 60_000,
    onStderr: (chunk) => {
      for (const l of chunk.split("\n")) if (l.trim()) onOutput?.(l);
    },
  }).catch((e) => {
    if (!(e instanceof ExecError)) throw e;
    throw new GoBuildError(e.result.command, e.outcome, e.result.stderr || e.result.stdout);
  });
  await placeBinary(linked, path);
  return { target: spec.target, path, name, durationMs: performance.now() - started };
}

/**
 * Puts the linked binary at `path`. Go replaces its output by rename, never in place, so a
 * hard link is a stable copy; it is made beside `path` and renamed, so that the final name
 * never holds a half-written binary. When Go found its output up to date and did not link
 * again, `path` is already a link to the same file: rename(2) of one hard link onto another
 * of the same file does nothing and succeeds, which would leave the `.partial` name behind,
 * so that case is left as it is.
 */
async function placeBinary(linked: string, path: string): Promise<void> {
  const [from, to] = await Promise.all([stat(linked), stat(path).catch(() => undefined)]);
  if (to && to.dev === from.dev && to.ino === from.ino) return;
  const partial = `${path}.partial`;
  await rm(partial, { force: true });
  try {
    await link(linked, partial);
  } catch {
    await copyFile(linked, partial);
  }
  try {
    await rename(partial, path);
  } finally {
    // Gone after a rename that took effect; still there after one that did nothing or failed.
    await rm(partial, { force: true });
  }
}

/**
 * Removes everything goBuild wrote for one target: its directory (binary, fragment) and its
 * link copy, then the output directory's link cache entry once no target has a copy there.
 * A failed run leaves no binary behind that anything could pick up as build output.
 */
export async function removeBuild(spec: BuildSpec): Promise<void> {
  const entry = linkCacheEntry(spec.linkDir, spec.outputDir);
  await Promise.all([
    rm(targetDir(spec), { recursive: true, force: true }),
    rm(dirname(linkPath(spec)), { recursive: true, force: true }),
  ]);
  await rmdir(entry).catch(() => undefined); // still holds another target's copy, or already gone
}

export interface Expectations {
  target: Target;
  cgo: boolean;
  goVersion: string;
  allowDirty: boolean;
  requireStatic: boolean;
}

export interface Verification {
  info: BinaryInfo;
  build: GoBuildInfo;
  sha256: string;
  size: number;
  /** Failures: the binary must not ship. */
  problems: string[];
  /** Worth saying, not failing (e.g. not static with require-static: false). */
  warnings: string[];
  durationMs: number;
}

/**
 * Reads a built binary (headers and build info, never the whole file into memory) and
 * checks it against the target and the build's promises.
 */
export async function verifyBinary(path: string, want: Expectations): Promise<Verification> {
  const started = performance.now();
  const [info, build, digest] = await Promise.all([
    inspectBinary(path),
    readBuildInfo(path),
    sha256File(path),
  ]);
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const p of checkBinaryForTarget(info, want.target, { cgo: want.cgo })) {
    if (p.startsWith("not statically linked") && !want.requireStatic) warnings.push(p);
    else problems.push(p);
  }
  const setting = (k: string) => buildSetting(build, k);
  const expect = (key: string, value: string, why: string) => {
    const got = setting(key);
    if (got !== value)
      problems.push(
        `build setting ${key} is ${got === undefined ? "missing" : `"${got}"`}, expected "${value}" (${why})`,
      );
  };
  if (build.goVersion !== `go${want.goVersion}`) {
    problems.push(`built by ${build.goVersion}, expected go${want.goVersion}`);
  }
  expect("GOOS", want.target.goos, "the target");
  expect("GOARCH", want.target.goarch, "the target");
  const variant = VARIANTS[want.target.goarch];
  if (want.target.variant && variant) expect(variant.env, want.target.variant, "the target's variant");
  expect("CGO_ENABLED", want.cgo ? "1" : "0", want.cgo ? "cgo was asked for" : "static builds disable cgo");
  expect("-trimpath", "true", "reproducible paths");
  const modified = setting("vcs.modified");
  if (modified === undefined) {
    warnings.push(
      "no VCS information in the binary: the working directory is not in a git checkout, or git could not read it",
    );
  } else if (modified !== "false" && !want.allowDirty) {
    problems.push(
      "vcs.modified is true: the binary was built from uncommitted changes (allow-dirty: true permits it)",
    );
  }
  return { info, build, ...digest, problems, warnings, durationMs: performance.now() - started };
}

export interface Reproduction {
  identical: boolean;
  sha256: string;
  /** Where the two builds first differ. */
  difference?: { offset: number; section: string };
}

/**
 * Builds the target again from a copy of the source tree at another path with an empty
 * GOCACHE, and compares the bytes. A difference is located by section, which usually
 * says what leaked in (.go.buildinfo: settings; .rodata/.data: an -X value; .text: code).
 */
export async function reproduce(spec: BuildSpec, sourceRoot: string, first: string): Promise<Reproduction> {
  const work = await mkdtemp(join(tmpdir(), "goship-repro-"));
  try {
    const copy = join(work, basename(sourceRoot) || "src");
    const skip = new Set([spec.outputDir]);
    await cp(sourceRoot, copy, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !skip.has(src) && basename(src) !== "node_modules",
    });
    const gocache = join(work, "gocache");
    await mkdir(gocache);
    const again = await goBuild({
      ...spec,
      workDir: join(copy, relative(sourceRoot, spec.workDir)),
      outputDir: join(work, "out"),
      linkDir: linkCacheDir(gocache),
      env: { ...spec.env, GOCACHE: gocache, ...copyGitEnv(spec.env, sourceRoot, copy) },
    });
    const { sha256 } = await sha256File(again.path);
    const offset = await firstDifference(first, again.path);
    if (offset === undefined) return { identical: true, sha256 };
    return { identical: false, sha256, difference: { offset, section: await sectionAt(first, offset) } };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A safe.directory exception for the original checkout must also cover its copy. */
function copyGitEnv(env: NodeJS.ProcessEnv, from: string, to: string): Record<string, string> {
  return env.GIT_CONFIG_VALUE_0 === from ? { GIT_CONFIG_VALUE_0: to } : {};
}

export async function sectionAt(path: string, offset: number): Promise<string> {
  return withObjectLayout(path, async (_file, layout) => {
    if (!layout) return "unknown format";
    const hit = layout.sections.find((s) => offset >= s.offset && offset < s.offset + s.size);
    if (hit) return hit.name;
    const first = Math.min(...layout.sections.filter((s) => s.size > 0).map((s) => s.offset));
    return offset < first ? "file headers" : "between sections";
  });
}

/**
 * How many builds run at once, and how many compile jobs (`-p`, and GOMAXPROCS) each gets, by
 * the target's place in the queue. The builds share the cores evenly, but for the last target
 * when it starts after the first round: the others end while it runs, their cores would stay
 * idle to its end, so it gets twice the share (up to every core). It may share a core briefly
 * with a build about to end.
 */
export function planConcurrency(parallel: "auto" | number, targets: number, cpus = availableParallelism()) {
  const builds = Math.max(1, Math.min(parallel === "auto" ? cpus : parallel, targets));
  const procs = Math.max(1, Math.floor(cpus / builds));
  const procsFor = (index: number) =>
    index === targets - 1 && index >= builds ? Math.min(cpus, procs * 2) : procs;
  return { builds, procs, procsFor };
}

/** Writes a file atomically (temp + rename). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
