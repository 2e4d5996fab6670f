import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  hasWaveNumbers,
  parseInventory,
  readInventory,
  wavesFromInventory,
} from "../../src/deploy/inventory.js";
import {
  assignWaves,
  duration,
  type EnvironmentEntry,
  environment,
  formatDuration,
  parseDuration,
  parseEnvironment,
  parseWaves,
  renderEnvironmentFile,
  waves,
} from "../../src/deploy/plan.js";
import { InputError } from "../../src/kit/errors.js";
import { parseInputs, secret } from "../../src/kit/inputs.js";
import { formatHostSpec } from "../../src/remote/hosts-spec.js";
import { bootFleet, type Lab, type TestHost } from "../support/hosts.js";

/** The message of what fn throws, asserting it is an InputError. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("did not throw");
}

describe("parseDuration", () => {
  it.each([
    ["0", 0],
    ["0s", 0],
    ["90s", 90_000],
    ["10m", 600_000],
    ["1h30m", 5_400_000],
    ["1h30m15s250ms", 5_415_250],
    ["500ms", 500],
    ["1m500ms", 60_500],
    ["1.5h", 5_400_000],
    ["0.25s", 250],
    ["2h0m", 7_200_000],
  ])("reads %s as %i ms", (value, ms) => {
    expect(parseDuration("health-timeout", value)).toBe(ms);
  });

  it("names the input and the value, and says what is allowed", () => {
    expect(errorOf(() => parseDuration("health-timeout", "30"))).toBe(
      'input "health-timeout" has value "30": has no unit; allowed: a duration such as 90s, 10m, 1h30m or ' +
        "500ms (units h, m, s, ms, largest first), or 0 (write 30s for seconds)",
    );
    for (const bad of [
      "",
      "-5s",
      "+5s",
      "1h 30m",
      "30m1h",
      "1s1s",
      "5ns",
      "10us",
      "10S",
      "1d",
      "s",
      "1.s",
      "h1",
    ]) {
      const message = errorOf(() => parseDuration("health-timeout", bad));
      expect(message).toContain(`input "health-timeout" has value ${JSON.stringify(bad)}: `);
      expect(message).toContain("allowed: ");
    }
    expect(errorOf(() => parseDuration("health-timeout", "0.5ms"))).toContain(
      "is not a whole number of milliseconds",
    );
  });

  it("keeps to the limits it is given, 0 to 7 days by default", () => {
    expect(parseDuration("health-interval", "168h")).toBe(604_800_000);
    expect(errorOf(() => parseDuration("health-interval", "169h"))).toContain(
      "is out of range; allowed: between 0s and 168h",
    );
    expect(errorOf(() => parseDuration("health-interval", "0s", { min: 100, max: 60_000 }))).toBe(
      'input "health-interval" has value "0s": is out of range; allowed: between 100ms and 1m',
    );
    expect(parseDuration("health-interval", "1m", { min: 100, max: 60_000 })).toBe(60_000);
  });

  it("formats durations the way it reads them", () => {
    for (const ms of [0, 1, 500, 1000, 90_000, 5_400_000, 5_415_250, 604_800_000]) {
      expect(parseDuration("x", formatDuration(ms))).toBe(ms);
    }
    expect(formatDuration(90_000)).toBe("1m30s");
    expect(formatDuration(5_400_000)).toBe("1h30m");
  });

  it("works as a zod field, reporting with the other inputs", () => {
    const schema = z.object({ "health-timeout": duration({ min: 1000 }).default(30_000), waves: waves() });
    const read = (v: Record<string, string>) => (n: string) => v[n] ?? "";
    expect(parseInputs(schema, read({ waves: "100%" }))).toEqual({
      "health-timeout": 30_000,
      waves: [{ percent: 100 }],
    });
    expect(parseInputs(schema, read({ "health-timeout": "2m", waves: "1,100%" }))["health-timeout"]).toBe(
      120_000,
    );
    const message = errorOf(() => parseInputs(schema, read({ "health-timeout": "10", waves: "1,50%" })));
    expect(message).toContain('input "health-timeout" has value "10": has no unit');
    expect(message).toContain('input "waves" has value "1,50%": does not end with 100%');
  });
});

describe("parseWaves", () => {
  it("reads cumulative counts and percentages ending with 100%", () => {
    expect(parseWaves("1,25%,100%")).toEqual([{ hosts: 1 }, { percent: 25 }, { percent: 100 }]);
    expect(parseWaves("100%")).toEqual([{ percent: 100 }]);
    expect(parseWaves(" 1 , 2 , 10%, 100% ")).toEqual([
      { hosts: 1 },
      { hosts: 2 },
      { percent: 10 },
      { percent: 100 },
    ]);
    // A count and a percentage are compared only once the fleet is known.
    expect(parseWaves("5,10%,100%")).toEqual([{ hosts: 5 }, { percent: 10 }, { percent: 100 }]);
  });

  it("refuses a list without a final 100% and says to add it", () => {
    expect(errorOf(() => parseWaves("1,25%"))).toBe(
      'input "waves" has value "1,25%": does not end with 100%, so some hosts would never be deployed; ' +
        'add ",100%" at the end; allowed: comma-separated cumulative steps, each a host count (1) or a ' +
        "percentage of the fleet (25%), increasing, the last one 100%, e.g. 1,25%,100%",
    );
    expect(errorOf(() => parseWaves("1,2"))).toContain('add ",100%" at the end');
  });

  it("refuses steps that do not grow, and anything that is not a count or a percentage", () => {
    const cases: [string, string][] = [
      ["", "is empty"],
      ["50%,25%,100%", "step 2 (25%) is not more than step 1 (50%)"],
      ["2,1,100%", "step 2 (1) is not more than step 1 (2)"],
      ["1,10%,1,100%", "step 3 (1) is not more than step 1 (1)"],
      ["100%,100%", "step 2 (100%) is not more than step 1 (100%)"],
      ["1,,100%", "step 2 is empty"],
      ["0,100%", 'step 1 ("0") is neither a host count nor a percentage'],
      ["0%,100%", 'step 1 ("0%") is neither'],
      ["1.5,100%", 'step 1 ("1.5") is neither'],
      ["25 %,100%", 'step 1 ("25 %") is neither'],
      ["-1,100%", 'step 1 ("-1") is neither'],
      ["150%", "step 1 (150%) is over 100%"],
      ["1;100%", 'step 1 ("1;100%") is neither'],
    ];
    for (const [value, why] of cases) {
      const message = errorOf(() => parseWaves(value));
      expect(message).toContain(`input "waves" has value ${JSON.stringify(value)}: ${why}`);
      expect(message).toContain("allowed: comma-separated cumulative steps");
    }
  });
});

describe("assignWaves", () => {
  const fleet = (n: number) => Array.from({ length: n }, (_, i) => `h${i + 1}`);

  it("deploys 1 host, then up to 25% in total, then the rest", () => {
    expect(assignWaves(fleet(10), parseWaves("1,25%,100%"))).toEqual([
      ["h1"],
      ["h2", "h3"],
      ["h4", "h5", "h6", "h7", "h8", "h9", "h10"],
    ]);
    expect(assignWaves(fleet(8), parseWaves("1,25%,100%"))).toEqual([
      ["h1"],
      ["h2"],
      ["h3", "h4", "h5", "h6", "h7", "h8"],
    ]);
  });

  it("rounds percentages up and leaves out waves that add no host", () => {
    expect(assignWaves(fleet(3), parseWaves("1%,100%"))).toEqual([["h1"], ["h2", "h3"]]);
    expect(assignWaves(fleet(1), parseWaves("1,25%,100%"))).toEqual([["h1"]]);
    expect(assignWaves(fleet(4), parseWaves("1,25%,100%"))).toEqual([["h1"], ["h2", "h3", "h4"]]);
    expect(assignWaves(fleet(10), parseWaves("5,10%,100%"))).toEqual([fleet(5), fleet(10).slice(5)]);
    expect(assignWaves(fleet(3), parseWaves("10,100%"))).toEqual([fleet(3)]);
    expect(assignWaves(fleet(0), parseWaves("1,100%"))).toEqual([]);
  });

  it("puts every host in exactly one non-empty wave, in order", () => {
    const lists = ["100%", "1,100%", "1,25%,100%", "1%,2%,3%,50%,100%", "2,3,10%,20,99%,100%", "7,1%,100%"];
    for (const spec of lists) {
      for (let n = 0; n <= 40; n++) {
        const hosts = fleet(n);
        const result = assignWaves(hosts, parseWaves(spec));
        expect(result.flat()).toEqual(hosts);
        expect(result.every((w) => w.length > 0)).toBe(true);
      }
    }
  });

  it("still deploys every host when a hand-made list stops short of 100%", () => {
    expect(assignWaves(fleet(5), [{ hosts: 2 }])).toEqual([fleet(2), fleet(5).slice(2)]);
  });
});

describe("inventory", () => {
  const defaults = { user: "deploy" };
  const parse = (text: string) => parseInventory(text, "deploy/inventory.yml", defaults);

  it("reads hosts as mappings or bare strings", () => {
    const entries = parse(
      [
        "hosts:",
        "  - host: web1.example.com   # a comment",
        "    wave: 1",
        "    labels: {region: eu, tier: 'frontend'}",
        "  - web2.example.com:2222",
        "  - host: ops@[2001:db8::1]:2200",
        "    wave: 2",
        "  - host: 10.0.0.5",
        "    labels: {}",
        "",
      ].join("\n"),
    );
    expect(entries).toEqual([
      {
        spec: { user: "deploy", host: "web1.example.com", port: 22 },
        wave: 1,
        labels: { region: "eu", tier: "frontend" },
      },
      { spec: { user: "deploy", host: "web2.example.com", port: 2222 }, labels: {} },
      { spec: { user: "ops", host: "2001:db8::1", port: 2200 }, wave: 2, labels: {} },
      { spec: { user: "deploy", host: "10.0.0.5", port: 22 }, labels: {} },
    ]);
    expect("wave" in (entries[1] as object)).toBe(false);
    expect(parse("hosts: [a.example, b.example]").map((e) => formatHostSpec(e.spec))).toEqual([
      "deploy@a.example:22",
      "deploy@b.example:22",
    ]);
  });

  it("names the input, the file, the YAML path and line of a problem, and what is allowed", () => {
    const text = ["hosts:", "  - host: web1.example.com", "    wavee: 1", ""].join("\n");
    expect(errorOf(() => parse(text))).toBe(
      'input "inventory" has value "deploy/inventory.yml": hosts[0].wavee (line 3) has unknown key "wavee"; ' +
        "allowed: host, wave, labels",
    );
    const cases: [string, string][] = [
      [
        "hosts:\n  - host: a.example\n    wave: 0\n",
        "hosts[0].wave (line 3) is 0; allowed: a wave number: a positive integer up to 1000",
      ],
      [
        "hosts:\n  - host: a.example\n    wave: 1.5\n",
        "hosts[0].wave (line 3) is 1.5; allowed: a wave number",
      ],
      [
        "hosts:\n  - host: a.example\n    wave: '1'\n",
        'hosts[0].wave (line 3) is "1"; allowed: a wave number',
      ],
      [
        "hosts:\n  - host: a.example\n    labels:\n      zone: 1\n",
        'hosts[0].labels.zone (line 4) is 1; allowed: a string (quote numbers and booleans: "1", "true")',
      ],
      [
        "hosts:\n  - host: a.example\n    labels: [eu]\n",
        "hosts[0].labels (line 3) is a list; allowed: a mapping",
      ],
      [
        "hosts:\n  - a.example\n  - wave: 1\n",
        "hosts[1].host (line 3) is missing; allowed: a [user@]host[:port] string",
      ],
      [
        "hosts:\n  - a.example\n  - 42\n",
        "hosts[1] (line 3) is 42; allowed: a [user@]host[:port] string, or a mapping",
      ],
      ["hosts:\n  -\n", "hosts[0] (line 2) is empty; allowed: a [user@]host[:port] string"],
      ["hosts: []\n", "hosts (line 1) is an empty list; allowed: at least one host"],
      ["hosts: web1\n", 'hosts (line 1) is "web1"; allowed: a list of hosts'],
      [
        "host: web1\n",
        "has no hosts key, so it is not an inventory (none of its content is shown); allowed:",
      ],
      ["- web1\n", "the document (line 1) is a list; allowed: a YAML mapping with a hosts list"],
      ["", "is empty; allowed: a YAML mapping with a hosts list"],
      ["# nothing\n", "is empty; allowed: a YAML mapping"],
      ["hosts: [a.example\n", "line 2, column 1 is not valid YAML"],
      ["hosts: [a]\nhosts: [b]\n", "line 2, column 1 is not valid YAML (Map keys must be unique)"],
      ["hosts: [a]\n---\nhosts: [b]\n", "is not valid YAML (Source contains multiple documents"],
      [
        "hosts:\n  - host: a.example\n    labels: {'bad key!': x}\n",
        'hosts[0].labels["bad key!"] (line 3) is not a label name; allowed: letters, digits and . _ / -',
      ],
      [
        "hosts:\n  - host: a.example\n    wave: .nan\n",
        "hosts[0].wave (line 3) is NaN; allowed: a wave number",
      ],
      [
        "hosts:\n  - -oProxyCommand=x\n",
        'hosts[0] (line 2) "-oProxyCommand=x" starts with "-", which ssh would read as an option; allowed: [user@]host[:port]',
      ],
      [
        "hosts:\n  - host: 'web 1'\n",
        'hosts[0].host (line 2) "web 1" contains whitespace or a control character; allowed:',
      ],
      [
        "hosts:\n  - web1.example.com\n  - host: deploy@WEB1.example.com:22\n",
        'hosts[1].host (line 3) "deploy@WEB1.example.com:22" is deploy@web1.example.com:22 again, as hosts[0]; allowed: each host once',
      ],
    ];
    for (const [yaml, why] of cases) {
      const message = errorOf(() => parse(yaml));
      expect(message, yaml).toContain(`input "inventory" has value "deploy/inventory.yml": `);
      expect(message, yaml).toContain(why);
    }
  });

  it("shows nothing of a file that is not an inventory", () => {
    const files = [
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAhunter2\n-----END OPENSSH PRIVATE KEY-----\n",
      "root:$6$salt$hunter2:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
      "password=hunter2 token=hunter2\n",
      "SECRET_TOKEN: hunter2\nOTHER: x\n",
      "hunter2: 1\n",
      "- hunter2\n- x\n",
      "42\n",
      "token: !hunter2 x\n",
      "token: *hunter2\n",
      "key: |hunter2\n  x\n",
      '"hunter2\n',
      "[hunter2, {a: b]\n",
    ];
    for (const text of files) {
      const message = errorOf(() => parse(text));
      expect(message, text).toMatch(/^input "inventory" has value "deploy\/inventory.yml": /);
      expect(message, text).not.toContain("hunter2");
    }
    expect(errorOf(() => parse(files[0] as string))).toBe(
      'input "inventory" has value "deploy/inventory.yml": the document (line 1) is a text, not a mapping; allowed: a YAML mapping with a hosts list; each entry a [user@]host[:port] string, or a mapping with host, optional wave (a positive integer) and optional labels (a map of strings)',
    );
  });

  it("reports every problem at once", () => {
    const message = errorOf(() =>
      parse(
        "hosts:\n  - host: a.example\n    wave: 0\n  - b..example\n  - a.example\n  - host: c\n    x: 1\n",
      ),
    );
    expect(message).toBe(
      'input "inventory" has value "deploy/inventory.yml": 4 problems:\n' +
        "    - hosts[0].wave (line 3) is 0; allowed: a wave number: a positive integer up to 1000\n" +
        '    - hosts[1] (line 4) "b..example" host "b..example" has an empty label; allowed: [user@]host[:port] ' +
        "with user [a-z_][a-z0-9_-]{0,31}, host a DNS name, an IPv4 address or an IPv6 address in brackets " +
        "([2001:db8::1]), port 1-65535\n" +
        '    - hosts[2] (line 5) "a.example" is deploy@a.example:22 again, as hosts[0]; allowed: each host once\n' +
        '    - hosts[3].x (line 7) has unknown key "x"; allowed: host, wave, labels',
    );
  });

  it("reads the file the inventory input names", async () => {
    const dir = await mkdtemp(join(tmpdir(), "goship-inventory-"));
    try {
      const file = join(dir, "inventory.yml");
      await writeFile(file, "hosts:\n  - host: web1.example.com\n    wave: 2\n  - web2.example.com\n");
      const entries = await readInventory(file, { user: "app", port: 2222 });
      expect(entries.map((e) => [formatHostSpec(e.spec), e.wave])).toEqual([
        ["app@web1.example.com:2222", 2],
        ["app@web2.example.com:2222", undefined],
      ]);
      await expect(readInventory(join(dir, "missing.yml"), defaults)).rejects.toThrow(
        `input "inventory" has value "${join(dir, "missing.yml")}": does not exist; allowed: the path of a YAML inventory file`,
      );
      await expect(readInventory(dir, defaults)).rejects.toThrow(`has value "${dir}": is not a file`);
      await expect(readInventory(file, { user: "Bad User" })).rejects.toThrow(/^input "ssh-user"/);
      await writeFile(file, `hosts:\n${"  - a.example\n".repeat(80_000)}`);
      await expect(readInventory(file, defaults)).rejects.toThrow("is larger than 1 MiB");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("groups hosts by wave number, the hosts without one last, order kept", () => {
    const e = (name: string, wave?: number) => (wave === undefined ? { name } : { name, wave });
    const entries = [e("a", 2), e("b"), e("c", 1), e("d", 10), e("e", 2), e("f"), e("g", 1)];
    expect(wavesFromInventory(entries).map((w) => w.map((x) => x.name))).toEqual([
      ["c", "g"],
      ["a", "e"],
      ["d"],
      ["b", "f"],
    ]);
    expect(hasWaveNumbers(entries)).toBe(true);
    expect(wavesFromInventory([e("a"), e("b")]).map((w) => w.map((x) => x.name))).toEqual([["a", "b"]]);
    expect(hasWaveNumbers([e("a"), e("b")])).toBe(false);
    expect(wavesFromInventory([])).toEqual([]);
  });
});

describe("parseEnvironment", () => {
  it("reads KEY=VALUE lines, skipping blank lines and comments, values byte for byte", () => {
    const text = [
      "# database",
      "DATABASE_URL=postgres://app:p@ss=w0rd@db/app?sslmode=require",
      "",
      "   ",
      "  LOG_LEVEL=debug",
      "  # indented comment",
      "EMPTY=",
      "QUOTED=\"kept\" 'as is' $HOME \\n",
      "_UNDERSCORE1=  spaces around  ",
      "WINDOWS=crlf\r",
      "UNICODE=日本語 ✓ 🚀",
    ].join("\n");
    expect(parseEnvironment(text)).toEqual([
      { key: "DATABASE_URL", value: "postgres://app:p@ss=w0rd@db/app?sslmode=require" },
      { key: "LOG_LEVEL", value: "debug" },
      { key: "EMPTY", value: "" },
      { key: "QUOTED", value: "\"kept\" 'as is' $HOME \\n" },
      { key: "_UNDERSCORE1", value: "  spaces around  " },
      { key: "WINDOWS", value: "crlf" },
      { key: "UNICODE", value: "日本語 ✓ 🚀" },
    ]);
    expect(parseEnvironment("")).toEqual([]);
  });

  it("names lines, never their text, and says what is allowed", () => {
    const allowed =
      "allowed: KEY=VALUE lines with KEY matching [A-Za-z_][A-Za-z0-9_]*, each key once, not PORT or ADDR " +
      "(goship sets those), values without control characters; blank lines and # comments are ignored";
    expect(errorOf(() => parseEnvironment("A=1\nB=2\nhunter2-s3cr3t\n"))).toBe(
      `input "environment" has value "***": line 3 is not KEY=VALUE; ${allowed}`,
    );
    const cases: [string, string][] = [
      ["1KEY=hunter2", 'line 1: the name before "=" is not a variable name'],
      ["MY KEY=hunter2", 'line 1: the name before "=" is not a variable name'],
      ["KEY =hunter2", 'line 1: the name before "=" is not a variable name'],
      ["export KEY=hunter2", 'line 1: the name before "=" is not a variable name'],
      ["=hunter2", 'line 1: the name before "=" is not a variable name'],
      ["A=1\nKEY=hun\tter2", "line 2 (KEY): the value contains a control character"],
      ["KEY=hunter2\r\r", "line 1 (KEY): the value contains a control character"],
      ["KEY=hun\u0000ter2", "line 1 (KEY): the value contains a control character"],
      ["KEY=hun\u0085ter2", "line 1 (KEY): the value contains a control character"],
      ["KEY=hun\ud800ter2", "line 1 (KEY): the value is not valid Unicode text"],
      ["PORT=hunter2", "line 1 sets PORT, which goship sets itself"],
      ["A=1\nADDR=hunter2", "line 2 sets ADDR, which goship sets itself"],
      ["KEY=a\n\nKEY=hunter2", "line 3 sets KEY again (line 1 set it already)"],
      [`KEY=${"x".repeat(128 * 1024)}hunter2`, "line 1 (KEY) is longer than 131071 bytes"],
    ];
    for (const [text, why] of cases) {
      const message = errorOf(() => parseEnvironment(text));
      expect(message).toContain(`input "environment" has value "***": ${why}`);
      expect(message).toContain(allowed);
      expect(message).not.toContain("hunter2");
      expect(message).not.toContain("hun");
    }
    const many = errorOf(() => parseEnvironment("a\nb\nc\nPORT=1\nX=1\nX=2"));
    expect(many).toContain(
      "line 1 is not KEY=VALUE; line 2 is not KEY=VALUE; line 3 is not KEY=VALUE; line 4 sets PORT, which goship sets itself (it decides where the service listens); line 6 sets X again (line 5 set it already); allowed:",
    );
  });

  it("works as a secret zod field: parseInputs shows *** and line numbers only", () => {
    const schema = z.object({ environment: secret(environment()).optional() });
    expect(parseInputs(schema, () => "A=1\nB=two words")).toEqual({
      environment: [
        { key: "A", value: "1" },
        { key: "B", value: "two words" },
      ],
    });
    const message = errorOf(() => parseInputs(schema, () => "A=1\nsupersecret"));
    expect(message).toBe(
      'input "environment" has value "***": line 2 is not KEY=VALUE; allowed: KEY=VALUE lines with KEY ' +
        "matching [A-Za-z_][A-Za-z0-9_]*, each key once, not PORT or ADDR (goship sets those), values without " +
        "control characters; blank lines and # comments are ignored",
    );
  });
});

/** Values that a naive EnvironmentFile writer gets wrong, one per variable. */
const TRICKY: EnvironmentEntry[] = [
  { key: "PLAIN", value: "plain-value_1.2:3/4@5%6+7,8=9" },
  { key: "SPACES", value: "hello world" },
  { key: "EDGE_SPACES", value: "  leading and trailing  " },
  { key: "ONLY_SPACE", value: " " },
  { key: "DOUBLE_QUOTES", value: 'say "hi" "' },
  { key: "SINGLE_QUOTES", value: "it's 'quoted' '" },
  { key: "QUOTED_WHOLE", value: '"whole"' },
  { key: "BACKSLASHES", value: "C:\\srv\\bin \\\\double \\n \\t \\x41 \\" },
  { key: "TRAILING_BACKSLASH", value: "trailing\\" },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${HOME} is the point
  { key: "DOLLARS", value: "$HOME ${HOME} $$ $(id) $1 $" },
  { key: "BACKTICKS", value: "`id` `" },
  { key: "HASH", value: "# not a comment #" },
  { key: "SEMICOLON", value: "; not a comment either" },
  { key: "EQUALS", value: "=a=b==" },
  { key: "PERCENT", value: "%i %n %% %" },
  { key: "SHELL", value: "~ * ? [x] {a,b} ! & | < > ( ) ^" },
  { key: "UNICODE", value: "unicodé ✓ 日本語 🚀 \u00a0nbsp \u2028 \u200b" },
  { key: "EMPTY", value: "" },
  { key: "_under", value: "lower-case key" },
  { key: "ALL_ASCII", value: Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("") },
];

describe("renderEnvironmentFile", () => {
  it("writes each value unquoted, with a backslash before every special ASCII character", () => {
    expect(
      renderEnvironmentFile([
        { key: "A", value: "plain" },
        { key: "B", value: "a b\"$c\\d'e#" },
        { key: "C", value: "" },
        { key: "D", value: "日本" },
      ]),
    ).toBe(
      "# Written by goship (deploy-systemd). Do not edit: every deploy rewrites this file.\n" +
        "A=plain\n" +
        "B=a\\ b\\\"\\$c\\\\d\\'e\\#\n" +
        "C=\n" +
        "D=日本\n",
    );
    expect(renderEnvironmentFile([])).toBe(
      "# Written by goship (deploy-systemd). Do not edit: every deploy rewrites this file.\n",
    );
  });

  it("refuses what parseEnvironment refuses, without showing the value", () => {
    expect(() => renderEnvironmentFile([{ key: "A B", value: "x" }])).toThrow("is not a variable name");
    expect(() => renderEnvironmentFile([{ key: "A", value: "s3cret\n" }])).toThrow(
      "environment value of A contains a control character",
    );
    expect(() =>
      renderEnvironmentFile([
        { key: "A", value: "1" },
        { key: "A", value: "2" },
      ]),
    ).toThrow("environment key A is given twice");
  });

  it("gives the same values back when sourced by a POSIX sh", async () => {
    const dir = await mkdtemp(join(tmpdir(), "goship-envfile-"));
    try {
      const file = join(dir, "app.env");
      await writeFile(file, renderEnvironmentFile(TRICKY));
      const out = execFileSync("sh", ["-c", 'set -a; . "$1"; env -0', "sh", file], {
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      });
      expectEnvironment(out, TRICKY);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Asserts that `env -0` output has every entry with exactly its value. */
function expectEnvironment(out: Buffer, entries: readonly EnvironmentEntry[]): void {
  const got = new Map<string, Buffer>();
  let start = 0;
  for (let i = out.indexOf(0); i !== -1; start = i + 1, i = out.indexOf(0, start)) {
    const item = out.subarray(start, i);
    const eq = item.indexOf("=");
    got.set(item.subarray(0, eq).toString(), item.subarray(eq + 1));
  }
  for (const { key, value } of entries) {
    expect(got.get(key)?.toString("hex"), key).toBe(Buffer.from(value).toString("hex"));
  }
}

describe("an EnvironmentFile read by a real systemd", () => {
  let fleet: Lab | undefined;
  let host: TestHost;

  beforeAll(async () => {
    fleet = await bootFleet(1, { prefix: "env" });
    host = fleet.hosts[0] as TestHost;
  }, 300_000);

  afterAll(async () => {
    await fleet?.stop();
  });

  it("gives a service every value byte for byte", async () => {
    const content = renderEnvironmentFile(TRICKY);
    const write = await host.exec(["sh", "-c", 'umask 077; cat > "$1"', "sh", "/tmp/goship-test.env"], {
      input: content,
    });
    expect(write.code, write.stderr).toBe(0);
    const run = await host.exec([
      "systemd-run",
      "--wait",
      "--pipe",
      "--quiet",
      "--collect",
      "-p",
      "EnvironmentFile=/tmp/goship-test.env",
      "/usr/bin/env",
      "-0",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expectEnvironment(Buffer.from(run.stdout, "utf8"), TRICKY);
  });
});
