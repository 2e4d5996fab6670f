import { createHash } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { copyFile, type FileHandle, mkdir, open, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, createInflateRaw, inflateRawSync } from "node:zlib";
import { errorMessage, UserError } from "../kit/errors.js";

/**
 * A zip reader for Go module zips, driven by the central directory (as Go's
 * archive/zip is): the entry list, names and sizes come from there, and each entry's
 * data is then read in file order, so extraction is one sequential pass over the
 * archive. Only what module zips use is supported (stored and deflated entries, ZIP64);
 * anything else (encryption, other methods, overlapping entries, sizes or CRCs that
 * disagree with the data) is refused, never guessed at.
 */

export interface ZipEntry {
  /** The name as stored (UTF-8), e.g. "golang.org/toolchain@v0.0.1-go1.25.4.linux-amd64/bin/go". */
  name: string;
  nameBytes: Buffer;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** From the Unix mode bits (or the MS-DOS directory bit); "other" covers devices, FIFOs, sockets. */
  kind: "file" | "directory" | "symlink" | "other";
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const STORED = 0;
const DEFLATED = 8;
/** Entries this small are read and inflated in one go; bigger ones (binaries) are streamed. */
const SMALL_ENTRY = 1024 * 1024;
/** Size of the read-ahead window for headers and small entries. */
const WINDOW = 4 * 1024 * 1024;
/** A central directory bigger than this is not a module zip. */
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

class ZipFormatError extends UserError {
  override name = "ZipFormatError";
}

export class ZipReader {
  private window: { start: number; data: Buffer } = { start: 0, data: Buffer.alloc(0) };

  private constructor(
    readonly file: string,
    private readonly fh: FileHandle,
    readonly size: number,
    readonly entries: readonly ZipEntry[],
    /** Where entry data must end: the start of the central directory. */
    private readonly dataEnd: number,
  ) {}

  static async open(file: string): Promise<ZipReader> {
    const fh = await open(file, "r");
    try {
      const { size } = await fh.stat();
      const { entries, cdOffset } = await readCentralDirectory(fh, size, file);
      return new ZipReader(file, fh, size, entries, cdOffset);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  /**
   * Calls `visit` for every entry in the order its data lies in the file, with the
   * entry's uncompressed content: a Buffer for small entries, a stream for big ones.
   * The stream checks size and CRC-32 against the central directory and fails if
   * they disagree. Entries whose data would overlap are refused (a zip-bomb trick).
   */
  async forEachInFileOrder(
    visit: (entry: ZipEntry, content: Buffer | Readable) => Promise<void>,
  ): Promise<void> {
    const ordered = [...this.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
    let previousEnd = 0;
    for (const entry of ordered) {
      if (entry.localHeaderOffset < previousEnd) {
        throw this.error(`entry "${entry.name}" overlaps the previous entry`);
      }
      const dataStart = await this.dataStart(entry);
      const dataEnd = dataStart + entry.compressedSize;
      if (dataEnd > this.dataEnd) throw this.error(`entry "${entry.name}" runs past the central directory`);
      previousEnd = dataEnd;
      if (entry.compressedSize <= SMALL_ENTRY && entry.uncompressedSize <= 4 * SMALL_ENTRY) {
        await visit(entry, await this.readSmall(entry, dataStart));
      } else {
        await visit(entry, this.stream(entry, dataStart));
      }
    }
  }

  private async dataStart(entry: ZipEntry): Promise<number> {
    const header = await this.read(entry.localHeaderOffset, LOCAL_SIZE);
    if (header.readUInt32LE(0) !== SIG_LOCAL) throw this.error(`entry "${entry.name}" has no local header`);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const name = await this.read(entry.localHeaderOffset + LOCAL_SIZE, nameLength);
    // Readers that trust local headers would see another name; refuse the ambiguity.
    if (!name.equals(entry.nameBytes)) {
      throw this.error(`entry "${entry.name}" has a different name in its local header`);
    }
    return entry.localHeaderOffset + LOCAL_SIZE + nameLength + extraLength;
  }

  private async readSmall(entry: ZipEntry, start: number): Promise<Buffer> {
    const raw = await this.read(start, entry.compressedSize);
    let data: Buffer;
    if (entry.method === STORED) {
      data = Buffer.from(raw); // a copy, so that the read window is not kept alive
    } else {
      try {
        // One byte over the declared size is enough to tell that it lies.
        data = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch (e) {
        throw this.error(`entry "${entry.name}" is not valid deflate data: ${errorMessage(e)}`);
      }
    }
    this.checkContent(entry, data.length, crc32(data));
    return data;
  }

  private stream(entry: ZipEntry, start: number): Readable {
    const raw = this.rangeStream(start, entry.compressedSize);
    let size = 0;
    let crc = 0;
    const check = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        size += chunk.length;
        if (size > entry.uncompressedSize) {
          cb(this.error(`entry "${entry.name}" is bigger than its declared ${entry.uncompressedSize} bytes`));
          return;
        }
        crc = crc32(chunk, crc);
        cb(null, chunk);
      },
      flush: (cb) => {
        try {
          this.checkContent(entry, size, crc);
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
    });
    // The inner streams are wired by hand so that the caller gets one stream whose
    // errors are UserErrors naming the entry, and so that a caller that stops reading
    // also stops the inner streams.
    const inflate = entry.method === STORED ? undefined : createInflateRaw();
    const fail = (e: Error, why: string) => {
      check.destroy(
        e instanceof UserError ? e : this.error(`entry "${entry.name}": ${why}: ${errorMessage(e)}`),
      );
    };
    raw.on("error", (e) => fail(e, "read error"));
    inflate?.on("error", (e) => fail(e, "not valid deflate data"));
    check.on("close", () => {
      raw.destroy();
      inflate?.destroy();
    });
    if (!inflate) return raw.pipe(check);
    return raw.pipe(inflate).pipe(check);
  }

  /**
   * Reads [start, start+length) with positional reads on the shared handle. (A stream
   * from fh.createReadStream would close the handle when destroyed, autoClose or not.)
   */
  private rangeStream(start: number, length: number): Readable {
    const fh = this.fh;
    const file = this.file;
    let position = start;
    const end = start + length;
    return new Readable({
      highWaterMark: 256 * 1024,
      read(want) {
        const size = Math.min(Math.max(want, 64 * 1024), end - position);
        if (size <= 0) {
          this.push(null);
          return;
        }
        fh.read(Buffer.alloc(size), 0, size, position).then(
          ({ bytesRead, buffer }) => {
            if (bytesRead === 0) {
              this.destroy(new ZipFormatError(`${file}: truncated at byte ${position}`));
              return;
            }
            position += bytesRead;
            this.push(buffer.subarray(0, bytesRead));
          },
          (e: Error) => this.destroy(e),
        );
      },
    });
  }

  private checkContent(entry: ZipEntry, size: number, crc: number): void {
    if (size !== entry.uncompressedSize) {
      throw this.error(`entry "${entry.name}" has ${size} bytes, its header says ${entry.uncompressedSize}`);
    }
    if (crc !== entry.crc32) throw this.error(`entry "${entry.name}" fails its CRC-32 check`);
  }

  /** Reads through a window, since entries are visited in file order: few, big reads. */
  private async read(position: number, length: number): Promise<Buffer> {
    const w = this.window;
    if (position >= w.start && position + length <= w.start + w.data.length) {
      return w.data.subarray(position - w.start, position - w.start + length);
    }
    if (length > WINDOW) return readExactly(this.fh, position, length, this.file);
    const size = Math.min(WINDOW, this.size - position);
    if (size < length) throw this.error(`truncated (wanted ${length} bytes at ${position})`);
    this.window = { start: position, data: await readExactly(this.fh, position, size, this.file) };
    return this.window.data.subarray(0, length);
  }

  private error(message: string): ZipFormatError {
    return new ZipFormatError(`${this.file}: ${message}`);
  }
}

async function readExactly(fh: FileHandle, position: number, length: number, file: string): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0)
      throw new ZipFormatError(`${file}: truncated (wanted ${length} bytes at ${position})`);
    done += bytesRead;
  }
  return buf;
}

async function readCentralDirectory(
  fh: FileHandle,
  size: number,
  file: string,
): Promise<{ entries: ZipEntry[]; cdOffset: number }> {
  const fail = (why: string): never => {
    throw new ZipFormatError(`${file}: not a usable zip file: ${why}`);
  };
  if (size < EOCD_SIZE) fail("too short");
  // The end record sits in the last 22 bytes plus a comment of at most 64 KiB.
  const tailLength = Math.min(size, EOCD_SIZE + 0xffff);
  const tailStart = size - tailLength;
  const tail = await readExactly(fh, tailStart, tailLength, file);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail("no end of central directory record");
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0)
    fail("multi-disk archives are not supported");
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  let cdLimit = tailStart + eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: a locator right before the end record points at the 64-bit end record.
    const locatorAt = tailStart + eocd - 20;
    if (locatorAt < 0) fail("ZIP64 locator missing");
    const locator = await readExactly(fh, locatorAt, 20, file);
    if (locator.readUInt32LE(0) !== SIG_ZIP64_LOCATOR) fail("ZIP64 locator missing");
    const recordAt = safeNumber(locator.readBigUInt64LE(8), fail);
    if (recordAt + 56 > locatorAt) fail("ZIP64 end record out of range");
    const record = await readExactly(fh, recordAt, 56, file);
    if (record.readUInt32LE(0) !== SIG_ZIP64_EOCD) fail("ZIP64 end record missing");
    count = safeNumber(record.readBigUInt64LE(32), fail);
    cdSize = safeNumber(record.readBigUInt64LE(40), fail);
    cdOffset = safeNumber(record.readBigUInt64LE(48), fail);
    cdLimit = recordAt;
  }
  if (cdOffset + cdSize > cdLimit) fail("central directory out of range");
  if (cdSize > MAX_CENTRAL_DIRECTORY) fail("central directory too large");
  const cd = await readExactly(fh, cdOffset, cdSize, file);

  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_SIZE > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL)
      fail(`central directory entry ${i} is damaged`);
    const madeBy = cd.readUInt16LE(p + 4);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const disk = cd.readUInt16LE(p + 34);
    const externalAttrs = cd.readUInt32LE(p + 38);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const end = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (end > cd.length) fail(`central directory entry ${i} is damaged`);
    const nameBytes = Buffer.from(cd.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength));
    let name = "";
    try {
      name = utf8.decode(nameBytes);
    } catch {
      fail(`entry ${i} has a name that is not UTF-8`);
    }
    if (flags & 0x41) fail(`entry "${name}" is encrypted`);
    if (method !== STORED && method !== DEFLATED) fail(`entry "${name}" uses compression method ${method}`);
    if (disk !== 0 && disk !== 0xffff) fail("multi-disk archives are not supported");

    // ZIP64 extra field: the 64-bit values appear only for fields saturated above.
    const extra = cd.subarray(p + CENTRAL_SIZE + nameLength, p + CENTRAL_SIZE + nameLength + extraLength);
    for (let q = 0; q + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(q);
      const len = extra.readUInt16LE(q + 2);
      if (q + 4 + len > extra.length) fail(`entry "${name}" has a damaged extra field`);
      if (id === 0x0001) {
        let r = q + 4;
        const next = (): number => {
          if (r + 8 > q + 4 + len) fail(`entry "${name}" has a short ZIP64 field`);
          const v = safeNumber(extra.readBigUInt64LE(r), fail);
          r += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      q += 4 + len;
    }
    if (method === STORED && compressedSize !== uncompressedSize)
      fail(`stored entry "${name}" has two sizes`);
    entries.push({
      name,
      nameBytes,
      method,
      crc32: crc,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      kind: entryKind(madeBy >> 8, externalAttrs, name),
    });
    p = end;
  }
  return { entries, cdOffset };
}

function entryKind(host: number, externalAttrs: number, name: string): ZipEntry["kind"] {
  const UNIX = 3;
  const MACOS = 19;
  if (host === UNIX || host === MACOS) {
    const type = (externalAttrs >>> 16) & 0o170000;
    if (type === 0o120000) return "symlink";
    if (type === 0o040000) return "directory";
    if (type !== 0 && type !== 0o100000) return "other";
  }
  if (externalAttrs & 0x10 || name.endsWith("/")) return "directory";
  return "file";
}

function safeNumber(v: bigint, fail: (why: string) => never): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail("size or offset out of range");
  return Number(v);
}

// ─── Module zips ─────────────────────────────────────────────────────────────────

/** What to do with one file of a module zip: where to write it (none: hash only) and its mode. */
export interface Placement {
  /** "/"-separated paths relative to the extraction directory. */
  paths: string[];
  mode: number;
}

export interface ModuleZipOptions {
  /** Every entry must start with this, e.g. "golang.org/toolchain@v0.0.1-go1.25.4.linux-amd64/". */
  prefix: string;
  /** Where a file goes, given its path without the prefix. Default: that path, mode 0o644. */
  place?: (rel: string) => Placement;
  /** Refuse archives that unpack to more than this (Go's module zip limit by default). */
  maxUncompressed?: number;
}

export interface ModuleZipResult {
  /** The go.sum hash of the zip ("h1:" + base64 sha256 of the file summary). */
  h1: string;
  files: number;
  bytes: number;
}

/** Go's limit on a module zip's size and on the total of its unpacked files. */
export const MAX_MODULE_ZIP = 500 * 1024 * 1024;

/**
 * Extracts a module zip into `dir` (which must exist and be empty) and computes its h1
 * dirhash on the way, in one pass: sha256 of each file, then sha256 of the lines
 * "<hex>  <name>\n" sorted by name (names as in the zip, prefix included), which is
 * what Go's dirhash.HashZip does. The caller compares the hash and discards `dir` on
 * a mismatch; nothing here trusts the content.
 *
 * Refused: names outside the prefix, absolute or with "", "." or ".." elements,
 * backslashes, colons or control characters, names that collide case-insensitively,
 * symlinks and other non-regular entries, go.mod files below the module root (as Go's
 * zip checker does), and archives bigger than the module zip limit.
 */
export async function extractModuleZip(
  zipPath: string,
  dir: string,
  opts: ModuleZipOptions,
): Promise<ModuleZipResult> {
  const limit = opts.maxUncompressed ?? MAX_MODULE_ZIP;
  const place = opts.place ?? ((rel: string) => ({ paths: [rel], mode: 0o644 }));
  const zip = await ZipReader.open(zipPath);
  try {
    if (zip.size > MAX_MODULE_ZIP)
      throw new UserError(`${zipPath}: ${zip.size} bytes is over the module zip limit`);
    const refuse = (entry: ZipEntry, why: string): never => {
      throw new UserError(`${zipPath}: refusing entry "${entry.name}": ${why}`);
    };
    // Check every name before writing anything.
    const folded = new Map<string, "file" | "directory">();
    let total = 0;
    for (const entry of zip.entries) {
      const rel = checkEntryName(entry, opts.prefix, refuse);
      if (entry.kind === "symlink") refuse(entry, "symbolic links are not allowed");
      if (entry.kind === "other") refuse(entry, "only regular files and directories are allowed");
      if (entry.kind === "directory" && entry.uncompressedSize !== 0)
        refuse(entry, "a directory with content");
      if (entry.kind === "file") {
        const base = rel.slice(rel.lastIndexOf("/") + 1);
        if (base.toLowerCase() === "go.mod" && base !== rel) refuse(entry, "go.mod below the module root");
      }
      claimPath(folded, rel, entry.kind === "directory" ? "directory" : "file", (why) => refuse(entry, why));
      total += entry.uncompressedSize;
      if (total > limit) throw new UserError(`${zipPath}: unpacks to more than ${limit} bytes`);
    }

    const lines: Array<{ name: Buffer; line: Buffer }> = [];
    const writer = new ParallelWriter(dir);
    let files = 0;
    let bytes = 0;
    const extractAll = zip.forEachInFileOrder(async (entry, content) => {
      const rel = entry.name.slice(opts.prefix.length).replace(/\/$/, "");
      const hash = createHash("sha256");
      if (entry.kind === "directory") {
        if (Buffer.isBuffer(content)) hash.update(content);
        else content.resume();
        if (rel !== "") await writer.directory(rel);
      } else {
        const { paths, mode } = place(rel);
        if (Buffer.isBuffer(content)) {
          hash.update(content);
          await writer.file(paths, content, mode);
        } else {
          const tap = new Transform({
            transform(chunk: Buffer, _enc, cb) {
              hash.update(chunk);
              cb(null, chunk);
            },
          });
          await writer.stream(paths, content, tap, mode);
        }
        files++;
        bytes += entry.uncompressedSize;
      }
      lines.push({ name: entry.nameBytes, line: Buffer.from(`${hash.digest("hex")}  ${entry.name}\n`) });
    });
    // Writes still under way finish (or fail) before anything is reported.
    await extractAll.catch(async (e: unknown) => {
      await writer.settle().catch(() => {});
      throw e;
    });
    await writer.settle();
    // Go sorts names as byte strings; compare UTF-8 bytes, not UTF-16 code units.
    lines.sort((a, b) => Buffer.compare(a.name, b.name));
    const summary = createHash("sha256");
    for (const { line } of lines) summary.update(line);
    return { h1: `h1:${summary.digest("base64")}`, files, bytes };
  } finally {
    await zip.close();
  }
}

/** Returns the entry's path below the prefix (no trailing slash), or refuses the entry. */
function checkEntryName(
  entry: ZipEntry,
  prefix: string,
  refuse: (e: ZipEntry, why: string) => never,
): string {
  const name = entry.name;
  if (!name.startsWith(prefix)) refuse(entry, `outside "${prefix}"`);
  // dirhash cannot represent these, and they mean something else on other systems.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\:\u0000-\u001f\u007f]/.test(name))
    refuse(entry, "backslash, colon or control character in the name");
  const isDir = entry.kind === "directory";
  const rel = name.slice(prefix.length).replace(/\/$/, "");
  if (!isDir && name.endsWith("/")) refuse(entry, "a file name ending in /");
  if (rel === "") {
    if (isDir) return rel;
    refuse(entry, "no name below the prefix");
  }
  for (const element of rel.split("/")) {
    if (element === "" || element === "." || element === "..") refuse(entry, `path element "${element}"`);
  }
  return rel;
}

/**
 * Records a path and its parent directories under their case-folded names and refuses
 * two files (or a file and a directory) that would land on the same place on a
 * case-insensitive file system (macOS and Windows runners).
 */
function claimPath(
  seen: Map<string, "file" | "directory">,
  rel: string,
  kind: "file" | "directory",
  refuse: (why: string) => never,
): void {
  if (rel === "") return;
  const parts = rel.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const key = parts.slice(0, i).join("/").toLowerCase();
    const want = i === parts.length ? kind : "directory";
    const had = seen.get(key);
    if (had === "file" || (had !== undefined && want === "file")) {
      refuse(`"${parts.slice(0, i).join("/")}" appears twice (names are compared case-insensitively)`);
    }
    seen.set(key, want);
  }
}

/**
 * Writes small files a few at a time while the zip is read on: one file at a time
 * leaves the disk idle between thousands of tiny writes. Directories are created once.
 * The first failure stops further writes and is thrown by the next call or by settle().
 */
class ParallelWriter {
  private readonly dirs = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;
  private static readonly LIMIT = 16;

  constructor(private readonly root: string) {}

  directory(rel: string): Promise<unknown> {
    let made = this.dirs.get(rel);
    if (!made) {
      made = mkdir(this.abs(rel), { recursive: true, mode: 0o755 });
      made.catch(() => {}); // awaited by whoever needs it
      this.dirs.set(rel, made);
    }
    return made;
  }

  /** `paths[0]` gets the content; the others are copies; no paths: nothing is written. */
  async file(paths: string[], content: Buffer, mode: number): Promise<void> {
    this.check();
    while (this.pending.size >= ParallelWriter.LIMIT) await Promise.race(this.pending);
    this.check();
    const task = (async () => {
      const [first, ...copies] = paths;
      if (first === undefined) return;
      await this.parents(paths);
      // "wx": never write through something already there (the directory is fresh and ours).
      await writeFile(this.abs(first), content, { flag: "wx", mode });
      for (const copy of copies) await copyFile(this.abs(first), this.abs(copy), constants.COPYFILE_EXCL);
    })().catch((e: unknown) => {
      this.failure ??= e;
    });
    const tracked = task.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  async stream(paths: string[], content: Readable, tap: Transform, mode: number): Promise<void> {
    this.check();
    const [first, ...copies] = paths;
    await this.parents(paths);
    const sink =
      first === undefined
        ? new Writable({ write: (_c, _e, cb) => cb() })
        : createWriteStream(this.abs(first), { flags: "wx", mode });
    await pipeline(content, tap, sink);
    if (first !== undefined) {
      for (const copy of copies) await copyFile(this.abs(first), this.abs(copy), constants.COPYFILE_EXCL);
    }
  }

  async settle(): Promise<void> {
    await Promise.all(this.pending);
    this.check();
  }

  private async parents(paths: string[]): Promise<void> {
    for (const p of paths) {
      const slash = p.lastIndexOf("/");
      if (slash > 0) await this.directory(p.slice(0, slash));
    }
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private abs(rel: string): string {
    return path.join(this.root, ...rel.split("/"));
  }
}
