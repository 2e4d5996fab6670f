import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { actionlint, asLocal, lintProject } from "./support/actionlint.js";
import { needTools } from "./support/tools.js";

needTools("actionlint");

/** The reusable release workflow other repositories call: its interface, its permissions, and how it names goship's actions. */

const FILE = ".github/workflows/go-release.yml";
const text = readFileSync(FILE, "utf8");
const workflow = parseYaml(text);
const actions = readdirSync("actions");

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

describe(FILE, () => {
  it("is clean under actionlint, with every input and output checked against this commit's action.yml", () => {
    const r = actionlint(lintProject(), "go-release.yml", asLocal(text));
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("is called, with scalar inputs, two secrets and three outputs", () => {
    const call = workflow.on.workflow_call;
    expect(Object.keys(workflow.on)).toEqual(["workflow_call"]);
    expect(Object.keys(call.inputs)).toEqual([
      "working-directory",
      "targets",
      "go-version-file",
      "package",
      "project-name",
      "build-tags",
      "archive-format",
      "publish",
      "keyless",
      "go-cache",
    ]);
    for (const [name, input] of Object.entries(
      call.inputs as Record<string, { type: string; default: unknown }>,
    )) {
      expect(["string", "boolean"], name).toContain(input.type);
      expect(input.default, name).not.toBeUndefined(); // every input optional
    }
    expect(call.secrets).toEqual({
      "signing-key": expect.objectContaining({ required: false }),
      "signing-key-password": expect.objectContaining({ required: false }),
    });
    expect(Object.keys(call.outputs)).toEqual(["version", "tag", "release-url"]);
  });

  it("plans, builds one job per target, then releases", () => {
    expect(Object.keys(workflow.jobs)).toEqual(["plan", "build", "release"]);
    expect(workflow.jobs.build.needs).toBe("plan");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
    expect(workflow.jobs.build.strategy.matrix).toBe("${{ fromJSON(needs.plan.outputs.matrix) }}");
    expect(workflow.jobs.release.needs).toBe("build");
    const steps = (job: string) => workflow.jobs[job].steps as Step[];
    const uses = (job: string) => steps(job).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses("plan")).toEqual(["actions/checkout@v5", "$/actions/setup-go-cross"]);
    expect(uses("build")).toEqual([
      "actions/checkout@v5",
      "$/actions/setup-go-cross",
      "$/actions/build-static",
    ]);
    expect(uses("release")).toEqual(["actions/checkout@v5", "$/actions/package-release"]);
    // Each build job sets up only its own target (its own cache key) and builds it.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
    const ownTarget = "${{ matrix.target }}";
    for (const s of steps("build").filter((s) => s.uses?.startsWith("$/")))
      expect(s.with?.targets).toBe(ownTarget);
    // What build-static uploads is what package-release gathers.
    const build = steps("build").find((s) => s.uses === "$/actions/build-static");
    const release = steps("release").find((s) => s.uses === "$/actions/package-release");
    expect(`${build?.with?.["artifact-prefix"]}-*`).toBe(release?.with?.artifacts);
  });

  it("runs the actions of its own commit: every goship action is a $/ reference to one that exists", () => {
    const refs = [...text.matchAll(/^\s*(?:- )?uses: (\S+)/gm)].map((m) => m[1] as string);
    for (const ref of refs.filter((r) => !r.startsWith("actions/"))) {
      expect(ref).toMatch(/^\$\/actions\/[a-z-]+$/);
      expect(actions).toContain(ref.slice("$/actions/".length));
    }
    // Neither a floating tag of goship nor the caller's checkout.
    expect(text).not.toMatch(/uses: goship\/goship\/actions\//);
    expect(text).not.toMatch(/uses: \.\/actions\//);
  });

  it("asks for least privilege: plan and build read; release takes only what the caller grants", () => {
    expect(workflow.permissions).toBeUndefined();
    expect(workflow.jobs.plan.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.build.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.release.permissions).toBeUndefined();
    for (const job of Object.values(workflow.jobs) as {
      steps: (Step & { with?: { "persist-credentials"?: boolean } })[];
    }[]) {
      const checkout = job.steps.find((s) => s.uses === "actions/checkout@v5");
      expect(checkout?.with?.["persist-credentials"]).toBe(false);
    }
  });
});
