import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { AppName, SafeName } from "./names.js";

/**
 * deploy-systemd's `canary-targets` output: per blue-green host, the slot that now runs the
 * new version and the slot that still runs the old one, each by address and version, so that
 * a canary judge can compare the two side by side. deploy-systemd builds the output through
 * this schema and canary-gate reads its `targets` input with it: the two cannot drift.
 *
 * `[]` with the restart strategy, and in modes that leave no two slots to compare (status,
 * promote, rollback).
 */

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A host as deploy-systemd connects to it: a lowercase DNS name, an IPv4 address, or an IPv6 address. */
function isHostName(host: string): boolean {
  if (isIPv4(host) || isIPv6(host)) return true;
  const labels = host.split(".");
  // A last label of digits only is an address to a resolver (1.2.3), not a name.
  return (
    host.length <= 253 && labels.every((l) => DNS_LABEL.test(l)) && !/^[0-9]+$/.test(labels.at(-1) ?? "")
  );
}

/** "8081" → 8081; undefined unless a port number 1-65535 written plainly. */
function portNumber(text: string): number | undefined {
  const n = Number(text);
  return /^[1-9][0-9]{0,4}$/.test(text) && n <= 65535 ? n : undefined;
}

/**
 * `host:port` split at the last colon, so that an IPv6 address is read whole: deploy-systemd
 * writes the host as the `hosts` input names it, and an IPv6 address without its brackets
 * (`2001:db8::1:8081`).
 */
function splitSlotAddress(address: string): { host: string; port: number } | undefined {
  const colon = address.lastIndexOf(":");
  const host = address.slice(0, colon);
  const port = portNumber(address.slice(colon + 1));
  return colon > 0 && port !== undefined && isHostName(host) ? { host, port } : undefined;
}

/** `user@host:port` as deploy-systemd names a host (its `hosts` output too): IPv6 in brackets. */
function splitHostLabel(label: string): { user: string; host: string; port: number } | undefined {
  const m = /^([a-z_][a-z0-9_-]{0,31})@(?:\[([0-9a-f:.]+)\]|([^:[\]]+)):([0-9]+)$/.exec(label);
  if (!m) return undefined;
  const [, user = "", v6, name] = m;
  const host = v6 ?? name ?? "";
  const port = portNumber(m[4] ?? "");
  if (port === undefined || !(v6 !== undefined ? isIPv6(v6) : isHostName(host))) return undefined;
  return { user, host, port };
}

export const SlotAddress = z
  .string()
  .refine(
    (a) => splitSlotAddress(a) !== undefined,
    "host:port, with host a DNS name or an IP address and port 1-65535",
  );

export const CanarySlot = z.strictObject({
  /** Where the slot answers directly, past nginx: `host:port`. */
  address: SlotAddress,
  /** The release the slot runs. */
  version: SafeName,
});

export const CanaryTarget = z
  .strictObject({
    /** The service deploy-systemd deployed (its `app` input). */
    app: AppName,
    /** The share of the host's traffic nginx sends to the new slot, in percent. */
    weight: z.number().int().min(0).max(100),
    /** The deploy host, `user@host:port` (the SSH port), as in the `hosts` output. */
    host: z
      .string()
      .refine(
        (h) => splitHostLabel(h) !== undefined,
        "user@host:port, with host a DNS name, an IPv4 address or an IPv6 address in brackets",
      ),
    /** The slot that now runs the version deployed (or shifted to). */
    new: CanarySlot,
    /**
     * The slot that runs the version before it; null on a host's first blue-green deploy. Its
     * version is empty when a shift finds no release linked to that slot.
     */
    old: CanarySlot.extend({ version: z.union([SafeName, z.literal("")]) }).nullable(),
  })
  .superRefine((t, ctx) => {
    const host = splitHostLabel(t.host)?.host;
    for (const key of ["new", "old"] as const) {
      const slot = t[key];
      if (!slot || host === undefined) continue;
      const on = splitSlotAddress(slot.address)?.host;
      if (on !== undefined && on !== host)
        ctx.addIssue({ code: "custom", path: [key, "address"], message: `not on the host ${host}` });
    }
    if (t.old && t.old.address === t.new.address)
      ctx.addIssue({ code: "custom", path: ["old", "address"], message: "the same slot as new" });
  });
export type CanaryTargetT = z.infer<typeof CanaryTarget>;

/** The whole output: one entry per host whose two slots can be compared, in the order of the hosts. */
export const CanaryTargets = z.array(CanaryTarget);
export type CanaryTargetsT = z.infer<typeof CanaryTargets>;
