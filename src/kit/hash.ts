import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";

/**
 * sha256 and size of a file, read 1 MiB at a time into one reused buffer: a stream would
 * allocate a fresh buffer per read, a gigabyte of garbage for a gigabyte file.
 */
export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fh = await open(path, "r");
  let size = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return { sha256: hash.digest("hex"), size };
}

/** Offset of the first differing byte of two files, or undefined when they are identical. */
export async function firstDifference(a: string, b: string): Promise<number | undefined> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  const ra = createReadStream(a, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  const rb = createReadStream(b, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  let bufA: Buffer = Buffer.alloc(0);
  let bufB: Buffer = Buffer.alloc(0);
  let offset = 0;
  for (;;) {
    if (bufA.length === 0) {
      const n = await ra.next();
      bufA = n.done ? Buffer.alloc(0) : (n.value as Buffer);
    }
    if (bufB.length === 0) {
      const n = await rb.next();
      bufB = n.done ? Buffer.alloc(0) : (n.value as Buffer);
    }
    if (bufA.length === 0 || bufB.length === 0) {
      await Promise.all([ra.return?.(), rb.return?.()]);
      return sa.size === sb.size ? undefined : offset;
    }
    const n = Math.min(bufA.length, bufB.length);
    for (let i = 0; i < n; i++) {
      if (bufA[i] !== bufB[i]) {
        await Promise.all([ra.return?.(), rb.return?.()]);
        return offset + i;
      }
    }
    offset += n;
    bufA = bufA.subarray(n);
    bufB = bufB.subarray(n);
  }
}
