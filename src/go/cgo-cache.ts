import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { z } from "zod";
import { pool } from "../kit/pool.js";
import { markUsed, trimLinkCache } from "./link-cache.js";

/**
 * build-static's cgo check (cgoStubs) lists a target set's packages with `go list -deps` per
 * GOOS: on a warm build cache, more time than a build. Its answer follows from the toolchain,
 * go's configuration and the source files it read, so it is kept beside GOCACHE (a sibling
 * named goship-cgo, as the link cache is goship-link), never in the output directory, and used
 * again only when all of those are what they were:
 *
 * - the entry's name is a digest of the toolchain (go version, GOROOT, GOWORK, the go env
 *   file), the go binary, the directory, the package, the tags, GOOS/GOARCH and every GO* and
 *   CGO_* variable of the listing's environment but goship's own and Google Cloud's;
 * - the entry holds the directories the listing read and a digest of their state (SourceState):
 *   every name in them (a file added or removed), each .go/.swig/.swigcxx file's identity (an
 *   import, a build constraint or `import "C"` changed means a write), the names in each
 *   directory between a package and its module's root (a go.mod that moves the module
 *   boundary), and the modules' go.mod, go.sum and vendor/modules.txt (present or not). Any
 *   difference is a miss, and go lists again.
 *
 * A listing with errors (a module not downloaded yet) is not kept, nor one whose files changed
 * while it ran (modified since the listing started): its answer may not be the files' answer.
 */
export function cgoCacheDir(gocache: string): string {
  return join(dirname(gocache), "goship-cgo");
}

/** One package as a listing saw it: the directory it read, and its module's go.mod. */
export interface ListedSource {
  dir: string;
  goMod: string;
}

const Entry = z.object({
  version: z.literal(2),
  dirs: z.array(z.string()),
  moduleCacheDirs: z.array(z.string()),
  moduleFiles: z.array(z.string()),
  digest: z.string(),
  found: z.array(z.string()),
});
type EntryT = z.infer<typeof Entry>;

const SOURCE_FILE = /\.(go|swig|swigcxx)$/;

/** The entry's directory for one listing's key material (any JSON-able value). */
export function cgoCacheEntry(cacheDir: string, key: unknown): string {
  return join(cacheDir, createHash("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 32));
}

/**
 * Variables that start like Go's but that go never reads, and that change from run to run:
 * goship's own (GOSHIP_*), and Google Cloud's (GOOGLE_APPLICATION_CREDENTIALS names a new file
 * on every run that google-github-actions/auth makes). In the key, each would make every run a miss.
 */
const NOT_GO = /^(GOSHIP_|GOOGLE_)/;

/** The GO* and CGO_* variables of an environment, sorted: what go reads of it. */
export function goVariables(env: NodeJS.ProcessEnv): [string, string][] {
  return Object.entries(env)
    .filter((e): e is [string, string] => /^(GO|CGO_)/.test(e[0]) && !NOT_GO.test(e[0]) && e[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The module cache that holds a module whose go.mod go reports as
 * <GOMODCACHE>/cache/download/<module>/@v/<version>.mod, or undefined for a module elsewhere
 * (the main module, a workspace module, a replace directive's directory, vendor/).
 */
function moduleCacheOf(goMod: string): string | undefined {
  const at = goMod.lastIndexOf(`${sep}cache${sep}download${sep}`);
  if (at <= 0 || !goMod.includes(`${sep}@v${sep}`) || !goMod.endsWith(".mod")) return undefined;
  return goMod.slice(0, at);
}

export interface WatchedPaths {
  /** Read whole: their names and each source file's identity. */
  dirs: string[];
  /**
   * Package directories in the module cache (<GOMODCACHE>/<module>@<version>/…): go extracts a
   * module version there once, read-only, and never changes it (go mod verify checks that it
   * still matches go.sum). Which versions a build uses follows from the watched go.mod and
   * go.sum files, so only that each directory is still the one extracted is checked (its own
   * identity), not each of its files: a tenth of the reads on a warm run.
   */
  moduleCacheDirs: string[];
  moduleFiles: string[];
}

/** The directories and module files to watch for a listing's sources. */
export function watchedPaths(sources: readonly ListedSource[]): WatchedPaths {
  const dirs = new Set<string>();
  const moduleCacheDirs = new Set<string>();
  const moduleFiles = new Set<string>();
  for (const { dir, goMod } of sources) {
    const cache = goMod ? moduleCacheOf(goMod) : undefined;
    if (dir && cache && dir.startsWith(`${cache}${sep}`) && dir.includes("@")) {
      moduleCacheDirs.add(dir);
      moduleFiles.add(goMod);
      continue;
    }
    if (dir) dirs.add(dir);
    if (!goMod) continue;
    const root = dirname(goMod);
    moduleFiles.add(goMod);
    moduleFiles.add(join(root, "go.sum"));
    moduleFiles.add(join(root, "vendor", "modules.txt"));
    // The directories between the package and its module's root: a go.mod there moves it to another module.
    const rel = dir ? relative(root, dir) : "";
    if (rel && !rel.startsWith("..") && !rel.startsWith(sep)) {
      for (let d = dirname(dir); d.length > root.length; d = dirname(d)) dirs.add(d);
      dirs.add(root);
    }
  }
  return {
    dirs: [...dirs].sort(),
    moduleCacheDirs: [...moduleCacheDirs].sort(),
    moduleFiles: [...moduleFiles].sort(),
  };
}

/** What a path is now, as stat(2) says it: any write to it, or its replacement, changes the change time (ctime). */
async function identity(path: string): Promise<{ text: string; newestMs: number } | undefined> {
  const s = await stat(path, { bigint: true }).catch(() => undefined);
  if (!s) return undefined;
  return {
    text: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.isDirectory() ? "d" : "f"}`,
    newestMs: Number((s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs) / 1_000_000n),
  };
}

/**
 * Digests of what directories and files hold now, each path read once however many listings
 * (one per GOOS) watch it. A directory's digest covers its names and the identity (device,
 * inode, size, modification and change times) of itself and of every source file in it: a file
 * written, replaced, added or removed changes it. Content is not read: a restored or fresh
 * checkout has new inodes and change times, so it is a miss, never a stale answer.
 */
export class SourceState {
  readonly #dirs = new Map<string, Promise<{ text: string; newestMs: number } | undefined>>();

  #dir(dir: string) {
    let p = this.#dirs.get(dir);
    if (!p) {
      p = (async () => {
        const names = await readdir(dir).catch(() => undefined);
        const self = await identity(dir);
        if (!names || !self) return undefined;
        names.sort();
        let newestMs = self.newestMs;
        const parts = [dir, self.text, names.join("/")];
        // One file at a time: directories run side by side, a few at once (digest).
        for (const n of names.filter((f) => SOURCE_FILE.test(f))) {
          const id = await identity(join(dir, n));
          parts.push(`${n}=${id?.text ?? "gone"}`);
          newestMs = Math.max(newestMs, id?.newestMs ?? 0);
        }
        return { text: parts.join("\0"), newestMs };
      })();
      this.#dirs.set(dir, p);
    }
    return p;
  }

  /** The digest of watched paths (a module file absent counts too), and the latest change seen (ms); undefined when a directory is gone. */
  async digest(paths: WatchedPaths): Promise<{ digest: string; newestMs: number } | undefined> {
    const { dirs, moduleCacheDirs, moduleFiles } = paths;
    const [ds, cs, fs] = await Promise.all([
      pool(dirs, 8, (d) => this.#dir(d)),
      pool(moduleCacheDirs, 8, (d) => identity(d)),
      pool(moduleFiles, 8, (f) => identity(f)),
    ]);
    const h = createHash("sha256");
    let newestMs = 0;
    for (const d of ds) {
      if (!d) return undefined;
      h.update(`${d.text.length}:${d.text}`);
      newestMs = Math.max(newestMs, d.newestMs);
    }
    for (const [n, c] of cs.entries()) {
      if (!c) return undefined;
      h.update(`${moduleCacheDirs[n]}=${c.text}\0`);
    }
    moduleFiles.forEach((f, n) => {
      const id = fs[n];
      h.update(`${f}=${id?.text ?? "absent"}\0`);
      newestMs = Math.max(newestMs, id?.newestMs ?? 0);
    });
    return { digest: h.digest("hex"), newestMs };
  }
}

/** The entry's answer when every watched path holds what it held; otherwise undefined. */
export async function readCgoCache(
  entry: string,
  sources: SourceState,
  now: number,
): Promise<string[] | undefined> {
  let e: EntryT;
  try {
    e = Entry.parse(JSON.parse(await readFile(join(entry, "entry.json"), "utf8")));
  } catch {
    return undefined; // none yet, or not one this version wrote
  }
  const current = await sources.digest(e);
  if (current?.digest !== e.digest) return undefined;
  // The other entries are trimmed when one is written (a miss).
  await markUsed(entry, now);
  return e.found;
}

/**
 * Keeps a listing's answer, unless its sources changed since `listedAtMs` (wall clock, when
 * the listing started): then the answer may be older than the files. Best effort: a cache
 * that cannot be written only costs the next run a listing.
 */
export async function writeCgoCache(
  entry: string,
  listed: readonly ListedSource[],
  found: readonly string[],
  listedAtMs: number,
): Promise<void> {
  const paths = watchedPaths(listed);
  // Read afresh, not through a SourceState another listing read before this one ran.
  const current = await new SourceState().digest(paths);
  // Modification times can be coarse (a second on some file systems): a margin of two.
  if (!current || current.newestMs >= listedAtMs - 2000) return;
  const value: EntryT = { version: 2, ...paths, digest: current.digest, found: [...found] };
  try {
    await mkdir(entry, { recursive: true });
    const file = join(entry, "entry.json");
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, `${JSON.stringify(value)}\n`);
    await rename(partial, file);
    await trimLinkCache(dirname(entry), entry, listedAtMs);
  } catch {
    // not writable here: the next run lists again
  }
}
