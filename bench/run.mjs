// npm run bench: goship's figures as ratios against a baseline run in the same process.
// Each section measures what a user runs (dist/), never src/.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const runs = Number(process.env.BENCH_RUNS ?? 10);
/** The bundles the setup-go-cross, build-static, package-release and start-up sections measure: dist/, or BENCH_DIST=DIR built elsewhere (scripts/bundle.mjs --out DIR), e.g. a branch's. */
const dist = process.env.BENCH_DIST ?? join(root, "dist");

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
/** BENCH_ONLY=build-static,setup-go-cross runs only those sections. */
const only = process.env.BENCH_ONLY?.split(",");
const section = (name) => !only || only.includes(name);
/** Records the action process's own peak RSS (KiB) into $GOSHIP_BENCH_RSS when it exits. */
const rssHook = join(root, "bench/rss-hook.mjs");
/** build-static's output from section 2, packaged by section 3. */
let builtBinaries;
function report(name, value, baseline, unit = "ms") {
  rows.push({ name, value, baseline, ratio: baseline ? value / baseline : undefined, unit });
}

// 1. setup-go-cross cold start with a warm tool cache vs a bare `go version`.
if (section("setup-go-cross")) {
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
  const action = join(dist, "setup-go-cross/index.js");
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

// 2. build-static: the sample app's seven targets in one process vs a plain sequential shell
// loop of `go build` with the same flags (and the same VCS stamping), on a warm and on a cold build cache.
if (section("build-static")) {
  const SEVEN = [
    "linux/amd64",
    "linux/arm64",
    "linux/arm/7",
    "linux/386",
    "windows/amd64",
    "darwin/arm64",
    "freebsd/amd64",
  ];
  const buildRuns = Number(process.env.BENCH_BUILD_RUNS ?? 3);
  const repo = mkdtempSync(join(tmpdir(), "goship-bench-gin-"));
  cpSync(join(root, "examples/gin-app"), repo, { recursive: true });
  writeFileSync(join(repo, ".gitignore"), "/dist/\n/loop/\n");
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_DATE: "2026-01-02T03:04:05Z",
    GIT_COMMITTER_DATE: "2026-01-02T03:04:05Z",
  };
  const git = (...a) =>
    run("git", ["-c", "user.name=b", "-c", "user.email=b@example.com", ...a], gitEnv, repo);
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "bench");
  git("tag", "v0.9.0");
  const commit = git("rev-parse", "HEAD").stdout.trim();
  const tags = "netgo,osusergo,nomsgpack";
  const ldflags = `-s -w -X main.version=0.9.0 -X main.commit=${commit} -X main.date=2026-01-02T03:04:05Z`;
  // The loop a user would write by hand: one go build per target, one after another.
  const loop = SEVEN.map((t) => {
    const [goos, goarch, v] = t.split("/");
    const variant = v ? `GOARM=${v} ` : "";
    const dir = `loop/gin-app_${goos}_${goarch}${v ? `_${v}` : ""}`;
    const exe = goos === "windows" ? "gin-app.exe" : "gin-app";
    return `CGO_ENABLED=0 GOOS=${goos} GOARCH=${goarch} ${variant}go build -trimpath -tags ${tags} -ldflags "${ldflags}" -o ${dir}/${exe} .`;
  }).join("\n");
  const loopScript = join(mkdtempSync(join(tmpdir(), "goship-bench-loop-")), "loop.sh");
  writeFileSync(loopScript, `set -e\n${loop}\n`);
  const action = join(dist, "build-static/index.js");
  const buildStatic = (parallel, env) => {
    const rss = join(mkdtempSync(join(tmpdir(), "goship-bench-rss-")), "rss");
    const e = actionEnv(
      { targets: SEVEN.join(","), tags, parallel, upload: "false" },
      { ...env, GOSHIP_BENCH_RSS: rss },
    );
    const ms = time(() => run(process.execPath, ["--import", rssHook, action], e, repo));
    return {
      ms,
      rssKiB: Number(readFileSync(rss, "utf8")),
      summary: readFileSync(e.GITHUB_STEP_SUMMARY, "utf8"),
    };
  };
  // Go's default VCS stamping, as goship builds (it pins GOFLAGS=-buildvcs=auto): a GOFLAGS of
  // this machine's (a go env file with -buildvcs=false) would spare the loop the seven git
  // commands each go build runs for it, and the comparison would no longer be the same flags.
  const shellLoop = (env) =>
    time(() => run("bash", [loopScript], { ...process.env, GOFLAGS: "-buildvcs=auto", ...env }, repo));

  const measure = (label, runsHere, freshCache, quiet = false) => {
    const loopMs = [];
    const seq = [];
    const par = [];
    let last;
    for (let i = 0; i < runsHere; i++) {
      const cache = () =>
        freshCache ? { GOCACHE: mkdtempSync(join(tmpdir(), "goship-bench-gocache-")) } : {};
      loopMs.push(shellLoop(cache()));
      last = buildStatic("1", cache());
      seq.push(last.ms);
      par.push(buildStatic("auto", cache()).ms);
    }
    if (quiet) return last;
    report(
      `build-static 7 targets, ${label}, parallel: 1 (median of ${runsHere})`,
      median(seq),
      median(loopMs),
    );
    report(`build-static 7 targets, ${label}, parallel: auto`, median(par), median(loopMs));
    report(`  baseline: sequential go build loop, ${label}`, median(loopMs));
    return last;
  };
  measure("warm-up", 1, false, true); // fills GOCACHE for every target
  const warm = measure("warm cache", buildRuns, false);
  report("  peak RSS of the action process (warm, parallel: 1)", warm.rssKiB / 1024, undefined, "MiB");
  const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 1);
  if (coldRuns > 0) {
    const cold = measure("cold cache", coldRuns, true);
    report("  peak RSS of the action process (cold, parallel: 1)", cold.rssKiB / 1024, undefined, "MiB");
  }
  // Verification: the summary's verify column (ms) per binary, scaled to a 20 MiB binary.
  const perTwenty = [];
  for (const m of warm.summary.matchAll(
    /^\| ([a-z0-9]+\/[a-z0-9]+(?:\/[a-z0-9]+)?) \| .* \| (\d+) ms \|$/gm,
  )) {
    const [goos, goarch, v] = m[1].split("/");
    const dir = join(repo, "dist/bin", `gin-app_${goos}_${goarch}${v ? `_${v}` : ""}`);
    const size = statSync(join(dir, goos === "windows" ? "gin-app.exe" : "gin-app")).size;
    perTwenty.push((Number(m[2]) * 20 * 1048576) / size);
  }
  if (perTwenty.length !== SEVEN.length)
    throw new Error(`verify column not found in the summary:\n${warm.summary}`);
  report("  verification per binary, scaled to 20 MiB (median of 7 targets)", median(perTwenty));
  builtBinaries = join(repo, "dist/bin");
}

// 3. package-release: archive + checksum the seven binaries vs `tar czf` + `sha256sum`;
// sha256 throughput on 1 GiB vs sha256sum; peak RSS packaging a 1 GiB binary.
if (section("package-release")) {
  if (!builtBinaries)
    throw new Error("the package-release section needs the build-static section's binaries");
  const action = join(dist, "package-release/index.js");
  const dirs = readdirSync(builtBinaries).filter((d) => !d.startsWith("."));
  const pack = (binDir, extra = {}) => {
    const out = join(mkdtempSync(join(tmpdir(), "goship-bench-rel-")), "release");
    const rss = join(mkdtempSync(join(tmpdir(), "goship-bench-rss-")), "rss");
    const e = actionEnv(
      {
        "artifacts-dir": binDir,
        "archive-format": "tar.gz",
        sbom: "none",
        provenance: "false",
        "output-dir": out,
        files: "none-such",
        ...extra,
      },
      { GOSHIP_BENCH_RSS: rss },
    );
    const ms = time(() => run(process.execPath, ["--import", rssHook, action], e, tmpdir()));
    rmSync(out, { recursive: true, force: true });
    return { ms, rssKiB: Number(readFileSync(rss, "utf8")) };
  };
  const shell = () => {
    const out = mkdtempSync(join(tmpdir(), "goship-bench-tar-"));
    const script = dirs
      .map(
        (d) =>
          `tar czf ${out}/${d}.tar.gz -C ${join(builtBinaries, d)} $(ls ${join(builtBinaries, d)} | grep -v goship-fragment)`,
      )
      .join("\n");
    const ms = time(() =>
      run("bash", ["-c", `set -e\n${script}\ncd ${out} && sha256sum *.tar.gz > SHA256SUMS`], process.env),
    );
    rmSync(out, { recursive: true, force: true });
    return ms;
  };
  const ours = [];
  const theirs = [];
  for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); i++) {
    theirs.push(shell());
    ours.push(pack(builtBinaries).ms);
  }
  report(
    `package-release, 7 binaries: archive + SHA256SUMS (median of ${ours.length})`,
    median(ours),
    median(theirs),
  );
  report("  baseline: tar czf + sha256sum", median(theirs));

  // 1 GiB of incompressible data: the hash alone, then packaging it as a "binary".
  const big = mkdtempSync(join(tmpdir(), "goship-bench-1g-"));
  const blob = join(big, "blob");
  run("bash", ["-c", `head -c 1073741824 /dev/urandom > ${blob}`], process.env);
  const hashOurs = [];
  const hashTheirs = [];
  for (let i = 0; i < 3; i++) {
    hashTheirs.push(time(() => run("sha256sum", [blob], process.env)));
    // Node 24 runs the module itself (type stripping): the function package-release uses.
    hashOurs.push(
      time(() =>
        run(
          process.execPath,
          [
            "--input-type=module",
            "-e",
            `const { sha256File } = await import(${JSON.stringify(join(root, "src/kit/hash.ts"))}); await sha256File(${JSON.stringify(blob)});`,
          ],
          process.env,
        ),
      ),
    );
  }
  // Throughput ratio: sha256sum's time over ours (>= 0.9 is the goal).
  report(
    "sha256 of 1 GiB, throughput vs sha256sum (higher is better)",
    1024 / (median(hashOurs) / 1000),
    1024 / (median(hashTheirs) / 1000),
    "MiB/s",
  );
  report("  baseline: sha256sum", 1024 / (median(hashTheirs) / 1000), undefined, "MiB/s");

  const binDir = join(big, "bin");
  const target = join(binDir, "big_linux_amd64");
  mkdirSync(target, { recursive: true });
  run("mv", [blob, join(target, "big")], process.env);
  const sha256 = run("sha256sum", [join(target, "big")], process.env).stdout.split(" ")[0];
  writeFileSync(
    join(target, "goship-fragment.json"),
    JSON.stringify({
      schemaVersion: 1,
      kind: "goship.fragment",
      project: "big",
      version: "1.0.0",
      commit: "0".repeat(40),
      sourceDateEpoch: 1767323045,
      date: "2026-01-02T03:04:05Z",
      target: { goos: "linux", goarch: "amd64" },
      binary: {
        name: "big",
        sha256,
        size: 1073741824,
        mode: 493,
        static: true,
        goVersion: "go1.26.8",
        buildSettings: [],
      },
    }),
  );
  const bigRun = pack(binDir);
  report("package-release of a 1 GiB binary: wall time", bigRun.ms);
  report("  peak RSS of the action process (goal < 200 MiB)", bigRun.rssKiB / 1024, undefined, "MiB");
  rmSync(big, { recursive: true, force: true });
}

// 4. deploy-systemd on 1 and 8 real systemd hosts.
if (section("deploy-systemd")) {
  const { benchDeploy } = await import("./deploy.mjs");
  await benchDeploy(report, Number(process.env.BENCH_DEPLOY_RUNS ?? 3));
}

// rollback: from canary-gate's ROLLBACK decision on a faulty canary to all traffic on the old
// slot, on 8 real systemd hosts against 1. BENCH_ROLLBACK_RUNS runs of each (3).
if (section("rollback")) {
  const { benchRollback } = await import("./rollback.mjs");
  await benchRollback(report, Number(process.env.BENCH_ROLLBACK_RUNS ?? 3));
}

// canary-sim: canary-gate's judge on simulated traffic, CANARY.md's table (src/canary bundled
// with ncc: the judge has no action in dist/ yet). BENCH_CANARY_RUNS runs per row (2000).
if (section("canary-sim")) await (await import("./canary-sim.mjs")).benchCanarySim(report);
// canary-overhead: the action's own cost per tick against a real Prometheus with 30 targets.
if (section("canary-overhead")) await (await import("./canary-overhead.mjs")).benchCanaryOverhead(report);

// start-up: each action's and the CLI's start to its first log line against `node -e 0`, as
// ratios (goal <= 2.5x). BENCH_DIST=DIR measures bundles built elsewhere (scripts/bundle.mjs --out DIR).
if (section("startup"))
  await (await import("./startup.mjs")).benchStartup(report, {
    root,
    dist,
    runs,
  });

// 5. Bundle sizes.
for (const name of readdirSync(dist).sort()) {
  const f = join(dist, name, "index.js");
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
