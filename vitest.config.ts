import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 300_000,
    // Integration tests build Go, run toolchains and servers: two cores, so keep it to two files at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
