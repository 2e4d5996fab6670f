import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh EC key made by openssl, as a user makes one: its PEM file, the PEM, and the public key file. */
export function opensslKey(curve: "P-256" | "P-384" = "P-256"): { file: string; pem: string; pub: string } {
  const dir = mkdtempSync(join(tmpdir(), "goship-key-"));
  const file = join(dir, "key.pem");
  const pub = join(dir, "key.pub");
  execFileSync("openssl", [
    "genpkey",
    "-algorithm",
    "EC",
    "-pkeyopt",
    `ec_paramgen_curve:${curve}`,
    "-out",
    file,
  ]);
  execFileSync("openssl", ["pkey", "-in", file, "-pubout", "-out", pub]);
  return { file, pem: readFileSync(file, "utf8"), pub };
}
