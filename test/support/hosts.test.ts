import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootFleet, hostsBaseDir, type Lab, sweepStaleFleets } from "./hosts.js";

const sh = (file: string, args: string[]) => execFileSync(file, args, { encoding: "utf8" });

const cgroupRoot = readFileSync("/proc/self/mounts", "utf8")
  .split("\n")
  .map((l) => l.split(" "))
  .find((f) => f[2] === "cgroup2")?.[1] as string;

/**
 * The harness's names on the machine (netns, links, directories, cgroups) that no live fleet
 * accounts for: neither one of `live` nor one owned by another running test process. Names
 * are matched by prefix, ownership by the owner PID in the fleet's state.json, so fleets of
 * test files running alongside do not count, even if one reuses a number this file freed.
 */
function leftovers(live: Lab[] = []): string[] {
  const base = hostsBaseDir();
  const fleetOf = (name: string) => /^gsh\d+/.exec(name)?.[0];
  const accounted = (id: string) => {
    if (live.some((f) => f.id === id)) return true;
    try {
      const { owner } = JSON.parse(readFileSync(join(base, id, "state.json"), "utf8"));
      return owner.pid !== process.pid && existsSync(`/proc/${owner.pid}`);
    } catch {
      return false;
    }
  };
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
  const names = [
    ...sh("ip", ["netns", "list"])
      .split("\n")
      .map((l) => `netns ${l.split(" ")[0]}`),
    ...(JSON.parse(sh("ip", ["-j", "link", "show"])) as { ifname: string }[]).map((l) => `link ${l.ifname}`),
    ...list(base).map((d) => `dir ${d}`),
    ...list(join(cgroupRoot, "goship-hosts")).map((d) => `cgroup ${d}`),
  ];
  return names.filter((n) => {
    const id = fleetOf(n.split(" ")[1] ?? "");
    return id !== undefined && !accounted(id);
  });
}

/** Mounts on the machine's side under the harness directory (the hosts' own are in their namespaces). */
const harnessMounts = () =>
  readFileSync("/proc/mounts", "utf8")
    .split("\n")
    .filter((l) => l.includes(` ${hostsBaseDir()}/`));

/** The hosts' systemd processes, named by PID and start time so a reused PID is not mistaken for one. */
const startOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[19];
const processesOf = (fleet: Lab) =>
  fleet.hosts.map((h) => ({ pid: h.systemdPid, start: startOf(h.systemdPid) }));
const running = (ps: { pid: number; start?: string }[]) =>
  ps.filter((p) => {
    try {
      return startOf(p.pid) === p.start;
    } catch {
      return false;
    }
  });

describe("a fleet of two systemd hosts", () => {
  const marker = join(tmpdir(), `goship-hosts-marker-${process.pid}`);
  const machine = {
    hostname: readFileSync("/etc/hostname", "utf8"),
    hostKey: readFileSync("/etc/ssh/ssh_host_ed25519_key.pub", "utf8"),
    passwd: readFileSync("/etc/passwd", "utf8"),
    dev: readdirSync("/dev").sort(),
  };
  let fleet: Lab;

  beforeAll(async () => {
    writeFileSync(marker, "written before the hosts booted\n");
    fleet = await bootFleet(2);
    console.log(`bootFleet(2): ${fleet.bootMs} ms (${fleet.id}, ${fleet.subnet})`);
  }, 120_000);

  afterAll(async () => {
    rmSync(marker, { force: true });
    await fleet?.stop();
  });

  it("boots each host to running, under its own name and address", async () => {
    expect(fleet.hosts.map((h) => h.name)).toEqual(["h1", "h2"]);
    expect(fleet.hosts.map((h) => h.address)).toEqual([
      fleet.subnet.replace(/0\/24$/, "11"),
      fleet.subnet.replace(/0\/24$/, "12"),
    ]);
    for (const host of fleet.hosts) {
      const state = await host.exec(["systemctl", "is-system-running"]);
      expect(state.stdout.trim(), (await host.exec(["systemctl", "--failed"])).stdout).toBe("running");
      expect((await host.exec(["hostname"])).stdout.trim()).toBe(host.name);
      expect((await host.exec(["cat", "/etc/hostname"])).stdout.trim()).toBe(host.name);
      // sudo looks its own name up: it must resolve without DNS.
      expect((await host.exec(["getent", "hosts", host.name])).stdout).toMatch(/^127\.0\.1\.1\s/);
      // systemd is PID 1 of the host's own PID namespace.
      expect((await host.exec(["cat", "/proc/1/comm"])).stdout.trim()).toBe("systemd");
      expect(readFileSync(`/proc/${host.systemdPid}/comm`, "utf8").trim()).toBe("systemd");
    }
  });

  it("gives each host its own SSH host key, the one known_hosts names for its address", async () => {
    const lines = fleet.knownHosts.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(readFileSync(fleet.knownHostsFile, "utf8")).toBe(fleet.knownHosts);
    const keys = lines.map((l) => l.split(" ")[2]);
    expect(new Set(keys).size).toBe(2);
    expect(fleet.knownHosts).not.toContain(machine.hostKey.split(" ")[1]);
    for (const [i, host] of fleet.hosts.entries()) {
      // An independent reading: what sshd on that address presents.
      const scanned = execFileSync("ssh-keyscan", ["-t", "ed25519", "-T", "5", host.address], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
      expect(scanned).toBe(lines[i]);
    }
  });

  it("lets deploy in over real ssh with strict host key checking, with passwordless sudo", async () => {
    for (const host of fleet.hosts) {
      const active = await fleet.ssh(host, "sudo -n systemctl is-active nginx");
      expect(active.stderr).toBe("");
      expect(active).toMatchObject({ code: 0, stdout: "active\n" });
      const who = await fleet.ssh(host, "hostname; id -un; sudo -n id -u");
      expect(who.stdout).toBe(`${host.name}\ndeploy\n0\n`);
    }
    // The same, spelled as a deploy step would spell it.
    const [h1] = fleet.hosts;
    if (!h1) throw new Error("no host");
    const out = sh("ssh", [
      "-n",
      "-o",
      "BatchMode=yes",
      "-o",
      "StrictHostKeyChecking=yes",
      "-o",
      `UserKnownHostsFile=${fleet.knownHostsFile}`,
      "-i",
      fleet.deployKey,
      `deploy@${h1.address}`,
      "sudo -n systemctl is-active nginx",
    ]);
    expect(out).toBe("active\n");
  });

  it("refuses a host whose key is not the one known_hosts has for its address", async () => {
    const [h1, h2] = fleet.hosts;
    if (!h1 || !h2) throw new Error("no hosts");
    const h2Key = fleet.knownHosts.trim().split("\n")[1]?.split(" ").slice(1).join(" ");
    const wrong = join(fleet.dir, "known_hosts.wrong");
    writeFileSync(wrong, `${h1.address} ${h2Key}\n`);
    const r = await fleet.ssh(h1, "true", { knownHostsFile: wrong });
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
    expect(r.stderr).toMatch(/Host key verification failed/);
    // And a host that known_hosts does not list at all.
    writeFileSync(wrong, "");
    const unknown = await fleet.ssh(h1, "true", { knownHostsFile: wrong });
    expect(unknown.code).toBe(255);
    expect(unknown.stderr).toMatch(/Host key verification failed/);
  });

  it("serves nginx to the test process on each address", async () => {
    for (const host of fleet.hosts) {
      const res = await fetch(`http://${host.address}/`, { signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(200);
      expect(res.headers.get("server")).toMatch(/^nginx/);
      expect(await res.text()).toContain("Welcome to nginx");
    }
  });

  it("keeps hosts apart: a unit stopped on one keeps running on the other", async () => {
    const [h1, h2] = fleet.hosts;
    if (!h1 || !h2) throw new Error("no hosts");
    expect((await fleet.ssh(h1, "sudo -n systemctl stop nginx")).code).toBe(0);
    try {
      expect((await h1.exec(["systemctl", "is-active", "nginx"])).stdout.trim()).toBe("inactive");
      expect((await h2.exec(["systemctl", "is-active", "nginx"])).stdout.trim()).toBe("active");
      expect((await fetch(`http://${h2.address}/`)).status).toBe(200);
      await expect(fetch(`http://${h1.address}/`, { signal: AbortSignal.timeout(5000) })).rejects.toThrow();
    } finally {
      expect((await fleet.ssh(h1, "sudo -n systemctl start nginx")).code).toBe(0);
    }
    // A file one host writes to its /etc is not in the other's nor the machine's.
    await h1.exec(["touch", "/etc/goship-h1-only"]);
    expect((await h2.exec(["test", "-e", "/etc/goship-h1-only"])).code).toBe(1);
    expect(existsSync("/etc/goship-h1-only")).toBe(false);
    expect(existsSync(join(h1.root, "etc", "upper", "goship-h1-only"))).toBe(true);
  });

  it("leaves the machine's /tmp, /etc and /dev alone", () => {
    expect(readFileSync(marker, "utf8")).toBe("written before the hosts booted\n");
    expect(readFileSync("/etc/hostname", "utf8")).toBe(machine.hostname);
    expect(readFileSync("/etc/ssh/ssh_host_ed25519_key.pub", "utf8")).toBe(machine.hostKey);
    expect(readFileSync("/etc/passwd", "utf8")).toBe(machine.passwd);
    expect(readdirSync("/dev").sort()).toEqual(machine.dev);
  });

  it("stops: no netns, link, mount, cgroup, process or file of the fleet remains", async () => {
    const processes = processesOf(fleet);
    expect(running(processes)).toHaveLength(2);
    expect(leftovers()).toHaveLength(2 + 3 + 1 + 1); // its netns, links, directory and cgroup
    expect(leftovers([fleet])).toEqual([]);
    await fleet.stop();
    expect(leftovers()).toEqual([]);
    expect(harnessMounts()).toEqual([]);
    expect(running(processes)).toEqual([]);
    await fleet.stop(); // idempotent
    expect(readFileSync(marker, "utf8")).toBe("written before the hosts booted\n");
  });
});

describe("fleets that fail, crash or run side by side", () => {
  it("cleans up after itself when a host does not boot in time", async () => {
    const failure = await bootFleet(1, { timeoutMs: 300 }).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    const id = /^bootFleet (gsh\d+): h1: /.exec((failure as Error).message)?.[1];
    expect(id, (failure as Error).message).toBeDefined();
    expect(leftovers()).toEqual([]);
    expect(harnessMounts()).toEqual([]);
  }, 60_000);

  it("boots two fleets at once on their own bridges and subnets, and sweeps one whose owner died", async () => {
    const booted = await Promise.allSettled([
      bootFleet(1, { prefix: "web" }),
      bootFleet(1, { prefix: "db" }),
    ]);
    const [a, b] = booted.map((r) => (r.status === "fulfilled" ? r.value : undefined));
    try {
      if (!a || !b) throw booted.find((r) => r.status === "rejected")?.reason;
      expect(a.bridge).not.toBe(b.bridge);
      expect(a.subnet).not.toBe(b.subnet);
      expect(a.hosts[0]?.name).toBe("web1");
      expect((await b.ssh(b.hosts[0] as Lab["hosts"][0], "hostname")).stdout).toBe("db1\n");
      const bProcesses = processesOf(b);
      // b's owner "dies": its state now names a process that has exited.
      const gone = Number(sh("bash", ["-c", "sleep 0 & echo $!"]).trim());
      const state = JSON.parse(readFileSync(join(b.dir, "state.json"), "utf8"));
      writeFileSync(
        join(b.dir, "state.json"),
        JSON.stringify({ ...state, owner: { pid: gone, start: "0" } }),
      );
      const swept = await sweepStaleFleets();
      expect(swept).toContain(b.id);
      expect(swept).not.toContain(a.id);
      expect(leftovers([a])).toEqual([]);
      expect(running(bProcesses)).toEqual([]);
      // a, whose owner is alive, is untouched.
      expect((await a.hosts[0]?.exec(["systemctl", "is-system-running"]))?.stdout).toBe("running\n");
    } finally {
      await Promise.all([a?.stop(), b?.stop()]);
    }
    expect(leftovers()).toEqual([]);
    expect(harnessMounts()).toEqual([]);
  }, 120_000);
});
