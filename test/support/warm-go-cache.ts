/**
 * vitest globalSetup: before a run of the whole suite, compiles examples/gin-app's packages for
 * the seven targets the README promises into the user's Go build cache, with the flags and tags
 * every test builds the app with (-trimpath, GIN_APP_TAGS, no cgo). `go list -export -deps`
 * compiles what `go build` would, into the same cache entries, without linking.
 *
 * Why: a dozen test files build the app for linux/amd64 or linux/arm64, and the largest of them
 * start together. The go command shares finished cache entries between processes, not work in
 * progress, so on a new machine two files compiled the same packages at the same moment. After
 * this, they only link. With a warm cache it takes a few seconds; a run of chosen files
 * (`vitest run test/x.test.ts`) skips it.
 */
import { targetEnv } from "../../src/contract/targets.js";
import { execFile } from "../../src/kit/exec.js";
import { GIN_APP_TARGETS } from "./gin-app.js";
import { COMPILE_ENV, COMPILE_JOBS, GIN_APP_TAGS, ginAppDir, mapLimit } from "./gobuild.js";

/** `vitest run` with no file filter (`npm test`); anything after `run` that is not a flag is one. */
function wholeSuite(argv: readonly string[]): boolean {
  const at = argv.indexOf("run");
  return at >= 0 && argv.slice(at + 1).every((a) => a.startsWith("-"));
}

export default async function warmGoCache(): Promise<void> {
  const dir = ginAppDir();
  if (!dir || !wholeSuite(process.argv)) return;
  const started = performance.now();
  console.log(`warming the Go build cache: examples/gin-app for ${GIN_APP_TARGETS.join(", ")}`);
  const failed: string[] = [];
  await mapLimit(GIN_APP_TARGETS, 2, async (target) => {
    const [goos, goarch, variant] = target.split("/") as [string, string, string?];
    // The variables build-static selects a target with (GOARM=7 for linux/arm/7): the cache
    // entries are then the ones its builds look up.
    const env = {
      ...process.env,
      CGO_ENABLED: "0",
      ...COMPILE_ENV,
      ...targetEnv({ goos, goarch, ...(variant ? { variant } : {}) }),
    };
    const args = [
      "list",
      COMPILE_JOBS,
      "-export",
      "-deps",
      "-trimpath",
      `-tags=${GIN_APP_TAGS}`,
      "-f",
      "{{.ImportPath}}",
      ".",
    ];
    try {
      await execFile("go", args, { cwd: dir, env });
    } catch (e) {
      // Only a head start: the tests that build the app say what is wrong with it.
      failed.push(`${target}: ${(e as Error).message.split("\n")[0]}`);
    }
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`warmed in ${seconds} s${failed.length ? `; not for ${failed.join("; ")}` : ""}`);
}
