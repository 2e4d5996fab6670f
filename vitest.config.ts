import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The usual order (what failed or took longest first), except that the files needing the pinned
 * Go tools run last, in the order .ci/run builds those tools (actionlint, act, cosign): on a new
 * machine the tools build while the other files run, and a file waits for its tool.
 */
const TOOL_ORDER = ["actionlint", "act", "cosign"];
function toolRank(file: string): number {
  const call = /\bneedTools\(([^)]*)\)/.exec(readFileSync(file, "utf8"));
  if (!call) return -1;
  return Math.max(...TOOL_ORDER.map((t, n) => (call[1]?.includes(`"${t}"`) ? n : 0)));
}

class ToolsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = new Map(sorted.map((f) => [f, toolRank(f.moduleId)]));
    const late = sorted.filter((f) => (rank.get(f) as number) >= 0);
    late.sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number)); // stable: keeps the usual order within a tool
    return [...sorted.filter((f) => (rank.get(f) as number) < 0), ...late];
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 300_000,
    // Three files at once on two cores: the real-host files wait (for units, health checks,
    // drain times, load runs) about a tenth of the time, and a third file runs in those gaps.
    // The sample app's compiles happen before any file starts (globalSetup below).
    maxWorkers: 3,
    fileParallelism: true,
    sequence: { sequencer: ToolsLast },
    // A run of the whole suite first compiles the sample app once for its seven targets.
    globalSetup: ["test/support/warm-go-cache.ts"],
  },
});
