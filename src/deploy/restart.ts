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
 * The restart strategy: one unit, `<app>.service` on one port, restarted on the new release.
 * There is no traffic to move: shift and promote are blue-green's.
 */
export class Restart implements DeployStrategy {
  readonly name = "restart";

  constructor(private readonly settings: StrategySettings) {}

  describe({ status: s }: HostView): string {
    return describeState(s, `current ${s.current ?? "none"}, unit ${s.unitState}`);
  }

  status({ target, status }: HostView): Serving {
    return {
      version: status.running[`${target.app}.service`] ?? status.current,
      slot: null,
      weight: null,
      health: status.unitState,
    };
  }

  async deploy(host: ProbedHost, release: PreparedRelease): Promise<HostChange> {
    const bin = await binaryFor(host, release);
    return (work) => this.#deploy(work, release, bin);
  }

  shift(host: ProbedHost): HostChange {
    throw trafficIsBlueGreen(host, "shift");
  }

  promote(host: ProbedHost): HostChange {
    throw trafficIsBlueGreen(host, "promote");
  }

  rollback(host: ProbedHost, to: string | undefined): HostChange {
    const target = to || rollbackTarget(host);
    checkRollback(host, target);
    return (work) => this.#rollback(work, target);
  }

  async #deploy(work: HostWork, release: PreparedRelease, bin: ReleaseBinary): Promise<void> {
    const o = this.settings;
    const { target: t, status: s } = work.host;
    const r = work.record;
    const version = release.version;
    const unit = `${t.app}.service`;
    const spec = t.unitSpec("restart", o.port);
    await stageAndCheck(o, t, release, bin, spec);
    // What served before this run is what a rollback restores. A host that already served this
    // version (a re-run after a kill, say) has nothing to go back to from this run.
    const previous = r.previousVersion;
    const alreadyServing = previous === version;
    // From here on the host changes: if anything fails, put the previous release back.
    work.revert = alreadyServing
      ? undefined
      : async () => {
          if (previous) {
            await t.switchTo(previous);
            await t.writeEnvironment({ version: previous, source: "snapshot" });
            await t.service(unit, "restart");
            // Checked once every host is back, not here: one host that cannot get healthy with
            // any version must not hold up putting the others back.
            return { unit, port: o.port, version: previous };
          }
          await t.service(unit, "stop");
          return null;
        };
    // A given environment becomes this version's kept copy only once it proved healthy (below),
    // so a refused one is never what a later rollback to this version restores.
    const envChanged =
      o.environment === undefined
        ? await t.writeEnvironment({ version, source: "keep" })
        : await t.writeEnvironment({ source: "stdin" }, o.environment);
    const { changed: unitChanged, reloaded } = await t.writeUnit(spec);
    say(
      t,
      `environment ${envChanged ? "written" : "unchanged"}, ${unit} ${unitChanged ? "written" : "unchanged"}, systemd ${reloaded ? "reloaded" : "up to date"}`,
    );
    await t.switchTo(version, undefined, true);
    const running = s.running[unit] ?? null;
    // stale: the unit or environment on disk is newer than the process (a killed run wrote them).
    const stale = s.stale.includes(unit);
    if (running !== version || envChanged || unitChanged || stale || s.unitState !== "active") {
      say(t, `switched to ${version}, restarting ${unit}`);
      await t.service(unit, "restart");
      r.status = "deployed";
    } else {
      say(t, `${version} already runs with this unit and environment`);
      r.status = "unchanged";
    }
    r.health = await checkHealth(o, t, unit, o.port, version);
    if (o.environment !== undefined) await t.writeEnvironment({ version, source: "keep" });
    r.version = version;
  }

  async #rollback(work: HostWork, target: string): Promise<void> {
    const t = work.host.target;
    const r = work.record;
    const unit = `${t.app}.service`;
    const before = r.previousVersion;
    // The switch checks the target's binary against the sha256 recorded at its install: refused,
    // nothing changed, and there is nothing to put back.
    await t.switchTo(target);
    work.revert = async () => {
      if (before && before !== target) {
        await t.switchTo(before);
        await t.writeEnvironment({ version: before, source: "snapshot" });
        await t.service(unit, "restart");
      }
      return null;
    };
    await t.writeEnvironment({ version: target, source: "snapshot" });
    await t.service(unit, "restart");
    r.health = await checkHealth(this.settings, t, unit, this.settings.port, target);
    r.version = target;
    r.status = "rolled-back";
  }
}

/** Where a rollback without rollback-to goes: the version the host ran before its current one. */
export function rollbackTarget(host: HostView): string {
  const s = host.status;
  const v = previousFromHistory(s, s.current);
  if (!v) throw noPreviousVersion(host.target.label);
  return v;
}

function trafficIsBlueGreen(host: ProbedHost, mode: "shift" | "promote"): HostError {
  return new HostError(
    host.target.label,
    "traffic",
    `${mode} moves blue-green traffic; the restart strategy sends every request to its one unit`,
  );
}
