import { UserError } from "../kit/errors.js";
import type { HostStatus } from "../remote/steps/index.js";
import type { CanaryHeader } from "../remote/steps/nginx.js";
import type { Strategy } from "../remote/unit.js";
import type { HostTarget } from "./host.js";

/** What deploy-systemd's modes, the fleet and the two strategies say to each other. */

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

/** What a strategy needs to know of the run: the ports it serves on and how a host proves healthy. */
export interface StrategySettings {
  /** restart: the service's port. */
  port: number;
  /** blue-green: the two slots. */
  ports: readonly [number, number];
  securityThreshold: number;
  healthPath: string;
  healthTimeoutMs: number;
  /** The environment file's content, when the `service-env` input was given. */
  environment?: string;
  /** blue-green promote/rollback: how long the old slot keeps its connections after nginx stops sending it traffic. */
  drainMs: number;
  /**
   * blue-green: the header whose requests go to the new slot at any weight. Undefined keeps what
   * each host's upstream has; null removes it.
   */
  canaryHeader?: CanaryHeader | null;
}

export interface FleetSettings extends StrategySettings {
  strategy: Strategy;
  waveWaitMs: number;
  maxParallel: number;
  /** deploy (blue-green) and shift: percent of traffic to the new slot. */
  trafficWeight: number;
  rollbackTo?: string;
  onFailure: OnFailure;
  keepReleases: number;
  lockTimeoutMs: number;
  lockTtlSec: number;
  /** How often the run refreshes its locks and checks they are still its own (LOCK_HEARTBEAT_MS). */
  lockHeartbeatMs: number;
  dryRun: boolean;
  actor: string;
  runUrl: string;
  holder: string;
  log: FleetLog;
}

/** What a run does: its mode; a deploy carries the release it installs. */
export type RunMode =
  | { mode: "deploy"; release: PreparedRelease }
  | { mode: Exclude<Mode, "deploy">; release?: undefined };

export type FleetOptions = FleetSettings & RunMode;

export interface FleetLog {
  info(message: string): void;
  warning(message: string): void;
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** A unit of work starts (kit/progress): its line, and the heartbeat names it until `done`. */
  start(label: string, of: { index: number; total: number }): () => void;
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

/** What the checks before a change read of a host: its names and what was probed there. */
export interface HostView {
  readonly target: Pick<HostTarget, "label" | "app">;
  readonly status: HostStatus;
}

/** A host once the fleet is prepared: connected, probed (and locked, unless the run changes nothing). */
export interface ProbedHost extends HostView {
  readonly target: HostTarget;
}

/** A unit a revert put back on an earlier version: its health is checked once the whole fleet is back. */
export interface Recheck {
  unit: string;
  port: number;
  version: string;
}

/** Puts a host back as it was before this run. */
export type Revert = () => Promise<Recheck | null>;

/** One host's part of a run. */
export interface HostWork {
  readonly host: ProbedHost;
  readonly record: HostRecord;
  /** Set by a change as soon as the host differs from before the run; unset: nothing to undo. */
  revert?: Revert;
}

/** A change checked against one host before any host changed; it fills in the host's record. */
export type HostChange = (work: HostWork) => Promise<void>;

/** What a host serves now, as the record of a status or dry run shows it. */
export interface Serving {
  version: string | null;
  slot: number | null;
  weight: number | null;
  health: string;
}

/**
 * How a release reaches a host's users: the restart strategy (one unit, restarted) or
 * blue-green (two slots behind nginx). The planning methods check a host as probed and throw
 * a HostError when the change cannot be made there; the change they return makes it. The fleet
 * plans every host before it changes any; canary-gate and a rollout drive one step at a time.
 */
export interface DeployStrategy {
  readonly name: Strategy;
  /** One line of what runs on a host, for the log. */
  describe(host: HostView): string;
  /** What serves on a host now. */
  status(host: HostView): Serving;
  /** Install and start `release`; blue-green sends it `weight` percent of the traffic. */
  deploy(host: ProbedHost, release: PreparedRelease, weight: number): Promise<HostChange>;
  /** blue-green: `weight` percent of the traffic to the new slot, the rest to the old one. */
  shift(host: ProbedHost, weight: number): HostChange;
  /** blue-green: all traffic to the new slot, then the old slot stopped. */
  promote(host: ProbedHost): HostChange;
  /** Back to `to`, or to the version that served before the current one. */
  rollback(host: ProbedHost, to: string | undefined): HostChange;
}
