import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "./errors.js";

/**
 * The one way goship runs a program: from an argv array, never through a shell; its input given
 * whole or streamed; its output kept within bounds (the start of stdout, the end of stderr) and
 * handed on as it comes; a timeout that ends it, SIGTERM then SIGKILL, its whole process group
 * when it has one. exec.ts is the convenience most callers want (it throws on a non-zero exit);
 * the SSH layer runs its clients and masters with runProcess itself. Below it: what goship does
 * with a process it knows only by PID (an ssh master that went to the background).
 */

export interface ProcessOptions {
  cwd?: string;
  /** Full environment for the child; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** The child's stdin: written whole and closed (string, Buffer) or piped (a stream). Without it, none. */
  stdin?: Readable | Buffer | string;
  /**
   * Keep stdin open once written, until the child exits: `ssh -W` takes a closed stdin for the
   * client going away and half-closes the TCP connection, which some servers answer by closing.
   */
  keepStdinOpen?: boolean;
  /** End the child after this many milliseconds: SIGTERM, then SIGKILL if it is still there 2 s later. */
  timeoutMs?: number;
  /** Give the child its own process group and end the whole group on timeout (what it started, too). */
  processGroup?: boolean;
  /** Each chunk of output as it arrives (progress in the log). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** stdout kept: its first this many bytes (stdoutTruncated says when there was more). Default: all. */
  maxStdoutBytes?: number;
  /** stderr kept: its last this many bytes. Default: all. */
  maxStderrBytes?: number;
  /**
   * stderr to this file descriptor and stdout to nowhere; the run is over when the child exits,
   * not when its output closes: a child that goes to the background (`ssh -f`) leaves a process
   * that holds them for as long as it runs.
   */
  stderrFd?: number;
}

export interface ProcessResult {
  /** The exit code; -1 when a signal ended the child. */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stdoutTruncated: boolean;
  stderr: string;
  /** The timeout ended it. */
  timedOut: boolean;
  durationMs: number;
}

/** The program could not be started: not installed (ENOENT), not executable… */
export class ProcessStartError extends UserError {
  override name = "ProcessStartError";
  constructor(
    readonly file: string,
    readonly reason: NodeJS.ErrnoException,
  ) {
    super(
      reason.code === "ENOENT" ? `${file}: command not found` : `${file}: could not start: ${reason.message}`,
    );
  }
}

/** The stream given as the child's stdin failed; the child was ended. */
export class ProcessInputError extends UserError {
  override name = "ProcessInputError";
  constructor(
    readonly file: string,
    readonly reason: Error,
  ) {
    super(`reading the input of ${file}: ${reason.message}`);
  }
}

const KILL_GRACE_MS = 2000;

/**
 * Runs `file` with `args` and resolves with how it ended, whatever its exit code; rejects only
 * when it could not start (ProcessStartError) or its stdin stream failed (ProcessInputError).
 */
export function runProcess(
  file: string,
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<ProcessResult> {
  const started = performance.now();
  const { stdin, stderrFd } = options;
  const background = stderrFd !== undefined;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [stdin === undefined ? "ignore" : "pipe", background ? "ignore" : "pipe", stderrFd ?? "pipe"],
      shell: false,
      detached: options.processGroup === true,
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      f();
    };
    const kill = (signal: NodeJS.Signals) => {
      if (options.processGroup && child.pid !== undefined) {
        try {
          // The group, even once its leader is gone: what it started may still run.
          process.kill(-child.pid, signal);
          return;
        } catch {
          // no such group: the child alone
        }
      }
      child.kill(signal);
    };
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            kill("SIGTERM");
            setTimeout(() => kill("SIGKILL"), KILL_GRACE_MS).unref();
          }, options.timeoutMs);

    const out: Buffer[] = [];
    let outBytes = 0;
    let truncated = false;
    const maxOut = options.maxStdoutBytes ?? Number.POSITIVE_INFINITY;
    child.stdout?.on("data", (b: Buffer) => {
      options.onStdout?.(b.toString());
      const room = maxOut - outBytes;
      if (b.length > room) truncated = true;
      if (room > 0) {
        const kept = b.length > room ? b.subarray(0, room) : b;
        out.push(kept);
        outBytes += kept.length;
      }
    });
    let err: Buffer[] = [];
    let errBytes = 0;
    const maxErr = options.maxStderrBytes;
    child.stderr?.on("data", (b: Buffer) => {
      options.onStderr?.(b.toString());
      err.push(b);
      errBytes += b.length;
      if (maxErr !== undefined && errBytes > 2 * maxErr) {
        const tail = Buffer.concat(err).subarray(-maxErr);
        err = [tail];
        errBytes = tail.length;
      }
    });

    if (stdin !== undefined && child.stdin) {
      child.stdin.on("error", () => {}); // the child may exit before reading all of it; its exit code tells
      if (typeof stdin === "string" || Buffer.isBuffer(stdin)) {
        if (options.keepStdinOpen) child.stdin.write(stdin);
        else child.stdin.end(stdin);
      } else {
        stdin.on("error", (e) => {
          child.stdin?.destroy();
          kill("SIGTERM");
          settle(() => reject(new ProcessInputError(file, e)));
        });
        stdin.pipe(child.stdin, { end: !options.keepStdinOpen });
      }
    }

    child.on("error", (e: NodeJS.ErrnoException) => {
      // Also emitted when a kill fails, which changes nothing here: only a child that never ran has no pid.
      if (child.pid === undefined) settle(() => reject(new ProcessStartError(file, e)));
    });
    child.on(background ? "exit" : "close", (code: number | null, signal: NodeJS.Signals | null) => {
      if (stdin !== undefined && typeof stdin !== "string" && !Buffer.isBuffer(stdin)) stdin.destroy();
      if (options.keepStdinOpen) child.stdin?.destroy();
      const stderr = Buffer.concat(err);
      settle(() =>
        resolve({
          code: code ?? -1,
          signal,
          stdout: Buffer.concat(out).toString(),
          stdoutTruncated: truncated,
          stderr: (maxErr === undefined ? stderr : stderr.subarray(-maxErr)).toString(),
          timedOut,
          durationMs: performance.now() - started,
        }),
      );
    });
  });
}

// ---------------------------------------------------------------------------------------------
// A process known by its PID

/** Running, not just present: a killed process whose new parent has not reaped it yet is a zombie. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS runners): kill(0) is all there is
  }
}

/** A process's start time (clock ticks since boot), so a reused PID is not taken for it; "" when gone. */
export function processStartTime(pid: number): string {
  try {
    // The fields after comm: state is the first, starttime the 20th. A zombie has ended: no start time.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] === "Z" ? "" : (fields[19] ?? "");
  } catch {
    return "";
  }
}

/** Sends `signal`; a process that is gone already is not an error. */
export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Waits up to `ms` for the process to be gone; false when it is still there. */
export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/** Ends a process: SIGTERM, then SIGKILL if it is still there after `graceMs`; waits until it is gone (up to `graceMs` more). */
export async function endProcess(pid: number, graceMs = 5000): Promise<void> {
  if (!processAlive(pid)) return;
  signalProcess(pid, "SIGTERM");
  if (!(await waitForExit(pid, graceMs))) {
    signalProcess(pid, "SIGKILL");
    await waitForExit(pid, graceMs);
  }
}
