import {
  closeSync,
  constants,
  createReadStream,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  unlinkSync,
  writeSync,
  writevSync,
} from "node:fs";
import { lstat, mkdir, realpath, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { errorMessage, UserError } from "../kit/errors.js";

/**
 * A streaming tar reader that writes only regular files and directories. Archives come
 * from the network (Go toolchains), so everything that could reach outside the
 * destination (links, devices, absolute or `..` paths, symlinks already in the
 * destination) is refused rather than sanitised.
 */
export interface ExtractResult {
  files: number;
  directories: number;
  bytes: number;
}

export interface ExtractOptions {
  /** Leading path components to drop from every entry (like `tar --strip-components`). */
  stripComponents?: number;
  /** false for a plain .tar. */
  gzip?: boolean;
}

const BLOCK = 512;
/** Long names and pax records are small; anything bigger is not an archive we want. */
const MAX_META_SIZE = 1024 * 1024;
/** File content is written in batches of about this size (fewer syscalls, bounded memory). */
const WRITE_BATCH = 1024 * 1024;
/*
 * The file system calls below are synchronous on purpose. A Go distribution is ~15,000
 * small files, so the time goes to open/write/chmod/close, and routing each of those
 * through the libuv thread pool cost 2-3x the CPU of the calls themselves (measured
 * against tar xzf). Decompression still runs on the thread pool, in parallel.
 */

const REJECTED_TYPES: Readonly<Record<string, string>> = {
  "1": "a hard link",
  "2": "a symbolic link",
  "3": "a character device",
  "4": "a block device",
  "6": "a FIFO",
  S: "a GNU sparse file",
  D: "a GNU dump directory",
  M: "a GNU multi-volume continuation",
  V: "a volume label",
};

export interface TarHeader {
  name: string;
  mode: number;
  size: number;
  type: string;
  linkname: string;
}

/**
 * Streams a .tar.gz (or plain .tar when gzip: false) into dest. Accepts only regular
 * files and directories; anything else is refused with a UserError naming the entry.
 * On failure, what was written is removed if dest did not exist before.
 */
export async function extractTarGz(
  archive: string,
  dest: string,
  opts: ExtractOptions = {},
): Promise<ExtractResult> {
  const strip = opts.stripComponents ?? 0;
  if (!Number.isSafeInteger(strip) || strip < 0) {
    throw new Error(`stripComponents must be a non-negative integer, got ${strip}`);
  }
  const destExisted = await lstat(dest).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return false;
      throw new UserError(`cannot use ${dest} as the extraction directory: ${errorMessage(e)}`);
    },
  );
  try {
    // Entry paths are checked against the real path, so a dest reached through a
    // symlink (e.g. /tmp on macOS) still compares correctly.
    const root = await mkdir(dest, { recursive: true, mode: 0o755 })
      .then(() => realpath(dest))
      .catch((e: unknown) => {
        throw new UserError(`cannot use ${dest} as the extraction directory: ${errorMessage(e)}`);
      });
    const reader = new TarExtractor(archive, root, strip);
    const source = createReadStream(archive, { highWaterMark: 1024 * 1024 });
    const consume = async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) reader.push(chunk);
    };
    try {
      if (opts.gzip === false) await pipeline(source, consume);
      else await pipeline(source, createGunzip({ chunkSize: 256 * 1024 }), consume);
    } catch (e) {
      const entry = reader.currentEntry();
      reader.abort();
      throw describeStreamError(archive, e, entry);
    }
    reader.finish();
    return reader.result;
  } catch (e) {
    if (!destExisted) await rm(dest, { recursive: true, force: true });
    throw e;
  }
}

function describeStreamError(archive: string, e: unknown, entry: string | undefined): Error {
  if (e instanceof UserError) return e;
  const err = e as NodeJS.ErrnoException;
  const where = entry === undefined ? "" : ` (while writing entry "${entry}")`;
  if (err.code === "Z_BUF_ERROR") return new UserError(`${archive}: the gzip stream is truncated${where}`);
  if (typeof err.code === "string" && err.code.startsWith("Z_")) {
    return new UserError(`${archive}: not a valid gzip stream: ${errorMessage(e)}${where}`);
  }
  if (err.syscall === "open" && err.path === archive) {
    return new UserError(`cannot read archive ${archive}: ${errorMessage(e)}`);
  }
  return new UserError(`extracting ${archive} failed${where}: ${errorMessage(e)}`);
}

type State =
  | { kind: "header" }
  | { kind: "file"; entry: string; remaining: number; pad: number; out: PendingFile }
  | { kind: "meta"; type: string; entry: string; buf: Buffer; filled: number; pad: number }
  | { kind: "skip"; remaining: number }
  | { kind: "end" };

interface PendingFile {
  fd: number;
  chunks: Buffer[];
  queued: number;
}

class TarExtractor {
  readonly result: ExtractResult = { files: 0, directories: 0, bytes: 0 };
  private state: State = { kind: "header" };
  private readonly headerBuf = Buffer.alloc(BLOCK);
  private headerFilled = 0;
  /** Pending GNU 'L' name and pax attributes for the next entry. */
  private longName: string | undefined;
  private pax: Map<string, string> = new Map();
  private globalPax: Map<string, string> = new Map();
  /** Relative paths known to be real directories under root (created or checked). */
  private readonly dirs = new Set<string>();

  constructor(
    private readonly archive: string,
    private readonly root: string,
    private readonly strip: number,
  ) {}

  currentEntry(): string | undefined {
    return this.state.kind === "file" || this.state.kind === "meta" ? this.state.entry : undefined;
  }

  push(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      const st = this.state;
      const avail = chunk.length - off;
      switch (st.kind) {
        case "header": {
          let block: Buffer;
          if (this.headerFilled === 0 && avail >= BLOCK) {
            block = chunk.subarray(off, off + BLOCK);
            off += BLOCK;
          } else {
            const n = Math.min(BLOCK - this.headerFilled, avail);
            chunk.copy(this.headerBuf, this.headerFilled, off, off + n);
            this.headerFilled += n;
            off += n;
            if (this.headerFilled < BLOCK) break;
            block = this.headerBuf;
            this.headerFilled = 0;
          }
          this.onHeader(block);
          break;
        }
        case "file": {
          const n = Math.min(st.remaining, avail);
          st.out.chunks.push(chunk.subarray(off, off + n));
          st.out.queued += n;
          st.remaining -= n;
          off += n;
          if (st.remaining === 0) {
            this.state = st.pad > 0 ? { kind: "skip", remaining: st.pad } : { kind: "header" };
            closeFile(st.out);
          } else if (st.out.queued >= WRITE_BATCH) {
            flush(st.out);
          }
          break;
        }
        case "meta": {
          const n = Math.min(st.buf.length - st.filled, avail);
          chunk.copy(st.buf, st.filled, off, off + n);
          st.filled += n;
          off += n;
          if (st.filled === st.buf.length) {
            this.onMeta(st.type, st.entry, st.buf);
            this.state = st.pad > 0 ? { kind: "skip", remaining: st.pad } : { kind: "header" };
          }
          break;
        }
        case "skip": {
          const n = Math.min(st.remaining, avail);
          st.remaining -= n;
          off += n;
          if (st.remaining === 0) this.state = { kind: "header" };
          break;
        }
        case "end":
          // Whatever follows the end marker (record padding) is ignored, as tar does.
          return;
      }
    }
  }

  /** Called after the stream ended cleanly. */
  finish(): void {
    const st = this.state;
    if (st.kind === "end") {
      if (this.longName !== undefined || this.pax.size > 0) {
        throw this.fail("(end of archive)", "an extended header is not followed by an entry");
      }
      return;
    }
    const entry = this.currentEntry();
    this.abort();
    throw new UserError(
      entry === undefined
        ? `${this.archive}: the archive is truncated (no end-of-archive marker)`
        : `${this.archive}: the archive is truncated in the middle of entry "${entry}"`,
    );
  }

  /** Closes an open output file after a failure; the caller removes what was written. */
  abort(): void {
    if (this.state.kind === "file") {
      try {
        closeSync(this.state.out.fd);
      } catch {
        // already failing; the first error is the one to report
      }
    }
    this.state = { kind: "end" };
  }

  private fail(entry: string, why: string): UserError {
    return new UserError(`${this.archive}: entry "${entry}" ${why}`);
  }

  private onHeader(block: Buffer): void {
    if (isZeroBlock(block)) {
      this.state = { kind: "end" };
      return;
    }
    const h = parseTarHeader(block, this.archive);
    const padOf = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

    if (h.type === "L" || h.type === "K" || h.type === "x" || h.type === "g") {
      if (h.size > MAX_META_SIZE)
        throw this.fail(h.name, `has an extended header of ${h.size} bytes; too large`);
      const buf = Buffer.alloc(h.size);
      if (h.size === 0) this.onMeta(h.type, h.name, buf);
      else this.state = { kind: "meta", type: h.type, entry: h.name, buf, filled: 0, pad: padOf(h.size) };
      return;
    }

    // A global pax "path" would rename every entry; only a global "size" is honoured.
    const name = this.pax.get("path") ?? this.longName ?? h.name;
    const paxSize = this.pax.get("size") ?? this.globalPax.get("size");
    const size = paxSize === undefined ? h.size : parsePaxSize(paxSize, name, this.archive);
    this.longName = undefined;
    this.pax = new Map();

    const rejected = REJECTED_TYPES[h.type];
    if (rejected !== undefined) {
      const target = h.type === "1" || h.type === "2" ? ` (to "${h.linkname}")` : "";
      throw this.fail(name, `is ${rejected}${target}; only regular files and directories are accepted`);
    }
    const isFileType = h.type === "0" || h.type === "\0" || h.type === "7";
    if (h.type !== "5" && !isFileType) {
      throw this.fail(
        name,
        `has unsupported type ${JSON.stringify(h.type)}; only regular files and directories are accepted`,
      );
    }
    // Old archives mark directories only by a trailing slash.
    const isDir = h.type === "5" || (name.endsWith("/") && size === 0);
    const rel = this.relativePath(name, isDir);

    if (isDir) {
      if (rel !== undefined) this.ensureDirs(rel, name);
      this.state = size > 0 ? { kind: "skip", remaining: size + padOf(size) } : { kind: "header" };
      return;
    }
    if (rel === undefined) {
      // Stripped away entirely, like tar --strip-components does.
      this.state = size > 0 ? { kind: "skip", remaining: size + padOf(size) } : { kind: "header" };
      return;
    }
    this.ensureDirs(rel.slice(0, -1), name);
    const fd = this.createFile(rel, name);
    const out: PendingFile = { fd, chunks: [], queued: 0 };
    try {
      // Exactly 0755 or 0644, whatever the umask or the archive's other mode bits say.
      fchmodSync(fd, h.mode & 0o111 ? 0o755 : 0o644);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    this.result.files++;
    this.result.bytes += size;
    if (size === 0) {
      closeFile(out);
      this.state = { kind: "header" };
    } else {
      this.state = { kind: "file", entry: name, remaining: size, pad: padOf(size), out };
    }
  }

  private onMeta(type: string, entry: string, buf: Buffer): void {
    if (type === "L") this.longName = decodeName(buf.subarray(0, nulIndex(buf)), entry, this.archive);
    else if (type === "x") this.pax = parsePax(buf, entry, this.archive, this.pax);
    else if (type === "g") this.globalPax = parsePax(buf, entry, this.archive, this.globalPax);
    // 'K' (long link name) only matters for links, which are refused anyway.
  }

  /**
   * The entry's path components under root after stripping, or undefined when nothing
   * is left. Refuses anything that could point outside root.
   */
  private relativePath(name: string, isDir: boolean): string[] | undefined {
    if (name === "") throw this.fail(name, "has an empty name");
    if (name.includes("\0")) throw this.fail(name, "has a NUL byte in its name");
    if (name.startsWith("/")) throw this.fail(name, "has an absolute path");
    // Backslashes and drive letters are separators or roots on Windows.
    if (name.includes("\\") || /^[A-Za-z]:/.test(name)) throw this.fail(name, "has a Windows-style path");
    const parts = name.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.includes("..")) throw this.fail(name, 'has a ".." path component');
    if (parts.length === 0 && !isDir) throw this.fail(name, "has no file name");
    if (parts.length <= this.strip) return undefined;
    const rel = parts.slice(this.strip);
    const full = path.join(this.root, ...rel);
    const base = this.root.endsWith(path.sep) ? this.root : this.root + path.sep;
    if (!full.startsWith(base)) throw this.fail(name, "would land outside the destination");
    return rel;
  }

  /** mkdir each component, refusing to go through anything that is not a real directory. */
  private ensureDirs(rel: readonly string[], entry: string): void {
    let cur = "";
    for (const part of rel) {
      cur = cur === "" ? part : `${cur}/${part}`;
      if (this.dirs.has(cur)) continue;
      const abs = path.join(this.root, cur);
      try {
        mkdirSync(abs, { mode: 0o755 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        const st = lstatSync(abs);
        if (st.isSymbolicLink()) {
          throw this.fail(entry, `would be written through the symbolic link ${abs}; refusing to follow it`);
        }
        if (!st.isDirectory()) throw this.fail(entry, `needs ${abs} to be a directory, but it is not`);
      }
      this.dirs.add(cur);
      this.result.directories++;
    }
  }

  /**
   * Creates the file anew. An existing regular file is unlinked first, so writing never
   * goes through a hard link or symlink that was already in dest.
   */
  private createFile(rel: readonly string[], entry: string): number {
    const abs = path.join(this.root, ...rel);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
    for (let attempt = 0; ; attempt++) {
      try {
        return openSync(abs, flags, 0o644);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
        const st = lstatSync(abs);
        if (st.isSymbolicLink()) throw this.fail(entry, `would replace the symbolic link ${abs}; refusing`);
        if (!st.isFile()) throw this.fail(entry, `would replace ${abs}, which is not a regular file`);
        unlinkSync(abs);
      }
    }
  }
}

function closeFile(out: PendingFile): void {
  try {
    flush(out);
  } finally {
    closeSync(out.fd);
  }
}

function flush(out: PendingFile): void {
  if (out.queued === 0) return;
  const chunks = out.chunks;
  const total = out.queued;
  out.chunks = [];
  out.queued = 0;
  let done = writevSync(out.fd, chunks);
  if (done < total) {
    // writev may write less than asked; finish the rest.
    const all = Buffer.concat(chunks);
    while (done < all.length) done += writeSync(out.fd, all, done);
  }
}

function isZeroBlock(b: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (b[i] !== 0) return false;
  return true;
}

function nulIndex(b: Buffer): number {
  const i = b.indexOf(0);
  return i === -1 ? b.length : i;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeName(bytes: Uint8Array, entry: string, archive: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new UserError(`${archive}: entry "${entry}" has a name that is not valid UTF-8`);
  }
}

function cString(b: Buffer, start: number, len: number): Buffer {
  const field = b.subarray(start, start + len);
  return field.subarray(0, nulIndex(field));
}

/** One 512-byte header block: checksum checked, ustar prefix joined, names strict UTF-8. */
export function parseTarHeader(b: Buffer, archive: string): TarHeader {
  const rawName = cString(b, 0, 100);
  const bad = (why: string) =>
    new UserError(
      `${archive}: not a tar archive, or corrupt (header for "${rawName.toString("latin1")}": ${why})`,
    );

  if (!tarChecksumMatches(b)) throw bad("checksum mismatch");

  const mode = parseNumeric(b, 100, 8);
  const size = parseNumeric(b, 124, 12);
  if (mode === undefined) throw bad("invalid mode field");
  if (size === undefined) throw bad("invalid size field");
  const type = String.fromCharCode(b[156] as number);

  // Only POSIX ustar has a prefix field; in old GNU headers those bytes hold other data.
  let nameBytes: Buffer = rawName;
  if (b.toString("latin1", 257, 263) === "ustar\0") {
    const prefix = cString(b, 345, 155);
    if (prefix.length > 0) nameBytes = Buffer.concat([prefix, Buffer.from("/"), rawName]);
  }
  const name = decodeName(nameBytes, nameBytes.toString("latin1"), archive);
  const linkname = cString(b, 157, 100).toString("utf8");
  return { name, mode, size, type, linkname };
}

/**
 * A header block's checksum: the sum of its bytes with the checksum field read as spaces,
 * which old tars computed with signed bytes, so either sum is accepted.
 */
function tarChecksumMatches(b: Buffer): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const v = i >= 148 && i < 156 ? 0x20 : (b[i] as number);
    unsigned += v;
    signed += v > 127 ? v - 256 : v;
  }
  const stored = parseNumeric(b, 148, 8);
  return stored !== undefined && (stored === unsigned || stored === signed);
}

/** Octal (NUL/space padded), or GNU base-256 when the high bit of the first byte is set. */
function parseNumeric(b: Buffer, start: number, len: number): number | undefined {
  const first = b[start] as number;
  if (first & 0x80) {
    if (first === 0xff) return undefined; // negative
    let v = first & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + (b[i] as number);
    return Number.isSafeInteger(v) ? v : undefined;
  }
  const text = b
    .toString("latin1", start, start + len)
    .replace(/[\0 ]+$/, "")
    .replace(/^ +/, "");
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  const v = Number.parseInt(text, 8);
  return Number.isSafeInteger(v) ? v : undefined;
}

function parsePaxSize(value: string, entry: string, archive: string): number {
  const v = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(v))
    throw new UserError(`${archive}: entry "${entry}" has an invalid pax size ${value}`);
  return v;
}

/** pax records: "<length> <key>=<value>\n", where length counts the whole record. */
export function parsePax(
  buf: Buffer,
  entry: string,
  archive: string,
  into: Map<string, string>,
): Map<string, string> {
  const out = new Map(into);
  const bad = () => new UserError(`${archive}: entry "${entry}" has a malformed pax extended header`);
  let off = 0;
  while (off < buf.length) {
    if (buf[off] === 0) break; // trailing NUL padding some writers add
    const space = buf.indexOf(0x20, off);
    if (space === -1) throw bad();
    const lenText = buf.toString("latin1", off, space);
    if (!/^[0-9]+$/.test(lenText)) throw bad();
    const len = Number(lenText);
    const end = off + len;
    if (len <= space - off + 1 || end > buf.length || buf[end - 1] !== 0x0a) throw bad();
    const record = buf.subarray(space + 1, end - 1);
    const eq = record.indexOf(0x3d);
    if (eq === -1) throw bad();
    const key = record.toString("utf8", 0, eq);
    const value = decodeName(record.subarray(eq + 1), entry, archive);
    // An empty value deletes the keyword (POSIX).
    if (value === "") out.delete(key);
    else out.set(key, value);
    off = end;
  }
  return out;
}
