import { z } from "zod";
import { inputError, UserError } from "../kit/errors.js";
import { execFile } from "../kit/exec.js";

/** A build target: GOOS/GOARCH plus an optional microarchitecture variant (GOAMD64, GOARM, …). */
export interface Target {
  goos: string;
  goarch: string;
  /** e.g. "v3" for GOAMD64, "7" for GOARM. */
  variant?: string;
}

/** One line of `go tool dist list -json`. */
const DistEntry = z.object({
  GOOS: z.string().regex(/^[a-z0-9]+$/),
  GOARCH: z.string().regex(/^[a-z0-9]+$/),
  CgoSupported: z.boolean(),
  FirstClass: z.boolean(),
  Broken: z.boolean().optional(),
});

export interface Platform {
  goos: string;
  goarch: string;
  cgoSupported: boolean;
  firstClass: boolean;
  broken: boolean;
}

/** The platforms the installed Go can build for, from `go tool dist list -json`. */
export async function listPlatforms(goBin: string, env?: NodeJS.ProcessEnv): Promise<Platform[]> {
  const { stdout } = await execFile(goBin, ["tool", "dist", "list", "-json"], { env, timeoutMs: 60_000 });
  const parsed = z.array(DistEntry).safeParse(JSON.parse(stdout));
  if (!parsed.success)
    throw new UserError(`unexpected output from "go tool dist list -json": ${parsed.error.message}`);
  return parsed.data.map((e) => ({
    goos: e.GOOS,
    goarch: e.GOARCH,
    cgoSupported: e.CgoSupported,
    firstClass: e.FirstClass,
    broken: e.Broken ?? false,
  }));
}

/**
 * Microarchitecture levels per GOARCH and the variable that selects them
 * (the values `go help environment` documents).
 */
export const VARIANTS: Readonly<Record<string, { env: string; values: readonly string[] }>> = {
  amd64: { env: "GOAMD64", values: ["v1", "v2", "v3", "v4"] },
  arm: { env: "GOARM", values: ["5", "6", "7"] },
  "386": { env: "GO386", values: ["sse2", "softfloat"] },
  arm64: {
    env: "GOARM64",
    values: [
      ...Array.from({ length: 10 }, (_, i) => `v8.${i}`),
      ...Array.from({ length: 6 }, (_, i) => `v9.${i}`),
    ],
  },
  mips: { env: "GOMIPS", values: ["hardfloat", "softfloat"] },
  mipsle: { env: "GOMIPS", values: ["hardfloat", "softfloat"] },
  mips64: { env: "GOMIPS64", values: ["hardfloat", "softfloat"] },
  mips64le: { env: "GOMIPS64", values: ["hardfloat", "softfloat"] },
  ppc64: { env: "GOPPC64", values: ["power8", "power9", "power10"] },
  ppc64le: { env: "GOPPC64", values: ["power8", "power9", "power10"] },
  riscv64: { env: "GORISCV64", values: ["rva20u64", "rva22u64", "rva23u64"] },
};

/** "linux/arm/7" */
export function formatTarget(t: Target): string {
  return t.variant ? `${t.goos}/${t.goarch}/${t.variant}` : `${t.goos}/${t.goarch}`;
}

/** "linux_arm_7": for file and artifact names. */
export function targetSlug(t: Target, sep = "_"): string {
  return [t.goos, t.goarch, ...(t.variant ? [t.variant] : [])].join(sep);
}

/** The environment that selects this target in `go build`. */
export function targetEnv(t: Target): Record<string, string> {
  const env: Record<string, string> = { GOOS: t.goos, GOARCH: t.goarch };
  const v = VARIANTS[t.goarch];
  if (t.variant && v) env[v.env] = t.variant;
  return env;
}

export function compareTargets(a: Target, b: Target): number {
  const key = (t: Target) => [t.goos, t.goarch, t.variant ?? ""];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < 3; i++) {
    const x = ka[i] as string;
    const y = kb[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const SPEC_HELP =
  "comma- or space-separated GOOS/GOARCH[/variant] (e.g. linux/amd64, linux/arm/7, linux/amd64/v3), GOOS/* , first-class, or all";

/**
 * Expands a target spec against the platforms of the installed Go. Every item must
 * name something that Go can build; anything else is an input error naming the item
 * and the valid choices. The result is de-duplicated and sorted, so the same spec
 * always gives the same matrix.
 */
export function parseTargetSpec(spec: string, platforms: readonly Platform[], input = "targets"): Target[] {
  const items = spec.split(/[\s,]+/).filter((s) => s !== "");
  if (items.length === 0) throw inputError(input, spec, `allowed: ${SPEC_HELP}`);
  const usable = platforms.filter((p) => !p.broken);
  const fail = (why: string): never => {
    throw inputError(input, spec, why);
  };
  const out = new Map<string, Target>();
  const add = (t: Target) => out.set(formatTarget(t), t);
  for (const item of items) {
    if (item === "all") {
      for (const p of usable) add({ goos: p.goos, goarch: p.goarch });
      continue;
    }
    if (item === "first-class") {
      for (const p of usable.filter((p) => p.firstClass)) add({ goos: p.goos, goarch: p.goarch });
      continue;
    }
    const parts = item.split("/");
    if (parts.length < 2 || parts.length > 3 || !parts.every((p) => /^(?:[a-z0-9][a-z0-9.]*|\*)$/.test(p))) {
      fail(`"${item}" is not a target; allowed: ${SPEC_HELP}`);
    }
    const [goos, goarch, variant] = parts as [string, string, string | undefined];
    const goosList = [...new Set(usable.map((p) => p.goos))].sort();
    if (goos !== "*" && !goosList.includes(goos)) {
      fail(`"${item}": unknown GOOS "${goos}"; valid GOOS: ${goosList.join(", ")}`);
    }
    const matches = usable.filter(
      (p) => (goos === "*" || p.goos === goos) && (goarch === "*" || p.goarch === goarch),
    );
    if (matches.length === 0) {
      const archs = usable.filter((p) => p.goos === goos).map((p) => p.goarch);
      fail(`"${item}": ${goos} has no GOARCH "${goarch}"; valid for ${goos}: ${archs.sort().join(", ")}`);
    }
    if (variant !== undefined) {
      if (goarch === "*") fail(`"${item}": a variant needs one GOARCH, not *`);
      const v = VARIANTS[goarch];
      if (!v) fail(`"${item}": GOARCH ${goarch} has no variants`);
      else if (!v.values.includes(variant)) {
        fail(`"${item}": ${v.env} has no value "${variant}"; valid: ${v.values.join(", ")}`);
      }
    }
    for (const p of matches) add({ goos: p.goos, goarch: p.goarch, ...(variant ? { variant } : {}) });
  }
  return [...out.values()].sort(compareTargets);
}

export interface MatrixEntry {
  goos: string;
  goarch: string;
  variant?: string;
  /** "linux/arm/7": ready to pass on as build-static's `targets` input. */
  target: string;
  /** C compiler for cgo targets. */
  cc?: string;
}

/** The value for `strategy.matrix: ${{ fromJSON(...) }}`. */
export function buildMatrix(
  targets: readonly Target[],
  cc?: ReadonlyMap<string, string>,
): { include: MatrixEntry[] } {
  return {
    include: targets.map((t) => {
      // Key order is fixed (goos, goarch, variant, target, cc) so the JSON is stable.
      const entry: MatrixEntry = {
        goos: t.goos,
        goarch: t.goarch,
        ...(t.variant ? { variant: t.variant } : {}),
        target: formatTarget(t),
      };
      const compiler = cc?.get(entry.target);
      if (compiler) entry.cc = compiler;
      return entry;
    }),
  };
}
