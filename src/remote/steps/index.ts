import { randomBytes } from "node:crypto";
import { z } from "zod";
import { MANIFEST_FILE, SafeName } from "../../contract/manifest.js";
import { UserError } from "../../kit/errors.js";
import { APP_PATTERN, MIN_PORT, type Strategy, unitFileName } from "../unit.js";

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
 * Layout (see hostPaths in unit.ts):
 *   /opt/<app>/releases/<version>/{<binary>,goship-manifest.json}   root-owned, binary 0755
 *   /opt/<app>/current -> releases/<version>
 *   /opt/<app>/slots/<port> -> ../releases/<version>                blue-green
 *   /opt/<app>/.goship/lock/{holder,run-url,since}                  the deploy lock (lock.mutex beside it, briefly)
 *   /opt/<app>/.goship/history.jsonl                                one JSON object a line
 *   /etc/<app>/<app>.env                                            0600 root
 *   /etc/systemd/system/<app>.service | <app>@.service
 *
 * The scripts need what every systemd host has: a POSIX sh, GNU coreutils (mv -T, stat -c,
 * date -r, sha256sum, a fractional sleep), cmp, grep, sed and systemctl. openssl is used as a second digest where
 * installed (VERIFIED_WITH says which tools agreed).
 */

/** Exit codes the scripts return on purpose; anything else is a command that failed (see stderr). */
export const EXIT = {
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
  // nginx (see nginx.ts): 30-39.
  /** write-upstream: `nginx -t` refused the configuration with the new upstream; the previous file is back. stdout: NGINX_ERROR. */
  NGINX_INVALID: 30,
  /** write-upstream: nginx is not installed, /etc/nginx/conf.d is missing, or nginx.service is not running: nothing changed. */
  NGINX_UNAVAILABLE: 31,
  /** write-upstream: nginx did not take the new upstream on reload; the previous file is back, and the next write reloads. */
  NGINX_RELOAD_FAILED: 32,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const EXIT_MEANING: Record<number, string> = {
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
  [EXIT.NGINX_INVALID]: "nginx -t refused the configuration with the new upstream (the previous one is back)",
  [EXIT.NGINX_UNAVAILABLE]: "nginx is not installed or not running on the host",
  [EXIT.NGINX_RELOAD_FAILED]: "nginx did not reload with the new upstream (the previous one is back)",
};

/** A value that cannot be passed to a remote step. `field` names the parameter (e.g. "version"). */
export class RemoteValueError extends UserError {
  override name = "RemoteValueError";
  constructor(
    readonly field: string,
    value: unknown,
    allowed: string,
  ) {
    const text = typeof value === "string" ? value : String(value);
    const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    super(`${field} ${JSON.stringify(shown)} cannot be used on a host: ${allowed}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Values. Each schema matches the script's own check of the same argument (the sh `is_*` below).

export const AppName = z
  .string()
  .regex(APP_PATTERN, "a lowercase letter, then up to 31 lowercase letters, digits or -");
/** A release directory or file name: SafeName, at most 128 characters, without `..`. */
export const ReleaseName = SafeName.max(128, "at most 128 characters").refine((v) => !v.includes(".."), {
  message: "must not contain ..",
});
export const BinaryName = ReleaseName.refine((v) => v !== MANIFEST_FILE, {
  message: `must not be ${MANIFEST_FILE}, which sits beside it`,
});
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits");
export const SlotPort = z.number().int().min(MIN_PORT).max(65_535);
/** An absolute path made of plain segments: letters, digits and . _ + -; no `.` or `..` segment. */
export const HostFilePath = z
  .string()
  .max(1024)
  .regex(/^(\/[A-Za-z0-9._+-]+)+$/, "an absolute path of letters, digits and . _ + - only")
  .refine((p) => p.split("/").every((s) => s !== "." && s !== ".."), { message: "no . or .. segments" });
/** Identifies a lock holder; unique per run (see newHolderToken). */
export const HolderToken = z
  .string()
  .regex(/^[A-Za-z0-9._@:+-]{1,128}$/, "1 to 128 of A-Z a-z 0-9 . _ @ : + -");
/** Empty, or an http(s) URL of printable ASCII without spaces. */
export const RunUrl = z
  .string()
  .max(1024)
  .regex(/^(https?:\/\/[\x21-\x7e]+)?$/, "empty, or an http(s) URL of printable ASCII without spaces");
export const TtlSeconds = z.number().int().min(1).max(31_536_000);
export const KeepCount = z.number().int().min(1).max(1000);
export const HistoryCount = z.number().int().min(0).max(1000);
/** The longest history line a step accepts (the script checks the same). */
export const MAX_HISTORY_LINE = 16_384;

export function checked<T>(schema: z.ZodType<T>, field: string, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new RemoteValueError(field, value, r.error.issues.map((i) => i.message).join("; "));
  return r.data;
}

export const checkApp = (v: string): string => checked(AppName, "app", v);
export const checkVersion = (v: string, field = "version"): string => checked(ReleaseName, field, v);

/** A holder token for this run: `<label>.<12 hex>`, the label reduced to the token's characters. */
export function newHolderToken(label: string): string {
  const clean = label.replace(/[^A-Za-z0-9._@:+-]+/g, "-").slice(0, 100) || "goship";
  return `${clean}.${randomBytes(6).toString("hex")}`;
}

// ---------------------------------------------------------------------------------------------
// History

/** One line of /opt/<app>/.goship/history.jsonl: who did what, when, and how it ended. */
export interface HistoryEntry {
  /** Unix seconds; left out, the host stamps its own clock (`date -u +%s`) as the first key. */
  time?: number;
  /** Who: the GitHub actor, or whatever started the run. */
  actor: string;
  /** deploy, rollback, shift, promote… */
  action: string;
  version: string;
  /** The version this replaced; null on the first deploy. */
  from: string | null;
  /** success, failure, rolled-back… */
  result: string;
  runUrl: string;
  /** The blue-green slot, when the action concerned one. */
  slot?: number;
  /** Why it failed or rolled back, in words. */
  detail?: string;
}

const HistoryEntrySchema = z.object({
  time: z.number().int().nonnegative().optional(),
  actor: z.string(),
  action: z.string().regex(/^[a-z][a-z-]{0,31}$/, "a lowercase word"),
  version: ReleaseName,
  from: ReleaseName.nullable(),
  result: z.string().regex(/^[a-z][a-z-]{0,31}$/, "a lowercase word"),
  runUrl: z.string(),
  slot: SlotPort.optional(),
  detail: z.string().optional(),
});

/**
 * The entry as one line of JSON, keys in a fixed order. JSON.stringify escapes every control
 * character but DEL, and leaves U+2028/U+2029 (line breaks to some readers) raw: those three
 * can only occur inside strings, where \u escapes mean the same, so the line stays one line.
 */
export function historyLine(entry: HistoryEntry): string {
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
  const line = JSON.stringify(ordered).replace(
    /[\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  // The script counts bytes (LC_ALL=C): so does this.
  if (Buffer.byteLength(line) > MAX_HISTORY_LINE) {
    throw new RemoteValueError("history entry", `${line.slice(0, 80)}…`, `at most ${MAX_HISTORY_LINE} bytes`);
  }
  return line;
}

// ---------------------------------------------------------------------------------------------
// The scripts

/**
 * Script text: backslashes stay as written (String.raw) and `\${` stands for sh's `${`;
 * a bare `${…}` interpolates a TypeScript constant (exit codes, the shared prelude).
 */
export function sh(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  const raw = strings.raw.map((s) => s.replaceAll("\\${", "${"));
  return String.raw({ raw }, ...values);
}

/** Shared by every step: strict mode, a fixed environment, value checks, layout checks. */
export const PRELUDE = sh`set -eu
export LC_ALL=C
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022

die() { code=$1; shift; printf 'goship-step: %s\n' "$*" >&2; exit "$code"; }

# The same rules as the TypeScript validators; LC_ALL=C makes the ranges plain ASCII.
is_app() { case $1 in [a-z]*) ;; *) return 1 ;; esac; case $1 in *[!a-z0-9-]*) return 1 ;; esac; [ \${#1} -le 32 ]; }
is_name() { case $1 in [A-Za-z0-9]*) ;; *) return 1 ;; esac; case $1 in *[!A-Za-z0-9._+-]* | *..*) return 1 ;; esac; [ \${#1} -le 128 ]; }
is_uint() { case $1 in '' | *[!0-9]*) return 1 ;; esac; [ \${#1} -le 12 ]; }
is_port() { case $1 in [1-9]*) ;; *) return 1 ;; esac; is_uint "$1" && [ "$1" -ge ${MIN_PORT} ] && [ "$1" -le 65535 ]; }
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
export const TMP_TRAP = sh`trap 'rm -rf -- "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
`;

/** The lock directory, read by lock, unlock and status: l_holder, l_run_url, l_since, l_age. */
const LOCK_READ = sh`# Fails when there is no lock. A lock made by a run killed before it wrote its files
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

/**
 * Used by lock and unlock. Taking a free lock is one mkdir and needs nothing else; changing a
 * lock that exists (a heartbeat, a takeover, a release) happens under $mutex, a sibling of the
 * lock, one run at a time and after a second look. The mutex sits beside the lock, not in it, so
 * that it leaves the lock directory's time alone (the age of a lock without a since file). A run
 * killed while holding it leaves it behind: after 60 s it counts as abandoned.
 */
const LOCK_MUTEX = sh`have_mutex=0
trap 'if [ "$have_mutex" = 1 ]; then rmdir -- "$mutex" 2>/dev/null || true; fi' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
take_mutex() {
  if mkdir -- "$mutex" 2>/dev/null; then
    have_mutex=1
    return 0
  fi
  m=$(date -r "$mutex" +%s 2>/dev/null) || return 1
  [ $((now - m)) -gt 60 ] || return 1
  rmdir -- "$mutex" 2>/dev/null || true
  mkdir -- "$mutex" 2>/dev/null || return 1
  have_mutex=1
}
drop_mutex() {
  rmdir -- "$mutex" 2>/dev/null || true
  have_mutex=0
}
`;

const LOCK = sh`${PRELUDE}${LOCK_READ}${LOCK_MUTEX}
[ $# -eq 4 ] || die ${EXIT.BAD_ARGUMENT} "usage: lock APP HOLDER RUN-URL TTL-SECONDS"
app=$1 holder=$2 run_url=$3 ttl=$4
need app app "$app"
need token holder "$holder"
need url run-url "$run_url"
is_uint "$ttl" && [ "$ttl" -ge 1 ] || die ${EXIT.BAD_ARGUMENT} "ttl: not allowed: $ttl"
root=/opt/$app
meta=$root/.goship
lock=$meta/lock
mutex=$meta/lock.mutex
[ -d /opt ] || mkdir -m 755 /opt
make_dir 755 "$root"
make_dir 750 "$meta"
own_dir "$lock"
# Locks released by runs killed before they finished removing them.
for d in "$meta"/lock.released-*; do
  [ -e "$d" ] || continue
  rm -rf -- "$d" 2>/dev/null || true
done
now=$(date +%s)

# Each file is replaced whole: a reader never sees half a value.
write_lock() {
  printf '%s\n' "$run_url" >"$lock/.run-url.$$"
  mv -f -- "$lock/.run-url.$$" "$lock/run-url"
  printf '%s\n' "$now" >"$lock/.since.$$"
  mv -f -- "$lock/.since.$$" "$lock/since"
  printf '%s\n' "$holder" >"$lock/.holder.$$"
  mv -f -- "$lock/.holder.$$" "$lock/holder"
}
held() {
  print_lock
  printf 'TTL=%s\n' "$ttl"
  exit ${EXIT.LOCK_HELD}
}

tries=0
while [ "$tries" -lt 10 ]; do
  tries=$((tries + 1))
  if mkdir -m 750 -- "$lock" 2>/dev/null; then
    write_lock
    printf 'ACQUIRED=%s\nSINCE=%s\n' "$holder" "$now"
    exit 0
  fi
  if ! read_lock; then
    own_dir "$lock"
    continue # released meanwhile
  fi
  if [ "$l_holder" != "$holder" ] && [ "$l_age" -le "$ttl" ]; then held; fi
  # Ours already (a retried step: refresh its time, a heartbeat), or stale (take it over).
  if ! take_mutex; then
    sleep 0.2
    continue
  fi
  if ! read_lock; then
    drop_mutex
    continue
  fi
  if [ "$l_holder" = "$holder" ]; then
    write_lock
    drop_mutex
    printf 'ACQUIRED=%s\nSINCE=%s\nREFRESHED=1\n' "$holder" "$now"
    exit 0
  fi
  if [ "$l_age" -le "$ttl" ]; then
    drop_mutex
    held # refreshed or taken over since the first look
  fi
  old_holder=$l_holder old_url=$l_run_url old_age=$l_age
  write_lock
  drop_mutex
  printf 'ACQUIRED=%s\nSINCE=%s\n' "$holder" "$now"
  printf 'TAKEN_OVER=%s\nTAKEN_OVER_RUN_URL=%s\nTAKEN_OVER_AGE=%s\n' "$old_holder" "$old_url" "$old_age"
  printf 'WARNING=took over the deploy lock of %s%s: held for %s s, longer than the lock TTL of %s s\n' \
    "\${old_holder:-an unknown holder}" "\${old_url:+ ($old_url)}" "$old_age" "$ttl"
  exit 0
done
read_lock || die ${EXIT.LOCK_HELD} "the lock kept changing"
held
`;

const UNLOCK = sh`${PRELUDE}${LOCK_READ}${LOCK_MUTEX}
[ $# -eq 2 ] || die ${EXIT.BAD_ARGUMENT} "usage: unlock APP HOLDER"
app=$1 holder=$2
need app app "$app"
need token holder "$holder"
meta=/opt/$app/.goship
lock=$meta/lock
mutex=$meta/lock.mutex
own_dir "$lock"
now=$(date +%s)
not_holder() {
  print_lock
  die ${EXIT.NOT_HOLDER} "$1"
}
tries=0
while :; do
  if ! read_lock; then
    printf 'RELEASED=0\n'
    exit 0
  fi
  [ "$l_holder" = "$holder" ] || not_holder "the lock is held by \${l_holder:-an unknown holder}, not $holder: left in place"
  if take_mutex; then break; fi
  tries=$((tries + 1))
  [ "$tries" -lt 25 ] || not_holder "another run keeps changing the lock"
  sleep 0.2
done
if ! read_lock; then
  drop_mutex
  printf 'RELEASED=0\n'
  exit 0
fi
if [ "$l_holder" != "$holder" ]; then
  drop_mutex
  not_holder "the lock was taken over by \${l_holder:-an unknown holder}"
fi
# Moved aside in one step, then removed: a run killed in between leaves no half-removed lock.
mv -T -- "$lock" "$meta/lock.released-$$"
drop_mutex
rm -rf -- "$meta/lock.released-$$"
printf 'RELEASED=1\n'
`;

const DIGEST = sh`tools=sha256sum
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

const STAGE_RELEASE = sh`${PRELUDE}${DIGEST}
[ $# -eq 6 ] || die ${EXIT.BAD_ARGUMENT} "usage: stage-release APP VERSION BINARY UPLOADED-FILE SHA256 MANIFEST-FILE"
app=$1 version=$2 binary=$3 upload=$4 sha256=$5 manifest=$6
need app app "$app"
need name version "$version"
need name binary "$binary"
[ "$binary" != ${MANIFEST_FILE} ] || die ${EXIT.BAD_ARGUMENT} "binary: not allowed: $binary"
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
  [ -f "$dest/$binary" ] && [ ! -L "$dest/$binary" ] ||
    die ${EXIT.RELEASE_CONFLICT} "$dest exists without the binary $binary: remove it by hand if no slot uses it"
  # Verified by both tools when it was installed; once more, with the faster one, before use.
  if [ "$tools" = "sha256sum openssl" ]; then tools=openssl; fi
  have=$(digest "$dest/$binary")
  [ "$have" = "$sha256" ] ||
    die ${EXIT.RELEASE_CONFLICT} "release $version is installed with another $binary (sha256 $have, not $sha256): a version is never replaced"
  printf 'STAGED=0\nSHA256=%s\nVERIFIED_WITH=%s\n' "$have" "$tools"
  exit 0
fi

for f in "$upload" "$manifest"; do
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
cp -- "$manifest" "$tmp/${MANIFEST_FILE}"
got=$(digest "$tmp/$binary")
[ "$got" = "$sha256" ] ||
  die ${EXIT.CHECKSUM_MISMATCH} "the uploaded $binary has sha256 $got, not $sha256: refused, nothing installed"
grep -qF -- "\"$sha256\"" "$tmp/${MANIFEST_FILE}" ||
  die ${EXIT.CHECKSUM_MISMATCH} "${MANIFEST_FILE} does not list sha256 $sha256: refused, nothing installed"
chown 0:0 -- "$tmp" "$tmp/$binary" "$tmp/${MANIFEST_FILE}"
chmod 755 -- "$tmp/$binary"
chmod 644 -- "$tmp/${MANIFEST_FILE}"
sync -- "$tmp/$binary" "$tmp/${MANIFEST_FILE}" 2>/dev/null || sync
chmod 755 -- "$tmp"
# Refuses to land on a directory that is there after all: a version is never replaced.
mv -T -- "$tmp" "$dest"
printf 'STAGED=1\nSHA256=%s\nVERIFIED_WITH=%s\n' "$got" "$tools"
`;

/**
 * Replaces $file by $src (default stdin) if it differs: $tmp beside it, mode $mode, renamed
 * into place. Sets $changed.
 */
const REPLACE_FROM_STDIN = sh`own_file "$file"
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

const WRITE_ENV = sh`${PRELUDE}
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

const WRITE_UNIT = sh`${PRELUDE}
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
dir=/etc/systemd/system
file=$dir/$name
mode=644
[ -d "$dir" ] || die 1 "$dir does not exist: not a systemd host?"
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

const SWITCH = sh`${PRELUDE}
[ $# -eq 2 ] || [ $# -eq 3 ] || die ${EXIT.BAD_ARGUMENT} "usage: switch APP VERSION [SLOT-PORT]"
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

const RECORD_HISTORY = sh`${PRELUDE}
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

const CLEANUP = sh`${PRELUDE}
[ $# -ge 2 ] || die ${EXIT.BAD_ARGUMENT} "usage: cleanup APP KEEP [PROTECTED-VERSION…]"
app=$1 keep=$2
shift 2
need app app "$app"
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

/** A unit name goship manages: <app>.service, or <app>@<port>.service for a slot. */
const IS_UNIT = sh`is_unit() {
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

const ANALYZE_UNIT = sh`${PRELUDE}${IS_UNIT}
[ $# -eq 1 ] || die ${EXIT.BAD_ARGUMENT} "usage: analyze-unit UNIT <UNIT-FILE"
unit=$1
need unit unit "$unit"
command -v systemd-analyze >/dev/null 2>&1 || die ${EXIT.TOOL_MISSING} "systemd-analyze is not installed on this host"
tmp=$(mktemp -d /tmp/goship-analyze.XXXXXXXX)
${TMP_TRAP}cat >"$tmp/$unit"
# Without --recursive-errors=no, verify exits 0 on errors such as an unknown setting (systemd 252).
if ! systemd-analyze verify --recursive-errors=no -- "$tmp/$unit" 2>"$tmp/verify.err" >/dev/null; then
  sed "s|$tmp/||g" "$tmp/verify.err" >&2
  exit ${EXIT.UNIT_INVALID}
fi
systemd-analyze security --offline=true --no-pager -- "$tmp/$unit" | sed "s|$tmp/||g"
`;

/** MainPID's executable, as the release it runs from (empty when none or not one of ours). */
const RUNNING_RELEASE = sh`running_release() {
  pid=$(systemctl show -p MainPID --value -- "$1" 2>/dev/null) || pid=0
  is_uint "\${pid:-0}" && [ "\${pid:-0}" -gt 0 ] || return 0
  exe=$(readlink -- "/proc/$pid/exe" 2>/dev/null) || return 0
  case $exe in "/opt/$app/releases/"*/*) ;; *) return 0 ;; esac
  r=\${exe#"/opt/$app/releases/"}
  r=\${r%%/*}
  if is_name "$r"; then printf '%s' "$r"; fi
}
`;

const SERVICE = sh`${PRELUDE}${IS_UNIT}${RUNNING_RELEASE}
[ $# -eq 3 ] || die ${EXIT.BAD_ARGUMENT} "usage: service APP UNIT restart|start|stop"
app=$1 unit=$2 action=$3
need app app "$app"
need unit unit "$unit"
case $unit in "$app.service" | "$app@"*) ;; *) die ${EXIT.BAD_ARGUMENT} "unit: not allowed: $unit" ;; esac
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

const UNIT_STATE = sh`${PRELUDE}${IS_UNIT}${RUNNING_RELEASE}
[ $# -eq 3 ] || die ${EXIT.BAD_ARGUMENT} "usage: unit-state APP UNIT JOURNAL-LINES"
app=$1 unit=$2 lines=$3
need app app "$app"
need unit unit "$unit"
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

const STATUS = sh`${PRELUDE}${LOCK_READ}${RUNNING_RELEASE}
[ $# -eq 2 ] || die ${EXIT.BAD_ARGUMENT} "usage: status APP HISTORY-LINES"
app=$1 lines=$2
need app app "$app"
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
printf 'MACHINE=%s\n' "$(uname -m)"
upstream=/etc/nginx/conf.d/goship-$app.conf
if [ -f "$upstream" ]; then printf 'UPSTREAM=%s\n' "$(head -n 1 -- "$upstream" | tr -d '\r')"; fi
printf 'CURRENT=%s\n' "$(link_name "$root/current")"
unit_state "$app.service"
for s in "$root/slots/"*; do
  p=\${s##*/}
  is_port "$p" && [ -L "$s" ] || continue
  printf 'SLOT=%s %s\n' "$p" "$(link_name "$s")"
  unit_state "$app@$p.service"
done
for d in "$rel"/*; do
  n=\${d##*/}
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

// ---------------------------------------------------------------------------------------------
// The steps: a constant script, and the argument list built from checked values.

export interface RemoteStep<P> {
  /** Also what the SSH layer names in messages. */
  readonly name: string;
  readonly script: string;
  /** The step reads stdin (the content to write); every other step gets none (ssh -n). */
  readonly stdin: boolean;
  /** Checks every value (RemoteValueError) and returns the positional arguments, in order. */
  args(params: P): string[];
}

export interface LockParams {
  app: string;
  /** This run's token (newHolderToken); the same token again refreshes the lock's time. */
  holder: string;
  /** The workflow run, for whoever finds the lock held; may be "". */
  runUrl: string;
  /** A lock older than this is taken over (WARNING= on stdout). */
  ttlSeconds: number;
}

/**
 * Takes /opt/<app>/.goship/lock (mkdir). Exit 0: ACQUIRED=, SINCE= (REFRESHED=1 when it was already
 * ours; TAKEN_OVER=, TAKEN_OVER_RUN_URL=, TAKEN_OVER_AGE=, WARNING= when a stale one was taken over).
 * Exit LOCK_HELD: HOLDER=, RUN_URL=, SINCE=, AGE=, TTL=; the caller waits and calls again.
 */
export const lockStep: RemoteStep<LockParams> = {
  name: "lock",
  script: LOCK,
  stdin: false,
  args: (p) => [
    checkApp(p.app),
    checked(HolderToken, "holder", p.holder),
    checked(RunUrl, "runUrl", p.runUrl),
    String(checked(TtlSeconds, "ttlSeconds", p.ttlSeconds)),
  ],
};

export interface UnlockParams {
  app: string;
  holder: string;
}

/** Releases the lock if `holder` holds it. Exit 0: RELEASED=1, or RELEASED=0 when there was no lock. Exit NOT_HOLDER otherwise. */
export const unlockStep: RemoteStep<UnlockParams> = {
  name: "unlock",
  script: UNLOCK,
  stdin: false,
  args: (p) => [checkApp(p.app), checked(HolderToken, "holder", p.holder)],
};

export interface StageParams {
  app: string;
  version: string;
  /** File name of the binary in the release directory (the unit's binaryName). */
  binaryName: string;
  /** Where the caller uploaded the binary on the host (a temporary file; left for the caller to remove). */
  upload: string;
  /** The binary's sha256 from the verified manifest. */
  sha256: string;
  /** Where the caller uploaded goship-manifest.json on the host. */
  manifest: string;
}

/**
 * Installs /opt/<app>/releases/<version>/ from the uploads, verified on the host with sha256sum
 * and openssl. Exit 0: STAGED=1 (installed) or STAGED=0 (already there, same sha256), SHA256=,
 * VERIFIED_WITH=. CHECKSUM_MISMATCH, RELEASE_CONFLICT: nothing changed.
 */
export const stageReleaseStep: RemoteStep<StageParams> = {
  name: "stage-release",
  script: STAGE_RELEASE,
  stdin: false,
  args: (p) => [
    checkApp(p.app),
    checkVersion(p.version),
    checked(BinaryName, "binaryName", p.binaryName),
    checked(HostFilePath, "upload", p.upload),
    checked(Sha256Hex, "sha256", p.sha256),
    checked(HostFilePath, "manifest", p.manifest),
  ],
};

export interface WriteEnvParams {
  app: string;
  /** Blue-green: the slot's file, /etc/<app>/<app>@<port>.env; otherwise /etc/<app>/<app>.env. */
  slot?: number;
  /** The version this environment goes with: a copy is kept in /etc/<app>/versions/<version>.env. */
  version?: string;
  /**
   * stdin (default): the caller's content, KEY=VALUE lines it has checked. keep: leave the file
   * as it is (an empty one when missing). snapshot: the version's kept copy, if there is one.
   */
  source?: "stdin" | "keep" | "snapshot";
}

/** Writes the environment file (0600, root) and keeps a copy per version. CHANGED=0|1. */
export const writeEnvStep: RemoteStep<WriteEnvParams> = {
  name: "write-env",
  script: WRITE_ENV,
  stdin: true,
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

/** `<app>.service`, or `<app>@<port>.service` for a blue-green slot. */
function checkUnitName(app: string, unit: string): string {
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
export const analyzeUnitStep: RemoteStep<{ app: string; unit: string }> = {
  name: "analyze-unit",
  script: ANALYZE_UNIT,
  stdin: true,
  args: (p) => [checkUnitName(p.app, p.unit)],
};

/**
 * restart|start: reset-failed, enable, then systemctl restart|start; stop: disable, then stop.
 * ACTIVE= and RUNNING= (the release MainPID runs from). SERVICE_FAILED when systemctl fails.
 */
export const serviceStep: RemoteStep<{ app: string; unit: string; action: "restart" | "start" | "stop" }> = {
  name: "service",
  script: SERVICE,
  stdin: false,
  args: (p) => {
    if (!["restart", "start", "stop"].includes(p.action))
      throw new RemoteValueError("action", p.action, "restart, start or stop");
    return [checkApp(p.app), checkUnitName(p.app, p.unit), p.action];
  },
};

/** ACTIVE=, SUB=, RESULT=, RESTARTS=, RUNNING=, then JOURNAL= lines (the unit's last log lines). */
export const unitStateStep: RemoteStep<{ app: string; unit: string; journalLines: number }> = {
  name: "unit-state",
  script: UNIT_STATE,
  stdin: false,
  args: (p) => [
    checkApp(p.app),
    checkUnitName(p.app, p.unit),
    String(checked(z.number().int().min(0).max(200), "journalLines", p.journalLines)),
  ],
};

export interface UnitState {
  active: string;
  sub: string;
  result: string;
  restarts: number;
  /** The release the main process runs from, or null. */
  running: string | null;
  journal: string[];
}

/** unit-state's stdout as data. */
export function parseUnitState(stdout: string): UnitState {
  const fields = outputFields(stdout);
  const one = (k: string) => fields.find(([key]) => key === k)?.[1] ?? "";
  return {
    active: one("ACTIVE"),
    sub: one("SUB"),
    result: one("RESULT"),
    restarts: Number(one("RESTARTS")) || 0,
    running: one("RUNNING") || null,
    journal: fields.filter(([k]) => k === "JOURNAL").map(([, v]) => v),
  };
}

/** Writes /etc/systemd/system/<unitFileName> (0644, root) from stdin, then always daemon-reload. CHANGED=0|1. */
export const writeUnitStep: RemoteStep<{ app: string; strategy: Strategy }> = {
  name: "write-unit",
  script: WRITE_UNIT,
  stdin: true,
  args: (p) => {
    if (p.strategy !== "restart" && p.strategy !== "blue-green") {
      throw new RemoteValueError("strategy", p.strategy, "restart or blue-green");
    }
    return [unitFileName(checkApp(p.app), p.strategy)];
  },
};

export interface SwitchParams {
  app: string;
  version: string;
  /** Blue-green: switch slots/<port> instead of current. */
  slot?: number;
}

/**
 * Points current (or slots/<port>) at the release, atomically. PREVIOUS= (first; empty when there
 * was none), CURRENT=, CHANGED=0|1. NO_SUCH_RELEASE: nothing changed.
 */
export const switchStep: RemoteStep<SwitchParams> = {
  name: "switch",
  script: SWITCH,
  stdin: false,
  args: (p) => [
    checkApp(p.app),
    checkVersion(p.version),
    ...(p.slot === undefined ? [] : [String(checked(SlotPort, "slot", p.slot))]),
  ],
};

/** Appends one entry to /opt/<app>/.goship/history.jsonl. RECORDED=1, and TIME= when the host stamped it. */
export const recordHistoryStep: RemoteStep<{ app: string; entry: HistoryEntry }> = {
  name: "record-history",
  script: RECORD_HISTORY,
  stdin: false,
  args: (p) => [checkApp(p.app), historyLine(p.entry), p.entry.time === undefined ? "host" : "given"],
};

export interface CleanupParams {
  app: string;
  /** How many of the newest releases to keep, besides the protected ones. */
  keep: number;
  /** Never removed: the previous and the last known good release (current and slot targets always are). */
  protect: readonly (string | null | undefined)[];
}

/** Removes all but the `keep` newest releases and the protected ones. SWEPT=<n>, then KEPT=/REMOVED= per release, newest first. */
export const cleanupStep: RemoteStep<CleanupParams> = {
  name: "cleanup",
  script: CLEANUP,
  stdin: false,
  args: (p) => {
    const protect = p.protect.filter((v): v is string => typeof v === "string" && v !== "");
    return [
      checkApp(p.app),
      String(checked(KeepCount, "keep", p.keep)),
      ...[...new Set(protect)].map((v) => checkVersion(v, "protect")),
    ];
  },
};

/** What a host runs: APP=, CURRENT=, UNIT=, RUNNING=, STALE=, SLOT=, RELEASE=, LOCK_*=, HISTORY= (see parseStatus). */
export const statusStep: RemoteStep<{ app: string; historyLines: number }> = {
  name: "status",
  script: STATUS,
  stdin: false,
  args: (p) => [checkApp(p.app), String(checked(HistoryCount, "historyLines", p.historyLines))],
};

export const REMOTE_STEPS = [
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
] as const;

// ---------------------------------------------------------------------------------------------
// Reading what the steps print

/** The KEY=VALUE lines of a step's stdout, in order (a key may repeat). Other lines are ignored. */
export function outputFields(stdout: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of stdout.split("\n")) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) fields.push([m[1] as string, m[2] as string]);
  }
  return fields;
}

/** The first value of `key`, or undefined. */
export function outputValue(stdout: string, key: string): string | undefined {
  return outputFields(stdout).find(([k]) => k === key)?.[1];
}

/** A message for a step that exited non-zero: what the code means, and what the script said. */
export function describeStepFailure(step: string, code: number, stderr: string): string {
  const meaning = EXIT_MEANING[code] ?? `exited with code ${code}`;
  const said = stderr
    .split("\n")
    .map((l) => l.replace(/^goship-step: /, "").trim())
    .filter(Boolean)
    .slice(-5)
    .join("; ");
  return `${step}: ${meaning}${said ? `: ${said}` : ""}`;
}

export interface LockHolder {
  holder: string;
  runUrl: string;
  since: number;
  ageSeconds: number;
}

export type LockOutcome =
  | { acquired: true; refreshed: boolean; takenOver?: LockHolder; warning?: string }
  | ({ acquired: false } & LockHolder);

/** lock's result; throws for any exit but 0 and LOCK_HELD. */
export function parseLockOutcome(result: { code: number; stdout: string; stderr: string }): LockOutcome {
  const get = (k: string) => outputValue(result.stdout, k) ?? "";
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
  if (result.code === EXIT.LOCK_HELD) {
    return {
      acquired: false,
      holder: get("HOLDER"),
      runUrl: get("RUN_URL"),
      since: Number(get("SINCE")),
      ageSeconds: Number(get("AGE")),
    };
  }
  throw new UserError(describeStepFailure("lock", result.code, result.stderr));
}

export interface HostStatus {
  /** `uname -m`. */
  machine: string;
  current: string | null;
  /** The release each unit's main process runs from (null: not running, or not from a release). */
  running: Record<string, string | null>;
  /**
   * Units whose main process started before a file it reads last changed (unit file, drop-ins,
   * environment files): they run an older configuration than the one on disk, and need a restart
   * even when nothing changes now (a run killed between writing those files and the restart).
   */
  stale: string[];
  /** The first line of /etc/nginx/conf.d/goship-<app>.conf (blue-green state), or null. */
  upstream: string | null;
  slots: { port: number; version: string | null; unit: string; state: string }[];
  /** <app>.service's state (restart strategy). */
  unitState: string;
  releases: string[];
  lock: LockHolder | null;
  /** Oldest first; lines that are not JSON objects (a torn append) are counted, not returned. */
  history: Record<string, unknown>[];
  unreadableHistoryLines: number;
}

/** status's stdout as data. */
export function parseStatus(stdout: string): HostStatus {
  const fields = outputFields(stdout);
  const all = (k: string) => fields.filter(([key]) => key === k).map(([, v]) => v);
  const one = (k: string) => all(k)[0] ?? "";
  const units = new Map(
    all("UNIT").map((v) => {
      const [unit = "", state = ""] = v.split(" ");
      return [unit, state] as const;
    }),
  );
  const app = one("APP");
  const history: Record<string, unknown>[] = [];
  let unreadable = 0;
  for (const line of all("HISTORY")) {
    try {
      const v: unknown = JSON.parse(line);
      if (v && typeof v === "object" && !Array.isArray(v)) history.push(v as Record<string, unknown>);
      else unreadable++;
    } catch {
      unreadable++;
    }
  }
  const running: Record<string, string | null> = {};
  for (const v of all("RUNNING")) {
    const [unit = "", version = ""] = v.split(" ");
    running[unit] = version || null;
  }
  return {
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
