import { describe, expect, it } from "vitest";
import {
  hostPaths,
  incomingFiles,
  releaseDir,
  UNIT_DIR,
  UPSTREAM_DIR,
  upstreamPath,
} from "../../src/remote/layout.js";
import { RemoteValueError } from "../../src/remote/steps/script.js";

// The paths the remote steps' scripts use on a real host (test/remote/steps.test.ts and
// nginx.test.ts look for them there): the layout must name the same ones.
describe("the on-host layout", () => {
  it("names every path of an app", () => {
    expect(hostPaths("shop")).toMatchObject({
      root: "/opt/shop",
      releases: "/opt/shop/releases",
      current: "/opt/shop/current",
      slots: "/opt/shop/slots",
      meta: "/opt/shop/.goship",
      incoming: "/opt/shop/.goship/incoming",
      environmentFile: "/etc/shop/shop.env",
      environmentVersions: "/etc/shop/versions",
      upstream: "/etc/nginx/conf.d/goship-shop.conf",
    });
    expect(hostPaths("shop").slotEnvironmentFile(8081)).toBe("/etc/shop/shop@8081.env");
    // The unit template's own slot: systemd puts the port in.
    expect(hostPaths("shop").slotEnvironmentFile("%i")).toBe("/etc/shop/shop@%i.env");
    expect(releaseDir("shop", "v1.2.3+b.1")).toBe("/opt/shop/releases/v1.2.3+b.1");
    expect(incomingFiles("shop", "v1")).toEqual({
      binary: "/opt/shop/.goship/incoming/v1.bin",
      manifest: "/opt/shop/.goship/incoming/v1.goship-manifest.json",
    });
    expect(upstreamPath("shop")).toBe(`${UPSTREAM_DIR}/goship-shop.conf`);
    expect(UNIT_DIR).toBe("/etc/systemd/system");
  });

  it("refuses a value that would leave the app's directories, naming it", () => {
    const refused = (f: () => unknown, field: string) => {
      expect(f).toThrow(RemoteValueError);
      try {
        f();
      } catch (e) {
        expect((e as RemoteValueError).field).toBe(field);
      }
    };
    for (const app of ["", "../etc", "Shop", "x/y", "x".repeat(33)]) refused(() => hostPaths(app), "app");
    for (const version of ["..", "../x", "a/b", "", ".v1"]) {
      refused(() => releaseDir("shop", version), "version");
      refused(() => incomingFiles("shop", version), "version");
    }
    for (const slot of [80, 65_536, 8081.5])
      refused(() => hostPaths("shop").slotEnvironmentFile(slot), "slot");
  });
});
