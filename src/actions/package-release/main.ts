import { mkdtemp } from "node:fs/promises";
import { join, resolve } from "node:path";
import { excludeOwnOutput } from "../../build/gitinfo.js";
import {
  BUNDLE_FILE,
  CHECKSUMS_FILE,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
} from "../../contract/manifest.js";
import { runContext } from "../../github/context.js";
import { defineAction, setOutputs } from "../../kit/action.js";
import { inputError } from "../../kit/errors.js";
import { matchFiles } from "../../kit/files.js";
import { bytes, group, info, isLocalMode, notice } from "../../kit/log.js";
import { Summary } from "../../kit/summary.js";
import { GOSHIP_VERSION } from "../../kit/version.js";
import { collectBinaries, downloadRunArtifacts, mergeFragments } from "../../release/collect.js";
import { publishRelease, releaseTarget } from "../../release/publish.js";
import { keylessSigner, keySigner, loadSigningKey, type Signer } from "../../release/signing.js";
import { verifyRelease } from "../../release/verify.js";
import { checkOutputDir, writeRelease } from "../../release/write.js";
import { type Inputs, inputs, outputs } from "./schema.js";

export const packageRelease = defineAction({
  name: "package-release",
  description: "Deterministic archives, signed checksums, SBOMs and provenance; optionally a GitHub Release",
  inputs,
  outputs,

  async run(i: Inputs) {
    // Everything that can be refused is refused before a file is written.
    if (i["signing-key"] && i.keyless)
      throw inputError("keyless", "true", 'false when "signing-key" is given: one signer per release');
    const signer: (Signer & { publicKeyPem?: string; hint?: string }) | undefined = i["signing-key"]
      ? keySigner(await loadSigningKey(i["signing-key"], i["signing-key-password"]))
      : i.keyless
        ? keylessSigner({ githubToken: i["github-token"] ?? runContext().token })
        : undefined;
    // Fail closed: a missing or misspelt secret must not turn into an unsigned public release.
    if (i.publish !== "none" && !signer)
      throw inputError(
        "signing-key",
        "",
        `a signing key (or keyless: true) when publish is ${i.publish}: goship does not publish unsigned releases`,
      );
    const publishTo = i.publish === "none" ? undefined : releaseTarget(i, process.env);
    const outputDir = resolve(i["output-dir"]);
    const localDir = i["artifacts-dir"] ?? (isLocalMode() ? "dist/bin" : undefined);
    // The release replaces output-dir whole: never the work tree, the inputs, or anyone's files.
    await checkOutputDir(i["output-dir"], outputDir, {
      workTree: process.cwd(),
      inputs: [
        localDir
          ? { input: "artifacts-dir", path: resolve(localDir) }
          : { input: "artifacts (downloaded into RUNNER_TEMP)", path: process.env.RUNNER_TEMP as string },
      ],
    });

    const binaries = await group("Collect the build-static output", async () => {
      if (localDir) return collectBinaries(resolve(localDir), "artifacts-dir");
      const into = await mkdtemp(join(process.env.RUNNER_TEMP as string, "goship-artifacts-"));
      const pattern = i.artifacts ?? (i["project-name"] ? `${i["project-name"]}-*` : "*");
      await downloadRunArtifacts(pattern, into);
      return collectBinaries(into, "artifacts", pattern);
    });
    const set = mergeFragments(binaries);
    if (i.version && i.version !== set.version)
      throw inputError(
        "version",
        i.version,
        `the binaries' own version, ${set.version} (one version ID per release)`,
      );
    if (i["project-name"]) set.project = i["project-name"];
    for (const b of set.binaries)
      info(`${b.source}: ${b.fragment.binary.name} ${bytes(b.fragment.binary.size)}`);

    const extraFiles = await matchFiles(process.cwd(), i.files);
    // A release inside the work tree must not make it dirty: the next build-static would refuse it.
    const excluded = await excludeOwnOutput(process.cwd(), outputDir, "package-release");
    if (excluded) notice(excluded);
    const release = await group(`Package ${set.project} ${set.version}`, () =>
      writeRelease({
        set,
        outputDir,
        extraFiles,
        archiveFormat: i["archive-format"],
        sbom: i.sbom,
        provenance: i.provenance,
        signer,
        toolVersion: GOSHIP_VERSION,
      }),
    );
    // What we wrote must pass what a user runs: check it the same way `goship verify` does.
    const verified = signer?.publicKeyPem
      ? await group("Verify the release directory", () =>
          verifyRelease(outputDir, signer.publicKeyPem as string, { input: "signing-key", value: "***" }),
        )
      : undefined;
    for (const c of verified?.checks ?? []) info(`✓ ${c}`);

    const published = publishTo
      ? await group(`Publish to ${publishTo.owner}/${publishTo.repo} ${publishTo.tag}`, () =>
          publishRelease(publishTo, i, release),
        )
      : undefined;

    setOutputs(packageRelease, {
      manifest: join(outputDir, MANIFEST_FILE),
      checksums: join(outputDir, CHECKSUMS_FILE),
      assets: JSON.stringify(release.assets),
      "public-key-hint": signer?.hint ?? "",
      "release-url": published?.url ?? "",
      "release-id": published?.releaseId ?? "",
    });

    const summary = new Summary()
      .heading("package-release")
      .paragraph(
        `**${set.project} ${set.version}** from \`${set.commit.slice(0, 12)}\`, ${set.binaries.length} target(s), ` +
          (signer ? `signed (${signer.kind}${signer.hint ? `, key ${signer.hint}` : ""})` : "**unsigned**"),
      )
      .table(
        ["asset", "size", "sha256", ...(published ? ["release"] : [])],
        release.assets.map((a) => [
          `\`${a.name}\``,
          bytes(a.size),
          `\`${a.sha256.slice(0, 16)}\``,
          ...(published ? [published.status.get(a.name) ?? ""] : []),
        ]),
        ["l", "r", "l", "l"],
      )
      .barChart(
        "Archive size (MiB)",
        release.manifest.artifacts.map((a) => a.archive.name.replace(`${set.project}_${set.version}_`, "")),
        release.manifest.artifacts.map((a) => a.archive.size / 1048576),
        "MiB",
      );
    if (published) summary.paragraph(`Release: ${published.url}`);
    if (signer?.kind === "key") {
      summary
        .paragraph("Verify it, with no GitHub login, in the directory of the downloaded assets:")
        .code(
          [
            `sha256sum -c --strict ${CHECKSUMS_FILE}`,
            `openssl dgst -sha256 -verify ${PUBLIC_KEY_FILE} -signature ${SIGNATURE_FILE} ${CHECKSUMS_FILE}`,
            `cosign verify-blob --key ${PUBLIC_KEY_FILE} --bundle ${BUNDLE_FILE} --insecure-ignore-tlog ${CHECKSUMS_FILE}`,
            `npx goship verify . --public-key ${PUBLIC_KEY_FILE}`,
          ].join("\n"),
          "sh",
        );
    }
    await summary.write();
  },
});
