import { type KeyObject, verify } from "node:crypto";
import { p256 } from "@noble/curves/nist.js";
import { z } from "zod";

/**
 * DSSE (Dead Simple Signing Envelope, https://github.com/secure-systems-lab/dsse):
 * the envelope in-toto statements (SLSA provenance) are signed in, and the content of
 * a Sigstore bundle made for an attestation. Signatures are ECDSA P-256 over SHA-256,
 * DER-encoded, computed over PAE(payloadType, payload), never over the payload alone.
 */

/** The payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

/** DSSE allows standard and URL-safe base64; Sigstore writes standard. */
const Base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, "base64");

export const DsseSignature = z.object({
  /** Unauthenticated hint for which key made `sig`. goship leaves it out; see signDsseEnvelope. */
  keyid: z.string().optional(),
  sig: Base64.min(1),
});

export const DsseEnvelope = z.object({
  payloadType: z.string().min(1),
  payload: Base64,
  signatures: z.array(DsseSignature).min(1),
});
export type DsseEnvelopeT = z.infer<typeof DsseEnvelope>;

/**
 * The pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body,
 * lengths as ASCII decimal byte counts. Signing this, not the bare payload, binds the
 * payload type to the signature.
 */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, "ascii"),
    type,
    Buffer.from(` ${payload.length} `, "ascii"),
    payload,
  ]);
}

/**
 * Signs `payload` into a one-signature envelope with an EC private key (ECDSA, SHA-256,
 * DER). No keyid unless asked for: cosign writes none, and its verifier (go-securesystemslib)
 * skips a signature whose keyid differs from the one it derives for the key, so the
 * Sigstore hint as keyid makes `cosign verify-blob-attestation --key` fail.
 */
export function signDsseEnvelope(
  payloadType: string,
  payload: Buffer,
  privateKey: KeyObject,
  keyid?: string,
): DsseEnvelopeT {
  const sig = signP256(pae(payloadType, payload), privateKey).toString("base64");
  return {
    payloadType,
    payload: payload.toString("base64"),
    signatures: [keyid === undefined ? { sig } : { keyid, sig }],
  };
}

/**
 * True when at least one of the envelope's signatures verifies with `publicKey`. keyid
 * is only a hint, so it plays no part. The payload type is authenticated by the
 * signature; checking that it is the expected one is the caller's job.
 * (signing.ts's verifyDsse takes the public key as PEM.)
 */
export function verifyDsseEnvelope(envelope: DsseEnvelopeT, publicKey: KeyObject): boolean {
  const message = pae(envelope.payloadType, dssePayload(envelope));
  return envelope.signatures.some((s) => {
    try {
      return verify("sha256", message, publicKey, Buffer.from(s.sig, "base64"));
    } catch {
      return false; // a signature that is not even DER
    }
  });
}

/** The payload bytes. Use them only after the envelope verified. */
export function dssePayload(envelope: DsseEnvelopeT): Buffer {
  return Buffer.from(envelope.payload, "base64");
}

/**
 * ECDSA P-256 over SHA-256 with RFC 6979 nonces, DER-encoded. node:crypto picks a random
 * nonce, so every run would sign the same SHA256SUMS differently; deterministic nonces
 * make a re-run produce byte-identical signatures (and so identical release assets).
 */
export function signP256(data: Buffer, privateKey: KeyObject): Buffer {
  const jwk = privateKey.export({ format: "jwk" });
  if (jwk.crv !== "P-256" || !jwk.d) throw new Error("signP256 needs an EC P-256 private key");
  const secret = Buffer.from(jwk.d, "base64url");
  return Buffer.from(p256.sign(data, secret, { prehash: true, format: "der" }));
}
