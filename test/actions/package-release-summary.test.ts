import { describe, expect, it } from "vitest";
import { type ReleaseReport, releaseSummary } from "../../src/actions/package-release/summary.js";

const digest = (c: string) => c.repeat(64);
const file = (name: string, c: string, size = 1_200_000) => ({ name, sha256: digest(c), size });

const artifact = (goos: string, goarch: string, ext: string, c: string) => ({
  goos,
  goarch,
  archive: { ...file(`hello_1.2.3_${goos}_${goarch}.${ext}`, c), format: ext },
  sbom: {
    cyclonedx: file(`hello_1.2.3_${goos}_${goarch}.cdx.json`, "c", 2_000),
    spdx: file(`hello_1.2.3_${goos}_${goarch}.spdx.json`, "d", 2_000),
  },
});

const release = {
  manifest: {
    project: "hello",
    version: "1.2.3",
    commit: "0123456789abcdef0123",
    artifacts: [artifact("linux", "amd64", "tar.gz", "a"), artifact("windows", "amd64", "zip", "b")],
  },
  assets: [file("SHA256SUMS", "e", 500), file("hello_1.2.3_linux_amd64.tar.gz", "a")],
} as unknown as ReleaseReport["release"];

const lines = (r: ReleaseReport) => releaseSummary(r).toMarkdown().split("\n");

describe("package-release's job summary", () => {
  it("opens with what was released, the signature against the repository's key, and the release link", () => {
    const md = lines({
      release,
      signer: { kind: "key", hint: "HINT=" },
      committedKey: { path: "goship.pub", matches: true, url: "https://raw.example/o/r/0123/goship.pub" },
      published: {
        url: "https://github.com/o/r/releases/tag/v1.2.3",
        status: new Map([["SHA256SUMS", "uploaded"]]),
      },
    });
    expect(md.slice(0, 7)).toEqual([
      "## package-release",
      "",
      "✅ **hello 1.2.3** from `0123456789ab`: 2 targets packaged, [published](https://github.com/o/r/releases/tag/v1.2.3)",
      "",
      "✅ signed with the repository's `goship.pub` (hint `HINT=`)",
      "",
      "Release: https://github.com/o/r/releases/tag/v1.2.3",
    ]);
  });

  it("groups by target: archive, size, digest and SBOMs; every file collapsed with its release status", () => {
    const md = releaseSummary({
      release,
      published: { url: "u", status: new Map([["SHA256SUMS", "skipped: already there"]]) },
    }).toMarkdown();
    expect(md).toContain("| target | archive | size | sha256 | SBOMs |");
    expect(md).toContain(
      "| windows/amd64 | `hello_1.2.3_windows_amd64.zip` | 1.1 MiB | `bbbbbbbbbbbbbbbb` | CycloneDX, SPDX |",
    );
    expect(md).toMatch(
      /<details><summary>Every file of the release \(2\)<\/summary>\n\n\| file \| size \| sha256 \| release \|/,
    );
    expect(md).toContain(`| \`SHA256SUMS\` | 500 B | \`${digest("e")}\` | skipped: already there |`);
    expect(md).not.toContain("mermaid");
  });

  it("verifies with the public key from the repository, not the copy in the release", () => {
    const md = releaseSummary({
      release,
      signer: { kind: "key" },
      committedKey: {
        path: "keys/goship.pub",
        matches: true,
        url: "https://raw.example/o/r/0123/keys/goship.pub",
      },
    }).toMarkdown();
    expect(md).toContain("curl -fsSLo trusted.pub https://raw.example/o/r/0123/keys/goship.pub\n");
    expect(md).toContain(
      "cosign verify-blob --key trusted.pub --bundle SHA256SUMS.sigstore.json --insecure-ignore-tlog SHA256SUMS",
    );
    expect(md).toContain("openssl dgst -sha256 -verify trusted.pub -signature SHA256SUMS.sig SHA256SUMS");
    expect(md).not.toMatch(/--key goship\.pub|-verify goship\.pub/);
  });

  it("says when the repository holds no public key, or another one, and when the release is unsigned", () => {
    expect(lines({ release, signer: { kind: "key", hint: "H" } })[4]).toMatch(
      /^⚠️ signed with a key \(hint `H`\) that the repository does not hold: commit its public key as `goship.pub`/,
    );
    expect(
      lines({ release, signer: { kind: "key" }, committedKey: { path: "goship.pub", matches: false } })[4],
    ).toMatch(/^❌ signed with a key that is \*\*not\*\* the repository's `goship.pub`/);
    expect(lines({ release })[4]).toBe("⚠️ **unsigned**: no signing-key and keyless is off");
    expect(releaseSummary({ release }).toMarkdown()).not.toContain("Verify it");
  });
});
