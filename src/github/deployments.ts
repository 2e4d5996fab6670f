import { randomUUID } from "node:crypto";
import { z } from "zod";
import { UserError } from "../kit/errors.js";
import { info } from "../kit/log.js";
import {
  type Ctx,
  connect,
  explain,
  type GitHubConnection,
  httpFailure,
  isPermissionDenied,
  OWN_RETRIES,
  parse,
  withRetries,
} from "./api.js";

/**
 * GitHub Deployments for deploy-systemd: a deployment records that a ref goes to an
 * environment, and its statuses tell the repository's Environments page how that went
 * (in_progress while hosts roll, then success or failure). The connection, the retries
 * and the meaning of failures are api.ts's; this adds what is particular to deployments:
 * the permission they need, conflicts, and a create whose answer was lost.
 */

export type DeploymentState =
  | "error"
  | "failure"
  | "inactive"
  | "in_progress"
  | "queued"
  | "pending"
  | "success";

export interface DeploymentRequest {
  owner: string;
  repo: string;
  /** Branch, tag or commit SHA; GitHub records the commit it names at this moment. */
  ref: string;
  /** E.g. "production", "staging"; GitHub creates the environment if it does not exist. */
  environment: string;
  description: string;
  /**
   * Extra data for whoever reads the deployment (webhooks, the API). goship adds a
   * `goship_request` key: it finds the deployment again when a create's answer is lost.
   */
  payload?: Record<string, unknown>;
  /** The environment goes away later (a preview): GitHub shows it as destroyed once inactive. */
  transientEnvironment?: boolean;
  /** End users reach this environment. GitHub's default: true for "production" only. */
  productionEnvironment?: boolean;
}

export interface Deployment {
  id: number;
  /** The deployment's API URL. */
  url: string;
}

export interface DeploymentStatusRequest {
  owner: string;
  repo: string;
  deploymentId: number;
  state: DeploymentState;
  /** Shortened to GitHub's 140 characters if longer; whitespace runs become one space. */
  description: string;
  /** Where the deployment's output can be read: the workflow run, usually. */
  logUrl?: string;
  /** Where the deployed service answers; GitHub links it from the environment. */
  environmentUrl?: string;
  /**
   * On success, GitHub marks earlier successful deployments to the same environment
   * inactive (non-transient, non-production ones, as documented). GitHub's default: true.
   */
  autoInactive?: boolean;
}

export interface DeploymentStatus {
  id: number;
  url: string;
  state: DeploymentState;
}

/** The longest description GitHub accepts on a deployment status. */
export const STATUS_DESCRIPTION_MAX = 140;

const STATES = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"] as const;

// ─── What GitHub answers (only the fields used) ─────────────────────────────────

const DeploymentSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  statuses_url: z.string(),
  sha: z.string(),
  ref: z.string(),
  environment: z.string(),
  // An object for JSON given as one; older deployments may hold a string.
  payload: z.unknown(),
});
type DeploymentJson = z.output<typeof DeploymentSchema>;

const DeploymentStatusSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  state: z.enum(STATES),
  deployment_url: z.string(),
  description: z.string().nullish(),
});

// ─── Failures particular to deployments ────────────────────────────────────────

/** explain() with the permission a deployment needs and what a conflict or a rejected request means here. */
function explainDeployment(ctx: Ctx, what: string, e: unknown, ref?: string): Error {
  return explain(ctx, what, e, (f, message) => {
    if (isPermissionDenied(f)) {
      return new UserError(
        `${what}: the token may not write deployments in ${ctx.owner}/${ctx.repo} (HTTP 403: ${message}); ` +
          `add "permissions: deployments: write" to the job (or use a token with Deployments: write)`,
      );
    }
    if (f.status === 409) {
      return new UserError(
        `${what}: GitHub refused it with a conflict (HTTP 409: ${message}); no deployment was created. ` +
          `GitHub answers this when it cannot merge the default branch into the ref or the commit's status checks failed`,
      );
    }
    if (f.status === 422) {
      const hint =
        ref !== undefined && /no ref found/i.test(message)
          ? `; GitHub has no ref ${ref}: push it first, or deploy a ref GitHub has`
          : "";
      return new UserError(`${what}: GitHub rejected the request (HTTP 422: ${message})${hint}`);
    }
    return undefined;
  });
}

// ─── Deployments ────────────────────────────────────────────────────────────────

/** The payload GitHub stored, as an object when it is one (or a string holding one). */
function payloadObject(payload: unknown): Record<string, unknown> | undefined {
  let value = payload;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A deployment this request already created, found by its marker: the newest of the environment are enough. */
async function findCreated(
  ctx: Ctx,
  request: DeploymentRequest,
  marker: string,
): Promise<DeploymentJson | undefined> {
  const what = `look for a deployment to ${request.environment} made by an earlier attempt`;
  const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/deployments", {
    owner: ctx.owner,
    repo: ctx.repo,
    environment: request.environment,
    task: "deploy",
    per_page: 100,
  });
  return parse(z.array(DeploymentSchema), res.data, what).find(
    (d) => payloadObject(d.payload)?.goship_request === marker,
  );
}

/**
 * Creates a deployment of `ref` to `environment`, for statuses to follow. Deploys are
 * gated by goship's own verification, so GitHub is told not to merge the default branch
 * in (auto_merge: false) and not to check commit statuses (required_contexts: []).
 * Retried on 5xx, a dropped connection and rate limits; before each retry the
 * environment's deployments are searched for this request's marker, so a deployment
 * GitHub made although its answer was lost is returned, not made twice.
 */
export async function createDeployment(
  connection: GitHubConnection,
  request: DeploymentRequest,
): Promise<Deployment> {
  const ctx = connect(connection, request.owner, request.repo);
  const what = `create a deployment of ${request.ref} to ${request.environment}`;
  const marker = randomUUID();
  try {
    const created = await withRetries(
      ctx.retry,
      `POST /repos/${ctx.owner}/${ctx.repo}/deployments`,
      async (attempt) => {
        if (attempt > 1) {
          const found = await findCreated(ctx, request, marker);
          if (found !== undefined) {
            info(`${what}: the earlier attempt created deployment ${found.id}; using it`);
            return found;
          }
        }
        const res = await ctx.octokit.request("POST /repos/{owner}/{repo}/deployments", {
          owner: ctx.owner,
          repo: ctx.repo,
          ref: request.ref,
          task: "deploy",
          auto_merge: false,
          required_contexts: [],
          environment: request.environment,
          description: request.description,
          payload: { ...request.payload, goship_request: marker },
          ...(request.transientEnvironment === undefined
            ? {}
            : { transient_environment: request.transientEnvironment }),
          ...(request.productionEnvironment === undefined
            ? {}
            : { production_environment: request.productionEnvironment }),
          request: { [OWN_RETRIES]: true },
        });
        if (res.status === 202) {
          // "Merged branch response": only with auto_merge on, which goship never asks for.
          const said = z.object({ message: z.string() }).safeParse(res.data).data?.message;
          throw new UserError(
            `${what}: GitHub merged the default branch into ${request.ref} instead of creating a deployment` +
              `${said ? ` (${said})` : ""}; deploy again`,
          );
        }
        return parse(DeploymentSchema, res.data, what);
      },
    );
    info(
      `created deployment ${created.id}: ${created.ref} (${created.sha.slice(0, 12)}) to ${created.environment}`,
    );
    return { id: created.id, url: created.url };
  } catch (e) {
    throw explainDeployment(ctx, what, e, request.ref);
  }
}

/** Whitespace runs become one space; longer than `max` characters (not UTF-16 units), cut with "…". */
export function statusDescription(text: string, max = STATUS_DESCRIPTION_MAX): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Adds a status to a deployment: in_progress when hosts start to change, then success
 * or failure (error when goship itself broke). Retried like every request: a status
 * posted twice is the same state twice in the history, which is harmless.
 */
export async function setDeploymentStatus(
  connection: GitHubConnection,
  request: DeploymentStatusRequest,
): Promise<DeploymentStatus> {
  const ctx = connect(connection, request.owner, request.repo);
  const id = request.deploymentId;
  const what = `set deployment ${id} to ${request.state}`;
  const res = await ctx.octokit
    .request("POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", {
      owner: ctx.owner,
      repo: ctx.repo,
      deployment_id: id,
      state: request.state,
      description: statusDescription(request.description),
      ...(request.logUrl === undefined ? {} : { log_url: request.logUrl }),
      ...(request.environmentUrl === undefined ? {} : { environment_url: request.environmentUrl }),
      ...(request.autoInactive === undefined ? {} : { auto_inactive: request.autoInactive }),
    })
    .catch((e: unknown) => {
      throw httpFailure(e)?.status === 404
        ? new UserError(
            `${what}: deployment ${id} does not exist in ${ctx.owner}/${ctx.repo}, or the token cannot see it (HTTP 404)`,
          )
        : explainDeployment(ctx, what, e);
    });
  const status = parse(DeploymentStatusSchema, res.data, what);
  info(`deployment ${id}: ${status.state}`);
  return { id: status.id, url: status.url, state: status.state };
}
