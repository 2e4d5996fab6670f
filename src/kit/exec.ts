import { spawn } from "node:child_process";
import { errorMessage, UserError } from "./errors.js";

export interface ExecOptions {
  cwd?: string;
  /** Full environment for the child; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Kill the child (SIGKILL after SIGTERM grace) after this many milliseconds. */
  timeoutMs?: number;
  /** Written to the child's stdin, which is otherwise closed. */
  input?: string | Buffer;
  /** Called with each chunk of output as it arrives (for progress in the log). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Return non-zero exits instead of throwing. */
  allowFailure?: boolean;
}

export interface ExecResult {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** A program exited non-zero, was killed, or could not start. */
export class ExecError extends UserError {
  override name = "ExecError";
  constructor(
    message: string,
    readonly result: ExecResult,
  ) {
    super(message);
  }
}

/** Renders argv for messages only; it is never given to a shell. */
export function describeCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}

/**
 * Runs a program from an argv array (never through a shell) and captures its output.
 * Throws ExecError with the exit code and the tail of stderr unless allowFailure is set.
 */
export function execFile(
  file: string,
  args: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const command = describeCommand(file, args);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      shell: false,
      // Its own process group, so a timeout also ends what it started (go build's compile jobs).
      detached: options.timeoutMs !== undefined,
    });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    };
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        timedOut = true;
        killGroup("SIGTERM");
        setTimeout(() => killGroup("SIGKILL"), 2000).unref();
      }, options.timeoutMs);
    }
    child.stdout?.on("data", (b: Buffer) => {
      out.push(b);
      options.onStdout?.(b.toString());
    });
    child.stderr?.on("data", (b: Buffer) => {
      err.push(b);
      options.onStderr?.(b.toString());
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on("error", () => {}); // the child may exit before reading its input
      child.stdin.end(options.input);
    }
    child.on("error", (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      const result = {
        command,
        code: -1,
        stdout: "",
        stderr: errorMessage(e),
        durationMs: performance.now() - started,
      };
      const why =
        e.code === "ENOENT"
          ? `${file}: command not found`
          : `${command}: could not start: ${errorMessage(e)}`;
      reject(new ExecError(why, result));
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      const result: ExecResult = {
        command,
        code: code ?? -1,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        durationMs: performance.now() - started,
      };
      if (timedOut) {
        reject(new ExecError(`${command}: timed out after ${options.timeoutMs} ms`, result));
      } else if (code !== 0 && !options.allowFailure) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const tail = lastLines(result.stderr || result.stdout, 20);
        reject(new ExecError(`${command} ${how}${tail ? `:\n${tail}` : ""}`, result));
      } else {
        resolve(result);
      }
    });
  });
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split("\n").slice(-n).join("\n");
}
