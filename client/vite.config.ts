import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';

/** The API server in development (`npm run dev -w server`). */
const API = 'http://localhost:3000';

/** Files of public/ the phone's service worker keeps for offline (the manifest and its icons). */
const PUBLIC_SHELL = ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png'];

/**
 * Fills the phone's service worker (public/sw.js) with this build: the hashed files /me needs to
 * start (the entry, the phone's chunk, what they import and their CSS) and a build id, so every new
 * build is a new worker (docs/phone.md).
 */
function serviceWorkerShell(): Plugin {
  let outDir = 'dist';
  return {
    name: 'conveyor-sw-shell',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [file] : []));
      const roots = chunks.filter((c) => c.isEntry || (c.facadeModuleId ?? '').endsWith('/views/me/Me.svelte'));
      const shell = new Set<string>();
      const visit = (fileName: string): void => {
        if (shell.has(fileName)) return;
        shell.add(fileName);
        const chunk = chunks.find((c) => c.fileName === fileName);
        if (!chunk) return;
        for (const css of chunk.viteMetadata?.importedCss ?? []) shell.add(css);
        for (const imported of chunk.imports) visit(imported);
      };
      for (const root of roots) visit(root.fileName);
      const files = [...shell].sort().map((name) => `/${name}`);
      const build = createHash('sha256').update(Object.keys(bundle).sort().join('\n')).digest('hex').slice(0, 12);
      const path = join(outDir, 'sw.js');
      const source = readFileSync(path, 'utf8')
        .replace("const BUILD = 'dev';", `const BUILD = '${build}';`)
        .replace('const SHELL = [];', `const SHELL = ${JSON.stringify([...files, ...PUBLIC_SHELL])};`);
      if (!source.includes(build)) throw new Error('public/sw.js has no BUILD line to fill in');
      writeFileSync(path, source);
    },
  };
}

export default defineConfig({
  plugins: [svelte(), serviceWorkerShell()],
  server: {
    proxy: {
      '/api': { target: API },
      '/socket.io': { target: API, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
});
