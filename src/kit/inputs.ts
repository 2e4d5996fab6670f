import { z } from "zod";
import { InputError, type InputProblem } from "./errors.js";
import { maskSecret } from "./log.js";
import * as workflow from "./workflow.js";

/**
 * Reads one input by its action.yml name. The runner passes inputs as INPUT_<NAME>
 * variables; local mode sets the same variables from flags, so both share this path.
 */
export type InputReader = (name: string) => string;

export const readActionInput: InputReader = (name) => workflow.getInput(name);

/**
 * Parses every input of an action through its zod schema. "" means unset, so schema
 * defaults apply. All problems are reported together in one InputError that names
 * each input, the value received and what is allowed; nothing has run yet.
 */
export function parseInputs<S extends z.ZodObject>(
  schema: S,
  read: InputReader = readActionInput,
): z.output<S> {
  const raw: Record<string, string | undefined> = {};
  const secrets = new Set<string>();
  for (const [name, field] of Object.entries(schema.shape)) {
    const value = read(name).trim();
    raw[name] = value === "" ? undefined : value;
    if (isSecretInput(field as z.ZodType)) {
      secrets.add(name);
      // Line by line too: a runner masks a multi-line secret only where it appears whole.
      if (value) for (const v of [value, ...value.split("\n")]) maskSecret(v.trim());
    }
  }
  // An old input name's value is read as the input that replaced it (action.yml's
  // deprecationMessage, or the CLI, says so); both names given at once is a mistake.
  const problems: InputProblem[] = [];
  const renamedFrom = new Map<string, string>();
  for (const [old, field] of Object.entries(schema.shape)) {
    const now = inputInfo(field as z.ZodType).deprecatedFor;
    const value = raw[old];
    if (now === undefined || value === undefined) continue;
    if (raw[now] === undefined) {
      raw[now] = value;
      raw[old] = undefined;
      renamedFrom.set(now, old);
    } else
      problems.push({
        input: old,
        value: secrets.has(old) ? "***" : value,
        allowed: `is the old name of "${now}", which is given too: give ${now} only`,
      });
  }
  // Without zod's eval-compiled fast path for objects: compiling it costs more than it saves on
  // the one parse a run makes of its inputs, and start-up waits for it. The result is the same.
  const result = schema.safeParse(raw, { jitless: true });
  if (result.success && problems.length === 0) return result.data;
  const seen = new Set<string>();
  for (const issue of result.error?.issues ?? []) {
    const name = String(issue.path[0] ?? "(inputs)");
    if (seen.has(name)) continue; // one line per input is enough
    seen.add(name);
    const value = secrets.has(name) && raw[name] ? "***" : (raw[name] ?? "");
    // Named as the user wrote it: the old name when that is what was given.
    problems.push({ input: renamedFrom.get(name) ?? name, value, allowed: issue.message });
  }
  throw new InputError(problems);
}

const SECRET = { goshipSecret: true } as const;

/** Marks an input as a secret: masked in logs as soon as it is read, never echoed in errors. */
export function secret<T extends z.ZodType>(field: T): T {
  return field.meta(SECRET);
}

/**
 * An input's default that only a runner can evaluate, an expression such as `github.token`:
 * action.yml declares it as `${{ github.token }}`, and local mode leaves the input unset.
 */
export function runnerDefault<T extends z.ZodType>(field: T, expression: string): T {
  return field.meta({ goshipRunnerDefault: `\${{ ${expression} }}` });
}

/** Marks an input as an old name of `replacement`, still read, with a deprecation warning. */
export function deprecatedFor<T extends z.ZodType>(field: T, replacement: string): T {
  return field.meta({ goshipDeprecatedFor: replacement });
}

/** Describes what a value must look like, for --help (the same words an error gives). */
export function allowing<T extends z.ZodType>(field: T, allowed: string): T {
  return field.meta({ goshipAllowed: allowed });
}

/**
 * What a user is told about one input. The action's zod schema is its one source: action.yml
 * must say the same (test/actions/metadata.test.ts) and `goship <action> --help` prints it.
 */
export interface InputInfo {
  description: string;
  /** Not optional and without a default. */
  required: boolean;
  /** The value an unset input takes, as a user writes it (action.yml's `default:`). */
  default?: string;
  /** A default only a runner evaluates (runnerDefault); local mode leaves the input unset. */
  runnerDefault?: string;
  /** What a value must look like, in words. */
  allowed?: string;
  secret: boolean;
  /** The input that replaces this one (deprecatedFor). */
  deprecatedFor?: string;
  /** A boolean(): a flag, `--name` alone meaning true. */
  boolean?: true;
}

export function inputInfo(field: z.ZodType): InputInfo {
  const info: InputInfo = { description: field.description ?? "", required: true, secret: false };
  let f: z.ZodType | undefined = field;
  for (let depth = 0; f && depth < 12; depth++) {
    const meta = f.meta() ?? {};
    if (meta.goshipSecret === true) info.secret = true;
    if (typeof meta.goshipRunnerDefault === "string") info.runnerDefault ??= meta.goshipRunnerDefault;
    if (typeof meta.goshipDeprecatedFor === "string") info.deprecatedFor ??= meta.goshipDeprecatedFor;
    if (typeof meta.goshipAllowed === "string") info.allowed ??= meta.goshipAllowed;
    if (meta.goshipBoolean === true) info.boolean = true;
    const def = f._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType; defaultValue?: unknown };
    if (def.type === "optional") info.required = false;
    if (def.type === "default" || def.type === "prefault") {
      info.required = false;
      if (typeof def.defaultValue === "string" && def.defaultValue !== "") info.default ??= def.defaultValue;
    }
    f = def.innerType ?? def.in;
  }
  return info;
}

/** The environment variable the runner passes an input in, as @actions/core's getInput reads it. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/**
 * Removes the secret inputs' INPUT_* variables from goship's own environment once they are read.
 * Every child process inherits that environment (go, ssh, and what libraries start, such as
 * tar through @actions/exec): none of them needs a secret goship holds, and a child's
 * environment is one more place to read it from. Other inputs stay: they are no secret, and
 * a library may still read one.
 */
export function forgetSecretInputs(schema: z.ZodObject): void {
  for (const [name, field] of Object.entries(schema.shape))
    if (isSecretInput(field as z.ZodType)) delete process.env[inputVariable(name)];
}

/** True when the field or anything it wraps (optional, default, pipe…) was marked secret(). */
export function isSecretInput(field: z.ZodType): boolean {
  let f: z.ZodType | undefined = field;
  for (let depth = 0; f && depth < 8; depth++) {
    if (f.meta()?.goshipSecret === true) return true;
    const def = f._zod.def as { innerType?: z.ZodType; in?: z.ZodType };
    f = def.innerType ?? def.in;
  }
  return false;
}

/** Message for a value the user did not give but must. */
const required = (allowed: string) => `is required; allowed: ${allowed}`;

/** A string input checked against a pattern; `allowed` describes it in words. */
export function text(pattern: RegExp, allowed: string) {
  return allowing(
    z
      .string({ error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`) })
      .regex(pattern, { error: `allowed: ${allowed}` }),
    allowed,
  );
}

/** A free-form single-line string: anything but control characters (which includes newlines). */
export function line(allowed = "a single line of text without control characters") {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  return text(/^[^\u0000-\u001f\u007f]*$/, allowed);
}

/** One of a fixed set of words. */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  const allowed = `one of ${values.join(", ")}`;
  return allowing(
    z.enum(values, {
      error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`),
    }),
    allowed,
  );
}

/** A boolean written the YAML 1.2 core schema way, as @actions/core's getBooleanInput accepts it. */
export function boolean() {
  const allowed = "true or false";
  return allowing(
    z.enum(["true", "True", "TRUE", "false", "False", "FALSE"], {
      error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`),
    }),
    allowed,
  )
    .meta({ goshipBoolean: true })
    .transform((v) => v.toLowerCase() === "true");
}

/** A comma- or newline-separated list; empty items are dropped. */
export function list<T>(item: z.ZodType<T, string>, allowed: string) {
  return allowing(
    z.string({ error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`) }),
    allowed,
  )
    .transform((s) =>
      s
        .split(/[,\n]/)
        .map((x) => x.trim())
        .filter((x) => x !== ""),
    )
    .pipe(z.array(item, { error: `allowed: ${allowed}` }));
}
