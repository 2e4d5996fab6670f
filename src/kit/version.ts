/** goship's own version, as SBOMs and provenance name the tool that made them. Kept equal to package.json's (tested). */
export const GOSHIP_VERSION = "0.1.0";
