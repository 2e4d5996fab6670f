import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkServable,
  classifySpec,
  exactVersion,
  goToSemver,
  parseGoDirectives,
  resolveSpec,
  semverToGo,
  versionFromFile,
} from "../../src/go/version.js";
import { InputError } from "../../src/kit/errors.js";

const published = [
  "1.20",
  "1.20.14",
  "1.21.0",
  "1.21rc2",
  "1.24.9",
  "1.25.0",
  "1.25.4",
  "1.25.14",
  "1.26rc1",
  "1.26.0",
  "1.26.8",
  "1.27rc1",
];

describe("Go version spellings", () => {
  it.each([
    ["1.25.4", "1.25.4"],
    ["go1.25.4", "1.25.4"],
    ["1.26rc1", "1.26.0-rc.1"],
    ["1.19beta1", "1.19.0-beta.1"],
    ["1.20", "1.20.0"],
  ])("%s ↔ %s", (go, sv) => {
    expect(goToSemver(go)).toBe(sv);
    expect(semverToGo(sv)).toBe(go.replace(/^go/, ""));
  });
  it("treats 1.25 as a range and three parts or pre-releases as exact", () => {
    expect(exactVersion("1.25")).toBeUndefined();
    expect(exactVersion("go1.25.4")).toBe("1.25.4");
    expect(exactVersion("1.26rc1")).toBe("1.26rc1");
    expect(goToSemver("1.21.1rc1")).toBeUndefined();
  });
});

describe("resolving a spec against published versions", () => {
  it.each([
    ["1.25.4", "1.25.4"],
    ["1.26rc1", "1.26rc1"],
    ["1.25", "1.25.14"],
    ["1.25.x", "1.25.14"],
    ["^1.25", "1.26.8"],
    ["~1.25.0", "1.25.14"],
    [">=1.24 <1.26", "1.25.14"],
    ["stable", "1.26.8"],
    ["latest", "1.26.8"],
    ["oldstable", "1.25.14"],
    ["1.20", "1.20.14"],
    ["1.20.0", "1.20"],
  ])("%s → %s", (spec, want) => {
    expect(resolveSpec(spec, published, "go-version")).toBe(want);
  });

  it("never picks a pre-release for a range", () => {
    expect(() => resolveSpec("1.27.x", published, "go-version")).toThrow(
      /no published Go release matches; newest published: 1.26.8, 1.26.0/,
    );
  });

  it.each([
    "1.22; rm -rf /",
    "banana",
    "1.25.4 && x",
    "$(id)",
    "2.0.0.0",
    ">=foo",
  ])("rejects %j by name", (spec) => {
    expect(() => classifySpec(spec, "go-version")).toThrow(InputError);
    expect(() => classifySpec(spec, "go-version")).toThrow(
      /^input "go-version" has value .*allowed: a Go version/,
    );
  });

  it("reports an unpublished exact version", () => {
    expect(() => resolveSpec("1.25.99", published, "go-version")).toThrow(/no published Go release matches/);
  });
});

describe("version files", () => {
  const write = async (name: string, text: string) => {
    const dir = await mkdtemp(join(tmpdir(), "goship-ver-"));
    const p = join(dir, name);
    await writeFile(p, text);
    return p;
  };

  it("prefers a newer toolchain directive over the go directive", async () => {
    const p = await write("go.mod", "module x\n\ngo 1.25.0 // minimum\n\ntoolchain go1.26.8\n");
    expect(await versionFromFile(p)).toEqual({ spec: "1.26.8", source: `toolchain directive in ${p}` });
  });

  it("reads the go directive as the newest patch of its minor", async () => {
    const p = await write("go.mod", "module x\n\ngo 1.25.0\n\ntoolchain go1.24.1\n");
    const req = await versionFromFile(p);
    expect(req.source).toMatch(/go directive "go 1.25.0"/);
    expect(resolveSpec(req.spec, published, "go-version-file")).toBe("1.25.14");
  });

  it("reads go.work, .go-version and .tool-versions", async () => {
    expect((await versionFromFile(await write("go.work", "go 1.24.2\nuse .\n"))).spec).toBe(
      ">=1.24.2 <1.25.0-0",
    );
    expect((await versionFromFile(await write(".go-version", "\n1.25.4\n"))).spec).toBe("1.25.4");
    expect(
      (await versionFromFile(await write(".tool-versions", "nodejs 24.1.0\ngolang 1.26.8\n"))).spec,
    ).toBe("1.26.8");
    expect(parseGoDirectives("go 1.22\ntoolchain default\n")).toEqual({ go: "1.22", toolchain: "default" });
  });

  it("reads only the files it documents, and never shows another file's content", async () => {
    const secret = await write("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n");
    const named = await write("VERSION", "1.25.4\n");
    for (const path of [secret, named, "/etc/passwd", await write("tools.mod", "go 1.25.0\n")]) {
      const err = await versionFromFile(path).catch((e: unknown) => e);
      expect(err, path).toBeInstanceOf(InputError);
      expect((err as Error).message).toBe(
        `input "go-version-file" has value ${JSON.stringify(path)}: it is not one of those files; allowed: a path to a go.mod, go.work, .go-version or .tool-versions file`,
      );
    }
  });

  it("names the input for a missing file or a file without a version", async () => {
    await expect(versionFromFile("/nonexistent/go.mod")).rejects.toThrow(
      /^input "go-version-file" has value "\/nonexistent\/go.mod": cannot read it/,
    );
    await expect(versionFromFile(await write("go.mod", "module x\n"))).rejects.toThrow(
      /no go or toolchain directive/,
    );
    await expect(versionFromFile(await write(".tool-versions", "nodejs 24\n"))).rejects.toThrow(
      /no golang or go line/,
    );
  });
});

describe("checkServable: Go older than goship serves is refused before any download", () => {
  const goMod = async (directive: string) => {
    const dir = await mkdtemp(join(tmpdir(), "goship-gomod-"));
    const path = join(dir, "go.mod");
    await writeFile(path, `module example.com/old\n\n${directive}\n`);
    return { path, request: await versionFromFile(path) };
  };

  it.each([
    "go 1.13",
    "go 1.15",
    "go 1.20",
  ])("refuses %s in go.mod in one line that says what to use", async (d) => {
    const { path, request } = await goMod(d);
    let error: unknown;
    try {
      checkServable(request, "go-version-file", path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain(`input "go-version-file" has value "${path}"`);
    expect(message).toContain(`"${d}"`);
    expect(message).toContain("goship serves Go 1.21 and later");
    expect(message).toContain("go-version: stable");
    expect(message).toContain("go mod edit -go=1.21");
  });

  it.each(["1.15", "1.20.14", "1.13.x", "<1.21", "1.19rc1"])("refuses go-version: %s", (spec) => {
    expect(() => checkServable({ spec, source: "input go-version" }, "go-version", spec)).toThrow(
      /goship serves Go 1\.21 and later: set go-version: stable, or a version from 1\.21 on$/,
    );
  });

  it.each([
    "1.21.0",
    "1.21rc2",
    "1.21",
    "1.26.x",
    ">=1.13",
    "^1.20",
    "stable",
    "oldstable",
  ])("lets %s through", (spec) => {
    expect(() => checkServable({ spec, source: "input go-version" }, "go-version", spec)).not.toThrow();
  });

  it("lets a toolchain directive newer than an old go directive through", async () => {
    const { request } = await goMod("go 1.13\ntoolchain go1.25.4");
    expect(request.spec).toBe("1.25.4");
    expect(() => checkServable(request, "go-version-file", "go.mod")).not.toThrow();
  });
});
