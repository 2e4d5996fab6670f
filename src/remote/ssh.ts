import { spawn } from "node:child_process";
import { closeSync, createReadStream, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { inputError, UserError } from "../kit/errors.js";
import { execFile } from "../kit/exec.js";
import { sha256File } from "../kit/hash.js";
import { formatHostSpec, type HostSpec } from "./hosts-spec.js";

/**
 * The SSH layer deploy-systemd stands on: the system OpenSSH client, one multiplexed
 * connection per host, and remote work as small fixed POSIX sh scripts whose every value
 * travels as a single-quoted argument.
 *
 * How the connection is made, and why:
 * - ssh reads only a config file we write (`-F <dir>/config`), never ~/.ssh/config or
 *   /etc/ssh/ssh_config. It is a file rather than `-F /dev/null` plus `-o` flags because
 *   ssh starts a ProxyJump hop as `ssh -l … -p … -F <file> -W … jump`: the hop gets the
 *   -F file and none of the -o flags, so only a file keeps the hop as strict as the target
 *   (known hosts, key, BatchMode).
 * - The master is started on its own (`ssh -M -N -f`), so a host whose key does not match
 *   known-hosts is refused before any command is even sent. `-M` alone: together with
 *   `-o ControlMaster=yes` it means "ask", and a master that asks refuses every session.
 * - No ControlPersist: with it ssh sends the ProxyJump hop's stderr to /dev/null and a
 *   refused jump host says only "Connection closed by UNKNOWN". A -N -f master stays up
 *   until `-O exit` anyway; on process exit we end it by PID.
 * - Steps run as mux clients that cannot connect on their own (`ProxyCommand=false`): if
 *   the master is gone the step fails instead of silently opening an uncounted connection
 *   with other settings. A master found dead before a step is reopened, and counted; a step
 *   whose client found no master answering was never sent, so it runs once more over a new one.
 */

export interface SshClientOptions {
  /** The private key's text (an OpenSSH or PEM key without a passphrase). */
  privateKey: string;
  /** known_hosts text; `@cert-authority` and `@revoked` lines allowed. Nothing is trusted on first use. */
  knownHosts: string;
  /** ProxyJump hops, in order; each must be in knownHosts too. */
  proxyJump?: readonly HostSpec[];
  /** ConnectTimeout per hop. Default 15 s. */
  connectTimeoutSec?: number;
  /** ServerAliveInterval / ServerAliveCountMax: a silent host is given up after their product. Default 15 s × 3. */
  serverAliveIntervalSec?: number;
  serverAliveCountMax?: number;
  /** Default bound on one step, enforced on the host (`timeout`) and here. Default 10 min. */
  stepTimeoutMs?: number;
  /** Steps open at once over one connection; sshd's MaxSessions defaults to 10. Default 8. */
  maxChannels?: number;
  /** Where the key, known_hosts, config and control sockets live. Default $RUNNER_TEMP, else the OS temp dir. */
  baseDir?: string;
  /** Default "ssh". */
  sshPath?: string;
}

/** A fixed remote script. Build these once, at module level, from constant text. */
export interface RemoteStep {
  /** `[a-z][a-z0-9-]*`: named in errors and as the script's $0 (`goship-<name>`). */
  readonly name: string;
  /** The script as it runs: `set -eu` first. */
  readonly script: string;
}

export interface RunOptions {
  /** The step's stdin; without it ssh runs with -n. */
  stdin?: Readable | Buffer | string;
  /** Run as root through `sudo -n`. */
  sudo?: boolean;
  timeoutMs?: number;
  /** Resolve with a non-zero exit code instead of rejecting. */
  allowFailure?: boolean;
  /** stdout kept (the start of it). Default 1 MiB. */
  maxStdoutBytes?: number;
}

export interface StepResult {
  code: number;
  stdout: string;
  stdoutTruncated: boolean;
  /** The last 64 KiB. */
  stderr: string;
  durationMs: number;
}

export interface UploadOptions {
  sudo?: boolean;
  /** Octal, e.g. "0644" (the default) or 0o755. */
  mode?: string | number;
  timeoutMs?: number;
}

/** A host's key is not the one known-hosts has for it (or it has none): nothing was sent to it. */
export class HostKeyError extends UserError {
  override name = "HostKeyError";
  constructor(
    readonly host: string,
    message: string,
  ) {
    super(message);
  }
}

/** The connection could not be made or was lost. */
export class SshConnectionError extends UserError {
  override name = "SshConnectionError";
  constructor(
    readonly host: string,
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** A step exited non-zero or timed out on the host. */
export class StepError extends UserError {
  override name = "StepError";
  constructor(
    readonly host: string,
    readonly step: string,
    readonly result: StepResult,
    message: string,
  ) {
    super(message);
  }
}

/** What a mux client says when no master answers on the control socket. */
const NO_MASTER = /^Control socket connect\(.*\): /m;
const STEP_NAME = /^[a-z][a-z0-9-]{0,62}$/;
/** Linux's MAX_ARG_STRLEN is 128 KiB, and the whole remote command is one argument of the login shell. */
const MAX_COMMAND_BYTES = 120 * 1024;
const STDERR_KEPT = 64 * 1024;
const KILL_GRACE_SEC = 10;
/** Paths that go into the config file, control socket names and the jump's shell command unquoted. */
const SAFE_DIR = /^\/[A-Za-z0-9._/-]*$/;
/** A unix socket path is at most 104-108 bytes, and ssh adds ".XXXXXXXXXXXXXXXX" while creating it. */
const MAX_DIR_LENGTH = 60;

/** Defines a step; `body` must be a constant of our code, never built from input. */
export function remoteStep(name: string, body: string): RemoteStep {
  if (!STEP_NAME.test(name)) throw new Error(`step name ${JSON.stringify(name)} is not [a-z][a-z0-9-]*`);
  return Object.freeze({ name, script: `set -eu\n${body.trim()}\n` });
}

/**
 * One word for a POSIX shell, taken literally: single-quoted, each `'` written as `'\''`.
 * Anything but NUL (which no argument can hold) and broken UTF-16 (which could not arrive
 * byte-for-byte) is allowed, newlines included.
 */
export function shellQuote(word: string): string {
  if (word.includes("\0"))
    throw new UserError("a remote argument contains a NUL byte, which no argument can hold");
  if (!word.isWellFormed()) throw new UserError("a remote argument is not valid Unicode (a lone surrogate)");
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * The command line ssh hands to the remote login shell: `[sudo -n --] timeout -k 10 <s> sh -c
 * '<script>' goship-<name> '<arg>'…`. `timeout` ends the step's whole process group on the
 * host, so a step given up on here does not go on running there.
 */
export function remoteCommand(
  step: RemoteStep,
  args: readonly string[],
  opts: { sudo?: boolean; timeoutSec: number },
): string {
  // The one property every step must have, whoever wrote it: stop at the first failure or unset variable.
  if (!/^\s*set -eu\b/.test(step.script))
    throw new Error(`step "${step.name}": its script must start with set -eu`);
  const words = [
    ...(opts.sudo ? ["sudo", "-n", "--"] : []),
    "timeout",
    "-k",
    String(KILL_GRACE_SEC),
    String(opts.timeoutSec),
    "sh",
    "-c",
    step.script,
    `goship-${step.name}`,
    ...args,
  ];
  const command = words.map(shellQuote).join(" ");
  const bytes = Buffer.byteLength(command);
  if (bytes > MAX_COMMAND_BYTES) {
    throw new UserError(
      `step "${step.name}": its arguments make a ${bytes}-byte command line (at most ${MAX_COMMAND_BYTES}); send large data on stdin`,
    );
  }
  return command;
}

/** Checks known_hosts text: at least one key, every line a known_hosts entry. */
export function checkKnownHosts(text: string): string {
  const normalized = `${text.replaceAll("\r\n", "\n").trim()}\n`;
  let keys = 0;
  for (const raw of normalized.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const bad = (why: string) =>
      inputError(
        "known-hosts",
        line,
        `${why}; allowed: known_hosts lines ([@cert-authority|@revoked] host-patterns key-type base64-key [comment])`,
      );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line)) throw bad("contains a control character");
    const fields = line.split(/[ \t]+/);
    const marker = fields[0]?.startsWith("@") ? fields.shift() : undefined;
    if (marker !== undefined && marker !== "@cert-authority" && marker !== "@revoked") {
      throw bad(`unknown marker ${marker}`);
    }
    const [patterns, type, key] = fields;
    if (!patterns || !type || !key) throw bad("has fewer than three fields");
    if (!/^(ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+$/.test(type))
      throw bad(`unknown key type ${JSON.stringify(type)}`);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key)) throw bad("its key is not base64");
    if (marker !== "@revoked") keys++;
  }
  if (keys === 0)
    throw inputError(
      "known-hosts",
      text.trim(),
      "has no host key; allowed: known_hosts lines (ssh-keyscan output, or @cert-authority lines)",
    );
  return normalized;
}

/**
 * Credentials and files shared by every host of one run: a private directory (0700) with the
 * key, known_hosts and ssh config (0600 each) and one control socket per host. `close()`
 * ends every connection and removes the directory.
 */
export class SshClient {
  readonly dir: string;
  readonly configFile: string;
  readonly sshPath: string;
  readonly stepTimeoutMs: number;
  readonly proxyJump: readonly HostSpec[];
  readonly connectTimeoutSec: number;
  readonly maxChannels: number;
  readonly #sessions = new Map<string, SshSession>();
  readonly #onExit = () => this.#endSync();
  #closed = false;

  private constructor(dir: string, opts: SshClientOptions) {
    this.dir = dir;
    this.configFile = join(dir, "config");
    this.sshPath = opts.sshPath ?? "ssh";
    this.stepTimeoutMs = opts.stepTimeoutMs ?? 10 * 60_000;
    this.proxyJump = opts.proxyJump ?? [];
    this.connectTimeoutSec = opts.connectTimeoutSec ?? 15;
    this.maxChannels = opts.maxChannels ?? 8;
  }

  static async create(opts: SshClientOptions): Promise<SshClient> {
    const knownHosts = checkKnownHosts(opts.knownHosts);
    const privateKey = `${opts.privateKey.replaceAll("\r\n", "\n").trim()}\n`;
    const base = privateBase(opts.baseDir);
    await sweepAbandoned(base);
    const dir = await mkdtemp(join(base, "goship-ssh-"));
    const client = new SshClient(dir, opts);
    process.on("exit", client.#onExit);
    try {
      await chmod(dir, 0o700);
      // Who owns this directory, for sweepAbandoned if this process is killed before close().
      await writeFile(join(dir, OWNER_FILE), `${process.pid} ${processStart(process.pid)}\n`, {
        mode: 0o600,
      });
      const keyFile = join(dir, "id");
      const knownHostsFile = join(dir, "known_hosts");
      await writeFile(keyFile, privateKey, { mode: 0o600 });
      await writeFile(knownHostsFile, knownHosts, { mode: 0o600 });
      await checkPrivateKey(keyFile);
      const alive = opts.serverAliveIntervalSec ?? 15;
      const aliveMax = opts.serverAliveCountMax ?? 3;
      // Everything here also applies to ProxyJump hops (see the top of this file).
      const config = [
        "# Written by goship: the only configuration these ssh connections read.",
        "BatchMode yes",
        "StrictHostKeyChecking yes",
        `UserKnownHostsFile ${knownHostsFile}`,
        "GlobalKnownHostsFile /dev/null",
        "UpdateHostKeys no",
        "CheckHostIP no",
        "VerifyHostKeyDNS no",
        "IdentitiesOnly yes",
        `IdentityFile ${keyFile}`,
        "IdentityAgent none",
        "PreferredAuthentications publickey",
        "ForwardAgent no",
        "ForwardX11 no",
        "RequestTTY no",
        `ConnectTimeout ${client.connectTimeoutSec}`,
        `ServerAliveInterval ${alive}`,
        `ServerAliveCountMax ${aliveMax}`,
        // Only the master (-M, -S on its command line) multiplexes; hops connect plainly.
        "ControlMaster no",
        "ControlPath none",
        "",
      ].join("\n");
      await writeFile(client.configFile, config, { mode: 0o600 });
    } catch (e) {
      await client.close();
      throw e;
    }
    return client;
  }

  /** The session for a host, made on first use; nothing connects until it runs something. */
  session(target: HostSpec): SshSession {
    if (this.#closed) throw new Error("SshClient is closed");
    const key = formatHostSpec(target);
    let s = this.#sessions.get(key);
    if (!s) {
      s = new SshSession(this, target, join(this.dir, `c${this.#sessions.size + 1}`));
      this.#sessions.set(key, s);
    }
    return s;
  }

  /** Master connections opened per host so far (a reconnect after a lost connection counts). */
  connectionCounts(): { host: string; connections: number }[] {
    return [...this.#sessions.values()].map((s) => ({ host: s.label, connections: s.connectionsOpened }));
  }

  /** Ends every connection (`ssh -O exit`, then by PID) and removes the key and the directory. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const results = await Promise.allSettled([...this.#sessions.values()].map((s) => s.close()));
    process.off("exit", this.#onExit);
    await rm(this.dir, { recursive: true, force: true });
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** On process exit without close(): end the masters we started, by PID, and remove the key. */
  #endSync(): void {
    for (const s of this.#sessions.values()) s.killSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * One host over one multiplexed connection. `run` and `upload` open it on first use;
 * steps run at most `maxChannels` at a time.
 */
export class SshSession {
  /** `user@host:port`. */
  readonly label: string;
  #connections = 0;
  #masterPid: number | undefined;
  #opening: Promise<void> | undefined;
  #closed = false;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly client: SshClient,
    readonly target: HostSpec,
    /** The control socket. */
    readonly socket: string,
  ) {
    this.label = formatHostSpec(target);
  }

  /** Master connections this session has opened. */
  get connectionsOpened(): number {
    return this.#connections;
  }

  /** The PID of the running master, if any. */
  get masterPid(): number | undefined {
    return this.#isOpen() ? this.#masterPid : undefined;
  }

  /** Connects (host key checked, key authenticated) unless a live master is already there. */
  async open(): Promise<void> {
    if (this.#closed) throw new Error(`${this.label}: session is closed`);
    if (this.#isOpen()) return;
    this.#opening ??= this.#connect().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  /** Runs a step; rejects with StepError on a non-zero exit unless allowFailure. */
  async run(step: RemoteStep, args: readonly string[], opts: RunOptions = {}): Promise<StepResult> {
    const timeoutMs = opts.timeoutMs ?? this.client.stepTimeoutMs;
    const command = remoteCommand(step, args, { sudo: opts.sudo, timeoutSec: Math.ceil(timeoutMs / 1000) });
    let result = await this.#runOnce(command, opts, timeoutMs);
    // The client never reached the master (it died after our liveness check): the command was
    // not sent, and ProxyCommand=false kept ssh from connecting by itself, so running it again
    // over a new master is safe, as long as stdin can be given again.
    if (result.code === 255 && NO_MASTER.test(result.stderr) && !isStream(opts.stdin)) {
      await this.#endMaster();
      result = await this.#runOnce(command, opts, timeoutMs);
    }
    const { code, timedOut, ...rest } = result;
    const r: StepResult = { code, ...rest };
    const where = `step "${step.name}" on ${this.label}`;
    // timeout(1) exits 124 when the step ran out of time, 137 when it had to be killed.
    if (timedOut || code === 124 || code === 137) {
      throw new StepError(
        this.label,
        step.name,
        r,
        `${where} timed out after ${Math.ceil(timeoutMs / 1000)} s${tail(r)}`,
      );
    }
    if (code === 255 && (NO_MASTER.test(r.stderr) || !this.#isOpen())) {
      throw new SshConnectionError(
        this.label,
        `${where}: the connection to ${this.label} was lost${tail(r)}`,
        r.stderr,
      );
    }
    if (code !== 0 && !opts.allowFailure) {
      const sudoHint = /sudo: (a password is required|a terminal is required)/.test(r.stderr)
        ? ` (${this.target.user} needs passwordless sudo on the host, or become: none when connecting as root)`
        : "";
      throw new StepError(this.label, step.name, r, `${where} exited with code ${code}${sudoHint}${tail(r)}`);
    }
    return r;
  }

  async #runOnce(
    command: string,
    opts: RunOptions,
    timeoutMs: number,
  ): Promise<StepResult & { timedOut: boolean }> {
    await this.open();
    await this.#acquire();
    try {
      return await runProcess(
        this.client.sshPath,
        [...this.#muxClient(), ...(opts.stdin === undefined ? ["-n"] : []), ...this.#destination(), command],
        {
          stdin: opts.stdin,
          timeoutMs: timeoutMs + (KILL_GRACE_SEC + 10) * 1000,
          maxStdoutBytes: opts.maxStdoutBytes ?? 1 << 20,
        },
      );
    } finally {
      this.#release();
    }
  }

  /**
   * Streams a local file to `remotePath` over the step's stdin: written to a temporary file
   * beside it, its sha256 checked on the host against the local one, then chmod and renamed
   * into place, so the path holds either the old file or the whole new one.
   */
  async upload(
    localPath: string,
    remotePath: string,
    opts: UploadOptions = {},
  ): Promise<{ sha256: string; size: number }> {
    if (!/^(\/[A-Za-z0-9._+@=,:-]+)+$/.test(remotePath) || /\/\.\.?(\/|$)/.test(remotePath)) {
      throw new UserError(`upload to ${JSON.stringify(remotePath)}: not an absolute path of plain names`);
    }
    const mode =
      typeof opts.mode === "number" ? opts.mode.toString(8).padStart(4, "0") : (opts.mode ?? "0644");
    if (!/^0?[0-7]{3}$/.test(mode))
      throw new UserError(`upload to ${remotePath}: mode ${mode} is not octal like 0644`);
    const local = await sha256File(localPath);
    const stdin = createReadStream(localPath);
    let r: StepResult;
    try {
      r = await this.run(UPLOAD, [remotePath, mode, local.sha256], {
        stdin,
        sudo: opts.sudo,
        timeoutMs: opts.timeoutMs,
      });
    } finally {
      stdin.destroy();
    }
    const remote = r.stdout.trim();
    if (remote !== local.sha256) {
      throw new UserError(
        `upload of ${localPath} to ${this.label}:${remotePath}: the host read sha256 ${remote}, expected ${local.sha256}`,
      );
    }
    return local;
  }

  /**
   * GET http://127.0.0.1:<port><path> on the host, through this connection (`ssh -W` over the
   * master): nothing needs to be installed on the host and no port is opened to the runner.
   * sshd must allow local forwarding (AllowTcpForwarding yes or local, its default).
   * Resolves with the status and body, or with `error` when no HTTP answer came back.
   */
  async httpGet(port: number, path: string, timeoutMs = 5000): Promise<HttpProbe> {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UserError(`httpGet: port ${port}`);
    if (!/^\/[\x21-\x7e]*$/.test(path)) throw new UserError(`httpGet: path ${JSON.stringify(path)}`);
    await this.open();
    await this.#acquire();
    const started = performance.now();
    try {
      const { stdout, stderr, timedOut } = await forwardOnce(
        this.client.sshPath,
        [...this.#muxClient(), "-W", `127.0.0.1:${port}`, ...this.#destination()],
        `GET ${path} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: goship\r\nConnection: close\r\n\r\n`,
        timeoutMs,
      );
      const ms = Math.round(performance.now() - started);
      const head = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r?\n/.exec(stdout);
      if (head) {
        const split = stdout.indexOf("\r\n\r\n");
        return { status: Number(head[1]), body: split < 0 ? "" : stdout.slice(split + 4), ms };
      }
      if (timedOut) return { error: `no answer from 127.0.0.1:${port}${path} within ${timeoutMs} ms`, ms };
      const said = stderr.trim().split("\n").filter(Boolean).slice(-2).join("; ");
      if (/administratively prohibited/.test(said)) {
        return {
          error: `sshd on ${this.label} refuses TCP forwarding (AllowTcpForwarding), which health checks use: ${said}`,
          ms,
        };
      }
      return { error: said || `127.0.0.1:${port} closed the connection without an HTTP answer`, ms };
    } finally {
      this.#release();
    }
  }

  /** Ends the master (`ssh -O exit`, then SIGTERM by PID if it lingers). Safe to call twice. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#opening?.catch(() => {});
    await this.#shutdown();
  }

  async #shutdown(): Promise<void> {
    const pid = this.#masterPid;
    if (pid !== undefined && processAlive(pid)) {
      const exit = ["-F", this.client.configFile, "-S", this.socket, "-O", "exit", ...this.#destination()];
      await execFile(this.client.sshPath, exit, { allowFailure: true, timeoutMs: 10_000 }).catch(() => {});
      await until(() => !processAlive(pid), 5000);
    }
    await this.#endMaster();
    rmSync(this.socket, { force: true });
  }

  /** Ends the master we started, by its PID, and waits until it is gone. */
  async #endMaster(): Promise<void> {
    const pid = this.#masterPid;
    this.#masterPid = undefined;
    if (pid === undefined || !processAlive(pid)) return;
    signal(pid, "SIGTERM");
    if (!(await until(() => !processAlive(pid), 5000))) {
      signal(pid, "SIGKILL");
      await until(() => !processAlive(pid), 5000);
    }
  }

  /** For process exit: no awaiting, just end the master we started. */
  killSync(): void {
    if (this.#masterPid !== undefined && processAlive(this.#masterPid)) signal(this.#masterPid, "SIGTERM");
  }

  /** ssh's options for a client of this session's master. */
  #muxClient(): string[] {
    return [
      "-F",
      this.client.configFile,
      "-o",
      "ControlMaster=no",
      "-o",
      `ControlPath=${this.socket}`,
      // A client never connects by itself: without the master it fails (see the top of the file).
      "-o",
      "ProxyCommand=false",
    ];
  }

  #destination(): string[] {
    return ["-l", this.target.user, "-p", String(this.target.port), "--", this.target.host];
  }

  #isOpen(): boolean {
    return this.#masterPid !== undefined && processAlive(this.#masterPid) && existsSync(this.socket);
  }

  async #connect(): Promise<void> {
    const c = this.client;
    // A master that is unreachable (its socket gone or dead) would linger; a socket left by
    // one killed hard would block the new master.
    await this.#endMaster();
    rmSync(this.socket, { force: true });
    const log = `${this.socket}.log`;
    const hops = c.proxyJump;
    const args = [
      "-F",
      c.configFile,
      "-M",
      "-N",
      "-f",
      "-o",
      `ControlPath=${this.socket}`,
      ...(hops.length > 0 ? ["-o", `ProxyJump=${hops.map(formatHostSpec).join(",")}`] : []),
      ...this.#destination(),
    ];
    // stderr to a file, not a pipe: the backgrounded master's ProxyJump hop keeps it open for as long as it runs.
    const fd = openSync(log, "w", 0o600);
    let exit: { code: number | null; timedOut: boolean; error?: Error };
    try {
      exit = await runDetached(c.sshPath, args, fd, (c.connectTimeoutSec * (hops.length + 1) + 20) * 1000);
    } finally {
      closeSync(fd);
    }
    const stderr = readFileSync(log, "utf8");
    rmSync(log, { force: true });
    if (exit.error) {
      const why =
        (exit.error as NodeJS.ErrnoException).code === "ENOENT"
          ? "command not found (install openssh-client)"
          : exit.error.message;
      throw new SshConnectionError(this.label, `${c.sshPath}: ${why}`, "");
    }
    if (exit.timedOut) {
      throw new SshConnectionError(
        this.label,
        `connecting to ${this.label} timed out${tailOf(stderr)}`,
        stderr,
      );
    }
    if (exit.code !== 0) throw connectFailure(this.label, this.target.host, stderr);
    this.#connections++;
    const check = await execFile(
      c.sshPath,
      ["-F", c.configFile, "-S", this.socket, "-O", "check", ...this.#destination()],
      {
        allowFailure: true,
        timeoutMs: 10_000,
      },
    );
    const pid = Number(/Master running \(pid=(\d+)\)/.exec(check.stderr)?.[1]);
    if (check.code !== 0 || !Number.isInteger(pid)) {
      throw new SshConnectionError(
        this.label,
        `connected to ${this.label}, but its master connection does not answer: ${check.stderr.trim()}`,
        check.stderr,
      );
    }
    this.#masterPid = pid;
    // Named beside the socket, so a run killed before close() has its master ended by the next.
    await writeFile(`${this.socket}.pid`, `${pid}\n`, { mode: 0o600 });
    // close() was called while connecting: it waits for this, then finds nothing to end.
    if (this.#closed) await this.#shutdown();
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.client.maxChannels) {
      this.#active++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }
}

const UPLOAD = remoteStep(
  "upload",
  `
dest=$1 mode=$2 want=$3
dir=\${dest%/*}
[ -n "$dir" ] || dir=/
mkdir -p -- "$dir"
tmp=$(mktemp "$dir/.goship-upload.XXXXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
# openssl hashes several times faster than coreutils; either is a full SHA-256.
if command -v openssl >/dev/null 2>&1; then got=$(openssl dgst -sha256 -r "$tmp"); else got=$(sha256sum < "$tmp"); fi
got=\${got%% *}
if [ "$got" != "$want" ]; then
  echo "sha256 of what arrived is $got, expected $want" >&2
  exit 3
fi
chmod "$mode" "$tmp"
mv -f -- "$tmp" "$dest"
trap - EXIT
printf '%s\\n' "$got"
`,
);

export type HttpProbe = { status: number; body: string; ms: number } | { error: string; ms: number };

/**
 * Runs `ssh -W`, writes `request`, and keeps stdin open until the far end closes: closing it
 * early half-closes the TCP connection, which some servers take as the client going away.
 */
function forwardOnce(
  file: string,
  args: string[],
  request: string,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let size = 0;
    let err = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
    }, timeoutMs);
    child.stdin.on("error", () => {});
    child.stdin.write(request);
    child.stdout.on("data", (b: Buffer) => {
      if (size < 1 << 20) out.push(b);
      size += b.length;
    });
    child.stderr.on("data", (b: Buffer) => {
      err = (err + b.toString()).slice(-4096);
    });
    const done = () => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ stdout: Buffer.concat(out).toString(), stderr: err, timedOut });
    };
    child.on("error", (e) => {
      err += e.message;
      done();
    });
    child.on("close", done);
  });
}

const OWNER_FILE = "owner";

/** A process's start time (clock ticks since boot), so a reused PID is not taken for it; "" when gone. */
function processStart(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[19] ?? "";
  } catch {
    return "";
  }
}

/**
 * Directories of goship ssh clients whose process is gone without close() (killed with
 * SIGKILL, say: its exit handler never ran): their masters still hold connections open and
 * their key file is still on disk. Each master named in the directory is ended, if its command
 * line still names that directory, and the directory is removed. Best effort: never throws.
 */
async function sweepAbandoned(base: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(base)).filter((n) => n.startsWith("goship-ssh-"));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(base, name);
    try {
      const [pid = "", start = ""] = (await readFile(join(dir, OWNER_FILE), "utf8")).trim().split(" ");
      if (processStart(Number(pid)) === start && start !== "") continue; // its owner still runs
      for (const f of (await readdir(dir)).filter((f) => f.endsWith(".pid"))) {
        const master = Number((await readFile(join(dir, f), "utf8")).trim());
        let cmdline = "";
        try {
          cmdline = readFileSync(`/proc/${master}/cmdline`, "utf8");
        } catch {
          continue; // gone already
        }
        if (Number.isInteger(master) && master > 1 && cmdline.includes(dir)) signal(master, "SIGTERM");
      }
      await rm(dir, { recursive: true, force: true });
    } catch {
      // not ours, or not readable: leave it
    }
  }
}

/** Turns ssh's refusal into one clear error; host key problems name the host whose key it was. */
function connectFailure(label: string, host: string, stderr: string): UserError {
  const named =
    /Host key for (\S+) has changed|host key for (\S+) is marked as revoked|host key is known for (\S+) and/i.exec(
      stderr,
    );
  // ssh names a host on another port as [host]:port.
  const keyHost = (named?.[1] ?? named?.[2] ?? named?.[3] ?? host).replace(/^\[(.*)\]:\d+$/, "$1");
  const via = keyHost === host ? "" : ` (a proxy-jump host on the way to ${label})`;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/.test(stderr)) {
    return new HostKeyError(
      keyHost,
      `host key for ${keyHost} does not match known-hosts: refusing to connect${via}`,
    );
  }
  if (/REVOKED HOST KEY|marked as revoked/i.test(stderr)) {
    return new HostKeyError(
      keyHost,
      `host key for ${keyHost} is marked @revoked in known-hosts: refusing to connect${via}`,
    );
  }
  if (/No \S+ host key is known for/.test(stderr)) {
    return new HostKeyError(
      keyHost,
      `host key for ${keyHost} is not in known-hosts: refusing to connect${via} (keys are never trusted on first use)`,
    );
  }
  if (/Host key verification failed/.test(stderr)) {
    return new HostKeyError(
      keyHost,
      `host key for ${keyHost} could not be verified against known-hosts: refusing to connect${via}${tailOf(stderr)}`,
    );
  }
  if (/Permission denied \(/.test(stderr)) {
    return new SshConnectionError(
      label,
      `${label} refused the key (is ssh-private-key authorized for this user?)${tailOf(stderr)}`,
      stderr,
    );
  }
  return new SshConnectionError(label, `cannot connect to ${label}${tailOf(stderr)}`, stderr);
}

async function checkPrivateKey(file: string): Promise<void> {
  const r = await execFile("ssh-keygen", ["-y", "-P", "", "-f", file], {
    allowFailure: true,
    timeoutMs: 10_000,
  });
  if (r.code !== 0) {
    const why = r.stderr.replaceAll(file, "the key").trim();
    throw inputError(
      "ssh-private-key",
      "***",
      `not a private key OpenSSH can load without a passphrase (${why})`,
    );
  }
}

function privateBase(requested: string | undefined): string {
  const candidates = requested ? [requested] : [process.env.RUNNER_TEMP, tmpdir(), "/tmp"];
  for (const base of candidates) {
    if (base && SAFE_DIR.test(base) && base.length <= MAX_DIR_LENGTH - 20) return base;
  }
  throw new UserError(
    `${requested}: not usable for ssh's files (an absolute path of [A-Za-z0-9._/-], at most ${MAX_DIR_LENGTH - 20} characters, so control sockets fit)`,
  );
}

function tail(r: { stderr: string; stdout: string }): string {
  return tailOf(r.stderr.trim() ? r.stderr : r.stdout);
}

function tailOf(text: string): string {
  const t = text.trimEnd().split("\n").slice(-20).join("\n").slice(-2000);
  return t ? `:\n${t}` : "";
}

/** Running, not just present: a killed master whose new parent has not reaped it yet is a zombie. */
function isStream(stdin: RunOptions["stdin"]): stdin is Readable {
  return stdin !== undefined && typeof stdin !== "string" && !Buffer.isBuffer(stdin);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS runners): kill(0) is all there is
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function until(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/** Runs ssh with stderr to `fd` and waits for it to exit (not for its stdio, which a background child may hold). */
function runDetached(
  file: string,
  args: string[],
  fd: number,
  timeoutMs: number,
): Promise<{ code: number | null; timedOut: boolean; error?: Error }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ["ignore", "ignore", fd] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, timedOut, error });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

interface ProcessOptions {
  stdin?: Readable | Buffer | string;
  timeoutMs: number;
  maxStdoutBytes: number;
}

/** Like execFile, but streams stdin and keeps bounded output: the start of stdout, the end of stderr. */
function runProcess(
  file: string,
  args: string[],
  opts: ProcessOptions,
): Promise<StepResult & { timedOut: boolean }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: [opts.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let truncated = false;
    let err = Buffer.alloc(0);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    }, opts.timeoutMs);
    child.stdout?.on("data", (b: Buffer) => {
      const room = opts.maxStdoutBytes - outBytes;
      if (b.length > room) truncated = true;
      if (room > 0) {
        out.push(b.subarray(0, room));
        outBytes += Math.min(room, b.length);
      }
    });
    child.stderr?.on("data", (b: Buffer) => {
      err = Buffer.concat([err, b]);
      if (err.length > STDERR_KEPT) err = err.subarray(err.length - STDERR_KEPT);
    });
    const { stdin } = opts;
    if (stdin !== undefined && child.stdin) {
      child.stdin.on("error", () => {}); // ssh may exit before reading all of it; its exit code tells
      if (!isStream(stdin)) child.stdin.end(stdin);
      else {
        stdin.on("error", (e) => {
          child.kill("SIGTERM");
          reject(new UserError(`reading the step's input: ${e.message}`));
        });
        stdin.pipe(child.stdin);
      }
    }
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new UserError(
          e.code === "ENOENT"
            ? `${file}: command not found (install openssh-client)`
            : `${file}: ${e.message}`,
        ),
      );
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (isStream(stdin)) stdin.destroy();
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString(),
        stdoutTruncated: truncated,
        stderr: err.toString(),
        durationMs: performance.now() - started,
        timedOut,
      });
    });
  });
}
