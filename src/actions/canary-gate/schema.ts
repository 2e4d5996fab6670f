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
    .describe(
      "deploy-systemd's canary-targets output (JSON): per host, the new slot and the old slot, by address and version.",
    ),
  provider: choice(["scrape", "prometheus"])
    .default("scrape")
    .describe(
      "scrape: read each slot's metrics-path directly (no server needed); prometheus: instant queries to prometheus-url.",
    ),
  "scrape-via": choice(["ssh", "direct"])
    .default("ssh")
    .describe(
      "scrape: ssh (through each host's SSH, as deploy-systemd connects) or direct (plain HTTP from the runner to each slot).",
    ),
  "ssh-private-key": secret(
    text(
      /^-----BEGIN (OPENSSH|EC|RSA) PRIVATE KEY-----[\s\S]+-----END \1 PRIVATE KEY-----\s*$/,
      "an OpenSSH or PEM private key without a passphrase",
    ),
  )
    .optional()
    .describe(
      "scrape via ssh: the private key (OpenSSH or PEM, no passphrase) that logs in to every host. A secret.",
    ),
  "known-hosts": text(/^[^\0]+$/, "known_hosts lines for every host (and proxy-jump host)")
    .optional()
    .describe(
      "scrape via ssh: known_hosts content for every host and proxy-jump host; host keys are checked, never trusted on first use.",
    ),
  "ssh-user": text(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
    .default("deploy")
    .describe("scrape via ssh: user for hosts that name none."),
  "proxy-jump": line("[user@]host[:port] hops separated by commas")
    .optional()
    .describe("scrape via ssh: jump host(s), [user@]host[:port], comma-separated, in order."),
  "prometheus-url": text(/^https?:\/\/[\x21-\x7e]+$/, "an http(s) URL of a Prometheus server")
    .refine((u) => URL.canParse(u), "allowed: an http(s) URL of a Prometheus server")
    .refine(
      (u) => !URL.canParse(u) || (new URL(u).username === "" && new URL(u).password === ""),
      "allowed: a URL without credentials; send them with prometheus-headers (a secret)",
    )
    .optional()
    .describe(
      "prometheus: the server's base URL, http(s), without credentials (send those with prometheus-headers).",
    ),
  "prometheus-headers": secret(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    text(/^([A-Za-z0-9-]+:[^\u0000-\u0009\u000b-\u001f\u007f]*\n?)+$/, "Name: value lines"),
  )
    .optional()
    .describe(
      "prometheus: HTTP headers sent with every query, one 'Name: value' per line, e.g. an Authorization line. A secret.",
    ),
  "canary-selector": line('PromQL label matchers, e.g. job="shop",version="1.2.3"')
    .optional()
    .describe(
      'prometheus: PromQL label matchers of the canary\'s series (default version="<new version>" from targets).',
    ),
  "baseline-selector": line('PromQL label matchers, e.g. job="shop",version="1.2.2"')
    .optional()
    .describe(
      'prometheus: PromQL label matchers of the baseline\'s series (default version="<old version>" from targets).',
    ),
  "metrics-path": text(/^\/[\x21-\x7e]*$/, "an absolute URL path, e.g. /metrics")
    .default("/metrics")
    .describe("scrape: the path of each slot's Prometheus text exposition."),
  "requests-metric": text(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, "a Prometheus metric name")
    .default("http_requests_total")
    .describe("A counter of requests with a code label (raw cumulative series; no rate())."),
  "error-codes": text(
    /^([0-9.]{3})(,[0-9.]{3})*$/,
    "status codes or patterns with . for any digit, comma-separated, e.g. 5.. or 500,502,503",
  )
    .default("5..")
    .describe(
      "Values of the code label that count as errors: codes or patterns with . for any digit, comma-separated.",
    ),
  "latency-metric": text(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, "a Prometheus histogram name")
    .default("http_request_duration_seconds")
    .describe("A histogram of request durations in seconds (its _bucket and _count series)."),
  "max-error-rate": decimal(
    "a number greater than 0 and at most 1 (1 turns the ceiling off)",
    (n) => n > 0 && n <= 1,
  )
    .prefault("0.05")
    .describe(
      "The error ceiling: the canary's error rate must stay below it, whatever the baseline does; 1 turns the ceiling off.",
    ),
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
    .describe("A latency SLO such as p99<200ms (quantile and time in ms or s); empty turns the check off."),
  checks: list(z.enum(CHECKS), `a comma-separated list of ${CHECKS.join(", ")}`)
    .refine((l) => l.length > 0, `allowed: one or more of ${CHECKS.join(", ")}`)
    .optional()
    .describe(
      "Comma-separated checks among error-rate, error-ceiling, latency, latency-slo (default: every check whose data is configured).",
    ),
  "error-test": choice(["share", "per-request"])
    .default("share")
    .describe(
      "How the error-rate check bets: share (robust to bursts of errors) or per-request (more power, only for independent requests).",
    ),
  "min-effect": decimal("a ratio above 1, e.g. 2 (a canary twice as bad)", (n) => n > 1 && n <= 1000)
    .optional()
    .describe(
      "r*: the regression ratio a promote must rule out (default by the step's weight: 5 at 10% or less, 2 at 30% or less, 1.5 above).",
    ),
  alpha: decimal(PROBABILITY, (n) => n > 0 && n < 0.5)
    .prefault("0.05")
    .describe(
      "The bound on rolling back a canary that is no worse, for the whole gate (split over the checks).",
    ),
  beta: decimal(PROBABILITY, (n) => n > 0 && n < 0.5)
    .prefault("0.05")
    .describe(
      "The bound on promoting a canary that is worse by min-effect, for the whole gate (split over the checks).",
    ),
  interval: duration({ min: 1000, max: 3_600_000 })
    .prefault("15s")
    .describe("Time between ticks, at least 1s (e.g. 15s)."),
  warmup: duration({ max: 86_400_000 })
    .prefault("60s")
    .describe("Time from the start during which counters are recorded but not judged."),
  duration: duration({ min: 1000, max: 7 * 86_400_000 })
    .prefault("10m")
    .describe("The step's deadline: with no decision by then the result is hold and the step fails."),
  "min-ticks": decimal("a whole number from 1 to 10000", (n) => Number.isInteger(n) && n >= 1 && n <= 10_000)
    .prefault("3")
    .describe("Judged ticks needed before a promote."),
  "max-gap": duration({ min: 1000, max: 86_400_000 })
    .prefault("5m")
    .describe("No valid data for this long is reported as stale (hold)."),
  advisory: boolean().prefault("false").describe("true: decide and report, never fail the step."),
  from: instant()
    .optional()
    .describe("prometheus: judge a past window from this time (RFC 3339 or Unix seconds) instead of live."),
  to: instant().optional().describe("prometheus: the end of the past window."),
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
