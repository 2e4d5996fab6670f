import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ActionDefinition, runAction } from "../../src/kit/action.js";
import { parseCommandFile } from "../../src/kit/command-file.js";
import { actionEnvironment } from "./run-action.js";

export interface SourceRun {
  /** 1 when the step failed (core.setFailed), else 0. */
  code: number;
  /** What the action wrote to stdout: its log and workflow commands (::error:: …). */
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs an action from src/ in this process, through the same runAction and the same runner
 * protocol as runDistAction (INPUT_* variables, command files), so that a test exercises the
 * source before dist/ is rebuilt. The process's environment, working directory and exit code
 * are put back afterwards.
 */
export async function runSourceAction(
  def: ActionDefinition,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  opts: { cwd?: string } = {},
): Promise<SourceRun> {
  const dir = mkdtempSync(join(tmpdir(), "goship-run-"));
  // A RUNNER_TEMP of the test's own: runAction's fallback would remove itself only at exit.
  const runnerTemp = join(dir, "runner-temp");
  mkdirSync(runnerTemp);
  const { env: childEnv, files } = actionEnvironment(inputs, { RUNNER_TEMP: runnerTemp, ...env }, {}, dir);
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  const write = process.stdout.write;
  let stdout = "";
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, childEnv);
  process.exitCode = 0;
  try {
    if (opts.cwd) process.chdir(opts.cwd);
    await runAction(def);
  } finally {
    process.stdout.write = write;
    process.chdir(savedCwd);
    for (const k of Object.keys(process.env)) delete process.env[k];
    Object.assign(process.env, savedEnv);
  }
  const code = process.exitCode === 0 || process.exitCode === undefined ? 0 : 1;
  process.exitCode = savedExitCode;
  const read = (f: string) => Object.fromEntries(parseCommandFile(readFileSync(f, "utf8")));
  return {
    code,
    stdout,
    outputs: read(files.GITHUB_OUTPUT),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
  };
}
