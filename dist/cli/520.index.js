export const id = 520;
export const ids = [520];
export const modules = {

/***/ 39520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  packageRelease: () => (/* binding */ packageRelease)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/build/gitinfo.ts
var gitinfo = __webpack_require__(28076);
// EXTERNAL MODULE: ./src/contract/manifest.ts
var contract_manifest = __webpack_require__(7117);
// EXTERNAL MODULE: ./src/github/context.ts
var context = __webpack_require__(19556);
// EXTERNAL MODULE: ./src/kit/action.ts + 1 modules
var action = __webpack_require__(86962);
// EXTERNAL MODULE: ./src/kit/errors.ts
var errors = __webpack_require__(73713);
// EXTERNAL MODULE: ./src/kit/log.ts
var log = __webpack_require__(83490);
;// CONCATENATED MODULE: ./src/kit/files.ts




/**
 * Regular files matching `patterns` (a glob in the last path element only, e.g.
 * "LICENSE*", "docs/README.md"), relative to `cwd`, sorted; a pattern matching nothing
 * is fine. Every directory component is resolved: one that leads outside `cwd` (a symbolic
 * link to /etc, say) is refused, and the paths returned are the resolved ones, so what was
 * checked is what is read; a match that is itself a link is not packed (with a warning). Two
 * matches with one base name would collide in an archive: refused. `input` names the input
 * the patterns came from, for errors.
 */
async function matchFiles(cwd, patterns, input = "files") {
    const root = await (0,promises_.realpath)(cwd);
    const found = new Map();
    for (const pattern of patterns) {
        const dir = (0,external_node_path_.join)(cwd, (0,external_node_path_.dirname)(pattern));
        const real = await (0,promises_.realpath)(dir).catch(() => undefined);
        if (real === undefined)
            continue; // no such directory: nothing matches
        if (!isWithin(root, real))
            throw (0,errors/* inputError */.Xu)(input, pattern, `files inside the working directory; ${(0,external_node_path_.dirname)(pattern)} leads to ${real} (through a symbolic link), outside ${root}`);
        // A file's name, not its directory, is matched whatever its case: README* finds readme.md,
        // as teams name these files either way.
        const match = globToRegExp((0,external_node_path_.basename)(pattern), { ignoreCase: true });
        const names = await (0,promises_.readdir)(real).catch(() => []);
        for (const name of names.sort()) {
            if (!match.test(name))
                continue;
            const path = (0,external_node_path_.join)(real, name);
            const st = await (0,promises_.lstat)(path);
            if (st.isSymbolicLink())
                (0,log/* warning */.$e)(`${input}: ${(0,external_node_path_.join)((0,external_node_path_.dirname)(pattern), name)} is a symbolic link; links are not packed`);
            if (!st.isFile())
                continue;
            const other = found.get(name);
            if (other && other !== path)
                throw new errors/* UserError */.yo(`${input}: ${other} and ${path} would both be ${name} in the archives`);
            found.set(name, path);
        }
    }
    return [...found.values()].sort();
}
/** True when `inner` is `outer` or lies below it (both absolute and resolved). */
function isWithin(outer, inner) {
    const r = (0,external_node_path_.relative)(outer, inner);
    return r === "" || (r !== ".." && !r.startsWith(`..${external_node_path_.sep}`) && !(0,external_node_path_.isAbsolute)(r));
}
/** `gin-app-*` → a whole-name matcher; only `*` and `?` are special. */
function globToRegExp(glob, opts = {}) {
    const body = glob
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${body}$`, opts.ignoreCase ? "i" : "");
}

// EXTERNAL MODULE: ./src/kit/version.ts
var version = __webpack_require__(80172);
// EXTERNAL MODULE: ./src/contract/platforms-known.ts
var platforms_known = __webpack_require__(9080);
// EXTERNAL MODULE: ./src/contract/targets.ts
var targets = __webpack_require__(5008);
// EXTERNAL MODULE: ./src/kit/hash.ts
var hash = __webpack_require__(3730);
;// CONCATENATED MODULE: ./src/release/collect.ts
/**
 * Fan-in: the per-target outputs of build-static (a binary and its manifest fragment per
 * directory), gathered from workflow artifacts or a local directory, checked for being one
 * consistent release, with the file modes artifact storage dropped put back.
 */









/**
 * Downloads every artifact of this workflow run whose name matches `pattern` into
 * `<into>/<name>/`. Returns the names, sorted.
 */
async function downloadRunArtifacts(pattern, into) {
    // Loaded only here: the artifact client is a large share of the bundle's memory.
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(351), __webpack_require__.e(838), __webpack_require__.e(878), __webpack_require__.e(110), __webpack_require__.e(29), __webpack_require__.e(518)]).then(__webpack_require__.bind(__webpack_require__, 56518));
    const client = new DefaultArtifactClient();
    const match = globToRegExp(pattern);
    let listed;
    try {
        listed = await client.listArtifacts({ latest: true });
    }
    catch (e) {
        throw new errors/* UserError */.yo(`listing this run's artifacts failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    const wanted = listed.artifacts
        .filter((a) => match.test(a.name))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (wanted.length === 0) {
        const names = listed.artifacts.map((a) => a.name).sort();
        throw (0,errors/* inputError */.Xu)("artifacts", pattern, `a name pattern matching this run's build-static artifacts (the run has ${names.length ? names.join(", ") : "no artifacts"})`);
    }
    for (const a of wanted) {
        const dir = (0,external_node_path_.join)(into, a.name);
        await (0,promises_.mkdir)(dir, { recursive: true });
        try {
            await client.downloadArtifact(a.id, { path: dir });
        }
        catch (e) {
            throw new errors/* UserError */.yo(`downloading artifact ${a.name} failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
        (0,log/* info */.pq)(`downloaded ${a.name} (${a.size} bytes)`);
    }
    return wanted.map((a) => a.name);
}
/**
 * Reads `<dir>/<sub>/goship-fragment.json` for every subdirectory (build-static's
 * output-dir, or downloaded artifacts), checks each binary against its fragment and
 * restores its mode. `input` names the input that pointed here, for errors.
 */
async function collectBinaries(dir, input, shown = dir) {
    let subdirs;
    try {
        subdirs = (await (0,promises_.readdir)(dir, { withFileTypes: true }))
            .filter((d) => d.isDirectory())
            .map((d) => d.name)
            .sort();
    }
    catch (e) {
        throw (0,errors/* inputError */.Xu)(input, shown, `a directory of build-static output (${(0,errors/* errorMessage */.gJ)(e)})`);
    }
    const found = [];
    for (const sub of subdirs) {
        const fragmentPath = (0,external_node_path_.join)(dir, sub, contract_manifest.FRAGMENT_FILE);
        let text;
        try {
            text = await (0,promises_.readFile)(fragmentPath, "utf8");
        }
        catch {
            continue; // not build-static output
        }
        const fragment = parseFragment(text, `${sub}/${contract_manifest.FRAGMENT_FILE}`, input, shown);
        checkKnownTarget(fragment, sub, input, shown);
        const path = (0,external_node_path_.join)(dir, sub, fragment.binary.name);
        const st = await (0,promises_.lstat)(path).catch(() => undefined);
        if (!st?.isFile())
            throw new errors/* UserError */.yo(`${sub}: the fragment names ${fragment.binary.name}, which is not a regular file there`);
        const { sha256, size } = await (0,hash/* sha256File */.Q)(path);
        if (sha256 !== fragment.binary.sha256 || size !== fragment.binary.size)
            throw new errors/* UserError */.yo(`${sub}/${fragment.binary.name}: sha256 ${sha256} (${size} bytes) differs from its fragment's ${fragment.binary.sha256} (${fragment.binary.size} bytes): the artifact changed after build-static verified it`);
        await (0,promises_.chmod)(path, fragment.binary.mode & 0o777);
        found.push({ source: sub, fragment, path });
    }
    if (found.length === 0)
        throw (0,errors/* inputError */.Xu)(input, shown, `a directory with build-static output (<name>/${contract_manifest.FRAGMENT_FILE}); none found`);
    return found;
}
/** A fragment as build-static writes it; anything else names the input, the file and what in it does not fit. */
function parseFragment(text, file, input, shown) {
    const allowed = `build-static output, whose ${contract_manifest.FRAGMENT_FILE} files have schemaVersion ${contract_manifest.SCHEMA_VERSION}`;
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw (0,errors/* inputError */.Xu)(input, shown, `${allowed}; ${file} is not JSON (${(0,errors/* errorMessage */.gJ)(e)})`);
    }
    const parsed = contract_manifest.ArtifactFragment.safeParse(json);
    if (parsed.success)
        return parsed.data;
    const issues = parsed.error.issues;
    const what = issues
        .slice(0, 3)
        .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(the document)"}: ${i.message}`)
        .join("; ");
    throw (0,errors/* inputError */.Xu)(input, shown, `${allowed}; ${file} does not fit: ${what}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`);
}
function checkKnownTarget(f, sub, input, shown) {
    const { goos, goarch, variant } = f.target;
    const known = platforms_known/* KNOWN_PLATFORMS */.P.some((p) => p.goos === goos && p.goarch === goarch);
    const variantOk = !variant || targets/* VARIANTS */.xb[goarch]?.values.includes(variant);
    if (!known || !variantOk)
        throw (0,errors/* inputError */.Xu)(input, shown, `binaries for targets Go knows; ${sub}/${contract_manifest.FRAGMENT_FILE} says ${(0,targets/* formatTarget */.P4)(f.target)}`);
}
/** One release: every fragment agrees on project, version, commit and Go; no target twice. */
function mergeFragments(binaries) {
    const first = binaries[0];
    if (!first)
        throw new errors/* UserError */.yo("no build-static output to release");
    const same = (field, get) => {
        for (const b of binaries.slice(1)) {
            if (get(b.fragment) !== get(first.fragment))
                throw new errors/* UserError */.yo(`${first.source} and ${b.source} are not from one build: ${field} ${JSON.stringify(get(first.fragment))} vs ${JSON.stringify(get(b.fragment))}`);
        }
    };
    same("project", (f) => f.project);
    same("version", (f) => f.version);
    same("commit", (f) => f.commit);
    same("sourceDateEpoch", (f) => f.sourceDateEpoch);
    same("Go version", (f) => f.binary.goVersion);
    const seen = new Map();
    for (const b of binaries) {
        const t = (0,targets/* formatTarget */.P4)(b.fragment.target);
        const other = seen.get(t);
        if (other)
            throw new errors/* UserError */.yo(`${t} is there twice: ${other} and ${b.source}`);
        seen.set(t, b.source);
    }
    const sorted = [...binaries].sort((a, b) => (0,targets/* formatTarget */.P4)(a.fragment.target) < (0,targets/* formatTarget */.P4)(b.fragment.target) ? -1 : 1);
    return {
        project: first.fragment.project,
        version: first.fragment.version,
        commit: first.fragment.commit,
        sourceDateEpoch: first.fragment.sourceDateEpoch,
        date: first.fragment.date,
        goVersion: first.fragment.binary.goVersion,
        binaries: sorted,
    };
}

// EXTERNAL MODULE: ./src/build/buildinfo.ts
var buildinfo = __webpack_require__(13564);
// EXTERNAL MODULE: ./src/kit/progress.ts
var progress = __webpack_require__(13701);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/release/sbom.ts
/**
 * Software bills of materials for one Go binary, made from the build information the Go
 * linker embedded in it (readBuildInfo), not from go.mod: the modules listed there are the
 * ones whose code was linked into this binary for this target, with their go.sum hashes.
 * Two formats, CycloneDX 1.6 and SPDX 2.3 (JSON), from one shared model. Both are
 * deterministic: no clock (times are the commit time), no random identifiers (they are
 * derived from the content), components sorted, keys in a fixed order.
 */




/**
 * Where SPDX document namespaces live. The URI only has to be unique, not to resolve; the
 * per-document part is a UUID derived from the content.
 */
const SPDX_NAMESPACE_BASE = `${version/* GOSHIP_HOME */.D}/spdx`;
const CYCLONEDX_SUFFIX = ".cdx.json";
const SPDX_SUFFIX = ".spdx.json";
// ---------------------------------------------------------------- shared model
/**
 * A Go module's purl. Case is kept although the golang purl type still says to lowercase:
 * Go module paths are case-sensitive (github.com/BurntSushi/toml), and the tools that
 * consume these (syft, osv.dev, deps.dev) match on the module path as written. Each path
 * segment and the version are percent-encoded, so "+incompatible" becomes "%2Bincompatible".
 */
function golangPurl(modulePath, version) {
    const segments = modulePath.split("/").filter((s) => s !== "");
    if (segments.length === 0)
        throw new errors/* UserError */.yo(`empty Go module path`);
    const tail = version ? `@${purlEncode(version)}` : "";
    return `pkg:golang/${segments.map(purlEncode).join("/")}${tail}`;
}
/** Percent-encodes all but the characters a canonical purl leaves as they are (A-Z a-z 0-9 . - _ ~ and ':'). */
function purlEncode(s) {
    return encodeURIComponent(s)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replaceAll("%3A", ":");
}
/**
 * A go.sum "h1:" hash as hex. h1 is the base64 of a SHA-256, taken over the module's
 * dirhash summary (one "sha256  file" line per file of the module zip), not over the zip
 * itself; it is still the module's content hash, and what go.sum and the checksum database
 * vouch for. Undefined for other schemes and malformed values.
 */
function h1ToSha256(sum) {
    const m = /^h1:([A-Za-z0-9+/]{43}=)$/.exec(sum);
    return m ? Buffer.from(m[1], "base64").toString("hex") : undefined;
}
/** How go.mod tells a directory replacement from a module one (modfile.IsDirectoryPath). */
function isDirectoryPath(p) {
    return /^(\.\.?([\\/]|$)|[\\/]|[A-Za-z]:[\\/])/.test(p);
}
/**
 * The main module and the dependency modules of one binary, as both formats present them.
 * A replaced dependency is the replacement (that is the code in the binary), with the
 * requirement it stands in for in `goship:gomod:replaces:*` properties; a directory
 * replacement keeps the original path as its name and has no version in its purl.
 */
function sbomPackages(info, meta) {
    checkMeta(info, meta);
    const mainPath = info.main.path || info.path || meta.project;
    const mainPurl = golangPurl(mainPath, meta.version);
    const main = {
        ref: mainPurl,
        name: mainPath,
        version: meta.version,
        purl: mainPurl,
        sha256: meta.binary.sha256,
        properties: mainProperties(info, meta),
    };
    const stdlib = stdlibPackage(info.goVersion);
    const deps = [...info.deps.map(dependencyPackage), ...(stdlib ? [stdlib] : [])].sort((a, b) => compare(a.ref, b.ref));
    for (let i = 1; i < deps.length; i++) {
        // cmd/go refuses to use one module for two paths, so this means the build info is corrupt.
        if (deps[i]?.ref === deps[i - 1]?.ref)
            throw new errors/* UserError */.yo(`module ${deps[i]?.ref} is listed twice`);
    }
    return { main, deps };
}
/**
 * The Go standard library linked into the binary, as the module `stdlib` at the toolchain's
 * version (`go1.26.8` → `1.26.8`): the name and purl (`pkg:golang/stdlib@1.26.8`) that
 * vulnerability databases (the Go vulnerability database, OSV) and scanners (govulncheck's
 * SBOM mode, grype, trivy) match Go's own CVEs against. Build info does not list it, as it
 * is not a module of the build; the toolchain it names is the one whose packages were linked.
 * A development toolchain (`devel go1.27-…`) has no release to match: no entry then.
 */
function stdlibPackage(goVersion) {
    const m = /^go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:\s|$)/.exec(goVersion);
    if (!m)
        return undefined;
    const version = m[1];
    const purl = golangPurl("stdlib", version);
    return {
        ref: purl,
        name: "stdlib",
        version,
        purl,
        properties: [{ name: "goship:gomod:stdlib:toolchain", value: goVersion }],
    };
}
function dependencyPackage(dep) {
    const r = dep.replace;
    const replaces = r
        ? [
            { name: "goship:gomod:replaces:path", value: dep.path },
            { name: "goship:gomod:replaces:version", value: dep.version },
        ]
        : [];
    if (r && isDirectoryPath(r.path)) {
        const purl = golangPurl(dep.path);
        return {
            ref: purl,
            name: dep.path,
            version: r.version,
            purl,
            properties: [...replaces, { name: "goship:gomod:replacement:dir", value: r.path }],
        };
    }
    const m = r ?? dep;
    const purl = golangPurl(m.path, m.version);
    const sha256 = m.sum ? h1ToSha256(m.sum) : undefined;
    return {
        ref: purl,
        name: m.path,
        version: m.version,
        purl,
        ...(sha256 ? { sha256 } : {}),
        properties: replaces,
    };
}
/**
 * The target and toolchain, in the registered cdx:gomod taxonomy where it has a name
 * (GOOS, GOARCH, CGO_ENABLED, GOVERSION, build tags), the rest under goship:. Every build
 * setting is also kept verbatim, in the binary's order, as goship:go:build:<key>.
 */
function mainProperties(info, meta) {
    const props = [
        { name: "cdx:gomod:build:env:GOOS", value: meta.target.goos },
        { name: "cdx:gomod:build:env:GOARCH", value: meta.target.goarch },
    ];
    const cgo = (0,buildinfo/* buildSetting */.tC)(info, "CGO_ENABLED");
    if (cgo !== undefined)
        props.push({ name: "cdx:gomod:build:env:CGO_ENABLED", value: cgo });
    props.push({ name: "cdx:gomod:build:env:GOVERSION", value: info.goVersion });
    for (const tag of ((0,buildinfo/* buildSetting */.tC)(info, "-tags") ?? "").split(",")) {
        if (tag !== "")
            props.push({ name: "cdx:gomod:build:tag", value: tag });
    }
    if (meta.target.variant)
        props.push({ name: "goship:target:variant", value: meta.target.variant });
    props.push({ name: "goship:project", value: meta.project }, { name: "goship:binary:name", value: meta.binary.name }, { name: "goship:source:commit", value: meta.commit });
    if (info.path)
        props.push({ name: "goship:go:path", value: info.path });
    for (const { key, value } of info.settings) {
        // A ':' would read as another namespace level.
        props.push({ name: `goship:go:build:${key.replaceAll("%", "%25").replaceAll(":", "%3A")}`, value });
    }
    return props;
}
function checkMeta(info, meta) {
    if (!/^[0-9a-f]{64}$/.test(meta.binary.sha256)) {
        throw new errors/* UserError */.yo(`${meta.binary.name}: sha256 ${JSON.stringify(meta.binary.sha256)} is not lowercase hex`);
    }
    if (!Number.isSafeInteger(meta.sourceDateEpoch) || meta.sourceDateEpoch < 0) {
        throw new errors/* UserError */.yo(`sourceDateEpoch ${meta.sourceDateEpoch} is not a Unix time in seconds`);
    }
    // The documents name the target twice (the caller's and the binary's); they must agree.
    for (const key of ["GOOS", "GOARCH"]) {
        const said = key === "GOOS" ? meta.target.goos : meta.target.goarch;
        const built = (0,buildinfo/* buildSetting */.tC)(info, key);
        if (built !== undefined && built !== said) {
            throw new errors/* UserError */.yo(`${meta.binary.name}: built with ${key}=${built}, but its target says ${said}`);
        }
    }
}
/** RFC 3339 UTC without fractions: what SPDX requires and CycloneDX accepts. */
function commitTime(sourceDateEpoch) {
    return new Date(sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
/** Code-unit order, the same on every machine (localeCompare is not). */
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
const URL_NAMESPACE = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");
/**
 * A name-based UUID (RFC 4122 version 5) for a document, from the SHA-256 of everything
 * else in it: the same content always gets the same identifier, and any change a new one.
 */
function contentUuid(kind, content) {
    const digest = (0,external_node_crypto_.createHash)("sha256").update(JSON.stringify(content)).digest("hex");
    const h = (0,external_node_crypto_.createHash)("sha1").update(URL_NAMESPACE).update(`urn:goship:${kind}:sha256:${digest}`).digest();
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString("hex");
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
// ---------------------------------------------------------------- CycloneDX 1.6
/** A CycloneDX 1.6 BOM (JSON) for one binary: the main module as metadata.component, each linked module as a library. */
function cyclonedxSbom(info, meta) {
    const { main, deps } = sbomPackages(info, meta);
    const body = {
        metadata: {
            timestamp: commitTime(meta.sourceDateEpoch),
            // Made from the finished binary, not from the sources.
            lifecycles: [{ phase: "post-build" }],
            tools: { components: [{ type: "application", name: "goship", version: meta.toolVersion }] },
            component: cyclonedxComponent(main, "application"),
        },
        components: deps.map((d) => cyclonedxComponent(d, "library")),
        // Build info lists the modules but not who imports whom: everything hangs off the main
        // module, and the modules' own entries are left out (unknown, not "no dependencies").
        dependencies: [{ ref: main.ref, dependsOn: deps.map((d) => d.ref) }],
    };
    return {
        $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
        bomFormat: "CycloneDX",
        specVersion: "1.6",
        serialNumber: `urn:uuid:${contentUuid("cyclonedx", body)}`,
        version: 1,
        ...body,
    };
}
function cyclonedxComponent(p, type) {
    return {
        type,
        "bom-ref": p.ref,
        name: p.name,
        version: p.version,
        // Every module in the build info, and the standard library, has code linked into the binary.
        ...(type === "library" ? { scope: "required" } : {}),
        ...(p.sha256 ? { hashes: [{ alg: "SHA-256", content: p.sha256 }] } : {}),
        purl: p.purl,
        ...(p.properties.length > 0 ? { properties: p.properties } : {}),
    };
}
// ---------------------------------------------------------------- SPDX 2.3
/**
 * An SPDX 2.3 document (JSON) for one binary. SPDX 2.3 has no name/value properties, so the
 * same properties the CycloneDX BOM carries become annotations ("name=value") by the tool.
 */
function spdxSbom(info, meta) {
    const { main, deps } = sbomPackages(info, meta);
    const created = commitTime(meta.sourceDateEpoch);
    const tool = `Tool: goship-${meta.toolVersion}`;
    const t = meta.target;
    const targetName = `${t.goos}-${t.goarch}${t.variant ? `-${t.variant}` : ""}`;
    const name = `${meta.project}-${meta.version}-${targetName}-${meta.binary.name}`;
    const mainId = spdxId(main);
    const body = {
        creationInfo: { created, creators: [tool] },
        packages: [
            spdxPackage(main, mainId, created, tool, {
                packageFileName: meta.binary.name,
                primaryPackagePurpose: "APPLICATION",
                comment: `Go program ${meta.binary.name} for ${t.goos}/${t.goarch}${t.variant ? `/${t.variant}` : ""}, built by ${info.goVersion} from commit ${meta.commit}.`,
            }),
            ...deps.map((d) => spdxPackage(d, spdxId(d), created, tool, { primaryPackagePurpose: "LIBRARY" })),
        ],
        relationships: [
            { spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: mainId },
            ...deps.map((d) => ({
                spdxElementId: mainId,
                relationshipType: "DEPENDS_ON",
                relatedSpdxElement: spdxId(d),
            })),
        ],
    };
    return {
        spdxVersion: "SPDX-2.3",
        dataLicense: "CC0-1.0",
        SPDXID: "SPDXRef-DOCUMENT",
        name,
        documentNamespace: `${SPDX_NAMESPACE_BASE}/${name}-${contentUuid("spdx", { name, body })}`,
        ...body,
    };
}
/**
 * SPDXRef- followed by letters, digits, '.' and '-' only. Replacing the rest can make two
 * modules look alike ("a/b-c", "a-b/c"), so a short hash of the purl keeps them apart.
 */
function spdxId(p) {
    const readable = `${p.name}-${p.version}`.replace(/[^A-Za-z0-9.-]+/g, "-");
    const tag = (0,external_node_crypto_.createHash)("sha256").update(p.ref).digest("hex").slice(0, 8);
    return `SPDXRef-Package-${readable}-${tag}`;
}
function spdxPackage(p, id, created, tool, extra) {
    return {
        name: p.name,
        SPDXID: id,
        versionInfo: p.version,
        ...(extra.packageFileName ? { packageFileName: extra.packageFileName } : {}),
        // The proxy it came from is the builder's GOPROXY, which the binary does not record.
        downloadLocation: "NOASSERTION",
        filesAnalyzed: false,
        ...(p.sha256 ? { checksums: [{ algorithm: "SHA256", checksumValue: p.sha256 }] } : {}),
        licenseConcluded: "NOASSERTION",
        licenseDeclared: "NOASSERTION",
        copyrightText: "NOASSERTION",
        externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: p.purl }],
        primaryPackagePurpose: extra.primaryPackagePurpose,
        ...(extra.comment ? { comment: extra.comment } : {}),
        ...(p.properties.length > 0
            ? {
                annotations: p.properties.map((prop) => ({
                    annotationDate: created,
                    annotationType: "OTHER",
                    annotator: tool,
                    comment: `${prop.name}=${prop.value}`,
                })),
            }
            : {}),
    };
}

;// CONCATENATED MODULE: ./src/release/write.ts
/**
 * Turns one consistent set of build-static binaries into a release directory: archives,
 * SBOMs, signed provenance, the manifest, SHA256SUMS and its signature. Everything is
 * written into a staging directory first and swapped in whole, so a failure part-way
 * leaves the previous output as it was; a re-run writes the same bytes.
 */












/** `<project>_<version>_<goos>_<goarch>[_<variant>]`: the stem of every per-target file. */
function releaseStem(project, version, target) {
    return `${project}_${version}_${(0,targets/* targetSlug */.fo)(target)}`;
}
function formatFor(format, goos) {
    if (format !== "auto")
        return format;
    return goos === "windows" ? "zip" : "tar.gz";
}
async function writeRelease(opts) {
    const { set } = opts;
    const outputDir = opts.outputDir.replace(/\/+$/, "");
    const staging = `${outputDir}.goship-staging`;
    await (0,promises_.rm)(staging, { recursive: true, force: true });
    await (0,promises_.mkdir)(staging, { recursive: true });
    // Every file is hashed once: the archive writers report their digest, the rest are read here.
    const refs = new Map();
    const ref = async (name) => {
        let r = refs.get(name);
        if (!r) {
            r = { name, ...(await (0,hash/* sha256File */.Q)((0,external_node_path_.join)(staging, name))) };
            refs.set(name, r);
        }
        return r;
    };
    const extras = opts.extraFiles.map((f) => ({ name: (0,external_node_path_.basename)(f), source: f, mode: 0o644 }));
    // The compressor loads here rather than with the action: its first line does not wait for it.
    const { writeTarGz, writeZip } = await Promise.all(/* import() */[__webpack_require__.e(306), __webpack_require__.e(797)]).then(__webpack_require__.bind(__webpack_require__, 64797));
    const artifacts = [];
    for (const [index, b] of set.binaries.entries()) {
        const { target, binary } = b.fragment;
        const stem = releaseStem(set.project, set.version, target);
        const format = formatFor(opts.archiveFormat, target.goos);
        const label = (0,targets/* formatTarget */.P4)(target);
        let archive;
        const archived = progress/* progress */.qB.start(`${label}: ${format === "binary" ? "copy the binary" : `${format} archive`}`, {
            index,
            total: set.binaries.length,
        });
        if (format === "binary") {
            const name = `${stem}${target.goos === "windows" ? ".exe" : ""}`;
            await (0,promises_.copyFile)(b.path, (0,external_node_path_.join)(staging, name));
            await (0,promises_.chmod)((0,external_node_path_.join)(staging, name), 0o755);
            archive = await ref(name);
        }
        else {
            const name = `${stem}.${format}`;
            const entries = [{ name: binary.name, source: b.path, mode: 0o755 }, ...extras];
            const write = format === "zip" ? writeZip : writeTarGz;
            const res = await write((0,external_node_path_.join)(staging, name), entries, { mtime: set.sourceDateEpoch });
            archive = { name, sha256: res.sha256, size: res.size };
            refs.set(name, archive);
        }
        archived();
        (0,log/* info */.pq)(`${stem}: ${archive.name} ${archive.sha256.slice(0, 16)}`);
        let cyclonedx = null;
        let spdx = null;
        if (opts.sbom.cyclonedx || opts.sbom.spdx) {
            const kinds = [opts.sbom.cyclonedx ? "CycloneDX" : "", opts.sbom.spdx ? "SPDX" : ""].filter(Boolean);
            const sbomDone = progress/* progress */.qB.start(`${label}: SBOM (${kinds.join(", ")})`);
            const buildInfo = await (0,buildinfo/* readBuildInfo */.ro)(b.path);
            const meta = {
                project: set.project,
                version: set.version,
                commit: set.commit,
                sourceDateEpoch: set.sourceDateEpoch,
                target,
                binary: { name: binary.name, sha256: binary.sha256 },
                toolVersion: opts.toolVersion,
            };
            if (opts.sbom.cyclonedx) {
                await (0,promises_.writeFile)((0,external_node_path_.join)(staging, stem + CYCLONEDX_SUFFIX), (0,contract_manifest.stableJson)(cyclonedxSbom(buildInfo, meta)));
                cyclonedx = await ref(stem + CYCLONEDX_SUFFIX);
            }
            if (opts.sbom.spdx) {
                await (0,promises_.writeFile)((0,external_node_path_.join)(staging, stem + SPDX_SUFFIX), (0,contract_manifest.stableJson)(spdxSbom(buildInfo, meta)));
                spdx = await ref(stem + SPDX_SUFFIX);
            }
            sbomDone();
        }
        const { mode: _mode, ...binaryRecord } = binary;
        artifacts.push({
            ...target,
            binary: binaryRecord,
            archive: { ...archive, format },
            sbom: { cyclonedx, spdx },
        });
    }
    let provenance = null;
    if (opts.provenance && !opts.signer) {
        (0,log/* warning */.$e)('provenance skipped: it is a signed statement, and this release has no signer (give "signing-key", or "keyless: true")');
    }
    else if (opts.provenance && opts.signer) {
        const { intotoJsonlLine, provenanceStatement, statementPayload, workflowRunFromEnv } = await Promise.all(/* import() */[__webpack_require__.e(431), __webpack_require__.e(150)]).then(__webpack_require__.bind(__webpack_require__, 75150));
        const { IN_TOTO_PAYLOAD_TYPE } = await Promise.all(/* import() */[__webpack_require__.e(431), __webpack_require__.e(8)]).then(__webpack_require__.bind(__webpack_require__, 90008));
        const env = opts.env ?? process.env;
        const run = workflowRunFromEnv(env);
        const statement = provenanceStatement({
            subjects: artifacts.map((a) => ({ name: a.archive.name, sha256: a.archive.sha256 })),
            source: { commit: set.commit },
            builderId: builderId(run),
            builderVersion: opts.toolVersion,
            run,
            build: {
                goVersion: set.goVersion,
                targets: set.binaries.map((b) => ({
                    ...b.fragment.target,
                    settings: b.fragment.binary.buildSettings,
                })),
            },
            sourceDateEpoch: set.sourceDateEpoch,
        });
        const payload = statementPayload(statement);
        const { envelope } = await opts.signer.signDsse(IN_TOTO_PAYLOAD_TYPE, payload);
        await (0,promises_.writeFile)((0,external_node_path_.join)(staging, contract_manifest.PROVENANCE_FILE), intotoJsonlLine(envelope));
        provenance = await ref(contract_manifest.PROVENANCE_FILE);
    }
    const keyMode = opts.signer?.kind === "key";
    const manifest = {
        schemaVersion: contract_manifest.SCHEMA_VERSION,
        kind: "goship.release",
        project: set.project,
        version: set.version,
        commit: set.commit,
        sourceDateEpoch: set.sourceDateEpoch,
        date: set.date,
        go: set.goVersion,
        artifacts,
        checksums: {
            file: contract_manifest.CHECKSUMS_FILE,
            signature: keyMode ? contract_manifest.SIGNATURE_FILE : null,
            bundle: opts.signer ? contract_manifest.BUNDLE_FILE : null,
            publicKey: keyMode ? contract_manifest.PUBLIC_KEY_FILE : null,
            publicKeyHint: opts.signer?.hint ?? null,
            signer: opts.signer?.kind ?? null,
        },
        provenance,
    };
    await (0,promises_.writeFile)((0,external_node_path_.join)(staging, contract_manifest.MANIFEST_FILE), (0,contract_manifest.stableJson)(manifest));
    // SHA256SUMS: coreutils format ("<hex>  <name>"), sorted by name, over everything above.
    const covered = (await (0,promises_.readdir)(staging)).sort();
    const lines = [];
    for (const name of covered)
        lines.push(`${(await ref(name)).sha256}  ${name}`);
    const sums = Buffer.from(`${lines.join("\n")}\n`);
    await (0,promises_.writeFile)((0,external_node_path_.join)(staging, contract_manifest.CHECKSUMS_FILE), sums);
    if (opts.signer) {
        const signed = await opts.signer.signBlob(sums, contract_manifest.CHECKSUMS_FILE);
        if (signed.signature)
            await (0,promises_.writeFile)((0,external_node_path_.join)(staging, contract_manifest.SIGNATURE_FILE), signed.signature);
        await (0,promises_.writeFile)((0,external_node_path_.join)(staging, contract_manifest.BUNDLE_FILE), (0,contract_manifest.stableJson)(signed.bundle));
        if (opts.signer.publicKeyPem)
            await (0,promises_.writeFile)((0,external_node_path_.join)(staging, contract_manifest.PUBLIC_KEY_FILE), opts.signer.publicKeyPem);
    }
    const assets = [];
    for (const name of (await (0,promises_.readdir)(staging)).sort())
        assets.push(await ref(name));
    await swapIn(staging, outputDir);
    return { dir: outputDir, manifest, assets };
}
/** Who ran the build: the workflow file on GitHub, else goship in local mode. */
function builderId(run) {
    if (run.serverUrl && run.workflowRef)
        return `${run.serverUrl}/${run.workflowRef}`;
    return `${version/* GOSHIP_HOME */.D}/local`;
}
// ─── The output directory ─────────────────────────────────────────────────────────────
/**
 * The swap replaces the output directory whole, so it may only ever replace an earlier
 * release: the directory must not be the working directory or hold it, must not hold what
 * the run reads (build-static's output), and must be absent, empty, or hold a goship release
 * and nothing else. `given` is the input's value as the user wrote it, for the message.
 * Called before anything is read or written; nothing is changed when it refuses.
 */
async function checkOutputDir(given, outputDir, guard) {
    const refuse = (why) => (0,errors/* inputError */.Xu)("output-dir", given, `a directory for the release alone (new, empty, or an earlier goship release, which is replaced whole); ${why}`);
    const dir = await realpathOrBelow(outputDir);
    const holds = (inner) => isWithin(dir, inner);
    const workTree = await realpathOrBelow(guard.workTree);
    if (holds(workTree))
        throw refuse(dir === workTree ? `${dir} is the working directory` : `${dir} holds the working directory ${workTree}`);
    for (const { input, path } of guard.inputs) {
        const inner = await realpathOrBelow(path);
        if (holds(inner))
            throw refuse(`${dir} ${dir === inner ? "is" : "holds"} ${input} (${inner}), which this run reads`);
    }
    const problem = await notAnEarlierRelease(outputDir);
    if (problem)
        throw refuse(problem);
}
/** The real path of `path`, or of its deepest existing parent with the rest appended. */
async function realpathOrBelow(path) {
    const abs = (0,external_node_path_.resolve)(path);
    try {
        return await (0,promises_.realpath)(abs);
    }
    catch (e) {
        const parent = (0,external_node_path_.dirname)(abs);
        if (e.code !== "ENOENT" || parent === abs)
            return abs;
        return (0,external_node_path_.join)(await realpathOrBelow(parent), (0,external_node_path_.basename)(abs));
    }
}
/** Why `dir` is something the swap must not remove; undefined when it is absent, empty, or a goship release alone. */
async function notAnEarlierRelease(dir) {
    let st;
    try {
        st = await (0,promises_.lstat)(dir);
    }
    catch (e) {
        if (e.code === "ENOENT")
            return undefined;
        return `${dir} cannot be read: ${(0,errors/* errorMessage */.gJ)(e)}`;
    }
    if (st.isSymbolicLink())
        return `${dir} is a symbolic link`;
    if (!st.isDirectory())
        return `${dir} exists and is not a directory`;
    let entries;
    try {
        entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
    }
    catch (e) {
        return `${dir} cannot be read: ${(0,errors/* errorMessage */.gJ)(e)}`;
    }
    if (entries.length === 0)
        return undefined;
    const some = (names) => names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
    const names = entries.map((e) => e.name).sort();
    if (!names.includes(contract_manifest.MANIFEST_FILE))
        return `${dir} holds ${some(names)} and no ${contract_manifest.MANIFEST_FILE}: it is not an earlier release`;
    let manifest;
    try {
        manifest = contract_manifest.ReleaseManifest.parse(JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(dir, contract_manifest.MANIFEST_FILE), "utf8")));
    }
    catch {
        return `${dir}/${contract_manifest.MANIFEST_FILE} is not a goship release manifest`;
    }
    const own = new Set([contract_manifest.MANIFEST_FILE, contract_manifest.CHECKSUMS_FILE, contract_manifest.SIGNATURE_FILE, contract_manifest.BUNDLE_FILE, contract_manifest.PUBLIC_KEY_FILE]);
    for (const a of manifest.artifacts)
        for (const f of [a.archive, a.sbom.cyclonedx, a.sbom.spdx])
            if (f)
                own.add(f.name);
    if (manifest.provenance)
        own.add(manifest.provenance.name);
    const foreign = entries.filter((e) => !(e.isFile() && own.has(e.name))).map((e) => e.name);
    if (foreign.length > 0)
        return `${dir} holds ${some(foreign.sort())}, which ${foreign.length === 1 ? "is" : "are"} not part of the goship release there`;
    return undefined;
}
/**
 * Replaces `dir` by `staging` with two renames; the old directory is removed only after.
 * What is replaced is checked once more here, where it is removed: an earlier release only.
 */
async function swapIn(staging, dir) {
    const problem = await notAnEarlierRelease(dir);
    if (problem) {
        await (0,promises_.rm)(staging, { recursive: true, force: true });
        throw (0,errors/* inputError */.Xu)("output-dir", dir, `a directory for the release alone; ${problem}`);
    }
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(dir), { recursive: true });
    const old = `${dir}.goship-old`;
    await (0,promises_.rm)(old, { recursive: true, force: true });
    try {
        await (0,promises_.rename)(dir, old);
    }
    catch (e) {
        if (e.code !== "ENOENT")
            throw e;
    }
    try {
        await (0,promises_.rename)(staging, dir);
    }
    catch (e) {
        await (0,promises_.rename)(old, dir).catch(() => undefined);
        throw new errors/* UserError */.yo(`could not move the release into ${dir}: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    await (0,promises_.rm)(old, { recursive: true, force: true });
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 9 modules
var schemas = __webpack_require__(27597);
// EXTERNAL MODULE: ./src/contract/names.ts
var names = __webpack_require__(77662);
// EXTERNAL MODULE: ./src/kit/inputs.ts
var inputs = __webpack_require__(67127);
;// CONCATENATED MODULE: ./src/actions/package-release/schema.ts



// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000b-\u001f\u007f]*$/;
const schema_inputs = schemas/* object */.Ikc({
    artifacts: (0,inputs.text)(/^[A-Za-z0-9._*?+-]+$/, "an artifact name pattern: letters, digits, . _ + - and the wildcards * ?")
        .optional()
        .describe("Artifact name pattern to download from this run (* and ?). Default: <project-name>-*, else every artifact holding build-static output."),
    "artifacts-dir": (0,inputs.line)("a directory path")
        .optional()
        .describe("A local directory of build-static output (its output-dir) instead of artifacts. Default in local mode: dist/bin."),
    "project-name": (0,inputs.text)(names/* SAFE_NAME */.wY, "letters, digits and . _ + - (no slashes)")
        .optional()
        .describe("Project name in archive names <project>_<version>_<goos>_<goarch>[_<variant>]. Default: build-static's, the Go module's name (github.com/acme/shop \u2192 shop)."),
    version: (0,inputs.text)(names/* SAFE_NAME */.wY, "a version ID: letters, digits and . _ + - (no slashes or spaces)")
        .optional()
        .describe("Version ID. Default: the binaries' own (from their fragments); a different value is refused."),
    files: (0,inputs.list)((0,inputs.text)(/^(?![/\\])(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._*?+/-]+$/, "relative file patterns without .."), "comma- or newline-separated relative file patterns without ..")
        .prefault("LICENSE*,README*")
        .describe("Extra files for every archive: comma- or newline-separated patterns relative to the working directory."),
    "archive-format": (0,inputs.choice)(["auto", "tar.gz", "zip", "binary"])
        .default("auto")
        .describe("auto (tar.gz, zip for windows), tar.gz, zip, or binary (the bare binary, renamed)."),
    "signing-key": (0,inputs.secret)(
    // Any PEM private key gets through here; the loader says precisely what it is and why not.
    (0,inputs.text)(/^-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]+-----END \1-----$/, "a PEM private key: cosign's ENCRYPTED SIGSTORE PRIVATE KEY, or an unencrypted PKCS#8 EC P-256 PRIVATE KEY"))
        .optional()
        .describe("PEM signing key (a secret): cosign's ENCRYPTED SIGSTORE PRIVATE KEY, or an unencrypted PKCS#8 EC P-256 key."),
    "signing-key-password": (0,inputs.secret)((0,inputs.text)(NO_CONTROL, "the key's password"))
        .optional()
        .describe("Password of an encrypted signing-key (a secret)."),
    keyless: (0,inputs.boolean)()
        .prefault("false")
        .describe("Sign through Sigstore with the workflow's OIDC identity (needs permissions id-token: write and attestations: write)."),
    sbom: (0,inputs.list)((0,inputs.choice)(["cyclonedx", "spdx", "none"]), "cyclonedx, spdx (comma-separated), or none")
        .prefault("cyclonedx,spdx")
        .refine((l) => !(l.includes("none") && l.length > 1), "allowed: none alone, or cyclonedx and/or spdx")
        .transform((l) => ({ cyclonedx: l.includes("cyclonedx"), spdx: l.includes("spdx") }))
        .describe("SBOM formats per binary: cyclonedx, spdx (comma-separated), or none."),
    provenance: (0,inputs.boolean)()
        .prefault("true")
        .describe("Write SLSA v1 provenance as a signed in-toto statement (provenance.intoto.jsonl)."),
    publish: (0,inputs.choice)(["none", "draft", "release"])
        .default("none")
        .describe("none, draft (upload to a draft release), or release (upload, then publish)."),
    tag: (0,inputs.text)(/^(?!.*\.\.)(?!\/)[A-Za-z0-9._+/-]+$/, "a git tag name")
        .optional()
        .describe("Release tag. Default: the pushed tag."),
    "release-notes": (0,inputs.text)(NO_CONTROL, "text without control characters, or generate")
        .optional()
        .describe("Release notes text, or generate for GitHub's generated notes."),
    prerelease: (0,inputs.choice)(["auto", "true", "false"])
        .default("auto")
        .describe("auto (a pre-release when the version has a semver pre-release part), true or false."),
    "replace-assets": (0,inputs.boolean)()
        .prefault("false")
        .describe("Replace a same-named release asset whose digest differs, instead of failing."),
    "github-token": (0,inputs.runnerDefault)((0,inputs.secret)((0,inputs.line)("a token")), "github.token")
        .optional()
        .describe("Token for publishing (needs contents write)."),
    "output-dir": (0,inputs.line)("a directory path")
        .default("dist/release")
        .describe("Where the release files go. Inside the git work tree and not ignored, it is added to .git/info/exclude (once), so the release never makes the tree dirty."),
});
const outputs = {
    manifest: "Path of goship-manifest.json",
    checksums: "Path of SHA256SUMS",
    assets: "JSON list of the release files: name, sha256, size",
    "public-key-hint": "Hint (key id) of the signing key, as in the Sigstore bundle",
    "release-url": "The GitHub Release's page, when published",
    "release-id": "The GitHub Release's id, when published",
};

// EXTERNAL MODULE: ./src/kit/summary.ts
var kit_summary = __webpack_require__(94508);
;// CONCATENATED MODULE: ./src/actions/package-release/summary.ts




/** The line that says whether and how the release is signed, and whether users can check it. */
function signatureStatus(r) {
    const s = r.signer;
    if (!s)
        return "⚠️ **unsigned**: no signing-key and keyless is off";
    if (s.kind === "keyless")
        return "✅ signed keyless (Sigstore, the workflow's identity)";
    const hint = s.hint ? ` (hint \`${s.hint}\`)` : "";
    if (!r.committedKey)
        return `⚠️ signed with a key${hint} that the repository does not hold: commit its public key as \`goship.pub\` so users verify with a copy they trust`;
    if (!r.committedKey.matches)
        return `❌ signed with a key${hint} that is **not** the repository's \`${r.committedKey.path}\`: users who verify with it will fail`;
    return `✅ signed with the repository's \`${r.committedKey.path}\`${hint}`;
}
/**
 * Status first (what was released, its signature, the release link), then one row per
 * target (archive, SBOMs, size, digest), every file collapsed, and how to verify it with
 * the repository's public key.
 */
function releaseSummary(r) {
    const m = r.release.manifest;
    const n = m.artifacts.length;
    const summary = new kit_summary/* Summary */.BD()
        .heading("package-release")
        .status(true, `**${m.project} ${m.version}** from \`${m.commit.slice(0, 12)}\`: ${n} target${n === 1 ? "" : "s"} packaged` +
        (r.published ? `, [published](${r.published.url})` : ""))
        .paragraph(signatureStatus(r));
    if (r.published)
        summary.paragraph(`Release: ${r.published.url}`);
    const sboms = (a) => [a.sbom.cyclonedx ? "CycloneDX" : "", a.sbom.spdx ? "SPDX" : ""].filter(Boolean).join(", ") || "—";
    summary.table(["target", "archive", "size", "sha256", "SBOMs"], m.artifacts.map((a) => [
        (0,targets/* formatTarget */.P4)(a),
        `\`${a.archive.name}\``,
        (0,log/* bytes */.ee)(a.archive.size),
        `\`${a.archive.sha256.slice(0, 16)}\``,
        sboms(a),
    ]), ["l", "l", "r", "l", "l"]);
    const status = r.published?.status;
    const files = (assets) => new kit_summary/* Summary */.BD().table(["file", "size", "sha256", ...(status ? ["release"] : [])], assets.map((a) => [
        `\`${a.name}\``,
        (0,log/* bytes */.ee)(a.size),
        `\`${a.sha256}\``,
        ...(status ? [status.get(a.name) ?? ""] : []),
    ]), ["l", "r", "l", "l"]);
    summary.details(`Every file of the release (${r.release.assets.length})`, files(r.release.assets));
    if (r.signer?.kind === "key") {
        const key = "trusted.pub";
        const fetch = r.committedKey?.url
            ? `curl -fsSLo ${key} ${r.committedKey.url}`
            : `cp /path/to/your/clone/${r.committedKey?.path ?? "goship.pub"} ${key}`;
        summary
            .paragraph("Verify it, with no GitHub login, in the directory of the downloaded assets, with the public key from the repository (not the copy inside the release):")
            .code([
            fetch,
            `sha256sum -c --strict ${contract_manifest.CHECKSUMS_FILE}`,
            `openssl dgst -sha256 -verify ${key} -signature ${contract_manifest.SIGNATURE_FILE} ${contract_manifest.CHECKSUMS_FILE}`,
            `cosign verify-blob --key ${key} --bundle ${contract_manifest.BUNDLE_FILE} --insecure-ignore-tlog ${contract_manifest.CHECKSUMS_FILE}`,
            `npx --yes https://github.com/goship/goship/releases/latest/download/goship.tgz verify . --public-key ${key}`,
        ].join("\n"), "sh");
    }
    return summary;
}

;// CONCATENATED MODULE: ./src/actions/package-release/main.ts














/**
 * The public key the repository holds (goship.pub at the top of the work tree), which users
 * should verify with, and whether the release was signed with it.
 */
async function committedPublicKey(publicKeyPem, commit) {
    const file = (0,external_node_path_.resolve)(contract_manifest.PUBLIC_KEY_FILE);
    const pem = await (0,promises_.readFile)(file, "utf8").catch(() => undefined);
    if (pem === undefined)
        return undefined;
    const { samePublicKey } = await Promise.all(/* import() */[__webpack_require__.e(431), __webpack_require__.e(860), __webpack_require__.e(850)]).then(__webpack_require__.bind(__webpack_require__, 80850));
    const ctx = (0,context/* runContext */.pO)();
    const root = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const path = (0,external_node_path_.relative)(root, file).split(external_node_path_.sep).join("/");
    const url = ctx.serverUrl === "https://github.com" && ctx.repository && !path.startsWith("..")
        ? `https://raw.githubusercontent.com/${ctx.repository}/${commit}/${path}`
        : undefined;
    return { path, matches: samePublicKey(pem, publicKeyPem), ...(url ? { url } : {}) };
}
const packageRelease = (0,action.defineAction)({
    name: "package-release",
    description: "Deterministic archives, signed checksums, SBOMs and provenance; optionally a GitHub Release",
    inputs: schema_inputs,
    outputs: outputs,
    async run(i) {
        // Everything that can be refused is refused before a file is written.
        if (i["signing-key"] && i.keyless)
            throw (0,errors/* inputError */.Xu)("keyless", "true", 'false when "signing-key" is given: one signer per release');
        // The signature code (elliptic curves, the key's cipher) loads only for a signed release.
        const signing = i["signing-key"] || i.keyless ? await Promise.all(/* import() */[__webpack_require__.e(431), __webpack_require__.e(860), __webpack_require__.e(850)]).then(__webpack_require__.bind(__webpack_require__, 80850)) : undefined;
        const signer = !signing
            ? undefined
            : i["signing-key"]
                ? signing.keySigner(await signing.loadSigningKey(i["signing-key"], i["signing-key-password"]))
                : signing.keylessSigner({ githubToken: i["github-token"] ?? (0,context/* runContext */.pO)().token });
        // Fail closed: a missing or misspelt secret must not turn into an unsigned public release.
        if (i.publish !== "none" && !signer)
            throw (0,errors/* inputError */.Xu)("signing-key", "", `a signing key (or keyless: true) when publish is ${i.publish}: goship does not publish unsigned releases`);
        const publishing = i.publish === "none" ? undefined : await __webpack_require__.e(/* import() */ 462).then(__webpack_require__.bind(__webpack_require__, 66462));
        const publishTo = publishing?.releaseTarget(i, process.env);
        const outputDir = (0,external_node_path_.resolve)(i["output-dir"]);
        const localDir = i["artifacts-dir"] ?? ((0,log/* isLocalMode */.Jn)() ? "dist/bin" : undefined);
        // The release replaces output-dir whole: never the work tree, the inputs, or anyone's files.
        await checkOutputDir(i["output-dir"], outputDir, {
            workTree: process.cwd(),
            inputs: [
                localDir
                    ? { input: "artifacts-dir", path: (0,external_node_path_.resolve)(localDir) }
                    : { input: "artifacts (downloaded into RUNNER_TEMP)", path: process.env.RUNNER_TEMP },
            ],
        });
        // Each group holds what it did: the lines go inside, not after it closed.
        const set = await (0,log/* group */.Os)("Collect the build-static output", async () => {
            const binaries = await (async () => {
                if (localDir)
                    return collectBinaries((0,external_node_path_.resolve)(localDir), "artifacts-dir");
                const into = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP, "goship-artifacts-"));
                const pattern = i.artifacts ?? (i["project-name"] ? `${i["project-name"]}-*` : "*");
                await downloadRunArtifacts(pattern, into);
                return collectBinaries(into, "artifacts", pattern);
            })();
            const merged = mergeFragments(binaries);
            for (const b of merged.binaries)
                (0,log/* info */.pq)(`${b.source}: ${b.fragment.binary.name} ${(0,log/* bytes */.ee)(b.fragment.binary.size)}`);
            return merged;
        });
        if (i.version && i.version !== set.version)
            throw (0,errors/* inputError */.Xu)("version", i.version, `the binaries' own version, ${set.version} (one version ID per release)`);
        if (i["project-name"])
            set.project = i["project-name"];
        const extraFiles = await matchFiles(process.cwd(), i.files);
        // A release inside the work tree must not make it dirty: the next build-static would refuse it.
        const excluded = await (0,gitinfo/* excludeOwnOutput */.W3)(process.cwd(), outputDir, "package-release");
        if (excluded)
            (0,log/* notice */.lm)(excluded);
        const release = await (0,log/* group */.Os)(`Package ${set.project} ${set.version}`, () => writeRelease({
            set,
            outputDir,
            extraFiles,
            archiveFormat: i["archive-format"],
            sbom: i.sbom,
            provenance: i.provenance,
            signer,
            toolVersion: version/* GOSHIP_VERSION */.K,
        }));
        // What we wrote must pass what a user runs: check it the same way `goship verify` does.
        if (signer?.publicKeyPem) {
            const publicKeyPem = signer.publicKeyPem;
            await (0,log/* group */.Os)("Verify the release directory", async () => {
                const { verifyRelease } = await Promise.all(/* import() */[__webpack_require__.e(431), __webpack_require__.e(860), __webpack_require__.e(850), __webpack_require__.e(225)]).then(__webpack_require__.bind(__webpack_require__, 80368));
                const { checks } = await verifyRelease(outputDir, publicKeyPem, {
                    input: "signing-key",
                    value: "***",
                });
                for (const c of checks)
                    (0,log/* info */.pq)(`✓ ${c}`);
            });
        }
        const published = publishTo && publishing
            ? await (0,log/* group */.Os)(`Publish to ${publishTo.owner}/${publishTo.repo} ${publishTo.tag}`, () => publishing.publishRelease(publishTo, i, release))
            : undefined;
        (0,action.setOutputs)(packageRelease, {
            manifest: (0,external_node_path_.join)(outputDir, contract_manifest.MANIFEST_FILE),
            checksums: (0,external_node_path_.join)(outputDir, contract_manifest.CHECKSUMS_FILE),
            assets: JSON.stringify(release.assets),
            "public-key-hint": signer?.hint ?? "",
            "release-url": published?.url ?? "",
            "release-id": published?.releaseId ?? "",
        });
        await releaseSummary({
            release,
            ...(signer ? { signer: { kind: signer.kind, ...(signer.hint ? { hint: signer.hint } : {}) } } : {}),
            ...(signer?.kind === "key" && signer.publicKeyPem
                ? { committedKey: await committedPublicKey(signer.publicKeyPem, set.commit) }
                : {}),
            ...(published ? { published } : {}),
        }).write();
    },
});


/***/ }),

/***/ 19556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H5: () => (/* binding */ ownerAndRepo),
/* harmony export */   Vp: () => (/* binding */ runUrl),
/* harmony export */   pO: () => (/* binding */ runContext),
/* harmony export */   y0: () => (/* binding */ apiUrl)
/* harmony export */ });
/* unused harmony exports DEFAULT_API_URL, DEFAULT_SERVER_URL */
/**
 * What a workflow run says about itself, from the variables every runner sets (and that
 * local mode may set by hand): the repository, the run, the commit, the API, the token.
 * Read here and nowhere else, so that every action means the same by "this run".
 */
const VARIABLES = {
    serverUrl: "GITHUB_SERVER_URL",
    apiUrl: "GITHUB_API_URL",
    repository: "GITHUB_REPOSITORY",
    runId: "GITHUB_RUN_ID",
    runAttempt: "GITHUB_RUN_ATTEMPT",
    workflowRef: "GITHUB_WORKFLOW_REF",
    job: "GITHUB_JOB",
    actor: "GITHUB_ACTOR",
    ref: "GITHUB_REF",
    sha: "GITHUB_SHA",
    runnerEnvironment: "RUNNER_ENVIRONMENT",
    token: "GITHUB_TOKEN",
};
/** The REST API root when GITHUB_API_URL is not set: github.com's. */
const DEFAULT_API_URL = "https://api.github.com";
/** The server when GITHUB_SERVER_URL is not set. */
const DEFAULT_SERVER_URL = "https://github.com";
/** The run's variables; unset and empty ones are left out. */
function runContext(env = process.env) {
    const run = {};
    for (const [field, name] of Object.entries(VARIABLES)) {
        const value = env[name];
        if (value)
            run[field] = value;
    }
    return run;
}
/** GITHUB_REPOSITORY split into owner and name; undefined unless it is exactly owner/name. */
function ownerAndRepo(run) {
    const [owner, repo, ...rest] = (run.repository ?? "").split("/");
    return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}
/** The REST API root without a trailing slash. */
function apiUrl(run) {
    return (run.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
}
/** The run's page (every attempt's), e.g. https://github.com/o/r/actions/runs/42; undefined outside a run. */
function runUrl(run) {
    if (!run.repository || !run.runId)
        return undefined;
    return `${(run.serverUrl ?? DEFAULT_SERVER_URL).replace(/\/+$/, "")}/${run.repository}/actions/runs/${run.runId}`;
}


/***/ })

};
