import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GitHubConnection } from "../../src/github/api.js";
import {
  createDeployment,
  type DeploymentRequest,
  type DeploymentStatusRequest,
  setDeploymentStatus,
  statusDescription,
} from "../../src/github/deployments.js";
import { UserError } from "../../src/kit/errors.js";
import { type GitHubStandIn, standInConnection, startGitHubServer } from "../support/github-server.js";

let gh: GitHubStandIn;
let sleeps: number[];

beforeEach(async () => {
  sleeps = [];
  gh = await startGitHubServer();
  gh.refs.set("v1.2.3", { sha: "a".repeat(40), statuses: [] });
});

afterEach(async () => {
  await gh.close();
});

const connection = (overrides: Partial<GitHubConnection> = {}) => standInConnection(gh, sleeps, overrides);

function deployment(overrides: Partial<DeploymentRequest> = {}): DeploymentRequest {
  return {
    owner: gh.owner,
    repo: gh.repo,
    ref: "v1.2.3",
    environment: "staging",
    description: "hello v1.2.3 to 3 hosts",
    ...overrides,
  };
}

function status(
  deploymentId: number,
  state: DeploymentStatusRequest["state"],
  overrides: Partial<DeploymentStatusRequest> = {},
): DeploymentStatusRequest {
  return { owner: gh.owner, repo: gh.repo, deploymentId, state, description: state, ...overrides };
}

/** The error `p` rejects with; fails the test if it resolves. */
const failure = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => expect.fail("expected a failure"),
    (e: unknown) => e as Error,
  );

const posts = (path: RegExp) => gh.requests.filter((r) => r.method === "POST" && path.test(r.path));

describe("createDeployment and setDeploymentStatus", () => {
  it("creates a deployment and records in_progress, then success", async () => {
    const created = await createDeployment(
      connection(),
      deployment({ payload: { hosts: ["web1", "web2", "web3"] }, productionEnvironment: false }),
    );
    const stored = gh.findDeployment(created.id);
    expect(created.url).toBe(`${gh.apiUrl}/repos/${gh.owner}/${gh.repo}/deployments/${created.id}`);
    expect(stored).toMatchObject({
      ref: "v1.2.3",
      sha: "a".repeat(40),
      task: "deploy",
      environment: "staging",
      description: "hello v1.2.3 to 3 hosts",
      transientEnvironment: false,
      productionEnvironment: false,
      payload: { hosts: ["web1", "web2", "web3"] },
    });
    const [create] = posts(/\/deployments$/);
    expect(create?.json).toMatchObject({ auto_merge: false, required_contexts: [], task: "deploy" });
    expect(create?.json).not.toHaveProperty("transient_environment");
    expect(create?.headers["x-github-api-version"]).toBe("2022-11-28");

    const logUrl = "https://github.com/octo-org/hello/actions/runs/42";
    const running = await setDeploymentStatus(
      connection(),
      status(created.id, "in_progress", { description: "rolling out to 3 hosts", logUrl }),
    );
    expect(running).toMatchObject({ state: "in_progress" });
    const done = await setDeploymentStatus(
      connection(),
      status(created.id, "success", {
        description: "3 of 3 hosts healthy",
        logUrl,
        environmentUrl: "https://staging.example.com/",
      }),
    );
    expect(done.url).toBe(`${created.url}/statuses/${done.id}`);
    expect(stored?.statuses.map((s) => [s.state, s.description, s.logUrl, s.environmentUrl])).toEqual([
      ["in_progress", "rolling out to 3 hosts", logUrl, ""],
      ["success", "3 of 3 hosts healthy", logUrl, "https://staging.example.com/"],
    ]);
    expect(sleeps).toEqual([]);
  });

  it("is gated by goship's verification, not commit statuses or the default branch", async () => {
    // Both would stop a deployment with GitHub's defaults (auto_merge on, every context required).
    gh.refs.set("v1.2.3", {
      sha: "b".repeat(40),
      statuses: [{ context: "ci/lint", state: "failure" }],
      behind: "conflict",
    });
    const created = await createDeployment(connection(), deployment());
    expect(gh.findDeployment(created.id)?.sha).toBe("b".repeat(40));
    // The ref by its full SHA works too.
    await createDeployment(connection(), deployment({ ref: "b".repeat(40) }));
    expect(gh.deployments).toHaveLength(2);
  });

  it("records a failed deployment and marks earlier successful ones inactive on success", async () => {
    const first = await createDeployment(connection(), deployment({ productionEnvironment: false }));
    await setDeploymentStatus(connection(), status(first.id, "success"));
    const second = await createDeployment(connection(), deployment({ productionEnvironment: false }));
    await setDeploymentStatus(connection(), status(second.id, "in_progress"));
    await setDeploymentStatus(
      connection(),
      status(second.id, "failure", { description: "web2: health check failed; rolled back" }),
    );
    expect(gh.findDeployment(second.id)?.statuses.map((s) => s.state)).toEqual(["in_progress", "failure"]);
    // A failure leaves the last good deployment active.
    expect(gh.findDeployment(first.id)?.statuses.map((s) => s.state)).toEqual(["success"]);

    const third = await createDeployment(connection(), deployment({ productionEnvironment: false }));
    await setDeploymentStatus(connection(), status(third.id, "success", { autoInactive: false }));
    expect(gh.findDeployment(first.id)?.statuses.map((s) => s.state)).toEqual(["success"]);
    const fourth = await createDeployment(connection(), deployment({ productionEnvironment: false }));
    await setDeploymentStatus(connection(), status(fourth.id, "success"));
    expect(gh.findDeployment(first.id)?.statuses.map((s) => s.state)).toEqual(["success", "inactive"]);
    expect(gh.findDeployment(third.id)?.statuses.map((s) => s.state)).toEqual(["success", "inactive"]);
    expect(posts(/\/statuses$/).map((r) => (r.json as { auto_inactive?: boolean }).auto_inactive)).toEqual([
      undefined,
      undefined,
      undefined,
      false,
      undefined,
    ]);
  });

  it("retries 5xx answers and a 429, on both endpoints", async () => {
    gh.inject({ kind: "status", status: 502, method: "POST", path: /\/deployments$/, times: 2 });
    gh.inject({ kind: "rate-limit", status: 429, retryAfterSeconds: 7, method: "POST", path: /\/statuses$/ });
    gh.inject({ kind: "status", status: 503, method: "POST", path: /\/statuses$/ });
    const created = await createDeployment(connection(), deployment());
    expect(gh.deployments).toHaveLength(1);
    expect(sleeps).toEqual([5, 10]);
    await setDeploymentStatus(connection(), status(created.id, "in_progress"));
    expect(sleeps).toEqual([5, 10, 7000, 10]);
    expect(gh.findDeployment(created.id)?.statuses.map((s) => s.state)).toEqual(["in_progress"]);
  });

  it("does not create a second deployment when the answer to the first was lost", async () => {
    // GitHub creates the deployment, then the answer turns into a 502.
    gh.inject({ kind: "status", status: 502, method: "POST", path: /\/deployments$/ });
    gh.onRequest = (r) => {
      if (r.method === "POST" && /\/deployments$/.test(r.path) && gh.deployments.length === 0) {
        const body = r.json as { ref: string; environment: string; payload: unknown };
        gh.addDeployment({ ref: body.ref, environment: body.environment, payload: body.payload });
      }
    };
    const created = await createDeployment(connection(), deployment());
    expect(gh.deployments.map((d) => d.id)).toEqual([created.id]);
    expect(posts(/\/deployments$/)).toHaveLength(1);
    expect(gh.requests.filter((r) => r.method === "GET").map((r) => r.query.get("environment"))).toEqual([
      "staging",
    ]);
  });

  it("gives up after the attempts, with the last status", async () => {
    gh.inject({ kind: "status", status: 500, method: "POST", path: /\/deployments$/, times: 10 });
    const e = await failure(createDeployment(connection(), deployment()));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe("create a deployment of v1.2.3 to staging: GitHub answered HTTP 500");
    expect(posts(/\/deployments$/)).toHaveLength(4);
    expect(gh.deployments).toEqual([]);
  });

  it("says which permission a token without deployments: write lacks", async () => {
    const ro = connection({ token: gh.readOnlyToken });
    const e = await failure(createDeployment(ro, deployment()));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(
      `create a deployment of v1.2.3 to staging: the token may not write deployments in ${gh.owner}/${gh.repo} ` +
        `(HTTP 403: Resource not accessible by integration); ` +
        `add "permissions: deployments: write" to the job (or use a token with Deployments: write)`,
    );
    expect(gh.deployments).toEqual([]);

    const created = await createDeployment(connection(), deployment());
    const s = await failure(setDeploymentStatus(ro, status(created.id, "in_progress")));
    expect(s.message).toMatch(/^set deployment \d+ to in_progress: the token may not write deployments/);
    expect(s.message).toContain('add "permissions: deployments: write" to the job');
    // A 403 that is not a rate limit is not retried.
    expect(posts(/\/deployments$/)).toHaveLength(2);
    expect(posts(/\/statuses$/)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("explains a conflict and a ref GitHub does not have", async () => {
    gh.inject({
      kind: "error",
      status: 409,
      message: "Conflict merging main into v1.2.3",
      method: "POST",
      path: /\/deployments$/,
    });
    const conflict = await failure(createDeployment(connection(), deployment()));
    expect(conflict).toBeInstanceOf(UserError);
    expect(conflict.message).toMatch(
      /^create a deployment of v1\.2\.3 to staging: GitHub refused it with a conflict \(HTTP 409: Conflict merging main into v1\.2\.3\); no deployment was created/,
    );

    const missing = await failure(createDeployment(connection(), deployment({ ref: "v9.9.9" })));
    expect(missing).toBeInstanceOf(UserError);
    expect(missing.message).toBe(
      "create a deployment of v9.9.9 to staging: GitHub rejected the request (HTTP 422: No ref found for: v9.9.9); " +
        "GitHub has no ref v9.9.9: push it first, or deploy a ref GitHub has",
    );
    expect(posts(/\/deployments$/)).toHaveLength(2);
    expect(gh.deployments).toEqual([]);
  });

  it("names a deployment that does not exist", async () => {
    const e = await failure(setDeploymentStatus(connection(), status(424242, "success")));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(
      `set deployment 424242 to success: deployment 424242 does not exist in ${gh.owner}/${gh.repo}, or the token cannot see it (HTTP 404)`,
    );
  });

  it("shortens a status description to GitHub's 140 characters", async () => {
    const created = await createDeployment(connection(), deployment());
    const long = `web2: health check failed:\n\n  ${"connection refused; ".repeat(20)}`;
    await setDeploymentStatus(connection(), status(created.id, "failure", { description: long }));
    const stored = gh.findDeployment(created.id)?.statuses[0]?.description ?? "";
    expect(Array.from(stored)).toHaveLength(140);
    expect(stored).toMatch(/^web2: health check failed: connection refused; connection refused;/);
    expect(stored.endsWith("…")).toBe(true);

    // Characters, not UTF-16 units: an emoji counts once and is never split.
    const emoji = "🚀".repeat(150);
    expect(statusDescription(emoji)).toBe(`${"🚀".repeat(139)}…`);
    await setDeploymentStatus(connection(), status(created.id, "failure", { description: emoji }));
    expect(statusDescription("x".repeat(140))).toBe("x".repeat(140));
    expect(statusDescription("  all\thosts\n healthy ")).toBe("all hosts healthy");
    expect(gh.findDeployment(created.id)?.statuses).toHaveLength(2);
  });

  it("never puts the token in an error or the log", async () => {
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const messages: string[] = [];
    try {
      gh.inject({ kind: "status", status: 502, method: "POST", path: /\/deployments$/ });
      const created = await createDeployment(connection(), deployment());
      messages.push(
        (await failure(createDeployment(connection({ token: gh.readOnlyToken }), deployment()))).message,
      );
      messages.push(
        (
          await failure(
            setDeploymentStatus(connection({ token: `${gh.token}x` }), status(created.id, "success")),
          )
        ).message,
      );
      gh.inject({ kind: "status", status: 500, method: "POST", path: /\/statuses$/, times: 10 });
      messages.push(
        (await failure(setDeploymentStatus(connection(), status(created.id, "success")))).message,
      );
      const apiUrl = gh.apiUrl;
      await gh.close();
      messages.push((await failure(createDeployment(connection({ apiUrl }), deployment()))).message);
      gh = await startGitHubServer({ owner: gh.owner, repo: gh.repo }); // for afterEach to close
    } finally {
      write.mockRestore();
    }
    expect(messages[1]).toMatch(/GitHub rejected the token \(HTTP 401: Bad credentials\)/);
    expect(messages[3]).toMatch(/^create a deployment of v1\.2\.3 to staging: no answer from GitHub/);
    const all = [...messages, ...printed].join("\n");
    expect(all).toContain("retrying");
    expect(all).not.toContain(gh.token);
    expect(all).not.toContain(gh.readOnlyToken);
  });
});
