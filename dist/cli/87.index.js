export const id = 87;
export const ids = [87];
export const modules = {

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

/***/ 29495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   St: () => (/* binding */ execFile),
/* harmony export */   Vi: () => (/* binding */ sameFile),
/* harmony export */   aY: () => (/* binding */ findOnPath),
/* harmony export */   cI: () => (/* binding */ ExecError)
/* harmony export */ });
/* unused harmony export describeCommand */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73713);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1297);




/** A program exited non-zero, was killed, or could not start. */
class ExecError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo {
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
        r = await (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .runProcess */ .R3)(file, args, {
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
        if (!(e instanceof _process_js__WEBPACK_IMPORTED_MODULE_3__/* .ProcessStartError */ ._S))
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
/**
 * The file a command name runs as, found in PATH as spawn finds it (the first executable
 * regular file of that name in PATH's directories), or undefined.
 */
function findOnPath(name, path = process.env.PATH ?? "") {
    for (const dir of path.split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
        if (!(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(dir))
            continue; // "" or a relative entry: depends on the directory it runs in
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        try {
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file).isFile())
                continue;
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            return file;
        }
        catch {
            // not there, or not executable
        }
    }
    return undefined;
}
/** Whether two paths are one file (the same device and inode), e.g. a symlink and its target. */
function sameFile(a, b) {
    try {
        const [x, y] = [(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(a), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(b)];
        return x.dev === y.dev && x.ino === y.ino;
    }
    catch {
        return false;
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
