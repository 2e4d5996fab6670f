import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * kit/cleanup.ts in a real process of its own: how it ends (normally, by process.exit, by a real
 * SIGINT or SIGTERM) and what it printed show which cleanups ran, in which order.
 */
const MODULE = resolve(import.meta.dirname, "../../src/kit/cleanup.ts");

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `body` as an ES module that has onCleanup and runCleanups; `signal` is sent once it prints "ready". */
function run(body: string, signal?: NodeJS.Signals): Promise<Ended> {
  const code = `import { onCleanup, runCleanups } from ${JSON.stringify(MODULE)};\n${body}`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (b: Buffer) => {
      stdout += b;
      if (signal && !sent && stdout.includes("ready\n")) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on("data", (b: Buffer) => (stderr += b));
    child.on("error", fail);
    child.on("close", (exitCode, exitSignal) => done({ code: exitCode, signal: exitSignal, stdout, stderr }));
  });
}

const lines = (s: string) => s.trim().split("\n");

describe("cleanups", () => {
  it("run at a normal end, newest first, each once, keeping the exit code", async () => {
    const r = await run(`
      onCleanup(() => console.log("first"));
      onCleanup(async () => { await new Promise((r) => setTimeout(r, 20)); console.log("second"); });
      onCleanup(() => { throw new Error("third failed"); });
      process.exitCode = 3;
      console.log("end");
    `);
    expect(r.code).toBe(3);
    expect(lines(r.stdout)).toEqual(["end", "second", "first"]);
    expect(r.stderr).toContain("goship: cleaning up failed: third failed");
  });

  it("run when asked, and not again at the end; an unregistered one never runs", async () => {
    const r = await run(`
      onCleanup(() => console.log("a"));
      const forget = onCleanup(() => console.log("never"));
      forget();
      await runCleanups();
      console.log("after");
    `);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(["a", "after"]);
  });

  it("run on process.exit() from elsewhere, up to their first await", async () => {
    const r = await run(`
      onCleanup(async () => { console.log("sync part"); await null; console.log("never"); });
      process.exit(4);
    `);
    expect(r.code).toBe(4);
    expect(lines(r.stdout)).toEqual(["sync part"]);
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGHUP", 129],
  ] as const)("run on a real %s, awaited, then exit 128 + its number", async (signal, status) => {
    const r = await run(
      `
      onCleanup(() => console.log("outer"));
      onCleanup(async () => { await new Promise((r) => setTimeout(r, 50)); console.log("inner"); });
      setInterval(() => {}, 1000);
      console.log("ready");
    `,
      signal,
    );
    expect(r.signal).toBeNull();
    expect(r.code).toBe(status);
    expect(lines(r.stdout)).toEqual(["ready", "inner", "outer"]);
  });

  it("a second signal while they run ends the process at once", async () => {
    const r = await run(
      `
      onCleanup(() => new Promise(() => { console.log("stuck"); process.kill(process.pid, "SIGINT"); }));
      setInterval(() => {}, 1000);
      console.log("ready");
    `,
      "SIGTERM",
    );
    expect(r.code).toBe(130);
    expect(lines(r.stdout)).toEqual(["ready", "stuck"]);
  });

  it("leave the signals to Node's defaults while nothing is registered", async () => {
    const r = await run(
      `
      const forget = onCleanup(() => console.log("never"));
      forget();
      await runCleanups();
      setInterval(() => {}, 1000);
      console.log("ready");
    `,
      "SIGTERM",
    );
    expect(r.code).toBeNull();
    expect(r.signal).toBe("SIGTERM");
    expect(lines(r.stdout)).toEqual(["ready"]);
  });
});
