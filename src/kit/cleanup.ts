import { constants } from "node:os";

/**
 * What goship made for a run and must take away however the run ends: temporary directories,
 * ssh's key files and master connections. Registered cleanups run, newest first (what was made
 * last may live inside what was made first), each once, one that fails not stopping the others:
 * - at a normal end, success or failure (the event loop runs dry: "beforeExit");
 * - on SIGINT, SIGTERM or SIGHUP (Ctrl-C, a cancelled workflow, a closed terminal), after which
 *   the process exits with the status a shell gives a process that signal ended, 128 + its
 *   number; a second signal while they run exits at once;
 * - on process.exit() from anywhere: each still runs, but only up to its first await.
 * While nothing is registered, goship leaves the signals to Node's defaults.
 *
 * No import of goship's own: a child process can load this file by itself (its test does).
 */
export type Cleanup = () => void | Promise<void>;

const pending: Cleanup[] = [];
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let running: Promise<void> | undefined;
let signalled = false;

/** Registers `fn`; the function returned unregisters it (for what was taken away already). */
export function onCleanup(fn: Cleanup): () => void {
  pending.push(fn);
  listen();
  return () => {
    const at = pending.lastIndexOf(fn);
    if (at >= 0) pending.splice(at, 1);
    if (pending.length === 0 && !running) unlisten();
  };
}

/** Runs every registered cleanup now (newest first) and waits for them; a call during a run joins it. */
export function runCleanups(): Promise<void> {
  running ??= drain().finally(() => {
    running = undefined;
  });
  return running;
}

async function drain(): Promise<void> {
  for (let fn = pending.pop(); fn; fn = pending.pop()) {
    try {
      await fn();
    } catch (e) {
      process.stderr.write(`goship: cleaning up failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  unlisten();
}

function onSignal(signal: NodeJS.Signals): void {
  const status = 128 + (constants.signals[signal] ?? 0);
  if (signalled) process.exit(status);
  signalled = true;
  void runCleanups().finally(() => process.exit(status));
}

function onBeforeExit(): void {
  if (pending.length > 0) void runCleanups();
}

/** process.exit() from elsewhere: no await is possible any more; what each does synchronously still happens. */
function onExit(): void {
  for (let fn = pending.pop(); fn; fn = pending.pop()) {
    try {
      void Promise.resolve(fn()).catch(() => {});
    } catch {
      // the others still run
    }
  }
}

let listening = false;
function listen(): void {
  if (listening) return;
  listening = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("beforeExit", onBeforeExit);
  process.on("exit", onExit);
}

function unlisten(): void {
  if (!listening || signalled) return;
  listening = false;
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off("beforeExit", onBeforeExit);
  process.off("exit", onExit);
}
