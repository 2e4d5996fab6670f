import { describe, expect, it } from "vitest";
import { backoffDelay, type RetryOptions, retry } from "../../src/kit/retry.js";

class Transient extends Error {}
class Permanent extends Error {}

/** A function that fails with the given errors in turn, then returns "ok"; it counts its calls. */
function failing(...errors: Error[]) {
  const calls: number[] = [];
  const fn = async (attempt: number) => {
    calls.push(attempt);
    const e = errors[calls.length - 1];
    if (e) throw e;
    return "ok";
  };
  return { fn, calls };
}

/** Options whose sleep records the waits and returns at once. */
function options(overrides: Partial<RetryOptions> = {}) {
  const waits: number[] = [];
  const opts: RetryOptions = {
    attempts: 4,
    baseDelayMs: 100,
    retryable: (e) => e instanceof Transient,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  };
  return { opts, waits };
}

describe("retry", () => {
  it("returns the first success, passing each attempt its number, with doubling waits between", async () => {
    const { fn, calls } = failing(new Transient("a"), new Transient("b"));
    const { opts, waits } = options();
    await expect(retry(fn, opts)).resolves.toBe("ok");
    expect(calls).toEqual([1, 2, 3]);
    expect(waits).toEqual([100, 200]);
  });

  it("does not wait or retry after a success on the first attempt", async () => {
    const { fn, calls } = failing();
    const { opts, waits } = options();
    await expect(retry(fn, opts)).resolves.toBe("ok");
    expect(calls).toEqual([1]);
    expect(waits).toEqual([]);
  });

  it("throws the last error as it is once the attempts are spent", async () => {
    const last = new Transient("fourth");
    const { fn, calls } = failing(new Transient("1"), new Transient("2"), new Transient("3"), last);
    const { opts, waits } = options();
    await expect(retry(fn, opts)).rejects.toBe(last);
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(waits).toEqual([100, 200, 400]);
  });

  it("gives up at once on an error the caller calls permanent", async () => {
    const permanent = new Permanent("no");
    const { fn, calls } = failing(new Transient("1"), permanent);
    const { opts, waits } = options();
    await expect(retry(fn, opts)).rejects.toBe(permanent);
    expect(calls).toEqual([1, 2]);
    expect(waits).toEqual([100]);
  });

  it("one attempt means no retry", async () => {
    const first = new Transient("1");
    const { fn, calls } = failing(first);
    const { opts, waits } = options({ attempts: 1 });
    await expect(retry(fn, opts)).rejects.toBe(first);
    expect(calls).toEqual([1]);
    expect(waits).toEqual([]);
  });

  it("takes the wait the caller names (a server's retry-after), and retries at once on 0", async () => {
    const { fn } = failing(new Transient("1"), new Transient("2"), new Transient("3"));
    const seen: Array<{ attempt: number; backoffMs: number }> = [];
    const { opts, waits } = options({
      retryable: (_e, failure) => {
        seen.push(failure);
        return failure.attempt === 1 ? 7000 : failure.attempt === 2 ? 0 : true;
      },
    });
    await expect(retry(fn, opts)).resolves.toBe("ok");
    expect(seen).toEqual([
      { attempt: 1, backoffMs: 100 },
      { attempt: 2, backoffMs: 200 },
      { attempt: 3, backoffMs: 400 },
    ]);
    expect(waits).toEqual([7000, 400]);
  });

  it("asks the caller about the last failure too, so that it can throw a clearer error", async () => {
    const { fn } = failing(new Transient("1"), new Transient("2"));
    const clearer = new Error("the rate limit asks to wait longer than goship waits");
    const { opts } = options({
      attempts: 2,
      retryable: (_e, { attempt }) => {
        if (attempt === 2) throw clearer;
        return true;
      },
    });
    await expect(retry(fn, opts)).rejects.toBe(clearer);
  });

  it("tells onRetry the error, the attempt that failed and the wait, before waiting", async () => {
    const first = new Transient("1");
    const { fn } = failing(first);
    const events: unknown[] = [];
    const { opts } = options({
      onRetry: (e, info) => events.push(["retry", e, info]),
      sleep: async (ms) => {
        events.push(["sleep", ms]);
      },
    });
    await retry(fn, opts);
    expect(events).toEqual([
      ["retry", first, { attempt: 1, attempts: 4, waitMs: 100 }],
      ["sleep", 100],
    ]);
  });

  it("waits for real by default (with a tiny delay)", async () => {
    const { fn, calls } = failing(new Transient("1"));
    await expect(
      retry(fn, { attempts: 2, baseDelayMs: 1, retryable: (e) => e instanceof Transient }),
    ).resolves.toBe("ok");
    expect(calls).toEqual([1, 2]);
  });
});

describe("backoffDelay", () => {
  it("doubles from the base and stops at the cap", () => {
    const o = { baseDelayMs: 500, maxDelayMs: 3000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, o))).toEqual([500, 1000, 2000, 3000, 3000]);
  });

  it("with jitter, draws each wait from [d·(1 − jitter), d]", () => {
    const o = { baseDelayMs: 1000, jitter: 0.5 };
    expect(backoffDelay(2, { ...o, random: () => 0 })).toBe(2000);
    expect(backoffDelay(2, { ...o, random: () => 0.5 })).toBe(1500);
    expect(backoffDelay(2, { ...o, random: () => 0.999999 })).toBe(1000);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3, o);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  it("keeps a jitter outside 0..1 inside it", () => {
    expect(backoffDelay(1, { baseDelayMs: 100, jitter: -1, random: () => 0.5 })).toBe(100);
    expect(backoffDelay(1, { baseDelayMs: 100, jitter: 7, random: () => 0.5 })).toBe(50);
  });

  it("retry uses the jittered wait", async () => {
    const { fn } = failing(new Transient("1"), new Transient("2"));
    const { opts, waits } = options({ jitter: 0.5, random: () => 0.5 });
    await retry(fn, opts);
    expect(waits).toEqual([75, 150]);
  });
});
