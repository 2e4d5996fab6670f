import { describe, expect, it } from "vitest";
import { BlueGreen } from "../../src/deploy/blue-green.js";
import { strategyFor } from "../../src/deploy/fleet.js";
import { HostError } from "../../src/deploy/host.js";
import { Restart, rollbackTarget } from "../../src/deploy/restart.js";
import type { HostView, StrategySettings } from "../../src/deploy/types.js";
import type { HostStatus } from "../../src/remote/steps/index.js";

const SETTINGS: StrategySettings = {
  port: 8080,
  ports: [8081, 8082],
  securityThreshold: 2,
  healthPath: "/healthz",
  healthTimeoutMs: 1000,
  drainMs: 0,
};

function host(over: Partial<HostStatus> = {}): HostView {
  const status: HostStatus = {
    machine: "aarch64",
    current: null,
    running: {},
    stale: [],
    upstream: null,
    slots: [],
    unitState: "inactive",
    releases: [],
    lock: null,
    history: [],
    unreadableHistoryLines: 0,
    ...over,
  };
  return { target: { label: "deploy@web1", app: "gin-app" }, status };
}

describe("strategyFor", () => {
  it("picks the strategy by its name", () => {
    expect(strategyFor("restart", SETTINGS)).toBeInstanceOf(Restart);
    expect(strategyFor("blue-green", SETTINGS)).toBeInstanceOf(BlueGreen);
    expect(strategyFor("blue-green", SETTINGS).name).toBe("blue-green");
  });
});

describe("Restart.status and describe", () => {
  const restart = new Restart(SETTINGS);

  it("serve what the unit runs, else what current points at", () => {
    const running = host({
      current: "v2",
      running: { "gin-app.service": "v1" },
      unitState: "active",
      releases: ["v1", "v2"],
    });
    expect(restart.status(running)).toEqual({ version: "v1", slot: null, weight: null, health: "active" });
    expect(restart.describe(running)).toBe("aarch64; current v2, unit active; 2 release(s)");
    expect(restart.status(host({ current: "v2" })).version).toBe("v2");
    expect(restart.describe(host({ machine: "" }))).toBe("?; current none, unit inactive");
  });
});

describe("rollbackTarget (restart, without rollback-to)", () => {
  it("is the version the current one replaced", () => {
    const h = host({
      current: "v3",
      history: [
        { action: "deploy", version: "v2", from: "v1", result: "success" },
        { action: "deploy", version: "v3", from: "v2", result: "success" },
      ],
    });
    expect(rollbackTarget(h)).toBe("v2");
  });

  it("refuses when the history names none", () => {
    let error: unknown;
    try {
      rollbackTarget(host({ current: "v1" }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({
      message: "deploy@web1: probe: its history names no previous version: give rollback-to",
    });
  });
});
