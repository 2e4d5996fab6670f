import { describe, expect, it } from "vitest";
import { untrusted } from "../../src/kit/log.js";
import { readWorkflowCommand } from "../support/run-action.js";

describe("untrusted: a host's or an app's text, safe to print in the job log", () => {
  it("leaves ordinary text as it is", () => {
    for (const text of [
      "GET /ready on port 8080: 503 not ready",
      '{"level":"ERROR","msg":"invalid configuration","err":"FAULT_READY=\\"x\\""}',
      "tab\there, ünïcödé, emoji 🚀, a::b, #[x], ## [y], url https://x/y?z=1",
      "",
    ]) {
      expect(untrusted(text)).toBe(text);
    }
  });

  it("makes every workflow command inert, wherever the text lands in a line", () => {
    const hostile = [
      "::error::pwned",
      "  ::add-mask::x",
      "\u00a0\u3000::stop-commands::token",
      "::set-output name=version::9.9.9",
      "##[add-mask]y",
      "ok ##[error]pwned",
      "ok\n::error::pwned\r\n::add-mask::x\r::warning::w",
      "::::",
    ];
    for (const text of hostile) {
      const safe = untrusted(text);
      expect(safe).not.toMatch(/[\n\r]/);
      // Alone on a line, or after anything goship prints before it.
      for (const line of [safe, `x: ${safe}`, `  ${safe}`]) {
        expect(readWorkflowCommand(line), JSON.stringify(line)).toBeUndefined();
      }
    }
    expect(untrusted("::error::pwned")).toBe("\\::error::pwned");
    expect(untrusted("ok ##[error]pwned")).toBe("ok ##\\[error]pwned");
    expect(untrusted("ok\n::error::pwned\r\n::add-mask::x\rz")).toBe(
      "ok\\n::error::pwned\\n::add-mask::x\\rz",
    );
  });

  it("shows control characters as escapes, and is the same when applied twice", () => {
    expect(untrusted("\u001b[31mred\u001b[0m\u0000\u007f\u0085\u2028")).toBe(
      "\\u001b[31mred\\u001b[0m\\u0000\\u007f\\u0085\\u2028",
    );
    expect(untrusted("lone \ud800 surrogate")).toBe("lone \ufffd surrogate");
    for (const text of ["::error::x", "a\nb", "##[x]", "\u001b", "  ::a::b"]) {
      expect(untrusted(untrusted(text))).toBe(untrusted(text));
    }
  });
});

describe("readWorkflowCommand (the runner's reading of a log line, for the tests)", () => {
  it("reads ::command:: at the start of a line after white space, and ##[command] anywhere", () => {
    expect(readWorkflowCommand("::error::pwned")).toEqual({
      command: "error",
      properties: {},
      data: "pwned",
    });
    expect(readWorkflowCommand("  ::add-mask::a%0Ab")).toEqual({
      command: "add-mask",
      properties: {},
      data: "a\nb",
    });
    expect(readWorkflowCommand("::set-output name=v::1")).toEqual({
      command: "set-output",
      properties: { name: "v" },
      data: "1",
    });
    expect(readWorkflowCommand("text ##[add-mask]y")).toEqual({
      command: "add-mask",
      properties: {},
      data: "y",
    });
    expect(readWorkflowCommand("x ::error::no")).toBeUndefined();
    expect(readWorkflowCommand("::unknown::no")).toBeUndefined();
  });
});
