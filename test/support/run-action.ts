import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
 * The bundles under test: dist/, or the directory GOSHIP_TEST_DIST names (a bundle of the work
 * in progress, `node scripts/bundle.mjs --out DIR`, without touching the committed dist/).
 */
const DIST = resolve(process.env.GOSHIP_TEST_DIST || join(process.cwd(), "dist"));

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
  const res = await run([join(DIST, action, "index.js")], childEnv, opts.cwd ?? process.cwd(), opts.umask);
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
  return run([join(DIST, "cli", "index.js"), ...args], childEnv, cwd);
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

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** The commands the runner acts on (actions/runner's ActionCommandManager and its extensions). */
const RUNNER_COMMANDS = new Set([
  "add-mask",
  "add-matcher",
  "remove-matcher",
  "set-env",
  "set-output",
  "save-state",
  "add-path",
  "debug",
  "notice",
  "warning",
  "error",
  "group",
  "endgroup",
  "echo",
  "stop-commands",
]);

const unescapeCommand = (s: string, extra: [string, string][] = []) =>
  [["%0D", "\r"], ["%0A", "\n"], ...extra, ["%25", "%"]].reduce(
    (acc, [from, to]) => acc.replaceAll(from as string, to as string),
    s,
  );

/**
 * A line of an action's stdout as the runner reads it (actions/runner, ActionCommand.cs):
 * `::name props::data` once leading white space is trimmed, else `##[name props]data` anywhere
 * in the line; only commands the runner knows count. undefined: the line is just text.
 */
export function readWorkflowCommand(line: string): WorkflowCommand | undefined {
  const trimmed = line.trimStart();
  if (trimmed.startsWith("::")) {
    const end = trimmed.indexOf("::", 2);
    if (end >= 0) {
      const info = trimmed.slice(2, end);
      const space = info.indexOf(" ");
      const command = space < 0 ? info : info.slice(0, space);
      if (RUNNER_COMMANDS.has(command)) {
        const properties: Record<string, string> = {};
        if (space > 0) {
          for (const pair of info
            .slice(space + 1)
            .trim()
            .split(",")) {
            const eq = pair.indexOf("=");
            if (eq > 0)
              properties[pair.slice(0, eq)] = unescapeCommand(pair.slice(eq + 1), [
                ["%3A", ":"],
                ["%2C", ","],
              ]);
          }
        }
        return { command, properties, data: unescapeCommand(trimmed.slice(end + 2)) };
      }
      return undefined;
    }
  }
  const at = line.indexOf("##[");
  if (at < 0) return undefined;
  const close = line.indexOf("]", at);
  if (close < 0) return undefined;
  const info = line.slice(at + 3, close);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  if (!RUNNER_COMMANDS.has(command)) return undefined;
  const v1 = (s: string) =>
    unescapeCommand(s, [
      ["%3B", ";"],
      ["%5D", "]"],
    ]);
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info.slice(space + 1).split(";")) {
      const eq = pair.indexOf("=");
      if (eq > 0) properties[pair.slice(0, eq)] = v1(pair.slice(eq + 1));
    }
  }
  return { command, properties, data: v1(line.slice(close + 1)) };
}

/**
 * An action's stdout as a job log shows it: every line the runner takes for a command is
 * collected (add-mask lines are not shown, and from then on their value reads ***;
 * stop-commands turns commands off until its token comes back), the rest is text.
 */
export function runnerLog(stdout: string): { lines: string[]; commands: WorkflowCommand[] } {
  const masks: string[] = [];
  const commands: WorkflowCommand[] = [];
  const lines: string[] = [];
  const mask = (line: string) => masks.reduce((acc, m) => acc.replaceAll(m, "***"), line);
  let stopToken: string | undefined;
  for (const raw of stdout.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (stopToken !== undefined) {
      if (line.trim() === `::${stopToken}::`) stopToken = undefined;
      else lines.push(mask(line));
      continue;
    }
    const command = readWorkflowCommand(line);
    if (command) {
      commands.push(command);
      if (command.command === "add-mask") {
        if (command.data.trim() !== "") masks.push(command.data);
        continue;
      }
      if (command.command === "stop-commands") {
        stopToken = command.data;
        continue;
      }
    }
    lines.push(mask(line));
  }
  return { lines, commands };
}
