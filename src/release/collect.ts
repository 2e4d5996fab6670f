/**
 * Fan-in: the per-target outputs of build-static (a binary and its manifest fragment per
 * directory), gathered from workflow artifacts or a local directory, checked for being one
 * consistent release, with the file modes artifact storage dropped put back.
 */
import { chmod, lstat, mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ArtifactFragment,
  type ArtifactFragmentT,
  FRAGMENT_FILE,
  SCHEMA_VERSION,
} from "../contract/manifest.js";
import { KNOWN_PLATFORMS } from "../contract/platforms-known.js";
import { formatTarget, VARIANTS } from "../contract/targets.js";
import { errorMessage, inputError, UserError } from "../kit/errors.js";
import { globToRegExp } from "../kit/files.js";
import { sha256File } from "../kit/hash.js";
import { info } from "../kit/log.js";

export interface CollectedBinary {
  /** Where it came from: the artifact (or subdirectory) name, for messages. */
  source: string;
  fragment: ArtifactFragmentT;
  /** The binary on disk, checked against the fragment's digest and size. */
  path: string;
}

export interface ReleaseSet {
  project: string;
  version: string;
  commit: string;
  sourceDateEpoch: number;
  date: string;
  goVersion: string;
  /** Sorted by target. */
  binaries: CollectedBinary[];
}

/**
 * Downloads every artifact of this workflow run whose name matches `pattern` into
 * `<into>/<name>/`. Returns the names, sorted.
 */
export async function downloadRunArtifacts(pattern: string, into: string): Promise<string[]> {
  // Loaded only here: the artifact client is a large share of the bundle's memory.
  const { DefaultArtifactClient } = await import("@actions/artifact");
  const client = new DefaultArtifactClient();
  const match = globToRegExp(pattern);
  let listed: Awaited<ReturnType<typeof client.listArtifacts>>;
  try {
    listed = await client.listArtifacts({ latest: true });
  } catch (e) {
    throw new UserError(`listing this run's artifacts failed: ${errorMessage(e)}`);
  }
  const wanted = listed.artifacts
    .filter((a) => match.test(a.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (wanted.length === 0) {
    const names = listed.artifacts.map((a) => a.name).sort();
    throw inputError(
      "artifacts",
      pattern,
      `a name pattern matching this run's build-static artifacts (the run has ${names.length ? names.join(", ") : "no artifacts"})`,
    );
  }
  for (const a of wanted) {
    const dir = join(into, a.name);
    await mkdir(dir, { recursive: true });
    try {
      await client.downloadArtifact(a.id, { path: dir });
    } catch (e) {
      throw new UserError(`downloading artifact ${a.name} failed: ${errorMessage(e)}`);
    }
    info(`downloaded ${a.name} (${a.size} bytes)`);
  }
  return wanted.map((a) => a.name);
}

/**
 * Reads `<dir>/<sub>/goship-fragment.json` for every subdirectory (build-static's
 * output-dir, or downloaded artifacts), checks each binary against its fragment and
 * restores its mode. `input` names the input that pointed here, for errors.
 */
export async function collectBinaries(dir: string, input: string, shown = dir): Promise<CollectedBinary[]> {
  let subdirs: string[];
  try {
    subdirs = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (e) {
    throw inputError(input, shown, `a directory of build-static output (${errorMessage(e)})`);
  }
  const found: CollectedBinary[] = [];
  for (const sub of subdirs) {
    const fragmentPath = join(dir, sub, FRAGMENT_FILE);
    let text: string;
    try {
      text = await readFile(fragmentPath, "utf8");
    } catch {
      continue; // not build-static output
    }
    const fragment = parseFragment(text, `${sub}/${FRAGMENT_FILE}`, input, shown);
    checkKnownTarget(fragment, sub, input, shown);
    const path = join(dir, sub, fragment.binary.name);
    const st = await lstat(path).catch(() => undefined);
    if (!st?.isFile())
      throw new UserError(
        `${sub}: the fragment names ${fragment.binary.name}, which is not a regular file there`,
      );
    const { sha256, size } = await sha256File(path);
    if (sha256 !== fragment.binary.sha256 || size !== fragment.binary.size)
      throw new UserError(
        `${sub}/${fragment.binary.name}: sha256 ${sha256} (${size} bytes) differs from its fragment's ${fragment.binary.sha256} (${fragment.binary.size} bytes): the artifact changed after build-static verified it`,
      );
    await chmod(path, fragment.binary.mode & 0o777);
    found.push({ source: sub, fragment, path });
  }
  if (found.length === 0)
    throw inputError(
      input,
      shown,
      `a directory with build-static output (<name>/${FRAGMENT_FILE}); none found`,
    );
  return found;
}

/** A fragment as build-static writes it; anything else names the input, the file and what in it does not fit. */
function parseFragment(text: string, file: string, input: string, shown: string): ArtifactFragmentT {
  const allowed = `build-static output, whose ${FRAGMENT_FILE} files have schemaVersion ${SCHEMA_VERSION}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw inputError(input, shown, `${allowed}; ${file} is not JSON (${errorMessage(e)})`);
  }
  const parsed = ArtifactFragment.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const what = issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(the document)"}: ${i.message}`)
    .join("; ");
  throw inputError(
    input,
    shown,
    `${allowed}; ${file} does not fit: ${what}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`,
  );
}

function checkKnownTarget(f: ArtifactFragmentT, sub: string, input: string, shown: string): void {
  const { goos, goarch, variant } = f.target;
  const known = KNOWN_PLATFORMS.some((p) => p.goos === goos && p.goarch === goarch);
  const variantOk = !variant || VARIANTS[goarch]?.values.includes(variant);
  if (!known || !variantOk)
    throw inputError(
      input,
      shown,
      `binaries for targets Go knows; ${sub}/${FRAGMENT_FILE} says ${formatTarget(f.target)}`,
    );
}

/** One release: every fragment agrees on project, version, commit and Go; no target twice. */
export function mergeFragments(binaries: readonly CollectedBinary[]): ReleaseSet {
  const first = binaries[0];
  if (!first) throw new UserError("no build-static output to release");
  const same = (field: string, get: (f: ArtifactFragmentT) => string | number) => {
    for (const b of binaries.slice(1)) {
      if (get(b.fragment) !== get(first.fragment))
        throw new UserError(
          `${first.source} and ${b.source} are not from one build: ${field} ${JSON.stringify(get(first.fragment))} vs ${JSON.stringify(get(b.fragment))}`,
        );
    }
  };
  same("project", (f) => f.project);
  same("version", (f) => f.version);
  same("commit", (f) => f.commit);
  same("sourceDateEpoch", (f) => f.sourceDateEpoch);
  same("Go version", (f) => f.binary.goVersion);
  const seen = new Map<string, string>();
  for (const b of binaries) {
    const t = formatTarget(b.fragment.target);
    const other = seen.get(t);
    if (other) throw new UserError(`${t} is there twice: ${other} and ${b.source}`);
    seen.set(t, b.source);
  }
  const sorted = [...binaries].sort((a, b) =>
    formatTarget(a.fragment.target) < formatTarget(b.fragment.target) ? -1 : 1,
  );
  return {
    project: first.fragment.project,
    version: first.fragment.version,
    commit: first.fragment.commit,
    sourceDateEpoch: first.fragment.sourceDateEpoch,
    date: first.fragment.date,
    goVersion: first.fragment.binary.goVersion,
    binaries: sorted,
  };
}
