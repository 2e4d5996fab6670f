import { setTimeout as sleep } from "node:timers/promises";
import { errorMessage, UserError } from "../kit/errors.js";
import { debug, untrusted } from "../kit/log.js";
import { formatHostSpec, type HostSpec } from "../remote/hosts-spec.js";
import { incomingFiles, releaseDir } from "../remote/layout.js";
import type { SshSession, StepResult } from "../remote/ssh.js";
import {
  analyzeUnitStep,
  cleanupStep,
  describeStepFailure,
  type HistoryEntry,
  type HostStatus,
  lockStep,
  outputValue,
  parseLockOutcome,
  parseStatus,
  parseUnitState,
  type RemoteStep,
  recordHistoryStep,
  serviceStep,
  stageReleaseStep,
  statusStep,
  switchStep,
  type UnitState,
  unitStateStep,
  unlockStep,
  type WriteEnvParams,
  writeEnvStep,
  writeUnitStep,
} from "../remote/steps/index.js";
import {
  parseUpstreamWrite,
  renderUpstream,
  type UpstreamState,
  type UpstreamWrite,
  writeUpstreamStep,
} from "../remote/steps/nginx.js";
import { type Hardening, renderUnit, type Strategy, serviceName, type UnitSpec } from "../remote/unit.js";
import { checkSecurity, parseSecurityReport, type SecurityReport } from "../remote/unit-security.js";

/**
 * One host of a deploy: the remote steps in the order a deploy, a rollback or a traffic change
 * needs them, over one SSH session. Nothing here decides what to do on failure: that is the
 * fleet's (fleet.ts) to say. Every method either completes or throws a HostError naming the
 * host, the phase and the reason.
 */

export type Phase =
  | "connect"
  | "lock"
  | "probe"
  | "upload"
  | "stage"
  | "analyze"
  | "environment"
  | "unit"
  | "switch"
  | "restart"
  | "health"
  | "traffic"
  | "stop"
  | "history"
  | "cleanup"
  | "unlock";

/** A host failed at `phase`; the message names the host and says why. */
export class HostError extends UserError {
  override name = "HostError";
  constructor(
    readonly host: string,
    readonly phase: Phase,
    readonly reason: string,
  ) {
    super(`${host}: ${phase}: ${reason}`);
  }
}

/**
 * The run's deploy lock on a host is gone or another run's (its heartbeat found it): the run may
 * not change anything any more, on any host.
 */
export class LockLostError extends HostError {
  override name = "LockLostError";
  constructor(host: string, reason: string) {
    super(host, "lock", reason);
  }
}

/** What every unit of this app looks like, but for the port (restart) and the check copy's ExecStart. */
export interface UnitSettings {
  app: string;
  binaryName: string;
  args: readonly string[];
  hardening: Hardening;
  stopTimeoutSec: number;
  startLimit: { intervalSec: number; burst: number };
}

export interface HealthResult {
  ok: boolean;
  /** What was seen last, in words: "200 in 12 ms", "503", "connection refused", "unit failed". */
  detail: string;
  ms: number;
}

/** How a progress line is printed (the fleet adds the wave and the time). */
export type Progress = (host: string, message: string) => void;

export class HostTarget {
  readonly label: string;
  status: HostStatus | undefined;
  /** Where progress lines go; the fleet sets it (its lines carry the wave). */
  progress: Progress = () => {};
  /**
   * Called before every step that changes the host (and before an upload): throws to stop the
   * change. The fleet sets it to refuse every change once a lock of the run is lost.
   */
  beforeChange: () => void = () => {};

  constructor(
    readonly spec: HostSpec,
    readonly session: SshSession,
    readonly settings: UnitSettings,
    private readonly sudo: boolean,
  ) {
    this.label = formatHostSpec(spec);
  }

  get app(): string {
    return this.settings.app;
  }

  /** Runs a step as root (sudo unless become: none); a failure becomes a HostError for `phase`. */
  async step<P>(
    phase: Phase,
    step: RemoteStep<P>,
    params: P,
    opts: { stdin?: string; allowFailure?: boolean; timeoutMs?: number } = {},
  ): Promise<StepResult> {
    const args = step.args(params);
    if (step.changes) this.beforeChange();
    let r: StepResult;
    try {
      r = await this.session.run(step, args, {
        sudo: this.sudo,
        stdin: step.stdin ? (opts.stdin ?? "") : undefined,
        allowFailure: true,
        timeoutMs: opts.timeoutMs,
      });
    } catch (e) {
      throw new HostError(this.label, phase, errorMessage(e));
    }
    debug(`${this.label}: step ${step.name} exited ${r.code} in ${Math.round(r.durationMs)} ms`);
    if (r.code !== 0 && /sudo: (a password is required|a terminal is required)/.test(r.stderr)) {
      throw new HostError(
        this.label,
        phase,
        `sudo asks ${this.spec.user} for a password: give ${this.spec.user} passwordless sudo on the host (README: host prerequisites), or log in as root with become: none`,
      );
    }
    if (r.code !== 0 && !opts.allowFailure) {
      throw new HostError(this.label, phase, describeStepFailure(step.name, r.code, r.stderr));
    }
    return r;
  }

  async connect(): Promise<void> {
    try {
      await this.session.open();
    } catch (e) {
      throw new HostError(this.label, "connect", errorMessage(e));
    }
  }

  async probe(historyLines = 20): Promise<HostStatus> {
    const r = await this.step("probe", statusStep, { app: this.app, historyLines });
    this.status = parseStatus(r.stdout);
    return this.status;
  }

  /**
   * Takes the deploy lock, waiting while another run holds it (printing who, once), up to
   * `timeoutMs`. A lock older than `ttlSeconds` is taken over with a warning.
   */
  async lock(
    holder: string,
    runUrl: string,
    ttlSeconds: number,
    timeoutMs: number,
    warn: (m: string) => void,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let told = "";
    for (;;) {
      const r = await this.step(
        "lock",
        lockStep,
        { app: this.app, holder, runUrl, ttlSeconds },
        {
          allowFailure: true,
        },
      );
      let outcome: ReturnType<typeof parseLockOutcome>;
      try {
        outcome = parseLockOutcome(r);
      } catch (e) {
        throw new HostError(this.label, "lock", errorMessage(e));
      }
      if (outcome.acquired) {
        if (outcome.warning) warn(`${this.label}: ${outcome.warning}`);
        return;
      }
      const who = `${outcome.holder || "an unknown run"}${outcome.runUrl ? ` (${outcome.runUrl})` : ""}`;
      if (who !== told) {
        this.progress(this.label, `waiting for the deploy lock held by ${who} for ${outcome.ageSeconds} s`);
        told = who;
      }
      if (Date.now() >= deadline) {
        throw new HostError(
          this.label,
          "lock",
          `the deploy lock is held by ${who} for ${outcome.ageSeconds} s; gave up after lock-timeout (${Math.round(timeoutMs / 1000)} s). ` +
            `It is taken over once older than lock-ttl (${ttlSeconds} s)`,
        );
      }
      await sleep(Math.min(2000, Math.max(100, deadline - Date.now())));
    }
  }

  /**
   * The heartbeat: refreshes the lock's time if it is still `holder`'s. Throws LockLostError when
   * it is gone or another run's (taken over as stale, or removed by hand): it is never taken again.
   */
  async refreshLock(holder: string, runUrl: string, ttlSeconds: number): Promise<void> {
    const r = await this.step(
      "lock",
      lockStep,
      { app: this.app, holder, runUrl, ttlSeconds, refresh: true },
      { allowFailure: true },
    );
    let outcome: ReturnType<typeof parseLockOutcome>;
    try {
      outcome = parseLockOutcome(r);
    } catch (e) {
      throw new HostError(this.label, "lock", errorMessage(e));
    }
    if (outcome.acquired) return;
    if (outcome.lost !== undefined) throw new LockLostError(this.label, outcome.lost);
    throw new HostError(
      this.label,
      "lock",
      `could not refresh the deploy lock: ${outcome.holder || "another goship step"} holds it`,
    );
  }

  /** Releases our lock; never throws (the caller is already finishing, maybe after a failure). */
  async unlock(holder: string): Promise<string | undefined> {
    try {
      await this.step("unlock", unlockStep, { app: this.app, holder });
      return undefined;
    } catch (e) {
      return errorMessage(e);
    }
  }

  /**
   * Uploads the binary and the manifest (unless the version is installed already) and installs
   * the release, its sha256 checked again on the host with sha256sum and openssl.
   */
  async stage(version: string, binaryPath: string, sha256: string, manifestPath: string): Promise<string> {
    const { binary: upload, manifest } = incomingFiles(this.app, version);
    const installed = this.status?.releases.includes(version) ?? false;
    if (!installed) {
      this.beforeChange();
      this.progress(this.label, `uploading ${this.settings.binaryName} ${version}`);
      try {
        await this.session.upload(binaryPath, upload, { sudo: this.sudo, mode: "0600" });
        await this.session.upload(manifestPath, manifest, { sudo: this.sudo, mode: "0644" });
      } catch (e) {
        throw new HostError(this.label, "upload", errorMessage(e));
      }
    }
    const r = await this.step("stage", stageReleaseStep, {
      app: this.app,
      version,
      binaryName: this.settings.binaryName,
      upload,
      sha256,
      manifest,
    });
    const tools = outputValue(r.stdout, "VERIFIED_WITH") ?? "sha256sum";
    return outputValue(r.stdout, "STAGED") === "1"
      ? `installed ${version}, sha256 verified on the host with ${tools}`
      : `${version} already installed, sha256 verified with ${tools}`;
  }

  /** The unit for `strategy` (the restart strategy listens on `port`). */
  unitSpec(strategy: Strategy, port?: number): UnitSpec {
    return {
      ...this.settings,
      strategy,
      ...(strategy === "restart" ? { port } : {}),
    };
  }

  /**
   * systemd-analyze verify and security on the host, for a copy of the unit whose ExecStart is
   * the staged release: fails before anything is switched.
   */
  async analyze(spec: UnitSpec, version: string, threshold: number, port?: number): Promise<SecurityReport> {
    const unit =
      spec.strategy === "restart" ? `${this.app}.service` : serviceName(this.app, spec.strategy, port);
    const text = renderUnit({ ...spec, execDirectory: releaseDir(this.app, version) });
    const r = await this.step("analyze", analyzeUnitStep, { app: this.app, unit }, { stdin: text });
    const report = parseSecurityReport(r.stdout);
    try {
      checkSecurity(report, threshold);
    } catch (e) {
      throw new HostError(this.label, "analyze", errorMessage(e));
    }
    return report;
  }

  /** Writes (or keeps, or restores) the environment file; true when it changed. */
  async writeEnvironment(params: Omit<WriteEnvParams, "app">, content?: string): Promise<boolean> {
    const r = await this.step(
      "environment",
      writeEnvStep,
      { app: this.app, ...params },
      { stdin: content ?? "" },
    );
    return outputValue(r.stdout, "CHANGED") === "1";
  }

  /** Writes the unit file; systemd is reloaded when it changed or its view is stale. */
  async writeUnit(spec: UnitSpec): Promise<{ changed: boolean; reloaded: boolean }> {
    const r = await this.step(
      "unit",
      writeUnitStep,
      { app: this.app, strategy: spec.strategy },
      { stdin: renderUnit(spec) },
    );
    return {
      changed: outputValue(r.stdout, "CHANGED") === "1",
      reloaded: outputValue(r.stdout, "RELOADED") !== "0",
    };
  }

  /**
   * Points current (or a slot) at `version`; returns what it pointed at before. The release's
   * binary is hashed again on the host first and refused unless it still has the sha256 recorded
   * at its install, except with `staged`: stage() verified it in this run, moments ago.
   */
  async switchTo(version: string, slot?: number, staged = false): Promise<string | null> {
    const r = await this.step("switch", switchStep, {
      app: this.app,
      version,
      ...(slot === undefined ? {} : { slot }),
      verify: !staged,
    });
    return outputValue(r.stdout, "PREVIOUS") || null;
  }

  async service(unit: string, action: "restart" | "start" | "stop"): Promise<void> {
    const r = await this.step(
      "restart",
      serviceStep,
      { app: this.app, unit, action },
      { allowFailure: true },
    );
    if (r.code === 0) return;
    const state = await this.unitState(unit, 15).catch(() => undefined);
    throw new HostError(
      this.label,
      action === "stop" ? "stop" : "restart",
      `${describeStepFailure("service", r.code, r.stderr)}${state ? `; ${describeUnit(unit, state)}` : ""}`,
    );
  }

  async unitState(unit: string, journalLines = 0): Promise<UnitState> {
    const r = await this.step("health", unitStateStep, { app: this.app, unit, journalLines });
    return parseUnitState(r.stdout);
  }

  /**
   * Until `timeoutMs`: the unit must be running `version` and GET <path> on its port must answer
   * 2xx. A unit that failed (or was stopped by its start limit) ends the wait at once.
   */
  async waitHealthy(
    unit: string,
    port: number,
    path: string,
    version: string,
    timeoutMs: number,
  ): Promise<HealthResult> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let last = "no answer yet";
    for (let attempt = 0; ; attempt++) {
      const probe = await this.session.httpGet(
        port,
        path,
        Math.max(500, Math.min(5000, deadline - Date.now())),
      );
      if ("status" in probe) {
        // The body is the app's text (or whatever answers on the port): untrusted.
        last = `GET ${path} on port ${port}: ${probe.status}${probe.status >= 200 && probe.status < 300 ? "" : ` ${untrusted(probe.body.trim().slice(0, 120))}`}`;
        if (probe.status >= 200 && probe.status < 300) {
          const state = await this.unitState(unit);
          if (state.running === version) {
            return { ok: true, detail: `${probe.status} in ${probe.ms} ms`, ms: Date.now() - started };
          }
          last = `port ${port} answers, but ${unit} runs ${state.running ?? "nothing"}, not ${version}`;
        }
      } else {
        last = `GET ${path} on port ${port}: ${probe.error}`;
      }
      // Every few tries (and at the end) look at the unit: a crashed one will not get better.
      if (attempt % 4 === 3 || Date.now() >= deadline) {
        const state = await this.unitState(unit, 10);
        if (state.active === "failed" || (state.active === "inactive" && attempt > 0)) {
          return {
            ok: false,
            detail: `${describeUnit(unit, state)}; last check: ${last}`,
            ms: Date.now() - started,
          };
        }
        if (Date.now() >= deadline) {
          const log = state.journal.length ? `; its log: ${state.journal.slice(-3).join(" | ")}` : "";
          return {
            ok: false,
            detail: `not healthy within ${Math.round(timeoutMs / 1000)} s: ${last}${log}`,
            ms: Date.now() - started,
          };
        }
      }
      // A Go service is usually up within a few hundred ms: look again soon, then less often.
      await sleep(Math.min(100 * (attempt + 1), 500, Math.max(0, deadline - Date.now())));
    }
  }

  /** Writes the app's nginx upstream (nginx -t, then reload); true when nginx was reloaded. */
  async setTraffic(state: UpstreamState): Promise<boolean> {
    const r = await this.step(
      "traffic",
      writeUpstreamStep,
      { app: this.app },
      { stdin: renderUpstream(state), allowFailure: true },
    );
    let written: UpstreamWrite;
    try {
      written = parseUpstreamWrite(r);
    } catch (e) {
      throw new HostError(this.label, "traffic", e instanceof Error ? e.message : String(e));
    }
    if (written.recovered) debug(`${this.label}: nginx: a killed run's upstream write was undone first`);
    return written.changed;
  }

  async record(entry: HistoryEntry): Promise<void> {
    await this.step("history", recordHistoryStep, { app: this.app, entry });
  }

  async cleanup(keep: number, protect: (string | null | undefined)[]): Promise<string[]> {
    const r = await this.step("cleanup", cleanupStep, { app: this.app, keep, protect });
    return r.stdout
      .split("\n")
      .filter((l) => l.startsWith("REMOVED="))
      .map((l) => l.slice("REMOVED=".length));
  }
}

/** "gin-app.service failed (exit-code, 3 restarts); its log: …" */
export function describeUnit(unit: string, s: UnitState): string {
  const result = s.result && s.result !== "success" ? `, ${s.result}` : "";
  const restarts = s.restarts ? `, ${s.restarts} restart${s.restarts === 1 ? "" : "s"}` : "";
  const log = s.journal.length ? `; its log: ${s.journal.slice(-3).join(" | ")}` : "";
  return `${unit} is ${s.active || "unknown"}${s.sub ? ` (${s.sub}${result}${restarts})` : ""}${log}`;
}
