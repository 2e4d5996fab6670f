export const id = 368;
export const ids = [368,225,117,498];
export const modules = {

/***/ 7117:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ARCHIVE_FORMATS: () => (/* binding */ ARCHIVE_FORMATS),
/* harmony export */   ArtifactFragment: () => (/* binding */ ArtifactFragment),
/* harmony export */   BUNDLE_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.Ij),
/* harmony export */   BinaryRecord: () => (/* binding */ BinaryRecord),
/* harmony export */   BuildSetting: () => (/* binding */ BuildSetting),
/* harmony export */   CHECKSUMS_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.aP),
/* harmony export */   FRAGMENT_FILE: () => (/* binding */ FRAGMENT_FILE),
/* harmony export */   FileRef: () => (/* binding */ FileRef),
/* harmony export */   MANIFEST_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.h1),
/* harmony export */   PROVENANCE_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.LP),
/* harmony export */   PUBLIC_KEY_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.vq),
/* harmony export */   ReleaseArtifact: () => (/* binding */ ReleaseArtifact),
/* harmony export */   ReleaseManifest: () => (/* binding */ ReleaseManifest),
/* harmony export */   SCHEMA_VERSION: () => (/* binding */ SCHEMA_VERSION),
/* harmony export */   SIGNATURE_FILE: () => (/* reexport safe */ _release_files_js__WEBPACK_IMPORTED_MODULE_1__.I9),
/* harmony export */   TargetRecord: () => (/* binding */ TargetRecord),
/* harmony export */   stableJson: () => (/* binding */ stableJson),
/* harmony export */   versionFromRef: () => (/* binding */ versionFromRef)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27597);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77662);
/* harmony import */ var _release_files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66173);



/**
 * The data contract between goship's actions. build-static writes one fragment per
 * target next to its binary; package-release merges them into goship-manifest.json.
 * Everything read back goes through these schemas.
 */
const SCHEMA_VERSION = 1;
// A release's file names (contract/release-files), for the manifest's readers and writers.

/**
 * "v1.2.3…" (or "V1.2.3…") → "1.2.3…": a release's version ID from its tag, the one used in
 * archive names, directories and metrics. build-static stamps it; deploy-systemd expects it of
 * a release-tag.
 */
function versionFromRef(ref) {
    return /^[vV]\d/.test(ref) ? ref.slice(1) : ref;
}
const sha256 = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/, "a lowercase hex sha256");
const BuildSetting = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ key: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), value: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() });
const BinaryRecord = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    /** File name of the binary: "gin-app", "gin-app.exe". */
    name: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    sha256,
    size: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    /** Unix mode bits to restore (artifact storage does not keep them). */
    mode: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int(),
    /** ELF: no interpreter and no shared libraries; null where the notion does not apply (PE, Mach-O). */
    static: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().nullable(),
    goVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    /** Go's embedded build settings, in the binary's order. */
    buildSettings: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(BuildSetting),
});
const TargetRecord = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    goos: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[a-z0-9]+$/),
    goarch: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[a-z0-9]+$/),
    variant: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^[a-z0-9.]+$/)
        .optional(),
});
const ArtifactFragment = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(SCHEMA_VERSION),
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz("goship.fragment"),
    project: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    version: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    /** The commit time, Unix seconds: archive mtimes come from it. */
    sourceDateEpoch: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    date: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    target: TargetRecord,
    binary: BinaryRecord,
});
const FRAGMENT_FILE = "goship-fragment.json";
/** Stable JSON: the schemas fix key order by construction; two spaces and a final newline. */
function stableJson(value) {
    return `${JSON.stringify(value, null, 2)}\n`;
}
const FileRef = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ name: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8, sha256, size: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative() });
const ARCHIVE_FORMATS = ["tar.gz", "zip", "binary"];
const ReleaseArtifact = TargetRecord.extend({
    binary: BinaryRecord.omit({ mode: true }),
    archive: FileRef.extend({ format: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(ARCHIVE_FORMATS) }),
    /** null when the release was made with `sbom: none`. */
    sbom: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ cyclonedx: FileRef.nullable(), spdx: FileRef.nullable() }),
});
/**
 * goship-manifest.json: what a release holds, with digests. SHA256SUMS covers it, so the
 * signature over SHA256SUMS vouches for every file it names.
 */
const ReleaseManifest = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(SCHEMA_VERSION),
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz("goship.release"),
    project: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    version: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8,
    commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    sourceDateEpoch: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    date: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    /** The Go version every binary was built with. */
    go: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    artifacts: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ReleaseArtifact).min(1),
    checksums: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        file: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(_release_files_js__WEBPACK_IMPORTED_MODULE_1__/* .CHECKSUMS_FILE */ .aP),
        /** DER ECDSA signature over SHA256SUMS; null for an unsigned release. */
        signature: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8.nullable(),
        /** Sigstore bundle v0.3 for the same signature. */
        bundle: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8.nullable(),
        publicKey: _names_js__WEBPACK_IMPORTED_MODULE_0__/* .SafeName */ .P8.nullable(),
        publicKeyHint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable(),
        signer: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(["key", "keyless"]).nullable(),
    }),
    provenance: FileRef.nullable(),
});


/***/ }),

/***/ 80368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkReleaseIdentity: () => (/* binding */ checkReleaseIdentity),
/* harmony export */   parseChecksums: () => (/* binding */ parseChecksums),
/* harmony export */   verifyRelease: () => (/* binding */ verifyRelease)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7117);
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
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}:${i + 1}: not a "<sha256>  <file name>" line: ${JSON.stringify(line)}`);
        const [, digest, name] = m;
        if (sums.has(name))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}: ${name} is listed twice`);
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
    const sumsBytes = await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE);
    const sigPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE);
    const hasSig = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(sigPath).catch(() => undefined))?.isFile();
    const hasBundle = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE)).catch(() => undefined))?.isFile();
    if (!hasSig && !hasBundle)
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} is not signed: neither ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE} nor ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE} is there`);
    // Only for the message when a signature fails: the key the bundle names (a hint, never trusted).
    const theirs = async () => {
        if (!hasBundle)
            return undefined;
        try {
            const b = _signing_js__WEBPACK_IMPORTED_MODULE_7__.SigstoreBundle.safeParse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE)).toString("utf8")));
            return b.success ? b.data.verificationMaterial.publicKey?.hint : undefined;
        }
        catch {
            return undefined;
        }
    };
    const whyNot = async () => {
        const hint = await theirs();
        if (hint === undefined)
            return `the release was signed by another key, or ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} changed after signing`;
        if (hint === ours)
            return `the release names this key too: ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} or its signature changed after signing`;
        return `the release names key ${hint}: verify with that key's goship.pub only if it is yours`;
    };
    if (hasSig) {
        if (!(0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.verifyBlob)(sumsBytes, await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE), publicKeyPem))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE}: not a valid signature of ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} ${byKey}; ${await whyNot()}`);
        checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.SIGNATURE_FILE}: signature of ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} verifies`);
    }
    if (hasBundle) {
        const bundle = _signing_js__WEBPACK_IMPORTED_MODULE_7__.SigstoreBundle.safeParse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE)).toString("utf8")));
        if (!bundle.success)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE}: not a Sigstore bundle`);
        if (!(0,_signing_js__WEBPACK_IMPORTED_MODULE_7__.verifyBlobBundle)(sumsBytes, bundle.data, publicKeyPem))
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE}: its signature does not verify ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} ${byKey}; ${await whyNot()}`);
        checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.BUNDLE_FILE}: bundle verifies ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}`);
    }
    // 2. Every file SHA256SUMS names has that digest.
    const sums = parseChecksums(sumsBytes.toString("utf8"));
    for (const [name, digest] of sums) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(path).catch(() => undefined);
        if (!st?.isFile())
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${name}: listed in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} but missing`);
        const { sha256 } = await (0,_kit_hash_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256File */ .Q)(path);
        if (sha256 !== digest)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${name}: sha256 ${sha256} differs from ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}'s ${digest}`);
    }
    checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}: ${sums.size} file(s) match`);
    // 3. The manifest is covered, parses, and every file it names is covered with its digest.
    if (!sums.has(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE))
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE}: not listed in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}`);
    let manifest;
    try {
        manifest = _contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.ReleaseManifest.parse(JSON.parse((await read(_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE)).toString("utf8")));
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE}: not a goship release manifest: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e)}`);
    }
    const covered = (ref, what) => {
        if (!ref)
            return;
        const digest = sums.get(ref.name);
        if (digest === undefined)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${ref.name} (${what}): named by ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE} but not in ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE}`);
        if (digest !== ref.sha256)
            throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`${ref.name} (${what}): ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE} says sha256 ${ref.sha256}, ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.CHECKSUMS_FILE} ${digest}`);
    };
    for (const a of manifest.artifacts) {
        covered(a.archive, "archive");
        covered(a.sbom.cyclonedx, "CycloneDX SBOM");
        covered(a.sbom.spdx, "SPDX SBOM");
    }
    covered(manifest.provenance, "provenance");
    checks.push(`${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE}: ${manifest.project} ${manifest.version}, ${manifest.artifacts.length} target(s), every file it names matches`);
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
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .inputError */ .Xu)(e.input, e.value, `${e.allowed ?? `the release's ${field}`}; its ${_contract_manifest_js__WEBPACK_IMPORTED_MODULE_2__.MANIFEST_FILE} says ${manifest.project} ${manifest.version}`);
    }
}


/***/ })

};
