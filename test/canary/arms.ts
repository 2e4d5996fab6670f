// Builds the cumulative counters a provider would hand canary-gate, from per-tick counts.
import type { ArmSnapshot, InstanceSnapshot } from "../../src/canary/types.js";

/** client_golang's default buckets. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One instance's cumulative counters: ok and error requests and a latency histogram. */
export class FakeInstance {
  ok = 0;
  errors = 0;
  /** Cumulative count per finite boundary, then +Inf. */
  cum: number[];
  startTime: number | null = 1_700_000_000;

  constructor(
    readonly name: string,
    readonly layout: number[] = DEFAULT_BUCKETS,
  ) {
    this.cum = new Array(layout.length + 1).fill(0);
  }

  /**
   * Adds n requests with `errors` of them errors; latencies go to the lowest bucket unless
   * `slow` says how many land above each boundary: slow[i] = requests slower than layout[i].
   */
  add(n: number, errors = 0, slow?: number[]): this {
    this.ok += n - errors;
    this.errors += errors;
    for (let i = 0; i <= this.layout.length; i++) {
      const above = i < this.layout.length ? (slow?.[i] ?? 0) : 0;
      this.cum[i] = (this.cum[i] as number) + n - above;
    }
    return this;
  }

  /** The process restarted: counters start again from zero. */
  restart(): this {
    this.ok = 0;
    this.errors = 0;
    this.cum.fill(0);
    this.startTime = (this.startTime ?? 0) + 1000;
    return this;
  }

  snapshot(): InstanceSnapshot {
    return {
      instance: this.name,
      startTime: this.startTime,
      requests: [
        { key: 'code="200"', value: this.ok, error: false },
        { key: 'code="500"', value: this.errors, error: true },
      ],
      latency: [
        {
          key: "http_request_duration_seconds",
          buckets: [...this.layout, Number.POSITIVE_INFINITY].map((le, i) => ({
            le,
            count: this.cum[i] as number,
          })),
          count: this.cum[this.layout.length] as number,
        },
      ],
    };
  }
}

export function arm(...instances: FakeInstance[]): ArmSnapshot {
  return { ok: true, instances: instances.map((i) => i.snapshot()) };
}

export const unreachable = (reason = "connect ECONNREFUSED"): ArmSnapshot => ({
  ok: false,
  reason,
  unreachable: true,
});
