/**
 * A release's file names: package-release writes them, verify and deploy-systemd read them.
 * Named here, apart from the manifest's schemas, so that a reader needs none of the writer's
 * code, and deploy-systemd's host steps none of the schemas (built at start-up otherwise).
 */

/** What a release holds, with digests: ReleaseManifest. */
export const MANIFEST_FILE = "goship-manifest.json";
/** sha256 of every other file of the release, coreutils format, sorted by name. */
export const CHECKSUMS_FILE = "SHA256SUMS";
/** DER ECDSA signature over SHA256SUMS (key signing only). */
export const SIGNATURE_FILE = "SHA256SUMS.sig";
/** Sigstore bundle for the signature over SHA256SUMS. */
export const BUNDLE_FILE = "SHA256SUMS.sigstore.json";
/** The public key that verifies a key-signed release. */
export const PUBLIC_KEY_FILE = "goship.pub";
/** Signed SLSA provenance, one DSSE envelope per line. */
export const PROVENANCE_FILE = "provenance.intoto.jsonl";
