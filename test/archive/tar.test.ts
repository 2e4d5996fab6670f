import { randomBytes } from "node:crypto";
import {
  chmod,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  truncate,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractTarGz } from "../../src/archive/tar.js";
import { UserError } from "../../src/kit/errors.js";
import { execFile } from "../../src/kit/exec.js";

let tmp: string;
let tree: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "goship-tar-"));
  tree = path.join(tmp, "tree");
  await buildSourceTree(tree);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** 150- and 300-character paths: beyond ustar's 100-byte name, and (the second) beyond name+prefix. */
const LONG_DIR = ["d".repeat(60), "e".repeat(60)].join("/");
const LONG_FILE = `${LONG_DIR}/${"f".repeat(30)}.go`;
const VERY_LONG_FILE = `${["g".repeat(90), "h".repeat(90), "i".repeat(90)].join("/")}/${"j".repeat(40)}.txt`;

async function buildSourceTree(root: string): Promise<void> {
  const files: Record<string, Buffer | string> = {
    "README.md": "# hello\n",
    "src/main.go": "package main\n\nfunc main() {}\n",
    "src/empty.txt": "",
    "bin/tool": "#!/bin/sh\necho tool\n",
    "pkg/big.bin": randomBytes(3 * 1024 * 1024 + 123), // spans many gzip chunks and write batches
    "pkg/odd.bin": randomBytes(511),
    "héllo-世界.txt": "unicode name\n",
    [LONG_FILE]: "long name\n",
    [VERY_LONG_FILE]: randomBytes(2000),
  };
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  await chmod(path.join(root, "bin/tool"), 0o755);
  await chmod(path.join(root, "README.md"), 0o600); // not executable → extracted as 0644
  await mkdir(path.join(root, "empty"), { recursive: true });
  await mkdir(path.join(root, "nested/empty2"), { recursive: true });
  expect(LONG_FILE.length).toBeGreaterThan(100);
  expect(VERY_LONG_FILE.length).toBeGreaterThan(255);
}

interface Node {
  type: "file" | "dir" | "other";
  exec: boolean;
  size: number;
}

/** Every path under root with its type, exec bit and size (lstat: symlinks show as "other"). */
async function snapshot(root: string): Promise<Map<string, Node>> {
  const out = new Map<string, Node>();
  const walk = async (rel: string) => {
    for (const name of await readdir(path.join(root, rel))) {
      const r = rel === "" ? name : `${rel}/${name}`;
      const st = await lstat(path.join(root, r));
      const type = st.isFile() ? "file" : st.isDirectory() ? "dir" : "other";
      out.set(r, { type, exec: (st.mode & 0o111) !== 0, size: type === "file" ? st.size : 0 });
      if (type === "dir") await walk(r);
    }
  };
  await walk("");
  return out;
}

/** Same paths, types and exec bits, and byte-identical file content. */
async function expectSameTree(expected: string, actual: string): Promise<void> {
  const a = await snapshot(expected);
  const b = await snapshot(actual);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [rel, node] of a) {
    expect(b.get(rel), rel).toEqual(node);
    if (node.type === "file") {
      const [x, y] = await Promise.all([
        readFile(path.join(expected, rel)),
        readFile(path.join(actual, rel)),
      ]);
      expect(y.equals(x), `content of ${rel}`).toBe(true);
    }
  }
}

async function countTree(root: string): Promise<{ files: number; directories: number; bytes: number }> {
  const snap = await snapshot(root);
  let files = 0;
  let directories = 0;
  let bytes = 0;
  for (const n of snap.values()) {
    if (n.type === "file") {
      files++;
      bytes += n.size;
    } else if (n.type === "dir") directories++;
  }
  return { files, directories, bytes };
}

async function gnuTar(format: string, out: string, ...args: string[]): Promise<void> {
  await execFile("tar", [`--format=${format}`, ...args, "-f", out]);
}

describe("extractTarGz: archives made by GNU tar", () => {
  for (const format of ["gnu", "pax"]) {
    it(`round-trips a tree in ${format} format (long names, exec bit, empty dirs)`, async () => {
      const archive = path.join(tmp, `tree-${format}.tar.gz`);
      await gnuTar(format, archive, "-C", tree, "-cz", ".");
      const dest = path.join(tmp, `out-${format}`);
      const result = await extractTarGz(archive, dest);
      await expectSameTree(tree, dest);
      expect(result).toEqual(await countTree(tree));
      expect((await stat(path.join(dest, "bin/tool"))).mode & 0o777).toBe(0o755);
      expect((await stat(path.join(dest, "README.md"))).mode & 0o777).toBe(0o644);
      expect((await stat(path.join(dest, "empty"))).isDirectory()).toBe(true);
    });
  }

  it("reads the ustar prefix field (a 150-char path in ustar format)", async () => {
    const archive = path.join(tmp, "ustar.tar.gz");
    // ustar cannot hold VERY_LONG_FILE; LONG_FILE fits only by splitting into prefix + name.
    await gnuTar("ustar", archive, "-C", tree, "-cz", LONG_FILE);
    const raw = await execFile("sh", ["-c", 'gzip -dc "$1" | head -c 512 | od -c | head -3', "sh", archive]);
    expect(raw.stdout).not.toContain("d d d d d d d d d d d d d d d d"); // the name field holds only the tail
    const dest = path.join(tmp, "out-ustar");
    const result = await extractTarGz(archive, dest);
    expect(result.files).toBe(1);
    expect(await readFile(path.join(dest, LONG_FILE), "utf8")).toBe("long name\n");
  });

  it("strips leading components and reads a plain .tar", async () => {
    const archive = path.join(tmp, "strip.tar");
    await gnuTar("gnu", archive, "-C", tmp, "-c", "tree");
    const dest = path.join(tmp, "out-strip");
    const result = await extractTarGz(archive, dest, { stripComponents: 1, gzip: false });
    await expectSameTree(tree, dest);
    expect(result).toEqual(await countTree(tree));
  });

  it("replaces an existing file without writing through a hard link to it", async () => {
    const archive = path.join(tmp, "readme.tar.gz");
    await gnuTar("gnu", archive, "-C", tree, "-cz", "README.md");
    const box = await mkdtemp(path.join(tmp, "box-"));
    const dest = path.join(box, "dest");
    await mkdir(dest);
    const outside = path.join(box, "outside.txt");
    await writeFile(outside, "untouched");
    await link(outside, path.join(dest, "README.md"));
    await extractTarGz(archive, dest);
    expect(await readFile(outside, "utf8")).toBe("untouched");
    expect(await readFile(path.join(dest, "README.md"), "utf8")).toBe("# hello\n");
  });
});

/** Writes a tar.gz with python3's tarfile module from a list of entry descriptions. */
interface PyEntry {
  name: string;
  type: "reg" | "dir" | "sym" | "lnk" | "chr" | "blk" | "fifo";
  data?: string;
  linkname?: string;
}

const PY_WRITER = `
import io, json, sys, tarfile
out, fmt, entries = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
types = {"reg": tarfile.REGTYPE, "dir": tarfile.DIRTYPE, "sym": tarfile.SYMTYPE, "lnk": tarfile.LNKTYPE,
         "chr": tarfile.CHRTYPE, "blk": tarfile.BLKTYPE, "fifo": tarfile.FIFOTYPE}
with tarfile.open(out, "w:gz", format={"gnu": tarfile.GNU_FORMAT, "pax": tarfile.PAX_FORMAT}[fmt]) as t:
    for e in entries:
        ti = tarfile.TarInfo(e["name"])
        ti.type = types[e["type"]]
        ti.mode = 0o755 if e["type"] == "dir" else 0o644
        ti.linkname = e.get("linkname", "")
        if e["type"] in ("chr", "blk"):
            ti.devmajor, ti.devminor = 1, 3
        data = e.get("data", "").encode()
        ti.size = len(data) if e["type"] == "reg" else 0
        t.addfile(ti, io.BytesIO(data) if e["type"] == "reg" else None)
`;

async function pyTar(out: string, entries: PyEntry[], format: "gnu" | "pax" = "gnu"): Promise<void> {
  await execFile("python3", ["-c", PY_WRITER, out, format, JSON.stringify(entries)]);
}

/** Everything under dir, for "nothing was written outside dest" checks. */
async function listAll(dir: string): Promise<string[]> {
  return [...(await snapshot(dir)).keys()].sort();
}

describe("extractTarGz: hostile archives", () => {
  const benign: PyEntry[] = [
    { name: "ok/", type: "dir" },
    { name: "ok/first.txt", type: "reg", data: "written before the bad entry" },
  ];
  const cases: Array<{
    label: string;
    entry: (box: string) => PyEntry;
    why: RegExp;
    format?: "gnu" | "pax";
  }> = [
    {
      label: "symlink",
      entry: () => ({ name: "ok/link", type: "sym", linkname: "/etc/passwd" }),
      why: /symbolic link/,
    },
    {
      label: "hard link",
      entry: () => ({ name: "ok/hard", type: "lnk", linkname: "ok/first.txt" }),
      why: /hard link/,
    },
    { label: "../escape", entry: () => ({ name: "../escape", type: "reg", data: "x" }), why: /"\.\." path/ },
    {
      label: "nested ..",
      entry: () => ({ name: "ok/../../escape2", type: "reg", data: "x" }),
      why: /"\.\." path/,
    },
    {
      label: "absolute path",
      entry: (box) => ({ name: path.join(box, "abs-target"), type: "reg", data: "x" }),
      why: /absolute path/,
    },
    {
      label: "absolute path in a GNU long name",
      entry: (box) => ({ name: path.join(box, "l".repeat(150)), type: "reg", data: "x" }),
      why: /absolute path/,
    },
    {
      label: ".. in a pax path",
      entry: () => ({ name: `../${"p".repeat(150)}`, type: "reg", data: "x" }),
      why: /"\.\." path/,
      format: "pax",
    },
    { label: "char device", entry: () => ({ name: "ok/null", type: "chr" }), why: /character device/ },
    { label: "block device", entry: () => ({ name: "ok/sda", type: "blk" }), why: /block device/ },
    { label: "FIFO", entry: () => ({ name: "ok/pipe", type: "fifo" }), why: /FIFO/ },
  ];

  for (const c of cases) {
    it(`refuses ${c.label}, names the entry, and leaves nothing behind`, async () => {
      const box = await mkdtemp(path.join(tmp, "hostile-"));
      const archive = path.join(box, "evil.tar.gz");
      const bad = c.entry(box);
      await pyTar(archive, [...benign, bad], c.format);
      const before = await listAll(box);
      const dest = path.join(box, "dest");
      const err = await extractTarGz(archive, dest).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toContain(`entry "${bad.name}"`);
      expect((err as Error).message).toMatch(c.why);
      // dest did not exist before, so what was written (ok/first.txt) is gone too.
      expect(await listAll(box)).toEqual(before);
    });
  }

  it("keeps a dest that existed before, with its old content", async () => {
    const box = await mkdtemp(path.join(tmp, "hostile-"));
    const archive = path.join(box, "evil.tar.gz");
    await pyTar(archive, [...benign, { name: "../escape", type: "reg", data: "x" }]);
    const dest = path.join(box, "dest");
    await mkdir(dest);
    await writeFile(path.join(dest, "mine.txt"), "keep");
    await expect(extractTarGz(archive, dest)).rejects.toThrow(UserError);
    expect(await readFile(path.join(dest, "mine.txt"), "utf8")).toBe("keep");
    expect(await listAll(box)).not.toContain("escape");
  });

  it("never follows a symlink to a directory already in dest", async () => {
    const box = await mkdtemp(path.join(tmp, "hostile-"));
    const outside = path.join(box, "outside");
    await mkdir(outside);
    const dest = path.join(box, "dest");
    await mkdir(dest);
    await symlink(outside, path.join(dest, "sub"));
    const archive = path.join(box, "a.tar.gz");
    await pyTar(archive, [{ name: "sub/pwned", type: "reg", data: "x" }]);
    const err = await extractTarGz(archive, dest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/entry "sub\/pwned".*symbolic link/);
    expect(await readdir(outside)).toEqual([]);
  });

  it("never writes through a symlink to a file already in dest", async () => {
    const box = await mkdtemp(path.join(tmp, "hostile-"));
    const outsideFile = path.join(box, "victim.txt");
    await writeFile(outsideFile, "original");
    const dest = path.join(box, "dest");
    await mkdir(dest);
    await symlink(outsideFile, path.join(dest, "file"));
    const archive = path.join(box, "a.tar.gz");
    await pyTar(archive, [{ name: "file", type: "reg", data: "overwritten" }]);
    const err = await extractTarGz(archive, dest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/entry "file".*symbolic link/);
    expect(await readFile(outsideFile, "utf8")).toBe("original");
  });

  it("refuses an entry whose only component is stripped into dest's parent", async () => {
    const box = await mkdtemp(path.join(tmp, "hostile-"));
    const archive = path.join(box, "a.tar.gz");
    await pyTar(archive, [{ name: "top/../../x", type: "reg", data: "x" }]);
    await expect(extractTarGz(archive, path.join(box, "dest"), { stripComponents: 1 })).rejects.toThrow(
      /entry "top\/\.\.\/\.\.\/x"/,
    );
  });
});

/** Rewrites a header field and its checksum, as a writer that chose that encoding would have. */
function patchHeader(tar: Buffer, headerAt: number, fieldAt: number, field: Buffer): void {
  field.copy(tar, headerAt + fieldAt);
  tar.fill(0x20, headerAt + 148, headerAt + 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += tar[headerAt + i] as number;
  Buffer.from(`${sum.toString(8).padStart(6, "0")}\0 `).copy(tar, headerAt + 148);
}

describe("extractTarGz: numeric encodings GNU tar also reads", () => {
  const content = "hello, size\n";

  async function oneFileTar(format: "gnu" | "pax", pax: Record<string, string> = {}): Promise<Buffer> {
    const box = await mkdtemp(path.join(tmp, "num-"));
    const out = path.join(box, "a.tar");
    const script = `
import io, json, sys, tarfile
with tarfile.open(sys.argv[1], "w", format=tarfile.GNU_FORMAT if sys.argv[2] == "gnu" else tarfile.PAX_FORMAT) as t:
    ti = tarfile.TarInfo("dir/file.txt")
    data = sys.argv[3].encode()
    ti.size = len(data)
    ti.pax_headers = json.loads(sys.argv[4])
    t.addfile(ti, io.BytesIO(data))
`;
    await execFile("python3", ["-c", script, out, format, content, JSON.stringify(pax)]);
    return readFile(out);
  }

  async function extractBoth(tar: Buffer): Promise<{ ours: string; gnu: string }> {
    const box = await mkdtemp(path.join(tmp, "num-"));
    const archive = path.join(box, "patched.tar");
    await writeFile(archive, tar);
    await mkdir(path.join(box, "gnu"));
    await execFile("tar", ["-C", path.join(box, "gnu"), "-xf", archive]);
    await extractTarGz(archive, path.join(box, "ours"), { gzip: false });
    return {
      ours: await readFile(path.join(box, "ours/dir/file.txt"), "utf8"),
      gnu: await readFile(path.join(box, "gnu/dir/file.txt"), "utf8"),
    };
  }

  it("reads a base-256 size field", async () => {
    const tar = await oneFileTar("gnu");
    const field = Buffer.alloc(12);
    field[0] = 0x80;
    field.writeUInt32BE(content.length, 8);
    patchHeader(tar, 0, 124, field);
    expect(await extractBoth(tar)).toEqual({ ours: content, gnu: content });
  });

  it("takes the size from a pax header over the ustar field", async () => {
    const tar = await oneFileTar("pax", { size: String(content.length) });
    expect(tar[156]).toBe("x".charCodeAt(0));
    // The real header follows the pax header and its one data block; zero its size field.
    patchHeader(tar, 1024, 124, Buffer.from("00000000000\0"));
    expect(await extractBoth(tar)).toEqual({ ours: content, gnu: content });
  });
});

describe("extractTarGz: damaged input", () => {
  it("fails cleanly on a truncated gzip stream and removes the partial tree", async () => {
    const archive = path.join(tmp, "cut.tar.gz");
    await gnuTar("gnu", archive, "-C", tree, "-cz", ".");
    await truncate(archive, Math.floor((await stat(archive)).size / 2));
    const dest = path.join(tmp, "out-cut");
    const err = await extractTarGz(archive, dest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/truncated/);
    await expect(lstat(dest)).rejects.toThrow(/ENOENT/);
  });

  it("fails on a plain tar cut in the middle of a file, naming the entry", async () => {
    const box = await mkdtemp(path.join(tmp, "cut-"));
    const archive = path.join(box, "cut.tar");
    await gnuTar("gnu", archive, "-C", tree, "-c", "pkg/big.bin");
    await truncate(archive, 512 * 100);
    await expect(extractTarGz(archive, path.join(box, "dest"), { gzip: false })).rejects.toThrow(
      /truncated in the middle of entry "pkg\/big.bin"/,
    );
  });

  it("fails on a tar without an end-of-archive marker", async () => {
    const box = await mkdtemp(path.join(tmp, "cut-"));
    const archive = path.join(box, "noend.tar");
    await gnuTar("gnu", archive, "-C", tree, "-c", "src/main.go");
    await truncate(archive, 1024); // header + one data block, no zero blocks
    await expect(extractTarGz(archive, path.join(box, "dest"), { gzip: false })).rejects.toThrow(
      /no end-of-archive marker/,
    );
  });

  it("says when the input is not gzip, or not a tar", async () => {
    const box = await mkdtemp(path.join(tmp, "junk-"));
    const notGzip = path.join(box, "plain.tar");
    await gnuTar("gnu", notGzip, "-C", tree, "-c", "README.md");
    await expect(extractTarGz(notGzip, path.join(box, "d1"))).rejects.toThrow(/not a valid gzip stream/);
    const notTar = path.join(box, "junk.tar.gz");
    await writeFile(notTar, gzipSync(randomBytes(4096)));
    await expect(extractTarGz(notTar, path.join(box, "d2"))).rejects.toThrow(/not a tar archive, or corrupt/);
    await expect(extractTarGz(path.join(box, "missing.tar.gz"), path.join(box, "d3"))).rejects.toThrow(
      /cannot read archive .*missing\.tar\.gz/,
    );
    expect((await readdir(box)).sort()).toEqual(["junk.tar.gz", "plain.tar"]);
  });

  it("says when dest cannot be a directory", async () => {
    const box = await mkdtemp(path.join(tmp, "junk-"));
    const archive = path.join(box, "a.tar.gz");
    await gnuTar("gnu", archive, "-C", tree, "-cz", "README.md");
    await writeFile(path.join(box, "file"), "x");
    await expect(extractTarGz(archive, path.join(box, "file"))).rejects.toThrow(
      /cannot use .*file as the extraction directory/,
    );
    expect(await readFile(path.join(box, "file"), "utf8")).toBe("x");
  });
});
