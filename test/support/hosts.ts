import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execFile } from "../../src/kit/exec.js";

/**
 * Real systemd hosts for deploy tests: each host is /lib/systemd/systemd running as PID 1
 * of its own PID namespace, in its own network, mount, UTS, IPC and cgroup namespaces,
 * with sshd and nginx as real units, reachable from the test process over a bridge.
 *
 * What a host shares with the machine and what it does not:
 * - /etc, /opt, /var, /home, /srv and /usr/local are overlays on the machine's: the host
 *   reads the machine's files and its writes land in `<host.root>/<dir>/upper` (`usr-local`
 *   for /usr/local). /usr outside /usr/local, /root and the rest are the machine's, shared.
 * - /tmp, /run, /dev and /dev/shm are the host's own tmpfs (systemd-tmpfiles would
 *   otherwise empty the machine's /tmp, and journald would put /dev/log on the machine).
 * - /sys, /proc/sys and /proc/sysrq-trigger are read-only except /proc/sys/net, which
 *   belongs to the host's network namespace.
 * - cgroups: each host gets its own cgroup2 subtree as its root (`<cgroup2>/goship-hosts/
 *   <fleet>/<host>`), so two systemds never manage the same `system.slice/ssh.service`.
 *   On a machine whose controllers sit on cgroup v1 (this one), the hosts' cgroup2 has no
 *   controllers: MemoryMax=, CPUQuota= and the like are accepted but not enforced.
 *
 * Everything the harness creates carries the "gsh" prefix: fleet `gsh<N>` owns bridge
 * `gsh<N>` (10.77.N.1/24 on the machine side), netns and machine-side veth `gsh<N>-<i>`
 * (host i is 10.77.N.(10+i)), cgroup `goship-hosts/gsh<N>` and directory `<base>/gsh<N>`,
 * whose state.json names the owning test process. Fleets in concurrent test files get
 * different N. A fleet whose owner died (a crashed run) is swept by the next bootFleet.
 */

export interface HostExecOptions {
  /** Written to the command's stdin, which is otherwise /dev/null. */
  input?: string | Buffer;
  /** Added to the host's base environment (PATH, HOME=/root, LANG=C.UTF-8). */
  env?: Record<string, string>;
  /** Default 60 s; on expiry the command is killed and exec rejects. */
  timeoutMs?: number;
}

export interface HostExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestHost {
  /** Its hostname, also in its /etc/hostname and /etc/hosts (127.0.1.1). */
  name: string;
  /** 10.77.N.(10+i) for host i (1-based) of fleet N. */
  address: string;
  sshPort: 22;
  /** systemd's PID as the machine sees it (PID 1 inside the host). */
  systemdPid: number;
  /** The harness directory of this host: `<dir>/upper` holds its changes to /<dir>, boot.log its console. */
  root: string;
  /** Its network namespace, for `ip netns exec` / `ip -n`. */
  netns: string;
  /** The machine-side end of its veth on the bridge: where to put tc/netem faults. */
  veth: string;
  /** Runs argv (never a shell) inside the host, as root, via nsenter into all its namespaces. */
  exec(cmd: string[], opts?: HostExecOptions): Promise<HostExecResult>;
}

export interface SshOptions {
  /** Default: the fleet's own known_hosts. */
  knownHostsFile?: string;
  /** Written to ssh's stdin; without it ssh runs with -n. */
  input?: string | Buffer;
  timeoutMs?: number;
}

/** A lab: real systemd hosts booted for one test file (not the deploy `Fleet`, which runs on such hosts). */
export interface Lab {
  /** gsh<N>: the prefix of every name this fleet owns. */
  id: string;
  hosts: TestHost[];
  /** One `<address> ssh-ed25519 <key>` line per host, read from the host's own /etc/ssh. */
  knownHosts: string;
  knownHostsFile: string;
  /** An ed25519 private key (no passphrase) that logs in as `deploy` on every host. */
  deployKey: string;
  /** "deploy": authorized for deployKey, passwordless sudo (/etc/sudoers.d/deploy). */
  deployUser: string;
  bridge: string;
  /** The test process's address on the bridge (10.77.N.1): hosts reach servers of the test here. */
  gateway: string;
  /** 10.77.N.0/24. */
  subnet: string;
  /** The fleet's harness directory. */
  dir: string;
  /** Milliseconds from the start of bootFleet until every host ran and sshd answered. */
  bootMs: number;
  /** ssh's options and destination for a host, strict about host keys; append the remote command. */
  sshArgs(host: TestHost, knownHostsFile?: string): string[];
  /** Runs a remote command (one string, as ssh sends it) over real ssh as deploy. */
  ssh(host: TestHost, command: string, opts?: SshOptions): Promise<HostExecResult>;
  /** Halts every host and removes all the fleet owns. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface BootOptions {
  /** Hostname prefix: hosts are <prefix>1..<prefix>n. Default "h". */
  prefix?: string;
  /** Bound on each host's boot (systemd running and sshd answering). Default 30 s. */
  timeoutMs?: number;
}

const PREFIX = "gsh";
const FLEET_NAME = /^gsh(\d{1,3})$/;
const HOST_NAME = /^(gsh\d{1,3})-\d+$/;
const CGROUP_DIR = "goship-hosts";
const OVERLAID = ["/etc", "/opt", "/var", "/home", "/srv", "/usr/local"];
const SYSTEMD = "/lib/systemd/systemd";
const DEPLOY_USER = "deploy";
const MAX_HOSTS = 64;
/** systemd(1): SIGRTMIN+3 halts the system; glibc's SIGRTMIN is 34. */
const SIGRTMIN_3 = 37;
const HOST_ENV = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: "/root",
  LANG: "C.UTF-8",
};

/**
 * Units masked in every host because they touch machine-wide state (devices, kernel
 * settings, clock, audit, the machine's root file system) or only waste a test's time.
 * Units the machine's image enables (its /etc/systemd/system/*.wants, e.g. PostgreSQL,
 * timers) are masked too, except the ones a host is for.
 */
export const MASKED_UNITS = [
  "systemd-udevd.service",
  "systemd-udevd-control.socket",
  "systemd-udevd-kernel.socket",
  "systemd-udev-trigger.service",
  "systemd-udev-settle.service",
  "systemd-sysctl.service",
  "procps.service",
  "systemd-binfmt.service",
  "proc-sys-fs-binfmt_misc.automount",
  "proc-sys-fs-binfmt_misc.mount",
  "systemd-modules-load.service",
  "modprobe@.service",
  "kmod-static-nodes.service",
  "sys-kernel-debug.mount",
  "sys-kernel-tracing.mount",
  "sys-kernel-config.mount",
  "sys-fs-fuse-connections.mount",
  "systemd-journald-audit.socket",
  "systemd-timesyncd.service",
  "hwclock.service",
  "systemd-remount-fs.service",
  "systemd-random-seed.service",
  "systemd-pstore.service",
  "systemd-tmpfiles-clean.timer",
  "getty.target",
  "getty@.service",
  "serial-getty@.service",
  "console-getty.service",
  "container-getty@.service",
  "cron.service",
];
const KEPT_ENABLED = new Set(["ssh.service", "nginx.service"]);

/** Run by the wrapper process: join the host's cgroup, then exec into its namespaces. */
const ENTER = 'echo $$ > "$1" && shift && exec "$@"';

/**
 * The host's first process (PID 1 of its namespaces) before it becomes systemd: its own
 * file systems, identity and deploy user, then exec systemd. Arguments: root, name,
 * machine-id, deploy public key, extra /etc/hosts lines, overlaid dirs, units to mask...
 */
const INIT = `set -euo pipefail
root=$1 name=$2 machine_id=$3 pubkey=$4 hosts=$5 overlaid=$6
shift 6
for p in $overlaid; do
  d=\${p#/}; d=\${d//\\//-}
  mount -t overlay overlay -o "lowerdir=$p,upperdir=$root/$d/upper,workdir=$root/$d/work" "$p"
done
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
# The machine's netns handles (other hosts' too) must not stay pinned under the new /run.
umount --recursive --lazy /run/netns 2>/dev/null || true
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run
mount -t tmpfs -o mode=755,nosuid tmpfs /dev
mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5; mknod -m 666 /dev/full c 1 7
mknod -m 666 /dev/random c 1 8; mknod -m 666 /dev/urandom c 1 9; mknod -m 666 /dev/tty c 5 0
mkdir -m 755 /dev/pts; mkdir -m 1777 /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5,nosuid,noexec devpts /dev/pts
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
ln -s pts/ptmx /dev/ptmx; ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin; ln -s /proc/self/fd/1 /dev/stdout; ln -s /proc/self/fd/2 /dev/stderr
mount -o remount,bind,ro /sys
mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup
printf '%s' "$name" > /proc/sys/kernel/hostname
mount --bind /proc/sys /proc/sys
mount --bind /proc/sys/net /proc/sys/net
mount -o remount,bind,ro /proc/sys
if [ -e /proc/sysrq-trigger ]; then
  mount --bind /proc/sysrq-trigger /proc/sysrq-trigger
  mount -o remount,bind,ro /proc/sysrq-trigger
fi
printf '%s\\n' "$name" > /etc/hostname
printf '%s\\n' "$machine_id" > /etc/machine-id
printf '%s' "$hosts" >> /etc/hosts
for unit in "$@"; do ln -sfn /dev/null "/etc/systemd/system/$unit"; done
rm -f /etc/ssh/ssh_host_*
ssh-keygen -q -A
useradd --create-home --shell /bin/bash --password '*' ${DEPLOY_USER}
install -d -m 700 -o ${DEPLOY_USER} -g ${DEPLOY_USER} /home/${DEPLOY_USER}/.ssh
install -m 600 -o ${DEPLOY_USER} -g ${DEPLOY_USER} "$pubkey" /home/${DEPLOY_USER}/.ssh/authorized_keys
printf '%s ALL=(ALL:ALL) NOPASSWD: ALL\\n' ${DEPLOY_USER} > /etc/sudoers.d/${DEPLOY_USER}
chmod 440 /etc/sudoers.d/${DEPLOY_USER}
# systemd's container interface: PID 1 skips what only a machine's init does.
export container=goship
exec ${SYSTEMD} --system
`;

interface ProcessId {
  pid: number;
  start: string;
}

interface FleetState {
  owner: ProcessId;
  hosts: ProcessId[];
}

/** What one host owns on the machine, filled in as it is created, so teardown undoes exactly that. */
interface HostRecord {
  name: string;
  netns: string;
  veth: string;
  cgroup: string;
  root: string;
  child?: ChildProcess;
  init?: ProcessId;
}

interface FleetRecord {
  id: string;
  index: number;
  dir: string;
  bridge: string;
  cgroup: string;
  hosts: HostRecord[];
}

/** Where fleets keep their files: outside /tmp (emptied by systemd-tmpfiles) and outside the overlaid dirs. */
export function hostsBaseDir(): string {
  const base = resolve(process.env.GOSHIP_HOSTS_DIR || join(homedir(), ".cache", "goship", "hosts"));
  for (const dir of ["/tmp", ...OVERLAID]) {
    if (base === dir || base.startsWith(`${dir}/`)) {
      throw new Error(
        `${base}: the hosts' harness directory must not be under ${dir} (set GOSHIP_HOSTS_DIR elsewhere)`,
      );
    }
  }
  return base;
}

/** Boots n hosts on a fresh bridge and waits until each runs systemd to `running` and sshd answers. */
export async function bootFleet(n: number, opts: BootOptions = {}): Promise<Lab> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_HOSTS) throw new Error(`bootFleet: n must be 1..${MAX_HOSTS}`);
  const prefix = opts.prefix ?? "h";
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(prefix))
    throw new Error(`bootFleet: prefix ${prefix} is not a hostname`);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  preflight();
  const base = hostsBaseDir();
  mkdirSync(base, { recursive: true });
  await sweepStaleFleets();

  const started = performance.now();
  const record = await claimFleet(base);
  const killOnExit = () => killHostsSync(record);
  process.on("exit", killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= teardownFleet(record).finally(() => process.off("exit", killOnExit));
    return stopping;
  };

  try {
    const deployKey = join(record.dir, "deploy_ed25519");
    await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", `deploy@${record.id}`, "-f", deployKey]);
    mkdirSync(record.cgroup, { recursive: true });
    const names = Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
    const address = (i: number) => `10.77.${record.index}.${11 + i}`;
    // A host finds itself at 127.0.1.1 (Debian's way; sudo needs it) and its peers by address.
    const hostsLines = (self: string) =>
      [`127.0.1.1 ${self}`, ...names.flatMap((name, i) => (name === self ? [] : [`${address(i)} ${name}`]))]
        .map((l) => `${l}\n`)
        .join("");
    const masks = unitsToMask();
    const deadline = Date.now() + timeoutMs;
    const settled = await Promise.allSettled(
      names.map((name, i) =>
        bootHost(record, {
          name,
          index: i + 1,
          address: address(i),
          pubkey: `${deployKey}.pub`,
          hostsLines: hostsLines(name),
          masks,
          deadline,
        }),
      ),
    );
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    const hosts = settled.map((s) => (s as PromiseFulfilledResult<TestHost>).value);

    let knownHosts = "";
    for (const host of hosts) {
      const pub = await host.exec(["cat", "/etc/ssh/ssh_host_ed25519_key.pub"]);
      const [type, key] = pub.stdout.trim().split(/\s+/);
      if (pub.code !== 0 || type !== "ssh-ed25519" || !key) {
        throw new Error(`${host.name}: no ed25519 host key: ${pub.stderr}`);
      }
      knownHosts += `${host.address} ${type} ${key}\n`;
    }
    const knownHostsFile = join(record.dir, "known_hosts");
    writeFileSync(knownHostsFile, knownHosts);

    const sshArgs = (host: TestHost, file = knownHostsFile) => [
      "-F",
      "/dev/null",
      "-o",
      "BatchMode=yes",
      "-o",
      "StrictHostKeyChecking=yes",
      "-o",
      `UserKnownHostsFile=${file}`,
      "-o",
      "GlobalKnownHostsFile=/dev/null",
      "-o",
      "IdentitiesOnly=yes",
      "-o",
      "IdentityAgent=none",
      "-o",
      "ConnectTimeout=10",
      "-i",
      deployKey,
      "-p",
      String(host.sshPort),
      "--",
      `${DEPLOY_USER}@${host.address}`,
    ];
    return {
      id: record.id,
      hosts,
      knownHosts,
      knownHostsFile,
      deployKey,
      deployUser: DEPLOY_USER,
      bridge: record.bridge,
      gateway: `10.77.${record.index}.1`,
      subnet: `10.77.${record.index}.0/24`,
      dir: record.dir,
      bootMs: Math.round(performance.now() - started),
      sshArgs,
      async ssh(host, command, o = {}) {
        const args = [...(o.input === undefined ? ["-n"] : []), ...sshArgs(host, o.knownHostsFile), command];
        const r = await execFile("ssh", args, {
          input: o.input,
          timeoutMs: o.timeoutMs ?? 60_000,
          allowFailure: true,
        });
        return { code: r.code, stdout: r.stdout, stderr: r.stderr };
      },
      stop,
    };
  } catch (e) {
    const failure = new Error(`bootFleet ${record.id}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
    await stop().catch((cleanup: unknown) => {
      throw new AggregateError(
        [failure, cleanup],
        `${failure.message}\nand its cleanup failed: ${String(cleanup)}`,
      );
    });
    throw failure;
  }
}

function preflight(): void {
  if (process.getuid?.() !== 0) throw new Error("bootFleet needs root (namespaces, mounts, links)");
  const needed = [
    SYSTEMD,
    "/usr/sbin/sshd",
    "/usr/sbin/nginx",
    "/usr/bin/sudo",
    "/usr/bin/ssh",
    "/usr/bin/ssh-keygen",
    "/usr/bin/nsenter",
    "/usr/bin/unshare",
    "/usr/sbin/useradd",
  ];
  const missing = needed.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `bootFleet: missing ${missing.join(", ")} (.ci/run installs openssh-server, nginx, sudo)`,
    );
  }
  cgroup2Root();
}

/** Where the machine mounts cgroup2: /sys/fs/cgroup (unified) or /sys/fs/cgroup/unified (hybrid). */
function cgroup2Root(): string {
  for (const line of readFileSync("/proc/self/mounts", "utf8").split("\n")) {
    const [, where, type] = line.split(" ");
    if (type === "cgroup2" && where && existsSync(join(where, "cgroup.procs"))) return where;
  }
  throw new Error("bootFleet: the machine has no cgroup2 hierarchy mounted");
}

/** Units the machine's image enables that a test host must not start, plus the fixed list. */
function unitsToMask(): string[] {
  const enabled: string[] = [];
  const dir = "/etc/systemd/system";
  for (const wants of readdirSync(dir).filter((d) => d.endsWith(".wants"))) {
    for (const unit of readdirSync(join(dir, wants))) {
      if (!KEPT_ENABLED.has(unit) && !unit.endsWith(".target")) enabled.push(unit);
    }
  }
  return [...new Set([...MASKED_UNITS, ...enabled])].sort();
}

/**
 * Takes the lowest free fleet number: the directory is the lock (mkdir is atomic), made and
 * stamped with its owner before any link exists, so a concurrent sweeper never takes a
 * fleet being built for a crashed one.
 */
async function claimFleet(base: string): Promise<FleetRecord> {
  const inUse = (await run("ip", ["-4", "-o", "addr", "show"])).stdout;
  const owner = self();
  for (let index = 0; index < 255; index++) {
    if (inUse.includes(` 10.77.${index}.`)) continue;
    const id = `${PREFIX}${index}`;
    const dir = join(base, id);
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw e;
    }
    writeState(dir, { owner, hosts: [] });
    const bridge = id;
    const made = await execFile("ip", ["link", "add", bridge, "type", "bridge"], { allowFailure: true });
    if (made.code !== 0) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const record: FleetRecord = {
      id,
      index,
      dir,
      bridge,
      cgroup: join(cgroup2Root(), CGROUP_DIR, id),
      hosts: [],
    };
    try {
      await run("ip", ["addr", "add", `10.77.${index}.1/24`, "dev", bridge]);
      await run("ip", ["link", "set", bridge, "up"]);
    } catch (e) {
      await teardownFleet(record).catch(() => {});
      throw e;
    }
    return record;
  }
  throw new Error("bootFleet: no free 10.77.N.0/24 for another fleet");
}

interface HostPlan {
  name: string;
  index: number;
  address: string;
  pubkey: string;
  hostsLines: string;
  masks: string[];
  deadline: number;
}

async function bootHost(fleet: FleetRecord, plan: HostPlan): Promise<TestHost> {
  const netns = `${fleet.id}-${plan.index}`;
  const rec: HostRecord = {
    name: plan.name,
    netns,
    veth: netns,
    cgroup: join(fleet.cgroup, plan.name),
    root: join(fleet.dir, plan.name),
  };
  fleet.hosts.push(rec);
  for (const p of OVERLAID) {
    const d = overlayName(p);
    mkdirSync(join(rec.root, d, "upper"), { recursive: true });
    mkdirSync(join(rec.root, d, "work"), { recursive: true });
  }
  await run("ip", ["netns", "add", netns]);
  await run("ip", ["link", "add", rec.veth, "type", "veth", "peer", "name", "eth0", "netns", netns]);
  await run("ip", ["link", "set", rec.veth, "master", fleet.bridge, "up"]);
  await run("ip", ["-n", netns, "addr", "add", `${plan.address}/24`, "dev", "eth0"]);
  await run("ip", ["-n", netns, "link", "set", "eth0", "up"]);
  await run("ip", ["-n", netns, "link", "set", "lo", "up"]);
  mkdirSync(rec.cgroup);

  const log = openSync(join(rec.root, "boot.log"), "a");
  const overlaid = OVERLAID.filter((p) => existsSync(p)).join(" ");
  const child = spawn(
    "/bin/bash",
    [
      "-c",
      ENTER,
      "goship-enter",
      join(rec.cgroup, "cgroup.procs"),
      "ip",
      "netns",
      "exec",
      netns,
      "unshare",
      "--pid",
      "--fork",
      "--mount",
      "--mount-proc",
      "--uts",
      "--ipc",
      "--cgroup",
      "/bin/bash",
      "-c",
      INIT,
      "goship-init",
      rec.root,
      plan.name,
      randomBytes(16).toString("hex"),
      plan.pubkey,
      plan.hostsLines,
      overlaid,
      ...plan.masks,
    ],
    // Its own session: a ^C to the test's process group must not reach a host's PID 1.
    { stdio: ["ignore", log, log], detached: true, env: HOST_ENV },
  );
  closeSync(log);
  child.unref();
  child.on("error", () => {}); // surfaced through the readiness checks and boot.log
  rec.child = child;

  const pid = await findInit(child, plan.deadline, rec);
  const init = { pid, start: processStart(pid) ?? "" };
  rec.init = init;
  const state = readState(fleet.dir);
  if (state) writeState(fleet.dir, { ...state, hosts: [...state.hosts, init] });

  const host: TestHost = {
    name: plan.name,
    address: plan.address,
    sshPort: 22,
    systemdPid: pid,
    root: rec.root,
    netns,
    veth: rec.veth,
    async exec(cmd, o = {}) {
      // Never nsenter a PID that has since been given to another process.
      if (!isSame(init)) throw new Error(`${plan.name}: not running (its systemd, pid ${pid}, has exited)`);
      const r = await execFile("nsenter", ["-t", String(pid), "-a", "--", ...cmd], {
        env: { ...HOST_ENV, ...o.env },
        input: o.input,
        timeoutMs: o.timeoutMs ?? 60_000,
        allowFailure: true,
      });
      return { code: r.code, stdout: r.stdout, stderr: r.stderr };
    },
  };
  await waitRunning(host, rec, plan.deadline);
  await waitSshBanner(host, rec, plan.deadline);
  return host;
}

/** The host's PID 1: the first descendant of the wrapper that lives in another PID namespace. */
async function findInit(child: ChildProcess, deadline: number, rec: HostRecord): Promise<number> {
  const ours = readlinkSync("/proc/self/ns/pid");
  while (Date.now() < deadline) {
    if (child.pid === undefined || exited(child)) break;
    for (const pid of descendants(child.pid)) {
      const ns = safe(() => readlinkSync(`/proc/${pid}/ns/pid`));
      if (ns !== undefined && ns !== ours) return pid;
    }
    await sleep(20);
  }
  throw new Error(`${rec.name}: its PID 1 did not start\n${bootLog(rec)}`);
}

async function waitRunning(host: TestHost, rec: HostRecord, deadline: number): Promise<void> {
  let state = "";
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0 || (rec.child && exited(rec.child))) break;
    // Until systemd has its private socket, systemctl answers "offline": ask again.
    const r = await host
      .exec(["systemctl", "is-system-running", "--wait"], { timeoutMs: left })
      .catch(() => undefined);
    state = r?.stdout.trim() ?? "timed out";
    if (state === "running") return;
    if (state === "degraded") break;
    await sleep(100);
  }
  const failed = await host
    .exec(["systemctl", "list-units", "--failed", "--no-legend", "--plain"], { timeoutMs: 5000 })
    .catch(() => undefined);
  throw new Error(
    `${host.name}: systemd is ${state || "not answering"}, not running` +
      (failed?.stdout.trim() ? `; failed units:\n${failed.stdout.trim()}` : "") +
      `\n${bootLog(rec)}`,
  );
}

async function waitSshBanner(host: TestHost, rec: HostRecord, deadline: number): Promise<void> {
  let last = "";
  while (Date.now() < deadline) {
    try {
      const banner = await readBanner(host.address, host.sshPort, deadline - Date.now());
      if (banner.startsWith("SSH-2.0-")) return;
      last = `banner ${JSON.stringify(banner)}`;
    } catch (e) {
      last = String(e);
    }
    await sleep(100);
  }
  throw new Error(
    `${host.name}: sshd on ${host.address}:${host.sshPort} did not answer (${last})\n${bootLog(rec)}`,
  );
}

function readBanner(address: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    let got = "";
    const done = (err?: Error) => {
      socket.destroy();
      if (err) reject(err);
      else resolve(got);
    };
    socket.setTimeout(Math.max(1, timeoutMs), () => done(new Error("timed out")));
    socket.on("data", (d) => {
      got += d.toString("latin1");
      // Answer with an identification of our own, so sshd logs a client leaving, not a failed exchange.
      if (got.includes("\n")) socket.end("SSH-2.0-goship-readiness-probe\r\n", () => done());
    });
    socket.on("error", done);
    socket.on("close", () => done());
  });
}

/** Halts each host (SIGRTMIN+3), then removes its cgroups, links, netns and the fleet's files. */
async function teardownFleet(fleet: FleetRecord): Promise<void> {
  const problems: string[] = [];
  await Promise.all(fleet.hosts.map((h) => stopHost(h).catch((e: unknown) => problems.push(String(e)))));
  for (const h of fleet.hosts) {
    await removeNetwork(h.netns, h.veth).catch((e: unknown) => problems.push(String(e)));
  }
  await ipDelete(["link", "del", fleet.bridge]).catch((e: unknown) => problems.push(String(e)));
  const cgroupGone = await removeCgroup(fleet.cgroup).then(
    () => true,
    (e: unknown) => {
      problems.push(String(e));
      return false;
    },
  );
  // Shared by concurrent fleets: removed only when it is empty.
  safe(() => rmdirSync(join(fleet.cgroup, "..")));
  // The hosts' mounts lived in their own mount namespaces, gone with their processes.
  const left = readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .filter((l) => l.split(" ")[1]?.startsWith(`${fleet.dir}/`));
  if (left.length > 0) problems.push(`mounts left under ${fleet.dir}:\n${left.join("\n")}`);
  // The directory (with its owner) goes last: while anything of the fleet is left, another
  // process sees whose it is instead of a leftover, and a sweep after this one exits removes it.
  else if (cgroupGone) rmSync(fleet.dir, { recursive: true, force: true });
  if (problems.length > 0) throw new Error(`teardown of ${fleet.id}:\n${problems.join("\n")}`);
}

async function stopHost(h: HostRecord): Promise<void> {
  const { init, child } = h;
  // Only systemd halts on SIGRTMIN+3; a host still in its init script is simply killed.
  if (init && isSame(init) && processName(init.pid) === "systemd") {
    safe(() => process.kill(init.pid, SIGRTMIN_3));
    await until(() => gone(init), 15_000);
  }
  // Whatever did not halt: PID 1 of a namespace takes its namespace with it; cgroup.kill the rest.
  if (init && isSame(init)) safe(() => process.kill(init.pid, "SIGKILL"));
  if (existsSync(h.cgroup)) safe(() => writeFileSync(join(h.cgroup, "cgroup.kill"), "1"));
  if (init) await until(() => gone(init), 10_000);
  if (child && !exited(child)) await until(() => exited(child), 10_000);
  if (init && !gone(init)) throw new Error(`${h.name}: systemd (pid ${init.pid}) did not stop`);
  await removeCgroup(h.cgroup);
}

async function removeNetwork(netns: string, veth: string): Promise<void> {
  // Deleting the netns deletes the peer inside it and with it the veth pair.
  await ipDelete(["netns", "del", netns]);
  await ipDelete(["link", "del", veth]);
}

/** Deletes what may be gone already: the veth goes with its namespace, between our look and the kernel's. */
async function ipDelete(args: string[]): Promise<void> {
  const r = await execFile("ip", args, { allowFailure: true });
  if (r.code !== 0 && !/Cannot find device|No such device|No such file|does not exist/.test(r.stderr)) {
    throw new Error(`ip ${args.join(" ")}: ${r.stderr.trim()}`);
  }
}

/**
 * Removes a cgroup and the ones systemd made below it, deepest first, once they are empty:
 * whatever still runs in it is killed first, and emptying is waited for (a busy machine reaps
 * slowly), so teardown counts as done only when the cgroup is gone.
 */
async function removeCgroup(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  safe(() => writeFileSync(join(dir, "cgroup.kill"), "1"));
  const dirs: string[] = [];
  const walk = (d: string) => {
    for (const e of safe(() => readdirSync(d, { withFileTypes: true })) ?? []) {
      if (e.isDirectory()) walk(join(d, e.name));
    }
    dirs.push(d);
  };
  walk(dir);
  for (const d of dirs) {
    let err: unknown;
    const gone = await until(() => {
      try {
        rmdirSync(d);
        return true;
      } catch (e) {
        err = e;
        return (e as NodeJS.ErrnoException).code === "ENOENT";
      }
    }, 60_000);
    if (!gone) throw new Error(`cgroup ${d} stays: ${String(err)}`);
  }
}

/** On process exit (a test that never called stop): end the hosts now; the next sweep removes the rest. */
function killHostsSync(fleet: FleetRecord): void {
  for (const { init } of fleet.hosts) {
    if (init && isSame(init)) safe(() => process.kill(init.pid, "SIGKILL"));
  }
}

/**
 * Removes fleets left by an earlier run that died before stop(): every gsh* directory,
 * cgroup, link and netns whose owning process is gone. Fleets of live test processes stay.
 */
export async function sweepStaleFleets(): Promise<string[]> {
  const base = hostsBaseDir();
  const swept = new Set<string>();
  const stale = (id: string): boolean => {
    const dir = join(base, id);
    if (!existsSync(dir)) return true;
    const state = readState(dir);
    if (state) return !isSame(state.owner);
    // Claimed this instant and not stamped yet, or stamped by a run that crashed right then.
    const age = Date.now() - (safe(() => statSync(dir).mtimeMs) ?? 0);
    return age > 60_000;
  };
  const ids = new Set<string>();
  for (const name of safe(() => readdirSync(base)) ?? []) if (FLEET_NAME.test(name)) ids.add(name);
  const cgroups = join(cgroup2Root(), CGROUP_DIR);
  for (const name of safe(() => readdirSync(cgroups)) ?? []) if (FLEET_NAME.test(name)) ids.add(name);
  for (const id of ids) {
    if (!stale(id)) continue;
    const state = readState(join(base, id));
    const inits = state?.hosts ?? [];
    for (const init of inits) if (isSame(init)) safe(() => process.kill(init.pid, "SIGKILL"));
    const cgroup = join(cgroups, id);
    if (existsSync(cgroup)) safe(() => writeFileSync(join(cgroup, "cgroup.kill"), "1"));
    await until(() => inits.every(gone), 10_000);
    // Its number may have been claimed again meanwhile: then the cgroup is the new fleet's.
    if (stale(id)) await removeCgroup(cgroup);
    swept.add(id);
  }
  const netns = (await run("ip", ["netns", "list"])).stdout;
  for (const line of netns.split("\n")) {
    const name = line.split(" ")[0] ?? "";
    const id = HOST_NAME.exec(name)?.[1];
    if (id && stale(id)) {
      await ipDelete(["netns", "del", name]);
      swept.add(id);
    }
  }
  const links = JSON.parse((await run("ip", ["-j", "link", "show"])).stdout) as { ifname: string }[];
  for (const { ifname } of links) {
    const id = FLEET_NAME.test(ifname) ? ifname : HOST_NAME.exec(ifname)?.[1];
    if (id && stale(id)) {
      await ipDelete(["link", "del", ifname]);
      swept.add(id);
    }
  }
  for (const id of swept) if (stale(id)) rmSync(join(base, id), { recursive: true, force: true });
  return [...swept].sort();
}

function overlayName(path: string): string {
  return path.slice(1).replaceAll("/", "-");
}

function writeState(dir: string, state: FleetState): void {
  writeFileSync(join(dir, "state.json.new"), `${JSON.stringify(state)}\n`);
  renameSync(join(dir, "state.json.new"), join(dir, "state.json"));
}

function readState(dir: string): FleetState | undefined {
  return safe(() => JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as FleetState);
}

function self(): ProcessId {
  return { pid: process.pid, start: processStart(process.pid) ?? "" };
}

/** The process's start time in clock ticks since boot: with the PID, it names one process for good. */
function processStart(pid: number): string | undefined {
  const stat = safe(() => readFileSync(`/proc/${pid}/stat`, "utf8"));
  if (stat === undefined) return undefined;
  // Fields after the command name (which may hold spaces): state is field 3, starttime field 22.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

/** The process is alive and is the one recorded (not a later one that got its PID). */
function isSame(p: ProcessId): boolean {
  const start = processStart(p.pid);
  if (start === undefined) return false;
  // A zombie has exited; only its parent's wait remains.
  const state = safe(() => readFileSync(`/proc/${p.pid}/stat`, "utf8"));
  if (state && / Z /.test(state.slice(state.lastIndexOf(")")))) return false;
  return start === p.start;
}

/** The PID no longer names the recorded process: it exited and was reaped. */
function gone(p: ProcessId): boolean {
  return processStart(p.pid) !== p.start;
}

function processName(pid: number): string | undefined {
  return safe(() => readFileSync(`/proc/${pid}/comm`, "utf8").trim());
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const children =
    safe(() => readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8"))
      ?.trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number) ?? [];
  for (const c of children) out.push(c, ...descendants(c));
  return out;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function bootLog(rec: HostRecord): string {
  const text = safe(() => readFileSync(join(rec.root, "boot.log"), "utf8")) ?? "";
  const tail = text.trimEnd().split("\n").slice(-30).join("\n");
  return tail ? `${rec.name} boot.log (tail):\n${tail}` : `${rec.name}: boot.log is empty`;
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
}

async function run(file: string, args: string[]) {
  return execFile(file, args, { env: { ...process.env, PATH: HOST_ENV.PATH } });
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
