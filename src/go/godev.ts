import { lstat, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { extractTarGz } from "../archive/tar.js";
import { errorMessage, inputError, UserError } from "../kit/errors.js";
import { downloadFile, fetchText, HttpError } from "../kit/http.js";
import { bytes, info, seconds } from "../kit/log.js";
import { progress } from "../kit/progress.js";

/**
 * Go distributions from go.dev/dl: the JSON release listing, and the download of one
 * archive verified against the sha256 that listing publishes.
 */

/** One file of a release in https://go.dev/dl/?mode=json&include=all. */
export const GoDevFile = z.object({
  // Used as a URL path segment and a local file name: no separators, no leading dot.
  filename: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/),
  os: z.string(),
  arch: z.string(),
  version: z.string().regex(/^go[0-9][0-9a-z.]*$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  kind: z.enum(["archive", "installer", "source"]),
});

export const GoDevRelease = z.object({
  version: z.string().regex(/^go[0-9][0-9a-z.]*$/),
  stable: z.boolean(),
  files: z.array(GoDevFile),
});

export type GoDevFileT = z.infer<typeof GoDevFile>;
export type GoDevReleaseT = z.infer<typeof GoDevRelease>;

const BASE_URL_ALLOWED =
  "an https URL serving go.dev/dl's listing and archives, without credentials, query or fragment; cleartext http only to a loopback address (127.0.0.0/8 or [::1])";

/**
 * Checks a go.dev-style base URL. Such a source gives the archive and the sha256 that checks
 * it from one origin, so over cleartext whoever is on the path can change both: https only.
 * The exception is a literal loopback address (127.0.0.0/8, [::1]), whose traffic never leaves
 * the machine (a mirror on the runner, tests); a name such as localhost is not, since it
 * resolves through the hosts file or DNS. Credentials in the URL would be printed with every
 * download line, and a query would break the paths built on it: both refused.
 */
export function checkGoDevBaseUrl(value: string, input = "go-download-base-url"): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw inputError(input, value, `it is not a URL; allowed: ${BASE_URL_ALLOWED}`);
  }
  // A query may carry a token as credentials do: neither is shown (input errors hide user:pass@).
  const shown = value.replace(/([?#]).*$/s, "$1***");
  if (url.username || url.password)
    throw inputError(input, shown, `it carries credentials; allowed: ${BASE_URL_ALLOWED}`);
  if (url.search || url.hash)
    throw inputError(input, shown, `it has a query or fragment; allowed: ${BASE_URL_ALLOWED}`);
  if (url.protocol === "https:") return;
  const loopback = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname) || url.hostname === "[::1]";
  if (url.protocol === "http:" && loopback) return;
  throw inputError(
    input,
    value,
    url.protocol === "http:"
      ? `cleartext http to ${url.hostname} would let anyone on the path change both the archive and its checksum; allowed: ${BASE_URL_ALLOWED}`
      : `the scheme ${url.protocol} is not https:; allowed: ${BASE_URL_ALLOWED}`,
  );
}

/** go.dev's whole listing (every release since Go 1, every file) is a few MB; this leaves room for years. */
const MAX_LISTING_BYTES = 32 * 1024 * 1024;

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}

/**
 * Fetches and validates the release listing. The timeout is short and there are only
 * two attempts, so a caller on a network without go.dev can fall back quickly.
 */
export async function fetchGoDevReleases(baseUrl: string): Promise<GoDevReleaseT[]> {
  checkGoDevBaseUrl(baseUrl);
  const url = `${trimBase(baseUrl)}/?mode=json&include=all`;
  const text = await fetchText(url, { maxBytes: MAX_LISTING_BYTES, timeoutMs: 10_000, attempts: 2 });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`the Go release listing at ${url} is not JSON: ${errorMessage(e)}`);
  }
  const parsed = z.array(GoDevRelease).safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const shown = issues
      .slice(0, 5)
      .map((i) => `  - at [${i.path.join("][")}]: ${i.message}`)
      .join("\n");
    const more = issues.length > 5 ? `\n  … and ${issues.length - 5} more` : "";
    throw new UserError(`the Go release listing at ${url} is not in the expected shape:\n${shown}${more}`);
  }
  return parsed.data;
}

/** go.dev spells a few architectures differently from GOARCH. */
function goDevArch(goarch: string): string {
  return goarch === "arm" ? "armv6l" : goarch;
}

/**
 * The .tar.gz archive of Go `version` ("1.25.4") for goos/goarch, or undefined when
 * the listing has none. Windows builds are published only as .zip, which is not
 * extracted here, so asking for one is an error that says so.
 */
export function findGoDevArchive(
  releases: GoDevReleaseT[],
  version: string,
  goos: string,
  goarch: string,
): { filename: string; sha256: string; size: number } | undefined {
  if (goos === "windows") {
    throw new UserError(
      `Go for windows is published on go.dev only as a .zip archive, and only .tar.gz archives are supported; ` +
        `use a Linux or macOS runner, or install Go ${version} through the Go module proxy`,
    );
  }
  const release = releases.find((r) => r.version === `go${version}`);
  const arch = goDevArch(goarch);
  const file = release?.files.find(
    (f) => f.kind === "archive" && f.os === goos && f.arch === arch && f.filename.endsWith(".tar.gz"),
  );
  return file && { filename: file.filename, sha256: file.sha256, size: file.size };
}

/**
 * Downloads the archive, verifying its sha256 while streaming, and extracts it so that
 * `dest/bin/go` exists. Extraction goes to a sibling of dest that is renamed into place
 * only after success, so a failed install leaves no dest behind.
 */
export async function installGoFromGoDev(opts: {
  version: string;
  goos: string;
  goarch: string;
  baseUrl: string;
  dest: string;
  tmpDir: string;
  releases?: GoDevReleaseT[];
}): Promise<{ url: string; size: number; sha256: string }> {
  checkGoDevBaseUrl(opts.baseUrl);
  const base = trimBase(opts.baseUrl);
  const releases = opts.releases ?? (await fetchGoDevReleases(base));
  const file = findGoDevArchive(releases, opts.version, opts.goos, opts.goarch);
  const what = `Go ${opts.version} for ${opts.goos}/${opts.goarch}`;
  if (!file) throw new UserError(`the go.dev listing at ${base} has no .tar.gz archive of ${what}`);
  if (await exists(opts.dest)) {
    throw new UserError(`cannot install ${what} into ${opts.dest}: it already exists`);
  }

  const url = `${base}/${file.filename}`;
  await mkdir(opts.tmpDir, { recursive: true });
  const work = await mkdtemp(path.join(opts.tmpDir, "godev-"));
  // A sibling of dest, so the final rename stays on one file system.
  const parent = path.dirname(path.resolve(opts.dest));
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(opts.dest)}.partial-`));
  try {
    const archive = path.join(work, file.filename);
    let started = performance.now();
    const got = await progress
      .during(`Downloading ${url} (${bytes(file.size)}), sha256 checked on the way`, () =>
        downloadFile(url, archive, {
          sha256: file.sha256,
          // Not a byte more than the listing says: a larger answer is refused at once.
          maxBytes: file.size,
          timeoutMs: 60_000,
          attempts: 3,
        }),
      )
      .catch((e: unknown) => {
        if (e instanceof HttpError) {
          throw new UserError(`downloading ${what}: GET ${e.url} answered HTTP ${e.status}`);
        }
        throw e;
      });
    info(
      `Downloaded ${bytes(got.size)} in ${seconds(performance.now() - started)}; sha256 ${got.sha256} verified`,
    );

    started = performance.now();
    const extracted = await progress.during(`Extracting ${file.filename}`, () =>
      extractTarGz(archive, staging, { stripComponents: 1 }),
    );
    if (!(await exists(path.join(staging, "bin", "go")))) {
      throw new UserError(`${url} does not contain go/bin/go; it is not a Go distribution`);
    }
    info(
      `Extracted ${extracted.files} files (${bytes(extracted.bytes)}) in ${seconds(performance.now() - started)}`,
    );
    await rename(staging, opts.dest);
    return { url, size: got.size, sha256: got.sha256 };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

/** lstat, so that a dangling symlink counts as existing. */
async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}
