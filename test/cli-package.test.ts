import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHello } from "./support/hello-build.js";
import { opensslKey } from "./support/keys.js";

/**
 * The goship CLI as a user on a fresh machine gets it: the `npm pack` tarball that
 * release.yml attaches to each GitHub Release as goship.tgz, run by npx or installed by
 * npm, with an empty npm cache and no registry, against a real signed release.
 */

const ROOT = process.cwd();
/** Where the README tells users to get the CLI; this test serves the tarball at the same path. */
const ASSET = "https://github.com/goship/goship/releases/latest/download/goship.tgz";
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `goship-pkg-${p}-`));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * npm, npx or an installed goship as a user with nothing cached runs them: a fresh cache and global prefix, and a
 * registry that refuses every connection (the package must need nothing from it). Node 24
 * (this test's own) first on PATH.
 */
function npm(bin: "npm" | "npx" | "goship", args: string[], cwd: string, home: string): Promise<Ran> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(INPUT|GITHUB|RUNNER|STATE)_|^npm_/i.test(k)) env[k] = v;
  Object.assign(env, {
    PATH: `${join(home, "prefix", "bin")}:${dirname(process.execPath)}:${env.PATH}`,
    HOME: home,
    npm_config_cache: join(home, "cache"),
    npm_config_prefix: join(home, "prefix"),
    npm_config_registry: "http://127.0.0.1:9/",
    npm_config_fetch_retries: "0",
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  });
  const child = spawn(bin, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b) => (stdout += b));
  child.stderr.on("data", (b) => (stderr += b));
  const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const lastLine = (s: string) => s.trim().split("\n").at(-1);

describe("the goship package (npm pack)", () => {
  let packDir: string;
  let tarball: string;
  let files: string[];
  let release: string;
  let key: ReturnType<typeof opensslKey>;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/index.js")))
      throw new Error("dist/cli/index.js is missing: build it with `node scripts/bundle.mjs --only cli`");
    packDir = tmp("pack");
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", packDir], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
      }),
    ) as { filename: string; files: { path: string }[] }[];
    const first = packed[0] as (typeof packed)[0];
    tarball = join(packDir, first.filename);
    files = first.files.map((f) => f.path).sort();

    // A real signed release, made by goship's own CLI from the hello fixture.
    const { repo } = await buildHello(["linux/amd64"]);
    key = opensslKey();
    release = join(tmp("release"), "release");
    execFileSync(
      process.execPath,
      [
        join(ROOT, "dist/cli/index.js"),
        "package-release",
        "--signing-key-file",
        key.file,
        "--output-dir",
        release,
      ],
      { cwd: repo, stdio: "pipe" },
    );

    // What release.yml publishes: the tarball as the release asset goship.tgz, served here
    // the way github.com's download URLs serve it.
    server = createServer((req, res) => {
      if (req.url !== new URL(ASSET).pathname) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(readFileSync(tarball));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    url = `http://127.0.0.1:${port}${new URL(ASSET).pathname}`;
  }, 600_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it("holds the bundled CLI, the license and the README, and nothing of src/ or test/", () => {
    expect(files.filter((f) => !f.startsWith("dist/cli/"))).toEqual(["LICENSE", "README.md", "package.json"]);
    expect(files).toContain("dist/cli/index.js");
    expect(files).toContain("dist/cli/package.json"); // {"type":"module"} for the bundle
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ goship: "dist/cli/index.js" });
    // The CLI is one bundle: installing it fetches no other package.
    expect(pkg.dependencies).toBeUndefined();
  });

  it("`npx ./goship-*.tgz verify` verifies a real signed release, with nothing cached and no registry", async () => {
    const home = tmp("home");
    const name = join(packDir, "goship-local.tgz");
    copyFileSync(tarball, name);
    const ok = await npm(
      "npx",
      ["--yes", "./goship-local.tgz", "verify", release, "--public-key", key.pub, "--version", "1.4.0"],
      packDir,
      home,
    );
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain("ok  version is 1.4.0, as expected\n");
    expect(lastLine(ok.stdout)).toMatch(/^verified: hello 1\.4\.0 /);
    // The same command with another key fails: it really checks the signature.
    const other = opensslKey();
    const bad = await npm(
      "npx",
      ["--yes", "./goship-local.tgz", "verify", release, "--public-key", other.pub],
      packDir,
      home,
    );
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(lastLine(bad.stdout)).toMatch(
      /^FAIL {2}SHA256SUMS\.sig: not a valid signature of SHA256SUMS by the key in input "public-key"/,
    );
  }, 300_000);

  it("the README's commands: npx from the release's URL, and `npm install --global` then `goship verify`", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(`npm install --global ${ASSET}\ngoship verify . --public-key goship.pub\n`);
    expect(readme).toContain(`npx --yes ${ASSET} verify . --public-key goship.pub`);
    const home = tmp("home");
    const cwd = tmp("cwd");
    const once = await npm("npx", ["--yes", url, "verify", release, "--public-key", key.pub], cwd, home);
    expect(once.code, once.stdout + once.stderr).toBe(0);
    expect(lastLine(once.stdout)).toMatch(/^verified: hello 1\.4\.0 /);

    const installed = await npm("npm", ["install", "--global", url], cwd, home);
    expect(installed.code, installed.stdout + installed.stderr).toBe(0);
    const bin = join(home, "prefix", "bin", "goship");
    expect(existsSync(bin)).toBe(true);
    // `goship` on PATH (the global prefix's bin), as the user's shell finds it, and
    // `npx goship` (the README's other examples) running that installed one.
    for (const [cmd, args] of [
      ["goship", ["verify", release, "--public-key", key.pub]],
      ["npx", ["goship", "verify", release, "--public-key", key.pub]],
    ] as const) {
      const verify = await npm(cmd, [...args], cwd, home);
      expect(verify.code, `${cmd}: ${verify.stdout}${verify.stderr}`).toBe(0);
      expect(lastLine(verify.stdout)).toMatch(/^verified: hello 1\.4\.0 /);
    }
  }, 300_000);
});
