import { closeSync, createReadStream, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { UserError } from "../kit/errors.js";
import { execFile } from "../kit/exec.js";
import { sha256File } from "../kit/hash.js";
import { untrusted } from "../kit/log.js";
import {
  endProcess,
  ProcessInputError,
  type ProcessResult,
  ProcessStartError,
  processAlive,
  runProcess,
  signalProcess,
  waitForExit,
} from "../kit/process.js";
import { KILL_GRACE_SEC, type RemoteStep, remoteCommand, UPLOAD } from "./command.js";
import { formatHostSpec, type HostSpec } from "./hosts-spec.js";
import { checkKnownHosts, clientBase, sweepAbandoned, writeClientFiles } from "./ssh-files.js";

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
const STDERR_KEPT = 64 * 1024;
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
  #keyChecked: Promise<void> = Promise.resolve();

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
    const base = clientBase(opts.baseDir);
    await sweepAbandoned(base);
    const dir = await mkdtemp(join(base, "goship-ssh-"));
    const client = new SshClient(dir, opts);
    process.on("exit", client.#onExit);
    try {
      const { keyChecked } = await writeClientFiles(dir, client.configFile, {
        privateKey,
        knownHosts,
        connectTimeoutSec: client.connectTimeoutSec,
        serverAliveIntervalSec: opts.serverAliveIntervalSec ?? 15,
        serverAliveCountMax: opts.serverAliveCountMax ?? 3,
      });
      client.#keyChecked = keyChecked;
    } catch (e) {
      await client.close();
      throw e;
    }
    return client;
  }

  /**
   * Resolves once ssh-keygen found that OpenSSH loads the private key without a passphrase;
   * rejects with the input error naming ssh-private-key otherwise. The check runs from
   * create() on, beside whatever the caller does next (a deploy prints its first line); no
   * session connects before it passed, and a caller awaits it first for one clear error.
   */
  ready(): Promise<void> {
    return this.#keyChecked;
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

  /**
   * On process exit without close() (an error nobody caught, or a stop signal: runAction exits
   * on those): remove the key and the directory, then end the masters we started, by PID. In
   * that order: a master that ends unlinks its control socket, which would race the removal.
   */
  #endSync(): void {
    for (let attempt = 0; attempt < 3 && existsSync(this.dir); attempt++) {
      try {
        rmSync(this.dir, { recursive: true, force: true });
      } catch {
        // Something changed in it meanwhile: again.
      }
    }
    for (const s of this.#sessions.values()) s.killSync();
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
    const replayable =
      opts.stdin === undefined || typeof opts.stdin === "string" || Buffer.isBuffer(opts.stdin);
    if (result.code === 255 && NO_MASTER.test(result.stderr) && replayable) {
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
      const { signal: _, ...result } = await runProcess(
        this.client.sshPath,
        [...this.#muxClient(), ...(opts.stdin === undefined ? ["-n"] : []), ...this.#destination(), command],
        {
          stdin: opts.stdin,
          timeoutMs: timeoutMs + (KILL_GRACE_SEC + 10) * 1000,
          maxStdoutBytes: opts.maxStdoutBytes ?? 1 << 20,
          maxStderrBytes: STDERR_KEPT,
        },
      );
      return result;
    } catch (e) {
      if (e instanceof ProcessStartError) {
        throw new UserError(
          e.reason.code === "ENOENT"
            ? `${e.file}: command not found (install openssh-client)`
            : `${e.file}: ${e.reason.message}`,
        );
      }
      if (e instanceof ProcessInputError)
        throw new UserError(`reading the step's input: ${e.reason.message}`);
      throw e;
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
      // stdin stays open until the far end closes: closing it early half-closes the TCP
      // connection, which some servers take as the client going away.
      const { stdout, stderr, timedOut } = await runProcess(
        this.client.sshPath,
        [...this.#muxClient(), "-W", `127.0.0.1:${port}`, ...this.#destination()],
        {
          stdin: `GET ${path} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: goship\r\nConnection: close\r\n\r\n`,
          keepStdinOpen: true,
          timeoutMs,
          maxStdoutBytes: 1 << 20,
          maxStderrBytes: 4096,
        },
      ).catch((e: unknown) => {
        if (e instanceof ProcessStartError) return { stdout: "", stderr: e.message, timedOut: false };
        throw e;
      });
      const ms = Math.round(performance.now() - started);
      const head = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r?\n/.exec(stdout);
      if (head) {
        const split = stdout.indexOf("\r\n\r\n");
        return { status: Number(head[1]), body: split < 0 ? "" : stdout.slice(split + 4), ms };
      }
      if (timedOut) return { error: `no answer from 127.0.0.1:${port}${path} within ${timeoutMs} ms`, ms };
      const said = stderr
        .trim()
        .split("\n")
        .filter(Boolean)
        .slice(-2)
        .map((l) => untrusted(l))
        .join("; ");
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
      await waitForExit(pid, 5000);
    }
    await this.#endMaster();
    rmSync(this.socket, { force: true });
  }

  /** Ends the master we started, by its PID, and waits until it is gone. */
  async #endMaster(): Promise<void> {
    const pid = this.#masterPid;
    this.#masterPid = undefined;
    if (pid !== undefined) await endProcess(pid, 5000);
  }

  /** For process exit: no awaiting, just end the master we started. */
  killSync(): void {
    if (this.#masterPid !== undefined && processAlive(this.#masterPid))
      signalProcess(this.#masterPid, "SIGTERM");
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
    await c.ready();
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
    let exit: ProcessResult | ProcessStartError;
    try {
      exit = await runProcess(c.sshPath, args, {
        stderrFd: fd,
        timeoutMs: (c.connectTimeoutSec * (hops.length + 1) + 20) * 1000,
      }).catch((e: unknown) => {
        if (e instanceof ProcessStartError) return e;
        throw e;
      });
    } finally {
      closeSync(fd);
    }
    const stderr = readFileSync(log, "utf8");
    rmSync(log, { force: true });
    if (exit instanceof ProcessStartError) {
      const why =
        exit.reason.code === "ENOENT" ? "command not found (install openssh-client)" : exit.reason.message;
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
        `connected to ${this.label}, but its master connection does not answer: ${untrusted(check.stderr.trim())}`,
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

export type HttpProbe = { status: number; body: string; ms: number } | { error: string; ms: number };

/** Turns ssh's refusal into one clear error; host key problems name the host whose key it was. */
function connectFailure(label: string, host: string, stderr: string): UserError {
  const named =
    /Host key for (\S+) has changed|host key for (\S+) is marked as revoked|host key is known for (\S+) and/i.exec(
      stderr,
    );
  // ssh names a host on another port as [host]:port.
  // ssh's words, but a hostile server's banner can imitate them: untrusted.
  const keyHost = untrusted((named?.[1] ?? named?.[2] ?? named?.[3] ?? host).replace(/^\[(.*)\]:\d+$/, "$1"));
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

function tail(r: { stderr: string; stdout: string }): string {
  return tailOf(r.stderr.trim() ? r.stderr : r.stdout);
}

/** The end of what ssh or the host said, each line through untrusted() (a host's banner, a step's output). */
function tailOf(text: string): string {
  const t = text
    .trimEnd()
    .slice(-2000)
    .split("\n")
    .slice(-20)
    .map((l) => untrusted(l))
    .join("\n");
  return t ? `:\n${t}` : "";
}
