import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pinnedTool } from "./tools.js";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * goship's own references as local ones, into this commit: `goship/goship/actions/<name>@v1`
 * (the README's) and `$/actions/<name>` (the reusable workflows', which actionlint does not
 * read yet) become `./actions/<name>`, so actionlint checks every input and output against
 * actions/<name>/action.yml; `goship/goship/.github/workflows/<file>@v1` becomes the local file.
 */
export function asLocal(text: string): string {
  return text
    .replace(/goship\/goship\/actions\/([a-z-]+)@v1\b/g, "./actions/$1")
    .replace(/\$\/actions\/([a-z-]+)/g, "./actions/$1")
    .replace(/goship\/goship\/(\.github\/workflows\/[a-z-]+\.ya?ml)@v1\b/g, "./$1");
}

/** A throwaway repository with this commit's actions/, dist/ and workflows (read as local), where actionlint resolves ./ references. */
export function lintProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "goship-lint-"));
  mkdirSync(join(dir, ".git"));
  symlinkSync(join(ROOT, "actions"), join(dir, "actions"));
  symlinkSync(join(ROOT, "dist"), join(dir, "dist")); // action.yml names its main file there
  const workflows = join(dir, ".github", "workflows");
  cpSync(join(ROOT, ".github", "workflows"), workflows, { recursive: true });
  for (const f of readdirSync(workflows)) {
    writeFileSync(join(workflows, f), asLocal(readFileSync(join(workflows, f), "utf8")));
  }
  return dir;
}

/** actionlint on `text`, written as .github/workflows/<file> of `project`: its findings and exit code. */
export function actionlint(
  project: string,
  file: string,
  text: string,
): { code: number | null; out: string } {
  const path = join(project, ".github", "workflows", file);
  writeFileSync(path, text);
  const r = spawnSync(pinnedTool("actionlint"), ["-no-color", path], { cwd: project, encoding: "utf8" });
  return { code: r.status, out: r.stdout + r.stderr };
}
