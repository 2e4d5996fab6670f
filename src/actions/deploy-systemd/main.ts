import { mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";
import type { ReleaseArtifactT } from "../../contract/manifest.js";
import { MANIFEST_FILE } from "../../contract/release-files.js";
import { formatTarget } from "../../contract/targets.js";
import { Fleet } from "../../deploy/fleet.js";
import { HostTarget } from "../../deploy/host.js";
import {
  assignWaves,
  environmentSecrets,
  LOCK_HEARTBEAT_MS,
  renderEnvironmentFile,
} from "../../deploy/plan.js";
import {
  DeployFailedError,
  type FleetResult,
  type HostRecord,
  type PreparedRelease,
  type RunMode,
} from "../../deploy/types.js";
import { apiUrl, ownerAndRepo, type RunContext, runContext, runUrl } from "../../github/context.js";
import type { DeploymentState } from "../../github/deployments.js";
import { defineAction, setOutputs } from "../../kit/action.js";
import { errorMessage, inputError, UserError } from "../../kit/errors.js";
import { group, info, maskSecret, warning } from "../../kit/log.js";
import { progress } from "../../kit/progress.js";
import { type HostSpec, parseHostList, parseProxyJump } from "../../remote/hosts-spec.js";
import { SshClient } from "../../remote/ssh.js";
import { newHolderToken } from "../../remote/steps/index.js";
import { renderUnit, UnitValueError } from "../../remote/unit.js";
import { type Inputs, inputs, outputs } from "./schema.js";
import { writeDeploySummary } from "./summary.js";

/** The run's identity on the hosts: the lock holder, the history's actor and run URL. */
function runIdentity(run: RunContext): { holder: string; runUrl: string; actor: string } {
  // A re-run of the same job (a new attempt) is the same holder: it takes back the lock a killed
  // attempt left, instead of waiting for its TTL. Anything else gets a holder of its own.
  const holder = run.runId
    ? `run-${run.runId}-${(run.job ?? "job").replace(/[^A-Za-z0-9._@:+-]+/g, "-")}`.slice(0, 128)
    : newHolderToken(`local-${userInfo().username}@${hostname()}`);
  const actor = run.actor || userInfo().username || "unknown";
  return { holder, runUrl: runUrl(run) ?? "", actor };
}

async function hostWaves(i: Inputs): Promise<HostSpec[][]> {
  const defaults = { user: i["ssh-user"] };
  if (i.hosts && i.inventory)
    throw inputError("inventory", i.inventory, "not together with hosts: one list of hosts");
  if (i.inventory) {
    // The YAML parser is loaded only for an inventory.
    const { hasWaveNumbers, readInventory, wavesFromInventory } = await import("../../deploy/inventory.js");
    const entries = await readInventory(i.inventory, defaults);
    if (entries.length === 0) throw inputError("inventory", i.inventory, "a file listing at least one host");
    if (hasWaveNumbers(entries)) return wavesFromInventory(entries).map((w) => w.map((e) => e.spec));
    return assignWaves(
      entries.map((e) => e.spec),
      i.waves,
    );
  }
  const hosts = parseHostList(i.hosts ?? "", defaults);
  if (hosts.length === 0)
    throw inputError("hosts", i.hosts ?? "", "at least one [user@]host[:port] (or an inventory file)");
  return assignWaves(hosts, i.waves);
}

/** The release on the runner, verified before any host is contacted. */
async function prepareRelease(i: Inputs, run: RunContext, workDir: string): Promise<PreparedRelease> {
  if (!i["public-key"]) {
    throw inputError(
      "public-key",
      "",
      "goship.pub's content: goship deploys only releases whose SHA256SUMS signature it checked",
    );
  }
  // The signature checks (and their curves), the archive readers and the manifest's schemas are
  // loaded only to deploy a release.
  const [
    { loadPublicKey },
    { checkReleaseIdentity, verifyRelease },
    { extractBinary, goarchFromUname, pickArtifact },
    { versionFromRef },
  ] = await Promise.all([
    import("../../release/signing.js"),
    import("../../release/verify.js"),
    import("../../release/pick.js"),
    import("../../contract/manifest.js"),
  ]);
  // A key that is no key is refused before anything is downloaded.
  loadPublicKey(i["public-key"]);
  if (i["release-dir"] && i["release-tag"]) {
    throw inputError("release-tag", i["release-tag"], "not together with release-dir: one release");
  }
  let dir: string;
  if (i["release-dir"]) dir = resolve(i["release-dir"]);
  else if (i["release-tag"]) {
    const tag = i["release-tag"];
    const where = ownerAndRepo(run);
    const token = i["github-token"] ?? run.token ?? "";
    if (!where)
      throw inputError("release-tag", tag, "a tag of this repository: GITHUB_REPOSITORY is not set");
    dir = join(workDir, "release");
    await group(`Download release ${tag} from ${where.owner}/${where.repo}`, async () => {
      const { downloadRelease } = await import("../../github/release-download.js");
      const got = await downloadRelease({ token, apiUrl: apiUrl(run) }, { ...where, tag }, dir);
      info(`${got.files.length} file(s) from ${got.url}`);
    });
  } else {
    throw inputError("release-dir", "", "a package-release output directory, or release-tag, to deploy");
  }
  const verified = await group("Verify the release (signature, checksums, manifest)", async () => {
    const v = await verifyRelease(dir, i["public-key"] as string);
    for (const c of v.checks) info(`✓ ${c}`);
    return v;
  });
  const { manifest } = verified;
  // The signature says who made the release, not that it is the one asked for: bind it to the
  // tag (or version) and to the app, before any host is contacted.
  const tag = i["release-tag"];
  checkReleaseIdentity(manifest, {
    version: i.version
      ? { input: "version", value: i.version, want: i.version }
      : tag
        ? {
            input: "release-tag",
            value: tag,
            want: versionFromRef(tag),
            allowed: `a tag whose release has version ${versionFromRef(tag)} (the tag without its "v"); where tags are not versions, give the version as input "version"`,
          }
        : undefined,
    project: i.project
      ? { input: "project", value: i.project, want: i.project }
      : {
          input: "app",
          value: i.app,
          want: i.app,
          allowed: `the release's project; to deploy another project's release as ${i.app}, give that project as input "project"`,
        },
  });
  // The unit runs the binary by its name in the release; Linux artifacts all carry the same one.
  const names = new Set(manifest.artifacts.filter((a) => a.goos === "linux").map((a) => a.binary.name));
  if (names.size !== 1) {
    throw new UserError(
      `release ${manifest.version} has ${names.size === 0 ? "no Linux binary" : `Linux binaries named differently (${[...names].join(", ")})`}: nothing goship can deploy to systemd hosts`,
    );
  }
  const binaries = new Map<string, Promise<{ path: string; sha256: string; artifact: ReleaseArtifactT }>>();
  return {
    version: manifest.version,
    binaryName: [...names][0] as string,
    manifestPath: join(dir, MANIFEST_FILE),
    binaryFor(machine: string) {
      const artifact = pickArtifact(manifest, goarchFromUname(machine));
      const key = formatTarget(artifact);
      let p = binaries.get(key);
      if (!p) {
        p = (async () => {
          const dest = await mkdtemp(join(workDir, "bin-"));
          const b = await extractBinary(dir, artifact, dest);
          info(`${artifact.archive.name}: ${artifact.binary.name} for ${key} extracted, sha256 ${b.sha256}`);
          return { path: b.path, sha256: b.sha256, artifact };
        })();
        binaries.set(key, p);
      }
      return p;
    },
  };
}

export const deploySystemd = defineAction({
  name: "deploy-systemd",
  description:
    "Verified, atomic, hardened deploys of a goship release to systemd hosts, in waves, with automatic rollback",
  inputs,
  outputs,

  async run(i: Inputs) {
    const mode = i.mode;
    if ((mode === "shift" || mode === "promote") && i.strategy !== "blue-green") {
      throw inputError(
        "mode",
        mode,
        `deploy, rollback or status with strategy ${i.strategy} (${mode} moves blue-green traffic)`,
      );
    }
    if (i["rollback-to"] && mode !== "rollback") {
      throw inputError("rollback-to", i["rollback-to"], "only with mode: rollback");
    }
    const run = runContext();
    if (i["github-environment"] && !(i["github-token"] ?? run.token)) {
      throw inputError(
        "github-token",
        "",
        "a token with deployments: write, to record Deployments in github-environment",
      );
    }
    const waves = await hostWaves(i);
    const proxyJump = i["proxy-jump"] ? parseProxyJump(i["proxy-jump"], { user: i["ssh-user"] }) : [];
    const settings = {
      app: i.app,
      binaryName: i.app,
      args: i.args,
      hardening: i.hardening,
      stopTimeoutSec: 30,
      startLimit: { intervalSec: 60, burst: 5 },
    };
    // Every value that goes into the unit is checked now, before any host is contacted.
    try {
      renderUnit({
        ...settings,
        strategy: i.strategy,
        ...(i.strategy === "restart" ? { port: i.port } : {}),
      });
    } catch (e) {
      if (e instanceof UnitValueError && e.field.startsWith("args")) throw inputError("args", "", e.message);
      throw e;
    }
    const environment = i["service-env"] === undefined ? undefined : renderEnvironmentFile(i["service-env"]);
    // The input is masked whole and line by line; a value also shows alone (in a journal line
    // the app printed, say).
    for (const value of environmentSecrets(i["service-env"] ?? [])) maskSecret(value);
    const identity = runIdentity(run);
    const workDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), "goship-deploy-"));
    let client: SshClient | undefined;
    let fleet: Fleet | undefined;
    let deployment: { id: number; owner: string; repo: string; token: string; apiUrl: string } | undefined;
    const started = Date.now();
    let result: FleetResult | undefined;
    let error: unknown;
    try {
      const runMode: RunMode =
        mode === "deploy" ? { mode, release: await prepareRelease(i, run, workDir) } : { mode };
      if (runMode.release) settings.binaryName = runMode.release.binaryName;
      const ssh = await SshClient.create({
        privateKey: i["ssh-private-key"],
        knownHosts: i["known-hosts"],
        proxyJump,
        // Not workDir: control sockets need a short path, and $RUNNER_TEMP on GitHub's runners
        // is already too long once nested; the client picks a short base itself.
      });
      client = ssh;
      const sudo = i.become === "sudo";
      const targets = waves.map((wave) =>
        wave.map((spec) => new HostTarget(spec, ssh.session(spec), settings, sudo)),
      );
      fleet = new Fleet(targets, {
        ...runMode,
        strategy: i.strategy,
        port: i.port,
        ports: i.ports,
        securityThreshold: i["security-threshold"],
        healthPath: i["health-path"],
        healthTimeoutMs: i["health-timeout"],
        waveWaitMs: i["wave-wait"],
        maxParallel: i["max-parallel"],
        trafficWeight: i["traffic-weight"],
        rollbackTo: i["rollback-to"],
        onFailure: i["on-failure"],
        keepReleases: i["keep-releases"],
        lockTimeoutMs: i["lock-timeout"],
        lockTtlSec: Math.ceil(i["lock-ttl"] / 1000),
        lockHeartbeatMs: LOCK_HEARTBEAT_MS,
        environment,
        dryRun: i["dry-run"],
        drainMs: i["drain-time"],
        canaryHeader: i["canary-header"],
        ...identity,
        log: { info, warning, group, start: (label, of) => progress.start(label, of) },
      });
      const prepared = await fleet.prepare();
      if (i["github-environment"] && mode !== "status" && !i["dry-run"]) {
        deployment = await startDeployment(i, run, runMode.release?.version ?? i["rollback-to"] ?? mode);
      }
      result = await prepared.run();
    } catch (e) {
      error = e;
      if (e instanceof DeployFailedError) result = e.result;
    } finally {
      await fleet?.unlock().catch(() => {});
      await client?.close().catch(() => {});
      await rm(workDir, { recursive: true, force: true });
    }
    if (deployment) {
      const state: DeploymentState = error ? "failure" : "success";
      const { setDeploymentStatus } = await import("../../github/deployments.js");
      await setDeploymentStatus(
        { token: deployment.token, apiUrl: deployment.apiUrl },
        {
          owner: deployment.owner,
          repo: deployment.repo,
          deploymentId: deployment.id,
          state,
          description: error ? errorMessage(error) : `${mode} ok on ${result?.hosts.length ?? 0} host(s)`,
          ...(identity.runUrl ? { logUrl: identity.runUrl } : {}),
        },
      ).catch((e) => warning(`GitHub Deployment status: ${errorMessage(e)}`));
    }
    if (result) {
      setOutputs(deploySystemd, await hostOutputs(i.app, result.hosts, result.rolledBack, deployment?.id));
      await writeDeploySummary({
        mode,
        strategy: i.strategy,
        app: i.app,
        result,
        ms: Date.now() - started,
        dryRun: i["dry-run"],
      });
    }
    if (error) throw error;
  },
});

async function startDeployment(
  i: Inputs,
  run: RunContext,
  what: string,
): Promise<{ id: number; owner: string; repo: string; token: string; apiUrl: string }> {
  const where = ownerAndRepo(run);
  if (!where) {
    throw inputError(
      "github-environment",
      i["github-environment"] ?? "",
      "only inside a GitHub repository (GITHUB_REPOSITORY is not set)",
    );
  }
  const { owner, repo } = where;
  const token = i["github-token"] ?? run.token ?? "";
  const conn = { token, apiUrl: apiUrl(run) };
  const logUrl = runUrl(run);
  // Octokit is loaded only to record a Deployment.
  const { createDeployment, setDeploymentStatus } = await import("../../github/deployments.js");
  const d = await createDeployment(conn, {
    owner,
    repo,
    ref: run.sha ?? run.ref ?? "HEAD",
    environment: i["github-environment"] as string,
    description: `goship deploy-systemd ${i.mode} ${what} of ${i.app}`,
    payload: { app: i.app, mode: i.mode, version: what, strategy: i.strategy },
  });
  await setDeploymentStatus(conn, {
    owner,
    repo,
    deploymentId: d.id,
    state: "in_progress",
    description: `${i.mode} ${what}`,
    ...(logUrl ? { logUrl } : {}),
  });
  info(`GitHub Deployment ${d.id} in ${i["github-environment"]}: in_progress`);
  return { id: d.id, owner, repo, ...conn };
}

async function hostOutputs(
  app: string,
  hosts: HostRecord[],
  rolledBack: boolean,
  deploymentId: number | undefined,
) {
  const json = hosts.map((h) => ({
    host: h.host,
    address: h.address,
    wave: h.wave,
    "previous-version": h.previousVersion,
    version: h.version,
    slot: h.slot,
    weight: h.weight,
    status: h.status,
    health: h.health,
    ...(h.detail ? { detail: h.detail } : {}),
  }));
  // Through the schema canary-gate reads it with: a shape it would refuse fails here, as a bug.
  // The schema is loaded only here, once the hosts are done.
  const { CanaryTargets } = await import("../../contract/canary-targets.js");
  const canary = CanaryTargets.parse(
    hosts.flatMap((h) =>
      h.canary ? [{ app, weight: h.weight ?? 0, host: h.host, new: h.canary.new, old: h.canary.old }] : [],
    ),
  );
  return {
    hosts: JSON.stringify(json),
    "previous-version": hosts[0]?.previousVersion ?? "",
    "rolled-back": rolledBack,
    "canary-targets": JSON.stringify(canary),
    "deployment-id": deploymentId === undefined ? "" : String(deploymentId),
  };
}
