import { describe, expect, it } from "vitest";
import {
  armQuery,
  parsePrometheusHeaders,
  parsePrometheusUrl,
  parseSelector,
  versionSelector,
} from "../../src/canary/prometheus.js";
import { checkMetricsPath, fromHttpProbe, SSH_ANSWER_CAP, splitAddress } from "../../src/canary/scrape.js";
import { parseErrorCodes } from "../../src/canary/snapshot.js";
import { InputError } from "../../src/kit/errors.js";

/** The message of what `fn` throws. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("nothing was thrown");
}

describe("parseSelector", () => {
  it("accepts label matchers, with or without braces, and normalises them", () => {
    expect(parseSelector('version="1.4.0"', "canary-selector")).toEqual({
      input: "canary-selector",
      text: 'version="1.4.0"',
    });
    expect(parseSelector(' { version = "1.4.0" , job!="x", route=~"/api/.*",code!~"5..", } ', "s").text).toBe(
      'version="1.4.0",job!="x",route=~"/api/.*",code!~"5.."',
    );
    expect(parseSelector('path="a\\"b\\\\c,d"', "s").text).toBe('path="a\\"b\\\\c,d"');
  });

  it.each([
    ['version="1.0"x', 'is not name op "value"'],
    ['version="1.0"x"', "a value without its closing quote"],
    ['version="1.0"\n', "newline or control character"],
    ['version="1.\n0"', "newline or control character"],
    ['version="1.0\t"', "newline or control character"],
    ["version=1.0", 'is not name op "value"'],
    ["version='1.0'", 'is not name op "value"'],
    ['version="1.0"} or vector(1) or {a="b"', 'is not name op "value"'],
    ['version="1.0"}', "unbalanced braces"],
    ['version=="1.0"', 'is not name op "value"'],
    ['version<"1.0"', 'is not name op "value"'],
    ['__name__="up"', "label __name__ is reserved"],
    ['1version="1.0"', "is not a label name"],
    ['version="1.0",,job="x"', "an empty matcher between commas"],
    ['version="1.0', "a value without its closing quote"],
    ['version="\\d"', "the escape \\d"],
    ["", "no matcher"],
    ["{}", "no matcher"],
    [`version="${"1".repeat(1100)}"`, "longer than 1024 characters"],
  ])("refuses %j, naming the input and the value", (value, problem) => {
    const message = thrown(() => parseSelector(value, "baseline-selector"));
    expect(message).toContain(`input "baseline-selector" has value ${JSON.stringify(value)}: `);
    expect(message).toContain(problem);
    expect(message).toContain("allowed: PromQL label matchers");
  });

  it("makes the default selector from a version, escaped", () => {
    expect(versionSelector("2.0.0")).toEqual({ input: "targets", text: 'version="2.0.0"' });
    expect(versionSelector('a"b\\c').text).toBe('version="a\\"b\\\\c"');
    expect(thrown(() => versionSelector("1.0\n"))).toContain('input "targets"');
  });

  it("reads one arm with one query of the raw series and up", () => {
    const spec = {
      requestsMetric: "http_requests_total",
      latencyMetric: "http_request_duration_seconds",
      errorCodes: parseErrorCodes("5.."),
    };
    expect(armQuery(spec, versionSelector("2.0.0"))).toBe(
      '{__name__=~"http_requests_total|process_start_time_seconds|http_request_duration_seconds_bucket|' +
        'http_request_duration_seconds_count|up",version="2.0.0"}',
    );
    expect(() => armQuery({ ...spec, requestsMetric: 'x"}' }, versionSelector("2.0.0"))).toThrow(
      /metric name/,
    );
  });
});

describe("parsePrometheusUrl", () => {
  it("accepts http and https base URLs, with a path prefix, and drops a trailing slash", () => {
    expect(parsePrometheusUrl("http://127.0.0.1:9090").href).toBe("http://127.0.0.1:9090/");
    expect(parsePrometheusUrl(" https://metrics.example.com/prometheus/ ").href).toBe(
      "https://metrics.example.com/prometheus",
    );
  });

  it("refuses credentials in the URL without repeating them, and points to prometheus-headers", () => {
    const message = thrown(() => parsePrometheusUrl("http://admin:hunter2@prometheus:9090"));
    expect(message).toContain('input "prometheus-url" has value "http://***@prometheus:9090"');
    expect(message).toContain("prometheus-headers");
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("admin");
    expect(thrown(() => parsePrometheusUrl("https://token@prometheus"))).not.toContain("token");
  });

  it.each([
    ["prometheus:9090", "scheme"],
    ["ftp://prometheus", "scheme ftp:"],
    ["not a url", "an http:// or https:// URL"],
    ["http://prometheus:9090/?x=1", "without a query"],
    ["http://prometheus:9090/#x", "fragment"],
  ])("refuses %j", (value, problem) => {
    const message = thrown(() => parsePrometheusUrl(value));
    expect(message).toContain('input "prometheus-url"');
    expect(message).toContain(problem);
  });
});

describe("parsePrometheusHeaders", () => {
  it("reads one header a line and ignores blank lines", () => {
    expect(parsePrometheusHeaders("Authorization: Bearer abc.def\n\nX-Scope-OrgID:  tenant-1 \r\n")).toEqual({
      Authorization: "Bearer abc.def",
      "X-Scope-OrgID": "tenant-1",
    });
    expect(parsePrometheusHeaders("")).toEqual({});
  });

  it("names the bad line and header, never the value", () => {
    const secret = "Bearer s3cr3t-token";
    const cases: [string, string][] = [
      [`Authorization ${secret}`, "line 1, value hidden"],
      [`X-A: ok\nAuthor ization: ${secret}`, "line 2, value hidden"],
      ["Bearer s3cr3t:token", "line 1, value hidden"],
      [`Authorization: ${secret}\u0007`, "line 1 (Authorization), value hidden"],
      [`Authorization: ${secret}\nauthorization: ${secret}`, "authorization is given twice"],
      [`Host: ${secret}`, "goship sets Host itself"],
      ["Authorization:", "must be non-empty"],
    ];
    for (const [value, problem] of cases) {
      const message = thrown(() => parsePrometheusHeaders(value));
      expect(message, value).toContain('input "prometheus-headers"');
      expect(message, value).toContain(problem);
      expect(message, value).not.toContain("s3cr3t");
    }
  });
});

describe("scrape inputs", () => {
  it("checks metrics-path as the SSH probe can send it", () => {
    expect(checkMetricsPath("/metrics")).toBe("/metrics");
    expect(checkMetricsPath("/debug/metrics?x=1")).toBe("/debug/metrics?x=1");
    for (const bad of ["metrics", "/me trics", "/m\n", "", "/\u00e9"]) {
      expect(() => checkMetricsPath(bad), bad).toThrow(/input "metrics-path"/);
    }
  });

  it("splits addresses as canary-targets writes them", () => {
    expect(splitAddress("10.77.0.11:8081")).toEqual({ host: "10.77.0.11", port: 8081 });
    expect(splitAddress("web-1.example.com:80")).toEqual({ host: "web-1.example.com", port: 80 });
    expect(splitAddress("[2001:db8::1]:8081")).toEqual({ host: "2001:db8::1", port: 8081 });
    expect(splitAddress("2001:db8::1:8081")).toEqual({ host: "2001:db8::1", port: 8081 });
    expect(() => splitAddress("host")).toThrow(/no port/);
    expect(() => splitAddress("host:0")).toThrow(/no port/);
  });

  it("maps what an SSH probe gives: no answer is unreachable, an HTTP error or a full cap is not", () => {
    expect(fromHttpProbe({ error: "connect to 127.0.0.1 port 8081: Connection refused", ms: 3 })).toEqual({
      ok: false,
      unreachable: true,
      reason: "connect to 127.0.0.1 port 8081: Connection refused",
    });
    expect(fromHttpProbe({ status: 503, body: "draining", ms: 3 })).toEqual({
      ok: false,
      unreachable: false,
      reason: "answered HTTP 503",
    });
    expect(fromHttpProbe({ status: 200, body: "a 1\n", ms: 3 })).toEqual({ ok: true, body: "a 1\n" });
    const full = fromHttpProbe({ status: 200, body: "a 1\n".repeat(SSH_ANSWER_CAP / 4), ms: 3 });
    expect(full).toMatchObject({ ok: false, unreachable: false });
    expect(full.ok === false && full.reason).toMatch(/may be cut off/);
  });
});
