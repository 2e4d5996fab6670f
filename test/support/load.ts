/**
 * Bounded, steady HTTP load on loopback for the canary-gate tests: each stream sends GETs to one
 * address at a fixed rate (open loop: a slow answer does not slow the next request down, as with
 * real users), with a cap on requests in flight, for at most `durationMs`, then stops by itself.
 * `stop()` ends it early and waits for the requests still in flight.
 */

export interface LoadStream {
  /** `host:port` */
  address: string;
  /** Requests a second. */
  rate: number;
  path?: string;
  /**
   * A connection per request (`Connection: close`), as users arriving one by one: a reload of
   * the nginx in front ends no request in flight (see deploy-blue-green.test.ts).
   */
  fresh?: boolean;
  /** Keeps every answer in `answers` (when it came, its status and body), in the order they came. */
  keep?: boolean;
}

/** One answer of a stream with `keep`; a request that got none has status 0 and the error as body. */
export interface Answer {
  /** Date.now() when it came. */
  at: number;
  status: number;
  body: string;
}

/** Per address: answers by HTTP status, and `failed` for requests that got no answer. */
export type LoadCounts = Record<
  string,
  { statuses: Record<number, number>; failed: number; answers: Answer[] }
>;

export interface Load {
  /** What was sent so far. */
  readonly counts: LoadCounts;
  /** Ends the load (if still running) and waits for the requests in flight. */
  stop(): Promise<LoadCounts>;
}

const TICK_MS = 50;
const MAX_IN_FLIGHT = 64;

export function startLoad(streams: readonly LoadStream[], durationMs: number): Load {
  const counts: LoadCounts = {};
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const owed = streams.map(() => 0);
  const active = streams.map(() => 0);
  for (const s of streams) counts[s.address] ??= { statuses: {}, failed: 0, answers: [] };

  const send = (s: LoadStream, i: number) => {
    const c = counts[s.address] as LoadCounts[string];
    active[i] = (active[i] ?? 0) + 1;
    const p = fetch(`http://${s.address}${s.path ?? "/"}`, {
      signal: AbortSignal.timeout(10_000),
      ...(s.fresh ? { headers: { connection: "close" } } : {}),
    })
      .then(async (res) => {
        const body = await res.text();
        c.statuses[res.status] = (c.statuses[res.status] ?? 0) + 1;
        if (s.keep) c.answers.push({ at: Date.now(), status: res.status, body });
      })
      .catch((e: Error) => {
        c.failed++;
        if (s.keep)
          c.answers.push({ at: Date.now(), status: 0, body: `${e.message}: ${String(e.cause ?? "")}` });
      })
      .finally(() => {
        active[i] = (active[i] ?? 1) - 1;
        inFlight.delete(p);
      });
    inFlight.add(p);
  };

  const timer = setInterval(() => {
    if (performance.now() - started >= durationMs) {
      clearInterval(timer);
      return;
    }
    streams.forEach((s, i) => {
      owed[i] = (owed[i] ?? 0) + (s.rate * TICK_MS) / 1000;
      while ((owed[i] ?? 0) >= 1) {
        owed[i] = (owed[i] ?? 0) - 1;
        // Past the cap the request is dropped, not queued: the load stays bounded.
        if ((active[i] ?? 0) < MAX_IN_FLIGHT) send(s, i);
      }
    });
  }, TICK_MS);

  return {
    counts,
    stop: async () => {
      clearInterval(timer);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      return counts;
    },
  };
}
