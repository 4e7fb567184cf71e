import type { Toast } from './triage.ts';

/** What the last action did, with its Undo while it can be undone (a live region, always in the page). */
export function ToastRegion({ toast }: { toast: Toast | null }) {
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <p className="toast" key={toast.id}>
          {toast.words}
          {toast.undo && (
            <>
              {' · '}
              <button type="button" onClick={toast.undo}>
                Undo
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
