#!/usr/bin/env node
// Finds import cycles between files and between folders in server/src, client/src and shared/src.
// A folder is the directory a file sits in; a parent folder and its child are separate folders, so
// an import may point from one to the other in one direction only. Only relative imports count:
// packages (@conveyor/shared included) are the workspaces' business, not a cycle inside a tree.
// Usage: node scripts/check-cycles.mjs [root ...]   (exits 1 when it finds a cycle)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const roots = process.argv.length > 2 ? process.argv.slice(2) : ['server/src', 'client/src', 'shared/src'];
const SOURCE = /\.(ts|svelte|js)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist']);

/** Every source file under `dir`, as absolute paths. */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

// `import x from '…'`, `import '…'`, `export … from '…'` (type-only ones too: they tie folders as
// much as values do), and `import('…')`. Comments are blanked first so an example in one is no import.
const IMPORT = /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

/** The code of a file to scan: a Svelte component's <script> blocks, or the whole file. */
function codeOf(path) {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return stripComments(text);
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => stripComments(m[1])).join('\n');
}

/** The file a relative specifier names: `./x.js` is `./x.ts`; also `./x` → x.ts, x/index.ts. */
function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [base];
  if (/\.(js|mjs)$/.test(base)) candidates.push(base.replace(/\.m?js$/, '.ts'));
  candidates.push(`${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js'));
  return candidates.find((c) => existsSync(c) && statSync(c).isFile() && SOURCE.test(c));
}

/** Strongly connected components with more than one node, or a node that imports itself (Tarjan). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (start) => {
    // Iterative, so a deep import chain cannot overflow the call stack.
    const work = [[start, [...(graph.get(start) ?? [])], 0]];
    info.set(start, { index, low: index, onStack: true });
    index++;
    stack.push(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, next] = frame;
      if (frame[2] < next.length) {
        const to = next[frame[2]++];
        if (!info.has(to)) {
          info.set(to, { index, low: index, onStack: true });
          index++;
          stack.push(to);
          work.push([to, [...(graph.get(to) ?? [])], 0]);
        } else if (info.get(to).onStack) {
          info.get(node).low = Math.min(info.get(node).low, info.get(to).index);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        info.get(parent).low = Math.min(info.get(parent).low, info.get(node).low);
      }
      if (info.get(node).low === info.get(node).index) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          info.get(member).onStack = false;
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
      }
    }
  };
  for (const node of [...graph.keys()].sort()) if (!info.has(node)) visit(node);
  return found.sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]));
}

/** One shortest import path from `from` back to itself inside `members`, to show a file cycle. */
function loopThrough(graph, from, members) {
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === from) {
        const path = [from];
        for (let at = node; at !== from; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, from];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [from];
}

const rel = (path) => relative(repo, path) || '.';
const fileGraph = new Map();
/** folder → folder → one example import (`file -> file`). */
const folderGraph = new Map();
const folderExample = new Map();

for (const root of roots) {
  const dir = resolve(repo, root);
  if (!existsSync(dir)) {
    console.error(`check-cycles: no such folder ${root}`);
    process.exit(2);
  }
  for (const file of sourceFiles(dir)) {
    const edges = fileGraph.get(file) ?? new Set();
    fileGraph.set(file, edges);
    const fromFolder = rel(dirname(file));
    if (!folderGraph.has(fromFolder)) folderGraph.set(fromFolder, new Set());
    for (const match of codeOf(file).matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      if (!spec.startsWith('.')) continue;
      const target = resolveImport(file, spec);
      if (target === undefined) continue; // an asset (CSS, JSON) or a file that is not there: the compiler says so
      edges.add(target);
      const toFolder = rel(dirname(target));
      if (toFolder === fromFolder) continue;
      folderGraph.get(fromFolder).add(toFolder);
      const key = `${fromFolder}\0${toFolder}`;
      if (!folderExample.has(key)) folderExample.set(key, `${rel(file)} imports ${rel(target)}`);
    }
  }
}

const fileCycles = cycles(fileGraph);
const folderCycles = cycles(folderGraph);

if (fileCycles.length > 0) {
  console.log(`${fileCycles.length} file cycle(s):`);
  for (const component of fileCycles) {
    const members = new Set(component);
    console.log(`- ${component.length} files: ${component.map(rel).join(', ')}`);
    console.log(`  for example: ${loopThrough(fileGraph, component[0], members).map(rel).join(' -> ')}`);
  }
}
if (folderCycles.length > 0) {
  if (fileCycles.length > 0) console.log('');
  console.log(`${folderCycles.length} folder cycle(s):`);
  for (const component of folderCycles) {
    const members = new Set(component);
    console.log(`- ${component.length} folders: ${component.join(', ')}`);
    for (const from of component)
      for (const to of [...folderGraph.get(from)].sort())
        if (members.has(to)) console.log(`    ${from} -> ${to}: ${folderExample.get(`${from}\0${to}`)}`);
  }
}
if (fileCycles.length > 0 || folderCycles.length > 0) process.exit(1);
console.log(`check-cycles: no file or folder cycles in ${roots.join(', ')} (${fileGraph.size} files)`);
