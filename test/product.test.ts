import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GOSHIP_BUILD_TYPE } from "../src/release/provenance.js";
import { SPDX_NAMESPACE_BASE } from "../src/release/sbom.js";

/** goship as something other repositories use: its one home, and what names it. */

const readme = readFileSync("README.md", "utf8");
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const actions = readdirSync("actions").sort();

describe("one canonical home, github.com/goship/goship", () => {
  it("names the provenance buildType and the SPDX namespaces", () => {
    expect(GOSHIP_BUILD_TYPE).toBe("https://github.com/goship/goship/buildtypes/go-release/v1");
    expect(SPDX_NAMESPACE_BASE).toBe("https://github.com/goship/goship/spdx");
  });

  it("is package.json's repository, homepage and issue tracker", () => {
    expect(pkg.repository).toEqual({ type: "git", url: "git+https://github.com/goship/goship.git" });
    expect(pkg.homepage).toBe("https://github.com/goship/goship#readme");
    expect(pkg.bugs).toEqual({ url: "https://github.com/goship/goship/issues" });
  });

  it("is what every README step uses, at an action that exists", () => {
    const uses = [...readme.matchAll(/^\s*(?:- )?uses: (\S+)/gm)].map((m) => m[1] as string);
    const ours = uses.filter((u) => /goship/i.test(u));
    expect(ours.length).toBeGreaterThan(10);
    for (const u of ours) {
      const m =
        /^goship\/goship\/actions\/([a-z-]+)@v1$|^goship\/goship\/\.github\/workflows\/([a-z-]+\.yml)@v1$/.exec(
          u,
        );
      expect(m, u).not.toBeNull();
      if (m?.[1]) expect(actions).toContain(m[1]);
    }
    // OWNER/REPO stays only where it means the user's own repository.
    expect(readme).not.toMatch(/OWNER\/goship/);
  });
});
