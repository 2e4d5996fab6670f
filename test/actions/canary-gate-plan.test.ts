import { describe, expect, it } from "vitest";
import { planGate, tickLine } from "../../src/actions/canary-gate/main.js";
import { inputs } from "../../src/actions/canary-gate/schema.js";
import { parseInputs } from "../../src/kit/inputs.js";

const target = (host: string, newV = "2.0.0", oldV: string | null = "1.0.0", weight = 10) => ({
  app: "shop",
  weight,
  host: `deploy@${host}:22`,
  new: { address: `${host}:8082`, version: newV },
  old: oldV === null ? null : { address: `${host}:8081`, version: oldV },
});
const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";

/** Inputs as the runner hands them (strings; "" is unset), parsed by the action's own schema. */
function parse(given: Record<string, string | object>) {
  const raw = Object.fromEntries(
    Object.entries(given).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return parseInputs(inputs, (name) => raw[name] ?? "");
}
const NOW = Date.parse("2026-12-06T12:00:00Z");
const plan = (given: Record<string, string | object>) => planGate(parse(given), NOW);
const ssh = { "ssh-private-key": KEY, "known-hosts": "10.0.0.1 ssh-ed25519 AAAA" };

describe("canary-gate inputs and plan", () => {
  it("reads versions, weight and timings from the inputs; the weight picks r*", () => {
    const p = plan({ targets: [target("10.0.0.1"), target("10.0.0.2")], ...ssh });
    expect(p.canaryVersion).toBe("2.0.0");
    expect(p.baselineVersion).toBe("1.0.0");
    expect(p.cfg.weight).toBe(0.1);
    expect(p.cfg).toMatchObject({ interval: 15, warmup: 60, deadline: 600, maxGap: 300, minTicks: 3 });
    expect(p.cfg.checks).toEqual({ errorRate: true, errorCeiling: true, latency: true, latencySlo: false });
    expect(p.replay).toBe(false);
    expect(p.start).toBe(NOW);
    const slo = plan({ targets: [target("10.0.0.1")], ...ssh, "latency-slo": "p99.9<0.5s", interval: "2s" });
    expect(slo.cfg.latencySlo).toEqual({ q: 0.999, seconds: 0.5 });
    expect(slo.cfg.checks.latencySlo).toBe(true);
    expect(slo.cfg.interval).toBe(2);
  });

  it("turns `checks` into the judge's checks and refuses one without its data", () => {
    const p = plan({ targets: [target("h1")], ...ssh, checks: "error-rate, latency" });
    expect(p.cfg.checks).toEqual({ errorRate: true, errorCeiling: false, latency: true, latencySlo: false });
    expect(p.spec.latencyMetric).toBe("http_request_duration_seconds");
    const errorsOnly = plan({ targets: [target("h1")], ...ssh, checks: "error-rate" });
    expect(errorsOnly.spec.latencyMetric).toBeNull();
    expect(() => plan({ targets: [target("h1")], ...ssh, checks: "latency-slo" })).toThrow(
      /input "checks" has value "latency-slo": latency-slo only with a latency-slo input/,
    );
  });

  it("refuses targets it cannot judge, naming the input: none, no baseline, two versions", () => {
    expect(() => plan({ targets: [], ...ssh })).toThrow(
      /input "targets" has value "\[\]": at least one host/,
    );
    expect(() => plan({ targets: [target("h1", "2.0.0", null)], ...ssh })).toThrow(
      /input "targets" has value "deploy@h1:22": every host with an old slot/,
    );
    expect(() => plan({ targets: [target("h1"), target("h2", "2.0.1")], ...ssh })).toThrow(
      /input "targets" has value "2 canary versions: 2.0.0, 2.0.1": one canary version on every host/,
    );
    expect(() => parse({ targets: [{ host: "x" }] })).toThrow(/input "targets"/);
    expect(() => parse({ targets: "not json" })).toThrow(/input "targets" has value "not json"/);
  });

  it("asks for what the provider needs, and refuses what belongs to the other one", () => {
    expect(() => plan({ targets: [target("h1")] })).toThrow(
      /input "ssh-private-key".*\n.*input "known-hosts"/,
    );
    expect(() => plan({ targets: [target("h1")], "scrape-via": "direct" })).not.toThrow();
    expect(() => plan({ targets: [target("h1")], provider: "prometheus" })).toThrow(
      /input "prometheus-url" has value "": required with provider: prometheus/,
    );
    expect(() =>
      plan({ targets: [target("h1")], "scrape-via": "direct", "prometheus-url": "http://127.0.0.1:9090" }),
    ).toThrow(/input "prometheus-url" has value "http:\/\/127.0.0.1:9090": only with provider: prometheus/);
  });

  it("replays a window only from Prometheus, with both ends, in the past, in order", () => {
    const base = {
      targets: [target("h1")],
      provider: "prometheus",
      "prometheus-url": "http://127.0.0.1:9090",
    };
    const p = plan({ ...base, from: "2026-12-01T10:00:00Z", to: "2026-12-01T10:10:00Z" });
    expect(p.replay).toBe(true);
    expect(p.start).toBe(Date.parse("2026-12-01T10:00:00Z"));
    expect(p.cfg.deadline).toBe(600);
    expect(plan({ ...base, from: "1796400000", to: "1796400300" }).cfg.deadline).toBe(300);
    expect(() => plan({ ...base, from: "2026-12-01T10:00:00Z" })).toThrow(
      /input "from".*from and to together/,
    );
    expect(() => plan({ ...base, from: "2026-12-01T10:10:00Z", to: "2026-12-01T10:00:00Z" })).toThrow(
      /input "to".*a time after from/,
    );
    expect(() => plan({ ...base, from: "2026-12-06T11:00:00Z", to: "2026-12-07T10:00:00Z" })).toThrow(
      /input "to".*a time in the past/,
    );
    expect(() =>
      plan({ targets: [target("h1")], ...ssh, from: "2026-12-01T10:00:00Z", to: "2026-12-01T10:10:00Z" }),
    ).toThrow(/input "from".*only with provider: prometheus/);
  });

  it.each([
    ["alpha", "0", /input "alpha" has value "0": allowed: a number greater than 0 and less than 0.5/],
    ["beta", "0.5", /input "beta" has value "0.5"/],
    ["interval", "0s", /input "interval" has value "0s": is out of range/],
    ["interval", "500ms", /input "interval" has value "500ms": is out of range/],
    ["latency-slo", "p99 under 200ms", /input "latency-slo" has value "p99 under 200ms": allowed: pQ<T/],
    ["latency-slo", "p100<1s", /input "latency-slo" has value "p100<1s"/],
    ["max-error-rate", "0", /input "max-error-rate" has value "0"/],
    ["min-effect", "1", /input "min-effect" has value "1": allowed: a ratio above 1/],
    ["error-codes", "5xx", /input "error-codes" has value "5xx"/],
    ["checks", "errors", /input "checks" has value "errors"/],
    ["prometheus-url", "http://user:pw@prom:9090", /input "prometheus-url" has value .*without credentials/],
    ["from", "2026-13-45T99:99:99Z", /input "from"/],
  ])("refuses %s: %s", (name, value, message) => {
    expect(() => parse({ targets: [target("h1")], [name]: value })).toThrow(message);
  });

  it("logs a tick in one line: counts, each check's log E against its threshold, the decision", () => {
    const line = tickLine({
      t: 45,
      phase: "analysis",
      valid: true,
      layout: null,
      nC: 150,
      nB: 2850,
      eC: 9,
      eB: 28,
      checks: [{ check: "errorRate", logE: 4.5, threshold: 4.382 }],
      nMin: 587,
      decision: "rollback",
      final: true,
      reasons: [],
    });
    expect(line).toBe("t=45s n_c=150 n_b=2850 e_c=9 e_b=28 n_min=587 | ln E: errorRate 4.50/4.38 → ROLLBACK");
  });
});
