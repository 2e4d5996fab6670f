import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { importClosure } from "../support/imports.js";

const SRC = resolve(import.meta.dirname, "../../src");
const reached = (entry: string) =>
  [...importClosure(resolve(SRC, entry))].map((f) => relative(SRC, f)).sort();

/**
 * Verifying and deploying a release reads it; writing one is package-release's. The file
 * names both need are the contract's, so that a reader loads none of the archive writer
 * and SBOM code (nor the build code the SBOMs read).
 */
describe("what reading a release pulls in", () => {
  const writers = ["archive/write.ts", "release/sbom.ts", "release/write.ts", "build/buildinfo.ts"];

  it.each([
    "release/verify.ts",
    "release/pick.ts",
    "actions/deploy-systemd/main.ts",
  ])("%s reaches neither the archive writer nor the SBOM code", (entry) => {
    const files = reached(entry);
    expect(files).toContain("contract/manifest.ts");
    expect(files.filter((f) => writers.includes(f))).toEqual([]);
  });

  it("the walk follows static, type-only and lazy imports (package-release reaches them all)", () => {
    const files = reached("actions/package-release/main.ts");
    for (const w of writers) expect(files).toContain(w);
    // publish.ts loads the GitHub client lazily.
    expect(files).toContain("github/releases.ts");
  });
});
