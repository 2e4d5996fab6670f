import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The pinned Go tools .ci/run builds once per machine (cosign, act, actionlint). */
export function pinnedTool(name: "cosign" | "act" | "actionlint"): string {
  const dir = process.env.GOSHIP_TOOLS || join(homedir(), ".cache", "goship", "tools");
  const path = join(dir, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: .ci/run builds the pinned tools the tests use`);
  return path;
}
