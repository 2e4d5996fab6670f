// Loaded with `node --import` by the benchmark: writes this process's peak RSS (KiB) on exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.GOSHIP_BENCH_RSS)
    writeFileSync(process.env.GOSHIP_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
