import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import {
  endProcess,
  ProcessInputError,
  ProcessStartError,
  processAlive,
  processStartTime,
  runProcess,
  signalProcess,
  waitForExit,
} from "../../src/kit/process.js";

const tmp = mkdtempSync(join(tmpdir(), "goship-process-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("runProcess", () => {
  it("resolves with the exit code and both outputs, whatever the code", async () => {
    const seen: string[] = [];
    const r = await runProcess(
      "sh",
      ["-c", 'printf "%s|" "$@"; echo oops >&2; exit 3', "sh", "a b", "$(id)"],
      {
        onStdout: (c) => seen.push(c),
      },
    );
    expect(r).toMatchObject({
      code: 3,
      signal: null,
      stdout: "a b|$(id)|",
      stdoutTruncated: false,
      stderr: "oops\n",
      timedOut: false,
    });
    expect(seen.join("")).toBe("a b|$(id)|");
  });

  it("keeps the start of stdout and the end of stderr when told to", async () => {
    const r = await runProcess(
      "sh",
      ["-c", "i=0; while [ $i -lt 2000 ]; do echo line$i; echo err$i >&2; i=$((i + 1)); done"],
      { maxStdoutBytes: 12, maxStderrBytes: 8 },
    );
    expect(r.stdout).toBe("line0\nline1\n");
    expect(r.stdoutTruncated).toBe(true);
    expect(r.stderr).toBe("err1999\n");
  });

  it("gives stdin whole, or streams it", async () => {
    expect((await runProcess("cat", [], { stdin: "whole\n" })).stdout).toBe("whole\n");
    expect((await runProcess("cat", [], { stdin: Buffer.from([0x61, 0x00, 0x62]) })).stdout).toBe("a\0b");
    const chunks = Array.from({ length: 100 }, (_, i) => `chunk ${i}\n`);
    expect((await runProcess("cat", [], { stdin: Readable.from(chunks) })).stdout).toBe(chunks.join(""));
    // Without stdin the child reads nothing and does not wait.
    expect((await runProcess("cat", [])).stdout).toBe("");
  });

  it("keeps stdin open once written, when asked, until the child exits", async () => {
    // timeout(1) exits 124 when cat is still waiting for more: its stdin was left open.
    const script = 'IFS= read -r l; printf "%s " "$l"; timeout 1 cat >/dev/null; echo $?';
    expect((await runProcess("sh", ["-c", script], { stdin: "hello\n" })).stdout).toBe("hello 0\n");
    const open = await runProcess("sh", ["-c", script], { stdin: "hello\n", keepStdinOpen: true });
    expect(open.stdout).toBe("hello 124\n");
  });

  it("rejects when the input stream fails, and ends the child", async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error("disk gone"));
      },
    });
    const err = await runProcess("cat", [], { stdin: failing }).catch((e) => e);
    expect(err).toBeInstanceOf(ProcessInputError);
    expect(err.message).toBe("reading the input of cat: disk gone");
  });

  it("names a program it cannot start", async () => {
    const err = await runProcess("goship-no-such-program", []).catch((e) => e);
    expect(err).toBeInstanceOf(ProcessStartError);
    expect(err.message).toBe("goship-no-such-program: command not found");
    expect(err.reason.code).toBe("ENOENT");
  });

  it("ends a child at its timeout with SIGTERM, and with SIGKILL one that ignores it", async () => {
    const term = await runProcess("sleep", ["30"], { timeoutMs: 100 });
    expect(term).toMatchObject({ timedOut: true, code: -1, signal: "SIGTERM" });
    // An ignored signal stays ignored across exec.
    const stubborn = await runProcess("sh", ["-c", "trap '' TERM; exec sleep 30"], { timeoutMs: 500 });
    expect(stubborn).toMatchObject({ timedOut: true, code: -1, signal: "SIGKILL" });
  });

  it("with stderr to a file, is over when the child exits, though what it left in the background runs on", async () => {
    const log = join(tmp, "background.log");
    const pidFile = join(tmp, "background.pid");
    const fd = openSync(log, "w");
    let r: Awaited<ReturnType<typeof runProcess>>;
    try {
      r = await runProcess(
        "sh",
        ["-c", 'sleep 30 & echo $! >"$1"; echo "went to the background" >&2; exit 0', "sh", pidFile],
        { stderrFd: fd },
      );
    } finally {
      closeSync(fd);
    }
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    try {
      expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
      expect(readFileSync(log, "utf8")).toBe("went to the background\n");
      expect(processAlive(pid)).toBe(true);
    } finally {
      await endProcess(pid, 1000);
    }
    expect(processAlive(pid)).toBe(false);
  });
});

describe("a process known by its PID", () => {
  it("tells whether it runs and when it started, and ends it: SIGTERM, then SIGKILL", async () => {
    const polite = spawn("sleep", ["30"], { stdio: "ignore" });
    const pid = polite.pid as number;
    expect(processAlive(pid)).toBe(true);
    expect(processStartTime(pid)).toMatch(/^\d+$/);
    expect(await waitForExit(pid, 50)).toBe(false);
    signalProcess(pid, "SIGTERM");
    expect(await waitForExit(pid, 5000)).toBe(true);
    expect(processStartTime(pid)).toBe("");

    const stubborn = spawn("sh", ["-c", "trap '' TERM; exec sleep 30"], { stdio: "ignore" });
    const spid = stubborn.pid as number;
    await new Promise((r) => setTimeout(r, 100)); // until the trap is set and sleep runs
    await endProcess(spid, 300);
    expect(processAlive(spid)).toBe(false);
    // Gone already: nothing to do, and no error.
    await endProcess(spid, 300);
    signalProcess(spid, "SIGTERM");
  });
});
