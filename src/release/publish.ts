/**
 * package-release's publishing step: where to (repository, tag, token, from the inputs and
 * the run's environment, checked before anything is written), then the GitHub Release
 * itself, then a read-back of every asset.
 */
import { CHECKSUMS_FILE } from "../contract/manifest.js";
import { ownerAndRepo, runContext } from "../github/context.js";
import { inputError } from "../kit/errors.js";
import { info } from "../kit/log.js";
import type { ReleaseResult } from "./write.js";

export interface ReleaseTarget {
  owner: string;
  repo: string;
  tag: string;
  token: string;
  apiUrl?: string;
  commit?: string;
}

export interface PublishInputs {
  publish: "none" | "draft" | "release";
  tag?: string;
  "release-notes"?: string;
  prerelease: "auto" | "true" | "false";
  "replace-assets": boolean;
  "github-token"?: string;
}

/** Resolves and checks where a release goes, before anything is built or written. */
export function releaseTarget(i: PublishInputs, env: NodeJS.ProcessEnv): ReleaseTarget {
  const run = runContext(env);
  const ref = run.ref ?? "";
  const tag = i.tag ?? (ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : undefined);
  if (!tag)
    throw inputError(
      "tag",
      "",
      `a tag to publish ${i.publish === "draft" ? "the draft" : "the release"} under (the run was not started by a tag push: GITHUB_REF is ${JSON.stringify(ref)})`,
    );
  const where = ownerAndRepo(run);
  if (!where)
    throw inputError(
      "publish",
      i.publish,
      `none outside a GitHub repository (GITHUB_REPOSITORY is ${JSON.stringify(run.repository ?? "")})`,
    );
  const token = i["github-token"] ?? run.token ?? "";
  if (!token)
    throw inputError(
      "github-token",
      "",
      "a token with contents: write (github.token, or GITHUB_TOKEN in local mode)",
    );
  return { ...where, tag, token, apiUrl: run.apiUrl, commit: run.sha };
}

export interface Published {
  url: string;
  releaseId: number;
  /** Per asset: uploaded, skipped (already there, same digest) or replaced. */
  status: Map<string, string>;
}

/** A semver pre-release: 1.2.0-rc.1, but not 1.2.0+build. */
export function isPrerelease(version: string): boolean {
  return /^v?\d+\.\d+\.\d+-[0-9A-Za-z.-]+(\+[0-9A-Za-z.-]+)?$/.test(version);
}

export async function publishRelease(
  target: ReleaseTarget,
  i: PublishInputs,
  release: ReleaseResult,
): Promise<Published> {
  // Loaded only to publish: Octokit and its plugins are heavy to load.
  const { publishRelease: publishToGitHub, verifyPublished } = await import("../github/releases.js");
  const notes = i["release-notes"];
  const assets = release.assets.map((a) => ({
    ...a,
    path: `${release.dir}/${a.name}`,
    contentType: contentType(a.name),
  }));
  const connection = { token: target.token, ...(target.apiUrl ? { apiUrl: target.apiUrl } : {}) };
  const result = await publishToGitHub(
    {
      owner: target.owner,
      repo: target.repo,
      tag: target.tag,
      name: `${release.manifest.project} ${release.manifest.version}`,
      ...(notes && notes !== "generate" ? { notes } : {}),
      generateNotes: notes === "generate",
      prerelease: i.prerelease === "auto" ? isPrerelease(release.manifest.version) : i.prerelease === "true",
      draftOnly: i.publish === "draft",
      assets,
      replaceAssets: i["replace-assets"],
      ...(target.commit ? { targetCommitish: target.commit } : {}),
    },
    connection,
  );
  // Read back what GitHub now serves and check it byte for byte.
  const { verified } = await verifyPublished(
    {
      owner: target.owner,
      repo: target.repo,
      releaseId: result.releaseId,
      assets: release.assets,
      published: i.publish === "release",
    },
    connection,
  );
  info(`read back ${verified.length} asset(s) from the release: every sha256 matches`);
  const status = new Map<string, string>();
  for (const n of result.uploaded) status.set(n, "uploaded");
  for (const n of result.skipped) status.set(n, "skipped: already there");
  for (const n of result.replaced) status.set(n, "replaced");
  return { url: result.url, releaseId: result.releaseId, status };
}

function contentType(name: string): string {
  if (name.endsWith(".tar.gz")) return "application/gzip";
  if (name.endsWith(".zip")) return "application/zip";
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".jsonl") || name === CHECKSUMS_FILE || name.endsWith(".pub")) return "text/plain";
  return "application/octet-stream";
}
