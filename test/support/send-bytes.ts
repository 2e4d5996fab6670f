import type { ServerResponse } from "node:http";

const CHUNK = 64 * 1024;

/**
 * Writes `body` (a buffer, or that many zero bytes) to an HTTP response in 64 KiB chunks,
 * each only once the socket took the one before, until everything is written or the client
 * goes away. Resolves, once the response is closed, with the bytes handed to the socket: what
 * the server managed to send, at most one chunk more than the client's side took. Tests of
 * size limits assert on it, not on time.
 */
export function sendBytes(res: ServerResponse, body: Buffer | number): Promise<number> {
  const total = typeof body === "number" ? body : body.length;
  const zeros = Buffer.alloc(CHUNK);
  let sent = 0;
  return new Promise((resolve) => {
    res.on("close", () => resolve(sent));
    res.on("error", () => undefined); // a client that hangs up is what these tests stage
    const pump = () => {
      while (sent < total && !res.destroyed) {
        const n = Math.min(CHUNK, total - sent);
        const chunk = typeof body === "number" ? zeros.subarray(0, n) : body.subarray(sent, sent + n);
        sent += n;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  });
}
