export const id = 168;
export const ids = [168,117,498];
export const modules = {

/***/ 11918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eY: () => (/* binding */ withObjectLayout),
/* harmony export */   sd: () => (/* binding */ checkBinaryForTarget),
/* harmony export */   wm: () => (/* binding */ inspectBinary)
/* harmony export */ });
/* unused harmony export BinaryFile */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73713);
/**
 * Reads the headers of ELF, PE and Mach-O executables with positioned reads (never the
 * whole file) and answers the questions build-static asks of every binary: which object
 * format and machine it is for, and whether it needs a dynamic loader or shared libraries.
 */


/** No header, table or string that this module reads is anywhere near this size in a real binary. */
const MAX_READ = 64 << 20;
/** Positioned reads from one open file; every range is checked against the file size first. */
class BinaryFile {
    path;
    size;
    handle;
    constructor(path, size, handle) {
        this.path = path;
        this.size = size;
        this.handle = handle;
    }
    /** Opens a regular file; missing, unreadable and non-regular paths are UserErrors. */
    static async open(path) {
        let handle;
        try {
            handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, "r");
        }
        catch (e) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${path}: cannot open: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`);
        }
        try {
            const stat = await handle.stat();
            if (!stat.isFile())
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${path}: not a regular file`);
            return new BinaryFile(path, stat.size, handle);
        }
        catch (e) {
            await handle.close();
            throw e;
        }
    }
    close() {
        return this.handle.close();
    }
    /** A UserError that says the file is not what its headers claim (truncated or corrupt). */
    malformed(what) {
        return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${this.path}: malformed or truncated binary: ${what}`);
    }
    /** Exactly `length` bytes at `offset`; a range outside the file means the file is truncated or corrupt. */
    async read(offset, length, what) {
        if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
            throw this.malformed(`${what} has an impossible location`);
        }
        if (offset + length > this.size) {
            throw this.malformed(`${what} (bytes ${offset}–${offset + length}) lies beyond the end of the file (${this.size} bytes)`);
        }
        if (length > MAX_READ)
            throw this.malformed(`${what} claims ${length} bytes`);
        return this.fill(Buffer.alloc(length), offset);
    }
    /** Up to `length` bytes at `offset`, fewer at the end of the file. */
    async readUpTo(offset, length) {
        const n = Math.max(0, Math.min(length, this.size - offset));
        return this.fill(Buffer.alloc(n), offset);
    }
    async fill(buf, offset) {
        let done = 0;
        while (done < buf.length) {
            const { bytesRead } = await this.handle.read(buf, done, buf.length - done, offset + done);
            if (bytesRead === 0)
                throw this.malformed(`the file shrank while it was being read`);
            done += bytesRead;
        }
        return buf;
    }
}
/** Reads format, machine and linkage of an ELF, PE or Mach-O executable. */
async function inspectBinary(path) {
    return withParsed(path, (_file, parsed) => Promise.resolve(parsed.info));
}
/**
 * Parses the container and hands its layout to `use` with the file still open. For
 * buildinfo.ts; `use` receives null for files that are no known executable format.
 */
async function withObjectLayout(path, use) {
    const file = await BinaryFile.open(path);
    try {
        const kind = sniff(await file.readUpTo(0, 8));
        if (kind === "unknown")
            return await guard(file, () => use(file, null));
        return await guard(file, async () => use(file, (await parse(file, kind)).layout));
    }
    finally {
        await file.close();
    }
}
async function withParsed(path, use) {
    const file = await BinaryFile.open(path);
    try {
        return await guard(file, async () => {
            const head = await file.readUpTo(0, 8);
            const kind = sniff(head);
            if (kind === "unknown")
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${path}: ${describeUnknown(head, file.size)}`);
            return use(file, await parse(file, kind));
        });
    }
    finally {
        await file.close();
    }
}
/**
 * Turns a Buffer bounds error that slipped past the explicit checks into a UserError:
 * a hostile or broken file must never surface as a crash.
 */
async function guard(file, run) {
    try {
        return await run();
    }
    catch (e) {
        if (e instanceof RangeError)
            throw file.malformed(e.message);
        throw e;
    }
}
function sniff(head) {
    if (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46)
        return "elf";
    if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a)
        return "pe";
    if (head.length >= 4) {
        const le = head.readUInt32LE(0);
        const be = head.readUInt32BE(0);
        if ([le, be].some((m) => m === 0xfeedface || m === 0xfeedfacf))
            return "macho";
        if (be === 0xcafebabe || be === 0xcafebabf)
            return "fat";
    }
    return "unknown";
}
function describeUnknown(head, size) {
    if (size === 0)
        return "empty file, not an executable";
    if (head.subarray(0, 2).toString("latin1") === "#!")
        return "a script (starts with #!), not a compiled executable";
    if (head.subarray(0, 4).toString("latin1") === "\0asm") {
        return "a WebAssembly module; only ELF, PE and Mach-O executables can be checked";
    }
    return "not an ELF, PE or Mach-O executable";
}
async function parse(file, kind) {
    switch (kind) {
        case "elf":
            return parseElf(file);
        case "pe":
            return parsePe(file);
        case "macho":
            return parseMachO(file);
        case "fat":
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${file.path}: a universal (fat) Mach-O file or a Java class file; Go builds one Mach-O per GOARCH, so check the thin binaries before lipo joins them`);
    }
}
/** Endian-aware field access on a buffer read for one structure. */
class Fields {
    buf;
    le;
    constructor(buf, le) {
        this.buf = buf;
        this.le = le;
    }
    u8(at) {
        return this.buf.readUInt8(at);
    }
    u16(at) {
        return this.le ? this.buf.readUInt16LE(at) : this.buf.readUInt16BE(at);
    }
    u32(at) {
        return this.le ? this.buf.readUInt32LE(at) : this.buf.readUInt32BE(at);
    }
    u64(at) {
        return this.le ? this.buf.readBigUInt64LE(at) : this.buf.readBigUInt64BE(at);
    }
    /** A 32- or 64-bit address. */
    addr(at, bits) {
        return bits === 64 ? this.u64(at) : BigInt(this.u32(at));
    }
    /** A 32- or 64-bit file offset or size; values beyond 2^53 cannot be in a real file. */
    num(at, bits) {
        if (bits === 32)
            return this.u32(at);
        const v = this.u64(at);
        return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
    }
    /** A NUL-terminated string starting at `at` (to the end of the buffer if unterminated). */
    cstr(at, end = this.buf.length) {
        if (at >= end)
            return "";
        const nul = this.buf.indexOf(0, at);
        return this.buf.toString("latin1", at, nul < 0 || nul > end ? end : nul);
    }
}
/** Reads a NUL-terminated string at a file offset, at most `max` bytes long. */
async function readCString(file, offset, what, max = 4096) {
    if (offset < 0 || offset >= file.size)
        throw file.malformed(`${what} points outside the file`);
    const buf = await file.readUpTo(offset, max);
    const nul = buf.indexOf(0);
    if (nul < 0)
        throw file.malformed(`${what} is not NUL-terminated within ${max} bytes`);
    return buf.toString("utf8", 0, nul);
}
function checkInFile(file, offset, size, what) {
    if (offset < 0 || size < 0 || offset + size > file.size) {
        throw file.malformed(`${what} (bytes ${offset}–${offset + size}) lies beyond the end of the file (${file.size} bytes)`);
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
const ELF_OSABI = {
    1: "hpux",
    2: "netbsd",
    3: "linux",
    6: "solaris",
    7: "aix",
    8: "irix",
    9: "freebsd",
    12: "openbsd",
};
function elfGoarch(machine, bits, le) {
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
            if (bits === 64)
                return le ? "mips64le" : "mips64";
            return le ? "mipsle" : "mips";
        case 258:
            return bits === 64 ? "loong64" : "loong32";
        case 43:
            return "sparc64";
        default:
            return `elf-machine-${machine}`;
    }
}
async function parseElf(file) {
    const ident = await file.read(0, 16, "ELF identification");
    const cls = ident[4];
    const data = ident[5];
    if (cls !== 1 && cls !== 2)
        throw file.malformed(`ELF class ${cls} is neither 32- nor 64-bit`);
    if (data !== 1 && data !== 2)
        throw file.malformed(`ELF data encoding ${data} is neither LSB nor MSB`);
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
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${file.path}: ${kind}, not an executable`);
    }
    // Section header 0 carries the real counts when they overflow the 16-bit header fields.
    const shsize = bits === 64 ? 64 : 40;
    if (shoff !== 0 && (shnum === 0 || shstrndx === 0xffff || phnum === 0xffff)) {
        if (shentsize < shsize)
            throw file.malformed(`section header size ${shentsize} is too small`);
        const s0 = new Fields(await file.read(shoff, shsize, "section header 0"), le);
        if (shnum === 0)
            shnum = s0.num(bits === 64 ? 32 : 20, bits);
        if (shstrndx === 0xffff)
            shstrndx = s0.u32(bits === 64 ? 40 : 24);
        if (phnum === 0xffff)
            phnum = s0.u32(bits === 64 ? 44 : 28);
    }
    const phsize = bits === 64 ? 56 : 32;
    const segments = [];
    if (phnum > 0) {
        if (phentsize < phsize)
            throw file.malformed(`program header size ${phentsize} is too small`);
        const table = await file.read(phoff, phnum * phentsize, "program header table");
        for (let i = 0; i < phnum; i++) {
            const p = new Fields(table.subarray(i * phentsize, i * phentsize + phsize), le);
            const seg = bits === 64
                ? { type: p.u32(0), flags: p.u32(4), offset: p.num(8, 64), vaddr: p.u64(16), filesz: p.num(32, 64) }
                : {
                    type: p.u32(0),
                    flags: p.u32(24),
                    offset: p.u32(4),
                    vaddr: BigInt(p.u32(8)),
                    filesz: p.u32(16),
                };
            if (seg.type === PT_LOAD)
                checkInFile(file, seg.offset, seg.filesz, `loadable segment ${i}`);
            segments.push(seg);
        }
    }
    const sections = [];
    if (shoff !== 0 && shnum > 0) {
        if (shentsize < shsize)
            throw file.malformed(`section header size ${shentsize} is too small`);
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
        const names = strtab && strtab.type !== SHT_NOBITS
            ? new Fields(await file.read(strtab.offset, strtab.size, "section name table"), le)
            : undefined;
        raw.forEach((s, i) => {
            const name = names ? names.cstr(s.name) : "";
            const size = s.type === SHT_NOBITS ? 0 : s.size;
            // SHT_NOBITS sections (.bss) occupy no file bytes; their offset may point past the end.
            if (i > 0 && s.type !== SHT_NOBITS)
                checkInFile(file, s.offset, size, `section ${name || i}`);
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
    let interpreter;
    const interp = segments.find((s) => s.type === PT_INTERP);
    if (interp) {
        const buf = await file.read(interp.offset, Math.min(interp.filesz, 4096), "program interpreter");
        const nul = buf.indexOf(0);
        interpreter = buf.toString("utf8", 0, nul < 0 ? buf.length : nul);
    }
    const loads = segments.filter((s) => s.type === PT_LOAD);
    const needed = await readElfNeeded(file, segments, loads, bits, le);
    const osabi = ELF_OSABI[ident[7]];
    const info = {
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
    const layout = {
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
async function readElfNeeded(file, segments, loads, bits, le) {
    const dyn = segments.find((s) => s.type === PT_DYNAMIC);
    if (!dyn || dyn.filesz === 0)
        return [];
    const entsize = bits === 64 ? 16 : 8;
    const d = new Fields(await file.read(dyn.offset, dyn.filesz, "dynamic section"), le);
    const neededOffsets = [];
    let strtab;
    let strsz;
    for (let at = 0; at + entsize <= d.buf.length; at += entsize) {
        const tag = bits === 64 ? d.u64(at) : BigInt(d.u32(at));
        const val = d.addr(at + entsize / 2, bits);
        if (tag === 0n)
            break;
        if (tag === DT_NEEDED)
            neededOffsets.push(val);
        else if (tag === DT_STRTAB)
            strtab = val;
        else if (tag === DT_STRSZ)
            strsz = val;
    }
    if (neededOffsets.length === 0)
        return [];
    if (strtab === undefined)
        throw file.malformed("DT_NEEDED entries without a DT_STRTAB");
    const seg = loads.find((s) => s.vaddr <= strtab && strtab < s.vaddr + BigInt(s.filesz));
    if (!seg)
        throw file.malformed("the dynamic string table is not in any loadable segment");
    const start = seg.offset + Number(strtab - seg.vaddr);
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
function peGoarch(machine) {
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
async function parsePe(file) {
    if (file.size < 64)
        throw file.malformed("too short for an MS-DOS header");
    const dos = new Fields(await file.read(0, 64, "MS-DOS header"), true);
    const peOffset = dos.u32(0x3c);
    const sig = peOffset + 24 <= file.size ? await file.read(peOffset, 24, "PE header") : Buffer.alloc(0);
    if (sig.length < 24 || sig.readUInt32BE(0) !== 0x50450000) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${file.path}: an MS-DOS executable without a PE header, not a Windows binary`);
    }
    const coff = new Fields(sig, true);
    const machine = coff.u16(4);
    const nsections = coff.u16(6);
    const symtabOffset = coff.u32(12);
    const nsymbols = coff.u32(16);
    const optSize = coff.u16(20);
    const opt = new Fields(await file.read(peOffset + 24, optSize, "PE optional header"), true);
    if (optSize < 2)
        throw file.malformed("PE optional header is missing");
    const magic = opt.u16(0);
    if (magic !== 0x10b && magic !== 0x20b)
        throw file.malformed(`PE optional header magic 0x${magic.toString(16)}`);
    const bits = magic === 0x20b ? 64 : 32;
    const dirsAt = bits === 64 ? 112 : 96;
    if (optSize < dirsAt)
        throw file.malformed(`PE optional header is only ${optSize} bytes`);
    const dllCharacteristics = opt.u16(70);
    const ndirs = opt.u32(dirsAt - 4);
    const importDir = ndirs > 1 && optSize >= dirsAt + 16 ? { rva: opt.u32(dirsAt + 8), size: opt.u32(dirsAt + 12) } : null;
    const table = await file.read(peOffset + 24 + optSize, nsections * 40, "PE section table");
    const sections = [];
    for (let i = 0; i < nsections; i++) {
        const s = new Fields(table.subarray(i * 40, i * 40 + 40), true);
        let name = s.cstr(0, 8);
        // Names longer than 8 bytes are "/<offset>" into the COFF string table after the symbols.
        if (/^\/\d+$/.test(name) && symtabOffset !== 0) {
            name = await readCString(file, symtabOffset + nsymbols * 18 + Number(name.slice(1)), "long section name", 256);
        }
        const sec = {
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
    const rvaToOffset = (rva, what) => {
        for (const s of sections) {
            if (rva >= s.vaddr && rva < s.vaddr + s.rawSize) {
                return s.rawOffset + (rva - s.vaddr);
            }
        }
        throw file.malformed(`${what} (RVA 0x${rva.toString(16)}) is in no section`);
    };
    const needed = [];
    if (importDir && importDir.rva !== 0 && importDir.size !== 0) {
        const start = rvaToOffset(importDir.rva, "import directory");
        for (let i = 0;; i++) {
            if (i >= MAX_IMPORTS)
                throw file.malformed(`more than ${MAX_IMPORTS} import descriptors`);
            const d = new Fields(await file.read(start + i * 20, 20, "import descriptor"), true);
            const nameRva = d.u32(12);
            if (nameRva === 0 && d.u32(16) === 0)
                break; // the all-zero terminator
            needed.push(await readCString(file, rvaToOffset(nameRva, "imported DLL name"), "imported DLL name", 512));
        }
    }
    const info = {
        format: "pe",
        goarch: peGoarch(machine),
        bits,
        littleEndian: true,
        needed,
        pie: (dllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) !== 0,
    };
    const imageBase = bits === 64 ? opt.u64(24) : BigInt(opt.u32(28));
    const layout = {
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
function machoGoarch(cputype) {
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
async function parseMachO(file) {
    const head = await file.read(0, 28, "Mach-O header");
    const le = head.readUInt32LE(0) === 0xfeedface || head.readUInt32LE(0) === 0xfeedfacf;
    const h = new Fields(head, le);
    const bits = h.u32(0) === 0xfeedfacf ? 64 : 32;
    const cputype = h.u32(4);
    const filetype = h.u32(12);
    const ncmds = h.u32(16);
    const sizeofcmds = h.u32(20);
    const flags = h.u32(24);
    if (filetype === 1)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${file.path}: a Mach-O object file (.o), not an executable`);
    if (sizeofcmds > MAX_LOAD_COMMANDS_SIZE)
        throw file.malformed(`load commands claim ${sizeofcmds} bytes`);
    const cmds = new Fields(await file.read(bits === 64 ? 32 : 28, sizeofcmds, "Mach-O load commands"), le);
    const sections = [];
    const segments = [];
    const needed = [];
    let interpreter;
    const lcString = (at, size) => {
        const off = cmds.u32(at + 8);
        if (off < 12 || off >= size)
            throw file.malformed("a load command string points outside its command");
        return cmds.cstr(at + off, at + size);
    };
    let at = 0;
    for (let i = 0; i < ncmds; i++) {
        if (at + 8 > sizeofcmds)
            throw file.malformed(`load command ${i} lies beyond sizeofcmds`);
        const cmd = cmds.u32(at);
        const size = cmds.u32(at + 4);
        if (size < 8 || at + size > sizeofcmds)
            throw file.malformed(`load command ${i} has size ${size}`);
        if (cmd === LC_SEGMENT || cmd === LC_SEGMENT_64) {
            const is64 = cmd === LC_SEGMENT_64;
            const headerSize = is64 ? 72 : 56;
            const sectSize = is64 ? 80 : 68;
            if (size < headerSize)
                throw file.malformed(`segment command ${i} is too short`);
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
                if (inFile)
                    checkInFile(file, offset, sectSizeBytes, `section ${segname},${sectname}`);
                sections.push({
                    name: `${cmds.cstr(s + 16, s + 32)},${sectname}`,
                    offset,
                    size: inFile ? sectSizeBytes : 0,
                    addr,
                    writable,
                    executable,
                });
            }
        }
        else if (LC_DYLIB_KINDS.has(cmd)) {
            needed.push(lcString(at, size));
        }
        else if (cmd === LC_LOAD_DYLINKER) {
            interpreter = lcString(at, size);
        }
        at += size;
    }
    const info = {
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
const FORMAT_NAMES = {
    elf: "an ELF binary",
    pe: "a PE (Windows) binary",
    macho: "a Mach-O (Apple) binary",
};
/** What each GOOS's linker writes; systems whose format this module cannot read say so. */
function expectedFormat(goos) {
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
const MACHINE_WORDS = {
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
function machineName(goarch) {
    const words = MACHINE_WORDS[goarch];
    return words ? `${goarch} (${words})` : goarch;
}
/** GOOS values an ELF OS ABI byte is compatible with. */
const OSABI_GOOS = {
    linux: ["linux", "android"],
    solaris: ["solaris", "illumos"],
};
/**
 * Checks a binary against the target it was built for; returns human-readable problems
 * (empty = fine). Linux binaries must also be static: no program interpreter, no shared libraries.
 */
function checkBinaryForTarget(info, target, build = {}) {
    const name = `${target.goos}/${target.goarch}`;
    const problems = [];
    const want = expectedFormat(target.goos);
    if (want !== info.format) {
        const wantName = FORMAT_NAMES[want] ?? `a ${want} binary, which this check cannot read`;
        problems.push(`wrong object format: ${name} needs ${wantName}, but this is ${FORMAT_NAMES[info.format]}`);
    }
    if (info.goarch !== target.goarch) {
        problems.push(`wrong machine: the binary is for ${machineName(info.goarch)}, but ${name} needs ${machineName(target.goarch)}`);
    }
    if (info.format === "elf" && info.osabi !== undefined && want === "elf") {
        const fits = OSABI_GOOS[info.osabi] ?? [info.osabi];
        if (!fits.includes(target.goos)) {
            problems.push(`wrong operating system: the ELF header marks the binary for ${info.osabi}, not ${target.goos}`);
        }
    }
    if (target.goos === "linux" && info.format === "elf" && info.static === false) {
        problems.push(staticProblem(info, build.cgo === true));
    }
    return problems;
}
function staticProblem(info, cgo) {
    const libs = info.needed.length > 0 ? `the shared libraries ${info.needed.join(", ")}` : undefined;
    const wants = [info.interpreter && `the program interpreter ${info.interpreter}`, libs]
        .filter(Boolean)
        .join(" and ");
    const head = `not statically linked: it asks for ${wants}, so it starts only where ${libs ? "those exist" : "that loader exists"} ` +
        "(not in scratch or distroless/static images, nor on a host with another C library)";
    if (info.pie && info.interpreter && !libs) {
        return (`${head}. It is a position-independent executable (-buildmode=pie) that needs no shared library: ` +
            "Go's internal linker leaves a PIE's start-up relocations to the system's dynamic loader, even with CGO_ENABLED=0. " +
            "Drop -buildmode=pie to get a static executable, or link a static PIE externally " +
            '(CGO_ENABLED=1 -buildmode=pie -ldflags "-linkmode=external -extldflags=-static-pie", which needs a C toolchain and a static libc).');
    }
    const pie = info.pie && info.interpreter
        ? " Being a PIE (-buildmode=pie), it would need the loader even without cgo."
        : "";
    if (cgo) {
        // cgo was asked for: advising CGO_ENABLED=0 would contradict the input.
        return (`${head}. With cgo, goship links Linux binaries statically (-linkmode=external -extldflags=-static, ` +
            "against the static C library of the target's toolchain); extra ldflags or -buildmode=pie can undo that. " +
            `Set require-static: false to ship a dynamic binary.${pie}`);
    }
    return (`${head}. This usually means cgo was enabled (the default when a C compiler is found and the target is the host): ` +
        `build with CGO_ENABLED=0.${pie}`);
}


/***/ }),

/***/ 13564:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ro: () => (/* binding */ readBuildInfo),
/* harmony export */   tC: () => (/* binding */ buildSetting)
/* harmony export */ });
/* unused harmony export formatBuildInfo */
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73713);
/* harmony import */ var _binfmt_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11918);
/**
 * Reads the build information the Go linker embeds in every binary (Go version, main
 * module, dependencies with their go.sum hashes, build settings) without running the
 * binary or `go version -m`, and without reading more than the part that holds it.
 */


const MAGIC = Buffer.from("\xff Go buildinf:", "latin1");
const HEADER_SIZE = 32;
/** The linker aligns the blob to 16 bytes of virtual address; a magic string anywhere else is just data. */
const ALIGN = 16n;
const FLAG_INLINE_STRINGS = 2;
const SCAN_CHUNK = 1 << 20;
/** How much of a file the last-resort scan reads when no section or segment holds the blob. */
const MAX_FILE_SCAN = 256 << 20;
const MAX_VERSION_LENGTH = 1024;
const MAX_MODINFO_LENGTH = 16 << 20;
/** cmd/go frames the module info with 16 bytes of fixed noise on each side. */
const SENTINEL_LENGTH = 16;
/**
 * Reads Go's build info from an executable. It looks where the Go linker puts the blob
 * (ELF .go.buildinfo, Mach-O __DATA,__go_buildinfo, else the first writable data section or
 * segment, which is where PE binaries carry it) and only then scans the file, bounded, in
 * 1 MiB chunks. Non-Go files and binaries from Go before 1.18 (pointer-based blob) are UserErrors.
 */
async function readBuildInfo(path) {
    return (0,_binfmt_js__WEBPACK_IMPORTED_MODULE_1__/* .withObjectLayout */ .eY)(path, async (file, layout) => {
        const blob = await findBlob(file, layout);
        if (!blob) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${path}: no Go build information found: not a Go program (or one built by Go before 1.13, or with the blob stripped)`);
        }
        return { goVersion: blob.version, ...parseModInfo(blob.modinfo, path) };
    });
}
async function findBlob(file, layout) {
    for (const region of preferredRegions(layout)) {
        const blob = await scan(file, region);
        if (blob)
            return blob;
    }
    return scan(file, {
        name: "file",
        offset: 0,
        size: Math.min(file.size, MAX_FILE_SCAN),
        addr: 0n,
        writable: true,
        executable: false,
    });
}
/** The regions Go's own debug/buildinfo reads, best first. */
function preferredRegions(layout) {
    if (!layout)
        return [];
    const isData = (r) => r.writable && !r.executable && r.size > 0;
    const named = layout.sections.find((s) => s.name === ".go.buildinfo" || s.name === "__DATA,__go_buildinfo");
    const data = layout.format === "pe"
        ? layout.sections.find(isData)
        : (layout.segments.find(isData) ?? layout.sections.find(isData));
    return [named, data].filter((r) => r !== undefined && r.size >= HEADER_SIZE);
}
/** Streams through a region looking for an aligned magic string that starts a valid blob. */
async function scan(file, region) {
    for (let pos = 0; pos < region.size; pos += SCAN_CHUNK) {
        const length = Math.min(SCAN_CHUNK, region.size - pos);
        // Overlap chunks so a magic string across a chunk boundary is still seen.
        const chunk = await file.readUpTo(region.offset + pos, Math.min(length + MAGIC.length - 1, region.size - pos));
        for (let i = chunk.indexOf(MAGIC); i >= 0 && i < length; i = chunk.indexOf(MAGIC, i + 1)) {
            if ((region.addr + BigInt(pos + i)) % ALIGN !== 0n)
                continue;
            const blob = await readBlob(file, region.offset + pos + i);
            if (blob)
                return blob;
        }
    }
    return undefined;
}
/**
 * Decodes the blob at `offset`: 14-byte magic, pointer size, flags, padding to 32 bytes,
 * then (Go 1.18+) two uvarint-length-prefixed strings: the Go version and the module info.
 * Returns undefined when the bytes only look like a blob.
 */
async function readBlob(file, offset) {
    const head = await file.readUpTo(offset, HEADER_SIZE + 2 * 10 + MAX_VERSION_LENGTH);
    if (head.length < HEADER_SIZE)
        return undefined;
    const ptrSize = head[14];
    const flags = head[15];
    if (ptrSize !== 4 && ptrSize !== 8)
        return undefined;
    if ((flags & FLAG_INLINE_STRINGS) === 0) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file.path}: built by a Go release before 1.18, whose build info this reader does not support; rebuild with a current Go`);
    }
    const version = uvarint(head, HEADER_SIZE);
    if (!version || version.value === 0 || version.value > MAX_VERSION_LENGTH)
        return undefined;
    const versionEnd = version.next + version.value;
    if (versionEnd > head.length)
        return undefined;
    const modLength = uvarint(head, versionEnd);
    if (!modLength || modLength.value > MAX_MODINFO_LENGTH)
        return undefined;
    const versionText = head.toString("utf8", version.next, versionEnd);
    if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(versionText))
        return undefined;
    const modStart = offset + modLength.next;
    if (modStart + modLength.value > file.size)
        return undefined;
    const mod = await file.read(modStart, modLength.value, "module info");
    // Same framing test as the go command: without it the binary simply has no module info.
    const framed = mod.length >= 2 * SENTINEL_LENGTH + 1 && mod[mod.length - SENTINEL_LENGTH - 1] === 0x0a;
    return {
        version: versionText,
        modinfo: framed ? mod.toString("utf8", SENTINEL_LENGTH, mod.length - SENTINEL_LENGTH) : "",
    };
}
/** An unsigned LEB128 number (Go's binary.Uvarint); undefined if it runs past the buffer or 2^53. */
function uvarint(buf, at) {
    let value = 0;
    let scale = 1;
    for (let i = at; i < buf.length && i < at + 8; i++) {
        const b = buf[i];
        value += (b & 0x7f) * scale;
        if (b < 0x80)
            return { value, next: i + 1 };
        scale *= 128;
    }
    return undefined;
}
// ---------------------------------------------------------------- module info text
/** Parses the tab-separated module info lines written by cmd/go (path, mod, dep, =>, build). */
function parseModInfo(text, path) {
    const info = {
        path: "",
        main: { path: "", version: "" },
        deps: [],
        settings: [],
    };
    const bad = (n, why) => new _kit_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${path}: malformed Go build info, line ${n + 1}: ${why}`);
    let last;
    text.split("\n").forEach((line, n) => {
        const tab = line.indexOf("\t");
        const word = tab < 0 ? line : line.slice(0, tab);
        const rest = line.slice(tab + 1);
        switch (tab < 0 ? "" : word) {
            case "path":
                info.path = rest;
                break;
            case "mod":
                info.main = moduleLine(rest, () => bad(n, "a mod line needs a path and a version"));
                last = info.main;
                break;
            case "dep": {
                const dep = moduleLine(rest, () => bad(n, "a dep line needs a path and a version"));
                info.deps.push(dep);
                last = dep;
                break;
            }
            case "=>": {
                const [p, v, sum, ...extra] = rest.split("\t");
                if (p === undefined || v === undefined || sum === undefined || extra.length > 0) {
                    throw bad(n, "a replacement needs a path, a version and a sum");
                }
                if (!last)
                    throw bad(n, "a replacement follows no module");
                last.replace = { path: p, version: v, ...(sum ? { sum } : {}) };
                last = undefined;
                break;
            }
            case "build":
                info.settings.push(settingLine(rest, (why) => bad(n, why)));
                break;
            default:
                // Other lines (an old "go" line, blank lines) carry nothing the header has not given.
                break;
        }
    });
    return info;
}
function moduleLine(rest, bad) {
    const fields = rest.split("\t");
    if (fields.length !== 2 && fields.length !== 3)
        throw bad();
    const [path, version, sum] = fields;
    return { path, version, ...(sum ? { sum } : {}) };
}
/** `key=value`, either side possibly quoted the way strconv.Quote does (or with backquotes). */
function settingLine(kv, bad) {
    let key;
    let raw;
    if (kv.startsWith('"') || kv.startsWith("`")) {
        const end = quotedEnd(kv);
        if (end < 0)
            throw bad("unterminated quoted key");
        key = unquote(kv.slice(0, end), bad);
        if (kv[end] !== "=")
            throw bad("missing = after the quoted key");
        raw = kv.slice(end + 1);
    }
    else {
        const eq = kv.indexOf("=");
        if (eq <= 0)
            throw bad("a build line needs key=value");
        key = kv.slice(0, eq);
        raw = kv.slice(eq + 1);
    }
    const value = raw.startsWith('"') || raw.startsWith("`") ? unquote(raw, bad) : raw;
    return { key, value };
}
/** Index just past the closing quote of the quoted string that starts `s`, or -1. */
function quotedEnd(s) {
    const q = s[0];
    for (let i = 1; i < s.length; i++) {
        if (q === '"' && s[i] === "\\")
            i++;
        else if (s[i] === q)
            return i + 1;
    }
    return -1;
}
const SIMPLE_ESCAPES = {
    a: 7,
    b: 8,
    f: 12,
    n: 10,
    r: 13,
    t: 9,
    v: 11,
    "\\": 92,
    '"': 34,
};
/** The inverse of Go's strconv.Quote for the forms cmd/go writes (\x, octal, \u and \U escapes become bytes). */
function unquote(s, bad) {
    if (s.length < 2 || s[s.length - 1] !== s[0])
        throw bad(`badly quoted string ${s}`);
    const body = s.slice(1, -1);
    if (s[0] === "`")
        return body.replaceAll("\r", "");
    const bytes = [];
    const pushText = (t) => bytes.push(...Buffer.from(t, "utf8"));
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c !== "\\") {
            const cp = body.codePointAt(i);
            pushText(String.fromCodePoint(cp));
            if (cp > 0xffff)
                i++;
            continue;
        }
        const e = body[++i];
        if (e === undefined)
            throw bad(`string ends in a backslash: ${s}`);
        const simple = SIMPLE_ESCAPES[e];
        if (simple !== undefined) {
            bytes.push(simple);
        }
        else if (e === "x" || e === "u" || e === "U") {
            const n = e === "x" ? 2 : e === "u" ? 4 : 8;
            const hex = body.slice(i + 1, i + 1 + n);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n)
                throw bad(`bad \\${e} escape in ${s}`);
            const v = Number.parseInt(hex, 16);
            if (e === "x")
                bytes.push(v);
            else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
                throw bad(`bad code point in ${s}`);
            else
                pushText(String.fromCodePoint(v));
            i += n;
        }
        else if (e >= "0" && e <= "7") {
            const oct = body.slice(i, i + 3);
            if (!/^[0-7]{3}$/.test(oct) || Number.parseInt(oct, 8) > 255)
                throw bad(`bad octal escape in ${s}`);
            bytes.push(Number.parseInt(oct, 8));
            i += 2;
        }
        else {
            throw bad(`unknown escape \\${e} in ${s}`);
        }
    }
    return Buffer.from(bytes).toString("utf8");
}
// ---------------------------------------------------------------- rendering
/**
 * Renders the build info as `go version -m FILE` prints it, minus the leading "FILE: ":
 * the Go version on the first line, then each module-info line indented by a tab. So
 * `${file}: ${formatBuildInfo(info)}` equals that command's output byte for byte.
 */
function formatBuildInfo(info) {
    let body = "";
    if (info.path !== "")
        body += `path\t${info.path}\n`;
    const formatModule = (word, m) => {
        body += `${word}\t${m.path}\t${m.version}`;
        if (m.replace) {
            body += "\n";
            formatModule("=>", m.replace);
        }
        else {
            body += `\t${m.sum ?? ""}`;
        }
        // After a replacement this leaves an empty line, exactly as the go command does.
        body += "\n";
    };
    const main = info.main;
    if (main.path !== "" || main.version !== "" || main.sum || main.replace)
        formatModule("mod", main);
    for (const dep of info.deps)
        formatModule("dep", dep);
    for (const { key, value } of info.settings) {
        const k = key === "" || /[= \t\r\n"`]/.test(key) ? goQuote(key) : key;
        const v = /[ \t\r\n"`]/.test(value) ? goQuote(value) : value;
        body += `build\t${k}=${v}\n`;
    }
    const indented = body === "" ? "" : `\t${body.slice(0, -1).replaceAll("\n", "\n\t")}\n`;
    return `${info.goVersion}\n${indented}`;
}
/** The value of one build setting (e.g. "GOOS", "-trimpath", "vcs.revision"), if present. */
function buildSetting(info, key) {
    return info.settings.find((s) => s.key === key)?.value;
}
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const CONTROL_ESCAPES = {
    7: "\\a",
    8: "\\b",
    12: "\\f",
    10: "\\n",
    13: "\\r",
    9: "\\t",
    11: "\\v",
};
/** Go's strconv.Quote: printable runes stay, the rest become \a-style, \x, \u or \U escapes. */
function goQuote(s) {
    let out = '"';
    for (const ch of s) {
        const cp = ch.codePointAt(0);
        if (ch === '"' || ch === "\\")
            out += `\\${ch}`;
        else if (GO_PRINTABLE.test(ch))
            out += ch;
        else if (CONTROL_ESCAPES[cp])
            out += CONTROL_ESCAPES[cp];
        else if (cp < 0x20 || cp === 0x7f)
            out += `\\x${cp.toString(16).padStart(2, "0")}`;
        else if (cp < 0x10000)
            out += `\\u${cp.toString(16).padStart(4, "0")}`;
        else
            out += `\\U${cp.toString(16).padStart(8, "0")}`;
    }
    return `${out}"`;
}


/***/ }),

/***/ 28076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OU: () => (/* binding */ readSourceInfo),
/* harmony export */   QC: () => (/* binding */ rfc3339ToEpoch),
/* harmony export */   W3: () => (/* binding */ excludeOwnOutput),
/* harmony export */   pn: () => (/* binding */ excludeFromGit),
/* harmony export */   vE: () => (/* binding */ findWorkTree),
/* harmony export */   wL: () => (/* binding */ outputDirState)
/* harmony export */ });
/* unused harmony exports epochToRfc3339, gitignoreLine */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7117);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73713);
/* harmony import */ var _kit_exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(29495);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83490);






const DUBIOUS = /detected dubious ownership in repository at '([^']+)'/;
async function git(dir, args, env, allowFailure = false) {
    return (0,_kit_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .execFile */ .St)("git", args, {
        cwd: dir,
        env: { ...process.env, ...env, LC_ALL: "C" },
        timeoutMs: 60_000,
        allowFailure,
    });
}
/**
 * The git work tree `dir` is in, or why there is none (git's own words). A checkout owned by
 * another user is trusted for this one directory, with a warning that says how to make it
 * permanent.
 */
async function findWorkTree(dir) {
    let gitEnv = {};
    let top = await git(dir, ["rev-parse", "--show-toplevel"], gitEnv, true);
    const dubious = DUBIOUS.exec(top.stderr);
    if (top.code !== 0 && dubious) {
        const path = dubious[1];
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e)(`git refuses ${path}: it is owned by another user (usual in containers). goship trusts this one directory for its own git calls and for go build's VCS stamping; to silence this, run: git config --global --add safe.directory ${path}`);
        gitEnv = { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "safe.directory", GIT_CONFIG_VALUE_0: path };
        top = await git(dir, ["rev-parse", "--show-toplevel"], gitEnv, true);
    }
    if (top.code !== 0)
        return { none: top.stderr.trim() };
    return { root: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(top.stdout.trim()), gitEnv };
}
/**
 * `tree` is findWorkTree(dir), when the caller asks it already (build-static asks for the
 * output directory's state as soon as the top is known).
 */
async function readSourceInfo(dir, tree = findWorkTree(dir)) {
    // Independent questions, asked at once and together with the top of the work tree (git finds
    // that itself from `dir`; git status --porcelain gives paths from the top wherever it runs), as
    // few as answer them: each git is mostly its own start-up, and these run beside go's own
    // questions before the first build.
    const ask = (cwd, env) => Promise.all([
        // The commit and its time in one; a signature (log.showSignature) would add lines.
        git(cwd, ["-c", "log.showSignature=false", "show", "-s", "--format=%H%n%ct", "HEAD"], env, true),
        // Not trimmed: each porcelain line starts with a two-column status that may be a space.
        git(cwd, ["status", "--porcelain"], env, true),
        // The tag itself when one is on HEAD, else <tag>-<n>-g<abbrev>, else the abbreviated commit.
        git(cwd, ["describe", "--tags", "--always", "HEAD"], env, true),
    ]);
    const asked = ask(dir, {});
    asked.catch(() => undefined); // not in a work tree: the top's answer says why
    const found = await tree;
    if ("none" in found) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${dir} is not in a git checkout (${found.none}); version, commit and date come from git: check out the repository (with fetch-depth: 0 for tags) or set the version, commit and date inputs`);
    }
    const { root, gitEnv } = found;
    // Another user's checkout: git answered nothing without the exception for it.
    const [head, listed, described] = Object.keys(gitEnv).length > 0 ? await ask(root, gitEnv) : await asked;
    const epochEnv = process.env.SOURCE_DATE_EPOCH;
    const fromEnv = epochEnv !== undefined && epochEnv !== "";
    const [commit = "", commitTime = ""] = head.stdout.trim().split("\n");
    if (head.code !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${root} has no commit to build (git show HEAD: ${head.stderr.trim().split("\n")[0] ?? ""}); commit the sources first, or set the version, commit and date inputs`);
    }
    for (const [what, r] of [
        ["git status", listed],
        ["git describe", described],
    ])
        if (r.code !== 0)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${what} failed in ${root}: ${r.stderr.trim()}`);
    const dirtyFiles = listed.stdout
        .split("\n")
        .filter((l) => l.length > 3)
        .map((l) => l.slice(3));
    // A tag with changes on top is not that release. Dirty as Go's vcs.modified counts it: any
    // change git status lists, untracked files too (git describe --dirty leaves those out).
    const version = `${described.stdout.trim()}${dirtyFiles.length > 0 ? "-dirty" : ""}`;
    let sourceDateEpoch;
    if (fromEnv) {
        if (!/^\d+$/.test(epochEnv) || Number(epochEnv) > MAX_EPOCH)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`SOURCE_DATE_EPOCH is ${JSON.stringify(epochEnv)}; it must be a Unix time in seconds, at most ${MAX_EPOCH} (${epochToRfc3339(MAX_EPOCH)})`);
        sourceDateEpoch = Number(epochEnv);
    }
    else {
        sourceDateEpoch = Number(commitTime);
    }
    return {
        root,
        version: (0,_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.versionFromRef)(version),
        commit,
        date: epochToRfc3339(sourceDateEpoch),
        sourceDateEpoch,
        dirtyFiles,
        gitEnv,
    };
}
function epochToRfc3339(epoch) {
    return new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
/** 9999-12-31T23:59:59Z: the last time RFC 3339 writes with its four-digit year. */
const MAX_EPOCH = 253_402_300_799;
/**
 * "2026-11-21T16:00:00Z" → Unix seconds; undefined unless it is a real date and time in UTC
 * from 1970 on, written exactly as epochToRfc3339 writes it back. A pattern alone lets
 * 2026-13-45T99:99:99Z through; Date.parse rolls 24:00:00 over to the next day; a leap second
 * or 2026-02-30 has no Unix time of its own. The date and the epoch stamped into a release
 * must name one instant.
 */
function rfc3339ToEpoch(text) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text))
        return undefined;
    const ms = Date.parse(text);
    if (!Number.isFinite(ms) || ms < 0)
        return undefined;
    return epochToRfc3339(ms / 1000) === text ? ms / 1000 : undefined;
}
/**
 * How git sees `dir`, or undefined when it is outside the work tree (nothing to keep out of
 * git then). Build output inside the tree must be ignored by git: an untracked binary makes
 * the tree dirty, and Go would stamp vcs.modified=true into every later build.
 */
async function outputDirState(source, dir) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(source.root, dir);
    if (rel === ".." || rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel))
        return undefined;
    const slashed = rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join("/");
    // Paths, not patterns: a directory named "out[1]" must not match "out1".
    const literal = { ...source.gitEnv, GIT_LITERAL_PATHSPECS: "1" };
    // Usually ignored (dist/ in .gitignore, or the exclude line an earlier run added): then what
    // it holds does not matter, and one git answers.
    if (slashed !== "" && (await isIgnoredDir(source, slashed)))
        return { rel: slashed, ignored: true };
    // Both lists in one listing: -t tags each path, "H " tracked and "? " neither tracked nor ignored.
    const listed = (await git(source.root, ["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--", slashed || "."], literal)).stdout
        .split("\0")
        .filter(Boolean);
    return {
        rel: slashed,
        ignored: false,
        tracked: listed.filter((l) => !l.startsWith("? ")).map((l) => l.slice(2)),
        untracked: listed.filter((l) => l.startsWith("? ")).map((l) => l.slice(2)),
    };
}
async function isIgnoredDir(source, rel) {
    // The trailing "/" says it is a directory, also before it exists. check-ignore takes paths
    // (no pathspec magic): "out[1]" is that name.
    const r = await git(source.root, ["check-ignore", "-q", "--no-index", `${rel}/`], source.gitEnv, true);
    if (r.code > 1)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`git check-ignore ${rel}/ failed: ${r.stderr.trim()}`);
    return r.code === 0;
}
/**
 * The gitignore line that matches the directory `rel` of the work tree and nothing else:
 * anchored at the top by a leading "/", a directory by the trailing "/", and every character
 * with a meaning in a pattern (* ? [ ] ! # \ and a space that ends a name) escaped.
 */
function gitignoreLine(rel) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a line break would end the pattern early
    if (rel === "" || /[\u0000-\u001f\u007f]/.test(rel))
        throw new Error(`no gitignore line for ${JSON.stringify(rel)}`);
    const escaped = rel
        .split("/")
        .map((name) => name.replace(/[*?[\]!#\\]/g, "\\$&").replace(/ +$/, (spaces) => "\\ ".repeat(spaces.length)))
        .join("/");
    return `/${escaped}/`;
}
/**
 * Adds the directory `rel` to this clone's info/exclude (never committed) unless the file
 * has that line already, so that output goship writes there does not make the tree dirty.
 * `writer` (the action) names the line's comment. Returns the exclude file, relative to the
 * top, when a line was added.
 */
async function excludeFromGit(source, rel, writer = "build-static") {
    const line = gitignoreLine(rel);
    const { stdout } = await git(source.root, ["rev-parse", "--git-path", "info/exclude"], source.gitEnv);
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(source.root, stdout.trim());
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, "utf8").catch((e) => {
        if (e.code === "ENOENT")
            return "";
        throw e;
    });
    if (text.split("\n").some((l) => l.replace(/\r$/, "") === line))
        return undefined;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), { recursive: true });
    const gap = text === "" || text.endsWith("\n") ? "" : "\n";
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.appendFile)(file, `${gap}# ${writer} output (goship)\n${line}\n`);
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(source.root, file);
}
/**
 * Keeps a directory that an action replaces whole with its own output (package-release's
 * release directory) out of git: when it is inside a work tree, not ignored, and holds no
 * file git tracks, it goes into info/exclude, once. `workDir` is where the action runs. Returns what to tell the user, if
 * anything. Outside a git checkout there is nothing to do.
 */
async function excludeOwnOutput(workDir, dir, writer) {
    const tree = await findWorkTree(workDir);
    if ("none" in tree)
        return undefined;
    const state = await outputDirState(tree, dir);
    if (!state || state.ignored || state.rel === "")
        return undefined;
    if (state.tracked.length > 0)
        return `${state.rel}/ holds files git tracks (${state.tracked.slice(0, 5).join(", ")}): ${writer} replaces them, and git will list the change`;
    const file = await excludeFromGit(tree, state.rel, writer);
    return file
        ? `${state.rel}/ is not ignored by git; added it to ${file} so ${writer}'s output does not make the tree dirty (and the next build-static refuse it). Add it to .gitignore to make this permanent.`
        : undefined;
}


/***/ }),

/***/ 7117:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ARCHIVE_FORMATS: () => (/* binding */ ARCHIVE_FORMATS),
/* harmony export */   ArtifactFragment: () => (/* binding */ ArtifactFragment),
/* harmony export */   BUNDLE_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.Ij),
/* harmony export */   BinaryRecord: () => (/* binding */ BinaryRecord),
/* harmony export */   BuildSetting: () => (/* binding */ BuildSetting),
/* harmony export */   CHECKSUMS_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.aP),
/* harmony export */   FRAGMENT_FILE: () => (/* binding */ FRAGMENT_FILE),
/* harmony export */   FileRef: () => (/* binding */ FileRef),
/* harmony export */   MANIFEST_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.h1),
/* harmony export */   PROVENANCE_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.LP),
/* harmony export */   PUBLIC_KEY_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.vq),
/* harmony export */   ReleaseArtifact: () => (/* binding */ ReleaseArtifact),
/* harmony export */   ReleaseManifest: () => (/* binding */ ReleaseManifest),
/* harmony export */   SCHEMA_VERSION: () => (/* binding */ SCHEMA_VERSION),
/* harmony export */   SIGNATURE_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.I9),
/* harmony export */   TargetRecord: () => (/* binding */ TargetRecord),
/* harmony export */   stableJson: () => (/* binding */ stableJson),
/* harmony export */   versionFromRef: () => (/* binding */ versionFromRef)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27597);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77662);
/* harmony import */ var _release_files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66173);



/**
 * The data contract between goship's actions. build-static writes one fragment per
 * target next to its binary; package-release merges them into goship-manifest.json.
 * Everything read back goes through these schemas.
 */
const SCHEMA_VERSION = 1;
// A release's file names (contract/release-files), for the manifest's readers and writers.

/**
 * "v1.2.3…" (or "V1.2.3…") → "1.2.3…": a release's version ID from its tag, the one used in
 * archive names, directories and metrics. build-static stamps it; deploy-systemd expects it of
 * a release-tag.
 */
function versionFromRef(ref) {
    return /^[vV]\d/.test(ref) ? ref.slice(1) : ref;
}
const sha256 = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/, "a lowercase hex sha256");
const BuildSetting = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ key: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), value: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() });
const BinaryRecord = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    /** File name of the binary: "gin-app", "gin-app.exe". */
    name: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    sha256,
    size: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    /** Unix mode bits to restore (artifact storage does not keep them). */
    mode: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int(),
    /** ELF: no interpreter and no shared libraries; null where the notion does not apply (PE, Mach-O). */
    static: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().nullable(),
    goVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    /** Go's embedded build settings, in the binary's order. */
    buildSettings: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(BuildSetting),
});
const TargetRecord = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    goos: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[a-z0-9]+$/),
    goarch: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[a-z0-9]+$/),
    variant: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^[a-z0-9.]+$/)
        .optional(),
});
const ArtifactFragment = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(SCHEMA_VERSION),
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz("goship.fragment"),
    project: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    version: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    /** The commit time, Unix seconds: archive mtimes come from it. */
    sourceDateEpoch: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    date: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    target: TargetRecord,
    binary: BinaryRecord,
});
const FRAGMENT_FILE = "goship-fragment.json";
/** Stable JSON: the schemas fix key order by construction; two spaces and a final newline. */
function stableJson(value) {
    return `${JSON.stringify(value, null, 2)}\n`;
}
const FileRef = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ name: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8, sha256, size: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative() });
const ARCHIVE_FORMATS = ["tar.gz", "zip", "binary"];
const ReleaseArtifact = TargetRecord.extend({
    binary: BinaryRecord.omit({ mode: true }),
    archive: FileRef.extend({ format: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(ARCHIVE_FORMATS) }),
    /** null when the release was made with `sbom: none`. */
    sbom: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ cyclonedx: FileRef.nullable(), spdx: FileRef.nullable() }),
});
/**
 * goship-manifest.json: what a release holds, with digests. SHA256SUMS covers it, so the
 * signature over SHA256SUMS vouches for every file it names.
 */
const ReleaseManifest = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(SCHEMA_VERSION),
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz("goship.release"),
    project: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    version: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    sourceDateEpoch: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    date: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    /** The Go version every binary was built with. */
    go: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    artifacts: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ReleaseArtifact).min(1),
    checksums: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        file: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(_release_files_js__WEBPACK_IMPORTED_MODULE_1__/* .CHECKSUMS_FILE */ .aP),
        /** DER ECDSA signature over SHA256SUMS; null for an unsigned release. */
        signature: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8.nullable(),
        /** Sigstore bundle v0.3 for the same signature. */
        bundle: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8.nullable(),
        publicKey: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8.nullable(),
        publicKeyHint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable(),
        signer: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(["key", "keyless"]).nullable(),
    }),
    provenance: FileRef.nullable(),
});


/***/ }),

/***/ 77662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P8: () => (/* binding */ SafeName),
/* harmony export */   fh: () => (/* binding */ APP_PATTERN),
/* harmony export */   fq: () => (/* binding */ isAppName),
/* harmony export */   ln: () => (/* binding */ MIN_PORT),
/* harmony export */   rA: () => (/* binding */ APP_RULE),
/* harmony export */   td: () => (/* binding */ AppName),
/* harmony export */   wY: () => (/* binding */ SAFE_NAME)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27597);

/**
 * The app's name and the ports it listens on: the two values every host-facing module checks
 * (the deploy-systemd input, the unit file, the remote steps and their scripts' `is_app` and
 * `is_port`). One rule each, so that what the input accepts is what the host accepts.
 */
/** A name in file and archive names (binary, project, version): letters, digits and . _ + -, a letter or digit first. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
/** Names that end up in file names and URLs. */
const SafeName = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(SAFE_NAME, "letters, digits and . _ + - only");
/** The app names the unit, its StateDirectory, /opt/<app>, /etc/<app> and the nginx upstream. */
const APP_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const APP_RULE = "a lowercase letter, then up to 31 lowercase letters, digits or -";
const AppName = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(APP_PATTERN, APP_RULE);
function isAppName(value) {
    return typeof value === "string" && APP_PATTERN.test(value);
}
/**
 * Below 1024 binding needs CAP_NET_BIND_SERVICE, which both hardening levels drop
 * (CapabilityBoundingSet= is empty): put nginx in front, or use a higher port.
 */
const MIN_PORT = 1024;


/***/ }),

/***/ 9080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ KNOWN_PLATFORMS)
/* harmony export */ });
/**
 * The platforms of `go tool dist list -json` from Go 1.26. Used to reject a target
 * spec that no Go can build (e.g. plan10/amd64) before anything is downloaded; the
 * installed Go's own list is checked again afterwards. Rows: GOOS, GOARCH,
 * CgoSupported, FirstClass, Broken.
 */
const ROWS = [
    ["aix", "ppc64", true, false],
    ["android", "386", true, false],
    ["android", "amd64", true, false],
    ["android", "arm", true, false],
    ["android", "arm64", true, false],
    ["darwin", "amd64", true, true],
    ["darwin", "arm64", true, true],
    ["dragonfly", "amd64", true, false],
    ["freebsd", "386", true, false],
    ["freebsd", "amd64", true, false],
    ["freebsd", "arm", true, false],
    ["freebsd", "arm64", true, false],
    ["illumos", "amd64", true, false],
    ["ios", "amd64", true, false],
    ["ios", "arm64", true, false],
    ["js", "wasm", false, false],
    ["linux", "386", true, true],
    ["linux", "amd64", true, true],
    ["linux", "arm", true, true],
    ["linux", "arm64", true, true],
    ["linux", "loong64", true, false],
    ["linux", "mips", true, false],
    ["linux", "mips64", true, false],
    ["linux", "mips64le", true, false],
    ["linux", "mipsle", true, false],
    ["linux", "ppc64", false, false],
    ["linux", "ppc64le", true, false],
    ["linux", "riscv64", true, false],
    ["linux", "s390x", true, false],
    ["netbsd", "386", true, false],
    ["netbsd", "amd64", true, false],
    ["netbsd", "arm", true, false],
    ["netbsd", "arm64", true, false],
    ["openbsd", "386", true, false],
    ["openbsd", "amd64", true, false],
    ["openbsd", "arm", true, false],
    ["openbsd", "arm64", true, false],
    ["openbsd", "ppc64", false, false],
    ["openbsd", "riscv64", true, false],
    ["plan9", "386", false, false],
    ["plan9", "amd64", false, false],
    ["plan9", "arm", false, false],
    ["solaris", "amd64", true, false],
    ["wasip1", "wasm", false, false],
    ["windows", "386", true, true],
    ["windows", "amd64", true, true],
    ["windows", "arm64", true, false],
];
const KNOWN_PLATFORMS = ROWS.map(([goos, goarch, cgoSupported, firstClass, broken]) => ({
    goos,
    goarch,
    cgoSupported,
    firstClass,
    broken: broken ?? false,
}));


/***/ }),

/***/ 66173:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I9: () => (/* binding */ SIGNATURE_FILE),
/* harmony export */   Ij: () => (/* binding */ BUNDLE_FILE),
/* harmony export */   LP: () => (/* binding */ PROVENANCE_FILE),
/* harmony export */   aP: () => (/* binding */ CHECKSUMS_FILE),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE),
/* harmony export */   vq: () => (/* binding */ PUBLIC_KEY_FILE)
/* harmony export */ });
/**
 * A release's file names: package-release writes them, verify and deploy-systemd read them.
 * Named here, apart from the manifest's schemas, so that a reader needs none of the writer's
 * code, and deploy-systemd's host steps none of the schemas (built at start-up otherwise).
 */
/** What a release holds, with digests: ReleaseManifest. */
const MANIFEST_FILE = "goship-manifest.json";
/** sha256 of every other file of the release, coreutils format, sorted by name. */
const CHECKSUMS_FILE = "SHA256SUMS";
/** DER ECDSA signature over SHA256SUMS (key signing only). */
const SIGNATURE_FILE = "SHA256SUMS.sig";
/** Sigstore bundle for the signature over SHA256SUMS. */
const BUNDLE_FILE = "SHA256SUMS.sigstore.json";
/** The public key that verifies a key-signed release. */
const PUBLIC_KEY_FILE = "goship.pub";
/** Signed SLSA provenance, one DSSE envelope per line. */
const PROVENANCE_FILE = "provenance.intoto.jsonl";


/***/ }),

/***/ 5008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dm: () => (/* binding */ targetEnv),
/* harmony export */   Kn: () => (/* binding */ buildMatrix),
/* harmony export */   P4: () => (/* binding */ formatTarget),
/* harmony export */   Rd: () => (/* binding */ listPlatforms),
/* harmony export */   Sf: () => (/* binding */ parseTargetSpec),
/* harmony export */   fo: () => (/* binding */ targetSlug),
/* harmony export */   wu: () => (/* binding */ compareTargets),
/* harmony export */   xb: () => (/* binding */ VARIANTS)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27597);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73713);
/* harmony import */ var _kit_exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29495);



/** One line of `go tool dist list -json`. */
const DistEntry = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    GOOS: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[a-z0-9]+$/),
    GOARCH: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[a-z0-9]+$/),
    CgoSupported: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    FirstClass: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    Broken: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().optional(),
});
/** The platforms the installed Go can build for, from `go tool dist list -json`. */
async function listPlatforms(goBin, env) {
    const { stdout } = await (0,_kit_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .execFile */ .St)(goBin, ["tool", "dist", "list", "-json"], { env, timeoutMs: 60_000 });
    const parsed = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(DistEntry).safeParse(JSON.parse(stdout));
    if (!parsed.success)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`unexpected output from "go tool dist list -json": ${parsed.error.message}`);
    return parsed.data.map((e) => ({
        goos: e.GOOS,
        goarch: e.GOARCH,
        cgoSupported: e.CgoSupported,
        firstClass: e.FirstClass,
        broken: e.Broken ?? false,
    }));
}
/**
 * Microarchitecture levels per GOARCH and the variable that selects them
 * (the values `go help environment` documents).
 */
const VARIANTS = {
    amd64: { env: "GOAMD64", values: ["v1", "v2", "v3", "v4"] },
    arm: { env: "GOARM", values: ["5", "6", "7"] },
    "386": { env: "GO386", values: ["sse2", "softfloat"] },
    arm64: {
        env: "GOARM64",
        values: [
            ...Array.from({ length: 10 }, (_, i) => `v8.${i}`),
            ...Array.from({ length: 6 }, (_, i) => `v9.${i}`),
        ],
    },
    mips: { env: "GOMIPS", values: ["hardfloat", "softfloat"] },
    mipsle: { env: "GOMIPS", values: ["hardfloat", "softfloat"] },
    mips64: { env: "GOMIPS64", values: ["hardfloat", "softfloat"] },
    mips64le: { env: "GOMIPS64", values: ["hardfloat", "softfloat"] },
    ppc64: { env: "GOPPC64", values: ["power8", "power9", "power10"] },
    ppc64le: { env: "GOPPC64", values: ["power8", "power9", "power10"] },
    riscv64: { env: "GORISCV64", values: ["rva20u64", "rva22u64", "rva23u64"] },
};
/** "linux/arm/7" */
function formatTarget(t) {
    return t.variant ? `${t.goos}/${t.goarch}/${t.variant}` : `${t.goos}/${t.goarch}`;
}
/** "linux_arm_7": for file and artifact names. */
function targetSlug(t, sep = "_") {
    return [t.goos, t.goarch, ...(t.variant ? [t.variant] : [])].join(sep);
}
/** The environment that selects this target in `go build`. */
function targetEnv(t) {
    const env = { GOOS: t.goos, GOARCH: t.goarch };
    const v = VARIANTS[t.goarch];
    if (t.variant && v)
        env[v.env] = t.variant;
    return env;
}
function compareTargets(a, b) {
    const key = (t) => [t.goos, t.goarch, t.variant ?? ""];
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < 3; i++) {
        const x = ka[i];
        const y = kb[i];
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
const SPEC_HELP = "comma- or space-separated GOOS/GOARCH[/variant] (e.g. linux/amd64, linux/arm/7, linux/amd64/v3), GOOS/* , first-class, or all";
/**
 * Expands a target spec against the platforms of the installed Go. Every item must
 * name something that Go can build; anything else is an input error naming the item
 * and the valid choices. The result is de-duplicated and sorted, so the same spec
 * always gives the same matrix.
 */
function parseTargetSpec(spec, platforms, input = "targets") {
    const items = spec.split(/[\s,]+/).filter((s) => s !== "");
    if (items.length === 0)
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(input, spec, `allowed: ${SPEC_HELP}`);
    const usable = platforms.filter((p) => !p.broken);
    const fail = (why) => {
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .inputError */ .Xu)(input, spec, why);
    };
    const out = new Map();
    const add = (t) => out.set(formatTarget(t), t);
    for (const item of items) {
        if (item === "all") {
            for (const p of usable)
                add({ goos: p.goos, goarch: p.goarch });
            continue;
        }
        if (item === "first-class") {
            for (const p of usable.filter((p) => p.firstClass))
                add({ goos: p.goos, goarch: p.goarch });
            continue;
        }
        const parts = item.split("/");
        if (parts.length < 2 || parts.length > 3 || !parts.every((p) => /^(?:[a-z0-9][a-z0-9.]*|\*)$/.test(p))) {
            fail(`"${item}" is not a target; allowed: ${SPEC_HELP}`);
        }
        const [goos, goarch, variant] = parts;
        const goosList = [...new Set(usable.map((p) => p.goos))].sort();
        if (goos !== "*" && !goosList.includes(goos)) {
            fail(`"${item}": unknown GOOS "${goos}"; valid GOOS: ${goosList.join(", ")}`);
        }
        const matches = usable.filter((p) => (goos === "*" || p.goos === goos) && (goarch === "*" || p.goarch === goarch));
        if (matches.length === 0) {
            const archs = usable.filter((p) => p.goos === goos).map((p) => p.goarch);
            fail(`"${item}": ${goos} has no GOARCH "${goarch}"; valid for ${goos}: ${archs.sort().join(", ")}`);
        }
        if (variant !== undefined) {
            if (goarch === "*")
                fail(`"${item}": a variant needs one GOARCH, not *`);
            const v = VARIANTS[goarch];
            if (!v)
                fail(`"${item}": GOARCH ${goarch} has no variants`);
            else if (!v.values.includes(variant)) {
                fail(`"${item}": ${v.env} has no value "${variant}"; valid: ${v.values.join(", ")}`);
            }
        }
        for (const p of matches)
            add({ goos: p.goos, goarch: p.goarch, ...(variant ? { variant } : {}) });
    }
    return [...out.values()].sort(compareTargets);
}
/** The value for `strategy.matrix: ${{ fromJSON(...) }}`. */
function buildMatrix(targets, cc) {
    return {
        include: targets.map((t) => {
            // Key order is fixed (goos, goarch, variant, target, cc) so the JSON is stable.
            const entry = {
                goos: t.goos,
                goarch: t.goarch,
                ...(t.variant ? { variant: t.variant } : {}),
                target: formatTarget(t),
            };
            const compiler = cc?.get(entry.target);
            if (compiler)
                entry.cc = compiler;
            return entry;
        }),
    };
}


/***/ }),

/***/ 29495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   St: () => (/* binding */ execFile),
/* harmony export */   cI: () => (/* binding */ ExecError)
/* harmony export */ });
/* unused harmony export describeCommand */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73713);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1297);


/** A program exited non-zero, was killed, or could not start. */
class ExecError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    result;
    outcome;
    name = "ExecError";
    constructor(message, result, 
    /** How it ended, without the command line: "exited with code 1", "timed out after 5000 ms". */
    outcome) {
        super(message);
        this.result = result;
        this.outcome = outcome;
    }
}
/** Renders argv for messages only; it is never given to a shell. */
function describeCommand(file, args) {
    return [file, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}
/**
 * Runs a program from an argv array (never through a shell) and captures its output.
 * Throws ExecError with the exit code and the tail of stderr unless allowFailure is set.
 */
async function execFile(file, args, options = {}) {
    const command = describeCommand(file, args);
    const started = performance.now();
    let r;
    try {
        r = await (0,_process_js__WEBPACK_IMPORTED_MODULE_1__/* .runProcess */ .R3)(file, args, {
            cwd: options.cwd,
            env: options.env,
            stdin: options.input,
            timeoutMs: options.timeoutMs,
            // Its own process group, so a timeout also ends what it started (go build's compile jobs).
            processGroup: options.timeoutMs !== undefined,
            onStdout: options.onStdout,
            onStderr: options.onStderr,
        });
    }
    catch (e) {
        if (!(e instanceof _process_js__WEBPACK_IMPORTED_MODULE_1__/* .ProcessStartError */ ._S))
            throw e;
        const result = {
            command,
            code: -1,
            stdout: "",
            stderr: e.reason.message,
            durationMs: performance.now() - started,
        };
        const why = e.reason.code === "ENOENT" ? e.message : `${command}: could not start: ${e.reason.message}`;
        throw new ExecError(why, result, `could not start: ${e.reason.message}`);
    }
    const result = {
        command,
        code: r.code,
        stdout: r.stdout,
        stderr: r.stderr,
        durationMs: r.durationMs,
    };
    if (r.timedOut) {
        const outcome = `timed out after ${options.timeoutMs} ms`;
        throw new ExecError(`${command}: ${outcome}`, result, outcome);
    }
    if (r.code !== 0 && !options.allowFailure) {
        const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
        const tail = lastLines(result.stderr || result.stdout, 20);
        throw new ExecError(`${command} ${how}${tail ? `:\n${tail}` : ""}`, result, how);
    }
    return result;
}
function lastLines(text, n) {
    return text.trimEnd().split("\n").slice(-n).join("\n");
}


/***/ }),

/***/ 3730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ sha256File),
/* harmony export */   a: () => (/* binding */ firstDifference)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);



/**
 * sha256 and size of a file, read 1 MiB at a time into one reused buffer: a stream would
 * allocate a fresh buffer per read, a gigabyte of garbage for a gigabyte file.
 */
async function sha256File(path) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
    const buffer = Buffer.allocUnsafe(1 << 20);
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, "r");
    let size = 0;
    try {
        for (;;) {
            const { bytesRead } = await fh.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            hash.update(buffer.subarray(0, bytesRead));
            size += bytesRead;
        }
    }
    finally {
        await fh.close();
    }
    return { sha256: hash.digest("hex"), size };
}
/** Offset of the first differing byte of two files, or undefined when they are identical. */
async function firstDifference(a, b) {
    const [sa, sb] = await Promise.all([(0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(a), (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(b)]);
    const ra = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(a, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
    const rb = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(b, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
    let bufA = Buffer.alloc(0);
    let bufB = Buffer.alloc(0);
    let offset = 0;
    for (;;) {
        if (bufA.length === 0) {
            const n = await ra.next();
            bufA = n.done ? Buffer.alloc(0) : n.value;
        }
        if (bufB.length === 0) {
            const n = await rb.next();
            bufB = n.done ? Buffer.alloc(0) : n.value;
        }
        if (bufA.length === 0 || bufB.length === 0) {
            await Promise.all([ra.return?.(), rb.return?.()]);
            return sa.size === sb.size ? undefined : offset;
        }
        const n = Math.min(bufA.length, bufB.length);
        for (let i = 0; i < n; i++) {
            if (bufA[i] !== bufB[i]) {
                await Promise.all([ra.return?.(), rb.return?.()]);
                return offset + i;
            }
        }
        offset += n;
        bufA = bufA.subarray(n);
        bufB = bufB.subarray(n);
    }
}


/***/ }),

/***/ 1297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FN: () => (/* binding */ processAlive),
/* harmony export */   JZ: () => (/* binding */ endProcess),
/* harmony export */   Qv: () => (/* binding */ ProcessInputError),
/* harmony export */   R3: () => (/* binding */ runProcess),
/* harmony export */   X0: () => (/* binding */ processStartTime),
/* harmony export */   _S: () => (/* binding */ ProcessStartError),
/* harmony export */   a7: () => (/* binding */ signalProcess),
/* harmony export */   zE: () => (/* binding */ waitForExit)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73713);




/** The program could not be started: not installed (ENOENT), not executable… */
class ProcessStartError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo {
    file;
    reason;
    name = "ProcessStartError";
    constructor(file, reason) {
        super(reason.code === "ENOENT" ? `${file}: command not found` : `${file}: could not start: ${reason.message}`);
        this.file = file;
        this.reason = reason;
    }
}
/** The stream given as the child's stdin failed; the child was ended. */
class ProcessInputError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo {
    file;
    reason;
    name = "ProcessInputError";
    constructor(file, reason) {
        super(`reading the input of ${file}: ${reason.message}`);
        this.file = file;
        this.reason = reason;
    }
}
const KILL_GRACE_MS = 2000;
/**
 * Runs `file` with `args` and resolves with how it ended, whatever its exit code; rejects only
 * when it could not start (ProcessStartError) or its stdin stream failed (ProcessInputError).
 */
function runProcess(file, args, options = {}) {
    const started = performance.now();
    const { stdin, stderrFd } = options;
    const background = stderrFd !== undefined;
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: [stdin === undefined ? "ignore" : "pipe", background ? "ignore" : "pipe", stderrFd ?? "pipe"],
            shell: false,
            detached: options.processGroup === true,
        });
        let settled = false;
        const settle = (f) => {
            if (settled)
                return;
            settled = true;
            if (timer)
                clearTimeout(timer);
            f();
        };
        const kill = (signal) => {
            if (options.processGroup && child.pid !== undefined) {
                try {
                    // The group, even once its leader is gone: what it started may still run.
                    process.kill(-child.pid, signal);
                    return;
                }
                catch {
                    // no such group: the child alone
                }
            }
            child.kill(signal);
        };
        let timedOut = false;
        const timer = options.timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                timedOut = true;
                kill("SIGTERM");
                setTimeout(() => kill("SIGKILL"), KILL_GRACE_MS).unref();
            }, options.timeoutMs);
        const out = [];
        let outBytes = 0;
        let truncated = false;
        const maxOut = options.maxStdoutBytes ?? Number.POSITIVE_INFINITY;
        child.stdout?.on("data", (b) => {
            options.onStdout?.(b.toString());
            const room = maxOut - outBytes;
            if (b.length > room)
                truncated = true;
            if (room > 0) {
                const kept = b.length > room ? b.subarray(0, room) : b;
                out.push(kept);
                outBytes += kept.length;
            }
        });
        let err = [];
        let errBytes = 0;
        const maxErr = options.maxStderrBytes;
        child.stderr?.on("data", (b) => {
            options.onStderr?.(b.toString());
            err.push(b);
            errBytes += b.length;
            if (maxErr !== undefined && errBytes > 2 * maxErr) {
                const tail = Buffer.concat(err).subarray(-maxErr);
                err = [tail];
                errBytes = tail.length;
            }
        });
        if (stdin !== undefined && child.stdin) {
            child.stdin.on("error", () => { }); // the child may exit before reading all of it; its exit code tells
            if (typeof stdin === "string" || Buffer.isBuffer(stdin)) {
                if (options.keepStdinOpen)
                    child.stdin.write(stdin);
                else
                    child.stdin.end(stdin);
            }
            else {
                stdin.on("error", (e) => {
                    child.stdin?.destroy();
                    kill("SIGTERM");
                    settle(() => reject(new ProcessInputError(file, e)));
                });
                stdin.pipe(child.stdin, { end: !options.keepStdinOpen });
            }
        }
        child.on("error", (e) => {
            // Also emitted when a kill fails, which changes nothing here: only a child that never ran has no pid.
            if (child.pid === undefined)
                settle(() => reject(new ProcessStartError(file, e)));
        });
        child.on(background ? "exit" : "close", (code, signal) => {
            if (stdin !== undefined && typeof stdin !== "string" && !Buffer.isBuffer(stdin))
                stdin.destroy();
            if (options.keepStdinOpen)
                child.stdin?.destroy();
            const stderr = Buffer.concat(err);
            settle(() => resolve({
                code: code ?? -1,
                signal,
                stdout: Buffer.concat(out).toString(),
                stdoutTruncated: truncated,
                stderr: (maxErr === undefined ? stderr : stderr.subarray(-maxErr)).toString(),
                timedOut,
                durationMs: performance.now() - started,
            }));
        });
    });
}
// ---------------------------------------------------------------------------------------------
// A process known by its PID
/** Running, not just present: a killed process whose new parent has not reaped it yet is a zombie. */
function processAlive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (e) {
        return e.code === "EPERM";
    }
    try {
        // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses.
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    }
    catch {
        return true; // no /proc (macOS runners): kill(0) is all there is
    }
}
/** A process's start time (clock ticks since boot), so a reused PID is not taken for it; "" when gone. */
function processStartTime(pid) {
    try {
        // The fields after comm: state is the first, starttime the 20th. A zombie has ended: no start time.
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return fields[0] === "Z" ? "" : (fields[19] ?? "");
    }
    catch {
        return "";
    }
}
/** Sends `signal`; a process that is gone already is not an error. */
function signalProcess(pid, signal) {
    try {
        process.kill(pid, signal);
    }
    catch {
        // already gone
    }
}
/** Waits up to `ms` for the process to be gone; false when it is still there. */
async function waitForExit(pid, ms) {
    const deadline = Date.now() + ms;
    while (processAlive(pid)) {
        if (Date.now() > deadline)
            return false;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_2__.setTimeout)(25);
    }
    return true;
}
/** Ends a process: SIGTERM, then SIGKILL if it is still there after `graceMs`; waits until it is gone (up to `graceMs` more). */
async function endProcess(pid, graceMs = 5000) {
    if (!processAlive(pid))
        return;
    signalProcess(pid, "SIGTERM");
    if (!(await waitForExit(pid, graceMs))) {
        signalProcess(pid, "SIGKILL");
        await waitForExit(pid, graceMs);
    }
}


/***/ })

};
