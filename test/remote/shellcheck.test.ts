import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UPLOAD } from "../../src/remote/command.js";
import { PRELUDE, REMOTE_STEPS } from "../../src/remote/steps/index.js";

/**
 * shellcheck (the Debian package; .ci/run installs it) over every script goship runs on a host,
 * as POSIX sh. Every finding fails, whatever its level; a deliberate pattern carries its own
 * `# shellcheck disable=SCxxxx` in the script, with the reason beside it.
 */

const dir = mkdtempSync(join(tmpdir(), "goship-shellcheck-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Finding {
  line: number;
  column: number;
  level: string;
  code: number;
  message: string;
}

const PRELUDE_LINES = PRELUDE.split("\n").length - 1;

/**
 * The one finding left to the checker, not to the scripts: the prelude defines every helper for
 * every step, and need() calls is_<kind> by name. shellcheck 0.9 takes the helpers a script never
 * calls by their own name for unreachable code when the script ends in a command that exits
 * (koalaman/shellcheck#3183; lock's does), and a disable comment cannot go above the prelude:
 * `set -eu` is the first line of every script. So SC2317 is let through in the prelude's lines only.
 */
function expected(script: string, f: Finding): boolean {
  return f.code === 2317 && script.startsWith(PRELUDE) && f.line <= PRELUDE_LINES;
}

function shellcheck(name: string, script: string): Finding[] {
  const file = join(dir, `${name}.sh`);
  writeFileSync(file, script);
  const r = spawnSync("shellcheck", ["--shell=sh", "--format=json1", file], { encoding: "utf8" });
  if (r.error) throw new Error(`shellcheck: ${r.error.message} (install the Debian package shellcheck)`);
  // 0: nothing found, 1: findings; anything else: shellcheck itself failed.
  if (r.status !== 0 && r.status !== 1) throw new Error(`shellcheck exited ${r.status}: ${r.stderr}`);
  const { comments } = JSON.parse(r.stdout) as { comments: Finding[] };
  return comments.filter((f) => !expected(script, f));
}

const shown = (script: string, f: Finding) =>
  `line ${f.line}:${f.column} ${f.level} SC${f.code}: ${f.message}\n    ${script.split("\n")[f.line - 1]}`;

describe("shellcheck over every remote script", () => {
  const scripts = [...REMOTE_STEPS, UPLOAD].map((s) => [s.name, s.script] as const);

  it("covers every step", () => {
    expect(scripts.map(([name]) => name)).toEqual([...REMOTE_STEPS.map((s) => s.name), "upload"]);
  });

  it.each(scripts)("finds nothing in %s", (name, script) => {
    expect(shellcheck(name, script).map((f) => shown(script, f))).toEqual([]);
  });

  it("fails a script with an error, and one with a style finding", () => {
    const broken = "set -eu\nif [ x ]; then\n  echo x\n";
    expect(shellcheck("broken", broken)).toContainEqual(
      expect.objectContaining({ level: "error", code: 1046, line: 2 }),
    );
    // Unquoted: split and globbed. A finding at the lowest level fails too.
    const unquoted = "set -eu\ndir=$1\nrm -rf -- $dir/cache\n";
    expect(shellcheck("unquoted", unquoted)).toContainEqual(
      expect.objectContaining({ level: "info", code: 2086, line: 3 }),
    );
    // SC2317 is let through in the prelude only, not in a step's own lines.
    const unreachable = `${PRELUDE}exit 0\necho never\n`;
    expect(shellcheck("unreachable", unreachable)).toContainEqual(
      expect.objectContaining({ code: 2317, line: PRELUDE_LINES + 2 }),
    );
  });
});
