import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  analyzeUnitStep,
  cleanupStep,
  describeStepFailure,
  EXIT,
  type HistoryEntry,
  historyLine,
  lockStep,
  newHolderToken,
  outputFields,
  outputValue,
  parseLockOutcome,
  parseStatus,
  parseUnitState,
  REMOTE_STEPS,
  type RemoteStep,
  RemoteValueError,
  recordHistoryStep,
  serviceStep,
  stageReleaseStep,
  statusStep,
  switchStep,
  unitStateStep,
  unlockStep,
  writeEnvStep,
  writeUnitStep,
} from "../../src/remote/steps/index.js";
import { renderUnit, type UnitSpec } from "../../src/remote/unit.js";
import { parseSecurityReport } from "../../src/remote/unit-security.js";
import { buildGinApp } from "../support/gin-app.js";
import { bootFleet, type HostExecResult, type Lab, type TestHost } from "../support/hosts.js";

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const manifestFor = (...hashes: string[]) =>
  `${JSON.stringify({ kind: "goship.release", artifacts: hashes.map((h) => ({ binary: { name: "gin-app", sha256: h } })) }, null, 2)}\n`;

describe("values are checked before any script runs", () => {
  const refused = (f: () => unknown, field: string) => {
    let err: unknown;
    try {
      f();
    } catch (e) {
      err = e;
    }
    expect(err, `expected ${field} to be refused`).toBeInstanceOf(RemoteValueError);
    expect((err as RemoteValueError).field).toBe(field);
  };

  it("refuses hostile apps, versions, paths, tokens, URLs and numbers, naming the value", () => {
    for (const app of ["x; rm -rf /", "", "A", "-x", "1x", "x/y", "x".repeat(33), "x\n", "ä"]) {
      refused(() => switchStep.args({ app, version: "v1" }), "app");
    }
    for (const version of [
      "../../etc",
      "..",
      "a..b",
      "a/b",
      "-rf",
      "v1\n",
      "",
      ".v1",
      "v 1",
      "v1;",
      "x".repeat(129),
    ]) {
      refused(() => switchStep.args({ app: "shop", version }), "version");
      // Empty means "none" there (a first deploy has no previous release).
      if (version !== "")
        refused(() => cleanupStep.args({ app: "shop", keep: 3, protect: [version] }), "protect");
    }
    const stage = {
      app: "shop",
      version: "v1",
      binaryName: "gin-app",
      upload: "/tmp/up/gin-app",
      sha256: "a".repeat(64),
      manifest: "/tmp/up/m.json",
    };
    expect(stageReleaseStep.args(stage)).toEqual([
      "shop",
      "v1",
      "gin-app",
      "/tmp/up/gin-app",
      "a".repeat(64),
      "/tmp/up/m.json",
    ]);
    for (const upload of [
      "tmp/x",
      "/tmp/../etc/shadow",
      "/tmp/./x",
      "/tmp/a b",
      "/tmp/x/",
      "/",
      "/tmp//x",
      "/tmp/$(id)",
    ]) {
      refused(() => stageReleaseStep.args({ ...stage, upload }), "upload");
    }
    for (const hash of ["A".repeat(64), "a".repeat(63), `${"a".repeat(63)}g`, ""]) {
      refused(() => stageReleaseStep.args({ ...stage, sha256: hash }), "sha256");
    }
    refused(() => stageReleaseStep.args({ ...stage, binaryName: "goship-manifest.json" }), "binaryName");
    refused(() => stageReleaseStep.args({ ...stage, binaryName: "bin/app" }), "binaryName");
    const lock = { app: "shop", holder: "h.1", runUrl: "", ttlSeconds: 60 };
    for (const holder of ["", "a b", "a\nb", "x".repeat(129), "$(id)"]) {
      refused(() => lockStep.args({ ...lock, holder }), "holder");
    }
    for (const runUrl of [
      "javascript:alert(1)",
      "https://x y",
      "https://x\n",
      "ftp://x",
      "https://",
      "https://é",
    ]) {
      refused(() => lockStep.args({ ...lock, runUrl }), "runUrl");
    }
    for (const ttl of [0, -1, 1.5, Number.NaN, 1e12])
      refused(() => lockStep.args({ ...lock, ttlSeconds: ttl }), "ttlSeconds");
    for (const slot of [80, 1023, 65_536, 8081.5])
      refused(() => switchStep.args({ app: "shop", version: "v1", slot }), "slot");
    refused(() => cleanupStep.args({ app: "shop", keep: 0, protect: [] }), "keep");
    refused(() => statusStep.args({ app: "shop", historyLines: 1001 }), "historyLines");
    refused(() => writeUnitStep.args({ app: "shop", strategy: "canary" as "restart" }), "strategy");
    expect(() => switchStep.args({ app: "x; rm -rf /", version: "v1" })).toThrow(
      /^app "x; rm -rf \/" cannot be used on a host/,
    );
  });

  it("accepts weird but valid values unchanged", () => {
    expect(switchStep.args({ app: "x-", version: "1.0.0+build.7_rc-1", slot: 8082 })).toEqual([
      "x-",
      "1.0.0+build.7_rc-1",
      "8082",
    ]);
    expect(cleanupStep.args({ app: "a", keep: 1, protect: ["v2", null, undefined, "", "v2", "v1"] })).toEqual(
      ["a", "1", "v2", "v1"],
    );
    expect(writeUnitStep.args({ app: "shop", strategy: "blue-green" })).toEqual(["shop@.service"]);
    expect(
      lockStep.args({
        app: "shop",
        holder: "octo@123.1:x+y-z",
        runUrl: "https://github.com/o/r/actions/runs/1?a=b&c",
        ttlSeconds: 1800,
      }),
    ).toEqual(["shop", "octo@123.1:x+y-z", "https://github.com/o/r/actions/runs/1?a=b&c", "1800"]);
    const token = newHolderToken("octo cat/run 42");
    expect(token).toMatch(/^octo-cat-run-42\.[0-9a-f]{12}$/);
    expect(newHolderToken("octo cat/run 42")).not.toBe(token);
  });

  it("builds history lines with JSON.stringify: one line whatever the values hold", () => {
    const actor = 'Robert"); DROP TABLE\n\r\t\u0000 \u2028\u2029\u007f é $(rm -rf /) `id`';
    const line = historyLine({
      actor,
      action: "deploy",
      version: "v2",
      from: null,
      result: "success",
      runUrl: "",
    });
    expect(line).not.toMatch(/\p{Cc}|[\u2028\u2029]/u);
    expect(JSON.parse(line)).toEqual({
      actor,
      action: "deploy",
      version: "v2",
      from: null,
      result: "success",
      runUrl: "",
    });
    const timed = historyLine({
      time: 5,
      actor: "a",
      action: "rollback",
      version: "v1",
      from: "v2",
      result: "rolled-back",
      runUrl: "",
      slot: 8081,
      detail: "x",
    });
    expect(timed).toBe(
      '{"time":5,"actor":"a","action":"rollback","version":"v1","from":"v2","result":"rolled-back","runUrl":"","slot":8081,"detail":"x"}',
    );
    expect(recordHistoryStep.args({ app: "shop", entry: JSON.parse(timed) })).toEqual([
      "shop",
      timed,
      "given",
    ]);
    expect(() =>
      historyLine({
        actor: "a",
        action: "deploy",
        version: "../x",
        from: null,
        result: "success",
        runUrl: "",
      }),
    ).toThrow(RemoteValueError);
    expect(() =>
      historyLine({
        actor: "a".repeat(20_000),
        action: "deploy",
        version: "v1",
        from: null,
        result: "success",
        runUrl: "",
      }),
    ).toThrow(/at most 16384 bytes/);
  });

  it("reads what steps print", () => {
    expect(outputFields("A=1\nnoise\nB=x=y\nA=2\n")).toEqual([
      ["A", "1"],
      ["B", "x=y"],
      ["A", "2"],
    ]);
    expect(outputValue("PREVIOUS=\nCURRENT=v2\n", "PREVIOUS")).toBe("");
    expect(
      parseLockOutcome({
        code: EXIT.LOCK_HELD,
        stdout: "HOLDER=a\nRUN_URL=u\nSINCE=100\nAGE=7\nTTL=60\n",
        stderr: "",
      }),
    ).toEqual({
      acquired: false,
      holder: "a",
      runUrl: "u",
      since: 100,
      ageSeconds: 7,
    });
    expect(() =>
      parseLockOutcome({
        code: EXIT.UNSAFE_LAYOUT,
        stdout: "",
        stderr: "goship-step: /opt/x is a symbolic link\n",
      }),
    ).toThrow(
      "lock: a path under the app's directories is not what goship made (a link, or not root's): /opt/x is a symbolic link",
    );
    expect(describeStepFailure("switch", 1, "mv: cannot move\n")).toBe(
      "switch: exited with code 1: mv: cannot move",
    );
    const status = parseStatus(
      [
        "APP=shop",
        "MACHINE=x86_64",
        "CURRENT=v2",
        "UNIT=shop.service active",
        "RUNNING=shop.service v2",
        "STALE=shop.service",
        "UPSTREAM=# goship upstream app=shop new=8081 old=- weight=100",
        "SLOT=8081 v1",
        "UNIT=shop@8081.service inactive",
        "RELEASE=v1",
        "RELEASE=v2",
        'HISTORY={"time":1,"actor":"a"}',
        'HISTORY={"actor":"torn',
        "",
      ].join("\n"),
    );
    expect(status).toEqual({
      machine: "x86_64",
      running: { "shop.service": "v2" },
      stale: ["shop.service"],
      upstream: "# goship upstream app=shop new=8081 old=- weight=100",
      current: "v2",
      slots: [{ port: 8081, version: "v1", unit: "shop@8081.service", state: "inactive" }],
      unitState: "active",
      releases: ["v1", "v2"],
      lock: null,
      history: [{ time: 1, actor: "a" }],
      unreadableHistoryLines: 1,
    });
  });

  it("reads what a hostile host prints as inert text: no workflow command, no control character", () => {
    // What an app logs, a host's step prints or says on stderr ends up in the job log.
    const state = parseUnitState(
      [
        "ACTIVE=failed",
        "JOURNAL=::error::pwned",
        "JOURNAL=  ::add-mask::x",
        "JOURNAL=ok ##[add-mask]y",
        "JOURNAL=\u001b[31mred\u0007",
        "",
      ].join("\n"),
    );
    expect(state.journal).toEqual([
      "\\::error::pwned",
      "  \\::add-mask::x",
      "ok ##\\[add-mask]y",
      "\\u001b[31mred\\u0007",
    ]);
    expect(
      describeStepFailure("switch", 1, "goship-step: ::set-output name=x::1\n::stop-commands::t\n"),
    ).toBe("switch: exited with code 1: \\::set-output name=x::1; \\::stop-commands::t");
    const held = parseLockOutcome({
      code: EXIT.LOCK_HELD,
      stdout: "HOLDER=::warning::h\nRUN_URL=##[error]u\nSINCE=1\nAGE=2\n",
      stderr: "",
    });
    expect(held).toMatchObject({ holder: "\\::warning::h", runUrl: "##\\[error]u" });
  });

  it("reads a heartbeat that found its lock lost", () => {
    expect(
      parseLockOutcome({
        code: EXIT.LOCK_LOST,
        stdout: "HOLDER=b\nRUN_URL=\nSINCE=100\nAGE=7\n",
        stderr: "goship-step: the deploy lock of shop was taken over by b\n",
      }),
    ).toEqual({
      acquired: false,
      lost: "the deploy lock of shop was taken over by b",
      holder: "b",
      runUrl: "",
      since: 100,
      ageSeconds: 7,
    });
    expect(lockStep.args({ app: "shop", holder: "a", runUrl: "", ttlSeconds: 60, refresh: true })).toEqual([
      "shop",
      "a",
      "",
      "60",
      "refresh",
    ]);
  });

  it("has constant scripts that start with set -eu and parse as POSIX sh (dash)", () => {
    expect(REMOTE_STEPS.map((s) => s.name)).toEqual([
      "lock",
      "unlock",
      "stage-release",
      "write-env",
      "write-unit",
      "switch",
      "record-history",
      "cleanup",
      "status",
      "analyze-unit",
      "service",
      "unit-state",
      "write-upstream",
    ]);
    for (const step of REMOTE_STEPS) {
      expect(step.script.startsWith("set -eu\n"), step.name).toBe(true);
      expect(step.script, step.name).not.toMatch(/\[object |undefined|\\\$\{/);
      execFileSync("dash", ["-n", "-c", step.script]);
    }
  });
});

describe("steps on a real systemd host", () => {
  let fleet: Lab | undefined;
  let host: TestHost;
  let tmp: string;
  const bins: Record<"v1" | "v2", Buffer> = { v1: Buffer.alloc(0), v2: Buffer.alloc(0) };
  const sums = { v1: "", v2: "" };
  let uploads = 0;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "goship-remote-steps-"));
    for (const version of ["v1", "v2"] as const) {
      const out = await buildGinApp(tmp, version);
      bins[version] = readFileSync(out);
      sums[version] = sha256(bins[version]);
    }
    fleet = await bootFleet(1, { prefix: "rs" });
    host = fleet.hosts[0] as TestHost;
  }, 300_000);

  afterAll(async () => {
    await fleet?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Runs a step exactly as the SSH layer will: `sh -c <script> goship-step <args…>`. */
  const runArgv = <P>(step: RemoteStep<P>, argv: string[], input?: string, timeoutMs?: number) =>
    host.exec(["sh", "-c", step.script, "goship-step", ...argv], { input, timeoutMs });
  const run = <P>(step: RemoteStep<P>, params: P, input?: string) => runArgv(step, step.args(params), input);
  /** A shell snippet on the host, values as arguments. */
  const onHost = (script: string, ...args: string[]) => host.exec(["sh", "-c", script, "test", ...args]);
  const out = async (script: string, ...args: string[]) => {
    const r = await onHost(script, ...args);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim();
  };
  const ok = (r: HostExecResult) => {
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
    return r;
  };
  const expectExit = (r: HostExecResult, code: number) => {
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(code);
    return r;
  };
  const ls = async (dir: string) =>
    (await out('ls -A -- "$1" 2>/dev/null || true', dir)).split("\n").filter(Boolean);

  /** Uploads like the caller does: a binary and a manifest in a fresh temp directory on the host. */
  async function upload(binary: Buffer | string, manifest: string) {
    const dir = `/tmp/goship-upload-${++uploads}`;
    await out('mkdir -p "$1"', dir);
    ok(await host.exec(["sh", "-c", 'cat > "$1"', "up", `${dir}/gin-app`], { input: binary }));
    ok(await host.exec(["sh", "-c", 'cat > "$1"', "up", `${dir}/goship-manifest.json`], { input: manifest }));
    return { upload: `${dir}/gin-app`, manifest: `${dir}/goship-manifest.json` };
  }
  async function stage(app: string, version: string, binary: Buffer | string, expected = sha256(binary)) {
    const files = await upload(binary, manifestFor(sha256(binary), expected));
    return run(stageReleaseStep, { app, version, binaryName: "gin-app", sha256: expected, ...files });
  }

  it("stages a release verified on the host: root's, 0755, beside its manifest; a re-run is a no-op", async () => {
    const r = ok(await stage("shop", "v1", bins.v1));
    expect(outputFields(r.stdout)).toEqual([
      ["STAGED", "1"],
      ["SHA256", sums.v1],
      ["VERIFIED_WITH", "sha256sum openssl"],
    ]);
    const bin = "/opt/shop/releases/v1/gin-app";
    expect(await out('stat -c "%a %u %g %F" -- "$1"', bin)).toBe("755 0 0 regular file");
    expect(await out('stat -c "%a %u %g %F" -- "$1"', "/opt/shop/releases/v1")).toBe("755 0 0 directory");
    expect(await out('sha256sum < "$1"', bin)).toBe(`${sums.v1}  -`);
    expect(await out('cat "$1"', "/opt/shop/releases/v1/goship-manifest.json")).toBe(
      manifestFor(sums.v1, sums.v1).trim(),
    );
    expect(await out('stat -c "%a %u" -- "$1"', "/opt/shop/releases/v1/goship-manifest.json")).toBe("644 0");
    expect(await ls("/opt/shop/releases")).toEqual(["v1"]);

    const before = await out('stat -c "%i %Y" -- "$1" "$1/gin-app"', "/opt/shop/releases/v1");
    const again = ok(await stage("shop", "v1", bins.v1));
    expect(outputValue(again.stdout, "STAGED")).toBe("0");
    // Both tools agreed at install; the check before use takes the faster one.
    expect(outputValue(again.stdout, "VERIFIED_WITH")).toBe("openssl");
    expect(await out('stat -c "%i %Y" -- "$1" "$1/gin-app"', "/opt/shop/releases/v1")).toBe(before);
  });

  it("refuses a wrong sha256 or a different binary under an installed version, and leaves nothing behind", async () => {
    ok(await stage("shop", "v1", bins.v1));
    // The same version with other bytes: a version is never replaced.
    const conflict = expectExit(await stage("shop", "v1", bins.v2), EXIT.RELEASE_CONFLICT);
    expect(conflict.stderr).toMatch(
      /release v1 is installed with another gin-app .*a version is never replaced/,
    );
    expect(await out('sha256sum < "$1"', "/opt/shop/releases/v1/gin-app")).toBe(`${sums.v1}  -`);

    // A new version whose upload does not hash to what the manifest says.
    const wrong = expectExit(await stage("shop", "v3", bins.v2, sums.v1), EXIT.CHECKSUM_MISMATCH);
    expect(wrong.stderr).toContain(
      `the uploaded gin-app has sha256 ${sums.v2}, not ${sums.v1}: refused, nothing installed`,
    );
    // The manifest beside it must list the sha256 it is installed under.
    const files = await upload(bins.v2, manifestFor(sums.v1));
    const unlisted = expectExit(
      await run(stageReleaseStep, {
        app: "shop",
        version: "v3",
        binaryName: "gin-app",
        sha256: sums.v2,
        ...files,
      }),
      EXIT.CHECKSUM_MISMATCH,
    );
    expect(unlisted.stderr).toContain(`goship-manifest.json does not list sha256 ${sums.v2}`);
    // A missing upload.
    const missing = await run(stageReleaseStep, {
      app: "shop",
      version: "v3",
      binaryName: "gin-app",
      sha256: sums.v2,
      upload: "/tmp/nothing-here",
      manifest: files.manifest,
    });
    expectExit(missing, EXIT.BAD_ARGUMENT);
    expect(await ls("/opt/shop/releases")).toEqual(["v1"]);
  });

  it("a stage killed at any instant leaves a whole release or none; a re-run converges", async () => {
    const files = await upload(bins.v2, manifestFor(sums.v2));
    const argv = (v: string) =>
      stageReleaseStep.args({ app: "kill", version: v, binaryName: "gin-app", sha256: sums.v2, ...files });
    const started = Date.now();
    ok(
      await run(stageReleaseStep, {
        app: "kill",
        version: "k0",
        binaryName: "gin-app",
        sha256: sums.v2,
        ...files,
      }),
    );
    const full = Date.now() - started;
    const versions: string[] = [];
    let leftTmp = 0;
    for (let i = 1; i <= 24; i++) {
      const v = `k${i}`;
      versions.push(v);
      // Delays spread over the length of a whole stage, so kills land in every phase.
      const delay = ((i / 24) * full * 2.5) / 1000;
      await host.exec([
        "timeout",
        "-s",
        "KILL",
        delay.toFixed(3),
        "sh",
        "-c",
        stageReleaseStep.script,
        "goship-step",
        ...argv(v),
      ]);
      const entries = await ls("/opt/kill/releases");
      if (entries.some((e) => e.startsWith(`.${v}.tmp-`))) leftTmp++;
      if (entries.includes(v)) {
        // Present means complete: the binary with its digest and mode, and the manifest.
        expect(
          await out(
            'sha256sum < "$1/gin-app"; stat -c %a "$1/gin-app"; test -f "$1/goship-manifest.json"',
            `/opt/kill/releases/${v}`,
          ),
        ).toBe(`${sums.v2}  -\n755`);
      }
    }
    console.log(
      `stage-release: ${full} ms per run; ${leftTmp} of 24 kills left a staging directory, ${versions.length - leftTmp} did not`,
    );
    expect(leftTmp).toBeGreaterThan(0);
    for (const v of versions) {
      const r = ok(await runArgv(stageReleaseStep, argv(v)));
      expect(["0", "1"]).toContain(outputValue(r.stdout, "STAGED"));
    }
    const entries = await ls("/opt/kill/releases");
    // Each version's re-run swept its own staging directories.
    expect(entries.filter((e) => e.startsWith("."))).toEqual([]);
    expect(entries.sort()).toEqual(["k0", ...versions].sort());
  }, 120_000);

  it("switches current atomically, printing the previous version first", async () => {
    ok(await stage("shop", "v1", bins.v1));
    ok(await stage("shop", "v2", bins.v2));
    await onHost("rm -f /opt/shop/current");
    const first = ok(await run(switchStep, { app: "shop", version: "v1" }));
    expect(first.stdout).toBe("PREVIOUS=\nCURRENT=v1\nCHANGED=1\n");
    expect(await out("readlink /opt/shop/current")).toBe("releases/v1");
    const second = ok(await run(switchStep, { app: "shop", version: "v2" }));
    expect(second.stdout).toBe("PREVIOUS=v1\nCURRENT=v2\nCHANGED=1\n");
    expect(await out("readlink /opt/shop/current")).toBe("releases/v2");
    const same = ok(await run(switchStep, { app: "shop", version: "v2" }));
    expect(same.stdout).toBe("PREVIOUS=v2\nCURRENT=v2\nCHANGED=0\n");
    const missing = expectExit(await run(switchStep, { app: "shop", version: "v9" }), EXIT.NO_SUCH_RELEASE);
    expect(missing.stderr).toContain("release v9 is not installed on this host");
    expect(await out("readlink /opt/shop/current")).toBe("releases/v2");
    expect(await ls("/opt/shop")).not.toContain("current.tmp");

    // Blue-green: each slot pins its own release.
    expect(ok(await run(switchStep, { app: "shop", version: "v1", slot: 8081 })).stdout).toBe(
      "PREVIOUS=\nCURRENT=v1\nCHANGED=1\n",
    );
    ok(await run(switchStep, { app: "shop", version: "v2", slot: 8082 }));
    expect(ok(await run(switchStep, { app: "shop", version: "v1", slot: 8082 })).stdout).toBe(
      "PREVIOUS=v2\nCURRENT=v1\nCHANGED=1\n",
    );
    expect(await out("readlink /opt/shop/slots/8081; readlink /opt/shop/slots/8082")).toBe(
      "../releases/v1\n../releases/v1",
    );
    expect(await out("sha256sum < /opt/shop/slots/8081/gin-app")).toBe(`${sums.v1}  -`);
  });

  it("never leaves a moment without current: 200 switches against a reader, then SIGKILLs midway", async () => {
    ok(await stage("flip", "v1", bins.v1));
    ok(await stage("flip", "v2", bins.v2));
    ok(await run(switchStep, { app: "flip", version: "v1" }));
    // The reader checks that current resolves to a release with its binary, until the writer is
    // done (or a bounded number of reads); the writer switches 200 times.
    const race = `
      script=$1 stop=/tmp/flip-stop result=/tmp/flip-reads
      rm -f "$stop" "$result"
      (
        n=0 bad=0
        while [ ! -e "$stop" ] && [ $n -lt 1000000 ]; do
          n=$((n + 1))
          if ! t=$(readlink /opt/flip/current) || [ ! -x /opt/flip/current/gin-app ]; then bad=$((bad + 1)); fi
        done
        echo "READS=$n BAD=$bad" > "$result"
      ) &
      reader=$!
      i=0 failed=0
      while [ $i -lt 200 ]; do
        i=$((i + 1))
        sh -c "$script" goship-step flip "v$((i % 2 + 1))" > /dev/null || failed=$((failed + 1))
      done
      touch "$stop"
      wait "$reader"
      cat "$result"
      echo "SWITCH_FAILURES=$failed"
    `;
    const r = ok(await host.exec(["sh", "-c", race, "race", switchStep.script], { timeoutMs: 120_000 }));
    console.log(`switch race: ${r.stdout.trim().replace(/\n/g, ", ")}`);
    const m = /READS=(\d+) BAD=(\d+)\nSWITCH_FAILURES=(\d+)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThan(200);
    expect(Number(m?.[2])).toBe(0);
    expect(Number(m?.[3])).toBe(0);
    expect(await out("readlink /opt/flip/current")).toBe("releases/v1");

    // Killed at any instant: current is always one whole release, and the next run converges.
    let killed = 0;
    for (let i = 1; i <= 30; i++) {
      const v = `v${(i % 2) + 1}`;
      const delay = (i * 0.0005).toFixed(4);
      const argv = ["timeout", "-s", "KILL", delay, "sh", "-c", switchStep.script, "goship-step", "flip", v];
      // timeout and with it the step die by SIGKILL (nsenter passes the signal on: code -1).
      if ((await host.exec(argv)).code !== 0) killed++;
      expect(["releases/v1", "releases/v2"]).toContain(await out("readlink /opt/flip/current"));
      expect(await out("test -x /opt/flip/current/gin-app && echo ok")).toBe("ok");
    }
    console.log(`switch: ${killed} of 30 runs were killed before they finished`);
    expect(killed).toBeGreaterThan(0);
    const last = ok(await run(switchStep, { app: "flip", version: "v2" }));
    expect(outputValue(last.stdout, "CURRENT")).toBe("v2");
    expect(await out("readlink /opt/flip/current")).toBe("releases/v2");
    expect(await ls("/opt/flip")).toEqual(["current", "releases"]);
  }, 180_000);

  it("locks: one holder at a time, holder info for the others, takeover past the TTL, unlock only by the holder", async () => {
    const lock = (holder: string, ttlSeconds = 60) =>
      run(lockStep, { app: "lockapp", holder, runUrl: `https://ci.example/runs/${holder}`, ttlSeconds });
    const unlock = (holder: string) => run(unlockStep, { app: "lockapp", holder });
    const dir = "/opt/lockapp/.goship/lock";

    const a = ok(await lock("A"));
    expect(outputValue(a.stdout, "ACQUIRED")).toBe("A");
    expect(parseLockOutcome(a)).toEqual({ acquired: true, refreshed: false });
    expect(await out('cat "$1/holder" "$1/run-url"; stat -c "%a %u" "$1"', dir)).toBe(
      "A\nhttps://ci.example/runs/A\n750 0",
    );

    const b = expectExit(await lock("B"), EXIT.LOCK_HELD);
    const held = parseLockOutcome(b);
    expect(held).toMatchObject({ acquired: false, holder: "A", runUrl: "https://ci.example/runs/A" });
    expect(held.acquired === false && held.ageSeconds).toBeLessThan(5);
    expect(outputValue(b.stdout, "TTL")).toBe("60");

    // The holder again: a heartbeat.
    expect(parseLockOutcome(ok(await lock("A")))).toEqual({ acquired: true, refreshed: true });

    const notHolder = expectExit(await unlock("B"), EXIT.NOT_HOLDER);
    expect(notHolder.stderr).toContain("the lock is held by A, not B: left in place");
    expect(outputValue(notHolder.stdout, "HOLDER")).toBe("A");
    expect(await out('cat "$1/holder"', dir)).toBe("A");

    // A's run died 2 minutes ago: past the TTL, B takes over, with a warning naming A.
    await out('echo $(( $(date +%s) - 120 )) > "$1/since"', dir);
    const takeover = ok(await lock("B"));
    const outcome = parseLockOutcome(takeover);
    expect(outcome).toMatchObject({
      acquired: true,
      takenOver: { holder: "A", runUrl: "https://ci.example/runs/A" },
    });
    expect(outcome.acquired && outcome.takenOver?.ageSeconds).toBeGreaterThanOrEqual(120);
    expect(outputValue(takeover.stdout, "WARNING")).toMatch(
      /^took over the deploy lock of A \(https:\/\/ci\.example\/runs\/A\): held for 12\d s, longer than the lock TTL of 60 s$/,
    );
    expect(await out('cat "$1/holder"', dir)).toBe("B");

    expectExit(await unlock("A"), EXIT.NOT_HOLDER);
    expect(ok(await unlock("B")).stdout).toBe("RELEASED=1\n");
    expect(await ls("/opt/lockapp/.goship")).toEqual([]);
    expect(ok(await unlock("B")).stdout).toBe("RELEASED=0\n");

    // A run killed right after mkdir left an empty lock: held (holder unknown) until it is older than the TTL.
    await out('mkdir "$1"', dir);
    const unknown = expectExit(await lock("C"), EXIT.LOCK_HELD);
    expect(outputValue(unknown.stdout, "HOLDER")).toBe("");
    await out('touch -d "@$(( $(date +%s) - 120 ))" "$1"', dir);
    const after = ok(await lock("C"));
    expect(outputValue(after.stdout, "WARNING")).toMatch(
      /^took over the deploy lock of an unknown holder: held for 12\d s/,
    );
    ok(await unlock("C"));
  });

  it("locks under contention: of 8 runs at once exactly one gets a free lock, and exactly one takes over a stale one", async () => {
    const contend = `
      script=$1 # $2: a label that makes this call's holders new ones
      rm -f /tmp/contend.*
      i=0
      while [ $i -lt 8 ]; do
        i=$((i + 1))
        sh -c "$script" goship-step race "$2-run$i" "" 60 > /tmp/contend.$i 2>&1 &
      done
      wait
      cat /tmp/contend.* | grep -c '^ACQUIRED=' || true
      cat /tmp/contend.* | grep -c '^HOLDER=' || true
    `;
    for (let round = 0; round < 5; round++) {
      const free = ok(await host.exec(["sh", "-c", contend, "contend", lockStep.script, `free${round}`]));
      expect(free.stdout, `round ${round}`).toBe("1\n7\n");
      // Make it stale and contend again: one takes over, seven see it held by the new holder.
      await out("echo $(( $(date +%s) - 600 )) > /opt/race/.goship/lock/since");
      const stale = ok(await host.exec(["sh", "-c", contend, "contend", lockStep.script, `stale${round}`]));
      expect(stale.stdout, `round ${round}`).toBe("1\n7\n");
      const holder = await out("cat /opt/race/.goship/lock/holder");
      expect(holder).toMatch(new RegExp(`^stale${round}-run\\d$`));
      expect(await out("grep -l '^TAKEN_OVER=' /tmp/contend.* | wc -l")).toBe("1");
      ok(await run(unlockStep, { app: "race", holder }));
    }
  }, 120_000);

  it("takes over a stale lock once under contention: 30 runs at once, an abandoned mutex beside it, 10 rounds", async () => {
    // The contention that broke check → rmdir → mkdir: many runs find the lock stale and the
    // mutex an older goship left abandoned, at the same moment.
    const contend = `
      script=$1 label=$2
      rm -f /tmp/takeover.*
      i=0
      while [ $i -lt 30 ]; do
        i=$((i + 1))
        sh -c "$script" goship-step takeover "$label-run$i" "" 60 > /tmp/takeover.$i 2>&1 &
      done
      wait
      cat /tmp/takeover.* | grep -c '^ACQUIRED=' || true
      cat /tmp/takeover.* | grep -c '^HOLDER=' || true
      grep -l '^TAKEN_OVER=' /tmp/takeover.* | wc -l
    `;
    const dir = "/opt/takeover/.goship";
    ok(await run(lockStep, { app: "takeover", holder: "crashed", runUrl: "", ttlSeconds: 60 }));
    for (let round = 0; round < 10; round++) {
      await out(
        'echo $(( $(date +%s) - 600 )) > "$1/lock/since" && mkdir -p "$1/lock.mutex" && touch -d "@$(( $(date +%s) - 120 ))" "$1/lock.mutex"',
        dir,
      );
      const r = ok(
        await host.exec(["sh", "-c", contend, "contend", lockStep.script, `t${round}`], {
          timeoutMs: 120_000,
        }),
      );
      // One took it over; the 29 others found it held, by the one.
      expect(r.stdout, `round ${round}`).toBe("1\n29\n1\n");
      const holder = await out('cat "$1/lock/holder"', dir);
      expect(holder, `round ${round}`).toMatch(new RegExp(`^t${round}-run\\d+$`));
      expect(await out("grep -h '^HOLDER=' /tmp/takeover.* | sort -u"), `round ${round}`).toBe(
        `HOLDER=${holder}`,
      );
    }
    const holder = await out('cat "$1/lock/holder"', dir);
    ok(await run(unlockStep, { app: "takeover", holder }));
    // The abandoned mutex went with the first takeover; the lock's guard leaves no file.
    expect(await ls(dir)).toEqual([]);
  }, 300_000);

  it("a heartbeat refreshes only its own lock: one taken over, or gone, is lost and never taken again", async () => {
    const dir = "/opt/beat/.goship/lock";
    const lock = (holder: string, refresh = false) =>
      run(lockStep, {
        app: "beat",
        holder,
        runUrl: `https://ci.example/runs/${holder}`,
        ttlSeconds: 60,
        refresh,
      });
    ok(await lock("A"));
    expect(parseLockOutcome(ok(await lock("A", true)))).toEqual({ acquired: true, refreshed: true });
    // A's run stalled past the TTL; B took it over.
    await out('echo $(( $(date +%s) - 120 )) > "$1/since"', dir);
    ok(await lock("B"));
    const taken = expectExit(await lock("A", true), EXIT.LOCK_LOST);
    expect(parseLockOutcome(taken)).toMatchObject({
      acquired: false,
      holder: "B",
      runUrl: "https://ci.example/runs/B",
      lost: "the deploy lock of beat was taken over by B (https://ci.example/runs/B)",
    });
    expect(await out('cat "$1/holder"', dir)).toBe("B");
    ok(await run(unlockStep, { app: "beat", holder: "B" }));
    const gone = expectExit(await lock("A", true), EXIT.LOCK_LOST);
    expect(gone.stderr).toContain("the deploy lock of beat is gone");
    expect(await ls("/opt/beat/.goship")).toEqual([]);
  });

  it("refuses an app whose name is the host's own (a package's unit, an alias, a mask, its directories): nothing made", async () => {
    const unitFacts = (u: string) =>
      out(
        'systemctl show -p FragmentPath -p ActiveState -p UnitFileState -- "$1"; ls -A /etc/systemd/system',
        u,
      );
    const spec = (app: string, strategy: "restart" | "blue-green"): UnitSpec => ({
      app,
      binaryName: "gin-app",
      strategy,
      ...(strategy === "restart" ? { port: 8095 } : {}),
      args: [],
      hardening: "strict",
      stopTimeoutSec: 10,
      startLimit: { intervalSec: 60, burst: 5 },
    });
    // /etc/ssl and the state directory of a package exist without any unit of that name.
    await out("mkdir -p /var/lib/pkgstate /opt/vendorapp");
    await out(
      'printf "[Service]\\nExecStart=/bin/true\\n" > /etc/systemd/system/handmade.service && systemctl daemon-reload',
    );
    const handmade = await out("sha256sum /etc/systemd/system/handmade.service");
    const cases: [string, RegExp][] = [
      [
        "ssh",
        /systemd loads ssh\.service from \/lib\/systemd\/system\/ssh\.service, which goship did not write/,
      ],
      ["nginx", /systemd loads nginx\.service from \/lib\/systemd\/system\/nginx\.service/],
      ["sshd", /\/etc\/systemd\/system\/sshd\.service is a symbolic link \(an alias or a mask\)/],
      ["cron", /\/etc\/systemd\/system\/cron\.service is a symbolic link/],
      ["handmade", /\/etc\/systemd\/system\/handmade\.service was not written by goship/],
      ["ssl", /\/etc\/ssl exists and goship did not make it/],
      ["vendorapp", /\/opt\/vendorapp exists and goship did not make it/],
      ["pkgstate", /\/var\/lib\/pkgstate exists and is not the link systemd makes for goship's unit/],
      ["user", /systemd loads user@goship\.service from \/lib\/systemd\/system\/user@\.service/],
    ];
    const before = await Promise.all(["ssh.service", "nginx.service"].map(unitFacts));
    for (const [app, why] of cases) {
      const optBefore = await ls("/opt");
      const locked = expectExit(
        await run(lockStep, { app, holder: "h", runUrl: "", ttlSeconds: 60 }),
        EXIT.FOREIGN,
      );
      expect(locked.stderr, app).toMatch(why);
      expect(locked.stderr, app).toContain(`app ${app}: `);
      expect(locked.stderr, app).toContain("choose another app name");
      expect(await ls("/opt"), app).toEqual(optBefore);
      expect(parseStatus(ok(await run(statusStep, { app, historyLines: 0 })).stdout).foreign, app).toMatch(
        why,
      );
    }
    // The steps that touch units check the unit they touch, whatever ran before them: a package's
    // unit, or the instance of a package's template (user@.service is every user's systemd).
    const units: [string, "restart" | "blue-green"][] = [
      ["ssh", "restart"],
      ["nginx", "restart"],
      ["user", "blue-green"],
      ["systemd-journald", "restart"],
      ["systemd-journald", "blue-green"],
    ];
    for (const [app, strategy] of units) {
      const w = expectExit(
        await run(writeUnitStep, { app, strategy }, renderUnit(spec(app, strategy))),
        EXIT.FOREIGN,
      );
      expect(w.stderr, `${app} ${strategy}`).toMatch(
        /which goship did not write; goship writes only units it wrote/,
      );
    }
    for (const app of ["ssh", "nginx"]) {
      for (const action of ["stop", "restart", "start"] as const) {
        expectExit(await run(serviceStep, { app, unit: `${app}.service`, action }), EXIT.FOREIGN);
      }
    }
    expectExit(
      await run(serviceStep, { app: "user", unit: "user@8081.service", action: "start" }),
      EXIT.FOREIGN,
    );
    expectExit(
      await run(
        writeUnitStep,
        { app: "handmade", strategy: "restart" },
        renderUnit(spec("handmade", "restart")),
      ),
      EXIT.FOREIGN,
    );
    expect(await out("sha256sum /etc/systemd/system/handmade.service")).toBe(handmade);
    // Nothing moved: the same units from the same files, still running and enabled.
    expect(await Promise.all(["ssh.service", "nginx.service"].map(unitFacts))).toEqual(before);
    expect(before[0]).toContain("FragmentPath=/lib/systemd/system/ssh.service");
    expect(before[1]).toContain("FragmentPath=/lib/systemd/system/nginx.service");
    for (const facts of before) expect(facts).toContain("ActiveState=active");
    expect(await ls("/etc/systemd/system")).not.toContain("user@.service");
    for (const app of ["ssh", "nginx", "sshd", "cron", "handmade", "ssl", "user", "systemd-journald"]) {
      expect((await onHost('test -e "/opt/$1" || test -e "/etc/$1/$1.env"', app)).code, app).toBe(1);
    }
    await out(
      "rm -rf /var/lib/pkgstate /opt/vendorapp /etc/systemd/system/handmade.service && systemctl daemon-reload",
    );
  }, 120_000);

  it("switches only to a binary whose sha256 is still the one recorded at its install", async () => {
    ok(await stage("alter", "v1", bins.v1));
    ok(await stage("alter", "v2", bins.v2));
    const rel = "/opt/alter/releases";
    ok(await run(switchStep, { app: "alter", version: "v2" }));
    // Changed on the host after its install.
    await out('printf x >> "$1/v1/gin-app"', rel);
    for (const slot of [undefined, 8081]) {
      const refused = expectExit(
        await run(switchStep, { app: "alter", version: "v1", verify: true, ...(slot ? { slot } : {}) }),
        EXIT.CHECKSUM_MISMATCH,
      );
      expect(refused.stderr).toContain(`not the ${sums.v1} recorded when it was installed`);
      expect(refused.stdout).toBe("");
    }
    expect(await out("readlink /opt/alter/current")).toBe("releases/v2");
    expect(await ls("/opt/alter")).not.toContain("slots");
    expect(switchStep.args({ app: "alter", version: "v1", slot: 8081, verify: true })).toEqual([
      "--verify",
      "alter",
      "v1",
      "8081",
    ]);
    // The record, written with the release: root's, and sha256sum's own check file.
    expect(await out('cat "$1/v1/.goship-sha256"; stat -c "%a %u" "$1/v1/.goship-sha256"', rel)).toBe(
      `${sums.v1}  gin-app\n644 0`,
    );
    expect(await out('cd "$1/v2" && sha256sum -c .goship-sha256', rel)).toBe("gin-app: OK");
    // Installed before goship kept the record: the manifest must list the binary's digest.
    await out('rm "$1/v2/.goship-sha256"', rel);
    ok(await run(switchStep, { app: "alter", version: "v2", verify: true }));
    await out('printf x >> "$1/v2/gin-app"', rel);
    const unlisted = expectExit(
      await run(switchStep, { app: "alter", version: "v2", verify: true }),
      EXIT.CHECKSUM_MISMATCH,
    );
    expect(unlisted.stderr).toContain("which its goship-manifest.json does not list: not switched to");
    // A re-run of the same deploy is refused too: a version is never replaced.
    expectExit(await stage("alter", "v1", bins.v1), EXIT.RELEASE_CONFLICT);
  });

  it("writes the environment file 0600 root, atomically, and says whether it changed", async () => {
    const env = "LOG_LEVEL=debug\nSECRET=s3cr3t 'quoted' $HOME\n";
    expect(ok(await run(writeEnvStep, { app: "shop" }, env)).stdout).toBe("CHANGED=1\n");
    expect(await out('stat -c "%a %u %g" /etc/shop/shop.env; cat /etc/shop/shop.env')).toBe(
      `600 0 0\n${env.trim()}`,
    );
    expect(ok(await run(writeEnvStep, { app: "shop" }, env)).stdout).toBe("CHANGED=0\n");
    // A mode changed by hand is a change, put right.
    await out("chmod 644 /etc/shop/shop.env");
    expect(ok(await run(writeEnvStep, { app: "shop" }, env)).stdout).toBe("CHANGED=1\n");
    expect(await out('stat -c "%a" /etc/shop/shop.env')).toBe("600");
    expect(ok(await run(writeEnvStep, { app: "shop" }, "LOG_LEVEL=info\n")).stdout).toBe("CHANGED=1\n");
    expect(await ls("/etc/shop")).toEqual(["shop.env", "versions"]);
  });

  it("keeps each version's environment, and a rollback's snapshot puts it back", async () => {
    const app = "envs";
    const cat = (f: string) => out(`cat /etc/envs/${f}`);
    ok(await run(writeEnvStep, { app, version: "v1" }, "A=1\n"));
    ok(await run(writeEnvStep, { app, version: "v2" }, "A=2\nFAULT_READY=false\n"));
    expect(await cat("envs.env")).toBe("A=2\nFAULT_READY=false");
    expect(await out('stat -c "%a %u" /etc/envs/versions /etc/envs/versions/v1.env')).toBe("700 0\n600 0");
    expect(ok(await run(writeEnvStep, { app, version: "v1", source: "snapshot" })).stdout).toBe(
      "CHANGED=1\n",
    );
    expect(await cat("envs.env")).toBe("A=1");
    // keep: what is there stays, and becomes v3's.
    expect(ok(await run(writeEnvStep, { app, version: "v3", source: "keep" })).stdout).toBe("CHANGED=0\n");
    expect(await cat("versions/v3.env")).toBe("A=1");
    // A version without a snapshot leaves the file alone.
    expect(ok(await run(writeEnvStep, { app, version: "v9", source: "snapshot" })).stdout).toBe(
      "CHANGED=0\n",
    );
    // Slots have their own files; a missing one is created empty by keep.
    ok(await run(writeEnvStep, { app, slot: 8082, version: "v2", source: "snapshot" }));
    expect(await cat("envs@8082.env")).toBe("A=2\nFAULT_READY=false");
    ok(await run(writeEnvStep, { app, slot: 8081, version: "v4", source: "keep" }));
    expect(await out('stat -c "%a %s" /etc/envs/envs@8081.env')).toBe("600 0");
    expect(() => writeEnvStep.args({ app, source: "keep" })).toThrow(RemoteValueError);
    expect(await ls("/etc/envs/versions")).toEqual(["v1.env", "v2.env", "v3.env", "v4.env"]);
  });

  it("analyzes a unit on the host: verify refuses a broken one, security scores a good one", async () => {
    const spec: UnitSpec = {
      app: "ana",
      binaryName: "gin-app",
      strategy: "blue-green",
      args: [],
      hardening: "strict",
      stopTimeoutSec: 10,
      startLimit: { intervalSec: 60, burst: 5 },
      execDirectory: "/opt/ana/releases/v1",
    };
    ok(await stage("ana", "v1", bins.v1));
    const good = ok(await run(analyzeUnitStep, { app: "ana", unit: "ana@8082.service" }, renderUnit(spec)));
    const report = parseSecurityReport(good.stdout);
    expect(report.exposure).toBeLessThanOrEqual(2);
    const missing = await run(
      analyzeUnitStep,
      { app: "ana", unit: "ana@8082.service" },
      renderUnit({ ...spec, execDirectory: "/opt/ana/releases/v9" }),
    );
    expectExit(missing, EXIT.UNIT_INVALID);
    expect(missing.stderr).toContain("/opt/ana/releases/v9/gin-app is not executable");
    const bogus = await run(
      analyzeUnitStep,
      { app: "ana", unit: "ana.service" },
      "[Service]\nBogusSetting=1\nExecStart=/bin/true\n",
    );
    expectExit(bogus, EXIT.UNIT_INVALID);
    expect(bogus.stderr).toContain("BogusSetting");
    expect(bogus.stderr).not.toContain("/tmp/goship-analyze");
    expect((await ls("/tmp")).filter((f) => f.startsWith("goship-analyze"))).toEqual([]);
    expect(() => analyzeUnitStep.args({ app: "ana", unit: "sshd.service" })).toThrow(RemoteValueError);
    expect(() => analyzeUnitStep.args({ app: "ana", unit: "ana@22.service" })).toThrow(RemoteValueError);
  });

  it("starts, restarts and stops a unit, and tells which release its process runs", async () => {
    const spec: UnitSpec = {
      app: "svc",
      binaryName: "gin-app",
      strategy: "restart",
      port: 8090,
      args: [],
      hardening: "strict",
      stopTimeoutSec: 10,
      startLimit: { intervalSec: 60, burst: 5 },
    };
    ok(await stage("svc", "v1", bins.v1));
    ok(await run(writeEnvStep, { app: "svc", version: "v1" }, ""));
    ok(await run(switchStep, { app: "svc", version: "v1" }));
    ok(await run(writeUnitStep, { app: "svc", strategy: "restart" }, renderUnit(spec)));
    const started = ok(await run(serviceStep, { app: "svc", unit: "svc.service", action: "restart" }));
    expect(outputValue(started.stdout, "ACTIVE")).toBe("active");
    expect(outputValue(started.stdout, "RUNNING")).toBe("v1");
    expect(await out("systemctl is-enabled svc.service")).toBe("enabled");
    const state = parseUnitState(
      ok(await run(unitStateStep, { app: "svc", unit: "svc.service", journalLines: 5 })).stdout,
    );
    expect(state).toMatchObject({ active: "active", sub: "running", running: "v1" });
    const status = parseStatus(ok(await run(statusStep, { app: "svc", historyLines: 0 })).stdout);
    expect(status.running).toEqual({ "svc.service": "v1" });
    expect(status.machine).toBe(execFileSync("uname", ["-m"], { encoding: "utf8" }).trim());
    const stopped = ok(await run(serviceStep, { app: "svc", unit: "svc.service", action: "stop" }));
    expect(outputValue(stopped.stdout, "ACTIVE")).toBe("inactive");
    expect(outputValue(stopped.stdout, "RUNNING")).toBe("");
    expect(await out("systemctl is-enabled svc.service || true")).toBe("disabled");
    expect(() => serviceStep.args({ app: "svc", unit: "ssh.service", action: "stop" })).toThrow(
      RemoteValueError,
    );
    ok(await onHost("rm -f /etc/systemd/system/svc.service && systemctl daemon-reload"));
  }, 60_000);

  it("writes the unit, always reloads systemd, and the released app runs from current", async () => {
    const spec: UnitSpec = {
      app: "shop",
      binaryName: "gin-app",
      strategy: "restart",
      port: 8080,
      args: [],
      hardening: "strict",
      stopTimeoutSec: 10,
      startLimit: { intervalSec: 60, burst: 5 },
    };
    const unit = renderUnit(spec);
    ok(await stage("shop", "v1", bins.v1));
    ok(await stage("shop", "v2", bins.v2));
    ok(await run(writeEnvStep, { app: "shop" }, "LOG_LEVEL=info\n"));
    ok(await run(switchStep, { app: "shop", version: "v2" }));
    expect(ok(await run(writeUnitStep, { app: "shop", strategy: "restart" }, unit)).stdout).toBe(
      "CHANGED=1\nRELOADED=1\n",
    );
    // Unchanged, with systemd up to date: nothing to reload.
    expect(ok(await run(writeUnitStep, { app: "shop", strategy: "restart" }, unit)).stdout).toBe(
      "CHANGED=0\nRELOADED=0\n",
    );
    expect(await out('stat -c "%a %u" /etc/systemd/system/shop.service')).toBe("644 0");
    const cat = await out("systemctl cat shop.service");
    expect(cat).toContain("ExecStart=/opt/shop/current/gin-app");
    expect(cat).toContain(unit.trim());

    ok(await onHost("systemctl start shop.service"));
    expect(await out("systemctl is-active shop.service")).toBe("active");
    expect(await versionServed(host.address, 8080)).toBe("v2");
    ok(await run(switchStep, { app: "shop", version: "v1" }));
    ok(await onHost("systemctl restart shop.service"));
    expect(await versionServed(host.address, 8080)).toBe("v1");
    const status = parseStatus(ok(await run(statusStep, { app: "shop", historyLines: 0 })).stdout);
    expect(status).toMatchObject({ current: "v1", unitState: "active" });
    expect(status.releases).toEqual(expect.arrayContaining(["v1", "v2"]));

    // Unchanged content still reloads when systemd's view is stale: a file edited by hand
    // (NeedDaemonReload=yes) is written back byte for byte and systemd reloads anyway.
    await out("printf '# edited by hand\\n' >> /etc/systemd/system/shop.service");
    const edited = await out("cat /etc/systemd/system/shop.service");
    expect(await out("systemctl show -P NeedDaemonReload shop.service")).toBe("yes");
    expect(ok(await run(writeUnitStep, { app: "shop", strategy: "restart" }, `${edited}\n`)).stdout).toBe(
      "CHANGED=0\nRELOADED=1\n",
    );
    expect(await out("systemctl show -P NeedDaemonReload shop.service")).toBe("no");
    expect(ok(await run(writeUnitStep, { app: "shop", strategy: "restart" }, unit)).stdout).toBe(
      "CHANGED=1\nRELOADED=1\n",
    );
    expect((await ls("/etc/systemd/system")).filter((f) => f.startsWith("."))).toEqual([]);
    ok(await onHost("systemctl stop shop.service"));
  }, 60_000);

  it("records history as one JSON object a line, hostile values included, and survives a torn append", async () => {
    const actor = 'mallory"}\n{"forged":true}\r\t\u0000\u2028\u007f $(rm -rf /) `id` \\';
    const failed: HistoryEntry = {
      actor,
      action: "deploy",
      version: "v2",
      from: "v1",
      result: "failure",
      runUrl: "https://ci/x",
      detail: "/ready: 503\nsecond line",
    };
    const rolledBack: HistoryEntry = {
      time: 1_700_000_000,
      actor: "octo",
      action: "rollback",
      version: "v1",
      from: "v2",
      result: "success",
      runUrl: "",
      slot: 8081,
    };
    const before = Math.floor(Date.now() / 1000) - 5;
    const first = ok(await run(recordHistoryStep, { app: "hist", entry: failed }));
    const stamped = Number(outputValue(first.stdout, "TIME"));
    expect(stamped).toBeGreaterThanOrEqual(before);
    ok(await run(recordHistoryStep, { app: "hist", entry: rolledBack }));

    const file = await out("cat /opt/hist/.goship/history.jsonl");
    const lines = file.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ time: stamped, ...failed }, rolledBack]);
    expect(Object.keys(JSON.parse(lines[0] as string))[0]).toBe("time");
    expect(await out('stat -c "%a %u" /opt/hist/.goship/history.jsonl')).toBe("640 0");

    // The script refuses a line that is not one line of JSON, whoever built it.
    for (const line of [
      '{"a":1}\n{"b":2}',
      "not json",
      '{"a":"\u0001"}',
      "",
      `{"a":"${"x".repeat(16_400)}"}`,
    ]) {
      expectExit(await runArgv(recordHistoryStep, ["hist", line, "given"]), EXIT.BAD_HISTORY_LINE);
    }
    expectExit(await runArgv(recordHistoryStep, ["hist", "{}", "later"]), EXIT.BAD_ARGUMENT);
    expect(await out("cat /opt/hist/.goship/history.jsonl")).toBe(file);

    // An append killed halfway left a line without its newline: the next entry is still whole.
    await out("printf '%s' '{\"actor\":\"torn' >> /opt/hist/.goship/history.jsonl");
    ok(await run(recordHistoryStep, { app: "hist", entry: { ...rolledBack, time: 1_700_000_001 } }));
    ok(await runArgv(recordHistoryStep, ["hist", "{}", "host"]));
    const status = parseStatus(ok(await run(statusStep, { app: "hist", historyLines: 10 })).stdout);
    expect(status.unreadableHistoryLines).toBe(1);
    expect(status.history).toHaveLength(4);
    expect(status.history[0]).toEqual({ time: stamped, ...failed });
    expect(status.history[2]).toEqual({ ...rolledBack, time: 1_700_000_001 });
    expect(Object.keys(status.history[3] as object)).toEqual(["time"]);
    expect(
      parseStatus(ok(await run(statusStep, { app: "hist", historyLines: 1 })).stdout).history,
    ).toHaveLength(1);
  });

  it("cleans up to keep-releases, never removing current, slot targets, previous or last good", async () => {
    const base = 1_700_000_000;
    for (let i = 1; i <= 8; i++) {
      ok(await stage("keep", `r${i}`, `release ${i}\n`));
      await out('touch -d "@$2" "$1"', `/opt/keep/releases/r${i}`, String(base + i * 60));
    }
    ok(await run(switchStep, { app: "keep", version: "r3" }));
    ok(await run(switchStep, { app: "keep", version: "r5", slot: 8081 }));
    // Leftovers of killed runs: a staging and a trash directory.
    await out("mkdir /opt/keep/releases/.r9.tmp-123 /opt/keep/releases/.r4.trash-77");
    const r = ok(await run(cleanupStep, { app: "keep", keep: 2, protect: ["r2", "r1"] }));
    expect(outputFields(r.stdout)).toEqual([
      ["SWEPT", "2"],
      ["KEPT", "r8"],
      ["KEPT", "r7"],
      ["REMOVED", "r6"],
      ["KEPT", "r5"],
      ["REMOVED", "r4"],
      ["KEPT", "r3"],
      ["KEPT", "r2"],
      ["KEPT", "r1"],
    ]);
    expect(await ls("/opt/keep/releases")).toEqual(["r1", "r2", "r3", "r5", "r7", "r8"]);
    const again = ok(await run(cleanupStep, { app: "keep", keep: 2, protect: ["r2", "r1"] }));
    expect(again.stdout).not.toContain("REMOVED=");
    // keep 1 and nothing protected by the caller: current and the slot's release still stay.
    const tight = ok(await run(cleanupStep, { app: "keep", keep: 1, protect: [] }));
    expect(
      outputFields(tight.stdout)
        .filter(([k]) => k === "REMOVED")
        .map(([, v]) => v),
    ).toEqual(["r7", "r2", "r1"]);
    expect(await ls("/opt/keep/releases")).toEqual(["r3", "r5", "r8"]);
    const status = parseStatus(ok(await run(statusStep, { app: "keep", historyLines: 5 })).stdout);
    expect(status).toMatchObject({
      current: "r3",
      releases: ["r3", "r5", "r8"],
      slots: [{ port: 8081, version: "r5", unit: "keep@8081.service", state: "inactive" }],
      unitState: "inactive",
      lock: null,
      history: [],
    });
  });

  it("refuses hostile values inside the scripts too, and touches only /opt/<app> (and its /etc files) for odd valid ones", async () => {
    const snapshot = () => {
      const files = new Map<string, string>();
      for (const top of ["etc", "opt"]) {
        const upper = join(host.root, top, "upper");
        for (const rel of readdirSync(upper, { recursive: true }) as string[]) {
          const s = statSync(join(upper, rel), { throwIfNoEntry: false });
          // Directories count when they appear; their times change with every entry below.
          if (s) files.set(`/${top}/${rel}`, s.isDirectory() ? "dir" : `${s.mtimeMs} ${s.size} ${s.mode}`);
        }
      }
      return files;
    };
    const changed = (a: Map<string, string>, b: Map<string, string>) =>
      [...b]
        .filter(([p, v]) => a.get(p) !== v)
        .map(([p]) => p)
        .sort();

    const before = snapshot();
    const hostile: [RemoteStep<never>, string[]][] = [
      [switchStep, ["x; rm -rf /", "v1"]],
      [switchStep, ["shop", "../../etc"]],
      [switchStep, ["shop", "v1", "22"]],
      [stageReleaseStep, ["shop", "../../etc", "gin-app", "/tmp/x", "a".repeat(64), "/tmp/m"]],
      [stageReleaseStep, ["shop", "v7", "../passwd", "/tmp/x", "a".repeat(64), "/tmp/m"]],
      [stageReleaseStep, ["shop", "v7", "gin-app", "/tmp/../etc/shadow", "a".repeat(64), "/tmp/m"]],
      [cleanupStep, ["shop", "1", "../../etc"]],
      [cleanupStep, ["shop", "0"]],
      [lockStep, ["shop", "a b", "", "60"]],
      [lockStep, ["shop", "h", "https://x\ny", "60"]],
      [unlockStep, ["../etc", "h"]],
      [writeEnvStep, ["../etc"]],
      [writeUnitStep, ["../../etc/passwd.service"]],
      [writeUnitStep, ["sshd"]],
      [recordHistoryStep, ["", "{}", "host"]],
      [statusStep, ["shop", "-1"]],
      [switchStep, ["shop"]],
    ];
    for (const [step, argv] of hostile) {
      const r = await runArgv(step, argv, "");
      expect(r.code, `${step.name} ${JSON.stringify(argv)}: ${r.stderr}`).toBe(EXIT.BAD_ARGUMENT);
    }
    expect(changed(before, snapshot())).toEqual([]);

    // Odd but valid: everything lands under /opt/x-, /etc/x- and its unit file.
    const app = "x-";
    const version = "1.0+b_2-rc.1";
    const holder = newHolderToken("odd");
    ok(await run(lockStep, { app, holder, runUrl: "https://ci/run?x=1&y=%20", ttlSeconds: 1 }));
    ok(await stage(app, version, "odd\n"));
    ok(await run(switchStep, { app, version }));
    ok(await run(switchStep, { app, version, slot: 65_535 }));
    ok(await run(writeEnvStep, { app }, "A=1\n"));
    ok(
      await run(writeUnitStep, { app, strategy: "blue-green" }, "[Service]\nExecStart=/bin/sleep infinity\n"),
    );
    ok(
      await run(recordHistoryStep, {
        app,
        entry: { actor: "-rf", action: "deploy", version, from: null, result: "success", runUrl: "" },
      }),
    );
    ok(await run(cleanupStep, { app, keep: 1, protect: [version] }));
    ok(await run(statusStep, { app, historyLines: 3 }));
    ok(await run(unlockStep, { app, holder }));
    const touched = changed(before, snapshot());
    const outside = touched.filter(
      (p) =>
        !p.startsWith(`/opt/${app}/`) &&
        p !== `/opt/${app}` &&
        !p.startsWith(`/etc/${app}`) &&
        p !== `/etc/systemd/system/${app}@.service`,
    );
    expect(outside).toEqual([]);
    expect(touched).toContain(`/opt/${app}/releases/${version}/gin-app`);
    ok(await onHost('rm -f "/etc/systemd/system/$1@.service" && systemctl daemon-reload', app));
  });

  it("runs the same under bash, which is /bin/sh on RHEL-family hosts", async () => {
    const bash = <P>(step: RemoteStep<P>, params: P, input?: string) =>
      host.exec(["bash", "-c", step.script, "goship-step", ...step.args(params)], { input });
    const app = "bash-app";
    const holder = newHolderToken("bash");
    ok(await bash(lockStep, { app, holder, runUrl: "", ttlSeconds: 60 }));
    expectExit(await bash(lockStep, { app, holder: "other", runUrl: "", ttlSeconds: 60 }), EXIT.LOCK_HELD);
    const files = await upload(bins.v1, manifestFor(sums.v1));
    ok(
      await bash(stageReleaseStep, { app, version: "v1", binaryName: "gin-app", sha256: sums.v1, ...files }),
    );
    expectExit(
      await bash(stageReleaseStep, { app, version: "v2", binaryName: "gin-app", sha256: sums.v2, ...files }),
      EXIT.CHECKSUM_MISMATCH,
    );
    expect(ok(await bash(switchStep, { app, version: "v1" })).stdout).toBe(
      "PREVIOUS=\nCURRENT=v1\nCHANGED=1\n",
    );
    expect(ok(await bash(writeEnvStep, { app }, "A=1\n")).stdout).toBe("CHANGED=1\n");
    const entry: HistoryEntry = {
      actor: 'a"\nb',
      action: "deploy",
      version: "v1",
      from: null,
      result: "success",
      runUrl: "",
    };
    ok(await bash(recordHistoryStep, { app, entry }));
    expect(ok(await bash(cleanupStep, { app, keep: 1, protect: [] })).stdout).toBe("SWEPT=0\nKEPT=v1\n");
    const status = parseStatus(ok(await bash(statusStep, { app, historyLines: 5 })).stdout);
    expect(status).toMatchObject({ current: "v1", releases: ["v1"], lock: { holder } });
    expect(status.history).toEqual([{ time: expect.any(Number), ...entry }]);
    expect(ok(await bash(unlockStep, { app, holder })).stdout).toBe("RELEASED=1\n");
  });

  it("refuses to work through links or directories it does not own", async () => {
    await out("mkdir -p /opt/evil /opt/evil2 && ln -sfn /etc /opt/evil/releases && chown deploy /opt/evil2");
    const etc = await out("ls -A /etc | wc -l");
    const viaLink = expectExit(await stage("evil", "v1", "x\n"), EXIT.UNSAFE_LAYOUT);
    expect(viaLink.stderr).toContain("/opt/evil/releases is a symbolic link: refusing to work through it");
    expectExit(await run(cleanupStep, { app: "evil", keep: 1, protect: [] }), EXIT.UNSAFE_LAYOUT);
    expect(await out("ls -A /etc | wc -l")).toBe(etc);
    const foreign = expectExit(
      await run(lockStep, { app: "evil2", holder: "h", runUrl: "", ttlSeconds: 60 }),
      EXIT.UNSAFE_LAYOUT,
    );
    expect(foreign.stderr).toContain("/opt/evil2 is not owned by root");
    expect(await ls("/opt/evil2")).toEqual([]);
    await out("mkdir -p /etc/evil3 && ln -sfn /etc/passwd /etc/evil3/evil3.env");
    const passwd = await out("sha256sum /etc/passwd");
    expectExit(await run(writeEnvStep, { app: "evil3" }, "A=1\n"), EXIT.UNSAFE_LAYOUT);
    expect(await out("sha256sum /etc/passwd")).toBe(passwd);
  });
});

/** GET /version from the app until it answers (bounded), returning the version it reports. */
async function versionServed(address: string, port: number): Promise<string> {
  const deadline = Date.now() + 15_000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://${address}:${port}/version`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return ((await res.json()) as { version: string }).version;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e;
    }
    await sleep(100);
  }
  throw new Error(`http://${address}:${port}/version did not answer: ${String(last)}`);
}
