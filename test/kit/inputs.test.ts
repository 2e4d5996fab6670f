import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCommandFile } from "../../src/kit/command-file.js";
import { InputError, redactCredentials } from "../../src/kit/errors.js";
import {
  boolean,
  choice,
  deprecatedFor,
  inputInfo,
  line,
  list,
  parseInputs,
  runnerDefault,
  secret,
  text,
} from "../../src/kit/inputs.js";

const schema = z.object({
  mode: choice(["a", "b"]).default("a"),
  flag: boolean().prefault("false"),
  name: text(/^[a-z]+$/, "lowercase letters"),
  note: line().optional(),
  hosts: list(text(/^[a-z.]+$/, "a host name"), "host names separated by commas or newlines").optional(),
});
const from = (values: Record<string, string>) => (name: string) => values[name] ?? "";
/** The message `fn` throws. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("parseInputs", () => {
  it("treats empty strings as unset and applies defaults", () => {
    expect(parseInputs(schema, from({ name: "x", mode: "", note: "  " }))).toEqual({
      mode: "a",
      flag: false,
      name: "x",
    });
    expect(parseInputs(schema, from({ name: "x", flag: "TRUE", hosts: "a.b,\n c ,," }))).toMatchObject({
      flag: true,
      hosts: ["a.b", "c"],
    });
  });

  it("never shows the credentials of a URL in a value", () => {
    const urls = z.object({ proxy: text(/^[A-Za-z0-9:/._~%@+,|=-]+$/, "a GOPROXY list") });
    for (const [value, shown] of [
      ["https://user:hunter2@proxy.example/ x", "https://***@proxy.example/ x"],
      ["https://a.example,http://user:hunter2@b.example x", "https://a.example,http://***@b.example x"],
      ["user:hunter2@proxy.example x", "***@proxy.example x"],
      // More than the credentials may go (a list is not split here), never less.
      ["https://a.example|user:hunter2@b.example x", "https://***@b.example x"],
      ["https://token-hunter2@proxy.example x", "https://***@proxy.example x"],
      ["https://user:hunter2@with@at@proxy.example x", "https://***@proxy.example x"],
    ]) {
      const message = errorOf(() => parseInputs(urls, from({ proxy: value as string })));
      expect(message, value).toBe(`input "proxy" has value "${shown}": allowed: a GOPROXY list`);
      expect(message).not.toContain("hunter2");
    }
  });

  it("names the input, the value and what is allowed", () => {
    expect(() => parseInputs(schema, from({ name: "x", mode: "maybe" }))).toThrow(
      'input "mode" has value "maybe": allowed: one of a, b',
    );
    expect(() => parseInputs(schema, from({}))).toThrow(
      'input "name" has value "": is required; allowed: lowercase letters',
    );
    expect(() => parseInputs(schema, from({ name: "x", note: "a\nb" }))).toThrow(
      /input "note" .*without control characters/,
    );
  });

  it("reports every bad input in one error", () => {
    try {
      parseInputs(schema, from({ name: "X1", flag: "yes" }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems.map((p) => p.input)).toEqual(["flag", "name"]);
      expect((e as Error).message).toMatch(
        /^2 inputs are invalid:\n {2}- input "flag" has value "yes": allowed: true or false\n/,
      );
    }
  });
});

describe("command files", () => {
  it("reads name=value and heredoc blocks as @actions/core writes them", () => {
    const text = 'a=1\nmatrix<<ghadelimiter_x\n{"include":[]}\nline two\nghadelimiter_x\nb=c=d\n';
    expect(parseCommandFile(text)).toEqual([
      ["a", "1"],
      ["matrix", '{"include":[]}\nline two'],
      ["b", "c=d"],
    ]);
  });
});

describe("secret inputs", () => {
  it("are never echoed in an error", () => {
    const schema = z.object({ key: secret(text(/^-----BEGIN/, "a PEM block")) });
    let message = "";
    try {
      parseInputs(schema, () => "hunter2\nline two");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('input "key" has value "***": allowed: a PEM block');
    expect(message).not.toContain("hunter2");
  });
});

describe("credentials in a URL", () => {
  it("are never echoed in an error, whatever the input", () => {
    const schema = z.object({ url: text(/^https?:\/\/[a-z0-9.:]+$/, "a URL without credentials") });
    expect(() => parseInputs(schema, () => "https://admin:hunter2@prom.example:9090/x")).toThrow(
      'input "url" has value "https://***@prom.example:9090/x": allowed: a URL without credentials',
    );
  });

  it("are hidden wherever a URL appears, a token alone or a user and password", () => {
    expect(redactCredentials("http://a:b@h:1, https://tok@h2/p?q=x@y and ftp://h3/")).toBe(
      "http://***@h:1, https://***@h2/p?q=x@y and ftp://h3/",
    );
    expect(redactCredentials("proxy user:pw@h2,direct")).toBe("proxy ***@h2,direct");
    expect(redactCredentials("no url here: user@host")).toBe("no url here: user@host");
  });
});

describe("inputInfo: what action.yml and --help say of an input, from its schema", () => {
  it("a choice with a default: optional, its default as written, its words", () => {
    expect(inputInfo(choice(["a", "b"]).prefault("b").describe("Pick one."))).toEqual({
      description: "Pick one.",
      required: false,
      default: "b",
      allowed: "one of a, b",
      secret: false,
    });
  });

  it("a required text: no default, what its pattern allows", () => {
    expect(inputInfo(text(/^[a-z]+$/, "lowercase letters").describe("A name."))).toEqual({
      description: "A name.",
      required: true,
      allowed: "lowercase letters",
      secret: false,
    });
  });

  it("a boolean through its transform; a default that is not text (an empty list) is no default", () => {
    expect(inputInfo(boolean().prefault("false").describe("Flag."))).toMatchObject({
      boolean: true,
      required: false,
      default: "false",
      allowed: "true or false",
    });
    const items = list(text(/^[a-z]+$/, "a word"), "words")
      .default([])
      .describe("Words.");
    expect(inputInfo(items)).toMatchObject({ required: false, allowed: "words" });
    expect(inputInfo(items).default).toBeUndefined();
  });

  it("a secret with a runner-only default, and an old name", () => {
    const token = runnerDefault(secret(line("a token")), "github.token")
      .optional()
      .describe("Token.");
    expect(inputInfo(token)).toMatchObject({
      secret: true,
      required: false,
      runnerDefault: `\${{ github.token }}`,
    });
    expect(inputInfo(deprecatedFor(line().optional(), "new-name"))).toMatchObject({
      deprecatedFor: "new-name",
    });
  });
});
