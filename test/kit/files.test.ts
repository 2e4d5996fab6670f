import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isWithin, matchFiles } from "../../src/kit/files.js";

const tmp = (p: string) => realpathSync(mkdtempSync(join(tmpdir(), `goship-files-${p}-`)));

/** A work tree with LICENSE, docs/guide.md, a link to a directory inside it, and links leading out. */
function fixture() {
  const work = tmp("work");
  const outside = tmp("outside");
  writeFileSync(join(outside, "id_ed25519"), "secret\n");
  writeFileSync(join(work, "LICENSE"), "MIT\n");
  mkdirSync(join(work, "docs/deep"), { recursive: true });
  writeFileSync(join(work, "docs/guide.md"), "# guide\n");
  symlinkSync(join(work, "docs"), join(work, "manual"));
  symlinkSync(outside, join(work, "escape"));
  symlinkSync(outside, join(work, "docs/deep/out"));
  symlinkSync(join(outside, "id_ed25519"), join(work, "README"));
  mkdirSync(join(work, "..dots"));
  writeFileSync(join(work, "..dots/x.txt"), "x\n");
  return { work, outside };
}

describe("matchFiles", () => {
  it("matches regular files, through links that stay inside, as their resolved paths", async () => {
    const { work } = fixture();
    expect(await matchFiles(work, ["LICENSE*", "manual/*.md", "..dots/x.txt"])).toEqual([
      join(work, "..dots/x.txt"),
      join(work, "LICENSE"),
      join(work, "docs/guide.md"),
    ]);
  });

  it.each([
    ["escape/*", "escape"],
    ["docs/deep/out/id_ed25519", "docs/deep/out"],
    ["manual/deep/out/*", "manual/deep/out"],
  ])("refuses %s: a directory component leads outside the work tree", async (pattern, shown) => {
    const { work, outside } = fixture();
    await expect(matchFiles(work, ["LICENSE", pattern])).rejects.toThrow(
      `input "files" has value ${JSON.stringify(pattern)}: files inside the working directory; ${shown} leads to ${outside} (through a symbolic link), outside ${work}`,
    );
  });

  it("matches a file's name whatever its case (README* finds readme.md), not its directory's", async () => {
    const work = tmp("case");
    writeFileSync(join(work, "readme.md"), "# app\n");
    writeFileSync(join(work, "License.txt"), "MIT\n");
    mkdirSync(join(work, "docs"));
    writeFileSync(join(work, "docs/GUIDE.MD"), "# guide\n");
    expect(await matchFiles(work, ["README*", "LICENSE*", "docs/*.md", "DOCS/*.md"])).toEqual([
      join(work, "License.txt"),
      join(work, "docs/GUIDE.MD"),
      join(work, "readme.md"),
    ]);
  });

  it("does not pack a match that is itself a link (README → a file outside)", async () => {
    const { work } = fixture();
    expect(await matchFiles(work, ["README*", "LICENSE"])).toEqual([join(work, "LICENSE")]);
  });

  it("isWithin: the same directory or below it, not a sibling whose name starts with ..", () => {
    expect(isWithin("/a/b", "/a/b")).toBe(true);
    expect(isWithin("/a/b", "/a/b/c")).toBe(true);
    expect(isWithin("/a/b", "/a/b/..c")).toBe(true);
    expect(isWithin("/a/b", "/a")).toBe(false);
    expect(isWithin("/a/b", "/a/bc")).toBe(false);
    expect(isWithin("/", "/a")).toBe(true);
  });
});
