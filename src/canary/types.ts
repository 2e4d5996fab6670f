// What the metric sources hand the judge each tick.

/** One requests-metric series (its labels folded into a stable `key`); `error`: its `code` label matches error-codes. */
export interface CounterSeries {
  key: string;
  value: number;
  error: boolean;
}

/** One cumulative `_bucket{le}` sample; `le` may be Infinity (+Inf). */
export interface Bucket {
  le: number;
  count: number;
}

/** The cumulative `_bucket{le}` and `_count` of one histogram series. */
export interface HistogramSeries {
  key: string;
  buckets: Bucket[];
  count: number;
}

export interface InstanceSnapshot {
  instance: string;
  startTime: number | null;
  requests: CounterSeries[];
  latency: HistogramSeries[];
}

export type ArmSnapshot =
  | { ok: true; instances: InstanceSnapshot[] }
  /** unreachable: the arm's targets did not answer (vs. a source error or invalid data). */
  | { ok: false; reason: string; unreachable: boolean };

export interface TickInput {
  t: number;
  canary: ArmSnapshot;
  baseline: ArmSnapshot;
  sourceDown?: string;
}
