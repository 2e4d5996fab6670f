import { lstat, mkdir, mkdtemp, readdir, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { SafeName } from "../contract/names.js";
import { errorMessage, UserError } from "../kit/errors.js";
import { bytes, info } from "../kit/log.js";
import { connect, type GitHubConnection } from "./api.js";
import { downloadSha256, listAssets, publishedRelease, recordedSha256 } from "./releases.js";

/**
 * Fetching a published GitHub Release into a directory, for deploy-systemd's release-tag:
 * every asset, streamed to disk and checked against the digest GitHub recorded, landing
 * whole or not at all. Publishing is releases.ts's; this only reads.
 */

export interface DownloadRequest {
  owner: string;
  repo: string;
  /** The tag of a published release (a draft cannot be found by its tag). */
  tag: string;
}

export interface DownloadedRelease {
  releaseId: number;
  /** The release page (html_url). */
  url: string;
  /** Every asset, sorted by name, as written to the directory. */
  files: { name: string; sha256: string; size: number }[];
}

/** Refuses a destination that exists and is anything but an empty directory. */
async function checkDestination(destDir: string): Promise<void> {
  const st = await lstat(destDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw new UserError(`cannot use ${destDir} for the release: ${errorMessage(e)}`);
  });
  if (st === undefined) return;
  if (!st.isDirectory())
    throw new UserError(`${destDir} exists and is not a directory; refusing to download into it`);
  if ((await readdir(destDir)).length > 0)
    throw new UserError(`${destDir} is not empty; refusing to download a release into it`);
}

/**
 * Downloads every asset of the published release for `request.tag` into `destDir`, which
 * must be empty or absent (it is created). Each asset is streamed to disk and checked
 * against the sha256 GitHub recorded for it, when there is one. Everything lands in a
 * temporary directory beside `destDir` first and is renamed into place at the end, so a
 * failure leaves nothing behind. Asset names must be plain file names, or nothing is
 * downloaded. No signature is checked here: run verifyRelease on the directory.
 */
export async function downloadRelease(
  connection: GitHubConnection,
  request: DownloadRequest,
  destDir: string,
): Promise<DownloadedRelease> {
  const { tag } = request;
  await checkDestination(destDir);
  const ctx = connect(connection, request.owner, request.repo);
  const release = await publishedRelease(ctx, tag);
  if (release === undefined) {
    throw new UserError(
      `no published release with tag ${tag} in ${ctx.owner}/${ctx.repo} (HTTP 404). A draft release cannot be found ` +
        `by its tag: publish it first. For a private repository the token needs "permissions: contents: read"`,
    );
  }
  const assets = (await listAssets(ctx, release.id)).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  if (assets.length === 0) throw new UserError(`release ${tag} has no assets to download`);
  const unsafe = assets.filter((a) => !SafeName.safeParse(a.name).success).map((a) => JSON.stringify(a.name));
  if (unsafe.length > 0) {
    throw new UserError(
      `release ${tag} has asset names that are not plain file names (letters, digits and . _ + -, not starting with a dot): ` +
        `${unsafe.join(", ")}; nothing was downloaded`,
    );
  }
  const unfinished = assets.filter((a) => a.state !== "uploaded");
  if (unfinished.length > 0) {
    throw new UserError(
      `release ${tag} has unfinished uploads: ${unfinished.map((a) => `${a.name} (state ${a.state})`).join(", ")}; nothing was downloaded`,
    );
  }

  const parent = dirname(destDir);
  await mkdir(parent, { recursive: true });
  const temp = await mkdtemp(join(parent, `.${basename(destDir)}.partial-`));
  try {
    const files: DownloadedRelease["files"] = [];
    for (const asset of assets) {
      const got = await downloadSha256(ctx, asset, join(temp, asset.name));
      const recorded = recordedSha256(asset);
      if (recorded !== undefined && got.sha256 !== recorded) {
        throw new UserError(
          `asset ${asset.name} of release ${tag}: downloaded sha256 ${got.sha256}, but GitHub records sha256 ${recorded}; nothing was kept`,
        );
      }
      if (got.size !== asset.size) {
        throw new UserError(
          `asset ${asset.name} of release ${tag}: downloaded ${got.size} bytes, GitHub lists ${asset.size}; nothing was kept`,
        );
      }
      info(
        `${asset.name}: downloaded (${bytes(got.size)}), ${recorded ? "sha256 matches GitHub's digest" : "GitHub records no digest"}`,
      );
      files.push({ name: asset.name, ...got });
    }
    // An empty destDir gives way (rmdir refuses a directory that filled up meanwhile).
    await rmdir(destDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw new UserError(`cannot replace ${destDir}: ${errorMessage(e)}`);
    });
    await rename(temp, destDir);
    info(`downloaded ${files.length} assets of release ${tag} into ${destDir}`);
    return { releaseId: release.id, url: release.html_url, files };
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}
