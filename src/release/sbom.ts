/**
 * Software bills of materials for one Go binary, made from the build information the Go
 * linker embedded in it (readBuildInfo), not from go.mod: the modules listed there are the
 * ones whose code was linked into this binary for this target, with their go.sum hashes.
 * Two formats, CycloneDX 1.6 and SPDX 2.3 (JSON), from one shared model. Both are
 * deterministic: no clock (times are the commit time), no random identifiers (they are
 * derived from the content), components sorted, keys in a fixed order.
 */
import { createHash } from "node:crypto";
import { buildSetting, type GoBuildInfo, type GoModule } from "../build/buildinfo.js";
import { UserError } from "../kit/errors.js";
import { GOSHIP_HOME } from "../kit/version.js";

/**
 * Where SPDX document namespaces live. The URI only has to be unique, not to resolve; the
 * per-document part is a UUID derived from the content.
 */
export const SPDX_NAMESPACE_BASE = `${GOSHIP_HOME}/spdx`;

export const CYCLONEDX_SUFFIX = ".cdx.json";
export const SPDX_SUFFIX = ".spdx.json";

/** What the SBOMs say about the release and the binary besides its build info (the fragment's fields). */
export interface SbomMeta {
  project: string;
  /** The release version; the main module's version in the SBOM (the binary itself says "(devel)"). */
  version: string;
  commit: string;
  /** The commit time, Unix seconds: the documents' creation time. */
  sourceDateEpoch: number;
  target: { goos: string; goarch: string; variant?: string };
  binary: { name: string; sha256: string };
  /** goship's own version, named as the generating tool. */
  toolVersion: string;
}

export interface SbomProperty {
  name: string;
  value: string;
}

/** One package of either format: the main module (the binary) or a linked dependency module. */
export interface SbomPackage {
  /** The purl; unique within a document, so it is also the CycloneDX bom-ref. */
  ref: string;
  name: string;
  version: string;
  purl: string;
  sha256?: string;
  properties: SbomProperty[];
}

// ---------------------------------------------------------------- shared model

/**
 * A Go module's purl. Case is kept although the golang purl type still says to lowercase:
 * Go module paths are case-sensitive (github.com/BurntSushi/toml), and the tools that
 * consume these (syft, osv.dev, deps.dev) match on the module path as written. Each path
 * segment and the version are percent-encoded, so "+incompatible" becomes "%2Bincompatible".
 */
export function golangPurl(modulePath: string, version?: string): string {
  const segments = modulePath.split("/").filter((s) => s !== "");
  if (segments.length === 0) throw new UserError(`empty Go module path`);
  const tail = version ? `@${purlEncode(version)}` : "";
  return `pkg:golang/${segments.map(purlEncode).join("/")}${tail}`;
}

/** Percent-encodes all but the characters a canonical purl leaves as they are (A-Z a-z 0-9 . - _ ~ and ':'). */
function purlEncode(s: string): string {
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
export function h1ToSha256(sum: string): string | undefined {
  const m = /^h1:([A-Za-z0-9+/]{43}=)$/.exec(sum);
  return m ? Buffer.from(m[1] as string, "base64").toString("hex") : undefined;
}

/** How go.mod tells a directory replacement from a module one (modfile.IsDirectoryPath). */
function isDirectoryPath(p: string): boolean {
  return /^(\.\.?([\\/]|$)|[\\/]|[A-Za-z]:[\\/])/.test(p);
}

/**
 * The main module and the dependency modules of one binary, as both formats present them.
 * A replaced dependency is the replacement (that is the code in the binary), with the
 * requirement it stands in for in `goship:gomod:replaces:*` properties; a directory
 * replacement keeps the original path as its name and has no version in its purl.
 */
export function sbomPackages(info: GoBuildInfo, meta: SbomMeta): { main: SbomPackage; deps: SbomPackage[] } {
  checkMeta(info, meta);
  const mainPath = info.main.path || info.path || meta.project;
  const mainPurl = golangPurl(mainPath, meta.version);
  const main: SbomPackage = {
    ref: mainPurl,
    name: mainPath,
    version: meta.version,
    purl: mainPurl,
    sha256: meta.binary.sha256,
    properties: mainProperties(info, meta),
  };
  const stdlib = stdlibPackage(info.goVersion);
  const deps = [...info.deps.map(dependencyPackage), ...(stdlib ? [stdlib] : [])].sort((a, b) =>
    compare(a.ref, b.ref),
  );
  for (let i = 1; i < deps.length; i++) {
    // cmd/go refuses to use one module for two paths, so this means the build info is corrupt.
    if (deps[i]?.ref === deps[i - 1]?.ref) throw new UserError(`module ${deps[i]?.ref} is listed twice`);
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
export function stdlibPackage(goVersion: string): SbomPackage | undefined {
  const m = /^go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:\s|$)/.exec(goVersion);
  if (!m) return undefined;
  const version = m[1] as string;
  const purl = golangPurl("stdlib", version);
  return {
    ref: purl,
    name: "stdlib",
    version,
    purl,
    properties: [{ name: "goship:gomod:stdlib:toolchain", value: goVersion }],
  };
}

function dependencyPackage(dep: GoModule): SbomPackage {
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
function mainProperties(info: GoBuildInfo, meta: SbomMeta): SbomProperty[] {
  const props: SbomProperty[] = [
    { name: "cdx:gomod:build:env:GOOS", value: meta.target.goos },
    { name: "cdx:gomod:build:env:GOARCH", value: meta.target.goarch },
  ];
  const cgo = buildSetting(info, "CGO_ENABLED");
  if (cgo !== undefined) props.push({ name: "cdx:gomod:build:env:CGO_ENABLED", value: cgo });
  props.push({ name: "cdx:gomod:build:env:GOVERSION", value: info.goVersion });
  for (const tag of (buildSetting(info, "-tags") ?? "").split(",")) {
    if (tag !== "") props.push({ name: "cdx:gomod:build:tag", value: tag });
  }
  if (meta.target.variant) props.push({ name: "goship:target:variant", value: meta.target.variant });
  props.push(
    { name: "goship:project", value: meta.project },
    { name: "goship:binary:name", value: meta.binary.name },
    { name: "goship:source:commit", value: meta.commit },
  );
  if (info.path) props.push({ name: "goship:go:path", value: info.path });
  for (const { key, value } of info.settings) {
    // A ':' would read as another namespace level.
    props.push({ name: `goship:go:build:${key.replaceAll("%", "%25").replaceAll(":", "%3A")}`, value });
  }
  return props;
}

function checkMeta(info: GoBuildInfo, meta: SbomMeta): void {
  if (!/^[0-9a-f]{64}$/.test(meta.binary.sha256)) {
    throw new UserError(
      `${meta.binary.name}: sha256 ${JSON.stringify(meta.binary.sha256)} is not lowercase hex`,
    );
  }
  if (!Number.isSafeInteger(meta.sourceDateEpoch) || meta.sourceDateEpoch < 0) {
    throw new UserError(`sourceDateEpoch ${meta.sourceDateEpoch} is not a Unix time in seconds`);
  }
  // The documents name the target twice (the caller's and the binary's); they must agree.
  for (const key of ["GOOS", "GOARCH"] as const) {
    const said = key === "GOOS" ? meta.target.goos : meta.target.goarch;
    const built = buildSetting(info, key);
    if (built !== undefined && built !== said) {
      throw new UserError(`${meta.binary.name}: built with ${key}=${built}, but its target says ${said}`);
    }
  }
}

/** RFC 3339 UTC without fractions: what SPDX requires and CycloneDX accepts. */
export function commitTime(sourceDateEpoch: number): string {
  return new Date(sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const URL_NAMESPACE = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");

/**
 * A name-based UUID (RFC 4122 version 5) for a document, from the SHA-256 of everything
 * else in it: the same content always gets the same identifier, and any change a new one.
 */
function contentUuid(kind: string, content: unknown): string {
  const digest = createHash("sha256").update(JSON.stringify(content)).digest("hex");
  const h = createHash("sha1").update(URL_NAMESPACE).update(`urn:goship:${kind}:sha256:${digest}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

// ---------------------------------------------------------------- CycloneDX 1.6

/** A CycloneDX 1.6 BOM (JSON) for one binary: the main module as metadata.component, each linked module as a library. */
export function cyclonedxSbom(info: GoBuildInfo, meta: SbomMeta) {
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

function cyclonedxComponent(p: SbomPackage, type: "application" | "library") {
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
export function spdxSbom(info: GoBuildInfo, meta: SbomMeta) {
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
export function spdxId(p: SbomPackage): string {
  const readable = `${p.name}-${p.version}`.replace(/[^A-Za-z0-9.-]+/g, "-");
  const tag = createHash("sha256").update(p.ref).digest("hex").slice(0, 8);
  return `SPDXRef-Package-${readable}-${tag}`;
}

function spdxPackage(
  p: SbomPackage,
  id: string,
  created: string,
  tool: string,
  extra: { packageFileName?: string; primaryPackagePurpose: string; comment?: string },
) {
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
