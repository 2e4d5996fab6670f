import { UPSTREAM_DIR } from "../layout.js";
import { CLAIM } from "./claim.js";
import type { LockHolder } from "./lock.js";
import {
  checkApp,
  checked,
  EXIT,
  HistoryCount,
  LOCK_READ,
  outputFields,
  PRELUDE,
  type RemoteStep,
  RUNNING_RELEASE,
  sh,
} from "./script.js";

/**
 * What a host runs, in one step a deploy takes before it changes anything: the current release,
 * each slot and unit, the releases installed, the lock and the last history lines.
 */

const STATUS = sh`${PRELUDE}${LOCK_READ}${RUNNING_RELEASE}${CLAIM}
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
export const statusStep: RemoteStep<{ app: string; historyLines: number }> = {
  name: "status",
  script: STATUS,
  stdin: false,
  changes: false,
  args: (p) => [checkApp(p.app), String(checked(HistoryCount, "historyLines", p.historyLines))],
};

export interface HostStatus {
  /**
   * Why the app's name is not goship's on this host (claim.ts): a unit, a directory of that name
   * that goship did not make. Absent when it is goship's, or free.
   */
  foreign?: string;
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
