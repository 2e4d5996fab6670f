import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** Every relative module a file imports: static, `import type`, re-exports and lazy `import()`. */
export function relativeImports(text: string): string[] {
  const specs = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)"(\.{1,2}\/[^"]+)"/gm)) {
    specs.add(m[1] as string);
  }
  return [...specs];
}

/**
 * Every source file `entry` reaches through relative imports, itself included, lazy ones
 * too (a bundle holds them): what a module pulls in.
 */
export function importClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [resolve(entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`${file}: imported but missing`);
    seen.add(file);
    for (const spec of relativeImports(readFileSync(file, "utf8"))) {
      queue.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
    }
  }
  return seen;
}
