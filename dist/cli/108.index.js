export const id = 108;
export const ids = [108];
export const modules = {

/***/ 14108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploySystemd: () => (/* binding */ deploySystemd)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/contract/release-files.ts
var release_files = __webpack_require__(66173);
// EXTERNAL MODULE: ./src/contract/targets.ts
var targets = __webpack_require__(5008);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __webpack_require__(73713);
// EXTERNAL MODULE: ./src/kit/pool.ts
var pool = __webpack_require__(1456);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 9 modules
var schemas = __webpack_require__(27597);
// EXTERNAL MODULE: ./src/contract/names.ts
var names = __webpack_require__(77662);
// EXTERNAL MODULE: ./src/kit/log.ts
var log = __webpack_require__(83490);
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
        super(`${field} ${(0,log/* untrusted */.bp)(JSON.stringify(shown))} cannot be used on a host: ${allowed}`);
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
            fields.push([m[1], (0,log/* untrusted */.bp)(m[2])]);
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
        .map((l) => (0,log/* untrusted */.bp)(l.replace(/^goship-step: /, "").trim()))
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
var hosts_spec = __webpack_require__(24493);
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
var external_node_crypto_ = __webpack_require__(77598);
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
            throw new errors/* UserError */.yo(`cannot read systemd-analyze security line: ${(0,log/* untrusted */.bp)(JSON.stringify(line))}`);
        }
        checked++;
        const value = exposure === "" ? 0 : Number(exposure);
        // The host's text, printed when the unit scores over the threshold.
        if (value > 0)
            items.push({ name: (0,log/* untrusted */.bp)(name), description: (0,log/* untrusted */.bp)(description), exposure: value });
    }
    items.sort((a, b) => b.exposure - a.exposure || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const m = OVERALL.exec(lines[overallAt]);
    return SecurityReport.parse({
        unit: (0,log/* untrusted */.bp)(m[1]),
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
        .map((l) => (0,log/* untrusted */.bp)(l))
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
        (0,log/* debug */.Yz)(`${this.label}: step ${step.name} exited ${r.code} in ${Math.round(r.durationMs)} ms`);
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
                last = `GET ${path} on port ${port}: ${probe.status}${probe.status >= 200 && probe.status < 300 ? "" : ` ${(0,log/* untrusted */.bp)(probe.body.trim().slice(0, 120))}`}`;
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
            (0,log/* debug */.Yz)(`${this.label}: nginx: a killed run's upstream write was undone first`);
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
            (0,pool/* fulfilled */.ec)(await (0,pool/* poolSettled */.y8)(all, 16, ({ target }) => target.connect()));
        });
        if (o.mode !== "status" && !o.dryRun) {
            await o.log.group("Take the deploy lock on every host", () => this.#locks.take(all.map(({ target }) => target)));
        }
        const probed = await o.log.group("Read each host's state", async () => (0,pool/* fulfilled */.ec)(await (0,pool/* poolSettled */.y8)(all, 16, async ({ target, wave }) => {
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
            const results = await o.log.group(`Wave ${w + 1} of ${this.#waves.length}: ${wave.map((p) => p.work.host.target.label).join(", ")}`, () => (0,pool/* poolSettled */.y8)(wave, o.maxParallel, async (p, i) => {
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
            await o.log.group(`Roll back ${undo.length} host(s) (on-failure: ${o.onFailure})`, () => (0,pool/* poolSettled */.y8)(undo, o.maxParallel, (work) => this.#rollBack(work, `rolled back: ${failure}`)));
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
        await (0,pool/* poolSettled */.y8)(this.#reverted, 16, async ({ work, check: { unit, port, version } }) => {
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
            await (0,pool/* poolSettled */.y8)(this.#waves.flat(), o.maxParallel, async ({ work }) => {
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
        (0,pool/* fulfilled */.ec)(await (0,pool/* poolSettled */.y8)(targets, 16, async (t) => {
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
        const results = await (0,pool/* poolSettled */.y8)(held, 16, (t) => t.refreshLock(o.holder, o.runUrl, o.lockTtlSec));
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
        await (0,pool/* poolSettled */.y8)(held, 16, async (t) => {
            const problem = await t.unlock(this.#opts.holder);
            if (problem)
                this.#opts.log.warning(`${t.label}: ${problem}`);
        });
    }
}

// EXTERNAL MODULE: ./src/deploy/plan.ts
var plan = __webpack_require__(5448);
// EXTERNAL MODULE: ./src/github/context.ts
var context = __webpack_require__(19556);
// EXTERNAL MODULE: ./src/kit/action.ts + 1 modules
var action = __webpack_require__(86962);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __webpack_require__(13701);
// EXTERNAL MODULE: ./src/remote/ssh.ts + 2 modules
var remote_ssh = __webpack_require__(14490);
// EXTERNAL MODULE: ./src/kit/inputs.ts
var inputs = __webpack_require__(67127);
;// CONCATENATED MODULE: ./src/actions/deploy-systemd/schema.ts





const PORT_ALLOWED = "a port number from 1024 to 65535";
const port = () => (0,inputs.text)(/^[1-9][0-9]{3,4}$/, PORT_ALLOWED)
    .transform(Number)
    .refine((p) => p >= 1024 && p <= 65_535, `allowed: ${PORT_ALLOWED}`);
const count = (min, max) => (0,inputs.text)(/^[0-9]{1,6}$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `allowed: a whole number from ${min} to ${max}`);
const schema_inputs = schemas/* object */.Ikc({
    hosts: (0,inputs.text)(/^[\s\S]*$/, "[user@]host[:port] entries separated by newlines or commas")
        .optional()
        .describe("Hosts as [user@]host[:port], separated by newlines or commas (or use inventory)."),
    inventory: (0,inputs.line)("the path of a YAML inventory file")
        .optional()
        .describe("Path of a YAML inventory instead of hosts: a hosts list whose entries are [user@]host[:port] strings or maps with host, optional wave and labels."),
    "ssh-private-key": (0,inputs.secret)((0,inputs.text)(/^-----BEGIN (OPENSSH|EC|RSA) PRIVATE KEY-----[\s\S]+-----END \1 PRIVATE KEY-----\s*$/, "an OpenSSH or PEM private key without a passphrase")).describe("Private key (OpenSSH or PEM, no passphrase) that logs in to every host. A secret."),
    "known-hosts": (0,inputs.text)(/^[^\0]+$/, "known_hosts lines for every host (and proxy-jump host); @cert-authority lines allowed").describe("known_hosts content for every host and proxy-jump host (@cert-authority lines allowed). Host keys are checked against it; nothing is trusted on first use."),
    "ssh-user": (0,inputs.text)(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
        .default("deploy")
        .describe("User for hosts that name none."),
    become: (0,inputs.choice)(["sudo", "none"])
        .default("sudo")
        .describe("sudo (passwordless sudo for ssh-user), or none when logging in as root."),
    "proxy-jump": (0,inputs.line)("[user@]host[:port] hops separated by commas")
        .optional()
        .describe("Jump host(s), [user@]host[:port], comma-separated, in order."),
    app: (0,inputs.text)(names/* APP_PATTERN */.fh, names/* APP_RULE */.rA).describe("The service's name, [a-z][a-z0-9-]{0,31}: the unit, /opt/<app> and /etc/<app>."),
    "release-dir": (0,inputs.line)("a directory path")
        .optional()
        .describe("A package-release output directory (with SHA256SUMS, its signature and goship-manifest.json)."),
    "release-tag": (0,inputs.text)(/^(?!.*\.\.)(?!\/)[A-Za-z0-9._+/-]+$/, "a git tag name")
        .optional()
        .describe("Deploy the GitHub Release with this tag instead of release-dir (downloaded with github-token)."),
    version: (0,inputs.text)(names/* SAFE_NAME */.wY, "a version ID: letters, digits and . _ + - (no slashes or spaces)")
        .refine((v) => !v.includes(".."), "allowed: a version ID without ..")
        .optional()
        .describe("Expected version; the release's own version must match it (default: release-tag without its v)."),
    project: (0,inputs.text)(names/* SAFE_NAME */.wY, "a project name: letters, digits and . _ + - (no slashes or spaces)")
        .optional()
        .describe("Expected project; the release's manifest must name it (default: app)."),
    "public-key": (0,inputs.text)(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/, "the release's goship.pub (a PEM public key)")
        .optional()
        .describe("The release's goship.pub (PEM). Required to deploy: SHA256SUMS must be signed by it."),
    strategy: (0,inputs.choice)(["restart", "blue-green"])
        .default("restart")
        .describe("restart (one unit, restarted in place) or blue-green (two slots behind nginx)."),
    port: port().prefault("8080").describe("restart: the port the service listens on (its PORT)."),
    ports: (0,inputs.text)(/^[0-9]+,[0-9]+$/, "two ports, comma-separated, e.g. 8081,8082")
        .transform((v) => v.split(",").map(Number))
        .refine(([a, b]) => a !== b && [a, b].every((p) => p >= 1024 && p <= 65_535), "allowed: two different ports from 1024 to 65535, e.g. 8081,8082")
        .prefault("8081,8082")
        .describe("blue-green: the two slots' ports, comma-separated."),
    "service-env": (0,inputs.secret)((0,plan/* environment */.cA)())
        .optional()
        .describe("KEY=VALUE lines for the service's environment file (a secret; PORT is set by goship, so PORT and ADDR are refused). Unset keeps the file on the host."),
    environment: (0,inputs.deprecatedFor)((0,inputs.secret)(schemas/* string */.YjP()), "service-env")
        .optional()
        .describe("Deprecated: the old name of service-env, still read."),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    args: (0,inputs.text)(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, "one argument per line, without control characters")
        .transform((v) => v.split("\n").filter((a) => a !== ""))
        .default([])
        .describe("Arguments for the binary, one per line, passed literally."),
    hardening: (0,inputs.choice)(["strict", "standard"])
        .default("strict")
        .describe("The unit's sandbox: strict (systemd-analyze exposure 1.1) or standard (1.6; allows JITs, netlink, /proc)."),
    "security-threshold": (0,inputs.text)(/^(10(\.0)?|[0-9](\.[0-9])?)$/, "a number from 0.0 to 10.0 with one decimal")
        .transform(Number)
        .prefault("2.0")
        .describe("Highest systemd-analyze security exposure allowed, checked on each host before the switch."),
    "health-path": (0,inputs.text)(/^\/[\x21-\x7e]*$/, "an absolute URL path, e.g. /ready")
        .default("/ready")
        .describe("HTTP path that must answer 2xx on the host once the new version runs."),
    "health-timeout": (0,plan/* duration */.p0)({ min: 1000, max: 3_600_000 })
        .prefault("60s")
        .describe("How long to wait for the health check, e.g. 60s or 2m."),
    waves: (0,plan/* waves */.Lp)()
        .prefault("100%")
        .describe("Hosts per wave, cumulative counts or percentages ending with 100%, e.g. 1,25%,100%."),
    "wave-wait": (0,plan/* duration */.p0)({ max: 86_400_000 }).prefault("0s").describe("Pause between waves, e.g. 5m."),
    "max-parallel": count(1, 256).prefault("10").describe("Hosts changed at once within a wave."),
    "traffic-weight": count(0, 100)
        .prefault("100")
        .describe("blue-green: percent of requests nginx sends to the new slot (0-100)."),
    "canary-header": (0,inputs.text)(new RegExp(`^(none|${CANARY_HEADER_PATTERN.source.slice(1, -1)})$`), `${CANARY_HEADER_RULE}; or none to remove it`)
        .transform((v) => (v === "none" ? null : CanaryHeaderText.parse(v)))
        .optional()
        .describe("blue-green: a header, Name: value (e.g. X-Canary: 1), whose requests nginx sends to the new slot at any weight, 0% included, until promote or rollback; your server block then says proxy_pass http://$goship_<app>; (app's - as _). none removes it; unset keeps each host's."),
    mode: (0,inputs.choice)(["deploy", "shift", "promote", "rollback", "status"])
        .default("deploy")
        .describe("deploy, shift (change the blue-green weight), promote (100% to the new slot, stop the old), rollback, or status."),
    "rollback-to": (0,inputs.text)(names/* SAFE_NAME */.wY, "a version ID")
        .refine((v) => !v.includes(".."), "allowed: a version ID without ..")
        .optional()
        .describe("mode rollback: the version to go back to, installed on every host. Default: each host's previous version."),
    "on-failure": (0,inputs.choice)(["rollback-fleet", "rollback-wave", "stop"])
        .default("rollback-fleet")
        .describe("When a host fails: rollback-fleet (every host this run changed), rollback-wave (its wave only), or stop."),
    "keep-releases": count(1, 1000)
        .prefault("5")
        .describe("Releases kept on each host (current, previous and last good are never removed)."),
    "lock-timeout": (0,plan/* duration */.p0)({ max: 86_400_000 })
        .prefault("10m")
        .describe("How long to wait for another run's deploy lock on a host."),
    "lock-ttl": (0,plan/* lockTtl */.kg)()
        .prefault("30m")
        .describe("A deploy lock older than this is taken over, with a warning."),
    "drain-time": (0,plan/* duration */.p0)({ max: 3_600_000 })
        .prefault("5s")
        .describe("blue-green promote and rollback: how long the old slot keeps serving its open requests before it is stopped."),
    "github-token": (0,inputs.runnerDefault)((0,inputs.secret)((0,inputs.line)("a token")), "github.token")
        .optional()
        .describe("Token to record GitHub Deployments (deployments write) and to download release-tag (contents read)."),
    "github-environment": (0,inputs.text)(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,254}$/, "a GitHub environment name")
        .optional()
        .describe("GitHub environment to record a Deployment in, with in_progress, success and failure statuses."),
    "environment-name": (0,inputs.deprecatedFor)(schemas/* string */.YjP(), "github-environment")
        .optional()
        .describe("Deprecated: the old name of github-environment, still read."),
    "dry-run": (0,inputs.boolean)()
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
var kit_summary = __webpack_require__(94508);
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
        const { hasWaveNumbers, readInventory, wavesFromInventory } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(655)]).then(__webpack_require__.bind(__webpack_require__, 25655));
        const entries = await readInventory(i.inventory, defaults);
        if (entries.length === 0)
            throw (0,errors/* inputError */.Xu)("inventory", i.inventory, "a file listing at least one host");
        if (hasWaveNumbers(entries))
            return wavesFromInventory(entries).map((w) => w.map((e) => e.spec));
        return (0,plan/* assignWaves */.AQ)(entries.map((e) => e.spec), i.waves);
    }
    const hosts = (0,hosts_spec/* parseHostList */.A_)(i.hosts ?? "", defaults);
    if (hosts.length === 0)
        throw (0,errors/* inputError */.Xu)("hosts", i.hosts ?? "", "at least one [user@]host[:port] (or an inventory file)");
    return (0,plan/* assignWaves */.AQ)(hosts, i.waves);
}
/** The release on the runner, verified before any host is contacted. */
async function prepareRelease(i, run, workDir) {
    if (!i["public-key"]) {
        throw (0,errors/* inputError */.Xu)("public-key", "", "goship.pub's content: goship deploys only releases whose SHA256SUMS signature it checked");
    }
    // The signature checks (and their curves), the archive readers and the manifest's schemas are
    // loaded only to deploy a release.
    const [{ loadPublicKey }, { checkReleaseIdentity, verifyRelease }, { extractBinary, goarchFromUname, pickArtifact }, { versionFromRef },] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(431), __webpack_require__.e(860), __webpack_require__.e(850), __webpack_require__.e(117)]).then(__webpack_require__.bind(__webpack_require__, 80850)),
        Promise.all(/* import() */[__webpack_require__.e(431), __webpack_require__.e(860), __webpack_require__.e(850), __webpack_require__.e(368)]).then(__webpack_require__.bind(__webpack_require__, 80368)),
        Promise.all(/* import() */[__webpack_require__.e(177), __webpack_require__.e(324)]).then(__webpack_require__.bind(__webpack_require__, 36324)),
        __webpack_require__.e(/* import() */ 498).then(__webpack_require__.bind(__webpack_require__, 7117)),
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
        await (0,log/* group */.Os)(`Download release ${tag} from ${where.owner}/${where.repo}`, async () => {
            const { downloadRelease } = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(351), __webpack_require__.e(675)]).then(__webpack_require__.bind(__webpack_require__, 12675));
            const got = await downloadRelease({ token, apiUrl: (0,context/* apiUrl */.y0)(run) }, { ...where, tag }, dir);
            (0,log/* info */.pq)(`${got.files.length} file(s) from ${got.url}`);
        });
    }
    else {
        throw (0,errors/* inputError */.Xu)("release-dir", "", "a package-release output directory, or release-tag, to deploy");
    }
    const verified = await (0,log/* group */.Os)("Verify the release (signature, checksums, manifest)", async () => {
        const v = await verifyRelease(dir, i["public-key"]);
        for (const c of v.checks)
            (0,log/* info */.pq)(`✓ ${c}`);
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
                    (0,log/* info */.pq)(`${artifact.archive.name}: ${artifact.binary.name} for ${key} extracted, sha256 ${b.sha256}`);
                    return { path: b.path, sha256: b.sha256, artifact };
                })();
                binaries.set(key, p);
            }
            return p;
        },
    };
}
const deploySystemd = (0,action.defineAction)({
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
        const environment = i["service-env"] === undefined ? undefined : (0,plan/* renderEnvironmentFile */.sh)(i["service-env"]);
        // The input is masked whole and line by line; a value also shows alone (in a journal line
        // the app printed, say).
        for (const value of (0,plan/* environmentSecrets */.Pm)(i["service-env"] ?? []))
            (0,log/* maskSecret */.$l)(value);
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
            const ssh = await remote_ssh/* SshClient */.Ag.create({
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
                lockHeartbeatMs: plan/* LOCK_HEARTBEAT_MS */.si,
                environment,
                dryRun: i["dry-run"],
                drainMs: i["drain-time"],
                canaryHeader: i["canary-header"],
                ...identity,
                log: { info: log/* info */.pq, warning: log/* warning */.$e, group: log/* group */.Os, start: (label, of) => progress/* progress */.qB.start(label, of) },
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
            const { setDeploymentStatus } = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(351), __webpack_require__.e(887)]).then(__webpack_require__.bind(__webpack_require__, 16887));
            await setDeploymentStatus({ token: deployment.token, apiUrl: deployment.apiUrl }, {
                owner: deployment.owner,
                repo: deployment.repo,
                deploymentId: deployment.id,
                state,
                description: error ? (0,errors/* errorMessage */.gJ)(error) : `${mode} ok on ${result?.hosts.length ?? 0} host(s)`,
                ...(identity.runUrl ? { logUrl: identity.runUrl } : {}),
            }).catch((e) => (0,log/* warning */.$e)(`GitHub Deployment status: ${(0,errors/* errorMessage */.gJ)(e)}`));
        }
        if (result) {
            (0,action.setOutputs)(deploySystemd, await hostOutputs(i.app, result.hosts, result.rolledBack, deployment?.id));
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
    const { createDeployment, setDeploymentStatus } = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(351), __webpack_require__.e(887)]).then(__webpack_require__.bind(__webpack_require__, 16887));
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
    (0,log/* info */.pq)(`GitHub Deployment ${d.id} in ${i["github-environment"]}: in_progress`);
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
    const { CanaryTargets } = await __webpack_require__.e(/* import() */ 411).then(__webpack_require__.bind(__webpack_require__, 55411));
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
