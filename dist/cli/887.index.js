export const id = 887;
export const ids = [887];
export const modules = {

/***/ 28943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B$: () => (/* binding */ alreadyExists),
/* harmony export */   Ig: () => (/* binding */ OWN_RETRIES),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   Ng: () => (/* binding */ connect),
/* harmony export */   T1: () => (/* binding */ isPermissionDenied),
/* harmony export */   WE: () => (/* binding */ explain),
/* harmony export */   aG: () => (/* binding */ TransferError),
/* harmony export */   qg: () => (/* binding */ parse),
/* harmony export */   tG: () => (/* binding */ httpFailure),
/* harmony export */   tO: () => (/* binding */ retryOptions)
/* harmony export */ });
/* unused harmony export apiMessage */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44942);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(27597);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(37428);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73713);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83490);
/* harmony import */ var _kit_retry_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(91834);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(19556);







// No jitter: one job talks to the API at a time, and rate-limit waits are GitHub's own.
const DEFAULT_RETRY = {
    attempts: 5,
    baseDelayMs: 1000,
    maxWaitMs: 120_000,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};
const ErrorBodySchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
    message: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional(),
    errors: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ code: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional(), field: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional() }).loose()).optional(),
});
/** GitHub's answer read through `schema`; another shape is a UserError naming `what`. */
function parse(schema, data, what) {
    const parsed = schema.safeParse(data);
    if (!parsed.success)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${what}: GitHub's answer has an unexpected shape: ${zod__WEBPACK_IMPORTED_MODULE_6__/* .prettifyError */ .S1(parsed.error)}`);
    return parsed.data;
}
/** A request option that tells the retry hook to keep out: the caller retries (uploads, downloads, deployments). */
const OWN_RETRIES = "goshipOwnRetries";
function connect(connection, owner, repo) {
    const apiUrl = (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .apiUrl */ .y0)({ apiUrl: connection.apiUrl ?? (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .runContext */ .pO)().apiUrl });
    const retry = { ...DEFAULT_RETRY, ...connection.retry };
    const quiet = () => { };
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(connection.token, {
        baseUrl: apiUrl,
        userAgent: "goship",
        log: { debug: quiet, info: quiet, warn: (m) => (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e)(m), error: quiet },
    });
    octokit.hook.wrap("request", async (request, options) => {
        options.headers["x-github-api-version"] = "2022-11-28";
        if (options.request?.[OWN_RETRIES] === true)
            return request(options);
        return withRetries(retry, describeRequest(options, apiUrl), async () => request(options));
    });
    // Uploads can take long; give up only on a socket idle this long.
    const http = new _actions_http_client__WEBPACK_IMPORTED_MODULE_1__.HttpClient("goship", [], {
        allowRedirects: false,
        allowRetries: false,
        socketTimeout: 300_000,
    });
    return { octokit, http, token: connection.token, owner, repo, retry, apiUrl };
}
/** "GET /repos/o/r/releases/7/assets", for the log: the route with its parameters, no query, no host. */
function describeRequest(options, apiUrl) {
    const url = (options.url.startsWith(apiUrl) ? options.url.slice(apiUrl.length) : options.url).replace(/\{\??(\w+)[^}]*\}/g, (m, key) => (m.startsWith("{?") ? "" : String(options[key] ?? m)));
    return `${options.method} ${url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "")}`;
}
/** The HTTP answer behind an octokit error; undefined when no answer came (connection refused, reset…). */
function httpFailure(e) {
    if (typeof e !== "object" || e === null || !("status" in e) || !("response" in e))
        return undefined;
    const response = e
        .response;
    return response
        ? { status: response.status, headers: response.headers ?? {}, data: response.data }
        : undefined;
}
/** GitHub's error message and details; for an answer that is not GitHub's JSON (a proxy's 502 page), the status. */
function apiMessage(f) {
    const body = ErrorBodySchema.safeParse(f.data);
    if (!body.success || body.data.message === undefined)
        return `HTTP ${f.status}`;
    const details = (body.data.errors ?? [])
        .map((x) => [x.field, x.code].filter(Boolean).join(" "))
        .filter(Boolean);
    return details.length ? `${body.data.message} (${details.join(", ")})` : body.data.message;
}
/** 422 Validation Failed with code already_exists: a release for the tag, or an asset with the name. */
function alreadyExists(f) {
    if (f?.status !== 422)
        return false;
    return (ErrorBodySchema.safeParse(f.data).data?.errors ?? []).some((x) => x.code === "already_exists");
}
/** A 403 or 429 that says the token is out of API calls. */
function isRateLimit(f) {
    if (f.status === 429)
        return true;
    if (f.status !== 403)
        return false;
    return (String(f.headers["x-ratelimit-remaining"]) === "0" ||
        f.headers["retry-after"] !== undefined ||
        /rate limit/i.test(apiMessage(f)));
}
/** A 403 that says the token lacks a permission ("Resource not accessible by integration"). */
function isPermissionDenied(f) {
    return f.status === 403 && /not accessible by|must have (push|write|admin) access/i.test(apiMessage(f));
}
/** The connection broke while sending a file or reading a body: worth retrying. */
class TransferError extends Error {
    name = "TransferError";
}
/** No answer at all. Octokit reports a failed fetch (refused, reset, DNS) as a RequestError with status 500 and no response. */
function noAnswer(e) {
    return e instanceof TransferError || (typeof e === "object" && e !== null && "status" in e);
}
/**
 * How long to wait before retrying `e`, or undefined when retrying cannot help.
 * Rate limits follow GitHub's documented rules: retry-after, else x-ratelimit-reset when
 * nothing remains, else at least a minute for a secondary limit.
 */
function retryDelay(e, backoff, maxWaitMs, now = Date.now()) {
    if (e instanceof _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo)
        return undefined;
    const f = httpFailure(e);
    // Anything else without an answer is a bug, not worth repeating.
    if (f === undefined)
        return noAnswer(e) ? backoff : undefined;
    if (isRateLimit(f)) {
        const wait = rateLimitWait(f, now) ?? Math.max(60_000, backoff);
        if (wait > maxWaitMs) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`GitHub's API rate limit asks to wait ${Math.ceil(wait / 1000)} s, longer than the ${Math.ceil(maxWaitMs / 1000)} s goship waits; re-run the job later`);
        }
        return wait;
    }
    return f.status >= 500 ? backoff : undefined;
}
function rateLimitWait(f, now) {
    const retryAfter = f.headers["retry-after"];
    if (retryAfter !== undefined) {
        const s = Number(retryAfter);
        if (Number.isFinite(s))
            return Math.max(0, s * 1000);
        const date = Date.parse(String(retryAfter));
        if (!Number.isNaN(date))
            return Math.max(0, date - now);
    }
    const reset = Number(f.headers["x-ratelimit-reset"]);
    if (String(f.headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset)) {
        // The reset time is in whole seconds; one more keeps us clear of clock skew.
        return Math.max(0, reset * 1000 - now + 1000);
    }
    return undefined;
}
/** kit/retry's options for `policy`, with GitHub's rules for what to retry and how long to wait. */
function retryOptions(policy, onRetry) {
    return {
        attempts: policy.attempts,
        baseDelayMs: policy.baseDelayMs,
        sleep: policy.sleep,
        retryable: (e, { backoffMs }) => retryDelay(e, backoffMs, policy.maxWaitMs) ?? false,
        onRetry,
    };
}
/** Runs `fn` again after what retrying can fix, with a log line per retry; `fn` gets the attempt's number. */
async function withRetries(policy, what, fn) {
    return (0,_kit_retry_js__WEBPACK_IMPORTED_MODULE_7__/* .retry */ .L)(fn, retryOptions(policy, (e, { attempt, attempts, waitMs }) => {
        const f = httpFailure(e);
        const why = f ? `HTTP ${f.status}` : "the connection failed";
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq)(`${what}: ${why}; retrying in ${(waitMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${attempts})`);
    }));
}
/**
 * Turns a failed request into a message the user can act on. Never includes request headers.
 * `specific` reads the answers that mean something particular to the caller (the permission
 * it needs, a conflict) first; what it leaves (undefined) gets the general meaning here.
 */
function explain(ctx, what, e, specific) {
    if (e instanceof _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo)
        return e;
    const f = httpFailure(e);
    if (f === undefined) {
        if (noAnswer(e))
            return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${what}: no answer from GitHub: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}`);
        return e instanceof Error ? e : new Error(String(e));
    }
    const message = apiMessage(f);
    const particular = specific?.(f, message);
    if (particular)
        return particular;
    if (f.status === 401) {
        return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${what}: GitHub rejected the token (HTTP 401: ${message})`);
    }
    if (isRateLimit(f)) {
        return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${what}: GitHub's API rate limit is exhausted (HTTP ${f.status}: ${message}); re-run the job later`);
    }
    if (f.status === 404) {
        return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${what}: not found (HTTP 404): ${ctx.owner}/${ctx.repo} does not exist or the token cannot see it`);
    }
    const detail = message === `HTTP ${f.status}` ? "" : `: ${message}`;
    return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${what}: GitHub answered HTTP ${f.status}${detail}`);
}


/***/ }),

/***/ 16887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createDeployment: () => (/* binding */ createDeployment),
/* harmony export */   setDeploymentStatus: () => (/* binding */ setDeploymentStatus)
/* harmony export */ });
/* unused harmony exports STATUS_DESCRIPTION_MAX, statusDescription */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(27597);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73713);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83490);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(28943);





/** The longest description GitHub accepts on a deployment status. */
const STATUS_DESCRIPTION_MAX = 140;
const STATES = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];
// ─── What GitHub answers (only the fields used) ─────────────────────────────────
const DeploymentSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int(),
    url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    statuses_url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    sha: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    ref: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    environment: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    // An object for JSON given as one; older deployments may hold a string.
    payload: zod__WEBPACK_IMPORTED_MODULE_4__/* .unknown */ .L5J(),
});
const DeploymentStatusSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int(),
    url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    state: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(STATES),
    deployment_url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    description: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullish(),
});
// ─── Failures particular to deployments ────────────────────────────────────────
/** explain() with the permission a deployment needs and what a conflict or a rejected request means here. */
function explainDeployment(ctx, what, e, ref) {
    return (0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .explain */ .WE)(ctx, what, e, (f, message) => {
        if ((0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .isPermissionDenied */ .T1)(f)) {
            return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${what}: the token may not write deployments in ${ctx.owner}/${ctx.repo} (HTTP 403: ${message}); ` +
                `add "permissions: deployments: write" to the job (or use a token with Deployments: write)`);
        }
        if (f.status === 409) {
            return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${what}: GitHub refused it with a conflict (HTTP 409: ${message}); no deployment was created. ` +
                `GitHub answers this when it cannot merge the default branch into the ref or the commit's status checks failed`);
        }
        if (f.status === 422) {
            const hint = ref !== undefined && /no ref found/i.test(message)
                ? `; GitHub has no ref ${ref}: push it first, or deploy a ref GitHub has`
                : "";
            return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${what}: GitHub rejected the request (HTTP 422: ${message})${hint}`);
        }
        return undefined;
    });
}
// ─── Deployments ────────────────────────────────────────────────────────────────
/** The payload GitHub stored, as an object when it is one (or a string holding one). */
function payloadObject(payload) {
    let value = payload;
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        }
        catch {
            return undefined;
        }
    }
    return typeof value === "object" && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
/** A deployment this request already created, found by its marker: the newest of the environment are enough. */
async function findCreated(ctx, request, marker) {
    const what = `look for a deployment to ${request.environment} made by an earlier attempt`;
    const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/deployments", {
        owner: ctx.owner,
        repo: ctx.repo,
        environment: request.environment,
        task: "deploy",
        per_page: 100,
    });
    return (0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)(zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(DeploymentSchema), res.data, what).find((d) => payloadObject(d.payload)?.goship_request === marker);
}
/**
 * Creates a deployment of `ref` to `environment`, for statuses to follow. Deploys are
 * gated by goship's own verification, so GitHub is told not to merge the default branch
 * in (auto_merge: false) and not to check commit statuses (required_contexts: []).
 * Retried on 5xx, a dropped connection and rate limits; before each retry the
 * environment's deployments are searched for this request's marker, so a deployment
 * GitHub made although its answer was lost is returned, not made twice.
 */
async function createDeployment(connection, request) {
    const ctx = (0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .connect */ .Ng)(connection, request.owner, request.repo);
    const what = `create a deployment of ${request.ref} to ${request.environment}`;
    const marker = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)();
    try {
        const created = await (0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetries */ .LH)(ctx.retry, `POST /repos/${ctx.owner}/${ctx.repo}/deployments`, async (attempt) => {
            if (attempt > 1) {
                const found = await findCreated(ctx, request, marker);
                if (found !== undefined) {
                    (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq)(`${what}: the earlier attempt created deployment ${found.id}; using it`);
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
                request: { [_api_js__WEBPACK_IMPORTED_MODULE_3__/* .OWN_RETRIES */ .Ig]: true },
            });
            if (res.status === 202) {
                // "Merged branch response": only with auto_merge on, which goship never asks for.
                const said = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({ message: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP() }).safeParse(res.data).data?.message;
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${what}: GitHub merged the default branch into ${request.ref} instead of creating a deployment` +
                    `${said ? ` (${said})` : ""}; deploy again`);
            }
            return (0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)(DeploymentSchema, res.data, what);
        });
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq)(`created deployment ${created.id}: ${created.ref} (${created.sha.slice(0, 12)}) to ${created.environment}`);
        return { id: created.id, url: created.url };
    }
    catch (e) {
        throw explainDeployment(ctx, what, e, request.ref);
    }
}
/** Whitespace runs become one space; longer than `max` characters (not UTF-16 units), cut with "…". */
function statusDescription(text, max = STATUS_DESCRIPTION_MAX) {
    const chars = Array.from(text.replace(/\s+/g, " ").trim());
    return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}
/**
 * Adds a status to a deployment: in_progress when hosts start to change, then success
 * or failure (error when goship itself broke). Retried like every request: a status
 * posted twice is the same state twice in the history, which is harmless.
 */
async function setDeploymentStatus(connection, request) {
    const ctx = (0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .connect */ .Ng)(connection, request.owner, request.repo);
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
        .catch((e) => {
        throw (0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .httpFailure */ .tG)(e)?.status === 404
            ? new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${what}: deployment ${id} does not exist in ${ctx.owner}/${ctx.repo}, or the token cannot see it (HTTP 404)`)
            : explainDeployment(ctx, what, e);
    });
    const status = (0,_api_js__WEBPACK_IMPORTED_MODULE_3__/* .parse */ .qg)(DeploymentStatusSchema, res.data, what);
    (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq)(`deployment ${id}: ${status.state}`);
    return { id: status.id, url: status.url, state: status.state };
}


/***/ }),

/***/ 91834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ retry)
/* harmony export */ });
/* unused harmony export backoffDelay */
/**
 * Retrying a failed operation with exponential backoff: the one loop behind every retried
 * network call (downloads, the checksum database, GitHub's API). What is worth retrying is
 * the caller's decision, since only it knows what a failure means; this module only
 * counts attempts and waits.
 */
const timer = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The backoff wait after failed attempt `attempt` (1-based), jitter included. */
function backoffDelay(attempt, options) {
    const exact = Math.min(options.baseDelayMs * 2 ** (attempt - 1), options.maxDelayMs ?? Infinity);
    const jitter = Math.min(Math.max(options.jitter ?? 0, 0), 1);
    return jitter === 0 ? exact : Math.round(exact * (1 - jitter * (options.random ?? Math.random)()));
}
/**
 * Runs `fn` until it succeeds, `retryable` says no, or the attempts are spent; then throws
 * the last error as it is. `fn` gets the attempt's number (1 for the first), so that a retry
 * can first look whether the failed attempt took effect anyway. A wait of 0 retries at once.
 */
async function retry(fn, options) {
    const sleep = options.sleep ?? timer;
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (e) {
            // Asked even after the last attempt: its verdict may be a clearer error to throw.
            const backoffMs = backoffDelay(attempt, options);
            const verdict = options.retryable(e, { attempt, backoffMs });
            if (verdict === false || attempt >= options.attempts)
                throw e;
            const waitMs = verdict === true ? backoffMs : Math.max(0, verdict);
            options.onRetry?.(e, { attempt, attempts: options.attempts, waitMs });
            if (waitMs > 0)
                await sleep(waitMs);
        }
    }
}


/***/ })

};
