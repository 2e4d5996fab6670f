import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActRun, goshipAtThisCommit, runWorkflow } from "../support/act.js";
import { deployInputs, servedVersion } from "../support/deploy-fixture.js";
import { type GinReleases, ginReleases } from "../support/gin-release.js";
import { gitCheckout } from "../support/git-fixture.js";
import { type GitHubStandIn, startGitHubServer } from "../support/github-server.js";
import { bootFleet, type Lab, type TestHost } from "../support/hosts.js";
import { type Answer, startLoad } from "../support/load.js";
import { runDistAction } from "../support/run-action.js";
import { needTools } from "../support/tools.js";

needTools("act");

/**
 * .github/workflows/go-rollout.yml and rollback.yml run for real, under act on the machine (as
 * go-release.test.ts runs go-release.yml), against two real systemd hosts with nginx in front
 * of the app's two blue-green slots, and the GitHub stand-in serving the calling repository's
 * Releases (deploy-systemd downloads `release-tag` through the API, as on GitHub).
 *
 * The caller is another repository whose one workflow says
 * `uses: goship/goship/.github/workflows/go-rollout.yml@v1`, mapped to this commit. The ladder
 * is short (`10%:30s, 50%:30s, 100%`: each duration is the step's deadline, the gate decides
 * as soon as it can) with short ticks; min-effect is large because the sample app answers no
 * 5xx, so ruling out a ×5 regression of its baseline would need more requests than a step gets
 * (see canary-gate-ssh.test.ts).
 *
 * During each run, a bounded load (a connection per request, so that nginx reloads cut none)
 * goes to `/` through nginx on each host, and the test reads each host's upstream line (which
 * slot is new, which is old, the weight) a few times a second: the answers between two changes
 * of that line show the split nginx made, which must be the weight.
 *
 * The cases run in order, each from the state the one before left: 1.0.0 (deployed directly,
 * before) → 2.0.0 rolled out → 3.0.0, faulty, rolled back → rollback.yml by hand to 1.0.0.
 */

const APP = "gin-app";
const V1 = "1.0.0";
const V2 = "2.0.0";
const V3 = "3.0.0";
const [BLUE, GREEN] = [8081, 8082];
const STEPS = "10%:30s, 50%:30s, 100%";
const DECLARED_SECONDS = 60;
const FAULT = "injected fault (FAULT_ERROR_RATE)";
const OWNER = "acme";
const REPO = "gin-app";

let fleet: Lab;
let rel: GinReleases;
let gh: GitHubStandIn;
let goship: string;

beforeAll(async () => {
  [fleet, rel] = await Promise.all([bootFleet(2, { prefix: "ro" }), ginReleases([V1, V2, V3])]);
  gh = await startGitHubServer({ owner: OWNER, repo: REPO });
  // The calling repository's Releases, as go-release.yml publishes them.
  for (const version of [V1, V2, V3]) {
    const release = gh.addRelease({ tagName: `v${version}` });
    const dir = rel.dirs[version] as string;
    for (const name of readdirSync(dir)) gh.addAsset(release, name, readFileSync(join(dir, name)));
  }
  goship = goshipAtThisCommit();
  // 1.0.0 on both hosts, blue-green, then the server block a user writes once (README: nginx
  // for blue-green) on port 80.
  const first = await runDistAction(
    "deploy-systemd",
    deployInputs(fleet, rel, V1, {
      app: APP,
      strategy: "blue-green",
      "drain-time": "1s",
      "service-env": "LOG_LEVEL=warn\n",
    }),
    { GITHUB_RUN_ID: "4001", GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_ACTOR: "tester" },
  );
  expect(first.code, first.stdout + first.stderr).toBe(0);
  for (const h of fleet.hosts) {
    const set = await h.exec(
      [
        "sh",
        "-c",
        `rm -f /etc/nginx/sites-enabled/default && cat > /etc/nginx/sites-enabled/${APP} && nginx -t -q && systemctl reload nginx`,
      ],
      {
        input: `server {\n  listen 80;\n  location / {\n    proxy_pass http://${APP};\n    proxy_http_version 1.1;\n    proxy_set_header Connection "";\n  }\n}\n`,
      },
    );
    expect(set.code, set.stderr).toBe(0);
  }
  for (let tries = 0; (await servedAll()).some((v) => v !== V1); tries++) {
    if (tries === 40) throw new Error(`nginx does not serve ${V1}: ${(await servedAll()).join(", ")}`);
    await sleep(250);
  }
}, 900_000);

/** Directories this file made (repositories, act's per-run ones), removed at the end. */
const made: string[] = [];

afterAll(async () => {
  await gh?.close();
  await fleet?.stop();
  for (const dir of rel ? Object.values(rel.dirs) : []) made.push(dirname(dirname(dir)));
  if (rel) made.push(dirname(rel.key.file));
  if (goship) made.push(goship);
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** runWorkflow, its act directories removed at the end. */
async function act(...args: Parameters<typeof runWorkflow>): Promise<ActRun> {
  const run = await runWorkflow(...args);
  made.push(run.artifactDir, run.cacheDir);
  if (args[1]?.cwd) made.push(args[1].cwd);
  return run;
}

const servedAll = (port = 80) => Promise.all(fleet.hosts.map((h) => servedVersion(h, port)));
const upstreamLine = async (h: TestHost) =>
  (await h.exec(["head", "-n", "1", `/etc/nginx/conf.d/goship-${APP}.conf`])).stdout.trim();
const upstreamLines = () => Promise.all(fleet.hosts.map(upstreamLine));

/** The calling repository: its workflow calls go-rollout.yml for `tag`. */
function caller(tag: string): string {
  const indented = rel.publicKey.trim().split("\n").join("\n        ");
  const workflow = `name: rollout
on: workflow_dispatch
permissions:
  contents: read
jobs:
  production:
    uses: goship/goship/.github/workflows/go-rollout.yml@v1
    with:
      app: ${APP}
      release-tag: ${tag}
      environment: production
      hosts: ${fleet.hosts.map((h) => h.address).join(",")}
      public-key: |
        ${indented}
      steps: "${STEPS}"
      interval: 2s
      warmup: 4s
      min-effect: "1000"
      drain-time: 1s
    secrets:
      ssh-private-key: \${{ secrets.DEPLOY_SSH_KEY }}
      known-hosts: \${{ secrets.DEPLOY_KNOWN_HOSTS }}
      service-env: \${{ secrets.SERVICE_ENV }}
  after:
    needs: production
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: echo "outputs decision=[$DECISION] previous-version=[$PREVIOUS] reasons=[$REASONS]"
        env:
          DECISION: \${{ needs.production.outputs.decision }}
          PREVIOUS: \${{ needs.production.outputs.previous-version }}
          REASONS: \${{ needs.production.outputs.reasons }}
`;
  const empty = mkdtempSync(join(tmpdir(), "goship-caller-"));
  made.push(empty);
  return gitCheckout(empty, { files: { ".github/workflows/rollout.yml": workflow } });
}

const sshSecrets = () => ({
  DEPLOY_SSH_KEY: readFileSync(fleet.deployKey, "utf8"),
  DEPLOY_KNOWN_HOSTS: fleet.knownHosts,
});

// ─── what nginx did during a run ────────────────────────────────────────────────────────

/** A stretch of time during which a host's upstream line did not change. */
interface Stretch {
  line: string;
  from: number;
  to: number;
}

interface Observed {
  run: ActRun;
  wallMs: number;
  /** Per host: every answer to the load, in order. */
  answers: Answer[][];
  /** Per host: its upstream line's stretches, in order. */
  stretches: Stretch[][];
}

/**
 * Runs `run` while each host gets 40 requests a second (from 1.5 s before to 1.5 s after) and
 * its upstream line is read every 250 ms.
 */
async function observe(run: () => Promise<ActRun>): Promise<Observed> {
  const loads = fleet.hosts.map((h) =>
    startLoad([{ address: `${h.address}:80`, rate: 40, fresh: true, keep: true }], 900_000),
  );
  const stretches: Stretch[][] = fleet.hosts.map(() => []);
  let watching = true;
  const watch = Promise.all(
    fleet.hosts.map(async (h, i) => {
      const mine = stretches[i] as Stretch[];
      while (watching) {
        const line = await upstreamLine(h);
        const now = Date.now();
        const last = mine.at(-1);
        if (last && last.line === line) last.to = now;
        else mine.push({ line, from: now, to: now });
        await sleep(250);
      }
    }),
  );
  await sleep(1500);
  const started = Date.now();
  let outcome: { run: ActRun } | { error: unknown };
  try {
    outcome = { run: await run() };
  } catch (error) {
    outcome = { error };
  }
  const wallMs = Date.now() - started;
  await sleep(1500);
  watching = false;
  await watch;
  const answers = await Promise.all(loads.map(async (l) => Object.values(await l.stop())[0]?.answers ?? []));
  if ("error" in outcome) throw outcome.error;
  return { run: outcome.run, wallMs, answers, stretches };
}

const versionOf = (a: Answer): string => {
  try {
    return (JSON.parse(a.body) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
};
const isFault = (a: Answer) => a.status === 500 && a.body.includes(FAULT);
/** Answers that failed for another reason than the faults the sample app was told to inject. */
const failures = (answers: Answer[]) =>
  answers.filter((a) => !(a.status >= 200 && a.status <= 299) && !isFault(a));

interface Split {
  host: string;
  line: string;
  weight: number;
  /** The new slot's version. */
  version: string;
  answers: number;
  /** Its share of the answers, in percent. */
  share: number;
}

/**
 * Per host and stretch of its upstream line (less a second at each end, for the reload and
 * the poll's lag), the share of answers from the new slot's version. `slots` says which
 * version each slot runs in this run; an injected fault counts for the slot that injects them.
 */
function splits(o: Omit<Observed, "run">, slots: Record<number, string>, faulty?: string): Split[] {
  const out: Split[] = [];
  fleet.hosts.forEach((h, i) => {
    for (const s of o.stretches[i] ?? []) {
      const m = /new=(\d+) old=(\S+) weight=(\d+)/.exec(s.line);
      if (!m) continue;
      const version = slots[Number(m[1])];
      expect(version, `a slot this run does not know: ${s.line}`).toBeDefined();
      const inside = (o.answers[i] ?? []).filter((a) => a.at > s.from + 1000 && a.at < s.to - 1000);
      if (inside.length === 0) continue;
      const mine = inside.filter((a) => versionOf(a) === version || (faulty === version && isFault(a)));
      out.push({
        host: h.address,
        line: s.line,
        weight: Number(m[3]),
        version: version as string,
        answers: inside.length,
        share: (100 * mine.length) / inside.length,
      });
    }
  });
  return out;
}

/** Every stretch with enough answers to tell got the new slot's weight, give or take `points`. */
function expectSplitsMatchWeights(all: Split[], points = 5): void {
  const text = JSON.stringify(all, null, 1);
  for (const s of all.filter((x) => x.answers >= 40)) {
    expect(
      Math.abs(s.share - s.weight),
      `${s.host} ${s.line}: ${s.share}% of ${s.answers}\n${text}`,
    ).toBeLessThanOrEqual(points);
  }
}

/** The run's log without act's echo of the secrets' masks. */
const logOf = (r: ActRun) =>
  r.log
    .split("\n")
    .filter((l) => !l.includes("::add-mask::"))
    .join("\n");

// ─── the cases ──────────────────────────────────────────────────────────────────────────

describe(".github/workflows/go-rollout.yml and rollback.yml under act, on two real hosts", () => {
  it("healthy 2.0.0: 10% → gate → 50% → gate → 100%, nginx splitting as the ladder says, no failed request", async () => {
    const repo = caller(`v${V2}`);
    const o = await observe(() =>
      act(".github/workflows/rollout.yml", {
        cwd: repo,
        args: ["--local-repository", `goship/goship@v1=${goship}`],
        env: { GITHUB_API_URL: gh.apiUrl, GITHUB_REPOSITORY: `${OWNER}/${REPO}` },
        secrets: { ...sshSecrets(), GITHUB_TOKEN: gh.token },
        timeoutMs: 600_000,
      }),
    );
    const log = logOf(o.run);
    expect(o.run.code, log.slice(-8000)).toBe(0);
    expect(log).toContain(`Download release v${V2}`);
    expect(log).toMatch(/outputs decision=\[promote\] previous-version=\[1\.0\.0\]/);
    // The actions came from this commit, through the caller's @v1 mapping.
    expect(log).toMatch(/LocalRepositoryCache matched .*goship\/goship with ref v1/);

    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=${APP} new=${GREEN} old=- weight=100`),
    );
    expect(await servedAll()).toEqual([V2, V2]);

    const all = splits(o, { [BLUE]: V1, [GREEN]: V2 });
    console.log(`splits ${JSON.stringify(all)}`);
    expectSplitsMatchWeights(all);
    // Each host went through both gated weights with enough traffic to tell, and ended on 2.0.0.
    for (const h of fleet.hosts) {
      const mine = all.filter((s) => s.host === h.address && s.answers >= 40);
      const weights = mine.filter((s) => s.version === V2).map((s) => s.weight);
      expect(
        weights.filter((w, j) => w !== weights[j - 1]),
        JSON.stringify(mine),
      ).toEqual([10, 50, 100]);
    }
    for (const answers of o.answers) {
      expect(answers.length).toBeGreaterThan(200);
      expect(failures(answers).slice(0, 10)).toEqual([]);
      expect(answers.filter(isFault)).toEqual([]);
    }

    // The pipeline's own time: the run's wall time beyond the ladder's declared durations
    // (deadlines: a gate that promotes early makes the difference smaller), and beyond the
    // time each host actually spent at the gated weights.
    const gated = o.stretches[0]
      ?.filter((s) => / weight=(10|50)$/.test(s.line))
      .reduce((t, s) => t + (s.to - s.from), 0);
    console.log(
      `go-rollout overhead: wall ${(o.wallMs / 1000).toFixed(1)} s, declared steps ${DECLARED_SECONDS} s → ${(o.wallMs / 1000 - DECLARED_SECONDS).toFixed(1)} s; at the gated weights ${((gated ?? 0) / 1000).toFixed(1)} s → ${((o.wallMs - (gated ?? 0)) / 1000).toFixed(1)} s`,
    );
  }, 900_000);

  it("faulty 3.0.0 (FAULT_ERROR_RATE=0.3): the first gate rolls back, every host back on 100% of 2.0.0, the run fails with the gate's reasons", async () => {
    const repo = caller(`v${V3}`);
    const o = await observe(() =>
      act(".github/workflows/rollout.yml", {
        cwd: repo,
        args: ["--local-repository", `goship/goship@v1=${goship}`],
        env: { GITHUB_API_URL: gh.apiUrl, GITHUB_REPOSITORY: `${OWNER}/${REPO}` },
        secrets: {
          ...sshSecrets(),
          GITHUB_TOKEN: gh.token,
          SERVICE_ENV: "LOG_LEVEL=warn\nFAULT_ERROR_RATE=0.3\n",
        },
        timeoutMs: 600_000,
      }),
    );
    const log = logOf(o.run);
    expect(o.run.code, log.slice(-8000)).not.toBe(0);
    // The verdict names the first step and the gate's reasons; the rollback job says it too.
    expect(log).toMatch(/step 1: rollback, rolled back: \[.*error/i);
    expect(log).toMatch(/rolled back \(decision: rollback\): \[.*error/i);
    // The rollback job took the hosts back to the version the deploy step said they served.
    // (The caller's `after` job does not run here: act ends a caller's run as soon as a called
    // workflow fails, where GitHub would run an `if: always()` job after it.)
    for (const h of fleet.hosts) expect(log).toContain(`deploy@${h.address}:22: will roll back to ${V2}`);

    expect(await upstreamLines()).toEqual(
      fleet.hosts.map(() => `# goship upstream app=${APP} new=${GREEN} old=- weight=100`),
    );
    expect(await servedAll()).toEqual([V2, V2]);

    const all = splits(o, { [BLUE]: V3, [GREEN]: V2 }, V3);
    console.log(`splits ${JSON.stringify(all)}`);
    expectSplitsMatchWeights(all);
    // 3.0.0 never got more than the first step's 10%.
    expect(all.filter((s) => s.version === V3 && s.answers >= 40).map((s) => s.weight)).not.toContain(50);
    for (const answers of o.answers) {
      // The canary failed some of its requests, as it was made to; 2.0.0 failed none, and no
      // request was refused or cut across the shift and the rollback.
      expect(answers.filter(isFault).length).toBeGreaterThan(0);
      expect(failures(answers).slice(0, 10)).toEqual([]);
    }
  }, 900_000);

  it("rollback.yml by hand (workflow_dispatch) puts every host on the version asked for", async () => {
    // rollback.yml as it runs in the repository that holds it: this commit's copy, committed.
    const repo = gitCheckout(goship, { ignoreDist: false });
    const run = await act(".github/workflows/rollback.yml", {
      cwd: repo,
      args: ["--local-repository", `goship/goship@v1=${goship}`],
      inputs: {
        version: V1,
        environment: "production",
        reason: "back to 1.0.0",
        app: APP,
        strategy: "blue-green",
      },
      vars: { DEPLOY_HOSTS: fleet.hosts.map((h) => h.address).join(",") },
      secrets: sshSecrets(),
      timeoutMs: 600_000,
    });
    const log = logOf(run);
    expect(run.code, log.slice(-8000)).toBe(0);
    expect(log).toContain(`Rollback of ${APP} in production to ${V1}`);
    expect(await servedAll()).toEqual([V1, V1]);
    const lines = await upstreamLines();
    expect(
      lines.every((l) => / old=- weight=100$/.test(l)),
      lines.join("\n"),
    ).toBe(true);
    // Nothing was left running but the slot that serves.
    const units = await Promise.all(
      fleet.hosts.map(async (h) =>
        (
          await h.exec([
            "sh",
            "-c",
            `systemctl is-active ${APP}@${BLUE}.service ${APP}@${GREEN}.service || true`,
          ])
        ).stdout
          .trim()
          .split("\n")
          .sort(),
      ),
    );
    expect(units).toEqual(fleet.hosts.map(() => ["active", "inactive"]));
  }, 600_000);
});
