import { mkdirSync, mkdtempSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/**
 * A scratch directory for these tests, outside /tmp: systemd-tmpfiles in a test host booting at
 * the same time must never be able to empty it under a running Prometheus (see hosts.ts).
 */
export function scratchDir(prefix: string): string {
  const base = resolve(process.env.GOSHIP_TEST_DIR || join(homedir(), ".cache", "goship", "test"));
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => done(port));
    });
  });
}
