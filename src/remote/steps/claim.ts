import { UNIT_DIR } from "../layout.js";
import { UNIT_MARK } from "../unit.js";
import { sh } from "./script.js";

/**
 * What on a host is goship's to change. An app's name is also a unit name, a directory under
 * /opt, /etc and /var/lib: `app: ssh` or `app: nginx` must not let goship overwrite, stop or
 * disable the host's sshd or nginx, nor write into the package's /etc/ssh.
 *
 * - A unit is goship's when its file under /etc/systemd/system begins with goship's mark
 *   (UNIT_MARK, the first line goship renders) and systemd loads the unit from that file, or
 *   knows no unit of that name: a package's /lib/systemd/system/ssh.service, an alias such as
 *   sshd.service or a mask (links both) are not. write-unit and service check the unit they
 *   touch, every time.
 * - /opt/<app> and /etc/<app> are goship's when /opt/<app>/.goship is: goship makes it (the
 *   lock's directory) the first time it takes the app's lock on a host, after checking that
 *   neither directory was there. Until then, either one existing belongs to someone else.
 * - /var/lib/<app> (the unit's StateDirectory) must be absent or the link systemd makes for a
 *   DynamicUser unit (private/<app>): a real directory of that name (a package's /var/lib/nginx)
 *   would be handed over to the app's dynamic user by systemd.
 *
 * The lock step checks all of it before it creates anything, so a run for an app that is not
 * goship's on a host stops there (exit FOREIGN) with nothing changed; status reports it, so a
 * dry run refuses it too.
 */

/**
 * Shell functions: `unit_ours FILE-NAME UNIT` and `app_ours` (uses $app). Each sets `why` and
 * fails when what it checks is not goship's.
 */
export const CLAIM = sh`# The unit file ${UNIT_DIR}/$1 is absent or goship's, and systemd loads unit $2 from it
# (or knows no such unit).
unit_ours() {
  f=${UNIT_DIR}/$1
  if [ -L "$f" ]; then
    why="$f is a symbolic link (an alias or a mask), not a unit goship wrote"
    return 1
  fi
  if [ -e "$f" ]; then
    if [ ! -f "$f" ]; then
      why="$f is not a regular file"
      return 1
    fi
    if [ "$(head -n 1 -- "$f")" != "${UNIT_MARK}" ]; then
      why="$f was not written by goship (its first line is not goship's mark)"
      return 1
    fi
  fi
  fp=$(systemctl show -P FragmentPath -- "$2" 2>/dev/null) || fp=
  case $fp in "" | "$f") return 0 ;; esac
  why="systemd loads $2 from $fp, which goship did not write"
  return 1
}
# Everything the name $app stands for on this host is goship's, or absent.
app_ours() {
  unit_ours "$app.service" "$app.service" || return 1
  # A template has no state of its own: systemd says where an instance's unit would come from.
  unit_ours "$app@.service" "$app@goship.service" || return 1
  if [ ! -d "/opt/$app/.goship" ] || [ -L "/opt/$app/.goship" ]; then
    for d in "/opt/$app" "/etc/$app"; do
      if [ -e "$d" ] || [ -L "$d" ]; then
        why="$d exists and goship did not make it (/opt/$app/.goship marks goship's)"
        return 1
      fi
    done
  fi
  d=/var/lib/$app
  if [ -L "$d" ]; then
    [ "$(readlink -- "$d")" != "private/$app" ] || return 0
    why="$d is a link systemd did not make for goship's unit (that one is private/$app)"
    return 1
  fi
  if [ -e "$d" ]; then
    why="$d exists and is not the link systemd makes for goship's unit: systemd would give it to the app's dynamic user"
    return 1
  fi
  return 0
}
`;
