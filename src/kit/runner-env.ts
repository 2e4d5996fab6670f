import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { onCleanup } from "./cleanup.js";

/**
 * The runner always sets RUNNER_TEMP and RUNNER_TOOL_CACHE. Outside it (local mode, or
 * `node dist/<action>/index.js` by hand) they get the same meaning: a fresh temp
 * directory, removed when the run ends however it ends, and a tool cache that persists
 * between runs so a second run downloads nothing.
 */
export function ensureRunnerDirs(): void {
  if (!process.env.RUNNER_TEMP) {
    const temp = mkdtempSync(join(tmpdir(), "goship-"));
    process.env.RUNNER_TEMP = temp;
    onCleanup(() => {
      rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
      if (process.env.RUNNER_TEMP === temp) delete process.env.RUNNER_TEMP;
    });
  }
  if (!process.env.RUNNER_TOOL_CACHE) {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
    process.env.RUNNER_TOOL_CACHE = join(base, "goship", "tool-cache");
  }
  mkdirSync(process.env.RUNNER_TOOL_CACHE, { recursive: true });
}
