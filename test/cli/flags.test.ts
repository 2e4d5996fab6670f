import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { loadAction, loadAllActions } from "../../src/actions/registry.js";
import { describeAction, parseFlags } from "../../src/cli/flags.js";
import { UsageError } from "../../src/kit/errors.js";
import { inputInfo } from "../../src/kit/inputs.js";

const build = await loadAction("build-static");
const deploy = await loadAction("deploy-systemd");
const release = await loadAction("package-release");
const noFiles = (flag: string) => {
  throw new Error(`read ${flag}`);
};
const parse = (def: typeof build, ...argv: string[]) => parseFlags(def, argv, noFiles);

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("accepted");
}

describe("parseFlags: boolean inputs are flags", () => {
  it.each([
    [["--allow-dirty"], "true"],
    [["--allow-dirty", "true"], "true"],
    [["--allow-dirty", "false"], "false"],
    [["--allow-dirty", "FALSE"], "FALSE"],
    [["--allow-dirty=false"], "false"],
    [["--no-allow-dirty"], "false"],
    [["--allow-dirty=maybe"], "maybe"], // the schema refuses it, naming the input and the value
  ])("%j gives allow-dirty %j", (argv, value) => {
    expect(parse(build, ...argv).values.get("allow-dirty")).toBe(value);
  });

  it("a flag alone takes nothing from the next flag", () => {
    const { values } = parse(build, "--allow-dirty", "--targets", "linux/amd64", "--upload");
    expect(Object.fromEntries(values)).toEqual({
      "allow-dirty": "true",
      targets: "linux/amd64",
      upload: "true",
    });
  });

  it("a word after a flag that is neither true nor false is an unexpected argument", () => {
    expect(usageError(() => parse(build, "--allow-dirty", "yes"))).toBe(
      'unexpected argument "yes" for build-static; inputs are given as --<input> <value>',
    );
  });
});

describe("parseFlags: other inputs", () => {
  it("take the next argument whatever it starts with (a PEM), or =value; a repeated flag adds a line", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n";
    const r = parse(release, "--signing-key", pem, "--files=LICENSE", "--files", "NOTICE");
    expect(r.values.get("signing-key")).toBe(pem);
    expect(r.values.get("files")).toBe("LICENSE\nNOTICE");
    expect(r.warnings).toEqual([
      "--signing-key puts a secret on the command line, where every local user can read it (ps, /proc/<pid>/cmdline); use --signing-key-file PATH, or --signing-key-file - to read it from standard input",
    ]);
  });

  it("a flag without its value is refused", () => {
    expect(usageError(() => parse(build, "--targets"))).toBe("--targets needs a value");
  });

  it("a misspelt flag is refused with the input it most likely meant", () => {
    expect(usageError(() => parse(deploy, "--hots", "web1"))).toMatch(
      /^deploy-systemd has no input "hots"; its inputs: hosts, .*\ndid you mean --hosts\?$/,
    );
    expect(usageError(() => parse(build, "--alow-dirty"))).toMatch(/\ndid you mean --allow-dirty\?$/);
    expect(usageError(() => parse(build, "--zzz", "1"))).not.toContain("did you mean");
  });

  it("--json and --help (-h) are the CLI's own", () => {
    expect(parse(build, "--json").json).toBe(true);
    expect(parse(build, "--json", "--targets", "linux/amd64").values.get("targets")).toBe("linux/amd64");
    expect(parse(build).json).toBe(false);
    expect(parse(build, "-h").help).toBe(true);
    expect(parse(build, "--help").help).toBe(true);
  });

  it("an old input name still works, with a warning that names the new one", () => {
    const r = parse(deploy, "--environment-name", "production");
    expect(r.values.get("environment-name")).toBe("production");
    expect(r.warnings).toEqual([
      "--environment-name is now --github-environment; the old name still works, for now",
    ]);
  });
});

describe("describeAction (goship <action> --help)", async () => {
  const actions = Object.values(await loadAllActions());
  it.each(
    actions.map((def) => [def.name, def] as const),
  )("%s: each input with its description, and whether required, its default, what is allowed, from the schema", (_, def) => {
    const help = describeAction(def, 400);
    // The block of one input: its line and the indented lines under it (400 columns: unwrapped).
    const blocks = new Map(help.split(/\n(?= {2}--)/).map((b) => [/^\s*--([a-z0-9-]+)/.exec(b)?.[1], b]));
    for (const [name, field] of Object.entries(def.inputs.shape)) {
      const info = inputInfo(field as z.ZodType);
      const block = blocks.get(name) ?? "";
      expect(block, name).toContain(info.description);
      const facts = block.split("\n").map((l) => l.trim());
      expect(facts.includes("required"), name).toBe(info.required);
      if (info.default !== undefined) expect(facts, name).toContain(`default: ${info.default}`);
      if (info.runnerDefault !== undefined)
        expect(facts, name).toContain(`default on a runner: ${info.runnerDefault}`);
      if (info.allowed !== undefined) expect(facts, name).toContain(`allowed: ${info.allowed}`);
      if (info.deprecatedFor !== undefined)
        expect(facts, name).toContain(`deprecated: use --${info.deprecatedFor}`);
    }
    for (const output of Object.keys(def.outputs)) expect(help).toMatch(new RegExp(`^ {2}${output} `, "m"));
  });

  it("shows a boolean as a flag", () => {
    expect(describeAction(build)).toMatch(/^ {2}--allow-dirty\[=true\|false\] /m);
  });
});
