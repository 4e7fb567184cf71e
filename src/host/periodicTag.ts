/**
 * The tag of the worker's Periodic Background Sync registration (src/sw/periodic.ts; the
 * page registers it, src/ui/bridge/periodicRefresh.ts). One per origin: every account.
 */
export const PERIODIC_REFRESH_TAG = 'mail-refresh';
