import { describe, expect, it } from "vitest";
import { type Clock, elapsed, Progress } from "../../src/kit/progress.js";

/** A clock that moves only when the test says so, firing the timer at each whole tick it passes. */
class FakeClock implements Clock {
  private t = 0;
  private timers: { ms: number; next: number; fn: () => void }[] = [];
  now(): number {
    return this.t;
  }
  every(ms: number, fn: () => void): () => void {
    const timer = { ms, next: this.t + ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  /** Moves time forward by `ms`, running each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.t = due.next;
      due.next += due.ms;
      due.fn();
    }
    this.t = end;
  }
  get active(): number {
    return this.timers.length;
  }
}

function setup() {
  const clock = new FakeClock();
  const lines: { at: number; line: string }[] = [];
  const progress = new Progress((line) => lines.push({ at: clock.now(), line }), clock, 60_000);
  return { clock, lines, progress };
}

describe("Progress", () => {
  it("says when each unit of work starts, with its place in the run", () => {
    const { lines, progress } = setup();
    progress.beat();
    progress.start("linux/amd64", { index: 0, total: 7 });
    progress.start("linux/arm64", { index: 2, total: 7 });
    progress.start("linux/amd64: the reproducibility check's second build");
    expect(lines.map((l) => l.line)).toEqual([
      "→ linux/amd64 (1/7)",
      "→ linux/arm64 (3/7)",
      "→ linux/amd64: the reproducibility check's second build",
    ]);
  });

  it("during: a line when the work starts, running (and named by the heartbeat) until it settles, failed or not", async () => {
    const { clock, lines, progress } = setup();
    progress.beat();
    let finish: () => void = () => {};
    const running = progress.during(
      "Downloading go1.26.8.linux-amd64.tar.gz",
      () =>
        new Promise<void>((r) => {
          finish = r;
        }),
    );
    clock.advance(61_000);
    finish();
    await running;
    await expect(
      progress.during("apt-get update", async () => {
        throw new Error("exit 100");
      }),
    ).rejects.toThrow("exit 100");
    clock.advance(61_000);
    expect(lines.map((l) => l.line)).toEqual([
      "→ Downloading go1.26.8.linux-amd64.tar.gz",
      "… still running after 50 s: Downloading go1.26.8.linux-amd64.tar.gz (50 s)",
      "→ apt-get update",
      "… still running after 2m 00s",
    ]);
  });

  it("never leaves the log quiet for a minute while work runs, naming what runs and for how long", () => {
    const { clock, lines, progress } = setup();
    progress.beat();
    clock.advance(5_000);
    const amd = progress.start("linux/amd64", { index: 0, total: 2 });
    clock.advance(20_000);
    progress.start("linux/arm64", { index: 1, total: 2 });
    clock.advance(400_000);
    amd();
    clock.advance(100_000);
    const printed = lines.map((l) => l.at);
    // From the first start line to the end, no gap between lines reaches 60 s.
    const gaps = printed.slice(1).map((at, i) => at - (printed[i] as number));
    expect(Math.max(...gaps)).toBeLessThan(60_000);
    expect(lines.find((l) => l.line.startsWith("…"))).toEqual({
      at: 80_000,
      line: "… still running after 1m 20s: linux/amd64 (1m 15s), linux/arm64 (55 s)",
    });
    expect(lines.at(-1)?.line).toBe("… still running after 8m 00s: linux/arm64 (7m 35s)");
  });

  it("stays quiet while the run prints, and speaks before a minute of silence", () => {
    const { clock, lines, progress } = setup();
    progress.beat();
    for (let i = 0; i < 10; i++) {
      clock.advance(20_000);
      progress.touch(); // a compiler line, a log line
    }
    expect(lines).toEqual([]);
    clock.advance(60_000);
    expect(lines).toEqual([{ at: 250_000, line: "… still running after 4m 10s" }]);
  });

  it("names the open log group when no unit of work runs", async () => {
    const { clock, lines, progress } = setup();
    progress.beat();
    await progress.phase("Install Go", async () => {
      await progress.phase("Download", async () => clock.advance(60_000));
      clock.advance(60_000);
    });
    clock.advance(60_000);
    expect(lines.map((l) => l.line)).toEqual([
      "… still running after 50 s: Download",
      "… still running after 1m 40s: Install Go",
      "… still running after 2m 30s",
    ]);
  });

  it("stops with the run", () => {
    const { clock, lines, progress } = setup();
    const stop = progress.beat();
    expect(clock.active).toBe(1);
    stop();
    expect(clock.active).toBe(0);
    clock.advance(600_000);
    expect(lines).toEqual([]);
  });
});

describe("elapsed", () => {
  it("reads as seconds, then minutes, then hours", () => {
    expect([0, 999, 59_999, 60_000, 125_000, 3_599_000, 3_720_000].map(elapsed)).toEqual([
      "0 s",
      "0 s",
      "59 s",
      "1m 00s",
      "2m 05s",
      "59m 59s",
      "1h 02m",
    ]);
  });
});
