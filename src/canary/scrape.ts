import { inputError } from "../kit/errors.js";
import { HostKeyError, type HttpProbe, type SshSession } from "../remote/ssh.js";
import { ExpositionError, MAX_EXPOSITION_BYTES, parseExposition } from "./exposition.js";
import { boundedGet } from "./http.js";
import {
  type ArmsReading,
  type InstanceSamples,
  type MetricSource,
  type SnapshotSpec,
  snapshotArm,
} from "./snapshot.js";
import type { ArmSnapshot } from "./types.js";

/**
 * canary-gate's direct source (`provider: scrape`): each slot's `/metrics`, read over plain HTTP
 * (`scrape-via: direct`) or through deploy-systemd's SSH connection to the host (`ssh -W` to the
 * slot's port on the host's loopback), parsed as the text exposition format. No Prometheus is
 * needed; the instance is the slot's address from `canary-targets`.
 *
 * An arm's targets are read together, and the arm is:
 * - unreachable (`ok: false, unreachable: true`) when none of its targets answered: for the
 *   canary while the baseline answers, twice in a row, that is a ROLLBACK;
 * - invalid (`ok: false, unreachable: false`) when only some did not answer: the arm's counters
 *   are a sum over its instances and would silently lose the silent ones, so the tick is not
 *   used (HOLD), and the next complete tick's delta covers the gap. A canary that is down on
 *   some hosts only is therefore held, not rolled back, and the step fails at its deadline;
 * - invalid when a target answered something other than an exposition (HTTP error, not text
 *   format 0.0.4, cut off, a line that does not parse), naming the target and the line.
 */

/** What reading one target's metrics gave. */
export type FetchedMetrics = { ok: true; body: string } | { ok: false; unreachable: boolean; reason: string };

/** Reads `path` from the service at `address` (`host:port`, as in canary-targets). */
export type FetchMetrics = (address: string, path: string) => Promise<FetchedMetrics>;

/** `metrics-path`: an absolute path of printable ASCII (what the SSH path can send, too). */
export function checkMetricsPath(value: string, input = "metrics-path"): string {
  if (!/^\/[\x21-\x7e]*$/.test(value) || value.length > 1024) {
    throw inputError(
      input,
      value,
      "allowed: an absolute path of printable ASCII without spaces, e.g. /metrics",
    );
  }
  return value;
}

/** `host:port`, `[v6]:port`, or a bare IPv6 address with its port after the last colon. */
export function splitAddress(address: string): { host: string; port: number } {
  const m = /^(.+):([0-9]{1,5})$/.exec(address);
  const port = m ? Number(m[2]) : 0;
  if (!m || port < 1 || port > 65_535) throw new Error(`address ${JSON.stringify(address)} has no port`);
  return { host: (m[1] as string).replace(/^\[(.*)\]$/, "$1"), port };
}

export interface HttpFetchOptions {
  /** For the whole exchange with one target (default 5 s). */
  timeoutMs?: number;
  maxBytes?: number;
}

/** `scrape-via: direct`: GET http://address/path from the runner. */
export function httpFetchMetrics(options: HttpFetchOptions = {}): FetchMetrics {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? MAX_EXPOSITION_BYTES;
  return async (address, path) => {
    const { host, port } = splitAddress(address);
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}${path}`;
    const got = await boundedGet(url, {
      headers: { Accept: "text/plain;version=0.0.4" },
      timeoutMs,
      maxBytes,
    });
    if (!got.ok)
      return { ok: false, unreachable: got.kind === "timeout" || got.kind === "network", reason: got.reason };
    if (got.status !== 200) return { ok: false, unreachable: false, reason: `answered HTTP ${got.status}` };
    const type = got.contentType ?? "text/plain";
    if (!isTextFormat(type)) {
      return {
        ok: false,
        unreachable: false,
        reason: `answered ${type}, not the text exposition format 0.0.4`,
      };
    }
    return { ok: true, body: got.body };
  };
}

/** `text/plain`, with `version=0.0.4` or no version (other parameters, e.g. charset, are fine). */
function isTextFormat(contentType: string): boolean {
  const [media, ...params] = contentType.split(";").map((s) => s.trim().toLowerCase());
  const version = params.find((p) => p.startsWith("version="));
  return media === "text/plain" && (version === undefined || version === "version=0.0.4");
}

/** SshSession.httpGet keeps at most this much of an answer (and does not say when it cut one). */
export const SSH_ANSWER_CAP = 1 << 20;

/**
 * Through the SSH session to the target's host: `ssh -W 127.0.0.1:<port>` from the host, as
 * deploy-systemd's health checks do. A host key that does not match is thrown, never taken for
 * a silent target.
 */
export function sshFetchMetrics(
  sessionFor: (host: string) => SshSession | Promise<SshSession>,
  timeoutMs = 5000,
): FetchMetrics {
  return async (address, path) => {
    const { host, port } = splitAddress(address);
    let probe: HttpProbe;
    try {
      probe = await (await sessionFor(host)).httpGet(port, path, timeoutMs);
    } catch (e) {
      if (e instanceof HostKeyError) throw e;
      return { ok: false, unreachable: true, reason: e instanceof Error ? e.message : String(e) };
    }
    return fromHttpProbe(probe);
  };
}

/** What an SSH health-check probe says about a scrape. */
export function fromHttpProbe(probe: HttpProbe): FetchedMetrics {
  if ("error" in probe) return { ok: false, unreachable: true, reason: probe.error };
  if (probe.status !== 200) return { ok: false, unreachable: false, reason: `answered HTTP ${probe.status}` };
  // An answer that filled the cap (less its status line and headers) may have been cut off.
  if (Buffer.byteLength(probe.body, "utf8") >= SSH_ANSWER_CAP - 8192) {
    return {
      ok: false,
      unreachable: false,
      reason: `the answer reached the ${SSH_ANSWER_CAP} bytes an SSH probe keeps and may be cut off; scrape-via: direct or provider: prometheus reads larger ones`,
    };
  }
  return { ok: true, body: probe.body };
}

/** Reads and parses every target of an arm (at the same time) and makes the arm's snapshot. */
export async function scrapeArm(
  addresses: readonly string[],
  path: string,
  fetchMetrics: FetchMetrics,
  spec: SnapshotSpec,
): Promise<ArmSnapshot> {
  const got = await Promise.all(
    addresses.map(async (address) => ({ address, got: await fetchMetrics(address, path) })),
  );
  const failed = got.filter((g) => !g.got.ok);
  if (failed.length > 0) {
    const list = failed.map((g) => `${g.address}${path}: ${(g.got as { reason: string }).reason}`).join("; ");
    const silent = failed.filter((g) => !g.got.ok && g.got.unreachable);
    if (silent.length === addresses.length)
      return { ok: false, unreachable: true, reason: `no target answered (${list})` };
    const answered = got.filter((g) => g.got.ok).map((g) => g.address);
    return {
      ok: false,
      unreachable: false,
      reason: answered.length > 0 ? `${list} (while ${answered.join(", ")} answered)` : list,
    };
  }
  const groups: InstanceSamples[] = [];
  for (const { address, got: answer } of got) {
    const body = (answer as { body: string }).body;
    const where = `${address}${path}`;
    if (body !== "" && !body.endsWith("\n")) {
      return {
        ok: false,
        unreachable: false,
        reason: `${where}: the answer ends in the middle of a line (cut off?)`,
      };
    }
    try {
      groups.push({ instance: address, samples: parseExposition(body).samples });
    } catch (e) {
      if (e instanceof ExpositionError)
        return { ok: false, unreachable: false, reason: `${where}: ${e.message}` };
      throw e;
    }
  }
  return snapshotArm(groups, spec);
}

export interface ScrapeSourceOptions {
  /** The slots' addresses (`host:port`) per arm, from canary-targets. */
  canary: readonly string[];
  baseline: readonly string[];
  metricsPath: string;
  spec: SnapshotSpec;
  fetchMetrics: FetchMetrics;
}

/** Both arms straight from the services; a scrape reads the present, so `at` is not used. */
export class ScrapeSource implements MetricSource {
  constructor(readonly options: ScrapeSourceOptions) {}

  async read(_at: number): Promise<ArmsReading> {
    const o = this.options;
    const [canary, baseline] = await Promise.all([
      scrapeArm(o.canary, o.metricsPath, o.fetchMetrics, o.spec),
      scrapeArm(o.baseline, o.metricsPath, o.fetchMetrics, o.spec),
    ]);
    return { canary, baseline };
  }
}
