import { UserError } from "./errors.js";
import { type ProcessResult, ProcessStartError, runProcess } from "./process.js";

export interface ExecOptions {
  cwd?: string;
  /** Full environment for the child; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Kill the child and what it started (SIGKILL after SIGTERM grace) after this many milliseconds. */
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
    /** How it ended, without the command line: "exited with code 1", "timed out after 5000 ms". */
    readonly outcome: string,
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
export async function execFile(
  file: string,
  args: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const command = describeCommand(file, args);
  const started = performance.now();
  let r: ProcessResult;
  try {
    r = await runProcess(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdin: options.input,
      timeoutMs: options.timeoutMs,
      // Its own process group, so a timeout also ends what it started (go build's compile jobs).
      processGroup: options.timeoutMs !== undefined,
      onStdout: options.onStdout,
      onStderr: options.onStderr,
    });
  } catch (e) {
    if (!(e instanceof ProcessStartError)) throw e;
    const result = {
      command,
      code: -1,
      stdout: "",
      stderr: e.reason.message,
      durationMs: performance.now() - started,
    };
    const why = e.reason.code === "ENOENT" ? e.message : `${command}: could not start: ${e.reason.message}`;
    throw new ExecError(why, result, `could not start: ${e.reason.message}`);
  }
  const result: ExecResult = {
    command,
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    durationMs: r.durationMs,
  };
  if (r.timedOut) {
    const outcome = `timed out after ${options.timeoutMs} ms`;
    throw new ExecError(`${command}: ${outcome}`, result, outcome);
  }
  if (r.code !== 0 && !options.allowFailure) {
    const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
    const tail = lastLines(result.stderr || result.stdout, 20);
    throw new ExecError(`${command} ${how}${tail ? `:\n${tail}` : ""}`, result, how);
  }
  return result;
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split("\n").slice(-n).join("\n");
}
