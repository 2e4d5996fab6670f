import { APP_RULE, isAppName, MIN_PORT } from "../contract/names.js";
import { UserError } from "../kit/errors.js";
import { hostPaths } from "./layout.js";

/**
 * The systemd unit deploy-systemd installs for a Go web service. Rendered, never hand-written:
 * every value is checked here, so nothing a user typed can add a line or a setting to the unit.
 *
 * Where its paths point on the host: layout.ts.
 */

export type Strategy = "restart" | "blue-green";
export type Hardening = "strict" | "standard";

export interface UnitSpec {
  /** `[a-z][a-z0-9-]{0,31}`: the unit name, the StateDirectory and the /opt and /etc directories. */
  app: string;
  /** File name of the binary inside a release directory (no slash). */
  binaryName: string;
  /** Free text for Description=; defaults to "<app> (deployed by goship)". */
  description?: string;
  /** restart: one `<app>.service` on `port`; blue-green: template `<app>@.service`, instance = port. */
  strategy: Strategy;
  /** The listen port for the restart strategy (passed as PORT); not allowed for blue-green. */
  port?: number;
  /** Arguments after the binary, passed literally (quoted and escaped for systemd). */
  args: readonly string[];
  hardening: Hardening;
  /**
   * Absolute path of the environment file. Default: /etc/<app>/<app>.env for restart, and for
   * blue-green /etc/<app>/<app>@%i.env, so each slot runs with the environment it was deployed with.
   */
  environmentFile?: string;
  /**
   * Where ExecStart finds the binary instead of `current` (or `slots/%i`): a release directory.
   * Only for the copy of the unit that `systemd-analyze` checks before the switch.
   */
  execDirectory?: string;
  /** TimeoutStopSec=: SIGTERM, then SIGKILL after this many seconds. */
  stopTimeoutSec: number;
  /** RestartSec=; default 2. */
  restartSec?: number;
  /** StartLimitIntervalSec= / StartLimitBurst= in [Unit]: more than `burst` starts within `intervalSec` → failed. */
  startLimit: { intervalSec: number; burst: number };
}

/** A value that cannot go into a unit file. `field` names the UnitSpec field (e.g. "args[2]"). */
export class UnitValueError extends UserError {
  override name = "UnitValueError";
  constructor(
    readonly field: string,
    value: string,
    allowed: string,
  ) {
    const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    super(`unit setting "${field}" has value ${JSON.stringify(shown)}: ${allowed}`);
  }
}

const BINARY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;
/** Paths we write into the unit unquoted: no spaces, quotes, `%`, `$` or backslashes. */
const PATH_PATTERN = /^(\/[A-Za-z0-9._+-]+)+$/;
/** Unicode "Cc": C0 controls (newline, tab, NUL…), DEL and C1 controls. */
const CONTROL = /\p{Cc}/u;
/** Words that need no quoting: systemd gives them no special meaning in a command line. */
const BARE_WORD = /^[A-Za-z0-9_@+=:,./-]+$/;

export const DEFAULT_RESTART_SEC = 2;

/** `<app>.service` or the template `<app>@.service`: the file name under /etc/systemd/system. */
export function unitFileName(app: string, strategy: Strategy): string {
  checkApp(app);
  return strategy === "restart" ? `${app}.service` : `${app}@.service`;
}

/** The unit systemctl starts: `<app>.service`, or `<app>@<port>.service` for a blue-green slot. */
export function serviceName(app: string, strategy: Strategy, port?: number): string {
  checkApp(app);
  if (strategy === "restart") return `${app}.service`;
  if (port === undefined) throw new UnitValueError("port", "", "a blue-green slot is named by its port");
  checkPort("port", port);
  return `${app}@${port}.service`;
}

/**
 * Renders the unit file. Same spec → same bytes: no clock, no host facts, fixed order.
 * Throws UnitValueError naming the field for any value that cannot be written safely.
 */
export function renderUnit(spec: UnitSpec): string {
  const app = checkApp(spec.app);
  const binary = checkBinaryName(spec.binaryName);
  const paths = hostPaths(app);
  const checkPath = (field: string, path: string) => {
    if (!PATH_PATTERN.test(path) || path.split("/").some((p) => p === "." || p === "..")) {
      throw new UnitValueError(
        field,
        path,
        "an absolute path of letters, digits and . _ + - only (no . or .. components)",
      );
    }
    return path;
  };
  // The slot default holds %i, which a user-given path may not.
  const envFile =
    spec.environmentFile === undefined
      ? spec.strategy === "blue-green"
        ? paths.slotEnvironmentFile("%i")
        : paths.environmentFile
      : checkPath("environmentFile", spec.environmentFile);
  const execDirectory =
    spec.execDirectory === undefined ? undefined : checkPath("execDirectory", spec.execDirectory);
  if (spec.strategy !== "restart" && spec.strategy !== "blue-green") {
    throw new UnitValueError("strategy", String(spec.strategy), "restart or blue-green");
  }
  if (spec.hardening !== "strict" && spec.hardening !== "standard") {
    throw new UnitValueError("hardening", String(spec.hardening), "strict or standard");
  }
  const template = spec.strategy === "blue-green";
  let port: string;
  if (template) {
    if (spec.port !== undefined) {
      throw new UnitValueError(
        "port",
        String(spec.port),
        "not used with blue-green: the template unit takes its port from the instance name (<app>@<port>)",
      );
    }
    port = "%i";
  } else {
    if (spec.port === undefined) throw new UnitValueError("port", "", "the restart strategy needs a port");
    port = String(checkPort("port", spec.port));
  }
  const stopTimeout = checkInteger("stopTimeoutSec", spec.stopTimeoutSec, 1, 3600);
  const restartSec = checkInteger("restartSec", spec.restartSec ?? DEFAULT_RESTART_SEC, 0, 3600);
  const interval = checkInteger("startLimit.intervalSec", spec.startLimit.intervalSec, 1, 86_400);
  const burst = checkInteger("startLimit.burst", spec.startLimit.burst, 1, 1000);
  // `burst` starts take at least (burst-1) × RestartSec; if that does not fit in the interval the
  // limit can never trip and a crashing service restarts forever.
  if ((burst - 1) * restartSec >= interval) {
    throw new UnitValueError(
      "startLimit.intervalSec",
      String(interval),
      `must be longer than (startLimit.burst - 1) × restartSec = ${(burst - 1) * restartSec} s, or the start limit never trips`,
    );
  }
  const description = checkDescription(spec.description ?? `${app} (deployed by goship)`);
  const args = spec.args.map((a, i) => quoteExecArgument(`args[${i}]`, a));
  const exec = `${execDirectory ?? (template ? `${paths.slots}/%i` : paths.current)}/${binary}`;

  const lines = [
    `# Generated by goship (deploy-systemd). Do not edit: every deploy rewrites this file.`,
    `# strategy=${spec.strategy} hardening=${spec.hardening}`,
    "",
    "[Unit]",
    `Description=${escapeSpecifiers(description)}${template ? " (port %i)" : ""}`,
    "After=network.target",
    `StartLimitIntervalSec=${interval}`,
    `StartLimitBurst=${burst}`,
    "",
    "[Service]",
    "Type=exec",
    `ExecStart=${[exec, ...args].join(" ")}`,
    // The env file's values override Environment=: goship keeps PORT out of it.
    `Environment=PORT=${port}`,
    // No "-" prefix: goship always writes the file, so a missing one is a broken install.
    `EnvironmentFile=${envFile}`,
    // No User=: the dynamic user is named after the unit's prefix, so both slots of a template
    // share one user and one StateDirectory. A static user of that name, if any, is used instead.
    "DynamicUser=yes",
    `StateDirectory=${app}`,
    "Restart=on-failure",
    `RestartSec=${restartSec}`,
    "KillMode=mixed",
    "KillSignal=SIGTERM",
    `TimeoutStopSec=${stopTimeout}`,
    "",
    `# Hardening: ${spec.hardening}`,
    ...HARDENING[spec.hardening].map(([key, value]) => `${key}=${value}`),
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ];
  return lines.join("\n");
}

/**
 * The sandbox. `strict` scores 1.1 ("OK") with `systemd-analyze security` on systemd 252; what
 * is left is what a network service needs: the host network (PrivateNetwork 0.5), AF_INET/AF_INET6
 * (0.3) and AF_UNIX (0.1) sockets, no IP allow list (IPAddressDeny 0.2), the host root
 * (RootDirectory 0.1), read access to /dev/rtc that ProtectClock's device rule keeps (DeviceAllow 0.1).
 * test/unit.test.ts runs the sample app under it with a real systemd.
 *
 * `standard` is for apps that need more than strict allows. It drops, from strict:
 * - MemoryDenyWriteExecute: JIT engines (JS/Lua/regex JITs, wasm runtimes) and some cgo libraries
 *   map memory writable and executable; Go code alone never does.
 * - PrivateUsers: in its user namespace every user and group but root and the service's own shows
 *   as "nobody", which breaks apps that check who owns a file or who is on the other end of a
 *   Unix socket (SO_PEERCRED).
 * - ProtectProc=invisible, ProcSubset=pid: monitoring libraries read /proc/stat, /proc/meminfo,
 *   /proc/loadavg or other processes (e.g. gopsutil; client_golang's process_start_time_seconds).
 * - `~@resources` from the syscall filter: apps that set nice levels, CPU affinity, NUMA memory
 *   policy or call setrlimit(2) directly.
 * - UMask=0077 → 0027: files the service creates stay group-readable.
 * and it allows AF_NETLINK (net.Interfaces() and interface address lookups use netlink).
 * Everything else (read-only OS, no capabilities, private /tmp and /dev, kernel protections,
 * no namespaces, the @system-service filter without @privileged) stays.
 */
const HARDENING: Record<Hardening, readonly (readonly [string, string])[]> = {
  strict: [
    ["UMask", "0077"],
    ["NoNewPrivileges", "yes"],
    ["CapabilityBoundingSet", ""],
    ["AmbientCapabilities", ""],
    ["ProtectSystem", "strict"],
    ["ProtectHome", "yes"],
    ["PrivateTmp", "yes"],
    ["PrivateDevices", "yes"],
    ["DevicePolicy", "closed"],
    ["PrivateUsers", "yes"],
    ["PrivateMounts", "yes"],
    ["ProtectHostname", "yes"],
    ["ProtectClock", "yes"],
    ["ProtectKernelTunables", "yes"],
    ["ProtectKernelModules", "yes"],
    ["ProtectKernelLogs", "yes"],
    ["ProtectControlGroups", "yes"],
    ["ProtectProc", "invisible"],
    ["ProcSubset", "pid"],
    ["RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"],
    ["RestrictNamespaces", "yes"],
    ["RestrictRealtime", "yes"],
    ["RestrictSUIDSGID", "yes"],
    ["LockPersonality", "yes"],
    ["MemoryDenyWriteExecute", "yes"],
    ["RemoveIPC", "yes"],
    ["KeyringMode", "private"],
    ["SystemCallArchitectures", "native"],
    ["SystemCallFilter", "@system-service"],
    // Go raises RLIMIT_NOFILE at startup with prlimit64, which is in @default (always allowed),
    // not with setrlimit, which @resources holds.
    ["SystemCallFilter", "~@privileged @resources"],
    ["SystemCallErrorNumber", "EPERM"],
  ],
  standard: [
    ["UMask", "0027"],
    ["NoNewPrivileges", "yes"],
    ["CapabilityBoundingSet", ""],
    ["AmbientCapabilities", ""],
    ["ProtectSystem", "strict"],
    ["ProtectHome", "yes"],
    ["PrivateTmp", "yes"],
    ["PrivateDevices", "yes"],
    ["DevicePolicy", "closed"],
    ["PrivateMounts", "yes"],
    ["ProtectHostname", "yes"],
    ["ProtectClock", "yes"],
    ["ProtectKernelTunables", "yes"],
    ["ProtectKernelModules", "yes"],
    ["ProtectKernelLogs", "yes"],
    ["ProtectControlGroups", "yes"],
    ["RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX AF_NETLINK"],
    ["RestrictNamespaces", "yes"],
    ["RestrictRealtime", "yes"],
    ["RestrictSUIDSGID", "yes"],
    ["LockPersonality", "yes"],
    ["RemoveIPC", "yes"],
    ["KeyringMode", "private"],
    ["SystemCallArchitectures", "native"],
    ["SystemCallFilter", "@system-service"],
    ["SystemCallFilter", "~@privileged"],
    ["SystemCallErrorNumber", "EPERM"],
  ],
};

/**
 * One ExecStart= argument, written so systemd passes it through literally
 * (systemd.service(5) "Command lines", systemd.syntax(7) "Quoting"):
 * - words of `[A-Za-z0-9_@+=:,./-]` only are written bare: nothing in them is special;
 * - anything else is double-quoted, so whitespace, quotes and a lone `;` (the command separator)
 *   stay inside one argument; inside the quotes `\` → `\\` and `"` → `\"` (C-style unescaping);
 * - `%` → `%%` (specifiers, systemd.unit(5)) and `$` → `$$` (environment expansion), quoted or not;
 * - control characters (newline, tab, NUL, …) are refused: unit values never carry them.
 */
export function quoteExecArgument(field: string, arg: string): string {
  checkUnitText(field, arg);
  if (BARE_WORD.test(arg)) return arg;
  let out = '"';
  for (const ch of arg) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        break;
      case '"':
        out += '\\"';
        break;
      case "%":
        out += "%%";
        break;
      case "$":
        out += "$$";
        break;
      default:
        out += ch;
    }
  }
  return `${out}"`;
}

/** Doubles `%` so systemd's specifier expansion leaves the text as written. */
function escapeSpecifiers(text: string): string {
  return text.replaceAll("%", "%%");
}

function checkUnitText(field: string, value: string): string {
  if (typeof value !== "string") throw new UnitValueError(field, String(value), "must be a string");
  if (CONTROL.test(value)) {
    throw new UnitValueError(field, value, "must not contain newlines or other control characters");
  }
  if (!value.isWellFormed()) throw new UnitValueError(field, value, "must be valid Unicode text");
  return value;
}

function checkApp(app: string): string {
  if (!isAppName(app)) throw new UnitValueError("app", String(app), APP_RULE);
  return app;
}

function checkBinaryName(name: string): string {
  checkUnitText("binaryName", name);
  if (!BINARY_PATTERN.test(name)) {
    throw new UnitValueError(
      "binaryName",
      name,
      "a file name (no /) of letters, digits and . _ + -, starting with a letter or digit",
    );
  }
  return name;
}

function checkDescription(text: string): string {
  checkUnitText("description", text);
  if (text.trim() !== text || text === "") {
    throw new UnitValueError("description", text, "non-empty, without leading or trailing whitespace");
  }
  // A trailing backslash would continue the line into the next setting.
  if (text.endsWith("\\")) throw new UnitValueError("description", text, "must not end with a backslash");
  return text;
}

function checkPort(field: string, port: number): number {
  if (typeof port === "number" && Number.isInteger(port) && port > 0 && port < MIN_PORT) {
    throw new UnitValueError(
      field,
      String(port),
      `use ${MIN_PORT} to 65535: binding a lower port needs CAP_NET_BIND_SERVICE, which the unit drops (put nginx in front)`,
    );
  }
  return checkInteger(field, port, MIN_PORT, 65_535);
}

function checkInteger(field: string, value: number, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new UnitValueError(field, String(value), `a whole number from ${min} to ${max}`);
  }
  return value;
}
