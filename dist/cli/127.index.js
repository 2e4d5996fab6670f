export const id = 127;
export const ids = [127];
export const modules = {

/***/ 67127:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   allowing: () => (/* binding */ allowing),
/* harmony export */   boolean: () => (/* binding */ boolean),
/* harmony export */   choice: () => (/* binding */ choice),
/* harmony export */   deprecatedFor: () => (/* binding */ deprecatedFor),
/* harmony export */   forgetSecretInputs: () => (/* binding */ forgetSecretInputs),
/* harmony export */   inputInfo: () => (/* binding */ inputInfo),
/* harmony export */   inputVariable: () => (/* binding */ inputVariable),
/* harmony export */   isSecretInput: () => (/* binding */ isSecretInput),
/* harmony export */   line: () => (/* binding */ line),
/* harmony export */   list: () => (/* binding */ list),
/* harmony export */   parseInputs: () => (/* binding */ parseInputs),
/* harmony export */   readActionInput: () => (/* binding */ readActionInput),
/* harmony export */   runnerDefault: () => (/* binding */ runnerDefault),
/* harmony export */   secret: () => (/* binding */ secret),
/* harmony export */   text: () => (/* binding */ text)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27597);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73713);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83490);
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83179);




const readActionInput = (name) => _workflow_js__WEBPACK_IMPORTED_MODULE_2__/* .getInput */ .V4(name);
/**
 * Parses every input of an action through its zod schema. "" means unset, so schema
 * defaults apply. All problems are reported together in one InputError that names
 * each input, the value received and what is allowed; nothing has run yet.
 */
function parseInputs(schema, read = readActionInput) {
    const raw = {};
    const secrets = new Set();
    for (const [name, field] of Object.entries(schema.shape)) {
        const value = read(name).trim();
        raw[name] = value === "" ? undefined : value;
        if (isSecretInput(field)) {
            secrets.add(name);
            // Line by line too: a runner masks a multi-line secret only where it appears whole.
            if (value)
                for (const v of [value, ...value.split("\n")])
                    (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .maskSecret */ .$l)(v.trim());
        }
    }
    // An old input name's value is read as the input that replaced it (action.yml's
    // deprecationMessage, or the CLI, says so); both names given at once is a mistake.
    const problems = [];
    const renamedFrom = new Map();
    for (const [old, field] of Object.entries(schema.shape)) {
        const now = inputInfo(field).deprecatedFor;
        const value = raw[old];
        if (now === undefined || value === undefined)
            continue;
        if (raw[now] === undefined) {
            raw[now] = value;
            raw[old] = undefined;
            renamedFrom.set(now, old);
        }
        else
            problems.push({
                input: old,
                value: secrets.has(old) ? "***" : value,
                allowed: `is the old name of "${now}", which is given too: give ${now} only`,
            });
    }
    // Without zod's eval-compiled fast path for objects: compiling it costs more than it saves on
    // the one parse a run makes of its inputs, and start-up waits for it. The result is the same.
    const result = schema.safeParse(raw, { jitless: true });
    if (result.success && problems.length === 0)
        return result.data;
    const seen = new Set();
    for (const issue of result.error?.issues ?? []) {
        const name = String(issue.path[0] ?? "(inputs)");
        if (seen.has(name))
            continue; // one line per input is enough
        seen.add(name);
        const value = secrets.has(name) && raw[name] ? "***" : (raw[name] ?? "");
        // Named as the user wrote it: the old name when that is what was given.
        problems.push({ input: renamedFrom.get(name) ?? name, value, allowed: issue.message });
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(problems);
}
const SECRET = { goshipSecret: true };
/** Marks an input as a secret: masked in logs as soon as it is read, never echoed in errors. */
function secret(field) {
    return field.meta(SECRET);
}
/**
 * An input's default that only a runner can evaluate, an expression such as `github.token`:
 * action.yml declares it as `${{ github.token }}`, and local mode leaves the input unset.
 */
function runnerDefault(field, expression) {
    return field.meta({ goshipRunnerDefault: `\${{ ${expression} }}` });
}
/** Marks an input as an old name of `replacement`, still read, with a deprecation warning. */
function deprecatedFor(field, replacement) {
    return field.meta({ goshipDeprecatedFor: replacement });
}
/** Describes what a value must look like, for --help (the same words an error gives). */
function allowing(field, allowed) {
    return field.meta({ goshipAllowed: allowed });
}
function inputInfo(field) {
    const info = { description: field.description ?? "", required: true, secret: false };
    let f = field;
    for (let depth = 0; f && depth < 12; depth++) {
        const meta = f.meta() ?? {};
        if (meta.goshipSecret === true)
            info.secret = true;
        if (typeof meta.goshipRunnerDefault === "string")
            info.runnerDefault ??= meta.goshipRunnerDefault;
        if (typeof meta.goshipDeprecatedFor === "string")
            info.deprecatedFor ??= meta.goshipDeprecatedFor;
        if (typeof meta.goshipAllowed === "string")
            info.allowed ??= meta.goshipAllowed;
        if (meta.goshipBoolean === true)
            info.boolean = true;
        const def = f._zod.def;
        if (def.type === "optional")
            info.required = false;
        if (def.type === "default" || def.type === "prefault") {
            info.required = false;
            if (typeof def.defaultValue === "string" && def.defaultValue !== "")
                info.default ??= def.defaultValue;
        }
        f = def.innerType ?? def.in;
    }
    return info;
}
/** The environment variable the runner passes an input in, as @actions/core's getInput reads it. */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
/**
 * Removes the secret inputs' INPUT_* variables from goship's own environment once they are read.
 * Every child process inherits that environment (go, ssh, and what libraries start, such as
 * tar through @actions/exec): none of them needs a secret goship holds, and a child's
 * environment is one more place to read it from. Other inputs stay: they are no secret, and
 * a library may still read one.
 */
function forgetSecretInputs(schema) {
    for (const [name, field] of Object.entries(schema.shape))
        if (isSecretInput(field))
            delete process.env[inputVariable(name)];
}
/** True when the field or anything it wraps (optional, default, pipe…) was marked secret(). */
function isSecretInput(field) {
    let f = field;
    for (let depth = 0; f && depth < 8; depth++) {
        if (f.meta()?.goshipSecret === true)
            return true;
        const def = f._zod.def;
        f = def.innerType ?? def.in;
    }
    return false;
}
/** Message for a value the user did not give but must. */
const required = (allowed) => `is required; allowed: ${allowed}`;
/** A string input checked against a pattern; `allowed` describes it in words. */
function text(pattern, allowed) {
    return allowing(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`) })
        .regex(pattern, { error: `allowed: ${allowed}` }), allowed);
}
/** A free-form single-line string: anything but control characters (which includes newlines). */
function line(allowed = "a single line of text without control characters") {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    return text(/^[^\u0000-\u001f\u007f]*$/, allowed);
}
/** One of a fixed set of words. */
function choice(values) {
    const allowed = `one of ${values.join(", ")}`;
    return allowing(zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(values, {
        error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`),
    }), allowed);
}
/** A boolean written the YAML 1.2 core schema way, as @actions/core's getBooleanInput accepts it. */
function boolean() {
    const allowed = "true or false";
    return allowing(zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(["true", "True", "TRUE", "false", "False", "FALSE"], {
        error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`),
    }), allowed)
        .meta({ goshipBoolean: true })
        .transform((v) => v.toLowerCase() === "true");
}
/** A comma- or newline-separated list; empty items are dropped. */
function list(item, allowed) {
    return allowing(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`) }), allowed)
        .transform((s) => s
        .split(/[,\n]/)
        .map((x) => x.trim())
        .filter((x) => x !== ""))
        .pipe(zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(item, { error: `allowed: ${allowed}` }));
}


/***/ }),

/***/ 83490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   Jn: () => (/* binding */ isLocalMode),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   TF: () => (/* binding */ annotateError),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   bp: () => (/* binding */ untrusted),
/* harmony export */   ee: () => (/* binding */ bytes),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(13701);
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83179);


/**
 * Logging that reads well both on a runner (workflow commands) and in a terminal
 * (local mode, where "::group::" lines would only be noise).
 */
function isLocalMode() {
    return process.env.GOSHIP_LOCAL === "1";
}
/** A titled stage of the log; the heartbeat (kit/progress) names it while it runs. */
async function group(title, fn) {
    _progress_js__WEBPACK_IMPORTED_MODULE_0__/* .progress */ .qB.touch();
    if (!isLocalMode())
        return _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .group */ .Os(title, () => _progress_js__WEBPACK_IMPORTED_MODULE_0__/* .progress */ .qB.phase(title, fn));
    process.stdout.write(`\n▶ ${title}\n`);
    return _progress_js__WEBPACK_IMPORTED_MODULE_0__/* .progress */ .qB.phase(title, fn);
}
// Every line printed here puts the heartbeat off: it speaks only into a quiet log.
function info(message) {
    _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(message);
    _progress_js__WEBPACK_IMPORTED_MODULE_0__/* .progress */ .qB.touch();
}
const debug = (message) => _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(message);
function warning(message) {
    if (isLocalMode())
        process.stdout.write(`warning: ${message}\n`);
    else
        _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(message);
    _progress_js__WEBPACK_IMPORTED_MODULE_0__/* .progress */ .qB.touch();
}
function notice(message) {
    if (isLocalMode())
        process.stdout.write(`notice: ${message}\n`);
    else
        _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .notice */ .lm(message);
    _progress_js__WEBPACK_IMPORTED_MODULE_0__/* .progress */ .qB.touch();
}
/**
 * An error annotation at a place in the repository (`::error file=…,line=…,col=…::`), for a
 * problem found in a tool's output. In a terminal the tool's own output already says it.
 */
function annotateError(message, at) {
    if (isLocalMode())
        return;
    _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .error */ .z3(message, {
        ...(at.title ? { title: at.title } : {}),
        ...(at.file ? { file: at.file } : {}),
        ...(at.line ? { startLine: at.line } : {}),
        ...(at.column ? { startColumn: at.column } : {}),
    });
}
/**
 * Registers a secret with the runner so it is masked in logs. In local mode there is
 * no log masking, and printing "::add-mask::<secret>" would itself leak the value.
 */
function maskSecret(value) {
    if (value !== "" && !isLocalMode())
        _workflow_js__WEBPACK_IMPORTED_MODULE_1__/* .setSecret */ .Pq(value);
}
/**
 * Text that came from a host or an app (a response body, a journal line, a step's stderr, a value
 * a step printed), made safe to print in the job log: the runner reads every line goship prints
 * for workflow commands, `::<command>::` at the start of a line and `##[<command>]` anywhere in
 * it, so text an app controls could otherwise add a mask, set an output, stop command
 * processing or fake an error. What comes back is one line, the same text where it was harmless:
 * line breaks read `\n` and `\r`, other control characters (an ANSI escape, say) `\u001b`, a
 * `::` at its start `\::` and every `##[` `##\[`.
 */
function untrusted(text) {
    const flat = text
        .toWellFormed()
        .replace(/\r\n|\n/g, "\\n")
        // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
        .replaceAll("##[", "##\\[");
    // The runner trims leading white space (Unicode's too) before it looks for "::".
    return flat.replace(/^(\s*):(?=:)/u, "$1\\:");
}
/** Seconds with one decimal, for logs and summaries. */
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
function bytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ["KiB", "MiB", "GiB", "TiB"];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v.toFixed(1)} ${units[i]}`;
}


/***/ }),

/***/ 13701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qB: () => (/* binding */ progress)
/* harmony export */ });
/* unused harmony exports systemClock, elapsed, Progress */
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83179);

const systemClock = {
    now: () => performance.now(),
    every(ms, fn) {
        const timer = setInterval(fn, ms);
        timer.unref();
        return () => clearInterval(timer);
    },
};
/** "45 s", "2m 05s", "1h 02m": how long something has been running, for a log line. */
function elapsed(ms) {
    const s = Math.floor(ms / 1000);
    if (s < 60)
        return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60)
        return `${m}m ${String(s % 60).padStart(2, "0")}s`;
    return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}
/**
 * What a run is doing, for the person watching its log: a line when each unit of work starts
 * (`→ linux/arm64 (3/7)`), and a heartbeat when the log has been quiet, naming what is still
 * running and for how long. The log is checked every sixth of `limitMs` and the heartbeat
 * printed once it has been quiet for the other five, so no silence reaches `limitMs`.
 */
class Progress {
    print;
    clock;
    running = new Map();
    nextId = 0;
    phases = [];
    startedAt = 0;
    lastOutput = 0;
    tickMs;
    quietMs;
    constructor(print, clock = systemClock, 
    /** The longest the log stays silent while anything runs. */
    limitMs = 60_000) {
        this.print = print;
        this.clock = clock;
        this.tickMs = limitMs / 6;
        this.quietMs = limitMs - this.tickMs;
    }
    /** Starts the heartbeat for one run; returns what stops it. */
    beat() {
        this.startedAt = this.clock.now();
        this.lastOutput = this.startedAt;
        this.running.clear();
        this.phases = [];
        return this.clock.every(this.tickMs, () => this.tick());
    }
    /** Something was printed: the heartbeat waits a full tick from now. */
    touch() {
        this.lastOutput = this.clock.now();
    }
    /**
     * A unit of work starts: says so (with its place among `of`, when given) and counts as
     * running until the returned function is called.
     */
    start(label, of) {
        const id = this.nextId++;
        this.running.set(id, { label, since: this.clock.now() });
        this.say(of ? `→ ${label} (${of.index + 1}/${of.total})` : `→ ${label}`);
        return () => {
            this.running.delete(id);
        };
    }
    /** A unit of work around `fn`: its line when it starts, and running until `fn` settles. */
    async during(label, fn, of) {
        const done = this.start(label, of);
        try {
            return await fn();
        }
        finally {
            done();
        }
    }
    /** A named stage (a log group) runs `fn`; the heartbeat names it when no unit of work is running. */
    async phase(title, fn) {
        this.phases.push(title);
        try {
            return await fn();
        }
        finally {
            this.phases.splice(this.phases.lastIndexOf(title), 1);
        }
    }
    /** One heartbeat check; the clock calls it every tick. */
    tick() {
        const now = this.clock.now();
        if (now - this.lastOutput < this.quietMs)
            return;
        const units = [...this.running.values()].map((r) => `${r.label} (${elapsed(now - r.since)})`);
        const what = units.length > 0 ? units.join(", ") : this.phases.at(-1);
        this.say(`… still running after ${elapsed(now - this.startedAt)}${what ? `: ${what}` : ""}`);
    }
    say(line) {
        this.print(line);
        this.touch();
    }
}
/** The one progress report of this process: kit/log's lines reset its heartbeat. */
const progress = new Progress((line) => _workflow_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line));


/***/ }),

/***/ 83179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   dN: () => (/* binding */ exportVariable),
/* harmony export */   fM: () => (/* binding */ addPath),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* unused harmony export formatCommand */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




function commandValue(value) {
    if (value === null || value === undefined)
        return "";
    return typeof value === "string" ? value : JSON.stringify(value);
}
function escapeData(s) {
    return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
/** `::name key=value,…::message` on a line of its own; properties with no value are left out. */
function formatCommand(name, properties, message) {
    const props = Object.entries(properties)
        .filter(([, v]) => v !== undefined && v !== "" && v !== 0)
        .map(([k, v]) => `${k}=${escapeProperty(commandValue(v))}`)
        .join(",");
    return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}
function issue(name, message = "", properties = {}) {
    process.stdout.write(formatCommand(name, properties, message) + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
/** `name<<ghadelimiter_<uuid>` … block: a value of any lines in a command file. */
function keyValueBlock(name, value) {
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`unexpected input: ${name} or its value holds the delimiter ${delimiter}`);
    return `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}`;
}
/** Appends to the command file $GITHUB_<kind>; false when the runner gave none (an older runner). */
function fileCommand(kind, line) {
    const file = process.env[`GITHUB_${kind}`];
    if (!file)
        return false;
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${line}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`, { encoding: "utf8" });
    return true;
}
const annotation = (at) => ({
    title: at.title,
    file: at.file,
    line: at.startLine,
    endLine: at.endLine,
    col: at.startColumn,
    endColumn: at.endColumn,
});
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
const debug = (message) => issue("debug", message);
const notice = (message, at = {}) => issue("notice", message, annotation(at));
const warning = (message, at = {}) => issue("warning", message, annotation(at));
const error = (message, at = {}) => issue("error", message, annotation(at));
/** Masks the value in the rest of the job's log. */
const setSecret = (secret) => issue("add-mask", secret);
/** Fails the step: an error annotation, and exit status 1 once the process ends. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** A collapsible section of the log around `fn`. */
async function group(title, fn) {
    issue("group", title);
    try {
        return await fn();
    }
    finally {
        issue("endgroup");
    }
}
/** The input the runner passes as INPUT_<NAME> (spaces as underscores), trimmed; "" when unset. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "").trim();
}
function setOutput(name, value) {
    if (fileCommand("OUTPUT", keyValueBlock(name, value)))
        return;
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
    issue("set-output", value, { name });
}
/** Sets a variable for this process and for the job's later steps. */
function exportVariable(name, value) {
    process.env[name] = value;
    if (!fileCommand("ENV", keyValueBlock(name, value)))
        issue("set-env", value, { name });
}
/** Puts a directory first on PATH, for this process and the job's later steps. */
function addPath(dir) {
    if (!fileCommand("PATH", dir))
        issue("add-path", dir);
    process.env.PATH = `${dir}${node_path__WEBPACK_IMPORTED_MODULE_3__.delimiter}${process.env.PATH}`;
}
/** A value for this action's post step (read back there with getState). */
function saveState(name, value) {
    if (!fileCommand("STATE", keyValueBlock(name, value)))
        issue("save-state", value, { name });
}
function getState(name) {
    return process.env[`STATE_${name}`] || "";
}


/***/ })

};
