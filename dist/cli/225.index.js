export const id = 225;
export const ids = [225];
export const modules = {

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
