import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GitHubStandIn, startGitHubServer } from "../support/github-server.js";
import { buildHello } from "../support/hello-build.js";
import { opensslKey } from "../support/keys.js";
import { runDistAction } from "../support/run-action.js";

/**
 * deploy-systemd binds a release to what was asked for: a validly signed release of another
 * version under a tag (someone who can edit a release's assets but holds no signing key), or
 * of another project, is refused before any host is contacted. The "host" is a TCP listener
 * that counts connections; the release is the hello fixture's, signed, served by the GitHub
 * stand-in under its own tag and under a newer one.
 */

let gh: GitHubStandIn;
let publicKey: string;
let sshKey: string;
let host: Server;
let port: number;
const sockets: Socket[] = [];
/** Connections to the host before the test began: a refusal adds none. */
let seen = 0;
beforeEach(() => {
  seen = sockets.length;
});

beforeAll(async () => {
  const { repo } = await buildHello(["linux/amd64"]);
  const key = opensslKey();
  publicKey = readFileSync(key.pub, "utf8");
  const out = join(mkdtempSync(join(tmpdir(), "goship-identity-")), "release");
  const packed = await runDistAction(
    "package-release",
    { "artifacts-dir": "dist/bin", "signing-key": key.pem, sbom: "none", "output-dir": out },
    {},
    { cwd: repo },
  );
  expect(packed.code, packed.stdout).toBe(0);
  gh = await startGitHubServer();
  // hello 1.4.0 under its own tag, and the same assets under v2.0.0.
  for (const tag of ["v1.4.0", "v2.0.0"]) {
    const release = gh.addRelease({ tagName: tag });
    for (const name of readdirSync(out)) gh.addAsset(release, name, readFileSync(join(out, name)));
  }
  const keyDir = mkdtempSync(join(tmpdir(), "goship-identity-ssh-"));
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", join(keyDir, "k")]);
  sshKey = readFileSync(join(keyDir, "k"), "utf8");
  // A host that accepts and says nothing; the test closes each connection once counted.
  host = createServer((s) => {
    sockets.push(s);
    s.destroy();
  });
  await new Promise<void>((r) => host.listen(0, "127.0.0.1", r));
  port = (host.address() as { port: number }).port;
}, 600_000);

afterAll(async () => {
  host?.close();
  await gh?.close();
});

function deploy(inputs: Record<string, string>) {
  return runDistAction(
    "deploy-systemd",
    {
      hosts: `127.0.0.1:${port}`,
      "ssh-private-key": sshKey,
      "known-hosts": `[127.0.0.1]:${port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl`,
      app: "hello",
      "public-key": publicKey,
      "github-token": gh.token,
      ...inputs,
    },
    { GITHUB_API_URL: gh.apiUrl, GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}` },
  );
}

const errors = (stdout: string) => stdout.split("\n").filter((l) => l.startsWith("::error::"));

describe("deploy-systemd: the release is the one asked for, or no host is contacted", () => {
  it("refuses an older, validly signed release under a newer tag", async () => {
    const downloads = gh.storageRequests.length;
    const r = await deploy({ "release-tag": "v2.0.0" });
    expect(r.code, r.stdout).toBe(1);
    expect(errors(r.stdout)).toEqual([
      '::error::deploy-systemd: input "release-tag" has value "v2.0.0": a tag whose release has version 2.0.0 (the tag without its "v"); where tags are not versions, give the version as input "version"; its goship-manifest.json says hello 1.4.0',
    ]);
    // It was downloaded and verified (the signature is valid), then refused.
    expect(gh.storageRequests.length).toBeGreaterThan(downloads);
    expect(r.stdout).toContain("SHA256SUMS.sig: signature of SHA256SUMS verifies");
    expect(sockets.length, "connections to the host").toBe(seen);
  }, 120_000);

  it("refuses another project's release for this app", async () => {
    const r = await deploy({ "release-tag": "v1.4.0", app: "shop" });
    expect(r.code, r.stdout).toBe(1);
    expect(errors(r.stdout)).toEqual([
      '::error::deploy-systemd: input "app" has value "shop": the release\'s project; to deploy another project\'s release as shop, give that project as input "project"; its goship-manifest.json says hello 1.4.0',
    ]);
    expect(sockets.length, "connections to the host").toBe(seen);
  }, 120_000);

  it.each([
    [
      { version: "2.0.0", "release-tag": "v1.4.0" },
      'input "version" has value "2.0.0": the release\'s version',
    ],
    [
      { project: "shop", "release-tag": "v1.4.0" },
      'input "project" has value "shop": the release\'s project',
    ],
  ])(
    "an explicit expectation is checked too: %j",
    async (inputs, message) => {
      const r = await deploy(inputs);
      expect(r.code, r.stdout).toBe(1);
      expect(errors(r.stdout)).toEqual([
        `::error::deploy-systemd: ${message}; its goship-manifest.json says hello 1.4.0`,
      ]);
      expect(sockets.length, "connections to the host").toBe(seen);
    },
    120_000,
  );

  it("goes on to the host when they agree: by the tag, or by version and project given for other names", async () => {
    const cases: Record<string, string>[] = [
      { "release-tag": "v1.4.0" },
      { "release-tag": "v2.0.0", version: "1.4.0", app: "shop", project: "hello" },
    ];
    for (const inputs of cases) {
      const before = sockets.length;
      const r = await deploy(inputs);
      // The host hangs up at once: the deploy fails there, after the release was accepted.
      expect(r.code, r.stdout).toBe(1);
      expect(errors(r.stdout).join("\n")).toMatch(/127\.0\.0\.1/);
      expect(sockets.length, JSON.stringify(inputs)).toBeGreaterThan(before);
    }
  }, 120_000);
});

describe("deploy-systemd: a public-key that cannot verify is named, before anything is downloaded", () => {
  const pub = (curve: "P-256" | "P-384") => readFileSync(opensslKey(curve).pub, "utf8");
  it.each([
    ["an EC P-384 key", () => pub("P-384"), "this is an EC P-384 key"],
    [
      "a PUBLIC KEY block that holds no key",
      () => "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
      "this is not a PEM public key",
    ],
  ])(
    "%s",
    async (_, key, what) => {
      const downloads = gh.requests.length;
      const r = await deploy({ "release-tag": "v1.4.0", "public-key": key() });
      expect(r.code, r.stdout).toBe(1);
      expect(errors(r.stdout)).toEqual([
        `::error::deploy-systemd: input "public-key" has value "-----BEGIN PUBLIC KEY-----…": the PEM public key ("-----BEGIN PUBLIC KEY-----") of the ECDSA P-256 key that signed the release: your goship.pub; ${what}`,
      ]);
      expect(gh.requests.length).toBe(downloads);
      expect(sockets.length, "connections to the host").toBe(seen);
    },
    120_000,
  );

  it("a key that did not sign the release: the signature error names the input and both keys", async () => {
    const other = pub("P-256");
    const r = await deploy({ "release-tag": "v1.4.0", "public-key": other });
    expect(r.code, r.stdout).toBe(1);
    const [line] = errors(r.stdout);
    expect(line).toMatch(
      /^::error::deploy-systemd: SHA256SUMS\.sig: not a valid signature of SHA256SUMS by the key in input "public-key" \([A-Za-z0-9+/]{43}=\); the release names key [A-Za-z0-9+/]{43}=: verify with that key's goship\.pub only if it is yours$/,
    );
    expect(sockets.length, "connections to the host").toBe(seen);
  }, 120_000);
});
