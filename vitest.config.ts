import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The usual order (what failed or took longest first), except that the files needing the pinned
 * Go tools run last: on a new machine .ci/run builds those tools while the other files run.
 */
class ToolsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const late = new Set(sorted.filter((f) => /\bneedTools\(/.test(readFileSync(f.moduleId, "utf8"))));
    return [...sorted.filter((f) => !late.has(f)), ...late];
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 300_000,
    // Integration tests build Go, run toolchains and servers: two cores, so keep it to two files at once.
    maxWorkers: 2,
    fileParallelism: true,
    sequence: { sequencer: ToolsLast },
  },
});
