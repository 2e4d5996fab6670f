// npm run bench: goship's figures as ratios against a baseline run in the same process.
// Each section measures what a user runs (dist/), never src/.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const runs = Number(process.env.BENCH_RUNS ?? 10);

function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function run(file, args, env, cwd = root) {
  const r = spawnSync(file, args, { env, cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${file} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}
function actionEnv(inputs, extra) {
  const dir = mkdtempSync(join(tmpdir(), "goship-bench-"));
  const env = { ...process.env, ...extra, GITHUB_ACTIONS: "true" };
  for (const k of Object.keys(env)) if (k.startsWith("INPUT_")) delete env[k];
  for (const v of ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"]) {
    env[v] = join(dir, v);
    writeFileSync(env[v], "");
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

const rows = [];
function report(name, value, baseline, unit = "ms") {
  rows.push({ name, value, baseline, ratio: baseline ? value / baseline : undefined, unit });
}

// 1. setup-go-cross cold start with a warm tool cache vs a bare `go version`.
{
  const toolCache = join(
    process.env.XDG_CACHE_HOME || join(homedir(), ".cache"),
    "goship",
    "bench-tool-cache",
  );
  mkdirSync(toolCache, { recursive: true });
  const goVersion = run("go", ["env", "GOVERSION"], process.env).stdout.trim().replace(/^go/, "");
  const inputs = {
    "go-version": goVersion,
    targets: "linux/amd64,linux/arm64,windows/amd64",
    cache: "false",
  };
  const extra = {
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_TEMP: mkdtempSync(join(tmpdir(), "goship-bench-temp-")),
  };
  const action = join(root, "dist/setup-go-cross/index.js");
  run(process.execPath, [action], actionEnv(inputs, extra)); // warm: installs into the bench tool cache once
  const goBin = join(toolCache, "go", goVersion, process.arch, "bin", "go");
  const a = [];
  const b = [];
  const n = [];
  for (let i = 0; i < runs; i++) {
    const env = actionEnv(inputs, extra);
    a.push(time(() => run(process.execPath, [action], env)));
    b.push(time(() => run(goBin, ["version"], { ...process.env, GOTOOLCHAIN: "local" })));
    n.push(time(() => run(process.execPath, ["-e", "0"], process.env)));
  }
  report(`setup-go-cross cold start, warm tool cache (median of ${runs})`, median(a), median(b));
  report("  baseline: go version", median(b));
  report("  for scale: node -e 0", median(n));
}

// 2. Bundle sizes.
for (const name of readdirSync(join(root, "dist")).sort()) {
  const f = join(root, "dist", name, "index.js");
  report(`dist/${name}/index.js size`, statSync(f).size / 1024, undefined, "KiB");
}

const w = Math.max(...rows.map((r) => r.name.length));
console.log(`goship bench — node ${process.version}, ${runs} runs\n`);
console.log(`${"measure".padEnd(w)}  ${"value".padStart(10)}  ratio`);
for (const r of rows) {
  const ratio = r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}×`;
  console.log(`${r.name.padEnd(w)}  ${`${r.value.toFixed(1)} ${r.unit}`.padStart(10)}  ${ratio}`);
}
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(rows, null, 2));
