import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("examples/gin-app", () => {
  it("passes its own go test ./...", async () => {
    const { stdout } = await run("go", ["test", "-count=1", "./..."], {
      cwd: "examples/gin-app",
      env: { ...process.env, GOFLAGS: "-tags=nomsgpack" },
      maxBuffer: 16 << 20,
    });
    expect(stdout).toMatch(/^ok\s+example\.com\/gin-app/m);
  }, 600_000);
});
