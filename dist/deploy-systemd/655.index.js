export const id = 655;
export const ids = [655];
export const modules = {

/***/ 25655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hasWaveNumbers: () => (/* binding */ hasWaveNumbers),
/* harmony export */   readInventory: () => (/* binding */ readInventory),
/* harmony export */   wavesFromInventory: () => (/* binding */ wavesFromInventory)
/* harmony export */ });
/* unused harmony export parseInventory */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(27597);
/* harmony import */ var _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73713);
/* harmony import */ var _remote_hosts_spec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(24493);





const MAX_INVENTORY_BYTES = 1024 * 1024;
const MAX_WAVE = 1000;
const LABEL_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^[^\p{Cc}]{0,256}$/u;
const INVENTORY_ALLOWED = "a YAML mapping with a hosts list; each entry a [user@]host[:port] string, or a mapping with " +
    "host, optional wave (a positive integer) and optional labels (a map of strings)";
/** A YAML parser's message without the text it quotes ("Unresolved tag: !x" → "Unresolved tag"). */
function withoutText(message) {
    return message.split("\n")[0].replace(/: .*$/, "");
}
/** "is a list" / "is a text": what a value is, without any of it. */
function kindOf(v) {
    if (Array.isArray(v))
        return "is a list";
    if (typeof v === "string")
        return "is a text, not a mapping";
    if (typeof v === "number" || typeof v === "bigint")
        return "is a number, not a mapping";
    if (typeof v === "boolean")
        return "is true or false, not a mapping";
    return "is not a mapping";
}
/** "is 0" / "is missing" / "is a list": what a value in the inventory is, for messages. */
function describeValue(v) {
    if (v === undefined)
        return "is missing";
    if (v === null)
        return "is empty";
    if (Array.isArray(v))
        return "is a list";
    if (typeof v === "object")
        return "is a mapping";
    const s = typeof v === "string" ? JSON.stringify(v) : String(v);
    return `is ${s.length > 60 ? `${s.slice(0, 57)}...` : s}`;
}
const because = (allowed) => (iss) => `${describeValue(iss.input)}; allowed: ${allowed}`;
const hostEntry = zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    host: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP({ error: because("a [user@]host[:port] string") }),
    wave: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig({ error: because(`a wave number: a positive integer up to ${MAX_WAVE}`) })
        .int({ error: because(`a wave number: a positive integer up to ${MAX_WAVE}`) })
        .min(1, { error: because(`a wave number: a positive integer up to ${MAX_WAVE}`) })
        .max(MAX_WAVE, { error: because(`a wave number: a positive integer up to ${MAX_WAVE}`) })
        .optional(),
    labels: zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(LABEL_KEY), zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP({ error: because('a string (quote numbers and booleans: "1", "true")') })
        .regex(LABEL_VALUE, { error: because("a single line of at most 256 characters") }), {
        error: (iss) => iss.code === "invalid_key"
            ? "is not a label name; allowed: letters, digits and . _ / - (up to 63, starting and ending with a letter or digit)"
            : because("a mapping of label names to strings, e.g. {region: eu}")(iss),
    })
        .optional(),
}, {
    error: (iss) => iss.code === "unrecognized_keys"
        ? `has unknown key ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}; allowed: host, wave, labels`
        : because("a [user@]host[:port] string, or a mapping with host, wave and labels")(iss),
});
/** A bare string is a host without wave or labels. */
const inventoryEntry = zod__WEBPACK_IMPORTED_MODULE_4__/* .preprocess */ .vkY((v) => (typeof v === "string" ? { host: v } : v), hostEntry);
/** The document; its entries are checked one by one, so that every problem is reported at once. */
const inventorySchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    hosts: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .unknown */ .L5J(), { error: because("a list of hosts") })
        .min(1, { error: "is an empty list; allowed: at least one host" }),
}, {
    error: (iss) => iss.code === "unrecognized_keys"
        ? `has unknown key ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}; allowed: hosts`
        : because(INVENTORY_ALLOWED)(iss),
});
/**
 * Reads the inventory file named by the `inventory` input (see parseInventory). The path is
 * taken as given (relative to the working directory); a missing, unreadable or oversized file
 * is an InputError like any problem inside it.
 */
async function readInventory(path, defaults, input = "inventory") {
    let text;
    try {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path);
        if (!st.isFile())
            throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, path, `is not a file; allowed: ${INVENTORY_ALLOWED}`);
        if (st.size > MAX_INVENTORY_BYTES) {
            throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, path, `is larger than 1 MiB; allowed: ${INVENTORY_ALLOWED}`);
        }
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, "utf8");
    }
    catch (e) {
        if (e instanceof _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz)
            throw e;
        const code = e.code;
        const why = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(e)})`;
        throw (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, path, `${why}; allowed: the path of a YAML inventory file: ${INVENTORY_ALLOWED}`);
    }
    return parseInventory(text, path, defaults, input);
}
/**
 * The inventory, a YAML file:
 *
 *     hosts:
 *       - host: web1.example.com   # [user@]host[:port], as the hosts input takes it
 *         wave: 1                  # optional: a positive integer
 *         labels: {region: eu}     # optional: label name → string
 *       - web2.example.com:2222    # a bare string is a host without wave or labels
 *
 * Unknown keys are refused (a misspelt `wave` would otherwise silently deploy a host with
 * the last wave). Two entries for the same host (same user, host and port, however spelt)
 * are refused too: which wave or labels would apply is not clear. Every problem is reported,
 * each with its YAML path (hosts[2].wave, counting from 0) and line, in one InputError that
 * names the input and the file. `file` only names the file in messages.
 */
function parseInventory(text, file, defaults, input = "inventory") {
    const fail = (problems) => {
        const shown = problems.slice(0, 20).map((p) => `    - ${p}`);
        if (problems.length > 20)
            shown.push(`    - and ${problems.length - 20} more`);
        return (0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, file, problems.length === 1 ? problems[0] : `${problems.length} problems:\n${shown.join("\n")}`);
    };
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_1__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: "1.2" });
    // Until the file is known to be an inventory (a mapping with a hosts key), nothing of its
    // text is shown: `inventory` may name another file (a key, a .env) by mistake or on purpose.
    if (doc.errors.length > 0) {
        throw fail(doc.errors.slice(0, 10).map((e) => {
            const at = lineCounter.linePos(e.pos[0]);
            return `line ${at.line}, column ${at.col} is not valid YAML (${withoutText(e.message)}); allowed: ${INVENTORY_ALLOWED}`;
        }));
    }
    let data;
    try {
        data = doc.toJS({ maxAliasCount: 100 });
    }
    catch (e) {
        throw fail([`cannot be read as data (${withoutText((0,_kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e))}); allowed: ${INVENTORY_ALLOWED}`]);
    }
    if (data === null || data === undefined)
        throw fail([`is empty; allowed: ${INVENTORY_ALLOWED}`]);
    if (typeof data !== "object" || Array.isArray(data)) {
        throw fail([`${locate(doc, lineCounter, [])} ${kindOf(data)}; allowed: ${INVENTORY_ALLOWED}`]);
    }
    if (!Object.hasOwn(data, "hosts")) {
        throw fail([
            `has no hosts key, so it is not an inventory (none of its content is shown); allowed: ${INVENTORY_ALLOWED}`,
        ]);
    }
    const where = (path) => locate(doc, lineCounter, path);
    const problems = [];
    const report = (prefix, issues) => {
        for (const iss of issues) {
            // Say where an unknown key is, not just the mapping that has it.
            const keys = iss.code === "unrecognized_keys" ? iss.keys : [];
            const path = [...prefix, ...iss.path, ...(keys.length === 1 ? [keys[0]] : [])];
            problems.push(`${where(path)} ${iss.message}`);
        }
    };
    const parsed = inventorySchema.safeParse(data);
    if (!parsed.success) {
        report([], parsed.error.issues);
        throw fail(problems);
    }
    const seen = new Map();
    const entries = [];
    for (const [i, raw] of parsed.data.hosts.entries()) {
        const checked = inventoryEntry.safeParse(raw);
        if (!checked.success)
            report(["hosts", i], checked.error.issues);
        // The host is checked even when something else in the entry is wrong: all problems at once.
        const host = typeof raw === "string" ? raw : raw?.host;
        if (typeof host !== "string")
            continue;
        const path = typeof raw === "string" ? ["hosts", i] : ["hosts", i, "host"];
        let spec;
        try {
            spec = (0,_remote_hosts_spec_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHostSpec */ .nn)(host, defaults, input);
        }
        catch (e) {
            // An ssh-user error is about that input, not the inventory: it goes up as it is.
            if (!(e instanceof _kit_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz) || e.problems[0]?.input !== input)
                throw e;
            problems.push(`${where(path)} ${JSON.stringify(host)} ${e.problems[0].allowed}`);
            continue;
        }
        const key = (0,_remote_hosts_spec_js__WEBPACK_IMPORTED_MODULE_3__/* .formatHostSpec */ .BB)(spec);
        const first = seen.get(key);
        if (first !== undefined) {
            problems.push(`${where(path)} ${JSON.stringify(host)} is ${key} again, as hosts[${first}]; allowed: each host once`);
            continue;
        }
        seen.set(key, i);
        if (!checked.success)
            continue;
        const entry = { spec, labels: { ...(checked.data.labels ?? {}) } };
        if (checked.data.wave !== undefined)
            entry.wave = checked.data.wave;
        entries.push(entry);
    }
    if (problems.length > 0)
        throw fail(problems);
    return entries;
}
/** `hosts[2].labels.region (line 7)`: a YAML path with the line of the nearest node that exists. */
function locate(doc, lineCounter, path) {
    const shown = path
        .map((p, i) => {
        if (typeof p === "number")
            return `[${p}]`;
        const key = String(p);
        if (!/^[A-Za-z0-9_-]+$/.test(key))
            return `[${JSON.stringify(key)}]`;
        return i === 0 ? key : `.${key}`;
    })
        .join("") || "the document";
    for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
        const range = node?.range;
        if (range)
            return `${shown} (line ${lineCounter.linePos(range[0]).line})`;
    }
    return shown;
}
/**
 * Groups inventory entries into waves by their wave number, lowest first (gaps are fine: waves
 * 1, 2 and 5 are three waves). Entries without a wave number form one more wave after all the
 * numbered ones, so hosts nobody placed go last, never ahead of the canaries. Within a wave the
 * inventory's order is kept; no wave is empty. An inventory that numbers no wave at all gives
 * one wave: a caller that wants the `waves` input to split it instead checks `hasWaveNumbers`.
 */
function wavesFromInventory(entries) {
    const numbered = new Map();
    const rest = [];
    for (const e of entries) {
        if (e.wave === undefined)
            rest.push(e);
        else {
            const wave = numbered.get(e.wave);
            if (wave)
                wave.push(e);
            else
                numbered.set(e.wave, [e]);
        }
    }
    const waves = [...numbered.entries()].sort(([a], [b]) => a - b).map(([, hosts]) => hosts);
    if (rest.length > 0)
        waves.push(rest);
    return waves;
}
/** True when any entry has a wave number: the inventory, not the `waves` input, then decides the waves. */
function hasWaveNumbers(entries) {
    return entries.some((e) => e.wave !== undefined);
}


/***/ })

};
