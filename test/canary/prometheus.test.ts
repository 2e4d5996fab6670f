import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PrometheusClient,
  type PrometheusClientOptions,
  PrometheusSource,
  parsePrometheusHeaders,
  parsePrometheusUrl,
  parseSelector,
  type Selector,
  versionSelector,
} from "../../src/canary/prometheus.js";
import { httpFetchMetrics, scrapeArm } from "../../src/canary/scrape.js";
import { type ArmsReading, parseErrorCodes, type SnapshotSpec } from "../../src/canary/snapshot.js";
import type { ArmSnapshot, InstanceSnapshot } from "../../src/canary/types.js";
import { InputError, UserError } from "../../src/kit/errors.js";
import {
  buildGinApp,
  eventually,
  type GinInstance,
  scratchDir,
  sendRequests,
  startGinApp,
} from "../support/gin-app.js";
import {
  type PrometheusServer,
  prometheusAvailable,
  startFaultProxy,
  startPrometheus,
} from "../support/prometheus.js";

/**
 * The Prometheus source against a real Prometheus (Debian's package) scraping examples/gin-app
 * every second on loopback: a baseline 1.0.0 and two canary 2.0.0 instances, one of them failing
 * half its requests (FAULT_ERROR_RATE=0.5).
 */

const spec: SnapshotSpec = {
  requestsMetric: "http_requests_total",
  latencyMetric: "http_request_duration_seconds",
  errorCodes: parseErrorCodes("5.."),
};
const SECRET = "Bearer s3cr3t-for-the-test";

const now = () => Date.now() / 1000;

function instances(arm: ArmSnapshot): InstanceSnapshot[] {
  if (!arm.ok) throw new Error(`arm not ok: ${arm.reason}`);
  return arm.instances;
}

function total(arm: ArmSnapshot, error?: boolean): number {
  return instances(arm)
    .flatMap((i) => i.requests)
    .filter((r) => error === undefined || r.error === error)
    .reduce((n, r) => n + r.value, 0);
}

describe.skipIf(!prometheusAvailable())("the Prometheus source against a real Prometheus", () => {
  let dir: string;
  let baseline: GinInstance;
  let faulty: GinInstance;
  let healthy: GinInstance;
  let prom: PrometheusServer;
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

  const source = (
    options: Partial<PrometheusClientOptions> & { url?: URL } = {},
    canary: Selector = versionSelector("2.0.0"),
  ) =>
    new PrometheusSource({
      client: new PrometheusClient({ url: parsePrometheusUrl(prom.url), budgetMs: 20_000, ...options }),
      canary,
      baseline: versionSelector("1.0.0"),
      spec,
    });

  /** Reads until `check` accepts the reading (Prometheus scrapes every second). */
  const readUntil = (what: string, s: PrometheusSource, check: (r: ArmsReading) => boolean, at = now) =>
    eventually(what, async () => {
      const r = await s.read(at());
      return check(r) ? r : undefined;
    });

  beforeAll(async () => {
    dir = scratchDir("canary-prometheus");
    const v1 = await buildGinApp(dir, "1.0.0");
    const v2 = await buildGinApp(dir, "2.0.0");
    baseline = await startGinApp(v1);
    faulty = await startGinApp(v2, { FAULT_ERROR_RATE: "0.5" });
    healthy = await startGinApp(v2);
    prom = await startPrometheus([
      { address: baseline.address, labels: { version: "1.0.0" } },
      { address: faulty.address, labels: { version: "2.0.0" } },
      { address: healthy.address, labels: { version: "2.0.0" } },
    ]);
    proxy = await startFaultProxy(prom.url);
  }, 600_000);

  afterAll(async () => {
    await proxy?.close();
    await prom?.close();
    await Promise.all([baseline?.stop(), faulty?.stop(), healthy?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reads each arm's instances by version before any traffic: start times, no requests yet", async () => {
    const s = source();
    const r = await readUntil(
      "both arms scraped",
      s,
      (r) =>
        r.canary.ok && r.canary.instances.length === 2 && r.baseline.ok && r.baseline.instances.length === 1,
    );
    expect(r.sourceDown).toBeUndefined();
    expect(instances(r.canary).map((i) => i.instance)).toEqual([faulty.address, healthy.address].sort());
    expect(instances(r.baseline).map((i) => i.instance)).toEqual([baseline.address]);
    // What Prometheus holds is what the service reports.
    const direct = instances(await scrapeArm([baseline.address], "/metrics", httpFetchMetrics(), spec))[0];
    expect(instances(r.baseline)[0]).toEqual({
      instance: baseline.address,
      startTime: direct?.startTime,
      requests: [],
      latency: [],
    });
    // A selector nothing matches is no data: ok, no instance (never a zero).
    const nothing = await source({}, versionSelector("9.9.9")).read(now());
    expect(nothing.canary).toEqual({ ok: true, instances: [] });
  }, 120_000);

  it("reads raw counters that grow between two queries, error flags and histogram buckets; and a past time", async () => {
    const s = source();
    const sent = await sendRequests(faulty.address, 200);
    expect((sent[200] ?? 0) + (sent[500] ?? 0)).toBe(200);
    await sendRequests(healthy.address, 100);
    await sendRequests(baseline.address, 100);
    let t1 = 0;
    const r1 = await readUntil(
      "the first load seen",
      s,
      (r) => r.canary.ok && r.baseline.ok && total(r.canary) === 300 && total(r.baseline) === 100,
      () => {
        t1 = now();
        return t1;
      },
    );
    expect(total(r1.canary, true)).toBe(sent[500]);
    expect(total(r1.baseline, true)).toBe(0);
    const faultyNow = instances(r1.canary).find((i) => i.instance === faulty.address) as InstanceSnapshot;
    // The series' own labels, the target's, and the app's version label Prometheus renamed.
    expect(faultyNow.requests).toEqual([
      {
        key: '{code="200",exported_version="2.0.0",job="gin",method="GET",route="/",version="2.0.0"}',
        value: sent[200],
        error: false,
      },
      {
        key: '{code="500",exported_version="2.0.0",job="gin",method="GET",route="/",version="2.0.0"}',
        value: sent[500],
        error: true,
      },
    ]);
    expect(faultyNow.latency).toHaveLength(1);
    const [hist] = faultyNow.latency;
    expect(hist?.key).toBe('{exported_version="2.0.0",job="gin",method="GET",route="/",version="2.0.0"}');
    expect(hist?.count).toBe(200);
    expect(hist?.buckets.map((b) => b.le)).toEqual([
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
    // The same counters as the service's own /metrics.
    const direct = instances(await scrapeArm([faulty.address], "/metrics", httpFetchMetrics(), spec))[0];
    expect(faultyNow.requests.map((q) => q.value)).toEqual(direct?.requests.map((q) => q.value));
    expect(faultyNow.startTime).toBe(direct?.startTime);

    await sendRequests(healthy.address, 50);
    await readUntil("the second load seen", s, (r) => r.canary.ok && total(r.canary) === 350);
    // Evaluated at the earlier time, the query sees the earlier counters (how `from`/`to` replays a window).
    const past = await s.read(t1);
    expect(total(past.canary)).toBe(300);
  }, 180_000);

  it("names the selector input when Prometheus refuses the query (HTTP 400 bad_data)", async () => {
    const s = source({}, parseSelector('version=~"("', "canary-selector"));
    const e = await s.read(now()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toContain(
      'input "canary-selector" has value "version=~\\"(\\"": Prometheus refused',
    );
    expect((e as Error).message).toContain("error parsing regexp");
  });

  it("maps Prometheus's query timeout (HTTP 503 timeout) to the source being down, after its retries", async () => {
    const r = await source({ queryTimeoutMs: 0.001, attempts: 2, backoffMs: 50 }).read(now());
    expect(r.sourceDown).toMatch(
      /canary query: Prometheus timed out evaluating the query \(HTTP 503 timeout: query timed out/,
    );
    expect(r.canary).toMatchObject({ ok: false, unreachable: false });
    expect(r.baseline).toMatchObject({ ok: false, unreachable: false });
  });

  it("treats warnings, infos and HTTP 422 as unusable answers, 5xx as the source down; headers sent, never shown", async () => {
    const headers = parsePrometheusHeaders(`Authorization: ${SECRET}`);
    const s = source({ url: parsePrometheusUrl(proxy.url), headers, attempts: 3, backoffMs: 50 });
    await readUntil("ok through the proxy", s, (r) => r.canary.ok && r.baseline.ok);
    const seen: string[] = [];

    proxy.fault = { kind: "warnings", warnings: ["remote store a:9090 unavailable: partial data"] };
    const warned = await s.read(now());
    expect(warned.sourceDown).toBeUndefined();
    expect(warned.canary).toEqual({
      ok: false,
      unreachable: false,
      reason: "Prometheus's answer is partial or uncertain: remote store a:9090 unavailable: partial data",
    });
    seen.push(JSON.stringify(warned));

    proxy.fault = { kind: "infos", infos: ["PromQL info: something to know"] };
    const informed = await s.read(now());
    expect(informed.baseline).toMatchObject({
      ok: false,
      reason: expect.stringContaining("something to know"),
    });
    seen.push(JSON.stringify(informed));

    proxy.fault = {
      kind: "status",
      status: 422,
      body: JSON.stringify({
        status: "error",
        errorType: "execution",
        error: "query processing would load too many samples",
      }),
    };
    const unexecuted = await s.read(now());
    expect(unexecuted.sourceDown).toBeUndefined();
    expect(!unexecuted.canary.ok && unexecuted.canary.reason).toBe(
      "Prometheus could not execute the query (HTTP 422 execution: query processing would load too many samples)",
    );
    seen.push(JSON.stringify(unexecuted));

    proxy.fault = { kind: "status", status: 502, body: "<html>Bad Gateway</html>" };
    const before = proxy.requests.length;
    const down = await s.read(now());
    expect(down.sourceDown).toContain('answered HTTP 502 ("<html>Bad Gateway</html>")');
    // Three attempts per arm, then the source is down for this tick.
    expect(proxy.requests.length - before).toBe(6);
    seen.push(JSON.stringify(down));

    proxy.fault = { kind: "status", status: 401, body: "" };
    const refused = await s.read(now()).catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as Error).message).toContain("check prometheus-headers");
    seen.push((refused as Error).message);

    proxy.fault = undefined;
    expect((await s.read(now())).canary.ok).toBe(true);
    expect(proxy.requests.every((h) => h.authorization === SECRET)).toBe(true);
    for (const text of seen) expect(text).not.toContain("s3cr3t");
  }, 120_000);

  it("stops retrying when another attempt would not fit in the query's time budget", async () => {
    const s = source({ url: parsePrometheusUrl(proxy.url), attempts: 5, backoffMs: 700, budgetMs: 2000 });
    proxy.fault = { kind: "status", status: 503, body: "" };
    const before = proxy.requests.length;
    const down = await s.read(now());
    proxy.fault = undefined;
    expect(down.sourceDown).toContain("answered HTTP 503");
    // Per arm: an attempt, a 700 ms pause, a second attempt; a third would need a 1400 ms pause
    // and time to answer, more than is left of the 2 s, so the attempts (5) are not all spent.
    expect(proxy.requests.length - before).toBe(4);
  });

  it("says the source is down while Prometheus is stopped, and reads again once it is back", async () => {
    const s = source({ attempts: 2, backoffMs: 50 });
    const before = await readUntil("settled", s, (r) => r.canary.ok && total(r.canary) === 350);
    await prom.stop();
    const down = await s.read(now());
    expect(down.sourceDown).toMatch(/ECONNREFUSED/);
    expect(down.canary).toMatchObject({ ok: false, unreachable: false });
    expect(down.baseline).toMatchObject({ ok: false, unreachable: false });

    await prom.start();
    const back = await readUntil(
      "back",
      s,
      (r) => r.sourceDown === undefined && r.canary.ok && r.baseline.ok,
    );
    // Same data directory: what was stored before the stop is still there.
    expect(total(back.canary)).toBe(total(before.canary));
  }, 180_000);

  it("says a canary whose instances stop answering scrapes is partly invalid, then unreachable", async () => {
    const s = source();
    await faulty.stop("SIGKILL");
    const partial = await readUntil("one canary instance down", s, (r) => !r.canary.ok);
    expect(partial.canary).toEqual({
      ok: false,
      unreachable: false,
      reason: `${faulty.address} did not answer Prometheus's last scrape (up=0) while ${healthy.address} did`,
    });
    expect(partial.baseline.ok).toBe(true);

    await healthy.stop("SIGKILL");
    const gone = await readUntil(
      "every canary instance down",
      s,
      (r) => !r.canary.ok && r.canary.unreachable,
    );
    expect(gone.canary).toEqual({
      ok: false,
      unreachable: true,
      reason: `no target matching version="2.0.0" answered Prometheus's last scrape (up=0: ${[faulty.address, healthy.address].sort().join(", ")})`,
    });
    expect(gone.baseline.ok).toBe(true);
    expect(gone.sourceDown).toBeUndefined();
  }, 120_000);
});
