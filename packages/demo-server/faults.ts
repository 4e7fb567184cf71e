/**
 * Fault switches tests flip at run time through POST /__control (only when the server
 * was started with { control: true }). Counters count down as faults fire.
 */
export interface FaultState {
  /** Added delay before answering every JMAP request (API, upload, download, session). */
  latencyMs: number;
  /** Process the next N API/upload requests, then close the socket without answering. */
  dropNext: number;
  /** Process, then drop, requests containing this method (dropMethodTimes times; 0 = until reset). */
  dropMethod: string | null;
  dropMethodTimes: number;
  /** Answer the next N JMAP requests with failStatus (5xx or 429) without processing them. */
  failNext: number;
  failStatus: number;
  /** Retry-After seconds sent with failStatus 429 and 503. */
  retryAfter: number;
  /** The next N /set (and /import, /copy) calls fail with stateMismatch. */
  stateMismatchNext: number;
  /** The next N /changes and /queryChanges calls fail with cannotCalculateChanges. */
  cannotCalculateChangesNext: number;
  /** Moves the server's clock (vacation dates, upload expiry, receivedAt) by this many ms. */
  clockOffsetMs: number;
}

export function initialFaults(): FaultState {
  return {
    latencyMs: 0,
    dropNext: 0,
    dropMethod: null,
    dropMethodTimes: 0,
    failNext: 0,
    failStatus: 503,
    retryAfter: 1,
    stateMismatchNext: 0,
    cannotCalculateChangesNext: 0,
    clockOffsetMs: 0,
  };
}

const nonNegInt = (v: unknown, name: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${name} must be a non-negative integer`);
  return v;
};

/** Applies a control request body to the fault state; throws with a readable message on bad input. */
export function applyControl(state: FaultState, body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'reset':
      case 'cutPush':
        break;
      case 'latencyMs':
      case 'dropNext':
      case 'dropMethodTimes':
      case 'failNext':
      case 'retryAfter':
      case 'stateMismatchNext':
      case 'cannotCalculateChangesNext':
        state[key] = nonNegInt(value, key);
        break;
      case 'clockOffsetMs':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('clockOffsetMs must be a number of milliseconds');
        state.clockOffsetMs = value;
        break;
      case 'failStatus': {
        const s = nonNegInt(value, key);
        if (s !== 429 && (s < 500 || s > 599)) throw new Error('failStatus must be 429 or a 5xx status');
        state.failStatus = s;
        break;
      }
      case 'dropMethod':
        if (value !== null && typeof value !== 'string') throw new Error('dropMethod must be a method name or null');
        state.dropMethod = value;
        break;
      default:
        throw new Error(`Unknown control switch "${key}"`);
    }
  }
}

/** Should this processed API request be dropped? Counts the fault down when it fires. */
export function takeDrop(state: FaultState, methodNames: string[]): boolean {
  if (state.dropMethod && methodNames.includes(state.dropMethod)) {
    if (state.dropMethodTimes > 0) {
      state.dropMethodTimes--;
      if (state.dropMethodTimes === 0) state.dropMethod = null;
    }
    return true;
  }
  if (state.dropNext > 0) {
    state.dropNext--;
    return true;
  }
  return false;
}

export function takeFailure(state: FaultState): { status: number; retryAfter: number } | null {
  if (state.failNext <= 0) return null;
  state.failNext--;
  return { status: state.failStatus, retryAfter: state.retryAfter };
}

export function takeCounter(state: FaultState, key: 'stateMismatchNext' | 'cannotCalculateChangesNext'): boolean {
  if (state[key] <= 0) return false;
  state[key]--;
  return true;
}
