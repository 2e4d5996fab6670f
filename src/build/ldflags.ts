import { inputError } from "../kit/errors.js";

/** Where version, commit and date go: `-X <symbol>=<value>`. */
export interface VersionVariables {
  version?: string;
  commit?: string;
  date?: string;
}

const KEYS = ["version", "commit", "date"] as const;
/** An import path, a dot, an identifier: main.version, github.com/acme/app/internal/build.Version. */
const SYMBOL = /^[A-Za-z0-9_~-]+(?:[./][A-Za-z0-9_~-]+)*\.[A-Za-z_][A-Za-z0-9_]*$/;
const ALLOWED =
  'symbols for version, commit and date in that order ("main.version,main.commit,main.date"), or a mapping ("version=github.com/acme/app/internal/build.Version,commit=…,date=…"); empty entries skip one';

/**
 * Parses `version-variables`: either positional (version, commit, date) or key=symbol
 * pairs, never both. Every symbol must look like Go's `importpath.name`.
 */
export function parseVersionVariables(spec: string, input = "version-variables"): VersionVariables {
  const items = spec.split(/[,\n]/).map((s) => s.trim());
  const fail = (why: string): never => {
    throw inputError(input, spec, `${why}; allowed: ${ALLOWED}`);
  };
  const mapped = items.filter((i) => i.includes("="));
  const out: VersionVariables = {};
  if (mapped.length > 0) {
    if (mapped.length !== items.filter((i) => i !== "").length)
      fail("mixes key=symbol pairs and bare symbols");
    for (const item of mapped) {
      const [key = "", symbol = ""] = item.split("=", 2).map((s) => s.trim());
      if (!(KEYS as readonly string[]).includes(key)) fail(`"${key}" is not one of version, commit, date`);
      if (!SYMBOL.test(symbol)) fail(`"${symbol}" is not a Go symbol (importpath.name)`);
      if (out[key as keyof VersionVariables]) fail(`"${key}" is given twice`);
      out[key as keyof VersionVariables] = symbol;
    }
    return out;
  }
  if (items.length > 3) fail(`has ${items.length} entries, at most 3`);
  items.forEach((symbol, i) => {
    if (symbol === "") return;
    if (!SYMBOL.test(symbol)) fail(`"${symbol}" is not a Go symbol (importpath.name)`);
    out[KEYS[i] as keyof VersionVariables] = symbol;
  });
  return out;
}

/**
 * What makes a cgo binary static: the C linker, not Go's, links the whole program, against
 * the static C library (libc.a) of the target's toolchain. Without cgo Go's own linker
 * writes a static binary anyway.
 */
export const STATIC_CGO_LDFLAGS = ["-linkmode=external", "-extldflags=-static"] as const;

/**
 * The -ldflags value: strip symbols and DWARF, stamp version/commit/date, link statically
 * with the C linker when asked (cgo on Linux), then the user's own flags (appended, so
 * theirs win for the same -X). Values are checked by the input schemas: no spaces or
 * quotes, which the go command would split on.
 */
export function composeLdflags(
  vars: VersionVariables,
  values: Required<VersionVariables>,
  extra?: string,
  opts: { staticCgo?: boolean } = {},
): string {
  const parts = ["-s", "-w"];
  for (const key of KEYS) {
    const symbol = vars[key];
    if (symbol) parts.push(`-X ${symbol}=${values[key]}`);
  }
  if (opts.staticCgo) parts.push(...STATIC_CGO_LDFLAGS);
  if (extra) parts.push(extra);
  return parts.join(" ");
}
