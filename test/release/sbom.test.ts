/**
 * SBOMs for real binaries: examples/gin-app (many proxy modules) and the textdeps fixture
 * (a directory replacement), checked against the official CycloneDX 1.6 and SPDX 2.3 JSON
 * schemas, against `go version -m`, and against go.sum's own hash (recomputed from the
 * module's files), plus purl and replacement cases no real build here produces.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsPlugin from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GoBuildInfo, readBuildInfo } from "../../src/build/buildinfo.js";
import { stableJson } from "../../src/contract/manifest.js";
import { execFile } from "../../src/kit/exec.js";
import { sha256File } from "../../src/kit/hash.js";
import {
  cyclonedxSbom,
  golangPurl,
  h1ToSha256,
  type SbomMeta,
  sbomPackages,
  spdxSbom,
  stdlibPackage,
} from "../../src/release/sbom.js";
import { FIXTURES, GIN_APP_TAGS, ginAppDir, goBuild } from "../support/gobuild.js";

/** ajv-formats is CommonJS; under NodeNext its default import is the module object. */
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

const CDX_SCHEMAS = join(
  import.meta.dirname,
  "..",
  "..",
  "node_modules",
  "@cyclonedx",
  "cyclonedx-library",
  "res",
  "schema",
);
/** A maintained Go module that ships the official SPDX 2.3 JSON schema; the go command verifies its checksum. */
const SYFT = "github.com/anchore/syft@v1.57.0";
const SPDX_SCHEMA_IN_SYFT = "schema/spdx-json/spdx-schema-2.3.json";

const TARGET = { goos: "linux", goarch: "amd64" };
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z

interface Built {
  bin: string;
  info: GoBuildInfo;
  meta: SbomMeta;
  goVersionM: string;
}

let tmp: string;
let gin: Built | undefined;
let ginSkipped: string | undefined;
let textdeps: Built;
let validateCdx: ValidateFunction;
let validateSpdx: ValidateFunction;

function metaFor(project: string, bin: string, sha256: string): SbomMeta {
  return {
    project,
    version: "v1.4.0",
    commit: COMMIT,
    sourceDateEpoch: EPOCH,
    target: TARGET,
    binary: { name: bin.split("/").pop() as string, sha256 },
    toolVersion: "0.1.0",
  };
}

async function build(project: string, dir: string, flags: string[]): Promise<Built> {
  const bin = await goBuild({ dir, out: join(tmp, project), target: TARGET, flags });
  const info = await readBuildInfo(bin);
  const { sha256 } = await sha256File(bin);
  const goVersionM = (await execFile("go", ["version", "-m", bin])).stdout;
  return { bin, info, meta: metaFor(project, bin, sha256), goVersionM };
}

async function cdxValidator(): Promise<ValidateFunction> {
  const load = async (f: string) => JSON.parse(await readFile(join(CDX_SCHEMAS, f), "utf8"));
  // strict: false because the schema uses annotation keywords ajv does not know ("meta:enum").
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Formats the schema names that ajv-formats lacks; none of them may simply pass everything.
  ajv.addFormat("iri-reference", (s: string) => URL.canParse(s, "http://base.invalid/") && !/\s/.test(s));
  ajv.addFormat("idn-email", /^[^\s@]+@[^\s@]+$/u);
  // bom-1.6 refers to these by their SNAPSHOT names, which differ from their own $ids.
  ajv.addSchema(
    await load("spdx.SNAPSHOT.schema.json"),
    "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json",
  );
  ajv.addSchema(
    await load("jsf-0.82.SNAPSHOT.schema.json"),
    "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json",
  );
  return ajv.compile(await load("bom-1.6.SNAPSHOT.schema.json"));
}

async function spdxValidator(): Promise<ValidateFunction> {
  const { stdout } = await execFile("go", ["mod", "download", "-json", SYFT], { cwd: tmp });
  const dir = (JSON.parse(stdout) as { Dir: string }).Dir;
  const schema = JSON.parse(await readFile(join(dir, SPDX_SCHEMA_IN_SYFT), "utf8"));
  expect(schema.$id).toBe("http://spdx.org/rdf/terms/2.3");
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

function expectValid(validate: ValidateFunction, doc: unknown): void {
  const ok = validate(doc);
  expect(validate.errors ?? [], "schema errors").toEqual([]);
  expect(ok).toBe(true);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "goship-sbom-"));
  [validateCdx, validateSpdx] = await Promise.all([cdxValidator(), spdxValidator()]);
  textdeps = await build("textdeps", join(FIXTURES, "textdeps"), ["-trimpath"]);
  const ginDir = ginAppDir();
  if (!ginDir) ginSkipped = "examples/gin-app does not exist";
  else gin = await build("gin-app", ginDir, ["-trimpath", `-tags=${GIN_APP_TAGS}`]);
}, 600_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- oracles

interface GoVersionMDep {
  path: string;
  version: string;
  sum?: string;
  replace?: { path: string; version: string; sum?: string };
}

/** The dep and => lines of `go version -m`, parsed here rather than with readBuildInfo. */
function goVersionMDeps(out: string): GoVersionMDep[] {
  const deps: GoVersionMDep[] = [];
  for (const line of out.split("\n")) {
    const [, word, path, version, sum] = line.split("\t");
    if (word === "dep")
      deps.push({ path: path as string, version: version as string, ...(sum ? { sum } : {}) });
    if (word === "=>") {
      const last = deps.at(-1) as GoVersionMDep;
      last.replace = { path: path as string, version: version as string, ...(sum ? { sum } : {}) };
    }
  }
  return deps;
}

/** base64 → hex by coreutils, independent of the code under test. */
async function h1HexByShell(sum: string): Promise<string> {
  const { stdout } = await execFile("sh", [
    "-c",
    'printf %s "$1" | base64 -d | od -An -v -tx1',
    "sh",
    sum.slice(3),
  ]);
  return stdout.replaceAll(/\s/g, "");
}

/**
 * What go.sum's h1 hash is a SHA-256 of: the dirhash summary, one "<sha256>  <module>@<version>/<file>"
 * line per file of the module, sorted. Recomputed from the module cache copy.
 */
async function dirhashSha256(module: string, version: string): Promise<string> {
  const { stdout } = await execFile("go", ["mod", "download", "-json", `${module}@${version}`], { cwd: tmp });
  const dir = (JSON.parse(stdout) as { Dir: string }).Dir;
  const files: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else files.push(join(d, e.name));
    }
  };
  await walk(dir);
  const lines = await Promise.all(
    files.map(async (f) => {
      const name = `${module}@${version}/${relative(dir, f).split(sep).join("/")}`;
      return { name, line: `${(await sha256File(f)).sha256}  ${name}\n` };
    }),
  );
  lines.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return createHash("sha256")
    .update(lines.map((l) => l.line).join(""))
    .digest("hex");
}

function propertyValues(c: { properties?: Array<{ name: string; value: string }> }, name: string): string[] {
  return (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
}

// ---------------------------------------------------------------- examples/gin-app

describe("examples/gin-app, linux/amd64, -tags netgo,osusergo,nomsgpack", () => {
  const needGin = (ctx: { skip: (why: string) => void }): Built => {
    if (!gin) ctx.skip(ginSkipped ?? "not built");
    return gin as Built;
  };

  it("CycloneDX 1.6 document is valid against the official schema", (ctx) => {
    const g = needGin(ctx);
    expectValid(validateCdx, cyclonedxSbom(g.info, g.meta));
  });

  it("SPDX 2.3 document is valid against the official schema", (ctx) => {
    const g = needGin(ctx);
    expectValid(validateSpdx, spdxSbom(g.info, g.meta));
  });

  it("components are exactly go version -m's dep lines, with h1 as SHA-256, and the standard library", async (ctx) => {
    const g = needGin(ctx);
    const deps = goVersionMDeps(g.goVersionM);
    expect(deps.length).toBeGreaterThan(15);
    expect(deps.some((d) => d.replace)).toBe(false);
    const bom = cyclonedxSbom(g.info, g.meta);
    const expected = deps.map((d) => ({
      type: "library",
      "bom-ref": `pkg:golang/${d.path}@${d.version}`,
      name: d.path,
      version: d.version,
      scope: "required",
      hashes: [
        { alg: "SHA-256", content: Buffer.from((d.sum as string).slice(3), "base64").toString("hex") },
      ],
      purl: `pkg:golang/${d.path}@${d.version}`,
    }));
    // go version -m's first line: "<binary>: go1.N.M"; the standard library at that version.
    const toolchain = (/^\S+: (go\S+)/m.exec(g.goVersionM)?.[1] as string) ?? "";
    expect(toolchain).toMatch(/^go1\.\d+/);
    const std = toolchain.slice(2);
    const withStd = [
      ...expected,
      {
        type: "library",
        "bom-ref": `pkg:golang/stdlib@${std}`,
        name: "stdlib",
        version: std,
        scope: "required",
        purl: `pkg:golang/stdlib@${std}`,
        properties: [{ name: "goship:gomod:stdlib:toolchain", value: toolchain }],
      },
    ].sort((a, b) => (a.purl < b.purl ? -1 : 1));
    expect(bom.components).toEqual(withStd);
    // Two entries decoded by coreutils instead of Buffer.
    for (const path of ["github.com/gin-gonic/gin", "golang.org/x/text"]) {
      const dep = deps.find((d) => d.path === path) as GoVersionMDep;
      const component = bom.components.find((c) => c.name === path);
      expect(component?.hashes?.[0]?.content).toBe(await h1HexByShell(dep.sum as string));
    }
  });

  it("a module's SHA-256 is the hash go.sum's h1 stands for, recomputed from its files", async (ctx) => {
    const g = needGin(ctx);
    const bom = cyclonedxSbom(g.info, g.meta);
    for (const path of ["github.com/beorn7/perks", "github.com/leodido/go-urn"]) {
      const c = bom.components.find((x) => x.name === path);
      if (!c) throw new Error(`${path} is not a component`);
      expect(c.hashes?.[0]?.content, path).toBe(await dirhashSha256(path, c.version));
    }
  });

  it("the main module is the application: release version, the binary's hash, target and toolchain", (ctx) => {
    const g = needGin(ctx);
    const bom = cyclonedxSbom(g.info, g.meta);
    const main = bom.metadata.component;
    expect(main).toMatchObject({
      type: "application",
      "bom-ref": "pkg:golang/example.com/gin-app@v1.4.0",
      name: "example.com/gin-app",
      version: "v1.4.0",
      hashes: [{ alg: "SHA-256", content: g.meta.binary.sha256 }],
      purl: "pkg:golang/example.com/gin-app@v1.4.0",
    });
    expect(g.info.main.version).toBe("(devel)");
    expect(propertyValues(main, "cdx:gomod:build:env:GOOS")).toEqual(["linux"]);
    expect(propertyValues(main, "cdx:gomod:build:env:GOARCH")).toEqual(["amd64"]);
    expect(propertyValues(main, "cdx:gomod:build:env:CGO_ENABLED")).toEqual(["0"]);
    expect(propertyValues(main, "cdx:gomod:build:env:GOVERSION")).toEqual([g.info.goVersion]);
    expect(propertyValues(main, "cdx:gomod:build:tag")).toEqual(["netgo", "osusergo", "nomsgpack"]);
    expect(propertyValues(main, "goship:go:build:-trimpath")).toEqual(["true"]);
    expect(propertyValues(main, "goship:go:build:GOAMD64")).toEqual(["v1"]);
    expect(propertyValues(main, "goship:binary:name")).toEqual(["gin-app"]);
    expect(propertyValues(main, "goship:source:commit")).toEqual([COMMIT]);
    expect(propertyValues(main, "goship:target:variant")).toEqual([]);
    expect(bom.metadata.timestamp).toBe("2026-01-01T00:00:00Z");
    expect(bom.metadata.tools.components).toEqual([
      { type: "application", name: "goship", version: "0.1.0" },
    ]);
    expect(bom.dependencies).toEqual([
      { ref: main["bom-ref"], dependsOn: bom.components.map((c) => c["bom-ref"]) },
    ]);
  });

  it("SPDX packages, relationships and annotations say what the CycloneDX BOM says", (ctx) => {
    const g = needGin(ctx);
    const bom = cyclonedxSbom(g.info, g.meta);
    const doc = spdxSbom(g.info, g.meta);
    expect(doc.name).toBe("gin-app-v1.4.0-linux-amd64-gin-app");
    expect(doc.documentNamespace).toMatch(
      /^https:\/\/\S+\/gin-app-v1\.4\.0-linux-amd64-gin-app-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(doc.creationInfo).toEqual({ created: "2026-01-01T00:00:00Z", creators: ["Tool: goship-0.1.0"] });
    const ids = doc.packages.map((p) => p.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    const cdx = [bom.metadata.component, ...bom.components];
    expect(doc.packages.map((p) => p.externalRefs)).toEqual(
      cdx.map((c) => [
        { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: c.purl },
      ]),
    );
    expect(doc.packages.map((p) => p.checksums)).toEqual(
      cdx.map((c) => c.hashes?.map((h) => ({ algorithm: "SHA256", checksumValue: h.content }))),
    );
    expect(doc.packages.map((p) => [p.name, p.versionInfo])).toEqual(cdx.map((c) => [c.name, c.version]));
    for (const p of doc.packages) {
      expect(p).toMatchObject({
        downloadLocation: "NOASSERTION",
        filesAnalyzed: false,
        licenseConcluded: "NOASSERTION",
        licenseDeclared: "NOASSERTION",
      });
    }
    const [main, ...deps] = doc.packages;
    expect(main?.primaryPackagePurpose).toBe("APPLICATION");
    expect(main?.packageFileName).toBe("gin-app");
    expect(main?.annotations?.map((a) => a.comment)).toEqual(
      bom.metadata.component.properties?.map((p) => `${p.name}=${p.value}`),
    );
    expect(doc.relationships).toEqual([
      { spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: main?.SPDXID },
      ...deps.map((d) => ({
        spdxElementId: main?.SPDXID,
        relationshipType: "DEPENDS_ON",
        relatedSpdxElement: d.SPDXID,
      })),
    ]);
  });

  it("two runs give identical bytes; identifiers follow the content", async (ctx) => {
    const g = needGin(ctx);
    const again = await readBuildInfo(g.bin);
    expect(stableJson(cyclonedxSbom(again, { ...g.meta }))).toBe(stableJson(cyclonedxSbom(g.info, g.meta)));
    expect(stableJson(spdxSbom(again, { ...g.meta }))).toBe(stableJson(spdxSbom(g.info, g.meta)));
    const other = { ...g.meta, version: "v1.4.1" };
    expect(cyclonedxSbom(g.info, other).serialNumber).not.toBe(cyclonedxSbom(g.info, g.meta).serialNumber);
    expect(spdxSbom(g.info, other).documentNamespace).not.toBe(spdxSbom(g.info, g.meta).documentNamespace);
    // The same content in the two formats still gets two identifiers.
    expect(spdxSbom(g.info, g.meta).documentNamespace).not.toContain(
      cyclonedxSbom(g.info, g.meta).serialNumber.slice("urn:uuid:".length),
    );
  });
});

// ---------------------------------------------------------------- the validators are live

describe("the schema validators reject broken documents", () => {
  const info: GoBuildInfo = {
    goVersion: "go1.26.8",
    path: "example.com/app",
    main: { path: "example.com/app", version: "(devel)" },
    deps: [
      {
        path: "golang.org/x/text",
        version: "v0.40.0",
        sum: "h1:Ub2Z6/xjgF1WrYQz2nuITOEegKFtiIy+rieRJ5lHZKs=",
      },
    ],
    settings: [],
  };
  const meta = metaFor("app", "/x/app", "a".repeat(64));

  /** Each error as "<instance path> <keyword>", so a test shows it failed for the reason it broke. */
  const errorsOf = (validate: ValidateFunction, doc: unknown): string[] => {
    expect(validate(doc)).toBe(false);
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
  };
  const clone = (doc: unknown) => structuredClone(doc) as Record<string, Array<Record<string, unknown>>>;

  it("CycloneDX: a component without a name, a short hash, a random serial, a local time", () => {
    expectValid(validateCdx, cyclonedxSbom(info, meta));
    const noName = clone(cyclonedxSbom(info, meta));
    delete noName.components?.[0]?.name;
    expect(errorsOf(validateCdx, noName)).toContain("/components/0 required");
    const shortHash = cyclonedxSbom(info, meta);
    (shortHash.components[0]?.hashes?.[0] as { content: string }).content = "abc";
    expect(errorsOf(validateCdx, shortHash)).toContain("/components/0/hashes/0/content pattern");
    expect(errorsOf(validateCdx, { ...cyclonedxSbom(info, meta), serialNumber: "not-a-uuid" })).toEqual([
      "/serialNumber pattern",
    ]);
    const localTime = cyclonedxSbom(info, meta);
    localTime.metadata.timestamp = "2026-01-01 00:00";
    expect(errorsOf(validateCdx, localTime)).toEqual(["/metadata/timestamp format"]);
  });

  it("SPDX: a package without a name, an unknown relationship, no namespace", () => {
    expectValid(validateSpdx, spdxSbom(info, meta));
    const noName = clone(spdxSbom(info, meta));
    delete noName.packages?.[1]?.name;
    expect(errorsOf(validateSpdx, noName)).toEqual(["/packages/1 required"]);
    const badRel = spdxSbom(info, meta);
    (badRel.relationships[1] as { relationshipType: string }).relationshipType = "IMPORTS";
    expect(errorsOf(validateSpdx, badRel)).toEqual(["/relationships/1/relationshipType enum"]);
    const { documentNamespace: _, ...noNamespace } = spdxSbom(info, meta);
    expect(errorsOf(validateSpdx, noNamespace)).toEqual([" required"]);
  });
});

// ---------------------------------------------------------------- replacements and purls

describe("replacements", () => {
  it("textdeps: a directory replacement, as go version -m shows it", () => {
    const deps = goVersionMDeps(textdeps.goVersionM);
    expect(deps).toEqual([
      {
        path: "example.com/greeting",
        version: "v0.0.0",
        replace: { path: "./greeting", version: "(devel)" },
      },
      expect.objectContaining({ path: "golang.org/x/text", version: "v0.40.0" }),
    ]);
    const bom = cyclonedxSbom(textdeps.info, textdeps.meta);
    expectValid(validateCdx, bom);
    expectValid(validateSpdx, spdxSbom(textdeps.info, textdeps.meta));
    expect(bom.components.filter((c) => c.name === "stdlib")).toHaveLength(1);
    expect(bom.components.filter((c) => c.name !== "stdlib")).toEqual([
      {
        type: "library",
        "bom-ref": "pkg:golang/example.com/greeting",
        name: "example.com/greeting",
        version: "(devel)",
        scope: "required",
        purl: "pkg:golang/example.com/greeting",
        properties: [
          { name: "goship:gomod:replaces:path", value: "example.com/greeting" },
          { name: "goship:gomod:replaces:version", value: "v0.0.0" },
          { name: "goship:gomod:replacement:dir", value: "./greeting" },
        ],
      },
      {
        type: "library",
        "bom-ref": "pkg:golang/golang.org/x/text@v0.40.0",
        name: "golang.org/x/text",
        version: "v0.40.0",
        scope: "required",
        hashes: [{ alg: "SHA-256", content: h1ToSha256(deps[1]?.sum as string) }],
        purl: "pkg:golang/golang.org/x/text@v0.40.0",
      },
    ]);
  });

  it("a module replacement: the replacement is the component, the requirement a property", () => {
    const sum = "h1:VlbKKnNfV8bJzeqoa4cOKqO6bYr3WgKZxO8Z16+hsOM=";
    const info: GoBuildInfo = {
      goVersion: "go1.26.8",
      path: "example.com/app/cmd/app",
      main: { path: "example.com/app", version: "(devel)" },
      deps: [
        {
          path: "github.com/upstream/lib",
          version: "v1.2.0",
          sum: "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
          replace: { path: "github.com/Fork/lib", version: "v1.2.1-0.20240102030405-abcdefabcdef", sum },
        },
      ],
      settings: [
        { key: "GOOS", value: "linux" },
        { key: "GOARCH", value: "arm" },
        { key: "GOARM", value: "7" },
      ],
    };
    const meta = {
      ...metaFor("app", "/x/app", "b".repeat(64)),
      target: { goos: "linux", goarch: "arm", variant: "7" },
    };
    const { main, deps } = sbomPackages(info, meta);
    expect(deps.find((d) => d.name === "stdlib")?.purl).toBe("pkg:golang/stdlib@1.26.8");
    expect(deps.filter((d) => d.name !== "stdlib")).toEqual([
      {
        ref: "pkg:golang/github.com/Fork/lib@v1.2.1-0.20240102030405-abcdefabcdef",
        name: "github.com/Fork/lib",
        version: "v1.2.1-0.20240102030405-abcdefabcdef",
        purl: "pkg:golang/github.com/Fork/lib@v1.2.1-0.20240102030405-abcdefabcdef",
        sha256: Buffer.from(sum.slice(3), "base64").toString("hex"),
        properties: [
          { name: "goship:gomod:replaces:path", value: "github.com/upstream/lib" },
          { name: "goship:gomod:replaces:version", value: "v1.2.0" },
        ],
      },
    ]);
    expect(propertyValues(main, "goship:target:variant")).toEqual(["7"]);
    expect(propertyValues(main, "goship:go:path")).toEqual(["example.com/app/cmd/app"]);
    expect(propertyValues(main, "cdx:gomod:build:env:CGO_ENABLED")).toEqual([]);
    expectValid(validateCdx, cyclonedxSbom(info, meta));
    expectValid(validateSpdx, spdxSbom(info, meta));
    expect(spdxSbom(info, meta).name).toBe("app-v1.4.0-linux-arm-7-app");
  });

  it("a target that contradicts the binary's build settings is refused", () => {
    const info: GoBuildInfo = {
      goVersion: "go1.26.8",
      path: "example.com/app",
      main: { path: "example.com/app", version: "(devel)" },
      deps: [],
      settings: [{ key: "GOOS", value: "windows" }],
    };
    expect(() => cyclonedxSbom(info, metaFor("app", "/x/app", "c".repeat(64)))).toThrow(
      /built with GOOS=windows, but its target says linux/,
    );
    expect(() => spdxSbom(info, metaFor("app", "/x/app", "NOT-HEX"))).toThrow(/not lowercase hex/);
  });
});

describe("golangPurl and h1ToSha256", () => {
  it("percent-encodes the version ('+incompatible') and keeps the module path's case", () => {
    expect(golangPurl("github.com/docker/docker", "v20.10.7+incompatible")).toBe(
      "pkg:golang/github.com/docker/docker@v20.10.7%2Bincompatible",
    );
    expect(golangPurl("github.com/BurntSushi/toml", "v1.3.2")).toBe(
      "pkg:golang/github.com/BurntSushi/toml@v1.3.2",
    );
    expect(golangPurl("gopkg.in/yaml.v3", "v3.0.1")).toBe("pkg:golang/gopkg.in/yaml.v3@v3.0.1");
    expect(golangPurl("example.com/a b/c~d", "v0.0.0-2024+meta")).toBe(
      "pkg:golang/example.com/a%20b/c~d@v0.0.0-2024%2Bmeta",
    );
    expect(golangPurl("example.com/greeting")).toBe("pkg:golang/example.com/greeting");
    expect(() => golangPurl("")).toThrow(/empty/);
  });

  it("names the standard library by the toolchain's release, and leaves out a development toolchain", () => {
    expect(stdlibPackage("go1.26.8")).toMatchObject({
      name: "stdlib",
      version: "1.26.8",
      purl: "pkg:golang/stdlib@1.26.8",
    });
    expect(stdlibPackage("go1.26rc1")?.purl).toBe("pkg:golang/stdlib@1.26rc1");
    expect(stdlibPackage("go1.25.4 X:boringcrypto")?.version).toBe("1.25.4");
    expect(stdlibPackage("devel go1.27-0123456789 Mon Jan 5 10:00:00 2026 +0000")).toBeUndefined();
  });

  it("turns h1 sums into hex and refuses anything else", () => {
    expect(h1ToSha256("h1:Ub2Z6/xjgF1WrYQz2nuITOEegKFtiIy+rieRJ5lHZKs=")).toMatch(/^[0-9a-f]{64}$/);
    expect(h1ToSha256("h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")).toBe("0".repeat(64));
    expect(h1ToSha256("h2:Ub2Z6/xjgF1WrYQz2nuITOEegKFtiIy+rieRJ5lHZKs=")).toBeUndefined();
    expect(h1ToSha256("h1:short=")).toBeUndefined();
  });
});
