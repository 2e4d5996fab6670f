import { existsSync, realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { buildAnnotations, failureMessage, type TargetFailure } from "../../build/failures.js";
import {
  excludeFromGit,
  findWorkTree,
  type OutputDirState,
  outputDirState,
  readSourceInfo,
  rfc3339ToEpoch,
  type SourceInfo,
} from "../../build/gitinfo.js";
import {
  type BuildSpec,
  type BuiltBinary,
  GoBuildError,
  goBuild,
  planConcurrency,
  type Reproduction,
  removeBuild,
  reproduce,
  type Verification,
  verifyBinary,
  writeFileAtomic,
} from "../../build/gobuild.js";
import { composeLdflags } from "../../build/ldflags.js";
import { pathName, projectName } from "../../build/project.js";
import {
  checkVersionVariables,
  type ListedFiles,
  missingVersionVariablesMessage,
  type StampCheck,
} from "../../build/stamp.js";
import { ArtifactFragment, FRAGMENT_FILE, SCHEMA_VERSION, stableJson } from "../../contract/manifest.js";
import { SAFE_NAME } from "../../contract/names.js";
import {
  compareTargets,
  formatTarget,
  listPlatforms,
  parseTargetSpec,
  type Target,
} from "../../contract/targets.js";
import { cgoStubs, cgoStubsMessage, planCrossCompilers } from "../../go/cgo.js";
import { cgoCacheDir } from "../../go/cgo-cache.js";
import { linkCacheDir, linkCacheEntry, trimLinkCache } from "../../go/link-cache.js";
import { LIST_WITHOUT_VCS } from "../../go/list.js";
import { runnerTarget } from "../../go/runner-platform.js";
import { defineAction, setOutputs } from "../../kit/action.js";
import { errorMessage, inputError, UserError } from "../../kit/errors.js";
import { execFile } from "../../kit/exec.js";
import {
  annotateError,
  bytes,
  debug,
  group,
  info,
  isLocalMode,
  notice,
  seconds,
  warning,
} from "../../kit/log.js";
import { pool } from "../../kit/pool.js";
import { progress } from "../../kit/progress.js";
import { type Inputs, inputs, outputs } from "./schema.js";
import { type BuildReport, buildSummary } from "./summary.js";

interface Result {
  target: Target;
  built: BuiltBinary;
  verification: Verification;
  reproduction?: Reproduction;
}

/**
 * What goship puts in GOFLAGS for every go command it runs: the default, said out loud. A
 * GOFLAGS of the machine's (the environment, or `go env -w` in the go env file) would apply
 * to goship's builds too, and some of its flags change the binary (`-buildvcs=false` drops
 * the VCS information, `-ldflags`, `-tags`, `-gcflags` change the code): a non-empty value
 * here replaces it, so what a release holds follows from goship's inputs alone.
 */
export const PINNED_GOFLAGS = "-buildvcs=auto";

/** The go on PATH (setup-go-cross puts the installed one first) and what it says of itself. */
async function goToolchain(workDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: "local" };
  const { stdout } = await execFile(
    "go",
    ["env", "GOVERSION", "GOROOT", "GOFLAGS", "GOENV", "GOCACHE", "GOWORK"],
    {
      cwd: workDir,
      env,
      timeoutMs: 60_000,
    },
  ).catch((e) => {
    throw new UserError(`no usable go on PATH (${errorMessage(e).split("\n")[0]}); run setup-go-cross first`);
  });
  const [version = "", goroot = "", goflags = "", goenvFile = "", gocache = "", gowork = ""] =
    stdout.split("\n");
  if (goflags.trim() !== "" && goflags.trim() !== PINNED_GOFLAGS) {
    const from = process.env.GOFLAGS ? "the environment" : `the go env file ${goenvFile}`;
    warning(
      `GOFLAGS=${goflags.trim()} (from ${from}) is not used: flags there can change the binary's bytes, and ` +
        `goship builds with its own (GOFLAGS=${PINNED_GOFLAGS}; tags, ldflags and cgo come from its inputs)`,
    );
  }
  env.GOFLAGS = PINNED_GOFLAGS;
  if (!isAbsolute(gocache))
    throw new UserError(
      `go env GOCACHE is "${gocache}": go build needs a build cache (unset GOCACHE, or set a directory)`,
    );
  const goVersion = version.trim().replace(/^go/, "");
  // What decides a go list besides the sources and the environment, for the cgo check's cache:
  // the toolchain, the workspace, and go's configuration files (GOROOT/go.env, the go env file).
  const read = (file: string) =>
    isAbsolute(file) ? readFile(file, "utf8").catch(() => "") : Promise.resolve(""); // GOWORK may be "off"
  const [rootEnv, userEnv, work] = await Promise.all([
    read(join(goroot, "go.env")),
    read(goenvFile.trim()),
    read(gowork.trim()),
  ]);
  const toolchain = { goVersion, goroot, gowork: gowork.trim(), rootEnv, userEnv, work };
  return { goBin: join(goroot, "bin", "go"), goVersion, gocache, env, toolchain };
}

/**
 * `cmd/http` as a user means it: the directory under the working directory. Go reads a path
 * whose first element has no dot as a standard-library import path ("package cmd/http is not
 * in std"), so such a path that names a directory here becomes "./cmd/http".
 */
export function localPackage(pkg: string, workDir: string): string {
  if (pkg.startsWith(".") || pkg.startsWith("/") || (pkg.split("/")[0] as string).includes(".")) return pkg;
  const dir = join(workDir, pkg);
  return existsSync(dir) && statSync(dir).isDirectory() ? `./${pkg}` : pkg;
}

/** The main package's import path decides the default binary name, as `go build` does; its module, the project's (build/project.ts). */
async function mainPackage(goBin: string, workDir: string, pkg: string, env: NodeJS.ProcessEnv, i: Inputs) {
  // -find: the package alone, without loading its dependencies (a tenth of the time).
  // Its Go and cgo files too, for the version variables' check (build/stamp).
  const format =
    '{{.Name}}\t{{.ImportPath}}\t{{with .Module}}{{.Path}}\t{{.Dir}}{{else}}\t{{end}}\t{{.Dir}}\t{{join .GoFiles "\\t"}}\t{{join .CgoFiles "\\t"}}';
  const r = await execFile(goBin, ["list", LIST_WITHOUT_VCS, "-find", "-f", format, pkg], {
    cwd: workDir,
    env,
    timeoutMs: 300_000,
    allowFailure: true,
  });
  if (r.code !== 0 && /go\.mod file not found|cannot find main module/.test(r.stderr))
    throw inputError(
      "working-directory",
      i["working-directory"],
      "it is not inside a Go module (no go.mod there or above it); allowed: the directory that holds your go.mod, e.g. working-directory: server",
    );
  if (r.code !== 0 && /is not in std/.test(r.stderr))
    throw inputError(
      "package",
      pkg,
      `Go reads it as a standard-library import path, and no directory ${pkg} is in ${i["working-directory"]}; allowed: a directory of the module starting with ./ (./cmd/app) or a full import path`,
    );
  if (r.code !== 0)
    throw inputError(
      "package",
      pkg,
      `go list cannot load it: ${r.stderr.trim().split("\n").slice(-3).join("; ")}`,
    );
  const [name = "", importPath = "", modulePath = "", moduleDir = "", dir = "", ...files] = r.stdout
    .replace(/\n$/, "")
    .split("\t");
  if (name !== "main") throw inputError("package", pkg, `it is package ${name}, not a main package`);
  const listed: ListedFiles = { dir, files: files.filter(Boolean) };
  return { importPath, dir, defaultName: pathName(importPath), modulePath, moduleDir, listed };
}

/** The end of a failed build's output, where the linker says what it missed. */
function lastLines(message: string, n = 4): string {
  return message.trim().split("\n").slice(-n).join("; ");
}

/** A cgo build whose static link failed, with require-static on. */
function staticLinkFailed(message: string): string {
  return (
    `${message}\nThe static link failed (cgo on Linux links with -linkmode=external -extldflags=-static): ` +
    "a C library the program links has no static archive (lib*.a) for this target in the C toolchain. " +
    "Install its static form for the target, or set require-static: false to fall back to a dynamic binary"
  );
}

/** The summary's word on version stamping: which variables got which value, and which were skipped. */
function stampedLine(check: StampCheck, values: Record<"version" | "commit" | "date", string>): string {
  const set = (["version", "commit", "date"] as const).flatMap((k) =>
    check.stamped[k] ? [`\`${check.stamped[k]}\` = \`${values[k]}\``] : [],
  );
  const skipped =
    check.missing.length > 0
      ? `; not declared, so not stamped: ${check.missing.map((m) => `\`${m}\``).join(", ")}`
      : "";
  return `Stamped: ${set.length > 0 ? set.join(", ") : "nothing"}${skipped}`;
}

/** Up to ten names, for a message. */
function someOf(names: readonly string[]): string {
  return names.slice(0, 10).join(", ") + (names.length > 10 ? ", …" : "");
}

/**
 * The work tree must be clean (unless allow-dirty), and build output inside it must not make
 * it dirty: an untracked binary would, and Go would stamp vcs.modified=true into every later
 * build. An output directory git does not ignore goes into .git/info/exclude (local to this
 * clone, never committed), but only once the tree was found clean and only when the directory
 * holds no file of the user's, tracked or not: excluding it would hide those from the check.
 */
async function keepOutputOutOfGit(
  source: SourceInfo,
  output: OutputDirState | undefined,
  i: Inputs,
): Promise<void> {
  const outputInput = i["output-dir"] ?? join("dist", "bin");
  if (output && !output.ignored && (output.rel === "" || output.tracked.length > 0)) {
    throw inputError(
      "output-dir",
      outputInput,
      output.rel === ""
        ? "it is the top of the git work tree; allowed: a directory for build output only, e.g. dist/bin"
        : `it holds files git tracks (${someOf(output.tracked)}); allowed: a directory for build output only, e.g. dist/bin`,
    );
  }
  if (source.dirtyFiles.length > 0 && !i["allow-dirty"]) {
    throw new UserError(
      `the work tree has uncommitted changes (${someOf(source.dirtyFiles)}); a release must be built from a commit. Commit them, or set allow-dirty: true`,
    );
  }
  if (!output || output.ignored) return;
  if (output.untracked.length > 0) {
    // Only with allow-dirty: without it the check above listed them.
    notice(
      `${output.rel}/ holds files git does not ignore (${someOf(output.untracked)}); it is not added to git's exclude file, so the build counts as modified`,
    );
    return;
  }
  const file = await excludeFromGit(source, output.rel);
  if (file) {
    notice(
      `${output.rel}/ is not ignored by git; added it to ${file} so build output does not make the tree dirty. Add it to .gitignore to make this permanent.`,
    );
  }
}

export const buildStatic = defineAction({
  name: "build-static",
  description: "Build static, reproducible, verified Go binaries for one or many targets",
  inputs,
  outputs,

  async run(i: Inputs) {
    const workDir = resolve(i["working-directory"]);
    if (!existsSync(workDir) || !statSync(workDir).isDirectory()) {
      throw inputError("working-directory", i["working-directory"], "allowed: an existing directory");
    }
    const outputDir = resolve(workDir, i["output-dir"] ?? join("dist", "bin"));
    const pkg = localPackage(i.package, workDir);
    if (pkg !== i.package)
      info(`package: ${i.package} is the directory ${pkg} (Go would read it as a standard-library path)`);
    // Everything before the first build only reads, so it is asked at once: a warm build of
    // seven targets takes about three seconds, and these questions to go and git took a fifth
    // of that one after another. Each promise is awaited below in a fixed order, so that of
    // several problems the same one is reported first; an earlier refusal must not leave the
    // others unhandled, hence the catch(() => undefined) on each.
    const quiet = <T>(p: Promise<T>): Promise<T> => {
      p.catch(() => undefined);
      return p;
    };
    // go first, alone: its answer is the first log line when GOFLAGS is overridden (a go list
    // started beside it put that line off by 15-20 ms), and everything below starts from it.
    const { goBin, goVersion, gocache, env: goEnv, toolchain } = await goToolchain(workDir);
    const runner = runnerTarget();
    // In the order they are needed, as each spawn holds up the next by a few milliseconds: the
    // main package's listing is the longest, the cgo check waits for the platform list.
    const mainListing = quiet(mainPackage(goBin, workDir, pkg, goEnv, i));
    const targetsReading = quiet(
      listPlatforms(goBin, goEnv).then((platforms) =>
        parseTargetSpec(i.targets ?? `${runner.goos}/${runner.goarch}`, platforms),
      ),
    );
    // Version, commit, date: from git, never the clock; the inputs override.
    const treeReading = i.version && i.commit && i.date ? undefined : quiet(findWorkTree(workDir));
    const sourceReading = treeReading && quiet(readSourceInfo(workDir, treeReading));
    // How git sees output-dir: it must stay out of the tree's status (keepOutputOutOfGit).
    const outputReading =
      treeReading && quiet(treeReading.then((t) => ("none" in t ? undefined : outputDirState(t, outputDir))));
    const linkDir = linkCacheDir(gocache);
    // -X on a variable nobody declares is ignored by the linker: said once, before building.
    const stampChecking = quiet(
      mainListing.then((m) =>
        checkVersionVariables(goBin, workDir, pkg, i["version-variables"], goEnv, m.listed),
      ),
    );
    // A binary that links a cgo package's stub must not ship unasked.
    const cgoChecking = i.cgo
      ? undefined
      : quiet(
          targetsReading.then((targets) =>
            cgoStubs(goBin, workDir, pkg, targets, i.tags, goEnv, { dir: cgoCacheDir(gocache), toolchain }),
          ),
        );
    const main = await mainListing;
    const targets = await targetsReading;
    const source: SourceInfo | undefined = await sourceReading;
    if (cgoChecking) {
      const found = await cgoChecking;
      for (const s of found.filter((f) => f.fallback))
        info(`${s.importPath} is built without its cgo code for ${s.targets.join(", ")}: ${s.fallback}`);
      const stubs = found.filter((f) => !f.fallback);
      if (stubs.length > 0 && !i["allow-cgo-stubs"]) throw new UserError(cgoStubsMessage(stubs));
      for (const s of stubs)
        warning(
          `${s.importPath} is built without its cgo code for ${s.targets.join(", ")} (allow-cgo-stubs: true): it may fail at run time`,
        );
    }
    // The first write (git's exclude file), once every check above has passed.
    if (source) await keepOutputOutOfGit(source, await outputReading, i);
    const version = i.version ?? (source?.version as string);
    const commit = i.commit ?? (source?.commit as string);
    const date = i.date ?? (source?.date as string);
    // The schema let only dates through that name one instant.
    const sourceDateEpoch = i.date ? (rfc3339ToEpoch(i.date) as number) : (source?.sourceDateEpoch as number);
    if (!SAFE_NAME.test(version)) {
      throw inputError(
        "version",
        version,
        "git gave a version ID that is not a safe name; set version explicitly",
      );
    }

    const env: NodeJS.ProcessEnv = {
      ...goEnv,
      ...(source?.gitEnv ?? {}),
      // C compilers honour it for __DATE__/__TIME__, so cgo builds stay reproducible too.
      SOURCE_DATE_EPOCH: String(sourceDateEpoch),
    };
    const binaryName = i["binary-name"] ?? main.defaultName;
    // Both real paths: git gives the work tree's top directory resolved.
    const moduleDir = main.moduleDir ? realpathSync(main.moduleDir) : "";
    const project = projectName({
      modulePath: main.modulePath,
      moduleDir,
      repoRoot: source?.root,
      binaryName,
    });
    const stamp = { version, commit, date };
    const stampCheck = await stampChecking;
    if (stampCheck.missing.length > 0)
      warning(missingVersionVariablesMessage(stampCheck, "version-variables"));
    const ldflags = composeLdflags(stampCheck.stamped, stamp, i.ldflags);
    // cgo on Linux: the C linker links the whole program statically, against the target's libc.a.
    const staticLdflags = composeLdflags(stampCheck.stamped, stamp, i.ldflags, { staticCgo: true });
    const linksStatically = (t: Target) => i.cgo && t.goos === "linux";
    const cc = i.cgo ? planCrossCompilers(targets, runner.goarch) : undefined;
    if (cc && cc.unsupported.length > 0 && !process.env.CC) {
      throw new UserError(
        `cgo: no C compiler for ${cc.unsupported.map((u) => `${formatTarget(u.target)} (${u.reason})`).join("; ")}`,
      );
    }
    const { builds, procs, procsFor } = planConcurrency(i.parallel, targets.length);
    const lastProcs = procsFor(targets.length - 1);
    info(
      `Building ${main.importPath} as ${binaryName}${project === binaryName ? "" : ` (project ${project})`} ${version} (${commit.slice(0, 12)}, ${date}) with Go ${goVersion}`,
    );
    info(
      `${targets.length} target(s), ${builds} at a time, -p=${procs}${lastProcs === procs ? "" : ` (the last, -p=${lastProcs})`}; -ldflags="${targets.some(linksStatically) ? staticLdflags : ldflags}"`,
    );

    /** How one target is built; `dynamic` drops the static cgo link (require-static: false's fallback). */
    const specFor = (target: Target, dynamic = false, jobs = procs): BuildSpec => ({
      goBin,
      workDir,
      pkg,
      binaryName,
      target,
      outputDir,
      ldflags: linksStatically(target) && !dynamic ? staticLdflags : ldflags,
      tags: i.tags,
      cgo: i.cgo,
      cc:
        process.env.CC ||
        cc?.compilers.find((c) => formatTarget(c.target) === formatTarget(target))?.compiler.cc,
      env,
      procs: jobs,
      linkDir,
    });

    const failures: TargetFailure[] = [];
    const fail = (name: string, message: string, e?: unknown) => {
      failures.push({ target: name, message, diagnostics: e instanceof GoBuildError ? e.diagnostics : [] });
      info(`✗ ${name}: ${message.split("\n")[0]}`);
      if (e instanceof GoBuildError) debug(`${name}: ${e.command} ${e.outcome}`);
    };
    /** Everything after `go build`: reading the binary, and the reproducibility gate. */
    const check = async (
      target: Target,
      built: BuiltBinary,
      spec: BuildSpec,
    ): Promise<Result | undefined> => {
      const name = formatTarget(target);
      try {
        const verification = await verifyBinary(built.path, {
          target,
          cgo: i.cgo,
          goVersion,
          allowDirty: i["allow-dirty"],
          requireStatic: i["require-static"],
        });
        for (const w of verification.warnings) warning(`${name}: ${w}`);
        if (verification.problems.length > 0) {
          fail(name, verification.problems.join("; "));
          return undefined;
        }
        let reproduction: Reproduction | undefined;
        if (i["reproducible-check"]) {
          const rebuilt = progress.start(`${name}: the reproducibility check's second build`);
          reproduction = await reproduce(spec, source?.root ?? workDir, built.path)
            .catch((e) => {
              if (!(e instanceof GoBuildError)) throw e;
              fail(name, `the reproducibility check's second build failed: ${e.message}`, e);
              return undefined;
            })
            .finally(rebuilt);
          if (!reproduction) return undefined;
          if (!reproduction.identical) {
            const d = reproduction.difference;
            fail(
              name,
              `not reproducible: a second build from a copy at another path with an empty GOCACHE differs, first at byte ${d?.offset} in ${d?.section} (sha256 ${verification.sha256} vs ${reproduction.sha256})`,
            );
            return undefined;
          }
        }
        info(
          `✓ ${name}  ${bytes(verification.size)}  sha256:${verification.sha256.slice(0, 16)}  ${verification.info.static === undefined ? "" : verification.info.static ? "static  " : "dynamic  "}${seconds(built.durationMs)}${reproduction ? "  reproducible" : ""}`,
        );
        return { target, built, verification, reproduction };
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        fail(name, e.message);
        return undefined;
      }
    };
    const started = performance.now();
    let wallMs: number | undefined;
    let verified: Result[] = [];
    const uploaded: string[] = [];
    const report = (error?: string): BuildReport => ({
      binaryName,
      version,
      commit,
      date,
      goVersion,
      targets: targets.map(formatTarget),
      built: verified.map((r) => ({
        target: formatTarget(r.target),
        size: r.verification.size,
        sha256: r.verification.sha256,
        static: r.verification.info.static,
        buildMs: r.built.durationMs,
        verifyMs: r.verification.durationMs,
      })),
      failures,
      ...(error === undefined ? {} : { error }),
      wallMs: wallMs ?? performance.now() - started,
      reproducibleCheck: i["reproducible-check"],
      uploaded,
      stamped: stampedLine(stampCheck, stamp),
    });
    try {
      const results = await group(`Build ${targets.length} target(s)`, async () => {
        const checks: Promise<Result | undefined>[] = [];
        try {
          await pool(targets, builds, async (target, index) => {
            const name = formatTarget(target);
            const log = (line: string) => info(`  ${name}: ${line}`);
            let spec = specFor(target, false, procsFor(index));
            let built: BuiltBinary;
            const done = progress.start(name, { index, total: targets.length });
            try {
              built = await goBuild(spec, log);
            } catch (e) {
              if (!(e instanceof UserError)) throw e;
              if (!linksStatically(target)) {
                fail(name, e.message, e);
                return;
              }
              if (i["require-static"]) {
                fail(name, staticLinkFailed(e.message), e);
                return;
              }
              warning(
                `${name}: the static link failed, so this is a dynamic binary (require-static: false): ${lastLines(e.message)}`,
              );
              spec = specFor(target, true, spec.procs);
              try {
                built = await goBuild(spec, log);
              } catch (again) {
                if (!(again instanceof UserError)) throw again;
                fail(name, again.message, again);
                return;
              }
            } finally {
              done();
            }
            const checked = check(target, built, spec);
            checks.push(checked);
            checked.catch(() => undefined); // a bug surfaces through Promise.all below, not as an unhandled rejection
            // Reading a binary overlaps the next build; a rebuild for the gate takes a build slot.
            if (i["reproducible-check"]) await checked;
          });
        } finally {
          // Every started check ends before anything is reported or cleaned up.
          await Promise.allSettled(checks);
        }
        return Promise.all(checks);
      });
      wallMs = performance.now() - started;
      verified = results.filter((r) => r !== undefined).sort((a, b) => compareTargets(a.target, b.target));
      if (failures.length > 0) {
        // In the targets' order, not the order the builds happened to end in.
        const order = targets.map(formatTarget);
        failures.sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target));
        // One annotation per compile error at its file and line, not one per target.
        const repoRoot = source?.root ?? process.env.GITHUB_WORKSPACE;
        for (const a of buildAnnotations(failures, realpathSync(workDir), repoRoot))
          annotateError(a.message, a);
        throw new UserError(failureMessage(failures, targets.length));
      }
      const done = verified;

      // One manifest fragment per target, next to its binary.
      const artifacts = [];
      for (const r of done) {
        const fragment = ArtifactFragment.parse({
          schemaVersion: SCHEMA_VERSION,
          kind: "goship.fragment",
          project,
          version,
          commit,
          sourceDateEpoch,
          date,
          target: {
            goos: r.target.goos,
            goarch: r.target.goarch,
            ...(r.target.variant ? { variant: r.target.variant } : {}),
          },
          binary: {
            name: r.built.name,
            sha256: r.verification.sha256,
            size: r.verification.size,
            mode: 0o755,
            static: r.verification.info.static ?? null,
            goVersion: r.verification.build.goVersion,
            buildSettings: r.verification.build.settings,
          },
        });
        await writeFileAtomic(join(dirname(r.built.path), FRAGMENT_FILE), stableJson(fragment));
        artifacts.push({
          goos: r.target.goos,
          goarch: r.target.goarch,
          ...(r.target.variant ? { variant: r.target.variant } : {}),
          path: r.built.path,
          name: r.built.name,
          sha256: r.verification.sha256,
          size: r.verification.size,
          static: fragment.binary.static,
          goVersion: fragment.binary.goVersion,
          buildSettings: Object.fromEntries(fragment.binary.buildSettings.map((s) => [s.key, s.value])),
        });
      }

      const upload = i.upload ?? (process.env.GITHUB_ACTIONS === "true" && !isLocalMode());
      if (upload) {
        await group("Upload artifacts", async () => {
          for (const r of done) {
            const name = `${i["artifact-prefix"] ?? project}-${[r.target.goos, r.target.goarch, r.target.variant].filter(Boolean).join("-")}`;
            // Loaded only when uploading: the artifact client is most of the bundle's start-up time.
            const { uploadTargetArtifact } = await import("../../github/artifacts.js");
            await uploadTargetArtifact(name, dirname(r.built.path), [r.built.name, FRAGMENT_FILE]);
            uploaded.push(name);
            info(`Uploaded ${name}`);
          }
        });
      }

      setOutputs(buildStatic, {
        artifacts: JSON.stringify(artifacts),
        "manifest-dir": outputDir,
        version,
        project,
      });

      await buildSummary(report()).write();
      // Link outputs of output directories unused for five days go, as Go trims GOCACHE.
      await trimLinkCache(linkDir, linkCacheEntry(linkDir, outputDir), Date.now()).catch((e) =>
        warning(`could not trim the link cache ${linkDir}: ${errorMessage(e)}`),
      );
    } catch (e) {
      // Whatever failed once `go build` started (a build, a check, the reproducibility gate, a
      // bug), no binary of this run stays in output-dir: nothing unverified can be picked up.
      await Promise.all(targets.map((t) => removeBuild(specFor(t))));
      // Status first on failure too: which targets failed and why (a failure of one target is
      // in `failures`; anything else is the step's own).
      const error =
        failures.length > 0
          ? undefined
          : e instanceof UserError
            ? e.message
            : `internal error (a bug in goship, please report it): ${errorMessage(e)}`;
      await buildSummary(report(error))
        .write()
        .catch((w) => warning(`could not write the job summary: ${errorMessage(w)}`));
      throw e;
    }
  },
});
