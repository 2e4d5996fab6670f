import { describe, expect, it } from "vitest";
import { fulfilled, pool, poolSettled } from "../../src/kit/pool.js";

/** Tasks the test finishes by hand, in any order, recording when each starts and ends. */
function tasks() {
  const events: string[] = [];
  const pending = new Map<number, { resolve: (v: string) => void; reject: (e: unknown) => void }>();
  let running = 0;
  let most = 0;
  const fn = (item: number) =>
    new Promise<string>((resolve, reject) => {
      running++;
      most = Math.max(most, running);
      events.push(`start ${item}`);
      pending.set(item, { resolve, reject });
    }).finally(() => {
      running--;
      events.push(`end ${item}`);
    });
  /** Lets queued callbacks run, so a worker freed by a finished task takes its next item. */
  const settle = () => new Promise<void>((r) => setImmediate(r));
  const finish = async (item: number, error?: unknown) => {
    const p = pending.get(item);
    if (!p) throw new Error(`task ${item} has not started`);
    pending.delete(item);
    if (error === undefined) p.resolve(`done ${item}`);
    else p.reject(error);
    await settle();
  };
  return { fn, finish, settle, events, started: () => [...pending.keys()], most: () => most };
}

describe("pool", () => {
  it("keeps input order in its results whatever order the tasks end in, and never runs more than limit", async () => {
    const t = tasks();
    const all = pool([1, 2, 3, 4, 5], 2, t.fn);
    await t.settle();
    expect(t.started()).toEqual([1, 2]);
    await t.finish(2);
    expect(t.started()).toEqual([1, 3]);
    await t.finish(3);
    await t.finish(4);
    expect(t.started()).toEqual([1, 5]);
    await t.finish(5);
    await t.finish(1);
    expect(await all).toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"]);
    expect(t.most()).toBe(2);
    expect(t.events.filter((e) => e.startsWith("start"))).toEqual([
      "start 1",
      "start 2",
      "start 3",
      "start 4",
      "start 5",
    ]);
  });

  it("passes each item's index and handles fewer items than the limit, and none", async () => {
    expect(await pool(["a", "b"], 8, async (item, i) => `${i}${item}`)).toEqual(["0a", "1b"]);
    expect(await pool([], 3, async () => 1)).toEqual([]);
  });

  it("on a failure starts no further item, lets the started ones finish, then rejects with that failure", async () => {
    const t = tasks();
    const boom = new Error("boom 2");
    const all = pool([1, 2, 3, 4], 2, t.fn);
    let outcome: unknown;
    all.catch((e) => {
      outcome = e;
    });
    await t.settle();
    await t.finish(2, boom);
    expect(t.started()).toEqual([1]);
    expect(outcome).toBeUndefined();
    await t.finish(1);
    await expect(all).rejects.toBe(boom);
    expect(t.events).toEqual(["start 1", "start 2", "end 2", "end 1"]);
  });

  it("rejects with the failure that came first in time", async () => {
    const t = tasks();
    const all = pool([1, 2], 2, t.fn);
    all.catch(() => {});
    await t.settle();
    await t.finish(2, new Error("second item, first to fail"));
    await t.finish(1, new Error("first item, second to fail"));
    await expect(all).rejects.toThrow("second item, first to fail");
  });

  it("refuses a limit below 1", async () => {
    await expect(pool([1], 0, async () => 1)).rejects.toBeInstanceOf(RangeError);
    await expect(poolSettled([1], 1.5, async () => 1)).rejects.toThrow(/limit must be a whole number/);
  });
});

describe("poolSettled", () => {
  it("runs every item despite failures, at most limit at once, and reports each in input order", async () => {
    const t = tasks();
    const all = poolSettled([1, 2, 3, 4], 2, t.fn);
    await t.settle();
    await t.finish(1, new Error("one failed"));
    await t.finish(3, "not an Error");
    await t.finish(2);
    await t.finish(4);
    expect(await all).toEqual([
      { status: "rejected", reason: new Error("one failed") },
      { status: "fulfilled", value: "done 2" },
      { status: "rejected", reason: "not an Error" },
      { status: "fulfilled", value: "done 4" },
    ]);
    expect(t.most()).toBe(2);
  });
});

describe("fulfilled", () => {
  it("returns the values, or throws the reason of the first item that failed in input order", () => {
    expect(
      fulfilled([
        { status: "fulfilled", value: 1 },
        { status: "fulfilled", value: 2 },
      ]),
    ).toEqual([1, 2]);
    const first = new Error("first");
    expect(() =>
      fulfilled([
        { status: "fulfilled", value: 1 },
        { status: "rejected", reason: first },
        { status: "rejected", reason: new Error("second") },
      ]),
    ).toThrow(first);
  });
});
