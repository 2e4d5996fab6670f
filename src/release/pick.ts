/**
 * The runner side of a deploy: from a verified release directory, the one artifact that
 * runs on a host, and only its binary, extracted and checked against the signed manifest.
 *
 * Archives are read twice: a first pass lists every member and refuses the whole archive
 * on anything that could reach outside the destination (absolute or `..` paths), on links
 * and devices, and on a binary name that is not exactly one regular file; only then is the
 * one member written, to a temporary file in destDir that is renamed into place after its
 * sha256 and size match the manifest.
 */
import { createHash, randomBytes } from "node:crypto";
import { constants, createReadStream } from "node:fs";
import { type FileHandle, lstat, mkdir, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { parsePax, parseTarHeader } from "../archive/tar.js";
import { type ZipEntry, ZipReader } from "../archive/zip.js";
import type { ReleaseArtifactT, ReleaseManifestT } from "../contract/manifest.js";
import { SafeName } from "../contract/names.js";
import { formatTarget, VARIANTS } from "../contract/targets.js";
import { errorMessage, UserError } from "../kit/errors.js";
import { sha256File } from "../kit/hash.js";

/** The platform a binary must run on: what `uname -m` says on the host, in Go's terms. */
export interface HostPlatform {
  goos: "linux";
  goarch: string;
  /** GOARM for arm ("7"), GOAMD64 for amd64 ("v3"); absent means the baseline. */
  variant?: string;
}

export interface ExtractedBinary {
  path: string;
  sha256: string;
  size: number;
}

/** `uname -m` → GOARCH (and GOARM for 32-bit ARM). Only unambiguous names are mapped. */
const UNAME: Readonly<Record<string, { goarch: string; variant?: string }>> = {
  x86_64: { goarch: "amd64" },
  amd64: { goarch: "amd64" },
  aarch64: { goarch: "arm64" },
  arm64: { goarch: "arm64" },
  armv8l: { goarch: "arm", variant: "7" }, // 32-bit userland on an ARMv8 core
  armv7l: { goarch: "arm", variant: "7" },
  armv7: { goarch: "arm", variant: "7" },
  armv6l: { goarch: "arm", variant: "6" },
  armv5tel: { goarch: "arm", variant: "5" },
  armv5tejl: { goarch: "arm", variant: "5" },
  armv5l: { goarch: "arm", variant: "5" },
  i386: { goarch: "386" },
  i486: { goarch: "386" },
  i586: { goarch: "386" },
  i686: { goarch: "386" },
  riscv64: { goarch: "riscv64" },
  ppc64le: { goarch: "ppc64le" },
  ppc64: { goarch: "ppc64" },
  s390x: { goarch: "s390x" },
  loongarch64: { goarch: "loong64" },
};

/**
 * Maps `uname -m` output to the host platform. mips and mips64 are refused: the kernel
 * reports the same name for both byte orders, so the right GOARCH cannot be told from it.
 */
export function goarchFromUname(machine: string): HostPlatform {
  const m = machine.trim();
  const hit = UNAME[m];
  if (hit) return { goos: "linux", ...hit };
  if (m === "mips" || m === "mips64")
    throw new UserError(
      `uname -m says "${m}", which Linux reports for both byte orders (${m} and ${m}le); cannot tell which binary runs there`,
    );
  throw new UserError(
    `uname -m says ${JSON.stringify(m)}, a machine goship does not know; known: ${Object.keys(UNAME).join(", ")}`,
  );
}

/**
 * Variants ordered by what they require of the CPU, and the level an artifact built
 * without a variant has (Go's default when cross-compiling: GOAMD64=v1, GOARM=7).
 */
const ORDERED: Readonly<Record<string, { values: readonly string[]; unset: string }>> = {
  amd64: { values: VARIANTS.amd64?.values ?? ["v1", "v2", "v3", "v4"], unset: "v1" },
  arm: { values: VARIANTS.arm?.values ?? ["5", "6", "7"], unset: "7" },
};

/**
 * The artifact that runs on `host`: the exact variant if the release has it; for amd64
 * and arm the most demanding variant the host supports (an artifact without a variant
 * counts as v1 on amd64 and 7 on arm); for other architectures the artifact without a
 * variant. Throws a UserError listing the release's targets when none fits.
 */
export function pickArtifact(manifest: ReleaseManifestT, host: HostPlatform): ReleaseArtifactT {
  const same = manifest.artifacts.filter((a) => a.goos === host.goos && a.goarch === host.goarch);
  const exact = same.find((a) => (a.variant ?? "") === (host.variant ?? ""));
  if (exact) return exact;
  const order = ORDERED[host.goarch];
  let best: { artifact: ReleaseArtifactT; level: number } | undefined;
  if (order) {
    const hostLevel = order.values.indexOf(host.variant ?? order.unset);
    for (const a of same) {
      const level = order.values.indexOf(a.variant ?? order.unset);
      if (level < 0 || hostLevel < 0 || level > hostLevel) continue;
      if (!best || level > best.level) best = { artifact: a, level };
    }
  } else {
    const plain = same.find((a) => a.variant === undefined);
    if (plain) best = { artifact: plain, level: 0 };
  }
  if (best) return best.artifact;
  const has = manifest.artifacts.map((a) => formatTarget(a)).join(", ");
  const why =
    same.length > 0
      ? `it has ${host.goarch} only for ${same.map((a) => a.variant ?? "the default variant").join(", ")}, which this host cannot run`
      : `it has no ${host.goos}/${host.goarch} build`;
  throw new UserError(
    `${manifest.project} ${manifest.version} has no binary for ${formatTarget(host)}: ${why}; the release has ${has}`,
  );
}

/**
 * Extracts artifact.binary from its archive in releaseDir into destDir/<binary name>,
 * mode 0755. The archive's sha256 and size are checked against the artifact record
 * first; the written file's against artifact.binary. Nothing is left in destDir on failure.
 */
export async function extractBinary(
  releaseDir: string,
  artifact: ReleaseArtifactT,
  destDir: string,
): Promise<ExtractedBinary> {
  const { archive, binary } = artifact;
  for (const [what, name] of [
    ["archive", archive.name],
    ["binary", binary.name],
  ] as const) {
    if (!SafeName.safeParse(name).success)
      throw new UserError(`the manifest's ${what} name ${JSON.stringify(name)} is not a plain file name`);
  }
  const archivePath = join(releaseDir, archive.name);
  const st = await lstat(archivePath).catch(() => undefined);
  if (!st?.isFile()) throw new UserError(`${archive.name}: missing from ${releaseDir} or not a regular file`);
  const got = await sha256File(archivePath);
  if (got.sha256 !== archive.sha256 || got.size !== archive.size)
    throw new UserError(
      `${archive.name}: sha256 ${got.sha256} (${got.size} bytes) differs from the manifest's ${archive.sha256} (${archive.size} bytes)`,
    );

  const target = { name: binary.name, sha256: binary.sha256, size: binary.size };
  switch (archive.format) {
    case "binary":
      return writeVerified(destDir, target, archive.name, (sink) =>
        feed(createReadStream(archivePath, { highWaterMark: 1 << 20 }), sink),
      );
    case "tar.gz": {
      const index = await planTar(archivePath, archive.name, target);
      return writeVerified(destDir, target, archive.name, (sink) =>
        tarMember(archivePath, archive.name, index, sink),
      );
    }
    case "zip":
      return extractFromZip(archivePath, archive.name, target, destDir);
  }
}

// ─── Member checks shared by tar and zip ─────────────────────────────────────────────

interface Wanted {
  name: string;
  sha256: string;
  size: number;
}

/** The member's path with "." and empty components dropped; refuses anything unsafe. */
function memberPath(archive: string, name: string): string {
  const bad = (why: string) =>
    new UserError(`${archive}: entry ${JSON.stringify(name)} ${why}; refusing the archive`);
  if (name === "") throw bad("has an empty name");
  if (name.includes("\0")) throw bad("has a NUL byte in its name");
  if (name.startsWith("/")) throw bad("has an absolute path");
  if (name.includes("\\") || /^[A-Za-z]:/.test(name)) throw bad("has a Windows-style path");
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw bad('has a ".." path component');
  return parts.join("/");
}

type MemberKind = "file" | "directory" | "hard link" | "symbolic link" | "device" | "FIFO" | "special file";

/**
 * Applied to each member in archive order: every member's path is checked, links and
 * devices are refused anywhere, and the binary's name must be one regular file of the
 * expected size. Returns true for the binary's member.
 */
class MemberCheck {
  found = 0;
  constructor(
    private readonly archive: string,
    private readonly wanted: Wanted,
  ) {}

  visit(name: string, kind: MemberKind, size: number, linkTarget?: string): boolean {
    const path = memberPath(this.archive, name);
    const quoted = JSON.stringify(name);
    const link = linkTarget === undefined ? "" : ` (to ${JSON.stringify(linkTarget)})`;
    if (path === this.wanted.name) {
      if (kind !== "file")
        throw new UserError(
          `${this.archive}: entry ${quoted} is a ${kind}${link}, not a regular file; refusing the archive`,
        );
      if (++this.found > 1)
        throw new UserError(`${this.archive}: entry ${quoted} appears more than once; refusing the archive`);
      if (size !== this.wanted.size)
        throw new UserError(
          `${this.archive}: entry ${quoted} has ${size} bytes, the manifest says ${this.wanted.size}; refusing the archive`,
        );
      return true;
    }
    if (kind !== "file" && kind !== "directory")
      throw new UserError(
        `${this.archive}: entry ${quoted} is a ${kind}${link}; only regular files and directories are accepted; refusing the archive`,
      );
    return false;
  }

  done(): void {
    if (this.found === 0)
      throw new UserError(`${this.archive}: has no entry named ${JSON.stringify(this.wanted.name)}`);
  }
}

// ─── Writing the binary ──────────────────────────────────────────────────────────────

/**
 * Streams what `produce` gives its sink into a temporary file in destDir (created
 * exclusively, never through a link), checks size and sha256 against `wanted`, sets 0755
 * and renames it into place.
 */
async function writeVerified(
  destDir: string,
  wanted: Wanted,
  archive: string,
  produce: (sink: (chunk: Buffer) => Promise<void>) => Promise<void>,
): Promise<ExtractedBinary> {
  await mkdir(destDir, { recursive: true }).catch((e: unknown) => {
    throw new UserError(`cannot use ${destDir} as the destination: ${errorMessage(e)}`);
  });
  const final = join(destDir, wanted.name);
  const temp = join(destDir, `.${wanted.name}.${randomBytes(6).toString("hex")}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  let fh: FileHandle | undefined;
  try {
    fh = await open(temp, flags, 0o600);
    const hash = createHash("sha256");
    let size = 0;
    const out = fh;
    await produce(async (chunk) => {
      size += chunk.length;
      if (size > wanted.size)
        throw new UserError(`${archive}: ${wanted.name} is bigger than the manifest's ${wanted.size} bytes`);
      hash.update(chunk);
      let off = 0;
      while (off < chunk.length) off += (await out.write(chunk, off, chunk.length - off)).bytesWritten;
    });
    const sha256 = hash.digest("hex");
    if (size !== wanted.size || sha256 !== wanted.sha256)
      throw new UserError(
        `${archive}: ${wanted.name} has sha256 ${sha256} (${size} bytes), the manifest says ${wanted.sha256} (${wanted.size} bytes)`,
      );
    await fh.chmod(0o755);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(temp, final);
    return { path: final, sha256, size };
  } catch (e) {
    await fh?.close().catch(() => {});
    await rm(temp, { force: true });
    throw e;
  }
}

async function feed(data: Buffer | AsyncIterable<Buffer>, sink: (chunk: Buffer) => Promise<void>) {
  if (Buffer.isBuffer(data)) await sink(data);
  else for await (const chunk of data) await sink(chunk);
}

// ─── zip ─────────────────────────────────────────────────────────────────────────────

async function extractFromZip(
  file: string,
  archive: string,
  wanted: Wanted,
  destDir: string,
): Promise<ExtractedBinary> {
  const zip = await ZipReader.open(file);
  try {
    const check = new MemberCheck(archive, wanted);
    const kinds: Record<string, MemberKind> = {
      file: "file",
      directory: "directory",
      symlink: "symbolic link",
      other: "special file",
    };
    let target: ZipEntry | undefined;
    for (const e of zip.entries) {
      if (check.visit(e.name, kinds[e.kind] ?? "special file", e.kind === "file" ? e.uncompressedSize : 0))
        target = e;
    }
    check.done();
    let result: ExtractedBinary | undefined;
    await zip.forEachInFileOrder(async (entry, content: Buffer | Readable) => {
      if (entry === target)
        result = await writeVerified(destDir, wanted, archive, (sink) => feed(content, sink));
      else if (!Buffer.isBuffer(content)) for await (const _ of content);
    });
    if (!result) throw new UserError(`${archive}: ${wanted.name} was not read`);
    return result;
  } finally {
    await zip.close();
  }
}

// ─── tar.gz ──────────────────────────────────────────────────────────────────────────

const BLOCK = 512;
const MAX_META = 1024 * 1024;

/** Pulls exact byte counts from a stream of chunks. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private ended = false;
  constructor(
    private readonly it: AsyncIterator<Buffer>,
    private readonly archive: string,
  ) {}

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? r.value : Buffer.concat([this.buf, r.value]);
    return true;
  }

  /** Exactly n bytes, or undefined at a clean end of stream (nothing left). */
  async read(n: number): Promise<Buffer | undefined> {
    while (this.buf.length < n) {
      if (!(await this.more())) {
        if (this.buf.length === 0) return undefined;
        throw new UserError(`${this.archive}: the archive is truncated`);
      }
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** n bytes in pieces as they arrive. */
  async *pieces(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buf.length === 0 && !(await this.more()))
        throw new UserError(`${this.archive}: the archive is truncated`);
      const take = Math.min(left, this.buf.length);
      const piece = this.buf.subarray(0, take);
      this.buf = this.buf.subarray(take);
      left -= take;
      yield piece;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const _ of this.pieces(n));
  }
}

interface TarMember {
  name: string;
  kind: MemberKind;
  size: number;
  linkname: string;
}

const TAR_KINDS: Readonly<Record<string, MemberKind>> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "hard link",
  "2": "symbolic link",
  "3": "device",
  "4": "device",
  "5": "directory",
  "6": "FIFO",
};

/**
 * Walks the members of a .tar.gz. `visit` gets each member and may return a consumer
 * for its data; data nobody consumes is skipped.
 */
async function walkTar(
  file: string,
  archive: string,
  visit: (m: TarMember, index: number) => ((data: AsyncIterable<Buffer>) => Promise<void>) | undefined,
): Promise<void> {
  const gunzip = createReadStream(file).pipe(createGunzip());
  const source = gunzip[Symbol.asyncIterator]();
  const r = new ByteReader(source, archive);
  const pad = (n: number) => (BLOCK - (n % BLOCK)) % BLOCK;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  let index = 0;
  try {
    for (;;) {
      const block = await r.read(BLOCK);
      if (!block) throw new UserError(`${archive}: the archive is truncated (no end-of-archive marker)`);
      if (block.every((b) => b === 0)) {
        if (longName !== undefined || longLink !== undefined || pax.size > 0)
          throw new UserError(`${archive}: an extended header is not followed by an entry`);
        return;
      }
      const h = parseTarHeader(block, archive);
      if (h.type === "L" || h.type === "K" || h.type === "x" || h.type === "g") {
        if (h.size > MAX_META)
          throw new UserError(
            `${archive}: entry ${JSON.stringify(h.name)} has a ${h.size}-byte extended header`,
          );
        const data = h.size === 0 ? Buffer.alloc(0) : Buffer.from((await r.read(h.size)) ?? []);
        if (data.length !== h.size) throw new UserError(`${archive}: the archive is truncated`);
        await r.skip(pad(h.size));
        if (h.type === "L") longName = cString(data);
        else if (h.type === "K") longLink = cString(data);
        else if (h.type === "x") pax = parsePax(data, "(pax header)", archive, pax);
        else {
          const global = parsePax(data, "(global pax header)", archive, new Map());
          for (const key of ["path", "linkpath", "size"])
            if (global.has(key))
              throw new UserError(`${archive}: a global pax header sets "${key}" for every entry; refusing`);
        }
        continue;
      }
      const name = pax.get("path") ?? longName ?? h.name;
      const linkname = pax.get("linkpath") ?? longLink ?? h.linkname;
      const paxSize = pax.get("size");
      if (paxSize !== undefined && !/^[0-9]{1,15}$/.test(paxSize))
        throw new UserError(`${archive}: entry ${JSON.stringify(name)} has an invalid pax size`);
      const size = paxSize === undefined ? h.size : Number(paxSize);
      longName = undefined;
      longLink = undefined;
      pax = new Map();
      const kind = TAR_KINDS[h.type] ?? "special file";
      // Links and devices carry no data whatever their size field says.
      const dataSize = kind === "file" || kind === "directory" || kind === "special file" ? size : 0;
      const consume = visit({ name, kind, size: dataSize, linkname }, index++);
      if (consume) {
        await consume(r.pieces(dataSize));
        await r.skip(pad(dataSize));
      } else {
        await r.skip(dataSize + pad(dataSize));
      }
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("Z_"))
      throw new UserError(`${archive}: not a valid gzip stream: ${errorMessage(e)}`);
    throw new UserError(`${archive}: cannot read the archive: ${errorMessage(e)}`);
  } finally {
    gunzip.destroy();
  }
}

/** First pass: checks every member; returns the index of the binary's member. */
async function planTar(file: string, archive: string, wanted: Wanted): Promise<number> {
  const check = new MemberCheck(archive, wanted);
  let index = -1;
  await walkTar(file, archive, (m, i) => {
    const linkTarget = m.kind === "hard link" || m.kind === "symbolic link" ? m.linkname : undefined;
    if (check.visit(m.name, m.kind, m.size, linkTarget)) index = i;
    return undefined;
  });
  check.done();
  return index;
}

/** Second pass: feeds the data of member `index` to sink. */
async function tarMember(
  file: string,
  archive: string,
  index: number,
  sink: (chunk: Buffer) => Promise<void>,
): Promise<void> {
  let found = false;
  await walkTar(file, archive, (_m, i) => {
    if (i !== index) return undefined;
    found = true;
    return async (data) => {
      for await (const piece of data) await sink(piece);
    };
  });
  if (!found) throw new UserError(`${archive}: entry ${index} was not there on the second read`);
}

function cString(b: Buffer): string {
  const nul = b.indexOf(0);
  return b.toString("utf8", 0, nul === -1 ? b.length : nul);
}
