import { setTimeout as sleep } from "node:timers/promises";
import type { HostStatus } from "../remote/steps/index.js";
import { type CanaryHeader, parseUpstream, type UpstreamState } from "../remote/steps/nginx.js";
import { serviceName } from "../remote/unit.js";
import { HostError } from "./host.js";
import {
  binaryFor,
  checkHealth,
  checkRollback,
  describeState,
  noPreviousVersion,
  previousFromHistory,
  say,
  stageAndCheck,
} from "./strategy.js";
import type {
  DeployStrategy,
  HostChange,
  HostView,
  HostWork,
  PreparedRelease,
  ProbedHost,
  ReleaseBinary,
  Serving,
  StrategySettings,
} from "./types.js";

/**
 * The blue-green strategy: two slots, `<app>@<port>`, behind nginx. A deploy starts the release
 * on the idle slot and sends it a share of the traffic; shift changes the share, promote gives it
 * all and stops the old slot, rollback sends everything back to the other slot.
 */
export class BlueGreen implements DeployStrategy {
  readonly name = "blue-green";

  constructor(private readonly settings: StrategySettings) {}

  describe({ status: s }: HostView): string {
    return describeState(
      s,
      s.slots.length
        ? s.slots.map((x) => `slot ${x.port} ${x.version ?? "-"} ${x.state}`).join(", ")
        : "no slots",
    );
  }

  status({ status: s }: HostView): Serving {
    const state = upstreamOf(s);
    return {
      version: state ? slotVersion(s, state.newPort) : null,
      slot: state?.newPort ?? null,
      weight: state?.weight ?? null,
      health: s.slots.map((x) => `${x.port}:${x.state}`).join(" "),
    };
  }

  async deploy(host: ProbedHost, release: PreparedRelease, weight: number): Promise<HostChange> {
    const bin = await binaryFor(host, release);
    const plan = planSlots(host, this.settings.ports, release.version);
    return (work) => this.#deploy(work, release, bin, plan, weight);
  }

  shift(host: ProbedHost, weight: number): HostChange {
    const state = requireUpstream(host);
    return (work) => this.#shift(work, state, weight);
  }

  promote(host: ProbedHost): HostChange {
    const state = requireUpstream(host);
    return (work) => this.#promote(work, state);
  }

  rollback(host: ProbedHost, to: string | undefined): HostChange {
    const target = to || rollbackTarget(host, this.settings.ports);
    checkRollback(host, target);
    return (work) => this.#rollback(work, target);
  }

  /** The header route of an upstream goship writes: the one asked for, else the one the host has. */
  #canary(from: UpstreamState | null): { canary?: CanaryHeader } {
    const asked = this.settings.canaryHeader;
    const c = asked === undefined ? from?.canary : asked;
    return c ? { canary: c } : {};
  }

  async #deploy(
    work: HostWork,
    release: PreparedRelease,
    bin: ReleaseBinary,
    plan: SlotPlan,
    trafficWeight: number,
  ): Promise<void> {
    const o = this.settings;
    const { target: t, status: s } = work.host;
    const r = work.record;
    const version = release.version;
    const before = upstreamOf(s);
    const unit = serviceName(t.app, "blue-green", plan.idle);
    const liveVersion = slotVersion(s, plan.live);
    r.previousVersion = liveVersion;
    const spec = t.unitSpec("blue-green");
    await stageAndCheck(o, t, release, bin, spec, plan.idle);
    let trafficChanged = false;
    work.revert = async () => {
      if (trafficChanged && before) await t.setTraffic(before);
      // The idle slot never served this run's traffic unless trafficChanged; stop it either way.
      // Not when resuming: that slot is the new one of the rollout under way, and nginx sends it
      // its share of the requests again.
      // A first deploy's slot is stopped too: nothing served before this run.
      if (!plan.resume) await t.service(unit, "stop");
      return null;
    };
    // The slot's environment: the one given; else, taking over from a live slot, that slot's
    // (its version's copy), never what the idle slot's file last held (a refused deploy's, say);
    // else its own. A given environment becomes this version's kept copy (what a rollback to it
    // restores) only once the slot is healthy, below.
    let envChanged: boolean;
    if (o.environment !== undefined) {
      envChanged = await t.writeEnvironment({ slot: plan.idle, source: "stdin" }, o.environment);
    } else if (liveVersion && !plan.resume) {
      envChanged = await t.writeEnvironment({ slot: plan.idle, version: liveVersion, source: "snapshot" });
    } else {
      envChanged = await t.writeEnvironment({ slot: plan.idle, version, source: "keep" });
    }
    const { changed: unitChanged } = await t.writeUnit(spec);
    await t.switchTo(version, plan.idle, true);
    const running = s.running[unit] ?? null;
    if (running !== version || envChanged || unitChanged || s.stale.includes(unit)) {
      say(t, `starting ${version} on idle port ${plan.idle}`);
      await t.service(unit, "restart");
    }
    r.health = await checkHealth(o, t, unit, plan.idle, version);
    await t.writeEnvironment({ slot: plan.idle, version, source: "keep" });
    const weight = plan.live === null ? 100 : trafficWeight;
    trafficChanged = true;
    const canary = this.#canary(before);
    const changed = await t.setTraffic({
      app: t.app,
      newPort: plan.idle,
      oldPort: plan.live,
      weight,
      ...canary,
    });
    say(
      t,
      `nginx: ${weight}% to port ${plan.idle} (${version})${plan.live === null ? "" : `, ${100 - weight}% to port ${plan.live} (${liveVersion})`}${headerRoute(canary, plan.live, plan.idle)}${changed ? "" : " (unchanged)"}`,
    );
    r.version = version;
    r.slot = plan.idle;
    r.weight = weight;
    r.status = "deployed";
    r.canary = {
      new: { address: `${t.spec.host}:${plan.idle}`, version },
      old:
        plan.live === null || !liveVersion
          ? null
          : { address: `${t.spec.host}:${plan.live}`, version: liveVersion },
    };
  }

  async #shift(work: HostWork, state: UpstreamState, weight: number): Promise<void> {
    const { target: t, status: s } = work.host;
    const r = work.record;
    if (state.oldPort === null && weight < 100) {
      throw new HostError(
        t.label,
        "traffic",
        `port ${state.newPort} is the only slot in nginx (already promoted): nothing to shift`,
      );
    }
    const version = slotVersion(s, state.newPort);
    if (version === null) {
      throw new HostError(
        t.label,
        "traffic",
        `nginx sends ${t.app}'s traffic to port ${state.newPort}, but no release is linked to that slot: deploy again`,
      );
    }
    const oldVersion = slotVersion(s, state.oldPort);
    // Traffic goes only to slots that answer: the new one unless it gets none, the old one unless
    // it gets none (shifting back to 0% puts every request on it).
    if (weight > 0) {
      r.health = await checkHealth(
        this.settings,
        t,
        serviceName(t.app, "blue-green", state.newPort),
        state.newPort,
        version,
      );
    }
    if (state.oldPort !== null && weight < 100) {
      r.health = await checkHealth(
        this.settings,
        t,
        serviceName(t.app, "blue-green", state.oldPort),
        state.oldPort,
        oldVersion ?? "",
      );
    }
    work.revert = async () => {
      await t.setTraffic(state);
      return null;
    };
    const canary = this.#canary(state);
    await t.setTraffic({ app: state.app, newPort: state.newPort, oldPort: state.oldPort, weight, ...canary });
    say(
      t,
      `nginx: ${weight}% to port ${state.newPort} (${version})${headerRoute(canary, state.oldPort, state.newPort)}`,
    );
    r.slot = state.newPort;
    r.weight = weight;
    r.version = version;
    r.previousVersion = oldVersion;
    r.status = "shifted";
    r.canary = {
      new: { address: `${t.spec.host}:${state.newPort}`, version },
      old:
        state.oldPort === null
          ? null
          : { address: `${t.spec.host}:${state.oldPort}`, version: oldVersion ?? "" },
    };
  }

  async #promote(work: HostWork, state: UpstreamState): Promise<void> {
    const { target: t, status: s } = work.host;
    const r = work.record;
    if (state.oldPort === null) {
      r.status = "unchanged";
      r.version = slotVersion(s, state.newPort);
      r.slot = state.newPort;
      r.weight = 100;
      say(t, `already promoted: port ${state.newPort} is the only slot`);
      return;
    }
    await this.#shift(work, state, 100);
    // The shift named both slots for canary-gate; once promoted there is no old slot to judge
    // against (canary-targets is [] after a promote, as after a rollback).
    delete r.canary;
    const oldPort = state.oldPort;
    work.revert = undefined; // once the old slot is stopped, going back is a rollback
    const { drainMs } = this.settings;
    if (drainMs > 0) await sleep(drainMs);
    // The header route goes with the old slot; the header stays in the state for the next rollout.
    await t.setTraffic({
      app: t.app,
      newPort: state.newPort,
      oldPort: null,
      weight: 100,
      ...this.#canary(state),
    });
    await t.service(serviceName(t.app, "blue-green", oldPort), "stop");
    say(t, `stopped the old slot on port ${oldPort} after draining ${Math.round(drainMs / 1000)} s`);
    r.status = "promoted";
  }

  async #rollback(work: HostWork, target: string): Promise<void> {
    const { target: t, status: s } = work.host;
    const r = work.record;
    const state = requireUpstream(work.host);
    const back = state.oldPort ?? otherPort(this.settings.ports, state.newPort);
    const unit = serviceName(t.app, "blue-green", back);
    work.revert = async () => {
      await t.setTraffic(state);
      return null;
    };
    if (slotVersion(s, back) !== target) {
      await t.switchTo(target, back);
      await t.writeEnvironment({ slot: back, version: target, source: "snapshot" });
      await t.service(unit, "restart");
    } else if (s.running[unit] !== target) {
      await t.service(unit, "restart");
    }
    r.health = await checkHealth(this.settings, t, unit, back, target);
    // Header-routed requests too go back at once: newPort is now the slot rolled back to.
    const canary = this.#canary(state);
    await t.setTraffic({ app: t.app, newPort: back, oldPort: state.newPort, weight: 100, ...canary });
    work.revert = undefined;
    if (this.settings.drainMs > 0) await sleep(this.settings.drainMs);
    await t.setTraffic({ app: t.app, newPort: back, oldPort: null, weight: 100, ...canary });
    await t.service(serviceName(t.app, "blue-green", state.newPort), "stop");
    say(t, `100% back to port ${back} (${target}); stopped port ${state.newPort}`);
    r.version = target;
    r.slot = back;
    r.weight = 100;
    r.status = "rolled-back";
  }
}

/** " ; requests with X-Canary: 1 to port 8082" while a header route exists, else "". */
function headerRoute(c: { canary?: CanaryHeader }, oldPort: number | null, newPort: number): string {
  return c.canary && oldPort !== null
    ? `; requests with ${c.canary.name}: ${c.canary.value} to port ${newPort}`
    : "";
}

/** Which slot a deploy starts the release on, which one serves now, and whether it resumes a killed run. */
export interface SlotPlan {
  idle: number;
  live: number | null;
  resume: boolean;
}

/** The blue-green state nginx holds on a host (our upstream file's first line), or null. */
export function upstreamOf(s: HostStatus): UpstreamState | null {
  return s.upstream ? parseUpstream(s.upstream) : null;
}

function requireUpstream(host: HostView): UpstreamState {
  const state = upstreamOf(host.status);
  if (!state) {
    throw new HostError(
      host.target.label,
      "probe",
      `no blue-green deploy of ${host.target.app} here (no goship upstream for nginx): deploy first`,
    );
  }
  return state;
}

/** The release a slot's link names, or null (no such slot, or no port). */
export function slotVersion(s: HostStatus, port: number | null): string | null {
  if (port === null) return null;
  return s.slots.find((x) => x.port === port)?.version ?? null;
}

/** Which slot a blue-green deploy of `version` uses on a host, or a HostError saying why it cannot. */
export function planSlots(host: HostView, ports: readonly [number, number], version: string): SlotPlan {
  const { target: t, status: s } = host;
  const state = upstreamOf(s);
  if (state && state.oldPort !== null && state.weight < 100) {
    // A run killed after it shifted part of the traffic: the same deploy again resumes it.
    if (slotVersion(s, state.newPort) === version) {
      return { idle: state.newPort, live: state.oldPort, resume: true };
    }
    throw new HostError(
      t.label,
      "probe",
      `a blue-green rollout is under way: port ${state.newPort} (${slotVersion(s, state.newPort) ?? "?"}) gets ${state.weight}% and port ${state.oldPort} the rest; finish it with mode: promote or mode: rollback first`,
    );
  }
  const live = state?.newPort ?? null;
  if (live !== null && !ports.includes(live)) {
    throw new HostError(
      t.label,
      "probe",
      `nginx sends ${t.app}'s traffic to port ${live}, which is not one of ports (${ports.join(",")})`,
    );
  }
  const idle = live === ports[0] ? ports[1] : ports[0];
  return { idle, live, resume: false };
}

/**
 * Where a rollback without rollback-to goes: the old slot's version while a rollout is under
 * way; after a promote, the version the live one replaced (from the history), else the idle slot's.
 */
export function rollbackTarget(host: HostView, ports: readonly [number, number]): string {
  const s = host.status;
  const state = requireUpstream(host);
  const old = slotVersion(s, state.oldPort ?? otherPort(ports, state.newPort));
  const fromHistory = previousFromHistory(s, slotVersion(s, state.newPort));
  const v = state.oldPort !== null ? old : (fromHistory ?? old);
  if (!v) throw noPreviousVersion(host.target.label);
  return v;
}

const otherPort = (ports: readonly [number, number], port: number) =>
  port === ports[0] ? ports[1] : ports[0];
