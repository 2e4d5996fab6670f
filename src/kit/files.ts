import { lstat, readdir, realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { inputError, UserError } from "./errors.js";
import { warning } from "./log.js";

/**
 * Regular files matching `patterns` (a glob in the last path element only, e.g.
 * "LICENSE*", "docs/README.md"), relative to `cwd`, sorted; a pattern matching nothing
 * is fine. Every directory component is resolved: one that leads outside `cwd` (a symbolic
 * link to /etc, say) is refused, and the paths returned are the resolved ones, so what was
 * checked is what is read; a match that is itself a link is not packed (with a warning). Two
 * matches with one base name would collide in an archive: refused. `input` names the input
 * the patterns came from, for errors.
 */
export async function matchFiles(
  cwd: string,
  patterns: readonly string[],
  input = "files",
): Promise<string[]> {
  const root = await realpath(cwd);
  const found = new Map<string, string>();
  for (const pattern of patterns) {
    const dir = join(cwd, dirname(pattern));
    const real = await realpath(dir).catch(() => undefined);
    if (real === undefined) continue; // no such directory: nothing matches
    if (!isWithin(root, real))
      throw inputError(
        input,
        pattern,
        `files inside the working directory; ${dirname(pattern)} leads to ${real} (through a symbolic link), outside ${root}`,
      );
    // A file's name, not its directory, is matched whatever its case: README* finds readme.md,
    // as teams name these files either way.
    const match = globToRegExp(basename(pattern), { ignoreCase: true });
    const names = await readdir(real).catch(() => [] as string[]);
    for (const name of names.sort()) {
      if (!match.test(name)) continue;
      const path = join(real, name);
      const st = await lstat(path);
      if (st.isSymbolicLink())
        warning(`${input}: ${join(dirname(pattern), name)} is a symbolic link; links are not packed`);
      if (!st.isFile()) continue;
      const other = found.get(name);
      if (other && other !== path)
        throw new UserError(`${input}: ${other} and ${path} would both be ${name} in the archives`);
      found.set(name, path);
    }
  }
  return [...found.values()].sort();
}

/** True when `inner` is `outer` or lies below it (both absolute and resolved). */
export function isWithin(outer: string, inner: string): boolean {
  const r = relative(outer, inner);
  return r === "" || (r !== ".." && !r.startsWith(`..${sep}`) && !isAbsolute(r));
}

/** `gin-app-*` → a whole-name matcher; only `*` and `?` are special. */
export function globToRegExp(glob: string, opts: { ignoreCase?: boolean } = {}): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, opts.ignoreCase ? "i" : "");
}
