// npm run demo: the goship pipeline on examples/gin-app, locally, through the same CLI
// users run (`npx goship <action> …`). Each stage says what it did; later stages are
// added as their actions land.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const app = join(root, "examples/gin-app");
const cli = join(root, "dist/cli/index.js");

function step(title, file, args, opts = {}) {
  console.log(`\n━━ ${title}\n$ ${[file === process.execPath ? "node" : file, ...args].join(" ")}`);
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
// nomsgpack drops gin's msgpack codec, by far the slowest package to compile for each target.
step(
  "build-static: every target, stamped from git, verified",
  process.execPath,
  [cli, "build-static", "--targets", outputs.targets, "--tags", "netgo,osusergo,nomsgpack"],
  { env },
);
console.log(`\ndemo: done. Go ${outputs["go-version"]} at ${goroot}; binaries in examples/gin-app/dist/bin`);
