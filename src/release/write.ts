/**
 * Turns one consistent set of build-static binaries into a release directory: archives,
 * SBOMs, signed provenance, the manifest, SHA256SUMS and its signature. Everything is
 * written into a staging directory first and swapped in whole, so a failure part-way
 * leaves the previous output as it was; a re-run writes the same bytes.
 */

import type { Dirent } from "node:fs";
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  writeFile,
} from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ArchiveEntry } from "../archive/write.js";
import { readBuildInfo } from "../build/buildinfo.js";
import {
  BUNDLE_FILE,
  CHECKSUMS_FILE,
  type FileRefT,
  MANIFEST_FILE,
  PROVENANCE_FILE,
  PUBLIC_KEY_FILE,
  type ReleaseArtifactT,
  ReleaseManifest,
  type ReleaseManifestT,
  SCHEMA_VERSION,
  SIGNATURE_FILE,
  stableJson,
} from "../contract/manifest.js";
import { formatTarget, type Target, targetSlug } from "../contract/targets.js";
import { errorMessage, inputError, UserError } from "../kit/errors.js";
import { isWithin } from "../kit/files.js";
import { sha256File } from "../kit/hash.js";
import { info, warning } from "../kit/log.js";
import { progress } from "../kit/progress.js";
import { GOSHIP_HOME } from "../kit/version.js";
import type { ReleaseSet } from "./collect.js";
import type { workflowRunFromEnv } from "./provenance.js";
import { CYCLONEDX_SUFFIX, cyclonedxSbom, SPDX_SUFFIX, spdxSbom } from "./sbom.js";
import type { Signer } from "./signing.js";

export type ArchiveFormat = "auto" | "tar.gz" | "zip" | "binary";

export interface ReleaseOptions {
  set: ReleaseSet;
  outputDir: string;
  /** Files added to every archive (LICENSE, README…), mode 0644, under their base names. */
  extraFiles: readonly string[];
  archiveFormat: ArchiveFormat;
  sbom: { cyclonedx: boolean; spdx: boolean };
  provenance: boolean;
  /** Undefined: an unsigned release (no .sig, no bundle, no provenance). */
  signer?: Signer & { publicKeyPem?: string; hint?: string };
  /** goship's version, named in SBOMs and provenance. */
  toolVersion: string;
  env?: NodeJS.ProcessEnv;
}

export interface ReleaseResult {
  dir: string;
  manifest: ReleaseManifestT;
  /** Every file of the release directory, sorted by name. */
  assets: FileRefT[];
}

/** `<project>_<version>_<goos>_<goarch>[_<variant>]`: the stem of every per-target file. */
export function releaseStem(project: string, version: string, target: Target): string {
  return `${project}_${version}_${targetSlug(target)}`;
}

function formatFor(format: ArchiveFormat, goos: string): "tar.gz" | "zip" | "binary" {
  if (format !== "auto") return format;
  return goos === "windows" ? "zip" : "tar.gz";
}

export async function writeRelease(opts: ReleaseOptions): Promise<ReleaseResult> {
  const { set } = opts;
  const outputDir = opts.outputDir.replace(/\/+$/, "");
  const staging = `${outputDir}.goship-staging`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  // Every file is hashed once: the archive writers report their digest, the rest are read here.
  const refs = new Map<string, FileRefT>();
  const ref = async (name: string): Promise<FileRefT> => {
    let r = refs.get(name);
    if (!r) {
      r = { name, ...(await sha256File(join(staging, name))) };
      refs.set(name, r);
    }
    return r;
  };

  const extras: ArchiveEntry[] = opts.extraFiles.map((f) => ({ name: basename(f), source: f, mode: 0o644 }));
  // The compressor loads here rather than with the action: its first line does not wait for it.
  const { writeTarGz, writeZip } = await import("../archive/write.js");
  const artifacts: ReleaseArtifactT[] = [];
  for (const [index, b] of set.binaries.entries()) {
    const { target, binary } = b.fragment;
    const stem = releaseStem(set.project, set.version, target);
    const format = formatFor(opts.archiveFormat, target.goos);
    const label = formatTarget(target);
    let archive: FileRefT;
    const archived = progress.start(
      `${label}: ${format === "binary" ? "copy the binary" : `${format} archive`}`,
      {
        index,
        total: set.binaries.length,
      },
    );
    if (format === "binary") {
      const name = `${stem}${target.goos === "windows" ? ".exe" : ""}`;
      await copyFile(b.path, join(staging, name));
      await chmod(join(staging, name), 0o755);
      archive = await ref(name);
    } else {
      const name = `${stem}.${format}`;
      const entries = [{ name: binary.name, source: b.path, mode: 0o755 as const }, ...extras];
      const write = format === "zip" ? writeZip : writeTarGz;
      const res = await write(join(staging, name), entries, { mtime: set.sourceDateEpoch });
      archive = { name, sha256: res.sha256, size: res.size };
      refs.set(name, archive);
    }
    archived();
    info(`${stem}: ${archive.name} ${archive.sha256.slice(0, 16)}`);

    let cyclonedx: FileRefT | null = null;
    let spdx: FileRefT | null = null;
    if (opts.sbom.cyclonedx || opts.sbom.spdx) {
      const kinds = [opts.sbom.cyclonedx ? "CycloneDX" : "", opts.sbom.spdx ? "SPDX" : ""].filter(Boolean);
      const sbomDone = progress.start(`${label}: SBOM (${kinds.join(", ")})`);
      const buildInfo = await readBuildInfo(b.path);
      const meta = {
        project: set.project,
        version: set.version,
        commit: set.commit,
        sourceDateEpoch: set.sourceDateEpoch,
        target,
        binary: { name: binary.name, sha256: binary.sha256 },
        toolVersion: opts.toolVersion,
      };
      if (opts.sbom.cyclonedx) {
        await writeFile(join(staging, stem + CYCLONEDX_SUFFIX), stableJson(cyclonedxSbom(buildInfo, meta)));
        cyclonedx = await ref(stem + CYCLONEDX_SUFFIX);
      }
      if (opts.sbom.spdx) {
        await writeFile(join(staging, stem + SPDX_SUFFIX), stableJson(spdxSbom(buildInfo, meta)));
        spdx = await ref(stem + SPDX_SUFFIX);
      }
      sbomDone();
    }
    const { mode: _mode, ...binaryRecord } = binary;
    artifacts.push({
      ...target,
      binary: binaryRecord,
      archive: { ...archive, format },
      sbom: { cyclonedx, spdx },
    });
  }

  let provenance: FileRefT | null = null;
  if (opts.provenance && !opts.signer) {
    warning(
      'provenance skipped: it is a signed statement, and this release has no signer (give "signing-key", or "keyless: true")',
    );
  } else if (opts.provenance && opts.signer) {
    const { intotoJsonlLine, provenanceStatement, statementPayload, workflowRunFromEnv } = await import(
      "./provenance.js"
    );
    const { IN_TOTO_PAYLOAD_TYPE } = await import("./dsse.js");
    const env = opts.env ?? process.env;
    const run = workflowRunFromEnv(env);
    const statement = provenanceStatement({
      subjects: artifacts.map((a) => ({ name: a.archive.name, sha256: a.archive.sha256 })),
      source: { commit: set.commit },
      builderId: builderId(run),
      builderVersion: opts.toolVersion,
      run,
      build: {
        goVersion: set.goVersion,
        targets: set.binaries.map((b) => ({
          ...b.fragment.target,
          settings: b.fragment.binary.buildSettings,
        })),
      },
      sourceDateEpoch: set.sourceDateEpoch,
    });
    const payload = statementPayload(statement);
    const { envelope } = await opts.signer.signDsse(IN_TOTO_PAYLOAD_TYPE, payload);
    await writeFile(join(staging, PROVENANCE_FILE), intotoJsonlLine(envelope));
    provenance = await ref(PROVENANCE_FILE);
  }

  const keyMode = opts.signer?.kind === "key";
  const manifest: ReleaseManifestT = {
    schemaVersion: SCHEMA_VERSION,
    kind: "goship.release",
    project: set.project,
    version: set.version,
    commit: set.commit,
    sourceDateEpoch: set.sourceDateEpoch,
    date: set.date,
    go: set.goVersion,
    artifacts,
    checksums: {
      file: CHECKSUMS_FILE,
      signature: keyMode ? SIGNATURE_FILE : null,
      bundle: opts.signer ? BUNDLE_FILE : null,
      publicKey: keyMode ? PUBLIC_KEY_FILE : null,
      publicKeyHint: opts.signer?.hint ?? null,
      signer: opts.signer?.kind ?? null,
    },
    provenance,
  };
  await writeFile(join(staging, MANIFEST_FILE), stableJson(manifest));

  // SHA256SUMS: coreutils format ("<hex>  <name>"), sorted by name, over everything above.
  const covered = (await readdir(staging)).sort();
  const lines: string[] = [];
  for (const name of covered) lines.push(`${(await ref(name)).sha256}  ${name}`);
  const sums = Buffer.from(`${lines.join("\n")}\n`);
  await writeFile(join(staging, CHECKSUMS_FILE), sums);

  if (opts.signer) {
    const signed = await opts.signer.signBlob(sums, CHECKSUMS_FILE);
    if (signed.signature) await writeFile(join(staging, SIGNATURE_FILE), signed.signature);
    await writeFile(join(staging, BUNDLE_FILE), stableJson(signed.bundle));
    if (opts.signer.publicKeyPem) await writeFile(join(staging, PUBLIC_KEY_FILE), opts.signer.publicKeyPem);
  }

  const assets: FileRefT[] = [];
  for (const name of (await readdir(staging)).sort()) assets.push(await ref(name));
  await swapIn(staging, outputDir);
  return { dir: outputDir, manifest, assets };
}

/** Who ran the build: the workflow file on GitHub, else goship in local mode. */
function builderId(run: ReturnType<typeof workflowRunFromEnv>): string {
  if (run.serverUrl && run.workflowRef) return `${run.serverUrl}/${run.workflowRef}`;
  return `${GOSHIP_HOME}/local`;
}

// ─── The output directory ─────────────────────────────────────────────────────────────

/**
 * The swap replaces the output directory whole, so it may only ever replace an earlier
 * release: the directory must not be the working directory or hold it, must not hold what
 * the run reads (build-static's output), and must be absent, empty, or hold a goship release
 * and nothing else. `given` is the input's value as the user wrote it, for the message.
 * Called before anything is read or written; nothing is changed when it refuses.
 */
export async function checkOutputDir(
  given: string,
  outputDir: string,
  guard: { workTree: string; inputs: readonly { input: string; path: string }[] },
): Promise<void> {
  const refuse = (why: string) =>
    inputError(
      "output-dir",
      given,
      `a directory for the release alone (new, empty, or an earlier goship release, which is replaced whole); ${why}`,
    );
  const dir = await realpathOrBelow(outputDir);
  const holds = (inner: string) => isWithin(dir, inner);
  const workTree = await realpathOrBelow(guard.workTree);
  if (holds(workTree))
    throw refuse(
      dir === workTree ? `${dir} is the working directory` : `${dir} holds the working directory ${workTree}`,
    );
  for (const { input, path } of guard.inputs) {
    const inner = await realpathOrBelow(path);
    if (holds(inner))
      throw refuse(`${dir} ${dir === inner ? "is" : "holds"} ${input} (${inner}), which this run reads`);
  }
  const problem = await notAnEarlierRelease(outputDir);
  if (problem) throw refuse(problem);
}

/** The real path of `path`, or of its deepest existing parent with the rest appended. */
async function realpathOrBelow(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch (e) {
    const parent = dirname(abs);
    if ((e as NodeJS.ErrnoException).code !== "ENOENT" || parent === abs) return abs;
    return join(await realpathOrBelow(parent), basename(abs));
  }
}

/** Why `dir` is something the swap must not remove; undefined when it is absent, empty, or a goship release alone. */
async function notAnEarlierRelease(dir: string): Promise<string | undefined> {
  let st: Awaited<ReturnType<typeof lstat>>;
  try {
    st = await lstat(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return `${dir} cannot be read: ${errorMessage(e)}`;
  }
  if (st.isSymbolicLink()) return `${dir} is a symbolic link`;
  if (!st.isDirectory()) return `${dir} exists and is not a directory`;
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    return `${dir} cannot be read: ${errorMessage(e)}`;
  }
  if (entries.length === 0) return undefined;
  const some = (names: string[]) =>
    names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
  const names = entries.map((e) => e.name).sort();
  if (!names.includes(MANIFEST_FILE))
    return `${dir} holds ${some(names)} and no ${MANIFEST_FILE}: it is not an earlier release`;
  let manifest: ReleaseManifestT;
  try {
    manifest = ReleaseManifest.parse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8")));
  } catch {
    return `${dir}/${MANIFEST_FILE} is not a goship release manifest`;
  }
  const own = new Set<string>([MANIFEST_FILE, CHECKSUMS_FILE, SIGNATURE_FILE, BUNDLE_FILE, PUBLIC_KEY_FILE]);
  for (const a of manifest.artifacts)
    for (const f of [a.archive, a.sbom.cyclonedx, a.sbom.spdx]) if (f) own.add(f.name);
  if (manifest.provenance) own.add(manifest.provenance.name);
  const foreign = entries.filter((e) => !(e.isFile() && own.has(e.name))).map((e) => e.name);
  if (foreign.length > 0)
    return `${dir} holds ${some(foreign.sort())}, which ${foreign.length === 1 ? "is" : "are"} not part of the goship release there`;
  return undefined;
}

/**
 * Replaces `dir` by `staging` with two renames; the old directory is removed only after.
 * What is replaced is checked once more here, where it is removed: an earlier release only.
 */
async function swapIn(staging: string, dir: string): Promise<void> {
  const problem = await notAnEarlierRelease(dir);
  if (problem) {
    await rm(staging, { recursive: true, force: true });
    throw inputError("output-dir", dir, `a directory for the release alone; ${problem}`);
  }
  await mkdir(dirname(dir), { recursive: true });
  const old = `${dir}.goship-old`;
  await rm(old, { recursive: true, force: true });
  try {
    await rename(dir, old);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  try {
    await rename(staging, dir);
  } catch (e) {
    await rename(old, dir).catch(() => undefined);
    throw new UserError(`could not move the release into ${dir}: ${errorMessage(e)}`);
  }
  await rm(old, { recursive: true, force: true });
}
