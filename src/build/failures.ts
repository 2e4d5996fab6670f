import { isAbsolute, relative, resolve, sep } from "node:path";
import { type GoProblem, problemKey } from "../go/problem-matcher.js";

/** Why one target did not produce a verified binary. */
export interface TargetFailure {
  /** "linux/amd64" */
  target: string;
  /** What went wrong, cause first (for a failed `go build`: what Go said). */
  message: string;
  /** File/line diagnostics from Go's output, when there were any. */
  diagnostics: readonly GoProblem[];
}

/** Targets that failed the same way, in the order first seen: a compile error fails them all alike. */
export function groupFailures(failures: readonly TargetFailure[]): { message: string; targets: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const f of failures) groups.set(f.message, [...(groups.get(f.message) ?? []), f.target]);
  return [...groups].map(([message, targets]) => ({ message, targets }));
}

/** Up to `n` names, then how many more. */
export function someTargets(targets: readonly string[], n = 3): string {
  return targets.length <= n
    ? targets.join(", ")
    : `${targets.slice(0, n).join(", ")} and ${targets.length - n} more`;
}

/**
 * The message a failed build fails with, cause first: `linux/amd64: ./main.go:6:10: undefined: x`,
 * each distinct failure once with the other targets it hit, and the count last when there was
 * more than one target.
 */
export function failureMessage(failures: readonly TargetFailure[], total: number): string {
  const lines = groupFailures(failures).map(
    ({ message, targets }) =>
      `${targets[0]}: ${message}${targets.length > 1 ? `\n  (the same for ${someTargets(targets.slice(1), 6)})` : ""}`,
  );
  if (total > 1) lines.push(`${failures.length} of ${total} target(s) failed`);
  return lines.join("\n");
}

/** One annotation: a diagnostic at a place in the repository, or a message about the step. */
export interface Annotation {
  title: string;
  message: string;
  /** Relative to the repository root, with "/" separators, as GitHub links it. */
  file?: string;
  line?: number;
  column?: number;
}

/**
 * One annotation per distinct diagnostic, whatever the number of targets it failed: the
 * title names them. `workDir` is where `go build` ran (Go prints paths relative to it) and
 * `repoRoot` the repository's top, which annotation paths are relative to; a file outside it
 * (the module cache) keeps its place in the message only.
 */
export function buildAnnotations(
  failures: readonly TargetFailure[],
  workDir: string,
  repoRoot: string | undefined,
): Annotation[] {
  const byProblem = new Map<string, { problem: GoProblem; targets: string[] }>();
  for (const f of failures) {
    for (const problem of f.diagnostics) {
      const key = problemKey(problem);
      const entry = byProblem.get(key) ?? { problem, targets: [] };
      entry.targets.push(f.target);
      byProblem.set(key, entry);
    }
  }
  return [...byProblem.values()].map(({ problem, targets }) => {
    const file = repoPath(workDir, repoRoot, problem.file);
    const title = `go build (${someTargets(targets)})`;
    if (!file) {
      const at = `${problem.file}:${problem.line}${problem.column ? `:${problem.column}` : ""}`;
      return { title, message: `${at}: ${problem.message}` };
    }
    return {
      title,
      message: problem.message,
      file,
      line: problem.line,
      ...(problem.column ? { column: problem.column } : {}),
    };
  });
}

/** A path Go printed, relative to the repository root; undefined when it is outside it. */
export function repoPath(workDir: string, repoRoot: string | undefined, file: string): string | undefined {
  const abs = resolve(workDir, file);
  const rel = relative(resolve(repoRoot ?? workDir), abs);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}
