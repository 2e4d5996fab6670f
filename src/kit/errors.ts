/**
 * A failure the user can fix (bad input, missing tool, unreachable host, a failed check).
 * It is reported with its message only; anything else that escapes an action is a bug
 * and is reported with its stack.
 */
export class UserError extends Error {
  override name = "UserError";
}

/** A mistake on goship's command line: printed as `goship: <message>`, exit status 2, nothing run. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** One or more inputs failed validation. The message names each input, its value and what is allowed. */
export class InputError extends UserError {
  override name = "InputError";
  constructor(readonly problems: readonly InputProblem[]) {
    super(
      problems.length === 1
        ? formatProblem(problems[0] as InputProblem)
        : `${problems.length} inputs are invalid:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`,
    );
  }
}

export interface InputProblem {
  input: string;
  value: string;
  allowed: string;
}

function formatProblem(p: InputProblem): string {
  // A URL's password in a value (a GOPROXY, a mirror) must not reach the log with it.
  return redactCredentials(`input "${p.input}" has value ${JSON.stringify(p.value)}: ${p.allowed}`);
}

/**
 * `text` with the credentials of every URL in it replaced by ***: "https://user:pass@host"
 * becomes "https://***@host", and so does a "user:pass@host" item of a list without a scheme
 * (a GOPROXY entry, which the go command reads as https).
 */
export function redactCredentials(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s"'`]*@/gi, "$1***@")
    .replace(/(^|[\s,|"'`])[^\s,|"'`/?#@:]+:[^\s,|"'`/?#@]*@/g, "$1***@");
}

/** Shorthand for a single-input problem found after parsing (e.g. a target unknown to the installed Go). */
export function inputError(input: string, value: string, allowed: string): InputError {
  return new InputError([{ input, value, allowed }]);
}

export function errorMessage(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.message) return e.message;
  // Some SDK errors (Azure's RestError on an HTTP 401) carry their meaning only in fields.
  const fields = e as Error & { code?: unknown; statusCode?: unknown };
  const detail = [fields.code, fields.statusCode && `HTTP ${fields.statusCode}`].filter(Boolean).join(", ");
  return detail ? `${e.name} (${detail})` : e.name;
}
