export const id = 150;
export const ids = [150,8];
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

/***/ 64377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27597);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};
