import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { HttpClient, HttpClientResponse } from "@actions/http-client";
import { errorMessage, UserError } from "./errors.js";
import { retry } from "./retry.js";

/**
 * HTTP GETs for public downloads (Go toolchains, listings, the checksum database's
 * answers). Proxies come from the usual environment variables through
 * @actions/http-client. Transient failures (connection errors, 429, 5xx) are retried;
 * anything else fails at once. Every GET states the most it will read: the size a listing
 * gives when there is one, else a cap; an answer that says or turns out to be larger is
 * refused as soon as that is known, and not retried.
 */
export interface FetchOptions {
  /** The most bytes to read: an answer larger than this is refused without reading further. */
  maxBytes: number;
  /** Give up when the socket is idle this long. */
  timeoutMs?: number;
  /** Attempts in all, for transient failures. */
  attempts?: number;
}

/** An answer larger than the caller said it could be; not retried (it would be as large again). */
export class TooLargeError extends UserError {
  override name = "TooLargeError";
  constructor(
    readonly url: string,
    readonly maxBytes: number,
    declared?: number,
  ) {
    super(
      `GET ${url}: the answer is ${declared === undefined ? "larger than" : `${declared} bytes, more than`} ${maxBytes} bytes, the most expected here; stopped reading`,
    );
  }
}

/**
 * Counts the bytes of an answer as they pass and fails the stream once they exceed
 * `maxBytes`; a Content-Length above it is refused before the body is read at all.
 */
function limitTo(url: string, res: HttpClientResponse, maxBytes: number): Transform {
  const declared = Number(res.message.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.message.destroy();
    throw new TooLargeError(url, maxBytes, declared);
  }
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      // Failing the pipeline destroys the response, and with it the connection.
      if (size > maxBytes) cb(new TooLargeError(url, maxBytes));
      else cb(null, chunk);
    },
  });
}

/** The body of a 2xx answer, read through `limitTo`; anything else is an HttpError. */
async function readLimited(url: string, res: HttpClientResponse, maxBytes: number): Promise<Buffer> {
  const status = res.message.statusCode ?? 0;
  if (status < 200 || status > 299) {
    res.message.resume();
    throw new HttpError(url, status);
  }
  const chunks: Buffer[] = [];
  await pipeline(res.message, limitTo(url, res, maxBytes), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

/** An HTTP answer other than 2xx; 404 is worth telling apart (version not published). */
export class HttpError extends UserError {
  override name = "HttpError";
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`GET ${url} answered HTTP ${status}`);
  }
}

/** Worth another attempt: no answer at all (refused, reset, timed out), a 429 or a 5xx. */
function transient(e: unknown): boolean {
  return e instanceof HttpError ? e.status === 429 || e.status >= 500 : !(e instanceof UserError);
}

/** The HTTP stack loads with the first request: most runs find everything cached and make none. */
async function client(timeoutMs: number): Promise<HttpClient> {
  const { HttpClient } = await import("@actions/http-client");
  return new HttpClient("goship", [], { socketTimeout: timeoutMs, allowRetries: false, keepAlive: false });
}

async function withRetries<T>(url: string, attempts: number, fn: () => Promise<T>): Promise<T> {
  try {
    // Jitter: the jobs of a build matrix fetch the same files at the same moment.
    return await retry(fn, {
      attempts,
      baseDelayMs: 500,
      jitter: 0.5,
      retryable: transient,
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`GET ${url} failed: ${errorMessage(e)}`);
  }
}

/** GETs a text document of at most `maxBytes`. */
export async function fetchText(url: string, options: FetchOptions): Promise<string> {
  const http = await client(options.timeoutMs ?? 30_000);
  return withRetries(url, options.attempts ?? 3, async () =>
    (await readLimited(url, await http.get(url), options.maxBytes)).toString("utf8"),
  );
}

/** GETs a binary answer of at most `maxBytes` (the checksum database's tiles are raw hashes). */
export async function fetchBytes(url: string, options: FetchOptions): Promise<Buffer> {
  const http = await client(options.timeoutMs ?? 30_000);
  return withRetries(url, options.attempts ?? 3, async () =>
    readLimited(url, await http.get(url), options.maxBytes),
  );
}

export interface Downloaded {
  path: string;
  sha256: string;
  size: number;
}

/**
 * Streams a download to `dest`, hashing it on the way (never buffered whole).
 * With `sha256`, a mismatch deletes the file and throws: nothing unverified stays behind.
 */
export async function downloadFile(
  url: string,
  dest: string,
  options: FetchOptions & { sha256?: string },
): Promise<Downloaded> {
  const http = await client(options.timeoutMs ?? 60_000);
  const got = await withRetries(url, options.attempts ?? 3, async () => {
    const res = await http.get(url);
    const status = res.message.statusCode ?? 0;
    if (status < 200 || status > 299) {
      res.message.resume();
      throw new HttpError(url, status);
    }
    const hash = createHash("sha256");
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(res.message, limitTo(url, res, options.maxBytes), tap, createWriteStream(dest));
    } catch (e) {
      await rm(dest, { force: true });
      throw e;
    }
    return { path: dest, sha256: hash.digest("hex"), size };
  });
  if (options.sha256 !== undefined && got.sha256 !== options.sha256.toLowerCase()) {
    await rm(dest, { force: true });
    throw new UserError(
      `checksum mismatch for ${url}: expected sha256 ${options.sha256}, got ${got.sha256}; the download was deleted`,
    );
  }
  return got;
}
