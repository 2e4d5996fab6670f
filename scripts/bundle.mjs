// Builds dist/<action>/index.js for every action and dist/cli/index.js with ncc.
// `node scripts/bundle.mjs --out DIR` writes elsewhere (the dist check compares the two).
import { execFileSync } from "node:child_process";
import { chmod, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ncc from "@vercel/ncc";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, "dist");

const actions = (await readdir(join(root, "src/actions"), { withFileTypes: true }))
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
// `--only a,b` rebuilds just those bundles (while working on one action; the dist check rebuilds all).
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1].split(",")) : undefined;
const entries = [
  ...actions.map((name) => ({ name, entry: join(root, "src/actions", name, "index.ts") })),
  { name: "cli", entry: join(root, "src/cli.ts") },
].filter((e) => !only || only.has(e.name));

// ncc keeps what it compiled in memory for the life of the process: six bundles in one process
// passed Node's heap limit. With more than one entry, each is built in a process of its own.
if (entries.length > 1) {
  for (const { name } of entries) {
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--out", out, "--only", name], {
      stdio: "inherit",
    });
  }
  process.exit(0);
}

for (const { name, entry } of entries) {
  const started = performance.now();
  const { code, assets } = await ncc(entry, {
    minify: false,
    sourceMap: false,
    license: "licenses.txt",
    quiet: true,
    target: "es2024",
    // Types are checked once, by \`tsc --noEmit -p .\` in \`npm test\`; ncc checking them again
    // for each bundle took two thirds of its time. The output is the same byte for byte.
    transpileOnly: true,
  });
  const dir = join(out, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const file = join(dir, "index.js");
  await writeFile(file, code);
  for (const [asset, { source }] of Object.entries(assets)) {
    if (asset === "package.json") continue; // written below, the same for every bundle
    await mkdir(dirname(join(dir, asset)), { recursive: true });
    await writeFile(join(dir, asset), source);
  }
  await writeFile(join(dir, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
  if (name === "cli") await chmod(file, 0o755);
  console.log(
    `${name}: ${(code.length / 1024).toFixed(0)} KiB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
