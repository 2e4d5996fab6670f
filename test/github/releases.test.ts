import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GitHubConnection } from "../../src/github/api.js";
import {
  type PublishRequest,
  publishRelease,
  type ReleaseAsset,
  verifyPublished,
} from "../../src/github/releases.js";
import { UserError } from "../../src/kit/errors.js";
import {
  type GitHubStandIn,
  type GitHubStandInOptions,
  standInConnection,
  startGitHubServer,
} from "../support/github-server.js";

const TAG = "v1.2.3";

let gh: GitHubStandIn;
let dir: string;
let sleeps: number[];

async function setUp(options: GitHubStandInOptions = {}): Promise<void> {
  gh = await startGitHubServer(options);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "goship-release-"));
  sleeps = [];
  await setUp();
});

afterEach(async () => {
  await gh.close();
  await rm(dir, { recursive: true, force: true });
});

/** Quick retries that record their waits instead of sitting them out. */
const connection = (overrides: Partial<GitHubConnection> = {}): GitHubConnection =>
  standInConnection(gh, sleeps, overrides);

/** Writes the files and describes them as the manifest would. */
async function files(contents: Record<string, string | Buffer>, subdir = "."): Promise<ReleaseAsset[]> {
  const out: ReleaseAsset[] = [];
  await mkdir(path.join(dir, subdir), { recursive: true });
  for (const [name, content] of Object.entries(contents)) {
    const file = path.join(dir, subdir, name);
    const data = Buffer.from(content);
    await writeFile(file, data);
    out.push({
      name,
      path: file,
      sha256: createHash("sha256").update(data).digest("hex"),
      size: data.length,
      contentType: name.endsWith(".tar.gz") ? "application/gzip" : "text/plain",
    });
  }
  return out;
}

const standardFiles = () =>
  files({
    "hello_1.2.3_linux_amd64.tar.gz": Buffer.alloc(300_000, 1),
    "hello_1.2.3_linux_arm64.tar.gz": Buffer.alloc(200_000, 2),
    SHA256SUMS: "abc  hello_1.2.3_linux_amd64.tar.gz\n",
  });

function request(assets: ReleaseAsset[], overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    owner: gh.owner,
    repo: gh.repo,
    tag: TAG,
    notes: "First release.",
    prerelease: false,
    draftOnly: false,
    assets,
    replaceAssets: false,
    targetCommitish: "0123456789abcdef0123456789abcdef01234567",
    ...overrides,
  };
}

const uploads = () => gh.requests.filter((r) => r.upload);
const writes = () => gh.requests.filter((r) => r.method !== "GET");
const names = (tag = TAG) =>
  (gh.findRelease(tag)?.assets ?? []).map((a) => a.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The error a promise rejects with (so a test can check its type and message). */
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
}

describe("publishRelease", () => {
  it("creates a draft, uploads every asset, publishes last, and the result verifies", async () => {
    const assets = await standardFiles();
    const result = await publishRelease(request(assets), connection());

    const release = gh.findRelease(TAG);
    expect(release).toMatchObject({ draft: false, prerelease: false, body: "First release.", name: TAG });
    expect(release?.targetCommitish).toBe("0123456789abcdef0123456789abcdef01234567");
    expect(result).toEqual({
      releaseId: release?.id,
      url: `${new URL(gh.apiUrl).origin}/${gh.owner}/${gh.repo}/releases/tag/${TAG}`,
      draft: false,
      uploaded: ["SHA256SUMS", "hello_1.2.3_linux_amd64.tar.gz", "hello_1.2.3_linux_arm64.tar.gz"],
      skipped: [],
      replaced: [],
    });
    for (const a of assets) {
      const stored = release?.assets.find((x) => x.name === a.name);
      expect(stored?.sha256).toBe(a.sha256);
      expect(stored?.contentType).toBe(a.contentType);
    }

    // Created as a draft; every upload before the one PATCH that publishes.
    const create = gh.requests.find((r) => r.method === "POST" && !r.upload);
    expect(create?.json).toMatchObject({ tag_name: TAG, draft: true, prerelease: false });
    const order = writes().map((r) => (r.upload ? "upload" : r.method));
    expect(order).toEqual(["POST", "upload", "upload", "upload", "PATCH"]);
    expect(gh.requests.find((r) => r.method === "PATCH")?.json).toEqual({ draft: false, prerelease: false });
    // Streamed with an exact length, to the upload_url the release gave, never chunked.
    for (const u of uploads()) {
      expect(u.headers["transfer-encoding"]).toBeUndefined();
      expect(Number(u.headers["content-length"])).toBeGreaterThan(0);
    }

    const verified = await verifyPublished(
      { owner: gh.owner, repo: gh.repo, releaseId: result.releaseId, assets, published: true },
      connection(),
    );
    expect(verified.verified).toHaveLength(3);
    // Each asset was fetched from the storage host after the redirect, without the token.
    expect(release?.assets.every((a) => a.downloads === 1)).toBe(true);
  });

  it("skips everything on a re-run, uploads nothing twice, and the release stays published", async () => {
    const assets = await standardFiles();
    const first = await publishRelease(request(assets), connection());
    gh.requests.length = 0;

    const again = await publishRelease(request(assets), connection());
    expect(again).toMatchObject({
      releaseId: first.releaseId,
      url: first.url,
      draft: false,
      uploaded: [],
      replaced: [],
    });
    expect(again.skipped).toHaveLength(3);
    expect(writes()).toEqual([]);
    expect(gh.releases).toHaveLength(1);
    expect(gh.findRelease(TAG)?.assets).toHaveLength(3);
  });

  it("compares by download when GitHub records no digest (older assets, older GHES)", async () => {
    gh.settings.digests = false;
    const assets = await standardFiles();
    await publishRelease(request(assets), connection());
    gh.requests.length = 0;

    const again = await publishRelease(request(assets), connection());
    expect(again.skipped).toHaveLength(3);
    expect(writes()).toEqual([]);
    expect(gh.findRelease(TAG)?.assets.every((a) => a.downloads === 1)).toBe(true);
  });

  it("refuses a changed asset, naming it and changing nothing; replaceAssets replaces it", async () => {
    const assets = await standardFiles();
    await publishRelease(request(assets), connection());
    const before = gh.findRelease(TAG)?.assets.map((a) => a.id);
    const changed = await files({ SHA256SUMS: "def  hello_1.2.3_linux_amd64.tar.gz\n" }, "next");
    const next = assets.map((a) => (a.name === "SHA256SUMS" ? (changed[0] as ReleaseAsset) : a));
    gh.requests.length = 0;

    const e = await failure(publishRelease(request(next), connection()));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(
      /release v1\.2\.3 already has an asset with the same name and other content: SHA256SUMS/,
    );
    expect(e.message).toContain(changed[0]?.sha256);
    expect(writes()).toEqual([]);
    expect(gh.findRelease(TAG)?.assets.map((a) => a.id)).toEqual(before);

    const replaced = await publishRelease(request(next, { replaceAssets: true }), connection());
    expect(replaced).toMatchObject({ uploaded: [], replaced: ["SHA256SUMS"] });
    expect(replaced.skipped).toHaveLength(2);
    const stored = gh.findRelease(TAG)?.assets.find((a) => a.name === "SHA256SUMS");
    expect(stored?.sha256).toBe(changed[0]?.sha256);
    expect(names()).toHaveLength(3);
    await verifyPublished(
      { owner: gh.owner, repo: gh.repo, releaseId: replaced.releaseId, assets: next },
      connection(),
    );
  });

  it("publishes through draft on a repository with immutable releases, then refuses to change it", async () => {
    gh.settings.immutableReleases = true;
    const assets = await standardFiles();
    await publishRelease(request(assets), connection());
    const release = gh.findRelease(TAG);
    expect(release).toMatchObject({ draft: false, immutable: true });
    const snapshot = JSON.stringify(release?.assets.map((a) => [a.id, a.name, a.sha256]));
    gh.requests.length = 0;

    const changed = await files({ SHA256SUMS: "changed\n" }, "next");
    const next = assets.map((a) => (a.name === "SHA256SUMS" ? (changed[0] as ReleaseAsset) : a));
    const e = await failure(publishRelease(request(next, { replaceAssets: true }), connection()));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/^release v1\.2\.3 is immutable; .*SHA256SUMS/);

    const extra = await files({ "notes.txt": "more" }, "next");
    const added = await failure(publishRelease(request([...assets, ...extra]), connection()));
    expect(added.message).toMatch(/^release v1\.2\.3 is immutable; .*notes\.txt/);

    expect(writes()).toEqual([]);
    expect(JSON.stringify(gh.findRelease(TAG)?.assets.map((a) => [a.id, a.name, a.sha256]))).toBe(snapshot);
    // A re-run with the same files still succeeds: nothing needs to change.
    const again = await publishRelease(request(assets), connection());
    expect(again.skipped).toHaveLength(3);
  });

  it("explains GitHub's 422 when a release turned immutable while uploading", async () => {
    gh.settings.immutableReleases = true;
    const assets = await standardFiles();
    // Someone publishes the draft (sealing it) as our first upload arrives.
    gh.onRequest = (r) => {
      const release = gh.findRelease(TAG);
      if (r.upload && release?.draft) {
        release.draft = false;
        release.immutable = true;
      }
    };
    const e = await failure(publishRelease(request(assets), connection()));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(
      /^release v1\.2\.3 is immutable; .*Cannot upload assets to an immutable release/,
    );
    expect(gh.findRelease(TAG)?.assets).toEqual([]);
    expect(uploads()).toHaveLength(1);
  });

  it("tells the user to grant contents: write when the token may not", async () => {
    const assets = await standardFiles();
    const e = await failure(publishRelease(request(assets), connection({ token: gh.readOnlyToken })));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toContain("Resource not accessible by integration");
    expect(e.message).toContain('add "permissions: contents: write" to the job');
    expect(gh.releases).toEqual([]);
    // A 403 that is not a rate limit is not retried.
    expect(gh.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("rejects a bad token clearly", async () => {
    const assets = await standardFiles();
    const e = await failure(publishRelease(request(assets), connection({ token: "ghs_wrong" })));
    expect(e.message).toMatch(/GitHub rejected the token \(HTTP 401: Bad credentials\)/);
  });

  it("retries 502s and a 429 with retry-after, and succeeds", async () => {
    gh.inject({ kind: "status", status: 502, method: "POST", path: /\/releases$/, times: 2 });
    gh.inject({ kind: "rate-limit", status: 429, retryAfterSeconds: 7, method: "GET", path: /\/assets$/ });
    gh.inject({ kind: "status", status: 502, method: "POST", path: /\/assets$/, times: 2 });
    gh.inject({ kind: "status", status: 503, method: "PATCH" });
    const assets = await standardFiles();

    const result = await publishRelease(request(assets), connection());
    expect(result.uploaded).toHaveLength(3);
    expect(gh.releases).toHaveLength(1);
    expect(names()).toEqual(result.uploaded);
    expect(gh.findRelease(TAG)?.draft).toBe(false);
    expect(sleeps).toContain(7000);
    // Backoff doubles from the base delay: 5, 10 ms for the two 502s on create.
    expect(sleeps.slice(0, 2)).toEqual([5, 10]);
  });

  it("waits for x-ratelimit-reset on a primary rate limit, and refuses to wait too long", async () => {
    gh.inject({ kind: "rate-limit", status: 403, resetInSeconds: 20, method: "GET", path: /\/tags\// });
    const assets = await standardFiles();
    await publishRelease(request(assets), connection());
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(18_000);
    expect(sleeps[0]).toBeLessThanOrEqual(21_000);

    gh.inject({ kind: "rate-limit", status: 429, resetInSeconds: 3600, method: "GET" });
    const e = await failure(publishRelease(request(assets), connection()));
    expect(e.message).toMatch(/rate limit asks to wait \d+ s, longer than the 30 s goship waits/);
  });

  it("gives up after the attempts, with the last status", async () => {
    gh.inject({ kind: "status", status: 502, method: "POST", path: /\/releases$/, times: 10 });
    const assets = await standardFiles();
    const e = await failure(publishRelease(request(assets), connection()));
    expect(e.message).toBe(`create draft release ${TAG}: GitHub answered HTTP 502`);
    expect(gh.requests.filter((r) => r.method === "POST")).toHaveLength(4);
  });

  it("recovers from a connection dropped mid-upload that left an unfinished asset", async () => {
    gh.inject({
      kind: "drop-upload",
      afterBytes: 64 * 1024,
      leaveStarter: true,
      asset: "hello_1.2.3_linux_amd64.tar.gz",
    });
    const assets = await standardFiles();
    const result = await publishRelease(request(assets), connection());
    expect(result.uploaded).toHaveLength(3);
    expect(names()).toEqual(result.uploaded);
    expect(gh.findRelease(TAG)?.assets.every((a) => a.state === "uploaded")).toBe(true);
    expect(gh.requests.filter((r) => r.method === "DELETE")).toHaveLength(1);
    await verifyPublished(
      { owner: gh.owner, repo: gh.repo, releaseId: result.releaseId, assets },
      connection(),
    );
  });

  it("leaves only a draft when uploads keep failing; a re-run completes with no duplicates", async () => {
    gh.inject({
      kind: "drop-upload",
      afterBytes: 64 * 1024,
      leaveStarter: true,
      asset: "hello_1.2.3_linux_amd64.tar.gz",
      times: 4,
    });
    const assets = await standardFiles();
    const e = await failure(publishRelease(request(assets), connection()));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/^upload hello_1\.2\.3_linux_amd64\.tar\.gz: no answer from GitHub/);
    const draft = gh.findRelease(TAG);
    expect(draft?.draft).toBe(true);
    expect(draft?.assets.map((a) => [a.name, a.state])).toEqual([
      ["SHA256SUMS", "uploaded"],
      ["hello_1.2.3_linux_amd64.tar.gz", "starter"],
    ]);
    // The draft is invisible to a tag look-up, so nothing is published with missing assets.
    expect(gh.requests.some((r) => r.method === "PATCH")).toBe(false);

    const result = await publishRelease(request(assets), connection());
    expect(result.releaseId).toBe(draft?.id);
    expect(gh.releases).toHaveLength(1);
    expect(result).toMatchObject({
      skipped: ["SHA256SUMS"],
      uploaded: ["hello_1.2.3_linux_amd64.tar.gz", "hello_1.2.3_linux_arm64.tar.gz"],
    });
    expect(names()).toEqual([
      "SHA256SUMS",
      "hello_1.2.3_linux_amd64.tar.gz",
      "hello_1.2.3_linux_arm64.tar.gz",
    ]);
    expect(gh.findRelease(TAG)?.assets.every((a) => a.state === "uploaded")).toBe(true);
    expect(gh.findRelease(TAG)?.draft).toBe(false);
  });

  it("keeps an upload that completed although its answer was lost", async () => {
    const assets = await standardFiles();
    // The asset is stored, then the connection breaks before the 201 arrives.
    gh.inject({ kind: "status", status: 502, method: "POST", path: /\/assets$/ });
    gh.onRequest = (r) => {
      const release = gh.findRelease(TAG);
      const name = r.query.get("name");
      if (r.upload && release && name === "SHA256SUMS" && !release.assets.some((a) => a.name === name)) {
        gh.addAsset(release, name, Buffer.from("abc  hello_1.2.3_linux_amd64.tar.gz\n"), "text/plain");
      }
    };
    const result = await publishRelease(request(assets), connection());
    expect(result.uploaded).toHaveLength(3);
    expect(names()).toHaveLength(3);
    expect(gh.requests.filter((r) => r.method === "DELETE")).toEqual([]);
  });

  it("draftOnly uploads to a draft and leaves it there; a later run publishes it without re-uploading", async () => {
    const assets = await standardFiles();
    const result = await publishRelease(request(assets, { draftOnly: true, prerelease: true }), connection());
    const release = gh.findRelease(TAG);
    expect(release).toMatchObject({ draft: true, prerelease: true });
    expect(result.draft).toBe(true);
    expect(result.url).toContain("/releases/tag/untagged-");
    expect(gh.requests.some((r) => r.method === "PATCH")).toBe(false);
    await expect(
      verifyPublished(
        { owner: gh.owner, repo: gh.repo, releaseId: result.releaseId, assets, published: true },
        connection(),
      ),
    ).rejects.toThrow(/release v1\.2\.3 is still a draft/);
    gh.requests.length = 0;

    const published = await publishRelease(request(assets, { prerelease: true }), connection());
    expect(published).toMatchObject({ releaseId: release?.id, draft: false, uploaded: [] });
    expect(published.url).toMatch(/\/releases\/tag\/v1\.2\.3$/);
    expect(uploads()).toEqual([]);
    expect(gh.findRelease(TAG)).toMatchObject({ draft: false, prerelease: true });
  });

  it("finds a draft on a later page of releases and lists assets across pages", async () => {
    gh.settings.maxPerPage = 2;
    const assets = await standardFiles();
    await publishRelease(request(assets, { draftOnly: true }), connection());
    for (let i = 0; i < 5; i++) gh.addRelease({ tagName: `v0.0.${i}` });
    gh.requests.length = 0;

    const result = await publishRelease(request(assets), connection());
    expect(result.skipped).toHaveLength(3);
    expect(gh.releases).toHaveLength(6);
    const listed = gh.requests.filter((r) => r.method === "GET" && /\/releases$/.test(r.path));
    expect(listed.map((r) => r.query.get("page") ?? "1")).toEqual(["1", "2", "3"]);
    expect(gh.requests.filter((r) => r.method === "GET" && /\/\d+\/assets$/.test(r.path)).length).toBe(2);
  });

  it("finds the release again when another run creates it first (422 already_exists)", async () => {
    const assets = await standardFiles();
    gh.onRequest = (r) => {
      if (r.method === "POST" && !r.upload && !gh.findRelease(TAG)) {
        gh.addRelease({ tagName: TAG, name: "theirs" });
      }
    };
    const result = await publishRelease(request(assets), connection());
    expect(gh.releases).toHaveLength(1);
    expect(result.releaseId).toBe(gh.findRelease(TAG)?.id);
    expect(gh.findRelease(TAG)?.name).toBe("theirs");
    expect(names()).toHaveLength(3);
  });

  it("generates notes when asked", async () => {
    const assets = await standardFiles();
    await publishRelease(request(assets, { notes: undefined, generateNotes: true }), connection());
    expect(gh.requests.find((r) => r.method === "POST" && !r.upload)?.json).toMatchObject({
      generate_release_notes: true,
    });
    expect(gh.findRelease(TAG)?.body).toMatch(/What's Changed/);
  });

  it("refuses a file whose size differs from the manifest before touching GitHub", async () => {
    const assets = await standardFiles();
    const wrong = assets.map((a) => ({ ...a, size: a.size + 1 }));
    const e = await failure(publishRelease(request(wrong), connection()));
    expect(e.message).toMatch(/^release asset SHA256SUMS: .* has 36 bytes, the manifest says 37$/);
    expect(gh.requests).toEqual([]);
  });

  it("catches a file that changed after it was hashed by GitHub's digest, and removes the upload", async () => {
    const assets = await standardFiles();
    const sums = assets.find((a) => a.name === "SHA256SUMS");
    await writeFile(sums?.path ?? "", "xyz  hello_1.2.3_linux_amd64.tar.gz\n"); // same size, other bytes
    const e = await failure(publishRelease(request(assets), connection()));
    expect(e.message).toMatch(
      /^upload SHA256SUMS: GitHub recorded sha256 [0-9a-f]{64}, but the manifest says/,
    );
    expect(gh.findRelease(TAG)).toMatchObject({ draft: true, assets: [] });
  });

  it("never prints the token", async () => {
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      gh.inject({ kind: "status", status: 502, method: "POST", path: /\/assets$/ });
      gh.inject({
        kind: "drop-upload",
        afterBytes: 1024,
        leaveStarter: true,
        asset: "hello_1.2.3_linux_amd64.tar.gz",
      });
      const assets = await standardFiles();
      await publishRelease(request(assets), connection());
      // A re-run that changes nothing needs no write permission.
      const again = await publishRelease(request(assets), connection({ token: gh.readOnlyToken }));
      expect(again.skipped).toHaveLength(3);
      await failure(publishRelease(request(assets, { tag: "v9" }), connection({ token: gh.readOnlyToken })));
    } finally {
      write.mockRestore();
    }
    const all = printed.join("");
    expect(all).toContain("retrying");
    expect(all).not.toContain(gh.token);
    expect(all).not.toContain(gh.readOnlyToken);
  });
});

describe("verifyPublished", () => {
  it("names an asset whose content does not match, and one that is missing", async () => {
    const assets = await standardFiles();
    const result = await publishRelease(request(assets), connection());
    const release = gh.findRelease(TAG);
    const stored = release?.assets.find((a) => a.name === "hello_1.2.3_linux_arm64.tar.gz");
    if (!stored) throw new Error("asset missing");
    // The bytes served change behind the recorded digest (what a download check exists for).
    stored.data = Buffer.alloc(stored.data.length, 9);
    const extra = await files({ "extra.txt": "x" }, "next");

    const e = await failure(
      verifyPublished(
        { owner: gh.owner, repo: gh.repo, releaseId: result.releaseId, assets: [...assets, ...extra] },
        connection(),
      ),
    );
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/extra\.txt is missing/);
    expect(e.message).toMatch(
      /hello_1\.2\.3_linux_arm64\.tar\.gz: downloaded sha256 [0-9a-f]{64} \(200000 bytes\), expected/,
    );
    expect(e.message).not.toMatch(/linux_amd64/);
  });

  it("checks GitHub's recorded digest and retries a broken download", async () => {
    const assets = await standardFiles();
    const result = await publishRelease(request(assets), connection());
    gh.inject({ kind: "status", status: 500, method: "GET", path: /\/releases\/assets\/\d+$/ });
    const out = await verifyPublished(
      { owner: gh.owner, repo: gh.repo, releaseId: result.releaseId, assets },
      connection(),
    );
    expect(out.verified).toHaveLength(3);

    const wrong = assets.map((a) => (a.name === "SHA256SUMS" ? { ...a, sha256: "0".repeat(64) } : a));
    await expect(
      verifyPublished(
        { owner: gh.owner, repo: gh.repo, releaseId: result.releaseId, assets: wrong },
        connection(),
      ),
    ).rejects.toThrow(/SHA256SUMS: GitHub records sha256 [0-9a-f]{64}, expected 0{64}/);
  });
});
