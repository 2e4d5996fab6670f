import { lstat, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import semver from "semver";
import { extractModuleZip, MAX_MODULE_ZIP, type Placement } from "../archive/zip.js";
import { errorMessage, UserError } from "../kit/errors.js";
import { downloadFile, fetchText, HttpError } from "../kit/http.js";
import { bytes, info, maskSecret, seconds, warning } from "../kit/log.js";
import { progress } from "../kit/progress.js";
import { escapeModulePath, escapeModuleVersion, GO_SUMDB, lookupModuleHash } from "./sumdb.js";
import { goToSemver } from "./version.js";

/**
 * Go toolchains as modules: since Go 1.21 every release is also published as
 * golang.org/toolchain@v0.0.1-go<version>.<goos>-<goarch> on the module proxy (the
 * go command's GOTOOLCHAIN downloads use it). On networks that reach only a proxy, this
 * is how a toolchain arrives; its zip is verified against the Go checksum database,
 * reached through the proxy's /sumdb/ passthrough.
 */

const TOOLCHAIN_MODULE = "golang.org/toolchain";
/** golang.org/toolchain's version list (one line per release and platform) is well under 1 MB. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

/**
 * Parses a GOPROXY value ("https://a,https://b|direct", "off"); keeps http(s) URLs in
 * order, drops "direct"; throws UserError if nothing usable remains. As in the go
 * command, "off" and "direct" end the list and a bare host means https://host.
 * An empty value is refused too: callers substitute the default, as `go env` does.
 */
export function proxyURLs(goproxy: string): string[] {
  const urls: string[] = [];
  for (const raw of goproxy.split(/[,|]/)) {
    const item = raw.trim();
    if (item === "") continue;
    if (item === "off" || item === "direct") break;
    const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(item) ? item : `https://${item}`;
    const shown = JSON.stringify(shownEntry(item));
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      warning(`GOPROXY entry ${shown} is not a URL; skipped`);
      continue;
    }
    if (url.username !== "" || url.password !== "") {
      // Sending them is not supported, and no message may show them: masked on a runner too
      // (the password, or a user name that stands alone, as a token does).
      const secret = url.password || url.username;
      maskSecret(secret);
      maskSecret(safeDecode(secret));
      warning(`GOPROXY entry ${shown} carries credentials; skipped`);
      continue;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      warning(`GOPROXY entry ${shown}: only http(s) proxies can be used here; skipped`);
      continue;
    }
    if (url.search !== "" || url.hash !== "") {
      warning(`GOPROXY entry ${shown} has a query or fragment; skipped`);
      continue;
    }
    urls.push(url.href.replace(/\/+$/, ""));
  }
  if (urls.length === 0) {
    const shown = goproxy
      .split(/([,|])/)
      .map((part, i) => (i % 2 === 1 ? part : shownEntry(part)))
      .join("");
    throw new UserError(
      `GOPROXY=${JSON.stringify(shown)} names no module proxy (an http:// or https:// URL); installing Go as a module needs one, e.g. https://proxy.golang.org`,
    );
  }
  return urls;
}

/**
 * A GOPROXY entry as a message may show it: credentials ("user:pass@", with or without a
 * scheme), a query and a fragment (where tokens go too) become ***.
 */
function shownEntry(item: string): string {
  return item.replace(/^(\s*(?:[a-z][a-z0-9+.-]*:\/\/)?)[^/?#]*@/i, "$1***@").replace(/([?#]).*$/s, "$1***");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Go versions ("1.25.4", "1.26rc1", "1.21.0", "1.20") published as golang.org/toolchain
 * for goos/goarch, from <proxy>/golang.org/toolchain/@v/list, first proxy that answers.
 * Sorted oldest first.
 */
export async function listToolchainVersions(
  proxies: string[],
  goos: string,
  goarch: string,
): Promise<string[]> {
  checkPlatform(goos, goarch);
  const failures: string[] = [];
  for (const proxy of proxies) {
    let listing: string;
    try {
      listing = await fetchText(`${proxy}/${TOOLCHAIN_MODULE}/@v/list`, { maxBytes: MAX_LIST_BYTES });
    } catch (e) {
      failures.push(errorMessage(e));
      continue;
    }
    const suffix = `.${goos}-${goarch}`;
    const versions = new Set<string>();
    for (const line of listing.split("\n")) {
      const v = line.trim();
      if (!v.startsWith("v0.0.1-go") || !v.endsWith(suffix)) continue;
      const go = v.slice("v0.0.1-go".length, -suffix.length);
      if (goToSemver(go) !== undefined) versions.add(go);
    }
    return [...versions].sort((a, b) => semver.compare(goToSemver(a) as string, goToSemver(b) as string));
  }
  throw new UserError(`no module proxy could list ${TOOLCHAIN_MODULE} versions:\n  ${failures.join("\n  ")}`);
}

export interface ProxyInstall {
  url: string;
  size: number;
  h1: string;
}

/**
 * Downloads golang.org/toolchain@v0.0.1-go<version>.<goos>-<goarch>.zip, verifies its
 * h1 dirhash against the checksum database (signed tree head + Merkle inclusion proof),
 * and extracts it into `dest` (created; becomes a GOROOT: dest/bin/go). Marks bin/ and
 * pkg/tool/ files executable (module zips carry no modes; the go command does the same).
 * Refuses and leaves nothing in dest if any check fails.
 */
export async function installToolchainFromProxy(opts: {
  version: string;
  goos: string;
  goarch: string;
  proxies: string[];
  dest: string;
  tmpDir?: string;
}): Promise<ProxyInstall> {
  const { version, goos, goarch, proxies } = opts;
  checkPlatform(goos, goarch);
  if (goToSemver(version) === undefined) throw new UserError(`"${version}" is not a Go version`);
  if (proxies.length === 0) throw new UserError("no module proxy to install Go from");
  const moduleVersion = `v0.0.1-go${version}.${goos}-${goarch}`;
  const what = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
  const dest = path.resolve(opts.dest);
  if (await exists(dest)) throw new UserError(`cannot install ${what} into ${dest}: it already exists`);

  // The database first: it is small, and an unknown version fails before a 64 MB download.
  const expected = await lookupModuleHash(TOOLCHAIN_MODULE, moduleVersion, {
    baseURLs: await sumdbBaseURLs(proxies),
    config: GO_SUMDB,
  });

  const tmpRoot = opts.tmpDir ?? os.tmpdir();
  await mkdir(tmpRoot, { recursive: true });
  const work = await mkdtemp(path.join(tmpRoot, "goship-toolchain-"));
  let staging: string | undefined;
  try {
    // A sibling of dest, so that the final rename stays on one file system.
    const parent = path.dirname(dest);
    await mkdir(parent, { recursive: true });
    const into = await mkdtemp(path.join(parent, `.${path.basename(dest)}.partial-`));
    staging = into;
    const zipPath = path.join(work, `${moduleVersion}.zip`);
    let started = performance.now();
    const { url, size } = await progress.during(`Downloading ${what} from the module proxy`, () =>
      downloadFromProxies(proxies, moduleVersion, zipPath, what),
    );
    info(`Downloaded ${url} (${bytes(size)}) in ${seconds(performance.now() - started)}`);

    started = performance.now();
    const got = await progress.during(`Extracting ${what} and checking it against ${GO_SUMDB.name}`, () =>
      extractModuleZip(zipPath, into, { prefix: `${what}/`, place: placeToolchainFile }),
    );
    if (got.h1 !== expected.zip) {
      throw new UserError(
        `SECURITY ERROR: ${what}: the zip from ${url} has hash ${got.h1}, but the checksum database ${GO_SUMDB.name} records ${expected.zip}; nothing was installed`,
      );
    }
    if (!(await exists(path.join(staging, "bin", goos === "windows" ? "go.exe" : "go")))) {
      throw new UserError(`${what} has no bin/go; it is not a Go toolchain`);
    }
    info(
      `Verified ${what} (${got.h1}, ${GO_SUMDB.name}); extracted ${got.files} files (${bytes(got.bytes)}) in ${seconds(performance.now() - started)}`,
    );
    await rename(staging, dest);
    return { url, size, h1: got.h1 };
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Where each file of the toolchain zip goes below GOROOT, mirroring what the go command
 * does after it unpacks a toolchain module (cmd/go/internal/toolchain/select.go):
 * - bin/*, pkg/tool/**, and lib/**\/go_*_*_exec become executable (zips carry no modes);
 * - every "_go.mod" is also written as "go.mod" beside it: release zips rename the
 *   nested go.mod files because a module zip may not contain any (src/go.mod is what
 *   makes "std" and "cmd" modules);
 * - the module's own root go.mod, if a zip ever carries one, is hashed (it is part of
 *   the h1) but not written: a GOROOT from go.dev has none, and one would make GOROOT
 *   itself look like module golang.org/toolchain. Current zips have none; the proxy
 *   synthesises the .mod file instead.
 */
function placeToolchainFile(rel: string): Placement {
  if (rel === "go.mod") return { paths: [], mode: 0o644 };
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  const executable =
    rel.startsWith("bin/") ||
    rel.startsWith("pkg/tool/") ||
    (rel.startsWith("lib/") && /^go_.+_.+_exec$/.test(base));
  const mode = executable ? 0o755 : 0o644;
  if (base === "_go.mod" && rel !== base)
    return { paths: [rel, `${rel.slice(0, -base.length)}go.mod`], mode };
  return { paths: [rel], mode };
}

/**
 * Checksum database roots to try: each proxy that says it passes sum.golang.org through
 * (<proxy>/sumdb/<name>/supported answers 200, the protocol's test), then the database
 * itself, as the go command falls back to.
 */
async function sumdbBaseURLs(proxies: string[]): Promise<string[]> {
  const checks = await Promise.all(
    proxies.map(async (proxy) => {
      const base = `${proxy}/sumdb/${GO_SUMDB.name}`;
      try {
        await fetchText(`${base}/supported`, { maxBytes: 64 * 1024, attempts: 2, timeoutMs: 15_000 });
        return base;
      } catch {
        return undefined;
      }
    }),
  );
  return [...checks.filter((b): b is string => b !== undefined), `https://${GO_SUMDB.name}`];
}

async function downloadFromProxies(
  proxies: string[],
  moduleVersion: string,
  zipPath: string,
  what: string,
): Promise<{ url: string; size: number }> {
  const failures: string[] = [];
  for (const proxy of proxies) {
    const url = `${proxy}/${escapeModulePath(TOOLCHAIN_MODULE)}/@v/${escapeModuleVersion(moduleVersion)}.zip`;
    try {
      // The go command's own limit for a module zip; the checksum database checks the rest.
      const got = await downloadFile(url, zipPath, {
        maxBytes: MAX_MODULE_ZIP,
        timeoutMs: 60_000,
        attempts: 3,
      });
      return { url, size: got.size };
    } catch (e) {
      await rm(zipPath, { force: true });
      const notFound = e instanceof HttpError && (e.status === 404 || e.status === 410);
      failures.push(notFound ? `${url}: not published (HTTP ${(e as HttpError).status})` : errorMessage(e));
    }
  }
  throw new UserError(`could not download ${what}:\n  ${failures.join("\n  ")}`);
}

function checkPlatform(goos: string, goarch: string): void {
  if (!/^[a-z0-9]+$/.test(goos) || !/^[a-z0-9]+$/.test(goarch)) {
    throw new UserError(`"${goos}/${goarch}" is not a GOOS/GOARCH pair`);
  }
}

/** lstat, so that a dangling symlink counts as existing. */
async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}
