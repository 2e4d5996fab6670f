/**
 * Retrying a failed operation with exponential backoff: the one loop behind every retried
 * network call (downloads, the checksum database, GitHub's API). What is worth retrying is
 * the caller's decision, since only it knows what a failure means; this module only
 * counts attempts and waits.
 */

export interface RetryOptions {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** The wait after the first failure; it doubles after each further one. */
  baseDelayMs: number;
  /** No backoff wait is longer than this (a wait the caller asks for is taken as it is). */
  maxDelayMs?: number;
  /**
   * The share of each backoff wait that is random, 0 to 1: the wait is drawn from
   * [d·(1 − jitter), d]. Many clients that failed together (a build matrix fetching the
   * same file) then retry apart instead of together. Default 0: exact waits.
   */
  jitter?: number;
  /**
   * Whether another attempt may help after `error`: false gives up (the error is thrown),
   * true waits `backoffMs`, a number waits that many ms instead (a server said when to
   * come back). It may throw, to fail with a clearer error than `error`.
   */
  retryable: (error: unknown, failure: { attempt: number; backoffMs: number }) => boolean | number;
  /** Told before each wait: for a log line. */
  onRetry?: (error: unknown, retry: { attempt: number; attempts: number; waitMs: number }) => void;
  /** Default: a timer. Tests pass one that records the waits and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Default Math.random; the jitter's source. */
  random?: () => number;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The backoff wait after failed attempt `attempt` (1-based), jitter included. */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "jitter" | "random">,
): number {
  const exact = Math.min(options.baseDelayMs * 2 ** (attempt - 1), options.maxDelayMs ?? Infinity);
  const jitter = Math.min(Math.max(options.jitter ?? 0, 0), 1);
  return jitter === 0 ? exact : Math.round(exact * (1 - jitter * (options.random ?? Math.random)()));
}

/**
 * Runs `fn` until it succeeds, `retryable` says no, or the attempts are spent; then throws
 * the last error as it is. `fn` gets the attempt's number (1 for the first), so that a retry
 * can first look whether the failed attempt took effect anyway. A wait of 0 retries at once.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? timer;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      // Asked even after the last attempt: its verdict may be a clearer error to throw.
      const backoffMs = backoffDelay(attempt, options);
      const verdict = options.retryable(e, { attempt, backoffMs });
      if (verdict === false || attempt >= options.attempts) throw e;
      const waitMs = verdict === true ? backoffMs : Math.max(0, verdict);
      options.onRetry?.(e, { attempt, attempts: options.attempts, waitMs });
      if (waitMs > 0) await sleep(waitMs);
    }
  }
}
