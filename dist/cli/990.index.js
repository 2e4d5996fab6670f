export const id = 990;
export const ids = [990];
export const modules = {

/***/ 8031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  setupGoCross: () => (/* binding */ setupGoCross)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/contract/targets.ts
var contract_targets = __webpack_require__(5008);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 9 modules
var schemas = __webpack_require__(27597);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __webpack_require__(73713);
// EXTERNAL MODULE: ./src/kit/log.ts
var log = __webpack_require__(83490);
// EXTERNAL MODULE: ./src/go/link-cache.ts
var link_cache = __webpack_require__(60183);
;// CONCATENATED MODULE: ./src/go/cache.ts







/**
 * Module and build caches for Go. The build cache key carries the exact Go version and
 * the target set, so matrix jobs that build different targets never overwrite each
 * other's entries (a collision setup-go's users hit when every job shares one key).
 */
const CachePlan = schemas/* object */.Ikc({
    modDir: schemas/* string */.YjP(),
    buildDir: schemas/* string */.YjP(),
    /** build-static's link outputs (go/link-cache): saved and restored with the build cache. */
    linkDir: schemas/* string */.YjP(),
    modKey: schemas/* string */.YjP(),
    modRestoreKeys: schemas/* array */.YOg(schemas/* string */.YjP()),
    buildKey: schemas/* string */.YjP(),
    buildRestoreKeys: schemas/* array */.YOg(schemas/* string */.YjP()),
});
const CacheState = schemas/* object */.Ikc({
    plan: CachePlan,
    mod: schemas/* enum */.k5n(["exact", "partial", "miss", "unavailable", "error"]),
    build: schemas/* enum */.k5n(["exact", "partial", "miss", "unavailable", "error"]),
});
const SKIP_DIRS = new Set(["node_modules", "vendor", "testdata", ".git"]);
/** go.sum and go.work.sum files below dir (a few levels deep), sorted, for the key. */
async function findSumFiles(dir, depth = 4) {
    const out = [];
    async function walk(d, level) {
        let entries;
        try {
            entries = await (0,promises_.readdir)(d, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const e of entries) {
            if (e.isFile() && (e.name === "go.sum" || e.name === "go.work.sum"))
                out.push((0,external_node_path_.join)(d, e.name));
            else if (e.isDirectory() && level < depth && !SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) {
                await walk((0,external_node_path_.join)(d, e.name), level + 1);
            }
        }
    }
    await walk(dir, 0);
    return out.sort();
}
async function hashFiles(files) {
    if (files.length === 0)
        return "nosum";
    const h = (0,external_node_crypto_.createHash)("sha256");
    for (const f of files) {
        h.update(f.length.toString()); // a boundary, so two files can't hash like one
        h.update(await (0,promises_.readFile)(f));
    }
    return h.digest("hex").slice(0, 32);
}
function planCaches(opts) {
    const base = `goship-go-${opts.runnerOs}-${opts.runnerArch}`;
    const targets = (0,external_node_crypto_.createHash)("sha256").update(opts.targetKey).digest("hex").slice(0, 12);
    const buildPrefix = `${base}-build-go${opts.goVersion}-${targets}-`;
    return {
        modDir: opts.modDir,
        buildDir: opts.buildDir,
        linkDir: (0,link_cache/* linkCacheDir */.Q9)(opts.buildDir),
        modKey: `${base}-mod-${opts.sumHash}`,
        modRestoreKeys: [`${base}-mod-`],
        buildKey: `${buildPrefix}${opts.sumHash}`,
        buildRestoreKeys: [buildPrefix, `${base}-build-go${opts.goVersion}-`],
    };
}
/** Restores both caches; a cache service failure is a warning, never a failed step. */
/**
 * @actions/cache and the Azure storage client it brings are loaded on first use: a run with
 * `cache: false`, and a post step with nothing to save, never evaluate them.
 */
const loadCache = () => Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(838), __webpack_require__.e(878), __webpack_require__.e(110), __webpack_require__.e(91)]).then(__webpack_require__.bind(__webpack_require__, 18091));
async function restoreCaches(plan) {
    const cache = await loadCache();
    if (!cache.isFeatureAvailable()) {
        (0,log/* info */.pq)("Caches: no cache service here (outside GitHub Actions or on GHES without it); skipped");
        return { plan, mod: "unavailable", build: "unavailable" };
    }
    const one = async (dirs, key, restoreKeys) => {
        try {
            const hit = await cache.restoreCache(dirs, key, restoreKeys);
            if (hit === undefined)
                return "miss";
            (0,log/* info */.pq)(`Restored ${dirs.join(", ")} from ${hit}`);
            return hit === key ? "exact" : "partial";
        }
        catch (e) {
            (0,log/* warning */.$e)(`could not restore the cache for ${dirs.join(", ")}: ${(0,errors/* errorMessage */.gJ)(e)}`);
            return "error";
        }
    };
    const mod = await one([plan.modDir], plan.modKey, plan.modRestoreKeys);
    const build = await one([plan.buildDir, plan.linkDir], plan.buildKey, plan.buildRestoreKeys);
    return { plan, mod, build };
}
/** Saves what was not an exact hit. Another job saving the same key first is normal. */
async function saveCaches(state) {
    const fresh = (r) => r === "exact" || r === "unavailable";
    if (fresh(state.mod) && fresh(state.build))
        return [];
    const cache = await loadCache();
    if (!cache.isFeatureAvailable())
        return [];
    const saved = [];
    const one = async (dirs, key, result) => {
        if (fresh(result))
            return;
        try {
            await cache.saveCache(dirs, key);
            saved.push(key);
            (0,log/* info */.pq)(`Saved ${dirs.join(", ")} as ${key}`);
        }
        catch (e) {
            if (e instanceof cache.ReserveCacheError)
                (0,log/* info */.pq)(`Cache ${key} was saved by another job; skipped`);
            else
                (0,log/* warning */.$e)(`could not save the cache for ${dirs.join(", ")}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    };
    await one([state.plan.modDir], state.plan.modKey, state.mod);
    // The link cache is absent when no build-static ran in this job; the build cache alone is saved then.
    await one([state.plan.buildDir, state.plan.linkDir], state.plan.buildKey, state.build);
    return saved;
}

// EXTERNAL MODULE: ./src/go/cgo.ts
var cgo = __webpack_require__(89177);
// EXTERNAL MODULE: ./src/kit/exec.ts
var exec = __webpack_require__(29495);
// EXTERNAL MODULE: ./src/go/runner-platform.ts
var runner_platform = __webpack_require__(47576);
// EXTERNAL MODULE: ./src/go/version.ts
var go_version = __webpack_require__(62054);
;// CONCATENATED MODULE: ./src/go/install.ts








/**
 * Go `version` in the tool cache: <cache>/go/<semver>/<arch> with its ".complete" marker, where
 * placeInToolCache puts it and @actions/tool-cache's find looks for an exact version. Read
 * here, so that a run whose Go is cached does not load the tool-cache package.
 */
function cachedGo(version) {
    const semver = (0,go_version/* goToSemver */.Ot)(version);
    const cacheRoot = process.env.RUNNER_TOOL_CACHE;
    if (!semver || !cacheRoot)
        return undefined;
    const dir = (0,external_node_path_.join)(cacheRoot, "go", semver, (0,runner_platform/* toolCacheArch */.T)());
    return (0,external_node_fs_.existsSync)(dir) && (0,external_node_fs_.existsSync)(`${dir}.complete`) ? dir : undefined;
}
/** The newest of `versions` that satisfies `spec`; undefined when none does. */
function newestSatisfying(spec, versions, input) {
    if (versions.length === 0)
        return undefined;
    try {
        return (0,go_version/* resolveSpec */.ig)(spec, versions, input);
    }
    catch (e) {
        if (e instanceof errors/* UserError */.yo)
            return undefined; // none of them satisfies it
        throw e;
    }
}
/** Published versions for the runner's platform from one source. */
async function listVersions(source, opts) {
    const { goos, goarch } = (0,runner_platform/* runnerTarget */.U)();
    if (source === "go.dev") {
        const { fetchGoDevReleases } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 8971));
        const releases = await fetchGoDevReleases(opts.goDevBaseUrl);
        const versions = releases
            // go.dev names 32-bit ARM "armv6l".
            .filter((r) => r.files.some((f) => f.os === goos && f.arch === (goarch === "arm" ? "armv6l" : goarch) && f.kind === "archive"))
            .map((r) => r.version.replace(/^go/, ""));
        return { versions, releases };
    }
    const { listToolchainVersions } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 72515));
    return { versions: await listToolchainVersions(opts.proxies, goos, goarch) };
}
/**
 * Resolves the requested version and makes sure that Go is in the tool cache:
 * the tool cache first (no network for an exact version), else a download verified
 * against go.dev's published sha256 or against the Go checksum database. `auto`
 * tries go.dev and falls back to the module proxy, saying so.
 */
async function resolveAndInstallGo(opts) {
    const started = performance.now();
    const notes = [];
    const fromToolCache = (version) => {
        const goroot = cachedGo(version);
        return goroot
            ? { version, goroot, from: "tool-cache", durationMs: performance.now() - started, notes }
            : undefined;
    };
    const exact = (0,go_version/* exactVersion */.y)(opts.request.spec);
    const cachedExact = exact ? fromToolCache(exact) : undefined;
    if (cachedExact)
        return cachedExact;
    // A range (1.25.x, a go directive) that a cached Go satisfies: as setup-go does, that Go,
    // with no network, unless check-latest asks for the newest published one. stable and
    // oldstable name whatever is newest now, so they are always looked up.
    if (!exact && !opts.checkLatest && (0,go_version/* classifySpec */.ug)(opts.request.spec, opts.specInput) === "range") {
        const tc = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(838), __webpack_require__.e(805)]).then(__webpack_require__.bind(__webpack_require__, 59805));
        const cached = tc.findAllVersions("go", (0,runner_platform/* toolCacheArch */.T)()).map(go_version/* semverToGo */.Cd);
        const best = newestSatisfying(opts.request.spec, cached, opts.specInput);
        const hit = best ? fromToolCache(best) : undefined;
        if (hit) {
            (0,log/* info */.pq)(`Go ${best} in the tool cache satisfies ${opts.request.spec}; used without looking for a newer one (check-latest: true would)`);
            return hit;
        }
    }
    // Which sources to try, in order. An exact version from the proxy needs no listing.
    const order = opts.source === "auto" ? ["go.dev", "proxy"] : [opts.source];
    let version = exact;
    let releases;
    const failures = [];
    let usable = order;
    if (!version || order[0] === "go.dev") {
        for (const source of order) {
            try {
                const listed = await listVersions(source, opts);
                version = exact ?? (0,go_version/* resolveSpec */.ig)(opts.request.spec, listed.versions, opts.specInput);
                releases = listed.releases;
                usable = order.slice(order.indexOf(source));
                break;
            }
            catch (e) {
                if (!(e instanceof errors/* UserError */.yo) || e.name === "InputError")
                    throw e;
                failures.push(`${source}: ${(0,errors/* errorMessage */.gJ)(e)}`);
                if (source !== order[order.length - 1]) {
                    const note = `could not list Go versions from ${source} (${(0,errors/* errorMessage */.gJ)(e)}); falling back to the module proxy`;
                    (0,log/* warning */.$e)(note);
                    notes.push(note);
                }
            }
        }
        if (!version)
            throw new errors/* UserError */.yo(`no source could list Go versions:\n  ${failures.join("\n  ")}`);
    }
    const resolved = version;
    if (!exact)
        (0,log/* info */.pq)(`Resolved ${opts.request.spec} to Go ${resolved}`);
    const cached = fromToolCache(resolved);
    if (cached)
        return cached;
    const { goos, goarch } = (0,runner_platform/* runnerTarget */.U)();
    const tmpRoot = process.env.RUNNER_TEMP ?? "";
    if (!tmpRoot)
        throw new Error("RUNNER_TEMP is not set");
    for (const source of usable) {
        const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(tmpRoot, "goship-go-"));
        const staging = (0,external_node_path_.join)(work, "go");
        try {
            let download;
            if (source === "go.dev") {
                const { fetchGoDevReleases, findGoDevArchive, installGoFromGoDev } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 8971));
                const list = releases ?? (await fetchGoDevReleases(opts.goDevBaseUrl));
                if (!findGoDevArchive(list, resolved, goos, goarch)) {
                    throw new errors/* UserError */.yo(`go.dev lists no ${goos}/${goarch} archive for Go ${resolved}`);
                }
                const got = await installGoFromGoDev({
                    version: resolved,
                    goos,
                    goarch,
                    baseUrl: opts.goDevBaseUrl,
                    dest: staging,
                    tmpDir: work,
                    releases: list,
                });
                download = { url: got.url, size: got.size, digest: `sha256:${got.sha256}` };
            }
            else {
                const { installToolchainFromProxy } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 72515));
                const got = await installToolchainFromProxy({
                    version: resolved,
                    goos,
                    goarch,
                    proxies: opts.proxies,
                    dest: staging,
                    tmpDir: work,
                });
                download = { url: got.url, size: got.size, digest: got.h1 };
            }
            await checkGoVersion((0,external_node_path_.join)(staging, "bin", "go"), resolved);
            const goroot = await placeInToolCache(staging, resolved);
            return {
                version: resolved,
                goroot,
                from: source,
                durationMs: performance.now() - started,
                download,
                notes,
            };
        }
        catch (e) {
            if (!(e instanceof errors/* UserError */.yo) || e.name === "InputError")
                throw e;
            failures.push(`${source}: ${(0,errors/* errorMessage */.gJ)(e)}`);
            if (source !== usable[usable.length - 1]) {
                const note = `installing Go ${resolved} from ${source} failed (${(0,errors/* errorMessage */.gJ)(e)}); falling back to the module proxy`;
                (0,log/* warning */.$e)(note);
                notes.push(note);
            }
        }
        finally {
            await (0,promises_.rm)(work, { recursive: true, force: true });
        }
    }
    throw new errors/* UserError */.yo(`could not install Go ${resolved}:\n  ${failures.join("\n  ")}`);
}
/** The unpacked toolchain must report exactly the version asked for before it is cached. */
async function checkGoVersion(goBin, version) {
    const { stdout } = await (0,exec/* execFile */.St)(goBin, ["version"], {
        env: { ...process.env, GOTOOLCHAIN: "local" },
        timeoutMs: 60_000,
    });
    const { goos, goarch } = (0,runner_platform/* runnerTarget */.U)();
    const want = `go version go${version} ${goos}/${goarch}`;
    if (stdout.trim() !== want)
        throw new errors/* UserError */.yo(`the downloaded Go says "${stdout.trim()}", expected "${want}"`);
}
/**
 * Moves a verified GOROOT into the tool cache in the layout @actions/tool-cache reads
 * (<cache>/go/<semver>/<arch> plus an "<arch>.complete" marker written last), by rename
 * rather than a 250 MB copy. A crash before the marker leaves nothing that counts as cached.
 */
async function placeInToolCache(staging, version) {
    const cacheRoot = process.env.RUNNER_TOOL_CACHE ?? "";
    if (!cacheRoot)
        throw new Error("RUNNER_TOOL_CACHE is not set");
    const arch = (0,runner_platform/* toolCacheArch */.T)();
    const dest = (0,external_node_path_.join)(cacheRoot, "go", (0,go_version/* goToSemver */.Ot)(version), arch);
    await (0,promises_.rm)(`${dest}.complete`, { force: true });
    await (0,promises_.rm)(dest, { recursive: true, force: true });
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(dest), { recursive: true });
    try {
        await (0,promises_.rename)(staging, dest);
    }
    catch (e) {
        if (e.code !== "EXDEV")
            throw e;
        const tc = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(838), __webpack_require__.e(805)]).then(__webpack_require__.bind(__webpack_require__, 59805));
        return tc.cacheDir(staging, "go", (0,go_version/* goToSemver */.Ot)(version), arch);
    }
    await (0,promises_.writeFile)(`${dest}.complete`, "");
    return dest;
}

// EXTERNAL MODULE: ./src/go/problem-matcher.ts
var problem_matcher = __webpack_require__(99154);
// EXTERNAL MODULE: ./src/go/proxy.ts + 1 modules
var proxy = __webpack_require__(72515);
// EXTERNAL MODULE: ./src/kit/action.ts + 1 modules
var action = __webpack_require__(86962);
// EXTERNAL MODULE: ./src/kit/workflow.ts
var workflow = __webpack_require__(83179);
// EXTERNAL MODULE: ./src/go/godev.ts
var godev = __webpack_require__(8971);
// EXTERNAL MODULE: ./src/go/input-fields.ts
var input_fields = __webpack_require__(39358);
// EXTERNAL MODULE: ./src/kit/inputs.ts
var inputs = __webpack_require__(67127);
;// CONCATENATED MODULE: ./src/actions/setup-go-cross/schema.ts





const schema_inputs = schemas/* object */.Ikc({
    "working-directory": (0,inputs.line)("a directory path")
        .default(".")
        .describe("Directory of the Go module (e.g. server when go.mod is in server/): where go.work, go.mod, .go-version or .tool-versions are looked for by default, and what cgo auto looks at. go-version-file stays a path from the workspace."),
    "go-version": (0,inputs.text)(/^[0-9a-z.^~<>=|*\s-]+$/, "a Go version (1.25.4, 1.26rc1), a minor version or range (1.25, 1.25.x, ^1.25, >=1.24 <1.26), stable or oldstable")
        .superRefine((0,input_fields/* checkedBy */.N)((v) => (0,go_version/* classifySpec */.ug)(v, "go-version")))
        .optional()
        .describe("Go version or range to install: 1.26.8, 1.26rc1, 1.25, 1.25.x, ^1.25, >=1.24 <1.26, stable, oldstable. Overrides go-version-file. Go 1.21 and later: an older request (go 1.13 in go.mod) is refused before any download."),
    "go-version-file": (0,inputs.line)("a path to go.mod, go.work, .go-version or .tool-versions")
        .optional()
        .describe("File to read the version from: go.mod or go.work (toolchain directive, then go directive), .go-version, .tool-versions. Default: the first of go.work, go.mod, .go-version, .tool-versions in the working directory."),
    targets: (0,input_fields/* targetSpec */.n)()
        .optional()
        .describe("Targets to validate and expand into the matrix output: GOOS/GOARCH[/variant] items separated by commas or spaces (linux/amd64, linux/arm/7, linux/amd64/v3), GOOS/*, first-class, all. Default: the runner's own platform."),
    cgo: (0,inputs.choice)(["false", "true", "auto"])
        .default("false")
        .describe('Install C cross compilers for the targets: false, true, or auto (when the module or a dependency imports "C").'),
    cache: (0,inputs.choice)(["true", "false", "restore-only"])
        .default("true")
        .describe("Restore and save the Go module and build caches: true, false, or restore-only (never saves; for pull requests)."),
    "download-source": (0,inputs.choice)(["auto", "go.dev", "proxy"])
        .default("auto")
        .describe("Where to download Go: auto (go.dev, falling back to the module proxy), go.dev, or proxy (the golang.org/toolchain module through GOPROXY, verified against sum.golang.org)."),
    "check-latest": (0,inputs.boolean)()
        .prefault("false")
        .describe("Look for the newest Go that satisfies a version range (1.25.x, a go directive) even when the tool cache already holds one. Default: a cached Go that satisfies the range is used with no network."),
    "go-download-base-url": (0,inputs.text)(/^https?:\/\/[^\s"'`$\\]+$/, "an https URL serving go.dev/dl's listing and files (cleartext http only to 127.0.0.0/8 or [::1])")
        .superRefine((0,input_fields/* checkedBy */.N)((v) => (0,godev/* checkGoDevBaseUrl */.A6)(v)))
        .default("https://go.dev/dl")
        .describe("Base URL serving go.dev/dl's JSON listing and archives (a mirror)."),
    goproxy: (0,inputs.text)(/^[A-Za-z0-9:/._~%@+,|=-]+$/, "a GOPROXY list: http(s) URLs separated by , or |")
        .optional()
        .describe("GOPROXY list for the proxy download source. Default: $GOPROXY, else https://proxy.golang.org."),
});
const outputs = {
    "go-version": "Exact Go version installed, e.g. 1.26.8",
    "go-root": "GOROOT of the installed Go",
    targets: "Normalized targets, comma-separated",
    matrix: 'JSON for strategy.matrix: {"include":[{"goos","goarch","variant"?,"target","cc"?}]}',
    "cache-hit": "true when both the module and the build cache were restored from an exact key",
};

// EXTERNAL MODULE: ./src/kit/summary.ts
var kit_summary = __webpack_require__(94508);
;// CONCATENATED MODULE: ./src/actions/setup-go-cross/summary.ts


/** More targets than this go into a collapsed block. */
const LONG_TABLE = 10;
/** Where the toolchain came from, and how it was checked. */
function describeSource(go) {
    const t = (0,log/* seconds */.YA)(go.durationMs);
    switch (go.from) {
        case "tool-cache":
            return `the tool cache (${t})`;
        case "go.dev":
            return `go.dev, sha256 checked against go.dev's listing, ${(0,log/* bytes */.ee)(go.download?.size ?? 0)} in ${t}`;
        case "proxy":
            return `the module proxy (golang.org/toolchain), ${go.download?.digest} checked against sum.golang.org, ${(0,log/* bytes */.ee)(go.download?.size ?? 0)} in ${t}`;
    }
}
/**
 * Status first: the Go version, what asked for it (in the user's words, never an internal
 * range) and where it came from; then caches and GOROOT; then the targets, with only the
 * columns some target fills.
 */
function setupSummary(r) {
    const { go, request } = r;
    const asked = request.derived || request.spec === go.version ? request.source : `${request.source}: ${request.spec}`;
    const n = r.matrix.include.length;
    const summary = new kit_summary/* Summary */.BD()
        .heading("setup-go-cross")
        .status(true, `Go **${go.version}** for ${n} target${n === 1 ? "" : "s"}, from ${describeSource(go)}`)
        .list([
        `asked for by ${asked}`,
        `caches: ${r.cache ? `modules ${r.cache.mod}, build ${r.cache.build}` : "off"}`,
        `GOROOT: \`${go.goroot}\``,
        ...go.notes,
    ]);
    const rows = r.matrix.include;
    const all = [
        { name: "target", cell: (m) => m.target },
        { name: "GOOS", cell: (m) => m.goos },
        { name: "GOARCH", cell: (m) => m.goarch },
        { name: "variant", cell: (m) => m.variant ?? "" },
        { name: "cgo C compiler", cell: (m) => (m.cc ? `\`${m.cc}\`` : "") },
    ];
    const columns = all.filter((c) => rows.some((m) => c.cell(m) !== ""));
    const table = new kit_summary/* Summary */.BD().table(columns.map((c) => c.name), rows.map((m) => columns.map((c) => c.cell(m))));
    if (rows.length > LONG_TABLE)
        summary.details(`${rows.length} targets`, table);
    else
        summary.paragraph(table.toMarkdown().trimEnd());
    return summary;
}

;// CONCATENATED MODULE: ./src/actions/setup-go-cross/main.ts

















/**
 * The input, else the named file, else the first version file in the working directory;
 * refused before any download when only a Go too old for goship would meet it.
 */
async function versionRequest(i, workDir) {
    if (i["go-version"]) {
        if (i["go-version-file"])
            workflow/* warning */.$e("both go-version and go-version-file are set; using go-version");
        const request = { spec: i["go-version"], source: "input go-version" };
        (0,go_version/* checkServable */.Fp)(request, "go-version", i["go-version"]);
        return request;
    }
    // go-version-file is a path from the workspace, as in setup-go; the files looked for by
    // default are the working directory's own.
    const found = go_version/* VERSION_FILES */.TS.find((f) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(workDir, f)));
    const file = i["go-version-file"] ?? (found && ((0,external_node_path_.relative)(process.cwd(), (0,external_node_path_.join)(workDir, found)) || found));
    if (file) {
        const request = await (0,go_version/* versionFromFile */.R2)(file);
        (0,go_version/* checkServable */.Fp)(request, "go-version-file", file);
        return request;
    }
    throw new errors/* UserError */.yo(`no Go version asked for: set go-version (e.g. stable, 1.26.x) or go-version-file, or point working-directory (now ${i["working-directory"]}) at the module, a directory with one of ${go_version/* VERSION_FILES */.TS.join(", ")}`);
}
const STATE_CACHE = "goship-cache";
const setupGoCross = (0,action.defineAction)({
    name: "setup-go-cross",
    description: "Install a verified Go toolchain, C cross compilers and caches, and expand targets into a build matrix",
    inputs: schema_inputs,
    outputs: outputs,
    async run(i) {
        const workDir = (0,external_node_path_.resolve)(i["working-directory"]);
        if (!(0,external_node_fs_.existsSync)(workDir) || !(0,external_node_fs_.statSync)(workDir).isDirectory()) {
            throw (0,errors/* inputError */.Xu)("working-directory", i["working-directory"], "allowed: an existing directory");
        }
        const request = await versionRequest(i, workDir);
        const proxies = (0,proxy/* proxyURLs */.B)(i.goproxy ?? process.env.GOPROXY ?? "https://proxy.golang.org");
        (0,log/* info */.pq)(request.derived
            ? `Go version: ${request.source}`
            : `Go version ${request.spec} (from ${request.source})`);
        const go = await (0,log/* group */.Os)("Install Go", async () => {
            const installed = await resolveAndInstallGo({
                request,
                specInput: request.source === "input go-version" ? "go-version" : "go-version-file",
                source: i["download-source"],
                goDevBaseUrl: i["go-download-base-url"].replace(/\/+$/, ""),
                proxies,
                checkLatest: i["check-latest"],
            });
            (0,log/* info */.pq)(`Go ${installed.version} from ${installed.from} in ${(0,log/* seconds */.YA)(installed.durationMs)}: ${installed.goroot}`);
            return installed;
        });
        const goBin = (0,external_node_path_.join)(go.goroot, "bin", "go");
        workflow/* exportVariable */.dN("GOTOOLCHAIN", "local");
        workflow/* exportVariable */.dN("GOROOT", go.goroot);
        workflow/* addPath */.fM((0,external_node_path_.join)(go.goroot, "bin"));
        const goEnv = { ...process.env, GOTOOLCHAIN: "local", GOROOT: go.goroot };
        const envOut = await (0,exec/* execFile */.St)(goBin, ["env", "GOPATH", "GOCACHE", "GOMODCACHE"], {
            env: goEnv,
            timeoutMs: 60_000,
        });
        const [gopath = "", gocache = "", gomodcache = ""] = envOut.stdout.trim().split("\n");
        if (gopath)
            workflow/* addPath */.fM((0,external_node_path_.join)(gopath.split(":")[0], "bin"));
        (0,log/* info */.pq)(`Exported GOTOOLCHAIN=local, GOROOT=${go.goroot}; ${go.goroot}/bin on PATH`);
        // Targets: checked against what this Go can build.
        const platforms = await (0,contract_targets/* listPlatforms */.Rd)(goBin, goEnv);
        const runner = (0,runner_platform/* runnerTarget */.U)();
        const targets = (0,contract_targets/* parseTargetSpec */.Sf)(i.targets ?? `${runner.goos}/${runner.goarch}`, platforms);
        // cgo: C cross compilers from the distribution's packages.
        const cc = new Map();
        const cgoTargets = i.cgo === "true" ? targets : i.cgo === "auto" && (await (0,cgo/* usesCgo */.qq)(workDir, goBin, goEnv)) ? targets : [];
        if (i.cgo === "auto")
            (0,log/* info */.pq)(`The module in ${(0,external_node_path_.relative)(process.cwd(), workDir) || "."} ${cgoTargets.length > 0 ? "uses" : "does not use"} cgo`);
        if (cgoTargets.length > 0) {
            await (0,log/* group */.Os)("C cross compilers", async () => {
                const plan = (0,cgo/* planCrossCompilers */.SQ)(cgoTargets, runner.goarch);
                if (plan.unsupported.length > 0) {
                    throw new errors/* UserError */.yo(`cgo is not supported here for:\n${plan.unsupported.map((u) => `  - ${(0,contract_targets/* formatTarget */.P4)(u.target)}: ${u.reason}`).join("\n")}`);
                }
                const packages = [...new Set(plan.compilers.flatMap((c) => c.compiler.packages))].sort();
                const { present, installed } = await (0,cgo/* installDebianPackages */.uK)(packages);
                (0,log/* info */.pq)(`Packages: ${installed.length} installed (${installed.join(", ") || "none"}), ${present.length} already present`);
                for (const c of plan.compilers)
                    cc.set((0,contract_targets/* formatTarget */.P4)(c.target), c.compiler.cc);
            });
        }
        const matrix = (0,contract_targets/* buildMatrix */.Kn)(targets, cc);
        await (0,problem_matcher/* registerGoProblemMatcher */.nH)(process.env.RUNNER_TEMP);
        // Caches.
        let cacheState;
        if (i.cache !== "false") {
            cacheState = await (0,log/* group */.Os)("Restore caches", async () => {
                const plan = planCaches({
                    runnerOs: process.env.RUNNER_OS ?? process.platform,
                    runnerArch: process.env.RUNNER_ARCH ?? process.arch,
                    goVersion: go.version,
                    targetKey: JSON.stringify(matrix),
                    sumHash: await hashFiles(await findSumFiles(process.cwd())),
                    modDir: gomodcache,
                    buildDir: gocache,
                });
                const state = await restoreCaches(plan);
                if (i.cache === "true")
                    workflow/* saveState */.LZ(STATE_CACHE, JSON.stringify(state));
                return state;
            });
        }
        const cacheHit = cacheState?.mod === "exact" && cacheState.build === "exact";
        (0,action.setOutputs)(setupGoCross, {
            "go-version": go.version,
            "go-root": go.goroot,
            targets: targets.map(contract_targets/* formatTarget */.P4).join(","),
            matrix: JSON.stringify(matrix),
            "cache-hit": cacheHit,
        });
        await setupSummary({ go, request, ...(cacheState ? { cache: cacheState } : {}), matrix }).write();
    },
    async post() {
        const raw = workflow/* getState */.Gu(STATE_CACHE);
        if (!raw)
            return;
        const state = CacheState.parse(JSON.parse(raw));
        const saved = await saveCaches(state);
        if (saved.length === 0)
            (0,log/* info */.pq)("Caches: nothing new to save");
    },
});


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

/***/ 8971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A6: () => (/* binding */ checkGoDevBaseUrl),
/* harmony export */   fetchGoDevReleases: () => (/* binding */ fetchGoDevReleases),
/* harmony export */   findGoDevArchive: () => (/* binding */ findGoDevArchive),
/* harmony export */   installGoFromGoDev: () => (/* binding */ installGoFromGoDev)
/* harmony export */ });
/* unused harmony exports GoDevFile, GoDevRelease */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(27597);
/* harmony import */ var _archive_tar_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(29661);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73713);
/* harmony import */ var _kit_http_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(30162);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83490);
/* harmony import */ var _kit_progress_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(13701);








/**
 * Go distributions from go.dev/dl: the JSON release listing, and the download of one
 * archive verified against the sha256 that listing publishes.
 */
/** One file of a release in https://go.dev/dl/?mode=json&include=all. */
const GoDevFile = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    // Used as a URL path segment and a local file name: no separators, no leading dot.
    filename: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/),
    os: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    arch: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    version: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().regex(/^go[0-9][0-9a-z.]*$/),
    sha256: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/),
    size: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().nonnegative(),
    kind: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(["archive", "installer", "source"]),
});
const GoDevRelease = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().regex(/^go[0-9][0-9a-z.]*$/),
    stable: zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY(),
    files: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(GoDevFile),
});
const BASE_URL_ALLOWED = "an https URL serving go.dev/dl's listing and archives, without credentials, query or fragment; cleartext http only to a loopback address (127.0.0.0/8 or [::1])";
/**
 * Checks a go.dev-style base URL. Such a source gives the archive and the sha256 that checks
 * it from one origin, so over cleartext whoever is on the path can change both: https only.
 * The exception is a literal loopback address (127.0.0.0/8, [::1]), whose traffic never leaves
 * the machine (a mirror on the runner, tests); a name such as localhost is not, since it
 * resolves through the hosts file or DNS. Credentials in the URL would be printed with every
 * download line, and a query would break the paths built on it: both refused.
 */
function checkGoDevBaseUrl(value, input = "go-download-base-url") {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, value, `it is not a URL; allowed: ${BASE_URL_ALLOWED}`);
    }
    // A query may carry a token as credentials do: neither is shown (input errors hide user:pass@).
    const shown = value.replace(/([?#]).*$/s, "$1***");
    if (url.username || url.password)
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, shown, `it carries credentials; allowed: ${BASE_URL_ALLOWED}`);
    if (url.search || url.hash)
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, shown, `it has a query or fragment; allowed: ${BASE_URL_ALLOWED}`);
    if (url.protocol === "https:")
        return;
    const loopback = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname) || url.hostname === "[::1]";
    if (url.protocol === "http:" && loopback)
        return;
    throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, value, url.protocol === "http:"
        ? `cleartext http to ${url.hostname} would let anyone on the path change both the archive and its checksum; allowed: ${BASE_URL_ALLOWED}`
        : `the scheme ${url.protocol} is not https:; allowed: ${BASE_URL_ALLOWED}`);
}
/** go.dev's whole listing (every release since Go 1, every file) is a few MB; this leaves room for years. */
const MAX_LISTING_BYTES = 32 * 1024 * 1024;
function trimBase(baseUrl) {
    return baseUrl.replace(/\/+$/, "");
}
/**
 * Fetches and validates the release listing. The timeout is short and there are only
 * two attempts, so a caller on a network without go.dev can fall back quickly.
 */
async function fetchGoDevReleases(baseUrl) {
    checkGoDevBaseUrl(baseUrl);
    const url = `${trimBase(baseUrl)}/?mode=json&include=all`;
    const text = await (0,_kit_http_js__WEBPACK_IMPORTED_MODULE_4__/* .fetchText */ .Sy)(url, { maxBytes: MAX_LISTING_BYTES, timeoutMs: 10_000, attempts: 2 });
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`the Go release listing at ${url} is not JSON: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
    }
    const parsed = zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(GoDevRelease).safeParse(json);
    if (!parsed.success) {
        const issues = parsed.error.issues;
        const shown = issues
            .slice(0, 5)
            .map((i) => `  - at [${i.path.join("][")}]: ${i.message}`)
            .join("\n");
        const more = issues.length > 5 ? `\n  … and ${issues.length - 5} more` : "";
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`the Go release listing at ${url} is not in the expected shape:\n${shown}${more}`);
    }
    return parsed.data;
}
/** go.dev spells a few architectures differently from GOARCH. */
function goDevArch(goarch) {
    return goarch === "arm" ? "armv6l" : goarch;
}
/**
 * The .tar.gz archive of Go `version` ("1.25.4") for goos/goarch, or undefined when
 * the listing has none. Windows builds are published only as .zip, which is not
 * extracted here, so asking for one is an error that says so.
 */
function findGoDevArchive(releases, version, goos, goarch) {
    if (goos === "windows") {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`Go for windows is published on go.dev only as a .zip archive, and only .tar.gz archives are supported; ` +
            `use a Linux or macOS runner, or install Go ${version} through the Go module proxy`);
    }
    const release = releases.find((r) => r.version === `go${version}`);
    const arch = goDevArch(goarch);
    const file = release?.files.find((f) => f.kind === "archive" && f.os === goos && f.arch === arch && f.filename.endsWith(".tar.gz"));
    return file && { filename: file.filename, sha256: file.sha256, size: file.size };
}
/**
 * Downloads the archive, verifying its sha256 while streaming, and extracts it so that
 * `dest/bin/go` exists. Extraction goes to a sibling of dest that is renamed into place
 * only after success, so a failed install leaves no dest behind.
 */
async function installGoFromGoDev(opts) {
    checkGoDevBaseUrl(opts.baseUrl);
    const base = trimBase(opts.baseUrl);
    const releases = opts.releases ?? (await fetchGoDevReleases(base));
    const file = findGoDevArchive(releases, opts.version, opts.goos, opts.goarch);
    const what = `Go ${opts.version} for ${opts.goos}/${opts.goarch}`;
    if (!file)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`the go.dev listing at ${base} has no .tar.gz archive of ${what}`);
    if (await exists(opts.dest)) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`cannot install ${what} into ${opts.dest}: it already exists`);
    }
    const url = `${base}/${file.filename}`;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(opts.tmpDir, { recursive: true });
    const work = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(opts.tmpDir, "godev-"));
    // A sibling of dest, so the final rename stays on one file system.
    const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(opts.dest));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(parent, { recursive: true });
    const staging = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(parent, `.${node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(opts.dest)}.partial-`));
    try {
        const archive = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(work, file.filename);
        let started = performance.now();
        const got = await _kit_progress_js__WEBPACK_IMPORTED_MODULE_6__/* .progress */ .qB
            .during(`Downloading ${url} (${(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .bytes */ .ee)(file.size)}), sha256 checked on the way`, () => (0,_kit_http_js__WEBPACK_IMPORTED_MODULE_4__/* .downloadFile */ .PE)(url, archive, {
            sha256: file.sha256,
            // Not a byte more than the listing says: a larger answer is refused at once.
            maxBytes: file.size,
            timeoutMs: 60_000,
            attempts: 3,
        }))
            .catch((e) => {
            if (e instanceof _kit_http_js__WEBPACK_IMPORTED_MODULE_4__/* .HttpError */ .j$) {
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`downloading ${what}: GET ${e.url} answered HTTP ${e.status}`);
            }
            throw e;
        });
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`Downloaded ${(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .bytes */ .ee)(got.size)} in ${(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .seconds */ .YA)(performance.now() - started)}; sha256 ${got.sha256} verified`);
        started = performance.now();
        const extracted = await _kit_progress_js__WEBPACK_IMPORTED_MODULE_6__/* .progress */ .qB.during(`Extracting ${file.filename}`, () => (0,_archive_tar_js__WEBPACK_IMPORTED_MODULE_2__/* .extractTarGz */ .Ce)(archive, staging, { stripComponents: 1 }));
        if (!(await exists(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(staging, "bin", "go")))) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${url} does not contain go/bin/go; it is not a Go distribution`);
        }
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`Extracted ${extracted.files} files (${(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .bytes */ .ee)(extracted.bytes)}) in ${(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .seconds */ .YA)(performance.now() - started)}`);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(staging, opts.dest);
        return { url, size: got.size, sha256: got.sha256 };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(staging, { recursive: true, force: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(work, { recursive: true, force: true });
    }
}
/** lstat, so that a dangling symlink counts as existing. */
async function exists(p) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(p).then(() => true, () => false);
}


/***/ }),

/***/ 72515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  installToolchainFromProxy: () => (/* binding */ installToolchainFromProxy),
  listToolchainVersions: () => (/* binding */ listToolchainVersions),
  B: () => (/* binding */ proxyURLs)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(62088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./src/archive/zip.ts
var zip = __webpack_require__(3781);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __webpack_require__(73713);
// EXTERNAL MODULE: ./src/kit/http.ts
var http = __webpack_require__(30162);
// EXTERNAL MODULE: ./src/kit/log.ts
var log = __webpack_require__(83490);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __webpack_require__(13701);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/go/sumdb.ts




/** sum.golang.org and its key as compiled into the go command (cmd/go/internal/modfetch/key.go). */
const GO_SUMDB = {
    name: "sum.golang.org",
    verifierKey: "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
};
/** Height of the published tiles; sum.golang.org serves tile/8/… only. */
const TILE_HEIGHT = 8;
const TILE_WIDTH = 1 << TILE_HEIGHT;
const HASH_SIZE = 32;
/** Records and notes are a few hundred bytes; the go command refuses notes over 1 MB. */
const MAX_LOOKUP_BYTES = 1_000_000;
/**
 * Looks up module@version, verifies the signed tree head and the record's inclusion in
 * that tree, and returns the record's go.sum hashes. `baseURLs` are database roots to
 * try in order (e.g. "https://proxy.golang.org/sumdb/sum.golang.org"); a base that
 * cannot be reached is skipped, but an answer that fails verification ends the lookup.
 */
async function lookupModuleHash(module, version, opts) {
    const config = opts.config ?? GO_SUMDB;
    const verifier = parseVerifierKey(config.verifierKey);
    if (verifier.name !== config.name) {
        throw new errors/* UserError */.yo(`checksum database ${config.name}: its verifier key is for "${verifier.name}"`);
    }
    if (opts.baseURLs.length === 0)
        throw new errors/* UserError */.yo(`no URL to reach the checksum database ${config.name}`);
    const what = `${module}@${version}`;
    const lookupPath = `/lookup/${escapeModulePath(module)}@${escapeModuleVersion(version)}`;
    const failures = [];
    for (const rawBase of opts.baseURLs) {
        const base = rawBase.replace(/\/+$/, "");
        let body;
        try {
            body = await (0,http/* fetchBytes */.ci)(`${base}${lookupPath}`, { maxBytes: MAX_LOOKUP_BYTES });
        }
        catch (e) {
            if (e instanceof http/* HttpError */.j$ && (e.status === 404 || e.status === 410)) {
                throw new errors/* UserError */.yo(`${what} is not in the checksum database ${config.name} (${e.message})`);
            }
            failures.push((0,errors/* errorMessage */.gJ)(e));
            continue;
        }
        const fail = (why) => {
            throw new errors/* UserError */.yo(`SECURITY ERROR: checksum database ${config.name} (via ${base}) for ${what}: ${why}`);
        };
        const record = parseLookup(body, fail);
        const treeText = openNote(record.note, verifier, fail);
        const tree = parseTree(treeText, fail);
        if (record.id >= tree.size)
            fail(`record ${record.id} is not in the signed tree of size ${tree.size}`);
        const leaf = sha256(Buffer.from([0x00]), record.text);
        const tiles = new TileFetcher(base, tree.size, fail);
        const root = await tiles.rootWithLeaf(record.id, leaf);
        if (!root.equals(tree.hash)) {
            fail(`record ${record.id} is not included in the signed tree of size ${tree.size} (the proof does not match)`);
        }
        (0,log/* debug */.Yz)(`${what}: record ${record.id} verified in ${config.name} tree of size ${tree.size}`);
        return hashesFromRecord(record.text.toString("utf8"), module, version, fail);
    }
    throw new errors/* UserError */.yo(`could not reach the checksum database ${config.name}:\n  ${failures.join("\n  ")}`);
}
// ─── Module paths in URLs ─────────────────────────────────────────────────────────
/**
 * The proxy protocol's case encoding: "github.com/BurntSushi/toml" →
 * "github.com/!burnt!sushi/toml", so that case-insensitive file systems can serve it.
 */
function escapeModulePath(path) {
    const elements = path.split("/");
    if (!/^[A-Za-z0-9._~+/-]+$/.test(path) || elements.some((e) => e === "" || e === "." || e === "..")) {
        throw new errors/* UserError */.yo(`"${path}" is not a module path`);
    }
    return caseEncode(path);
}
function escapeModuleVersion(version) {
    if (!/^v[A-Za-z0-9.+-]+$/.test(version))
        throw new errors/* UserError */.yo(`"${version}" is not a module version`);
    return caseEncode(version);
}
function caseEncode(s) {
    return s.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}
function parseVerifierKey(vkey) {
    const bad = (why) => {
        throw new errors/* UserError */.yo(`invalid checksum database verifier key "${vkey}": ${why}`);
    };
    const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
    if (!m)
        return bad(`expected <name>+<8 hex digits>+<base64 key>`);
    const [, name, hash16, key64] = m;
    const key = strictBase64(key64);
    const ED25519 = 1;
    if (key?.length !== 33 || key[0] !== ED25519)
        return bad("not an ed25519 key");
    // The key hash binds the name to the key: sha256(name "\n" 0x01 key)[:4].
    const keyHash = sha256(Buffer.from(`${name}\n`), key).readUInt32BE(0);
    if (keyHash !== Number.parseInt(hash16, 16))
        bad("the key hash does not match the name and key");
    const x = key.subarray(1).toString("base64url");
    return { name, keyHash, key: (0,external_node_crypto_.createPublicKey)({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" }) };
}
/**
 * Opens a signed note ("text\n\n— name base64(keyhash ‖ sig)\n…") and returns its text
 * once a signature by `v` verifies. A signature that claims `v`'s name and key hash
 * but does not verify is an error, not something to skip.
 */
function openNote(note, v, fail) {
    let s = "";
    try {
        s = new TextDecoder("utf-8", { fatal: true }).decode(note);
    }
    catch {
        fail("the signed tree note is not UTF-8");
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\u0000-\u0009\u000b-\u001f]/.test(s))
        fail("the signed tree note has control characters");
    const split = s.lastIndexOf("\n\n");
    if (split < 0)
        fail("the tree note has no signatures");
    const text = s.slice(0, split + 1);
    const sigs = s.slice(split + 2);
    if (sigs === "" || !sigs.endsWith("\n"))
        fail("the tree note's signature block is malformed");
    const lines = sigs.slice(0, -1).split("\n");
    if (lines.length > 100)
        fail("the tree note has too many signatures");
    let verified = false;
    for (const line of lines) {
        const m = /^— ([^\s+]+) (\S+)$/.exec(line);
        if (!m)
            return fail(`malformed signature line "${line}"`);
        const [, name, b64] = m;
        const sig = strictBase64(b64);
        if (!sig || sig.length < 5)
            return fail(`malformed signature line "${line}"`);
        if (name !== v.name || sig.readUInt32BE(0) !== v.keyHash)
            continue; // someone else's witness
        const ok = sig.length === 4 + 64 && (0,external_node_crypto_.verify)(null, Buffer.from(text, "utf8"), v.key, sig.subarray(4));
        if (!ok)
            fail(`the tree note's signature by ${v.name} does not verify`);
        verified = true;
    }
    if (!verified)
        fail(`the tree note is not signed by ${v.name}+${v.keyHash.toString(16).padStart(8, "0")}`);
    return text;
}
function parseTree(text, fail) {
    const lines = text.split("\n");
    const [head, sizeText, hashText] = lines;
    if (head !== "go.sum database tree" ||
        lines.length < 4 ||
        sizeText === undefined ||
        hashText === undefined) {
        return fail("the signed note is not a go.sum database tree");
    }
    const size = Number(sizeText);
    if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(size))
        fail(`bad tree size "${sizeText}"`);
    const hash = strictBase64(hashText);
    if (!hash || hash.length !== HASH_SIZE)
        return fail(`bad tree hash "${hashText}"`);
    return { size, hash };
}
/** A lookup answer: "<id>\n<record text>\n<signed tree note>". */
function parseLookup(body, fail) {
    const nl = body.indexOf(0x0a);
    const idText = nl < 0 ? "" : body.subarray(0, nl).toString("latin1");
    const id = Number(idText);
    if (!/^(0|[1-9][0-9]*)$/.test(idText) || !Number.isSafeInteger(id))
        return fail("malformed lookup answer");
    const rest = body.subarray(nl + 1);
    const end = rest.indexOf("\n\n");
    if (end < 0)
        return fail("malformed lookup answer");
    const text = rest.subarray(0, end + 1);
    let decoded = "";
    try {
        decoded = new TextDecoder("utf-8", { fatal: true }).decode(text);
    }
    catch {
        fail("the record is not UTF-8");
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\u0000-\u0009\u000b-\u001f]/.test(decoded))
        fail("the record has control characters");
    return { id, text, note: rest.subarray(end + 2) };
}
function hashesFromRecord(text, module, version, fail) {
    const found = {};
    for (const line of text.split("\n")) {
        const [m, v, h, ...extra] = line.split(" ");
        if (m !== module || extra.length > 0 || h === undefined)
            continue;
        const kind = v === version ? "zip" : v === `${version}/go.mod` ? "mod" : undefined;
        if (!kind)
            continue;
        if (!/^h1:[A-Za-z0-9+/]{43}=$/.test(h))
            fail(`malformed hash "${h}" in the record`);
        if (found[kind] !== undefined && found[kind] !== h)
            fail(`the record gives two ${kind} hashes`);
        found[kind] = h;
    }
    if (!found.zip || !found.mod)
        return fail(`the record has no ${found.zip ? "go.mod" : "zip"} hash:\n${text}`);
    return { zip: found.zip, mod: found.mod };
}
// ─── Merkle tree and tiles ─────────────────────────────────────────────────────
function sha256(...parts) {
    const h = (0,external_node_crypto_.createHash)("sha256");
    for (const p of parts)
        h.update(p);
    return h.digest();
}
const NODE_PREFIX = Buffer.from([0x01]);
function nodeHash(left, right) {
    return sha256(NODE_PREFIX, left, right);
}
/** The largest power of two strictly below n (n ≥ 2): RFC 6962's split point. */
function splitPoint(n) {
    let k = 1;
    while (k * 2 < n)
        k *= 2;
    return k;
}
/** The largest power of two at most n (n ≥ 1). */
function largestPowerAtMost(n) {
    let k = 1;
    while (k * 2 <= n)
        k *= 2;
    return k;
}
/**
 * The hash of the tree [0, size) computed from one leaf (ours, hashed from the record)
 * and the hashes of the complete subtrees beside its path (read from tiles): an RFC 6962
 * audit path whose sibling hashes come from the tiles. It equals the signed root only
 * if the leaf is in the tree at that index.
 */
function rootWithLeaf(size, index, leaf, subtree) {
    // Hash of [lo, hi), a range made of complete subtrees (largest first), folded from the right.
    const rangeHash = (lo, hi) => {
        const parts = [];
        while (lo < hi) {
            const k = largestPowerAtMost(hi - lo);
            if (lo % k !== 0)
                throw new Error("bad math in rangeHash");
            parts.push(subtree(Math.log2(k), lo / k));
            lo += k;
        }
        let h = parts.pop();
        for (let p = parts.pop(); p; p = parts.pop())
            h = nodeHash(p, h);
        return h;
    };
    const walk = (lo, hi) => {
        if (hi - lo === 1)
            return leaf;
        const k = splitPoint(hi - lo);
        return index < lo + k
            ? nodeHash(walk(lo, lo + k), rangeHash(lo + k, hi))
            : nodeHash(rangeHash(lo, lo + k), walk(lo + k, hi));
    };
    return walk(0, size);
}
/** "tile/8/1/x123/456" or, at the right edge, "tile/8/0/x001/234.p/17". */
function tilePath(level, n, width) {
    let digits = String(n % 1000).padStart(3, "0");
    for (let rest = Math.floor(n / 1000); rest > 0; rest = Math.floor(rest / 1000)) {
        digits = `x${String(rest % 1000).padStart(3, "0")}/${digits}`;
    }
    return `tile/${TILE_HEIGHT}/${level}/${digits}${width < TILE_WIDTH ? `.p/${width}` : ""}`;
}
/**
 * Reads the hashes an inclusion proof needs from the tiles of a tree of `size` records.
 * A tile at tile level L lists the hashes of consecutive complete subtrees of height 8·L;
 * a subtree of any height is the pairwise hash of a run of one tile's entries.
 */
class TileFetcher {
    base;
    size;
    fail;
    tiles = new Map();
    constructor(base, size, fail) {
        this.base = base;
        this.size = size;
        this.fail = fail;
    }
    async rootWithLeaf(index, leaf) {
        // First pass only notes which tiles the proof reads; they are then fetched together.
        const wanted = new Map();
        const zero = Buffer.alloc(HASH_SIZE);
        rootWithLeaf(this.size, index, leaf, (level, n) => {
            const t = this.locate(level, n);
            wanted.set(`${t.tileLevel}/${t.tileN}`, { level: t.tileLevel, n: t.tileN, width: t.width });
            return zero;
        });
        await Promise.all([...wanted].map(async ([key, t]) => {
            this.tiles.set(key, await this.fetchTile(t.level, t.n, t.width));
        }));
        return rootWithLeaf(this.size, index, leaf, (level, n) => this.subtree(level, n));
    }
    /** Which tile holds the complete subtree `n` of height `level`, and where. */
    locate(level, n) {
        const tileLevel = Math.floor(level / TILE_HEIGHT);
        const span = 2 ** (level - tileLevel * TILE_HEIGHT); // entries of that tile the subtree covers
        const first = n * span;
        const tileN = Math.floor(first / TILE_WIDTH);
        const hashesAtTileLevel = Math.floor(this.size / TILE_WIDTH ** tileLevel);
        const width = Math.min(TILE_WIDTH, hashesAtTileLevel - tileN * TILE_WIDTH);
        const offset = first - tileN * TILE_WIDTH;
        if (width < offset + span)
            throw new Error(`bad math: subtree ${level}/${n} outside tree of size ${this.size}`);
        return { tileLevel, tileN, width, offset, span };
    }
    subtree(level, n) {
        const { tileLevel, tileN, offset, span } = this.locate(level, n);
        const data = this.tiles.get(`${tileLevel}/${tileN}`);
        const hashes = [];
        for (let i = 0; i < span; i++)
            hashes.push(data.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
        while (hashes.length > 1) {
            const next = [];
            for (let i = 0; i < hashes.length; i += 2)
                next.push(nodeHash(hashes[i], hashes[i + 1]));
            hashes.splice(0, hashes.length, ...next);
        }
        return hashes[0];
    }
    /**
     * A partial tile may be gone once the tree has grown past it; then the full tile
     * (same first entries: the log only appends) serves, cut to the width we need.
     */
    async fetchTile(level, n, width) {
        const want = width * HASH_SIZE;
        const url = `${this.base}/${tilePath(level, n, width)}`;
        let data;
        try {
            data = await (0,http/* fetchBytes */.ci)(url, { maxBytes: TILE_WIDTH * HASH_SIZE });
        }
        catch (e) {
            if (width === TILE_WIDTH)
                throw new errors/* UserError */.yo(`reading tile: ${(0,errors/* errorMessage */.gJ)(e)}`);
            const fullURL = `${this.base}/${tilePath(level, n, TILE_WIDTH)}`;
            try {
                data = await (0,http/* fetchBytes */.ci)(fullURL, { maxBytes: TILE_WIDTH * HASH_SIZE });
            }
            catch (e2) {
                throw new errors/* UserError */.yo(`reading tile: ${(0,errors/* errorMessage */.gJ)(e)}; and the full tile: ${(0,errors/* errorMessage */.gJ)(e2)}`);
            }
            if (data.length !== TILE_WIDTH * HASH_SIZE)
                this.fail(`tile ${fullURL} has ${data.length} bytes`);
            return data.subarray(0, want);
        }
        if (data.length !== want)
            this.fail(`tile ${url} has ${data.length} bytes, expected ${want}`);
        return data;
    }
}
/** Base64 that round-trips exactly (Buffer.from alone skips stray characters). */
function strictBase64(s) {
    if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s))
        return undefined;
    const b = Buffer.from(s, "base64");
    return b.toString("base64") === s ? b : undefined;
}

// EXTERNAL MODULE: ./src/go/version.ts
var go_version = __webpack_require__(62054);
;// CONCATENATED MODULE: ./src/go/proxy.ts











/**
 * Go toolchains as modules: since Go 1.21 every release is also published as
 * golang.org/toolchain@v0.0.1-go<version>.<goos>-<goarch> on the module proxy (the
 * go command's GOTOOLCHAIN downloads use it). On networks that reach only a proxy, this
 * is how a toolchain arrives; its zip is verified against the Go checksum database,
 * reached through the proxy's /sumdb/ passthrough.
 */
const TOOLCHAIN_MODULE = "golang.org/toolchain";
/** golang.org/toolchain's version list (one line per release and platform) is well under 1 MB. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;
/**
 * Parses a GOPROXY value ("https://a,https://b|direct", "off"); keeps http(s) URLs in
 * order, drops "direct"; throws UserError if nothing usable remains. As in the go
 * command, "off" and "direct" end the list and a bare host means https://host.
 * An empty value is refused too: callers substitute the default, as `go env` does.
 */
function proxyURLs(goproxy) {
    const urls = [];
    for (const raw of goproxy.split(/[,|]/)) {
        const item = raw.trim();
        if (item === "")
            continue;
        if (item === "off" || item === "direct")
            break;
        const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(item) ? item : `https://${item}`;
        const shown = JSON.stringify(shownEntry(item));
        let url;
        try {
            url = new URL(candidate);
        }
        catch {
            (0,log/* warning */.$e)(`GOPROXY entry ${shown} is not a URL; skipped`);
            continue;
        }
        if (url.username !== "" || url.password !== "") {
            // Sending them is not supported, and no message may show them: masked on a runner too
            // (the password, or a user name that stands alone, as a token does).
            const secret = url.password || url.username;
            (0,log/* maskSecret */.$l)(secret);
            (0,log/* maskSecret */.$l)(safeDecode(secret));
            (0,log/* warning */.$e)(`GOPROXY entry ${shown} carries credentials; skipped`);
            continue;
        }
        if (url.protocol !== "https:" && url.protocol !== "http:") {
            (0,log/* warning */.$e)(`GOPROXY entry ${shown}: only http(s) proxies can be used here; skipped`);
            continue;
        }
        if (url.search !== "" || url.hash !== "") {
            (0,log/* warning */.$e)(`GOPROXY entry ${shown} has a query or fragment; skipped`);
            continue;
        }
        urls.push(url.href.replace(/\/+$/, ""));
    }
    if (urls.length === 0) {
        const shown = goproxy
            .split(/([,|])/)
            .map((part, i) => (i % 2 === 1 ? part : shownEntry(part)))
            .join("");
        throw new errors/* UserError */.yo(`GOPROXY=${JSON.stringify(shown)} names no module proxy (an http:// or https:// URL); installing Go as a module needs one, e.g. https://proxy.golang.org`);
    }
    return urls;
}
/**
 * A GOPROXY entry as a message may show it: credentials ("user:pass@", with or without a
 * scheme), a query and a fragment (where tokens go too) become ***.
 */
function shownEntry(item) {
    return item.replace(/^(\s*(?:[a-z][a-z0-9+.-]*:\/\/)?)[^/?#]*@/i, "$1***@").replace(/([?#]).*$/s, "$1***");
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * Go versions ("1.25.4", "1.26rc1", "1.21.0", "1.20") published as golang.org/toolchain
 * for goos/goarch, from <proxy>/golang.org/toolchain/@v/list, first proxy that answers.
 * Sorted oldest first.
 */
async function listToolchainVersions(proxies, goos, goarch) {
    checkPlatform(goos, goarch);
    const failures = [];
    for (const proxy of proxies) {
        let listing;
        try {
            listing = await (0,http/* fetchText */.Sy)(`${proxy}/${TOOLCHAIN_MODULE}/@v/list`, { maxBytes: MAX_LIST_BYTES });
        }
        catch (e) {
            failures.push((0,errors/* errorMessage */.gJ)(e));
            continue;
        }
        const suffix = `.${goos}-${goarch}`;
        const versions = new Set();
        for (const line of listing.split("\n")) {
            const v = line.trim();
            if (!v.startsWith("v0.0.1-go") || !v.endsWith(suffix))
                continue;
            const go = v.slice("v0.0.1-go".length, -suffix.length);
            if ((0,go_version/* goToSemver */.Ot)(go) !== undefined)
                versions.add(go);
        }
        return [...versions].sort((a, b) => semver_default().compare((0,go_version/* goToSemver */.Ot)(a), (0,go_version/* goToSemver */.Ot)(b)));
    }
    throw new errors/* UserError */.yo(`no module proxy could list ${TOOLCHAIN_MODULE} versions:\n  ${failures.join("\n  ")}`);
}
/**
 * Downloads golang.org/toolchain@v0.0.1-go<version>.<goos>-<goarch>.zip, verifies its
 * h1 dirhash against the checksum database (signed tree head + Merkle inclusion proof),
 * and extracts it into `dest` (created; becomes a GOROOT: dest/bin/go). Marks bin/ and
 * pkg/tool/ files executable (module zips carry no modes; the go command does the same).
 * Refuses and leaves nothing in dest if any check fails.
 */
async function installToolchainFromProxy(opts) {
    const { version, goos, goarch, proxies } = opts;
    checkPlatform(goos, goarch);
    if ((0,go_version/* goToSemver */.Ot)(version) === undefined)
        throw new errors/* UserError */.yo(`"${version}" is not a Go version`);
    if (proxies.length === 0)
        throw new errors/* UserError */.yo("no module proxy to install Go from");
    const moduleVersion = `v0.0.1-go${version}.${goos}-${goarch}`;
    const what = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
    const dest = external_node_path_default().resolve(opts.dest);
    if (await exists(dest))
        throw new errors/* UserError */.yo(`cannot install ${what} into ${dest}: it already exists`);
    // The database first: it is small, and an unknown version fails before a 64 MB download.
    const expected = await lookupModuleHash(TOOLCHAIN_MODULE, moduleVersion, {
        baseURLs: await sumdbBaseURLs(proxies),
        config: GO_SUMDB,
    });
    const tmpRoot = opts.tmpDir ?? external_node_os_default().tmpdir();
    await (0,promises_.mkdir)(tmpRoot, { recursive: true });
    const work = await (0,promises_.mkdtemp)(external_node_path_default().join(tmpRoot, "goship-toolchain-"));
    let staging;
    try {
        // A sibling of dest, so that the final rename stays on one file system.
        const parent = external_node_path_default().dirname(dest);
        await (0,promises_.mkdir)(parent, { recursive: true });
        const into = await (0,promises_.mkdtemp)(external_node_path_default().join(parent, `.${external_node_path_default().basename(dest)}.partial-`));
        staging = into;
        const zipPath = external_node_path_default().join(work, `${moduleVersion}.zip`);
        let started = performance.now();
        const { url, size } = await progress/* progress */.qB.during(`Downloading ${what} from the module proxy`, () => downloadFromProxies(proxies, moduleVersion, zipPath, what));
        (0,log/* info */.pq)(`Downloaded ${url} (${(0,log/* bytes */.ee)(size)}) in ${(0,log/* seconds */.YA)(performance.now() - started)}`);
        started = performance.now();
        const got = await progress/* progress */.qB.during(`Extracting ${what} and checking it against ${GO_SUMDB.name}`, () => (0,zip/* extractModuleZip */.nX)(zipPath, into, { prefix: `${what}/`, place: placeToolchainFile }));
        if (got.h1 !== expected.zip) {
            throw new errors/* UserError */.yo(`SECURITY ERROR: ${what}: the zip from ${url} has hash ${got.h1}, but the checksum database ${GO_SUMDB.name} records ${expected.zip}; nothing was installed`);
        }
        if (!(await exists(external_node_path_default().join(staging, "bin", goos === "windows" ? "go.exe" : "go")))) {
            throw new errors/* UserError */.yo(`${what} has no bin/go; it is not a Go toolchain`);
        }
        (0,log/* info */.pq)(`Verified ${what} (${got.h1}, ${GO_SUMDB.name}); extracted ${got.files} files (${(0,log/* bytes */.ee)(got.bytes)}) in ${(0,log/* seconds */.YA)(performance.now() - started)}`);
        await (0,promises_.rename)(staging, dest);
        return { url, size, h1: got.h1 };
    }
    finally {
        if (staging)
            await (0,promises_.rm)(staging, { recursive: true, force: true });
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
}
/**
 * Where each file of the toolchain zip goes below GOROOT, mirroring what the go command
 * does after it unpacks a toolchain module (cmd/go/internal/toolchain/select.go):
 * - bin/*, pkg/tool/**, and lib/**\/go_*_*_exec become executable (zips carry no modes);
 * - every "_go.mod" is also written as "go.mod" beside it: release zips rename the
 *   nested go.mod files because a module zip may not contain any (src/go.mod is what
 *   makes "std" and "cmd" modules);
 * - the module's own root go.mod, if a zip ever carries one, is hashed (it is part of
 *   the h1) but not written: a GOROOT from go.dev has none, and one would make GOROOT
 *   itself look like module golang.org/toolchain. Current zips have none; the proxy
 *   synthesises the .mod file instead.
 */
function placeToolchainFile(rel) {
    if (rel === "go.mod")
        return { paths: [], mode: 0o644 };
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    const executable = rel.startsWith("bin/") ||
        rel.startsWith("pkg/tool/") ||
        (rel.startsWith("lib/") && /^go_.+_.+_exec$/.test(base));
    const mode = executable ? 0o755 : 0o644;
    if (base === "_go.mod" && rel !== base)
        return { paths: [rel, `${rel.slice(0, -base.length)}go.mod`], mode };
    return { paths: [rel], mode };
}
/**
 * Checksum database roots to try: each proxy that says it passes sum.golang.org through
 * (<proxy>/sumdb/<name>/supported answers 200, the protocol's test), then the database
 * itself, as the go command falls back to.
 */
async function sumdbBaseURLs(proxies) {
    const checks = await Promise.all(proxies.map(async (proxy) => {
        const base = `${proxy}/sumdb/${GO_SUMDB.name}`;
        try {
            await (0,http/* fetchText */.Sy)(`${base}/supported`, { maxBytes: 64 * 1024, attempts: 2, timeoutMs: 15_000 });
            return base;
        }
        catch {
            return undefined;
        }
    }));
    return [...checks.filter((b) => b !== undefined), `https://${GO_SUMDB.name}`];
}
async function downloadFromProxies(proxies, moduleVersion, zipPath, what) {
    const failures = [];
    for (const proxy of proxies) {
        const url = `${proxy}/${escapeModulePath(TOOLCHAIN_MODULE)}/@v/${escapeModuleVersion(moduleVersion)}.zip`;
        try {
            // The go command's own limit for a module zip; the checksum database checks the rest.
            const got = await (0,http/* downloadFile */.PE)(url, zipPath, {
                maxBytes: zip/* MAX_MODULE_ZIP */.iD,
                timeoutMs: 60_000,
                attempts: 3,
            });
            return { url, size: got.size };
        }
        catch (e) {
            await (0,promises_.rm)(zipPath, { force: true });
            const notFound = e instanceof http/* HttpError */.j$ && (e.status === 404 || e.status === 410);
            failures.push(notFound ? `${url}: not published (HTTP ${e.status})` : (0,errors/* errorMessage */.gJ)(e));
        }
    }
    throw new errors/* UserError */.yo(`could not download ${what}:\n  ${failures.join("\n  ")}`);
}
function checkPlatform(goos, goarch) {
    if (!/^[a-z0-9]+$/.test(goos) || !/^[a-z0-9]+$/.test(goarch)) {
        throw new errors/* UserError */.yo(`"${goos}/${goarch}" is not a GOOS/GOARCH pair`);
    }
}
/** lstat, so that a dangling symlink counts as existing. */
async function exists(p) {
    return (0,promises_.lstat)(p).then(() => true, () => false);
}


/***/ }),

/***/ 62054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cd: () => (/* binding */ semverToGo),
/* harmony export */   Fp: () => (/* binding */ checkServable),
/* harmony export */   Ot: () => (/* binding */ goToSemver),
/* harmony export */   R2: () => (/* binding */ versionFromFile),
/* harmony export */   TS: () => (/* binding */ VERSION_FILES),
/* harmony export */   ig: () => (/* binding */ resolveSpec),
/* harmony export */   ug: () => (/* binding */ classifySpec),
/* harmony export */   y: () => (/* binding */ exactVersion)
/* harmony export */ });
/* unused harmony exports parseGoDirectives, OLDEST_GO */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(62088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73713);




const GO_VERSION = /^(?:go)?(1)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;
/** "1.26rc1" → "1.26.0-rc.1"; undefined if not a Go version. */
function goToSemver(v) {
    const m = GO_VERSION.exec(v.trim());
    if (!m)
        return undefined;
    const [, major, minor, patch, pre, n] = m;
    if (pre && patch)
        return undefined; // "1.21.1rc1" does not exist
    return `${major}.${minor}.${patch ?? 0}${pre ? `-${pre}.${n}` : ""}`;
}
/** "1.26.0-rc.1" → "1.26rc1"; "1.20.0" → "1.20" only for Go < 1.21, which had no ".0" releases. */
function semverToGo(v) {
    const s = semver__WEBPACK_IMPORTED_MODULE_2___default().parse(v);
    if (!s)
        throw new Error(`not a semver version: ${v}`);
    const pre = s.prerelease.length === 2 ? `${s.prerelease[0]}${s.prerelease[1]}` : "";
    if (pre)
        return `${s.major}.${s.minor}${pre}`;
    if (s.patch === 0 && s.minor < 21)
        return `${s.major}.${s.minor}`;
    return `${s.major}.${s.minor}.${s.patch}`;
}
/** A spec resolved against nothing: exact versions need no listing. */
function exactVersion(spec) {
    const m = GO_VERSION.exec(spec.trim());
    if (!m)
        return undefined;
    // "1.25" means the newest 1.25.x, as in setup-go; only three parts or a pre-release are exact.
    // Before Go 1.21 the first release of a line was spelled "1.20"; ask for "1.20.0" to pin it.
    if (m[3] === undefined && m[4] === undefined)
        return undefined;
    const sv = goToSemver(spec);
    return sv ? semverToGo(sv) : undefined;
}
/** Characters a version spec may hold: digits, letters of "go", "rc", "beta", "x", range operators. */
const SPEC_CHARS = /^[0-9a-z.^~<>=|*\s-]+$/;
/**
 * Checks a spec's syntax without a listing. Returns its kind; throws an input error
 * naming `input` otherwise.
 */
function classifySpec(spec, input) {
    const s = spec.trim();
    if (s === "stable" || s === "latest")
        return "stable";
    if (s === "oldstable")
        return "oldstable";
    if (exactVersion(s))
        return "exact";
    if (SPEC_CHARS.test(s) && toSemverRange(s) !== undefined)
        return "range";
    throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, spec, "allowed: a Go version (1.25.4, 1.26rc1), a minor version or range (1.25, 1.25.x, ^1.25, >=1.24 <1.26), stable or oldstable");
}
function toSemverRange(spec) {
    // Bare Go versions inside a range ("1.25", "go1.24.3") become semver; "1.25" means 1.25.x.
    const rewritten = spec
        .trim()
        .split(/\s+/)
        .map((tok) => {
        const op = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(tok);
        const [, prefix = "", rest = ""] = op;
        const m = GO_VERSION.exec(rest);
        if (!m)
            return tok;
        if (!prefix && m[3] === undefined && m[4] === undefined)
            return `${m[1]}.${m[2]}.x`;
        return prefix + (goToSemver(rest) ?? rest);
    })
        .join(" ");
    try {
        return semver__WEBPACK_IMPORTED_MODULE_2___default().validRange(rewritten) ?? undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Picks the version a spec means from the published versions (Go spellings).
 * Pre-releases are only chosen when asked for exactly.
 */
function resolveSpec(spec, available, input) {
    const kind = classifySpec(spec, input);
    const published = available
        .map((v) => ({ go: v, sv: goToSemver(v) }))
        .filter((v) => v.sv !== undefined);
    const releases = published.filter((v) => semver__WEBPACK_IMPORTED_MODULE_2___default().prerelease(v.sv) === null);
    const newest = (list) => list.reduce((best, v) => (best === undefined || semver__WEBPACK_IMPORTED_MODULE_2___default().gt(v.sv, best.sv) ? v : best), undefined);
    let found;
    switch (kind) {
        case "exact": {
            const want = goToSemver(exactVersion(spec));
            found = published.find((v) => v.sv === want);
            break;
        }
        case "stable":
            found = newest(releases);
            break;
        case "oldstable": {
            const top = newest(releases);
            if (top) {
                const prevMinor = semver__WEBPACK_IMPORTED_MODULE_2___default().minor(top.sv) - 1;
                found = newest(releases.filter((v) => semver__WEBPACK_IMPORTED_MODULE_2___default().minor(v.sv) === prevMinor));
            }
            break;
        }
        case "range": {
            const range = toSemverRange(spec);
            found = newest(releases.filter((v) => semver__WEBPACK_IMPORTED_MODULE_2___default().satisfies(v.sv, range)));
            break;
        }
    }
    if (!found) {
        const recent = releases
            .sort((a, b) => semver__WEBPACK_IMPORTED_MODULE_2___default().rcompare(a.sv, b.sv))
            .slice(0, 8)
            .map((v) => v.go);
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, spec, `no published Go release matches; newest published: ${recent.join(", ") || "(none listed)"}`);
    }
    return found.go;
}
/** The files a Go version is read from, in the order they are looked for in a directory. */
const VERSION_FILES = ["go.work", "go.mod", ".go-version", ".tool-versions"];
const FILES_ALLOWED = "a path to a go.mod, go.work, .go-version or .tool-versions file";
/** The `go` and `toolchain` lines of a go.mod or go.work file. */
function parseGoDirectives(text) {
    const out = {};
    for (const raw of text.split("\n")) {
        const line = raw.replace(/\/\/.*$/, "").trim();
        const m = /^(go|toolchain)\s+(\S+)$/.exec(line);
        if (m?.[1] === "go")
            out.go = m[2];
        if (m?.[1] === "toolchain")
            out.toolchain = m[2];
    }
    return out;
}
/**
 * The version request a file makes. For go.mod/go.work the toolchain directive wins
 * when it is newer than the go directive (as the go command decides); a go directive
 * is a minimum, so it asks for the newest patch release of that minor version.
 */
async function versionFromFile(path, input = "go-version-file") {
    const name = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path);
    // Only the files documented, recognised by name before anything is read: the content of
    // any other file (a key, a .env) would reach the log as a "version".
    if (!VERSION_FILES.includes(name)) {
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, path, `it is not one of those files; allowed: ${FILES_ALLOWED}`);
    }
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, "utf8");
    }
    catch (e) {
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, path, `cannot read it (${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}); allowed: ${FILES_ALLOWED}`);
    }
    if (name === ".tool-versions") {
        for (const line of text.split("\n")) {
            const m = /^\s*(?:golang|go)\s+(\S+)/.exec(line);
            if (m?.[1])
                return { spec: m[1], source: `${name} (${path})` };
        }
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, path, "has no golang or go line; allowed: an asdf/mise .tool-versions with a golang line");
    }
    if (name === "go.mod" || name === "go.work") {
        const { go, toolchain } = parseGoDirectives(text);
        if (!go && !toolchain)
            throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, path, "has no go or toolchain directive");
        const tc = toolchain?.startsWith("go") ? toolchain.slice(2).replace(/[-+].*$/, "") : undefined; // "go1.25.4+auto" → "1.25.4"
        const tcSemver = tc ? goToSemver(tc) : undefined;
        const goSemver = go ? goToSemver(go) : undefined;
        if (go && !goSemver)
            throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, path, `has go directive "${go}", which is not a Go version`);
        if (tc && tcSemver && (!goSemver || semver__WEBPACK_IMPORTED_MODULE_2___default().gte(tcSemver, goSemver))) {
            return { spec: tc, source: `toolchain directive in ${path}` };
        }
        const min = goSemver;
        return {
            spec: `>=${min} <${semver__WEBPACK_IMPORTED_MODULE_2___default().major(min)}.${semver__WEBPACK_IMPORTED_MODULE_2___default().minor(min) + 1}.0-0`,
            source: `go directive "go ${go}" in ${path} (newest patch release of ${semver__WEBPACK_IMPORTED_MODULE_2___default().major(min)}.${semver__WEBPACK_IMPORTED_MODULE_2___default().minor(min)})`,
            derived: true,
        };
    }
    // .go-version: the first line that is not empty or a comment.
    const first = text
        .split("\n")
        .map((l) => l.trim())
        .find((l) => l !== "" && !l.startsWith("#"));
    if (!first)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${path} is empty; expected a Go version`);
    return { spec: first, source: `${name} (${path})` };
}
/**
 * The oldest Go goship installs and builds with: GOTOOLCHAIN=local (which keeps the go command
 * from switching toolchains behind goship's back) and the golang.org/toolchain module that
 * proxy downloads use both start with Go 1.21.
 */
const OLDEST_GO = "1.21";
/**
 * Refuses, before anything is downloaded, a request that only Go older than OLDEST_GO could
 * meet, in one line that says what to ask for instead. A go directive is a minimum, not a
 * pin: a go.mod that says "go 1.13" builds with today's Go.
 */
function checkServable(request, input, value) {
    const kind = classifySpec(request.spec, input);
    if (kind === "stable" || kind === "oldstable")
        return;
    // A range resolves to releases only (resolveSpec); an exact pre-release of the oldest line is served.
    const servable = kind === "exact"
        ? semver__WEBPACK_IMPORTED_MODULE_2___default().gte(goToSemver(exactVersion(request.spec)), `${OLDEST_GO}.0-0`)
        : semver__WEBPACK_IMPORTED_MODULE_2___default().intersects(toSemverRange(request.spec), `>=${OLDEST_GO}.0`);
    if (servable)
        return;
    const fromGoMod = /^go directive/.test(request.source);
    throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(input, value, `it asks for Go older than ${OLDEST_GO} (${request.source}), and goship serves Go ${OLDEST_GO} and later: ` +
        (fromGoMod
            ? `a go directive is only a minimum, so set go-version: stable to build this module with today's Go (or raise the directive: go mod edit -go=${OLDEST_GO})`
            : `set go-version: stable, or a version from ${OLDEST_GO} on`));
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

/***/ 30162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PE: () => (/* binding */ downloadFile),
/* harmony export */   Sy: () => (/* binding */ fetchText),
/* harmony export */   ci: () => (/* binding */ fetchBytes),
/* harmony export */   j$: () => (/* binding */ HttpError)
/* harmony export */ });
/* unused harmony export TooLargeError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(73713);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(91834);







/** An answer larger than the caller said it could be; not retried (it would be as large again). */
class TooLargeError extends _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo {
    url;
    maxBytes;
    name = "TooLargeError";
    constructor(url, maxBytes, declared) {
        super(`GET ${url}: the answer is ${declared === undefined ? "larger than" : `${declared} bytes, more than`} ${maxBytes} bytes, the most expected here; stopped reading`);
        this.url = url;
        this.maxBytes = maxBytes;
    }
}
/**
 * Counts the bytes of an answer as they pass and fails the stream once they exceed
 * `maxBytes`; a Content-Length above it is refused before the body is read at all.
 */
function limitTo(url, res, maxBytes) {
    const declared = Number(res.message.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
        res.message.destroy();
        throw new TooLargeError(url, maxBytes, declared);
    }
    let size = 0;
    return new node_stream__WEBPACK_IMPORTED_MODULE_3__.Transform({
        transform(chunk, _enc, cb) {
            size += chunk.length;
            // Failing the pipeline destroys the response, and with it the connection.
            if (size > maxBytes)
                cb(new TooLargeError(url, maxBytes));
            else
                cb(null, chunk);
        },
    });
}
/** The body of a 2xx answer, read through `limitTo`; anything else is an HttpError. */
async function readLimited(url, res, maxBytes) {
    const status = res.message.statusCode ?? 0;
    if (status < 200 || status > 299) {
        res.message.resume();
        throw new HttpError(url, status);
    }
    const chunks = [];
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(res.message, limitTo(url, res, maxBytes), async (source) => {
        for await (const chunk of source)
            chunks.push(chunk);
    });
    return Buffer.concat(chunks);
}
/** An HTTP answer other than 2xx; 404 is worth telling apart (version not published). */
class HttpError extends _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo {
    url;
    status;
    name = "HttpError";
    constructor(url, status) {
        super(`GET ${url} answered HTTP ${status}`);
        this.url = url;
        this.status = status;
    }
}
/** Worth another attempt: no answer at all (refused, reset, timed out), a 429 or a 5xx. */
function transient(e) {
    return e instanceof HttpError ? e.status === 429 || e.status >= 500 : !(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo);
}
/** The HTTP stack loads with the first request: most runs find everything cached and make none. */
async function client(timeoutMs) {
    const { HttpClient } = await __webpack_require__.e(/* import() */ 942).then(__webpack_require__.bind(__webpack_require__, 44942));
    return new HttpClient("goship", [], { socketTimeout: timeoutMs, allowRetries: false, keepAlive: false });
}
async function withRetries(url, attempts, fn) {
    try {
        // Jitter: the jobs of a build matrix fetch the same files at the same moment.
        return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .retry */ .L)(fn, {
            attempts,
            baseDelayMs: 500,
            jitter: 0.5,
            retryable: transient,
        });
    }
    catch (e) {
        if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo)
            throw e;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`GET ${url} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(e)}`);
    }
}
/** GETs a text document of at most `maxBytes`. */
async function fetchText(url, options) {
    const http = await client(options.timeoutMs ?? 30_000);
    return withRetries(url, options.attempts ?? 3, async () => (await readLimited(url, await http.get(url), options.maxBytes)).toString("utf8"));
}
/** GETs a binary answer of at most `maxBytes` (the checksum database's tiles are raw hashes). */
async function fetchBytes(url, options) {
    const http = await client(options.timeoutMs ?? 30_000);
    return withRetries(url, options.attempts ?? 3, async () => readLimited(url, await http.get(url), options.maxBytes));
}
/**
 * Streams a download to `dest`, hashing it on the way (never buffered whole).
 * With `sha256`, a mismatch deletes the file and throws: nothing unverified stays behind.
 */
async function downloadFile(url, dest, options) {
    const http = await client(options.timeoutMs ?? 60_000);
    const got = await withRetries(url, options.attempts ?? 3, async () => {
        const res = await http.get(url);
        const status = res.message.statusCode ?? 0;
        if (status < 200 || status > 299) {
            res.message.resume();
            throw new HttpError(url, status);
        }
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
        let size = 0;
        const tap = new node_stream__WEBPACK_IMPORTED_MODULE_3__.Transform({
            transform(chunk, _enc, cb) {
                hash.update(chunk);
                size += chunk.length;
                cb(null, chunk);
            },
        });
        try {
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(res.message, limitTo(url, res, options.maxBytes), tap, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(dest));
        }
        catch (e) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dest, { force: true });
            throw e;
        }
        return { path: dest, sha256: hash.digest("hex"), size };
    });
    if (options.sha256 !== undefined && got.sha256 !== options.sha256.toLowerCase()) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dest, { force: true });
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`checksum mismatch for ${url}: expected sha256 ${options.sha256}, got ${got.sha256}; the download was deleted`);
    }
    return got;
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


/***/ }),

/***/ 91834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ retry)
/* harmony export */ });
/* unused harmony export backoffDelay */
/**
 * Retrying a failed operation with exponential backoff: the one loop behind every retried
 * network call (downloads, the checksum database, GitHub's API). What is worth retrying is
 * the caller's decision, since only it knows what a failure means; this module only
 * counts attempts and waits.
 */
const timer = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The backoff wait after failed attempt `attempt` (1-based), jitter included. */
function backoffDelay(attempt, options) {
    const exact = Math.min(options.baseDelayMs * 2 ** (attempt - 1), options.maxDelayMs ?? Infinity);
    const jitter = Math.min(Math.max(options.jitter ?? 0, 0), 1);
    return jitter === 0 ? exact : Math.round(exact * (1 - jitter * (options.random ?? Math.random)()));
}
/**
 * Runs `fn` until it succeeds, `retryable` says no, or the attempts are spent; then throws
 * the last error as it is. `fn` gets the attempt's number (1 for the first), so that a retry
 * can first look whether the failed attempt took effect anyway. A wait of 0 retries at once.
 */
async function retry(fn, options) {
    const sleep = options.sleep ?? timer;
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (e) {
            // Asked even after the last attempt: its verdict may be a clearer error to throw.
            const backoffMs = backoffDelay(attempt, options);
            const verdict = options.retryable(e, { attempt, backoffMs });
            if (verdict === false || attempt >= options.attempts)
                throw e;
            const waitMs = verdict === true ? backoffMs : Math.max(0, verdict);
            options.onRetry?.(e, { attempt, attempts: options.attempts, waitMs });
            if (waitMs > 0)
                await sleep(waitMs);
        }
    }
}


/***/ })

};
