import { z } from "zod";
import { CanaryTargets } from "../../contract/canary-targets.js";
import { duration } from "../../deploy/plan.js";
import { boolean, choice, line, list, secret, text } from "../../kit/inputs.js";

/** A number written plainly (no exponent, no sign), checked against a range in words. */
const decimal = (allowed: string, ok: (n: number) => boolean) =>
  text(/^[0-9]{1,6}(\.[0-9]{1,9})?$/, allowed)
    .transform(Number)
    .refine(ok, `allowed: ${allowed}`);

const PROBABILITY = "a number greater than 0 and less than 0.5, e.g. 0.05";
const CHECKS = ["error-rate", "error-ceiling", "latency", "latency-slo"] as const;
export type CheckInput = (typeof CHECKS)[number];

/** `p99<200ms`, `p99.9 < 0.5s`: the q-quantile of latency stays under T. */
export const LATENCY_SLO = /^p([0-9]{1,2}(?:\.[0-9]{1,3})?)\s*<\s*([0-9]{1,6}(?:\.[0-9]{1,6})?)(ms|s)$/;
const SLO_ALLOWED = "pQ<T with a quantile Q from 50 to 99.999 and a time in ms or s, e.g. p99<200ms";

/** An ISO 8601 time with a zone, or Unix seconds: the start or end of a past window (prometheus only). */
const instant = () =>
  text(
    /^([0-9]{9,11}(\.[0-9]{1,3})?|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))$/,
    "an RFC 3339 time with a zone (2026-12-01T10:00:00Z) or Unix seconds",
  )
    .transform((v) => (/^[0-9.]+$/.test(v) ? Number(v) * 1000 : Date.parse(v)))
    .refine((ms) => Number.isFinite(ms), "allowed: a real date and time, e.g. 2026-12-01T10:00:00Z");

export const inputs = z.object({
  targets: text(/^\s*\[[\s\S]*\]\s*$/, "deploy-systemd's canary-targets output: a JSON array")
    .transform((v, ctx) => {
      let json: unknown;
      try {
        json = JSON.parse(v);
      } catch {
        ctx.addIssue({
          code: "custom",
          message: "allowed: deploy-systemd's canary-targets output (valid JSON)",
        });
        return z.NEVER;
      }
      const parsed = CanaryTargets.safeParse(json);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const where = issue ? `[${issue.path.join("].[")}]` : "";
      ctx.addIssue({
        code: "custom",
        message: `allowed: deploy-systemd's canary-targets output; ${where} ${issue?.message ?? "does not match"}`,
      });
      return z.NEVER;
    })
    .describe("deploy-systemd's canary-targets output: per host, the new and the old slot"),
  provider: choice(["scrape", "prometheus"])
    .default("scrape")
    .describe("scrape: read each slot's /metrics; prometheus: query a Prometheus server"),
  "scrape-via": choice(["ssh", "direct"])
    .default("ssh")
    .describe("scrape: through the hosts' SSH (like deploy-systemd) or plain HTTP to each slot"),
  "ssh-private-key": secret(
    text(
      /^-----BEGIN (OPENSSH|EC|RSA) PRIVATE KEY-----[\s\S]+-----END \1 PRIVATE KEY-----\s*$/,
      "an OpenSSH or PEM private key without a passphrase",
    ),
  )
    .optional()
    .describe("scrape via ssh: the key that logs in to every host (secret)"),
  "known-hosts": text(/^[^\0]+$/, "known_hosts lines for every host (and proxy-jump host)")
    .optional()
    .describe("scrape via ssh: known_hosts content; host keys are checked, never trusted on first use"),
  "ssh-user": text(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
    .default("deploy")
    .describe("scrape via ssh: user for hosts that name none"),
  "proxy-jump": line("[user@]host[:port] hops separated by commas")
    .optional()
    .describe("scrape via ssh: jump host(s), comma-separated"),
  "prometheus-url": text(/^https?:\/\/[\x21-\x7e]+$/, "an http(s) URL of a Prometheus server")
    .refine((u) => URL.canParse(u), "allowed: an http(s) URL of a Prometheus server")
    .refine(
      (u) => !URL.canParse(u) || (new URL(u).username === "" && new URL(u).password === ""),
      "allowed: a URL without credentials; send them with prometheus-headers (a secret)",
    )
    .optional()
    .describe("prometheus: the server's base URL"),
  "prometheus-headers": secret(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    text(/^([A-Za-z0-9-]+:[^\u0000-\u0009\u000b-\u001f\u007f]*\n?)+$/, "Name: value lines"),
  )
    .optional()
    .describe("prometheus: HTTP headers sent with every query, e.g. Authorization: Bearer … (secret)"),
  "canary-selector": line('PromQL label matchers, e.g. job="shop",version="1.2.3"')
    .optional()
    .describe('prometheus: label matchers of the canary (default version="<new version>")'),
  "baseline-selector": line('PromQL label matchers, e.g. job="shop",version="1.2.2"')
    .optional()
    .describe('prometheus: label matchers of the baseline (default version="<old version>")'),
  "metrics-path": text(/^\/[\x21-\x7e]*$/, "an absolute URL path, e.g. /metrics")
    .default("/metrics")
    .describe("scrape: the path of each slot's metrics"),
  "requests-metric": text(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, "a Prometheus metric name")
    .default("http_requests_total")
    .describe("Counter of requests, with a code label"),
  "error-codes": text(
    /^([0-9.]{3})(,[0-9.]{3})*$/,
    "status codes or patterns with . for any digit, comma-separated, e.g. 5.. or 500,502,503",
  )
    .default("5..")
    .describe("Values of the code label that count as errors"),
  "latency-metric": text(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, "a Prometheus histogram name")
    .default("http_request_duration_seconds")
    .describe("Histogram of request durations in seconds"),
  "max-error-rate": decimal(
    "a number greater than 0 and at most 1 (1 turns the ceiling off)",
    (n) => n > 0 && n <= 1,
  )
    .default(0.05)
    .describe("The error ceiling: the canary's error rate must stay under it; 1 disables"),
  "latency-slo": text(LATENCY_SLO, SLO_ALLOWED)
    .transform((v, ctx) => {
      const m = LATENCY_SLO.exec(v);
      // 99.9 / 100 is 0.9990000000000001 in binary: keep the digits the user wrote.
      const q = Number((Number(m?.[1]) / 100).toFixed(8));
      const seconds = Number(m?.[2]) / (m?.[3] === "ms" ? 1000 : 1);
      if (!(q >= 0.5 && q < 1) || !(seconds > 0)) {
        ctx.addIssue({ code: "custom", message: `allowed: ${SLO_ALLOWED}` });
        return z.NEVER;
      }
      return { q, seconds, text: v };
    })
    .optional()
    .describe("A latency SLO, e.g. p99<200ms; empty turns the check off"),
  checks: list(z.enum(CHECKS), `a comma-separated list of ${CHECKS.join(", ")}`)
    .refine((l) => l.length > 0, `allowed: one or more of ${CHECKS.join(", ")}`)
    .optional()
    .describe("Checks to run (default: every check whose data is configured)"),
  "error-test": choice(["share", "per-request"])
    .default("share")
    .describe("share (robust to bursts of errors) or per-request (more power, independent requests only)"),
  "min-effect": decimal("a ratio above 1, e.g. 2 (a canary twice as bad)", (n) => n > 1 && n <= 1000)
    .optional()
    .describe("r*: the regression ratio a promote must rule out (default by weight: 5, 2 or 1.5)"),
  alpha: decimal(PROBABILITY, (n) => n > 0 && n < 0.5)
    .default(0.05)
    .describe("False-rollback bound of the whole gate"),
  beta: decimal(PROBABILITY, (n) => n > 0 && n < 0.5)
    .default(0.05)
    .describe("False-promote bound of the whole gate"),
  interval: duration({ min: 1000, max: 3_600_000 }).default(15_000).describe("Time between ticks"),
  warmup: duration({ max: 86_400_000 }).default(60_000).describe("Time before ticks are judged"),
  duration: duration({ min: 1000, max: 7 * 86_400_000 })
    .default(600_000)
    .describe("The step's deadline: no decision by then is HOLD"),
  "min-ticks": decimal("a whole number from 1 to 10000", (n) => Number.isInteger(n) && n >= 1 && n <= 10_000)
    .default(3)
    .describe("Judged ticks before a promote"),
  "max-gap": duration({ min: 1000, max: 86_400_000 })
    .default(300_000)
    .describe("No valid data for this long is HOLD (stale)"),
  advisory: boolean().prefault("false").describe("Decide and report, never fail the step"),
  from: instant().optional().describe("prometheus: judge a past window starting here"),
  to: instant().optional().describe("prometheus: the end of the past window"),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = {
  decision: "promote, hold or rollback",
  reasons: "JSON list of the reasons for the decision",
  report: "Path of a JSON file with every tick: counters, deltas, each check's log E and threshold, n_min",
  "canary-requests": "Canary requests judged",
  "baseline-requests": "Baseline requests judged",
  "e-values": "JSON object: each check's e-value at the end",
} as const;
