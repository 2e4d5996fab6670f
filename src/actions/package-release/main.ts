import { mkdtemp, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { excludeOwnOutput } from "../../build/gitinfo.js";
import { CHECKSUMS_FILE, MANIFEST_FILE, PUBLIC_KEY_FILE } from "../../contract/manifest.js";
import { runContext } from "../../github/context.js";
import { defineAction, setOutputs } from "../../kit/action.js";
import { inputError } from "../../kit/errors.js";
import { matchFiles } from "../../kit/files.js";
import { bytes, group, info, isLocalMode, notice } from "../../kit/log.js";
import { GOSHIP_VERSION } from "../../kit/version.js";
import { collectBinaries, downloadRunArtifacts, mergeFragments } from "../../release/collect.js";
import type { Signer } from "../../release/signing.js";
import { checkOutputDir, writeRelease } from "../../release/write.js";
import { type Inputs, inputs, outputs } from "./schema.js";
import { type CommittedKey, releaseSummary } from "./summary.js";

/**
 * The public key the repository holds (goship.pub at the top of the work tree), which users
 * should verify with, and whether the release was signed with it.
 */
async function committedPublicKey(publicKeyPem: string, commit: string): Promise<CommittedKey | undefined> {
  const file = resolve(PUBLIC_KEY_FILE);
  const pem = await readFile(file, "utf8").catch(() => undefined);
  if (pem === undefined) return undefined;
  const { samePublicKey } = await import("../../release/signing.js");
  const ctx = runContext();
  const root = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const path = relative(root, file).split(sep).join("/");
  const url =
    ctx.serverUrl === "https://github.com" && ctx.repository && !path.startsWith("..")
      ? `https://raw.githubusercontent.com/${ctx.repository}/${commit}/${path}`
      : undefined;
  return { path, matches: samePublicKey(pem, publicKeyPem), ...(url ? { url } : {}) };
}

export const packageRelease = defineAction({
  name: "package-release",
  description: "Deterministic archives, signed checksums, SBOMs and provenance; optionally a GitHub Release",
  inputs,
  outputs,

  async run(i: Inputs) {
    // Everything that can be refused is refused before a file is written.
    if (i["signing-key"] && i.keyless)
      throw inputError("keyless", "true", 'false when "signing-key" is given: one signer per release');
    // The signature code (elliptic curves, the key's cipher) loads only for a signed release.
    const signing = i["signing-key"] || i.keyless ? await import("../../release/signing.js") : undefined;
    const signer: (Signer & { publicKeyPem?: string; hint?: string }) | undefined = !signing
      ? undefined
      : i["signing-key"]
        ? signing.keySigner(await signing.loadSigningKey(i["signing-key"], i["signing-key-password"]))
        : signing.keylessSigner({ githubToken: i["github-token"] ?? runContext().token });
    // Fail closed: a missing or misspelt secret must not turn into an unsigned public release.
    if (i.publish !== "none" && !signer)
      throw inputError(
        "signing-key",
        "",
        `a signing key (or keyless: true) when publish is ${i.publish}: goship does not publish unsigned releases`,
      );
    const publishing = i.publish === "none" ? undefined : await import("../../release/publish.js");
    const publishTo = publishing?.releaseTarget(i, process.env);
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

    // Each group holds what it did: the lines go inside, not after it closed.
    const set = await group("Collect the build-static output", async () => {
      const binaries = await (async () => {
        if (localDir) return collectBinaries(resolve(localDir), "artifacts-dir");
        const into = await mkdtemp(join(process.env.RUNNER_TEMP as string, "goship-artifacts-"));
        const pattern = i.artifacts ?? (i["project-name"] ? `${i["project-name"]}-*` : "*");
        await downloadRunArtifacts(pattern, into);
        return collectBinaries(into, "artifacts", pattern);
      })();
      const merged = mergeFragments(binaries);
      for (const b of merged.binaries)
        info(`${b.source}: ${b.fragment.binary.name} ${bytes(b.fragment.binary.size)}`);
      return merged;
    });
    if (i.version && i.version !== set.version)
      throw inputError(
        "version",
        i.version,
        `the binaries' own version, ${set.version} (one version ID per release)`,
      );
    if (i["project-name"]) set.project = i["project-name"];

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
    if (signer?.publicKeyPem) {
      const publicKeyPem = signer.publicKeyPem;
      await group("Verify the release directory", async () => {
        const { verifyRelease } = await import("../../release/verify.js");
        const { checks } = await verifyRelease(outputDir, publicKeyPem, {
          input: "signing-key",
          value: "***",
        });
        for (const c of checks) info(`✓ ${c}`);
      });
    }

    const published =
      publishTo && publishing
        ? await group(`Publish to ${publishTo.owner}/${publishTo.repo} ${publishTo.tag}`, () =>
            publishing.publishRelease(publishTo, i, release),
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

    await releaseSummary({
      release,
      ...(signer ? { signer: { kind: signer.kind, ...(signer.hint ? { hint: signer.hint } : {}) } } : {}),
      ...(signer?.kind === "key" && signer.publicKeyPem
        ? { committedKey: await committedPublicKey(signer.publicKeyPem, set.commit) }
        : {}),
      ...(published ? { published } : {}),
    }).write();
  },
});
