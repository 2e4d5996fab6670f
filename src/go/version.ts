import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import semver from "semver";
import { errorMessage, inputError, UserError } from "../kit/errors.js";

/**
 * Go version specs and how they resolve. Go's own spellings ("1.25.4", "1.26rc1",
 * "1.20") are mapped to semver ("1.25.4", "1.26.0-rc.1", "1.20.0") so ranges can use
 * the semver package; results are always given back in Go's spelling.
 */

/** Where the version spec came from, for the log and the summary. */
export interface VersionRequest {
  /** What the user asked for: "1.25.4", "1.25.x", "stable", ">=1.25.0 <1.26.0-0" … */
  spec: string;
  /** e.g. `input go-version`, `toolchain directive in go.mod`. */
  source: string;
  /**
   * The spec was worked out from the source (a go directive's range), so the source says it
   * in the user's words and the spec is not shown to them.
   */
  derived?: boolean;
}

const GO_VERSION = /^(?:go)?(1)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;

/** "1.26rc1" → "1.26.0-rc.1"; undefined if not a Go version. */
export function goToSemver(v: string): string | undefined {
  const m = GO_VERSION.exec(v.trim());
  if (!m) return undefined;
  const [, major, minor, patch, pre, n] = m;
  if (pre && patch) return undefined; // "1.21.1rc1" does not exist
  return `${major}.${minor}.${patch ?? 0}${pre ? `-${pre}.${n}` : ""}`;
}

/** "1.26.0-rc.1" → "1.26rc1"; "1.20.0" → "1.20" only for Go < 1.21, which had no ".0" releases. */
export function semverToGo(v: string): string {
  const s = semver.parse(v);
  if (!s) throw new Error(`not a semver version: ${v}`);
  const pre = s.prerelease.length === 2 ? `${s.prerelease[0]}${s.prerelease[1]}` : "";
  if (pre) return `${s.major}.${s.minor}${pre}`;
  if (s.patch === 0 && s.minor < 21) return `${s.major}.${s.minor}`;
  return `${s.major}.${s.minor}.${s.patch}`;
}

/** A spec resolved against nothing: exact versions need no listing. */
export function exactVersion(spec: string): string | undefined {
  const m = GO_VERSION.exec(spec.trim());
  if (!m) return undefined;
  // "1.25" means the newest 1.25.x, as in setup-go; only three parts or a pre-release are exact.
  // Before Go 1.21 the first release of a line was spelled "1.20"; ask for "1.20.0" to pin it.
  if (m[3] === undefined && m[4] === undefined) return undefined;
  const sv = goToSemver(spec);
  return sv ? semverToGo(sv) : undefined;
}

export type SpecKind = "exact" | "stable" | "oldstable" | "range";

/** Characters a version spec may hold: digits, letters of "go", "rc", "beta", "x", range operators. */
const SPEC_CHARS = /^[0-9a-z.^~<>=|*\s-]+$/;

/**
 * Checks a spec's syntax without a listing. Returns its kind; throws an input error
 * naming `input` otherwise.
 */
export function classifySpec(spec: string, input: string): SpecKind {
  const s = spec.trim();
  if (s === "stable" || s === "latest") return "stable";
  if (s === "oldstable") return "oldstable";
  if (exactVersion(s)) return "exact";
  if (SPEC_CHARS.test(s) && toSemverRange(s) !== undefined) return "range";
  throw inputError(
    input,
    spec,
    "allowed: a Go version (1.25.4, 1.26rc1), a minor version or range (1.25, 1.25.x, ^1.25, >=1.24 <1.26), stable or oldstable",
  );
}

function toSemverRange(spec: string): string | undefined {
  // Bare Go versions inside a range ("1.25", "go1.24.3") become semver; "1.25" means 1.25.x.
  const rewritten = spec
    .trim()
    .split(/\s+/)
    .map((tok) => {
      const op = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(tok) as RegExpExecArray;
      const [, prefix = "", rest = ""] = op;
      const m = GO_VERSION.exec(rest);
      if (!m) return tok;
      if (!prefix && m[3] === undefined && m[4] === undefined) return `${m[1]}.${m[2]}.x`;
      return prefix + (goToSemver(rest) ?? rest);
    })
    .join(" ");
  try {
    return semver.validRange(rewritten) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Picks the version a spec means from the published versions (Go spellings).
 * Pre-releases are only chosen when asked for exactly.
 */
export function resolveSpec(spec: string, available: readonly string[], input: string): string {
  const kind = classifySpec(spec, input);
  const published = available
    .map((v) => ({ go: v, sv: goToSemver(v) }))
    .filter((v): v is { go: string; sv: string } => v.sv !== undefined);
  const releases = published.filter((v) => semver.prerelease(v.sv) === null);
  const newest = (list: typeof published) =>
    list.reduce<(typeof published)[number] | undefined>(
      (best, v) => (best === undefined || semver.gt(v.sv, best.sv) ? v : best),
      undefined,
    );
  let found: (typeof published)[number] | undefined;
  switch (kind) {
    case "exact": {
      const want = goToSemver(exactVersion(spec) as string);
      found = published.find((v) => v.sv === want);
      break;
    }
    case "stable":
      found = newest(releases);
      break;
    case "oldstable": {
      const top = newest(releases);
      if (top) {
        const prevMinor = semver.minor(top.sv) - 1;
        found = newest(releases.filter((v) => semver.minor(v.sv) === prevMinor));
      }
      break;
    }
    case "range": {
      const range = toSemverRange(spec) as string;
      found = newest(releases.filter((v) => semver.satisfies(v.sv, range)));
      break;
    }
  }
  if (!found) {
    const recent = releases
      .sort((a, b) => semver.rcompare(a.sv, b.sv))
      .slice(0, 8)
      .map((v) => v.go);
    throw inputError(
      input,
      spec,
      `no published Go release matches; newest published: ${recent.join(", ") || "(none listed)"}`,
    );
  }
  return found.go;
}

/** The files a Go version is read from, in the order they are looked for in a directory. */
export const VERSION_FILES = ["go.work", "go.mod", ".go-version", ".tool-versions"] as const;
const FILES_ALLOWED = "a path to a go.mod, go.work, .go-version or .tool-versions file";

/** The `go` and `toolchain` lines of a go.mod or go.work file. */
export function parseGoDirectives(text: string): { go?: string; toolchain?: string } {
  const out: { go?: string; toolchain?: string } = {};
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    const m = /^(go|toolchain)\s+(\S+)$/.exec(line);
    if (m?.[1] === "go") out.go = m[2];
    if (m?.[1] === "toolchain") out.toolchain = m[2];
  }
  return out;
}

/**
 * The version request a file makes. For go.mod/go.work the toolchain directive wins
 * when it is newer than the go directive (as the go command decides); a go directive
 * is a minimum, so it asks for the newest patch release of that minor version.
 */
export async function versionFromFile(path: string, input = "go-version-file"): Promise<VersionRequest> {
  const name = basename(path);
  // Only the files documented, recognised by name before anything is read: the content of
  // any other file (a key, a .env) would reach the log as a "version".
  if (!(VERSION_FILES as readonly string[]).includes(name)) {
    throw inputError(input, path, `it is not one of those files; allowed: ${FILES_ALLOWED}`);
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw inputError(input, path, `cannot read it (${errorMessage(e)}); allowed: ${FILES_ALLOWED}`);
  }
  if (name === ".tool-versions") {
    for (const line of text.split("\n")) {
      const m = /^\s*(?:golang|go)\s+(\S+)/.exec(line);
      if (m?.[1]) return { spec: m[1], source: `${name} (${path})` };
    }
    throw inputError(
      input,
      path,
      "has no golang or go line; allowed: an asdf/mise .tool-versions with a golang line",
    );
  }
  if (name === "go.mod" || name === "go.work") {
    const { go, toolchain } = parseGoDirectives(text);
    if (!go && !toolchain) throw inputError(input, path, "has no go or toolchain directive");
    const tc = toolchain?.startsWith("go") ? toolchain.slice(2).replace(/[-+].*$/, "") : undefined; // "go1.25.4+auto" → "1.25.4"
    const tcSemver = tc ? goToSemver(tc) : undefined;
    const goSemver = go ? goToSemver(go) : undefined;
    if (go && !goSemver) throw inputError(input, path, `has go directive "${go}", which is not a Go version`);
    if (tc && tcSemver && (!goSemver || semver.gte(tcSemver, goSemver))) {
      return { spec: tc, source: `toolchain directive in ${path}` };
    }
    const min = goSemver as string;
    return {
      spec: `>=${min} <${semver.major(min)}.${semver.minor(min) + 1}.0-0`,
      source: `go directive "go ${go}" in ${path} (newest patch release of ${semver.major(min)}.${semver.minor(min)})`,
      derived: true,
    };
  }
  // .go-version: the first line that is not empty or a comment.
  const first = text
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "" && !l.startsWith("#"));
  if (!first) throw new UserError(`${path} is empty; expected a Go version`);
  return { spec: first, source: `${name} (${path})` };
}

/**
 * The oldest Go goship installs and builds with: GOTOOLCHAIN=local (which keeps the go command
 * from switching toolchains behind goship's back) and the golang.org/toolchain module that
 * proxy downloads use both start with Go 1.21.
 */
export const OLDEST_GO = "1.21";

/**
 * Refuses, before anything is downloaded, a request that only Go older than OLDEST_GO could
 * meet, in one line that says what to ask for instead. A go directive is a minimum, not a
 * pin: a go.mod that says "go 1.13" builds with today's Go.
 */
export function checkServable(request: VersionRequest, input: string, value: string): void {
  const kind = classifySpec(request.spec, input);
  if (kind === "stable" || kind === "oldstable") return;
  // A range resolves to releases only (resolveSpec); an exact pre-release of the oldest line is served.
  const servable =
    kind === "exact"
      ? semver.gte(goToSemver(exactVersion(request.spec) as string) as string, `${OLDEST_GO}.0-0`)
      : semver.intersects(toSemverRange(request.spec) as string, `>=${OLDEST_GO}.0`);
  if (servable) return;
  const fromGoMod = /^go directive/.test(request.source);
  throw inputError(
    input,
    value,
    `it asks for Go older than ${OLDEST_GO} (${request.source}), and goship serves Go ${OLDEST_GO} and later: ` +
      (fromGoMod
        ? `a go directive is only a minimum, so set go-version: stable to build this module with today's Go (or raise the directive: go mod edit -go=${OLDEST_GO})`
        : `set go-version: stable, or a version from ${OLDEST_GO} on`),
  );
}
