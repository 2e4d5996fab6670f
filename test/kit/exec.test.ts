import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExecError, execFile, findOnPath, sameFile } from "../../src/kit/exec.js";

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

describe("findOnPath and sameFile", () => {
  it("finds the first executable regular file of a name in PATH's absolute directories, as spawn runs it", () => {
    const root = mkdtempSync(join(tmpdir(), "goship-path-"));
    const [plain, exe, dir, later] = ["plain", "exe", "dir", "later"].map((d) => join(root, d)) as [
      string,
      string,
      string,
      string,
    ];
    for (const d of [plain, exe, dir, later]) mkdirSync(d);
    writeFileSync(join(plain, "tool"), "#!/bin/sh\n"); // not executable
    mkdirSync(join(dir, "tool")); // a directory of that name
    writeFileSync(join(exe, "tool"), "#!/bin/sh\n", { mode: 0o755 });
    writeFileSync(join(later, "tool"), "#!/bin/sh\n", { mode: 0o755 });
    const path = ["", "relative/dir", plain, dir, exe, later].join(delimiter);
    expect(findOnPath("tool", path)).toBe(join(exe, "tool"));
    expect(findOnPath("none", path)).toBeUndefined();
    expect(findOnPath("tool", "")).toBeUndefined();
  });

  it("says whether two paths are one file: a symlink and its target are, two copies are not", () => {
    const root = mkdtempSync(join(tmpdir(), "goship-same-"));
    writeFileSync(join(root, "a"), "x");
    writeFileSync(join(root, "copy"), "x");
    symlinkSync(join(root, "a"), join(root, "link"));
    expect(sameFile(join(root, "a"), join(root, "link"))).toBe(true);
    expect(sameFile(join(root, "a"), join(root, "copy"))).toBe(false);
    expect(sameFile(join(root, "a"), join(root, "gone"))).toBe(false);
  });
});
