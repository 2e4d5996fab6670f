import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ArtifactFragment,
  FRAGMENT_FILE,
  MANIFEST_FILE,
  type ReleaseArtifactT,
  ReleaseManifest,
  type ReleaseManifestT,
} from "../../src/contract/manifest.js";
import { sha256File } from "../../src/kit/hash.js";
import { extractBinary, goarchFromUname, type HostPlatform, pickArtifact } from "../../src/release/pick.js";
import { verifyRelease } from "../../src/release/verify.js";
import { buildHello } from "../support/hello-build.js";
import { opensslKey } from "../support/keys.js";
import { runDistAction } from "../support/run-action.js";

const TARGETS = ["linux/amd64", "linux/arm64", "linux/arm/7", "windows/amd64"];

/** One build and one signed release of the hello fixture, shared by every test. */
let repo: string;
let binDir: string;
let release: string;
let publicKey: string;
let manifest: ReleaseManifestT;
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `goship-pick-${p}-`));
/** An empty destination directory, to check that failures leave nothing in it. */
const emptyDest = () => {
  const d = join(tmp("dest"), "bin");
  mkdirSync(d);
  return d;
};
const fragmentSha = (slug: string) =>
  ArtifactFragment.parse(JSON.parse(readFileSync(join(binDir, `hello_${slug}`, FRAGMENT_FILE), "utf8")))
    .binary.sha256;

beforeAll(async () => {
  ({ repo, binDir } = await buildHello(TARGETS));
  const key = opensslKey();
  publicKey = readFileSync(key.pub, "utf8");
  release = join(tmp("release"), "release");
  const packaged = await runDistAction(
    "package-release",
    { "artifacts-dir": binDir, "signing-key": key.pem, "output-dir": release },
    {},
    { cwd: repo },
  );
  expect(packaged.code, packaged.stdout).toBe(0);
  manifest = ReleaseManifest.parse(JSON.parse(readFileSync(join(release, MANIFEST_FILE), "utf8")));
}, 600_000);

describe("goarchFromUname", () => {
  it("maps uname -m to GOARCH and GOARM", () => {
    expect(goarchFromUname("x86_64\n")).toEqual({ goos: "linux", goarch: "amd64" });
    expect(goarchFromUname("aarch64")).toEqual({ goos: "linux", goarch: "arm64" });
    expect(goarchFromUname("arm64")).toEqual({ goos: "linux", goarch: "arm64" });
    expect(goarchFromUname("armv7l")).toEqual({ goos: "linux", goarch: "arm", variant: "7" });
    expect(goarchFromUname("armv6l")).toEqual({ goos: "linux", goarch: "arm", variant: "6" });
    expect(goarchFromUname("i686")).toEqual({ goos: "linux", goarch: "386" });
    expect(goarchFromUname("i386")).toEqual({ goos: "linux", goarch: "386" });
    for (const m of ["riscv64", "ppc64le", "s390x"]) expect(goarchFromUname(m).goarch).toBe(m);
  });

  it("refuses mips (ambiguous byte order) and unknown machines", () => {
    expect(() => goarchFromUname("mips")).toThrow(/"mips".*both byte orders/);
    expect(() => goarchFromUname("vax")).toThrow(/"vax", a machine goship does not know; known: x86_64/);
  });
});

describe("pickArtifact", () => {
  const slugOf = (a: ReleaseArtifactT) => [a.goos, a.goarch, a.variant].filter(Boolean).join("/");

  it("picks the exact target, and the best variant the host can run", () => {
    expect(slugOf(pickArtifact(manifest, goarchFromUname("x86_64")))).toBe("linux/amd64");
    expect(slugOf(pickArtifact(manifest, goarchFromUname("aarch64")))).toBe("linux/arm64");
    expect(slugOf(pickArtifact(manifest, goarchFromUname("armv7l")))).toBe("linux/arm/7");
    // A v3 host runs the baseline (v1) amd64 build.
    expect(slugOf(pickArtifact(manifest, { goos: "linux", goarch: "amd64", variant: "v3" }))).toBe(
      "linux/amd64",
    );
  });

  it("prefers the highest variant not above the host's", () => {
    const base = manifest.artifacts.find((a) => a.goarch === "arm") as ReleaseArtifactT;
    const many = {
      ...manifest,
      artifacts: ["5", "6", "7"].map((variant) => ({ ...base, variant })),
    };
    expect(pickArtifact(many, goarchFromUname("armv6l")).variant).toBe("6");
    expect(pickArtifact(many, goarchFromUname("armv7l")).variant).toBe("7");
    const amd = manifest.artifacts.find(
      (a) => a.goarch === "amd64" && a.goos === "linux",
    ) as ReleaseArtifactT;
    const levels = { ...manifest, artifacts: [amd, { ...amd, variant: "v3" }, { ...amd, variant: "v4" }] };
    expect(pickArtifact(levels, { goos: "linux", goarch: "amd64", variant: "v3" }).variant).toBe("v3");
    expect(pickArtifact(levels, { goos: "linux", goarch: "amd64", variant: "v2" }).variant).toBeUndefined();
    expect(pickArtifact(levels, { goos: "linux", goarch: "amd64" }).variant).toBeUndefined();
  });

  it("explains when nothing fits, listing what the release has", () => {
    expect(() => pickArtifact(manifest, goarchFromUname("armv6l"))).toThrow(
      "hello 1.4.0 has no binary for linux/arm/6: it has arm only for 7, which this host cannot run; " +
        "the release has linux/amd64, linux/arm/7, linux/arm64, windows/amd64",
    );
    expect(() => pickArtifact(manifest, goarchFromUname("riscv64"))).toThrow(
      /no binary for linux\/riscv64: it has no linux\/riscv64 build; the release has linux\/amd64, .*windows\/amd64/,
    );
  });
});

/** What deploy-systemd does with a release: verify it, then pick the host's artifact and extract its binary. */
async function verifyAndExtract(dir: string, key: string, host: HostPlatform, dest: string) {
  const { manifest, checks } = await verifyRelease(dir, key);
  const artifact = pickArtifact(manifest, host);
  return { manifest, artifact, checks, binary: await extractBinary(dir, artifact, dest) };
}

describe("verify, pick and extract on a signed release", () => {
  it.each([
    ["x86_64", "linux_amd64"],
    ["aarch64", "linux_arm64"],
    ["armv7l", "linux_arm_7"],
  ])("%s: extracts only the %s binary, checked against the manifest", async (machine, slug) => {
    const dest = emptyDest();
    const res = await verifyAndExtract(release, publicKey, goarchFromUname(machine), dest);
    expect(res.artifact.archive.name).toBe(`hello_1.4.0_${slug}.tar.gz`);
    expect(res.binary.path).toBe(join(dest, "hello"));
    expect(readdirSync(dest)).toEqual(["hello"]);
    expect(res.binary.sha256).toBe(fragmentSha(slug));
    expect(await sha256File(res.binary.path)).toEqual({ sha256: fragmentSha(slug), size: res.binary.size });
    expect(statSync(res.binary.path).mode & 0o7777).toBe(0o755);
    expect(res.checks[0]).toBe("SHA256SUMS.sig: signature of SHA256SUMS verifies");
    if (machine === "x86_64" && process.arch === "x64") {
      expect(execFileSync(res.binary.path).toString()).toBe("hello 1.4.0\n");
    }
  });

  it("extracts from the zip and from a bare binary", async () => {
    const win = manifest.artifacts.find((a) => a.goos === "windows") as ReleaseArtifactT;
    const dest = emptyDest();
    const out = await extractBinary(release, win, dest);
    expect(readdirSync(dest)).toEqual(["hello.exe"]);
    expect(out.sha256).toBe(fragmentSha("windows_amd64"));

    const dir = tmp("bare");
    const amd = manifest.artifacts.find(
      (a) => a.goarch === "amd64" && a.goos === "linux",
    ) as ReleaseArtifactT;
    copyFileSync(join(binDir, "hello_linux_amd64/hello"), join(dir, "hello_1.4.0_linux_amd64"));
    const bare = await recordFor(dir, "hello_1.4.0_linux_amd64", "binary", amd);
    const dest2 = emptyDest();
    expect((await extractBinary(dir, bare, dest2)).sha256).toBe(amd.binary.sha256);
    expect(readdirSync(dest2)).toEqual(["hello"]);
  });

  it("refuses a tampered archive before extracting anything", async () => {
    const dir = copyRelease();
    const name = "hello_1.4.0_linux_amd64.tar.gz";
    const bytes = readFileSync(join(dir, name));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0x01;
    writeFileSync(join(dir, name), bytes);
    const dest = emptyDest();
    await expect(verifyAndExtract(dir, publicKey, goarchFromUname("x86_64"), dest)).rejects.toThrow(
      new RegExp(`^${name.replaceAll(".", "\\.")}: sha256 [0-9a-f]{64} differs from SHA256SUMS's`),
    );
    expect(readdirSync(dest)).toEqual([]);
  });

  it("refuses a release signed by another key, with nothing extracted", async () => {
    const dir = copyRelease();
    const other = opensslKey();
    execFileSync("openssl", [
      "dgst",
      "-sha256",
      "-sign",
      other.file,
      "-out",
      join(dir, "SHA256SUMS.sig"),
      join(dir, "SHA256SUMS"),
    ]);
    const dest = emptyDest();
    await expect(verifyAndExtract(dir, publicKey, goarchFromUname("x86_64"), dest)).rejects.toThrow(
      /^SHA256SUMS\.sig: not a valid signature of SHA256SUMS by the key in input "public-key" \(.{44}\); the release names this key too: SHA256SUMS or its signature changed after signing$/,
    );
    // The untouched release, checked with the other key's public key, is refused too.
    await expect(
      verifyAndExtract(release, readFileSync(other.pub, "utf8"), goarchFromUname("x86_64"), dest),
    ).rejects.toThrow(
      /not a valid signature of SHA256SUMS by the key in input "public-key" \(.{44}\); the release names key /,
    );
    expect(readdirSync(dest)).toEqual([]);
  });
});

/** A copy of the release, to tamper with. */
function copyRelease(): string {
  const dir = join(tmp("copy"), "release");
  cpSync(release, dir, { recursive: true });
  return dir;
}

/** The artifact record for an archive made by hand: its real digest, the real binary record. */
async function recordFor(
  dir: string,
  name: string,
  format: "tar.gz" | "zip" | "binary",
  base: ReleaseArtifactT,
): Promise<ReleaseArtifactT> {
  return { ...base, archive: { name, format, ...(await sha256File(join(dir, name))) } };
}

describe("extractBinary on hostile archives", () => {
  let amd: ReleaseArtifactT;
  let win: ReleaseArtifactT;
  let work: string;
  let hello: string;
  let helloExe: string;

  beforeAll(() => {
    amd = manifest.artifacts.find((a) => a.goarch === "amd64" && a.goos === "linux") as ReleaseArtifactT;
    win = manifest.artifacts.find((a) => a.goos === "windows") as ReleaseArtifactT;
    work = tmp("hostile");
    hello = join(binDir, "hello_linux_amd64/hello");
    helloExe = join(binDir, "hello_windows_amd64/hello.exe");
  });

  /** Runs a Python script that writes archive `name` into the work directory (argv: out, hello, hello.exe). */
  function python(name: string, script: string): string {
    execFileSync("python3", ["-c", script, join(work, name), hello, helloExe]);
    return name;
  }

  const tarScript = (members: string) => `
import io, sys, tarfile
out, hello, _ = sys.argv[1:]
with tarfile.open(out, "w:gz", format=tarfile.GNU_FORMAT) as t:
    def reg(name, data=None):
        data = open(hello, "rb").read() if data is None else data
        i = tarfile.TarInfo(name); i.size = len(data); i.mode = 0o755
        t.addfile(i, io.BytesIO(data))
    def link(name, target, kind):
        i = tarfile.TarInfo(name); i.type = kind; i.linkname = target
        t.addfile(i)
${members}
`;

  async function refusedTar(name: string, members: string, message: string | RegExp) {
    python(name, tarScript(members));
    const dest = emptyDest();
    await expect(extractBinary(work, await recordFor(work, name, "tar.gz", amd), dest)).rejects.toThrow(
      message,
    );
    expect(readdirSync(dest)).toEqual([]);
  }

  it("accepts a hand-made archive with the binary and other files (the control case)", async () => {
    const name = python("ok.tar.gz", tarScript(`    reg("README.md", b"hi\\n")\n    reg("hello")`));
    const dest = emptyDest();
    const out = await extractBinary(work, await recordFor(work, name, "tar.gz", amd), dest);
    expect(out.sha256).toBe(amd.binary.sha256);
    expect(readdirSync(dest)).toEqual(["hello"]);
  });

  it("refuses a ../ member, anywhere in the archive", async () => {
    await refusedTar(
      "dotdot.tar.gz",
      `    reg("hello")\n    reg("../evil", b"x")`,
      'dotdot.tar.gz: entry "../evil" has a ".." path component; refusing the archive',
    );
    await refusedTar(
      "dotdot2.tar.gz",
      `    reg("a/../../hello")\n    reg("hello")`,
      'entry "a/../../hello" has a ".." path component',
    );
  });

  it("refuses an absolute member", async () => {
    await refusedTar(
      "abs.tar.gz",
      `    reg("/etc/x", b"x")\n    reg("hello")`,
      'abs.tar.gz: entry "/etc/x" has an absolute path; refusing the archive',
    );
  });

  it("refuses a symlink named like the binary", async () => {
    await refusedTar(
      "symlink.tar.gz",
      `    link("hello", "/bin/sh", tarfile.SYMTYPE)`,
      'symlink.tar.gz: entry "hello" is a symbolic link (to "/bin/sh"), not a regular file',
    );
  });

  it("refuses a directory or device under the binary's name", async () => {
    await refusedTar(
      "dir.tar.gz",
      `    i = tarfile.TarInfo("hello/"); i.type = tarfile.DIRTYPE; t.addfile(i)`,
      'dir.tar.gz: entry "hello/" is a directory, not a regular file',
    );
    await refusedTar(
      "dev.tar.gz",
      `    i = tarfile.TarInfo("hello"); i.type = tarfile.CHRTYPE; i.devmajor = 1; i.devminor = 3; t.addfile(i)`,
      'dev.tar.gz: entry "hello" is a device, not a regular file',
    );
  });

  it("refuses links under other names too", async () => {
    await refusedTar(
      "otherlink.tar.gz",
      `    reg("hello")\n    link("sh", "/bin/sh", tarfile.SYMTYPE)`,
      'entry "sh" is a symbolic link (to "/bin/sh"); only regular files and directories are accepted',
    );
  });

  it("refuses a hard link made by GNU tar", async () => {
    const src = tmp("hardlink");
    writeFileSync(join(src, "LICENSE"), "MIT License\n");
    linkSync(join(src, "LICENSE"), join(src, "hello"));
    execFileSync("tar", ["-czf", join(work, "hardlink.tar.gz"), "-C", src, "LICENSE", "hello"]);
    const dest = emptyDest();
    await expect(
      extractBinary(work, await recordFor(work, "hardlink.tar.gz", "tar.gz", amd), dest),
    ).rejects.toThrow('hardlink.tar.gz: entry "hello" is a hard link (to "LICENSE"), not a regular file');
    expect(readdirSync(dest)).toEqual([]);
  });

  it("refuses the binary twice, or missing", async () => {
    await refusedTar(
      "dup.tar.gz",
      `    reg("hello")\n    reg("./hello", b"evil")`,
      'dup.tar.gz: entry "./hello" appears more than once',
    );
    await refusedTar("none.tar.gz", `    reg("README.md", b"hi")`, 'none.tar.gz: has no entry named "hello"');
  });

  it("refuses a binary that is not the manifest's (same size, other bytes)", async () => {
    await refusedTar(
      "swapped.tar.gz",
      `    d = bytearray(open(hello, "rb").read()); d[100] ^= 1\n    reg("hello", bytes(d))`,
      /swapped\.tar\.gz: hello has sha256 [0-9a-f]{64} \(\d+ bytes\), the manifest says/,
    );
    await refusedTar(
      "bigger.tar.gz",
      `    reg("hello", open(hello, "rb").read() + b"x")`,
      /bigger\.tar\.gz: entry "hello" has \d+ bytes, the manifest says \d+/,
    );
  });

  it("refuses a truncated or corrupt archive", async () => {
    python("full.tar.gz", tarScript(`    reg("hello")`));
    const bytes = readFileSync(join(work, "full.tar.gz"));
    writeFileSync(join(work, "cut.tar.gz"), bytes.subarray(0, bytes.length - 200));
    const dest = emptyDest();
    await expect(
      extractBinary(work, await recordFor(work, "cut.tar.gz", "tar.gz", amd), dest),
    ).rejects.toThrow(/cut\.tar\.gz: (the archive is truncated|not a valid gzip stream)/);
    expect(readdirSync(dest)).toEqual([]);
  });

  it("refuses the archive when its digest is not the record's", async () => {
    python("plain.tar.gz", tarScript(`    reg("hello")`));
    const record = await recordFor(work, "plain.tar.gz", "tar.gz", amd);
    record.archive.sha256 = "0".repeat(64);
    const dest = emptyDest();
    await expect(extractBinary(work, record, dest)).rejects.toThrow(
      /plain\.tar\.gz: sha256 [0-9a-f]{64} \(\d+ bytes\) differs from the manifest's 0{64}/,
    );
    expect(readdirSync(dest)).toEqual([]);
  });

  const zipScript = (members: string) => `
import sys, zipfile
out, _, exe = sys.argv[1:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    def reg(name, data=None):
        z.writestr(zipfile.ZipInfo(name), open(exe, "rb").read() if data is None else data)
${members}
`;

  async function refusedZip(name: string, members: string, message: string | RegExp) {
    python(name, zipScript(members));
    const dest = emptyDest();
    await expect(extractBinary(work, await recordFor(work, name, "zip", win), dest)).rejects.toThrow(message);
    expect(readdirSync(dest)).toEqual([]);
  }

  it("zip: refuses .., absolute paths, a symlink under the binary's name and duplicates", async () => {
    await refusedZip(
      "dotdot.zip",
      `    reg("hello.exe")\n    reg("../evil", b"x")`,
      'dotdot.zip: entry "../evil" has a ".." path component',
    );
    await refusedZip(
      "abs.zip",
      `    reg("/etc/x", b"x")\n    reg("hello.exe")`,
      'abs.zip: entry "/etc/x" has an absolute path',
    );
    await refusedZip(
      "symlink.zip",
      `    i = zipfile.ZipInfo("hello.exe"); i.create_system = 3; i.external_attr = 0o120777 << 16\n    z.writestr(i, "/bin/sh")`,
      'symlink.zip: entry "hello.exe" is a symbolic link, not a regular file',
    );
    await refusedZip(
      "dup.zip",
      `    reg("hello.exe")\n    reg("./hello.exe")`,
      'dup.zip: entry "./hello.exe" appears more than once',
    );
  });
});
