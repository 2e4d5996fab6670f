import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inputs } from "../../src/actions/deploy-systemd/schema.js";
import { InputError } from "../../src/kit/errors.js";
import { parseInputs } from "../../src/kit/inputs.js";
import { runDistAction } from "../support/run-action.js";

/** deploy-systemd's inputs through its own schema, as the runner hands them over. */
const REQUIRED = {
  "ssh-private-key": "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
  "known-hosts": "web1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGoshipgoshipgoshipgoshipgoshipgoshipgoship",
  app: "shop",
};
const parse = (given: Record<string, string>) =>
  parseInputs(inputs, (name) => ({ ...REQUIRED, ...given })[name as keyof typeof REQUIRED] ?? "");

// Local mode: the secrets are not echoed as ::add-mask:: lines into the test's output.
beforeAll(() => vi.stubEnv("GOSHIP_LOCAL", "1"));
afterAll(() => vi.unstubAllEnvs());

function refusal(given: Record<string, string>): string {
  try {
    parse(given);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(given)} was accepted`);
}

describe("lock-ttl", () => {
  it("must span a few of the lock's heartbeats: shorter is refused, naming the value, the minimum and the heartbeat", () => {
    for (const ttl of ["1s", "30s", "59s", "59999ms"]) {
      const message = refusal({ "lock-ttl": ttl });
      expect(message).toContain(`input "lock-ttl" has value "${ttl}": is shorter than 1m`);
      expect(message).toContain("a run refreshes its lock every 15s (its heartbeat)");
      expect(message).toContain("at least 4 heartbeats");
    }
    expect(parse({ "lock-ttl": "1m" })["lock-ttl"]).toBe(60_000);
    expect(parse({ "lock-ttl": "2h" })["lock-ttl"]).toBe(7_200_000);
    expect(parse({})["lock-ttl"]).toBe(1_800_000);
    expect(refusal({ "lock-ttl": "10" })).toContain('input "lock-ttl" has value "10": has no unit');
  });
});

describe("service-env and github-environment, and their old names", () => {
  it("service-env is the service's KEY=VALUE lines; environment, its old name, still reads the same", () => {
    const entries = [{ key: "LOG_LEVEL", value: "warn" }];
    expect(parse({ "service-env": "LOG_LEVEL=warn\n" })["service-env"]).toMatchObject(entries);
    const old = parse({ environment: "LOG_LEVEL=warn\n" });
    expect(old["service-env"]).toMatchObject(entries);
    expect(old.environment).toBeUndefined();
  });

  it("github-environment names the GitHub environment; environment-name, its old name, still reads the same", () => {
    expect(parse({ "github-environment": "production" })["github-environment"]).toBe("production");
    expect(parse({ "environment-name": "production" })["github-environment"]).toBe("production");
  });

  it("both names at once are refused, naming the old one and without the secret's value", () => {
    const message = refusal({ environment: "A=1", "service-env": "B=2" });
    expect(message).toBe(
      'input "environment" has value "***": is the old name of "service-env", which is given too: give service-env only',
    );
    expect(refusal({ "environment-name": "a", "github-environment": "b" })).toBe(
      'input "environment-name" has value "a": is the old name of "github-environment", which is given too: give github-environment only',
    );
  });

  it("a bad value under the old name is reported under the name the user wrote", () => {
    expect(refusal({ environment: "PORT=1" })).toMatch(/^input "environment" has value "\*\*\*": /);
    expect(refusal({ "service-env": "PORT=1" })).toMatch(/^input "service-env" has value "\*\*\*": /);
  });
});

describe("canary-header", () => {
  it("is a header name token and a value of safe characters, none, or unset", () => {
    expect(parse({ "canary-header": "X-Canary: 1" })["canary-header"]).toEqual({
      name: "X-Canary",
      value: "1",
    });
    expect(parse({ "canary-header": "x-smoke:tok=en/1" })["canary-header"]).toEqual({
      name: "x-smoke",
      value: "tok=en/1",
    });
    expect(parse({ "canary-header": "none" })["canary-header"]).toBeNull();
    expect(parse({})["canary-header"]).toBeUndefined();
    for (const bad of [
      "X-Canary",
      "X_Canary: 1",
      "X-Canary: 1; }",
      'X-Canary: "1"',
      "X-Canary: $host",
      "None",
    ]) {
      const message = refusal({ "canary-header": bad });
      expect(message).toContain(`input "canary-header" has value ${JSON.stringify(bad)}`);
      expect(message).toContain("Name: value, e.g. X-Canary: 1");
    }
  });
});

describe("ssh-private-key that OpenSSH cannot load", () => {
  it("opens the connect group at once, then fails once naming the input, before ssh starts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "goship-lockedkey-"));
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "a-passphrase", "-C", "", "-f", join(dir, "k")]);
    const pub = readFileSync(join(dir, "k.pub"), "utf8").split(" ").slice(0, 2).join(" ");
    const run = await runDistAction("deploy-systemd", {
      mode: "status",
      app: "shop",
      hosts: "127.0.0.1:9,127.0.0.1:7",
      "known-hosts": `[127.0.0.1]:9 ${pub}\n[127.0.0.1]:7 ${pub}`,
      "ssh-private-key": readFileSync(join(dir, "k"), "utf8"),
    });
    expect(run.code).toBe(1);
    const lines = `${run.stdout}\n${run.stderr}`
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("::add-mask::"));
    expect(lines[0]).toMatch(
      /^(::group::|▶ )Connect to 2 host\(s\) \(host keys checked against known-hosts\)$/,
    );
    const errors = lines.filter((l) => l.includes('input "ssh-private-key"'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      'input "ssh-private-key" has value "***": not a private key OpenSSH can load',
    );
    // Nothing reached a host: no connection was tried.
    expect(run.stdout).not.toMatch(/Connection refused|127\.0\.0\.1:9: connect/);
  }, 60_000);
});
