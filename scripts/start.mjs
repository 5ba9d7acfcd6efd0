#!/usr/bin/env node
// `npm start`: builds whatever is missing or older than its sources, then runs the server.
// Flags pass through to the server (`npm start -- --demo`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Newest modification time of the files under a folder (0 if none). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

const parts = [
  { name: 'shared', output: 'shared/dist/index.js', sources: ['shared/src', 'shared/package.json'] },
  { name: 'server', output: 'server/dist/main.js', sources: ['server/src', 'server/package.json', 'shared/src'] },
  { name: 'client', output: 'client/dist/index.html', sources: ['client/src', 'client/index.html', 'client/vite.config.ts', 'shared/src'] },
];

for (const part of parts) {
  const output = join(root, part.output);
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  const sources = Math.max(
    ...part.sources.map((s) =>
      s.includes('.') ? (existsSync(join(root, s)) ? statSync(join(root, s)).mtimeMs : 0) : newest(join(root, s)),
    ),
  );
  if (built >= sources) continue;
  console.log(`Building ${part.name}...`);
  const result = spawnSync(npm, ['run', 'build', '-w', part.name], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = process.argv.slice(2);
const child = spawn(process.execPath, [join(root, 'server/dist/main.js'), ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
