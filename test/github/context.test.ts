import { describe, expect, it } from "vitest";
import { apiUrl, ownerAndRepo, runContext, runUrl } from "../../src/github/context.js";

const RUNNER = {
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_API_URL: "https://api.github.com",
  GITHUB_REPOSITORY: "acme/shop",
  GITHUB_RUN_ID: "42",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_WORKFLOW_REF: "acme/shop/.github/workflows/deploy.yml@refs/heads/main",
  GITHUB_JOB: "deploy",
  GITHUB_ACTOR: "octocat",
  GITHUB_REF: "refs/heads/main",
  GITHUB_SHA: "a".repeat(40),
  RUNNER_ENVIRONMENT: "github-hosted",
  GITHUB_TOKEN: "ghs_example",
  HOME: "/home/runner",
};

describe("runContext", () => {
  it("reads the run's variables and nothing else", () => {
    expect(runContext(RUNNER)).toEqual({
      serverUrl: "https://github.com",
      apiUrl: "https://api.github.com",
      repository: "acme/shop",
      runId: "42",
      runAttempt: "2",
      workflowRef: "acme/shop/.github/workflows/deploy.yml@refs/heads/main",
      job: "deploy",
      actor: "octocat",
      ref: "refs/heads/main",
      sha: "a".repeat(40),
      runnerEnvironment: "github-hosted",
      token: "ghs_example",
    });
  });

  it("leaves out unset and empty variables", () => {
    expect(runContext({ GITHUB_REPOSITORY: "acme/shop", GITHUB_RUN_ID: "", GITHUB_TOKEN: "" })).toEqual({
      repository: "acme/shop",
    });
    expect(runContext({})).toEqual({});
  });

  it("reads process.env by default", () => {
    const before = process.env.GITHUB_RUN_ID;
    process.env.GITHUB_RUN_ID = "7";
    try {
      expect(runContext().runId).toBe("7");
    } finally {
      if (before === undefined) delete process.env.GITHUB_RUN_ID;
      else process.env.GITHUB_RUN_ID = before;
    }
  });
});

describe("ownerAndRepo", () => {
  it("splits owner/name and refuses anything else", () => {
    expect(ownerAndRepo({ repository: "acme/shop" })).toEqual({ owner: "acme", repo: "shop" });
    for (const repository of [undefined, "", "acme", "acme/", "/shop", "acme/shop/extra"]) {
      expect(ownerAndRepo({ repository }), String(repository)).toBeUndefined();
    }
  });
});

describe("apiUrl and runUrl", () => {
  it("the API root defaults to github.com's and loses a trailing slash", () => {
    expect(apiUrl({})).toBe("https://api.github.com");
    expect(apiUrl({ apiUrl: "https://ghe.example.com/api/v3/" })).toBe("https://ghe.example.com/api/v3");
  });

  it("the run's page is the same for every attempt, on the run's server", () => {
    expect(runUrl(runContext(RUNNER))).toBe("https://github.com/acme/shop/actions/runs/42");
    expect(runUrl({ ...runContext(RUNNER), runAttempt: "3" })).toBe(
      "https://github.com/acme/shop/actions/runs/42",
    );
    expect(runUrl({ serverUrl: "https://ghe.example.com/", repository: "acme/shop", runId: "42" })).toBe(
      "https://ghe.example.com/acme/shop/actions/runs/42",
    );
    expect(runUrl({ repository: "acme/shop", runId: "42" })).toBe(
      "https://github.com/acme/shop/actions/runs/42",
    );
  });

  it("there is no run page outside a run", () => {
    expect(runUrl({ repository: "acme/shop" })).toBeUndefined();
    expect(runUrl({ runId: "42" })).toBeUndefined();
    expect(runUrl({})).toBeUndefined();
  });
});
