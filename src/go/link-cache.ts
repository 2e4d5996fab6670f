import { createHash } from "node:crypto";
import { readdir, rm, stat, utimes } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Where build-static keeps Go's link output between runs: beside GOCACHE (a sibling named
 * goship-link), so that it lives where caches live, never in the output directory, and
 * setup-go-cross saves and restores it with the build cache. Go's own up-to-date check (the
 * build ID of an existing output) then skips the link of an unchanged commit, as it does in
 * a plain `go build` loop.
 */
export function linkCacheDir(gocache: string): string {
  return join(dirname(gocache), "goship-link");
}

/**
 * One directory per output directory (a digest of its path), so two projects, or two
 * checkouts of one, never share a link output; a runner's workspace path is the same from
 * run to run, so a restored cache is found again.
 */
export function linkCacheEntry(linkDir: string, outputDir: string): string {
  return join(linkDir, createHash("sha256").update(outputDir).digest("hex").slice(0, 16));
}

/** Go trims its build cache of entries unused for five days; the link cache does the same. */
export const LINK_CACHE_MAX_AGE_MS = 5 * 24 * 3600_000;

/** Marks a cache entry as used at `now` (wall-clock milliseconds); none there: nothing to mark. */
export async function markUsed(entry: string, now: number): Promise<void> {
  const when = new Date(now);
  await utimes(entry, when, when).catch(() => undefined);
}

/**
 * Marks `entry` as used now and removes the other entries of `linkDir` unused for longer
 * than `maxAgeMs` (`now` is wall-clock milliseconds). Returns the entries it removed.
 */
export async function trimLinkCache(
  linkDir: string,
  entry: string,
  now: number,
  maxAgeMs = LINK_CACHE_MAX_AGE_MS,
): Promise<string[]> {
  await markUsed(entry, now); // no entry: nothing was linked
  const names = await readdir(linkDir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const path = join(linkDir, name);
    if (path === entry) continue;
    const s = await stat(path).catch(() => undefined);
    if (!s?.isDirectory() || now - s.mtimeMs <= maxAgeMs) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
