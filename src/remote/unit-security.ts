import { z } from "zod";
import { inputError, UserError } from "../kit/errors.js";
import { untrusted } from "../kit/log.js";

/**
 * Reading `systemd-analyze security --offline=true <unit>` (systemd ≥ 250), and the
 * arguments of the two checks deploy-systemd runs on a host before it switches to a new unit.
 *
 * The text table is what we parse: `--json` lists the items but not the overall exposure,
 * and `--threshold=N` takes N in tenths (an integer 0–100, "12" for 1.2), so goship reads
 * the number itself and reports the items that cost the most.
 */

export const SecurityItem = z.object({
  /** The setting as systemd names it, e.g. "PrivateNetwork=" or "RestrictAddressFamilies=~AF_(INET|INET6)". */
  name: z.string().min(1),
  description: z.string(),
  /** What this item adds to the exposure (0.0–10.0 scale of the table). */
  exposure: z.number().min(0),
});
export type SecurityItem = z.infer<typeof SecurityItem>;

export const SecurityReport = z.object({
  unit: z.string().min(1),
  /** Overall exposure, 0.0 (best) to 10.0. */
  exposure: z.number().min(0).max(10),
  /** systemd's word for it: PERFECT, SAFE, OK, MEDIUM, EXPOSED or UNSAFE. */
  rating: z.string().min(1),
  /** Items that add exposure, worst first (ties by name). */
  items: z.array(SecurityItem),
  /** How many items the table had in all, passed or not. */
  checked: z.number().int().nonnegative(),
});
export type SecurityReport = z.infer<typeof SecurityReport>;

/** Terminal escapes systemd adds when it thinks it talks to a terminal: colours (CSI) and links (OSC 8). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
const OVERALL = /Overall exposure level for (\S+): (\d+(?:\.\d+)?) (\S+)/;
const NUMBER = /^\d+(?:\.\d+)?$/;

/** Parses the table `systemd-analyze security` prints; throws UserError on anything else (fail closed). */
export function parseSecurityReport(stdout: string): SecurityReport {
  const lines = stdout.replace(ESCAPES, "").split("\n");
  const headerAt = lines.findIndex((l) => /^\s*NAME\s+DESCRIPTION\s+EXPOSURE\s*$/.test(l));
  const overallAt = lines.findIndex((l) => OVERALL.test(l));
  if (headerAt < 0 || overallAt < headerAt) {
    throw new UserError(
      `cannot read systemd-analyze security output (no table or no overall exposure):\n${tail(stdout)}`,
    );
  }
  const header = lines[headerAt] as string;
  // Columns are padded to the widest cell, so the header's words mark where each column starts.
  const descCol = header.indexOf("DESCRIPTION");
  const expCol = header.indexOf("EXPOSURE");
  const nameCol = header.indexOf("NAME");
  const items: SecurityItem[] = [];
  let checked = 0;
  for (const line of lines.slice(headerAt + 1, overallAt)) {
    if (line.trim() === "") continue;
    const name = line.slice(nameCol, descCol).trim();
    const description = line.slice(descCol, expCol).trim();
    const exposure = line.slice(expCol).trim();
    if (name === "" || (exposure !== "" && !NUMBER.test(exposure))) {
      throw new UserError(`cannot read systemd-analyze security line: ${untrusted(JSON.stringify(line))}`);
    }
    checked++;
    const value = exposure === "" ? 0 : Number(exposure);
    // The host's text, printed when the unit scores over the threshold.
    if (value > 0)
      items.push({ name: untrusted(name), description: untrusted(description), exposure: value });
  }
  items.sort((a, b) => b.exposure - a.exposure || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const m = OVERALL.exec(lines[overallAt] as string) as RegExpExecArray;
  return SecurityReport.parse({
    unit: untrusted(m[1] as string),
    exposure: Number(m[2]),
    rating: m[3],
    items,
    checked,
  });
}

/** The exposure was over the threshold. The message lists the items that cost the most. */
export class SecurityThresholdError extends UserError {
  override name = "SecurityThresholdError";
  constructor(
    readonly report: SecurityReport,
    readonly threshold: number,
    shown = 10,
  ) {
    const worst = report.items.slice(0, shown);
    const width = Math.max(0, ...worst.map((i) => i.name.length));
    const more = report.items.length - worst.length;
    super(
      `${report.unit}: systemd-analyze security exposure ${report.exposure.toFixed(1)} ${report.rating} ` +
        `is over the threshold ${threshold.toFixed(1)}; what costs the most:\n` +
        worst.map((i) => `  ${i.exposure.toFixed(1)}  ${i.name.padEnd(width)}  ${i.description}`).join("\n") +
        (more > 0 ? `\n  … and ${more} more` : ""),
    );
  }
}

/** Throws SecurityThresholdError when the exposure is over `threshold` (equal passes: "≤ 2.0"). */
export function checkSecurity(report: SecurityReport, threshold: number): void {
  checkThreshold(threshold);
  if (report.exposure > threshold) throw new SecurityThresholdError(report, threshold);
}

/** The `security-threshold` input: 0.0–10.0, the scale of the table. */
export function checkThreshold(threshold: number): number {
  if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold < 0 || threshold > 10) {
    throw inputError("security-threshold", String(threshold), "a number from 0.0 to 10.0");
  }
  return threshold;
}

/**
 * The two checks deploy-systemd runs on a host before it switches to a new unit (the analyze-unit
 * step, steps/systemd.ts): the words after `systemd-analyze`, before the unit. For a template the
 * unit is an instance (`<app>@8081.service`), since verify resolves ExecStart with the instance
 * filled in and the slot's binary must exist.
 */
// Without --recursive-errors=no, verify exits 0 even on errors such as unknown settings (systemd 252).
export const VERIFY_ARGS = ["verify", "--recursive-errors=no"] as const;
export const SECURITY_ARGS = ["security", "--offline=true", "--no-pager"] as const;

function tail(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .slice(-10)
    .map((l) => untrusted(l))
    .join("\n");
}
