import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { extractTarGz } from "../../src/archive/tar.js";
import {
  checkGoDevBaseUrl,
  fetchGoDevReleases,
  findGoDevArchive,
  type GoDevReleaseT,
  installGoFromGoDev,
} from "../../src/go/godev.js";
import { UserError } from "../../src/kit/errors.js";
import { execFile } from "../../src/kit/exec.js";
import { sendBytes } from "../support/send-bytes.js";

const GOROOT = "/usr/local/go";
const VERSION = "1.26.8";
const FILENAME = `go${VERSION}.linux-amd64.tar.gz`;

let tmp: string;
let tarball: string;
let tarSha256: string;
let tarSize: number;
let server: Server;
let base: string;
/** What the server managed to send of each archive download in the oversize scenario. */
const oversizeSent: Promise<number>[] = [];
/** Query strings of listing requests, to check what was asked for. */
const listingQueries: string[] = [];

const fakeSha = () => randomBytes(32).toString("hex");

/** go.dev's shape: per release, source, archives and installers for several platforms. */
function listing(real: { sha256: string; size: number }): GoDevReleaseT[] {
  const release = (version: string, stable: boolean): GoDevReleaseT => {
    const v = `go${version}`;
    const file = (filename: string, os: string, arch: string, kind: "archive" | "installer" | "source") => ({
      filename,
      os,
      arch,
      version: v,
      sha256: fakeSha(),
      size: 60_000_000 + Math.floor(Math.random() * 20_000_000),
      kind,
    });
    const files = [
      file(`${v}.src.tar.gz`, "", "", "source"),
      file(`${v}.darwin-arm64.pkg`, "darwin", "arm64", "installer"),
      file(`${v}.darwin-arm64.tar.gz`, "darwin", "arm64", "archive"),
      file(`${v}.freebsd-amd64.tar.gz`, "freebsd", "amd64", "archive"),
      file(`${v}.linux-386.tar.gz`, "linux", "386", "archive"),
      file(`${v}.linux-amd64.tar.gz`, "linux", "amd64", "archive"),
      file(`${v}.linux-arm64.tar.gz`, "linux", "arm64", "archive"),
      file(`${v}.linux-armv6l.tar.gz`, "linux", "armv6l", "archive"),
      file(`${v}.windows-amd64.msi`, "windows", "amd64", "installer"),
      file(`${v}.windows-amd64.zip`, "windows", "amd64", "archive"),
    ];
    if (version === VERSION) {
      const f = files.find((x) => x.filename === FILENAME);
      if (f) Object.assign(f, real);
    }
    return { version: v, stable, files };
  };
  return [
    release("1.27rc1", false),
    release(VERSION, true),
    release("1.26.7", true),
    release("1.25.9", true),
    release("1.24.0", true),
  ];
}

/**
 * Paths are /<scenario>/dl/...: good (real listing and file), badsha (listing with a
 * wrong sha256), badshape (listing that fails validation), notjson, missing (file 404),
 * oversize (a listing that gives 1000 bytes for the archive, which then runs to 64 MiB).
 */
function handle(
  scenario: string,
  rest: string,
  query: string,
): { status: number; json?: unknown; file?: string } {
  const good = listing({ sha256: tarSha256, size: tarSize });
  if (rest === "/dl/") {
    listingQueries.push(query);
    if (scenario === "badsha") {
      const bad = listing({ sha256: fakeSha(), size: tarSize });
      return { status: 200, json: bad };
    }
    if (scenario === "badshape") {
      const broken = structuredClone(good) as unknown as Array<{ files: Array<Record<string, unknown>> }>;
      const f = broken[1]?.files[2];
      if (f) {
        f.size = "64 MB";
        delete f.sha256;
      }
      return { status: 200, json: broken };
    }
    if (scenario === "notjson") return { status: 200, json: undefined };
    if (scenario === "oversize") return { status: 200, json: listing({ sha256: tarSha256, size: 1000 }) };
    return { status: 200, json: good };
  }
  if (rest === `/dl/${FILENAME}` && scenario !== "missing") return { status: 200, file: tarball };
  return { status: 404 };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "goship-godev-"));
  tarball = path.join(tmp, FILENAME);
  const started = performance.now();
  // A real Go distribution, laid out as go.dev ships it (top directory go/).
  await execFile("tar", ["-C", "/usr/local", "-czf", tarball, "go"], { timeoutMs: 110_000 });
  console.log(`built ${FILENAME} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  tarSize = (await stat(tarball)).size;
  const { stdout } = await execFile("sha256sum", [tarball]);
  tarSha256 = stdout.split(" ")[0] as string;

  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const [, scenario = "", ...restParts] = url.pathname.split("/");
    const answer = handle(scenario, `/${restParts.join("/")}`, url.search);
    if (scenario === "oversize" && answer.file) {
      // Far more than the 1000 bytes the listing gives, with no Content-Length to refuse early.
      res.writeHead(200, { "content-type": "application/gzip" });
      oversizeSent.push(sendBytes(res, 64 * 1024 * 1024));
    } else if (answer.file) {
      res.writeHead(200, { "content-type": "application/gzip", "content-length": tarSize });
      createReadStream(answer.file).pipe(res);
    } else if (answer.status === 200) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(answer.json === undefined ? "<html>not json</html>" : JSON.stringify(answer.json, null, 1));
    } else {
      res.writeHead(answer.status, { "content-type": "text/plain" });
      res.end("not found\n");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(tmp, { recursive: true, force: true });
});

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function sortedLines(cmd: string, args: string[]): Promise<string[]> {
  const { stdout } = await execFile(cmd, args, { timeoutMs: 60_000 });
  return stdout
    .split("\n")
    .filter((l) => l !== "")
    .sort();
}

describe("checkGoDevBaseUrl", () => {
  it("takes https, and cleartext http only to a literal loopback address", () => {
    for (const url of [
      "https://go.dev/dl",
      "https://mirror.example.com:8443/go/dl/",
      "http://127.0.0.1:8080/dl",
      "http://127.45.6.7/dl",
      "http://[::1]:9000/dl",
    ]) {
      expect(() => checkGoDevBaseUrl(url), url).not.toThrow();
    }
  });

  it("refuses cleartext elsewhere, other schemes, credentials and queries, naming the input", () => {
    const cases: [string, RegExp][] = [
      ["http://go.dev/dl", /cleartext http to go.dev would let anyone on the path change both/],
      ["http://localhost:8080/dl", /cleartext http to localhost/], // a name: hosts file or DNS decide
      ["http://127.0.0.1.nip.io/dl", /cleartext http to 127.0.0.1.nip.io/],
      ["http://10.0.0.1/dl", /cleartext http to 10.0.0.1/],
      ["http://[::ffff:127.0.0.1]/dl", /cleartext http to \[::ffff:7f00:1\]/],
      ["ftp://mirror.example/dl", /the scheme ftp: is not https:/],
      ["https://user:hunter2@mirror.example/dl", /it carries credentials/],
      [
        "https://mirror.example/dl?token=hunter2",
        /has value "https:\/\/mirror.example\/dl\?\*\*\*": it has a query or fragment/,
      ],
      ["not a url", /it is not a URL/],
    ];
    for (const [url, why] of cases) {
      const err = (() => {
        try {
          checkGoDevBaseUrl(url);
        } catch (e) {
          return e as Error;
        }
        throw new Error(`${url} was accepted`);
      })();
      expect(err).toBeInstanceOf(UserError);
      expect(err.message, url).toMatch(/^input "go-download-base-url" has value "/);
      expect(err.message, url).toMatch(why);
      expect(err.message).not.toContain("hunter2");
    }
  });

  it("is checked before anything is fetched", async () => {
    await expect(fetchGoDevReleases("http://mirror.example.com/dl")).rejects.toThrow(
      /input "go-download-base-url" .*cleartext http/,
    );
  });
});

describe("findGoDevArchive", () => {
  const releases = () => listing({ sha256: "a".repeat(64), size: 1 });

  it("picks the .tar.gz archive, not the installer, and maps arm to armv6l", () => {
    expect(findGoDevArchive(releases(), VERSION, "linux", "amd64")).toEqual({
      filename: FILENAME,
      sha256: "a".repeat(64),
      size: 1,
    });
    expect(findGoDevArchive(releases(), VERSION, "darwin", "arm64")?.filename).toBe(
      `go${VERSION}.darwin-arm64.tar.gz`,
    );
    expect(findGoDevArchive(releases(), "1.27rc1", "linux", "arm")?.filename).toBe(
      "go1.27rc1.linux-armv6l.tar.gz",
    );
    expect(findGoDevArchive(releases(), "1.99.0", "linux", "amd64")).toBeUndefined();
    expect(findGoDevArchive(releases(), VERSION, "linux", "riscv64")).toBeUndefined();
  });

  it("says that windows .zip archives are not supported", () => {
    expect(() => findGoDevArchive(releases(), VERSION, "windows", "amd64")).toThrow(UserError);
    expect(() => findGoDevArchive(releases(), VERSION, "windows", "amd64")).toThrow(
      /only \.tar\.gz archives/,
    );
  });
});

describe("fetchGoDevReleases", () => {
  it("fetches and validates the listing with mode=json&include=all", async () => {
    const releases = await fetchGoDevReleases(`${base}/good/dl/`);
    expect(releases.map((r) => r.version)).toEqual([
      "go1.27rc1",
      `go${VERSION}`,
      "go1.26.7",
      "go1.25.9",
      "go1.24.0",
    ]);
    expect(releases[0]?.stable).toBe(false);
    expect(listingQueries.at(-1)).toBe("?mode=json&include=all");
  });

  it("rejects a listing that does not have go.dev's shape, saying where", async () => {
    const err = await fetchGoDevReleases(`${base}/badshape/dl`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const msg = (err as Error).message;
    expect(msg).toContain(`${base}/badshape/dl/?mode=json&include=all`);
    expect(msg).toContain("[1][files][2][size]");
    expect(msg).toContain("[1][files][2][sha256]");
  });

  it("rejects a listing that is not JSON", async () => {
    await expect(fetchGoDevReleases(`${base}/notjson/dl`)).rejects.toThrow(/is not JSON/);
  });

  it("fails fast, naming the URL, when nothing listens", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/dl`;
    const started = performance.now();
    const err = await fetchGoDevReleases(url).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    console.log(`connection refused reported after ${elapsed.toFixed(0)} ms`);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain(`${url}/?mode=json&include=all`);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    expect(elapsed).toBeLessThan(5000);
  });
});

describe("installGoFromGoDev", () => {
  it("installs a real Go distribution that runs", { timeout: 90_000 }, async () => {
    const work = await mkdtemp(path.join(tmp, "install-"));
    const dest = path.join(work, "toolcache", "go", VERSION, "x64");
    const tmpDir = path.join(work, "tmp");
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const got = await installGoFromGoDev({
      version: VERSION,
      goos: "linux",
      goarch: "amd64",
      baseUrl: `${base}/good/dl`,
      dest,
      tmpDir,
    }).finally(() => write.mockRestore());
    expect(got).toEqual({ url: `${base}/good/dl/${FILENAME}`, size: tarSize, sha256: tarSha256 });
    // A progress line as the download and the extraction start (the heartbeat names them while they run).
    const starts = printed.filter((l) => l.startsWith("→ "));
    expect(starts).toEqual([
      expect.stringMatching(
        new RegExp(`^→ Downloading ${base}/good/dl/${FILENAME} \\(.*\\), sha256 checked on the way\n$`),
      ),
      `→ Extracting ${FILENAME}\n`,
    ]);

    const env = { ...process.env, GOTOOLCHAIN: "local", GOROOT: "", GOFLAGS: "" };
    const version = await execFile(path.join(dest, "bin", "go"), ["version"], { env, cwd: work });
    expect(version.stdout).toContain(`go version go${VERSION} linux/amd64`);
    const goroot = await execFile(path.join(dest, "bin", "go"), ["env", "GOROOT"], { env, cwd: work });
    expect(goroot.stdout.trim()).toBe(dest);

    // Same files, byte for byte, as the tree the tarball was made from; same executables.
    await execFile("diff", ["-r", "--no-dereference", GOROOT, dest], { timeoutMs: 60_000 });
    expect(await sortedLines("find", [dest, "-type", "f", "-perm", "-u+x", "-printf", "%P\n"])).toEqual(
      await sortedLines("find", [GOROOT, "-type", "f", "-perm", "-u+x", "-printf", "%P\n"]),
    );
    // No staging directory next to dest, no download left in tmpDir.
    expect(await readdir(path.dirname(dest))).toEqual(["x64"]);
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it("refuses an archive whose sha256 differs from the listing and leaves nothing", async () => {
    const work = await mkdtemp(path.join(tmp, "badsha-"));
    const dest = path.join(work, "go");
    const tmpDir = path.join(work, "tmp");
    const err = await installGoFromGoDev({
      version: VERSION,
      goos: "linux",
      goarch: "amd64",
      baseUrl: `${base}/badsha/dl`,
      dest,
      tmpDir,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/checksum mismatch/);
    expect((err as Error).message).toContain(tarSha256);
    await expect(lstat(dest)).rejects.toThrow(/ENOENT/);
    expect(await readdir(work)).toEqual(["tmp"]);
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it("stops reading an archive at the size the listing gives, and keeps nothing", async () => {
    const work = await mkdtemp(path.join(tmp, "oversize-"));
    const dest = path.join(work, "go");
    const tmpDir = path.join(work, "tmp");
    const err = await installGoFromGoDev({
      version: VERSION,
      goos: "linux",
      goarch: "amd64",
      baseUrl: `${base}/oversize/dl`,
      dest,
      tmpDir,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe(
      `GET ${base}/oversize/dl/${FILENAME}: the answer is larger than 1000 bytes, the most expected here; stopped reading`,
    );
    // One request, not retried; what the server got out is bounded by the socket buffers
    // on loopback (a few MiB), not the 64 MiB it offered.
    expect(oversizeSent).toHaveLength(1);
    expect(await oversizeSent[0]).toBeLessThan(16 * 1024 * 1024);
    await expect(lstat(dest)).rejects.toThrow(/ENOENT/);
    expect(await readdir(work)).toEqual(["tmp"]);
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it("says clearly when the listed file answers 404", async () => {
    const work = await mkdtemp(path.join(tmp, "missing-"));
    const dest = path.join(work, "go");
    const err = await installGoFromGoDev({
      version: VERSION,
      goos: "linux",
      goarch: "amd64",
      baseUrl: `${base}/missing/dl`,
      dest,
      tmpDir: path.join(work, "tmp"),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe(
      `downloading Go ${VERSION} for linux/amd64: GET ${base}/missing/dl/${FILENAME} answered HTTP 404`,
    );
    await expect(lstat(dest)).rejects.toThrow(/ENOENT/);
  });

  it("says when the listing has no archive for the version or platform", async () => {
    const work = await mkdtemp(path.join(tmp, "none-"));
    await expect(
      installGoFromGoDev({
        version: "1.99.0",
        goos: "linux",
        goarch: "amd64",
        baseUrl: `${base}/good/dl`,
        dest: path.join(work, "go"),
        tmpDir: path.join(work, "tmp"),
      }),
    ).rejects.toThrow(/has no \.tar\.gz archive of Go 1\.99\.0 for linux\/amd64/);
  });

  it("fails fast, naming the URL, when go.dev refuses connections", async () => {
    const work = await mkdtemp(path.join(tmp, "refused-"));
    const url = `http://127.0.0.1:${await closedPort()}/dl`;
    const started = performance.now();
    const err = await installGoFromGoDev({
      version: VERSION,
      goos: "linux",
      goarch: "amd64",
      baseUrl: url,
      dest: path.join(work, "go"),
      tmpDir: path.join(work, "tmp"),
    }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain(url);
    expect(await readdir(work)).toEqual([]);
  });
});

describe("extraction throughput on the real Go tarball", () => {
  it("extractTarGz vs tar xzf (figures only), same tree", { timeout: 120_000 }, async () => {
    const ours = path.join(tmp, "bench-ours");
    const theirs = path.join(tmp, "bench-tar");
    await mkdir(theirs);
    // Warm the page cache so neither run pays for the first read.
    await new Promise<void>((resolve, reject) =>
      createReadStream(tarball).pipe(createHash("sha256")).on("finish", resolve).on("error", reject),
    );

    // Wall time on a shared machine is noisy; CPU time (all threads, and tar's gzip child) less so.
    let t = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await extractTarGz(tarball, ours, { stripComponents: 1 });
    const oursCpu = process.cpuUsage(cpu0);
    const oursMs = performance.now() - t;
    t = performance.now();
    const timed = await execFile(
      "/usr/bin/time",
      ["-f", "%U %S", "tar", "-C", theirs, "--strip-components=1", "-xzf", tarball],
      { timeoutMs: 60_000 },
    );
    const tarMs = performance.now() - t;
    const [tarUser = 0, tarSys = 0] = timed.stderr.trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];

    const mib = result.bytes / 1024 / 1024;
    const line = (label: string, ms: number, user: number, sys: number) =>
      `  ${label} ${(ms / 1000).toFixed(2)} s wall (${(mib / (ms / 1000)).toFixed(0)} MiB/s), ` +
      `cpu ${user.toFixed(2)} s user + ${sys.toFixed(2)} s sys`;
    console.log(
      `Go ${VERSION} tarball: ${(tarSize / 1024 / 1024).toFixed(1)} MiB gzip, ${mib.toFixed(1)} MiB in ` +
        `${result.files} files and ${result.directories} directories; load average ${loadavg()[0]?.toFixed(1)}\n` +
        `${line("extractTarGz:", oursMs, oursCpu.user / 1e6, oursCpu.system / 1e6)}\n` +
        line("tar xzf:     ", tarMs, tarUser, tarSys),
    );
    await execFile("diff", ["-r", "--no-dereference", theirs, ours], { timeoutMs: 60_000 });
    expect(result.files).toBe(
      Number((await execFile("sh", ["-c", `find "$1" -type f | wc -l`, "sh", ours])).stdout.trim()),
    );
  });
});
