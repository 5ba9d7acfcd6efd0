#!/usr/bin/env node
// Hostile-input benchmark: seeded malformed or hostile requests to every write endpoint of the built server
// (taken from its OpenAPI document), to every integration's webhook address (signed and unsigned) and to the
// /live socket (handshake, subscribe, unknown events, raw engine.io frames), as every kind of caller.
// Promise (issue 17): zero 5xx, every refusal in the error contract with a `code`, nothing stored, the server
// alive and answering at the end.
//
//   node bench/fuzz.mjs [--seed=N] [--requests=10000] [--concurrency=8] [--postgres] [--json=out.json] [--keep-log]
//
// --seed replays a run exactly (the same cases in the same order; answers may interleave differently with
// --concurrency > 1). --postgres runs the server on a throwaway PostgreSQL cluster (scripts/lib/services.mjs)
// instead of a SQLite file.
//
// Every case is invalid by construction: one mutation that the contract must refuse (a wrong type, a 1 MB
// string, deep nesting, `__proto__` / `constructor` keys, a missing or unknown field, NaN / Infinity, an
// impossible date, an oversize batch, invalid JSON, a wrong content type or encoding, an empty body, a huge
// header, an unknown id in the path, an unknown webhook key), with up to two hostile decorations elsewhere in
// the same request (unicode junk: lone surrogates, RTL overrides, NUL, zero-width and combining marks; -0;
// ancient and far-future dates; prototype-polluting query strings; junk cookies and origins).
//
// "Nothing stored": the row count of every table, and the ledger's sum of points, before and after, read
// straight from the database (sqlite3 / pg). Webhook deliveries are the one table that is meant to grow:
// the inbox keeps the fact of a refused delivery and a malformed one as `ignored` (docs/integrations.md);
// the bench checks that none of them was scored. Exits 1 when a promise is broken.
import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ERROR_CODES, LIVE_NAMESPACE } from '@conveyor/shared';
import pg from 'pg';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { startPostgres } from '../scripts/lib/services.mjs';
import { codeVersion, fmt, log, machine, num, parseArgs, seededRandom, sleep, table } from './lib/common.mjs';
import { ADMIN_TOKEN, DISPLAY_TOKEN, httpClient, seedOffice, startConveyor } from './lib/server.mjs';

const CLOCK = '2026-11-20T12:00:00.000Z';
const CALLERS = ['anonymous', 'employee', 'display', 'integration', 'manager'];
const KNOWN_CODES = new Set(ERROR_CODES);
const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
// Hostile values

const ONE_MB = 'A'.repeat(MB);
const UNICODE_JUNK = [
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'a\ud800b\udc00c',
  '\u202eтест\u202c', // right-to-left override
  '\u200f\u200e\u061c', // RTL / LTR / Arabic letter marks
  '\u2066\u2067\u2068\u2069', // isolates
  'nul\u0000byte',
  '\u0000',
  '\u0007\u0008\u001b[31m', // control characters, an ANSI escape
  '\u200b\u200c\u200d\ufeff', // zero-width
  'e' + '\u0301'.repeat(1000), // a thousand combining accents
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\uffff\ufffe\ufffd',
  '𝕿𝖊𝖘𝖙',
  'Ω≈ç√∫',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\r\nX-Injected: 1',
];
const DATES_INVALID = [
  '2026-02-30T10:00:00.000Z',
  '2026-11-20T25:61:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2026-11-20',
  'yesterday',
  '',
  '1e3',
  '2026-11-20T12:00:00.000+99:00',
];
const DATES_EXTREME = [
  '1066-10-14T09:00:00.000Z',
  '1900-01-01T00:00:00.000Z',
  '1970-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '2100-01-01T00:00:00.000Z',
];
/** Numbers JSON can carry that are not what a field wants: 1e309 parses to Infinity. */
const NUMBERS_RAW = ['1e309', '-1e309', '1e21', '9007199254740993', '-1', '0.5', '-0', '1e-400', '123456789012345678901234567890'];

// ---------------------------------------------------------------------------------------------------------
// A valid-looking instance of an OpenAPI (zod) schema, to mutate

function sample(schema, name = '', rnd) {
  if (!schema || typeof schema !== 'object') return 'x';
  if (schema.enum) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  if (schema.oneOf || schema.anyOf) return sample((schema.oneOf ?? schema.anyOf)[0], name, rnd);
  if (schema.allOf) return sample(schema.allOf[0], name, rnd);
  switch (schema.type) {
    case 'object': {
      const out = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(key) || rnd() < 0.5) out[key] = sample(sub, key, rnd);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, name, rnd));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format === 'date-time') return '2026-11-20T10:00:00.000Z';
      if (schema.format === 'date') return '2026-11-20';
      if (/employeeId/i.test(name)) return 'tm1';
      if (/teamId|^team$/i.test(name)) return 'team1';
      if (/email/i.test(name)) return 'fuzz@office.test';
      if (/password/i.test(name)) return 'a long enough password';
      const len = Math.max(schema.minLength ?? 1, 4);
      return 'fuzz'.padEnd(len, 'z').slice(0, Math.max(len, 4));
    }
    default:
      return {};
  }
}

/** Paths to every leaf and object of a JSON value, with the value there. */
function nodes(value, path = []) {
  const out = [{ path, value }];
  if (value instanceof Raw) return out;
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodes(v, [...path, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...nodes(v, [...path, k]));
  return out;
}

function setAt(root, path, value) {
  if (path.length === 0) return value;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return root;
}

/** Percent-encodes any string, lone surrogates too (as the replacement character's UTF-8, like a browser). */
const pct = (s) => [...Buffer.from(String(s), 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

/**
 * A JSON value that may contain raw text the JSON encoder cannot make (numbers such as 1e309, deep nesting
 * built as text). `Raw` marks such a piece; `encode` writes the whole.
 */
class Raw {
  constructor(text) {
    this.text = text;
  }
}
function encode(value) {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${encode(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const deep = (depth, open = '[', close = ']') => new Raw(open.repeat(depth) + close.repeat(depth));
const deepObject = (depth) => new Raw('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

function wrongTypeFor(value, rnd) {
  if (typeof value === 'string') return pick(rnd, [12345, true, [], { s: value }, -1]);
  if (typeof value === 'number') return pick(rnd, ['12', true, [], {}, 'один']);
  if (typeof value === 'boolean') return pick(rnd, ['true', 1, [], 'да']);
  if (Array.isArray(value)) return pick(rnd, [{}, 'x', 7, [[[]]]]);
  if (value && typeof value === 'object') return pick(rnd, [[], 'x', 7, true]);
  return pick(rnd, [{}, [], 'x']);
}

/**
 * The mutations that make a JSON body invalid: `apply(body, rnd)` returns { body, note } or null when the
 * body has nothing it applies to. The result may hold Raw pieces.
 */
const JSON_MUTATIONS = {
  wrongType(body, rnd) {
    const leaves = nodes(body).filter((n) => n.path.length > 0);
    const n = leaves.length ? pick(rnd, leaves) : { path: [], value: body };
    return { body: setAt(body, n.path, wrongTypeFor(n.value, rnd)), note: `wrong type at ${n.path.join('.') || 'body'}` };
  },
  hugeString(body, rnd) {
    const strings = nodes(body).filter((n) => typeof n.value === 'string');
    if (!strings.length) return { body: setAt(body, [], ONE_MB), note: '1 MB string body' };
    const n = pick(rnd, strings);
    return {
      body: setAt(body, n.path, pick(rnd, [ONE_MB, '\u0000'.repeat(MB / 2), '€'.repeat(MB / 3)])),
      note: `1 MB string at ${n.path.join('.')}`,
    };
  },
  deepNesting(body, rnd) {
    const depth = pick(rnd, [200, 2_000, 20_000, 200_000]);
    const where = nodes(body).filter((n) => n.path.length > 0);
    const value = rnd() < 0.5 ? deep(depth) : deepObject(depth);
    if (!where.length) return { body: value, note: `nesting ${depth} deep as the body` };
    const n = pick(rnd, where);
    return { body: setAt(body, n.path, value), note: `nesting ${depth} deep at ${n.path.join('.')}` };
  },
  protoKeys(body, rnd) {
    const objects = nodes(body).filter((n) => n.value && typeof n.value === 'object' && !Array.isArray(n.value));
    const key = pick(rnd, ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString']);
    const value = pick(rnd, [{ polluted: true, isAdmin: true }, { prototype: { polluted: true } }, 'x', null, 1]);
    if (!objects.length) return { body: { [key]: value, body }, note: `${key} around the body` };
    const n = pick(rnd, objects);
    // JSON text keeps `__proto__` as an own key (the encoder writes keys as data, not as assignments).
    const text = new Raw(`{${JSON.stringify(key)}:${encode(value)}${Object.keys(n.value).length ? ',' + encode(n.value).slice(1) : '}'}`);
    return { body: setAt(body, n.path, text), note: `${key} key at ${n.path.join('.') || 'body'}` };
  },
  missingField(body, rnd) {
    const withKeys = nodes(body).filter(
      (n) => n.value && typeof n.value === 'object' && !Array.isArray(n.value) && Object.keys(n.value).length,
    );
    if (!withKeys.length) return JSON_MUTATIONS.unknownField(body, rnd);
    const n = pick(rnd, withKeys);
    const keys = Object.keys(n.value);
    // Drop every key: a required one is surely among them, unless none is required (then an unknown one is added).
    const all = rnd() < 0.5;
    const dropped = all ? keys : [pick(rnd, keys)];
    const copy = { ...n.value };
    for (const k of dropped) delete copy[k];
    copy[`fuzz_${Math.floor(rnd() * 1e6)}`] = pick(rnd, UNICODE_JUNK);
    return {
      body: setAt(body, n.path, copy),
      note: `without ${dropped.join(',')} at ${n.path.join('.') || 'body'}, with an unknown field`,
    };
  },
  unknownField(body, rnd) {
    const objects = nodes(body).filter((n) => n.value && typeof n.value === 'object' && !Array.isArray(n.value));
    const key = pick(rnd, ['admin', 'role', 'points', 'id ', '', ' ', '\u0000', '\ud800', 'a'.repeat(10_000), '$where', '__proto__.x']);
    if (!objects.length) return { body: { [key]: body }, note: 'unknown field around the body' };
    const n = pick(rnd, objects);
    return {
      body: setAt(body, n.path, { ...n.value, [key]: pick(rnd, [true, 'manager', 1e9, {}]) }),
      note: `unknown field ${JSON.stringify(key.slice(0, 20))}`,
    };
  },
  badNumber(body, rnd) {
    const numbers = nodes(body).filter((n) => typeof n.value === 'number');
    const n = numbers.length ? pick(rnd, numbers) : pick(rnd, nodes(body));
    const raw = pick(rnd, ['1e309', '-1e309', '1e21', '0.5', '-1', '9007199254740993', '123456789012345678901234567890']);
    return { body: setAt(body, n.path, new Raw(raw)), note: `number ${raw} at ${n.path.join('.') || 'body'}` };
  },
  badDate(body, rnd) {
    const dates = nodes(body).filter((n) => typeof n.value === 'string' && /^\d{4}-\d\d-\d\d/.test(n.value));
    if (!dates.length) return JSON_MUTATIONS.wrongType(body, rnd);
    const n = pick(rnd, dates);
    const d = pick(rnd, DATES_INVALID);
    return { body: setAt(body, n.path, d), note: `date ${JSON.stringify(d)} at ${n.path.join('.')}` };
  },
};

/** Text bodies that are not JSON. */
const INVALID_JSON = [
  (t) => t.slice(0, Math.max(1, Math.floor(t.length / 2))),
  (t) => t.replace(/}$/, ',}'),
  (t) => `${t}${t}`,
  (t) => t.replace(/"/g, "'"),
  () => '{"a": NaN}',
  () => '{"a": Infinity}',
  () => '[1, 2, 3,]',
  () => '// comment\n{}',
  () => '{"a":1}\u0000',
  () => '\ufeff{}',
  () => 'undefined',
  () => '{"a": "\\ud800"',
  () => '{"\\u0000": 1',
  () => '[' + '['.repeat(100_000),
  () => 'null',
  () => '"just a string"',
  () => '0',
  () => 'true',
];

// ---------------------------------------------------------------------------------------------------------
// Sending

/** A header value of any text: its UTF-8 bytes as they are on the wire, without control characters (the client refuses those). */
const headerValue = (v) =>
  Buffer.from(String(v), 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, ' ');

/** One raw HTTP request; never throws: a connection the server cut is an answer of its own (status 0). */
function send(baseUrl, { method, path, headers = {}, body }) {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    let req;
    try {
      req = http.request({
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent: false,
        timeout: 30_000,
        headers: {
          ...(payload === undefined ? {} : { 'content-length': payload.length }),
          ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, headerValue(v)])),
        },
        insecureHTTPParser: true,
      });
    } catch (error) {
      resolve({ status: -1, text: '', contentType: '', error: `client refused to send: ${error.message}` });
      return;
    }
    req.on('response', (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, text: Buffer.concat(parts).toString(), contentType: String(res.headers['content-type'] ?? '') }),
      );
      res.on('error', (e) => resolve({ status: 0, text: '', contentType: '', error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 30 s')));
    req.on('error', (e) => resolve({ status: 0, text: '', contentType: '', error: e.message }));
    req.end(payload);
  });
}

/** Whether a refusal is in the error contract: JSON { code (a known one), message, errors[] }. */
function inContract(answer) {
  if (!/application\/json/.test(answer.contentType)) return `content-type ${answer.contentType || '(none)'}`;
  let body;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return 'not JSON';
  }
  if (!body || typeof body !== 'object') return 'not an object';
  if (typeof body.code !== 'string') return 'no code';
  if (!KNOWN_CODES.has(body.code)) return `unknown code ${body.code}`;
  if (typeof body.message !== 'string') return 'no message';
  if (!Array.isArray(body.errors)) return 'no errors[]';
  return null;
}

const bodyBytes = (body) => (body === undefined ? 0 : Buffer.isBuffer(body) ? body.length : Buffer.byteLength(body));

// ---------------------------------------------------------------------------------------------------------
// The office under attack

async function login(url, email, password) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

const INTEGRATION_SETTINGS = {
  amocrm: {},
  bitrix24: { applicationToken: 'fuzz-bitrix-token-0123456789', restUrl: 'http://127.0.0.1:9/rest/1/abc/' },
  mango: { apiKey: 'fuzz-mango-key', apiSalt: 'fuzz-mango-salt' },
  zadarma: { apiSecret: 'fuzz-zadarma-secret' },
  sipuni: {},
  uis: {},
  hubspot: { clientSecret: 'fuzz-hubspot-secret', apiUrl: 'http://127.0.0.1:9' },
  pipedrive: { username: 'fuzz', password: 'fuzz-pipedrive-password' },
  generic: {},
};

async function prepareOffice(server) {
  const admin = httpClient(server.url, { token: ADMIN_TOKEN });
  await seedOffice(admin, { teams: 3, year: 2026 });
  // A few real events, so the ledger has rows whose count and sum must not move.
  const events = Array.from({ length: 30 }, (_, i) => ({
    id: `fuzz-seed-${i}`,
    type: i % 3 === 0 ? 'meeting.scheduled' : 'call',
    occurredAt: new Date(Date.parse(CLOCK) - (i + 1) * 600_000).toISOString(),
    employeeId: `tm${(i % 3) + 1}`,
    ...(i % 3 === 0 ? { clientId: `fuzz-client-${i}` } : { durationSec: 90 }),
  }));
  const posted = await admin.request('POST', '/api/events', events);
  if (posted.status >= 300) throw new Error(`seed events: ${posted.status} ${posted.text}`);
  const account = await admin.request('POST', '/api/accounts', {
    email: 'fuzz-head@office.test',
    name: 'Head',
    password: 'correct horse battery',
  });
  if (account.status !== 201) throw new Error(`account: ${account.status} ${account.text}`);
  const managerCookie = await login(server.url, 'fuzz-head@office.test', 'correct horse battery');
  const invite = JSON.parse((await admin.request('POST', '/api/employees/tm1/invite')).text);
  const inviteRes = await fetch(`${server.url}/api/auth/invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: invite.code }),
  });
  if (inviteRes.status !== 200) throw new Error(`invite: ${inviteRes.status}`);
  const employeeCookie = (inviteRes.headers.get('set-cookie') ?? '').split(';')[0];
  const integrationToken = JSON.parse((await admin.request('POST', '/api/tokens', { kind: 'integration', name: 'Fuzz CRM' })).text).token;
  const hooks = {};
  for (const [system, settings] of Object.entries(INTEGRATION_SETTINGS)) {
    const res = await admin.request('POST', '/api/integrations', { system, name: `Fuzz ${system}`, settings });
    if (res.status !== 201) throw new Error(`integration ${system}: ${res.status} ${res.text}`);
    const made = JSON.parse(res.text);
    hooks[system] = { path: new URL(made.webhookUrl).pathname, secret: made.secret ?? null, settings };
  }
  const doc = JSON.parse((await admin.request('GET', '/api/docs-json')).text);
  admin.close();
  return {
    credentials: {
      anonymous: {},
      employee: { cookie: employeeCookie },
      display: { authorization: `Bearer ${DISPLAY_TOKEN}` },
      integration: { authorization: `Bearer ${integrationToken}` },
      manager: { cookie: managerCookie },
    },
    hooks,
    doc,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Cases

const PATH_JUNK = [
  'fuzz-nope',
  'x'.repeat(4_000),
  encodeURIComponent('\u202eтест\u0000'),
  '%E0%A4%A',
  '%',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%00',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  '%20',
  encodeURIComponent('<script>'),
  '9999-99',
  '0000-00',
  '2026-13',
  'month',
];

/** Decorations that keep a request as invalid as it was and add hostile bytes around it. */
function decorate(req, rnd, caller) {
  const notes = [];
  const count = Math.floor(rnd() * 3);
  for (let i = 0; i < count; i++) {
    switch (pick(rnd, ['header', 'query', 'cookie', 'origin', 'lang', 'hugeHeader'])) {
      case 'header':
        req.headers['x-fuzz'] = pct(pick(rnd, UNICODE_JUNK)).slice(0, 2000);
        notes.push('junk header');
        break;
      case 'query':
        req.path +=
          (req.path.includes('?') ? '&' : '?') +
          pick(rnd, [
            '__proto__[polluted]=1',
            'constructor[prototype][polluted]=1',
            'a[b][c][d][e][f][g][h][i][j][k]=1',
            'x=%ZZ',
            `a=${'b'.repeat(8000)}`,
            'a[]=1&a[]=2&a[100000]=3',
          ]);
        notes.push('junk query');
        break;
      case 'cookie':
        if (caller === 'anonymous') {
          req.headers.cookie = pick(rnd, [
            'conveyor_session=' + 'x'.repeat(3000),
            'conveyor_session=%E0%A4%A',
            'conveyor_session=;conveyor_session=a',
            '=;;;=',
            'conveyor_session=\u00ff',
          ]);
          notes.push('junk cookie');
        }
        break;
      case 'origin':
        req.headers.origin = pick(rnd, ['http://evil.example', 'null', '%', 'http://127.0.0.1:1']);
        notes.push('junk origin');
        break;
      case 'lang':
        req.headers['accept-language'] = pick(rnd, ['*;q=NaN', 'ru-RU,'.repeat(500), 'xx', '\u00ff\u00fe']);
        notes.push('junk accept-language');
        break;
      case 'hugeHeader':
        req.headers['x-huge'] = 'h'.repeat(pick(rnd, [20_000, 70_000]));
        notes.push('huge header');
        break;
    }
  }
  return notes;
}

/** A JSON body, mutated: returns { text, note }. */
function mutatedJson(schema, rnd) {
  const base = schema ? sample(schema, '', rnd) : { fuzz: 'x' };
  const kinds = Object.keys(JSON_MUTATIONS);
  const kind = pick(rnd, kinds);
  // Unknown keys (and `__proto__`) are dropped, not refused, where a contract ignores unknown fields (events,
  // a free-form settings map): those mutations go with a wrong type elsewhere, so the request stays invalid.
  const keyed = kind === 'protoKeys' || kind === 'unknownField' || kind === 'missingField';
  const start = keyed ? JSON_MUTATIONS.wrongType(clone(base), rnd) : { body: clone(base), note: '' };
  const mutated = JSON_MUTATIONS[kind](start.body, rnd);
  if (keyed) mutated.note += `, ${start.note}`;
  // A hostile decoration inside the body too, now and then: unicode junk or an extreme date in another leaf.
  if (rnd() < 0.4) {
    const strings = nodes(mutated.body).filter((n) => typeof n.value === 'string' && n.value.length < 1000);
    if (strings.length) {
      const n = pick(rnd, strings);
      setAt(mutated.body, n.path, /^\d{4}-/.test(n.value) ? pick(rnd, DATES_EXTREME) : pick(rnd, UNICODE_JUNK));
      mutated.note += ', junk text';
    }
  }
  return { text: encode(mutated.body), kind, note: mutated.note };
}

function requestSchema(op) {
  const content = op.requestBody?.content ?? {};
  const type = Object.keys(content)[0];
  return { type, schema: type ? content[type].schema : undefined };
}

/** Every write route of the OpenAPI document but the webhooks (they get their own cases). */
function writeRoutes(doc) {
  const out = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      if (path.startsWith('/api/hooks/')) continue;
      out.push({ route: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, ...requestSchema(op) });
    }
  }
  return out;
}

/** A case for one write route: a body mutation, a content-type or encoding trick, or junk in the path. */
function routeCase(route, rnd, caller, creds) {
  const headers = { ...creds };
  let path = route.path.replace(/\{[^}]+\}/g, () => pick(rnd, PATH_JUNK));
  const hasParams = route.path.includes('{');
  const isJson = route.type === 'application/json' || route.type === undefined;
  let body;
  let kind;
  let note;
  // Routes without a body can only be refused by their path (and signing out cannot be refused at all:
  // junk cookies and tokens stand in for a session there).
  const logout = /logout/.test(route.route);
  const r = rnd();
  if (!isJson) {
    // Photos and CSV imports: junk bytes, a wrong type, empty, oversize.
    kind = pick(rnd, ['junkBytes', 'wrongContentType', 'emptyBody', 'oversize']);
    if (kind === 'junkBytes') {
      body = Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 4096) }, () => Math.floor(rnd() * 256)));
      headers['content-type'] = route.type;
    } else if (kind === 'wrongContentType') {
      body = '{"a":1}';
      headers['content-type'] = pick(rnd, [
        'application/json',
        'text/html',
        'multipart/form-data; boundary=x',
        'image/svg+xml',
        'application/x-www-form-urlencoded',
      ]);
    } else if (kind === 'emptyBody') {
      body = '';
      headers['content-type'] = route.type;
    } else {
      body = Buffer.alloc(pick(rnd, [6 * MB, 12 * MB]), route.type.startsWith('text') ? 0x41 : 0xff);
      headers['content-type'] = route.type;
    }
    note = `${kind} (${headers['content-type']})`;
    if (!/import/.test(route.route) && hasParams === false) note += '';
  } else if (logout) {
    kind = 'junkCredentials';
    delete headers.cookie;
    if (rnd() < 0.5)
      headers.cookie = pick(rnd, [
        'conveyor_session=' + 'x'.repeat(3000),
        'conveyor_session=%E0%A4%A',
        'conveyor_session=\u00ff',
        'conveyor_session=' + encodeURIComponent('\u202e\u0000'),
      ]);
    else headers.authorization = pick(rnd, ['Bearer ', 'Bearer ' + 'x'.repeat(5000), 'Basic Og==', 'Bearer \u00ff', 'bearer  a b c']);
    body = rnd() < 0.5 ? mutatedJson(undefined, rnd).text : undefined;
    if (body !== undefined) headers['content-type'] = 'application/json';
    note = 'junk session or token';
  } else if (!route.schema && hasParams) {
    kind = 'junkPath';
    body = rnd() < 0.5 ? mutatedJson(undefined, rnd).text : undefined;
    if (body !== undefined) headers['content-type'] = 'application/json';
    note = `unknown id in ${path.slice(0, 80)}`;
  } else if (r < 0.62) {
    const m = mutatedJson(route.schema, rnd);
    body = m.text;
    kind = m.kind;
    note = m.note;
    headers['content-type'] = 'application/json';
  } else if (r < 0.72) {
    kind = 'invalidJson';
    const text = encode(sample(route.schema, '', rnd));
    body = pick(rnd, INVALID_JSON)(text);
    headers['content-type'] = 'application/json';
    note = `invalid JSON ${JSON.stringify(body.slice(0, 30))}`;
  } else if (r < 0.8) {
    kind = 'invalidJson';
    // Bytes that are not UTF-8 inside a JSON string.
    const text = encode(sample(route.schema, '', rnd));
    const at = text.indexOf('"', 1) > 0 ? text.indexOf('"', 1) : 1;
    body = Buffer.concat([
      Buffer.from(text.slice(0, at)),
      Buffer.from(pick(rnd, [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00]])),
      Buffer.from(text.slice(at)),
    ]);
    // Keep it invalid as a request: the bytes land in a string that must also be refused for its shape.
    body = Buffer.concat([body, Buffer.from(',')]);
    headers['content-type'] = 'application/json';
    note = 'invalid UTF-8 in the body';
  } else if (r < 0.9) {
    kind = 'wrongContentType';
    const text = encode(JSON_MUTATIONS.wrongType(clone(sample(route.schema, '', rnd)), rnd).body);
    const variant = pick(rnd, [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=--x',
      'application/xml',
      null,
      'application/json; charset=utf-16',
      'application/json; charset=koi8-r',
      'gzip',
      'deflate',
      'br',
      'application/json, text/plain',
    ]);
    if (variant === 'gzip' || variant === 'deflate' || variant === 'br') {
      headers['content-type'] = 'application/json';
      headers['content-encoding'] = variant;
      body = Buffer.from(pick(rnd, ['not compressed at all', text]));
    } else {
      if (variant) headers['content-type'] = variant;
      body = variant === 'application/x-www-form-urlencoded' ? 'a=1&__proto__[x]=1&' + 'b'.repeat(1000) : text;
    }
    note = `content type ${variant ?? '(none)'}`;
  } else if (r < 0.95) {
    kind = 'emptyBody';
    body = rnd() < 0.5 ? '' : undefined;
    headers['content-type'] = pick(rnd, ['application/json', 'application/json; charset=utf-8']);
    // An empty body stands for {}: only a route that needs a field must refuse it; routes whose fields are
    // all optional get an unknown one instead, so the case stays invalid.
    if (route.schema && !(route.schema.required ?? []).length && !(route.schema.oneOf || route.schema.anyOf)) {
      body = '{"fuzz_unknown":1}';
    }
    note = 'empty body';
  } else {
    kind = 'oversize';
    body =
      route.route === 'POST /api/events'
        ? encode(Array.from({ length: pick(rnd, [1001, 25_000]) }, () => sample(route.schema, '', rnd)))
        : '{"a":"' + 'x'.repeat(6 * MB) + '"}';
    headers['content-type'] = 'application/json';
    note = `oversize body (${fmt(body.length / MB, 1)} MB)`;
  }
  const decorations = decorate(
    {
      headers,
      get path() {
        return path;
      },
      set path(p) {
        path = p;
      },
    },
    rnd,
    caller,
  );
  return {
    target: 'http',
    route: route.route,
    caller,
    kind,
    note: [note, ...decorations].join('; '),
    method: route.method,
    path,
    headers,
    body,
  };
}

/** A signed or unsigned hostile delivery to one integration's webhook address. */
function hookCase(system, hook, rnd, baseUrl, eventSchema) {
  const headers = {};
  let method = 'POST';
  let path = hook.path;
  let body;
  let signed = rnd() < 0.6;
  let kind = 'webhook';
  const junk = () => pick(rnd, [...UNICODE_JUNK, ONE_MB.slice(0, 100_000), '', '-1', '1e309', '{"__proto__":{"x":1}}']);
  const jsonJunk = () => mutatedJson(eventSchema, rnd).text;
  const form = (fields) =>
    Object.entries(fields)
      .map(([k, v]) => `${pct(k)}=${pct(v)}`)
      .join('&');
  if (rnd() < 0.12) {
    // An address that is not a connection's, or a sub-path of one.
    path =
      rnd() < 0.5
        ? `/api/hooks/${pick(rnd, PATH_JUNK)}`
        : `${hook.path}/${pick(rnd, ['events/summary', '..%2F..', '%00', 'x'.repeat(3000), encodeURIComponent('\u202e')])}`;
    kind = 'webhookPath';
  }
  switch (system) {
    case 'generic': {
      body =
        rnd() < 0.15
          ? encode(Array.from({ length: 1001 }, () => sample(eventSchema, '', rnd)))
          : rnd() < 0.85
            ? jsonJunk()
            : pick(rnd, INVALID_JSON)('{"id":"x"}');
      headers['content-type'] = 'application/json';
      headers['x-conveyor-signature'] = signed
        ? `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`
        : pick(rnd, ['sha256=00', '', 'sha256=' + 'f'.repeat(64), 'md5=x', 'x'.repeat(5000)]);
      break;
    }
    case 'mango': {
      const json = rnd() < 0.7 ? jsonJunk() : junk();
      const key = signed ? hook.settings.apiKey : junk();
      const sign = signed
        ? createHash('sha256')
            .update(key + json + hook.settings.apiSalt)
            .digest('hex')
        : junk();
      body = form({ vpbx_api_key: key, sign, json });
      headers['content-type'] = 'application/x-www-form-urlencoded';
      if (rnd() < 0.5 && kind === 'webhook') path = `${hook.path}/events/summary`;
      break;
    }
    case 'zadarma': {
      if (rnd() < 0.3) {
        method = 'GET';
        path += `?zd_echo=${pct(junk()).slice(0, 3000)}`;
      } else {
        body = form({
          event: pick(rnd, ['NOTIFY_END', 'NOTIFY_OUT_END', junk()]),
          call_start: pick(rnd, DATES_INVALID),
          pbx_call_id: junk(),
          duration: pick(rnd, NUMBERS_RAW),
          disposition: junk(),
        });
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers.signature = junk().slice(0, 200);
        signed = false;
      }
      break;
    }
    case 'bitrix24': {
      body = form({
        event: pick(rnd, ['ONCRMDEALUPDATE', 'ONCRMACTIVITYADD', junk()]),
        'data[FIELDS][ID]': junk(),
        'auth[application_token]': signed ? hook.settings.applicationToken : junk(),
        ts: pick(rnd, NUMBERS_RAW),
      });
      headers['content-type'] = 'application/x-www-form-urlencoded';
      break;
    }
    case 'hubspot': {
      body = rnd() < 0.5 ? `[${jsonJunk()}]` : jsonJunk();
      headers['content-type'] = 'application/json';
      const ts = signed ? String(Date.parse(CLOCK)) : pick(rnd, ['', '-1', '1e309', '99999999999999999999', 'NaN']);
      headers['x-hubspot-request-timestamp'] = ts;
      const uri = `${baseUrl}${path}`;
      headers['x-hubspot-signature-v3'] = signed
        ? createHmac('sha256', hook.settings.clientSecret).update(`${method}${uri}${body}${ts}`).digest('base64')
        : junk().slice(0, 300);
      break;
    }
    case 'pipedrive': {
      body = rnd() < 0.8 ? jsonJunk() : pick(rnd, INVALID_JSON)('{}');
      headers['content-type'] = 'application/json';
      headers.authorization = signed
        ? `Basic ${Buffer.from(`${hook.settings.username}:${hook.settings.password}`).toString('base64')}`
        : pick(rnd, ['Basic Og==', 'Basic ' + 'x'.repeat(3000), 'Basic \u00ff', 'Bearer x']);
      break;
    }
    case 'amocrm': {
      body =
        rnd() < 0.5
          ? form({
              'leads[status][0][id]': junk(),
              'leads[status][0][status_id]': junk(),
              'leads[status][0][price]': pick(rnd, NUMBERS_RAW),
              'account[subdomain]': junk(),
            })
          : `${'leads[status][0]'.repeat(200)}=1`;
      headers['content-type'] = 'application/x-www-form-urlencoded';
      break;
    }
    case 'sipuni':
    case 'uis': {
      if (rnd() < 0.4) {
        method = 'GET';
        path += `?${form({ call_id: junk().slice(0, 2000), timestamp: pick(rnd, NUMBERS_RAW), status: junk().slice(0, 200) })}`;
      } else {
        body = jsonJunk();
        headers['content-type'] = pick(rnd, ['application/json', 'text/plain', 'application/x-www-form-urlencoded']);
      }
      break;
    }
  }
  if (rnd() < 0.05) headers['x-huge'] = 'h'.repeat(20_000);
  return {
    target: 'http',
    route: `POST /api/hooks/{key} (${system})`,
    caller: signed ? 'signed' : 'unsigned',
    kind,
    note: `${system} ${signed ? 'signed' : 'unsigned'}`,
    method,
    path,
    headers,
    body,
  };
}

/** A /live case: handshake junk, subscribe junk, unknown events, or raw engine.io frames. */
function socketCase(rnd, caller, subscribeSchema) {
  const kind = pick(rnd, ['handshake', 'subscribe', 'subscribe', 'unknownEvent', 'rawFrame']);
  return { target: 'socket', route: `/live ${kind}`, caller, kind, seed: Math.floor(rnd() * 2 ** 31), subscribeSchema };
}

const SUBSCRIBE_SCHEMA = {
  type: 'object',
  required: ['boards'],
  properties: {
    boards: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          board: { type: 'string', enum: ['teams', 'employees', 'telemarketers', 'sales', 'accounts'] },
          period: { type: 'string', enum: ['month', 'quarter', 'year'] },
          at: { type: 'string', format: 'date' },
        },
      },
    },
  },
};

function socketCredentials(caller, creds) {
  switch (caller) {
    case 'employee':
    case 'manager':
      return { extraHeaders: { cookie: creds.cookie } };
    case 'display':
    case 'integration':
      return { auth: { token: creds.authorization.slice('Bearer '.length) } };
    default:
      return {};
  }
}

async function runSocketCase(baseUrl, c, creds) {
  const rnd = seededRandom(c.seed);
  const junkValue = () =>
    pick(rnd, [12345, null, true, [], { token: { $ne: null } }, ONE_MB.slice(0, 200_000), ...UNICODE_JUNK, { __proto__: { admin: true } }]);
  if (c.kind === 'handshake') {
    const options = { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000 };
    const variant = pick(rnd, ['auth', 'cookie', 'origin', 'query']);
    if (variant === 'auth')
      options.auth = pick(rnd, [
        { token: junkValue() },
        { token: DISPLAY_TOKEN + '\u0000' },
        { token: DISPLAY_TOKEN.toUpperCase() },
        { token: '' },
        { token: ['a'] },
      ]);
    if (variant === 'cookie')
      options.extraHeaders = {
        cookie: pick(rnd, [
          'conveyor_session=' + 'x'.repeat(3000),
          'conveyor_session=%E0%A4%A',
          'conveyor_session=;conveyor_session=',
          '=;;;=',
        ]),
      };
    if (variant === 'origin') options.extraHeaders = { origin: pick(rnd, ['http://evil.example', 'null', '%%%', 'x'.repeat(4000)]) };
    if (variant === 'query') options.query = { __proto__: 'x', constructor: 'y', EIO: '3', token: 'x'.repeat(2000) };
    const outcome = await new Promise((resolve) => {
      const socket = io(`${baseUrl}${LIVE_NAMESPACE}`, { ...options, ...(variant === 'origin' ? { auth: { token: DISPLAY_TOKEN } } : {}) });
      const done = (what) => {
        socket.close();
        resolve(what);
      };
      socket.once('connect', () => done('connected'));
      socket.once('connect_error', (e) => done(`refused: ${e.message}`));
    });
    // A junk handshake that connects is a hole (the cookie variants carry no session at all).
    return { outcome, broken: outcome === 'connected' ? 'junk handshake connected' : null };
  }
  if (c.kind === 'rawFrame') {
    const token = c.caller === 'display' ? DISPLAY_TOKEN : 'junk';
    const frames = pick(rnd, [
      ['42/live,['],
      [`42/live,["subscribe",${'['.repeat(50_000)}]`],
      [`42/live,["subscribe",{"boards":${'['.repeat(50_000)}${']'.repeat(50_000)}}]`],
      [`42/live,["subscribe",{"boards":[${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}]}]`],
      ['451-/live,["subscribe",{"_placeholder":true,"num":99}]'],
      ['42/live,["subscribe",{"boards":[{"board":"teams","__proto__":{"polluted":true}}]}]'],
      ['9', '2probe', '6', '5'],
      [`42/live,["subscribe","${'x'.repeat(500_000)}"]`],
      ['42/live,["__proto__",{}]', '42/live,["constructor",{}]', '42/live,["toString"]'],
      ['40/nope,{}', '42/nope,["subscribe",{}]'],
      ['42/live,99["subscribe",{"boards":[]}]'],
      [Buffer.from([0xff, 0x00, 0xfe])],
      ['41/live,', '42/live,["subscribe",{"boards":[{"board":"teams"}]}]'],
    ]);
    const outcome = await new Promise((resolve) => {
      const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
      const timer = setTimeout(() => (ws.terminate(), resolve('no answer')), 3000);
      const got = [];
      ws.on('message', (data) => {
        const text = data.toString();
        got.push(text.slice(0, 2));
        if (text.startsWith('0')) ws.send(`40/live,${JSON.stringify({ token })}`);
        if (text.startsWith('40/live') || text.startsWith('44/live')) {
          for (const f of frames) ws.send(f);
          setTimeout(() => (clearTimeout(timer), ws.close(), resolve(`frames sent after ${text.slice(0, 7)}`)), 300);
        }
      });
      ws.on('close', () => (clearTimeout(timer), resolve(`closed after ${got.join(' ')}`)));
      ws.on('error', (e) => (clearTimeout(timer), resolve(`error ${e.message}`)));
    });
    return { outcome: outcome.replace(/after .*/, 'after frames'), broken: null };
  }
  // An authenticated socket (or an anonymous one, refused) that then sends junk.
  const socket = io(`${baseUrl}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
    ...socketCredentials(c.caller, creds),
  });
  const connected = await new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
  if (!connected) {
    socket.close();
    const expected = c.caller === 'anonymous' || c.caller === 'integration';
    return { outcome: 'refused at handshake', broken: expected ? null : `${c.caller} could not connect` };
  }
  if (c.kind === 'unknownEvent') {
    const name = pick(rnd, [
      'events',
      'void',
      'close',
      'admin',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'standings:snapshot',
      'live:error',
      '\u0000',
      'x'.repeat(5000),
    ]);
    try {
      socket.emit(name, junkValue(), junkValue());
    } catch {
      // the client refuses some reserved names itself
    }
    await sleep(50);
    const alive = socket.connected;
    socket.close();
    return { outcome: alive ? 'ignored' : 'disconnected', broken: null };
  }
  // subscribe (or unsubscribe) with a payload that must be refused
  const m = mutatedJson(SUBSCRIBE_SCHEMA, rnd);
  let payload;
  try {
    // Deep nesting goes as raw frames (rawFrame cases): the client's own encoder recurses and would overflow.
    payload = m.kind === 'deepNesting' ? m.text : JSON.parse(m.text);
  } catch {
    payload = m.text;
  }
  const event = rnd() < 0.8 ? 'subscribe' : 'unsubscribe';
  const outcome = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(event === 'unsubscribe' ? 'ignored' : 'no answer'), 3000);
    socket.once('live:error', (error) => {
      clearTimeout(timer);
      resolve(
        error && typeof error.code === 'string' && KNOWN_CODES.has(error.code) && Array.isArray(error.errors)
          ? 'live:error in contract'
          : `live:error not in contract: ${JSON.stringify(error).slice(0, 100)}`,
      );
    });
    socket.once('standings:snapshot', () => (clearTimeout(timer), resolve('snapshot (accepted)')));
    socket.once('disconnect', (reason) => (clearTimeout(timer), resolve(`disconnected (${reason})`)));
    socket.emit(event, payload);
  });
  socket.close();
  const broken = outcome.startsWith('live:error not')
    ? outcome
    : outcome === 'snapshot (accepted)'
      ? `subscribe junk accepted: ${m.note}`
      : null;
  return { outcome, broken };
}

// ---------------------------------------------------------------------------------------------------------
// What is stored

async function tableCounts(server, databaseUrl) {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const tables = (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map(
        (r) => r.tablename,
      );
      const counts = {};
      for (const t of tables) counts[t] = Number((await client.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
      counts['ledger points'] = Number((await client.query('SELECT coalesce(sum(points), 0) AS n FROM ledger_entries')).rows[0].n);
      counts['deliveries scored'] = Number(
        (await client.query("SELECT count(*) AS n FROM integration_deliveries WHERE status = 'scored'")).rows[0].n,
      );
      return counts;
    } finally {
      await client.end();
    }
  }
  const db = join(server.dataDir, 'conveyor.db');
  const q = (sql) => execFileSync('sqlite3', ['-readonly', db, sql], { encoding: 'utf8' }).trim();
  const tables = q("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .split('\n')
    .filter(Boolean);
  const counts = {};
  for (const t of tables) counts[t] = Number(q(`SELECT count(*) FROM "${t}"`));
  counts['ledger points'] = Number(q('SELECT coalesce(sum(points), 0) FROM ledger_entries'));
  counts['deliveries scored'] = Number(q("SELECT count(*) FROM integration_deliveries WHERE status = 'scored'"));
  return counts;
}

/** Tables that may grow by design: the inbox keeps refused and malformed deliveries (nothing in them is scored). */
const GROWS_BY_DESIGN = new Set(['integration_deliveries']);

// ---------------------------------------------------------------------------------------------------------

export async function runFuzz(opts = {}) {
  const seed = num(opts.seed, Math.floor(Math.random() * 2 ** 31));
  const total = num(opts.requests, 10_000);
  const concurrency = num(opts.concurrency, 8);
  const rnd = seededRandom(seed);
  log(`fuzz: seed ${seed}, ${total} requests, ${concurrency} at a time${opts.postgres ? ', PostgreSQL' : ', SQLite'}`);

  const postgres = opts.postgres ? await startPostgres() : null;
  const server = await startConveyor({
    env: { CONVEYOR_CLOCK: CLOCK, LOG_LEVEL: 'warn', ...(postgres ? { DATABASE_URL: postgres.url } : {}) },
  });
  try {
    const office = await prepareOffice(server);
    const routes = writeRoutes(office.doc);
    const eventSchema = routes.find((r) => r.route === 'POST /api/events').schema;
    const before = await tableCounts(server, postgres?.url);

    // The cases come from the seed one after another, as the senders take them (so the order is the seed's,
    // whatever the concurrency, and oversize bodies are not all held at once): 70 % write routes, 18 %
    // webhooks, 12 % the socket.
    const systems = Object.keys(office.hooks);
    const makeCase = (i) => {
      const r = rnd();
      if (r < 0.7) {
        const route = routes[i % routes.length];
        const caller = pick(rnd, CALLERS);
        return routeCase(route, rnd, caller, office.credentials[caller]);
      }
      if (r < 0.88) {
        const system = pick(rnd, systems);
        return hookCase(system, office.hooks[system], rnd, server.url, eventSchema);
      }
      return socketCase(rnd, pick(rnd, CALLERS), SUBSCRIBE_SCHEMA);
    };

    const byStatus = new Map();
    const byRoute = new Map();
    const byKind = new Map();
    const problems = [];
    const socketOutcomes = new Map();
    const notSent = [];
    let next = 0;
    let done = 0;
    let healthChecks = 0;
    let healthFailures = 0;
    const t0 = Date.now();
    const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
    const checkHealth = async () => {
      healthChecks++;
      const res = await send(server.url, { method: 'GET', path: '/api/health' });
      if (res.status !== 200) {
        healthFailures++;
        problems.push({ what: 'health check failed', detail: `${res.status} ${res.error ?? res.text.slice(0, 200)}`, after: done });
      }
    };
    const worker = async () => {
      while (next < total) {
        const c = makeCase(next++);
        if (server.child.exitCode !== null || server.child.signalCode !== null) {
          problems.push({ what: 'server exited', detail: `${server.child.exitCode ?? server.child.signalCode}`, case: c.note });
          return;
        }
        if (c.target === 'socket') {
          const { outcome, broken } = await runSocketCase(server.url, c, office.credentials[c.caller]);
          bump(socketOutcomes, `${c.kind}: ${outcome.replace(/refused: .*/, (m) => m.slice(0, 40))}`);
          bump(byStatus, 'socket');
          if (broken) problems.push({ what: 'socket', detail: broken, route: c.route, caller: c.caller });
        } else {
          const answer = await send(server.url, c);
          const status = answer.status;
          if (status === -1) {
            // Node's client would not put it on the wire (e.g. a character a header may not hold): not sent, not counted.
            notSent.push(`${c.route}: ${answer.error}`);
            done++;
            continue;
          }
          const early = status === 0 && bodyBytes(c.body) > 5 * MB;
          bump(byStatus, status === 0 ? (early ? 'closed early (body over 5 MB)' : 'cut') : status);
          const stats = byRoute.get(c.route) ?? { n: 0, s2: 0, s4: 0, s5: 0, cut: 0 };
          stats.n++;
          if (status >= 500) stats.s5++;
          else if (status >= 400) stats.s4++;
          else if (status >= 200 && status < 300) stats.s2++;
          else if (status <= 0 && !early) stats.cut++;
          byRoute.set(c.route, stats);
          bump(byKind, `${c.kind} ${Math.floor(status / 100)}xx`);
          if (status >= 500)
            problems.push({ what: `${status}`, route: c.route, caller: c.caller, detail: c.note, body: answer.text.slice(0, 200) });
          else if (status >= 400) {
            const why = inContract(answer);
            if (why)
              problems.push({
                what: `${status} not in the error contract (${why})`,
                route: c.route,
                caller: c.caller,
                detail: c.note,
                body: answer.text.slice(0, 120),
              });
          } else if (status === 0 && !early) {
            problems.push({
              what: 'connection cut without an answer',
              route: c.route,
              caller: c.caller,
              detail: `${c.note}: ${answer.error}`,
            });
          } else if (status >= 200 && status < 300 && !c.route.startsWith('POST /api/hooks')) {
            problems.push({
              what: `${status} accepted`,
              route: c.route,
              caller: c.caller,
              detail: c.note,
              body: answer.text.slice(0, 200),
            });
          }
        }
        done++;
        if (done % 250 === 0) await checkHealth();
        if (done % 1000 === 0) log(`fuzz: ${done} of ${total}, ${problems.length} problems`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (Date.now() - t0) / 1000;
    await checkHealth();
    // The delivery worker may still be reading what came in: let it settle before counting.
    await sleep(3000);
    const after = await tableCounts(server, postgres?.url);
    const changed = Object.keys({ ...before, ...after })
      .filter((t) => before[t] !== after[t])
      .map((t) => ({ table: t, before: before[t], after: after[t], byDesign: GROWS_BY_DESIGN.has(t) }));
    const stored = changed.filter((c) => !c.byDesign);
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const serverErrors = (server.output().match(/\bERROR\b/g) ?? []).length;
    const fivexx = [...byStatus].filter(([s]) => typeof s === 'number' && s >= 500).reduce((a, [, n]) => a + n, 0);
    const notInContract = problems.filter((p) => /not in the error contract/.test(p.what)).length;
    const accepted = problems.filter((p) => /accepted$/.test(p.what)).length;
    const result = {
      seed,
      engine: postgres ? 'postgres' : 'sqlite',
      requests: total,
      done,
      seconds,
      byStatus: Object.fromEntries([...byStatus].sort(([a], [b]) => String(a).localeCompare(String(b)))),
      byKind: Object.fromEntries([...byKind].sort()),
      socketOutcomes: Object.fromEntries([...socketOutcomes].sort()),
      byRoute: Object.fromEntries([...byRoute].sort()),
      fivexx,
      notInContract,
      accepted,
      cut: byStatus.get('cut') ?? 0,
      changed,
      stored: stored.length,
      alive,
      healthChecks,
      healthFailures,
      serverErrors,
      problems,
      notSent,
    };
    if (opts.keepLog) writeFileSync(typeof opts.keepLog === 'string' ? opts.keepLog : 'fuzz-server.log', server.output());
    return result;
  } finally {
    await server.dispose();
    await postgres?.stop();
  }
}

export function fuzzVerdicts(r) {
  return [
    { name: `fuzz (${r.engine}): 5xx answers`, value: r.fivexx, baseline: NaN, target: '0', ok: r.fivexx === 0 },
    {
      name: `fuzz (${r.engine}): refusals outside the error contract`,
      value: r.notInContract,
      baseline: NaN,
      target: '0',
      ok: r.notInContract === 0,
    },
    { name: `fuzz (${r.engine}): hostile requests accepted`, value: r.accepted, baseline: NaN, target: '0', ok: r.accepted === 0 },
    { name: `fuzz (${r.engine}): tables changed`, value: r.stored, baseline: NaN, target: '0', ok: r.stored === 0 },
    {
      name: `fuzz (${r.engine}): server alive, health failures`,
      value: r.healthFailures,
      baseline: NaN,
      target: '0',
      ok: r.alive && r.healthFailures === 0,
    },
  ];
}

export function printFuzz(r) {
  const lines = [];
  lines.push(
    `Fuzz (${r.engine}): seed ${r.seed} (--seed=${r.seed} replays), ${fmt(r.done, 0)} of ${fmt(r.requests, 0)} requests in ${fmt(r.seconds, 1)} s`,
  );
  lines.push('');
  lines.push(
    'Answers by status: ' +
      Object.entries(r.byStatus)
        .map(([s, n]) => `${s}: ${fmt(n, 0)}`)
        .join(', '),
  );
  lines.push('');
  lines.push(
    table([
      ['route', 'sent', '2xx', '4xx', '5xx', 'cut'],
      ...Object.entries(r.byRoute).map(([route, s]) => [route, s.n, s.s2, s.s4, s.s5, s.cut]),
    ]),
  );
  lines.push('');
  lines.push(
    'Socket: ' +
      Object.entries(r.socketOutcomes)
        .map(([s, n]) => `${s} ${n}`)
        .join('; '),
  );
  lines.push('');
  lines.push(
    `5xx: ${r.fivexx}; 4xx outside the error contract: ${r.notInContract}; hostile requests accepted (2xx): ${r.accepted}; connections cut without an answer: ${r.cut}`,
  );
  lines.push(
    `Stored: ${
      r.stored === 0
        ? 'nothing'
        : r.changed
            .filter((c) => !c.byDesign)
            .map((c) => `${c.table} ${c.before} → ${c.after}`)
            .join(', ')
    }` +
      (r.changed.some((c) => c.byDesign)
        ? ` (by design: ${r.changed
            .filter((c) => c.byDesign)
            .map((c) => `${c.table} ${c.before} → ${c.after}, none scored`)
            .join(', ')})`
        : ''),
  );
  if (r.notSent.length) lines.push(`Not sent (Node's client refused to, not counted): ${r.notSent.length}, e.g. ${r.notSent[0]}`);
  lines.push(
    `Server alive at the end: ${r.alive ? 'yes' : 'NO'}; health checks ${r.healthChecks}, failed ${r.healthFailures}; ERROR lines in its log: ${r.serverErrors}`,
  );
  if (r.problems.length) {
    lines.push('');
    lines.push(`Problems (${r.problems.length}, first 40):`);
    for (const p of r.problems.slice(0, 40))
      lines.push(`  ${p.what}: ${p.route ?? ''} as ${p.caller ?? '-'}: ${p.detail ?? ''} ${p.body ? `→ ${p.body}` : ''}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = parseArgs();
  process.on('unhandledRejection', (error) => {
    console.error(`fuzz failed: ${error?.stack ?? error}`);
    process.exit(1);
  });
  console.log(`Conveyor fuzz, ${new Date().toISOString()}`);
  console.log(`Machine: ${machine()}`);
  console.log(`Code: ${codeVersion()}`);
  console.log('');
  const r = await runFuzz(opts);
  console.log(printFuzz(r));
  if (typeof opts.json === 'string') writeFileSync(opts.json, JSON.stringify(r, null, 2));
  const ok = fuzzVerdicts(r).every((v) => v.ok);
  console.log('');
  console.log(ok ? 'All promises kept.' : 'Promises BROKEN (see above).');
  process.exit(ok ? 0 : 1);
}
