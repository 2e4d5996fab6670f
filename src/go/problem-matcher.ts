import { mkdir, writeFile } from "node:fs/promises";
import { EOL } from "node:os";
import { resolve } from "node:path";
import { isLocalMode } from "../kit/log.js";

/** One line of the problem-matcher format; the numbers are regexp group indexes. */
interface ProblemPattern {
  regexp: string;
  file: number;
  line: number;
  column?: number;
  message: number;
}

interface ProblemMatcherDocument {
  problemMatcher: Array<{ owner: string; pattern: ProblemPattern[] }>;
}

/*
 * One pattern for both shapes Go prints:
 *   go build / go vet:  "pkg/file.go:12:5: undefined: x"   (vet may prefix "vet: ")
 *   go test:            "    file_test.go:12: got 1, want 2" (indented, no column)
 * The file may not contain whitespace or ":" (beyond a Windows drive letter), and the
 * position must be followed by ": ", so stack-trace frames ("\t/x/main.go:12 +0x1d"),
 * "--- FAIL: TestX (0.00s)" and log lines with timestamps do not match. The runner
 * compiles it as a .NET regex with RegexOptions.ECMAScript, so only syntax that
 * means the same in ECMAScript is used.
 */
const GO_PATTERN = {
  regexp: "^\\s*(?:vet: )?((?:[A-Za-z]:)?[^\\s:]+\\.go):(\\d+)(?::(\\d+))?: (.*)$",
  file: 1,
  line: 2,
  column: 3,
  message: 4,
} as const satisfies ProblemPattern;

/** GitHub's problem-matcher document for Go compiler, vet and test output. */
export const GO_PROBLEM_MATCHER = {
  problemMatcher: [{ owner: "goship-go", pattern: [GO_PATTERN] }],
} as const satisfies ProblemMatcherDocument;

const MATCHER_FILE = "goship-go-matcher.json";

/** Workflow-command data escaping, as the runner decodes it. */
function escapeCommandData(s: string): string {
  return s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/**
 * Writes the matcher into dir (e.g. RUNNER_TEMP) and registers it with the runner
 * via `::add-matcher::`. In local mode nothing reads workflow commands, so the file
 * is only written. Returns the file's absolute path.
 */
export async function registerGoProblemMatcher(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = resolve(dir, MATCHER_FILE);
  await writeFile(file, `${JSON.stringify(GO_PROBLEM_MATCHER, null, 2)}\n`);
  if (!isLocalMode()) process.stdout.write(`::add-matcher::${escapeCommandData(file)}${EOL}`);
  return file;
}

const goRegExp = new RegExp(GO_PATTERN.regexp);
/** The runner strips ANSI colour codes before matching. */
const COLOR_CODE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m?`, "g");

/**
 * Applies the matcher to one line as the runner does: colour codes stripped, the
 * regexp from the same string, groups picked by the document's indexes, and no
 * match when the message is blank (the runner drops those).
 */
export function matchGoProblem(
  line: string,
): { file: string; line: number; column?: number; message: string } | undefined {
  const m = goRegExp.exec(line.replace(/\r?\n?$/, "").replace(COLOR_CODE, ""));
  const file = m?.[GO_PATTERN.file];
  const lineNumber = m?.[GO_PATTERN.line];
  const message = m?.[GO_PATTERN.message];
  if (!file || !lineNumber || !message?.trim()) return undefined;
  const column = m?.[GO_PATTERN.column];
  return {
    file,
    line: Number(lineNumber),
    ...(column ? { column: Number(column) } : {}),
    message,
  };
}

export type GoProblem = NonNullable<ReturnType<typeof matchGoProblem>>;

/**
 * The diagnostics in one command's own output (`go build`'s stderr, before anything prefixed
 * its lines), each once, in the order Go printed them.
 */
export function goDiagnostics(output: string): GoProblem[] {
  const seen = new Set<string>();
  const found: GoProblem[] = [];
  for (const line of output.split("\n")) {
    const p = matchGoProblem(line);
    if (!p) continue;
    const key = problemKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(p);
  }
  return found;
}

/** What makes two diagnostics the same one: place and text. */
export function problemKey(p: GoProblem): string {
  return JSON.stringify([p.file, p.line, p.column ?? 0, p.message]);
}
