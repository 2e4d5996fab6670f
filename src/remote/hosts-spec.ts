import { isIPv4, isIPv6 } from "node:net";
import { InputError, type InputProblem, inputError } from "../kit/errors.js";

/**
 * Where deploy-systemd connects: `[user@]host[:port]` as the `hosts` and `proxy-jump` inputs
 * spell it. Strict on purpose: every part ends up on ssh's command line, so anything ssh could
 * read as an option (`-oProxyCommand=…`), a shell could read as syntax, or a resolver could
 * read more than one way is refused before any connection is made.
 */
export interface HostSpec {
  user: string;
  /** A lowercase DNS name, an IPv4 address, or an IPv6 address without its brackets. */
  host: string;
  port: number;
}

export interface HostSpecDefaults {
  /** The `ssh-user` input: used where a spec names no user. */
  user: string;
  /** Default 22. */
  port?: number;
}

export const SSH_USER_PATTERN = /^[a-z_][a-z0-9_-]{0,31}$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PORT = /^[1-9][0-9]{0,4}$/;

const HOST_SPEC_ALLOWED =
  "allowed: [user@]host[:port] with user [a-z_][a-z0-9_-]{0,31}, host a DNS name, an IPv4 address " +
  "or an IPv6 address in brackets ([2001:db8::1]), port 1-65535";

/** Parses one `[user@]host[:port]`; `input` names the input in the error (`hosts`, `proxy-jump`). */
export function parseHostSpec(spec: string, defaults: HostSpecDefaults, input = "hosts"): HostSpec {
  const parsed = readHostSpec(spec, checkedDefaults(defaults));
  if (typeof parsed === "string") throw inputError(input, spec, `${parsed}; ${HOST_SPEC_ALLOWED}`);
  return parsed;
}

/**
 * The `hosts` input: specs separated by newlines or commas, blanks ignored, duplicates (the
 * same user, host and port however spelled) dropped, first-seen order kept. Every bad entry is
 * reported at once. An empty text gives an empty list: whether that is allowed (an inventory
 * instead) is the caller's decision.
 */
export function parseHostList(text: string, defaults: HostSpecDefaults, input = "hosts"): HostSpec[] {
  const d = checkedDefaults(defaults);
  const problems: InputProblem[] = [];
  const seen = new Map<string, HostSpec>();
  for (const item of text.split(/[,\n]/)) {
    const spec = item.trim();
    if (spec === "") continue;
    const parsed = readHostSpec(spec, d);
    if (typeof parsed === "string")
      problems.push({ input, value: spec, allowed: `${parsed}; ${HOST_SPEC_ALLOWED}` });
    else if (!seen.has(formatHostSpec(parsed))) seen.set(formatHostSpec(parsed), parsed);
  }
  if (problems.length > 0) throw new InputError(problems);
  return [...seen.values()];
}

/**
 * The `proxy-jump` input: one or more hops, comma-separated as ssh's ProxyJump takes them,
 * each checked like a host. Empty means no jump. Hops get the default user and port filled in,
 * so ssh never falls back to the runner's login name for them.
 */
export function parseProxyJump(text: string, defaults: HostSpecDefaults, input = "proxy-jump"): HostSpec[] {
  const d = checkedDefaults(defaults);
  const value = text.trim();
  if (value === "") return [];
  const problems: InputProblem[] = [];
  const hops: HostSpec[] = [];
  for (const item of value.split(",")) {
    const parsed = readHostSpec(item.trim(), d);
    if (typeof parsed === "string") {
      problems.push({ input, value: item.trim(), allowed: `${parsed}; ${HOST_SPEC_ALLOWED}` });
    } else hops.push(parsed);
  }
  if (problems.length > 0) throw new InputError(problems);
  return hops;
}

/** `user@host:port`, IPv6 in brackets: how specs are shown, compared, and given to ProxyJump. */
export function formatHostSpec(spec: HostSpec): string {
  const host = spec.host.includes(":") ? `[${spec.host}]` : spec.host;
  return `${spec.user}@${host}:${spec.port}`;
}

function checkedDefaults(defaults: HostSpecDefaults): Required<HostSpecDefaults> {
  if (!SSH_USER_PATTERN.test(defaults.user)) {
    throw inputError("ssh-user", defaults.user, "allowed: a user name matching [a-z_][a-z0-9_-]{0,31}");
  }
  const port = defaults.port ?? 22;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`default port ${port} is not 1-65535`);
  return { user: defaults.user, port };
}

/** The spec, or why it is refused (a phrase that follows the value in the message). */
function readHostSpec(spec: string, defaults: Required<HostSpecDefaults>): HostSpec | string {
  if (spec === "") return "is empty";
  if (spec.startsWith("-")) return 'starts with "-", which ssh would read as an option';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(spec)) return "contains whitespace or a control character";
  const odd = /[^A-Za-z0-9_.:@[\]-]/.exec(spec);
  if (odd) return `contains ${JSON.stringify(odd[0])}, which no user, host or port has`;

  let rest = spec;
  let user = defaults.user;
  const at = spec.indexOf("@");
  if (at !== -1) {
    if (spec.indexOf("@", at + 1) !== -1) return 'has more than one "@"';
    user = spec.slice(0, at);
    rest = spec.slice(at + 1);
    if (user === "") return 'has no user before "@"';
    if (!SSH_USER_PATTERN.test(user)) return `user ${JSON.stringify(user)} is not a user name`;
  }

  let host: string;
  let port: string | undefined;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close === -1) return 'has "[" without a closing "]"';
    host = rest.slice(1, close).toLowerCase();
    const after = rest.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) return `has ${JSON.stringify(after)} after "]"`;
    if (after !== "") port = after.slice(1);
    if (!isIPv6(host)) return `${JSON.stringify(host)} in brackets is not an IPv6 address`;
  } else {
    if (rest.includes("]")) return 'has "]" without an opening "["';
    const parts = rest.split(":");
    if (parts.length > 2) return 'has more than one ":" (an IPv6 address goes in brackets: [2001:db8::1]:22)';
    host = (parts[0] ?? "").toLowerCase();
    port = parts[1];
    if (host === "") return "has no host";
    if (isIPv4(host)) {
      // An IPv4 address as it is.
    } else if (/^[0-9.]+$/.test(host)) {
      return `${JSON.stringify(host)} is not an IPv4 address`;
    } else {
      const why = dnsNameProblem(host);
      if (why) return why;
    }
  }

  if (port === undefined) return { user, host, port: defaults.port };
  if (port === "") return 'has no port after ":"';
  const n = Number(port);
  if (!PORT.test(port) || n > 65535) return `port ${JSON.stringify(port)} is not 1-65535`;
  return { user, host, port: n };
}

function dnsNameProblem(host: string): string | undefined {
  if (host.length > 253) return "host name is longer than 253 characters";
  const labels = host.split(".");
  for (const label of labels) {
    if (!DNS_LABEL.test(label)) {
      return label === ""
        ? `host ${JSON.stringify(host)} has an empty label`
        : `host ${JSON.stringify(host)}: ${JSON.stringify(label)} is not a DNS label (letters, digits, inner "-")`;
    }
  }
  // A last label of digits only is how resolvers tell addresses from names (1.2.3 is an address to inet_aton).
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? ""))
    return `host ${JSON.stringify(host)} is neither a name nor an address`;
  return undefined;
}
