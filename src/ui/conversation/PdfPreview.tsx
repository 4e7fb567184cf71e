/**
 * A PDF shown as pictures of its pages, drawn by pdf.js (loaded with this view, not in
 * the first download). Why not the browser's own viewer: it runs the PDF's JavaScript
 * (an OpenAction `app.alert` pops an attacker-worded dialog over the app). pdf.js here
 * runs no document script at all (its scripting sandbox is never loaded, XFA forms are
 * off, `isEvalSupported: false`), draws onto canvases only (no annotation layer: no
 * links or form fields from the file on the page), and parses in its own worker.
 */
import { useEffect, useRef, useState } from 'react';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { trustedScriptUrl } from '../trustedTypes.ts';

/** Pages drawn at most; past this the person downloads the file. */
export const MAX_PDF_PAGES = 30;
/** CSS pixels of a page's width. */
const PAGE_WIDTH = 800;

export function PdfPreview({ data, name }: { data: ArrayBuffer; name: string }) {
  const pages = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ shown: number; total: number } | { problem: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    let cleanup = () => {};
    void (async () => {
      const pdfjs = await import('pdfjs-dist');
      const worker = new pdfjs.PDFWorker({ port: new Worker(trustedScriptUrl(pdfWorkerUrl), { type: 'module' }) as never });
      const task = pdfjs.getDocument({
        data: new Uint8Array(data.slice(0)),
        worker,
        isEvalSupported: false,
        enableXfa: false,
        // WebAssembly decoders would need 'wasm-unsafe-eval' in the page's CSP.
        useWasm: false,
        useSystemFonts: true,
        stopAtErrors: false,
      });
      cleanup = () => {
        void task.destroy();
        worker.destroy();
      };
      if (cancelled) return cleanup();
      const doc = await task.promise;
      const shown = Math.min(doc.numPages, MAX_PDF_PAGES);
      for (let n = 1; n <= shown && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: (PAGE_WIDTH / base.width) * ratio });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.className = 'preview-pdf-page';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `Page ${n} of ${doc.numPages}`);
        pages.current?.append(canvas);
        await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
        if (!cancelled) setState({ shown: n, total: doc.numPages });
      }
    })().catch((error: unknown) => {
      if (!cancelled)
        setState({
          problem: `“${name}” could not be shown: ${error instanceof Error ? error.message : String(error)}. Download it to open it with another program.`,
        });
    });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [data, name]);

  return (
    <div className="preview-pdf" aria-label={`PDF: ${name}`} aria-busy={state === null}>
      {state === null && <p className="muted">Drawing the pages…</p>}
      {state && 'problem' in state && (
        <p className="notice-inline" role="alert">
          {state.problem}
        </p>
      )}
      {state && 'total' in state && state.total > MAX_PDF_PAGES && (
        <p className="muted">
          The first {MAX_PDF_PAGES} of {state.total} pages are shown; download the file for the rest.
        </p>
      )}
      <div ref={pages} className="preview-pdf-pages" />
    </div>
  );
}
