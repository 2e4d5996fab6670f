import { z } from "zod";
import { checkGoDevBaseUrl } from "../../go/godev.js";
import { checkedBy, targetSpec } from "../../go/input-fields.js";
import { classifySpec } from "../../go/version.js";
import { boolean, choice, line, text } from "../../kit/inputs.js";

export const inputs = z.object({
  "working-directory": line("a directory path")
    .default(".")
    .describe(
      "Directory of the Go module (e.g. server when go.mod is in server/): where go.work, go.mod, .go-version or .tool-versions are looked for by default, and what cgo auto looks at. go-version-file stays a path from the workspace.",
    ),
  "go-version": text(
    /^[0-9a-z.^~<>=|*\s-]+$/,
    "a Go version (1.25.4, 1.26rc1), a minor version or range (1.25, 1.25.x, ^1.25, >=1.24 <1.26), stable or oldstable",
  )
    .superRefine(checkedBy((v) => classifySpec(v, "go-version")))
    .optional()
    .describe(
      "Go version or range to install: 1.26.8, 1.26rc1, 1.25, 1.25.x, ^1.25, >=1.24 <1.26, stable, oldstable. Overrides go-version-file. Go 1.21 and later: an older request (go 1.13 in go.mod) is refused before any download.",
    ),
  "go-version-file": line("a path to go.mod, go.work, .go-version or .tool-versions")
    .optional()
    .describe(
      "File to read the version from: go.mod or go.work (toolchain directive, then go directive), .go-version, .tool-versions. Default: the first of go.work, go.mod, .go-version, .tool-versions in the working directory.",
    ),
  targets: targetSpec()
    .optional()
    .describe(
      "Targets to validate and expand into the matrix output: GOOS/GOARCH[/variant] items separated by commas or spaces (linux/amd64, linux/arm/7, linux/amd64/v3), GOOS/*, first-class, all. Default: the runner's own platform.",
    ),
  cgo: choice(["false", "true", "auto"])
    .default("false")
    .describe(
      'Install C cross compilers for the targets: false, true, or auto (when the module or a dependency imports "C").',
    ),
  cache: choice(["true", "false", "restore-only"])
    .default("true")
    .describe(
      "Restore and save the Go module and build caches: true, false, or restore-only (never saves; for pull requests).",
    ),
  "download-source": choice(["auto", "go.dev", "proxy"])
    .default("auto")
    .describe(
      "Where to download Go: auto (go.dev, falling back to the module proxy), go.dev, or proxy (the golang.org/toolchain module through GOPROXY, verified against sum.golang.org).",
    ),
  "check-latest": boolean()
    .prefault("false")
    .describe(
      "Look for the newest Go that satisfies a version range (1.25.x, a go directive) even when the tool cache already holds one. Default: a cached Go that satisfies the range is used with no network.",
    ),
  "go-download-base-url": text(
    /^https?:\/\/[^\s"'`$\\]+$/,
    "an https URL serving go.dev/dl's listing and files (cleartext http only to 127.0.0.0/8 or [::1])",
  )
    .superRefine(checkedBy((v) => checkGoDevBaseUrl(v)))
    .default("https://go.dev/dl")
    .describe("Base URL serving go.dev/dl's JSON listing and archives (a mirror)."),
  goproxy: text(/^[A-Za-z0-9:/._~%@+,|=-]+$/, "a GOPROXY list: http(s) URLs separated by , or |")
    .optional()
    .describe(
      "GOPROXY list for the proxy download source. Default: $GOPROXY, else https://proxy.golang.org.",
    ),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = {
  "go-version": "Exact Go version installed, e.g. 1.26.8",
  "go-root": "GOROOT of the installed Go",
  targets: "Normalized targets, comma-separated",
  matrix: 'JSON for strategy.matrix: {"include":[{"goos","goarch","variant"?,"target","cc"?}]}',
  "cache-hit": "true when both the module and the build cache were restored from an exact key",
} as const;
