import { expect } from "vitest";

/**
 * Expects `value` to print as `text` does in CANARY.md: the same number of decimals (or
 * significant digits for "1.46e-4"), digit for digit.
 */
export function expectPrinted(value: number, text: string): void {
  if (text.includes("e")) {
    const digits = (text.split("e")[0] as string).split(".")[1]?.length ?? 0;
    expect(value.toExponential(digits)).toBe(text);
    return;
  }
  const plain = text.replaceAll(",", "").replace("−", "-");
  const decimals = plain.split(".")[1]?.length ?? 0;
  const got = value.toFixed(decimals).replace(/^-(0\.?0*)$/, "$1");
  expect(got).toBe(plain);
}
