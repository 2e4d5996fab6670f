import { z } from "zod";

/**
 * The app's name and the ports it listens on: the two values every host-facing module checks
 * (the deploy-systemd input, the unit file, the remote steps and their scripts' `is_app` and
 * `is_port`). One rule each, so that what the input accepts is what the host accepts.
 */

/** A name in file and archive names (binary, project, version): letters, digits and . _ + -, a letter or digit first. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
/** Names that end up in file names and URLs. */
export const SafeName = z.string().regex(SAFE_NAME, "letters, digits and . _ + - only");

/** The app names the unit, its StateDirectory, /opt/<app>, /etc/<app> and the nginx upstream. */
export const APP_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
export const APP_RULE = "a lowercase letter, then up to 31 lowercase letters, digits or -";
export const AppName = z.string().regex(APP_PATTERN, APP_RULE);

export function isAppName(value: unknown): value is string {
  return typeof value === "string" && APP_PATTERN.test(value);
}

/**
 * Below 1024 binding needs CAP_NET_BIND_SERVICE, which both hardening levels drop
 * (CapabilityBoundingSet= is empty): put nginx in front, or use a higher port.
 */
export const MIN_PORT = 1024;
