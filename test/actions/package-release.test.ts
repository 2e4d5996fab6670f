import { execFileSync, spawnSync } from "node:child_process";
import { createPublicKey } from "node:crypto";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANIFEST_FILE, ReleaseManifest } from "../../src/contract/manifest.js";
import { type GitHubStandIn, startGitHubServer } from "../support/github-server.js";
import { buildHello } from "../support/hello-build.js";
import { opensslKey } from "../support/keys.js";
import { runCli, runDistAction } from "../support/run-action.js";
import { needTools, pinnedTool } from "../support/tools.js";

needTools("cosign");

const TARGETS = ["darwin/arm64", "linux/amd64", "linux/arm/7", "windows/amd64"];

/** One build-static run of the hello fixture; every test packages copies of its output. */
let repo: string;
let binDir: string;
let keyPem: string;
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `goship-pr-${p}-`));

beforeAll(async () => {
  ({ repo, binDir } = await buildHello(TARGETS));
  keyPem = opensslKey().pem;
}, 600_000);

async function packageRelease(
  inputs: Record<string, string>,
  opts: { env?: Record<string, string>; umask?: string } = {},
) {
  const out = join(tmp("out"), "release");
  const res = await runDistAction(
    "package-release",
    { "artifacts-dir": binDir, "signing-key": keyPem, "output-dir": out, ...inputs },
    opts.env ?? {},
    { cwd: repo, ...(opts.umask ? { umask: opts.umask } : {}) },
  );
  return { ...res, out };
}

const digests = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        execFileSync("sha256sum", [join(dir, f)])
          .toString()
          .split(" ")[0],
      ]),
  );

describe("package-release: a signed release directory", () => {
  let first: Awaited<ReturnType<typeof packageRelease>>;
  beforeAll(async () => {
    first = await packageRelease({});
  }, 300_000);

  it("holds an archive, two SBOMs per target, provenance, the manifest and the signed SHA256SUMS", () => {
    expect(first.code, first.stdout).toBe(0);
    expect(readdirSync(first.out).sort()).toEqual(
      [
        "SHA256SUMS",
        "SHA256SUMS.sig",
        "SHA256SUMS.sigstore.json",
        "goship-manifest.json",
        "goship.pub",
        "provenance.intoto.jsonl",
        ...TARGETS.flatMap((t) => {
          const stem = `hello_1.4.0_${t.replaceAll("/", "_")}`;
          return [
            `${stem}.cdx.json`,
            `${stem}.spdx.json`,
            `${stem}.${t.startsWith("windows") ? "zip" : "tar.gz"}`,
          ];
        }),
      ].sort(),
    );
    const manifest = ReleaseManifest.parse(JSON.parse(readFileSync(join(first.out, MANIFEST_FILE), "utf8")));
    expect(manifest.artifacts.map((a) => [a.goos, a.goarch, a.variant].filter(Boolean).join("/"))).toEqual(
      TARGETS,
    );
    expect(manifest).toMatchObject({ project: "hello", version: "1.4.0", checksums: { signer: "key" } });
    expect(JSON.parse(first.outputs.assets as string)).toHaveLength(readdirSync(first.out).length);
    expect(first.outputs["public-key-hint"]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // Verified with the key from the repository, not the copy inside the release.
    expect(first.summary).toMatch(/cosign verify-blob --key trusted.pub --bundle SHA256SUMS.sigstore.json/);
  });

  it("writes each group's lines inside it", () => {
    const inside = (title: string) => {
      const lines = first.stdout.split("\n");
      const start = lines.indexOf(`::group::${title}`);
      expect(start, title).toBeGreaterThanOrEqual(0);
      return lines.slice(start + 1, lines.indexOf("::endgroup::", start));
    };
    const collected = inside("Collect the build-static output");
    for (const t of TARGETS)
      expect(collected.some((l) => l.includes(`hello_${t.replaceAll("/", "_")}`))).toBe(true);
    const verified = inside("Verify the release directory");
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.every((l) => l.startsWith("✓ "))).toBe(true);
    // A progress line as each target's archive and its SBOMs start, in the packaging group.
    const title =
      first.stdout
        .split("\n")
        .find((l) => l.startsWith("::group::Package "))
        ?.slice(9) ?? "";
    const starts = inside(title).filter((l) => l.startsWith("→ "));
    const format = (t: string) => (t.startsWith("windows/") ? "zip" : "tar.gz");
    expect(starts).toEqual(
      TARGETS.flatMap((t, n) => [
        `→ ${t}: ${format(t)} archive (${n + 1}/${TARGETS.length})`,
        `→ ${t}: SBOM (CycloneDX, SPDX)`,
      ]),
    );
  });

  it("opens its summary with the release and whether the repository's goship.pub signed it", async () => {
    expect(first.summary.split("\n").slice(0, 5)).toEqual([
      "## package-release",
      "",
      "✅ **hello 1.4.0** from `" +
        first.summary.match(/from `([0-9a-f]{12})`/)?.[1] +
        "`: 4 targets packaged",
      "",
      expect.stringMatching(/^⚠️ signed with a key \(hint `\S+`\) that the repository does not hold/),
    ]);
    expect(first.summary).toContain("| linux/arm/7 | `hello_1.4.0_linux_arm_7.tar.gz` |");
    const pub = join(repo, "goship.pub");
    writeFileSync(pub, createPublicKey(keyPem).export({ type: "spki", format: "pem" }) as string);
    try {
      const withKey = await packageRelease({});
      expect(withKey.code, withKey.stdout).toBe(0);
      expect(withKey.summary.split("\n")[4]).toMatch(
        /^✅ signed with the repository's `goship.pub` \(hint `\S+`\)$/,
      );
      writeFileSync(pub, createPublicKey(opensslKey().pem).export({ type: "spki", format: "pem" }) as string);
      const otherKey = await packageRelease({});
      expect(otherKey.summary.split("\n")[4]).toMatch(
        /^❌ signed with a key .* is \*\*not\*\* the repository's `goship.pub`/,
      );
    } finally {
      rmSync(pub, { force: true });
    }
  }, 300_000);

  it("is byte-identical when run again, and under another TZ and umask", async () => {
    const again = await packageRelease({});
    const elsewhere = await packageRelease({}, { env: { TZ: "Pacific/Kiritimati" }, umask: "077" });
    expect(elsewhere.code, elsewhere.stdout).toBe(0);
    expect(digests(again.out)).toEqual(digests(first.out));
    expect(digests(elsewhere.out)).toEqual(digests(first.out));
  }, 300_000);

  it("extracts with GNU tar and unzip: the right names, modes and owner", () => {
    const list = execFileSync("tar", ["-tvzf", join(first.out, "hello_1.4.0_linux_amd64.tar.gz")]).toString();
    expect(list).toMatch(/^-rw-r--r-- 0\/0 +\d+ 2026-01-02 03:04 LICENSE$/m);
    expect(list).toMatch(/^-rwxr-xr-x 0\/0 +\d+ 2026-01-02 03:04 hello$/m);
    const x = tmp("x");
    execFileSync("tar", ["-xzf", join(first.out, "hello_1.4.0_linux_arm_7.tar.gz"), "-C", x]);
    expect(readdirSync(x).sort()).toEqual(["LICENSE", "README.md", "hello"]);
    const z = execFileSync("unzip", ["-Z", join(first.out, "hello_1.4.0_windows_amd64.zip")]).toString();
    expect(z).toMatch(/^-rwxr-xr-x .* hello\.exe$/m);
    expect(z).toMatch(/^-rw-r--r-- .* LICENSE$/m);
    const u = tmp("u");
    execFileSync("unzip", ["-q", join(first.out, "hello_1.4.0_windows_amd64.zip"), "-d", u]);
    expect(
      execFileSync("sha256sum", [join(u, "hello.exe")])
        .toString()
        .split(" ")[0],
    ).toBe(
      execFileSync("sha256sum", [join(binDir, "hello_windows_amd64/hello.exe")])
        .toString()
        .split(" ")[0],
    );
  });

  it("verifies with sha256sum, openssl, cosign and goship verify; one flipped byte fails each", async () => {
    const dir = tmp("v");
    cpSync(first.out, dir, { recursive: true });
    const ok = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: dir, encoding: "utf8" });
    const cosign = pinnedTool("cosign");
    const checks = {
      sha256sum: () => ok("sha256sum", ["-c", "--strict", "SHA256SUMS"]),
      openssl: () =>
        ok("openssl", [
          "dgst",
          "-sha256",
          "-verify",
          "goship.pub",
          "-signature",
          "SHA256SUMS.sig",
          "SHA256SUMS",
        ]),
      cosign: () =>
        ok(cosign, [
          "verify-blob",
          "--key",
          "goship.pub",
          "--bundle",
          "SHA256SUMS.sigstore.json",
          "--insecure-ignore-tlog",
          "SHA256SUMS",
        ]),
    };
    for (const [name, check] of Object.entries(checks)) expect(check().status, name).toBe(0);
    const verified = await runCli(["verify", dir, "--public-key", join(dir, "goship.pub")]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/verified: hello 1\.4\.0/);

    const flip = (file: string, at: number) => {
      const b = readFileSync(join(dir, file));
      b[at] = (b[at] as number) ^ 1;
      writeFileSync(join(dir, file), b);
    };
    // An archive: its checksum no longer matches.
    flip("hello_1.4.0_linux_amd64.tar.gz", 100);
    expect(checks.sha256sum().status).not.toBe(0);
    const archiveFail = await runCli(["verify", dir, "--public-key", join(dir, "goship.pub")]);
    expect(archiveFail.code).toBe(1);
    expect(archiveFail.stdout).toMatch(
      /FAIL {2}hello_1\.4\.0_linux_amd64\.tar\.gz: sha256 [0-9a-f]+ differs/,
    );
    flip("hello_1.4.0_linux_amd64.tar.gz", 100);
    // SHA256SUMS itself: the signatures no longer match.
    flip("SHA256SUMS", 3);
    expect(checks.openssl().status).not.toBe(0);
    expect(checks.cosign().status).not.toBe(0);
    const sumsFail = await runCli(["verify", dir, "--public-key", join(dir, "goship.pub")]);
    expect(sumsFail.code).toBe(1);
    expect(sumsFail.stdout).toMatch(/FAIL {2}SHA256SUMS\.sig: not a valid signature of SHA256SUMS/);
  }, 120_000);

  it("refuses a release signed by another key", async () => {
    const res = await runCli(["verify", first.out, "--public-key", opensslKey().pub]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/FAIL {2}SHA256SUMS\.sig: not a valid signature/);
  });
});

describe("package-release with cosign's encrypted key", () => {
  it("signs with the right password and names signing-key-password for a wrong one", async () => {
    const dir = tmp("cosign");
    execFileSync(pinnedTool("cosign"), ["generate-key-pair", "--output-key-prefix", join(dir, "c")], {
      env: { ...process.env, COSIGN_PASSWORD: "s3cret" },
    });
    const pem = readFileSync(join(dir, "c.key"), "utf8");
    const good = await packageRelease({ "signing-key": pem, "signing-key-password": "s3cret" });
    expect(good.code, good.stdout).toBe(0);
    expect(readFileSync(join(good.out, "goship.pub"), "utf8").trim()).toBe(
      readFileSync(join(dir, "c.pub"), "utf8").trim(),
    );
    const bad = await packageRelease({ "signing-key": pem, "signing-key-password": "wrong" });
    expect(bad.code).toBe(1);
    const errors = bad.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/signing-key-password/);
    expect(bad.stdout).not.toContain("s3cret");
    expect(existsSync(bad.out)).toBe(false);
  }, 300_000);
});

describe("package-release refuses bad input, writing nothing", () => {
  const p384 = () => opensslKey("P-384").pem;
  const rsaKey = () =>
    execFileSync("openssl", ["genrsa", "-traditional", "2048"], {
      stdio: ["ignore", "pipe", "ignore"],
    }).toString();
  const unknownTarget = () => {
    const dir = tmp("unknown");
    cpSync(binDir, dir, { recursive: true });
    const f = join(dir, "hello_linux_amd64", "goship-fragment.json");
    writeFileSync(f, readFileSync(f, "utf8").replace('"goos": "linux"', '"goos": "plan10"'));
    return dir;
  };
  const badFragment = (edit: (text: string) => string) => {
    const dir = tmp("fragment");
    cpSync(binDir, dir, { recursive: true });
    const f = join(dir, "hello_linux_amd64", "goship-fragment.json");
    writeFileSync(f, edit(readFileSync(f, "utf8")));
    return dir;
  };
  it.each([
    [
      "a fragment that does not fit its schema (no raw schema dump)",
      () => ({ "artifacts-dir": badFragment((t) => t.replace(/"sha256": "[0-9a-f]+"/, '"sha256": "XYZ"')) }),
      /^::error::package-release: input "artifacts-dir" has value "[^"]+": build-static output, whose goship-fragment\.json files have schemaVersion 1; hello_linux_amd64\/goship-fragment\.json does not fit: binary\.sha256: a lowercase hex sha256$/,
    ],
    [
      "a fragment that is not JSON",
      () => ({ "artifacts-dir": badFragment((t) => t.slice(0, 20)) }),
      /^::error::package-release: input "artifacts-dir" has value "[^"]+": build-static output, whose goship-fragment\.json files have schemaVersion 1; hello_linux_amd64\/goship-fragment\.json is not JSON \(.+\)$/,
    ],
    ["a key that is not P-256", () => ({ "signing-key": p384() }), /input "signing-key" .*P-384.*P-256/],
    [
      "a binary for an unknown target",
      () => ({ "artifacts-dir": unknownTarget() }),
      /input "artifacts-dir" .*hello_linux_amd64\/goship-fragment\.json says plan10\/amd64/,
    ],
    ["a version with a slash", () => ({ version: "1.4.0/x" }), /input "version" has value "1\.4\.0\/x"/],
    [
      "a version other than the binaries'",
      () => ({ version: "1.5.0" }),
      /input "version" has value "1\.5\.0".*1\.4\.0/,
    ],
    [
      "an unknown archive format",
      () => ({ "archive-format": "rar" }),
      /input "archive-format" has value "rar"/,
    ],
    [
      "a signing key that is not a PEM key (never echoed)",
      () => ({ "signing-key": "hunter2-not-a-key" }),
      /input "signing-key" has value "\*\*\*": allowed: a PEM private key/,
    ],
    ["an RSA key", () => ({ "signing-key": rsaKey() }), /input "signing-key" .*RSA/],
    [
      "publishing without a signer",
      () => ({ "signing-key": "", publish: "release", tag: "v1.4.0" }),
      /input "signing-key" has value "": .*goship does not publish unsigned releases/,
    ],
  ])("%s", async (_, inputs, message) => {
    const given: Record<string, string> = inputs();
    const res = await packageRelease(given);
    expect(res.code).toBe(1);
    const errors = res.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    // Nothing secret outside the runner's mask registrations: no key material, no bad value.
    const shown = res.stdout
      .split("\n")
      .filter((l) => !l.startsWith("::add-mask::"))
      .join("\n");
    expect(shown).not.toContain("hunter2");
    // Not one line of the PEM's body.
    for (const line of (given["signing-key"] ?? keyPem).split("\n").slice(1, -2))
      expect(shown).not.toContain(line);
    expect(existsSync(res.out)).toBe(false);
    rmSync(res.out, { recursive: true, force: true });
  });
});

describe("package-release publishing to GitHub (the stand-in speaks GitHub's documented API)", () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubServer();
  });
  afterAll(async () => gh.close());
  const env = () => ({
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
    GITHUB_REF: "refs/tags/v1.4.0",
  });
  const publish = (inputs: Record<string, string>, token = gh.token) =>
    packageRelease({ publish: "release", "github-token": token, ...inputs }, { env: env() });

  it("creates the release, uploads every file, publishes it and reads it back; a re-run skips everything", async () => {
    const first = await publish({});
    expect(first.code, first.stdout).toBe(0);
    const release = gh.findRelease("v1.4.0");
    expect(release?.draft).toBe(false);
    expect(release?.assets.map((a) => a.name).sort()).toEqual(readdirSync(first.out).sort());
    for (const a of release?.assets ?? [])
      expect(a.data.equals(readFileSync(join(first.out, a.name))), a.name).toBe(true);
    expect(first.outputs["release-id"]).toBe(String(release?.id));
    expect(first.outputs["release-url"]).toMatch(/\/releases\/tag\/v1\.4\.0$/);
    expect(first.stdout).toMatch(/read back \d+ asset\(s\) from the release: every sha256 matches/);
    expect(first.summary).toMatch(/\| uploaded \|/);

    const uploadsBefore = gh.requests.filter((r) => r.upload).length;
    const again = await publish({});
    expect(again.code, again.stdout).toBe(0);
    expect(gh.requests.filter((r) => r.upload).length).toBe(uploadsBefore);
    expect(again.summary).toMatch(/\| skipped: already there \|/);
    expect(again.summary).not.toMatch(/\| uploaded \|/);
  }, 300_000);

  it("without contents: write: one clear error", async () => {
    const res = await publish({ tag: "v9.9.9" }, gh.readOnlyToken);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::error::package-release: .*permissions: contents: write/);
    const shown = res.stdout.split("\n").filter((l) => !l.startsWith("::add-mask::"));
    expect(shown.join("\n")).not.toContain(gh.readOnlyToken);
  }, 120_000);

  it("a tag to publish under is required outside a tag push", async () => {
    const res = await packageRelease(
      { publish: "draft", "github-token": gh.token },
      { env: { ...env(), GITHUB_REF: "refs/heads/main" } },
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::error::package-release: input "tag" has value "": .*refs\/heads\/main/);
    expect(existsSync(res.out)).toBe(false);
  });
});

/** Every path under `root` with its type, mode, size and mtime: "nothing touched" compares two of these. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = lstatSync(path);
      const type = st.isDirectory() ? "d" : st.isSymbolicLink() ? "l" : "f";
      out.push(`${relative(root, path)} ${type} ${(st.mode & 0o7777).toString(8)} ${st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) walk(path);
    }
  };
  walk(root);
  return out;
}

describe("package-release never replaces anything but an earlier release", () => {
  /** A copy of the checkout (.git, sources, dist/bin) with an untracked file, alone in a directory of its own. */
  const workTree = () => {
    const work = join(tmp("wt"), "work");
    cpSync(repo, work, { recursive: true });
    writeFileSync(join(work, "notes.txt"), "untracked\n");
    return work;
  };
  const run = (work: string, inputs: Record<string, string>) =>
    runDistAction(
      "package-release",
      { "artifacts-dir": "dist/bin", "signing-key": keyPem, sbom: "none", ...inputs },
      {},
      { cwd: work },
    );
  const ALLOWED =
    "a directory for the release alone (new, empty, or an earlier goship release, which is replaced whole)";

  it.each([
    ["the work tree", ".", (w: string) => `${w} is the working directory`],
    [
      "a directory that holds the work tree",
      "..",
      (w: string) => `${dirname(w)} holds the working directory ${w}`,
    ],
    [
      "the directory that holds the inputs",
      "dist",
      (w: string) => `${w}/dist holds artifacts-dir (${w}/dist/bin), which this run reads`,
    ],
    [
      "the inputs themselves",
      "dist/bin",
      (w: string) => `${w}/dist/bin is artifacts-dir (${w}/dist/bin), which this run reads`,
    ],
    [
      "a directory of other files",
      "docs",
      (w: string) =>
        `${w}/docs holds guide.md, img and no goship-manifest.json: it is not an earlier release`,
    ],
    ["a file", "README.md", (w: string) => `${w}/README.md exists and is not a directory`],
    ["a symbolic link", "out-link", (w: string) => `${w}/out-link is a symbolic link`],
  ])(
    "refuses %s, touching nothing",
    async (_, outputDir, why) => {
      const work = workTree();
      mkdirSync(join(work, "docs/img"), { recursive: true });
      writeFileSync(join(work, "docs/guide.md"), "# guide\n");
      mkdirSync(join(work, "empty"));
      symlinkSync("empty", join(work, "out-link"));
      const before = tree(dirname(work));
      const r = await run(work, { "output-dir": outputDir });
      expect(r.code, r.stdout).toBe(1);
      const errors = r.stdout.split("\n").filter((l) => l.startsWith("::error::"));
      expect(errors).toEqual([
        `::error::package-release: input "output-dir" has value ${JSON.stringify(outputDir)}: ${ALLOWED}; ${why(work)}`,
      ]);
      expect(tree(dirname(work))).toEqual(before);
    },
    120_000,
  );

  it("replaces an earlier release, and an empty directory, but not a release with someone's file in it", async () => {
    const work = workTree();
    mkdirSync(join(work, "out"));
    const first = await run(work, { "output-dir": "out" });
    expect(first.code, first.stdout).toBe(0);
    const again = await run(work, { "output-dir": "out" });
    expect(again.code, again.stdout).toBe(0);
    expect(readdirSync(join(work, "out"))).toContain("goship-manifest.json");

    writeFileSync(join(work, "out/notes.txt"), "mine\n");
    const before = tree(dirname(work));
    const r = await run(work, { "output-dir": "out" });
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("::error::"))).toEqual([
      `::error::package-release: input "output-dir" has value "out": ${ALLOWED}; ${work}/out holds notes.txt, which is not part of the goship release there`,
    ]);
    expect(tree(dirname(work))).toEqual(before);
  }, 300_000);
});

describe("package-release packs files from the work tree only", () => {
  it("refuses a files pattern through a directory symlink that leads outside, naming files and the path", async () => {
    const work = join(tmp("wt"), "work");
    cpSync(repo, work, { recursive: true });
    const outside = tmp("outside");
    writeFileSync(join(outside, "id_ed25519"), "not for the archive\n");
    symlinkSync(outside, join(work, "docs"));
    const out = join(tmp("out"), "release");
    const r = await runDistAction(
      "package-release",
      { "artifacts-dir": "dist/bin", "signing-key": keyPem, files: "LICENSE,docs/*", "output-dir": out },
      {},
      { cwd: work },
    );
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("::error::"))).toEqual([
      `::error::package-release: input "files" has value "docs/*": files inside the working directory; docs leads to ${outside} (through a symbolic link), outside ${work}`,
    ]);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
