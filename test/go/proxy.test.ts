import { createReadStream } from "node:fs";
import {
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { extractModuleZip, MAX_MODULE_ZIP } from "../../src/archive/zip.js";
import { installToolchainFromProxy, listToolchainVersions, proxyURLs } from "../../src/go/proxy.js";
import { lookupModuleHash } from "../../src/go/sumdb.js";
import { goToSemver } from "../../src/go/version.js";
import { UserError } from "../../src/kit/errors.js";
import { execFile } from "../../src/kit/exec.js";
import { downloadFile } from "../../src/kit/http.js";

const REAL_PROXY = "https://proxy.golang.org";
const TOOLCHAIN = "golang.org/toolchain@v0.0.1-go1.25.4.linux-amd64";
const TOOLCHAIN_ZIP_PATH = "/golang.org/toolchain/@v/v0.0.1-go1.25.4.linux-amd64.zip";
/** golang.org/toolchain v0.0.1-go1.25.4.linux-amd64 in sum.golang.org (also checked live below). */
const TOOLCHAIN_H1 = "h1:5e4fxJf48MqaBmsurT33X8lENq6kLpby4xLNGF0tmEw=";

let work = "";
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "goproxy-test-"));
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  if (work) await rm(work, { recursive: true, force: true });
});

// ─── Test doubles ─────────────────────────────────────────────────────────────

/** Real proxy files fetched at most once per run (the toolchain zip is 64 MB). */
const downloads = new Map<string, Promise<string>>();
function realFile(urlPath: string): Promise<string> {
  let got = downloads.get(urlPath);
  if (!got) {
    const file = path.join(work, `real-${downloads.size}.bin`);
    got = downloadFile(`${REAL_PROXY}${urlPath}`, file, { maxBytes: MAX_MODULE_ZIP, timeoutMs: 60_000 }).then(
      () => file,
    );
    downloads.set(urlPath, got);
  }
  return got;
}

/**
 * A GOPROXY on 127.0.0.1 that passes everything through to proxy.golang.org (zips from
 * the per-run cache, the rest, /sumdb/ included, forwarded) except paths overridden
 * with local files: a proxy that serves a different toolchain zip.
 */
class LocalProxy {
  readonly overrides = new Map<string, string>();
  readonly requests: string[] = [];
  private server!: http.Server;
  url = "";

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const urlPath = req.url ?? "/";
      this.requests.push(urlPath);
      this.serve(urlPath, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(502);
        res.end(String(e));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private async serve(urlPath: string, res: http.ServerResponse): Promise<void> {
    const file =
      this.overrides.get(urlPath) ?? (urlPath.endsWith(".zip") ? await realFile(urlPath) : undefined);
    if (file) {
      res.writeHead(200, { "content-type": "application/zip", "content-length": (await stat(file)).size });
      createReadStream(file).pipe(res);
      return;
    }
    const upstream = await fetch(`${REAL_PROXY}${urlPath}`);
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "text/plain" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
const proxies: LocalProxy[] = [];
async function localProxy(): Promise<LocalProxy> {
  const p = await new LocalProxy().start();
  proxies.push(p);
  return p;
}

/** A port nothing listens on. */
async function deadURL(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

interface ZipItem {
  name: string;
  data?: Buffer | string;
  /** Unix st_mode including the file type; default regular 0644 (directories for names ending in /). */
  mode?: number;
  deflate?: boolean;
  /** Lie in the central directory. */
  declaredSize?: number;
}

/** A minimal zip writer, so that tests can make archives no well-behaved tool would. */
function makeZip(items: ZipItem[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const item of items) {
    const name = Buffer.from(item.name);
    const data = Buffer.from(item.data ?? "");
    const body = item.deflate ? deflateRawSync(data) : data;
    const method = item.deflate ? 8 : 0;
    const crc = crc32(data);
    const size = item.declaredSize ?? data.length;
    const mode = item.mode ?? (item.name.endsWith("/") ? 0o040755 : 0o100644);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(item.deflate ? body.length : size, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(items.length, 8);
  end.writeUInt16LE(items.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function tempDir(name: string): Promise<string> {
  return mkdtemp(path.join(work, `${name}-`));
}

const goEnv = (extra: Record<string, string> = {}) => {
  const env: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: "local", ...extra };
  delete env.GOROOT;
  return env;
};

// ─── GOPROXY values ───────────────────────────────────────────────────────────

describe("proxyURLs", () => {
  it("keeps http(s) proxies in order and stops at direct or off", () => {
    expect(proxyURLs("https://proxy.golang.org,direct")).toEqual(["https://proxy.golang.org"]);
    expect(proxyURLs(" https://a.example/ , https://b.example/mirror/|direct")).toEqual([
      "https://a.example",
      "https://b.example/mirror",
    ]);
    expect(proxyURLs("http://127.0.0.1:3000|https://proxy.golang.org")).toEqual([
      "http://127.0.0.1:3000",
      "https://proxy.golang.org",
    ]);
    expect(proxyURLs("https://a.example,off,https://b.example")).toEqual(["https://a.example"]);
    expect(proxyURLs("https://a.example,direct,https://b.example")).toEqual(["https://a.example"]);
  });

  it("skips entries it cannot use (credentials, other schemes) and keeps the rest", () => {
    expect(proxyURLs("https://user:secret@corp.example,file:///srv/mods,https://proxy.golang.org")).toEqual([
      "https://proxy.golang.org",
    ]);
  });

  it("reads a bare host as https, as the go command does", () => {
    expect(proxyURLs("goproxy.example.com/path,direct")).toEqual(["https://goproxy.example.com/path"]);
  });

  it("refuses values that leave no proxy", () => {
    for (const value of [
      "off",
      "direct",
      "",
      " , ",
      "direct,https://a.example",
      "file:///srv/goproxy",
      "https://user:secret@corp.example",
    ]) {
      expect(() => proxyURLs(value), value).toThrow(UserError);
    }
    expect(() => proxyURLs("off")).toThrow(/GOPROXY="off" names no module proxy/);
  });

  it("never shows a proxy's credentials, query or fragment in a message", () => {
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    let message = "";
    try {
      proxyURLs(
        "https://user:hunter2@corp.example/mods,user2:hunter2@bare.example|ftp://u:hunter2@f.example,https://h.example/?token=hunter2,https://[bad/#hunter2,direct",
      );
    } catch (e) {
      message = (e as Error).message;
    } finally {
      write.mockRestore();
    }
    expect(message).toBe(
      'GOPROXY="https://***@corp.example/mods,***@bare.example|ftp://***@f.example,https://h.example/?***,https://[bad/#***,direct" names no module proxy (an http:// or https:// URL); installing Go as a module needs one, e.g. https://proxy.golang.org',
    );
    // What the runner shows: it hides ::add-mask:: lines, and masks their values from then on.
    const masks = printed.filter((l) => l.startsWith("::add-mask::")).map((l) => l.trim());
    expect([...new Set(masks)]).toEqual(["::add-mask::hunter2"]);
    const warnings = printed.filter((l) => !l.startsWith("::add-mask::")).join("");
    expect(warnings).toContain('GOPROXY entry "https://***@corp.example/mods" carries credentials; skipped');
    expect(warnings).toContain('GOPROXY entry "***@bare.example" carries credentials; skipped');
    expect(warnings).toContain('GOPROXY entry "https://h.example/?***" has a query or fragment; skipped');
    expect(`${message}${warnings}`).not.toContain("hunter2");
  });
});

// ─── Listing ──────────────────────────────────────────────────────────────────

describe("listToolchainVersions", () => {
  it("lists the toolchains proxy.golang.org has for linux/amd64, oldest first", async () => {
    const versions = await listToolchainVersions([REAL_PROXY], "linux", "amd64");
    expect(versions).toContain("1.25.4");
    expect(versions).toContain("1.26.8");
    // Oracle: the raw listing, filtered by hand.
    const raw = (await (await fetch(`${REAL_PROXY}/golang.org/toolchain/@v/list`)).text()).split("\n");
    const want = raw
      .filter((l) => l.startsWith("v0.0.1-go") && l.endsWith(".linux-amd64"))
      .map((l) => l.slice("v0.0.1-go".length, -".linux-amd64".length));
    expect(new Set(versions)).toEqual(new Set(want));
    for (let i = 1; i < versions.length; i++) {
      const [a, b] = [goToSemver(versions[i - 1] as string), goToSemver(versions[i] as string)];
      expect(semver.lt(a as string, b as string), `${versions[i - 1]} < ${versions[i]}`).toBe(true);
    }
  }, 30_000);

  it("tells platforms apart (linux-arm is not linux-arm64) and skips malformed lines", async () => {
    const dir = await tempDir("list");
    const listing = path.join(dir, "list");
    await writeFile(
      listing,
      [
        "v0.0.1-go1.21.0.linux-arm64",
        "v0.0.1-go1.21.0.linux-arm",
        "v0.0.1-go1.22rc1.linux-arm",
        "v0.0.1-go1.21rc2.linux-arm",
        "v0.0.1-go1.20.linux-arm",
        "v0.0.1-go1.9.linux-arm",
        "v0.0.1-gobogus.linux-arm",
        "v0.0.1-go1.21.0.linux-arm.extra",
        "v0.0.2-go1.23.0.linux-arm",
        "garbage",
        "",
      ].join("\n"),
    );
    const proxy = await localProxy();
    proxy.overrides.set("/golang.org/toolchain/@v/list", listing);
    expect(await listToolchainVersions([proxy.url], "linux", "arm")).toEqual([
      "1.9",
      "1.20",
      "1.21rc2",
      "1.21.0",
      "1.22rc1",
    ]);
    expect(await listToolchainVersions([proxy.url], "linux", "arm64")).toEqual(["1.21.0"]);
    expect(await listToolchainVersions([proxy.url], "plan9", "arm")).toEqual([]);
  });

  it("asks the next proxy when one does not answer, and says so when none does", async () => {
    const dead = await deadURL();
    const versions = await listToolchainVersions([dead, REAL_PROXY], "linux", "amd64");
    expect(versions).toContain("1.25.4");
    await expect(listToolchainVersions([dead], "linux", "amd64")).rejects.toThrow(
      /no module proxy could list golang\.org\/toolchain versions/,
    );
  }, 30_000);
});

// ─── Module zips ──────────────────────────────────────────────────────────────

describe("extractModuleZip", () => {
  const prefix = "example.com/m@v1.0.0/";

  it("computes the h1 that sum.golang.org records, and unpacks what unzip unpacks", async () => {
    const zip = await realFile("/rsc.io/quote/@v/v1.5.2.zip");
    const dir = await tempDir("quote");
    const got = await extractModuleZip(zip, dir, { prefix: "rsc.io/quote@v1.5.2/" });
    const proven = await lookupModuleHash("rsc.io/quote", "v1.5.2", {
      baseURLs: [`${REAL_PROXY}/sumdb/sum.golang.org`],
    });
    expect(got.h1).toBe(proven.zip);
    const unzipped = await tempDir("quote-unzip");
    await execFile("unzip", ["-q", zip, "-d", unzipped]);
    await execFile("diff", ["-r", dir, path.join(unzipped, "rsc.io", "quote@v1.5.2")]);
    expect(got.files).toBe((await execFile("zipinfo", ["-1", zip])).stdout.trim().split("\n").length);
  }, 30_000);

  it("streams big entries and buffers small ones, checking CRC and sizes of both", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251; // poorly compressible enough
    const good = makeZip([
      { name: `${prefix}small.txt`, data: "hello\n", deflate: true },
      { name: `${prefix}big.bin`, data: big, deflate: true },
      { name: `${prefix}stored.bin`, data: big },
    ]);
    const zipPath = path.join(await tempDir("crc"), "m.zip");
    await writeFile(zipPath, good);
    await execFile("unzip", ["-tq", zipPath]); // the writer makes archives unzip accepts
    const dir = await tempDir("crc-out");
    await extractModuleZip(zipPath, dir, { prefix });
    expect((await readFile(path.join(dir, "big.bin"))).equals(big)).toBe(true);
    expect((await readFile(path.join(dir, "stored.bin"))).equals(big)).toBe(true);

    // Flip one byte in each entry's data in turn: every one must be caught.
    const offsets = [30 + `${prefix}small.txt`.length + 2];
    const bigStart = good.indexOf(Buffer.from(`${prefix}big.bin`)) + `${prefix}big.bin`.length;
    offsets.push(bigStart + 100_000);
    const storedStart = good.indexOf(Buffer.from(`${prefix}stored.bin`)) + `${prefix}stored.bin`.length;
    offsets.push(storedStart + 2_000_000);
    for (const at of offsets) {
      const bad = Buffer.from(good);
      (bad[at] as number) ^= 0x55;
      await writeFile(zipPath, bad);
      const out = await tempDir("crc-bad");
      await expect(extractModuleZip(zipPath, out, { prefix }), `byte ${at}`).rejects.toThrow(
        /CRC-32|not valid deflate data|bytes, its header says/,
      );
    }
  });

  it("refuses entries whose declared size is smaller than their data", async () => {
    const zipPath = path.join(await tempDir("size"), "m.zip");
    await writeFile(
      zipPath,
      makeZip([{ name: `${prefix}a.txt`, data: "0123456789".repeat(1000), deflate: true, declaredSize: 10 }]),
    );
    await expect(extractModuleZip(zipPath, await tempDir("size-out"), { prefix })).rejects.toThrow(
      /entry "example\.com\/m@v1\.0\.0\/a\.txt" (has \d+ bytes, its header says 10|is not valid deflate data)/,
    );
  });

  const refused: Array<[string, ZipItem[], RegExp]> = [
    ["a path escaping with ..", [{ name: `${prefix}../evil` }], /path element "\.\."/],
    ["an absolute path", [{ name: "/etc/evil" }], /outside "example\.com\/m@v1\.0\.0\/"/],
    ["a path outside the prefix", [{ name: "example.com/other@v1.0.0/x" }], /outside/],
    ["a backslash", [{ name: `${prefix}a\\..\\..\\evil` }], /backslash/],
    ["a drive letter", [{ name: `${prefix}C:/evil` }], /colon/],
    ["an empty element", [{ name: `${prefix}a//b` }], /path element ""/],
    ["a dot element", [{ name: `${prefix}./a` }], /path element "\."/],
    ["a symlink", [{ name: `${prefix}link`, data: "/etc/passwd", mode: 0o120777 }], /symbolic links/],
    ["a FIFO", [{ name: `${prefix}fifo`, mode: 0o010644 }], /only regular files and directories/],
    [
      "names that differ only in case",
      [{ name: `${prefix}README` }, { name: `${prefix}readme` }],
      /appears twice \(names are compared case-insensitively\)/,
    ],
    [
      "a file and a directory of the same name",
      [{ name: `${prefix}a` }, { name: `${prefix}a/b` }],
      /appears twice/,
    ],
    ["a go.mod below the root", [{ name: `${prefix}sub/go.mod` }], /go\.mod below the module root/],
  ];
  for (const [what, items, message] of refused) {
    it(`refuses ${what} before writing anything`, async () => {
      const zipPath = path.join(await tempDir("bad"), "m.zip");
      // A harmless file first: it must not be written either.
      await writeFile(zipPath, makeZip([{ name: `${prefix}ok.txt`, data: "ok" }, ...items]));
      const out = await tempDir("bad-out");
      await expect(extractModuleZip(zipPath, out, { prefix })).rejects.toThrow(message);
      expect(await readdir(out)).toEqual([]);
    });
  }

  it("refuses a zip whose entries overlap (a zip bomb trick)", async () => {
    const zip = makeZip([
      { name: `${prefix}a`, data: "aaaa" },
      { name: `${prefix}b`, data: "bbbb" },
    ]);
    // Point the second central directory entry at the first entry's local header.
    const cd = zip.readUInt32LE(zip.length - 22 + 16);
    const second = cd + 46 + `${prefix}a`.length;
    zip.writeUInt32LE(0, second + 42);
    const zipPath = path.join(await tempDir("overlap"), "m.zip");
    await writeFile(zipPath, zip);
    await expect(extractModuleZip(zipPath, await tempDir("overlap-out"), { prefix })).rejects.toThrow(
      /overlaps|different name in its local header/,
    );
  });

  it("refuses something that is not a zip", async () => {
    const zipPath = path.join(await tempDir("notzip"), "m.zip");
    await writeFile(zipPath, "<html>proxy error page</html>");
    await expect(extractModuleZip(zipPath, await tempDir("notzip-out"), { prefix })).rejects.toThrow(
      /not a usable zip file: no end of central directory record/,
    );
  });
});

// ─── Installing a toolchain ───────────────────────────────────────────────────

async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.includes(".partial-"));
}

describe("installToolchainFromProxy", () => {
  it("installs Go 1.25.4 for linux/amd64 from proxy.golang.org, verified by sum.golang.org", async () => {
    const proxy = await localProxy();
    const parent = await tempDir("install");
    const dest = path.join(parent, "go");
    const tmpDir = await tempDir("install-tmp");
    const started = performance.now();
    const got = await installToolchainFromProxy({
      version: "1.25.4",
      goos: "linux",
      goarch: "amd64",
      proxies: [proxy.url],
      dest,
      tmpDir,
    });
    console.log(
      `install of go1.25.4 linux/amd64 took ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(got).toEqual({
      url: `${proxy.url}${TOOLCHAIN_ZIP_PATH}`,
      size: (await stat(await realFile(TOOLCHAIN_ZIP_PATH))).size,
      h1: TOOLCHAIN_H1,
    });
    // The tile and lookup requests went through the proxy's /sumdb/ passthrough.
    expect(proxy.requests).toContain("/sumdb/sum.golang.org/supported");
    expect(
      proxy.requests.some((r) => r.startsWith("/sumdb/sum.golang.org/lookup/golang.org/toolchain@")),
    ).toBe(true);
    expect(proxy.requests.some((r) => r.startsWith("/sumdb/sum.golang.org/tile/8/"))).toBe(true);

    const go = path.join(dest, "bin", "go");
    expect((await execFile(go, ["version"], { env: goEnv() })).stdout.trim()).toBe(
      "go version go1.25.4 linux/amd64",
    );
    expect((await execFile(go, ["env", "GOROOT"], { env: goEnv() })).stdout.trim()).toBe(dest);
    for (const exe of ["bin/go", "bin/gofmt", "pkg/tool/linux_amd64/compile", "pkg/tool/linux_amd64/link"]) {
      expect((await stat(path.join(dest, exe))).mode & 0o111, exe).toBe(0o111);
    }
    expect((await stat(path.join(dest, "src", "fmt", "print.go"))).mode & 0o111).toBe(0);
    const compile = await execFile(path.join(dest, "pkg/tool/linux_amd64/compile"), ["-V"]);
    expect(compile.stdout.trim()).toBe("compile version go1.25.4");
    // src/go.mod comes from src/_go.mod, as the go command arranges: "std" resolves.
    expect(await readFile(path.join(dest, "src", "go.mod"), "utf8")).toBe(
      await readFile(path.join(dest, "src", "_go.mod"), "utf8"),
    );
    expect(
      (await execFile(go, ["list", "-m"], { cwd: path.join(dest, "src"), env: goEnv() })).stdout.trim(),
    ).toBe("std");
    expect(
      (
        await execFile(go, ["list", "-m"], { cwd: path.join(dest, "src", "cmd"), env: goEnv() })
      ).stdout.trim(),
    ).toBe("cmd");
    await expect(lstat(path.join(dest, "go.mod"))).rejects.toThrow();
    expect(await leftovers(parent)).toEqual([]);
    expect(await readdir(tmpDir)).toEqual([]);
  }, 120_000);

  it("refuses a toolchain zip with one file changed, naming the module and both hashes", async () => {
    const proxy = await localProxy();
    const dir = await tempDir("tampered");
    const zip = path.join(dir, "tampered.zip");
    await copyFile(await realFile(TOOLCHAIN_ZIP_PATH), zip);
    const version = path.join(dir, TOOLCHAIN, "VERSION");
    await mkdir(path.dirname(version), { recursive: true });
    await writeFile(version, "go1.25.4\ntime 2025-10-31T13:24:00Z\n# changed\n");
    await execFile("zip", ["-q", "-D", zip, `${TOOLCHAIN}/VERSION`], { cwd: dir, timeoutMs: 60_000 });
    proxy.overrides.set(TOOLCHAIN_ZIP_PATH, zip);

    const parent = await tempDir("tampered-dest");
    const dest = path.join(parent, "go");
    const tmpDir = await tempDir("tampered-tmp");
    const install = installToolchainFromProxy({
      version: "1.25.4",
      goos: "linux",
      goarch: "amd64",
      proxies: [proxy.url],
      dest,
      tmpDir,
    });
    const err = await install.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    const message = (err as Error).message;
    expect(message).toContain(`SECURITY ERROR: ${TOOLCHAIN}`);
    expect(message).toContain(`checksum database sum.golang.org records ${TOOLCHAIN_H1}`);
    const hashes = message.match(/h1:[A-Za-z0-9+/]{43}=/g) ?? [];
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).not.toBe(TOOLCHAIN_H1);
    await expect(lstat(dest)).rejects.toThrow();
    expect(await leftovers(parent)).toEqual([]);
    expect(await readdir(tmpDir)).toEqual([]);
  }, 120_000);

  it("refuses a small fake toolchain whose bin/go would run anything", async () => {
    const proxy = await localProxy();
    const zip = path.join(await tempDir("fake"), "fake.zip");
    await writeFile(
      zip,
      makeZip([
        { name: `${TOOLCHAIN}/bin/go`, data: "#!/bin/sh\necho go version go1.25.4 linux/amd64\n" },
        { name: `${TOOLCHAIN}/VERSION`, data: "go1.25.4\n" },
      ]),
    );
    proxy.overrides.set(TOOLCHAIN_ZIP_PATH, zip);
    const parent = await tempDir("fake-dest");
    const dest = path.join(parent, "go");
    await expect(
      installToolchainFromProxy({
        version: "1.25.4",
        goos: "linux",
        goarch: "amd64",
        proxies: [proxy.url],
        dest,
      }),
    ).rejects.toThrow(
      /SECURITY ERROR: golang\.org\/toolchain@v0\.0\.1-go1\.25\.4\.linux-amd64: the zip from .* has hash h1:/,
    );
    await expect(lstat(dest)).rejects.toThrow();
    expect(await leftovers(parent)).toEqual([]);
  }, 60_000);

  it("refuses a toolchain zip with a symlink (made by zip --symlinks)", async () => {
    const proxy = await localProxy();
    const dir = await tempDir("symlink");
    await mkdir(path.join(dir, TOOLCHAIN, "bin"), { recursive: true });
    await symlink("/bin/sh", path.join(dir, TOOLCHAIN, "bin", "go"));
    const zip = path.join(dir, "symlink.zip");
    await execFile("zip", ["-q", "-D", "--symlinks", zip, `${TOOLCHAIN}/bin/go`], { cwd: dir });
    proxy.overrides.set(TOOLCHAIN_ZIP_PATH, zip);
    const parent = await tempDir("symlink-dest");
    const dest = path.join(parent, "go");
    await expect(
      installToolchainFromProxy({
        version: "1.25.4",
        goos: "linux",
        goarch: "amd64",
        proxies: [proxy.url],
        dest,
      }),
    ).rejects.toThrow(
      /refusing entry "golang\.org\/toolchain@v0\.0\.1-go1\.25\.4\.linux-amd64\/bin\/go": symbolic links/,
    );
    await expect(lstat(dest)).rejects.toThrow();
    expect(await leftovers(parent)).toEqual([]);
  }, 60_000);

  it("refuses a toolchain zip with a path that climbs out", async () => {
    const proxy = await localProxy();
    const zip = path.join(await tempDir("climb"), "climb.zip");
    await writeFile(zip, makeZip([{ name: `${TOOLCHAIN}/../../../evil`, data: "x" }]));
    proxy.overrides.set(TOOLCHAIN_ZIP_PATH, zip);
    const parent = await tempDir("climb-dest");
    await expect(
      installToolchainFromProxy({
        version: "1.25.4",
        goos: "linux",
        goarch: "amd64",
        proxies: [proxy.url],
        dest: path.join(parent, "go"),
      }),
    ).rejects.toThrow(/path element "\.\."/);
    expect(await readdir(parent)).toEqual([]);
  }, 60_000);

  it("says when the checksum database does not know the version", async () => {
    const parent = await tempDir("unknown");
    await expect(
      installToolchainFromProxy({
        version: "1.25.99",
        goos: "linux",
        goarch: "amd64",
        proxies: [REAL_PROXY],
        dest: path.join(parent, "go"),
      }),
    ).rejects.toThrow(
      /golang\.org\/toolchain@v0\.0\.1-go1\.25\.99\.linux-amd64 is not in the checksum database/,
    );
    expect(await readdir(parent)).toEqual([]);
  }, 30_000);

  it("refuses to install over an existing directory and refuses bad arguments", async () => {
    const dest = await tempDir("exists");
    const base = { version: "1.25.4", goos: "linux", goarch: "amd64", proxies: [REAL_PROXY], dest };
    await expect(installToolchainFromProxy(base)).rejects.toThrow(/already exists/);
    await expect(installToolchainFromProxy({ ...base, version: "1.25.x" })).rejects.toThrow(
      /not a Go version/,
    );
    await expect(installToolchainFromProxy({ ...base, goos: "../x" })).rejects.toThrow(
      /not a GOOS\/GOARCH pair/,
    );
  });
});
