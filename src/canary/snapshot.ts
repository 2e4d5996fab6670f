import { inputError } from "../kit/errors.js";
import { parseSampleValue } from "./exposition.js";
import type {
  ArmSnapshot,
  Bucket,
  CounterSeries,
  HistogramSeries,
  InstanceSnapshot,
  TickInput,
} from "./types.js";

/**
 * Labelled samples, from a service's `/metrics` or from Prometheus, turned into what the judge
 * reads: per instance, the requests counter series (each flagged error or not by its `code`),
 * the latency histogram series and the process start time. One function for both sources, so
 * a series means the same thing whichever way it was read.
 *
 * Only what is wrong inside one snapshot and that the judge could not see in the result makes it
 * `ok: false` here: a requests series with no `code` label, buckets with no `_count` (or the
 * reverse), an `le` that is not a number, two start times for one instance. NaN and ±Inf values
 * are kept as they are, and bucket layouts are not checked: the judge declares those ticks
 * invalid. Nothing is compared across ticks.
 */

export interface LabelledSample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

/** The samples of one instance (a scraped target, or one `instance` label value in Prometheus). */
export interface InstanceSamples {
  instance: string;
  samples: readonly LabelledSample[];
}

/** Which status codes count as errors, from the `error-codes` input. */
export interface ErrorCodes {
  /** The input as given, for messages. */
  text: string;
  matches(code: string): boolean;
}

export interface SnapshotSpec {
  /** `requests-metric`: a counter with a `code` label. */
  requestsMetric: string;
  /** `latency-metric`: a histogram's base name (without `_bucket`), or null when no latency check is on. */
  latencyMetric: string | null;
  errorCodes: ErrorCodes;
}

/** Both arms as one source read them at one moment; the gate adds its tick time `t`. */
export type ArmsReading = Omit<TickInput, "t">;

/** A metric source: Prometheus, or the services' own `/metrics`. */
export interface MetricSource {
  /** Reads both arms as of `at` (seconds since the epoch; a scrape can only read now and ignores it). */
  read(at: number): Promise<ArmsReading>;
}

export const START_TIME_METRIC = "process_start_time_seconds";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const CODE_PATTERN = /^[0-9.]{3}$/;
const ERROR_CODES_ALLOWED =
  "allowed: one or more three-character status patterns separated by commas, each of digits and " +
  "dots where a dot stands for any digit, e.g. 5.. or 500,502,503 or 5..,429";

/** `error-codes`: `5..`, `500,502,503`, `5..,429`. A dot is any one digit; codes match whole. */
export function parseErrorCodes(value: string, input = "error-codes"): ErrorCodes {
  const items = value.split(",").map((s) => s.trim());
  const bad = items.find((s) => !CODE_PATTERN.test(s));
  if (bad !== undefined) {
    throw inputError(
      input,
      value,
      `${bad === "" ? "an empty pattern" : `${JSON.stringify(bad)}`}; ${ERROR_CODES_ALLOWED}`,
    );
  }
  const re = new RegExp(`^(?:${items.map((s) => s.replaceAll(".", "[0-9]")).join("|")})$`);
  return { text: value, matches: (code) => re.test(code) };
}

/** A metric name as Prometheus spells them (`requests-metric`, `latency-metric`). */
export function checkMetricName(value: string, input: string): string {
  if (!METRIC_NAME.test(value)) {
    throw inputError(input, value, "allowed: a Prometheus metric name, [a-zA-Z_:][a-zA-Z0-9_:]*");
  }
  return value;
}

/** The metric names a snapshot reads, for a source that fetches them by name. */
export function metricNames(spec: SnapshotSpec): string[] {
  const names = [spec.requestsMetric, START_TIME_METRIC];
  if (spec.latencyMetric !== null) names.push(`${spec.latencyMetric}_bucket`, `${spec.latencyMetric}_count`);
  return names;
}

/**
 * A series' labels as one stable string, `{code="200",method="GET"}`: sorted by name, values
 * escaped as in PromQL, without `__name__` and the labels in `omit`.
 */
export function seriesKey(labels: Readonly<Record<string, string>>, omit: readonly string[] = []): string {
  const parts = Object.keys(labels)
    .filter((k) => k !== "__name__" && !omit.includes(k))
    .sort()
    .map((k) => `${k}="${escapeLabelValue(labels[k] as string)}"`);
  return `{${parts.join(",")}}`;
}

function escapeLabelValue(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

/**
 * Groups samples by their `label` (Prometheus's `instance`), which is dropped from their labels:
 * the instance is said once, by the group. A sample without it is an error (the judge needs
 * counters per instance to see one instance restart).
 */
export function groupByInstance(
  samples: readonly LabelledSample[],
  label = "instance",
): { ok: true; groups: InstanceSamples[] } | { ok: false; reason: string } {
  const groups = new Map<string, LabelledSample[]>();
  for (const s of samples) {
    const { [label]: instance, ...rest } = s.labels;
    if (instance === undefined) {
      return {
        ok: false,
        reason: `${s.name}${seriesKey(s.labels)} has no "${label}" label; canary-gate reads counters per instance`,
      };
    }
    const list = groups.get(instance) ?? [];
    groups.set(instance, list);
    list.push({ name: s.name, labels: rest, value: s.value });
  }
  return { ok: true, groups: [...groups].map(([instance, samples]) => ({ instance, samples })) };
}

/**
 * The judge's view of one arm. Every group is an instance, even one with none of the metrics
 * (a service that has not served a request has no requests series yet): zero groups is "no
 * data", never zero. Instances, series and buckets come out sorted, so equal inputs give equal
 * snapshots.
 */
export function snapshotArm(groups: readonly InstanceSamples[], spec: SnapshotSpec): ArmSnapshot {
  const instances: InstanceSnapshot[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    if (seen.has(group.instance)) return invalid(`instance ${group.instance} is given twice`);
    seen.add(group.instance);
    const one = snapshotInstance(group, spec);
    if (typeof one === "string") return invalid(`instance ${group.instance}: ${one}`);
    instances.push(one);
  }
  instances.sort((a, b) => compare(a.instance, b.instance));
  return { ok: true, instances };
}

function invalid(reason: string): ArmSnapshot {
  return { ok: false, reason, unreachable: false };
}

function snapshotInstance(group: InstanceSamples, spec: SnapshotSpec): InstanceSnapshot | string {
  const requests: CounterSeries[] = [];
  const starts: number[] = [];
  const bucketName = spec.latencyMetric === null ? null : `${spec.latencyMetric}_bucket`;
  const countName = spec.latencyMetric === null ? null : `${spec.latencyMetric}_count`;
  const buckets = new Map<string, Bucket[]>();
  const counts = new Map<string, number>();
  const keys = new Set<string>();
  const once = (name: string, key: string): string | undefined => {
    const id = `${name}${key}`;
    if (keys.has(id)) return `${id} is given twice`;
    keys.add(id);
    return undefined;
  };

  for (const s of group.samples) {
    if (s.name === spec.requestsMetric) {
      const key = seriesKey(s.labels);
      const code = s.labels.code;
      if (code === undefined) {
        return `${s.name}${key} has no "code" label, which error-codes (${spec.errorCodes.text}) is matched against`;
      }
      const twice = once(s.name, key);
      if (twice) return twice;
      requests.push({ key, value: s.value, error: spec.errorCodes.matches(code) });
    } else if (s.name === bucketName) {
      const le = s.labels.le;
      const bound = le === undefined ? undefined : parseSampleValue(le);
      if (bound === undefined || Number.isNaN(bound)) {
        return `${s.name}${seriesKey(s.labels)} has ${le === undefined ? 'no "le" label' : `le=${JSON.stringify(le)}, not a number`}`;
      }
      const twice = once(s.name, seriesKey(s.labels));
      if (twice) return twice;
      const key = seriesKey(s.labels, ["le"]);
      const list = buckets.get(key) ?? [];
      buckets.set(key, list);
      list.push({ le: bound, count: s.value });
    } else if (s.name === countName) {
      const key = seriesKey(s.labels);
      const twice = once(s.name, key);
      if (twice) return twice;
      counts.set(key, s.value);
    } else if (s.name === START_TIME_METRIC) {
      starts.push(s.value);
    }
  }

  if (starts.length > 1) {
    return `${starts.length} ${START_TIME_METRIC} series; narrow the selector to one process per instance`;
  }
  const latency: HistogramSeries[] = [];
  for (const [key, list] of buckets) {
    const count = counts.get(key);
    if (count === undefined) return `${spec.latencyMetric}_bucket${key} has no matching _count series`;
    latency.push({ key, buckets: list.sort((a, b) => a.le - b.le), count });
  }
  for (const key of counts.keys()) {
    if (!buckets.has(key)) return `${spec.latencyMetric}_count${key} has no matching _bucket series`;
  }
  requests.sort((a, b) => compare(a.key, b.key));
  latency.sort((a, b) => compare(a.key, b.key));
  return { instance: group.instance, startTime: starts[0] ?? null, requests, latency };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
