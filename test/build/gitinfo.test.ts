import { describe, expect, it } from "vitest";
import { epochToRfc3339, readSourceInfo, rfc3339ToEpoch } from "../../src/build/gitinfo.js";
import { UserError } from "../../src/kit/errors.js";
import { gitCheckout } from "../support/git-fixture.js";

describe("rfc3339ToEpoch", () => {
  it("reads a real UTC date and time and gives it back unchanged", () => {
    for (const date of [
      "2026-11-21T16:00:00Z",
      "1970-01-01T00:00:00Z",
      "2024-02-29T23:59:59Z",
      "9999-12-31T23:59:59Z",
    ]) {
      const epoch = rfc3339ToEpoch(date);
      expect(epoch, date).toBeTypeOf("number");
      expect(epochToRfc3339(epoch as number)).toBe(date);
    }
    expect(rfc3339ToEpoch("2026-01-02T03:04:05Z")).toBe(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000);
  });

  it("refuses what only looks like one", () => {
    for (const date of [
      "2026-13-45T99:99:99Z",
      "2026-02-30T00:00:00Z",
      "2025-02-29T00:00:00Z",
      "2026-04-31T12:00:00Z",
      "2026-01-01T24:00:00Z",
      "2016-12-31T23:59:60Z",
      "2026-01-01T12:60:00Z",
      "1969-12-31T23:59:59Z",
      "2026-01-01T12:00:00+02:00",
      "2026-01-01 12:00:00Z",
      "2026-01-01T12:00:00.5Z",
      "",
    ]) {
      expect(rfc3339ToEpoch(date), date).toBeUndefined();
    }
  });
});

describe("SOURCE_DATE_EPOCH", () => {
  it("is refused, as the user's mistake, beyond the last time RFC 3339 can write", async () => {
    const repo = gitCheckout("test/fixtures/hello");
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      process.env.SOURCE_DATE_EPOCH = "253402300799";
      expect((await readSourceInfo(repo)).date).toBe("9999-12-31T23:59:59Z");
      process.env.SOURCE_DATE_EPOCH = "99999999999999";
      const err = await readSourceInfo(repo).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toBe(
        'SOURCE_DATE_EPOCH is "99999999999999"; it must be a Unix time in seconds, at most 253402300799 (9999-12-31T23:59:59Z)',
      );
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});
