import { join } from "node:path";
import { expect } from "vitest";
import { gitCheckout } from "./git-fixture.js";
import { runDistAction } from "./run-action.js";

/**
 * The hello fixture as a tagged v1.4.0 checkout (with a LICENSE and README for archives),
 * built by build-static through the runner protocol for `targets`.
 */
export async function buildHello(targets: readonly string[]): Promise<{ repo: string; binDir: string }> {
  const repo = gitCheckout("test/fixtures/hello", {
    tag: "v1.4.0",
    files: { LICENSE: "MIT License\n", "README.md": "# hello\n" },
  });
  const built = await runDistAction(
    "build-static",
    { targets: targets.join(","), upload: "false" },
    { GOFLAGS: "-buildvcs=auto" },
    { cwd: repo },
  );
  expect(built.code, built.stdout).toBe(0);
  return { repo, binDir: join(repo, "dist/bin") };
}
