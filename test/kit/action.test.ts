import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineAction, runAction, setOutputs } from "../../src/kit/action.js";
import { parseCommandFile } from "../../src/kit/command-file.js";
import { UserError } from "../../src/kit/errors.js";
import { text } from "../../src/kit/inputs.js";
import { Summary } from "../../src/kit/summary.js";

/** runAction as a runner drives it: inputs from INPUT_*, outputs in a GITHUB_OUTPUT file (kit/workflow writes the commands). */

let dir: string;
let saved: NodeJS.ProcessEnv;
let savedExitCode: typeof process.exitCode;

beforeEach(() => {
  saved = { ...process.env };
  savedExitCode = process.exitCode;
  dir = mkdtempSync(join(tmpdir(), "goship-action-test-"));
  process.env.GITHUB_OUTPUT = join(dir, "output");
  process.env.RUNNER_TEMP = dir;
  writeFileSync(process.env.GITHUB_OUTPUT, "");
});

afterEach(() => {
  process.env = saved;
  // setFailed marks the process as failed; the test process itself did not fail.
  process.exitCode = savedExitCode;
  rmSync(dir, { recursive: true, force: true });
});

const outputs = () => Object.fromEntries(parseCommandFile(readFileSync(join(dir, "output"), "utf8")));

const gate = (run: (verdict: string) => Promise<void>) => {
  const def = defineAction({
    name: "gate",
    description: "a test action",
    inputs: z.object({ verdict: text(/^[a-z]+$/, "lowercase letters") }),
    outputs: { decision: "what it decided", reasons: "why", extra: "set only by run" },
    failureOutputs: (message) => ({ decision: "hold", reasons: JSON.stringify([message]) }),
    run: ({ verdict }) => run(verdict),
  });
  return def;
};

describe("runAction's failure outputs", () => {
  it("are set when an input is refused, before run", async () => {
    process.env.INPUT_VERDICT = "NOPE";
    const def = gate(async () => {
      throw new Error("run must not be called");
    });
    await runAction(def);
    expect(process.exitCode).toBe(1);
    expect(outputs()).toEqual({
      decision: "hold",
      reasons: JSON.stringify(['input "verdict" has value "NOPE": allowed: lowercase letters']),
    });
  });

  it("fill only what run did not set before it failed", async () => {
    process.env.INPUT_VERDICT = "rollback";
    const def = gate(async (verdict) => {
      setOutputs(def, { decision: verdict, extra: "x" });
      throw new UserError("ROLLBACK: the canary is worse");
    });
    await runAction(def);
    expect(process.exitCode).toBe(1);
    expect(outputs()).toEqual({
      decision: "rollback",
      extra: "x",
      reasons: JSON.stringify(["ROLLBACK: the canary is worse"]),
    });
  });

  it("are set after a bug too, and not when the step succeeds", async () => {
    process.env.INPUT_VERDICT = "promote";
    await runAction(
      gate(async () => {
        throw new TypeError("x is undefined");
      }),
    );
    expect(JSON.parse(outputs().reasons ?? "[]")).toEqual([
      "internal error (a bug in goship, please report it): x is undefined",
    ]);
    writeFileSync(join(dir, "output"), "");
    process.exitCode = savedExitCode;
    const ok = gate(async (verdict) => setOutputs(ok, { decision: verdict }));
    await runAction(ok);
    expect(process.exitCode).toBe(savedExitCode);
    expect(outputs()).toEqual({ decision: "promote" });
  });
});

describe("runAction's heartbeat", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("speaks into a quiet log while run works, and stops with it", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "performance"] });
    const printed: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    process.env.INPUT_VERDICT = "go";
    await runAction(
      gate(async () => {
        vi.advanceTimersByTime(125_000);
      }),
    );
    const beats = printed.filter((l) => l.startsWith("… still running"));
    expect(beats).toEqual(["… still running after 50 s\n", "… still running after 1m 40s\n"]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("runAction's summary on failure", () => {
  const summaryFile = () => join(dir, "summary");
  beforeEach(() => {
    process.env.GITHUB_STEP_SUMMARY = summaryFile();
    writeFileSync(summaryFile(), "");
    process.env.INPUT_VERDICT = "go";
  });

  it("says what failed, status first, when run wrote none", async () => {
    await runAction(
      gate(async () => {
        throw new UserError("2 of 7 target(s) failed:\n  linux/amd64: boom\n  linux/arm64: boom");
      }),
    );
    expect(readFileSync(summaryFile(), "utf8")).toBe(
      "## gate\n\n❌ **failed**: 2 of 7 target(s) failed:\n\n```\n  linux/amd64: boom\n  linux/arm64: boom\n```\n",
    );
  });

  it("and for a refused input", async () => {
    process.env.INPUT_VERDICT = "NOPE";
    await runAction(gate(async () => undefined));
    expect(readFileSync(summaryFile(), "utf8")).toBe(
      '## gate\n\n❌ **failed**: input "verdict" has value "NOPE": allowed: lowercase letters\n',
    );
  });

  it("leaves the summary run wrote alone", async () => {
    await runAction(
      gate(async () => {
        await new Summary().heading("gate").status(false, "rollback: the canary is worse").write();
        throw new UserError("ROLLBACK: the canary is worse");
      }),
    );
    expect(readFileSync(summaryFile(), "utf8")).toBe("## gate\n\n❌ rollback: the canary is worse\n");
  });

  it("writes nothing more when the step succeeds", async () => {
    await runAction(gate(async () => undefined));
    expect(readFileSync(summaryFile(), "utf8")).toBe("");
  });
});
