// npm run demo: the goship pipeline on examples/gin-app, locally, through the same CLI
// users run (`npx goship <action> …`). Each stage says what it did; later stages are
// added as their actions land.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
// test harness: systemd, sshd and nginx in their own namespaces, scripts/harness.mjs), deploys
// the release to it over SSH, asks it what runs, and removes it.
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
  console.log(`\n━━ deploy-systemd: skipped, ${why}. Everything before this ran.`);
} else {
  const { loadHarness } = await import("./harness.mjs");
  const { bootFleet } = await loadHarness();
  console.log("\n━━ deploy-systemd: booting a throwaway systemd host (sshd, nginx) for this demo");
  const fleet = await bootFleet(1, { prefix: "demo" });
  try {
    const host = fleet.hosts[0];
    console.log(
      `host ${host.name} at ${host.address}, up in ${fleet.bootMs} ms; its host key is read from the host itself`,
    );
    const deployArgs = [
      "deploy-systemd",
      "--hosts",
      host.address,
      "--app",
      "gin-app",
      "--release-dir",
      "dist/release",
      "--health-path",
      "/ready",
    ];
    const secrets = [
      "--ssh-private-key-file",
      fleet.deployKey,
      "--known-hosts",
      fleet.knownHosts,
      "--public-key",
      readFileSync(join(releaseDir, "goship.pub"), "utf8"),
    ];
    step(
      "deploy-systemd: verify the release, install it on the host, check the unit, switch, restart, health-check",
      process.execPath,
      [cli, ...deployArgs, ...secrets],
      {},
      [
        cli,
        ...deployArgs,
        "--ssh-private-key-file",
        fleet.deployKey,
        "--known-hosts",
        '"<the host\'s own key>"',
        "--public-key",
        '"$(cat dist/release/goship.pub)"',
      ],
    );
    const res = await fetch(`http://${host.address}:8080/version`);
    console.log(
      `\n━━ the host answers: GET http://${host.address}:8080/version → ${res.status} ${await res.text()}`,
    );
    step(
      "deploy-systemd --mode status: what runs there, and its history",
      process.execPath,
      [
        cli,
        "deploy-systemd",
        "--hosts",
        host.address,
        "--app",
        "gin-app",
        "--mode",
        "status",
        ...secrets.slice(0, 4),
      ],
      {},
      [cli, "deploy-systemd", "--hosts", host.address, "--app", "gin-app", "--mode", "status", "…"],
    );
  } finally {
    await fleet.stop();
    console.log("the throwaway host is gone");
  }
}

console.log(
  `\ndemo: done. Go ${outputs["go-version"]} at ${goroot}; binaries in examples/gin-app/dist/bin; ` +
    "the signed release in examples/gin-app/dist/release",
);
