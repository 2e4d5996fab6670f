import { lstat, readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "./errors.js";

/**
 * Regular files matching `patterns` (a glob in the last path element only, e.g.
 * "LICENSE*", "docs/README.md"), relative to `cwd`, sorted; a pattern matching nothing
 * is fine. Two matches with one base name would collide in an archive: refused.
 */
export async function matchFiles(cwd: string, patterns: readonly string[]): Promise<string[]> {
  const found = new Map<string, string>();
  for (const pattern of patterns) {
    const dir = join(cwd, dirname(pattern));
    const match = globToRegExp(basename(pattern));
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      if (!match.test(name)) continue;
      const path = join(dir, name);
      if (!(await lstat(path)).isFile()) continue;
      const other = found.get(name);
      if (other && other !== path)
        throw new UserError(`files: ${other} and ${path} would both be ${name} in the archives`);
      found.set(name, path);
    }
  }
  return [...found.values()].sort();
}

/** `gin-app-*` → a whole-name matcher; only `*` and `?` are special. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}
