import { z } from "zod";
import { checkGoDevBaseUrl } from "../../go/godev.js";
import { checkedBy, targetSpec } from "../../go/input-fields.js";
import { classifySpec } from "../../go/version.js";
import { boolean, choice, line, text } from "../../kit/inputs.js";

export const inputs = z.object({
  "go-version": text(
    /^[0-9a-z.^~<>=|*\s-]+$/,
    "a Go version (1.25.4, 1.26rc1), a minor version or range (1.25, 1.25.x, ^1.25, >=1.24 <1.26), stable or oldstable",
  )
    .superRefine(checkedBy((v) => classifySpec(v, "go-version")))
    .optional()
    .describe("Go version or range to install; overrides go-version-file"),
  "go-version-file": line("a path to go.mod, go.work, .go-version or .tool-versions")
    .optional()
    .describe(
      "File to read the version from (default: go.work, go.mod, .go-version or .tool-versions in the working directory)",
    ),
  targets: targetSpec()
    .optional()
    .describe(
      "Target spec to validate and expand into the matrix output (default: the runner's own platform)",
    ),
  cgo: choice(["false", "true", "auto"])
    .default("false")
    .describe("Install C cross compilers for the targets: true, false, or auto (when the module uses cgo)"),
  cache: choice(["true", "false", "restore-only"])
    .default("true")
    .describe("Restore and save the module and build caches; restore-only never saves (pull requests)"),
  "download-source": choice(["auto", "go.dev", "proxy"])
    .default("auto")
    .describe(
      "Where to download Go from: go.dev, the Go module proxy (golang.org/toolchain), or auto (go.dev, then the proxy)",
    ),
  "check-latest": boolean()
    .default(false)
    .describe(
      "Look for the newest Go that satisfies a version range even when the tool cache holds one (default: use the cached one, with no network)",
    ),
  "go-download-base-url": text(
    /^https?:\/\/[^\s"'`$\\]+$/,
    "an https URL serving go.dev/dl's listing and files (cleartext http only to 127.0.0.0/8 or [::1])",
  )
    .superRefine(checkedBy((v) => checkGoDevBaseUrl(v)))
    .default("https://go.dev/dl")
    .describe("Base URL for go.dev downloads (a mirror)"),
  goproxy: text(/^[A-Za-z0-9:/._~%@+,|=-]+$/, "a GOPROXY list: http(s) URLs separated by , or |")
    .optional()
    .describe("GOPROXY for the proxy download source (default: $GOPROXY, else https://proxy.golang.org)"),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = {
  "go-version": "Exact Go version installed, e.g. 1.26.8",
  "go-root": "GOROOT of the installed Go",
  targets: "Normalized targets, comma-separated",
  matrix: 'JSON for strategy.matrix: {"include":[{"goos","goarch","variant"?,"target","cc"?}]}',
  "cache-hit": "true when both the module and the build cache were restored from an exact key",
} as const;
