export const id = 358;
export const ids = [358,225,117,368,498];
export const modules = {

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

/***/ 19556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H5: () => (/* binding */ ownerAndRepo),
/* harmony export */   Vp: () => (/* binding */ runUrl),
/* harmony export */   pO: () => (/* binding */ runContext),
/* harmony export */   y0: () => (/* binding */ apiUrl)
/* harmony export */ });
/* unused harmony exports DEFAULT_API_URL, DEFAULT_SERVER_URL */
/**
 * What a workflow run says about itself, from the variables every runner sets (and that
 * local mode may set by hand): the repository, the run, the commit, the API, the token.
 * Read here and nowhere else, so that every action means the same by "this run".
 */
const VARIABLES = {
    serverUrl: "GITHUB_SERVER_URL",
    apiUrl: "GITHUB_API_URL",
    repository: "GITHUB_REPOSITORY",
    runId: "GITHUB_RUN_ID",
    runAttempt: "GITHUB_RUN_ATTEMPT",
    workflowRef: "GITHUB_WORKFLOW_REF",
    job: "GITHUB_JOB",
    actor: "GITHUB_ACTOR",
    ref: "GITHUB_REF",
    sha: "GITHUB_SHA",
    runnerEnvironment: "RUNNER_ENVIRONMENT",
    token: "GITHUB_TOKEN",
};
/** The REST API root when GITHUB_API_URL is not set: github.com's. */
const DEFAULT_API_URL = "https://api.github.com";
/** The server when GITHUB_SERVER_URL is not set. */
const DEFAULT_SERVER_URL = "https://github.com";
/** The run's variables; unset and empty ones are left out. */
function runContext(env = process.env) {
    const run = {};
    for (const [field, name] of Object.entries(VARIABLES)) {
        const value = env[name];
        if (value)
            run[field] = value;
    }
    return run;
}
/** GITHUB_REPOSITORY split into owner and name; undefined unless it is exactly owner/name. */
function ownerAndRepo(run) {
    const [owner, repo, ...rest] = (run.repository ?? "").split("/");
    return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}
/** The REST API root without a trailing slash. */
function apiUrl(run) {
    return (run.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
}
/** The run's page (every attempt's), e.g. https://github.com/o/r/actions/runs/42; undefined outside a run. */
function runUrl(run) {
    if (!run.repository || !run.runId)
        return undefined;
    return `${(run.serverUrl ?? DEFAULT_SERVER_URL).replace(/\/+$/, "")}/${run.repository}/actions/runs/${run.runId}`;
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


/***/ }),

/***/ 80368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkReleaseIdentity: () => (/* binding */ checkReleaseIdentity),
/* harmony export */   parseChecksums: () => (/* binding */ parseChecksums),
/* harmony export */   verifyRelease: () => (/* binding */ verifyRelease)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7117);
/* harmony import */ var _contract_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77662);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(73713);
/* harmony import */ var _kit_hash_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3730);
/* harmony import */ var _provenance_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(75150);
/* harmony import */ var _signing_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(80850);
/**
 * Checks a release directory offline, with nothing but the public key: the signature over
 * SHA256SUMS, every file's digest, the manifest and everything it names, and the signed
 * provenance. The first failure is thrown, named; nothing is trusted before its check.
 */








const SUMS_LINE = /^([0-9a-f]{64}) {2}(\S+)$/;
/** Parses SHA256SUMS strictly: coreutils text mode, one safe name per line, no duplicates. */
function parseChecksums(text) {
    const sums = new Map();
    const lines = text.split("\n");
    if (lines.at(-1) === "")
        lines.pop();
    lines.forEach((line, i) => {
        const m = SUMS_LINE.exec(line);
        if (!m || !_contract_names_js__WEBPACK_IMPORTED_MODULE_3__/* .SafeName */ .P8.safeParse(m[2]).success)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}:${i + 1}: not a "<sha256>  <file name>" line: ${JSON.stringify(line)}`);
        const [, digest, name] = m;
        if (sums.has(name))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}: ${name} is listed twice`);
        sums.set(name, digest);
    });
    return sums;
}
/**
 * `from` names where the public key came from (deploy-systemd's `public-key` by default), so
 * that a key that is no key, or not the one that signed, is reported against that input.
 */
async function verifyRelease(dir, publicKeyPem, from = (0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.publicKeyInput)(publicKeyPem)) {
    const checks = [];
    const ours = (0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.publicKeyHint)((0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.loadPublicKey)(publicKeyPem, from));
    const byKey = `by the key in input "${from.input}" (${ours})`;
    const read = async (name) => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => undefined);
        if (!st?.isFile())
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${name}: missing from ${dir}`);
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path);
    };
    // 1. The signature over SHA256SUMS, before anything in it is believed.
    const sumsBytes = await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE);
    const sigPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE);
    const hasSig = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(sigPath).catch(() => undefined))?.isFile();
    const hasBundle = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE)).catch(() => undefined))?.isFile();
    if (!hasSig && !hasBundle)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} is not signed: neither ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE} nor ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE} is there`);
    // Only for the message when a signature fails: the key the bundle names (a hint, never trusted).
    const theirs = async () => {
        if (!hasBundle)
            return undefined;
        try {
            const b = _signing_js__WEBPACK_IMPORTED_MODULE_7__.SigstoreBundle.safeParse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE)).toString("utf8")));
            return b.success ? b.data.verificationMaterial.publicKey?.hint : undefined;
        }
        catch {
            return undefined;
        }
    };
    const whyNot = async () => {
        const hint = await theirs();
        if (hint === undefined)
            return `the release was signed by another key, or ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} changed after signing`;
        if (hint === ours)
            return `the release names this key too: ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} or its signature changed after signing`;
        return `the release names key ${hint}: verify with that key's goship.pub only if it is yours`;
    };
    if (hasSig) {
        if (!(0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.verifyBlob)(sumsBytes, await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE), publicKeyPem))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE}: not a valid signature of ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} ${byKey}; ${await whyNot()}`);
        checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE}: signature of ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} verifies`);
    }
    if (hasBundle) {
        const bundle = _signing_js__WEBPACK_IMPORTED_MODULE_7__.SigstoreBundle.safeParse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE)).toString("utf8")));
        if (!bundle.success)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE}: not a Sigstore bundle`);
        if (!(0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.verifyBlobBundle)(sumsBytes, bundle.data, publicKeyPem))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE}: its signature does not verify ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} ${byKey}; ${await whyNot()}`);
        checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE}: bundle verifies ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}`);
    }
    // 2. Every file SHA256SUMS names has that digest.
    const sums = parseChecksums(sumsBytes.toString("utf8"));
    for (const [name, digest] of sums) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => undefined);
        if (!st?.isFile())
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${name}: listed in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} but missing`);
        const { sha256 } = await (0,_kit_hash_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256File */ .Q)(path);
        if (sha256 !== digest)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${name}: sha256 ${sha256} differs from ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}'s ${digest}`);
    }
    checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}: ${sums.size} file(s) match`);
    // 3. The manifest is covered, parses, and every file it names is covered with its digest.
    if (!sums.has(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE))
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE}: not listed in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}`);
    let manifest;
    try {
        manifest = _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.ReleaseManifest.parse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE)).toString("utf8")));
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE}: not a goship release manifest: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e)}`);
    }
    const covered = (ref, what) => {
        if (!ref)
            return;
        const digest = sums.get(ref.name);
        if (digest === undefined)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${ref.name} (${what}): named by ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE} but not in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}`);
        if (digest !== ref.sha256)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${ref.name} (${what}): ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE} says sha256 ${ref.sha256}, ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} ${digest}`);
    };
    for (const a of manifest.artifacts) {
        covered(a.archive, "archive");
        covered(a.sbom.cyclonedx, "CycloneDX SBOM");
        covered(a.sbom.spdx, "SPDX SBOM");
    }
    covered(manifest.provenance, "provenance");
    checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE}: ${manifest.project} ${manifest.version}, ${manifest.artifacts.length} target(s), every file it names matches`);
    // 4. The provenance is signed by the same key and its subjects are exactly the archives.
    if (manifest.provenance) {
        const envelopes = (0,_provenance_js__WEBPACK_IMPORTED_MODULE_6__/* .parseIntotoJsonl */ .BV)((await read(manifest.provenance.name)).toString("utf8"), manifest.provenance.name);
        const envelope = envelopes[0];
        if (envelopes.length !== 1 || !envelope)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${manifest.provenance.name}: expected one envelope, found ${envelopes.length}`);
        if (!(0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.verifyDsse)(envelope, publicKeyPem))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${manifest.provenance.name}: the DSSE signature does not verify ${byKey}`);
        (0,_provenance_js__WEBPACK_IMPORTED_MODULE_6__/* .checkSubjects */ .GX)((0,_provenance_js__WEBPACK_IMPORTED_MODULE_6__/* .statementFromEnvelope */ .cg)(envelope), manifest.artifacts.map((a) => ({ name: a.archive.name, sha256: a.archive.sha256 })));
        checks.push(`${manifest.provenance.name}: signed; its subjects are the ${manifest.artifacts.length} archive(s)`);
    }
    return { manifest, checks };
}
/**
 * A release whose signature verifies can still be the wrong one: an older release of the
 * project put under a newer tag by someone who can edit a release's assets, or another
 * project's release signed with the same key. Its manifest's version and project must be
 * the expected ones. Runs on a verified manifest, before anything is done with it.
 */
function checkReleaseIdentity(manifest, expected) {
    for (const field of ["version", "project"]) {
        const e = expected[field];
        if (e === undefined || manifest[field] === e.want)
            continue;
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)(e.input, e.value, `${e.allowed ?? `the release's ${field}`}; its ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE} says ${manifest.project} ${manifest.version}`);
    }
}


/***/ })

};
