import { cp, mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSetting, formatBuildInfo, type GoBuildInfo, readBuildInfo } from "../../src/build/buildinfo.js";
import { UserError } from "../../src/kit/errors.js";
import { execFile } from "../../src/kit/exec.js";
import {
  appsToBuild,
  type BuildTarget,
  FIXTURES,
  goBuild,
  mapLimit,
  matrixFor,
  releaseFlagsFor,
  targetName,
} from "../support/gobuild.js";

/** A second Go release whose binaries must read the same; the go command downloads it on demand. */
const OTHER_GO = "go1.25.4";

let tmp: string;
let apps: Record<string, string> = {};
let ginSkipped: string | undefined;
const built = new Map<string, string>();

/** `go version -m` is the oracle: our rendering, prefixed with "<file>: ", must equal its output byte for byte. */
async function expectSameAsGoVersionM(bin: string, info: GoBuildInfo): Promise<void> {
  const { stdout } = await execFile("go", ["version", "-m", bin]);
  expect(`${bin}: ${formatBuildInfo(info)}`).toBe(stdout);
}

/** Every dependency sum must be the one go.sum holds for that module version. */
async function expectSumsFromGoSum(dir: string, info: GoBuildInfo): Promise<void> {
  const goSum = await readFile(join(dir, "go.sum"), "utf8").catch(() => "");
  for (const dep of info.deps) {
    const m = dep.replace ?? dep;
    if (m.sum)
      expect(goSum.split("\n"), `${m.path}@${m.version}`).toContain(`${m.path} ${m.version} ${m.sum}`);
    else expect(m.version, `${m.path} has no sum`).toBe("(devel)");
  }
}

function expectTargetSettings(info: GoBuildInfo, t: BuildTarget): void {
  expect(buildSetting(info, "GOOS")).toBe(t.goos);
  expect(buildSetting(info, "GOARCH")).toBe(t.goarch);
  expect(buildSetting(info, "CGO_ENABLED")).toBe("0");
  expect(buildSetting(info, "-trimpath")).toBe("true");
  expect(buildSetting(info, "-buildmode")).toBe("exe");
  if (t.goarch === "amd64") expect(buildSetting(info, "GOAMD64")).toBe("v1");
  if (t.goarch === "arm") expect(buildSetting(info, "GOARM")).toBe("7");
  expect(buildSetting(info, "no-such-setting")).toBeUndefined();
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "goship-buildinfo-"));
  const found = await appsToBuild(tmp);
  apps = found.apps;
  ginSkipped = found.skipped;
  const jobs: Array<{
    name: string;
    dir: string;
    target: BuildTarget;
    env?: Record<string, string>;
    flags?: readonly string[];
  }> = [
    // Another Go release, fetched as the golang.org/toolchain module through the proxy. Its
    // standard library is compiled from scratch on a cold cache, so it starts first.
    ...["hello", "textdeps"].map((app) => ({
      name: `${app} ${OTHER_GO}`,
      dir: apps[app] as string,
      target: { goos: "linux", goarch: "amd64" },
      env: { GOTOOLCHAIN: OTHER_GO },
    })),
    ...Object.entries(apps).flatMap(([app, dir]) =>
      matrixFor(app).map((target) => ({
        name: `${app} ${targetName(target)}`,
        dir,
        target,
        flags: releaseFlagsFor(app),
      })),
    ),
  ];
  await mapLimit(jobs, 3, async ({ name, dir, target, env, flags }) => {
    const out = join(tmp, name.replaceAll(/[ /]/g, "-"));
    built.set(
      name,
      await goBuild({ dir, out, target, ...(env ? { env } : {}), ...(flags ? { flags } : {}) }),
    );
  });
}, 600_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("readBuildInfo equals go version -m", () => {
  for (const app of ["hello", "textdeps", "gin-app"]) {
    for (const target of matrixFor(app)) {
      const name = `${app} ${targetName(target)}`;
      it(name, async (ctx) => {
        if (app === "gin-app" && ginSkipped) ctx.skip(ginSkipped);
        const bin = built.get(name);
        if (!bin) throw new Error(`${name} was not built`);
        const info = await readBuildInfo(bin);
        await expectSameAsGoVersionM(bin, info);
        expectTargetSettings(info, target);
        await expectSumsFromGoSum(apps[app] as string, info);
        const goMod = await readFile(join(apps[app] as string, "go.mod"), "utf8");
        expect(info.main).toEqual({ path: /^module (\S+)/m.exec(goMod)?.[1], version: "(devel)" });
        expect(info.path).toBe(info.main.path);
        expect(info.goVersion).toBe((await execFile("go", ["env", "GOVERSION"])).stdout.trim());
        if (app === "hello") expect(info.deps).toEqual([]);
        if (app === "textdeps") {
          expect(info.deps).toEqual([
            {
              path: "example.com/greeting",
              version: "v0.0.0",
              replace: { path: "./greeting", version: "(devel)" },
            },
            {
              path: "golang.org/x/text",
              version: "v0.40.0",
              sum: "h1:Ub2Z6/xjgF1WrYQz2nuITOEegKFtiIy+rieRJ5lHZKs=",
            },
          ]);
        }
      });
    }
  }

  it(`a binary built by another Go release (GOTOOLCHAIN=${OTHER_GO})`, async () => {
    for (const app of ["hello", "textdeps"]) {
      const bin = built.get(`${app} ${OTHER_GO}`) as string;
      const info = await readBuildInfo(bin);
      expect(info.goVersion).toBe(OTHER_GO);
      await expectSameAsGoVersionM(bin, info);
      expectTargetSettings(info, { goos: "linux", goarch: "amd64" });
      await expectSumsFromGoSum(apps[app] as string, info);
    }
  });

  it("quoted settings: -ldflags, -gcflags and -tags without -trimpath, cgo flags", async () => {
    const bin = await goBuild({
      dir: join(FIXTURES, "hello"),
      out: join(tmp, "hello-flags"),
      flags: [
        "-ldflags",
        "-s -w -X 'main.version=v1 ü\"x\ttab'",
        "-gcflags",
        "all=-N -l",
        "-tags",
        "netgo,osusergo",
      ],
      env: { CGO_ENABLED: "1", CGO_CFLAGS: '-O2 -g -DNAME="x y"' },
    });
    expect((await execFile(bin, [])).stdout).toBe('hello v1 ü"x\ttab\n');
    const info = await readBuildInfo(bin);
    await expectSameAsGoVersionM(bin, info);
    expect(buildSetting(info, "-ldflags")).toBe("-s -w -X 'main.version=v1 ü\"x\ttab'");
    expect(buildSetting(info, "-gcflags")).toBe("all=-N -l");
    expect(buildSetting(info, "CGO_CFLAGS")).toBe('-O2 -g -DNAME="x y"');
    expect(buildSetting(info, "-trimpath")).toBeUndefined();
  }, 120_000);

  it("a cgo binary linked by gcc", async () => {
    const bin = await goBuild({
      dir: join(FIXTURES, "cgohello"),
      out: join(tmp, "cgohello"),
      flags: [],
      env: { CGO_ENABLED: "1" },
    });
    const info = await readBuildInfo(bin);
    await expectSameAsGoVersionM(bin, info);
    expect(buildSetting(info, "CGO_ENABLED")).toBe("1");
  }, 120_000);

  it("vcs.* settings of a build in a git checkout, clean and modified", async () => {
    const repo = join(tmp, "vcs-repo");
    await cp(join(FIXTURES, "hello"), repo, { recursive: true });
    const git = (...args: string[]) =>
      execFile("git", ["-c", "user.name=goship", "-c", "user.email=goship@example.com", ...args], {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: "2024-05-06T07:08:09Z",
          GIT_COMMITTER_DATE: "2024-05-06T07:08:09Z",
        },
      });
    await git("init", "-q");
    await git("add", ".");
    await git("commit", "-q", "-m", "hello");
    const revision = (await git("rev-parse", "HEAD")).stdout.trim();
    const flags = ["-buildvcs=true", "-trimpath", "-ldflags", "-s -w"];
    const clean = await goBuild({ dir: repo, out: join(tmp, "vcs-clean"), flags });
    const info = await readBuildInfo(clean);
    await expectSameAsGoVersionM(clean, info);
    expect(buildSetting(info, "vcs")).toBe("git");
    expect(buildSetting(info, "vcs.revision")).toBe(revision);
    expect(buildSetting(info, "vcs.time")).toBe("2024-05-06T07:08:09Z");
    expect(buildSetting(info, "vcs.modified")).toBe("false");
    await writeFile(join(repo, "main.go"), `${await readFile(join(repo, "main.go"), "utf8")}\n// edited\n`);
    const dirty = await goBuild({ dir: repo, out: join(tmp, "vcs-dirty"), flags });
    const dirtyInfo = await readBuildInfo(dirty);
    await expectSameAsGoVersionM(dirty, dirtyInfo);
    expect(buildSetting(dirtyInfo, "vcs.modified")).toBe("true");
  }, 120_000);
});

describe("where the blob is found", () => {
  it("without ELF section headers (as after sstrip), from the first writable PT_LOAD", async () => {
    const bin = join(tmp, "no-sections");
    await cp(built.get("textdeps linux/amd64") as string, bin);
    const fh = await open(bin, "r+");
    // e_shoff (8 bytes at 40) = 0, e_shnum (2 bytes at 60) = 0, e_shstrndx (62) = 0.
    await fh.write(Buffer.alloc(8), 0, 8, 40);
    await fh.write(Buffer.alloc(4), 0, 4, 60);
    await fh.close();
    expect((await execFile("readelf", ["-SW", bin])).stdout).toMatch(/no sections/);
    const info = await readBuildInfo(bin);
    await expectSameAsGoVersionM(bin, info);
  });

  it("in a file of no known format, by the bounded scan of the whole file", async () => {
    const original = built.get("textdeps windows/amd64") as string;
    const wrapped = join(tmp, "wrapped");
    // 16 bytes keep the blob's 16-byte alignment; the result must equal the original's build info.
    await writeFile(
      wrapped,
      Buffer.concat([Buffer.from("NOT A BINARY....", "latin1"), await readFile(original)]),
    );
    expect(await readBuildInfo(wrapped)).toEqual(await readBuildInfo(original));
  });
});

describe("files without Go build info", () => {
  async function outcome(path: string): Promise<GoBuildInfo | UserError> {
    try {
      return await readBuildInfo(path);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      expect(e.message).toContain(path);
      return e;
    }
  }

  it("a C program: UserError, as go version -m refuses it too", async () => {
    await expect(readBuildInfo("/bin/true")).rejects.toThrow(/no Go build information found/);
    await expect(readBuildInfo("/bin/true")).rejects.toBeInstanceOf(UserError);
    const go = await execFile("go", ["version", "-m", "/bin/true"], { allowFailure: true });
    expect(`${go.stdout}${go.stderr}`).toMatch(/not a Go executable/);
  });

  it("scripts, empty files, directories and missing files", async () => {
    const script = join(tmp, "script.sh");
    await writeFile(script, "#!/bin/sh\necho hi\n");
    const empty = join(tmp, "empty");
    await writeFile(empty, "");
    for (const p of [script, empty]) {
      await expect(readBuildInfo(p)).rejects.toThrow(/no Go build information found/);
    }
    await expect(readBuildInfo(tmp)).rejects.toThrow(/not a regular file/);
    await expect(readBuildInfo(join(tmp, "missing"))).rejects.toThrow(/cannot open/);
  });

  it("the pointer-based blob of Go before 1.18 is named as such", async () => {
    const bin = join(tmp, "old-format");
    const original = await readFile(built.get("hello linux/amd64") as string);
    const at = original.indexOf(Buffer.from("\xff Go buildinf:", "latin1"));
    expect(at % 16).toBe(0);
    original[at + 15] = 0; // clear the "strings inline" flag that Go 1.18 introduced
    await writeFile(bin, original);
    await expect(readBuildInfo(bin)).rejects.toThrow(/before 1\.18/);
  });

  it("truncated and corrupted binaries give a UserError, never a crash", async () => {
    let seed = 0x9e3779b9;
    const rand = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    for (const name of [
      "hello linux/amd64",
      "hello windows/amd64",
      "hello darwin/arm64",
      "hello linux/arm/v7",
    ]) {
      const whole = await readFile(built.get(name) as string);
      const p = join(tmp, "damaged");
      for (const cut of [
        0,
        3,
        16,
        60,
        64,
        500,
        4096,
        whole.length >> 2,
        whole.length >> 1,
        whole.length - 1,
      ]) {
        await writeFile(p, whole.subarray(0, cut));
        expect(await outcome(p), `${name} cut at ${cut}`).toBeInstanceOf(UserError);
      }
      const blobAt = whole.indexOf(Buffer.from("\xff Go buildinf:", "latin1"));
      await writeFile(p, whole);
      const fh = await open(p, "r+");
      try {
        for (let round = 0; round < 100; round++) {
          const flips: number[] = [];
          for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) {
            // Half the flips hit the headers, half the blob and its module info.
            flips.push(rand() < 0.5 ? Math.floor(rand() * 4096) : blobAt + 14 + Math.floor(rand() * 600));
          }
          for (const at of flips) await fh.write(Buffer.of(Math.floor(rand() * 256)), 0, 1, at);
          await outcome(p);
          for (const at of flips) await fh.write(whole, at, 1, at); // restore
        }
      } finally {
        await fh.close();
      }
    }
  }, 60_000);
});
