import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { beforeAll } from "vitest";

type Tool = "cosign" | "act" | "actionlint";

function toolsDir(): string {
  return process.env.GOSHIP_TOOLS || join(homedir(), ".cache", "goship", "tools");
}

/** The pinned Go tools .ci/run builds once per machine (cosign, act, actionlint). */
export function pinnedTool(name: Tool): string {
  const path = join(toolsDir(), name);
  if (!existsSync(path)) throw new Error(`${path} is missing: .ci/run builds the pinned tools the tests use`);
  return path;
}

/**
 * On a new machine .ci/run builds the tools while the tests run (it names a status file in
 * GOSHIP_TOOLS_STATUS that the build writes its exit code to when it ends), and vitest's
 * sequencer (vitest.config.ts) runs the files that call this last. Waits, before the file's first test, until
 * each tool is there or the build has ended; a build that failed is named with its log.
 */
export function needTools(...names: Tool[]): void {
  beforeAll(async () => {
    const status = process.env.GOSHIP_TOOLS_STATUS;
    const missing = () => names.filter((n) => !existsSync(join(toolsDir(), n)));
    while (status && missing().length > 0 && !existsSync(status)) {
      await new Promise((r) => setTimeout(r, 2000));
    }
    if (missing().length > 0) {
      let log = "";
      try {
        log = readFileSync(join(toolsDir(), "build.log"), "utf8").split("\n").slice(-30).join("\n");
      } catch {
        // no build log: the tools were never built here
      }
      throw new Error(
        `${missing().join(", ")} missing from ${toolsDir()}: .ci/run builds the pinned tools the tests use${log ? `\n${log}` : ""}`,
      );
    }
  }, 45 * 60_000);
}
