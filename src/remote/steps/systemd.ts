import { z } from "zod";
import { SECURITY_ARGS, VERIFY_ARGS } from "../unit-security.js";
import { CLAIM } from "./claim.js";
import {
  checkApp,
  checked,
  EXIT,
  outputFields,
  PRELUDE,
  type RemoteStep,
  RemoteValueError,
  RUNNING_RELEASE,
  SlotPort,
  sh,
  TMP_TRAP,
} from "./script.js";

/**
 * The app's units under systemd: a unit checked by systemd-analyze before it is used, started,
 * restarted or stopped, and its state (with its last log lines) read back.
 */

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
if ! systemd-analyze ${VERIFY_ARGS.join(" ")} -- "$tmp/$unit" 2>"$tmp/verify.err" >/dev/null; then
  sed "s|$tmp/||g" "$tmp/verify.err" >&2
  exit ${EXIT.UNIT_INVALID}
fi
systemd-analyze ${SECURITY_ARGS.join(" ")} -- "$tmp/$unit" | sed "s|$tmp/||g"
`;

const SERVICE = sh`${PRELUDE}${IS_UNIT}${RUNNING_RELEASE}${CLAIM}
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

const UNIT_STATE = sh`${PRELUDE}${IS_UNIT}${RUNNING_RELEASE}
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
  changes: false,
  args: (p) => [checkUnitName(p.app, p.unit)],
};

/**
 * restart|start: reset-failed, enable, then systemctl restart|start; stop: disable, then stop.
 * ACTIVE= and RUNNING= (the release MainPID runs from). SERVICE_FAILED when systemctl fails;
 * FOREIGN, nothing done, when the unit is not one goship wrote (claim.ts).
 */
export const serviceStep: RemoteStep<{ app: string; unit: string; action: "restart" | "start" | "stop" }> = {
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
export const unitStateStep: RemoteStep<{ app: string; unit: string; journalLines: number }> = {
  name: "unit-state",
  script: UNIT_STATE,
  stdin: false,
  changes: false,
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
