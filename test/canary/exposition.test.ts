import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExpositionError, parseExposition, parseSampleValue } from "../../src/canary/exposition.js";
import { SSH_ANSWER_CAP } from "../../src/canary/scrape.js";
import { buildGinApp, type GinInstance, scratchDir, sendRequests, startGinApp } from "../support/gin-app.js";

/** The error parseExposition throws for `text`. */
function errorOf(text: string): ExpositionError {
  try {
    parseExposition(text);
  } catch (e) {
    if (e instanceof ExpositionError) return e;
    throw e;
  }
  throw new Error(`parsed without an error: ${JSON.stringify(text)}`);
}

describe("parseSampleValue", () => {
  it("reads the format's numbers and specials, and nothing else", () => {
    expect(parseSampleValue("42")).toBe(42);
    expect(parseSampleValue("-0.5")).toBe(-0.5);
    expect(parseSampleValue("1.5e+06")).toBe(1_500_000);
    expect(parseSampleValue("1.79654527592e+09")).toBe(1_796_545_275.92);
    expect(parseSampleValue(".5E-3")).toBe(0.0005);
    expect(parseSampleValue("+Inf")).toBe(Number.POSITIVE_INFINITY);
    expect(parseSampleValue("-Inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(parseSampleValue("Inf")).toBe(Number.POSITIVE_INFINITY);
    expect(parseSampleValue("NaN")).toBeNaN();
    for (const bad of ["", "1,5", "0x10", "1e", "e5", "1_000", "Infinite", "+NaN", "1 2", "--1"]) {
      expect(parseSampleValue(bad), bad).toBeUndefined();
    }
  });
});

describe("parseExposition", () => {
  it("reads HELP, TYPE, escaped labels, specials, timestamps, histograms and summaries", () => {
    const text = [
      "# HELP http_requests_total The total number of HTTP requests.",
      "# TYPE http_requests_total counter",
      'http_requests_total{method="post",code="200"} 1027 1395066363000',
      'http_requests_total{method="post",code="400"}    3 1395066363000',
      "",
      "# Escaping in label values:",
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
      "",
      "# Minimalistic line:",
      "metric_without_timestamp_and_labels 12.47",
      "",
      "# A weird metric from before the epoch:",
      'something_weird{problem="division by zero"} +Inf -3982045',
      "not_a_number NaN",
      'minus_infinity{a="b",} -Inf',
      '\t  spaced_out   {  a = "1" ,  b="2"  }   7  ',
      "empty_labels{} 0",
      "",
      "# HELP http_request_duration_seconds A histogram of the request duration.\\nWith a second line, and a \\\\.",
      "# TYPE http_request_duration_seconds histogram",
      'http_request_duration_seconds_bucket{le="0.05"} 24054',
      'http_request_duration_seconds_bucket{le="0.1"} 33444',
      'http_request_duration_seconds_bucket{le="+Inf"} 144320',
      "http_request_duration_seconds_sum 53423",
      "http_request_duration_seconds_count 144320",
      "",
      "# HELP rpc_duration_seconds A summary of the RPC duration in seconds.",
      "# TYPE rpc_duration_seconds summary",
      'rpc_duration_seconds{quantile="0.01"} 3102',
      'rpc_duration_seconds{quantile="0.5"} 4773',
      "rpc_duration_seconds_sum 1.7560473e+07",
      "rpc_duration_seconds_count 2693",
      "#",
      "#HELP tight_help no space after the hash",
      "",
    ].join("\n");
    const { samples, types, help } = parseExposition(text);
    expect(samples).toHaveLength(18);
    expect(samples[0]).toEqual({
      name: "http_requests_total",
      labels: { method: "post", code: "200" },
      value: 1027,
      timestamp: 1395066363000,
    });
    expect(samples[2]).toEqual({
      name: "msdos_file_access_time_seconds",
      labels: { path: "C:\\DIR\\FILE.TXT", error: 'Cannot find file:\n"FILE.TXT"' },
      value: 1458255915,
    });
    expect(samples[4]).toEqual({
      name: "something_weird",
      labels: { problem: "division by zero" },
      value: Number.POSITIVE_INFINITY,
      timestamp: -3982045,
    });
    expect(samples[5]?.value).toBeNaN();
    expect(samples[6]).toEqual({
      name: "minus_infinity",
      labels: { a: "b" },
      value: Number.NEGATIVE_INFINITY,
    });
    expect(samples[7]).toEqual({ name: "spaced_out", labels: { a: "1", b: "2" }, value: 7 });
    expect(samples[8]).toEqual({ name: "empty_labels", labels: {}, value: 0 });
    expect(samples[11]).toEqual({
      name: "http_request_duration_seconds_bucket",
      labels: { le: "+Inf" },
      value: 144320,
    });
    expect(types.get("http_requests_total")).toBe("counter");
    expect(types.get("http_request_duration_seconds")).toBe("histogram");
    expect(types.get("rpc_duration_seconds")).toBe("summary");
    expect(help.get("http_request_duration_seconds")).toBe(
      "A histogram of the request duration.\nWith a second line, and a \\.",
    );
    expect(help.get("tight_help")).toBe("no space after the hash");
  });

  it("reads an empty exposition and one without a final newline", () => {
    expect(parseExposition("").samples).toEqual([]);
    expect(parseExposition("\n\n  \n").samples).toEqual([]);
    expect(parseExposition("a 1\nb 2").samples.map((s) => s.value)).toEqual([1, 2]);
  });

  it.each([
    ["a 1\nb\n", 2, "no value"],
    ["a 1\nb{} \n", 2, "no value"],
    ["a 1,5\n", 1, 'value "1,5" is not a number'],
    ['a{b="c} 1\n', 1, "no closing quote"],
    ['a{b="\\t"} 1\n', 1, "escape \\t"],
    ['a{b="1",b="2"} 1\n', 1, "label b is given twice"],
    ['x 1\na{b="1"} 1\na{b="1"} 2\n', 3, 'a{b="1"} was already given on line 2'],
    ["a 1\n# TYPE a counter\n", 2, "# TYPE a comes after samples of a"],
    ["h_count 1\n# TYPE h histogram\n", 2, "# TYPE h comes after samples of h_count"],
    ["# TYPE a counter\n# TYPE a gauge\n", 2, "second # TYPE for a"],
    ["# HELP a one\n# HELP a two\n", 2, "second # HELP for a"],
    ["# HELP a bad \\t escape\n", 1, "# HELP has the escape \\t"],
    ["# TYPE a countr\n", 1, 'has type "countr"'],
    ["# TYPE\n", 1, "# TYPE needs a metric name"],
    ["# TYPE h histogram\nh_bucket 1\n", 2, 'h_bucket has no "le" label'],
    ['# TYPE h histogram\nh_bucket{le="abc"} 1\n', 2, 'h_bucket has le="abc", not a number'],
    ["# TYPE h histogram\nh 1\n", 2, "histogram h has a sample named h"],
    ["# TYPE s summary\ns 1\n", 2, 'without a numeric "quantile" label'],
    ["a 1 17 extra\n", 1, 'unexpected "extra" after the timestamp'],
    ["a 1 1.5\n", 1, 'timestamp "1.5" is not an integer'],
    ["a 1\r\nb 2\n", 1, "carriage return"],
    ["1a 1\n", 1, 'expected a metric name, got "1a"'],
    ['a{1b="x"} 1\n', 1, 'expected a label name or "}"'],
    ['a{b="x" c="y"} 1\n', 1, 'expected "," or "}" after label b'],
    ['a{b:"x"} 1\n', 1, 'expected "=" after label b'],
    ["a{b=x} 1\n", 1, "expected a double-quoted value for label b"],
    ['a{b="x"}1\n', 1, 'unexpected "1"'],
    ["a-b 1\n", 1, 'unexpected "-"'],
    ['{"a.b"} 1\n', 1, 'expected a metric name, got "{\\"a.b\\"}"'],
  ])("refuses %j at line %i: %s", (text, line, message) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.message).toContain(`line ${line}: `);
    expect(e.message).toContain(message);
  });

  it("refuses an exposition over its size bound, before reading a line", () => {
    const text = Array.from({ length: 10 }, (_, i) => `a${i} 1\n`).join("");
    expect(() => parseExposition(text, 49)).toThrow(/50 bytes, more than the limit of 49/);
    expect(parseExposition(text, 50).samples).toHaveLength(10);
  });
});

describe("parseExposition on examples/gin-app's real /metrics", () => {
  let dir: string;
  let app: GinInstance;
  let before: number;

  beforeAll(async () => {
    dir = scratchDir("exposition");
    const binary = await buildGinApp(dir, "1.0.0");
    before = Date.now() / 1000;
    app = await startGinApp(binary);
  }, 600_000);

  afterAll(async () => {
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("gives the request counters, the latency histogram and the start time the service reports", async () => {
    expect(await sendRequests(app.address, 7, "/")).toEqual({ 200: 7 });
    expect(await sendRequests(app.address, 3, "/api/echo?msg=hi")).toEqual({ 200: 3 });
    expect(await sendRequests(app.address, 2, "/nope")).toEqual({ 404: 2 });
    const res = await fetch(`http://${app.address}/metrics`);
    const text = await res.text();
    const after = Date.now() / 1000;
    // Far below what an SSH probe keeps (1 MiB), so scrape-via ssh reads it whole.
    expect(Buffer.byteLength(text)).toBeLessThan(SSH_ANSWER_CAP / 16);

    const { samples, types } = parseExposition(text);
    const find = (name: string, labels: Record<string, string>) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

    expect(types.get("http_requests_total")).toBe("counter");
    expect(types.get("http_request_duration_seconds")).toBe("histogram");
    const requests = samples
      .filter((s) => s.name === "http_requests_total")
      .map((s): Record<string, string | number> => ({ ...s.labels, value: s.value }))
      .sort((a, b) => String(a.route).localeCompare(String(b.route)));
    expect(requests).toEqual([
      { code: "200", method: "GET", route: "/", version: "1.0.0", value: 7 },
      { code: "200", method: "GET", route: "/api/echo", version: "1.0.0", value: 3 },
      { code: "404", method: "GET", route: "unmatched", version: "1.0.0", value: 2 },
    ]);

    const buckets = find("http_request_duration_seconds_bucket", { route: "/" });
    expect(buckets.map((b) => b.labels.le)).toEqual([
      "0.005",
      "0.01",
      "0.025",
      "0.05",
      "0.1",
      "0.25",
      "0.5",
      "1",
      "2.5",
      "5",
      "+Inf",
    ]);
    const counts = buckets.map((b) => b.value);
    expect(counts.every((c, i) => i === 0 || c >= (counts[i - 1] as number))).toBe(true);
    expect(counts.at(-1)).toBe(7);
    expect(find("http_request_duration_seconds_count", { route: "/" }).map((s) => s.value)).toEqual([7]);
    expect(find("http_request_duration_seconds_count", { route: "/api/echo" }).map((s) => s.value)).toEqual([
      3,
    ]);
    expect(find("http_request_duration_seconds_sum", { route: "/" })).toHaveLength(1);

    const start = find("process_start_time_seconds", {});
    expect(start).toHaveLength(1);
    // The process started while this test ran (the kernel counts in clock ticks: allow a second).
    expect(start[0]?.value).toBeGreaterThanOrEqual(Math.floor(before) - 1);
    expect(start[0]?.value).toBeLessThanOrEqual(after + 1);
  });
});
