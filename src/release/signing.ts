import { createHash, createPrivateKey, createPublicKey, type KeyObject, scrypt, verify } from "node:crypto";
import { promisify } from "node:util";
import { xsalsa20poly1305 } from "@noble/ciphers/salsa.js";
import { z } from "zod";
import { CHECKSUMS_FILE } from "../contract/manifest.js";
import { errorMessage, inputError, UserError } from "../kit/errors.js";
import { warning } from "../kit/log.js";
import {
  DsseEnvelope,
  type DsseEnvelopeT,
  IN_TOTO_PAYLOAD_TYPE,
  signDsseEnvelope,
  signP256,
  verifyDsseEnvelope,
} from "./dsse.js";
import { InTotoStatement } from "./provenance.js";

/**
 * Signing for package-release: an ECDSA P-256 key given as an input (cosign's encrypted
 * key or a plain PKCS#8 / SEC1 PEM), or keyless through GitHub's OIDC token and Sigstore
 * (@actions/attest). Key-mode output is what `cosign verify-blob --key` and
 * `openssl dgst -sha256 -verify` accept: a raw DER signature and a Sigstore bundle v0.3
 * with a public-key hint and no transparency-log entry.
 *
 * The caller masks the key and password; nothing here puts either (or anything derived
 * from them) into a message.
 */

export const KEY_INPUT = "signing-key";
export const PASSWORD_INPUT = "signing-key-password";

// ─── Loading the key ─────────────────────────────────────────────────────────────

export interface SigningKey {
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo PEM with a final newline: published as goship.pub. */
  publicKeyPem: string;
  /** Sigstore public-key hint; see publicKeyHint. */
  hint: string;
}

const ALLOWED_KEYS =
  'allowed: an ECDSA P-256 private key in PEM, either "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----" ' +
  `(cosign generate-key-pair; its password goes in "${PASSWORD_INPUT}") or "-----BEGIN PRIVATE KEY-----" ` +
  "(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)";

/** Names the input and says it is secret: the value itself never appears in a message. */
function keyError(input: string, problem: string): UserError {
  return new UserError(`input "${input}" (a secret, not shown) ${problem}`);
}

interface PemBlock {
  type: string;
  der: Buffer;
}

function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \1-----/g;
  for (const m of text.matchAll(re)) {
    // Header lines ("Proc-Type: …") only occur in legacy encrypted PEM, which we do not read.
    const body = (m[2] ?? "").replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) continue;
    blocks.push({ type: m[1] ?? "", der: Buffer.from(body, "base64") });
  }
  return blocks;
}

function toPem(type: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join("\n")}\n-----END ${type}-----\n`;
}

const SIGSTORE_ENCRYPTED = ["ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY"];
const PRIVATE_TYPES = [...SIGSTORE_ENCRYPTED, "PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

/**
 * Reads the `signing-key` input. Accepts cosign's encrypted key (scrypt + NaCl secretbox
 * around PKCS#8), PKCS#8 (also password-encrypted PKCS#8) and SEC1 "EC PRIVATE KEY";
 * the key must be ECDSA P-256. An encrypted key with no password is tried with the
 * empty password, which cosign allows.
 */
export async function loadSigningKey(pem: string, password?: string): Promise<SigningKey> {
  // A PEM pasted into a one-line variable sometimes arrives with literal "\n" escapes.
  const text = !pem.includes("\n") && pem.includes("\\n") ? pem.replace(/(?:\\r)?\\n/g, "\n") : pem;
  const blocks = pemBlocks(text);
  const privateBlocks = blocks.filter((b) => PRIVATE_TYPES.includes(b.type));
  if (privateBlocks.length === 0) {
    if (blocks.some((b) => b.type === "PUBLIC KEY")) {
      throw keyError(KEY_INPUT, `holds a public key; signing needs the private key. ${ALLOWED_KEYS}`);
    }
    if (blocks.some((b) => b.type === "RSA PRIVATE KEY")) {
      throw keyError(KEY_INPUT, `is an RSA key; goship signs with ECDSA P-256 only. ${ALLOWED_KEYS}`);
    }
    if (blocks.some((b) => b.type === "OPENSSH PRIVATE KEY")) {
      throw keyError(KEY_INPUT, `is an OpenSSH key; ${ALLOWED_KEYS}`);
    }
    const first = blocks[0];
    if (first) throw keyError(KEY_INPUT, `is a PEM "${first.type}" block; ${ALLOWED_KEYS}`);
    if (text.includes("-----BEGIN")) {
      // e.g. OpenSSL's legacy encryption ("Proc-Type: 4,ENCRYPTED" headers inside the block)
      throw keyError(
        KEY_INPUT,
        `has a PEM block goship cannot read (convert it with openssl pkcs8 -topk8); ${ALLOWED_KEYS}`,
      );
    }
    throw keyError(
      KEY_INPUT,
      `is not PEM text (give the key file's contents, not its path); ${ALLOWED_KEYS}`,
    );
  }
  if (privateBlocks.length > 1) {
    throw keyError(
      KEY_INPUT,
      `holds ${privateBlocks.length} private keys; give exactly one. ${ALLOWED_KEYS}`,
    );
  }
  const block = privateBlocks[0] as PemBlock;
  let privateKey: KeyObject;
  if (SIGSTORE_ENCRYPTED.includes(block.type)) {
    privateKey = decryptedPkcs8Key(await decryptSigstoreKey(block.der, password));
  } else if (block.type === "ENCRYPTED PRIVATE KEY") {
    privateKey = encryptedPkcs8Key(block, password);
  } else {
    // A password the key does not need is not silently dropped: a wrong secret may be wired in.
    if (password)
      warning(
        `signing-key-password is set, but the signing key is not encrypted (a "${block.type}" PEM block): the password is not used. Remove it, or encrypt the key (cosign generate-key-pair, or openssl pkcs8 -topk8 -v2 aes-256-cbc)`,
      );
    try {
      privateKey = createPrivateKey({ key: toPem(block.type, block.der), format: "pem" });
    } catch {
      throw keyError(
        KEY_INPUT,
        `is a "${block.type}" PEM block whose content is not a valid key; ${ALLOWED_KEYS}`,
      );
    }
  }
  assertP256(privateKey);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }) as string,
    hint: publicKeyHint(publicKey),
  };
}

function decryptedPkcs8Key(der: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    throw keyError(KEY_INPUT, `decrypts to something that is not a PKCS#8 private key; ${ALLOWED_KEYS}`);
  }
}

function encryptedPkcs8Key(block: PemBlock, password: string | undefined): KeyObject {
  if (!password) {
    throw keyError(
      KEY_INPUT,
      `is an encrypted PKCS#8 key and input "${PASSWORD_INPUT}" is empty: set it to the key's password`,
    );
  }
  try {
    return createPrivateKey({ key: toPem(block.type, block.der), format: "pem", passphrase: password });
  } catch {
    throw keyError(
      PASSWORD_INPUT,
      `does not decrypt input "${KEY_INPUT}" (an encrypted PKCS#8 key): use the key's password`,
    );
  }
}

function assertP256(key: KeyObject): void {
  const what = describeKey(key);
  if (what === undefined) return;
  throw keyError(KEY_INPUT, `is ${what}; goship signs with ECDSA P-256 only. ${ALLOWED_KEYS}`);
}

/** What a key is, in words ("an EC P-384 key", "an RSA key"); undefined for ECDSA P-256, the one goship uses. */
function describeKey(key: KeyObject): string | undefined {
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (type === "ec" && curve === "prime256v1") return undefined;
  const names: Record<string, string> = { secp384r1: "P-384", secp521r1: "P-521", secp256k1: "secp256k1" };
  return type === "ec"
    ? `an EC ${names[curve ?? ""] ?? curve ?? "unknown-curve"} key`
    : type === "rsa" || type === "rsa-pss"
      ? "an RSA key"
      : type === "ed25519"
        ? "an Ed25519 key"
        : `a${/^[aeiou]/i.test(type ?? "") ? "n" : ""} ${type ?? "unknown"} key`;
}

/**
 * Sigstore's public-key hint, as cosign writes it into bundles (verificationMaterial.publicKey.hint):
 * standard base64 of the SHA-256 of the DER SubjectPublicKeyInfo. Only a hint for
 * picking a key; verification never trusts it.
 */
export function publicKeyHint(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

// cosign's encrypted key (go-securesystemslib "encrypted"): JSON with base64 []byte fields.
const Bytes = z.base64().transform((s) => Buffer.from(s, "base64"));
const SigstoreEncryptedKey = z.object({
  kdf: z.object({
    name: z.literal("scrypt"),
    params: z.object({
      N: z
        .number()
        .int()
        .min(2)
        .refine((n) => Number.isInteger(Math.log2(n)), "a power of two"),
      r: z.number().int().min(1).max(64),
      p: z.number().int().min(1).max(16),
    }),
    salt: Bytes,
  }),
  cipher: z.object({
    name: z.literal("nacl/secretbox"),
    nonce: Bytes.refine((b) => b.length === 24, "24 bytes"),
  }),
  ciphertext: Bytes,
});

/** Above this much scrypt memory a key file is treated as hostile (cosign's is 64 MiB). */
const MiB = 1024 * 1024;
const MAX_SCRYPT_BYTES = 512 * MiB;

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

async function decryptSigstoreKey(json: Buffer, password: string | undefined): Promise<Buffer> {
  let parsed: z.infer<typeof SigstoreEncryptedKey>;
  try {
    parsed = SigstoreEncryptedKey.parse(JSON.parse(json.toString("utf8")));
  } catch (e) {
    // zod's paths name fields, never values; JSON.parse's message could quote content.
    const where = e instanceof z.ZodError ? ` (at ${e.issues.map((i) => i.path.join(".")).join(", ")})` : "";
    throw keyError(
      KEY_INPUT,
      `is an encrypted Sigstore key whose content is not what cosign writes${where}: JSON with kdf "scrypt" and cipher "nacl/secretbox"`,
    );
  }
  const { N, r, p } = parsed.kdf.params;
  const memory = 128 * N * r * p;
  if (memory > MAX_SCRYPT_BYTES) {
    throw keyError(
      KEY_INPUT,
      `asks for scrypt parameters needing ${Math.round(memory / MiB)} MiB; at most ${MAX_SCRYPT_BYTES / MiB} MiB is allowed`,
    );
  }
  const candidates = [password ?? ""];
  // A secret stored from a file often keeps the file's final newline.
  const trimmed = candidates[0]?.replace(/\r?\n$/, "");
  if (trimmed !== undefined && trimmed !== candidates[0]) candidates.push(trimmed);
  for (const candidate of candidates) {
    const key = await scryptAsync(candidate, parsed.kdf.salt, 32, {
      N,
      r,
      p,
      // Node refuses more than 32 MiB by default; cosign's N=65536, r=8 needs 64 MiB.
      maxmem: memory + 16 * MiB,
    });
    try {
      return Buffer.from(xsalsa20poly1305(key, parsed.cipher.nonce).decrypt(parsed.ciphertext));
    } catch {
      // authentication failed: wrong password (or a damaged key); try the next candidate
    }
  }
  if (!password) {
    throw keyError(
      KEY_INPUT,
      `is an encrypted Sigstore key and input "${PASSWORD_INPUT}" is empty: set it to the password the key was made with (COSIGN_PASSWORD of cosign generate-key-pair)`,
    );
  }
  throw keyError(
    PASSWORD_INPUT,
    `does not decrypt input "${KEY_INPUT}" (secretbox authentication failed): use the password the key was made with (COSIGN_PASSWORD of cosign generate-key-pair)`,
  );
}

/**
 * Where a verifying public key came from, for errors: the input (deploy-systemd's
 * `public-key`, `goship verify --public-key`) and its value as shown (a file's path, or the
 * first line of the PEM text).
 */
export interface PublicKeyInput {
  input: string;
  value: string;
}

/** What a verifying public key must be, in every error about one. */
export const PUBLIC_KEY_ALLOWED =
  'the PEM public key ("-----BEGIN PUBLIC KEY-----") of the ECDSA P-256 key that signed the release: your goship.pub';

/** deploy-systemd's public-key input, shown by its first line: PEM text is long, and says nothing more before it parses. */
export function publicKeyInput(pem: string, input = "public-key"): PublicKeyInput {
  const lines = pem.trim().split("\n");
  return { input, value: lines.length > 1 ? `${lines[0]}…` : (lines[0] ?? "") };
}

/** Reads a public key (goship.pub) for verification; it must be ECDSA P-256. */
export function loadPublicKey(pem: string, from: PublicKeyInput = publicKeyInput(pem)): KeyObject {
  // Node derives a public key from a private one too: a private key is not what a verifier is given.
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(pem))
    throw inputError(
      from.input,
      from.value,
      `${PUBLIC_KEY_ALLOWED}; this is a private key (its public half: openssl pkey -pubout)`,
    );
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch {
    throw inputError(from.input, from.value, `${PUBLIC_KEY_ALLOWED}; this is not a PEM public key`);
  }
  const what = describeKey(key);
  if (what !== undefined) throw inputError(from.input, from.value, `${PUBLIC_KEY_ALLOWED}; this is ${what}`);
  return key;
}

// ─── Sigstore bundle ─────────────────────────────────────────────────────────────

export const BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
/** Media types a bundle read back may have (sigstore-js and cosign still write the older ones). */
const BUNDLE_MEDIA_TYPES = [
  BUNDLE_MEDIA_TYPE,
  "application/vnd.dev.sigstore.bundle+json;version=0.3",
  "application/vnd.dev.sigstore.bundle+json;version=0.2",
  "application/vnd.dev.sigstore.bundle+json;version=0.1",
] as const;

const Base64 = z.base64();

const HashOutput = z.object({
  algorithm: z.enum(["SHA2_256", "SHA2_384", "SHA2_512"]),
  digest: Base64,
});

/** Read for shape only; verifying log entries is Sigstore's verifier's job. Unknown fields kept. */
const TransparencyLogEntry = z.looseObject({
  logIndex: z.string(),
  logId: z.object({ keyId: Base64 }),
  kindVersion: z.object({ kind: z.string(), version: z.string() }),
  integratedTime: z.string(),
  canonicalizedBody: Base64,
});

const RawBytes = z.object({ rawBytes: Base64 });

const VerificationMaterial = z
  .object({
    publicKey: z.object({ hint: z.string() }).optional(),
    certificate: RawBytes.optional(),
    x509CertificateChain: z.object({ certificates: z.array(RawBytes).min(1) }).optional(),
    tlogEntries: z.array(TransparencyLogEntry).optional(),
    timestampVerificationData: z
      .looseObject({ rfc3161Timestamps: z.array(z.object({ signedTimestamp: Base64 })).optional() })
      .optional(),
  })
  .refine(
    (v) => [v.publicKey, v.certificate, v.x509CertificateChain].filter((x) => x !== undefined).length === 1,
    "exactly one of publicKey, certificate, x509CertificateChain",
  );

export const MessageSignature = z.object({
  messageDigest: HashOutput.optional(),
  signature: Base64.min(1),
});

/** A Sigstore bundle (protobuf-specs Bundle, JSON form): a message signature or a DSSE envelope. */
export const SigstoreBundle = z
  .object({
    mediaType: z.enum(BUNDLE_MEDIA_TYPES),
    verificationMaterial: VerificationMaterial,
    messageSignature: MessageSignature.optional(),
    dsseEnvelope: DsseEnvelope.optional(),
  })
  .refine(
    (b) => (b.messageSignature === undefined) !== (b.dsseEnvelope === undefined),
    "exactly one of messageSignature, dsseEnvelope",
  );
export type SigstoreBundleT = z.infer<typeof SigstoreBundle>;

/**
 * The bundle for a key signature of a blob, shaped as `cosign sign-blob --key` writes it
 * offline: a public-key hint and no tlogEntries or timestamps (key mode logs nowhere).
 */
export function messageSignatureBundle(hint: string, sha256: Buffer, signature: Buffer): SigstoreBundleT {
  return {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint } },
    messageSignature: {
      messageDigest: { algorithm: "SHA2_256", digest: sha256.toString("base64") },
      signature: signature.toString("base64"),
    },
  };
}

/** The bundle for a key-signed DSSE envelope (`cosign verify-blob-attestation --key` reads it). */
export function dsseBundle(hint: string, envelope: DsseEnvelopeT): SigstoreBundleT {
  return {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint } },
    dsseEnvelope: envelope,
  };
}

// ─── Signers ─────────────────────────────────────────────────────────────────────

export interface BlobSignature {
  /** DER ECDSA-SHA256 signature of the blob (the `.sig` file). Key mode only: keyless signs an attestation. */
  signature?: Buffer;
  bundle: SigstoreBundleT;
}

export interface DsseSignature {
  envelope: DsseEnvelopeT;
  /** The envelope with its verification material: what a verifier needs besides the payload. */
  bundle: SigstoreBundleT;
}

export interface Signer {
  kind: "key" | "keyless";
  /**
   * Signs a small file (SHA256SUMS). `name` is the file's name; keyless mode puts it in
   * the attestation's subject.
   */
  signBlob(data: Buffer, name?: string): Promise<BlobSignature>;
  /** Signs a payload (an in-toto statement) into a DSSE envelope. */
  signDsse(payloadType: string, payload: Buffer): Promise<DsseSignature>;
}

export interface KeySigner extends Signer {
  kind: "key";
  publicKeyPem: string;
  hint: string;
}

export function keySigner(key: SigningKey): KeySigner {
  return {
    kind: "key",
    publicKeyPem: key.publicKeyPem,
    hint: key.hint,
    async signBlob(data) {
      const signature = signP256(data, key.privateKey);
      const digest = createHash("sha256").update(data).digest();
      return { signature, bundle: messageSignatureBundle(key.hint, digest, signature) };
    },
    async signDsse(payloadType, payload) {
      const envelope = signDsseEnvelope(payloadType, payload, key.privateKey);
      return { envelope, bundle: dsseBundle(key.hint, envelope) };
    },
  };
}

export interface KeylessOptions {
  /**
   * Token that may write attestations to the repository (`attestations: write`). With
   * it, attestations are also stored on GitHub (so `gh attestation verify` finds them);
   * without it they are only returned.
   */
  githubToken?: string;
  /** Sigstore instance; @actions/attest picks public-good for public repositories, GitHub's otherwise. */
  sigstore?: "public-good" | "github";
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Keyless signing through @actions/attest: a Fulcio certificate for the workflow's OIDC
 * identity, logged in Rekor (or GitHub's Sigstore with a timestamp for private
 * repositories). It cannot sign a bare blob, so signBlob attests SLSA build provenance
 * of the run with the blob (SHA256SUMS) as subject; `gh attestation verify SHA256SUMS
 * --repo OWNER/REPO [--bundle SHA256SUMS.sigstore.json]` checks it.
 */
export function keylessSigner(options: KeylessOptions = {}): Signer {
  const env = options.env ?? process.env;
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new UserError(
      "keyless signing needs `permissions: id-token: write` (and `attestations: write`) in the workflow (ACTIONS_ID_TOKEN_REQUEST_URL is not set); " +
        `grant it, or give input "${KEY_INPUT}" to sign with a key`,
    );
  }
  const common = {
    token: options.githubToken ?? "",
    skipWrite: !options.githubToken,
    ...(options.sigstore ? { sigstore: options.sigstore } : {}),
  };
  return {
    kind: "keyless",
    async signBlob(data, name = CHECKSUMS_FILE) {
      const { attestProvenance } = await import("@actions/attest");
      const sha256 = createHash("sha256").update(data).digest("hex");
      const attestation = await sigstoreCall(() =>
        attestProvenance({ ...common, subjects: [{ name, digest: { sha256 } }] }),
      );
      return { bundle: readBundle(attestation.bundle) };
    },
    async signDsse(payloadType, payload) {
      // attest() builds and signs the statement itself: take ours apart and hand it the
      // pieces. The signed bytes are attest's serialization, so use the returned envelope's.
      if (payloadType !== IN_TOTO_PAYLOAD_TYPE) {
        throw new Error(`keyless DSSE signing only takes in-toto statements, not ${payloadType}`);
      }
      const statement = InTotoStatement.parse(JSON.parse(payload.toString("utf8")));
      const { attest } = await import("@actions/attest");
      const attestation = await sigstoreCall(() =>
        attest({
          ...common,
          subjects: statement.subject,
          predicateType: statement.predicateType,
          predicate: statement.predicate,
        }),
      );
      const bundle = readBundle(attestation.bundle);
      if (!bundle.dsseEnvelope) throw new Error("@actions/attest returned a bundle without a DSSE envelope");
      return { envelope: bundle.dsseEnvelope, bundle };
    },
  };
}

async function sigstoreCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new UserError(`keyless signing through Sigstore failed: ${errorMessage(e)}`);
  }
}

function readBundle(json: unknown): SigstoreBundleT {
  const parsed = SigstoreBundle.safeParse(json);
  if (!parsed.success)
    throw new Error(`@actions/attest returned a bundle we cannot read: ${parsed.error.message}`);
  return parsed.data;
}

// ─── Verification ────────────────────────────────────────────────────────────────

/** True when `signature` (DER ECDSA-SHA256, the `.sig` file) is `data`'s signature by the PEM key. */
export function verifyBlob(data: Buffer, signature: Buffer, publicKeyPem: string): boolean {
  const key = loadPublicKey(publicKeyPem);
  try {
    return verify("sha256", data, key, signature);
  } catch {
    return false; // not DER
  }
}

/**
 * True when a key-mode message-signature bundle is `data`'s signature by the PEM key:
 * the digest in the bundle matches `data` and the signature verifies.
 */
export function verifyBlobBundle(data: Buffer, bundle: SigstoreBundleT, publicKeyPem: string): boolean {
  const message = bundle.messageSignature;
  if (!message) return false;
  const digest = message.messageDigest;
  if (digest) {
    if (digest.algorithm !== "SHA2_256") return false;
    if (!createHash("sha256").update(data).digest().equals(Buffer.from(digest.digest, "base64")))
      return false;
  }
  return verifyBlob(data, Buffer.from(message.signature, "base64"), publicKeyPem);
}

/** True when one of the envelope's signatures is by the PEM key (over PAE(payloadType, payload)). */
export function verifyDsse(envelope: DsseEnvelopeT, publicKeyPem: string): boolean {
  return verifyDsseEnvelope(envelope, loadPublicKey(publicKeyPem));
}

/**
 * Whether a PEM text is a public key, the same as `publicKeyPem` (their DER
 * SubjectPublicKeyInfo). A private key is never one, though Node would derive its public key.
 */
export function samePublicKey(pem: string, publicKeyPem: string): boolean {
  if (pem.includes("PRIVATE KEY") || !pem.includes("-----BEGIN PUBLIC KEY-----")) return false;
  try {
    const der = (p: string) => createPublicKey(p).export({ type: "spki", format: "der" });
    return der(pem).equals(der(publicKeyPem));
  } catch {
    return false;
  }
}
