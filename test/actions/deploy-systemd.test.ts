import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSecurityReport } from "../../src/remote/unit-security.js";
import { deployInputs, servedVersion } from "../support/deploy-fixture.js";
import { type GinReleases, ginReleases } from "../support/gin-release.js";
import { bootFleet, type Lab, type TestHost } from "../support/hosts.js";
import { type ActionRun, runDistAction } from "../support/run-action.js";

/**
 * deploy-systemd on three real systemd hosts (test/support/hosts.ts) with the sample app
 * released through build-static and package-release: restart deploys, failures and their
 * rollbacks, waves, locks, refusals before any change, and hostile inputs.
 */

const V1 = "1.0.0";
const V2 = "2.0.0";
let fleet: Lab;
let rel: GinReleases;
let runs = 0;
const longRunnerTemp = join(mkdtempSync(join(tmpdir(), "goship-runner-")), "work", "_temp");
mkdirSync(longRunnerTemp, { recursive: true });

beforeAll(async () => {
  [fleet, rel] = await Promise.all([bootFleet(3, { prefix: "web" }), ginReleases([V1, V2])]);
}, 600_000);

afterAll(async () => {
  await fleet?.stop();
});

function deploy(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  runs++;
  return runDistAction("deploy-systemd", deployInputs(fleet, rel, V1, inputs), {
    GITHUB_RUN_ID: String(1000 + runs),
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_ACTOR: "tester",
    // As long as GitHub's (/home/runner/work/_temp): too long to nest ssh's control sockets in.
    RUNNER_TEMP: longRunnerTemp,
    ...env,
  });
}

const servedAll = () => Promise.all(fleet.hosts.map((h) => servedVersion(h)));

describe("deploy-systemd, restart strategy, on three hosts", () => {
  it("deploys v1 to every host: the unit runs hardened, /version answers v1", async () => {
    const r = await deploy({});
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await servedAll()).toEqual([V1, V1, V1]);
    const hosts = JSON.parse(r.outputs.hosts as string);
    expect(hosts).toHaveLength(3);
    expect(
      hosts.every((h: { status: string; version: string }) => h.status === "deployed" && h.version === V1),
    ).toBe(true);
    for (const h of fleet.hosts) {
      expect((await h.exec(["systemctl", "is-active", "shop.service"])).stdout.trim()).toBe("active");
      const sec = await h.exec([
        "systemd-analyze",
        "security",
        "--offline=true",
        "--no-pager",
        "shop.service",
      ]);
      expect(parseSecurityReport(sec.stdout).exposure).toBeLessThanOrEqual(2.0);
      expect((await h.exec(["stat", "-c", "%a %U", "/etc/shop/shop.env"])).stdout.trim()).toBe("600 root");
    }
    expect(r.summary).toContain("| wave | host |");
  }, 180_000);
});

/** Everything goship owns on a host, with sizes, modes and link targets: "nothing changed" compares these. */
async function footprint(h: TestHost): Promise<string> {
  const r = await h.exec([
    "sh",
    "-c",
    "find /opt/shop /etc/shop /etc/systemd/system/shop.service -printf '%p %m %s %l\\n' 2>/dev/null | sort; systemctl is-active shop.service || true",
  ]);
  return r.stdout;
}
const footprints = () => Promise.all(fleet.hosts.map(footprint));

describe("deploy-systemd refuses before any host changes", () => {
  it("a wrong host key, a tampered archive, a signature from another key", async () => {
    const before = await footprints();
    // A known_hosts whose last host has another key.
    const other =
      (await fleet.hosts[0]?.exec(["cat", "/etc/ssh/ssh_host_ed25519_key.pub"]))?.stdout.trim() ?? "";
    const lines = fleet.knownHosts.trim().split("\n");
    lines[2] = `${fleet.hosts[2]?.address} ${other.split(" ").slice(0, 2).join(" ")}`;
    const wrongKey = await deploy({ "release-dir": rel.dirs[V2] as string, "known-hosts": lines.join("\n") });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toContain(`host key for ${fleet.hosts[2]?.address} does not match known-hosts`);

    const tampered = mkdtempSync(join(tmpdir(), "goship-tampered-"));
    cpSync(rel.dirs[V2] as string, tampered, { recursive: true });
    const archive = readdirSync(tampered).find((f) => f.endsWith(".tar.gz")) as string;
    const bytes = readFileSync(join(tampered, archive));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(join(tampered, archive), bytes);
    const bad = await deploy({ "release-dir": tampered });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`${archive.replaceAll(".", "\\.")}.*(sha256|checksum)`, "i"));

    const otherKey = (await import("../support/keys.js")).opensslKey();
    const foreign = await deploy({
      "release-dir": rel.dirs[V2] as string,
      "public-key": readFileSync(otherKey.pub, "utf8"),
    });
    expect(foreign.code).toBe(1);
    expect(foreign.stdout).toMatch(/signature/i);

    expect(await footprints()).toEqual(before);
    expect(await servedAll()).toEqual([V1, V1, V1]);
  }, 120_000);

  it("hostile inputs: one clear error each, naming the input, nothing changed", async () => {
    const before = await footprints();
    const cases: [Record<string, string>, string][] = [
      [{ app: "x; rm -rf /" }, 'input "app"'],
      [{ version: "../../etc" }, 'input "version"'],
      [{ hosts: "-oProxyCommand=touch /tmp/pwned" }, 'input "hosts"'],
      [{ environment: "GOOD=1\nline two has no equals sign\n" }, 'input "environment"'],
      [{ environment: "PORT=9999" }, 'input "environment"'],
      [{ args: "ok\u0007bad" }, 'input "args"'],
      [{ "health-path": "/ready\nX-Evil: 1" }, 'input "health-path"'],
      [{ "rollback-to": "../x", mode: "rollback" }, 'input "rollback-to"'],
    ];
    for (const [inputs, named] of cases) {
      const r = await deploy(inputs);
      expect(r.code, JSON.stringify(inputs)).toBe(1);
      const errors = r.stdout.split("\n").filter((l) => l.startsWith("::error::"));
      expect(errors, JSON.stringify(inputs)).toHaveLength(1);
      expect(errors[0], JSON.stringify(inputs)).toContain(named);
      // The runner consumes ::add-mask:: lines; nothing else may show the secret.
      const shown = r.stdout.split("\n").filter((l) => !l.startsWith("::add-mask::"));
      expect(shown.join("\n")).not.toContain("line two has no equals sign");
    }
    expect(await footprints()).toEqual(before);
    expect(await fleet.hosts[0]?.exec(["test", "-e", "/tmp/pwned"])).toMatchObject({ code: 1 });
  }, 120_000);
});

describe("a failing release is rolled back on every host", () => {
  it("/ready fails (FAULT_READY=false): the deploy fails naming the host and why; every host serves v1", async () => {
    const r = await deploy({
      "release-dir": rel.dirs[V2] as string,
      environment: "FAULT_READY=false\n",
      "health-timeout": "5s",
    });
    expect(r.code).toBe(1);
    const error = r.stdout.split("\n").find((l) => l.startsWith("::error::")) ?? "";
    expect(error).toMatch(/deploy failed on .*10\.77\.\d+\.\d+/);
    expect(error).toContain("/ready");
    expect(error).toContain("503");
    expect(await servedAll()).toEqual([V1, V1, V1]);
    for (const h of fleet.hosts) {
      const ready = await fetch(`http://${h.address}:8080/ready`);
      expect(ready.status).toBe(200); // v1 runs with v1's environment again
    }
    // The refused environment is not kept as 2.0.0's: a later rollback-to 2.0.0 will not restore it.
    for (const h of fleet.hosts) {
      expect((await h.exec(["grep", "-qs", "FAULT_READY", `/etc/shop/versions/${V2}.env`])).code).not.toBe(0);
    }
    expect(r.outputs["rolled-back"]).toBe("true");
    const hosts = JSON.parse(r.outputs.hosts as string) as { status: string; version: string }[];
    expect(hosts.map((h) => h.version)).toEqual([V1, V1, V1]);
    expect(r.summary).toContain("What failed or rolled back");
  }, 180_000);

  it("waves 1,100%: a second-wave host fails, and the first wave is rolled back too (rollback-fleet)", async () => {
    const h3 = fleet.hosts[2] as TestHost;
    await withBrokenHost(h3, async () => {
      const r = await deployInWaves({});
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${h3.address}`);
      expect(await servedAll()).toEqual([V1, V1, V1]);
      const hosts = JSON.parse(r.outputs.hosts as string) as { wave: number; status: string }[];
      expect(hosts.map((h) => h.wave)).toEqual([1, 2, 2]);
      expect(hosts[0]?.status).toBe("rolled-back");
      expect(hosts[2]?.status).toBe("failed");
    });
  }, 180_000);

  it("with on-failure: rollback-wave, the first wave keeps the new version", async () => {
    await withBrokenHost(fleet.hosts[2] as TestHost, async () => {
      const r = await deployInWaves({ "on-failure": "rollback-wave" });
      expect(r.code).toBe(1);
      expect(await servedAll()).toEqual([V2, V1, V1]);
    });
    // Back to one version for the next tests.
    const again = await deploy({ "release-dir": rel.dirs[V1] as string });
    expect(again.code, again.stdout).toBe(0);
    expect(await servedAll()).toEqual([V1, V1, V1]);
  }, 240_000);
});

/** 2.0.0 in waves 1,100%, giving up on health after 5 s. */
const deployInWaves = (extra: Record<string, string>) =>
  deploy({ "release-dir": rel.dirs[V2] as string, waves: "1,100%", "health-timeout": "5s", ...extra });

/** Runs `fn` while every version fails /ready on `h`, then repairs `h`. */
async function withBrokenHost(h: TestHost, fn: () => Promise<void>): Promise<void> {
  await breakHost(h);
  try {
    await fn();
  } finally {
    await fixHost(h);
  }
}

/** Makes every version fail /ready on this host only (a drop-in the env file does not override). */
async function breakHost(h: TestHost): Promise<void> {
  await h.exec([
    "sh",
    "-c",
    "mkdir -p /etc/systemd/system/shop.service.d && printf '[Service]\\nEnvironment=FAULT_READY=false\\n' > /etc/systemd/system/shop.service.d/fault.conf && systemctl daemon-reload",
  ]);
}
async function fixHost(h: TestHost): Promise<void> {
  await h.exec([
    "sh",
    "-c",
    "rm -rf /etc/systemd/system/shop.service.d && systemctl daemon-reload && systemctl restart shop.service",
  ]);
}

describe("dry-run, inventory and wave-wait", () => {
  it("dry-run with an inventory: plans every host in the inventory's waves and changes nothing", async () => {
    const before = await footprints();
    const dir = mkdtempSync(join(tmpdir(), "goship-inventory-"));
    const [a, b, c] = fleet.hosts.map((h) => h.address);
    writeFileSync(
      join(dir, "hosts.yml"),
      `hosts:\n  - host: ${c}\n    wave: 2\n    labels: {zone: b}\n  - host: ${a}\n    wave: 1\n  - ${b}\n`,
    );
    const r = await deploy({
      hosts: "",
      inventory: join(dir, "hosts.yml"),
      "release-dir": rel.dirs[V2] as string,
      "dry-run": "true",
    });
    expect(r.code, r.stdout).toBe(0);
    const hosts = JSON.parse(r.outputs.hosts as string) as {
      address: string;
      wave: number;
      status: string;
    }[];
    // Numbered waves first, in order; hosts without a wave go last.
    expect(hosts.map((h) => [h.address, h.wave, h.status])).toEqual([
      [a, 1, "planned"],
      [c, 2, "planned"],
      [b, 3, "planned"],
    ]);
    expect(r.stdout).toContain(`will get ${V2}`);
    expect(await footprints()).toEqual(before);
    // No lock was taken, so nothing is left to release either.
    for (const h of fleet.hosts)
      expect((await h.exec(["test", "-e", "/opt/shop/.goship/lock"])).code).toBe(1);
  }, 60_000);

  it("reaches hosts through proxy-jump, checking the jump host's key too", async () => {
    const [jump, h2, h3] = fleet.hosts as [TestHost, TestHost, TestHost];
    const r = await deploy({
      hosts: `${h2.address},${h3.address}`,
      "proxy-jump": `deploy@${jump.address}`,
      mode: "status",
    });
    expect(r.code, r.stdout).toBe(0);
    for (const h of [h2, h3]) {
      const log = await h.exec(["journalctl", "-u", "ssh.service", "--no-pager", "-o", "cat"]);
      expect(log.stdout).toContain(`Accepted publickey for deploy from ${jump.address}`);
    }
    // A known_hosts without the jump host's key: refused at the jump, nothing reaches the hosts.
    const withoutJump = fleet.knownHosts
      .split("\n")
      .filter((l) => !l.startsWith(`${jump.address} `))
      .join("\n");
    const refused = await deploy({
      hosts: `${h2.address},${h3.address}`,
      "proxy-jump": `deploy@${jump.address}`,
      "known-hosts": withoutJump,
      mode: "status",
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`host key for ${jump.address} is not in known-hosts`);
  }, 60_000);

  it("waits wave-wait between waves", async () => {
    const r = await deploy({ "release-dir": rel.dirs[V1] as string, waves: "1,100%", "wave-wait": "1s" });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain("waiting 1 s (wave-wait) before wave 2");
    // A progress line as each host's work starts, with its wave and its place in the fleet.
    const starts = r.stdout
      .split("\n")
      .filter((l) => l.startsWith("→ "))
      .map((l) => l.replace(/\] \S+ \(/, "] host ("))
      .sort();
    expect(starts).toEqual(["→ [wave 1] host (1/3)", "→ [wave 2] host (2/3)", "→ [wave 2] host (3/3)"]);
  }, 60_000);
});

describe("locks, rollback mode and status", () => {
  it("two deploys at once: the second waits for the first's lock, then runs", async () => {
    const [a, b] = await Promise.all([
      deploy({ "release-dir": rel.dirs[V2] as string }),
      (async () => {
        await new Promise((r) => setTimeout(r, 300));
        return deploy({ "release-dir": rel.dirs[V2] as string });
      })(),
    ]);
    expect(a.code, a.stdout).toBe(0);
    expect(b.code, b.stdout).toBe(0);
    expect(a.stdout + b.stdout).toContain("waiting for the deploy lock held by run-");
    expect(await servedAll()).toEqual([V2, V2, V2]);
  }, 180_000);

  it("a stale lock past its TTL is taken over with a warning", async () => {
    const h = fleet.hosts[1] as TestHost;
    await h.exec([
      "sh",
      "-c",
      "mkdir -p /opt/shop/.goship/lock && echo crashed-run > /opt/shop/.goship/lock/holder && echo $(( $(date +%s) - 7200 )) > /opt/shop/.goship/lock/since",
    ]);
    const r = await deploy({ "release-dir": rel.dirs[V2] as string });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/::warning::.*took over the deploy lock of crashed-run/);
    expect((await h.exec(["test", "-e", "/opt/shop/.goship/lock"])).code).toBe(1);
  }, 120_000);

  it("mode rollback to a version missing on one host is refused before any change; to the previous one works", async () => {
    // 2.0.0 everywhere, 1.0.0 too; remove 1.0.0 from one host by hand.
    const h = fleet.hosts[2] as TestHost;
    await h.exec(["rm", "-rf", `/opt/shop/releases/${V1}`]);
    const before = await footprints();
    const refused = await deploy({ mode: "rollback", "rollback-to": V1 });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`${h.address}`);
    expect(refused.stdout).toContain(`release ${V1} is not installed there`);
    expect(await footprints()).toEqual(before);
    const two = fleet.hosts
      .slice(0, 2)
      .map((x) => x.address)
      .join(",");
    const ok = await deploy({ mode: "rollback", hosts: two });
    expect(ok.code, ok.stdout).toBe(0);
    expect(await servedAll()).toEqual([V1, V1, V2]);
  }, 120_000);

  it("mode status lists versions, units and history per host", async () => {
    const r = await deploy({ mode: "status" });
    expect(r.code, r.stdout).toBe(0);
    const hosts = JSON.parse(r.outputs.hosts as string) as { version: string; status: string }[];
    expect(hosts.map((x) => x.version)).toEqual([V1, V1, V2]);
    expect(r.summary).toContain("| time | actor | action | version | from | result |");
    expect(r.summary).toContain("tester");
  }, 60_000);
});

describe("GitHub Deployments (against the stand-in, which speaks GitHub's documented API)", () => {
  it("records Deployments (in_progress, then success or failure) and deploys from a release-tag", async () => {
    const { startGitHubServer } = await import("../support/github-server.js");
    const gh = await startGitHubServer();
    try {
      const env = {
        GITHUB_API_URL: gh.apiUrl,
        GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
        GITHUB_SHA: gh.refs.get("main")?.sha ?? "",
        GITHUB_SERVER_URL: "https://github.example",
      };
      const ok = await deploy(
        { "release-dir": rel.dirs[V1] as string, "environment-name": "production", "github-token": gh.token },
        env,
      );
      expect(ok.code, ok.stdout).toBe(0);
      expect(gh.deployments).toHaveLength(1);
      const [first] = gh.deployments;
      expect(ok.outputs["deployment-id"]).toBe(String(first?.id));
      expect(first?.statuses.map((s) => s.state)).toEqual(["in_progress", "success"]);
      expect(first?.statuses[1]?.logUrl).toMatch(/^https:\/\/github\.example\/.*\/actions\/runs\/\d+$/);

      const bad = await deploy(
        {
          "release-dir": rel.dirs[V2] as string,
          environment: "FAULT_READY=false",
          "health-timeout": "3s",
          "environment-name": "production",
          "github-token": gh.token,
        },
        env,
      );
      expect(bad.code).toBe(1);
      expect(gh.deployments[1]?.statuses.map((s) => s.state)).toEqual(["in_progress", "failure"]);
      expect(gh.deployments[1]?.statuses[1]?.description).toMatch(/failed on/);
      // release-tag: the same release, downloaded from the GitHub Release, verified, deployed.
      const release = gh.addRelease({ tagName: `v${V1}` });
      for (const name of readdirSync(rel.dirs[V1] as string)) {
        gh.addAsset(release, name, readFileSync(join(rel.dirs[V1] as string, name)));
      }
      const fromTag = await deploy(
        { "release-dir": "", "release-tag": `v${V1}`, "github-token": gh.token },
        env,
      );
      expect(fromTag.code, fromTag.stdout).toBe(0);
      expect(fromTag.stdout).toContain(`Download release v${V1}`);
      expect(await servedAll()).toEqual([V1, V1, V1]);
      // The older release, validly signed, put under the newer tag: refused before any host changes.
      const renamed = gh.addRelease({ tagName: `v${V2}` });
      for (const name of readdirSync(rel.dirs[V1] as string)) {
        gh.addAsset(renamed, name, readFileSync(join(rel.dirs[V1] as string, name)));
      }
      const beforeRenamed = await footprints();
      const older = await deploy(
        { "release-dir": "", "release-tag": `v${V2}`, "github-token": gh.token },
        env,
      );
      expect(older.code).toBe(1);
      expect(older.stdout.split("\n").filter((l) => l.startsWith("::error::"))).toEqual([
        `::error::deploy-systemd: input "release-tag" has value "v${V2}": a tag whose release has version ${V2} (the tag without its "v"); where tags are not versions, give the version as input "version"; its goship-manifest.json says gin-app ${V1}`,
      ]);
      expect(await footprints()).toEqual(beforeRenamed);
      // A tampered asset on the release is refused by its digest or the signature, before any host changes.
      const tampered = gh.addRelease({ tagName: "v9.9.9" });
      for (const name of readdirSync(rel.dirs[V2] as string)) {
        const bytes = readFileSync(join(rel.dirs[V2] as string, name));
        gh.addAsset(
          tampered,
          name,
          name === "SHA256SUMS" ? Buffer.concat([bytes, Buffer.from("# x\n")]) : bytes,
        );
      }
      const beforeTag = await footprints();
      const refused = await deploy(
        { "release-dir": "", "release-tag": "v9.9.9", "github-token": gh.token },
        env,
      );
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/SHA256SUMS.*signature/i);
      expect(await footprints()).toEqual(beforeTag);

      // A token without deployments: write fails clearly, before any host changes.
      const before = await footprints();
      const ro = await deploy(
        {
          "release-dir": rel.dirs[V2] as string,
          "environment-name": "production",
          "github-token": gh.readOnlyToken,
        },
        env,
      );
      expect(ro.code).toBe(1);
      expect(ro.stdout).toContain("deployments: write");
      expect(await footprints()).toEqual(before);
    } finally {
      await gh.close();
    }
  }, 120_000);
});
