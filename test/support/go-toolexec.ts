import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A PATH entry whose `go` runs the real one with `-toolexec=<wrapper>` on every `go build`: a
 * build that does what the wrapper does (read the clock, fail). build-static pins GOFLAGS, so
 * GOFLAGS cannot carry the flag; it finds its go through `go env GOROOT`, so this `go` names a
 * GOROOT of its own, whose bin/go is this same script.
 */
export function goWithToolexec(wrapper: string): string {
  const realRoot = execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
  const realGo = join(realRoot, "bin", "go");
  const root = mkdtempSync(join(tmpdir(), "goship-goroot-"));
  mkdirSync(join(root, "bin"));
  const script = `#!/bin/sh
if [ "$1" = build ]; then
  shift
  exec '${realGo}' build '-toolexec=${wrapper}' "$@"
fi
if [ "$1" = env ]; then
  '${realGo}' "$@" | while IFS= read -r line; do
    if [ "$line" = '${realRoot}' ]; then printf '%s\\n' '${root}'; else printf '%s\\n' "$line"; fi
  done
  exit 0
fi
exec '${realGo}' "$@"
`;
  writeFileSync(join(root, "bin", "go"), script);
  chmodSync(join(root, "bin", "go"), 0o755);
  return join(root, "bin");
}
