/**
 * What a workflow run says about itself, from the variables every runner sets (and that
 * local mode may set by hand): the repository, the run, the commit, the API, the token.
 * Read here and nowhere else, so that every action means the same by "this run".
 */

export interface RunContext {
  /** GITHUB_SERVER_URL, e.g. https://github.com, or a GitHub Enterprise Server's own. */
  serverUrl?: string;
  /** GITHUB_API_URL: the REST API root (GHES included). */
  apiUrl?: string;
  /** GITHUB_REPOSITORY: owner/name. */
  repository?: string;
  /** GITHUB_RUN_ID: the workflow run, the same for every attempt. */
  runId?: string;
  /** GITHUB_RUN_ATTEMPT */
  runAttempt?: string;
  /** GITHUB_WORKFLOW_REF: owner/name/.github/workflows/file.yml@refs/... */
  workflowRef?: string;
  /** GITHUB_JOB: the job's id in the workflow. */
  job?: string;
  /** GITHUB_ACTOR: who started the run. */
  actor?: string;
  /** GITHUB_REF: the ref that triggered the run. */
  ref?: string;
  /** GITHUB_SHA: the commit that triggered the run. */
  sha?: string;
  /** RUNNER_ENVIRONMENT: github-hosted or self-hosted. */
  runnerEnvironment?: string;
  /**
   * GITHUB_TOKEN: set by hand in local mode (in a workflow an action gets its token from
   * its github-token input). Never logged.
   */
  token?: string;
}

const VARIABLES: Readonly<Record<keyof RunContext, string>> = {
  serverUrl: "GITHUB_SERVER_URL",
  apiUrl: "GITHUB_API_URL",
  repository: "GITHUB_REPOSITORY",
  runId: "GITHUB_RUN_ID",
  runAttempt: "GITHUB_RUN_ATTEMPT",
  workflowRef: "GITHUB_WORKFLOW_REF",
  job: "GITHUB_JOB",
  actor: "GITHUB_ACTOR",
  ref: "GITHUB_REF",
  sha: "GITHUB_SHA",
  runnerEnvironment: "RUNNER_ENVIRONMENT",
  token: "GITHUB_TOKEN",
};

/** The REST API root when GITHUB_API_URL is not set: github.com's. */
export const DEFAULT_API_URL = "https://api.github.com";
/** The server when GITHUB_SERVER_URL is not set. */
export const DEFAULT_SERVER_URL = "https://github.com";

/** The run's variables; unset and empty ones are left out. */
export function runContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const run: RunContext = {};
  for (const [field, name] of Object.entries(VARIABLES) as Array<[keyof RunContext, string]>) {
    const value = env[name];
    if (value) run[field] = value;
  }
  return run;
}

/** GITHUB_REPOSITORY split into owner and name; undefined unless it is exactly owner/name. */
export function ownerAndRepo(run: RunContext): { owner: string; repo: string } | undefined {
  const [owner, repo, ...rest] = (run.repository ?? "").split("/");
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}

/** The REST API root without a trailing slash. */
export function apiUrl(run: RunContext): string {
  return (run.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
}

/** The run's page (every attempt's), e.g. https://github.com/o/r/actions/runs/42; undefined outside a run. */
export function runUrl(run: RunContext): string | undefined {
  if (!run.repository || !run.runId) return undefined;
  return `${(run.serverUrl ?? DEFAULT_SERVER_URL).replace(/\/+$/, "")}/${run.repository}/actions/runs/${run.runId}`;
}
