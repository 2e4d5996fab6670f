import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { actionlint, asLocal, lintProject } from "./support/actionlint.js";
import { needTools, pinnedTool } from "./support/tools.js";

needTools("actionlint");

/**
 * Every workflow the README shows passes actionlint, with goship's own actions and reusable
 * workflows checked against this commit's metadata: `goship/goship/actions/<name>@v1` is
 * linted as `./actions/<name>`, so an input or output the README uses must exist in
 * actions/<name>/action.yml (and the same for `.github/workflows/<file>@v1`).
 */

const ROOT = resolve(import.meta.dirname, "..");

interface ReadmeWorkflow {
  /** Its line in README.md. */
  line: number;
  name: string;
  text: string;
}

/**
 * The ```yaml blocks of a Markdown text that are workflows (a `jobs:` map at the top; a block
 * that shows only `jobs:` gets an `on:`). Step lists, single jobs and other files are fragments,
 * not workflows.
 */
function readmeWorkflows(markdown: string): ReadmeWorkflow[] {
  const found: ReadmeWorkflow[] = [];
  for (const m of markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)) {
    const body = m[1] as string;
    let doc: unknown;
    try {
      doc = parseYaml(body);
    } catch {
      continue; // not YAML on its own: a fragment
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !("jobs" in doc)) continue;
    const line = markdown.slice(0, m.index).split("\n").length;
    const text = "on" in doc ? body : `on: workflow_dispatch\n${body}`;
    found.push({ line, name: "name" in doc ? String(doc.name) : "(unnamed)", text });
  }
  return found;
}

const workflows = readmeWorkflows(readFileSync(join(ROOT, "README.md"), "utf8"));

describe("the README's workflow examples", () => {
  it("are found (a README change that hides them from this test fails it)", () => {
    expect(workflows.length).toBeGreaterThanOrEqual(5);
  });

  it.each(
    workflows.map((w) => [`${w.name} (README.md:${w.line})`, w] as const),
  )("%s is clean under actionlint", (_, w) => {
    const r = actionlint(lintProject(), `readme-${w.line}.yml`, asLocal(w.text));
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("and goship's own workflows are clean under actionlint too", () => {
    const r = spawnSync(pinnedTool("actionlint"), ["-no-color"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("fails on an input goship's action does not have (the check reads action.yml)", () => {
    const text = [
      "on: push",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: goship/goship/actions/build-static@v1",
      "        with:",
      "          target: linux/amd64",
      "",
    ].join("\n");
    const r = actionlint(lintProject(), "bad.yml", asLocal(text));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /input "target" is not defined in action "goship build-static" defined at "\.\/actions\/build-static"/,
    );
  });

  it("fails on an input goship's reusable workflow does not have", () => {
    const text = [
      "on: push",
      "jobs:",
      "  release:",
      "    uses: goship/goship/.github/workflows/go-release.yml@v1",
      "    with:",
      "      target: linux/amd64",
      "",
    ].join("\n");
    const r = actionlint(lintProject(), "bad.yml", asLocal(text));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /input "target" is not defined in "\.\/\.github\/workflows\/go-release\.yml" reusable workflow/,
    );
  });

  it("finds workflows, not fragments, in Markdown", () => {
    const md = [
      "```yaml",
      "name: a",
      "on: push",
      "jobs: {}",
      "```",
      "```yaml",
      "jobs:",
      "  b: {}",
      "```",
      "```yaml",
      "- uses: x/y@v1",
      "```",
      "```yaml",
      "  deploy:",
      "    needs: release",
      "```",
      "```yml",
      "hosts: [a]",
      "```",
      "```sh",
      "jobs: 1",
      "```",
    ].join("\n");
    expect(readmeWorkflows(md)).toEqual([
      { line: 1, name: "a", text: "name: a\non: push\njobs: {}\n" },
      { line: 6, name: "(unnamed)", text: "on: workflow_dispatch\njobs:\n  b: {}\n" },
    ]);
  });
});
