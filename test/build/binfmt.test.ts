import { copyFile, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BinaryInfo, checkBinaryForTarget, inspectBinary } from "../../src/build/binfmt.js";
import { UserError } from "../../src/kit/errors.js";
import { execFile } from "../../src/kit/exec.js";
import {
  appsToBuild,
  type BuildTarget,
  FIXTURES,
  goBuild,
  mapLimit,
  matrixFor,
  RELEASE_FLAGS,
  releaseFlagsFor,
  targetName,
} from "../support/gobuild.js";

/**
 * Other GOARCHes, to cover every machine mapping (big-endian, MIPS, PE32, Intel Mac…), built from
 * the bare fixture (no imports: on a new machine it compiles only the runtime for each).
 */
const MORE_TARGETS: readonly BuildTarget[] = [
  { goos: "linux", goarch: "riscv64" },
  { goos: "linux", goarch: "ppc64le" },
  { goos: "linux", goarch: "ppc64" },
  { goos: "linux", goarch: "s390x" },
  { goos: "linux", goarch: "mips" },
  { goos: "linux", goarch: "mipsle" },
  { goos: "linux", goarch: "mips64le" },
  { goos: "linux", goarch: "loong64" },
  { goos: "windows", goarch: "386" },
  { goos: "windows", goarch: "arm64" },
  { goos: "darwin", goarch: "amd64" },
  { goos: "netbsd", goarch: "amd64" },
];

/** `file -b` words for each machine, mapped to GOARCH (endianness and class decide the ambiguous ones). */
function goarchFromFile(machine: string, bits: number, le: boolean): string {
  switch (machine) {
    case "x86-64":
    case "x86_64":
      return "amd64";
    case "Intel 80386":
    case "i386":
      return "386";
    case "ARM aarch64":
    case "Aarch64":
    case "arm64":
      return "arm64";
    case "ARM":
      return "arm";
    case "UCB RISC-V":
      return "riscv64";
    case "64-bit PowerPC or cisco 7500":
      return le ? "ppc64le" : "ppc64";
    case "IBM S/390":
      return "s390x";
    case "MIPS":
      return (bits === 64 ? "mips64" : "mips") + (le ? "le" : "");
    case "LoongArch":
      return "loong64";
    default:
      throw new Error(`test oracle: unmapped file(1) machine "${machine}"`);
  }
}

interface FileSays {
  format: string;
  bits: number;
  littleEndian?: boolean;
  goarch: string;
}

/** What `file -b` says, reduced to the fields BinaryInfo has. */
async function fileSays(path: string): Promise<FileSays> {
  const out = (await execFile("file", ["-b", path])).stdout.trim();
  let m = /^ELF (32|64)-bit (LSB|MSB) [^,]*, ([^,]+),/.exec(out);
  if (m) {
    const [bits, le] = [Number(m[1]), m[2] === "LSB"];
    return { format: "elf", bits, littleEndian: le, goarch: goarchFromFile(m[3] as string, bits, le) };
  }
  m = /^PE32(\+?) executable \([^)]*\) (.+?), for MS Windows/.exec(out);
  if (m) {
    const bits = m[1] ? 64 : 32;
    return { format: "pe", bits, littleEndian: true, goarch: goarchFromFile(m[2] as string, bits, true) };
  }
  m = /^Mach-O (64-bit )?(\S+) executable/.exec(out);
  if (m) return { format: "macho", bits: m[1] ? 64 : 32, goarch: goarchFromFile(m[2] as string, 64, true) };
  throw new Error(`test oracle: cannot read file(1) output: ${out}`);
}

interface OracleSays {
  format: string;
  interpreter?: string;
  needed: string[] | null;
  pie: boolean;
  osabi?: string;
}

let tmp: string;
let oracle: string;
const built = new Map<string, { path: string; target: BuildTarget }>();
let ginSkipped: string | undefined;

/** Go's debug/elf, debug/pe and debug/macho, through test/fixtures/binoracle. */
async function oracleSays(path: string): Promise<OracleSays> {
  return JSON.parse((await execFile(oracle, [path])).stdout) as OracleSays;
}

/** Compares everything inspectBinary reports with file(1) and Go's own object readers. */
async function expectMatchesOracles(path: string, info: BinaryInfo): Promise<void> {
  const file = await fileSays(path);
  expect({ format: info.format, bits: info.bits, goarch: info.goarch }).toEqual({
    format: file.format,
    bits: file.bits,
    goarch: file.goarch,
  });
  if (file.littleEndian !== undefined) expect(info.littleEndian).toBe(file.littleEndian);
  const go = await oracleSays(path);
  expect(info.format).toBe(go.format);
  expect(info.interpreter).toBe(go.interpreter);
  expect(info.pie).toBe(go.pie);
  const needed = info.format === "pe" ? info.needed.map((n) => n.toLowerCase()).sort() : info.needed;
  expect(needed).toEqual(go.needed ?? []);
  expect(info.osabi).toBe(go.osabi?.replace("ELFOSABI_", "").toLowerCase());
}

async function readelfInterpreter(path: string): Promise<string | undefined> {
  const out = (await execFile("readelf", ["-lW", path])).stdout;
  return /\[Requesting program interpreter: ([^\]]+)\]/.exec(out)?.[1];
}

async function readelfNeeded(path: string): Promise<string[]> {
  const out = (await execFile("readelf", ["-dW", path])).stdout;
  return [...out.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1] as string);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "goship-binfmt-"));
  oracle = await goBuild({ dir: join(FIXTURES, "binoracle"), out: join(tmp, "binoracle"), flags: [] });
  const { apps, skipped } = await appsToBuild(tmp);
  ginSkipped = skipped;
  const jobs = [
    ...Object.entries(apps).flatMap(([app, dir]) => matrixFor(app).map((target) => ({ app, dir, target }))),
    ...MORE_TARGETS.map((target) => ({ app: "bare", dir: join(FIXTURES, "bare"), target })),
  ];
  await mapLimit(jobs, 3, async ({ app, dir, target }) => {
    const out = join(tmp, `${app}-${targetName(target).replaceAll("/", "-")}`);
    await goBuild({ dir, out, target, flags: releaseFlagsFor(app) });
    built.set(`${app} ${targetName(target)}`, { path: out, target });
  });
  // Three apps for their release matrices and the bare fixture for more targets: about thirty
  // cold builds, three at a time, on two busy cores, at up to a few minutes each.
}, 2_400_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("inspectBinary on CGO_ENABLED=0 -trimpath -ldflags '-s -w' builds", () => {
  for (const app of ["hello", "textdeps", "gin-app"]) {
    for (const target of matrixFor(app)) {
      const name = `${app} ${targetName(target)}`;
      it(`${name}: format and machine as file(1) says, linkage as Go's debug/* reads it`, async (ctx) => {
        if (app === "gin-app" && ginSkipped) ctx.skip(ginSkipped);
        const bin = built.get(name);
        if (!bin) throw new Error(`${name} was not built`);
        const info = await inspectBinary(bin.path);
        await expectMatchesOracles(bin.path, info);
        expect(checkBinaryForTarget(info, target)).toEqual([]);
        if (target.goos === "linux" || target.goos === "freebsd") {
          expect(await readelfInterpreter(bin.path)).toBeUndefined();
          expect(await readelfNeeded(bin.path)).toEqual([]);
          expect(info.static).toBe(true);
          expect(info.pie).toBe(false);
        } else {
          expect(info.static).toBeUndefined();
        }
        if (target.goos === "freebsd") expect(info.osabi).toBe("freebsd");
        if (target.goos === "darwin") expect(info.needed).toContain("/usr/lib/libSystem.B.dylib");
        if (target.goos === "windows")
          expect(info.needed.map((n) => n.toLowerCase())).toContain("kernel32.dll");
      });
    }
  }

  for (const target of MORE_TARGETS) {
    it(`bare ${targetName(target)}: machine mapping`, async () => {
      const bin = built.get(`bare ${targetName(target)}`);
      if (!bin) throw new Error("not built");
      const info = await inspectBinary(bin.path);
      await expectMatchesOracles(bin.path, info);
      expect(info.goarch).toBe(target.goarch);
      expect(checkBinaryForTarget(info, target)).toEqual([]);
    });
  }
});

describe("checkBinaryForTarget problems", () => {
  it("names both machines for a linux/arm64 binary checked against linux/amd64", async () => {
    const bin = built.get("hello linux/arm64");
    if (!bin) throw new Error("not built");
    const problems = checkBinaryForTarget(await inspectBinary(bin.path), { goos: "linux", goarch: "amd64" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/arm64/);
    expect(problems[0]).toMatch(/amd64/);
    expect(problems[0]).toMatch(/wrong machine/);
  });

  it("names the format for a Windows binary checked against linux, and the OS for a FreeBSD one", async () => {
    const win = built.get("hello windows/amd64");
    const bsd = built.get("hello freebsd/amd64");
    const netbsd = built.get("bare netbsd/amd64");
    if (!win || !bsd || !netbsd) throw new Error("not built");
    const linux = { goos: "linux", goarch: "amd64" };
    const winProblems = checkBinaryForTarget(await inspectBinary(win.path), linux);
    expect(winProblems).toEqual([expect.stringMatching(/needs an ELF binary, but this is a PE/)]);
    expect(checkBinaryForTarget(await inspectBinary(bsd.path), linux)).toEqual([
      expect.stringMatching(/marks the binary for freebsd, not linux/),
    ]);
    expect(
      checkBinaryForTarget(await inspectBinary(netbsd.path), { goos: "freebsd", goarch: "amd64" }),
    ).toEqual([expect.stringMatching(/for netbsd, not freebsd/)]);
    const mac = built.get("hello darwin/arm64");
    if (!mac) throw new Error("not built");
    expect(checkBinaryForTarget(await inspectBinary(mac.path), { goos: "ios", goarch: "arm64" })).toEqual([]);
    expect(
      checkBinaryForTarget(await inspectBinary(mac.path), { goos: "windows", goarch: "arm64" }),
    ).toHaveLength(1);
  });

  it("a default cgo build is dynamic: interpreter, libc.so.6, and a problem for linux", async () => {
    const bin = await goBuild({
      dir: join(FIXTURES, "cgohello"),
      out: join(tmp, "cgohello"),
      flags: [],
      env: { CGO_ENABLED: "1", GOOS: "linux", GOARCH: "amd64" },
    });
    const info = await inspectBinary(bin);
    await expectMatchesOracles(bin, info);
    expect(info.static).toBe(false);
    expect(info.interpreter).toBe("/lib64/ld-linux-x86-64.so.2");
    expect(info.interpreter).toBe(await readelfInterpreter(bin));
    expect(info.needed).toContain("libc.so.6");
    expect(info.needed).toEqual(await readelfNeeded(bin));
    const problems = checkBinaryForTarget(info, { goos: "linux", goarch: "amd64" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not statically linked/);
    expect(problems[0]).toContain("/lib64/ld-linux-x86-64.so.2");
    expect(problems[0]).toContain("libc.so.6");
    expect(problems[0]).toContain("CGO_ENABLED=0");
    // When cgo was asked for, the advice is the static link and require-static, not the opposite of the input.
    const asked = checkBinaryForTarget(info, { goos: "linux", goarch: "amd64" }, { cgo: true });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain("libc.so.6");
    expect(asked[0]).toContain("-linkmode=external -extldflags=-static");
    expect(asked[0]).toContain("require-static: false");
    expect(asked[0]).not.toContain("CGO_ENABLED=0");
  }, 120_000);

  it("-buildmode=pie with CGO_ENABLED=0 still asks for the loader, and the problem explains why", async () => {
    const bin = await goBuild({
      dir: join(FIXTURES, "hello"),
      out: join(tmp, "hello-pie"),
      flags: [...RELEASE_FLAGS, "-buildmode=pie"],
      target: { goos: "linux", goarch: "amd64" },
    });
    const info = await inspectBinary(bin);
    await expectMatchesOracles(bin, info);
    // What Go 1.26 produces: ET_DYN with PT_INTERP but no DT_NEEDED (internal linking).
    expect(info).toMatchObject({
      pie: true,
      static: false,
      needed: [],
      interpreter: await readelfInterpreter(bin),
    });
    expect(info.interpreter).toBeDefined();
    const problems = checkBinaryForTarget(info, { goos: "linux", goarch: "amd64" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/-buildmode=pie/);
    expect(problems[0]).toMatch(/even with CGO_ENABLED=0/);
    expect(problems[0]).toMatch(/Drop -buildmode=pie/);
  }, 180_000);

  it("a static PIE linked externally is static and passes", async () => {
    const bin = await goBuild({
      dir: join(FIXTURES, "hello"),
      out: join(tmp, "hello-static-pie"),
      flags: ["-trimpath", "-buildmode=pie", "-ldflags", "-s -w -linkmode=external -extldflags=-static-pie"],
      env: { CGO_ENABLED: "1", GOOS: "linux", GOARCH: "amd64" },
    });
    expect((await execFile("file", ["-b", bin])).stdout).toMatch(/static-pie linked/);
    const info = await inspectBinary(bin);
    await expectMatchesOracles(bin, info);
    expect(info).toMatchObject({ pie: true, static: true, needed: [] });
    expect(checkBinaryForTarget(info, { goos: "linux", goarch: "amd64" })).toEqual([]);
  }, 180_000);

  it("/bin/true (a C program) is read, and is not static", async () => {
    const info = await inspectBinary("/bin/true");
    await expectMatchesOracles("/bin/true", info);
    expect(info.needed).toEqual(await readelfNeeded("/bin/true"));
    expect(info.static).toBe(false);
  });
});

describe("files that are not executables", () => {
  /** Whatever the bytes, the result is a BinaryInfo or a UserError naming the file. */
  async function outcome(path: string): Promise<BinaryInfo | UserError> {
    try {
      return await inspectBinary(path);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      expect(e.message).toContain(path);
      return e;
    }
  }

  it("rejects scripts, empty files, directories and missing files with a UserError", async () => {
    const script = join(tmp, "script.sh");
    await writeFile(script, "#!/bin/sh\necho hi\n");
    const empty = join(tmp, "empty");
    await writeFile(empty, "");
    const text = join(tmp, "text");
    await writeFile(text, "just some text that is long enough to sniff\n");
    await expect(inspectBinary(script)).rejects.toThrow(/script/);
    await expect(inspectBinary(empty)).rejects.toThrow(/empty file/);
    await expect(inspectBinary(text)).rejects.toThrow(/not an ELF, PE or Mach-O/);
    await expect(inspectBinary(tmp)).rejects.toBeInstanceOf(UserError);
    await expect(inspectBinary(join(tmp, "missing"))).rejects.toThrow(/cannot open/);
    for (const p of [script, empty, text]) await expect(inspectBinary(p)).rejects.toBeInstanceOf(UserError);
  });

  it("truncated ELF, PE and Mach-O files give a UserError at every cut", async () => {
    for (const name of [
      "hello linux/amd64",
      "hello linux/arm/v7",
      "hello windows/amd64",
      "hello darwin/arm64",
    ]) {
      const bin = built.get(name);
      if (!bin) throw new Error("not built");
      const whole = await readAll(bin.path);
      const cuts = [
        1,
        4,
        15,
        16,
        40,
        52,
        63,
        64,
        100,
        200,
        400,
        1000,
        4096,
        65536,
        whole.length >> 1,
        whole.length - 1,
      ];
      for (const cut of cuts) {
        const p = join(tmp, "truncated");
        await writeFile(p, whole.subarray(0, cut));
        const r = await outcome(p);
        expect(r, `${name} cut at ${cut}`).toBeInstanceOf(UserError);
      }
    }
  });

  it("corrupted headers never crash (seeded random byte flips)", async () => {
    let seed = 0x2545f491;
    const rand = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    for (const name of [
      "hello linux/amd64",
      "hello linux/386",
      "hello windows/amd64",
      "hello darwin/arm64",
    ]) {
      const bin = built.get(name);
      if (!bin) throw new Error("not built");
      const whole = await readAll(bin.path);
      const p = join(tmp, "corrupt");
      await copyFile(bin.path, p);
      const fh = await open(p, "r+");
      try {
        for (let round = 0; round < 150; round++) {
          const copy = Buffer.from(whole.subarray(0, 4096));
          // Flip bytes in the first 4 KiB (all the headers and tables are there) but keep the magic.
          for (let k = 0; k < 1 + Math.floor(rand() * 6); k++) {
            copy[4 + Math.floor(rand() * 4092)] = Math.floor(rand() * 256);
          }
          await fh.write(copy, 0, copy.length, 0);
          await outcome(p); // must resolve or throw a UserError, nothing else
        }
      } finally {
        await fh.close();
      }
    }
  }, 60_000);
});

async function readAll(path: string): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}
