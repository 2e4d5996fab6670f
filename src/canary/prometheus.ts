import { z } from "zod";
import { InputError, type InputProblem, inputError, redactCredentials, UserError } from "../kit/errors.js";
import { retry } from "../kit/retry.js";
import { parseSampleValue } from "./exposition.js";
import { boundedGet } from "./http.js";
import {
  type ArmsReading,
  checkMetricName,
  groupByInstance,
  type LabelledSample,
  type MetricSource,
  metricNames,
  type SnapshotSpec,
  snapshotArm,
} from "./snapshot.js";
import type { ArmSnapshot } from "./types.js";

/**
 * canary-gate's Prometheus source: instant queries (`/api/v1/query?time=t`) of the raw series,
 * never rate(), increase() or sum(): they extrapolate to fractions and hide a reset on one
 * instance (CANARY.md, "The data"). Each arm is read by ONE query,
 *
 *     {__name__=~"http_requests_total|…_bucket|…_count|process_start_time_seconds|up", <selector>}
 *
 * because one query sees one state of Prometheus's storage: with four queries, a scrape landing
 * between the `_bucket` and the `_count` query would make a healthy histogram look broken.
 * `up` tells a target that stopped answering (its other series go stale) from one that has no
 * data yet.
 *
 * What a query can end in:
 * - the samples → the arm's snapshot (an empty result is no data: zero instances, never zero);
 * - warnings or infos (a partial answer: a remote store or a shard missing), HTTP 422 (Prometheus
 *   could not execute it), an answer that does not parse → the arm is `ok: false`;
 * - no answer, a timeout, HTTP 5xx (503 is Prometheus's query timeout) or 429, after a few
 *   attempts with backoff inside the tick's time budget → `sourceDown`, and both arms `ok: false`
 *   if neither answered;
 * - HTTP 400 `bad_data` (the selector is wrong: an InputError naming it), 401/403 (the headers),
 *   404 or a redirect (the URL) → thrown: waiting will not fix them.
 * `prometheus-headers` are sent with every query and appear in no message.
 */

export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** Label matchers that pick one arm's series, and the input they came from (for messages). */
export interface Selector {
  input: string;
  /** Normalised matchers without braces: `version="1.4.0",job="api"`. */
  text: string;
}

const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SELECTOR_ALLOWED =
  'allowed: PromQL label matchers name op "value" separated by commas, name [a-zA-Z_][a-zA-Z0-9_]* ' +
  '(not starting with __), op one of = != =~ !~, the value in double quotes with \\\\ and \\" as its ' +
  'only escapes and no control characters, e.g. version="1.4.0",job="api"';
const MAX_SELECTOR = 1024;

/**
 * `canary-selector`, `baseline-selector`: label matchers only, checked character by character,
 * since they go into a query. Braces around them are accepted and dropped.
 */
export function parseSelector(value: string, input: string): Selector {
  const problem = selectorProblem(value);
  if (problem !== null) throw inputError(input, value, `${problem}; ${SELECTOR_ALLOWED}`);
  return { input, text: normaliseSelector(value) };
}

/** The default selector of an arm: `version="<version>"`. */
export function versionSelector(version: string, input = "targets"): Selector {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (version === "" || /[\u0000-\u001f\u007f]/.test(version)) {
    throw inputError(input, version, "a version must be a non-empty string without control characters");
  }
  return { input, text: `version="${version.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"` };
}

function selectorProblem(value: string): string | null {
  if (value.length > MAX_SELECTOR) return `longer than ${MAX_SELECTOR} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return "a newline or control character";
  const body = unbrace(value.trim());
  if (body === null) return "unbalanced braces";
  const matchers = splitMatchers(body);
  if (typeof matchers === "string") return matchers;
  if (matchers.length === 0) return "no matcher";
  for (const m of matchers) {
    const parsed = /^([^!=~\s]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*")$/s.exec(m);
    if (!parsed) return `${JSON.stringify(m)} is not name op "value"`;
    const [, name, , quoted] = parsed as unknown as [string, string, string, string];
    if (!LABEL.test(name)) return `${JSON.stringify(name)} is not a label name`;
    if (name.startsWith("__")) return `label ${name} is reserved (names starting with __)`;
    for (const e of quoted.slice(1, -1).matchAll(/\\(.)/gs)) {
      if (e[1] !== "\\" && e[1] !== '"') return `the value of ${name} has the escape \\${e[1]}`;
    }
  }
  return null;
}

function normaliseSelector(value: string): string {
  const matchers = splitMatchers(unbrace(value.trim()) as string) as string[];
  return matchers
    .map((m) => {
      const [, name, op, quoted] = /^([^!=~\s]*)\s*(=~|!~|!=|=)\s*(".*")$/s.exec(m) as unknown as string[];
      return `${name}${op}${quoted}`;
    })
    .join(",");
}

function unbrace(value: string): string | null {
  if (value.startsWith("{") !== value.endsWith("}")) return null;
  return value.startsWith("{") ? value.slice(1, -1).trim() : value;
}

/** Splits on commas outside double-quoted strings; a trailing comma is allowed, an empty matcher is not. */
function splitMatchers(body: string): string[] | string {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quoted && c === "\\") {
      current += c + (body[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      if (current.trim() === "") return "an empty matcher between commas";
      out.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  if (quoted) return "a value without its closing quote";
  if (current.trim() !== "") out.push(current.trim());
  return out;
}

/**
 * `prometheus-url`: http or https, no credentials (they would land in logs: use
 * prometheus-headers), no query or fragment. A path prefix (`https://host/prometheus`) is kept.
 * Messages show the URL with any credentials blanked out.
 */
export function parsePrometheusUrl(value: string, input = "prometheus-url"): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw inputError(
      input,
      redactCredentials(value),
      "allowed: an http:// or https:// URL, e.g. http://prometheus:9090",
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw inputError(
      input,
      redactCredentials(value),
      "a URL with credentials in it is refused; give them as a header in prometheus-headers " +
        "(e.g. Authorization: Basic …), which is kept secret",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw inputError(input, value, `the scheme ${url.protocol} is not http: or https:`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw inputError(input, value, "allowed: the server's base URL, without a query (?…) or fragment (#…)");
  }
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const RESERVED_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "accept"]);

/**
 * `prometheus-headers`: one `Name: value` a line (e.g. `Authorization: Bearer …`). The values
 * are secrets: a message names the line and the header, never the value. The caller registers
 * each value as a secret with the runner.
 */
export function parsePrometheusHeaders(value: string, input = "prometheus-headers"): Record<string, string> {
  const headers: Record<string, string> = {};
  const problems: InputProblem[] = [];
  const lines = value.split("\n");
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") return;
    const where = `line ${index + 1}`;
    const colon = line.indexOf(":");
    const name = colon < 0 ? "" : line.slice(0, colon).trim();
    const headerValue = colon < 0 ? "" : line.slice(colon + 1).trim();
    const fail = (allowed: string) =>
      // Only a valid name is shown: an invalid one may be part of the secret (a line without its name).
      problems.push({
        input,
        value: `${where}${HEADER_NAME.test(name) ? ` (${name})` : ""}, value hidden`,
        allowed,
      });
    if (colon < 0 || !HEADER_NAME.test(name))
      fail("allowed: Name: value, one header a line, e.g. Authorization: Bearer …");
    else if (RESERVED_HEADERS.has(name.toLowerCase())) fail(`goship sets ${name} itself`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    else if (headerValue === "" || /[\u0000-\u0008\u000a-\u001f\u007f]/.test(headerValue))
      fail("the value must be non-empty, without control characters");
    else if (Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase()))
      fail(`${name} is given twice`);
    else headers[name] = headerValue;
  });
  if (problems.length > 0) throw new InputError(problems);
  return headers;
}

/** The one query that reads an arm: its raw series by name, and `up`, under its selector. */
export function armQuery(spec: SnapshotSpec, selector: Selector): string {
  const names = [...metricNames(spec), "up"].map((n) => checkMetricName(n, "metric name"));
  return `{__name__=~"${names.join("|")}",${selector.text}}`;
}

export type QueryResult =
  | { ok: true; samples: LabelledSample[] }
  | { ok: false; down: boolean; reason: string };

/** Prometheus said the query itself is wrong (HTTP 400 bad_data). */
export class BadQueryError extends UserError {
  override name = "BadQueryError";
  constructor(
    readonly query: string,
    readonly prometheusError: string,
  ) {
    super(`Prometheus refused the query ${query}: ${prometheusError}`);
  }
}

export interface PrometheusClientOptions {
  /** From parsePrometheusUrl. */
  url: URL;
  /** From parsePrometheusHeaders; secrets. */
  headers?: Readonly<Record<string, string>>;
  /** Time for all attempts of one query (default 10 s): a tick must not run into the next. */
  budgetMs?: number;
  /** Attempts in all for a transient failure (default 3). */
  attempts?: number;
  /** First pause between attempts, doubled each time (default 250 ms). */
  backoffMs?: number;
  /** Prometheus's own `timeout=` for evaluating the query; its default (2 min) when unset. */
  queryTimeoutMs?: number;
  maxBytes?: number;
}

const sampleSchema = z.object({
  metric: z.record(z.string(), z.string()),
  value: z.tuple([z.number(), z.string()]),
});
const answerSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("success"),
    data: z.object({ resultType: z.literal("vector"), result: z.array(sampleSchema) }),
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  }),
  z.object({
    status: z.literal("error"),
    errorType: z.string(),
    error: z.string(),
    warnings: z.array(z.string()).optional(),
  }),
]);

type Attempt = { done: QueryResult } | { retry: string };

export class PrometheusClient {
  readonly #o: Required<Omit<PrometheusClientOptions, "queryTimeoutMs">> & { queryTimeoutMs?: number };

  constructor(options: PrometheusClientOptions) {
    this.#o = {
      url: options.url,
      headers: options.headers ?? {},
      budgetMs: options.budgetMs ?? 10_000,
      attempts: options.attempts ?? 3,
      backoffMs: options.backoffMs ?? 250,
      maxBytes: options.maxBytes ?? MAX_ANSWER_BYTES,
      queryTimeoutMs: options.queryTimeoutMs,
    };
  }

  /** Where queries go, for messages (never with headers). */
  get endpoint(): string {
    return `${this.#o.url.origin}${this.#o.url.pathname.replace(/\/+$/, "")}/api/v1/query`;
  }

  /** An instant query evaluated at `at` (seconds since the epoch). Throws on a bad query or configuration. */
  async query(promql: string, at: number): Promise<QueryResult> {
    const params = new URLSearchParams({ query: promql, time: formatTime(at) });
    if (this.#o.queryTimeoutMs !== undefined) params.set("timeout", String(this.#o.queryTimeoutMs / 1000));
    const url = `${this.endpoint}?${params}`;
    // All attempts share the tick's budget: each gets what is left of it, and another one is
    // made only if its backoff and some time to answer still fit.
    const deadline = performance.now() + this.#o.budgetMs;
    try {
      return await retry(
        async () => {
          const got = await this.#attempt(url, promql, Math.max(1, deadline - performance.now()));
          if ("retry" in got) throw new TransientQueryError(got.retry);
          return got.done;
        },
        {
          attempts: this.#o.attempts,
          baseDelayMs: this.#o.backoffMs,
          retryable: (e, { backoffMs }) =>
            e instanceof TransientQueryError && deadline - performance.now() >= backoffMs + 100,
        },
      );
    } catch (e) {
      // The attempts or the budget are spent: the source is down for this tick.
      if (e instanceof TransientQueryError) return { ok: false, down: true, reason: e.message };
      throw e;
    }
  }

  async #attempt(url: string, promql: string, timeoutMs: number): Promise<Attempt> {
    const got = await boundedGet(url, {
      headers: { ...this.#o.headers, Accept: "application/json" },
      timeoutMs,
      maxBytes: this.#o.maxBytes,
    });
    const where = this.endpoint;
    if (!got.ok) {
      if (got.kind === "timeout" || got.kind === "network") return { retry: `${where}: ${got.reason}` };
      return { done: { ok: false, down: false, reason: `${where}: ${got.reason}` } };
    }
    const { status } = got;
    if (status >= 300 && status < 400) {
      throw new UserError(
        `${where} answered HTTP ${status}, a redirect${got.location ? ` to ${got.location}` : ""}: ` +
          "set prometheus-url to the address that answers",
      );
    }
    if (status === 401 || status === 403) {
      throw new UserError(
        `${where} answered HTTP ${status}: the server refused the credentials; check prometheus-headers`,
      );
    }
    if (status === 404) {
      throw new UserError(`${where} answered HTTP 404: no Prometheus query API there; check prometheus-url`);
    }
    const answer = parseAnswer(got.body);
    if (status === 400) {
      if (answer?.status === "error" && answer.errorType === "bad_data")
        throw new BadQueryError(promql, answer.error);
      throw new UserError(
        `${where} answered HTTP 400: ${answer?.status === "error" ? answer.error : snippet(got.body)}`,
      );
    }
    const said = answer?.status === "error" ? `${answer.errorType}: ${answer.error}` : snippet(got.body);
    if (status === 422) {
      return {
        done: { ok: false, down: false, reason: `Prometheus could not execute the query (HTTP 422 ${said})` },
      };
    }
    if (status === 503 && answer?.status === "error" && answer.errorType === "timeout") {
      return { retry: `Prometheus timed out evaluating the query (HTTP 503 ${said})` };
    }
    if (status === 429 || status >= 500) return { retry: `${where} answered HTTP ${status} (${said})` };
    if (status !== 200)
      return { done: { ok: false, down: true, reason: `${where} answered HTTP ${status} (${said})` } };
    if (answer === undefined) {
      return {
        done: {
          ok: false,
          down: false,
          reason: `${where} answered something that is not a query result: ${snippet(got.body)}`,
        },
      };
    }
    if (answer.status === "error") {
      return {
        done: { ok: false, down: false, reason: `Prometheus answered an error with HTTP 200 (${said})` },
      };
    }
    const notes = [...(answer.warnings ?? []), ...(answer.infos ?? [])];
    if (notes.length > 0) {
      return {
        done: {
          ok: false,
          down: false,
          reason: `Prometheus's answer is partial or uncertain: ${notes.join("; ")}`,
        },
      };
    }
    const samples: LabelledSample[] = [];
    for (const s of answer.data.result) {
      const value = parseSampleValue(s.value[1]);
      if (value === undefined) {
        return {
          done: { ok: false, down: false, reason: `Prometheus gave the value ${JSON.stringify(s.value[1])}` },
        };
      }
      const { __name__: name, ...labels } = s.metric;
      if (name === undefined)
        return { done: { ok: false, down: false, reason: "a series without __name__" } };
      samples.push({ name, labels, value });
    }
    return { done: { ok: true, samples } };
  }
}

type Answer = z.infer<typeof answerSchema>;

function parseAnswer(body: string): Answer | undefined {
  try {
    const parsed = answerSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function snippet(body: string): string {
  const one = body.replace(/\s+/g, " ").trim();
  return one === "" ? "an empty body" : JSON.stringify(one.length > 200 ? `${one.slice(0, 200)}…` : one);
}

/** Seconds since the epoch with at most millisecond precision, as Prometheus reads `time=`. */
function formatTime(at: number): string {
  if (!Number.isFinite(at) || at < 0) throw new Error(`query time ${at} is not a time`);
  return String(Math.round(at * 1000) / 1000);
}

/** A failure another attempt may get past: no answer, a timeout, HTTP 429 or 5xx. */
class TransientQueryError extends Error {
  override name = "TransientQueryError";
}

export interface PrometheusSourceOptions {
  client: PrometheusClient;
  canary: Selector;
  baseline: Selector;
  spec: SnapshotSpec;
}

/** Both arms from Prometheus, each by one query evaluated at the tick's time. */
export class PrometheusSource implements MetricSource {
  constructor(readonly options: PrometheusSourceOptions) {}

  async read(at: number): Promise<ArmsReading> {
    const [canary, baseline] = await Promise.all([
      this.readArm(this.options.canary, at),
      this.readArm(this.options.baseline, at),
    ]);
    const down = [
      canary.down && `canary query: ${canary.down}`,
      baseline.down && `baseline query: ${baseline.down}`,
    ]
      .filter(Boolean)
      .join("; ");
    return down === ""
      ? { canary: canary.arm, baseline: baseline.arm }
      : { canary: canary.arm, baseline: baseline.arm, sourceDown: down };
  }

  /** One arm; `down` says the source did not answer (as opposed to answering something unusable). */
  async readArm(selector: Selector, at: number): Promise<{ arm: ArmSnapshot; down?: string }> {
    const query = armQuery(this.options.spec, selector);
    let result: QueryResult;
    try {
      result = await this.options.client.query(query, at);
    } catch (e) {
      if (e instanceof BadQueryError) {
        throw inputError(
          selector.input,
          selector.text,
          `Prometheus refused the query ${query}: ${e.prometheusError}`,
        );
      }
      throw e;
    }
    if (!result.ok) {
      const arm: ArmSnapshot = { ok: false, reason: result.reason, unreachable: false };
      return result.down ? { arm, down: result.reason } : { arm };
    }
    const grouped = groupByInstance(result.samples);
    if (!grouped.ok) return { arm: { ok: false, reason: grouped.reason, unreachable: false } };
    const up = (g: (typeof grouped.groups)[number]) => g.samples.find((s) => s.name === "up")?.value;
    const silent = grouped.groups.filter((g) => up(g) !== undefined && up(g) !== 1).map((g) => g.instance);
    const answering = grouped.groups.filter((g) => up(g) === 1).map((g) => g.instance);
    if (silent.length > 0) {
      const list = silent.sort().join(", ");
      // Every target of the arm silent: the arm is unreachable (twice in a row for the canary:
      // ROLLBACK). Only some: the arm's sum would miss them, so the tick is invalid (HOLD).
      return answering.length === 0
        ? {
            arm: {
              ok: false,
              unreachable: true,
              reason: `no target matching ${selector.text} answered Prometheus's last scrape (up=0: ${list})`,
            },
          }
        : {
            arm: {
              ok: false,
              unreachable: false,
              reason: `${list} did not answer Prometheus's last scrape (up=0) while ${answering.sort().join(", ")} did`,
            },
          };
    }
    return { arm: snapshotArm(grouped.groups, this.options.spec) };
  }
}
