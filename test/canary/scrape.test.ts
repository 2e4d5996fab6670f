import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFetchMetrics, ScrapeSource, scrapeArm } from "../../src/canary/scrape.js";
import { parseErrorCodes, type SnapshotSpec } from "../../src/canary/snapshot.js";
import type { ArmSnapshot, InstanceSnapshot } from "../../src/canary/types.js";
import {
  buildGinApp,
  freePort,
  type GinInstance,
  scratchDir,
  sendRequests,
  startGinApp,
} from "../support/gin-app.js";

const spec: SnapshotSpec = {
  requestsMetric: "http_requests_total",
  latencyMetric: "http_request_duration_seconds",
  errorCodes: parseErrorCodes("5.."),
};

function instances(arm: ArmSnapshot): InstanceSnapshot[] {
  if (!arm.ok) throw new Error(`arm not ok: ${arm.reason}`);
  return arm.instances;
}

const total = (i: InstanceSnapshot, error?: boolean) =>
  i.requests.filter((r) => error === undefined || r.error === error).reduce((n, r) => n + r.value, 0);

describe("the scrape source over plain HTTP, against examples/gin-app", () => {
  let dir: string;
  let baseline: GinInstance;
  let canary: GinInstance;
  let binaries: Record<string, string>;
  const fetchMetrics = httpFetchMetrics({ timeoutMs: 10_000 });

  beforeAll(async () => {
    dir = scratchDir("scrape");
    binaries = {
      "1.0.0": await buildGinApp(dir, "1.0.0"),
      "2.0.0": await buildGinApp(dir, "2.0.0"),
    };
    baseline = await startGinApp(binaries["1.0.0"] as string);
    canary = await startGinApp(binaries["2.0.0"] as string, { FAULT_ERROR_RATE: "0.5" });
  }, 600_000);

  afterAll(async () => {
    await Promise.all([baseline?.stop(), canary?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reads each arm's instance: no requests yet, then counters that grow, error flags and histograms", async () => {
    const source = new ScrapeSource({
      canary: [canary.address],
      baseline: [baseline.address],
      metricsPath: "/metrics",
      spec,
      fetchMetrics,
    });
    const first = await source.read(0);
    expect(first.sourceDown).toBeUndefined();
    // Serving, but no request yet: an instance with no series, not an arm with no data.
    expect(instances(first.canary)).toEqual([
      { instance: canary.address, startTime: expect.any(Number), requests: [], latency: [] },
    ]);

    const sent = await sendRequests(canary.address, 200);
    expect((sent[200] ?? 0) + (sent[500] ?? 0)).toBe(200);
    expect(sent[500]).toBeGreaterThan(0);
    await sendRequests(baseline.address, 100);
    const second = await source.read(0);
    const [c] = instances(second.canary);
    const [b] = instances(second.baseline);
    expect(c?.startTime).toBe(instances(first.canary)[0]?.startTime);
    expect(c?.requests).toEqual([
      { key: '{code="200",method="GET",route="/",version="2.0.0"}', value: sent[200], error: false },
      { key: '{code="500",method="GET",route="/",version="2.0.0"}', value: sent[500], error: true },
    ]);
    expect(b?.requests).toEqual([
      { key: '{code="200",method="GET",route="/",version="1.0.0"}', value: 100, error: false },
    ]);
    const [hist] = c?.latency ?? [];
    expect(hist?.key).toBe('{method="GET",route="/",version="2.0.0"}');
    expect(hist?.count).toBe(200);
    expect(hist?.buckets.map((x) => x.le)).toEqual([
      0.005,
      0.01,
      0.025,
      0.05,
      0.1,
      0.25,
      0.5,
      1,
      2.5,
      5,
      Infinity,
    ]);
    expect(hist?.buckets.at(-1)?.count).toBe(200);

    await sendRequests(canary.address, 50);
    const third = await source.read(0);
    const [c3] = instances(third.canary);
    expect(total(c3 as InstanceSnapshot)).toBe(250);
    expect(total(c3 as InstanceSnapshot, true)).toBeGreaterThanOrEqual(sent[500] as number);
  });

  it("says an arm none of whose targets answer is unreachable, and one with some silent is invalid", async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const none = await scrapeArm([closed], "/metrics", fetchMetrics, spec);
    expect(none).toMatchObject({ ok: false, unreachable: true });
    expect(!none.ok && none.reason).toContain(`no target answered (${closed}/metrics: connect ECONNREFUSED`);

    const some = await scrapeArm([baseline.address, closed], "/metrics", fetchMetrics, spec);
    expect(some).toMatchObject({ ok: false, unreachable: false });
    expect(!some.ok && some.reason).toContain(`${closed}/metrics: connect ECONNREFUSED`);
    expect(!some.ok && some.reason).toContain(`(while ${baseline.address} answered)`);

    // No targets at all (a first release has no old slot): no data, never zero.
    expect(await scrapeArm([], "/metrics", fetchMetrics, spec)).toEqual({ ok: true, instances: [] });
  });

  it("says a target that answers something other than an exposition is invalid, naming it and the line", async () => {
    const notFound = await scrapeArm([canary.address], "/nope", fetchMetrics, spec);
    expect(notFound).toEqual({
      ok: false,
      unreachable: false,
      reason: `${canary.address}/nope: answered HTTP 404`,
    });

    const json = await scrapeArm([canary.address], "/version", fetchMetrics, spec);
    expect(json).toMatchObject({ ok: false, unreachable: false });
    expect(!json.ok && json.reason).toMatch(
      new RegExp(
        `^${canary.address}/version: answered application/json; charset=utf-8, not the text exposition`,
      ),
    );

    const small = await scrapeArm([canary.address], "/metrics", httpFetchMetrics({ maxBytes: 1000 }), spec);
    expect(small).toEqual({
      ok: false,
      unreachable: false,
      reason: `${canary.address}/metrics: the answer is larger than 1000 bytes`,
    });
  });

  it("sees a restarted instance's new start time and its counters starting again", async () => {
    const before = instances(await scrapeArm([baseline.address], "/metrics", fetchMetrics, spec))[0];
    await baseline.stop();
    // Far enough apart for process_start_time_seconds (whole clock ticks) to differ.
    await new Promise((r) => setTimeout(r, 1500));
    baseline = await startGinApp(binaries["1.0.0"] as string, {}, baseline.port);
    await sendRequests(baseline.address, 3);
    const after = instances(await scrapeArm([baseline.address], "/metrics", fetchMetrics, spec))[0];
    expect(after?.instance).toBe(before?.instance);
    expect(after?.startTime).toBeGreaterThan(before?.startTime as number);
    expect(after?.requests.map((r) => r.value)).toEqual([3]);
  });
});
