/**
 * Just enough of the V8 inspector protocol to measure a child server's memory without noise: force
 * a full GC, then read process.memoryUsage() inside it. The child runs with
 * `--inspect=127.0.0.1:0` (loopback, a free port); its URL is read from the child's stderr.
 */
import WebSocket from 'ws';

export interface Inspector {
  /** Full GC (twice: weak references and finalizers free more on the second pass), then memoryUsage(). */
  memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
  close(): void;
}

export const inspectorUrl = (output: string): string | null => /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(output)?.[1] ?? null;

export const connectInspector = async (url: string): Promise<Inspector> => {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    async memoryAfterGc() {
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const result = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
      return JSON.parse(result.result.value) as NodeJS.MemoryUsage;
    },
    close: () => socket.close(),
  };
};
