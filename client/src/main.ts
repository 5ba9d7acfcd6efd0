import { mount } from 'svelte';
import type { Health } from '@conveyor/shared';
import App from './App.svelte';
import { adoptTokenFromUrl } from './lib/auth/token.js';
import { setLoadedBuild } from './lib/build.js';
import { initLang } from './lib/i18n/i18n.js';
import { setOfficeZone } from './lib/office.js';
import { routeOf } from './route.js';
import './app.css';

/** The office's language is the default; a slow or absent server must not hold the page up for long. */
async function health(): Promise<Health | null> {
  try {
    const res = await fetch('/api/health', { signal: AbortSignal.timeout(1500) });
    return res.ok ? ((await res.json()) as Health) : null;
  } catch {
    return null;
  }
}

adoptTokenFromUrl();
const served = await health();
setLoadedBuild(served?.build ?? null);
setOfficeZone(served?.timezone);
const route = routeOf(window.location.pathname);
initLang(served?.locale ?? null, route === 'tv' ? 'tv' : 'person');
document.documentElement.dataset.view = route;

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

target.replaceChildren(); // the boot mark from index.html
export default mount(App, { target, props: { route } });

// The phone's page works offline through a service worker (public/sw.js); only /me registers it,
// and it leaves every other page to the network (docs/phone.md), so the wall TV is never served an old build.
if (route === 'me' && import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => undefined);
}
