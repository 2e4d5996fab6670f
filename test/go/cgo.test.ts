import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Target } from "../../src/contract/targets.js";
import {
  cgoStubs,
  cgoStubsMessage,
  installDebianPackages,
  planCrossCompilers,
  readOsRelease,
  usesCgo,
} from "../../src/go/cgo.js";
import { execFile } from "../../src/kit/exec.js";
import { GIN_APP_TARGETS } from "../support/gin-app.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");
const GO_ENV = { ...process.env, GOTOOLCHAIN: "local", GOWORK: "off", GOFLAGS: "" };

function t(spec: string): Target {
  const [goos, goarch, variant] = spec.split("/") as [string, string, string?];
  return variant ? { goos, goarch, variant } : { goos, goarch };
}

function gnu(triplet: string, pkg: string, libcArch: string) {
  return {
    cc: `${triplet}-gcc`,
    cxx: `${triplet}-g++`,
    packages: [`gcc-${pkg}`, `g++-${pkg}`, `libc6-dev-${libcArch}-cross`],
  };
}

const NATIVE = { cc: "gcc", cxx: "g++", packages: ["gcc", "g++", "libc6-dev"] };
const AARCH64 = gnu("aarch64-linux-gnu", "aarch64-linux-gnu", "arm64");
const X86_64 = gnu("x86_64-linux-gnu", "x86-64-linux-gnu", "amd64");
const ARMHF = gnu("arm-linux-gnueabihf", "arm-linux-gnueabihf", "armhf");
const ARMEL = gnu("arm-linux-gnueabi", "arm-linux-gnueabi", "armel");
const MINGW64 = {
  cc: "x86_64-w64-mingw32-gcc",
  cxx: "x86_64-w64-mingw32-g++",
  packages: ["gcc-mingw-w64-x86-64", "g++-mingw-w64-x86-64"],
};
const MINGW32 = {
  cc: "i686-w64-mingw32-gcc",
  cxx: "i686-w64-mingw32-g++",
  packages: ["gcc-mingw-w64-i686", "g++-mingw-w64-i686"],
};

/** Mappings that do not depend on the runner's architecture. */
const CROSS_BOTH_HOSTS: Array<[string, object]> = [
  ["linux/arm", ARMHF],
  ["linux/arm/7", ARMHF],
  ["linux/arm/6", ARMEL],
  ["linux/arm/5", ARMEL],
  ["linux/386", gnu("i686-linux-gnu", "i686-linux-gnu", "i386")],
  ["linux/386/softfloat", gnu("i686-linux-gnu", "i686-linux-gnu", "i386")],
  ["linux/riscv64", gnu("riscv64-linux-gnu", "riscv64-linux-gnu", "riscv64")],
  ["linux/ppc64le", gnu("powerpc64le-linux-gnu", "powerpc64le-linux-gnu", "ppc64el")],
  ["linux/s390x", gnu("s390x-linux-gnu", "s390x-linux-gnu", "s390x")],
  ["linux/mips64le", gnu("mips64el-linux-gnuabi64", "mips64el-linux-gnuabi64", "mips64el")],
  ["linux/mips64", gnu("mips64-linux-gnuabi64", "mips64-linux-gnuabi64", "mips64")],
  ["linux/mipsle", gnu("mipsel-linux-gnu", "mipsel-linux-gnu", "mipsel")],
  ["linux/mips", gnu("mips-linux-gnu", "mips-linux-gnu", "mips")],
  ["windows/amd64", MINGW64],
  ["windows/amd64/v3", MINGW64],
  ["windows/386", MINGW32],
];

const HOST_SPECIFIC: Record<string, Array<[string, object]>> = {
  amd64: [
    ["linux/amd64", NATIVE],
    ["linux/amd64/v3", NATIVE],
    ["linux/arm64", AARCH64],
  ],
  arm64: [
    ["linux/arm64", NATIVE],
    ["linux/amd64", X86_64],
    ["linux/amd64/v2", X86_64],
  ],
};

/** Unsupported targets and words their reason must contain, so it says what to do. */
const UNSUPPORTED: Array<[string, RegExp[]]> = [
  ["darwin/arm64", [/macOS runner/, /CGO_ENABLED=0/, /zig/]],
  ["darwin/amd64", [/macOS runner/]],
  ["ios/arm64", [/macOS runner/]],
  ["windows/arm64", [/no MinGW gcc/, /windows-11-arm/, /llvm-mingw/, /zig/]],
  ["android/arm64", [/Android NDK/, /CC/]],
  ["freebsd/amd64", [/sysroot/, /freebsd machine/, /CGO_ENABLED=0/]],
  ["openbsd/arm64", [/sysroot/]],
  ["illumos/amd64", [/sysroot/]],
  ["linux/ppc64", [/does not support cgo/, /ppc64le/]],
  ["linux/loong64", [/no Debian\/Ubuntu cross gcc/, /CC/, /CGO_ENABLED=0/]],
  ["js/wasm", [/no cgo/, /CGO_ENABLED=0/]],
  ["wasip1/wasm", [/no cgo/]],
];

describe("planCrossCompilers", () => {
  for (const host of ["amd64", "arm64"]) {
    describe(`on a ${host} runner`, () => {
      it.each([...(HOST_SPECIFIC[host] ?? []), ...CROSS_BOTH_HOSTS])("%s", (spec, compiler) => {
        const target = t(spec);
        expect(planCrossCompilers([target], host)).toEqual({
          compilers: [{ target, compiler }],
          unsupported: [],
        });
      });

      it.each(UNSUPPORTED)("%s is unsupported", (spec, words) => {
        const target = t(spec);
        const plan = planCrossCompilers([target], host);
        expect(plan.compilers).toEqual([]);
        expect(plan.unsupported).toHaveLength(1);
        expect(plan.unsupported[0]?.target).toEqual(target);
        for (const word of words) expect(plan.unsupported[0]?.reason).toMatch(word);
      });
    });
  }

  it("keeps the order of the targets and splits them", () => {
    const targets = ["linux/arm64", "darwin/arm64", "linux/amd64", "windows/amd64"].map(t);
    const plan = planCrossCompilers(targets, "amd64");
    expect(plan.compilers.map((c) => c.target)).toEqual([targets[0], targets[2], targets[3]]);
    expect(plan.unsupported.map((c) => c.target)).toEqual([targets[1]]);
  });
});

describe("readOsRelease", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "goship-osrel-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads this machine's (Debian 12)", async () => {
    expect(await readOsRelease()).toEqual({ id: "debian", idLike: [], versionId: "12" });
  });

  it("parses quoting and ID_LIKE", async () => {
    const file = join(dir, "ubuntu");
    await writeFile(
      file,
      [
        "# comment",
        'PRETTY_NAME="Ubuntu 24.04.2 LTS"',
        "ID=ubuntu",
        "ID_LIKE='debian'",
        'VERSION_ID="24.04"',
        'NAME="A \\"quoted\\" name"',
        "",
      ].join("\n"),
    );
    expect(await readOsRelease(file)).toEqual({ id: "ubuntu", idLike: ["debian"], versionId: "24.04" });
    const mint = join(dir, "mint");
    await writeFile(mint, 'ID=linuxmint\nID_LIKE="ubuntu debian"\n');
    expect(await readOsRelease(mint)).toEqual({ id: "linuxmint", idLike: ["ubuntu", "debian"] });
  });

  it("is undefined when the file is missing", async () => {
    expect(await readOsRelease(join(dir, "absent"))).toBeUndefined();
  });
});

describe("installDebianPackages + a real cgo cross build", () => {
  let out = "";
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "goship-cgo-"));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  const [arm64Plan] = planCrossCompilers([t("linux/arm64")], "amd64").compilers;
  if (!arm64Plan) throw new Error("no compiler planned for linux/arm64");
  const arm64 = arm64Plan.compiler;

  it("rejects names that are not Debian package names", async () => {
    await expect(installDebianPackages(["-o=APT::X"])).rejects.toThrow(/not Debian package names/);
  });

  it("installs the linux/arm64 toolchain and builds an AArch64 cgo binary with it", {
    timeout: 110_000,
  }, async () => {
    const started = performance.now();
    const result = await installDebianPackages(arm64.packages);
    const ms = performance.now() - started;
    console.log(
      `installDebianPackages(${arm64.packages.join(" ")}): installed [${result.installed.join(" ")}], ` +
        `present [${result.present.join(" ")}] in ${(ms / 1000).toFixed(1)} s`,
    );
    expect([...result.present, ...result.installed].sort()).toEqual([...arm64.packages].sort());
    // dpkg, asked directly, agrees.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${field} format
    const dpkg = await execFile("dpkg-query", ["-W", "-f", "${db:Status-Abbrev}\\n", ...arm64.packages]);
    expect(
      dpkg.stdout
        .split("\n")
        .filter(Boolean)
        .map((s) => s.trim()),
    ).toEqual(arm64.packages.map(() => "ii"));

    const binary = join(out, "cgohello");
    await execFile("go", ["build", "-o", binary, "."], {
      cwd: join(FIXTURES, "cgo-hello"),
      env: { ...GO_ENV, GOOS: "linux", GOARCH: "arm64", CGO_ENABLED: "1", CC: arm64.cc, CXX: arm64.cxx },
      timeoutMs: 100_000,
    });
    const header = await execFile("readelf", ["-h", binary]);
    expect(header.stdout).toMatch(/^\s*Machine:\s+AArch64$/m);
    const file = await execFile("file", ["-b", binary]);
    expect(file.stdout).toMatch(/ELF 64-bit LSB .*ARM aarch64/);
    // Linked by the cross gcc against glibc, as only a cgo build is.
    expect(file.stdout).toMatch(/dynamically linked, interpreter \/lib\/ld-linux-aarch64\.so\.1/);

    // The C++ compiler the plan names works too.
    const cpp = join(out, "probe.cc");
    await writeFile(cpp, '#include <string>\nint probe() { return std::string("ab").size(); }\n');
    await execFile(arm64.cxx as string, ["-c", cpp, "-o", join(out, "probe.o")]);
    expect((await execFile("readelf", ["-h", join(out, "probe.o")])).stdout).toMatch(/Machine:\s+AArch64/);
  });

  it("reports the packages present and runs no apt-get the second time", { timeout: 30_000 }, async () => {
    // A PATH with dpkg-query alone: any apt-get (or sudo) call would fail to start.
    const bin = join(out, "bin");
    await execFile("mkdir", ["-p", bin]);
    await symlink(
      (await execFile("sh", ["-c", "command -v dpkg-query"])).stdout.trim(),
      join(bin, "dpkg-query"),
    );
    const savedPath = process.env.PATH;
    process.env.PATH = bin;
    try {
      expect(await installDebianPackages(arm64.packages)).toEqual({ present: arm64.packages, installed: [] });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe("usesCgo", () => {
  it("is true for a main package whose dependency imports C", { timeout: 60_000 }, async () => {
    expect(await usesCgo(join(FIXTURES, "cgo-hello"), "go", GO_ENV)).toBe(true);
    expect(await usesCgo(join(FIXTURES, "cgo-hello"), "go", GO_ENV, ["."])).toBe(true);
  });

  it("is false for packages that only import net and os/user from the standard library", {
    timeout: 60_000,
  }, async () => {
    expect(await usesCgo(join(FIXTURES, "broken"), "go", GO_ENV, ["./pure"])).toBe(false);
    expect(await usesCgo(join(FIXTURES, "broken"), "go", GO_ENV)).toBe(false);
  });

  it("forces CGO_ENABLED=1 so cgo-tagged files count", { timeout: 60_000 }, async () => {
    expect(await usesCgo(join(FIXTURES, "cgo-hello"), "go", { ...GO_ENV, CGO_ENABLED: "0" })).toBe(true);
  });

  it("fails with go list's error for a missing package", { timeout: 60_000 }, async () => {
    await expect(usesCgo(join(FIXTURES, "cgo-hello"), "go", GO_ENV, ["./nosuch"])).rejects.toThrow(/nosuch/);
  });
});

describe("cgoStubs: what a CGO_ENABLED=0 build links without its C code", () => {
  const targets = [t("linux/amd64"), t("linux/arm64"), t("windows/amd64")];

  it("names go-sqlite3 for every target, once", { timeout: 120_000 }, async () => {
    const stubs = await cgoStubs(
      "go",
      join(FIXTURES, "sqlite-app"),
      ".",
      targets,
      ["netgo", "osusergo"],
      GO_ENV,
    );
    expect(stubs).toEqual([
      { importPath: "github.com/mattn/go-sqlite3", targets: ["linux/amd64", "linux/arm64", "windows/amd64"] },
    ]);
    const message = cgoStubsMessage(stubs);
    expect(message).toMatch(/^github.com\/mattn\/go-sqlite3 uses cgo/);
    expect(message).toContain("cgo: true");
    expect(message).toContain("modernc.org/sqlite");
    expect(message).toContain("allow-cgo-stubs: true");
  });

  it("names a module's own cgo package", { timeout: 60_000 }, async () => {
    const stubs = await cgoStubs("go", join(FIXTURES, "cgo-hello"), ".", [t("linux/amd64")], [], GO_ENV);
    expect(stubs.map((s) => s.importPath)).toEqual(["example.com/cgohello/cadd"]);
    expect(cgoStubsMessage(stubs)).not.toContain("modernc.org/sqlite");
  });

  it("marks prometheus's darwin process collector as a working fallback in the sample Gin app", {
    timeout: 300_000,
  }, async () => {
    const seven = GIN_APP_TARGETS;
    const stubs = await cgoStubs(
      "go",
      resolve(import.meta.dirname, "../../examples/gin-app"),
      ".",
      seven.map(t),
      ["netgo", "osusergo", "nomsgpack"],
      GO_ENV,
    );
    expect(stubs).toEqual([
      {
        importPath: "github.com/prometheus/client_golang/prometheus",
        targets: ["darwin/arm64"],
        fallback: expect.stringContaining("no resident or virtual memory on darwin"),
      },
    ]);
  });

  it("leaves the standard library's net and os/user alone, and pure Go", { timeout: 60_000 }, async () => {
    expect(
      await cgoStubs("go", join(FIXTURES, "broken"), "./pure", targets, ["netgo", "osusergo"], GO_ENV),
    ).toEqual([]);
    expect(await cgoStubs("go", join(FIXTURES, "hello"), ".", targets, [], GO_ENV)).toEqual([]);
  });
});
