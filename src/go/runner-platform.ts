import { arch, platform } from "node:os";

/** The runner's own GOOS/GOARCH, for picking the toolchain to install. */
export function runnerTarget(): { goos: string; goarch: string } {
  const goos = ({ win32: "windows" } as Record<string, string>)[platform()] ?? platform();
  const goarch =
    (
      {
        x64: "amd64",
        ia32: "386",
        arm64: "arm64",
        arm: "arm",
        ppc64: "ppc64le",
        s390x: "s390x",
        riscv64: "riscv64",
        loong64: "loong64",
      } as Record<string, string>
    )[arch()] ?? arch();
  return { goos, goarch };
}

/** The architecture name the runner's tool cache uses (os.arch(): "x64", "arm64"), as setup-go does, so preinstalled Go versions are found. */
export function toolCacheArch(): string {
  return arch();
}
