import type { MatrixEntry } from "../../contract/targets.js";
import type { CacheStateT } from "../../go/cache.js";
import type { InstalledGo } from "../../go/install.js";
import type { VersionRequest } from "../../go/version.js";
import { bytes, seconds } from "../../kit/log.js";
import { Summary } from "../../kit/summary.js";

export interface SetupReport {
  go: InstalledGo;
  request: VersionRequest;
  /** Undefined with cache: false. */
  cache?: CacheStateT;
  matrix: { include: readonly MatrixEntry[] };
}

/** More targets than this go into a collapsed block. */
const LONG_TABLE = 10;

/** Where the toolchain came from, and how it was checked. */
export function describeSource(go: InstalledGo): string {
  const t = seconds(go.durationMs);
  switch (go.from) {
    case "tool-cache":
      return `the tool cache (${t})`;
    case "go.dev":
      return `go.dev, sha256 checked against go.dev's listing, ${bytes(go.download?.size ?? 0)} in ${t}`;
    case "proxy":
      return `the module proxy (golang.org/toolchain), ${go.download?.digest} checked against sum.golang.org, ${bytes(go.download?.size ?? 0)} in ${t}`;
  }
}

/**
 * Status first: the Go version, what asked for it (in the user's words, never an internal
 * range) and where it came from; then caches and GOROOT; then the targets, with only the
 * columns some target fills.
 */
export function setupSummary(r: SetupReport): Summary {
  const { go, request } = r;
  const asked =
    request.derived || request.spec === go.version ? request.source : `${request.source}: ${request.spec}`;
  const n = r.matrix.include.length;
  const summary = new Summary()
    .heading("setup-go-cross")
    .status(true, `Go **${go.version}** for ${n} target${n === 1 ? "" : "s"}, from ${describeSource(go)}`)
    .list([
      `asked for by ${asked}`,
      `caches: ${r.cache ? `modules ${r.cache.mod}, build ${r.cache.build}` : "off"}`,
      `GOROOT: \`${go.goroot}\``,
      ...go.notes,
    ]);
  const rows = r.matrix.include;
  const all: { name: string; cell: (m: MatrixEntry) => string }[] = [
    { name: "target", cell: (m) => m.target },
    { name: "GOOS", cell: (m) => m.goos },
    { name: "GOARCH", cell: (m) => m.goarch },
    { name: "variant", cell: (m) => m.variant ?? "" },
    { name: "cgo C compiler", cell: (m) => (m.cc ? `\`${m.cc}\`` : "") },
  ];
  const columns = all.filter((c) => rows.some((m) => c.cell(m) !== ""));
  const table = new Summary().table(
    columns.map((c) => c.name),
    rows.map((m) => columns.map((c) => c.cell(m))),
  );
  if (rows.length > LONG_TABLE) summary.details(`${rows.length} targets`, table);
  else summary.paragraph(table.toMarkdown().trimEnd());
  return summary;
}
