// What the metric providers hand the judge each tick, what the judge keeps between ticks and
// what it reports. Everything here is plain data: the state and the records go into the
// action's JSON report as they are.

/** One `http_requests_total` series of one instance (its labels folded into `key`). */
export interface CounterSeries {
  key: string;
  value: number;
  /** The series' status code matches the gate's error codes. */
  error: boolean;
}

/** One cumulative `_bucket{le}` sample; `le` is `Infinity` for the `+Inf` bucket. */
export interface Bucket {
  le: number;
  count: number;
}

/** The cumulative buckets and `_count` of one latency histogram series. */
export interface HistogramSeries {
  key: string;
  buckets: Bucket[];
  count: number;
}

export interface InstanceSnapshot {
  instance: string;
  /** `process_start_time_seconds`, or null when the instance does not export it. */
  startTime: number | null;
  requests: CounterSeries[];
  latency: HistogramSeries[];
}

export type ArmSnapshot =
  | { ok: true; instances: InstanceSnapshot[] }
  /** `unreachable`: the arm's own targets did not answer (as opposed to a source error or invalid data). */
  | { ok: false; reason: string; unreachable: boolean };

export interface TickInput {
  /** Seconds since the step started, on the fixed tick clock. */
  t: number;
  canary: ArmSnapshot;
  baseline: ArmSnapshot;
  /** The metric source itself failed (HTTP error, timeout, warnings, partial response). */
  sourceDown?: string;
}

export type Decision = "promote" | "hold" | "rollback";

export type CheckName = "errorRate" | "errorCeiling" | "latency" | "latencySlo";

export interface GateConfig {
  checks: { errorRate: boolean; errorCeiling: boolean; latency: boolean; latencySlo: boolean };
  /** How errorRate bets: on the canary's share of each tick's errors, or per request. */
  errorTest: "share" | "per-request";
  /** Tolerated error-rate ratio canary/baseline (H0: p_canary ≤ r0·p_baseline). */
  r0: number;
  /** The error ceiling X; 1 turns the ceiling off. */
  maxErrorRate: number;
  /** Latency SLO: the q-quantile stays at or below `seconds`. */
  latencySlo?: { q: number; seconds: number };
  /** r*, the smallest regression ratio the step must be able to see; by weight when unset. */
  minEffect?: number;
  /** The configured canary share of traffic, 0..1 (only picks the default r*). */
  weight: number;
  alpha: number;
  beta: number;
  /** Seconds: ticks at or before this only record the counters. */
  warmup: number;
  /** Analysed ticks needed before a PROMOTE. */
  minTicks: number;
  /** Seconds without a valid tick before the gate reports its data as stale. */
  maxGap: number;
  /** Seconds: the step ends in HOLD when no decision is reached by then. */
  deadline: number;
  /** Seconds between ticks. */
  interval: number;
}

/** The counters of one instance as seen at the last valid tick. `+Inf` is kept as `count`. */
export interface InstanceMemory {
  instance: string;
  startTime: number | null;
  counters: { key: string; value: number }[];
  histograms: { key: string; les: number[]; cum: number[]; count: number }[];
}

export interface ArmMemory {
  instances: InstanceMemory[];
}

/** Log-wealth of the enabled checks' e-processes. */
export interface CheckStates {
  /** One entry per bet fraction (share) or per rate ratio (per-request). */
  errorRate?: number[];
  errorCeiling?: AbsoluteState;
  /** One array of share-bet log-wealths per latency boundary in `latencyBounds`. */
  latency?: number[][];
  latencySlo?: AbsoluteState;
}

/** An absolute check (error ceiling, latency SLO): a canary test each side and the baseline's own test. */
export interface AbsoluteState {
  rollback: number[];
  promote: number[];
  baseline: number[];
  /** The baseline's own rollback-side test crossed its threshold during this step. */
  baselineBroke: boolean;
}

export interface Totals {
  /** Canary and baseline requests and errors over the analysed ticks. */
  nC: number;
  eC: number;
  nB: number;
  eB: number;
  /** Canary and baseline histogram observations over the analysed ticks. */
  hC: number;
  hB: number;
}

export interface GateState {
  /** Ticks seen, valid or not. */
  ticks: number;
  lastT: number | null;
  /** Valid ticks after warm-up whose deltas went into the checks. */
  analysedTicks: number;
  /** t of the last valid tick; 0 (the step's start) before the first. */
  lastValidT: number;
  /** Consecutive analysis ticks where the canary did not answer while the baseline did. */
  canaryDown: number;
  /** The counters at the last valid tick, or null before the first. */
  prev: { canary: ArmMemory; baseline: ArmMemory } | null;
  totals: Totals;
  /** Finite bucket boundaries shared by every latency series, fixed at the first analysed tick. */
  layout: number[] | null;
  /** The latency check's boundaries S (at or above the baseline's median), fixed with `layout`. */
  latencyBounds: number[] | null;
  /** The SLO's boundaries: b+ (smallest ≥ T) and b− (largest ≤ T); null where none exists. */
  sloBounds: { upper: number | null; lower: number | null } | null;
  warnings: string[];
  checks: CheckStates;
  decision: Decision;
  final: boolean;
}

/** One arm's counts over one tick. */
export interface ArmDelta {
  n: number;
  errors: number;
  /** Histogram observations (`_count` delta). */
  latencyCount: number;
  /** Observations above each boundary of `TickRecord.layout`. */
  exceedances: number[];
  resets: string[];
}

export interface CheckRecord {
  check: CheckName;
  /** log E of the rollback side and its threshold ln(K/α). */
  logE: number;
  threshold: number;
  /** log E of the promote side and its threshold ln(K/β) (error ceiling and latency SLO). */
  promoteLogE?: number;
  promoteThreshold?: number;
  /** log E of the baseline's own rollback-side test (error ceiling and latency SLO). */
  baselineLogE?: number;
}

export interface TickRecord {
  t: number;
  phase: "warmup" | "analysis";
  valid: boolean;
  /** Why the tick was not used, when it was not. */
  invalid?: string;
  canary?: ArmDelta;
  baseline?: ArmDelta;
  layout: number[] | null;
  /** Cumulative canary and baseline requests and errors over the analysed ticks. */
  nC: number;
  nB: number;
  eC: number;
  eB: number;
  checks: CheckRecord[];
  /** Canary requests needed before a PROMOTE; null when no relative check is on or not yet known. */
  nMin: number | null;
  decision: Decision;
  final: boolean;
  reasons: string[];
  /** Configuration problems found at this tick (e.g. "add a bucket le=T"), once each. */
  warnings?: string[];
}

export interface StepResult {
  state: GateState;
  decision: Decision;
  reasons: string[];
  final: boolean;
  record: TickRecord;
}
