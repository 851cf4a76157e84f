// Dev only (empty in builds): installs React Fast Refresh from a module, because the CSP blocks the inline
// preamble script Vite would otherwise inject into index.html.
import '@vitejs/plugin-react/preamble';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { startLive } from './state/live';
import { applyTheme, usePreferences } from './state/preferences';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain #root');

applyTheme(usePreferences.getState().theme);
startLive();
// The runs-list benchmark's hook (bench/scenarios/runs-list.ts); never loaded otherwise.
if (new URLSearchParams(window.location.search).has('bench')) void import('./bench/hook').then((m) => m.installBenchHook());
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
