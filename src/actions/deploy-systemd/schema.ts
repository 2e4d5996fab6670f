import { z } from "zod";
import { APP_PATTERN, APP_RULE, SAFE_NAME } from "../../contract/names.js";
import { duration, environment, lockTtl, waves } from "../../deploy/plan.js";
import { boolean, choice, deprecatedFor, line, runnerDefault, secret, text } from "../../kit/inputs.js";
import { CANARY_HEADER_PATTERN, CANARY_HEADER_RULE, CanaryHeaderText } from "../../remote/steps/nginx.js";

const PORT_ALLOWED = "a port number from 1024 to 65535";
const port = () =>
  text(/^[1-9][0-9]{3,4}$/, PORT_ALLOWED)
    .transform(Number)
    .refine((p) => p >= 1024 && p <= 65_535, `allowed: ${PORT_ALLOWED}`);
const count = (min: number, max: number) =>
  text(/^[0-9]{1,6}$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `allowed: a whole number from ${min} to ${max}`);

export const inputs = z.object({
  hosts: text(/^[\s\S]*$/, "[user@]host[:port] entries separated by newlines or commas")
    .optional()
    .describe("Hosts as [user@]host[:port], separated by newlines or commas (or use inventory)."),
  inventory: line("the path of a YAML inventory file")
    .optional()
    .describe(
      "Path of a YAML inventory instead of hosts: a hosts list whose entries are [user@]host[:port] strings or maps with host, optional wave and labels.",
    ),
  "ssh-private-key": secret(
    text(
      /^-----BEGIN (OPENSSH|EC|RSA) PRIVATE KEY-----[\s\S]+-----END \1 PRIVATE KEY-----\s*$/,
      "an OpenSSH or PEM private key without a passphrase",
    ),
  ).describe("Private key (OpenSSH or PEM, no passphrase) that logs in to every host. A secret."),
  "known-hosts": text(
    /^[^\0]+$/,
    "known_hosts lines for every host (and proxy-jump host); @cert-authority lines allowed",
  ).describe(
    "known_hosts content for every host and proxy-jump host (@cert-authority lines allowed). Host keys are checked against it; nothing is trusted on first use.",
  ),
  "ssh-user": text(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
    .default("deploy")
    .describe("User for hosts that name none."),
  become: choice(["sudo", "none"])
    .default("sudo")
    .describe("sudo (passwordless sudo for ssh-user), or none when logging in as root."),
  "proxy-jump": line("[user@]host[:port] hops separated by commas")
    .optional()
    .describe("Jump host(s), [user@]host[:port], comma-separated, in order."),
  app: text(APP_PATTERN, APP_RULE).describe(
    "The service's name, [a-z][a-z0-9-]{0,31}: the unit, /opt/<app> and /etc/<app>.",
  ),
  "release-dir": line("a directory path")
    .optional()
    .describe(
      "A package-release output directory (with SHA256SUMS, its signature and goship-manifest.json).",
    ),
  "release-tag": text(/^(?!.*\.\.)(?!\/)[A-Za-z0-9._+/-]+$/, "a git tag name")
    .optional()
    .describe(
      "Deploy the GitHub Release with this tag instead of release-dir (downloaded with github-token).",
    ),
  version: text(SAFE_NAME, "a version ID: letters, digits and . _ + - (no slashes or spaces)")
    .refine((v) => !v.includes(".."), "allowed: a version ID without ..")
    .optional()
    .describe(
      "Expected version; the release's own version must match it (default: release-tag without its v).",
    ),
  project: text(SAFE_NAME, "a project name: letters, digits and . _ + - (no slashes or spaces)")
    .optional()
    .describe("Expected project; the release's manifest must name it (default: app)."),
  "public-key": text(
    /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/,
    "the release's goship.pub (a PEM public key)",
  )
    .optional()
    .describe("The release's goship.pub (PEM). Required to deploy: SHA256SUMS must be signed by it."),
  strategy: choice(["restart", "blue-green"])
    .default("restart")
    .describe("restart (one unit, restarted in place) or blue-green (two slots behind nginx)."),
  port: port().prefault("8080").describe("restart: the port the service listens on (its PORT)."),
  ports: text(/^[0-9]+,[0-9]+$/, "two ports, comma-separated, e.g. 8081,8082")
    .transform((v) => v.split(",").map(Number) as [number, number])
    .refine(
      ([a, b]) => a !== b && [a, b].every((p) => p >= 1024 && p <= 65_535),
      "allowed: two different ports from 1024 to 65535, e.g. 8081,8082",
    )
    .prefault("8081,8082")
    .describe("blue-green: the two slots' ports, comma-separated."),
  "service-env": secret(environment())
    .optional()
    .describe(
      "KEY=VALUE lines for the service's environment file (a secret; PORT is set by goship, so PORT and ADDR are refused). Unset keeps the file on the host.",
    ),
  environment: deprecatedFor(secret(z.string()), "service-env")
    .optional()
    .describe("Deprecated: the old name of service-env, still read."),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  args: text(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, "one argument per line, without control characters")
    .transform((v) => v.split("\n").filter((a) => a !== ""))
    .default([])
    .describe("Arguments for the binary, one per line, passed literally."),
  hardening: choice(["strict", "standard"])
    .default("strict")
    .describe(
      "The unit's sandbox: strict (systemd-analyze exposure 1.1) or standard (1.6; allows JITs, netlink, /proc).",
    ),
  "security-threshold": text(/^(10(\.0)?|[0-9](\.[0-9])?)$/, "a number from 0.0 to 10.0 with one decimal")
    .transform(Number)
    .prefault("2.0")
    .describe("Highest systemd-analyze security exposure allowed, checked on each host before the switch."),
  "health-path": text(/^\/[\x21-\x7e]*$/, "an absolute URL path, e.g. /ready")
    .default("/ready")
    .describe("HTTP path that must answer 2xx on the host once the new version runs."),
  "health-timeout": duration({ min: 1000, max: 3_600_000 })
    .prefault("60s")
    .describe("How long to wait for the health check, e.g. 60s or 2m."),
  waves: waves()
    .prefault("100%")
    .describe("Hosts per wave, cumulative counts or percentages ending with 100%, e.g. 1,25%,100%."),
  "wave-wait": duration({ max: 86_400_000 }).prefault("0s").describe("Pause between waves, e.g. 5m."),
  "max-parallel": count(1, 256).prefault("10").describe("Hosts changed at once within a wave."),
  "traffic-weight": count(0, 100)
    .prefault("100")
    .describe("blue-green: percent of requests nginx sends to the new slot (0-100)."),
  "canary-header": text(
    new RegExp(`^(none|${CANARY_HEADER_PATTERN.source.slice(1, -1)})$`),
    `${CANARY_HEADER_RULE}; or none to remove it`,
  )
    .transform((v) => (v === "none" ? null : CanaryHeaderText.parse(v)))
    .optional()
    .describe(
      "blue-green: a header, Name: value (e.g. X-Canary: 1), whose requests nginx sends to the new slot at any weight, 0% included, until promote or rollback; your server block then says proxy_pass http://$goship_<app>; (app's - as _). none removes it; unset keeps each host's.",
    ),
  mode: choice(["deploy", "shift", "promote", "rollback", "status"])
    .default("deploy")
    .describe(
      "deploy, shift (change the blue-green weight), promote (100% to the new slot, stop the old), rollback, or status.",
    ),
  "rollback-to": text(SAFE_NAME, "a version ID")
    .refine((v) => !v.includes(".."), "allowed: a version ID without ..")
    .optional()
    .describe(
      "mode rollback: the version to go back to, installed on every host. Default: each host's previous version.",
    ),
  "on-failure": choice(["rollback-fleet", "rollback-wave", "stop"])
    .default("rollback-fleet")
    .describe(
      "When a host fails: rollback-fleet (every host this run changed), rollback-wave (its wave only), or stop.",
    ),
  "keep-releases": count(1, 1000)
    .prefault("5")
    .describe("Releases kept on each host (current, previous and last good are never removed)."),
  "lock-timeout": duration({ max: 86_400_000 })
    .prefault("10m")
    .describe("How long to wait for another run's deploy lock on a host."),
  "lock-ttl": lockTtl()
    .prefault("30m")
    .describe("A deploy lock older than this is taken over, with a warning."),
  "drain-time": duration({ max: 3_600_000 })
    .prefault("5s")
    .describe(
      "blue-green promote and rollback: how long the old slot keeps serving its open requests before it is stopped.",
    ),
  "github-token": runnerDefault(secret(line("a token")), "github.token")
    .optional()
    .describe(
      "Token to record GitHub Deployments (deployments write) and to download release-tag (contents read).",
    ),
  "github-environment": text(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,254}$/, "a GitHub environment name")
    .optional()
    .describe(
      "GitHub environment to record a Deployment in, with in_progress, success and failure statuses.",
    ),
  "environment-name": deprecatedFor(z.string(), "github-environment")
    .optional()
    .describe("Deprecated: the old name of github-environment, still read."),
  "dry-run": boolean()
    .prefault("false")
    .describe("Connect, verify the release and plan every host; change nothing."),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = {
  hosts: "JSON per host: host, address, wave, previous-version, version, slot, weight, status, health",
  "previous-version": "The version the first host served before this run",
  "rolled-back": "true when this run rolled hosts back",
  "canary-targets": "blue-green: JSON per host: the new slot's and the old slot's address and version",
  "deployment-id": "The GitHub Deployment's id, when recorded",
} as const;
