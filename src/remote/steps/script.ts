import { z } from "zod";
import { AppName, MIN_PORT, SafeName } from "../../contract/names.js";
import { MANIFEST_FILE } from "../../contract/release-files.js";
import { UserError } from "../../kit/errors.js";
import { untrusted } from "../../kit/log.js";

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
  [EXIT.LOCK_LOST]: "the deploy lock is no longer this run's",
  [EXIT.FOREIGN]: "the app's name is taken on the host by something goship did not make",
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
    // The value may have come from a host (a version in its history): untrusted.
    super(`${field} ${untrusted(JSON.stringify(shown))} cannot be used on a host: ${allowed}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Values. Each schema matches the script's own check of the same argument (the sh `is_*` below).

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
export const LOCK_READ = sh`# Fails when there is no lock. A lock made by a run killed before it wrote its files
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
export const RUNNING_RELEASE = sh`running_release() {
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
// The steps: a constant script, and the argument list built from checked values.

export interface RemoteStep<P> {
  /** Also what the SSH layer names in messages. */
  readonly name: string;
  readonly script: string;
  /** The step reads stdin (the content to write); every other step gets none (ssh -n). */
  readonly stdin: boolean;
  /**
   * The step changes what the deploy lock guards (releases, links, environment and unit files,
   * units, the nginx upstream, the history). A run runs these only while it holds the lock: the
   * fleet stops before the next one once its heartbeat finds the lock lost. The others read (or,
   * lock and unlock, change the lock itself).
   */
  readonly changes: boolean;
  /** Checks every value (RemoteValueError) and returns the positional arguments, in order. */
  args(params: P): string[];
}

// ---------------------------------------------------------------------------------------------
// Reading what the steps print

/**
 * The KEY=VALUE lines of a step's stdout, in order (a key may repeat). Other lines are ignored.
 * Values are the host's text and end up in the log (a journal line, a lock's holder): they come
 * back through untrusted(), which leaves every value a step prints on purpose as it is.
 */
export function outputFields(stdout: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of stdout.split("\n")) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) fields.push([m[1] as string, untrusted(m[2] as string)]);
  }
  return fields;
}

/** The first value of `key`, or undefined. */
export function outputValue(stdout: string, key: string): string | undefined {
  return outputFields(stdout).find(([k]) => k === key)?.[1];
}

/** What a step said on stderr, its last `lines` lines (the host's text: through untrusted()). */
export function stepComplaint(stderr: string, lines = 5): string {
  return stderr
    .split("\n")
    .map((l) => untrusted(l.replace(/^goship-step: /, "").trim()))
    .filter(Boolean)
    .slice(-lines)
    .join("; ");
}

/** A message for a step that exited non-zero: what the code means, and what the script said. */
export function describeStepFailure(step: string, code: number, stderr: string): string {
  const meaning = EXIT_MEANING[code] ?? `exited with code ${code}`;
  const said = stepComplaint(stderr);
  return `${step}: ${meaning}${said ? `: ${said}` : ""}`;
}
