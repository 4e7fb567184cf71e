/** One flusher per account per origin: a Web Lock where there is one, else within this realm. */
export interface FlushLock {
  request<T>(name: string, body: () => Promise<T>): Promise<T>;
}

const local = new Map<string, Promise<unknown>>();

export function defaultLock(): FlushLock {
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
  if (locks) return { request: <T>(name: string, body: () => Promise<T>) => locks.request(name, body) as Promise<T> };
  return {
    request<T>(name: string, body: () => Promise<T>): Promise<T> {
      const run = (local.get(name) ?? Promise.resolve()).then(body);
      local.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}
