export const id = 368;
export const ids = [368,850,8];
export const modules = {

/***/ 90008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IN_TOTO_PAYLOAD_TYPE: () => (/* binding */ IN_TOTO_PAYLOAD_TYPE),
/* harmony export */   Rq: () => (/* binding */ verifyDsseEnvelope),
/* harmony export */   gR: () => (/* binding */ DsseEnvelope),
/* harmony export */   jt: () => (/* binding */ signDsseEnvelope),
/* harmony export */   l0: () => (/* binding */ signP256)
/* harmony export */ });
/* unused harmony exports DsseSignature, pae, dssePayload */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93431);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27597);



/**
 * DSSE (Dead Simple Signing Envelope, https://github.com/secure-systems-lab/dsse):
 * the envelope in-toto statements (SLSA provenance) are signed in, and the content of
 * a Sigstore bundle made for an attestation. Signatures are ECDSA P-256 over SHA-256,
 * DER-encoded, computed over PAE(payloadType, payload), never over the payload alone.
 */
/** The payload type of an in-toto statement. */
const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
/** DSSE allows standard and URL-safe base64; Sigstore writes standard. */
const Base64 = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, "base64");
const DsseSignature = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    /** Unauthenticated hint for which key made `sig`. goship leaves it out; see signDsseEnvelope. */
    keyid: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    sig: Base64.min(1),
});
const DsseEnvelope = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    payloadType: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    payload: Base64,
    signatures: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(DsseSignature).min(1),
});
/**
 * The pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body,
 * lengths as ASCII decimal byte counts. Signing this, not the bare payload, binds the
 * payload type to the signature.
 */
function pae(payloadType, payload) {
    const type = Buffer.from(payloadType, "utf8");
    return Buffer.concat([
        Buffer.from(`DSSEv1 ${type.length} `, "ascii"),
        type,
        Buffer.from(` ${payload.length} `, "ascii"),
        payload,
    ]);
}
/**
 * Signs `payload` into a one-signature envelope with an EC private key (ECDSA, SHA-256,
 * DER). No keyid unless asked for: cosign writes none, and its verifier (go-securesystemslib)
 * skips a signature whose keyid differs from the one it derives for the key, so the
 * Sigstore hint as keyid makes `cosign verify-blob-attestation --key` fail.
 */
function signDsseEnvelope(payloadType, payload, privateKey, keyid) {
    const sig = signP256(pae(payloadType, payload), privateKey).toString("base64");
    return {
        payloadType,
        payload: payload.toString("base64"),
        signatures: [keyid === undefined ? { sig } : { keyid, sig }],
    };
}
/**
 * True when at least one of the envelope's signatures verifies with `publicKey`. keyid
 * is only a hint, so it plays no part. The payload type is authenticated by the
 * signature; checking that it is the expected one is the caller's job.
 * (signing.ts's verifyDsse takes the public key as PEM.)
 */
function verifyDsseEnvelope(envelope, publicKey) {
    const message = pae(envelope.payloadType, dssePayload(envelope));
    return envelope.signatures.some((s) => {
        try {
            return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.verify)("sha256", message, publicKey, Buffer.from(s.sig, "base64"));
        }
        catch {
            return false; // a signature that is not even DER
        }
    });
}
/** The payload bytes. Use them only after the envelope verified. */
function dssePayload(envelope) {
    return Buffer.from(envelope.payload, "base64");
}
/**
 * ECDSA P-256 over SHA-256 with RFC 6979 nonces, DER-encoded. node:crypto picks a random
 * nonce, so every run would sign the same SHA256SUMS differently; deterministic nonces
 * make a re-run produce byte-identical signatures (and so identical release assets).
 */
function signP256(data, privateKey) {
    const jwk = privateKey.export({ format: "jwk" });
    if (jwk.crv !== "P-256" || !jwk.d)
        throw new Error("signP256 needs an EC P-256 private key");
    const secret = Buffer.from(jwk.d, "base64url");
    return Buffer.from(_noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_2__/* .p256 */ .s9.sign(data, secret, { prehash: true, format: "der" }));
}


/***/ }),

/***/ 75150:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BV: () => (/* binding */ parseIntotoJsonl),
/* harmony export */   GX: () => (/* binding */ checkSubjects),
/* harmony export */   Te: () => (/* binding */ InTotoStatement),
/* harmony export */   cg: () => (/* binding */ statementFromEnvelope),
/* harmony export */   intotoJsonlLine: () => (/* binding */ intotoJsonlLine),
/* harmony export */   provenanceStatement: () => (/* binding */ provenanceStatement),
/* harmony export */   statementPayload: () => (/* binding */ statementPayload),
/* harmony export */   workflowRunFromEnv: () => (/* binding */ workflowRunFromEnv)
/* harmony export */ });
/* unused harmony exports GOSHIP_BUILD_TYPE, IN_TOTO_STATEMENT_V1, SLSA_PROVENANCE_V1, INTOTO_JSONL_SUFFIX, invocationId, workflowFromRef, ResourceDescriptor, SlsaProvenancePredicate, SlsaProvenanceStatement, subjectMismatches */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(27597);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(64377);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(37428);
/* harmony import */ var _github_context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19556);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73713);
/* harmony import */ var _kit_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(80172);
/* harmony import */ var _dsse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90008);
/**
 * SLSA v1 build provenance for a release, as an in-toto Statement v1: which files (the
 * subjects, by sha256) were built from which commit, by which builder and workflow run,
 * with which Go toolchain and settings per target. signing.ts wraps the statement in a
 * DSSE envelope; this module also writes and reads the `.intoto.jsonl` file that carries it.
 *
 * The statement is deterministic: it holds no clock reading, so a re-run of the same
 * release produces the same bytes (and the same signature input).
 */





/**
 * What goship's externalParameters and internalParameters mean (SLSA asks each buildType to
 * document that), under goship's home.
 */
const GOSHIP_BUILD_TYPE = `${_kit_version_js__WEBPACK_IMPORTED_MODULE_3__/* .GOSHIP_HOME */ .D}/buildtypes/go-release/v1`;
const IN_TOTO_STATEMENT_V1 = "https://in-toto.io/Statement/v1";
const SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
/** The DSSE payloadType of an in-toto statement. */
const INTOTO_JSONL_SUFFIX = ".intoto.jsonl";
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The run's GITHUB_* variables that provenance records (never the token); unset and empty ones are left out. */
function workflowRunFromEnv(env = process.env) {
    const { serverUrl, repository, runId, runAttempt, workflowRef, ref, sha, runnerEnvironment } = (0,_github_context_js__WEBPACK_IMPORTED_MODULE_0__/* .runContext */ .pO)(env);
    const run = { serverUrl, repository, runId, runAttempt, workflowRef, ref, sha, runnerEnvironment };
    return Object.fromEntries(Object.entries(run).filter(([, v]) => v !== undefined));
}
/**
 * The workflow run, not the attempt: re-running a failed release job must produce the
 * same provenance (and so the same SHA256SUMS and signature), or the re-run could not
 * converge on the assets the first attempt already uploaded.
 */
function invocationId(run) {
    // No server named: not a GitHub run, whatever else is set.
    return run.serverUrl ? (0,_github_context_js__WEBPACK_IMPORTED_MODULE_0__/* .runUrl */ .Vp)(run) : undefined;
}
/**
 * GITHUB_WORKFLOW_REF split into the workflow's repository URL, file and ref, the way
 * GitHub's own buildType records a workflow. Undefined when it does not have that shape.
 */
function workflowFromRef(run) {
    const m = /^([^/]+\/[^/]+)\/(.+?\.ya?ml)@(.+)$/.exec(run.workflowRef ?? "");
    if (!m || !run.serverUrl)
        return undefined;
    return {
        repository: `${run.serverUrl.replace(/\/+$/, "")}/${m[1]}`,
        path: m[2],
        ref: m[3],
    };
}
/**
 * The in-toto Statement v1 with a SLSA v1 provenance predicate. Subjects are sorted by
 * name and targets by goos/goarch/variant, so input order does not matter.
 *
 * runDetails.metadata carries no startedOn/finishedOn: a clock reading would make every
 * re-run differ, and the commit time (the only time known to all runs) is not when the
 * build ran, so it is recorded as internalParameters.sourceDateEpoch instead.
 */
function provenanceStatement(input) {
    const { run, source } = input;
    const subject = normalizeSubjects(input.subjects);
    if (!input.builderId)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo("provenance needs a builder id");
    const commit = fullCommit(source.commit, run);
    if (!Number.isSafeInteger(input.sourceDateEpoch) || input.sourceDateEpoch < 0) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`sourceDateEpoch ${input.sourceDateEpoch} is not a Unix time in seconds`);
    }
    const repository = source.repository ??
        (run.serverUrl && run.repository ? `${run.serverUrl.replace(/\/+$/, "")}/${run.repository}` : undefined);
    const ref = source.ref ?? run.ref;
    const workflow = workflowFromRef(run);
    const invocation = invocationId(run);
    const github = {
        ...(run.sha ? { sha: run.sha } : {}),
        ...(run.runnerEnvironment ? { runnerEnvironment: run.runnerEnvironment } : {}),
    };
    const targets = [...input.build.targets]
        .map((t) => ({
        goos: t.goos,
        goarch: t.goarch,
        ...(t.variant ? { variant: t.variant } : {}),
        settings: t.settings.map(({ key, value }) => ({ key, value })),
    }))
        .sort((a, b) => compare(targetKey(a), targetKey(b)));
    return {
        _type: IN_TOTO_STATEMENT_V1,
        subject,
        predicateType: SLSA_PROVENANCE_V1,
        predicate: {
            buildDefinition: {
                buildType: GOSHIP_BUILD_TYPE,
                externalParameters: {
                    source: { ...(repository ? { repository } : {}), ...(ref ? { ref } : {}), commit },
                    ...(workflow ? { workflow } : {}),
                    build: { goVersion: input.build.goVersion, targets },
                },
                internalParameters: {
                    sourceDateEpoch: input.sourceDateEpoch,
                    ...(Object.keys(github).length > 0 ? { github } : {}),
                },
                resolvedDependencies: [
                    {
                        ...(repository
                            ? { uri: `${repository.startsWith("git+") ? "" : "git+"}${repository}${ref ? `@${ref}` : ""}` }
                            : {}),
                        digest: { gitCommit: commit },
                    },
                ],
            },
            runDetails: {
                builder: {
                    id: input.builderId,
                    ...(input.builderVersion ? { version: { goship: input.builderVersion } } : {}),
                },
                metadata: invocation ? { invocationId: invocation } : {},
            },
        },
    };
}
const FULL_COMMIT = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
/**
 * A gitCommit digest must be the whole object id. build-static accepts an abbreviated commit
 * input; the run's GITHUB_SHA completes it when it is that commit, and nothing else may.
 */
function fullCommit(commit, run) {
    if (FULL_COMMIT.test(commit))
        return commit;
    if (/^[0-9a-f]{7,}$/.test(commit) && run.sha && FULL_COMMIT.test(run.sha) && run.sha.startsWith(commit)) {
        return run.sha;
    }
    throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`commit ${JSON.stringify(commit)} is not a full lowercase hex Git commit id, which provenance must name (give the whole hash)`);
}
function normalizeSubjects(subjects) {
    if (subjects.length === 0)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo("provenance needs at least one subject");
    const byName = new Map();
    for (const { name, sha256 } of subjects) {
        if (!name)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo("a provenance subject has an empty name");
        if (!SHA256_HEX.test(sha256))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${name}: sha256 ${JSON.stringify(sha256)} is not lowercase hex`);
        const seen = byName.get(name);
        if (seen !== undefined && seen !== sha256) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${name} is listed twice, with sha256 ${seen} and ${sha256}`);
        }
        byName.set(name, sha256);
    }
    return [...byName]
        .sort(([a], [b]) => compare(a, b))
        .map(([name, sha256]) => ({ name, digest: { sha256 } }));
}
function targetKey(t) {
    return `${t.goos}/${t.goarch}/${t.variant ?? ""}`;
}
/** Code-unit order, the same on every machine (localeCompare is not). */
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** The bytes a DSSE signature covers: compact JSON, keys in the order the statement was built. */
function statementPayload(statement) {
    return Buffer.from(JSON.stringify(statement), "utf8");
}
// ---------------------------------------------------------------- reading back
const Sha256Hex = zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(SHA256_HEX, "a lowercase hex sha256");
const Json = zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_4__/* .unknown */ .L5J());
/** An in-toto ResourceDescriptor: at least one of uri, digest, content. */
const ResourceDescriptor = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
    uri: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
    digest: zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()).optional(),
    content: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
    downloadLocation: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
    mediaType: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
    annotations: Json.optional(),
})
    .refine((r) => r.uri !== undefined || r.digest !== undefined || r.content !== undefined, {
    message: "a resource descriptor needs a uri, a digest or content",
});
/** in-toto Statement v1, any predicate; goship's subjects always carry a sha256. */
const InTotoStatement = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    _type: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz(IN_TOTO_STATEMENT_V1),
    subject: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1), digest: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({ sha256: Sha256Hex }).catchall(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()) }))
        .min(1),
    predicateType: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
    predicate: Json,
});
const Timestamp = zod__WEBPACK_IMPORTED_MODULE_5__/* .datetime */ .w$({ offset: true });
/** SLSA provenance v1 (https://slsa.dev/spec/v1.0/provenance); parameters are the buildType's business. */
const SlsaProvenancePredicate = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    buildDefinition: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        buildType: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
        externalParameters: Json,
        internalParameters: Json.optional(),
        resolvedDependencies: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(ResourceDescriptor).optional(),
    }),
    runDetails: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        builder: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
            id: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
            version: zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()).optional(),
            builderDependencies: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(ResourceDescriptor).optional(),
        }),
        metadata: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
            invocationId: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
            startedOn: Timestamp.optional(),
            finishedOn: Timestamp.optional(),
        })
            .optional(),
        byproducts: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(ResourceDescriptor).optional(),
    }),
});
const SlsaProvenanceStatement = InTotoStatement.extend({
    predicateType: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz(SLSA_PROVENANCE_V1),
    predicate: SlsaProvenancePredicate,
});
/**
 * Every difference between a statement's subjects and the files expected (by name and
 * sha256): missing, unexpected, or with another digest. Empty when they match exactly.
 */
function subjectMismatches(statement, expected) {
    const have = new Map(statement.subject.map((s) => [s.name, s.digest.sha256]));
    const want = new Map(expected.map((s) => [s.name, s.sha256]));
    const problems = [];
    for (const [name, sha256] of [...want].sort(([a], [b]) => compare(a, b))) {
        const got = have.get(name);
        if (got === undefined)
            problems.push(`${name}: not a subject of the statement`);
        else if (got !== sha256)
            problems.push(`${name}: the statement says sha256 ${got}, the file has ${sha256}`);
    }
    for (const name of [...have.keys()].sort(compare)) {
        if (!want.has(name))
            problems.push(`${name}: a subject of the statement, but not expected`);
    }
    return problems;
}
/** Throws a UserError naming every mismatch between the statement's subjects and `expected`. */
function checkSubjects(statement, expected) {
    const problems = subjectMismatches(statement, expected);
    if (problems.length > 0) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`the provenance does not match the files:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
}
// ---------------------------------------------------------------- .intoto.jsonl
/**
 * One line of an `.intoto.jsonl` file: the envelope as compact JSON (which never holds a raw
 * newline) and a newline. Only in-toto envelopes belong there.
 */
function intotoJsonlLine(envelope) {
    const e = _dsse_js__WEBPACK_IMPORTED_MODULE_2__/* .DsseEnvelope */ .gR.parse(envelope);
    if (e.payloadType !== _dsse_js__WEBPACK_IMPORTED_MODULE_2__.IN_TOTO_PAYLOAD_TYPE) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`a DSSE envelope of type ${e.payloadType} is not an in-toto attestation`);
    }
    return `${JSON.stringify(e)}\n`;
}
/** The envelopes of an `.intoto.jsonl` file, one per non-empty line. */
function parseIntotoJsonl(text, file = INTOTO_JSONL_SUFFIX) {
    return text
        .split("\n")
        .map((line, i) => ({ line: line.trim(), n: i + 1 }))
        .filter(({ line }) => line !== "")
        .map(({ line, n }) => {
        let json;
        try {
            json = JSON.parse(line);
        }
        catch (e) {
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${file}:${n}: not JSON: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`);
        }
        const parsed = _dsse_js__WEBPACK_IMPORTED_MODULE_2__/* .DsseEnvelope */ .gR.safeParse(json);
        if (!parsed.success)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${file}:${n}: not a DSSE envelope: ${zod__WEBPACK_IMPORTED_MODULE_6__/* .prettifyError */ .S1(parsed.error)}`);
        return parsed.data;
    });
}
/** The statement an in-toto envelope carries (its signature is checked elsewhere). */
function statementFromEnvelope(envelope) {
    if (envelope.payloadType !== _dsse_js__WEBPACK_IMPORTED_MODULE_2__.IN_TOTO_PAYLOAD_TYPE) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`a DSSE envelope of type ${envelope.payloadType} is not an in-toto attestation`);
    }
    let json;
    try {
        json = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8"));
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`the envelope's payload is not JSON: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`);
    }
    const parsed = InTotoStatement.safeParse(json);
    if (!parsed.success)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`not an in-toto statement: ${zod__WEBPACK_IMPORTED_MODULE_6__/* .prettifyError */ .S1(parsed.error)}`);
    return parsed.data;
}


/***/ }),

/***/ 80850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BUNDLE_MEDIA_TYPE: () => (/* binding */ BUNDLE_MEDIA_TYPE),
/* harmony export */   KEY_INPUT: () => (/* binding */ KEY_INPUT),
/* harmony export */   MessageSignature: () => (/* binding */ MessageSignature),
/* harmony export */   PASSWORD_INPUT: () => (/* binding */ PASSWORD_INPUT),
/* harmony export */   PUBLIC_KEY_ALLOWED: () => (/* binding */ PUBLIC_KEY_ALLOWED),
/* harmony export */   SigstoreBundle: () => (/* binding */ SigstoreBundle),
/* harmony export */   dsseBundle: () => (/* binding */ dsseBundle),
/* harmony export */   keySigner: () => (/* binding */ keySigner),
/* harmony export */   keylessSigner: () => (/* binding */ keylessSigner),
/* harmony export */   loadPublicKey: () => (/* binding */ loadPublicKey),
/* harmony export */   loadSigningKey: () => (/* binding */ loadSigningKey),
/* harmony export */   messageSignatureBundle: () => (/* binding */ messageSignatureBundle),
/* harmony export */   publicKeyHint: () => (/* binding */ publicKeyHint),
/* harmony export */   publicKeyInput: () => (/* binding */ publicKeyInput),
/* harmony export */   samePublicKey: () => (/* binding */ samePublicKey),
/* harmony export */   verifyBlob: () => (/* binding */ verifyBlob),
/* harmony export */   verifyBlobBundle: () => (/* binding */ verifyBlobBundle),
/* harmony export */   verifyDsse: () => (/* binding */ verifyDsse)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _noble_ciphers_salsa_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(46382);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(27597);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(961);
/* harmony import */ var _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83166);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73713);
/* harmony import */ var _kit_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83490);
/* harmony import */ var _dsse_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(90008);
/* harmony import */ var _provenance_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(75150);









/**
 * Signing for package-release: an ECDSA P-256 key given as an input (cosign's encrypted
 * key or a plain PKCS#8 / SEC1 PEM), or keyless through GitHub's OIDC token and Sigstore
 * (@actions/attest). Key-mode output is what `cosign verify-blob --key` and
 * `openssl dgst -sha256 -verify` accept: a raw DER signature and a Sigstore bundle v0.3
 * with a public-key hint and no transparency-log entry.
 *
 * The caller masks the key and password; nothing here puts either (or anything derived
 * from them) into a message.
 */
const KEY_INPUT = "signing-key";
const PASSWORD_INPUT = "signing-key-password";
const ALLOWED_KEYS = 'allowed: an ECDSA P-256 private key in PEM, either "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----" ' +
    `(cosign generate-key-pair; its password goes in "${PASSWORD_INPUT}") or "-----BEGIN PRIVATE KEY-----" ` +
    "(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)";
/** Names the input and says it is secret: the value itself never appears in a message. */
function keyError(input, problem) {
    return new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`input "${input}" (a secret, not shown) ${problem}`);
}
function pemBlocks(text) {
    const blocks = [];
    const re = /-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \1-----/g;
    for (const m of text.matchAll(re)) {
        // Header lines ("Proc-Type: …") only occur in legacy encrypted PEM, which we do not read.
        const body = (m[2] ?? "").replace(/\s+/g, "");
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body))
            continue;
        blocks.push({ type: m[1] ?? "", der: Buffer.from(body, "base64") });
    }
    return blocks;
}
function toPem(type, der) {
    const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${type}-----\n${lines.join("\n")}\n-----END ${type}-----\n`;
}
const SIGSTORE_ENCRYPTED = ["ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY"];
const PRIVATE_TYPES = [...SIGSTORE_ENCRYPTED, "PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];
/**
 * Reads the `signing-key` input. Accepts cosign's encrypted key (scrypt + NaCl secretbox
 * around PKCS#8), PKCS#8 (also password-encrypted PKCS#8) and SEC1 "EC PRIVATE KEY";
 * the key must be ECDSA P-256. An encrypted key with no password is tried with the
 * empty password, which cosign allows.
 */
async function loadSigningKey(pem, password) {
    // A PEM pasted into a one-line variable sometimes arrives with literal "\n" escapes.
    const text = !pem.includes("\n") && pem.includes("\\n") ? pem.replace(/(?:\\r)?\\n/g, "\n") : pem;
    const blocks = pemBlocks(text);
    const privateBlocks = blocks.filter((b) => PRIVATE_TYPES.includes(b.type));
    if (privateBlocks.length === 0) {
        if (blocks.some((b) => b.type === "PUBLIC KEY")) {
            throw keyError(KEY_INPUT, `holds a public key; signing needs the private key. ${ALLOWED_KEYS}`);
        }
        if (blocks.some((b) => b.type === "RSA PRIVATE KEY")) {
            throw keyError(KEY_INPUT, `is an RSA key; goship signs with ECDSA P-256 only. ${ALLOWED_KEYS}`);
        }
        if (blocks.some((b) => b.type === "OPENSSH PRIVATE KEY")) {
            throw keyError(KEY_INPUT, `is an OpenSSH key; ${ALLOWED_KEYS}`);
        }
        const first = blocks[0];
        if (first)
            throw keyError(KEY_INPUT, `is a PEM "${first.type}" block; ${ALLOWED_KEYS}`);
        if (text.includes("-----BEGIN")) {
            // e.g. OpenSSL's legacy encryption ("Proc-Type: 4,ENCRYPTED" headers inside the block)
            throw keyError(KEY_INPUT, `has a PEM block goship cannot read (convert it with openssl pkcs8 -topk8); ${ALLOWED_KEYS}`);
        }
        throw keyError(KEY_INPUT, `is not PEM text (give the key file's contents, not its path); ${ALLOWED_KEYS}`);
    }
    if (privateBlocks.length > 1) {
        throw keyError(KEY_INPUT, `holds ${privateBlocks.length} private keys; give exactly one. ${ALLOWED_KEYS}`);
    }
    const block = privateBlocks[0];
    let privateKey;
    if (SIGSTORE_ENCRYPTED.includes(block.type)) {
        privateKey = decryptedPkcs8Key(await decryptSigstoreKey(block.der, password));
    }
    else if (block.type === "ENCRYPTED PRIVATE KEY") {
        privateKey = encryptedPkcs8Key(block, password);
    }
    else {
        // A password the key does not need is not silently dropped: a wrong secret may be wired in.
        if (password)
            (0,_kit_log_js__WEBPACK_IMPORTED_MODULE_4__/* .warning */ .$e)(`signing-key-password is set, but the signing key is not encrypted (a "${block.type}" PEM block): the password is not used. Remove it, or encrypt the key (cosign generate-key-pair, or openssl pkcs8 -topk8 -v2 aes-256-cbc)`);
        try {
            privateKey = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)({ key: toPem(block.type, block.der), format: "pem" });
        }
        catch {
            throw keyError(KEY_INPUT, `is a "${block.type}" PEM block whose content is not a valid key; ${ALLOWED_KEYS}`);
        }
    }
    assertP256(privateKey);
    const publicKey = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(privateKey);
    return {
        privateKey,
        publicKeyPem: publicKey.export({ type: "spki", format: "pem" }),
        hint: publicKeyHint(publicKey),
    };
}
function decryptedPkcs8Key(der) {
    try {
        return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)({ key: der, format: "der", type: "pkcs8" });
    }
    catch {
        throw keyError(KEY_INPUT, `decrypts to something that is not a PKCS#8 private key; ${ALLOWED_KEYS}`);
    }
}
function encryptedPkcs8Key(block, password) {
    if (!password) {
        throw keyError(KEY_INPUT, `is an encrypted PKCS#8 key and input "${PASSWORD_INPUT}" is empty: set it to the key's password`);
    }
    try {
        return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)({ key: toPem(block.type, block.der), format: "pem", passphrase: password });
    }
    catch {
        throw keyError(PASSWORD_INPUT, `does not decrypt input "${KEY_INPUT}" (an encrypted PKCS#8 key): use the key's password`);
    }
}
function assertP256(key) {
    const what = describeKey(key);
    if (what === undefined)
        return;
    throw keyError(KEY_INPUT, `is ${what}; goship signs with ECDSA P-256 only. ${ALLOWED_KEYS}`);
}
/** What a key is, in words ("an EC P-384 key", "an RSA key"); undefined for ECDSA P-256, the one goship uses. */
function describeKey(key) {
    const type = key.asymmetricKeyType;
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (type === "ec" && curve === "prime256v1")
        return undefined;
    const names = { secp384r1: "P-384", secp521r1: "P-521", secp256k1: "secp256k1" };
    return type === "ec"
        ? `an EC ${names[curve ?? ""] ?? curve ?? "unknown-curve"} key`
        : type === "rsa" || type === "rsa-pss"
            ? "an RSA key"
            : type === "ed25519"
                ? "an Ed25519 key"
                : `a${/^[aeiou]/i.test(type ?? "") ? "n" : ""} ${type ?? "unknown"} key`;
}
/**
 * Sigstore's public-key hint, as cosign writes it into bundles (verificationMaterial.publicKey.hint):
 * standard base64 of the SHA-256 of the DER SubjectPublicKeyInfo. Only a hint for
 * picking a key; verification never trusts it.
 */
function publicKeyHint(publicKey) {
    const spki = publicKey.export({ type: "spki", format: "der" });
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(spki).digest("base64");
}
// cosign's encrypted key (go-securesystemslib "encrypted"): JSON with base64 []byte fields.
const Bytes = zod__WEBPACK_IMPORTED_MODULE_7__/* .base64 */ .K39().transform((s) => Buffer.from(s, "base64"));
const SigstoreEncryptedKey = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    kdf: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
        name: zod__WEBPACK_IMPORTED_MODULE_7__/* .literal */ .euz("scrypt"),
        params: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
            N: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig()
                .int()
                .min(2)
                .refine((n) => Number.isInteger(Math.log2(n)), "a power of two"),
            r: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(1).max(64),
            p: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(1).max(16),
        }),
        salt: Bytes,
    }),
    cipher: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
        name: zod__WEBPACK_IMPORTED_MODULE_7__/* .literal */ .euz("nacl/secretbox"),
        nonce: Bytes.refine((b) => b.length === 24, "24 bytes"),
    }),
    ciphertext: Bytes,
});
/** Above this much scrypt memory a key file is treated as hostile (cosign's is 64 MiB). */
const MiB = 1024 * 1024;
const MAX_SCRYPT_BYTES = 512 * MiB;
const scryptAsync = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_crypto__WEBPACK_IMPORTED_MODULE_0__.scrypt);
async function decryptSigstoreKey(json, password) {
    let parsed;
    try {
        parsed = SigstoreEncryptedKey.parse(JSON.parse(json.toString("utf8")));
    }
    catch (e) {
        // zod's paths name fields, never values; JSON.parse's message could quote content.
        const where = e instanceof zod__WEBPACK_IMPORTED_MODULE_8__/* .ZodError */ .G ? ` (at ${e.issues.map((i) => i.path.join(".")).join(", ")})` : "";
        throw keyError(KEY_INPUT, `is an encrypted Sigstore key whose content is not what cosign writes${where}: JSON with kdf "scrypt" and cipher "nacl/secretbox"`);
    }
    const { N, r, p } = parsed.kdf.params;
    const memory = 128 * N * r * p;
    if (memory > MAX_SCRYPT_BYTES) {
        throw keyError(KEY_INPUT, `asks for scrypt parameters needing ${Math.round(memory / MiB)} MiB; at most ${MAX_SCRYPT_BYTES / MiB} MiB is allowed`);
    }
    const candidates = [password ?? ""];
    // A secret stored from a file often keeps the file's final newline.
    const trimmed = candidates[0]?.replace(/\r?\n$/, "");
    if (trimmed !== undefined && trimmed !== candidates[0])
        candidates.push(trimmed);
    for (const candidate of candidates) {
        const key = await scryptAsync(candidate, parsed.kdf.salt, 32, {
            N,
            r,
            p,
            // Node refuses more than 32 MiB by default; cosign's N=65536, r=8 needs 64 MiB.
            maxmem: memory + 16 * MiB,
        });
        try {
            return Buffer.from((0,_noble_ciphers_salsa_js__WEBPACK_IMPORTED_MODULE_9__/* .xsalsa20poly1305 */ .uT)(key, parsed.cipher.nonce).decrypt(parsed.ciphertext));
        }
        catch {
            // authentication failed: wrong password (or a damaged key); try the next candidate
        }
    }
    if (!password) {
        throw keyError(KEY_INPUT, `is an encrypted Sigstore key and input "${PASSWORD_INPUT}" is empty: set it to the password the key was made with (COSIGN_PASSWORD of cosign generate-key-pair)`);
    }
    throw keyError(PASSWORD_INPUT, `does not decrypt input "${KEY_INPUT}" (secretbox authentication failed): use the password the key was made with (COSIGN_PASSWORD of cosign generate-key-pair)`);
}
/** What a verifying public key must be, in every error about one. */
const PUBLIC_KEY_ALLOWED = 'the PEM public key ("-----BEGIN PUBLIC KEY-----") of the ECDSA P-256 key that signed the release: your goship.pub';
/** deploy-systemd's public-key input, shown by its first line: PEM text is long, and says nothing more before it parses. */
function publicKeyInput(pem, input = "public-key") {
    const lines = pem.trim().split("\n");
    return { input, value: lines.length > 1 ? `${lines[0]}…` : (lines[0] ?? "") };
}
/** Reads a public key (goship.pub) for verification; it must be ECDSA P-256. */
function loadPublicKey(pem, from = publicKeyInput(pem)) {
    // Node derives a public key from a private one too: a private key is not what a verifier is given.
    if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(pem))
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(from.input, from.value, `${PUBLIC_KEY_ALLOWED}; this is a private key (its public half: openssl pkey -pubout)`);
    let key;
    try {
        key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({ key: pem, format: "pem" });
    }
    catch {
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(from.input, from.value, `${PUBLIC_KEY_ALLOWED}; this is not a PEM public key`);
    }
    const what = describeKey(key);
    if (what !== undefined)
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .inputError */ .Xu)(from.input, from.value, `${PUBLIC_KEY_ALLOWED}; this is ${what}`);
    return key;
}
// ─── Sigstore bundle ─────────────────────────────────────────────────────────────
const BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
/** Media types a bundle read back may have (sigstore-js and cosign still write the older ones). */
const BUNDLE_MEDIA_TYPES = [
    BUNDLE_MEDIA_TYPE,
    "application/vnd.dev.sigstore.bundle+json;version=0.3",
    "application/vnd.dev.sigstore.bundle+json;version=0.2",
    "application/vnd.dev.sigstore.bundle+json;version=0.1",
];
const Base64 = zod__WEBPACK_IMPORTED_MODULE_7__/* .base64 */ .K39();
const HashOutput = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    algorithm: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(["SHA2_256", "SHA2_384", "SHA2_512"]),
    digest: Base64,
});
/** Read for shape only; verifying log entries is Sigstore's verifier's job. Unknown fields kept. */
const TransparencyLogEntry = zod__WEBPACK_IMPORTED_MODULE_7__/* .looseObject */ ._H3({
    logIndex: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    logId: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ keyId: Base64 }),
    kindVersion: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ kind: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), version: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP() }),
    integratedTime: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    canonicalizedBody: Base64,
});
const RawBytes = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ rawBytes: Base64 });
const VerificationMaterial = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    publicKey: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ hint: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP() }).optional(),
    certificate: RawBytes.optional(),
    x509CertificateChain: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ certificates: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(RawBytes).min(1) }).optional(),
    tlogEntries: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(TransparencyLogEntry).optional(),
    timestampVerificationData: zod__WEBPACK_IMPORTED_MODULE_7__/* .looseObject */ ._H3({ rfc3161Timestamps: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ signedTimestamp: Base64 })).optional() })
        .optional(),
})
    .refine((v) => [v.publicKey, v.certificate, v.x509CertificateChain].filter((x) => x !== undefined).length === 1, "exactly one of publicKey, certificate, x509CertificateChain");
const MessageSignature = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    messageDigest: HashOutput.optional(),
    signature: Base64.min(1),
});
/** A Sigstore bundle (protobuf-specs Bundle, JSON form): a message signature or a DSSE envelope. */
const SigstoreBundle = zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    mediaType: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(BUNDLE_MEDIA_TYPES),
    verificationMaterial: VerificationMaterial,
    messageSignature: MessageSignature.optional(),
    dsseEnvelope: _dsse_js__WEBPACK_IMPORTED_MODULE_5__/* .DsseEnvelope */ .gR.optional(),
})
    .refine((b) => (b.messageSignature === undefined) !== (b.dsseEnvelope === undefined), "exactly one of messageSignature, dsseEnvelope");
/**
 * The bundle for a key signature of a blob, shaped as `cosign sign-blob --key` writes it
 * offline: a public-key hint and no tlogEntries or timestamps (key mode logs nowhere).
 */
function messageSignatureBundle(hint, sha256, signature) {
    return {
        mediaType: BUNDLE_MEDIA_TYPE,
        verificationMaterial: { publicKey: { hint } },
        messageSignature: {
            messageDigest: { algorithm: "SHA2_256", digest: sha256.toString("base64") },
            signature: signature.toString("base64"),
        },
    };
}
/** The bundle for a key-signed DSSE envelope (`cosign verify-blob-attestation --key` reads it). */
function dsseBundle(hint, envelope) {
    return {
        mediaType: BUNDLE_MEDIA_TYPE,
        verificationMaterial: { publicKey: { hint } },
        dsseEnvelope: envelope,
    };
}
function keySigner(key) {
    return {
        kind: "key",
        publicKeyPem: key.publicKeyPem,
        hint: key.hint,
        async signBlob(data) {
            const signature = (0,_dsse_js__WEBPACK_IMPORTED_MODULE_5__/* .signP256 */ .l0)(data, key.privateKey);
            const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(data).digest();
            return { signature, bundle: messageSignatureBundle(key.hint, digest, signature) };
        },
        async signDsse(payloadType, payload) {
            const envelope = (0,_dsse_js__WEBPACK_IMPORTED_MODULE_5__/* .signDsseEnvelope */ .jt)(payloadType, payload, key.privateKey);
            return { envelope, bundle: dsseBundle(key.hint, envelope) };
        },
    };
}
/**
 * Keyless signing through @actions/attest: a Fulcio certificate for the workflow's OIDC
 * identity, logged in Rekor (or GitHub's Sigstore with a timestamp for private
 * repositories). It cannot sign a bare blob, so signBlob attests SLSA build provenance
 * of the run with the blob (SHA256SUMS) as subject; `gh attestation verify SHA256SUMS
 * --repo OWNER/REPO [--bundle SHA256SUMS.sigstore.json]` checks it.
 */
function keylessSigner(options = {}) {
    const env = options.env ?? process.env;
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo("keyless signing needs `permissions: id-token: write` (and `attestations: write`) in the workflow (ACTIONS_ID_TOKEN_REQUEST_URL is not set); " +
            `grant it, or give input "${KEY_INPUT}" to sign with a key`);
    }
    const common = {
        token: options.githubToken ?? "",
        skipWrite: !options.githubToken,
        ...(options.sigstore ? { sigstore: options.sigstore } : {}),
    };
    return {
        kind: "keyless",
        async signBlob(data, name = _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP) {
            const { attestProvenance } = await Promise.all(/* import() */[__webpack_require__.e(252), __webpack_require__.e(110), __webpack_require__.e(476)]).then(__webpack_require__.bind(__webpack_require__, 4476));
            const sha256 = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(data).digest("hex");
            const attestation = await sigstoreCall(() => attestProvenance({ ...common, subjects: [{ name, digest: { sha256 } }] }));
            return { bundle: readBundle(attestation.bundle) };
        },
        async signDsse(payloadType, payload) {
            // attest() builds and signs the statement itself: take ours apart and hand it the
            // pieces. The signed bytes are attest's serialization, so use the returned envelope's.
            if (payloadType !== _dsse_js__WEBPACK_IMPORTED_MODULE_5__.IN_TOTO_PAYLOAD_TYPE) {
                throw new Error(`keyless DSSE signing only takes in-toto statements, not ${payloadType}`);
            }
            const statement = _provenance_js__WEBPACK_IMPORTED_MODULE_6__/* .InTotoStatement */ .Te.parse(JSON.parse(payload.toString("utf8")));
            const { attest } = await Promise.all(/* import() */[__webpack_require__.e(252), __webpack_require__.e(110), __webpack_require__.e(476)]).then(__webpack_require__.bind(__webpack_require__, 4476));
            const attestation = await sigstoreCall(() => attest({
                ...common,
                subjects: statement.subject,
                predicateType: statement.predicateType,
                predicate: statement.predicate,
            }));
            const bundle = readBundle(attestation.bundle);
            if (!bundle.dsseEnvelope)
                throw new Error("@actions/attest returned a bundle without a DSSE envelope");
            return { envelope: bundle.dsseEnvelope, bundle };
        },
    };
}
async function sigstoreCall(fn) {
    try {
        return await fn();
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`keyless signing through Sigstore failed: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
    }
}
function readBundle(json) {
    const parsed = SigstoreBundle.safeParse(json);
    if (!parsed.success)
        throw new Error(`@actions/attest returned a bundle we cannot read: ${parsed.error.message}`);
    return parsed.data;
}
// ─── Verification ────────────────────────────────────────────────────────────────
/** True when `signature` (DER ECDSA-SHA256, the `.sig` file) is `data`'s signature by the PEM key. */
function verifyBlob(data, signature, publicKeyPem) {
    const key = loadPublicKey(publicKeyPem);
    try {
        return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.verify)("sha256", data, key, signature);
    }
    catch {
        return false; // not DER
    }
}
/**
 * True when a key-mode message-signature bundle is `data`'s signature by the PEM key:
 * the digest in the bundle matches `data` and the signature verifies.
 */
function verifyBlobBundle(data, bundle, publicKeyPem) {
    const message = bundle.messageSignature;
    if (!message)
        return false;
    const digest = message.messageDigest;
    if (digest) {
        if (digest.algorithm !== "SHA2_256")
            return false;
        if (!(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(data).digest().equals(Buffer.from(digest.digest, "base64")))
            return false;
    }
    return verifyBlob(data, Buffer.from(message.signature, "base64"), publicKeyPem);
}
/** True when one of the envelope's signatures is by the PEM key (over PAE(payloadType, payload)). */
function verifyDsse(envelope, publicKeyPem) {
    return (0,_dsse_js__WEBPACK_IMPORTED_MODULE_5__/* .verifyDsseEnvelope */ .Rq)(envelope, loadPublicKey(publicKeyPem));
}
/**
 * Whether a PEM text is a public key, the same as `publicKeyPem` (their DER
 * SubjectPublicKeyInfo). A private key is never one, though Node would derive its public key.
 */
function samePublicKey(pem, publicKeyPem) {
    if (pem.includes("PRIVATE KEY") || !pem.includes("-----BEGIN PUBLIC KEY-----"))
        return false;
    try {
        const der = (p) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(p).export({ type: "spki", format: "der" });
        return der(pem).equals(der(publicKeyPem));
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 80368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifyRelease: () => (/* binding */ verifyRelease)
/* harmony export */ });
/* unused harmony exports parseChecksums, checkReleaseIdentity */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83166);
/* harmony import */ var _contract_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77662);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(73713);
/* harmony import */ var _kit_hash_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3730);
/* harmony import */ var _provenance_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(75150);
/* harmony import */ var _signing_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(80850);
/**
 * Checks a release directory offline, with nothing but the public key: the signature over
 * SHA256SUMS, every file's digest, the manifest and everything it names, and the signed
 * provenance. The first failure is thrown, named; nothing is trusted before its check.
 */








const SUMS_LINE = /^([0-9a-f]{64}) {2}(\S+)$/;
/** Parses SHA256SUMS strictly: coreutils text mode, one safe name per line, no duplicates. */
function parseChecksums(text) {
    const sums = new Map();
    const lines = text.split("\n");
    if (lines.at(-1) === "")
        lines.pop();
    lines.forEach((line, i) => {
        const m = SUMS_LINE.exec(line);
        if (!m || !_contract_names_js__WEBPACK_IMPORTED_MODULE_3__/* .SafeName */ .P8.safeParse(m[2]).success)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP}:${i + 1}: not a "<sha256>  <file name>" line: ${JSON.stringify(line)}`);
        const [, digest, name] = m;
        if (sums.has(name))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP}: ${name} is listed twice`);
        sums.set(name, digest);
    });
    return sums;
}
/**
 * `from` names where the public key came from (deploy-systemd's `public-key` by default), so
 * that a key that is no key, or not the one that signed, is reported against that input.
 */
async function verifyRelease(dir, publicKeyPem, from = (0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.publicKeyInput)(publicKeyPem)) {
    const checks = [];
    const ours = (0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.publicKeyHint)((0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.loadPublicKey)(publicKeyPem, from));
    const byKey = `by the key in input "${from.input}" (${ours})`;
    const read = async (name) => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => undefined);
        if (!st?.isFile())
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${name}: missing from ${dir}`);
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path);
    };
    // 1. The signature over SHA256SUMS, before anything in it is believed.
    const sumsBytes = await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP);
    const sigPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .SIGNATURE_FILE */ .I9);
    const hasSig = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(sigPath).catch(() => undefined))?.isFile();
    const hasBundle = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .BUNDLE_FILE */ .Ij)).catch(() => undefined))?.isFile();
    if (!hasSig && !hasBundle)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP} is not signed: neither ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .SIGNATURE_FILE */ .I9} nor ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .BUNDLE_FILE */ .Ij} is there`);
    // Only for the message when a signature fails: the key the bundle names (a hint, never trusted).
    const theirs = async () => {
        if (!hasBundle)
            return undefined;
        try {
            const b = _signing_js__WEBPACK_IMPORTED_MODULE_7__.SigstoreBundle.safeParse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .BUNDLE_FILE */ .Ij)).toString("utf8")));
            return b.success ? b.data.verificationMaterial.publicKey?.hint : undefined;
        }
        catch {
            return undefined;
        }
    };
    const whyNot = async () => {
        const hint = await theirs();
        if (hint === undefined)
            return `the release was signed by another key, or ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP} changed after signing`;
        if (hint === ours)
            return `the release names this key too: ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP} or its signature changed after signing`;
        return `the release names key ${hint}: verify with that key's goship.pub only if it is yours`;
    };
    if (hasSig) {
        if (!(0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.verifyBlob)(sumsBytes, await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .SIGNATURE_FILE */ .I9), publicKeyPem))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .SIGNATURE_FILE */ .I9}: not a valid signature of ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP} ${byKey}; ${await whyNot()}`);
        checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .SIGNATURE_FILE */ .I9}: signature of ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP} verifies`);
    }
    if (hasBundle) {
        const bundle = _signing_js__WEBPACK_IMPORTED_MODULE_7__.SigstoreBundle.safeParse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .BUNDLE_FILE */ .Ij)).toString("utf8")));
        if (!bundle.success)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .BUNDLE_FILE */ .Ij}: not a Sigstore bundle`);
        if (!(0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.verifyBlobBundle)(sumsBytes, bundle.data, publicKeyPem))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .BUNDLE_FILE */ .Ij}: its signature does not verify ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP} ${byKey}; ${await whyNot()}`);
        checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .BUNDLE_FILE */ .Ij}: bundle verifies ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP}`);
    }
    // 2. Every file SHA256SUMS names has that digest.
    const sums = parseChecksums(sumsBytes.toString("utf8"));
    for (const [name, digest] of sums) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => undefined);
        if (!st?.isFile())
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${name}: listed in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP} but missing`);
        const { sha256 } = await (0,_kit_hash_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256File */ .Q)(path);
        if (sha256 !== digest)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${name}: sha256 ${sha256} differs from ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP}'s ${digest}`);
    }
    checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP}: ${sums.size} file(s) match`);
    // 3. The manifest is covered, parses, and every file it names is covered with its digest.
    if (!sums.has(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1))
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1}: not listed in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP}`);
    let manifest;
    try {
        manifest = _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .ReleaseManifest */ .hT.parse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1)).toString("utf8")));
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1}: not a goship release manifest: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e)}`);
    }
    const covered = (ref, what) => {
        if (!ref)
            return;
        const digest = sums.get(ref.name);
        if (digest === undefined)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${ref.name} (${what}): named by ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1} but not in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP}`);
        if (digest !== ref.sha256)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${ref.name} (${what}): ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1} says sha256 ${ref.sha256}, ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECKSUMS_FILE */ .aP} ${digest}`);
    };
    for (const a of manifest.artifacts) {
        covered(a.archive, "archive");
        covered(a.sbom.cyclonedx, "CycloneDX SBOM");
        covered(a.sbom.spdx, "SPDX SBOM");
    }
    covered(manifest.provenance, "provenance");
    checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .MANIFEST_FILE */ .h1}: ${manifest.project} ${manifest.version}, ${manifest.artifacts.length} target(s), every file it names matches`);
    // 4. The provenance is signed by the same key and its subjects are exactly the archives.
    if (manifest.provenance) {
        const envelopes = (0,_provenance_js__WEBPACK_IMPORTED_MODULE_6__/* .parseIntotoJsonl */ .BV)((await read(manifest.provenance.name)).toString("utf8"), manifest.provenance.name);
        const envelope = envelopes[0];
        if (envelopes.length !== 1 || !envelope)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${manifest.provenance.name}: expected one envelope, found ${envelopes.length}`);
        if (!(0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.verifyDsse)(envelope, publicKeyPem))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${manifest.provenance.name}: the DSSE signature does not verify ${byKey}`);
        (0,_provenance_js__WEBPACK_IMPORTED_MODULE_6__/* .checkSubjects */ .GX)((0,_provenance_js__WEBPACK_IMPORTED_MODULE_6__/* .statementFromEnvelope */ .cg)(envelope), manifest.artifacts.map((a) => ({ name: a.archive.name, sha256: a.archive.sha256 })));
        checks.push(`${manifest.provenance.name}: signed; its subjects are the ${manifest.artifacts.length} archive(s)`);
    }
    return { manifest, checks };
}
/**
 * A release whose signature verifies can still be the wrong one: an older release of the
 * project put under a newer tag by someone who can edit a release's assets, or another
 * project's release signed with the same key. Its manifest's version and project must be
 * the expected ones. Runs on a verified manifest, before anything is done with it.
 */
function checkReleaseIdentity(manifest, expected) {
    for (const field of ["version", "project"]) {
        const e = expected[field];
        if (e === undefined || manifest[field] === e.want)
            continue;
        throw inputError(e.input, e.value, `${e.allowed ?? `the release's ${field}`}; its ${MANIFEST_FILE} says ${manifest.project} ${manifest.version}`);
    }
}


/***/ })

};
