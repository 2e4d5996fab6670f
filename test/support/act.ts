import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pinnedTool } from "./tools.js";

/**
 * goship at this commit as act fetches it for a caller's `goship/goship/...@v1` (act's
 * `--local-repository goship/goship@v1=<this dir>`): actions/, dist/ and the reusable workflows.
 * act does not resolve GitHub's `$/` self-repository references, so the copies name the actions
 * goship/goship/actions/<name>@v1, which the same mapping resolves to this commit's actions: the
 * pin → same-commit promise that `$/` keeps on GitHub.
 */
export function goshipAtThisCommit(root = process.cwd()): string {
  const dir = mkdtempSync(join(tmpdir(), "goship-self-"));
  cpSync(join(root, "actions"), join(dir, "actions"), { recursive: true });
  cpSync(join(root, "dist"), join(dir, "dist"), { recursive: true });
  mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
  for (const name of readdirSync(join(root, ".github/workflows"))) {
    const workflow = readFileSync(join(root, ".github/workflows", name), "utf8");
    writeFileSync(
      join(dir, ".github/workflows", name),
      workflow.replace(/\$\/actions\/([a-z-]+)/g, "goship/goship/actions/$1@v1"),
    );
  }
  return dir;
}

/**
 * The machine's own Go in act's tool cache, as a runner image holds its preinstalled Go: a
 * workflow that asks for exactly this version (a go.mod `toolchain` line, or `go-version`)
 * finds it there, downloads nothing, and builds from the same Go build cache as the rest of the
 * suite instead of compiling the standard library and every dependency again with another Go.
 * act on the host sets RUNNER_TOOL_CACHE to tool_cache/ in its cache directory (XDG_CACHE_HOME/act,
 * else ~/.cache/act); the entry is a link to this Go's GOROOT with the tool cache's completion
 * marker. Returns the Go version, e.g. "1.26.8".
 */
export function machineGoInActToolCache(): string {
  const go = (v: string) => execFileSync("go", ["env", v]).toString().trim();
  const version = go("GOVERSION").replace(/^go/, "");
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const dir = join(cacheHome, "act", "tool_cache", "go", version);
  if (!existsSync(join(dir, `${process.arch}.complete`))) {
    mkdirSync(dir, { recursive: true });
    try {
      symlinkSync(go("GOROOT"), join(dir, process.arch));
    } catch (e) {
      // Another test file made it at the same moment (or a real install of this version is there).
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    writeFileSync(join(dir, `${process.arch}.complete`), "");
  }
  return version;
}

export interface ActRun {
  code: number;
  log: string;
  /** Where act's artifact server kept this run's uploads: <dir>/<run id>/<name>/<name>.zip. */
  artifactDir: string;
  /** act's cache server's directory for this run (setup-go-cross's Go cache can make it large). */
  cacheDir: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
  });
}

/**
 * Runs a workflow of this repository (or of `cwd`) with act on the host (no containers), Node 24 first
 * on PATH, and act's own artifact and cache servers on 127.0.0.1: the way GitHub runs the
 * actions, minus GitHub.
 */
export async function runWorkflow(
  workflow: string,
  opts: {
    inputs?: Record<string, string>;
    secrets?: Record<string, string>;
    timeoutMs?: number;
    /** The repository to run in (default: this one); `workflow` is relative to it. */
    cwd?: string;
    /** More act flags, e.g. `--local-repository owner/repo@ref=DIR`. */
    args?: string[];
    /** Configuration variables (`vars.*`). */
    vars?: Record<string, string>;
    /** Environment for every job (`--env`); GITHUB_API_URL and GITHUB_REPOSITORY here are also github.api_url and github.repository. */
    env?: Record<string, string>;
  } = {},
): Promise<ActRun> {
  const artifactDir = mkdtempSync(join(tmpdir(), "goship-act-artifacts-"));
  const cacheDir = mkdtempSync(join(tmpdir(), "goship-act-cache-"));
  const args = [
    "workflow_dispatch",
    "-W",
    workflow,
    "-P",
    "ubuntu-latest=-self-hosted",
    "--artifact-server-path",
    artifactDir,
    "--artifact-server-addr",
    "127.0.0.1",
    "--artifact-server-port",
    String(await freePort()),
    "--cache-server-addr",
    "127.0.0.1",
    "--cache-server-port",
    "0",
    "--cache-server-path",
    cacheDir,
  ];
  args.push(...(opts.args ?? []));
  for (const [k, v] of Object.entries(opts.inputs ?? {})) args.push("--input", `${k}=${v}`);
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push("--var", `${k}=${v}`);
  for (const [k, v] of Object.entries(opts.env ?? {})) args.push("--env", `${k}=${v}`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("GITHUB_") || k.startsWith("INPUT_")) delete env[k];
  // After the clean-up: a GITHUB_TOKEN secret is also act's github.token.
  for (const [k, v] of Object.entries(opts.secrets ?? {})) {
    args.push("-s", k);
    env[k] = v;
  }
  // Inside vitest, Node 24 (the node@24 devDependency) is process.execPath.
  env.PATH = `${dirname(process.execPath)}:${env.PATH}`;
  const child = spawn(pinnedTool("act"), args, { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => {
    log += d;
  });
  child.stderr.on("data", (d) => {
    log += d;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 900_000);
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  return { code, log, artifactDir, cacheDir };
}
