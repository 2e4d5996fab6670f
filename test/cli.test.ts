import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { loadAllActions } from "../src/actions/registry.js";
import { isSecretInput } from "../src/kit/inputs.js";
import { publicKeyHint } from "../src/release/signing.js";
import { buildHello } from "./support/hello-build.js";
import { opensslKey } from "./support/keys.js";

/**
 * The goship CLI (dist/cli) as a user runs it, watched from outside: what the process table
 * shows of it and of the children it starts (/proc/<pid>/cmdline and environ), and what it
 * leaves in the temporary directory (TMPDIR, a fresh one per run) after a success, a
 * failure and a real SIGTERM.
 */

const ACTIONS = await loadAllActions();

const CLI = join(process.cwd(), "dist", "cli", "index.js");
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `goship-cli-${p}-`));

interface Running {
  child: ChildProcess;
  pid: number;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The CLI with the caller's environment minus anything the runner would set, its own TMPDIR, and `stdin` piped in. */
function startCli(
  args: string[],
  opts: { cwd?: string; tmp: string; stdin?: string; env?: Record<string, string>; node?: string },
): Running {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(INPUT|GITHUB|RUNNER|STATE)_/.test(k)) env[k] = v;
  Object.assign(env, { TMPDIR: opts.tmp }, opts.env);
  const child = spawn(opts.node ?? process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    env,
    stdio: [opts.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (b) => (stdout += b));
  child.stderr?.on("data", (b) => (stderr += b));
  const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
  const done = new Promise<Awaited<Running["done"]>>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, pid: child.pid as number, done };
}

const cli = (args: string[], opts: Parameters<typeof startCli>[1]) => startCli(args, opts).done;

/** Every live descendant of `pid`, from /proc/<pid>/stat's parent field. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, ppid] of parent) {
      if (ppid !== p) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

const procFile = (pid: number, file: "cmdline" | "environ" | "comm") =>
  readFileSync(`/proc/${pid}/${file}`, "utf8").replaceAll("\0", "\n");

/** The lines of a PEM's body long enough to be unmistakable. */
const bodyLines = (pem: string) => pem.split("\n").filter((l) => l.length > 16 && !l.startsWith("-----"));

describe("secrets never on a command line nor in a child's environment", () => {
  it("deploy-systemd --ssh-private-key-file: neither /proc/<pid>/cmdline nor ssh's environ holds the key; SIGTERM leaves no temp dir", async () => {
    const dir = tmp("ssh");
    const keyFile = join(dir, "deploy_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", keyFile]);
    const key = readFileSync(keyFile, "utf8");
    const hostKey = readFileSync(`${keyFile}.pub`, "utf8").trim().split(" ").slice(0, 2).join(" ");

    // A host that accepts the connection and then says nothing: ssh waits for its banner.
    const sockets: Socket[] = [];
    let connected: () => void = () => {};
    const accepted = new Promise<void>((r) => (connected = r));
    const server = createServer((s) => {
      sockets.push(s);
      connected();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const cliTmp = tmp("tmpdir");
    const run = startCli(
      [
        "deploy-systemd",
        "--mode",
        "status",
        "--app",
        "shop",
        "--hosts",
        `127.0.0.1:${port}`,
        "--known-hosts",
        `[127.0.0.1]:${port} ${hostKey}`,
        "--ssh-private-key-file",
        keyFile,
      ],
      { tmp: cliTmp },
    );
    const seen: number[] = [];
    try {
      const first = await Promise.race([accepted.then(() => "connected"), run.done]);
      expect(first, JSON.stringify(first)).toBe("connected");
      const children = descendants(run.pid);
      seen.push(...children);
      const ssh = children.filter((p) => procFile(p, "comm").trim() === "ssh");
      expect(ssh.length, children.map((p) => procFile(p, "cmdline")).join("; ")).toBeGreaterThan(0);

      const cmdline = procFile(run.pid, "cmdline");
      expect(cmdline).toContain("--ssh-private-key-file");
      for (const pid of [run.pid, ...ssh]) {
        const shown = procFile(pid, "cmdline") + procFile(pid, "environ");
        for (const line of bodyLines(key)) expect(shown, `pid ${pid}`).not.toContain(line);
        expect(shown, `pid ${pid}`).not.toContain("PRIVATE KEY");
      }
      for (const pid of ssh) expect(procFile(pid, "environ")).not.toMatch(/^INPUT_SSH-PRIVATE-KEY=/m);
      // While it runs, goship's own directories are there (the listing below looks at the right place).
      expect(readdirSync(cliTmp).length).toBeGreaterThan(0);

      run.child.kill("SIGTERM");
      const ended = await run.done;
      expect(ended.signal).toBeNull();
      expect(ended.code, ended.stdout + ended.stderr).toBe(143);
      expect(readdirSync(cliTmp)).toEqual([]);
    } finally {
      run.child.kill("SIGKILL");
      for (const s of sockets) s.destroy();
      server.close();
      // ssh's own end on a signal is not this test's subject: end what the run left, by PID.
      for (const pid of seen) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone already
        }
      }
    }
  }, 120_000);
});

describe("local mode", () => {
  let repo: string;
  let key: ReturnType<typeof opensslKey>;
  beforeAll(async () => {
    ({ repo } = await buildHello(["linux/amd64"]));
    key = opensslKey();
  }, 600_000);

  it("package-release --signing-key-file - reads the key from standard input, and leaves no temp dir", async () => {
    const cliTmp = tmp("tmpdir");
    const out = join(tmp("out"), "release");
    const r = await cli(["package-release", "--signing-key-file", "-", "--output-dir", out], {
      cwd: repo,
      tmp: cliTmp,
      stdin: key.pem,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(out, "goship.pub"), "utf8")).toBe(readFileSync(key.pub, "utf8"));
    expect(r.stderr).not.toContain("warning");
    expect(readdirSync(cliTmp)).toEqual([]);
  }, 120_000);

  it("--json prints the outputs as one JSON object on standard output, the log on standard error", async () => {
    const out = join(tmp("out"), "release");
    const r = await cli(["package-release", "--signing-key-file", key.file, "--output-dir", out, "--json"], {
      cwd: repo,
      tmp: tmp("tmpdir"),
    });
    expect(r.code, r.stderr).toBe(0);
    const outputs = JSON.parse(r.stdout);
    const declared = Object.keys(ACTIONS["package-release"]?.outputs ?? {});
    expect(Object.keys(outputs).filter((k) => !declared.includes(k))).toEqual([]);
    expect(outputs.manifest).toBe(join(out, "goship-manifest.json"));
    expect(JSON.parse(outputs.assets).length).toBeGreaterThan(0);
    expect(r.stderr).toContain("Collect the build-static output");
  }, 120_000);

  it("a failed run leaves no temp dir either", async () => {
    const cliTmp = tmp("tmpdir");
    const r = await cli(["package-release", "--artifacts-dir", tmp("empty"), "--output-dir", tmp("o")], {
      cwd: repo,
      tmp: cliTmp,
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('input "artifacts-dir"');
    expect(readdirSync(cliTmp)).toEqual([]);
  }, 120_000);

  it("a secret given as a flag still works, with a warning that names the file form", async () => {
    const cliTmp = tmp("tmpdir");
    const out = join(tmp("out"), "release");
    const r = await cli(["package-release", "--signing-key", key.pem, "--output-dir", out], {
      cwd: repo,
      tmp: cliTmp,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "goship: warning: --signing-key puts a secret on the command line, where every local user can read it (ps, /proc/<pid>/cmdline); use --signing-key-file PATH, or --signing-key-file - to read it from standard input",
    );
    expect(existsSync(join(out, "SHA256SUMS.sig"))).toBe(true);
  }, 120_000);

  it.each([
    [
      "both forms",
      () => ["--signing-key", key.pem, "--signing-key-file", key.file],
      "goship: signing-key is given more than once (--signing-key, --signing-key-file): give it once",
    ],
    [
      "the file form twice",
      () => ["--signing-key-file", key.file, "--signing-key-file", key.file],
      "goship: signing-key is given more than once (--signing-key, --signing-key-file): give it once",
    ],
    [
      "standard input twice",
      () => ["--signing-key-file", "-", "--signing-key-password-file", "-"],
      "goship: --signing-key-file reads standard input already; --signing-key-password-file cannot as well",
    ],
    [
      "a file that is not there",
      () => ["--signing-key-file", "/nonexistent/goship.key"],
      "goship: --signing-key-file: cannot read /nonexistent/goship.key: ENOENT: no such file or directory, open '/nonexistent/goship.key'",
    ],
    [
      "an empty file",
      () => {
        const f = join(tmp("empty"), "key");
        writeFileSync(f, "\n");
        return ["--signing-key-file", f];
      },
      /^goship: --signing-key-file: \/.*\/key is empty$/,
    ],
    [
      "a file form for an input that is no secret",
      () => ["--version-file", key.file],
      /^goship: package-release has no input "version-file"; its inputs: .*; secrets from a file: --signing-key-file, --signing-key-password-file, --github-token-file$/,
    ],
  ])("refuses %s (exit 2), reading nothing", async (_, args, message) => {
    const cliTmp = tmp("tmpdir");
    const r = await cli(["package-release", ...args(), "--output-dir", tmp("o")], {
      cwd: repo,
      tmp: cliTmp,
      stdin: key.pem,
    });
    expect(r.code).toBe(2);
    const line = r.stderr.trim().split("\n").at(-1) as string;
    if (typeof message === "string") expect(line).toBe(message);
    else expect(line).toMatch(message);
    expect(r.stdout + r.stderr).not.toContain(bodyLines(key.pem)[0]);
    expect(readdirSync(cliTmp)).toEqual([]);
  });

  describe("goship verify", () => {
    let out: string;
    beforeAll(async () => {
      out = join(tmp("verify"), "release");
      const r = await cli(["package-release", "--signing-key-file", key.file, "--output-dir", out], {
        cwd: repo,
        tmp: tmp("tmpdir"),
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }, 120_000);
    const verify = (keyFile: string, ...args: string[]) =>
      cli(["verify", out, "--public-key", keyFile, ...args], { tmp: tmp("tmpdir") });
    const lastLine = (s: string) => s.trim().split("\n").at(-1);
    const hint = (pubFile: string) => publicKeyHint(createPublicKey(readFileSync(pubFile, "utf8")));

    it("--version and --project: ok when the release is the one expected", async () => {
      const r = await verify(key.pub, "--version", "1.4.0", "--project=hello");
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).toContain("ok  project is hello, as expected\nok  version is 1.4.0, as expected\n");
      expect(lastLine(r.stdout)).toMatch(/^verified: hello 1\.4\.0 /);
    });

    it.each([
      [
        ["--version", "2.0.0"],
        `FAIL  input "version" has value "2.0.0": the release's version; its goship-manifest.json says hello 1.4.0`,
      ],
      [
        ["--project", "gin-app"],
        `FAIL  input "project" has value "gin-app": the release's project; its goship-manifest.json says hello 1.4.0`,
      ],
    ])("%j: exit 1 and one FAIL line", async (args, message) => {
      const r = await verify(key.pub, ...args);
      expect(r.code, r.stdout).toBe(1);
      expect(lastLine(r.stdout)).toBe(message);
    });

    it("--version without a value is a usage error", async () => {
      const r = await verify(key.pub, "--version");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^goship: verify: --version needs a value/);
    });

    const ALLOWED =
      'the PEM public key ("-----BEGIN PUBLIC KEY-----") of the ECDSA P-256 key that signed the release: your goship.pub';
    it.each([
      [
        "a file that is no PEM",
        () => {
          const f = join(tmp("key"), "goship.pub");
          writeFileSync(f, "goship.pub\n");
          return f;
        },
        "this is not a PEM public key",
      ],
      ["an EC P-384 public key", () => opensslKey("P-384").pub, "this is an EC P-384 key"],
      ["the private key", () => key.file, "this is a private key (its public half: openssl pkey -pubout)"],
    ])("--public-key with %s names the input and what is allowed", async (_, file, what) => {
      const f = file();
      const r = await verify(f);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stdout.trim()).toBe(
        `FAIL  input "public-key" has value ${JSON.stringify(f)}: ${ALLOWED}; ${what}`,
      );
    });

    it("a signature by another key names the input and both keys", async () => {
      const other = opensslKey().pub;
      const r = await verify(other);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stdout.trim()).toBe(
        `FAIL  SHA256SUMS.sig: not a valid signature of SHA256SUMS by the key in input "public-key" (${hint(other)}); the release names key ${hint(key.pub)}: verify with that key's goship.pub only if it is yours`,
      );
    });

    it("the right key and a changed SHA256SUMS says so", async () => {
      const copy = tmp("changed");
      cpSync(out, copy, { recursive: true });
      writeFileSync(join(copy, "SHA256SUMS"), `${readFileSync(join(copy, "SHA256SUMS"), "utf8")}\n`);
      const r = await cli(["verify", copy, "--public-key", key.pub], { tmp: tmp("tmpdir") });
      expect(r.code, r.stdout).toBe(1);
      expect(r.stdout.trim()).toBe(
        `FAIL  SHA256SUMS.sig: not a valid signature of SHA256SUMS by the key in input "public-key" (${hint(key.pub)}); the release names this key too: SHA256SUMS or its signature changed after signing`,
      );
    });
  });

  it("--help lists the file form of each secret", async () => {
    const r = await cli(["deploy-systemd", "--help"], { tmp: tmp("tmpdir") });
    expect(r.code).toBe(0);
    for (const secret of ["ssh-private-key", "environment", "github-token"])
      expect(r.stdout).toMatch(
        new RegExp(`^ {2}--${secret}-file PATH +${secret} read from the file PATH`, "m"),
      );
  });
});

describe("in a terminal", () => {
  // The machine's own node, when it is older than the actions' runtime (Debian's is 20 here).
  const oldNode = (() => {
    const r = spawnSync("/usr/bin/node", ["-p", "process.versions.node"], { encoding: "utf8" });
    const major = Number(r.stdout?.split(".")[0]);
    return r.status === 0 && major >= 20 && major < 24 ? "/usr/bin/node" : undefined;
  })();

  it.skipIf(!oldNode)(
    "on Node.js 20: --version and verify --help run; an action says in one line what it needs",
    async () => {
      const node = oldNode as string;
      const version = await cli(["--version"], { tmp: tmp("tmpdir"), node });
      expect(version.code, version.stderr).toBe(0);
      expect(version.stderr).toBe("");
      const help = await cli(["verify", "--help"], { tmp: tmp("tmpdir"), node });
      expect(help.code).toBe(0);
      const action = await cli(["setup-go-cross", "--go-version", "1.26.8"], { tmp: tmp("tmpdir"), node });
      expect(action.code).toBe(2);
      expect(action.stderr.trim().split("\n")).toEqual([
        expect.stringMatching(
          /^goship: setup-go-cross needs Node\.js 24 or later, the actions' runtime; this is v2\d\.\d+\.\d+ \(goship verify, --help and --version run on Node\.js 20 too\)$/,
        ),
      ]);
    },
  );

  it("--version prints goship's version", async () => {
    const r = await cli(["--version"], { tmp: tmp("tmpdir") });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`goship ${JSON.parse(readFileSync("package.json", "utf8")).version}\n`);
  });

  it("verify --help explains verify and its flags", async () => {
    const r = await cli(["verify", "--help"], { tmp: tmp("tmpdir") });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: goship verify <release-dir> --public-key <goship.pub>/);
    expect(r.stdout).toMatch(/^ {2}--public-key PATH /m);
  });

  it("a misspelt action: exit 2 and the action it most likely meant", async () => {
    const r = await cli(["deploy-sytemd", "--app", "shop"], { tmp: tmp("tmpdir") });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(
      'goship: unknown action "deploy-sytemd" (did you mean deploy-systemd?)',
    );
  });

  it("a misspelt flag: exit 2 and the input it most likely meant", async () => {
    const r = await cli(["deploy-systemd", "--hots", "web1"], { tmp: tmp("tmpdir") });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^goship: deploy-systemd has no input "hots"; its inputs: hosts, .*\ndid you mean --hosts\?\n$/,
    );
  });

  it("a failure is plain text, one line per problem; workflow commands only under a runner", async () => {
    const args = ["setup-go-cross", "--cache", "nope", "--targets", "linux/amd64,foo/bar"];
    const here = await cli(args, { tmp: tmp("tmpdir") });
    expect(here.code).toBe(1);
    expect(here.stdout).toContain('error: setup-go-cross: 2 inputs are invalid:\n  - input "targets"');
    expect(here.stdout).toContain(
      '\n  - input "cache" has value "nope": allowed: one of true, false, restore-only\n',
    );
    expect(here.stdout + here.stderr).not.toMatch(/^::|::error::|%0A/m);

    const runner = await cli(args, { tmp: tmp("tmpdir"), env: { GITHUB_ACTIONS: "true" } });
    expect(runner.code).toBe(1);
    expect(runner.stdout).toContain("::error::setup-go-cross: 2 inputs are invalid:%0A  - input");
  });
});

describe("the file form of secret inputs", () => {
  it("never shadows a real input: no action has an input named <secret>-file", () => {
    for (const def of Object.values(ACTIONS)) {
      const names = Object.keys(def.inputs.shape);
      for (const [name, schema] of Object.entries(def.inputs.shape))
        if (isSecretInput(schema as z.ZodType)) expect(names, def.name).not.toContain(`${name}-file`);
    }
  });
});
