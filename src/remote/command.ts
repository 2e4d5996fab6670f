import { UserError } from "../kit/errors.js";

/**
 * What the SSH layer sends to a host: a fixed POSIX sh script and its arguments, each one a
 * single-quoted word, as the one command line ssh hands to the remote login shell. Nothing here
 * runs anything: ssh.ts does.
 */

/** A fixed remote script. Build these once, at module level, from constant text. */
export interface RemoteStep {
  /** `[a-z][a-z0-9-]*`: named in errors and as the script's $0 (`goship-<name>`). */
  readonly name: string;
  /** The script as it runs: `set -eu` first. */
  readonly script: string;
}

const STEP_NAME = /^[a-z][a-z0-9-]{0,62}$/;
/** Linux's MAX_ARG_STRLEN is 128 KiB, and the whole remote command is one argument of the login shell. */
const MAX_COMMAND_BYTES = 120 * 1024;
/** After the step's time is up, `timeout` waits this long for it to end before it kills it. */
export const KILL_GRACE_SEC = 10;

/** Defines a step; `body` must be a constant of our code, never built from input. */
export function remoteStep(name: string, body: string): RemoteStep {
  if (!STEP_NAME.test(name)) throw new Error(`step name ${JSON.stringify(name)} is not [a-z][a-z0-9-]*`);
  return Object.freeze({ name, script: `set -eu\n${body.trim()}\n` });
}

/**
 * One word for a POSIX shell, taken literally: single-quoted, each `'` written as `'\''`.
 * Anything but NUL (which no argument can hold) and broken UTF-16 (which could not arrive
 * byte-for-byte) is allowed, newlines included.
 */
export function shellQuote(word: string): string {
  if (word.includes("\0"))
    throw new UserError("a remote argument contains a NUL byte, which no argument can hold");
  if (!word.isWellFormed()) throw new UserError("a remote argument is not valid Unicode (a lone surrogate)");
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * The command line ssh hands to the remote login shell: `[sudo -n --] timeout -k 10 <s> sh -c
 * '<script>' goship-<name> '<arg>'…`. `timeout` ends the step's whole process group on the
 * host, so a step given up on here does not go on running there.
 */
export function remoteCommand(
  step: RemoteStep,
  args: readonly string[],
  opts: { sudo?: boolean; timeoutSec: number },
): string {
  // The one property every step must have, whoever wrote it: stop at the first failure or unset variable.
  if (!/^\s*set -eu\b/.test(step.script))
    throw new Error(`step "${step.name}": its script must start with set -eu`);
  const words = [
    ...(opts.sudo ? ["sudo", "-n", "--"] : []),
    "timeout",
    "-k",
    String(KILL_GRACE_SEC),
    String(opts.timeoutSec),
    "sh",
    "-c",
    step.script,
    `goship-${step.name}`,
    ...args,
  ];
  const command = words.map(shellQuote).join(" ");
  const bytes = Buffer.byteLength(command);
  if (bytes > MAX_COMMAND_BYTES) {
    throw new UserError(
      `step "${step.name}": its arguments make a ${bytes}-byte command line (at most ${MAX_COMMAND_BYTES}); send large data on stdin`,
    );
  }
  return command;
}

/**
 * SshSession.upload's script: what arrives on stdin goes to a temporary file beside `dest`, its
 * sha256 is checked against the local one, then it is chmod-ed and renamed into place.
 */
export const UPLOAD = remoteStep(
  "upload",
  `
dest=$1 mode=$2 want=$3
dir=\${dest%/*}
[ -n "$dir" ] || dir=/
mkdir -p -- "$dir"
tmp=$(mktemp "$dir/.goship-upload.XXXXXXXX")
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
# openssl hashes several times faster than coreutils; either is a full SHA-256.
if command -v openssl >/dev/null 2>&1; then got=$(openssl dgst -sha256 -r "$tmp"); else got=$(sha256sum < "$tmp"); fi
got=\${got%% *}
if [ "$got" != "$want" ]; then
  echo "sha256 of what arrived is $got, expected $want" >&2
  exit 3
fi
chmod "$mode" "$tmp"
mv -f -- "$tmp" "$dest"
trap - EXIT
printf '%s\\n' "$got"
`,
);
