import { groupFailures, someTargets, type TargetFailure } from "../../build/failures.js";
import { bytes, seconds } from "../../kit/log.js";
import { Summary } from "../../kit/summary.js";

/** One target that was built and verified. */
export interface BuiltTarget {
  target: string;
  size: number;
  sha256: string;
  /** undefined where "static" means nothing (PE, Mach-O). */
  static: boolean | undefined;
  buildMs: number;
  verifyMs: number;
}

/** What one build-static run did, for its job summary. */
export interface BuildReport {
  binaryName: string;
  version: string;
  commit: string;
  date: string;
  goVersion: string;
  /** Every target asked for, in order. */
  targets: readonly string[];
  built: readonly BuiltTarget[];
  failures: readonly TargetFailure[];
  /** A failure of the step not tied to one target (an upload, a bug), if any. */
  error?: string;
  /** From the first build's start to the last check's end: builds overlap, so not their sum. */
  wallMs: number;
  reproducibleCheck: boolean;
  uploaded: readonly string[];
  /** Which version variables were stamped with which value, as a line ("Stamped: …"). */
  stamped?: string;
}

/** More rows than this go into a collapsed block. */
const LONG_TABLE = 10;

const staticCell = (s: boolean | undefined) => (s === undefined ? "n/a" : s ? "yes" : "**no**");

/**
 * Status first (✅ or ❌ and what failed, per target), then the details: one line for a
 * one-target job, a table for more, the full digests collapsed.
 */
export function buildSummary(r: BuildReport): Summary {
  const ok = r.failures.length === 0 && r.error === undefined;
  const what = `**${r.binaryName} ${r.version}**`;
  const identical = r.reproducibleCheck
    ? ", each rebuilt from another path with an empty cache: identical"
    : "";
  const summary = new Summary().heading("build-static");
  const one = r.targets.length === 1 ? r.built[0] : undefined;
  if (ok && one) {
    summary.status(
      true,
      `${what} for ${one.target}: ${bytes(one.size)}, ${one.static === undefined ? "" : one.static ? "static, " : "**not static**, "}` +
        `sha256 \`${one.sha256.slice(0, 16)}\`, built in ${seconds(one.buildMs)}${identical}`,
    );
  } else if (ok) {
    summary.status(
      true,
      `${what}: ${r.targets.length} targets built and verified in ${seconds(r.wallMs)}${identical}`,
    );
  } else if (r.failures.length > 0) {
    const failed = r.failures.map((f) => f.target);
    summary.status(
      false,
      r.targets.length === 1
        ? `${what} for ${failed[0]} failed`
        : `${what}: ${failed.length} of ${r.targets.length} targets failed: ${someTargets(failed, 7)}`,
    );
  } else {
    summary.status(false, `${what}: ${(r.error ?? "").split("\n")[0]}`);
  }
  summary.paragraph(`From \`${r.commit.slice(0, 12)}\` (${r.date}) with Go ${r.goVersion}.`);
  if (r.stamped) summary.paragraph(r.stamped);

  for (const { message, targets } of groupFailures(r.failures)) {
    summary.paragraph(`**${targets.join(", ")}**:`).code(message);
  }
  if (r.error !== undefined && r.failures.length === 0 && r.error.includes("\n")) summary.code(r.error);

  if (r.built.length > 0 && !(ok && one)) {
    const table = new Summary();
    if (!ok) table.paragraph("Built and verified, then removed because the step failed:");
    table.table(
      ["target", "size", "sha256", "static", "build time", "verify"],
      r.built.map((b) => [
        b.target,
        bytes(b.size),
        `\`${b.sha256.slice(0, 16)}\``,
        staticCell(b.static),
        seconds(b.buildMs),
        `${b.verifyMs.toFixed(0)} ms`,
      ]),
      ["l", "r", "l", "l", "r", "r"],
    );
    if (r.built.length > LONG_TABLE) summary.details(`${r.built.length} targets`, table);
    else summary.paragraph(table.toMarkdown().trimEnd());
  }
  if (ok) {
    summary.details(
      "sha256 of each binary",
      new Summary().code(r.built.map((b) => `${b.sha256}  ${b.target}`).join("\n")),
    );
  }
  if (r.uploaded.length > 0) summary.paragraph(`Artifacts: ${r.uploaded.map((u) => `\`${u}\``).join(", ")}`);
  return summary;
}
