import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What each entry point evaluates before it can print its first line: the modules its static
 * imports reach. Whatever a run may never use is imported with `await import()` where it is
 * used, so that start-up does not pay for it (npm run bench measures the time).
 */

const SRC = resolve(import.meta.dirname, "../src");

/** The modules a file imports for its values when it is evaluated: no `import type`, no `import()`. */
function staticImports(text: string): string[] {
  const specs = new Set<string>();
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s*)?"([^"]+)"/gm)) {
    if (m[2]) continue;
    // `import { type A, type B } from` holds types only.
    const names = /\{([^}]*)\}/.exec(m[0])?.[1];
    if (names && !m[0].includes("* as") && names.split(",").every((n) => /^\s*(type\s|$)/.test(n))) continue;
    specs.add(m[3] as string);
  }
  return [...specs];
}

/** Every module under src/ and every package the entry's static imports reach, with one path to each. */
function reach(entry: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (file: string, path: string[]) => {
    for (const spec of staticImports(readFileSync(file, "utf8"))) {
      if (spec.startsWith("node:")) continue;
      if (!spec.startsWith(".")) {
        const pkg = spec.startsWith("@")
          ? spec.split("/").slice(0, 2).join("/")
          : (spec.split("/")[0] as string);
        if (!found.has(pkg)) found.set(pkg, [...path, pkg]);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
      const name = relative(SRC, target);
      if (found.has(name)) continue;
      found.set(name, [...path, name]);
      walk(target, [...path, name]);
    }
  };
  walk(resolve(SRC, entry), [entry]);
  return found;
}

describe("staticImports", () => {
  it("counts value imports and re-exports, not type-only imports nor import()", () => {
    const text = [
      'import * as cache from "@actions/cache";',
      'import { a, type B } from "./a.js";',
      'import { type C, type D } from "./c.js";',
      'import type { E } from "./e.js";',
      'export { f } from "./f.js";',
      'const { g } = await import("./g.js");',
      'import "./side-effect.js";',
    ].join("\n");
    expect(staticImports(text)).toEqual(["@actions/cache", "./a.js", "./f.js", "./side-effect.js"]);
  });
});

describe("start-up loads only what every run uses", () => {
  const heavy = (entry: string, modules: string[]) => {
    const found = reach(entry);
    return modules.filter((m) => found.has(m)).map((m) => (found.get(m) as string[]).join(" → "));
  };

  /** Every action: workflow commands come from kit/workflow, not @actions/core, whose entry loads an HTTP stack (undici) for its OIDC client. */
  const ACTIONS = ["setup-go-cross", "build-static", "package-release", "deploy-systemd", "canary-gate"];
  const HTTP_STACK = [
    "@actions/core",
    "@actions/http-client",
    "@actions/exec",
    "@actions/tool-cache",
    "undici",
  ];

  it.each(ACTIONS)("%s: no @actions/core nor any HTTP client at start-up", (name) => {
    expect(heavy(`actions/${name}/index.ts`, HTTP_STACK)).toEqual([]);
  });

  it("setup-go-cross: no @actions/cache (nor its Azure client) unless a cache is restored or saved, no tool-cache package unless Go is downloaded", () => {
    expect(
      heavy("actions/setup-go-cross/index.ts", [
        "@actions/cache",
        "@azure/storage-blob",
        "@actions/tool-cache",
      ]),
    ).toEqual([]);
  });

  it("package-release: no signature code without a signer, no compressor, provenance or publishing before the first line", () => {
    expect(
      heavy("actions/package-release/index.ts", [
        "@noble/curves",
        "@noble/ciphers",
        "fflate",
        "archive/write.ts",
        "release/signing.ts",
        "release/dsse.ts",
        "release/provenance.ts",
        "release/verify.ts",
        "release/publish.ts",
        "@actions/github",
        "@actions/artifact",
      ]),
    ).toEqual([]);
  });

  it("build-static: no artifact client unless it uploads", () => {
    expect(heavy("actions/build-static/index.ts", ["@actions/artifact", "github/artifacts.ts"])).toEqual([]);
  });

  it("deploy-systemd: no YAML parser without an inventory, no Octokit without a token's use, no signature code nor the manifest's schemas outside a deploy, no canary-targets schema before the hosts are done", () => {
    expect(
      heavy("actions/deploy-systemd/index.ts", [
        "yaml",
        "contract/manifest.ts",
        "contract/canary-targets.ts",
        "@actions/github",
        "github/api.ts",
        "release/signing.ts",
        "release/verify.ts",
        "@noble/curves",
        "@noble/ciphers",
      ]),
    ).toEqual([]);
  });

  it("canary-gate: no YAML parser (it reads deploy-systemd's durations, not its inventory)", () => {
    expect(heavy("actions/canary-gate/index.ts", ["yaml"])).toEqual([]);
  });

  it("the CLI: no action, and no @actions/core, until it runs one", () => {
    const found = [...reach("cli.ts").keys()];
    expect(found.filter((m) => m.startsWith("actions/") && m !== "actions/registry.ts")).toEqual([]);
    expect(found.filter((m) => m.startsWith("@actions/") || m === "zod")).toEqual([]);
  });
});
