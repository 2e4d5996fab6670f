/**
 * Bounded concurrency: `fn` over `items`, at most `limit` at once, started in input order,
 * results in input order. Two ways to meet a failure, because callers need both: a build
 * stops at the first one (`pool`), a deploy wants every host's outcome (`poolSettled`).
 */

/** Rejects with the first failure; no item starts after it, and those already started finish first. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let failure: { error: unknown } | undefined;
  await drain(items, limit, async (item, i) => {
    if (failure) return;
    try {
      results[i] = await fn(item, i);
    } catch (error) {
      failure ??= { error };
    }
  });
  if (failure) throw failure.error;
  return results;
}

/** Runs every item whatever happens to the others; never rejects: each result says how its item ended. */
export async function poolSettled<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  await drain(items, limit, async (item, i) => {
    try {
      results[i] = { status: "fulfilled", value: await fn(item, i) };
    } catch (reason) {
      results[i] = { status: "rejected", reason };
    }
  });
  return results;
}

/** The values of settled results, in order; throws the reason of the first item (in input order) that failed. */
export function fulfilled<R>(results: readonly PromiseSettledResult<R>[]): R[] {
  return results.map((r) => {
    if (r.status === "rejected") throw r.reason;
    return r.value;
  });
}

/** `limit` workers take the next item from one shared queue until it is empty; `task` never rejects. */
async function drain<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`pool: limit must be a whole number of at least 1, not ${limit}`);
  }
  // One iterator for all workers: each next() hands out an item exactly once.
  const queue = items.entries();
  const worker = async () => {
    for (const [i, item] of queue) await task(item, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
