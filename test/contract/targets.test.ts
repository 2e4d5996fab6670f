import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { KNOWN_PLATFORMS } from "../../src/contract/platforms-known.js";
import {
  buildMatrix,
  listPlatforms,
  parseTargetSpec,
  targetEnv,
  targetSlug,
} from "../../src/contract/targets.js";
import { InputError } from "../../src/kit/errors.js";

const parse = (spec: string) =>
  parseTargetSpec(spec, KNOWN_PLATFORMS).map((t) => [t.goos, t.goarch, t.variant ?? ""].join("/"));

describe("target specs", () => {
  it("parses lists with variants, sorted and de-duplicated", () => {
    expect(parse("linux/arm64, linux/amd64 linux/amd64\nlinux/arm/7,linux/amd64/v3")).toEqual([
      "linux/amd64/",
      "linux/amd64/v3",
      "linux/arm/7",
      "linux/arm64/",
    ]);
  });

  it("expands GOOS/* and first-class from the platform list", () => {
    const linux = parse("linux/*");
    expect(linux).toContain("linux/riscv64/");
    expect(linux.every((t) => t.startsWith("linux/"))).toBe(true);
    expect(parse("first-class")).toEqual([
      "darwin/amd64/",
      "darwin/arm64/",
      "linux/386/",
      "linux/amd64/",
      "linux/arm/",
      "linux/arm64/",
      "windows/386/",
      "windows/amd64/",
    ]);
    expect(parse("all").length).toBe(KNOWN_PLATFORMS.filter((p) => !p.broken).length);
  });

  it.each([
    ["plan10/amd64", /unknown GOOS "plan10"; valid GOOS: aix, android/],
    ["linux/amd65", /linux has no GOARCH "amd65"; valid for linux: 386, amd64/],
    ["linux/../../x", /"linux\/..\/..\/x" is not a target/],
    ["linux/amd64 && curl x", /"&&" is not a target/],
    ["linux/amd64/v9", /GOAMD64 has no value "v9"; valid: v1, v2, v3, v4/],
    ["linux/riscv64/zz", /GORISCV64 has no value "zz"/],
    ["linux/loong64/v1", /GOARCH loong64 has no variants/],
    ["linux/*/v3", /a variant needs one GOARCH/],
    ["", /allowed:/],
  ])("rejects %j", (spec, why) => {
    expect(() => parseTargetSpec(spec, KNOWN_PLATFORMS)).toThrow(InputError);
    expect(() => parseTargetSpec(spec, KNOWN_PLATFORMS)).toThrow(why);
    expect(() => parseTargetSpec(spec, KNOWN_PLATFORMS)).toThrow(/^input "targets" has value/);
  });

  it("builds the matrix with target strings and C compilers", () => {
    const targets = parseTargetSpec("linux/arm/7,windows/amd64", KNOWN_PLATFORMS);
    expect(buildMatrix(targets, new Map([["linux/arm/7", "arm-linux-gnueabihf-gcc"]]))).toEqual({
      include: [
        { goos: "linux", goarch: "arm", variant: "7", target: "linux/arm/7", cc: "arm-linux-gnueabihf-gcc" },
        { goos: "windows", goarch: "amd64", target: "windows/amd64" },
      ],
    });
    expect(targetEnv({ goos: "linux", goarch: "arm", variant: "7" })).toEqual({
      GOOS: "linux",
      GOARCH: "arm",
      GOARM: "7",
    });
    expect(targetSlug({ goos: "linux", goarch: "amd64", variant: "v3" })).toBe("linux_amd64_v3");
  });

  it("the embedded platform list matches the installed Go's `go tool dist list`", async () => {
    const live = await listPlatforms("go");
    const key = (p: { goos: string; goarch: string }) => `${p.goos}/${p.goarch}`;
    const version = execFileSync("go", ["env", "GOVERSION"]).toString().trim();
    // Same release line as the table: the lists must agree exactly.
    if (version.startsWith("go1.26")) expect(live.map(key).sort()).toEqual(KNOWN_PLATFORMS.map(key).sort());
    else for (const p of live) expect(KNOWN_PLATFORMS.map(key)).toContain(key(p));
  });
});
