export const id = 411;
export const ids = [411];
export const modules = {

/***/ 55411:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CanaryTargets: () => (/* binding */ CanaryTargets)
/* harmony export */ });
/* unused harmony exports SlotAddress, CanarySlot, CanaryTarget */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27597);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77662);



/**
 * deploy-systemd's `canary-targets` output: per blue-green host, the slot that now runs the
 * new version and the slot that still runs the old one, each by address and version, so that
 * a canary judge can compare the two side by side. deploy-systemd builds the output through
 * this schema and canary-gate reads its `targets` input with it: the two cannot drift.
 *
 * `[]` with the restart strategy, and in modes that leave no two slots to compare (status,
 * promote, rollback).
 */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A host as deploy-systemd connects to it: a lowercase DNS name, an IPv4 address, or an IPv6 address. */
function isHostName(host) {
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv4)(host) || (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(host))
        return true;
    const labels = host.split(".");
    // A last label of digits only is an address to a resolver (1.2.3), not a name.
    return (host.length <= 253 && labels.every((l) => DNS_LABEL.test(l)) && !/^[0-9]+$/.test(labels.at(-1) ?? ""));
}
/** "8081" → 8081; undefined unless a port number 1-65535 written plainly. */
function portNumber(text) {
    const n = Number(text);
    return /^[1-9][0-9]{0,4}$/.test(text) && n <= 65535 ? n : undefined;
}
/**
 * `host:port` split at the last colon, so that an IPv6 address is read whole: deploy-systemd
 * writes the host as the `hosts` input names it, and an IPv6 address without its brackets
 * (`2001:db8::1:8081`).
 */
function splitSlotAddress(address) {
    const colon = address.lastIndexOf(":");
    const host = address.slice(0, colon);
    const port = portNumber(address.slice(colon + 1));
    return colon > 0 && port !== undefined && isHostName(host) ? { host, port } : undefined;
}
/** `user@host:port` as deploy-systemd names a host (its `hosts` output too): IPv6 in brackets. */
function splitHostLabel(label) {
    const m = /^([a-z_][a-z0-9_-]{0,31})@(?:\[([0-9a-f:.]+)\]|([^:[\]]+)):([0-9]+)$/.exec(label);
    if (!m)
        return undefined;
    const [, user = "", v6, name] = m;
    const host = v6 ?? name ?? "";
    const port = portNumber(m[4] ?? "");
    if (port === undefined || !(v6 !== undefined ? (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(v6) : isHostName(host)))
        return undefined;
    return { user, host, port };
}
const SlotAddress = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
    .refine((a) => splitSlotAddress(a) !== undefined, "host:port, with host a DNS name or an IP address and port 1-65535");
const CanarySlot = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    /** Where the slot answers directly, past nginx: `host:port`. */
    address: SlotAddress,
    /** The release the slot runs. */
    version: _names_js__WEBPACK_IMPORTED_MODULE_1__/* .SafeName */ .P8,
});
const CanaryTarget = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    /** The service deploy-systemd deployed (its `app` input). */
    app: _names_js__WEBPACK_IMPORTED_MODULE_1__/* .AppName */ .td,
    /** The share of the host's traffic nginx sends to the new slot, in percent. */
    weight: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().min(0).max(100),
    /** The deploy host, `user@host:port` (the SSH port), as in the `hosts` output. */
    host: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .refine((h) => splitHostLabel(h) !== undefined, "user@host:port, with host a DNS name, an IPv4 address or an IPv6 address in brackets"),
    /** The slot that now runs the version deployed (or shifted to). */
    new: CanarySlot,
    /**
     * The slot that runs the version before it; null on a host's first blue-green deploy. Its
     * version is empty when a shift finds no release linked to that slot.
     */
    old: CanarySlot.extend({ version: zod__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([_names_js__WEBPACK_IMPORTED_MODULE_1__/* .SafeName */ .P8, zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz("")]) }).nullable(),
})
    .superRefine((t, ctx) => {
    const host = splitHostLabel(t.host)?.host;
    for (const key of ["new", "old"]) {
        const slot = t[key];
        if (!slot || host === undefined)
            continue;
        const on = splitSlotAddress(slot.address)?.host;
        if (on !== undefined && on !== host)
            ctx.addIssue({ code: "custom", path: [key, "address"], message: `not on the host ${host}` });
    }
    if (t.old && t.old.address === t.new.address)
        ctx.addIssue({ code: "custom", path: ["old", "address"], message: "the same slot as new" });
});
/** The whole output: one entry per host whose two slots can be compared, in the order of the hosts. */
const CanaryTargets = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(CanaryTarget);


/***/ })

};
