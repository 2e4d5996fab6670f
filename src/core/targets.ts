/** A build target: GOOS/GOARCH plus an optional microarchitecture variant (GOAMD64, GOARM, …). */
export interface Target {
  goos: string;
  goarch: string;
  /** e.g. "v3" for GOAMD64, "7" for GOARM. */
  variant?: string;
}
