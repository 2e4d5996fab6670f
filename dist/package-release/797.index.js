export const id = 797;
export const ids = [797];
export const modules = {

/***/ 64797:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeTarGz: () => (/* binding */ writeTarGz),
/* harmony export */   writeZip: () => (/* binding */ writeZip)
/* harmony export */ });
/* unused harmony exports DEFLATE_LEVEL, tarHeader, dosDateTime */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var fflate__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(51306);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(73713);







/** fflate's level: level 9 was half as fast for 0.1% smaller Go binaries. Changing it changes every archive. */
const DEFLATE_LEVEL = 6;
/** fflate's memory level (hash table of 2^20 entries). Pinned: fflate derives a default from the input size. */
const DEFLATE_MEM = 8;
/**
 * fflate ends deflate blocks where its input chunks end, so the compressed bytes depend
 * on how the input was cut: everything reaches fflate in chunks of exactly this size.
 * 256 KiB was faster and used less memory than 64 KiB (fflate allocates per chunk).
 */
const DEFLATE_CHUNK = 256 * 1024;
const READ_SIZE = 1024 * 1024;
/** Compressed output is written in batches of about this size. */
const WRITE_BATCH = 1024 * 1024;
/**
 * Streams a gzip-compressed ustar archive of `entries` to `out`, sorted by name, each
 * entry with mtime `opts.mtime`, uid/gid 0, empty owner names and its given mode.
 */
async function writeTarGz(out, entries, opts) {
    checkMtime(opts.mtime, MAX_OCTAL_11);
    const planned = await planEntries(entries);
    return writeAtomically(out, async (output) => {
        output.append(GZIP_HEADER);
        const tar = new RawDeflate(output);
        const readBuffer = Buffer.allocUnsafe(READ_SIZE);
        for (const e of planned) {
            tar.write(tarHeader(e.name, e.size, e.mode, opts.mtime));
            await readSource(e, readBuffer, output, (bytes) => tar.write(bytes));
            tar.write(ZEROS.subarray(0, padding(e.size, BLOCK)));
        }
        // End of archive (two zero blocks), then zeros up to a whole record, as tar writes it.
        tar.write(ZEROS.subarray(0, 2 * BLOCK));
        tar.write(ZEROS.subarray(0, padding(tar.inSize, RECORD)));
        tar.end();
        const trailer = Buffer.alloc(8);
        trailer.writeUInt32LE(tar.crc, 0);
        trailer.writeUInt32LE(tar.inSize % 2 ** 32, 4);
        output.append(trailer);
    });
}
/**
 * Streams a zip of `entries` to `out`, sorted by name, deflated, each entry with the
 * commit time as an MS-DOS time in UTC, Unix mode bits in its external attributes and
 * no extra fields (ZIP64 ones only where needed). CRC and sizes follow each entry's data
 * in a data descriptor, so every file is read once.
 */
async function writeZip(out, entries, opts) {
    checkMtime(opts.mtime, Number.MAX_SAFE_INTEGER);
    const always = opts.zip64 === "always";
    const { date, time } = dosDateTime(opts.mtime);
    const planned = await planEntries(entries);
    for (const e of planned) {
        if (e.nameBytes.length > 0xffff)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`archive entry name "${e.name}" is too long for zip`);
    }
    return writeAtomically(out, async (output) => {
        const central = [];
        const readBuffer = Buffer.allocUnsafe(READ_SIZE);
        for (const e of planned) {
            const offset = output.size;
            const sizes64 = always || e.size >= ZIP64_SIZE_THRESHOLD;
            const offset64 = always || offset >= U32_MAX;
            const common = {
                nameBytes: e.nameBytes,
                version: sizes64 || offset64 ? 45 : 20,
                flags: FLAG_DATA_DESCRIPTOR | (isAscii(e.nameBytes) ? 0 : FLAG_UTF8),
                time,
                date,
            };
            output.append(zipLocalHeader(common, sizes64));
            const data = new RawDeflate(output);
            await readSource(e, readBuffer, output, (bytes) => data.write(bytes));
            data.end();
            if (!sizes64 && data.outSize >= U32_MAX) {
                throw new Error(`${e.name}: compressed to ${data.outSize} bytes, beyond what its zip header can say`);
            }
            const sizes = { crc: data.crc, compressed: data.outSize, uncompressed: data.inSize };
            output.append(zipDataDescriptor(sizes, sizes64));
            central.push(zipCentralHeader(common, sizes, e.mode, offset, sizes64, offset64));
        }
        const cdOffset = output.size;
        for (const c of central)
            output.append(c);
        output.append(zipEnd(planned.length, output.size - cdOffset, cdOffset, always));
    });
}
/** The ustar header for one regular file, preceded by a pax header when the name or size does not fit ustar. */
function tarHeader(name, size, mode, mtime) {
    const nameBytes = Buffer.from(name, "utf8");
    const split = splitUstarName(nameBytes);
    const records = [];
    if (split === undefined)
        records.push(paxRecord("path", name));
    if (size > MAX_OCTAL_11)
        records.push(paxRecord("size", String(size)));
    const header = ustarBlock({
        name: split?.name ?? truncateUtf8(nameBytes, 100),
        prefix: split?.prefix ?? EMPTY,
        size: size > MAX_OCTAL_11 ? 0 : size,
        mode,
        mtime,
        type: "0",
    });
    if (records.length === 0)
        return header;
    const pax = Buffer.concat(records);
    const base = truncateUtf8(Buffer.from(node_path__WEBPACK_IMPORTED_MODULE_3___default().posix.basename(name), "utf8"), 100 - "PaxHeaders/".length);
    const paxHeader = ustarBlock({
        name: Buffer.concat([Buffer.from("PaxHeaders/"), base]),
        prefix: EMPTY,
        size: pax.length,
        mode: 0o644,
        mtime,
        type: "x",
    });
    return Buffer.concat([paxHeader, pax, ZEROS.subarray(0, padding(pax.length, BLOCK)), header]);
}
/** MS-DOS date and time fields for a Unix time, read in UTC and clamped to 1980-2107 (2-second steps). */
function dosDateTime(unixSeconds) {
    const d = new Date(Math.min(Math.max(unixSeconds, DOS_MIN), DOS_MAX) * 1000);
    return {
        date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
        time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    };
}
/** Validates every entry and checks every source before anything is written; sorts by name (UTF-8 bytes). */
async function planEntries(entries) {
    if (entries.length === 0)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo("an archive needs at least one entry");
    const planned = [];
    for (const e of entries) {
        const problem = nameProblem(e.name);
        if (problem !== undefined)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`archive entry name ${JSON.stringify(e.name)} ${problem}`);
        if (e.mode !== 0o755 && e.mode !== 0o644) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`archive entry "${e.name}" has mode ${octal(e.mode)}; only 0755 and 0644 are written`);
        }
        let st;
        try {
            st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(e.source);
        }
        catch (err) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`cannot read ${e.source} for archive entry "${e.name}": ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(err)}`);
        }
        if (!st.isFile()) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`${e.source} (archive entry "${e.name}") is ${describeType(st)}; only regular files are archived`);
        }
        planned.push({ ...e, nameBytes: Buffer.from(e.name, "utf8"), size: st.size, dev: st.dev, ino: st.ino });
    }
    planned.sort((a, b) => Buffer.compare(a.nameBytes, b.nameBytes));
    for (let i = 1; i < planned.length; i++) {
        const name = planned[i].name;
        if (name === planned[i - 1].name)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`two archive entries are named "${name}"`);
    }
    return planned;
}
function nameProblem(name) {
    if (name === "")
        return "is empty";
    if (!name.isWellFormed())
        return "is not valid Unicode";
    if (name.includes("\\") || name.includes("\0"))
        return "contains a backslash or NUL; use forward slashes";
    if (name.startsWith("/"))
        return "is absolute; names are relative to the archive root";
    if (name.split("/").some((c) => c === "" || c === "." || c === "..")) {
        return 'has an empty, "." or ".." component';
    }
    return undefined;
}
function describeType(st) {
    if (st.isSymbolicLink())
        return "a symbolic link";
    if (st.isDirectory())
        return "a directory";
    if (st.isCharacterDevice())
        return "a character device";
    if (st.isBlockDevice())
        return "a block device";
    if (st.isFIFO())
        return "a FIFO";
    if (st.isSocket())
        return "a socket";
    return "not a regular file";
}
/** Unix seconds; tar's 11 octal digits end in the year 2242, zip's clamp (dosDateTime) takes any. */
function checkMtime(mtime, max) {
    if (!Number.isSafeInteger(mtime) || mtime < 0 || mtime > max) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`archive mtime must be whole seconds since 1970, from 0 to ${max}; got ${mtime}`);
    }
}
function octal(n) {
    return Number.isInteger(n) && n >= 0 ? `0${n.toString(8)}` : String(n);
}
/**
 * Feeds exactly `entry.size` bytes of its source to `consume`. The file must still be
 * the one planEntries saw (same inode, not a symlink now) and keep its size; a file
 * that changes while it is archived fails the archive rather than corrupting it.
 */
async function readSource(entry, buffer, output, consume) {
    const changed = (how) => new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`${entry.source} ${how} while it was being archived`);
    let fh;
    try {
        fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(entry.source, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NOFOLLOW ?? 0));
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`cannot read ${entry.source} for archive entry "${entry.name}": ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(e)}`);
    }
    try {
        const st = await fh.stat();
        if (!st.isFile() || st.dev !== entry.dev || st.ino !== entry.ino)
            throw changed("was replaced");
        let position = 0;
        while (position < entry.size) {
            const { bytesRead } = await fh.read(buffer, 0, Math.min(buffer.length, entry.size - position), position);
            if (bytesRead === 0)
                throw changed("shrank");
            consume(buffer.subarray(0, bytesRead));
            position += bytesRead;
            await output.drain();
        }
        if ((await fh.read(buffer, 0, 1, position)).bytesRead !== 0)
            throw changed("grew");
    }
    finally {
        await fh.close();
    }
}
// ---- output ----
/** The archive being written: a temp file, hashed as bytes are appended. */
class ArchiveOutput {
    size = 0;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
    pending = [];
    pendingBytes = 0;
    fh;
    constructor(fh) {
        this.fh = fh;
    }
    append(bytes) {
        if (bytes.length === 0)
            return;
        this.hash.update(bytes);
        this.pending.push(bytes);
        this.pendingBytes += bytes.length;
        this.size += bytes.length;
    }
    /** Writes what is pending once there is enough of it: this is where a fast producer waits for the disk. */
    async drain() {
        if (this.pendingBytes >= WRITE_BATCH)
            await this.flush();
    }
    /** One writev of the pending pieces: no copy into a batch buffer (1 GiB of garbage for a 1 GiB archive). */
    async flush() {
        const chunks = this.pending;
        this.pending = [];
        this.pendingBytes = 0;
        let written = (await this.fh.writev(chunks)).bytesWritten;
        // A short write is rare for a regular file; finish piece by piece from where it stopped.
        for (const chunk of chunks) {
            if (written >= chunk.length) {
                written -= chunk.length;
                continue;
            }
            for (let off = written; off < chunk.length;)
                off += (await this.fh.write(chunk, off, chunk.length - off)).bytesWritten;
            written = 0;
        }
    }
    digest() {
        return this.hash.digest("hex");
    }
}
/**
 * Writes to a temp file next to `out` (same directory, so the rename is atomic) and
 * renames it over `out` when complete; on any failure the temp file is removed and
 * `out` is left as it was.
 */
async function writeAtomically(out, write) {
    const temp = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(out), `.${node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(out)}.${process.pid}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString("hex")}.tmp`);
    let fh;
    try {
        fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(temp, "wx", 0o644);
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`cannot write archive ${out}: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(e)}`);
    }
    let closed = false;
    try {
        const output = new ArchiveOutput(fh);
        await write(output);
        await output.flush();
        closed = true;
        await fh.close();
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, out);
        return { sha256: output.digest(), size: output.size };
    }
    catch (e) {
        if (!closed)
            await fh.close().catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true });
        if (e instanceof _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo || typeof e.code !== "string")
            throw e;
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`cannot write archive ${out}: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(e)}`);
    }
}
/**
 * One raw DEFLATE stream (RFC 1951) through fflate, with the CRC-32 and sizes gzip
 * and zip need. Input is re-cut into DEFLATE_CHUNK pieces, so the output is a function
 * of the input bytes alone, however the reads happened to split them.
 */
class RawDeflate {
    crc = 0;
    inSize = 0;
    outSize = 0;
    deflate;
    chunk = Buffer.allocUnsafe(DEFLATE_CHUNK);
    filled = 0;
    constructor(output) {
        this.deflate = new fflate__WEBPACK_IMPORTED_MODULE_6__/* .Deflate */ .Gy({ level: DEFLATE_LEVEL, mem: DEFLATE_MEM }, (data) => {
            this.outSize += data.length;
            output.append(data);
        });
    }
    write(bytes) {
        this.crc = (0,node_zlib__WEBPACK_IMPORTED_MODULE_4__.crc32)(bytes, this.crc);
        this.inSize += bytes.length;
        let off = 0;
        while (off < bytes.length) {
            if (this.filled === 0 && bytes.length - off >= DEFLATE_CHUNK) {
                // fflate copies what it is given into its own window, so a view is enough.
                this.deflate.push(bytes.subarray(off, off + DEFLATE_CHUNK), false);
                off += DEFLATE_CHUNK;
                continue;
            }
            const n = Math.min(DEFLATE_CHUNK - this.filled, bytes.length - off);
            this.chunk.set(bytes.subarray(off, off + n), this.filled);
            this.filled += n;
            off += n;
            if (this.filled === DEFLATE_CHUNK) {
                this.deflate.push(this.chunk, false);
                this.filled = 0;
            }
        }
    }
    end() {
        this.deflate.push(this.chunk.subarray(0, this.filled), true);
        this.filled = 0;
    }
}
// ---- gzip and tar ----
/**
 * RFC 1952 header: deflate, no flags (no name, comment or extra), MTIME 0, XFL 0 (neither
 * the fastest nor the slowest level), OS 255 ("unknown": the bytes are the same everywhere).
 */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
const BLOCK = 512;
/** GNU tar and Python pad archives to 20 blocks; some readers expect it. */
const RECORD = 20 * BLOCK;
const ZEROS = Buffer.alloc(RECORD);
const EMPTY = Buffer.alloc(0);
/** The largest value of an 11-digit octal field (size, mtime): 8 GiB - 1. */
const MAX_OCTAL_11 = 8 ** 11 - 1;
function padding(size, unit) {
    return (unit - (size % unit)) % unit;
}
/** ustar's name (100 bytes) and prefix (155 bytes), split at a slash; undefined when the name cannot fit. */
function splitUstarName(name) {
    if (name.length <= 100)
        return { name, prefix: EMPTY };
    // The first slash whose tail fits gives the shortest prefix; if that is too long, so is every other.
    for (let i = name.indexOf(0x2f); i !== -1; i = name.indexOf(0x2f, i + 1)) {
        if (name.length - i - 1 <= 100) {
            return i <= 155 ? { name: name.subarray(i + 1), prefix: name.subarray(0, i) } : undefined;
        }
    }
    return undefined;
}
/** A pax record: "<length> <key>=<value>\n", where the length counts its own digits. */
function paxRecord(key, value) {
    const body = Buffer.byteLength(` ${key}=${value}\n`);
    let length = body + String(body).length;
    if (String(length).length !== String(body).length)
        length = body + String(length).length;
    return Buffer.from(`${length} ${key}=${value}\n`, "utf8");
}
function truncateUtf8(bytes, max) {
    if (bytes.length <= max)
        return bytes;
    let end = max;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80)
        end--;
    return bytes.subarray(0, end);
}
function ustarBlock(f) {
    const b = Buffer.alloc(BLOCK);
    f.name.copy(b, 0);
    putOctal(b, 100, 8, f.mode);
    putOctal(b, 108, 8, 0); // uid
    putOctal(b, 116, 8, 0); // gid
    putOctal(b, 124, 12, f.size);
    putOctal(b, 136, 12, f.mtime);
    b.write(f.type, 156, "latin1");
    b.write("ustar\u000000", 257, "latin1"); // magic and version; uname and gname stay empty
    putOctal(b, 329, 8, 0); // devmajor
    putOctal(b, 337, 8, 0); // devminor
    f.prefix.copy(b, 345);
    b.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of b)
        sum += byte;
    b.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
    return b;
}
/** Zero-padded octal digits filling the field but its last byte, which stays NUL. */
function putOctal(b, offset, width, value) {
    b.write(value.toString(8).padStart(width - 1, "0"), offset, "latin1");
}
// ---- zip (APPNOTE.TXT 6.3) ----
const U32_MAX = 0xffffffff;
/**
 * Entries at least this big get ZIP64 sizes. It is decided before compressing, so it
 * leaves 256 MiB of room for deflate's worst-case growth (well under 1% here).
 */
const ZIP64_SIZE_THRESHOLD = U32_MAX - 256 * 1024 * 1024;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const MADE_BY_UNIX = 3 << 8;
const S_IFREG = 0o100000;
const DOS_MIN = Date.UTC(1980, 0, 1) / 1000;
const DOS_MAX = Date.UTC(2107, 11, 31, 23, 59, 58) / 1000;
function isAscii(bytes) {
    return bytes.every((byte) => byte < 0x80);
}
/** CRC and sizes are zero here (they follow the data); a ZIP64 entry carries both sizes as zero in its extra field. */
function zipLocalHeader(c, sizes64) {
    const extra = sizes64 ? zip64Extra([0, 0]) : EMPTY;
    const b = Buffer.alloc(30);
    b.writeUInt32LE(0x04034b50, 0);
    b.writeUInt16LE(c.version, 4);
    b.writeUInt16LE(c.flags, 6);
    b.writeUInt16LE(METHOD_DEFLATE, 8);
    b.writeUInt16LE(c.time, 10);
    b.writeUInt16LE(c.date, 12);
    // 14: CRC-32, zero
    b.writeUInt32LE(sizes64 ? U32_MAX : 0, 18);
    b.writeUInt32LE(sizes64 ? U32_MAX : 0, 22);
    b.writeUInt16LE(c.nameBytes.length, 26);
    b.writeUInt16LE(extra.length, 28);
    return Buffer.concat([b, c.nameBytes, extra]);
}
function zipDataDescriptor(s, sizes64) {
    const b = Buffer.alloc(sizes64 ? 24 : 16);
    b.writeUInt32LE(0x08074b50, 0);
    b.writeUInt32LE(s.crc, 4);
    if (sizes64) {
        b.writeBigUInt64LE(BigInt(s.compressed), 8);
        b.writeBigUInt64LE(BigInt(s.uncompressed), 16);
    }
    else {
        b.writeUInt32LE(s.compressed, 8);
        b.writeUInt32LE(s.uncompressed, 12);
    }
    return b;
}
function zipCentralHeader(c, s, mode, offset, sizes64, offset64) {
    // The ZIP64 extra holds exactly the fields set to 0xFFFFFFFF, in this order.
    const wide = [...(sizes64 ? [s.uncompressed, s.compressed] : []), ...(offset64 ? [offset] : [])];
    const extra = wide.length > 0 ? zip64Extra(wide) : EMPTY;
    const b = Buffer.alloc(46);
    b.writeUInt32LE(0x02014b50, 0);
    b.writeUInt16LE(MADE_BY_UNIX | c.version, 4);
    b.writeUInt16LE(c.version, 6);
    b.writeUInt16LE(c.flags, 8);
    b.writeUInt16LE(METHOD_DEFLATE, 10);
    b.writeUInt16LE(c.time, 12);
    b.writeUInt16LE(c.date, 14);
    b.writeUInt32LE(s.crc, 16);
    b.writeUInt32LE(sizes64 ? U32_MAX : s.compressed, 20);
    b.writeUInt32LE(sizes64 ? U32_MAX : s.uncompressed, 24);
    b.writeUInt16LE(c.nameBytes.length, 28);
    b.writeUInt16LE(extra.length, 30);
    // 32: comment length, 34: disk number, 36: internal attributes, all zero
    b.writeUInt32LE(((S_IFREG | mode) << 16) >>> 0, 38);
    b.writeUInt32LE(offset64 ? U32_MAX : offset, 42);
    return Buffer.concat([b, c.nameBytes, extra]);
}
function zip64Extra(values) {
    const b = Buffer.alloc(4 + 8 * values.length);
    b.writeUInt16LE(0x0001, 0);
    b.writeUInt16LE(8 * values.length, 2);
    for (const [i, v] of values.entries())
        b.writeBigUInt64LE(BigInt(v), 4 + 8 * i);
    return b;
}
/** End of central directory, preceded by the ZIP64 record and locator when a count, size or offset needs them. */
function zipEnd(count, cdSize, cdOffset, always) {
    const wideCount = always || count >= 0xffff;
    const wideSize = always || cdSize >= U32_MAX;
    const wideOffset = always || cdOffset >= U32_MAX;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    // 4: this disk, 6: disk of the central directory, both zero
    eocd.writeUInt16LE(wideCount ? 0xffff : count, 8);
    eocd.writeUInt16LE(wideCount ? 0xffff : count, 10);
    eocd.writeUInt32LE(wideSize ? U32_MAX : cdSize, 12);
    eocd.writeUInt32LE(wideOffset ? U32_MAX : cdOffset, 16);
    // 20: comment length, zero
    if (!wideCount && !wideSize && !wideOffset)
        return eocd;
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // size of the rest of the record
    record.writeUInt16LE(MADE_BY_UNIX | 45, 12);
    record.writeUInt16LE(45, 14);
    // 16: this disk, 20: disk of the central directory, both zero
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(cdSize), 40);
    record.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    // 4: disk of the ZIP64 record, zero
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16); // total number of disks
    return Buffer.concat([record, locator, eocd]);
}


/***/ })

};
