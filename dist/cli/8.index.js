export const id = 8;
export const ids = [8];
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


/***/ })

};
