#!/usr/bin/env node
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACTION_NAMES, isActionName, loadAction } from "./actions/registry.js";
import type { ParsedFlags } from "./cli/flags.js";
import { plainText } from "./cli/terminal.js";
import type { ActionDefinition } from "./kit/action.js";
import { errorMessage, UsageError, UserError } from "./kit/errors.js";
import { closest } from "./kit/suggest.js";
import { GOSHIP_VERSION } from "./kit/version.js";

/**
 * Local mode: `goship <action> --<input> <value> …` runs the action's own definition
 * through runAction, exactly as the runner does: inputs become INPUT_* variables and
 * outputs, env, path and state go to the same command files, which are printed at the end.
 * Only what a command uses is loaded: `goship --version` loads no action, `goship <action>`
 * that one.
 */
const USAGE = `usage: goship <action> [--<input> <value> | --<input>=<value> | --<flag> | --<secret input>-file <path>]… [--json]
       goship <action> --help
       goship verify <release-dir> --public-key <goship.pub> [--version <version>] [--project <project>]
       goship verify --help
       goship --version
actions: ${ACTION_NAMES.join(", ")}`;

const VERIFY_USAGE = `usage: goship verify <release-dir> --public-key <goship.pub> [--version <version>] [--project <project>]

Checks a downloaded release offline: every file against SHA256SUMS, SHA256SUMS's signature
against the public key, and the manifest; with --version and --project, also that it is the
release expected (a validly signed older release renamed to a newer tag is not).
Exit status: 0 verified, 1 a check failed, 2 a usage error.

flags:
  --public-key PATH   the project's goship.pub, from the repository rather than from the release
  --version VERSION   the version the release must be
  --project PROJECT   the project the release must be
`;

function fail(message: string): never {
  throw new UsageError(message);
}

/**
 * `goship verify DIR --public-key FILE [--version V] [--project P]`: a downloaded release,
 * checked offline, and, when asked, that it is the release expected (a validly signed older
 * release renamed to a newer tag is not). Exit 1 on the first failure.
 */
async function verifyCommand(args: readonly string[]): Promise<number> {
  const names = ["public-key", "version", "project"] as const;
  type Name = (typeof names)[number];
  let dir: string | undefined;
  const flags: Partial<Record<Name, string>> = {};
  const { didYouMean, tokenizeWith } = await import("./cli/flags.js");
  for (const t of tokenizeWith(args, names, [])) {
    if (t.kind === "option-terminator") continue;
    if (t.kind === "positional") {
      if (dir !== undefined) fail(`verify: one release directory only\n${USAGE}`);
      dir = t.value;
      continue;
    }
    if (t.name === "help") {
      process.stdout.write(VERIFY_USAGE);
      return 0;
    }
    if (!(names as readonly string[]).includes(t.name))
      fail(`verify: unknown flag ${t.rawName}${didYouMean(t.name, names, "--")}\n${USAGE}`);
    if (t.value === undefined) fail(`verify: --${t.name} needs a value\n${USAGE}`);
    flags[t.name as Name] = t.value;
  }
  const key = flags["public-key"];
  if (!dir || !key) fail(`verify needs a release directory and --public-key\n${USAGE}`);
  let pem: string;
  try {
    pem = readFileSync(key, "utf8");
  } catch (e) {
    fail(`verify: cannot read the public key ${key}: ${errorMessage(e)}`);
  }
  const { checkReleaseIdentity, verifyRelease } = await import("./release/verify.js");
  try {
    const { manifest, checks } = await verifyRelease(dir, pem, { input: "public-key", value: key });
    for (const c of checks) process.stdout.write(`ok  ${c}\n`);
    const expect = (field: "version" | "project") => {
      const value = flags[field];
      return value === undefined ? undefined : { input: field, value, want: value };
    };
    checkReleaseIdentity(manifest, { version: expect("version"), project: expect("project") });
    for (const field of ["project", "version"] as const)
      if (flags[field] !== undefined) process.stdout.write(`ok  ${field} is ${flags[field]}, as expected\n`);
    process.stdout.write(`verified: ${manifest.project} ${manifest.version} (${manifest.commit})\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    process.stdout.write(`FAIL  ${e.message}\n`);
    return 1;
  }
}

/** The Node.js the actions run on (action.yml: runs.using node24); the rest of the CLI needs CLI_NODE. */
const ACTIONS_NODE = 24;
const CLI_NODE = 20;

async function main(argv: string[]): Promise<number> {
  if (Number(process.versions.node.split(".")[0]) < CLI_NODE) {
    fail(
      `goship needs Node.js ${CLI_NODE} or later (${ACTIONS_NODE} for the actions); this is ${process.version}`,
    );
  }
  const [name, ...rest] = argv;
  if (!name) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const topic = rest[0];
    if (topic === undefined) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return main([topic, "--help"]);
  }
  if (name === "--version") {
    process.stdout.write(`goship ${GOSHIP_VERSION}\n`);
    return 0;
  }
  if (name === "verify") return verifyCommand(rest);
  if (!isActionName(name)) {
    const what = name.startsWith("-") ? `unknown flag ${name}` : `unknown action "${name}"`;
    const guess = closest(name.replace(/^-+/, ""), [...ACTION_NAMES, "verify"]);
    fail(`${what}${guess ? ` (did you mean ${guess}?)` : ""}\n${USAGE}`);
  }
  const [def, { describeAction, parseFlags }] = await Promise.all([
    loadAction(name),
    import("./cli/flags.js"),
  ]);
  const flags = parseFlags(def, rest);
  if (flags.help) {
    process.stdout.write(describeAction(def, process.stdout.columns || 100));
    return 0;
  }
  if (Number(process.versions.node.split(".")[0]) < ACTIONS_NODE) {
    // The actions are built for and tested on their runtime (runs.using: node24) only.
    fail(
      `${name} needs Node.js ${ACTIONS_NODE} or later, the actions' runtime; this is ${process.version} (goship verify, --help and --version run on Node.js ${CLI_NODE} too)`,
    );
  }
  for (const w of flags.warnings) process.stderr.write(`goship: warning: ${w}\n`);
  return runLocally(def, flags);
}

async function runLocally(def: ActionDefinition, flags: ParsedFlags): Promise<number> {
  const [{ runAction }, { onCleanup }, { parseCommandFile }, { inputVariable }] = await Promise.all([
    import("./kit/action.js"),
    import("./kit/cleanup.js"),
    import("./kit/command-file.js"),
    import("./kit/inputs.js"),
  ]);
  // Inputs exactly as the runner passes them; nothing inherited from the caller's shell.
  for (const key of Object.keys(process.env)) if (key.startsWith("INPUT_")) delete process.env[key];
  for (const input of Object.keys(def.inputs.shape)) {
    process.env[inputVariable(input)] = flags.values.get(input) ?? "";
  }
  // Workflow commands (::error::, ::group::) only under a runner; plain text in a terminal,
  // for what libraries write too (plainText). RUNNER_DEBUG=1 shows their debug lines.
  const local = process.env.GITHUB_ACTIONS !== "true";
  if (local) process.env.GOSHIP_LOCAL = "1";
  // --json: standard output holds the JSON object only; everything else goes to standard error.
  const stdout = process.stdout.write.bind(process.stdout);
  const sink = flags.json ? process.stderr.write.bind(process.stderr) : stdout;
  if (local || flags.json) {
    const debug = process.env.RUNNER_DEBUG === "1";
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
      sink(local && typeof chunk === "string" ? plainText(chunk, debug) : chunk, ...rest)) as typeof stdout;
  }

  // Command files: the caller's when set (e.g. inside a workflow step), else temp files we print.
  // Removed when the run ends, as RUNNER_TEMP is (kit/cleanup.ts): after what is printed below.
  const work = mkdtempSync(join(tmpdir(), "goship-local-"));
  onCleanup(() => rmSync(work, { recursive: true, force: true }));
  const owned: string[] = [];
  for (const v of ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE"]) {
    if (!process.env[v]) {
      const file = join(work, v.toLowerCase());
      writeFileSync(file, "");
      process.env[v] = file;
      owned.push(v);
    }
  }

  await runAction(def);
  // The runner runs `post:` at the end of the job with the saved state; local mode does it now.
  if (def.post && process.exitCode !== 1) {
    const state = parseCommandFile(readFileSync(process.env.GITHUB_STATE as string, "utf8"));
    for (const [k, v] of state) process.env[`STATE_${k}`] = v;
    if (process.env.STATE_isPost === "true") await runAction(def);
  }

  const show = (v: string) => parseCommandFile(readFileSync(process.env[v] as string, "utf8"));
  if (owned.includes("GITHUB_STEP_SUMMARY")) {
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY as string, "utf8");
    if (summary.trim()) process.stdout.write(`\n${summary}`);
  }
  if (owned.includes("GITHUB_ENV") || owned.includes("GITHUB_PATH")) {
    const exports = [
      ...(owned.includes("GITHUB_ENV")
        ? show("GITHUB_ENV").map(([k, v]) => `export ${k}=${JSON.stringify(v)}`)
        : []),
      ...(owned.includes("GITHUB_PATH")
        ? readFileSync(process.env.GITHUB_PATH as string, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((p) => `export PATH=${JSON.stringify(p)}:"$PATH"`)
        : []),
    ];
    if (exports.length > 0) process.stdout.write(`\n# environment for your shell:\n${exports.join("\n")}\n`);
  }
  const outputs = show("GITHUB_OUTPUT");
  if (flags.json) {
    process.stdout.write = stdout;
    stdout(`${JSON.stringify(Object.fromEntries(outputs))}\n`);
  } else if (owned.includes("GITHUB_OUTPUT") && outputs.length > 0)
    process.stdout.write(`\n# outputs:\n${outputs.map(([k, v]) => `${k}=${v}`).join("\n")}\n`);
  return process.exitCode === 1 ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`goship: ${e.message}\n`);
  process.exitCode = 2;
}
