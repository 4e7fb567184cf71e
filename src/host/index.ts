/** Public API of src/host (see CONTEXT.md). */
export { EngineHost, type EngineHostOptions } from './engineHost.ts';
export { parsePageMessage, type PageMessage, type PageMessages, type HostReply } from './messages.ts';
export { webLocks, inProcessLocks, engineLockName, type LockLike } from './lock.ts';
