export const id = 604;
export const ids = [604];
export const modules = {

/***/ 50604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  extractBinary: () => (/* binding */ extractBinary),
  goarchFromUname: () => (/* binding */ goarchFromUname),
  pickArtifact: () => (/* binding */ pickArtifact)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __webpack_require__(73713);
;// CONCATENATED MODULE: ./src/archive/tar.ts






const BLOCK = 512;
/** Long names and pax records are small; anything bigger is not an archive we want. */
const MAX_META_SIZE = (/* unused pure expression or super */ null && (1024 * 1024));
/** File content is written in batches of about this size (fewer syscalls, bounded memory). */
const WRITE_BATCH = (/* unused pure expression or super */ null && (1024 * 1024));
/*
 * The file system calls below are synchronous on purpose. A Go distribution is ~15,000
 * small files, so the time goes to open/write/chmod/close, and routing each of those
 * through the libuv thread pool cost 2-3x the CPU of the calls themselves (measured
 * against tar xzf). Decompression still runs on the thread pool, in parallel.
 */
const REJECTED_TYPES = {
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
/**
 * Streams a .tar.gz (or plain .tar when gzip: false) into dest. Accepts only regular
 * files and directories; anything else is refused with a UserError naming the entry.
 * On failure, what was written is removed if dest did not exist before.
 */
async function extractTarGz(archive, dest, opts = {}) {
    const strip = opts.stripComponents ?? 0;
    if (!Number.isSafeInteger(strip) || strip < 0) {
        throw new Error(`stripComponents must be a non-negative integer, got ${strip}`);
    }
    const destExisted = await lstat(dest).then(() => true, (e) => {
        if (e.code === "ENOENT")
            return false;
        throw new UserError(`cannot use ${dest} as the extraction directory: ${errorMessage(e)}`);
    });
    try {
        // Entry paths are checked against the real path, so a dest reached through a
        // symlink (e.g. /tmp on macOS) still compares correctly.
        const root = await mkdir(dest, { recursive: true, mode: 0o755 })
            .then(() => realpath(dest))
            .catch((e) => {
            throw new UserError(`cannot use ${dest} as the extraction directory: ${errorMessage(e)}`);
        });
        const reader = new TarExtractor(archive, root, strip);
        const source = createReadStream(archive, { highWaterMark: 1024 * 1024 });
        const consume = async (chunks) => {
            for await (const chunk of chunks)
                reader.push(chunk);
        };
        try {
            if (opts.gzip === false)
                await pipeline(source, consume);
            else
                await pipeline(source, createGunzip({ chunkSize: 256 * 1024 }), consume);
        }
        catch (e) {
            const entry = reader.currentEntry();
            reader.abort();
            throw describeStreamError(archive, e, entry);
        }
        reader.finish();
        return reader.result;
    }
    catch (e) {
        if (!destExisted)
            await rm(dest, { recursive: true, force: true });
        throw e;
    }
}
function describeStreamError(archive, e, entry) {
    if (e instanceof UserError)
        return e;
    const err = e;
    const where = entry === undefined ? "" : ` (while writing entry "${entry}")`;
    if (err.code === "Z_BUF_ERROR")
        return new UserError(`${archive}: the gzip stream is truncated${where}`);
    if (typeof err.code === "string" && err.code.startsWith("Z_")) {
        return new UserError(`${archive}: not a valid gzip stream: ${errorMessage(e)}${where}`);
    }
    if (err.syscall === "open" && err.path === archive) {
        return new UserError(`cannot read archive ${archive}: ${errorMessage(e)}`);
    }
    return new UserError(`extracting ${archive} failed${where}: ${errorMessage(e)}`);
}
class TarExtractor {
    archive;
    root;
    strip;
    result = { files: 0, directories: 0, bytes: 0 };
    state = { kind: "header" };
    headerBuf = Buffer.alloc(BLOCK);
    headerFilled = 0;
    /** Pending GNU 'L' name and pax attributes for the next entry. */
    longName;
    pax = new Map();
    globalPax = new Map();
    /** Relative paths known to be real directories under root (created or checked). */
    dirs = new Set();
    constructor(archive, root, strip) {
        this.archive = archive;
        this.root = root;
        this.strip = strip;
    }
    currentEntry() {
        return this.state.kind === "file" || this.state.kind === "meta" ? this.state.entry : undefined;
    }
    push(chunk) {
        let off = 0;
        while (off < chunk.length) {
            const st = this.state;
            const avail = chunk.length - off;
            switch (st.kind) {
                case "header": {
                    let block;
                    if (this.headerFilled === 0 && avail >= BLOCK) {
                        block = chunk.subarray(off, off + BLOCK);
                        off += BLOCK;
                    }
                    else {
                        const n = Math.min(BLOCK - this.headerFilled, avail);
                        chunk.copy(this.headerBuf, this.headerFilled, off, off + n);
                        this.headerFilled += n;
                        off += n;
                        if (this.headerFilled < BLOCK)
                            break;
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
                    }
                    else if (st.out.queued >= WRITE_BATCH) {
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
                    if (st.remaining === 0)
                        this.state = { kind: "header" };
                    break;
                }
                case "end":
                    // Whatever follows the end marker (record padding) is ignored, as tar does.
                    return;
            }
        }
    }
    /** Called after the stream ended cleanly. */
    finish() {
        const st = this.state;
        if (st.kind === "end") {
            if (this.longName !== undefined || this.pax.size > 0) {
                throw this.fail("(end of archive)", "an extended header is not followed by an entry");
            }
            return;
        }
        const entry = this.currentEntry();
        this.abort();
        throw new UserError(entry === undefined
            ? `${this.archive}: the archive is truncated (no end-of-archive marker)`
            : `${this.archive}: the archive is truncated in the middle of entry "${entry}"`);
    }
    /** Closes an open output file after a failure; the caller removes what was written. */
    abort() {
        if (this.state.kind === "file") {
            try {
                closeSync(this.state.out.fd);
            }
            catch {
                // already failing; the first error is the one to report
            }
        }
        this.state = { kind: "end" };
    }
    fail(entry, why) {
        return new UserError(`${this.archive}: entry "${entry}" ${why}`);
    }
    onHeader(block) {
        if (isZeroBlock(block)) {
            this.state = { kind: "end" };
            return;
        }
        const h = parseTarHeader(block, this.archive);
        const padOf = (size) => (BLOCK - (size % BLOCK)) % BLOCK;
        if (h.type === "L" || h.type === "K" || h.type === "x" || h.type === "g") {
            if (h.size > MAX_META_SIZE)
                throw this.fail(h.name, `has an extended header of ${h.size} bytes; too large`);
            const buf = Buffer.alloc(h.size);
            if (h.size === 0)
                this.onMeta(h.type, h.name, buf);
            else
                this.state = { kind: "meta", type: h.type, entry: h.name, buf, filled: 0, pad: padOf(h.size) };
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
            throw this.fail(name, `has unsupported type ${JSON.stringify(h.type)}; only regular files and directories are accepted`);
        }
        // Old archives mark directories only by a trailing slash.
        const isDir = h.type === "5" || (name.endsWith("/") && size === 0);
        const rel = this.relativePath(name, isDir);
        if (isDir) {
            if (rel !== undefined)
                this.ensureDirs(rel, name);
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
        const out = { fd, chunks: [], queued: 0 };
        try {
            // Exactly 0755 or 0644, whatever the umask or the archive's other mode bits say.
            fchmodSync(fd, h.mode & 0o111 ? 0o755 : 0o644);
        }
        catch (e) {
            closeSync(fd);
            throw e;
        }
        this.result.files++;
        this.result.bytes += size;
        if (size === 0) {
            closeFile(out);
            this.state = { kind: "header" };
        }
        else {
            this.state = { kind: "file", entry: name, remaining: size, pad: padOf(size), out };
        }
    }
    onMeta(type, entry, buf) {
        if (type === "L")
            this.longName = decodeName(buf.subarray(0, nulIndex(buf)), entry, this.archive);
        else if (type === "x")
            this.pax = parsePax(buf, entry, this.archive, this.pax);
        else if (type === "g")
            this.globalPax = parsePax(buf, entry, this.archive, this.globalPax);
        // 'K' (long link name) only matters for links, which are refused anyway.
    }
    /**
     * The entry's path components under root after stripping, or undefined when nothing
     * is left. Refuses anything that could point outside root.
     */
    relativePath(name, isDir) {
        if (name === "")
            throw this.fail(name, "has an empty name");
        if (name.includes("\0"))
            throw this.fail(name, "has a NUL byte in its name");
        if (name.startsWith("/"))
            throw this.fail(name, "has an absolute path");
        // Backslashes and drive letters are separators or roots on Windows.
        if (name.includes("\\") || /^[A-Za-z]:/.test(name))
            throw this.fail(name, "has a Windows-style path");
        const parts = name.split("/").filter((p) => p !== "" && p !== ".");
        if (parts.includes(".."))
            throw this.fail(name, 'has a ".." path component');
        if (parts.length === 0 && !isDir)
            throw this.fail(name, "has no file name");
        if (parts.length <= this.strip)
            return undefined;
        const rel = parts.slice(this.strip);
        const full = path.join(this.root, ...rel);
        const base = this.root.endsWith(path.sep) ? this.root : this.root + path.sep;
        if (!full.startsWith(base))
            throw this.fail(name, "would land outside the destination");
        return rel;
    }
    /** mkdir each component, refusing to go through anything that is not a real directory. */
    ensureDirs(rel, entry) {
        let cur = "";
        for (const part of rel) {
            cur = cur === "" ? part : `${cur}/${part}`;
            if (this.dirs.has(cur))
                continue;
            const abs = path.join(this.root, cur);
            try {
                mkdirSync(abs, { mode: 0o755 });
            }
            catch (e) {
                if (e.code !== "EEXIST")
                    throw e;
                const st = lstatSync(abs);
                if (st.isSymbolicLink()) {
                    throw this.fail(entry, `would be written through the symbolic link ${abs}; refusing to follow it`);
                }
                if (!st.isDirectory())
                    throw this.fail(entry, `needs ${abs} to be a directory, but it is not`);
            }
            this.dirs.add(cur);
            this.result.directories++;
        }
    }
    /**
     * Creates the file anew. An existing regular file is unlinked first, so writing never
     * goes through a hard link or symlink that was already in dest.
     */
    createFile(rel, entry) {
        const abs = path.join(this.root, ...rel);
        const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
        for (let attempt = 0;; attempt++) {
            try {
                return openSync(abs, flags, 0o644);
            }
            catch (e) {
                if (e.code !== "EEXIST" || attempt > 0)
                    throw e;
                const st = lstatSync(abs);
                if (st.isSymbolicLink())
                    throw this.fail(entry, `would replace the symbolic link ${abs}; refusing`);
                if (!st.isFile())
                    throw this.fail(entry, `would replace ${abs}, which is not a regular file`);
                unlinkSync(abs);
            }
        }
    }
}
function closeFile(out) {
    try {
        flush(out);
    }
    finally {
        closeSync(out.fd);
    }
}
function flush(out) {
    if (out.queued === 0)
        return;
    const chunks = out.chunks;
    const total = out.queued;
    out.chunks = [];
    out.queued = 0;
    let done = writevSync(out.fd, chunks);
    if (done < total) {
        // writev may write less than asked; finish the rest.
        const all = Buffer.concat(chunks);
        while (done < all.length)
            done += writeSync(out.fd, all, done);
    }
}
function isZeroBlock(b) {
    for (let i = 0; i < BLOCK; i++)
        if (b[i] !== 0)
            return false;
    return true;
}
function nulIndex(b) {
    const i = b.indexOf(0);
    return i === -1 ? b.length : i;
}
const utf8 = new TextDecoder("utf-8", { fatal: true });
function decodeName(bytes, entry, archive) {
    try {
        return utf8.decode(bytes);
    }
    catch {
        throw new errors/* UserError */.yo(`${archive}: entry "${entry}" has a name that is not valid UTF-8`);
    }
}
function cString(b, start, len) {
    const field = b.subarray(start, start + len);
    return field.subarray(0, nulIndex(field));
}
/** One 512-byte header block: checksum checked, ustar prefix joined, names strict UTF-8. */
function parseTarHeader(b, archive) {
    const rawName = cString(b, 0, 100);
    const bad = (why) => new errors/* UserError */.yo(`${archive}: not a tar archive, or corrupt (header for "${rawName.toString("latin1")}": ${why})`);
    if (!tarChecksumMatches(b))
        throw bad("checksum mismatch");
    const mode = parseNumeric(b, 100, 8);
    const size = parseNumeric(b, 124, 12);
    if (mode === undefined)
        throw bad("invalid mode field");
    if (size === undefined)
        throw bad("invalid size field");
    const type = String.fromCharCode(b[156]);
    // Only POSIX ustar has a prefix field; in old GNU headers those bytes hold other data.
    let nameBytes = rawName;
    if (b.toString("latin1", 257, 263) === "ustar\0") {
        const prefix = cString(b, 345, 155);
        if (prefix.length > 0)
            nameBytes = Buffer.concat([prefix, Buffer.from("/"), rawName]);
    }
    const name = decodeName(nameBytes, nameBytes.toString("latin1"), archive);
    const linkname = cString(b, 157, 100).toString("utf8");
    return { name, mode, size, type, linkname };
}
/**
 * A header block's checksum: the sum of its bytes with the checksum field read as spaces,
 * which old tars computed with signed bytes, so either sum is accepted.
 */
function tarChecksumMatches(b) {
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < BLOCK; i++) {
        const v = i >= 148 && i < 156 ? 0x20 : b[i];
        unsigned += v;
        signed += v > 127 ? v - 256 : v;
    }
    const stored = parseNumeric(b, 148, 8);
    return stored !== undefined && (stored === unsigned || stored === signed);
}
/** Octal (NUL/space padded), or GNU base-256 when the high bit of the first byte is set. */
function parseNumeric(b, start, len) {
    const first = b[start];
    if (first & 0x80) {
        if (first === 0xff)
            return undefined; // negative
        let v = first & 0x7f;
        for (let i = start + 1; i < start + len; i++)
            v = v * 256 + b[i];
        return Number.isSafeInteger(v) ? v : undefined;
    }
    const text = b
        .toString("latin1", start, start + len)
        .replace(/[\0 ]+$/, "")
        .replace(/^ +/, "");
    if (text === "")
        return 0;
    if (!/^[0-7]+$/.test(text))
        return undefined;
    const v = Number.parseInt(text, 8);
    return Number.isSafeInteger(v) ? v : undefined;
}
function parsePaxSize(value, entry, archive) {
    const v = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(v))
        throw new UserError(`${archive}: entry "${entry}" has an invalid pax size ${value}`);
    return v;
}
/** pax records: "<length> <key>=<value>\n", where length counts the whole record. */
function parsePax(buf, entry, archive, into) {
    const out = new Map(into);
    const bad = () => new errors/* UserError */.yo(`${archive}: entry "${entry}" has a malformed pax extended header`);
    let off = 0;
    while (off < buf.length) {
        if (buf[off] === 0)
            break; // trailing NUL padding some writers add
        const space = buf.indexOf(0x20, off);
        if (space === -1)
            throw bad();
        const lenText = buf.toString("latin1", off, space);
        if (!/^[0-9]+$/.test(lenText))
            throw bad();
        const len = Number(lenText);
        const end = off + len;
        if (len <= space - off + 1 || end > buf.length || buf[end - 1] !== 0x0a)
            throw bad();
        const record = buf.subarray(space + 1, end - 1);
        const eq = record.indexOf(0x3d);
        if (eq === -1)
            throw bad();
        const key = record.toString("utf8", 0, eq);
        const value = decodeName(record.subarray(eq + 1), entry, archive);
        // An empty value deletes the keyword (POSIX).
        if (value === "")
            out.delete(key);
        else
            out.set(key, value);
        off = end;
    }
    return out;
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
;// CONCATENATED MODULE: ./src/archive/zip.ts








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
const zip_utf8 = new TextDecoder("utf-8", { fatal: true });
class ZipFormatError extends errors/* UserError */.yo {
    name = "ZipFormatError";
}
class ZipReader {
    file;
    fh;
    size;
    entries;
    dataEnd;
    window = { start: 0, data: Buffer.alloc(0) };
    constructor(file, fh, size, entries, 
    /** Where entry data must end: the start of the central directory. */
    dataEnd) {
        this.file = file;
        this.fh = fh;
        this.size = size;
        this.entries = entries;
        this.dataEnd = dataEnd;
    }
    static async open(file) {
        const fh = await (0,promises_.open)(file, "r");
        try {
            const { size } = await fh.stat();
            const { entries, cdOffset } = await readCentralDirectory(fh, size, file);
            return new ZipReader(file, fh, size, entries, cdOffset);
        }
        catch (e) {
            await fh.close();
            throw e;
        }
    }
    close() {
        return this.fh.close();
    }
    /**
     * Calls `visit` for every entry in the order its data lies in the file, with the
     * entry's uncompressed content: a Buffer for small entries, a stream for big ones.
     * The stream checks size and CRC-32 against the central directory and fails if
     * they disagree. Entries whose data would overlap are refused (a zip-bomb trick).
     */
    async forEachInFileOrder(visit) {
        const ordered = [...this.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
        let previousEnd = 0;
        for (const entry of ordered) {
            if (entry.localHeaderOffset < previousEnd) {
                throw this.error(`entry "${entry.name}" overlaps the previous entry`);
            }
            const dataStart = await this.dataStart(entry);
            const dataEnd = dataStart + entry.compressedSize;
            if (dataEnd > this.dataEnd)
                throw this.error(`entry "${entry.name}" runs past the central directory`);
            previousEnd = dataEnd;
            if (entry.compressedSize <= SMALL_ENTRY && entry.uncompressedSize <= 4 * SMALL_ENTRY) {
                await visit(entry, await this.readSmall(entry, dataStart));
            }
            else {
                await visit(entry, this.stream(entry, dataStart));
            }
        }
    }
    async dataStart(entry) {
        const header = await this.read(entry.localHeaderOffset, LOCAL_SIZE);
        if (header.readUInt32LE(0) !== SIG_LOCAL)
            throw this.error(`entry "${entry.name}" has no local header`);
        const nameLength = header.readUInt16LE(26);
        const extraLength = header.readUInt16LE(28);
        const name = await this.read(entry.localHeaderOffset + LOCAL_SIZE, nameLength);
        // Readers that trust local headers would see another name; refuse the ambiguity.
        if (!name.equals(entry.nameBytes)) {
            throw this.error(`entry "${entry.name}" has a different name in its local header`);
        }
        return entry.localHeaderOffset + LOCAL_SIZE + nameLength + extraLength;
    }
    async readSmall(entry, start) {
        const raw = await this.read(start, entry.compressedSize);
        let data;
        if (entry.method === STORED) {
            data = Buffer.from(raw); // a copy, so that the read window is not kept alive
        }
        else {
            try {
                // One byte over the declared size is enough to tell that it lies.
                data = (0,external_node_zlib_.inflateRawSync)(raw, { maxOutputLength: entry.uncompressedSize + 1 });
            }
            catch (e) {
                throw this.error(`entry "${entry.name}" is not valid deflate data: ${(0,errors/* errorMessage */.gJ)(e)}`);
            }
        }
        this.checkContent(entry, data.length, (0,external_node_zlib_.crc32)(data));
        return data;
    }
    stream(entry, start) {
        const raw = this.rangeStream(start, entry.compressedSize);
        let size = 0;
        let crc = 0;
        const check = new external_node_stream_.Transform({
            transform: (chunk, _enc, cb) => {
                size += chunk.length;
                if (size > entry.uncompressedSize) {
                    cb(this.error(`entry "${entry.name}" is bigger than its declared ${entry.uncompressedSize} bytes`));
                    return;
                }
                crc = (0,external_node_zlib_.crc32)(chunk, crc);
                cb(null, chunk);
            },
            flush: (cb) => {
                try {
                    this.checkContent(entry, size, crc);
                    cb();
                }
                catch (e) {
                    cb(e);
                }
            },
        });
        // The inner streams are wired by hand so that the caller gets one stream whose
        // errors are UserErrors naming the entry, and so that a caller that stops reading
        // also stops the inner streams.
        const inflate = entry.method === STORED ? undefined : (0,external_node_zlib_.createInflateRaw)();
        const fail = (e, why) => {
            check.destroy(e instanceof errors/* UserError */.yo ? e : this.error(`entry "${entry.name}": ${why}: ${(0,errors/* errorMessage */.gJ)(e)}`));
        };
        raw.on("error", (e) => fail(e, "read error"));
        inflate?.on("error", (e) => fail(e, "not valid deflate data"));
        check.on("close", () => {
            raw.destroy();
            inflate?.destroy();
        });
        if (!inflate)
            return raw.pipe(check);
        return raw.pipe(inflate).pipe(check);
    }
    /**
     * Reads [start, start+length) with positional reads on the shared handle. (A stream
     * from fh.createReadStream would close the handle when destroyed, autoClose or not.)
     */
    rangeStream(start, length) {
        const fh = this.fh;
        const file = this.file;
        let position = start;
        const end = start + length;
        return new external_node_stream_.Readable({
            highWaterMark: 256 * 1024,
            read(want) {
                const size = Math.min(Math.max(want, 64 * 1024), end - position);
                if (size <= 0) {
                    this.push(null);
                    return;
                }
                fh.read(Buffer.alloc(size), 0, size, position).then(({ bytesRead, buffer }) => {
                    if (bytesRead === 0) {
                        this.destroy(new ZipFormatError(`${file}: truncated at byte ${position}`));
                        return;
                    }
                    position += bytesRead;
                    this.push(buffer.subarray(0, bytesRead));
                }, (e) => this.destroy(e));
            },
        });
    }
    checkContent(entry, size, crc) {
        if (size !== entry.uncompressedSize) {
            throw this.error(`entry "${entry.name}" has ${size} bytes, its header says ${entry.uncompressedSize}`);
        }
        if (crc !== entry.crc32)
            throw this.error(`entry "${entry.name}" fails its CRC-32 check`);
    }
    /** Reads through a window, since entries are visited in file order: few, big reads. */
    async read(position, length) {
        const w = this.window;
        if (position >= w.start && position + length <= w.start + w.data.length) {
            return w.data.subarray(position - w.start, position - w.start + length);
        }
        if (length > WINDOW)
            return readExactly(this.fh, position, length, this.file);
        const size = Math.min(WINDOW, this.size - position);
        if (size < length)
            throw this.error(`truncated (wanted ${length} bytes at ${position})`);
        this.window = { start: position, data: await readExactly(this.fh, position, size, this.file) };
        return this.window.data.subarray(0, length);
    }
    error(message) {
        return new ZipFormatError(`${this.file}: ${message}`);
    }
}
async function readExactly(fh, position, length, file) {
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
async function readCentralDirectory(fh, size, file) {
    const fail = (why) => {
        throw new ZipFormatError(`${file}: not a usable zip file: ${why}`);
    };
    if (size < EOCD_SIZE)
        fail("too short");
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
    if (eocd < 0)
        fail("no end of central directory record");
    if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0)
        fail("multi-disk archives are not supported");
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    let cdLimit = tailStart + eocd;
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
        // ZIP64: a locator right before the end record points at the 64-bit end record.
        const locatorAt = tailStart + eocd - 20;
        if (locatorAt < 0)
            fail("ZIP64 locator missing");
        const locator = await readExactly(fh, locatorAt, 20, file);
        if (locator.readUInt32LE(0) !== SIG_ZIP64_LOCATOR)
            fail("ZIP64 locator missing");
        const recordAt = safeNumber(locator.readBigUInt64LE(8), fail);
        if (recordAt + 56 > locatorAt)
            fail("ZIP64 end record out of range");
        const record = await readExactly(fh, recordAt, 56, file);
        if (record.readUInt32LE(0) !== SIG_ZIP64_EOCD)
            fail("ZIP64 end record missing");
        count = safeNumber(record.readBigUInt64LE(32), fail);
        cdSize = safeNumber(record.readBigUInt64LE(40), fail);
        cdOffset = safeNumber(record.readBigUInt64LE(48), fail);
        cdLimit = recordAt;
    }
    if (cdOffset + cdSize > cdLimit)
        fail("central directory out of range");
    if (cdSize > MAX_CENTRAL_DIRECTORY)
        fail("central directory too large");
    const cd = await readExactly(fh, cdOffset, cdSize, file);
    const entries = [];
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
        if (end > cd.length)
            fail(`central directory entry ${i} is damaged`);
        const nameBytes = Buffer.from(cd.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength));
        let name = "";
        try {
            name = zip_utf8.decode(nameBytes);
        }
        catch {
            fail(`entry ${i} has a name that is not UTF-8`);
        }
        if (flags & 0x41)
            fail(`entry "${name}" is encrypted`);
        if (method !== STORED && method !== DEFLATED)
            fail(`entry "${name}" uses compression method ${method}`);
        if (disk !== 0 && disk !== 0xffff)
            fail("multi-disk archives are not supported");
        // ZIP64 extra field: the 64-bit values appear only for fields saturated above.
        const extra = cd.subarray(p + CENTRAL_SIZE + nameLength, p + CENTRAL_SIZE + nameLength + extraLength);
        for (let q = 0; q + 4 <= extra.length;) {
            const id = extra.readUInt16LE(q);
            const len = extra.readUInt16LE(q + 2);
            if (q + 4 + len > extra.length)
                fail(`entry "${name}" has a damaged extra field`);
            if (id === 0x0001) {
                let r = q + 4;
                const next = () => {
                    if (r + 8 > q + 4 + len)
                        fail(`entry "${name}" has a short ZIP64 field`);
                    const v = safeNumber(extra.readBigUInt64LE(r), fail);
                    r += 8;
                    return v;
                };
                if (uncompressedSize === 0xffffffff)
                    uncompressedSize = next();
                if (compressedSize === 0xffffffff)
                    compressedSize = next();
                if (localHeaderOffset === 0xffffffff)
                    localHeaderOffset = next();
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
function entryKind(host, externalAttrs, name) {
    const UNIX = 3;
    const MACOS = 19;
    if (host === UNIX || host === MACOS) {
        const type = (externalAttrs >>> 16) & 0o170000;
        if (type === 0o120000)
            return "symlink";
        if (type === 0o040000)
            return "directory";
        if (type !== 0 && type !== 0o100000)
            return "other";
    }
    if (externalAttrs & 0x10 || name.endsWith("/"))
        return "directory";
    return "file";
}
function safeNumber(v, fail) {
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
        fail("size or offset out of range");
    return Number(v);
}
/** Go's limit on a module zip's size and on the total of its unpacked files. */
const MAX_MODULE_ZIP = (/* unused pure expression or super */ null && (500 * 1024 * 1024));
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
async function extractModuleZip(zipPath, dir, opts) {
    const limit = opts.maxUncompressed ?? MAX_MODULE_ZIP;
    const place = opts.place ?? ((rel) => ({ paths: [rel], mode: 0o644 }));
    const zip = await ZipReader.open(zipPath);
    try {
        if (zip.size > MAX_MODULE_ZIP)
            throw new UserError(`${zipPath}: ${zip.size} bytes is over the module zip limit`);
        const refuse = (entry, why) => {
            throw new UserError(`${zipPath}: refusing entry "${entry.name}": ${why}`);
        };
        // Check every name before writing anything.
        const folded = new Map();
        let total = 0;
        for (const entry of zip.entries) {
            const rel = checkEntryName(entry, opts.prefix, refuse);
            if (entry.kind === "symlink")
                refuse(entry, "symbolic links are not allowed");
            if (entry.kind === "other")
                refuse(entry, "only regular files and directories are allowed");
            if (entry.kind === "directory" && entry.uncompressedSize !== 0)
                refuse(entry, "a directory with content");
            if (entry.kind === "file") {
                const base = rel.slice(rel.lastIndexOf("/") + 1);
                if (base.toLowerCase() === "go.mod" && base !== rel)
                    refuse(entry, "go.mod below the module root");
            }
            claimPath(folded, rel, entry.kind === "directory" ? "directory" : "file", (why) => refuse(entry, why));
            total += entry.uncompressedSize;
            if (total > limit)
                throw new UserError(`${zipPath}: unpacks to more than ${limit} bytes`);
        }
        const lines = [];
        const writer = new ParallelWriter(dir);
        let files = 0;
        let bytes = 0;
        const extractAll = zip.forEachInFileOrder(async (entry, content) => {
            const rel = entry.name.slice(opts.prefix.length).replace(/\/$/, "");
            const hash = createHash("sha256");
            if (entry.kind === "directory") {
                if (Buffer.isBuffer(content))
                    hash.update(content);
                else
                    content.resume();
                if (rel !== "")
                    await writer.directory(rel);
            }
            else {
                const { paths, mode } = place(rel);
                if (Buffer.isBuffer(content)) {
                    hash.update(content);
                    await writer.file(paths, content, mode);
                }
                else {
                    const tap = new Transform({
                        transform(chunk, _enc, cb) {
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
        await extractAll.catch(async (e) => {
            await writer.settle().catch(() => { });
            throw e;
        });
        await writer.settle();
        // Go sorts names as byte strings; compare UTF-8 bytes, not UTF-16 code units.
        lines.sort((a, b) => Buffer.compare(a.name, b.name));
        const summary = createHash("sha256");
        for (const { line } of lines)
            summary.update(line);
        return { h1: `h1:${summary.digest("base64")}`, files, bytes };
    }
    finally {
        await zip.close();
    }
}
/** Returns the entry's path below the prefix (no trailing slash), or refuses the entry. */
function checkEntryName(entry, prefix, refuse) {
    const name = entry.name;
    if (!name.startsWith(prefix))
        refuse(entry, `outside "${prefix}"`);
    // dirhash cannot represent these, and they mean something else on other systems.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\\:\u0000-\u001f\u007f]/.test(name))
        refuse(entry, "backslash, colon or control character in the name");
    const isDir = entry.kind === "directory";
    const rel = name.slice(prefix.length).replace(/\/$/, "");
    if (!isDir && name.endsWith("/"))
        refuse(entry, "a file name ending in /");
    if (rel === "") {
        if (isDir)
            return rel;
        refuse(entry, "no name below the prefix");
    }
    for (const element of rel.split("/")) {
        if (element === "" || element === "." || element === "..")
            refuse(entry, `path element "${element}"`);
    }
    return rel;
}
/**
 * Records a path and its parent directories under their case-folded names and refuses
 * two files (or a file and a directory) that would land on the same place on a
 * case-insensitive file system (macOS and Windows runners).
 */
function claimPath(seen, rel, kind, refuse) {
    if (rel === "")
        return;
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
    root;
    dirs = new Map();
    pending = new Set();
    failure;
    static LIMIT = (/* unused pure expression or super */ null && (16));
    constructor(root) {
        this.root = root;
    }
    directory(rel) {
        let made = this.dirs.get(rel);
        if (!made) {
            made = mkdir(this.abs(rel), { recursive: true, mode: 0o755 });
            made.catch(() => { }); // awaited by whoever needs it
            this.dirs.set(rel, made);
        }
        return made;
    }
    /** `paths[0]` gets the content; the others are copies; no paths: nothing is written. */
    async file(paths, content, mode) {
        this.check();
        while (this.pending.size >= ParallelWriter.LIMIT)
            await Promise.race(this.pending);
        this.check();
        const task = (async () => {
            const [first, ...copies] = paths;
            if (first === undefined)
                return;
            await this.parents(paths);
            // "wx": never write through something already there (the directory is fresh and ours).
            await writeFile(this.abs(first), content, { flag: "wx", mode });
            for (const copy of copies)
                await copyFile(this.abs(first), this.abs(copy), constants.COPYFILE_EXCL);
        })().catch((e) => {
            this.failure ??= e;
        });
        const tracked = task.finally(() => this.pending.delete(tracked));
        this.pending.add(tracked);
    }
    async stream(paths, content, tap, mode) {
        this.check();
        const [first, ...copies] = paths;
        await this.parents(paths);
        const sink = first === undefined
            ? new Writable({ write: (_c, _e, cb) => cb() })
            : createWriteStream(this.abs(first), { flags: "wx", mode });
        await pipeline(content, tap, sink);
        if (first !== undefined) {
            for (const copy of copies)
                await copyFile(this.abs(first), this.abs(copy), constants.COPYFILE_EXCL);
        }
    }
    async settle() {
        await Promise.all(this.pending);
        this.check();
    }
    async parents(paths) {
        for (const p of paths) {
            const slash = p.lastIndexOf("/");
            if (slash > 0)
                await this.directory(p.slice(0, slash));
        }
    }
    check() {
        if (this.failure !== undefined)
            throw this.failure;
    }
    abs(rel) {
        return path.join(this.root, ...rel.split("/"));
    }
}

// EXTERNAL MODULE: ./src/contract/names.ts
var names = __webpack_require__(77662);
// EXTERNAL MODULE: ./src/contract/targets.ts
var targets = __webpack_require__(5008);
// EXTERNAL MODULE: ./src/kit/hash.ts
var hash = __webpack_require__(3730);
;// CONCATENATED MODULE: ./src/release/pick.ts
/**
 * The runner side of a deploy: from a verified release directory, the one artifact that
 * runs on a host, and only its binary, extracted and checked against the signed manifest.
 *
 * Archives are read twice: a first pass lists every member and refuses the whole archive
 * on anything that could reach outside the destination (absolute or `..` paths), on links
 * and devices, and on a binary name that is not exactly one regular file; only then is the
 * one member written, to a temporary file in destDir that is renamed into place after its
 * sha256 and size match the manifest.
 */











/** `uname -m` → GOARCH (and GOARM for 32-bit ARM). Only unambiguous names are mapped. */
const UNAME = {
    x86_64: { goarch: "amd64" },
    amd64: { goarch: "amd64" },
    aarch64: { goarch: "arm64" },
    arm64: { goarch: "arm64" },
    armv8l: { goarch: "arm", variant: "7" }, // 32-bit userland on an ARMv8 core
    armv7l: { goarch: "arm", variant: "7" },
    armv7: { goarch: "arm", variant: "7" },
    armv6l: { goarch: "arm", variant: "6" },
    armv5tel: { goarch: "arm", variant: "5" },
    armv5tejl: { goarch: "arm", variant: "5" },
    armv5l: { goarch: "arm", variant: "5" },
    i386: { goarch: "386" },
    i486: { goarch: "386" },
    i586: { goarch: "386" },
    i686: { goarch: "386" },
    riscv64: { goarch: "riscv64" },
    ppc64le: { goarch: "ppc64le" },
    ppc64: { goarch: "ppc64" },
    s390x: { goarch: "s390x" },
    loongarch64: { goarch: "loong64" },
};
/**
 * Maps `uname -m` output to the host platform. mips and mips64 are refused: the kernel
 * reports the same name for both byte orders, so the right GOARCH cannot be told from it.
 */
function goarchFromUname(machine) {
    const m = machine.trim();
    const hit = UNAME[m];
    if (hit)
        return { goos: "linux", ...hit };
    if (m === "mips" || m === "mips64")
        throw new errors/* UserError */.yo(`uname -m says "${m}", which Linux reports for both byte orders (${m} and ${m}le); cannot tell which binary runs there`);
    throw new errors/* UserError */.yo(`uname -m says ${JSON.stringify(m)}, a machine goship does not know; known: ${Object.keys(UNAME).join(", ")}`);
}
/**
 * Variants ordered by what they require of the CPU, and the level an artifact built
 * without a variant has (Go's default when cross-compiling: GOAMD64=v1, GOARM=7).
 */
const ORDERED = {
    amd64: { values: targets/* VARIANTS */.xb.amd64?.values ?? ["v1", "v2", "v3", "v4"], unset: "v1" },
    arm: { values: targets/* VARIANTS */.xb.arm?.values ?? ["5", "6", "7"], unset: "7" },
};
/**
 * The artifact that runs on `host`: the exact variant if the release has it; for amd64
 * and arm the most demanding variant the host supports (an artifact without a variant
 * counts as v1 on amd64 and 7 on arm); for other architectures the artifact without a
 * variant. Throws a UserError listing the release's targets when none fits.
 */
function pickArtifact(manifest, host) {
    const same = manifest.artifacts.filter((a) => a.goos === host.goos && a.goarch === host.goarch);
    const exact = same.find((a) => (a.variant ?? "") === (host.variant ?? ""));
    if (exact)
        return exact;
    const order = ORDERED[host.goarch];
    let best;
    if (order) {
        const hostLevel = order.values.indexOf(host.variant ?? order.unset);
        for (const a of same) {
            const level = order.values.indexOf(a.variant ?? order.unset);
            if (level < 0 || hostLevel < 0 || level > hostLevel)
                continue;
            if (!best || level > best.level)
                best = { artifact: a, level };
        }
    }
    else {
        const plain = same.find((a) => a.variant === undefined);
        if (plain)
            best = { artifact: plain, level: 0 };
    }
    if (best)
        return best.artifact;
    const has = manifest.artifacts.map((a) => (0,targets/* formatTarget */.P4)(a)).join(", ");
    const why = same.length > 0
        ? `it has ${host.goarch} only for ${same.map((a) => a.variant ?? "the default variant").join(", ")}, which this host cannot run`
        : `it has no ${host.goos}/${host.goarch} build`;
    throw new errors/* UserError */.yo(`${manifest.project} ${manifest.version} has no binary for ${(0,targets/* formatTarget */.P4)(host)}: ${why}; the release has ${has}`);
}
/**
 * Extracts artifact.binary from its archive in releaseDir into destDir/<binary name>,
 * mode 0755. The archive's sha256 and size are checked against the artifact record
 * first; the written file's against artifact.binary. Nothing is left in destDir on failure.
 */
async function extractBinary(releaseDir, artifact, destDir) {
    const { archive, binary } = artifact;
    for (const [what, name] of [
        ["archive", archive.name],
        ["binary", binary.name],
    ]) {
        if (!names/* SafeName */.P8.safeParse(name).success)
            throw new errors/* UserError */.yo(`the manifest's ${what} name ${JSON.stringify(name)} is not a plain file name`);
    }
    const archivePath = (0,external_node_path_.join)(releaseDir, archive.name);
    const st = await (0,promises_.lstat)(archivePath).catch(() => undefined);
    if (!st?.isFile())
        throw new errors/* UserError */.yo(`${archive.name}: missing from ${releaseDir} or not a regular file`);
    const got = await (0,hash/* sha256File */.Q)(archivePath);
    if (got.sha256 !== archive.sha256 || got.size !== archive.size)
        throw new errors/* UserError */.yo(`${archive.name}: sha256 ${got.sha256} (${got.size} bytes) differs from the manifest's ${archive.sha256} (${archive.size} bytes)`);
    const target = { name: binary.name, sha256: binary.sha256, size: binary.size };
    switch (archive.format) {
        case "binary":
            return writeVerified(destDir, target, archive.name, (sink) => feed((0,external_node_fs_.createReadStream)(archivePath, { highWaterMark: 1 << 20 }), sink));
        case "tar.gz": {
            const index = await planTar(archivePath, archive.name, target);
            return writeVerified(destDir, target, archive.name, (sink) => tarMember(archivePath, archive.name, index, sink));
        }
        case "zip":
            return extractFromZip(archivePath, archive.name, target, destDir);
    }
}
/** The member's path with "." and empty components dropped; refuses anything unsafe. */
function memberPath(archive, name) {
    const bad = (why) => new errors/* UserError */.yo(`${archive}: entry ${JSON.stringify(name)} ${why}; refusing the archive`);
    if (name === "")
        throw bad("has an empty name");
    if (name.includes("\0"))
        throw bad("has a NUL byte in its name");
    if (name.startsWith("/"))
        throw bad("has an absolute path");
    if (name.includes("\\") || /^[A-Za-z]:/.test(name))
        throw bad("has a Windows-style path");
    const parts = name.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.includes(".."))
        throw bad('has a ".." path component');
    return parts.join("/");
}
/**
 * Applied to each member in archive order: every member's path is checked, links and
 * devices are refused anywhere, and the binary's name must be one regular file of the
 * expected size. Returns true for the binary's member.
 */
class MemberCheck {
    archive;
    wanted;
    found = 0;
    constructor(archive, wanted) {
        this.archive = archive;
        this.wanted = wanted;
    }
    visit(name, kind, size, linkTarget) {
        const path = memberPath(this.archive, name);
        const quoted = JSON.stringify(name);
        const link = linkTarget === undefined ? "" : ` (to ${JSON.stringify(linkTarget)})`;
        if (path === this.wanted.name) {
            if (kind !== "file")
                throw new errors/* UserError */.yo(`${this.archive}: entry ${quoted} is a ${kind}${link}, not a regular file; refusing the archive`);
            if (++this.found > 1)
                throw new errors/* UserError */.yo(`${this.archive}: entry ${quoted} appears more than once; refusing the archive`);
            if (size !== this.wanted.size)
                throw new errors/* UserError */.yo(`${this.archive}: entry ${quoted} has ${size} bytes, the manifest says ${this.wanted.size}; refusing the archive`);
            return true;
        }
        if (kind !== "file" && kind !== "directory")
            throw new errors/* UserError */.yo(`${this.archive}: entry ${quoted} is a ${kind}${link}; only regular files and directories are accepted; refusing the archive`);
        return false;
    }
    done() {
        if (this.found === 0)
            throw new errors/* UserError */.yo(`${this.archive}: has no entry named ${JSON.stringify(this.wanted.name)}`);
    }
}
// ─── Writing the binary ──────────────────────────────────────────────────────────────
/**
 * Streams what `produce` gives its sink into a temporary file in destDir (created
 * exclusively, never through a link), checks size and sha256 against `wanted`, sets 0755
 * and renames it into place.
 */
async function writeVerified(destDir, wanted, archive, produce) {
    await (0,promises_.mkdir)(destDir, { recursive: true }).catch((e) => {
        throw new errors/* UserError */.yo(`cannot use ${destDir} as the destination: ${(0,errors/* errorMessage */.gJ)(e)}`);
    });
    const final = (0,external_node_path_.join)(destDir, wanted.name);
    const temp = (0,external_node_path_.join)(destDir, `.${wanted.name}.${(0,external_node_crypto_.randomBytes)(6).toString("hex")}.tmp`);
    const flags = external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | (external_node_fs_.constants.O_NOFOLLOW ?? 0);
    let fh;
    try {
        fh = await (0,promises_.open)(temp, flags, 0o600);
        const hash = (0,external_node_crypto_.createHash)("sha256");
        let size = 0;
        const out = fh;
        await produce(async (chunk) => {
            size += chunk.length;
            if (size > wanted.size)
                throw new errors/* UserError */.yo(`${archive}: ${wanted.name} is bigger than the manifest's ${wanted.size} bytes`);
            hash.update(chunk);
            let off = 0;
            while (off < chunk.length)
                off += (await out.write(chunk, off, chunk.length - off)).bytesWritten;
        });
        const sha256 = hash.digest("hex");
        if (size !== wanted.size || sha256 !== wanted.sha256)
            throw new errors/* UserError */.yo(`${archive}: ${wanted.name} has sha256 ${sha256} (${size} bytes), the manifest says ${wanted.sha256} (${wanted.size} bytes)`);
        await fh.chmod(0o755);
        await fh.sync();
        await fh.close();
        fh = undefined;
        await (0,promises_.rename)(temp, final);
        return { path: final, sha256, size };
    }
    catch (e) {
        await fh?.close().catch(() => { });
        await (0,promises_.rm)(temp, { force: true });
        throw e;
    }
}
async function feed(data, sink) {
    if (Buffer.isBuffer(data))
        await sink(data);
    else
        for await (const chunk of data)
            await sink(chunk);
}
// ─── zip ─────────────────────────────────────────────────────────────────────────────
async function extractFromZip(file, archive, wanted, destDir) {
    const zip = await ZipReader.open(file);
    try {
        const check = new MemberCheck(archive, wanted);
        const kinds = {
            file: "file",
            directory: "directory",
            symlink: "symbolic link",
            other: "special file",
        };
        let target;
        for (const e of zip.entries) {
            if (check.visit(e.name, kinds[e.kind] ?? "special file", e.kind === "file" ? e.uncompressedSize : 0))
                target = e;
        }
        check.done();
        let result;
        await zip.forEachInFileOrder(async (entry, content) => {
            if (entry === target)
                result = await writeVerified(destDir, wanted, archive, (sink) => feed(content, sink));
            else if (!Buffer.isBuffer(content))
                for await (const _ of content)
                    ;
        });
        if (!result)
            throw new errors/* UserError */.yo(`${archive}: ${wanted.name} was not read`);
        return result;
    }
    finally {
        await zip.close();
    }
}
// ─── tar.gz ──────────────────────────────────────────────────────────────────────────
const pick_BLOCK = 512;
const MAX_META = 1024 * 1024;
/** Pulls exact byte counts from a stream of chunks. */
class ByteReader {
    it;
    archive;
    buf = Buffer.alloc(0);
    ended = false;
    constructor(it, archive) {
        this.it = it;
        this.archive = archive;
    }
    async more() {
        if (this.ended)
            return false;
        const r = await this.it.next();
        if (r.done) {
            this.ended = true;
            return false;
        }
        this.buf = this.buf.length === 0 ? r.value : Buffer.concat([this.buf, r.value]);
        return true;
    }
    /** Exactly n bytes, or undefined at a clean end of stream (nothing left). */
    async read(n) {
        while (this.buf.length < n) {
            if (!(await this.more())) {
                if (this.buf.length === 0)
                    return undefined;
                throw new errors/* UserError */.yo(`${this.archive}: the archive is truncated`);
            }
        }
        const out = this.buf.subarray(0, n);
        this.buf = this.buf.subarray(n);
        return out;
    }
    /** n bytes in pieces as they arrive. */
    async *pieces(n) {
        let left = n;
        while (left > 0) {
            if (this.buf.length === 0 && !(await this.more()))
                throw new errors/* UserError */.yo(`${this.archive}: the archive is truncated`);
            const take = Math.min(left, this.buf.length);
            const piece = this.buf.subarray(0, take);
            this.buf = this.buf.subarray(take);
            left -= take;
            yield piece;
        }
    }
    async skip(n) {
        for await (const _ of this.pieces(n))
            ;
    }
}
const TAR_KINDS = {
    "0": "file",
    "\0": "file",
    "7": "file",
    "1": "hard link",
    "2": "symbolic link",
    "3": "device",
    "4": "device",
    "5": "directory",
    "6": "FIFO",
};
/**
 * Walks the members of a .tar.gz. `visit` gets each member and may return a consumer
 * for its data; data nobody consumes is skipped.
 */
async function walkTar(file, archive, visit) {
    const gunzip = (0,external_node_fs_.createReadStream)(file).pipe((0,external_node_zlib_.createGunzip)());
    const source = gunzip[Symbol.asyncIterator]();
    const r = new ByteReader(source, archive);
    const pad = (n) => (pick_BLOCK - (n % pick_BLOCK)) % pick_BLOCK;
    let longName;
    let longLink;
    let pax = new Map();
    let index = 0;
    try {
        for (;;) {
            const block = await r.read(pick_BLOCK);
            if (!block)
                throw new errors/* UserError */.yo(`${archive}: the archive is truncated (no end-of-archive marker)`);
            if (block.every((b) => b === 0)) {
                if (longName !== undefined || longLink !== undefined || pax.size > 0)
                    throw new errors/* UserError */.yo(`${archive}: an extended header is not followed by an entry`);
                return;
            }
            const h = parseTarHeader(block, archive);
            if (h.type === "L" || h.type === "K" || h.type === "x" || h.type === "g") {
                if (h.size > MAX_META)
                    throw new errors/* UserError */.yo(`${archive}: entry ${JSON.stringify(h.name)} has a ${h.size}-byte extended header`);
                const data = h.size === 0 ? Buffer.alloc(0) : Buffer.from((await r.read(h.size)) ?? []);
                if (data.length !== h.size)
                    throw new errors/* UserError */.yo(`${archive}: the archive is truncated`);
                await r.skip(pad(h.size));
                if (h.type === "L")
                    longName = pick_cString(data);
                else if (h.type === "K")
                    longLink = pick_cString(data);
                else if (h.type === "x")
                    pax = parsePax(data, "(pax header)", archive, pax);
                else {
                    const global = parsePax(data, "(global pax header)", archive, new Map());
                    for (const key of ["path", "linkpath", "size"])
                        if (global.has(key))
                            throw new errors/* UserError */.yo(`${archive}: a global pax header sets "${key}" for every entry; refusing`);
                }
                continue;
            }
            const name = pax.get("path") ?? longName ?? h.name;
            const linkname = pax.get("linkpath") ?? longLink ?? h.linkname;
            const paxSize = pax.get("size");
            if (paxSize !== undefined && !/^[0-9]{1,15}$/.test(paxSize))
                throw new errors/* UserError */.yo(`${archive}: entry ${JSON.stringify(name)} has an invalid pax size`);
            const size = paxSize === undefined ? h.size : Number(paxSize);
            longName = undefined;
            longLink = undefined;
            pax = new Map();
            const kind = TAR_KINDS[h.type] ?? "special file";
            // Links and devices carry no data whatever their size field says.
            const dataSize = kind === "file" || kind === "directory" || kind === "special file" ? size : 0;
            const consume = visit({ name, kind, size: dataSize, linkname }, index++);
            if (consume) {
                await consume(r.pieces(dataSize));
                await r.skip(pad(dataSize));
            }
            else {
                await r.skip(dataSize + pad(dataSize));
            }
        }
    }
    catch (e) {
        if (e instanceof errors/* UserError */.yo)
            throw e;
        const code = e.code;
        if (typeof code === "string" && code.startsWith("Z_"))
            throw new errors/* UserError */.yo(`${archive}: not a valid gzip stream: ${(0,errors/* errorMessage */.gJ)(e)}`);
        throw new errors/* UserError */.yo(`${archive}: cannot read the archive: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    finally {
        gunzip.destroy();
    }
}
/** First pass: checks every member; returns the index of the binary's member. */
async function planTar(file, archive, wanted) {
    const check = new MemberCheck(archive, wanted);
    let index = -1;
    await walkTar(file, archive, (m, i) => {
        const linkTarget = m.kind === "hard link" || m.kind === "symbolic link" ? m.linkname : undefined;
        if (check.visit(m.name, m.kind, m.size, linkTarget))
            index = i;
        return undefined;
    });
    check.done();
    return index;
}
/** Second pass: feeds the data of member `index` to sink. */
async function tarMember(file, archive, index, sink) {
    let found = false;
    await walkTar(file, archive, (_m, i) => {
        if (i !== index)
            return undefined;
        found = true;
        return async (data) => {
            for await (const piece of data)
                await sink(piece);
        };
    });
    if (!found)
        throw new errors/* UserError */.yo(`${archive}: entry ${index} was not there on the second read`);
}
function pick_cString(b) {
    const nul = b.indexOf(0);
    return b.toString("utf8", 0, nul === -1 ? b.length : nul);
}


/***/ })

};
