export const id = 324;
export const ids = [324];
export const modules = {

/***/ 36324:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   extractBinary: () => (/* binding */ extractBinary),
/* harmony export */   goarchFromUname: () => (/* binding */ goarchFromUname),
/* harmony export */   pickArtifact: () => (/* binding */ pickArtifact)
/* harmony export */ });
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
/* harmony import */ var _archive_tar_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(29661);
/* harmony import */ var _archive_zip_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3781);
/* harmony import */ var _contract_names_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(77662);
/* harmony import */ var _contract_targets_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5008);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(73713);
/* harmony import */ var _kit_hash_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(3730);
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
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`uname -m says "${m}", which Linux reports for both byte orders (${m} and ${m}le); cannot tell which binary runs there`);
    throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`uname -m says ${JSON.stringify(m)}, a machine goship does not know; known: ${Object.keys(UNAME).join(", ")}`);
}
/**
 * Variants ordered by what they require of the CPU, and the level an artifact built
 * without a variant has (Go's default when cross-compiling: GOAMD64=v1, GOARM=7).
 */
const ORDERED = {
    amd64: { values: _contract_targets_js__WEBPACK_IMPORTED_MODULE_8__/* .VARIANTS */ .xb.amd64?.values ?? ["v1", "v2", "v3", "v4"], unset: "v1" },
    arm: { values: _contract_targets_js__WEBPACK_IMPORTED_MODULE_8__/* .VARIANTS */ .xb.arm?.values ?? ["5", "6", "7"], unset: "7" },
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
    const has = manifest.artifacts.map((a) => (0,_contract_targets_js__WEBPACK_IMPORTED_MODULE_8__/* .formatTarget */ .P4)(a)).join(", ");
    const why = same.length > 0
        ? `it has ${host.goarch} only for ${same.map((a) => a.variant ?? "the default variant").join(", ")}, which this host cannot run`
        : `it has no ${host.goos}/${host.goarch} build`;
    throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${manifest.project} ${manifest.version} has no binary for ${(0,_contract_targets_js__WEBPACK_IMPORTED_MODULE_8__/* .formatTarget */ .P4)(host)}: ${why}; the release has ${has}`);
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
        if (!_contract_names_js__WEBPACK_IMPORTED_MODULE_7__/* .SafeName */ .P8.safeParse(name).success)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`the manifest's ${what} name ${JSON.stringify(name)} is not a plain file name`);
    }
    const archivePath = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(releaseDir, archive.name);
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(archivePath).catch(() => undefined);
    if (!st?.isFile())
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive.name}: missing from ${releaseDir} or not a regular file`);
    const got = await (0,_kit_hash_js__WEBPACK_IMPORTED_MODULE_10__/* .sha256File */ .Q)(archivePath);
    if (got.sha256 !== archive.sha256 || got.size !== archive.size)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive.name}: sha256 ${got.sha256} (${got.size} bytes) differs from the manifest's ${archive.sha256} (${archive.size} bytes)`);
    const target = { name: binary.name, sha256: binary.sha256, size: binary.size };
    switch (archive.format) {
        case "binary":
            return writeVerified(destDir, target, archive.name, (sink) => feed((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(archivePath, { highWaterMark: 1 << 20 }), sink));
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
    const bad = (why) => new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: entry ${JSON.stringify(name)} ${why}; refusing the archive`);
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
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${this.archive}: entry ${quoted} is a ${kind}${link}, not a regular file; refusing the archive`);
            if (++this.found > 1)
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${this.archive}: entry ${quoted} appears more than once; refusing the archive`);
            if (size !== this.wanted.size)
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${this.archive}: entry ${quoted} has ${size} bytes, the manifest says ${this.wanted.size}; refusing the archive`);
            return true;
        }
        if (kind !== "file" && kind !== "directory")
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${this.archive}: entry ${quoted} is a ${kind}${link}; only regular files and directories are accepted; refusing the archive`);
        return false;
    }
    done() {
        if (this.found === 0)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${this.archive}: has no entry named ${JSON.stringify(this.wanted.name)}`);
    }
}
// ─── Writing the binary ──────────────────────────────────────────────────────────────
/**
 * Streams what `produce` gives its sink into a temporary file in destDir (created
 * exclusively, never through a link), checks size and sha256 against `wanted`, sets 0755
 * and renames it into place.
 */
async function writeVerified(destDir, wanted, archive, produce) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(destDir, { recursive: true }).catch((e) => {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`cannot use ${destDir} as the destination: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(e)}`);
    });
    const final = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(destDir, wanted.name);
    const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(destDir, `.${wanted.name}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString("hex")}.tmp`);
    const flags = node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_EXCL | (node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NOFOLLOW ?? 0);
    let fh;
    try {
        fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(temp, flags, 0o600);
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
        let size = 0;
        const out = fh;
        await produce(async (chunk) => {
            size += chunk.length;
            if (size > wanted.size)
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: ${wanted.name} is bigger than the manifest's ${wanted.size} bytes`);
            hash.update(chunk);
            let off = 0;
            while (off < chunk.length)
                off += (await out.write(chunk, off, chunk.length - off)).bytesWritten;
        });
        const sha256 = hash.digest("hex");
        if (size !== wanted.size || sha256 !== wanted.sha256)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: ${wanted.name} has sha256 ${sha256} (${size} bytes), the manifest says ${wanted.sha256} (${wanted.size} bytes)`);
        await fh.chmod(0o755);
        await fh.sync();
        await fh.close();
        fh = undefined;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, final);
        return { path: final, sha256, size };
    }
    catch (e) {
        await fh?.close().catch(() => { });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true });
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
    const zip = await _archive_zip_js__WEBPACK_IMPORTED_MODULE_6__/* .ZipReader */ .zg.open(file);
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
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: ${wanted.name} was not read`);
        return result;
    }
    finally {
        await zip.close();
    }
}
// ─── tar.gz ──────────────────────────────────────────────────────────────────────────
const BLOCK = 512;
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
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${this.archive}: the archive is truncated`);
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
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${this.archive}: the archive is truncated`);
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
    const gunzip = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file).pipe((0,node_zlib__WEBPACK_IMPORTED_MODULE_4__.createGunzip)());
    const source = gunzip[Symbol.asyncIterator]();
    const r = new ByteReader(source, archive);
    const pad = (n) => (BLOCK - (n % BLOCK)) % BLOCK;
    let longName;
    let longLink;
    let pax = new Map();
    let index = 0;
    try {
        for (;;) {
            const block = await r.read(BLOCK);
            if (!block)
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: the archive is truncated (no end-of-archive marker)`);
            if (block.every((b) => b === 0)) {
                if (longName !== undefined || longLink !== undefined || pax.size > 0)
                    throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: an extended header is not followed by an entry`);
                return;
            }
            const h = (0,_archive_tar_js__WEBPACK_IMPORTED_MODULE_5__/* .parseTarHeader */ .OH)(block, archive);
            if (h.type === "L" || h.type === "K" || h.type === "x" || h.type === "g") {
                if (h.size > MAX_META)
                    throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: entry ${JSON.stringify(h.name)} has a ${h.size}-byte extended header`);
                const data = h.size === 0 ? Buffer.alloc(0) : Buffer.from((await r.read(h.size)) ?? []);
                if (data.length !== h.size)
                    throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: the archive is truncated`);
                await r.skip(pad(h.size));
                if (h.type === "L")
                    longName = cString(data);
                else if (h.type === "K")
                    longLink = cString(data);
                else if (h.type === "x")
                    pax = (0,_archive_tar_js__WEBPACK_IMPORTED_MODULE_5__/* .parsePax */ .dA)(data, "(pax header)", archive, pax);
                else {
                    const global = (0,_archive_tar_js__WEBPACK_IMPORTED_MODULE_5__/* .parsePax */ .dA)(data, "(global pax header)", archive, new Map());
                    for (const key of ["path", "linkpath", "size"])
                        if (global.has(key))
                            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: a global pax header sets "${key}" for every entry; refusing`);
                }
                continue;
            }
            const name = pax.get("path") ?? longName ?? h.name;
            const linkname = pax.get("linkpath") ?? longLink ?? h.linkname;
            const paxSize = pax.get("size");
            if (paxSize !== undefined && !/^[0-9]{1,15}$/.test(paxSize))
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: entry ${JSON.stringify(name)} has an invalid pax size`);
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
        if (e instanceof _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo)
            throw e;
        const code = e.code;
        if (typeof code === "string" && code.startsWith("Z_"))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: not a valid gzip stream: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(e)}`);
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: cannot read the archive: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(e)}`);
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
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .UserError */ .yo(`${archive}: entry ${index} was not there on the second read`);
}
function cString(b) {
    const nul = b.indexOf(0);
    return b.toString("utf8", 0, nul === -1 ? b.length : nul);
}


/***/ })

};
