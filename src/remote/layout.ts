import { MANIFEST_FILE } from "../contract/release-files.js";
import { checkApp, checked, checkVersion, SlotPort } from "./steps/script.js";

/**
 * Where goship keeps an app on a host: the one description of the layout. The functions here
 * check their values (RemoteValueError) and give absolute paths; the remote steps' scripts
 * (steps/) spell the same paths in sh, and their tests on a real host look for them there.
 *
 *   /opt/<app>/releases/<version>/{<binary>,goship-manifest.json,.goship-sha256}
 *                                      each release, root's, the binary 0755; never replaced;
 *                                      .goship-sha256 is "<sha256>  <binary>", verified at install
 *   /opt/<app>/current -> releases/<version>
 *                                      the live release (the restart strategy runs it)
 *   /opt/<app>/slots/<port> -> ../releases/<version>
 *                                      blue-green: each slot pins its own release, so
 *                                      <app>@8081 and <app>@8082 can run different versions
 *   /opt/<app>/.goship/               goship's: its being there marks /opt/<app> and /etc/<app>
 *                                      as goship's (steps/claim.ts); flock-ed while the lock changes
 *   /opt/<app>/.goship/lock/{holder,run-url,since}
 *                                      the deploy lock
 *   /opt/<app>/.goship/history.jsonl   one JSON object a line
 *   /opt/<app>/.goship/incoming/<version>.bin, <version>.goship-manifest.json
 *                                      uploads, until stage-release installs them (cleanup
 *                                      removes what killed runs left)
 *   /etc/<app>/<app>.env, /etc/<app>/<app>@<port>.env
 *                                      the environment (secrets), 0600 root; one per slot
 *   /etc/<app>/versions/<version>.env  the environment each version last ran with (rollbacks)
 *   /etc/systemd/system/<app>.service | <app>@.service
 *   /etc/nginx/conf.d/goship-<app>.conf
 *                                      blue-green: the app's nginx upstream (steps/nginx.ts)
 */

/** Where the unit files go. */
export const UNIT_DIR = "/etc/systemd/system";
/** Where the upstream files go; nginx's http block must include `*.conf` from here. */
export const UPSTREAM_DIR = "/etc/nginx/conf.d";

/** A blue-green slot's port, or `%i`: the unit template's instance, which systemd fills in with it. */
export type SlotRef = number | "%i";

/** Where things are on the host for one app. */
export function hostPaths(app: string): {
  root: string;
  releases: string;
  current: string;
  slots: string;
  /** goship's own files: the lock, the history, the uploads. */
  meta: string;
  incoming: string;
  environmentFile: string;
  /** The environment file of a blue-green slot. */
  slotEnvironmentFile(slot: SlotRef): string;
  /** The environment each version was last deployed with (for rollbacks): `<dir>/<version>.env`. */
  environmentVersions: string;
  upstream: string;
} {
  const a = checkApp(app);
  const root = `/opt/${a}`;
  const etc = `/etc/${a}`;
  return {
    root,
    releases: `${root}/releases`,
    current: `${root}/current`,
    slots: `${root}/slots`,
    meta: `${root}/.goship`,
    incoming: `${root}/.goship/incoming`,
    environmentFile: `${etc}/${a}.env`,
    slotEnvironmentFile: (slot: SlotRef) =>
      `${etc}/${a}@${slot === "%i" ? slot : checked(SlotPort, "slot", slot)}.env`,
    environmentVersions: `${etc}/versions`,
    upstream: `${UPSTREAM_DIR}/goship-${a}.conf`,
  };
}

/** /opt/<app>/releases/<version>. */
export function releaseDir(app: string, version: string): string {
  return `${hostPaths(app).releases}/${checkVersion(version)}`;
}

/** Where a deploy uploads a version's binary and manifest for stage-release to install. */
export function incomingFiles(app: string, version: string): { binary: string; manifest: string } {
  const dir = hostPaths(app).incoming;
  const v = checkVersion(version);
  return { binary: `${dir}/${v}.bin`, manifest: `${dir}/${v}.${MANIFEST_FILE}` };
}

/** /etc/nginx/conf.d/goship-<app>.conf. */
export function upstreamPath(app: string): string {
  return hostPaths(app).upstream;
}
