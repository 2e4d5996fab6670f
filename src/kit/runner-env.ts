import { mkdirSync, mkdtempSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The runner always sets RUNNER_TEMP and RUNNER_TOOL_CACHE. Outside it (local mode, or
 * `node dist/<action>/index.js` by hand) they get the same meaning: a fresh temp
 * directory, and a tool cache that persists between runs so a second run downloads nothing.
 */
export function ensureRunnerDirs(): void {
  if (!process.env.RUNNER_TEMP) {
    process.env.RUNNER_TEMP = mkdtempSync(join(tmpdir(), "goship-"));
  }
  if (!process.env.RUNNER_TOOL_CACHE) {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
    process.env.RUNNER_TOOL_CACHE = join(base, "goship", "tool-cache");
  }
  mkdirSync(process.env.RUNNER_TOOL_CACHE, { recursive: true });
}
