import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

const UPSTREAM = "https://proxy.golang.org";

/**
 * A GOPROXY on 127.0.0.1 that serves every golang.org/toolchain zip with one file's
 * content changed (still a valid zip, so only the checksum database can catch it) and
 * passes everything else, the /sumdb/ endpoints included, through to the real proxy.
 */
export async function startTamperingProxy(): Promise<{ url: string; close: () => Promise<void> }> {
  const work = mkdtempSync(join(tmpdir(), "goship-tamper-"));
  const server = createServer(async (req, res) => {
    try {
      const path = req.url ?? "/";
      const m = /^\/golang\.org\/toolchain\/@v\/(v[^/]+)\.zip$/.exec(path);
      if (m) {
        const tampered = join(work, `${m[1]}.zip`);
        if (!existsSync(tampered)) {
          const original = join(work, `${m[1]}.orig.zip`);
          execFileSync("curl", ["-sSfL", "-o", original, `${UPSTREAM}${path}`]);
          // Rewrite the zip with VERSION's content changed.
          execFileSync("python3", [
            "-c",
            `import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename.endswith("/VERSION"):
            data = data + b"\\ntampered\\n"
        info.compress_type = zipfile.ZIP_STORED
        zout.writestr(info, data)`,
            original,
            tampered,
          ]);
        }
        res.writeHead(200, { "content-type": "application/zip" });
        createReadStream(tampered).pipe(res);
        return;
      }
      const upstream = await fetch(`${UPSTREAM}${path}`);
      res.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "text/plain",
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (e) {
      res.writeHead(502);
      res.end(String(e));
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
