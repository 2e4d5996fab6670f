import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe("dist/", () => {
  it("is exactly what `npm run bundle` builds from src/ (users run dist/, not src/)", () => {
    const out = mkdtempSync(join(tmpdir(), "goship-dist-"));
    execFileSync(process.execPath, ["scripts/bundle.mjs", "--out", out], { stdio: "pipe" });
    expect(files("dist")).toEqual(files(out));
    const stale = files(out).filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join("dist", f))));
    expect(stale, "dist/ differs from src/: run `npm run bundle` and commit dist/").toEqual([]);
    expect(statSync("dist/cli/index.js").mode & 0o111).not.toBe(0);
    // Six ncc bundles: about a minute each on a busy two-core machine with a cold disk cache.
  }, 1_200_000);
});
