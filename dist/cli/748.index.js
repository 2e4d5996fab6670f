export const id = 748;
export const ids = [748];
export const modules = {

/***/ 56748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PINNED_GOFLAGS: () => (/* binding */ PINNED_GOFLAGS),
  buildStatic: () => (/* binding */ buildStatic),
  localPackage: () => (/* binding */ localPackage)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/go/problem-matcher.ts
var problem_matcher = __webpack_require__(99154);
;// CONCATENATED MODULE: ./src/build/failures.ts


/** Targets that failed the same way, in the order first seen: a compile error fails them all alike. */
function groupFailures(failures) {
    const groups = new Map();
    for (const f of failures)
        groups.set(f.message, [...(groups.get(f.message) ?? []), f.target]);
    return [...groups].map(([message, targets]) => ({ message, targets }));
}
/** Up to `n` names, then how many more. */
function someTargets(targets, n = 3) {
    return targets.length <= n
        ? targets.join(", ")
        : `${targets.slice(0, n).join(", ")} and ${targets.length - n} more`;
}
/**
 * The message a failed build fails with, cause first: `linux/amd64: ./main.go:6:10: undefined: x`,
 * each distinct failure once with the other targets it hit, and the count last when there was
 * more than one target.
 */
function failureMessage(failures, total) {
    const lines = groupFailures(failures).map(({ message, targets }) => `${targets[0]}: ${message}${targets.length > 1 ? `\n  (the same for ${someTargets(targets.slice(1), 6)})` : ""}`);
    if (total > 1)
        lines.push(`${failures.length} of ${total} target(s) failed`);
    return lines.join("\n");
}
/**
 * One annotation per distinct diagnostic, whatever the number of targets it failed: the
 * title names them. `workDir` is where `go build` ran (Go prints paths relative to it) and
 * `repoRoot` the repository's top, which annotation paths are relative to; a file outside it
 * (the module cache) keeps its place in the message only.
 */
function buildAnnotations(failures, workDir, repoRoot) {
    const byProblem = new Map();
    for (const f of failures) {
        for (const problem of f.diagnostics) {
            const key = (0,problem_matcher/* problemKey */.ZL)(problem);
            const entry = byProblem.get(key) ?? { problem, targets: [] };
            entry.targets.push(f.target);
            byProblem.set(key, entry);
        }
    }
    return [...byProblem.values()].map(({ problem, targets }) => {
        const file = repoPath(workDir, repoRoot, problem.file);
        const title = `go build (${someTargets(targets)})`;
        if (!file) {
            const at = `${problem.file}:${problem.line}${problem.column ? `:${problem.column}` : ""}`;
            return { title, message: `${at}: ${problem.message}` };
        }
        return {
            title,
            message: problem.message,
            file,
            line: problem.line,
            ...(problem.column ? { column: problem.column } : {}),
        };
    });
}
/** A path Go printed, relative to the repository root; undefined when it is outside it. */
function repoPath(workDir, repoRoot, file) {
    const abs = (0,external_node_path_.resolve)(workDir, file);
    const rel = (0,external_node_path_.relative)((0,external_node_path_.resolve)(repoRoot ?? workDir), abs);
    if (rel === "" || rel.startsWith("..") || (0,external_node_path_.isAbsolute)(rel))
        return undefined;
    return rel.split(external_node_path_.sep).join("/");
}

// EXTERNAL MODULE: ./src/build/gitinfo.ts
var gitinfo = __webpack_require__(28076);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/contract/targets.ts
var contract_targets = __webpack_require__(5008);
// EXTERNAL MODULE: ./src/go/link-cache.ts
var link_cache = __webpack_require__(60183);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __webpack_require__(73713);
// EXTERNAL MODULE: ./src/kit/exec.ts
var exec = __webpack_require__(29495);
// EXTERNAL MODULE: ./src/kit/hash.ts
var hash = __webpack_require__(3730);
// EXTERNAL MODULE: ./src/build/binfmt.ts
var binfmt = __webpack_require__(11918);
// EXTERNAL MODULE: ./src/build/buildinfo.ts
var buildinfo = __webpack_require__(13564);
;// CONCATENATED MODULE: ./src/build/gobuild.ts











/** "gin-app_linux_arm_7" */
function targetDirName(binaryName, t) {
    return `${binaryName}_${(0,contract_targets/* targetSlug */.fo)(t)}`;
}
function binaryFileName(binaryName, t) {
    return t.goos === "windows" ? `${binaryName}.exe` : binaryName;
}
function buildArgv(spec, output) {
    const argv = ["build", "-trimpath", `-p=${spec.procs}`];
    if (spec.tags.length > 0)
        argv.push(`-tags=${spec.tags.join(",")}`);
    argv.push(`-ldflags=${spec.ldflags}`, "-o", output, spec.pkg);
    return argv;
}
function buildEnv(spec) {
    const env = { ...spec.env };
    // A variant variable inherited from the caller (GOAMD64=v3 …) must not leak into any target.
    for (const v of Object.values(contract_targets/* VARIANTS */.xb))
        delete env[v.env];
    Object.assign(env, (0,contract_targets/* targetEnv */.Dm)(spec.target), {
        CGO_ENABLED: spec.cgo ? "1" : "0",
        GOTOOLCHAIN: "local",
        GOMAXPROCS: String(spec.procs),
    });
    if (spec.cgo && spec.cc)
        env.CC = spec.cc;
    return env;
}
/**
 * Where `go build -o` writes: a file that stays between runs, so Go's own up-to-date check
 * (the build ID of the existing output) skips the link when nothing changed, as it does
 * for a plain `go build` loop. It is in the link cache beside GOCACHE (go/link-cache), not in
 * output-dir, which holds only what the user asked for.
 */
function linkPath(spec) {
    return (0,external_node_path_.join)((0,link_cache/* linkCacheEntry */.x1)(spec.linkDir, spec.outputDir), targetDirName(spec.binaryName, spec.target), binaryFileName(spec.binaryName, spec.target));
}
/** <outputDir>/<name>_<goos>_<goarch>[_<variant>]: where one target's binary and fragment go. */
function targetDir(spec) {
    return (0,external_node_path_.join)(spec.outputDir, targetDirName(spec.binaryName, spec.target));
}
/**
 * `go build` failed. The message is what Go said (its `# package` headers left out), so that a
 * failure reads as its cause; the command line, long with -ldflags, is kept apart for the
 * debug log. `diagnostics` are the file/line problems in that output, for annotations.
 */
class GoBuildError extends errors/* UserError */.yo {
    command;
    outcome;
    output;
    name = "GoBuildError";
    diagnostics;
    constructor(command, 
    /** How it ended, e.g. "exited with code 1", "timed out after 3600000 ms". */
    outcome, output) {
        const said = output
            .split("\n")
            .filter((l) => l.trim() !== "" && !l.startsWith("# "))
            .slice(-20)
            .join("\n");
        super(said || `go build ${outcome}`);
        this.command = command;
        this.outcome = outcome;
        this.output = output;
        this.diagnostics = (0,problem_matcher/* goDiagnostics */.p_)(output);
    }
}
/** Builds one target into <outputDir>/<name>_<goos>_<goarch>[_<variant>]/<name>[.exe]. */
async function goBuild(spec, onOutput) {
    const dir = targetDir(spec);
    const name = binaryFileName(spec.binaryName, spec.target);
    const path = (0,external_node_path_.join)(dir, name);
    const linked = linkPath(spec);
    await Promise.all([(0,promises_.mkdir)(dir, { recursive: true }), (0,promises_.mkdir)((0,external_node_path_.dirname)(linked), { recursive: true })]);
    const started = performance.now();
    await (0,exec/* execFile */.St)(spec.goBin, buildArgv(spec, linked), {
        cwd: spec.workDir,
        env: buildEnv(spec),
        timeoutMs: 60 * 60_000,
        onStderr: (chunk) => {
            for (const l of chunk.split("\n"))
                if (l.trim())
                    onOutput?.(l);
        },
    }).catch((e) => {
        if (!(e instanceof exec/* ExecError */.cI))
            throw e;
        throw new GoBuildError(e.result.command, e.outcome, e.result.stderr || e.result.stdout);
    });
    await placeBinary(linked, path);
    return { target: spec.target, path, name, durationMs: performance.now() - started };
}
/**
 * Puts the linked binary at `path`. Go replaces its output by rename, never in place, so a
 * hard link is a stable copy; it is made beside `path` and renamed, so that the final name
 * never holds a half-written binary. When Go found its output up to date and did not link
 * again, `path` is already a link to the same file: rename(2) of one hard link onto another
 * of the same file does nothing and succeeds, which would leave the `.partial` name behind,
 * so that case is left as it is.
 */
async function placeBinary(linked, path) {
    const [from, to] = await Promise.all([(0,promises_.stat)(linked), (0,promises_.stat)(path).catch(() => undefined)]);
    if (to && to.dev === from.dev && to.ino === from.ino)
        return;
    const partial = `${path}.partial`;
    await (0,promises_.rm)(partial, { force: true });
    try {
        await (0,promises_.link)(linked, partial);
    }
    catch {
        await (0,promises_.copyFile)(linked, partial);
    }
    try {
        await (0,promises_.rename)(partial, path);
    }
    finally {
        // Gone after a rename that took effect; still there after one that did nothing or failed.
        await (0,promises_.rm)(partial, { force: true });
    }
}
/**
 * Removes everything goBuild wrote for one target: its directory (binary, fragment) and its
 * link copy, then the output directory's link cache entry once no target has a copy there.
 * A failed run leaves no binary behind that anything could pick up as build output.
 */
async function removeBuild(spec) {
    const entry = (0,link_cache/* linkCacheEntry */.x1)(spec.linkDir, spec.outputDir);
    await Promise.all([
        (0,promises_.rm)(targetDir(spec), { recursive: true, force: true }),
        (0,promises_.rm)((0,external_node_path_.dirname)(linkPath(spec)), { recursive: true, force: true }),
    ]);
    await (0,promises_.rmdir)(entry).catch(() => undefined); // still holds another target's copy, or already gone
}
/**
 * Reads a built binary (headers and build info, never the whole file into memory) and
 * checks it against the target and the build's promises.
 */
async function verifyBinary(path, want) {
    const started = performance.now();
    const [info, build, digest] = await Promise.all([
        (0,binfmt/* inspectBinary */.wm)(path),
        (0,buildinfo/* readBuildInfo */.ro)(path),
        (0,hash/* sha256File */.Q)(path),
    ]);
    const problems = [];
    const warnings = [];
    for (const p of (0,binfmt/* checkBinaryForTarget */.sd)(info, want.target, { cgo: want.cgo })) {
        if (p.startsWith("not statically linked") && !want.requireStatic)
            warnings.push(p);
        else
            problems.push(p);
    }
    const setting = (k) => (0,buildinfo/* buildSetting */.tC)(build, k);
    const expect = (key, value, why) => {
        const got = setting(key);
        if (got !== value)
            problems.push(`build setting ${key} is ${got === undefined ? "missing" : `"${got}"`}, expected "${value}" (${why})`);
    };
    if (build.goVersion !== `go${want.goVersion}`) {
        problems.push(`built by ${build.goVersion}, expected go${want.goVersion}`);
    }
    expect("GOOS", want.target.goos, "the target");
    expect("GOARCH", want.target.goarch, "the target");
    const variant = contract_targets/* VARIANTS */.xb[want.target.goarch];
    if (want.target.variant && variant)
        expect(variant.env, want.target.variant, "the target's variant");
    expect("CGO_ENABLED", want.cgo ? "1" : "0", want.cgo ? "cgo was asked for" : "static builds disable cgo");
    expect("-trimpath", "true", "reproducible paths");
    const modified = setting("vcs.modified");
    if (modified === undefined) {
        warnings.push("no VCS information in the binary: the working directory is not in a git checkout, or git could not read it");
    }
    else if (modified !== "false" && !want.allowDirty) {
        problems.push("vcs.modified is true: the binary was built from uncommitted changes (allow-dirty: true permits it)");
    }
    return { info, build, ...digest, problems, warnings, durationMs: performance.now() - started };
}
/**
 * Builds the target again from a copy of the source tree at another path with an empty
 * GOCACHE, and compares the bytes. A difference is located by section, which usually
 * says what leaked in (.go.buildinfo: settings; .rodata/.data: an -X value; .text: code).
 */
async function reproduce(spec, sourceRoot, first) {
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "goship-repro-"));
    try {
        const copy = (0,external_node_path_.join)(work, (0,external_node_path_.basename)(sourceRoot) || "src");
        const skip = new Set([spec.outputDir]);
        await (0,promises_.cp)(sourceRoot, copy, {
            recursive: true,
            verbatimSymlinks: true,
            filter: (src) => !skip.has(src) && (0,external_node_path_.basename)(src) !== "node_modules",
        });
        const gocache = (0,external_node_path_.join)(work, "gocache");
        await (0,promises_.mkdir)(gocache);
        const again = await goBuild({
            ...spec,
            workDir: (0,external_node_path_.join)(copy, (0,external_node_path_.relative)(sourceRoot, spec.workDir)),
            outputDir: (0,external_node_path_.join)(work, "out"),
            linkDir: (0,link_cache/* linkCacheDir */.Q9)(gocache),
            env: { ...spec.env, GOCACHE: gocache, ...copyGitEnv(spec.env, sourceRoot, copy) },
        });
        const { sha256 } = await (0,hash/* sha256File */.Q)(again.path);
        const offset = await (0,hash/* firstDifference */.a)(first, again.path);
        if (offset === undefined)
            return { identical: true, sha256 };
        return { identical: false, sha256, difference: { offset, section: await sectionAt(first, offset) } };
    }
    finally {
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
}
/** A safe.directory exception for the original checkout must also cover its copy. */
function copyGitEnv(env, from, to) {
    return env.GIT_CONFIG_VALUE_0 === from ? { GIT_CONFIG_VALUE_0: to } : {};
}
async function sectionAt(path, offset) {
    return (0,binfmt/* withObjectLayout */.eY)(path, async (_file, layout) => {
        if (!layout)
            return "unknown format";
        const hit = layout.sections.find((s) => offset >= s.offset && offset < s.offset + s.size);
        if (hit)
            return hit.name;
        const first = Math.min(...layout.sections.filter((s) => s.size > 0).map((s) => s.offset));
        return offset < first ? "file headers" : "between sections";
    });
}
/**
 * How many builds run at once, and how many compile jobs (`-p`, and GOMAXPROCS) each gets, by
 * the target's place in the queue. The builds share the cores evenly, but for the last target
 * when it starts after the first round: the others end while it runs, their cores would stay
 * idle to its end, so it gets twice the share (up to every core). It may share a core briefly
 * with a build about to end.
 */
function planConcurrency(parallel, targets, cpus = (0,external_node_os_.availableParallelism)()) {
    const builds = Math.max(1, Math.min(parallel === "auto" ? cpus : parallel, targets));
    const procs = Math.max(1, Math.floor(cpus / builds));
    const procsFor = (index) => index === targets - 1 && index >= builds ? Math.min(cpus, procs * 2) : procs;
    return { builds, procs, procsFor };
}
/** Writes a file atomically (temp + rename). */
async function writeFileAtomic(path, text) {
    const tmp = `${path}.tmp-${process.pid}`;
    await (0,promises_.writeFile)(tmp, text);
    await (0,promises_.rename)(tmp, path);
}

;// CONCATENATED MODULE: ./src/build/ldflags.ts

const KEYS = ["version", "commit", "date"];
/** An import path, a dot, an identifier: main.version, github.com/acme/app/internal/build.Version. */
const SYMBOL = /^[A-Za-z0-9_~-]+(?:[./][A-Za-z0-9_~-]+)*\.[A-Za-z_][A-Za-z0-9_]*$/;
const ALLOWED = 'symbols for version, commit and date in that order ("main.version,main.commit,main.date"), or a mapping ("version=github.com/acme/app/internal/build.Version,commit=…,date=…"); empty entries skip one';
/**
 * Parses `version-variables`: either positional (version, commit, date) or key=symbol
 * pairs, never both. Every symbol must look like Go's `importpath.name`.
 */
function parseVersionVariables(spec, input = "version-variables") {
    const items = spec.split(/[,\n]/).map((s) => s.trim());
    const fail = (why) => {
        throw (0,errors/* inputError */.Xu)(input, spec, `${why}; allowed: ${ALLOWED}`);
    };
    const mapped = items.filter((i) => i.includes("="));
    const out = {};
    if (mapped.length > 0) {
        if (mapped.length !== items.filter((i) => i !== "").length)
            fail("mixes key=symbol pairs and bare symbols");
        for (const item of mapped) {
            const [key = "", symbol = ""] = item.split("=", 2).map((s) => s.trim());
            if (!KEYS.includes(key))
                fail(`"${key}" is not one of version, commit, date`);
            if (!SYMBOL.test(symbol))
                fail(`"${symbol}" is not a Go symbol (importpath.name)`);
            if (out[key])
                fail(`"${key}" is given twice`);
            out[key] = symbol;
        }
        return out;
    }
    if (items.length > 3)
        fail(`has ${items.length} entries, at most 3`);
    items.forEach((symbol, i) => {
        if (symbol === "")
            return;
        if (!SYMBOL.test(symbol))
            fail(`"${symbol}" is not a Go symbol (importpath.name)`);
        out[KEYS[i]] = symbol;
    });
    return out;
}
/**
 * What makes a cgo binary static: the C linker, not Go's, links the whole program, against
 * the static C library (libc.a) of the target's toolchain. Without cgo Go's own linker
 * writes a static binary anyway.
 */
const STATIC_CGO_LDFLAGS = ["-linkmode=external", "-extldflags=-static"];
/**
 * The -ldflags value: strip symbols and DWARF, stamp version/commit/date, link statically
 * with the C linker when asked (cgo on Linux), then the user's own flags (appended, so
 * theirs win for the same -X). Values are checked by the input schemas: no spaces or
 * quotes, which the go command would split on.
 */
function composeLdflags(vars, values, extra, opts = {}) {
    const parts = ["-s", "-w"];
    for (const key of KEYS) {
        const symbol = vars[key];
        if (symbol)
            parts.push(`-X ${symbol}=${values[key]}`);
    }
    if (opts.staticCgo)
        parts.push(...STATIC_CGO_LDFLAGS);
    if (extra)
        parts.push(extra);
    return parts.join(" ");
}

// EXTERNAL MODULE: ./src/contract/names.ts
var names = __webpack_require__(77662);
;// CONCATENATED MODULE: ./src/build/project.ts


/** The name a Go import or module path gives, as `go build` names binaries: its last element, a major version suffix skipped (…/app/v2 → app). */
function pathName(path) {
    const elems = path.split("/");
    return (elems.length > 1 && /^v[0-9]+$/.test(elems.at(-1)) ? elems.at(-2) : elems.at(-1));
}
/**
 * The project name archives and the manifest carry by default: the name a team knows the service
 * by, not its main package's directory (`cmd/server`). That is the module's name
 * (github.com/acme/shop → shop); for a module in a subdirectory of its repository whose path
 * follows Go's convention, repository path + subdirectory (github.com/acme/shop/server in
 * server/), the repository's (shop). Read from go.mod and the work tree alone, so the same
 * source gives the same name on a runner and on a laptop. The binary's name where neither is
 * a plain name.
 */
function projectName(o) {
    let path = o.modulePath.replace(/\/v[0-9]+$/, "");
    const sub = o.repoRoot ? (0,external_node_path_.relative)(o.repoRoot, o.moduleDir).split(external_node_path_.sep).join("/") : "";
    if (sub && !sub.startsWith("..") && path.endsWith(`/${sub}`))
        path = path.slice(0, -sub.length - 1);
    const name = path ? pathName(path) : "";
    return names/* SAFE_NAME */.wY.test(name) ? name : o.binaryName;
}

// EXTERNAL MODULE: ./src/go/list.ts
var list = __webpack_require__(22784);
;// CONCATENATED MODULE: ./src/build/stamp.ts




const stamp_KEYS = ["version", "commit", "date"];
const IDENTS = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)/;
/**
 * The names of a Go file's package-level variables, read from its text: `var x`, `var a, b = …`
 * and `var ( … )` blocks. Comments are dropped first. An approximation of Go's parser that
 * errs on the side of "declared": a line inside a block that only looks like a declaration
 * counts, so a warning built on it is never a false alarm.
 */
function packageVars(source) {
    const text = source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
    const names = new Set();
    const add = (list) => {
        for (const n of list.split(","))
            names.add(n.trim());
    };
    for (const m of text.matchAll(/^var\s*\(([\s\S]*?)^\)/gm)) {
        for (const line of m[1].split("\n")) {
            const lhs = IDENTS.exec(line);
            if (lhs)
                add(lhs[1]);
        }
    }
    for (const m of text.matchAll(/^var\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)/gm))
        add(m[1]);
    return names;
}
/**
 * Which of the version variables the build's packages declare, known before the build: the
 * linker ignores `-X` on a symbol that does not exist, so a binary would silently not know its
 * version. "main.x" is the main package `pkg`; any other symbol names its package's import
 * path. One `go list -find` for all the packages, or none when all are in package main and
 * its files are `listedMain` (build-static lists it anyway); their Go and cgo files are read.
 */
async function checkVersionVariables(goBin, workDir, pkg, vars, env, listedMain) {
    const paths = [...new Set(stamp_KEYS.flatMap((k) => (vars[k] ? [split(vars[k]).path] : [])))];
    const args = paths.map((p) => (p === "main" ? pkg : p));
    if (listedMain && args.every((a) => a === pkg)) {
        // Only package main's variables: its files are known already, no second listing.
        const mainVars = await readVars(listedMain);
        return decide(vars, pkg, new Map([[pkg, mainVars]]), mainVars);
    }
    const listed = new Map();
    let mainVars = new Set();
    const r = await (0,exec/* execFile */.St)(goBin, [
        "list",
        list/* LIST_WITHOUT_VCS */.F,
        "-e",
        "-find",
        "-f",
        '{{if .Error}}-{{else}}{{.Dir}}\t{{join .GoFiles "\\t"}}\t{{join .CgoFiles "\\t"}}{{end}}',
        "--",
        pkg,
        ...args,
    ], { cwd: workDir, env, timeoutMs: 300_000, allowFailure: true });
    const lines = r.stdout.replace(/\n$/, "").split("\n");
    // Output lines follow the arguments' order; go list drops a repeated argument.
    const unique = [...new Set([pkg, ...args])];
    // Two spellings of one package come back once: then nothing can be matched, and nothing is claimed.
    if (r.code === 0 && lines.length === unique.length) {
        for (const [n, arg] of unique.entries()) {
            const [dir = "", ...files] = (lines[n] ?? "").split("\t");
            // "-": a package go list cannot find; -X on it sets nothing.
            listed.set(arg, dir === "-" ? new Set() : await readVars({ dir, files }));
        }
        mainVars = listed.get(pkg) ?? new Set();
    }
    return decide(vars, pkg, listed, mainVars);
}
/** The package-level variables declared in a package's files. */
async function readVars({ dir, files }) {
    const names = new Set();
    if (!dir)
        return names;
    for (const f of files.filter(Boolean))
        for (const n of packageVars(await (0,promises_.readFile)((0,external_node_path_.join)(dir, f), "utf8")))
            names.add(n);
    return names;
}
/** "example.com/app/internal/build.Version" → its package's path and the variable's name. */
function split(symbol) {
    const dot = symbol.lastIndexOf(".");
    return { path: symbol.slice(0, dot), name: symbol.slice(dot + 1) };
}
/** Which asked-for variables the listed packages declare (`listed` by argument; `pkg` is main). */
function decide(vars, pkg, listed, mainVars) {
    const stamped = {};
    const missing = [];
    for (const key of stamp_KEYS) {
        const symbol = vars[key];
        if (!symbol)
            continue;
        const { path, name } = split(symbol);
        const declared = listed.get(path === "main" ? pkg : path);
        // Unknown (go list failed): stamp as asked, and let nothing be claimed missing.
        if (declared === undefined || declared.has(name))
            stamped[key] = symbol;
        else
            missing.push(symbol);
    }
    const candidates = [...mainVars]
        .filter((n) => /^(version|commit|date|build_?date|git_?commit|revision)$/i.test(n))
        .filter((n) => !stamp_KEYS.some((k) => vars[k] === `main.${n}`))
        .sort()
        .map((n) => `main.${n}`);
    return { stamped, missing, candidates };
}
/** What build-static says, once, when version variables are not declared. */
function missingVersionVariablesMessage(check, input) {
    const { missing, candidates } = check;
    const one = missing.length === 1;
    return (`${input}: ${missing.join(", ")} ${one ? "is" : "are"} not declared, so -X sets nothing there (Go's linker ignores it) and the binary will not know its ${one ? "value" : "version"}. ` +
        (candidates.length > 0
            ? `Package main declares ${candidates.join(", ")}: point ${input} at ${candidates.length === 1 ? "it" : "them"}. Otherwise add`
            : "Add") +
        ` the variables (in package main: var version, commit, date string), or set ${input} to your own, e.g. version=example.com/app/internal/build.Version,commit=example.com/app/internal/build.Commit`);
}

// EXTERNAL MODULE: ./src/contract/manifest.ts
var manifest = __webpack_require__(7117);
// EXTERNAL MODULE: ./src/go/cgo.ts
var cgo = __webpack_require__(89177);
// EXTERNAL MODULE: ./src/go/cgo-cache.ts
var cgo_cache = __webpack_require__(78746);
// EXTERNAL MODULE: ./src/go/runner-platform.ts
var runner_platform = __webpack_require__(47576);
// EXTERNAL MODULE: ./src/kit/action.ts + 1 modules
var action = __webpack_require__(86962);
// EXTERNAL MODULE: ./src/kit/log.ts
var kit_log = __webpack_require__(83490);
// EXTERNAL MODULE: ./src/kit/pool.ts
var pool = __webpack_require__(1456);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __webpack_require__(13701);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 9 modules
var schemas = __webpack_require__(27597);
// EXTERNAL MODULE: ./src/go/input-fields.ts
var input_fields = __webpack_require__(39358);
// EXTERNAL MODULE: ./src/kit/inputs.ts
var inputs = __webpack_require__(67127);
;// CONCATENATED MODULE: ./src/actions/build-static/schema.ts






const DATE_ALLOWED = "an RFC 3339 UTC time like 2026-11-21T16:00:00Z: a real calendar date and time of day, 1970 or later";
const schema_inputs = schemas/* object */.Ikc({
    "working-directory": (0,inputs.line)("a directory path").default(".").describe("Directory of the Go module to build."),
    package: (0,inputs.text)(/^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.~/-]+$/, 'a main package: "." , "./cmd/app" or an import path, without ".." segments')
        .default(".")
        .describe('Main package to build: ".", "./cmd/app" or an import path; "cmd/app" that names a directory of the module means "./cmd/app".'),
    "binary-name": (0,inputs.text)(names/* SAFE_NAME */.wY, "a file name: letters, digits and . _ + - (no slashes)")
        .optional()
        .describe("Binary file name. Default: the last element of the main package's import path (\u2026/app/v2 \u2192 app)."),
    targets: (0,input_fields/* targetSpec */.n)()
        .optional()
        .describe("Target spec as in setup-go-cross (linux/amd64,linux/arm/7 \u2026), or the `target` field of its matrix. Default: the runner's platform."),
    version: (0,inputs.text)(names/* SAFE_NAME */.wY, "a version ID: letters, digits and . _ + - (no slashes or spaces)")
        .optional()
        .describe("Version ID. Default: the tag on HEAD without its leading v, else git describe --tags --always; -dirty after either when git status lists a change."),
    commit: (0,inputs.text)(/^[0-9a-f]{7,64}$/, "a hex commit hash")
        .optional()
        .describe("Commit hash. Default: git rev-parse HEAD."),
    date: (0,inputs.text)(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, DATE_ALLOWED)
        .refine((v) => (0,gitinfo/* rfc3339ToEpoch */.QC)(v) !== undefined, { error: `allowed: ${DATE_ALLOWED}` })
        .optional()
        .describe("Build date, RFC 3339 UTC. Default: SOURCE_DATE_EPOCH, else the commit time (never the clock)."),
    "version-variables": (0,inputs.line)()
        .superRefine((0,input_fields/* checkedBy */.N)((v) => parseVersionVariables(v)))
        .default("main.version,main.commit,main.date")
        .transform((v) => parseVersionVariables(v))
        .describe("Where -X puts version, commit and date: symbols in that order, or pairs like version=github.com/acme/app/internal/build.Version. A symbol the package does not declare is named in a warning before the build and left out (the linker would ignore it); the summary lists what was stamped."),
    ldflags: (0,inputs.line)("linker flags on one line")
        .optional()
        .describe("Extra -ldflags, appended after goship's -s -w -X \u2026"),
    tags: (0,inputs.text)(/^[A-Za-z0-9_.,\s-]*$/, "build tags separated by commas or spaces")
        .default("netgo,osusergo")
        .transform((v) => v.split(/[\s,]+/).filter(Boolean))
        .describe("Build tags, comma- or space-separated."),
    cgo: (0,inputs.boolean)()
        .prefault("false")
        .describe("Build with cgo: CGO_ENABLED=1 and the target's C compiler (CC, else the one setup-go-cross installs). Linux targets are linked statically (-linkmode=external -extldflags=-static against the toolchain's libc.a)."),
    "allow-cgo-stubs": (0,inputs.boolean)()
        .prefault("false")
        .describe("With cgo false: build even when a package outside the standard library has cgo files that CGO_ENABLED=0 leaves out (what is linked instead, usually a !cgo stub, fails at run time). By default the step fails naming those packages: set cgo true, or use a pure-Go replacement such as modernc.org/sqlite."),
    "require-static": (0,inputs.boolean)()
        .prefault("true")
        .describe("Fail when a Linux binary has a program interpreter or shared libraries; false only warns, and a cgo build whose static link fails falls back to a dynamic binary."),
    "allow-dirty": (0,inputs.boolean)()
        .prefault("false")
        .describe("Allow building from a work tree with uncommitted changes (binaries then carry vcs.modified=true)."),
    "reproducible-check": (0,inputs.boolean)()
        .prefault("false")
        .describe("Build every target a second time from a copy of the source at another path with an empty GOCACHE, and fail on any byte of difference."),
    parallel: (0,inputs.text)(/^(auto|[1-9][0-9]?)$/, "auto or a number of concurrent builds from 1 to 99")
        .default("auto")
        .transform((v) => (v === "auto" ? "auto" : Number(v)))
        .describe("Concurrent builds: auto (as many as cores, each with its share of -p) or a number; 1 builds one after another."),
    "output-dir": (0,inputs.line)("a directory path")
        .optional()
        .describe("Where binaries go, one folder per target (<name>_<goos>_<goarch>[_<variant>]). Default: dist/bin under the working directory."),
    upload: (0,inputs.boolean)()
        .optional()
        .describe("Upload one artifact per target (the binary and its manifest fragment). Default: true inside GitHub Actions, false in local mode."),
    "artifact-prefix": (0,inputs.text)(names/* SAFE_NAME */.wY, "letters, digits and . _ + -")
        .optional()
        .describe("Artifact names are <prefix>-<goos>-<goarch>[-<variant>]. Default: the project name (the Go module's name: github.com/acme/shop \u2192 shop)."),
});
const outputs = {
    artifacts: "JSON list, one per target: goos, goarch, variant, path, name, sha256, size, static, goVersion, buildSettings",
    "manifest-dir": "Directory holding the per-target manifest fragments (goship-fragment.json)",
    version: "The version ID stamped into the binaries",
    project: "The project name recorded for package-release: the Go module's name (github.com/acme/shop/v2 \u2192 shop), or the binary name where that is not a plain name",
};

// EXTERNAL MODULE: ./src/kit/summary.ts
var kit_summary = __webpack_require__(94508);
;// CONCATENATED MODULE: ./src/actions/build-static/summary.ts



/** More rows than this go into a collapsed block. */
const LONG_TABLE = 10;
const staticCell = (s) => (s === undefined ? "n/a" : s ? "yes" : "**no**");
/**
 * Status first (✅ or ❌ and what failed, per target), then the details: one line for a
 * one-target job, a table for more, the full digests collapsed.
 */
function buildSummary(r) {
    const ok = r.failures.length === 0 && r.error === undefined;
    const what = `**${r.binaryName} ${r.version}**`;
    const identical = r.reproducibleCheck
        ? ", each rebuilt from another path with an empty cache: identical"
        : "";
    const summary = new kit_summary/* Summary */.BD().heading("build-static");
    const one = r.targets.length === 1 ? r.built[0] : undefined;
    if (ok && one) {
        summary.status(true, `${what} for ${one.target}: ${(0,kit_log/* bytes */.ee)(one.size)}, ${one.static === undefined ? "" : one.static ? "static, " : "**not static**, "}` +
            `sha256 \`${one.sha256.slice(0, 16)}\`, built in ${(0,kit_log/* seconds */.YA)(one.buildMs)}${identical}`);
    }
    else if (ok) {
        summary.status(true, `${what}: ${r.targets.length} targets built and verified in ${(0,kit_log/* seconds */.YA)(r.wallMs)}${identical}`);
    }
    else if (r.failures.length > 0) {
        const failed = r.failures.map((f) => f.target);
        summary.status(false, r.targets.length === 1
            ? `${what} for ${failed[0]} failed`
            : `${what}: ${failed.length} of ${r.targets.length} targets failed: ${someTargets(failed, 7)}`);
    }
    else {
        summary.status(false, `${what}: ${(r.error ?? "").split("\n")[0]}`);
    }
    summary.paragraph(`From \`${r.commit.slice(0, 12)}\` (${r.date}) with Go ${r.goVersion}.`);
    if (r.stamped)
        summary.paragraph(r.stamped);
    for (const { message, targets } of groupFailures(r.failures)) {
        summary.paragraph(`**${targets.join(", ")}**:`).code(message);
    }
    if (r.error !== undefined && r.failures.length === 0 && r.error.includes("\n"))
        summary.code(r.error);
    if (r.built.length > 0 && !(ok && one)) {
        const table = new kit_summary/* Summary */.BD();
        if (!ok)
            table.paragraph("Built and verified, then removed because the step failed:");
        table.table(["target", "size", "sha256", "static", "build time", "verify"], r.built.map((b) => [
            b.target,
            (0,kit_log/* bytes */.ee)(b.size),
            `\`${b.sha256.slice(0, 16)}\``,
            staticCell(b.static),
            (0,kit_log/* seconds */.YA)(b.buildMs),
            `${b.verifyMs.toFixed(0)} ms`,
        ]), ["l", "r", "l", "l", "r", "r"]);
        if (r.built.length > LONG_TABLE)
            summary.details(`${r.built.length} targets`, table);
        else
            summary.paragraph(table.toMarkdown().trimEnd());
    }
    if (ok) {
        summary.details("sha256 of each binary", new kit_summary/* Summary */.BD().code(r.built.map((b) => `${b.sha256}  ${b.target}`).join("\n")));
    }
    if (r.uploaded.length > 0)
        summary.paragraph(`Artifacts: ${r.uploaded.map((u) => `\`${u}\``).join(", ")}`);
    return summary;
}

;// CONCATENATED MODULE: ./src/actions/build-static/main.ts

























/**
 * What goship puts in GOFLAGS for every go command it runs: the default, said out loud. A
 * GOFLAGS of the machine's (the environment, or `go env -w` in the go env file) would apply
 * to goship's builds too, and some of its flags change the binary (`-buildvcs=false` drops
 * the VCS information, `-ldflags`, `-tags`, `-gcflags` change the code): a non-empty value
 * here replaces it, so what a release holds follows from goship's inputs alone.
 */
const PINNED_GOFLAGS = "-buildvcs=auto";
/** The go on PATH (setup-go-cross puts the installed one first) and what it says of itself. */
async function goToolchain(workDir) {
    const env = { ...process.env, GOTOOLCHAIN: "local" };
    const { stdout } = await (0,exec/* execFile */.St)("go", ["env", "GOVERSION", "GOROOT", "GOFLAGS", "GOENV", "GOCACHE", "GOWORK"], {
        cwd: workDir,
        env,
        timeoutMs: 60_000,
    }).catch((e) => {
        throw new errors/* UserError */.yo(`no usable go on PATH (${(0,errors/* errorMessage */.gJ)(e).split("\n")[0]}); run setup-go-cross first`);
    });
    const [version = "", goroot = "", goflags = "", goenvFile = "", gocache = "", gowork = ""] = stdout.split("\n");
    if (goflags.trim() !== "" && goflags.trim() !== PINNED_GOFLAGS) {
        const from = process.env.GOFLAGS ? "the environment" : `the go env file ${goenvFile}`;
        (0,kit_log/* warning */.$e)(`GOFLAGS=${goflags.trim()} (from ${from}) is not used: flags there can change the binary's bytes, and ` +
            `goship builds with its own (GOFLAGS=${PINNED_GOFLAGS}; tags, ldflags and cgo come from its inputs)`);
    }
    env.GOFLAGS = PINNED_GOFLAGS;
    if (!(0,external_node_path_.isAbsolute)(gocache))
        throw new errors/* UserError */.yo(`go env GOCACHE is "${gocache}": go build needs a build cache (unset GOCACHE, or set a directory)`);
    const goVersion = version.trim().replace(/^go/, "");
    // What decides a go list besides the sources and the environment, for the cgo check's cache:
    // the toolchain, the workspace, and go's configuration files (GOROOT/go.env, the go env file).
    const read = (file) => (0,external_node_path_.isAbsolute)(file) ? (0,promises_.readFile)(file, "utf8").catch(() => "") : Promise.resolve(""); // GOWORK may be "off"
    const [rootEnv, userEnv, work] = await Promise.all([
        read((0,external_node_path_.join)(goroot, "go.env")),
        read(goenvFile.trim()),
        read(gowork.trim()),
    ]);
    const toolchain = { goVersion, goroot, gowork: gowork.trim(), rootEnv, userEnv, work };
    return { goBin: (0,external_node_path_.join)(goroot, "bin", "go"), goVersion, gocache, env, toolchain };
}
/**
 * `cmd/http` as a user means it: the directory under the working directory. Go reads a path
 * whose first element has no dot as a standard-library import path ("package cmd/http is not
 * in std"), so such a path that names a directory here becomes "./cmd/http".
 */
function localPackage(pkg, workDir) {
    if (pkg.startsWith(".") || pkg.startsWith("/") || pkg.split("/")[0].includes("."))
        return pkg;
    const dir = (0,external_node_path_.join)(workDir, pkg);
    return (0,external_node_fs_.existsSync)(dir) && (0,external_node_fs_.statSync)(dir).isDirectory() ? `./${pkg}` : pkg;
}
/** The main package's import path decides the default binary name, as `go build` does; its module, the project's (build/project.ts). */
async function mainPackage(goBin, workDir, pkg, env, i) {
    // -find: the package alone, without loading its dependencies (a tenth of the time).
    // Its Go and cgo files too, for the version variables' check (build/stamp).
    const format = '{{.Name}}\t{{.ImportPath}}\t{{with .Module}}{{.Path}}\t{{.Dir}}{{else}}\t{{end}}\t{{.Dir}}\t{{join .GoFiles "\\t"}}\t{{join .CgoFiles "\\t"}}';
    const r = await (0,exec/* execFile */.St)(goBin, ["list", list/* LIST_WITHOUT_VCS */.F, "-find", "-f", format, pkg], {
        cwd: workDir,
        env,
        timeoutMs: 300_000,
        allowFailure: true,
    });
    if (r.code !== 0 && /go\.mod file not found|cannot find main module/.test(r.stderr))
        throw (0,errors/* inputError */.Xu)("working-directory", i["working-directory"], "it is not inside a Go module (no go.mod there or above it); allowed: the directory that holds your go.mod, e.g. working-directory: server");
    if (r.code !== 0 && /is not in std/.test(r.stderr))
        throw (0,errors/* inputError */.Xu)("package", pkg, `Go reads it as a standard-library import path, and no directory ${pkg} is in ${i["working-directory"]}; allowed: a directory of the module starting with ./ (./cmd/app) or a full import path`);
    if (r.code !== 0)
        throw (0,errors/* inputError */.Xu)("package", pkg, `go list cannot load it: ${r.stderr.trim().split("\n").slice(-3).join("; ")}`);
    const [name = "", importPath = "", modulePath = "", moduleDir = "", dir = "", ...files] = r.stdout
        .replace(/\n$/, "")
        .split("\t");
    if (name !== "main")
        throw (0,errors/* inputError */.Xu)("package", pkg, `it is package ${name}, not a main package`);
    const listed = { dir, files: files.filter(Boolean) };
    return { importPath, dir, defaultName: pathName(importPath), modulePath, moduleDir, listed };
}
/** The end of a failed build's output, where the linker says what it missed. */
function lastLines(message, n = 4) {
    return message.trim().split("\n").slice(-n).join("; ");
}
/** A cgo build whose static link failed, with require-static on. */
function staticLinkFailed(message) {
    return (`${message}\nThe static link failed (cgo on Linux links with -linkmode=external -extldflags=-static): ` +
        "a C library the program links has no static archive (lib*.a) for this target in the C toolchain. " +
        "Install its static form for the target, or set require-static: false to fall back to a dynamic binary");
}
/** The summary's word on version stamping: which variables got which value, and which were skipped. */
function stampedLine(check, values) {
    const set = ["version", "commit", "date"].flatMap((k) => check.stamped[k] ? [`\`${check.stamped[k]}\` = \`${values[k]}\``] : []);
    const skipped = check.missing.length > 0
        ? `; not declared, so not stamped: ${check.missing.map((m) => `\`${m}\``).join(", ")}`
        : "";
    return `Stamped: ${set.length > 0 ? set.join(", ") : "nothing"}${skipped}`;
}
/** Up to ten names, for a message. */
function someOf(names) {
    return names.slice(0, 10).join(", ") + (names.length > 10 ? ", …" : "");
}
/**
 * The work tree must be clean (unless allow-dirty), and build output inside it must not make
 * it dirty: an untracked binary would, and Go would stamp vcs.modified=true into every later
 * build. An output directory git does not ignore goes into .git/info/exclude (local to this
 * clone, never committed), but only once the tree was found clean and only when the directory
 * holds no file of the user's, tracked or not: excluding it would hide those from the check.
 */
async function keepOutputOutOfGit(source, output, i) {
    const outputInput = i["output-dir"] ?? (0,external_node_path_.join)("dist", "bin");
    if (output && !output.ignored && (output.rel === "" || output.tracked.length > 0)) {
        throw (0,errors/* inputError */.Xu)("output-dir", outputInput, output.rel === ""
            ? "it is the top of the git work tree; allowed: a directory for build output only, e.g. dist/bin"
            : `it holds files git tracks (${someOf(output.tracked)}); allowed: a directory for build output only, e.g. dist/bin`);
    }
    if (source.dirtyFiles.length > 0 && !i["allow-dirty"]) {
        throw new errors/* UserError */.yo(`the work tree has uncommitted changes (${someOf(source.dirtyFiles)}); a release must be built from a commit. Commit them, or set allow-dirty: true`);
    }
    if (!output || output.ignored)
        return;
    if (output.untracked.length > 0) {
        // Only with allow-dirty: without it the check above listed them.
        (0,kit_log/* notice */.lm)(`${output.rel}/ holds files git does not ignore (${someOf(output.untracked)}); it is not added to git's exclude file, so the build counts as modified`);
        return;
    }
    const file = await (0,gitinfo/* excludeFromGit */.pn)(source, output.rel);
    if (file) {
        (0,kit_log/* notice */.lm)(`${output.rel}/ is not ignored by git; added it to ${file} so build output does not make the tree dirty. Add it to .gitignore to make this permanent.`);
    }
}
const buildStatic = (0,action.defineAction)({
    name: "build-static",
    description: "Build static, reproducible, verified Go binaries for one or many targets",
    inputs: schema_inputs,
    outputs: outputs,
    async run(i) {
        const workDir = (0,external_node_path_.resolve)(i["working-directory"]);
        if (!(0,external_node_fs_.existsSync)(workDir) || !(0,external_node_fs_.statSync)(workDir).isDirectory()) {
            throw (0,errors/* inputError */.Xu)("working-directory", i["working-directory"], "allowed: an existing directory");
        }
        const outputDir = (0,external_node_path_.resolve)(workDir, i["output-dir"] ?? (0,external_node_path_.join)("dist", "bin"));
        const pkg = localPackage(i.package, workDir);
        if (pkg !== i.package)
            (0,kit_log/* info */.pq)(`package: ${i.package} is the directory ${pkg} (Go would read it as a standard-library path)`);
        // Everything before the first build only reads, so it is asked at once: a warm build of
        // seven targets takes about three seconds, and these questions to go and git took a fifth
        // of that one after another. Each promise is awaited below in a fixed order, so that of
        // several problems the same one is reported first; an earlier refusal must not leave the
        // others unhandled, hence the catch(() => undefined) on each.
        const quiet = (p) => {
            p.catch(() => undefined);
            return p;
        };
        // go first, alone: its answer is the first log line when GOFLAGS is overridden (a go list
        // started beside it put that line off by 15-20 ms), and everything below starts from it.
        const { goBin, goVersion, gocache, env: goEnv, toolchain } = await goToolchain(workDir);
        const runner = (0,runner_platform/* runnerTarget */.U)();
        // In the order they are needed, as each spawn holds up the next by a few milliseconds: the
        // main package's listing is the longest, the cgo check waits for the platform list.
        const mainListing = quiet(mainPackage(goBin, workDir, pkg, goEnv, i));
        const targetsReading = quiet((0,contract_targets/* listPlatforms */.Rd)(goBin, goEnv).then((platforms) => (0,contract_targets/* parseTargetSpec */.Sf)(i.targets ?? `${runner.goos}/${runner.goarch}`, platforms)));
        // Version, commit, date: from git, never the clock; the inputs override.
        const treeReading = i.version && i.commit && i.date ? undefined : quiet((0,gitinfo/* findWorkTree */.vE)(workDir));
        const sourceReading = treeReading && quiet((0,gitinfo/* readSourceInfo */.OU)(workDir, treeReading));
        // How git sees output-dir: it must stay out of the tree's status (keepOutputOutOfGit).
        const outputReading = treeReading && quiet(treeReading.then((t) => ("none" in t ? undefined : (0,gitinfo/* outputDirState */.wL)(t, outputDir))));
        const linkDir = (0,link_cache/* linkCacheDir */.Q9)(gocache);
        // -X on a variable nobody declares is ignored by the linker: said once, before building.
        const stampChecking = quiet(mainListing.then((m) => checkVersionVariables(goBin, workDir, pkg, i["version-variables"], goEnv, m.listed)));
        // A binary that links a cgo package's stub must not ship unasked.
        const cgoChecking = i.cgo
            ? undefined
            : quiet(targetsReading.then((targets) => (0,cgo/* cgoStubs */.J_)(goBin, workDir, pkg, targets, i.tags, goEnv, { dir: (0,cgo_cache/* cgoCacheDir */.xs)(gocache), toolchain })));
        const main = await mainListing;
        const targets = await targetsReading;
        const source = await sourceReading;
        if (cgoChecking) {
            const found = await cgoChecking;
            for (const s of found.filter((f) => f.fallback))
                (0,kit_log/* info */.pq)(`${s.importPath} is built without its cgo code for ${s.targets.join(", ")}: ${s.fallback}`);
            const stubs = found.filter((f) => !f.fallback);
            if (stubs.length > 0 && !i["allow-cgo-stubs"])
                throw new errors/* UserError */.yo((0,cgo/* cgoStubsMessage */.Ez)(stubs));
            for (const s of stubs)
                (0,kit_log/* warning */.$e)(`${s.importPath} is built without its cgo code for ${s.targets.join(", ")} (allow-cgo-stubs: true): it may fail at run time`);
        }
        // The first write (git's exclude file), once every check above has passed.
        if (source)
            await keepOutputOutOfGit(source, await outputReading, i);
        const version = i.version ?? source?.version;
        const commit = i.commit ?? source?.commit;
        const date = i.date ?? source?.date;
        // The schema let only dates through that name one instant.
        const sourceDateEpoch = i.date ? (0,gitinfo/* rfc3339ToEpoch */.QC)(i.date) : source?.sourceDateEpoch;
        if (!names/* SAFE_NAME */.wY.test(version)) {
            throw (0,errors/* inputError */.Xu)("version", version, "git gave a version ID that is not a safe name; set version explicitly");
        }
        const env = {
            ...goEnv,
            ...(source?.gitEnv ?? {}),
            // C compilers honour it for __DATE__/__TIME__, so cgo builds stay reproducible too.
            SOURCE_DATE_EPOCH: String(sourceDateEpoch),
        };
        const binaryName = i["binary-name"] ?? main.defaultName;
        // Both real paths: git gives the work tree's top directory resolved.
        const moduleDir = main.moduleDir ? (0,external_node_fs_.realpathSync)(main.moduleDir) : "";
        const project = projectName({
            modulePath: main.modulePath,
            moduleDir,
            repoRoot: source?.root,
            binaryName,
        });
        const stamp = { version, commit, date };
        const stampCheck = await stampChecking;
        if (stampCheck.missing.length > 0)
            (0,kit_log/* warning */.$e)(missingVersionVariablesMessage(stampCheck, "version-variables"));
        const ldflags = composeLdflags(stampCheck.stamped, stamp, i.ldflags);
        // cgo on Linux: the C linker links the whole program statically, against the target's libc.a.
        const staticLdflags = composeLdflags(stampCheck.stamped, stamp, i.ldflags, { staticCgo: true });
        const linksStatically = (t) => i.cgo && t.goos === "linux";
        const cc = i.cgo ? (0,cgo/* planCrossCompilers */.SQ)(targets, runner.goarch) : undefined;
        if (cc && cc.unsupported.length > 0 && !process.env.CC) {
            throw new errors/* UserError */.yo(`cgo: no C compiler for ${cc.unsupported.map((u) => `${(0,contract_targets/* formatTarget */.P4)(u.target)} (${u.reason})`).join("; ")}`);
        }
        const { builds, procs, procsFor } = planConcurrency(i.parallel, targets.length);
        const lastProcs = procsFor(targets.length - 1);
        (0,kit_log/* info */.pq)(`Building ${main.importPath} as ${binaryName}${project === binaryName ? "" : ` (project ${project})`} ${version} (${commit.slice(0, 12)}, ${date}) with Go ${goVersion}`);
        (0,kit_log/* info */.pq)(`${targets.length} target(s), ${builds} at a time, -p=${procs}${lastProcs === procs ? "" : ` (the last, -p=${lastProcs})`}; -ldflags="${targets.some(linksStatically) ? staticLdflags : ldflags}"`);
        /** How one target is built; `dynamic` drops the static cgo link (require-static: false's fallback). */
        const specFor = (target, dynamic = false, jobs = procs) => ({
            goBin,
            workDir,
            pkg,
            binaryName,
            target,
            outputDir,
            ldflags: linksStatically(target) && !dynamic ? staticLdflags : ldflags,
            tags: i.tags,
            cgo: i.cgo,
            cc: process.env.CC ||
                cc?.compilers.find((c) => (0,contract_targets/* formatTarget */.P4)(c.target) === (0,contract_targets/* formatTarget */.P4)(target))?.compiler.cc,
            env,
            procs: jobs,
            linkDir,
        });
        const failures = [];
        const fail = (name, message, e) => {
            failures.push({ target: name, message, diagnostics: e instanceof GoBuildError ? e.diagnostics : [] });
            (0,kit_log/* info */.pq)(`✗ ${name}: ${message.split("\n")[0]}`);
            if (e instanceof GoBuildError)
                (0,kit_log/* debug */.Yz)(`${name}: ${e.command} ${e.outcome}`);
        };
        /** Everything after `go build`: reading the binary, and the reproducibility gate. */
        const check = async (target, built, spec) => {
            const name = (0,contract_targets/* formatTarget */.P4)(target);
            try {
                const verification = await verifyBinary(built.path, {
                    target,
                    cgo: i.cgo,
                    goVersion,
                    allowDirty: i["allow-dirty"],
                    requireStatic: i["require-static"],
                });
                for (const w of verification.warnings)
                    (0,kit_log/* warning */.$e)(`${name}: ${w}`);
                if (verification.problems.length > 0) {
                    fail(name, verification.problems.join("; "));
                    return undefined;
                }
                let reproduction;
                if (i["reproducible-check"]) {
                    const rebuilt = progress/* progress */.qB.start(`${name}: the reproducibility check's second build`);
                    reproduction = await reproduce(spec, source?.root ?? workDir, built.path)
                        .catch((e) => {
                        if (!(e instanceof GoBuildError))
                            throw e;
                        fail(name, `the reproducibility check's second build failed: ${e.message}`, e);
                        return undefined;
                    })
                        .finally(rebuilt);
                    if (!reproduction)
                        return undefined;
                    if (!reproduction.identical) {
                        const d = reproduction.difference;
                        fail(name, `not reproducible: a second build from a copy at another path with an empty GOCACHE differs, first at byte ${d?.offset} in ${d?.section} (sha256 ${verification.sha256} vs ${reproduction.sha256})`);
                        return undefined;
                    }
                }
                (0,kit_log/* info */.pq)(`✓ ${name}  ${(0,kit_log/* bytes */.ee)(verification.size)}  sha256:${verification.sha256.slice(0, 16)}  ${verification.info.static === undefined ? "" : verification.info.static ? "static  " : "dynamic  "}${(0,kit_log/* seconds */.YA)(built.durationMs)}${reproduction ? "  reproducible" : ""}`);
                return { target, built, verification, reproduction };
            }
            catch (e) {
                if (!(e instanceof errors/* UserError */.yo))
                    throw e;
                fail(name, e.message);
                return undefined;
            }
        };
        const started = performance.now();
        let wallMs;
        let verified = [];
        const uploaded = [];
        const report = (error) => ({
            binaryName,
            version,
            commit,
            date,
            goVersion,
            targets: targets.map(contract_targets/* formatTarget */.P4),
            built: verified.map((r) => ({
                target: (0,contract_targets/* formatTarget */.P4)(r.target),
                size: r.verification.size,
                sha256: r.verification.sha256,
                static: r.verification.info.static,
                buildMs: r.built.durationMs,
                verifyMs: r.verification.durationMs,
            })),
            failures,
            ...(error === undefined ? {} : { error }),
            wallMs: wallMs ?? performance.now() - started,
            reproducibleCheck: i["reproducible-check"],
            uploaded,
            stamped: stampedLine(stampCheck, stamp),
        });
        try {
            const results = await (0,kit_log/* group */.Os)(`Build ${targets.length} target(s)`, async () => {
                const checks = [];
                try {
                    await (0,pool/* pool */.dz)(targets, builds, async (target, index) => {
                        const name = (0,contract_targets/* formatTarget */.P4)(target);
                        const log = (line) => (0,kit_log/* info */.pq)(`  ${name}: ${line}`);
                        let spec = specFor(target, false, procsFor(index));
                        let built;
                        const done = progress/* progress */.qB.start(name, { index, total: targets.length });
                        try {
                            built = await goBuild(spec, log);
                        }
                        catch (e) {
                            if (!(e instanceof errors/* UserError */.yo))
                                throw e;
                            if (!linksStatically(target)) {
                                fail(name, e.message, e);
                                return;
                            }
                            if (i["require-static"]) {
                                fail(name, staticLinkFailed(e.message), e);
                                return;
                            }
                            (0,kit_log/* warning */.$e)(`${name}: the static link failed, so this is a dynamic binary (require-static: false): ${lastLines(e.message)}`);
                            spec = specFor(target, true, spec.procs);
                            try {
                                built = await goBuild(spec, log);
                            }
                            catch (again) {
                                if (!(again instanceof errors/* UserError */.yo))
                                    throw again;
                                fail(name, again.message, again);
                                return;
                            }
                        }
                        finally {
                            done();
                        }
                        const checked = check(target, built, spec);
                        checks.push(checked);
                        checked.catch(() => undefined); // a bug surfaces through Promise.all below, not as an unhandled rejection
                        // Reading a binary overlaps the next build; a rebuild for the gate takes a build slot.
                        if (i["reproducible-check"])
                            await checked;
                    });
                }
                finally {
                    // Every started check ends before anything is reported or cleaned up.
                    await Promise.allSettled(checks);
                }
                return Promise.all(checks);
            });
            wallMs = performance.now() - started;
            verified = results.filter((r) => r !== undefined).sort((a, b) => (0,contract_targets/* compareTargets */.wu)(a.target, b.target));
            if (failures.length > 0) {
                // In the targets' order, not the order the builds happened to end in.
                const order = targets.map(contract_targets/* formatTarget */.P4);
                failures.sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target));
                // One annotation per compile error at its file and line, not one per target.
                const repoRoot = source?.root ?? process.env.GITHUB_WORKSPACE;
                for (const a of buildAnnotations(failures, (0,external_node_fs_.realpathSync)(workDir), repoRoot))
                    (0,kit_log/* annotateError */.TF)(a.message, a);
                throw new errors/* UserError */.yo(failureMessage(failures, targets.length));
            }
            const done = verified;
            // One manifest fragment per target, next to its binary.
            const artifacts = [];
            for (const r of done) {
                const fragment = manifest.ArtifactFragment.parse({
                    schemaVersion: manifest.SCHEMA_VERSION,
                    kind: "goship.fragment",
                    project,
                    version,
                    commit,
                    sourceDateEpoch,
                    date,
                    target: {
                        goos: r.target.goos,
                        goarch: r.target.goarch,
                        ...(r.target.variant ? { variant: r.target.variant } : {}),
                    },
                    binary: {
                        name: r.built.name,
                        sha256: r.verification.sha256,
                        size: r.verification.size,
                        mode: 0o755,
                        static: r.verification.info.static ?? null,
                        goVersion: r.verification.build.goVersion,
                        buildSettings: r.verification.build.settings,
                    },
                });
                await writeFileAtomic((0,external_node_path_.join)((0,external_node_path_.dirname)(r.built.path), manifest.FRAGMENT_FILE), (0,manifest.stableJson)(fragment));
                artifacts.push({
                    goos: r.target.goos,
                    goarch: r.target.goarch,
                    ...(r.target.variant ? { variant: r.target.variant } : {}),
                    path: r.built.path,
                    name: r.built.name,
                    sha256: r.verification.sha256,
                    size: r.verification.size,
                    static: fragment.binary.static,
                    goVersion: fragment.binary.goVersion,
                    buildSettings: Object.fromEntries(fragment.binary.buildSettings.map((s) => [s.key, s.value])),
                });
            }
            const upload = i.upload ?? (process.env.GITHUB_ACTIONS === "true" && !(0,kit_log/* isLocalMode */.Jn)());
            if (upload) {
                await (0,kit_log/* group */.Os)("Upload artifacts", async () => {
                    for (const r of done) {
                        const name = `${i["artifact-prefix"] ?? project}-${[r.target.goos, r.target.goarch, r.target.variant].filter(Boolean).join("-")}`;
                        // Loaded only when uploading: the artifact client is most of the bundle's start-up time.
                        const { uploadTargetArtifact } = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(351), __webpack_require__.e(838), __webpack_require__.e(878), __webpack_require__.e(110), __webpack_require__.e(29), __webpack_require__.e(518), __webpack_require__.e(616)]).then(__webpack_require__.bind(__webpack_require__, 4616));
                        await uploadTargetArtifact(name, (0,external_node_path_.dirname)(r.built.path), [r.built.name, manifest.FRAGMENT_FILE]);
                        uploaded.push(name);
                        (0,kit_log/* info */.pq)(`Uploaded ${name}`);
                    }
                });
            }
            (0,action.setOutputs)(buildStatic, {
                artifacts: JSON.stringify(artifacts),
                "manifest-dir": outputDir,
                version,
                project,
            });
            await buildSummary(report()).write();
            // Link outputs of output directories unused for five days go, as Go trims GOCACHE.
            await (0,link_cache/* trimLinkCache */.LR)(linkDir, (0,link_cache/* linkCacheEntry */.x1)(linkDir, outputDir), Date.now()).catch((e) => (0,kit_log/* warning */.$e)(`could not trim the link cache ${linkDir}: ${(0,errors/* errorMessage */.gJ)(e)}`));
        }
        catch (e) {
            // Whatever failed once `go build` started (a build, a check, the reproducibility gate, a
            // bug), no binary of this run stays in output-dir: nothing unverified can be picked up.
            await Promise.all(targets.map((t) => removeBuild(specFor(t))));
            // Status first on failure too: which targets failed and why (a failure of one target is
            // in `failures`; anything else is the step's own).
            const error = failures.length > 0
                ? undefined
                : e instanceof errors/* UserError */.yo
                    ? e.message
                    : `internal error (a bug in goship, please report it): ${(0,errors/* errorMessage */.gJ)(e)}`;
            await buildSummary(report(error))
                .write()
                .catch((w) => (0,kit_log/* warning */.$e)(`could not write the job summary: ${(0,errors/* errorMessage */.gJ)(w)}`));
            throw e;
        }
    },
});


/***/ })

};
