import { setTimeout as sleep } from "node:timers/promises";
import { errorMessage, UserError } from "../kit/errors.js";
import { fulfilled, poolSettled } from "../kit/pool.js";
import type { Strategy } from "../remote/unit.js";
import { BlueGreen } from "./blue-green.js";
import { HostError, type HostTarget, LockLostError } from "./host.js";
import { Restart } from "./restart.js";
import { say } from "./strategy.js";
import {
  DeployFailedError,
  type DeployStrategy,
  type FleetOptions,
  type FleetResult,
  type HostChange,
  type HostRecord,
  type HostWork,
  type ProbedHost,
  type Recheck,
  type StrategySettings,
} from "./types.js";

/**
 * A deploy-systemd run over a fleet: hosts in waves, at most `maxParallel` at once, and what
 * happens when one fails. Each host's own steps are in host.ts, how a release reaches its users
 * in restart.ts and blue-green.ts; this file decides order, failure policy and rollback, holds
 * the locks, and keeps the record the outputs and the summary are made from.
 *
 * The order is what makes "refused before any host changes" true: every host is connected (its
 * key checked), locked and probed, the release verified and every host's binary picked, and a
 * rollback target checked on every host, before the first step that changes anything.
 */

export function strategyFor(name: Strategy, settings: StrategySettings): DeployStrategy {
  return name === "restart" ? new Restart(settings) : new BlueGreen(settings);
}

/** What a status run "changes". */
const nothing: HostChange = async () => {};

export class Fleet {
  readonly #opts: FleetOptions;
  readonly #waves: HostTarget[][];
  readonly #strategy: DeployStrategy;
  readonly #locks: Locks;

  constructor(waves: HostTarget[][], opts: FleetOptions) {
    this.#opts = opts;
    this.#waves = waves;
    this.#strategy = strategyFor(opts.strategy, opts);
    this.#locks = new Locks(opts);
    waves.forEach((wave, w) => {
      for (const t of wave) {
        // Per-host lines carry the wave, like the fleet's own.
        t.progress = (_host, line) => opts.log.info(`[wave ${w + 1}] ${t.label}: ${line}`);
        t.beforeChange = () => this.#locks.assertHeld();
      }
    });
  }

  /** Everything before the first change: connect, lock, probe, check the change on every host. */
  async prepare(): Promise<PreparedFleet> {
    const o = this.#opts;
    const all = this.#waves.flatMap((wave, w) => wave.map((target) => ({ target, wave: w })));
    await o.log.group(
      `Connect to ${all.length} host(s) (host keys checked against known-hosts)`,
      async () => {
        // The key is checked once for the fleet (one error naming the input), then each host connects.
        for (const client of new Set(all.map(({ target }) => target.session.client))) await client.ready();
        fulfilled(await poolSettled(all, 16, ({ target }) => target.connect()));
      },
    );
    if (o.mode !== "status" && !o.dryRun) {
      await o.log.group("Take the deploy lock on every host", () =>
        this.#locks.take(all.map(({ target }) => target)),
      );
    }
    const probed = await o.log.group("Read each host's state", async () =>
      fulfilled(
        await poolSettled(all, 16, async ({ target, wave }) => {
          const host: ProbedHost = { target, status: await target.probe() };
          say(target, this.#strategy.describe(host));
          return { host, wave };
        }),
      ),
    );
    const planned = await o.log.group("Check the plan on every host before changing any", () =>
      this.#plan(probed),
    );
    return new PreparedFleet(
      o,
      this.#strategy,
      this.#waves.map((_, w) => planned.filter((p) => p.wave === w)),
      this.#locks,
    );
  }

  /** Every host's change, checked against its state; refuses the run when any host cannot take it. */
  async #plan(probed: { host: ProbedHost; wave: number }[]): Promise<Planned[]> {
    const problems: string[] = [];
    const planned: Planned[] = [];
    for (const { host, wave } of probed) {
      try {
        // A run that takes locks is refused by the lock step already; a dry run is refused here.
        if (host.status.foreign && this.#opts.mode !== "status") {
          throw new HostError(
            host.target.label,
            "probe",
            `app ${host.target.app}: ${host.status.foreign}; goship changes only what it made: choose another app name`,
          );
        }
        const change = await this.#changeFor(host);
        planned.push({ wave, change, work: { host, record: newRecord(host.target, wave) } });
      } catch (e) {
        problems.push(errorMessage(e));
      }
    }
    if (problems.length) {
      throw new UserError(
        `refused before any host changed (${problems.length} of ${probed.length} host(s)):\n  ${problems.join("\n  ")}`,
      );
    }
    return planned;
  }

  #changeFor(host: ProbedHost): Promise<HostChange> | HostChange {
    const o = this.#opts;
    const s = this.#strategy;
    switch (o.mode) {
      case "deploy":
        return s.deploy(host, o.release, o.trafficWeight);
      case "rollback":
        return s.rollback(host, o.rollbackTo);
      case "shift":
        return s.shift(host, o.trafficWeight);
      case "promote":
        return s.promote(host);
      case "status":
        return nothing;
    }
  }

  /** Releases every lock this run took; safe to call twice, and after a failed prepare(). */
  async unlock(): Promise<void> {
    await this.#locks.release();
  }
}

/** One host of a prepared run: its wave, the change checked for it, and its part of the run. */
interface Planned {
  wave: number;
  change: HostChange;
  work: HostWork;
}

function newRecord(t: HostTarget, wave: number): HostRecord {
  return {
    host: t.label,
    address: t.spec.host,
    wave: wave + 1,
    previousVersion: null,
    version: null,
    slot: null,
    weight: null,
    status: "skipped",
    health: "",
    ms: 0,
  };
}

/** The fleet once every host is connected, locked, probed and its change checked: ready to run. */
export class PreparedFleet {
  readonly #opts: FleetOptions;
  readonly #strategy: DeployStrategy;
  readonly #waves: Planned[][];
  readonly #locks: Locks;
  /** Hosts put back on an earlier version whose health is checked after the whole fleet is back. */
  readonly #reverted: { work: HostWork; check: Recheck }[] = [];
  /** Hosts this run put back after they failed themselves. */
  readonly #putBack = new Set<HostTarget>();
  /** When the first host failed (its health check, or whatever step). */
  #failedAt: number | undefined;

  constructor(opts: FleetOptions, strategy: DeployStrategy, waves: Planned[][], locks: Locks) {
    this.#opts = opts;
    this.#strategy = strategy;
    this.#waves = waves;
    this.#locks = locks;
  }

  records(): HostRecord[] {
    return this.#waves.flat().map((p) => p.work.record);
  }

  /** Runs the mode over the waves. Throws DeployFailedError (with the record) when a host failed. */
  async run(): Promise<FleetResult> {
    const o = this.#opts;
    if (o.mode === "status" || o.dryRun) return this.#report();
    const done: HostWork[] = [];
    let waveDone: HostWork[] = [];
    this.#locks.refreshWhileRunning();
    let failure: string | undefined;
    const total = this.#waves.reduce((n, wave) => n + wave.length, 0);
    let before = 0;
    for (const [w, wave] of this.#waves.entries()) {
      if (w > 0 && o.waveWaitMs > 0) {
        o.log.info(`waiting ${Math.round(o.waveWaitMs / 1000)} s (wave-wait) before wave ${w + 1}`);
        await this.#locks.wait(o.waveWaitMs);
      }
      if (this.#locks.lost) break;
      const results = await o.log.group(
        `Wave ${w + 1} of ${this.#waves.length}: ${wave.map((p) => p.work.host.target.label).join(", ")}`,
        () =>
          poolSettled(wave, o.maxParallel, async (p, i) => {
            const done = o.log.start(`[wave ${w + 1}] ${p.work.host.target.label}`, {
              index: before + i,
              total,
            });
            try {
              return await this.#runHost(p);
            } finally {
              done();
            }
          }),
      );
      before += wave.length;
      waveDone = [];
      for (const r of results) {
        if (r.status === "rejected") failure ??= errorMessage(r.reason);
        else waveDone.push(r.value);
      }
      done.push(...waveDone);
      if (failure) break;
    }
    // Checked last too: a lock lost while the last wave ran may have let another run change hosts.
    const lost = this.#locks.lost;
    if (lost) return this.#stop(lost, done);
    if (failure) return this.#fail(failure, done, waveDone);
    await this.#finish(true);
    return { hosts: this.records(), failed: false, rolledBack: false };
  }

  /** A host failed: roll back as on-failure says, confirm what was put back, unlock, throw. */
  async #fail(failure: string, done: HostWork[], waveDone: HostWork[]): Promise<never> {
    const o = this.#opts;
    const undo = o.onFailure === "rollback-fleet" ? done : o.onFailure === "rollback-wave" ? waveDone : [];
    if (undo.length) {
      await o.log.group(`Roll back ${undo.length} host(s) (on-failure: ${o.onFailure})`, () =>
        poolSettled(undo, o.maxParallel, (work) => this.#rollBack(work, `rolled back: ${failure}`)),
      );
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
      `${o.mode} failed on ${failedHosts.length} of ${this.records().length} host(s): ${failedHosts.map((r) => r.detail).join("; ")}` +
        (result.rolledBack
          ? `; rolled back ${this.records().filter((r) => r.status === "rolled-back").length} host(s) (on-failure: ${o.onFailure})`
          : ""),
      result,
    );
  }

  /**
   * A heartbeat found a lock of this run gone or another run's: that run may be changing the
   * hosts now, so this one changes nothing more, not even to roll back (the other run's work
   * would be undone). It releases the locks it still holds and fails, naming the hosts it left
   * changed.
   */
  async #stop(lost: LockLostError, done: HostWork[]): Promise<never> {
    const o = this.#opts;
    const changed = done.filter((w) => w.revert).map((w) => w.record.host);
    const result: FleetResult = {
      hosts: this.records(),
      failed: true,
      rolledBack: this.#putBack.size > 0,
      failure: lost.message,
    };
    await this.#finish(false);
    throw new DeployFailedError(
      `${o.mode} stopped before its next change: ${lost.message}. Another run may be changing these hosts: nothing was rolled back` +
        (changed.length ? `; ${changed.join(", ")} keep what this run gave them` : ""),
      result,
    );
  }

  /** A status run or a dry run: what every host serves (and, dry, what it would get). */
  #report(): FleetResult {
    const o = this.#opts;
    for (const { work } of this.#waves.flat()) {
      const r = work.record;
      const now = this.#strategy.status(work.host);
      r.status = o.dryRun ? "planned" : "status";
      r.previousVersion = now.version;
      r.version = o.dryRun && o.mode === "deploy" ? o.release.version : now.version;
      r.state = work.host.status;
      r.slot = now.slot;
      r.weight = now.weight;
      r.health = now.health;
    }
    return { hosts: this.records(), failed: false, rolledBack: false };
  }

  async #runHost({ work, change }: Planned): Promise<HostWork> {
    const o = this.#opts;
    const t = work.host.target;
    const record = work.record;
    const started = Date.now();
    record.previousVersion = this.#strategy.status(work.host).version;
    try {
      await change(work);
      record.ms = Date.now() - started;
      await this.#history(work, "success");
      say(t, `${record.status} (${record.version ?? "-"}) in ${(record.ms / 1000).toFixed(1)} s`);
      return work;
    } catch (e) {
      this.#failedAt ??= Date.now();
      record.ms = Date.now() - started;
      record.status = "failed";
      record.detail = errorMessage(e);
      say(t, `FAILED: ${record.detail}`);
      // Once a lock is lost nothing changes any more, not even to put a host back (see #stop).
      if (this.#locks.lost) throw e;
      // This host goes back at once, whatever on-failure says about the others.
      if (work.revert) {
        try {
          await this.#revert(work);
          this.#putBack.add(t);
          record.version = record.previousVersion;
          record.detail = `${record.detail}; this host was put back on ${record.previousVersion ?? "nothing (first deploy: stopped)"}`;
          say(t, `put back on ${record.previousVersion ?? "nothing"}`);
        } catch (e2) {
          record.detail = `${record.detail}; putting it back failed too: ${errorMessage(e2)}`;
          o.log.warning(`${t.label}: putting it back failed: ${errorMessage(e2)}`);
        }
      }
      await this.#history(work, "failure").catch(() => {});
      throw e;
    }
  }

  /** Undoes what the run did to a host that succeeded, because another one failed. */
  async #rollBack(work: HostWork, why: string): Promise<void> {
    const o = this.#opts;
    const t = work.host.target;
    const r = work.record;
    if (!work.revert) {
      say(t, `nothing to roll back: it served ${r.version ?? "-"} before this run too`);
      return;
    }
    try {
      const undone = r.version;
      await this.#revert(work);
      r.status = "rolled-back";
      r.detail = why;
      r.version = r.previousVersion;
      say(t, `rolled back to ${r.previousVersion ?? "nothing (first deploy: stopped)"}`);
      // The history says what runs now, so a later rollback does not take the undone version for current.
      if (r.previousVersion) {
        await t
          .record({
            actor: o.actor,
            action: "rollback",
            version: r.previousVersion,
            from: undone,
            result: "success",
            runUrl: o.runUrl,
            ...(r.slot === null ? {} : { slot: r.slot }),
            detail: why.slice(0, 2000),
          })
          .catch((e) => o.log.warning(`${t.label}: history: ${errorMessage(e)}`));
      }
    } catch (e) {
      r.status = "failed";
      r.detail = `rollback failed: ${errorMessage(e)}`;
      o.log.warning(`${t.label}: rollback failed: ${errorMessage(e)}`);
    }
  }

  /** Runs a host's revert; a unit it put back on an earlier version is checked once every host is back. */
  async #revert(work: HostWork): Promise<void> {
    const check = await work.revert?.();
    if (check) this.#reverted.push({ work, check });
  }

  /** Health of every host this run put back; a warning (and the record) for each that is not healthy. */
  async #confirmReverted(): Promise<void> {
    const o = this.#opts;
    await poolSettled(this.#reverted, 16, async ({ work, check: { unit, port, version } }) => {
      const t = work.host.target;
      const h = await t
        .waitHealthy(unit, port, o.healthPath, version, o.healthTimeoutMs)
        .catch((e): { ok: false; detail: string } => ({ ok: false, detail: errorMessage(e) }));
      work.record.health = h.ok ? `${h.detail} (${version})` : `not healthy on ${version}`;
      if (!h.ok)
        o.log.warning(`${t.label}: put back on ${version}, which is not healthy either: ${h.detail}`);
      else say(t, `healthy again on ${version}: ${h.detail}`);
    });
  }

  /** Cleanup on success, then unlock everywhere (also after a failure). */
  async #finish(success: boolean): Promise<void> {
    const o = this.#opts;
    if (success && o.mode === "deploy") {
      await poolSettled(this.#waves.flat(), o.maxParallel, async ({ work }) => {
        const t = work.host.target;
        const r = work.record;
        try {
          const removed = await t.cleanup(o.keepReleases, [r.previousVersion, r.version]);
          if (removed.length) say(t, `removed old releases: ${removed.join(", ")}`);
        } catch (e) {
          o.log.warning(`${t.label}: cleanup: ${errorMessage(e)}`);
        }
      });
    }
    await this.#locks.release();
  }

  async #history(work: HostWork, result: "success" | "failure"): Promise<void> {
    const o = this.#opts;
    const r = work.record;
    const version = o.mode === "deploy" ? o.release.version : (r.version ?? r.previousVersion);
    if (!version) return;
    try {
      await work.host.target.record({
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
      o.log.warning(`${work.host.target.label}: history: ${errorMessage(e)}`);
    }
  }
}

/**
 * The deploy locks a run holds: taken before any change, refreshed while it works (the
 * heartbeat), released at the end. A heartbeat that finds a lock gone or another run's marks the
 * run as stopped: every change after that is refused (HostTarget.beforeChange).
 */
class Locks {
  readonly #opts: FleetOptions;
  #held: HostTarget[] = [];
  #beat: NodeJS.Timeout | undefined;
  #beating: Promise<void> | undefined;
  #stopped = false;
  #lost: LockLostError | undefined;
  readonly #onLost = new AbortController();

  constructor(opts: FleetOptions) {
    this.#opts = opts;
  }

  /** The first lock a heartbeat found lost, if any. */
  get lost(): LockLostError | undefined {
    return this.#lost;
  }

  /** Throws once a lock is lost: called before every change. */
  assertHeld(): void {
    if (this.#lost) throw this.#lost;
  }

  /** Takes the lock on every host; throws the first host's failure once all have answered. */
  async take(targets: HostTarget[]): Promise<void> {
    const o = this.#opts;
    fulfilled(
      await poolSettled(targets, 16, async (t) => {
        await t.lock(o.holder, o.runUrl, o.lockTtlSec, o.lockTimeoutMs, o.log.warning);
        this.#held.push(t);
      }),
    );
  }

  /**
   * Refreshes every lock each lockHeartbeatMs while the run works, so a long wave (or wave-wait)
   * never makes it look stale to another run, and finds out when one was lost; stopped by
   * release(). lock-ttl is at least a few heartbeats (plan.ts: MIN_LOCK_TTL_MS).
   */
  refreshWhileRunning(): void {
    const o = this.#opts;
    const next = () => {
      if (this.#stopped || this.#lost) return;
      this.#beat = setTimeout(() => {
        this.#beating = this.#refresh().finally(next);
      }, o.lockHeartbeatMs);
      this.#beat.unref();
    };
    next();
  }

  async #refresh(): Promise<void> {
    const o = this.#opts;
    const held = this.#held;
    const results = await poolSettled(held, 16, (t) => t.refreshLock(o.holder, o.runUrl, o.lockTtlSec));
    if (this.#stopped) return; // released meanwhile: what the refresh saw no longer matters
    results.forEach((r, i) => {
      if (r.status === "fulfilled") return;
      if (r.reason instanceof LockLostError) {
        if (this.#lost) return;
        this.#lost = r.reason;
        o.log.warning(`${r.reason.message}: this run changes nothing more`);
        this.#onLost.abort();
      } else {
        // Another try at the next heartbeat; a lock left stale that long is what lock-ttl is for.
        o.log.warning(`${held[i]?.label}: refreshing the deploy lock: ${errorMessage(r.reason)}`);
      }
    });
  }

  /** Waits `ms`, or until a heartbeat finds a lock lost. */
  async wait(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.#onLost.signal }).catch(() => {});
  }

  /** Releases every lock taken (not one lost: it is someone else's); safe to call twice. */
  async release(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#beat);
    await this.#beating?.catch(() => {});
    const held = this.#held.filter((t) => t.label !== this.#lost?.host);
    this.#held = [];
    await poolSettled(held, 16, async (t) => {
      const problem = await t.unlock(this.#opts.holder);
      if (problem) this.#opts.log.warning(`${t.label}: ${problem}`);
    });
  }
}
