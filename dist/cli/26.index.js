export const id = 26;
export const ids = [26];
export const modules = {

/***/ 78746:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C$: () => (/* binding */ cgoCacheEntry),
/* harmony export */   SR: () => (/* binding */ readCgoCache),
/* harmony export */   pS: () => (/* binding */ SourceState),
/* harmony export */   xs: () => (/* binding */ cgoCacheDir),
/* harmony export */   yA: () => (/* binding */ goVariables),
/* harmony export */   zc: () => (/* binding */ writeCgoCache)
/* harmony export */ });
/* unused harmony export watchedPaths */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(27597);
/* harmony import */ var _kit_pool_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1456);
/* harmony import */ var _link_cache_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(60183);






/**
 * build-static's cgo check (cgoStubs) lists a target set's packages with `go list -deps` per
 * GOOS: on a warm build cache, more time than a build. Its answer follows from the toolchain,
 * go's configuration and the source files it read, so it is kept beside GOCACHE (a sibling
 * named goship-cgo, as the link cache is goship-link), never in the output directory, and used
 * again only when all of those are what they were:
 *
 * - the entry's name is a digest of the toolchain (go version, GOROOT, GOWORK, the go env
 *   file), the go binary, the directory, the package, the tags, GOOS/GOARCH and every GO* and
 *   CGO_* variable of the listing's environment but goship's own and Google Cloud's;
 * - the entry holds the directories the listing read and a digest of their state (SourceState):
 *   every name in them (a file added or removed), each .go/.swig/.swigcxx file's identity (an
 *   import, a build constraint or `import "C"` changed means a write), the names in each
 *   directory between a package and its module's root (a go.mod that moves the module
 *   boundary), and the modules' go.mod, go.sum and vendor/modules.txt (present or not). Any
 *   difference is a miss, and go lists again.
 *
 * A listing with errors (a module not downloaded yet) is not kept, nor one whose files changed
 * while it ran (modified since the listing started): its answer may not be the files' answer.
 */
function cgoCacheDir(gocache) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(gocache), "goship-cgo");
}
const Entry = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz(2),
    dirs: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()),
    moduleCacheDirs: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()),
    moduleFiles: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()),
    digest: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    found: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()),
});
const SOURCE_FILE = /\.(go|swig|swigcxx)$/;
/** The entry's directory for one listing's key material (any JSON-able value). */
function cgoCacheEntry(cacheDir, key) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(cacheDir, (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 32));
}
/**
 * Variables that start like Go's but that go never reads, and that change from run to run:
 * goship's own (GOSHIP_*), and Google Cloud's (GOOGLE_APPLICATION_CREDENTIALS names a new file
 * on every run that google-github-actions/auth makes). In the key, each would make every run a miss.
 */
const NOT_GO = /^(GOSHIP_|GOOGLE_)/;
/** The GO* and CGO_* variables of an environment, sorted: what go reads of it. */
function goVariables(env) {
    return Object.entries(env)
        .filter((e) => /^(GO|CGO_)/.test(e[0]) && !NOT_GO.test(e[0]) && e[1] !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
/**
 * The module cache that holds a module whose go.mod go reports as
 * <GOMODCACHE>/cache/download/<module>/@v/<version>.mod, or undefined for a module elsewhere
 * (the main module, a workspace module, a replace directive's directory, vendor/).
 */
function moduleCacheOf(goMod) {
    const at = goMod.lastIndexOf(`${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}cache${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}download${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}`);
    if (at <= 0 || !goMod.includes(`${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}@v${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}`) || !goMod.endsWith(".mod"))
        return undefined;
    return goMod.slice(0, at);
}
/** The directories and module files to watch for a listing's sources. */
function watchedPaths(sources) {
    const dirs = new Set();
    const moduleCacheDirs = new Set();
    const moduleFiles = new Set();
    for (const { dir, goMod } of sources) {
        const cache = goMod ? moduleCacheOf(goMod) : undefined;
        if (dir && cache && dir.startsWith(`${cache}${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}`) && dir.includes("@")) {
            moduleCacheDirs.add(dir);
            moduleFiles.add(goMod);
            continue;
        }
        if (dir)
            dirs.add(dir);
        if (!goMod)
            continue;
        const root = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(goMod);
        moduleFiles.add(goMod);
        moduleFiles.add((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, "go.sum"));
        moduleFiles.add((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, "vendor", "modules.txt"));
        // The directories between the package and its module's root: a go.mod there moves it to another module.
        const rel = dir ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, dir) : "";
        if (rel && !rel.startsWith("..") && !rel.startsWith(node_path__WEBPACK_IMPORTED_MODULE_2__.sep)) {
            for (let d = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(dir); d.length > root.length; d = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(d))
                dirs.add(d);
            dirs.add(root);
        }
    }
    return {
        dirs: [...dirs].sort(),
        moduleCacheDirs: [...moduleCacheDirs].sort(),
        moduleFiles: [...moduleFiles].sort(),
    };
}
/** What a path is now, as stat(2) says it: any write to it, or its replacement, changes the change time (ctime). */
async function identity(path) {
    const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path, { bigint: true }).catch(() => undefined);
    if (!s)
        return undefined;
    return {
        text: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.isDirectory() ? "d" : "f"}`,
        newestMs: Number((s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs) / 1000000n),
    };
}
/**
 * Digests of what directories and files hold now, each path read once however many listings
 * (one per GOOS) watch it. A directory's digest covers its names and the identity (device,
 * inode, size, modification and change times) of itself and of every source file in it: a file
 * written, replaced, added or removed changes it. Content is not read: a restored or fresh
 * checkout has new inodes and change times, so it is a miss, never a stale answer.
 */
class SourceState {
    #dirs = new Map();
    #dir(dir) {
        let p = this.#dirs.get(dir);
        if (!p) {
            p = (async () => {
                const names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir).catch(() => undefined);
                const self = await identity(dir);
                if (!names || !self)
                    return undefined;
                names.sort();
                let newestMs = self.newestMs;
                const parts = [dir, self.text, names.join("/")];
                // One file at a time: directories run side by side, a few at once (digest).
                for (const n of names.filter((f) => SOURCE_FILE.test(f))) {
                    const id = await identity((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, n));
                    parts.push(`${n}=${id?.text ?? "gone"}`);
                    newestMs = Math.max(newestMs, id?.newestMs ?? 0);
                }
                return { text: parts.join("\0"), newestMs };
            })();
            this.#dirs.set(dir, p);
        }
        return p;
    }
    /** The digest of watched paths (a module file absent counts too), and the latest change seen (ms); undefined when a directory is gone. */
    async digest(paths) {
        const { dirs, moduleCacheDirs, moduleFiles } = paths;
        const [ds, cs, fs] = await Promise.all([
            (0,_kit_pool_js__WEBPACK_IMPORTED_MODULE_5__/* .pool */ .dz)(dirs, 8, (d) => this.#dir(d)),
            (0,_kit_pool_js__WEBPACK_IMPORTED_MODULE_5__/* .pool */ .dz)(moduleCacheDirs, 8, (d) => identity(d)),
            (0,_kit_pool_js__WEBPACK_IMPORTED_MODULE_5__/* .pool */ .dz)(moduleFiles, 8, (f) => identity(f)),
        ]);
        const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
        let newestMs = 0;
        for (const d of ds) {
            if (!d)
                return undefined;
            h.update(`${d.text.length}:${d.text}`);
            newestMs = Math.max(newestMs, d.newestMs);
        }
        for (const [n, c] of cs.entries()) {
            if (!c)
                return undefined;
            h.update(`${moduleCacheDirs[n]}=${c.text}\0`);
        }
        moduleFiles.forEach((f, n) => {
            const id = fs[n];
            h.update(`${f}=${id?.text ?? "absent"}\0`);
            newestMs = Math.max(newestMs, id?.newestMs ?? 0);
        });
        return { digest: h.digest("hex"), newestMs };
    }
}
/** The entry's answer when every watched path holds what it held; otherwise undefined. */
async function readCgoCache(entry, sources, now) {
    let e;
    try {
        e = Entry.parse(JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(entry, "entry.json"), "utf8")));
    }
    catch {
        return undefined; // none yet, or not one this version wrote
    }
    const current = await sources.digest(e);
    if (current?.digest !== e.digest)
        return undefined;
    // The other entries are trimmed when one is written (a miss).
    await (0,_link_cache_js__WEBPACK_IMPORTED_MODULE_3__/* .markUsed */ .Nm)(entry, now);
    return e.found;
}
/**
 * Keeps a listing's answer, unless its sources changed since `listedAtMs` (wall clock, when
 * the listing started): then the answer may be older than the files. Best effort: a cache
 * that cannot be written only costs the next run a listing.
 */
async function writeCgoCache(entry, listed, found, listedAtMs) {
    const paths = watchedPaths(listed);
    // Read afresh, not through a SourceState another listing read before this one ran.
    const current = await new SourceState().digest(paths);
    // Modification times can be coarse (a second on some file systems): a margin of two.
    if (!current || current.newestMs >= listedAtMs - 2000)
        return;
    const value = { version: 2, ...paths, digest: current.digest, found: [...found] };
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(entry, { recursive: true });
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(entry, "entry.json");
        const partial = `${file}.${process.pid}.partial`;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(partial, `${JSON.stringify(value)}\n`);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(partial, file);
        await (0,_link_cache_js__WEBPACK_IMPORTED_MODULE_3__/* .trimLinkCache */ .LR)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(entry), entry, listedAtMs);
    }
    catch {
        // not writable here: the next run lists again
    }
}


/***/ }),

/***/ 89177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ez: () => (/* binding */ cgoStubsMessage),
/* harmony export */   J_: () => (/* binding */ cgoStubs),
/* harmony export */   SQ: () => (/* binding */ planCrossCompilers),
/* harmony export */   qq: () => (/* binding */ usesCgo),
/* harmony export */   uK: () => (/* binding */ installDebianPackages)
/* harmony export */ });
/* unused harmony exports readOsRelease, CGO_FALLBACKS */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(27597);
/* harmony import */ var _contract_targets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5008);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73713);
/* harmony import */ var _kit_exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(29495);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83490);
/* harmony import */ var _kit_progress_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(13701);
/* harmony import */ var _cgo_cache_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(78746);
/* harmony import */ var _list_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(22784);










/**
 * GNU/Linux cross toolchains in Debian and Ubuntu, by GOARCH. `triplet` names the
 * compiler (`<triplet>-gcc`); the package names spell it with "-" for "_"
 * (x86_64 → gcc-x86-64-linux-gnu). `libcArch` is the Debian architecture of the
 * matching `libc6-dev-<arch>-cross`.
 */
const LINUX_CROSS = {
    "386": { triplet: "i686-linux-gnu", libcArch: "i386" },
    amd64: { triplet: "x86_64-linux-gnu", libcArch: "amd64" },
    arm64: { triplet: "aarch64-linux-gnu", libcArch: "arm64" },
    riscv64: { triplet: "riscv64-linux-gnu", libcArch: "riscv64" },
    ppc64le: { triplet: "powerpc64le-linux-gnu", libcArch: "ppc64el" },
    s390x: { triplet: "s390x-linux-gnu", libcArch: "s390x" },
    mips64le: { triplet: "mips64el-linux-gnuabi64", libcArch: "mips64el" },
    mips64: { triplet: "mips64-linux-gnuabi64", libcArch: "mips64" },
    mipsle: { triplet: "mipsel-linux-gnu", libcArch: "mipsel" },
    mips: { triplet: "mips-linux-gnu", libcArch: "mips" },
};
/** Debian armhf is ARMv7 hard-float; armel (ARMv5 soft-float ABI) also runs on ARMv6. */
const ARM_HARD_FLOAT = { triplet: "arm-linux-gnueabihf", libcArch: "armhf" };
const ARM_SOFT_FLOAT = { triplet: "arm-linux-gnueabi", libcArch: "armel" };
const MINGW = {
    amd64: "x86_64-w64-mingw32",
    "386": "i686-w64-mingw32",
};
const NO_ZIG = "zig cc is not installed by goship yet";
function gnuCross(triplet, libcArch) {
    const pkg = triplet.replaceAll("_", "-");
    return {
        cc: `${triplet}-gcc`,
        cxx: `${triplet}-g++`,
        // The cross libc headers are only a Recommends of the compiler, and we install
        // with --no-install-recommends: without them cgo fails on <stdlib.h>.
        packages: [`gcc-${pkg}`, `g++-${pkg}`, `libc6-dev-${libcArch}-cross`],
    };
}
function linuxCompiler(t, runnerGoarch) {
    if (t.goarch === runnerGoarch) {
        // gcc only recommends libc6-dev, which --no-install-recommends would skip.
        return { cc: "gcc", cxx: "g++", packages: ["gcc", "g++", "libc6-dev"] };
    }
    if (t.goarch === "arm") {
        const abi = t.variant === "5" || t.variant === "6" ? ARM_SOFT_FLOAT : ARM_HARD_FLOAT;
        return gnuCross(abi.triplet, abi.libcArch);
    }
    const cross = LINUX_CROSS[t.goarch];
    if (cross)
        return gnuCross(cross.triplet, cross.libcArch);
    if (t.goarch === "ppc64") {
        return "Go does not support cgo on big-endian linux/ppc64: build it with CGO_ENABLED=0, or target linux/ppc64le";
    }
    return (`goship knows no Debian/Ubuntu cross gcc package for linux/${t.goarch}: install a cross compiler ` +
        `for it yourself and pass it as CC, or build with CGO_ENABLED=0 (${NO_ZIG})`);
}
function unsupportedReason(t) {
    const name = (0,_contract_targets_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTarget */ .P4)(t);
    switch (t.goos) {
        case "darwin":
        case "ios":
            return (`cgo for ${name} needs Apple's SDK and clang, which Linux runners lack: build ${name} on a macOS ` +
                `runner (runs-on: macos-latest), or with CGO_ENABLED=0 (${NO_ZIG})`);
        case "windows":
            return (`Debian and Ubuntu ship no MinGW gcc for ${name}: build it on a Windows runner ` +
                `(windows-11-arm for arm64), use an llvm-mingw clang as CC, or build with CGO_ENABLED=0 (${NO_ZIG})`);
        case "android":
            return (`cgo for ${name} needs the Android NDK's clang: set CC to the NDK's ` +
                `toolchains/llvm/prebuilt/linux-x86_64/bin/<triple><api>-clang, or build with CGO_ENABLED=0`);
        case "js":
        case "wasip1":
        case "plan9":
            return `Go has no cgo on ${name}: build it with CGO_ENABLED=0`;
        default:
            return (`cgo for ${name} needs ${t.goos}'s own headers and libc (a sysroot), which no Debian package ` +
                `provides: build it on a ${t.goos} machine, or with CGO_ENABLED=0 (${NO_ZIG})`);
    }
}
/**
 * Debian/Ubuntu packages and compiler names for each target, given the runner's own
 * GOARCH ("amd64" or "arm64"). Targets with no packaged compiler come back as
 * unsupported, with a reason that says what to do instead.
 */
function planCrossCompilers(targets, runnerGoarch) {
    const plan = { compilers: [], unsupported: [] };
    for (const target of targets) {
        let compiler;
        if (target.goos === "linux") {
            compiler = linuxCompiler(target, runnerGoarch);
        }
        else if (target.goos === "windows" && MINGW[target.goarch]) {
            const triplet = MINGW[target.goarch];
            const pkg = triplet.replace(/-w64-mingw32$/, "").replaceAll("_", "-");
            compiler = {
                cc: `${triplet}-gcc`,
                cxx: `${triplet}-g++`,
                // The MinGW headers and CRT (mingw-w64-*-dev) are hard dependencies here.
                packages: [`gcc-mingw-w64-${pkg}`, `g++-mingw-w64-${pkg}`],
            };
        }
        else {
            compiler = unsupportedReason(target);
        }
        if (typeof compiler === "string")
            plan.unsupported.push({ target, reason: compiler });
        else
            plan.compilers.push({ target, compiler });
    }
    return plan;
}
const OsRelease = zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({
    ID: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().min(1).default("linux"),
    ID_LIKE: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional(),
    VERSION_ID: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional(),
    PRETTY_NAME: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional(),
});
/** Values per os-release(5): shell-style, optionally in single or double quotes. */
function parseOsRelease(text) {
    const fields = {};
    for (const raw of text.split("\n")) {
        const line = raw.trim();
        const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
        if (!m)
            continue;
        const [, key, value] = m;
        fields[key] = unquote(value);
    }
    return fields;
}
function unquote(value) {
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
        const inner = value.slice(1, -1);
        return quote === "'" ? inner : inner.replace(/\\([\\"$`])/g, "$1");
    }
    return value;
}
async function readOsReleaseFields(path) {
    // os-release(5): /etc/os-release takes precedence; /usr/lib/os-release is the fallback.
    for (const candidate of path ? [path] : ["/etc/os-release", "/usr/lib/os-release"]) {
        let text;
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(candidate, "utf8");
        }
        catch (e) {
            if (e.code === "ENOENT")
                continue;
            throw e;
        }
        return parseOsRelease(text);
    }
    return undefined;
}
/** Reads /etc/os-release: { id, idLike[], versionId } or undefined when there is none. */
async function readOsRelease(path) {
    const fields = await readOsReleaseFields(path);
    if (!fields)
        return undefined;
    const parsed = OsRelease.safeParse(fields);
    if (!parsed.success)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`unexpected ${path ?? "/etc/os-release"}: ${parsed.error.message}`);
    const { ID, ID_LIKE, VERSION_ID } = parsed.data;
    return {
        id: ID,
        idLike: (ID_LIKE ?? "").split(/\s+/).filter((s) => s !== ""),
        ...(VERSION_ID ? { versionId: VERSION_ID } : {}),
    };
}
/** Debian package names (Debian Policy 5.6.1); checked so a name can never be read as an option. */
const DEBIAN_PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} format, not a JS template
const DPKG_STATUS_FORMAT = "${Package}\\t${db:Status-Abbrev}\\n";
/** Which of `packages` dpkg reports as installed (status "?i", e.g. "ii" or "hi"). */
async function installedPackages(packages) {
    let stdout;
    try {
        // Exits 1 when some name is unknown to dpkg; the rest are still listed.
        ({ stdout } = await (0,_kit_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .execFile */ .St)("dpkg-query", ["-W", "-f", DPKG_STATUS_FORMAT, ...packages], {
            allowFailure: true,
            timeoutMs: 60_000,
        }));
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`cannot ask dpkg which packages are installed: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
    }
    const installed = new Set();
    for (const line of stdout.split("\n")) {
        const [name, status] = line.split("\t");
        if (name && status?.[1] === "i")
            installed.add(name);
    }
    return installed;
}
/** apt-get as root: directly when we are root, else through non-interactive sudo. */
async function aptGet(args, options) {
    // Waits for the dpkg lock instead of failing while unattended-upgrades holds it at boot.
    const argv = ["-o", "DPkg::Lock::Timeout=300", "-q", ...args];
    const asRoot = process.getuid?.() === 0;
    try {
        if (asRoot) {
            return await (0,_kit_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .execFile */ .St)("apt-get", argv, {
                ...options,
                env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
            });
        }
        // `env` sets the variable as root; sudo's env_reset would drop it if passed through.
        return await (0,_kit_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .execFile */ .St)("sudo", ["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...argv], options);
    }
    catch (e) {
        const why = e instanceof _kit_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .ExecError */ .cI ? e.result.stderr : "";
        if (!asRoot &&
            (/^sudo: .*password/m.test(why) || (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e).startsWith("sudo: command not found"))) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`installing Debian packages needs root: run as root or allow passwordless sudo (sudo -n failed: ${why.trim() || (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)})`);
        }
        throw e;
    }
}
function osName(os) {
    return os ? `${os.id}${os.versionId ? ` ${os.versionId}` : ""}` : "this system (no /etc/os-release)";
}
/**
 * Installs the Debian packages that are missing. Each is checked with dpkg-query
 * first; when all are present, apt is not run at all. Otherwise `apt-get update`
 * runs once, always, before the install: a fresh container has no package lists
 * (every name would be "unable to locate"), and a runner image's lists are often
 * older than the archive, so the install would 404 on superseded .debs. An update
 * costs seconds next to a cross toolchain's tens of seconds, and failing it is only
 * a warning (a broken third-party source must not stop us).
 */
async function installDebianPackages(packages) {
    const wanted = [...new Set(packages)];
    const bad = wanted.filter((p) => !DEBIAN_PACKAGE_NAME.test(p));
    if (bad.length > 0)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`not Debian package names: ${bad.map((p) => JSON.stringify(p)).join(", ")}`);
    if (wanted.length === 0)
        return { present: [], installed: [] };
    const os = await readOsRelease();
    if (!os || !(os.id === "debian" || os.idLike.includes("debian"))) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${osName(os)} is not Debian or Ubuntu, and goship installs C compilers only with apt. ` +
            `Install the equivalent of these Debian packages yourself: ${wanted.join(" ")}`);
    }
    const before = await installedPackages(wanted);
    const present = wanted.filter((p) => before.has(p));
    const missing = wanted.filter((p) => !before.has(p));
    if (missing.length === 0) {
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .debug */ .Yz)(`Debian packages already installed: ${present.join(" ")}`);
        return { present, installed: [] };
    }
    const started = performance.now();
    const update = await _kit_progress_js__WEBPACK_IMPORTED_MODULE_6__/* .progress */ .qB.during("apt-get update", () => aptGet(["update"], { allowFailure: true, timeoutMs: 5 * 60_000 }));
    if (update.code !== 0) {
        const tail = (update.stderr || update.stdout).trim().split("\n").slice(-5).join("\n");
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e)(`apt-get update exited with code ${update.code}; installing with the package lists as they are:\n${tail}`);
    }
    try {
        await _kit_progress_js__WEBPACK_IMPORTED_MODULE_6__/* .progress */ .qB.during(`apt-get install ${missing.join(" ")}`, () => aptGet(["install", "-y", "--no-install-recommends", ...missing], { timeoutMs: 15 * 60_000 }));
    }
    catch (e) {
        const stderr = e instanceof _kit_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .ExecError */ .cI ? e.result.stderr : "";
        const unknown = [
            ...stderr.matchAll(/Unable to locate package (\S+)|Package '?([^'\s]+)'? has no installation candidate/g),
        ].map((m) => m[1] ?? m[2]);
        if (unknown.length > 0) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`apt on ${osName(os)} has no package ${unknown.join(", ")}: this release does not ship that cross ` +
                "compiler; install one yourself and pass it as CC, or build with CGO_ENABLED=0");
        }
        throw e;
    }
    const after = await installedPackages(missing);
    const notInstalled = missing.filter((p) => !after.has(p));
    if (notInstalled.length > 0) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`apt-get install finished but dpkg does not list ${notInstalled.join(" ")} as installed`);
    }
    (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`Installed ${missing.join(" ")} in ${(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .seconds */ .YA)(performance.now() - started)}`);
    return { present, installed: missing };
}
/** Lists packages with cgo or SWIG files of their own; the standard library is left out (see usesCgo). */
const CGO_PACKAGES_TEMPLATE = "{{if and (not .Standard) (or .CgoFiles .SwigFiles .SwigCXXFiles)}}{{.ImportPath}}{{end}}";
/**
 * Whether the packages matched by `patterns` in dir, or any of their dependencies,
 * use cgo (import "C"). CGO_ENABLED=1 so that files behind the `cgo` build tag count.
 * Standard-library packages are not counted: net and os/user have cgo files, yet
 * fall back to pure Go when cgo is off, so importing them needs no C compiler.
 * The env's GOOS/GOARCH select which files count, as in a build.
 */
async function usesCgo(dir, goBin, env, patterns = ["./..."]) {
    const dashed = patterns.filter((p) => p.startsWith("-"));
    if (dashed.length > 0)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`not package patterns: ${dashed.join(" ")}`);
    const { stdout } = await (0,_kit_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .execFile */ .St)(goBin, ["list", _list_js__WEBPACK_IMPORTED_MODULE_9__/* .LIST_WITHOUT_VCS */ .F, "-deps", "-f", CGO_PACKAGES_TEMPLATE, ...patterns], {
        cwd: dir,
        env: { ...(env ?? process.env), CGO_ENABLED: "1" },
        timeoutMs: 5 * 60_000,
    });
    const cgoPackages = stdout.split("\n").filter((l) => l.trim() !== "");
    if (cgoPackages.length > 0)
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .debug */ .Yz)(`packages with cgo in ${dir}: ${cgoPackages.join(" ")}`);
    return cgoPackages.length > 0;
}
/**
 * Packages whose build without cgo is known to be a working fallback, not a stub, as for the
 * standard library's net and os/user: they lose a feature, not their function, so they are
 * named in the log and not refused. Each entry was read in the package's source.
 */
const CGO_FALLBACKS = {
    // process_collector_mem_nocgo_darwin.go: getMemory returns errNotImplemented.
    "github.com/prometheus/client_golang/prometheus": "the process collector reports no resident or virtual memory on darwin; every other metric is there",
};
/** Per non-standard package: import path, cgo and SWIG file counts, directory, module's go.mod, whether it failed to load. */
const IMPORT_PATH_AND_CGO_FILES = "{{if not .Standard}}{{.ImportPath}}\t{{len .CgoFiles}}\t{{len .SwigFiles}}\t{{len .SwigCXXFiles}}\t{{.Dir}}\t{{with .Module}}{{.GoMod}}{{end}}\t{{if or .Error .DepsErrors}}error{{end}}{{end}}";
/**
 * One `go list` of the packages `args` names (`-deps -- pkg`, or `-find -- a b c`): each
 * non-standard package and whether it has cgo (or SWIG) files under `env`.
 */
async function listCgoFiles(goBin, dir, args, tags, env) {
    const flags = ["list", _list_js__WEBPACK_IMPORTED_MODULE_9__/* .LIST_WITHOUT_VCS */ .F, "-e", ...(tags.length > 0 ? [`-tags=${tags.join(",")}`] : [])];
    const r = await (0,_kit_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .execFile */ .St)(goBin, [...flags, "-f", IMPORT_PATH_AND_CGO_FILES, ...args], {
        cwd: dir,
        env,
        timeoutMs: 5 * 60_000,
        allowFailure: true,
    });
    // The build itself reports a package that cannot be loaded, with go's own words.
    if (r.code !== 0) {
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .debug */ .Yz)(`go list ${args.join(" ")} failed, so no cgo check: ${r.stderr.trim()}`);
        return undefined;
    }
    const out = new Map();
    for (const line of r.stdout.split("\n")) {
        const [path = "", cgo = "0", swig = "0", swigCxx = "0", dir = "", goMod = "", error = ""] = line
            .trim()
            .split("\t");
        if (path)
            out.set(path, { cgo: [cgo, swig, swigCxx].some((n) => n !== "0"), dir, goMod, error: error !== "" });
    }
    return out;
}
/**
 * The packages outside the standard library that a CGO_ENABLED=0 build of `pkg` links
 * although they have cgo files: that build leaves those files out and compiles the rest,
 * usually a `!cgo` stub that builds and fails at run time ("go-sqlite3 requires cgo to work").
 * Per GOOS of the target set (file selection by cgo is a matter of the OS, not the
 * architecture): one `go list -deps` without cgo for what the build links, then one
 * `go list -find` of just those packages with cgo, which reads their directories and loads no
 * dependencies, for which of them have cgo files. The
 * standard library is left out on purpose: net and os/user have pure-Go code for a build
 * without cgo (and the netgo, osusergo tags ask for it). With `cache`, a GOOS whose toolchain,
 * configuration and sources are what an earlier run listed takes that run's answer (go/cgo-cache).
 */
async function cgoStubs(goBin, dir, pkg, targets, tags, env, cache) {
    const byOs = new Map();
    for (const t of targets)
        byOs.set(t.goos, [...(byOs.get(t.goos) ?? []), t]);
    const found = new Map();
    const sources = new _cgo_cache_js__WEBPACK_IMPORTED_MODULE_7__/* .SourceState */ .pS();
    /** One GOOS's packages with cgo files that a build without cgo links. */
    const check = async (first) => {
        const envFor = (cgo) => ({
            ...env,
            GOOS: first.goos,
            GOARCH: first.goarch,
            CGO_ENABLED: cgo,
            GOTOOLCHAIN: "local",
        });
        const entry = cache &&
            (0,_cgo_cache_js__WEBPACK_IMPORTED_MODULE_7__/* .cgoCacheEntry */ .C$)(cache.dir, {
                toolchain: cache.toolchain,
                goBin,
                dir: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir),
                pkg,
                tags,
                env: (0,_cgo_cache_js__WEBPACK_IMPORTED_MODULE_7__/* .goVariables */ .yA)(envFor("0")),
            });
        const listedAt = Date.now();
        const kept = entry && (await (0,_cgo_cache_js__WEBPACK_IMPORTED_MODULE_7__/* .readCgoCache */ .SR)(entry, sources, listedAt));
        if (kept)
            return kept;
        const without = await listCgoFiles(goBin, dir, ["-deps", "--", pkg], tags, envFor("0"));
        if (!without || without.size === 0)
            return [];
        const withCgo = await listCgoFiles(goBin, dir, ["-find", "--", ...without.keys()], tags, envFor("1"));
        if (!withCgo)
            return [];
        const stubs = [...without.keys()].filter((path) => withCgo.get(path)?.cgo);
        const listed = [...without.values(), ...withCgo.values()];
        if (entry && !listed.some((p) => p.error))
            await (0,_cgo_cache_js__WEBPACK_IMPORTED_MODULE_7__/* .writeCgoCache */ .zc)(entry, listed, stubs, listedAt);
        return stubs;
    };
    await Promise.all([...byOs.values()].map(async (group) => {
        for (const path of await check(group[0]))
            found.set(path, [...(found.get(path) ?? []), ...group.map(_contract_targets_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTarget */ .P4)]);
    }));
    return [...found.entries()]
        .map(([importPath, ts]) => {
        const fallback = CGO_FALLBACKS[importPath];
        return { importPath, targets: ts.sort(), ...(fallback ? { fallback } : {}) };
    })
        .sort((a, b) => (a.importPath < b.importPath ? -1 : a.importPath > b.importPath ? 1 : 0));
}
/** What build-static says when a build without cgo would link cgo packages' stubs. */
function cgoStubsMessage(stubs) {
    const names = stubs.map((s) => s.importPath);
    const sqlite = names.some((n) => n.startsWith("github.com/mattn/go-sqlite3"));
    return (`${names.join(", ")} ${names.length === 1 ? "uses" : "use"} cgo, and a build with cgo: false (CGO_ENABLED=0) ` +
        `leaves ${names.length === 1 ? "its" : "their"} C code out: what is linked instead compiles but fails at run time. ` +
        "Two ways out: cgo: true (build-static then links the C code, statically on Linux, with the C compiler setup-go-cross installs), " +
        `or a pure-Go replacement${sqlite ? ' (for SQLite: modernc.org/sqlite, driver name "sqlite")' : ""}. ` +
        "To ship it as it is anyway, set allow-cgo-stubs: true");
}


/***/ }),

/***/ 39358:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ checkedBy),
/* harmony export */   n: () => (/* binding */ targetSpec)
/* harmony export */ });
/* harmony import */ var _contract_platforms_known_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9080);
/* harmony import */ var _contract_targets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5008);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73713);
/* harmony import */ var _kit_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(67127);




/**
 * Input fields more than one action takes, defined once so they validate and read the
 * same everywhere.
 */
/** Runs a check that throws an InputError and turns it into a zod issue on that input. */
function checkedBy(check) {
    return (value, ctx) => {
        try {
            check(value);
        }
        catch (e) {
            // The issue is reported on the input already: keep only what is allowed.
            const message = (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e).replace(/^input "[^"]+" has value "[^"]*": /, "");
            ctx.addIssue({ code: "custom", message });
        }
    };
}
/**
 * A target spec, checked against every platform Go knows before anything runs; the
 * installed Go's own `go tool dist list` is checked again once it is known.
 */
function targetSpec() {
    return (0,_kit_inputs_js__WEBPACK_IMPORTED_MODULE_3__.text)(/^[a-z0-9*/.,\s-]+$/, "comma- or space-separated GOOS/GOARCH[/variant] (e.g. linux/amd64, linux/arm/7), GOOS/*, first-class, or all").superRefine(checkedBy((v) => (0,_contract_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .parseTargetSpec */ .Sf)(v, _contract_platforms_known_js__WEBPACK_IMPORTED_MODULE_0__/* .KNOWN_PLATFORMS */ .P)));
}


/***/ }),

/***/ 60183:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LR: () => (/* binding */ trimLinkCache),
/* harmony export */   Nm: () => (/* binding */ markUsed),
/* harmony export */   Q9: () => (/* binding */ linkCacheDir),
/* harmony export */   x1: () => (/* binding */ linkCacheEntry)
/* harmony export */ });
/* unused harmony export LINK_CACHE_MAX_AGE_MS */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Where build-static keeps Go's link output between runs: beside GOCACHE (a sibling named
 * goship-link), so that it lives where caches live, never in the output directory, and
 * setup-go-cross saves and restores it with the build cache. Go's own up-to-date check (the
 * build ID of an existing output) then skips the link of an unchanged commit, as it does in
 * a plain `go build` loop.
 */
function linkCacheDir(gocache) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(gocache), "goship-link");
}
/**
 * One directory per output directory (a digest of its path), so two projects, or two
 * checkouts of one, never share a link output; a runner's workspace path is the same from
 * run to run, so a restored cache is found again.
 */
function linkCacheEntry(linkDir, outputDir) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(linkDir, (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(outputDir).digest("hex").slice(0, 16));
}
/** Go trims its build cache of entries unused for five days; the link cache does the same. */
const LINK_CACHE_MAX_AGE_MS = 5 * 24 * 3600_000;
/** Marks a cache entry as used at `now` (wall-clock milliseconds); none there: nothing to mark. */
async function markUsed(entry, now) {
    const when = new Date(now);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.utimes)(entry, when, when).catch(() => undefined);
}
/**
 * Marks `entry` as used now and removes the other entries of `linkDir` unused for longer
 * than `maxAgeMs` (`now` is wall-clock milliseconds). Returns the entries it removed.
 */
async function trimLinkCache(linkDir, entry, now, maxAgeMs = LINK_CACHE_MAX_AGE_MS) {
    await markUsed(entry, now); // no entry: nothing was linked
    const names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(linkDir).catch(() => []);
    const removed = [];
    for (const name of names) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(linkDir, name);
        if (path === entry)
            continue;
        const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path).catch(() => undefined);
        if (!s?.isDirectory() || now - s.mtimeMs <= maxAgeMs)
            continue;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { recursive: true, force: true });
        removed.push(path);
    }
    return removed;
}


/***/ }),

/***/ 22784:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ LIST_WITHOUT_VCS)
/* harmony export */ });
/**
 * For every `go list` goship runs. Since Go 1.18 `go list` of a main package reads its VCS
 * information as `go build` does, about seven git commands each time, for a field (BuildInfo)
 * goship never reads from a listing; a build of seven targets lists ten times. The flag on the
 * command line wins over GOFLAGS's -buildvcs=auto, which stays for the builds themselves.
 */
const LIST_WITHOUT_VCS = "-buildvcs=false";


/***/ }),

/***/ 99154:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZL: () => (/* binding */ problemKey),
/* harmony export */   nH: () => (/* binding */ registerGoProblemMatcher),
/* harmony export */   p_: () => (/* binding */ goDiagnostics)
/* harmony export */ });
/* unused harmony exports GO_PROBLEM_MATCHER, matchGoProblem */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83490);




/*
 * One pattern for both shapes Go prints:
 *   go build / go vet:  "pkg/file.go:12:5: undefined: x"   (vet may prefix "vet: ")
 *   go test:            "    file_test.go:12: got 1, want 2" (indented, no column)
 * The file may not contain whitespace or ":" (beyond a Windows drive letter), and the
 * position must be followed by ": ", so stack-trace frames ("\t/x/main.go:12 +0x1d"),
 * "--- FAIL: TestX (0.00s)" and log lines with timestamps do not match. The runner
 * compiles it as a .NET regex with RegexOptions.ECMAScript, so only syntax that
 * means the same in ECMAScript is used.
 */
const GO_PATTERN = {
    regexp: "^\\s*(?:vet: )?((?:[A-Za-z]:)?[^\\s:]+\\.go):(\\d+)(?::(\\d+))?: (.*)$",
    file: 1,
    line: 2,
    column: 3,
    message: 4,
};
/** GitHub's problem-matcher document for Go compiler, vet and test output. */
const GO_PROBLEM_MATCHER = {
    problemMatcher: [{ owner: "goship-go", pattern: [GO_PATTERN] }],
};
const MATCHER_FILE = "goship-go-matcher.json";
/** Workflow-command data escaping, as the runner decodes it. */
function escapeCommandData(s) {
    return s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}
/**
 * Writes the matcher into dir (e.g. RUNNER_TEMP) and registers it with the runner
 * via `::add-matcher::`. In local mode nothing reads workflow commands, so the file
 * is only written. Returns the file's absolute path.
 */
async function registerGoProblemMatcher(dir) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(dir, MATCHER_FILE);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, `${JSON.stringify(GO_PROBLEM_MATCHER, null, 2)}\n`);
    if (!(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_3__/* .isLocalMode */ .Jn)())
        process.stdout.write(`::add-matcher::${escapeCommandData(file)}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
    return file;
}
const goRegExp = new RegExp(GO_PATTERN.regexp);
/** The runner strips ANSI colour codes before matching. */
const COLOR_CODE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m?`, "g");
/**
 * Applies the matcher to one line as the runner does: colour codes stripped, the
 * regexp from the same string, groups picked by the document's indexes, and no
 * match when the message is blank (the runner drops those).
 */
function matchGoProblem(line) {
    const m = goRegExp.exec(line.replace(/\r?\n?$/, "").replace(COLOR_CODE, ""));
    const file = m?.[GO_PATTERN.file];
    const lineNumber = m?.[GO_PATTERN.line];
    const message = m?.[GO_PATTERN.message];
    if (!file || !lineNumber || !message?.trim())
        return undefined;
    const column = m?.[GO_PATTERN.column];
    return {
        file,
        line: Number(lineNumber),
        ...(column ? { column: Number(column) } : {}),
        message,
    };
}
/**
 * The diagnostics in one command's own output (`go build`'s stderr, before anything prefixed
 * its lines), each once, in the order Go printed them.
 */
function goDiagnostics(output) {
    const seen = new Set();
    const found = [];
    for (const line of output.split("\n")) {
        const p = matchGoProblem(line);
        if (!p)
            continue;
        const key = problemKey(p);
        if (seen.has(key))
            continue;
        seen.add(key);
        found.push(p);
    }
    return found;
}
/** What makes two diagnostics the same one: place and text. */
function problemKey(p) {
    return JSON.stringify([p.file, p.line, p.column ?? 0, p.message]);
}


/***/ }),

/***/ 47576:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ toolCacheArch),
/* harmony export */   U: () => (/* binding */ runnerTarget)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);

/** The runner's own GOOS/GOARCH, for picking the toolchain to install. */
function runnerTarget() {
    const goos = { win32: "windows" }[(0,node_os__WEBPACK_IMPORTED_MODULE_0__.platform)()] ?? (0,node_os__WEBPACK_IMPORTED_MODULE_0__.platform)();
    const goarch = {
        x64: "amd64",
        ia32: "386",
        arm64: "arm64",
        arm: "arm",
        ppc64: "ppc64le",
        s390x: "s390x",
        riscv64: "riscv64",
        loong64: "loong64",
    }[(0,node_os__WEBPACK_IMPORTED_MODULE_0__.arch)()] ?? (0,node_os__WEBPACK_IMPORTED_MODULE_0__.arch)();
    return { goos, goarch };
}
/** The architecture name the runner's tool cache uses (os.arch(): "x64", "arm64"), as setup-go does, so preinstalled Go versions are found. */
function toolCacheArch() {
    return (0,node_os__WEBPACK_IMPORTED_MODULE_0__.arch)();
}


/***/ }),

/***/ 1456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dz: () => (/* binding */ pool),
/* harmony export */   ec: () => (/* binding */ fulfilled),
/* harmony export */   y8: () => (/* binding */ poolSettled)
/* harmony export */ });
/**
 * Bounded concurrency: `fn` over `items`, at most `limit` at once, started in input order,
 * results in input order. Two ways to meet a failure, because callers need both: a build
 * stops at the first one (`pool`), a deploy wants every host's outcome (`poolSettled`).
 */
/** Rejects with the first failure; no item starts after it, and those already started finish first. */
async function pool(items, limit, fn) {
    const results = new Array(items.length);
    let failure;
    await drain(items, limit, async (item, i) => {
        if (failure)
            return;
        try {
            results[i] = await fn(item, i);
        }
        catch (error) {
            failure ??= { error };
        }
    });
    if (failure)
        throw failure.error;
    return results;
}
/** Runs every item whatever happens to the others; never rejects: each result says how its item ended. */
async function poolSettled(items, limit, fn) {
    const results = new Array(items.length);
    await drain(items, limit, async (item, i) => {
        try {
            results[i] = { status: "fulfilled", value: await fn(item, i) };
        }
        catch (reason) {
            results[i] = { status: "rejected", reason };
        }
    });
    return results;
}
/** The values of settled results, in order; throws the reason of the first item (in input order) that failed. */
function fulfilled(results) {
    return results.map((r) => {
        if (r.status === "rejected")
            throw r.reason;
        return r.value;
    });
}
/** `limit` workers take the next item from one shared queue until it is empty; `task` never rejects. */
async function drain(items, limit, task) {
    if (!Number.isInteger(limit) || limit < 1) {
        throw new RangeError(`pool: limit must be a whole number of at least 1, not ${limit}`);
    }
    // One iterator for all workers: each next() hands out an item exactly once.
    const queue = items.entries();
    const worker = async () => {
        for (const [i, item] of queue)
            await task(item, i);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}


/***/ })

};
