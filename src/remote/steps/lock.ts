import { randomBytes } from "node:crypto";
import { UserError } from "../../kit/errors.js";
import {
  checkApp,
  checked,
  describeStepFailure,
  EXIT,
  HolderToken,
  LOCK_READ,
  outputValue,
  PRELUDE,
  type RemoteStep,
  RunUrl,
  sh,
  TtlSeconds,
} from "./script.js";

/**
 * The deploy lock, /opt/<app>/.goship/lock: one run at a time per app and host. Taken with one
 * mkdir, refreshed by the run's heartbeat (the same holder again), taken over once older than
 * the TTL, released only by its holder.
 */

/** A holder token for this run: `<label>.<12 hex>`, the label reduced to the token's characters. */
export function newHolderToken(label: string): string {
  const clean = label.replace(/[^A-Za-z0-9._@:+-]+/g, "-").slice(0, 100) || "goship";
  return `${clean}.${randomBytes(6).toString("hex")}`;
}

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
# shellcheck disable=SC2015 # the || part is meant to run when either test fails
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
