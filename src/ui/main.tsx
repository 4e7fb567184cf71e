// The first screen's read is begun by the early entry (startEarly.ts, its own script
// before this one in index.html); this module waits for it briefly, then renders.
import { first } from './startEarly.ts';
import { beginStartRead } from './data/startRead.ts';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { listenForInstallPrompt } from './installPrompt.ts';

// Marks for the reload bench (scripts/bench/reload.ts): where the start path's time goes.
performance.mark('app:modules');
const started = beginStartRead(first).catch(() => undefined);
listenForInstallPrompt();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The account, its folders and its first rows in one read, so the first render shows
// them (data/startRead.ts). Not waited for long: a blocked database (an upgrade in
// another tab) renders "Opening your mail…" as before, and the live queries answer.
await Promise.race([started, new Promise((resolve) => setTimeout(resolve, 1_000))]);
performance.mark('app:read');
// Rendered and committed in this task, the one the read answered in: left to React's
// scheduler, the render waits for its next task, and a frame painted in between (with
// nothing new on it) puts the rows a frame later.
const app = createRoot(root);
flushSync(() =>
  app.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
performance.mark('app:committed');
