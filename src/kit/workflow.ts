import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync } from "node:fs";
import { EOL } from "node:os";
import { delimiter as pathDelimiter } from "node:path";

/**
 * The runner's side of an action, written out: workflow commands on stdout (`::warning::…`)
 * and file commands ($GITHUB_OUTPUT, $GITHUB_ENV, $GITHUB_PATH, $GITHUB_STATE), byte for byte as
 * @actions/core writes them. goship uses this rather than @actions/core because that package's
 * entry point also loads its OIDC client, and with it an HTTP stack (undici) that was most of
 * every action's start-up; the toolkit packages loaded on demand (tool-cache, artifact, …) still
 * bring @actions/core along for themselves.
 */

/** An annotation's place in the repository, as @actions/core's AnnotationProperties. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

function commandValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::name key=value,…::message` on a line of its own; properties with no value are left out. */
export function formatCommand(
  name: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== "" && v !== 0)
    .map(([k, v]) => `${k}=${escapeProperty(commandValue(v))}`)
    .join(",");
  return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

function issue(
  name: string,
  message = "",
  properties: Record<string, string | number | undefined> = {},
): void {
  process.stdout.write(formatCommand(name, properties, message) + EOL);
}

/** `name<<ghadelimiter_<uuid>` … block: a value of any lines in a command file. */
function keyValueBlock(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`unexpected input: ${name} or its value holds the delimiter ${delimiter}`);
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`;
}

/** Appends to the command file $GITHUB_<kind>; false when the runner gave none (an older runner). */
function fileCommand(kind: "OUTPUT" | "ENV" | "PATH" | "STATE", line: string): boolean {
  const file = process.env[`GITHUB_${kind}`];
  if (!file) return false;
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${line}${EOL}`, { encoding: "utf8" });
  return true;
}

const annotation = (at: AnnotationProperties) => ({
  title: at.title,
  file: at.file,
  line: at.startLine,
  endLine: at.endLine,
  col: at.startColumn,
  endColumn: at.endColumn,
});

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export const debug = (message: string) => issue("debug", message);
export const notice = (message: string, at: AnnotationProperties = {}) =>
  issue("notice", message, annotation(at));
export const warning = (message: string, at: AnnotationProperties = {}) =>
  issue("warning", message, annotation(at));
export const error = (message: string, at: AnnotationProperties = {}) =>
  issue("error", message, annotation(at));

/** Masks the value in the rest of the job's log. */
export const setSecret = (secret: string) => issue("add-mask", secret);

/** Fails the step: an error annotation, and exit status 1 once the process ends. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** A collapsible section of the log around `fn`. */
export async function group<T>(title: string, fn: () => Promise<T>): Promise<T> {
  issue("group", title);
  try {
    return await fn();
  } finally {
    issue("endgroup");
  }
}

/** The input the runner passes as INPUT_<NAME> (spaces as underscores), trimmed; "" when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "").trim();
}

export function setOutput(name: string, value: string): void {
  if (fileCommand("OUTPUT", keyValueBlock(name, value))) return;
  process.stdout.write(EOL);
  issue("set-output", value, { name });
}

/** Sets a variable for this process and for the job's later steps. */
export function exportVariable(name: string, value: string): void {
  process.env[name] = value;
  if (!fileCommand("ENV", keyValueBlock(name, value))) issue("set-env", value, { name });
}

/** Puts a directory first on PATH, for this process and the job's later steps. */
export function addPath(dir: string): void {
  if (!fileCommand("PATH", dir)) issue("add-path", dir);
  process.env.PATH = `${dir}${pathDelimiter}${process.env.PATH}`;
}

/** A value for this action's post step (read back there with getState). */
export function saveState(name: string, value: string): void {
  if (!fileCommand("STATE", keyValueBlock(name, value))) issue("save-state", value, { name });
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] || "";
}
