import * as workflow from "./workflow.js";

/** Time and a repeating timer, apart so that tests drive them by hand. */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called; never keeps the process alive. */
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** "45 s", "2m 05s", "1h 02m": how long something has been running, for a log line. */
export function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

/**
 * What a run is doing, for the person watching its log: a line when each unit of work starts
 * (`→ linux/arm64 (3/7)`), and a heartbeat when the log has been quiet, naming what is still
 * running and for how long. The log is checked every sixth of `limitMs` and the heartbeat
 * printed once it has been quiet for the other five, so no silence reaches `limitMs`.
 */
export class Progress {
  private readonly running = new Map<number, { label: string; since: number }>();
  private nextId = 0;
  private phases: string[] = [];
  private startedAt = 0;
  private lastOutput = 0;
  private readonly tickMs: number;
  private readonly quietMs: number;

  constructor(
    private readonly print: (line: string) => void,
    private readonly clock: Clock = systemClock,
    /** The longest the log stays silent while anything runs. */
    limitMs = 60_000,
  ) {
    this.tickMs = limitMs / 6;
    this.quietMs = limitMs - this.tickMs;
  }

  /** Starts the heartbeat for one run; returns what stops it. */
  beat(): () => void {
    this.startedAt = this.clock.now();
    this.lastOutput = this.startedAt;
    this.running.clear();
    this.phases = [];
    return this.clock.every(this.tickMs, () => this.tick());
  }

  /** Something was printed: the heartbeat waits a full tick from now. */
  touch(): void {
    this.lastOutput = this.clock.now();
  }

  /**
   * A unit of work starts: says so (with its place among `of`, when given) and counts as
   * running until the returned function is called.
   */
  start(label: string, of?: { index: number; total: number }): () => void {
    const id = this.nextId++;
    this.running.set(id, { label, since: this.clock.now() });
    this.say(of ? `→ ${label} (${of.index + 1}/${of.total})` : `→ ${label}`);
    return () => {
      this.running.delete(id);
    };
  }

  /** A unit of work around `fn`: its line when it starts, and running until `fn` settles. */
  async during<T>(label: string, fn: () => Promise<T>, of?: { index: number; total: number }): Promise<T> {
    const done = this.start(label, of);
    try {
      return await fn();
    } finally {
      done();
    }
  }

  /** A named stage (a log group) runs `fn`; the heartbeat names it when no unit of work is running. */
  async phase<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.phases.push(title);
    try {
      return await fn();
    } finally {
      this.phases.splice(this.phases.lastIndexOf(title), 1);
    }
  }

  /** One heartbeat check; the clock calls it every tick. */
  tick(): void {
    const now = this.clock.now();
    if (now - this.lastOutput < this.quietMs) return;
    const units = [...this.running.values()].map((r) => `${r.label} (${elapsed(now - r.since)})`);
    const what = units.length > 0 ? units.join(", ") : this.phases.at(-1);
    this.say(`… still running after ${elapsed(now - this.startedAt)}${what ? `: ${what}` : ""}`);
  }

  private say(line: string): void {
    this.print(line);
    this.touch();
  }
}

/** The one progress report of this process: kit/log's lines reset its heartbeat. */
export const progress = new Progress((line) => workflow.info(line));
