import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stableJson } from "../../src/contract/manifest.js";
import { UserError } from "../../src/kit/errors.js";
import { execFile } from "../../src/kit/exec.js";
import { DsseEnvelope, dssePayload, IN_TOTO_PAYLOAD_TYPE, pae } from "../../src/release/dsse.js";
import {
  keylessSigner,
  keySigner,
  loadSigningKey,
  type SigningKey,
  SigstoreBundle,
  samePublicKey,
  verifyBlob,
  verifyBlobBundle,
  verifyDsse,
} from "../../src/release/signing.js";
import { needTools, pinnedTool } from "../support/tools.js";

needTools("cosign");

let tmp: string;
let cosign: string;
/** cosign gets its own HOME: proof that key-mode verification needs no TUF root and no network. */
let cosignEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "goship-signing-"));
  cosign = pinnedTool("cosign");
  await mkdir(path.join(tmp, "home"));
  cosignEnv = { PATH: process.env.PATH, HOME: path.join(tmp, "home") };
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const at = (name: string) => path.join(tmp, name);

async function openssl(args: string[], allowFailure = false) {
  return execFile("openssl", args, { allowFailure });
}

/** The check a user runs with openssl alone: `openssl dgst -sha256 -verify PUB -signature SIG FILE`. */
function opensslVerify(pub: string, sig: string, file: string) {
  return openssl(["dgst", "-sha256", "-verify", at(pub), "-signature", at(sig), at(file)], true);
}

/** Runs the pinned cosign; the caller checks the exit code. */
function runCosign(args: string[], env: NodeJS.ProcessEnv = {}) {
  return execFile(cosign, args, { env: { ...cosignEnv, ...env }, timeoutMs: 60_000, allowFailure: true });
}

/** The verification goship documents for a key-signed release: short, offline. */
const cosignVerifyBlob = (pub: string, bundle: string, file: string) =>
  runCosign(["verify-blob", "--key", at(pub), "--bundle", at(bundle), "--insecure-ignore-tlog", at(file)]);

/** Offline signing in cosign v3: no signing config (TUF) and no Rekor upload. */
const COSIGN_OFFLINE = ["--use-signing-config=false", "--tlog-upload=false", "--yes"];

/** A P-256 PKCS#8 key from openssl, as a user would make one. */
async function opensslKey(name: string, args: string[] = ["-pkeyopt", "ec_paramgen_curve:P-256"]) {
  await openssl(["genpkey", "-algorithm", "EC", ...args, "-out", at(name)]);
  return readFile(at(name), "utf8");
}

function flipByte(data: Buffer, index = 7): Buffer {
  const copy = Buffer.from(data);
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

const SUMS = Buffer.from(
  [
    `${"a".repeat(64)}  gin-app_1.2.3_linux_amd64.tar.gz`,
    `${"b".repeat(64)}  gin-app_1.2.3_windows_amd64.zip`,
    "",
  ].join("\n"),
);

/** Every base64 line of a PEM: none of them may show up in an error message. */
function secretLines(pem: string): string[] {
  return pem.split("\n").filter((l) => l.length > 16 && !l.startsWith("-----"));
}

async function loadError(pem: string, password?: string): Promise<UserError> {
  const e = await loadSigningKey(pem, password).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  const message = (e as UserError).message;
  for (const line of secretLines(pem)) expect(message).not.toContain(line);
  if (password) expect(message).not.toContain(password);
  return e as UserError;
}

describe("a PKCS#8 P-256 key from openssl", () => {
  let key: SigningKey;

  beforeAll(async () => {
    const pem = await opensslKey("openssl.key");
    key = await loadSigningKey(pem);
    await writeFile(at("SHA256SUMS"), SUMS);
    const signed = await keySigner(key).signBlob(SUMS, "SHA256SUMS");
    await writeFile(at("SHA256SUMS.sig"), signed.signature as Buffer);
    await writeFile(at("SHA256SUMS.sig.b64"), (signed.signature as Buffer).toString("base64"));
    await writeFile(at("SHA256SUMS.sigstore.json"), stableJson(signed.bundle));
    await writeFile(at("goship.pub"), key.publicKeyPem);
    await writeFile(at("SHA256SUMS.tampered"), flipByte(SUMS));
  });

  it("has openssl's public key and cosign's hint (base64 sha256 of the DER SPKI)", async () => {
    const pub = await openssl(["pkey", "-in", at("openssl.key"), "-pubout"]);
    expect(key.publicKeyPem).toBe(pub.stdout);
    await openssl(["pkey", "-in", at("openssl.key"), "-pubout", "-outform", "DER", "-out", at("pub.der")]);
    const der = await readFile(at("pub.der"));
    expect(key.hint).toBe(createHash("sha256").update(der).digest("base64"));
    expect(key.privateKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });

  it("writes a raw DER signature that openssl verifies", async () => {
    expect((await opensslVerify("goship.pub", "SHA256SUMS.sig", "SHA256SUMS")).stdout.trim()).toBe(
      "Verified OK",
    );
    const bad = await opensslVerify("goship.pub", "SHA256SUMS.sig", "SHA256SUMS.tampered");
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toContain("Verification failure");
  });

  it("writes a Sigstore bundle that cosign verify-blob --key accepts, offline", async () => {
    const ok = await cosignVerifyBlob("goship.pub", "SHA256SUMS.sigstore.json", "SHA256SUMS");
    expect(ok.stderr).toContain("Verified OK");
    expect(ok.code).toBe(0);
    const bad = await cosignVerifyBlob("goship.pub", "SHA256SUMS.sigstore.json", "SHA256SUMS.tampered");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("invalid signature");
    // A bundle whose signature was altered fails on the intact file too.
    const bundle = JSON.parse(await readFile(at("SHA256SUMS.sigstore.json"), "utf8"));
    const sig = Buffer.from(bundle.messageSignature.signature, "base64");
    bundle.messageSignature.signature = flipByte(sig, 20).toString("base64");
    await writeFile(at("SHA256SUMS.altered.json"), stableJson(bundle));
    const altered = await cosignVerifyBlob("goship.pub", "SHA256SUMS.altered.json", "SHA256SUMS");
    expect(altered.code).not.toBe(0);
    expect(altered.stderr).toContain("invalid signature");
  });

  it("has a .sig that cosign verify-blob --signature accepts, raw DER or base64", async () => {
    const verifySig = (sig: string, file: string) =>
      runCosign([
        "verify-blob",
        "--key",
        at("goship.pub"),
        "--signature",
        at(sig),
        "--insecure-ignore-tlog",
        at(file),
      ]);
    for (const sig of ["SHA256SUMS.sig", "SHA256SUMS.sig.b64"]) {
      const ok = await verifySig(sig, "SHA256SUMS");
      expect(ok.stderr).toContain("Verified OK");
      expect(ok.code).toBe(0);
    }
    const bad = await verifySig("SHA256SUMS.sig", "SHA256SUMS.tampered");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("invalid signature");
  });

  it("reads its bundle back through the schema, and verifies it", async () => {
    const bundle = SigstoreBundle.parse(JSON.parse(await readFile(at("SHA256SUMS.sigstore.json"), "utf8")));
    expect(bundle).toEqual({
      mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
      verificationMaterial: { publicKey: { hint: key.hint } },
      messageSignature: {
        messageDigest: { algorithm: "SHA2_256", digest: createHash("sha256").update(SUMS).digest("base64") },
        signature: (await readFile(at("SHA256SUMS.sig"))).toString("base64"),
      },
    });
    expect(verifyBlobBundle(SUMS, bundle, key.publicKeyPem)).toBe(true);
    expect(verifyBlobBundle(flipByte(SUMS), bundle, key.publicKeyPem)).toBe(false);
    const other = await loadSigningKey(await opensslKey("other.key"));
    expect(verifyBlobBundle(SUMS, bundle, other.publicKeyPem)).toBe(false);
  });

  it("verifyBlob agrees with openssl", async () => {
    const sig = await readFile(at("SHA256SUMS.sig"));
    expect(verifyBlob(SUMS, sig, key.publicKeyPem)).toBe(true);
    expect(verifyBlob(flipByte(SUMS), sig, key.publicKeyPem)).toBe(false);
    expect(verifyBlob(SUMS, flipByte(sig, 20), key.publicKeyPem)).toBe(false);
    expect(verifyBlob(SUMS, Buffer.from("not DER"), key.publicKeyPem)).toBe(false);
    expect(() => verifyBlob(SUMS, sig, "not a key")).toThrow(UserError);
  });

  it("rejects a bundle schema violation", () => {
    const noContent = {
      mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
      verificationMaterial: { publicKey: { hint: "x" } },
    };
    expect(SigstoreBundle.safeParse(noContent).success).toBe(false);
    const twoKeys = {
      ...noContent,
      verificationMaterial: { publicKey: { hint: "x" }, certificate: { rawBytes: "AAAA" } },
      messageSignature: { signature: "AAAA" },
    };
    expect(SigstoreBundle.safeParse(twoKeys).success).toBe(false);
  });
});

describe("other key encodings", () => {
  it("reads a SEC1 EC PRIVATE KEY, even after an EC PARAMETERS block", async () => {
    await openssl(["ecparam", "-name", "prime256v1", "-genkey", "-out", at("sec1.key")]);
    const pem = await readFile(at("sec1.key"), "utf8");
    expect(pem).toContain("BEGIN EC PARAMETERS");
    const key = await loadSigningKey(pem);
    const pub = await openssl(["pkey", "-in", at("sec1.key"), "-pubout"]);
    expect(key.publicKeyPem).toBe(pub.stdout);
  });

  it("reads a PEM whose newlines arrived as \\n escapes, with surrounding blanks", async () => {
    const pem = await opensslKey("escaped.key");
    const key = await loadSigningKey(`  ${pem.trim().replaceAll("\n", "\\n")}  `);
    expect(key.publicKeyPem).toBe((await loadSigningKey(pem)).publicKeyPem);
  });

  it("reads a password-encrypted PKCS#8 key", async () => {
    const encrypt = ["-aes-256-cbc", "-pass", "pass:s3cret"];
    const pem = await opensslKey("enc.key", ["-pkeyopt", "ec_paramgen_curve:P-256", ...encrypt]);
    expect(pem).toContain("BEGIN ENCRYPTED PRIVATE KEY");
    const key = await loadSigningKey(pem, "s3cret");
    const pub = await openssl(["pkey", "-in", at("enc.key"), "-passin", "pass:s3cret", "-pubout"]);
    expect(key.publicKeyPem).toBe(pub.stdout);
    expect((await loadError(pem, "wrong")).message).toMatch(
      /^input "signing-key-password" .*does not decrypt/,
    );
    expect((await loadError(pem)).message).toContain('input "signing-key-password" is empty');
  });
});

describe("a cosign generate-key-pair key", () => {
  let pem: string;
  let cosignPub: string;
  const password = { COSIGN_PASSWORD: "correct horse" };

  async function generateKeyPair(prefix: string, password: string) {
    await execFile(cosign, ["generate-key-pair", "--output-key-prefix", prefix], {
      cwd: tmp,
      env: { ...cosignEnv, COSIGN_PASSWORD: password },
      timeoutMs: 60_000,
    });
  }

  beforeAll(async () => {
    await generateKeyPair("cosign", "correct horse");
    pem = await readFile(at("cosign.key"), "utf8");
    cosignPub = await readFile(at("cosign.pub"), "utf8");
  });

  it("decrypts with the right password to cosign's public key", async () => {
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n/);
    const key = await loadSigningKey(pem, "correct horse");
    expect(key.publicKeyPem).toBe(cosignPub);
  });

  it("forgives the final newline a secret read from a file keeps", async () => {
    const key = await loadSigningKey(pem, "correct horse\n");
    expect(key.publicKeyPem).toBe(cosignPub);
  });

  it("says the password is wrong, naming signing-key-password", async () => {
    const e = await loadError(pem, "battery staple");
    expect(e.message).toMatch(
      /^input "signing-key-password" \(a secret, not shown\) does not decrypt input "signing-key"/,
    );
    expect(e.message).toContain("COSIGN_PASSWORD");
  });

  it("says the password is missing", async () => {
    const e = await loadError(pem);
    expect(e.message).toMatch(
      /^input "signing-key" .*encrypted Sigstore key and input "signing-key-password" is empty/,
    );
    expect((await loadError(pem, "")).message).toBe(e.message);
  });

  it("reads a key made with an empty password without one", async () => {
    await generateKeyPair("nopass", "");
    const key = await loadSigningKey(await readFile(at("nopass.key"), "utf8"));
    expect(key.publicKeyPem).toBe(await readFile(at("nopass.pub"), "utf8"));
  });

  it("signs what cosign signs: same hint, and each verifies the other's bundle", async () => {
    const key = await loadSigningKey(pem, "correct horse");
    await writeFile(at("blob"), SUMS);
    const signed = await runCosign(
      [
        "sign-blob",
        "--key",
        at("cosign.key"),
        "--bundle",
        at("blob.cosign.json"),
        ...COSIGN_OFFLINE,
        at("blob"),
      ],
      password,
    );
    expect(signed.code, signed.stderr).toBe(0);
    const theirs = SigstoreBundle.parse(JSON.parse(await readFile(at("blob.cosign.json"), "utf8")));
    expect(theirs.verificationMaterial.publicKey?.hint).toBe(key.hint);
    expect(verifyBlobBundle(SUMS, theirs, key.publicKeyPem)).toBe(true);
    expect(verifyBlobBundle(flipByte(SUMS), theirs, key.publicKeyPem)).toBe(false);

    const ours = await keySigner(key).signBlob(SUMS);
    expect(Object.keys(ours.bundle)).toEqual(Object.keys(theirs));
    expect(ours.bundle.messageSignature?.messageDigest).toEqual(theirs.messageSignature?.messageDigest);
    await writeFile(at("blob.ours.json"), stableJson(ours.bundle));
    const verified = await cosignVerifyBlob("cosign.pub", "blob.ours.json", "blob");
    expect(verified.stderr).toContain("Verified OK");
    expect(verified.code).toBe(0);
  });

  it("verifies the DSSE bundle cosign attest-blob makes", async () => {
    const key = await loadSigningKey(pem, "correct horse");
    await writeFile(at("attested"), SUMS);
    await writeFile(at("predicate.json"), JSON.stringify({ buildDefinition: { buildType: "x" } }));
    const predicate = ["--predicate", at("predicate.json"), "--type", "slsaprovenance1"];
    const signed = await runCosign(
      ["attest-blob", "--key", at("cosign.key"), ...predicate, "--bundle", at("attested.cosign.json")].concat(
        [...COSIGN_OFFLINE, at("attested")],
      ),
      password,
    );
    expect(signed.code, signed.stderr).toBe(0);
    const theirs = SigstoreBundle.parse(JSON.parse(await readFile(at("attested.cosign.json"), "utf8")));
    const envelope = theirs.dsseEnvelope;
    if (!envelope) throw new Error("cosign wrote no DSSE envelope");
    expect(envelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    expect(verifyDsse(envelope, key.publicKeyPem)).toBe(true);
    expect(verifyDsse({ ...envelope, payload: Buffer.from("{}").toString("base64") }, key.publicKeyPem)).toBe(
      false,
    );
  });

  it("rejects a damaged key file without showing it", async () => {
    const body = Buffer.from(secretLines(pem).join(""), "base64").toString("utf8");
    const damaged = body.replace('"nacl/secretbox"', '"aes-gcm"');
    const pemOf = (json: string) =>
      `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from(json).toString("base64")}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
    const e = await loadError(pemOf(damaged), "correct horse");
    expect(e.message).toMatch(/^input "signing-key" .*not what cosign writes \(at cipher\.name\)/);
    const hostile = body.replace(/"N":\d+/, '"N":1073741824');
    expect((await loadError(pemOf(hostile), "correct horse")).message).toContain(
      "scrypt parameters needing 1048576 MiB; at most 512 MiB",
    );
  });
});

describe("keys goship refuses", () => {
  it.each([
    ["P-384", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], /is an EC P-384 key/],
    ["secp256k1", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1"], /is an EC secp256k1 key/],
    ["ed25519", ["-algorithm", "ED25519"], /is an Ed25519 key/],
    ["RSA", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], /is an RSA key/],
  ])("a %s key, naming signing-key", async (name, args, pattern) => {
    await openssl(["genpkey", ...args, "-out", at(`refused-${name}.key`)]);
    const e = await loadError(await readFile(at(`refused-${name}.key`), "utf8"));
    expect(e.message).toMatch(/^input "signing-key" \(a secret, not shown\) /);
    expect(e.message).toMatch(pattern);
    expect(e.message).toContain("P-256");
  });

  it("a traditional RSA PRIVATE KEY block", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs1", format: "pem" }) as string;
    expect((await loadError(pem)).message).toMatch(/^input "signing-key" .*is an RSA key/);
  });

  it("a public key", async () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = publicKey.export({ type: "spki", format: "pem" }) as string;
    expect((await loadError(pem)).message).toMatch(/^input "signing-key" .*holds a public key/);
  });

  it("text that is not PEM, such as a path", async () => {
    const e = await loadError("/home/me/.keys/cosign.key");
    expect(e.message).toMatch(/^input "signing-key" .*is not PEM text/);
    expect(e.message).not.toContain("/home/me");
    expect(e.message).toContain("BEGIN ENCRYPTED SIGSTORE PRIVATE KEY");
  });

  it("a SEC1 key in OpenSSL's legacy encryption (Proc-Type headers)", async () => {
    await openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", at("legacy.key")]);
    await openssl(["ec", "-in", at("legacy.key"), "-aes256", "-passout", "pass:x", "-out", at("legacy.enc")]);
    const pem = await readFile(at("legacy.enc"), "utf8");
    expect(pem).toContain("Proc-Type: 4,ENCRYPTED");
    expect((await loadError(pem, "x")).message).toMatch(/^input "signing-key" .*openssl pkcs8 -topk8/);
  });

  it("a PRIVATE KEY block whose content is garbage", async () => {
    const e = await loadError(
      "-----BEGIN PRIVATE KEY-----\nTm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0\n-----END PRIVATE KEY-----\n",
    );
    expect(e.message).toMatch(/^input "signing-key" .*not a valid key/);
  });
});

describe("DSSE", () => {
  let key: SigningKey;
  const statement = Buffer.from(
    JSON.stringify({
      _type: "https://in-toto.io/Statement/v1",
      subject: [{ name: "SHA256SUMS", digest: { sha256: createHash("sha256").update(SUMS).digest("hex") } }],
      predicateType: "https://slsa.dev/provenance/v1",
      predicate: { buildDefinition: { buildType: "https://example.com/goship/v1" }, runDetails: {} },
    }),
  );

  beforeAll(async () => {
    key = await loadSigningKey(await opensslKey("dsse.key"));
    await writeFile(at("dsse.pub"), key.publicKeyPem);
  });

  it("computes PAE as the spec's example does", () => {
    // https://github.com/secure-systems-lab/dsse/blob/master/protocol.md#test-case
    expect(pae("http://example.com/HelloWorld", Buffer.from("hello world")).toString()).toBe(
      "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
    );
    // Lengths count bytes, not characters.
    expect(pae("t/é", Buffer.from("ü")).toString()).toBe("DSSEv1 4 t/é 2 ü");
  });

  it("signs an envelope that verifies here and with openssl over a hand-made PAE", async () => {
    const { envelope, bundle } = await keySigner(key).signDsse(IN_TOTO_PAYLOAD_TYPE, statement);
    expect(DsseEnvelope.parse(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
    expect(Object.keys(envelope)).toEqual(["payloadType", "payload", "signatures"]);
    expect(envelope.signatures).toHaveLength(1);
    expect(Object.keys(envelope.signatures[0] ?? {})).toEqual(["sig"]); // cosign skips a keyid it does not derive itself
    expect(dssePayload(envelope).equals(statement)).toBe(true);
    expect(bundle.dsseEnvelope).toEqual(envelope);
    expect(verifyDsse(envelope, key.publicKeyPem)).toBe(true);

    const handMade = Buffer.concat([
      Buffer.from(`DSSEv1 ${IN_TOTO_PAYLOAD_TYPE.length} ${IN_TOTO_PAYLOAD_TYPE} ${statement.length} `),
      statement,
    ]);
    await writeFile(at("pae.bin"), handMade);
    await writeFile(at("dsse.sig"), Buffer.from(envelope.signatures[0]?.sig ?? "", "base64"));
    expect((await opensslVerify("dsse.pub", "dsse.sig", "pae.bin")).stdout.trim()).toBe("Verified OK");
    // The signature is over PAE, not over the bare payload.
    await writeFile(at("payload.bin"), statement);
    const bare = await opensslVerify("dsse.pub", "dsse.sig", "payload.bin");
    expect(bare.code).not.toBe(0);
    expect(bare.stdout).toContain("Verification failure");
  });

  it("fails a tampered payload, payload type or signature", async () => {
    const { envelope } = await keySigner(key).signDsse(IN_TOTO_PAYLOAD_TYPE, statement);
    const tampered = { ...envelope, payload: flipByte(statement, 30).toString("base64") };
    expect(verifyDsse(tampered, key.publicKeyPem)).toBe(false);
    expect(verifyDsse({ ...envelope, payloadType: "application/json" }, key.publicKeyPem)).toBe(false);
    const sig = Buffer.from(envelope.signatures[0]?.sig ?? "", "base64");
    const badSig = {
      ...envelope,
      signatures: [{ sig: flipByte(sig, 20).toString("base64") }],
    };
    expect(verifyDsse(badSig, key.publicKeyPem)).toBe(false);
    const other = await loadSigningKey(await opensslKey("dsse-other.key"));
    expect(verifyDsse(envelope, other.publicKeyPem)).toBe(false);
  });

  it("writes an attestation bundle cosign verify-blob-attestation --key accepts", async () => {
    const { bundle } = await keySigner(key).signDsse(IN_TOTO_PAYLOAD_TYPE, statement);
    await writeFile(at("provenance.sigstore.json"), stableJson(bundle));
    await writeFile(at("SHA256SUMS.dsse"), SUMS);
    const verifyAttestation = (file: string) =>
      runCosign(
        [
          "verify-blob-attestation",
          "--key",
          at("dsse.pub"),
          "--bundle",
          at("provenance.sigstore.json"),
        ].concat(["--insecure-ignore-tlog", "--type", "slsaprovenance1", at(file)]),
      );
    const ok = await verifyAttestation("SHA256SUMS.dsse");
    expect(ok.stderr).toContain("Verified OK");
    expect(ok.code).toBe(0);
    await writeFile(at("SHA256SUMS.dsse.tampered"), flipByte(SUMS));
    const bad = await verifyAttestation("SHA256SUMS.dsse.tampered");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("digests do not match");
  });
});

describe("keyless", () => {
  it("needs the workflow's OIDC token", () => {
    const env = { GITHUB_ACTIONS: "true" };
    expect(() => keylessSigner({ env })).toThrow(UserError);
    expect(() => keylessSigner({ env })).toThrow(/keyless signing needs `permissions: id-token: write`/);
  });

  it("is ready when the runner offers the OIDC token", () => {
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.example/",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "t",
    };
    expect(keylessSigner({ env }).kind).toBe("keyless");
  });
});

describe("deterministic signatures (RFC 6979)", () => {
  it("sign the same data identically twice, and openssl still verifies them", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "goship-det-"));
    const key = await loadSigningKey(await opensslKey("det.key"));
    const data = Buffer.from("deadbeef  app_1.0.0_linux_amd64.tar.gz\n");
    const a = await keySigner(key).signBlob(data);
    const b = await keySigner(key).signBlob(data);
    expect(a.signature).toEqual(b.signature);
    expect(JSON.stringify(a.bundle)).toBe(JSON.stringify(b.bundle));
    await writeFile(path.join(dir, "sums"), data);
    await writeFile(path.join(dir, "sums.sig"), a.signature as Buffer);
    await writeFile(path.join(dir, "k.pub"), key.publicKeyPem);
    const out = await execFile("openssl", [
      "dgst",
      "-sha256",
      "-verify",
      path.join(dir, "k.pub"),
      "-signature",
      path.join(dir, "sums.sig"),
      path.join(dir, "sums"),
    ]);
    expect(out.stdout).toMatch(/Verified OK/);
  });
});

describe("a password for a key that is not encrypted", () => {
  it("is said in a warning, and the key still signs", async () => {
    const pem = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    let key: SigningKey;
    try {
      key = await loadSigningKey(pem, "hunter2");
      await loadSigningKey(pem);
    } finally {
      spy.mockRestore();
    }
    const warnings = out
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("::warning::"));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^::warning::signing-key-password is set, but the signing key is not encrypted .*not used/,
      ),
    ]);
    expect(warnings[0]).not.toContain("hunter2");
    expect(key.privateKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });
});

describe("samePublicKey", () => {
  const pem = (k: ReturnType<typeof generateKeyPairSync>["publicKey"]) =>
    k.export({ type: "spki", format: "pem" }) as string;
  const a = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const b = generateKeyPairSync("ec", { namedCurve: "P-256" });

  it("is the same public key whatever the PEM's line endings", () => {
    expect(samePublicKey(pem(a.publicKey), pem(a.publicKey))).toBe(true);
    expect(samePublicKey(pem(a.publicKey).replaceAll("\n", "\r\n"), pem(a.publicKey))).toBe(true);
  });

  it("is never a private key, though it holds the public key", () => {
    const priv = a.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    expect(samePublicKey(priv, pem(a.publicKey))).toBe(false);
  });

  it("is not another key, nor text that is no key", () => {
    expect(samePublicKey(pem(b.publicKey), pem(a.publicKey))).toBe(false);
    expect(samePublicKey("not a key\n", pem(a.publicKey))).toBe(false);
    expect(samePublicKey("", pem(a.publicKey))).toBe(false);
  });
});
