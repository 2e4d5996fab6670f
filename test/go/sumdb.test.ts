import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GO_SUMDB, lookupModuleHash, type SumdbConfig } from "../../src/go/sumdb.js";
import { execFile } from "../../src/kit/exec.js";

// ─── A tiny checksum database, built here from the RFC 6962 definitions ─────────

const sha = (...parts: Buffer[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};
const leafHash = (record: Buffer) => sha(Buffer.from([0]), record);
const node = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);

/** A fake go.sum line hash: "h1:" + base64 of 32 bytes. */
const h1 = (seed: string) => `h1:${sha(Buffer.from(seed)).toString("base64")}`;

interface Rec {
  module: string;
  version: string;
  text: string;
}

function makeRecords(n: number, special: Rec[] = []): Rec[] {
  const out: Rec[] = [];
  for (let i = 0; i < n; i++) {
    const s = special[i];
    if (s) {
      out.push(s);
      continue;
    }
    const module = `example.com/m${i}`;
    const version = "v1.0.0";
    out.push({ module, version, text: recordText(module, version, `zip${i}`, `mod${i}`) });
  }
  return out;
}

function recordText(module: string, version: string, zipSeed: string, modSeed: string): string {
  return `${module} ${version} ${h1(zipSeed)}\n${module} ${version}/go.mod ${h1(modSeed)}\n`;
}

function makeKey(name: string) {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x as string, "base64url");
  const key = Buffer.concat([Buffer.from([1]), raw]);
  const hash = sha(Buffer.from(`${name}\n`), key).subarray(0, 4);
  return { name, privateKey, hash, vkey: `${name}+${hash.toString("hex")}+${key.toString("base64")}` };
}
type Key = ReturnType<typeof makeKey>;

function signNote(
  text: string,
  signers: Array<{ name: string; hash: Buffer; privateKey: KeyObject }>,
): string {
  const lines = signers.map((s) => {
    const sig = sign(null, Buffer.from(text), s.privateKey);
    return `— ${s.name} ${Buffer.concat([s.hash, sig]).toString("base64")}\n`;
  });
  return `${text}\n${lines.join("")}`;
}

/** A log of records and its Merkle hashes, shared by the servers that publish it. */
class Log {
  readonly leaves: Buffer[];
  private readonly memo = new Map<string, Buffer>();

  constructor(readonly records: Rec[]) {
    this.leaves = records.map((r) => leafHash(Buffer.from(r.text)));
  }

  /** Stored hash at `level`, index n: the MTH of the complete subtree of leaves [n·2^level, (n+1)·2^level). */
  stored(level: number, n: number): Buffer {
    const k = `${level}/${n}`;
    let h = this.memo.get(k);
    if (!h) {
      h =
        level === 0
          ? (this.leaves[n] as Buffer)
          : node(this.stored(level - 1, 2 * n), this.stored(level - 1, 2 * n + 1));
      this.memo.set(k, h);
    }
    return h;
  }

  /** MTH over leaves [lo, hi) as RFC 6962 §2.1 defines it: split at the largest power of two below n. */
  mth(lo: number, hi: number): Buffer {
    const n = hi - lo;
    if ((n & (n - 1)) === 0 && lo % n === 0) return this.stored(Math.log2(n), lo / n);
    let k = 1;
    while (k * 2 < n) k *= 2;
    return node(this.mth(lo, lo + k), this.mth(lo + k, hi));
  }
}

/**
 * Serves /lookup and /tile for a log, signing a tree of `treeSize` records (default:
 * the whole log; smaller to make the log "newer" than the signed tree).
 */
class FakeSumdb {
  server!: http.Server;
  base = "";
  requests: string[] = [];
  /** Hooks to misbehave. */
  treeSize: number;
  signers: Array<{ name: string; hash: Buffer; privateKey: KeyObject }>;
  tamperTile?: (path: string, data: Buffer) => Buffer;
  tamperRecord?: (id: number, text: string) => string;
  idFor?: (id: number) => number;
  partialTiles = true;

  constructor(
    readonly log: Log,
    readonly key: Key,
  ) {
    this.treeSize = log.records.length;
    this.signers = [key];
  }

  get records(): Rec[] {
    return this.log.records;
  }

  treeNote(): string {
    const root = this.log.mth(0, this.treeSize);
    return signNote(`go.sum database tree\n${this.treeSize}\n${root.toString("base64")}\n`, this.signers);
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const url = req.url ?? "";
      this.requests.push(url);
      const answer = (status: number, body: Buffer | string) => {
        res.writeHead(status, { "content-type": "application/octet-stream" });
        res.end(body);
      };
      const lookup = /^\/lookup\/(.+)@(.+)$/.exec(url);
      if (lookup) {
        const caseDecode = (s: string) => s.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
        const [module, version] = [caseDecode(lookup[1] as string), caseDecode(lookup[2] as string)];
        const id = this.records.findIndex((r) => r.module === module && r.version === version);
        if (id < 0) return answer(404, `not found: ${module}@${version}`);
        const servedId = this.idFor ? this.idFor(id) : id;
        let text = (this.records[id] as Rec).text;
        if (this.tamperRecord) text = this.tamperRecord(id, text);
        return answer(200, `${servedId}\n${text}\n${this.treeNote()}`);
      }
      const tile = /^\/tile\/8\/(\d+)\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d+))?$/.exec(url);
      if (tile) {
        const level = Number(tile[1]);
        const n = Number((tile[2] as string).replace(/x/g, "").replace(/\//g, ""));
        const width = tile[3] === undefined ? 256 : Number(tile[3]);
        if (tile[3] !== undefined && !this.partialTiles) return answer(404, "gone");
        // Only hashes of complete subtrees exist: the log's size decides the tile's width.
        const available = Math.floor(this.records.length / 256 ** level) - n * 256;
        if (available < width) return answer(404, "no such tile");
        const parts: Buffer[] = [];
        for (let i = 0; i < width; i++) parts.push(this.log.stored(8 * level, n * 256 + i));
        let data: Buffer = Buffer.concat(parts);
        if (this.tamperTile) data = this.tamperTile(url, data);
        return answer(200, data);
      }
      answer(404, "unknown path");
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  config(): SumdbConfig {
    return { name: this.key.name, verifierKey: this.key.vkey };
  }

  lookup(i: number) {
    const r = this.records[i] as Rec;
    return lookupModuleHash(r.module, r.version, { baseURLs: [this.base], config: this.config() });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const expected = (i: number) => ({ zip: h1(`zip${i}`), mod: h1(`mod${i}`) });

describe("lookupModuleHash against a local checksum database", () => {
  const key = makeKey("sum.example.test");
  const servers: FakeSumdb[] = [];
  // 600 records: two tile levels, partial tiles at the right edge of both. (Level 2 needs
  // 65536 records, too many hashes for a test; the sum.golang.org tests below cover it.)
  let sharedLog: Log | undefined;
  const log600 = () => {
    sharedLog ??= new Log(makeRecords(600));
    return sharedLog;
  };
  const serve = async (records: Rec[] | Log, treeSize?: number) => {
    const db = new FakeSumdb(records instanceof Log ? records : new Log(records), key);
    if (treeSize !== undefined) db.treeSize = treeSize;
    await db.start();
    servers.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it("proves records at both edges and inside trees of many shapes", async () => {
    // Sizes around tile boundaries: 256 hashes fill a tile.
    for (const size of [1, 2, 3, 7, 8, 255, 256, 257, 300, 511, 512, 513, 600]) {
      const db = await serve(log600(), size);
      const indexes = new Set(
        [0, 1, size >> 1, size - 2, size - 1, 255, 256].filter((i) => i >= 0 && i < size),
      );
      for (const i of indexes) expect(await db.lookup(i), `size ${size} index ${i}`).toEqual(expected(i));
    }
  }, 60_000);

  it("uses partial tiles at the right edge and fetches no more tiles than the proof needs", async () => {
    const db = await serve(log600());
    db.requests = [];
    expect(await db.lookup(599)).toEqual(expected(599));
    const tiles = db.requests.filter((r) => r.startsWith("/tile/")).sort();
    expect(tiles).toEqual(["/tile/8/0/002.p/88", "/tile/8/1/000.p/2"]);
  });

  it("falls back to the full tile when a partial tile is gone (the log has grown)", async () => {
    const db = await serve(makeRecords(700));
    db.treeSize = 200; // the signed tree is older than the log: tile 0/000.p/200 is no longer served
    db.partialTiles = false;
    expect(await db.lookup(199)).toEqual(expected(199));
    expect(db.requests).toEqual(expect.arrayContaining(["/tile/8/0/000.p/200", "/tile/8/0/000"]));
  });

  it("escapes upper-case letters in module paths and versions", async () => {
    const special: Rec = {
      module: "example.com/BigCo/Thing",
      version: "v1.0.0-RC1",
      text: recordText("example.com/BigCo/Thing", "v1.0.0-RC1", "z", "m"),
    };
    const db = await serve(makeRecords(10, [special]));
    const got = await lookupModuleHash(special.module, special.version, {
      baseURLs: [db.base],
      config: db.config(),
    });
    expect(got).toEqual({ zip: h1("z"), mod: h1("m") });
    expect(db.requests).toContain("/lookup/example.com/!big!co/!thing@v1.0.0-!r!c1");
  });

  it("refuses a note whose signature claims the key but was made by another", async () => {
    const db = await serve(makeRecords(20));
    const forger = makeKey(key.name);
    db.signers = [{ name: key.name, hash: key.hash, privateKey: forger.privateKey }];
    await expect(db.lookup(3)).rejects.toThrow(
      /SECURITY ERROR.*signature by sum\.example\.test does not verify/,
    );
  });

  it("refuses a note signed only by other keys", async () => {
    const db = await serve(makeRecords(20));
    db.signers = [makeKey("someone.else")];
    await expect(db.lookup(3)).rejects.toThrow(/not signed by sum\.example\.test\+/);
  });

  it("accepts extra signatures by unknown witnesses next to the right one", async () => {
    const db = await serve(makeRecords(20));
    db.signers = [makeKey("witness.example"), key];
    expect(await db.lookup(3)).toEqual(expected(3));
  });

  it("refuses a tampered tile (wrong inclusion proof)", async () => {
    const db = await serve(makeRecords(300));
    // Record 5's sibling is record 4, in tile 0/000: change that hash.
    db.tamperTile = (url, data) => {
      if (url !== "/tile/8/0/000") return data;
      const copy = Buffer.from(data);
      (copy[4 * 32] as number) ^= 0xff;
      return copy;
    };
    await expect(db.lookup(5)).rejects.toThrow(
      /SECURITY ERROR.*record 5 is not included in the signed tree of size 300/,
    );
  });

  it("refuses a tampered tile at an upper level", async () => {
    const db = await serve(log600());
    db.tamperTile = (url, data) => {
      if (!url.startsWith("/tile/8/1/")) return data;
      const copy = Buffer.from(data);
      (copy[copy.length - 1] as number) ^= 1;
      return copy;
    };
    await expect(db.lookup(10)).rejects.toThrow(/is not included in the signed tree/);
  });

  it("refuses a record whose text differs from what the tree holds", async () => {
    const db = await serve(makeRecords(50));
    db.tamperRecord = (id, text) => text.replace(h1(`zip${id}`), h1("evil"));
    await expect(db.lookup(7)).rejects.toThrow(/record 7 is not included/);
  });

  it("refuses a record served under another record's id", async () => {
    const db = await serve(makeRecords(50));
    db.idFor = (id) => id + 1;
    await expect(db.lookup(7)).rejects.toThrow(/not included/);
  });

  it("refuses a record id outside the signed tree", async () => {
    const db = await serve(makeRecords(50));
    db.idFor = () => 50;
    await expect(db.lookup(7)).rejects.toThrow(/record 50 is not in the signed tree of size 50/);
  });

  it("refuses a proven record that is about another module", async () => {
    const db = await serve(makeRecords(50));
    const stranger = db.records[8] as Rec;
    // Record 8 is genuinely in the tree, so the proof holds; it just does not answer the question.
    db.idFor = () => 8;
    db.tamperRecord = () => stranger.text;
    await expect(db.lookup(7)).rejects.toThrow(/the record has no zip hash/);
  });

  it("refuses tiles of the wrong length", async () => {
    const db = await serve(makeRecords(40));
    db.tamperTile = (_url, data) => data.subarray(0, data.length - 32);
    await expect(db.lookup(3)).rejects.toThrow(/tile .* has 1248 bytes, expected 1280/);
  });

  it("says when the module is not in the database", async () => {
    const db = await serve(makeRecords(5));
    await expect(
      lookupModuleHash("example.com/nope", "v1.0.0", { baseURLs: [db.base], config: db.config() }),
    ).rejects.toThrow(/example\.com\/nope@v1\.0\.0 is not in the checksum database sum\.example\.test/);
  });

  it("skips a base URL that cannot be reached", async () => {
    const db = await serve(makeRecords(5));
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, "127.0.0.1", r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const got = await lookupModuleHash("example.com/m2", "v1.0.0", {
      baseURLs: [`http://127.0.0.1:${port}`, db.base],
      config: db.config(),
    });
    expect(got).toEqual(expected(2));
  }, 20_000);

  it("refuses verifier keys that are malformed or do not match the name", async () => {
    const db = await serve(makeRecords(5));
    const broken = key.vkey.replace(/\+([0-9a-f]{8})\+/, "+00000000+");
    await expect(
      lookupModuleHash("example.com/m1", "v1.0.0", {
        baseURLs: [db.base],
        config: { name: key.name, verifierKey: broken },
      }),
    ).rejects.toThrow(/key hash does not match/);
    await expect(
      lookupModuleHash("example.com/m1", "v1.0.0", {
        baseURLs: [db.base],
        config: { name: "other.name", verifierKey: key.vkey },
      }),
    ).rejects.toThrow(/verifier key is for "sum\.example\.test"/);
    // Verifying with sum.golang.org's real key must fail: the local database did not sign.
    await expect(
      lookupModuleHash("example.com/m1", "v1.0.0", { baseURLs: [db.base], config: GO_SUMDB }),
    ).rejects.toThrow(/not signed by sum\.golang\.org\+033de0ae/);
  });
});

// ─── The real sum.golang.org, through proxy.golang.org's passthrough ─────────────

const REAL_BASE = ["https://proxy.golang.org/sumdb/sum.golang.org"];

describe("lookupModuleHash against sum.golang.org", () => {
  let goroot = "";
  let gopath = "";
  beforeAll(async () => {
    goroot = (await execFile("go", ["env", "GOROOT"])).stdout.trim();
    gopath = await mkdtemp(path.join(os.tmpdir(), "sumdb-test-gopath-"));
  });
  afterAll(async () => {
    if (gopath) await rm(gopath, { recursive: true, force: true });
  });

  it("uses the verifier key compiled into the go command", async () => {
    const src = await readFile(path.join(goroot, "src/cmd/go/internal/modfetch/key.go"), "utf8");
    const m = /"sum\.golang\.org":\s*"([^"]+)"/.exec(src);
    expect(m?.[1]).toBe(GO_SUMDB.verifierKey);
  });

  it("returns the go.sum hashes of golang.org/x/text@v0.3.0", async () => {
    // The values every go.sum that requires golang.org/x/text v0.3.0 carries.
    expect(await lookupModuleHash("golang.org/x/text", "v0.3.0", { baseURLs: REAL_BASE })).toEqual({
      zip: "h1:g61tztE5qeGQ89tm6NTjjM9VPIm088od1l6aSorWRWg=",
      mod: "h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=",
    });
  }, 30_000);

  it("agrees with `go mod download` for a module with upper-case letters", async () => {
    const env = {
      ...process.env,
      GOPATH: gopath,
      GOMODCACHE: path.join(gopath, "mod"),
      GOFLAGS: "-modcacherw",
      GOPROXY: "https://proxy.golang.org",
      GOSUMDB: "sum.golang.org",
      GONOSUMDB: "",
      GONOSUMCHECK: "",
      GOPRIVATE: "",
      GOTOOLCHAIN: "local",
    };
    const { stdout } = await execFile(
      "go",
      ["mod", "download", "-json", "github.com/BurntSushi/toml@v1.3.2"],
      {
        env,
        cwd: gopath,
        timeoutMs: 60_000,
      },
    );
    const fromGo = JSON.parse(stdout) as { Sum: string; GoModSum: string };
    expect(await lookupModuleHash("github.com/BurntSushi/toml", "v1.3.2", { baseURLs: REAL_BASE })).toEqual({
      zip: fromGo.Sum,
      mod: fromGo.GoModSum,
    });
  }, 60_000);

  it("says when a version does not exist", async () => {
    await expect(
      lookupModuleHash("golang.org/toolchain", "v0.0.1-go1.25.99.linux-amd64", { baseURLs: REAL_BASE }),
    ).rejects.toThrow(
      /golang\.org\/toolchain@v0\.0\.1-go1\.25\.99\.linux-amd64 is not in the checksum database sum\.golang\.org/,
    );
  }, 30_000);
});
