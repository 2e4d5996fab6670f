import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  GO_PROBLEM_MATCHER,
  matchGoProblem,
  registerGoProblemMatcher,
} from "../../src/go/problem-matcher.js";
import { execFile } from "../../src/kit/exec.js";

const BROKEN = resolve(import.meta.dirname, "../fixtures/broken");
const GO_ENV = { ...process.env, GOTOOLCHAIN: "local", GOWORK: "off", GOFLAGS: "" };

type Problem = { file: string; line: number; column?: number; message: string };

/** Where `needle` first occurs in a fixture file, as Go reports it (1-based line and byte column). */
async function locate(relPath: string, needle: string): Promise<{ line: number; column: number }> {
  const lines = (await readFile(join(BROKEN, relPath), "utf8")).split("\n");
  const index = lines.findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${relPath}`);
  return { line: index + 1, column: (lines[index] as string).indexOf(needle) + 1 };
}

/** Runs a go command in the broken module, expecting it to fail, and returns its output lines. */
async function goLines(args: string[]): Promise<string[]> {
  const r = await execFile("go", args, { cwd: BROKEN, env: GO_ENV, allowFailure: true, timeoutMs: 100_000 });
  expect(r.code, `go ${args.join(" ")} should fail`).not.toBe(0);
  return `${r.stdout}\n${r.stderr}`.split("\n");
}

function matches(lines: string[]): Problem[] {
  return lines
    .flatMap((l) => matchGoProblem(l) ?? [])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function sorted(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe("matchGoProblem on real go output", () => {
  let compileErr: Problem;
  let vetErr: Problem;
  let testErr: Problem;
  let subtestErr: Problem;
  let testLog: Problem;

  beforeAll(async () => {
    const c = await locate("compileerr/compileerr.go", "undefinedName");
    compileErr = { file: "compileerr/compileerr.go", ...c, message: "undefined: undefinedName" };
    const v = await locate("vetbad/vetbad.go", "%d");
    vetErr = {
      file: "vetbad/vetbad.go",
      ...v,
      message: "fmt.Sprintf format %d has arg name of wrong type string",
    };
    // go test prints the base name and line only.
    const t = await locate("failing/failing_test.go", 't.Errorf("Double(2)');
    testErr = { file: "failing_test.go", line: t.line, message: "Double(2) = 6, want 4" };
    const s = await locate("failing/failing_test.go", 't.Errorf("Double(1)');
    subtestErr = { file: "failing_test.go", line: s.line, message: "Double(1) = 3, want 2" };
    const l = await locate("pure/pure_test.go", "t.Log(");
    testLog = { file: "pure_test.go", line: l.line, message: "pure compiles" };
  });

  it("go build: the compile error and nothing else", { timeout: 100_000 }, async () => {
    const lines = await goLines(["build", "./..."]);
    expect(lines).toContain("# example.com/broken/compileerr");
    expect(matches(lines)).toEqual([compileErr]);
  });

  it('go vet: the printf error, and a type error behind "vet: "', { timeout: 100_000 }, async () => {
    const lines = await goLines(["vet", "./..."]);
    expect(lines.some((l) => l.startsWith("vet: compileerr/"))).toBe(true);
    expect(matches(lines)).toEqual(sorted([compileErr, vetErr]));
  });

  it("go test: build, vet and t.Errorf failures (subtests too)", { timeout: 100_000 }, async () => {
    const lines = await goLines(["test", "-count=1", "./..."]);
    // The lines that must not match are really in the output.
    for (const expected of ["# example.com/broken/vetbad", "FAIL"]) expect(lines).toContain(expected);
    // go test prints how long each test took, which differs on a busy machine: match its shape.
    expect(lines.some((l) => /^--- FAIL: TestDouble \(\d+\.\d+s\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ok\s+example\.com\/broken\/pure\s/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+--- FAIL: TestTable\/one /.test(l))).toBe(true);
    expect(lines.some((l) => /^FAIL\s+example\.com\/broken\/vetbad \[build failed\]$/.test(l))).toBe(true);
    // A panicking test prints stack frames "\t/abs/path/file.go:12 +0x1d": not problems.
    const frames = lines.filter((l) => /^\t\/.*panicking(_test)?\.go:\d+/.test(l));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const frame of frames) expect(matchGoProblem(frame)).toBeUndefined();

    expect(matches(lines)).toEqual(sorted([compileErr, vetErr, testErr, subtestErr]));
  });

  it("go test -v: the same, plus t.Log lines (indistinguishable from t.Errorf)", {
    timeout: 100_000,
  }, async () => {
    const lines = await goLines(["test", "-v", "-count=1", "./..."]);
    for (const expected of ["=== RUN   TestDouble", "PASS", "FAIL"]) expect(lines).toContain(expected);
    expect(lines.some((l) => /^--- PASS: TestCompiles \(\d+\.\d+s\)$/.test(l))).toBe(true);
    // A passing test's t.Log output has the same shape as a t.Errorf line, so it
    // matches too: a known limit of any single-line matcher for Go test output.
    expect(matches(lines)).toEqual(sorted([compileErr, vetErr, testErr, subtestErr, testLog]));
  });
});

describe("matchGoProblem on single lines", () => {
  it.each([
    ["./main.go:12:5: undefined: x", { file: "./main.go", line: 12, column: 5, message: "undefined: x" }],
    [
      "/home/runner/work/app/app/cmd/server/main.go:3:2: missing return",
      { file: "/home/runner/work/app/app/cmd/server/main.go", line: 3, column: 2, message: "missing return" },
    ],
    [
      "D:\\a\\app\\app\\main.go:7:1: syntax error: unexpected }",
      { file: "D:\\a\\app\\app\\main.go", line: 7, column: 1, message: "syntax error: unexpected }" },
    ],
    ["        x_test.go:40: want 2", { file: "x_test.go", line: 40, message: "want 2" }],
    [
      "vet: a.go:1:9: expected 'package'",
      { file: "a.go", line: 1, column: 9, message: "expected 'package'" },
    ],
    // The runner strips colour codes and the line ending before matching.
    ["\u001b[31mmain.go:2:3: boom\u001b[0m\r\n", { file: "main.go", line: 2, column: 3, message: "boom" }],
  ])("%j", (line, expected) => {
    expect(matchGoProblem(line)).toEqual(expected);
  });

  it.each([
    "# example.com/broken",
    "# [example.com/broken/vetbad]",
    "FAIL",
    "FAIL\texample.com/broken\t0.004s",
    // go test's failure header, whatever the test took.
    ...["0.00", "0.01", "12.34"].map((took) => `--- FAIL: TestX (${took}s)`),
    "ok  \texample.com/app\t0.100s",
    "\t/home/runner/work/app/main.go:12 +0x1d",
    "2026/01/02 15:04:05 server.go:44: listening on :8080",
    "main.go:12:5:   ",
    "see main.go",
    "panic: runtime error: index out of range [3] with length 1",
  ])("no match: %j", (line) => {
    expect(matchGoProblem(line)).toBeUndefined();
  });
});

describe("GO_PROBLEM_MATCHER", () => {
  it("is a valid single-pattern matcher as the runner checks it", () => {
    const [matcher] = GO_PROBLEM_MATCHER.problemMatcher;
    expect(matcher.owner).toBe("goship-go");
    const [pattern] = matcher.pattern;
    // Number of capture groups: an alternation with the empty pattern always matches.
    const groups = (new RegExp(`${pattern.regexp}|`).exec("") as RegExpExecArray).length - 1;
    for (const index of [pattern.file, pattern.line, pattern.column, pattern.message]) {
      expect(index).toBeGreaterThan(0);
      expect(index).toBeLessThanOrEqual(groups);
    }
  });
});

const MatcherFile = z.object({
  problemMatcher: z.array(
    z.object({
      owner: z.string(),
      pattern: z.array(
        z.object({
          regexp: z.string(),
          file: z.number(),
          line: z.number(),
          column: z.number().optional(),
          message: z.number(),
        }),
      ),
    }),
  ),
});

describe("registerGoProblemMatcher", () => {
  const savedLocal = process.env.GOSHIP_LOCAL;
  let dir = "";
  afterEach(async () => {
    vi.restoreAllMocks();
    if (savedLocal === undefined) delete process.env.GOSHIP_LOCAL;
    else process.env.GOSHIP_LOCAL = savedLocal;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes the matcher and issues ::add-matcher:: with its absolute path", async () => {
    delete process.env.GOSHIP_LOCAL;
    dir = await mkdtemp(join(tmpdir(), "goship-matcher-"));
    const target = join(dir, "runner 100%");
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const file = await registerGoProblemMatcher(target);
    const commands = write.mock.calls.map((c) => String(c[0]));
    write.mockRestore();
    expect(file).toBe(join(target, "goship-go-matcher.json"));
    expect(commands).toEqual([`::add-matcher::${dir}/runner 100%25/goship-go-matcher.json\n`]);
    const written = MatcherFile.parse(JSON.parse(await readFile(file, "utf8")));
    expect(written).toEqual(GO_PROBLEM_MATCHER);
  });

  it("only writes the file in local mode", async () => {
    process.env.GOSHIP_LOCAL = "1";
    dir = await mkdtemp(join(tmpdir(), "goship-matcher-"));
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const file = await registerGoProblemMatcher(dir);
    const commands = write.mock.calls.map((c) => String(c[0]));
    write.mockRestore();
    expect(commands).toEqual([]);
    expect(MatcherFile.parse(JSON.parse(await readFile(file, "utf8")))).toEqual(GO_PROBLEM_MATCHER);
  });
});
