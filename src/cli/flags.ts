import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import type { ActionDefinition } from "../kit/action.js";
import { errorMessage, UsageError } from "../kit/errors.js";
import { type InputInfo, inputInfo } from "../kit/inputs.js";
import { closest } from "../kit/suggest.js";

function fail(message: string): never {
  throw new UsageError(message);
}

/** " (did you mean --x?)" when `word` looks like a misspelling of one of `candidates`. */
export function didYouMean(word: string, candidates: readonly string[], prefix = ""): string {
  const guess = closest(word, candidates);
  return guess === undefined ? "" : ` (did you mean ${prefix}${guess}?)`;
}

/**
 * parseArgs as a tokenizer, the checks and messages being goship's own (did you mean, secrets):
 * every known name is a string option (the next argument is its value whatever it starts with,
 * e.g. a PEM's "-----BEGIN"), except `booleans`.
 */
export function tokenizeWith(
  args: readonly string[],
  strings: readonly string[],
  booleans: readonly string[],
) {
  return parseArgs({
    args: [...args],
    options: {
      ...Object.fromEntries(strings.map((s) => [s, { type: "string" as const, multiple: true }])),
      ...Object.fromEntries(booleans.map((b) => [b, { type: "boolean" as const }])),
      help: { type: "boolean", short: "h" },
    },
    strict: false,
    allowPositionals: true,
    allowNegative: true,
    tokens: true,
  }).tokens;
}

/** `--<secret input>-file PATH`: a secret read from a file, or standard input for "-", never from the command line. */
const FILE_SUFFIX = "-file";

function infos(def: ActionDefinition): Array<[string, InputInfo]> {
  return Object.entries(def.inputs.shape).map(([name, schema]) => [name, inputInfo(schema as z.ZodType)]);
}

/** Words wrapped to `width` columns, each line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

/** `goship <action> --help`: every input with what the schema says of it, as action.yml does. */
export function describeAction(def: ActionDefinition, columns = 100): string {
  const col = 30;
  const width = Math.max(40, columns - col - 1);
  const row = (left: string, text: string) =>
    `  ${left.padEnd(col - 3)} ${wrap(text, width, col)}`.replace(/\s+$/, "");
  const rows = infos(def).flatMap(([name, info]) => {
    const facts = [
      info.required ? "required" : undefined,
      info.deprecatedFor ? `deprecated: use --${info.deprecatedFor}` : undefined,
      info.allowed ? `allowed: ${info.allowed}` : undefined,
      info.default !== undefined ? `default: ${info.default}` : undefined,
      info.runnerDefault !== undefined ? `default on a runner: ${info.runnerDefault}` : undefined,
    ].filter((f) => f !== undefined);
    const left = info.boolean ? `--${name}[=true|false]` : `--${name} VALUE`;
    const out = [row(left, info.description), ...facts.map((f) => row("", f))];
    if (info.secret)
      out.push(
        row(`--${name}${FILE_SUFFIX} PATH`, `${name} read from the file PATH (- reads standard input)`),
      );
    return out;
  });
  const outs = Object.entries(def.outputs).map(([name, d]) => row(name, d));
  return `goship ${def.name}: ${def.description}

usage: goship ${def.name} [--<input> VALUE]… [--json]

inputs:
${rows.join("\n")}

  --json                      print the outputs as one JSON object on standard output (the log goes to standard error)

outputs:
${outs.join("\n")}
`;
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

export interface ParsedFlags {
  /** Input values by input name; a repeated flag joins its values with newlines (list inputs). */
  values: Map<string, string>;
  help: boolean;
  json: boolean;
  /** What the user should hear about: a secret on the command line, an old input name. */
  warnings: string[];
}

/**
 * --name value, --name=value; a boolean input also as --name alone (true) or --no-name (false).
 * A secret input also takes --<name>-file PATH (- for standard input), so that it is not on
 * the command line, which every local user can read (ps, /proc/<pid>/cmdline).
 */
export function parseFlags(
  def: ActionDefinition,
  argv: readonly string[],
  readSecret: (flag: string, path: string) => string = readSecretFile,
): ParsedFlags {
  const all = infos(def);
  const known = all.map(([name]) => name);
  const booleans = all.filter(([, i]) => i.boolean).map(([name]) => name);
  const secrets = all.filter(([, i]) => i.secret).map(([name]) => name);
  const fileFlags = secrets.map((s) => `${s}${FILE_SUFFIX}`);
  const values = new Map<string, string>();
  const fromFile = new Set<string>();
  let stdinFlag: string | undefined;
  let help = false;
  let json = false;
  /** The boolean input just given without a value: a following true or false is its value. */
  let bareBoolean: string | undefined;
  const tokens = tokenizeWith(
    argv,
    [...known.filter((k) => !booleans.includes(k)), ...fileFlags],
    [...booleans, "json"],
  );
  for (const t of tokens) {
    const previous = bareBoolean;
    bareBoolean = undefined;
    if (t.kind === "option-terminator") continue;
    if (t.kind === "positional") {
      if (previous && /^(true|false)$/i.test(t.value)) {
        values.set(previous, t.value);
        continue;
      }
      fail(
        `unexpected argument ${JSON.stringify(t.value)} for ${def.name}; inputs are given as --<input> <value>`,
      );
    }
    const flag = t.name;
    if (flag === "help") {
      help = true;
      continue;
    }
    if (flag === "json") {
      json = t.value === undefined ? !t.rawName.startsWith("--no-") : !/^false$/i.test(t.value);
      continue;
    }
    const name = fileFlags.includes(flag) ? flag.slice(0, -FILE_SUFFIX.length) : flag;
    if (!known.includes(name) || !t.rawName.startsWith("--")) {
      const files =
        secrets.length > 0 ? `; secrets from a file: ${fileFlags.map((f) => `--${f}`).join(", ")}` : "";
      // The likely meaning first in the reader's eye: on a line of its own, after the list.
      const guess = closest(flag, [...known, ...fileFlags, "json", "help"]);
      const hint = guess === undefined ? "" : `\ndid you mean --${guess}?`;
      fail(`${def.name} has no input "${flag}"; its inputs: ${known.join(", ")}${files}${hint}`);
    }
    if (booleans.includes(name)) {
      if (t.value !== undefined) values.set(name, t.value);
      else if (t.rawName.startsWith("--no-")) values.set(name, "false");
      else {
        values.set(name, "true");
        bareBoolean = name;
      }
      continue;
    }
    const value = t.value;
    if (value === undefined) fail(`--${flag} needs a value`);
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
  const warnings: string[] = [];
  if (!help) {
    for (const [name, info] of all)
      if (info.deprecatedFor && values.has(name))
        warnings.push(`--${name} is now --${info.deprecatedFor}; the old name still works, for now`);
    for (const name of secrets)
      if (values.get(name) && !fromFile.has(name))
        warnings.push(
          `--${name} puts a secret on the command line, where every local user can read it (ps, /proc/<pid>/cmdline); use --${name}${FILE_SUFFIX} PATH, or --${name}${FILE_SUFFIX} - to read it from standard input`,
        );
  }
  return { values, help, json, warnings };
}
