#!/usr/bin/env node
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { z } from "zod";
import { ACTIONS } from "./actions/registry.js";
import { type ActionDefinition, runAction } from "./kit/action.js";
import { onCleanup } from "./kit/cleanup.js";
import { parseCommandFile } from "./kit/command-file.js";
import { errorMessage, UserError } from "./kit/errors.js";
import { inputVariable, isSecretInput } from "./kit/inputs.js";
import { checkReleaseIdentity, verifyRelease } from "./release/verify.js";

/**
 * Local mode: `goship <action> --<input> <value> …` runs the action's own definition
 * through runAction, exactly as the runner does: inputs become INPUT_* variables and
 * outputs, env, path and state go to the same command files, which are printed at the end.
 */
const USAGE = `usage: goship <action> [--<input> <value> | --<input>=<value> | --<secret input>-file <path>]…
       goship <action> --help
       goship verify <release-dir> --public-key <goship.pub> [--version <version>] [--project <project>]
actions: ${Object.keys(ACTIONS).join(", ")}`;

/**
 * `goship verify DIR --public-key FILE [--version V] [--project P]`: a downloaded release,
 * checked offline, and, when asked, that it is the release expected (a validly signed older
 * release renamed to a newer tag is not). Exit 1 on the first failure.
 */
async function verifyCommand(args: readonly string[]): Promise<number> {
  let dir: string | undefined;
  const flags: Record<"public-key" | "version" | "project", string | undefined> = {
    "public-key": undefined,
    version: undefined,
    project: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--(public-key|version|project)(?:=([\s\S]*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? args[++i];
      if (value === undefined) fail(`verify: --${m[1]} needs a value\n${USAGE}`);
      flags[m[1] as keyof typeof flags] = value;
    } else if (a.startsWith("-")) fail(`verify: unknown flag ${a}\n${USAGE}`);
    else if (dir === undefined) dir = a;
    else fail(`verify: one release directory only\n${USAGE}`);
  }
  const key = flags["public-key"];
  if (!dir || !key) fail(`verify needs a release directory and --public-key\n${USAGE}`);
  let pem: string;
  try {
    pem = readFileSync(key, "utf8");
  } catch (e) {
    fail(`verify: cannot read the public key ${key}: ${errorMessage(e)}`);
  }
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

function fail(message: string): never {
  process.stderr.write(`goship: ${message}\n`);
  process.exit(2);
}

function describe(def: ActionDefinition): string {
  const rows = Object.entries(def.inputs.shape).flatMap(([name, schema]) => {
    const d = (schema as { description?: string }).description ?? "";
    const row = `  --${name.padEnd(22)} ${d}`;
    if (!isSecretInput(schema as z.ZodType)) return [row];
    return [
      row,
      `  --${`${name}${FILE_SUFFIX} PATH`.padEnd(22)} ${name} read from the file PATH (- reads standard input)`,
    ];
  });
  const outs = Object.entries(def.outputs).map(([name, d]) => `  ${name.padEnd(24)} ${d}`);
  return `goship ${def.name}: ${def.description}\n\ninputs:\n${rows.join("\n")}\n\noutputs:\n${outs.join("\n")}\n`;
}

/** `--<secret input>-file PATH`: a secret read from a file, or standard input for "-", never from the command line. */
const FILE_SUFFIX = "-file";

function secretInputs(def: ActionDefinition): string[] {
  return Object.entries(def.inputs.shape)
    .filter(([, schema]) => isSecretInput(schema as z.ZodType))
    .map(([name]) => name);
}

/** A secret's file, or standard input for "-"; an empty one is refused (it would read as unset). */
function readSecretFile(flag: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    fail(`--${flag}: cannot read ${path === "-" ? "standard input" : path}: ${errorMessage(e)}`);
  }
  if (text.trim() === "") fail(`--${flag}: ${path === "-" ? "standard input" : path} is empty`);
  return text;
}

/**
 * --name value, --name=value; a repeated flag joins its values with newlines (list inputs).
 * A secret input also takes --<name>-file PATH (- for standard input), so that it is not on
 * the command line, which every local user can read (ps, /proc/<pid>/cmdline).
 */
export function parseFlags(
  def: ActionDefinition,
  argv: readonly string[],
  readSecret: (flag: string, path: string) => string = readSecretFile,
): Map<string, string> {
  const known = Object.keys(def.inputs.shape);
  const secrets = secretInputs(def);
  const values = new Map<string, string>();
  const fromFile = new Set<string>();
  let stdinFlag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const m = /^--([^=]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!m)
      fail(
        `unexpected argument ${JSON.stringify(arg)} for ${def.name}; inputs are given as --<input> <value>`,
      );
    const flag = m[1] as string;
    const secretFile =
      !known.includes(flag) && flag.endsWith(FILE_SUFFIX) ? flag.slice(0, -FILE_SUFFIX.length) : undefined;
    const name = secretFile !== undefined && secrets.includes(secretFile) ? secretFile : flag;
    if (!known.includes(name)) {
      const files =
        secrets.length > 0
          ? `; secrets from a file: ${secrets.map((s) => `--${s}${FILE_SUFFIX}`).join(", ")}`
          : "";
      fail(`${def.name} has no input "${flag}"; its inputs: ${known.join(", ")}${files}`);
    }
    let value = m[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) fail(`--${flag} needs a value`);
    }
    const viaFile = name !== flag;
    if (fromFile.has(name) || (viaFile && values.has(name)))
      fail(`${name} is given more than once (--${name}, --${name}${FILE_SUFFIX}): give it once`);
    if (viaFile) {
      if (value === "-") {
        if (stdinFlag) fail(`--${stdinFlag} reads standard input already; --${flag} cannot as well`);
        stdinFlag = flag;
      }
      values.set(name, readSecret(flag, value));
      fromFile.add(name);
      continue;
    }
    const prev = values.get(name);
    values.set(name, prev === undefined ? value : `${prev}\n${value}`);
  }
  for (const name of secrets) {
    if (values.get(name) && !fromFile.has(name))
      process.stderr.write(
        `goship: warning: --${name} puts a secret on the command line, where every local user can read it (ps, /proc/<pid>/cmdline); use --${name}${FILE_SUFFIX} PATH, or --${name}${FILE_SUFFIX} - to read it from standard input\n`,
      );
  }
  return values;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === "verify") return verifyCommand(rest);
  const def = ACTIONS[name];
  if (!def) fail(`unknown action "${name}"\n${USAGE}`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(describe(def));
    return 0;
  }
  const flags = parseFlags(def, rest);

  // Inputs exactly as the runner passes them; nothing inherited from the caller's shell.
  for (const key of Object.keys(process.env)) if (key.startsWith("INPUT_")) delete process.env[key];
  for (const input of Object.keys(def.inputs.shape)) {
    process.env[inputVariable(input)] = flags.get(input) ?? "";
  }
  if (process.env.GITHUB_ACTIONS !== "true") process.env.GOSHIP_LOCAL = "1";

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
  if (owned.includes("GITHUB_OUTPUT")) {
    const outputs = show("GITHUB_OUTPUT");
    if (outputs.length > 0)
      process.stdout.write(`\n# outputs:\n${outputs.map(([k, v]) => `${k}=${v}`).join("\n")}\n`);
  }
  return process.exitCode === 1 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
