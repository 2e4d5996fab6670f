import { UNIT_DIR } from "../layout.js";
import { type Strategy, unitFileName } from "../unit.js";
import { CLAIM } from "./claim.js";
import {
  checkApp,
  checked,
  checkVersion,
  EXIT,
  PRELUDE,
  type RemoteStep,
  RemoteValueError,
  SlotPort,
  sh,
  TMP_TRAP,
} from "./script.js";

/**
 * The files systemd reads for the app: its environment file (and the copy kept per version, for
 * rollbacks) and its unit file. Both are replaced only when their content or mode differs.
 */

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

const WRITE_UNIT = sh`${PRELUDE}${CLAIM}
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
export const writeUnitStep: RemoteStep<{ app: string; strategy: Strategy }> = {
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
