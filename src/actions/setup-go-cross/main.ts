import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import {
  buildMatrix,
  formatTarget,
  listPlatforms,
  parseTargetSpec,
  type Target,
} from "../../contract/targets.js";
import {
  CacheState,
  type CacheStateT,
  findSumFiles,
  hashFiles,
  planCaches,
  restoreCaches,
  saveCaches,
} from "../../go/cache.js";
import { installDebianPackages, planCrossCompilers, usesCgo } from "../../go/cgo.js";
import { type InstalledGo, resolveAndInstallGo } from "../../go/install.js";
import { registerGoProblemMatcher } from "../../go/problem-matcher.js";
import { proxyURLs } from "../../go/proxy.js";
import { runnerTarget } from "../../go/runner-platform.js";
import { checkServable, VERSION_FILES, type VersionRequest, versionFromFile } from "../../go/version.js";
import { defineAction, setOutputs } from "../../kit/action.js";
import { inputError, UserError } from "../../kit/errors.js";
import { execFile } from "../../kit/exec.js";
import { group, info, seconds } from "../../kit/log.js";
import * as workflow from "../../kit/workflow.js";
import { type Inputs, inputs, outputs } from "./schema.js";
import { setupSummary } from "./summary.js";

/**
 * The input, else the named file, else the first version file in the working directory;
 * refused before any download when only a Go too old for goship would meet it.
 */
async function versionRequest(i: Inputs, workDir: string): Promise<VersionRequest> {
  if (i["go-version"]) {
    if (i["go-version-file"])
      workflow.warning("both go-version and go-version-file are set; using go-version");
    const request = { spec: i["go-version"], source: "input go-version" };
    checkServable(request, "go-version", i["go-version"]);
    return request;
  }
  // go-version-file is a path from the workspace, as in setup-go; the files looked for by
  // default are the working directory's own.
  const found = VERSION_FILES.find((f) => existsSync(join(workDir, f)));
  const file = i["go-version-file"] ?? (found && (relative(process.cwd(), join(workDir, found)) || found));
  if (file) {
    const request = await versionFromFile(file);
    checkServable(request, "go-version-file", file);
    return request;
  }
  throw new UserError(
    `no Go version asked for: set go-version (e.g. stable, 1.26.x) or go-version-file, or point working-directory (now ${i["working-directory"]}) at the module, a directory with one of ${VERSION_FILES.join(", ")}`,
  );
}

const STATE_CACHE = "goship-cache";

export const setupGoCross = defineAction({
  name: "setup-go-cross",
  description:
    "Install a verified Go toolchain, C cross compilers and caches, and expand targets into a build matrix",
  inputs,
  outputs,

  async run(i) {
    const workDir = resolve(i["working-directory"]);
    if (!existsSync(workDir) || !statSync(workDir).isDirectory()) {
      throw inputError("working-directory", i["working-directory"], "allowed: an existing directory");
    }
    const request = await versionRequest(i, workDir);
    const proxies = proxyURLs(i.goproxy ?? process.env.GOPROXY ?? "https://proxy.golang.org");
    info(
      request.derived
        ? `Go version: ${request.source}`
        : `Go version ${request.spec} (from ${request.source})`,
    );

    const go: InstalledGo = await group("Install Go", async () => {
      const installed = await resolveAndInstallGo({
        request,
        specInput: request.source === "input go-version" ? "go-version" : "go-version-file",
        source: i["download-source"],
        goDevBaseUrl: i["go-download-base-url"].replace(/\/+$/, ""),
        proxies,
        checkLatest: i["check-latest"],
      });
      info(
        `Go ${installed.version} from ${installed.from} in ${seconds(installed.durationMs)}: ${installed.goroot}`,
      );
      return installed;
    });

    const goBin = join(go.goroot, "bin", "go");
    workflow.exportVariable("GOTOOLCHAIN", "local");
    workflow.exportVariable("GOROOT", go.goroot);
    workflow.addPath(join(go.goroot, "bin"));
    const goEnv = { ...process.env, GOTOOLCHAIN: "local", GOROOT: go.goroot };
    const envOut = await execFile(goBin, ["env", "GOPATH", "GOCACHE", "GOMODCACHE"], {
      env: goEnv,
      timeoutMs: 60_000,
    });
    const [gopath = "", gocache = "", gomodcache = ""] = envOut.stdout.trim().split("\n");
    if (gopath) workflow.addPath(join(gopath.split(":")[0] as string, "bin"));
    info(`Exported GOTOOLCHAIN=local, GOROOT=${go.goroot}; ${go.goroot}/bin on PATH`);

    // Targets: checked against what this Go can build.
    const platforms = await listPlatforms(goBin, goEnv);
    const runner = runnerTarget();
    const targets: Target[] = parseTargetSpec(i.targets ?? `${runner.goos}/${runner.goarch}`, platforms);

    // cgo: C cross compilers from the distribution's packages.
    const cc = new Map<string, string>();
    const cgoTargets =
      i.cgo === "true" ? targets : i.cgo === "auto" && (await usesCgo(workDir, goBin, goEnv)) ? targets : [];
    if (i.cgo === "auto")
      info(
        `The module in ${relative(process.cwd(), workDir) || "."} ${cgoTargets.length > 0 ? "uses" : "does not use"} cgo`,
      );
    if (cgoTargets.length > 0) {
      await group("C cross compilers", async () => {
        const plan = planCrossCompilers(cgoTargets, runner.goarch);
        if (plan.unsupported.length > 0) {
          throw new UserError(
            `cgo is not supported here for:\n${plan.unsupported.map((u) => `  - ${formatTarget(u.target)}: ${u.reason}`).join("\n")}`,
          );
        }
        const packages = [...new Set(plan.compilers.flatMap((c) => c.compiler.packages))].sort();
        const { present, installed } = await installDebianPackages(packages);
        info(
          `Packages: ${installed.length} installed (${installed.join(", ") || "none"}), ${present.length} already present`,
        );
        for (const c of plan.compilers) cc.set(formatTarget(c.target), c.compiler.cc);
      });
    }
    const matrix = buildMatrix(targets, cc);

    await registerGoProblemMatcher(process.env.RUNNER_TEMP as string);

    // Caches.
    let cacheState: CacheStateT | undefined;
    if (i.cache !== "false") {
      cacheState = await group("Restore caches", async () => {
        const plan = planCaches({
          runnerOs: process.env.RUNNER_OS ?? process.platform,
          runnerArch: process.env.RUNNER_ARCH ?? process.arch,
          goVersion: go.version,
          targetKey: JSON.stringify(matrix),
          sumHash: await hashFiles(await findSumFiles(process.cwd())),
          modDir: gomodcache,
          buildDir: gocache,
        });
        const state = await restoreCaches(plan);
        if (i.cache === "true") workflow.saveState(STATE_CACHE, JSON.stringify(state));
        return state;
      });
    }
    const cacheHit = cacheState?.mod === "exact" && cacheState.build === "exact";

    setOutputs(setupGoCross, {
      "go-version": go.version,
      "go-root": go.goroot,
      targets: targets.map(formatTarget).join(","),
      matrix: JSON.stringify(matrix),
      "cache-hit": cacheHit,
    });

    await setupSummary({ go, request, ...(cacheState ? { cache: cacheState } : {}), matrix }).write();
  },

  async post() {
    const raw = workflow.getState(STATE_CACHE);
    if (!raw) return;
    const state = CacheState.parse(JSON.parse(raw));
    const saved = await saveCaches(state);
    if (saved.length === 0) info("Caches: nothing new to save");
  },
});
