import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { HttpClient } from "@actions/http-client";
import { errorMessage, UserError } from "./errors.js";
import { retry } from "./retry.js";

/**
 * HTTP GETs for public downloads (Go toolchains, listings, the checksum database's
 * answers). Proxies come from the usual environment variables through
 * @actions/http-client. Transient failures (connection errors, 429, 5xx) are retried;
 * anything else fails at once.
 */
export interface FetchOptions {
  /** Give up when the socket is idle this long. */
  timeoutMs?: number;
  /** Attempts in all, for transient failures. */
  attempts?: number;
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

function client(timeoutMs: number): HttpClient {
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

/** GETs a small text document. */
export async function fetchText(url: string, options: FetchOptions = {}): Promise<string> {
  const http = client(options.timeoutMs ?? 30_000);
  return withRetries(url, options.attempts ?? 3, async () => {
    const res = await http.get(url);
    const status = res.message.statusCode ?? 0;
    const body = await res.readBody();
    if (status < 200 || status > 299) throw new HttpError(url, status);
    return body;
  });
}

/**
 * GETs a small binary answer (the checksum database's tiles are raw hashes), refusing one
 * over `maxBytes` (not retried).
 */
export async function fetchBytes(url: string, options: FetchOptions & { maxBytes: number }): Promise<Buffer> {
  const http = client(options.timeoutMs ?? 30_000);
  return withRetries(url, options.attempts ?? 3, async () => {
    const res = await http.get(url);
    const status = res.message.statusCode ?? 0;
    if (status < 200 || status > 299) {
      res.message.resume();
      throw new HttpError(url, status);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.message as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxBytes) {
        res.message.destroy();
        throw new UserError(`GET ${url}: the answer is larger than ${options.maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  });
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
  options: FetchOptions & { sha256?: string } = {},
): Promise<Downloaded> {
  const http = client(options.timeoutMs ?? 60_000);
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
      await pipeline(res.message, tap, createWriteStream(dest));
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
