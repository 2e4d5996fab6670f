import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "../../src/kit/exec.js";
import { deployInputs, servedVersion } from "../support/deploy-fixture.js";
import { type GinReleases, ginReleases } from "../support/gin-release.js";
import { bootFleet, type Lab, type TestHost } from "../support/hosts.js";
import { actionEnvironment, runDistAction } from "../support/run-action.js";

/**
 * deploy-systemd killed with SIGKILL at each phase of a restart deploy, on two real systemd
 * hosts: during the upload (the link throttled to 2 Mbit/s), after the release is staged, after
 * the unit and environment are written (daemon-reload), after the switch, after the restart, and
 * between waves. After each kill every host runs a complete version (the old or the new one) and
 * holds only complete releases; a re-run of the same job (the same lock holder) takes its lock
 * back and converges on the new version. Last, a new environment for the running version killed
 * after the write: the re-run must restart the unit although the file already says it.
 */

const V1 = "1.0.0";
const V2 = "2.0.0";
const JOB = "deploy";
let fleet: Lab;
let rel: GinReleases;
let runId = 7000;
const tempDirs: string[] = [];

interface Started {
  stdout: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The line the run was killed at. */
  killedAt: string | undefined;
  /** ssh masters the killed run left running (its exit handler never ran). */
  leftovers: number;
  /** The killed run's RUNNER_TEMP, where its ssh directory (and key) was left. */
  dir: string;
}

beforeAll(async () => {
  [fleet, rel] = await Promise.all([bootFleet(2, { prefix: "kill" }), ginReleases([V1, V2])]);
  const r = await runDistAction("deploy-systemd", inputs(V1), env(++runId));
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(await servedAll()).toEqual([V1, V1]);
}, 600_000);

afterAll(async () => {
  for (const d of tempDirs) await killLeftovers(d);
  for (const h of fleet?.hosts ?? []) await unthrottle(h);
  await fleet?.stop();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

const inputs = (version: string, extra: Record<string, string> = {}) =>
  deployInputs(fleet, rel, version, extra);

function env(id: number): Record<string, string> {
  return {
    GITHUB_RUN_ID: String(id),
    GITHUB_JOB: JOB,
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_ACTOR: "tester",
  };
}

/** Every process whose command line holds `needle` (the killed run's own temp dir). */
function pidsMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(needle)) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * Runs dist/deploy-systemd/index.js as runDistAction does (inputs as INPUT_*, command files),
 * watching stdout line by line; when `killWhen` says so, SIGKILLs node and its process group,
 * then every ssh master the run started (they detach with -f, in their own session, and the
 * action's exit handler that ends them does not run on SIGKILL). With `stop`, sends that signal
 * instead, to node alone (as a runner cancelling the job does), and leaves the rest to it.
 */
async function startAndKill(
  ins: Record<string, string>,
  id: number,
  killWhen: (line: string) => boolean | Promise<boolean>,
  stop?: NodeJS.Signals,
): Promise<Started> {
  // Short: the action's ssh control sockets live under RUNNER_TEMP and must fit a unix socket path.
  const dir = mkdtempSync("/tmp/gk-");
  tempDirs.push(dir);
  const { env: childEnv } = actionEnvironment(ins, { RUNNER_TEMP: dir, ...env(id) }, {}, dir);

  const child = spawn(process.execPath, [join(process.cwd(), "dist", "deploy-systemd", "index.js")], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: killed together with the ssh clients it runs
  });
  let stdout = "";
  let pending = "";
  let killedAt: string | undefined;
  let checking = Promise.resolve();
  const kill = () => {
    try {
      if (stop) process.kill(child.pid as number, stop);
      else process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // already gone
    }
  };
  const hardKill = () => {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // already gone
    }
  };
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      checking = checking.then(async () => {
        if (killedAt !== undefined) return;
        if (await killWhen(line)) {
          killedAt = line;
          kill();
        }
      });
    }
  });
  child.stderr.resume();
  const timer = setTimeout(hardKill, 120_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("close", (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  await checking;
  // The masters (ssh -M -N -f) name their control socket under the run's RUNNER_TEMP; the
  // next run with that RUNNER_TEMP ends them (see rerun), or afterAll does.
  return { stdout, code, signal, killedAt, leftovers: pidsMentioning(dir).length, dir };
}

/** Ends every process left mentioning `dir` (a killed run's masters nobody swept). */
async function killLeftovers(dir: string): Promise<void> {
  for (const pid of pidsMentioning(dir)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  for (let i = 0; i < 100 && pidsMentioning(dir).length > 0; i++) await sleep(50);
}

const servedAll = () => Promise.all(fleet.hosts.map((h) => servedVersion(h)));

/**
 * What a host has under /opt/shop: where current points, whether that release is complete, and
 * every entry of releases/ (RELEASE= a complete one: its manifest and one executable binary whose
 * sha256 the manifest lists; BROKEN= anything else; STAGING= a dot entry a killed run left).
 */
const LAYOUT = `cd /opt/shop || exit 1
complete() {
  [ -d "$1" ] && [ -f "$1/goship-manifest.json" ] || return 1
  count=0
  for f in "$1"/*; do
    [ "\${f##*/}" = goship-manifest.json ] && continue
    [ -f "$f" ] && [ -x "$f" ] || return 1
    sum=$(sha256sum < "$f" | cut -d ' ' -f 1)
    grep -qF "\\"$sum\\"" "$1/goship-manifest.json" || return 1
    count=$((count + 1))
  done
  [ "$count" -eq 1 ]
}
printf 'CURRENT=%s\\n' "$(readlink current)"
if complete current/; then echo CURRENT_COMPLETE=1; fi
for d in releases/* releases/.*; do
  n=\${d#releases/}
  case $n in '*' | '.*' | . | ..) continue ;; esac
  case $n in .*) echo "STAGING=$n"; continue ;; esac
  if complete "$d"; then echo "RELEASE=$n"; else echo "BROKEN=$n"; fi
done
`;

interface Layout {
  current: string;
  currentComplete: boolean;
  releases: string[];
  broken: string[];
  staging: string[];
}

async function layout(h: TestHost): Promise<Layout> {
  const r = await h.exec(["sh", "-c", LAYOUT]);
  expect(r.code, r.stderr).toBe(0);
  const all = (k: string) =>
    r.stdout
      .split("\n")
      .filter((l) => l.startsWith(`${k}=`))
      .map((l) => l.slice(k.length + 1));
  return {
    current: all("CURRENT")[0] ?? "",
    currentComplete: all("CURRENT_COMPLETE").length === 1,
    releases: all("RELEASE"),
    broken: all("BROKEN"),
    staging: all("STAGING"),
  };
}

const isActive = async (h: TestHost) =>
  (await h.exec(["systemctl", "is-active", "shop.service"])).stdout.trim();

/**
 * After a kill: each host serves the old or the new version from an active unit (given a few
 * seconds for a restart the killed run had already asked systemd for), current points to a
 * complete release, and releases/ holds only complete releases (and staging dot entries).
 */
async function expectWhole(context: string): Promise<string[]> {
  const versions: string[] = [];
  for (const h of fleet.hosts) {
    let v = "";
    let state = "";
    for (let i = 0; i < 60; i++) {
      [v, state] = await Promise.all([servedVersion(h), isActive(h)]);
      if ((v === V1 || v === V2) && state === "active") break;
      await sleep(500);
    }
    const where = `${context}: ${h.name}`;
    expect([V1, V2], where).toContain(v);
    expect(state, where).toBe("active");
    const l = await layout(h);
    expect([`releases/${V1}`, `releases/${V2}`], where).toContain(l.current);
    expect(l.currentComplete, where).toBe(true);
    expect(l.broken, where).toEqual([]);
    expect(l.releases, where).toContain(V1);
    versions.push(v);
  }
  return versions;
}

/** The re-run of the killed job: same run id and job, so the same lock holder. */
async function rerun(id: number, extra: Record<string, string> = {}, killedDir?: string): Promise<string[]> {
  const r = await runDistAction("deploy-systemd", inputs(V2, extra), {
    ...env(id),
    ...(killedDir ? { RUNNER_TEMP: killedDir } : {}),
  });
  expect(r.code, r.stdout + r.stderr).toBe(0);
  if (killedDir) {
    // A re-run on the same runner ends the masters the killed run left, and removes its key.
    expect(pidsMentioning(killedDir)).toEqual([]);
    expect(readdirSync(killedDir).filter((n) => n.startsWith("goship-ssh-"))).toEqual([]);
  }
  // The killed attempt's lock is taken back at once, not waited for.
  expect(r.stdout).not.toContain("waiting for the deploy lock");
  expect(await servedAll()).toEqual([V2, V2]);
  for (const h of fleet.hosts) {
    expect(await isActive(h), h.name).toBe("active");
    const l = await layout(h);
    expect(l.current, h.name).toBe(`releases/${V2}`);
    expect(l.currentComplete, h.name).toBe(true);
    expect(l.broken, h.name).toEqual([]);
    expect(l.staging, h.name).toEqual([]); // swept by the successful run
    expect((await h.exec(["test", "-e", "/opt/shop/.goship/lock"])).code, h.name).toBe(1);
    expect((await h.exec(["sh", "-c", "ls -A /opt/shop/.goship/incoming 2>/dev/null"])).stdout, h.name).toBe(
      "",
    );
  }
  const hosts = JSON.parse(r.outputs.hosts as string) as { status: string; version: string }[];
  expect(hosts.every((x) => x.version === V2 && (x.status === "deployed" || x.status === "unchanged"))).toBe(
    true,
  );
  return hosts.map((x) => x.status);
}

/** Back to v1 everywhere, and 2.0.0 removed from the hosts: the next case installs it afresh. */
async function reset(): Promise<void> {
  const r = await runDistAction("deploy-systemd", inputs(V1), env(++runId));
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(await servedAll()).toEqual([V1, V1]);
  for (const h of fleet.hosts) {
    await h.exec(["rm", "-rf", `/opt/shop/releases/${V2}`, `/etc/shop/versions/${V2}.env`]);
  }
}

/** 2 Mbit/s towards the host: netem where the kernel has it, else a token bucket (tbf). */
async function throttle(h: TestHost): Promise<void> {
  const netem = await execFile("tc", ["qdisc", "add", "dev", h.veth, "root", "netem", "rate", "2mbit"], {
    allowFailure: true,
  });
  if (netem.code === 0) return;
  await execFile("tc", [
    ...["qdisc", "add", "dev", h.veth, "root", "tbf"],
    ...["rate", "2mbit", "burst", "32kb", "limit", "256kb"],
  ]);
}
async function unthrottle(h: TestHost): Promise<void> {
  await execFile("tc", ["qdisc", "del", "dev", h.veth, "root"], { allowFailure: true });
}

/** Kills a deploy of v2 at the first line matching `at`, then checks the hosts and re-runs. */
async function killCase(
  name: string,
  at: RegExp,
  extra: Record<string, string> = {},
): Promise<{ killed: Started; versions: string[]; statuses: string[] }> {
  return isolated(async () => {
    const id = ++runId;
    const killed = await startAndKill(inputs(V2, extra), id, (line) => at.test(line));
    expect(killed.killedAt, killed.stdout).toBeDefined();
    expect(killed.signal, killed.stdout).toBe("SIGKILL");
    expect(killed.leftovers, "the killed run's ssh masters were still running").toBeGreaterThan(0);
    const versions = await expectWhole(`killed ${name}`);
    const statuses = await rerun(id, extra, killed.dir);
    await reset();
    return { killed, versions, statuses };
  });
}

/** A failed case must not leave its lock to the next one (which would wait for lock-timeout). */
async function isolated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    for (const h of fleet.hosts) await h.exec(["rm", "-rf", "/opt/shop/.goship/lock"]);
    await reset().catch(() => {});
    throw e;
  }
}

describe("deploy-systemd killed (SIGKILL) at each phase of a restart deploy, on two hosts", () => {
  it("during the upload: hosts keep v1, nothing half-written in releases/; a re-run converges", async () => {
    for (const h of fleet.hosts) await throttle(h);
    let killed: Started;
    await isolated(async () => {
      try {
        const id = ++runId;
        let arriving = "";
        killed = await startAndKill(inputs(V2), id, async (line) => {
          if (!/: uploading \S+ 2\.0\.0$/.test(line)) return false;
          // Kill once bytes are arriving on a host: the upload is under way.
          for (let i = 0; i < 100 && !arriving; i++) {
            for (const h of fleet.hosts) {
              const r = await h.exec([
                "sh",
                "-c",
                "find /opt/shop/.goship/incoming -name '.goship-upload.*' -size +0 2>/dev/null",
              ]);
              if (r.stdout.trim()) arriving = `${h.name}: ${r.stdout.trim()}`;
            }
            if (!arriving) await sleep(100);
          }
          return true;
        });
        for (const h of fleet.hosts) await unthrottle(h);
        expect(killed.killedAt, killed.stdout).toBeDefined();
        expect(arriving, "no upload was under way when the run was killed").not.toBe("");
        expect(killed.stdout).not.toMatch(/installed 2\.0\.0/);
        expect(killed.leftovers, "the killed run's ssh masters were still running").toBeGreaterThan(0);
        expect(await expectWhole("killed during the upload")).toEqual([V1, V1]);
        for (const h of fleet.hosts) {
          const l = await layout(h);
          expect(l.current).toBe(`releases/${V1}`);
          expect(l.releases).toEqual([V1]);
        }
        await rerun(id);
      } finally {
        for (const h of fleet.hosts) await unthrottle(h);
      }
      await reset();
    });
  }, 150_000);

  it("after the release is staged: hosts keep v1; a re-run converges", async () => {
    const { versions } = await killCase("after stage", /: installed 2\.0\.0, sha256 verified/);
    expect(versions).toEqual([V1, V1]);
  }, 120_000);

  it("after the environment and unit are written (daemon-reload): hosts keep v1; a re-run converges", async () => {
    // Another hardening level changes the unit, so systemd is reloaded before the kill.
    const { versions } = await killCase(
      "after daemon-reload",
      /: environment \w+, shop\.service written, systemd reloaded$/,
      { hardening: "standard" },
    );
    expect(versions).toEqual([V1, V1]);
  }, 120_000);

  it("after the switch: each host runs v1 or v2, whole; a re-run converges", async () => {
    await killCase("after the switch", /: switched to 2\.0\.0, restarting shop\.service$/);
  }, 120_000);

  it("after the restart, before the run recorded it: each host runs v1 or v2, whole; a re-run converges", async () => {
    const { versions, statuses } = await killCase("after the restart", /: healthy: /);
    // A host the killed run had restarted runs v2 with the unit and environment on disk: no restart.
    expect(statuses).toEqual(versions.map((v) => (v === V2 ? "unchanged" : "deployed")));
  }, 120_000);

  it("between waves (1,100%): the first wave runs v2, the second v1; a re-run converges", async () => {
    const { killed, versions } = await killCase("between waves", /^::group::Wave 2 of 2/, {
      waves: "1,100%",
    });
    expect(killed.stdout).toMatch(/\[wave 1\] \S+: deployed \(2\.0\.0\)/);
    expect(versions[0]).toBe(V2);
  }, 120_000);

  it("stopped by SIGTERM or SIGINT mid-deploy: exits 128+n with its ssh masters ended and its key removed; a re-run converges", async () => {
    for (const [signal, status] of [
      ["SIGTERM", 143],
      ["SIGINT", 130],
    ] as const) {
      await isolated(async () => {
        const id = ++runId;
        const stopped = await startAndKill(
          inputs(V2),
          id,
          (line) => /: installed 2\.0\.0, sha256 verified/.test(line),
          signal,
        );
        expect(stopped.killedAt, stopped.stdout).toBeDefined();
        expect({ code: stopped.code, signal: stopped.signal }, stopped.stdout).toEqual({
          code: status,
          signal: null,
        });
        expect(stopped.stdout).toContain(`::error::deploy-systemd: stopped by ${signal}`);
        // The masters got their SIGTERM from the exit handler: give them a moment to end.
        for (let i = 0; i < 100 && pidsMentioning(stopped.dir).length > 0; i++) await sleep(50);
        expect(pidsMentioning(stopped.dir), `${signal}: ssh processes of the stopped run`).toEqual([]);
        expect(
          readdirSync(stopped.dir).filter((n) => n.startsWith("goship-ssh-")),
          signal,
        ).toEqual([]);
        await expectWhole(`stopped by ${signal}`);
        await rerun(id, {}, stopped.dir);
        await reset();
      });
    }
  }, 300_000);

  it("a new environment for the running version, killed after it was written: the re-run restarts with it", async () => {
    await isolated(async () => {
      const id = ++runId;
      const extra = { "release-dir": rel.dirs[V1] as string, environment: `KILL_MARK=run-${id}\n` };
      const killed = await startAndKill({ ...inputs(V1), ...extra }, id, (line) =>
        /: environment written, shop\.service \w+, systemd (reloaded|up to date)$/.test(line),
      );
      expect(killed.killedAt, killed.stdout).toBeDefined();
      expect(await expectWhole("killed after the environment write")).toEqual([V1, V1]);
      const r = await runDistAction("deploy-systemd", { ...inputs(V1), ...extra }, env(id));
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(await servedAll()).toEqual([V1, V1]);
      // The file already says it: the re-run restarts because the process predates it.
      const hosts = JSON.parse(r.outputs.hosts as string) as { status: string }[];
      expect(hosts.map((x) => x.status)).toEqual(["deployed", "deployed"]);
      for (const h of fleet.hosts) {
        // What the running process got, not just what the file says.
        const environ = await h.exec([
          "sh",
          "-c",
          'pid=$(systemctl show -p MainPID --value shop.service) && tr "\\0" "\\n" < "/proc/$pid/environ"',
        ]);
        expect(environ.stdout.split("\n"), h.name).toContain(`KILL_MARK=run-${id}`);
      }
    });
  }, 120_000);
});
