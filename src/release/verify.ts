/**
 * Checks a release directory offline, with nothing but the public key: the signature over
 * SHA256SUMS, every file's digest, the manifest and everything it names, and the signed
 * provenance. The first failure is thrown, named; nothing is trusted before its check.
 */
import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  BUNDLE_FILE,
  CHECKSUMS_FILE,
  type FileRefT,
  MANIFEST_FILE,
  ReleaseManifest,
  type ReleaseManifestT,
  SIGNATURE_FILE,
} from "../contract/manifest.js";
import { SafeName } from "../contract/names.js";
import { errorMessage, inputError, UserError } from "../kit/errors.js";
import { sha256File } from "../kit/hash.js";
import { checkSubjects, parseIntotoJsonl, statementFromEnvelope } from "./provenance.js";
import {
  loadPublicKey,
  type PublicKeyInput,
  publicKeyHint,
  publicKeyInput,
  SigstoreBundle,
  verifyBlob,
  verifyBlobBundle,
  verifyDsse,
} from "./signing.js";

export interface VerifiedRelease {
  manifest: ReleaseManifestT;
  /** What was checked, in order, for the report. */
  checks: string[];
}

const SUMS_LINE = /^([0-9a-f]{64}) {2}(\S+)$/;

/** Parses SHA256SUMS strictly: coreutils text mode, one safe name per line, no duplicates. */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((line, i) => {
    const m = SUMS_LINE.exec(line);
    if (!m || !SafeName.safeParse(m[2]).success)
      throw new UserError(
        `${CHECKSUMS_FILE}:${i + 1}: not a "<sha256>  <file name>" line: ${JSON.stringify(line)}`,
      );
    const [, digest, name] = m as unknown as [string, string, string];
    if (sums.has(name)) throw new UserError(`${CHECKSUMS_FILE}: ${name} is listed twice`);
    sums.set(name, digest);
  });
  return sums;
}

/**
 * `from` names where the public key came from (deploy-systemd's `public-key` by default), so
 * that a key that is no key, or not the one that signed, is reported against that input.
 */
export async function verifyRelease(
  dir: string,
  publicKeyPem: string,
  from: PublicKeyInput = publicKeyInput(publicKeyPem),
): Promise<VerifiedRelease> {
  const checks: string[] = [];
  const ours = publicKeyHint(loadPublicKey(publicKeyPem, from));
  const byKey = `by the key in input "${from.input}" (${ours})`;
  const read = async (name: string) => {
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (!st?.isFile()) throw new UserError(`${name}: missing from ${dir}`);
    return readFile(path);
  };

  // 1. The signature over SHA256SUMS, before anything in it is believed.
  const sumsBytes = await read(CHECKSUMS_FILE);
  const sigPath = join(dir, SIGNATURE_FILE);
  const hasSig = (await lstat(sigPath).catch(() => undefined))?.isFile();
  const hasBundle = (await lstat(join(dir, BUNDLE_FILE)).catch(() => undefined))?.isFile();
  if (!hasSig && !hasBundle)
    throw new UserError(
      `${CHECKSUMS_FILE} is not signed: neither ${SIGNATURE_FILE} nor ${BUNDLE_FILE} is there`,
    );
  // Only for the message when a signature fails: the key the bundle names (a hint, never trusted).
  const theirs = async (): Promise<string | undefined> => {
    if (!hasBundle) return undefined;
    try {
      const b = SigstoreBundle.safeParse(JSON.parse((await read(BUNDLE_FILE)).toString("utf8")));
      return b.success ? b.data.verificationMaterial.publicKey?.hint : undefined;
    } catch {
      return undefined;
    }
  };
  const whyNot = async () => {
    const hint = await theirs();
    if (hint === undefined)
      return `the release was signed by another key, or ${CHECKSUMS_FILE} changed after signing`;
    if (hint === ours)
      return `the release names this key too: ${CHECKSUMS_FILE} or its signature changed after signing`;
    return `the release names key ${hint}: verify with that key's goship.pub only if it is yours`;
  };
  if (hasSig) {
    if (!verifyBlob(sumsBytes, await read(SIGNATURE_FILE), publicKeyPem))
      throw new UserError(
        `${SIGNATURE_FILE}: not a valid signature of ${CHECKSUMS_FILE} ${byKey}; ${await whyNot()}`,
      );
    checks.push(`${SIGNATURE_FILE}: signature of ${CHECKSUMS_FILE} verifies`);
  }
  if (hasBundle) {
    const bundle = SigstoreBundle.safeParse(JSON.parse((await read(BUNDLE_FILE)).toString("utf8")));
    if (!bundle.success) throw new UserError(`${BUNDLE_FILE}: not a Sigstore bundle`);
    if (!verifyBlobBundle(sumsBytes, bundle.data, publicKeyPem))
      throw new UserError(
        `${BUNDLE_FILE}: its signature does not verify ${CHECKSUMS_FILE} ${byKey}; ${await whyNot()}`,
      );
    checks.push(`${BUNDLE_FILE}: bundle verifies ${CHECKSUMS_FILE}`);
  }

  // 2. Every file SHA256SUMS names has that digest.
  const sums = parseChecksums(sumsBytes.toString("utf8"));
  for (const [name, digest] of sums) {
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (!st?.isFile()) throw new UserError(`${name}: listed in ${CHECKSUMS_FILE} but missing`);
    const { sha256 } = await sha256File(path);
    if (sha256 !== digest)
      throw new UserError(`${name}: sha256 ${sha256} differs from ${CHECKSUMS_FILE}'s ${digest}`);
  }
  checks.push(`${CHECKSUMS_FILE}: ${sums.size} file(s) match`);

  // 3. The manifest is covered, parses, and every file it names is covered with its digest.
  if (!sums.has(MANIFEST_FILE)) throw new UserError(`${MANIFEST_FILE}: not listed in ${CHECKSUMS_FILE}`);
  let manifest: ReleaseManifestT;
  try {
    manifest = ReleaseManifest.parse(JSON.parse((await read(MANIFEST_FILE)).toString("utf8")));
  } catch (e) {
    throw new UserError(`${MANIFEST_FILE}: not a goship release manifest: ${errorMessage(e)}`);
  }
  const covered = (ref: FileRefT | null, what: string) => {
    if (!ref) return;
    const digest = sums.get(ref.name);
    if (digest === undefined)
      throw new UserError(`${ref.name} (${what}): named by ${MANIFEST_FILE} but not in ${CHECKSUMS_FILE}`);
    if (digest !== ref.sha256)
      throw new UserError(
        `${ref.name} (${what}): ${MANIFEST_FILE} says sha256 ${ref.sha256}, ${CHECKSUMS_FILE} ${digest}`,
      );
  };
  for (const a of manifest.artifacts) {
    covered(a.archive, "archive");
    covered(a.sbom.cyclonedx, "CycloneDX SBOM");
    covered(a.sbom.spdx, "SPDX SBOM");
  }
  covered(manifest.provenance, "provenance");
  checks.push(
    `${MANIFEST_FILE}: ${manifest.project} ${manifest.version}, ${manifest.artifacts.length} target(s), every file it names matches`,
  );

  // 4. The provenance is signed by the same key and its subjects are exactly the archives.
  if (manifest.provenance) {
    const envelopes = parseIntotoJsonl(
      (await read(manifest.provenance.name)).toString("utf8"),
      manifest.provenance.name,
    );
    const envelope = envelopes[0];
    if (envelopes.length !== 1 || !envelope)
      throw new UserError(`${manifest.provenance.name}: expected one envelope, found ${envelopes.length}`);
    if (!verifyDsse(envelope, publicKeyPem))
      throw new UserError(`${manifest.provenance.name}: the DSSE signature does not verify ${byKey}`);
    checkSubjects(
      statementFromEnvelope(envelope),
      manifest.artifacts.map((a) => ({ name: a.archive.name, sha256: a.archive.sha256 })),
    );
    checks.push(
      `${manifest.provenance.name}: signed; its subjects are the ${manifest.artifacts.length} archive(s)`,
    );
  }
  return { manifest, checks };
}

/** One thing a release must be, and the input that says so (named in the error). */
export interface Expected {
  input: string;
  /** The input's value, as given. */
  value: string;
  /** What the manifest must say. */
  want: string;
  /** What is allowed, in words, when the input's value is not simply `want`. */
  allowed?: string;
}

/**
 * A release whose signature verifies can still be the wrong one: an older release of the
 * project put under a newer tag by someone who can edit a release's assets, or another
 * project's release signed with the same key. Its manifest's version and project must be
 * the expected ones. Runs on a verified manifest, before anything is done with it.
 */
export function checkReleaseIdentity(
  manifest: ReleaseManifestT,
  expected: { version?: Expected; project?: Expected },
): void {
  for (const field of ["version", "project"] as const) {
    const e = expected[field];
    if (e === undefined || manifest[field] === e.want) continue;
    throw inputError(
      e.input,
      e.value,
      `${e.allowed ?? `the release's ${field}`}; its ${MANIFEST_FILE} says ${manifest.project} ${manifest.version}`,
    );
  }
}
