import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { loadAllActions } from "../../src/actions/registry.js";
import { inputInfo, parseInputs } from "../../src/kit/inputs.js";

const ACTIONS = await loadAllActions();

const ActionYml = z.object({
  name: z.string(),
  description: z.string(),
  inputs: z.record(
    z.string(),
    z.object({
      description: z.string(),
      required: z.boolean().optional(),
      default: z.string().optional(),
      deprecationMessage: z.string().optional(),
    }),
  ),
  outputs: z.record(z.string(), z.object({ description: z.string() })),
  runs: z.object({ using: z.string(), main: z.string(), post: z.string().optional() }),
});

const names = readdirSync("actions").sort();

describe.each(names)("actions/%s/action.yml", (name) => {
  const yml = ActionYml.parse(parse(readFileSync(join("actions", name, "action.yml"), "utf8")));
  const def = ACTIONS[name];

  it("is a registered action", () => {
    expect(def, `src/actions/registry.ts lacks ${name}`).toBeDefined();
  });

  it("runs on node24 from its dist bundle", () => {
    expect(yml.runs.using).toBe("node24");
    expect(yml.runs.main).toBe(`../../dist/${name}/index.js`);
    if (def?.post) expect(yml.runs.post).toBe(yml.runs.main);
  });

  it("declares exactly the schema's inputs and outputs", () => {
    expect(Object.keys(yml.inputs).sort()).toEqual(Object.keys(def?.inputs.shape ?? {}).sort());
    expect(Object.keys(yml.outputs).sort()).toEqual(Object.keys(def?.outputs ?? {}).sort());
  });

  it("says of each input what its schema says (the one source): description, default, required", () => {
    if (!def) return;
    const fromSchema = (input: string) => {
      const info = inputInfo(def.inputs.shape[input] as z.ZodType);
      const d = info.runnerDefault ?? info.default;
      return {
        description: info.description,
        required: info.required,
        ...(d === undefined ? {} : { default: d }),
      };
    };
    const fromYml = (input: string) => {
      const i = yml.inputs[input];
      return {
        description: i?.description,
        required: i?.required ?? false,
        ...(i?.default === undefined ? {} : { default: i.default }),
      };
    };
    const differ = Object.keys(def.inputs.shape).filter(
      (input) => JSON.stringify(fromYml(input)) !== JSON.stringify(fromSchema(input)),
    );
    expect(
      differ.map((input) => ({ input, yml: fromYml(input), schema: fromSchema(input) })),
      "action.yml differs from src/actions/<name>/schema.ts; the schema is the source",
    ).toEqual([]);
  });

  it("marks exactly the schema's old input names deprecated, naming the new one (the runner warns with it)", () => {
    if (!def) return;
    for (const [input, field] of Object.entries(def.inputs.shape)) {
      const now = inputInfo(field as z.ZodType).deprecatedFor;
      const message = yml.inputs[input]?.deprecationMessage;
      if (now === undefined) expect(message, input).toBeUndefined();
      else {
        expect(message, input).toContain(`${input} is now ${now}`);
        expect(Object.keys(def.inputs.shape), input).toContain(now);
      }
    }
  });

  it("has no expressions outside defaults (runners refuse expressions in descriptions)", () => {
    const texts = [
      yml.description,
      ...Object.values(yml.inputs).map((i) => i.description),
      ...Object.values(yml.outputs).map((o) => o.description),
    ];
    expect(texts.filter((t) => t.includes("${{"))).toEqual([]);
  });

  it("has defaults that mean what the schema's defaults mean (local mode gets no action.yml)", () => {
    if (!def) return;
    const withYmlDefaults = (input: string) => {
      const d = yml.inputs[input]?.default ?? "";
      return d.startsWith("${{") ? "" : d; // expressions only the runner can evaluate
    };
    let fromYml: unknown;
    let fromSchema: unknown;
    try {
      fromYml = parseInputs(def.inputs, withYmlDefaults);
      fromSchema = parseInputs(def.inputs, () => "");
    } catch (e) {
      // Required inputs fail both ways alike.
      expect(() => parseInputs(def.inputs, () => "")).toThrow((e as Error).message);
      return;
    }
    expect(fromYml).toEqual(fromSchema);
  });
});

describe("GOSHIP_VERSION", () => {
  it("is package.json's version (SBOMs and provenance name the tool by it)", async () => {
    const { GOSHIP_VERSION } = await import("../../src/kit/version.js");
    expect(GOSHIP_VERSION).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
  });
});
