export const id = 675;
export const ids = [675,425];
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

/***/ 12675:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   downloadRelease: () => (/* binding */ downloadRelease)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _contract_names_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77662);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73713);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83490);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(28943);
/* harmony import */ var _releases_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(23425);







/** Refuses a destination that exists and is anything but an empty directory. */
async function checkDestination(destDir) {
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(destDir).catch((e) => {
        if (e.code === "ENOENT")
            return undefined;
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`cannot use ${destDir} for the release: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
    });
    if (st === undefined)
        return;
    if (!st.isDirectory())
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${destDir} exists and is not a directory; refusing to download into it`);
    if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(destDir)).length > 0)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${destDir} is not empty; refusing to download a release into it`);
}
/**
 * Downloads every asset of the published release for `request.tag` into `destDir`, which
 * must be empty or absent (it is created). Each asset is streamed to disk and checked
 * against the sha256 GitHub recorded for it, when there is one. Everything lands in a
 * temporary directory beside `destDir` first and is renamed into place at the end, so a
 * failure leaves nothing behind. Asset names must be plain file names, or nothing is
 * downloaded. No signature is checked here: run verifyRelease on the directory.
 */
async function downloadRelease(connection, request, destDir) {
    const { tag } = request;
    await checkDestination(destDir);
    const ctx = (0,_api_js__WEBPACK_IMPORTED_MODULE_5__/* .connect */ .Ng)(connection, request.owner, request.repo);
    const release = await (0,_releases_js__WEBPACK_IMPORTED_MODULE_6__/* .publishedRelease */ .qT)(ctx, tag);
    if (release === undefined) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`no published release with tag ${tag} in ${ctx.owner}/${ctx.repo} (HTTP 404). A draft release cannot be found ` +
            `by its tag: publish it first. For a private repository the token needs "permissions: contents: read"`);
    }
    const assets = (await (0,_releases_js__WEBPACK_IMPORTED_MODULE_6__/* .listAssets */ .qs)(ctx, release.id)).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    if (assets.length === 0)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`release ${tag} has no assets to download`);
    const unsafe = assets.filter((a) => !_contract_names_js__WEBPACK_IMPORTED_MODULE_2__/* .SafeName */ .P8.safeParse(a.name).success).map((a) => JSON.stringify(a.name));
    if (unsafe.length > 0) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`release ${tag} has asset names that are not plain file names (letters, digits and . _ + -, not starting with a dot): ` +
            `${unsafe.join(", ")}; nothing was downloaded`);
    }
    const unfinished = assets.filter((a) => a.state !== "uploaded");
    if (unfinished.length > 0) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`release ${tag} has unfinished uploads: ${unfinished.map((a) => `${a.name} (state ${a.state})`).join(", ")}; nothing was downloaded`);
    }
    const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(destDir);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(parent, { recursive: true });
    const temp = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(parent, `.${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(destDir)}.partial-`));
    try {
        const files = [];
        for (const asset of assets) {
            const got = await (0,_releases_js__WEBPACK_IMPORTED_MODULE_6__/* .downloadSha256 */ .YC)(ctx, asset, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(temp, asset.name));
            const recorded = (0,_releases_js__WEBPACK_IMPORTED_MODULE_6__/* .recordedSha256 */ .yT)(asset);
            if (recorded !== undefined && got.sha256 !== recorded) {
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`asset ${asset.name} of release ${tag}: downloaded sha256 ${got.sha256}, but GitHub records sha256 ${recorded}; nothing was kept`);
            }
            if (got.size !== asset.size) {
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`asset ${asset.name} of release ${tag}: downloaded ${got.size} bytes, GitHub lists ${asset.size}; nothing was kept`);
            }
            (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)(`${asset.name}: downloaded (${(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_4__/* .bytes */ .ee)(got.size)}), ${recorded ? "sha256 matches GitHub's digest" : "GitHub records no digest"}`);
            files.push({ name: asset.name, ...got });
        }
        // An empty destDir gives way (rmdir refuses a directory that filled up meanwhile).
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rmdir)(destDir).catch((e) => {
            if (e.code !== "ENOENT")
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`cannot replace ${destDir}: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
        });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(temp, destDir);
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq)(`downloaded ${files.length} assets of release ${tag} into ${destDir}`);
        return { releaseId: release.id, url: release.html_url, files };
    }
    catch (e) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(temp, { recursive: true, force: true });
        throw e;
    }
}


/***/ }),

/***/ 23425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YC: () => (/* binding */ downloadSha256),
/* harmony export */   publishRelease: () => (/* binding */ publishRelease),
/* harmony export */   qT: () => (/* binding */ publishedRelease),
/* harmony export */   qs: () => (/* binding */ listAssets),
/* harmony export */   verifyPublished: () => (/* binding */ verifyPublished),
/* harmony export */   yT: () => (/* binding */ recordedSha256)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(27597);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(73713);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83490);
/* harmony import */ var _kit_retry_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(91834);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(28943);









// ─── What GitHub answers (only the fields used) ─────────────────────────────────
const AssetSchema = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int(),
    name: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    label: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().nullish(),
    // Documented as "uploaded" | "open"; an interrupted upload shows "starter" in practice.
    state: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    size: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int(),
    // "sha256:<hex>" on github.com since June 2025; null for older assets, absent on older GHES.
    digest: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().nullish(),
    content_type: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    url: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    browser_download_url: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
});
const ReleaseSchema = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int(),
    tag_name: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    name: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().nullish(),
    draft: zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY(),
    prerelease: zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY(),
    immutable: zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY().optional(),
    html_url: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    upload_url: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
});
// ─── What failures mean for a release ───────────────────────────────────────────
/** explain() with what a release's answers mean: the permission it needs, an immutable release. */
function explainRelease(ctx, what, e, tag) {
    return (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .explain */ .WE)(ctx, what, e, (f, message) => {
        if ((0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .isPermissionDenied */ .T1)(f)) {
            return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${what}: the token may not write releases in ${ctx.owner}/${ctx.repo} (HTTP 403: ${message}); ` +
                `add "permissions: contents: write" to the job (or use a token with Contents: write)`);
        }
        if (f.status === 422 && /immutable/i.test(message))
            return immutableError(tag ?? "?", message);
        return undefined;
    });
}
function immutableError(tag, detail) {
    return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`release ${tag} is immutable; its assets cannot be added, replaced or deleted once it is published (${detail}). ` +
        `Publish the changed files under a new tag`);
}
async function call(ctx, what, fn, tag) {
    try {
        return await fn();
    }
    catch (e) {
        throw explainRelease(ctx, what, e, tag);
    }
}
// ─── Releases ───────────────────────────────────────────────────────────────────
/** The published release for a tag; undefined on a 404 (GitHub never finds a draft by its tag). */
async function publishedRelease(ctx, tag) {
    const what = `look up release ${tag}`;
    try {
        const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/releases/tags/{tag}", {
            owner: ctx.owner,
            repo: ctx.repo,
            tag,
        });
        return (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)(ReleaseSchema, res.data, what);
    }
    catch (e) {
        if ((0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .httpFailure */ .tG)(e)?.status !== 404)
            throw explainRelease(ctx, what, e, tag);
        return undefined;
    }
}
/**
 * The release for a tag: the published one, or a draft with that tag name. Drafts are
 * missing from GET /releases/tags/{tag}, so they are looked for in the full listing
 * (newest first).
 */
async function findRelease(ctx, tag) {
    const published = await publishedRelease(ctx, tag);
    if (published)
        return published;
    return call(ctx, `look for a draft release ${tag}`, async () => {
        const pages = ctx.octokit.paginate.iterator("GET /repos/{owner}/{repo}/releases", {
            owner: ctx.owner,
            repo: ctx.repo,
            per_page: 100,
        });
        for await (const page of pages) {
            const releases = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)(zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(ReleaseSchema), page.data, "list releases");
            const draft = releases.find((r) => r.draft && r.tag_name === tag);
            if (draft)
                return draft;
        }
        return undefined;
    });
}
/** Creates the draft; if another run got there first, returns theirs (created: false). */
async function createDraft(ctx, request) {
    const what = `create draft release ${request.tag}`;
    try {
        const res = await ctx.octokit.request("POST /repos/{owner}/{repo}/releases", {
            owner: ctx.owner,
            repo: ctx.repo,
            tag_name: request.tag,
            name: request.name ?? request.tag,
            ...(request.notes !== undefined && { body: request.notes }),
            ...(request.generateNotes && { generate_release_notes: true }),
            ...(request.targetCommitish !== undefined && { target_commitish: request.targetCommitish }),
            draft: true,
            prerelease: request.prerelease,
        });
        return { release: (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)(ReleaseSchema, res.data, what), created: true };
    }
    catch (e) {
        const f = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .httpFailure */ .tG)(e);
        if (!(0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .alreadyExists */ .B$)(f))
            throw explainRelease(ctx, what, e, request.tag);
        // Another run created it between our look-up and this request.
        const found = await findRelease(ctx, request.tag);
        if (found)
            return { release: found, created: false };
        throw explainRelease(ctx, what, e, request.tag);
    }
}
async function listAssets(ctx, releaseId) {
    return call(ctx, `list the assets of release ${releaseId}`, async () => {
        const all = await ctx.octokit.paginate("GET /repos/{owner}/{repo}/releases/{release_id}/assets", {
            owner: ctx.owner,
            repo: ctx.repo,
            release_id: releaseId,
            per_page: 100,
        });
        return (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)(zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(AssetSchema), all, "list release assets");
    });
}
async function deleteAsset(ctx, asset, tag) {
    await call(ctx, `delete asset ${asset.name}`, () => ctx.octokit.request("DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}", {
        owner: ctx.owner,
        repo: ctx.repo,
        asset_id: asset.id,
    }), tag);
}
/** The hex sha256 GitHub recorded for an asset, if it recorded one. */
function recordedSha256(asset) {
    const m = /^sha256:([0-9a-f]{64})$/i.exec(asset.digest ?? "");
    return m?.[1]?.toLowerCase();
}
/**
 * Streams an asset's content through sha256 (never buffered whole) and, with `dest`, into
 * that file (rewritten on each attempt, with backpressure). The API answers with a redirect
 * to a storage host on another origin; fetch follows it and, per the Fetch standard, drops
 * the Authorization header on the way (signed storage URLs refuse a second credential).
 * Not @actions/http-client: it keeps the header when only the port differs.
 */
async function downloadSha256(ctx, asset, dest) {
    const what = `download asset ${asset.name}`;
    return call(ctx, what, () => (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .withRetries */ .LH)(ctx.retry, what, async () => {
        const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
            owner: ctx.owner,
            repo: ctx.repo,
            asset_id: asset.id,
            headers: { accept: "application/octet-stream" },
            request: { parseSuccessResponseBody: false, [_api_js__WEBPACK_IMPORTED_MODULE_6__/* .OWN_RETRIES */ .Ig]: true },
        });
        const body = res.data;
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256");
        let size = 0;
        // A failure reading the body is a transfer error (retried); one writing the file is not,
        // nor is an answer larger than GitHub lists the asset: reading stops there.
        async function* hashed() {
            let tooLarge = false;
            try {
                for await (const chunk of body ?? []) {
                    size += chunk.length;
                    if (size > asset.size) {
                        tooLarge = true;
                        break; // ends the iteration, which cancels the body and closes the connection
                    }
                    hash.update(chunk);
                    yield chunk;
                }
            }
            catch (e) {
                throw new _api_js__WEBPACK_IMPORTED_MODULE_6__/* .TransferError */ .aG((0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e));
            }
            if (tooLarge) {
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${what}: GitHub lists ${asset.size} bytes, and the download is larger; stopped reading`);
            }
        }
        if (dest === undefined)
            for await (const _ of hashed())
                ;
        else
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)(hashed(), (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(dest));
        return { sha256: hash.digest("hex"), size };
    }));
}
/** Whether an asset on the release holds exactly the local file (by GitHub's digest, else by download). */
async function sameContent(ctx, existing, asset) {
    if (existing.size !== asset.size)
        return false;
    const recorded = recordedSha256(existing);
    if (recorded !== undefined)
        return recorded === asset.sha256.toLowerCase();
    (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .debug */ .Yz)(`asset ${existing.name} has no digest on GitHub; downloading it to compare`);
    return (await downloadSha256(ctx, existing)).sha256 === asset.sha256.toLowerCase();
}
function uploadUrl(template, name) {
    // upload_url is an RFC 6570 template ending in "{?name,label}".
    const url = new URL(template.replace(/\{\?[^}]*\}$/, ""));
    url.searchParams.set("name", name);
    return url.toString();
}
/** A non-2xx answer to an upload, shaped like octokit's errors so one set of rules reads both. */
class UploadError extends Error {
    status;
    name = "UploadError";
    response;
    constructor(status, headers, data) {
        super(`HTTP ${status}`);
        this.status = status;
        this.response = { status, headers, data };
    }
}
/**
 * POSTs a file to the upload URL with its Content-Length, through node:http with
 * backpressure (@actions/http-client, proxy-aware like the rest of the toolkit). Not
 * through octokit: undici's fetch accepts a stream body but reads it ahead of the socket,
 * holding most of a slow upload in memory (measured: a 128 MiB file, 128 MiB held).
 */
async function sendFile(ctx, url, asset) {
    const file = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(asset.path, { highWaterMark: 1 << 20 });
    try {
        const res = await ctx.http
            .sendStream("POST", url, file, {
            accept: "application/vnd.github+json",
            authorization: `token ${ctx.token}`,
            "content-type": asset.contentType,
            "content-length": String(asset.size),
            "x-github-api-version": "2022-11-28",
        })
            .catch((e) => {
            throw new _api_js__WEBPACK_IMPORTED_MODULE_6__/* .TransferError */ .aG((0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e));
        });
        const status = res.message.statusCode ?? 0;
        const text = await res.readBody().catch((e) => {
            throw new _api_js__WEBPACK_IMPORTED_MODULE_6__/* .TransferError */ .aG((0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e));
        });
        let data = text;
        try {
            data = JSON.parse(text);
        }
        catch {
            // Not JSON (a proxy's error page): kept as text.
        }
        if (status < 200 || status > 299) {
            const headers = {};
            for (const [k, v] of Object.entries(res.message.headers))
                headers[k] = Array.isArray(v) ? v.join(", ") : v;
            throw new UploadError(status, headers, data);
        }
        return data;
    }
    finally {
        file.destroy();
    }
}
/**
 * Uploads one file, streamed with its length. After a dropped connection or a 5xx the
 * asset may exist anyway, complete or as an unfinished ("starter") entry that blocks
 * the name: the assets are listed again, a leftover is deleted, a complete match kept.
 */
async function uploadAsset(ctx, release, asset, tag, replace) {
    const what = `upload ${asset.name}`;
    const options = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .retryOptions */ .tO)(ctx.retry, (e) => {
        const f = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .httpFailure */ .tG)(e);
        if (!(0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .alreadyExists */ .B$)(f))
            (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`${what}: ${f ? `HTTP ${f.status}` : (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e)}; checking the release, then retrying`);
    });
    try {
        await (0,_kit_retry_js__WEBPACK_IMPORTED_MODULE_8__/* .retry */ .L)(async (attempt) => {
            if (attempt > 1) {
                // What did the failed attempt leave?
                const left = (await listAssets(ctx, release.id)).find((a) => a.name === asset.name);
                if (left?.state === "uploaded" && (await sameContent(ctx, left, asset)))
                    return;
                if (left?.state === "uploaded" && !replace) {
                    throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${what}: release ${tag} gained an asset ${asset.name} with other content while uploading`);
                }
                if (left !== undefined) {
                    (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`removing ${left.state === "uploaded" ? "" : `an unfinished (${left.state}) `}asset ${asset.name} before uploading again`);
                    await deleteAsset(ctx, left, tag);
                }
            }
            const uploaded = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)(AssetSchema, await sendFile(ctx, uploadUrl(release.upload_url, asset.name), asset), what);
            const recorded = recordedSha256(uploaded);
            if (recorded !== undefined && recorded !== asset.sha256.toLowerCase()) {
                // Not left behind: a re-run would take it for someone else's asset with other content.
                await deleteAsset(ctx, uploaded, tag);
                throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${what}: GitHub recorded sha256 ${recorded}, but the manifest says ${asset.sha256}; ${asset.path} changed after it was hashed (the upload was deleted)`);
            }
        }, {
            ...options,
            // The name is taken (by our own earlier attempt, or by a concurrent run): look at once.
            retryable: (e, failure) => ((0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .alreadyExists */ .B$)((0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .httpFailure */ .tG)(e)) ? 0 : options.retryable(e, failure)),
        });
    }
    catch (e) {
        throw explainRelease(ctx, what, e, tag);
    }
}
/** What to do with each asset, decided before anything on the release changes. */
async function plan(ctx, request, existing) {
    const steps = [];
    const conflicts = [];
    for (const asset of sortedAssets(request.assets)) {
        const found = existing.find((a) => a.name === asset.name);
        if (found === undefined)
            steps.push({ kind: "upload", asset });
        else if (found.state !== "uploaded")
            steps.push({ kind: "repair", asset, existing: found });
        else if (await sameContent(ctx, found, asset))
            steps.push({ kind: "skip", asset });
        else if (request.replaceAssets)
            steps.push({ kind: "replace", asset, existing: found });
        else {
            const theirs = recordedSha256(found);
            conflicts.push(`${asset.name} (on the release: ${theirs ? `sha256 ${theirs}` : `${found.size} bytes`}; here: sha256 ${asset.sha256})`);
        }
    }
    if (conflicts.length > 0) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`release ${request.tag} already has ${conflicts.length === 1 ? "an asset" : "assets"} with the same name and other content: ` +
            `${conflicts.join("; ")}. Nothing was changed; set replace-assets to replace them, or publish a new version`);
    }
    return steps;
}
function sortedAssets(assets) {
    const sorted = [...assets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
        if (sorted[i]?.name === sorted[i - 1]?.name)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`two release assets are named ${sorted[i]?.name}`);
    }
    return sorted;
}
/**
 * Publishes `request.assets` on the release for `request.tag`: draft first, uploads,
 * publish last. Safe to re-run: assets already there with the same sha256 are skipped;
 * a same-named asset with other content fails the run (nothing changed) unless
 * replaceAssets. A failure before the last step leaves at most a draft.
 */
async function publishRelease(request, connection) {
    const assets = sortedAssets(request.assets);
    for (const a of assets) {
        const size = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(a.path).then((s) => s.size, (e) => {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`release asset ${a.name}: cannot read ${a.path}: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e)}`);
        });
        if (size !== a.size) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`release asset ${a.name}: ${a.path} has ${size} bytes, the manifest says ${a.size}`);
        }
    }
    const ctx = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .connect */ .Ng)(connection, request.owner, request.repo);
    const tag = request.tag;
    let release = await findRelease(ctx, tag);
    let created = false;
    if (release === undefined)
        ({ release, created } = await createDraft(ctx, request));
    (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`${created ? "created" : "found"} ${release.draft ? "draft " : ""}release ${tag} (id ${release.id})`);
    const steps = await plan(ctx, request, await listAssets(ctx, release.id));
    const changes = steps.filter((s) => s.kind !== "skip");
    if (!release.draft && release.immutable === true && changes.length > 0) {
        throw immutableError(tag, `${changes.map((s) => s.asset.name).join(", ")} would change; nothing was changed`);
    }
    if (!release.draft && changes.length > 0) {
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e)(`release ${tag} is already published; its assets change while it is visible`);
    }
    const result = { uploaded: [], skipped: [], replaced: [] };
    for (const step of steps) {
        const { asset } = step;
        switch (step.kind) {
            case "skip":
                (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`${asset.name}: already on the release with the same sha256; skipped`);
                result.skipped.push(asset.name);
                continue;
            case "repair":
                (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`${asset.name}: removing an unfinished upload (${step.existing.state}) left by an earlier attempt`);
                await deleteAsset(ctx, step.existing, tag);
                break;
            case "replace":
                (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`${asset.name}: content differs from the release's; replacing it`);
                await deleteAsset(ctx, step.existing, tag);
                break;
        }
        await uploadAsset(ctx, release, asset, tag, request.replaceAssets);
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`${asset.name}: ${step.kind === "replace" ? "replaced" : "uploaded"} (${(0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .bytes */ .ee)(asset.size)})`);
        (step.kind === "replace" ? result.replaced : result.uploaded).push(asset.name);
    }
    if (release.draft && !request.draftOnly) {
        const releaseId = release.id;
        const res = await call(ctx, `publish release ${tag}`, () => ctx.octokit.request("PATCH /repos/{owner}/{repo}/releases/{release_id}", {
            owner: ctx.owner,
            repo: ctx.repo,
            release_id: releaseId,
            draft: false,
            prerelease: request.prerelease,
        }), tag);
        release = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)(ReleaseSchema, res.data, `publish release ${tag}`);
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`published release ${tag}: ${release.html_url}`);
    }
    else if (release.draft) {
        (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`left release ${tag} as a draft: ${release.html_url}`);
    }
    else {
        if (request.draftOnly)
            (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`release ${tag} was already published; it stays published`);
        if (release.prerelease !== request.prerelease) {
            (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e)(`release ${tag} is ${release.prerelease ? "" : "not "}a pre-release on GitHub; left as it is`);
        }
    }
    return { releaseId: release.id, url: release.html_url, draft: release.draft, ...result };
}
/**
 * Downloads every asset from the release and checks its sha256 (and GitHub's recorded
 * digest, when there is one) against what was meant to be published. Every problem is
 * reported in one error naming the assets.
 */
async function verifyPublished(request, connection) {
    const ctx = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .connect */ .Ng)(connection, request.owner, request.repo);
    const what = `read release ${request.releaseId}`;
    const res = await call(ctx, what, () => ctx.octokit.request("GET /repos/{owner}/{repo}/releases/{release_id}", {
        owner: ctx.owner,
        repo: ctx.repo,
        release_id: request.releaseId,
    }));
    const release = (0,_api_js__WEBPACK_IMPORTED_MODULE_6__/* .parse */ .qg)(ReleaseSchema, res.data, what);
    const problems = [];
    if (request.published && release.draft)
        problems.push(`release ${release.tag_name} is still a draft`);
    const onRelease = await listAssets(ctx, release.id);
    const verified = [];
    for (const want of [...request.assets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const found = onRelease.find((a) => a.name === want.name);
        const expected = want.sha256.toLowerCase();
        if (found === undefined) {
            problems.push(`${want.name} is missing`);
            continue;
        }
        if (found.state !== "uploaded") {
            problems.push(`${want.name} is not completely uploaded (state ${found.state})`);
            continue;
        }
        const recorded = recordedSha256(found);
        if (recorded !== undefined && recorded !== expected) {
            problems.push(`${want.name}: GitHub records sha256 ${recorded}, expected ${expected}`);
            continue;
        }
        const got = await downloadSha256(ctx, found);
        if (got.sha256 !== expected || got.size !== want.size) {
            problems.push(`${want.name}: downloaded sha256 ${got.sha256} (${got.size} bytes), expected ${expected} (${want.size} bytes)`);
            continue;
        }
        verified.push(want.name);
    }
    if (problems.length > 0) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`release ${release.tag_name} does not hold what was published: ${problems.join("; ")}`);
    }
    (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq)(`verified ${verified.length} assets of release ${release.tag_name} by download`);
    return { verified };
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
