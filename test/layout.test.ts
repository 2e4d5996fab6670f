import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The stage layout's one rule: imports run one way. A folder may import from its own files
 * and from folders after it in this list, never from one before it. The CLI (which lists the
 * actions) and the actions sit on top; kit (running as an action or a CLI) at the bottom.
 */
const ORDER = [
  "cli",
  "actions",
  "canary",
  "deploy",
  "release",
  "build",
  "go",
  "remote",
  "github",
  "archive",
  "contract",
  "kit",
] as const;

const SRC = resolve(import.meta.dirname, "../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The stage a file of src/ belongs to: its first folder, or "cli" for src/cli.ts. */
function stageOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes("/") ? (rel.split("/")[0] as string) : rel.replace(/\.ts$/, "");
}

/** Every relative module a file imports: static, `import type`, re-exports and lazy `import()`. */
function relativeImports(text: string): string[] {
  const specs = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)"(\.{1,2}\/[^"]+)"/gm)) {
    specs.add(m[1] as string);
  }
  return [...specs];
}

/** The imports of one file (given as its path under src/ and its text) that break the order. */
function violationsOf(file: string, text: string): string[] {
  const from = stageOf(file);
  const rankFrom = ORDER.indexOf(from as (typeof ORDER)[number]);
  const found: string[] = [];
  for (const spec of relativeImports(text)) {
    const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
    const where = `${relative(SRC, file)} imports ${spec}`;
    if (!target.startsWith(`${SRC}/`)) {
      found.push(`${where}: outside src/`);
      continue;
    }
    const to = stageOf(target);
    if (to === from) continue;
    const rankTo = ORDER.indexOf(to as (typeof ORDER)[number]);
    if (rankFrom < 0 || rankTo < 0) found.push(`${where}: ${rankFrom < 0 ? from : to} is not a known stage`);
    else if (rankTo < rankFrom) found.push(`${where}: ${from} may not import from ${to}`);
  }
  return found;
}

describe("stage layout", () => {
  it("finds static, type-only, re-export and lazy imports", () => {
    const text = [
      'import { a } from "../kit/a.js";',
      'import type { B } from "./b.js";',
      'export { c } from "../contract/c.js";',
      'import "../kit/side-effect.js";',
      'const { d } = await import("../deploy/d.js");',
      'import { e } from "zod";',
    ].join("\n");
    expect(relativeImports(text).sort()).toEqual([
      "../contract/c.js",
      "../deploy/d.js",
      "../kit/a.js",
      "../kit/side-effect.js",
      "./b.js",
    ]);
  });

  it("refuses an import against the order, one from an unknown folder and one outside src/", () => {
    const imports = (spec: string) => `import { x } from "${spec}";`;
    expect(violationsOf(join(SRC, "kit/log.ts"), imports("../deploy/fleet.js"))).toEqual([
      "kit/log.ts imports ../deploy/fleet.js: kit may not import from deploy",
    ]);
    expect(violationsOf(join(SRC, "remote/steps/lock.ts"), imports("../../release/write.js"))).toEqual([
      "remote/steps/lock.ts imports ../../release/write.js: remote may not import from release",
    ]);
    expect(violationsOf(join(SRC, "kit/log.ts"), imports("../core/x.js"))).toEqual([
      "kit/log.ts imports ../core/x.js: core is not a known stage",
    ]);
    expect(violationsOf(join(SRC, "kit/log.ts"), imports("../../test/support/x.js"))).toEqual([
      "kit/log.ts imports ../../test/support/x.js: outside src/",
    ]);
    expect(violationsOf(join(SRC, "deploy/fleet.ts"), imports("../kit/log.js"))).toEqual([]);
    expect(violationsOf(join(SRC, "remote/steps/lock.ts"), imports("../ssh.js"))).toEqual([]);
    expect(violationsOf(join(SRC, "cli.ts"), imports("./actions/registry.js"))).toEqual([]);
  });

  it("every import under src/ runs one way: cli → actions → canary → deploy → release → build → go → remote → github → archive → contract → kit", () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((f) => violationsOf(f, readFileSync(f, "utf8")));
    expect(found.sort()).toEqual([]);
  });

  it("nothing under src/ but src/actions and src/cli.ts knows an action", () => {
    const knows = sources(SRC)
      .filter((f) => !["actions", "cli"].includes(stageOf(f)))
      .filter((f) => relativeImports(readFileSync(f, "utf8")).some((s) => s.includes("/actions/")));
    expect(knows.map((f) => relative(SRC, f))).toEqual([]);
  });
});
