import { z } from "zod";
import { MANIFEST_FILE } from "../../contract/release-files.js";
import {
  BinaryName,
  checkApp,
  checked,
  checkVersion,
  EXIT,
  HostFilePath,
  KeepCount,
  MAX_HISTORY_LINE,
  PRELUDE,
  ReleaseName,
  type RemoteStep,
  RemoteValueError,
  Sha256Hex,
  SlotPort,
  sh,
  TMP_TRAP,
} from "./script.js";

/**
 * The releases on a host: staging one (verified on the host), switching current or a slot to
 * it, the history of what was done, and the cleanup of old ones.
 */

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

/** In each release directory: `<sha256>  <binary>`, what stage-release verified (`sha256sum -c` reads it). */
export const BINARY_RECORD = ".goship-sha256";

/**
 * verify_release DIR (switch --verify): the release's binary hashed again (the faster tool)
 * against the digest recorded when it was installed; dies CHECKSUM_MISMATCH when they differ, so
 * a rollback never switches to a binary changed on the host since. A release installed before
 * goship kept the record is checked as stage-release checked it then: its one binary's digest
 * must be listed in its manifest.
 */
const VERIFY_RELEASE = sh`verify_release() {
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
      [ "$n" != ${MANIFEST_FILE} ] || continue
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
    grep -qF -- "\"$v_have\"" "$v_dir/${MANIFEST_FILE}" ||
      die ${EXIT.CHECKSUM_MISMATCH} "$v_dir/$v_bin has sha256 $v_have, which its ${MANIFEST_FILE} does not list: not switched to"
  fi
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
cp -- "$manifest" "$tmp/${MANIFEST_FILE}"
got=$(digest "$tmp/$binary")
[ "$got" = "$sha256" ] ||
  die ${EXIT.CHECKSUM_MISMATCH} "the uploaded $binary has sha256 $got, not $sha256: refused, nothing installed"
grep -qF -- "\"$sha256\"" "$tmp/${MANIFEST_FILE}" ||
  die ${EXIT.CHECKSUM_MISMATCH} "${MANIFEST_FILE} does not list sha256 $sha256: refused, nothing installed"
# What a switch to this release checks the binary against, whatever happens to it later.
printf '%s  %s\n' "$got" "$binary" >"$tmp/${BINARY_RECORD}"
chown 0:0 -- "$tmp" "$tmp/$binary" "$tmp/${MANIFEST_FILE}" "$tmp/${BINARY_RECORD}"
chmod 755 -- "$tmp/$binary"
chmod 644 -- "$tmp/${MANIFEST_FILE}" "$tmp/${BINARY_RECORD}"
sync -- "$tmp/$binary" "$tmp/${MANIFEST_FILE}" "$tmp/${BINARY_RECORD}" 2>/dev/null || sync
chmod 755 -- "$tmp"
# Refuses to land on a directory that is there after all: a version is never replaced.
mv -T -- "$tmp" "$dest"
printf 'STAGED=1\nSHA256=%s\nVERIFIED_WITH=%s\n' "$got" "$tools"
`;

const SWITCH = sh`${PRELUDE}${DIGEST}${VERIFY_RELEASE}
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

// ---------------------------------------------------------------------------------------------
// The steps

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
 * and openssl, with the digest recorded beside them (BINARY_RECORD). Exit 0: STAGED=1 (installed) or STAGED=0 (already there, same sha256), SHA256=,
 * VERIFIED_WITH=. CHECKSUM_MISMATCH, RELEASE_CONFLICT: nothing changed.
 */
export const stageReleaseStep: RemoteStep<StageParams> = {
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

export interface SwitchParams {
  app: string;
  version: string;
  /** Blue-green: switch slots/<port> instead of current. */
  slot?: number;
  /**
   * Hash the release's binary first and refuse it unless it still has the sha256 recorded at its
   * install: for every switch but the one right after stage-release verified it.
   */
  verify?: boolean;
}

/**
 * Points current (or slots/<port>) at the release, atomically; with verify, only once its binary's
 * sha256 is again the one recorded when it was installed. PREVIOUS= (first; empty when there was
 * none), CURRENT=, CHANGED=0|1. NO_SUCH_RELEASE, CHECKSUM_MISMATCH: nothing changed.
 */
export const switchStep: RemoteStep<SwitchParams> = {
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
export const recordHistoryStep: RemoteStep<{ app: string; entry: HistoryEntry }> = {
  name: "record-history",
  script: RECORD_HISTORY,
  stdin: false,
  changes: true,
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
  changes: true,
  args: (p) => {
    const protect = p.protect.filter((v): v is string => typeof v === "string" && v !== "");
    return [
      checkApp(p.app),
      String(checked(KeepCount, "keep", p.keep)),
      ...[...new Set(protect)].map((v) => checkVersion(v, "protect")),
    ];
  },
};
