import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { gitCheckout } from "./git-fixture.js";
import { GIN_APP_TAGS } from "./gobuild.js";
import { opensslKey } from "./keys.js";
import { runDistAction } from "./run-action.js";

export interface GinReleases {
  /** Release directory per version ("1.0.0", built from tag v1.0.0), each signed with `key`. */
  dirs: Record<string, string>;
  /** The signing key's public half (goship.pub's content). */
  publicKey: string;
  key: { file: string; pem: string; pub: string };
}

/**
 * examples/gin-app released as `versions` for linux/<host arch> through the real pipeline:
 * build-static (tag → version stamped in the binary, which /version reports), then
 * package-release signed with a fresh P-256 key. What deploy tests ship to hosts.
 */
export async function ginReleases(versions: readonly string[]): Promise<GinReleases> {
  const key = opensslKey();
  const goarch = process.arch === "arm64" ? "arm64" : "amd64";
  const dirs: Record<string, string> = {};
  for (const version of versions) {
    const repo = gitCheckout("examples/gin-app", { tag: `v${version}`, files: { LICENSE: "MIT License\n" } });
    // A demo run leaves its output in the example's dist/: start from the source alone.
    rmSync(join(repo, "dist"), { recursive: true, force: true });
    const built = await runDistAction(
      "build-static",
      { targets: `linux/${goarch}`, upload: "false", tags: GIN_APP_TAGS },
      { GOFLAGS: "-buildvcs=auto" },
      { cwd: repo },
    );
    expect(built.code, built.stdout).toBe(0);
    const packed = await runDistAction(
      "package-release",
      {
        "artifacts-dir": "dist/bin",
        "signing-key": key.pem,
        sbom: "none",
        provenance: "false",
        files: "LICENSE",
      },
      {},
      { cwd: repo },
    );
    expect(packed.code, packed.stdout).toBe(0);
    dirs[version] = join(repo, "dist/release");
  }
  return { dirs, publicKey: readFileSync(key.pub, "utf8"), key };
}
