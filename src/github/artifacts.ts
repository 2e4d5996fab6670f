import { join } from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";
import { errorMessage, UserError } from "../kit/errors.js";

/**
 * Uploads one target's files as a workflow artifact. Artifact storage keeps no file
 * modes; the manifest fragment records them for package-release to restore.
 */
export async function uploadTargetArtifact(
  name: string,
  rootDir: string,
  files: readonly string[],
): Promise<number | undefined> {
  const client = new DefaultArtifactClient();
  try {
    const res = await client.uploadArtifact(
      name,
      files.map((f) => join(rootDir, f)),
      rootDir,
      { compressionLevel: 6 },
    );
    return res.id;
  } catch (e) {
    throw new UserError(`uploading artifact ${name} failed: ${errorMessage(e)}`);
  }
}
