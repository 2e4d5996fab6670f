// deploy-systemd on real systemd hosts (the test harness's, see scripts/harness.mjs): the
// wall time of a deploy to 8 hosts against the same deploy to 1 host, SSH connections per
// host (counted by each host's sshd), and the time from a failed health check to the fleet
// being back on its previous version. Needs root (network namespaces) on Linux.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadHarness } from "../scripts/harness.mjs";

const root = new URL("..", import.meta.url).pathname;

/** The environment a runner gives an action: `inputs` as INPUT_*, fresh command files. */
export function runnerEnv(inputs, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), "goship-bench-"));
  const env = { ...process.env, ...extra, GITHUB_ACTIONS: "true" };
  for (const k of Object.keys(env)) if (k.startsWith("INPUT_") || k.startsWith("GITHUB_")) delete env[k];
  Object.assign(env, { GITHUB_ACTIONS: "true", ...extra });
  for (const v of ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"]) {
    env[v] = join(dir, v);
    writeFileSync(env[v], "");
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

function action(name, inputs, extra = {}, cwd = root) {
  const env = runnerEnv(inputs, extra);
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, "dist", name, "index.js")], {
    env,
    cwd,
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ...r, ms, summary: readFileSync(env.GITHUB_STEP_SUMMARY, "utf8") };
}

/** The sample app released as `version` (linux/amd64 or arm64), signed with `key`. */
export function release(version, key) {
  const repo = mkdtempSync(join(tmpdir(), "goship-bench-src-"));
  cpSync(join(root, "examples/gin-app"), repo, { recursive: true });
  rmSync(join(repo, "dist"), { recursive: true, force: true });
  writeFileSync(join(repo, ".gitignore"), "/dist/\n");
  const git = (...a) =>
    execFileSync("git", ["-c", "user.name=b", "-c", "user.email=b@example.com", ...a], {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: "2026-01-02T03:04:05Z",
        GIT_COMMITTER_DATE: "2026-01-02T03:04:05Z",
      },
    });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "bench");
  git("tag", `v${version}`);
  const arch = process.arch === "arm64" ? "arm64" : "amd64";
  const b = action(
    "build-static",
    { targets: `linux/${arch}`, upload: "false", tags: "nomsgpack" },
    { GOFLAGS: "-buildvcs=auto" },
    repo,
  );
  if (b.status !== 0) throw new Error(`build-static: ${b.stdout}`);
  const p = action(
    "package-release",
    {
      "artifacts-dir": "dist/bin",
      "signing-key": key,
      sbom: "none",
      provenance: "false",
      files: "none-such",
    },
    {},
    repo,
  );
  if (p.status !== 0) throw new Error(`package-release: ${p.stdout}`);
  return join(repo, "dist/release");
}

/**
 * CPU time used so far by everything in each host (its cgroup2 subtree's cpu.stat, which cgroup2
 * keeps even without the cpu controller), in ms. The hosts share this machine's cores with the
 * runner: their work, not goship's, is what a deploy to 8 hosts at once waits for here.
 */
function hostCpuMs(hosts) {
  const mount = readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .map((l) => l.split(" "))
    .find((f) => f[2] === "cgroup2")?.[1];
  return hosts.map((h) => {
    const line = readFileSync(`/proc/${h.systemdPid}/cgroup`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("0::"));
    const dir = /^0::(.*\/goship-hosts\/[^/]+\/[^/]+)/.exec(line ?? "")?.[1];
    if (!mount || !dir) return 0;
    const stat = readFileSync(join(mount, dir, "cpu.stat"), "utf8");
    return Number(/^usage_usec (\d+)/m.exec(stat)?.[1] ?? 0) / 1000;
  });
}
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** CPU time the whole machine has spent busy (every core, /proc/stat), in ms. */
function machineCpuMs() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait.
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
  return (busy * 1000) / 100; // USER_HZ
}

/** `Accepted publickey` lines in each host's sshd log. */
async function sshLogins(hosts) {
  return Promise.all(
    hosts.map(async (h) => {
      const r = await h.exec(["journalctl", "-u", "ssh.service", "--no-pager", "-o", "cat"]);
      return r.stdout.split("\n").filter((l) => l.includes("Accepted publickey for deploy")).length;
    }),
  );
}

/** Whether this machine can boot the harness's hosts (root on Linux); says so when it cannot. */
export function canBootHosts(section) {
  if (process.getuid?.() === 0 && process.platform === "linux") return true;
  console.log(`${section} bench skipped: it needs root on Linux (real systemd hosts in network namespaces)`);
  return false;
}

/** A throwaway P-256 signing key (PEM) for the bench's releases; its file is gone when this returns. */
export function benchSigningKey() {
  const keyDir = mkdtempSync(join(tmpdir(), "goship-bench-key-"));
  try {
    execFileSync("openssl", [
      "genpkey",
      "-algorithm",
      "EC",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-out",
      join(keyDir, "k"),
    ]);
    return readFileSync(join(keyDir, "k"), "utf8");
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
}

export async function benchDeploy(report, runs = 3) {
  if (!canBootHosts("deploy-systemd")) return;
  const { bootFleet } = await loadHarness();
  const key = benchSigningKey();
  const releases = { a: release("1.0.0", key), b: release("2.0.0", key) };
  const publicKey = readFileSync(join(releases.a, "goship.pub"), "utf8");
  const fleet = await bootFleet(8, { prefix: "bench" });
  try {
    const base = {
      "ssh-private-key": readFileSync(fleet.deployKey, "utf8"),
      "known-hosts": fleet.knownHosts,
      app: "shop",
      project: "gin-app",
      "public-key": publicKey,
      "max-parallel": "8",
      "health-timeout": "30s",
    };
    let runId = 1;
    const deploy = (hosts, dir, extra = {}) => {
      const r = action(
        "deploy-systemd",
        { ...base, hosts: hosts.map((h) => h.address).join(","), "release-dir": dir, ...extra },
        { GITHUB_RUN_ID: String(runId++), GITHUB_REPOSITORY: "bench/shop" },
      );
      return r;
    };
    const must = (r) => {
      if (r.status !== 0) throw new Error(`deploy failed:\n${r.stdout}`);
      return r;
    };
    // Every host has both releases installed once: the timed deploys each switch and restart.
    must(deploy(fleet.hosts, releases.a));
    must(deploy(fleet.hosts, releases.b));
    const one = [];
    const eight = [];
    const eightCpu = [];
    const eightMachine = [];
    const oneCpu = [];
    let flip = true;
    for (let i = 0; i < runs; i++) {
      const dir = flip ? releases.a : releases.b;
      flip = !flip;
      const c1 = sum(hostCpuMs(fleet.hosts.slice(0, 1)));
      one.push(must(deploy(fleet.hosts.slice(0, 1), dir)).ms);
      oneCpu.push(sum(hostCpuMs(fleet.hosts.slice(0, 1))) - c1);
      must(deploy(fleet.hosts.slice(1), dir)); // the other seven follow, so the next 8-host run changes all
      const before = await sshLogins(fleet.hosts);
      const dir8 = flip ? releases.a : releases.b;
      const c8 = sum(hostCpuMs(fleet.hosts));
      const m8 = machineCpuMs();
      eight.push(must(deploy(fleet.hosts, dir8)).ms);
      eightCpu.push(sum(hostCpuMs(fleet.hosts)) - c8);
      eightMachine.push(machineCpuMs() - m8);
      const after = await sshLogins(fleet.hosts);
      const perHost = after.map((n, j) => n - before[j]);
      if (i === 0)
        report(
          "  SSH connections per host in an 8-host deploy (goal <= 2)",
          Math.max(...perHost),
          undefined,
          "conn",
        );
      must(deploy(fleet.hosts.slice(0, 1), dir8)); // host 1 back in step for the next 1-host run
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    report("deploy-systemd restart deploy to 1 host: wall time", median(one));
    report("  to 8 hosts, max-parallel 8 (goal <= 1.5x)", median(eight), median(one));
    const cores = (await import("node:os")).availableParallelism();
    report("  CPU used on the host, 1-host deploy", median(oneCpu));
    report(
      `  CPU used on the hosts, 8-host deploy (/ ${cores} cores = a floor on wall time)`,
      median(eightCpu),
    );
    report("  8-host wall time against that floor", median(eight), median(eightCpu) / cores);
    report(
      `  whole machine busy during the 8-host deploy (CPU ms / ${cores} cores)`,
      median(eightMachine) / cores,
    );
    report("  8-host wall time against the machine's busy time", median(eight), median(eightMachine) / cores);
    // One host whose new release never gets ready (a drop-in sets FAULT_READY=false there only):
    // the other seven switch, then all go back. From that host's failed health check to the
    // whole fleet on the old version again.
    const last = fleet.hosts[7];
    await last.exec([
      "sh",
      "-c",
      "mkdir -p /etc/systemd/system/shop.service.d && printf '[Service]\\nEnvironment=FAULT_READY=false\\n' > /etc/systemd/system/shop.service.d/fault.conf && systemctl daemon-reload",
    ]);
    // The hosts run `flip ? a : b` now: deploy the other one.
    const failed = deploy(fleet.hosts, flip ? releases.b : releases.a, { "health-timeout": "3s" });
    await last.exec(["sh", "-c", "rm -rf /etc/systemd/system/shop.service.d && systemctl daemon-reload"]);
    const m = /fleet back on its previous versions ([0-9.]+) s after the failure/.exec(failed.summary);
    if (failed.status === 0 || !m)
      throw new Error(`the failing deploy did not report a rollback:\n${failed.stdout}`);
    report("  one host fails its health check -> all 8 back on the old version", Number(m[1]) * 1000);
  } finally {
    await fleet.stop();
  }
}
