import { describe, expect, it } from "vitest";
import { plainText } from "../../src/cli/terminal.js";

describe("plainText: workflow commands as a terminal shows them", () => {
  it("a warning or an error in words, its lines as lines", () => {
    expect(plainText("::warning::go.dev did not answer%0Ausing the proxy\n", false)).toBe(
      "warning: go.dev did not answer\nusing the proxy\n",
    );
    expect(plainText("::error file=main.go,line=6::undefined: x\n", false)).toBe("error: undefined: x\n");
  });

  it("debug lines only when asked for", () => {
    expect(plainText("::debug::checking cache: /x\nGo 1.26.8\n", false)).toBe("Go 1.26.8\n");
    expect(plainText("::debug::checking cache: /x\n", true)).toBe("debug: checking cache: /x\n");
  });

  it("a group as its title; nothing of a mask, a matcher or a group's end", () => {
    expect(plainText("::group::Restore caches\nhit\n::endgroup::\n::add-mask::s3cr3t\n", false)).toBe(
      "▶ Restore caches\nhit\n",
    );
  });

  it("leaves other text alone, '::' included", () => {
    expect(plainText("listening on [::1]:8080\n", false)).toBe("listening on [::1]:8080\n");
    expect(plainText("a::b\n", false)).toBe("a::b\n");
  });
});
