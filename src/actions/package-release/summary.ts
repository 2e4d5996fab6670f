import { BUNDLE_FILE, CHECKSUMS_FILE, type FileRefT, SIGNATURE_FILE } from "../../contract/manifest.js";
import { formatTarget } from "../../contract/targets.js";
import { bytes } from "../../kit/log.js";
import { Summary } from "../../kit/summary.js";
import type { ReleaseResult } from "../../release/write.js";

/** The public key the repository holds, which users verify with (never the release's own copy). */
export interface CommittedKey {
  /** Its path in the repository, e.g. "goship.pub". */
  path: string;
  /** Whether it is the key this release was signed with. */
  matches: boolean;
  /** Where a user downloads it without a login, when the repository's host serves raw files. */
  url?: string;
}

export interface ReleaseReport {
  release: Pick<ReleaseResult, "manifest" | "assets">;
  signer?: { kind: "key" | "keyless"; hint?: string };
  /** Undefined when the repository holds no goship.pub. */
  committedKey?: CommittedKey;
  published?: { url: string; status: ReadonlyMap<string, string> };
}

/** The line that says whether and how the release is signed, and whether users can check it. */
function signatureStatus(r: ReleaseReport): string {
  const s = r.signer;
  if (!s) return "⚠️ **unsigned**: no signing-key and keyless is off";
  if (s.kind === "keyless") return "✅ signed keyless (Sigstore, the workflow's identity)";
  const hint = s.hint ? ` (hint \`${s.hint}\`)` : "";
  if (!r.committedKey)
    return `⚠️ signed with a key${hint} that the repository does not hold: commit its public key as \`goship.pub\` so users verify with a copy they trust`;
  if (!r.committedKey.matches)
    return `❌ signed with a key${hint} that is **not** the repository's \`${r.committedKey.path}\`: users who verify with it will fail`;
  return `✅ signed with the repository's \`${r.committedKey.path}\`${hint}`;
}

/**
 * Status first (what was released, its signature, the release link), then one row per
 * target (archive, SBOMs, size, digest), every file collapsed, and how to verify it with
 * the repository's public key.
 */
export function releaseSummary(r: ReleaseReport): Summary {
  const m = r.release.manifest;
  const n = m.artifacts.length;
  const summary = new Summary()
    .heading("package-release")
    .status(
      true,
      `**${m.project} ${m.version}** from \`${m.commit.slice(0, 12)}\`: ${n} target${n === 1 ? "" : "s"} packaged` +
        (r.published ? `, [published](${r.published.url})` : ""),
    )
    .paragraph(signatureStatus(r));
  if (r.published) summary.paragraph(`Release: ${r.published.url}`);

  const sboms = (a: (typeof m.artifacts)[number]) =>
    [a.sbom.cyclonedx ? "CycloneDX" : "", a.sbom.spdx ? "SPDX" : ""].filter(Boolean).join(", ") || "—";
  summary.table(
    ["target", "archive", "size", "sha256", "SBOMs"],
    m.artifacts.map((a) => [
      formatTarget(a),
      `\`${a.archive.name}\``,
      bytes(a.archive.size),
      `\`${a.archive.sha256.slice(0, 16)}\``,
      sboms(a),
    ]),
    ["l", "l", "r", "l", "l"],
  );

  const status = r.published?.status;
  const files = (assets: readonly FileRefT[]) =>
    new Summary().table(
      ["file", "size", "sha256", ...(status ? ["release"] : [])],
      assets.map((a) => [
        `\`${a.name}\``,
        bytes(a.size),
        `\`${a.sha256}\``,
        ...(status ? [status.get(a.name) ?? ""] : []),
      ]),
      ["l", "r", "l", "l"],
    );
  summary.details(`Every file of the release (${r.release.assets.length})`, files(r.release.assets));

  if (r.signer?.kind === "key") {
    const key = "trusted.pub";
    const fetch = r.committedKey?.url
      ? `curl -fsSLo ${key} ${r.committedKey.url}`
      : `cp /path/to/your/clone/${r.committedKey?.path ?? "goship.pub"} ${key}`;
    summary
      .paragraph(
        "Verify it, with no GitHub login, in the directory of the downloaded assets, with the public key from the repository (not the copy inside the release):",
      )
      .code(
        [
          fetch,
          `sha256sum -c --strict ${CHECKSUMS_FILE}`,
          `openssl dgst -sha256 -verify ${key} -signature ${SIGNATURE_FILE} ${CHECKSUMS_FILE}`,
          `cosign verify-blob --key ${key} --bundle ${BUNDLE_FILE} --insecure-ignore-tlog ${CHECKSUMS_FILE}`,
          `npx --yes https://github.com/goship/goship/releases/latest/download/goship.tgz verify . --public-key ${key}`,
        ].join("\n"),
        "sh",
      );
  }
  return summary;
}
