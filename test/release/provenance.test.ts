/**
 * SLSA v1 provenance for real binaries (the hello fixture for two targets): the statement's
 * shape, subjects, GitHub run mapping and determinism, the .intoto.jsonl format, and a
 * read-back by the in-toto attestation framework's own Go implementation (strict protojson
 * parsing plus its Validate methods), built once from the Go module proxy.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readBuildInfo } from "../../src/build/buildinfo.js";
import { UserError } from "../../src/kit/errors.js";
import { execFile } from "../../src/kit/exec.js";
import { sha256File } from "../../src/kit/hash.js";
import { type DsseEnvelopeT, IN_TOTO_PAYLOAD_TYPE } from "../../src/release/dsse.js";
import {
  checkSubjects,
  GOSHIP_BUILD_TYPE,
  InTotoStatement,
  intotoJsonlLine,
  invocationId,
  type ProvenanceInput,
  parseIntotoJsonl,
  provenanceStatement,
  SlsaProvenanceStatement,
  statementFromEnvelope,
  statementPayload,
  subjectMismatches,
  workflowRunFromEnv,
} from "../../src/release/provenance.js";
import { COMPILE_ENV, COMPILE_JOBS, FIXTURES, goBuild } from "../support/gobuild.js";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const ENV: NodeJS.ProcessEnv = {
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "acme/shop",
  GITHUB_RUN_ID: "9876543210",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_WORKFLOW_REF: "acme/shop/.github/workflows/release.yml@refs/tags/v1.4.0",
  GITHUB_REF: "refs/tags/v1.4.0",
  GITHUB_SHA: COMMIT,
  RUNNER_ENVIRONMENT: "github-hosted",
  GITHUB_TOKEN: "not-copied",
};
const BUILDER = "https://github.com/acme/shop/.github/workflows/release.yml@refs/tags/v1.4.0";

/** The in-toto attestation framework's Go bindings: the reference reader for Statement v1 and SLSA v1. */
const ATTESTATION = { module: "github.com/in-toto/attestation", version: "v1.1.2" };
const PROTOBUF = { module: "google.golang.org/protobuf", version: "v1.36.11" };

/**
 * Reads an .intoto.jsonl file: every line a DSSE envelope (unknown fields refused) with an
 * in-toto payload, which protojson parses strictly (unknown fields refused) and the
 * framework validates; prints each statement back as protojson, one per line.
 */
const CHECKER = `package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	provenance "github.com/in-toto/attestation/go/predicates/provenance/v1"
	intoto "github.com/in-toto/attestation/go/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

type envelope struct {
	Payload     string \`json:"payload"\`
	PayloadType string \`json:"payloadType"\`
	Signatures  []struct {
		KeyID string \`json:"keyid"\`
		Sig   string \`json:"sig"\`
	} \`json:"signatures"\`
}

func check(line string) (string, error) {
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	var env envelope
	if err := dec.Decode(&env); err != nil {
		return "", fmt.Errorf("envelope: %w", err)
	}
	if env.PayloadType != "application/vnd.in-toto+json" || len(env.Signatures) == 0 {
		return "", fmt.Errorf("envelope: payloadType %q, %d signatures", env.PayloadType, len(env.Signatures))
	}
	payload, err := base64.StdEncoding.DecodeString(env.Payload)
	if err != nil {
		return "", fmt.Errorf("payload: %w", err)
	}
	var st intoto.Statement
	if err := protojson.Unmarshal(payload, &st); err != nil {
		return "", fmt.Errorf("statement: %w", err)
	}
	if err := st.Validate(); err != nil {
		return "", fmt.Errorf("statement: %w", err)
	}
	if st.GetPredicateType() != "https://slsa.dev/provenance/v1" {
		return "", fmt.Errorf("predicateType %q", st.GetPredicateType())
	}
	raw, err := protojson.Marshal(st.GetPredicate())
	if err != nil {
		return "", err
	}
	var p provenance.Provenance
	if err := protojson.Unmarshal(raw, &p); err != nil {
		return "", fmt.Errorf("provenance: %w", err)
	}
	if err := p.Validate(); err != nil {
		return "", fmt.Errorf("provenance: %w", err)
	}
	out, err := protojson.Marshal(&st)
	return string(out), err
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	for i, line := range strings.Split(string(bytes.TrimRight(data, "\\n")), "\\n") {
		out, err := check(line)
		if err != nil {
			fmt.Fprintf(os.Stderr, "line %d: %v\\n", i+1, err)
			os.Exit(1)
		}
		fmt.Println(out)
	}
}
`;

interface Binary {
  name: string;
  sha256: string;
  target: { goos: string; goarch: string };
  settings: Array<{ key: string; value: string }>;
  goVersion: string;
}

let tmp: string;
let checker: string;
const binaries: Binary[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "goship-provenance-"));
  const dir = join(tmp, "intoto-check");
  await mkdir(dir);
  await writeFile(
    join(dir, "go.mod"),
    `module goship.test/intotocheck\n\ngo 1.22\n\nrequire (\n\t${ATTESTATION.module} ${ATTESTATION.version}\n\t${PROTOBUF.module} ${PROTOBUF.version}\n)\n`,
  );
  await writeFile(join(dir, "main.go"), CHECKER);
  checker = join(tmp, "intoto-check-bin");
  // -mod=mod writes go.sum from the checksum database; the module cache keeps later runs offline.
  const goEnv = { ...process.env, CGO_ENABLED: "0", ...COMPILE_ENV, GOFLAGS: "-mod=mod -buildvcs=false" };
  const building = execFile("go", ["build", COMPILE_JOBS, "-o", checker, "."], { cwd: dir, env: goEnv });
  for (const target of [
    { goos: "linux", goarch: "arm64" },
    { goos: "linux", goarch: "amd64" },
  ]) {
    const name = `hello_${target.goos}_${target.goarch}`;
    const bin = await goBuild({ dir: join(FIXTURES, "hello"), out: join(tmp, name), target });
    const info = await readBuildInfo(bin);
    binaries.push({
      name,
      sha256: (await sha256File(bin)).sha256,
      target,
      settings: info.settings,
      goVersion: info.goVersion,
    });
  }
  await building;
}, 600_000);

afterAll(async () => {
  vi.useRealTimers();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function input(overrides: Partial<ProvenanceInput> = {}): ProvenanceInput {
  return {
    subjects: binaries.map((b) => ({ name: b.name, sha256: b.sha256 })),
    source: { commit: COMMIT },
    builderId: BUILDER,
    builderVersion: "0.1.0",
    run: workflowRunFromEnv(ENV),
    build: {
      goVersion: binaries[0]?.goVersion as string,
      targets: binaries.map((b) => ({ ...b.target, settings: b.settings })),
    },
    sourceDateEpoch: 1_767_225_600,
    ...overrides,
  };
}

/** A DSSE envelope around the statement; the signature is a stand-in (signing.ts makes real ones). */
function envelopeOf(statement: Parameters<typeof statementPayload>[0]): DsseEnvelopeT {
  return {
    payload: statementPayload(statement).toString("base64"),
    payloadType: IN_TOTO_PAYLOAD_TYPE,
    signatures: [{ keyid: "", sig: Buffer.from("not a real signature").toString("base64") }],
  };
}

/** Runs the in-toto reference reader over an .intoto.jsonl file. */
async function intotoCheck(file: string) {
  return execFile(checker, [file], { allowFailure: true });
}

describe("GitHub run mapping", () => {
  it("reads GITHUB_* and RUNNER_ENVIRONMENT, and nothing else", () => {
    expect(workflowRunFromEnv(ENV)).toEqual({
      serverUrl: "https://github.com",
      repository: "acme/shop",
      runId: "9876543210",
      runAttempt: "2",
      workflowRef: "acme/shop/.github/workflows/release.yml@refs/tags/v1.4.0",
      ref: "refs/tags/v1.4.0",
      sha: COMMIT,
      runnerEnvironment: "github-hosted",
    });
    expect(workflowRunFromEnv({ GITHUB_RUN_ID: "", GITHUB_REPOSITORY: "acme/shop" })).toEqual({
      repository: "acme/shop",
    });
  });

  it("the invocation id is the run's URL, the same for every attempt (a re-run converges)", () => {
    expect(invocationId(workflowRunFromEnv(ENV))).toBe(
      "https://github.com/acme/shop/actions/runs/9876543210",
    );
    expect(invocationId({ ...workflowRunFromEnv(ENV), serverUrl: "https://ghe.example.com/" })).toBe(
      "https://ghe.example.com/acme/shop/actions/runs/9876543210",
    );
    expect(invocationId({ ...workflowRunFromEnv(ENV), runAttempt: "3" })).toBe(
      "https://github.com/acme/shop/actions/runs/9876543210",
    );
    expect(invocationId({ serverUrl: "https://github.com", repository: "acme/shop" })).toBeUndefined();
    expect(invocationId({})).toBeUndefined();
  });
});

describe("provenanceStatement", () => {
  it("is an in-toto Statement v1 with a SLSA v1 predicate, as the zod schemas read it", () => {
    const s = provenanceStatement(input());
    expect(SlsaProvenanceStatement.parse(s)).toEqual(s);
    expect(InTotoStatement.parse(s)).toEqual(s);
    expect(s._type).toBe("https://in-toto.io/Statement/v1");
    expect(s.predicateType).toBe("https://slsa.dev/provenance/v1");
    const { buildDefinition, runDetails } = s.predicate;
    expect(buildDefinition.buildType).toBe(GOSHIP_BUILD_TYPE);
    expect(buildDefinition.externalParameters).toEqual({
      source: { repository: "https://github.com/acme/shop", ref: "refs/tags/v1.4.0", commit: COMMIT },
      workflow: {
        repository: "https://github.com/acme/shop",
        path: ".github/workflows/release.yml",
        ref: "refs/tags/v1.4.0",
      },
      build: {
        goVersion: binaries[0]?.goVersion,
        targets: [
          { goos: "linux", goarch: "amd64", settings: binaries[1]?.settings },
          { goos: "linux", goarch: "arm64", settings: binaries[0]?.settings },
        ],
      },
    });
    expect(buildDefinition.internalParameters).toEqual({
      sourceDateEpoch: 1_767_225_600,
      github: { sha: COMMIT, runnerEnvironment: "github-hosted" },
    });
    expect(buildDefinition.resolvedDependencies).toEqual([
      { uri: "git+https://github.com/acme/shop@refs/tags/v1.4.0", digest: { gitCommit: COMMIT } },
    ]);
    expect(runDetails).toEqual({
      builder: { id: BUILDER, version: { goship: "0.1.0" } },
      metadata: { invocationId: "https://github.com/acme/shop/actions/runs/9876543210" },
    });
    // The flags that made each binary are in the statement as the binaries record them.
    const amd64 = (buildDefinition.externalParameters.build as { targets: Array<{ settings: unknown[] }> })
      .targets[0];
    expect(amd64?.settings).toContainEqual({ key: "-trimpath", value: "true" });
    expect(amd64?.settings).toContainEqual({ key: "GOARCH", value: "amd64" });
  });

  it("source arguments win over the run's; without a run there is no invocation id", () => {
    const s = provenanceStatement(
      input({
        run: {},
        source: { repository: "https://git.example.com/acme/shop", ref: "refs/heads/main", commit: COMMIT },
      }),
    );
    expect(s.predicate.buildDefinition.resolvedDependencies).toEqual([
      { uri: "git+https://git.example.com/acme/shop@refs/heads/main", digest: { gitCommit: COMMIT } },
    ]);
    expect(s.predicate.runDetails.metadata).toEqual({});
    expect(s.predicate.buildDefinition.internalParameters).toEqual({ sourceDateEpoch: 1_767_225_600 });
    const bare = provenanceStatement(input({ run: {}, builderVersion: undefined }));
    expect(bare.predicate.buildDefinition.resolvedDependencies).toEqual([{ digest: { gitCommit: COMMIT } }]);
    expect(bare.predicate.buildDefinition.externalParameters.source).toEqual({ commit: COMMIT });
    expect(bare.predicate.runDetails.builder).toEqual({ id: BUILDER });
    expect(SlsaProvenanceStatement.parse(bare)).toEqual(bare);
  });

  it("subjects are sorted by name and match the files", () => {
    const files = binaries.map((b) => ({ name: b.name, sha256: b.sha256 }));
    const s = provenanceStatement(input({ subjects: [...files].reverse() }));
    expect(s.subject).toEqual(
      [...files]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((f) => ({ name: f.name, digest: { sha256: f.sha256 } })),
    );
    expect(s.subject.map((x) => x.name)).toEqual(["hello_linux_amd64", "hello_linux_arm64"]);
    expect(subjectMismatches(s, files)).toEqual([]);
    expect(() => checkSubjects(s, [...files].reverse())).not.toThrow();

    const [arm64, amd64] = files as [(typeof files)[0], (typeof files)[0]];
    const problems = subjectMismatches(s, [
      { name: amd64.name, sha256: "f".repeat(64) },
      { name: "hello_windows_amd64.exe", sha256: amd64.sha256 },
    ]);
    expect(problems).toEqual([
      `hello_linux_amd64: the statement says sha256 ${amd64.sha256}, the file has ${"f".repeat(64)}`,
      "hello_windows_amd64.exe: not a subject of the statement",
      "hello_linux_arm64: a subject of the statement, but not expected",
    ]);
    expect(() => checkSubjects(s, [arm64])).toThrow(UserError);
    expect(() => checkSubjects(s, [arm64])).toThrow(
      /hello_linux_amd64: a subject of the statement, but not expected/,
    );
  });

  it("names the whole commit: an abbreviated one only when GITHUB_SHA completes it", () => {
    const short = COMMIT.slice(0, 12);
    const s = provenanceStatement(input({ source: { commit: short } }));
    expect(s.predicate.buildDefinition.resolvedDependencies?.[0]?.digest).toEqual({ gitCommit: COMMIT });
    expect(s.predicate.buildDefinition.externalParameters.source).toMatchObject({ commit: COMMIT });
    expect(() => provenanceStatement(input({ source: { commit: short }, run: {} }))).toThrow(
      /not a full lowercase hex Git commit id/,
    );
    expect(() => provenanceStatement(input({ source: { commit: "fedcba987654" } }))).toThrow(/not a full/);
    expect(() => provenanceStatement(input({ source: { commit: "abc123" } }))).toThrow(/not a full/);
    expect(() => provenanceStatement(input({ source: { commit: COMMIT.toUpperCase() } }))).toThrow(
      /not a full/,
    );
  });

  it("refuses subjects it cannot vouch for", () => {
    const sha = "a".repeat(64);
    expect(() => provenanceStatement(input({ subjects: [] }))).toThrow(/at least one subject/);
    expect(() =>
      provenanceStatement(input({ subjects: [{ name: "x", sha256: sha.toUpperCase() }] })),
    ).toThrow(/not lowercase hex/);
    expect(() =>
      provenanceStatement(
        input({
          subjects: [
            { name: "x", sha256: sha },
            { name: "x", sha256: "b".repeat(64) },
          ],
        }),
      ),
    ).toThrow(/listed twice/);
    const same = provenanceStatement(
      input({
        subjects: [
          { name: "x", sha256: sha },
          { name: "x", sha256: sha },
        ],
      }),
    );
    expect(same.subject).toEqual([{ name: "x", digest: { sha256: sha } }]);
    expect(() => provenanceStatement(input({ builderId: "" }))).toThrow(/builder id/);
  });

  it("is deterministic: no clock, and input order does not matter", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-05-05T05:05:05Z"));
    const first = statementPayload(provenanceStatement(input()));
    vi.setSystemTime(new Date("2031-06-06T06:06:06Z"));
    const reordered = input();
    reordered.subjects.reverse();
    reordered.build.targets.reverse();
    const second = statementPayload(provenanceStatement(reordered));
    vi.useRealTimers();
    expect(second.equals(first)).toBe(true);
    expect(first.toString()).not.toMatch(/203[01]-|startedOn|finishedOn|not-copied/);
  });

  it("the zod schemas refuse what is not a goship statement", () => {
    const s = provenanceStatement(input());
    expect(InTotoStatement.safeParse({ ...s, _type: "https://in-toto.io/Statement/v0.1" }).success).toBe(
      false,
    );
    expect(InTotoStatement.safeParse({ ...s, subject: [] }).success).toBe(false);
    expect(
      InTotoStatement.safeParse({ ...s, subject: [{ name: "x", digest: { sha256: "abc" } }] }).success,
    ).toBe(false);
    expect(
      SlsaProvenanceStatement.safeParse({ ...s, predicateType: "https://slsa.dev/provenance/v0.2" }).success,
    ).toBe(false);
    const noBuilder = structuredClone(s) as {
      predicate: { runDetails: { builder: Record<string, unknown> } };
    };
    delete noBuilder.predicate.runDetails.builder.id;
    expect(SlsaProvenanceStatement.safeParse(noBuilder).success).toBe(false);
    const noDep = structuredClone(s);
    noDep.predicate.buildDefinition.resolvedDependencies = [{ name: "nothing to find it by" }];
    expect(SlsaProvenanceStatement.safeParse(noDep).success).toBe(false);
  });
});

describe(".intoto.jsonl", () => {
  it("one envelope per line, compact, and read back to the same statement", async () => {
    const s = provenanceStatement(input());
    const line = intotoJsonlLine(envelopeOf(s));
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(Object.keys(JSON.parse(line))).toEqual(["payloadType", "payload", "signatures"]);

    const file = join(tmp, "two.intoto.jsonl");
    const other = provenanceStatement(input({ subjects: [{ name: "other", sha256: "c".repeat(64) }] }));
    await writeFile(file, intotoJsonlLine(envelopeOf(s)) + intotoJsonlLine(envelopeOf(other)));
    const text = await readFile(file, "utf8");
    expect(text.split("\n")).toHaveLength(3);
    const envelopes = parseIntotoJsonl(text, file);
    expect(envelopes.map(statementFromEnvelope)).toEqual([s, other]);
  });

  it("refuses envelopes that are not in-toto attestations, and names the bad line", () => {
    const env = envelopeOf(provenanceStatement(input()));
    expect(() => intotoJsonlLine({ ...env, payloadType: "text/plain" })).toThrow(
      /not an in-toto attestation/,
    );
    expect(() => intotoJsonlLine({ ...env, signatures: [] })).toThrow();
    expect(() => parseIntotoJsonl(`${JSON.stringify(env)}\n{"payload":1}\n`, "x.intoto.jsonl")).toThrow(
      /x\.intoto\.jsonl:2: not a DSSE envelope/,
    );
    expect(() => parseIntotoJsonl("nope\n", "x.intoto.jsonl")).toThrow(/x\.intoto\.jsonl:1: not JSON/);
    const notJson = { ...env, payload: Buffer.from("{").toString("base64") };
    expect(() => statementFromEnvelope(notJson)).toThrow(/payload is not JSON/);
  });

  it("the in-toto attestation framework's Go implementation reads every field back", async () => {
    const statements = [provenanceStatement(input()), provenanceStatement(input({ run: {} }))];
    const file = join(tmp, "check.intoto.jsonl");
    await writeFile(file, statements.map((s) => intotoJsonlLine(envelopeOf(s))).join(""));
    const r = await intotoCheck(file);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const readBack = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(readBack).toEqual(statements);
  });

  it("and it is a live check: a bad commit digest or an unknown field fails there", async () => {
    const badCommit = provenanceStatement(input());
    (
      badCommit.predicate.buildDefinition.resolvedDependencies?.[0]?.digest as Record<string, string>
    ).gitCommit = "not-a-commit";
    const file = join(tmp, "bad.intoto.jsonl");
    await writeFile(file, intotoJsonlLine(envelopeOf(badCommit)));
    const r = await intotoCheck(file);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/line 1: provenance: .*ResolvedDependencies\[0\]/);

    const extra = { ...provenanceStatement(input()), predicateVersion: "1" };
    await writeFile(file, intotoJsonlLine(envelopeOf(extra)));
    const r2 = await intotoCheck(file);
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/line 1: statement: .*predicateVersion/);
  });
});
