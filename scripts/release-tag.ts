// What a pushed tag means for a release of goship itself (.github/workflows/release.yml):
// its version, whether it is a pre-release, which major tag (v1) to move to it, and the
// release notes from CHANGELOG.md. Node 24 runs this file as it is (type stripping).
//
//   node scripts/release-tag.ts <tag> [--notes <file>]
//
// reads package.json, CHANGELOG.md and the repository's tags in the current directory,
// writes version, prerelease and major-tag to $GITHUB_OUTPUT (or prints them), and the
// tag's CHANGELOG section to --notes. Exits 1 with one line naming the tag when it cannot
// be released.
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";

export interface ReleasePlan {
  tag: string;
  /** The tag without its "v": package.json's version. */
  version: string;
  prerelease: boolean;
  /** The major tag to point at this release ("v1"), or "" to leave it where it is. */
  majorTag: string;
  /** Why the major tag moves or stays, for the log. */
  reason: string;
}

// semver.org's grammar, with a leading "v": numbers without leading zeros.
const NUM = "(0|[1-9]\\d*)";
const IDENT = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
const SEMVER_TAG = new RegExp(
  `^v${NUM}\\.${NUM}\\.${NUM}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$`,
);

interface Parsed {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
  build: string;
}

function parseTag(tag: string): Parsed | undefined {
  const m = SEMVER_TAG.exec(tag);
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ?? "",
    build: m[5] ?? "",
  };
}

/** A release tag a major tag can point at: vX.Y.Z, nothing after. */
function isFinalRelease(p: Parsed): boolean {
  return p.prerelease === "" && p.build === "";
}

function newer(a: Parsed, b: Parsed): boolean {
  if (a.major !== b.major) return a.major > b.major;
  if (a.minor !== b.minor) return a.minor > b.minor;
  return a.patch > b.patch;
}

export class ReleaseTagError extends Error {}

/**
 * The plan for `tag` given package.json's version and every tag of the repository. A tag
 * that is not `v` + semver, carries build metadata, or whose version is not package.json's,
 * is refused. A pre-release (v1.2.0-rc.1) is released as one but never moves the major
 * tag; nor does a final release older than one already out in its major version (a v1.4.1
 * backport after v1.5.0: `@v1` users keep v1.5.0).
 */
export function planRelease(tag: string, packageVersion: string, tags: readonly string[]): ReleasePlan {
  const parsed = parseTag(tag);
  if (!parsed)
    throw new ReleaseTagError(
      `tag "${tag}" is not a release tag: goship releases are tagged v<major>.<minor>.<patch> (semver, e.g. v1.2.3 or v1.3.0-rc.1)`,
    );
  if (parsed.build !== "")
    throw new ReleaseTagError(
      `tag "${tag}" carries build metadata ("+${parsed.build}"), which semver ignores when it orders versions: tag v${parsed.major}.${parsed.minor}.${parsed.patch}${parsed.prerelease ? `-${parsed.prerelease}` : ""} instead`,
    );
  const version = tag.slice(1);
  if (version !== packageVersion)
    throw new ReleaseTagError(
      `tag "${tag}" does not match package.json's version "${packageVersion}": set "version": "${version}" in package.json (and GOSHIP_VERSION in src/kit/version.ts), commit, and tag that commit`,
    );
  const prerelease = !isFinalRelease(parsed);
  const major = `v${parsed.major}`;
  if (prerelease)
    return { tag, version, prerelease, majorTag: "", reason: `${tag} is a pre-release: ${major} stays` };
  let newest: { t: string; p: Parsed } | undefined;
  for (const t of tags) {
    const p = parseTag(t);
    if (!p || !isFinalRelease(p) || p.major !== parsed.major || !newer(p, parsed)) continue;
    if (!newest || newer(p, newest.p)) newest = { t, p };
  }
  if (newest)
    return {
      tag,
      version,
      prerelease,
      majorTag: "",
      reason: `${newest.t} is newer than ${tag}: ${major} stays on the newest ${major} release`,
    };
  return { tag, version, prerelease, majorTag: major, reason: `${major} moves to ${tag}` };
}

/**
 * The CHANGELOG.md section of `version` (`## [1.2.3]` or `## [1.2.3] - 2026-12-06`), without
 * its heading: the release's notes. A release with no section is refused.
 */
export function releaseNotes(changelog: string, version: string): string {
  const lines = changelog.split("\n");
  const heading = new RegExp(`^## \\[${version.replaceAll(".", "\\.")}\\](?:\\s|$)`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0)
    throw new ReleaseTagError(
      `CHANGELOG.md has no section for ${version}: add "## [${version}] - <date>" with what changed (move the Unreleased entries there)`,
    );
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith("## "));
  const notes = (end < 0 ? rest : rest.slice(0, end)).join("\n").trim();
  if (notes === "") throw new ReleaseTagError(`CHANGELOG.md's section for ${version} is empty`);
  return `${notes}\n`;
}

function main(argv: readonly string[]): void {
  const [tag, ...rest] = argv;
  if (!tag || (rest.length !== 0 && (rest.length !== 2 || rest[0] !== "--notes")))
    throw new ReleaseTagError("usage: node scripts/release-tag.ts <tag> [--notes <file>]");
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  const tags = execFileSync("git", ["tag", "--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
  const plan = planRelease(tag, pkg.version, tags);
  const notes = releaseNotes(readFileSync("CHANGELOG.md", "utf8"), plan.version);
  if (rest[1]) writeFileSync(rest[1], notes);
  const outputs = `version=${plan.version}\nprerelease=${plan.prerelease}\nmajor-tag=${plan.majorTag}\n`;
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, outputs);
  process.stdout.write(`${plan.reason}\n${outputs}`);
}

if (import.meta.main) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof ReleaseTagError)) throw e;
    process.stderr.write(`release-tag: ${e.message}\n`);
    process.exit(1);
  }
}
