import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { GitHubConnection } from "../../src/github/api.js";
import { sendBytes } from "./send-bytes.js";

/**
 * A stand-in for the GitHub REST endpoints that publishing a release uses, on
 * 127.0.0.1, with GitHub's documented JSON shapes, status codes, error bodies, Link
 * pagination and rate-limit headers. It uses GitHub Enterprise Server's layout (API under
 * /api/v3, uploads under /api/uploads), so a client must honour the base URL it is given
 * and the upload_url a release returns. Asset downloads redirect to a second server (a
 * different origin, like objects.githubusercontent.com) that refuses an Authorization
 * header, as signed storage URLs do.
 *
 * It also serves the Deployments endpoints (deployments and their statuses), with GitHub's
 * checks on creating one: the ref must exist, auto_merge merges the default branch into a
 * ref behind it (or fails on a conflict), and the commit's status checks must pass unless
 * required_contexts says which ones count.
 *
 * State is in memory and visible to tests (`releases`, `deployments`, `refs`, `requests`);
 * `inject` adds faults.
 */

export interface StoredAsset {
  id: number;
  name: string;
  label: string | null;
  /** "uploaded", or "starter" for an upload that broke off (what GitHub shows then). */
  state: string;
  contentType: string;
  data: Buffer;
  /** Computed when the upload completed, as GitHub does; a test may change `data` behind it. */
  sha256: string | null;
  /** The size the API lists, when a test sets one other than data's (a tampered listing). */
  listedSize?: number;
  createdAt: string;
  updatedAt: string;
  downloadKey: string;
  downloads: number;
}

export interface StoredRelease {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  immutable: boolean;
  createdAt: string;
  publishedAt: string | null;
  /** Drafts live at .../releases/tag/untagged-<hex> until published. */
  untagged: string;
  assets: StoredAsset[];
}

export interface StoredRef {
  sha: string;
  /** Commit statuses on the ref's commit; deployments check them unless required_contexts is []. */
  statuses: { context: string; state: "error" | "failure" | "pending" | "success" }[];
  /** Behind the default branch: with auto_merge, "mergeable" is merged in (202), "conflict" fails (409). */
  behind?: "mergeable" | "conflict";
}

export interface StoredDeploymentStatus {
  id: number;
  state: string;
  description: string;
  environment: string;
  /** GitHub sets target_url to the same value. */
  logUrl: string;
  environmentUrl: string;
  createdAt: string;
}

export interface StoredDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  /** The environment it was created for; `environment` follows a status that names another. */
  originalEnvironment: string;
  environment: string;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: string;
  /** Oldest first (the API lists them newest first). */
  statuses: StoredDeploymentStatus[];
}

export interface RecordedRequest {
  method: string;
  /** Path below the API or uploads root, e.g. /repos/o/r/releases. */
  path: string;
  query: URLSearchParams;
  upload: boolean;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body of POST/PATCH API calls. */
  json?: unknown;
}

interface Match {
  method?: string;
  /** Tested against `RecordedRequest.path`. */
  path?: RegExp;
  /** How many matching requests it affects (default 1). */
  times?: number;
}

export type Fault =
  | (Match & { kind: "status"; status: number })
  | (Match & {
      kind: "rate-limit";
      status: 403 | 429;
      /** Sends retry-after (a secondary limit). */
      retryAfterSeconds?: number;
      /** Sends x-ratelimit-remaining: 0 and a reset this far ahead (the primary limit). */
      resetInSeconds?: number;
    })
  /**
   * Reads part of an upload's body (all of it if shorter), then destroys the socket without
   * answering; optionally leaves a "starter" asset behind, as GitHub can.
   */
  | (Match & { kind: "drop-upload"; afterBytes: number; leaveStarter: boolean; asset?: string })
  /** A GitHub-shaped JSON error, for answers the stand-in's own state does not lead to. */
  | (Match & { kind: "error"; status: number; message: string; errors?: object[] });

export interface GitHubStandInOptions {
  owner?: string;
  repo?: string;
  /** The repository has immutable releases on: publishing a release locks its assets. */
  immutableReleases?: boolean;
  /** GitHub returns asset digests (github.com since June 2025); off for older servers. */
  digests?: boolean;
  /** The largest page served (GitHub: 100); lower it to exercise pagination. */
  maxPerPage?: number;
}

export interface GitHubStandIn {
  /** The REST API root to give a client, like GITHUB_API_URL. */
  apiUrl: string;
  owner: string;
  repo: string;
  /** Has contents: write and deployments: write. */
  token: string;
  /**
   * Has contents: read and deployments: read only, like a GITHUB_TOKEN without
   * `permissions: contents: write` or `permissions: deployments: write`.
   */
  readOnlyToken: string;
  settings: Required<Omit<GitHubStandInOptions, "owner" | "repo">>;
  releases: StoredRelease[];
  requests: RecordedRequest[];
  /** Requests that reached the storage host (asset downloads after the redirect), refused ones too. */
  storageRequests: {
    path: string;
    headers: IncomingMessage["headers"];
    /** For a download that was served: the bytes the storage host got out before the client went away. */
    sent?: Promise<number>;
  }[];
  inject(fault: Fault): void;
  /** Runs before each request is handled (after it is recorded): for races staged by a test. */
  onRequest?: (request: RecordedRequest) => void;
  /** Adds a release directly, as if made earlier by someone else. */
  addRelease(fields: Partial<Omit<StoredRelease, "id" | "assets">> & { tagName: string }): StoredRelease;
  /** Adds a completed asset directly. */
  addAsset(release: StoredRelease, name: string, data: Buffer, contentType?: string): StoredAsset;
  findRelease(tag: string): StoredRelease | undefined;
  /** "main"; what auto_merge merges from. */
  defaultBranch: string;
  /** Branches and tags by name (only the default branch at first). A deployment's ref names one, or is its SHA. */
  refs: Map<string, StoredRef>;
  /** Oldest first. */
  deployments: StoredDeployment[];
  /** Adds a deployment directly, as if made earlier (its ref need not exist). */
  addDeployment(
    fields: Partial<Omit<StoredDeployment, "id" | "statuses">> & { ref: string },
  ): StoredDeployment;
  findDeployment(id: number): StoredDeployment | undefined;
  close(): Promise<void>;
}

const DOCS = "https://docs.github.com/rest/releases";
const DEPLOY_DOCS = "https://docs.github.com/rest/deployments";
const DEPLOYMENT_STATES = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];
const JSON_TYPE = "application/json; charset=utf-8";

class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const error = (status: number, message: string, doc = DOCS, extra: object = {}) =>
  new Reply(status, { message, documentation_url: doc, status: String(status), ...extra });
const notFound = (doc = DOCS) => error(404, "Not Found", doc);
const validationFailed = (resource: string, code: string, field: string, doc = DOCS) =>
  error(422, "Validation Failed", doc, { errors: [{ resource, code, field }] });

export async function startGitHubServer(options: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  const owner = options.owner ?? "octo-org";
  const repo = options.repo ?? "hello";
  const token = `ghs_${randomBytes(18).toString("base64url")}`;
  const readOnlyToken = `ghs_${randomBytes(18).toString("base64url")}`;
  const settings = {
    immutableReleases: options.immutableReleases ?? false,
    digests: options.digests ?? true,
    maxPerPage: options.maxPerPage ?? 100,
  };
  const faults: (Fault & { left: number })[] = [];
  let nextId = 1000;
  let remaining = 5000;
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

  // ─── The storage host that asset downloads redirect to ─────────────────────
  const storage = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://storage");
    const recorded: GitHubStandIn["storageRequests"][number] = { path: url.pathname, headers: req.headers };
    stand.storageRequests.push(recorded);
    if (req.headers.authorization !== undefined) {
      // S3-style signed URLs refuse a second credential; a client must not forward its token here.
      res.writeHead(400, { "content-type": "application/xml" });
      res.end(
        "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>",
      );
      return;
    }
    const key = /^\/release-assets\/([^/]+)$/.exec(url.pathname)?.[1];
    const asset = stand.releases.flatMap((r) => r.assets).find((a) => a.downloadKey === key);
    if (!asset || url.searchParams.get("sig") !== `sig-${key}`) {
      res.writeHead(403, { "content-type": "application/xml" });
      res.end("<Error><Code>AccessDenied</Code></Error>");
      return;
    }
    asset.downloads++;
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": String(asset.data.length),
    });
    recorded.sent = sendBytes(res, asset.data);
  });
  await listen(storage);
  const storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;

  // ─── The API ────────────────────────────────────────────────────────────────
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, error(500, `stand-in failure: ${String(e)}`));
      else res.destroy();
    });
  });
  await listen(server);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const apiRoot = `${origin}/api/v3`;
  const uploadsRoot = `${origin}/api/uploads`;

  const user = { login: "github-actions[bot]", id: 41898282, type: "Bot", site_admin: false };
  const releaseJson = (r: StoredRelease) => {
    const base = `${apiRoot}/repos/${owner}/${repo}/releases/${r.id}`;
    return {
      url: base,
      html_url: `${origin}/${owner}/${repo}/releases/tag/${r.draft ? r.untagged : encodeURIComponent(r.tagName)}`,
      assets_url: `${base}/assets`,
      upload_url: `${uploadsRoot}/repos/${owner}/${repo}/releases/${r.id}/assets{?name,label}`,
      tarball_url: r.draft ? null : `${apiRoot}/repos/${owner}/${repo}/tarball/${r.tagName}`,
      zipball_url: r.draft ? null : `${apiRoot}/repos/${owner}/${repo}/zipball/${r.tagName}`,
      id: r.id,
      node_id: `RE_${Buffer.from(String(r.id)).toString("base64")}`,
      tag_name: r.tagName,
      target_commitish: r.targetCommitish,
      name: r.name,
      body: r.body,
      draft: r.draft,
      prerelease: r.prerelease,
      immutable: r.immutable,
      created_at: r.createdAt,
      published_at: r.publishedAt,
      updated_at: r.createdAt,
      author: user,
      assets: r.assets.map((a) => assetJson(r, a)),
    };
  };
  const assetJson = (r: StoredRelease, a: StoredAsset) => ({
    url: `${apiRoot}/repos/${owner}/${repo}/releases/assets/${a.id}`,
    browser_download_url: `${origin}/${owner}/${repo}/releases/download/${r.draft ? r.untagged : r.tagName}/${a.name}`,
    id: a.id,
    node_id: `RA_${Buffer.from(String(a.id)).toString("base64")}`,
    name: a.name,
    label: a.label,
    state: a.state,
    content_type: a.contentType,
    size: a.listedSize ?? a.data.length,
    digest: settings.digests && a.sha256 ? `sha256:${a.sha256}` : null,
    download_count: a.downloads,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    uploader: user,
  });

  function send(res: ServerResponse, reply: Reply): void {
    remaining = Math.max(0, remaining - 1);
    const headers: Record<string, string> = {
      "x-github-api-version-selected": "2022-11-28",
      "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-used": String(5000 - remaining),
      "x-ratelimit-resource": "core",
      ...reply.headers,
    };
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      "content-type": typeof reply.body === "string" ? "text/html; charset=utf-8" : JSON_TYPE,
      "content-length": String(Buffer.byteLength(text)),
      ...headers,
    });
    res.end(text);
  }

  function takeFault(r: RecordedRequest): Fault | undefined {
    const i = faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === r.method) &&
        (f.path === undefined || f.path.test(r.path)) &&
        (f.kind !== "drop-upload" ||
          (r.upload && (f.asset === undefined || f.asset === r.query.get("name")))),
    );
    const f = faults[i];
    if (f === undefined) return undefined;
    if (--f.left <= 0) faults.splice(i, 1);
    return f;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    const upload = url.pathname.startsWith("/api/uploads/");
    if (!upload && !url.pathname.startsWith("/api/v3/")) {
      await drain(req);
      return send(res, notFound("https://docs.github.com/rest"));
    }
    const path = url.pathname.slice(upload ? "/api/uploads".length : "/api/v3".length);
    const recorded: RecordedRequest = { method, path, query: url.searchParams, upload, headers: req.headers };
    stand.requests.push(recorded);

    const fault = takeFault(recorded);
    if (fault?.kind === "drop-upload") return dropUpload(req, recorded, fault);
    let json: unknown;
    if (!upload) {
      const body = await drain(req);
      if (body.length > 0) {
        try {
          json = JSON.parse(body.toString("utf8"));
        } catch {
          return send(res, error(400, "Problems parsing JSON"));
        }
      }
      recorded.json = json;
    }
    stand.onRequest?.(recorded);
    if (fault?.kind === "error") {
      if (upload) await drain(req);
      return send(
        res,
        error(
          fault.status,
          fault.message,
          "https://docs.github.com/rest",
          fault.errors ? { errors: fault.errors } : {},
        ),
      );
    }
    if (fault?.kind === "status") {
      if (upload) await drain(req);
      return send(
        res,
        new Reply(fault.status, `<html><body><h1>${fault.status}</h1>Server Error</body></html>`),
      );
    }
    if (fault?.kind === "rate-limit") {
      if (upload) await drain(req);
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
      if (fault.resetInSeconds !== undefined) {
        headers["x-ratelimit-remaining"] = "0";
        headers["x-ratelimit-reset"] = String(Math.floor(Date.now() / 1000) + fault.resetInSeconds);
      }
      const message =
        fault.resetInSeconds !== undefined
          ? "API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID."
          : "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
      return send(
        res,
        new Reply(
          fault.status,
          error(
            fault.status,
            message,
            "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api",
          ).body,
          headers,
        ),
      );
    }

    const auth = /^(?:token|bearer) (\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (auth !== token && auth !== readOnlyToken) {
      if (upload) await drain(req);
      return send(
        res,
        error(
          401,
          auth === undefined ? "Requires authentication" : "Bad credentials",
          "https://docs.github.com/rest",
        ),
      );
    }
    const canWrite = auth === token;
    const seg = path.split("/").slice(1).map(decodeURIComponent);
    if (!upload && seg[0] === "repos" && seg[1] === owner && seg[2] === repo && seg[3] === "deployments") {
      return send(res, deployments(method, seg.slice(4), url, json, canWrite));
    }
    if (seg[0] !== "repos" || seg[1] !== owner || seg[2] !== repo || seg[3] !== "releases") {
      if (upload) await drain(req);
      return send(res, notFound("https://docs.github.com/rest"));
    }
    const rest = seg.slice(4);
    const visible = (r: StoredRelease) => canWrite || !r.draft;
    const byId = (id: string | undefined) => stand.releases.find((r) => String(r.id) === id && visible(r));
    const forbidden = (doc: string) => error(403, "Resource not accessible by integration", `${DOCS}/${doc}`);

    if (upload) {
      // POST /repos/{owner}/{repo}/releases/{release_id}/assets?name=&label=
      if (method !== "POST" || rest.length !== 2 || rest[1] !== "assets") {
        await drain(req);
        return send(res, notFound());
      }
      return send(res, await receiveUpload(req, byId(rest[0]), url.searchParams, canWrite));
    }

    // GET /repos/{owner}/{repo}/releases/tags/{tag}: published releases only
    if (method === "GET" && rest[0] === "tags" && rest.length === 2) {
      const r = stand.releases.find((x) => !x.draft && x.tagName === rest[1]);
      return send(
        res,
        r ? new Reply(200, releaseJson(r)) : notFound(`${DOCS}/releases#get-a-release-by-tag-name`),
      );
    }
    // GET /repos/{owner}/{repo}/releases: newest first, drafts only for those who can push
    if (method === "GET" && rest.length === 0) {
      const list = stand.releases.filter(visible).sort((a, b) => b.id - a.id);
      return send(res, paginate(url, list.map(releaseJson)));
    }
    // POST /repos/{owner}/{repo}/releases
    if (method === "POST" && rest.length === 0) {
      if (!canWrite) return send(res, forbidden("releases#create-a-release"));
      const body = (json ?? {}) as Record<string, unknown>;
      if (typeof body.tag_name !== "string" || body.tag_name === "") {
        return send(
          res,
          validationFailed("Release", "missing_field", "tag_name", `${DOCS}/releases#create-a-release`),
        );
      }
      const draft = body.draft === true;
      if (stand.releases.some((x) => !x.draft && x.tagName === body.tag_name)) {
        return send(
          res,
          validationFailed("Release", "already_exists", "tag_name", `${DOCS}/releases#create-a-release`),
        );
      }
      const generated =
        body.generate_release_notes === true
          ? `## What's Changed\n* generated notes for ${body.tag_name}`
          : "";
      const notes = typeof body.body === "string" ? body.body : "";
      const r = stand.addRelease({
        tagName: body.tag_name,
        targetCommitish: typeof body.target_commitish === "string" ? body.target_commitish : "main",
        name: typeof body.name === "string" ? body.name : null,
        body: [notes, generated].filter(Boolean).join("\n\n") || null,
        draft,
        prerelease: body.prerelease === true,
      });
      return send(
        res,
        new Reply(201, releaseJson(r), { location: `${apiRoot}/repos/${owner}/${repo}/releases/${r.id}` }),
      );
    }
    // GET / PATCH /repos/{owner}/{repo}/releases/{release_id}
    if (rest.length === 1 && /^\d+$/.test(rest[0] ?? "")) {
      const r = byId(rest[0]);
      if (!r) return send(res, notFound());
      if (method === "GET") return send(res, new Reply(200, releaseJson(r)));
      if (method === "PATCH") {
        if (!canWrite) return send(res, forbidden("releases#update-a-release"));
        const body = (json ?? {}) as Record<string, unknown>;
        if (r.immutable && body.draft === true)
          return send(res, error(422, "Cannot unpublish an immutable release."));
        if (typeof body.name === "string") r.name = body.name;
        if (typeof body.body === "string") r.body = body.body;
        if (typeof body.prerelease === "boolean") r.prerelease = body.prerelease;
        if (body.draft === false && r.draft) {
          if (stand.releases.some((x) => x !== r && !x.draft && x.tagName === r.tagName)) {
            return send(
              res,
              validationFailed("Release", "already_exists", "tag_name", `${DOCS}/releases#update-a-release`),
            );
          }
          r.draft = false;
          r.publishedAt = now();
          r.immutable = settings.immutableReleases;
        }
        return send(res, new Reply(200, releaseJson(r)));
      }
    }
    // GET /repos/{owner}/{repo}/releases/{release_id}/assets: every asset, unfinished ones too
    if (method === "GET" && rest.length === 2 && rest[1] === "assets") {
      const r = byId(rest[0]);
      if (!r) return send(res, notFound());
      return send(
        res,
        paginate(
          url,
          r.assets.map((a) => assetJson(r, a)),
        ),
      );
    }
    // GET / DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}
    if (rest.length === 2 && rest[0] === "assets") {
      const r = stand.releases.find((x) => visible(x) && x.assets.some((a) => String(a.id) === rest[1]));
      const a = r?.assets.find((x) => String(x.id) === rest[1]);
      if (!r || !a) return send(res, notFound(`${DOCS}/assets`));
      if (method === "GET") {
        if (/application\/octet-stream/.test(req.headers.accept ?? "")) {
          if (a.state !== "uploaded") return send(res, notFound(`${DOCS}/assets#get-a-release-asset`));
          const location = `${storageUrl}/release-assets/${a.downloadKey}?sig=sig-${a.downloadKey}`;
          return send(res, new Reply(302, undefined, { location }));
        }
        return send(res, new Reply(200, assetJson(r, a)));
      }
      if (method === "DELETE") {
        if (!canWrite) return send(res, forbidden("assets#delete-a-release-asset"));
        if (r.immutable && !r.draft)
          return send(res, error(422, "Cannot delete assets from an immutable release."));
        r.assets = r.assets.filter((x) => x !== a);
        return send(res, new Reply(204, undefined));
      }
    }
    return send(res, notFound("https://docs.github.com/rest"));
  }

  // ─── Deployments ────────────────────────────────────────────────────────────

  const repoUrl = `${apiRoot}/repos/${owner}/${repo}`;
  const deploymentJson = (d: StoredDeployment) => ({
    url: `${repoUrl}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${Buffer.from(String(d.id)).toString("base64")}`,
    task: d.task,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    created_at: d.createdAt,
    updated_at: d.statuses.at(-1)?.createdAt ?? d.createdAt,
    statuses_url: `${repoUrl}/deployments/${d.id}/statuses`,
    repository_url: repoUrl,
    creator: user,
    sha: d.sha,
    ref: d.ref,
    payload: d.payload,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: null,
  });
  const statusJson = (d: StoredDeployment, st: StoredDeploymentStatus) => ({
    url: `${repoUrl}/deployments/${d.id}/statuses/${st.id}`,
    id: st.id,
    node_id: `DES_${Buffer.from(String(st.id)).toString("base64")}`,
    state: st.state,
    creator: user,
    description: st.description,
    environment: st.environment,
    target_url: st.logUrl,
    created_at: st.createdAt,
    updated_at: st.createdAt,
    deployment_url: `${repoUrl}/deployments/${d.id}`,
    repository_url: repoUrl,
    environment_url: st.environmentUrl,
    log_url: st.logUrl,
    performed_via_github_app: null,
  });

  /** /repos/{owner}/{repo}/deployments[/{deployment_id}[/statuses[/{status_id}]]] */
  function deployments(method: string, rest: string[], url: URL, json: unknown, canWrite: boolean): Reply {
    const body = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
    const forbidden = (doc: string) =>
      error(403, "Resource not accessible by integration", `${DEPLOY_DOCS}/${doc}`);
    if (rest.length === 0 && method === "GET") {
      const q = url.searchParams;
      const list = stand.deployments
        .filter(
          (d) =>
            (!q.get("sha") || d.sha === q.get("sha")) &&
            (!q.get("ref") || d.ref === q.get("ref")) &&
            (!q.get("task") || d.task === q.get("task")) &&
            (!q.get("environment") || d.environment === q.get("environment")),
        )
        .sort((a, b) => b.id - a.id);
      return paginate(url, list.map(deploymentJson));
    }
    if (rest.length === 0 && method === "POST") {
      const doc = `${DEPLOY_DOCS}/deployments#create-a-deployment`;
      if (!canWrite) return forbidden("deployments#create-a-deployment");
      if (typeof body.ref !== "string" || body.ref === "")
        return validationFailed("Deployment", "missing_field", "ref", doc);
      const named = stand.refs.get(body.ref);
      const ref = named ?? [...stand.refs.values()].find((r) => r.sha === body.ref);
      if (!ref) return error(422, `No ref found for: ${body.ref}`, doc);
      if (body.auto_merge !== false && ref.behind === "conflict") {
        return error(409, `Conflict merging ${stand.defaultBranch} into ${body.ref}`, doc);
      }
      if (body.auto_merge !== false && ref.behind === "mergeable") {
        ref.sha = randomBytes(20).toString("hex");
        ref.behind = undefined;
        return new Reply(202, {
          message: `Auto-merged ${stand.defaultBranch} into ${body.ref} on deployment.`,
        });
      }
      const required = Array.isArray(body.required_contexts)
        ? body.required_contexts.map(String)
        : [...new Set(ref.statuses.map((x) => x.context))];
      const contexts = required.map((context) => ({
        context,
        state: ref.statuses.findLast((x) => x.context === context)?.state ?? "missing",
      }));
      if (contexts.some((c) => c.state !== "success")) {
        return error(409, `Conflict: Commit status checks failed for ${body.ref}.`, doc, {
          errors: [{ contexts, resource: "Deployment", field: "required_contexts", code: "invalid" }],
        });
      }
      const environment = typeof body.environment === "string" ? body.environment : "production";
      const d = stand.addDeployment({
        ref: body.ref,
        sha: ref.sha,
        task: typeof body.task === "string" ? body.task : "deploy",
        payload: body.payload ?? {},
        environment,
        description: typeof body.description === "string" ? body.description : "",
        transientEnvironment: body.transient_environment === true,
        productionEnvironment:
          typeof body.production_environment === "boolean"
            ? body.production_environment
            : environment === "production",
      });
      return new Reply(201, deploymentJson(d), { location: `${repoUrl}/deployments/${d.id}` });
    }
    const d = stand.deployments.find((x) => String(x.id) === rest[0]);
    if (!d) return notFound(`${DEPLOY_DOCS}/deployments`);
    if (rest.length === 1 && method === "GET") return new Reply(200, deploymentJson(d));
    if (rest.length === 2 && rest[1] === "statuses" && method === "GET") {
      return paginate(
        url,
        [...d.statuses].reverse().map((st) => statusJson(d, st)),
      );
    }
    if (rest.length === 3 && rest[1] === "statuses" && method === "GET") {
      const st = d.statuses.find((x) => String(x.id) === rest[2]);
      return st ? new Reply(200, statusJson(d, st)) : notFound(`${DEPLOY_DOCS}/statuses`);
    }
    if (rest.length === 2 && rest[1] === "statuses" && method === "POST") {
      const doc = `${DEPLOY_DOCS}/statuses#create-a-deployment-status`;
      if (!canWrite) return forbidden("statuses#create-a-deployment-status");
      if (typeof body.state !== "string" || !DEPLOYMENT_STATES.includes(body.state))
        return validationFailed("DeploymentStatus", "invalid", "state", doc);
      const description = typeof body.description === "string" ? body.description : "";
      if (Array.from(description).length > 140) {
        return error(422, "Validation Failed", doc, {
          errors: [
            {
              resource: "DeploymentStatus",
              code: "custom",
              field: "description",
              message: "description is too long (maximum is 140 characters)",
            },
          ],
        });
      }
      if (typeof body.environment === "string") d.environment = body.environment;
      const logUrl = [body.log_url, body.target_url].find((x) => typeof x === "string") as string | undefined;
      const st = addStatus(d, {
        state: body.state,
        description,
        logUrl: logUrl ?? "",
        environmentUrl: typeof body.environment_url === "string" ? body.environment_url : "",
      });
      // auto_inactive (default true): earlier successful deployments to the environment become
      // inactive, the non-transient, non-production ones, as GitHub documents it.
      if (body.state === "success" && body.auto_inactive !== false) {
        for (const other of stand.deployments) {
          if (
            other.id < d.id &&
            other.environment === d.environment &&
            !other.transientEnvironment &&
            !other.productionEnvironment &&
            other.statuses.at(-1)?.state === "success"
          ) {
            addStatus(other, { state: "inactive", description: "", logUrl: "", environmentUrl: "" });
          }
        }
      }
      return new Reply(201, statusJson(d, st), {
        location: `${repoUrl}/deployments/${d.id}/statuses/${st.id}`,
      });
    }
    return notFound("https://docs.github.com/rest");
  }

  function addStatus(
    d: StoredDeployment,
    fields: Omit<StoredDeploymentStatus, "id" | "environment" | "createdAt">,
  ): StoredDeploymentStatus {
    const st = { id: nextId++, environment: d.environment, createdAt: now(), ...fields };
    d.statuses.push(st);
    return st;
  }

  async function receiveUpload(
    req: IncomingMessage,
    r: StoredRelease | undefined,
    query: URLSearchParams,
    canWrite: boolean,
  ): Promise<Reply> {
    const data = await drain(req);
    const doc = `${DOCS}/assets#upload-a-release-asset`;
    if (!r) return notFound(doc);
    if (!canWrite) return error(403, "Resource not accessible by integration", doc);
    const name = query.get("name");
    if (!name) return validationFailed("ReleaseAsset", "missing_field", "name", doc);
    // The stand-in insists on what a client streaming a file should send: a type and an exact length.
    if (!req.headers["content-type"]) return error(400, "Bad Content-Type header value", doc);
    const length = req.headers["content-length"];
    if (length === undefined || Number(length) !== data.length) {
      return error(
        400,
        `Content-Length ${length ?? "missing"} does not match the ${data.length} bytes received`,
        doc,
      );
    }
    if (r.immutable && !r.draft) return error(422, "Cannot upload assets to an immutable release.", doc);
    if (r.assets.some((a) => a.name === name))
      return validationFailed("ReleaseAsset", "already_exists", "name", doc);
    const asset = stand.addAsset(r, name, data, req.headers["content-type"]);
    asset.label = query.get("label") || null;
    return new Reply(201, assetJson(r, asset));
  }

  async function dropUpload(
    req: IncomingMessage,
    recorded: RecordedRequest,
    fault: Fault & { kind: "drop-upload" },
  ) {
    const id = /^\/repos\/[^/]+\/[^/]+\/releases\/(\d+)\/assets$/.exec(recorded.path)?.[1];
    const r = stand.releases.find((x) => String(x.id) === id);
    const name = recorded.query.get("name");
    let received = 0;
    await new Promise<void>((resolve) => {
      const drop = () => {
        if (fault.leaveStarter && r && name && !r.assets.some((a) => a.name === name)) {
          const a = stand.addAsset(r, name, Buffer.alloc(0), req.headers["content-type"]);
          a.state = "starter";
          a.sha256 = null;
        }
        req.socket.destroy();
        resolve();
      };
      req.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received >= fault.afterBytes) drop();
      });
      req.on("end", drop);
      req.on("close", () => resolve());
    });
  }

  function paginate(url: URL, items: unknown[]): Reply {
    const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30) || 30, settings.maxPerPage);
    const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const u = new URL(url);
      u.searchParams.set("per_page", String(perPage));
      u.searchParams.set("page", String(p));
      return `<${u}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, "prev"));
    if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
    if (page > 1) links.push(link(1, "first"));
    return new Reply(
      200,
      items.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(", ") } : {},
    );
  }

  const stand: GitHubStandIn = {
    apiUrl: apiRoot,
    owner,
    repo,
    token,
    readOnlyToken,
    settings,
    releases: [],
    requests: [],
    storageRequests: [],
    defaultBranch: "main",
    refs: new Map([["main", { sha: randomBytes(20).toString("hex"), statuses: [] }]]),
    deployments: [],
    inject(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    addRelease(fields) {
      const r: StoredRelease = {
        id: nextId++,
        targetCommitish: "main",
        name: null,
        body: null,
        draft: false,
        prerelease: false,
        immutable: false,
        createdAt: now(),
        publishedAt: null,
        untagged: `untagged-${randomBytes(10).toString("hex")}`,
        ...fields,
        assets: [],
      };
      if (!r.draft) {
        r.publishedAt ??= r.createdAt;
        r.immutable = fields.immutable ?? settings.immutableReleases;
      }
      stand.releases.push(r);
      return r;
    },
    addAsset(release, name, data, contentType = "application/octet-stream") {
      const a: StoredAsset = {
        id: nextId++,
        name,
        label: null,
        state: "uploaded",
        contentType,
        data,
        sha256: createHash("sha256").update(data).digest("hex"),
        createdAt: now(),
        updatedAt: now(),
        downloadKey: randomBytes(12).toString("hex"),
        downloads: 0,
      };
      release.assets.push(a);
      return a;
    },
    findRelease(tag) {
      return stand.releases.find((r) => r.tagName === tag);
    },
    addDeployment(fields) {
      const environment = fields.environment ?? "production";
      const d: StoredDeployment = {
        id: nextId++,
        sha: stand.refs.get(fields.ref)?.sha ?? randomBytes(20).toString("hex"),
        task: "deploy",
        payload: {},
        originalEnvironment: environment,
        environment,
        description: null,
        transientEnvironment: false,
        productionEnvironment: environment === "production",
        createdAt: now(),
        ...fields,
        statuses: [],
      };
      stand.deployments.push(d);
      return d;
    },
    findDeployment(id) {
      return stand.deployments.find((d) => d.id === id);
    },
    async close() {
      server.closeAllConnections();
      storage.closeAllConnections();
      await Promise.all([close(server), close(storage)]);
    },
  };
  return stand;
}

/**
 * A connection to the stand-in for the code under test: its token and API root, and
 * quick retries that record their waits in `sleeps` instead of sitting them out.
 */
export function standInConnection(
  gh: GitHubStandIn,
  sleeps: number[],
  overrides: Partial<GitHubConnection> = {},
): GitHubConnection {
  return {
    token: gh.token,
    apiUrl: gh.apiUrl,
    retry: {
      attempts: 4,
      baseDelayMs: 5,
      maxWaitMs: 30_000,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
    ...overrides,
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function drain(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
