import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const COMMIT_TIME = "2026-01-02T03:04:05Z";

/**
 * A fresh git checkout of a source directory (at the top, or in the subdirectory `into`): one
 * commit at a fixed time, tagged, with extra files (paths from the top) and dist/ ignored
 * (unless `ignoreDist: false`, as in a repo that never thought of it), so build-static stamps
 * it from git like a user's repo.
 */
export function gitCheckout(
  source: string,
  opts: { tag?: string; files?: Record<string, string>; into?: string; ignoreDist?: boolean } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), "goship-src-"));
  cpSync(source, join(dir, opts.into ?? "."), { recursive: true });
  for (const [name, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  if (opts.ignoreDist !== false) writeFileSync(join(dir, ".gitignore"), opts.into ? "dist/\n" : "/dist/\n");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      cwd: dir,
      env: { ...process.env, GIT_AUTHOR_DATE: COMMIT_TIME, GIT_COMMITTER_DATE: COMMIT_TIME },
    });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "source");
  if (opts.tag) git("tag", opts.tag);
  return dir;
}
