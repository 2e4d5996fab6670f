import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  LINK_CACHE_MAX_AGE_MS,
  linkCacheDir,
  linkCacheEntry,
  trimLinkCache,
} from "../../src/go/link-cache.js";

describe("the link cache", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lives beside GOCACHE, one entry per output directory", () => {
    expect(linkCacheDir("/home/runner/.cache/go-build")).toBe("/home/runner/.cache/goship-link");
    const a = linkCacheEntry("/c/goship-link", "/home/runner/work/app/app/dist/bin");
    expect(a).toMatch(/^\/c\/goship-link\/[0-9a-f]{16}$/);
    expect(linkCacheEntry("/c/goship-link", "/home/runner/work/app/app/dist/bin")).toBe(a);
    expect(linkCacheEntry("/c/goship-link", "/home/runner/work/other/other/dist/bin")).not.toBe(a);
  });

  it("drops entries unused for longer than Go keeps its cache, never the one in use", async () => {
    dir = mkdtempSync(join(tmpdir(), "goship-linkcache-"));
    const now = Date.UTC(2026, 11, 6, 12);
    const entry = (name: string, ageMs: number) => {
      const path = join(dir as string, name);
      mkdirSync(join(path, "app_linux_amd64"), { recursive: true });
      writeFileSync(join(path, "app_linux_amd64", "app"), "binary");
      const t = new Date(now - ageMs);
      utimesSync(path, t, t);
      return path;
    };
    const current = entry("current", LINK_CACHE_MAX_AGE_MS * 3);
    const old = entry("old", LINK_CACHE_MAX_AGE_MS + 1);
    entry("recent", LINK_CACHE_MAX_AGE_MS - 1);
    writeFileSync(join(dir, "stray-file"), "");
    utimesSync(join(dir, "stray-file"), new Date(0), new Date(0));
    expect(await trimLinkCache(dir, current, now)).toEqual([old]);
    expect(readdirSync(dir).sort()).toEqual(["current", "recent", "stray-file"]);
    // The entry in use was marked used now: a later trim keeps it.
    expect(await trimLinkCache(dir, join(dir, "recent"), now + LINK_CACHE_MAX_AGE_MS)).toEqual([]);
  });

  it("is a no-op when there is no cache yet", async () => {
    expect(await trimLinkCache("/nonexistent/goship-link", "/nonexistent/goship-link/x", Date.now())).toEqual(
      [],
    );
  });
});
