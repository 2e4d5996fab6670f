import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CanaryTargets, type CanaryTargetT } from "../../src/contract/canary-targets.js";

/** What deploy-systemd writes for a host, in each case its fleet code builds one (deploy, shift). */
const firstDeploy: CanaryTargetT = {
  app: "shop",
  weight: 10,
  host: "deploy@10.77.0.11:22",
  new: { address: "10.77.0.11:8081", version: "1.0.0" },
  old: null,
};
const upgrade: CanaryTargetT = {
  app: "shop",
  weight: 25,
  host: "deploy@web1.example.com:2222",
  new: { address: "web1.example.com:8082", version: "2.0.0" },
  old: { address: "web1.example.com:8081", version: "1.0.0" },
};
const ipv6: CanaryTargetT = {
  app: "shop",
  weight: 5,
  host: "deploy@[2001:db8::1]:22",
  new: { address: "2001:db8::1:8082", version: "v2.0.0-rc.1+build.7" },
  old: { address: "2001:db8::1:8081", version: "v1.9.0" },
};
/** A shift that finds no release linked to the old slot writes an empty version for it. */
const shiftUnknownOld: CanaryTargetT = {
  app: "shop",
  weight: 50,
  host: "root@h2:22",
  new: { address: "h2:8081", version: "2.0.0" },
  old: { address: "h2:8082", version: "" },
};

/** The JSON example of the README's deploy-systemd outputs table. */
function readmeExample(): unknown {
  const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
  const row = readme.split("\n").find((l) => l.startsWith("| `canary-targets` |"));
  const json = /`(\[[^`]*\])`/.exec(row ?? "")?.[1];
  if (json === undefined) throw new Error("README has no canary-targets example");
  return JSON.parse(json);
}

/** The problems zod reports, as "path: message" lines. */
function problems(value: unknown): string[] {
  const r = CanaryTargets.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("canary-targets", () => {
  it("accepts what deploy-systemd writes, unchanged (the JSON round-trips)", () => {
    const written = JSON.stringify([firstDeploy, upgrade, ipv6, shiftUnknownOld]);
    const parsed = CanaryTargets.parse(JSON.parse(written));
    expect(JSON.stringify(parsed)).toBe(written);
  });

  it("accepts [] (restart, status, promote and rollback) and the README's example", () => {
    expect(CanaryTargets.parse([])).toEqual([]);
    expect(CanaryTargets.parse(readmeExample())).toEqual([
      {
        app: "shop",
        weight: 10,
        host: "deploy@web1.example.com:22",
        new: { address: "web1.example.com:8082", version: "1.5.0" },
        old: { address: "web1.example.com:8081", version: "1.4.1" },
      },
    ]);
  });

  it("refuses a missing field, naming it", () => {
    const { old: _old, ...noOld } = upgrade;
    expect(problems([noOld])).toEqual([expect.stringMatching(/^0\.old: /)]);
    const { version: _v, ...noVersion } = upgrade.new;
    expect(problems([{ ...upgrade, new: noVersion }])).toEqual([expect.stringMatching(/^0\.new\.version: /)]);
    expect(problems([{ app: "shop", weight: 10, new: upgrade.new, old: null }])).toEqual([
      expect.stringMatching(/^0\.host: /),
    ]);
    const { weight: _w, ...noWeight } = upgrade;
    expect(problems([noWeight])).toEqual([expect.stringMatching(/^0\.weight: /)]);
  });

  it("refuses a wrong type", () => {
    expect(problems([{ ...upgrade, new: { ...upgrade.new, version: 2 } }])).toEqual([
      expect.stringMatching(/^0\.new\.version: /),
    ]);
    expect(problems([{ ...upgrade, old: "web1.example.com:8081" }])).toEqual([
      expect.stringMatching(/^0\.old: /),
    ]);
    expect(problems(upgrade)).toHaveLength(1);
    expect(problems(JSON.stringify([upgrade]))).toHaveLength(1);
  });

  it("refuses a field it does not know: the output and the schema change together", () => {
    expect(problems([{ ...upgrade, slots: 2 }])).toEqual([expect.stringMatching(/^0: .*slots/)]);
    expect(problems([{ ...upgrade, new: { ...upgrade.new, port: 8082 } }])).toEqual([
      expect.stringMatching(/^0\.new: .*port/),
    ]);
  });

  it.each([
    ["no port", "web2.example.com"],
    ["port 0", "web2.example.com:0"],
    ["a port over 65535", "web2.example.com:65536"],
    ["a port with a leading zero", "web2.example.com:08081"],
    ["an empty label", "web2..example.com:8081"],
    ["upper case", "WEB2.example.com:8081"],
    ["an option for ssh", "-oProxyCommand=sh:8081"],
    ["a space", "web2.example.com :8081"],
    ["a URL", "http://web2.example.com:8081"],
    ["digits that are no IPv4 address", "10.77.0.300:8081"],
    ["no host", ":8081"],
  ])("refuses an extra host whose address has %s", (_why, address) => {
    const bad = {
      app: "shop",
      weight: 10,
      host: "deploy@web2.example.com:22",
      new: { address, version: "2.0.0" },
      old: null,
    };
    expect(problems([upgrade, bad])).toEqual([expect.stringMatching(/^1\.new\.address: host:port/)]);
  });

  it.each([
    ["no user", "web1.example.com:22"],
    ["no port", "deploy@web1.example.com"],
    ["an IPv6 address without brackets", "deploy@2001:db8::1:22"],
    ["brackets around a name", "deploy@[web1.example.com]:22"],
    ["a user that is no user name", "Deploy@web1.example.com:22"],
  ])("refuses a host with %s", (_why, host) => {
    expect(problems([{ ...upgrade, host }])).toEqual([expect.stringMatching(/^0\.host: user@host:port/)]);
  });

  it("refuses a version that is no release name; only the old slot's may be empty", () => {
    expect(problems([{ ...upgrade, new: { ...upgrade.new, version: "" } }])).toEqual([
      expect.stringMatching(/^0\.new\.version: /),
    ]);
    expect(problems([{ ...upgrade, old: { ...upgrade.old, version: "../1.0.0" } }])).toEqual([
      expect.stringMatching(/^0\.old\.version: /),
    ]);
  });

  it("refuses slots on another host than the entry's, or the same slot twice", () => {
    expect(problems([{ ...upgrade, old: { address: "web9.example.com:8081", version: "1.0.0" } }])).toEqual([
      "0.old.address: not on the host web1.example.com",
    ]);
    expect(problems([{ ...ipv6, new: { ...ipv6.new, address: "2001:db8::2:8082" } }])).toEqual([
      "0.new.address: not on the host 2001:db8::1",
    ]);
    expect(problems([{ ...upgrade, old: { ...upgrade.new, version: "1.0.0" } }])).toEqual([
      "0.old.address: the same slot as new",
    ]);
  });
});
