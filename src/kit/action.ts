import { constants } from "node:os";
import type { z } from "zod";
import { errorMessage, UserError } from "./errors.js";
import { forgetSecretInputs, parseInputs } from "./inputs.js";
import { isLocalMode } from "./log.js";
import { progress } from "./progress.js";
import { ensureRunnerDirs } from "./runner-env.js";
import { failureSummary, summaryWrites } from "./summary.js";
import * as workflow from "./workflow.js";

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
  /**
   * Outputs a failed step still sets, whatever failed (an input, the work, a bug), for those
   * run() did not set itself: a workflow can branch on them in every case. `message` is what
   * the step fails with.
   */
  failureOutputs?(message: string): Readonly<Record<string, string | number | boolean>>;
}

export function defineAction<S extends z.ZodObject>(def: ActionDefinition<S>): ActionDefinition<S> {
  return def;
}

/** The signals that stop a run: a cancelled workflow (SIGINT, then SIGTERM), Ctrl-C, a closed terminal. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * While an action runs, a stop signal ends the process the way process.exit does, not the way
 * the signal's default does: Node then runs the process's "exit" handlers (the SSH client's ends
 * its masters and removes its key and config), and the status is the signal's, 128 + its number.
 * Returns what puts the signals' defaults back.
 */
function exitOnStopSignals(name: string): () => void {
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      failStep(`${name}: stopped by ${signal}`);
      process.exit(128 + constants.signals[signal]);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => {
    for (const off of handlers) off();
  };
}

/**
 * The one wrapper every action runs in. A UserError fails the step with its message;
 * anything else is a bug and also prints its stack. A stop signal ends it with the signal's
 * status once the exit handlers ran (exitOnStopSignals).
 */
export async function runAction<S extends z.ZodObject>(def: ActionDefinition<S>): Promise<void> {
  const isPost = workflow.getState("isPost") === "true";
  const restoreSignals = exitOnStopSignals(def.name);
  // A long step never leaves its log silent for a minute (kit/progress).
  const stopHeartbeat = progress.beat();
  const summariesBefore = summaryWrites();
  try {
    if (isPost) {
      await def.post?.();
      return;
    }
    if (def.post) workflow.saveState("isPost", "true");
    let inputs: z.output<S>;
    try {
      inputs = parseInputs(def.inputs);
    } finally {
      forgetSecretInputs(def.inputs);
    }
    ensureRunnerDirs();
    await def.run(inputs);
  } catch (e) {
    const message =
      e instanceof UserError
        ? e.message
        : `internal error (a bug in goship, please report it): ${errorMessage(e)}`;
    if (!isPost && def.failureOutputs) {
      const already = outputsSet.get(def);
      const fallback = Object.entries(def.failureOutputs(message)).filter(([name]) => !already?.has(name));
      setOutputs(def, Object.fromEntries(fallback));
    }
    failStep(`${def.name}: ${message}`);
    if (!(e instanceof UserError)) workflow.info((e instanceof Error && e.stack) || "");
    // A failed step has a summary too, status first; run() may have written a fuller one.
    if (summaryWrites() === summariesBefore) {
      await failureSummary(isPost ? `${def.name} (post)` : def.name, message)
        .write()
        .catch((w) => workflow.warning(`could not write the job summary: ${errorMessage(w)}`));
    }
  } finally {
    stopHeartbeat();
    restoreSignals();
  }
}

/**
 * Fails the step: under a runner with an ::error:: workflow command (an annotation), in a
 * terminal (local mode) as plain text, its lines as lines rather than %0A.
 */
function failStep(message: string): void {
  if (!isLocalMode()) workflow.setFailed(message);
  else {
    process.exitCode = 1;
    process.stdout.write(`error: ${message}\n`);
  }
}

/** The outputs each action has set in this process, so that failureOutputs fills only the others. */
const outputsSet = new WeakMap<ActionDefinition, Set<string>>();

/** Sets outputs, refusing names the action does not declare (a bug, not a user error). */
export function setOutputs(
  def: ActionDefinition,
  values: Readonly<Record<string, string | number | boolean>>,
): void {
  for (const [name, value] of Object.entries(values)) {
    if (!(name in def.outputs)) throw new Error(`${def.name} has no output named ${name}`);
    workflow.setOutput(name, String(value));
    const set = outputsSet.get(def) ?? new Set<string>();
    set.add(name);
    outputsSet.set(def, set);
  }
}
