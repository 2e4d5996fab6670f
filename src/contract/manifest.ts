import { z } from "zod";
import { SafeName } from "./names.js";
import { CHECKSUMS_FILE } from "./release-files.js";

/**
 * The data contract between goship's actions. build-static writes one fragment per
 * target next to its binary; package-release merges them into goship-manifest.json.
 * Everything read back goes through these schemas.
 */
export const SCHEMA_VERSION = 1;

// A release's file names (contract/release-files), for the manifest's readers and writers.
export {
  BUNDLE_FILE,
  CHECKSUMS_FILE,
  MANIFEST_FILE,
  PROVENANCE_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
} from "./release-files.js";

/**
 * "v1.2.3…" (or "V1.2.3…") → "1.2.3…": a release's version ID from its tag, the one used in
 * archive names, directories and metrics. build-static stamps it; deploy-systemd expects it of
 * a release-tag.
 */
export function versionFromRef(ref: string): string {
  return /^[vV]\d/.test(ref) ? ref.slice(1) : ref;
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "a lowercase hex sha256");

export const BuildSetting = z.object({ key: z.string(), value: z.string() });

export const BinaryRecord = z.object({
  /** File name of the binary: "gin-app", "gin-app.exe". */
  name: SafeName,
  sha256,
  size: z.number().int().nonnegative(),
  /** Unix mode bits to restore (artifact storage does not keep them). */
  mode: z.number().int(),
  /** ELF: no interpreter and no shared libraries; null where the notion does not apply (PE, Mach-O). */
  static: z.boolean().nullable(),
  goVersion: z.string(),
  /** Go's embedded build settings, in the binary's order. */
  buildSettings: z.array(BuildSetting),
});

export const TargetRecord = z.object({
  goos: z.string().regex(/^[a-z0-9]+$/),
  goarch: z.string().regex(/^[a-z0-9]+$/),
  variant: z
    .string()
    .regex(/^[a-z0-9.]+$/)
    .optional(),
});

export const ArtifactFragment = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal("goship.fragment"),
  project: SafeName,
  version: SafeName,
  commit: z.string(),
  /** The commit time, Unix seconds: archive mtimes come from it. */
  sourceDateEpoch: z.number().int().nonnegative(),
  date: z.string(),
  target: TargetRecord,
  binary: BinaryRecord,
});
export type ArtifactFragmentT = z.infer<typeof ArtifactFragment>;

export const FRAGMENT_FILE = "goship-fragment.json";

/** Stable JSON: the schemas fix key order by construction; two spaces and a final newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export const FileRef = z.object({ name: SafeName, sha256, size: z.number().int().nonnegative() });
export type FileRefT = z.infer<typeof FileRef>;

export const ARCHIVE_FORMATS = ["tar.gz", "zip", "binary"] as const;

export const ReleaseArtifact = TargetRecord.extend({
  binary: BinaryRecord.omit({ mode: true }),
  archive: FileRef.extend({ format: z.enum(ARCHIVE_FORMATS) }),
  /** null when the release was made with `sbom: none`. */
  sbom: z.object({ cyclonedx: FileRef.nullable(), spdx: FileRef.nullable() }),
});
export type ReleaseArtifactT = z.infer<typeof ReleaseArtifact>;

/**
 * goship-manifest.json: what a release holds, with digests. SHA256SUMS covers it, so the
 * signature over SHA256SUMS vouches for every file it names.
 */
export const ReleaseManifest = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal("goship.release"),
  project: SafeName,
  version: SafeName,
  commit: z.string(),
  sourceDateEpoch: z.number().int().nonnegative(),
  date: z.string(),
  /** The Go version every binary was built with. */
  go: z.string(),
  artifacts: z.array(ReleaseArtifact).min(1),
  checksums: z.object({
    file: z.literal(CHECKSUMS_FILE),
    /** DER ECDSA signature over SHA256SUMS; null for an unsigned release. */
    signature: SafeName.nullable(),
    /** Sigstore bundle v0.3 for the same signature. */
    bundle: SafeName.nullable(),
    publicKey: SafeName.nullable(),
    publicKeyHint: z.string().nullable(),
    signer: z.enum(["key", "keyless"]).nullable(),
  }),
  provenance: FileRef.nullable(),
});
export type ReleaseManifestT = z.infer<typeof ReleaseManifest>;
