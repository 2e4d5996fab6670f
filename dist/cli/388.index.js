export const id = 388;
export const ids = [388];
export const modules = {

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

/***/ 5448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AQ: () => (/* binding */ assignWaves),
/* harmony export */   Lp: () => (/* binding */ waves),
/* harmony export */   Pm: () => (/* binding */ environmentSecrets),
/* harmony export */   cA: () => (/* binding */ environment),
/* harmony export */   kg: () => (/* binding */ lockTtl),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   sh: () => (/* binding */ renderEnvironmentFile),
/* harmony export */   si: () => (/* binding */ LOCK_HEARTBEAT_MS)
/* harmony export */ });
/* unused harmony exports parseDuration, formatDuration, LOCK_TTL_HEARTBEATS, MIN_LOCK_TTL_MS, parseWaves, RESERVED_ENVIRONMENT_KEYS, parseEnvironment, MIN_MASKED_VALUE */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27597);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(88532);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73713);
/* harmony import */ var _kit_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(67127);



const UNITS = [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
];
const DURATION = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;
const DURATION_ALLOWED = "a duration such as 90s, 10m, 1h30m or 500ms (units h, m, s, ms, largest first), or 0";
const WEEK_MS = 7 * 24 * 3_600_000;
/**
 * A duration as Go writes one (`90s`, `10m`, `1h30m`, `1.5h`, `500ms`, `0s`) in milliseconds.
 * Every number needs its unit, except a bare `0`: `30` could mean seconds or milliseconds, so it
 * is refused with a hint. Units go largest first and once each (`1h30m`, not `30m1h`); no sign,
 * no spaces, no ns/µs (nothing here is that fine), and the result must be whole milliseconds.
 */
function parseDuration(input, value, limits = {}) {
    const ms = readDuration(value, limits);
    if (typeof ms === "string")
        throw inputError(input, value, ms);
    return ms;
}
/** What parseDuration returns, or why the value is refused (a message that says what is allowed). */
function readDuration(value, limits) {
    const min = limits.min ?? 0;
    const max = limits.max ?? WEEK_MS;
    const range = `between ${formatDuration(min)} and ${formatDuration(max)}`;
    if (value === "")
        return `is empty; allowed: ${DURATION_ALLOWED}`;
    let ms;
    if (value === "0")
        ms = 0;
    else if (/^\d+(?:\.\d+)?$/.test(value)) {
        return `has no unit; allowed: ${DURATION_ALLOWED} (write ${value}s for seconds)`;
    }
    else {
        const m = value.length <= 40 ? DURATION.exec(value) : null;
        if (!m)
            return `allowed: ${DURATION_ALLOWED}`;
        ms = 0;
        UNITS.forEach(([, scale], i) => {
            const n = m[i + 1];
            if (n !== undefined)
                ms += Number(n) * scale;
        });
        // Drop binary noise (and anything finer than a microsecond), then insist on whole milliseconds.
        const rounded = Math.round(ms * 1000) / 1000;
        if (!Number.isInteger(rounded))
            return `is not a whole number of milliseconds; allowed: ${DURATION_ALLOWED}`;
        ms = rounded;
    }
    if (ms < min || ms > max)
        return `is out of range; allowed: ${range}`;
    return ms;
}
/** `1h30m`, `90s` → `1m30s`, `500ms`, `0s`: how durations are shown in messages and logs. */
function formatDuration(ms) {
    if (ms === 0)
        return "0s";
    let rest = ms;
    let out = "";
    for (const [unit, scale] of UNITS) {
        const n = Math.floor(rest / scale);
        if (n > 0)
            out += `${n}${unit}`;
        rest -= n * scale;
    }
    return out;
}
/** A zod field for a duration input (parseInputs reports a refusal with the other inputs' problems). */
function duration(limits = {}) {
    return (0,_kit_inputs_js__WEBPACK_IMPORTED_MODULE_1__.allowing)(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: `is required; allowed: ${DURATION_ALLOWED}` }), DURATION_ALLOWED).transform((value, ctx) => {
        const ms = readDuration(value, limits);
        if (typeof ms === "number")
            return ms;
        ctx.addIssue({ code: "custom", message: ms });
        return zod__WEBPACK_IMPORTED_MODULE_3__/* .NEVER */ .tm;
    });
}
// ---------------------------------------------------------------------------------------------
// The lock's TTL
/** How often a run refreshes its deploy locks, and finds out when one was taken over. */
const LOCK_HEARTBEAT_MS = 15_000;
/** Heartbeats a lock-ttl must span, so that a heartbeat or two delayed never loses the lock. */
const LOCK_TTL_HEARTBEATS = 4;
const MIN_LOCK_TTL_MS = LOCK_TTL_HEARTBEATS * LOCK_HEARTBEAT_MS;
const MAX_LOCK_TTL_MS = 31_536_000_000;
/**
 * A zod field for `lock-ttl`: a lock older than this counts as abandoned and the next run takes
 * it over, so it must outlast several of the holder's heartbeats (a run that is alive but slow to
 * refresh, a host that answered late) or two runs would change the same hosts.
 */
function lockTtl() {
    return duration({ max: MAX_LOCK_TTL_MS }).refine((ms) => ms >= MIN_LOCK_TTL_MS, {
        message: `is shorter than ${formatDuration(MIN_LOCK_TTL_MS)}; allowed: a duration from ${formatDuration(MIN_LOCK_TTL_MS)} ` +
            `to ${formatDuration(MAX_LOCK_TTL_MS)}: a run refreshes its lock every ${formatDuration(LOCK_HEARTBEAT_MS)} ` +
            `(its heartbeat), and a lock older than lock-ttl is taken over by the next run, so lock-ttl must span ` +
            `at least ${LOCK_TTL_HEARTBEATS} heartbeats`,
    });
}
const WAVES_ALLOWED = "comma-separated cumulative steps, each a host count (1) or a percentage of the fleet (25%), " +
    "increasing, the last one 100%, e.g. 1,25%,100%";
const MAX_WAVES = 100;
/**
 * The `waves` input: `1,25%,100%` is 1 host, then up to 25% of the fleet in total, then the rest.
 * Counts must increase among counts and percentages among percentages (a count and a percentage
 * compare only once the fleet size is known; a step that adds no host is skipped then). The last
 * step must be 100%, so no host is silently left out: a list without it is refused, not completed.
 */
function parseWaves(value, input = "waves") {
    const steps = readWaves(value);
    if (typeof steps === "string")
        throw inputError(input, value, steps);
    return steps;
}
function readWaves(value) {
    const items = value.split(",").map((s) => s.trim());
    if (value.trim() === "")
        return `is empty; allowed: ${WAVES_ALLOWED}`;
    if (items.length > MAX_WAVES)
        return `has more than ${MAX_WAVES} steps; allowed: ${WAVES_ALLOWED}`;
    const steps = [];
    // The last count and the last percentage so far, with the step that gave each.
    let lastCount = { value: 0, step: 0 };
    let lastPercent = { value: 0, step: 0 };
    for (const [i, item] of items.entries()) {
        const where = `step ${i + 1}`;
        if (item === "")
            return `${where} is empty; allowed: ${WAVES_ALLOWED}`;
        const pct = /^([1-9][0-9]{0,2})%$/.exec(item);
        if (pct) {
            const percent = Number(pct[1]);
            if (percent > 100)
                return `${where} (${item}) is over 100%; allowed: ${WAVES_ALLOWED}`;
            if (percent <= lastPercent.value) {
                return `${where} (${item}) is not more than step ${lastPercent.step} (${lastPercent.value}%); allowed: ${WAVES_ALLOWED}`;
            }
            lastPercent = { value: percent, step: i + 1 };
            steps.push({ percent });
        }
        else if (/^[1-9][0-9]{0,5}$/.test(item)) {
            const hosts = Number(item);
            if (hosts <= lastCount.value) {
                return `${where} (${item}) is not more than step ${lastCount.step} (${lastCount.value}); allowed: ${WAVES_ALLOWED}`;
            }
            lastCount = { value: hosts, step: i + 1 };
            steps.push({ hosts });
        }
        else {
            return `${where} (${JSON.stringify(item)}) is neither a host count nor a percentage; allowed: ${WAVES_ALLOWED}`;
        }
    }
    const last = steps[steps.length - 1];
    if (!last || !("percent" in last) || last.percent !== 100) {
        return `does not end with 100%, so some hosts would never be deployed; add ",100%" at the end; allowed: ${WAVES_ALLOWED}`;
    }
    return steps;
}
/** A zod field for the `waves` input. */
function waves() {
    return (0,_kit_inputs_js__WEBPACK_IMPORTED_MODULE_1__.allowing)(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: `is required; allowed: ${WAVES_ALLOWED}` }), WAVES_ALLOWED).transform((value, ctx) => {
        const steps = readWaves(value);
        if (typeof steps !== "string")
            return steps;
        ctx.addIssue({ code: "custom", message: steps });
        return zod__WEBPACK_IMPORTED_MODULE_3__/* .NEVER */ .tm;
    });
}
/**
 * Splits hosts into waves, in order: wave i holds the hosts from the previous step's total up to
 * this step's (a percentage of hosts.length rounded up, so 1% of 3 hosts is 1 host; a count
 * above the fleet is the whole fleet). A step that adds no host gives no wave: every wave
 * returned is non-empty, every host is in exactly one, and the order of `hosts` is kept.
 */
function assignWaves(hosts, steps) {
    const n = hosts.length;
    const out = [];
    let done = 0;
    for (const step of steps) {
        const target = "percent" in step ? Math.ceil((step.percent * n) / 100) : step.hosts;
        const upTo = Math.min(n, Math.max(done, target));
        if (upTo > done)
            out.push(hosts.slice(done, upTo));
        done = upTo;
    }
    // parseWaves ends every list with 100%; a hand-made list that does not still leaves no host out.
    if (done < n)
        out.push(hosts.slice(done));
    return out;
}
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Set by goship itself in the unit (the listen port; ADDR is reserved for the listen address). */
const RESERVED_ENVIRONMENT_KEYS = ["PORT", "ADDR"];
/** Linux's MAX_ARG_STRLEN: one KEY=VALUE string, with its NUL, must fit or the service cannot start. */
const MAX_ASSIGNMENT_BYTES = 128 * 1024 - 1;
const ENVIRONMENT_ALLOWED = "KEY=VALUE lines with KEY matching [A-Za-z_][A-Za-z0-9_]*, each key once, not PORT or ADDR " +
    "(goship sets those), values without control characters; blank lines and # comments are ignored";
/**
 * The `environment` input (a secret): KEY=VALUE lines for the service's EnvironmentFile. The
 * value is everything after the first "=", byte for byte: no quotes are removed and no escapes
 * or $VARIABLES are expanded (KEY="a b" sets KEY to the 5 characters "a b", quotes included). Blank lines and lines
 * whose first non-blank character is # are ignored; whitespace before a key is ignored; CRLF
 * line ends are accepted. Refused: a line without "=" or with a key outside [A-Za-z_][A-Za-z0-9_]*,
 * control characters (tab included) in a value, PORT and ADDR (goship sets the listen port
 * itself), a key given twice, and one assignment longer than Linux passes to a process.
 *
 * Messages name a line by its number and never quote it: the text is a secret. They name the key
 * only once it is a valid variable name (a name, not a value), never anything after the "=".
 */
function parseEnvironment(value, input = "environment") {
    const entries = readEnvironment(value);
    // The value is never echoed: "***" stands for it.
    if (typeof entries === "string")
        throw inputError(input, "***", entries);
    return entries;
}
function readEnvironment(text) {
    const problems = [];
    const entries = [];
    const firstLine = new Map();
    const lines = text.split("\n");
    for (const [i, raw] of lines.entries()) {
        const n = i + 1;
        const line = (raw.endsWith("\r") ? raw.slice(0, -1) : raw).replace(/^[ \t]+/, "");
        if (line === "" || line.startsWith("#"))
            continue;
        const eq = line.indexOf("=");
        if (eq === -1) {
            problems.push(`line ${n} is not KEY=VALUE`);
            continue;
        }
        const key = line.slice(0, eq);
        const value = line.slice(eq + 1);
        if (!ENV_KEY.test(key)) {
            problems.push(`line ${n}: the name before "=" is not a variable name ([A-Za-z_][A-Za-z0-9_]*)`);
            continue;
        }
        if (/\p{Cc}/u.test(value)) {
            problems.push(`line ${n} (${key}): the value contains a control character (a tab, a carriage return…)`);
            continue;
        }
        if (!value.isWellFormed()) {
            problems.push(`line ${n} (${key}): the value is not valid Unicode text`);
            continue;
        }
        if (RESERVED_ENVIRONMENT_KEYS.includes(key)) {
            problems.push(`line ${n} sets ${key}, which goship sets itself (it decides where the service listens)`);
            continue;
        }
        const first = firstLine.get(key);
        if (first !== undefined) {
            problems.push(`line ${n} sets ${key} again (line ${first} set it already)`);
            continue;
        }
        if (Buffer.byteLength(key) + 1 + Buffer.byteLength(value) > MAX_ASSIGNMENT_BYTES) {
            problems.push(`line ${n} (${key}) is longer than ${MAX_ASSIGNMENT_BYTES} bytes, the most Linux passes`);
            continue;
        }
        firstLine.set(key, n);
        entries.push({ key, value });
    }
    if (problems.length === 0)
        return entries;
    const shown = problems.slice(0, 10).join("; ");
    const more = problems.length > 10 ? `; and ${problems.length - 10} more` : "";
    return `${shown}${more}; allowed: ${ENVIRONMENT_ALLOWED}`;
}
/**
 * A zod field for the `service-env` input, to be wrapped in secret(): parseInputs then shows
 * its value as *** and the message (line numbers, never text) as what is allowed.
 */
function environment() {
    return (0,_kit_inputs_js__WEBPACK_IMPORTED_MODULE_1__.allowing)(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: `is required; allowed: ${ENVIRONMENT_ALLOWED}` }), ENVIRONMENT_ALLOWED).transform((value, ctx) => {
        const entries = readEnvironment(value);
        if (typeof entries !== "string")
            return entries;
        ctx.addIssue({ code: "custom", message: entries });
        return zod__WEBPACK_IMPORTED_MODULE_3__/* .NEVER */ .tm;
    });
}
/**
 * Values shorter than this are not masked on their own: a `1`, `on` or `api` masked would turn
 * every occurrence of it in the log into *** (host addresses, versions, counts) and hides no
 * secret worth the name. They stay masked as part of their KEY=VALUE line.
 */
const MIN_MASKED_VALUE = 4;
/**
 * The values of the `service-env` input to mask on their own, besides the whole input and each
 * line: an app prints a value without its key (a journal line goship echoes when a health check
 * fails). Every value of MIN_MASKED_VALUE characters or more, once each.
 */
function environmentSecrets(entries) {
    return [...new Set(entries.map((e) => e.value).filter((v) => v.length >= MIN_MASKED_VALUE))];
}
/** ASCII characters a value keeps as they are in the file; other ASCII ones get a backslash. */
const PLAIN_ASCII = /^[A-Za-z0-9_./:@%+,=-]$/;
/**
 * The EnvironmentFile systemd reads back as exactly these entries. Values are written unquoted
 * with a backslash before every ASCII character other than letters, digits and _ . / : @ % + , = -
 * (so `a b"$c` is `a\ b\"\$c`). Outside quotes, systemd's env-file parser turns `\x` into `x` for
 * any x and keeps everything else byte for byte, with no $ expansion: the same in every systemd
 * since at least v219. Inside double quotes it does not: v240-v246 keep the backslash of `\\`
 * and v247+ keep it before anything but " \ ` $, so quoting would not be portable. Read as a
 * POSIX sh script (`set -a; . file`) the file gives the same values. Values must not contain
 * control characters (parseEnvironment refuses them); there is no escape systemd reads for them.
 */
function renderEnvironmentFile(entries) {
    const lines = ["# Written by goship (deploy-systemd). Do not edit: every deploy rewrites this file."];
    const keys = new Set();
    for (const { key, value } of entries) {
        // Programming errors, not user errors: parseEnvironment has refused these already.
        if (!ENV_KEY.test(key))
            throw new Error(`environment key ${JSON.stringify(key)} is not a variable name`);
        if (keys.has(key))
            throw new Error(`environment key ${key} is given twice`);
        if (/\p{Cc}/u.test(value) || !value.isWellFormed()) {
            throw new Error(`environment value of ${key} contains a control character or is not valid Unicode`);
        }
        keys.add(key);
        let out = "";
        for (const ch of value)
            out += ch > "\u007f" || PLAIN_ASCII.test(ch) ? ch : `\\${ch}`;
        lines.push(`${key}=${out}`);
    }
    return `${lines.join("\n")}\n`;
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


/***/ }),

/***/ 24493:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A_: () => (/* binding */ parseHostList),
/* harmony export */   BB: () => (/* binding */ formatHostSpec),
/* harmony export */   nn: () => (/* binding */ parseHostSpec),
/* harmony export */   uo: () => (/* binding */ parseProxyJump)
/* harmony export */ });
/* unused harmony export SSH_USER_PATTERN */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73713);


const SSH_USER_PATTERN = /^[a-z_][a-z0-9_-]{0,31}$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PORT = /^[1-9][0-9]{0,4}$/;
const HOST_SPEC_ALLOWED = "allowed: [user@]host[:port] with user [a-z_][a-z0-9_-]{0,31}, host a DNS name, an IPv4 address " +
    "or an IPv6 address in brackets ([2001:db8::1]), port 1-65535";
/** Parses one `[user@]host[:port]`; `input` names the input in the error (`hosts`, `proxy-jump`). */
function parseHostSpec(spec, defaults, input = "hosts") {
    const parsed = readHostSpec(spec, checkedDefaults(defaults));
    if (typeof parsed === "string")
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(input, spec, `${parsed}; ${HOST_SPEC_ALLOWED}`);
    return parsed;
}
/**
 * The `hosts` input: specs separated by newlines or commas, blanks ignored, duplicates (the
 * same user, host and port however spelled) dropped, first-seen order kept. Every bad entry is
 * reported at once. An empty text gives an empty list: whether that is allowed (an inventory
 * instead) is the caller's decision.
 */
function parseHostList(text, defaults, input = "hosts") {
    const d = checkedDefaults(defaults);
    const problems = [];
    const seen = new Map();
    for (const item of text.split(/[,\n]/)) {
        const spec = item.trim();
        if (spec === "")
            continue;
        const parsed = readHostSpec(spec, d);
        if (typeof parsed === "string")
            problems.push({ input, value: spec, allowed: `${parsed}; ${HOST_SPEC_ALLOWED}` });
        else if (!seen.has(formatHostSpec(parsed)))
            seen.set(formatHostSpec(parsed), parsed);
    }
    if (problems.length > 0)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(problems);
    return [...seen.values()];
}
/**
 * The `proxy-jump` input: one or more hops, comma-separated as ssh's ProxyJump takes them,
 * each checked like a host. Empty means no jump. Hops get the default user and port filled in,
 * so ssh never falls back to the runner's login name for them.
 */
function parseProxyJump(text, defaults, input = "proxy-jump") {
    const d = checkedDefaults(defaults);
    const value = text.trim();
    if (value === "")
        return [];
    const problems = [];
    const hops = [];
    for (const item of value.split(",")) {
        const parsed = readHostSpec(item.trim(), d);
        if (typeof parsed === "string") {
            problems.push({ input, value: item.trim(), allowed: `${parsed}; ${HOST_SPEC_ALLOWED}` });
        }
        else
            hops.push(parsed);
    }
    if (problems.length > 0)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(problems);
    return hops;
}
/** `user@host:port`, IPv6 in brackets: how specs are shown, compared, and given to ProxyJump. */
function formatHostSpec(spec) {
    const host = spec.host.includes(":") ? `[${spec.host}]` : spec.host;
    return `${spec.user}@${host}:${spec.port}`;
}
function checkedDefaults(defaults) {
    if (!SSH_USER_PATTERN.test(defaults.user)) {
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)("ssh-user", defaults.user, "allowed: a user name matching [a-z_][a-z0-9_-]{0,31}");
    }
    const port = defaults.port ?? 22;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new Error(`default port ${port} is not 1-65535`);
    return { user: defaults.user, port };
}
/** The spec, or why it is refused (a phrase that follows the value in the message). */
function readHostSpec(spec, defaults) {
    if (spec === "")
        return "is empty";
    if (spec.startsWith("-"))
        return 'starts with "-", which ssh would read as an option';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\s\u0000-\u001f\u007f-\u009f]/.test(spec))
        return "contains whitespace or a control character";
    const odd = /[^A-Za-z0-9_.:@[\]-]/.exec(spec);
    if (odd)
        return `contains ${JSON.stringify(odd[0])}, which no user, host or port has`;
    let rest = spec;
    let user = defaults.user;
    const at = spec.indexOf("@");
    if (at !== -1) {
        if (spec.indexOf("@", at + 1) !== -1)
            return 'has more than one "@"';
        user = spec.slice(0, at);
        rest = spec.slice(at + 1);
        if (user === "")
            return 'has no user before "@"';
        if (!SSH_USER_PATTERN.test(user))
            return `user ${JSON.stringify(user)} is not a user name`;
    }
    let host;
    let port;
    if (rest.startsWith("[")) {
        const close = rest.indexOf("]");
        if (close === -1)
            return 'has "[" without a closing "]"';
        host = rest.slice(1, close).toLowerCase();
        const after = rest.slice(close + 1);
        if (after !== "" && !after.startsWith(":"))
            return `has ${JSON.stringify(after)} after "]"`;
        if (after !== "")
            port = after.slice(1);
        if (!(0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(host))
            return `${JSON.stringify(host)} in brackets is not an IPv6 address`;
    }
    else {
        if (rest.includes("]"))
            return 'has "]" without an opening "["';
        const parts = rest.split(":");
        if (parts.length > 2)
            return 'has more than one ":" (an IPv6 address goes in brackets: [2001:db8::1]:22)';
        host = (parts[0] ?? "").toLowerCase();
        port = parts[1];
        if (host === "")
            return "has no host";
        if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv4)(host)) {
            // An IPv4 address as it is.
        }
        else if (/^[0-9.]+$/.test(host)) {
            return `${JSON.stringify(host)} is not an IPv4 address`;
        }
        else {
            const why = dnsNameProblem(host);
            if (why)
                return why;
        }
    }
    if (port === undefined)
        return { user, host, port: defaults.port };
    if (port === "")
        return 'has no port after ":"';
    const n = Number(port);
    if (!PORT.test(port) || n > 65535)
        return `port ${JSON.stringify(port)} is not 1-65535`;
    return { user, host, port: n };
}
function dnsNameProblem(host) {
    if (host.length > 253)
        return "host name is longer than 253 characters";
    const labels = host.split(".");
    for (const label of labels) {
        if (!DNS_LABEL.test(label)) {
            return label === ""
                ? `host ${JSON.stringify(host)} has an empty label`
                : `host ${JSON.stringify(host)}: ${JSON.stringify(label)} is not a DNS label (letters, digits, inner "-")`;
        }
    }
    // A last label of digits only is how resolvers tell addresses from names (1.2.3 is an address to inet_aton).
    if (/^[0-9]+$/.test(labels[labels.length - 1] ?? ""))
        return `host ${JSON.stringify(host)} is neither a name nor an address`;
    return undefined;
}


/***/ }),

/***/ 14490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oZ: () => (/* binding */ HostKeyError),
  Ag: () => (/* binding */ SshClient)
});

// UNUSED EXPORTS: SshConnectionError, SshSession, StepError

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __webpack_require__(73713);
// EXTERNAL MODULE: ./src/kit/exec.ts
var exec = __webpack_require__(29495);
// EXTERNAL MODULE: ./src/kit/hash.ts
var hash = __webpack_require__(3730);
// EXTERNAL MODULE: ./src/kit/log.ts
var kit_log = __webpack_require__(83490);
// EXTERNAL MODULE: ./src/kit/process.ts
var kit_process = __webpack_require__(1297);
;// CONCATENATED MODULE: ./src/remote/command.ts

const STEP_NAME = /^[a-z][a-z0-9-]{0,62}$/;
/** Linux's MAX_ARG_STRLEN is 128 KiB, and the whole remote command is one argument of the login shell. */
const MAX_COMMAND_BYTES = 120 * 1024;
/** After the step's time is up, `timeout` waits this long for it to end before it kills it. */
const KILL_GRACE_SEC = 10;
/** Defines a step; `body` must be a constant of our code, never built from input. */
function remoteStep(name, body) {
    if (!STEP_NAME.test(name))
        throw new Error(`step name ${JSON.stringify(name)} is not [a-z][a-z0-9-]*`);
    return Object.freeze({ name, script: `set -eu\n${body.trim()}\n` });
}
/**
 * One word for a POSIX shell, taken literally: single-quoted, each `'` written as `'\''`.
 * Anything but NUL (which no argument can hold) and broken UTF-16 (which could not arrive
 * byte-for-byte) is allowed, newlines included.
 */
function shellQuote(word) {
    if (word.includes("\0"))
        throw new errors/* UserError */.yo("a remote argument contains a NUL byte, which no argument can hold");
    if (!word.isWellFormed())
        throw new errors/* UserError */.yo("a remote argument is not valid Unicode (a lone surrogate)");
    return `'${word.replaceAll("'", "'\\''")}'`;
}
/**
 * The command line ssh hands to the remote login shell: `[sudo -n --] timeout -k 10 <s> sh -c
 * '<script>' goship-<name> '<arg>'…`. `timeout` ends the step's whole process group on the
 * host, so a step given up on here does not go on running there.
 */
function remoteCommand(step, args, opts) {
    // The one property every step must have, whoever wrote it: stop at the first failure or unset variable.
    if (!/^\s*set -eu\b/.test(step.script))
        throw new Error(`step "${step.name}": its script must start with set -eu`);
    const words = [
        ...(opts.sudo ? ["sudo", "-n", "--"] : []),
        "timeout",
        "-k",
        String(KILL_GRACE_SEC),
        String(opts.timeoutSec),
        "sh",
        "-c",
        step.script,
        `goship-${step.name}`,
        ...args,
    ];
    const command = words.map(shellQuote).join(" ");
    const bytes = Buffer.byteLength(command);
    if (bytes > MAX_COMMAND_BYTES) {
        throw new errors/* UserError */.yo(`step "${step.name}": its arguments make a ${bytes}-byte command line (at most ${MAX_COMMAND_BYTES}); send large data on stdin`);
    }
    return command;
}
/**
 * SshSession.upload's script: what arrives on stdin goes to a temporary file beside `dest`, its
 * sha256 is checked against the local one, then it is chmod-ed and renamed into place.
 */
const UPLOAD = remoteStep("upload", `
dest=$1 mode=$2 want=$3
dir=\${dest%/*}
[ -n "$dir" ] || dir=/
mkdir -p -- "$dir"
tmp=$(mktemp "$dir/.goship-upload.XXXXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
# openssl hashes several times faster than coreutils; either is a full SHA-256.
if command -v openssl >/dev/null 2>&1; then got=$(openssl dgst -sha256 -r "$tmp"); else got=$(sha256sum < "$tmp"); fi
got=\${got%% *}
if [ "$got" != "$want" ]; then
  echo "sha256 of what arrived is $got, expected $want" >&2
  exit 3
fi
chmod "$mode" "$tmp"
mv -f -- "$tmp" "$dest"
trap - EXIT
printf '%s\\n' "$got"
`);

// EXTERNAL MODULE: ./src/remote/hosts-spec.ts
var hosts_spec = __webpack_require__(24493);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/remote/ssh-files.ts







/**
 * The private directory of one SshClient (0700): the key, known_hosts and the ssh config its
 * connections read (0600 each), who owns it, and its control sockets. A client killed before
 * close() leaves one behind; the next client in the same base ends its masters and removes it.
 */
/** Paths that go into the config file, control socket names and the jump's shell command unquoted. */
const SAFE_DIR = /^\/[A-Za-z0-9._/-]*$/;
/** A unix socket path is at most 104-108 bytes, and ssh adds ".XXXXXXXXXXXXXXXX" while creating it. */
const MAX_DIR_LENGTH = 60;
const OWNER_FILE = "owner";
/**
 * Directories of goship ssh clients whose process is gone without close() (killed with
 * SIGKILL, say: its exit handler never ran): their masters still hold connections open and
 * their key file is still on disk. Each master named in the directory is ended, if its command
 * line still names that directory, and the directory is removed. Best effort: never throws.
 */
async function sweepAbandoned(base) {
    let names;
    try {
        names = (await (0,promises_.readdir)(base)).filter((n) => n.startsWith("goship-ssh-"));
    }
    catch {
        return;
    }
    for (const name of names) {
        const dir = (0,external_node_path_.join)(base, name);
        try {
            const [pid = "", start = ""] = (await (0,promises_.readFile)((0,external_node_path_.join)(dir, OWNER_FILE), "utf8")).trim().split(" ");
            if ((0,kit_process/* processStartTime */.X0)(Number(pid)) === start && start !== "")
                continue; // its owner still runs
            for (const f of (await (0,promises_.readdir)(dir)).filter((f) => f.endsWith(".pid"))) {
                const master = Number((await (0,promises_.readFile)((0,external_node_path_.join)(dir, f), "utf8")).trim());
                let cmdline = "";
                try {
                    cmdline = (0,external_node_fs_.readFileSync)(`/proc/${master}/cmdline`, "utf8");
                }
                catch {
                    continue; // gone already
                }
                if (Number.isInteger(master) && master > 1 && cmdline.includes(dir))
                    (0,kit_process/* signalProcess */.a7)(master, "SIGTERM");
            }
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
        catch {
            // not ours, or not readable: leave it
        }
    }
}
/**
 * Writes the client's files into `dir` (made already) and the ssh config to `configFile`.
 * Resolves once they are written, with the check that OpenSSH can load the key without a
 * passphrase still running (ssh-keygen): `keyChecked` rejects with the input error if not.
 */
async function writeClientFiles(dir, configFile, f) {
    await (0,promises_.chmod)(dir, 0o700);
    // Who owns this directory, for sweepAbandoned if this process is killed before close().
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, OWNER_FILE), `${process.pid} ${(0,kit_process/* processStartTime */.X0)(process.pid)}\n`, {
        mode: 0o600,
    });
    const keyFile = (0,external_node_path_.join)(dir, "id");
    const knownHostsFile = (0,external_node_path_.join)(dir, "known_hosts");
    await (0,promises_.writeFile)(keyFile, f.privateKey, { mode: 0o600 });
    await (0,promises_.writeFile)(knownHostsFile, f.knownHosts, { mode: 0o600 });
    const keyChecked = checkPrivateKey(keyFile);
    keyChecked.catch(() => undefined); // the caller awaits it (SshClient.ready)
    // Everything here also applies to ProxyJump hops (see the top of ssh.ts).
    const config = [
        "# Written by goship: the only configuration these ssh connections read.",
        "BatchMode yes",
        "StrictHostKeyChecking yes",
        `UserKnownHostsFile ${knownHostsFile}`,
        "GlobalKnownHostsFile /dev/null",
        "UpdateHostKeys no",
        "CheckHostIP no",
        "VerifyHostKeyDNS no",
        "IdentitiesOnly yes",
        `IdentityFile ${keyFile}`,
        "IdentityAgent none",
        "PreferredAuthentications publickey",
        "ForwardAgent no",
        "ForwardX11 no",
        "RequestTTY no",
        `ConnectTimeout ${f.connectTimeoutSec}`,
        `ServerAliveInterval ${f.serverAliveIntervalSec}`,
        `ServerAliveCountMax ${f.serverAliveCountMax}`,
        // Only the master (-M, -S on its command line) multiplexes; hops connect plainly.
        "ControlMaster no",
        "ControlPath none",
        "",
    ].join("\n");
    await (0,promises_.writeFile)(configFile, config, { mode: 0o600 });
    return { keyChecked };
}
/** Checks known_hosts text: at least one key, every line a known_hosts entry. */
function checkKnownHosts(text) {
    const normalized = `${text.replaceAll("\r\n", "\n").trim()}\n`;
    let keys = 0;
    for (const raw of normalized.split("\n")) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#"))
            continue;
        const bad = (why) => (0,errors/* inputError */.Xu)("known-hosts", line, `${why}; allowed: known_hosts lines ([@cert-authority|@revoked] host-patterns key-type base64-key [comment])`);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
        if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line))
            throw bad("contains a control character");
        const fields = line.split(/[ \t]+/);
        const marker = fields[0]?.startsWith("@") ? fields.shift() : undefined;
        if (marker !== undefined && marker !== "@cert-authority" && marker !== "@revoked") {
            throw bad(`unknown marker ${marker}`);
        }
        const [patterns, type, key] = fields;
        if (!patterns || !type || !key)
            throw bad("has fewer than three fields");
        if (!/^(ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+$/.test(type))
            throw bad(`unknown key type ${JSON.stringify(type)}`);
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key))
            throw bad("its key is not base64");
        if (marker !== "@revoked")
            keys++;
    }
    if (keys === 0)
        throw (0,errors/* inputError */.Xu)("known-hosts", text.trim(), "has no host key; allowed: known_hosts lines (ssh-keyscan output, or @cert-authority lines)");
    return normalized;
}
async function checkPrivateKey(file) {
    const r = await (0,exec/* execFile */.St)("ssh-keygen", ["-y", "-P", "", "-f", file], {
        allowFailure: true,
        timeoutMs: 10_000,
    });
    if (r.code !== 0) {
        const why = r.stderr.replaceAll(file, "the key").trim();
        throw (0,errors/* inputError */.Xu)("ssh-private-key", "***", `not a private key OpenSSH can load without a passphrase (${why})`);
    }
}
/** The base directory for clients' directories: short and plain, so that control sockets fit. */
function clientBase(requested) {
    const candidates = requested ? [requested] : [process.env.RUNNER_TEMP, (0,external_node_os_.tmpdir)(), "/tmp"];
    for (const base of candidates) {
        if (base && SAFE_DIR.test(base) && base.length <= MAX_DIR_LENGTH - 20)
            return base;
    }
    throw new errors/* UserError */.yo(`${requested}: not usable for ssh's files (an absolute path of [A-Za-z0-9._/-], at most ${MAX_DIR_LENGTH - 20} characters, so control sockets fit)`);
}

;// CONCATENATED MODULE: ./src/remote/ssh.ts











/** A host's key is not the one known-hosts has for it (or it has none): nothing was sent to it. */
class HostKeyError extends errors/* UserError */.yo {
    host;
    name = "HostKeyError";
    constructor(host, message) {
        super(message);
        this.host = host;
    }
}
/** The connection could not be made or was lost. */
class SshConnectionError extends errors/* UserError */.yo {
    host;
    stderr;
    name = "SshConnectionError";
    constructor(host, message, stderr) {
        super(message);
        this.host = host;
        this.stderr = stderr;
    }
}
/** A step exited non-zero or timed out on the host. */
class StepError extends errors/* UserError */.yo {
    host;
    step;
    result;
    name = "StepError";
    constructor(host, step, result, message) {
        super(message);
        this.host = host;
        this.step = step;
        this.result = result;
    }
}
/** What a mux client says when no master answers on the control socket. */
const NO_MASTER = /^Control socket connect\(.*\): /m;
const STDERR_KEPT = 64 * 1024;
/**
 * Credentials and files shared by every host of one run: a private directory (0700) with the
 * key, known_hosts and ssh config (0600 each) and one control socket per host. `close()`
 * ends every connection and removes the directory.
 */
class SshClient {
    dir;
    configFile;
    sshPath;
    stepTimeoutMs;
    proxyJump;
    connectTimeoutSec;
    maxChannels;
    #sessions = new Map();
    #onExit = () => this.#endSync();
    #closed = false;
    #keyChecked = Promise.resolve();
    constructor(dir, opts) {
        this.dir = dir;
        this.configFile = (0,external_node_path_.join)(dir, "config");
        this.sshPath = opts.sshPath ?? "ssh";
        this.stepTimeoutMs = opts.stepTimeoutMs ?? 10 * 60_000;
        this.proxyJump = opts.proxyJump ?? [];
        this.connectTimeoutSec = opts.connectTimeoutSec ?? 15;
        this.maxChannels = opts.maxChannels ?? 8;
    }
    static async create(opts) {
        const knownHosts = checkKnownHosts(opts.knownHosts);
        const privateKey = `${opts.privateKey.replaceAll("\r\n", "\n").trim()}\n`;
        const base = clientBase(opts.baseDir);
        await sweepAbandoned(base);
        const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(base, "goship-ssh-"));
        const client = new SshClient(dir, opts);
        process.on("exit", client.#onExit);
        try {
            const { keyChecked } = await writeClientFiles(dir, client.configFile, {
                privateKey,
                knownHosts,
                connectTimeoutSec: client.connectTimeoutSec,
                serverAliveIntervalSec: opts.serverAliveIntervalSec ?? 15,
                serverAliveCountMax: opts.serverAliveCountMax ?? 3,
            });
            client.#keyChecked = keyChecked;
        }
        catch (e) {
            await client.close();
            throw e;
        }
        return client;
    }
    /**
     * Resolves once ssh-keygen found that OpenSSH loads the private key without a passphrase;
     * rejects with the input error naming ssh-private-key otherwise. The check runs from
     * create() on, beside whatever the caller does next (a deploy prints its first line); no
     * session connects before it passed, and a caller awaits it first for one clear error.
     */
    ready() {
        return this.#keyChecked;
    }
    /** The session for a host, made on first use; nothing connects until it runs something. */
    session(target) {
        if (this.#closed)
            throw new Error("SshClient is closed");
        const key = (0,hosts_spec/* formatHostSpec */.BB)(target);
        let s = this.#sessions.get(key);
        if (!s) {
            s = new SshSession(this, target, (0,external_node_path_.join)(this.dir, `c${this.#sessions.size + 1}`));
            this.#sessions.set(key, s);
        }
        return s;
    }
    /** Master connections opened per host so far (a reconnect after a lost connection counts). */
    connectionCounts() {
        return [...this.#sessions.values()].map((s) => ({ host: s.label, connections: s.connectionsOpened }));
    }
    /** Ends every connection (`ssh -O exit`, then by PID) and removes the key and the directory. */
    async close() {
        if (this.#closed)
            return;
        this.#closed = true;
        const results = await Promise.allSettled([...this.#sessions.values()].map((s) => s.close()));
        process.off("exit", this.#onExit);
        await (0,promises_.rm)(this.dir, { recursive: true, force: true });
        const failed = results.find((r) => r.status === "rejected");
        if (failed)
            throw failed.reason;
    }
    /**
     * On process exit without close() (an error nobody caught, or a stop signal: runAction exits
     * on those): remove the key and the directory, then end the masters we started, by PID. In
     * that order: a master that ends unlinks its control socket, which would race the removal.
     */
    #endSync() {
        for (let attempt = 0; attempt < 3 && (0,external_node_fs_.existsSync)(this.dir); attempt++) {
            try {
                (0,external_node_fs_.rmSync)(this.dir, { recursive: true, force: true });
            }
            catch {
                // Something changed in it meanwhile: again.
            }
        }
        for (const s of this.#sessions.values())
            s.killSync();
    }
}
/**
 * One host over one multiplexed connection. `run` and `upload` open it on first use;
 * steps run at most `maxChannels` at a time.
 */
class SshSession {
    client;
    target;
    socket;
    /** `user@host:port`. */
    label;
    #connections = 0;
    #masterPid;
    #opening;
    #closed = false;
    #active = 0;
    #waiting = [];
    constructor(client, target, 
    /** The control socket. */
    socket) {
        this.client = client;
        this.target = target;
        this.socket = socket;
        this.label = (0,hosts_spec/* formatHostSpec */.BB)(target);
    }
    /** Master connections this session has opened. */
    get connectionsOpened() {
        return this.#connections;
    }
    /** The PID of the running master, if any. */
    get masterPid() {
        return this.#isOpen() ? this.#masterPid : undefined;
    }
    /** Connects (host key checked, key authenticated) unless a live master is already there. */
    async open() {
        if (this.#closed)
            throw new Error(`${this.label}: session is closed`);
        if (this.#isOpen())
            return;
        this.#opening ??= this.#connect().finally(() => {
            this.#opening = undefined;
        });
        return this.#opening;
    }
    /** Runs a step; rejects with StepError on a non-zero exit unless allowFailure. */
    async run(step, args, opts = {}) {
        const timeoutMs = opts.timeoutMs ?? this.client.stepTimeoutMs;
        const command = remoteCommand(step, args, { sudo: opts.sudo, timeoutSec: Math.ceil(timeoutMs / 1000) });
        let result = await this.#runOnce(command, opts, timeoutMs);
        // The client never reached the master (it died after our liveness check): the command was
        // not sent, and ProxyCommand=false kept ssh from connecting by itself, so running it again
        // over a new master is safe, as long as stdin can be given again.
        const replayable = opts.stdin === undefined || typeof opts.stdin === "string" || Buffer.isBuffer(opts.stdin);
        if (result.code === 255 && NO_MASTER.test(result.stderr) && replayable) {
            await this.#endMaster();
            result = await this.#runOnce(command, opts, timeoutMs);
        }
        const { code, timedOut, ...rest } = result;
        const r = { code, ...rest };
        const where = `step "${step.name}" on ${this.label}`;
        // timeout(1) exits 124 when the step ran out of time, 137 when it had to be killed.
        if (timedOut || code === 124 || code === 137) {
            throw new StepError(this.label, step.name, r, `${where} timed out after ${Math.ceil(timeoutMs / 1000)} s${tail(r)}`);
        }
        if (code === 255 && (NO_MASTER.test(r.stderr) || !this.#isOpen())) {
            throw new SshConnectionError(this.label, `${where}: the connection to ${this.label} was lost${tail(r)}`, r.stderr);
        }
        if (code !== 0 && !opts.allowFailure) {
            const sudoHint = /sudo: (a password is required|a terminal is required)/.test(r.stderr)
                ? ` (${this.target.user} needs passwordless sudo on the host, or become: none when connecting as root)`
                : "";
            throw new StepError(this.label, step.name, r, `${where} exited with code ${code}${sudoHint}${tail(r)}`);
        }
        return r;
    }
    async #runOnce(command, opts, timeoutMs) {
        await this.open();
        await this.#acquire();
        try {
            const { signal: _, ...result } = await (0,kit_process/* runProcess */.R3)(this.client.sshPath, [...this.#muxClient(), ...(opts.stdin === undefined ? ["-n"] : []), ...this.#destination(), command], {
                stdin: opts.stdin,
                timeoutMs: timeoutMs + (KILL_GRACE_SEC + 10) * 1000,
                maxStdoutBytes: opts.maxStdoutBytes ?? 1 << 20,
                maxStderrBytes: STDERR_KEPT,
            });
            return result;
        }
        catch (e) {
            if (e instanceof kit_process/* ProcessStartError */._S) {
                throw new errors/* UserError */.yo(e.reason.code === "ENOENT"
                    ? `${e.file}: command not found (install openssh-client)`
                    : `${e.file}: ${e.reason.message}`);
            }
            if (e instanceof kit_process/* ProcessInputError */.Qv)
                throw new errors/* UserError */.yo(`reading the step's input: ${e.reason.message}`);
            throw e;
        }
        finally {
            this.#release();
        }
    }
    /**
     * Streams a local file to `remotePath` over the step's stdin: written to a temporary file
     * beside it, its sha256 checked on the host against the local one, then chmod and renamed
     * into place, so the path holds either the old file or the whole new one.
     */
    async upload(localPath, remotePath, opts = {}) {
        if (!/^(\/[A-Za-z0-9._+@=,:-]+)+$/.test(remotePath) || /\/\.\.?(\/|$)/.test(remotePath)) {
            throw new errors/* UserError */.yo(`upload to ${JSON.stringify(remotePath)}: not an absolute path of plain names`);
        }
        const mode = typeof opts.mode === "number" ? opts.mode.toString(8).padStart(4, "0") : (opts.mode ?? "0644");
        if (!/^0?[0-7]{3}$/.test(mode))
            throw new errors/* UserError */.yo(`upload to ${remotePath}: mode ${mode} is not octal like 0644`);
        const local = await (0,hash/* sha256File */.Q)(localPath);
        const stdin = (0,external_node_fs_.createReadStream)(localPath);
        let r;
        try {
            r = await this.run(UPLOAD, [remotePath, mode, local.sha256], {
                stdin,
                sudo: opts.sudo,
                timeoutMs: opts.timeoutMs,
            });
        }
        finally {
            stdin.destroy();
        }
        const remote = r.stdout.trim();
        if (remote !== local.sha256) {
            throw new errors/* UserError */.yo(`upload of ${localPath} to ${this.label}:${remotePath}: the host read sha256 ${remote}, expected ${local.sha256}`);
        }
        return local;
    }
    /**
     * GET http://127.0.0.1:<port><path> on the host, through this connection (`ssh -W` over the
     * master): nothing needs to be installed on the host and no port is opened to the runner.
     * sshd must allow local forwarding (AllowTcpForwarding yes or local, its default).
     * Resolves with the status and body, or with `error` when no HTTP answer came back.
     */
    async httpGet(port, path, timeoutMs = 5000) {
        if (!Number.isInteger(port) || port < 1 || port > 65_535)
            throw new errors/* UserError */.yo(`httpGet: port ${port}`);
        if (!/^\/[\x21-\x7e]*$/.test(path))
            throw new errors/* UserError */.yo(`httpGet: path ${JSON.stringify(path)}`);
        await this.open();
        await this.#acquire();
        const started = performance.now();
        try {
            // stdin stays open until the far end closes: closing it early half-closes the TCP
            // connection, which some servers take as the client going away.
            const { stdout, stderr, timedOut } = await (0,kit_process/* runProcess */.R3)(this.client.sshPath, [...this.#muxClient(), "-W", `127.0.0.1:${port}`, ...this.#destination()], {
                stdin: `GET ${path} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: goship\r\nConnection: close\r\n\r\n`,
                keepStdinOpen: true,
                timeoutMs,
                maxStdoutBytes: 1 << 20,
                maxStderrBytes: 4096,
            }).catch((e) => {
                if (e instanceof kit_process/* ProcessStartError */._S)
                    return { stdout: "", stderr: e.message, timedOut: false };
                throw e;
            });
            const ms = Math.round(performance.now() - started);
            const head = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r?\n/.exec(stdout);
            if (head) {
                const split = stdout.indexOf("\r\n\r\n");
                return { status: Number(head[1]), body: split < 0 ? "" : stdout.slice(split + 4), ms };
            }
            if (timedOut)
                return { error: `no answer from 127.0.0.1:${port}${path} within ${timeoutMs} ms`, ms };
            const said = stderr
                .trim()
                .split("\n")
                .filter(Boolean)
                .slice(-2)
                .map((l) => (0,kit_log/* untrusted */.bp)(l))
                .join("; ");
            if (/administratively prohibited/.test(said)) {
                return {
                    error: `sshd on ${this.label} refuses TCP forwarding (AllowTcpForwarding), which health checks use: ${said}`,
                    ms,
                };
            }
            return { error: said || `127.0.0.1:${port} closed the connection without an HTTP answer`, ms };
        }
        finally {
            this.#release();
        }
    }
    /** Ends the master (`ssh -O exit`, then SIGTERM by PID if it lingers). Safe to call twice. */
    async close() {
        this.#closed = true;
        await this.#opening?.catch(() => { });
        await this.#shutdown();
    }
    async #shutdown() {
        const pid = this.#masterPid;
        if (pid !== undefined && (0,kit_process/* processAlive */.FN)(pid)) {
            const exit = ["-F", this.client.configFile, "-S", this.socket, "-O", "exit", ...this.#destination()];
            await (0,exec/* execFile */.St)(this.client.sshPath, exit, { allowFailure: true, timeoutMs: 10_000 }).catch(() => { });
            await (0,kit_process/* waitForExit */.zE)(pid, 5000);
        }
        await this.#endMaster();
        (0,external_node_fs_.rmSync)(this.socket, { force: true });
    }
    /** Ends the master we started, by its PID, and waits until it is gone. */
    async #endMaster() {
        const pid = this.#masterPid;
        this.#masterPid = undefined;
        if (pid !== undefined)
            await (0,kit_process/* endProcess */.JZ)(pid, 5000);
    }
    /** For process exit: no awaiting, just end the master we started. */
    killSync() {
        if (this.#masterPid !== undefined && (0,kit_process/* processAlive */.FN)(this.#masterPid))
            (0,kit_process/* signalProcess */.a7)(this.#masterPid, "SIGTERM");
    }
    /** ssh's options for a client of this session's master. */
    #muxClient() {
        return [
            "-F",
            this.client.configFile,
            "-o",
            "ControlMaster=no",
            "-o",
            `ControlPath=${this.socket}`,
            // A client never connects by itself: without the master it fails (see the top of the file).
            "-o",
            "ProxyCommand=false",
        ];
    }
    #destination() {
        return ["-l", this.target.user, "-p", String(this.target.port), "--", this.target.host];
    }
    #isOpen() {
        return this.#masterPid !== undefined && (0,kit_process/* processAlive */.FN)(this.#masterPid) && (0,external_node_fs_.existsSync)(this.socket);
    }
    async #connect() {
        const c = this.client;
        await c.ready();
        // A master that is unreachable (its socket gone or dead) would linger; a socket left by
        // one killed hard would block the new master.
        await this.#endMaster();
        (0,external_node_fs_.rmSync)(this.socket, { force: true });
        const log = `${this.socket}.log`;
        const hops = c.proxyJump;
        const args = [
            "-F",
            c.configFile,
            "-M",
            "-N",
            "-f",
            "-o",
            `ControlPath=${this.socket}`,
            ...(hops.length > 0 ? ["-o", `ProxyJump=${hops.map(hosts_spec/* formatHostSpec */.BB).join(",")}`] : []),
            ...this.#destination(),
        ];
        // stderr to a file, not a pipe: the backgrounded master's ProxyJump hop keeps it open for as long as it runs.
        const fd = (0,external_node_fs_.openSync)(log, "w", 0o600);
        let exit;
        try {
            exit = await (0,kit_process/* runProcess */.R3)(c.sshPath, args, {
                stderrFd: fd,
                timeoutMs: (c.connectTimeoutSec * (hops.length + 1) + 20) * 1000,
            }).catch((e) => {
                if (e instanceof kit_process/* ProcessStartError */._S)
                    return e;
                throw e;
            });
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
        const stderr = (0,external_node_fs_.readFileSync)(log, "utf8");
        (0,external_node_fs_.rmSync)(log, { force: true });
        if (exit instanceof kit_process/* ProcessStartError */._S) {
            const why = exit.reason.code === "ENOENT" ? "command not found (install openssh-client)" : exit.reason.message;
            throw new SshConnectionError(this.label, `${c.sshPath}: ${why}`, "");
        }
        if (exit.timedOut) {
            throw new SshConnectionError(this.label, `connecting to ${this.label} timed out${tailOf(stderr)}`, stderr);
        }
        if (exit.code !== 0)
            throw connectFailure(this.label, this.target.host, stderr);
        this.#connections++;
        const check = await (0,exec/* execFile */.St)(c.sshPath, ["-F", c.configFile, "-S", this.socket, "-O", "check", ...this.#destination()], {
            allowFailure: true,
            timeoutMs: 10_000,
        });
        const pid = Number(/Master running \(pid=(\d+)\)/.exec(check.stderr)?.[1]);
        if (check.code !== 0 || !Number.isInteger(pid)) {
            throw new SshConnectionError(this.label, `connected to ${this.label}, but its master connection does not answer: ${(0,kit_log/* untrusted */.bp)(check.stderr.trim())}`, check.stderr);
        }
        this.#masterPid = pid;
        // Named beside the socket, so a run killed before close() has its master ended by the next.
        await (0,promises_.writeFile)(`${this.socket}.pid`, `${pid}\n`, { mode: 0o600 });
        // close() was called while connecting: it waits for this, then finds nothing to end.
        if (this.#closed)
            await this.#shutdown();
    }
    async #acquire() {
        if (this.#active < this.client.maxChannels) {
            this.#active++;
            return;
        }
        await new Promise((resolve) => this.#waiting.push(resolve));
    }
    #release() {
        const next = this.#waiting.shift();
        if (next)
            next();
        else
            this.#active--;
    }
}
/** Turns ssh's refusal into one clear error; host key problems name the host whose key it was. */
function connectFailure(label, host, stderr) {
    const named = /Host key for (\S+) has changed|host key for (\S+) is marked as revoked|host key is known for (\S+) and/i.exec(stderr);
    // ssh names a host on another port as [host]:port.
    // ssh's words, but a hostile server's banner can imitate them: untrusted.
    const keyHost = (0,kit_log/* untrusted */.bp)((named?.[1] ?? named?.[2] ?? named?.[3] ?? host).replace(/^\[(.*)\]:\d+$/, "$1"));
    const via = keyHost === host ? "" : ` (a proxy-jump host on the way to ${label})`;
    if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/.test(stderr)) {
        return new HostKeyError(keyHost, `host key for ${keyHost} does not match known-hosts: refusing to connect${via}`);
    }
    if (/REVOKED HOST KEY|marked as revoked/i.test(stderr)) {
        return new HostKeyError(keyHost, `host key for ${keyHost} is marked @revoked in known-hosts: refusing to connect${via}`);
    }
    if (/No \S+ host key is known for/.test(stderr)) {
        return new HostKeyError(keyHost, `host key for ${keyHost} is not in known-hosts: refusing to connect${via} (keys are never trusted on first use)`);
    }
    if (/Host key verification failed/.test(stderr)) {
        return new HostKeyError(keyHost, `host key for ${keyHost} could not be verified against known-hosts: refusing to connect${via}${tailOf(stderr)}`);
    }
    if (/Permission denied \(/.test(stderr)) {
        return new SshConnectionError(label, `${label} refused the key (is ssh-private-key authorized for this user?)${tailOf(stderr)}`, stderr);
    }
    return new SshConnectionError(label, `cannot connect to ${label}${tailOf(stderr)}`, stderr);
}
function tail(r) {
    return tailOf(r.stderr.trim() ? r.stderr : r.stdout);
}
/** The end of what ssh or the host said, each line through untrusted() (a host's banner, a step's output). */
function tailOf(text) {
    const t = text
        .trimEnd()
        .slice(-2000)
        .split("\n")
        .slice(-20)
        .map((l) => (0,kit_log/* untrusted */.bp)(l))
        .join("\n");
    return t ? `:\n${t}` : "";
}


/***/ })

};
