import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as workflow from "../../src/kit/workflow.js";

/**
 * kit/workflow writes what @actions/core writes: each call is made through both, and the
 * stdout lines and command files compared (the heredoc delimiters are random, so they are
 * replaced by one word before the comparison).
 */

let dir: string;
let saved: NodeJS.ProcessEnv;
let savedExitCode: typeof process.exitCode;

beforeEach(() => {
  saved = { ...process.env };
  savedExitCode = process.exitCode;
  dir = mkdtempSync(join(tmpdir(), "goship-workflow-test-"));
});

afterEach(() => {
  process.env = saved;
  process.exitCode = savedExitCode;
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const FILES = ["OUTPUT", "ENV", "PATH", "STATE"] as const;

/** What `call` printed and appended to fresh command files (none when `files` is false). */
function capture(call: () => void, files: boolean) {
  const sub = mkdtempSync(join(dir, "run-"));
  for (const f of FILES) {
    if (files) {
      process.env[`GITHUB_${f}`] = join(sub, f);
      writeFileSync(join(sub, f), "");
    } else delete process.env[`GITHUB_${f}`];
  }
  const path = process.env.PATH;
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    call();
  } finally {
    spy.mockRestore();
  }
  const written = files ? FILES.map((f) => readFileSync(join(sub, f), "utf8")) : [];
  const result = {
    out,
    files: written.map((t) => t.replace(/ghadelimiter_[0-9a-f-]+/g, "DELIM")),
    path: process.env.PATH,
    exitCode: process.exitCode,
  };
  process.env.PATH = path;
  process.exitCode = savedExitCode;
  return result;
}

const awkward = "50% done:\r\nline two, with a comma :: and colons";

const cases: Array<[string, () => void, () => void]> = [
  ["info", () => core.info(awkward), () => workflow.info(awkward)],
  ["debug", () => core.debug(awkward), () => workflow.debug(awkward)],
  ["warning", () => core.warning(awkward), () => workflow.warning(awkward)],
  ["notice", () => core.notice(awkward), () => workflow.notice(awkward)],
  [
    "error at a place",
    () => core.error(awkward, { title: "a: b, c", file: "cmd/main.go", startLine: 12, startColumn: 3 }),
    () => workflow.error(awkward, { title: "a: b, c", file: "cmd/main.go", startLine: 12, startColumn: 3 }),
  ],
  ["setSecret", () => core.setSecret("s3cr%t"), () => workflow.setSecret("s3cr%t")],
  ["setFailed", () => core.setFailed(awkward), () => workflow.setFailed(awkward)],
  ["setOutput", () => core.setOutput("list", awkward), () => workflow.setOutput("list", awkward)],
  [
    "exportVariable",
    () => core.exportVariable("GOSHIP_T", awkward),
    () => workflow.exportVariable("GOSHIP_T", awkward),
  ],
  ["addPath", () => core.addPath("/opt/go/bin"), () => workflow.addPath("/opt/go/bin")],
  ["saveState", () => core.saveState("cache", '{"a":1}'), () => workflow.saveState("cache", '{"a":1}')],
];

describe("kit/workflow writes what @actions/core writes", () => {
  for (const files of [true, false]) {
    it.each(cases)(`%s (${files ? "with" : "without"} command files)`, (_name, theirs, ours) => {
      const expected = capture(theirs, files);
      const got = capture(ours, files);
      expect(got).toEqual(expected);
    });
  }

  it("group: a group line, the work, an endgroup line", async () => {
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const r = await workflow.group("Build 2 target(s)", async () => {
      workflow.info("inside");
      return 7;
    });
    expect(r).toBe(7);
    expect(out).toBe("::group::Build 2 target(s)\ninside\n::endgroup::\n");
  });

  it("getInput and getState read the runner's variables as @actions/core does", () => {
    process.env["INPUT_GO-VERSION"] = "  1.26.8 \n";
    process.env.INPUT_TWO_WORDS = "x";
    process.env.STATE_cache = "{}";
    for (const name of ["go-version", "two words", "absent"])
      expect(workflow.getInput(name)).toBe(core.getInput(name));
    expect(workflow.getState("cache")).toBe(core.getState("cache"));
    expect(workflow.getState("none")).toBe("");
  });
});
