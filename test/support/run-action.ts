import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommandFile } from "../../src/kit/command-file.js";

/** Longer than any test's own timeout: a cold 7-target build on two loaded cores takes minutes. */
const ACTION_BACKSTOP_MS = 45 * 60_000;

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
  state: Record<string, string>;
}

/**
 * Runs dist/<action>/index.js exactly as the Actions runner does: Node 24, inputs as
 * INPUT_<NAME> variables (action.yml defaults are NOT applied, like a bare `node` run),
 * command files for outputs, env, path, summary and state.
 */
export async function runDistAction(
  action: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  opts: { cwd?: string; state?: Record<string, string>; umask?: string } = {},
): Promise<ActionRun> {
  const { env: childEnv, files } = actionEnvironment(inputs, env, opts.state);
  const res = await run(
    [join(process.cwd(), "dist", action, "index.js")],
    childEnv,
    opts.cwd ?? process.cwd(),
    opts.umask,
  );
  const read = (f: string) => Object.fromEntries(parseCommandFile(readFileSync(f, "utf8")));
  return {
    ...res,
    outputs: read(files.GITHUB_OUTPUT),
    env: read(files.GITHUB_ENV),
    path: readFileSync(files.GITHUB_PATH, "utf8").split("\n").filter(Boolean),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
    state: read(files.GITHUB_STATE),
  };
}

/**
 * The environment the runner gives an action: the test's own minus INPUT_, GITHUB_ and STATE_
 * variables, empty command files in `dir` (a new temp dir by default), inputs as INPUT_<NAME>.
 */
export function actionEnvironment(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  state: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), "goship-run-")),
): {
  env: Record<string, string>;
  files: Record<
    "GITHUB_OUTPUT" | "GITHUB_ENV" | "GITHUB_PATH" | "GITHUB_STEP_SUMMARY" | "GITHUB_STATE",
    string
  >;
} {
  const files = {
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_ENV: join(dir, "env"),
    GITHUB_PATH: join(dir, "path"),
    GITHUB_STEP_SUMMARY: join(dir, "summary"),
    GITHUB_STATE: join(dir, "state"),
  };
  for (const f of Object.values(files)) writeFileSync(f, "");
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("INPUT_") && !k.startsWith("GITHUB_") && !k.startsWith("STATE_"))
      childEnv[k] = v;
  }
  Object.assign(childEnv, files, { GITHUB_ACTIONS: "true" }, env);
  for (const [k, v] of Object.entries(inputs)) childEnv[`INPUT_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(state)) childEnv[`STATE_${k}`] = v;
  return { env: childEnv, files };
}

/** Runs the goship CLI (dist/cli) in local mode. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = process.cwd()) {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("INPUT_") && !k.startsWith("GITHUB_") && !k.startsWith("RUNNER_"))
      childEnv[k] = v;
  }
  Object.assign(childEnv, env);
  return run([join(process.cwd(), "dist", "cli", "index.js"), ...args], childEnv, cwd);
}

/**
 * Node 24 child process, asynchronously: a test may serve the child from its own
 * event loop (a stand-in proxy), which a synchronous spawn would deadlock.
 */
function run(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  umask?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The umask is set inside node before the script runs: a shell in between would drop
    // INPUT_* variables whose names hold a "-", which are not valid shell names.
    const argv = umask ? ["--import", `data:text/javascript,process.umask(0o${umask})`, ...args] : args;
    const child = spawn(process.execPath, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b) => (stdout += b));
    child.stderr.on("data", (b) => (stderr += b));
    // Only a backstop for a hung action: each test's own timeout, sized to its work (a cold
    // build of N targets on two busy cores), ends a slow one first.
    const timer = setTimeout(() => child.kill("SIGKILL"), ACTION_BACKSTOP_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
