import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { beginStartRead } from './data/startRead.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The account, its folders and its first rows in one read, so the first render shows
// them (data/startRead.ts). Not waited for long: a blocked database (an upgrade in
// another tab) renders "Opening your mail…" as before, and the live queries answer.
await Promise.race([beginStartRead().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000))]);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
