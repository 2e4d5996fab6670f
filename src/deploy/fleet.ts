import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "../kit/errors.js";
import type { HostStatus } from "../remote/steps/index.js";
import { parseUpstream, type UpstreamState } from "../remote/steps/nginx.js";
import { type Strategy, serviceName, type UnitSpec } from "../remote/unit.js";
import { HostError, type HostTarget } from "./host.js";

/**
 * A deploy-systemd run over a fleet: hosts in waves, at most `maxParallel` at once, and what
 * happens when one fails. Each host's own work is in deploy-host.ts; this file decides order,
 * failure policy and rollback, and keeps the record the outputs and the summary are made from.
 *
 * The order is what makes "refused before any host changes" true: every host is connected (its
 * key checked), locked and probed, the release verified and every host's binary picked, and a
 * rollback target checked on every host, before the first step that changes anything.
 */

export type Mode = "deploy" | "shift" | "promote" | "rollback" | "status";
export type OnFailure = "rollback-fleet" | "rollback-wave" | "stop";

export interface ReleaseBinary {
  path: string;
  sha256: string;
}

/** A release verified on the runner (signature, checksums): what hosts get. */
export interface PreparedRelease {
  version: string;
  /** The binary's file name in the release directory on the host (and in ExecStart). */
  binaryName: string;
  manifestPath: string;
  /** The binary for a host's `uname -m`, extracted and checked (throws a UserError for a platform the release lacks). */
  binaryFor(machine: string): Promise<ReleaseBinary>;
}

export interface FleetOptions {
  mode: Mode;
  strategy: Strategy;
  /** restart: the service's port. */
  port: number;
  /** blue-green: the two slots. */
  ports: readonly [number, number];
  securityThreshold: number;
  healthPath: string;
  healthTimeoutMs: number;
  waveWaitMs: number;
  maxParallel: number;
  /** blue-green: percent of traffic to the new slot. */
  trafficWeight: number;
  rollbackTo?: string;
  onFailure: OnFailure;
  keepReleases: number;
  lockTimeoutMs: number;
  lockTtlSec: number;
  /** The environment file's content, when the `environment` input was given. */
  environment?: string;
  release?: PreparedRelease;
  dryRun: boolean;
  actor: string;
  runUrl: string;
  holder: string;
  /** blue-green promote/rollback: how long the old slot keeps its connections after nginx stops sending it traffic. */
  drainMs: number;
  log: FleetLog;
}

export interface FleetLog {
  info(message: string): void;
  warning(message: string): void;
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export type HostResult =
  | "deployed"
  | "unchanged"
  | "shifted"
  | "promoted"
  | "rolled-back"
  | "failed"
  | "skipped"
  | "planned"
  | "status";

/** What happened on one host: the `hosts` output and a row of the summary. */
export interface HostRecord {
  host: string;
  address: string;
  wave: number;
  previousVersion: string | null;
  version: string | null;
  slot: number | null;
  weight: number | null;
  status: HostResult;
  health: string;
  ms: number;
  /** Why it failed, or why it was rolled back. */
  detail?: string;
  /** blue-green: the new slot and the old one, for canary-gate. */
  canary?: { new: { address: string; version: string }; old: { address: string; version: string } | null };
  /** status mode: the host's state. */
  state?: HostStatus;
}

/** How to put a host back as it was before this run, if the run changed it. */
type Revert = (why: string) => Promise<void>;

interface Work {
  target: HostTarget;
  record: HostRecord;
  revert?: Revert;
}

export interface FleetResult {
  hosts: HostRecord[];
  failed: boolean;
  rolledBack: boolean;
  /** The first failure, in words. */
  failure?: string;
  /** From the first failed health check (or other failure) to the fleet being back, in ms. */
  rollbackMs?: number;
}

export class DeployFailedError extends UserError {
  override name = "DeployFailedError";
  constructor(
    message: string,
    readonly result: FleetResult,
  ) {
    super(message);
  }
}

/** Runs `fn` over `items`, at most `limit` at once, in order of start; never rejects (errors are returned). */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<(R | Error)[]> {
  const out: (R | Error)[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      try {
        out[i] = await fn(items[i] as T);
      } catch (e) {
        out[i] = e instanceof Error ? e : new Error(String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Throws the first error of a pool's results (after all settled). */
function firstError<R>(results: (R | Error)[]): void {
  const e = results.find((r): r is Error => r instanceof Error);
  if (e) throw e;
}

/**
 * The version a host ran before `current`, from its history: the `from` of the newest
 * successful deploy that installed it. Entries whose `from` is `current` itself (a
 * run that changed nothing: an unchanged deploy, a second promote) are skipped.
 */
export function previousFromHistory(status: HostStatus, current: string | null): string | null {
  if (!current) return null;
  for (let i = status.history.length - 1; i >= 0; i--) {
    const e = status.history[i] as Record<string, unknown>;
    // Deploys only: a rollback's own entry names the version it undid, which is not "previous".
    if (
      e.action === "deploy" &&
      e.version === current &&
      (e.result === "success" || e.result === "deployed") &&
      typeof e.from === "string" &&
      e.from !== current
    ) {
      return e.from;
    }
  }
  return null;
}

export class Fleet {
  readonly #opts: FleetOptions;
  readonly #waves: HostTarget[][];
  readonly #records = new Map<HostTarget, HostRecord>();
  #locked: HostTarget[] = [];
  #beat: NodeJS.Timeout | undefined;
  /** Hosts put back on `version` whose health is checked after the whole fleet is back. */
  readonly #reverted: { t: HostTarget; unit: string; port: number; version: string }[] = [];
  /** Hosts this run put back after they failed themselves. */
  readonly #putBack = new Set<HostTarget>();
  /** When the first host failed (its health check, or whatever step). */
  #failedAt: number | undefined;

  constructor(waves: HostTarget[][], opts: FleetOptions) {
    this.#opts = opts;
    this.#waves = waves;
    waves.forEach((wave, w) => {
      for (const t of wave) {
        // Per-host lines carry the wave, like the fleet's own.
        t.progress = (_host, line) => this.#progress(t, line);
        this.#records.set(t, {
          host: t.label,
          address: t.spec.host,
          wave: w + 1,
          previousVersion: null,
          version: null,
          slot: null,
          weight: null,
          status: "skipped",
          health: "",
          ms: 0,
        });
      }
    });
  }

  get targets(): HostTarget[] {
    return this.#waves.flat();
  }

  #record(t: HostTarget): HostRecord {
    return this.#records.get(t) as HostRecord;
  }

  #progress(t: HostTarget, line: string): void {
    this.#opts.log.info(`[wave ${this.#record(t).wave}] ${t.label}: ${line}`);
  }

  /** Everything before the first change: connect, lock, probe, check the plan on every host. */
  async prepare(): Promise<void> {
    const o = this.#opts;
    const all = this.targets;
    await o.log.group(
      `Connect to ${all.length} host(s) (host keys checked against known-hosts)`,
      async () => {
        firstError(await pool(all, 16, (t) => t.connect()));
      },
    );
    const mutating = o.mode !== "status" && !o.dryRun;
    if (mutating) {
      await o.log.group("Take the deploy lock on every host", async () => {
        const results = await pool(all, 16, async (t) => {
          await t.lock(o.holder, o.runUrl, o.lockTtlSec, o.lockTimeoutMs, o.log.warning);
          this.#locked.push(t);
        });
        firstError(results);
      });
    }
    await o.log.group("Read each host's state", async () => {
      firstError(
        await pool(all, 16, async (t) => {
          const s = await t.probe();
          this.#progress(t, describeState(s, o.strategy));
        }),
      );
    });
    await o.log.group("Check the plan on every host before changing any", () => this.#checkPlan());
  }

  async #checkPlan(): Promise<void> {
    const o = this.#opts;
    const problems: string[] = [];
    for (const t of this.targets) {
      const s = t.status as HostStatus;
      try {
        if (o.mode === "deploy") {
          const release = o.release as PreparedRelease;
          const bin = await release.binaryFor(s.machine);
          this.#progress(t, `${s.machine}: will get ${release.version} (sha256 ${bin.sha256.slice(0, 12)}…)`);
          if (o.strategy === "blue-green") this.#blueGreenPlan(t);
        } else if (o.mode === "rollback") {
          const target = this.#rollbackTarget(t);
          if (!s.releases.includes(target)) {
            throw new HostError(
              t.label,
              "probe",
              `release ${target} is not installed there (installed: ${s.releases.join(", ") || "none"})`,
            );
          }
          this.#progress(t, `will roll back to ${target}`);
        } else if (o.mode === "shift" || o.mode === "promote") {
          this.#upstream(t, true);
        }
      } catch (e) {
        problems.push(message(e));
      }
    }
    if (problems.length) {
      throw new UserError(
        `refused before any host changed (${problems.length} of ${this.targets.length} host(s)):\n  ${problems.join("\n  ")}`,
      );
    }
  }

  /** The blue-green state nginx holds on a host (our upstream file's first line). */
  #upstream(t: HostTarget, required: boolean): UpstreamState | null {
    const line = (t.status as HostStatus).upstream;
    const state = line ? parseUpstream(line) : null;
    if (!state && required) {
      throw new HostError(
        t.label,
        "probe",
        `no blue-green deploy of ${t.app} here (no goship upstream for nginx): deploy first`,
      );
    }
    return state;
  }

  #slotVersion(t: HostTarget, port: number | null): string | null {
    if (port === null) return null;
    return (t.status as HostStatus).slots.find((s) => s.port === port)?.version ?? null;
  }

  /** Which slot a blue-green deploy uses on a host, or why it cannot. */
  #blueGreenPlan(t: HostTarget): { idle: number; live: number | null; resume: boolean } {
    const o = this.#opts;
    const state = this.#upstream(t, false);
    const version = (o.release as PreparedRelease).version;
    if (state && state.oldPort !== null && state.weight < 100) {
      // A run killed after it shifted part of the traffic: the same deploy again resumes it.
      if (this.#slotVersion(t, state.newPort) === version) {
        return { idle: state.newPort, live: state.oldPort, resume: true };
      }
      throw new HostError(
        t.label,
        "probe",
        `a blue-green rollout is under way: port ${state.newPort} (${this.#slotVersion(t, state.newPort) ?? "?"}) gets ${state.weight}% and port ${state.oldPort} the rest; finish it with mode: promote or mode: rollback first`,
      );
    }
    const live = state?.newPort ?? null;
    if (live !== null && !o.ports.includes(live)) {
      throw new HostError(
        t.label,
        "probe",
        `nginx sends ${t.app}'s traffic to port ${live}, which is not one of ports (${o.ports.join(",")})`,
      );
    }
    const idle = live === o.ports[0] ? o.ports[1] : o.ports[0];
    return { idle, live, resume: false };
  }

  #rollbackTarget(t: HostTarget): string {
    const o = this.#opts;
    if (o.rollbackTo) return o.rollbackTo;
    const s = t.status as HostStatus;
    if (o.strategy === "blue-green") {
      const state = this.#upstream(t, true) as UpstreamState;
      const old = this.#slotVersion(t, state.oldPort ?? otherPort(o.ports, state.newPort));
      const fromHistory = previousFromHistory(s, this.#slotVersion(t, state.newPort));
      const v = state.oldPort !== null ? old : (fromHistory ?? old);
      if (v) return v;
    } else {
      const v = previousFromHistory(s, s.current);
      if (v) return v;
    }
    throw new HostError(t.label, "probe", "its history names no previous version: give rollback-to");
  }

  /** Runs the mode over the waves. Throws DeployFailedError (with the record) when a host failed. */
  async run(): Promise<FleetResult> {
    const o = this.#opts;
    if (o.mode === "status" || o.dryRun) {
      for (const t of this.targets) {
        const r = this.#record(t);
        const s = t.status as HostStatus;
        r.status = o.dryRun ? "planned" : "status";
        r.previousVersion = this.#servingVersion(t);
        r.version = o.dryRun && o.mode === "deploy" ? (o.release?.version ?? null) : r.previousVersion;
        r.state = s;
        const state = o.strategy === "blue-green" ? this.#upstream(t, false) : null;
        if (state) {
          r.slot = state.newPort;
          r.weight = state.weight;
        }
        r.health =
          o.strategy === "restart" ? s.unitState : s.slots.map((x) => `${x.port}:${x.state}`).join(" ");
      }
      return { hosts: this.records(), failed: false, rolledBack: false };
    }
    const done: Work[] = [];
    // The lock's time is refreshed while the run works, so a long wave (or wave-wait) never
    // makes it look stale to another run; stopped by unlock().
    this.#beat = setInterval(
      () => {
        this.#heartbeat(this.#locked).catch((e) =>
          o.log.warning(`refreshing the deploy lock: ${message(e)}`),
        );
      },
      Math.max(5000, (o.lockTtlSec * 1000) / 3),
    );
    this.#beat.unref();
    let failure: string | undefined;
    for (const [w, wave] of this.#waves.entries()) {
      if (w > 0 && o.waveWaitMs > 0) {
        o.log.info(`waiting ${Math.round(o.waveWaitMs / 1000)} s (wave-wait) before wave ${w + 1}`);
        await sleep(o.waveWaitMs);
      }
      const results = await o.log.group(
        `Wave ${w + 1} of ${this.#waves.length}: ${wave.map((t) => t.label).join(", ")}`,
        () => pool(wave, o.maxParallel, (t) => this.#runHost(t)),
      );
      const waveDone: Work[] = [];
      for (const r of results) {
        if (r instanceof Error) failure ??= message(r);
        else waveDone.push(r);
      }
      done.push(...waveDone);
      if (failure) {
        const undo =
          o.onFailure === "rollback-fleet" ? done : o.onFailure === "rollback-wave" ? waveDone : [];
        if (undo.length) {
          await o.log.group(`Roll back ${undo.length} host(s) (on-failure: ${o.onFailure})`, async () => {
            await pool(undo, o.maxParallel, async (work) => {
              const why = `rolled back: ${failure}`;
              if (!work.revert) {
                this.#progress(
                  work.target,
                  `nothing to roll back: it served ${work.record.version ?? "-"} before this run too`,
                );
                return;
              }
              try {
                const undone = work.record.version;
                await work.revert(why);
                work.record.status = "rolled-back";
                work.record.detail = why;
                work.record.version = work.record.previousVersion;
                this.#progress(
                  work.target,
                  `rolled back to ${work.record.previousVersion ?? "nothing (first deploy: stopped)"}`,
                );
                // The history says what runs now, so a later rollback does not take the undone version for current.
                if (work.record.previousVersion) {
                  await work.target
                    .record({
                      actor: o.actor,
                      action: "rollback",
                      version: work.record.previousVersion,
                      from: undone,
                      result: "success",
                      runUrl: o.runUrl,
                      ...(work.record.slot === null ? {} : { slot: work.record.slot }),
                      detail: why.slice(0, 2000),
                    })
                    .catch((e) => o.log.warning(`${work.target.label}: history: ${message(e)}`));
                }
              } catch (e) {
                work.record.status = "failed";
                work.record.detail = `rollback failed: ${message(e)}`;
                o.log.warning(`${work.target.label}: rollback failed: ${message(e)}`);
              }
            });
          });
        }
        const rollbackMs = this.#failedAt === undefined ? undefined : Date.now() - this.#failedAt;
        await this.#confirmReverted();
        const result: FleetResult = {
          hosts: this.records(),
          failed: true,
          rolledBack: this.#putBack.size > 0 || this.records().some((r) => r.status === "rolled-back"),
          failure,
          rollbackMs,
        };
        await this.#finish(false);
        const failedHosts = this.records().filter((r) => r.status === "failed");
        // Each detail starts with its host.
        throw new DeployFailedError(
          `${o.mode} failed on ${failedHosts.length} of ${this.targets.length} host(s): ${failedHosts.map((r) => r.detail).join("; ")}` +
            (result.rolledBack
              ? `; rolled back ${this.records().filter((r) => r.status === "rolled-back").length} host(s) (on-failure: ${o.onFailure})`
              : ""),
          result,
        );
      }
    }
    await this.#finish(true);
    return { hosts: this.records(), failed: false, rolledBack: false };
  }

  /** Health of every host this run put back; a warning (and the record) for each that is not healthy. */
  async #confirmReverted(): Promise<void> {
    const o = this.#opts;
    await pool(this.#reverted, 16, async ({ t, unit, port, version }) => {
      const h = await t
        .waitHealthy(unit, port, o.healthPath, version, o.healthTimeoutMs)
        .catch((e): { ok: false; detail: string } => ({ ok: false, detail: message(e) }));
      this.#record(t).health = h.ok ? `${h.detail} (${version})` : `not healthy on ${version}`;
      if (!h.ok)
        o.log.warning(`${t.label}: put back on ${version}, which is not healthy either: ${h.detail}`);
      else this.#progress(t, `healthy again on ${version}: ${h.detail}`);
    });
  }

  records(): HostRecord[] {
    return this.targets.map((t) => this.#record(t));
  }

  /** Refreshes our locks (a long rollout must not look stale to another run). */
  async #heartbeat(targets: HostTarget[]): Promise<void> {
    const o = this.#opts;
    firstError(
      await pool(targets, 16, (t) =>
        t.lock(o.holder, o.runUrl, o.lockTtlSec, o.lockTimeoutMs, o.log.warning),
      ),
    );
  }

  /** Cleanup on success, then unlock everywhere (also after a failure). */
  async #finish(success: boolean): Promise<void> {
    const o = this.#opts;
    if (success && o.mode === "deploy") {
      await pool(this.targets, o.maxParallel, async (t) => {
        const r = this.#record(t);
        try {
          const removed = await t.cleanup(o.keepReleases, [r.previousVersion, r.version]);
          if (removed.length) this.#progress(t, `removed old releases: ${removed.join(", ")}`);
        } catch (e) {
          o.log.warning(`${t.label}: cleanup: ${message(e)}`);
        }
      });
    }
    await this.unlock();
  }

  /** Releases every lock this run took; safe to call twice. */
  async unlock(): Promise<void> {
    clearInterval(this.#beat);
    const locked = this.#locked;
    this.#locked = [];
    await pool(locked, 16, async (t) => {
      const problem = await t.unlock(this.#opts.holder);
      if (problem) this.#opts.log.warning(`${t.label}: ${problem}`);
    });
  }

  /** The version serving on a host now (restart: what the unit runs; blue-green: the live slot's). */
  #servingVersion(t: HostTarget): string | null {
    const s = t.status as HostStatus;
    if (this.#opts.strategy === "restart") return s.running[`${t.app}.service`] ?? s.current;
    const state = this.#upstream(t, false);
    return state ? this.#slotVersion(t, state.newPort) : null;
  }

  async #runHost(t: HostTarget): Promise<Work> {
    const o = this.#opts;
    const record = this.#record(t);
    const started = Date.now();
    const work: Work = { target: t, record };
    record.previousVersion = this.#servingVersion(t);
    try {
      if (o.mode === "deploy") {
        if (o.strategy === "restart") await this.#deployRestart(work);
        else await this.#deployBlueGreen(work);
      } else if (o.mode === "rollback") {
        if (o.strategy === "restart") await this.#rollbackRestart(work);
        else await this.#rollbackBlueGreen(work);
      } else if (o.mode === "shift") {
        await this.#shift(work, o.trafficWeight);
      } else if (o.mode === "promote") {
        await this.#promote(work);
      }
      record.ms = Date.now() - started;
      await this.#history(work, "success");
      this.#progress(t, `${record.status} (${record.version ?? "-"}) in ${(record.ms / 1000).toFixed(1)} s`);
      return work;
    } catch (e) {
      this.#failedAt ??= Date.now();
      record.ms = Date.now() - started;
      record.status = "failed";
      record.detail = message(e);
      this.#progress(t, `FAILED: ${record.detail}`);
      // This host goes back at once, whatever on-failure says about the others.
      if (work.revert) {
        try {
          await work.revert(record.detail);
          this.#putBack.add(t);
          record.version = record.previousVersion;
          record.detail = `${record.detail}; this host was put back on ${record.previousVersion ?? "nothing (first deploy: stopped)"}`;
          this.#progress(t, `put back on ${record.previousVersion ?? "nothing"}`);
        } catch (e2) {
          record.detail = `${record.detail}; putting it back failed too: ${message(e2)}`;
          o.log.warning(`${t.label}: putting it back failed: ${message(e2)}`);
        }
      }
      await this.#history(work, "failure").catch(() => {});
      throw e;
    }
  }

  async #history(work: Work, result: "success" | "failure"): Promise<void> {
    const o = this.#opts;
    const r = work.record;
    const version =
      o.mode === "deploy" ? (o.release as PreparedRelease).version : (r.version ?? r.previousVersion);
    if (!version) return;
    try {
      await work.target.record({
        actor: o.actor,
        action: o.mode,
        version,
        from: r.previousVersion,
        result: result === "success" ? "success" : work.revert ? "rolled-back" : "failure",
        runUrl: o.runUrl,
        ...(r.slot === null ? {} : { slot: r.slot }),
        ...(r.detail ? { detail: r.detail.slice(0, 2000) } : {}),
      });
    } catch (e) {
      o.log.warning(`${work.target.label}: history: ${message(e)}`);
    }
  }

  async #health(t: HostTarget, unit: string, port: number, version: string): Promise<string> {
    const o = this.#opts;
    const h = await t.waitHealthy(unit, port, o.healthPath, version, o.healthTimeoutMs);
    if (!h.ok) throw new HostError(t.label, "health", h.detail);
    this.#progress(t, `healthy: ${h.detail} (${o.healthPath} on port ${port})`);
    return h.detail;
  }

  /**
   * Installs the release on the host (verified there) and checks the unit that will run it
   * (systemd-analyze verify and security): nothing that serves has changed yet.
   */
  async #stageAndCheck(t: HostTarget, spec: UnitSpec, port?: number): Promise<void> {
    const o = this.#opts;
    const release = o.release as PreparedRelease;
    const bin = await release.binaryFor((t.status as HostStatus).machine);
    this.#progress(t, await t.stage(release.version, bin.path, bin.sha256, release.manifestPath));
    const report = await t.analyze(spec, release.version, o.securityThreshold, port);
    this.#progress(
      t,
      `systemd-analyze: verify passed, exposure ${report.exposure.toFixed(1)} ${report.rating}`,
    );
  }

  // ─── restart ───────────────────────────────────────────────────────────────────────

  async #deployRestart(work: Work): Promise<void> {
    const o = this.#opts;
    const t = work.target;
    const r = work.record;
    const s = t.status as HostStatus;
    const release = o.release as PreparedRelease;
    const version = release.version;
    const unit = `${t.app}.service`;
    const spec = t.unitSpec("restart", o.port);
    await this.#stageAndCheck(t, spec);
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
            // Checked once every host is back (#confirmReverted), not here: one host that cannot
            // get healthy with any version must not hold up putting the others back.
            this.#reverted.push({ t, unit, port: o.port, version: previous });
          } else {
            await t.service(unit, "stop");
          }
        };
    // A given environment becomes this version's kept copy only once it proved healthy (below),
    // so a refused one is never what a later rollback to this version restores.
    const envChanged =
      o.environment === undefined
        ? await t.writeEnvironment({ version, source: "keep" })
        : await t.writeEnvironment({ source: "stdin" }, o.environment);
    const { changed: unitChanged, reloaded } = await t.writeUnit(spec);
    this.#progress(
      t,
      `environment ${envChanged ? "written" : "unchanged"}, ${unit} ${unitChanged ? "written" : "unchanged"}, systemd ${reloaded ? "reloaded" : "up to date"}`,
    );
    await t.switchTo(version);
    const running = s.running[unit] ?? null;
    // stale: the unit or environment on disk is newer than the process (a killed run wrote them).
    const stale = s.stale.includes(unit);
    if (running !== version || envChanged || unitChanged || stale || s.unitState !== "active") {
      this.#progress(t, `switched to ${version}, restarting ${unit}`);
      await t.service(unit, "restart");
      r.status = "deployed";
    } else {
      this.#progress(t, `${version} already runs with this unit and environment`);
      r.status = "unchanged";
    }
    r.health = await this.#health(t, unit, o.port, version);
    if (o.environment !== undefined) await t.writeEnvironment({ version, source: "keep" });
    r.version = version;
  }

  async #rollbackRestart(work: Work): Promise<void> {
    const o = this.#opts;
    const t = work.target;
    const r = work.record;
    const target = this.#rollbackTarget(t);
    const unit = `${t.app}.service`;
    const before = r.previousVersion;
    work.revert = async () => {
      if (!before || before === target) return;
      await t.switchTo(before);
      await t.writeEnvironment({ version: before, source: "snapshot" });
      await t.service(unit, "restart");
    };
    await t.switchTo(target);
    await t.writeEnvironment({ version: target, source: "snapshot" });
    await t.service(unit, "restart");
    r.health = await this.#health(t, unit, o.port, target);
    r.version = target;
    r.status = "rolled-back";
  }

  // ─── blue-green ────────────────────────────────────────────────────────────────────

  async #deployBlueGreen(work: Work): Promise<void> {
    const o = this.#opts;
    const t = work.target;
    const r = work.record;
    const s = t.status as HostStatus;
    const release = o.release as PreparedRelease;
    const version = release.version;
    const plan = this.#blueGreenPlan(t);
    const before = this.#upstream(t, false);
    const unit = serviceName(t.app, "blue-green", plan.idle);
    const liveVersion = this.#slotVersion(t, plan.live);
    r.previousVersion = liveVersion;
    const spec = t.unitSpec("blue-green");
    await this.#stageAndCheck(t, spec, plan.idle);
    let trafficChanged = false;
    work.revert = async () => {
      if (trafficChanged && before) await t.setTraffic(before);
      // The idle slot never served this run's traffic unless trafficChanged; stop it either way.
      // Not when resuming: that slot is the new one of the rollout under way, and nginx sends it
      // its share of the requests again.
      // A first deploy's slot is stopped too: nothing served before this run.
      if (!plan.resume) await t.service(unit, "stop");
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
    await t.switchTo(version, plan.idle);
    const running = s.running[unit] ?? null;
    if (running !== version || envChanged || unitChanged || s.stale.includes(unit)) {
      this.#progress(t, `starting ${version} on idle port ${plan.idle}`);
      await t.service(unit, "restart");
    }
    r.health = await this.#health(t, unit, plan.idle, version);
    await t.writeEnvironment({ slot: plan.idle, version, source: "keep" });
    const weight = plan.live === null ? 100 : o.trafficWeight;
    trafficChanged = true;
    const changed = await t.setTraffic({ app: t.app, newPort: plan.idle, oldPort: plan.live, weight });
    this.#progress(
      t,
      `nginx: ${weight}% to port ${plan.idle} (${version})${plan.live === null ? "" : `, ${100 - weight}% to port ${plan.live} (${liveVersion})`}${changed ? "" : " (unchanged)"}`,
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

  async #shift(work: Work, weight: number): Promise<void> {
    const t = work.target;
    const r = work.record;
    const state = this.#upstream(t, true) as UpstreamState;
    if (state.oldPort === null && weight < 100) {
      throw new HostError(
        t.label,
        "traffic",
        `port ${state.newPort} is the only slot in nginx (already promoted): nothing to shift`,
      );
    }
    const version = this.#slotVersion(t, state.newPort) as string;
    // Traffic goes only to slots that answer: the new one unless it gets none, the old one unless
    // it gets none (shifting back to 0% puts every request on it).
    if (weight > 0) {
      r.health = await this.#health(
        t,
        serviceName(t.app, "blue-green", state.newPort),
        state.newPort,
        version,
      );
    }
    if (state.oldPort !== null && weight < 100) {
      r.health = await this.#health(
        t,
        serviceName(t.app, "blue-green", state.oldPort),
        state.oldPort,
        this.#slotVersion(t, state.oldPort) ?? "",
      );
    }
    work.revert = async () => {
      await t.setTraffic(state);
    };
    await t.setTraffic({ ...state, weight });
    this.#progress(t, `nginx: ${weight}% to port ${state.newPort} (${version})`);
    r.slot = state.newPort;
    r.weight = weight;
    r.version = version;
    r.previousVersion = this.#slotVersion(t, state.oldPort);
    r.status = "shifted";
    r.canary = {
      new: { address: `${t.spec.host}:${state.newPort}`, version },
      old:
        state.oldPort === null
          ? null
          : {
              address: `${t.spec.host}:${state.oldPort}`,
              version: this.#slotVersion(t, state.oldPort) ?? "",
            },
    };
  }

  async #promote(work: Work): Promise<void> {
    const o = this.#opts;
    const t = work.target;
    const state = this.#upstream(t, true) as UpstreamState;
    if (state.oldPort === null) {
      work.record.status = "unchanged";
      work.record.version = this.#slotVersion(t, state.newPort);
      work.record.slot = state.newPort;
      work.record.weight = 100;
      this.#progress(t, `already promoted: port ${state.newPort} is the only slot`);
      return;
    }
    await this.#shift(work, 100);
    const oldPort = state.oldPort;
    work.revert = undefined; // once the old slot is stopped, going back is a rollback
    if (o.drainMs > 0) await sleep(o.drainMs);
    await t.setTraffic({ app: t.app, newPort: state.newPort, oldPort: null, weight: 100 });
    await t.service(serviceName(t.app, "blue-green", oldPort), "stop");
    this.#progress(
      t,
      `stopped the old slot on port ${oldPort} after draining ${Math.round(o.drainMs / 1000)} s`,
    );
    work.record.status = "promoted";
  }

  async #rollbackBlueGreen(work: Work): Promise<void> {
    const o = this.#opts;
    const t = work.target;
    const r = work.record;
    const s = t.status as HostStatus;
    const state = this.#upstream(t, true) as UpstreamState;
    const target = this.#rollbackTarget(t);
    const back = state.oldPort ?? otherPort(o.ports, state.newPort);
    const unit = serviceName(t.app, "blue-green", back);
    work.revert = async () => {
      await t.setTraffic(state);
    };
    if (this.#slotVersion(t, back) !== target) {
      await t.switchTo(target, back);
      await t.writeEnvironment({ slot: back, version: target, source: "snapshot" });
      await t.service(unit, "restart");
    } else if (s.running[unit] !== target) {
      await t.service(unit, "restart");
    }
    r.health = await this.#health(t, unit, back, target);
    await t.setTraffic({ app: t.app, newPort: back, oldPort: state.newPort, weight: 100 });
    work.revert = undefined;
    if (o.drainMs > 0) await sleep(o.drainMs);
    await t.setTraffic({ app: t.app, newPort: back, oldPort: null, weight: 100 });
    await t.service(serviceName(t.app, "blue-green", state.newPort), "stop");
    this.#progress(t, `100% back to port ${back} (${target}); stopped port ${state.newPort}`);
    r.version = target;
    r.slot = back;
    r.weight = 100;
    r.status = "rolled-back";
  }
}

const otherPort = (ports: readonly [number, number], port: number) =>
  port === ports[0] ? ports[1] : ports[0];

/** One line of what a host runs, for the log. */
function describeState(s: HostStatus, strategy: Strategy): string {
  const parts = [s.machine || "?"];
  if (strategy === "restart") parts.push(`current ${s.current ?? "none"}, unit ${s.unitState}`);
  else
    parts.push(
      s.slots.length
        ? s.slots.map((x) => `slot ${x.port} ${x.version ?? "-"} ${x.state}`).join(", ")
        : "no slots",
    );
  if (s.upstream) parts.push(s.upstream.replace(/^#\s*/, ""));
  if (s.releases.length) parts.push(`${s.releases.length} release(s)`);
  return parts.join("; ");
}
