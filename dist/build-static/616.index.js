export const id = 616;
export const ids = [616];
export const modules = {

/***/ 4616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   uploadTargetArtifact: () => (/* binding */ uploadTargetArtifact)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93609);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73713);



/**
 * Uploads one target's files as a workflow artifact. Artifact storage keeps no file
 * modes; the manifest fragment records them for package-release to restore.
 */
async function uploadTargetArtifact(name, rootDir, files) {
    const client = new _actions_artifact__WEBPACK_IMPORTED_MODULE_1__/* .DefaultArtifactClient */ .t9();
    try {
        const res = await client.uploadArtifact(name, files.map((f) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(rootDir, f)), rootDir, { compressionLevel: 6 });
        return res.id;
    }
    catch (e) {
        throw new _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`uploading artifact ${name} failed: ${(0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}`);
    }
}


/***/ })

};
