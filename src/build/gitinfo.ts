import { appendFile, mkdir, readFile, realpath } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { versionFromRef } from "../contract/manifest.js";
import { UserError } from "../kit/errors.js";
import { execFile } from "../kit/exec.js";
import { warning } from "../kit/log.js";

/**
 * Version, commit and date of the source, from git and never from the clock, so that two
 * builds of one commit are byte-identical.
 */
export interface SourceInfo extends WorkTree {
  /**
   * "1.4.0" for tag v1.4.0 on HEAD; else what `git describe --tags --always` says ("1.4.0-3-gabc1234",
   * "abc1234"); "-dirty" after either when `git status` lists a change (untracked files too).
   */
  version: string;
  commit: string;
  /** The commit time (or SOURCE_DATE_EPOCH), RFC 3339 UTC. */
  date: string;
  sourceDateEpoch: number;
  /** What `git status --porcelain` lists, as Go's vcs.modified sees it. */
  dirtyFiles: string[];
}

/** A git work tree, and how to run git in it. */
export interface WorkTree {
  /** Top of the work tree. */
  root: string;
  /**
   * Environment that lets git (ours and the one `go build` runs for VCS stamping) read a
   * checkout owned by another user, as in containers; empty when not needed. It names
   * this one directory, never "*".
   */
  gitEnv: Record<string, string>;
}

const DUBIOUS = /detected dubious ownership in repository at '([^']+)'/;

async function git(dir: string, args: string[], env: Record<string, string>, allowFailure = false) {
  return execFile("git", args, {
    cwd: dir,
    env: { ...process.env, ...env, LC_ALL: "C" },
    timeoutMs: 60_000,
    allowFailure,
  });
}

/**
 * The git work tree `dir` is in, or why there is none (git's own words). A checkout owned by
 * another user is trusted for this one directory, with a warning that says how to make it
 * permanent.
 */
export async function findWorkTree(dir: string): Promise<WorkTree | { none: string }> {
  let gitEnv: Record<string, string> = {};
  let top = await git(dir, ["rev-parse", "--show-toplevel"], gitEnv, true);
  const dubious = DUBIOUS.exec(top.stderr);
  if (top.code !== 0 && dubious) {
    const path = dubious[1] as string;
    warning(
      `git refuses ${path}: it is owned by another user (usual in containers). goship trusts this one directory for its own git calls and for go build's VCS stamping; to silence this, run: git config --global --add safe.directory ${path}`,
    );
    gitEnv = { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "safe.directory", GIT_CONFIG_VALUE_0: path };
    top = await git(dir, ["rev-parse", "--show-toplevel"], gitEnv, true);
  }
  if (top.code !== 0) return { none: top.stderr.trim() };
  return { root: await realpath(top.stdout.trim()), gitEnv };
}

/**
 * `tree` is findWorkTree(dir), when the caller asks it already (build-static asks for the
 * output directory's state as soon as the top is known).
 */
export async function readSourceInfo(
  dir: string,
  tree: Promise<WorkTree | { none: string }> = findWorkTree(dir),
): Promise<SourceInfo> {
  // Independent questions, asked at once and together with the top of the work tree (git finds
  // that itself from `dir`; git status --porcelain gives paths from the top wherever it runs), as
  // few as answer them: each git is mostly its own start-up, and these run beside go's own
  // questions before the first build.
  const ask = (cwd: string, env: Record<string, string>) =>
    Promise.all([
      // The commit and its time in one; a signature (log.showSignature) would add lines.
      git(cwd, ["-c", "log.showSignature=false", "show", "-s", "--format=%H%n%ct", "HEAD"], env, true),
      // Not trimmed: each porcelain line starts with a two-column status that may be a space.
      git(cwd, ["status", "--porcelain"], env, true),
      // The tag itself when one is on HEAD, else <tag>-<n>-g<abbrev>, else the abbreviated commit.
      git(cwd, ["describe", "--tags", "--always", "HEAD"], env, true),
    ]);
  const asked = ask(dir, {});
  asked.catch(() => undefined); // not in a work tree: the top's answer says why
  const found = await tree;
  if ("none" in found) {
    throw new UserError(
      `${dir} is not in a git checkout (${found.none}); version, commit and date come from git: check out the repository (with fetch-depth: 0 for tags) or set the version, commit and date inputs`,
    );
  }
  const { root, gitEnv } = found;
  // Another user's checkout: git answered nothing without the exception for it.
  const [head, listed, described] = Object.keys(gitEnv).length > 0 ? await ask(root, gitEnv) : await asked;
  const epochEnv = process.env.SOURCE_DATE_EPOCH;
  const fromEnv = epochEnv !== undefined && epochEnv !== "";
  const [commit = "", commitTime = ""] = head.stdout.trim().split("\n");
  if (head.code !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) {
    throw new UserError(
      `${root} has no commit to build (git show HEAD: ${head.stderr.trim().split("\n")[0] ?? ""}); commit the sources first, or set the version, commit and date inputs`,
    );
  }
  for (const [what, r] of [
    ["git status", listed],
    ["git describe", described],
  ] as const)
    if (r.code !== 0) throw new UserError(`${what} failed in ${root}: ${r.stderr.trim()}`);
  const dirtyFiles = listed.stdout
    .split("\n")
    .filter((l) => l.length > 3)
    .map((l) => l.slice(3));
  // A tag with changes on top is not that release. Dirty as Go's vcs.modified counts it: any
  // change git status lists, untracked files too (git describe --dirty leaves those out).
  const version = `${described.stdout.trim()}${dirtyFiles.length > 0 ? "-dirty" : ""}`;
  let sourceDateEpoch: number;
  if (fromEnv) {
    if (!/^\d+$/.test(epochEnv) || Number(epochEnv) > MAX_EPOCH)
      throw new UserError(
        `SOURCE_DATE_EPOCH is ${JSON.stringify(epochEnv)}; it must be a Unix time in seconds, at most ${MAX_EPOCH} (${epochToRfc3339(MAX_EPOCH)})`,
      );
    sourceDateEpoch = Number(epochEnv);
  } else {
    sourceDateEpoch = Number(commitTime);
  }
  return {
    root,
    version: versionFromRef(version),
    commit,
    date: epochToRfc3339(sourceDateEpoch),
    sourceDateEpoch,
    dirtyFiles,
    gitEnv,
  };
}

export function epochToRfc3339(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** 9999-12-31T23:59:59Z: the last time RFC 3339 writes with its four-digit year. */
const MAX_EPOCH = 253_402_300_799;

/**
 * "2026-11-21T16:00:00Z" → Unix seconds; undefined unless it is a real date and time in UTC
 * from 1970 on, written exactly as epochToRfc3339 writes it back. A pattern alone lets
 * 2026-13-45T99:99:99Z through; Date.parse rolls 24:00:00 over to the next day; a leap second
 * or 2026-02-30 has no Unix time of its own. The date and the epoch stamped into a release
 * must name one instant.
 */
export function rfc3339ToEpoch(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return epochToRfc3339(ms / 1000) === text ? ms / 1000 : undefined;
}

/**
 * What git sees of a build output directory inside the work tree: ignored already
 * (.gitignore, info/exclude, core.excludesFile), or not, with what it holds then.
 */
export type OutputDirState =
  | {
      /** Relative to the top of the work tree, "/"-separated ("" for the top itself). */
      rel: string;
      ignored: true;
    }
  | {
      rel: string;
      ignored: false;
      /** Files under it that git tracks. */
      tracked: string[];
      /** Files under it that git neither tracks nor ignores. */
      untracked: string[];
    };

/**
 * How git sees `dir`, or undefined when it is outside the work tree (nothing to keep out of
 * git then). Build output inside the tree must be ignored by git: an untracked binary makes
 * the tree dirty, and Go would stamp vcs.modified=true into every later build.
 */
export async function outputDirState(source: WorkTree, dir: string): Promise<OutputDirState | undefined> {
  const rel = relative(source.root, dir);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  const slashed = rel.split(sep).join("/");
  // Paths, not patterns: a directory named "out[1]" must not match "out1".
  const literal = { ...source.gitEnv, GIT_LITERAL_PATHSPECS: "1" };
  // Usually ignored (dist/ in .gitignore, or the exclude line an earlier run added): then what
  // it holds does not matter, and one git answers.
  if (slashed !== "" && (await isIgnoredDir(source, slashed))) return { rel: slashed, ignored: true };
  // Both lists in one listing: -t tags each path, "H " tracked and "? " neither tracked nor ignored.
  const listed = (
    await git(
      source.root,
      ["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--", slashed || "."],
      literal,
    )
  ).stdout
    .split("\0")
    .filter(Boolean);
  return {
    rel: slashed,
    ignored: false,
    tracked: listed.filter((l) => !l.startsWith("? ")).map((l) => l.slice(2)),
    untracked: listed.filter((l) => l.startsWith("? ")).map((l) => l.slice(2)),
  };
}

async function isIgnoredDir(source: WorkTree, rel: string): Promise<boolean> {
  // The trailing "/" says it is a directory, also before it exists. check-ignore takes paths
  // (no pathspec magic): "out[1]" is that name.
  const r = await git(source.root, ["check-ignore", "-q", "--no-index", `${rel}/`], source.gitEnv, true);
  if (r.code > 1) throw new UserError(`git check-ignore ${rel}/ failed: ${r.stderr.trim()}`);
  return r.code === 0;
}

/**
 * The gitignore line that matches the directory `rel` of the work tree and nothing else:
 * anchored at the top by a leading "/", a directory by the trailing "/", and every character
 * with a meaning in a pattern (* ? [ ] ! # \ and a space that ends a name) escaped.
 */
export function gitignoreLine(rel: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a line break would end the pattern early
  if (rel === "" || /[\u0000-\u001f\u007f]/.test(rel))
    throw new Error(`no gitignore line for ${JSON.stringify(rel)}`);
  const escaped = rel
    .split("/")
    .map((name) =>
      name.replace(/[*?[\]!#\\]/g, "\\$&").replace(/ +$/, (spaces) => "\\ ".repeat(spaces.length)),
    )
    .join("/");
  return `/${escaped}/`;
}

/**
 * Adds the directory `rel` to this clone's info/exclude (never committed) unless the file
 * has that line already, so that output goship writes there does not make the tree dirty.
 * `writer` (the action) names the line's comment. Returns the exclude file, relative to the
 * top, when a line was added.
 */
export async function excludeFromGit(
  source: WorkTree,
  rel: string,
  writer = "build-static",
): Promise<string | undefined> {
  const line = gitignoreLine(rel);
  const { stdout } = await git(source.root, ["rev-parse", "--git-path", "info/exclude"], source.gitEnv);
  const file = resolve(source.root, stdout.trim());
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return "";
    throw e;
  });
  if (text.split("\n").some((l) => l.replace(/\r$/, "") === line)) return undefined;
  await mkdir(dirname(file), { recursive: true });
  const gap = text === "" || text.endsWith("\n") ? "" : "\n";
  await appendFile(file, `${gap}# ${writer} output (goship)\n${line}\n`);
  return relative(source.root, file);
}

/**
 * Keeps a directory that an action replaces whole with its own output (package-release's
 * release directory) out of git: when it is inside a work tree, not ignored, and holds no
 * file git tracks, it goes into info/exclude, once. `workDir` is where the action runs. Returns what to tell the user, if
 * anything. Outside a git checkout there is nothing to do.
 */
export async function excludeOwnOutput(
  workDir: string,
  dir: string,
  writer: string,
): Promise<string | undefined> {
  const tree = await findWorkTree(workDir);
  if ("none" in tree) return undefined;
  const state = await outputDirState(tree, dir);
  if (!state || state.ignored || state.rel === "") return undefined;
  if (state.tracked.length > 0)
    return `${state.rel}/ holds files git tracks (${state.tracked.slice(0, 5).join(", ")}): ${writer} replaces them, and git will list the change`;
  const file = await excludeFromGit(tree, state.rel, writer);
  return file
    ? `${state.rel}/ is not ignored by git; added it to ${file} so ${writer}'s output does not make the tree dirty (and the next build-static refuse it). Add it to .gitignore to make this permanent.`
    : undefined;
}
