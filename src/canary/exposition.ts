import { UserError } from "../kit/errors.js";

/**
 * A parser for the Prometheus text exposition format 0.0.4, what a service's `/metrics` answers
 * (https://prometheus.io/docs/instrumenting/exposition_formats/). Strict on purpose: canary-gate
 * judges a rollout on these numbers, so a line it cannot read is an error naming the line, never
 * a line skipped; a series given twice is refused rather than one of them picked.
 */

/** Bigger than any sane `/metrics`; a bound so a misbehaving target cannot exhaust the runner. */
export const MAX_EXPOSITION_BYTES = 16 * 1024 * 1024;

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Readonly<Record<string, string>>;
  /** As written: NaN, ±Infinity and all. */
  value: number;
  /** Milliseconds since the epoch, when the line carries one. */
  timestamp?: number;
}

export interface Exposition {
  samples: Sample[];
  /** `# TYPE` per metric family name. */
  types: Map<string, MetricType>;
  /** `# HELP` per metric name, unescaped. */
  help: Map<string, string>;
}

/** A line of an exposition that is not valid text format 0.0.4. */
export class ExpositionError extends UserError {
  override name = "ExpositionError";
  constructor(
    /** 1-based; 0 for a problem with the whole text (its size). */
    readonly line: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `line ${line}: ${problem}` : problem);
  }
}

const TYPES: ReadonlySet<string> = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)inf(?:inity)?$/i;
const INTEGER = /^-?\d+$/;

/**
 * A sample value as the format (and Prometheus's HTTP API) writes it: a decimal or scientific
 * number, `NaN`, `+Inf`, `-Inf` (Go's ParseFloat spellings, case-insensitive). Undefined for
 * anything else, including hexadecimal floats and the empty string.
 */
export function parseSampleValue(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const inf = INFINITY.exec(text);
  if (inf) return inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  return undefined;
}

/** Parses a whole exposition; throws ExpositionError naming the first bad line. */
export function parseExposition(text: string, maxBytes = MAX_EXPOSITION_BYTES): Exposition {
  const size = Buffer.byteLength(text, "utf8");
  if (size > maxBytes) {
    throw new ExpositionError(0, `the exposition is ${size} bytes, more than the limit of ${maxBytes}`);
  }
  const samples: Sample[] = [];
  const types = new Map<string, MetricType>();
  const help = new Map<string, string>();
  /** Sample names seen so far, and series (name and labels) with the line that gave each. */
  const names = new Set<string>();
  const series = new Map<string, number>();
  const lines = text.split("\n");
  // A final newline leaves one empty string behind; it is not a line.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();

  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = lines[index] as string;
    const fail = (problem: string): never => {
      throw new ExpositionError(lineNo, problem);
    };
    if (line.includes("\r")) fail("carriage return in the line (lines end in \\n alone)");
    let i = skipBlanks(line, 0);
    if (i === line.length) continue;

    if (line[i] === "#") {
      i = skipBlanks(line, i + 1);
      const keyword = tokenAt(line, i);
      if (keyword !== "HELP" && keyword !== "TYPE") continue; // a comment
      i = skipBlanks(line, i + keyword.length);
      const name = matchAt(METRIC_NAME, line, i);
      if (name === undefined || !isBlankOrEnd(line, i + name.length)) {
        fail(`# ${keyword} needs a metric name, got ${JSON.stringify(tokenAt(line, i))}`);
      }
      const metric = name as string;
      i = skipBlanks(line, i + metric.length);
      if (keyword === "HELP") {
        if (help.has(metric)) fail(`second # HELP for ${metric}`);
        help.set(metric, unescapeHelp(line.slice(i), fail));
      } else {
        const type = line.slice(i).replace(/[ \t]+$/, "");
        if (!TYPES.has(type)) {
          fail(
            `# TYPE ${metric} has type ${JSON.stringify(type)}; allowed: counter, gauge, histogram, summary, untyped`,
          );
        }
        if (types.has(metric)) fail(`second # TYPE for ${metric}`);
        const members = [metric, `${metric}_bucket`, `${metric}_count`, `${metric}_sum`];
        const early = members.find((n) => names.has(n));
        if (early !== undefined) fail(`# TYPE ${metric} comes after samples of ${early}; it must come first`);
        types.set(metric, type as MetricType);
      }
      continue;
    }

    const sample = parseSampleLine(line, i, fail);
    checkFamily(sample, types, fail);
    const id = seriesId(sample.name, sample.labels);
    const first = series.get(id);
    if (first !== undefined) fail(`${id} was already given on line ${first}`);
    series.set(id, lineNo);
    names.add(sample.name);
    samples.push(sample);
  }
  return { samples, types, help };
}

function parseSampleLine(line: string, start: number, fail: (problem: string) => never): Sample {
  const name = matchAt(METRIC_NAME, line, start);
  if (name === undefined) fail(`expected a metric name, got ${JSON.stringify(tokenAt(line, start))}`);
  let i = start + (name as string).length;
  const labels: Record<string, string> = {};
  if (line[skipBlanks(line, i)] === "{") {
    i = skipBlanks(line, i) + 1;
    for (;;) {
      i = skipBlanks(line, i);
      if (line[i] === "}") {
        i++;
        break;
      }
      const label = matchAt(LABEL_NAME, line, i);
      if (label === undefined) fail(`expected a label name or "}" at column ${i + 1}`);
      const labelName = label as string;
      i = skipBlanks(line, i + labelName.length);
      if (line[i] !== "=") fail(`expected "=" after label ${labelName} at column ${i + 1}`);
      i = skipBlanks(line, i + 1);
      if (line[i] !== '"') fail(`expected a double-quoted value for label ${labelName} at column ${i + 1}`);
      const [value, end] = readLabelValue(line, i + 1, labelName, fail);
      if (Object.hasOwn(labels, labelName)) fail(`label ${labelName} is given twice`);
      labels[labelName] = value;
      i = skipBlanks(line, end);
      if (line[i] === ",") {
        i++;
        continue;
      }
      if (line[i] === "}") {
        i++;
        break;
      }
      fail(`expected "," or "}" after label ${labelName} at column ${i + 1}`);
    }
  }
  if (!isBlankOrEnd(line, i)) fail(`unexpected ${JSON.stringify(line[i])} at column ${i + 1}`);
  i = skipBlanks(line, i);
  if (i === line.length) fail("no value");
  const valueText = tokenAt(line, i);
  const value = parseSampleValue(valueText);
  if (value === undefined) fail(`value ${JSON.stringify(valueText)} is not a number, NaN, +Inf or -Inf`);
  i = skipBlanks(line, i + valueText.length);
  const sample: Sample = { name: name as string, labels, value: value as number };
  if (i < line.length) {
    const ts = tokenAt(line, i);
    const ms = INTEGER.test(ts) ? Number(ts) : Number.NaN;
    if (!Number.isSafeInteger(ms)) fail(`timestamp ${JSON.stringify(ts)} is not an integer of milliseconds`);
    sample.timestamp = ms;
    i = skipBlanks(line, i + ts.length);
    if (i < line.length) fail(`unexpected ${JSON.stringify(line.slice(i))} after the timestamp`);
  }
  return sample;
}

/** Reads a label value after its opening quote; returns it unescaped and the index after the closing quote. */
function readLabelValue(
  line: string,
  start: number,
  label: string,
  fail: (problem: string) => never,
): [string, number] {
  let out = "";
  for (let i = start; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '"') return [out, i + 1];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = line[++i];
    if (next === "\\") out += "\\";
    else if (next === '"') out += '"';
    else if (next === "n") out += "\n";
    else fail(`label ${label} has the escape \\${next ?? ""}; allowed: \\\\, \\" and \\n`);
  }
  return fail(`the value of label ${label} has no closing quote`);
}

function unescapeHelp(text: string, fail: (problem: string) => never): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = text[++i];
    if (next === "\\") out += "\\";
    else if (next === "n") out += "\n";
    else fail(`# HELP has the escape \\${next ?? ""}; allowed: \\\\ and \\n`);
  }
  return out;
}

/** Histogram and summary samples must be the family's parts, with their `le` or `quantile` label. */
function checkFamily(
  sample: Sample,
  types: ReadonlyMap<string, MetricType>,
  fail: (p: string) => never,
): void {
  const { name, labels } = sample;
  const suffix = /_(bucket|count|sum)$/.exec(name);
  const base = suffix ? name.slice(0, -suffix[0].length) : name;
  const baseType = suffix ? types.get(base) : undefined;
  const ownType = types.get(name);
  if (baseType === "histogram") {
    if (suffix?.[1] === "bucket") {
      const le = labels.le;
      if (le === undefined) fail(`${name} has no "le" label`);
      const bound = parseSampleValue(le as string);
      if (bound === undefined || Number.isNaN(bound))
        fail(`${name} has le=${JSON.stringify(le)}, not a number`);
    }
    return;
  }
  if (baseType === "summary") {
    if (suffix?.[1] === "bucket") fail(`summary ${base} has no _bucket samples`);
    return;
  }
  if (ownType === "histogram")
    fail(`histogram ${name} has a sample named ${name}; allowed: _bucket, _count, _sum`);
  if (ownType === "summary") {
    const q = labels.quantile;
    const value = q === undefined ? undefined : parseSampleValue(q);
    if (value === undefined || Number.isNaN(value)) {
      fail(`summary ${name} has a sample without a numeric "quantile" label`);
    }
  }
}

/** `name{a="x",b="y"}` with labels sorted: one string per series. */
function seriesId(name: string, labels: Readonly<Record<string, string>>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${name}{${parts.join(",")}}`;
}

function skipBlanks(line: string, i: number): number {
  while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
  return i;
}

function isBlankOrEnd(line: string, i: number): boolean {
  return i >= line.length || line[i] === " " || line[i] === "\t";
}

/** The run of non-blank characters at i. */
function tokenAt(line: string, i: number): string {
  let end = i;
  while (end < line.length && line[end] !== " " && line[end] !== "\t") end++;
  return line.slice(i, end);
}

function matchAt(re: RegExp, line: string, i: number): string | undefined {
  re.lastIndex = i;
  return re.exec(line)?.[0];
}
