import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildSpec, goBuild, linkPath, planConcurrency } from "../../src/build/gobuild.js";
import { FIXTURES } from "../support/gobuild.js";

/** Every file and directory under `dir`, relative to it, sorted. */
async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map((e) => relative(dir, join(dir, e))).sort();
}

describe("goBuild", () => {
  let out: string;
  let spec: BuildSpec;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "goship-gobuild-"));
    const goroot = execFileSync("go", ["env", "GOROOT"]).toString().trim();
    spec = {
      goBin: join(goroot, "bin", "go"),
      workDir: join(FIXTURES, "hello"),
      pkg: ".",
      binaryName: "hello",
      target: { goos: "linux", goarch: "amd64" },
      outputDir: out,
      ldflags: "-s -w",
      tags: [],
      cgo: false,
      env: { ...process.env, GOFLAGS: "-buildvcs=false" },
      procs: 2,
      linkDir: join(out, "..", `${basename(out)}-link`),
    };
  });
  afterAll(() =>
    Promise.all([
      rm(out, { recursive: true, force: true }),
      rm(spec.linkDir, { recursive: true, force: true }),
    ]),
  );

  it("leaves the same files when it builds into one directory twice (Go does not link again)", async () => {
    const first = await goBuild(spec);
    const afterFirst = await listTree(out);
    // output-dir holds the binary only; Go's link output is in the link cache.
    expect(afterFirst).toEqual(["hello_linux_amd64", "hello_linux_amd64/hello"]);
    expect(linkPath(spec).startsWith(`${spec.linkDir}/`)).toBe(true);
    const linkedFirst = await stat(linkPath(spec));
    const second = await goBuild(spec);
    expect(second.path).toBe(first.path);
    // Go found its output up to date: the binary is the same file as the link copy, and no
    // `.partial` name is left beside it (rename(2) between two links of one file does nothing).
    const [placed, linked] = await Promise.all([stat(second.path), stat(linkPath(spec))]);
    expect(placed.ino).toBe(linked.ino);
    // Go replaces an output it links again by rename: the same inode means it did not.
    expect(linked.ino).toBe(linkedFirst.ino);
    expect(await listTree(out)).toEqual(afterFirst);
    expect(execFileSync(second.path).toString()).toBe("hello dev\n");
  }, 300_000);
});

describe("planConcurrency", () => {
  const jobs = (parallel: "auto" | number, targets: number, cpus: number) => {
    const plan = planConcurrency(parallel, targets, cpus);
    return { builds: plan.builds, procs: Array.from({ length: targets }, (_, n) => plan.procsFor(n)) };
  };

  it("shares the cores among the builds at once, and gives the last target twice the share when it starts after the first round", () => {
    // Seven targets on two cores: two at a time, one job each; the seventh runs alone at its end.
    expect(jobs("auto", 7, 2)).toEqual({ builds: 2, procs: [1, 1, 1, 1, 1, 1, 2] });
    expect(jobs("auto", 7, 4)).toEqual({ builds: 4, procs: [1, 1, 1, 1, 1, 1, 2] });
    // All in the first round: an even share throughout.
    expect(jobs("auto", 2, 2)).toEqual({ builds: 2, procs: [1, 1] });
    expect(jobs("auto", 3, 8)).toEqual({ builds: 3, procs: [2, 2, 2] });
    // One at a time: every core for each.
    expect(jobs(1, 3, 2)).toEqual({ builds: 1, procs: [2, 2, 2] });
    // A build's jobs never exceed the cores; as many builds at once as asked, even above them.
    expect(jobs(3, 4, 4)).toEqual({ builds: 3, procs: [1, 1, 1, 2] });
    expect(jobs(2, 3, 3)).toEqual({ builds: 2, procs: [1, 1, 2] });
    expect(jobs(2, 3, 2)).toEqual({ builds: 2, procs: [1, 1, 2] });
    expect(jobs(4, 5, 2)).toEqual({ builds: 4, procs: [1, 1, 1, 1, 2] });
    expect(jobs(8, 9, 1)).toEqual({ builds: 8, procs: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
  });
});
