import { describe, expect, it } from "vitest";
import {
  BlueGreen,
  planSlots,
  rollbackTarget,
  slotVersion,
  upstreamOf,
} from "../../src/deploy/blue-green.js";
import { HostError } from "../../src/deploy/host.js";
import type { HostView, StrategySettings } from "../../src/deploy/types.js";
import type { HostStatus } from "../../src/remote/steps/index.js";
import { renderUpstream, type UpstreamState } from "../../src/remote/steps/nginx.js";

const PORTS = [8081, 8082] as const;
const SETTINGS: StrategySettings = {
  port: 8080,
  ports: PORTS,
  securityThreshold: 2,
  healthPath: "/healthz",
  healthTimeoutMs: 1000,
  drainMs: 0,
};

/** A host as the status step reports it: `slots` maps a port to the release its link names. */
function host(
  opts: {
    upstream?: Omit<UpstreamState, "app">;
    slots?: Record<number, string | null>;
    history?: Record<string, unknown>[];
  } = {},
): HostView {
  const status: HostStatus = {
    machine: "x86_64",
    current: null,
    running: {},
    stale: [],
    // The status step reports the upstream file's first line.
    upstream: opts.upstream
      ? (renderUpstream({ app: "gin-app", ...opts.upstream }).split("\n")[0] ?? null)
      : null,
    slots: Object.entries(opts.slots ?? {}).map(([port, version]) => ({
      port: Number(port),
      version,
      unit: `gin-app@${port}.service`,
      state: "active",
    })),
    unitState: "inactive",
    releases: [],
    lock: null,
    history: opts.history ?? [],
    unreadableHistoryLines: 0,
  };
  return { target: { label: "deploy@web1", app: "gin-app" }, status };
}

/** The HostError message fn throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HostError);
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error("did not throw");
}

describe("upstreamOf and slotVersion", () => {
  it("read nginx's state line and the slots' links", () => {
    const h = host({
      upstream: { newPort: 8082, oldPort: 8081, weight: 25 },
      slots: { 8081: "v1", 8082: "v2" },
    });
    expect(upstreamOf(h.status)).toMatchObject({ app: "gin-app", newPort: 8082, oldPort: 8081, weight: 25 });
    expect(slotVersion(h.status, 8082)).toBe("v2");
    expect(slotVersion(h.status, 9000)).toBeNull();
    expect(slotVersion(h.status, null)).toBeNull();
    expect(upstreamOf(host().status)).toBeNull();
  });
});

describe("planSlots", () => {
  it("starts a first deploy on the first port, with nothing live", () => {
    expect(planSlots(host(), PORTS, "v1")).toEqual({ idle: 8081, live: null, resume: false });
  });

  it("takes the idle slot next to the live one", () => {
    const h = host({ upstream: { newPort: 8081, oldPort: null, weight: 100 }, slots: { 8081: "v1" } });
    expect(planSlots(h, PORTS, "v2")).toEqual({ idle: 8082, live: 8081, resume: false });
    const back = host({ upstream: { newPort: 8082, oldPort: null, weight: 100 }, slots: { 8082: "v2" } });
    expect(planSlots(back, PORTS, "v3")).toEqual({ idle: 8081, live: 8082, resume: false });
  });

  it("resumes a rollout of the same version that a killed run left part-way", () => {
    const h = host({
      upstream: { newPort: 8082, oldPort: 8081, weight: 10 },
      slots: { 8081: "v1", 8082: "v2" },
    });
    expect(planSlots(h, PORTS, "v2")).toEqual({ idle: 8082, live: 8081, resume: true });
  });

  it("refuses another version while a rollout is under way", () => {
    const h = host({
      upstream: { newPort: 8082, oldPort: 8081, weight: 10 },
      slots: { 8081: "v1", 8082: "v2" },
    });
    expect(refusal(() => planSlots(h, PORTS, "v3"))).toBe(
      "deploy@web1: probe: a blue-green rollout is under way: port 8082 (v2) gets 10% and port 8081 the rest; finish it with mode: promote or mode: rollback first",
    );
  });

  it("refuses when nginx sends the traffic to a port that is not one of ports", () => {
    const h = host({ upstream: { newPort: 9090, oldPort: null, weight: 100 } });
    expect(refusal(() => planSlots(h, PORTS, "v2"))).toBe(
      "deploy@web1: probe: nginx sends gin-app's traffic to port 9090, which is not one of ports (8081,8082)",
    );
  });
});

describe("rollbackTarget (blue-green, without rollback-to)", () => {
  it("is the old slot's version while a rollout is under way", () => {
    const h = host({
      upstream: { newPort: 8082, oldPort: 8081, weight: 50 },
      slots: { 8081: "v1", 8082: "v2" },
    });
    expect(rollbackTarget(h, PORTS)).toBe("v1");
  });

  it("after a promote, is the version the live one replaced, from the history, before the idle slot's", () => {
    const h = host({
      upstream: { newPort: 8082, oldPort: null, weight: 100 },
      slots: { 8081: "v0", 8082: "v2" },
      history: [{ action: "deploy", version: "v2", from: "v1", result: "success" }],
    });
    expect(rollbackTarget(h, PORTS)).toBe("v1");
    const noHistory = host({
      upstream: { newPort: 8082, oldPort: null, weight: 100 },
      slots: { 8081: "v0", 8082: "v2" },
    });
    expect(rollbackTarget(noHistory, PORTS)).toBe("v0");
  });

  it("refuses when nothing names a previous version, or there is no blue-green deploy", () => {
    const alone = host({ upstream: { newPort: 8081, oldPort: null, weight: 100 }, slots: { 8081: "v1" } });
    expect(refusal(() => rollbackTarget(alone, PORTS))).toBe(
      "deploy@web1: probe: its history names no previous version: give rollback-to",
    );
    expect(refusal(() => rollbackTarget(host(), PORTS))).toBe(
      "deploy@web1: probe: no blue-green deploy of gin-app here (no goship upstream for nginx): deploy first",
    );
  });
});

describe("BlueGreen.status and describe", () => {
  const bg = new BlueGreen(SETTINGS);

  it("say what serves: the new slot's version, its share, every slot's state", () => {
    const h = host({
      upstream: { newPort: 8082, oldPort: 8081, weight: 30 },
      slots: { 8081: "v1", 8082: "v2" },
    });
    expect(bg.status(h)).toEqual({
      version: "v2",
      slot: 8082,
      weight: 30,
      health: "8081:active 8082:active",
    });
    expect(bg.describe(h)).toBe(
      "x86_64; slot 8081 v1 active, slot 8082 v2 active; goship upstream app=gin-app new=8082 old=8081 weight=30",
    );
  });

  it("without a blue-green deploy: nothing serves", () => {
    expect(bg.status(host())).toEqual({ version: null, slot: null, weight: null, health: "" });
    expect(bg.describe(host())).toBe("x86_64; no slots");
  });
});
