import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GitHubConnection } from "../../src/github/api.js";
import { downloadRelease } from "../../src/github/release-download.js";
import { UserError } from "../../src/kit/errors.js";
import {
  type GitHubStandIn,
  type StoredRelease,
  standInConnection,
  startGitHubServer,
} from "../support/github-server.js";

const TAG = "v1.2.3";

let gh: GitHubStandIn;
let parent: string;
let dest: string;
let sleeps: number[];

beforeEach(async () => {
  gh = await startGitHubServer();
  parent = await mkdtemp(path.join(os.tmpdir(), "goship-download-"));
  dest = path.join(parent, "release");
  sleeps = [];
});

afterEach(async () => {
  await gh.close();
  await rm(parent, { recursive: true, force: true });
});

const connection = (overrides: Partial<GitHubConnection> = {}) => standInConnection(gh, sleeps, overrides);
const request = (tag = TAG) => ({ owner: gh.owner, repo: gh.repo, tag });
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
/** The error a promise rejects with. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected a failure"),
    (e: unknown) => e as Error,
  );

/** A published release with a binary archive, a checksum file and a manifest. */
function publishedRelease(extra: Record<string, Buffer> = {}): {
  release: StoredRelease;
  data: Map<string, Buffer>;
} {
  const release = gh.addRelease({ tagName: TAG });
  const data = new Map<string, Buffer>([
    ["hello_1.2.3_linux_amd64.tar.gz", randomBytes(3 * 1024 * 1024 + 17)],
    ["SHA256SUMS", Buffer.from("0123  hello_1.2.3_linux_amd64.tar.gz\n")],
    ["goship-manifest.json", Buffer.from('{"schemaVersion":1}\n')],
    ...Object.entries(extra),
  ]);
  for (const [name, bytes] of data) gh.addAsset(release, name, bytes);
  return { release, data };
}

/** What a failed download must leave: no destination, no temporary directory beside it. */
async function expectNothingLeft(): Promise<void> {
  expect(await readdir(parent)).toEqual([]);
}

describe("downloadRelease", () => {
  it("writes every asset byte for byte, checked against GitHub's digest", async () => {
    const { release, data } = publishedRelease();
    const result = await downloadRelease(connection(), request(), dest);

    expect(result.releaseId).toBe(release.id);
    expect(result.url).toBe(`${new URL(gh.apiUrl).origin}/${gh.owner}/${gh.repo}/releases/tag/${TAG}`);
    const names = [...data.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(result.files).toEqual(
      names.map((name) => {
        const bytes = data.get(name) ?? Buffer.alloc(0);
        return { name, sha256: sha256(bytes), size: bytes.length };
      }),
    );
    expect((await readdir(dest)).sort()).toEqual(names);
    for (const [name, bytes] of data)
      expect((await readFile(path.join(dest, name))).equals(bytes)).toBe(true);
    // Only the destination is left beside it: the temporary directory was renamed into place.
    expect(await readdir(parent)).toEqual(["release"]);
    expect(release.assets.every((a) => a.downloads === 1)).toBe(true);
  });

  it("uses an existing empty directory and creates missing parents", async () => {
    publishedRelease();
    await mkdir(dest);
    await downloadRelease(connection(), request(), dest);
    expect(await readdir(dest)).toHaveLength(3);

    const deeper = path.join(parent, "a", "b", "release");
    await downloadRelease(connection(), request(), deeper);
    expect(await readdir(deeper)).toHaveLength(3);
  });

  it("refuses a destination that is not empty, or not a directory, before asking GitHub", async () => {
    publishedRelease();
    await mkdir(dest);
    await writeFile(path.join(dest, "old.txt"), "keep me");
    const e = await failure(downloadRelease(connection(), request(), dest));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/release is not empty; refusing/);
    expect(await readFile(path.join(dest, "old.txt"), "utf8")).toBe("keep me");

    const file = path.join(parent, "file");
    await writeFile(file, "x");
    await expect(downloadRelease(connection(), request(), file)).rejects.toThrow(/is not a directory/);
    expect(gh.requests).toEqual([]);
    expect((await readdir(parent)).sort()).toEqual(["file", "release"]);
  });

  it("fails naming an asset whose bytes differ from GitHub's recorded digest, and keeps nothing", async () => {
    const { release } = publishedRelease();
    // Sorted by name, this one comes after the archive: the archive is already on disk when it fails.
    const stored = release.assets.find((a) => a.name === "hello_1.2.3_linux_amd64.tar.gz");
    if (!stored) throw new Error("asset missing");
    stored.data = Buffer.alloc(stored.data.length, 7);

    const e = await failure(downloadRelease(connection(), request(), dest));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(
      new RegExp(
        `asset hello_1\\.2\\.3_linux_amd64\\.tar\\.gz of release v1\\.2\\.3: downloaded sha256 ${sha256(stored.data)}, ` +
          `but GitHub records sha256 ${stored.sha256}`,
      ),
    );
    expect(e.message).not.toMatch(/SHA256SUMS|manifest/);
    await expectNothingLeft();
  });

  it("stops reading an asset at the size GitHub lists, and keeps nothing", async () => {
    const { release } = publishedRelease();
    // The listing says 1000 bytes; the storage host has 64 MiB behind that name.
    const big = gh.addAsset(release, "zz-big.bin", Buffer.alloc(64 * 1024 * 1024));
    big.listedSize = 1000;
    const err = await failure(downloadRelease(connection(), request(), dest));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(
      "download asset zz-big.bin: GitHub lists 1000 bytes, and the download is larger; stopped reading",
    );
    const downloads = gh.storageRequests.filter((r) => r.path.endsWith(`/${big.downloadKey}`));
    expect(downloads).toHaveLength(1); // not retried
    expect(await downloads[0]?.sent).toBeLessThan(16 * 1024 * 1024);
    await expectNothingLeft();
  });

  it("downloads assets GitHub records no digest for (verifyRelease checks them afterwards)", async () => {
    gh.settings.digests = false;
    const { data } = publishedRelease();
    const result = await downloadRelease(connection(), request(), dest);
    expect(result.files.map((f) => f.sha256).sort()).toEqual([...data.values()].map(sha256).sort());
  });

  it("says when no published release has the tag: drafts are not found by tag; private repos need contents: read", async () => {
    gh.addRelease({ tagName: "v2.0.0", draft: true });
    for (const tag of ["v9.9.9", "v2.0.0"]) {
      const e = await failure(downloadRelease(connection(), request(tag), dest));
      expect(e).toBeInstanceOf(UserError);
      expect(e.message).toContain(`no published release with tag ${tag} in ${gh.owner}/${gh.repo}`);
      expect(e.message).toMatch(/draft release cannot be found by its tag/);
      expect(e.message).toMatch(/contents: read/);
    }
    await expectNothingLeft();
  });

  it.each([
    "../escape",
    "..",
    "dir/file",
    "dir\\file",
    ".hidden",
    "",
  ])("refuses the whole release when an asset is named %j, before downloading anything", async (name) => {
    publishedRelease({ [name]: Buffer.from("evil") });
    const e = await failure(downloadRelease(connection(), request(), dest));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toContain(JSON.stringify(name));
    expect(e.message).toMatch(/not plain file names.*nothing was downloaded/);
    expect(gh.storageRequests).toEqual([]);
    await expectNothingLeft();
  });

  it("refuses a release with an unfinished upload, and one with no assets", async () => {
    const { release } = publishedRelease();
    const starter = gh.addAsset(release, "late.tar.gz", Buffer.alloc(0));
    starter.state = "starter";
    await expect(downloadRelease(connection(), request(), dest)).rejects.toThrow(
      /unfinished uploads: late\.tar\.gz \(state starter\)/,
    );
    gh.addRelease({ tagName: "v0.0.1" });
    await expect(downloadRelease(connection(), request("v0.0.1"), dest)).rejects.toThrow(/has no assets/);
    await expectNothingLeft();
  });

  it("retries a 502 on an asset and a 429 on the look-up, then succeeds", async () => {
    const { data } = publishedRelease();
    gh.inject({ kind: "status", status: 502, method: "GET", path: /\/releases\/assets\/\d+$/ });
    gh.inject({ kind: "rate-limit", status: 429, retryAfterSeconds: 2, path: /\/releases\/tags\// });
    const result = await downloadRelease(connection(), request(), dest);
    expect(result.files).toHaveLength(data.size);
    for (const [name, bytes] of data)
      expect((await readFile(path.join(dest, name))).equals(bytes)).toBe(true);
    expect(sleeps).toEqual([2000, 5]);
    const assetGets = gh.requests.filter((r) => /\/releases\/assets\/\d+$/.test(r.path));
    expect(assetGets).toHaveLength(data.size + 1);
  });

  it("gives up after the attempts and keeps nothing", async () => {
    publishedRelease();
    gh.inject({ kind: "status", status: 503, method: "GET", path: /\/releases\/assets\/\d+$/, times: 10 });
    await expect(downloadRelease(connection(), request(), dest)).rejects.toThrow(
      /download asset SHA256SUMS: GitHub answered HTTP 503/,
    );
    expect(sleeps).toHaveLength(3);
    await expectNothingLeft();
  });

  it("sends the token to the API only, never to the storage origin the download redirects to", async () => {
    const { data } = publishedRelease();
    await downloadRelease(connection(), request(), dest);
    expect(gh.storageRequests).toHaveLength(data.size);
    for (const r of gh.storageRequests) {
      expect(r.path).toMatch(/^\/release-assets\//);
      expect(r.headers.authorization).toBeUndefined();
      expect(JSON.stringify(r.headers)).not.toContain(gh.token);
    }
    const assetGets = gh.requests.filter((r) => /\/releases\/assets\/\d+$/.test(r.path));
    expect(assetGets).toHaveLength(data.size);
    for (const r of assetGets) {
      expect(r.headers.authorization).toBe(`token ${gh.token}`);
      expect(r.headers.accept).toBe("application/octet-stream");
    }
  });

  it("never puts the token in an error or the log", async () => {
    const write = vi.spyOn(process.stdout, "write").mockReturnValue(true);
    const errors: Error[] = [];
    let printed = "";
    try {
      const { release } = publishedRelease();
      errors.push(await failure(downloadRelease(connection(), request("v404"), dest)));
      gh.inject({ kind: "status", status: 500, method: "GET", path: /\/releases\/assets\/\d+$/, times: 4 });
      errors.push(await failure(downloadRelease(connection(), request(), dest)));
      const stored = release.assets[0];
      if (stored) stored.data = Buffer.alloc(stored.data.length, 1);
      gh.inject({ kind: "error", status: 404, message: "Not Found", path: /\/releases\/\d+\/assets$/ });
      errors.push(await failure(downloadRelease(connection(), request(), dest)));
      errors.push(await failure(downloadRelease(connection(), request(), dest)));
      errors.push(await failure(downloadRelease(connection({ token: "ghs_wrong" }), request(), dest)));
    } finally {
      printed = write.mock.calls.map(([chunk]) => String(chunk)).join("");
      write.mockRestore();
    }
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/no published release with tag v404/),
      expect.stringMatching(/HTTP 500/),
      expect.stringMatching(/not found \(HTTP 404\)/),
      expect.stringMatching(/GitHub records sha256/),
      expect.stringMatching(/GitHub rejected the token/),
    ]);
    for (const e of errors) {
      expect(inspect(e)).not.toContain(gh.token);
      expect(JSON.stringify(e)).not.toContain(gh.token);
    }
    expect(printed).toContain("retrying");
    expect(printed).not.toContain(gh.token);
  });
});
