import { createHash, createPublicKey, type KeyObject, verify } from "node:crypto";
import { errorMessage, UserError } from "../kit/errors.js";
import { fetchBytes, HttpError } from "../kit/http.js";
import { debug } from "../kit/log.js";

/**
 * A client for the Go checksum database (https://go.dev/design/25530-sumdb), enough to
 * look up one module version and prove the answer: the lookup's signed tree head is
 * checked against the database's public key, and the record is proven to be a leaf of
 * that tree with hashes read from the published tiles (RFC 6962 hashing, tiles of
 * height 8). Unlike the go command, nothing is remembered between runs, so the client
 * cannot notice a database that shows different trees to different people; every
 * answer it accepts is still signed and proven.
 */

export interface SumdbConfig {
  /** The database's name, e.g. "sum.golang.org"; the signature line must carry it. */
  name: string;
  /** "<name>+<key hash, 8 hex digits>+<base64 of 0x01 and the ed25519 public key>", as in GOSUMDB. */
  verifierKey: string;
}

/** sum.golang.org and its key as compiled into the go command (cmd/go/internal/modfetch/key.go). */
export const GO_SUMDB: SumdbConfig = {
  name: "sum.golang.org",
  verifierKey: "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
};

/** Height of the published tiles; sum.golang.org serves tile/8/… only. */
const TILE_HEIGHT = 8;
const TILE_WIDTH = 1 << TILE_HEIGHT;
const HASH_SIZE = 32;
/** Records and notes are a few hundred bytes; the go command refuses notes over 1 MB. */
const MAX_LOOKUP_BYTES = 1_000_000;

/**
 * Looks up module@version, verifies the signed tree head and the record's inclusion in
 * that tree, and returns the record's go.sum hashes. `baseURLs` are database roots to
 * try in order (e.g. "https://proxy.golang.org/sumdb/sum.golang.org"); a base that
 * cannot be reached is skipped, but an answer that fails verification ends the lookup.
 */
export async function lookupModuleHash(
  module: string,
  version: string,
  opts: { baseURLs: string[]; config?: SumdbConfig },
): Promise<{ zip: string; mod: string }> {
  const config = opts.config ?? GO_SUMDB;
  const verifier = parseVerifierKey(config.verifierKey);
  if (verifier.name !== config.name) {
    throw new UserError(`checksum database ${config.name}: its verifier key is for "${verifier.name}"`);
  }
  if (opts.baseURLs.length === 0) throw new UserError(`no URL to reach the checksum database ${config.name}`);
  const what = `${module}@${version}`;
  const lookupPath = `/lookup/${escapeModulePath(module)}@${escapeModuleVersion(version)}`;

  const failures: string[] = [];
  for (const rawBase of opts.baseURLs) {
    const base = rawBase.replace(/\/+$/, "");
    let body: Buffer;
    try {
      body = await fetchBytes(`${base}${lookupPath}`, { maxBytes: MAX_LOOKUP_BYTES });
    } catch (e) {
      if (e instanceof HttpError && (e.status === 404 || e.status === 410)) {
        throw new UserError(`${what} is not in the checksum database ${config.name} (${e.message})`);
      }
      failures.push(errorMessage(e));
      continue;
    }
    const fail = (why: string): never => {
      throw new UserError(
        `SECURITY ERROR: checksum database ${config.name} (via ${base}) for ${what}: ${why}`,
      );
    };
    const record = parseLookup(body, fail);
    const treeText = openNote(record.note, verifier, fail);
    const tree = parseTree(treeText, fail);
    if (record.id >= tree.size) fail(`record ${record.id} is not in the signed tree of size ${tree.size}`);
    const leaf = sha256(Buffer.from([0x00]), record.text);
    const tiles = new TileFetcher(base, tree.size, fail);
    const root = await tiles.rootWithLeaf(record.id, leaf);
    if (!root.equals(tree.hash)) {
      fail(
        `record ${record.id} is not included in the signed tree of size ${tree.size} (the proof does not match)`,
      );
    }
    debug(`${what}: record ${record.id} verified in ${config.name} tree of size ${tree.size}`);
    return hashesFromRecord(record.text.toString("utf8"), module, version, fail);
  }
  throw new UserError(`could not reach the checksum database ${config.name}:\n  ${failures.join("\n  ")}`);
}

// ─── Module paths in URLs ─────────────────────────────────────────────────────────

/**
 * The proxy protocol's case encoding: "github.com/BurntSushi/toml" →
 * "github.com/!burnt!sushi/toml", so that case-insensitive file systems can serve it.
 */
export function escapeModulePath(path: string): string {
  const elements = path.split("/");
  if (!/^[A-Za-z0-9._~+/-]+$/.test(path) || elements.some((e) => e === "" || e === "." || e === "..")) {
    throw new UserError(`"${path}" is not a module path`);
  }
  return caseEncode(path);
}

export function escapeModuleVersion(version: string): string {
  if (!/^v[A-Za-z0-9.+-]+$/.test(version)) throw new UserError(`"${version}" is not a module version`);
  return caseEncode(version);
}

function caseEncode(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

// ─── Signed notes ──────────────────────────────────────────────────────────────

interface Verifier {
  name: string;
  keyHash: number;
  key: KeyObject;
}

function parseVerifierKey(vkey: string): Verifier {
  const bad = (why: string): never => {
    throw new UserError(`invalid checksum database verifier key "${vkey}": ${why}`);
  };
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  if (!m) return bad(`expected <name>+<8 hex digits>+<base64 key>`);
  const [, name, hash16, key64] = m as unknown as [string, string, string, string];
  const key = strictBase64(key64);
  const ED25519 = 1;
  if (key?.length !== 33 || key[0] !== ED25519) return bad("not an ed25519 key");
  // The key hash binds the name to the key: sha256(name "\n" 0x01 key)[:4].
  const keyHash = sha256(Buffer.from(`${name}\n`), key).readUInt32BE(0);
  if (keyHash !== Number.parseInt(hash16, 16)) bad("the key hash does not match the name and key");
  const x = key.subarray(1).toString("base64url");
  return { name, keyHash, key: createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" }) };
}

/**
 * Opens a signed note ("text\n\n— name base64(keyhash ‖ sig)\n…") and returns its text
 * once a signature by `v` verifies. A signature that claims `v`'s name and key hash
 * but does not verify is an error, not something to skip.
 */
function openNote(note: Buffer, v: Verifier, fail: (why: string) => never): string {
  let s = "";
  try {
    s = new TextDecoder("utf-8", { fatal: true }).decode(note);
  } catch {
    fail("the signed tree note is not UTF-8");
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u0009\u000b-\u001f]/.test(s)) fail("the signed tree note has control characters");
  const split = s.lastIndexOf("\n\n");
  if (split < 0) fail("the tree note has no signatures");
  const text = s.slice(0, split + 1);
  const sigs = s.slice(split + 2);
  if (sigs === "" || !sigs.endsWith("\n")) fail("the tree note's signature block is malformed");
  const lines = sigs.slice(0, -1).split("\n");
  if (lines.length > 100) fail("the tree note has too many signatures");
  let verified = false;
  for (const line of lines) {
    const m = /^— ([^\s+]+) (\S+)$/.exec(line);
    if (!m) return fail(`malformed signature line "${line}"`);
    const [, name, b64] = m as unknown as [string, string, string];
    const sig = strictBase64(b64);
    if (!sig || sig.length < 5) return fail(`malformed signature line "${line}"`);
    if (name !== v.name || sig.readUInt32BE(0) !== v.keyHash) continue; // someone else's witness
    const ok = sig.length === 4 + 64 && verify(null, Buffer.from(text, "utf8"), v.key, sig.subarray(4));
    if (!ok) fail(`the tree note's signature by ${v.name} does not verify`);
    verified = true;
  }
  if (!verified) fail(`the tree note is not signed by ${v.name}+${v.keyHash.toString(16).padStart(8, "0")}`);
  return text;
}

interface TreeHead {
  size: number;
  hash: Buffer;
}

function parseTree(text: string, fail: (why: string) => never): TreeHead {
  const lines = text.split("\n");
  const [head, sizeText, hashText] = lines;
  if (
    head !== "go.sum database tree" ||
    lines.length < 4 ||
    sizeText === undefined ||
    hashText === undefined
  ) {
    return fail("the signed note is not a go.sum database tree");
  }
  const size = Number(sizeText);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(size)) fail(`bad tree size "${sizeText}"`);
  const hash = strictBase64(hashText);
  if (!hash || hash.length !== HASH_SIZE) return fail(`bad tree hash "${hashText}"`);
  return { size, hash };
}

/** A lookup answer: "<id>\n<record text>\n<signed tree note>". */
function parseLookup(body: Buffer, fail: (why: string) => never): { id: number; text: Buffer; note: Buffer } {
  const nl = body.indexOf(0x0a);
  const idText = nl < 0 ? "" : body.subarray(0, nl).toString("latin1");
  const id = Number(idText);
  if (!/^(0|[1-9][0-9]*)$/.test(idText) || !Number.isSafeInteger(id)) return fail("malformed lookup answer");
  const rest = body.subarray(nl + 1);
  const end = rest.indexOf("\n\n");
  if (end < 0) return fail("malformed lookup answer");
  const text = rest.subarray(0, end + 1);
  let decoded = "";
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(text);
  } catch {
    fail("the record is not UTF-8");
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u0009\u000b-\u001f]/.test(decoded)) fail("the record has control characters");
  return { id, text, note: rest.subarray(end + 2) };
}

function hashesFromRecord(
  text: string,
  module: string,
  version: string,
  fail: (why: string) => never,
): { zip: string; mod: string } {
  const found: { zip?: string; mod?: string } = {};
  for (const line of text.split("\n")) {
    const [m, v, h, ...extra] = line.split(" ");
    if (m !== module || extra.length > 0 || h === undefined) continue;
    const kind = v === version ? "zip" : v === `${version}/go.mod` ? "mod" : undefined;
    if (!kind) continue;
    if (!/^h1:[A-Za-z0-9+/]{43}=$/.test(h)) fail(`malformed hash "${h}" in the record`);
    if (found[kind] !== undefined && found[kind] !== h) fail(`the record gives two ${kind} hashes`);
    found[kind] = h;
  }
  if (!found.zip || !found.mod)
    return fail(`the record has no ${found.zip ? "go.mod" : "zip"} hash:\n${text}`);
  return { zip: found.zip, mod: found.mod };
}

// ─── Merkle tree and tiles ─────────────────────────────────────────────────────

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
}

const NODE_PREFIX = Buffer.from([0x01]);

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** The largest power of two strictly below n (n ≥ 2): RFC 6962's split point. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The largest power of two at most n (n ≥ 1). */
function largestPowerAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}

/**
 * The hash of the tree [0, size) computed from one leaf (ours, hashed from the record)
 * and the hashes of the complete subtrees beside its path (read from tiles): an RFC 6962
 * audit path whose sibling hashes come from the tiles. It equals the signed root only
 * if the leaf is in the tree at that index.
 */
function rootWithLeaf(
  size: number,
  index: number,
  leaf: Buffer,
  subtree: (level: number, n: number) => Buffer,
) {
  // Hash of [lo, hi), a range made of complete subtrees (largest first), folded from the right.
  const rangeHash = (lo: number, hi: number): Buffer => {
    const parts: Buffer[] = [];
    while (lo < hi) {
      const k = largestPowerAtMost(hi - lo);
      if (lo % k !== 0) throw new Error("bad math in rangeHash");
      parts.push(subtree(Math.log2(k), lo / k));
      lo += k;
    }
    let h = parts.pop() as Buffer;
    for (let p = parts.pop(); p; p = parts.pop()) h = nodeHash(p, h);
    return h;
  };
  const walk = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return leaf;
    const k = splitPoint(hi - lo);
    return index < lo + k
      ? nodeHash(walk(lo, lo + k), rangeHash(lo + k, hi))
      : nodeHash(rangeHash(lo, lo + k), walk(lo + k, hi));
  };
  return walk(0, size);
}

/** "tile/8/1/x123/456" or, at the right edge, "tile/8/0/x001/234.p/17". */
function tilePath(level: number, n: number, width: number): string {
  let digits = String(n % 1000).padStart(3, "0");
  for (let rest = Math.floor(n / 1000); rest > 0; rest = Math.floor(rest / 1000)) {
    digits = `x${String(rest % 1000).padStart(3, "0")}/${digits}`;
  }
  return `tile/${TILE_HEIGHT}/${level}/${digits}${width < TILE_WIDTH ? `.p/${width}` : ""}`;
}

/**
 * Reads the hashes an inclusion proof needs from the tiles of a tree of `size` records.
 * A tile at tile level L lists the hashes of consecutive complete subtrees of height 8·L;
 * a subtree of any height is the pairwise hash of a run of one tile's entries.
 */
class TileFetcher {
  private readonly tiles = new Map<string, Buffer>();

  constructor(
    private readonly base: string,
    private readonly size: number,
    private readonly fail: (why: string) => never,
  ) {}

  async rootWithLeaf(index: number, leaf: Buffer): Promise<Buffer> {
    // First pass only notes which tiles the proof reads; they are then fetched together.
    const wanted = new Map<string, { level: number; n: number; width: number }>();
    const zero = Buffer.alloc(HASH_SIZE);
    rootWithLeaf(this.size, index, leaf, (level, n) => {
      const t = this.locate(level, n);
      wanted.set(`${t.tileLevel}/${t.tileN}`, { level: t.tileLevel, n: t.tileN, width: t.width });
      return zero;
    });
    await Promise.all(
      [...wanted].map(async ([key, t]) => {
        this.tiles.set(key, await this.fetchTile(t.level, t.n, t.width));
      }),
    );
    return rootWithLeaf(this.size, index, leaf, (level, n) => this.subtree(level, n));
  }

  /** Which tile holds the complete subtree `n` of height `level`, and where. */
  private locate(level: number, n: number) {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const span = 2 ** (level - tileLevel * TILE_HEIGHT); // entries of that tile the subtree covers
    const first = n * span;
    const tileN = Math.floor(first / TILE_WIDTH);
    const hashesAtTileLevel = Math.floor(this.size / TILE_WIDTH ** tileLevel);
    const width = Math.min(TILE_WIDTH, hashesAtTileLevel - tileN * TILE_WIDTH);
    const offset = first - tileN * TILE_WIDTH;
    if (width < offset + span)
      throw new Error(`bad math: subtree ${level}/${n} outside tree of size ${this.size}`);
    return { tileLevel, tileN, width, offset, span };
  }

  private subtree(level: number, n: number): Buffer {
    const { tileLevel, tileN, offset, span } = this.locate(level, n);
    const data = this.tiles.get(`${tileLevel}/${tileN}`) as Buffer;
    const hashes: Buffer[] = [];
    for (let i = 0; i < span; i++)
      hashes.push(data.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
    while (hashes.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i < hashes.length; i += 2)
        next.push(nodeHash(hashes[i] as Buffer, hashes[i + 1] as Buffer));
      hashes.splice(0, hashes.length, ...next);
    }
    return hashes[0] as Buffer;
  }

  /**
   * A partial tile may be gone once the tree has grown past it; then the full tile
   * (same first entries: the log only appends) serves, cut to the width we need.
   */
  private async fetchTile(level: number, n: number, width: number): Promise<Buffer> {
    const want = width * HASH_SIZE;
    const url = `${this.base}/${tilePath(level, n, width)}`;
    let data: Buffer;
    try {
      data = await fetchBytes(url, { maxBytes: TILE_WIDTH * HASH_SIZE });
    } catch (e) {
      if (width === TILE_WIDTH) throw new UserError(`reading tile: ${errorMessage(e)}`);
      const fullURL = `${this.base}/${tilePath(level, n, TILE_WIDTH)}`;
      try {
        data = await fetchBytes(fullURL, { maxBytes: TILE_WIDTH * HASH_SIZE });
      } catch (e2) {
        throw new UserError(`reading tile: ${errorMessage(e)}; and the full tile: ${errorMessage(e2)}`);
      }
      if (data.length !== TILE_WIDTH * HASH_SIZE) this.fail(`tile ${fullURL} has ${data.length} bytes`);
      return data.subarray(0, want);
    }
    if (data.length !== want) this.fail(`tile ${url} has ${data.length} bytes, expected ${want}`);
    return data;
  }
}

/** Base64 that round-trips exactly (Buffer.from alone skips stray characters). */
function strictBase64(s: string): Buffer | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  const b = Buffer.from(s, "base64");
  return b.toString("base64") === s ? b : undefined;
}
