import { realpath } from "node:fs/promises";
import { versionFromRef } from "../contract/manifest.js";
import { UserError } from "../kit/errors.js";
import { execFile } from "../kit/exec.js";
import { warning } from "../kit/log.js";

/**
 * Version, commit and date of the source, from git and never from the clock, so that two
 * builds of one commit are byte-identical.
 */
export interface SourceInfo {
  /** Top of the work tree. */
  root: string;
  /** "1.4.0" for tag v1.4.0 on HEAD; else `git describe --tags --always --dirty` ("1.4.0-3-gabc1234", "abc1234"). */
  version: string;
  commit: string;
  /** The commit time (or SOURCE_DATE_EPOCH), RFC 3339 UTC. */
  date: string;
  sourceDateEpoch: number;
  /** What `git status --porcelain` lists, as Go's vcs.modified sees it. */
  dirtyFiles: string[];
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

export async function readSourceInfo(dir: string): Promise<SourceInfo> {
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
  if (top.code !== 0) {
    throw new UserError(
      `${dir} is not in a git checkout (${top.stderr.trim()}); version, commit and date come from git: check out the repository (with fetch-depth: 0 for tags) or set the version, commit and date inputs`,
    );
  }
  const root = await realpath(top.stdout.trim());
  const run = async (args: string[]) => (await git(root, args, gitEnv)).stdout.trim();

  const commit = await run(["rev-parse", "HEAD"]);
  // Not trimmed: each porcelain line starts with a two-column status that may be a space.
  const status = (await git(root, ["status", "--porcelain"], gitEnv)).stdout;
  const dirtyFiles = status
    .split("\n")
    .filter((l) => l.length > 3)
    .map((l) => l.slice(3));
  const exact = await git(root, ["describe", "--tags", "--exact-match", "HEAD"], gitEnv, true);
  // A tag with uncommitted changes on top is not that release.
  const described =
    exact.code === 0
      ? `${exact.stdout.trim()}${dirtyFiles.length > 0 ? "-dirty" : ""}`
      : await run(["describe", "--tags", "--always", "--dirty"]);
  const epochEnv = process.env.SOURCE_DATE_EPOCH;
  let sourceDateEpoch: number;
  if (epochEnv !== undefined && epochEnv !== "") {
    if (!/^\d+$/.test(epochEnv))
      throw new UserError(
        `SOURCE_DATE_EPOCH is ${JSON.stringify(epochEnv)}; it must be a Unix time in seconds`,
      );
    sourceDateEpoch = Number(epochEnv);
  } else {
    sourceDateEpoch = Number(await run(["show", "-s", "--format=%ct", "HEAD"]));
  }
  return {
    root,
    version: versionFromRef(described),
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

/** Whether git ignores a path (so build output there does not make the tree dirty). */
export async function isIgnored(
  root: string,
  path: string,
  gitEnv: Record<string, string>,
): Promise<boolean> {
  const r = await git(root, ["check-ignore", "-q", "--no-index", path], gitEnv, true);
  return r.code === 0;
}
