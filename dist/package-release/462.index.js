export const id = 462;
export const ids = [462];
export const modules = {

/***/ 66462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isPrerelease: () => (/* binding */ isPrerelease),
/* harmony export */   publishRelease: () => (/* binding */ publishRelease),
/* harmony export */   releaseTarget: () => (/* binding */ releaseTarget)
/* harmony export */ });
/* harmony import */ var _contract_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83166);
/* harmony import */ var _github_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(19556);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73713);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83490);
/**
 * package-release's publishing step: where to (repository, tag, token, from the inputs and
 * the run's environment, checked before anything is written), then the GitHub Release
 * itself, then a read-back of every asset.
 */




/** Resolves and checks where a release goes, before anything is built or written. */
function releaseTarget(i, env) {
    const run = (0,_github_context_js__WEBPACK_IMPORTED_MODULE_1__/* .runContext */ .pO)(env);
    const ref = run.ref ?? "";
    const tag = i.tag ?? (ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : undefined);
    if (!tag)
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)("tag", "", `a tag to publish ${i.publish === "draft" ? "the draft" : "the release"} under (the run was not started by a tag push: GITHUB_REF is ${JSON.stringify(ref)})`);
    const where = (0,_github_context_js__WEBPACK_IMPORTED_MODULE_1__/* .ownerAndRepo */ .H5)(run);
    if (!where)
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)("publish", i.publish, `none outside a GitHub repository (GITHUB_REPOSITORY is ${JSON.stringify(run.repository ?? "")})`);
    const token = i["github-token"] ?? run.token ?? "";
    if (!token)
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)("github-token", "", "a token with contents: write (github.token, or GITHUB_TOKEN in local mode)");
    return { ...where, tag, token, apiUrl: run.apiUrl, commit: run.sha };
}
/** A semver pre-release: 1.2.0-rc.1, but not 1.2.0+build. */
function isPrerelease(version) {
    return /^v?\d+\.\d+\.\d+-[0-9A-Za-z.-]+(\+[0-9A-Za-z.-]+)?$/.test(version);
}
async function publishRelease(target, i, release) {
    // Loaded only to publish: Octokit and its plugins are heavy to load.
    const { publishRelease: publishToGitHub, verifyPublished } = await Promise.all(/* import() */[__webpack_require__.e(252), __webpack_require__.e(32)]).then(__webpack_require__.bind(__webpack_require__, 87032));
    const notes = i["release-notes"];
    const assets = release.assets.map((a) => ({
        ...a,
        path: `${release.dir}/${a.name}`,
        contentType: contentType(a.name),
    }));
    const connection = { token: target.token, ...(target.apiUrl ? { apiUrl: target.apiUrl } : {}) };
    const result = await publishToGitHub({
        owner: target.owner,
        repo: target.repo,
        tag: target.tag,
        name: `${release.manifest.project} ${release.manifest.version}`,
        ...(notes && notes !== "generate" ? { notes } : {}),
        generateNotes: notes === "generate",
        prerelease: i.prerelease === "auto" ? isPrerelease(release.manifest.version) : i.prerelease === "true",
        draftOnly: i.publish === "draft",
        assets,
        replaceAssets: i["replace-assets"],
        ...(target.commit ? { targetCommitish: target.commit } : {}),
    }, connection);
    // Read back what GitHub now serves and check it byte for byte.
    const { verified } = await verifyPublished({
        owner: target.owner,
        repo: target.repo,
        releaseId: result.releaseId,
        assets: release.assets,
        published: i.publish === "release",
    }, connection);
    (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq)(`read back ${verified.length} asset(s) from the release: every sha256 matches`);
    const status = new Map();
    for (const n of result.uploaded)
        status.set(n, "uploaded");
    for (const n of result.skipped)
        status.set(n, "skipped: already there");
    for (const n of result.replaced)
        status.set(n, "replaced");
    return { url: result.url, releaseId: result.releaseId, status };
}
function contentType(name) {
    if (name.endsWith(".tar.gz"))
        return "application/gzip";
    if (name.endsWith(".zip"))
        return "application/zip";
    if (name.endsWith(".json"))
        return "application/json";
    if (name.endsWith(".jsonl") || name === _contract_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .CHECKSUMS_FILE */ .aP || name.endsWith(".pub"))
        return "text/plain";
    return "application/octet-stream";
}


/***/ })

};
