/**
 * For every `go list` goship runs. Since Go 1.18 `go list` of a main package reads its VCS
 * information as `go build` does, about seven git commands each time, for a field (BuildInfo)
 * goship never reads from a listing; a build of seven targets lists ten times. The flag on the
 * command line wins over GOFLAGS's -buildvcs=auto, which stays for the builds themselves.
 */
export const LIST_WITHOUT_VCS = "-buildvcs=false";
