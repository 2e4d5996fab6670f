import { z } from "zod";
import { APP_PATTERN, APP_RULE } from "../../contract/names.js";
import { duration, environment, lockTtl, waves } from "../../deploy/plan.js";
import { boolean, choice, line, secret, text } from "../../kit/inputs.js";
import { CANARY_HEADER_PATTERN, CANARY_HEADER_RULE, CanaryHeaderText } from "../../remote/steps/nginx.js";

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
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
    .describe("Hosts, [user@]host[:port], separated by newlines or commas"),
  inventory: line("the path of a YAML inventory file")
    .optional()
    .describe("A YAML inventory file instead of hosts: hosts with optional wave and labels"),
  "ssh-private-key": secret(
    text(
      /^-----BEGIN (OPENSSH|EC|RSA) PRIVATE KEY-----[\s\S]+-----END \1 PRIVATE KEY-----\s*$/,
      "an OpenSSH or PEM private key without a passphrase",
    ),
  ).describe("Private key that logs in to every host (secret)"),
  "known-hosts": text(
    /^[^\0]+$/,
    "known_hosts lines for every host (and proxy-jump host); @cert-authority lines allowed",
  ).describe("known_hosts content: host keys are checked against it, never trusted on first use"),
  "ssh-user": text(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
    .default("deploy")
    .describe("User for hosts that name none"),
  become: choice(["sudo", "none"]).default("sudo").describe("sudo, or none when logging in as root"),
  "proxy-jump": line("[user@]host[:port] hops separated by commas")
    .optional()
    .describe("Jump host(s), [user@]host[:port], comma-separated"),
  app: text(APP_PATTERN, APP_RULE).describe("The service's name: unit, /opt/<app>, /etc/<app>"),
  "release-dir": line("a directory path")
    .optional()
    .describe("A package-release output directory to deploy from"),
  "release-tag": text(/^(?!.*\.\.)(?!\/)[A-Za-z0-9._+/-]+$/, "a git tag name")
    .optional()
    .describe("Download the release from this GitHub Release instead of release-dir"),
  version: text(SAFE_NAME, "a version ID: letters, digits and . _ + - (no slashes or spaces)")
    .refine((v) => !v.includes(".."), "allowed: a version ID without ..")
    .optional()
    .describe("Expected version; must match the release's (default: release-tag without its v)"),
  project: text(SAFE_NAME, "a project name: letters, digits and . _ + - (no slashes or spaces)")
    .optional()
    .describe("Expected project; must match the release's (default: app)"),
  "public-key": text(
    /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/,
    "the release's goship.pub (a PEM public key)",
  )
    .optional()
    .describe("goship.pub content: SHA256SUMS must be signed by it (required to deploy)"),
  strategy: choice(["restart", "blue-green"]).default("restart").describe("restart or blue-green"),
  port: port().default(8080).describe("restart: the port the service listens on (PORT)"),
  ports: text(/^[0-9]+,[0-9]+$/, "two ports, comma-separated, e.g. 8081,8082")
    .transform((v) => v.split(",").map(Number) as [number, number])
    .refine(
      ([a, b]) => a !== b && [a, b].every((p) => p >= 1024 && p <= 65_535),
      "allowed: two different ports from 1024 to 65535, e.g. 8081,8082",
    )
    .default([8081, 8082])
    .describe("blue-green: the two slots' ports"),
  environment: secret(environment())
    .optional()
    .describe("KEY=VALUE lines for the service's environment file (secret)"),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  args: text(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, "one argument per line, without control characters")
    .transform((v) => v.split("\n").filter((a) => a !== ""))
    .default([])
    .describe("Arguments for the binary, one per line"),
  hardening: choice(["strict", "standard"])
    .default("strict")
    .describe("The unit's sandbox: strict or standard"),
  "security-threshold": text(/^(10(\.0)?|[0-9](\.[0-9])?)$/, "a number from 0.0 to 10.0 with one decimal")
    .transform(Number)
    .default(2)
    .describe("Highest systemd-analyze security exposure allowed"),
  "health-path": text(/^\/[\x21-\x7e]*$/, "an absolute URL path, e.g. /ready")
    .default("/ready")
    .describe("Path that must answer 2xx once the new version runs"),
  "health-timeout": duration({ min: 1000, max: 3_600_000 })
    .default(60_000)
    .describe("How long to wait for health"),
  waves: waves()
    .default([{ percent: 100 }])
    .describe("Hosts per wave, cumulative: counts or percentages, ending with 100%"),
  "wave-wait": duration({ max: 86_400_000 }).default(0).describe("Pause between waves"),
  "max-parallel": count(1, 256).default(10).describe("Hosts changed at once"),
  "traffic-weight": count(0, 100).default(100).describe("blue-green: percent of traffic to the new slot"),
  "canary-header": text(
    new RegExp(`^(none|${CANARY_HEADER_PATTERN.source.slice(1, -1)})$`),
    `${CANARY_HEADER_RULE}; or none to remove it`,
  )
    .transform((v) => (v === "none" ? null : CanaryHeaderText.parse(v)))
    .optional()
    .describe(
      "blue-green: requests with this header (Name: value) go to the new slot at any weight, 0% included; none removes it (default: keep each host's)",
    ),
  mode: choice(["deploy", "shift", "promote", "rollback", "status"]).default("deploy").describe("What to do"),
  "rollback-to": text(SAFE_NAME, "a version ID")
    .refine((v) => !v.includes(".."), "allowed: a version ID without ..")
    .optional()
    .describe("mode rollback: the version (default: each host's previous one)"),
  "on-failure": choice(["rollback-fleet", "rollback-wave", "stop"])
    .default("rollback-fleet")
    .describe("When a host fails: roll back every host this run changed, only its wave, or none"),
  "keep-releases": count(1, 1000).default(5).describe("Releases kept on each host"),
  "lock-timeout": duration({ max: 86_400_000 })
    .default(600_000)
    .describe("How long to wait for another run's lock"),
  "lock-ttl": lockTtl().default(1_800_000).describe("A lock older than this is taken over"),
  "drain-time": duration({ max: 3_600_000 })
    .default(5000)
    .describe("blue-green promote/rollback: how long the old slot keeps its connections before it stops"),
  "github-token": secret(line("a token"))
    .optional()
    .describe("Token to record GitHub Deployments (and download release-tag)"),
  "environment-name": text(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,254}$/, "a GitHub environment name")
    .optional()
    .describe("GitHub environment to record Deployments in"),
  "dry-run": boolean().prefault("false").describe("Connect, verify and plan; change nothing"),
});

export type Inputs = z.output<typeof inputs>;

export const outputs = {
  hosts: "JSON per host: host, address, wave, previous-version, version, slot, weight, status, health",
  "previous-version": "The version the first host served before this run",
  "rolled-back": "true when this run rolled hosts back",
  "canary-targets": "blue-green: JSON per host: the new slot's and the old slot's address and version",
  "deployment-id": "The GitHub Deployment's id, when recorded",
} as const;
