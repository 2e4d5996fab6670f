// The test harness's real systemd hosts (test/support/hosts.ts), for scripts that are not
// tests: `npm run bench` measures deploys on them and `npm run demo` deploys to one. The
// TypeScript is bundled once with ncc (a devDependency) into ~/.cache/goship/harness/<digest>/.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = new URL("..", import.meta.url).pathname;

/** Imports test/support/hosts.ts (bootFleet and friends), bundling it first if it changed. */
export function loadHarness() {
  return loadSupport("test/support/hosts.ts", ["src/kit/exec.ts", "src/kit/process.ts"]);
}

/**
 * Imports a test helper (TypeScript) from a script, bundled once with ncc into
 * ~/.cache/goship/harness/<digest>/; `also` are sources it depends on that should rebuild it.
 */
export async function loadSupport(entry, also = []) {
  const sources = [entry, ...also].map((f) => readFileSync(join(root, f)));
  const digest = createHash("sha256").update(entry).update(Buffer.concat(sources)).digest("hex").slice(0, 16);
  const base = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "goship", "harness");
  const dir = join(base, digest);
  const file = join(dir, "index.mjs");
  if (!existsSync(file)) {
    const { default: ncc } = await import("@vercel/ncc");
    const { code } = await ncc(join(root, entry), { quiet: true, target: "es2024" });
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.tmp`, code);
    const { renameSync } = await import("node:fs");
    renameSync(`${file}.tmp`, file);
  }
  return import(pathToFileURL(file).href);
}
