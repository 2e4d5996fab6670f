import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { downloadFile, fetchBytes, fetchText, TooLargeError } from "../../src/kit/http.js";
import { sendBytes } from "../support/send-bytes.js";

/** What the server offers: far more than the 1000 bytes the client expects. */
const OFFERED = 64 * 1024 * 1024;
/**
 * What the server may get out before the client hangs up: the client's first reads plus what
 * the kernel's socket buffers on loopback hold (a few MiB). Reading everything would be OFFERED.
 */
const BOUND = 16 * 1024 * 1024;

let server: Server;
let base: string;
let dir: string;
/** Per request, in order: its path and the bytes the server managed to send. */
let served: { path: string; sent: Promise<number> }[];

beforeAll(async () => {
  // /chunked/<n>: n bytes with no Content-Length; /announced/<n>: n bytes, announced.
  server = createServer((req, res) => {
    const [, how = "", n = "0"] = (req.url ?? "/").split("/");
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      ...(how === "announced" ? { "content-length": n } : {}),
    });
    served.push({ path: req.url ?? "", sent: sendBytes(res, Number(n)) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), "goship-http-"));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  served = [];
});

/** The one request the server saw, and what it sent before the client went away. */
async function onlyRequest(): Promise<number> {
  expect(served.map((s) => s.path)).toHaveLength(1); // refused, not retried
  return (served[0] as (typeof served)[number]).sent;
}

describe("downloads stop at the size they expect", () => {
  it("downloadFile stops reading an answer that runs past maxBytes, and keeps nothing", async () => {
    const dest = join(dir, "chunked.bin");
    const err = await downloadFile(`${base}/chunked/${OFFERED}`, dest, { maxBytes: 1000 }).catch((e) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect((err as Error).message).toBe(
      `GET ${base}/chunked/${OFFERED}: the answer is larger than 1000 bytes, the most expected here; stopped reading`,
    );
    expect(await onlyRequest()).toBeLessThan(BOUND);
    expect(await readdir(dir)).toEqual([]);
  });

  it("downloadFile refuses an answer whose Content-Length is over maxBytes before reading it", async () => {
    const dest = join(dir, "announced.bin");
    const err = await downloadFile(`${base}/announced/${OFFERED}`, dest, { maxBytes: 1000 }).catch((e) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect((err as Error).message).toMatch(
      new RegExp(`the answer is ${OFFERED} bytes, more than 1000 bytes, the most expected here`),
    );
    expect(await onlyRequest()).toBeLessThan(BOUND);
    expect(await readdir(dir)).toEqual([]);
  });

  it("fetchText and fetchBytes stop the same way", async () => {
    for (const fetch of [fetchText, fetchBytes]) {
      served = [];
      await expect(fetch(`${base}/chunked/${OFFERED}`, { maxBytes: 1000 })).rejects.toThrow(TooLargeError);
      expect(await onlyRequest()).toBeLessThan(BOUND);
    }
  });

  it("an answer of exactly maxBytes is read whole", async () => {
    const zeros = createHash("sha256").update(Buffer.alloc(1000)).digest("hex");
    for (const how of ["chunked", "announced"]) {
      const dest = join(dir, `${how}-exact.bin`);
      const got = await downloadFile(`${base}/${how}/1000`, dest, { maxBytes: 1000, sha256: zeros });
      expect(got).toEqual({ path: dest, sha256: zeros, size: 1000 });
      expect((await fetchBytes(`${base}/${how}/1000`, { maxBytes: 1000 })).length).toBe(1000);
      expect((await fetchText(`${base}/${how}/1000`, { maxBytes: 1000 })).length).toBe(1000);
    }
  });
});
