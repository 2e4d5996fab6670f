import type { ActionDefinition } from "../kit/action.js";
import { buildStatic } from "./build-static/main.js";
import { canaryGate } from "./canary-gate/main.js";
import { deploySystemd } from "./deploy-systemd/main.js";
import { packageRelease } from "./package-release/main.js";
import { setupGoCross } from "./setup-go-cross/main.js";

/** Every action local mode can run, by the name used in `uses: …/actions/<name>`. */
export const ACTIONS: Readonly<Record<string, ActionDefinition>> = {
  "setup-go-cross": setupGoCross as unknown as ActionDefinition,
  "build-static": buildStatic as unknown as ActionDefinition,
  "package-release": packageRelease as unknown as ActionDefinition,
  "deploy-systemd": deploySystemd as unknown as ActionDefinition,
  "canary-gate": canaryGate as unknown as ActionDefinition,
};
