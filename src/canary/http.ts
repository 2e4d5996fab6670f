/**
 * One bounded HTTP GET for the metric sources: a deadline for the whole exchange (connect,
 * headers and body), a cap on the body, strict UTF-8, and no redirects followed (a metric
 * endpoint that redirects is misconfigured, and following one could carry a secret header to
 * another host). It never throws for what the network does: the caller maps each outcome.
 * Headers are sent and never repeated in a result.
 */

export type BoundedGet =
  | { ok: true; status: number; contentType: string | null; location: string | null; body: string }
  | { ok: false; kind: "timeout" | "network" | "too-large" | "encoding"; reason: string };

export interface BoundedGetOptions {
  headers?: Readonly<Record<string, string>>;
  timeoutMs: number;
  maxBytes: number;
}

export async function boundedGet(url: string, options: BoundedGetOptions): Promise<BoundedGet> {
  const signal = AbortSignal.timeout(Math.max(1, Math.round(options.timeoutMs)));
  try {
    const res = await fetch(url, { headers: { ...options.headers }, redirect: "manual", signal });
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > options.maxBytes) {
      await res.body?.cancel().catch(() => {});
      return tooLarge(options.maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > options.maxBytes) {
          await reader.cancel().catch(() => {});
          return tooLarge(options.maxBytes);
        }
        chunks.push(value);
      }
    }
    let body: string;
    try {
      body = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      return { ok: false, kind: "encoding", reason: "the answer is not UTF-8 text" };
    }
    return {
      ok: true,
      status: res.status,
      contentType: res.headers.get("content-type"),
      location: res.headers.get("location"),
      body,
    };
  } catch (e) {
    if (signal.aborted) {
      return {
        ok: false,
        kind: "timeout",
        reason: `no complete answer within ${Math.round(options.timeoutMs)} ms`,
      };
    }
    return { ok: false, kind: "network", reason: networkReason(e) };
  }
}

function tooLarge(max: number): BoundedGet {
  return { ok: false, kind: "too-large", reason: `the answer is larger than ${max} bytes` };
}

/**
 * fetch's "fetch failed" says nothing; its cause says ECONNREFUSED and the address. Other errors
 * are named only by their type: a message about a bad request could quote a header's value.
 */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.message === "string" && cause.message !== "") return cause.message;
  if (cause && typeof cause.code === "string") return cause.code;
  return `the request failed (${e instanceof Error ? e.name : typeof e})`;
}
