import type { z } from "zod";
import { KNOWN_PLATFORMS } from "../contract/platforms-known.js";
import { parseTargetSpec } from "../contract/targets.js";
import { errorMessage } from "../kit/errors.js";
import { text } from "../kit/inputs.js";

/**
 * Input fields more than one action takes, defined once so they validate and read the
 * same everywhere.
 */

/** Runs a check that throws an InputError and turns it into a zod issue on that input. */
export function checkedBy(check: (value: string) => void) {
  return (value: string, ctx: z.RefinementCtx) => {
    try {
      check(value);
    } catch (e) {
      // The issue is reported on the input already: keep only what is allowed.
      const message = errorMessage(e).replace(/^input "[^"]+" has value "[^"]*": /, "");
      ctx.addIssue({ code: "custom", message });
    }
  };
}

/**
 * A target spec, checked against every platform Go knows before anything runs; the
 * installed Go's own `go tool dist list` is checked again once it is known.
 */
export function targetSpec() {
  return text(
    /^[a-z0-9*/.,\s-]+$/,
    "comma- or space-separated GOOS/GOARCH[/variant] (e.g. linux/amd64, linux/arm/7), GOOS/*, first-class, or all",
  ).superRefine(checkedBy((v) => parseTargetSpec(v, KNOWN_PLATFORMS)));
}
