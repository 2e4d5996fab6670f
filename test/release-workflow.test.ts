import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { planRelease, releaseNotes } from "../scripts/release-tag.js";
import { needTools, pinnedTool } from "./support/tools.js";

needTools("actionlint");

/** goship's own release: .github/workflows/release.yml and the tag logic it runs (scripts/release-tag.ts). */

const WORKFLOW = ".github/workflows/release.yml";

describe("planRelease: which major tag a release tag moves", () => {
  it.each([
    ["v1.2.3", "1.2.3", [], "v1"],
    ["v1.0.0", "1.0.0", ["v0.9.0"], "v1"],
    ["v2.0.0", "2.0.0", ["v1.9.9", "v1"], "v2"],
    ["v0.4.0", "0.4.0", ["v0.3.9"], "v0"],
    // Numbers, not strings: v1.10.0 is newer than v1.9.0.
    ["v1.10.0", "1.10.0", ["v1.9.0", "v1.2.0"], "v1"],
    // A pre-release of a newer version does not hold a final release back.
    ["v1.4.0", "1.4.0", ["v1.5.0-rc.1", "v1.3.0"], "v1"],
  ])("%s (package.json %s, tags %j) moves %s", (tag, version, tags, major) => {
    const plan = planRelease(tag, version, tags);
    expect(plan).toMatchObject({ tag, version, prerelease: false, majorTag: major });
    expect(plan.reason).toBe(`${major} moves to ${tag}`);
  });

  it.each([
    ["v1.3.0-rc.1", "1.3.0-rc.1", `v1.3.0-rc.1 is a pre-release: v1 stays`],
    ["v1.3.0-alpha", "1.3.0-alpha", `v1.3.0-alpha is a pre-release: v1 stays`],
  ])("%s is released as a pre-release and moves no major tag", (tag, version, reason) => {
    expect(planRelease(tag, version, ["v1.2.0"])).toEqual({
      tag,
      version,
      prerelease: true,
      majorTag: "",
      reason,
    });
  });

  it("a backport older than the newest release of its major leaves the major tag there", () => {
    expect(planRelease("v1.4.1", "1.4.1", ["v1.4.0", "v1.10.0", "v1.5.0", "v2.0.0", "v1"])).toEqual({
      tag: "v1.4.1",
      version: "1.4.1",
      prerelease: false,
      majorTag: "",
      reason: "v1.10.0 is newer than v1.4.1: v1 stays on the newest v1 release",
    });
  });

  it.each([
    "v1",
    "v1.2",
    "1.2.3",
    "v01.2.3",
    "v1.02.3",
    "v1.2.3.4",
    "V1.2.3",
    "release-1.2.3",
    "v1.2.3-",
    "v1.2.3-01",
    "",
  ])("refuses %j, naming it and the tag form", (tag) => {
    expect(() => planRelease(tag, "1.2.3", [])).toThrow(
      `tag "${tag}" is not a release tag: goship releases are tagged v<major>.<minor>.<patch> (semver, e.g. v1.2.3 or v1.3.0-rc.1)`,
    );
  });

  it("refuses build metadata, which semver does not order by", () => {
    expect(() => planRelease("v1.3.0+build.7", "1.3.0+build.7", [])).toThrow(
      'tag "v1.3.0+build.7" carries build metadata ("+build.7"), which semver ignores when it orders versions: tag v1.3.0 instead',
    );
  });

  it("refuses a tag that is not package.json's version", () => {
    expect(() => planRelease("v1.2.4", "1.2.3", [])).toThrow(
      `tag "v1.2.4" does not match package.json's version "1.2.3": set "version": "1.2.4" in package.json (and GOSHIP_VERSION in src/kit/version.ts), commit, and tag that commit`,
    );
  });
});

describe("releaseNotes: the release's notes come from CHANGELOG.md", () => {
  const changelog = [
    "# Changelog",
    "",
    "## [Unreleased]",
    "",
    "## [1.2.3] - 2026-12-06",
    "",
    "### Fixed",
    "- a thing",
    "",
    "## [1.2.2] - 2026-11-30",
    "- older",
    "",
  ].join("\n");

  it("is the version's section, without its heading, up to the next one", () => {
    expect(releaseNotes(changelog, "1.2.3")).toBe("### Fixed\n- a thing\n");
    expect(releaseNotes(changelog, "1.2.2")).toBe("- older\n");
  });

  it("refuses a version with no section, or an empty one (1.2.3 is no section of 1.2.30 or 1x2x3)", () => {
    expect(() => releaseNotes(changelog, "1.2.30")).toThrow(
      'CHANGELOG.md has no section for 1.2.30: add "## [1.2.30] - <date>" with what changed (move the Unreleased entries there)',
    );
    expect(() => releaseNotes(changelog.replace("1.2.3]", "1x2x3]"), "1.2.3")).toThrow(
      /no section for 1\.2\.3/,
    );
    expect(() => releaseNotes("## [1.0.0]\n\n## [0.9.0]\n- x\n", "1.0.0")).toThrow(
      "CHANGELOG.md's section for 1.0.0 is empty",
    );
  });
});

describe("scripts/release-tag.ts as the workflow runs it", () => {
  /** A repository with package.json at `version`, a CHANGELOG section for it, and `tags`. */
  function repo(version: string, tags: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), "goship-release-tag-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "goship", version }));
    writeFileSync(
      join(dir, "CHANGELOG.md"),
      `# Changelog\n\n## [${version}] - 2026-12-06\n\n- what changed\n`,
    );
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "release");
    for (const t of tags) git("tag", t);
    return dir;
  }
  const run = (dir: string, ...args: string[]) => {
    const output = join(dir, "github-output");
    writeFileSync(output, "");
    const r = spawnSync(process.execPath, [join(process.cwd(), "scripts/release-tag.ts"), ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GITHUB_OUTPUT: output },
    });
    return { ...r, output: readFileSync(output, "utf8") };
  };

  it("writes the version, pre-release flag and major tag as step outputs, and the notes file", () => {
    const dir = repo("1.5.0", ["v1.4.0", "v1"]);
    const r = run(dir, "v1.5.0", "--notes", join(dir, "notes.md"));
    expect(r.status, r.stderr).toBe(0);
    expect(r.output).toBe("version=1.5.0\nprerelease=false\nmajor-tag=v1\n");
    expect(r.stdout).toBe("v1 moves to v1.5.0\nversion=1.5.0\nprerelease=false\nmajor-tag=v1\n");
    expect(readFileSync(join(dir, "notes.md"), "utf8")).toBe("- what changed\n");
  });

  it("reads the repository's own tags: a backport moves nothing", () => {
    const dir = repo("1.4.1", ["v1.4.0", "v1.5.0", "v1"]);
    const r = run(dir, "v1.4.1");
    expect(r.status, r.stderr).toBe(0);
    expect(r.output).toBe("version=1.4.1\nprerelease=false\nmajor-tag=\n");
  });

  it("fails with one line, and no outputs, on a tag it cannot release", () => {
    const dir = repo("1.5.0", []);
    const r = run(dir, "v1.5");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'release-tag: tag "v1.5" is not a release tag: goship releases are tagged v<major>.<minor>.<patch> (semver, e.g. v1.2.3 or v1.3.0-rc.1)\n',
    );
    expect(r.output).toBe("");
  });
});

/** A GitHub filter pattern (`v[0-9]+.*`) as a regular expression: `*` is any run of non-`/`, `+` repeats what precedes it. */
function filterPattern(glob: string): RegExp {
  const re = glob.replace(/\./g, "\\.").replace(/\*/g, "[^/]*");
  return new RegExp(`^${re}$`);
}

describe(WORKFLOW, () => {
  const workflow = parseYaml(readFileSync(WORKFLOW, "utf8"));

  it("is clean under actionlint (with shellcheck on its scripts)", () => {
    const r = spawnSync(pinnedTool("actionlint"), [WORKFLOW], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("runs on release tags only, not on the major tag it moves", () => {
    const patterns = (workflow.on.push.tags as string[]).map(filterPattern);
    const triggers = (tag: string) => patterns.some((p) => p.test(tag));
    for (const tag of ["v1.2.3", "v10.0.1", "v1.3.0-rc.1"]) expect(triggers(tag), tag).toBe(true);
    for (const tag of ["v1", "v2", "latest", "v1.2"]) expect(triggers(tag), tag).toBe(false);
    expect(Object.keys(workflow.on)).toEqual(["push"]);
  });

  it("checks, then publishes: contents: write only in the job that publishes, after the checks", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.check.permissions).toBeUndefined();
    expect(workflow.jobs.release.permissions).toEqual({ contents: "write" });
    expect(workflow.jobs.release.needs).toBe("check");
    const runs = (job: string) =>
      (workflow.jobs[job].steps as { run?: string }[]).flatMap((s) => (s.run ? [s.run] : [])).join("\n");
    const check = runs("check");
    // The tag is planned first, dist/ is compared with a fresh build of src/, then every test.
    const order = [
      'node scripts/release-tag.ts "$TAG" --notes',
      'node scripts/bundle.mjs --out "$RUNNER_TEMP/dist"',
      'diff -r dist "$RUNNER_TEMP/dist"',
      "bash .ci/run",
      "npm pack",
    ].map((s) => check.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const release = runs("release");
    expect(release).toContain('gh release create "$TAG"');
    expect(release).toContain('git push --force origin "refs/tags/$MAJOR"');
    const move = (workflow.jobs.release.steps as { name?: string; if?: string }[]).find(
      (s) => s.name === "move the major tag",
    );
    expect(move?.if).toBe("needs.check.outputs.major-tag != ''");
  });
});
