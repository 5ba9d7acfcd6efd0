#!/usr/bin/env node
// What grew between two heap snapshots (Chrome DevTools' format, e.g. from `bench/wall.mjs
// --snapshots=DIR`): the self size and count of every kind of thing on the heap, by type and
// constructor or native name, biggest growth first.
//
//   node bench/heap-diff.mjs DIR/start.heapsnapshot DIR/end.heapsnapshot [--most=30]
import { readFileSync } from 'node:fs';
import { parseArgs } from './lib/common.mjs';

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

/** Self sizes and counts by `type:name` in one snapshot. */
function tally(path) {
  const snapshot = JSON.parse(readFileSync(path, 'utf8'));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const { nodes, strings } = snapshot;
  const out = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const kind = types[nodes[i + type]];
    const named = kind === 'object' || kind === 'closure' || kind === 'native';
    const key = STRING_TYPES.has(kind) ? 'string' : named ? `${kind}:${strings[nodes[i + name]].slice(0, 80)}` : kind;
    const entry = out.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += nodes[i + size];
    out.set(key, entry);
  }
  return out;
}

const args = parseArgs();
const [startPath, endPath] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!startPath || !endPath) {
  console.error('usage: node bench/heap-diff.mjs START.heapsnapshot END.heapsnapshot [--most=30]');
  process.exit(2);
}
const start = tally(startPath);
const end = tally(endPath);
const rows = [...new Set([...start.keys(), ...end.keys()])].map((key) => ({
  key,
  bytes: (end.get(key)?.bytes ?? 0) - (start.get(key)?.bytes ?? 0),
  count: (end.get(key)?.count ?? 0) - (start.get(key)?.count ?? 0),
}));
rows.sort((a, b) => b.bytes - a.bytes);
const total = rows.reduce((sum, row) => sum + row.bytes, 0);
const byType = new Map();
for (const row of rows) {
  const kind = row.key.split(':')[0];
  byType.set(kind, (byType.get(kind) ?? 0) + row.bytes);
}
console.log(`self size, end − start: ${(total / 1024).toFixed(1)} KB`);
console.log(
  `by type: ${[...byType]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, bytes]) => `${kind} ${(bytes / 1024).toFixed(1)} KB`)
    .join(', ')}`,
);
for (const row of rows.slice(0, Number(args.most ?? 30)))
  console.log(`${(row.bytes / 1024).toFixed(1).padStart(9)} KB ${String(row.count).padStart(7)}  ${row.key}`);
