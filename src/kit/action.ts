import * as core from "@actions/core";
import type { z } from "zod";
import { errorMessage, UserError } from "./errors.js";
import { forgetSecretInputs, parseInputs } from "./inputs.js";
import { ensureRunnerDirs } from "./runner-env.js";

/**
 * What an action is, in one value: the local-mode CLI and the runner entry point both
 * run it through runAction, so there is one code path.
 */
export interface ActionDefinition<S extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  /** Keys are the input names of action.yml; "" means unset. */
  inputs: S;
  /** Output names with their descriptions; setOutputs refuses any other name. */
  outputs: Readonly<Record<string, string>>;
  run(inputs: z.output<S>): Promise<void>;
  /** The action.yml `post:` step, e.g. saving caches. */
  post?(): Promise<void>;
}

export function defineAction<S extends z.ZodObject>(def: ActionDefinition<S>): ActionDefinition<S> {
  return def;
}

/**
 * The one wrapper every action runs in. A UserError fails the step with its message;
 * anything else is a bug and also prints its stack.
 */
export async function runAction<S extends z.ZodObject>(def: ActionDefinition<S>): Promise<void> {
  const isPost = core.getState("isPost") === "true";
  try {
    if (isPost) {
      await def.post?.();
      return;
    }
    if (def.post) core.saveState("isPost", "true");
    let inputs: z.output<S>;
    try {
      inputs = parseInputs(def.inputs);
    } finally {
      forgetSecretInputs(def.inputs);
    }
    ensureRunnerDirs();
    await def.run(inputs);
  } catch (e) {
    if (e instanceof UserError) {
      core.setFailed(`${def.name}: ${e.message}`);
    } else {
      core.setFailed(`${def.name}: internal error (a bug in goship, please report it): ${errorMessage(e)}`);
      core.info((e instanceof Error && e.stack) || "");
    }
  }
}

/** Sets outputs, refusing names the action does not declare (a bug, not a user error). */
export function setOutputs(
  def: ActionDefinition,
  values: Readonly<Record<string, string | number | boolean>>,
): void {
  for (const [name, value] of Object.entries(values)) {
    if (!(name in def.outputs)) throw new Error(`${def.name} has no output named ${name}`);
    core.setOutput(name, String(value));
  }
}
