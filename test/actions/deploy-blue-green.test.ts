import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployInputs, servedVersion } from "../support/deploy-fixture.js";
import { type GinReleases, ginReleases } from "../support/gin-release.js";
import { bootFleet, type Lab, type TestHost } from "../support/hosts.js";
import { type ActionRun, runDistAction } from "../support/run-action.js";

/**
 * deploy-systemd's blue-green strategy on two real systemd hosts, each with the machine's nginx
 * in front of the two slots (<app>@8081, <app>@8082): first deploy, an upgrade under wrk's load
 * with no failed request, traffic shifts (and one refused: its slot does not answer), promote,
 * rollbacks (before and after a promote), resuming a rollout, a new slot that never gets ready,
 * and a host put back after the other one failed. The cases run in order, each from the state
 * the one before left.
 *
 * The server block. goship owns only /etc/nginx/conf.d/goship-shop.conf (`upstream shop`); the
 * `server` that proxies to it is the user's. nginx -t refuses a `proxy_pass http://shop` whose
 * upstream does not exist yet, so the order here is the one a user follows: the first blue-green
 * deploy writes the upstream, then the server block (listen 8080) is added and nginx reloaded.
 */

const V1 = "1.0.0";
const V2 = "2.0.0";
const [BLUE, GREEN] = [8081, 8082];
let fleet: Lab;
let rel: GinReleases;
let runs = 0;

beforeAll(async () => {
  [fleet, rel] = await Promise.all([bootFleet(2, { prefix: "bg" }), ginReleases([V1, V2])]);
}, 600_000);

afterAll(async () => {
  await fleet?.stop();
  if (wrkScript) rmSync(dirname(wrkScript), { recursive: true, force: true });
});

function deploy(inputs: Record<string, string>): Promise<ActionRun> {
  runs++;
  return runDistAction(
    "deploy-systemd",
    deployInputs(fleet, rel, V1, { strategy: "blue-green", "drain-time": "1s", ...inputs }),
    { GITHUB_RUN_ID: String(2000 + runs), GITHUB_REPOSITORY: "acme/shop", GITHUB_ACTOR: "tester" },
  );
}

/** GET /version on `port` of the host: through nginx (8080) or straight to a slot. */
const servedAll = (port = 8080) => Promise.all(fleet.hosts.map((h) => servedVersion(h, port)));

/** Versions seen in `n` requests through nginx on the host. */
async function sample(host: TestHost, n: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const v = await servedVersion(host);
    seen[v] = (seen[v] ?? 0) + 1;
  }
  return seen;
}

const upstreamLine = async (h: TestHost) =>
  (await h.exec(["head", "-n", "1", "/etc/nginx/conf.d/goship-shop.conf"])).stdout.trim();
const upstreamLines = () => Promise.all(fleet.hosts.map(upstreamLine));
const unitState = async (h: TestHost, port: number) =>
  (await h.exec(["systemctl", "is-active", `shop@${port}.service`])).stdout.trim();
const unitStates = (port: number) => Promise.all(fleet.hosts.map((h) => unitState(h, port)));
const mainPids = (port: number) =>
  Promise.all(
    fleet.hosts.map(
      async (h) =>
        (await h.exec(["systemctl", "show", "-p", "MainPID", "--value", `shop@${port}.service`])).stdout,
    ),
  );

/** An environment file's variables (goship's header comment left out). */
async function variables(h: TestHost, file: string): Promise<string> {
  const r = await h.exec(["cat", file]);
  return r.stdout
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .join("\n");
}
const slotEnvironments = (port: number) =>
  Promise.all(fleet.hosts.map((h) => variables(h, `/etc/shop/shop@${port}.env`)));

/** The run's error annotation. */
const errorLine = (r: ActionRun) => r.stdout.split("\n").find((l) => l.startsWith("::error::")) ?? "";

function ok(r: ActionRun): void {
  expect(r.code, r.stdout + r.stderr).toBe(0);
}

// ─── load ────────────────────────────────────────────────────────────────────────────────

/** Counts non-2xx answers and the versions served, across wrk's threads; one JSON line at the end. */
const WRK_SCRIPT = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; seen = {} end
-- A pause before each request on a connection: eight connections still keep requests in
-- flight across every switch, without wrk taking a whole core from the deploy it measures.
function delay() return 10 end
function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
  local v = body and string.match(body, '"version":"([^"]+)"') or "?"
  seen[v] = (seen[v] or 0) + 1
end
function done(summary, latency, requests)
  local bad_all, seen_all = 0, {}
  for _, t in ipairs(threads) do
    bad_all = bad_all + t:get("bad")
    for v, n in pairs(t:get("seen")) do seen_all[v] = (seen_all[v] or 0) + n end
  end
  local parts = {}
  for v, n in pairs(seen_all) do table.insert(parts, string.format('"%s":%d', v, n)) end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"p50us":%d,"p99us":%d,"maxus":%d,"us":%d,"versions":{%s}}\\n',
    summary.requests, bad_all, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max, summary.duration, table.concat(parts, ",")))
end
`;

interface LoadResult {
  requests: number;
  non2xx: number;
  connect: number;
  read: number;
  write: number;
  timeout: number;
  status: number;
  p50us: number;
  p99us: number;
  maxus: number;
  us: number;
  versions: Record<string, number>;
}

interface Load {
  /** Ends the load (SIGINT: wrk stops and reports) and returns its figures. */
  stop(): Promise<LoadResult>;
}

let wrkScript: string | undefined;

/**
 * How the load connects. keep-alive: wrk's default, 8 connections reused. close: a connection per
 * request (`Connection: close`).
 *
 * Why not keep-alive across a switch: every nginx reload closes each client keep-alive
 * connection after its current response (its old workers exit gracefully), and wrk, unlike
 * browsers, Go's http.Client or curl, does not retry the request it had already sent on it: it
 * counts one read error per connection per reload. Measured on these hosts with a bare
 * `systemctl reload nginx` in front of `return 200`, no goship involved: 8 connections, 3
 * reloads, 24 read errors; with `Connection: close`, none. So the switch is measured with a
 * connection per request (every request nginx accepts must get a 2xx from some slot), and
 * keep-alive is used where nginx must not be reloaded at all.
 */
type Connections = "keep-alive" | "close";

/**
 * wrk against nginx on the host, for at most `seconds`; stop() ends it sooner. stop() fails
 * when wrk ended by itself first: the load must cover what it measures.
 */
function load(host: TestHost, seconds: number, connections: Connections): Load {
  if (!wrkScript) {
    wrkScript = join(mkdtempSync(join(tmpdir(), "goship-wrk-")), "count.lua");
    writeFileSync(wrkScript, WRK_SCRIPT);
  }
  const child = spawn(
    "wrk",
    [
      "-t1",
      "-c8",
      `-d${seconds}s`,
      "--timeout",
      "5s",
      "--latency",
      ...(connections === "close" ? ["-H", "Connection: close"] : []),
      "-s",
      wrkScript,
      `http://${host.address}:8080/version`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout.on("data", (b) => (out += b));
  child.stderr.on("data", (b) => (out += b));
  let ended = false;
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      ended = true;
      resolve(code);
    });
  });
  // Handled in stop(), which awaits it (wrk missing: .ci/run installs it).
  exit.catch(() => {});
  return {
    async stop() {
      const early = ended;
      if (!ended) child.kill("SIGINT");
      const code = await exit;
      if (early)
        throw new Error(`wrk on ${host.address} ended before stop() (${seconds} s too short):\n${out}`);
      const line = out.split("\n").find((l) => l.startsWith("WRK "));
      if (code !== 0 || !line) throw new Error(`wrk on ${host.address} exited ${code}:\n${out}`);
      return JSON.parse(line.slice(4)) as LoadResult;
    },
  };
}

function describeLoad(r: LoadResult): string {
  return `${r.requests} requests in ${(r.us / 1e6).toFixed(1)} s, non-2xx ${r.non2xx}, socket errors connect ${r.connect} read ${r.read} write ${r.write} timeout ${r.timeout}, p50 ${(r.p50us / 1000).toFixed(1)} ms, p99 ${(r.p99us / 1000).toFixed(1)} ms, max ${(r.maxus / 1000).toFixed(1)} ms, versions ${JSON.stringify(r.versions)}`;
}

/** Runs `during` while wrk loads every host's nginx; the load ends 1.5 s after it. */
async function underLoad<T>(
  connections: Connections,
  during: () => Promise<T>,
): Promise<{ value: T; loads: LoadResult[] }> {
  // stop() ends the load as soon as `during` is done; the bound only stops wrk by itself if the
  // test dies. It is not a time budget for the deploy: on two busy cores a switch takes minutes.
  const loads = fleet.hosts.map((h) => load(h, 900, connections));
  let outcome: { value: T } | { error: unknown };
  try {
    await sleep(1500);
    outcome = { value: await during() };
    await sleep(1500);
  } catch (error) {
    outcome = { error };
  }
  // The wrk processes end either way.
  const results = await Promise.allSettled(loads.map((l) => l.stop()));
  if ("error" in outcome) throw outcome.error;
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const value = outcome.value;
  const figures = results.map((r) => (r as PromiseFulfilledResult<LoadResult>).value);
  for (const [i, f] of figures.entries())
    console.log(`wrk ${fleet.hosts[i]?.address} (${connections}): ${describeLoad(f)}`);
  return { value, loads: figures };
}

function expectNoFailedRequest(loads: LoadResult[]): void {
  for (const l of loads) {
    const text = describeLoad(l);
    expect(l.requests, text).toBeGreaterThan(100);
    expect(l.non2xx, text).toBe(0);
    expect(l.status, text).toBe(0);
    expect(l.connect + l.read + l.write + l.timeout, text).toBe(0);
  }
}

// ─── the cases ───────────────────────────────────────────────────────────────────────────

describe("deploy-systemd, blue-green strategy, on two hosts behind nginx", () => {
  it("first deploy of 1.0.0: 100% to 8081; the canary target is the new slot", async () => {
    const r = await deploy({ environment: "LOG_LEVEL=warn\n" });
    ok(r);
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${BLUE} old=- weight=100`),
    );
    // The user's server block, now that `upstream shop` exists (see the top of this file).
    for (const h of fleet.hosts) {
      await h.exec(
        ["sh", "-c", "cat > /etc/nginx/sites-enabled/shop && nginx -t -q && systemctl reload nginx"],
        {
          input:
            'server {\n  listen 8080;\n  location / {\n    proxy_pass http://shop;\n    proxy_http_version 1.1;\n    proxy_set_header Connection "";\n  }\n}\n',
        },
      );
    }
    await expect.poll(servedAll, { timeout: 10_000 }).toEqual([V1, V1]);
    expect(await unitStates(BLUE)).toEqual(["active", "active"]);
    const canary = JSON.parse(r.outputs["canary-targets"] as string) as {
      host: string;
      new: { address: string; version: string };
      old: unknown;
    }[];
    expect(canary).toEqual(
      fleet.hosts.map((h) => ({
        app: "shop",
        weight: 100,
        host: `deploy@${h.address}:22`,
        new: { address: `${h.address}:${BLUE}`, version: V1 },
        old: null,
      })),
    );
    const hosts = JSON.parse(r.outputs.hosts as string) as { status: string; slot: number; weight: number }[];
    expect(hosts.map((h) => [h.status, h.slot, h.weight])).toEqual([
      ["deployed", BLUE, 100],
      ["deployed", BLUE, 100],
    ]);
  }, 120_000);

  it("upgrade to 2.0.0 under load: no failed request across the switch; 8081 keeps 1.0.0", async () => {
    const { value: r, loads } = await underLoad("close", () =>
      deploy({ "release-dir": rel.dirs[V2] as string, "traffic-weight": "100" }),
    );
    ok(r);
    expectNoFailedRequest(loads);
    // The switch happened while the load ran: both versions answered it.
    for (const l of loads) expect(Object.keys(l.versions).sort()).toEqual([V1, V2]);
    expect(await servedAll()).toEqual([V2, V2]);
    expect(await servedAll(BLUE)).toEqual([V1, V1]);
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=${BLUE} weight=100`),
    );
    // No environment input: the new slot runs with the live slot's.
    expect(await slotEnvironments(GREEN)).toEqual(["LOG_LEVEL=warn", "LOG_LEVEL=warn"]);
    const canary = JSON.parse(r.outputs["canary-targets"] as string) as { new: unknown; old: unknown }[];
    expect(canary.map((c) => [c.new, c.old])).toEqual(
      fleet.hosts.map((h) => [
        { address: `${h.address}:${GREEN}`, version: V2 },
        { address: `${h.address}:${BLUE}`, version: V1 },
      ]),
    );
  }, 120_000);

  it("shift: 30% to the new slot, then 0%, then 100%", async () => {
    const thirty = await deploy({ mode: "shift", "traffic-weight": "30" });
    ok(thirty);
    for (const h of fleet.hosts) {
      const seen = await sample(h, 100);
      expect(Object.keys(seen).sort(), JSON.stringify(seen)).toEqual([V1, V2]);
      expect(seen[V2], JSON.stringify(seen)).toBeGreaterThanOrEqual(15);
      expect(seen[V2], JSON.stringify(seen)).toBeLessThanOrEqual(45);
    }
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=${BLUE} weight=30`),
    );
    const hosts = JSON.parse(thirty.outputs.hosts as string) as { status: string; weight: number }[];
    expect(hosts.map((h) => [h.status, h.weight])).toEqual([
      ["shifted", 30],
      ["shifted", 30],
    ]);

    // 0% puts every request on the old slot: refused where it does not answer, and the host
    // that did shift is put back (on-failure: rollback-fleet).
    const h2 = fleet.hosts[1] as TestHost;
    await h2.exec(["systemctl", "stop", `shop@${BLUE}.service`]);
    const refused = await deploy({ mode: "shift", "traffic-weight": "0", "health-timeout": "5s" });
    expect(refused.code).toBe(1);
    const refusal = errorLine(refused);
    expect(refusal).toContain("shift failed on");
    expect(refusal).toContain(`deploy@${h2.address}:22`);
    expect(refusal).toContain(`shop@${BLUE}.service is inactive`);
    expect(refusal).not.toContain(`${fleet.hosts[0]?.address}:`);
    expect(
      (JSON.parse(refused.outputs.hosts as string) as { status: string }[]).map((h) => h.status),
    ).toEqual(["rolled-back", "failed"]);
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=${BLUE} weight=30`),
    );
    await h2.exec(["systemctl", "start", `shop@${BLUE}.service`]);

    ok(await deploy({ mode: "shift", "traffic-weight": "0" }));
    for (const h of fleet.hosts) expect(await sample(h, 20)).toEqual({ [V1]: 20 });

    const status = await deploy({ mode: "status" });
    ok(status);
    const st = JSON.parse(status.outputs.hosts as string) as {
      slot: number;
      weight: number;
      version: string;
    }[];
    expect(st.map((h) => [h.slot, h.weight, h.version])).toEqual([
      [GREEN, 0, V2],
      [GREEN, 0, V2],
    ]);

    ok(await deploy({ mode: "shift", "traffic-weight": "100" }));
    for (const h of fleet.hosts) expect(await sample(h, 20)).toEqual({ [V2]: 20 });
    expect(await unitStates(BLUE)).toEqual(["active", "active"]);
  }, 120_000);

  it("promote: 100% to the new slot, the old unit stopped after drain-time, no old slot in nginx", async () => {
    const started = Date.now();
    const r = await deploy({ mode: "promote" });
    ok(r);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r.stdout).toContain(`stopped the old slot on port ${BLUE} after draining 1 s`);
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=- weight=100`),
    );
    expect(await unitStates(BLUE)).toEqual(["inactive", "inactive"]);
    expect(await servedAll()).toEqual([V2, V2]);
    const hosts = JSON.parse(r.outputs.hosts as string) as { status: string; version: string }[];
    expect(hosts.map((h) => [h.status, h.version])).toEqual([
      ["promoted", V2],
      ["promoted", V2],
    ]);
    // Promoting again changes nothing.
    const again = await deploy({ mode: "promote" });
    ok(again);
    expect((JSON.parse(again.outputs.hosts as string) as { status: string }[]).map((h) => h.status)).toEqual([
      "unchanged",
      "unchanged",
    ]);
    // Nothing left to shift once promoted.
    const shift = await deploy({ mode: "shift", "traffic-weight": "50" });
    expect(shift.code).toBe(1);
    expect(shift.stdout).toContain("already promoted");
  }, 120_000);

  it("rollback after a promote: 1.0.0 started again on 8081, 100% to it, 8082 stopped", async () => {
    const r = await deploy({ mode: "rollback" });
    ok(r);
    expect(await servedAll()).toEqual([V1, V1]);
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${BLUE} old=- weight=100`),
    );
    expect(await unitStates(BLUE)).toEqual(["active", "active"]);
    expect(await unitStates(GREEN)).toEqual(["inactive", "inactive"]);
    const hosts = JSON.parse(r.outputs.hosts as string) as {
      status: string;
      version: string;
      slot: number;
    }[];
    expect(hosts.map((h) => [h.status, h.version, h.slot])).toEqual([
      ["rolled-back", V1, BLUE],
      ["rolled-back", V1, BLUE],
    ]);
  }, 120_000);

  it("rollback of a deploy not promoted (30% on 2.0.0): all back to 1.0.0, the new unit stopped", async () => {
    const d = await deploy({ "release-dir": rel.dirs[V2] as string, "traffic-weight": "30" });
    ok(d);
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=${BLUE} weight=30`),
    );
    const seen = await sample(fleet.hosts[0] as TestHost, 40);
    expect(Object.keys(seen).sort(), JSON.stringify(seen)).toEqual([V1, V2]);
    // Another version while that rollout is under way is refused before any change.
    const other = await deploy({ "release-dir": rel.dirs[V1] as string });
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("a blue-green rollout is under way");
    // The same release again resumes it: only the share changes, the new slot is not restarted.
    const pids = await mainPids(GREEN);
    ok(await deploy({ "release-dir": rel.dirs[V2] as string, "traffic-weight": "60" }));
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=${BLUE} weight=60`),
    );
    expect(await mainPids(GREEN)).toEqual(pids);

    const r = await deploy({ mode: "rollback" });
    ok(r);
    expect(await servedAll()).toEqual([V1, V1]);
    for (const h of fleet.hosts) expect(await sample(h, 20)).toEqual({ [V1]: 20 });
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${BLUE} old=- weight=100`),
    );
    expect(await unitStates(GREEN)).toEqual(["inactive", "inactive"]);
    expect(await unitStates(BLUE)).toEqual(["active", "active"]);
  }, 120_000);

  it("a new slot that never gets ready: nginx stays on the old one, no failed request, the slot stopped", async () => {
    // Keep-alive: nginx is never reloaded, so not even a connection is closed.
    const { value: r, loads } = await underLoad("keep-alive", () =>
      deploy({
        "release-dir": rel.dirs[V2] as string,
        environment: "FAULT_READY=false\n",
        "health-timeout": "4s",
      }),
    );
    expect(r.code).toBe(1);
    const error = errorLine(r);
    expect(error).toMatch(/deploy failed on .*10\.77\.\d+\.\d+/);
    expect(error).toContain("/ready");
    expect(error).toContain("503");
    expectNoFailedRequest(loads);
    for (const l of loads) expect(l.versions).toEqual({ [V1]: l.requests });
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${BLUE} old=- weight=100`),
    );
    expect(await unitStates(GREEN)).toEqual(["inactive", "inactive"]);
    expect(await servedAll()).toEqual([V1, V1]);
    // The refused environment did not become 2.0.0's (what a rollback to 2.0.0 would restore).
    for (const h of fleet.hosts) {
      expect(await variables(h, `/etc/shop/versions/${V2}.env`)).toBe("LOG_LEVEL=warn");
    }
  }, 120_000);

  it("one host's new slot fails after the other switched: that one is put back (rollback-fleet)", async () => {
    // Nor does the refused environment stay with the slot: without an environment input the
    // slot gets the live one's, and on h1 2.0.0 gets ready. h2's slot 8082 is broken by a
    // drop-in, which the environment file does not override.
    const [h1, h2] = fleet.hosts as [TestHost, TestHost];
    const dropIn = `/etc/systemd/system/shop@${GREEN}.service.d`;
    await h2.exec([
      "sh",
      "-c",
      `mkdir -p ${dropIn} && printf '[Service]\\nEnvironment=FAULT_READY=false\\n' > ${dropIn}/fault.conf && systemctl daemon-reload`,
    ]);
    try {
      const { value: r, loads } = await underLoad("close", () =>
        deploy({ "release-dir": rel.dirs[V2] as string, "health-timeout": "6s" }),
      );
      expect(r.code).toBe(1);
      const error = errorLine(r);
      expect(error).toContain("deploy failed on");
      expect(error).toContain(`deploy@${h2.address}:22`);
      expect(error).not.toContain(`${h1.address}:`);
      expect(r.stdout).toContain(`${h1.address}:22: nginx: 100% to port ${GREEN} (${V2})`);
      const hosts = JSON.parse(r.outputs.hosts as string) as { status: string; version: string }[];
      expect(hosts.map((h) => [h.status, h.version])).toEqual([
        ["rolled-back", V1],
        ["failed", V1],
      ]);
      expect(r.outputs["rolled-back"]).toBe("true");
      expectNoFailedRequest(loads);
      expect(await upstreamLines()).toEqual(
        fleet.hosts.map(() => `# goship upstream app=shop new=${BLUE} old=- weight=100`),
      );
      expect(await unitStates(GREEN)).toEqual(["inactive", "inactive"]);
      expect(await servedAll()).toEqual([V1, V1]);
    } finally {
      await h2.exec(["sh", "-c", `rm -rf ${dropIn} && systemctl daemon-reload`]);
    }

    const again = await deploy({ "release-dir": rel.dirs[V2] as string });
    ok(again);
    expect(await servedAll()).toEqual([V2, V2]);
    expect(await slotEnvironments(GREEN)).toEqual(["LOG_LEVEL=warn", "LOG_LEVEL=warn"]);
  }, 120_000);

  it("canary by header: the header reaches the new slot at 0%, others never; 50% still splits; promote and rollback take the route away", async () => {
    /** Versions seen in `n` requests through the server block that routes by header (port 8090). */
    const through = async (h: TestHost, headers: Record<string, string> = {}, n = 20) => {
      const seen: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const res = await fetch(`http://${h.address}:8090/version`, {
          headers,
          signal: AbortSignal.timeout(3000),
        });
        const v = ((await res.json()) as { version: string }).version;
        seen[v] = (seen[v] ?? 0) + 1;
      }
      return seen;
    };
    const canary = { "X-Canary": "1" };
    const nginxTest = () =>
      Promise.all(fleet.hosts.map(async (h) => (await h.exec(["nginx", "-t", "-q"])).code));
    const upstreamFiles = () =>
      Promise.all(
        fleet.hosts.map(async (h) => (await h.exec(["cat", "/etc/nginx/conf.d/goship-shop.conf"])).stdout),
      );

    // From 2.0.0 on 8082 at 100%: promoted, then 1.0.0 comes back as the "new" release at 0%.
    ok(await deploy({ mode: "promote" }));
    const zero = await deploy({
      "release-dir": rel.dirs[V1] as string,
      "traffic-weight": "0",
      "canary-header": "X-Canary: 1",
    });
    ok(zero);
    expect(zero.stdout).toContain(`requests with X-Canary: 1 to port ${BLUE}`);
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${BLUE} old=${GREEN} weight=0 canary=X-Canary:1`),
    );
    // The user's server block for header routing (port 8090); the one on 8080 stays as it was.
    for (const h of fleet.hosts) {
      const r = await h.exec(
        ["sh", "-c", "cat > /etc/nginx/sites-enabled/shop-canary && nginx -t -q && systemctl reload nginx"],
        {
          input:
            'server {\n  listen 8090;\n  location / {\n    proxy_pass http://$goship_shop;\n    proxy_http_version 1.1;\n    proxy_set_header Connection "";\n  }\n}\n',
        },
      );
      expect(r.code, r.stderr).toBe(0);
    }
    for (const h of fleet.hosts) {
      await expect.poll(() => through(h, canary), { timeout: 10_000 }).toEqual({ [V1]: 20 });
      expect(await through(h)).toEqual({ [V2]: 20 });
      expect(await through(h, { "X-Canary": "0" })).toEqual({ [V2]: 20 });
      expect(await sample(h, 20)).toEqual({ [V2]: 20 });
    }

    // 50% (the header kept without the input): without it the requests split, with it all go to 1.0.0.
    ok(await deploy({ mode: "shift", "traffic-weight": "50" }));
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(
        () => `# goship upstream app=shop new=${BLUE} old=${GREEN} weight=50 canary=X-Canary:1`,
      ),
    );
    for (const h of fleet.hosts) {
      const seen = await through(h, {}, 60);
      expect(Object.keys(seen).sort(), JSON.stringify(seen)).toEqual([V1, V2]);
      expect(seen[V1], JSON.stringify(seen)).toBeGreaterThanOrEqual(20);
      expect(seen[V2], JSON.stringify(seen)).toBeGreaterThanOrEqual(20);
      expect(await through(h, canary)).toEqual({ [V1]: 20 });
    }

    // Rollback: header-routed requests go back with the rest; no header route is left.
    ok(await deploy({ mode: "rollback" }));
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${GREEN} old=- weight=100 canary=X-Canary:1`),
    );
    for (const f of await upstreamFiles()) expect(f).not.toContain("shop.canary");
    for (const h of fleet.hosts) {
      expect(await through(h, canary)).toEqual({ [V2]: 20 });
      expect(await through(h)).toEqual({ [V2]: 20 });
    }
    expect(await unitStates(BLUE)).toEqual(["inactive", "inactive"]);

    // The next rollout routes the header again; promote takes the route away with the old slot.
    ok(await deploy({ "release-dir": rel.dirs[V1] as string, "traffic-weight": "0" }));
    for (const h of fleet.hosts) {
      expect(await through(h, canary)).toEqual({ [V1]: 20 });
      expect(await through(h)).toEqual({ [V2]: 20 });
    }
    ok(await deploy({ mode: "promote" }));
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${BLUE} old=- weight=100 canary=X-Canary:1`),
    );
    for (const f of await upstreamFiles()) expect(f).not.toContain("shop.canary");
    for (const h of fleet.hosts) {
      expect(await through(h, canary)).toEqual({ [V1]: 20 });
      expect(await through(h)).toEqual({ [V1]: 20 });
    }
    expect(await unitStates(GREEN)).toEqual(["inactive", "inactive"]);
    expect(await nginxTest()).toEqual([0, 0]);

    // A header that is not a header name token and a value of safe characters is refused
    // before any host is contacted, naming the input.
    const bad = await deploy({ mode: "shift", "traffic-weight": "50", "canary-header": "X-Canary: 1; }" });
    expect(bad.code).toBe(1);
    expect(errorLine(bad)).toContain("canary-header");
    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=shop new=${BLUE} old=- weight=100 canary=X-Canary:1`),
    );
  }, 300_000);
});
