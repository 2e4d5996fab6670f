import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseCommandFile } from "../src/kit/command-file.js";
import { actionlint, asLocal, lintProject } from "./support/actionlint.js";

/**
 * The reusable rollout workflow and the rollback workflow beside it: actionlint with every
 * action's inputs checked, the job graph (who runs after what, and when the rollback runs),
 * one concurrency group for both, and the two shell steps that decide (the ladder's parser and
 * the verdict) run for real under bash with the runner's command files.
 */

const ROLLOUT = ".github/workflows/go-rollout.yml";
const ROLLBACK = ".github/workflows/rollback.yml";
const rolloutText = readFileSync(ROLLOUT, "utf8");
const rollbackText = readFileSync(ROLLBACK, "utf8");
const rollout = parseYaml(rolloutText);
const rollback = parseYaml(rollbackText);

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
const steps = (job: string): Step[] => rollout.jobs[job].steps;
const step = (job: string, id: string): Step => {
  const s = steps(job).find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id} in ${job}`);
  return s;
};

/** A run: script under bash (the runner's shell for `run`), env as given: exit code, outputs, stdout. */
function runScript(script: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "goship-rollout-"));
  const output = join(dir, "output");
  writeFileSync(output, "");
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", GITHUB_OUTPUT: output, ...env },
    encoding: "utf8",
  });
  return {
    code: r.status,
    stdout: r.stdout,
    outputs: Object.fromEntries(parseCommandFile(readFileSync(output, "utf8"))),
  };
}

describe(ROLLOUT, () => {
  it("is clean under actionlint, every action input checked against this commit's action.yml", () => {
    const r = actionlint(lintProject(), "go-rollout.yml", asLocal(rolloutText));
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("is called with the app, release, environment, hosts, ladder and gate settings; SSH and Prometheus secrets", () => {
    expect(Object.keys(rollout.on)).toEqual(["workflow_call"]);
    const call = rollout.on.workflow_call;
    for (const name of [
      "app",
      "release-tag",
      "environment",
      "hosts",
      "inventory",
      "steps",
      "latency-slo",
      "max-error-rate",
      "min-effect",
      "interval",
      "warmup",
      "provider",
      "prometheus-url",
      "on-hold",
      "canary-header",
    ])
      expect(Object.keys(call.inputs), name).toContain(name);
    expect(call.inputs["on-hold"].default).toBe("rollback");
    expect(Object.keys(call.secrets)).toEqual([
      "ssh-private-key",
      "known-hosts",
      "prometheus-headers",
      "service-env",
    ]);
    expect(Object.keys(call.outputs)).toEqual(["decision", "reasons", "previous-version"]);
  });

  it("shares one concurrency group per app and environment with rollback.yml, never cancelling", () => {
    expect(rollout.concurrency).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
      group: "goship-${{ inputs.app }}-${{ inputs.environment }}",
      "cancel-in-progress": false,
    });
    expect(rollback.concurrency).toEqual(rollout.concurrency);
  });

  it("deploys at the first weight, then gate → shift → gate … each only after a promote, and judges", () => {
    expect(Object.keys(rollout.jobs)).toEqual(["rollout", "approve", "promote", "rollback"]);
    const ids = steps("rollout").flatMap((s) => (s.id ? [s.id] : []));
    expect(ids).toEqual([
      "plan",
      "deploy",
      "gate-1",
      "shift-2",
      "gate-2",
      "shift-3",
      "gate-3",
      "shift-4",
      "gate-4",
      "verdict",
    ]);
    expect(step("rollout", "deploy").uses).toBe("$/actions/deploy-systemd");
    expect(step("rollout", "deploy").with?.strategy).toBe("blue-green");
    // The new version's environment, when the caller gives one; the shifts only move traffic.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
    expect(step("rollout", "deploy").with?.["service-env"]).toBe("${{ secrets.service-env }}");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
    expect(step("rollout", "deploy").with?.["traffic-weight"]).toBe("${{ steps.plan.outputs.w1 }}");
    for (const n of [1, 2, 3, 4]) {
      const gate = step("rollout", `gate-${n}`);
      expect(gate.uses).toBe("$/actions/canary-gate");
      // Advisory: the verdict decides, so that a hold can wait for a reviewer.
      expect(gate.with?.advisory).toBe("true");
      expect(gate.with?.duration).toBe(`\${{ steps.plan.outputs.d${n} }}`);
      const from = n === 1 ? "deploy" : `shift-${n}`;
      expect(gate.with?.targets).toBe(`\${{ steps.${from}.outputs.canary-targets }}`);
      if (n > 1) {
        const shift = step("rollout", `shift-${n}`);
        expect(shift.with?.mode).toBe("shift");
        expect(shift.with?.["traffic-weight"]).toBe(`\${{ steps.plan.outputs.w${n} }}`);
        expect(shift.if).toBe(
          `steps.plan.outputs.count >= ${n} && steps.gate-${n - 1}.outputs.decision == 'promote'`,
        );
        expect(gate.if).toBe(`steps.shift-${n}.outcome == 'success'`);
      }
      // Every gate gets the same settings (the ladder's steps differ only in weight and time).
      const { targets: _t, duration: _d, ...settings } = gate.with ?? {};
      const { targets: _t1, duration: _d1, ...first } = step("rollout", "gate-1").with ?? {};
      expect(settings).toEqual(first);
    }
  });

  it("promotes only on a promote decision or a reviewer's approval after a hold; rolls back on anything else once deployed", () => {
    const { approve, promote, rollback: back } = rollout.jobs;
    expect(approve.needs).toBe("rollout");
    expect(approve.if).toBe("needs.rollout.outputs.decision == 'hold'");
    expect(approve.environment).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
      "${{ inputs.approval-environment || format('{0}-approval', inputs.environment) }}",
    );
    expect(promote.needs).toEqual(["rollout", "approve"]);
    expect(promote.if).toBe(
      "!cancelled() && needs.rollout.result == 'success' && (needs.rollout.outputs.decision == 'promote' || needs.approve.result == 'success')",
    );
    expect(promote.steps[0].with.mode).toBe("promote");
    expect(back.needs).toEqual(["rollout", "approve", "promote"]);
    expect(back.if).toBe(
      "always() && needs.rollout.outputs.previous-version != '' && (failure() || cancelled())",
    );
    expect(back.steps[0].with.mode).toBe("rollback");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
    expect(back.steps[0].with["rollback-to"]).toBe("${{ needs.rollout.outputs.previous-version }}");
    // The run fails with the gate's reasons.
    expect(back.steps[1].run).toContain("exit 1");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
    expect(back.steps[1].env.REASONS).toBe("${{ needs.rollout.outputs.reasons }}");
  });

  it("runs the actions of its own commit", () => {
    const refs = [...rolloutText.matchAll(/^\s*(?:- )?uses: (\S+)/gm)].map((m) => m[1] as string);
    expect(new Set(refs)).toEqual(
      new Set(["actions/checkout@v5", "$/actions/deploy-systemd", "$/actions/canary-gate"]),
    );
  });
});

describe("go-rollout.yml's ladder (the plan step, under bash)", () => {
  const plan = step("rollout", "plan").run as string;
  const parse = (steps: string, onHold = "rollback") => runScript(plan, { STEPS: steps, ON_HOLD: onHold });

  it("reads weight:duration entries, then 100%", () => {
    expect(parse("5%:10m, 25%:10m, 100%")).toMatchObject({
      code: 0,
      outputs: { count: "2", w1: "5", d1: "10m", w2: "25", d2: "10m" },
    });
    expect(parse("10%:30s,50%:1h,100%").outputs).toEqual({
      count: "2",
      w1: "10",
      d1: "30s",
      w2: "50",
      d2: "1h",
    });
    expect(parse(" 1%:500ms , 2%:1m, 3%:2m, 99%:3m ,100% ").outputs).toMatchObject({
      count: "4",
      w4: "99",
      d4: "3m",
    });
  });

  it("refuses, naming the input and its value, anything else (and sets no output)", () => {
    for (const bad of [
      "",
      "100%",
      "10%:10m",
      "10%:10m, 50%",
      "10%:10m, 100%, 50%:1m",
      "50%:10m, 10%:10m, 100%",
      "10%:10m, 10%:10m, 100%",
      "0%:10m, 100%",
      "10%, 100%",
      "10%:10, 100%",
      "10%:10m; id, 100%",
      "10%:$(id), 100%",
      "1%:1m, 2%:1m, 3%:1m, 4%:1m, 5%:1m, 100%",
      "10:10m, 100%",
    ]) {
      const r = parse(bad);
      expect(r.code, bad).toBe(1);
      expect(r.stdout, bad).toContain(`::error::input "steps" has value "${bad}"`);
      expect(r.outputs, bad).toEqual({});
    }
    const r = parse("10%:1m, 100%", "promote");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error::input "on-hold" has value "promote": allowed: rollback, wait');
  });
});

describe("go-rollout.yml's verdict (under bash)", () => {
  const verdict = step("rollout", "verdict").run as string;
  const judge = (count: number, decisions: string[], onHold = "rollback") =>
    runScript(verdict, {
      COUNT: String(count),
      ON_HOLD: onHold,
      ...Object.fromEntries(decisions.map((d, i) => [`D${i + 1}`, d])),
      ...Object.fromEntries(decisions.map((d, i) => [`R${i + 1}`, d ? `["step ${i + 1}: ${d}"]` : ""])),
    });

  it("goes on to promote when every gate promoted", () => {
    expect(judge(3, ["promote", "promote", "promote"])).toMatchObject({
      code: 0,
      outputs: { decision: "promote", reasons: '["step 3: promote"]' },
    });
  });

  it("fails with the reasons on a rollback, on a hold (on-hold: rollback), on a gate that never decided", () => {
    const back = judge(3, ["promote", "rollback"]);
    expect(back.code).toBe(1);
    expect(back.outputs).toEqual({ decision: "rollback", reasons: '["step 2: rollback"]' });
    expect(back.stdout).toContain('::error::step 2: rollback, rolled back: ["step 2: rollback"]');
    const hold = judge(2, ["hold"]);
    expect(hold.code).toBe(1);
    expect(hold.stdout).toContain("::error::step 1: hold, rolled back (on-hold: rollback)");
    const none = judge(2, ["promote", ""]);
    expect(none.code).toBe(1);
    expect(none.outputs.decision).toBe("");
    expect(none.stdout).toContain("::error::step 2: no decision, rolled back: []");
  });

  it("hands a hold to the reviewers with on-hold: wait (the approve job), never promoting by itself", () => {
    const r = judge(2, ["promote", "hold"], "wait");
    expect(r.code).toBe(0);
    expect(r.outputs.decision).toBe("hold");
    expect(r.stdout).toContain("::warning::step 2: hold, a reviewer decides");
  });
});

describe(ROLLBACK, () => {
  it("is clean under actionlint, its action's inputs checked", () => {
    const r = actionlint(lintProject(), "rollback.yml", asLocal(rollbackText));
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("is started by hand (environment, version, reason) or called, with the same inputs", () => {
    expect(Object.keys(rollback.on)).toEqual(["workflow_dispatch", "workflow_call"]);
    const byHand = rollback.on.workflow_dispatch.inputs;
    expect(byHand.environment.options).toEqual(["staging", "production"]);
    for (const name of ["version", "environment", "reason", "app", "strategy"]) {
      expect(Object.keys(byHand), name).toContain(name);
      expect(Object.keys(rollback.on.workflow_call.inputs), name).toContain(name);
    }
    const job = rollback.jobs.rollback;
    const rb = job.steps.find((s: Step) => s.id === "rollback") as Step;
    expect(rb.uses).toBe("$/actions/deploy-systemd");
    expect(rb.with?.mode).toBe("rollback");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, meant literally
    expect(rb.with?.["rollback-to"]).toBe("${{ inputs.version }}");
  });
});
