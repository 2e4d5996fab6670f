import { describe, expect, it } from "vitest";
import { parseExposition } from "../../src/canary/exposition.js";
import {
  checkMetricName,
  groupByInstance,
  type LabelledSample,
  metricNames,
  parseErrorCodes,
  type SnapshotSpec,
  seriesKey,
  snapshotArm,
} from "../../src/canary/snapshot.js";

const spec: SnapshotSpec = {
  requestsMetric: "http_requests_total",
  latencyMetric: "http_request_duration_seconds",
  errorCodes: parseErrorCodes("5.."),
};

const exposition = `
# TYPE http_requests_total counter
http_requests_total{code="200",method="GET",route="/"} 90
http_requests_total{code="500",method="GET",route="/"} 7
http_requests_total{code="404",method="GET",route="unmatched"} 3
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{method="GET",route="/",le="0.1"} 80
http_request_duration_seconds_bucket{method="GET",route="/",le="0.25"} 95
http_request_duration_seconds_bucket{method="GET",route="/",le="+Inf"} 97
http_request_duration_seconds_sum{method="GET",route="/"} 4.2
http_request_duration_seconds_count{method="GET",route="/"} 97
process_start_time_seconds 1.7e9
go_goroutines 12
`;

describe("parseErrorCodes", () => {
  it("reads a pattern where a dot is one digit, and comma lists, matching whole codes", () => {
    const five = parseErrorCodes("5..");
    expect(["500", "503", "599"].map(five.matches)).toEqual([true, true, true]);
    expect(["200", "404", "50", "5000", "5a0", ""].map(five.matches)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    const list = parseErrorCodes("500, 502,503");
    expect(["500", "502", "503", "501", "504"].map(list.matches)).toEqual([true, true, true, false, false]);
    const mixed = parseErrorCodes("5..,429");
    expect(["429", "430", "599"].map(mixed.matches)).toEqual([true, false, true]);
  });

  it.each([
    "",
    "5xx",
    "5*",
    "5..|4..",
    "50",
    "5000",
    "500,",
    ",500",
    "(5..)",
    "5.. 429",
  ])("refuses %j, naming the input and what is allowed", (value) => {
    expect(() => parseErrorCodes(value)).toThrow(`input "error-codes" has value ${JSON.stringify(value)}: `);
    expect(() => parseErrorCodes(value)).toThrow(/each of digits and dots where a dot stands for any digit/);
  });
});

describe("checkMetricName and seriesKey", () => {
  it("accepts Prometheus metric names and refuses anything a query could read differently", () => {
    expect(checkMetricName("http_requests_total", "requests-metric")).toBe("http_requests_total");
    expect(checkMetricName("job:rate:sum", "requests-metric")).toBe("job:rate:sum");
    for (const bad of ["", "1x", "a-b", 'a"}', "a|b", "a b", "a.b"]) {
      expect(() => checkMetricName(bad, "latency-metric"), bad).toThrow(/input "latency-metric"/);
    }
  });

  it("folds labels into one sorted, escaped key without __name__ and the omitted labels", () => {
    expect(seriesKey({ route: "/", code: "200", __name__: "x" })).toBe('{code="200",route="/"}');
    expect(seriesKey({ a: 'q"\\\n', le: "0.1" }, ["le"])).toBe('{a="q\\"\\\\\\n"}');
    expect(seriesKey({})).toBe("{}");
  });

  it("names the series a source must fetch", () => {
    expect(metricNames(spec)).toEqual([
      "http_requests_total",
      "process_start_time_seconds",
      "http_request_duration_seconds_bucket",
      "http_request_duration_seconds_count",
    ]);
    expect(metricNames({ ...spec, latencyMetric: null })).toEqual([
      "http_requests_total",
      "process_start_time_seconds",
    ]);
  });
});

describe("snapshotArm", () => {
  it("turns an exposition into the judge's instance: counters flagged by code, histograms, start time", () => {
    const snap = snapshotArm(
      [{ instance: "10.0.0.1:8081", samples: parseExposition(exposition).samples }],
      spec,
    );
    expect(snap).toEqual({
      ok: true,
      instances: [
        {
          instance: "10.0.0.1:8081",
          startTime: 1.7e9,
          requests: [
            { key: '{code="200",method="GET",route="/"}', value: 90, error: false },
            { key: '{code="404",method="GET",route="unmatched"}', value: 3, error: false },
            { key: '{code="500",method="GET",route="/"}', value: 7, error: true },
          ],
          latency: [
            {
              key: '{method="GET",route="/"}',
              buckets: [
                { le: 0.1, count: 80 },
                { le: 0.25, count: 95 },
                { le: Number.POSITIVE_INFINITY, count: 97 },
              ],
              count: 97,
            },
          ],
        },
      ],
    });
  });

  it("gives the same snapshot whatever order the samples and instances come in", () => {
    const samples = parseExposition(exposition).samples;
    const a = snapshotArm(
      [
        { instance: "b:1", samples },
        { instance: "a:1", samples: samples.slice(0, 3) },
      ],
      spec,
    );
    const b = snapshotArm(
      [
        { instance: "a:1", samples: [...samples.slice(0, 3)].reverse() },
        { instance: "b:1", samples: [...samples].reverse() },
      ],
      spec,
    );
    expect(a).toEqual(b);
    expect(a.ok && a.instances.map((i) => i.instance)).toEqual(["a:1", "b:1"]);
  });

  it("keeps NaN and infinite values for the judge, and leaves bucket layouts to it", () => {
    const snap = snapshotArm(
      [
        {
          instance: "i",
          samples: [
            { name: "http_requests_total", labels: { code: "200" }, value: Number.NaN },
            { name: "http_requests_total", labels: { code: "503" }, value: Number.POSITIVE_INFINITY },
            { name: "http_request_duration_seconds_bucket", labels: { le: "0.5" }, value: 9 },
            { name: "http_request_duration_seconds_bucket", labels: { le: "0.1" }, value: 10 },
            { name: "http_request_duration_seconds_count", labels: {}, value: Number.NaN },
          ],
        },
      ],
      spec,
    );
    expect(snap.ok).toBe(true);
    if (!snap.ok) return;
    const [inst] = snap.instances;
    expect(inst?.requests.map((r) => [r.value, r.error])).toEqual([
      [Number.NaN, false],
      [Number.POSITIVE_INFINITY, true],
    ]);
    // Non-monotone and without +Inf: sorted by le, passed on as they are.
    expect(inst?.latency).toEqual([
      {
        key: "{}",
        buckets: [
          { le: 0.1, count: 10 },
          { le: 0.5, count: 9 },
        ],
        count: Number.NaN,
      },
    ]);
    expect(inst?.startTime).toBeNull();
  });

  it("is no data, not zero, without instances; an instance without the metrics yet is an instance", () => {
    expect(snapshotArm([], spec)).toEqual({ ok: true, instances: [] });
    const quiet = snapshotArm(
      [{ instance: "i", samples: [{ name: "go_goroutines", labels: {}, value: 7 }] }],
      spec,
    );
    expect(quiet).toEqual({
      ok: true,
      instances: [{ instance: "i", startTime: null, requests: [], latency: [] }],
    });
  });

  it("reads no histogram when no latency check is on", () => {
    const snap = snapshotArm([{ instance: "i", samples: parseExposition(exposition).samples }], {
      ...spec,
      latencyMetric: null,
    });
    expect(snap.ok && snap.instances[0]?.latency).toEqual([]);
  });

  const broken: [string, LabelledSample[], string][] = [
    [
      "a requests series without a code label",
      [{ name: "http_requests_total", labels: { route: "/" }, value: 1 }],
      'instance i: http_requests_total{route="/"} has no "code" label, which error-codes (5..) is matched against',
    ],
    [
      "buckets without _count",
      [{ name: "http_request_duration_seconds_bucket", labels: { route: "/", le: "+Inf" }, value: 1 }],
      'instance i: http_request_duration_seconds_bucket{route="/"} has no matching _count series',
    ],
    [
      "a _count without buckets",
      [{ name: "http_request_duration_seconds_count", labels: { route: "/" }, value: 1 }],
      'instance i: http_request_duration_seconds_count{route="/"} has no matching _bucket series',
    ],
    [
      "a bucket without le",
      [{ name: "http_request_duration_seconds_bucket", labels: { route: "/" }, value: 1 }],
      'has no "le" label',
    ],
    [
      "a bucket whose le is not a number",
      [{ name: "http_request_duration_seconds_bucket", labels: { le: "NaN" }, value: 1 }],
      'has le="NaN", not a number',
    ],
    [
      "two start times",
      [
        { name: "process_start_time_seconds", labels: { job: "a" }, value: 1 },
        { name: "process_start_time_seconds", labels: { job: "b" }, value: 2 },
      ],
      "instance i: 2 process_start_time_seconds series",
    ],
    [
      "a series twice",
      [
        { name: "http_requests_total", labels: { code: "200" }, value: 1 },
        { name: "http_requests_total", labels: { code: "200" }, value: 2 },
      ],
      'instance i: http_requests_total{code="200"} is given twice',
    ],
  ];
  it.each(broken)("refuses %s as invalid data (not unreachable)", (_, samples, reason) => {
    const snap = snapshotArm([{ instance: "i", samples }], spec);
    expect(snap.ok).toBe(false);
    if (snap.ok) return;
    expect(snap.unreachable).toBe(false);
    expect(snap.reason).toContain(reason);
  });

  it("refuses an instance given twice", () => {
    const snap = snapshotArm(
      [
        { instance: "i", samples: [] },
        { instance: "i", samples: [] },
      ],
      spec,
    );
    expect(snap).toEqual({ ok: false, unreachable: false, reason: "instance i is given twice" });
  });
});

describe("groupByInstance", () => {
  it("groups Prometheus samples by their instance label, which leaves the labels", () => {
    const grouped = groupByInstance([
      { name: "up", labels: { instance: "b:1", job: "gin" }, value: 1 },
      { name: "up", labels: { instance: "a:1", job: "gin" }, value: 0 },
      { name: "x", labels: { instance: "b:1", job: "gin" }, value: 3 },
    ]);
    expect(grouped).toEqual({
      ok: true,
      groups: [
        {
          instance: "b:1",
          samples: [
            { name: "up", labels: { job: "gin" }, value: 1 },
            { name: "x", labels: { job: "gin" }, value: 3 },
          ],
        },
        { instance: "a:1", samples: [{ name: "up", labels: { job: "gin" }, value: 0 }] },
      ],
    });
  });

  it("refuses a series without an instance", () => {
    expect(groupByInstance([{ name: "x", labels: { job: "gin" }, value: 1 }])).toEqual({
      ok: false,
      reason: 'x{job="gin"} has no "instance" label; canary-gate reads counters per instance',
    });
  });
});
