import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ExecError, execFile } from "../../src/kit/exec.js";

describe("execFile", () => {
  it("passes argv without a shell and reports the exit code with stderr", async () => {
    const ok = await execFile("printf", ["%s|", "a b", "$(id)", ";rm"]);
    expect(ok.stdout).toBe("a b|$(id)|;rm|");
    const err = await execFile("sh", ["-c", "echo boom >&2; exit 3"]).catch((e) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err.message).toMatch(/exited with code 3:\nboom/);
    expect(err.result.code).toBe(3);
  });

  it("on timeout ends the whole process group, grandchildren included", async () => {
    const marker = `goship-exec-test-${process.pid}-${Date.now()}`;
    // The grandchild outlives a kill of its parent alone.
    const err = await execFile("bash", ["-c", `(exec -a ${marker} sleep 30) & exec -a ${marker} sleep 30`], {
      timeoutMs: 300,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err.message).toMatch(/timed out after 300 ms/);
    await new Promise((r) => setTimeout(r, 2500));
    const left = (() => {
      try {
        return execFileSync("pgrep", ["-f", marker]).toString().trim();
      } catch {
        return ""; // pgrep exits 1 when nothing matches
      }
    })();
    expect(left).toBe("");
  });

  it("names a missing program", async () => {
    await expect(execFile("goship-no-such-program", [])).rejects.toThrow(
      "goship-no-such-program: command not found",
    );
  });
});
