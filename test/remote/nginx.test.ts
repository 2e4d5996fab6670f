import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { get } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upstreamPath } from "../../src/remote/layout.js";
import { SshClient, type SshSession, type StepResult } from "../../src/remote/ssh.js";
import {
  EXIT,
  outputValue,
  parseStatus,
  RemoteValueError,
  statusStep,
} from "../../src/remote/steps/index.js";
import {
  CanaryHeaderText,
  parseUpstream,
  parseUpstreamWrite,
  renderUpstream,
  type UpstreamSpec,
  type UpstreamState,
  UpstreamWriteError,
  upstreamState,
  writeUpstreamStep,
} from "../../src/remote/steps/nginx.js";
import { bootFleet, type Lab, type TestHost } from "../support/hosts.js";

/** f throws a RemoteValueError naming `field` (and saying `message`). */
const refused = (f: () => unknown, field: string, message = /./) => {
  expect(f, `expected ${field} to be refused`).toThrow(RemoteValueError);
  expect(f).toThrow(expect.objectContaining({ field, message: expect.stringMatching(message) }));
};

describe("upstream files", () => {
  it("renders the state line, then the upstream with the new slot first", () => {
    expect(renderUpstream({ app: "shop", newPort: 8082, oldPort: 8081, weight: 25 })).toBe(
      [
        "# goship upstream app=shop new=8082 old=8081 weight=25",
        "# Written by goship deploy-systemd (blue-green); shift, promote and rollback rewrite it. 25% of the requests go to 8082 (new), 75% to 8081 (old).",
        "upstream shop {",
        "    server 127.0.0.1:8082 weight=25;",
        "    server 127.0.0.1:8081 weight=75;",
        "    keepalive 16;",
        "}",
        "",
      ].join("\n"),
    );
    // A slot at 0% stays in the file, down: nginx refuses weight=0.
    const all = renderUpstream({ app: "shop", newPort: 8082, oldPort: 8081, weight: 100 });
    expect(all).toContain("    server 127.0.0.1:8082 weight=100;\n    server 127.0.0.1:8081 down;\n");
    const none = renderUpstream({ app: "shop", newPort: 8082, oldPort: 8081, weight: 0 });
    expect(none).toContain("    server 127.0.0.1:8082 down;\n    server 127.0.0.1:8081 weight=100;\n");
    expect(renderUpstream({ app: "a-1", newPort: 1024, oldPort: null, weight: 100 })).toBe(
      [
        "# goship upstream app=a-1 new=1024 old=- weight=100",
        "# Written by goship deploy-systemd (blue-green); shift, promote and rollback rewrite it. All requests go to 1024.",
        "upstream a-1 {",
        "    server 127.0.0.1:1024 weight=100;",
        "    keepalive 16;",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("takes the slots spelled out, in any order, to the same bytes", () => {
    const text = renderUpstream({ app: "shop", newPort: 8082, oldPort: 8081, weight: 30 });
    for (const slots of [
      [
        { port: 8082, weight: 30 },
        { port: 8081, weight: 70 },
      ],
      [
        { port: 8081, weight: 70 },
        { port: 8082, weight: 30 },
      ],
    ]) {
      expect(renderUpstream({ app: "shop", slots, newPort: 8082, oldPort: 8081 })).toBe(text);
    }
    // A slot left out gets 0%.
    expect(
      renderUpstream({ app: "shop", slots: [{ port: 8082, weight: 100 }], newPort: 8082, oldPort: 8081 }),
    ).toBe(renderUpstream({ app: "shop", newPort: 8082, oldPort: 8081, weight: 100 }));
    expect(renderUpstream({ app: "shop", slots: [{ port: 8081, weight: 100 }], newPort: 8081 })).toBe(
      renderUpstream({ app: "shop", newPort: 8081, oldPort: null, weight: 100 }),
    );
    expect(
      upstreamState({ app: "shop", slots: [{ port: 8081, weight: 100 }], newPort: 8082, oldPort: 8081 }),
    ).toEqual({ app: "shop", newPort: 8082, oldPort: 8081, weight: 0 });
    expect(upstreamPath("shop")).toBe("/etc/nginx/conf.d/goship-shop.conf");
  });

  it("checks every value, naming the field", () => {
    const base: UpstreamState = { app: "shop", newPort: 8082, oldPort: 8081, weight: 50 };
    for (const app of ["", "Shop", "-x", "1x", "x y", "x;id", "x".repeat(33), "shop\n", "ä"]) {
      refused(() => renderUpstream({ ...base, app }), "app");
    }
    for (const port of [0, 80, 1023, 65_536, 8081.5, Number.NaN, "8081" as unknown as number]) {
      refused(() => renderUpstream({ ...base, newPort: port }), "newPort");
      refused(() => renderUpstream({ ...base, oldPort: port }), "oldPort");
    }
    for (const weight of [-1, 101, 50.5, Number.NaN, "50" as unknown as number]) {
      refused(() => renderUpstream({ ...base, weight }), "weight", /an integer from 0 to 100/);
    }
    refused(() => renderUpstream({ ...base, oldPort: 8082 }), "oldPort", /must differ from newPort/);
    refused(() => renderUpstream({ ...base, oldPort: null, weight: 0 }), "weight", /100% of the requests/);
    refused(
      () => renderUpstream({ ...base, oldPort: null, weight: 60 }),
      "weight",
      /must be 100 without an oldPort/,
    );
    const slots = (...s: [number, number][]): UpstreamSpec => ({
      app: "shop",
      newPort: 8082,
      oldPort: 8081,
      slots: s.map(([port, weight]) => ({ port, weight })),
    });
    refused(() => renderUpstream(slots()), "slots", /one or two slots/);
    refused(() => renderUpstream(slots([8082, 50], [8081, 30], [8083, 20])), "slots", /one or two slots/);
    refused(() => renderUpstream(slots([8082, 50], [8081, 40])), "slots", /add up to 100/);
    refused(
      () => renderUpstream(slots([8082, 50], [8083, 50])),
      "slots[1].port",
      /newPort \(8082\) or oldPort/,
    );
    refused(() => renderUpstream(slots([8082, 50], [8082, 50])), "slots[1].port", /at most once/);
    refused(() => renderUpstream(slots([8082, 50], [8081, -50])), "slots[1].weight");
    refused(() => renderUpstream(slots([80, 50], [8081, 50])), "slots[0].port");
    expect(() => renderUpstream({ ...base, app: "x; rm -rf /" })).toThrow(
      /^app "x; rm -rf \/" cannot be used on a host/,
    );
  });

  it("reads back the state of its own files, and of nothing else", () => {
    const states: UpstreamState[] = [
      { app: "shop", newPort: 8082, oldPort: 8081, weight: 25 },
      { app: "shop", newPort: 8081, oldPort: 8082, weight: 0 },
      { app: "a", newPort: 65_535, oldPort: 1024, weight: 100 },
      { app: "x-1", newPort: 8081, oldPort: null, weight: 100 },
    ];
    for (const s of states) {
      const text = renderUpstream(s);
      expect(parseUpstream(text)).toEqual({ ...s, edited: false });
      expect(renderUpstream(parseUpstream(text) as UpstreamState)).toBe(text);
      const edited = text.replace("keepalive 16;", "keepalive 64;");
      expect(parseUpstream(edited)).toEqual({ ...s, edited: true });
    }
    const not = [
      "",
      "upstream shop {\n    server 127.0.0.1:8081;\n}\n",
      readFileSync("/etc/nginx/nginx.conf", "utf8"),
      "# goship upstream app=shop new=8082 old=8081 weight=25 \n",
      " # goship upstream app=shop new=8082 old=8081 weight=25\n",
      "# goship upstream app=Shop new=8082 old=8081 weight=25\n",
      "# goship upstream app=shop new=80 old=8081 weight=25\n",
      "# goship upstream app=shop new=08082 old=8081 weight=25\n",
      "# goship upstream app=shop new=65536 old=8081 weight=25\n",
      "# goship upstream app=shop new=8082 old=8081 weight=101\n",
      "# goship upstream app=shop new=8082 old=8081 weight=050\n",
      "# goship upstream app=shop new=8082 old=8082 weight=25\n",
      "# goship upstream app=shop new=8082 old=- weight=25\n",
      "# goship upstream app=shop new=8082 weight=25\n",
      "\n# goship upstream app=shop new=8082 old=8081 weight=25\n",
    ];
    for (const text of not) expect(parseUpstream(text), text.slice(0, 80)).toBeNull();
  });
});

describe("canary by header", () => {
  const X = { name: "X-Canary", value: "1" };

  it("routes the header to the new slot alone while there is an old one, at any weight", () => {
    expect(renderUpstream({ app: "shop", newPort: 8082, oldPort: 8081, weight: 0, canary: X })).toBe(
      [
        "# goship upstream app=shop new=8082 old=8081 weight=0 canary=X-Canary:1",
        "# Written by goship deploy-systemd (blue-green); shift, promote and rollback rewrite it. 0% of the requests go to 8082 (new), 100% to 8081 (old). Requests with X-Canary: 1 go to 8082.",
        "upstream shop {",
        "    server 127.0.0.1:8082 down;",
        "    server 127.0.0.1:8081 weight=100;",
        "    keepalive 16;",
        "}",
        "upstream shop.canary {",
        "    server 127.0.0.1:8082;",
        "    keepalive 16;",
        "}",
        'map "v=$http_x_canary" $goship_shop {',
        "    default shop;",
        '    "v=1" shop.canary;',
        "}",
        "",
      ].join("\n"),
    );
    // The weighted upstream is the same with or without the header route.
    const weighted = renderUpstream({ app: "shop", newPort: 8082, oldPort: 8081, weight: 50 });
    const routed = renderUpstream({ app: "shop", newPort: 8082, oldPort: 8081, weight: 50, canary: X });
    const body = (t: string) => t.split("\n").slice(2, 7).join("\n");
    expect(body(routed)).toBe(body(weighted));
  });

  it("keeps the variable, without the route, once there is no old slot; an app's dashes become underscores", () => {
    expect(renderUpstream({ app: "my-shop", newPort: 8082, oldPort: null, weight: 100, canary: X })).toBe(
      [
        "# goship upstream app=my-shop new=8082 old=- weight=100 canary=X-Canary:1",
        "# Written by goship deploy-systemd (blue-green); shift, promote and rollback rewrite it. All requests go to 8082. No header route: X-Canary: 1 comes back with the next rollout.",
        "upstream my-shop {",
        "    server 127.0.0.1:8082 weight=100;",
        "    keepalive 16;",
        "}",
        'map "v=$http_x_canary" $goship_my_shop {',
        "    default my-shop;",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("reads the header back from the state line", () => {
    for (const s of [
      { app: "shop", newPort: 8082, oldPort: 8081, weight: 0, canary: X },
      {
        app: "shop",
        newPort: 8081,
        oldPort: null,
        weight: 100,
        canary: { name: "x-b", value: "a.B_~+/=-9" },
      },
    ] satisfies UpstreamState[]) {
      const text = renderUpstream(s);
      expect(parseUpstream(text)).toEqual({ ...s, edited: false });
      expect(parseUpstream(text.replace("    default ", "    default x"))).toEqual({ ...s, edited: true });
    }
    for (const line of [
      "# goship upstream app=shop new=8082 old=8081 weight=0 canary=X-Canary",
      "# goship upstream app=shop new=8082 old=8081 weight=0 canary=X_Canary:1",
      "# goship upstream app=shop new=8082 old=8081 weight=0 canary=X-Canary:a b",
      '# goship upstream app=shop new=8082 old=8081 weight=0 canary=X-Canary:"1"',
      "# goship upstream app=shop new=8082 old=8081 weight=0 canary=",
    ]) {
      expect(parseUpstream(`${line}\n`), line).toBeNull();
    }
  });

  it("takes only a header name token and a value of safe characters", () => {
    expect(CanaryHeaderText.parse("X-Canary: 1")).toEqual(X);
    expect(CanaryHeaderText.parse("x-canary:1")).toEqual({ name: "x-canary", value: "1" });
    expect(CanaryHeaderText.parse("X-Smoke-Test \t:\t tok.en_~+/=-")).toEqual({
      name: "X-Smoke-Test",
      value: "tok.en_~+/=-",
    });
    for (const bad of [
      "",
      "X-Canary",
      "X-Canary:",
      ": 1",
      "X Canary: 1",
      "X_Canary: 1",
      "1X: 1",
      "X-Canary: 1 2",
      'X-Canary: "1"',
      "X-Canary: 1;",
      "X-Canary: $host",
      "X-Canary: {1}",
      "X-Canary: 1\\",
      "X-Canary: 1#",
      "X-Canary: 1\n",
      `${"X".repeat(65)}: 1`,
      `X-Canary: ${"1".repeat(129)}`,
    ]) {
      expect(CanaryHeaderText.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const base: UpstreamState = { app: "shop", newPort: 8082, oldPort: 8081, weight: 0 };
    for (const canary of [
      { name: "X-Canary", value: "1; }" },
      { name: "X-Canary", value: "" },
      { name: "X_Canary", value: "1" },
      { name: "X-Canary\nserver", value: "1" },
    ]) {
      refused(() => renderUpstream({ ...base, canary }), "canary");
    }
  });
});

describe("nginx steps", () => {
  it("has a constant script that starts with set -eu and parses as POSIX sh (dash) and bash", () => {
    const { script } = writeUpstreamStep;
    expect(script.startsWith("set -eu\n")).toBe(true);
    expect(script).not.toMatch(/\[object |undefined|\\\$\{/);
    execFileSync("dash", ["-n", "-c", script]);
    execFileSync("bash", ["-n", "-c", script]);
    expect(writeUpstreamStep.script).toContain("tr -d '\\000'");
    expect(writeUpstreamStep.stdin).toBe(true);
  });

  it("takes a checked app as its one argument", () => {
    expect(writeUpstreamStep.args({ app: "shop" })).toEqual(["shop"]);
    for (const app of ["", "../x", "x y", "$(id)", "X"]) {
      refused(() => writeUpstreamStep.args({ app }), "app");
    }
  });

  it("reads what write-upstream prints", () => {
    expect(parseUpstreamWrite({ code: 0, stdout: "CHANGED=0\n", stderr: "" })).toEqual({
      changed: false,
      recovered: false,
      verified: false,
    });
    expect(
      parseUpstreamWrite({ code: 0, stdout: "RECOVERED=1\nCHANGED=1\nVERIFIED=1\n", stderr: "" }),
    ).toEqual({
      changed: true,
      recovered: true,
      verified: true,
    });
    const e = (() => {
      try {
        parseUpstreamWrite({
          code: EXIT.NGINX_INVALID,
          stdout: 'NGINX_ERROR=duplicate upstream "shop" in /etc/nginx/conf.d/x.conf:1\n',
          stderr: "goship-step: nginx -t refused the new upstream of shop, which is taken back\n",
        });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(UpstreamWriteError);
    expect(e).toMatchObject({
      code: EXIT.NGINX_INVALID,
      nginxError: 'duplicate upstream "shop" in /etc/nginx/conf.d/x.conf:1',
      message:
        "write-upstream: nginx -t refused the configuration with the new upstream (the previous one is back): nginx -t refused the new upstream of shop, which is taken back",
    });
  });
});

/** One GET over a new connection: `<status> <body>`. */
function fetchOnce(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: 5000, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve(res.statusCode === 200 ? body.trim() : `HTTP ${res.statusCode}`));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${url}: no answer within 5 s`)));
    req.on("error", reject);
  });
}

describe("blue-green traffic through nginx on a real host", () => {
  let fleet: Lab | undefined;
  let host: TestHost;
  let client: SshClient | undefined;
  let session: SshSession;
  const SITE = `server {
    listen 8080;
    location / {
        proxy_pass http://shop;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
    }
}
`;

  /** A shell snippet on the host as root, values as arguments; fails the test on a non-zero exit. */
  const onHost = async (script: string, ...args: string[]) => {
    const r = await host.exec(["sh", "-c", script, "test", ...args]);
    if (r.code !== 0) throw new Error(`on host: ${script}: exit ${r.code}\n${r.stderr}`);
    return r.stdout;
  };
  const write = (content: UpstreamSpec | string, app = "shop"): Promise<StepResult> =>
    session.run(writeUpstreamStep, writeUpstreamStep.args({ app }), {
      sudo: true,
      stdin: typeof content === "string" ? content : renderUpstream(content),
      allowFailure: true,
      timeoutMs: 60_000,
    });
  const ok = (r: StepResult) => {
    expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
    return r;
  };
  const failsWith = (r: StepResult, code: number) => {
    expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
    return r;
  };
  const fileOnHost = (app = "shop") =>
    onHost('if [ -e "$1" ]; then cat -- "$1"; else printf "<none>"; fi', upstreamPath(app));
  /** What conf.d holds besides the machine's own files: ours, and no journal or temporary file left. */
  const confD = async () =>
    (await onHost("ls -A /etc/nginx/conf.d")).split("\n").filter((f) => f !== "" && !f.startsWith("legacy"));
  /** Requests from the test process to nginx on the host, counted by the slot that answered. */
  const hits = async (n = 50) => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const got = await fetchOnce(`http://${host.address}:8080/`).catch((e: unknown) => String(e));
      counts[got] = (counts[got] ?? 0) + 1;
    }
    return counts;
  };
  /** The PIDs of nginx's workers (the master's children). */
  const nginxWorkers = () => onHost('ps -o pid= --ppid "$(cat /run/nginx.pid)" | sort -n');
  const state = (newPort: number, oldPort: number | null, weight: number): UpstreamState => ({
    app: "shop",
    newPort,
    oldPort,
    weight,
  });

  beforeAll(async () => {
    fleet = await bootFleet(1, { prefix: "ngx" });
    host = fleet.hosts[0] as TestHost;
    // The two slots: tiny HTTP servers on the host's loopback, each answering its own port.
    for (const port of [8081, 8082]) {
      await onHost('mkdir -p "/srv/slot-$1" && printf "%s\\n" "$1" >"/srv/slot-$1/index.html"', String(port));
      await onHost(
        'systemd-run --quiet --unit="goship-test-slot-$1" /usr/bin/python3 -m http.server "$1" --bind 127.0.0.1 --directory "/srv/slot-$1"',
        String(port),
      );
    }
    for (const port of [8081, 8082]) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const r = await host.exec(["curl", "-fsS", `http://127.0.0.1:${port}/`]);
        if (r.stdout.trim() === String(port)) break;
        if (Date.now() > deadline) throw new Error(`slot ${port} does not answer: ${r.stderr}`);
        await sleep(100);
      }
    }
    client = await SshClient.create({
      privateKey: readFileSync(fleet.deployKey, "utf8"),
      knownHosts: fleet.knownHosts,
      connectTimeoutSec: 5,
    });
    session = client.session({ user: fleet.deployUser, host: host.address, port: 22 });
  }, 300_000);

  afterAll(async () => {
    await client?.close();
    await fleet?.stop();
  });

  it("refuses, changing nothing, where /etc/nginx/conf.d is missing", async () => {
    await onHost("mv /etc/nginx/conf.d /etc/nginx/conf.d.away");
    try {
      const r = failsWith(await write(state(8081, null, 100)), EXIT.NGINX_UNAVAILABLE);
      expect(r.stderr).toContain(
        "/etc/nginx/conf.d does not exist: goship writes the upstream of shop there",
      );
      expect(r.stdout).toBe("");
    } finally {
      await onHost("mv /etc/nginx/conf.d.away /etc/nginx/conf.d");
    }
    expect(await onHost("ls -A /etc/nginx/conf.d")).toBe("");
  });

  it("first deploy: the upstream makes the user's server block valid, and all requests go to the one slot", async () => {
    // The server block alone does not pass nginx -t (no upstream "shop" yet): with ours, it does.
    await onHost('printf "%s" "$1" >/etc/nginx/sites-enabled/shop', SITE);
    expect((await host.exec(["nginx", "-t", "-q"])).code).not.toBe(0);
    const r = ok(await write(state(8081, null, 100)));
    expect(r.stdout).toBe("CHANGED=1\nVERIFIED=1\n");
    expect(parseUpstreamWrite(r)).toEqual({ changed: true, recovered: false, verified: true });
    expect(await fileOnHost()).toBe(renderUpstream(state(8081, null, 100)));
    expect(await onHost('stat -c "%a %U %G" "$1"', upstreamPath("shop"))).toBe("644 root root\n");
    expect(await confD()).toEqual([".goship.lock", "goship-shop.conf"]);
    expect(await hits()).toEqual({ "8081": 50 });
  });

  it("shifts the traffic: 0%, then 50%, then 100% to the new slot", async () => {
    const none = parseUpstreamWrite(ok(await write(state(8082, 8081, 0))));
    expect(none).toEqual({ changed: true, recovered: false, verified: true });
    expect(await hits()).toEqual({ "8081": 50 });

    ok(await write(state(8082, 8081, 50)));
    const half = await hits();
    expect(Object.keys(half).sort()).toEqual(["8081", "8082"]);
    expect(half["8081"]).toBeGreaterThanOrEqual(15);
    expect(half["8082"]).toBeGreaterThanOrEqual(15);

    ok(await write(state(8082, 8081, 100)));
    expect(await hits()).toEqual({ "8082": 50 });
    expect(await confD()).toEqual([".goship.lock", "goship-shop.conf"]);
  });

  it("does not reload nginx for the same content again (CHANGED=0)", async () => {
    const before = await nginxWorkers();
    const r = ok(await write(state(8082, 8081, 100)));
    expect(r.stdout).toBe("CHANGED=0\n");
    expect(parseUpstreamWrite(r).changed).toBe(false);
    await sleep(300);
    expect(await nginxWorkers()).toBe(before);
  });

  it("reads the state back (the file, and status's UPSTREAM line), or nothing for an app without one", async () => {
    expect(await fileOnHost()).toBe(renderUpstream(state(8082, 8081, 100)));
    expect(parseUpstream(await fileOnHost())).toEqual({ ...state(8082, 8081, 100), edited: false });
    const status = async (app: string) =>
      parseStatus(
        (await session.run(statusStep, statusStep.args({ app, historyLines: 0 }), { sudo: true })).stdout,
      );
    const line = (await status("shop")).upstream;
    expect(line).toBe(renderUpstream(state(8082, 8081, 100)).split("\n")[0]);
    expect(parseUpstream(line ?? "")).toMatchObject(state(8082, 8081, 100));
    expect((await status("nothing")).upstream).toBeNull();
    expect(parseUpstream(await fileOnHost("nothing"))).toBeNull();
  });

  it("takes back a file nginx -t refuses, and nginx goes on serving the previous one", async () => {
    const previous = await fileOnHost();
    const before = await nginxWorkers();
    // Content nginx refuses: weight=0 is not a weight.
    const bad = `# goship upstream app=shop new=8081 old=8082 weight=100\nupstream shop {\n    server 127.0.0.1:8081 weight=0;\n}\n`;
    const r = failsWith(await write(bad), EXIT.NGINX_INVALID);
    expect(outputValue(r.stdout, "NGINX_ERROR")).toMatch(
      /^invalid parameter "weight=0" in \/etc\/nginx\/conf\.d\/goship-shop\.conf:3$/,
    );
    expect(r.stderr).toContain("nginx -t refused the new upstream of shop, which is taken back");
    expect(() => parseUpstreamWrite(r)).toThrow(UpstreamWriteError);
    expect(await fileOnHost()).toBe(previous);
    expect(await confD()).toEqual([".goship.lock", "goship-shop.conf"]);
    expect(await nginxWorkers()).toBe(before);
    expect(await hits()).toEqual({ "8082": 50 });

    // A conflicting file of someone else's: another upstream named shop.
    await onHost(
      'printf "upstream shop {\\n    server 127.0.0.1:9;\\n}\\n" >/etc/nginx/conf.d/legacy-shop.conf',
    );
    try {
      const c = failsWith(await write(state(8082, 8081, 50)), EXIT.NGINX_INVALID);
      expect(outputValue(c.stdout, "NGINX_ERROR")).toMatch(
        /^duplicate upstream "shop" in \/etc\/nginx\/conf\.d\/(goship|legacy)-shop\.conf:1$/,
      );
      let err: unknown;
      try {
        parseUpstreamWrite(c);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({
        code: EXIT.NGINX_INVALID,
        nginxError: expect.stringContaining("duplicate upstream"),
      });
      // It conflicts with the previous upstream just as well: the step says the error is elsewhere.
      expect(c.stderr).toContain(
        "nginx -t fails without the new upstream of shop too: the error is elsewhere",
      );
      expect(await fileOnHost()).toBe(previous);
      expect(await hits()).toEqual({ "8082": 50 });
    } finally {
      await onHost("rm -f /etc/nginx/conf.d/legacy-shop.conf");
    }

    // An app whose upstream was never written: ours is removed again.
    await onHost(
      'printf "upstream cart {\\n    server 127.0.0.1:9;\\n}\\n" >/etc/nginx/conf.d/legacy-cart.conf',
    );
    try {
      const cart = failsWith(
        await write({ ...state(9001, null, 100), app: "cart" }, "cart"),
        EXIT.NGINX_INVALID,
      );
      expect(outputValue(cart.stdout, "NGINX_ERROR")).toMatch(/duplicate upstream "cart"/);
      expect(cart.stderr).toContain("nginx -t refused the new upstream of cart, which is taken back");
      expect(await fileOnHost("cart")).toBe("<none>");
      expect(await confD()).toEqual([".goship.lock", "goship-shop.conf"]);
    } finally {
      await onHost("rm -f /etc/nginx/conf.d/legacy-cart.conf");
    }
    expect((await host.exec(["nginx", "-t", "-q"])).code).toBe(0);
    expect(await hits()).toEqual({ "8082": 50 });
  });

  it("undoes a write that was cut short after nginx took it: the next one reloads, even for the same content", async () => {
    const file = upstreamPath("shop");
    // As a run killed between its reload and removing its journal leaves it: nginx runs 0%,
    // the journal still holds the 100% file it replaced.
    await onHost('cp -p -- "$1" "/etc/nginx/conf.d/.goship-shop.conf.prev"', file);
    await onHost(
      'printf "%s" "$2" >"$1" && systemctl reload nginx',
      file,
      renderUpstream(state(8082, 8081, 0)),
    );
    const deadline = Date.now() + 10_000;
    while (JSON.stringify(await hits(5)) !== JSON.stringify({ "8081": 5 })) {
      if (Date.now() > deadline) throw new Error("nginx did not take the 0% file");
      await sleep(100);
    }
    const r = ok(await write(state(8082, 8081, 100)));
    expect(r.stdout).toBe("RECOVERED=1\nCHANGED=1\nVERIFIED=1\n");
    expect(parseUpstreamWrite(r)).toEqual({ changed: true, recovered: true, verified: true });
    expect(await fileOnHost()).toBe(renderUpstream(state(8082, 8081, 100)));
    expect(await confD()).toEqual([".goship.lock", "goship-shop.conf"]);
    expect(await hits()).toEqual({ "8082": 50 });
  });

  it("converges after being killed at any point: nginx serves what the last complete run wrote", async () => {
    const argv = writeUpstreamStep.args({ app: "shop" });
    const weights = [10, 90, 30, 70, 0, 100, 40, 60, 20, 80, 50, 5];
    const killed: string[] = [];
    for (const [i, weight] of weights.entries()) {
      const delay = (0.01 + (i % 6) * 0.03).toFixed(2);
      // timeout and with it the step die by SIGKILL (nsenter passes the signal on: code -1).
      const k = await host.exec(
        ["timeout", "-s", "KILL", delay, "sh", "-c", writeUpstreamStep.script, "goship-step", ...argv],
        { input: renderUpstream(state(8082, 8081, weight)) },
      );
      if (k.code !== 0) killed.push(`${delay}s: ${k.stdout.replaceAll("\n", " ")}`);
    }
    expect(killed.length, "runs killed before they finished").toBeGreaterThanOrEqual(4);
    const r = ok(await write(state(8081, 8082, 100)));
    expect(r.stdout).toMatch(/^(RECOVERED=1\n)?CHANGED=1\nVERIFIED=1\n$/);
    expect(await fileOnHost()).toBe(renderUpstream(state(8081, 8082, 100)));
    expect(await confD()).toEqual([".goship.lock", "goship-shop.conf"]);
    expect(await hits()).toEqual({ "8081": 50 });
    expect((await host.exec(["nginx", "-t", "-q"])).code).toBe(0);
  });

  it("lets two apps write at once: each test and reload sees only complete files", async () => {
    const cart = { app: "cart", newPort: 9001, oldPort: 9002, weight: 50 };
    const [a, b] = await Promise.all([write(state(8082, 8081, 100)), write(cart, "cart")]);
    expect(ok(a).stdout).toBe("CHANGED=1\nVERIFIED=1\n");
    expect(ok(b).stdout).toBe("CHANGED=1\nVERIFIED=1\n");
    expect(await fileOnHost("cart")).toBe(renderUpstream(cart));
    expect(await confD()).toEqual([".goship.lock", "goship-cart.conf", "goship-shop.conf"]);
    expect(await hits()).toEqual({ "8082": 50 });
    await onHost('rm -f "$1" && systemctl reload nginx', upstreamPath("cart"));
  });

  it("takes the file back when nginx does not take it on reload, and reloads on the next write", async () => {
    const previous = await fileOnHost();
    // nginx -t does not bind: a server on a port already taken passes it, and only the reload fails.
    await onHost('printf "server {\\n    listen 127.0.0.1:8081;\\n}\\n" >/etc/nginx/sites-enabled/taken');
    let r: StepResult;
    try {
      r = failsWith(await write(state(8081, 8082, 50)), EXIT.NGINX_RELOAD_FAILED);
    } finally {
      await onHost("rm -f /etc/nginx/sites-enabled/taken");
    }
    expect(r.stderr).toContain(
      "nginx kept its workers 15 s after the reload: it did not take the new configuration (see its error log)",
    );
    expect(await fileOnHost()).toBe(previous);
    // The journal stays: nginx's state is not known for sure, so the next write reloads whatever it brings.
    expect(await confD()).toEqual([".goship-shop.conf.prev", ".goship.lock", "goship-shop.conf"]);
    expect(await hits()).toEqual({ "8082": 50 });
    const again = ok(await write(parseUpstream(previous) as UpstreamState));
    expect(again.stdout).toBe("RECOVERED=1\nCHANGED=1\nVERIFIED=1\n");
    expect(await confD()).toEqual([".goship.lock", "goship-shop.conf"]);
    expect(await hits()).toEqual({ "8082": 50 });
  });

  it("refuses, changing nothing, while nginx.service is not running", async () => {
    const previous = await fileOnHost();
    await onHost("systemctl stop nginx");
    try {
      const r = failsWith(await write(state(8081, 8082, 50)), EXIT.NGINX_UNAVAILABLE);
      expect(r.stderr).toContain("nginx.service is not running: start it first (nothing changed)");
      expect(await fileOnHost()).toBe(previous);
    } finally {
      await onHost("systemctl start nginx");
    }
    expect(await hits()).toEqual({ "8082": 50 });
  });

  it("refuses stdin that is not the app's upstream, and a file that is a link", async () => {
    const previous = await fileOnHost();
    for (const content of [
      "",
      "upstream shop {}\n",
      renderUpstream({ ...state(8081, null, 100), app: "shopx" }),
    ]) {
      const r = failsWith(await write(content), EXIT.BAD_ARGUMENT);
      expect(r.stderr).toContain("stdin: not a goship upstream of shop");
    }
    expect(await fileOnHost()).toBe(previous);
    await onHost('ln -s /etc/passwd "$1"', upstreamPath("evil"));
    const passwd = await onHost("sha256sum /etc/passwd");
    try {
      const r = failsWith(
        await write({ ...state(8081, null, 100), app: "evil" }, "evil"),
        EXIT.UNSAFE_LAYOUT,
      );
      expect(r.stderr).toContain("/etc/nginx/conf.d/goship-evil.conf is a symbolic link");
      expect(await onHost("sha256sum /etc/passwd")).toBe(passwd);
    } finally {
      await onHost('rm -f "$1"', upstreamPath("evil"));
    }
    expect(await confD()).toEqual([".goship.lock", "goship-shop.conf"]);
  });

  it("runs the same under bash, which is /bin/sh on RHEL-family hosts", async () => {
    const bash = (spec: UpstreamState) =>
      host.exec(["bash", "-c", writeUpstreamStep.script, "goship-step", ...writeUpstreamStep.args(spec)], {
        input: renderUpstream(spec),
      });
    expect((await bash(state(8082, 8081, 100))).stdout).toBe("CHANGED=0\n");
    const half = await bash(state(8082, 8081, 50));
    expect(half).toMatchObject({ code: 0, stdout: "CHANGED=1\nVERIFIED=1\n" });
    expect(Object.keys(await hits(20)).sort()).toEqual(["8081", "8082"]);
    expect((await bash(state(8082, 8081, 100))).stdout).toBe("CHANGED=1\nVERIFIED=1\n");
    expect(await hits()).toEqual({ "8082": 50 });
    const read = await host.exec(["bash", "-c", 'cat -- "$1"', "read", upstreamPath("shop")]);
    expect(parseUpstream(read.stdout)).toEqual({ ...state(8082, 8081, 100), edited: false });
  });

  it("canary by header: the header reaches the new slot at 0%, nothing else does; weights still split; gone with the old slot", async () => {
    const canary = { name: "X-Canary", value: "1" };
    const routed = (newPort: number, oldPort: number | null, weight: number): UpstreamState => ({
      ...state(newPort, oldPort, weight),
      canary,
    });
    /** Requests to nginx's `port` with `headers`, counted by the slot that answered. */
    const via = async (port: number, headers: Record<string, string> = {}, n = 40) => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const got = await fetchOnce(`http://${host.address}:${port}/`, headers).catch((e: unknown) =>
          String(e),
        );
        counts[got] = (counts[got] ?? 0) + 1;
      }
      return counts;
    };
    // The server block a canary header asks for: proxy_pass names the variable; nginx -t refuses
    // it until goship's file defines the variable.
    const site = SITE.replace("listen 8080;", "listen 8090;").replace(
      "proxy_pass http://shop;",
      "proxy_pass http://$goship_shop;",
    );
    await onHost('printf "%s" "$1" >/etc/nginx/sites-enabled/shop-canary', site);
    expect((await host.exec(["nginx", "-t", "-q"])).code).not.toBe(0);
    try {
      // A rollout at 0%: only requests with the header reach 8082, through the variable.
      ok(await write(routed(8082, 8081, 0)));
      expect(await onHost("nginx -t -q 2>&1 && echo ok")).toBe("ok\n");
      expect(await via(8090)).toEqual({ "8081": 40 });
      expect(await via(8090, { "X-Canary": "1" })).toEqual({ "8082": 40 });
      // The name in any case (HTTP's rule); the value exactly.
      expect(await via(8090, { "x-canary": "1" }, 10)).toEqual({ "8082": 10 });
      for (const value of ["2", "10", "", "1.0"]) {
        expect(await via(8090, { "X-Canary": value }, 10), JSON.stringify(value)).toEqual({ "8081": 10 });
      }
      expect(await via(8090, { "X-Other": "1" }, 10)).toEqual({ "8081": 10 });
      // The old form of the server block keeps working; it just never routes by header.
      expect(await via(8080, { "X-Canary": "1" })).toEqual({ "8081": 40 });

      // 50%: traffic without the header still splits round-robin; with it, all to the new slot.
      ok(await write(routed(8082, 8081, 50)));
      const half = await via(8090, {}, 60);
      expect(Object.keys(half).sort(), JSON.stringify(half)).toEqual(["8081", "8082"]);
      expect(half["8081"], JSON.stringify(half)).toBeGreaterThanOrEqual(20);
      expect(half["8082"], JSON.stringify(half)).toBeGreaterThanOrEqual(20);
      expect(await via(8090, { "X-Canary": "1" })).toEqual({ "8082": 40 });

      // A rollback's first write (newPort is the slot rolled back to): the header follows it.
      ok(await write(routed(8081, 8082, 100)));
      expect(await via(8090, { "X-Canary": "1" })).toEqual({ "8081": 40 });
      // No old slot (promoted or rolled back): no header route, the variable still defined.
      ok(await write(routed(8081, null, 100)));
      expect(await fileOnHost()).not.toContain("shop.canary");
      expect(await via(8090, { "X-Canary": "1" })).toEqual({ "8081": 40 });
      expect(await via(8090)).toEqual({ "8081": 40 });
      // The next rollout routes the header again.
      ok(await write(routed(8082, 8081, 0)));
      expect(await via(8090, { "X-Canary": "1" })).toEqual({ "8082": 40 });
      expect(await via(8090)).toEqual({ "8081": 40 });

      // Without the header the variable is gone: nginx -t refuses the file while a server block
      // names it, and nginx keeps the previous one.
      const previous = await fileOnHost();
      const r = failsWith(await write(state(8082, 8081, 0)), EXIT.NGINX_INVALID);
      expect(outputValue(r.stdout, "NGINX_ERROR")).toContain('unknown "goship_shop" variable');
      expect(await fileOnHost()).toBe(previous);
      expect(await via(8090, { "X-Canary": "1" })).toEqual({ "8082": 40 });
    } finally {
      await onHost("rm -f /etc/nginx/sites-enabled/shop-canary");
    }
    ok(await write(state(8082, 8081, 100)));
    expect(await hits()).toEqual({ "8082": 50 });
  });
}, 60_000);
