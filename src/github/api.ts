import { getOctokit } from "@actions/github";
import { HttpClient } from "@actions/http-client";
import { z } from "zod";
import { errorMessage, UserError } from "../kit/errors.js";
import { info, warning } from "../kit/log.js";
import { type RetryOptions, retry } from "../kit/retry.js";
import { apiUrl as runApiUrl, runContext } from "./context.js";

/**
 * The GitHub REST API client that releases and deployments share (@actions/github): the
 * connection, retries on what retrying can fix (5xx, a dropped connection, rate limits, by
 * GitHub's documented rules), and failures turned into messages a user can act on.
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

// No jitter: one job talks to the API at a time, and rate-limit waits are GitHub's own.
const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxWaitMs: 120_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

const ErrorBodySchema = z.object({
  message: z.string().optional(),
  errors: z.array(z.object({ code: z.string().optional(), field: z.string().optional() }).loose()).optional(),
});

/** GitHub's answer read through `schema`; another shape is a UserError naming `what`. */
export function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new UserError(`${what}: GitHub's answer has an unexpected shape: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// ─── The connection ─────────────────────────────────────────────────────────────

type Octokit = ReturnType<typeof getOctokit>;

/** A request option that tells the retry hook to keep out: the caller retries (uploads, downloads, deployments). */
export const OWN_RETRIES = "goshipOwnRetries";

export interface Ctx {
  octokit: Octokit;
  /** For uploads only: see sendFile in releases.ts. */
  http: HttpClient;
  token: string;
  owner: string;
  repo: string;
  retry: RetryPolicy;
  apiUrl: string;
}

export function connect(connection: GitHubConnection, owner: string, repo: string): Ctx {
  const apiUrl = runApiUrl({ apiUrl: connection.apiUrl ?? runContext().apiUrl });
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

// ─── What failures mean ─────────────────────────────────────────────────────────

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
export function alreadyExists(f: HttpFailure | undefined): boolean {
  if (f?.status !== 422) return false;
  return (ErrorBodySchema.safeParse(f.data).data?.errors ?? []).some((x) => x.code === "already_exists");
}

/** A 403 or 429 that says the token is out of API calls. */
function isRateLimit(f: HttpFailure): boolean {
  if (f.status === 429) return true;
  if (f.status !== 403) return false;
  return (
    String(f.headers["x-ratelimit-remaining"]) === "0" ||
    f.headers["retry-after"] !== undefined ||
    /rate limit/i.test(apiMessage(f))
  );
}

/** A 403 that says the token lacks a permission ("Resource not accessible by integration"). */
export function isPermissionDenied(f: HttpFailure): boolean {
  return f.status === 403 && /not accessible by|must have (push|write|admin) access/i.test(apiMessage(f));
}

/** The connection broke while sending a file or reading a body: worth retrying. */
export class TransferError extends Error {
  override name = "TransferError";
}

/** No answer at all. Octokit reports a failed fetch (refused, reset, DNS) as a RequestError with status 500 and no response. */
function noAnswer(e: unknown): boolean {
  return e instanceof TransferError || (typeof e === "object" && e !== null && "status" in e);
}

/**
 * How long to wait before retrying `e`, or undefined when retrying cannot help.
 * Rate limits follow GitHub's documented rules: retry-after, else x-ratelimit-reset when
 * nothing remains, else at least a minute for a secondary limit.
 */
function retryDelay(e: unknown, backoff: number, maxWaitMs: number, now = Date.now()): number | undefined {
  if (e instanceof UserError) return undefined;
  const f = httpFailure(e);
  // Anything else without an answer is a bug, not worth repeating.
  if (f === undefined) return noAnswer(e) ? backoff : undefined;
  if (isRateLimit(f)) {
    const wait = rateLimitWait(f, now) ?? Math.max(60_000, backoff);
    if (wait > maxWaitMs) {
      throw new UserError(
        `GitHub's API rate limit asks to wait ${Math.ceil(wait / 1000)} s, longer than the ${Math.ceil(maxWaitMs / 1000)} s goship waits; re-run the job later`,
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

/** kit/retry's options for `policy`, with GitHub's rules for what to retry and how long to wait. */
export function retryOptions(policy: RetryPolicy, onRetry: RetryOptions["onRetry"]): RetryOptions {
  return {
    attempts: policy.attempts,
    baseDelayMs: policy.baseDelayMs,
    sleep: policy.sleep,
    retryable: (e, { backoffMs }) => retryDelay(e, backoffMs, policy.maxWaitMs) ?? false,
    onRetry,
  };
}

/** Runs `fn` again after what retrying can fix, with a log line per retry; `fn` gets the attempt's number. */
export async function withRetries<T>(
  policy: RetryPolicy,
  what: string,
  fn: (attempt: number) => Promise<T>,
): Promise<T> {
  return retry(
    fn,
    retryOptions(policy, (e, { attempt, attempts, waitMs }) => {
      const f = httpFailure(e);
      const why = f ? `HTTP ${f.status}` : "the connection failed";
      info(
        `${what}: ${why}; retrying in ${(waitMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${attempts})`,
      );
    }),
  );
}

/**
 * Turns a failed request into a message the user can act on. Never includes request headers.
 * `specific` reads the answers that mean something particular to the caller (the permission
 * it needs, a conflict) first; what it leaves (undefined) gets the general meaning here.
 */
export function explain(
  ctx: Ctx,
  what: string,
  e: unknown,
  specific?: (f: HttpFailure, message: string) => Error | undefined,
): Error {
  if (e instanceof UserError) return e;
  const f = httpFailure(e);
  if (f === undefined) {
    if (noAnswer(e)) return new UserError(`${what}: no answer from GitHub: ${errorMessage(e)}`);
    return e instanceof Error ? e : new Error(String(e));
  }
  const message = apiMessage(f);
  const particular = specific?.(f, message);
  if (particular) return particular;
  if (f.status === 401) {
    return new UserError(`${what}: GitHub rejected the token (HTTP 401: ${message})`);
  }
  if (isRateLimit(f)) {
    return new UserError(
      `${what}: GitHub's API rate limit is exhausted (HTTP ${f.status}: ${message}); re-run the job later`,
    );
  }
  if (f.status === 404) {
    return new UserError(
      `${what}: not found (HTTP 404): ${ctx.owner}/${ctx.repo} does not exist or the token cannot see it`,
    );
  }
  const detail = message === `HTTP ${f.status}` ? "" : `: ${message}`;
  return new UserError(`${what}: GitHub answered HTTP ${f.status}${detail}`);
}
