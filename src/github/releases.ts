import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, rename, rm, rmdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { getOctokit } from "@actions/github";
import { HttpClient } from "@actions/http-client";
import { z } from "zod";
import { SafeName } from "../contract/manifest.js";
import { errorMessage, UserError } from "../kit/errors.js";
import { bytes, debug, info, warning } from "../kit/log.js";

/**
 * Publishing a GitHub Release through the REST API (@actions/github): find the release
 * for a tag or create it as a draft, upload what is missing, and publish last, so a
 * release is never visible with half its assets. A re-run skips assets whose digest
 * already matches. Immutable releases (GitHub, 2025) lock a published release's assets,
 * so this order is also the only one that works there.
 */

export interface GitHubConnection {
  /** A GITHUB_TOKEN or PAT. Never logged; masking it is the caller's job. */
  token: string;
  /** REST API root. Default: GITHUB_API_URL (set on runners, GHES included), else https://api.github.com. */
  apiUrl?: string;
  retry?: Partial<RetryPolicy>;
}

export interface RetryPolicy {
  /** Attempts in all for one request, transient failures included. */
  attempts: number;
  /** First backoff after a 5xx or a dropped connection; doubled each time. */
  baseDelayMs: number;
  /** The longest single wait accepted for a rate limit; a longer one fails at once instead. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxWaitMs: 120_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

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
type Asset = z.output<typeof AssetSchema>;

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

const ErrorBodySchema = z.object({
  message: z.string().optional(),
  errors: z.array(z.object({ code: z.string().optional(), field: z.string().optional() }).loose()).optional(),
});

export function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new UserError(`${what}: GitHub's answer has an unexpected shape: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// ─── Requests, retries and what failures mean ──────────────────────────────────

type Octokit = ReturnType<typeof getOctokit>;

/** A request option that tells the retry hook to keep out: the caller retries (uploads, downloads, deployments). */
export const OWN_RETRIES = "goshipOwnRetries";

export interface Ctx {
  octokit: Octokit;
  /** For uploads only: see sendFile. */
  http: HttpClient;
  token: string;
  owner: string;
  repo: string;
  retry: RetryPolicy;
  apiUrl: string;
}

export function connect(connection: GitHubConnection, owner: string, repo: string): Ctx {
  const apiUrl = (connection.apiUrl ?? process.env.GITHUB_API_URL ?? "https://api.github.com").replace(
    /\/+$/,
    "",
  );
  const retry = { ...DEFAULT_RETRY, ...connection.retry };
  const quiet = () => {};
  const octokit = getOctokit(connection.token, {
    baseUrl: apiUrl,
    userAgent: "goship",
    log: { debug: quiet, info: quiet, warn: (m: string) => warning(m), error: quiet },
  });
  octokit.hook.wrap("request", async (request, options) => {
    options.headers["x-github-api-version"] = "2022-11-28";
    if (options.request?.[OWN_RETRIES] === true) return request(options);
    return withRetries(retry, describeRequest(options, apiUrl), async () => request(options));
  });
  // Uploads can take long; give up only on a socket idle this long.
  const http = new HttpClient("goship", [], {
    allowRedirects: false,
    allowRetries: false,
    socketTimeout: 300_000,
  });
  return { octokit, http, token: connection.token, owner, repo, retry, apiUrl };
}

/** "GET /repos/o/r/releases/7/assets", for the log: the route with its parameters, no query, no host. */
function describeRequest(
  options: { method: string; url: string; [key: string]: unknown },
  apiUrl: string,
): string {
  const url = (options.url.startsWith(apiUrl) ? options.url.slice(apiUrl.length) : options.url).replace(
    /\{\??(\w+)[^}]*\}/g,
    (m, key: string) => (m.startsWith("{?") ? "" : String(options[key] ?? m)),
  );
  return `${options.method} ${url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "")}`;
}

export interface HttpFailure {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

/** The HTTP answer behind an octokit error; undefined when no answer came (connection refused, reset…). */
export function httpFailure(e: unknown): HttpFailure | undefined {
  if (typeof e !== "object" || e === null || !("status" in e) || !("response" in e)) return undefined;
  const response = (e as { response?: { status: number; headers: HttpFailure["headers"]; data: unknown } })
    .response;
  return response
    ? { status: response.status, headers: response.headers ?? {}, data: response.data }
    : undefined;
}

/** GitHub's error message and details; for an answer that is not GitHub's JSON (a proxy's 502 page), the status. */
export function apiMessage(f: HttpFailure): string {
  const body = ErrorBodySchema.safeParse(f.data);
  if (!body.success || body.data.message === undefined) return `HTTP ${f.status}`;
  const details = (body.data.errors ?? [])
    .map((x) => [x.field, x.code].filter(Boolean).join(" "))
    .filter(Boolean);
  return details.length ? `${body.data.message} (${details.join(", ")})` : body.data.message;
}

/** 422 Validation Failed with code already_exists: a release for the tag, or an asset with the name. */
function alreadyExists(f: HttpFailure | undefined): boolean {
  if (f?.status !== 422) return false;
  return (ErrorBodySchema.safeParse(f.data).data?.errors ?? []).some((x) => x.code === "already_exists");
}

function isRateLimit(f: HttpFailure): boolean {
  if (f.status === 429) return true;
  if (f.status !== 403) return false;
  return (
    String(f.headers["x-ratelimit-remaining"]) === "0" ||
    f.headers["retry-after"] !== undefined ||
    /rate limit/i.test(apiMessage(f))
  );
}

/** The connection broke while sending a file or reading a body: worth retrying. */
class TransferError extends Error {
  override name = "TransferError";
}

/**
 * How long to wait before retrying `e`, or undefined when retrying cannot help.
 * Rate limits follow GitHub's documented rules: retry-after, else x-ratelimit-reset when
 * nothing remains, else at least a minute for a secondary limit.
 */
function retryDelay(e: unknown, attempt: number, policy: RetryPolicy, now = Date.now()): number | undefined {
  if (e instanceof UserError) return undefined;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  const f = httpFailure(e);
  if (f === undefined) {
    // No answer at all. Octokit reports a failed fetch (refused, reset, DNS) as a RequestError with
    // status 500 and no response; anything else without an answer is a bug, not worth repeating.
    const network = e instanceof TransferError || (typeof e === "object" && e !== null && "status" in e);
    return network ? backoff : undefined;
  }
  if (isRateLimit(f)) {
    const wait = rateLimitWait(f, now) ?? Math.max(60_000, backoff);
    if (wait > policy.maxWaitMs) {
      throw new UserError(
        `GitHub's API rate limit asks to wait ${Math.ceil(wait / 1000)} s, longer than the ${Math.ceil(policy.maxWaitMs / 1000)} s goship waits; re-run the job later`,
      );
    }
    return wait;
  }
  return f.status >= 500 ? backoff : undefined;
}

function rateLimitWait(f: HttpFailure, now: number): number | undefined {
  const retryAfter = f.headers["retry-after"];
  if (retryAfter !== undefined) {
    const s = Number(retryAfter);
    if (Number.isFinite(s)) return Math.max(0, s * 1000);
    const date = Date.parse(String(retryAfter));
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(f.headers["x-ratelimit-reset"]);
  if (String(f.headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset)) {
    // The reset time is in whole seconds; one more keeps us clear of clock skew.
    return Math.max(0, reset * 1000 - now + 1000);
  }
  return undefined;
}

export async function withRetries<T>(policy: RetryPolicy, what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const wait = retryDelay(e, attempt, policy);
      if (wait === undefined || attempt >= policy.attempts) throw e;
      const f = httpFailure(e);
      const why = f ? `HTTP ${f.status}` : "the connection failed";
      info(
        `${what}: ${why}; retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.attempts})`,
      );
      await policy.sleep(wait);
    }
  }
}

/** Turns a failed request into a message the user can act on. Never includes request headers. */
export function explain(ctx: Ctx, what: string, e: unknown, tag?: string): Error {
  if (e instanceof UserError) return e;
  const f = httpFailure(e);
  if (f === undefined) {
    if (e instanceof TransferError || (typeof e === "object" && e !== null && "status" in e)) {
      return new UserError(`${what}: no answer from GitHub: ${errorMessage(e)}`);
    }
    return e instanceof Error ? e : new Error(String(e));
  }
  const message = apiMessage(f);
  if (f.status === 401) {
    return new UserError(`${what}: GitHub rejected the token (HTTP 401: ${message})`);
  }
  if (f.status === 403 && /not accessible by|must have (push|write|admin) access/i.test(message)) {
    return new UserError(
      `${what}: the token may not write releases in ${ctx.owner}/${ctx.repo} (HTTP 403: ${message}); ` +
        `add "permissions: contents: write" to the job (or use a token with Contents: write)`,
    );
  }
  if (isRateLimit(f)) {
    return new UserError(
      `${what}: GitHub's API rate limit is exhausted (HTTP ${f.status}: ${message}); re-run the job later`,
    );
  }
  if (f.status === 422 && /immutable/i.test(message)) {
    return immutableError(tag ?? "?", message);
  }
  if (f.status === 404) {
    return new UserError(
      `${what}: not found (HTTP 404): ${ctx.owner}/${ctx.repo} does not exist or the token cannot see it`,
    );
  }
  const detail = message === `HTTP ${f.status}` ? "" : `: ${message}`;
  return new UserError(`${what}: GitHub answered HTTP ${f.status}${detail}`);
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
    throw explain(ctx, what, e, tag);
  }
}

// ─── Releases ───────────────────────────────────────────────────────────────────

/** The published release for a tag; undefined on a 404 (GitHub never finds a draft by its tag). */
async function publishedRelease(ctx: Ctx, tag: string): Promise<Release | undefined> {
  const what = `look up release ${tag}`;
  try {
    const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/releases/tags/{tag}", {
      owner: ctx.owner,
      repo: ctx.repo,
      tag,
    });
    return parse(ReleaseSchema, res.data, what);
  } catch (e) {
    if (httpFailure(e)?.status !== 404) throw explain(ctx, what, e, tag);
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
    if (!alreadyExists(f)) throw explain(ctx, what, e, request.tag);
    // Another run created it between our look-up and this request.
    const found = await findRelease(ctx, request.tag);
    if (found) return { release: found, created: false };
    throw explain(ctx, what, e, request.tag);
  }
}

async function listAssets(ctx: Ctx, releaseId: number): Promise<Asset[]> {
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
function recordedSha256(asset: Asset): string | undefined {
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
async function downloadSha256(
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
      // A failure reading the body is a transfer error (retried); one writing the file is not.
      async function* hashed(): AsyncGenerator<Uint8Array> {
        try {
          for await (const chunk of body ?? []) {
            hash.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        } catch (e) {
          throw new TransferError(errorMessage(e));
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
  for (let attempt = 1; ; attempt++) {
    try {
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
      return;
    } catch (e) {
      const f = httpFailure(e);
      const taken = alreadyExists(f);
      if (!taken) {
        const wait = retryDelay(e, attempt, ctx.retry);
        if (wait === undefined || attempt >= ctx.retry.attempts) throw explain(ctx, what, e, tag);
        info(`${what}: ${f ? `HTTP ${f.status}` : errorMessage(e)}; checking the release, then retrying`);
        await ctx.retry.sleep(wait);
      } else if (attempt >= ctx.retry.attempts) {
        throw explain(ctx, what, e, tag);
      }
    }
    const left = (await listAssets(ctx, release.id)).find((a) => a.name === asset.name);
    if (left === undefined) continue;
    if (left.state === "uploaded" && (await sameContent(ctx, left, asset))) return;
    if (left.state === "uploaded" && !replace) {
      throw new UserError(
        `${what}: release ${tag} gained an asset ${asset.name} with other content while uploading`,
      );
    }
    info(
      `removing ${left.state === "uploaded" ? "" : `an unfinished (${left.state}) `}asset ${asset.name} before uploading again`,
    );
    await deleteAsset(ctx, left, tag);
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
