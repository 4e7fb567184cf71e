/**
 * The hostile-mail test page. It renders messages through the app's real path
 * (MessageBody -> sanitizeEmailHtml -> buildFrameDocument -> the sandboxed frame) and,
 * for the self-test only, through deliberately unsafe paths. Bundled on the fly by
 * e2e/hostile/server.ts; driven from node through `window.__harness`.
 */
import { createRoot, type Root } from 'react-dom/client';
import { buildFrameDocument, decodeBytes, sanitizeEmailHtml } from '../../../../src/sanitize/index.ts';
import { AddressText, AttachmentName, Subject } from '../../../../src/ui/message/HeaderText.tsx';
import { MessageBody, type RenderInfo } from '../../../../src/ui/message/MessageBody.tsx';
import { inspectMessage } from './inspect.ts';
import type { HarnessApi, RenderOutcome, RenderRequest } from './protocol.ts';

const canaryHits: string[] = [];
window.__xss = (id?: unknown) => {
  canaryHits.push(String(id ?? '?'));
};

let root: Root | null = null;
let renders: RenderInfo[] = [];
let always: string[] = [];
let objectUrls: string[] = [];

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stage(): HTMLElement {
  let element = document.getElementById('stage');
  if (!element) {
    element = document.createElement('div');
    element.id = 'stage';
    document.body.append(element);
  }
  return element;
}

function clear(): void {
  root?.unmount();
  root = null;
  document.getElementById('stage')?.remove();
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls = [];
  renders = [];
  always = [];
}

function cidMapOf(request: RenderRequest): Map<string, string> {
  const map = new Map<string, string>();
  for (const [id, part] of Object.entries(request.cids ?? {})) {
    const bytes = part.base64 ? Uint8Array.from(atob(part.body), (c) => c.charCodeAt(0)) : part.body;
    const url = URL.createObjectURL(new Blob([bytes], { type: part.type }));
    objectUrls.push(url);
    map.set(id, url);
  }
  return map;
}

function Fixture({
  request,
  cidMap,
  onRendered,
}: {
  request: RenderRequest;
  cidMap: Map<string, string>;
  onRendered: (info: RenderInfo) => void;
}) {
  return (
    <article>
      <header>
        <h2 className="fx-subject">
          <Subject value={request.subject} />
        </h2>
        <div className="fx-from">
          <AddressText name={request.senderName} email={request.senderEmail} />
        </div>
        {request.attachmentName === undefined ? null : (
          <div className="fx-attachment">
            <AttachmentName name={request.attachmentName} />
          </div>
        )}
      </header>
      <MessageBody
        html={request.html}
        text={request.text}
        cidMap={cidMap}
        remoteAllowed={request.remoteAllowed}
        senderEmail={request.senderEmail}
        onAlwaysAllowSender={(email) => always.push(email)}
        onRendered={onRendered}
        title="Message"
      />
    </article>
  );
}

/** Clicks, from the parent, what a person might click inside a message. */
function clickInside(doc: Document | null | undefined, selectors: readonly string[] | undefined, skipWebLinks: boolean): void {
  if (!doc) return;
  for (const selector of selectors ?? []) {
    for (const element of Array.from(doc.querySelectorAll(selector))) {
      const href = element.getAttribute('href') ?? '';
      if (skipWebLinks && /^(https?:|mailto:|tel:)/i.test(href.trim())) continue;
      element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: doc.defaultView }));
    }
  }
}

async function render(request: RenderRequest): Promise<RenderOutcome> {
  clear();
  const cidMap = cidMapOf(request);
  const container = stage();
  const started = performance.now();
  const first = new Promise<RenderInfo>((resolve) => {
    root = createRoot(container);
    root.render(
      <Fixture
        request={request}
        cidMap={cidMap}
        onRendered={(info) => {
          renders.push(info);
          resolve(info);
        }}
      />,
    );
  });
  const info = await Promise.race([
    first,
    delay(30_000).then(() => Promise.reject(new Error('the message did not report rendering within 30 s'))),
  ]);
  const renderMs = performance.now() - started;
  await delay(request.settleMs ?? 100);
  const frame = container.querySelector('iframe');
  clickInside(frame?.contentDocument, request.click, true);
  if (request.click?.length) await delay(100);
  const violations = inspectMessage(container, request.remoteAllowed ?? false);
  const textSource = frame?.contentDocument?.body ?? container.querySelector('.msg-body');
  return {
    info,
    renderMs,
    violations,
    visibleText: ((textSource as HTMLElement | null)?.innerText ?? '').slice(0, 2_000),
    frameHeightPx: frame ? frame.getBoundingClientRect().height : null,
  };
}

async function showInScriptableFrame(html: string, request: RenderRequest): Promise<void> {
  clear();
  const frame = document.createElement('iframe');
  // Deliberately unsafe: scripts, same origin (so top.__xss is reachable), modals, forms.
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-modals allow-forms');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = html;
  stage().append(frame);
  await Promise.race([loaded, delay(5_000)]);
  await delay(request.settleMs ?? 150);
  clickInside(frame.contentDocument, request.click, false);
  if (request.click?.length) await delay(150);
}

const harness: HarnessApi = {
  render,
  renders: () => renders.map((r) => ({ ...r })),
  alwaysAllowed: () => [...always],
  renderRaw(request) {
    let html = request.html ?? '';
    if (request.roundTrip) {
      const scratch = document.implementation.createHTMLDocument('');
      scratch.body.innerHTML = html;
      html = scratch.body.innerHTML;
    }
    return showInScriptableFrame(html, request);
  },
  async renderRawHeaders(request) {
    clear();
    const div = document.createElement('div');
    stage().append(div);
    // Deliberately unsafe: what rendering a header with innerHTML would do.
    div.innerHTML = [request.subject, request.senderName, request.attachmentName, request.text].filter((v) => v !== undefined).join('<br>');
    await delay(request.settleMs ?? 150);
  },
  async renderSanitizedScriptable(request) {
    const clean = sanitizeEmailHtml(request.html ?? '', { allowRemote: false, cidMap: cidMapOf(request) });
    // No CSP and a frame that runs scripts: only the sanitizer stands in the way.
    await showInScriptableFrame('<!doctype html><html><head><meta charset="utf-8"></head><body>' + clean.html + '</body></html>', request);
  },
  timeSanitize(html) {
    const started = performance.now();
    const clean = sanitizeEmailHtml(html, { allowRemote: false });
    const sanitized = performance.now();
    const doc = buildFrameDocument(clean.html, { allowRemote: false, declaresColors: clean.declaresColors });
    return {
      chars: html.length,
      sanitizeMs: sanitized - started,
      frameDocumentMs: performance.now() - sanitized,
      blockedRemote: clean.blockedRemote,
      outputChars: doc.length,
    };
  },
  decode: (bytes, charset) => decodeBytes(new Uint8Array(bytes), charset),
  hits: () => [...canaryHits],
  clear,
};
window.__harness = harness;
document.title = 'hostile-ready';
