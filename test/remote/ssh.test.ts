import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/kit/errors.js";
import { remoteCommand, remoteStep, shellQuote } from "../../src/remote/command.js";
import {
  formatHostSpec,
  type HostSpec,
  parseHostList,
  parseHostSpec,
  parseProxyJump,
} from "../../src/remote/hosts-spec.js";
import { HostKeyError, SshClient, SshConnectionError, StepError } from "../../src/remote/ssh.js";
import { checkKnownHosts } from "../../src/remote/ssh-files.js";
import { bootFleet, type Lab, type TestHost } from "../support/hosts.js";

const defaults = { user: "deploy" };

/** Values a shell would love to interpret. Each must arrive as data, byte for byte. */
const HOSTILE = [
  "$(touch /tmp/pwned)",
  "`touch /tmp/pwned`",
  "'; touch /tmp/pwned; '",
  '"; touch /tmp/pwned; "',
  "'\\''",
  "'",
  "''",
  "\\",
  "a'b\"c`d$e",
  "line1\nline2\n",
  "\n",
  "\r\n",
  "tab\there",
  "",
  "  spaced  out  ",
  "*",
  "~",
  "~root",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, meant literally
  "$HOME ${IFS} $$ $0 $1 $@",
  "-c",
  "--",
  "-oProxyCommand=touch /tmp/pwned",
  "; touch /tmp/pwned #",
  "| touch /tmp/pwned",
  "&& touch /tmp/pwned",
  "> /tmp/pwned",
  "%h %p %C %%",
  "!! !$ !event",
  "héllo ✓ ünïcödé 🚀",
  "\u0001\u007f control",
  "x".repeat(50_000),
];

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

describe("host specs", () => {
  it("parses [user@]host[:port] with the defaults filled in", () => {
    expect(parseHostSpec("web1", defaults)).toEqual({ user: "deploy", host: "web1", port: 22 });
    expect(parseHostSpec("root@10.0.0.1:2222", defaults)).toEqual({
      user: "root",
      host: "10.0.0.1",
      port: 2222,
    });
    expect(parseHostSpec("WEB-1.Example.COM", defaults)).toEqual({
      user: "deploy",
      host: "web-1.example.com",
      port: 22,
    });
    expect(parseHostSpec("_svc-1@[2001:DB8::1]:65535", defaults)).toEqual({
      user: "_svc-1",
      host: "2001:db8::1",
      port: 65535,
    });
    expect(parseHostSpec("[::1]", { user: "ops", port: 2200 })).toEqual({
      user: "ops",
      host: "::1",
      port: 2200,
    });
    expect(formatHostSpec({ user: "a", host: "::1", port: 22 })).toBe("a@[::1]:22");
  });

  it.each([
    ["-oProxyCommand=touch /tmp/x", /starts with "-"/],
    ["a b", /whitespace/],
    ["host;rm", /";"/],
    ["user@", /no host/],
    ["[::1", /without a closing/],
    ["host:0", /port "0" is not 1-65535/],
    ["host:99999", /port "99999" is not 1-65535/],
    ["host:", /no port/],
    ["@host", /no user/],
    ["Root@host", /not a user name/],
    ["a@b@c", /more than one "@"/],
    ["::1", /more than one ":"/],
    ["[not-v6]:22", /not an IPv6 address/],
    ["[::1]x", /after "]"/],
    ["host$(id)", /"\$"/],
    ["host`id`", /"`"/],
    ["host\nother", /whitespace/],
    ["999.1.1.1", /not an IPv4 address/],
    ["1.2.3", /not an IPv4 address/],
    ["-host", /starts with "-"/],
    ["host-.example", /not a DNS label/],
    ["a..b", /empty label/],
    ["host.123", /neither a name nor an address/],
    ["x:22:33", /more than one ":"/],
    ["host%eth0", /"%"/],
  ])("refuses %j with an InputError naming hosts", (spec, why) => {
    let error: unknown;
    try {
      parseHostSpec(spec, defaults);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain(`input "hosts" has value ${JSON.stringify(spec)}`);
    expect(message).toMatch(why);
    expect((error as InputError).problems).toEqual([
      expect.objectContaining({ input: "hosts", value: spec }),
    ]);
  });

  it("reads a newline- or comma-separated list, dropping blanks and duplicates, keeping order", () => {
    const list = parseHostList("web2, deploy@web1:22\r\n\n web1 ,[::1]:2222,\nroot@web1, web2:22", defaults);
    expect(list.map(formatHostSpec)).toEqual([
      "deploy@web2:22",
      "deploy@web1:22",
      "deploy@[::1]:2222",
      "root@web1:22",
    ]);
    expect(parseHostList(" \n, ", defaults)).toEqual([]);
  });

  it("reports every bad entry of a list at once", () => {
    expect(() => parseHostList("good, bad host\n-oProxyCommand=x,ok:0", defaults)).toThrow(
      /3 inputs are invalid:[\s\S]*"bad host"[\s\S]*"-oProxyCommand=x"[\s\S]*"ok:0"/,
    );
  });

  it("checks proxy-jump hops the same way, under their own input name", () => {
    expect(parseProxyJump("bastion, ops@jump2:2222", defaults)).toEqual([
      { user: "deploy", host: "bastion", port: 22 },
      { user: "ops", host: "jump2", port: 2222 },
    ]);
    expect(parseProxyJump("", defaults)).toEqual([]);
    expect(() => parseProxyJump("-oProxyCommand=touch /tmp/x", defaults)).toThrow(
      /input "proxy-jump" has value "-oProxyCommand=touch \/tmp\/x": starts with "-"/,
    );
    expect(() => parseProxyJump("jump;id", defaults)).toThrow(/input "proxy-jump"/);
  });

  it("refuses a bad ssh-user default", () => {
    expect(() => parseHostSpec("web1", { user: "-oX" })).toThrow(/input "ssh-user" has value "-oX"/);
  });
});

describe("shell quoting", () => {
  it("gives any value back byte for byte through a POSIX shell (dash and bash)", () => {
    for (const shell of ["/bin/sh", "/bin/bash"]) {
      for (const value of HOSTILE) {
        const out = execFileSync(shell, ["-c", `printf %s ${shellQuote(value)}`]);
        expect(out.toString("hex"), `${shell}: ${JSON.stringify(value.slice(0, 40))}`).toBe(
          Buffer.from(value).toString("hex"),
        );
      }
    }
  });

  it("quotes every word, quotes included", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("plain")).toBe("'plain'");
  });

  it("refuses what no argument can carry", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
    expect(() => shellQuote("\ud800")).toThrow(/surrogate/);
  });

  it("builds the remote command from quoted words, the script a constant, set -eu first", () => {
    const step = remoteStep("say", 'printf "%s\\n" "$1"');
    expect(step.script).toBe('set -eu\nprintf "%s\\n" "$1"\n');
    expect(remoteCommand(step, ["it's"], { sudo: true, timeoutSec: 60 })).toBe(
      `'sudo' '-n' '--' 'timeout' '-k' '10' '60' 'sh' '-c' 'set -eu\nprintf "%s\\n" "$1"\n' 'goship-say' 'it'\\''s'`,
    );
    expect(() => remoteCommand({ name: "loose", script: "echo hi" }, [], { timeoutSec: 1 })).toThrow(
      /set -eu/,
    );
    expect(() => remoteCommand(step, ["x".repeat(130_000)], { timeoutSec: 1 })).toThrow(
      /send large data on stdin/,
    );
    expect(() => remoteStep("Bad Name", "true")).toThrow();
  });
});

describe("client inputs", () => {
  it("checks known-hosts lines and allows @cert-authority", () => {
    const key = "AAAAC3NzaC1lZDI1NTE5AAAAIHh0ZXN0a2V5aGVyZXRlc3RrZXloZXJldGVzdGtleQ==";
    expect(
      checkKnownHosts(
        `# fleet\n10.0.0.1 ssh-ed25519 ${key}\r\n@cert-authority *.example.com ssh-ed25519 ${key} ca`,
      ),
    ).toBe(`# fleet\n10.0.0.1 ssh-ed25519 ${key}\n@cert-authority *.example.com ssh-ed25519 ${key} ca\n`);
    expect(() => checkKnownHosts("")).toThrow(/input "known-hosts".*has no host key/);
    expect(() => checkKnownHosts(`@revoked * ssh-ed25519 ${key}`)).toThrow(/has no host key/);
    expect(() => checkKnownHosts("10.0.0.1 ssh-ed25519")).toThrow(/fewer than three fields/);
    expect(() => checkKnownHosts(`@trusted * ssh-ed25519 ${key}`)).toThrow(/unknown marker/);
    expect(() => checkKnownHosts("10.0.0.1 ssh-ed25519 not*base64")).toThrow(/not base64/);
  });

  it("refuses a key OpenSSH cannot load without a passphrase, without echoing it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "goship-sshkey-"));
    try {
      execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "secret-pass", "-f", join(dir, "k")]);
      const knownHosts = `10.0.0.1 ${readFileSync(join(dir, "k.pub"), "utf8")}`;
      const locked = readFileSync(join(dir, "k"), "utf8");
      const baseDir = join(dir, "base");
      mkdirSync(baseDir);
      // The check runs beside what the caller does next; ready() gives its answer.
      const c1 = await SshClient.create({ privateKey: locked, knownHosts, baseDir });
      const e1 = await c1.ready().catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(InputError);
      expect(String(e1)).toMatch(
        /input "ssh-private-key" has value "\*\*\*": not a private key OpenSSH can load/,
      );
      expect(String(e1)).not.toContain(locked.split("\n")[1]);
      // No session connects with it, whether or not the caller asked ready() first: ssh never starts.
      const open = await c1
        .session({ user: "deploy", host: "10.0.0.1", port: 22 })
        .open()
        .catch((e: unknown) => e);
      expect(open).toBe(e1);
      expect(readdirSync(c1.dir).filter((f) => /^c\d/.test(f))).toEqual([]); // no control socket, no ssh log
      const c2 = await SshClient.create({ privateKey: "not a key", knownHosts, baseDir });
      expect(String(await c2.ready().catch((e: unknown) => e))).toMatch(/input "ssh-private-key"/);
      await Promise.all([c1.close(), c2.close()]);
      // Nothing is left behind: the closed clients removed their directories, key included.
      expect(readdirSync(baseDir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The lines sshd on the host logged for each accepted connection, in order. */
async function accepted(host: TestHost): Promise<string[]> {
  const r = await host.exec(["journalctl", "-u", "ssh", "-o", "cat", "--no-pager"]);
  return r.stdout.split("\n").filter((l) => l.startsWith("Accepted publickey for deploy"));
}

/** New accepted connections since `before`, once the journal has caught up. */
async function acceptedSince(host: TestHost, before: number, atLeast: number): Promise<string[]> {
  const deadline = Date.now() + 5000;
  let lines = await accepted(host);
  while (lines.length < before + atLeast && Date.now() < deadline) {
    await sleep(100);
    lines = await accepted(host);
  }
  await sleep(300); // anything later than that would be a connection too many
  return (await accepted(host)).slice(before);
}

/** PIDs of processes whose command line mentions `text` (the client's directory). */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(text)) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

const alive = (pid: number) =>
  existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));

const WHO = remoteStep("who", `printf '%s %s %s\\n' "$(id -un)" "$0" "$#"`);
const FAIL = remoteStep("fail-on-purpose", `echo "working on $1"\necho "cannot do $1" >&2\nexit "$2"`);
const STOPS_AT_FALSE = remoteStep("stops-at-false", "false\necho unreachable");
const REFUSES_UNSET = remoteStep("refuses-unset", 'echo "value: $never_set"\necho unreachable');
const HASH_ARGS = remoteStep(
  "hash-args",
  `printf '%s\\n' "$#"\nfor a in "$@"; do printf %s "$a" | sha256sum; done`,
);
const HASH_STDIN = remoteStep("hash-stdin", "sha256sum");
const MARK = remoteStep("mark", "touch /tmp/goship-marker");
const CONNECTION = remoteStep("connection", `printf '%s\\n' "$SSH_CONNECTION"`);
const SLEEP = remoteStep("sleep", 'sleep "$1"');

describe("SSH sessions on real hosts", () => {
  let fleet: Lab;
  let h1: TestHost;
  let h2: TestHost;
  const clients: SshClient[] = [];
  const spec = (h: TestHost): HostSpec => ({ user: "deploy", host: h.address, port: 22 });
  const newClient = async (opts: { knownHosts?: string; proxyJump?: HostSpec[] } = {}) => {
    const c = await SshClient.create({
      privateKey: readFileSync(fleet.deployKey, "utf8"),
      knownHosts: opts.knownHosts ?? fleet.knownHosts,
      proxyJump: opts.proxyJump,
      connectTimeoutSec: 5,
    });
    clients.push(c);
    return c;
  };
  /** known_hosts with host `i`'s line carrying another host's key. */
  const wrongKeyFor = (i: number) => {
    const lines = fleet.knownHosts.trim().split("\n");
    const other = lines[(i + 1) % lines.length]?.split(" ").slice(1).join(" ");
    return lines.map((l, j) => (j === i ? `${l.split(" ")[0]} ${other}` : l)).join("\n");
  };

  beforeAll(async () => {
    fleet = await bootFleet(2);
    [h1, h2] = fleet.hosts as [TestHost, TestHost];
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await fleet?.stop();
  });

  it("runs a step as the ssh user and as root through sudo", async () => {
    const ssh = await newClient();
    const s = ssh.session(spec(h1));
    expect((await s.run(WHO, ["a", "b c"])).stdout).toBe("deploy goship-who 2\n");
    expect((await s.run(WHO, [], { sudo: true })).stdout).toBe("root goship-who 0\n");
    const stdin = randomBytes(100_000);
    expect((await s.run(HASH_STDIN, [], { stdin })).stdout).toBe(`${sha256(stdin)}  -\n`);
    expect((await s.run(HASH_STDIN, [], { stdin: "text", sudo: true })).stdout).toBe(
      `${sha256("text")}  -\n`,
    );
    await ssh.close();
  });

  it("sweeps what a client killed before close() left: its master is ended, its key removed", async () => {
    const base = mkdtempSync(join(tmpdir(), "gss-"));
    const killed = await SshClient.create({
      privateKey: readFileSync(fleet.deployKey, "utf8"),
      knownHosts: fleet.knownHosts,
      baseDir: base,
    });
    const s = killed.session(spec(h1));
    await s.open();
    const master = s.masterPid as number;
    expect(readFileSync(`/proc/${master}/cmdline`, "utf8")).toContain(killed.dir);
    // As if its process had been SIGKILLed: the owner named in the directory is gone.
    const gone = spawnSync("true").pid as number;
    writeFileSync(join(killed.dir, "owner"), `${gone} 1\n`);
    const next = await SshClient.create({
      privateKey: readFileSync(fleet.deployKey, "utf8"),
      knownHosts: fleet.knownHosts,
      baseDir: base,
    });
    await expect.poll(() => existsSync(`/proc/${master}`), { timeout: 5000 }).toBe(false);
    expect(existsSync(killed.dir)).toBe(false);
    // A live client's directory is left alone.
    expect(existsSync(next.dir)).toBe(true);
    await next.close();
    await killed.close();
    rmSync(base, { recursive: true, force: true });
  });

  it("checks exit codes: a failing step is a StepError with the step, the code and the end of stderr", async () => {
    const ssh = await newClient();
    const s = ssh.session(spec(h2));
    for (const sudo of [false, true]) {
      const e = await s.run(FAIL, ["the thing", "7"], { sudo }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StepError);
      expect((e as StepError).message).toBe(
        `step "fail-on-purpose" on deploy@${h2.address}:22 exited with code 7:\ncannot do the thing`,
      );
      expect((e as StepError).result).toMatchObject({ code: 7, stdout: "working on the thing\n" });
    }
    expect((await s.run(FAIL, ["x", "3"], { allowFailure: true })).code).toBe(3);
    // set -eu: the first failing command or unset variable ends the step.
    const e1 = (await s.run(STOPS_AT_FALSE, []).catch((x: unknown) => x)) as StepError;
    expect(e1.result).toMatchObject({ code: 1, stdout: "" });
    const e2 = (await s.run(REFUSES_UNSET, []).catch((x: unknown) => x)) as StepError;
    expect(e2.result.code).not.toBe(0);
    expect(e2.result.stdout).toBe("");
    expect(e2.message).toMatch(/never_set/);
    await ssh.close();
  });

  it("runs 10 steps (and 12 at once) over exactly one SSH connection, per sshd's log", async () => {
    const before = (await accepted(h2)).length;
    const ssh = await newClient();
    const s = ssh.session(spec(h2));
    for (let i = 0; i < 10; i++) {
      expect((await s.run(WHO, [String(i)], { sudo: i % 2 === 1 })).code).toBe(0);
    }
    // More at once than sshd's MaxSessions (10): the session queues them on the one connection.
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => s.run(HASH_ARGS, [String(i)])));
    expect(many.map((r) => r.stdout.split("\n")[1])).toEqual(
      Array.from({ length: 12 }, (_, i) => `${sha256(String(i))}  -`),
    );
    await ssh.close();
    const lines = await acceptedSince(h2, before, 1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`from ${fleet.gateway} `);
    expect(s.connectionsOpened).toBe(1);
    expect(ssh.connectionCounts()).toEqual([{ host: `deploy@${h2.address}:22`, connections: 1 }]);
  });

  it("passes hostile arguments byte for byte, as data only, with and without sudo", async () => {
    const ssh = await newClient();
    const s = ssh.session(spec(h1));
    for (const sudo of [false, true]) {
      const r = await s.run(HASH_ARGS, HOSTILE, { sudo });
      const [count, ...hashes] = r.stdout.trimEnd().split("\n");
      expect(Number(count)).toBe(HOSTILE.length);
      expect(hashes).toEqual(HOSTILE.map((a) => `${sha256(a)}  -`));
    }
    for (const path of ["/tmp/pwned", "/pwned", "/home/deploy/pwned"]) {
      expect((await h1.exec(["test", "-e", path])).code, path).toBe(1);
    }
    await ssh.close();
  });

  it("uploads a few-MB file with sudo to /opt/x/file, mode 0644, checked by sha256 on the host", async () => {
    const dir = mkdtempSync(join(tmpdir(), "goship-upload-"));
    const ssh = await newClient();
    try {
      const file = join(dir, "blob");
      const data = randomBytes(4 * 1024 * 1024 + 123);
      writeFileSync(file, data);
      const s = ssh.session(spec(h1));
      const up = await s.upload(file, "/opt/x/file", { sudo: true, mode: "0644" });
      expect(up).toEqual({ sha256: sha256(data), size: data.length });
      expect((await h1.exec(["stat", "-c", "%a %U %s", "/opt/x/file"])).stdout).toBe(
        `644 root ${data.length}\n`,
      );
      expect((await h1.exec(["sha256sum", "/opt/x/file"])).stdout).toBe(`${sha256(data)}  /opt/x/file\n`);
      // Replaced whole, with its mode; no temporary file left beside it.
      writeFileSync(file, "v2\n");
      await s.upload(file, "/opt/x/file", { sudo: true, mode: 0o755 });
      expect((await h1.exec(["stat", "-c", "%a", "/opt/x/file"])).stdout).toBe("755\n");
      expect((await h1.exec(["cat", "/opt/x/file"])).stdout).toBe("v2\n");
      expect((await h1.exec(["ls", "-A", "/opt/x"])).stdout).toBe("file\n");
      // Without sudo, /opt is not the deploy user's: a StepError, and nothing written.
      const e = await s.upload(file, "/opt/y/file").catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StepError);
      expect((e as Error).message).toMatch(/step "upload" .* exited with code 1:[\s\S]*Permission denied/);
      expect((await h1.exec(["test", "-e", "/opt/y"])).code).toBe(1);
      await expect(s.upload(file, "/opt/../etc/passwd", { sudo: true })).rejects.toThrow(
        /not an absolute path/,
      );
    } finally {
      await ssh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a host whose key does not match known-hosts before running anything", async () => {
    const before = (await accepted(h1)).length;
    const ssh = await newClient({ knownHosts: wrongKeyFor(0) });
    const s = ssh.session(spec(h1));
    const e = await s.run(MARK, [], { sudo: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostKeyError);
    expect((e as Error).message).toBe(
      `host key for ${h1.address} does not match known-hosts: refusing to connect`,
    );
    expect((await h1.exec(["test", "-e", "/tmp/goship-marker"])).code).toBe(1);
    expect(s.connectionsOpened).toBe(0);
    expect(await acceptedSince(h1, before, 0)).toEqual([]);
    // The other host, whose line is right, is unaffected.
    expect((await ssh.session(spec(h2)).run(WHO, [])).stdout).toBe("deploy goship-who 0\n");
    await ssh.close();
  });

  it("refuses a host known-hosts does not list, and trusts one vouched for by @cert-authority", async () => {
    const others = fleet.knownHosts.trim().split("\n").slice(0, 1).join("\n");
    const missing = await newClient({ knownHosts: others });
    await expect(missing.session(spec(h2)).run(MARK, [])).rejects.toThrow(
      `host key for ${h2.address} is not in known-hosts: refusing to connect (keys are never trusted on first use)`,
    );
    await missing.close();
    expect((await h2.exec(["test", "-e", "/tmp/goship-marker"])).code).toBe(1);

    // Sign h2's own host key with a CA, have its sshd present the certificate, and list only the CA.
    const dir = mkdtempSync(join(tmpdir(), "goship-ca-"));
    const conf = "/etc/ssh/sshd_config.d/goship-test-cert.conf";
    try {
      execFileSync("ssh-keygen", [
        "-q",
        "-t",
        "ed25519",
        "-N",
        "",
        "-C",
        "goship test CA",
        "-f",
        join(dir, "ca"),
      ]);
      const hostKey = fleet.knownHosts.trim().split("\n")[1]?.split(" ").slice(1).join(" ");
      writeFileSync(join(dir, "h2.pub"), `${hostKey}\n`);
      execFileSync("ssh-keygen", [
        "-q",
        "-s",
        join(dir, "ca"),
        "-h",
        "-I",
        "h2",
        "-n",
        h2.address,
        "-V",
        "-5m:+1h",
        join(dir, "h2.pub"),
      ]);
      const cert = readFileSync(join(dir, "h2-cert.pub"));
      expect((await h2.exec(["tee", "/etc/ssh/ssh_host_ed25519_key-cert.pub"], { input: cert })).code).toBe(
        0,
      );
      const conf1 = await h2.exec(["tee", conf], {
        input: "HostCertificate /etc/ssh/ssh_host_ed25519_key-cert.pub\n",
      });
      expect(conf1.code).toBe(0);
      expect((await h2.exec(["systemctl", "reload", "ssh"])).code).toBe(0);
      await waitFor(() => keyscanCert(h2.address), "sshd to present its certificate");
      const caLine = `@cert-authority ${h2.address} ${readFileSync(join(dir, "ca.pub"), "utf8").trim()}`;
      const vouched = await newClient({ knownHosts: caLine });
      expect((await vouched.session(spec(h2)).run(WHO, [])).stdout).toBe("deploy goship-who 0\n");
      await vouched.close();
      // The same CA for other names only: refused.
      const elsewhere = await newClient({ knownHosts: caLine.replace(h2.address, "*.example.com") });
      await expect(elsewhere.session(spec(h2)).run(WHO, [])).rejects.toThrow(HostKeyError);
      await elsewhere.close();
    } finally {
      await h2.exec(["rm", "-f", conf, "/etc/ssh/ssh_host_ed25519_key-cert.pub"]);
      await h2.exec(["systemctl", "reload", "ssh"]);
      await waitFor(() => !keyscanCert(h2.address), "sshd to drop its certificate");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("connects through a ProxyJump host, which known-hosts must vouch for too", async () => {
    // sshd's default (Debian's config does not change it) allows the -W forwarding a jump needs.
    expect((await h1.exec(["sshd", "-T"])).stdout).toMatch(/^allowtcpforwarding yes$/m);
    const jump = parseProxyJump(h1.address, defaults);
    const before1 = (await accepted(h1)).length;
    const before2 = (await accepted(h2)).length;
    const ssh = await newClient({ proxyJump: jump });
    const s = ssh.session(spec(h2));
    for (let i = 0; i < 3; i++) {
      // The connection to h2 comes from h1's address: it went through h1.
      expect((await s.run(CONNECTION, [])).stdout).toMatch(
        new RegExp(`^${h1.address.replaceAll(".", "\\.")} \\d+ ${h2.address.replaceAll(".", "\\.")} 22\\n$`),
      );
    }
    const processes = processesMentioning(ssh.dir);
    expect(processes.length).toBe(2); // the master and its jump hop
    await ssh.close();
    // close() waits for the master; the jump hop, its child, ends when it sees the master gone.
    for (let i = 0; i < 50 && processes.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(processes.filter(alive)).toEqual([]);
    expect(await acceptedSince(h1, before1, 1)).toEqual([expect.stringContaining(`from ${fleet.gateway} `)]);
    expect(await acceptedSince(h2, before2, 1)).toEqual([expect.stringContaining(`from ${h1.address} `)]);

    // A wrong key for the jump host: refused, naming the jump host, and h2 never reached.
    const wrong = await newClient({ knownHosts: wrongKeyFor(0), proxyJump: jump });
    const e = await wrong
      .session(spec(h2))
      .run(MARK, [])
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostKeyError);
    expect((e as Error).message).toBe(
      `host key for ${h1.address} does not match known-hosts: refusing to connect (a proxy-jump host on the way to deploy@${h2.address}:22)`,
    );
    expect((await h2.exec(["test", "-e", "/tmp/goship-marker"])).code).toBe(1);
    await wrong.close();
  });

  it("reopens (and counts) a master connection that was lost between steps; a step cut off by the loss fails", async () => {
    const ssh = await newClient();
    const s = ssh.session(spec(h1));
    await s.run(WHO, []);
    const first = s.masterPid as number;
    expect(first).toBeGreaterThan(0);
    process.kill(first, "SIGKILL"); // the master this test's client started
    await waitFor(() => !alive(first), "the master to die");
    expect((await s.run(WHO, [])).stdout).toBe("deploy goship-who 0\n");
    expect(s.connectionsOpened).toBe(2);
    expect(s.masterPid).not.toBe(first);

    // Its socket answering no more while its PID lives on: the step finds no master, never
    // reaches the host, and runs again over a new one (the old one is ended by PID).
    const second = s.masterPid as number;
    renameSync(s.socket, `${s.socket}.moved`);
    // A socket file nobody listens on: its owner bound it and was killed before it could unlink it.
    const stale = spawnSync(process.execPath, [
      "-e",
      "require('node:net').createServer().listen(process.argv[1], () => process.kill(process.pid, 'SIGKILL'))",
      s.socket,
    ]);
    expect(stale.signal).toBe("SIGKILL");
    expect(existsSync(s.socket)).toBe(true);
    expect((await s.run(WHO, [])).stdout).toBe("deploy goship-who 0\n");
    expect(s.connectionsOpened).toBe(3);
    expect(alive(second)).toBe(false);
    rmSync(`${s.socket}.moved`, { force: true });

    const cut = s.run(SLEEP, ["3"]);
    await sleep(500);
    process.kill(s.masterPid as number, "SIGTERM");
    await expect(cut).rejects.toThrow(SshConnectionError);
    await expect(cut).rejects.toThrow(/step "sleep" on .*: the connection to .* was lost/);
    await ssh.close();
  });

  it("times a step out on the host as well as here", async () => {
    const ssh = await newClient();
    const s = ssh.session(spec(h2));
    const started = Date.now();
    await expect(s.run(SLEEP, ["30"], { timeoutMs: 1500, sudo: true })).rejects.toThrow(
      /step "sleep" on .* timed out after 2 s/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await h2.exec(["pgrep", "-x", "sleep"])).code).toBe(1);
    await ssh.close();
  });

  it("closes cleanly: masters and jump hops end, by PID, and the key is removed", async () => {
    const ssh = await newClient({ proxyJump: parseProxyJump(h1.address, defaults) });
    const direct = await newClient();
    await Promise.all([
      ssh.session(spec(h2)).run(WHO, []),
      direct.session(spec(h1)).run(WHO, []),
      direct.session(spec(h2)).run(WHO, []),
    ]);
    const masters = [
      ssh.session(spec(h2)).masterPid,
      direct.session(spec(h1)).masterPid,
      direct.session(spec(h2)).masterPid,
    ];
    expect(masters.every((p) => p !== undefined && alive(p))).toBe(true);
    const all = [...processesMentioning(ssh.dir), ...processesMentioning(direct.dir)];
    expect(all).toHaveLength(4);
    expect(all).toEqual(expect.arrayContaining(masters));
    expect(readdirSync(ssh.dir).sort()).toEqual(["c1", "c1.pid", "config", "id", "known_hosts", "owner"]);
    await Promise.all([ssh.close(), direct.close()]);
    expect(all.filter(alive)).toEqual([]);
    expect(existsSync(ssh.dir) || existsSync(direct.dir)).toBe(false);
    await ssh.close(); // idempotent
    expect(() => ssh.session(spec(h1))).toThrow(/closed/);
  });
});

function keyscanCert(address: string): boolean {
  try {
    const out = execFileSync("ssh-keyscan", ["-c", "-T", "3", address], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.includes("-cert-v01@openssh.com");
  } catch {
    return false;
  }
}

async function waitFor(done: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
