import { z } from "zod";
import { UserError } from "../../kit/errors.js";
import { UPSTREAM_DIR } from "../layout.js";
import {
  checkApp,
  checked,
  describeStepFailure,
  EXIT,
  outputValue,
  PRELUDE,
  type RemoteStep,
  RemoteValueError,
  SlotPort,
  sh,
  TMP_TRAP,
} from "./script.js";

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
export const UPSTREAM_KEEPALIVE = 16;

/** The percentage of requests the new slot gets: an integer from 0 to 100. */
const WEIGHT_RANGE = "an integer from 0 to 100 (percent)";
export const TrafficWeight = z
  .number({ error: WEIGHT_RANGE })
  .int(WEIGHT_RANGE)
  .min(0, WEIGHT_RANGE)
  .max(100, WEIGHT_RANGE);

/**
 * A request header that sends a request to the new slot at any weight. Only what nginx can match
 * safely: the name letters, digits and dashes (a header token that `$http_<name>` can name; nginx
 * drops headers with underscores by default), the value from a set with no quote, space,
 * semicolon, brace, `$` or backslash, so neither can change the meaning of the file it goes into.
 */
export interface CanaryHeader {
  name: string;
  value: string;
}

export const CANARY_HEADER_RULE =
  "Name: value, e.g. X-Canary: 1 (the name: a letter, then letters, digits or -, at most 64; the value: 1 to 128 of letters, digits and . _ ~ + / = -)";
const HEADER_NAME = "[A-Za-z][A-Za-z0-9-]{0,63}";
const HEADER_VALUE = "[A-Za-z0-9._~+/=-]{1,128}";
/** `Name: value`, spaces allowed around the colon. */
export const CANARY_HEADER_PATTERN = new RegExp(`^(${HEADER_NAME})[ \t]*:[ \t]*(${HEADER_VALUE})$`);

/** `Name: value` (CANARY_HEADER_PATTERN) as a CanaryHeader. */
export const CanaryHeaderText = z
  .string()
  .regex(CANARY_HEADER_PATTERN, CANARY_HEADER_RULE)
  .transform((v): CanaryHeader => {
    const m = CANARY_HEADER_PATTERN.exec(v) as RegExpExecArray;
    return { name: m[1] as string, value: m[2] as string };
  });

const CanaryHeaderValue = z.object({
  name: z.string().regex(new RegExp(`^${HEADER_NAME}$`), CANARY_HEADER_RULE),
  value: z.string().regex(new RegExp(`^${HEADER_VALUE}$`), CANARY_HEADER_RULE),
});

/** What the upstream says: the slots, which one is new, and the percentage of requests it gets. */
export interface UpstreamState {
  app: string;
  /** The slot being deployed to. */
  newPort: number;
  /** The slot it takes over from; null when the new one is the only one (a first deploy). */
  oldPort: number | null;
  /** Percent of requests to newPort; the rest go to oldPort. Without an oldPort, 100. */
  weight: number;
  /** Requests carrying this header go to newPort while there is an oldPort; absent: no header route. */
  canary?: CanaryHeader;
}

/** One slot and its share of the requests, in percent. */
export interface UpstreamSlot {
  port: number;
  weight: number;
}

/** The same as UpstreamState, with each slot's share spelled out; a slot left out gets 0%. */
export interface UpstreamSlots {
  app: string;
  /** One or two slots, their weights adding up to 100. */
  slots: readonly UpstreamSlot[];
  newPort: number;
  oldPort?: number | null;
  canary?: CanaryHeader | null;
}

export type UpstreamSpec = UpstreamState | UpstreamSlots;

/** The spec, every value checked (RemoteValueError naming the field), as an UpstreamState. */
export function upstreamState(spec: UpstreamSpec): UpstreamState {
  const app = checkApp(spec.app);
  const newPort = checked(SlotPort, "newPort", spec.newPort);
  const oldPort =
    spec.oldPort === undefined || spec.oldPort === null ? null : checked(SlotPort, "oldPort", spec.oldPort);
  if (oldPort === newPort) {
    throw new RemoteValueError("oldPort", oldPort, "must differ from newPort: the two slots are two ports");
  }
  const weight = "slots" in spec ? slotsWeight(spec.slots, newPort, oldPort) : checkWeight(spec.weight);
  if (oldPort === null && weight !== 100) {
    throw new RemoteValueError(
      "weight",
      weight,
      `must be 100 without an oldPort: ${100 - weight}% of the requests would have no instance to go to`,
    );
  }
  const canary =
    spec.canary === undefined || spec.canary === null
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
export const upstreamVariable = (app: string): string => `$goship_${checkApp(app).replaceAll("-", "_")}`;

/** The upstream a header-routed request goes to: a name no app can have (apps have no dots). */
const canaryUpstream = (app: string) => `${app}.canary`;

const checkWeight = (w: unknown, field = "weight") => checked(TrafficWeight, field, w);

/** The new slot's percentage, from slots that must be newPort and oldPort, each once, adding up to 100. */
function slotsWeight(slots: readonly UpstreamSlot[], newPort: number, oldPort: number | null): number {
  const shown = () =>
    Array.isArray(slots) ? slots.map((s) => `${s?.port}:${s?.weight}`).join(",") : String(slots);
  if (!Array.isArray(slots) || slots.length < 1 || slots.length > 2) {
    throw new RemoteValueError("slots", shown(), "one or two slots: the new one, and the old one");
  }
  const weights = new Map<number, number>();
  slots.forEach((s, i) => {
    const port = checked(SlotPort, `slots[${i}].port`, s?.port);
    const weight = checkWeight(s?.weight, `slots[${i}].weight`);
    if (port !== newPort && port !== oldPort) {
      const allowed =
        oldPort === null ? `newPort (${newPort})` : `newPort (${newPort}) or oldPort (${oldPort})`;
      throw new RemoteValueError(`slots[${i}].port`, port, `must be ${allowed}`);
    }
    if (weights.has(port)) throw new RemoteValueError(`slots[${i}].port`, port, "each slot at most once");
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
export function renderUpstream(spec: UpstreamSpec): string {
  const { app, newPort, oldPort, weight, canary } = upstreamState(spec);
  const server = (port: number, w: number) =>
    `    server 127.0.0.1:${port}${w === 0 ? " down" : ` weight=${w}`};\n`;
  const share =
    oldPort === null
      ? `All requests go to ${newPort}.`
      : `${weight}% of the requests go to ${newPort} (new), ${100 - weight}% to ${oldPort} (old).`;
  const routed = canary && oldPort !== null;
  const byHeader = canary
    ? routed
      ? ` Requests with ${canary.name}: ${canary.value} go to ${newPort}.`
      : ` No header route: ${canary.name}: ${canary.value} comes back with the next rollout.`
    : "";
  const main =
    `# goship upstream app=${app} new=${newPort} old=${oldPort ?? "-"} weight=${weight}` +
    (canary ? ` canary=${canary.name}:${canary.value}` : "") +
    "\n" +
    `# Written by goship deploy-systemd (blue-green); shift, promote and rollback rewrite it. ${share}${byHeader}\n` +
    `upstream ${app} {\n` +
    server(newPort, weight) +
    (oldPort === null ? "" : server(oldPort, 100 - weight)) +
    `    keepalive ${UPSTREAM_KEEPALIVE};\n` +
    "}\n";
  if (!canary) return main;
  // The map's source is prefixed ("v=…") so that no key is ever one of map's keywords
  // (default, hostnames, include, volatile) or a regular expression (a leading ~).
  const header = `$http_${canary.name.toLowerCase().replaceAll("-", "_")}`;
  return (
    main +
    (routed
      ? `upstream ${canaryUpstream(app)} {\n` +
        `    server 127.0.0.1:${newPort};\n` +
        `    keepalive ${UPSTREAM_KEEPALIVE};\n` +
        "}\n"
      : "") +
    `map "v=${header}" ${upstreamVariable(app)} {\n` +
    `    default ${app};\n` +
    (routed ? `    "v=${canary.value}" ${canaryUpstream(app)};\n` : "") +
    "}\n"
  );
}

/** An upstream file goship wrote, read back. */
export interface ParsedUpstream extends UpstreamState {
  /** The file is not what renderUpstream gives for its state line: it was changed by hand (or by another version). */
  edited: boolean;
}

const STATE_LINE = new RegExp(
  "^# goship upstream app=([a-z][a-z0-9-]{0,31}) new=([1-9][0-9]{3,4}) old=([1-9][0-9]{3,4}|-) weight=(0|[1-9][0-9]?|100)" +
    `(?: canary=(${HEADER_NAME}):(${HEADER_VALUE}))?$`,
);

/** The state of an upstream file goship wrote; null for anything else (empty, another file, a state no goship writes). */
export function parseUpstream(text: string): ParsedUpstream | null {
  const m = STATE_LINE.exec(text.split("\n", 1)[0] ?? "");
  if (!m) return null;
  const [, app = "", newPort = "", oldPort = "", weight = "", name, value] = m;
  let state: UpstreamState;
  let expected: string;
  try {
    state = upstreamState({
      app,
      newPort: Number(newPort),
      oldPort: oldPort === "-" ? null : Number(oldPort),
      weight: Number(weight),
      ...(name !== undefined && value !== undefined ? { canary: { name, value } } : {}),
    });
    expected = renderUpstream(state);
  } catch (e) {
    if (e instanceof RemoteValueError) return null;
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
const WRITE_UPSTREAM = sh`${PRELUDE}
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
export const writeUpstreamStep: RemoteStep<{ app: string }> = {
  name: "write-upstream",
  script: WRITE_UPSTREAM,
  stdin: true,
  changes: true,
  args: (p) => [checkApp(p.app)],
};

export interface UpstreamWrite {
  /** nginx was reloaded. */
  changed: boolean;
  /** A killed run's write was undone first. */
  recovered: boolean;
  /** nginx was seen to take the new configuration (its old workers stopped taking connections). */
  verified: boolean;
}

/** write-upstream exited non-zero: `code` is one of EXIT's, `nginxError` nginx's complaint when it refused the file. */
export class UpstreamWriteError extends UserError {
  override name = "UpstreamWriteError";
  constructor(
    readonly code: number,
    readonly nginxError: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** write-upstream's result; throws UpstreamWriteError for any exit but 0. */
export function parseUpstreamWrite(result: { code: number; stdout: string; stderr: string }): UpstreamWrite {
  if (result.code !== EXIT.OK) {
    throw new UpstreamWriteError(
      result.code,
      outputValue(result.stdout, "NGINX_ERROR") || undefined,
      describeStepFailure(writeUpstreamStep.name, result.code, result.stderr),
    );
  }
  return {
    changed: outputValue(result.stdout, "CHANGED") === "1",
    recovered: outputValue(result.stdout, "RECOVERED") === "1",
    verified: outputValue(result.stdout, "VERIFIED") === "1",
  };
}
