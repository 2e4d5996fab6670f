import { z } from "zod";
import { rfc3339ToEpoch } from "../../build/gitinfo.js";
import { parseVersionVariables } from "../../build/ldflags.js";
import { SAFE_NAME } from "../../contract/names.js";
import { checkedBy, targetSpec } from "../../go/input-fields.js";
import { boolean, line, text } from "../../kit/inputs.js";

const DATE_ALLOWED =
  "an RFC 3339 UTC time like 2026-11-21T16:00:00Z: a real calendar date and time of day, 1970 or later";

export const inputs = z.object({
  "working-directory": line("a directory path").default(".").describe("Directory of the Go module to build."),
  package: text(
    /^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.~/-]+$/,
    'a main package: "." , "./cmd/app" or an import path, without ".." segments',
  )
    .default(".")
    .describe(
      'Main package to build: ".", "./cmd/app" or an import path; "cmd/app" that names a directory of the module means "./cmd/app".',
    ),
  "binary-name": text(SAFE_NAME, "a file name: letters, digits and . _ + - (no slashes)")
    .optional()
    .describe(
      "Binary file name. Default: the last element of the main package's import path (\u2026/app/v2 \u2192 app).",
    ),
  targets: targetSpec()
    .optional()
    .describe(
      "Target spec as in setup-go-cross (linux/amd64,linux/arm/7 \u2026), or the `target` field of its matrix. Default: the runner's platform.",
    ),
  version: text(SAFE_NAME, "a version ID: letters, digits and . _ + - (no slashes or spaces)")
    .optional()
    .describe(
      "Version ID. Default: the tag on HEAD without its leading v, else git describe --tags --always; -dirty after either when git status lists a change.",
    ),
  commit: text(/^[0-9a-f]{7,64}$/, "a hex commit hash")
    .optional()
    .describe("Commit hash. Default: git rev-parse HEAD."),
  date: text(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, DATE_ALLOWED)
    .refine((v) => rfc3339ToEpoch(v) !== undefined, { error: `allowed: ${DATE_ALLOWED}` })
    .optional()
    .describe(
      "Build date, RFC 3339 UTC. Default: SOURCE_DATE_EPOCH, else the commit time (never the clock).",
    ),
  "version-variables": line()
    .superRefine(checkedBy((v) => parseVersionVariables(v)))
    .default("main.version,main.commit,main.date")
    .transform((v) => parseVersionVariables(v))
    .describe(
      "Where -X puts version, commit and date: symbols in that order, or pairs like version=github.com/acme/app/internal/build.Version. A symbol the package does not declare is named in a warning before the build and left out (the linker would ignore it); the summary lists what was stamped.",
    ),
  ldflags: line("linker flags on one line")
    .optional()
    .describe("Extra -ldflags, appended after goship's -s -w -X \u2026"),
  tags: text(/^[A-Za-z0-9_.,\s-]*$/, "build tags separated by commas or spaces")
    .default("netgo,osusergo")
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .describe("Build tags, comma- or space-separated."),
  cgo: boolean()
    .prefault("false")
    .describe(
      "Build with cgo: CGO_ENABLED=1 and the target's C compiler (CC, else the one setup-go-cross installs). Linux targets are linked statically (-linkmode=external -extldflags=-static against the toolchain's libc.a).",
    ),
  "allow-cgo-stubs": boolean()
    .prefault("false")
    .describe(
      "With cgo false: build even when a package outside the standard library has cgo files that CGO_ENABLED=0 leaves out (what is linked instead, usually a !cgo stub, fails at run time). By default the step fails naming those packages: set cgo true, or use a pure-Go replacement such as modernc.org/sqlite.",
    ),
  "require-static": boolean()
    .prefault("true")
    .describe(
      "Fail when a Linux binary has a program interpreter or shared libraries; false only warns, and a cgo build whose static link fails falls back to a dynamic binary.",
    ),
  "allow-dirty": boolean()
    .prefault("false")
    .describe(
      "Allow building from a work tree with uncommitted changes (binaries then carry vcs.modified=true).",
    ),
  "reproducible-check": boolean()
    .prefault("false")
    .describe(
      "Build every target a second time from a copy of the source at another path with an empty GOCACHE, and fail on any byte of difference.",
    ),
  parallel: text(/^(auto|[1-9][0-9]?)$/, "auto or a number of concurrent builds from 1 to 99")
    .default("auto")
    .transform((v) => (v === "auto" ? ("auto" as const) : Number(v)))
    .describe(
      "Concurrent builds: auto (as many as cores, each with its share of -p) or a number; 1 builds one after another.",
    ),
  "output-dir": line("a directory path")
    .optional()
    .describe(
      "Where binaries go, one folder per target (<name>_<goos>_<goarch>[_<variant>]). Default: dist/bin under the working directory.",
    ),
  upload: boolean()
    .optional()
    .describe(
      "Upload one artifact per target (the binary and its manifest fragment). Default: true inside GitHub Actions, false in local mode.",
    ),
  "artifact-prefix": text(SAFE_NAME, "letters, digits and . _ + -")
    .optional()
    .describe(
      "Artifact names are <prefix>-<goos>-<goarch>[-<variant>]. Default: the project name (the Go module's name: github.com/acme/shop \u2192 shop).",
    ),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = {
  artifacts:
    "JSON list, one per target: goos, goarch, variant, path, name, sha256, size, static, goVersion, buildSettings",
  "manifest-dir": "Directory holding the per-target manifest fragments (goship-fragment.json)",
  version: "The version ID stamped into the binaries",
  project:
    "The project name recorded for package-release: the Go module's name (github.com/acme/shop/v2 \u2192 shop), or the binary name where that is not a plain name",
} as const;
