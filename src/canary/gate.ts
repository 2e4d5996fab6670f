// The gate's loop: a fixed tick clock that does not depend on the data, a metric read per
// tick, and the pure judge. A live step sleeps between ticks; a `from`/`to` window replays
// the same ticks at past times without sleeping. Both are this one loop.

import { initialState, step } from "./judge.js";
import type { ArmSnapshot, Decision, GateConfig, GateState, TickInput, TickRecord } from "./types.js";

/** What a metric source returns for one tick (the loop stamps the tick's time). */
export interface TickRead {
  canary: ArmSnapshot;
  baseline: ArmSnapshot;
  /** The metric source itself failed: the judge holds and the next valid tick consumes the gap. */
  sourceDown?: string;
}

/** Reads the counters of both arms as they were at `at` (epoch seconds); `t` is seconds since the step began. */
export type TickReader = (tick: { index: number; t: number; at: number }) => Promise<TickRead>;

/** Live: real time and real sleeps. Replay: time is the window's and nothing sleeps. */
export interface GateClock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface GateRun {
  decision: Decision;
  reasons: string[];
  /** The judge reached PROMOTE or ROLLBACK, or the deadline. False only when the run was stopped. */
  final: boolean;
  state: GateState;
  records: TickRecord[];
  /** Epoch seconds of tick 0. */
  startedAt: number;
  /** Ticks the clock passed while a read was still running: their counters are covered by the next tick. */
  skipped: number;
}

export interface GateOptions {
  cfg: GateConfig;
  read: TickReader;
  /** Epoch milliseconds of tick 0: now for a live step, `from` for a window. */
  start: number;
  /** Live steps wait for each tick's time; windows (`from`/`to`) do not. */
  clock?: GateClock;
  onTick?: (record: TickRecord, state: GateState) => void;
  signal?: AbortSignal;
}

export const realClock: GateClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * Runs ticks 0, 1, 2, … at start + k·interval until the judge's decision is final (PROMOTE,
 * ROLLBACK, or the deadline's HOLD). A read that overruns its tick makes the clock skip the ticks
 * it covered instead of drifting: tick times never depend on how long the data took.
 */
export async function runGate(opts: GateOptions): Promise<GateRun> {
  const { cfg, read, start } = opts;
  const live = opts.clock ?? null;
  const intervalMs = cfg.interval * 1000;
  const lastIndex = Math.ceil(cfg.deadline / cfg.interval);
  let state = initialState(cfg);
  const records: TickRecord[] = [];
  let decision: Decision = "hold";
  let reasons: string[] = [];
  let skipped = 0;
  let index = 0;
  while (index <= lastIndex) {
    if (opts.signal?.aborted) break;
    // The deadline's tick is the last one even when the interval does not divide it.
    const t = Math.min(index * cfg.interval, cfg.deadline);
    if (live) {
      const wait = start + t * 1000 - live.now();
      if (wait > 0) await live.sleep(wait);
    }
    const got = await read({ index, t, at: (start + t * 1000) / 1000 });
    const tick: TickInput = {
      t,
      canary: got.canary,
      baseline: got.baseline,
      ...(got.sourceDown === undefined ? {} : { sourceDown: got.sourceDown }),
    };
    const r = step(cfg, state, tick);
    state = r.state;
    decision = r.decision;
    reasons = r.reasons;
    records.push(r.record);
    opts.onTick?.(r.record, state);
    if (r.final) return { decision, reasons, final: true, state, records, startedAt: start / 1000, skipped };
    let next = index + 1;
    if (live) {
      // Skip the ticks whose time has already passed (but never the deadline's).
      while (next < lastIndex && start + next * intervalMs < live.now()) {
        next++;
        skipped++;
      }
    }
    index = next;
  }
  return { decision, reasons, final: false, state, records, startedAt: start / 1000, skipped };
}
