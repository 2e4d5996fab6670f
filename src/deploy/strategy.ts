import type { HostStatus } from "../remote/steps/index.js";
import type { UnitSpec } from "../remote/unit.js";
import { HostError, type HostTarget } from "./host.js";
import type { PreparedRelease, ProbedHost, ReleaseBinary, StrategySettings } from "./types.js";

/** What both strategies do the same way: pick and stage the binary, wait for health, find the previous version. */

/** A progress line about a host (the fleet prints it with the host's wave). */
export function say(t: HostTarget, line: string): void {
  t.progress(t.label, line);
}

/** The release's binary for a host's machine, extracted and checked on the runner. */
export async function binaryFor(host: ProbedHost, release: PreparedRelease): Promise<ReleaseBinary> {
  const { machine } = host.status;
  const bin = await release.binaryFor(machine);
  say(host.target, `${machine}: will get ${release.version} (sha256 ${bin.sha256.slice(0, 12)}…)`);
  return bin;
}

/**
 * Installs the release on the host (verified there) and checks the unit that will run it
 * (systemd-analyze verify and security): nothing that serves has changed yet.
 */
export async function stageAndCheck(
  settings: StrategySettings,
  t: HostTarget,
  release: PreparedRelease,
  bin: ReleaseBinary,
  spec: UnitSpec,
  port?: number,
): Promise<void> {
  say(t, await t.stage(release.version, bin.path, bin.sha256, release.manifestPath));
  const report = await t.analyze(spec, release.version, settings.securityThreshold, port);
  say(t, `systemd-analyze: verify passed, exposure ${report.exposure.toFixed(1)} ${report.rating}`);
}

/** Waits until `unit` runs `version` and answers on `port`; throws a HostError when it does not in time. */
export async function checkHealth(
  settings: StrategySettings,
  t: HostTarget,
  unit: string,
  port: number,
  version: string,
): Promise<string> {
  const h = await t.waitHealthy(unit, port, settings.healthPath, version, settings.healthTimeoutMs);
  if (!h.ok) throw new HostError(t.label, "health", h.detail);
  say(t, `healthy: ${h.detail} (${settings.healthPath} on port ${port})`);
  return h.detail;
}

/** A rollback goes only to a release installed on the host. */
export function checkRollback(host: ProbedHost, target: string): void {
  const { releases } = host.status;
  if (!releases.includes(target)) {
    throw new HostError(
      host.target.label,
      "probe",
      `release ${target} is not installed there (installed: ${releases.join(", ") || "none"})`,
    );
  }
  say(host.target, `will roll back to ${target}`);
}

export const noPreviousVersion = (label: string) =>
  new HostError(label, "probe", "its history names no previous version: give rollback-to");

/**
 * The version a host ran before `current`, from its history: the `from` of the newest
 * successful deploy that installed it. Entries whose `from` is `current` itself (a
 * run that changed nothing: an unchanged deploy, a second promote) are skipped.
 */
export function previousFromHistory(status: HostStatus, current: string | null): string | null {
  if (!current) return null;
  // Deploys only: a rollback's own entry names the version it undid, which is not "previous".
  const entry = status.history.findLast(
    (e) =>
      e.action === "deploy" &&
      e.version === current &&
      (e.result === "success" || e.result === "deployed") &&
      typeof e.from === "string" &&
      e.from !== current,
  );
  return typeof entry?.from === "string" ? entry.from : null;
}

/** One line of what a host runs, for the log: its machine, what the strategy sees, nginx's state, its releases. */
export function describeState(s: HostStatus, serving: string): string {
  const parts = [s.machine || "?", serving];
  if (s.upstream) parts.push(s.upstream.replace(/^#\s*/, ""));
  if (s.releases.length) parts.push(`${s.releases.length} release(s)`);
  return parts.join("; ");
}
