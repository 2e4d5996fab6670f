import { rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "../support/gin-app.js";
import { type ActionRun, runDistAction } from "../support/run-action.js";

/**
 * canary-gate refuses hostile or wrong inputs before it contacts any metric source: each gives
 * exactly one error that names the input, the step fails with decision=hold, and the Prometheus
 * the inputs point at (a local server that counts requests) is never asked anything.
 */

const TARGETS = JSON.stringify([
  {
    app: "shop",
    weight: 10,
    host: "deploy@127.0.0.1:22",
    new: { address: "127.0.0.1:18082", version: "2.0.0" },
    old: { address: "127.0.0.1:18081", version: "1.0.0" },
  },
]);

let server: Server;
let url: string;
let dir: string;
const requests: string[] = [];

beforeAll(async () => {
  dir = scratchDir("canary-gate-inputs");
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function gate(inputs: Record<string, string>): Promise<ActionRun> {
  return runDistAction(
    "canary-gate",
    {
      targets: TARGETS,
      provider: "prometheus",
      "prometheus-url": url,
      interval: "1s",
      warmup: "0s",
      duration: "2s",
      ...inputs,
    },
    { RUNNER_TEMP: dir },
  );
}

const errorLines = (r: ActionRun) => r.stdout.split("\n").filter((l) => l.startsWith("::error"));

describe("canary-gate's inputs", () => {
  it("contacts the metric source when the inputs are fine (the control for the cases below)", async () => {
    const before = requests.length;
    const r = await gate({});
    // The source answers empty results: no data, so the step holds at its deadline.
    expect(r.outputs.decision, r.stdout).toBe("hold");
    expect(r.code).toBe(1);
    expect(requests.length - before).toBeGreaterThan(0);
    expect(requests.at(-1)).toMatch(/^\/api\/v1\/query\?query=/);
  }, 60_000);

  const cases: [string, Record<string, string>, string, RegExp?][] = [
    ["a selector with an unbalanced quote", { "canary-selector": 'version="2.0.0' }, "canary-selector"],
    [
      "a selector that closes its quote and brace to add a query",
      { "canary-selector": 'version="2.0.0"} or vector(1) or {job="x' },
      "canary-selector",
    ],
    ["a selector with a stray quote", { "baseline-selector": 'version="1.0.0"x"' }, "baseline-selector"],
    ["a selector with a newline", { "baseline-selector": 'version="1.0.0"\njob="api"' }, "baseline-selector"],
    ["alpha: 0", { alpha: "0" }, "alpha"],
    ["interval: 0s", { interval: "0s" }, "interval"],
    ["a latency-slo that does not parse", { "latency-slo": "p99 under 200ms" }, "latency-slo"],
    ["a latency-slo at the 100th percentile", { "latency-slo": "p100<200ms" }, "latency-slo"],
    ["targets that are not JSON", { targets: "shop@127.0.0.1:8082" }, "targets"],
    ["targets that are JSON but not canary-targets", { targets: '[{"host":"127.0.0.1"}]' }, "targets"],
    [
      "targets that are one object, not the list",
      { targets: JSON.stringify(JSON.parse(TARGETS)[0]) },
      "targets",
    ],
    ["targets with no host", { targets: "[]" }, "targets"],
    [
      "a Prometheus URL with credentials in it",
      { "prometheus-url": "http://admin:s3cr3t-pw@127.0.0.1:9090" },
      "prometheus-url",
      /s3cr3t-pw/,
    ],
  ];

  it.each(cases)(
    "refuses %s: one error naming the input, nothing contacted",
    async (_, inputs, input, hidden) => {
      const before = requests.length;
      const r = await gate(inputs);
      const errors = errorLines(r);
      expect(errors, r.stdout).toHaveLength(1);
      expect(errors[0]).toContain(`canary-gate: input "${input}" has value `);
      expect(r.code).toBe(1);
      expect(r.outputs.decision).toBe("hold");
      expect(JSON.parse(r.outputs.reasons ?? "[]")).toEqual([expect.stringContaining(`input "${input}"`)]);
      // No tick ran and no query went out.
      expect(r.stdout).not.toMatch(/^t=/m);
      expect(requests.length - before).toBe(0);
      if (hidden)
        expect(`${r.stdout}${r.stderr}${r.summary}${JSON.stringify(r.outputs)}`).not.toMatch(hidden);
    },
    60_000,
  );
});
