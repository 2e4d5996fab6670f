// npm run demo: the goship pipeline on examples/gin-app, locally, through the same CLI
// users run (`npx goship <action> …`). Each stage says what it did; later stages are
// added as their actions land.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const root = new URL("..", import.meta.url).pathname;
const app = join(root, "examples/gin-app");
const cli = join(root, "dist/cli/index.js");

// `shown` is what the log prints instead of `args`, for arguments that must not be printed.
function step(title, file, args, opts = {}, shown = args) {
  console.log(`\n━━ ${title}\n$ ${[file === process.execPath ? "node" : file, ...shown].join(" ")}`);
  const r = spawnSync(file, args, {
    cwd: app,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    ...opts,
  });
  process.stdout.write(r.stdout ?? "");
  if (r.status !== 0) {
    console.error(`\ndemo: "${title}" failed (exit ${r.status})`);
    process.exit(1);
  }
  return r.stdout;
}

const out = step("setup-go-cross: Go from go.mod, verified; targets → matrix", process.execPath, [
  cli,
  "setup-go-cross",
  "--go-version-file",
  "go.mod",
  "--targets",
  "linux/amd64,linux/arm64,linux/arm/7,linux/386,windows/amd64,darwin/arm64,freebsd/amd64",
  "--cache",
  "false",
]);
const outputs = Object.fromEntries(
  out
    .split("\n")
    .filter((l) => /^[a-z-]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);
const goroot = outputs["go-root"];
if (!goroot) {
  console.error("demo: setup-go-cross printed no go-root output");
  process.exit(1);
}
const env = {
  ...process.env,
  GOROOT: goroot,
  GOTOOLCHAIN: "local",
  PATH: `${join(goroot, "bin")}:${process.env.PATH}`,
};
step(
  `go test ./... with Go ${outputs["go-version"]}`,
  join(goroot, "bin", "go"),
  ["test", "-tags", "nomsgpack", "./..."],
  {
    env,
  },
);
// build-static refuses a work tree with uncommitted changes: a release is built from a
// commit. A fresh clone is clean; someone hacking on goship is not, so the demo says so and
// builds anyway (the version then ends in -dirty).
const dirty = spawnSync("git", ["status", "--porcelain"], { cwd: app, encoding: "utf8" }).stdout?.trim();
if (dirty) {
  console.log(
    "\ndemo: the work tree has uncommitted changes, so build-static runs with --allow-dirty true " +
      "(the version ends in -dirty); a release build refuses a dirty tree",
  );
}
// nomsgpack drops gin's msgpack codec, by far the slowest package to compile for each target.
step(
  "build-static: every target, stamped from git, verified",
  process.execPath,
  [
    cli,
    "build-static",
    "--targets",
    outputs.targets,
    "--tags",
    "netgo,osusergo,nomsgpack",
    ...(dirty ? ["--allow-dirty", "true"] : []),
  ],
  { env },
);

// A throwaway key, made here and deleted when the demo ends. A real one is made once and kept
// as a repository secret (README: package-release). The key itself is never printed.
const keyDir = mkdtempSync(join(tmpdir(), "goship-demo-key-"));
process.on("exit", () => rmSync(keyDir, { recursive: true, force: true }));
const keyFile = join(keyDir, "demo.key");
step("a throwaway ECDSA P-256 signing key, for this demo only (deleted when it ends)", "openssl", [
  "genpkey",
  "-algorithm",
  "EC",
  "-pkeyopt",
  "ec_paramgen_curve:P-256",
  "-out",
  keyFile,
]);
const releaseArgs = ["package-release", "--artifacts-dir", "dist/bin", "--output-dir", "dist/release"];
step(
  "package-release: archives, SBOMs, signed provenance, the manifest, signed SHA256SUMS",
  process.execPath,
  [cli, ...releaseArgs, "--signing-key-file", keyFile],
  {},
  [cli, ...releaseArgs, "--signing-key-file", keyFile],
);

// What a user does with the downloaded assets: no GitHub login, only the public key.
const releaseDir = join(app, "dist/release");
step("goship verify: the signature, every checksum, the manifest, the provenance", process.execPath, [
  cli,
  "verify",
  "dist/release",
  "--public-key",
  "dist/release/goship.pub",
]);
step(
  "sha256sum, in dist/release: every file SHA256SUMS lists",
  "sha256sum",
  ["-c", "--strict", "SHA256SUMS"],
  {
    cwd: releaseDir,
  },
);
step(
  "openssl, in dist/release: the DER signature over SHA256SUMS",
  "openssl",
  ["dgst", "-sha256", "-verify", "goship.pub", "-signature", "SHA256SUMS.sig", "SHA256SUMS"],
  { cwd: releaseDir },
);
// deploy-systemd needs a systemd host. As root on Linux, the demo boots a throwaway one (the
// test harness: systemd, sshd and nginx in their own namespaces, scripts/harness.mjs) and runs
// a staged rollout on it: the release before this one on one blue-green slot with all the
// traffic, this release on the other slot with 10%, canary-gate judging it against the old
// slot under a bounded load, then promote (or rollback). Then it asks the host what runs, and
// removes it.
const missing = ["unshare", "nsenter", "ip", "sshd", "nginx", "systemd-analyze"].filter(
  (tool) => spawnSync("sh", ["-c", `command -v ${tool} || test -x /usr/sbin/${tool}`]).status !== 0,
);
if (process.getuid?.() !== 0 || process.platform !== "linux" || missing.length > 0) {
  const why =
    process.platform !== "linux"
      ? "it needs Linux"
      : process.getuid?.() !== 0
        ? "it needs root, to boot a throwaway systemd host in network namespaces"
        : `these tools are missing: ${missing.join(", ")} (Debian: openssh-server nginx systemd iproute2)`;
  console.log(`\n━━ deploy-systemd and canary-gate: skipped, ${why}. Everything before this ran.`);
} else {
  await stagedRollout();
}

/** Lines after the CLI's "# outputs:" heading, as name → value. */
function outputsOf(stdout) {
  const at = stdout.lastIndexOf("\n# outputs:\n");
  if (at < 0) return {};
  return Object.fromEntries(
    stdout
      .slice(at + "\n# outputs:\n".length)
      .split("\n")
      .filter((l) => /^[a-z-]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

// Like step, without blocking: the load below runs in this process while the CLI does. The
// output is passed through as it comes; a failure is returned, not fatal.
function stepAsync(title, args, shown) {
  console.log(`\n━━ ${title}\n$ ${["node", ...shown].join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: app, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (b) => {
      stdout += b;
      process.stdout.write(b);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, outputs: outputsOf(stdout) }));
  });
}

/** What a run of GET / answered: `injected` counts the 500s the app was told to send (FAULT_ERROR_RATE). */
function tally() {
  return { requests: 0, versions: {}, injected: 0, non2xx: 0, failed: 0, first: [] };
}

/**
 * One GET / through nginx on port 80 with its own connection (so nginx reloads cut none), counted
 * into `seen`. `/` is the app's route (the one a FAULT_* setting breaks): each 2xx answer names the
 * version that served it. Only a faulty release sends injected 500s; `non2xx` and `failed`
 * count every other failure.
 */
function getOnce(address, seen) {
  seen.requests++;
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: address, port: 80, path: "/", agent: false, headers: { Connection: "close" }, timeout: 5000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => {
          if (res.statusCode >= 200 && res.statusCode <= 299) {
            let v = "?";
            try {
              v = JSON.parse(body).version ?? "?";
            } catch {}
            seen.versions[v] = (seen.versions[v] ?? 0) + 1;
          } else if (res.statusCode === 500 && body.includes("injected fault (FAULT_ERROR_RATE)")) {
            seen.injected++;
          } else {
            seen.non2xx++;
            if (seen.first.length < 3) seen.first.push(`HTTP ${res.statusCode} ${body.slice(0, 80)}`);
          }
          resolve();
        });
        res.on("error", (e) => {
          seen.failed++;
          if (seen.first.length < 3) seen.first.push(`answer cut: ${e.message}`);
          resolve();
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 5 s")));
    req.on("error", (e) => {
      seen.failed++;
      if (seen.first.length < 3) seen.first.push(e.message);
      resolve();
    });
    req.end();
  });
}

/** A bounded load: four clients, each a GET / 20 ms apart; at most 20,000 requests or 180 s. */
function startLoad(address) {
  const seen = tally();
  const until = Date.now() + 180_000;
  let stopped = false;
  const client = async () => {
    while (!stopped && seen.requests < 20_000 && Date.now() < until) {
      await getOnce(address, seen);
      await sleep(20);
    }
  };
  const clients = Promise.all([client(), client(), client(), client()]);
  return {
    async stop() {
      stopped = true;
      await clients;
      return seen;
    },
  };
}

/** `n` GETs of / one after another: who serves the host now. */
async function sample(address, n) {
  const seen = tally();
  for (let i = 0; i < n; i++) await getOnce(address, seen);
  return seen;
}

/** The counts as one line. */
function described(seen) {
  return (
    `${seen.requests} requests, 2xx by version ${JSON.stringify(seen.versions)}, injected 500s ${seen.injected}, ` +
    `other non-2xx ${seen.non2xx}, failed ${seen.failed}${seen.first.length ? ` (${seen.first.join(" | ")})` : ""}`
  );
}

async function version(address) {
  const res = await fetch(`http://${address}/version`, { signal: AbortSignal.timeout(5000) });
  return `${res.status} ${await res.text()}`;
}

async function stagedRollout() {
  const goarch = process.arch === "arm64" ? "arm64" : "amd64";
  // The release before this one: the same source, committed and tagged v0.9.0 in a scratch
  // repository, built for this machine only and signed with the same throwaway key.
  const before = "0.9.0";
  const prevDir = mkdtempSync(join(tmpdir(), "goship-demo-before-"));
  process.on("exit", () => rmSync(prevDir, { recursive: true, force: true }));
  cpSync(app, prevDir, { recursive: true, filter: (src) => !src.startsWith(join(app, "dist")) });
  writeFileSync(join(prevDir, ".gitignore"), "/dist/\n");
  const gitIn = (cwd, ...args) => {
    const r = spawnSync(
      "git",
      ["-c", "user.name=goship demo", "-c", "user.email=demo@example.invalid", ...args],
      {
        cwd,
        encoding: "utf8",
      },
    );
    if (r.status !== 0) {
      console.error(`demo: git ${args.join(" ")} failed: ${r.stderr}`);
      process.exit(1);
    }
  };
  const git = (...args) => gitIn(prevDir, ...args);
  console.log(
    `\n━━ the release before this one: the same source, committed and tagged v${before} in ${prevDir}`,
  );
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", `gin-app ${before}`);
  git("tag", `v${before}`);
  step(
    `build-static: ${before} for linux/${goarch} only`,
    process.execPath,
    [cli, "build-static", "--targets", `linux/${goarch}`, "--tags", "netgo,osusergo,nomsgpack"],
    { cwd: prevDir, env },
  );
  step(
    `package-release: ${before}, signed with the same throwaway key`,
    process.execPath,
    [cli, ...releaseArgs, "--signing-key-file", keyFile],
    { cwd: prevDir },
    [cli, ...releaseArgs, "--signing-key-file", keyFile],
  );
  const current = JSON.parse(readFileSync(join(releaseDir, "goship-manifest.json"), "utf8")).version;
  // The release after this one, which will go wrong: the same source again, one commit on,
  // tagged v1.0.0. Its fault is a setting, not code: it is deployed with FAULT_ERROR_RATE=0.3 in
  // its service environment, so the sample app answers 30% of its requests with a 500.
  const faulty = "1.0.0";
  const faultyDir = mkdtempSync(join(tmpdir(), "goship-demo-faulty-"));
  process.on("exit", () => rmSync(faultyDir, { recursive: true, force: true }));
  cpSync(prevDir, faultyDir, { recursive: true, filter: (src) => !src.startsWith(join(prevDir, "dist")) });
  console.log(
    `\n━━ a faulty release to come after this one: the same source one commit on, tagged v${faulty} in ${faultyDir}`,
  );
  gitIn(faultyDir, "commit", "-q", "--allow-empty", "-m", `gin-app ${faulty}`);
  gitIn(faultyDir, "tag", `v${faulty}`);
  step(
    `build-static: ${faulty} for linux/${goarch} only`,
    process.execPath,
    [cli, "build-static", "--targets", `linux/${goarch}`, "--tags", "netgo,osusergo,nomsgpack"],
    { cwd: faultyDir, env },
  );
  step(
    `package-release: ${faulty}, signed with the same throwaway key`,
    process.execPath,
    [cli, ...releaseArgs, "--signing-key-file", keyFile],
    { cwd: faultyDir },
    [cli, ...releaseArgs, "--signing-key-file", keyFile],
  );

  const { loadHarness } = await import("./harness.mjs");
  const { bootFleet } = await loadHarness();
  console.log("\n━━ deploy-systemd: booting a throwaway systemd host (sshd, nginx) for this demo");
  const fleet = await bootFleet(1, { prefix: "demo" });
  let failed = "";
  try {
    const host = fleet.hosts[0];
    console.log(
      `host ${host.name} at ${host.address}, up in ${fleet.bootMs} ms; its host key is read from the host itself`,
    );
    const pub = readFileSync(join(releaseDir, "goship.pub"), "utf8");
    const conn = ["--hosts", host.address, "--app", "gin-app"];
    // Secrets from a file: never on a command line, where every local user could read them.
    const secrets = ["--ssh-private-key-file", fleet.deployKey, "--known-hosts", fleet.knownHosts];
    const shownSecrets = [
      "--ssh-private-key-file",
      fleet.deployKey,
      "--known-hosts",
      '"<the host\'s own key>"',
    ];
    const bg = ["--strategy", "blue-green", "--health-path", "/ready", "--drain-time", "2s"];
    const deployArgs = (dir, extra) => ["deploy-systemd", ...conn, "--release-dir", dir, ...bg, ...extra];
    const pubArgs = ["--public-key", pub];
    const shownPub = ["--public-key", '"$(cat dist/release/goship.pub)"'];

    const modeArgs = (mode) => [
      "deploy-systemd",
      ...conn,
      "--strategy",
      "blue-green",
      "--mode",
      mode,
      "--drain-time",
      "2s",
    ];
    const statusStep = () =>
      step(
        "deploy-systemd --mode status: what runs there, and its history",
        process.execPath,
        [cli, "deploy-systemd", ...conn, "--strategy", "blue-green", "--mode", "status", ...secrets],
        {},
        [cli, "deploy-systemd", ...conn, "--strategy", "blue-green", "--mode", "status", "…"],
      );
    // Short ticks so that the demo decides within a minute. min-effect: the sample app answers
    // no 5xx, so the old slot's error rate is about 1/requests, and ruling out a ×5 regression
    // of it (the default at 10%) would take more canary requests than a minute brings; a real
    // step runs with the defaults for 10 minutes or more (README: canary-gate).
    const gateStep = async (title, targets) => {
      const gateArgs = [
        "canary-gate",
        "--targets",
        targets,
        "--interval",
        "2s",
        "--warmup",
        "4s",
        "--min-effect",
        "1000",
        "--duration",
        "60s",
      ];
      const gate = await stepAsync(
        title,
        [cli, ...gateArgs, ...secrets],
        [cli, ...gateArgs.slice(0, 2), "'<canary-targets>'", ...gateArgs.slice(3), ...shownSecrets],
      );
      const reasons = JSON.parse(gate.outputs.reasons ?? "[]");
      console.log(
        `\ncanary-gate decided: ${(gate.outputs.decision ?? "").toUpperCase() || "(no decision)"}${reasons[0] ? ` — ${reasons[0]}` : ""}` +
          `\n  canary requests judged ${gate.outputs["canary-requests"] ?? "?"}, baseline requests ${gate.outputs["baseline-requests"] ?? "?"}; report: ${gate.outputs.report ?? "?"}`,
      );
      return gate;
    };
    /** The faulty release's step: shift, gate, rollback, check. Returns what went wrong, or "". */
    const faultyStep = async () => {
      // service-env is a secret: from a file (beside the throwaway key, deleted with it).
      const envFile = join(keyDir, "faulty.env");
      writeFileSync(envFile, "FAULT_ERROR_RATE=0.3\n", { mode: 0o600 });
      const envArgs = ["--traffic-weight", "10", "--service-env-file", envFile];
      const shownEnv = ["--traffic-weight", "10", "--service-env-file", "faulty.env"];
      const faultyRelease = join(faultyDir, "dist/release");
      console.log(
        `\n━━ the next release, ${faulty}, goes wrong: faulty.env holds FAULT_ERROR_RATE=0.3 (the sample app then answers 30% of its requests with a 500). ` +
          `Load again: 4 clients, GET http://${host.address}/ through nginx, from now until the rollback ends`,
      );
      const load = startLoad(host.address);
      let decision = "";
      let problem = "";
      try {
        await sleep(1000);
        const shift = await stepAsync(
          `deploy-systemd, blue-green, --traffic-weight 10, --service-env-file faulty.env: ${faulty} on slot 8081 (the free one) with 10% of the requests, ${current} keeps 90%`,
          [cli, ...deployArgs(faultyRelease, envArgs), ...secrets, ...pubArgs],
          [cli, ...deployArgs(`${faultyDir}/dist/release`, shownEnv), ...shownSecrets, ...shownPub],
        );
        if (shift.code !== 0) throw new Error(`deploy-systemd of ${faulty} failed (exit ${shift.code})`);
        const targets = shift.outputs["canary-targets"] ?? "";
        console.log(`\ncanary-targets: ${targets}`);
        const gate = await gateStep(
          `canary-gate: the same gate, on ${faulty} against ${current}; on ROLLBACK the step fails (exit 1), and a workflow's next step, \`if: failure()\`, rolls back`,
          targets,
        );
        decision = gate.outputs.decision ?? "";
        console.log(`canary-gate's exit status: ${gate.code}`);
        // Rolled back whatever the gate said: the demo leaves no faulty release serving.
        const back = await stepAsync(
          `deploy-systemd --mode rollback: all traffic back to ${current} on slot 8082; the ${faulty} slot stops`,
          [cli, ...modeArgs("rollback"), ...secrets],
          [cli, ...modeArgs("rollback"), ...shownSecrets],
        );
        if (back.code !== 0) throw new Error(`deploy-systemd --mode rollback failed (exit ${back.code})`);
        await sleep(1000);
      } finally {
        const seen = await load.stop();
        console.log(
          `\n━━ the load through the faulty step: ${described(seen)}` +
            `\n  the injected 500s are ${faulty}'s own; every other request, ${current}'s included, must have succeeded`,
        );
        if (seen.non2xx + seen.failed > 0)
          problem = `requests failed during the faulty step other than ${faulty}'s injected 500s`;
      }
      const after = await sample(host.address, 100);
      console.log(`\n━━ after the rollback, 100 GET / one after another: ${described(after)}`);
      console.log(`GET http://${host.address}/version → ${await version(host.address)}`);
      if (after.versions[current] !== 100)
        problem ||= `the host does not serve only ${current} after the rollback`;
      if (decision !== "rollback")
        problem = `canary-gate did not roll back the faulty ${faulty} (${decision || "no decision"})`;
      statusStep();
      return problem;
    };

    step(
      `deploy-systemd, blue-green: ${before} on slot 8081 with all the traffic (verify the release, install it, check the unit, start it, health-check, write nginx's upstream)`,
      process.execPath,
      [cli, ...deployArgs(join(prevDir, "dist/release"), []), ...secrets, ...pubArgs],
      {},
      [cli, ...deployArgs(`${prevDir}/dist/release`, []), ...shownSecrets, ...shownPub],
    );
    // The server block is the user's, written once after the first blue-green deploy (README:
    // nginx for blue-green); here it takes port 80 from Debian's default site.
    console.log(
      "\n━━ the nginx server block (yours, written once): /etc/nginx/sites-enabled/gin-app, port 80 → upstream gin-app",
    );
    const server = await host.exec(
      [
        "sh",
        "-c",
        "rm -f /etc/nginx/sites-enabled/default && cat > /etc/nginx/sites-enabled/gin-app && nginx -t -q && systemctl reload nginx",
      ],
      {
        input:
          'server {\n  listen 80;\n  location / {\n    proxy_pass http://gin-app;\n    proxy_http_version 1.1;\n    proxy_set_header Connection "";\n  }\n}\n',
      },
    );
    if (server.code !== 0) throw new Error(`nginx refused the server block: ${server.stderr}`);
    await sleep(500);
    console.log(`GET http://${host.address}/version → ${await version(host.address)}`);

    console.log(
      `\n━━ load: 4 clients, GET http://${host.address}/ through nginx, a connection each, 20 ms apart (at most 20,000 requests or 3 minutes), from now until the rollout step ends`,
    );
    const load = startLoad(host.address);
    let decision = "";
    let outcome;
    try {
      await sleep(1000);
      const shift = await stepAsync(
        `deploy-systemd, blue-green, --traffic-weight 10: ${current} on slot 8082 with 10% of the requests, ${before} keeps 90%`,
        [cli, ...deployArgs("dist/release", ["--traffic-weight", "10"]), ...secrets, ...pubArgs],
        [cli, ...deployArgs("dist/release", ["--traffic-weight", "10"]), ...shownSecrets, ...shownPub],
      );
      if (shift.code !== 0) throw new Error(`deploy-systemd --traffic-weight 10 failed (exit ${shift.code})`);
      const targets = shift.outputs["canary-targets"] ?? "";
      console.log(`\ncanary-targets (deploy-systemd's output, canary-gate's input): ${targets}`);

      const gate = await gateStep(
        "canary-gate: the canary (new slot) against the old slot beside it, each slot's /metrics read over SSH, a tick every 2 s",
        targets,
      );
      decision = gate.outputs.decision ?? "";
      const mode = decision === "promote" ? "promote" : "rollback";
      outcome = await stepAsync(
        mode === "promote"
          ? `deploy-systemd --mode promote: ${current} gets 100%; the old slot drains, then stops`
          : `deploy-systemd --mode rollback: all traffic back to ${before}; the new slot stops`,
        [cli, ...modeArgs(mode), ...secrets],
        [cli, ...modeArgs(mode), ...shownSecrets],
      );
      if (outcome.code !== 0) throw new Error(`deploy-systemd --mode ${mode} failed (exit ${outcome.code})`);
      await sleep(1000);
    } finally {
      const seen = await load.stop();
      console.log(`\n━━ the load through the whole rollout: ${described(seen)}`);
      if (seen.injected + seen.non2xx + seen.failed > 0) failed = "requests failed during the rollout";
    }
    console.log(`\n━━ the host answers: GET http://${host.address}/version → ${await version(host.address)}`);
    if (decision !== "promote")
      failed = `canary-gate did not promote ${current} (${decision || "no decision"})`;
    statusStep();

    // The release after: the same staged step, but this one goes wrong. The gate must see it
    // and decide rollback; the rollback must leave the host serving only the healthy version,
    // and no request that version served may fail on the way.
    if (!failed) failed = await faultyStep();
  } finally {
    await fleet.stop();
    console.log("the throwaway host is gone");
  }
  if (failed) {
    console.error(`\ndemo: ${failed}`);
    process.exit(1);
  }
}

console.log(
  `\ndemo: done. Go ${outputs["go-version"]} at ${goroot}; binaries in examples/gin-app/dist/bin; ` +
    "the signed release in examples/gin-app/dist/release",
);
