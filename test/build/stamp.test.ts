import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseVersionVariables } from "../../src/build/ldflags.js";
import { checkVersionVariables, missingVersionVariablesMessage, packageVars } from "../../src/build/stamp.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");
const GO_ENV = { ...process.env, GOTOOLCHAIN: "local", GOWORK: "off", GOFLAGS: "" };
const DEFAULTS = parseVersionVariables("main.version,main.commit,main.date");

describe("packageVars", () => {
  it("reads single, multiple and grouped package-level variables, not locals, constants or comments", () => {
    const src = [
      "package main",
      "",
      "// var commented string",
      "/* var blocked string */",
      "var version string",
      'var commit, date = "none", "unknown"',
      "var (",
      '\tBuildTime = ""',
      "\tA, B string // two",
      ")",
      'const Revision = "x"',
      "func main() {",
      "\tvar local string",
      "\t_ = local",
      "}",
    ].join("\n");
    expect([...packageVars(src)].sort()).toEqual(["A", "B", "BuildTime", "commit", "date", "version"]);
  });
});

describe("checkVersionVariables", () => {
  it("finds what a cmd/ main package and an internal/build package declare", {
    timeout: 60_000,
  }, async () => {
    const dir = `${FIXTURES}/subdir-app/server`;
    const check = await checkVersionVariables("go", dir, "./cmd/http", DEFAULTS, GO_ENV);
    expect(check).toEqual({
      stamped: {},
      missing: ["main.version", "main.commit", "main.date"],
      candidates: ["main.Version"],
    });
    const message = missingVersionVariablesMessage(check, "version-variables");
    expect(message).toMatch(/^version-variables: main\.version, main\.commit, main\.date are not declared/);
    expect(message).toContain("Package main declares main.Version");
    expect(message).toContain("var version, commit, date string");

    const own = parseVersionVariables(
      "version=example.com/subdir-app/server/internal/build.Version,commit=example.com/subdir-app/server/internal/build.Commit,date=main.date",
    );
    expect(await checkVersionVariables("go", dir, "./cmd/http", own, GO_ENV)).toEqual({
      stamped: {
        version: "example.com/subdir-app/server/internal/build.Version",
        commit: "example.com/subdir-app/server/internal/build.Commit",
      },
      missing: ["main.date"],
      candidates: ["main.Version"],
    });
  });

  it("a package that does not exist declares nothing", { timeout: 60_000 }, async () => {
    const check = await checkVersionVariables(
      "go",
      `${FIXTURES}/hello`,
      ".",
      parseVersionVariables("version=main.version,commit=example.com/nosuch/build.Commit"),
      GO_ENV,
    );
    expect(check.stamped).toEqual({ version: "main.version" });
    expect(check.missing).toEqual(["example.com/nosuch/build.Commit"]);
  });
});

describe("checkVersionVariables with package main already listed", () => {
  it("reads its files and runs no go list when every variable is in package main", async () => {
    const dir = `${FIXTURES}/subdir-app/server/cmd/http`;
    const listed = { dir, files: readdirSync(dir).filter((f) => f.endsWith(".go")) };
    // A go that does not exist: any listing would fail, and an unknown package stamps all as asked.
    const check = await checkVersionVariables("/nonexistent/go", dir, ".", DEFAULTS, GO_ENV, listed);
    expect(check).toEqual({
      stamped: {},
      missing: ["main.version", "main.commit", "main.date"],
      candidates: ["main.Version"],
    });
  });

  it("lists the other packages when a variable is elsewhere", { timeout: 60_000 }, async () => {
    const dir = `${FIXTURES}/subdir-app/server`;
    const own = parseVersionVariables("version=example.com/subdir-app/server/internal/build.Version");
    const listed = { dir: `${dir}/cmd/http`, files: ["main.go"] };
    expect(await checkVersionVariables("go", dir, "./cmd/http", own, GO_ENV, listed)).toMatchObject({
      stamped: { version: "example.com/subdir-app/server/internal/build.Version" },
      missing: [],
    });
  });
});

describe("checkVersionVariables on a cgo main package", () => {
  it("reads the cgo files too", { timeout: 60_000 }, async () => {
    const check = await checkVersionVariables("go", `${FIXTURES}/cgo-sharedonly`, ".", DEFAULTS, {
      ...GO_ENV,
      CGO_ENABLED: "1",
    });
    expect(check.missing).toEqual(["main.version", "main.commit", "main.date"]);
  });
});
