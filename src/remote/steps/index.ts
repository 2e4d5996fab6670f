import { writeEnvStep, writeUnitStep } from "./config.js";
import { lockStep, unlockStep } from "./lock.js";
import { writeUpstreamStep } from "./nginx.js";
import { cleanupStep, recordHistoryStep, stageReleaseStep, switchStep } from "./release.js";
import { statusStep } from "./status.js";
import { analyzeUnitStep, serviceStep, unitStateStep } from "./systemd.js";

/**
 * Every remote step deploy-systemd runs on a host, one family per file (script.ts holds what
 * they share). Import a step from here or from its family's file.
 */

export * from "./config.js";
export * from "./lock.js";
export * from "./nginx.js";
export * from "./release.js";
export * from "./script.js";
export * from "./status.js";
export * from "./systemd.js";

/** The one list of every step: whatever runs on a host is in it (tests iterate over it). */
export const REMOTE_STEPS = [
  lockStep,
  unlockStep,
  stageReleaseStep,
  writeEnvStep,
  writeUnitStep,
  switchStep,
  recordHistoryStep,
  cleanupStep,
  statusStep,
  analyzeUnitStep,
  serviceStep,
  unitStateStep,
  writeUpstreamStep,
] as const;
