import { readFileSync } from "node:fs";
import { chmod, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inputError, UserError } from "../kit/errors.js";
import { execFile } from "../kit/exec.js";
import { processStartTime, signalProcess } from "../kit/process.js";

/**
 * The private directory of one SshClient (0700): the key, known_hosts and the ssh config its
 * connections read (0600 each), who owns it, and its control sockets. A client killed before
 * close() leaves one behind; the next client in the same base ends its masters and removes it.
 */

/** Paths that go into the config file, control socket names and the jump's shell command unquoted. */
const SAFE_DIR = /^\/[A-Za-z0-9._/-]*$/;
/** A unix socket path is at most 104-108 bytes, and ssh adds ".XXXXXXXXXXXXXXXX" while creating it. */
const MAX_DIR_LENGTH = 60;

const OWNER_FILE = "owner";

/**
 * Directories of goship ssh clients whose process is gone without close() (killed with
 * SIGKILL, say: its exit handler never ran): their masters still hold connections open and
 * their key file is still on disk. Each master named in the directory is ended, if its command
 * line still names that directory, and the directory is removed. Best effort: never throws.
 */
export async function sweepAbandoned(base: string): Promise<void> {
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
      if (processStartTime(Number(pid)) === start && start !== "") continue; // its owner still runs
      for (const f of (await readdir(dir)).filter((f) => f.endsWith(".pid"))) {
        const master = Number((await readFile(join(dir, f), "utf8")).trim());
        let cmdline = "";
        try {
          cmdline = readFileSync(`/proc/${master}/cmdline`, "utf8");
        } catch {
          continue; // gone already
        }
        if (Number.isInteger(master) && master > 1 && cmdline.includes(dir)) signalProcess(master, "SIGTERM");
      }
      await rm(dir, { recursive: true, force: true });
    } catch {
      // not ours, or not readable: leave it
    }
  }
}

export interface ClientFiles {
  privateKey: string;
  /** Checked already (checkKnownHosts). */
  knownHosts: string;
  connectTimeoutSec: number;
  serverAliveIntervalSec: number;
  serverAliveCountMax: number;
}

/**
 * Writes the client's files into `dir` (made already) and the ssh config to `configFile`.
 * Resolves once they are written, with the check that OpenSSH can load the key without a
 * passphrase still running (ssh-keygen): `keyChecked` rejects with the input error if not.
 */
export async function writeClientFiles(
  dir: string,
  configFile: string,
  f: ClientFiles,
): Promise<{ keyChecked: Promise<void> }> {
  await chmod(dir, 0o700);
  // Who owns this directory, for sweepAbandoned if this process is killed before close().
  await writeFile(join(dir, OWNER_FILE), `${process.pid} ${processStartTime(process.pid)}\n`, {
    mode: 0o600,
  });
  const keyFile = join(dir, "id");
  const knownHostsFile = join(dir, "known_hosts");
  await writeFile(keyFile, f.privateKey, { mode: 0o600 });
  await writeFile(knownHostsFile, f.knownHosts, { mode: 0o600 });
  const keyChecked = checkPrivateKey(keyFile);
  keyChecked.catch(() => undefined); // the caller awaits it (SshClient.ready)
  // Everything here also applies to ProxyJump hops (see the top of ssh.ts).
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
    `ConnectTimeout ${f.connectTimeoutSec}`,
    `ServerAliveInterval ${f.serverAliveIntervalSec}`,
    `ServerAliveCountMax ${f.serverAliveCountMax}`,
    // Only the master (-M, -S on its command line) multiplexes; hops connect plainly.
    "ControlMaster no",
    "ControlPath none",
    "",
  ].join("\n");
  await writeFile(configFile, config, { mode: 0o600 });
  return { keyChecked };
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

/** The base directory for clients' directories: short and plain, so that control sockets fit. */
export function clientBase(requested: string | undefined): string {
  const candidates = requested ? [requested] : [process.env.RUNNER_TEMP, tmpdir(), "/tmp"];
  for (const base of candidates) {
    if (base && SAFE_DIR.test(base) && base.length <= MAX_DIR_LENGTH - 20) return base;
  }
  throw new UserError(
    `${requested}: not usable for ssh's files (an absolute path of [A-Za-z0-9._/-], at most ${MAX_DIR_LENGTH - 20} characters, so control sockets fit)`,
  );
}
