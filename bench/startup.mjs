// Start-up: each action's start to its first log line, and the CLI's, against a bare
// `node -e 0` measured in the same run (interleaved, so that a busy machine slows both alike).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/** Milliseconds from spawning `args` to its first byte of output; the process is then ended. */
function firstOutput(args, env, cwd) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let first;
    let text = "";
    const seen = (b) => {
      text += b;
      // Workflow commands the log does not show (a mask, a matcher) are no log line.
      if (first !== undefined || !/^(?!::(add-mask|debug|add-matcher|remove-matcher)::).*\n/m.test(text))
        return;
      first = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill("SIGKILL");
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", seen);
    child.on("error", reject);
    child.on("close", () =>
      first === undefined
        ? reject(new Error(`${args.join(" ")} printed nothing`))
        : resolve({ ms: first, text }),
    );
  });
}

function bareNode() {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-e", "0"]);
  if (r.status !== 0) throw new Error("node -e 0 failed");
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A runner's environment for one step: command files, RUNNER_TEMP, and the inputs. */
function stepEnv(inputs, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), "goship-bench-startup-"));
  const env = { ...process.env, GITHUB_ACTIONS: "true", RUNNER_TEMP: dir, ...extra };
  for (const k of Object.keys(env)) if (/^(INPUT|STATE)_/.test(k)) delete env[k];
  for (const v of ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"]) {
    env[v] = join(dir, v);
    writeFileSync(env[v], "");
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

const logLine = (text) =>
  text.split("\n").find((l) => !/^::(add-mask|debug|add-matcher|remove-matcher)::/.test(l));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `dist` is the directory of the bundles (BENCH_DIST compares another build, e.g. a branch's).
 * Each case is a real run with valid inputs, ended after its first line: what a user waits for
 * before goship says anything.
 */
export async function benchStartup(report, { root, dist, runs }) {
  const work = mkdtempSync(join(tmpdir(), "goship-bench-startup-"));
  const toolCache = join(
    process.env.XDG_CACHE_HOME || join(homedir(), ".cache"),
    "goship",
    "bench-tool-cache",
  );
  mkdirSync(toolCache, { recursive: true });
  const goVersion = execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8" }).trim().replace(/^go/, "");
  const repo = join(work, "gin-app");
  cpSync(join(root, "examples/gin-app"), repo, { recursive: true });
  const git = (...a) =>
    execFileSync("git", ["-c", "user.name=b", "-c", "user.email=b@example.com", ...a], { cwd: repo });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "bench");
  const key = join(work, "id_ed25519");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key]);
  const { readFileSync } = await import("node:fs");
  const setupInputs = { "go-version": goVersion, targets: "linux/amd64", cache: "false" };
  const cases = [
    ["setup-go-cross", setupInputs, { RUNNER_TOOL_CACHE: toolCache }],
    ["build-static", { targets: "linux/amd64", "output-dir": join(work, "bin") }, {}, repo],
    [
      "package-release",
      { "artifacts-dir": join(work, "none"), "output-dir": join(work, "release") },
      {},
      repo,
    ],
    [
      "deploy-systemd",
      {
        mode: "status",
        app: "shop",
        hosts: "127.0.0.1:9",
        "known-hosts": `[127.0.0.1]:9 ${readFileSync(`${key}.pub`, "utf8").split(" ").slice(0, 2).join(" ")}`,
        "ssh-private-key": readFileSync(key, "utf8"),
      },
    ],
    [
      "canary-gate",
      {
        targets: JSON.stringify([
          {
            app: "shop",
            weight: 10,
            host: "deploy@127.0.0.1:22",
            new: { address: "127.0.0.1:9", version: "1.1.0" },
            old: { address: "127.0.0.1:7", version: "1.0.0" },
          },
        ]),
        "scrape-via": "direct",
        duration: "1m",
      },
    ],
  ];
  // The CLI: its own help, and a setup-go-cross run to its first line (local mode).
  const cli = join(dist, "cli/index.js");
  const cliEnv = { ...process.env, RUNNER_TOOL_CACHE: toolCache };
  for (const k of Object.keys(cliEnv)) if (/^(INPUT|GITHUB|RUNNER_TEMP|STATE)_/.test(k)) delete cliEnv[k];
  const cliCases = [
    ["goship --help", ["--help"]],
    [
      "goship setup-go-cross",
      ["setup-go-cross", ...Object.entries(setupInputs).flatMap(([k, v]) => [`--${k}`, v])],
    ],
  ];
  await firstOutput(
    [join(dist, "setup-go-cross/index.js")],
    stepEnv(setupInputs, { RUNNER_TOOL_CACHE: toolCache }),
  );
  const times = new Map();
  const bare = [];
  const add = (name, ms) => times.set(name, [...(times.get(name) ?? []), ms]);
  const firstLines = new Map();
  for (let i = 0; i < runs; i++) {
    for (const [name, inputs, extra, cwd] of cases) {
      bare.push(bareNode());
      const r = await firstOutput([join(dist, name, "index.js")], stepEnv(inputs, extra), cwd);
      add(name, r.ms);
      firstLines.set(name, logLine(r.text));
    }
    for (const [name, args] of cliCases) {
      bare.push(bareNode());
      const r = await firstOutput([cli, ...args], cliEnv, work);
      add(name, r.ms);
      firstLines.set(name, logLine(r.text));
    }
  }
  const base = median(bare);
  for (const [name, ms] of times) {
    report(`start-up to the first log line: ${name} (median of ${runs}; goal <= 2.5x)`, median(ms), base);
    if (process.env.BENCH_VERBOSE) console.log(`  ${name}: ${firstLines.get(name)}`);
  }
  report(`  baseline: node -e 0 (median of ${bare.length})`, base);
}
