/**
 * SLSA v1 build provenance for a release, as an in-toto Statement v1: which files (the
 * subjects, by sha256) were built from which commit, by which builder and workflow run,
 * with which Go toolchain and settings per target. signing.ts wraps the statement in a
 * DSSE envelope; this module also writes and reads the `.intoto.jsonl` file that carries it.
 *
 * The statement is deterministic: it holds no clock reading, so a re-run of the same
 * release produces the same bytes (and the same signature input).
 */
import { z } from "zod";
import { type RunContext, runContext, runUrl } from "../github/context.js";
import { errorMessage, UserError } from "../kit/errors.js";
import { GOSHIP_HOME } from "../kit/version.js";
import { DsseEnvelope, type DsseEnvelopeT, IN_TOTO_PAYLOAD_TYPE } from "./dsse.js";

/**
 * What goship's externalParameters and internalParameters mean (SLSA asks each buildType to
 * document that), under goship's home.
 */
export const GOSHIP_BUILD_TYPE = `${GOSHIP_HOME}/buildtypes/go-release/v1`;

export const IN_TOTO_STATEMENT_V1 = "https://in-toto.io/Statement/v1";
export const SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
/** The DSSE payloadType of an in-toto statement. */
export const INTOTO_JSONL_SUFFIX = ".intoto.jsonl";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface Subject {
  name: string;
  sha256: string;
}

/** What GitHub Actions says about the run that provenance records; all optional. */
export type WorkflowRun = Pick<
  RunContext,
  "serverUrl" | "repository" | "runId" | "runAttempt" | "workflowRef" | "ref" | "sha" | "runnerEnvironment"
>;

/** The run's GITHUB_* variables that provenance records (never the token); unset and empty ones are left out. */
export function workflowRunFromEnv(env: NodeJS.ProcessEnv = process.env): WorkflowRun {
  const { serverUrl, repository, runId, runAttempt, workflowRef, ref, sha, runnerEnvironment } =
    runContext(env);
  const run = { serverUrl, repository, runId, runAttempt, workflowRef, ref, sha, runnerEnvironment };
  return Object.fromEntries(Object.entries(run).filter(([, v]) => v !== undefined)) as WorkflowRun;
}

/**
 * The workflow run, not the attempt: re-running a failed release job must produce the
 * same provenance (and so the same SHA256SUMS and signature), or the re-run could not
 * converge on the assets the first attempt already uploaded.
 */
export function invocationId(run: WorkflowRun): string | undefined {
  // No server named: not a GitHub run, whatever else is set.
  return run.serverUrl ? runUrl(run) : undefined;
}

/**
 * GITHUB_WORKFLOW_REF split into the workflow's repository URL, file and ref, the way
 * GitHub's own buildType records a workflow. Undefined when it does not have that shape.
 */
export function workflowFromRef(
  run: WorkflowRun,
): { repository: string; path: string; ref: string } | undefined {
  const m = /^([^/]+\/[^/]+)\/(.+?\.ya?ml)@(.+)$/.exec(run.workflowRef ?? "");
  if (!m || !run.serverUrl) return undefined;
  return {
    repository: `${run.serverUrl.replace(/\/+$/, "")}/${m[1]}`,
    path: m[2] as string,
    ref: m[3] as string,
  };
}

export interface ProvenanceTarget {
  goos: string;
  goarch: string;
  variant?: string;
  /** The binary's Go build settings (flags, GOOS/GOARCH, CGO_ENABLED, ...), in the binary's order. */
  settings: Array<{ key: string; value: string }>;
}

export interface ProvenanceInput {
  subjects: Subject[];
  source: {
    /** The repository URL, e.g. https://github.com/owner/name; default: the run's. */
    repository?: string;
    commit: string;
    /** e.g. refs/tags/v1.2.3; default: the run's GITHUB_REF. */
    ref?: string;
  };
  /** runDetails.builder.id: who is trusted to have run the build (a URI). */
  builderId: string;
  /** goship's version, recorded as builder.version.goship. */
  builderVersion?: string;
  /** workflowRunFromEnv() in an action; {} elsewhere. */
  run: WorkflowRun;
  build: { goVersion: string; targets: ProvenanceTarget[] };
  /** The commit time, Unix seconds (archive mtimes). */
  sourceDateEpoch: number;
}

/**
 * The in-toto Statement v1 with a SLSA v1 provenance predicate. Subjects are sorted by
 * name and targets by goos/goarch/variant, so input order does not matter.
 *
 * runDetails.metadata carries no startedOn/finishedOn: a clock reading would make every
 * re-run differ, and the commit time (the only time known to all runs) is not when the
 * build ran, so it is recorded as internalParameters.sourceDateEpoch instead.
 */
export function provenanceStatement(input: ProvenanceInput): SlsaProvenanceStatementT {
  const { run, source } = input;
  const subject = normalizeSubjects(input.subjects);
  if (!input.builderId) throw new UserError("provenance needs a builder id");
  const commit = fullCommit(source.commit, run);
  if (!Number.isSafeInteger(input.sourceDateEpoch) || input.sourceDateEpoch < 0) {
    throw new UserError(`sourceDateEpoch ${input.sourceDateEpoch} is not a Unix time in seconds`);
  }
  const repository =
    source.repository ??
    (run.serverUrl && run.repository ? `${run.serverUrl.replace(/\/+$/, "")}/${run.repository}` : undefined);
  const ref = source.ref ?? run.ref;
  const workflow = workflowFromRef(run);
  const invocation = invocationId(run);
  const github = {
    ...(run.sha ? { sha: run.sha } : {}),
    ...(run.runnerEnvironment ? { runnerEnvironment: run.runnerEnvironment } : {}),
  };
  const targets = [...input.build.targets]
    .map((t) => ({
      goos: t.goos,
      goarch: t.goarch,
      ...(t.variant ? { variant: t.variant } : {}),
      settings: t.settings.map(({ key, value }) => ({ key, value })),
    }))
    .sort((a, b) => compare(targetKey(a), targetKey(b)));
  return {
    _type: IN_TOTO_STATEMENT_V1,
    subject,
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: GOSHIP_BUILD_TYPE,
        externalParameters: {
          source: { ...(repository ? { repository } : {}), ...(ref ? { ref } : {}), commit },
          ...(workflow ? { workflow } : {}),
          build: { goVersion: input.build.goVersion, targets },
        },
        internalParameters: {
          sourceDateEpoch: input.sourceDateEpoch,
          ...(Object.keys(github).length > 0 ? { github } : {}),
        },
        resolvedDependencies: [
          {
            ...(repository
              ? { uri: `${repository.startsWith("git+") ? "" : "git+"}${repository}${ref ? `@${ref}` : ""}` }
              : {}),
            digest: { gitCommit: commit },
          },
        ],
      },
      runDetails: {
        builder: {
          id: input.builderId,
          ...(input.builderVersion ? { version: { goship: input.builderVersion } } : {}),
        },
        metadata: invocation ? { invocationId: invocation } : {},
      },
    },
  };
}

const FULL_COMMIT = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * A gitCommit digest must be the whole object id. build-static accepts an abbreviated commit
 * input; the run's GITHUB_SHA completes it when it is that commit, and nothing else may.
 */
function fullCommit(commit: string, run: WorkflowRun): string {
  if (FULL_COMMIT.test(commit)) return commit;
  if (/^[0-9a-f]{7,}$/.test(commit) && run.sha && FULL_COMMIT.test(run.sha) && run.sha.startsWith(commit)) {
    return run.sha;
  }
  throw new UserError(
    `commit ${JSON.stringify(commit)} is not a full lowercase hex Git commit id, which provenance must name (give the whole hash)`,
  );
}

function normalizeSubjects(
  subjects: readonly Subject[],
): Array<{ name: string; digest: { sha256: string } }> {
  if (subjects.length === 0) throw new UserError("provenance needs at least one subject");
  const byName = new Map<string, string>();
  for (const { name, sha256 } of subjects) {
    if (!name) throw new UserError("a provenance subject has an empty name");
    if (!SHA256_HEX.test(sha256))
      throw new UserError(`${name}: sha256 ${JSON.stringify(sha256)} is not lowercase hex`);
    const seen = byName.get(name);
    if (seen !== undefined && seen !== sha256) {
      throw new UserError(`${name} is listed twice, with sha256 ${seen} and ${sha256}`);
    }
    byName.set(name, sha256);
  }
  return [...byName]
    .sort(([a], [b]) => compare(a, b))
    .map(([name, sha256]) => ({ name, digest: { sha256 } }));
}

function targetKey(t: { goos: string; goarch: string; variant?: string }): string {
  return `${t.goos}/${t.goarch}/${t.variant ?? ""}`;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The bytes a DSSE signature covers: compact JSON, keys in the order the statement was built. */
export function statementPayload(statement: InTotoStatementT): Buffer {
  return Buffer.from(JSON.stringify(statement), "utf8");
}

// ---------------------------------------------------------------- reading back

const Sha256Hex = z.string().regex(SHA256_HEX, "a lowercase hex sha256");
const Json = z.record(z.string(), z.unknown());

/** An in-toto ResourceDescriptor: at least one of uri, digest, content. */
export const ResourceDescriptor = z
  .object({
    name: z.string().optional(),
    uri: z.string().optional(),
    digest: z.record(z.string(), z.string()).optional(),
    content: z.string().optional(),
    downloadLocation: z.string().optional(),
    mediaType: z.string().optional(),
    annotations: Json.optional(),
  })
  .refine((r) => r.uri !== undefined || r.digest !== undefined || r.content !== undefined, {
    message: "a resource descriptor needs a uri, a digest or content",
  });

/** in-toto Statement v1, any predicate; goship's subjects always carry a sha256. */
export const InTotoStatement = z.object({
  _type: z.literal(IN_TOTO_STATEMENT_V1),
  subject: z
    .array(
      z.object({ name: z.string().min(1), digest: z.object({ sha256: Sha256Hex }).catchall(z.string()) }),
    )
    .min(1),
  predicateType: z.string().min(1),
  predicate: Json,
});
export type InTotoStatementT = z.infer<typeof InTotoStatement>;

const Timestamp = z.iso.datetime({ offset: true });

/** SLSA provenance v1 (https://slsa.dev/spec/v1.0/provenance); parameters are the buildType's business. */
export const SlsaProvenancePredicate = z.object({
  buildDefinition: z.object({
    buildType: z.string().min(1),
    externalParameters: Json,
    internalParameters: Json.optional(),
    resolvedDependencies: z.array(ResourceDescriptor).optional(),
  }),
  runDetails: z.object({
    builder: z.object({
      id: z.string().min(1),
      version: z.record(z.string(), z.string()).optional(),
      builderDependencies: z.array(ResourceDescriptor).optional(),
    }),
    metadata: z
      .object({
        invocationId: z.string().optional(),
        startedOn: Timestamp.optional(),
        finishedOn: Timestamp.optional(),
      })
      .optional(),
    byproducts: z.array(ResourceDescriptor).optional(),
  }),
});

export const SlsaProvenanceStatement = InTotoStatement.extend({
  predicateType: z.literal(SLSA_PROVENANCE_V1),
  predicate: SlsaProvenancePredicate,
});
export type SlsaProvenanceStatementT = z.infer<typeof SlsaProvenanceStatement>;

/**
 * Every difference between a statement's subjects and the files expected (by name and
 * sha256): missing, unexpected, or with another digest. Empty when they match exactly.
 */
export function subjectMismatches(statement: InTotoStatementT, expected: readonly Subject[]): string[] {
  const have = new Map(statement.subject.map((s) => [s.name, s.digest.sha256]));
  const want = new Map(expected.map((s) => [s.name, s.sha256]));
  const problems: string[] = [];
  for (const [name, sha256] of [...want].sort(([a], [b]) => compare(a, b))) {
    const got = have.get(name);
    if (got === undefined) problems.push(`${name}: not a subject of the statement`);
    else if (got !== sha256)
      problems.push(`${name}: the statement says sha256 ${got}, the file has ${sha256}`);
  }
  for (const name of [...have.keys()].sort(compare)) {
    if (!want.has(name)) problems.push(`${name}: a subject of the statement, but not expected`);
  }
  return problems;
}

/** Throws a UserError naming every mismatch between the statement's subjects and `expected`. */
export function checkSubjects(statement: InTotoStatementT, expected: readonly Subject[]): void {
  const problems = subjectMismatches(statement, expected);
  if (problems.length > 0) {
    throw new UserError(
      `the provenance does not match the files:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}

// ---------------------------------------------------------------- .intoto.jsonl

/**
 * One line of an `.intoto.jsonl` file: the envelope as compact JSON (which never holds a raw
 * newline) and a newline. Only in-toto envelopes belong there.
 */
export function intotoJsonlLine(envelope: DsseEnvelopeT): string {
  const e = DsseEnvelope.parse(envelope);
  if (e.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new UserError(`a DSSE envelope of type ${e.payloadType} is not an in-toto attestation`);
  }
  return `${JSON.stringify(e)}\n`;
}

/** The envelopes of an `.intoto.jsonl` file, one per non-empty line. */
export function parseIntotoJsonl(text: string, file = INTOTO_JSONL_SUFFIX): DsseEnvelopeT[] {
  return text
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== "")
    .map(({ line, n }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (e) {
        throw new UserError(`${file}:${n}: not JSON: ${errorMessage(e)}`);
      }
      const parsed = DsseEnvelope.safeParse(json);
      if (!parsed.success)
        throw new UserError(`${file}:${n}: not a DSSE envelope: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}

/** The statement an in-toto envelope carries (its signature is checked elsewhere). */
export function statementFromEnvelope(envelope: DsseEnvelopeT): InTotoStatementT {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new UserError(`a DSSE envelope of type ${envelope.payloadType} is not an in-toto attestation`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8"));
  } catch (e) {
    throw new UserError(`the envelope's payload is not JSON: ${errorMessage(e)}`);
  }
  const parsed = InTotoStatement.safeParse(json);
  if (!parsed.success) throw new UserError(`not an in-toto statement: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
