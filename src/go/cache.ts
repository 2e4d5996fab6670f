import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { errorMessage } from "../kit/errors.js";
import { info, warning } from "../kit/log.js";
import { linkCacheDir } from "./link-cache.js";

/**
 * Module and build caches for Go. The build cache key carries the exact Go version and
 * the target set, so matrix jobs that build different targets never overwrite each
 * other's entries (a collision setup-go's users hit when every job shares one key).
 */
export const CachePlan = z.object({
  modDir: z.string(),
  buildDir: z.string(),
  /** build-static's link outputs (go/link-cache): saved and restored with the build cache. */
  linkDir: z.string(),
  modKey: z.string(),
  modRestoreKeys: z.array(z.string()),
  buildKey: z.string(),
  buildRestoreKeys: z.array(z.string()),
});
export type CachePlanT = z.infer<typeof CachePlan>;

export type CacheResult = "exact" | "partial" | "miss" | "unavailable" | "error";

export const CacheState = z.object({
  plan: CachePlan,
  mod: z.enum(["exact", "partial", "miss", "unavailable", "error"]),
  build: z.enum(["exact", "partial", "miss", "unavailable", "error"]),
});
export type CacheStateT = z.infer<typeof CacheState>;

const SKIP_DIRS = new Set(["node_modules", "vendor", "testdata", ".git"]);

/** go.sum and go.work.sum files below dir (a few levels deep), sorted, for the key. */
export async function findSumFiles(dir: string, depth = 4): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, level: number) {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isFile() && (e.name === "go.sum" || e.name === "go.work.sum")) out.push(join(d, e.name));
      else if (e.isDirectory() && level < depth && !SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) {
        await walk(join(d, e.name), level + 1);
      }
    }
  }
  await walk(dir, 0);
  return out.sort();
}

export async function hashFiles(files: readonly string[]): Promise<string> {
  if (files.length === 0) return "nosum";
  const h = createHash("sha256");
  for (const f of files) {
    h.update(f.length.toString()); // a boundary, so two files can't hash like one
    h.update(await readFile(f));
  }
  return h.digest("hex").slice(0, 32);
}

export function planCaches(opts: {
  runnerOs: string;
  runnerArch: string;
  goVersion: string;
  /** Normalized targets plus their C compilers: the build cache depends on both. */
  targetKey: string;
  sumHash: string;
  modDir: string;
  buildDir: string;
}): CachePlanT {
  const base = `goship-go-${opts.runnerOs}-${opts.runnerArch}`;
  const targets = createHash("sha256").update(opts.targetKey).digest("hex").slice(0, 12);
  const buildPrefix = `${base}-build-go${opts.goVersion}-${targets}-`;
  return {
    modDir: opts.modDir,
    buildDir: opts.buildDir,
    linkDir: linkCacheDir(opts.buildDir),
    modKey: `${base}-mod-${opts.sumHash}`,
    modRestoreKeys: [`${base}-mod-`],
    buildKey: `${buildPrefix}${opts.sumHash}`,
    buildRestoreKeys: [buildPrefix, `${base}-build-go${opts.goVersion}-`],
  };
}

/** Restores both caches; a cache service failure is a warning, never a failed step. */
/**
 * @actions/cache and the Azure storage client it brings are loaded on first use: a run with
 * `cache: false`, and a post step with nothing to save, never evaluate them.
 */
const loadCache = () => import("@actions/cache");

export async function restoreCaches(plan: CachePlanT): Promise<CacheStateT> {
  const cache = await loadCache();
  if (!cache.isFeatureAvailable()) {
    info("Caches: no cache service here (outside GitHub Actions or on GHES without it); skipped");
    return { plan, mod: "unavailable", build: "unavailable" };
  }
  const one = async (dirs: string[], key: string, restoreKeys: string[]): Promise<CacheResult> => {
    try {
      const hit = await cache.restoreCache(dirs, key, restoreKeys);
      if (hit === undefined) return "miss";
      info(`Restored ${dirs.join(", ")} from ${hit}`);
      return hit === key ? "exact" : "partial";
    } catch (e) {
      warning(`could not restore the cache for ${dirs.join(", ")}: ${errorMessage(e)}`);
      return "error";
    }
  };
  const mod = await one([plan.modDir], plan.modKey, plan.modRestoreKeys);
  const build = await one([plan.buildDir, plan.linkDir], plan.buildKey, plan.buildRestoreKeys);
  return { plan, mod, build };
}

/** Saves what was not an exact hit. Another job saving the same key first is normal. */
export async function saveCaches(state: CacheStateT): Promise<string[]> {
  const fresh = (r: CacheResult) => r === "exact" || r === "unavailable";
  if (fresh(state.mod) && fresh(state.build)) return [];
  const cache = await loadCache();
  if (!cache.isFeatureAvailable()) return [];
  const saved: string[] = [];
  const one = async (dirs: string[], key: string, result: CacheResult) => {
    if (fresh(result)) return;
    try {
      await cache.saveCache(dirs, key);
      saved.push(key);
      info(`Saved ${dirs.join(", ")} as ${key}`);
    } catch (e) {
      if (e instanceof cache.ReserveCacheError) info(`Cache ${key} was saved by another job; skipped`);
      else warning(`could not save the cache for ${dirs.join(", ")}: ${errorMessage(e)}`);
    }
  };
  await one([state.plan.modDir], state.plan.modKey, state.mod);
  // The link cache is absent when no build-static ran in this job; the build cache alone is saved then.
  await one([state.plan.buildDir, state.plan.linkDir], state.plan.buildKey, state.build);
  return saved;
}
