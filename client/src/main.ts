import { mount } from 'svelte';
import App from './App.svelte';
import { adoptTokenFromUrl } from './lib/auth/token.js';
import { lang } from './lib/i18n.js';
import { routeOf } from './route.js';
import './app.css';

adoptTokenFromUrl();
const route = routeOf(window.location.pathname);
document.documentElement.lang = lang;
document.documentElement.dataset.view = route;

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target, props: { route } });
