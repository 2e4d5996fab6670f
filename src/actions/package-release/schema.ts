import { z } from "zod";
import { SAFE_NAME } from "../../contract/names.js";
import { boolean, choice, line, list, runnerDefault, secret, text } from "../../kit/inputs.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000b-\u001f\u007f]*$/;

export const inputs = z.object({
  artifacts: text(
    /^[A-Za-z0-9._*?+-]+$/,
    "an artifact name pattern: letters, digits, . _ + - and the wildcards * ?",
  )
    .optional()
    .describe(
      "Artifact name pattern to download from this run (* and ?). Default: <project-name>-*, else every artifact holding build-static output.",
    ),
  "artifacts-dir": line("a directory path")
    .optional()
    .describe(
      "A local directory of build-static output (its output-dir) instead of artifacts. Default in local mode: dist/bin.",
    ),
  "project-name": text(SAFE_NAME, "letters, digits and . _ + - (no slashes)")
    .optional()
    .describe(
      "Project name in archive names <project>_<version>_<goos>_<goarch>[_<variant>]. Default: build-static's, the Go module's name (github.com/acme/shop \u2192 shop).",
    ),
  version: text(SAFE_NAME, "a version ID: letters, digits and . _ + - (no slashes or spaces)")
    .optional()
    .describe("Version ID. Default: the binaries' own (from their fragments); a different value is refused."),
  files: list(
    text(/^(?![/\\])(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._*?+/-]+$/, "relative file patterns without .."),
    "comma- or newline-separated relative file patterns without ..",
  )
    .prefault("LICENSE*,README*")
    .describe(
      "Extra files for every archive: comma- or newline-separated patterns relative to the working directory.",
    ),
  "archive-format": choice(["auto", "tar.gz", "zip", "binary"])
    .default("auto")
    .describe("auto (tar.gz, zip for windows), tar.gz, zip, or binary (the bare binary, renamed)."),
  "signing-key": secret(
    // Any PEM private key gets through here; the loader says precisely what it is and why not.
    text(
      /^-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]+-----END \1-----$/,
      "a PEM private key: cosign's ENCRYPTED SIGSTORE PRIVATE KEY, or an unencrypted PKCS#8 EC P-256 PRIVATE KEY",
    ),
  )
    .optional()
    .describe(
      "PEM signing key (a secret): cosign's ENCRYPTED SIGSTORE PRIVATE KEY, or an unencrypted PKCS#8 EC P-256 key.",
    ),
  "signing-key-password": secret(text(NO_CONTROL, "the key's password"))
    .optional()
    .describe("Password of an encrypted signing-key (a secret)."),
  keyless: boolean()
    .prefault("false")
    .describe(
      "Sign through Sigstore with the workflow's OIDC identity (needs permissions id-token: write and attestations: write).",
    ),
  sbom: list(choice(["cyclonedx", "spdx", "none"]), "cyclonedx, spdx (comma-separated), or none")
    .prefault("cyclonedx,spdx")
    .refine((l) => !(l.includes("none") && l.length > 1), "allowed: none alone, or cyclonedx and/or spdx")
    .transform((l) => ({ cyclonedx: l.includes("cyclonedx"), spdx: l.includes("spdx") }))
    .describe("SBOM formats per binary: cyclonedx, spdx (comma-separated), or none."),
  provenance: boolean()
    .prefault("true")
    .describe("Write SLSA v1 provenance as a signed in-toto statement (provenance.intoto.jsonl)."),
  publish: choice(["none", "draft", "release"])
    .default("none")
    .describe("none, draft (upload to a draft release), or release (upload, then publish)."),
  tag: text(/^(?!.*\.\.)(?!\/)[A-Za-z0-9._+/-]+$/, "a git tag name")
    .optional()
    .describe("Release tag. Default: the pushed tag."),
  "release-notes": text(NO_CONTROL, "text without control characters, or generate")
    .optional()
    .describe("Release notes text, or generate for GitHub's generated notes."),
  prerelease: choice(["auto", "true", "false"])
    .default("auto")
    .describe("auto (a pre-release when the version has a semver pre-release part), true or false."),
  "replace-assets": boolean()
    .prefault("false")
    .describe("Replace a same-named release asset whose digest differs, instead of failing."),
  "github-token": runnerDefault(secret(line("a token")), "github.token")
    .optional()
    .describe("Token for publishing (needs contents write)."),
  "output-dir": line("a directory path")
    .default("dist/release")
    .describe(
      "Where the release files go. Inside the git work tree and not ignored, it is added to .git/info/exclude (once), so the release never makes the tree dirty.",
    ),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = {
  manifest: "Path of goship-manifest.json",
  checksums: "Path of SHA256SUMS",
  assets: "JSON list of the release files: name, sha256, size",
  "public-key-hint": "Hint (key id) of the signing key, as in the Sigstore bundle",
  "release-url": "The GitHub Release's page, when published",
  "release-id": "The GitHub Release's id, when published",
} as const;
