/** goship's own version, as SBOMs and provenance name the tool that made them. Kept equal to package.json's (tested). */
export const GOSHIP_VERSION = "0.1.0";

/**
 * goship's one canonical home. The provenance buildType, the SPDX namespaces, the local
 * builder id, package.json and the README's `uses:` lines all name it (tested).
 */
export const GOSHIP_HOME = "https://github.com/goship/goship";
