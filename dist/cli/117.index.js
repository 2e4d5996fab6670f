export const id = 117;
export const ids = [117,498];
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


/***/ })

};
