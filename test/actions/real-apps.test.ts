import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildStatic } from "../../src/actions/build-static/main.js";
import { gitCheckout } from "../support/git-fixture.js";
import { runSourceAction } from "../support/run-source-action.js";

/** Go's VCS stamping whatever the machine's go env says (some images set -buildvcs=false). */
const VCS = { GOFLAGS: "-buildvcs=auto" };
const BUILD_MS = 600_000;

/** What a team meets on its first day with its own service: one fixture per problem. */
describe("an app that needs cgo (github.com/mattn/go-sqlite3)", () => {
  it("is refused with cgo: false, naming the package and both ways out, before anything is written", async () => {
    const repo = gitCheckout("test/fixtures/sqlite-app", { tag: "v1.0.0" });
    const run = await runSourceAction(
      buildStatic,
      { "working-directory": repo, targets: "linux/amd64,linux/arm64", upload: "false" },
      VCS,
    );
    expect(run.code, run.stdout).toBe(1);
    const error = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(error).toHaveLength(1);
    expect(error[0]).toContain("github.com/mattn/go-sqlite3");
    expect(error[0]).toContain("cgo: true");
    expect(error[0]).toContain("modernc.org/sqlite");
    expect(error[0]).toContain("allow-cgo-stubs: true");
    expect(existsSync(join(repo, "dist"))).toBe(false);
    expect(readFileSync(join(repo, ".git/info/exclude"), "utf8")).not.toContain("goship");
  });

  it(
    "with allow-cgo-stubs: true builds the stub, says so, and the binary indeed fails when run",
    async () => {
      const repo = gitCheckout("test/fixtures/sqlite-app", { tag: "v1.0.0" });
      const run = await runSourceAction(
        buildStatic,
        { "working-directory": repo, targets: "linux/amd64", upload: "false", "allow-cgo-stubs": "true" },
        VCS,
      );
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/::warning::github.com\/mattn\/go-sqlite3 is built without its cgo code/);
      const [artifact] = JSON.parse(run.outputs.artifacts as string);
      const ran = spawnSync(artifact.path, { encoding: "utf8" });
      expect(ran.status).toBe(1);
      expect(ran.stderr).toContain("requires cgo");
      expect(execFileSync("go", ["version", "-m", artifact.path]).toString()).toMatch(/CGO_ENABLED=0/);
    },
    BUILD_MS,
  );
});
