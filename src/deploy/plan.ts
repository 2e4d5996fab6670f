import { z } from "zod";
import { inputError } from "../kit/errors.js";
import { allowing } from "../kit/inputs.js";

/*
 * The plan of a deploy-systemd run, from its inputs: durations, waves and the service's
 * environment file (the host inventory is in inventory.ts). Pure functions.
 * Every function that checks a user's value throws an InputError naming the input, the value
 * and what is allowed; the `service-env` input is a secret and its text never appears in one.
 */

// ---------------------------------------------------------------------------------------------
// Durations

export interface DurationLimits {
  /** Smallest allowed, in milliseconds. Default 0. */
  min?: number;
  /** Largest allowed, in milliseconds. Default 7 days. */
  max?: number;
}

const UNITS = [
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
  ["ms", 1],
] as const;
const DURATION = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;
const DURATION_ALLOWED =
  "a duration such as 90s, 10m, 1h30m or 500ms (units h, m, s, ms, largest first), or 0";
const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * A duration as Go writes one (`90s`, `10m`, `1h30m`, `1.5h`, `500ms`, `0s`) in milliseconds.
 * Every number needs its unit, except a bare `0`: `30` could mean seconds or milliseconds, so it
 * is refused with a hint. Units go largest first and once each (`1h30m`, not `30m1h`); no sign,
 * no spaces, no ns/µs (nothing here is that fine), and the result must be whole milliseconds.
 */
export function parseDuration(input: string, value: string, limits: DurationLimits = {}): number {
  const ms = readDuration(value, limits);
  if (typeof ms === "string") throw inputError(input, value, ms);
  return ms;
}

/** What parseDuration returns, or why the value is refused (a message that says what is allowed). */
function readDuration(value: string, limits: DurationLimits): number | string {
  const min = limits.min ?? 0;
  const max = limits.max ?? WEEK_MS;
  const range = `between ${formatDuration(min)} and ${formatDuration(max)}`;
  if (value === "") return `is empty; allowed: ${DURATION_ALLOWED}`;
  let ms: number;
  if (value === "0") ms = 0;
  else if (/^\d+(?:\.\d+)?$/.test(value)) {
    return `has no unit; allowed: ${DURATION_ALLOWED} (write ${value}s for seconds)`;
  } else {
    const m = value.length <= 40 ? DURATION.exec(value) : null;
    if (!m) return `allowed: ${DURATION_ALLOWED}`;
    ms = 0;
    UNITS.forEach(([, scale], i) => {
      const n = m[i + 1];
      if (n !== undefined) ms += Number(n) * scale;
    });
    // Drop binary noise (and anything finer than a microsecond), then insist on whole milliseconds.
    const rounded = Math.round(ms * 1000) / 1000;
    if (!Number.isInteger(rounded))
      return `is not a whole number of milliseconds; allowed: ${DURATION_ALLOWED}`;
    ms = rounded;
  }
  if (ms < min || ms > max) return `is out of range; allowed: ${range}`;
  return ms;
}

/** `1h30m`, `90s` → `1m30s`, `500ms`, `0s`: how durations are shown in messages and logs. */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let out = "";
  for (const [unit, scale] of UNITS) {
    const n = Math.floor(rest / scale);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * scale;
  }
  return out;
}

/** A zod field for a duration input (parseInputs reports a refusal with the other inputs' problems). */
export function duration(limits: DurationLimits = {}) {
  return allowing(
    z.string({ error: `is required; allowed: ${DURATION_ALLOWED}` }),
    DURATION_ALLOWED,
  ).transform((value, ctx) => {
    const ms = readDuration(value, limits);
    if (typeof ms === "number") return ms;
    ctx.addIssue({ code: "custom", message: ms });
    return z.NEVER;
  });
}

// ---------------------------------------------------------------------------------------------
// The lock's TTL

/** How often a run refreshes its deploy locks, and finds out when one was taken over. */
export const LOCK_HEARTBEAT_MS = 15_000;
/** Heartbeats a lock-ttl must span, so that a heartbeat or two delayed never loses the lock. */
export const LOCK_TTL_HEARTBEATS = 4;
export const MIN_LOCK_TTL_MS = LOCK_TTL_HEARTBEATS * LOCK_HEARTBEAT_MS;
const MAX_LOCK_TTL_MS = 31_536_000_000;

/**
 * A zod field for `lock-ttl`: a lock older than this counts as abandoned and the next run takes
 * it over, so it must outlast several of the holder's heartbeats (a run that is alive but slow to
 * refresh, a host that answered late) or two runs would change the same hosts.
 */
export function lockTtl() {
  return duration({ max: MAX_LOCK_TTL_MS }).refine((ms) => ms >= MIN_LOCK_TTL_MS, {
    message:
      `is shorter than ${formatDuration(MIN_LOCK_TTL_MS)}; allowed: a duration from ${formatDuration(MIN_LOCK_TTL_MS)} ` +
      `to ${formatDuration(MAX_LOCK_TTL_MS)}: a run refreshes its lock every ${formatDuration(LOCK_HEARTBEAT_MS)} ` +
      `(its heartbeat), and a lock older than lock-ttl is taken over by the next run, so lock-ttl must span ` +
      `at least ${LOCK_TTL_HEARTBEATS} heartbeats`,
  });
}

// ---------------------------------------------------------------------------------------------
// Waves

/**
 * One step of the `waves` input, cumulative: after this wave, `hosts` hosts (or `percent` of the
 * fleet, rounded up) are deployed in total.
 */
export type WaveStep = { hosts: number } | { percent: number };

const WAVES_ALLOWED =
  "comma-separated cumulative steps, each a host count (1) or a percentage of the fleet (25%), " +
  "increasing, the last one 100%, e.g. 1,25%,100%";
const MAX_WAVES = 100;

/**
 * The `waves` input: `1,25%,100%` is 1 host, then up to 25% of the fleet in total, then the rest.
 * Counts must increase among counts and percentages among percentages (a count and a percentage
 * compare only once the fleet size is known; a step that adds no host is skipped then). The last
 * step must be 100%, so no host is silently left out: a list without it is refused, not completed.
 */
export function parseWaves(value: string, input = "waves"): WaveStep[] {
  const steps = readWaves(value);
  if (typeof steps === "string") throw inputError(input, value, steps);
  return steps;
}

function readWaves(value: string): WaveStep[] | string {
  const items = value.split(",").map((s) => s.trim());
  if (value.trim() === "") return `is empty; allowed: ${WAVES_ALLOWED}`;
  if (items.length > MAX_WAVES) return `has more than ${MAX_WAVES} steps; allowed: ${WAVES_ALLOWED}`;
  const steps: WaveStep[] = [];
  // The last count and the last percentage so far, with the step that gave each.
  let lastCount = { value: 0, step: 0 };
  let lastPercent = { value: 0, step: 0 };
  for (const [i, item] of items.entries()) {
    const where = `step ${i + 1}`;
    if (item === "") return `${where} is empty; allowed: ${WAVES_ALLOWED}`;
    const pct = /^([1-9][0-9]{0,2})%$/.exec(item);
    if (pct) {
      const percent = Number(pct[1]);
      if (percent > 100) return `${where} (${item}) is over 100%; allowed: ${WAVES_ALLOWED}`;
      if (percent <= lastPercent.value) {
        return `${where} (${item}) is not more than step ${lastPercent.step} (${lastPercent.value}%); allowed: ${WAVES_ALLOWED}`;
      }
      lastPercent = { value: percent, step: i + 1 };
      steps.push({ percent });
    } else if (/^[1-9][0-9]{0,5}$/.test(item)) {
      const hosts = Number(item);
      if (hosts <= lastCount.value) {
        return `${where} (${item}) is not more than step ${lastCount.step} (${lastCount.value}); allowed: ${WAVES_ALLOWED}`;
      }
      lastCount = { value: hosts, step: i + 1 };
      steps.push({ hosts });
    } else {
      return `${where} (${JSON.stringify(item)}) is neither a host count nor a percentage; allowed: ${WAVES_ALLOWED}`;
    }
  }
  const last = steps[steps.length - 1];
  if (!last || !("percent" in last) || last.percent !== 100) {
    return `does not end with 100%, so some hosts would never be deployed; add ",100%" at the end; allowed: ${WAVES_ALLOWED}`;
  }
  return steps;
}

/** A zod field for the `waves` input. */
export function waves() {
  return allowing(z.string({ error: `is required; allowed: ${WAVES_ALLOWED}` }), WAVES_ALLOWED).transform(
    (value, ctx) => {
      const steps = readWaves(value);
      if (typeof steps !== "string") return steps;
      ctx.addIssue({ code: "custom", message: steps });
      return z.NEVER;
    },
  );
}

/**
 * Splits hosts into waves, in order: wave i holds the hosts from the previous step's total up to
 * this step's (a percentage of hosts.length rounded up, so 1% of 3 hosts is 1 host; a count
 * above the fleet is the whole fleet). A step that adds no host gives no wave: every wave
 * returned is non-empty, every host is in exactly one, and the order of `hosts` is kept.
 */
export function assignWaves<T>(hosts: readonly T[], steps: readonly WaveStep[]): T[][] {
  const n = hosts.length;
  const out: T[][] = [];
  let done = 0;
  for (const step of steps) {
    const target = "percent" in step ? Math.ceil((step.percent * n) / 100) : step.hosts;
    const upTo = Math.min(n, Math.max(done, target));
    if (upTo > done) out.push(hosts.slice(done, upTo));
    done = upTo;
  }
  // parseWaves ends every list with 100%; a hand-made list that does not still leaves no host out.
  if (done < n) out.push(hosts.slice(done));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Environment

export interface EnvironmentEntry {
  key: string;
  value: string;
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Set by goship itself in the unit (the listen port; ADDR is reserved for the listen address). */
export const RESERVED_ENVIRONMENT_KEYS: readonly string[] = ["PORT", "ADDR"];
/** Linux's MAX_ARG_STRLEN: one KEY=VALUE string, with its NUL, must fit or the service cannot start. */
const MAX_ASSIGNMENT_BYTES = 128 * 1024 - 1;
const ENVIRONMENT_ALLOWED =
  "KEY=VALUE lines with KEY matching [A-Za-z_][A-Za-z0-9_]*, each key once, not PORT or ADDR " +
  "(goship sets those), values without control characters; blank lines and # comments are ignored";

/**
 * The `environment` input (a secret): KEY=VALUE lines for the service's EnvironmentFile. The
 * value is everything after the first "=", byte for byte: no quotes are removed and no escapes
 * or $VARIABLES are expanded (KEY="a b" sets KEY to the 5 characters "a b", quotes included). Blank lines and lines
 * whose first non-blank character is # are ignored; whitespace before a key is ignored; CRLF
 * line ends are accepted. Refused: a line without "=" or with a key outside [A-Za-z_][A-Za-z0-9_]*,
 * control characters (tab included) in a value, PORT and ADDR (goship sets the listen port
 * itself), a key given twice, and one assignment longer than Linux passes to a process.
 *
 * Messages name a line by its number and never quote it: the text is a secret. They name the key
 * only once it is a valid variable name (a name, not a value), never anything after the "=".
 */
export function parseEnvironment(value: string, input = "environment"): EnvironmentEntry[] {
  const entries = readEnvironment(value);
  // The value is never echoed: "***" stands for it.
  if (typeof entries === "string") throw inputError(input, "***", entries);
  return entries;
}

function readEnvironment(text: string): EnvironmentEntry[] | string {
  const problems: string[] = [];
  const entries: EnvironmentEntry[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    const line = (raw.endsWith("\r") ? raw.slice(0, -1) : raw).replace(/^[ \t]+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq === -1) {
      problems.push(`line ${n} is not KEY=VALUE`);
      continue;
    }
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (!ENV_KEY.test(key)) {
      problems.push(`line ${n}: the name before "=" is not a variable name ([A-Za-z_][A-Za-z0-9_]*)`);
      continue;
    }
    if (/\p{Cc}/u.test(value)) {
      problems.push(`line ${n} (${key}): the value contains a control character (a tab, a carriage return…)`);
      continue;
    }
    if (!value.isWellFormed()) {
      problems.push(`line ${n} (${key}): the value is not valid Unicode text`);
      continue;
    }
    if (RESERVED_ENVIRONMENT_KEYS.includes(key)) {
      problems.push(`line ${n} sets ${key}, which goship sets itself (it decides where the service listens)`);
      continue;
    }
    const first = firstLine.get(key);
    if (first !== undefined) {
      problems.push(`line ${n} sets ${key} again (line ${first} set it already)`);
      continue;
    }
    if (Buffer.byteLength(key) + 1 + Buffer.byteLength(value) > MAX_ASSIGNMENT_BYTES) {
      problems.push(`line ${n} (${key}) is longer than ${MAX_ASSIGNMENT_BYTES} bytes, the most Linux passes`);
      continue;
    }
    firstLine.set(key, n);
    entries.push({ key, value });
  }
  if (problems.length === 0) return entries;
  const shown = problems.slice(0, 10).join("; ");
  const more = problems.length > 10 ? `; and ${problems.length - 10} more` : "";
  return `${shown}${more}; allowed: ${ENVIRONMENT_ALLOWED}`;
}

/**
 * A zod field for the `service-env` input, to be wrapped in secret(): parseInputs then shows
 * its value as *** and the message (line numbers, never text) as what is allowed.
 */
export function environment() {
  return allowing(
    z.string({ error: `is required; allowed: ${ENVIRONMENT_ALLOWED}` }),
    ENVIRONMENT_ALLOWED,
  ).transform((value, ctx) => {
    const entries = readEnvironment(value);
    if (typeof entries !== "string") return entries;
    ctx.addIssue({ code: "custom", message: entries });
    return z.NEVER;
  });
}

/**
 * Values shorter than this are not masked on their own: a `1`, `on` or `api` masked would turn
 * every occurrence of it in the log into *** (host addresses, versions, counts) and hides no
 * secret worth the name. They stay masked as part of their KEY=VALUE line.
 */
export const MIN_MASKED_VALUE = 4;

/**
 * The values of the `service-env` input to mask on their own, besides the whole input and each
 * line: an app prints a value without its key (a journal line goship echoes when a health check
 * fails). Every value of MIN_MASKED_VALUE characters or more, once each.
 */
export function environmentSecrets(entries: readonly EnvironmentEntry[]): string[] {
  return [...new Set(entries.map((e) => e.value).filter((v) => v.length >= MIN_MASKED_VALUE))];
}

/** ASCII characters a value keeps as they are in the file; other ASCII ones get a backslash. */
const PLAIN_ASCII = /^[A-Za-z0-9_./:@%+,=-]$/;

/**
 * The EnvironmentFile systemd reads back as exactly these entries. Values are written unquoted
 * with a backslash before every ASCII character other than letters, digits and _ . / : @ % + , = -
 * (so `a b"$c` is `a\ b\"\$c`). Outside quotes, systemd's env-file parser turns `\x` into `x` for
 * any x and keeps everything else byte for byte, with no $ expansion: the same in every systemd
 * since at least v219. Inside double quotes it does not: v240-v246 keep the backslash of `\\`
 * and v247+ keep it before anything but " \ ` $, so quoting would not be portable. Read as a
 * POSIX sh script (`set -a; . file`) the file gives the same values. Values must not contain
 * control characters (parseEnvironment refuses them); there is no escape systemd reads for them.
 */
export function renderEnvironmentFile(entries: readonly EnvironmentEntry[]): string {
  const lines = ["# Written by goship (deploy-systemd). Do not edit: every deploy rewrites this file."];
  const keys = new Set<string>();
  for (const { key, value } of entries) {
    // Programming errors, not user errors: parseEnvironment has refused these already.
    if (!ENV_KEY.test(key)) throw new Error(`environment key ${JSON.stringify(key)} is not a variable name`);
    if (keys.has(key)) throw new Error(`environment key ${key} is given twice`);
    if (/\p{Cc}/u.test(value) || !value.isWellFormed()) {
      throw new Error(`environment value of ${key} contains a control character or is not valid Unicode`);
    }
    keys.add(key);
    let out = "";
    for (const ch of value) out += ch > "\u007f" || PLAIN_ASCII.test(ch) ? ch : `\\${ch}`;
    lines.push(`${key}=${out}`);
  }
  return `${lines.join("\n")}\n`;
}
