import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
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
    // Examples run the installed command: an `npx goship` that finds no install would fetch
    // whatever the npm registry holds under that name.
    expect(readme).not.toMatch(/^\s*(?:\S+ \| )?npx goship /m);
    // OWNER/REPO stays only where it means the user's own repository.
    expect(readme).not.toMatch(/OWNER\/goship/);
  });
});

describe("the files a project others depend on carries", () => {
  it("LICENSE is the MIT license package.json names, held by the goship maintainers", () => {
    const license = readFileSync("LICENSE", "utf8");
    expect(pkg.license).toBe("MIT");
    expect(license.split("\n")[0]).toBe("MIT License");
    expect(license).toMatch(/^Copyright \(c\) \d{4} goship maintainers$/m);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });

  it("SECURITY.md sends reports to the home's private advisories", () => {
    expect(readFileSync("SECURITY.md", "utf8")).toContain(
      "https://github.com/goship/goship/security/advisories/new",
    );
  });

  it("CHANGELOG.md has a section for what is not released yet", () => {
    expect(readFileSync("CHANGELOG.md", "utf8")).toMatch(/^## \[Unreleased\]$/m);
  });

  it("dependabot watches npm and the actions the workflows use", () => {
    const config = parseYaml(readFileSync(".github/dependabot.yml", "utf8"));
    expect(config.version).toBe(2);
    const updates = config.updates.map((u: { "package-ecosystem": string; directory: string }) => [
      u["package-ecosystem"],
      u.directory,
    ]);
    expect(updates).toEqual([
      ["npm", "/"],
      ["github-actions", "/"],
    ]);
  });
});
