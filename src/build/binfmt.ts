/**
 * Reads the headers of ELF, PE and Mach-O executables with positioned reads (never the
 * whole file) and answers the questions build-static asks of every binary: which object
 * format and machine it is for, and whether it needs a dynamic loader or shared libraries.
 */
import { type FileHandle, open } from "node:fs/promises";
import { errorMessage, UserError } from "../kit/errors.js";

export type ObjectFormat = "elf" | "pe" | "macho";

export interface BinaryInfo {
  format: ObjectFormat;
  /** The GOARCH this machine field means: amd64, 386, arm64, arm, riscv64, ppc64le, ppc64, s390x, mips, mipsle, mips64, mips64le, loong64; otherwise a descriptive name such as "elf-machine-20". */
  goarch: string;
  bits: 32 | 64;
  littleEndian: boolean;
  /** ELF only: the OS ABI byte of e_ident when it names an OS (freebsd, netbsd, openbsd, linux, solaris, …); undefined for the generic System V value that Go writes for most systems. */
  osabi?: string;
  /** ELF: PT_INTERP. Mach-O: LC_LOAD_DYLINKER (always /usr/lib/dyld for executables). PE: undefined. */
  interpreter?: string;
  /** ELF: DT_NEEDED. PE: DLLs named by the import directory. Mach-O: LC_LOAD_DYLIB and its weak/re-export/upward variants. */
  needed: string[];
  /** ELF: ET_DYN. PE: IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE (relocatable, ASLR). Mach-O: MH_PIE. */
  pie: boolean;
  /** ELF: no PT_INTERP and no DT_NEEDED. Undefined for PE and Mach-O, where Go's binaries always load system libraries. */
  static?: boolean;
}

/** No header, table or string that this module reads is anywhere near this size in a real binary. */
const MAX_READ = 64 << 20;

/** Positioned reads from one open file; every range is checked against the file size first. */
export class BinaryFile {
  private constructor(
    readonly path: string,
    readonly size: number,
    private readonly handle: FileHandle,
  ) {}

  /** Opens a regular file; missing, unreadable and non-regular paths are UserErrors. */
  static async open(path: string): Promise<BinaryFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, "r");
    } catch (e) {
      throw new UserError(`${path}: cannot open: ${errorMessage(e)}`);
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new UserError(`${path}: not a regular file`);
      return new BinaryFile(path, stat.size, handle);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  /** A UserError that says the file is not what its headers claim (truncated or corrupt). */
  malformed(what: string): UserError {
    return new UserError(`${this.path}: malformed or truncated binary: ${what}`);
  }

  /** Exactly `length` bytes at `offset`; a range outside the file means the file is truncated or corrupt. */
  async read(offset: number, length: number, what: string): Promise<Buffer> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw this.malformed(`${what} has an impossible location`);
    }
    if (offset + length > this.size) {
      throw this.malformed(
        `${what} (bytes ${offset}–${offset + length}) lies beyond the end of the file (${this.size} bytes)`,
      );
    }
    if (length > MAX_READ) throw this.malformed(`${what} claims ${length} bytes`);
    return this.fill(Buffer.alloc(length), offset);
  }

  /** Up to `length` bytes at `offset`, fewer at the end of the file. */
  async readUpTo(offset: number, length: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    return this.fill(Buffer.alloc(n), offset);
  }

  private async fill(buf: Buffer, offset: number): Promise<Buffer> {
    let done = 0;
    while (done < buf.length) {
      const { bytesRead } = await this.handle.read(buf, done, buf.length - done, offset + done);
      if (bytesRead === 0) throw this.malformed(`the file shrank while it was being read`);
      done += bytesRead;
    }
    return buf;
  }
}

/** A part of the file that is mapped at a virtual address (a section, or a segment when sections are absent). */
export interface FileRegion {
  name: string;
  offset: number;
  /** Bytes present in the file (not counting zero-filled memory). */
  size: number;
  addr: bigint;
  writable: boolean;
  executable: boolean;
}

/** What buildinfo.ts needs from a parsed container: its sections and its loadable segments. */
export interface ObjectLayout {
  format: ObjectFormat;
  sections: FileRegion[];
  /** ELF PT_LOAD and Mach-O segments, in file order; empty for PE. */
  segments: FileRegion[];
}

interface Parsed {
  layout: ObjectLayout;
  info: BinaryInfo;
}

/** Reads format, machine and linkage of an ELF, PE or Mach-O executable. */
export async function inspectBinary(path: string): Promise<BinaryInfo> {
  return withParsed(path, (_file, parsed) => Promise.resolve(parsed.info));
}

/**
 * Parses the container and hands its layout to `use` with the file still open. For
 * buildinfo.ts; `use` receives null for files that are no known executable format.
 */
export async function withObjectLayout<T>(
  path: string,
  use: (file: BinaryFile, layout: ObjectLayout | null) => Promise<T>,
): Promise<T> {
  const file = await BinaryFile.open(path);
  try {
    const kind = sniff(await file.readUpTo(0, 8));
    if (kind === "unknown") return await guard(file, () => use(file, null));
    return await guard(file, async () => use(file, (await parse(file, kind)).layout));
  } finally {
    await file.close();
  }
}

async function withParsed<T>(
  path: string,
  use: (file: BinaryFile, parsed: Parsed) => Promise<T>,
): Promise<T> {
  const file = await BinaryFile.open(path);
  try {
    return await guard(file, async () => {
      const head = await file.readUpTo(0, 8);
      const kind = sniff(head);
      if (kind === "unknown") throw new UserError(`${path}: ${describeUnknown(head, file.size)}`);
      return use(file, await parse(file, kind));
    });
  } finally {
    await file.close();
  }
}

/**
 * Turns a Buffer bounds error that slipped past the explicit checks into a UserError:
 * a hostile or broken file must never surface as a crash.
 */
async function guard<T>(file: BinaryFile, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof RangeError) throw file.malformed(e.message);
    throw e;
  }
}

type Kind = "elf" | "pe" | "macho" | "fat" | "unknown";

function sniff(head: Buffer): Kind {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46) return "elf";
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return "pe";
  if (head.length >= 4) {
    const le = head.readUInt32LE(0);
    const be = head.readUInt32BE(0);
    if ([le, be].some((m) => m === 0xfeedface || m === 0xfeedfacf)) return "macho";
    if (be === 0xcafebabe || be === 0xcafebabf) return "fat";
  }
  return "unknown";
}

function describeUnknown(head: Buffer, size: number): string {
  if (size === 0) return "empty file, not an executable";
  if (head.subarray(0, 2).toString("latin1") === "#!")
    return "a script (starts with #!), not a compiled executable";
  if (head.subarray(0, 4).toString("latin1") === "\0asm") {
    return "a WebAssembly module; only ELF, PE and Mach-O executables can be checked";
  }
  return "not an ELF, PE or Mach-O executable";
}

async function parse(file: BinaryFile, kind: Exclude<Kind, "unknown">): Promise<Parsed> {
  switch (kind) {
    case "elf":
      return parseElf(file);
    case "pe":
      return parsePe(file);
    case "macho":
      return parseMachO(file);
    case "fat":
      throw new UserError(
        `${file.path}: a universal (fat) Mach-O file or a Java class file; Go builds one Mach-O per GOARCH, so check the thin binaries before lipo joins them`,
      );
  }
}

/** Endian-aware field access on a buffer read for one structure. */
class Fields {
  constructor(
    readonly buf: Buffer,
    readonly le: boolean,
  ) {}
  u8(at: number): number {
    return this.buf.readUInt8(at);
  }
  u16(at: number): number {
    return this.le ? this.buf.readUInt16LE(at) : this.buf.readUInt16BE(at);
  }
  u32(at: number): number {
    return this.le ? this.buf.readUInt32LE(at) : this.buf.readUInt32BE(at);
  }
  u64(at: number): bigint {
    return this.le ? this.buf.readBigUInt64LE(at) : this.buf.readBigUInt64BE(at);
  }
  /** A 32- or 64-bit address. */
  addr(at: number, bits: 32 | 64): bigint {
    return bits === 64 ? this.u64(at) : BigInt(this.u32(at));
  }
  /** A 32- or 64-bit file offset or size; values beyond 2^53 cannot be in a real file. */
  num(at: number, bits: 32 | 64): number {
    if (bits === 32) return this.u32(at);
    const v = this.u64(at);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }
  /** A NUL-terminated string starting at `at` (to the end of the buffer if unterminated). */
  cstr(at: number, end = this.buf.length): string {
    if (at >= end) return "";
    const nul = this.buf.indexOf(0, at);
    return this.buf.toString("latin1", at, nul < 0 || nul > end ? end : nul);
  }
}

/** Reads a NUL-terminated string at a file offset, at most `max` bytes long. */
async function readCString(file: BinaryFile, offset: number, what: string, max = 4096): Promise<string> {
  if (offset < 0 || offset >= file.size) throw file.malformed(`${what} points outside the file`);
  const buf = await file.readUpTo(offset, max);
  const nul = buf.indexOf(0);
  if (nul < 0) throw file.malformed(`${what} is not NUL-terminated within ${max} bytes`);
  return buf.toString("utf8", 0, nul);
}

function checkInFile(file: BinaryFile, offset: number, size: number, what: string): void {
  if (offset < 0 || size < 0 || offset + size > file.size) {
    throw file.malformed(
      `${what} (bytes ${offset}–${offset + size}) lies beyond the end of the file (${file.size} bytes)`,
    );
  }
}

// ---------------------------------------------------------------- ELF

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const SHT_NOBITS = 8;
const SHF_WRITE = 1;
const SHF_EXECINSTR = 4;
const PF_X = 1;
const PF_W = 2;
const DT_NEEDED = 1n;
const DT_STRTAB = 5n;
const DT_STRSZ = 10n;

const ELF_OSABI: Readonly<Record<number, string>> = {
  1: "hpux",
  2: "netbsd",
  3: "linux",
  6: "solaris",
  7: "aix",
  8: "irix",
  9: "freebsd",
  12: "openbsd",
};

function elfGoarch(machine: number, bits: 32 | 64, le: boolean): string {
  switch (machine) {
    case 3:
      return "386";
    case 62:
      return "amd64";
    case 40:
      return "arm";
    case 183:
      return "arm64";
    case 243:
      return bits === 64 ? "riscv64" : "riscv32";
    case 21:
      return le ? "ppc64le" : "ppc64";
    case 20:
      return "ppc";
    case 22:
      return bits === 64 ? "s390x" : "s390";
    case 8:
      if (bits === 64) return le ? "mips64le" : "mips64";
      return le ? "mipsle" : "mips";
    case 258:
      return bits === 64 ? "loong64" : "loong32";
    case 43:
      return "sparc64";
    default:
      return `elf-machine-${machine}`;
  }
}

interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  filesz: number;
}

async function parseElf(file: BinaryFile): Promise<Parsed> {
  const ident = await file.read(0, 16, "ELF identification");
  const cls = ident[4];
  const data = ident[5];
  if (cls !== 1 && cls !== 2) throw file.malformed(`ELF class ${cls} is neither 32- nor 64-bit`);
  if (data !== 1 && data !== 2) throw file.malformed(`ELF data encoding ${data} is neither LSB nor MSB`);
  const bits = cls === 2 ? 64 : 32;
  const le = data === 1;
  const w = bits / 8;
  const h = new Fields(await file.read(0, bits === 64 ? 64 : 52, "ELF header"), le);
  const type = h.u16(16);
  const machine = h.u16(18);
  const phoff = h.num(24 + w, bits);
  const shoff = h.num(24 + 2 * w, bits);
  const at = 28 + 3 * w; // e_ehsize; the fields after it are 16-bit
  const phentsize = h.u16(at + 2);
  let phnum = h.u16(at + 4);
  const shentsize = h.u16(at + 6);
  let shnum = h.u16(at + 8);
  let shstrndx = h.u16(at + 10);

  if (type !== 2 && type !== 3) {
    const kind = type === 1 ? "a relocatable object (.o)" : type === 4 ? "a core dump" : `ELF type ${type}`;
    throw new UserError(`${file.path}: ${kind}, not an executable`);
  }

  // Section header 0 carries the real counts when they overflow the 16-bit header fields.
  const shsize = bits === 64 ? 64 : 40;
  if (shoff !== 0 && (shnum === 0 || shstrndx === 0xffff || phnum === 0xffff)) {
    if (shentsize < shsize) throw file.malformed(`section header size ${shentsize} is too small`);
    const s0 = new Fields(await file.read(shoff, shsize, "section header 0"), le);
    if (shnum === 0) shnum = s0.num(bits === 64 ? 32 : 20, bits);
    if (shstrndx === 0xffff) shstrndx = s0.u32(bits === 64 ? 40 : 24);
    if (phnum === 0xffff) phnum = s0.u32(bits === 64 ? 44 : 28);
  }

  const phsize = bits === 64 ? 56 : 32;
  const segments: ElfSegment[] = [];
  if (phnum > 0) {
    if (phentsize < phsize) throw file.malformed(`program header size ${phentsize} is too small`);
    const table = await file.read(phoff, phnum * phentsize, "program header table");
    for (let i = 0; i < phnum; i++) {
      const p = new Fields(table.subarray(i * phentsize, i * phentsize + phsize), le);
      const seg: ElfSegment =
        bits === 64
          ? { type: p.u32(0), flags: p.u32(4), offset: p.num(8, 64), vaddr: p.u64(16), filesz: p.num(32, 64) }
          : {
              type: p.u32(0),
              flags: p.u32(24),
              offset: p.u32(4),
              vaddr: BigInt(p.u32(8)),
              filesz: p.u32(16),
            };
      if (seg.type === PT_LOAD) checkInFile(file, seg.offset, seg.filesz, `loadable segment ${i}`);
      segments.push(seg);
    }
  }

  const sections: FileRegion[] = [];
  if (shoff !== 0 && shnum > 0) {
    if (shentsize < shsize) throw file.malformed(`section header size ${shentsize} is too small`);
    const table = await file.read(shoff, shnum * shentsize, "section header table");
    const raw = Array.from({ length: shnum }, (_, i) => {
      const s = new Fields(table.subarray(i * shentsize, i * shentsize + shsize), le);
      return bits === 64
        ? {
            name: s.u32(0),
            type: s.u32(4),
            flags: Number(s.u64(8) & 0xffffffffn),
            addr: s.u64(16),
            offset: s.num(24, 64),
            size: s.num(32, 64),
          }
        : {
            name: s.u32(0),
            type: s.u32(4),
            flags: s.u32(8),
            addr: BigInt(s.u32(12)),
            offset: s.u32(16),
            size: s.u32(20),
          };
    });
    const strtab = raw[shstrndx];
    const names =
      strtab && strtab.type !== SHT_NOBITS
        ? new Fields(await file.read(strtab.offset, strtab.size, "section name table"), le)
        : undefined;
    raw.forEach((s, i) => {
      const name = names ? names.cstr(s.name) : "";
      const size = s.type === SHT_NOBITS ? 0 : s.size;
      // SHT_NOBITS sections (.bss) occupy no file bytes; their offset may point past the end.
      if (i > 0 && s.type !== SHT_NOBITS) checkInFile(file, s.offset, size, `section ${name || i}`);
      sections.push({
        name,
        offset: s.offset,
        size,
        addr: s.addr,
        writable: (s.flags & SHF_WRITE) !== 0,
        executable: (s.flags & SHF_EXECINSTR) !== 0,
      });
    });
  }

  let interpreter: string | undefined;
  const interp = segments.find((s) => s.type === PT_INTERP);
  if (interp) {
    const buf = await file.read(interp.offset, Math.min(interp.filesz, 4096), "program interpreter");
    const nul = buf.indexOf(0);
    interpreter = buf.toString("utf8", 0, nul < 0 ? buf.length : nul);
  }

  const loads = segments.filter((s) => s.type === PT_LOAD);
  const needed = await readElfNeeded(file, segments, loads, bits, le);
  const osabi = ELF_OSABI[ident[7] as number];
  const info: BinaryInfo = {
    format: "elf",
    goarch: elfGoarch(machine, bits, le),
    bits,
    littleEndian: le,
    ...(osabi ? { osabi } : {}),
    ...(interpreter !== undefined ? { interpreter } : {}),
    needed,
    pie: type === 3,
    static: interpreter === undefined && needed.length === 0,
  };
  const layout: ObjectLayout = {
    format: "elf",
    sections,
    segments: loads.map((s, i) => ({
      name: `PT_LOAD[${i}]`,
      offset: s.offset,
      size: s.filesz,
      addr: s.vaddr,
      writable: (s.flags & PF_W) !== 0,
      executable: (s.flags & PF_X) !== 0,
    })),
  };
  return { info, layout };
}

/** DT_NEEDED names from PT_DYNAMIC; the string table is found through its address, as the loader does. */
async function readElfNeeded(
  file: BinaryFile,
  segments: ElfSegment[],
  loads: ElfSegment[],
  bits: 32 | 64,
  le: boolean,
): Promise<string[]> {
  const dyn = segments.find((s) => s.type === PT_DYNAMIC);
  if (!dyn || dyn.filesz === 0) return [];
  const entsize = bits === 64 ? 16 : 8;
  const d = new Fields(await file.read(dyn.offset, dyn.filesz, "dynamic section"), le);
  const neededOffsets: bigint[] = [];
  let strtab: bigint | undefined;
  let strsz: bigint | undefined;
  for (let at = 0; at + entsize <= d.buf.length; at += entsize) {
    const tag = bits === 64 ? d.u64(at) : BigInt(d.u32(at));
    const val = d.addr(at + entsize / 2, bits);
    if (tag === 0n) break;
    if (tag === DT_NEEDED) neededOffsets.push(val);
    else if (tag === DT_STRTAB) strtab = val;
    else if (tag === DT_STRSZ) strsz = val;
  }
  if (neededOffsets.length === 0) return [];
  if (strtab === undefined) throw file.malformed("DT_NEEDED entries without a DT_STRTAB");
  const seg = loads.find(
    (s) => s.vaddr <= (strtab as bigint) && (strtab as bigint) < s.vaddr + BigInt(s.filesz),
  );
  if (!seg) throw file.malformed("the dynamic string table is not in any loadable segment");
  const start = seg.offset + Number((strtab as bigint) - seg.vaddr);
  const limit = Math.min(seg.offset + seg.filesz - start, strsz === undefined ? MAX_READ : Number(strsz));
  const table = new Fields(await file.read(start, Math.min(limit, MAX_READ), "dynamic string table"), le);
  return neededOffsets.map((off) => {
    if (off >= BigInt(table.buf.length))
      throw file.malformed("a DT_NEEDED name lies outside the string table");
    return table.cstr(Number(off));
  });
}

// ---------------------------------------------------------------- PE

const IMAGE_SCN_CNT_CODE = 0x20;
const IMAGE_SCN_MEM_EXECUTE = 0x20000000;
const IMAGE_SCN_MEM_WRITE = 0x80000000;
const IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x40;
const MAX_IMPORTS = 4096;

function peGoarch(machine: number): string {
  switch (machine) {
    case 0x14c:
      return "386";
    case 0x8664:
      return "amd64";
    case 0x1c0:
    case 0x1c2:
    case 0x1c4:
      return "arm";
    case 0xaa64:
      return "arm64";
    case 0x5064:
      return "riscv64";
    case 0x6264:
      return "loong64";
    default:
      return `pe-machine-0x${machine.toString(16)}`;
  }
}

interface PeSection {
  name: string;
  vaddr: number;
  vsize: number;
  rawSize: number;
  rawOffset: number;
  characteristics: number;
}

async function parsePe(file: BinaryFile): Promise<Parsed> {
  if (file.size < 64) throw file.malformed("too short for an MS-DOS header");
  const dos = new Fields(await file.read(0, 64, "MS-DOS header"), true);
  const peOffset = dos.u32(0x3c);
  const sig = peOffset + 24 <= file.size ? await file.read(peOffset, 24, "PE header") : Buffer.alloc(0);
  if (sig.length < 24 || sig.readUInt32BE(0) !== 0x50450000) {
    throw new UserError(`${file.path}: an MS-DOS executable without a PE header, not a Windows binary`);
  }
  const coff = new Fields(sig, true);
  const machine = coff.u16(4);
  const nsections = coff.u16(6);
  const symtabOffset = coff.u32(12);
  const nsymbols = coff.u32(16);
  const optSize = coff.u16(20);
  const opt = new Fields(await file.read(peOffset + 24, optSize, "PE optional header"), true);
  if (optSize < 2) throw file.malformed("PE optional header is missing");
  const magic = opt.u16(0);
  if (magic !== 0x10b && magic !== 0x20b)
    throw file.malformed(`PE optional header magic 0x${magic.toString(16)}`);
  const bits = magic === 0x20b ? 64 : 32;
  const dirsAt = bits === 64 ? 112 : 96;
  if (optSize < dirsAt) throw file.malformed(`PE optional header is only ${optSize} bytes`);
  const dllCharacteristics = opt.u16(70);
  const ndirs = opt.u32(dirsAt - 4);
  const importDir =
    ndirs > 1 && optSize >= dirsAt + 16 ? { rva: opt.u32(dirsAt + 8), size: opt.u32(dirsAt + 12) } : null;

  const table = await file.read(peOffset + 24 + optSize, nsections * 40, "PE section table");
  const sections: PeSection[] = [];
  for (let i = 0; i < nsections; i++) {
    const s = new Fields(table.subarray(i * 40, i * 40 + 40), true);
    let name = s.cstr(0, 8);
    // Names longer than 8 bytes are "/<offset>" into the COFF string table after the symbols.
    if (/^\/\d+$/.test(name) && symtabOffset !== 0) {
      name = await readCString(
        file,
        symtabOffset + nsymbols * 18 + Number(name.slice(1)),
        "long section name",
        256,
      );
    }
    const sec: PeSection = {
      name,
      vsize: s.u32(8),
      vaddr: s.u32(12),
      rawSize: s.u32(16),
      rawOffset: s.u32(20),
      characteristics: s.u32(36),
    };
    checkInFile(file, sec.rawOffset, sec.rawSize, `section ${name}`);
    sections.push(sec);
  }

  const rvaToOffset = (rva: number, what: string): number => {
    for (const s of sections) {
      if (rva >= s.vaddr && rva < s.vaddr + s.rawSize) {
        return s.rawOffset + (rva - s.vaddr);
      }
    }
    throw file.malformed(`${what} (RVA 0x${rva.toString(16)}) is in no section`);
  };

  const needed: string[] = [];
  if (importDir && importDir.rva !== 0 && importDir.size !== 0) {
    const start = rvaToOffset(importDir.rva, "import directory");
    for (let i = 0; ; i++) {
      if (i >= MAX_IMPORTS) throw file.malformed(`more than ${MAX_IMPORTS} import descriptors`);
      const d = new Fields(await file.read(start + i * 20, 20, "import descriptor"), true);
      const nameRva = d.u32(12);
      if (nameRva === 0 && d.u32(16) === 0) break; // the all-zero terminator
      needed.push(
        await readCString(file, rvaToOffset(nameRva, "imported DLL name"), "imported DLL name", 512),
      );
    }
  }

  const info: BinaryInfo = {
    format: "pe",
    goarch: peGoarch(machine),
    bits,
    littleEndian: true,
    needed,
    pie: (dllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) !== 0,
  };
  const imageBase = bits === 64 ? opt.u64(24) : BigInt(opt.u32(28));
  const layout: ObjectLayout = {
    format: "pe",
    sections: sections.map((s) => ({
      name: s.name,
      offset: s.rawOffset,
      size: Math.min(s.rawSize, s.vsize || s.rawSize),
      addr: imageBase + BigInt(s.vaddr),
      writable: (s.characteristics & IMAGE_SCN_MEM_WRITE) !== 0,
      executable: (s.characteristics & (IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_CNT_CODE)) !== 0,
    })),
    segments: [],
  };
  return { info, layout };
}

// ---------------------------------------------------------------- Mach-O

const MH_PIE = 0x200000;
const LC_SEGMENT = 0x1;
const LC_SEGMENT_64 = 0x19;
const LC_LOAD_DYLINKER = 0xe;
const LC_DYLIB_KINDS = new Set([0xc, 0x80000018, 0x8000001f, 0x20, 0x80000023]);
const VM_PROT_WRITE = 2;
const VM_PROT_EXECUTE = 4;
const S_ZEROFILL_TYPES = new Set([0x1, 0xc, 0x12]);
const MAX_LOAD_COMMANDS_SIZE = 16 << 20;

function machoGoarch(cputype: number): string {
  switch (cputype) {
    case 7:
      return "386";
    case 0x01000007:
      return "amd64";
    case 12:
      return "arm";
    case 0x0100000c:
      return "arm64";
    case 0x0200000c:
      return "arm64_32";
    case 18:
      return "ppc";
    case 0x01000012:
      return "ppc64";
    default:
      return `macho-cputype-0x${cputype.toString(16)}`;
  }
}

async function parseMachO(file: BinaryFile): Promise<Parsed> {
  const head = await file.read(0, 28, "Mach-O header");
  const le = head.readUInt32LE(0) === 0xfeedface || head.readUInt32LE(0) === 0xfeedfacf;
  const h = new Fields(head, le);
  const bits = h.u32(0) === 0xfeedfacf ? 64 : 32;
  const cputype = h.u32(4);
  const filetype = h.u32(12);
  const ncmds = h.u32(16);
  const sizeofcmds = h.u32(20);
  const flags = h.u32(24);
  if (filetype === 1) throw new UserError(`${file.path}: a Mach-O object file (.o), not an executable`);
  if (sizeofcmds > MAX_LOAD_COMMANDS_SIZE) throw file.malformed(`load commands claim ${sizeofcmds} bytes`);
  const cmds = new Fields(await file.read(bits === 64 ? 32 : 28, sizeofcmds, "Mach-O load commands"), le);

  const sections: FileRegion[] = [];
  const segments: FileRegion[] = [];
  const needed: string[] = [];
  let interpreter: string | undefined;
  const lcString = (at: number, size: number): string => {
    const off = cmds.u32(at + 8);
    if (off < 12 || off >= size) throw file.malformed("a load command string points outside its command");
    return cmds.cstr(at + off, at + size);
  };

  let at = 0;
  for (let i = 0; i < ncmds; i++) {
    if (at + 8 > sizeofcmds) throw file.malformed(`load command ${i} lies beyond sizeofcmds`);
    const cmd = cmds.u32(at);
    const size = cmds.u32(at + 4);
    if (size < 8 || at + size > sizeofcmds) throw file.malformed(`load command ${i} has size ${size}`);
    if (cmd === LC_SEGMENT || cmd === LC_SEGMENT_64) {
      const is64 = cmd === LC_SEGMENT_64;
      const headerSize = is64 ? 72 : 56;
      const sectSize = is64 ? 80 : 68;
      if (size < headerSize) throw file.malformed(`segment command ${i} is too short`);
      const segname = cmds.cstr(at + 8, at + 24);
      const vmaddr = is64 ? cmds.u64(at + 24) : BigInt(cmds.u32(at + 24));
      const fileoff = is64 ? cmds.num(at + 40, 64) : cmds.u32(at + 32);
      const filesize = is64 ? cmds.num(at + 48, 64) : cmds.u32(at + 36);
      const initprot = cmds.u32(at + (is64 ? 60 : 44));
      const nsects = cmds.u32(at + (is64 ? 64 : 48));
      if (headerSize + nsects * sectSize > size)
        throw file.malformed(`segment ${segname} lists too many sections`);
      checkInFile(file, fileoff, filesize, `segment ${segname}`);
      const writable = (initprot & VM_PROT_WRITE) !== 0;
      const executable = (initprot & VM_PROT_EXECUTE) !== 0;
      segments.push({ name: segname, offset: fileoff, size: filesize, addr: vmaddr, writable, executable });
      for (let j = 0; j < nsects; j++) {
        const s = at + headerSize + j * sectSize;
        const sectname = cmds.cstr(s, s + 16);
        const addr = is64 ? cmds.u64(s + 32) : BigInt(cmds.u32(s + 32));
        const sectSizeBytes = is64 ? cmds.num(s + 40, 64) : cmds.u32(s + 36);
        const offset = cmds.u32(s + (is64 ? 48 : 40));
        const sflags = cmds.u32(s + (is64 ? 64 : 56));
        const inFile = !S_ZEROFILL_TYPES.has(sflags & 0xff);
        if (inFile) checkInFile(file, offset, sectSizeBytes, `section ${segname},${sectname}`);
        sections.push({
          name: `${cmds.cstr(s + 16, s + 32)},${sectname}`,
          offset,
          size: inFile ? sectSizeBytes : 0,
          addr,
          writable,
          executable,
        });
      }
    } else if (LC_DYLIB_KINDS.has(cmd)) {
      needed.push(lcString(at, size));
    } else if (cmd === LC_LOAD_DYLINKER) {
      interpreter = lcString(at, size);
    }
    at += size;
  }

  const info: BinaryInfo = {
    format: "macho",
    goarch: machoGoarch(cputype),
    bits,
    littleEndian: le,
    ...(interpreter !== undefined ? { interpreter } : {}),
    needed,
    pie: (flags & MH_PIE) !== 0,
  };
  return { info, layout: { format: "macho", sections, segments } };
}

// ---------------------------------------------------------------- target check

const FORMAT_NAMES: Readonly<Record<ObjectFormat, string>> = {
  elf: "an ELF binary",
  pe: "a PE (Windows) binary",
  macho: "a Mach-O (Apple) binary",
};

/** What each GOOS's linker writes; systems whose format this module cannot read say so. */
function expectedFormat(goos: string): ObjectFormat | string {
  switch (goos) {
    case "windows":
      return "pe";
    case "darwin":
    case "ios":
      return "macho";
    case "aix":
      return "XCOFF";
    case "plan9":
      return "Plan 9 a.out";
    case "js":
    case "wasip1":
      return "WebAssembly";
    default:
      return "elf";
  }
}

const MACHINE_WORDS: Readonly<Record<string, string>> = {
  amd64: "x86-64",
  "386": "Intel 80386",
  arm64: "ARM aarch64",
  arm: "32-bit ARM",
  riscv64: "RISC-V 64",
  ppc64le: "64-bit PowerPC, little-endian",
  ppc64: "64-bit PowerPC, big-endian",
  s390x: "IBM S/390",
  mips: "32-bit MIPS, big-endian",
  mipsle: "32-bit MIPS, little-endian",
  mips64: "64-bit MIPS, big-endian",
  mips64le: "64-bit MIPS, little-endian",
  loong64: "LoongArch 64",
};

function machineName(goarch: string): string {
  const words = MACHINE_WORDS[goarch];
  return words ? `${goarch} (${words})` : goarch;
}

/** GOOS values an ELF OS ABI byte is compatible with. */
const OSABI_GOOS: Readonly<Record<string, readonly string[]>> = {
  linux: ["linux", "android"],
  solaris: ["solaris", "illumos"],
};

/**
 * Checks a binary against the target it was built for; returns human-readable problems
 * (empty = fine). Linux binaries must also be static: no program interpreter, no shared libraries.
 */
export function checkBinaryForTarget(
  info: BinaryInfo,
  target: { goos: string; goarch: string },
  build: { cgo?: boolean } = {},
): string[] {
  const name = `${target.goos}/${target.goarch}`;
  const problems: string[] = [];
  const want = expectedFormat(target.goos);
  if (want !== info.format) {
    const wantName = FORMAT_NAMES[want as ObjectFormat] ?? `a ${want} binary, which this check cannot read`;
    problems.push(`wrong object format: ${name} needs ${wantName}, but this is ${FORMAT_NAMES[info.format]}`);
  }
  if (info.goarch !== target.goarch) {
    problems.push(
      `wrong machine: the binary is for ${machineName(info.goarch)}, but ${name} needs ${machineName(target.goarch)}`,
    );
  }
  if (info.format === "elf" && info.osabi !== undefined && want === "elf") {
    const fits = OSABI_GOOS[info.osabi] ?? [info.osabi];
    if (!fits.includes(target.goos)) {
      problems.push(
        `wrong operating system: the ELF header marks the binary for ${info.osabi}, not ${target.goos}`,
      );
    }
  }
  if (target.goos === "linux" && info.format === "elf" && info.static === false) {
    problems.push(staticProblem(info, build.cgo === true));
  }
  return problems;
}

function staticProblem(info: BinaryInfo, cgo: boolean): string {
  const libs = info.needed.length > 0 ? `the shared libraries ${info.needed.join(", ")}` : undefined;
  const wants = [info.interpreter && `the program interpreter ${info.interpreter}`, libs]
    .filter(Boolean)
    .join(" and ");
  const head =
    `not statically linked: it asks for ${wants}, so it starts only where ${libs ? "those exist" : "that loader exists"} ` +
    "(not in scratch or distroless/static images, nor on a host with another C library)";
  if (info.pie && info.interpreter && !libs) {
    return (
      `${head}. It is a position-independent executable (-buildmode=pie) that needs no shared library: ` +
      "Go's internal linker leaves a PIE's start-up relocations to the system's dynamic loader, even with CGO_ENABLED=0. " +
      "Drop -buildmode=pie to get a static executable, or link a static PIE externally " +
      '(CGO_ENABLED=1 -buildmode=pie -ldflags "-linkmode=external -extldflags=-static-pie", which needs a C toolchain and a static libc).'
    );
  }
  const pie =
    info.pie && info.interpreter
      ? " Being a PIE (-buildmode=pie), it would need the loader even without cgo."
      : "";
  if (cgo) {
    // cgo was asked for: advising CGO_ENABLED=0 would contradict the input.
    return (
      `${head}. With cgo, goship links Linux binaries statically (-linkmode=external -extldflags=-static, ` +
      "against the static C library of the target's toolchain); extra ldflags or -buildmode=pie can undo that. " +
      `Set require-static: false to ship a dynamic binary.${pie}`
    );
  }
  return (
    `${head}. This usually means cgo was enabled (the default when a C compiler is found and the target is the host): ` +
    `build with CGO_ENABLED=0.${pie}`
  );
}
