import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAnnotations, failureMessage, repoPath, type TargetFailure } from "../../src/build/failures.js";
import { type BuildSpec, GoBuildError, goBuild } from "../../src/build/gobuild.js";
import { matchGoProblem } from "../../src/go/problem-matcher.js";
import { FIXTURES } from "../support/gobuild.js";

const TARGETS = [
  { goos: "linux", goarch: "amd64" },
  { goos: "linux", goarch: "arm64" },
  { goos: "windows", goarch: "amd64" },
] as const;

/**
 * A real failing `go build` per target, its stderr prefixed as build-static prints it
 * (`  linux/amd64: ./oops.go:3:9: undefined: undefinedName`), and the failures it reports.
 */
async function buildBroken(workDir: string, outputDir: string) {
  const goroot = execFileSync("go", ["env", "GOROOT"]).toString().trim();
  const printed: string[] = [];
  const failures: TargetFailure[] = [];
  const errors: GoBuildError[] = [];
  for (const target of TARGETS) {
    const name = `${target.goos}/${target.goarch}`;
    const spec: BuildSpec = {
      goBin: join(goroot, "bin", "go"),
      workDir,
      pkg: ".",
      binaryName: "hello",
      target,
      outputDir,
      ldflags: "-s -w -X main.version=1.2.3 -X main.commit=0123456789abcdef",
      tags: [],
      cgo: false,
      env: { ...process.env, GOFLAGS: "-buildvcs=false", GOTOOLCHAIN: "local" },
      procs: 1,
      linkDir: join(outputDir, "..", "link"),
    };
    const e = await goBuild(spec, (line) => printed.push(`  ${name}: ${line}`)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(GoBuildError);
    const err = e as GoBuildError;
    errors.push(err);
    failures.push({ target: name, message: err.message, diagnostics: err.diagnostics });
  }
  return { printed, failures, errors };
}

describe("a compile error in a build of three targets", () => {
  let repo: string;
  let out: string;
  let broken: Awaited<ReturnType<typeof buildBroken>>;
  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), "goship-broken-"));
    const app = join(repo, "app");
    mkdirSync(app);
    cpSync(join(FIXTURES, "hello"), app, { recursive: true });
    writeFileSync(join(app, "oops.go"), "package main\n\nvar _ = undefinedName\n");
    out = join(repo, "out");
    broken = await buildBroken(app, out);
  }, 120_000);
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("prints Go's lines prefixed with the target, which the runner's Go matcher leaves alone", () => {
    const diagnostics = broken.printed.filter((l) => l.includes("undefinedName"));
    expect(diagnostics).toEqual([
      "  linux/amd64: ./oops.go:3:9: undefined: undefinedName",
      "  linux/arm64: ./oops.go:3:9: undefined: undefinedName",
      "  windows/amd64: ./oops.go:3:9: undefined: undefinedName",
    ]);
    // Matched by the registered matcher, each would be an annotation per target.
    expect(broken.printed.map((l) => matchGoProblem(l))).toEqual(broken.printed.map(() => undefined));
  });

  it("fails with what Go said, and keeps the command line apart", () => {
    for (const e of broken.errors) {
      expect(e.message).toBe("./oops.go:3:9: undefined: undefinedName");
      expect(e.outcome).toBe("exited with code 1");
      expect(e.command).toMatch(/ build -trimpath .*-ldflags=.*-X main\.version=1\.2\.3.* -o \S+ \.$/);
      expect(e.diagnostics).toEqual([
        { file: "./oops.go", line: 3, column: 9, message: "undefined: undefinedName" },
      ]);
    }
  });

  it("is one annotation at the file and line, relative to the repository, naming every target", () => {
    expect(buildAnnotations(broken.failures, join(repo, "app"), repo)).toEqual([
      {
        title: "go build (linux/amd64, linux/arm64, windows/amd64)",
        message: "undefined: undefinedName",
        file: "app/oops.go",
        line: 3,
        column: 9,
      },
    ]);
  });

  it("makes a failure message that starts with the cause and says it once", () => {
    expect(failureMessage(broken.failures, 7)).toBe(
      [
        "linux/amd64: ./oops.go:3:9: undefined: undefinedName",
        "  (the same for linux/arm64, windows/amd64)",
        "3 of 7 target(s) failed",
      ].join("\n"),
    );
    // A one-target job: the cause and nothing else.
    expect(failureMessage(broken.failures.slice(0, 1), 1)).toBe(
      "linux/amd64: ./oops.go:3:9: undefined: undefinedName",
    );
  });
});

describe("failures and annotations", () => {
  it("lists distinct failures each with its targets, in the order first seen", () => {
    const failures: TargetFailure[] = [
      { target: "linux/amd64", message: "a", diagnostics: [] },
      { target: "linux/arm64", message: "b", diagnostics: [] },
      { target: "darwin/arm64", message: "a", diagnostics: [] },
    ];
    expect(failureMessage(failures, 4)).toBe(
      "linux/amd64: a\n  (the same for darwin/arm64)\nlinux/arm64: b\n3 of 4 target(s) failed",
    );
  });

  it("keeps a place outside the repository in the message, not as a file", () => {
    const failures: TargetFailure[] = [
      {
        target: "linux/amd64",
        message: "x",
        diagnostics: [{ file: "/root/go/pkg/mod/m@v1/a.go", line: 2, column: 1, message: "boom" }],
      },
    ];
    expect(buildAnnotations(failures, "/src/repo", "/src/repo")).toEqual([
      { title: "go build (linux/amd64)", message: "/root/go/pkg/mod/m@v1/a.go:2:1: boom" },
    ]);
  });

  it("names the first three targets of a long list and counts the rest", () => {
    const d = [{ file: "main.go", line: 1, message: "m" }];
    const failures = ["a/1", "a/2", "a/3", "a/4", "a/5"].map((target) => ({
      target,
      message: "m",
      diagnostics: d,
    }));
    expect(buildAnnotations(failures, "/r", "/r")).toEqual([
      { title: "go build (a/1, a/2, a/3 and 2 more)", message: "m", file: "main.go", line: 1 },
    ]);
  });

  it("relates paths to the repository root", () => {
    expect(repoPath("/r/cmd/app", "/r", "./main.go")).toBe("cmd/app/main.go");
    expect(repoPath("/r", "/r", "internal/x/x.go")).toBe("internal/x/x.go");
    expect(repoPath("/r", "/r", "../elsewhere/x.go")).toBeUndefined();
    expect(repoPath("/r", undefined, "x.go")).toBe("x.go");
  });
});
