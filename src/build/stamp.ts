import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { LIST_WITHOUT_VCS } from "../go/list.js";
import { execFile } from "../kit/exec.js";
import type { VersionVariables } from "./ldflags.js";

const KEYS = ["version", "commit", "date"] as const;
const IDENTS = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)/;

/**
 * The names of a Go file's package-level variables, read from its text: `var x`, `var a, b = …`
 * and `var ( … )` blocks. Comments are dropped first. An approximation of Go's parser that
 * errs on the side of "declared": a line inside a block that only looks like a declaration
 * counts, so a warning built on it is never a false alarm.
 */
export function packageVars(source: string): Set<string> {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
  const names = new Set<string>();
  const add = (list: string) => {
    for (const n of list.split(",")) names.add(n.trim());
  };
  for (const m of text.matchAll(/^var\s*\(([\s\S]*?)^\)/gm)) {
    for (const line of (m[1] as string).split("\n")) {
      const lhs = IDENTS.exec(line);
      if (lhs) add(lhs[1] as string);
    }
  }
  for (const m of text.matchAll(/^var\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)/gm)) add(m[1] as string);
  return names;
}

export interface StampCheck {
  /** The variables -X will set: the asked-for ones that are declared. */
  stamped: VersionVariables;
  /** Asked-for symbols that nothing declares: -X on them is silently ignored by the linker. */
  missing: string[];
  /** Variables of package main whose names look like version variables, to suggest instead. */
  candidates: string[];
}

/**
 * Which of the version variables the build's packages declare, known before the build: the
 * linker ignores `-X` on a symbol that does not exist, so a binary would silently not know its
 * version. "main.x" is the main package `pkg`; any other symbol names its package's import
 * path. One `go list -find` for all the packages, or none when all are in package main and
 * its files are `listedMain` (build-static lists it anyway); their Go and cgo files are read.
 */
export async function checkVersionVariables(
  goBin: string,
  workDir: string,
  pkg: string,
  vars: VersionVariables,
  env: NodeJS.ProcessEnv,
  listedMain?: ListedFiles,
): Promise<StampCheck> {
  const paths = [...new Set(KEYS.flatMap((k) => (vars[k] ? [split(vars[k]).path] : [])))];
  const args = paths.map((p) => (p === "main" ? pkg : p));
  if (listedMain && args.every((a) => a === pkg)) {
    // Only package main's variables: its files are known already, no second listing.
    const mainVars = await readVars(listedMain);
    return decide(vars, pkg, new Map([[pkg, mainVars]]), mainVars);
  }
  const listed = new Map<string, Set<string>>();
  let mainVars = new Set<string>();
  const r = await execFile(
    goBin,
    [
      "list",
      LIST_WITHOUT_VCS,
      "-e",
      "-find",
      "-f",
      '{{if .Error}}-{{else}}{{.Dir}}\t{{join .GoFiles "\\t"}}\t{{join .CgoFiles "\\t"}}{{end}}',
      "--",
      pkg,
      ...args,
    ],
    { cwd: workDir, env, timeoutMs: 300_000, allowFailure: true },
  );
  const lines = r.stdout.replace(/\n$/, "").split("\n");
  // Output lines follow the arguments' order; go list drops a repeated argument.
  const unique = [...new Set([pkg, ...args])];
  // Two spellings of one package come back once: then nothing can be matched, and nothing is claimed.
  if (r.code === 0 && lines.length === unique.length) {
    for (const [n, arg] of unique.entries()) {
      const [dir = "", ...files] = (lines[n] ?? "").split("\t");
      // "-": a package go list cannot find; -X on it sets nothing.
      listed.set(arg, dir === "-" ? new Set() : await readVars({ dir, files }));
    }
    mainVars = listed.get(pkg) ?? new Set();
  }
  return decide(vars, pkg, listed, mainVars);
}

/** A package's directory and its Go and cgo files, as `go list` gives them. */
export interface ListedFiles {
  dir: string;
  files: string[];
}

/** The package-level variables declared in a package's files. */
async function readVars({ dir, files }: ListedFiles): Promise<Set<string>> {
  const names = new Set<string>();
  if (!dir) return names;
  for (const f of files.filter(Boolean))
    for (const n of packageVars(await readFile(join(dir, f), "utf8"))) names.add(n);
  return names;
}

/** "example.com/app/internal/build.Version" → its package's path and the variable's name. */
function split(symbol: string): { path: string; name: string } {
  const dot = symbol.lastIndexOf(".");
  return { path: symbol.slice(0, dot), name: symbol.slice(dot + 1) };
}

/** Which asked-for variables the listed packages declare (`listed` by argument; `pkg` is main). */
function decide(
  vars: VersionVariables,
  pkg: string,
  listed: Map<string, Set<string>>,
  mainVars: Set<string>,
): StampCheck {
  const stamped: VersionVariables = {};
  const missing: string[] = [];
  for (const key of KEYS) {
    const symbol = vars[key];
    if (!symbol) continue;
    const { path, name } = split(symbol);
    const declared = listed.get(path === "main" ? pkg : path);
    // Unknown (go list failed): stamp as asked, and let nothing be claimed missing.
    if (declared === undefined || declared.has(name)) stamped[key] = symbol;
    else missing.push(symbol);
  }
  const candidates = [...mainVars]
    .filter((n) => /^(version|commit|date|build_?date|git_?commit|revision)$/i.test(n))
    .filter((n) => !KEYS.some((k) => vars[k] === `main.${n}`))
    .sort()
    .map((n) => `main.${n}`);
  return { stamped, missing, candidates };
}

/** What build-static says, once, when version variables are not declared. */
export function missingVersionVariablesMessage(check: StampCheck, input: string): string {
  const { missing, candidates } = check;
  const one = missing.length === 1;
  return (
    `${input}: ${missing.join(", ")} ${one ? "is" : "are"} not declared, so -X sets nothing there (Go's linker ignores it) and the binary will not know its ${one ? "value" : "version"}. ` +
    (candidates.length > 0
      ? `Package main declares ${candidates.join(", ")}: point ${input} at ${candidates.length === 1 ? "it" : "them"}. Otherwise add`
      : "Add") +
    ` the variables (in package main: var version, commit, date string), or set ${input} to your own, e.g. version=example.com/app/internal/build.Version,commit=example.com/app/internal/build.Commit`
  );
}
