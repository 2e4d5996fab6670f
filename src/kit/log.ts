import { progress } from "./progress.js";
import * as workflow from "./workflow.js";

/**
 * Logging that reads well both on a runner (workflow commands) and in a terminal
 * (local mode, where "::group::" lines would only be noise).
 */
export function isLocalMode(): boolean {
  return process.env.GOSHIP_LOCAL === "1";
}

/** A titled stage of the log; the heartbeat (kit/progress) names it while it runs. */
export async function group<T>(title: string, fn: () => Promise<T>): Promise<T> {
  progress.touch();
  if (!isLocalMode()) return workflow.group(title, () => progress.phase(title, fn));
  process.stdout.write(`\n▶ ${title}\n`);
  return progress.phase(title, fn);
}

// Every line printed here puts the heartbeat off: it speaks only into a quiet log.
export function info(message: string): void {
  workflow.info(message);
  progress.touch();
}

export const debug = (message: string) => workflow.debug(message);

export function warning(message: string): void {
  if (isLocalMode()) process.stdout.write(`warning: ${message}\n`);
  else workflow.warning(message);
  progress.touch();
}

export function notice(message: string): void {
  if (isLocalMode()) process.stdout.write(`notice: ${message}\n`);
  else workflow.notice(message);
  progress.touch();
}

/**
 * An error annotation at a place in the repository (`::error file=…,line=…,col=…::`), for a
 * problem found in a tool's output. In a terminal the tool's own output already says it.
 */
export function annotateError(
  message: string,
  at: { title?: string; file?: string; line?: number; column?: number },
): void {
  if (isLocalMode()) return;
  workflow.error(message, {
    ...(at.title ? { title: at.title } : {}),
    ...(at.file ? { file: at.file } : {}),
    ...(at.line ? { startLine: at.line } : {}),
    ...(at.column ? { startColumn: at.column } : {}),
  });
}

/**
 * Registers a secret with the runner so it is masked in logs. In local mode there is
 * no log masking, and printing "::add-mask::<secret>" would itself leak the value.
 */
export function maskSecret(value: string): void {
  if (value !== "" && !isLocalMode()) workflow.setSecret(value);
}

/**
 * Text that came from a host or an app (a response body, a journal line, a step's stderr, a value
 * a step printed), made safe to print in the job log: the runner reads every line goship prints
 * for workflow commands, `::<command>::` at the start of a line and `##[<command>]` anywhere in
 * it, so text an app controls could otherwise add a mask, set an output, stop command
 * processing or fake an error. What comes back is one line, the same text where it was harmless:
 * line breaks read `\n` and `\r`, other control characters (an ANSI escape, say) `\u001b`, a
 * `::` at its start `\::` and every `##[` `##\[`.
 */
export function untrusted(text: string): string {
  const flat = text
    .toWellFormed()
    .replace(/\r\n|\n/g, "\\n")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
      c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    .replaceAll("##[", "##\\[");
  // The runner trims leading white space (Unicode's too) before it looks for "::".
  return flat.replace(/^(\s*):(?=:)/u, "$1\\:");
}

/** Seconds with one decimal, for logs and summaries. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
