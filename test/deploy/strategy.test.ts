import { describe, expect, it } from "vitest";
import { describeState, previousFromHistory } from "../../src/deploy/strategy.js";
import type { HostStatus } from "../../src/remote/steps/index.js";

function status(history: Record<string, unknown>[], over: Partial<HostStatus> = {}): HostStatus {
  return {
    machine: "x86_64",
    current: null,
    running: {},
    stale: [],
    upstream: null,
    slots: [],
    unitState: "inactive",
    releases: [],
    lock: null,
    history,
    unreadableHistoryLines: 0,
    ...over,
  };
}

const deploy = (version: string, from: string | null, result = "success") => ({
  action: "deploy",
  version,
  from,
  result,
});

describe("previousFromHistory", () => {
  it("is the `from` of the newest successful deploy of the current version", () => {
    const s = status([deploy("v2", "v1"), deploy("v3", "v2"), deploy("v2", "v3")]);
    expect(previousFromHistory(s, "v2")).toBe("v3");
    expect(previousFromHistory(s, "v3")).toBe("v2");
  });

  it("counts an older history's `deployed` result as a success, and nothing else", () => {
    expect(previousFromHistory(status([deploy("v2", "v1", "deployed")]), "v2")).toBe("v1");
    expect(previousFromHistory(status([deploy("v2", "v1", "failure")]), "v2")).toBeNull();
    expect(previousFromHistory(status([deploy("v2", "v1", "rolled-back")]), "v2")).toBeNull();
  });

  it("skips runs that changed nothing, rollbacks' own entries and first deploys", () => {
    const s = status([
      deploy("v2", "v1"),
      deploy("v2", "v2"), // a re-run: unchanged
      { action: "rollback", version: "v2", from: "v3", result: "success" },
      { action: "promote", version: "v2", from: "v2", result: "success" },
    ]);
    expect(previousFromHistory(s, "v2")).toBe("v1");
    expect(previousFromHistory(status([deploy("v1", null)]), "v1")).toBeNull();
  });

  it("is null without a current version", () => {
    expect(previousFromHistory(status([deploy("v2", "v1")]), null)).toBeNull();
  });
});

describe("describeState", () => {
  it("puts the machine, what the strategy sees, nginx's state and the number of releases on one line", () => {
    const s = status([], {
      upstream: "# goship upstream app=gin-app new=8081 old=- weight=100",
      releases: ["v1", "v2", "v3"],
    });
    expect(describeState(s, "slot 8081 v2 active")).toBe(
      "x86_64; slot 8081 v2 active; goship upstream app=gin-app new=8081 old=- weight=100; 3 release(s)",
    );
  });
});
