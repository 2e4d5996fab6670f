import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { COMPILE_ENV, COMPILE_JOBS, GIN_APP_TAGS } from "../support/gobuild.js";

const run = promisify(execFile);

describe("examples/gin-app", () => {
  it("passes its own go test ./...", async () => {
    const { stdout } = await run("go", ["test", "-count=1", "./..."], {
      cwd: "examples/gin-app",
      // The flags and tags every other test builds the app with (GIN_APP_TAGS), and no cgo, so
      // that its packages come from the same build cache entries.
      env: {
        ...process.env,
        CGO_ENABLED: "0",
        ...COMPILE_ENV,
        GOFLAGS: `${COMPILE_JOBS} -trimpath -tags=${GIN_APP_TAGS}`,
      },
      maxBuffer: 16 << 20,
    });
    expect(stdout).toMatch(/^ok\s+example\.com\/gin-app/m);
  }, 600_000);
});
