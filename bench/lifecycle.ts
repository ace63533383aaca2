/**
 * Everything the benchmark starts (redis-servers, the server under test, load generators) registers
 * its stop function here, so a failure, Ctrl-C or SIGTERM still leaves no process behind.
 */
import type { ChildProcess } from 'node:child_process';

type Stopper = () => Promise<void>;
const stoppers = new Set<Stopper>();

/** Registers `stop`; the returned function unregisters it and stops (idempotent). */
export const onCleanup = (stop: Stopper): (() => Promise<void>) => {
  let done: Promise<void> | null = null;
  const once: Stopper = () => (done ??= stop().catch((error: unknown) => console.error('bench: cleanup failed:', error)));
  stoppers.add(once);
  return async () => {
    stoppers.delete(once);
    await once();
  };
};

/** Stops everything still registered, newest first. */
export const cleanupAll = async (): Promise<void> => {
  const all = [...stoppers].reverse();
  stoppers.clear();
  for (const stop of all) await stop();
};

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export const stopChild = async (child: ChildProcess, graceMs = 5_000): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
};

let installed = false;
/** On SIGINT/SIGTERM: stop every child, then exit 130/143. */
export const installSignalHandlers = (): void => {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, stopping child processes…`);
      void cleanupAll().finally(() => process.exit(code));
    });
  }
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
