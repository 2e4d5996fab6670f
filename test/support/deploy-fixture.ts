import { readFileSync } from "node:fs";
import type { GinReleases } from "./gin-release.js";
import type { Lab, TestHost } from "./hosts.js";

/**
 * deploy-systemd's inputs for `app: shop` on every host of `fleet`, from `rel`'s `version`. The
 * releases are the sample app's, project gin-app, deployed under another name: `project` says so.
 */
export function deployInputs(
  fleet: Lab,
  rel: GinReleases,
  version: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    hosts: fleet.hosts.map((h) => h.address).join(","),
    "ssh-private-key": readFileSync(fleet.deployKey, "utf8"),
    "known-hosts": fleet.knownHosts,
    app: "shop",
    project: "gin-app",
    "public-key": rel.publicKey,
    "release-dir": rel.dirs[version] as string,
    "health-timeout": "20s",
    ...extra,
  };
}

/** The version a host's app answers on /version (through nginx on 8080, or a slot's port). */
export async function servedVersion(host: TestHost, port = 8080): Promise<string> {
  try {
    const res = await fetch(`http://${host.address}:${port}/version`, { signal: AbortSignal.timeout(3000) });
    return ((await res.json()) as { version: string }).version;
  } catch (e) {
    return `unreachable: ${(e as Error).message}`;
  }
}
