import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  epochToRfc3339,
  excludeFromGit,
  excludeOwnOutput,
  gitignoreLine,
  outputDirState,
  readSourceInfo,
  rfc3339ToEpoch,
} from "../../src/build/gitinfo.js";
import { UserError } from "../../src/kit/errors.js";
import { gitCheckout } from "../support/git-fixture.js";

/** What real git ignores among `paths` (directories, given with a trailing "/"). */
function ignoredBy(dir: string, paths: string[]): string[] {
  try {
    return execFileSync("git", ["check-ignore", "-z", "--stdin", "--no-index"], {
      cwd: dir,
      input: paths.map((p) => `${p}\0`).join(""),
    })
      .toString()
      .split("\0")
      .filter(Boolean);
  } catch {
    return []; // exit 1: none is ignored
  }
}

describe("gitignoreLine", () => {
  // Each name with a sibling that an unescaped pattern would match (or that would match nothing).
  const cases: [string, string[]][] = [
    ["out[1]", ["out1"]],
    ["a*b", ["axxb"]],
    ["q?", ["qx"]],
    ["#hash", ["hash"]],
    ["!bang", ["bang"]],
    ["back\\slash", ["backslash"]],
    ["trail  ", ["trail"]],
    ["sp ace", ["space"]],
    ["x/[y]/z", ["x/y/z"]],
    ["build/bin", ["other/build/bin", "build/binx"]],
  ];

  it("matches exactly the directory it names, as real git reads it", () => {
    const repo = gitCheckout("test/fixtures/hello");
    for (const [name, others] of cases) {
      for (const d of [name, ...others]) mkdirSync(join(repo, d), { recursive: true });
    }
    writeFileSync(
      join(repo, ".git/info/exclude"),
      `${cases.map(([name]) => gitignoreLine(name)).join("\n")}\n`,
    );
    for (const [name, others] of cases) {
      expect(ignoredBy(repo, [`${name}/`]), name).toEqual([`${name}/`]);
      // Before it exists too (the trailing "/" says it is a directory).
      expect(
        ignoredBy(
          repo,
          others.map((o) => `${o}/`),
        ),
        name,
      ).toEqual([]);
    }
  });

  it("anchors the line and escapes what is special in a pattern", () => {
    expect(gitignoreLine("dist/bin")).toBe("/dist/bin/");
    expect(gitignoreLine("out[1]")).toBe("/out\\[1\\]/");
    expect(gitignoreLine("#a!b*c?d\\e")).toBe("/\\#a\\!b\\*c\\?d\\\\e/");
    expect(gitignoreLine("end  /x")).toBe("/end\\ \\ /x/");
    expect(() => gitignoreLine("a\nb")).toThrow();
    expect(() => gitignoreLine("")).toThrow();
  });
});

describe("outputDirState and excludeFromGit", () => {
  it("lists tracked and untracked files under the directory by path, not by pattern", async () => {
    const repo = gitCheckout("test/fixtures/hello", { files: { "keep.txt": "x\n" } });
    mkdirSync(join(repo, "out1"));
    writeFileSync(join(repo, "out1", "notes.go"), "package main\n");
    const source = await readSourceInfo(repo);
    const state = await outputDirState(source, join(repo, "out[1]"));
    expect(state).toEqual({ rel: "out[1]", ignored: false, tracked: [], untracked: [] });
    expect(await outputDirState(source, join(repo, "out1"))).toEqual({
      rel: "out1",
      ignored: false,
      tracked: [],
      untracked: ["out1/notes.go"],
    });
    expect(await outputDirState(source, repo)).toMatchObject({
      rel: "",
      ignored: false,
      tracked: expect.arrayContaining(["keep.txt"]),
    });
    expect(await outputDirState(source, join(repo, "dist", "bin"))).toMatchObject({ ignored: true });
    expect(await outputDirState(source, join(repo, ".."))).toBeUndefined();
    expect(
      await outputDirState(source, join(repo, "..", `${repo.split("/").pop()}-sibling`)),
    ).toBeUndefined();
  });

  it("adds one line however often it runs, and git then ignores the directory", async () => {
    const repo = gitCheckout("test/fixtures/hello");
    const source = await readSourceInfo(repo);
    expect(await excludeFromGit(source, "bin[1] #x")).toBe(join(".git", "info", "exclude"));
    for (let n = 0; n < 9; n++) expect(await excludeFromGit(source, "bin[1] #x")).toBeUndefined();
    const lines = readFileSync(join(repo, ".git/info/exclude"), "utf8").split("\n");
    expect(lines.filter((l) => l === "/bin\\[1\\] \\#x/")).toHaveLength(1);
    expect(ignoredBy(repo, ["bin[1] #x/", "bin1 #x/"])).toEqual(["bin[1] #x/"]);
    expect(await outputDirState(await readSourceInfo(repo), join(repo, "bin[1] #x"))).toMatchObject({
      ignored: true,
    });
  });
});

describe("rfc3339ToEpoch", () => {
  it("reads a real UTC date and time and gives it back unchanged", () => {
    for (const date of [
      "2026-11-21T16:00:00Z",
      "1970-01-01T00:00:00Z",
      "2024-02-29T23:59:59Z",
      "9999-12-31T23:59:59Z",
    ]) {
      const epoch = rfc3339ToEpoch(date);
      expect(epoch, date).toBeTypeOf("number");
      expect(epochToRfc3339(epoch as number)).toBe(date);
    }
    expect(rfc3339ToEpoch("2026-01-02T03:04:05Z")).toBe(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000);
  });

  it("refuses what only looks like one", () => {
    for (const date of [
      "2026-13-45T99:99:99Z",
      "2026-02-30T00:00:00Z",
      "2025-02-29T00:00:00Z",
      "2026-04-31T12:00:00Z",
      "2026-01-01T24:00:00Z",
      "2016-12-31T23:59:60Z",
      "2026-01-01T12:60:00Z",
      "1969-12-31T23:59:59Z",
      "2026-01-01T12:00:00+02:00",
      "2026-01-01 12:00:00Z",
      "2026-01-01T12:00:00.5Z",
      "",
    ]) {
      expect(rfc3339ToEpoch(date), date).toBeUndefined();
    }
  });
});

describe("SOURCE_DATE_EPOCH", () => {
  it("is refused, as the user's mistake, beyond the last time RFC 3339 can write", async () => {
    const repo = gitCheckout("test/fixtures/hello");
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      process.env.SOURCE_DATE_EPOCH = "253402300799";
      expect((await readSourceInfo(repo)).date).toBe("9999-12-31T23:59:59Z");
      process.env.SOURCE_DATE_EPOCH = "99999999999999";
      const err = await readSourceInfo(repo).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toBe(
        'SOURCE_DATE_EPOCH is "99999999999999"; it must be a Unix time in seconds, at most 253402300799 (9999-12-31T23:59:59Z)',
      );
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});

describe("excludeOwnOutput", () => {
  const excludeLines = (repo: string) =>
    readFileSync(join(repo, ".git/info/exclude"), "utf8")
      .split("\n")
      .filter((l) => l === "/dist/release/");

  it("excludes an output directory inside the tree once, however often it runs", async () => {
    const repo = gitCheckout("test/fixtures/hello", { ignoreDist: false });
    const out = join(repo, "dist/release");
    const first = await excludeOwnOutput(repo, out, "package-release");
    expect(first).toMatch(/^dist\/release\/ is not ignored by git; added it to \.git\/info\/exclude/);
    for (let n = 0; n < 9; n++) expect(await excludeOwnOutput(repo, out, "package-release")).toBeUndefined();
    expect(excludeLines(repo)).toEqual(["/dist/release/"]);
    expect(readFileSync(join(repo, ".git/info/exclude"), "utf8")).toContain(
      "# package-release output (goship)",
    );
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "SHA256SUMS"), "");
    expect(execFileSync("git", ["status", "--porcelain"], { cwd: repo }).toString()).toBe("");
  });

  it("leaves alone a directory git already ignores, one outside the tree, and one with tracked files", async () => {
    const ignored = gitCheckout("test/fixtures/hello");
    expect(await excludeOwnOutput(ignored, join(ignored, "dist/release"), "package-release")).toBeUndefined();
    expect(excludeLines(ignored)).toEqual([]);

    const repo = gitCheckout("test/fixtures/hello", { ignoreDist: false });
    const outside = mkdtempSync(join(tmpdir(), "goship-out-"));
    expect(await excludeOwnOutput(repo, outside, "package-release")).toBeUndefined();

    const tracked = gitCheckout("test/fixtures/hello", {
      ignoreDist: false,
      files: { "release.txt": "x\n" },
    });
    mkdirSync(join(tracked, "dist/release"), { recursive: true });
    writeFileSync(join(tracked, "dist/release/old.txt"), "committed\n");
    execFileSync("git", ["add", "dist/release/old.txt"], { cwd: tracked });
    expect(await excludeOwnOutput(tracked, join(tracked, "dist/release"), "package-release")).toMatch(
      /holds files git tracks \(dist\/release\/old\.txt\)/,
    );
    expect(excludeLines(tracked)).toEqual([]);
  });

  it("does nothing outside a git checkout", async () => {
    const plain = mkdtempSync(join(tmpdir(), "goship-plain-"));
    expect(await excludeOwnOutput(plain, join(plain, "dist/release"), "package-release")).toBeUndefined();
  });
});

describe("a tag spelt with a capital V", () => {
  it("loses its V as a lowercase v would", async () => {
    const repo = gitCheckout("test/fixtures/hello", { tag: "V3.0.0" });
    expect((await readSourceInfo(repo)).version).toBe("3.0.0");
  });
});

describe("readSourceInfo's version", () => {
  const commit = (repo: string, file: string) => {
    writeFileSync(join(repo, file), "x\n");
    execFileSync("git", ["add", file], { cwd: repo });
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", file], {
      cwd: repo,
    });
  };

  it("is the tag on HEAD, the distance past the last tag, or the commit; -dirty whenever git status lists a change", async () => {
    const repo = gitCheckout("test/fixtures/hello", { tag: "v1.4.0" });
    const info = await readSourceInfo(repo);
    expect(info).toMatchObject({ version: "1.4.0", dirtyFiles: [], date: "2026-01-02T03:04:05Z" });
    expect(info.commit).toMatch(/^[0-9a-f]{40}$/);
    writeFileSync(join(repo, "untracked.txt"), "x\n");
    expect((await readSourceInfo(repo)).version).toBe("1.4.0-dirty");

    commit(repo, "next.txt");
    const abbrev = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo }).toString().trim();
    // Only an untracked file: still dirty, as Go stamps vcs.modified=true (git describe --dirty would not say so).
    expect((await readSourceInfo(repo)).version).toBe(`1.4.0-1-g${abbrev}-dirty`);
    execFileSync("rm", [join(repo, "untracked.txt")]);
    expect((await readSourceInfo(repo)).version).toBe(`1.4.0-1-g${abbrev}`);

    const untagged = gitCheckout("test/fixtures/hello");
    const short = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: untagged }).toString().trim();
    expect((await readSourceInfo(untagged)).version).toBe(short);
  });

  it("says there is no commit to build in a repository without one", async () => {
    const repo = mkdtempSync(join(tmpdir(), "goship-empty-"));
    execFileSync("git", ["init", "-q", "-b", "main"], { cwd: repo });
    const err = await readSourceInfo(repo).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(
      /has no commit to build \(git show HEAD: fatal: .*HEAD.*\); commit the sources first/,
    );
  });
});

describe("outputDirState", () => {
  it("answers an ignored directory with one question, and lists tracked and untracked files of one that is not", async () => {
    const repo = gitCheckout("test/fixtures/hello", { files: { "out/kept.txt": "x\n" } });
    writeFileSync(join(repo, "out", "new.txt"), "y\n");
    const source = await readSourceInfo(repo);
    expect(await outputDirState(source, join(repo, "out"))).toEqual({
      rel: "out",
      ignored: false,
      tracked: ["out/kept.txt"],
      untracked: ["out/new.txt"],
    });
    expect(await outputDirState(source, join(repo, "dist", "bin"))).toEqual({
      rel: "dist/bin",
      ignored: true,
    });
  });
});
