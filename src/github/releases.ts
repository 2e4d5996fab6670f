import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { errorMessage, UserError } from "../kit/errors.js";
import { bytes, debug, info, warning } from "../kit/log.js";
import { retry } from "../kit/retry.js";
import {
  alreadyExists,
  type Ctx,
  connect,
  explain,
  type GitHubConnection,
  type HttpFailure,
  httpFailure,
  isPermissionDenied,
  OWN_RETRIES,
  parse,
  retryOptions,
  TransferError,
  withRetries,
} from "./api.js";

/**
 * Publishing a GitHub Release through the REST API (@actions/github): find the release
 * for a tag or create it as a draft, upload what is missing, and publish last, so a
 * release is never visible with half its assets. A re-run skips assets whose digest
 * already matches. Immutable releases (GitHub, 2025) lock a published release's assets,
 * so this order is also the only one that works there.
 */

export interface ReleaseAsset {
  /** The asset's name on the release. */
  name: string;
  /** The local file to upload. */
  path: string;
  /** Hex sha256 of the file, as recorded in the manifest. */
  sha256: string;
  size: number;
  contentType: string;
}

export interface PublishRequest {
  owner: string;
  repo: string;
  tag: string;
  /** Release title for a new release (default: the tag). */
  name?: string;
  /** Release notes for a new release. With generateNotes, GitHub puts them before its generated notes. */
  notes?: string;
  generateNotes?: boolean;
  prerelease: boolean;
  /** Upload to the draft and stop there: someone publishes it by hand. */
  draftOnly: boolean;
  assets: readonly ReleaseAsset[];
  /** Replace a same-named asset whose content differs (default: fail). */
  replaceAssets: boolean;
  /** Where GitHub creates the tag on publishing, if it does not exist yet. */
  targetCommitish?: string;
}

export interface PublishResult {
  releaseId: number;
  /** The release page (html_url); a draft's page changes when it is published. */
  url: string;
  draft: boolean;
  uploaded: string[];
  skipped: string[];
  replaced: string[];
}

export interface VerifyRequest {
  owner: string;
  repo: string;
  releaseId: number;
  assets: readonly Pick<ReleaseAsset, "name" | "sha256" | "size">[];
  /** Also require that the release is published, not a draft. */
  published?: boolean;
}

// ─── What GitHub answers (only the fields used) ─────────────────────────────────

const AssetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  label: z.string().nullish(),
  // Documented as "uploaded" | "open"; an interrupted upload shows "starter" in practice.
  state: z.string(),
  size: z.number().int(),
  // "sha256:<hex>" on github.com since June 2025; null for older assets, absent on older GHES.
  digest: z.string().nullish(),
  content_type: z.string(),
  url: z.string(),
  browser_download_url: z.string(),
});
export type Asset = z.output<typeof AssetSchema>;

const ReleaseSchema = z.object({
  id: z.number().int(),
  tag_name: z.string(),
  name: z.string().nullish(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  immutable: z.boolean().optional(),
  html_url: z.string(),
  upload_url: z.string(),
});
type Release = z.output<typeof ReleaseSchema>;

// ─── What failures mean for a release ───────────────────────────────────────────

/** explain() with what a release's answers mean: the permission it needs, an immutable release. */
function explainRelease(ctx: Ctx, what: string, e: unknown, tag?: string): Error {
  return explain(ctx, what, e, (f, message) => {
    if (isPermissionDenied(f)) {
      return new UserError(
        `${what}: the token may not write releases in ${ctx.owner}/${ctx.repo} (HTTP 403: ${message}); ` +
          `add "permissions: contents: write" to the job (or use a token with Contents: write)`,
      );
    }
    if (f.status === 422 && /immutable/i.test(message)) return immutableError(tag ?? "?", message);
    return undefined;
  });
}

function immutableError(tag: string, detail: string): UserError {
  return new UserError(
    `release ${tag} is immutable; its assets cannot be added, replaced or deleted once it is published (${detail}). ` +
      `Publish the changed files under a new tag`,
  );
}

async function call<T>(ctx: Ctx, what: string, fn: () => Promise<T>, tag?: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw explainRelease(ctx, what, e, tag);
  }
}

// ─── Releases ───────────────────────────────────────────────────────────────────

/** The published release for a tag; undefined on a 404 (GitHub never finds a draft by its tag). */
export async function publishedRelease(ctx: Ctx, tag: string): Promise<Release | undefined> {
  const what = `look up release ${tag}`;
  try {
    const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/releases/tags/{tag}", {
      owner: ctx.owner,
      repo: ctx.repo,
      tag,
    });
    return parse(ReleaseSchema, res.data, what);
  } catch (e) {
    if (httpFailure(e)?.status !== 404) throw explainRelease(ctx, what, e, tag);
    return undefined;
  }
}

/**
 * The release for a tag: the published one, or a draft with that tag name. Drafts are
 * missing from GET /releases/tags/{tag}, so they are looked for in the full listing
 * (newest first).
 */
async function findRelease(ctx: Ctx, tag: string): Promise<Release | undefined> {
  const published = await publishedRelease(ctx, tag);
  if (published) return published;
  return call(ctx, `look for a draft release ${tag}`, async () => {
    const pages = ctx.octokit.paginate.iterator("GET /repos/{owner}/{repo}/releases", {
      owner: ctx.owner,
      repo: ctx.repo,
      per_page: 100,
    });
    for await (const page of pages) {
      const releases = parse(z.array(ReleaseSchema), page.data, "list releases");
      const draft = releases.find((r) => r.draft && r.tag_name === tag);
      if (draft) return draft;
    }
    return undefined;
  });
}

/** Creates the draft; if another run got there first, returns theirs (created: false). */
async function createDraft(
  ctx: Ctx,
  request: PublishRequest,
): Promise<{ release: Release; created: boolean }> {
  const what = `create draft release ${request.tag}`;
  try {
    const res = await ctx.octokit.request("POST /repos/{owner}/{repo}/releases", {
      owner: ctx.owner,
      repo: ctx.repo,
      tag_name: request.tag,
      name: request.name ?? request.tag,
      ...(request.notes !== undefined && { body: request.notes }),
      ...(request.generateNotes && { generate_release_notes: true }),
      ...(request.targetCommitish !== undefined && { target_commitish: request.targetCommitish }),
      draft: true,
      prerelease: request.prerelease,
    });
    return { release: parse(ReleaseSchema, res.data, what), created: true };
  } catch (e) {
    const f = httpFailure(e);
    if (!alreadyExists(f)) throw explainRelease(ctx, what, e, request.tag);
    // Another run created it between our look-up and this request.
    const found = await findRelease(ctx, request.tag);
    if (found) return { release: found, created: false };
    throw explainRelease(ctx, what, e, request.tag);
  }
}

export async function listAssets(ctx: Ctx, releaseId: number): Promise<Asset[]> {
  return call(ctx, `list the assets of release ${releaseId}`, async () => {
    const all = await ctx.octokit.paginate("GET /repos/{owner}/{repo}/releases/{release_id}/assets", {
      owner: ctx.owner,
      repo: ctx.repo,
      release_id: releaseId,
      per_page: 100,
    });
    return parse(z.array(AssetSchema), all, "list release assets");
  });
}

async function deleteAsset(ctx: Ctx, asset: Asset, tag: string): Promise<void> {
  await call(
    ctx,
    `delete asset ${asset.name}`,
    () =>
      ctx.octokit.request("DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}", {
        owner: ctx.owner,
        repo: ctx.repo,
        asset_id: asset.id,
      }),
    tag,
  );
}

/** The hex sha256 GitHub recorded for an asset, if it recorded one. */
export function recordedSha256(asset: Asset): string | undefined {
  const m = /^sha256:([0-9a-f]{64})$/i.exec(asset.digest ?? "");
  return m?.[1]?.toLowerCase();
}

/**
 * Streams an asset's content through sha256 (never buffered whole) and, with `dest`, into
 * that file (rewritten on each attempt, with backpressure). The API answers with a redirect
 * to a storage host on another origin; fetch follows it and, per the Fetch standard, drops
 * the Authorization header on the way (signed storage URLs refuse a second credential).
 * Not @actions/http-client: it keeps the header when only the port differs.
 */
export async function downloadSha256(
  ctx: Ctx,
  asset: Asset,
  dest?: string,
): Promise<{ sha256: string; size: number }> {
  const what = `download asset ${asset.name}`;
  return call(ctx, what, () =>
    withRetries(ctx.retry, what, async () => {
      const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
        owner: ctx.owner,
        repo: ctx.repo,
        asset_id: asset.id,
        headers: { accept: "application/octet-stream" },
        request: { parseSuccessResponseBody: false, [OWN_RETRIES]: true },
      });
      const body = res.data as unknown as AsyncIterable<Uint8Array> | null;
      const hash = createHash("sha256");
      let size = 0;
      // A failure reading the body is a transfer error (retried); one writing the file is not,
      // nor is an answer larger than GitHub lists the asset: reading stops there.
      async function* hashed(): AsyncGenerator<Uint8Array> {
        let tooLarge = false;
        try {
          for await (const chunk of body ?? []) {
            size += chunk.length;
            if (size > asset.size) {
              tooLarge = true;
              break; // ends the iteration, which cancels the body and closes the connection
            }
            hash.update(chunk);
            yield chunk;
          }
        } catch (e) {
          throw new TransferError(errorMessage(e));
        }
        if (tooLarge) {
          throw new UserError(
            `${what}: GitHub lists ${asset.size} bytes, and the download is larger; stopped reading`,
          );
        }
      }
      if (dest === undefined) for await (const _ of hashed());
      else await pipeline(hashed(), createWriteStream(dest));
      return { sha256: hash.digest("hex"), size };
    }),
  );
}

/** Whether an asset on the release holds exactly the local file (by GitHub's digest, else by download). */
async function sameContent(ctx: Ctx, existing: Asset, asset: ReleaseAsset): Promise<boolean> {
  if (existing.size !== asset.size) return false;
  const recorded = recordedSha256(existing);
  if (recorded !== undefined) return recorded === asset.sha256.toLowerCase();
  debug(`asset ${existing.name} has no digest on GitHub; downloading it to compare`);
  return (await downloadSha256(ctx, existing)).sha256 === asset.sha256.toLowerCase();
}

function uploadUrl(template: string, name: string): string {
  // upload_url is an RFC 6570 template ending in "{?name,label}".
  const url = new URL(template.replace(/\{\?[^}]*\}$/, ""));
  url.searchParams.set("name", name);
  return url.toString();
}

/** A non-2xx answer to an upload, shaped like octokit's errors so one set of rules reads both. */
class UploadError extends Error {
  override name = "UploadError";
  readonly response: HttpFailure;
  constructor(
    readonly status: number,
    headers: HttpFailure["headers"],
    data: unknown,
  ) {
    super(`HTTP ${status}`);
    this.response = { status, headers, data };
  }
}

/**
 * POSTs a file to the upload URL with its Content-Length, through node:http with
 * backpressure (@actions/http-client, proxy-aware like the rest of the toolkit). Not
 * through octokit: undici's fetch accepts a stream body but reads it ahead of the socket,
 * holding most of a slow upload in memory (measured: a 128 MiB file, 128 MiB held).
 */
async function sendFile(ctx: Ctx, url: string, asset: ReleaseAsset): Promise<unknown> {
  const file = createReadStream(asset.path, { highWaterMark: 1 << 20 });
  try {
    const res = await ctx.http
      .sendStream("POST", url, file, {
        accept: "application/vnd.github+json",
        authorization: `token ${ctx.token}`,
        "content-type": asset.contentType,
        "content-length": String(asset.size),
        "x-github-api-version": "2022-11-28",
      })
      .catch((e: unknown) => {
        throw new TransferError(errorMessage(e));
      });
    const status = res.message.statusCode ?? 0;
    const text = await res.readBody().catch((e: unknown) => {
      throw new TransferError(errorMessage(e));
    });
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): kept as text.
    }
    if (status < 200 || status > 299) {
      const headers: HttpFailure["headers"] = {};
      for (const [k, v] of Object.entries(res.message.headers))
        headers[k] = Array.isArray(v) ? v.join(", ") : v;
      throw new UploadError(status, headers, data);
    }
    return data;
  } finally {
    file.destroy();
  }
}

/**
 * Uploads one file, streamed with its length. After a dropped connection or a 5xx the
 * asset may exist anyway, complete or as an unfinished ("starter") entry that blocks
 * the name: the assets are listed again, a leftover is deleted, a complete match kept.
 */
async function uploadAsset(
  ctx: Ctx,
  release: Release,
  asset: ReleaseAsset,
  tag: string,
  replace: boolean,
): Promise<void> {
  const what = `upload ${asset.name}`;
  const options = retryOptions(ctx.retry, (e) => {
    const f = httpFailure(e);
    if (!alreadyExists(f))
      info(`${what}: ${f ? `HTTP ${f.status}` : errorMessage(e)}; checking the release, then retrying`);
  });
  try {
    await retry(
      async (attempt) => {
        if (attempt > 1) {
          // What did the failed attempt leave?
          const left = (await listAssets(ctx, release.id)).find((a) => a.name === asset.name);
          if (left?.state === "uploaded" && (await sameContent(ctx, left, asset))) return;
          if (left?.state === "uploaded" && !replace) {
            throw new UserError(
              `${what}: release ${tag} gained an asset ${asset.name} with other content while uploading`,
            );
          }
          if (left !== undefined) {
            info(
              `removing ${left.state === "uploaded" ? "" : `an unfinished (${left.state}) `}asset ${asset.name} before uploading again`,
            );
            await deleteAsset(ctx, left, tag);
          }
        }
        const uploaded = parse(
          AssetSchema,
          await sendFile(ctx, uploadUrl(release.upload_url, asset.name), asset),
          what,
        );
        const recorded = recordedSha256(uploaded);
        if (recorded !== undefined && recorded !== asset.sha256.toLowerCase()) {
          // Not left behind: a re-run would take it for someone else's asset with other content.
          await deleteAsset(ctx, uploaded, tag);
          throw new UserError(
            `${what}: GitHub recorded sha256 ${recorded}, but the manifest says ${asset.sha256}; ${asset.path} changed after it was hashed (the upload was deleted)`,
          );
        }
      },
      {
        ...options,
        // The name is taken (by our own earlier attempt, or by a concurrent run): look at once.
        retryable: (e, failure) => (alreadyExists(httpFailure(e)) ? 0 : options.retryable(e, failure)),
      },
    );
  } catch (e) {
    throw explainRelease(ctx, what, e, tag);
  }
}

type Step =
  | { kind: "skip"; asset: ReleaseAsset }
  | { kind: "upload"; asset: ReleaseAsset }
  | { kind: "repair"; asset: ReleaseAsset; existing: Asset }
  | { kind: "replace"; asset: ReleaseAsset; existing: Asset };

/** What to do with each asset, decided before anything on the release changes. */
async function plan(ctx: Ctx, request: PublishRequest, existing: readonly Asset[]): Promise<Step[]> {
  const steps: Step[] = [];
  const conflicts: string[] = [];
  for (const asset of sortedAssets(request.assets)) {
    const found = existing.find((a) => a.name === asset.name);
    if (found === undefined) steps.push({ kind: "upload", asset });
    else if (found.state !== "uploaded") steps.push({ kind: "repair", asset, existing: found });
    else if (await sameContent(ctx, found, asset)) steps.push({ kind: "skip", asset });
    else if (request.replaceAssets) steps.push({ kind: "replace", asset, existing: found });
    else {
      const theirs = recordedSha256(found);
      conflicts.push(
        `${asset.name} (on the release: ${theirs ? `sha256 ${theirs}` : `${found.size} bytes`}; here: sha256 ${asset.sha256})`,
      );
    }
  }
  if (conflicts.length > 0) {
    throw new UserError(
      `release ${request.tag} already has ${conflicts.length === 1 ? "an asset" : "assets"} with the same name and other content: ` +
        `${conflicts.join("; ")}. Nothing was changed; set replace-assets to replace them, or publish a new version`,
    );
  }
  return steps;
}

function sortedAssets(assets: readonly ReleaseAsset[]): ReleaseAsset[] {
  const sorted = [...assets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.name === sorted[i - 1]?.name)
      throw new UserError(`two release assets are named ${sorted[i]?.name}`);
  }
  return sorted;
}

/**
 * Publishes `request.assets` on the release for `request.tag`: draft first, uploads,
 * publish last. Safe to re-run: assets already there with the same sha256 are skipped;
 * a same-named asset with other content fails the run (nothing changed) unless
 * replaceAssets. A failure before the last step leaves at most a draft.
 */
export async function publishRelease(
  request: PublishRequest,
  connection: GitHubConnection,
): Promise<PublishResult> {
  const assets = sortedAssets(request.assets);
  for (const a of assets) {
    const size = await stat(a.path).then(
      (s) => s.size,
      (e) => {
        throw new UserError(`release asset ${a.name}: cannot read ${a.path}: ${errorMessage(e)}`);
      },
    );
    if (size !== a.size) {
      throw new UserError(
        `release asset ${a.name}: ${a.path} has ${size} bytes, the manifest says ${a.size}`,
      );
    }
  }
  const ctx = connect(connection, request.owner, request.repo);
  const tag = request.tag;

  let release = await findRelease(ctx, tag);
  let created = false;
  if (release === undefined) ({ release, created } = await createDraft(ctx, request));
  info(`${created ? "created" : "found"} ${release.draft ? "draft " : ""}release ${tag} (id ${release.id})`);

  const steps = await plan(ctx, request, await listAssets(ctx, release.id));
  const changes = steps.filter((s) => s.kind !== "skip");
  if (!release.draft && release.immutable === true && changes.length > 0) {
    throw immutableError(
      tag,
      `${changes.map((s) => s.asset.name).join(", ")} would change; nothing was changed`,
    );
  }
  if (!release.draft && changes.length > 0) {
    warning(`release ${tag} is already published; its assets change while it is visible`);
  }

  const result = { uploaded: [] as string[], skipped: [] as string[], replaced: [] as string[] };
  for (const step of steps) {
    const { asset } = step;
    switch (step.kind) {
      case "skip":
        info(`${asset.name}: already on the release with the same sha256; skipped`);
        result.skipped.push(asset.name);
        continue;
      case "repair":
        info(
          `${asset.name}: removing an unfinished upload (${step.existing.state}) left by an earlier attempt`,
        );
        await deleteAsset(ctx, step.existing, tag);
        break;
      case "replace":
        info(`${asset.name}: content differs from the release's; replacing it`);
        await deleteAsset(ctx, step.existing, tag);
        break;
    }
    await uploadAsset(ctx, release, asset, tag, request.replaceAssets);
    info(`${asset.name}: ${step.kind === "replace" ? "replaced" : "uploaded"} (${bytes(asset.size)})`);
    (step.kind === "replace" ? result.replaced : result.uploaded).push(asset.name);
  }

  if (release.draft && !request.draftOnly) {
    const releaseId = release.id;
    const res = await call(
      ctx,
      `publish release ${tag}`,
      () =>
        ctx.octokit.request("PATCH /repos/{owner}/{repo}/releases/{release_id}", {
          owner: ctx.owner,
          repo: ctx.repo,
          release_id: releaseId,
          draft: false,
          prerelease: request.prerelease,
        }),
      tag,
    );
    release = parse(ReleaseSchema, res.data, `publish release ${tag}`);
    info(`published release ${tag}: ${release.html_url}`);
  } else if (release.draft) {
    info(`left release ${tag} as a draft: ${release.html_url}`);
  } else {
    if (request.draftOnly) info(`release ${tag} was already published; it stays published`);
    if (release.prerelease !== request.prerelease) {
      warning(`release ${tag} is ${release.prerelease ? "" : "not "}a pre-release on GitHub; left as it is`);
    }
  }
  return { releaseId: release.id, url: release.html_url, draft: release.draft, ...result };
}

/**
 * Downloads every asset from the release and checks its sha256 (and GitHub's recorded
 * digest, when there is one) against what was meant to be published. Every problem is
 * reported in one error naming the assets.
 */
export async function verifyPublished(
  request: VerifyRequest,
  connection: GitHubConnection,
): Promise<{ verified: string[] }> {
  const ctx = connect(connection, request.owner, request.repo);
  const what = `read release ${request.releaseId}`;
  const res = await call(ctx, what, () =>
    ctx.octokit.request("GET /repos/{owner}/{repo}/releases/{release_id}", {
      owner: ctx.owner,
      repo: ctx.repo,
      release_id: request.releaseId,
    }),
  );
  const release = parse(ReleaseSchema, res.data, what);
  const problems: string[] = [];
  if (request.published && release.draft) problems.push(`release ${release.tag_name} is still a draft`);
  const onRelease = await listAssets(ctx, release.id);
  const verified: string[] = [];
  for (const want of [...request.assets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const found = onRelease.find((a) => a.name === want.name);
    const expected = want.sha256.toLowerCase();
    if (found === undefined) {
      problems.push(`${want.name} is missing`);
      continue;
    }
    if (found.state !== "uploaded") {
      problems.push(`${want.name} is not completely uploaded (state ${found.state})`);
      continue;
    }
    const recorded = recordedSha256(found);
    if (recorded !== undefined && recorded !== expected) {
      problems.push(`${want.name}: GitHub records sha256 ${recorded}, expected ${expected}`);
      continue;
    }
    const got = await downloadSha256(ctx, found);
    if (got.sha256 !== expected || got.size !== want.size) {
      problems.push(
        `${want.name}: downloaded sha256 ${got.sha256} (${got.size} bytes), expected ${expected} (${want.size} bytes)`,
      );
      continue;
    }
    verified.push(want.name);
  }
  if (problems.length > 0) {
    throw new UserError(
      `release ${release.tag_name} does not hold what was published: ${problems.join("; ")}`,
    );
  }
  info(`verified ${verified.length} assets of release ${release.tag_name} by download`);
  return { verified };
}
