import { createHash, randomBytes } from "node:crypto";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ArchiveEntry,
  type ArchiveResult,
  dosDateTime,
  tarHeader,
  writeTarGz,
  writeZip,
  type ZipOptions,
} from "../../src/archive/write.js";
import { UserError } from "../../src/kit/errors.js";
import { execFile } from "../../src/kit/exec.js";
import { sha256File } from "../../src/kit/hash.js";

/** 2024-05-01T12:51:30Z: an even second, which MS-DOS times can hold exactly. */
const COMMIT_TIME = 1714567890;
const COMMIT_TIME_UTC = "2024-05-01 12:51:30";
/** 152 bytes: fits ustar only split into prefix and name. */
const LONG_NAME = `${"d".repeat(70)}/${"e".repeat(40)}/${"f".repeat(37)}.go`;
/** A 124-byte last component: ustar cannot hold it at all, so a pax header carries it. */
const VERY_LONG_NAME = `${"g".repeat(30)}/${"h".repeat(120)}.txt`;
const UNICODE_NAME = "héllo-世界.txt";

let tmp: string;
let src: string;
let entries: ArchiveEntry[];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "goship-archive-"));
  src = path.join(tmp, "src");
  await mkdir(src);
  const files: Record<string, Buffer | string> = {
    "gin-app": randomBytes(3 * 1024 * 1024 + 77), // many deflate chunks and read batches
    "README.md": "# gin-app\n",
    LICENSE: "MIT License\n".repeat(200),
    "empty.txt": "",
    long: "long name\n",
    "very-long": "very long name\n",
    unicode: "unicode name\n",
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(src, name), content);
  // Disk modes differ from the archive's on purpose: only ArchiveEntry.mode counts.
  await chmod(path.join(src, "gin-app"), 0o700);
  await chmod(path.join(src, "README.md"), 0o600);
  // Deliberately unsorted.
  entries = [
    { name: "README.md", source: path.join(src, "README.md"), mode: 0o644 },
    { name: "gin-app", source: path.join(src, "gin-app"), mode: 0o755 },
    { name: "LICENSE", source: path.join(src, "LICENSE"), mode: 0o644 },
    { name: "empty.txt", source: path.join(src, "empty.txt"), mode: 0o644 },
  ];
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const SORTED_NAMES = ["LICENSE", "README.md", "empty.txt", "gin-app"];

async function box(): Promise<string> {
  return mkdtemp(path.join(tmp, "box-"));
}

/** Every regular file under root: mode bits, mtime (s) and sha256 of the content. */
async function tree(root: string): Promise<Map<string, { mode: number; mtime: number; sha256: string }>> {
  const out = new Map<string, { mode: number; mtime: number; sha256: string }>();
  const walk = async (rel: string) => {
    for (const name of (await readdir(path.join(root, rel))).sort()) {
      const r = rel === "" ? name : `${rel}/${name}`;
      const st = await lstat(path.join(root, r));
      if (st.isDirectory()) await walk(r);
      else {
        const { sha256 } = await sha256File(path.join(root, r));
        out.set(r, { mode: st.mode & 0o7777, mtime: Math.floor(st.mtimeMs / 1000), sha256 });
      }
    }
  };
  await walk("");
  return out;
}

/** What extracting `list` should give: the entries' modes, the commit time, the sources' content. */
async function expectedTree(list: ArchiveEntry[], mtime = COMMIT_TIME) {
  const out = new Map<string, { mode: number; mtime: number; sha256: string }>();
  for (const e of [...list].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))) {
    out.set(e.name, { mode: e.mode, mtime, sha256: (await sha256File(e.source)).sha256 });
  }
  return out;
}

/** `tar -tv` in UTC with numeric owners, parsed. */
async function gnuTarList(archive: string) {
  const { stdout } = await execFile(
    "tar",
    ["--numeric-owner", "--full-time", "--quoting-style=literal", "-tvzf", archive],
    {
      env: { ...process.env, TZ: "UTC" },
    },
  );
  return stdout
    .trimEnd()
    .split("\n")
    .map((line) => {
      const m = /^(\S{10}) (\d+)\/(\d+)\s+(\d+) (\S+ \S+) (.*)$/.exec(line);
      if (m === null) throw new Error(`unexpected tar -tv line: ${line}`);
      return { perms: m[1], owner: `${m[2]}/${m[3]}`, size: Number(m[4]), time: m[5], name: m[6] };
    });
}

/** The directory beside an archive must hold nothing but what the test put there (no temp files). */
async function expectOnly(dir: string, names: string[]): Promise<void> {
  expect((await readdir(dir)).sort()).toEqual([...names].sort());
}

/** Buffer.equals: vitest's deep equality walks megabytes byte by byte, slowly. */
async function expectSameBytes(a: string, b: string): Promise<void> {
  expect((await readFile(a)).equals(await readFile(b))).toBe(true);
}

async function expectResultMatchesFile(result: ArchiveResult, file: string): Promise<void> {
  expect(result).toEqual(await sha256File(file));
}

describe("writeTarGz", () => {
  it("writes the same bytes every time, and returns their sha256 and size", async () => {
    const dir = await box();
    const a = await writeTarGz(path.join(dir, "a.tar.gz"), entries, { mtime: COMMIT_TIME });
    const b = await writeTarGz(path.join(dir, "b.tar.gz"), [...entries].reverse(), { mtime: COMMIT_TIME });
    expect(b).toEqual(a);
    await expectResultMatchesFile(a, path.join(dir, "a.tar.gz"));
    await expectSameBytes(path.join(dir, "a.tar.gz"), path.join(dir, "b.tar.gz"));
    await expectOnly(dir, ["a.tar.gz", "b.tar.gz"]);
  });

  it("lists in GNU tar sorted, with the given modes, owner 0/0 and the commit time", async () => {
    const archive = path.join(await box(), "app.tar.gz");
    await writeTarGz(archive, entries, { mtime: COMMIT_TIME });
    const list = await gnuTarList(archive);
    expect(list.map((l) => l.name)).toEqual(SORTED_NAMES);
    for (const l of list) {
      expect(l.perms).toBe(l.name === "gin-app" ? "-rwxr-xr-x" : "-rw-r--r--");
      expect(l.owner).toBe("0/0");
      expect(l.time).toBe(COMMIT_TIME_UTC);
    }
    expect(list.find((l) => l.name === "gin-app")?.size).toBe((await stat(path.join(src, "gin-app"))).size);
  });

  it("extracts with GNU tar to the sources' content, modes and commit time", async () => {
    const dir = await box();
    const archive = path.join(dir, "app.tar.gz");
    await writeTarGz(archive, entries, { mtime: COMMIT_TIME });
    const dest = path.join(dir, "x");
    await mkdir(dest);
    await execFile("tar", ["-xpzf", archive, "-C", dest]);
    expect(await tree(dest)).toEqual(await expectedTree(entries));
  });

  it("frames gzip with fixed header bytes and a trailer gzip -t accepts", async () => {
    const archive = path.join(await box(), "app.tar.gz");
    await writeTarGz(archive, entries, { mtime: COMMIT_TIME });
    const bytes = await readFile(archive);
    // ID1 ID2, CM=deflate, FLG=0 (no name, comment, extra, header CRC), MTIME=0, XFL=0, OS=255.
    expect(bytes.subarray(0, 10).toString("hex")).toBe("1f8b08000000000000ff");
    await execFile("gzip", ["-t", archive]);
    const tar = gunzipSync(bytes);
    expect(bytes.readUInt32LE(bytes.length - 4)).toBe(tar.length % 2 ** 32);
    expect(tar.length % 10240).toBe(0);
  });

  it("writes ustar headers: uid/gid 0, empty user and group names, no directory entries", async () => {
    const archive = path.join(await box(), "app.tar.gz");
    await writeTarGz(archive, entries, { mtime: COMMIT_TIME });
    const tar = gunzipSync(await readFile(archive));
    expect(tar.subarray(257, 265).toString("latin1")).toBe("ustar\u000000");
    const { stdout } = await execFile("python3", [
      "-c",
      `import json, sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    print(json.dumps([[m.name, m.type.decode(), m.mode, m.uid, m.gid, m.uname, m.gname, m.mtime] for m in t]))`,
      archive,
    ]);
    expect(JSON.parse(stdout)).toEqual(
      SORTED_NAMES.map((n) => [n, "0", n === "gin-app" ? 0o755 : 0o644, 0, 0, "", "", COMMIT_TIME]),
    );
  });

  it("round-trips long and non-ASCII names, with a pax header only where ustar cannot hold the name", async () => {
    const dir = await box();
    const named = (name: string, file: string): ArchiveEntry => ({
      name,
      source: path.join(src, file),
      mode: 0o644,
    });
    const long = [
      named(LONG_NAME, "long"),
      named(VERY_LONG_NAME, "very-long"),
      named(UNICODE_NAME, "unicode"),
    ];
    const archive = path.join(dir, "long.tar.gz");
    await writeTarGz(archive, long, { mtime: COMMIT_TIME });

    // Headers in entry order (sorted: d…, g…, h…): ustar with prefix, then pax + ustar, then ustar.
    const tar = gunzipSync(await readFile(archive));
    const typeAt = (offset: number) => String.fromCharCode(tar[offset + 156] as number);
    expect(typeAt(0)).toBe("0");
    expect(tar.subarray(345, 345 + 71).toString()).toBe(`${"d".repeat(70)}\0`); // the prefix field
    expect(typeAt(1024)).toBe("x");
    expect(typeAt(2048)).toBe("0");
    expect(typeAt(3072)).toBe("0");

    expect((await gnuTarList(archive)).map((l) => l.name)).toEqual([LONG_NAME, VERY_LONG_NAME, UNICODE_NAME]);
    const dest = path.join(dir, "x");
    await mkdir(dest);
    await execFile("tar", ["-xpzf", archive, "-C", dest]);
    expect(await tree(dest)).toEqual(await expectedTree(long));
  });

  it("puts a size beyond ustar's 8 GiB in a pax header", async () => {
    const size = 9 * 1024 ** 3;
    const header = tarHeader("gin-app", size, 0o755, COMMIT_TIME);
    expect(header.length).toBe(3 * 512);
    // Python reads the header alone; the missing data does not matter until it is read.
    const { stdout } = await execFile("python3", [
      "-c",
      `import io, sys, tarfile
m = tarfile.open(fileobj=io.BytesIO(bytes.fromhex(sys.argv[1])), mode="r:").next()
print(m.name, m.size, oct(m.mode), m.mtime)`,
      header.toString("hex"),
    ]);
    expect(stdout.trim()).toBe(`gin-app ${size} 0o755 ${COMMIT_TIME}`);
  });
});

describe("writeZip", () => {
  it("writes the same bytes every time, and returns their sha256 and size", async () => {
    const dir = await box();
    const a = await writeZip(path.join(dir, "a.zip"), entries, { mtime: COMMIT_TIME });
    const b = await writeZip(path.join(dir, "b.zip"), [...entries].reverse(), { mtime: COMMIT_TIME });
    expect(b).toEqual(a);
    await expectResultMatchesFile(a, path.join(dir, "a.zip"));
    await expectOnly(dir, ["a.zip", "b.zip"]);
  });

  it("passes unzip -t; zipinfo shows Unix modes, sorted names and the commit time in UTC", async () => {
    const archive = path.join(await box(), "app.zip");
    await writeZip(archive, entries, { mtime: COMMIT_TIME });
    const { stdout: test } = await execFile("unzip", ["-t", archive]);
    expect(test).toContain("No errors detected");
    const { stdout } = await execFile("unzip", ["-Z", archive], { env: { ...process.env, TZ: "UTC" } });
    const lines = stdout.split("\n").filter((l) => /^-/.test(l));
    expect(lines.map((l) => l.split(/\s+/).pop())).toEqual(SORTED_NAMES);
    for (const line of lines) {
      // e.g. "-rwxr-xr-x  2.0 unx  3145805 bl defN 24-May-01 12:51 gin-app": l = data descriptor, no extra field
      const [perms, , host, , flags, method, date, time] = line.split(/\s+/);
      expect(perms).toBe(line.endsWith(" gin-app") ? "-rwxr-xr-x" : "-rw-r--r--");
      expect([host, flags?.[1], method, date, time]).toEqual(["unx", "l", "defN", "24-May-01", "12:51"]);
    }
  });

  it("extracts with unzip to the sources' content, modes and commit time", async () => {
    const dir = await box();
    const archive = path.join(dir, "app.zip");
    await writeZip(archive, entries, { mtime: COMMIT_TIME });
    const dest = path.join(dir, "x");
    // MS-DOS times have no zone; unzip reads them as local time, so extract in UTC.
    await execFile("unzip", ["-q", archive, "-d", dest], { env: { ...process.env, TZ: "UTC" } });
    expect(await tree(dest)).toEqual(await expectedTree(entries));
  });

  it("is read by Python's zipfile: Unix host, modes, UTC time, no extra fields, deflate", async () => {
    const archive = path.join(await box(), "app.zip");
    await writeZip(archive, entries, { mtime: COMMIT_TIME });
    const info = await pythonZipInfo(archive);
    expect(info.bad).toBeNull();
    expect(info.entries).toEqual(
      await Promise.all(
        SORTED_NAMES.map(async (name) => ({
          name,
          system: 3,
          mode: name === "gin-app" ? 0o100755 : 0o100644,
          time: [2024, 5, 1, 12, 51, 30],
          extra: "",
          flags: 0x08,
          method: 8,
          sha256: (await sha256File(path.join(src, name))).sha256,
        })),
      ),
    );
  });

  it("writes a ZIP64 layout that unzip and Python accept (zip64: always)", async () => {
    const dir = await box();
    const archive = path.join(dir, "app64.zip");
    await writeZip(archive, entries, { mtime: COMMIT_TIME, zip64: "always" });
    const bytes = await readFile(archive);
    expect(bytes.readUInt32LE(bytes.length - 22 - 20 - 56)).toBe(0x06064b50); // the ZIP64 end record
    const { stdout } = await execFile("unzip", ["-t", archive]);
    expect(stdout).toContain("No errors detected");
    const info = await pythonZipInfo(archive);
    expect(info.bad).toBeNull();
    expect(info.entries.map((e) => [e.name, e.sha256])).toEqual(
      await Promise.all(SORTED_NAMES.map(async (n) => [n, (await sha256File(path.join(src, n))).sha256])),
    );
    const dest = path.join(dir, "x");
    await execFile("unzip", ["-q", archive, "-d", dest], { env: { ...process.env, TZ: "UTC" } });
    expect(await tree(dest)).toEqual(await expectedTree(entries));
  });

  it("stores MS-DOS times from UTC, in 2-second steps, clamped to 1980-2107", async () => {
    const fields = (t: number) => {
      const { date, time } = dosDateTime(t);
      return [(date >> 9) + 1980, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2];
    };
    expect(fields(COMMIT_TIME)).toEqual([2024, 5, 1, 12, 51, 30]);
    expect(fields(COMMIT_TIME + 1)).toEqual([2024, 5, 1, 12, 51, 30]);
    expect(fields(0)).toEqual([1980, 1, 1, 0, 0, 0]);
    expect(fields(2 ** 33)).toEqual([2107, 12, 31, 23, 59, 58]);
    // A commit time before 1980 (SOURCE_DATE_EPOCH=0 is common) still makes a valid zip.
    const archive = path.join(await box(), "epoch.zip");
    await writeZip(archive, entries.slice(0, 1), { mtime: 0 });
    expect((await pythonZipInfo(archive)).entries[0]?.time).toEqual([1980, 1, 1, 0, 0, 0]);
  });
});

/** Python's view of a zip: testzip() and each entry's header fields and content hash. */
async function pythonZipInfo(archive: string) {
  const { stdout } = await execFile("python3", [
    "-c",
    `import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(json.dumps({"bad": z.testzip(), "entries": [{
        "name": i.filename, "system": i.create_system, "mode": i.external_attr >> 16,
        "time": list(i.date_time), "extra": i.extra.hex(), "flags": i.flag_bits,
        "method": i.compress_type, "sha256": hashlib.sha256(z.read(i)).hexdigest()} for i in z.infolist()]}))`,
    archive,
  ]);
  return JSON.parse(stdout) as {
    bad: string | null;
    entries: Array<{ name: string; time: number[]; sha256: string; [k: string]: unknown }>;
  };
}

/**
 * The child imports the TypeScript source directly: Node 24 runs .ts files itself
 * (--experimental-transform-types because errors.ts uses parameter properties), and a
 * resolve hook maps the ".js" our imports end in to the ".ts" file beside it when no .js
 * exists. No build step, no extra dependency; the umask comes from a real shell.
 */
const CHILD_SCRIPT = `
import { registerHooks } from "node:module";
import { stat } from "node:fs/promises";
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (e) {
      if (e?.code !== "ERR_MODULE_NOT_FOUND" || !specifier.startsWith(".") || !specifier.endsWith(".js")) throw e;
      return next(specifier.slice(0, -3) + ".ts", context);
    }
  },
});
const job = JSON.parse(process.argv[1]);
const archive = await import(job.module);
const results = [];
for (const [format, out] of job.outputs) {
  const write = format === "zip" ? archive.writeZip : archive.writeTarGz;
  const result = await write(out, job.entries, job.opts);
  results.push({ ...result, fileMode: (await stat(out)).mode & 0o777 });
}
console.log(JSON.stringify({ results, tzOffset: new Date(job.opts.mtime * 1000).getTimezoneOffset() }));
`;

describe("reproducible across processes", () => {
  it("writes identical bytes in a child Node with TZ=Pacific/Kiritimati and umask 077", async () => {
    const dir = await box();
    const here = [await writeTarGz(path.join(dir, "here.tar.gz"), entries, { mtime: COMMIT_TIME })];
    here.push(await writeZip(path.join(dir, "here.zip"), entries, { mtime: COMMIT_TIME }));
    const job = {
      module: fileURLToPath(new URL("../../src/archive/write.ts", import.meta.url)),
      outputs: [
        ["tar.gz", path.join(dir, "there.tar.gz")],
        ["zip", path.join(dir, "there.zip")],
      ],
      entries,
      opts: { mtime: COMMIT_TIME },
    };
    const { stdout } = await execFile(
      "sh",
      [
        "-c",
        'umask 077 && exec "$@"',
        "sh",
        process.execPath,
        "--experimental-transform-types",
        "--no-warnings",
        "--input-type=module",
        "-e",
        CHILD_SCRIPT,
        JSON.stringify(job),
      ],
      { env: { ...process.env, TZ: "Pacific/Kiritimati" }, cwd: dir },
    );
    const child = JSON.parse(stdout) as {
      results: Array<ArchiveResult & { fileMode: number }>;
      tzOffset: number;
    };
    // The child really ran at UTC+14 with umask 077 (its archive files are 0600)...
    expect(child.tzOffset).toBe(-14 * 60);
    expect(child.results.map((r) => r.fileMode)).toEqual([0o600, 0o600]);
    // ...and wrote the same bytes.
    expect(child.results.map(({ sha256, size }) => ({ sha256, size }))).toEqual(here);
    await expectSameBytes(path.join(dir, "there.tar.gz"), path.join(dir, "here.tar.gz"));
    await expectSameBytes(path.join(dir, "there.zip"), path.join(dir, "here.zip"));
  });
});

describe("golden digests", () => {
  /**
   * A fixed input and the archives' sha256. These change only if the archive layout or
   * the compressor changes (an fflate upgrade, another level): that must be a deliberate
   * change, recorded in docs/adr/0001-archive-compressor.md, never an accident.
   */
  it("produce the recorded bytes for a fixed input", async () => {
    const dir = await box();
    // About 600 KB of half-compressible text: three 256 KiB deflate chunks.
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const hex = createHash("sha256").update(String(i)).digest("hex");
      lines.push(`${i} ${hex.slice(0, i % 48)}\n`);
    }
    await writeFile(path.join(dir, "app"), lines.join(""));
    await writeFile(path.join(dir, "README.md"), "# golden\n");
    const golden: ArchiveEntry[] = [
      { name: "app", source: path.join(dir, "app"), mode: 0o755 },
      { name: "README.md", source: path.join(dir, "README.md"), mode: 0o644 },
    ];
    const tarGz = await writeTarGz(path.join(dir, "golden.tar.gz"), golden, { mtime: COMMIT_TIME });
    const zip = await writeZip(path.join(dir, "golden.zip"), golden, { mtime: COMMIT_TIME });
    expect(tarGz).toEqual({
      sha256: "cb8004a7d254d86d21d7a17008153a2d3970767c277cad13e820d7095c759434",
      size: 341637,
    });
    expect(zip).toEqual({
      sha256: "628e070b45552a1e3f2f4e39ad2d73e11fe93f7b0a1218ce83e5083fa6890462",
      size: 341662,
    });
  });
});

describe("refusals", () => {
  async function expectRefused(
    write: (out: string) => Promise<unknown>,
    message: RegExp,
    dir?: string,
  ): Promise<void> {
    const where = dir ?? (await box());
    const before = (await readdir(where)).sort();
    const err = await write(path.join(where, "out.archive")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
    await expectOnly(where, before);
  }

  const writers: Array<[string, (out: string, list: ArchiveEntry[], opts?: ZipOptions) => Promise<unknown>]> =
    [
      ["tar.gz", (out, list, opts) => writeTarGz(out, list, opts ?? { mtime: COMMIT_TIME })],
      ["zip", (out, list, opts) => writeZip(out, list, opts ?? { mtime: COMMIT_TIME })],
    ];

  for (const [format, write] of writers) {
    it(`${format}: refuses a symlink, a directory and a device as sources, writing nothing`, async () => {
      const dir = await box();
      await symlink(path.join(src, "gin-app"), path.join(dir, "link"));
      const with_ = (source: string): ArchiveEntry[] => [...entries, { name: "x", source, mode: 0o644 }];
      await expectRefused(
        (out) => write(out, with_(path.join(dir, "link"))),
        /link.*is a symbolic link/,
        dir,
      );
      await expectRefused((out) => write(out, with_(src)), /is a directory/, dir);
      await expectRefused((out) => write(out, with_("/dev/null")), /is a character device/, dir);
      await expectRefused(
        (out) => write(out, with_(path.join(dir, "missing"))),
        /cannot read .*missing/,
        dir,
      );
    });

    it(`${format}: refuses bad names, duplicates, other modes and bad times`, async () => {
      const one = (name: string, mode = 0o644): ArchiveEntry[] => [
        { name, source: path.join(src, "README.md"), mode: mode as 0o644 },
      ];
      for (const name of ["", "/etc/passwd", "../up", "a/../b", "a//b", "./a", "dir/", "a\\b"]) {
        await expectRefused((out) => write(out, one(name)), /archive entry name/);
      }
      await expectRefused(
        (out) => write(out, [...one("a"), ...one("a")]),
        /two archive entries are named "a"/,
      );
      await expectRefused((out) => write(out, one("a", 0o4755)), /mode 04755; only 0755 and 0644/);
      await expectRefused((out) => write(out, []), /at least one entry/);
      await expectRefused((out) => write(out, one("a"), { mtime: -1 }), /mtime/);
      await expectRefused((out) => write(out, one("a"), { mtime: 1.5 }), /mtime/);
    });

    it(`${format}: a source that changes while it is read fails the archive and leaves the old one`, async () => {
      // /proc files claim size 0 and then have content: a file that "grew" after lstat.
      const dir = await box();
      const out = path.join(dir, "out.archive");
      await writeFile(out, "previous release");
      const list: ArchiveEntry[] = [
        ...entries,
        { name: "zz-status", source: "/proc/self/status", mode: 0o644 },
      ];
      const err = await write(out, list).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(/\/proc\/self\/status grew while it was being archived/);
      expect(await readFile(out, "utf8")).toBe("previous release");
      await expectOnly(dir, ["out.archive"]);
    });

    it(`${format}: says when the output directory does not exist`, async () => {
      const dir = await box();
      await expect(write(path.join(dir, "no/such/dir/out"), entries)).rejects.toThrow(/cannot write archive/);
    });
  }
});
