import { randomBytes } from "node:crypto";
import { UserError } from "../../kit/errors.js";
import { CLAIM } from "./claim.js";
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
  stepComplaint,
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
 * Used by lock and unlock: every look at the lock and every change to it happens under an
 * flock(2) on /opt/<app>/.goship, so two runs never both see a stale lock and both take it over.
 * The kernel drops the flock when its holder exits, however it ends: a killed step leaves
 * nothing to judge abandoned (the mkdir mutex this replaces did, and two runs could both
 * "take over" an abandoned one: check, rmdir, mkdir is not one step). The directory is locked,
 * not a file in it: it is never removed or replaced, so every run locks the same inode.
 */
const LOCK_GUARD = sh`command -v flock >/dev/null 2>&1 || die ${EXIT.TOOL_MISSING} "flock (util-linux) is not installed on this host"
guard() {
  exec 9<"$meta"
  if ! flock -w 30 9; then
    if read_lock; then print_lock; fi
    die ${EXIT.LOCK_HELD} "another goship step has held $meta for 30 s"
  fi
}
`;

const LOCK = sh`${PRELUDE}${LOCK_READ}${CLAIM}${LOCK_GUARD}
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

const UNLOCK = sh`${PRELUDE}${LOCK_READ}${LOCK_GUARD}
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

export interface LockParams {
  app: string;
  /** This run's token (newHolderToken); the same token again refreshes the lock's time. */
  holder: string;
  /** The workflow run, for whoever finds the lock held; may be "". */
  runUrl: string;
  /** A lock older than this is taken over (WARNING= on stdout). */
  ttlSeconds: number;
  /**
   * A heartbeat: refresh the lock only if it is still `holder`'s; one that is gone or another's
   * is never taken (again), exit LOCK_LOST instead.
   */
  refresh?: boolean;
}

/**
 * Takes /opt/<app>/.goship/lock (mkdir). Exit 0: ACQUIRED=, SINCE= (REFRESHED=1 when it was already
 * ours; TAKEN_OVER=, TAKEN_OVER_RUN_URL=, TAKEN_OVER_AGE=, WARNING= when a stale one was taken over).
 * Exit LOCK_HELD: HOLDER=, RUN_URL=, SINCE=, AGE=, TTL=; the caller waits and calls again.
 * Exit LOCK_LOST (refresh only): HOLDER=, RUN_URL=, SINCE=, AGE= of whoever has it now, if anyone.
 * Exit FOREIGN: the app's name is not goship's on this host (claim.ts); nothing was made.
 */
export const lockStep: RemoteStep<LockParams> = {
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

export interface UnlockParams {
  app: string;
  holder: string;
}

/** Releases the lock if `holder` holds it. Exit 0: RELEASED=1, or RELEASED=0 when there was no lock. Exit NOT_HOLDER otherwise. */
export const unlockStep: RemoteStep<UnlockParams> = {
  name: "unlock",
  script: UNLOCK,
  stdin: false,
  changes: false,
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
  /** Held by someone else; `lost` (a refresh only) says how this run's lock was lost. */
  | ({ acquired: false; lost?: string } & LockHolder);

/** lock's result; throws for any exit but 0, LOCK_HELD and LOCK_LOST. */
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
  throw new UserError(describeStepFailure("lock", result.code, result.stderr));
}
