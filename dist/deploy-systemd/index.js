import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9305:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _kit_action_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(55034);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(56296);


await (0,_kit_action_js__WEBPACK_IMPORTED_MODULE_0__/* .runAction */ .Cs)(_main_js__WEBPACK_IMPORTED_MODULE_1__/* .deploySystemd */ .R);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 56296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  R: () => (/* binding */ deploySystemd)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: ./src/contract/release-files.ts
var release_files = __nccwpck_require__(66173);
// EXTERNAL MODULE: ./src/contract/targets.ts
var targets = __nccwpck_require__(5008);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __nccwpck_require__(58500);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __nccwpck_require__(73713);
;// CONCATENATED MODULE: ./src/kit/pool.ts
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

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 9 modules
var schemas = __nccwpck_require__(27597);
// EXTERNAL MODULE: ./src/contract/names.ts
var names = __nccwpck_require__(77662);
// EXTERNAL MODULE: ./src/kit/log.ts
var kit_log = __nccwpck_require__(83490);
;// CONCATENATED MODULE: ./src/remote/steps/script.ts





/**
 * What deploy-systemd does on a host, as constant POSIX sh scripts (dash is the reference).
 *
 * The SSH layer runs each one as `sh -c '<script>' goship-step <arg>…`, every argument quoted,
 * optionally under `sudo -n`. The script text never changes with the deploy: every value arrives
 * as a positional argument, is checked here first (RemoteValueError) and again by the script
 * itself (exit EXIT.BAD_ARGUMENT), so a script run by hand with a hostile value still refuses it.
 *
 * Every step is idempotent and safe to kill at any instant: files and directories are written
 * beside their destination and renamed into place, so a re-run converges and the host always has
 * a complete release behind `current`. Steps print their results as KEY=VALUE lines on stdout
 * (values never hold a newline) and their complaints on stderr.
 *
 * Every step but lock, unlock and status expects the caller to hold the lock: they sweep what
 * killed runs left (staging directories, temporary files), which would race a live second run.
 *
 * Where each path is on the host, and who owns it: ../layout.ts (the scripts spell the same
 * paths in sh). index.ts lists every step; each family has its file (lock, release, config,
 * systemd, status, nginx), and this one holds what they share: the prelude, the exit codes,
 * the value checks and the reading of what a step prints.
 *
 * The scripts need what every systemd host has: a POSIX sh, GNU coreutils (mv -T, stat -c,
 * date -r, sha256sum, a fractional sleep), cmp, grep, sed, flock (util-linux) and systemctl. openssl is used as a second digest where
 * installed (VERIFIED_WITH says which tools agreed).
 */
/** Exit codes the scripts return on purpose; anything else is a command that failed (see stderr). */
const EXIT = {
    OK: 0,
    /** An argument failed the script's own check (the validators here make this unreachable). */
    BAD_ARGUMENT: 10,
    /** A path goship owns is a symbolic link, not a directory or regular file, or not root's: nothing changed. */
    UNSAFE_LAYOUT: 11,
    /** lock: another holder has the lock and it is younger than the TTL. stdout: HOLDER, RUN_URL, SINCE, AGE, TTL. */
    LOCK_HELD: 12,
    /** unlock: the lock belongs to someone else (or kept changing under us); it is left in place. */
    NOT_HOLDER: 13,
    /** stage-release: the uploaded binary's sha256 is not the expected one, the tools disagree, or the manifest does not list it. */
    CHECKSUM_MISMATCH: 14,
    /** stage-release: the version is already installed with a different binary; a version is never replaced. */
    RELEASE_CONFLICT: 15,
    /** switch: the release to switch to is not installed on this host. */
    NO_SUCH_RELEASE: 16,
    /** A tool the step needs (sha256sum) is not installed. */
    TOOL_MISSING: 17,
    /** record-history: the line is not a single line holding a JSON object. */
    BAD_HISTORY_LINE: 18,
    /** analyze-unit: `systemd-analyze verify` refused the unit (stderr says why). */
    UNIT_INVALID: 19,
    /** service: systemctl could not do it (stderr and the unit's state say why). */
    SERVICE_FAILED: 20,
    /** lock (refresh): the lock is gone or another run holds it now; stdout: HOLDER, RUN_URL, SINCE, AGE of that one. */
    LOCK_LOST: 21,
    /**
     * The app's name belongs to something goship did not make on this host (a unit it did not
     * write, /opt/<app> or /etc/<app> of another package, a /var/lib/<app> systemd did not make
     * for goship's unit): nothing changed. See claim.ts.
     */
    FOREIGN: 22,
    // nginx (see nginx.ts): 30-39.
    /** write-upstream: `nginx -t` refused the configuration with the new upstream; the previous file is back. stdout: NGINX_ERROR. */
    NGINX_INVALID: 30,
    /** write-upstream: nginx is not installed, /etc/nginx/conf.d is missing, or nginx.service is not running: nothing changed. */
    NGINX_UNAVAILABLE: 31,
    /** write-upstream: nginx did not take the new upstream on reload; the previous file is back, and the next write reloads. */
    NGINX_RELOAD_FAILED: 32,
};
const EXIT_MEANING = {
    [EXIT.BAD_ARGUMENT]: "an argument was refused by the step",
    [EXIT.UNSAFE_LAYOUT]: "a path under the app's directories is not what goship made (a link, or not root's)",
    [EXIT.LOCK_HELD]: "the deploy lock is held by another run",
    [EXIT.NOT_HOLDER]: "the deploy lock belongs to another run",
    [EXIT.CHECKSUM_MISMATCH]: "the binary's sha256 does not match",
    [EXIT.RELEASE_CONFLICT]: "this version is already installed with a different binary",
    [EXIT.NO_SUCH_RELEASE]: "the release is not installed on the host",
    [EXIT.TOOL_MISSING]: "a tool the step needs is not installed on the host",
    [EXIT.BAD_HISTORY_LINE]: "the history line is not one line of JSON",
    [EXIT.UNIT_INVALID]: "systemd-analyze verify refused the unit",
    [EXIT.SERVICE_FAILED]: "systemctl failed",
    [EXIT.LOCK_LOST]: "the deploy lock is no longer this run's",
    [EXIT.FOREIGN]: "the app's name is taken on the host by something goship did not make",
    [EXIT.NGINX_INVALID]: "nginx -t refused the configuration with the new upstream (the previous one is back)",
    [EXIT.NGINX_UNAVAILABLE]: "nginx is not installed or not running on the host",
    [EXIT.NGINX_RELOAD_FAILED]: "nginx did not reload with the new upstream (the previous one is back)",
};
/** A value that cannot be passed to a remote step. `field` names the parameter (e.g. "version"). */
class RemoteValueError extends errors/* UserError */.yo {
    field;
    name = "RemoteValueError";
    constructor(field, value, allowed) {
        const text = typeof value === "string" ? value : String(value);
        const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
        // The value may have come from a host (a version in its history): untrusted.
        super(`${field} ${(0,kit_log/* untrusted */.bp)(JSON.stringify(shown))} cannot be used on a host: ${allowed}`);
        this.field = field;
    }
}
// ---------------------------------------------------------------------------------------------
// Values. Each schema matches the script's own check of the same argument (the sh `is_*` below).
/** A release directory or file name: SafeName, at most 128 characters, without `..`. */
const ReleaseName = names/* SafeName */.P8.max(128, "at most 128 characters").refine((v) => !v.includes(".."), {
    message: "must not contain ..",
});
const BinaryName = ReleaseName.refine((v) => v !== release_files/* MANIFEST_FILE */.h1, {
    message: `must not be ${release_files/* MANIFEST_FILE */.h1}, which sits beside it`,
});
const Sha256Hex = schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits");
const SlotPort = schemas/* number */.aig().int().min(names/* MIN_PORT */.ln).max(65_535);
/** An absolute path made of plain segments: letters, digits and . _ + -; no `.` or `..` segment. */
const HostFilePath = schemas/* string */.YjP()
    .max(1024)
    .regex(/^(\/[A-Za-z0-9._+-]+)+$/, "an absolute path of letters, digits and . _ + - only")
    .refine((p) => p.split("/").every((s) => s !== "." && s !== ".."), { message: "no . or .. segments" });
/** Identifies a lock holder; unique per run (see newHolderToken). */
const HolderToken = schemas/* string */.YjP()
    .regex(/^[A-Za-z0-9._@:+-]{1,128}$/, "1 to 128 of A-Z a-z 0-9 . _ @ : + -");
/** Empty, or an http(s) URL of printable ASCII without spaces. */
const RunUrl = schemas/* string */.YjP()
    .max(1024)
    .regex(/^(https?:\/\/[\x21-\x7e]+)?$/, "empty, or an http(s) URL of printable ASCII without spaces");
const TtlSeconds = schemas/* number */.aig().int().min(1).max(31_536_000);
const KeepCount = schemas/* number */.aig().int().min(1).max(1000);
const HistoryCount = schemas/* number */.aig().int().min(0).max(1000);
/** The longest history line a step accepts (the script checks the same). */
const MAX_HISTORY_LINE = 16_384;
function checked(schema, field, value) {
    const r = schema.safeParse(value);
    if (!r.success)
        throw new RemoteValueError(field, value, r.error.issues.map((i) => i.message).join("; "));
    return r.data;
}
const checkApp = (v) => checked(names/* AppName */.td, "app", v);
const checkVersion = (v, field = "version") => checked(ReleaseName, field, v);
// ---------------------------------------------------------------------------------------------
// The scripts
/**
 * Script text: backslashes stay as written (String.raw) and `\${` stands for sh's `${`;
 * a bare `${…}` interpolates a TypeScript constant (exit codes, the shared prelude).
 */
function sh(strings, ...values) {
    const raw = strings.raw.map((s) => s.replaceAll("\\${", "${"));
    return String.raw({ raw }, ...values);
}
/** Shared by every step: strict mode, a fixed environment, value checks, layout checks. */
const PRELUDE = sh `set -eu
export LC_ALL=C
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022

die() { code=$1; shift; printf 'goship-step: %s\n' "$*" >&2; exit "$code"; }

# The same rules as the TypeScript validators; LC_ALL=C makes the ranges plain ASCII.
is_app() { case $1 in [a-z]*) ;; *) return 1 ;; esac; case $1 in *[!a-z0-9-]*) return 1 ;; esac; [ \${#1} -le 32 ]; }
is_name() { case $1 in [A-Za-z0-9]*) ;; *) return 1 ;; esac; case $1 in *[!A-Za-z0-9._+-]* | *..*) return 1 ;; esac; [ \${#1} -le 128 ]; }
is_uint() { case $1 in '' | *[!0-9]*) return 1 ;; esac; [ \${#1} -le 12 ]; }
is_port() { case $1 in [1-9]*) ;; *) return 1 ;; esac; is_uint "$1" && [ "$1" -ge ${names/* MIN_PORT */.ln} ] && [ "$1" -le 65535 ]; }
is_sha256() { case $1 in *[!0-9a-f]*) return 1 ;; esac; [ \${#1} -eq 64 ]; }
is_token() { case $1 in '' | *[!A-Za-z0-9._@:+-]*) return 1 ;; esac; [ \${#1} -le 128 ]; }
is_url() {
  [ -n "$1" ] || return 0
  case $1 in http://?* | https://?*) ;; *) return 1 ;; esac
  case $1 in *[![:graph:]]*) return 1 ;; esac
  [ \${#1} -le 1024 ]
}
is_path() {
  case $1 in /?*) ;; *) return 1 ;; esac
  case $1 in *[!A-Za-z0-9._+/-]* | */ | *//* | */./* | */../* | */. | */..) return 1 ;; esac
  [ \${#1} -le 1024 ]
}
need() { "is_$1" "$3" || die ${EXIT.BAD_ARGUMENT} "$2: not allowed: $3"; }

# A directory goship owns: absent, or a real directory (not a link) owned by root.
own_dir() {
  if [ -L "$1" ]; then die ${EXIT.UNSAFE_LAYOUT} "$1 is a symbolic link: refusing to work through it"; fi
  if [ -e "$1" ]; then
    [ -d "$1" ] || die ${EXIT.UNSAFE_LAYOUT} "$1 exists and is not a directory"
    [ "$(stat -c %u -- "$1")" = 0 ] || die ${EXIT.UNSAFE_LAYOUT} "$1 is not owned by root"
  fi
}
# A file goship replaces: absent, or a regular file (not a link).
own_file() {
  if [ -L "$1" ]; then die ${EXIT.UNSAFE_LAYOUT} "$1 is a symbolic link: refusing to write through it"; fi
  if [ -e "$1" ] && [ ! -f "$1" ]; then die ${EXIT.UNSAFE_LAYOUT} "$1 exists and is not a regular file"; fi
  return 0
}
make_dir() {
  own_dir "$2"
  if [ ! -d "$2" ]; then
    mkdir -m "$1" -- "$2" 2>/dev/null || [ -d "$2" ] || die 1 "cannot create $2"
    own_dir "$2"
  fi
}
# The release a link names (the last part of its target), if it is a link to a valid name.
link_name() {
  [ -L "$1" ] || return 0
  t=$(readlink -- "$1") || return 0
  t=\${t%/}
  t=\${t##*/}
  if is_name "$t"; then printf '%s' "$t"; fi
}
`;
/** Kill-safe staging: whatever a step leaves in $tmp is removed on any exit it can see. */
const TMP_TRAP = sh `trap 'rm -rf -- "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
`;
/** The lock directory, read by lock, unlock and status: l_holder, l_run_url, l_since, l_age. */
const LOCK_READ = sh `# Fails when there is no lock. A lock made by a run killed before it wrote its files
# has no holder and dates from the directory's own time.
read_lock() {
  [ -d "$lock" ] || return 1
  l_holder=$(cat -- "$lock/holder" 2>/dev/null) || l_holder=
  is_token "$l_holder" || l_holder=
  l_run_url=$(cat -- "$lock/run-url" 2>/dev/null) || l_run_url=
  is_url "$l_run_url" || l_run_url=
  l_since=$(cat -- "$lock/since" 2>/dev/null) || l_since=
  if ! is_uint "$l_since"; then l_since=$(date -r "$lock" +%s 2>/dev/null) || return 1; fi
  l_age=$((now - l_since))
  if [ "$l_age" -lt 0 ]; then l_age=0; fi
}
print_lock() {
  printf 'HOLDER=%s\nRUN_URL=%s\nSINCE=%s\nAGE=%s\n' "$l_holder" "$l_run_url" "$l_since" "$l_age"
}
`;
/** MainPID's executable, as the release it runs from (empty when none or not one of ours). */
const RUNNING_RELEASE = sh `running_release() {
  pid=$(systemctl show -p MainPID --value -- "$1" 2>/dev/null) || pid=0
  is_uint "\${pid:-0}" && [ "\${pid:-0}" -gt 0 ] || return 0
  exe=$(readlink -- "/proc/$pid/exe" 2>/dev/null) || return 0
  case $exe in "/opt/$app/releases/"*/*) ;; *) return 0 ;; esac
  r=\${exe#"/opt/$app/releases/"}
  r=\${r%%/*}
  if is_name "$r"; then printf '%s' "$r"; fi
}
`;
// ---------------------------------------------------------------------------------------------
// Reading what the steps print
/**
 * The KEY=VALUE lines of a step's stdout, in order (a key may repeat). Other lines are ignored.
 * Values are the host's text and end up in the log (a journal line, a lock's holder): they come
 * back through untrusted(), which leaves every value a step prints on purpose as it is.
 */
function outputFields(stdout) {
    const fields = [];
    for (const line of stdout.split("\n")) {
        const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
        if (m)
            fields.push([m[1], (0,kit_log/* untrusted */.bp)(m[2])]);
    }
    return fields;
}
/** The first value of `key`, or undefined. */
function outputValue(stdout, key) {
    return outputFields(stdout).find(([k]) => k === key)?.[1];
}
/** What a step said on stderr, its last `lines` lines (the host's text: through untrusted()). */
function stepComplaint(stderr, lines = 5) {
    return stderr
        .split("\n")
        .map((l) => (0,kit_log/* untrusted */.bp)(l.replace(/^goship-step: /, "").trim()))
        .filter(Boolean)
        .slice(-lines)
        .join("; ");
}
/** A message for a step that exited non-zero: what the code means, and what the script said. */
function describeStepFailure(step, code, stderr) {
    const meaning = EXIT_MEANING[code] ?? `exited with code ${code}`;
    const said = stepComplaint(stderr);
    return `${step}: ${meaning}${said ? `: ${said}` : ""}`;
}

;// CONCATENATED MODULE: ./src/remote/layout.ts


/**
 * Where goship keeps an app on a host: the one description of the layout. The functions here
 * check their values (RemoteValueError) and give absolute paths; the remote steps' scripts
 * (steps/) spell the same paths in sh, and their tests on a real host look for them there.
 *
 *   /opt/<app>/releases/<version>/{<binary>,goship-manifest.json,.goship-sha256}
 *                                      each release, root's, the binary 0755; never replaced;
 *                                      .goship-sha256 is "<sha256>  <binary>", verified at install
 *   /opt/<app>/current -> releases/<version>
 *                                      the live release (the restart strategy runs it)
 *   /opt/<app>/slots/<port> -> ../releases/<version>
 *                                      blue-green: each slot pins its own release, so
 *                                      <app>@8081 and <app>@8082 can run different versions
 *   /opt/<app>/.goship/               goship's: its being there marks /opt/<app> and /etc/<app>
 *                                      as goship's (steps/claim.ts); flock-ed while the lock changes
 *   /opt/<app>/.goship/lock/{holder,run-url,since}
 *                                      the deploy lock
 *   /opt/<app>/.goship/history.jsonl   one JSON object a line
 *   /opt/<app>/.goship/incoming/<version>.bin, <version>.goship-manifest.json
 *                                      uploads, until stage-release installs them (cleanup
 *                                      removes what killed runs left)
 *   /etc/<app>/<app>.env, /etc/<app>/<app>@<port>.env
 *                                      the environment (secrets), 0600 root; one per slot
 *   /etc/<app>/versions/<version>.env  the environment each version last ran with (rollbacks)
 *   /etc/systemd/system/<app>.service | <app>@.service
 *   /etc/nginx/conf.d/goship-<app>.conf
 *                                      blue-green: the app's nginx upstream (steps/nginx.ts)
 */
/** Where the unit files go. */
const UNIT_DIR = "/etc/systemd/system";
/** Where the upstream files go; nginx's http block must include `*.conf` from here. */
const UPSTREAM_DIR = "/etc/nginx/conf.d";
/** Where things are on the host for one app. */
function hostPaths(app) {
    const a = checkApp(app);
    const root = `/opt/${a}`;
    const etc = `/etc/${a}`;
    return {
        root,
        releases: `${root}/releases`,
        current: `${root}/current`,
        slots: `${root}/slots`,
        meta: `${root}/.goship`,
        incoming: `${root}/.goship/incoming`,
        environmentFile: `${etc}/${a}.env`,
        slotEnvironmentFile: (slot) => `${etc}/${a}@${slot === "%i" ? slot : checked(SlotPort, "slot", slot)}.env`,
        environmentVersions: `${etc}/versions`,
        upstream: `${UPSTREAM_DIR}/goship-${a}.conf`,
    };
}
/** /opt/<app>/releases/<version>. */
function releaseDir(app, version) {
    return `${hostPaths(app).releases}/${checkVersion(version)}`;
}
/** Where a deploy uploads a version's binary and manifest for stage-release to install. */
function incomingFiles(app, version) {
    const dir = hostPaths(app).incoming;
    const v = checkVersion(version);
    return { binary: `${dir}/${v}.bin`, manifest: `${dir}/${v}.${release_files/* MANIFEST_FILE */.h1}` };
}
/** /etc/nginx/conf.d/goship-<app>.conf. */
function upstreamPath(app) {
    return hostPaths(app).upstream;
}

;// CONCATENATED MODULE: ./src/remote/steps/nginx.ts




/**
 * The nginx side of deploy-systemd's blue-green strategy: two instances of the app,
 * `<app>@<portA>.service` and `<app>@<portB>.service`, behind one nginx upstream whose weights
 * say how much of the traffic each gets.
 *
 * goship owns exactly one file per app, /etc/nginx/conf.d/goship-<app>.conf, holding only
 * `upstream <app> { … }` (the conf.d/*.conf that Debian's and RHEL's nginx include in their http
 * block). The server block is the user's: `proxy_pass http://<app>;`, and, for the upstream's
 * keepalive to keep connections, `proxy_http_version 1.1; proxy_set_header Connection "";`.
 *
 * The file's first line is its state, read back by shift, promote, rollback and status:
 *
 *   # goship upstream app=shop new=8082 old=8081 weight=25
 *
 * `weight` is the percentage of requests the new slot gets; the old slot gets the rest.
 *
 * Canary by header. With a canary header (`X-Canary: 1`), the state line ends with
 * ` canary=X-Canary:1` and the file also defines `$goship_<app>` (app's dashes as underscores): the
 * name of the upstream a request goes to. While a rollout is under way (an old slot), requests
 * carrying exactly that header go to `upstream <app>.canary`, the new slot alone, whatever the
 * weights, 0% included; every other request goes to `upstream <app>`, weighted round-robin as
 * before. Once promoted or rolled back (no old slot) the variable names `<app>` for every request.
 * The server block then says `proxy_pass http://$goship_<app>;`: a variable naming an upstream
 * group needs no resolver. Without a canary header the file is what it always was, and
 * `proxy_pass http://<app>;` keeps working (it always does: it just never routes by header).
 */
/** Idle connections to the instances each nginx worker keeps open. */
const UPSTREAM_KEEPALIVE = 16;
/** The percentage of requests the new slot gets: an integer from 0 to 100. */
const WEIGHT_RANGE = "an integer from 0 to 100 (percent)";
const TrafficWeight = schemas/* number */.aig({ error: WEIGHT_RANGE })
    .int(WEIGHT_RANGE)
    .min(0, WEIGHT_RANGE)
    .max(100, WEIGHT_RANGE);
const CANARY_HEADER_RULE = "Name: value, e.g. X-Canary: 1 (the name: a letter, then letters, digits or -, at most 64; the value: 1 to 128 of letters, digits and . _ ~ + / = -)";
const HEADER_NAME = "[A-Za-z][A-Za-z0-9-]{0,63}";
const HEADER_VALUE = "[A-Za-z0-9._~+/=-]{1,128}";
/** `Name: value`, spaces allowed around the colon. */
const CANARY_HEADER_PATTERN = new RegExp(`^(${HEADER_NAME})[ \t]*:[ \t]*(${HEADER_VALUE})$`);
/** `Name: value` (CANARY_HEADER_PATTERN) as a CanaryHeader. */
const CanaryHeaderText = schemas/* string */.YjP()
    .regex(CANARY_HEADER_PATTERN, CANARY_HEADER_RULE)
    .transform((v) => {
    const m = CANARY_HEADER_PATTERN.exec(v);
    return { name: m[1], value: m[2] };
});
const CanaryHeaderValue = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().regex(new RegExp(`^${HEADER_NAME}$`), CANARY_HEADER_RULE),
    value: schemas/* string */.YjP().regex(new RegExp(`^${HEADER_VALUE}$`), CANARY_HEADER_RULE),
});
/** The spec, every value checked (RemoteValueError naming the field), as an UpstreamState. */
function upstreamState(spec) {
    const app = checkApp(spec.app);
    const newPort = checked(SlotPort, "newPort", spec.newPort);
    const oldPort = spec.oldPort === undefined || spec.oldPort === null ? null : checked(SlotPort, "oldPort", spec.oldPort);
    if (oldPort === newPort) {
        throw new RemoteValueError("oldPort", oldPort, "must differ from newPort: the two slots are two ports");
    }
    const weight = "slots" in spec ? slotsWeight(spec.slots, newPort, oldPort) : checkWeight(spec.weight);
    if (oldPort === null && weight !== 100) {
        throw new RemoteValueError("weight", weight, `must be 100 without an oldPort: ${100 - weight}% of the requests would have no instance to go to`);
    }
    const canary = spec.canary === undefined || spec.canary === null
        ? null
        : checked(CanaryHeaderValue, "canary", spec.canary);
    return {
        app,
        newPort,
        oldPort,
        weight,
        ...(canary ? { canary: { name: canary.name, value: canary.value } } : {}),
    };
}
/** The nginx variable that names the upstream a request of `app` goes to: `$goship_<app>`. */
const upstreamVariable = (app) => `$goship_${checkApp(app).replaceAll("-", "_")}`;
/** The upstream a header-routed request goes to: a name no app can have (apps have no dots). */
const canaryUpstream = (app) => `${app}.canary`;
const checkWeight = (w, field = "weight") => checked(TrafficWeight, field, w);
/** The new slot's percentage, from slots that must be newPort and oldPort, each once, adding up to 100. */
function slotsWeight(slots, newPort, oldPort) {
    const shown = () => Array.isArray(slots) ? slots.map((s) => `${s?.port}:${s?.weight}`).join(",") : String(slots);
    if (!Array.isArray(slots) || slots.length < 1 || slots.length > 2) {
        throw new RemoteValueError("slots", shown(), "one or two slots: the new one, and the old one");
    }
    const weights = new Map();
    slots.forEach((s, i) => {
        const port = checked(SlotPort, `slots[${i}].port`, s?.port);
        const weight = checkWeight(s?.weight, `slots[${i}].weight`);
        if (port !== newPort && port !== oldPort) {
            const allowed = oldPort === null ? `newPort (${newPort})` : `newPort (${newPort}) or oldPort (${oldPort})`;
            throw new RemoteValueError(`slots[${i}].port`, port, `must be ${allowed}`);
        }
        if (weights.has(port))
            throw new RemoteValueError(`slots[${i}].port`, port, "each slot at most once");
        weights.set(port, weight);
    });
    const toNew = weights.get(newPort) ?? 0;
    const toOld = oldPort === null ? 0 : (weights.get(oldPort) ?? 0);
    if (toNew + toOld !== 100) {
        throw new RemoteValueError("slots", shown(), "the weights must add up to 100 (percent)");
    }
    return toNew;
}
/**
 * The text of /etc/nginx/conf.d/goship-<app>.conf: the state line, then `upstream <app>` with the
 * new slot first. The same spec always gives the same bytes.
 *
 * A slot at 0% is written `down`, not left out: nginx refuses `weight=0`, and `down` keeps both
 * slots in the file, so it says which ports the app has while one of them takes no requests.
 * The upstream always has a live server: 0% to the new slot needs an old one to take the rest.
 */
function renderUpstream(spec) {
    const { app, newPort, oldPort, weight, canary } = upstreamState(spec);
    const server = (port, w) => `    server 127.0.0.1:${port}${w === 0 ? " down" : ` weight=${w}`};\n`;
    const share = oldPort === null
        ? `All requests go to ${newPort}.`
        : `${weight}% of the requests go to ${newPort} (new), ${100 - weight}% to ${oldPort} (old).`;
    const routed = canary && oldPort !== null;
    const byHeader = canary
        ? routed
            ? ` Requests with ${canary.name}: ${canary.value} go to ${newPort}.`
            : ` No header route: ${canary.name}: ${canary.value} comes back with the next rollout.`
        : "";
    const main = `# goship upstream app=${app} new=${newPort} old=${oldPort ?? "-"} weight=${weight}` +
        (canary ? ` canary=${canary.name}:${canary.value}` : "") +
        "\n" +
        `# Written by goship deploy-systemd (blue-green); shift, promote and rollback rewrite it. ${share}${byHeader}\n` +
        `upstream ${app} {\n` +
        server(newPort, weight) +
        (oldPort === null ? "" : server(oldPort, 100 - weight)) +
        `    keepalive ${UPSTREAM_KEEPALIVE};\n` +
        "}\n";
    if (!canary)
        return main;
    // The map's source is prefixed ("v=…") so that no key is ever one of map's keywords
    // (default, hostnames, include, volatile) or a regular expression (a leading ~).
    const header = `$http_${canary.name.toLowerCase().replaceAll("-", "_")}`;
    return (main +
        (routed
            ? `upstream ${canaryUpstream(app)} {\n` +
                `    server 127.0.0.1:${newPort};\n` +
                `    keepalive ${UPSTREAM_KEEPALIVE};\n` +
                "}\n"
            : "") +
        `map "v=${header}" ${upstreamVariable(app)} {\n` +
        `    default ${app};\n` +
        (routed ? `    "v=${canary.value}" ${canaryUpstream(app)};\n` : "") +
        "}\n");
}
const STATE_LINE = new RegExp("^# goship upstream app=([a-z][a-z0-9-]{0,31}) new=([1-9][0-9]{3,4}) old=([1-9][0-9]{3,4}|-) weight=(0|[1-9][0-9]?|100)" +
    `(?: canary=(${HEADER_NAME}):(${HEADER_VALUE}))?$`);
/** The state of an upstream file goship wrote; null for anything else (empty, another file, a state no goship writes). */
function parseUpstream(text) {
    const m = STATE_LINE.exec(text.split("\n", 1)[0] ?? "");
    if (!m)
        return null;
    const [, app = "", newPort = "", oldPort = "", weight = "", name, value] = m;
    let state;
    let expected;
    try {
        state = upstreamState({
            app,
            newPort: Number(newPort),
            oldPort: oldPort === "-" ? null : Number(oldPort),
            weight: Number(weight),
            ...(name !== undefined && value !== undefined ? { canary: { name, value } } : {}),
        });
        expected = renderUpstream(state);
    }
    catch (e) {
        if (e instanceof RemoteValueError)
            return null;
        throw e;
    }
    return { ...state, edited: text !== expected };
}
// ---------------------------------------------------------------------------------------------
// On the host
/**
 * write-upstream APP <CONTENT. Holds an flock on conf.d/.goship.lock throughout, so that two
 * apps' steps never test or reload nginx with each other's half-done files.
 *
 * A journal beside the file, .goship-<app>.conf.prev (the previous file) or .goship-<app>.conf.none
 * (there was none), exists exactly while nginx may not be running what the file says: it is made
 * before the rename and removed once nginx took the new file or the old one is back untouched.
 * A run that finds one was killed (or failed to reload) in between: it puts the journal's file
 * back and reloads nginx whatever the new content, so the unchanged case never skips a reload
 * that is owed.
 *
 * The reload is checked where nginx is a systemd unit: the step waits (15 s at most) until none
 * of the master's workers from before the reload still takes connections, which nginx only does
 * once it runs the new configuration.
 */
const WRITE_UPSTREAM = sh `${PRELUDE}
[ $# -eq 1 ] || die ${EXIT.BAD_ARGUMENT} "usage: write-upstream APP <CONTENT"
app=$1
need app app "$app"
dir=${UPSTREAM_DIR}
name=goship-$app.conf
file=$dir/$name
prev=$dir/.$name.prev
none=$dir/.$name.none
command -v nginx >/dev/null 2>&1 || die ${EXIT.NGINX_UNAVAILABLE} "nginx is not installed on this host"
[ -d "$dir" ] ||
  die ${EXIT.NGINX_UNAVAILABLE} "$dir does not exist: goship writes the upstream of $app there, for nginx's http block to include ($dir/*.conf)"
command -v flock >/dev/null 2>&1 || die ${EXIT.TOOL_MISSING} "flock (util-linux) is not installed on this host"
own_file "$dir/.goship.lock"
exec 9>>"$dir/.goship.lock"
flock -w 60 9 || die 1 "another goship step has been changing nginx for 60 s: try again"
unit=0
if [ "$(systemctl show -p LoadState nginx.service 2>/dev/null)" = LoadState=loaded ]; then
  unit=1
  case $(systemctl is-active nginx.service 2>/dev/null) in
    active | reloading) ;;
    *) die ${EXIT.NGINX_UNAVAILABLE} "nginx.service is not running: start it first (nothing changed)" ;;
  esac
fi
own_file "$file"
own_file "$prev"
own_file "$none"
# Left by killed runs (the flock keeps live ones away).
rm -rf -- "$dir/.$name.tmp-"*
tmp=$dir/.$name.tmp-$$
${TMP_TRAP}mkdir -m 700 -- "$tmp"

# Puts back the file of the journal, or removes ours when there was none; the journal stays.
restore() {
  if [ -f "$prev" ]; then
    cp -p -- "$prev" "$tmp/back"
    mv -f -- "$tmp/back" "$file"
  else
    rm -f -- "$file"
  fi
}
# The PIDs of master $1's workers that take new connections (not shutting down), one a line.
workers() {
  w_master=$1
  [ "$w_master" != 0 ] || return 0
  for d in /proc/[0-9]*; do
    read -r w_stat 2>/dev/null <"$d/stat" || continue
    # After the command name, which may hold anything: the state, then the parent's PID.
    w_ppid=\${w_stat##*) }
    w_ppid=\${w_ppid#* }
    [ "\${w_ppid%% *}" = "$w_master" ] || continue
    w_title=$(tr -d '\000' 2>/dev/null <"$d/cmdline") || continue
    [ "$w_title" = "nginx: worker process" ] || continue
    printf '%s\n' "\${d#/proc/}"
  done
}
# Waits until none of the workers $1 takes new connections: nginx runs the new configuration.
replaced() {
  r_tries=0
  while [ "$r_tries" -lt 150 ]; do
    r_now=" $(workers "$master" | tr '\n' ' ') "
    r_old=0
    for p in $1; do
      case $r_now in *" $p "*) r_old=1 ;; esac
    done
    [ "$r_old" = 1 ] || return 0
    sleep 0.1
    r_tries=$((r_tries + 1))
  done
  return 1
}
reload_failed() {
  restore
  die ${EXIT.NGINX_RELOAD_FAILED} "$1: the previous upstream of $app is back, and the next write reloads nginx again"
}

dirty=0
if [ -e "$prev" ] || [ -e "$none" ]; then
  restore
  dirty=1
  printf 'RECOVERED=1\n'
fi
cat >"$tmp/new"
case $(head -n 1 -- "$tmp/new") in
  "# goship upstream app=$app "*) ;;
  *) die ${EXIT.BAD_ARGUMENT} "stdin: not a goship upstream of $app (its first line is not # goship upstream app=$app …)" ;;
esac
chown 0:0 -- "$tmp/new"
chmod 644 -- "$tmp/new"
same=0
if [ -f "$file" ] && cmp -s -- "$tmp/new" "$file" && [ "$(stat -c '%a %u %g' -- "$file")" = "644 0 0" ]; then
  same=1
fi
if [ "$same" = 1 ] && [ "$dirty" = 0 ]; then
  printf 'CHANGED=0\n'
  exit 0
fi
if [ "$same" = 0 ]; then
  # Recovering, the journal already holds the last file nginx is known to have taken.
  if [ "$dirty" = 0 ]; then
    if [ -f "$file" ]; then
      cp -p -- "$file" "$tmp/prev"
      sync -- "$tmp/prev" 2>/dev/null || sync
      mv -f -- "$tmp/prev" "$prev"
    else
      : >"$none"
    fi
  fi
  sync -- "$tmp/new" 2>/dev/null || sync
  mv -f -- "$tmp/new" "$file"
fi

if ! err=$(nginx -t -q 2>&1); then
  restore
  # nginx never saw the refused file: it still runs the one put back, unless a killed run left that unsure.
  if [ "$dirty" = 0 ]; then rm -f -- "$prev" "$none"; fi
  printf '%s\n' "$err" >&2
  # Its first [emerg] without the time and process (the whole of it went to stderr).
  line=$(printf '%s\n' "$err" | sed -n 's/^.*\[emerg\] \([0-9]*#[0-9]*: \)\{0,1\}//p' | head -n 1 | tr -d '\r')
  [ -n "$line" ] || line=$(printf '%s\n' "$err" | head -n 1 | tr -d '\r')
  printf 'NGINX_ERROR=%s\n' "$line"
  nginx -t -q >/dev/null 2>&1 ||
    die ${EXIT.NGINX_INVALID} "nginx -t fails without the new upstream of $app too: the error is elsewhere in nginx's configuration (the previous upstream is back)"
  die ${EXIT.NGINX_INVALID} "nginx -t refused the new upstream of $app, which is taken back"
fi
verified=0
if [ "$unit" = 1 ]; then
  master=$(systemctl show -p MainPID nginx.service)
  master=\${master#MainPID=}
  is_uint "$master" || master=0
  before=$(workers "$master")
  systemctl reload nginx.service || reload_failed "systemctl reload nginx failed"
  if [ -n "$before" ]; then
    replaced "$before" || reload_failed "nginx kept its workers 15 s after the reload: it did not take the new configuration (see its error log)"
    verified=1
  fi
else
  nginx -s reload || reload_failed "nginx -s reload failed"
fi
rm -f -- "$prev" "$none"
printf 'CHANGED=1\nVERIFIED=%s\n' "$verified"
`;
/**
 * Writes /etc/nginx/conf.d/goship-<app>.conf (0644, root) from stdin (renderUpstream's text),
 * checks it with `nginx -t` and reloads nginx (`systemctl reload nginx`, or `nginx -s reload`
 * where nginx is not a unit). Exit 0: RECOVERED=1 (first, when a killed run's write was undone),
 * CHANGED=0 (same content: no reload) or CHANGED=1 and VERIFIED=0|1 (whether nginx was seen to
 * replace its workers). NGINX_INVALID: NGINX_ERROR= (nginx's first [emerg] message; all it said on
 * stderr), the previous file back. NGINX_UNAVAILABLE: nothing changed. NGINX_RELOAD_FAILED: the
 * previous file back. Run it as root.
 */
const writeUpstreamStep = {
    name: "write-upstream",
    script: WRITE_UPSTREAM,
    stdin: true,
    changes: true,
    args: (p) => [checkApp(p.app)],
};
/** write-upstream exited non-zero: `code` is one of EXIT's, `nginxError` nginx's complaint when it refused the file. */
class UpstreamWriteError extends errors/* UserError */.yo {
    code;
    nginxError;
    name = "UpstreamWriteError";
    constructor(code, nginxError, message) {
        super(message);
        this.code = code;
        this.nginxError = nginxError;
    }
}
/** write-upstream's result; throws UpstreamWriteError for any exit but 0. */
function parseUpstreamWrite(result) {
    if (result.code !== EXIT.OK) {
        throw new UpstreamWriteError(result.code, outputValue(result.stdout, "NGINX_ERROR") || undefined, describeStepFailure(writeUpstreamStep.name, result.code, result.stderr));
    }
    return {
        changed: outputValue(result.stdout, "CHANGED") === "1",
        recovered: outputValue(result.stdout, "RECOVERED") === "1",
        verified: outputValue(result.stdout, "VERIFIED") === "1",
    };
}

;// CONCATENATED MODULE: ./src/remote/unit.ts



/** A value that cannot go into a unit file. `field` names the UnitSpec field (e.g. "args[2]"). */
class UnitValueError extends errors/* UserError */.yo {
    field;
    name = "UnitValueError";
    constructor(field, value, allowed) {
        const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
        super(`unit setting "${field}" has value ${JSON.stringify(shown)}: ${allowed}`);
        this.field = field;
    }
}
const BINARY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;
/** Paths we write into the unit unquoted: no spaces, quotes, `%`, `$` or backslashes. */
const PATH_PATTERN = /^(\/[A-Za-z0-9._+-]+)+$/;
/** Unicode "Cc": C0 controls (newline, tab, NUL…), DEL and C1 controls. */
const CONTROL = /\p{Cc}/u;
/** Words that need no quoting: systemd gives them no special meaning in a command line. */
const BARE_WORD = /^[A-Za-z0-9_@+=:,./-]+$/;
const DEFAULT_RESTART_SEC = 2;
/**
 * The first line of every unit file goship renders, and what marks a unit file as goship's: it
 * writes, replaces, starts, stops or disables only a unit whose file begins with this line and
 * from which systemd loads the unit (steps/claim.ts).
 */
const UNIT_MARK = "# Generated by goship (deploy-systemd). Do not edit: every deploy rewrites this file.";
/** `<app>.service` or the template `<app>@.service`: the file name under /etc/systemd/system. */
function unitFileName(app, strategy) {
    unit_checkApp(app);
    return strategy === "restart" ? `${app}.service` : `${app}@.service`;
}
/** The unit systemctl starts: `<app>.service`, or `<app>@<port>.service` for a blue-green slot. */
function serviceName(app, strategy, port) {
    unit_checkApp(app);
    if (strategy === "restart")
        return `${app}.service`;
    if (port === undefined)
        throw new UnitValueError("port", "", "a blue-green slot is named by its port");
    checkPort("port", port);
    return `${app}@${port}.service`;
}
/**
 * Renders the unit file. Same spec → same bytes: no clock, no host facts, fixed order.
 * Throws UnitValueError naming the field for any value that cannot be written safely.
 */
function renderUnit(spec) {
    const app = unit_checkApp(spec.app);
    const binary = checkBinaryName(spec.binaryName);
    const paths = hostPaths(app);
    const checkPath = (field, path) => {
        if (!PATH_PATTERN.test(path) || path.split("/").some((p) => p === "." || p === "..")) {
            throw new UnitValueError(field, path, "an absolute path of letters, digits and . _ + - only (no . or .. components)");
        }
        return path;
    };
    // The slot default holds %i, which a user-given path may not.
    const envFile = spec.environmentFile === undefined
        ? spec.strategy === "blue-green"
            ? paths.slotEnvironmentFile("%i")
            : paths.environmentFile
        : checkPath("environmentFile", spec.environmentFile);
    const execDirectory = spec.execDirectory === undefined ? undefined : checkPath("execDirectory", spec.execDirectory);
    if (spec.strategy !== "restart" && spec.strategy !== "blue-green") {
        throw new UnitValueError("strategy", String(spec.strategy), "restart or blue-green");
    }
    if (spec.hardening !== "strict" && spec.hardening !== "standard") {
        throw new UnitValueError("hardening", String(spec.hardening), "strict or standard");
    }
    const template = spec.strategy === "blue-green";
    let port;
    if (template) {
        if (spec.port !== undefined) {
            throw new UnitValueError("port", String(spec.port), "not used with blue-green: the template unit takes its port from the instance name (<app>@<port>)");
        }
        port = "%i";
    }
    else {
        if (spec.port === undefined)
            throw new UnitValueError("port", "", "the restart strategy needs a port");
        port = String(checkPort("port", spec.port));
    }
    const stopTimeout = checkInteger("stopTimeoutSec", spec.stopTimeoutSec, 1, 3600);
    const restartSec = checkInteger("restartSec", spec.restartSec ?? DEFAULT_RESTART_SEC, 0, 3600);
    const interval = checkInteger("startLimit.intervalSec", spec.startLimit.intervalSec, 1, 86_400);
    const burst = checkInteger("startLimit.burst", spec.startLimit.burst, 1, 1000);
    // `burst` starts take at least (burst-1) × RestartSec; if that does not fit in the interval the
    // limit can never trip and a crashing service restarts forever.
    if ((burst - 1) * restartSec >= interval) {
        throw new UnitValueError("startLimit.intervalSec", String(interval), `must be longer than (startLimit.burst - 1) × restartSec = ${(burst - 1) * restartSec} s, or the start limit never trips`);
    }
    const description = checkDescription(spec.description ?? `${app} (deployed by goship)`);
    const args = spec.args.map((a, i) => quoteExecArgument(`args[${i}]`, a));
    const exec = `${execDirectory ?? (template ? `${paths.slots}/%i` : paths.current)}/${binary}`;
    const lines = [
        UNIT_MARK,
        `# strategy=${spec.strategy} hardening=${spec.hardening}`,
        "",
        "[Unit]",
        `Description=${escapeSpecifiers(description)}${template ? " (port %i)" : ""}`,
        "After=network.target",
        `StartLimitIntervalSec=${interval}`,
        `StartLimitBurst=${burst}`,
        "",
        "[Service]",
        "Type=exec",
        `ExecStart=${[exec, ...args].join(" ")}`,
        // The env file's values override Environment=: goship keeps PORT out of it.
        `Environment=PORT=${port}`,
        // No "-" prefix: goship always writes the file, so a missing one is a broken install.
        `EnvironmentFile=${envFile}`,
        // No User=: the dynamic user is named after the unit's prefix, so both slots of a template
        // share one user and one StateDirectory. A static user of that name, if any, is used instead.
        "DynamicUser=yes",
        `StateDirectory=${app}`,
        "Restart=on-failure",
        `RestartSec=${restartSec}`,
        "KillMode=mixed",
        "KillSignal=SIGTERM",
        `TimeoutStopSec=${stopTimeout}`,
        "",
        `# Hardening: ${spec.hardening}`,
        ...HARDENING[spec.hardening].map(([key, value]) => `${key}=${value}`),
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
    ];
    return lines.join("\n");
}
/**
 * The sandbox. `strict` scores 1.1 ("OK") with `systemd-analyze security` on systemd 252; what
 * is left is what a network service needs: the host network (PrivateNetwork 0.5), AF_INET/AF_INET6
 * (0.3) and AF_UNIX (0.1) sockets, no IP allow list (IPAddressDeny 0.2), the host root
 * (RootDirectory 0.1), read access to /dev/rtc that ProtectClock's device rule keeps (DeviceAllow 0.1).
 * test/unit.test.ts runs the sample app under it with a real systemd.
 *
 * `standard` is for apps that need more than strict allows. It drops, from strict:
 * - MemoryDenyWriteExecute: JIT engines (JS/Lua/regex JITs, wasm runtimes) and some cgo libraries
 *   map memory writable and executable; Go code alone never does.
 * - PrivateUsers: in its user namespace every user and group but root and the service's own shows
 *   as "nobody", which breaks apps that check who owns a file or who is on the other end of a
 *   Unix socket (SO_PEERCRED).
 * - ProtectProc=invisible, ProcSubset=pid: monitoring libraries read /proc/stat, /proc/meminfo,
 *   /proc/loadavg or other processes (e.g. gopsutil; client_golang's process_start_time_seconds).
 * - `~@resources` from the syscall filter: apps that set nice levels, CPU affinity, NUMA memory
 *   policy or call setrlimit(2) directly.
 * - UMask=0077 → 0027: files the service creates stay group-readable.
 * and it allows AF_NETLINK (net.Interfaces() and interface address lookups use netlink).
 * Everything else (read-only OS, no capabilities, private /tmp and /dev, kernel protections,
 * no namespaces, the @system-service filter without @privileged) stays.
 */
const HARDENING = {
    strict: [
        ["UMask", "0077"],
        ["NoNewPrivileges", "yes"],
        ["CapabilityBoundingSet", ""],
        ["AmbientCapabilities", ""],
        ["ProtectSystem", "strict"],
        ["ProtectHome", "yes"],
        ["PrivateTmp", "yes"],
        ["PrivateDevices", "yes"],
        ["DevicePolicy", "closed"],
        ["PrivateUsers", "yes"],
        ["PrivateMounts", "yes"],
        ["ProtectHostname", "yes"],
        ["ProtectClock", "yes"],
        ["ProtectKernelTunables", "yes"],
        ["ProtectKernelModules", "yes"],
        ["ProtectKernelLogs", "yes"],
        ["ProtectControlGroups", "yes"],
        ["ProtectProc", "invisible"],
        ["ProcSubset", "pid"],
        ["RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"],
        ["RestrictNamespaces", "yes"],
        ["RestrictRealtime", "yes"],
        ["RestrictSUIDSGID", "yes"],
        ["LockPersonality", "yes"],
        ["MemoryDenyWriteExecute", "yes"],
        ["RemoveIPC", "yes"],
        ["KeyringMode", "private"],
        ["SystemCallArchitectures", "native"],
        ["SystemCallFilter", "@system-service"],
        // Go raises RLIMIT_NOFILE at startup with prlimit64, which is in @default (always allowed),
        // not with setrlimit, which @resources holds.
        ["SystemCallFilter", "~@privileged @resources"],
        ["SystemCallErrorNumber", "EPERM"],
    ],
    standard: [
        ["UMask", "0027"],
        ["NoNewPrivileges", "yes"],
        ["CapabilityBoundingSet", ""],
        ["AmbientCapabilities", ""],
        ["ProtectSystem", "strict"],
        ["ProtectHome", "yes"],
        ["PrivateTmp", "yes"],
        ["PrivateDevices", "yes"],
        ["DevicePolicy", "closed"],
        ["PrivateMounts", "yes"],
        ["ProtectHostname", "yes"],
        ["ProtectClock", "yes"],
        ["ProtectKernelTunables", "yes"],
        ["ProtectKernelModules", "yes"],
        ["ProtectKernelLogs", "yes"],
        ["ProtectControlGroups", "yes"],
        ["RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX AF_NETLINK"],
        ["RestrictNamespaces", "yes"],
        ["RestrictRealtime", "yes"],
        ["RestrictSUIDSGID", "yes"],
        ["LockPersonality", "yes"],
        ["RemoveIPC", "yes"],
        ["KeyringMode", "private"],
        ["SystemCallArchitectures", "native"],
        ["SystemCallFilter", "@system-service"],
        ["SystemCallFilter", "~@privileged"],
        ["SystemCallErrorNumber", "EPERM"],
    ],
};
/**
 * One ExecStart= argument, written so systemd passes it through literally
 * (systemd.service(5) "Command lines", systemd.syntax(7) "Quoting"):
 * - words of `[A-Za-z0-9_@+=:,./-]` only are written bare: nothing in them is special;
 * - anything else is double-quoted, so whitespace, quotes and a lone `;` (the command separator)
 *   stay inside one argument; inside the quotes `\` → `\\` and `"` → `\"` (C-style unescaping);
 * - `%` → `%%` (specifiers, systemd.unit(5)) and `$` → `$$` (environment expansion), quoted or not;
 * - control characters (newline, tab, NUL, …) are refused: unit values never carry them.
 */
function quoteExecArgument(field, arg) {
    checkUnitText(field, arg);
    if (BARE_WORD.test(arg))
        return arg;
    let out = '"';
    for (const ch of arg) {
        switch (ch) {
            case "\\":
                out += "\\\\";
                break;
            case '"':
                out += '\\"';
                break;
            case "%":
                out += "%%";
                break;
            case "$":
                out += "$$";
                break;
            default:
                out += ch;
        }
    }
    return `${out}"`;
}
/** Doubles `%` so systemd's specifier expansion leaves the text as written. */
function escapeSpecifiers(text) {
    return text.replaceAll("%", "%%");
}
function checkUnitText(field, value) {
    if (typeof value !== "string")
        throw new UnitValueError(field, String(value), "must be a string");
    if (CONTROL.test(value)) {
        throw new UnitValueError(field, value, "must not contain newlines or other control characters");
    }
    if (!value.isWellFormed())
        throw new UnitValueError(field, value, "must be valid Unicode text");
    return value;
}
function unit_checkApp(app) {
    if (!(0,names/* isAppName */.fq)(app))
        throw new UnitValueError("app", String(app), names/* APP_RULE */.rA);
    return app;
}
function checkBinaryName(name) {
    checkUnitText("binaryName", name);
    if (!BINARY_PATTERN.test(name)) {
        throw new UnitValueError("binaryName", name, "a file name (no /) of letters, digits and . _ + -, starting with a letter or digit");
    }
    return name;
}
function checkDescription(text) {
    checkUnitText("description", text);
    if (text.trim() !== text || text === "") {
        throw new UnitValueError("description", text, "non-empty, without leading or trailing whitespace");
    }
    // A trailing backslash would continue the line into the next setting.
    if (text.endsWith("\\"))
        throw new UnitValueError("description", text, "must not end with a backslash");
    return text;
}
function checkPort(field, port) {
    if (typeof port === "number" && Number.isInteger(port) && port > 0 && port < names/* MIN_PORT */.ln) {
        throw new UnitValueError(field, String(port), `use ${names/* MIN_PORT */.ln} to 65535: binding a lower port needs CAP_NET_BIND_SERVICE, which the unit drops (put nginx in front)`);
    }
    return checkInteger(field, port, names/* MIN_PORT */.ln, 65_535);
}
function checkInteger(field, value, min, max) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new UnitValueError(field, String(value), `a whole number from ${min} to ${max}`);
    }
    return value;
}

// EXTERNAL MODULE: ./src/remote/hosts-spec.ts
var hosts_spec = __nccwpck_require__(24493);
;// CONCATENATED MODULE: ./src/remote/steps/claim.ts



/**
 * What on a host is goship's to change. An app's name is also a unit name, a directory under
 * /opt, /etc and /var/lib: `app: ssh` or `app: nginx` must not let goship overwrite, stop or
 * disable the host's sshd or nginx, nor write into the package's /etc/ssh.
 *
 * - A unit is goship's when its file under /etc/systemd/system begins with goship's mark
 *   (UNIT_MARK, the first line goship renders) and systemd loads the unit from that file, or
 *   knows no unit of that name: a package's /lib/systemd/system/ssh.service, an alias such as
 *   sshd.service or a mask (links both) are not. write-unit and service check the unit they
 *   touch, every time.
 * - /opt/<app> and /etc/<app> are goship's when /opt/<app>/.goship is: goship makes it (the
 *   lock's directory) the first time it takes the app's lock on a host, after checking that
 *   neither directory was there. Until then, either one existing belongs to someone else.
 * - /var/lib/<app> (the unit's StateDirectory) must be absent or the link systemd makes for a
 *   DynamicUser unit (private/<app>): a real directory of that name (a package's /var/lib/nginx)
 *   would be handed over to the app's dynamic user by systemd.
 *
 * The lock step checks all of it before it creates anything, so a run for an app that is not
 * goship's on a host stops there (exit FOREIGN) with nothing changed; status reports it, so a
 * dry run refuses it too.
 */
/**
 * Shell functions: `unit_ours FILE-NAME UNIT` and `app_ours` (uses $app). Each sets `why` and
 * fails when what it checks is not goship's.
 */
const CLAIM = sh `# The unit file ${UNIT_DIR}/$1 is absent or goship's, and systemd loads unit $2 from it
# (or knows no such unit).
unit_ours() {
  f=${UNIT_DIR}/$1
  if [ -L "$f" ]; then
    why="$f is a symbolic link (an alias or a mask), not a unit goship wrote"
    return 1
  fi
  if [ -e "$f" ]; then
    if [ ! -f "$f" ]; then
      why="$f is not a regular file"
      return 1
    fi
    if [ "$(head -n 1 -- "$f")" != "${UNIT_MARK}" ]; then
      why="$f was not written by goship (its first line is not goship's mark)"
      return 1
    fi
  fi
  fp=$(systemctl show -P FragmentPath -- "$2" 2>/dev/null) || fp=
  case $fp in "" | "$f") return 0 ;; esac
  why="systemd loads $2 from $fp, which goship did not write"
  return 1
}
# Everything the name $app stands for on this host is goship's, or absent.
app_ours() {
  unit_ours "$app.service" "$app.service" || return 1
  # A template has no state of its own: systemd says where an instance's unit would come from.
  unit_ours "$app@.service" "$app@goship.service" || return 1
  if [ ! -d "/opt/$app/.goship" ] || [ -L "/opt/$app/.goship" ]; then
    for d in "/opt/$app" "/etc/$app"; do
      if [ -e "$d" ] || [ -L "$d" ]; then
        why="$d exists and goship did not make it (/opt/$app/.goship marks goship's)"
        return 1
      fi
    done
  fi
  d=/var/lib/$app
  if [ -L "$d" ]; then
    [ "$(readlink -- "$d")" != "private/$app" ] || return 0
    why="$d is a link systemd did not make for goship's unit (that one is private/$app)"
    return 1
  fi
  if [ -e "$d" ]; then
    why="$d exists and is not the link systemd makes for goship's unit: systemd would give it to the app's dynamic user"
    return 1
  fi
  return 0
}
`;

;// CONCATENATED MODULE: ./src/remote/steps/config.ts




/**
 * The files systemd reads for the app: its environment file (and the copy kept per version, for
 * rollbacks) and its unit file. Both are replaced only when their content or mode differs.
 */
/**
 * Replaces $file by $src (default stdin) if it differs: $tmp beside it, mode $mode, renamed
 * into place. Sets $changed.
 */
const REPLACE_FROM_STDIN = sh `own_file "$file"
for f in "$dir/.$name.tmp-"*; do
  [ -e "$f" ] || continue
  rm -f -- "$f"
done
tmp=$dir/.$name.tmp-$$
${TMP_TRAP}(
  umask 077
  cat -- "\${src:--}" >"$tmp"
)
chown 0:0 -- "$tmp"
chmod "$mode" -- "$tmp"
if [ -f "$file" ] && cmp -s -- "$tmp" "$file" && [ "$(stat -c '%a %u %g' -- "$file")" = "$mode 0 0" ]; then
  changed=0
  rm -f -- "$tmp"
else
  changed=1
  sync -- "$tmp" 2>/dev/null || sync
  mv -f -- "$tmp" "$file"
fi
`;
const WRITE_ENV = sh `${PRELUDE}
[ $# -eq 4 ] || die ${EXIT.BAD_ARGUMENT} "usage: write-env APP service|SLOT-PORT VERSION|'' stdin|keep|snapshot <CONTENT"
app=$1 target=$2 version=$3 source=$4
need app app "$app"
case $target in
  service) name=$app.env ;;
  *)
    need port slot-port "$target"
    name=$app@$target.env
    ;;
esac
if [ -n "$version" ]; then need name version "$version"; fi
case $source in stdin | keep | snapshot) ;; *) die ${EXIT.BAD_ARGUMENT} "source: not allowed: $source" ;; esac
[ -n "$version" ] || [ "$source" = stdin ] || die ${EXIT.BAD_ARGUMENT} "source $source needs a version"
dir=/etc/$app
file=$dir/$name
mode=600
vdir=$dir/versions
snap=$vdir/$version.env
make_dir 755 "$dir"
make_dir 700 "$vdir"
for f in "$vdir"/.*.tmp-*; do
  [ -e "$f" ] || continue
  rm -f -- "$f"
done
own_file "$file"
own_file "$snap"
changed=0
case $source in
  stdin) src=- ;;
  # The environment this version last ran with, if goship kept one; else what is there.
  snapshot) if [ -f "$snap" ]; then src=$snap; elif [ -f "$file" ]; then src=; else src=/dev/null; fi ;;
  keep) if [ -f "$file" ]; then src=; else src=/dev/null; fi ;;
esac
if [ -n "$src" ]; then
${REPLACE_FROM_STDIN}fi
# Kept per version, so that a rollback runs the old release with the environment it had.
if [ -n "$version" ] && [ "$source" != snapshot ]; then
  if [ ! -f "$snap" ] || ! cmp -s -- "$file" "$snap"; then
    (
      umask 077
      cp -- "$file" "$vdir/.$version.env.tmp-$$"
    )
    chown 0:0 -- "$vdir/.$version.env.tmp-$$"
    chmod 600 -- "$vdir/.$version.env.tmp-$$"
    mv -f -- "$vdir/.$version.env.tmp-$$" "$snap"
  fi
fi
printf 'CHANGED=%s\n' "$changed"
`;
const WRITE_UNIT = sh `${PRELUDE}${CLAIM}
is_unit() {
  case $1 in
    *@.service) is_app "\${1%@.service}" ;;
    *.service) is_app "\${1%.service}" ;;
    *) return 1 ;;
  esac
}
[ $# -eq 1 ] || die ${EXIT.BAD_ARGUMENT} "usage: write-unit UNIT-FILE <CONTENT"
name=$1
need unit unit-file "$name"
dir=${UNIT_DIR}
file=$dir/$name
mode=644
[ -d "$dir" ] || die 1 "$dir does not exist: not a systemd host?"
app=\${name%.service}
app=\${app%@}
case $name in
  *@.service) unit=$app@goship.service ;;
  *) unit=$name ;;
esac
unit_ours "$name" "$unit" || die ${EXIT.FOREIGN} "app $app: $why; goship writes only units it wrote: choose another app name"
${REPLACE_FROM_STDIN}# After every change; and whenever systemd says its view is stale (a run killed between the
# rename and the reload, a file or drop-in edited by hand), so a re-run converges. A template
# has no state of its own to ask, so it is always reloaded.
reload=1
if [ "$changed" = 0 ]; then
  case $name in
    *@.service) ;;
    *) if [ "$(systemctl show -P NeedDaemonReload -- "$name" 2>/dev/null)" = no ]; then reload=0; fi ;;
  esac
fi
if [ "$reload" = 1 ]; then systemctl daemon-reload; fi
printf 'CHANGED=%s\nRELOADED=%s\n' "$changed" "$reload"
`;
/** Writes the environment file (0600, root) and keeps a copy per version. CHANGED=0|1. */
const writeEnvStep = {
    name: "write-env",
    script: WRITE_ENV,
    stdin: true,
    changes: true,
    args: (p) => {
        const source = p.source ?? "stdin";
        if (!["stdin", "keep", "snapshot"].includes(source))
            throw new RemoteValueError("source", source, "stdin, keep or snapshot");
        if (source !== "stdin" && p.version === undefined)
            throw new RemoteValueError("version", "", `a version, for source ${source}`);
        return [
            checkApp(p.app),
            p.slot === undefined ? "service" : String(checked(SlotPort, "slot", p.slot)),
            p.version === undefined ? "" : checkVersion(p.version),
            source,
        ];
    },
};
/**
 * Writes /etc/systemd/system/<unitFileName> (0644, root) from stdin (a unit renderUnit made), then
 * daemon-reload. CHANGED=0|1. Exit FOREIGN, nothing written: a unit of that name that goship did
 * not write is there, or systemd loads the unit from elsewhere (claim.ts).
 */
const writeUnitStep = {
    name: "write-unit",
    script: WRITE_UNIT,
    stdin: true,
    changes: true,
    args: (p) => {
        if (p.strategy !== "restart" && p.strategy !== "blue-green") {
            throw new RemoteValueError("strategy", p.strategy, "restart or blue-green");
        }
        return [unitFileName(checkApp(p.app), p.strategy)];
    },
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(77598);
;// CONCATENATED MODULE: ./src/remote/steps/lock.ts




/**
 * The deploy lock, /opt/<app>/.goship/lock: one run at a time per app and host. Taken with one
 * mkdir, refreshed by the run's heartbeat (the same holder again), taken over once older than
 * the TTL, released only by its holder.
 */
/** A holder token for this run: `<label>.<12 hex>`, the label reduced to the token's characters. */
function newHolderToken(label) {
    const clean = label.replace(/[^A-Za-z0-9._@:+-]+/g, "-").slice(0, 100) || "goship";
    return `${clean}.${(0,external_node_crypto_.randomBytes)(6).toString("hex")}`;
}
/**
 * Used by lock and unlock: every look at the lock and every change to it happens under an
 * flock(2) on /opt/<app>/.goship, so two runs never both see a stale lock and both take it over.
 * The kernel drops the flock when its holder exits, however it ends: a killed step leaves
 * nothing to judge abandoned (the mkdir mutex this replaces did, and two runs could both
 * "take over" an abandoned one: check, rmdir, mkdir is not one step). The directory is locked,
 * not a file in it: it is never removed or replaced, so every run locks the same inode.
 */
const LOCK_GUARD = sh `command -v flock >/dev/null 2>&1 || die ${EXIT.TOOL_MISSING} "flock (util-linux) is not installed on this host"
guard() {
  exec 9<"$meta"
  if ! flock -w 30 9; then
    if read_lock; then print_lock; fi
    die ${EXIT.LOCK_HELD} "another goship step has held $meta for 30 s"
  fi
}
`;
const LOCK = sh `${PRELUDE}${LOCK_READ}${CLAIM}${LOCK_GUARD}
[ $# -eq 4 ] || [ $# -eq 5 ] || die ${EXIT.BAD_ARGUMENT} "usage: lock APP HOLDER RUN-URL TTL-SECONDS [take|refresh]"
app=$1 holder=$2 run_url=$3 ttl=$4 how=\${5:-take}
need app app "$app"
need token holder "$holder"
need url run-url "$run_url"
# shellcheck disable=SC2015 # the || part is meant to run when either test fails
is_uint "$ttl" && [ "$ttl" -ge 1 ] || die ${EXIT.BAD_ARGUMENT} "ttl: not allowed: $ttl"
case $how in take | refresh) ;; *) die ${EXIT.BAD_ARGUMENT} "how: not allowed: $how" ;; esac
root=/opt/$app
meta=$root/.goship
lock=$meta/lock
own_dir "$root"
own_dir "$meta"
[ -d /opt ] || mkdir -m 755 /opt 2>/dev/null || [ -d /opt ] || die 1 "cannot create /opt"
# The claim, before anything is made: this is the first step of every run that changes a host.
# Checked, and /opt/$app/.goship made, under an flock on /opt: two runs making a new app at once
# must not take each other's half-made directory for another package's.
exec 8</opt
flock -w 30 8 || die ${EXIT.LOCK_HELD} "another goship step has held /opt for 30 s"
app_ours || die ${EXIT.FOREIGN} "app $app: $why; goship changes only what it made: choose another app name"
make_dir 755 "$root"
make_dir 750 "$meta"
exec 8<&-
now=$(date +%s)
guard
# Under the guard: an unlock moves the lock away, and must not do so between this look and stat.
own_dir "$lock"
# Locks released by runs killed before they finished removing them.
for d in "$meta"/lock.released-*; do
  [ -e "$d" ] || continue
  rm -rf -- "$d" 2>/dev/null || true
done
# The mutex directory earlier versions of goship kept beside the lock, once abandoned.
if [ -d "$meta/lock.mutex" ] && m=$(date -r "$meta/lock.mutex" +%s 2>/dev/null) && [ $((now - m)) -gt 60 ]; then
  rmdir -- "$meta/lock.mutex" 2>/dev/null || true
fi

# Each file is replaced whole: a reader that takes no guard (status) never sees half a value.
write_lock() {
  printf '%s\n' "$run_url" >"$lock/.run-url.$$"
  mv -f -- "$lock/.run-url.$$" "$lock/run-url"
  printf '%s\n' "$now" >"$lock/.since.$$"
  mv -f -- "$lock/.since.$$" "$lock/since"
  printf '%s\n' "$holder" >"$lock/.holder.$$"
  mv -f -- "$lock/.holder.$$" "$lock/holder"
}

# A heartbeat: the lock must still be ours. One that is gone or someone else's was lost: this
# run may not change the host any more, and is told so rather than given a new lock.
if [ "$how" = refresh ]; then
  if ! read_lock; then
    die ${EXIT.LOCK_LOST} "the deploy lock of $app is gone: removed by hand, or taken over and released by another run"
  fi
  if [ "$l_holder" != "$holder" ]; then
    print_lock
    die ${EXIT.LOCK_LOST} "the deploy lock of $app was taken over by \${l_holder:-an unknown holder}\${l_run_url:+ ($l_run_url)}"
  fi
  write_lock
  printf 'ACQUIRED=%s\nSINCE=%s\nREFRESHED=1\n' "$holder" "$now"
  exit 0
fi

if mkdir -m 750 -- "$lock" 2>/dev/null; then
  write_lock
  printf 'ACQUIRED=%s\nSINCE=%s\n' "$holder" "$now"
  exit 0
fi
# Under the guard nothing else changes the lock: it is there (a lock made by a run killed
# before it wrote its files dates from the directory's own time).
read_lock || die 1 "$lock exists but cannot be read"
if [ "$l_holder" = "$holder" ]; then
  # Ours already: a retried step, or a re-run of the same job taking back its killed attempt's.
  write_lock
  printf 'ACQUIRED=%s\nSINCE=%s\nREFRESHED=1\n' "$holder" "$now"
  exit 0
fi
if [ "$l_age" -le "$ttl" ]; then
  print_lock
  printf 'TTL=%s\n' "$ttl"
  exit ${EXIT.LOCK_HELD}
fi
old_holder=$l_holder old_url=$l_run_url old_age=$l_age
write_lock
printf 'ACQUIRED=%s\nSINCE=%s\n' "$holder" "$now"
printf 'TAKEN_OVER=%s\nTAKEN_OVER_RUN_URL=%s\nTAKEN_OVER_AGE=%s\n' "$old_holder" "$old_url" "$old_age"
printf 'WARNING=took over the deploy lock of %s%s: held for %s s, longer than the lock TTL of %s s\n' \
  "\${old_holder:-an unknown holder}" "\${old_url:+ ($old_url)}" "$old_age" "$ttl"
`;
const UNLOCK = sh `${PRELUDE}${LOCK_READ}${LOCK_GUARD}
[ $# -eq 2 ] || die ${EXIT.BAD_ARGUMENT} "usage: unlock APP HOLDER"
app=$1 holder=$2
need app app "$app"
need token holder "$holder"
meta=/opt/$app/.goship
lock=$meta/lock
own_dir "$meta"
if [ ! -d "$meta" ]; then
  printf 'RELEASED=0\n'
  exit 0
fi
now=$(date +%s)
guard
own_dir "$lock"
if ! read_lock; then
  printf 'RELEASED=0\n'
  exit 0
fi
if [ "$l_holder" != "$holder" ]; then
  print_lock
  die ${EXIT.NOT_HOLDER} "the lock is held by \${l_holder:-an unknown holder}, not $holder: left in place"
fi
# Moved aside in one step, then removed: a run killed in between leaves no half-removed lock.
mv -T -- "$lock" "$meta/lock.released-$$"
rm -rf -- "$meta/lock.released-$$"
printf 'RELEASED=1\n'
`;
/**
 * Takes /opt/<app>/.goship/lock (mkdir). Exit 0: ACQUIRED=, SINCE= (REFRESHED=1 when it was already
 * ours; TAKEN_OVER=, TAKEN_OVER_RUN_URL=, TAKEN_OVER_AGE=, WARNING= when a stale one was taken over).
 * Exit LOCK_HELD: HOLDER=, RUN_URL=, SINCE=, AGE=, TTL=; the caller waits and calls again.
 * Exit LOCK_LOST (refresh only): HOLDER=, RUN_URL=, SINCE=, AGE= of whoever has it now, if anyone.
 * Exit FOREIGN: the app's name is not goship's on this host (claim.ts); nothing was made.
 */
const lockStep = {
    name: "lock",
    script: LOCK,
    stdin: false,
    changes: false,
    args: (p) => [
        checkApp(p.app),
        checked(HolderToken, "holder", p.holder),
        checked(RunUrl, "runUrl", p.runUrl),
        String(checked(TtlSeconds, "ttlSeconds", p.ttlSeconds)),
        ...(p.refresh ? ["refresh"] : []),
    ],
};
/** Releases the lock if `holder` holds it. Exit 0: RELEASED=1, or RELEASED=0 when there was no lock. Exit NOT_HOLDER otherwise. */
const unlockStep = {
    name: "unlock",
    script: UNLOCK,
    stdin: false,
    changes: false,
    args: (p) => [checkApp(p.app), checked(HolderToken, "holder", p.holder)],
};
/** lock's result; throws for any exit but 0, LOCK_HELD and LOCK_LOST. */
function parseLockOutcome(result) {
    const get = (k) => outputValue(result.stdout, k) ?? "";
    if (result.code === EXIT.OK) {
        const takenOver = get("TAKEN_OVER_AGE")
            ? {
                holder: get("TAKEN_OVER"),
                runUrl: get("TAKEN_OVER_RUN_URL"),
                since: Number(get("SINCE")) - Number(get("TAKEN_OVER_AGE")),
                ageSeconds: Number(get("TAKEN_OVER_AGE")),
            }
            : undefined;
        return {
            acquired: true,
            refreshed: get("REFRESHED") === "1",
            ...(takenOver ? { takenOver, warning: get("WARNING") } : {}),
        };
    }
    if (result.code === EXIT.LOCK_HELD || result.code === EXIT.LOCK_LOST) {
        return {
            acquired: false,
            ...(result.code === EXIT.LOCK_LOST
                ? { lost: stepComplaint(result.stderr, 1) || "the deploy lock is no longer this run's" }
                : {}),
            holder: get("HOLDER"),
            runUrl: get("RUN_URL"),
            since: Number(get("SINCE")),
            ageSeconds: Number(get("AGE")),
        };
    }
    throw new errors/* UserError */.yo(describeStepFailure("lock", result.code, result.stderr));
}

;// CONCATENATED MODULE: ./src/remote/steps/release.ts



const HistoryEntrySchema = schemas/* object */.Ikc({
    time: schemas/* number */.aig().int().nonnegative().optional(),
    actor: schemas/* string */.YjP(),
    action: schemas/* string */.YjP().regex(/^[a-z][a-z-]{0,31}$/, "a lowercase word"),
    version: ReleaseName,
    from: ReleaseName.nullable(),
    result: schemas/* string */.YjP().regex(/^[a-z][a-z-]{0,31}$/, "a lowercase word"),
    runUrl: schemas/* string */.YjP(),
    slot: SlotPort.optional(),
    detail: schemas/* string */.YjP().optional(),
});
/**
 * The entry as one line of JSON, keys in a fixed order. JSON.stringify escapes every control
 * character but DEL, and leaves U+2028/U+2029 (line breaks to some readers) raw: those three
 * can only occur inside strings, where \u escapes mean the same, so the line stays one line.
 */
function historyLine(entry) {
    const e = checked(HistoryEntrySchema, "history entry", entry);
    const ordered = {
        ...(e.time === undefined ? {} : { time: e.time }),
        actor: e.actor,
        action: e.action,
        version: e.version,
        from: e.from,
        result: e.result,
        runUrl: e.runUrl,
        ...(e.slot === undefined ? {} : { slot: e.slot }),
        ...(e.detail === undefined ? {} : { detail: e.detail }),
    };
    const line = JSON.stringify(ordered).replace(/[\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    // The script counts bytes (LC_ALL=C): so does this.
    if (Buffer.byteLength(line) > MAX_HISTORY_LINE) {
        throw new RemoteValueError("history entry", `${line.slice(0, 80)}…`, `at most ${MAX_HISTORY_LINE} bytes`);
    }
    return line;
}
// ---------------------------------------------------------------------------------------------
// The scripts
const DIGEST = sh `tools=sha256sum
command -v sha256sum >/dev/null 2>&1 || die ${EXIT.TOOL_MISSING} "sha256sum is not installed on this host"
if command -v openssl >/dev/null 2>&1; then tools="sha256sum openssl"; fi
# The file's sha256 from each tool; they must agree.
digest() {
  if [ "$tools" = openssl ]; then
    d1=$(openssl dgst -sha256 -r "$1")
  else
    d1=$(sha256sum -b -- "$1")
  fi
  d1=\${d1%% *}
  if [ "$tools" = "sha256sum openssl" ]; then
    d2=$(openssl dgst -sha256 -r "$1")
    d2=\${d2%% *}
    [ "$d1" = "$d2" ] || die ${EXIT.CHECKSUM_MISMATCH} "sha256sum ($d1) and openssl ($d2) disagree on $1"
  fi
  is_sha256 "$d1" || die 1 "$tools printed no digest for $1"
  printf '%s' "$d1"
}
`;
/** In each release directory: `<sha256>  <binary>`, what stage-release verified (`sha256sum -c` reads it). */
const BINARY_RECORD = ".goship-sha256";
/**
 * verify_release DIR (switch --verify): the release's binary hashed again (the faster tool)
 * against the digest recorded when it was installed; dies CHECKSUM_MISMATCH when they differ, so
 * a rollback never switches to a binary changed on the host since. A release installed before
 * goship kept the record is checked as stage-release checked it then: its one binary's digest
 * must be listed in its manifest.
 */
const VERIFY_RELEASE = sh `verify_release() {
  v_dir=$1
  if [ "$tools" = "sha256sum openssl" ]; then tools=openssl; fi
  if [ -f "$v_dir/${BINARY_RECORD}" ] && [ ! -L "$v_dir/${BINARY_RECORD}" ]; then
    v_line=$(head -n 1 -- "$v_dir/${BINARY_RECORD}")
    v_want=\${v_line%% *}
    v_bin=\${v_line#*  }
    # shellcheck disable=SC2015 # the || part is meant to run when either test fails
    is_sha256 "$v_want" && is_name "$v_bin" ||
      die ${EXIT.CHECKSUM_MISMATCH} "$v_dir/${BINARY_RECORD} is not the sha256 line goship wrote: not switched to"
  else
    v_want='' v_bin=''
    for f in "$v_dir"/*; do
      [ -e "$f" ] || continue
      n=\${f##*/}
      [ "$n" != ${release_files/* MANIFEST_FILE */.h1} ] || continue
      [ -z "$v_bin" ] || die ${EXIT.CHECKSUM_MISMATCH} "$v_dir holds more than one binary and no recorded sha256: not switched to"
      v_bin=$n
    done
    [ -n "$v_bin" ] || die ${EXIT.NO_SUCH_RELEASE} "$v_dir holds no binary"
  fi
  # shellcheck disable=SC2015 # the || part is meant to run when either test fails
  [ -f "$v_dir/$v_bin" ] && [ ! -L "$v_dir/$v_bin" ] ||
    die ${EXIT.CHECKSUM_MISMATCH} "$v_dir/$v_bin is missing or not a regular file: not switched to"
  v_have=$(digest "$v_dir/$v_bin")
  if [ -n "$v_want" ]; then
    [ "$v_have" = "$v_want" ] ||
      die ${EXIT.CHECKSUM_MISMATCH} "$v_dir/$v_bin has sha256 $v_have, not the $v_want recorded when it was installed: it changed on this host since; not switched to"
  else
    grep -qF -- "\"$v_have\"" "$v_dir/${release_files/* MANIFEST_FILE */.h1}" ||
      die ${EXIT.CHECKSUM_MISMATCH} "$v_dir/$v_bin has sha256 $v_have, which its ${release_files/* MANIFEST_FILE */.h1} does not list: not switched to"
  fi
}
`;
const STAGE_RELEASE = sh `${PRELUDE}${DIGEST}
[ $# -eq 6 ] || die ${EXIT.BAD_ARGUMENT} "usage: stage-release APP VERSION BINARY UPLOADED-FILE SHA256 MANIFEST-FILE"
app=$1 version=$2 binary=$3 upload=$4 sha256=$5 manifest=$6
need app app "$app"
need name version "$version"
need name binary "$binary"
[ "$binary" != ${release_files/* MANIFEST_FILE */.h1} ] || die ${EXIT.BAD_ARGUMENT} "binary: not allowed: $binary"
need path uploaded-file "$upload"
need sha256 sha256 "$sha256"
need path manifest-file "$manifest"
root=/opt/$app
rel=$root/releases
dest=$rel/$version
[ -d /opt ] || mkdir -m 755 /opt
make_dir 755 "$root"
make_dir 755 "$rel"

if [ -e "$dest" ] || [ -L "$dest" ]; then
  own_dir "$dest"
  # shellcheck disable=SC2015 # the || part is meant to run when either test fails
  [ -f "$dest/$binary" ] && [ ! -L "$dest/$binary" ] ||
    die ${EXIT.RELEASE_CONFLICT} "$dest exists without the binary $binary: remove it by hand if no slot uses it"
  # Verified by both tools when it was installed; once more, with the faster one, before use.
  if [ "$tools" = "sha256sum openssl" ]; then tools=openssl; fi
  have=$(digest "$dest/$binary")
  [ "$have" = "$sha256" ] ||
    die ${EXIT.RELEASE_CONFLICT} "release $version is installed with another $binary (sha256 $have, not $sha256): a version is never replaced"
  record=$dest/${BINARY_RECORD}
  own_file "$record"
  if [ ! -f "$record" ]; then
    # Installed before goship kept the record: it is the verified digest, from now on.
    printf '%s  %s\n' "$have" "$binary" >"$record.tmp-$$"
    chmod 644 -- "$record.tmp-$$"
    mv -f -- "$record.tmp-$$" "$record"
  elif [ "$(head -n 1 -- "$record")" != "$have  $binary" ]; then
    die ${EXIT.RELEASE_CONFLICT} "release $version's $record says another digest than its $binary has: remove it by hand if no slot uses it"
  fi
  printf 'STAGED=0\nSHA256=%s\nVERIFIED_WITH=%s\n' "$have" "$tools"
  exit 0
fi

for f in "$upload" "$manifest"; do
  # shellcheck disable=SC2015 # the || part is meant to run when either test fails
  [ -f "$f" ] && [ ! -L "$f" ] || die ${EXIT.BAD_ARGUMENT} "$f: not a regular file"
done
# Staging directories of this version left by killed runs (the lock keeps others away).
for d in "$rel/.$version.tmp-"*; do
  [ -e "$d" ] || continue
  rm -rf -- "$d"
done
tmp=$rel/.$version.tmp-$$
${TMP_TRAP}mkdir -m 700 -- "$tmp"
# Copied first and checked after: what is verified is what gets installed, not a file its
# uploader could still change.
cp -- "$upload" "$tmp/$binary"
cp -- "$manifest" "$tmp/${release_files/* MANIFEST_FILE */.h1}"
got=$(digest "$tmp/$binary")
[ "$got" = "$sha256" ] ||
  die ${EXIT.CHECKSUM_MISMATCH} "the uploaded $binary has sha256 $got, not $sha256: refused, nothing installed"
grep -qF -- "\"$sha256\"" "$tmp/${release_files/* MANIFEST_FILE */.h1}" ||
  die ${EXIT.CHECKSUM_MISMATCH} "${release_files/* MANIFEST_FILE */.h1} does not list sha256 $sha256: refused, nothing installed"
# What a switch to this release checks the binary against, whatever happens to it later.
printf '%s  %s\n' "$got" "$binary" >"$tmp/${BINARY_RECORD}"
chown 0:0 -- "$tmp" "$tmp/$binary" "$tmp/${release_files/* MANIFEST_FILE */.h1}" "$tmp/${BINARY_RECORD}"
chmod 755 -- "$tmp/$binary"
chmod 644 -- "$tmp/${release_files/* MANIFEST_FILE */.h1}" "$tmp/${BINARY_RECORD}"
sync -- "$tmp/$binary" "$tmp/${release_files/* MANIFEST_FILE */.h1}" "$tmp/${BINARY_RECORD}" 2>/dev/null || sync
chmod 755 -- "$tmp"
# Refuses to land on a directory that is there after all: a version is never replaced.
mv -T -- "$tmp" "$dest"
printf 'STAGED=1\nSHA256=%s\nVERIFIED_WITH=%s\n' "$got" "$tools"
`;
const SWITCH = sh `${PRELUDE}${DIGEST}${VERIFY_RELEASE}
verify=0
if [ "\${1:-}" = --verify ]; then
  verify=1
  shift
fi
[ $# -eq 2 ] || [ $# -eq 3 ] || die ${EXIT.BAD_ARGUMENT} "usage: switch [--verify] APP VERSION [SLOT-PORT]"
app=$1 version=$2
need app app "$app"
need name version "$version"
if [ $# -eq 3 ]; then need port slot-port "$3"; fi
root=/opt/$app
rel=$root/releases
own_dir "$root"
own_dir "$rel"
own_dir "$rel/$version"
[ -d "$rel/$version" ] || die ${EXIT.NO_SUCH_RELEASE} "release $version is not installed on this host"
if [ "$verify" = 1 ]; then verify_release "$rel/$version"; fi
if [ $# -eq 3 ]; then
  make_dir 755 "$root/slots"
  link=$root/slots/$3
  target=../releases/$version
else
  link=$root/current
  target=releases/$version
fi
if [ -e "$link" ] && [ ! -L "$link" ]; then die ${EXIT.UNSAFE_LAYOUT} "$link exists and is not a symbolic link"; fi
if [ -e "$link.tmp" ] && [ ! -L "$link.tmp" ]; then die ${EXIT.UNSAFE_LAYOUT} "$link.tmp exists and is not a symbolic link"; fi
printf 'PREVIOUS=%s\n' "$(link_name "$link")"
if [ -L "$link" ] && [ "$(readlink -- "$link")" = "$target" ]; then
  # A run killed between ln and mv left this (checked above to be a link).
  rm -f -- "$link.tmp"
  printf 'CURRENT=%s\nCHANGED=0\n' "$version"
  exit 0
fi
# rename(2) replaces the link in one step: there is never a moment without it.
ln -sfn -- "$target" "$link.tmp"
mv -Tf -- "$link.tmp" "$link"
printf 'CURRENT=%s\nCHANGED=1\n' "$version"
`;
const RECORD_HISTORY = sh `${PRELUDE}
[ $# -eq 3 ] || die ${EXIT.BAD_ARGUMENT} "usage: record-history APP JSON-LINE host|given"
app=$1 line=$2 stamp=$3
need app app "$app"
case $stamp in host | given) ;; *) die ${EXIT.BAD_ARGUMENT} "stamp: not allowed: $stamp" ;; esac
case $line in '{'*'}') ;; *) die ${EXIT.BAD_HISTORY_LINE} "the history line is not a JSON object" ;; esac
case $line in *[[:cntrl:]]*) die ${EXIT.BAD_HISTORY_LINE} "the history line holds a line break or another control character" ;; esac
[ \${#line} -le ${MAX_HISTORY_LINE} ] || die ${EXIT.BAD_HISTORY_LINE} "the history line is longer than ${MAX_HISTORY_LINE} bytes"
root=/opt/$app
meta=$root/.goship
file=$meta/history.jsonl
[ -d /opt ] || mkdir -m 755 /opt
make_dir 755 "$root"
make_dir 750 "$meta"
own_file "$file"
umask 027
if [ "$stamp" = host ]; then
  now=$(date -u +%s)
  if [ "$line" = '{}' ]; then line="{\"time\":$now}"; else line="{\"time\":$now,\${line#?}"; fi
fi
# An append cut short by a kill leaves a line without its newline: end it, so that this entry
# stays a line of its own (the torn one is skipped by readers).
if [ -s "$file" ] && [ -n "$(tail -c 1 -- "$file")" ]; then printf '\n' >>"$file"; fi
printf '%s\n' "$line" >>"$file"
printf 'RECORDED=1\n'
if [ "$stamp" = host ]; then printf 'TIME=%s\n' "$now"; fi
`;
const CLEANUP = sh `${PRELUDE}
[ $# -ge 2 ] || die ${EXIT.BAD_ARGUMENT} "usage: cleanup APP KEEP [PROTECTED-VERSION…]"
app=$1 keep=$2
shift 2
need app app "$app"
# shellcheck disable=SC2015 # the || part is meant to run when either test fails
is_uint "$keep" && [ "$keep" -ge 1 ] || die ${EXIT.BAD_ARGUMENT} "keep: not allowed: $keep"
protected=' '
for v in "$@"; do
  need name protected-version "$v"
  protected="$protected$v "
done
root=/opt/$app
rel=$root/releases
own_dir "$root"
own_dir "$rel"
[ -d "$rel" ] || exit 0
set -f
# What the host itself runs is never removed, whatever the caller passed.
v=$(link_name "$root/current")
protected="$protected$v "
set +f
for s in "$root/slots/"*; do
  is_port "\${s##*/}" || continue
  v=$(link_name "$s")
  protected="$protected$v "
done
# Uploads staged by deploys (this one's are installed by now; killed runs' are stale).
rm -rf -- "$root/.goship/incoming"
# Staging and trash directories of killed runs (the lock keeps live ones away).
swept=0
for d in "$rel"/.*.tmp-* "$rel"/.*.trash-*; do
  [ -e "$d" ] || continue
  rm -rf -- "$d"
  swept=$((swept + 1))
done
printf 'SWEPT=%s\n' "$swept"
# Newest first by the time each release directory was staged; names break ties.
list=$(for d in "$rel"/*; do
  n=\${d##*/}
  is_name "$n" || continue
  # shellcheck disable=SC2015 # the || part is meant to run when either test fails
  [ -d "$d" ] && [ ! -L "$d" ] || continue
  printf '%s %s\n' "$(date -r "$d" +%s.%N)" "$n"
done | sort -k1,1nr -k2,2r | cut -d ' ' -f 2)
set -f
i=0
for n in $list; do
  i=$((i + 1))
  if [ "$i" -le "$keep" ]; then
    printf 'KEPT=%s\n' "$n"
    continue
  fi
  case $protected in *" $n "*)
    printf 'KEPT=%s\n' "$n"
    continue
    ;;
  esac
  # Renamed away first: a release is either whole under its name or gone.
  mv -T -- "$rel/$n" "$rel/.$n.trash-$$"
  rm -rf -- "$rel/.$n.trash-$$"
  rm -f -- "/etc/$app/versions/$n.env"
  printf 'REMOVED=%s\n' "$n"
done
`;
/**
 * Installs /opt/<app>/releases/<version>/ from the uploads, verified on the host with sha256sum
 * and openssl, with the digest recorded beside them (BINARY_RECORD). Exit 0: STAGED=1 (installed) or STAGED=0 (already there, same sha256), SHA256=,
 * VERIFIED_WITH=. CHECKSUM_MISMATCH, RELEASE_CONFLICT: nothing changed.
 */
const stageReleaseStep = {
    name: "stage-release",
    script: STAGE_RELEASE,
    stdin: false,
    changes: true,
    args: (p) => [
        checkApp(p.app),
        checkVersion(p.version),
        checked(BinaryName, "binaryName", p.binaryName),
        checked(HostFilePath, "upload", p.upload),
        checked(Sha256Hex, "sha256", p.sha256),
        checked(HostFilePath, "manifest", p.manifest),
    ],
};
/**
 * Points current (or slots/<port>) at the release, atomically; with verify, only once its binary's
 * sha256 is again the one recorded when it was installed. PREVIOUS= (first; empty when there was
 * none), CURRENT=, CHANGED=0|1. NO_SUCH_RELEASE, CHECKSUM_MISMATCH: nothing changed.
 */
const switchStep = {
    name: "switch",
    script: SWITCH,
    stdin: false,
    changes: true,
    args: (p) => [
        ...(p.verify ? ["--verify"] : []),
        checkApp(p.app),
        checkVersion(p.version),
        ...(p.slot === undefined ? [] : [String(checked(SlotPort, "slot", p.slot))]),
    ],
};
/** Appends one entry to /opt/<app>/.goship/history.jsonl. RECORDED=1, and TIME= when the host stamped it. */
const recordHistoryStep = {
    name: "record-history",
    script: RECORD_HISTORY,
    stdin: false,
    changes: true,
    args: (p) => [checkApp(p.app), historyLine(p.entry), p.entry.time === undefined ? "host" : "given"],
};
/** Removes all but the `keep` newest releases and the protected ones. SWEPT=<n>, then KEPT=/REMOVED= per release, newest first. */
const cleanupStep = {
    name: "cleanup",
    script: CLEANUP,
    stdin: false,
    changes: true,
    args: (p) => {
        const protect = p.protect.filter((v) => typeof v === "string" && v !== "");
        return [
            checkApp(p.app),
            String(checked(KeepCount, "keep", p.keep)),
            ...[...new Set(protect)].map((v) => checkVersion(v, "protect")),
        ];
    },
};

;// CONCATENATED MODULE: ./src/remote/steps/status.ts



/**
 * What a host runs, in one step a deploy takes before it changes anything: the current release,
 * each slot and unit, the releases installed, the lock and the last history lines.
 */
const STATUS = sh `${PRELUDE}${LOCK_READ}${RUNNING_RELEASE}${CLAIM}
[ $# -eq 2 ] || die ${EXIT.BAD_ARGUMENT} "usage: status APP HISTORY-LINES"
app=$1 lines=$2
need app app "$app"
# shellcheck disable=SC2015 # the || part is meant to run when either test fails
is_uint "$lines" && [ "$lines" -le 1000 ] || die ${EXIT.BAD_ARGUMENT} "history-lines: not allowed: $lines"
root=/opt/$app
rel=$root/releases
meta=$root/.goship
lock=$meta/lock
now=$(date +%s)
# Whether the unit's main process started before a file it reads last changed (its unit file,
# drop-ins, environment files): a run killed between writing them and the restart leaves the old
# configuration running, which the files alone no longer show. Microseconds where systemctl has
# --timestamp (248+); else whole seconds, counting only files changed in a later second.
unit_stale() {
  pid=$(systemctl show -p MainPID --value -- "$1" 2>/dev/null) || return 1
  is_uint "\${pid:-0}" && [ "\${pid:-0}" -gt 0 ] || return 1
  if t=$(systemctl show -p ExecMainStartTimestamp --value --timestamp=us+utc -- "$1" 2>/dev/null) && [ -n "$t" ]; then
    started=$(date -d "$t" +%s%6N 2>/dev/null) || return 1
  else
    t=$(systemctl show -p ExecMainStartTimestamp --value -- "$1" 2>/dev/null) && [ -n "$t" ] || return 1
    started=$(date -d "$t" +%s999999 2>/dev/null) || return 1
  fi
  case $started in '' | *[!0-9]*) return 1 ;; esac
  files=$(systemctl show -p FragmentPath -p DropInPaths -p EnvironmentFiles --value -- "$1" 2>/dev/null) || return 1
  set -f
  for f in $files; do
    case $f in /*) ;; *) continue ;; esac # EnvironmentFiles= adds "(ignore_errors=no)"
    [ -f "$f" ] || continue
    m=$(date -r "$f" +%s%6N 2>/dev/null) || continue
    case $m in '' | *[!0-9]*) continue ;; esac
    if [ "$m" -gt "$started" ]; then
      set +f
      return 0
    fi
  done
  set +f
  return 1
}
unit_state() {
  s=$(systemctl is-active -- "$1" 2>/dev/null) || true
  printf 'UNIT=%s %s\n' "$1" "\${s:-unknown}"
  printf 'RUNNING=%s %s\n' "$1" "$(running_release "$1")"
  if unit_stale "$1"; then printf 'STALE=%s\n' "$1"; fi
}
printf 'APP=%s\n' "$app"
if ! app_ours; then printf 'FOREIGN=%s\n' "$why"; fi
printf 'MACHINE=%s\n' "$(uname -m)"
upstream=${UPSTREAM_DIR}/goship-$app.conf
if [ -f "$upstream" ]; then printf 'UPSTREAM=%s\n' "$(head -n 1 -- "$upstream" | tr -d '\r')"; fi
printf 'CURRENT=%s\n' "$(link_name "$root/current")"
unit_state "$app.service"
for s in "$root/slots/"*; do
  p=\${s##*/}
  # shellcheck disable=SC2015 # the || part is meant to run when either test fails
  is_port "$p" && [ -L "$s" ] || continue
  printf 'SLOT=%s %s\n' "$p" "$(link_name "$s")"
  unit_state "$app@$p.service"
done
for d in "$rel"/*; do
  n=\${d##*/}
  # shellcheck disable=SC2015 # the || part is meant to run when either test fails
  is_name "$n" && [ -d "$d" ] || continue
  printf 'RELEASE=%s\n' "$n"
done
if read_lock; then
  printf 'LOCK_HOLDER=%s\nLOCK_RUN_URL=%s\nLOCK_SINCE=%s\nLOCK_AGE=%s\n' "$l_holder" "$l_run_url" "$l_since" "$l_age"
fi
if [ "$lines" -gt 0 ] && [ -f "$meta/history.jsonl" ]; then
  tail -n "$lines" -- "$meta/history.jsonl" | sed 's/^/HISTORY=/'
fi
`;
/** What a host runs: APP=, FOREIGN=, CURRENT=, UNIT=, RUNNING=, STALE=, SLOT=, RELEASE=, LOCK_*=, HISTORY= (see parseStatus). */
const statusStep = {
    name: "status",
    script: STATUS,
    stdin: false,
    changes: false,
    args: (p) => [checkApp(p.app), String(checked(HistoryCount, "historyLines", p.historyLines))],
};
/** status's stdout as data. */
function parseStatus(stdout) {
    const fields = outputFields(stdout);
    const all = (k) => fields.filter(([key]) => key === k).map(([, v]) => v);
    const one = (k) => all(k)[0] ?? "";
    const units = new Map(all("UNIT").map((v) => {
        const [unit = "", state = ""] = v.split(" ");
        return [unit, state];
    }));
    const app = one("APP");
    const history = [];
    let unreadable = 0;
    for (const line of all("HISTORY")) {
        try {
            const v = JSON.parse(line);
            if (v && typeof v === "object" && !Array.isArray(v))
                history.push(v);
            else
                unreadable++;
        }
        catch {
            unreadable++;
        }
    }
    const running = {};
    for (const v of all("RUNNING")) {
        const [unit = "", version = ""] = v.split(" ");
        running[unit] = version || null;
    }
    const foreign = one("FOREIGN");
    return {
        ...(foreign ? { foreign } : {}),
        machine: one("MACHINE"),
        current: one("CURRENT") || null,
        running,
        stale: all("STALE"),
        upstream: all("UPSTREAM")[0] ?? null,
        slots: all("SLOT").map((v) => {
            const [port = "", version = ""] = v.split(" ");
            const unit = `${app}@${port}.service`;
            return { port: Number(port), version: version || null, unit, state: units.get(unit) ?? "unknown" };
        }),
        unitState: units.get(`${app}.service`) ?? "unknown",
        releases: all("RELEASE"),
        lock: all("LOCK_SINCE").length
            ? {
                holder: one("LOCK_HOLDER"),
                runUrl: one("LOCK_RUN_URL"),
                since: Number(one("LOCK_SINCE")),
                ageSeconds: Number(one("LOCK_AGE")),
            }
            : null,
        history,
        unreadableHistoryLines: unreadable,
    };
}

;// CONCATENATED MODULE: ./src/remote/unit-security.ts



/**
 * Reading `systemd-analyze security --offline=true <unit>` (systemd ≥ 250), and the
 * arguments of the two checks deploy-systemd runs on a host before it switches to a new unit.
 *
 * The text table is what we parse: `--json` lists the items but not the overall exposure,
 * and `--threshold=N` takes N in tenths (an integer 0–100, "12" for 1.2), so goship reads
 * the number itself and reports the items that cost the most.
 */
const SecurityItem = schemas/* object */.Ikc({
    /** The setting as systemd names it, e.g. "PrivateNetwork=" or "RestrictAddressFamilies=~AF_(INET|INET6)". */
    name: schemas/* string */.YjP().min(1),
    description: schemas/* string */.YjP(),
    /** What this item adds to the exposure (0.0–10.0 scale of the table). */
    exposure: schemas/* number */.aig().min(0),
});
const SecurityReport = schemas/* object */.Ikc({
    unit: schemas/* string */.YjP().min(1),
    /** Overall exposure, 0.0 (best) to 10.0. */
    exposure: schemas/* number */.aig().min(0).max(10),
    /** systemd's word for it: PERFECT, SAFE, OK, MEDIUM, EXPOSED or UNSAFE. */
    rating: schemas/* string */.YjP().min(1),
    /** Items that add exposure, worst first (ties by name). */
    items: schemas/* array */.YOg(SecurityItem),
    /** How many items the table had in all, passed or not. */
    checked: schemas/* number */.aig().int().nonnegative(),
});
/** Terminal escapes systemd adds when it thinks it talks to a terminal: colours (CSI) and links (OSC 8). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
const OVERALL = /Overall exposure level for (\S+): (\d+(?:\.\d+)?) (\S+)/;
const NUMBER = /^\d+(?:\.\d+)?$/;
/** Parses the table `systemd-analyze security` prints; throws UserError on anything else (fail closed). */
function parseSecurityReport(stdout) {
    const lines = stdout.replace(ESCAPES, "").split("\n");
    const headerAt = lines.findIndex((l) => /^\s*NAME\s+DESCRIPTION\s+EXPOSURE\s*$/.test(l));
    const overallAt = lines.findIndex((l) => OVERALL.test(l));
    if (headerAt < 0 || overallAt < headerAt) {
        throw new errors/* UserError */.yo(`cannot read systemd-analyze security output (no table or no overall exposure):\n${tail(stdout)}`);
    }
    const header = lines[headerAt];
    // Columns are padded to the widest cell, so the header's words mark where each column starts.
    const descCol = header.indexOf("DESCRIPTION");
    const expCol = header.indexOf("EXPOSURE");
    const nameCol = header.indexOf("NAME");
    const items = [];
    let checked = 0;
    for (const line of lines.slice(headerAt + 1, overallAt)) {
        if (line.trim() === "")
            continue;
        const name = line.slice(nameCol, descCol).trim();
        const description = line.slice(descCol, expCol).trim();
        const exposure = line.slice(expCol).trim();
        if (name === "" || (exposure !== "" && !NUMBER.test(exposure))) {
            throw new errors/* UserError */.yo(`cannot read systemd-analyze security line: ${(0,kit_log/* untrusted */.bp)(JSON.stringify(line))}`);
        }
        checked++;
        const value = exposure === "" ? 0 : Number(exposure);
        // The host's text, printed when the unit scores over the threshold.
        if (value > 0)
            items.push({ name: (0,kit_log/* untrusted */.bp)(name), description: (0,kit_log/* untrusted */.bp)(description), exposure: value });
    }
    items.sort((a, b) => b.exposure - a.exposure || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const m = OVERALL.exec(lines[overallAt]);
    return SecurityReport.parse({
        unit: (0,kit_log/* untrusted */.bp)(m[1]),
        exposure: Number(m[2]),
        rating: m[3],
        items,
        checked,
    });
}
/** The exposure was over the threshold. The message lists the items that cost the most. */
class SecurityThresholdError extends errors/* UserError */.yo {
    report;
    threshold;
    name = "SecurityThresholdError";
    constructor(report, threshold, shown = 10) {
        const worst = report.items.slice(0, shown);
        const width = Math.max(0, ...worst.map((i) => i.name.length));
        const more = report.items.length - worst.length;
        super(`${report.unit}: systemd-analyze security exposure ${report.exposure.toFixed(1)} ${report.rating} ` +
            `is over the threshold ${threshold.toFixed(1)}; what costs the most:\n` +
            worst.map((i) => `  ${i.exposure.toFixed(1)}  ${i.name.padEnd(width)}  ${i.description}`).join("\n") +
            (more > 0 ? `\n  … and ${more} more` : ""));
        this.report = report;
        this.threshold = threshold;
    }
}
/** Throws SecurityThresholdError when the exposure is over `threshold` (equal passes: "≤ 2.0"). */
function checkSecurity(report, threshold) {
    checkThreshold(threshold);
    if (report.exposure > threshold)
        throw new SecurityThresholdError(report, threshold);
}
/** The `security-threshold` input: 0.0–10.0, the scale of the table. */
function checkThreshold(threshold) {
    if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold < 0 || threshold > 10) {
        throw (0,errors/* inputError */.Xu)("security-threshold", String(threshold), "a number from 0.0 to 10.0");
    }
    return threshold;
}
/**
 * The two checks deploy-systemd runs on a host before it switches to a new unit (the analyze-unit
 * step, steps/systemd.ts): the words after `systemd-analyze`, before the unit. For a template the
 * unit is an instance (`<app>@8081.service`), since verify resolves ExecStart with the instance
 * filled in and the slot's binary must exist.
 */
// Without --recursive-errors=no, verify exits 0 even on errors such as unknown settings (systemd 252).
const VERIFY_ARGS = ["verify", "--recursive-errors=no"];
const SECURITY_ARGS = ["security", "--offline=true", "--no-pager"];
function tail(text) {
    return text
        .trimEnd()
        .split("\n")
        .slice(-10)
        .map((l) => (0,kit_log/* untrusted */.bp)(l))
        .join("\n");
}

;// CONCATENATED MODULE: ./src/remote/steps/systemd.ts




/**
 * The app's units under systemd: a unit checked by systemd-analyze before it is used, started,
 * restarted or stopped, and its state (with its last log lines) read back.
 */
/** A unit name goship manages: <app>.service, or <app>@<port>.service for a slot. */
const IS_UNIT = sh `is_unit() {
  case $1 in
    *@*.service)
      u=\${1%.service}
      is_app "\${u%%@*}" && is_port "\${u#*@}"
      ;;
    *.service) is_app "\${1%.service}" ;;
    *) return 1 ;;
  esac
}
`;
const ANALYZE_UNIT = sh `${PRELUDE}${IS_UNIT}
[ $# -eq 1 ] || die ${EXIT.BAD_ARGUMENT} "usage: analyze-unit UNIT <UNIT-FILE"
unit=$1
need unit unit "$unit"
command -v systemd-analyze >/dev/null 2>&1 || die ${EXIT.TOOL_MISSING} "systemd-analyze is not installed on this host"
tmp=$(mktemp -d /tmp/goship-analyze.XXXXXXXX)
${TMP_TRAP}cat >"$tmp/$unit"
# Without --recursive-errors=no, verify exits 0 on errors such as an unknown setting (systemd 252).
if ! systemd-analyze ${VERIFY_ARGS.join(" ")} -- "$tmp/$unit" 2>"$tmp/verify.err" >/dev/null; then
  sed "s|$tmp/||g" "$tmp/verify.err" >&2
  exit ${EXIT.UNIT_INVALID}
fi
systemd-analyze ${SECURITY_ARGS.join(" ")} -- "$tmp/$unit" | sed "s|$tmp/||g"
`;
const SERVICE = sh `${PRELUDE}${IS_UNIT}${RUNNING_RELEASE}${CLAIM}
[ $# -eq 3 ] || die ${EXIT.BAD_ARGUMENT} "usage: service APP UNIT restart|start|stop"
app=$1 unit=$2 action=$3
need app app "$app"
need unit unit "$unit"
case $unit in
  "$app.service") file=$unit ;;
  "$app@"*) file=$app@.service ;;
  *) die ${EXIT.BAD_ARGUMENT} "unit: not allowed: $unit" ;;
esac
# Only a unit goship wrote is enabled, started, stopped or disabled (a package's ssh.service is not).
unit_ours "$file" "$unit" || die ${EXIT.FOREIGN} "app $app: $why; goship starts and stops only units it wrote: choose another app name"
case $action in
  restart | start)
    # A unit stopped by its start limit refuses to start until this.
    systemctl reset-failed -- "$unit" 2>/dev/null || true
    systemctl enable --quiet -- "$unit" || die ${EXIT.SERVICE_FAILED} "systemctl enable $unit failed"
    systemctl "$action" -- "$unit" || die ${EXIT.SERVICE_FAILED} "systemctl $action $unit failed"
    ;;
  stop)
    systemctl disable --quiet -- "$unit" 2>/dev/null || true
    systemctl stop -- "$unit" || die ${EXIT.SERVICE_FAILED} "systemctl stop $unit failed"
    ;;
  *) die ${EXIT.BAD_ARGUMENT} "action: not allowed: $action" ;;
esac
printf 'ACTIVE=%s\n' "$(systemctl is-active -- "$unit" 2>/dev/null || true)"
printf 'RUNNING=%s\n' "$(running_release "$unit")"
`;
const UNIT_STATE = sh `${PRELUDE}${IS_UNIT}${RUNNING_RELEASE}
[ $# -eq 3 ] || die ${EXIT.BAD_ARGUMENT} "usage: unit-state APP UNIT JOURNAL-LINES"
app=$1 unit=$2 lines=$3
need app app "$app"
need unit unit "$unit"
# shellcheck disable=SC2015 # the || part is meant to run when either test fails
is_uint "$lines" && [ "$lines" -le 200 ] || die ${EXIT.BAD_ARGUMENT} "journal-lines: not allowed: $lines"
# One systemctl for the four: this step runs every few hundred ms during a health check.
st=$(systemctl show -p ActiveState -p SubState -p Result -p NRestarts -- "$unit" 2>/dev/null) || st=
show() { printf '%s\n' "$st" | sed -n "s/^$1=//p" | head -n 1; }
printf 'ACTIVE=%s\nSUB=%s\nRESULT=%s\nRESTARTS=%s\n' "$(show ActiveState)" "$(show SubState)" "$(show Result)" "$(show NRestarts)"
printf 'RUNNING=%s\n' "$(running_release "$unit")"
if [ "$lines" -gt 0 ] && command -v journalctl >/dev/null 2>&1; then
  journalctl -u "$unit" -n "$lines" --no-pager -o cat 2>/dev/null | tr -d '\r' | sed 's/^/JOURNAL=/' || true
fi
`;
/** `<app>.service`, or `<app>@<port>.service` for a blue-green slot. */
function checkUnitName(app, unit) {
    const a = checkApp(app);
    const m = /^([a-z][a-z0-9-]{0,31})(?:@([0-9]{1,5}))?\.service$/.exec(unit);
    if (!m || m[1] !== a || (m[2] !== undefined && !SlotPort.safeParse(Number(m[2])).success)) {
        throw new RemoteValueError("unit", unit, `${a}.service or ${a}@<port>.service`);
    }
    return unit;
}
/**
 * Checks a unit on the host before it is used: the text on stdin is written to a scratch
 * directory as `unit` (an instance name for a template), `systemd-analyze verify` must accept it
 * (exit UNIT_INVALID otherwise, stderr says why) and stdout is `systemd-analyze security
 * --offline=true`'s table (parseSecurityReport).
 */
const analyzeUnitStep = {
    name: "analyze-unit",
    script: ANALYZE_UNIT,
    stdin: true,
    changes: false,
    args: (p) => [checkUnitName(p.app, p.unit)],
};
/**
 * restart|start: reset-failed, enable, then systemctl restart|start; stop: disable, then stop.
 * ACTIVE= and RUNNING= (the release MainPID runs from). SERVICE_FAILED when systemctl fails;
 * FOREIGN, nothing done, when the unit is not one goship wrote (claim.ts).
 */
const serviceStep = {
    name: "service",
    script: SERVICE,
    stdin: false,
    changes: true,
    args: (p) => {
        if (!["restart", "start", "stop"].includes(p.action))
            throw new RemoteValueError("action", p.action, "restart, start or stop");
        return [checkApp(p.app), checkUnitName(p.app, p.unit), p.action];
    },
};
/** ACTIVE=, SUB=, RESULT=, RESTARTS=, RUNNING=, then JOURNAL= lines (the unit's last log lines). */
const unitStateStep = {
    name: "unit-state",
    script: UNIT_STATE,
    stdin: false,
    changes: false,
    args: (p) => [
        checkApp(p.app),
        checkUnitName(p.app, p.unit),
        String(checked(schemas/* number */.aig().int().min(0).max(200), "journalLines", p.journalLines)),
    ],
};
/** unit-state's stdout as data. */
function parseUnitState(stdout) {
    const fields = outputFields(stdout);
    const one = (k) => fields.find(([key]) => key === k)?.[1] ?? "";
    return {
        active: one("ACTIVE"),
        sub: one("SUB"),
        result: one("RESULT"),
        restarts: Number(one("RESTARTS")) || 0,
        running: one("RUNNING") || null,
        journal: fields.filter(([k]) => k === "JOURNAL").map(([, v]) => v),
    };
}

;// CONCATENATED MODULE: ./src/remote/steps/index.ts






/**
 * Every remote step deploy-systemd runs on a host, one family per file (script.ts holds what
 * they share). Import a step from here or from its family's file.
 */







/** The one list of every step: whatever runs on a host is in it (tests iterate over it). */
const REMOTE_STEPS = [
    lockStep,
    unlockStep,
    stageReleaseStep,
    writeEnvStep,
    writeUnitStep,
    switchStep,
    recordHistoryStep,
    cleanupStep,
    statusStep,
    analyzeUnitStep,
    serviceStep,
    unitStateStep,
    writeUpstreamStep,
];

;// CONCATENATED MODULE: ./src/deploy/host.ts









/** A host failed at `phase`; the message names the host and says why. */
class HostError extends errors/* UserError */.yo {
    host;
    phase;
    reason;
    name = "HostError";
    constructor(host, phase, reason) {
        super(`${host}: ${phase}: ${reason}`);
        this.host = host;
        this.phase = phase;
        this.reason = reason;
    }
}
/**
 * The run's deploy lock on a host is gone or another run's (its heartbeat found it): the run may
 * not change anything any more, on any host.
 */
class LockLostError extends HostError {
    name = "LockLostError";
    constructor(host, reason) {
        super(host, "lock", reason);
    }
}
class HostTarget {
    spec;
    session;
    settings;
    sudo;
    label;
    status;
    /** Where progress lines go; the fleet sets it (its lines carry the wave). */
    progress = () => { };
    /**
     * Called before every step that changes the host (and before an upload): throws to stop the
     * change. The fleet sets it to refuse every change once a lock of the run is lost.
     */
    beforeChange = () => { };
    constructor(spec, session, settings, sudo) {
        this.spec = spec;
        this.session = session;
        this.settings = settings;
        this.sudo = sudo;
        this.label = (0,hosts_spec/* formatHostSpec */.BB)(spec);
    }
    get app() {
        return this.settings.app;
    }
    /** Runs a step as root (sudo unless become: none); a failure becomes a HostError for `phase`. */
    async step(phase, step, params, opts = {}) {
        const args = step.args(params);
        if (step.changes)
            this.beforeChange();
        let r;
        try {
            r = await this.session.run(step, args, {
                sudo: this.sudo,
                stdin: step.stdin ? (opts.stdin ?? "") : undefined,
                allowFailure: true,
                timeoutMs: opts.timeoutMs,
            });
        }
        catch (e) {
            throw new HostError(this.label, phase, (0,errors/* errorMessage */.gJ)(e));
        }
        (0,kit_log/* debug */.Yz)(`${this.label}: step ${step.name} exited ${r.code} in ${Math.round(r.durationMs)} ms`);
        if (r.code !== 0 && /sudo: (a password is required|a terminal is required)/.test(r.stderr)) {
            throw new HostError(this.label, phase, `sudo asks ${this.spec.user} for a password: give ${this.spec.user} passwordless sudo on the host (README: host prerequisites), or log in as root with become: none`);
        }
        if (r.code !== 0 && !opts.allowFailure) {
            throw new HostError(this.label, phase, describeStepFailure(step.name, r.code, r.stderr));
        }
        return r;
    }
    async connect() {
        try {
            await this.session.open();
        }
        catch (e) {
            throw new HostError(this.label, "connect", (0,errors/* errorMessage */.gJ)(e));
        }
    }
    async probe(historyLines = 20) {
        const r = await this.step("probe", statusStep, { app: this.app, historyLines });
        this.status = parseStatus(r.stdout);
        return this.status;
    }
    /**
     * Takes the deploy lock, waiting while another run holds it (printing who, once), up to
     * `timeoutMs`. A lock older than `ttlSeconds` is taken over with a warning.
     */
    async lock(holder, runUrl, ttlSeconds, timeoutMs, warn) {
        const deadline = Date.now() + timeoutMs;
        let told = "";
        for (;;) {
            const r = await this.step("lock", lockStep, { app: this.app, holder, runUrl, ttlSeconds }, {
                allowFailure: true,
            });
            let outcome;
            try {
                outcome = parseLockOutcome(r);
            }
            catch (e) {
                throw new HostError(this.label, "lock", (0,errors/* errorMessage */.gJ)(e));
            }
            if (outcome.acquired) {
                if (outcome.warning)
                    warn(`${this.label}: ${outcome.warning}`);
                return;
            }
            const who = `${outcome.holder || "an unknown run"}${outcome.runUrl ? ` (${outcome.runUrl})` : ""}`;
            if (who !== told) {
                this.progress(this.label, `waiting for the deploy lock held by ${who} for ${outcome.ageSeconds} s`);
                told = who;
            }
            if (Date.now() >= deadline) {
                throw new HostError(this.label, "lock", `the deploy lock is held by ${who} for ${outcome.ageSeconds} s; gave up after lock-timeout (${Math.round(timeoutMs / 1000)} s). ` +
                    `It is taken over once older than lock-ttl (${ttlSeconds} s)`);
            }
            await (0,external_node_timers_promises_.setTimeout)(Math.min(2000, Math.max(100, deadline - Date.now())));
        }
    }
    /**
     * The heartbeat: refreshes the lock's time if it is still `holder`'s. Throws LockLostError when
     * it is gone or another run's (taken over as stale, or removed by hand): it is never taken again.
     */
    async refreshLock(holder, runUrl, ttlSeconds) {
        const r = await this.step("lock", lockStep, { app: this.app, holder, runUrl, ttlSeconds, refresh: true }, { allowFailure: true });
        let outcome;
        try {
            outcome = parseLockOutcome(r);
        }
        catch (e) {
            throw new HostError(this.label, "lock", (0,errors/* errorMessage */.gJ)(e));
        }
        if (outcome.acquired)
            return;
        if (outcome.lost !== undefined)
            throw new LockLostError(this.label, outcome.lost);
        throw new HostError(this.label, "lock", `could not refresh the deploy lock: ${outcome.holder || "another goship step"} holds it`);
    }
    /** Releases our lock; never throws (the caller is already finishing, maybe after a failure). */
    async unlock(holder) {
        try {
            await this.step("unlock", unlockStep, { app: this.app, holder });
            return undefined;
        }
        catch (e) {
            return (0,errors/* errorMessage */.gJ)(e);
        }
    }
    /**
     * Uploads the binary and the manifest (unless the version is installed already) and installs
     * the release, its sha256 checked again on the host with sha256sum and openssl.
     */
    async stage(version, binaryPath, sha256, manifestPath) {
        const { binary: upload, manifest } = incomingFiles(this.app, version);
        const installed = this.status?.releases.includes(version) ?? false;
        if (!installed) {
            this.beforeChange();
            this.progress(this.label, `uploading ${this.settings.binaryName} ${version}`);
            try {
                await this.session.upload(binaryPath, upload, { sudo: this.sudo, mode: "0600" });
                await this.session.upload(manifestPath, manifest, { sudo: this.sudo, mode: "0644" });
            }
            catch (e) {
                throw new HostError(this.label, "upload", (0,errors/* errorMessage */.gJ)(e));
            }
        }
        const r = await this.step("stage", stageReleaseStep, {
            app: this.app,
            version,
            binaryName: this.settings.binaryName,
            upload,
            sha256,
            manifest,
        });
        const tools = outputValue(r.stdout, "VERIFIED_WITH") ?? "sha256sum";
        return outputValue(r.stdout, "STAGED") === "1"
            ? `installed ${version}, sha256 verified on the host with ${tools}`
            : `${version} already installed, sha256 verified with ${tools}`;
    }
    /** The unit for `strategy` (the restart strategy listens on `port`). */
    unitSpec(strategy, port) {
        return {
            ...this.settings,
            strategy,
            ...(strategy === "restart" ? { port } : {}),
        };
    }
    /**
     * systemd-analyze verify and security on the host, for a copy of the unit whose ExecStart is
     * the staged release: fails before anything is switched.
     */
    async analyze(spec, version, threshold, port) {
        const unit = spec.strategy === "restart" ? `${this.app}.service` : serviceName(this.app, spec.strategy, port);
        const text = renderUnit({ ...spec, execDirectory: releaseDir(this.app, version) });
        const r = await this.step("analyze", analyzeUnitStep, { app: this.app, unit }, { stdin: text });
        const report = parseSecurityReport(r.stdout);
        try {
            checkSecurity(report, threshold);
        }
        catch (e) {
            throw new HostError(this.label, "analyze", (0,errors/* errorMessage */.gJ)(e));
        }
        return report;
    }
    /** Writes (or keeps, or restores) the environment file; true when it changed. */
    async writeEnvironment(params, content) {
        const r = await this.step("environment", writeEnvStep, { app: this.app, ...params }, { stdin: content ?? "" });
        return outputValue(r.stdout, "CHANGED") === "1";
    }
    /** Writes the unit file; systemd is reloaded when it changed or its view is stale. */
    async writeUnit(spec) {
        const r = await this.step("unit", writeUnitStep, { app: this.app, strategy: spec.strategy }, { stdin: renderUnit(spec) });
        return {
            changed: outputValue(r.stdout, "CHANGED") === "1",
            reloaded: outputValue(r.stdout, "RELOADED") !== "0",
        };
    }
    /**
     * Points current (or a slot) at `version`; returns what it pointed at before. The release's
     * binary is hashed again on the host first and refused unless it still has the sha256 recorded
     * at its install, except with `staged`: stage() verified it in this run, moments ago.
     */
    async switchTo(version, slot, staged = false) {
        const r = await this.step("switch", switchStep, {
            app: this.app,
            version,
            ...(slot === undefined ? {} : { slot }),
            verify: !staged,
        });
        return outputValue(r.stdout, "PREVIOUS") || null;
    }
    async service(unit, action) {
        const r = await this.step("restart", serviceStep, { app: this.app, unit, action }, { allowFailure: true });
        if (r.code === 0)
            return;
        const state = await this.unitState(unit, 15).catch(() => undefined);
        throw new HostError(this.label, action === "stop" ? "stop" : "restart", `${describeStepFailure("service", r.code, r.stderr)}${state ? `; ${describeUnit(unit, state)}` : ""}`);
    }
    async unitState(unit, journalLines = 0) {
        const r = await this.step("health", unitStateStep, { app: this.app, unit, journalLines });
        return parseUnitState(r.stdout);
    }
    /**
     * Until `timeoutMs`: the unit must be running `version` and GET <path> on its port must answer
     * 2xx. A unit that failed (or was stopped by its start limit) ends the wait at once.
     */
    async waitHealthy(unit, port, path, version, timeoutMs) {
        const started = Date.now();
        const deadline = started + timeoutMs;
        let last = "no answer yet";
        for (let attempt = 0;; attempt++) {
            const probe = await this.session.httpGet(port, path, Math.max(500, Math.min(5000, deadline - Date.now())));
            if ("status" in probe) {
                // The body is the app's text (or whatever answers on the port): untrusted.
                last = `GET ${path} on port ${port}: ${probe.status}${probe.status >= 200 && probe.status < 300 ? "" : ` ${(0,kit_log/* untrusted */.bp)(probe.body.trim().slice(0, 120))}`}`;
                if (probe.status >= 200 && probe.status < 300) {
                    const state = await this.unitState(unit);
                    if (state.running === version) {
                        return { ok: true, detail: `${probe.status} in ${probe.ms} ms`, ms: Date.now() - started };
                    }
                    last = `port ${port} answers, but ${unit} runs ${state.running ?? "nothing"}, not ${version}`;
                }
            }
            else {
                last = `GET ${path} on port ${port}: ${probe.error}`;
            }
            // Every few tries (and at the end) look at the unit: a crashed one will not get better.
            if (attempt % 4 === 3 || Date.now() >= deadline) {
                const state = await this.unitState(unit, 10);
                if (state.active === "failed" || (state.active === "inactive" && attempt > 0)) {
                    return {
                        ok: false,
                        detail: `${describeUnit(unit, state)}; last check: ${last}`,
                        ms: Date.now() - started,
                    };
                }
                if (Date.now() >= deadline) {
                    const log = state.journal.length ? `; its log: ${state.journal.slice(-3).join(" | ")}` : "";
                    return {
                        ok: false,
                        detail: `not healthy within ${Math.round(timeoutMs / 1000)} s: ${last}${log}`,
                        ms: Date.now() - started,
                    };
                }
            }
            // A Go service is usually up within a few hundred ms: look again soon, then less often.
            await (0,external_node_timers_promises_.setTimeout)(Math.min(100 * (attempt + 1), 500, Math.max(0, deadline - Date.now())));
        }
    }
    /** Writes the app's nginx upstream (nginx -t, then reload); true when nginx was reloaded. */
    async setTraffic(state) {
        const r = await this.step("traffic", writeUpstreamStep, { app: this.app }, { stdin: renderUpstream(state), allowFailure: true });
        let written;
        try {
            written = parseUpstreamWrite(r);
        }
        catch (e) {
            throw new HostError(this.label, "traffic", e instanceof Error ? e.message : String(e));
        }
        if (written.recovered)
            (0,kit_log/* debug */.Yz)(`${this.label}: nginx: a killed run's upstream write was undone first`);
        return written.changed;
    }
    async record(entry) {
        await this.step("history", recordHistoryStep, { app: this.app, entry });
    }
    async cleanup(keep, protect) {
        const r = await this.step("cleanup", cleanupStep, { app: this.app, keep, protect });
        return r.stdout
            .split("\n")
            .filter((l) => l.startsWith("REMOVED="))
            .map((l) => l.slice("REMOVED=".length));
    }
}
/** "gin-app.service failed (exit-code, 3 restarts); its log: …" */
function describeUnit(unit, s) {
    const result = s.result && s.result !== "success" ? `, ${s.result}` : "";
    const restarts = s.restarts ? `, ${s.restarts} restart${s.restarts === 1 ? "" : "s"}` : "";
    const log = s.journal.length ? `; its log: ${s.journal.slice(-3).join(" | ")}` : "";
    return `${unit} is ${s.active || "unknown"}${s.sub ? ` (${s.sub}${result}${restarts})` : ""}${log}`;
}

;// CONCATENATED MODULE: ./src/deploy/strategy.ts

/** What both strategies do the same way: pick and stage the binary, wait for health, find the previous version. */
/** A progress line about a host (the fleet prints it with the host's wave). */
function say(t, line) {
    t.progress(t.label, line);
}
/** The release's binary for a host's machine, extracted and checked on the runner. */
async function binaryFor(host, release) {
    const { machine } = host.status;
    const bin = await release.binaryFor(machine);
    say(host.target, `${machine}: will get ${release.version} (sha256 ${bin.sha256.slice(0, 12)}…)`);
    return bin;
}
/**
 * Installs the release on the host (verified there) and checks the unit that will run it
 * (systemd-analyze verify and security): nothing that serves has changed yet.
 */
async function stageAndCheck(settings, t, release, bin, spec, port) {
    say(t, await t.stage(release.version, bin.path, bin.sha256, release.manifestPath));
    const report = await t.analyze(spec, release.version, settings.securityThreshold, port);
    say(t, `systemd-analyze: verify passed, exposure ${report.exposure.toFixed(1)} ${report.rating}`);
}
/** Waits until `unit` runs `version` and answers on `port`; throws a HostError when it does not in time. */
async function checkHealth(settings, t, unit, port, version) {
    const h = await t.waitHealthy(unit, port, settings.healthPath, version, settings.healthTimeoutMs);
    if (!h.ok)
        throw new HostError(t.label, "health", h.detail);
    say(t, `healthy: ${h.detail} (${settings.healthPath} on port ${port})`);
    return h.detail;
}
/** A rollback goes only to a release installed on the host. */
function checkRollback(host, target) {
    const { releases } = host.status;
    if (!releases.includes(target)) {
        throw new HostError(host.target.label, "probe", `release ${target} is not installed there (installed: ${releases.join(", ") || "none"})`);
    }
    say(host.target, `will roll back to ${target}`);
}
const noPreviousVersion = (label) => new HostError(label, "probe", "its history names no previous version: give rollback-to");
/**
 * The version a host ran before `current`, from its history: the `from` of the newest
 * successful deploy that installed it. Entries whose `from` is `current` itself (a
 * run that changed nothing: an unchanged deploy, a second promote) are skipped.
 */
function previousFromHistory(status, current) {
    if (!current)
        return null;
    // Deploys only: a rollback's own entry names the version it undid, which is not "previous".
    const entry = status.history.findLast((e) => e.action === "deploy" &&
        e.version === current &&
        (e.result === "success" || e.result === "deployed") &&
        typeof e.from === "string" &&
        e.from !== current);
    return typeof entry?.from === "string" ? entry.from : null;
}
/** One line of what a host runs, for the log: its machine, what the strategy sees, nginx's state, its releases. */
function describeState(s, serving) {
    const parts = [s.machine || "?", serving];
    if (s.upstream)
        parts.push(s.upstream.replace(/^#\s*/, ""));
    if (s.releases.length)
        parts.push(`${s.releases.length} release(s)`);
    return parts.join("; ");
}

;// CONCATENATED MODULE: ./src/deploy/blue-green.ts





/**
 * The blue-green strategy: two slots, `<app>@<port>`, behind nginx. A deploy starts the release
 * on the idle slot and sends it a share of the traffic; shift changes the share, promote gives it
 * all and stops the old slot, rollback sends everything back to the other slot.
 */
class BlueGreen {
    settings;
    name = "blue-green";
    constructor(settings) {
        this.settings = settings;
    }
    describe({ status: s }) {
        return describeState(s, s.slots.length
            ? s.slots.map((x) => `slot ${x.port} ${x.version ?? "-"} ${x.state}`).join(", ")
            : "no slots");
    }
    status({ status: s }) {
        const state = upstreamOf(s);
        return {
            version: state ? slotVersion(s, state.newPort) : null,
            slot: state?.newPort ?? null,
            weight: state?.weight ?? null,
            health: s.slots.map((x) => `${x.port}:${x.state}`).join(" "),
        };
    }
    async deploy(host, release, weight) {
        const bin = await binaryFor(host, release);
        const plan = planSlots(host, this.settings.ports, release.version);
        return (work) => this.#deploy(work, release, bin, plan, weight);
    }
    shift(host, weight) {
        const state = requireUpstream(host);
        return (work) => this.#shift(work, state, weight);
    }
    promote(host) {
        const state = requireUpstream(host);
        return (work) => this.#promote(work, state);
    }
    rollback(host, to) {
        const target = to || rollbackTarget(host, this.settings.ports);
        checkRollback(host, target);
        return (work) => this.#rollback(work, target);
    }
    /** The header route of an upstream goship writes: the one asked for, else the one the host has. */
    #canary(from) {
        const asked = this.settings.canaryHeader;
        const c = asked === undefined ? from?.canary : asked;
        return c ? { canary: c } : {};
    }
    async #deploy(work, release, bin, plan, trafficWeight) {
        const o = this.settings;
        const { target: t, status: s } = work.host;
        const r = work.record;
        const version = release.version;
        const before = upstreamOf(s);
        const unit = serviceName(t.app, "blue-green", plan.idle);
        const liveVersion = slotVersion(s, plan.live);
        r.previousVersion = liveVersion;
        const spec = t.unitSpec("blue-green");
        await stageAndCheck(o, t, release, bin, spec, plan.idle);
        let trafficChanged = false;
        work.revert = async () => {
            if (trafficChanged && before)
                await t.setTraffic(before);
            // The idle slot never served this run's traffic unless trafficChanged; stop it either way.
            // Not when resuming: that slot is the new one of the rollout under way, and nginx sends it
            // its share of the requests again.
            // A first deploy's slot is stopped too: nothing served before this run.
            if (!plan.resume)
                await t.service(unit, "stop");
            return null;
        };
        // The slot's environment: the one given; else, taking over from a live slot, that slot's
        // (its version's copy), never what the idle slot's file last held (a refused deploy's, say);
        // else its own. A given environment becomes this version's kept copy (what a rollback to it
        // restores) only once the slot is healthy, below.
        let envChanged;
        if (o.environment !== undefined) {
            envChanged = await t.writeEnvironment({ slot: plan.idle, source: "stdin" }, o.environment);
        }
        else if (liveVersion && !plan.resume) {
            envChanged = await t.writeEnvironment({ slot: plan.idle, version: liveVersion, source: "snapshot" });
        }
        else {
            envChanged = await t.writeEnvironment({ slot: plan.idle, version, source: "keep" });
        }
        const { changed: unitChanged } = await t.writeUnit(spec);
        await t.switchTo(version, plan.idle, true);
        const running = s.running[unit] ?? null;
        if (running !== version || envChanged || unitChanged || s.stale.includes(unit)) {
            say(t, `starting ${version} on idle port ${plan.idle}`);
            await t.service(unit, "restart");
        }
        r.health = await checkHealth(o, t, unit, plan.idle, version);
        await t.writeEnvironment({ slot: plan.idle, version, source: "keep" });
        const weight = plan.live === null ? 100 : trafficWeight;
        trafficChanged = true;
        const canary = this.#canary(before);
        const changed = await t.setTraffic({
            app: t.app,
            newPort: plan.idle,
            oldPort: plan.live,
            weight,
            ...canary,
        });
        say(t, `nginx: ${weight}% to port ${plan.idle} (${version})${plan.live === null ? "" : `, ${100 - weight}% to port ${plan.live} (${liveVersion})`}${headerRoute(canary, plan.live, plan.idle)}${changed ? "" : " (unchanged)"}`);
        r.version = version;
        r.slot = plan.idle;
        r.weight = weight;
        r.status = "deployed";
        r.canary = {
            new: { address: `${t.spec.host}:${plan.idle}`, version },
            old: plan.live === null || !liveVersion
                ? null
                : { address: `${t.spec.host}:${plan.live}`, version: liveVersion },
        };
    }
    async #shift(work, state, weight) {
        const { target: t, status: s } = work.host;
        const r = work.record;
        if (state.oldPort === null && weight < 100) {
            throw new HostError(t.label, "traffic", `port ${state.newPort} is the only slot in nginx (already promoted): nothing to shift`);
        }
        const version = slotVersion(s, state.newPort);
        if (version === null) {
            throw new HostError(t.label, "traffic", `nginx sends ${t.app}'s traffic to port ${state.newPort}, but no release is linked to that slot: deploy again`);
        }
        const oldVersion = slotVersion(s, state.oldPort);
        // Traffic goes only to slots that answer: the new one unless it gets none, the old one unless
        // it gets none (shifting back to 0% puts every request on it).
        if (weight > 0) {
            r.health = await checkHealth(this.settings, t, serviceName(t.app, "blue-green", state.newPort), state.newPort, version);
        }
        if (state.oldPort !== null && weight < 100) {
            r.health = await checkHealth(this.settings, t, serviceName(t.app, "blue-green", state.oldPort), state.oldPort, oldVersion ?? "");
        }
        work.revert = async () => {
            await t.setTraffic(state);
            return null;
        };
        const canary = this.#canary(state);
        await t.setTraffic({ app: state.app, newPort: state.newPort, oldPort: state.oldPort, weight, ...canary });
        say(t, `nginx: ${weight}% to port ${state.newPort} (${version})${headerRoute(canary, state.oldPort, state.newPort)}`);
        r.slot = state.newPort;
        r.weight = weight;
        r.version = version;
        r.previousVersion = oldVersion;
        r.status = "shifted";
        r.canary = {
            new: { address: `${t.spec.host}:${state.newPort}`, version },
            old: state.oldPort === null
                ? null
                : { address: `${t.spec.host}:${state.oldPort}`, version: oldVersion ?? "" },
        };
    }
    async #promote(work, state) {
        const { target: t, status: s } = work.host;
        const r = work.record;
        if (state.oldPort === null) {
            r.status = "unchanged";
            r.version = slotVersion(s, state.newPort);
            r.slot = state.newPort;
            r.weight = 100;
            say(t, `already promoted: port ${state.newPort} is the only slot`);
            return;
        }
        await this.#shift(work, state, 100);
        // The shift named both slots for canary-gate; once promoted there is no old slot to judge
        // against (canary-targets is [] after a promote, as after a rollback).
        delete r.canary;
        const oldPort = state.oldPort;
        work.revert = undefined; // once the old slot is stopped, going back is a rollback
        const { drainMs } = this.settings;
        if (drainMs > 0)
            await (0,external_node_timers_promises_.setTimeout)(drainMs);
        // The header route goes with the old slot; the header stays in the state for the next rollout.
        await t.setTraffic({
            app: t.app,
            newPort: state.newPort,
            oldPort: null,
            weight: 100,
            ...this.#canary(state),
        });
        await t.service(serviceName(t.app, "blue-green", oldPort), "stop");
        say(t, `stopped the old slot on port ${oldPort} after draining ${Math.round(drainMs / 1000)} s`);
        r.status = "promoted";
    }
    async #rollback(work, target) {
        const { target: t, status: s } = work.host;
        const r = work.record;
        const state = requireUpstream(work.host);
        const back = state.oldPort ?? otherPort(this.settings.ports, state.newPort);
        const unit = serviceName(t.app, "blue-green", back);
        work.revert = async () => {
            await t.setTraffic(state);
            return null;
        };
        if (slotVersion(s, back) !== target) {
            await t.switchTo(target, back);
            await t.writeEnvironment({ slot: back, version: target, source: "snapshot" });
            await t.service(unit, "restart");
        }
        else if (s.running[unit] !== target) {
            await t.service(unit, "restart");
        }
        r.health = await checkHealth(this.settings, t, unit, back, target);
        // Header-routed requests too go back at once: newPort is now the slot rolled back to.
        const canary = this.#canary(state);
        await t.setTraffic({ app: t.app, newPort: back, oldPort: state.newPort, weight: 100, ...canary });
        work.revert = undefined;
        if (this.settings.drainMs > 0)
            await (0,external_node_timers_promises_.setTimeout)(this.settings.drainMs);
        await t.setTraffic({ app: t.app, newPort: back, oldPort: null, weight: 100, ...canary });
        await t.service(serviceName(t.app, "blue-green", state.newPort), "stop");
        say(t, `100% back to port ${back} (${target}); stopped port ${state.newPort}`);
        r.version = target;
        r.slot = back;
        r.weight = 100;
        r.status = "rolled-back";
    }
}
/** " ; requests with X-Canary: 1 to port 8082" while a header route exists, else "". */
function headerRoute(c, oldPort, newPort) {
    return c.canary && oldPort !== null
        ? `; requests with ${c.canary.name}: ${c.canary.value} to port ${newPort}`
        : "";
}
/** The blue-green state nginx holds on a host (our upstream file's first line), or null. */
function upstreamOf(s) {
    return s.upstream ? parseUpstream(s.upstream) : null;
}
function requireUpstream(host) {
    const state = upstreamOf(host.status);
    if (!state) {
        throw new HostError(host.target.label, "probe", `no blue-green deploy of ${host.target.app} here (no goship upstream for nginx): deploy first`);
    }
    return state;
}
/** The release a slot's link names, or null (no such slot, or no port). */
function slotVersion(s, port) {
    if (port === null)
        return null;
    return s.slots.find((x) => x.port === port)?.version ?? null;
}
/** Which slot a blue-green deploy of `version` uses on a host, or a HostError saying why it cannot. */
function planSlots(host, ports, version) {
    const { target: t, status: s } = host;
    const state = upstreamOf(s);
    if (state && state.oldPort !== null && state.weight < 100) {
        // A run killed after it shifted part of the traffic: the same deploy again resumes it.
        if (slotVersion(s, state.newPort) === version) {
            return { idle: state.newPort, live: state.oldPort, resume: true };
        }
        throw new HostError(t.label, "probe", `a blue-green rollout is under way: port ${state.newPort} (${slotVersion(s, state.newPort) ?? "?"}) gets ${state.weight}% and port ${state.oldPort} the rest; finish it with mode: promote or mode: rollback first`);
    }
    const live = state?.newPort ?? null;
    if (live !== null && !ports.includes(live)) {
        throw new HostError(t.label, "probe", `nginx sends ${t.app}'s traffic to port ${live}, which is not one of ports (${ports.join(",")})`);
    }
    const idle = live === ports[0] ? ports[1] : ports[0];
    return { idle, live, resume: false };
}
/**
 * Where a rollback without rollback-to goes: the old slot's version while a rollout is under
 * way; after a promote, the version the live one replaced (from the history), else the idle slot's.
 */
function rollbackTarget(host, ports) {
    const s = host.status;
    const state = requireUpstream(host);
    const old = slotVersion(s, state.oldPort ?? otherPort(ports, state.newPort));
    const fromHistory = previousFromHistory(s, slotVersion(s, state.newPort));
    const v = state.oldPort !== null ? old : (fromHistory ?? old);
    if (!v)
        throw noPreviousVersion(host.target.label);
    return v;
}
const otherPort = (ports, port) => port === ports[0] ? ports[1] : ports[0];

;// CONCATENATED MODULE: ./src/deploy/restart.ts


/**
 * The restart strategy: one unit, `<app>.service` on one port, restarted on the new release.
 * There is no traffic to move: shift and promote are blue-green's.
 */
class Restart {
    settings;
    name = "restart";
    constructor(settings) {
        this.settings = settings;
    }
    describe({ status: s }) {
        return describeState(s, `current ${s.current ?? "none"}, unit ${s.unitState}`);
    }
    status({ target, status }) {
        return {
            version: status.running[`${target.app}.service`] ?? status.current,
            slot: null,
            weight: null,
            health: status.unitState,
        };
    }
    async deploy(host, release) {
        const bin = await binaryFor(host, release);
        return (work) => this.#deploy(work, release, bin);
    }
    shift(host) {
        throw trafficIsBlueGreen(host, "shift");
    }
    promote(host) {
        throw trafficIsBlueGreen(host, "promote");
    }
    rollback(host, to) {
        const target = to || restart_rollbackTarget(host);
        checkRollback(host, target);
        return (work) => this.#rollback(work, target);
    }
    async #deploy(work, release, bin) {
        const o = this.settings;
        const { target: t, status: s } = work.host;
        const r = work.record;
        const version = release.version;
        const unit = `${t.app}.service`;
        const spec = t.unitSpec("restart", o.port);
        await stageAndCheck(o, t, release, bin, spec);
        // What served before this run is what a rollback restores. A host that already served this
        // version (a re-run after a kill, say) has nothing to go back to from this run.
        const previous = r.previousVersion;
        const alreadyServing = previous === version;
        // From here on the host changes: if anything fails, put the previous release back.
        work.revert = alreadyServing
            ? undefined
            : async () => {
                if (previous) {
                    await t.switchTo(previous);
                    await t.writeEnvironment({ version: previous, source: "snapshot" });
                    await t.service(unit, "restart");
                    // Checked once every host is back, not here: one host that cannot get healthy with
                    // any version must not hold up putting the others back.
                    return { unit, port: o.port, version: previous };
                }
                await t.service(unit, "stop");
                return null;
            };
        // A given environment becomes this version's kept copy only once it proved healthy (below),
        // so a refused one is never what a later rollback to this version restores.
        const envChanged = o.environment === undefined
            ? await t.writeEnvironment({ version, source: "keep" })
            : await t.writeEnvironment({ source: "stdin" }, o.environment);
        const { changed: unitChanged, reloaded } = await t.writeUnit(spec);
        say(t, `environment ${envChanged ? "written" : "unchanged"}, ${unit} ${unitChanged ? "written" : "unchanged"}, systemd ${reloaded ? "reloaded" : "up to date"}`);
        await t.switchTo(version, undefined, true);
        const running = s.running[unit] ?? null;
        // stale: the unit or environment on disk is newer than the process (a killed run wrote them).
        const stale = s.stale.includes(unit);
        if (running !== version || envChanged || unitChanged || stale || s.unitState !== "active") {
            say(t, `switched to ${version}, restarting ${unit}`);
            await t.service(unit, "restart");
            r.status = "deployed";
        }
        else {
            say(t, `${version} already runs with this unit and environment`);
            r.status = "unchanged";
        }
        r.health = await checkHealth(o, t, unit, o.port, version);
        if (o.environment !== undefined)
            await t.writeEnvironment({ version, source: "keep" });
        r.version = version;
    }
    async #rollback(work, target) {
        const t = work.host.target;
        const r = work.record;
        const unit = `${t.app}.service`;
        const before = r.previousVersion;
        // The switch checks the target's binary against the sha256 recorded at its install: refused,
        // nothing changed, and there is nothing to put back.
        await t.switchTo(target);
        work.revert = async () => {
            if (before && before !== target) {
                await t.switchTo(before);
                await t.writeEnvironment({ version: before, source: "snapshot" });
                await t.service(unit, "restart");
            }
            return null;
        };
        await t.writeEnvironment({ version: target, source: "snapshot" });
        await t.service(unit, "restart");
        r.health = await checkHealth(this.settings, t, unit, this.settings.port, target);
        r.version = target;
        r.status = "rolled-back";
    }
}
/** Where a rollback without rollback-to goes: the version the host ran before its current one. */
function restart_rollbackTarget(host) {
    const s = host.status;
    const v = previousFromHistory(s, s.current);
    if (!v)
        throw noPreviousVersion(host.target.label);
    return v;
}
function trafficIsBlueGreen(host, mode) {
    return new HostError(host.target.label, "traffic", `${mode} moves blue-green traffic; the restart strategy sends every request to its one unit`);
}

;// CONCATENATED MODULE: ./src/deploy/types.ts

class DeployFailedError extends errors/* UserError */.yo {
    result;
    name = "DeployFailedError";
    constructor(message, result) {
        super(message);
        this.result = result;
    }
}

;// CONCATENATED MODULE: ./src/deploy/fleet.ts








/**
 * A deploy-systemd run over a fleet: hosts in waves, at most `maxParallel` at once, and what
 * happens when one fails. Each host's own steps are in host.ts, how a release reaches its users
 * in restart.ts and blue-green.ts; this file decides order, failure policy and rollback, holds
 * the locks, and keeps the record the outputs and the summary are made from.
 *
 * The order is what makes "refused before any host changes" true: every host is connected (its
 * key checked), locked and probed, the release verified and every host's binary picked, and a
 * rollback target checked on every host, before the first step that changes anything.
 */
function strategyFor(name, settings) {
    return name === "restart" ? new Restart(settings) : new BlueGreen(settings);
}
/** What a status run "changes". */
const nothing = async () => { };
class Fleet {
    #opts;
    #waves;
    #strategy;
    #locks;
    constructor(waves, opts) {
        this.#opts = opts;
        this.#waves = waves;
        this.#strategy = strategyFor(opts.strategy, opts);
        this.#locks = new Locks(opts);
        waves.forEach((wave, w) => {
            for (const t of wave) {
                // Per-host lines carry the wave, like the fleet's own.
                t.progress = (_host, line) => opts.log.info(`[wave ${w + 1}] ${t.label}: ${line}`);
                t.beforeChange = () => this.#locks.assertHeld();
            }
        });
    }
    /** Everything before the first change: connect, lock, probe, check the change on every host. */
    async prepare() {
        const o = this.#opts;
        const all = this.#waves.flatMap((wave, w) => wave.map((target) => ({ target, wave: w })));
        await o.log.group(`Connect to ${all.length} host(s) (host keys checked against known-hosts)`, async () => {
            // The key is checked once for the fleet (one error naming the input), then each host connects.
            for (const client of new Set(all.map(({ target }) => target.session.client)))
                await client.ready();
            fulfilled(await poolSettled(all, 16, ({ target }) => target.connect()));
        });
        if (o.mode !== "status" && !o.dryRun) {
            await o.log.group("Take the deploy lock on every host", () => this.#locks.take(all.map(({ target }) => target)));
        }
        const probed = await o.log.group("Read each host's state", async () => fulfilled(await poolSettled(all, 16, async ({ target, wave }) => {
            const host = { target, status: await target.probe() };
            say(target, this.#strategy.describe(host));
            return { host, wave };
        })));
        const planned = await o.log.group("Check the plan on every host before changing any", () => this.#plan(probed));
        return new PreparedFleet(o, this.#strategy, this.#waves.map((_, w) => planned.filter((p) => p.wave === w)), this.#locks);
    }
    /** Every host's change, checked against its state; refuses the run when any host cannot take it. */
    async #plan(probed) {
        const problems = [];
        const planned = [];
        for (const { host, wave } of probed) {
            try {
                // A run that takes locks is refused by the lock step already; a dry run is refused here.
                if (host.status.foreign && this.#opts.mode !== "status") {
                    throw new HostError(host.target.label, "probe", `app ${host.target.app}: ${host.status.foreign}; goship changes only what it made: choose another app name`);
                }
                const change = await this.#changeFor(host);
                planned.push({ wave, change, work: { host, record: newRecord(host.target, wave) } });
            }
            catch (e) {
                problems.push((0,errors/* errorMessage */.gJ)(e));
            }
        }
        if (problems.length) {
            throw new errors/* UserError */.yo(`refused before any host changed (${problems.length} of ${probed.length} host(s)):\n  ${problems.join("\n  ")}`);
        }
        return planned;
    }
    #changeFor(host) {
        const o = this.#opts;
        const s = this.#strategy;
        switch (o.mode) {
            case "deploy":
                return s.deploy(host, o.release, o.trafficWeight);
            case "rollback":
                return s.rollback(host, o.rollbackTo);
            case "shift":
                return s.shift(host, o.trafficWeight);
            case "promote":
                return s.promote(host);
            case "status":
                return nothing;
        }
    }
    /** Releases every lock this run took; safe to call twice, and after a failed prepare(). */
    async unlock() {
        await this.#locks.release();
    }
}
function newRecord(t, wave) {
    return {
        host: t.label,
        address: t.spec.host,
        wave: wave + 1,
        previousVersion: null,
        version: null,
        slot: null,
        weight: null,
        status: "skipped",
        health: "",
        ms: 0,
    };
}
/** The fleet once every host is connected, locked, probed and its change checked: ready to run. */
class PreparedFleet {
    #opts;
    #strategy;
    #waves;
    #locks;
    /** Hosts put back on an earlier version whose health is checked after the whole fleet is back. */
    #reverted = [];
    /** Hosts this run put back after they failed themselves. */
    #putBack = new Set();
    /** When the first host failed (its health check, or whatever step). */
    #failedAt;
    constructor(opts, strategy, waves, locks) {
        this.#opts = opts;
        this.#strategy = strategy;
        this.#waves = waves;
        this.#locks = locks;
    }
    records() {
        return this.#waves.flat().map((p) => p.work.record);
    }
    /** Runs the mode over the waves. Throws DeployFailedError (with the record) when a host failed. */
    async run() {
        const o = this.#opts;
        if (o.mode === "status" || o.dryRun)
            return this.#report();
        const done = [];
        let waveDone = [];
        this.#locks.refreshWhileRunning();
        let failure;
        const total = this.#waves.reduce((n, wave) => n + wave.length, 0);
        let before = 0;
        for (const [w, wave] of this.#waves.entries()) {
            if (w > 0 && o.waveWaitMs > 0) {
                o.log.info(`waiting ${Math.round(o.waveWaitMs / 1000)} s (wave-wait) before wave ${w + 1}`);
                await this.#locks.wait(o.waveWaitMs);
            }
            if (this.#locks.lost)
                break;
            const results = await o.log.group(`Wave ${w + 1} of ${this.#waves.length}: ${wave.map((p) => p.work.host.target.label).join(", ")}`, () => poolSettled(wave, o.maxParallel, async (p, i) => {
                const done = o.log.start(`[wave ${w + 1}] ${p.work.host.target.label}`, {
                    index: before + i,
                    total,
                });
                try {
                    return await this.#runHost(p);
                }
                finally {
                    done();
                }
            }));
            before += wave.length;
            waveDone = [];
            for (const r of results) {
                if (r.status === "rejected")
                    failure ??= (0,errors/* errorMessage */.gJ)(r.reason);
                else
                    waveDone.push(r.value);
            }
            done.push(...waveDone);
            if (failure)
                break;
        }
        // Checked last too: a lock lost while the last wave ran may have let another run change hosts.
        const lost = this.#locks.lost;
        if (lost)
            return this.#stop(lost, done);
        if (failure)
            return this.#fail(failure, done, waveDone);
        await this.#finish(true);
        return { hosts: this.records(), failed: false, rolledBack: false };
    }
    /** A host failed: roll back as on-failure says, confirm what was put back, unlock, throw. */
    async #fail(failure, done, waveDone) {
        const o = this.#opts;
        const undo = o.onFailure === "rollback-fleet" ? done : o.onFailure === "rollback-wave" ? waveDone : [];
        if (undo.length) {
            await o.log.group(`Roll back ${undo.length} host(s) (on-failure: ${o.onFailure})`, () => poolSettled(undo, o.maxParallel, (work) => this.#rollBack(work, `rolled back: ${failure}`)));
        }
        const rollbackMs = this.#failedAt === undefined ? undefined : Date.now() - this.#failedAt;
        await this.#confirmReverted();
        const result = {
            hosts: this.records(),
            failed: true,
            rolledBack: this.#putBack.size > 0 || this.records().some((r) => r.status === "rolled-back"),
            failure,
            rollbackMs,
        };
        await this.#finish(false);
        const failedHosts = this.records().filter((r) => r.status === "failed");
        // Each detail starts with its host.
        throw new DeployFailedError(`${o.mode} failed on ${failedHosts.length} of ${this.records().length} host(s): ${failedHosts.map((r) => r.detail).join("; ")}` +
            (result.rolledBack
                ? `; rolled back ${this.records().filter((r) => r.status === "rolled-back").length} host(s) (on-failure: ${o.onFailure})`
                : ""), result);
    }
    /**
     * A heartbeat found a lock of this run gone or another run's: that run may be changing the
     * hosts now, so this one changes nothing more, not even to roll back (the other run's work
     * would be undone). It releases the locks it still holds and fails, naming the hosts it left
     * changed.
     */
    async #stop(lost, done) {
        const o = this.#opts;
        const changed = done.filter((w) => w.revert).map((w) => w.record.host);
        const result = {
            hosts: this.records(),
            failed: true,
            rolledBack: this.#putBack.size > 0,
            failure: lost.message,
        };
        await this.#finish(false);
        throw new DeployFailedError(`${o.mode} stopped before its next change: ${lost.message}. Another run may be changing these hosts: nothing was rolled back` +
            (changed.length ? `; ${changed.join(", ")} keep what this run gave them` : ""), result);
    }
    /** A status run or a dry run: what every host serves (and, dry, what it would get). */
    #report() {
        const o = this.#opts;
        for (const { work } of this.#waves.flat()) {
            const r = work.record;
            const now = this.#strategy.status(work.host);
            r.status = o.dryRun ? "planned" : "status";
            r.previousVersion = now.version;
            r.version = o.dryRun && o.mode === "deploy" ? o.release.version : now.version;
            r.state = work.host.status;
            r.slot = now.slot;
            r.weight = now.weight;
            r.health = now.health;
        }
        return { hosts: this.records(), failed: false, rolledBack: false };
    }
    async #runHost({ work, change }) {
        const o = this.#opts;
        const t = work.host.target;
        const record = work.record;
        const started = Date.now();
        record.previousVersion = this.#strategy.status(work.host).version;
        try {
            await change(work);
            record.ms = Date.now() - started;
            await this.#history(work, "success");
            say(t, `${record.status} (${record.version ?? "-"}) in ${(record.ms / 1000).toFixed(1)} s`);
            return work;
        }
        catch (e) {
            this.#failedAt ??= Date.now();
            record.ms = Date.now() - started;
            record.status = "failed";
            record.detail = (0,errors/* errorMessage */.gJ)(e);
            say(t, `FAILED: ${record.detail}`);
            // Once a lock is lost nothing changes any more, not even to put a host back (see #stop).
            if (this.#locks.lost)
                throw e;
            // This host goes back at once, whatever on-failure says about the others.
            if (work.revert) {
                try {
                    await this.#revert(work);
                    this.#putBack.add(t);
                    record.version = record.previousVersion;
                    record.detail = `${record.detail}; this host was put back on ${record.previousVersion ?? "nothing (first deploy: stopped)"}`;
                    say(t, `put back on ${record.previousVersion ?? "nothing"}`);
                }
                catch (e2) {
                    record.detail = `${record.detail}; putting it back failed too: ${(0,errors/* errorMessage */.gJ)(e2)}`;
                    o.log.warning(`${t.label}: putting it back failed: ${(0,errors/* errorMessage */.gJ)(e2)}`);
                }
            }
            await this.#history(work, "failure").catch(() => { });
            throw e;
        }
    }
    /** Undoes what the run did to a host that succeeded, because another one failed. */
    async #rollBack(work, why) {
        const o = this.#opts;
        const t = work.host.target;
        const r = work.record;
        if (!work.revert) {
            say(t, `nothing to roll back: it served ${r.version ?? "-"} before this run too`);
            return;
        }
        try {
            const undone = r.version;
            await this.#revert(work);
            r.status = "rolled-back";
            r.detail = why;
            r.version = r.previousVersion;
            say(t, `rolled back to ${r.previousVersion ?? "nothing (first deploy: stopped)"}`);
            // The history says what runs now, so a later rollback does not take the undone version for current.
            if (r.previousVersion) {
                await t
                    .record({
                    actor: o.actor,
                    action: "rollback",
                    version: r.previousVersion,
                    from: undone,
                    result: "success",
                    runUrl: o.runUrl,
                    ...(r.slot === null ? {} : { slot: r.slot }),
                    detail: why.slice(0, 2000),
                })
                    .catch((e) => o.log.warning(`${t.label}: history: ${(0,errors/* errorMessage */.gJ)(e)}`));
            }
        }
        catch (e) {
            r.status = "failed";
            r.detail = `rollback failed: ${(0,errors/* errorMessage */.gJ)(e)}`;
            o.log.warning(`${t.label}: rollback failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
    /** Runs a host's revert; a unit it put back on an earlier version is checked once every host is back. */
    async #revert(work) {
        const check = await work.revert?.();
        if (check)
            this.#reverted.push({ work, check });
    }
    /** Health of every host this run put back; a warning (and the record) for each that is not healthy. */
    async #confirmReverted() {
        const o = this.#opts;
        await poolSettled(this.#reverted, 16, async ({ work, check: { unit, port, version } }) => {
            const t = work.host.target;
            const h = await t
                .waitHealthy(unit, port, o.healthPath, version, o.healthTimeoutMs)
                .catch((e) => ({ ok: false, detail: (0,errors/* errorMessage */.gJ)(e) }));
            work.record.health = h.ok ? `${h.detail} (${version})` : `not healthy on ${version}`;
            if (!h.ok)
                o.log.warning(`${t.label}: put back on ${version}, which is not healthy either: ${h.detail}`);
            else
                say(t, `healthy again on ${version}: ${h.detail}`);
        });
    }
    /** Cleanup on success, then unlock everywhere (also after a failure). */
    async #finish(success) {
        const o = this.#opts;
        if (success && o.mode === "deploy") {
            await poolSettled(this.#waves.flat(), o.maxParallel, async ({ work }) => {
                const t = work.host.target;
                const r = work.record;
                try {
                    const removed = await t.cleanup(o.keepReleases, [r.previousVersion, r.version]);
                    if (removed.length)
                        say(t, `removed old releases: ${removed.join(", ")}`);
                }
                catch (e) {
                    o.log.warning(`${t.label}: cleanup: ${(0,errors/* errorMessage */.gJ)(e)}`);
                }
            });
        }
        await this.#locks.release();
    }
    async #history(work, result) {
        const o = this.#opts;
        const r = work.record;
        const version = o.mode === "deploy" ? o.release.version : (r.version ?? r.previousVersion);
        if (!version)
            return;
        try {
            await work.host.target.record({
                actor: o.actor,
                action: o.mode,
                version,
                from: r.previousVersion,
                result: result === "success" ? "success" : work.revert ? "rolled-back" : "failure",
                runUrl: o.runUrl,
                ...(r.slot === null ? {} : { slot: r.slot }),
                ...(r.detail ? { detail: r.detail.slice(0, 2000) } : {}),
            });
        }
        catch (e) {
            o.log.warning(`${work.host.target.label}: history: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
}
/**
 * The deploy locks a run holds: taken before any change, refreshed while it works (the
 * heartbeat), released at the end. A heartbeat that finds a lock gone or another run's marks the
 * run as stopped: every change after that is refused (HostTarget.beforeChange).
 */
class Locks {
    #opts;
    #held = [];
    #beat;
    #beating;
    #stopped = false;
    #lost;
    #onLost = new AbortController();
    constructor(opts) {
        this.#opts = opts;
    }
    /** The first lock a heartbeat found lost, if any. */
    get lost() {
        return this.#lost;
    }
    /** Throws once a lock is lost: called before every change. */
    assertHeld() {
        if (this.#lost)
            throw this.#lost;
    }
    /** Takes the lock on every host; throws the first host's failure once all have answered. */
    async take(targets) {
        const o = this.#opts;
        fulfilled(await poolSettled(targets, 16, async (t) => {
            await t.lock(o.holder, o.runUrl, o.lockTtlSec, o.lockTimeoutMs, o.log.warning);
            this.#held.push(t);
        }));
    }
    /**
     * Refreshes every lock each lockHeartbeatMs while the run works, so a long wave (or wave-wait)
     * never makes it look stale to another run, and finds out when one was lost; stopped by
     * release(). lock-ttl is at least a few heartbeats (plan.ts: MIN_LOCK_TTL_MS).
     */
    refreshWhileRunning() {
        const o = this.#opts;
        const next = () => {
            if (this.#stopped || this.#lost)
                return;
            this.#beat = setTimeout(() => {
                this.#beating = this.#refresh().finally(next);
            }, o.lockHeartbeatMs);
            this.#beat.unref();
        };
        next();
    }
    async #refresh() {
        const o = this.#opts;
        const held = this.#held;
        const results = await poolSettled(held, 16, (t) => t.refreshLock(o.holder, o.runUrl, o.lockTtlSec));
        if (this.#stopped)
            return; // released meanwhile: what the refresh saw no longer matters
        results.forEach((r, i) => {
            if (r.status === "fulfilled")
                return;
            if (r.reason instanceof LockLostError) {
                if (this.#lost)
                    return;
                this.#lost = r.reason;
                o.log.warning(`${r.reason.message}: this run changes nothing more`);
                this.#onLost.abort();
            }
            else {
                // Another try at the next heartbeat; a lock left stale that long is what lock-ttl is for.
                o.log.warning(`${held[i]?.label}: refreshing the deploy lock: ${(0,errors/* errorMessage */.gJ)(r.reason)}`);
            }
        });
    }
    /** Waits `ms`, or until a heartbeat finds a lock lost. */
    async wait(ms) {
        await (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal: this.#onLost.signal }).catch(() => { });
    }
    /** Releases every lock taken (not one lost: it is someone else's); safe to call twice. */
    async release() {
        this.#stopped = true;
        clearTimeout(this.#beat);
        await this.#beating?.catch(() => { });
        const held = this.#held.filter((t) => t.label !== this.#lost?.host);
        this.#held = [];
        await poolSettled(held, 16, async (t) => {
            const problem = await t.unlock(this.#opts.holder);
            if (problem)
                this.#opts.log.warning(`${t.label}: ${problem}`);
        });
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __nccwpck_require__(88532);
// EXTERNAL MODULE: ./src/kit/inputs.ts
var inputs = __nccwpck_require__(67127);
;// CONCATENATED MODULE: ./src/deploy/plan.ts



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
    return (0,inputs/* allowing */.SL)(schemas/* string */.YjP({ error: `is required; allowed: ${DURATION_ALLOWED}` }), DURATION_ALLOWED).transform((value, ctx) => {
        const ms = readDuration(value, limits);
        if (typeof ms === "number")
            return ms;
        ctx.addIssue({ code: "custom", message: ms });
        return core/* NEVER */.tm;
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
    return (0,inputs/* allowing */.SL)(schemas/* string */.YjP({ error: `is required; allowed: ${WAVES_ALLOWED}` }), WAVES_ALLOWED).transform((value, ctx) => {
        const steps = readWaves(value);
        if (typeof steps !== "string")
            return steps;
        ctx.addIssue({ code: "custom", message: steps });
        return core/* NEVER */.tm;
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
    return (0,inputs/* allowing */.SL)(schemas/* string */.YjP({ error: `is required; allowed: ${ENVIRONMENT_ALLOWED}` }), ENVIRONMENT_ALLOWED).transform((value, ctx) => {
        const entries = readEnvironment(value);
        if (typeof entries !== "string")
            return entries;
        ctx.addIssue({ code: "custom", message: entries });
        return core/* NEVER */.tm;
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

// EXTERNAL MODULE: ./src/github/context.ts
var context = __nccwpck_require__(19556);
// EXTERNAL MODULE: ./src/kit/action.ts + 2 modules
var action = __nccwpck_require__(55034);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __nccwpck_require__(13701);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: ./src/kit/exec.ts
var exec = __nccwpck_require__(29495);
// EXTERNAL MODULE: ./src/kit/hash.ts
var hash = __nccwpck_require__(3730);
// EXTERNAL MODULE: ./src/kit/process.ts + 1 modules
var kit_process = __nccwpck_require__(12057);
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
            throw new StepError(this.label, step.name, r, `${where} timed out after ${Math.ceil(timeoutMs / 1000)} s${ssh_tail(r)}`);
        }
        if (code === 255 && (NO_MASTER.test(r.stderr) || !this.#isOpen())) {
            throw new SshConnectionError(this.label, `${where}: the connection to ${this.label} was lost${ssh_tail(r)}`, r.stderr);
        }
        if (code !== 0 && !opts.allowFailure) {
            const sudoHint = /sudo: (a password is required|a terminal is required)/.test(r.stderr)
                ? ` (${this.target.user} needs passwordless sudo on the host, or become: none when connecting as root)`
                : "";
            throw new StepError(this.label, step.name, r, `${where} exited with code ${code}${sudoHint}${ssh_tail(r)}`);
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
function ssh_tail(r) {
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

;// CONCATENATED MODULE: ./src/actions/deploy-systemd/schema.ts





const PORT_ALLOWED = "a port number from 1024 to 65535";
const port = () => (0,inputs/* text */.Qq)(/^[1-9][0-9]{3,4}$/, PORT_ALLOWED)
    .transform(Number)
    .refine((p) => p >= 1024 && p <= 65_535, `allowed: ${PORT_ALLOWED}`);
const count = (min, max) => (0,inputs/* text */.Qq)(/^[0-9]{1,6}$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `allowed: a whole number from ${min} to ${max}`);
const schema_inputs = schemas/* object */.Ikc({
    hosts: (0,inputs/* text */.Qq)(/^[\s\S]*$/, "[user@]host[:port] entries separated by newlines or commas")
        .optional()
        .describe("Hosts as [user@]host[:port], separated by newlines or commas (or use inventory)."),
    inventory: (0,inputs/* line */.n8)("the path of a YAML inventory file")
        .optional()
        .describe("Path of a YAML inventory instead of hosts: a hosts list whose entries are [user@]host[:port] strings or maps with host, optional wave and labels."),
    "ssh-private-key": (0,inputs/* secret */.rJ)((0,inputs/* text */.Qq)(/^-----BEGIN (OPENSSH|EC|RSA) PRIVATE KEY-----[\s\S]+-----END \1 PRIVATE KEY-----\s*$/, "an OpenSSH or PEM private key without a passphrase")).describe("Private key (OpenSSH or PEM, no passphrase) that logs in to every host. A secret."),
    "known-hosts": (0,inputs/* text */.Qq)(/^[^\0]+$/, "known_hosts lines for every host (and proxy-jump host); @cert-authority lines allowed").describe("known_hosts content for every host and proxy-jump host (@cert-authority lines allowed). Host keys are checked against it; nothing is trusted on first use."),
    "ssh-user": (0,inputs/* text */.Qq)(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
        .default("deploy")
        .describe("User for hosts that name none."),
    become: (0,inputs/* choice */.Yq)(["sudo", "none"])
        .default("sudo")
        .describe("sudo (passwordless sudo for ssh-user), or none when logging in as root."),
    "proxy-jump": (0,inputs/* line */.n8)("[user@]host[:port] hops separated by commas")
        .optional()
        .describe("Jump host(s), [user@]host[:port], comma-separated, in order."),
    app: (0,inputs/* text */.Qq)(names/* APP_PATTERN */.fh, names/* APP_RULE */.rA).describe("The service's name, [a-z][a-z0-9-]{0,31}: the unit, /opt/<app> and /etc/<app>."),
    "release-dir": (0,inputs/* line */.n8)("a directory path")
        .optional()
        .describe("A package-release output directory (with SHA256SUMS, its signature and goship-manifest.json)."),
    "release-tag": (0,inputs/* text */.Qq)(/^(?!.*\.\.)(?!\/)[A-Za-z0-9._+/-]+$/, "a git tag name")
        .optional()
        .describe("Deploy the GitHub Release with this tag instead of release-dir (downloaded with github-token)."),
    version: (0,inputs/* text */.Qq)(names/* SAFE_NAME */.wY, "a version ID: letters, digits and . _ + - (no slashes or spaces)")
        .refine((v) => !v.includes(".."), "allowed: a version ID without ..")
        .optional()
        .describe("Expected version; the release's own version must match it (default: release-tag without its v)."),
    project: (0,inputs/* text */.Qq)(names/* SAFE_NAME */.wY, "a project name: letters, digits and . _ + - (no slashes or spaces)")
        .optional()
        .describe("Expected project; the release's manifest must name it (default: app)."),
    "public-key": (0,inputs/* text */.Qq)(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/, "the release's goship.pub (a PEM public key)")
        .optional()
        .describe("The release's goship.pub (PEM). Required to deploy: SHA256SUMS must be signed by it."),
    strategy: (0,inputs/* choice */.Yq)(["restart", "blue-green"])
        .default("restart")
        .describe("restart (one unit, restarted in place) or blue-green (two slots behind nginx)."),
    port: port().prefault("8080").describe("restart: the port the service listens on (its PORT)."),
    ports: (0,inputs/* text */.Qq)(/^[0-9]+,[0-9]+$/, "two ports, comma-separated, e.g. 8081,8082")
        .transform((v) => v.split(",").map(Number))
        .refine(([a, b]) => a !== b && [a, b].every((p) => p >= 1024 && p <= 65_535), "allowed: two different ports from 1024 to 65535, e.g. 8081,8082")
        .prefault("8081,8082")
        .describe("blue-green: the two slots' ports, comma-separated."),
    "service-env": (0,inputs/* secret */.rJ)(environment())
        .optional()
        .describe("KEY=VALUE lines for the service's environment file (a secret; PORT is set by goship, so PORT and ADDR are refused). Unset keeps the file on the host."),
    environment: (0,inputs/* deprecatedFor */.Z9)((0,inputs/* secret */.rJ)(schemas/* string */.YjP()), "service-env")
        .optional()
        .describe("Deprecated: the old name of service-env, still read."),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    args: (0,inputs/* text */.Qq)(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, "one argument per line, without control characters")
        .transform((v) => v.split("\n").filter((a) => a !== ""))
        .default([])
        .describe("Arguments for the binary, one per line, passed literally."),
    hardening: (0,inputs/* choice */.Yq)(["strict", "standard"])
        .default("strict")
        .describe("The unit's sandbox: strict (systemd-analyze exposure 1.1) or standard (1.6; allows JITs, netlink, /proc)."),
    "security-threshold": (0,inputs/* text */.Qq)(/^(10(\.0)?|[0-9](\.[0-9])?)$/, "a number from 0.0 to 10.0 with one decimal")
        .transform(Number)
        .prefault("2.0")
        .describe("Highest systemd-analyze security exposure allowed, checked on each host before the switch."),
    "health-path": (0,inputs/* text */.Qq)(/^\/[\x21-\x7e]*$/, "an absolute URL path, e.g. /ready")
        .default("/ready")
        .describe("HTTP path that must answer 2xx on the host once the new version runs."),
    "health-timeout": duration({ min: 1000, max: 3_600_000 })
        .prefault("60s")
        .describe("How long to wait for the health check, e.g. 60s or 2m."),
    waves: waves()
        .prefault("100%")
        .describe("Hosts per wave, cumulative counts or percentages ending with 100%, e.g. 1,25%,100%."),
    "wave-wait": duration({ max: 86_400_000 }).prefault("0s").describe("Pause between waves, e.g. 5m."),
    "max-parallel": count(1, 256).prefault("10").describe("Hosts changed at once within a wave."),
    "traffic-weight": count(0, 100)
        .prefault("100")
        .describe("blue-green: percent of requests nginx sends to the new slot (0-100)."),
    "canary-header": (0,inputs/* text */.Qq)(new RegExp(`^(none|${CANARY_HEADER_PATTERN.source.slice(1, -1)})$`), `${CANARY_HEADER_RULE}; or none to remove it`)
        .transform((v) => (v === "none" ? null : CanaryHeaderText.parse(v)))
        .optional()
        .describe("blue-green: a header, Name: value (e.g. X-Canary: 1), whose requests nginx sends to the new slot at any weight, 0% included, until promote or rollback; your server block then says proxy_pass http://$goship_<app>; (app's - as _). none removes it; unset keeps each host's."),
    mode: (0,inputs/* choice */.Yq)(["deploy", "shift", "promote", "rollback", "status"])
        .default("deploy")
        .describe("deploy, shift (change the blue-green weight), promote (100% to the new slot, stop the old), rollback, or status."),
    "rollback-to": (0,inputs/* text */.Qq)(names/* SAFE_NAME */.wY, "a version ID")
        .refine((v) => !v.includes(".."), "allowed: a version ID without ..")
        .optional()
        .describe("mode rollback: the version to go back to, installed on every host. Default: each host's previous version."),
    "on-failure": (0,inputs/* choice */.Yq)(["rollback-fleet", "rollback-wave", "stop"])
        .default("rollback-fleet")
        .describe("When a host fails: rollback-fleet (every host this run changed), rollback-wave (its wave only), or stop."),
    "keep-releases": count(1, 1000)
        .prefault("5")
        .describe("Releases kept on each host (current, previous and last good are never removed)."),
    "lock-timeout": duration({ max: 86_400_000 })
        .prefault("10m")
        .describe("How long to wait for another run's deploy lock on a host."),
    "lock-ttl": lockTtl()
        .prefault("30m")
        .describe("A deploy lock older than this is taken over, with a warning."),
    "drain-time": duration({ max: 3_600_000 })
        .prefault("5s")
        .describe("blue-green promote and rollback: how long the old slot keeps serving its open requests before it is stopped."),
    "github-token": (0,inputs/* runnerDefault */.Ww)((0,inputs/* secret */.rJ)((0,inputs/* line */.n8)("a token")), "github.token")
        .optional()
        .describe("Token to record GitHub Deployments (deployments write) and to download release-tag (contents read)."),
    "github-environment": (0,inputs/* text */.Qq)(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,254}$/, "a GitHub environment name")
        .optional()
        .describe("GitHub environment to record a Deployment in, with in_progress, success and failure statuses."),
    "environment-name": (0,inputs/* deprecatedFor */.Z9)(schemas/* string */.YjP(), "github-environment")
        .optional()
        .describe("Deprecated: the old name of github-environment, still read."),
    "dry-run": (0,inputs/* boolean */.zM)()
        .prefault("false")
        .describe("Connect, verify the release and plan every host; change nothing."),
});
const outputs = {
    hosts: "JSON per host: host, address, wave, previous-version, version, slot, weight, status, health",
    "previous-version": "The version the first host served before this run",
    "rolled-back": "true when this run rolled hosts back",
    "canary-targets": "blue-green: JSON per host: the new slot's and the old slot's address and version",
    "deployment-id": "The GitHub Deployment's id, when recorded",
};

// EXTERNAL MODULE: ./src/kit/summary.ts
var kit_summary = __nccwpck_require__(94508);
;// CONCATENATED MODULE: ./src/actions/deploy-systemd/summary.ts

const ICON = {
    deployed: "✅ deployed",
    unchanged: "✅ unchanged",
    shifted: "✅ shifted",
    promoted: "✅ promoted",
    "rolled-back": "↩️ rolled back",
    failed: "❌ failed",
    skipped: "⏭️ skipped",
    planned: "📝 planned",
    status: "ℹ️",
};
/** The job summary: a row per host and wave, what changed, health, time, and what rolled back and why. */
async function writeDeploySummary(r) {
    const { result } = r;
    const hosts = result.hosts;
    const count = (s) => hosts.filter((h) => h.status === s).length;
    const summary = new kit_summary/* Summary */.BD().heading(`deploy-systemd: ${r.app} ${r.dryRun ? "(dry run) " : ""}${r.mode}`);
    const headline = result.failed
        ? `**Failed** after ${(r.ms / 1000).toFixed(1)} s: ${result.failure ?? ""}`
        : `**${r.mode} ok** on ${hosts.length} host(s) in ${(r.ms / 1000).toFixed(1)} s (${r.strategy})`;
    summary.status(!result.failed, headline);
    if (result.failed) {
        summary.paragraph(`${count("failed")} failed, ${count("rolled-back")} rolled back, ${count("skipped")} not reached` +
            (result.rollbackMs === undefined
                ? ""
                : `; fleet back on its previous versions ${(result.rollbackMs / 1000).toFixed(2)} s after the failure`));
    }
    const blueGreen = r.strategy === "blue-green";
    summary.table(["wave", "host", "before", "after", ...(blueGreen ? ["slot", "weight"] : []), "health", "time", "result"], hosts.map((h) => [
        h.wave,
        h.host,
        h.previousVersion ?? "—",
        h.version ?? "—",
        ...(blueGreen ? [h.slot ?? "—", h.weight === null ? "—" : `${h.weight}%`] : []),
        h.health || "—",
        h.ms ? `${(h.ms / 1000).toFixed(1)} s` : "—",
        ICON[h.status],
    ]), ["r", "l", "l", "l", ...(blueGreen ? ["r", "r"] : []), "l", "r", "l"]);
    const why = hosts.filter((h) => h.detail);
    if (why.length)
        summary
            .heading("What failed or rolled back, and why", 3)
            .list(why.map((h) => `**${h.host}**: ${h.detail}`));
    if (r.mode === "status") {
        for (const h of hosts) {
            const s = h.state;
            if (!s)
                continue;
            summary.heading(h.host, 3);
            const lines = [
                `current: ${s.current ?? "none"} (${s.unitState})`,
                ...s.slots.map((x) => `slot ${x.port}: ${x.version ?? "—"} (${x.state})`),
                ...(s.upstream ? [`nginx: ${s.upstream.replace(/^#\s*/, "")}`] : []),
                `releases: ${s.releases.join(", ") || "none"}`,
                ...(s.lock ? [`locked by ${s.lock.holder} for ${s.lock.ageSeconds} s ${s.lock.runUrl}`] : []),
            ];
            summary.list(lines);
            if (s.history.length) {
                summary.table(["time", "actor", "action", "version", "from", "result"], s.history
                    .slice(-5)
                    .map((e) => [
                    typeof e.time === "number" ? new Date(e.time * 1000).toISOString() : "",
                    String(e.actor ?? ""),
                    String(e.action ?? ""),
                    String(e.version ?? ""),
                    String(e.from ?? "—"),
                    String(e.result ?? ""),
                ]));
            }
        }
    }
    await summary.write();
}

;// CONCATENATED MODULE: ./src/actions/deploy-systemd/main.ts




















/** The run's identity on the hosts: the lock holder, the history's actor and run URL. */
function runIdentity(run) {
    // A re-run of the same job (a new attempt) is the same holder: it takes back the lock a killed
    // attempt left, instead of waiting for its TTL. Anything else gets a holder of its own.
    const holder = run.runId
        ? `run-${run.runId}-${(run.job ?? "job").replace(/[^A-Za-z0-9._@:+-]+/g, "-")}`.slice(0, 128)
        : newHolderToken(`local-${(0,external_node_os_.userInfo)().username}@${(0,external_node_os_.hostname)()}`);
    const actor = run.actor || (0,external_node_os_.userInfo)().username || "unknown";
    return { holder, runUrl: (0,context/* runUrl */.Vp)(run) ?? "", actor };
}
async function hostWaves(i) {
    const defaults = { user: i["ssh-user"] };
    if (i.hosts && i.inventory)
        throw (0,errors/* inputError */.Xu)("inventory", i.inventory, "not together with hosts: one list of hosts");
    if (i.inventory) {
        // The YAML parser is loaded only for an inventory.
        const { hasWaveNumbers, readInventory, wavesFromInventory } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(655)]).then(__nccwpck_require__.bind(__nccwpck_require__, 25655));
        const entries = await readInventory(i.inventory, defaults);
        if (entries.length === 0)
            throw (0,errors/* inputError */.Xu)("inventory", i.inventory, "a file listing at least one host");
        if (hasWaveNumbers(entries))
            return wavesFromInventory(entries).map((w) => w.map((e) => e.spec));
        return assignWaves(entries.map((e) => e.spec), i.waves);
    }
    const hosts = (0,hosts_spec/* parseHostList */.A_)(i.hosts ?? "", defaults);
    if (hosts.length === 0)
        throw (0,errors/* inputError */.Xu)("hosts", i.hosts ?? "", "at least one [user@]host[:port] (or an inventory file)");
    return assignWaves(hosts, i.waves);
}
/** The release on the runner, verified before any host is contacted. */
async function prepareRelease(i, run, workDir) {
    if (!i["public-key"]) {
        throw (0,errors/* inputError */.Xu)("public-key", "", "goship.pub's content: goship deploys only releases whose SHA256SUMS signature it checked");
    }
    // The signature checks (and their curves), the archive readers and the manifest's schemas are
    // loaded only to deploy a release.
    const [{ loadPublicKey }, { checkReleaseIdentity, verifyRelease }, { extractBinary, goarchFromUname, pickArtifact }, { versionFromRef },] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(746), __nccwpck_require__.e(850)]).then(__nccwpck_require__.bind(__nccwpck_require__, 80850)),
        Promise.all(/* import() */[__nccwpck_require__.e(746), __nccwpck_require__.e(368)]).then(__nccwpck_require__.bind(__nccwpck_require__, 80368)),
        __nccwpck_require__.e(/* import() */ 604).then(__nccwpck_require__.bind(__nccwpck_require__, 50604)),
        __nccwpck_require__.e(/* import() */ 117).then(__nccwpck_require__.bind(__nccwpck_require__, 7117)),
    ]);
    // A key that is no key is refused before anything is downloaded.
    loadPublicKey(i["public-key"]);
    if (i["release-dir"] && i["release-tag"]) {
        throw (0,errors/* inputError */.Xu)("release-tag", i["release-tag"], "not together with release-dir: one release");
    }
    let dir;
    if (i["release-dir"])
        dir = (0,external_node_path_.resolve)(i["release-dir"]);
    else if (i["release-tag"]) {
        const tag = i["release-tag"];
        const where = (0,context/* ownerAndRepo */.H5)(run);
        const token = i["github-token"] ?? run.token ?? "";
        if (!where)
            throw (0,errors/* inputError */.Xu)("release-tag", tag, "a tag of this repository: GITHUB_REPOSITORY is not set");
        dir = (0,external_node_path_.join)(workDir, "release");
        await (0,kit_log/* group */.Os)(`Download release ${tag} from ${where.owner}/${where.repo}`, async () => {
            const { downloadRelease } = await Promise.all(/* import() */[__nccwpck_require__.e(893), __nccwpck_require__.e(779)]).then(__nccwpck_require__.bind(__nccwpck_require__, 77779));
            const got = await downloadRelease({ token, apiUrl: (0,context/* apiUrl */.y0)(run) }, { ...where, tag }, dir);
            (0,kit_log/* info */.pq)(`${got.files.length} file(s) from ${got.url}`);
        });
    }
    else {
        throw (0,errors/* inputError */.Xu)("release-dir", "", "a package-release output directory, or release-tag, to deploy");
    }
    const verified = await (0,kit_log/* group */.Os)("Verify the release (signature, checksums, manifest)", async () => {
        const v = await verifyRelease(dir, i["public-key"]);
        for (const c of v.checks)
            (0,kit_log/* info */.pq)(`✓ ${c}`);
        return v;
    });
    const { manifest } = verified;
    // The signature says who made the release, not that it is the one asked for: bind it to the
    // tag (or version) and to the app, before any host is contacted.
    const tag = i["release-tag"];
    checkReleaseIdentity(manifest, {
        version: i.version
            ? { input: "version", value: i.version, want: i.version }
            : tag
                ? {
                    input: "release-tag",
                    value: tag,
                    want: versionFromRef(tag),
                    allowed: `a tag whose release has version ${versionFromRef(tag)} (the tag without its "v"); where tags are not versions, give the version as input "version"`,
                }
                : undefined,
        project: i.project
            ? { input: "project", value: i.project, want: i.project }
            : {
                input: "app",
                value: i.app,
                want: i.app,
                allowed: `the release's project; to deploy another project's release as ${i.app}, give that project as input "project"`,
            },
    });
    // The unit runs the binary by its name in the release; Linux artifacts all carry the same one.
    const names = new Set(manifest.artifacts.filter((a) => a.goos === "linux").map((a) => a.binary.name));
    if (names.size !== 1) {
        throw new errors/* UserError */.yo(`release ${manifest.version} has ${names.size === 0 ? "no Linux binary" : `Linux binaries named differently (${[...names].join(", ")})`}: nothing goship can deploy to systemd hosts`);
    }
    const binaries = new Map();
    return {
        version: manifest.version,
        binaryName: [...names][0],
        manifestPath: (0,external_node_path_.join)(dir, release_files/* MANIFEST_FILE */.h1),
        binaryFor(machine) {
            const artifact = pickArtifact(manifest, goarchFromUname(machine));
            const key = (0,targets/* formatTarget */.P4)(artifact);
            let p = binaries.get(key);
            if (!p) {
                p = (async () => {
                    const dest = await (0,promises_.mkdtemp)((0,external_node_path_.join)(workDir, "bin-"));
                    const b = await extractBinary(dir, artifact, dest);
                    (0,kit_log/* info */.pq)(`${artifact.archive.name}: ${artifact.binary.name} for ${key} extracted, sha256 ${b.sha256}`);
                    return { path: b.path, sha256: b.sha256, artifact };
                })();
                binaries.set(key, p);
            }
            return p;
        },
    };
}
const deploySystemd = (0,action/* defineAction */.QP)({
    name: "deploy-systemd",
    description: "Verified, atomic, hardened deploys of a goship release to systemd hosts, in waves, with automatic rollback",
    inputs: schema_inputs,
    outputs: outputs,
    async run(i) {
        const mode = i.mode;
        if ((mode === "shift" || mode === "promote") && i.strategy !== "blue-green") {
            throw (0,errors/* inputError */.Xu)("mode", mode, `deploy, rollback or status with strategy ${i.strategy} (${mode} moves blue-green traffic)`);
        }
        if (i["rollback-to"] && mode !== "rollback") {
            throw (0,errors/* inputError */.Xu)("rollback-to", i["rollback-to"], "only with mode: rollback");
        }
        const run = (0,context/* runContext */.pO)();
        if (i["github-environment"] && !(i["github-token"] ?? run.token)) {
            throw (0,errors/* inputError */.Xu)("github-token", "", "a token with deployments: write, to record Deployments in github-environment");
        }
        const waves = await hostWaves(i);
        const proxyJump = i["proxy-jump"] ? (0,hosts_spec/* parseProxyJump */.uo)(i["proxy-jump"], { user: i["ssh-user"] }) : [];
        const settings = {
            app: i.app,
            binaryName: i.app,
            args: i.args,
            hardening: i.hardening,
            stopTimeoutSec: 30,
            startLimit: { intervalSec: 60, burst: 5 },
        };
        // Every value that goes into the unit is checked now, before any host is contacted.
        try {
            renderUnit({
                ...settings,
                strategy: i.strategy,
                ...(i.strategy === "restart" ? { port: i.port } : {}),
            });
        }
        catch (e) {
            if (e instanceof UnitValueError && e.field.startsWith("args"))
                throw (0,errors/* inputError */.Xu)("args", "", e.message);
            throw e;
        }
        const environment = i["service-env"] === undefined ? undefined : renderEnvironmentFile(i["service-env"]);
        // The input is masked whole and line by line; a value also shows alone (in a journal line
        // the app printed, say).
        for (const value of environmentSecrets(i["service-env"] ?? []))
            (0,kit_log/* maskSecret */.$l)(value);
        const identity = runIdentity(run);
        const workDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), "goship-deploy-"));
        let client;
        let fleet;
        let deployment;
        const started = Date.now();
        let result;
        let error;
        try {
            const runMode = mode === "deploy" ? { mode, release: await prepareRelease(i, run, workDir) } : { mode };
            if (runMode.release)
                settings.binaryName = runMode.release.binaryName;
            const ssh = await SshClient.create({
                privateKey: i["ssh-private-key"],
                knownHosts: i["known-hosts"],
                proxyJump,
                // Not workDir: control sockets need a short path, and $RUNNER_TEMP on GitHub's runners
                // is already too long once nested; the client picks a short base itself.
            });
            client = ssh;
            const sudo = i.become === "sudo";
            const targets = waves.map((wave) => wave.map((spec) => new HostTarget(spec, ssh.session(spec), settings, sudo)));
            fleet = new Fleet(targets, {
                ...runMode,
                strategy: i.strategy,
                port: i.port,
                ports: i.ports,
                securityThreshold: i["security-threshold"],
                healthPath: i["health-path"],
                healthTimeoutMs: i["health-timeout"],
                waveWaitMs: i["wave-wait"],
                maxParallel: i["max-parallel"],
                trafficWeight: i["traffic-weight"],
                rollbackTo: i["rollback-to"],
                onFailure: i["on-failure"],
                keepReleases: i["keep-releases"],
                lockTimeoutMs: i["lock-timeout"],
                lockTtlSec: Math.ceil(i["lock-ttl"] / 1000),
                lockHeartbeatMs: LOCK_HEARTBEAT_MS,
                environment,
                dryRun: i["dry-run"],
                drainMs: i["drain-time"],
                canaryHeader: i["canary-header"],
                ...identity,
                log: { info: kit_log/* info */.pq, warning: kit_log/* warning */.$e, group: kit_log/* group */.Os, start: (label, of) => progress/* progress */.qB.start(label, of) },
            });
            const prepared = await fleet.prepare();
            if (i["github-environment"] && mode !== "status" && !i["dry-run"]) {
                deployment = await startDeployment(i, run, runMode.release?.version ?? i["rollback-to"] ?? mode);
            }
            result = await prepared.run();
        }
        catch (e) {
            error = e;
            if (e instanceof DeployFailedError)
                result = e.result;
        }
        finally {
            await fleet?.unlock().catch(() => { });
            await client?.close().catch(() => { });
            await (0,promises_.rm)(workDir, { recursive: true, force: true });
        }
        if (deployment) {
            const state = error ? "failure" : "success";
            const { setDeploymentStatus } = await Promise.all(/* import() */[__nccwpck_require__.e(893), __nccwpck_require__.e(887)]).then(__nccwpck_require__.bind(__nccwpck_require__, 16887));
            await setDeploymentStatus({ token: deployment.token, apiUrl: deployment.apiUrl }, {
                owner: deployment.owner,
                repo: deployment.repo,
                deploymentId: deployment.id,
                state,
                description: error ? (0,errors/* errorMessage */.gJ)(error) : `${mode} ok on ${result?.hosts.length ?? 0} host(s)`,
                ...(identity.runUrl ? { logUrl: identity.runUrl } : {}),
            }).catch((e) => (0,kit_log/* warning */.$e)(`GitHub Deployment status: ${(0,errors/* errorMessage */.gJ)(e)}`));
        }
        if (result) {
            (0,action/* setOutputs */.n0)(deploySystemd, await hostOutputs(i.app, result.hosts, result.rolledBack, deployment?.id));
            await writeDeploySummary({
                mode,
                strategy: i.strategy,
                app: i.app,
                result,
                ms: Date.now() - started,
                dryRun: i["dry-run"],
            });
        }
        if (error)
            throw error;
    },
});
async function startDeployment(i, run, what) {
    const where = (0,context/* ownerAndRepo */.H5)(run);
    if (!where) {
        throw (0,errors/* inputError */.Xu)("github-environment", i["github-environment"] ?? "", "only inside a GitHub repository (GITHUB_REPOSITORY is not set)");
    }
    const { owner, repo } = where;
    const token = i["github-token"] ?? run.token ?? "";
    const conn = { token, apiUrl: (0,context/* apiUrl */.y0)(run) };
    const logUrl = (0,context/* runUrl */.Vp)(run);
    // Octokit is loaded only to record a Deployment.
    const { createDeployment, setDeploymentStatus } = await Promise.all(/* import() */[__nccwpck_require__.e(893), __nccwpck_require__.e(887)]).then(__nccwpck_require__.bind(__nccwpck_require__, 16887));
    const d = await createDeployment(conn, {
        owner,
        repo,
        ref: run.sha ?? run.ref ?? "HEAD",
        environment: i["github-environment"],
        description: `goship deploy-systemd ${i.mode} ${what} of ${i.app}`,
        payload: { app: i.app, mode: i.mode, version: what, strategy: i.strategy },
    });
    await setDeploymentStatus(conn, {
        owner,
        repo,
        deploymentId: d.id,
        state: "in_progress",
        description: `${i.mode} ${what}`,
        ...(logUrl ? { logUrl } : {}),
    });
    (0,kit_log/* info */.pq)(`GitHub Deployment ${d.id} in ${i["github-environment"]}: in_progress`);
    return { id: d.id, owner, repo, ...conn };
}
async function hostOutputs(app, hosts, rolledBack, deploymentId) {
    const json = hosts.map((h) => ({
        host: h.host,
        address: h.address,
        wave: h.wave,
        "previous-version": h.previousVersion,
        version: h.version,
        slot: h.slot,
        weight: h.weight,
        status: h.status,
        health: h.health,
        ...(h.detail ? { detail: h.detail } : {}),
    }));
    // Through the schema canary-gate reads it with: a shape it would refuse fails here, as a bug.
    // The schema is loaded only here, once the hosts are done.
    const { CanaryTargets } = await __nccwpck_require__.e(/* import() */ 411).then(__nccwpck_require__.bind(__nccwpck_require__, 55411));
    const canary = CanaryTargets.parse(hosts.flatMap((h) => h.canary ? [{ app, weight: h.weight ?? 0, host: h.host, new: h.canary.new, old: h.canary.old }] : []));
    return {
        hosts: JSON.stringify(json),
        "previous-version": hosts[0]?.previousVersion ?? "",
        "rolled-back": rolledBack,
        "canary-targets": JSON.stringify(canary),
        "deployment-id": deploymentId === undefined ? "" : String(deploymentId),
    };
}


/***/ }),

/***/ 77662:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P8: () => (/* binding */ SafeName),
/* harmony export */   fh: () => (/* binding */ APP_PATTERN),
/* harmony export */   fq: () => (/* binding */ isAppName),
/* harmony export */   ln: () => (/* binding */ MIN_PORT),
/* harmony export */   rA: () => (/* binding */ APP_RULE),
/* harmony export */   td: () => (/* binding */ AppName),
/* harmony export */   wY: () => (/* binding */ SAFE_NAME)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(27597);

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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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

/***/ 5008:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P4: () => (/* binding */ formatTarget),
/* harmony export */   xb: () => (/* binding */ VARIANTS)
/* harmony export */ });
/* unused harmony exports listPlatforms, targetSlug, targetEnv, compareTargets, parseTargetSpec, buildMatrix */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(27597);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73713);
/* harmony import */ var _kit_exec_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(29495);



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
    const { stdout } = await execFile(goBin, ["tool", "dist", "list", "-json"], { env, timeoutMs: 60_000 });
    const parsed = z.array(DistEntry).safeParse(JSON.parse(stdout));
    if (!parsed.success)
        throw new UserError(`unexpected output from "go tool dist list -json": ${parsed.error.message}`);
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
        throw inputError(input, spec, `allowed: ${SPEC_HELP}`);
    const usable = platforms.filter((p) => !p.broken);
    const fail = (why) => {
        throw inputError(input, spec, why);
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

/***/ 19556:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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

/***/ 55034:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  QP: () => (/* binding */ defineAction),
  Cs: () => (/* binding */ runAction),
  n0: () => (/* binding */ setOutputs)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __nccwpck_require__(73713);
// EXTERNAL MODULE: ./src/kit/inputs.ts
var kit_inputs = __nccwpck_require__(67127);
// EXTERNAL MODULE: ./src/kit/log.ts
var log = __nccwpck_require__(83490);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __nccwpck_require__(13701);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
;// CONCATENATED MODULE: ./src/kit/cleanup.ts

const pending = [];
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
let running;
let signalled = false;
/** Registers `fn`; the function returned unregisters it (for what was taken away already). */
function onCleanup(fn) {
    pending.push(fn);
    listen();
    return () => {
        const at = pending.lastIndexOf(fn);
        if (at >= 0)
            pending.splice(at, 1);
        if (pending.length === 0 && !running)
            unlisten();
    };
}
/** Runs every registered cleanup now (newest first) and waits for them; a call during a run joins it. */
function runCleanups() {
    running ??= drain().finally(() => {
        running = undefined;
    });
    return running;
}
async function drain() {
    for (let fn = pending.pop(); fn; fn = pending.pop()) {
        try {
            await fn();
        }
        catch (e) {
            process.stderr.write(`goship: cleaning up failed: ${e instanceof Error ? e.message : String(e)}\n`);
        }
    }
    unlisten();
}
function onSignal(signal) {
    const status = 128 + (external_node_os_.constants.signals[signal] ?? 0);
    if (signalled)
        process.exit(status);
    signalled = true;
    void runCleanups().finally(() => process.exit(status));
}
function onBeforeExit() {
    if (pending.length > 0)
        void runCleanups();
}
/** process.exit() from elsewhere: no await is possible any more; what each does synchronously still happens. */
function onExit() {
    for (let fn = pending.pop(); fn; fn = pending.pop()) {
        try {
            void Promise.resolve(fn()).catch(() => { });
        }
        catch {
            // the others still run
        }
    }
}
let listening = false;
function listen() {
    if (listening)
        return;
    listening = true;
    for (const s of SIGNALS)
        process.on(s, onSignal);
    process.on("beforeExit", onBeforeExit);
    process.on("exit", onExit);
}
function unlisten() {
    if (!listening || signalled)
        return;
    listening = false;
    for (const s of SIGNALS)
        process.off(s, onSignal);
    process.off("beforeExit", onBeforeExit);
    process.off("exit", onExit);
}

;// CONCATENATED MODULE: ./src/kit/runner-env.ts




/**
 * The runner always sets RUNNER_TEMP and RUNNER_TOOL_CACHE. Outside it (local mode, or
 * `node dist/<action>/index.js` by hand) they get the same meaning: a fresh temp
 * directory, removed when the run ends however it ends, and a tool cache that persists
 * between runs so a second run downloads nothing.
 */
function ensureRunnerDirs() {
    if (!process.env.RUNNER_TEMP) {
        const temp = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "goship-"));
        process.env.RUNNER_TEMP = temp;
        onCleanup(() => {
            (0,external_node_fs_.rmSync)(temp, { recursive: true, force: true, maxRetries: 3 });
            if (process.env.RUNNER_TEMP === temp)
                delete process.env.RUNNER_TEMP;
        });
    }
    if (!process.env.RUNNER_TOOL_CACHE) {
        const base = process.env.XDG_CACHE_HOME || (0,external_node_path_.join)((0,external_node_os_.homedir)(), ".cache");
        process.env.RUNNER_TOOL_CACHE = (0,external_node_path_.join)(base, "goship", "tool-cache");
    }
    (0,external_node_fs_.mkdirSync)(process.env.RUNNER_TOOL_CACHE, { recursive: true });
}

// EXTERNAL MODULE: ./src/kit/summary.ts
var summary = __nccwpck_require__(94508);
// EXTERNAL MODULE: ./src/kit/workflow.ts
var workflow = __nccwpck_require__(83179);
;// CONCATENATED MODULE: ./src/kit/action.ts








function defineAction(def) {
    return def;
}
/** The signals that stop a run: a cancelled workflow (SIGINT, then SIGTERM), Ctrl-C, a closed terminal. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
/**
 * While an action runs, a stop signal ends the process the way process.exit does, not the way
 * the signal's default does: Node then runs the process's "exit" handlers (the SSH client's ends
 * its masters and removes its key and config), and the status is the signal's, 128 + its number.
 * Returns what puts the signals' defaults back.
 */
function exitOnStopSignals(name) {
    const handlers = STOP_SIGNALS.map((signal) => {
        const handler = () => {
            failStep(`${name}: stopped by ${signal}`);
            process.exit(128 + external_node_os_.constants.signals[signal]);
        };
        process.on(signal, handler);
        return () => process.off(signal, handler);
    });
    return () => {
        for (const off of handlers)
            off();
    };
}
/**
 * The one wrapper every action runs in. A UserError fails the step with its message;
 * anything else is a bug and also prints its stack. A stop signal ends it with the signal's
 * status once the exit handlers ran (exitOnStopSignals).
 */
async function runAction(def) {
    const isPost = workflow/* getState */.Gu("isPost") === "true";
    const restoreSignals = exitOnStopSignals(def.name);
    // A long step never leaves its log silent for a minute (kit/progress).
    const stopHeartbeat = progress/* progress */.qB.beat();
    const summariesBefore = (0,summary/* summaryWrites */.n)();
    try {
        if (isPost) {
            await def.post?.();
            return;
        }
        if (def.post)
            workflow/* saveState */.LZ("isPost", "true");
        let inputs;
        try {
            inputs = (0,kit_inputs/* parseInputs */.TL)(def.inputs);
        }
        finally {
            (0,kit_inputs/* forgetSecretInputs */.vx)(def.inputs);
        }
        ensureRunnerDirs();
        await def.run(inputs);
    }
    catch (e) {
        const message = e instanceof errors/* UserError */.yo
            ? e.message
            : `internal error (a bug in goship, please report it): ${(0,errors/* errorMessage */.gJ)(e)}`;
        if (!isPost && def.failureOutputs) {
            const already = outputsSet.get(def);
            const fallback = Object.entries(def.failureOutputs(message)).filter(([name]) => !already?.has(name));
            setOutputs(def, Object.fromEntries(fallback));
        }
        failStep(`${def.name}: ${message}`);
        if (!(e instanceof errors/* UserError */.yo))
            workflow/* info */.pq((e instanceof Error && e.stack) || "");
        // A failed step has a summary too, status first; run() may have written a fuller one.
        if ((0,summary/* summaryWrites */.n)() === summariesBefore) {
            await (0,summary/* failureSummary */.jg)(isPost ? `${def.name} (post)` : def.name, message)
                .write()
                .catch((w) => workflow/* warning */.$e(`could not write the job summary: ${(0,errors/* errorMessage */.gJ)(w)}`));
        }
    }
    finally {
        stopHeartbeat();
        restoreSignals();
    }
}
/**
 * Fails the step: under a runner with an ::error:: workflow command (an annotation), in a
 * terminal (local mode) as plain text, its lines as lines rather than %0A.
 */
function failStep(message) {
    if (!(0,log/* isLocalMode */.Jn)())
        workflow/* setFailed */.C1(message);
    else {
        process.exitCode = 1;
        process.stdout.write(`error: ${message}\n`);
    }
}
/** The outputs each action has set in this process, so that failureOutputs fills only the others. */
const outputsSet = new WeakMap();
/** Sets outputs, refusing names the action does not declare (a bug, not a user error). */
function setOutputs(def, values) {
    for (const [name, value] of Object.entries(values)) {
        if (!(name in def.outputs))
            throw new Error(`${def.name} has no output named ${name}`);
        workflow/* setOutput */.uH(name, String(value));
        const set = outputsSet.get(def) ?? new Set();
        set.add(name);
        outputsSet.set(def, set);
    }
}


/***/ }),

/***/ 73713:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Xu: () => (/* binding */ inputError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/* unused harmony exports UsageError, redactCredentials */
/**
 * A failure the user can fix (bad input, missing tool, unreachable host, a failed check).
 * It is reported with its message only; anything else that escapes an action is a bug
 * and is reported with its stack.
 */
class UserError extends Error {
    name = "UserError";
}
/** A mistake on goship's command line: printed as `goship: <message>`, exit status 2, nothing run. */
class UsageError extends (/* unused pure expression or super */ null && (Error)) {
    name = "UsageError";
}
/** One or more inputs failed validation. The message names each input, its value and what is allowed. */
class InputError extends UserError {
    problems;
    name = "InputError";
    constructor(problems) {
        super(problems.length === 1
            ? formatProblem(problems[0])
            : `${problems.length} inputs are invalid:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
        this.problems = problems;
    }
}
function formatProblem(p) {
    // A URL's password in a value (a GOPROXY, a mirror) must not reach the log with it.
    return redactCredentials(`input "${p.input}" has value ${JSON.stringify(p.value)}: ${p.allowed}`);
}
/**
 * `text` with the credentials of every URL in it replaced by ***: "https://user:pass@host"
 * becomes "https://***@host", and so does a "user:pass@host" item of a list without a scheme
 * (a GOPROXY entry, which the go command reads as https).
 */
function redactCredentials(text) {
    return text
        .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s"'`]*@/gi, "$1***@")
        .replace(/(^|[\s,|"'`])[^\s,|"'`/?#@:]+:[^\s,|"'`/?#@]*@/g, "$1***@");
}
/** Shorthand for a single-input problem found after parsing (e.g. a target unknown to the installed Go). */
function inputError(input, value, allowed) {
    return new InputError([{ input, value, allowed }]);
}
function errorMessage(e) {
    if (!(e instanceof Error))
        return String(e);
    if (e.message)
        return e.message;
    // Some SDK errors (Azure's RestError on an HTTP 401) carry their meaning only in fields.
    const fields = e;
    const detail = [fields.code, fields.statusCode && `HTTP ${fields.statusCode}`].filter(Boolean).join(", ");
    return detail ? `${e.name} (${detail})` : e.name;
}


/***/ }),

/***/ 29495:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   St: () => (/* binding */ execFile)
/* harmony export */ });
/* unused harmony exports ExecError, describeCommand */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73713);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(12057);


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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ sha256File)
/* harmony export */ });
/* unused harmony export firstDifference */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);



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
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    const ra = createReadStream(a, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
    const rb = createReadStream(b, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
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

/***/ 67127:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   SL: () => (/* binding */ allowing),
/* harmony export */   TL: () => (/* binding */ parseInputs),
/* harmony export */   Ww: () => (/* binding */ runnerDefault),
/* harmony export */   Yq: () => (/* binding */ choice),
/* harmony export */   Z9: () => (/* binding */ deprecatedFor),
/* harmony export */   n8: () => (/* binding */ line),
/* harmony export */   rJ: () => (/* binding */ secret),
/* harmony export */   vx: () => (/* binding */ forgetSecretInputs),
/* harmony export */   zM: () => (/* binding */ boolean)
/* harmony export */ });
/* unused harmony exports readActionInput, inputInfo, inputVariable, isSecretInput, list */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(27597);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73713);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(83490);
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(83179);




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
    return allowing(z.string({ error: (iss) => (iss.input === undefined ? required(allowed) : `allowed: ${allowed}`) }), allowed)
        .transform((s) => s
        .split(/[,\n]/)
        .map((x) => x.trim())
        .filter((x) => x !== ""))
        .pipe(z.array(item, { error: `allowed: ${allowed}` }));
}


/***/ }),

/***/ 83490:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   Jn: () => (/* binding */ isLocalMode),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   bp: () => (/* binding */ untrusted),
/* harmony export */   ee: () => (/* binding */ bytes),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/* unused harmony exports notice, annotateError, seconds */
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(13701);
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(83179);


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
        workflow.notice(message);
    progress.touch();
}
/**
 * An error annotation at a place in the repository (`::error file=…,line=…,col=…::`), for a
 * problem found in a tool's output. In a terminal the tool's own output already says it.
 */
function annotateError(message, at) {
    if (isLocalMode())
        return;
    workflow.error(message, {
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

/***/ 12057:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qv: () => (/* binding */ ProcessInputError),
  _S: () => (/* binding */ ProcessStartError),
  JZ: () => (/* binding */ endProcess),
  FN: () => (/* binding */ processAlive),
  X0: () => (/* binding */ processStartTime),
  R3: () => (/* binding */ runProcess),
  a7: () => (/* binding */ signalProcess),
  zE: () => (/* binding */ waitForExit)
});

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __nccwpck_require__(58500);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __nccwpck_require__(73713);
;// CONCATENATED MODULE: ./src/kit/process.ts




/** The program could not be started: not installed (ENOENT), not executable… */
class ProcessStartError extends errors/* UserError */.yo {
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
class ProcessInputError extends errors/* UserError */.yo {
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
        const child = (0,external_node_child_process_namespaceObject.spawn)(file, args, {
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
        const stat = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, "utf8");
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
        const stat = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, "utf8");
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
        await (0,promises_.setTimeout)(25);
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

/***/ 13701:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   qB: () => (/* binding */ progress)
/* harmony export */ });
/* unused harmony exports systemClock, elapsed, Progress */
/* harmony import */ var _workflow_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(83179);

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

/***/ 94508:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ Summary),
/* harmony export */   jg: () => (/* binding */ failureSummary),
/* harmony export */   n: () => (/* binding */ summaryWrites)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);

/** How many summaries this process has written: runAction writes one on failure only when run() did not. */
let writes = 0;
const summaryWrites = () => writes;
/**
 * A job summary in GitHub-flavoured Markdown. Markdown (not the HTML tables that
 * @actions/core's summary writes) so that local mode can print it as readable text.
 */
class Summary {
    parts = [];
    heading(text, level = 2) {
        this.parts.push(`${"#".repeat(level)} ${text}`);
        return this;
    }
    /** The line a summary opens with: ✅ or ❌, then what happened (or what failed). */
    status(ok, text) {
        this.parts.push(`${ok ? "✅" : "❌"} ${text}`);
        return this;
    }
    paragraph(text) {
        this.parts.push(text);
        return this;
    }
    list(items) {
        if (items.length > 0)
            this.parts.push(items.map((i) => `- ${i}`).join("\n"));
        return this;
    }
    /** A table; cells are escaped so a value can never break the layout. */
    table(headers, rows, align) {
        const cell = (v) => String(v).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
        const rule = headers.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
        const lines = [headers, rule, ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`);
        this.parts.push(lines.join("\n"));
        return this;
    }
    code(text, lang = "") {
        const fence = text.includes("```") ? "````" : "```";
        this.parts.push(`${fence}${lang}\n${text}\n${fence}`);
        return this;
    }
    /**
     * A line chart of one or more series over the same x values (GitHub renders Mermaid), for a
     * quantity over time where the shape is the point (a table of 60 rows is not read). Numeric
     * x values make a numeric axis that Mermaid labels sparsely (sixty category labels overlap);
     * each series gets its colour from `colors`, in order.
     */
    lineChart(title, x, series, axes, colors = ["#0969da", "#cf222e", "#1a7f37"]) {
        if (x.length === 0 || series.length === 0)
            return this;
        const all = series.flat().filter(Number.isFinite);
        const lo = Math.min(0, ...all);
        const hi = Math.max(...all, 0);
        const q = (t) => `"${t.replace(/"/g, "'")}"`;
        const init = { themeVariables: { xyChart: { plotColorPalette: colors.join(", ") } } };
        this.parts.push([
            "```mermaid",
            `%%{init: ${JSON.stringify(init)}}%%`,
            "xychart-beta",
            `  title ${q(title)}`,
            `  x-axis ${q(axes.x)} ${Math.min(...x)} --> ${Math.max(...x)}`,
            `  y-axis ${q(axes.y)} ${Math.floor(lo)} --> ${Math.ceil(hi * 1.1) || 1}`,
            ...series.map((v) => `  line [${v.map((n) => (Number.isFinite(n) ? Number(n.toFixed(3)) : 0)).join(", ")}]`),
            "```",
        ].join("\n"));
        return this;
    }
    /** Collapsed details: raw data a person opens only when the headline and tables are not enough. */
    details(title, body) {
        const esc = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        this.parts.push(`<details><summary>${esc}</summary>\n\n${body.toMarkdown()}\n</details>`);
        return this;
    }
    toMarkdown() {
        return `${this.parts.join("\n\n")}\n`;
    }
    /** Appends to $GITHUB_STEP_SUMMARY; without it (plain `node dist/...` runs) there is nowhere to write. */
    async write() {
        const file = process.env.GITHUB_STEP_SUMMARY;
        writes++;
        if (file)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.appendFile)(file, this.toMarkdown());
    }
}
/**
 * The summary of a step that failed before it could say more: the action, ❌ and the message's
 * first line, then the rest of it as it was printed.
 */
function failureSummary(action, message) {
    const [first = "", ...rest] = message.split("\n");
    const summary = new Summary().heading(action).status(false, `**failed**: ${first}`);
    if (rest.some((l) => l.trim() !== ""))
        summary.code(rest.join("\n"));
    return summary;
}


/***/ }),

/***/ 83179:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput)
/* harmony export */ });
/* unused harmony exports formatCommand, notice, error, exportVariable, addPath */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




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
    process.env.PATH = `${dir}${pathDelimiter}${process.env.PATH}`;
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

/***/ 24493:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A_: () => (/* binding */ parseHostList),
/* harmony export */   BB: () => (/* binding */ formatHostSpec),
/* harmony export */   nn: () => (/* binding */ parseHostSpec),
/* harmony export */   uo: () => (/* binding */ parseProxyJump)
/* harmony export */ });
/* unused harmony export SSH_USER_PATTERN */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(73713);


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

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 91943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 85675:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 46466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 46193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 58500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 16460:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers/promises");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 43106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 961:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ ZodError),
/* harmony export */   g: () => (/* binding */ ZodRealError)
/* harmony export */ });
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(37428);
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(88532);
/* harmony import */ var _core_util_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(54723);



/* Prototypes that already carry the lazy helper methods. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
/* Helper methods live as non-enumerable lazy getters on the shared
 * prototype instead of own properties on every instance. On first
 * access the getter allocates the per-instance closure and caches it
 * as a non-enumerable own property, so detached usage still works and
 * the allocation only happens for methods actually touched. */
function _lazyMethod(proto, key, make) {
    Object.defineProperty(proto, key, {
        configurable: true,
        enumerable: false,
        get() {
            const value = make(this);
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
            return value;
        },
        set(value) {
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
        },
    });
}
const initializer = (inst, issues) => {
    _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* .$ZodError */ .a$.init(inst, issues);
    inst.name = "ZodError";
    const proto = Object.getPrototypeOf(inst);
    if (_installedErrorProtos.has(proto))
        return;
    _installedErrorProtos.add(proto);
    _lazyMethod(proto, "format", (self) => (mapper) => _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* .formatError */ .Wk(self, mapper));
    _lazyMethod(proto, "flatten", (self) => (mapper) => _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* .flattenError */ .JM(self, mapper));
    _lazyMethod(proto, "addIssue", (self) => (issue) => {
        self.issues.push(issue);
        self.message = JSON.stringify(self.issues, _core_util_js__WEBPACK_IMPORTED_MODULE_1__/* .jsonStringifyReplacer */ .k8, 2);
    });
    _lazyMethod(proto, "addIssues", (self) => (issues) => {
        self.issues.push(...issues);
        self.message = JSON.stringify(self.issues, _core_util_js__WEBPACK_IMPORTED_MODULE_1__/* .jsonStringifyReplacer */ .k8, 2);
    });
    Object.defineProperty(proto, "isEmpty", {
        configurable: true,
        enumerable: false,
        get() {
            return this.issues.length === 0;
        },
    });
};
const ZodError = /*@__PURE__*/ _core_index_js__WEBPACK_IMPORTED_MODULE_2__/* .$constructor */ .xI("ZodError", initializer);
const ZodRealError = /*@__PURE__*/ _core_index_js__WEBPACK_IMPORTED_MODULE_2__/* .$constructor */ .xI("ZodError", initializer, undefined, {
    Parent: Error,
});
// /** @deprecated Use `z.core.$ZodErrorMapCtx` instead. */
// export type ErrorMapCtx = core.$ZodErrorMapCtx;


/***/ }),

/***/ 27597:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  You: () => (/* binding */ ZodISODateTime),
  YOg: () => (/* binding */ array),
  K39: () => (/* binding */ base64),
  zMY: () => (/* binding */ schemas_boolean),
  k5n: () => (/* binding */ _enum),
  euz: () => (/* binding */ literal),
  _H3: () => (/* binding */ looseObject),
  aig: () => (/* binding */ number),
  Ikc: () => (/* binding */ object),
  vkY: () => (/* binding */ preprocess),
  g1P: () => (/* binding */ record),
  rej: () => (/* binding */ strictObject),
  YjP: () => (/* binding */ string),
  KCZ: () => (/* binding */ union),
  L5J: () => (/* binding */ unknown)
});

// UNUSED EXPORTS: ZodAny, ZodArray, ZodBase64, ZodBase64URL, ZodBigInt, ZodBigIntFormat, ZodBoolean, ZodCIDRv4, ZodCIDRv6, ZodCUID, ZodCUID2, ZodCatch, ZodCodec, ZodCreditCard, ZodCustom, ZodCustomStringFormat, ZodDate, ZodDefault, ZodDiscriminatedUnion, ZodE164, ZodEmail, ZodEmoji, ZodEnum, ZodExactOptional, ZodFile, ZodFunction, ZodGUID, ZodIBAN, ZodIPv4, ZodIPv6, ZodISODate, ZodISODuration, ZodISOTime, ZodInstanceOf, ZodIntersection, ZodJWT, ZodKSUID, ZodLazy, ZodLiteral, ZodMAC, ZodMap, ZodNaN, ZodNanoID, ZodNever, ZodNonOptional, ZodNull, ZodNullable, ZodNumber, ZodNumberFormat, ZodObject, ZodOptional, ZodPipe, ZodPrefault, ZodPreprocess, ZodPromise, ZodReadonly, ZodRecord, ZodSet, ZodString, ZodStringFormat, ZodSuccess, ZodSymbol, ZodTemplateLiteral, ZodTransform, ZodTuple, ZodType, ZodULID, ZodURL, ZodUUID, ZodUndefined, ZodUnion, ZodUnknown, ZodVoid, ZodXID, ZodXor, _ZodString, _default, _function, any, base64url, bigint, catch, check, cidrv4, cidrv6, codec, creditCard, cuid, cuid2, currencyCode, custom, date, describe, discriminatedUnion, e164, email, emoji, exactOptional, file, float32, float64, function, guid, hash, hex, hostname, httpUrl, iban, instanceof, int, int32, int64, intersection, invertCodec, ipv4, ipv6, json, jwt, keyof, ksuid, lazy, looseRecord, mac, map, meta, nan, nanoid, nativeEnum, never, nonoptional, null, nullable, nullish, optional, partialRecord, pipe, prefault, promise, readonly, refine, set, stringFormat, stringbool, success, superRefine, symbol, templateLiteral, transform, tuple, uint32, uint64, ulid, undefined, url, uuid, uuidv4, uuidv6, uuidv7, void, xid, xor

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core_core = __nccwpck_require__(88532);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/util.js
var core_util = __nccwpck_require__(54723);
;// CONCATENATED MODULE: ./node_modules/zod/v4/core/memoizer.js

class $ZodCyclicError extends Error {
    constructor() {
        super(`Cannot parse a reference cycle that closes through a transform`);
        this.name = "ZodCyclicError";
    }
}
/** Keyed off the context object every schema in one parse call already shares. */
const STATE = "~memo";
const NO_ISSUES = [];
// a value a cycle can close through
function isRef(value) {
    return value !== null && typeof value === "object";
}
// Receivers prefix paths in place, so the cache and every hand-out need their own copies.
function cloneIssues(issues) {
    return issues.map((iss) => (iss.path ? { ...iss, path: iss.path.slice() } : { ...iss }));
}
const recursive = /*@__PURE__*/ new WeakMap();
/** What the walk established, in order of certainty: ordered so the strongest answer among children wins. */
const NONE = 0;
const ASSUMED = 1;
const PROVEN = 2;
/** Whether this schema's subtree contains a cycle, so one parse can re-enter it. */
function isRecursive(inst, stack, resolve) {
    const cached = recursive.get(inst);
    if (cached !== undefined)
        return cached ? PROVEN : NONE;
    // Relative to the walk in progress, so not cached.
    if (stack.has(inst))
        return PROVEN;
    stack.add(inst);
    let result = NONE;
    const check = (child) => {
        if (result !== PROVEN && child?._zod) {
            const answer = isRecursive(child, stack, resolve);
            if (answer > result)
                result = answer;
        }
    };
    // `Reflect.ownKeys` rather than `Object.keys`, so a cycle through a declared symbol key is still seen
    const shape = (sh, spread) => {
        let answer = NONE;
        for (const key of Reflect.ownKeys(sh)) {
            const desc = Object.getOwnPropertyDescriptor(sh, key);
            // an object resolves its shape by spread, so a key it does not enumerate is never parsed; `z.properties` reads every own key and so keeps them all
            if (spread && !desc.enumerable)
                continue;
            // resolving runs user code, and a factory mints a fresh subtree per read, so an edge the walk can't follow counts as a cycle
            const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack, resolve) : NONE;
            if (child > answer)
                answer = child;
        }
        return answer;
    };
    const merge = (answer) => {
        if (answer > result)
            result = answer;
    };
    const def = inst._zod.def;
    const kind = def.type;
    switch (kind) {
        case "object": {
            const raw = core_util/* rawShape */.MO(def);
            // a def with no raw shape answers `shape` from an accessor of its own, and running that can mint a whole fresh subtree
            merge(raw ? shape(raw, true) : ASSUMED);
            check(def.catchall);
            break;
        }
        case "array":
            check(def.element);
            break;
        case "tuple":
            for (const el of def.items)
                check(el);
            check(def.rest);
            break;
        case "record":
        case "map":
            check(def.keyType);
            check(def.valueType);
            break;
        case "set":
            check(def.valueType);
            break;
        case "union":
            for (const el of def.options)
                check(el);
            break;
        case "intersection":
            check(def.left);
            check(def.right);
            break;
        case "optional":
        case "nullable":
        case "default":
        case "prefault":
        case "catch":
        case "readonly":
        case "nonoptional":
        case "promise":
        case "success":
            check(def.innerType);
            break;
        case "pipe":
            check(def.in);
            check(def.out);
            break;
        case "function":
            check(def.input);
            check(def.output);
            break;
        // `$ZodLazy` caches its inner on the def, so a resolved edge is followed exactly
        case "lazy": {
            const inner = def._cachedInner ?? (resolve ? inst._zod.innerType : undefined);
            // walked with resolution off: one hop sees past the deferral, and a lazy that yields only another unresolved lazy is generative, so it stops there
            merge(inner ? isRecursive(inner, stack, false) : ASSUMED);
            break;
        }
        // a leaf by choice: `parts` are regex fragments, not data positions
        case "template_literal":
        // leaves
        case "string":
        case "number":
        case "int":
        case "boolean":
        case "bigint":
        case "symbol":
        case "undefined":
        case "null":
        case "void":
        case "never":
        case "any":
        case "unknown":
        case "date":
        case "nan":
        case "enum":
        case "literal":
        case "file":
        case "transform":
        case "custom":
            break;
        default: {
            // a new built-in kind becomes a compile error here
            kind;
            // a user-defined kind can still hold children, and only its author knows where, so fall back to scanning the def — skipping accessors, since reading one can run user code
            for (const key in def) {
                const desc = Object.getOwnPropertyDescriptor(def, key);
                if (!desc || desc.get)
                    continue;
                const value = desc.value;
                if (!value || typeof value !== "object")
                    continue;
                if (value._zod)
                    check(value);
                else if (Array.isArray(value))
                    for (const el of value)
                        check(el);
            }
        }
    }
    stack.delete(inst);
    return settle(inst, result);
}
/** An assumed answer must not outlive the resolution that settles it, so only a certain one is cached. */
function settle(inst, answer) {
    if (answer !== ASSUMED)
        recursive.set(inst, answer === PROVEN);
    return answer;
}
/**
 * Whether one parse can re-enter this schema, i.e. its subtree contains a cycle.
 * Exported for `z.compile`, which refuses to compile such a schema: cycle
 * breaking is driven from here off state keyed on the parse context, and a
 * generated fast path has no context to key on.
 */
function isRecursiveSchema(inst) {
    // z.compile never parses, so nothing would ever resolve a lazy for it; it runs once and already treats a throw here as recursive
    return isRecursive(inst, new Set(), true) !== NONE;
}
function bucketFor(state, inst) {
    let bucket = state.buckets.get(inst);
    if (!bucket) {
        bucket = new WeakMap();
        state.buckets.set(inst, bucket);
    }
    return bucket;
}
// Set immediately before delegating to core and cleared immediately after, so `alloc` registers only for a visit this module is driving.
let handoff;
// Allocated but unfinished entries. `alloc` and the matching pop both happen in the synchronous part of a parse, so they nest even when children are async, and one stack serves every schema.
const memoizer_open = [];
const memo = {
    alloc(_inst, payload, empty) {
        const bucket = handoff;
        if (!bucket)
            return empty;
        handoff = undefined;
        const entry = { value: empty, issues: null };
        bucket.set(payload.value, entry);
        memoizer_open.push(entry);
        return empty;
    },
    guard(inst) {
        var _a;
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                // The value is a placeholder a back-edge is still waiting on, so the cycle closes through this transform. Its output can't exist in time to bind.
                if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value))
                    throw new $ZodCyclicError();
                return base(payload, ctx);
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
    attach(inst) {
        var _a;
        let isRecursiveInst;
        let rechecked = false;
        // a recursive schema is re-entered many times per parse and its bucket never changes
        let lastCtx;
        let lastBucket;
        // Wraps `parse` in a deferred so it sees the container's final parse. Core's own deferred copies `parse` into `run` when there are no checks, and it ran first, so `run` is patched to match; with checks, `run` reads `parse` dynamically.
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                if (isRecursiveInst === undefined) {
                    const walked = isRecursive(inst, new Set(), false);
                    if (walked === NONE) {
                        // Nothing here can ever fire, so take it back out.
                        inst._zod.parse = base;
                        if (inst._zod.run === wrapped)
                            inst._zod.run = base;
                        return base(payload, ctx);
                    }
                    // this parse resolves the deferred edges on its own path, so ask once more before latching
                    if (walked === PROVEN || rechecked)
                        isRecursiveInst = true;
                    else
                        rechecked = true;
                }
                const input = payload.value;
                if (!isRef(input))
                    return base(payload, ctx);
                let state = ctx[STATE];
                if (!state) {
                    state = { buckets: new WeakMap(), backEdges: undefined };
                    ctx[STATE] = state;
                }
                let bucket;
                if (lastCtx === ctx) {
                    bucket = lastBucket;
                }
                else {
                    bucket = bucketFor(state, inst);
                    lastCtx = ctx;
                    lastBucket = bucket;
                }
                const hit = bucket.get(input);
                if (hit) {
                    payload.value = hit.value;
                    if (hit.issues) {
                        if (hit.issues.length)
                            payload.issues.push(...cloneIssues(hit.issues));
                    }
                    else {
                        // Still being parsed: its own checks cover it, so skip them here.
                        payload.memo = true;
                        state.backEdges ?? (state.backEdges = new WeakSet());
                        state.backEdges.add(hit.value);
                    }
                    return payload;
                }
                handoff = bucket;
                const depth = memoizer_open.length;
                const result = base(payload, ctx);
                handoff = undefined;
                // A container that rejected its input outright allocated nothing.
                const entry = memoizer_open.length > depth ? memoizer_open.pop() : undefined;
                // Both paths written out so the sync one allocates no closure. It runs once per node, and capturing here cost more than everything else combined.
                if (result instanceof Promise) {
                    return result.then((r) => {
                        if (entry)
                            entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
                        return r;
                    });
                }
                if (entry)
                    entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
                return result;
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
};
/** The memoizer that gives containers cycle support. `zod` installs it by default; `zod/mini` opts in with `config({ memoizer: memoizer() })`. */
function memoizer() {
    return memo;
}
/** Whether this value is a node a back-edge resolved to before it finished. */
function isBackEdge(ctx, value) {
    const backEdges = ctx[STATE]?.backEdges;
    return backEdges !== undefined && isRef(value) && backEdges.has(value);
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/checks.js
var core_checks = __nccwpck_require__(44890);
;// CONCATENATED MODULE: ./node_modules/zod/v4/core/doc.js
class Doc {
    constructor(args = [], closed = {}) {
        this.content = [];
        this.indent = 0;
        this.args = args;
        this.closed = closed;
    }
    // the compiler catches a child's throw and keeps writing into this doc, so the indent has to unwind with it
    indented(fn) {
        this.indent += 1;
        try {
            fn(this);
        }
        finally {
            this.indent -= 1;
        }
    }
    write(arg) {
        if (typeof arg === "function") {
            arg(this, { execution: "sync" });
            arg(this, { execution: "async" });
            return;
        }
        const content = arg;
        const lines = content.split("\n").filter((x) => x);
        const minIndent = Math.min(...lines.map((x) => x.length - x.trimStart().length));
        const dedented = lines.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
        for (const line of dedented) {
            this.content.push(line);
        }
    }
    compile() {
        const F = Function;
        const content = this?.content ?? [``];
        const factory = new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {\n${content.join("\n")}\n};`);
        return factory(...Object.values(this.closed));
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/regexes.js
var core_regexes = __nccwpck_require__(23908);
;// CONCATENATED MODULE: ./node_modules/zod/v4/core/versions.js
const version = {
    major: 4,
    minor: 6,
    patch: 7,
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/schemas.js







const $ZodType = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodType", (inst, def) => {
    var _a;
    inst ?? (inst = {});
    inst._zod.def = def; // set _def property
    inst._zod.bag = inst._zod.bag || {}; // initialize _bag object
    inst._zod.version = version;
    const defChecks = inst._zod.def.checks;
    // if inst is itself a checks.$ZodCheck, run it as a check
    const checks = inst._zod.traits.has("$ZodCheck")
        ? [inst, ...(defChecks ?? [])]
        : defChecks?.length
            ? [...defChecks]
            : [];
    for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
            fn(inst);
        }
    }
    if (checks.length === 0) {
        // deferred initializer inst._zod.parse is not yet defined
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred?.push(() => {
            inst._zod.run = inst._zod.parse;
        });
    }
    else {
        const runChecks = (payload, checks, ctx) => {
            if (payload.memo)
                return payload;
            let isAborted = core_util/* aborted */.QH(payload);
            let asyncResult;
            for (const ch of checks) {
                if (ch._zod.def.when) {
                    if (core_util/* explicitlyAborted */.rL(payload))
                        continue;
                    const shouldRun = ch._zod.def.when(payload);
                    if (!shouldRun)
                        continue;
                }
                else if (isAborted) {
                    continue;
                }
                const currLen = payload.issues.length;
                const _ = ch._zod.check(payload);
                if (_ instanceof Promise && ctx?.async === false) {
                    throw new core_core/* $ZodAsyncError */.GT();
                }
                if (asyncResult || _ instanceof Promise) {
                    asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                        await _;
                        const nextLen = payload.issues.length;
                        if (nextLen === currLen)
                            return;
                        core_util/* attachSchema */.d3(payload.issues, currLen, inst);
                        if (!isAborted)
                            isAborted = core_util/* aborted */.QH(payload, currLen);
                    });
                }
                else {
                    const nextLen = payload.issues.length;
                    if (nextLen === currLen)
                        continue;
                    core_util/* attachSchema */.d3(payload.issues, currLen, inst);
                    if (!isAborted)
                        isAborted = core_util/* aborted */.QH(payload, currLen);
                }
            }
            if (asyncResult) {
                return asyncResult.then(() => {
                    return payload;
                });
            }
            return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
            // abort if the canary is aborted
            if (core_util/* aborted */.QH(canary)) {
                canary.aborted = true;
                return canary;
            }
            // run checks first, then
            const checkResult = runChecks(payload, checks, ctx);
            if (checkResult instanceof Promise) {
                if (ctx.async === false)
                    throw new core_core/* $ZodAsyncError */.GT();
                return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
            }
            return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
            if (ctx.skipChecks) {
                return inst._zod.parse(payload, ctx);
            }
            if (ctx.direction === "backward") {
                // run canary initial pass (no checks)
                const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
                if (canary instanceof Promise) {
                    return canary.then((canary) => {
                        return handleCanaryResult(canary, payload, ctx);
                    });
                }
                return handleCanaryResult(canary, payload, ctx);
            }
            // forward
            const result = inst._zod.parse(payload, ctx);
            if (result instanceof Promise) {
                if (ctx.async === false)
                    throw new core_core/* $ZodAsyncError */.GT();
                return result.then((result) => runChecks(result, checks, ctx));
            }
            return runChecks(result, checks, ctx);
        };
    }
}, {
    // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
    get "~standard"() {
        return core_util/* hide */.jD(this, "~standard", standardProps(this));
    },
    set "~standard"(value) {
        core_util/* own */.qh(this, "~standard", value);
    },
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
// a Standard Schema result only reports issues, so a failure finalizes them straight off the raw payload: no ZodError, and no lazy result to read through
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())) } : { value: r.value };
async function validateAsync(inst, value) {
    const ctx = { async: true };
    return toStandardResult((await inst._zod.run({ value, issues: [] }, ctx)), ctx);
}
function standardProps(inst) {
    return {
        validate: (value) => {
            const ctx = { async: false };
            try {
                const r = inst._zod.run({ value, issues: [] }, ctx);
                if (!(r instanceof Promise))
                    return toStandardResult(r, ctx);
            }
            catch (_) { }
            // async function so a synchronously throwing check rejects instead of escaping validate
            return validateAsync(inst, value);
        },
        vendor: "zod",
        version: 1,
    };
}

const $ZodString = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodString", (inst, def) => {
    $ZodType.init(inst, def);
    // a format's own pattern, else unbounded; a template literal derives the check-aware form itself
    inst._zod.pattern = def.pattern ?? core_regexes/* anyString */.gp;
    inst._zod.parse = (payload, _) => {
        if (def.coerce)
            try {
                payload.value = String(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "string")
            return payload;
        payload.issues.push({
            expected: "string",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodStringFormat = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodStringFormat", (inst, def) => {
    // check initialization must come first
    core_checks/* $ZodCheckStringFormat */.ql.init(inst, def);
    $ZodString.init(inst, def);
});
const $ZodGUID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodGUID", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* guid */.Os);
    $ZodStringFormat.init(inst, def);
});
const $ZodUUID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodUUID", (inst, def) => {
    if (def.version) {
        const versionMap = {
            v1: 1,
            v2: 2,
            v3: 3,
            v4: 4,
            v5: 5,
            v6: 6,
            v7: 7,
            v8: 8,
        };
        const v = versionMap[def.version];
        if (v === undefined)
            throw new Error(`Invalid UUID version: "${def.version}"`);
        def.pattern ?? (def.pattern = core_regexes/* uuid */.uR(v));
    }
    else
        def.pattern ?? (def.pattern = core_regexes/* uuid */.uR());
    $ZodStringFormat.init(inst, def);
});
const $ZodEmail = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodEmail", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* email */.Rp);
    $ZodStringFormat.init(inst, def);
});
/** The `://` guard rejected the input before the URL constructor saw it. */
const URL_BAD_FORMAT = 1;
/** The URL parser rejected the input. */
const URL_UNPARSEABLE = 2;
function canParseURL(input) {
    try {
        if (typeof URL !== "undefined" && typeof URL.canParse === "function")
            return URL.canParse(input);
        new URL(input);
        return true;
    }
    catch {
        return false;
    }
}
function validateURL(trimmed, def) {
    if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
        return canParseURL(trimmed) || URL_UNPARSEABLE;
    }
    return parseURLObject(trimmed, def);
}
/** Parses a URL while preserving the non-normalizing HTTP guard. */
function parseURLObject(trimmed, def) {
    // When normalize is off, require :// for http/https URLs. This prevents strings like "http:example.com" or "https:/path" from being silently accepted
    if (!def.normalize && def.protocol?.source === core_regexes/* httpProtocol */.F.source && !/^https?:\/\//i.test(trimmed)) {
        return URL_BAD_FORMAT;
    }
    try {
        if (typeof URL !== "undefined") {
            const URLStatic = URL;
            if (typeof URLStatic.parse === "function")
                return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
        }
        // @ts-ignore
        return new URL(trimmed);
    }
    catch {
        return URL_UNPARSEABLE;
    }
}
const asciiTabOrNewline = /[\t\n\r]/g;
/** The URL parser deletes every ASCII tab, LF and CR from its input before it parses, so `new URL("https://exa\nmple.com")` reports on `example.com`. Applying the same deletion to the returned value closes the half of that divergence which can move the host; the parser's other rewrite, stripping C0 controls at the edges, cannot. */
function stripTabAndNewline(value) {
    return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url, hostname) {
    hostname.lastIndex = 0;
    return hostname.test(url.hostname);
}
function urlProtocolOk(url, protocol) {
    protocol.lastIndex = 0;
    return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
const $ZodURL = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodURL", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        try {
            // Trim whitespace from input
            const trimmed = payload.value.trim();
            const url = validateURL(trimmed, def);
            if (url === URL_BAD_FORMAT) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid URL format",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === URL_UNPARSEABLE) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === true) {
                payload.value = stripTabAndNewline(trimmed);
                return;
            }
            if (def.hostname && !urlHostnameOk(url, def.hostname)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid hostname",
                    pattern: def.hostname.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            if (def.protocol && !urlProtocolOk(url, def.protocol)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid protocol",
                    pattern: def.protocol.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            // Set the output value based on normalize flag
            payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
            return;
        }
        catch (_) {
            payload.issues.push({
                code: "invalid_format",
                format: "url",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodEmoji = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodEmoji", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* emoji */.Zg());
    $ZodStringFormat.init(inst, def);
});
const $ZodNanoID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNanoID", (inst, def) => {
    if (def.length !== undefined && (!Number.isInteger(def.length) || def.length < 1))
        throw new Error(`Invalid nanoid length: ${def.length}`);
    def.pattern ?? (def.pattern = def.length === undefined ? core_regexes/* nanoid */.Ak : core_regexes/* nanoidOfLength */.D2(def.length));
    $ZodStringFormat.init(inst, def);
});
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const $ZodCUID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCUID", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* cuid */.gF);
    $ZodStringFormat.init(inst, def);
});
const $ZodCUID2 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCUID2", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* cuid2 */.Gl);
    $ZodStringFormat.init(inst, def);
});
const $ZodULID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodULID", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* ulid */.Z0);
    $ZodStringFormat.init(inst, def);
});
const $ZodXID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodXID", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* xid */.kM);
    $ZodStringFormat.init(inst, def);
});
const $ZodKSUID = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodKSUID", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* ksuid */.fO);
    $ZodStringFormat.init(inst, def);
});
const $ZodISODateTime = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodISODateTime", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* datetime */.w$(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODate = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodISODate", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* date */.p6);
    $ZodStringFormat.init(inst, def);
});
const $ZodISOTime = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodISOTime", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* time */.kB(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODuration = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodISODuration", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* duration */.p0);
    $ZodStringFormat.init(inst, def);
});
const $ZodIPv4 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodIPv4", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* ipv4 */.uX);
    $ZodStringFormat.init(inst, def);
});
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
    if (!ipv6Alphabet.test(value))
        return false;
    return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodIPv6", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* ipv6 */.ug);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidIPv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "ipv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMAC", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.mac(def.delimiter));
    $ZodStringFormat.init(inst, def);
})));
const $ZodCIDRv4 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCIDRv4", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* cidrv4 */.zr);
    $ZodStringFormat.init(inst, def);
});
function isValidCIDRv6(value) {
    const parts = value.split("/");
    if (parts.length !== 2)
        return false;
    const [address, prefix] = parts;
    if (!prefix)
        return false;
    const prefixNum = Number(prefix);
    if (`${prefixNum}` !== prefix)
        return false;
    if (prefixNum < 0 || prefixNum > 128)
        return false;
    return isValidIPv6(address);
}
const $ZodCIDRv6 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCIDRv6", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* cidrv6 */.l7); // not used for validation
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidCIDRv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "cidrv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
//////////////////////////////   ZodBase64   //////////////////////////////
function isValidBase64(data) {
    if (data === "")
        return true;
    // atob ignores whitespace, so reject it up front.
    if (/\s/.test(data))
        return false;
    if (data.length % 4 !== 0)
        return false;
    try {
        // @ts-ignore
        atob(data);
        return true;
    }
    catch {
        return false;
    }
}
// lax on purpose: the quantified regexes.base64 overflows the regex stack on multi-MB input and its leading ^$| alternation leaks through template-literal composition; isValidBase64 enforces length and padding
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const $ZodBase64 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodBase64", (inst, def) => {
    def.pattern ?? (def.pattern = base64Charset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
//////////////////////////////   ZodBase64URL   //////////////////////////////
// lax on purpose: the quantified regexes.base64url overflows the regex stack on multi-MB input; isValidBase64 enforces length on the padded string
const base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
    if (!base64urlCharset.test(data))
        return false;
    const base64 = data.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
    const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, "=");
    return isValidBase64(padded);
}
const $ZodBase64URL = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodBase64URL", (inst, def) => {
    def.pattern ?? (def.pattern = base64urlCharset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64URL(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64url",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodE164 = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodE164", (inst, def) => {
    def.pattern ?? (def.pattern = core_regexes/* e164 */.hQ);
    $ZodStringFormat.init(inst, def);
});
//////////////////////////////   ZodCreditCard   //////////////////////////////
const CC_SANITIZE = /[- ]/g;
/** Luhn checksum on a digit-only string. Adapted from valibot (MIT). */
function isLuhnAlgo(digits) {
    let length = digits.length;
    let bit = 1;
    let sum = 0;
    while (length) {
        const value = digits.charCodeAt(--length) - 48;
        bit ^= 1;
        sum += bit ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][value] : value;
    }
    return sum % 10 === 0;
}
function isValidCreditCard(input) {
    if (!regexes.creditCard.test(input))
        return false;
    return isLuhnAlgo(input.replace(CC_SANITIZE, ""));
}
const $ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCreditCard", (inst, def) => {
    // Shape only — the Luhn check below is not expressible as a pattern, so consumers of `pattern` (JSON Schema, template literals) get the length and separator rules alone.
    def.pattern ?? (def.pattern = regexes.creditCard);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidCreditCard(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "credit_card",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodIBAN   //////////////////////////////
// iso 7064 mod 97-10 checksum without BigInt
function isIso7064Mod97(iban) {
    let remainder = 0;
    const len = iban.length;
    for (let i = 4; i < len; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    for (let i = 0; i < 4; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    return remainder === 1;
}
function isValidIBAN(input) {
    if (!regexes.iban.test(input))
        return false;
    return isIso7064Mod97(input);
}
const $ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIBAN", (inst, def) => {
    // shape only — checksum is not expressible as a pattern
    def.pattern ?? (def.pattern = regexes.iban);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidIBAN(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "iban",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodJWT   //////////////////////////////
function isValidJWT(token, algorithm = null) {
    try {
        const tokensParts = token.split(".");
        if (tokensParts.length !== 3)
            return false;
        const [header] = tokensParts;
        if (!header)
            return false;
        // @ts-ignore
        const parsedHeader = JSON.parse(atob(header));
        if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT")
            return false;
        if (!parsedHeader.alg)
            return false;
        if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm))
            return false;
        return true;
    }
    catch {
        return false;
    }
}
const $ZodJWT = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodJWT", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidJWT(payload.value, def.alg))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "jwt",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCustomStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (def.fn(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: def.format,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodNumber = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNumber", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = core_regexes/* number */.ai;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Number(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
            return payload;
        }
        const received = typeof input === "number"
            ? Number.isNaN(input)
                ? "NaN"
                : !Number.isFinite(input)
                    ? String(input)
                    : undefined
            : undefined;
        payload.issues.push({
            expected: "number",
            code: "invalid_type",
            input,
            inst,
            ...(received ? { received } : {}),
        });
        return payload;
    };
});
const $ZodNumberFormat = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNumberFormat", (inst, def) => {
    core_checks/* $ZodCheckNumberFormat */.KH.init(inst, def);
    $ZodNumber.init(inst, def); // no format checks
});
const $ZodBoolean = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodBoolean", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = core_regexes/* boolean */.zM;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Boolean(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "boolean")
            return payload;
        payload.issues.push({
            expected: "boolean",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
});
const $ZodBigInt = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodBigInt", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = core_regexes/* bigint */.o;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = BigInt(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "bigint")
            return payload;
        payload.issues.push({
            expected: "bigint",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBigIntFormat", (inst, def) => {
    checks.$ZodCheckBigIntFormat.init(inst, def);
    $ZodBigInt.init(inst, def); // no format checks
})));
const $ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSymbol", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "symbol")
            return payload;
        payload.issues.push({
            expected: "symbol",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodUndefined", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.undefined;
    inst._zod.values = new Set([undefined]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "undefined",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNull", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.null;
    inst._zod.values = new Set([null]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (input === null)
            return payload;
        payload.issues.push({
            expected: "null",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodAny", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
})));
const $ZodUnknown = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodUnknown", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNever", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        payload.issues.push({
            expected: "never",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodVoid", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "void",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodDate = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodDate", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce) {
            try {
                payload.value = new Date(payload.value);
            }
            catch (_err) { }
        }
        const input = payload.value;
        const isDate = input instanceof Date;
        const isValidDate = isDate && !Number.isNaN(input.getTime());
        if (isValidDate)
            return payload;
        payload.issues.push({
            expected: "date",
            code: "invalid_type",
            input,
            ...(isDate ? { received: "Invalid Date" } : {}),
            inst,
        });
        return payload;
    };
});
// an oversized container fails its leading size checks before any element is parsed
function capSize(inst, size) {
    const caps = core_util/* sizeCaps */.hi(inst._zod.def.checks);
    if (!caps.length)
        return;
    const cap = Math.min(...caps.map((c) => c[0]));
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, ctx) => {
        const n = size(payload.value);
        if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
            for (const [max, ch] of core_util/* sizeCaps */.hi(inst._zod.def.checks)) {
                if (n > max && ch._zod.def.when(payload)) {
                    const start = payload.issues.length;
                    ch._zod.check(payload);
                    // the value is still the raw input, so no later check may read it
                    payload.issues[start].continue = false;
                    core_util/* attachSchema */.d3(payload.issues, start, inst);
                    return payload;
                }
            }
        }
        return parse(payload, ctx);
    };
}
const arraySize = (input) => (Array.isArray(input) ? input.length : -1);
const mapSize = (input) => (input instanceof Map ? input.size : -1);
const setSize = (input) => (input instanceof Set ? input.size : -1);
function handleArrayResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...core_util/* prefixIssues */.lQ(index, result.issues));
    }
    final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodArray", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core_core/* globalConfig */.cr.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                expected: "array",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
        const proms = [];
        const abortEarly = ctx?.abortEarly;
        for (let i = 0; i < input.length; i++) {
            const item = input[i];
            const result = def.element._zod.run({
                value: item,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleArrayResult(result, payload, i)));
            }
            else {
                handleArrayResult(result, payload, i);
                // the element's payload is authoritative here, since handleArrayResult forwards every issue; an object's is not, because it drops a failed absent optional
                if (abortEarly && result.issues.length !== 0 && core_util/* aborted */.QH(result))
                    break;
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload; //handleArrayResultsAsync(parseResults, final);
    };
    capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
    const isPresent = key in input;
    const isOptionalOut = optout === "optional";
    // The middle rung means "absence permitted, nothing supplied in its place", so an absent key contributes nothing — whatever the schema made of `undefined` is invented, not substituted. Only `optional` reaches this with a value: `defaulted` substitutes, and a schema that isn't optional-out has to keep the key.
    if (!isPresent && isOptionalOut && optin === "optional") {
        return;
    }
    if (result.issues.length) {
        // For optional-in/out schemas, ignore errors on absent keys.
        if (optin !== undefined && isOptionalOut && !isPresent) {
            return;
        }
        final.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
    }
    if (!isPresent && optin === undefined) {
        if (!result.issues.length) {
            final.issues.push({
                code: "invalid_type",
                expected: "nonoptional",
                input: undefined,
                path: [key],
            });
        }
        return;
    }
    if (result.value === undefined) {
        if (isPresent || (optin === "defaulted" && !isOptionalOut)) {
            final.value[key] = undefined;
        }
    }
    else {
        final.value[key] = result.value;
    }
}
// one shared instance; a fresh [] per schema cost 56 bytes retained
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
    const keys = Object.keys(def.shape);
    const ownSymbols = Object.getOwnPropertySymbols(def.shape);
    const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
    // aliases `keys` when there are no symbols, so a string-only shape keeps one array
    const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
    for (const k of allKeys) {
        if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
            throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
        }
    }
    const okeys = core_util/* optionalKeys */.NM(def.shape);
    return {
        ...def,
        allKeys,
        symbolKeys,
        // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
        keySet: new Set(keys),
        numKeys: keys.length,
        optionalKeys: new Set(okeys),
    };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
    const unrecognized = [];
    const keySet = def.keySet;
    const _catchall = def.catchall._zod;
    const t = _catchall.def.type;
    const optin = _catchall.optin;
    const optout = _catchall.optout;
    // starts at 0, not the current length: the shape phase already ran and may have aborted
    let seen = 0;
    for (const key in input) {
        if (abortEarly && payload.issues.length !== seen) {
            if (core_util/* aborted */.QH(payload, seen))
                break;
            seen = payload.issues.length;
        }
        // Must precede the __proto__ branch: a declared key is not unrecognized, even though the shape loop deliberately strips __proto__ from the parsed output.
        if (keySet.has(key))
            continue;
        // Don't copy an undeclared __proto__ into the result; assignment to a plain {} would replace the result prototype. But in strict mode it is still an unknown key, so report it before skipping.
        if (key === "__proto__") {
            if (t === "never")
                unrecognized.push(key);
            continue;
        }
        if (t === "never") {
            unrecognized.push(key);
            continue;
        }
        const r = _catchall.run({ value: input[key], issues: [] }, ctx);
        if (r instanceof Promise) {
            proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
        }
        else {
            handlePropertyResult(r, payload, key, input, optin, optout);
        }
    }
    if (unrecognized.length) {
        payload.issues.push({
            code: "unrecognized_keys",
            keys: unrecognized,
            input,
            inst,
            // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
            continue: true,
        });
    }
    if (!proms.length)
        return payload;
    return Promise.all(proms).then(() => {
        return payload;
    });
}
const $ZodObject = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodObject", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodType.init(inst, def);
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    // a cloned def carries its source's accessor, which knows the shape it answers from; adopting that keeps the clone's keys readable without running it
    const sh = desc?.get ? desc.get.raw : (def.shape ?? {});
    if (sh) {
        // Freezes the shape on first read, so its getters resolve once and every later read sees the same schemas.
        const get = () => {
            const newSh = { ...sh };
            Object.defineProperty(def, "shape", { value: newSh });
            get.raw = newSh;
            return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
    }
    const _normalized = core_util/* cached */.PO(() => normalizeDef(def));
    core_util/* defineLazyInternal */.v5(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
            const field = shape[key]._zod;
            if (field.values) {
                if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
                    core_util/* assignProp */.Vy(propValues, key, new Set());
                }
                for (const v of field.values)
                    propValues[key].add(v);
                // An omittable slot reads back as undefined at a discriminator lookup, so it has to claim undefined: two options that can both omit the key are not discriminable on it.
                if (field.optin !== undefined)
                    propValues[key].add(undefined);
            }
        }
        return propValues;
    });
    const isObject = core_util/* isObject */.Gv;
    const catchall = def.catchall;
    let value;
    const memo = core_core/* globalConfig */.cr.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
            if (abortEarly && payload.issues.length !== seen) {
                if (core_util/* aborted */.QH(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            if (key === "__proto__")
                continue;
            const el = shape[key];
            const optin = el._zod.optin;
            const optout = el._zod.optout;
            const r = el._zod.run({ value: input[key], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
            }
            else {
                handlePropertyResult(r, payload, key, input, optin, optout);
            }
        }
        if (!catchall) {
            return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
    };
});
const $ZodObjectJIT = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodObjectJIT", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodObject.init(inst, def);
    const superParse = inst._zod.parse;
    const _normalized = core_util/* cached */.PO(() => normalizeDef(def));
    const memo = core_core/* globalConfig */.cr.memoizer;
    const generateFastpass = (shape) => {
        const normalized = _normalized.value;
        const syms = normalized.symbolKeys;
        // a symbol has no source literal, so it is read as `syms[i]` off the closed-over scope
        const doc = new Doc(["payload", "ctx"], { shape, inst, memo, syms });
        const parseStr = (k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`;
        // prefixes in place, like util.prefixIssues. newResult must land before the early return: a catchall runs after this and would otherwise write onto the caller's input
        const prefixStr = (id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`;
        doc.write(`const input = payload.value;`);
        const ids = Object.create(null);
        let counter = 0;
        for (const key of normalized.allKeys) {
            ids[key] = `key_${counter++}`;
        }
        // A: preserve key order {
        doc.write(memo ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
        for (const key of normalized.allKeys) {
            if (key === "__proto__")
                continue;
            const id = ids[key];
            const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : core_util/* esc */.UQ(key);
            const isPresent = `${k} in input`;
            const schema = shape[key];
            const optin = schema?._zod?.optin;
            const isOptionalIn = optin !== undefined;
            const isOptionalOut = schema?._zod?.optout === "optional";
            doc.write(`const ${id} = ${parseStr(k)};`);
            if (isOptionalIn && isOptionalOut) {
                // For optional-in/out schemas, ignore errors on absent keys — and, like the interpreted path, drop the value produced alongside them. The middle rung goes further: it permits absence without supplying anything in its place, so an absent key contributes nothing at all.
                const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
                doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
            }
            else if (!isOptionalIn) {
                doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
            }
            else {
                doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
                if (optin === "defaulted") {
                    doc.write(`newResult[${k}] = ${id}.value;`);
                }
                else {
                    doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
                }
            }
        }
        doc.write(`payload.value = newResult;`);
        doc.write(`return payload;`);
        // closing `shape` in is what pays: turbofan specializes the parser against that one shape object, so every `shape[k]._zod.run` folds to a known callee. as a parameter it stays a generic load and measures 13% slower even with the forwarding frame gone
        return doc.compile();
    };
    let fastpass;
    const isObject = core_util/* isObject */.Gv;
    const jit = !core_core/* globalConfig */.cr.jitless;
    const allowsEval = core_util/* allowsEval */.hI;
    const fastEnabled = jit && allowsEval.value; // && !def.catchall;
    const catchall = def.catchall;
    let value;
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
            // always synchronous
            if (!fastpass)
                fastpass = generateFastpass(def.shape);
            payload = fastpass(payload, ctx);
            if (!catchall)
                return payload;
            return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
        }
        return superParse(payload, ctx);
    };
});
function handleUnionResults(results, final, inst, ctx) {
    for (const result of results) {
        if (result.issues.length === 0) {
            final.value = result.value;
            return final;
        }
    }
    const nonaborted = results.filter((r) => !core_util/* aborted */.QH(r));
    if (nonaborted.length === 1) {
        final.value = nonaborted[0].value;
        return nonaborted[0];
    }
    final.issues.push({
        code: "invalid_union",
        input: final.value,
        inst,
        errors: results.map((result) => result.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W()))),
    });
    return final;
}
const $ZodUnion = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodUnion", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted")
        ? "defaulted"
        : zod.def.options.some((o) => o._zod.optin !== undefined)
            ? "optional"
            : undefined);
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : undefined);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => {
        if (zod.def.options.every((o) => o._zod.values)) {
            return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
        }
        return undefined;
    });
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        if (zod.def.options.every((o) => o._zod.pattern)) {
            const patterns = zod.def.options.map((o) => o._zod.pattern);
            return new RegExp(`^(${patterns.map((p) => core_util/* cleanRegex */.p6(p.source)).join("|")})$`);
        }
        return undefined;
    });
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                if (result.issues.length === 0)
                    return result;
                results.push(result);
            }
        }
        if (!async)
            return handleUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleUnionResults(results, payload, inst, ctx);
        });
    };
});
function handleExclusiveUnionResults(results, final, inst, ctx) {
    const matches = [];
    for (let i = 0; i < results.length; i++) {
        if (results[i].issues.length === 0)
            matches.push(i);
    }
    if (matches.length === 1) {
        final.value = results[matches[0]].value;
        return final;
    }
    if (matches.length === 0) {
        // No matches - same as regular union
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: results.map((result) => result.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config()))),
        });
    }
    else {
        // Multiple matches - exclusive union failure
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: [],
            inclusive: false,
            matches,
        });
    }
    return final;
}
const $ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodXor", (inst, def) => {
    $ZodUnion.init(inst, def);
    def.inclusive = false;
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                results.push(result);
            }
        }
        if (!async)
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        });
    };
})));
/** Returns the option whose discriminator claims `value`, or throws if ambiguous. */
function getDiscriminatedOption(union, value) {
    const internals = union._zod;
    let map = internals.bag.optionsMap;
    if (!map) {
        map = discriminatorMap(internals.def);
        internals.bag.optionsMap = map;
    }
    const option = map.get(value);
    if (option === null)
        throw new Error(`Ambiguous discriminator value "${String(value)}"`);
    return option;
}
function discriminatorMap(def) {
    const map = new Map();
    for (const option of def.options) {
        const values = option._zod.propValues?.[def.discriminator];
        if (!values || values.size === 0)
            throw new Error(`Invalid discriminated union option at index "${def.options.indexOf(option)}"`);
        for (const value of values) {
            if (map.has(value)) {
                if (value !== undefined)
                    throw new Error(`Duplicate discriminator value "${String(value)}"`);
                // keep the collision marked so a later member cannot reclaim it
                map.set(value, null);
            }
            else {
                map.set(value, option);
            }
        }
    }
    return map;
}
const $ZodDiscriminatedUnion = 
/*@__PURE__*/
(/* unused pure expression or super */ null && (core.$constructor("$ZodDiscriminatedUnion", (inst, def) => {
    def.inclusive = false;
    $ZodUnion.init(inst, def);
    const _super = inst._zod.parse;
    util.defineLazyInternal(inst, "propValues", (zod) => {
        const propValues = {};
        let undefinedCount = 0;
        for (const option of zod.def.options) {
            const pv = option._zod.propValues;
            if (!pv || Object.keys(pv).length === 0)
                throw new Error(`Invalid discriminated union option at index "${zod.def.options.indexOf(option)}"`);
            if (pv[zod.def.discriminator]?.has(undefined))
                undefinedCount++;
            for (const [k, v] of Object.entries(pv)) {
                if (!Object.prototype.hasOwnProperty.call(propValues, k)) {
                    util.assignProp(propValues, k, new Set());
                }
                for (const val of v) {
                    propValues[k].add(val);
                }
            }
        }
        if (!zod.def.unionFallback && undefinedCount > 1)
            propValues[zod.def.discriminator]?.delete(undefined);
        return propValues;
    });
    // Checked now rather than in the lookup map below, so an option that lacks the discriminator fails at the `discriminatedUnion` call instead of on the first object parsed. Options whose shape cannot be enumerated without resolving it — pipes and lazies — are left to the map.
    def.options.forEach((option, i) => {
        const propShape = util.rawShape(option._zod.def);
        if (propShape && !Object.prototype.hasOwnProperty.call(propShape, def.discriminator)) {
            throw new Error(`Invalid discriminated union option at index "${i}"`);
        }
    });
    const disc = util.cached(() => discriminatorMap(def));
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!util.isObject(input)) {
            payload.issues.push({
                code: "invalid_type",
                expected: "object",
                input,
                inst,
            });
            return payload;
        }
        const value = input?.[def.discriminator];
        const opt = disc.value.get(value);
        // forward metadata cannot choose an encoder for an absent tag
        if (opt && (value !== undefined || ctx.direction !== "backward")) {
            return opt._zod.run(payload, ctx);
        }
        // Fall back to union matching when the fast discriminator path fails:
        // - explicitly enabled via unionFallback, or
        // - during backward direction (encode), since codec-based discriminators have different values in forward vs backward directions
        if (def.unionFallback || ctx.direction === "backward") {
            return _super(payload, ctx);
        }
        // no matching discriminator
        payload.issues.push({
            code: "invalid_union",
            errors: [],
            note: "No matching discriminator",
            discriminator: def.discriminator,
            options: Array.from(disc.value.keys()).filter((value) => disc.value.get(value) !== null),
            input,
            path: [def.discriminator],
            inst,
        });
        return payload;
    };
})));
const $ZodIntersection = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodIntersection", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        const left = def.left._zod.run({ value: input, issues: [] }, ctx);
        const right = def.right._zod.run({ value: input, issues: [] }, ctx);
        const async = left instanceof Promise || right instanceof Promise;
        if (async) {
            return Promise.all([left, right]).then(([left, right]) => {
                return handleIntersectionResults(payload, left, right);
            });
        }
        return handleIntersectionResults(payload, left, right);
    };
});
function mergeValues(a, b) {
    // const aType = parse.t(a);
    // const bType = parse.t(b);
    if (a === b) {
        return { valid: true, data: a };
    }
    if (a instanceof Date && b instanceof Date && +a === +b) {
        return { valid: true, data: a };
    }
    if (core_util/* isPlainObject */.Qd(a) && core_util/* isPlainObject */.Qd(b)) {
        const bKeys = Object.keys(b);
        const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
        const newObj = { ...a, ...b };
        if (Object.prototype.hasOwnProperty.call(newObj, "__proto__"))
            delete newObj.__proto__;
        for (const key of sharedKeys) {
            if (key === "__proto__")
                continue;
            const sharedValue = mergeValues(a[key], b[key]);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [key, ...sharedValue.mergeErrorPath],
                };
            }
            newObj[key] = sharedValue.data;
        }
        return { valid: true, data: newObj };
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) {
            return { valid: false, mergeErrorPath: [] };
        }
        const newArray = [];
        for (let index = 0; index < a.length; index++) {
            const itemA = a[index];
            const itemB = b[index];
            const sharedValue = mergeValues(itemA, itemB);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [index, ...sharedValue.mergeErrorPath],
                };
            }
            newArray.push(sharedValue.data);
        }
        return { valid: true, data: newArray };
    }
    return { valid: false, mergeErrorPath: [] };
}
function handleIntersectionResults(result, left, right) {
    // Track which side(s) reject each key. A key rejection is reported only when BOTH sides reject it, so a key owned by one branch survives the other's key schema. strictObject reports these as unrecognized_keys; a record with an open key schema reports one invalid_key per key.
    const unrecKeys = new Map();
    let unrecIssue;
    const keyIssues = new Map();
    const collect = (iss, side) => {
        let keys;
        if (iss.code === "unrecognized_keys" && !iss.path?.length) {
            unrecIssue ?? (unrecIssue = iss);
            keys = iss.keys;
        }
        else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
            const k = String(iss.path[0]);
            if (!keyIssues.has(k))
                keyIssues.set(k, iss);
            keys = [k];
        }
        else {
            return false;
        }
        for (const k of keys) {
            if (!unrecKeys.has(k))
                unrecKeys.set(k, {});
            unrecKeys.get(k)[side] = true;
        }
        return true;
    };
    for (const iss of left.issues) {
        if (!collect(iss, "l"))
            result.issues.push(iss);
    }
    for (const iss of right.issues) {
        if (!collect(iss, "r"))
            result.issues.push(iss);
    }
    // Report only keys rejected by BOTH sides
    const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
    if (bothKeys.length) {
        const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
        if (aggregated.length)
            result.issues.push({ ...unrecIssue, keys: aggregated });
        for (const k of bothKeys) {
            if (!aggregated.includes(k) && keyIssues.has(k))
                result.issues.push(keyIssues.get(k));
        }
    }
    const merged = mergeValues(left.value, right.value);
    if (!merged.valid) {
        if (core_util/* aborted */.QH(result))
            return result;
        throw new Error(`Unmergable intersection. Error path: ` + `${JSON.stringify(merged.mergeErrorPath)}`);
    }
    result.value = merged.data;
    return result;
}
const $ZodTuple = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodTuple", (inst, def) => {
    $ZodType.init(inst, def);
    const items = def.items;
    const memo = core_core/* globalConfig */.cr.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                input,
                inst,
                expected: "tuple",
                code: "invalid_type",
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, [], ctx) : [];
        const proms = [];
        const optinStart = getTupleOptStart(items, "optin");
        const optoutStart = getTupleOptStart(items, "optout");
        if (!def.rest) {
            if (input.length < optinStart) {
                payload.issues.push({
                    code: "too_small",
                    minimum: optinStart,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
                return payload;
            }
            if (input.length > items.length) {
                payload.issues.push({
                    code: "too_big",
                    maximum: items.length,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
            }
        }
        // Run every item in parallel, collecting results into an indexed array. The post-processing in `handleTupleResults` walks them in order so it can decide whether an absent optional-output error can truncate the tail or must be reported to preserve required output.
        const itemResults = new Array(items.length);
        // only tracked when there is a rest loop to skip
        const abortEarly = def.rest ? ctx?.abortEarly : undefined;
        let itemAborted = false;
        for (let i = 0; i < items.length; i++) {
            const r = items[i]._zod.run({ value: input[i], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((rr) => {
                    itemResults[i] = rr;
                }));
            }
            else {
                itemResults[i] = r;
                if (abortEarly && !itemAborted && r.issues.length)
                    itemAborted = core_util/* aborted */.QH(r);
            }
        }
        // sound because rest is non-empty exactly when every fixed index is present, the one case handleTupleResults cannot discard an item's issues
        if (def.rest && !itemAborted) {
            let i = items.length - 1;
            const rest = input.slice(items.length);
            let seen = payload.issues.length;
            for (const el of rest) {
                if (abortEarly && payload.issues.length !== seen) {
                    if (core_util/* aborted */.QH(payload, seen))
                        break;
                    seen = payload.issues.length;
                }
                i++;
                const result = def.rest._zod.run({ value: el, issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((r) => handleTupleResult(r, payload, i)));
                }
                else {
                    handleTupleResult(result, payload, i);
                }
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => handleTupleResults(itemResults, payload, items, input, optoutStart));
        }
        return handleTupleResults(itemResults, payload, items, input, optoutStart);
    };
});
function getTupleOptStart(items, key) {
    for (let i = items.length - 1; i >= 0; i--) {
        // optin is a three-rung ladder so any rung above `undefined` permits an absent slot; optout stays two-valued.
        const omittable = key === "optin" ? items[i]._zod.optin !== undefined : items[i]._zod.optout === "optional";
        if (!omittable)
            return i + 1;
    }
    return 0;
}
function handleTupleResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...core_util/* prefixIssues */.lQ(index, result.issues));
    }
    final.value[index] = result.value;
}
function handleTupleResults(itemResults, final, items, input, optoutStart) {
    // Walk results in order. Mirror $ZodObject's swallow-on-absent-optional rule, but only after `optoutStart`: the first index where the output tuple tail can be absent.
    for (let i = 0; i < items.length; i++) {
        const r = itemResults[i];
        const isPresent = i < input.length;
        // The array analog of `handlePropertyResult`'s absent-key early return: the middle rung permits absence without supplying anything in its place, so the tail truncates here instead of materializing whatever the item made of `undefined`.
        if (!isPresent && i >= optoutStart && items[i]._zod.optin === "optional") {
            final.value.length = i;
            break;
        }
        if (r.issues.length) {
            if (!isPresent && i >= optoutStart) {
                final.value.length = i;
                break;
            }
            final.issues.push(...core_util/* prefixIssues */.lQ(i, r.issues));
        }
        final.value[i] = r.value;
    }
    // Drop trailing slots that produced `undefined` for absent input
    // (the array analog of an absent optional key on an object). The
    // `i >= input.length` floor is critical: an explicit `undefined`
    // *inside* the input must be preserved even when the schema is
    // optional-out (e.g. `z.string().or(z.undefined())` accepting an
    // explicit undefined value).
    for (let i = final.value.length - 1; i >= input.length; i--) {
        if (items[i]._zod.optout === "optional" && final.value[i] === undefined) {
            final.value.length = i;
        }
        else {
            break;
        }
    }
    return final;
}
const $ZodRecord = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodRecord", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core_core/* globalConfig */.cr.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!core_util/* isPlainObject */.Qd(input)) {
            payload.issues.push({
                expected: "record",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        // no guard in either loop below: a record's invalid_key aborts but an enclosing intersection can reconcile it, so a stopped loop hides keys the sibling does not own and the intersection then rejects nothing
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            const recordKeys = new Set();
            for (const key of values) {
                if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
                    recordKeys.add(typeof key === "number" ? key.toString() : key);
                    // A declared __proto__ is stripped but is not an unrecognized key.
                    if (key === "__proto__")
                        continue;
                    const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                    if (keyResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (keyResult.issues.length) {
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())),
                            input: key,
                            path: [key],
                            inst,
                        });
                        continue;
                    }
                    const outKey = keyResult.value;
                    if (outKey === "__proto__")
                        continue;
                    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                    if (result instanceof Promise) {
                        proms.push(result.then((result) => {
                            if (result.issues.length) {
                                payload.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
                            }
                            payload.value[outKey] = result.value;
                        }));
                    }
                    else {
                        if (result.issues.length) {
                            payload.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }
                }
            }
            let unrecognized;
            for (const key in input) {
                if (!recordKeys.has(key)) {
                    if (def.mode === "loose") {
                        // skip __proto__ so it can't replace the result prototype via the assignment setter on the plain {} we build into
                        if (key === "__proto__")
                            continue;
                        payload.value[key] = input[key];
                    }
                    else {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        else {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            // An enumerable key schema declares which keys the record owns, so a key outside the set is unrecognized. A non-enumerable one (regex, refine) is a constraint every key must satisfy, so a failing key is invalid. Only the former is reconcilable against the other side of an intersection.
            let unrecognized;
            // Reflect.ownKeys for Symbol-key support; filter non-enumerable to match z.object()
            for (const key of Reflect.ownKeys(input)) {
                if (key === "__proto__")
                    continue;
                if (!Object.prototype.propertyIsEnumerable.call(input, key))
                    continue;
                let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                if (keyResult instanceof Promise) {
                    throw new Error("Async schemas not supported in object keys currently");
                }
                // Numeric string fallback: if key is a numeric string and failed, retry with Number(key). This handles z.number(), z.literal([1, 2, 3]), and unions containing numeric literals
                const checkNumericKey = typeof key === "string" && core_regexes/* number */.ai.test(key) && keyResult.issues.length;
                if (checkNumericKey) {
                    const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
                    if (retryResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (retryResult.issues.length === 0) {
                        keyResult = retryResult;
                    }
                }
                if (keyResult.issues.length) {
                    if (def.mode === "loose") {
                        // Pass through unchanged
                        payload.value[key] = input[key];
                    }
                    else if (values) {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                    else {
                        // Default "strict" behavior: error on invalid key
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())),
                            input: key,
                            path: [key],
                            inst,
                        });
                    }
                    continue;
                }
                // the guard above tests the raw input key, but the key schema can normalize an ordinary key into __proto__; re-check the key we actually write under
                const outKey = keyResult.value;
                if (outKey === "__proto__")
                    continue;
                const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((result) => {
                        if (result.issues.length) {
                            payload.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }));
                }
                else {
                    if (result.issues.length) {
                        payload.issues.push(...core_util/* prefixIssues */.lQ(key, result.issues));
                    }
                    payload.value[outKey] = result.value;
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload;
    };
});
const $ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMap", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Map)) {
            payload.issues.push({
                expected: "map",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Map(), ctx) : new Map();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const [key, value] of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
            const valueResult = def.valueType._zod.run({ value: value, issues: [] }, ctx);
            if (keyResult instanceof Promise || valueResult instanceof Promise) {
                proms.push(Promise.all([keyResult, valueResult]).then(([keyResult, valueResult]) => {
                    handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
                }));
            }
            else {
                handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
            }
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, mapSize);
})));
function handleMapResult(keyResult, valueResult, final, key, input, inst, ctx) {
    if (keyResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, keyResult.issues));
        }
        else {
            final.issues.push({
                code: "invalid_key",
                origin: "map",
                input,
                inst,
                issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    if (valueResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, valueResult.issues));
        }
        else {
            final.issues.push({
                origin: "map",
                code: "invalid_element",
                input,
                inst,
                key: key,
                issues: valueResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    final.value.set(keyResult.value, valueResult.value);
}
const $ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSet", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Set)) {
            payload.issues.push({
                input,
                inst,
                expected: "set",
                code: "invalid_type",
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Set(), ctx) : new Set();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const item of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const result = def.valueType._zod.run({ value: item, issues: [] }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleSetResult(result, payload)));
            }
            else
                handleSetResult(result, payload);
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, setSize);
})));
function handleSetResult(result, final) {
    if (result.issues.length) {
        final.issues.push(...result.issues);
    }
    final.value.add(result.value);
}
const $ZodEnum = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = core_util/* getEnumValues */.w5(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        const patternValues = core_util/* getEnumValues */.w5(zod.def.entries).filter((k) => core_util/* propertyKeyTypes */.qQ.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => core_util/* escapeRegex */.sD(o.toString())).join("|")})$` : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (valuesSet.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodLiteral = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const values = new Set(def.values);
    inst._zod.values = values;
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        const vals = zod.def.values;
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(vals.length
            ? `^(${vals
                .map((o) => typeof o === "string" ? core_util/* escapeRegex */.sD(o) : o ? core_util/* escapeRegex */.sD(o.toString()) : String(o))
                .join("|")})$`
            : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (values.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values: def.values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFile", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        // @ts-ignore
        if (input instanceof File)
            return payload;
        payload.issues.push({
            expected: "file",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodTransform = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodTransform", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "optional";
    core_core/* globalConfig */.cr.memoizer?.guard(inst);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new core_core/* $ZodEncodeError */.cV(inst.constructor.name);
        }
        const _out = def.transform(payload.value, payload);
        if (ctx.async) {
            const output = _out instanceof Promise ? _out : Promise.resolve(_out);
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        if (_out instanceof Promise) {
            throw new core_core/* $ZodAsyncError */.GT();
        }
        payload.value = _out;
        return payload;
    };
});
function handleOptionalResult(payload, result) {
    // A substituting schema that still failed has no usable answer; yield undefined. Its issues are simply dropped: it ran on a payload of its own, so there is no shared array to truncate and nothing of the caller's to lose with it.
    payload.value = result.issues.length ? undefined : result.value;
    return payload;
}
const $ZodOptional = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodOptional", (inst, def) => {
    $ZodType.init(inst, def);
    // .optional() propagates absence rather than substituting for it, so a defaulted inner keeps its rung.
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    inst._zod.optout = "optional";
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? new Set([...values, undefined]) : undefined;
    });
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${core_util/* cleanRegex */.p6(pattern.source)})?$`) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        if (payload.value === undefined) {
            // Only the top rung substitutes a value for absence; everything else leaves it intact, which is what .optional() means.
            if (def.innerType._zod.optin !== "defaulted")
                return payload;
            // Its own payload, for the same reason $ZodCatch gets one: a pipe forwards an unrecognized key through the caller's issues array, and this must not read that as the substituting schema failing and drop it.
            const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
            if (result instanceof Promise)
                return result.then((result) => handleOptionalResult(payload, result));
            return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodExactOptional = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodExactOptional", (inst, def) => {
    // Call parent init - inherits optin/optout = "optional"
    $ZodOptional.init(inst, def);
    // Override values/pattern to NOT add undefined
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
    // Override parse to just delegate (no undefined handling)
    inst._zod.parse = (payload, ctx) => {
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNullable = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNullable", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.innerType._zod.optin);
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    core_util/* defineLazyInternal */.v5(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${core_util/* cleanRegex */.p6(pattern.source)}|null)$`) : undefined;
    });
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => {
        return zod.def.innerType._zod.values ? new Set([...zod.def.innerType._zod.values, null]) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        // Forward direction (decode): allow null to pass through
        if (payload.value === null)
            return payload;
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodDefault = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply defaults for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
            /**
             * $ZodDefault returns the default value immediately in forward direction.
             * It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
            return payload;
        }
        // Forward direction: continue with default handling
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleDefaultResult(result, def));
        }
        return handleDefaultResult(result, def);
    };
});
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
const $ZodPrefault = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodPrefault", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "defaulted";
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply prefault for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNonOptional = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodNonOptional", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => {
        const v = zod.def.innerType._zod.values;
        return v ? new Set([...v].filter((x) => x !== undefined)) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleNonOptionalResult(result, inst));
        }
        return handleNonOptionalResult(result, inst);
    };
});
function handleNonOptionalResult(payload, inst) {
    if (!payload.issues.length && payload.value === undefined) {
        payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: payload.value,
            inst,
        });
    }
    return payload;
}
const $ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSuccess", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new core.$ZodEncodeError("ZodSuccess");
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => {
                payload.value = result.issues.length === 0;
                return payload;
            });
        }
        payload.value = result.issues.length === 0;
        return payload;
    };
})));
function handleCatchResult(payload, result, def, ctx) {
    if (!result.issues.length) {
        payload.value = result.value;
        // The value carries up, so the flag describing it has to carry with it: a back-edge into a node still being parsed must not be frozen by an enclosing readonly, and its checks belong to the node itself. Guarded so the ordinary case adds no own property.
        if (result.memo)
            payload.memo = true;
        return payload;
    }
    // Spread the inner's own payload, not ours: `value` has to stay the input the catch was handed, and the inner ran on a payload of its own so its issues are already private to this call.
    payload.value = def.catchValue({
        ...result,
        value: payload.value,
        error: {
            issues: result.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply catch logic
        const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleCatchResult(payload, result, def, ctx));
        }
        return handleCatchResult(payload, result, def, ctx);
    };
});
const $ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNaN", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "number" || !Number.isNaN(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "nan",
                code: "invalid_type",
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodPipe = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodPipe", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.in._zod.values);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.in._zod.optin);
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.out._zod.optout);
    core_util/* defineLazyInternal */.v5(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handlePipeResult(right, def.in, ctx));
            }
            return handlePipeResult(right, def.in, ctx);
        }
        const left = def.in._zod.run(payload, ctx);
        if (left instanceof Promise) {
            return left.then((left) => handlePipeResult(left, def.out, ctx));
        }
        return handlePipeResult(left, def.out, ctx);
    };
});
function handlePipeResult(left, next, ctx) {
    // Any issue stops the pipe, so a failing refinement never feeds its transform. An unrecognized key is the exception: it describes the input's extra properties, not the value being piped, and an enclosing intersection may yet reconcile it.
    if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
        // prevent further checks
        left.aborted = true;
        return left;
    }
    return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
const $ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCodec", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    util.defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    util.defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        const direction = ctx.direction || "forward";
        if (direction === "forward") {
            const left = def.in._zod.run(payload, ctx);
            if (left instanceof Promise) {
                return left.then((left) => handleCodecAResult(left, def, ctx));
            }
            return handleCodecAResult(left, def, ctx);
        }
        else {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handleCodecAResult(right, def, ctx));
            }
            return handleCodecAResult(right, def, ctx);
        }
    };
})));
function handleCodecAResult(result, def, ctx) {
    if (result.issues.length) {
        // prevent further checks
        result.aborted = true;
        return result;
    }
    const direction = ctx.direction || "forward";
    if (direction === "forward") {
        const transformed = def.transform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.out, ctx));
        }
        return handleCodecTxResult(result, transformed, def.out, ctx);
    }
    else {
        const transformed = def.reverseTransform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.in, ctx));
        }
        return handleCodecTxResult(result, transformed, def.in, ctx);
    }
}
function handleCodecTxResult(left, value, nextSchema, ctx) {
    // Check if transform added any issues
    if (left.issues.length) {
        left.aborted = true;
        return left;
    }
    return nextSchema._zod.run({ value, issues: left.issues }, ctx);
}
const $ZodPreprocess = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodPreprocess", (inst, def) => {
    $ZodPipe.init(inst, def);
});
const $ZodReadonly = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodReadonly", (inst, def) => {
    $ZodType.init(inst, def);
    core_util/* defineLazyInternal */.v5(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
    core_util/* defineLazyInternal */.v5(inst, "values", (zod) => zod.def.innerType._zod.values);
    core_util/* defineLazyInternal */.v5(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
    core_util/* defineLazyInternal */.v5(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then(handleReadonlyResult);
        }
        return handleReadonlyResult(result);
    };
});
function handleReadonlyResult(payload) {
    // A repeat visit hands back a node that is still being built; freezing it here would make the rest of its keys fail to assign.
    if (!payload.memo)
        payload.value = Object.freeze(payload.value);
    return payload;
}
// a leaf's pattern source with its own checks folded in: the last pattern-carrying check wins, else length bounds narrow the catch-all, else an integer format narrows the number form. the fold lives here instead of on `_zod.pattern` so a bundle without template literals never pays for it
function leafPattern(schema) {
    const def = schema._zod.def;
    let pattern = def.pattern;
    let isInt = !!def.format?.includes("int");
    let minimum;
    let maximum;
    for (const ch of def.checks ?? []) {
        const d = ch._zod.def;
        if (d.pattern)
            pattern = d.pattern;
        isInt || (isInt = !!d.format?.includes("int"));
        const lo = d.minimum ?? d.length;
        const hi = d.maximum ?? d.length;
        if (lo !== undefined && (minimum === undefined || lo > minimum))
            minimum = lo;
        if (hi !== undefined && (maximum === undefined || hi < maximum))
            maximum = hi;
    }
    if (pattern)
        return pattern.source;
    // an empty range matches nothing at runtime, and `{8,5}` is not a legal quantifier
    if (minimum !== undefined && maximum !== undefined && minimum > maximum)
        return "(?!)";
    if (minimum !== undefined || maximum !== undefined)
        return regexes.string({ minimum, maximum }).source;
    const own = schema._zod.pattern;
    return (isInt && own === regexes.number ? regexes.integer : own)?.source;
}
// a part's pattern source. a wrapper's pattern embeds its inner pattern's source verbatim, so the folded form is substituted in place without knowing the wrapper's own composition; a union's options are joined the way the union builds its own pattern
function partPattern(schema) {
    const def = schema._zod.def;
    const own = schema._zod.pattern?.source;
    // lazy resolves its inner on the internals, not the def
    const inner = def.innerType ?? schema._zod.innerType;
    if (inner) {
        const before = inner._zod.pattern?.source;
        const after = partPattern(inner);
        if (own && before && after && after !== before) {
            return own.replace(util.cleanRegex(before), () => util.cleanRegex(after));
        }
        return own;
    }
    if (def.options) {
        const sources = def.options.map(partPattern);
        if (sources.every(Boolean))
            return `^(${sources.map((s) => util.cleanRegex(s)).join("|")})$`;
    }
    return leafPattern(schema);
}
const $ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodTemplateLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const regexParts = [];
    for (const part of def.parts) {
        if (typeof part === "object" && part !== null) {
            // is Zod schema
            const source = partPattern(part);
            if (!source) {
                throw new Error(`Invalid template literal part, no pattern found: ${[...part._zod.traits].shift()}`);
            }
            regexParts.push(util.cleanRegex(source));
        }
        else if (part === null || util.primitiveTypes.has(typeof part)) {
            regexParts.push(util.escapeRegex(`${part}`));
        }
        else {
            throw new Error(`Invalid template literal part: ${part}`);
        }
    }
    inst._zod.pattern = new RegExp(`^${regexParts.join("")}$`);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "string") {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "string",
                code: "invalid_type",
            });
            return payload;
        }
        inst._zod.pattern.lastIndex = 0;
        if (!inst._zod.pattern.test(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                code: "invalid_format",
                format: def.format ?? "template_literal",
                pattern: inst._zod.pattern.source,
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFunction", (inst, def) => {
    $ZodType.init(inst, def);
    // Defined, not assigned: the classic prototype exposes `_def` as a getter with no setter.
    Object.defineProperty(inst, "_def", { value: def });
    inst._zod.def = def;
    inst.implement = (func) => {
        if (typeof func !== "function") {
            throw new Error("implement() must be called with a function");
        }
        // Defined inline so the closure stays anonymous: binding it to a `const` first names it, which costs 256 bytes per implemented function.
        return Object.defineProperty(function (...args) {
            const parsedArgs = inst._def.input ? parse(inst._def.input, args) : args;
            const result = Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return parse(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst.implementAsync = (func) => {
        if (typeof func !== "function") {
            throw new Error("implementAsync() must be called with a function");
        }
        return Object.defineProperty(async function (...args) {
            const parsedArgs = inst._def.input ? await parseAsync(inst._def.input, args) : args;
            const result = await Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return await parseAsync(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "function") {
            payload.issues.push({
                code: "invalid_type",
                expected: "function",
                input: payload.value,
                inst,
            });
            return payload;
        }
        // Check if output is a promise type to determine if we should use async implementation
        const hasPromiseOutput = inst._def.output && inst._def.output._zod.def.type === "promise";
        if (hasPromiseOutput) {
            payload.value = inst.implementAsync(payload.value);
        }
        else {
            payload.value = inst.implement(payload.value);
        }
        return payload;
    };
    inst.input = (...args) => {
        const F = inst.constructor;
        if (Array.isArray(args[0])) {
            return new F({
                type: "function",
                input: new $ZodTuple({
                    type: "tuple",
                    items: args[0],
                    rest: args[1],
                }),
                output: inst._def.output,
            });
        }
        return new F({
            type: "function",
            input: args[0],
            output: inst._def.output,
        });
    };
    inst.output = (output) => {
        const F = inst.constructor;
        return new F({
            type: "function",
            input: inst._def.input,
            output,
        });
    };
    return inst;
})));
const $ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPromise", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        return Promise.resolve(payload.value).then((inner) => def.innerType._zod.run({ value: inner, issues: [] }, ctx));
    };
})));
const $ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodLazy", (inst, def) => {
    $ZodType.init(inst, def);
    // Cache the resolved inner type on the shared `def` so all clones of this lazy (e.g. via `.describe()`/`.meta()`) share the same inner instance, preserving identity for cycle detection on recursive schemas.
    util.defineLazy(inst._zod, "innerType", () => {
        const d = def;
        if (!d._cachedInner)
            d._cachedInner = def.getter();
        return d._cachedInner;
    });
    util.defineLazyInternal(inst, "pattern", (zod) => zod.innerType?._zod?.pattern);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.innerType?._zod?.propValues);
    util.defineLazyInternal(inst, "optin", (zod) => zod.innerType?._zod?.optin ?? undefined);
    util.defineLazyInternal(inst, "optout", (zod) => zod.innerType?._zod?.optout ?? undefined);
    inst._zod.parse = (payload, ctx) => {
        const inner = inst._zod.innerType;
        return inner._zod.run(payload, ctx);
    };
})));
const $ZodCustom = /*@__PURE__*/ core_core/* $constructor */.xI("$ZodCustom", (inst, def) => {
    core_checks/* $ZodCheck */.QP.init(inst, def);
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _) => {
        return payload;
    };
    inst._zod.check = (payload) => {
        const input = payload.value;
        const r = def.fn(input);
        if (r instanceof Promise) {
            return r.then((r) => handleRefineResult(r, payload, input, inst));
        }
        handleRefineResult(r, payload, input, inst);
        return;
    };
});
function handleRefineResult(result, payload, input, inst) {
    if (!result) {
        const _iss = {
            code: "custom",
            input,
            inst, // incorporates params.error into issue reporting
            path: [...(inst._zod.def.path ?? [])], // incorporates params.error into issue reporting
            continue: !inst._zod.def.abort,
            // params: inst._zod.def.params,
        };
        if (inst._zod.def.params)
            _iss.params = inst._zod.def.params;
        payload.issues.push(core_util/* issue */.sn(_iss));
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/registries.js
var registries = __nccwpck_require__(29396);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/api.js
var api = __nccwpck_require__(43759);
;// CONCATENATED MODULE: ./node_modules/zod/v4/core/to-json-schema.js


function assignProps(target, ...sources) {
    for (const source of sources) {
        for (const key of Reflect.ownKeys(source)) {
            if (Object.prototype.propertyIsEnumerable.call(source, key)) {
                (0,core_util/* assignProp */.Vy)(target, key, source[key]);
            }
        }
    }
    return target;
}
// function initializeContext<T extends schemas.$ZodType>(inputs: JSONSchemaGeneratorParams<T>): ToJSONSchemaContext<T> {
//   return {
//     processor: inputs.processor,
//     metadataRegistry: inputs.metadata ?? globalRegistry,
//     target: inputs.target ?? "draft-2020-12",
//     unrepresentable: inputs.unrepresentable ?? "throw",
//   };
// }
function to_json_schema_initializeContext(params) {
    // Normalize target: convert old non-hyphenated versions to hyphenated versions
    let target = params?.target ?? "draft-2020-12";
    if (target === "draft-4")
        target = "draft-04";
    if (target === "draft-7")
        target = "draft-07";
    return {
        processors: params.processors ?? {},
        metadataRegistry: params?.metadata ?? registries/* globalRegistry */.fd,
        target,
        unrepresentable: params?.unrepresentable ?? "throw",
        override: params?.override ?? (() => { }),
        io: params?.io ?? "output",
        counter: 0,
        seen: new Map(),
        sharedDefsExtractedFor: undefined,
        sharedEmitDoneFor: undefined,
        cycles: params?.cycles ?? "ref",
        reused: params?.reused ?? "inline",
        intersections: [],
        deferred: [],
        external: params?.external ?? undefined,
    };
}
/**
 * Applies the `unrepresentable` setting at a site that has no JSON Schema equivalent. Throws
 * `message` unless the setting (or the handler's return value) says otherwise. Returns `true` if a
 * custom JSON Schema was written into `json`, in which case the caller must not write its own.
 */
function handleUnrepresentable(schema, ctx, json, params, message) {
    const result = typeof ctx.unrepresentable === "function"
        ? ctx.unrepresentable({ zodSchema: schema, path: params.path, message })
        : ctx.unrepresentable;
    if (result === "any")
        return false;
    if (result === undefined || result === "throw")
        throw new Error(message);
    Object.assign(json, result);
    return true;
}
// never rename this back to `process`: bundler polyfills inject a top-level `const process` that a lexical declaration of the same name collides with (#6397)
function to_json_schema_processSchema(schema, ctx, _params = { path: [], schemaPath: [] }) {
    var _a;
    const def = schema._zod.def;
    // check for schema in seens
    const seen = ctx.seen.get(schema);
    if (seen) {
        seen.count++;
        // check if cycle
        const isCycle = _params.schemaPath.includes(schema);
        if (isCycle) {
            seen.cycle = _params.path;
        }
        return seen.schema;
    }
    // initialize
    const result = { schema: {}, count: 1, cycle: undefined, path: _params.path };
    ctx.seen.set(schema, result);
    ctx.sharedDefsExtractedFor = undefined;
    ctx.sharedEmitDoneFor = undefined;
    // custom method overrides default behavior
    const overrideSchema = schema._zod.toJSONSchema?.();
    if (overrideSchema) {
        result.schema = overrideSchema;
    }
    else {
        const params = {
            ..._params,
            schemaPath: [..._params.schemaPath, schema],
            path: _params.path,
        };
        if (schema._zod.processJSONSchema) {
            schema._zod.processJSONSchema(ctx, result.schema, params);
        }
        else {
            const _json = result.schema;
            const processor = ctx.processors[def.type];
            if (!processor) {
                throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
            }
            processor(schema, ctx, _json, params);
        }
        const parent = schema._zod.parent;
        if (parent) {
            // Also set ref if processor didn't (for inheritance)
            if (!result.ref)
                result.ref = parent;
            to_json_schema_processSchema(parent, ctx, params);
            ctx.seen.get(parent).isParent = true;
        }
    }
    // metadata
    const meta = ctx.metadataRegistry.get(schema);
    if (meta)
        assignProps(result.schema, meta);
    if (ctx.io === "input" && isTransforming(schema)) {
        // examples/defaults only apply to output type of pipe
        delete result.schema.examples;
        delete result.schema.default;
    }
    // set prefault as default
    if (ctx.io === "input" && "_prefault" in result.schema)
        (_a = result.schema).default ?? (_a.default = result.schema._prefault);
    delete result.schema._prefault;
    // pulling fresh from ctx.seen in case it was overwritten
    const _result = ctx.seen.get(schema);
    return _result.schema;
}
/** @deprecated Renamed to `processSchema`. An export alias declares no binding, so it is safe to keep. */

// Escape a reference token for use in a JSON Pointer fragment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. The `~` replacement must run first.
function encodeJSONPointerSegment(segment) {
    return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function to_json_schema_extractDefs(ctx, schema
// params: EmitParams
) {
    // iterate over seen map;
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // With `external` set, every registered schema resolves through the external branch of `makeURI`, so the root branch below produces the same ref the external branch would — this pass is identical whichever schema it is called with, and only needs to run once.
    if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external)
        return;
    // Track ids to detect duplicates across different schemas
    const idToSchema = new Map();
    for (const entry of ctx.seen.entries()) {
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            const existing = idToSchema.get(id);
            if (existing && existing !== entry[0]) {
                throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
            }
            idToSchema.set(id, entry[0]);
        }
    }
    // returns a ref to the schema defId will be empty if the ref points to an external schema (or #)
    const makeURI = (entry) => {
        // comparing the seen objects because sometimes multiple schemas map to the same seen object. e.g. lazy
        // external is configured
        const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
        if (ctx.external) {
            const externalId = ctx.external.registry.get(entry[0])?.id; // ?? "__shared";// `__schema${ctx.counter++}`;
            // check if schema is in the external registry
            const uriGenerator = ctx.external.uri ?? ((id) => id);
            if (externalId) {
                return { ref: uriGenerator(externalId) };
            }
            // otherwise, add to __shared
            const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
            entry[1].defId = id; // set defId so it will be reused if needed
            return { defId: id, ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}` };
        }
        const uriPrefix = `#`;
        const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
        // an id-less root has nowhere to be extracted to, so it stays inline and self-references as `#`
        if (entry[1] === root && !entry[1].schema.id) {
            return { ref: uriPrefix };
        }
        // self-contained schema
        const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
        return { defId, ref: defUriPrefix + encodeJSONPointerSegment(defId) };
    };
    // stored cached version in `def` property remove all properties, set $ref
    const extractToDef = (entry) => {
        // if the schema is already a reference, do not extract it
        if (entry[1].schema.$ref) {
            return;
        }
        const seen = entry[1];
        const { ref, defId } = makeURI(entry);
        seen.def = { ...seen.schema };
        // defId won't be set if the schema is a reference to an external schema or if the schema is the root schema
        if (defId)
            seen.defId = defId;
        // wipe away all properties except $ref
        const schema = seen.schema;
        for (const key in schema) {
            delete schema[key];
        }
        schema.$ref = ref;
    };
    // throw on cycles
    // break cycles
    if (ctx.cycles === "throw") {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.cycle) {
                throw new Error("Cycle detected: " +
                    `#/${seen.cycle?.join("/")}/<root>` +
                    '\n\nSet the `cycles` parameter to `"ref"` to resolve cyclical schemas with defs.');
            }
        }
    }
    // extract schemas into $defs
    for (const entry of ctx.seen.entries()) {
        const seen = entry[1];
        // convert root schema to # $ref
        if (schema === entry[0]) {
            extractToDef(entry); // this has special handling for the root schema
            continue;
        }
        // extract schemas that are in the external registry
        if (ctx.external) {
            const ext = ctx.external.registry.get(entry[0])?.id;
            if (schema !== entry[0] && ext) {
                extractToDef(entry);
                continue;
            }
        }
        // extract schemas with `id` meta
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            extractToDef(entry);
            continue;
        }
        // break cycles
        if (seen.cycle) {
            // any
            extractToDef(entry);
            continue;
        }
        // extract reused schemas
        if (seen.count > 1) {
            if (ctx.reused === "ref") {
                extractToDef(entry);
            }
        }
    }
    if (ctx.external)
        ctx.sharedDefsExtractedFor = ctx.external;
}
/** Rewrites `anyOf: [{type: "a"}, {type: "b"}]` to `type: ["a", "b"]`, which every JSON Schema draft treats as equivalent and most consumers render far better for the nullable case. Only branches that are a bare type assertion qualify — anything carrying a constraint, `$ref`, `const` or metadata is left alone. Runs after `flattenRef`, so a branch an override decorated or `$defs` extraction turned into a `$ref` is no longer bare and correctly stays in `anyOf`. `oneOf` is excluded: `integer` and `number` overlap, so "exactly one" and "at least one" are not the same there. OpenAPI 3.0 is excluded: its `type` must be a single string. */
function compactTypeUnion(schema) {
    const options = schema.anyOf;
    if (!Array.isArray(options) || options.length === 0 || schema.type !== undefined)
        return;
    const types = [];
    for (const option of options) {
        if (!option || typeof option !== "object")
            return;
        // A branch that is itself a compactible union folds into this one — nested `anyOf` and a flat `type` array say the same thing. Compacting it first also makes the result independent of the order this pass walks the seen map in.
        compactTypeUnion(option);
        const keys = Object.keys(option);
        if (keys.length !== 1 || keys[0] !== "type")
            return;
        const type = option.type;
        for (const member of Array.isArray(type) ? type : [type]) {
            if (typeof member !== "string")
                return;
            if (!types.includes(member))
                types.push(member);
        }
    }
    delete schema.anyOf;
    // A `type` array must be non-empty and unique (metaschema); a single member is spelled as a bare string.
    schema.type = types.length === 1 ? types[0] : types;
}
/** Keywords `foldIntersection` knows how to combine. Anything else — `$ref`, `patternProperties`,
 * an annotation like `description` — makes a member unfoldable, so a constraint this does not
 * understand leaves the `allOf` alone instead of being silently dropped or misattributed. */
const FOLDABLE_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);
const UNION_KEYS = ["oneOf", "anyOf"];
/** A member's constraint on a key it does not declare itself. A `catchall` states one; `false`, an absent `additionalProperties`, and the empty schema a loose object emits state nothing. */
function undeclaredConstraint(member) {
    const extra = member.additionalProperties;
    if (extra === undefined || extra === false || typeof extra !== "object" || extra === null)
        return null;
    return Object.keys(extra).length ? extra : null;
}
/** Combines object members into the single object they describe together, or returns `null` if any of them carries a keyword outside {@link FOLDABLE_KEYS}. */
function foldObjects(members) {
    const objects = [];
    for (const member of members) {
        // A boolean subschema is legal JSON Schema and carries no keywords to fold.
        if (typeof member !== "object" || member.type !== "object")
            return null;
        for (const key in member) {
            if (!FOLDABLE_KEYS.has(key))
                return null;
        }
        objects.push(member);
    }
    const properties = {};
    const required = new Set();
    for (const object of objects) {
        for (const key in object.properties) {
            // `in` would report a `__proto__` key as already present via the prototype chain and skip it.
            if (Object.prototype.hasOwnProperty.call(properties, key))
                continue;
            // Every member constrains this key: the ones that declare it say how, and a `catchall` member constrains it too even though it does not name it. The key has to satisfy all of them, which is the same intersection one level down.
            const parts = [];
            for (const other of objects) {
                const part = other.properties?.[key] ?? undeclaredConstraint(other);
                if (part === null || part === undefined)
                    continue;
                if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part)))
                    parts.push(part);
            }
            const merged = parts.length === 1
                ? parts[0]
                : (foldObjects(parts) ?? { allOf: parts });
            (0,core_util/* assignProp */.Vy)(properties, key, merged);
        }
        for (const key of object.required ?? [])
            required.add(key);
    }
    const folded = { type: "object", properties };
    if (required.size)
        folded.required = [...required];
    // A key no member declares is rejected only when every member rejects it, so the fold is closed only when every member is. Otherwise it carries whatever the `catchall` members demand of such a key.
    if (objects.every((object) => object.additionalProperties === false)) {
        folded.additionalProperties = false;
    }
    else {
        const constraints = [];
        for (const object of objects) {
            const constraint = undeclaredConstraint(object);
            if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint)))
                constraints.push(constraint);
        }
        if (constraints.length === 1)
            folded.additionalProperties = constraints[0];
        else if (constraints.length > 1)
            folded.additionalProperties = { allOf: constraints };
    }
    return folded;
}
/** `additionalProperties` in an `allOf` member sees only that member's own `properties`, so two
 * closed object members reject each other's keys and the schema validates nothing. Zod's parser
 * pools the key sets instead — `handleIntersectionResults` reports a key as unrecognized only when
 * *every* side rejects it — so the emitted schema has to pool them too, and folding the members
 * into one object is the encoding that says so on every target.
 *
 * This runs from `finalize`, after `extractDefs`, which is what keeps it clear of the `$ref`
 * machinery: a member extracted into `$defs` is already a `$ref` by now and declines to fold, so it
 * keeps its reference and its own closedness rather than being inlined as a stale copy. */
function foldIntersection(json) {
    const allOf = json.allOf;
    if (!Array.isArray(allOf) || allOf.length < 2)
        return;
    // An `override` runs before this pass and may have written object keywords onto the intersection itself. Those are deliberate, so decline rather than overwrite them.
    for (const key of FOLDABLE_KEYS)
        if (key in json)
            return;
    // An intersection distributes over a union: `A & (X | Y)` is `(A & X) | (A & Y)`. Only the first union is distributed over; a second one stays among the members every branch folds against, where it fails the object check and declines the whole intersection rather than multiplying out.
    const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
    let folded = null;
    if (!unions.length) {
        folded = foldObjects(allOf);
    }
    else {
        const union = unions[0];
        const keyword = UNION_KEYS.find((k) => Array.isArray(union[k]));
        if (Object.keys(union).length !== 1)
            return;
        const rest = allOf.filter((m) => m !== union);
        const branches = union[keyword].map((branch) => foldObjects([...rest, branch]));
        if (branches.some((b) => !b))
            return;
        folded = { [keyword]: branches };
    }
    if (!folded)
        return;
    delete json.allOf;
    assignProps(json, folded);
}
function to_json_schema_finalize(ctx, schema) {
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // flatten refs - inherit properties from parent schemas
    const flattenRef = (zodSchema) => {
        const seen = ctx.seen.get(zodSchema);
        // already processed
        if (seen.ref === null)
            return;
        const schema = seen.def ?? seen.schema;
        const _cached = { ...schema };
        const ref = seen.ref;
        seen.ref = null; // prevent infinite recursion
        if (ref) {
            flattenRef(ref);
            const refSeen = ctx.seen.get(ref);
            const refSchema = refSeen.schema;
            // merge referenced schema into current
            if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
                // older drafts can't combine $ref with other properties
                schema.allOf = schema.allOf ?? [];
                schema.allOf.push(refSchema);
            }
            else {
                assignProps(schema, refSchema);
            }
            // restore child's own properties (child wins)
            assignProps(schema, _cached);
            const isParentRef = zodSchema._zod.parent === ref;
            // For parent chain, child is a refinement - remove parent-only properties
            if (isParentRef) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (!(key in _cached)) {
                        delete schema[key];
                    }
                }
            }
            // When ref was extracted to $defs, remove properties that match the definition
            if (refSchema.$ref && refSeen.def) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (key in refSeen.def && JSON.stringify(schema[key]) === JSON.stringify(refSeen.def[key])) {
                        delete schema[key];
                    }
                }
            }
        }
        // If parent was extracted (has $ref), propagate $ref to this schema. This handles cases like: readonly().meta({id}).describe() where processor sets ref to innerType but parent should be referenced
        const parent = zodSchema._zod.parent;
        if (parent && parent !== ref) {
            // Ensure parent is processed first so its def has inherited properties
            flattenRef(parent);
            const parentSeen = ctx.seen.get(parent);
            if (parentSeen?.schema.$ref) {
                schema.$ref = parentSeen.schema.$ref;
                // De-duplicate with parent's definition
                if (parentSeen.def) {
                    for (const key in schema) {
                        if (key === "$ref" || key === "allOf")
                            continue;
                        if (key in parentSeen.def && JSON.stringify(schema[key]) === JSON.stringify(parentSeen.def[key])) {
                            delete schema[key];
                        }
                    }
                }
            }
        }
        // execute overrides
        ctx.override({
            zodSchema: zodSchema,
            jsonSchema: schema,
            path: seen.path ?? [],
        });
    };
    // Flattening walks the whole map and clears each `ref` as it goes, so a second call over the same map is a no-op scan. Skip it outright once it has run for a registry conversion.
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of [...ctx.seen.entries()].reverse()) {
            flattenRef(entry[0]);
        }
        if (ctx.target !== "openapi-3.0") {
            for (const entry of ctx.seen.entries()) {
                compactTypeUnion(entry[1].def ?? entry[1].schema);
            }
        }
        for (const rewrite of ctx.deferred)
            rewrite();
        // After flattening, every member that was extracted is a `$ref`, so the fold sees the final shape. A schema that inherits an intersection — through `z.lazy`, or any `ref` chain — holds the same `allOf` array, so fold by array identity to catch every copy.
        if (ctx.intersections.length) {
            const carriers = new Map();
            for (const seen of ctx.seen.values()) {
                for (const json of [seen.schema, seen.def]) {
                    const allOf = json?.allOf;
                    if (!Array.isArray(allOf))
                        continue;
                    const existing = carriers.get(allOf);
                    if (existing)
                        existing.push(json);
                    else
                        carriers.set(allOf, [json]);
                }
            }
            for (const allOf of ctx.intersections) {
                for (const json of carriers.get(allOf) ?? [])
                    foldIntersection(json);
            }
        }
    }
    const result = {};
    if (ctx.target === "draft-2020-12") {
        result.$schema = "https://json-schema.org/draft/2020-12/schema";
    }
    else if (ctx.target === "draft-07") {
        result.$schema = "http://json-schema.org/draft-07/schema#";
    }
    else if (ctx.target === "draft-04") {
        result.$schema = "http://json-schema.org/draft-04/schema#";
    }
    else if (ctx.target === "openapi-3.0") {
        // OpenAPI 3.0 schema objects should not include a $schema property
    }
    else {
        // Arbitrary string values are allowed but won't have a $schema property set
    }
    if (ctx.external?.uri) {
        const id = ctx.external.registry.get(schema)?.id;
        if (!id)
            throw new Error("Schema is missing an `id` property");
        result.$id = ctx.external.uri(id);
    }
    // when the root was extracted into $defs, `root.schema` is the `$ref` wrapper and `root.def` is the body that now lives under $defs
    assignProps(result, root.defId ? root.schema : (root.def ?? root.schema));
    // The `id` in `.meta()` is a Zod-specific registration tag used to extract schemas into $defs — it is not user-facing JSON Schema metadata. Strip it from the output body where it would otherwise leak. The id is preserved implicitly via the $defs key (and via $ref paths).
    const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
    if (rootMetaId !== undefined && result.id === rootMetaId)
        delete result.id;
    // build defs object. With `external`, `defs` is the shared object every schema writes into, so the same entries are reassigned on every call. Without it, `defs` is fresh per call and must be rebuilt.
    const defs = ctx.external?.defs ?? {};
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.def && seen.defId) {
                if (seen.def.id === seen.defId)
                    delete seen.def.id;
                (0,core_util/* assignProp */.Vy)(defs, seen.defId, seen.def);
            }
        }
    }
    if (ctx.external)
        ctx.sharedEmitDoneFor = ctx.external;
    // set definitions in result
    if (ctx.external) {
    }
    else {
        if (Object.keys(defs).length > 0) {
            if (ctx.target === "draft-2020-12") {
                result.$defs = defs;
            }
            else {
                result.definitions = defs;
            }
        }
    }
    try {
        // this "finalizes" this schema and ensures all cycles are removed each call to finalize() is functionally independent though the seen map is shared
        const finalized = JSON.parse(JSON.stringify(result));
        Object.defineProperty(finalized, "~standard", {
            value: {
                ...schema["~standard"],
                jsonSchema: {
                    input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
                    output: createStandardJSONSchemaMethod(schema, "output", ctx.processors),
                },
            },
            enumerable: false,
            writable: false,
        });
        return finalized;
    }
    catch (_err) {
        throw new Error("Error converting schema to JSON.");
    }
}
function isTransforming(_schema, _ctx) {
    const ctx = _ctx ?? { seen: new Set() };
    if (ctx.seen.has(_schema))
        return false;
    ctx.seen.add(_schema);
    const def = _schema._zod.def;
    if (def.type === "transform")
        return true;
    if (def.type === "array")
        return isTransforming(def.element, ctx);
    if (def.type === "set")
        return isTransforming(def.valueType, ctx);
    if (def.type === "lazy")
        return isTransforming(def.getter(), ctx);
    if (def.type === "promise" ||
        def.type === "optional" ||
        def.type === "nonoptional" ||
        def.type === "nullable" ||
        def.type === "readonly" ||
        def.type === "default" ||
        def.type === "prefault" ||
        def.type === "catch") {
        return isTransforming(def.innerType, ctx);
    }
    if (def.type === "intersection") {
        return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
    }
    if (def.type === "record" || def.type === "map") {
        return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
    }
    if (def.type === "pipe") {
        if (_schema._zod.traits.has("$ZodCodec"))
            return true;
        return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
    }
    if (def.type === "object") {
        for (const key in def.shape) {
            if (isTransforming(def.shape[key], ctx))
                return true;
        }
        return false;
    }
    if (def.type === "union") {
        for (const option of def.options) {
            if (isTransforming(option, ctx))
                return true;
        }
        return false;
    }
    if (def.type === "tuple") {
        for (const item of def.items) {
            if (isTransforming(item, ctx))
                return true;
        }
        if (def.rest && isTransforming(def.rest, ctx))
            return true;
        return false;
    }
    return false;
}
/**
 * Creates a toJSONSchema method for a schema instance.
 * This encapsulates the logic of initializing context, processing, extracting defs, and finalizing.
 */
const createToJSONSchemaMethod = (schema, processors = {}) => (params) => {
    const ctx = to_json_schema_initializeContext({ ...params, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};
const createStandardJSONSchemaMethod = (schema, io, processors = {}) => (params) => {
    const { libraryOptions, target } = params ?? {};
    const ctx = to_json_schema_initializeContext({ ...(libraryOptions ?? {}), target, io, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/json-schema-processors.js




const narrowMin = (agg, key, value) => {
    if (agg[key] === undefined || value > agg[key])
        agg[key] = value;
};
const narrowMax = (agg, key, value) => {
    if (agg[key] === undefined || value < agg[key])
        agg[key] = value;
};
const narrowBoth = (agg, value) => {
    narrowMin(agg, "minimum", value);
    narrowMax(agg, "maximum", value);
};
const addDivisor = (agg, value) => {
    agg.multipleOf ?? (agg.multipleOf = []);
    if (!agg.multipleOf.includes(value))
        agg.multipleOf.push(value);
};
const addPattern = (agg, pattern) => {
    agg.patterns ?? (agg.patterns = new Set());
    agg.patterns.add(pattern);
};
const intersectMime = (agg, mime) => {
    agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
};
// last-wins, matching the bag's historical write order; the flag keeps an integer format from being lost to a later float one
const setFormat = (agg, format) => {
    agg.format = format;
    if (format.includes("int"))
        agg.isInt = true;
};
const minContributor = (agg, def) => narrowMin(agg, "minimum", def.minimum);
const maxContributor = (agg, def) => narrowMax(agg, "maximum", def.maximum);
const formatContributor = (ranges) => (agg, def) => {
    setFormat(agg, def.format);
    const [minimum, maximum] = ranges[def.format];
    narrowMin(agg, "minimum", minimum);
    narrowMax(agg, "maximum", maximum);
};
const contributors = {
    greater_than: (agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value),
    less_than: (agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value),
    multiple_of: (agg, def) => addDivisor(agg, def.value),
    number_format: formatContributor(core_util/* NUMBER_FORMAT_RANGES */.zH),
    bigint_format: formatContributor(core_util/* BIGINT_FORMAT_RANGES */.NR),
    min_length: minContributor,
    max_length: maxContributor,
    length_equals: (agg, def) => narrowBoth(agg, def.length),
    min_size: minContributor,
    max_size: maxContributor,
    size_equals: (agg, def) => narrowBoth(agg, def.size),
    string_format: (agg, def) => {
        setFormat(agg, def.format);
        if (def.pattern)
            addPattern(agg, def.pattern);
        if (def.format === "base64" || def.format === "base64url")
            agg.contentEncoding = def.format;
        if (def.local || def.precision === -1)
            agg.laxFormat = true;
    },
    mime_type: (agg, def) => intersectMime(agg, def.mime),
};
function aggregateChecks(schema) {
    const agg = {};
    const def = schema._zod.def;
    // a format schema is its own first check, same rule as $ZodType init
    const list = schema._zod.traits.has("$ZodCheck")
        ? [schema, ...(def.checks ?? [])]
        : (def.checks ?? []);
    for (const ch of list)
        contributors[ch._zod.def.check]?.(agg, ch._zod.def);
    // reconcile with the bag so third-party onattach contributions still land; first-party residue is never tighter than the fold, so merging it back is idempotent for one and additive for the other
    const bag = schema._zod.bag;
    if (bag.minimum !== undefined)
        narrowMin(agg, "minimum", bag.minimum);
    if (bag.exclusiveMinimum !== undefined)
        narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
    if (bag.maximum !== undefined)
        narrowMax(agg, "maximum", bag.maximum);
    if (bag.exclusiveMaximum !== undefined)
        narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
    if (bag.multipleOf !== undefined)
        addDivisor(agg, bag.multipleOf);
    if (bag.format !== undefined) {
        agg.format ?? (agg.format = bag.format);
        if (bag.format.includes("int"))
            agg.isInt = true;
    }
    if (bag.mime)
        intersectMime(agg, bag.mime);
    for (const pattern of bag.patterns ?? [])
        addPattern(agg, pattern);
    return agg;
}
const formatMap = {
    guid: "uuid",
    url: "uri",
    datetime: "date-time",
    json_string: "json-string",
    regex: "", // do not set
};
// ==================== SIMPLE TYPE PROCESSORS ====================
// the runtime patterns are lax so parse paths never overflow the regex stack; the emitted schema swaps in the exact block forms, which zod itself never executes
const exactPatterns = new Map([
    [base64Charset, core_regexes/* base64 */.K3],
    [base64urlCharset, core_regexes/* base64url */.r0],
]);
const exactPattern = (p) => exactPatterns.get(p) ?? p;
const stringProcessor = (schema, ctx, _json, _params) => {
    const json = _json;
    json.type = "string";
    const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minLength = minimum;
    if (typeof maximum === "number")
        json.maxLength = maximum;
    // custom pattern overrides format
    if (format) {
        json.format = formatMap[format] ?? format;
        if (json.format === "")
            delete json.format; // empty format is not valid
        // `z.iso.time()` is never full-time, and `laxFormat` carries the datetime shapes that also accept what their keyword forbids
        if (format === "time" || laxFormat) {
            delete json.format;
        }
    }
    if (contentEncoding)
        json.contentEncoding = contentEncoding;
    if (patterns && patterns.size > 0) {
        const patternList = [...patterns].map(exactPattern);
        if (patternList.length === 1)
            json.pattern = patternList[0].source;
        else if (patternList.length > 1) {
            json.allOf = [
                ...patternList.map((regex) => ({
                    ...(ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0"
                        ? { type: "string" }
                        : {}),
                    pattern: regex.source,
                })),
            ];
        }
    }
};
const numberProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
    json.type = isInt ? "integer" : "number";
    // when both minimum and exclusiveMinimum exist, pick the more restrictive one
    const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
    const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
    const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
    if (exMin) {
        if (legacy) {
            json.minimum = exclusiveMinimum;
            json.exclusiveMinimum = true;
        }
        else {
            json.exclusiveMinimum = exclusiveMinimum;
        }
    }
    else if (typeof minimum === "number") {
        json.minimum = minimum;
    }
    if (exMax) {
        if (legacy) {
            json.maximum = exclusiveMaximum;
            json.exclusiveMaximum = true;
        }
        else {
            json.exclusiveMaximum = exclusiveMaximum;
        }
    }
    else if (typeof maximum === "number") {
        json.maximum = maximum;
    }
    if (multipleOf) {
        // JSON Schema requires a divisor strictly greater than zero, and a non-finite one does not survive JSON at all. A negative divisor accepts exactly what its absolute value accepts, so it still maps; zero, NaN and Infinity have no keyword form.
        const divisors = new Set();
        for (const divisor of multipleOf) {
            if (Number.isFinite(divisor) && divisor !== 0)
                divisors.add(Math.abs(divisor));
            else
                handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
        }
        // chained divisors are a conjunction the keyword cannot carry alone, so extras ride an allOf, same as stacked patterns
        const [first, ...rest] = divisors;
        if (first !== undefined)
            json.multipleOf = first;
        if (rest.length)
            json.allOf = [...(json.allOf ?? []), ...rest.map((m) => ({ multipleOf: m }))];
    }
};
const booleanProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const bigintProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "BigInt cannot be represented in JSON Schema");
};
const symbolProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Symbols cannot be represented in JSON Schema");
};
const nullProcessor = (_schema, ctx, json, _params) => {
    if (ctx.target === "openapi-3.0") {
        json.type = "string";
        json.nullable = true;
        json.enum = [null];
    }
    else {
        json.type = "null";
    }
};
const undefinedProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Undefined cannot be represented in JSON Schema");
};
const voidProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Void cannot be represented in JSON Schema");
};
const neverProcessor = (_schema, _ctx, json, _params) => {
    json.not = {};
};
const anyProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const unknownProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const dateProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Date cannot be represented in JSON Schema");
};
const enumProcessor = (schema, _ctx, json, _params) => {
    const def = schema._zod.def;
    const values = (0,core_util/* getEnumValues */.w5)(def.entries);
    // an empty enum accepts nothing, same as z.never()
    if (values.length === 0) {
        json.not = {};
        return;
    }
    // Number enums can have both string and number values
    if (values.every((v) => typeof v === "number"))
        json.type = "number";
    if (values.every((v) => typeof v === "string"))
        json.type = "string";
    json.enum = values;
};
const literalProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // a literal with no values accepts nothing, same as z.never()
    if (def.values.length === 0) {
        json.not = {};
        return;
    }
    const vals = [];
    for (const val of def.values) {
        if (val === undefined) {
            // a custom schema replaces the whole literal, so there is nothing left to accumulate
            if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema"))
                return;
            // otherwise do not add to vals
        }
        else if (typeof val === "bigint") {
            if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema"))
                return;
            vals.push(Number(val));
        }
        else {
            vals.push(val);
        }
    }
    if (vals.length === 0) {
        // do nothing (an undefined literal was stripped)
    }
    else if (vals.length === 1) {
        const val = vals[0];
        json.type = val === null ? "null" : typeof val;
        if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") {
            json.enum = [val];
        }
        else {
            json.const = val;
        }
    }
    else {
        if (vals.every((v) => typeof v === "number"))
            json.type = "number";
        if (vals.every((v) => typeof v === "string"))
            json.type = "string";
        if (vals.every((v) => typeof v === "boolean"))
            json.type = "boolean";
        if (vals.every((v) => v === null))
            json.type = "null";
        json.enum = vals;
    }
};
const nanProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "NaN cannot be represented in JSON Schema");
};
const templateLiteralProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    const pattern = schema._zod.pattern;
    if (!pattern)
        throw new Error("Pattern not found in template literal");
    _json.type = "string";
    _json.pattern = pattern.source;
};
const fileProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    _json.type = "string";
    _json.format = "binary";
    _json.contentEncoding = "binary";
    const { minimum, maximum, mime } = aggregateChecks(schema);
    if (minimum !== undefined)
        _json.minLength = minimum;
    if (maximum !== undefined)
        _json.maxLength = maximum;
    if (!mime)
        return;
    // an empty intersection means the mime checks share no value, so nothing passes at runtime; `anyOf` must be non-empty, so the false schema is `not: {}`
    if (mime.length === 0)
        _json.not = {};
    else if (mime.length === 1)
        _json.contentMediaType = mime[0];
    // only contentMediaType differs, so the shared props stay at the root
    else
        _json.anyOf = mime.map((m) => ({ contentMediaType: m }));
};
const successProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const customProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
};
const functionProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Function types cannot be represented in JSON Schema");
};
const transformProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
};
const mapProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Map cannot be represented in JSON Schema");
};
const setProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Set cannot be represented in JSON Schema");
};
// ==================== COMPOSITE TYPE PROCESSORS ====================
const arrayProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
    json.type = "array";
    json.items = to_json_schema_processSchema(def.element, ctx, {
        ...params,
        path: [...params.path, "items"],
    });
};
// Transform and catch set `optin = "optional"` at runtime so the parser lets them observe an
// absent key, but their declared input type stays required. An input JSON Schema describes the
// declared type, so resolve past them to the schema that actually carries the optionality.
// Used by both `objectProcessor` (for `required`) and `tupleProcessor` (for `minItems`); see
// wiki/optionality.md, "The JSON Schema emitter reads the *static* value".
function inputOptin(schema) {
    const def = schema._zod.def;
    if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) {
        return inputOptin(def.out);
    }
    if (def.type === "catch") {
        return inputOptin(def.innerType);
    }
    return schema._zod.optin;
}
const objectProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const shape = def.shape;
    // dropping it while still emitting `additionalProperties: false` would emit a schema that rejects data this one requires
    const symbolKeys = Object.getOwnPropertySymbols(shape);
    if (symbolKeys.length &&
        handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) {
        return;
    }
    json.type = "object";
    json.properties = {};
    for (const key in shape) {
        // assignProp so a __proto__ key becomes an own property instead of hitting the inherited setter on the plain {} we build into
        (0,core_util/* assignProp */.Vy)(json.properties, key, to_json_schema_processSchema(shape[key], ctx, {
            ...params,
            path: [...params.path, "properties", key],
        }));
    }
    // required keys
    const requiredKeys = [];
    for (const key of Object.keys(shape)) {
        const field = def.shape[key];
        if (ctx.io === "input" ? inputOptin(field) === undefined : field._zod.optout === undefined) {
            requiredKeys.push(key);
        }
    }
    if (requiredKeys.length > 0) {
        json.required = requiredKeys;
    }
    // catchall
    if (def.catchall?._zod.def.type === "never") {
        // strict
        json.additionalProperties = false;
    }
    else if (!def.catchall) {
        // regular
        if (ctx.io === "output")
            json.additionalProperties = false;
    }
    else if (def.catchall) {
        json.additionalProperties = to_json_schema_processSchema(def.catchall, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
};
const unionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // Exclusive unions (inclusive === false) use oneOf (exactly one match) instead of anyOf (one or more matches). This includes both z.xor() and discriminated unions
    const isExclusive = def.inclusive === false;
    const options = def.options.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, isExclusive ? "oneOf" : "anyOf", i],
    }));
    if (isExclusive) {
        json.oneOf = options;
    }
    else {
        json.anyOf = options;
    }
};
const intersectionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const a = to_json_schema_processSchema(def.left, ctx, {
        ...params,
        path: [...params.path, "allOf", 0],
    });
    const b = to_json_schema_processSchema(def.right, ctx, {
        ...params,
        path: [...params.path, "allOf", 1],
    });
    const isSimpleIntersection = (val) => "allOf" in val && Object.keys(val).length === 1;
    const allOf = [
        ...(isSimpleIntersection(a) ? a.allOf : [a]),
        ...(isSimpleIntersection(b) ? b.allOf : [b]),
    ];
    json.allOf = allOf;
    // Recorded innermost first, so a nested intersection has already folded by the time this one is considered. The array is the handle rather than the schema, because a wrapper that inherits this schema shares the same array; `finalize` folds every object holding it. See `foldIntersection`.
    ctx.intersections.push(allOf);
};
const tupleProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "array";
    const prefixPath = ctx.target === "draft-2020-12" ? "prefixItems" : "items";
    const restPath = ctx.target === "draft-2020-12" ? "items" : ctx.target === "openapi-3.0" ? "items" : "additionalItems";
    const prefixItems = def.items.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, prefixPath, i],
    }));
    const rest = def.rest
        ? to_json_schema_processSchema(def.rest, ctx, {
            ...params,
            path: [...params.path, restPath, ...(ctx.target === "openapi-3.0" ? [def.items.length] : [])],
        })
        : null;
    let minItems = def.items.length;
    while (minItems > 0) {
        const item = def.items[minItems - 1];
        const optional = ctx.io === "input" ? inputOptin(item) !== undefined : item._zod.optout === "optional";
        if (!optional)
            break;
        minItems--;
    }
    const maxItems = def.items.length;
    const isClosed = !def.rest;
    if (ctx.target === "draft-2020-12") {
        json.prefixItems = prefixItems;
        if (isClosed) {
            json.items = false;
        }
        else if (rest) {
            json.items = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else if (ctx.target === "openapi-3.0") {
        json.items = {
            anyOf: prefixItems,
        };
        if (rest) {
            json.items.anyOf.push(rest);
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else {
        json.items = prefixItems;
        if (isClosed) {
            json.additionalItems = false;
        }
        else if (rest) {
            json.additionalItems = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    // explicit user-defined length checks take precedence
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
};
/** JSON object keys are always strings, so a numeric record key schema is re-expressed over the
 * numeric-string form the record parser matches. Deferred to `finalize`, after the flatten: a key
 * behind a wrapper only carries its own `type` before then, and a union key only has its branches.
 *
 * A numeric bound cannot apply to a property name, so `minimum` and its siblings are dropped rather
 * than carried over: keeping them beside `type: "string"` reproduces the match-nothing schema this
 * exists to fix. A key that carries one therefore emits wider than the record parses — `z.record(z.number().min(5), V)`
 * accepts `"3"` — which is the deliberate trade, since throwing on it would reject an ordinary schema
 * outright. */
function stringifyKeyNames(bySchema, json, visited) {
    // an extracted key that rewrites cannot go on sharing its definition — the string form a key position needs is not the number form every other reference wants — so it inlines. One that does not rewrite keeps the `$ref`.
    if (json.$ref) {
        // a recursive key holds its own reference inside its definition, so a node already on the path is left alone rather than resolved again
        if (visited.has(json))
            return json;
        visited.add(json);
        const def = bySchema.get(json)?.def;
        if (!def)
            return json;
        const inlined = stringifyKeyNames(bySchema, def, visited);
        return inlined === def ? json : inlined;
    }
    for (const keyword of ["anyOf", "oneOf"]) {
        const branches = json[keyword];
        if (!Array.isArray(branches))
            continue;
        const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
        // rebuilding regardless would detach a key that had nothing to re-express, dropping its `$ref` and leaking the internal `id`
        if (mapped.some((branch, i) => branch !== branches[i]))
            json = { ...json, [keyword]: mapped };
    }
    // a member that already admits a string leaves the key unconstrained, so the node's own type re-expresses only when every member is numeric
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
    // a heterogeneous key carries no type at all, so its numeric members are caught here instead
    const values = json.enum ?? (json.const !== undefined ? [json.const] : undefined);
    if (!numericType && !values?.some((v) => typeof v === "number"))
        return json;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
    if (rest.enum)
        rest.enum = rest.enum.map((v) => (typeof v === "number" ? String(v) : v));
    else if (typeof rest.const === "number")
        rest.const = String(rest.const);
    // a heterogeneous key keeps its absent type: the stringified members already say what a key may be
    if (!numericType)
        return rest;
    rest.type = "string";
    if (!values)
        rest.pattern = (types.includes("number") ? core_regexes/* number */.ai : core_regexes/* integer */.nd).source;
    return rest;
}
/** Every record of one conversion, so the carriers are found in a single pass rather than once per record. */
const pendingRecords = new WeakMap();
function rewriteKeyNames(ctx) {
    // an extracted key is resolved by the object `extractToDef` left in its place, so the map is built once rather than searched per reference. `_zod.toJSONSchema` can hand the same object to two schemas, so the first entry carrying a body wins, as a search would have found it.
    const bySchema = new Map();
    for (const entry of ctx.seen.values()) {
        if (entry.def && !bySchema.has(entry.schema))
            bySchema.set(entry.schema, entry);
    }
    const rewrites = new Map();
    for (const record of pendingRecords.get(ctx) ?? []) {
        const seen = ctx.seen.get(record);
        const names = (seen?.def ?? seen?.schema)?.propertyNames;
        if (!names || names === true || rewrites.has(names))
            continue;
        const rewritten = stringifyKeyNames(bySchema, names, new Set());
        if (rewritten !== names)
            rewrites.set(names, rewritten);
    }
    if (!rewrites.size)
        return;
    // the flatten has already copied each record's own properties onto every wrapper by reference, and an extracted body is another such copy, so every carrier holding a rewritten key is updated together
    for (const entry of ctx.seen.values()) {
        for (const carrier of [entry.schema, entry.def]) {
            const rewritten = carrier && rewrites.get(carrier.propertyNames);
            if (rewritten)
                carrier.propertyNames = rewritten;
        }
    }
}
const recordProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "object";
    // For looseRecord with regex patterns, use patternProperties. This correctly represents "only validate keys matching the pattern" semantics and composes well with allOf (intersections)
    const keyType = def.keyType;
    const patterns = aggregateChecks(keyType).patterns;
    if (def.mode === "loose" && patterns && patterns.size > 0) {
        // Use patternProperties for looseRecord with regex patterns
        const valueSchema = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "patternProperties", "*"],
        });
        json.patternProperties = {};
        for (const pattern of patterns) {
            (0,core_util/* assignProp */.Vy)(json.patternProperties, exactPattern(pattern).source, valueSchema);
        }
    }
    else {
        // Default behavior: use propertyNames + additionalProperties
        if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
            json.propertyNames = to_json_schema_processSchema(def.keyType, ctx, {
                ...params,
                path: [...params.path, "propertyNames"],
            });
            let pending = pendingRecords.get(ctx);
            if (!pending) {
                pending = [];
                pendingRecords.set(ctx, pending);
                ctx.deferred.push(() => rewriteKeyNames(ctx));
            }
            pending.push(schema);
        }
        json.additionalProperties = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
    // Add required for keys with discrete values (enum, literal, etc.)
    const keyValues = keyType._zod.values;
    // Every key shares one value schema, so an optional-in value makes the whole key set omittable on input. Output keeps them: the exhaustive branch assigns every key, even one whose value came back undefined.
    const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== undefined;
    if (keyValues && !def.partial && !omittableOnInput) {
        const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
        if (validKeyValues.length > 0) {
            json.required = validKeyValues.map(String);
        }
    }
};
const nullableProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const inner = to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    if (ctx.target === "openapi-3.0") {
        seen.ref = def.innerType;
        json.nullable = true;
    }
    else {
        json.anyOf = [inner, { type: "null" }];
    }
};
const nonoptionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
/** Round-trips a default value through JSON so the emitted schema is guaranteed to be valid JSON.
 * A BigInt has no reliable encoding, so it goes through `unrepresentable` like any other
 * unrepresentable value. Returns a sentinel when the caller must not write a default of its own. */
const UNREPRESENTABLE_DEFAULT = Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
    let unrepresentable = false;
    const serialized = JSON.stringify(value, (_, val) => {
        if (typeof val !== "bigint")
            return val;
        unrepresentable = true;
        return null;
    });
    if (!unrepresentable)
        return JSON.parse(serialized);
    handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
    return UNREPRESENTABLE_DEFAULT;
}
const defaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json.default = value;
};
const prefaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    if (ctx.io !== "input")
        return;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json._prefault = value;
};
const catchProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    let catchValue;
    try {
        catchValue = def.catchValue(undefined);
    }
    catch {
        handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
        return;
    }
    json.default = catchValue;
};
const pipeProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    const inIsTransform = def.in._zod.traits.has("$ZodTransform");
    const innerType = ctx.io === "input" ? (inIsTransform ? def.out : def.in) : def.out;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
const readonlyProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    json.readOnly = true;
};
const promiseProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const optionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const lazyProcessor = (schema, ctx, _json, params) => {
    const innerType = schema._zod.innerType;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
// ==================== ALL PROCESSORS ====================
const allProcessors = {
    string: stringProcessor,
    number: numberProcessor,
    boolean: booleanProcessor,
    bigint: bigintProcessor,
    symbol: symbolProcessor,
    null: nullProcessor,
    undefined: undefinedProcessor,
    void: voidProcessor,
    never: neverProcessor,
    any: anyProcessor,
    unknown: unknownProcessor,
    date: dateProcessor,
    enum: enumProcessor,
    literal: literalProcessor,
    nan: nanProcessor,
    template_literal: templateLiteralProcessor,
    file: fileProcessor,
    success: successProcessor,
    custom: customProcessor,
    function: functionProcessor,
    transform: transformProcessor,
    map: mapProcessor,
    set: setProcessor,
    array: arrayProcessor,
    object: objectProcessor,
    union: unionProcessor,
    intersection: intersectionProcessor,
    tuple: tupleProcessor,
    record: recordProcessor,
    nullable: nullableProcessor,
    nonoptional: nonoptionalProcessor,
    default: defaultProcessor,
    prefault: prefaultProcessor,
    catch: catchProcessor,
    pipe: pipeProcessor,
    readonly: readonlyProcessor,
    promise: promiseProcessor,
    optional: optionalProcessor,
    lazy: lazyProcessor,
};
function toJSONSchema(input, params) {
    if ("_idmap" in input) {
        // Registry case
        const registry = input;
        const ctx = initializeContext({ ...params, processors: allProcessors });
        const defs = {};
        // First pass: process all schemas to build the seen map
        for (const entry of registry._idmap.entries()) {
            const [_, schema] = entry;
            processSchema(schema, ctx);
        }
        const schemas = {};
        const external = {
            registry,
            uri: params?.uri,
            defs,
        };
        // Update the context with external configuration
        ctx.external = external;
        // Second pass: emit each schema
        for (const entry of registry._idmap.entries()) {
            const [key, schema] = entry;
            extractDefs(ctx, schema);
            assignProp(schemas, key, finalize(ctx, schema));
        }
        if (Object.keys(defs).length > 0) {
            const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
            schemas.__shared = {
                [defsSegment]: defs,
            };
        }
        return { schemas };
    }
    // Single schema case
    const ctx = initializeContext({ ...params, processors: allProcessors });
    processSchema(input, ctx);
    extractDefs(ctx, input);
    return finalize(ctx, input);
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/locales/en.js

const error = () => {
    const Sizable = {
        string: { unit: "characters", verb: "to have" },
        file: { unit: "bytes", verb: "to have" },
        array: { unit: "items", verb: "to have" },
        set: { unit: "items", verb: "to have" },
        map: { unit: "entries", verb: "to have" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "input",
        email: "email address",
        url: "URL",
        emoji: "emoji",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO datetime",
        date: "ISO date",
        time: "ISO time",
        duration: "ISO duration",
        ipv4: "IPv4 address",
        ipv6: "IPv6 address",
        mac: "MAC address",
        cidrv4: "IPv4 range",
        cidrv6: "IPv6 range",
        base64: "base64-encoded string",
        base64url: "base64url-encoded string",
        json_string: "JSON string",
        e164: "E.164 number",
        currency_code: "currency code",
        credit_card: "credit card number",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "input",
    };
    // type names: missing keys = do not translate (use raw value via ?? fallback)
    const TypeDictionary = {
        // Compatibility: "nan" -> "NaN" for display
        nan: "NaN",
        // All other type names omitted - they fall back to raw values via ?? operator
    };
    function getTypeName(type, input) {
        if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
            return String(input);
        }
        return TypeDictionary[type] ?? type;
    }
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = getTypeName(issue.expected);
                const receivedType = core_util/* parsedType */.GW(issue.input);
                const received = getTypeName(receivedType, issue.input);
                return `Invalid input: expected ${expected}, received ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `Invalid input: expected ${core_util/* stringifyPrimitive */.B7(issue.values[0])}`;
                return `Invalid option: expected one of ${core_util/* joinValues */.jw(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
                return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with") {
                    return `Invalid string: must start with "${_issue.prefix}"`;
                }
                if (_issue.format === "ends_with")
                    return `Invalid string: must end with "${_issue.suffix}"`;
                if (_issue.format === "includes")
                    return `Invalid string: must include "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `Invalid string: must match pattern ${_issue.pattern}`;
                return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `Invalid number: must be a multiple of ${issue.divisor}`;
            case "unrecognized_keys":
                return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${core_util/* joinValues */.jw(issue.keys, ", ")}`;
            case "invalid_key":
                return `Invalid key in ${issue.origin}`;
            case "invalid_union":
                if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) {
                    const opts = issue.options.map((o) => `'${o}'`).join(" | ");
                    return `Invalid discriminator value. Expected ${opts}`;
                }
                if (issue.inclusive === false) {
                    return "Invalid input: more than one option matched";
                }
                return "Invalid input";
            case "invalid_element":
                return `Invalid value in ${issue.origin}`;
            default:
                return `Invalid input`;
        }
    };
};
/* harmony default export */ function en() {
    return {
        localeError: error(),
    };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/errors.js
var errors = __nccwpck_require__(37428);
;// CONCATENATED MODULE: ./node_modules/zod/v4/core/parse.js



// Always both keys, so the `_params` read site in `_parse` sees one object shape rather than two.
function finalizeParams(callee, params) {
    return { callee: params?.callee ?? callee, Err: params?.Err };
}
const _parse = (_Err) => {
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
            throw new core_core/* $ZodAsyncError */.GT();
        }
        if (result.issues.length) {
            const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())));
            core_util/* captureStackTrace */.gx(e, _params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parse = /* @__PURE__*/ _parse(errors/* $ZodRealError */.Kd);
const _parseAsync = (_Err) => {
    const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
            result = await result;
        if (result.issues.length) {
            const e = new (params?.Err ?? _Err)(result.issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())));
            core_util/* captureStackTrace */.gx(e, params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parseAsync = /* @__PURE__*/ _parseAsync(errors/* $ZodRealError */.Kd);
const _safeParse = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
        throw new core_core/* $ZodAsyncError */.GT();
    }
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParse = /* @__PURE__*/ _safeParse(errors/* $ZodRealError */.Kd);
// the error is built on the first read of `error`: finalizing the issues and constructing the instance is most of a failing parse, and a caller that only branches on `success` never pays it. a getter in the literal keeps this small; the alternative, one shared accessor descriptor plus a hidden state slot, reads ~15% faster but costs ~75 B gzipped in every bundle
function failure(Err, issues, ctx) {
    let error;
    return {
        success: false,
        get error() {
            if (!error) {
                error = new Err(issues.map((iss) => core_util/* finalizeIssue */.iR(iss, ctx, core_core/* config */.$W())));
                // finalizeIssue drops `input`, so the built error holds nothing; keeping the raw issues past this point pins the parsed value for the life of the result
                issues = undefined;
                ctx = undefined;
            }
            return error;
        },
        set error(e) {
            error = e;
            // a replacement makes the getter's branch unreachable, so the captures have to go here too
            issues = undefined;
            ctx = undefined;
        },
    };
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParseAsync = /* @__PURE__*/ _safeParseAsync(errors/* $ZodRealError */.Kd);
// registry mirrors of the compiler's sentinels, so this module never imports the compiler
const COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
const COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
// Deliberately tiny, because v8 will not inline a body carrying the fallback's object literals and throw. Everything that is not the compiled happy path lives in validateFallback, and that split is worth ~35% on a compiled schema.
const validate = ((schema, value, _ctx) => {
    const validator = schema._zod.bag.validator;
    if (validator !== undefined) {
        if (validator(value) !== COMPILE_INVALID)
            return true;
        // a definite sentinel means the runtime would reject, so skip the re-parse; a ctx can still change the answer
        if (validator.definite === true && _ctx === undefined)
            return false;
    }
    return validateFallback(schema, value, _ctx);
});
function validateFallback(schema, value, _ctx) {
    const ctx = _ctx
        ? { ..._ctx, async: false, abortEarly: true }
        : { async: false, abortEarly: true };
    const fallbackRun = schema._zod.bag.fallbackRun;
    let result;
    if (fallbackRun) {
        // skip nested fast paths on the fallback, so user callbacks keep the at-most-twice bound
        ctx[COMPILE_FALLBACK] = true;
        result = fallbackRun({ value, issues: [] }, ctx);
    }
    else {
        result = schema._zod.run({ value, issues: [] }, ctx);
    }
    if (result instanceof Promise) {
        throw new core_core/* $ZodAsyncError */.GT();
    }
    return result.issues.length === 0;
}
// no fast path: the compiler keeps async parses on the runtime, because a promise-returning callback that is not declared async compiles to a throw
const parse_validateAsync = async (schema, value, _ctx) => {
    const ctx = _ctx
        ? { ..._ctx, async: true, abortEarly: true }
        : { async: true, abortEarly: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length === 0;
};
const _encode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return parse(schema, value, ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const encode = /* @__PURE__*/ _encode(errors/* $ZodRealError */.Kd);
const _decode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        return parse(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decode = /* @__PURE__*/ _decode(errors/* $ZodRealError */.Kd);
const _encodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return (await parseAsync(schema, value, ctx, finalizeParams(fn, _params)));
    };
    return fn;
};
const encodeAsync = /* @__PURE__*/ _encodeAsync(errors/* $ZodRealError */.Kd);
const _decodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        return await parseAsync(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decodeAsync = /* @__PURE__*/ _decodeAsync(errors/* $ZodRealError */.Kd);
const _safeEncode = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParse(_Err)(schema, value, ctx);
};
const safeEncode = /* @__PURE__*/ _safeEncode(errors/* $ZodRealError */.Kd);
const _safeDecode = (_Err) => (schema, value, _ctx) => {
    return _safeParse(_Err)(schema, value, _ctx);
};
const safeDecode = /* @__PURE__*/ _safeDecode(errors/* $ZodRealError */.Kd);
const _safeEncodeAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParseAsync(_Err)(schema, value, ctx);
};
const safeEncodeAsync = /* @__PURE__*/ _safeEncodeAsync(errors/* $ZodRealError */.Kd);
const _safeDecodeAsync = (_Err) => async (schema, value, _ctx) => {
    return _safeParseAsync(_Err)(schema, value, _ctx);
};
const safeDecodeAsync = /* @__PURE__*/ _safeDecodeAsync(errors/* $ZodRealError */.Kd);

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/errors.js
var classic_errors = __nccwpck_require__(961);
;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/parse.js


const classic_parse_parse = /* @__PURE__ */ _parse(classic_errors/* ZodRealError */.g);
const classic_parse_parseAsync = /* @__PURE__ */ _parseAsync(classic_errors/* ZodRealError */.g);
const parse_safeParse = /* @__PURE__ */ _safeParse(classic_errors/* ZodRealError */.g);
const parse_safeParseAsync = /* @__PURE__ */ _safeParseAsync(classic_errors/* ZodRealError */.g);

// Codec functions
const parse_encode = /* @__PURE__ */ _encode(classic_errors/* ZodRealError */.g);
const parse_decode = /* @__PURE__ */ _decode(classic_errors/* ZodRealError */.g);
const parse_encodeAsync = /* @__PURE__ */ _encodeAsync(classic_errors/* ZodRealError */.g);
const parse_decodeAsync = /* @__PURE__ */ _decodeAsync(classic_errors/* ZodRealError */.g);
const parse_safeEncode = /* @__PURE__ */ _safeEncode(classic_errors/* ZodRealError */.g);
const parse_safeDecode = /* @__PURE__ */ _safeDecode(classic_errors/* ZodRealError */.g);
const parse_safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(classic_errors/* ZodRealError */.g);
const parse_safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(classic_errors/* ZodRealError */.g);

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/schemas.js








// Register English as the default locale on first ZodType construction. Hooked into the `ZodType` `$constructor` (rather than a top-level `config(en())` in `external.ts`) so bundlers honoring `sideEffects: false` can't tree-shake it out — see #5953, #5725. An explicit `z.config(z.locales.xx())` call wins regardless of order, since this only sets the default when none is present.
function _ensureDefaultLocale() {
    if (!core_core/* globalConfig */.cr.localeError)
        core_core/* config */.$W(en());
}
// the default memoizer is read by the core container init, which runs before `ZodType.init`, so each container calls this first
function _ensureDefaultMemoizer() {
    if (!core_core/* globalConfig */.cr.memoizer)
        core_core/* config */.$W({ memoizer: memoizer() });
}
const ZodType = /*@__PURE__*/ core_core/* $constructor */.xI("ZodType", (inst, def) => {
    _ensureDefaultLocale();
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
    return inst;
}, {
    check(...chks) {
        const def = this.def;
        return this.clone(core_util/* mergeDefs */.zM(def, {
            checks: [
                ...(def.checks ?? []),
                ...chks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }), { parent: true });
    },
    with(...chks) {
        return this.check(...chks);
    },
    clone(def, params) {
        return core_util/* clone */.o8(this, def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    refine(check, params) {
        return this.check(refine(check, params));
    },
    superRefine(refinement, params) {
        return this.check(superRefine(refinement, params));
    },
    overwrite(fn) {
        return this.check(api/* _overwrite */.bS(fn));
    },
    optional() {
        return optional(this);
    },
    exactOptional() {
        return exactOptional(this);
    },
    nullable() {
        return nullable(this);
    },
    nullish() {
        return optional(nullable(this));
    },
    nonoptional(params) {
        return nonoptional(this, params);
    },
    array() {
        return array(this);
    },
    or(arg) {
        return union([this, arg]);
    },
    and(arg) {
        return intersection(this, arg);
    },
    transform(tx) {
        return pipe(this, transform(tx));
    },
    default(d) {
        return _default(this, d);
    },
    prefault(d) {
        return prefault(this, d);
    },
    catch(params) {
        return _catch(this, params);
    },
    pipe(target) {
        return pipe(this, target);
    },
    readonly() {
        return readonly(this);
    },
    describe(description) {
        const cl = this.clone();
        registries/* globalRegistry */.fd.add(cl, { description });
        return cl;
    },
    meta(...args) {
        // overloaded: meta() returns the registered metadata, meta(data) returns a clone with `data` registered. The mapped type picks up the second overload, so we accept variadic any-args and return `any` to satisfy both at runtime.
        if (args.length === 0)
            return registries/* globalRegistry */.fd.get(this);
        const cl = this.clone();
        registries/* globalRegistry */.fd.add(cl, args[0]);
        return cl;
    },
    isOptional() {
        return this.safeParse(undefined).success;
    },
    isNullable() {
        return this.safeParse(null).success;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
    // Overrides core's `~standard` to add `jsonSchema`. Must stay a prototype entry: redefining it per instance demotes instances to dictionary mode.
    get "~standard"() {
        return core_util/* hide */.jD(this, "~standard", {
            ...standardProps(this),
            jsonSchema: {
                input: createStandardJSONSchemaMethod(this, "input"),
                output: createStandardJSONSchemaMethod(this, "output"),
            },
        });
    },
    set "~standard"(value) {
        core_util/* own */.qh(this, "~standard", value);
    },
    parse: function _parse(data, params) {
        return classic_parse_parse(this, data, params, { callee: _parse });
    },
    parseAsync: async function _parseAsync(data, params) {
        return await classic_parse_parseAsync(this, data, params, { callee: _parseAsync });
    },
    safeParse(data, params) {
        return parse_safeParse(this, data, params);
    },
    async safeParseAsync(data, params) {
        return parse_safeParseAsync(this, data, params);
    },
    // `spa` is an alias: same function object as `safeParseAsync`, as before.
    get spa() {
        return this?.safeParseAsync;
    },
    set spa(value) {
        core_util/* own */.qh(this, "spa", value);
    },
    validate(data, params) {
        return validate(this, data, params);
    },
    validateAsync(data, params) {
        return parse_validateAsync(this, data, params);
    },
    encode: function _encode(data, params) {
        return parse_encode(this, data, params, { callee: _encode });
    },
    decode: function _decode(data, params) {
        return parse_decode(this, data, params, { callee: _decode });
    },
    encodeAsync: async function _encodeAsync(data, params) {
        return await parse_encodeAsync(this, data, params, { callee: _encodeAsync });
    },
    decodeAsync: async function _decodeAsync(data, params) {
        return await parse_decodeAsync(this, data, params, { callee: _decodeAsync });
    },
    safeEncode(data, params) {
        return parse_safeEncode(this, data, params);
    },
    safeDecode(data, params) {
        return parse_safeDecode(this, data, params);
    },
    async safeEncodeAsync(data, params) {
        return parse_safeEncodeAsync(this, data, params);
    },
    async safeDecodeAsync(data, params) {
        return parse_safeDecodeAsync(this, data, params);
    },
    toJSONSchema(params) {
        return createToJSONSchemaMethod(this, {})(params);
    },
    // Reads through to the registry on every access, so it must not cache.
    get description() {
        return registries/* globalRegistry */.fd.get(this)?.description;
    },
    // No setter: `schema._def = x` throws, as it did when `_def` was a non-writable own property.
    get _def() {
        return this._zod.def;
    },
});
/** @internal */
const _ZodString = /*@__PURE__*/ core_core/* $constructor */.xI("_ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ core_util/* derived */.un({
    format: (inst) => aggregateChecks(inst).format ?? null,
    minLength: (inst) => aggregateChecks(inst).minimum ?? null,
    maxLength: (inst) => aggregateChecks(inst).maximum ?? null,
}, {
    regex(...args) {
        return this.check(api/* _regex */.Fk(...args));
    },
    includes(...args) {
        return this.check(api/* _includes */.dR(...args));
    },
    startsWith(...args) {
        return this.check(api/* _startsWith */.$S(...args));
    },
    endsWith(...args) {
        return this.check(api/* _endsWith */.ER(...args));
    },
    min(...args) {
        return this.check(api/* _minLength */.m9(...args));
    },
    max(...args) {
        return this.check(api/* _maxLength */.Eb(...args));
    },
    length(...args) {
        return this.check(api/* _length */.YA(...args));
    },
    nonempty(...args) {
        return this.check(api/* _minLength */.m9(1, ...args));
    },
    lowercase(params) {
        return this.check(api/* _lowercase */.hH(params));
    },
    uppercase(params) {
        return this.check(api/* _uppercase */.qF(params));
    },
    trim() {
        return this.check(api/* _trim */.WN());
    },
    normalize(...args) {
        return this.check(api/* _normalize */.lo(...args));
    },
    toLowerCase() {
        return this.check(api/* _toLowerCase */.Il());
    },
    toUpperCase() {
        return this.check(api/* _toUpperCase */.xY());
    },
    slugify() {
        return this.check(api/* _slugify */.TL());
    },
}));
const ZodString = /*@__PURE__*/ core_core/* $constructor */.xI("ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    _ZodString.init(inst, def);
}, {
    email(params) {
        return this.check(api/* _email */.Mu(ZodEmail, params));
    },
    url(params) {
        return this.check(api/* _url */.Fn(ZodURL, params));
    },
    jwt(params) {
        return this.check(api/* _jwt */.rk(ZodJWT, params));
    },
    emoji(params) {
        return this.check(api/* _emoji */.aC(ZodEmoji, params));
    },
    guid(params) {
        return this.check(api/* _guid */.tB(ZodGUID, params));
    },
    uuid(params) {
        return this.check(api/* _uuid */.Be(ZodUUID, params));
    },
    uuidv4(params) {
        return this.check(api/* _uuidv4 */.nA(ZodUUID, params));
    },
    uuidv6(params) {
        return this.check(api/* _uuidv6 */.pY(ZodUUID, params));
    },
    uuidv7(params) {
        return this.check(api/* _uuidv7 */.wA(ZodUUID, params));
    },
    nanoid(params) {
        return this.check(api/* _nanoid */.Dl(ZodNanoID, params));
    },
    cuid(params) {
        return this.check(api/* _cuid */.fs(ZodCUID, params));
    },
    cuid2(params) {
        return this.check(api/* _cuid2 */.Bj(ZodCUID2, params));
    },
    ulid(params) {
        return this.check(api/* _ulid */.Ct(ZodULID, params));
    },
    base64(params) {
        return this.check(api/* _base64 */.rt(ZodBase64, params));
    },
    base64url(params) {
        return this.check(api/* _base64url */.cU(ZodBase64URL, params));
    },
    xid(params) {
        return this.check(api/* _xid */.Pw(ZodXID, params));
    },
    ksuid(params) {
        return this.check(api/* _ksuid */._z(ZodKSUID, params));
    },
    ipv4(params) {
        return this.check(api/* _ipv4 */.Ny(ZodIPv4, params));
    },
    ipv6(params) {
        return this.check(api/* _ipv6 */.$O(ZodIPv6, params));
    },
    cidrv4(params) {
        return this.check(api/* _cidrv4 */.Uy(ZodCIDRv4, params));
    },
    cidrv6(params) {
        return this.check(api/* _cidrv6 */.gP(ZodCIDRv6, params));
    },
    e164(params) {
        return this.check(api/* _e164 */.KB(ZodE164, params));
    },
    datetime(params) {
        return this.check(api/* _isoDateTime */.G1(ZodISODateTime, params));
    },
    date(params) {
        return this.check(api/* _isoDate */.db(ZodISODate, params));
    },
    time(params) {
        return this.check(api/* _isoTime */.Kn(ZodISOTime, params));
    },
    duration(params) {
        return this.check(api/* _isoDuration */.f2(ZodISODuration, params));
    },
});
function string(params) {
    return api/* _string */.Rl(ZodString, params);
}
const ZodStringFormat = /*@__PURE__*/ core_core/* $constructor */.xI("ZodStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    _ZodString.init(inst, def);
});
const ZodISODateTime = /*@__PURE__*/ core_core/* $constructor */.xI("ZodISODateTime", (inst, def) => {
    $ZodISODateTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODate = /*@__PURE__*/ core_core/* $constructor */.xI("ZodISODate", (inst, def) => {
    $ZodISODate.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISOTime = /*@__PURE__*/ core_core/* $constructor */.xI("ZodISOTime", (inst, def) => {
    $ZodISOTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODuration = /*@__PURE__*/ core_core/* $constructor */.xI("ZodISODuration", (inst, def) => {
    $ZodISODuration.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodEmail = /*@__PURE__*/ core_core/* $constructor */.xI("ZodEmail", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmail.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function email(params) {
    return core._email(ZodEmail, params);
}
const ZodGUID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodGUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodGUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function guid(params) {
    return core._guid(ZodGUID, params);
}
const ZodUUID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodUUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodUUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function uuid(params) {
    return core._uuid(ZodUUID, params);
}
function uuidv4(params) {
    return core._uuidv4(ZodUUID, params);
}
// ZodUUIDv6
function uuidv6(params) {
    return core._uuidv6(ZodUUID, params);
}
// ZodUUIDv7
function uuidv7(params) {
    return core._uuidv7(ZodUUID, params);
}
const ZodURL = /*@__PURE__*/ core_core/* $constructor */.xI("ZodURL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodURL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function url(params) {
    return core._url(ZodURL, params);
}
function httpUrl(params) {
    return core._url(ZodURL, {
        protocol: regexes.httpProtocol,
        hostname: regexes.domain,
        ...util.normalizeParams(params),
    });
}
const ZodEmoji = /*@__PURE__*/ core_core/* $constructor */.xI("ZodEmoji", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmoji.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function emoji(params) {
    return core._emoji(ZodEmoji, params);
}
const ZodNanoID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNanoID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodNanoID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function nanoid(params) {
    return core._nanoid(ZodNanoID, params);
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const ZodCUID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
/**
 * Validates a CUID v1 string.
 *
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2 | `z.cuid2()`} instead.
 * See https://github.com/paralleldrive/cuid.
 */
function cuid(params) {
    return core._cuid(ZodCUID, params);
}
const ZodCUID2 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCUID2", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID2.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function cuid2(params) {
    return core._cuid2(ZodCUID2, params);
}
const ZodULID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodULID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodULID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function ulid(params) {
    return core._ulid(ZodULID, params);
}
const ZodXID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodXID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodXID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function xid(params) {
    return core._xid(ZodXID, params);
}
const ZodKSUID = /*@__PURE__*/ core_core/* $constructor */.xI("ZodKSUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodKSUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function ksuid(params) {
    return core._ksuid(ZodKSUID, params);
}
const ZodIPv4 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodIPv4", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function ipv4(params) {
    return core._ipv4(ZodIPv4, params);
}
const ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMAC", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodMAC.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function mac(params) {
    return core._mac(ZodMAC, params);
}
const ZodIPv6 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodIPv6", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function ipv6(params) {
    return core._ipv6(ZodIPv6, params);
}
const ZodCIDRv4 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCIDRv4", (inst, def) => {
    $ZodCIDRv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function cidrv4(params) {
    return core._cidrv4(ZodCIDRv4, params);
}
const ZodCIDRv6 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCIDRv6", (inst, def) => {
    $ZodCIDRv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function cidrv6(params) {
    return core._cidrv6(ZodCIDRv6, params);
}
const ZodBase64 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodBase64", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function base64(params) {
    return api/* _base64 */.rt(ZodBase64, params);
}
const ZodBase64URL = /*@__PURE__*/ core_core/* $constructor */.xI("ZodBase64URL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64URL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function base64url(params) {
    return core._base64url(ZodBase64URL, params);
}
const ZodE164 = /*@__PURE__*/ core_core/* $constructor */.xI("ZodE164", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodE164.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function e164(params) {
    return core._e164(ZodE164, params);
}
const ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCreditCard", (inst, def) => {
    core.$ZodCreditCard.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function creditCard(params) {
    return core._creditCard(ZodCreditCard, params);
}
const ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodIBAN", (inst, def) => {
    core.$ZodIBAN.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function iban(params) {
    return core._iban(ZodIBAN, params);
}
const ZodJWT = /*@__PURE__*/ core_core/* $constructor */.xI("ZodJWT", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodJWT.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function jwt(params) {
    return core._jwt(ZodJWT, params);
}
const ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCustomStringFormat", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodCustomStringFormat.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function stringFormat(format, fnOrRegex, _params = {}) {
    return core._stringFormat(ZodCustomStringFormat, format, fnOrRegex, _params);
}
function hostname(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hostname", regexes.hostname, _params);
}
function hex(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hex", regexes.hex, _params);
}
function currencyCode(_params) {
    return core._stringFormat(ZodCustomStringFormat, "currency_code", regexes.currencyCode, _params);
}
function hash(alg, params) {
    const enc = params?.enc ?? "hex";
    const format = `${alg}_${enc}`;
    const regex = core.regexes[format];
    if (!regex)
        throw new Error(`Unrecognized hash format: ${format}`);
    return core._stringFormat(ZodCustomStringFormat, format, regex, params);
}
const ZodNumber = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
    inst.isFinite = true;
}, 
/*@__PURE__*/ core_util/* derived */.un({
    minValue: (inst) => {
        const { minimum, exclusiveMinimum } = aggregateChecks(inst);
        return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
    },
    maxValue: (inst) => {
        const { maximum, exclusiveMaximum } = aggregateChecks(inst);
        return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
    },
    isInt: (inst) => {
        const { isInt, multipleOf } = aggregateChecks(inst);
        return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
    },
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gt(value, params) {
        return this.check(api/* _gt */.Tx(value, params));
    },
    gte(value, params) {
        return this.check(api/* _gte */.qm(value, params));
    },
    min(value, params) {
        return this.check(api/* _gte */.qm(value, params));
    },
    lt(value, params) {
        return this.check(api/* _lt */.Au(value, params));
    },
    lte(value, params) {
        return this.check(api/* _lte */.Zm(value, params));
    },
    max(value, params) {
        return this.check(api/* _lte */.Zm(value, params));
    },
    int(params) {
        return this.check(schemas_int(params));
    },
    safe(params) {
        return this.check(schemas_int(params));
    },
    positive(params) {
        return this.check(api/* _gt */.Tx(0, params));
    },
    nonnegative(params) {
        return this.check(api/* _gte */.qm(0, params));
    },
    negative(params) {
        return this.check(api/* _lt */.Au(0, params));
    },
    nonpositive(params) {
        return this.check(api/* _lte */.Zm(0, params));
    },
    multipleOf(value, params) {
        return this.check(api/* _multipleOf */.Hi(value, params));
    },
    step(value, params) {
        return this.check(api/* _multipleOf */.Hi(value, params));
    },
    finite() {
        return this;
    },
}));
function number(params) {
    return api/* _number */.F7(ZodNumber, params);
}
const ZodNumberFormat = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodNumber.init(inst, def);
});
function schemas_int(params) {
    return api/* _int */.LK(ZodNumberFormat, params);
}
function float32(params) {
    return core._float32(ZodNumberFormat, params);
}
function float64(params) {
    return core._float64(ZodNumberFormat, params);
}
function int32(params) {
    return core._int32(ZodNumberFormat, params);
}
function uint32(params) {
    return core._uint32(ZodNumberFormat, params);
}
const ZodBoolean = /*@__PURE__*/ core_core/* $constructor */.xI("ZodBoolean", (inst, def) => {
    $ZodBoolean.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => booleanProcessor(inst, ctx, json, params);
});
function schemas_boolean(params) {
    return api/* _boolean */._L(ZodBoolean, params);
}
const ZodBigInt = /*@__PURE__*/ core_core/* $constructor */.xI("ZodBigInt", (inst, def) => {
    $ZodBigInt.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => bigintProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ core_util/* derived */.un({
    minValue: (inst) => aggregateChecks(inst).minimum ?? null,
    maxValue: (inst) => aggregateChecks(inst).maximum ?? null,
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gte(value, params) {
        return this.check(api/* _gte */.qm(value, params));
    },
    min(value, params) {
        return this.check(api/* _gte */.qm(value, params));
    },
    gt(value, params) {
        return this.check(api/* _gt */.Tx(value, params));
    },
    lt(value, params) {
        return this.check(api/* _lt */.Au(value, params));
    },
    lte(value, params) {
        return this.check(api/* _lte */.Zm(value, params));
    },
    max(value, params) {
        return this.check(api/* _lte */.Zm(value, params));
    },
    positive(params) {
        return this.check(api/* _gt */.Tx(BigInt(0), params));
    },
    negative(params) {
        return this.check(api/* _lt */.Au(BigInt(0), params));
    },
    nonpositive(params) {
        return this.check(api/* _lte */.Zm(BigInt(0), params));
    },
    nonnegative(params) {
        return this.check(api/* _gte */.qm(BigInt(0), params));
    },
    multipleOf(value, params) {
        return this.check(api/* _multipleOf */.Hi(value, params));
    },
}));
function bigint(params) {
    return core._bigint(ZodBigInt, params);
}
const ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodBigIntFormat", (inst, def) => {
    core.$ZodBigIntFormat.init(inst, def);
    ZodBigInt.init(inst, def);
})));
function int64(params) {
    return core._int64(ZodBigIntFormat, params);
}
function uint64(params) {
    return core._uint64(ZodBigIntFormat, params);
}
const ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSymbol", (inst, def) => {
    core.$ZodSymbol.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.symbolProcessor(inst, ctx, json, params);
})));
function symbol(params) {
    return core._symbol(ZodSymbol, params);
}
const ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodUndefined", (inst, def) => {
    core.$ZodUndefined.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.undefinedProcessor(inst, ctx, json, params);
})));
function _undefined(params) {
    return core._undefined(ZodUndefined, params);
}

const ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNull", (inst, def) => {
    core.$ZodNull.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nullProcessor(inst, ctx, json, params);
})));
function _null(params) {
    return core._null(ZodNull, params);
}

const ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodAny", (inst, def) => {
    core.$ZodAny.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.anyProcessor(inst, ctx, json, params);
})));
function any() {
    return core._any(ZodAny);
}
const ZodUnknown = /*@__PURE__*/ core_core/* $constructor */.xI("ZodUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unknownProcessor(inst, ctx, json, params);
});
function unknown() {
    return api/* _unknown */.em(ZodUnknown);
}
const ZodNever = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json, params);
});
function never(params) {
    return api/* _never */.G8(ZodNever, params);
}
const ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodVoid", (inst, def) => {
    core.$ZodVoid.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.voidProcessor(inst, ctx, json, params);
})));
function _void(params) {
    return core._void(ZodVoid, params);
}

const ZodDate = /*@__PURE__*/ core_core/* $constructor */.xI("ZodDate", (inst, def) => {
    $ZodDate.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => dateProcessor(inst, ctx, json, params);
    inst.min = (value, params) => inst.check(api/* _gte */.qm(value, params));
    inst.max = (value, params) => inst.check(api/* _lte */.Zm(value, params));
}, 
/*@__PURE__*/ core_util/* derived */.un({
    minDate: (inst) => {
        const { minimum } = aggregateChecks(inst);
        return minimum ? new Date(minimum) : null;
    },
    maxDate: (inst) => {
        const { maximum } = aggregateChecks(inst);
        return maximum ? new Date(maximum) : null;
    },
}, {}));
function date(params) {
    return core._date(ZodDate, params);
}
const ZodArray = /*@__PURE__*/ core_core/* $constructor */.xI("ZodArray", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodArray.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
    inst.element = def.element;
}, {
    min(n, params) {
        return this.check(api/* _minLength */.m9(n, params));
    },
    nonempty(params) {
        return this.check(api/* _minLength */.m9(1, params));
    },
    max(n, params) {
        return this.check(api/* _maxLength */.Eb(n, params));
    },
    length(n, params) {
        return this.check(api/* _length */.YA(n, params));
    },
    unwrap() {
        return this.element;
    },
});
function array(element, params) {
    return api/* _array */.dZ(ZodArray, element, params);
}
// .keyof
function keyof(schema) {
    const shape = schema._zod.def.shape;
    return _enum(Object.keys(shape));
}
const ZodObject = /*@__PURE__*/ core_core/* $constructor */.xI("ZodObject", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodObjectJIT.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
    core_util/* installLazyProp */.X(inst, "shape", (self) => self._zod.def.shape, false);
}, {
    keyof() {
        return _enum(Object.keys(this._zod.def.shape));
    },
    catchall(catchall) {
        // `mergeDefs` rather than a spread: spreading reads `shape`, and resolving it can mint a whole fresh subtree
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: catchall }));
    },
    passthrough() {
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: unknown() }));
    },
    loose() {
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: unknown() }));
    },
    strict() {
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: never() }));
    },
    strip() {
        return this.clone(core_util/* mergeDefs */.zM(this._zod.def, { catchall: undefined }));
    },
    extend(incoming) {
        return core_util/* extend */.X$(this, incoming);
    },
    safeExtend(incoming) {
        return core_util/* safeExtend */.W0(this, incoming);
    },
    merge(other) {
        return core_util/* merge */.h1(this, other);
    },
    pick(mask) {
        return core_util/* pick */.Up(this, mask);
    },
    omit(mask) {
        return core_util/* omit */.cJ(this, mask);
    },
    partial(...args) {
        return core_util/* partial */.OH(ZodOptional, this, args[0]);
    },
    exactPartial(...args) {
        return core_util/* partial */.OH(ZodExactOptional, this, args[0], "exactPartial");
    },
    required(...args) {
        return core_util/* required */.mw(ZodNonOptional, this, args[0]);
    },
});
function object(shape, params) {
    const def = {
        type: "object",
        shape: shape ?? {},
        ...core_util/* normalizeParams */.A2(params),
    };
    return new ZodObject(def);
}
// strictObject
function strictObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: never(),
        ...core_util/* normalizeParams */.A2(params),
    });
}
// looseObject
function looseObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: unknown(),
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodUnion = /*@__PURE__*/ core_core/* $constructor */.xI("ZodUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
});
function union(options, params) {
    return new ZodUnion({
        type: "union",
        options: options,
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodXor", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodXor.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
})));
/** Creates an exclusive union (XOR) where exactly one option must match.
 * Unlike regular unions that succeed when any option matches, xor fails if
 * zero or more than one option matches the input. */
function xor(options, params) {
    return new ZodXor({
        type: "union",
        options: options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
const ZodDiscriminatedUnion = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodDiscriminatedUnion", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodDiscriminatedUnion.init(inst, def);
})));
function discriminatedUnion(discriminator, options, params) {
    // const [options, params] = args;
    return new ZodDiscriminatedUnion({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
const ZodIntersection = /*@__PURE__*/ core_core/* $constructor */.xI("ZodIntersection", (inst, def) => {
    $ZodIntersection.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
    return new ZodIntersection({
        type: "intersection",
        left: left,
        right: right,
    });
}
const ZodTuple = /*@__PURE__*/ core_core/* $constructor */.xI("ZodTuple", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTuple.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => tupleProcessor(inst, ctx, json, params);
}, {
    rest(rest) {
        return this.clone({
            ...this._zod.def,
            rest: rest,
        });
    },
    partial() {
        const def = this._zod.def;
        // a refinement was authored against the full arity; partialing would run it on a shorter array
        if (def.checks?.length)
            throw new Error(".partial() cannot be used on tuple schemas containing refinements");
        return this.clone({
            ...def,
            items: def.items.map((item) => new ZodOptional({ type: "optional", innerType: item })),
        });
    },
});
function tuple(items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof core.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new ZodTuple({
        type: "tuple",
        items: items,
        rest,
        ...util.normalizeParams(params),
    });
}
const ZodRecord = /*@__PURE__*/ core_core/* $constructor */.xI("ZodRecord", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodRecord.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => recordProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
});
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodRecord({
            type: "record",
            keyType: string(),
            valueType: keyType,
            ...core_util/* normalizeParams */.A2(valueType),
        });
    }
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...core_util/* normalizeParams */.A2(params),
    });
}
// type alksjf = core.output<core.$ZodRecordKey>;
function partialRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
        partial: true,
    });
}
function looseRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        mode: "loose",
        ...util.normalizeParams(params),
    });
}
const ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMap", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodMap.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.mapProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function map(keyType, valueType, params) {
    return new ZodMap({
        type: "map",
        keyType: keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSet", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodSet.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.setProcessor(inst, ctx, json, params);
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function set(valueType, params) {
    return new ZodSet({
        type: "set",
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodEnum = /*@__PURE__*/ core_core/* $constructor */.xI("ZodEnum", (inst, def) => {
    $ZodEnum.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json, params);
    inst.enum = def.entries;
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
    const keys = new Set(Object.keys(def.entries));
    inst.extract = (values, params) => {
        const newEntries = {};
        for (const value of values) {
            if (keys.has(value)) {
                newEntries[value] = def.entries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...core_util/* normalizeParams */.A2(params),
            entries: newEntries,
        });
    };
    inst.exclude = (values, params) => {
        const newEntries = { ...def.entries };
        for (const value of values) {
            if (keys.has(value)) {
                delete newEntries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...core_util/* normalizeParams */.A2(params),
            entries: newEntries,
        });
    };
});
function _enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodEnum({
        type: "enum",
        entries,
        ...core_util/* normalizeParams */.A2(params),
    });
}

/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function nativeEnum(entries, params) {
    return new ZodEnum({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
const ZodLiteral = /*@__PURE__*/ core_core/* $constructor */.xI("ZodLiteral", (inst, def) => {
    $ZodLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => literalProcessor(inst, ctx, json, params);
    inst.values = new Set(def.values);
    Object.defineProperty(inst, "value", {
        get() {
            if (def.values.length > 1) {
                throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
            }
            return def.values[0];
        },
    });
});
function literal(value, params) {
    return new ZodLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFile", (inst, def) => {
    core.$ZodFile.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.fileProcessor(inst, ctx, json, params);
    inst.min = (size, params) => inst.check(core._minSize(size, params));
    inst.max = (size, params) => inst.check(core._maxSize(size, params));
    inst.mime = (types, params) => inst.check(core._mime(Array.isArray(types) ? types : [types], params));
})));
function file(params) {
    return core._file(ZodFile, params);
}
const ZodTransform = /*@__PURE__*/ core_core/* $constructor */.xI("ZodTransform", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTransform.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
    inst._zod.parse = (payload, _ctx) => {
        if (_ctx.direction === "backward") {
            throw new core_core/* $ZodEncodeError */.cV(inst.constructor.name);
        }
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(core_util/* issue */.sn(issue, payload.value, def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = inst);
                // _issue.continue ??= true;
                payload.issues.push(core_util/* issue */.sn(_issue));
            }
        };
        const output = def.transform(payload.value, payload);
        if (output instanceof Promise) {
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        payload.value = output;
        return payload;
    };
});
function transform(fn) {
    return new ZodTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodOptional = /*@__PURE__*/ core_core/* $constructor */.xI("ZodOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
    return new ZodOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodExactOptional = /*@__PURE__*/ core_core/* $constructor */.xI("ZodExactOptional", (inst, def) => {
    $ZodExactOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
    return new ZodExactOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodNullable = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
    return new ZodNullable({
        type: "nullable",
        innerType: innerType,
    });
}
// nullish
function nullish(innerType) {
    return optional(nullable(innerType));
}
const ZodDefault = /*@__PURE__*/ core_core/* $constructor */.xI("ZodDefault", (inst, def) => {
    $ZodDefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeDefault = inst.unwrap;
});
function _default(innerType, defaultValue) {
    return new ZodDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : core_util/* shallowClone */.yG(defaultValue);
        },
    });
}
const ZodPrefault = /*@__PURE__*/ core_core/* $constructor */.xI("ZodPrefault", (inst, def) => {
    $ZodPrefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
    return new ZodPrefault({
        type: "prefault",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : core_util/* shallowClone */.yG(defaultValue);
        },
    });
}
const ZodNonOptional = /*@__PURE__*/ core_core/* $constructor */.xI("ZodNonOptional", (inst, def) => {
    $ZodNonOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
    return new ZodNonOptional({
        type: "nonoptional",
        innerType: innerType,
        ...core_util/* normalizeParams */.A2(params),
    });
}
const ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSuccess", (inst, def) => {
    core.$ZodSuccess.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.successProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function success(innerType) {
    return new ZodSuccess({
        type: "success",
        innerType: innerType,
    });
}
const ZodCatch = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCatch", (inst, def) => {
    $ZodCatch.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeCatch = inst.unwrap;
});
function _catch(innerType, catchValue) {
    return new ZodCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : core_util/* constantCatch */.SS(catchValue)),
    });
}

const ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNaN", (inst, def) => {
    core.$ZodNaN.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nanProcessor(inst, ctx, json, params);
})));
function nan(params) {
    return core._nan(ZodNaN, params);
}
const ZodPipe = /*@__PURE__*/ core_core/* $constructor */.xI("ZodPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
    inst.in = def.in;
    inst.out = def.out;
});
function pipe(in_, out) {
    return new ZodPipe({
        type: "pipe",
        in: in_,
        out: out,
        // ...util.normalizeParams(params),
    });
}
const ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCodec", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodCodec.init(inst, def);
})));
function codec(in_, out, params) {
    return new ZodCodec({
        type: "pipe",
        in: in_,
        out: out,
        transform: params.decode,
        reverseTransform: params.encode,
    });
}
function invertCodec(codec) {
    const def = codec._zod.def;
    return new ZodCodec({
        type: "pipe",
        in: def.out,
        out: def.in,
        transform: def.reverseTransform,
        reverseTransform: def.transform,
    });
}
const ZodPreprocess = /*@__PURE__*/ core_core/* $constructor */.xI("ZodPreprocess", (inst, def) => {
    ZodPipe.init(inst, def);
    $ZodPreprocess.init(inst, def);
});
const ZodReadonly = /*@__PURE__*/ core_core/* $constructor */.xI("ZodReadonly", (inst, def) => {
    $ZodReadonly.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
    return new ZodReadonly({
        type: "readonly",
        innerType: innerType,
    });
}
const ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodTemplateLiteral", (inst, def) => {
    core.$ZodTemplateLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.templateLiteralProcessor(inst, ctx, json, params);
})));
function templateLiteral(parts, params) {
    return new ZodTemplateLiteral({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
const ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodLazy", (inst, def) => {
    core.$ZodLazy.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.lazyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.getter();
})));
function lazy(getter) {
    return new ZodLazy({
        type: "lazy",
        getter: getter,
    });
}
const ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPromise", (inst, def) => {
    core.$ZodPromise.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.promiseProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function promise(innerType) {
    return new ZodPromise({
        type: "promise",
        innerType: innerType,
    });
}
const ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFunction", (inst, def) => {
    core.$ZodFunction.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.functionProcessor(inst, ctx, json, params);
})));
function _function(params) {
    return new ZodFunction({
        type: "function",
        input: Array.isArray(params?.input) ? tuple(params?.input) : (params?.input ?? array(unknown())),
        output: params?.output ?? unknown(),
    });
}

const ZodCustom = /*@__PURE__*/ core_core/* $constructor */.xI("ZodCustom", (inst, def) => {
    $ZodCustom.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
// custom checks
function check(fn) {
    const ch = new core.$ZodCheck({
        check: "custom",
        // ...util.normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
function custom(fn, _params) {
    return core._custom(ZodCustom, fn ?? (() => true), _params);
}
function refine(fn, _params = {}) {
    return api/* _refine */.fU(ZodCustom, fn, _params);
}
// superRefine
function superRefine(fn, params) {
    return api/* _superRefine */.MB(fn, params);
}
// Re-export describe and meta from core
const describe = api/* describe */.q0;
const meta = api/* meta */.mI;
const ZodInstanceOf = /*@__PURE__*/ core_core/* $constructor */.xI("ZodInstanceOf", (inst, def) => {
    ZodCustom.init(inst, def);
}, {
    properties(shape, params) {
        // asserts in place, so the narrowed output type is truthful without a wrapper
        return this.check(api/* _properties */.T2(shape, params));
    },
});
function _instanceof(cls, params = {}) {
    const inst = new ZodInstanceOf({
        type: "custom",
        check: "custom",
        fn: (data) => data instanceof cls,
        abort: true,
        ...util.normalizeParams(params),
    });
    inst._zod.bag.Class = cls;
    // Override check to emit invalid_type instead of custom
    inst._zod.check = (payload) => {
        if (!(payload.value instanceof cls)) {
            payload.issues.push({
                code: "invalid_type",
                expected: cls.name,
                input: payload.value,
                inst,
                path: [...(inst._zod.def.path ?? [])],
            });
        }
    };
    return inst;
}

// stringbool
const stringbool = (...args) => core._stringbool({
    Codec: ZodCodec,
    Boolean: ZodBoolean,
    String: ZodString,
}, ...args);
function json(params) {
    const jsonSchema = lazy(() => {
        return union([string(params), number(), schemas_boolean(), _null(), array(jsonSchema), record(string(), jsonSchema)]);
    });
    return jsonSchema;
}
// preprocess
function preprocess(fn, schema) {
    return new ZodPreprocess({
        type: "pipe",
        in: transform(fn),
        out: schema,
    });
}


/***/ }),

/***/ 43759:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $O: () => (/* binding */ _ipv6),
/* harmony export */   $S: () => (/* binding */ _startsWith),
/* harmony export */   Au: () => (/* binding */ _lt),
/* harmony export */   Be: () => (/* binding */ _uuid),
/* harmony export */   Bj: () => (/* binding */ _cuid2),
/* harmony export */   Ct: () => (/* binding */ _ulid),
/* harmony export */   Dl: () => (/* binding */ _nanoid),
/* harmony export */   ER: () => (/* binding */ _endsWith),
/* harmony export */   Eb: () => (/* binding */ _maxLength),
/* harmony export */   F7: () => (/* binding */ _number),
/* harmony export */   Fk: () => (/* binding */ _regex),
/* harmony export */   Fn: () => (/* binding */ _url),
/* harmony export */   G1: () => (/* binding */ _isoDateTime),
/* harmony export */   G8: () => (/* binding */ _never),
/* harmony export */   Hi: () => (/* binding */ _multipleOf),
/* harmony export */   Il: () => (/* binding */ _toLowerCase),
/* harmony export */   KB: () => (/* binding */ _e164),
/* harmony export */   Kn: () => (/* binding */ _isoTime),
/* harmony export */   LK: () => (/* binding */ _int),
/* harmony export */   MB: () => (/* binding */ _superRefine),
/* harmony export */   Mu: () => (/* binding */ _email),
/* harmony export */   Ny: () => (/* binding */ _ipv4),
/* harmony export */   Pw: () => (/* binding */ _xid),
/* harmony export */   Rl: () => (/* binding */ _string),
/* harmony export */   T2: () => (/* binding */ _properties),
/* harmony export */   TL: () => (/* binding */ _slugify),
/* harmony export */   Tx: () => (/* binding */ _gt),
/* harmony export */   Uy: () => (/* binding */ _cidrv4),
/* harmony export */   WN: () => (/* binding */ _trim),
/* harmony export */   YA: () => (/* binding */ _length),
/* harmony export */   Zm: () => (/* binding */ _lte),
/* harmony export */   _L: () => (/* binding */ _boolean),
/* harmony export */   _z: () => (/* binding */ _ksuid),
/* harmony export */   aC: () => (/* binding */ _emoji),
/* harmony export */   bS: () => (/* binding */ _overwrite),
/* harmony export */   cU: () => (/* binding */ _base64url),
/* harmony export */   dR: () => (/* binding */ _includes),
/* harmony export */   dZ: () => (/* binding */ _array),
/* harmony export */   db: () => (/* binding */ _isoDate),
/* harmony export */   em: () => (/* binding */ _unknown),
/* harmony export */   f2: () => (/* binding */ _isoDuration),
/* harmony export */   fU: () => (/* binding */ _refine),
/* harmony export */   fs: () => (/* binding */ _cuid),
/* harmony export */   gP: () => (/* binding */ _cidrv6),
/* harmony export */   hH: () => (/* binding */ _lowercase),
/* harmony export */   lo: () => (/* binding */ _normalize),
/* harmony export */   m9: () => (/* binding */ _minLength),
/* harmony export */   mI: () => (/* binding */ meta),
/* harmony export */   nA: () => (/* binding */ _uuidv4),
/* harmony export */   pY: () => (/* binding */ _uuidv6),
/* harmony export */   q0: () => (/* binding */ describe),
/* harmony export */   qF: () => (/* binding */ _uppercase),
/* harmony export */   qm: () => (/* binding */ _gte),
/* harmony export */   rk: () => (/* binding */ _jwt),
/* harmony export */   rt: () => (/* binding */ _base64),
/* harmony export */   tB: () => (/* binding */ _guid),
/* harmony export */   wA: () => (/* binding */ _uuidv7),
/* harmony export */   xY: () => (/* binding */ _toUpperCase)
/* harmony export */ });
/* unused harmony exports _coercedString, _mac, _creditCard, _iban, TimePrecision, _coercedNumber, _float32, _float64, _int32, _uint32, _coercedBoolean, _bigint, _coercedBigint, _int64, _uint64, _symbol, _undefined, _null, _any, _void, _date, _coercedDate, _nan, _max, _min, _positive, _negative, _nonpositive, _nonnegative, _maxSize, _minSize, _size, _property, _mime, _union, _xor, _discriminatedUnion, _intersection, _tuple, _record, _map, _set, _enum, _nativeEnum, _literal, _file, _transform, _optional, _nullable, _default, _nonoptional, _success, _catch, _pipe, _readonly, _templateLiteral, _lazy, _promise, _custom, _check, _stringbool, _stringFormat */
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(44890);
/* harmony import */ var _registries_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(29396);
/* harmony import */ var _util_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(54723);




function snapshotChecks(def) {
    if (def.checks)
        def.checks = [...def.checks];
    return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
    return new Class(snapshotChecks({ type: "string", ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedString(Class, params) {
    return new Class(snapshotChecks({ type: "string", coerce: true, ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _email(Class, params) {
    return new Class({
        type: "string",
        format: "email",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
    return new Class({
        type: "string",
        format: "guid",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v4",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v6",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v7",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
    return new Class({
        type: "string",
        format: "url",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _emoji(Class, params) {
    return new Class({
        type: "string",
        format: "emoji",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
    return new Class({
        type: "string",
        format: "nanoid",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link _cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
// @__NO_SIDE_EFFECTS__
function _cuid(Class, params) {
    return new Class({
        type: "string",
        format: "cuid",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
    return new Class({
        type: "string",
        format: "cuid2",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
    return new Class({
        type: "string",
        format: "ulid",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
    return new Class({
        type: "string",
        format: "xid",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
    return new Class({
        type: "string",
        format: "ksuid",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
    return new Class({
        type: "string",
        format: "ipv4",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
    return new Class({
        type: "string",
        format: "ipv6",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mac(Class, params) {
    return new Class({
        type: "string",
        format: "mac",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv4",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv6",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
    return new Class({
        type: "string",
        format: "base64",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
    return new Class({
        type: "string",
        format: "base64url",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
    return new Class({
        type: "string",
        format: "e164",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _creditCard(Class, params) {
    return new Class({
        type: "string",
        format: "credit_card",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _iban(Class, params) {
    return new Class({
        type: "string",
        format: "iban",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _jwt(Class, params) {
    return new Class({
        type: "string",
        format: "jwt",
        check: "string_format",
        abort: false,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
const TimePrecision = {
    Any: null,
    Minute: -1,
    Second: 0,
    Millisecond: 3,
    Microsecond: 6,
};
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
    return new Class({
        type: "string",
        format: "datetime",
        check: "string_format",
        offset: false,
        local: false,
        precision: null,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
    return new Class({
        type: "string",
        format: "date",
        check: "string_format",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
    return new Class({
        type: "string",
        format: "time",
        check: "string_format",
        precision: null,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
    return new Class({
        type: "string",
        format: "duration",
        check: "string_format",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
    return new Class(snapshotChecks({ type: "number", checks: [], ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedNumber(Class, params) {
    return new Class(snapshotChecks({ type: "number", coerce: true, checks: [], ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "safeint",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float64(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "int32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "uint32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
    return new Class({
        type: "boolean",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBoolean(Class, params) {
    return new Class({
        type: "boolean",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _bigint(Class, params) {
    return new Class({
        type: "bigint",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBigint(Class, params) {
    return new Class({
        type: "bigint",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "int64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "uint64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _symbol(Class, params) {
    return new Class({
        type: "symbol",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _undefined(Class, params) {
    return new Class({
        type: "undefined",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _null(Class, params) {
    return new Class({
        type: "null",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _any(Class) {
    return new Class({
        type: "any",
    });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
    return new Class({
        type: "unknown",
    });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
    return new Class({
        type: "never",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _void(Class, params) {
    return new Class({
        type: "void",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _date(Class, params) {
    return new Class({
        type: "date",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedDate(Class, params) {
    return new Class({
        type: "date",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nan(Class, params) {
    return new Class({
        type: "nan",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckLessThan */ .sm({
        check: "less_than",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckLessThan */ .sm({
        check: "less_than",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckGreaterThan */ .J_({
        check: "greater_than",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckGreaterThan */ .J_({
        check: "greater_than",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _positive(params) {
    return _gt(0, params);
}
// negative
// @__NO_SIDE_EFFECTS__
function _negative(params) {
    return _lt(0, params);
}
// nonpositive
// @__NO_SIDE_EFFECTS__
function _nonpositive(params) {
    return _lte(0, params);
}
// nonnegative
// @__NO_SIDE_EFFECTS__
function _nonnegative(params) {
    return _gte(0, params);
}
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckMultipleOf */ .Jk({
        check: "multiple_of",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        value,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxSize(maximum, params) {
    return new checks.$ZodCheckMaxSize({
        check: "max_size",
        ...util.normalizeParams(params),
        maximum,
    });
}
// @__NO_SIDE_EFFECTS__
function _minSize(minimum, params) {
    return new checks.$ZodCheckMinSize({
        check: "min_size",
        ...util.normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _size(size, params) {
    return new checks.$ZodCheckSizeEquals({
        check: "size_equals",
        ...util.normalizeParams(params),
        size,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
    const ch = new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckMaxLength */ .Yk({
        check: "max_length",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        maximum,
    });
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckMinLength */ .Kk({
        check: "min_length",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckLengthEquals */ .RM({
        check: "length_equals",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        length,
    });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckRegex */ .DG({
        check: "string_format",
        format: "regex",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        pattern,
    });
}
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckLowerCase */ .NI({
        check: "string_format",
        format: "lowercase",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckUpperCase */ .kH({
        check: "string_format",
        format: "uppercase",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckIncludes */ .Tt({
        check: "string_format",
        format: "includes",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        includes,
    });
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckStartsWith */ .J({
        check: "string_format",
        format: "starts_with",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        prefix,
    });
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckEndsWith */ .E6({
        check: "string_format",
        format: "ends_with",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
        suffix,
    });
}
// @__NO_SIDE_EFFECTS__
function _property(property, schema, params) {
    return new checks.$ZodCheckProperty({
        check: "property",
        property,
        schema,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _properties(shape, params) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckProperties */ .nJ({
        check: "properties",
        shape,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mime(types, params) {
    return new checks.$ZodCheckMimeType({
        check: "mime_type",
        mime: types,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
    return new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheckOverwrite */ .v$({
        check: "overwrite",
        tx,
    });
}
// normalize
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
    return _overwrite((input) => input.normalize(form));
}
// trim
// @__NO_SIDE_EFFECTS__
function _trim() {
    return _overwrite((input) => input.trim());
}
// toLowerCase
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
    return _overwrite((input) => input.toLowerCase());
}
// toUpperCase
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
    return _overwrite((input) => input.toUpperCase());
}
// slugify
// @__NO_SIDE_EFFECTS__
function _slugify() {
    return _overwrite((input) => _util_js__WEBPACK_IMPORTED_MODULE_0__/* .slugify */ .Yv(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
    return new Class({
        type: "array",
        element,
        // get element() {
        //   return element;
        // },
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _union(Class, options, params) {
    return new Class({
        type: "union",
        options,
        ...util.normalizeParams(params),
    });
}
function _xor(Class, options, params) {
    return new Class({
        type: "union",
        options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _discriminatedUnion(Class, discriminator, options, params) {
    return new Class({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _intersection(Class, left, right) {
    return new Class({
        type: "intersection",
        left,
        right,
    });
}
// export function _tuple(
//   Class: util.SchemaClass<schemas.$ZodTuple>,
//   items: [],
//   params?: string | $ZodTupleParams
// ): schemas.$ZodTuple<[], null>;
// @__NO_SIDE_EFFECTS__
function _tuple(Class, items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof schemas.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new Class({
        type: "tuple",
        items,
        rest,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _record(Class, keyType, valueType, params) {
    return new Class({
        type: "record",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _map(Class, keyType, valueType, params) {
    return new Class({
        type: "map",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _set(Class, valueType, params) {
    return new Class({
        type: "set",
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _enum(Class, values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    // if (Array.isArray(values)) {
    //   for (const value of values) {
    //     entries[value] = value;
    //   }
    // } else {
    //   Object.assign(entries, values);
    // }
    // const entries: util.EnumLike = {};
    // for (const val of values) {
    //   entries[val] = val;
    // }
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function _nativeEnum(Class, entries, params) {
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _literal(Class, value, params) {
    return new Class({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _file(Class, params) {
    return new Class({
        type: "file",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _transform(Class, fn) {
    return new Class({
        type: "transform",
        transform: fn,
    });
}
// @__NO_SIDE_EFFECTS__
function _optional(Class, innerType) {
    return new Class({
        type: "optional",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _nullable(Class, innerType) {
    return new Class({
        type: "nullable",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _default(Class, innerType, defaultValue) {
    return new Class({
        type: "default",
        innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : util.shallowClone(defaultValue);
        },
    });
}
// @__NO_SIDE_EFFECTS__
function _nonoptional(Class, innerType, params) {
    return new Class({
        type: "nonoptional",
        innerType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _success(Class, innerType) {
    return new Class({
        type: "success",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _catch(Class, innerType, catchValue) {
    return new Class({
        type: "catch",
        innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : util.constantCatch(catchValue)),
    });
}
// @__NO_SIDE_EFFECTS__
function _pipe(Class, in_, out) {
    return new Class({
        type: "pipe",
        in: in_,
        out,
    });
}
// @__NO_SIDE_EFFECTS__
function _readonly(Class, innerType) {
    return new Class({
        type: "readonly",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _templateLiteral(Class, parts, params) {
    return new Class({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lazy(Class, getter) {
    return new Class({
        type: "lazy",
        getter,
    });
}
// @__NO_SIDE_EFFECTS__
function _promise(Class, innerType) {
    return new Class({
        type: "promise",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _custom(Class, fn, _params) {
    const norm = util.normalizeParams(_params);
    norm.abort ?? (norm.abort = true); // default to abort:false
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...norm,
    });
    return schema;
}
// same as _custom but defaults to abort:false
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(_params),
    });
    return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
    const ch = _check((payload) => {
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(_util_js__WEBPACK_IMPORTED_MODULE_0__/* .issue */ .sn(issue, payload.value, ch._zod.def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = ch);
                _issue.continue ?? (_issue.continue = !ch._zod.def.abort); // abort is always undefined, so this is always true...
                payload.issues.push(_util_js__WEBPACK_IMPORTED_MODULE_0__/* .issue */ .sn(_issue));
            }
        };
        return fn(payload.value, payload);
    }, params);
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
    const ch = new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheck */ .QP({
        check: "custom",
        ..._util_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeParams */ .A2(params),
    });
    ch._zod.check = fn;
    return ch;
}
// @__NO_SIDE_EFFECTS__
function describe(description) {
    const ch = new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheck */ .QP({ check: "describe" });
    ch._zod.onattach = [
        (inst) => {
            const existing = _registries_js__WEBPACK_IMPORTED_MODULE_2__/* .globalRegistry */ .fd.get(inst) ?? {};
            _registries_js__WEBPACK_IMPORTED_MODULE_2__/* .globalRegistry */ .fd.add(inst, { ...existing, description });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function meta(metadata) {
    const ch = new _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .$ZodCheck */ .QP({ check: "meta" });
    ch._zod.onattach = [
        (inst) => {
            const existing = _registries_js__WEBPACK_IMPORTED_MODULE_2__/* .globalRegistry */ .fd.get(inst) ?? {};
            _registries_js__WEBPACK_IMPORTED_MODULE_2__/* .globalRegistry */ .fd.add(inst, { ...existing, ...metadata });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _stringbool(Classes, _params) {
    const params = util.normalizeParams(_params);
    let truthyArray = params.truthy ?? ["true", "1", "yes", "on", "y", "enabled"];
    let falsyArray = params.falsy ?? ["false", "0", "no", "off", "n", "disabled"];
    if (params.case !== "sensitive") {
        truthyArray = truthyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
        falsyArray = falsyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
    }
    const truthySet = new Set(truthyArray);
    const falsySet = new Set(falsyArray);
    const _Codec = Classes.Codec ?? schemas.$ZodCodec;
    const _Boolean = Classes.Boolean ?? schemas.$ZodBoolean;
    const _String = Classes.String ?? schemas.$ZodString;
    const stringSchema = new _String({ type: "string", error: params.error });
    const booleanSchema = new _Boolean({ type: "boolean", error: params.error });
    const codec = new _Codec({
        type: "pipe",
        in: stringSchema,
        out: booleanSchema,
        transform: ((input, payload) => {
            let data = input;
            if (params.case !== "sensitive")
                data = data.toLowerCase();
            if (truthySet.has(data)) {
                return true;
            }
            else if (falsySet.has(data)) {
                return false;
            }
            else {
                payload.issues.push({
                    code: "invalid_value",
                    expected: "stringbool",
                    values: [...truthySet, ...falsySet],
                    input: payload.value,
                    inst: codec,
                    continue: false,
                });
                return {};
            }
        }),
        reverseTransform: ((input, _payload) => {
            if (input === true) {
                return truthyArray[0] || "true";
            }
            else {
                return falsyArray[0] || "false";
            }
        }),
        error: params.error,
    });
    codec._zod.bag.truthy = truthyArray;
    codec._zod.bag.falsy = falsyArray;
    codec._zod.bag.case = params.case ?? "insensitive";
    return codec;
}
// @__NO_SIDE_EFFECTS__
function _stringFormat(Class, format, fnOrRegex, _params = {}) {
    const params = util.normalizeParams(_params);
    const def = {
        check: "string_format",
        type: "string",
        format,
        fn: typeof fnOrRegex === "function" ? fnOrRegex : (val) => fnOrRegex.test(val),
        ...params,
    };
    if (fnOrRegex instanceof RegExp) {
        def.pattern = fnOrRegex;
    }
    const inst = new Class(def);
    return inst;
}


/***/ }),

/***/ 44890:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DG: () => (/* binding */ $ZodCheckRegex),
/* harmony export */   E6: () => (/* binding */ $ZodCheckEndsWith),
/* harmony export */   J: () => (/* binding */ $ZodCheckStartsWith),
/* harmony export */   J_: () => (/* binding */ $ZodCheckGreaterThan),
/* harmony export */   Jk: () => (/* binding */ $ZodCheckMultipleOf),
/* harmony export */   KH: () => (/* binding */ $ZodCheckNumberFormat),
/* harmony export */   Kk: () => (/* binding */ $ZodCheckMinLength),
/* harmony export */   NI: () => (/* binding */ $ZodCheckLowerCase),
/* harmony export */   QP: () => (/* binding */ $ZodCheck),
/* harmony export */   RM: () => (/* binding */ $ZodCheckLengthEquals),
/* harmony export */   Tt: () => (/* binding */ $ZodCheckIncludes),
/* harmony export */   Yk: () => (/* binding */ $ZodCheckMaxLength),
/* harmony export */   kH: () => (/* binding */ $ZodCheckUpperCase),
/* harmony export */   nJ: () => (/* binding */ $ZodCheckProperties),
/* harmony export */   ql: () => (/* binding */ $ZodCheckStringFormat),
/* harmony export */   sm: () => (/* binding */ $ZodCheckLessThan),
/* harmony export */   v$: () => (/* binding */ $ZodCheckOverwrite)
/* harmony export */ });
/* unused harmony exports $ZodCheckBigIntFormat, $ZodCheckMaxSize, $ZodCheckMinSize, $ZodCheckSizeEquals, $ZodCheckProperty, $ZodCheckMimeType */
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(88532);
/* harmony import */ var _regexes_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(23908);
/* harmony import */ var _util_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(54723);
// import { $ZodType } from "./schemas.js";



const $ZodCheck = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheck", (inst, def) => {
    var _a;
    inst._zod ?? (inst._zod = {});
    inst._zod.def = def;
    (_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for size-based checks: run only on non-nullish values with a `size`. */
const _whenHasSize = (payload) => {
    const val = payload.value;
    return !util.nullish(val) && val.size !== undefined;
};
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
    const val = payload.value;
    return !_util_js__WEBPACK_IMPORTED_MODULE_1__/* .nullish */ .cl(val) && val.length !== undefined;
};
const numericOriginMap = {
    number: "number",
    bigint: "bigint",
    object: "date",
};
const $ZodCheckLessThan = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckLessThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_big",
            maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckGreaterThan = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckGreaterThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_small",
            minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMultipleOf = 
/*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckMultipleOf", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        if (typeof payload.value !== typeof def.value)
            throw new Error("Cannot mix number and bigint in multiple_of check.");
        const isMultiple = typeof payload.value === "bigint"
            ? // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
                def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
            : _util_js__WEBPACK_IMPORTED_MODULE_1__/* .floatSafeRemainder */ .LG(payload.value, def.value) === 0;
        if (isMultiple)
            return;
        payload.issues.push({
            origin: typeof payload.value,
            code: "not_multiple_of",
            divisor: def.value,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckNumberFormat = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckNumberFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    def.format = def.format || "float64";
    const isInt = def.format?.includes("int");
    const origin = isInt ? "int" : "number";
    const [minimum, maximum] = _util_js__WEBPACK_IMPORTED_MODULE_1__/* .NUMBER_FORMAT_RANGES */ .zH[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
            if (!Number.isInteger(input)) {
                // invalid_format issue
                // payload.issues.push({
                //   expected: def.format,
                //   format: def.format,
                //   code: "invalid_format",
                //   input,
                //   inst,
                // });
                // invalid_type issue
                payload.issues.push({
                    expected: origin,
                    format: def.format,
                    code: "invalid_type",
                    continue: false,
                    input,
                    inst,
                });
                return;
                // not_multiple_of issue
                // payload.issues.push({
                //   code: "not_multiple_of",
                //   origin: "number",
                //   input,
                //   inst,
                //   divisor: 1,
                // });
            }
            if (!Number.isSafeInteger(input)) {
                if (input > 0) {
                    // too_big
                    payload.issues.push({
                        input,
                        code: "too_big",
                        maximum: Number.MAX_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                else {
                    // too_small
                    payload.issues.push({
                        input,
                        code: "too_small",
                        minimum: Number.MIN_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                return;
            }
        }
        if (input < minimum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_small",
                minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCheckBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckBigIntFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    const [minimum, maximum] = util.BIGINT_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (input < minimum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_small",
                minimum: minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
const $ZodCheckMaxSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMaxSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size <= def.maximum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMinSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMinSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size >= def.minimum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckSizeEquals = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckSizeEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size === def.size)
            return;
        const tooBig = size > def.size;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            ...(tooBig ? { code: "too_big", maximum: def.size } : { code: "too_small", minimum: def.size }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMaxLength = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? _util_js__WEBPACK_IMPORTED_MODULE_1__/* .codePointLength */ .O7(input) : units;
        if (length <= def.maximum)
            return;
        const origin = _util_js__WEBPACK_IMPORTED_MODULE_1__/* .getLengthableOrigin */ .Rc(input);
        payload.issues.push({
            origin,
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMinLength = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckMinLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so fewer units than the floor can never reach it and twice the floor always clears it. Only in between is the exact count in doubt.
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2
            ? _util_js__WEBPACK_IMPORTED_MODULE_1__/* .codePointLength */ .O7(input)
            : units;
        if (length >= def.minimum)
            return;
        const origin = _util_js__WEBPACK_IMPORTED_MODULE_1__/* .getLengthableOrigin */ .Rc(input);
        payload.issues.push({
            origin,
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLengthEquals = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckLengthEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so outside `[length, length * 2]` units the target is missed either way — and missed in the same direction in both measures.
        const length = typeof input === "string" && units >= def.length && units <= def.length * 2
            ? _util_js__WEBPACK_IMPORTED_MODULE_1__/* .codePointLength */ .O7(input)
            : units;
        if (length === def.length)
            return;
        const origin = _util_js__WEBPACK_IMPORTED_MODULE_1__/* .getLengthableOrigin */ .Rc(input);
        const tooBig = length > def.length;
        payload.issues.push({
            origin,
            ...(tooBig ? { code: "too_big", maximum: def.length } : { code: "too_small", minimum: def.length }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStringFormat = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckStringFormat", (inst, def) => {
    var _a, _b;
    $ZodCheck.init(inst, def);
    if (def.pattern)
        (_a = inst._zod).check ?? (_a.check = (payload) => {
            def.pattern.lastIndex = 0;
            if (def.pattern.test(payload.value))
                return;
            payload.issues.push({
                origin: "string",
                code: "invalid_format",
                format: def.format,
                input: payload.value,
                ...(def.pattern ? { pattern: def.pattern.toString() } : {}),
                inst,
                continue: !def.abort,
            });
        });
    else
        (_b = inst._zod).check ?? (_b.check = () => { });
});
const $ZodCheckRegex = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckRegex", (inst, def) => {
    $ZodCheckStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        def.pattern.lastIndex = 0;
        if (def.pattern.test(payload.value))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "regex",
            input: payload.value,
            pattern: def.pattern.toString(),
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLowerCase = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckLowerCase", (inst, def) => {
    def.pattern ?? (def.pattern = _regexes_js__WEBPACK_IMPORTED_MODULE_2__/* .lowercase */ .AC);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckUpperCase = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckUpperCase", (inst, def) => {
    def.pattern ?? (def.pattern = _regexes_js__WEBPACK_IMPORTED_MODULE_2__/* .uppercase */ .Zv);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckIncludes = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckIncludes", (inst, def) => {
    $ZodCheck.init(inst, def);
    const escapedRegex = _util_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeRegex */ .sD(def.includes);
    // `String.prototype.includes(sub, position)` matches `sub` at `position`
    // OR LATER, so the pattern must allow at least `position` leading chars
    // (`{N,}`), not exactly `position` chars (`{N}`).
    const pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
    def.pattern = pattern;
    inst._zod.check = (payload) => {
        if (payload.value.includes(def.includes, def.position))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "includes",
            includes: def.includes,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStartsWith = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckStartsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`^${_util_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeRegex */ .sD(def.prefix)}.*`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.startsWith(def.prefix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "starts_with",
            prefix: def.prefix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckEndsWith = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckEndsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`.*${_util_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeRegex */ .sD(def.suffix)}$`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.endsWith(def.suffix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "ends_with",
            suffix: def.suffix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
///////////////////////////////////
/////    $ZodCheckProperty    /////
///////////////////////////////////
function handleCheckPropertyResult(result, payload, property) {
    if (result.issues.length) {
        payload.issues.push(..._util_js__WEBPACK_IMPORTED_MODULE_1__/* .prefixIssues */ .lQ(property, result.issues));
    }
}
const $ZodCheckProperty = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckProperty", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        const result = def.schema._zod.run({
            value: payload.value[def.property],
            issues: [],
        }, {});
        if (result instanceof Promise) {
            return result.then((result) => handleCheckPropertyResult(result, payload, def.property));
        }
        handleCheckPropertyResult(result, payload, def.property);
        return;
    };
})));
const $ZodCheckProperties = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckProperties", (inst, def) => {
    $ZodCheck.init(inst, def);
    _util_js__WEBPACK_IMPORTED_MODULE_1__/* .hide */ .jD(inst, Symbol.iterator, function* () {
        yield inst;
    });
    // key and schema snapshotted together: reading one live and the other cached lets a later mutation of the caller's shape object pair a stale key with a missing schema
    let entries;
    inst._zod.check = (payload) => {
        // the base schema already typed the value, so only a nullish one is rejected here: the properties read on a primitive too, matching z.property() on a string's length
        if (payload.value == null) {
            payload.issues.push({ expected: "object", code: "invalid_type", input: payload.value, inst });
            return undefined;
        }
        entries ?? (entries = Reflect.ownKeys(def.shape).map((key) => [key, def.shape[key]]));
        const input = payload.value;
        let proms;
        for (const [key, schema] of entries) {
            const result = schema._zod.run({ value: input[key], issues: [] }, {});
            if (result instanceof Promise) {
                proms ?? (proms = []);
                proms.push(result.then((result) => handleCheckPropertyResult(result, payload, key)));
            }
            else {
                handleCheckPropertyResult(result, payload, key);
            }
        }
        if (proms)
            return Promise.all(proms).then(() => undefined);
        return undefined;
    };
});
const $ZodCheckMimeType = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMimeType", (inst, def) => {
    $ZodCheck.init(inst, def);
    const mimeSet = new Set(def.mime);
    inst._zod.check = (payload) => {
        if (mimeSet.has(payload.value.type))
            return;
        payload.issues.push({
            code: "invalid_value",
            values: def.mime,
            input: payload.value.type,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckOverwrite = /*@__PURE__*/ _core_js__WEBPACK_IMPORTED_MODULE_0__/* .$constructor */ .xI("$ZodCheckOverwrite", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        payload.value = def.tx(payload.value);
    };
});


/***/ }),

/***/ 88532:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $W: () => (/* binding */ config),
/* harmony export */   GT: () => (/* binding */ $ZodAsyncError),
/* harmony export */   cV: () => (/* binding */ $ZodEncodeError),
/* harmony export */   cr: () => (/* binding */ globalConfig),
/* harmony export */   tm: () => (/* binding */ NEVER),
/* harmony export */   xI: () => (/* binding */ $constructor)
/* harmony export */ });
/* unused harmony export $brand */
/* harmony import */ var _util_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(54723);
var _a;

/** A special constant with type `never` */
const NEVER = /*@__PURE__*/ Object.freeze({
    status: "aborted",
});
/* Shared descriptor for installing `_zod`; defineProperty reads it
 * synchronously, so reusing one object avoids a per-instance allocation. */
const _zodDesc = { value: undefined, enumerable: false };
// null where suppressing the capture would be unrecoverable: `parse()` puts the frames back with `captureStackTrace`, so without it the throw would lose its stack. also latched to null once `stackTraceLimit` proves unassignable, which a realm can do at any point by hardening Error
let _E = "captureStackTrace" in Error ? Error : null;
// v8 captures a stack trace inside the Error constructor, which dominates a failed parse; costs only the frames, and parse() restores those. the constructor must RUN: Object.create is cheaper and passes instanceof, but Error.isError and util.types.isNativeError check an internal slot
function newError(Definition) {
    const E = _E;
    if (E) {
        const saved = E.stackTraceLimit;
        if (typeof saved === "number") {
            try {
                E.stackTraceLimit = 0;
            }
            catch {
                _E = null;
                return new Definition();
            }
            try {
                return new Definition();
            }
            finally {
                E.stackTraceLimit = saved;
            }
        }
    }
    return new Definition();
}
function $constructor(name, initializer, 
/** This trait's members, installed once on every prototype that composes it. They cannot be declared in the initializer above: that runs per instance, and the prototype is shared. */
proto, params) {
    // Prototype for this constructor's `_zod` internals. Lazily-derived fields (`values`, `pattern`, `optin`, …) install here once rather than as an accessor on every instance.
    const zodProto = {};
    // Assigning the fields in the constructor body is what gives instances in-object slots; building the object literally and reparenting it costs a second allocation and a generic property copy.
    function Internals(def) {
        this.def = def;
        this.constr = _;
        this.traits = new Set();
    }
    Internals.prototype = zodProto;
    const protoMembers = proto;
    // One trait's members land on every prototype whose chain composes it, so the answer is per prototype rather than per trait.
    const initialized = protoMembers && new WeakSet();
    function init(inst, def) {
        if (!inst._zod) {
            _zodDesc.value = new Internals(def);
            try {
                Object.defineProperty(inst, "_zod", _zodDesc);
            }
            finally {
                // Cleared even on throw, so the shared descriptor never leaks one instance's internals into the next.
                _zodDesc.value = undefined;
            }
        }
        else if (inst._zod.traits.has(name)) {
            return;
        }
        inst._zod.traits.add(name);
        initializer(inst, def);
        if (initialized) {
            // `super(def)` from a user subclass gives `this` a prototype the subclass owns, and installing there would overwrite whatever the subclass declared. `constr` built the instance, so its prototype is the one below the subclass's that should carry the members. A receiver whose chain never reaches that prototype installs on its own, which for a plain object handed straight to `init` means `Object.prototype` — unchanged from before.
            const own = Object.getPrototypeOf(inst);
            const ctorProto = inst._zod.constr.prototype;
            let up = own;
            while (up && up !== ctorProto)
                up = Object.getPrototypeOf(up);
            const target = up ?? own;
            if (!initialized.has(target)) {
                initialized.add(target);
                (0,_util_js__WEBPACK_IMPORTED_MODULE_0__/* .members */ .ol)(target, protoMembers);
            }
        }
        // support prototype modifications; for-in avoids the array allocation of Object.keys on the (usually empty) prototype
        const proto = _.prototype;
        for (const k in proto) {
            if (!Object.prototype.hasOwnProperty.call(proto, k))
                continue;
            if (!(k in inst)) {
                inst[k] = proto[k].bind(inst);
            }
        }
    }
    // doesn't work if Parent has a constructor with arguments
    const Parent = params?.Parent ?? Object;
    class Definition extends Parent {
    }
    Object.defineProperty(Definition, "name", { value: name });
    function _(def) {
        const inst = params?.Parent ? newError(Definition) : this;
        init(inst, def);
        const deferred = inst._zod.deferred;
        if (deferred) {
            for (const fn of deferred) {
                fn();
            }
            // Released: initializers run once, and the list would otherwise be retained for the schema's lifetime.
            inst._zod.deferred = undefined;
        }
        // Global post-processor hook. Internal: installed by `import "zod/compile"` to enable AOT compilation for every constructed schema. Runs last, once the instance is fully built, because it hands the instance to compile(). The post-processor is expected to be reentrancy-guarded by its own implementation.
        const pp = globalThis.__zod_globalConfig?.postProcessor;
        if (pp)
            pp(inst);
        return inst;
    }
    Object.defineProperty(_, "init", { value: init });
    Object.defineProperty(_, Symbol.hasInstance, {
        value: (inst) => {
            if (params?.Parent && inst instanceof params.Parent)
                return true;
            return inst?._zod?.traits?.has(name);
        },
    });
    Object.defineProperty(_, "name", { value: name });
    return _;
}
//////////////////////////////   UTILITIES   ///////////////////////////////////////
const $brand = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("zod_brand")));
class $ZodAsyncError extends Error {
    constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
    }
}
class $ZodEncodeError extends Error {
    constructor(name) {
        super(`Encountered unidirectional transform during encode: ${name}`);
        this.name = "ZodEncodeError";
    }
}
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(globalConfig, newConfig);
    return globalConfig;
}


/***/ }),

/***/ 37428:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JM: () => (/* binding */ flattenError),
/* harmony export */   Kd: () => (/* binding */ $ZodRealError),
/* harmony export */   S1: () => (/* binding */ prettifyError),
/* harmony export */   Wk: () => (/* binding */ formatError),
/* harmony export */   a$: () => (/* binding */ $ZodError)
/* harmony export */ });
/* unused harmony exports treeifyError, toDotPath */
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(88532);
/* harmony import */ var _util_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(54723);


/* Computing the message eagerly is expensive (pretty-printed JSON of all
 * issues), so defer it until first read. The accessor functions and
 * descriptors are shared across instances to keep error construction
 * cheap; the computed message is cached on the internals object. The
 * setter preserves plain assignment semantics for consumers that
 * overwrite `message`. */
function _getMessage() {
    const internals = this._zod;
    internals.message ?? (internals.message = JSON.stringify(internals.def, _util_js__WEBPACK_IMPORTED_MODULE_0__/* .jsonStringifyReplacer */ .k8, 2));
    return internals.message;
}
function _setMessage(value) {
    this._zod.message = value;
}
const _messageDesc = {
    get: _getMessage,
    set: _setMessage,
    enumerable: true,
    configurable: true,
};
const _issuesDesc = { value: undefined, enumerable: false };
/* Prototypes that already carry the lazy `toString`. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer = (inst, def) => {
    inst.name = "$ZodError";
    // `_zod` is already non-enumerable: $constructor's init defined it with this same descriptor
    _issuesDesc.value = def;
    Object.defineProperty(inst, "issues", _issuesDesc);
    // Clear the shared slot; a retained `value` pins the last error's issues.
    _issuesDesc.value = undefined;
    Object.defineProperty(inst, "message", _messageDesc);
    /* `toString` lives as a non-enumerable lazy getter on the shared
     * prototype; on first access it caches a per-instance closure so
     * detached usage still works. */
    const proto = Object.getPrototypeOf(inst);
    if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
            configurable: true,
            enumerable: false,
            get() {
                const value = () => this.message;
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
                return value;
            },
            set(value) {
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            },
        });
    }
};
const $ZodError = (0,_core_js__WEBPACK_IMPORTED_MODULE_1__/* .$constructor */ .xI)("$ZodError", initializer);
const $ZodRealError = (0,_core_js__WEBPACK_IMPORTED_MODULE_1__/* .$constructor */ .xI)("$ZodError", initializer, undefined, {
    Parent: Error,
});
/** Get-or-create `obj[key]` as an own data property. A path segment naming an inherited member
 * ("toString", "constructor") would otherwise read through to the prototype, and assigning
 * "__proto__" would hit the setter instead of creating a key. */
function node(obj, key, make) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) {
        if (key === "__proto__") {
            Object.defineProperty(obj, key, { value: make(), writable: true, enumerable: true, configurable: true });
        }
        else {
            obj[key] = make();
        }
    }
    return obj[key];
}
function flattenError(error, mapper = (issue) => issue.message) {
    const fieldErrors = {};
    const formErrors = [];
    for (const sub of error.issues) {
        if (sub.path.length > 0) {
            node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
        }
        else {
            formErrors.push(mapper(sub));
        }
    }
    return { formErrors, fieldErrors };
}
function formatError(error, mapper = (issue) => issue.message) {
    const fieldErrors = { _errors: [] };
    const processError = (error, path = []) => {
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    fieldErrors._errors.push(mapper(issue));
                }
                else {
                    let curr = fieldErrors;
                    let i = 0;
                    while (i < fullpath.length) {
                        const el = fullpath[i];
                        const terminal = i === fullpath.length - 1;
                        // `_errors` is reserved by this legacy format, so merge a matching path segment into the current node instead of treating its array as a child.
                        if (el === "_errors") {
                            if (terminal)
                                curr._errors.push(mapper(issue));
                            i++;
                            continue;
                        }
                        // A path element may collide with an inherited property name such as
                        // "__proto__" or "constructor". Truthiness checks read the prototype
                        // (so no node is created, then ._errors.push throws), and bracket
                        // assignment of "__proto__" hits the setter instead of creating an
                        // own key. Guard the read with hasOwnProperty and create the node
                        // with defineProperty so any path element becomes a real own key.
                        if (!Object.prototype.hasOwnProperty.call(curr, el)) {
                            Object.defineProperty(curr, el, {
                                value: { _errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        const node = curr[el];
                        if (terminal) {
                            node._errors.push(mapper(issue));
                        }
                        curr = node;
                        i++;
                    }
                }
            }
        }
    };
    processError(error);
    return fieldErrors;
}
function treeifyError(error, mapper = (issue) => issue.message) {
    const result = { errors: [] };
    const processError = (error, path = []) => {
        var _a;
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                // regular union error
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    result.errors.push(mapper(issue));
                    continue;
                }
                let curr = result;
                let i = 0;
                while (i < fullpath.length) {
                    const el = fullpath[i];
                    const terminal = i === fullpath.length - 1;
                    if (typeof el === "string") {
                        curr.properties ?? (curr.properties = {});
                        // el may collide with an inherited property name ("__proto__",
                        // "constructor", ...); ??= reads the prototype so the node is never
                        // created and curr.errors.push throws. Guard with hasOwnProperty and
                        // create the node with defineProperty so "__proto__" becomes a real
                        // own key rather than invoking the prototype setter.
                        if (!Object.prototype.hasOwnProperty.call(curr.properties, el)) {
                            Object.defineProperty(curr.properties, el, {
                                value: { errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        curr = curr.properties[el];
                    }
                    else {
                        curr.items ?? (curr.items = []);
                        (_a = curr.items)[el] ?? (_a[el] = { errors: [] });
                        curr = curr.items[el];
                    }
                    if (terminal) {
                        curr.errors.push(mapper(issue));
                    }
                    i++;
                }
            }
        }
    };
    processError(error);
    return result;
}
/** Format a ZodError as a human-readable string in the following form.
 *
 * From
 *
 * ```ts
 * ZodError {
 *   issues: [
 *     {
 *       expected: 'string',
 *       code: 'invalid_type',
 *       path: [ 'username' ],
 *       message: 'Invalid input: expected string'
 *     },
 *     {
 *       expected: 'number',
 *       code: 'invalid_type',
 *       path: [ 'favoriteNumbers', 1 ],
 *       message: 'Invalid input: expected number'
 *     }
 *   ];
 * }
 * ```
 *
 * to
 *
 * ```
 * username
 *   ✖ Expected number, received string at "username
 * favoriteNumbers[0]
 *   ✖ Invalid input: expected number
 * ```
 */
function toDotPath(_path) {
    const segs = [];
    const path = _path.map((seg) => (typeof seg === "object" ? seg.key : seg));
    for (const seg of path) {
        if (typeof seg === "number")
            segs.push(`[${seg}]`);
        else if (typeof seg === "symbol")
            segs.push(`[${JSON.stringify(String(seg))}]`);
        else if (/[^\w$]/.test(seg))
            segs.push(`[${JSON.stringify(seg)}]`);
        else {
            if (segs.length)
                segs.push(".");
            segs.push(seg);
        }
    }
    return segs.join("");
}
function prettifyError(error) {
    const lines = [];
    // sort by path length
    const issues = [...error.issues].sort((a, b) => (a.path ?? []).length - (b.path ?? []).length);
    // Process each issue
    for (const issue of issues) {
        lines.push(`✖ ${issue.message}`);
        if (issue.path?.length)
            lines.push(`  → at ${toDotPath(issue.path)}`);
    }
    // Convert Map to formatted string
    return lines.join("\n");
}


/***/ }),

/***/ 23908:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AC: () => (/* binding */ lowercase),
/* harmony export */   Ak: () => (/* binding */ nanoid),
/* harmony export */   D2: () => (/* binding */ nanoidOfLength),
/* harmony export */   F: () => (/* binding */ httpProtocol),
/* harmony export */   Gl: () => (/* binding */ cuid2),
/* harmony export */   K3: () => (/* binding */ base64),
/* harmony export */   Os: () => (/* binding */ guid),
/* harmony export */   Rp: () => (/* binding */ email),
/* harmony export */   Z0: () => (/* binding */ ulid),
/* harmony export */   Zg: () => (/* binding */ emoji),
/* harmony export */   Zv: () => (/* binding */ uppercase),
/* harmony export */   ai: () => (/* binding */ number),
/* harmony export */   fO: () => (/* binding */ ksuid),
/* harmony export */   gF: () => (/* binding */ cuid),
/* harmony export */   gp: () => (/* binding */ anyString),
/* harmony export */   hQ: () => (/* binding */ e164),
/* harmony export */   kB: () => (/* binding */ time),
/* harmony export */   kM: () => (/* binding */ xid),
/* harmony export */   l7: () => (/* binding */ cidrv6),
/* harmony export */   nd: () => (/* binding */ integer),
/* harmony export */   o: () => (/* binding */ bigint),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   p6: () => (/* binding */ date),
/* harmony export */   r0: () => (/* binding */ base64url),
/* harmony export */   uR: () => (/* binding */ uuid),
/* harmony export */   uX: () => (/* binding */ ipv4),
/* harmony export */   ug: () => (/* binding */ ipv6),
/* harmony export */   w$: () => (/* binding */ datetime),
/* harmony export */   zM: () => (/* binding */ boolean),
/* harmony export */   zr: () => (/* binding */ cidrv4)
/* harmony export */ });
/* unused harmony exports extendedDuration, uuid4, uuid6, uuid7, html5Email, rfc5322Email, unicodeEmail, idnEmail, browserEmail, mac, hostname, domain, creditCard, currencyCode, iban, string, null, undefined, hex, md5_hex, md5_base64, md5_base64url, sha1_hex, sha1_base64, sha1_base64url, sha256_hex, sha256_base64, sha256_base64url, sha384_hex, sha384_base64, sha384_base64url, sha512_hex, sha512_base64, sha512_base64url */

/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const cuid = /^[cC][0-9a-z]{6,}$/;
const cuid2 = /^[0-9a-z]+$/;
const ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
const xid = /^[0-9a-vA-V]{20}$/;
const ksuid = /^[A-Za-z0-9]{27}$/;
const nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
    return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
/** ISO 8601-1 duration regex. Does not support the 8601-2 extensions like negative durations or fractional/negative components. */
const duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
/** Implements ISO 8601-2 extensions like explicit +- prefixes, mixing weeks with other units, and fractional/negative components. */
const extendedDuration = /^[-+]?P(?!$)(?:(?:[-+]?\d+Y)|(?:[-+]?\d+[.,]\d+Y$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:(?:[-+]?\d+W)|(?:[-+]?\d+[.,]\d+W$))?(?:(?:[-+]?\d+D)|(?:[-+]?\d+[.,]\d+D$))?(?:T(?=[\d+-])(?:(?:[-+]?\d+H)|(?:[-+]?\d+[.,]\d+H$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:[-+]?\d+(?:[.,]\d+)?S)?)??$/;
/** A regex for any UUID-like identifier: 8-4-4-4-12 hex pattern */
const guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/** Returns a regex for validating an RFC 9562/4122 UUID.
 *
 * @param version Optionally specify a version 1-8. If no version is specified, all versions are supported. */
const uuid = (version) => {
    if (!version)
        return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
    return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
};
const uuid4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(4)));
const uuid6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(6)));
const uuid7 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(7)));
/** Practical email validation */
const email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
/** Equivalent to the HTML5 input[type=email] validation implemented by browsers. Source: https://developer.mozilla.org/en-US/docs/Web/HTML/Element/input/email */
const html5Email = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** The classic emailregex.com regex for RFC 5322-compliant emails */
const rfc5322Email = /^(([^<>()\[\]\\.,;:\s@"]+(\.[^<>()\[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;
/** A loose regex that allows Unicode characters, enforces length limits, and that's about it. */
const unicodeEmail = /^[^\s@"]{1,64}@[^\s@]{1,255}$/u;
const idnEmail = (/* unused pure expression or super */ null && (unicodeEmail));
const browserEmail = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// from https://thekevinscott.com/emojis-in-javascript/#writing-a-regular-expression
// Single character class, not an alternation: the two properties overlap (U+1F9B0-U+1F9B3), so `(A|B)+` backtracks exponentially on a failed match. The leading lookahead then demands one anchor — a pictograph, a regional indicator, or the enclosing keycap — because `\p{Emoji_Component}` on its own covers ASCII digits, `#`, `*`, ZWJ, variation selectors and skin tone modifiers, none of which is an emoji without a base.
const _emoji = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
function emoji() {
    return new RegExp(_emoji, "u");
}
const ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
const mac = (delimiter) => {
    const escapedDelim = util.escapeRegex(delimiter ?? ":");
    return new RegExp(`^(?:[0-9A-F]{2}${escapedDelim}){5}[0-9A-F]{2}$|^(?:[0-9a-f]{2}${escapedDelim}){5}[0-9a-f]{2}$`);
};
const cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
const cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
// https://stackoverflow.com/questions/7860392/determine-if-string-is-in-base64-using-javascript
const base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
const base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
// based on https://stackoverflow.com/questions/106179/regular-expression-to-match-dns-hostname-or-ip-address
// export const hostname: RegExp = /^([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$/;
const hostname = /^(?=.{1,253}\.?$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-0-9a-zA-Z]{0,61}[0-9a-zA-Z])?)*\.?$/;
const domain = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const httpProtocol = /^https?$/;
// https://blog.stevenlevithan.com/archives/validate-phone-number#r4-3 (regex sans spaces) E.164: leading digit must be 1-9; total digits (excluding '+') between 7-15
const e164 = /^\+[1-9]\d{6,14}$/;
// Credit card shape: 12–19 digits, optionally separated by single spaces or single hyphens. ISO/IEC 7812 caps the PAN at 19 digits; 12 is the shortest issued length (Maestro).
const creditCard = /^\d(?:[ -]?\d){11,18}$/;
// ISO 4217 alpha codes from the SIX list, regenerated by scripts/update-iso-4217.ts
const currencyCode = /^(?:AED|AFN|ALL|AMD|AOA|ARS|AUD|AWG|AZN|BAM|BBD|BDT|BHD|BIF|BMD|BND|BOB|BOV|BRL|BSD|BTN|BWP|BYN|BZD|CAD|CDF|CHE|CHF|CHW|CLF|CLP|CNY|COP|COU|CRC|CUP|CVE|CZK|DJF|DKK|DOP|DZD|EGP|ERN|ETB|EUR|FJD|FKP|GBP|GEL|GHS|GIP|GMD|GNF|GTQ|GYD|HKD|HNL|HTG|HUF|IDR|ILS|INR|IQD|IRR|ISK|JMD|JOD|JPY|KES|KGS|KHR|KMF|KPW|KRW|KWD|KYD|KZT|LAK|LBP|LKR|LRD|LSL|LYD|MAD|MDL|MGA|MKD|MMK|MNT|MOP|MRU|MUR|MVR|MWK|MXN|MXV|MYR|MZN|NAD|NGN|NIO|NOK|NPR|NZD|OMR|PAB|PEN|PGK|PHP|PKR|PLN|PYG|QAR|RON|RSD|RUB|RWF|SAR|SBD|SCR|SDG|SEK|SGD|SHP|SLE|SOS|SRD|SSP|STN|SVC|SYP|SZL|THB|TJS|TMT|TND|TOP|TRY|TTD|TWD|TZS|UAH|UGX|USD|USN|UYI|UYU|UYW|UZS|VED|VES|VND|VUV|WST|XAD|XAF|XAG|XAU|XBA|XBB|XBC|XBD|XCD|XCG|XDR|XOF|XPD|XPF|XPT|XSU|XTS|XUA|XXX|YER|ZAR|ZMW|ZWG)$/;
// iban electronic format: 2-letter country, check digits 02-98 (the only values `98 - remainder` can produce), 11-30 bban characters
const iban = /^[A-Z]{2}(?!00|01|99)\d{2}[A-Z0-9]{11,30}$/;
const dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
/** Anchors a pattern source. The interpolation lives here rather than at the call site because
 * esbuild will not drop a `@__PURE__` call whose own argument interpolates a variable, but it
 * will drop `anchor(dateSource)`. Keeping it inline pinned `date` into every bundle. */
function anchor(source) {
    return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ anchor(dateSource);
function timeSource(args) {
    const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
    const regex = typeof args.precision === "number"
        ? args.precision === -1
            ? `${hhmm}`
            : args.precision === 0
                ? `${hhmm}:[0-5]\\d`
                : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}`
        : args.seconds
            ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?`
            : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
    return regex;
}
function time(args) {
    return new RegExp(`^${timeSource(args)}$`);
}
// Adapted from https://stackoverflow.com/a/3143231
function datetime(args) {
    const opts = ["Z"];
    // if (args.offset) opts.push(`([+-]\\d{2}:\\d{2})`);
    if (args.offset)
        opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
    // RFC 3339 mandates seconds wherever the time carries a `Z` or an offset, so only the unqualified form `local` adds may omit them
    const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
    const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
    return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
// the unbounded form of `string()` as a literal, so every plain string shares one instance instead of building its own
const anyString = /^[\s\S]{0,}$/;
const string = (params) => {
    const regex = params ? `[\\s\\S]{${params?.minimum ?? 0},${params?.maximum ?? ""}}` : `[\\s\\S]*`;
    return new RegExp(`^${regex}$`);
};
const bigint = /^-?\d+n?$/;
const integer = /^-?\d+$/;
const number = /^-?\d+(?:\.\d+)?$/;
const boolean = /^(?:true|false)$/i;
const _null = /^null$/i;

const _undefined = /^undefined$/i;

// regex for string with no uppercase letters
const lowercase = /^[^A-Z]*$/;
// regex for string with no lowercase letters
const uppercase = /^[^a-z]*$/;
// regex for hexadecimal strings (any length)
const hex = /^[0-9a-fA-F]*$/;
// Hash regexes for different algorithms and encodings
// Helper function to create base64 regex with exact length and padding
function fixedBase64(bodyLength, padding) {
    return new RegExp(`^[A-Za-z0-9+/]{${bodyLength}}${padding}$`);
}
// Helper function to create base64url regex with exact length (no padding)
function fixedBase64url(length) {
    return new RegExp(`^[A-Za-z0-9_-]{${length}}$`);
}
// MD5 (16 bytes): base64 = 24 chars total (22 + "==")
const md5_hex = /^[0-9a-fA-F]{32}$/;
const md5_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(22, "==")));
const md5_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(22)));
// SHA1 (20 bytes): base64 = 28 chars total (27 + "=")
const sha1_hex = /^[0-9a-fA-F]{40}$/;
const sha1_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(27, "=")));
const sha1_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(27)));
// SHA256 (32 bytes): base64 = 44 chars total (43 + "=")
const sha256_hex = /^[0-9a-fA-F]{64}$/;
const sha256_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(43, "=")));
const sha256_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(43)));
// SHA384 (48 bytes): base64 = 64 chars total (no padding)
const sha384_hex = /^[0-9a-fA-F]{96}$/;
const sha384_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(64, "")));
const sha384_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(64)));
// SHA512 (64 bytes): base64 = 88 chars total (86 + "==")
const sha512_hex = /^[0-9a-fA-F]{128}$/;
const sha512_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(86, "==")));
const sha512_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(86)));


/***/ }),

/***/ 29396:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   fd: () => (/* binding */ globalRegistry)
/* harmony export */ });
/* unused harmony exports $output, $input, $ZodRegistry, registry */
var _a;
const $output = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodOutput")));
const $input = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodInput")));
class $ZodRegistry {
    constructor() {
        this._map = new WeakMap();
        this._idmap = new Map();
    }
    add(schema, ..._meta) {
        const meta = _meta[0];
        this._map.set(schema, meta);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.set(meta.id, schema);
        }
        return this;
    }
    clear() {
        this._map = new WeakMap();
        this._idmap = new Map();
        return this;
    }
    remove(schema) {
        const meta = this._map.get(schema);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.delete(meta.id);
        }
        this._map.delete(schema);
        return this;
    }
    get(schema) {
        // return this._map.get(schema) as any;
        // inherit metadata
        const p = schema._zod.parent;
        if (p) {
            const pm = { ...(this.get(p) ?? {}) };
            delete pm.id; // do not inherit id
            const f = { ...pm, ...this._map.get(schema) };
            return Object.keys(f).length ? f : undefined;
        }
        return this._map.get(schema);
    }
    has(schema) {
        return this._map.has(schema);
    }
}
// registries
function registry() {
    return new $ZodRegistry();
}
(_a = globalThis).__zod_globalRegistry ?? (_a.__zod_globalRegistry = registry());
const globalRegistry = globalThis.__zod_globalRegistry;


/***/ }),

/***/ 54723:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A2: () => (/* binding */ normalizeParams),
/* harmony export */   B7: () => (/* binding */ stringifyPrimitive),
/* harmony export */   GW: () => (/* binding */ parsedType),
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   LG: () => (/* binding */ floatSafeRemainder),
/* harmony export */   MO: () => (/* binding */ rawShape),
/* harmony export */   NM: () => (/* binding */ optionalKeys),
/* harmony export */   NR: () => (/* binding */ BIGINT_FORMAT_RANGES),
/* harmony export */   O7: () => (/* binding */ codePointLength),
/* harmony export */   OH: () => (/* binding */ partial),
/* harmony export */   PO: () => (/* binding */ cached),
/* harmony export */   QH: () => (/* binding */ aborted),
/* harmony export */   Qd: () => (/* binding */ isPlainObject),
/* harmony export */   Rc: () => (/* binding */ getLengthableOrigin),
/* harmony export */   SS: () => (/* binding */ constantCatch),
/* harmony export */   UQ: () => (/* binding */ esc),
/* harmony export */   Up: () => (/* binding */ pick),
/* harmony export */   Vy: () => (/* binding */ assignProp),
/* harmony export */   W0: () => (/* binding */ safeExtend),
/* harmony export */   X: () => (/* binding */ installLazyProp),
/* harmony export */   X$: () => (/* binding */ extend),
/* harmony export */   Yv: () => (/* binding */ slugify),
/* harmony export */   cJ: () => (/* binding */ omit),
/* harmony export */   cl: () => (/* binding */ nullish),
/* harmony export */   d3: () => (/* binding */ attachSchema),
/* harmony export */   gx: () => (/* binding */ captureStackTrace),
/* harmony export */   h1: () => (/* binding */ merge),
/* harmony export */   hI: () => (/* binding */ allowsEval),
/* harmony export */   hi: () => (/* binding */ sizeCaps),
/* harmony export */   iR: () => (/* binding */ finalizeIssue),
/* harmony export */   jD: () => (/* binding */ hide),
/* harmony export */   jw: () => (/* binding */ joinValues),
/* harmony export */   k8: () => (/* binding */ jsonStringifyReplacer),
/* harmony export */   lQ: () => (/* binding */ prefixIssues),
/* harmony export */   mw: () => (/* binding */ required),
/* harmony export */   o8: () => (/* binding */ clone),
/* harmony export */   ol: () => (/* binding */ members),
/* harmony export */   p6: () => (/* binding */ cleanRegex),
/* harmony export */   qQ: () => (/* binding */ propertyKeyTypes),
/* harmony export */   qh: () => (/* binding */ own),
/* harmony export */   rL: () => (/* binding */ explicitlyAborted),
/* harmony export */   sD: () => (/* binding */ escapeRegex),
/* harmony export */   sn: () => (/* binding */ issue),
/* harmony export */   un: () => (/* binding */ derived),
/* harmony export */   v5: () => (/* binding */ defineLazyInternal),
/* harmony export */   w5: () => (/* binding */ getEnumValues),
/* harmony export */   yG: () => (/* binding */ shallowClone),
/* harmony export */   zH: () => (/* binding */ NUMBER_FORMAT_RANGES),
/* harmony export */   zM: () => (/* binding */ mergeDefs)
/* harmony export */ });
/* unused harmony exports assertEqual, assertNotEqual, toZod, assertIs, assertNever, assert, defineLazy, objectClone, cloneDef, getElementAtPath, promiseAllObject, randomString, numKeys, getParsedType, primitiveTypes, createTransparentProxy, unwrapMessage, getSizableOrigin, cleanEnum, base64ToUint8Array, uint8ArrayToBase64, base64urlToUint8Array, uint8ArrayToBase64url, hexToUint8Array, uint8ArrayToHex, Class, CONSTANT_CATCH */
/* harmony import */ var _core_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(88532);

// functions
function assertEqual(val) {
    return val;
}
function assertNotEqual(val) {
    return val;
}
function toZod() {
    return (schema) => schema;
}
function assertIs(_arg) { }
function assertNever(_x) {
    throw new Error("Unexpected value in exhaustive check");
}
function assert(_) { }
function getEnumValues(entries) {
    const numericValues = Object.values(entries).filter((v) => typeof v === "number");
    const values = Object.entries(entries)
        .filter(([k, _]) => numericValues.indexOf(+k) === -1)
        .map(([_, v]) => v);
    return values;
}
function joinValues(array, separator = "|") {
    return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
    if (typeof value === "bigint")
        return value.toString();
    return value;
}
// the accessor lives on a shared prototype: an own accessor makes every box a dictionary-mode object (~360 B and a slow load per read against ~100 B and an inlined getter here)
class Cached {
    constructor(getter) {
        this._getter = getter;
        this._value = undefined;
    }
    get value() {
        const getter = this._getter;
        if (getter !== undefined) {
            this._value = getter();
            this._getter = undefined;
        }
        return this._value;
    }
}
function cached(getter) {
    return new Cached(getter);
}
function nullish(input) {
    return input === null || input === undefined;
}
function cleanRegex(source) {
    const start = source.startsWith("^") ? 1 : 0;
    const end = source.endsWith("$") ? source.length - 1 : source.length;
    return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
    const ratio = val / step;
    const roundedRatio = Math.round(ratio);
    // `val` and `step` each round to a double before the division rounds again, so a true decimal multiple's quotient can sit up to 1.5 of these scaled epsilons from the integer. A 1x tolerance therefore rejected 2.03 as a multiple of 0.07; 4x covers the worst case with margin.
    const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
    if (Math.abs(ratio - roundedRatio) < tolerance)
        return 0;
    return ratio - roundedRatio;
}
const EVALUATING = /* @__PURE__*/ (/* unused pure expression or super */ null && (Symbol("evaluating")));
function defineLazy(object, key, getter) {
    let value = undefined;
    Object.defineProperty(object, key, {
        get() {
            if (value === EVALUATING) {
                // Circular reference detected, return undefined to break the cycle
                return undefined;
            }
            if (value === undefined) {
                value = EVALUATING;
                value = getter();
            }
            return value;
        },
        set(v) {
            Object.defineProperty(object, key, {
                value: v,
                // configurable: true,
            });
            // object[key] = v;
        },
        configurable: true,
    });
}
function objectClone(obj) {
    return Object.create(Object.getPrototypeOf(obj), Object.getOwnPropertyDescriptors(obj));
}
function assignProp(target, prop, value) {
    Object.defineProperty(target, prop, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
    });
}
/**
 * Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
 *
 * Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
 */
function rawShape(def) {
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    return desc?.get ? desc.get.raw : desc?.value;
}
// where a builder reads its source's keys and descriptors, resolving only a shape a def answers for itself. A shape resolves by object spread, so only its enumerable keys are ever part of it.
function sourceShape(schema) {
    return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
// a key whose value is not settled yet, self-caching so every read after the first gets the same one
function deferProp(target, key, getter) {
    Object.defineProperty(target, key, {
        get() {
            const value = getter();
            assignProp(this, key, value);
            return value;
        },
        enumerable: true,
        configurable: true,
    });
}
// Writes a settled key. A plain assignment is much cheaper than `defineProperty` and produces the same descriptor, but it runs whatever setter already answers to the key — an accessor this shape deferred, or an inherited one, which `__proto__` has on every object and prototype pollution can add for any name.
function putProp(target, key, value) {
    if (key in target)
        assignProp(target, key, value);
    else
        target[key] = value;
}
/**
 * Copies `keys` of `source`'s shape onto `target`, each value passed through `wrap`.
 *
 * A key the source has resolved is copied through now, so the derived shape states it outright and nothing has to resolve it to learn what it holds. A key the source still defers stays deferred, and reads back through the source's own `shape`, so it resolves once and both shapes get that one schema.
 */
function mirrorShape(target, source, keys, wrap) {
    const raw = sourceShape(source);
    for (const key of keys) {
        const desc = Object.getOwnPropertyDescriptor(raw, key);
        if (!desc.enumerable)
            continue;
        if (desc.get) {
            deferProp(target, key, () => {
                const value = source._zod.def.shape[key];
                return wrap ? wrap(value, key) : value;
            });
        }
        else
            putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
    }
}
// same, for a plain shape a caller passed rather than a schema's
function mirrorProps(target, source) {
    for (const key of Reflect.ownKeys(source)) {
        const desc = Object.getOwnPropertyDescriptor(source, key);
        if (!desc.enumerable)
            continue;
        if (desc.get)
            deferProp(target, key, () => source[key]);
        else
            putProp(target, key, desc.value);
    }
}
function mergeDefs(...defs) {
    const mergedDescriptors = {};
    for (const def of defs) {
        const descriptors = Object.getOwnPropertyDescriptors(def);
        Object.assign(mergedDescriptors, descriptors);
    }
    return Object.defineProperties({}, mergedDescriptors);
}
function cloneDef(schema) {
    return mergeDefs(schema._zod.def);
}
function getElementAtPath(obj, path) {
    if (!path)
        return obj;
    return path.reduce((acc, key) => acc?.[key], obj);
}
function promiseAllObject(promisesObj) {
    const keys = Object.keys(promisesObj);
    const promises = keys.map((key) => promisesObj[key]);
    return Promise.all(promises).then((results) => {
        const resolvedObj = {};
        for (let i = 0; i < keys.length; i++) {
            resolvedObj[keys[i]] = results[i];
        }
        return resolvedObj;
    });
}
function randomString(length = 10) {
    const chars = "abcdefghijklmnopqrstuvwxyz";
    let str = "";
    for (let i = 0; i < length; i++) {
        str += chars[Math.floor(Math.random() * chars.length)];
    }
    return str;
}
function esc(str) {
    return JSON.stringify(str);
}
function slugify(input) {
    return input
        .toLowerCase()
        .trim()
        .replace(/[^\w\s-]/g, "")
        .replace(/[\s_-]+/g, "-")
        .replace(/^-+|-+$/g, "");
}
const captureStackTrace = ("captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => { });
function isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
const allowsEval = /* @__PURE__*/ cached(() => {
    // Skip the probe under `jitless`: strict CSPs report the caught `new Function` as a `securitypolicyviolation` even though the throw is swallowed.
    if (_core_js__WEBPACK_IMPORTED_MODULE_0__/* .globalConfig */ .cr.jitless) {
        return false;
    }
    // @ts-ignore
    if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
        return false;
    }
    try {
        const F = Function;
        new F("");
        return true;
    }
    catch (_) {
        return false;
    }
});
function isPlainObject(o) {
    if (isObject(o) === false)
        return false;
    // modified constructor
    const ctor = o.constructor;
    if (ctor === undefined)
        return true;
    if (typeof ctor !== "function")
        return true;
    // modified prototype
    const prot = ctor.prototype;
    if (isObject(prot) === false)
        return false;
    // ctor doesn't have static `isPrototypeOf`
    if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
        return false;
    }
    return true;
}
function shallowClone(o) {
    if (isPlainObject(o))
        return { ...o };
    if (Array.isArray(o))
        return [...o];
    if (o instanceof Map)
        return new Map(o);
    if (o instanceof Set)
        return new Set(o);
    return o;
}
function numKeys(data) {
    let keyCount = 0;
    for (const key in data) {
        if (Object.prototype.hasOwnProperty.call(data, key)) {
            keyCount++;
        }
    }
    return keyCount;
}
const getParsedType = (data) => {
    const t = typeof data;
    switch (t) {
        case "undefined":
            return "undefined";
        case "string":
            return "string";
        case "number":
            return Number.isNaN(data) ? "nan" : "number";
        case "boolean":
            return "boolean";
        case "function":
            return "function";
        case "bigint":
            return "bigint";
        case "symbol":
            return "symbol";
        case "object":
            if (Array.isArray(data)) {
                return "array";
            }
            if (data === null) {
                return "null";
            }
            if (data.then && typeof data.then === "function" && data.catch && typeof data.catch === "function") {
                return "promise";
            }
            if (typeof Map !== "undefined" && data instanceof Map) {
                return "map";
            }
            if (typeof Set !== "undefined" && data instanceof Set) {
                return "set";
            }
            if (typeof Date !== "undefined" && data instanceof Date) {
                return "date";
            }
            // @ts-ignore
            if (typeof File !== "undefined" && data instanceof File) {
                return "file";
            }
            return "object";
        default:
            throw new Error(`Unknown data type: ${t}`);
    }
};
const propertyKeyTypes = /* @__PURE__*/ new Set(["string", "number", "symbol"]);
const primitiveTypes = /* @__PURE__*/ new Set([
    "string",
    "number",
    "bigint",
    "boolean",
    "symbol",
    "undefined",
]);
function escapeRegex(str) {
    return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// zod-specific utils
function clone(inst, def, params) {
    const cl = new inst._zod.constr(def ?? inst._zod.def);
    if (!def || params?.parent)
        cl._zod.parent = inst;
    return cl;
}
function normalizeParams(_params) {
    const params = _params;
    if (!params)
        return {};
    if (typeof params === "string")
        return { error: () => params };
    if (params?.message !== undefined) {
        if (params?.error !== undefined)
            throw new Error("Cannot specify both `message` and `error` params");
        params.error = params.message;
    }
    delete params.message;
    if (typeof params.error === "string")
        return { ...params, error: () => params.error };
    return params;
}
function createTransparentProxy(getter) {
    let target;
    return new Proxy({}, {
        get(_, prop, receiver) {
            target ?? (target = getter());
            return Reflect.get(target, prop, receiver);
        },
        set(_, prop, value, receiver) {
            target ?? (target = getter());
            return Reflect.set(target, prop, value, receiver);
        },
        has(_, prop) {
            target ?? (target = getter());
            return Reflect.has(target, prop);
        },
        deleteProperty(_, prop) {
            target ?? (target = getter());
            return Reflect.deleteProperty(target, prop);
        },
        ownKeys(_) {
            target ?? (target = getter());
            return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor(_, prop) {
            target ?? (target = getter());
            return Reflect.getOwnPropertyDescriptor(target, prop);
        },
        defineProperty(_, prop, descriptor) {
            target ?? (target = getter());
            return Reflect.defineProperty(target, prop, descriptor);
        },
    });
}
function stringifyPrimitive(value) {
    if (typeof value === "bigint")
        return value.toString() + "n";
    if (typeof value === "string")
        return `"${value}"`;
    return `${value}`;
}
function optionalKeys(shape) {
    return Object.keys(shape).filter((k) => {
        return shape[k]._zod.optin !== undefined && shape[k]._zod.optout === "optional";
    });
}
// Wrapped in a `@__PURE__` IIFE: esbuild never tree-shakes a top-level initializer that contains a member access on `Number`, so the bare object literal survived into every bundle.
const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
    safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    float32: [-3.4028234663852886e38, 3.4028234663852886e38],
    float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}))();
const BIGINT_FORMAT_RANGES = {
    int64: [/* @__PURE__*/ BigInt("-9223372036854775808"), /* @__PURE__*/ BigInt("9223372036854775807")],
    uint64: [/* @__PURE__*/ BigInt(0), /* @__PURE__*/ BigInt("18446744073709551615")],
};
function pick(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".pick() cannot be used on object schemas containing refinements");
    }
    const newShape = {};
    mirrorShape(newShape, schema, maskedKeys(schema, mask));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
// the mask keys that select something, checked against the source's shape without resolving it
function maskedKeys(schema, mask) {
    const raw = sourceShape(schema);
    const keys = [];
    // `for...in` skips symbols, so a symbol in the mask would select nothing
    for (const key of Reflect.ownKeys(mask)) {
        if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
            throw new Error(`Unrecognized key: "${String(key)}"`);
        }
        if (mask[key])
            keys.push(key);
    }
    return keys;
}
function omit(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".omit() cannot be used on object schemas containing refinements");
    }
    const omitted = new Set(maskedKeys(schema, mask));
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function extend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to extend: expected a plain object");
    }
    const checks = schema._zod.def.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        // Only throw if new shape overlaps with existing shape. Use getOwnPropertyDescriptor to check key existence without accessing values
        const existingShape = sourceShape(schema);
        for (const key of Reflect.ownKeys(shape)) {
            if (Object.getOwnPropertyDescriptor(existingShape, key) !== undefined) {
                throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
            }
        }
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
// the source's keys, then the caller's overlaid on top
function extended(schema, shape) {
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
    mirrorProps(newShape, shape);
    return newShape;
}
function safeExtend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to safeExtend: expected a plain object");
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge(a, b) {
    if (!b?._zod?.def) {
        throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
    }
    if (a._zod.def.checks?.length) {
        throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
    }
    const newShape = {};
    mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
    mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
    const def = mergeDefs(a._zod.def, {
        shape: newShape,
        get catchall() {
            return b._zod.def.catchall;
        },
        checks: b._zod.def.checks ?? [],
    });
    return clone(a, def);
}
function partial(Class, schema, mask, name = "partial") {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
    }
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class &&
        ((value, key) => (selected && !selected.has(key) ? value : new Class({ type: "optional", innerType: value }))));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function required(Class, schema, mask) {
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => 
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class({ type: "nonoptional", innerType: value }));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
// invalid_type | too_big | too_small | invalid_format | not_multiple_of | unrecognized_keys | invalid_union | invalid_key | invalid_element | invalid_value | custom
function aborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue !== true) {
            return true;
        }
    }
    return false;
}
// Checks for explicit abort (continue === false), as opposed to implicit abort (continue === undefined). Used to respect `abort: true` in .refine() even for checks that have a `when` function.
function explicitlyAborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue === false) {
            return true;
        }
    }
    return false;
}
function prefixIssues(path, issues) {
    return issues.map((iss) => {
        var _a;
        (_a = iss).path ?? (_a.path = []);
        iss.path.unshift(path);
        return iss;
    });
}
function unwrapMessage(message) {
    return typeof message === "string" ? message : message?.message;
}
/* A check holds no link back to the schema it is attached to — the same check instance is shared by every clone of that schema — so the owner is stamped onto the issues a check just raised, at the only point where both are in scope. Runs on the failure path only; `start` is the issue count from before the check ran. */
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
    const caps = [];
    for (const ch of defChecks ?? []) {
        const d = ch._zod.def;
        // a later check may rewrite the value
        if (!/_(length|size)$|_equals$/.test(d.check))
            break;
        const max = d.maximum ?? d.length ?? d.size;
        if (max >= 0)
            caps.push([max, ch]);
    }
    return caps;
}
function attachSchema(issues, start, inst) {
    var _a;
    for (let i = start; i < issues.length; i++) {
        (_a = issues[i]).schema ?? (_a.schema = inst);
    }
}
function finalizeIssue(iss, ctx, config) {
    var _a;
    // A schema that raised an issue itself owns it outright, and outranks any stamp an enclosing check left in `attachSchema`. String formats and z.custom() are schema and check at once, so when they act as a check they defer to that stamp instead.
    const traits = iss.inst?._zod?.traits;
    if (traits?.has("$ZodType")) {
        if (traits.has("$ZodCheck"))
            (_a = iss).schema ?? (_a.schema = iss.inst);
        else
            iss.schema = iss.inst;
    }
    // Decreasing specificity, first map to return a message wins. `inst` is whatever raised the issue, so a check's own map outranks the owning schema's.
    const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : undefined;
    const message = iss.message
        ? iss.message
        : (unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ??
            unwrapMessage(schemaError?.(iss)) ??
            unwrapMessage(ctx?.error?.(iss)) ??
            unwrapMessage(config.customError?.(iss)) ??
            unwrapMessage(config.localeError?.(iss)) ??
            "Invalid input");
    // an explicit own-key copy beats object rest with excluded keys, which v8 routes through a generic runtime call; Object.keys rather than for-in so an issue pushed with a prototype does not leak inherited keys, and an own __proto__ key is dropped rather than assigned through the setter
    const full = {};
    for (const k of Object.keys(iss)) {
        if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
            continue;
        full[k] = iss[k];
    }
    full.path ?? (full.path = []);
    full.message = message;
    if (ctx?.reportInput) {
        full.input = iss.input;
    }
    return full;
}
function getSizableOrigin(input) {
    if (input instanceof Set)
        return "set";
    if (input instanceof Map)
        return "map";
    // @ts-ignore
    if (input instanceof File)
        return "file";
    return "unknown";
}
const highSurrogate = /[\uD800-\uDBFF]/;
// Code points in `str`: a surrogate pair counts once, a lone surrogate as itself. Hand-rolled because the string iterator allocates and runs ~250x slower on this path; the regex probe exits ~50x quicker for a string with no astral characters.
function codePointLength(str) {
    const units = str.length;
    if (!highSurrogate.test(str))
        return units;
    let count = units;
    for (let i = 0; i < units - 1; i++) {
        if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            count--;
            i++;
        }
    }
    return count;
}
function getLengthableOrigin(input) {
    if (Array.isArray(input))
        return "array";
    if (typeof input === "string")
        return "string";
    return "unknown";
}
function parsedType(data) {
    const t = typeof data;
    switch (t) {
        case "number": {
            return Number.isNaN(data) ? "nan" : "number";
        }
        case "object": {
            if (data === null) {
                return "null";
            }
            if (Array.isArray(data)) {
                return "array";
            }
            const obj = data;
            if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
                return obj.constructor.name;
            }
        }
    }
    return t;
}
function issue(...args) {
    const [iss, input, inst] = args;
    if (typeof iss === "string") {
        return {
            message: iss,
            code: "custom",
            input,
            inst,
        };
    }
    return { ...iss };
}
function cleanEnum(obj) {
    return Object.entries(obj)
        .filter(([k, _]) => {
        // return true if NaN, meaning it's not a number, thus a string key
        return Number.isNaN(Number.parseInt(k, 10));
    })
        .map((el) => el[1]);
}
// Codec utility functions
function base64ToUint8Array(base64) {
    const binaryString = atob(base64);
    const bytes = new Uint8Array(binaryString.length);
    for (let i = 0; i < binaryString.length; i++) {
        bytes[i] = binaryString.charCodeAt(i);
    }
    return bytes;
}
function uint8ArrayToBase64(bytes) {
    let binaryString = "";
    for (let i = 0; i < bytes.length; i++) {
        binaryString += String.fromCharCode(bytes[i]);
    }
    return btoa(binaryString);
}
function base64urlToUint8Array(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const padding = "=".repeat((4 - (base64.length % 4)) % 4);
    return base64ToUint8Array(base64 + padding);
}
function uint8ArrayToBase64url(bytes) {
    return uint8ArrayToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}
function hexToUint8Array(hex) {
    const cleanHex = hex.replace(/^0x/, "");
    if (cleanHex.length % 2 !== 0) {
        throw new Error("Invalid hex string length");
    }
    const bytes = new Uint8Array(cleanHex.length / 2);
    for (let i = 0; i < cleanHex.length; i += 2) {
        bytes[i / 2] = Number.parseInt(cleanHex.slice(i, i + 2), 16);
    }
    return bytes;
}
function uint8ArrayToHex(bytes) {
    return Array.from(bytes)
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
}
// instanceof
class Class {
    constructor(..._args) { }
}
//////////    PROTOTYPE INSTALLERS     //////////
//
// Members live on the prototype and materialize per instance on first read, which keeps own-property count under the step where V8 stops using inline slots. Changing anything here means re-measuring runtime, memory and bundle size together — see "The three axes" in AGENTS.md.
/**
 * Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
 *
 * Call this from a `proto` initializer, which runs once per prototype — never per instance.
 */
function members(proto, table) {
    for (const key in table) {
        const desc = Object.getOwnPropertyDescriptor(table, key);
        // a getter installs as written, so it stays live: `description` reads through to the registry on every access. not enumerable: an object literal's is, and a prototype member never was
        if (desc.get)
            Object.defineProperty(proto, key, { ...desc, enumerable: false });
        // a method materializes bound on first read, which is what keeps a detached member working: `const opt = schema.optional; opt()`
        else
            defineBound(proto, key, desc.value);
    }
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
    Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
    return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
    return own(inst, key, value, false);
}
/** Adds members a table derives from the instance: each builds on first read and shadows as own data, and assignment shadows the same way, as when these were own properties. */
function derived(computes, table) {
    for (const key in computes) {
        const compute = computes[key];
        // an object literal's accessor is configurable and enumerable, and `members` copies the descriptor as written
        Object.defineProperty(table, key, {
            configurable: true,
            enumerable: true,
            get() {
                return own(this, key, compute(this));
            },
            set(value) {
                own(this, key, value);
            },
        });
    }
    return table;
}
function defineBound(proto, key, fn) {
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // vitest's spyOn calls a prototype getter bare to find the function it wraps, so a nullish receiver answers the raw method
            return this == null ? fn : own(this, key, fn.bind(this));
        },
        set(value) {
            own(this, key, value);
        },
    });
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
    const proto = Object.getPrototypeOf(inst);
    // Runs on every construction, so `in` rather than the costlier `hasOwnProperty.call`. Sentinels are keys the group itself defines.
    return sentinel in proto ? undefined : proto;
}
// The internals whose init chain is installing. A second call for the same one is a derived constructor overriding its base, so it must not construct another schema in between or the override is dropped.
let installing;
// Set while a getter is running, so a value that resolved through a recursion break is not memoized. One shared descriptor shadows the key for the duration, which costs no per-key allocation.
let broke = false;
const breaker = {
    configurable: true,
    get() {
        broke = true;
        return undefined;
    },
};
/**
 * Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
 * constructor, computed from the internals object itself and cached there on
 * first read. One accessor per constructor rather than one per instance.
 */
function defineLazyInternal(inst, key, compute) {
    const proto = Object.getPrototypeOf(inst._zod);
    if (key in proto && installing !== inst._zod) {
        // A repeat construction: everything is installed already. Cleared here so the reference is not held past the first construction of every type.
        installing = undefined;
        return;
    }
    installing = inst._zod;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing so a re-entrant read from a recursive schema resolves to undefined instead of running the getter again.
            Object.defineProperty(this, key, breaker);
            const outer = broke;
            broke = false;
            try {
                const value = compute(this);
                // A result that resolved through a recursion break is recomputed once the graph is complete; everything else memoizes, undefined included.
                if (broke)
                    delete this[key];
                else
                    Object.defineProperty(this, key, { configurable: true, writable: true, value });
                broke = broke || outer;
                return value;
            }
            catch (err) {
                // A compute that threw memoizes nothing, so a later read runs it again and fails the same way. The shadow goes with it, since leaving it installed would answer undefined for every later read.
                delete this[key];
                broke = broke || outer;
                throw err;
            }
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, value });
        },
    });
}
/**
 * Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
 * data property. One accessor per constructor rather than one per instance, because an own accessor
 * puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
 */
function installLazyProp(inst, key, make, enumerable) {
    const proto = claim(inst, key);
    if (!proto)
        return;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing, so a re-entrant read from a self-referential shape resolves to undefined instead of running the getter again. A data property rather than an accessor: an own accessor is the dictionary-mode transition this exists to avoid.
            const desc = { configurable: true, writable: true, enumerable, value: undefined };
            Object.defineProperty(this, key, desc);
            // a compute that throws leaves the shadow behind, so later reads answer undefined instead of re-throwing; `defineLazy` did the same, and `defineLazyInternal`'s delete-on-catch would cost bytes in every bundle for a case only a throwing user getter reaches
            desc.value = make(this);
            Object.defineProperty(this, key, desc);
            return desc.value;
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
        },
    });
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
    const fn = () => value;
    fn[CONSTANT_CATCH] = true;
    return fn;
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9305);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
