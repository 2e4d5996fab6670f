import type { ActionDefinition } from "../kit/action.js";

/**
 * Every action local mode can run, by the name used in `uses: …/actions/<name>`. Each is
 * loaded when asked for, so that `goship <action>` evaluates that action's code only.
 */
const LOADERS = {
  "setup-go-cross": async () => (await import("./setup-go-cross/main.js")).setupGoCross,
  "build-static": async () => (await import("./build-static/main.js")).buildStatic,
  "package-release": async () => (await import("./package-release/main.js")).packageRelease,
  "deploy-systemd": async () => (await import("./deploy-systemd/main.js")).deploySystemd,
  "canary-gate": async () => (await import("./canary-gate/main.js")).canaryGate,
} as const;

export type ActionName = keyof typeof LOADERS;

export const ACTION_NAMES = Object.keys(LOADERS) as readonly ActionName[];

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(LOADERS, name);
}

export async function loadAction(name: ActionName): Promise<ActionDefinition> {
  return (await LOADERS[name]()) as unknown as ActionDefinition;
}

/** Every action's definition, for what looks at all of them (the metadata checks). */
export async function loadAllActions(): Promise<Readonly<Record<string, ActionDefinition>>> {
  return Object.fromEntries(await Promise.all(ACTION_NAMES.map(async (n) => [n, await loadAction(n)])));
}
