import { describe, expect, it } from "vitest";
import { pathName, projectName } from "../../src/build/project.js";

describe("pathName", () => {
  it("is the last element, a major version suffix skipped, as go build names binaries", () => {
    expect(pathName("github.com/acme/shop/cmd/server")).toBe("server");
    expect(pathName("github.com/acme/shop/v2")).toBe("shop");
    expect(pathName("gin-app")).toBe("gin-app");
    expect(pathName("v2")).toBe("v2");
  });
});

describe("projectName", () => {
  const base = { binaryName: "server", repoRoot: "/src/shop" };
  it("is the module's name, not the main package's directory", () => {
    expect(projectName({ ...base, modulePath: "github.com/acme/shop", moduleDir: "/src/shop" })).toBe("shop");
    expect(projectName({ ...base, modulePath: "github.com/acme/shop/v3", moduleDir: "/src/shop" })).toBe(
      "shop",
    );
  });
  it("for a module in a subdirectory named by Go's convention, is the repository's name", () => {
    expect(
      projectName({ ...base, modulePath: "github.com/acme/shop/server", moduleDir: "/src/shop/server" }),
    ).toBe("shop");
    expect(
      projectName({
        ...base,
        modulePath: "github.com/acme/shop/services/api/v2",
        moduleDir: "/src/shop/services/api",
      }),
    ).toBe("shop");
  });
  it("for a module in a subdirectory whose path does not follow it, is the module's own name", () => {
    // goship's own examples/gin-app: module example.com/gin-app
    expect(
      projectName({
        ...base,
        repoRoot: "/src/goship",
        modulePath: "example.com/gin-app",
        moduleDir: "/src/goship/examples/gin-app",
      }),
    ).toBe("gin-app");
  });
  it("outside a git work tree, is the module's name", () => {
    expect(
      projectName({ binaryName: "http", modulePath: "example.com/x/server", moduleDir: "/tmp/a/server" }),
    ).toBe("server");
  });
  it("is the binary's name where the module's is not a plain name", () => {
    expect(projectName({ ...base, modulePath: "example.com/caf\u00e9", moduleDir: "/src/shop" })).toBe(
      "server",
    );
    expect(projectName({ ...base, modulePath: "", moduleDir: "" })).toBe("server");
  });
});
