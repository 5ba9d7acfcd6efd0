import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTIONS } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { auditReason, auditSubject } from './audit.subject.js';

const SRC = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every action code an `@Audit({ action: '…' })` on the server writes. */
const written = sources(SRC).flatMap((path) =>
  [...readFileSync(path, 'utf8').matchAll(/@Audit\(\{\s*action:\s*'([^']+)'/g)].map((m) => m[1]!),
);

const names = { employee: (id: string) => ({ tm1: 'Анна Смирнова' })[id], team: (id: string) => ({ team1: 'Рыси' })[id] };

describe('the audit log', () => {
  it('lists every action code the server writes, so each has a sentence in the catalogue', () => {
    expect(written.length).toBeGreaterThan(20);
    expect([...new Set(written)].filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action))).toEqual([]);
  });

  it('names a voided event as it was, and the reason given', () => {
    const before = {
      id: 'pay-1',
      type: 'payment.received',
      employeeName: null,
      clientName: 'ООО Ромашка',
      amount: 350_000,
      currency: 'RUB',
    };
    expect(auditSubject('event.void', 'pay-1', before, { id: 'pay-1', reason: 'дубль из CRM' }, names)).toEqual({
      kind: 'event',
      id: 'pay-1',
      type: 'payment.received',
      employeeName: null,
      clientName: 'ООО Ромашка',
      amount: 350_000,
      currency: 'RUB',
    });
    expect(auditReason('event.void', { id: 'pay-1', reason: 'дубль из CRM' })).toBe('дубль из CRM');
    // A void logged before the event was kept: only its id is known.
    expect(auditSubject('event.void', 'old-1', null, { id: 'old-1' }, names)).toMatchObject({ kind: 'event', id: 'old-1', type: null });
  });

  it('names people and triads as they are called now, the rest by what the log kept', () => {
    expect(auditSubject('employee.update', 'tm1', { name: 'Анна' }, { name: 'Анна С.' }, names)).toEqual({
      kind: 'employee',
      id: 'tm1',
      name: 'Анна Смирнова',
    });
    expect(auditSubject('employee.create', null, null, { id: 'tm9', name: 'Пётр' }, names)).toEqual({
      kind: 'employee',
      id: 'tm9',
      name: 'Пётр',
    });
    expect(auditSubject('target.set', 'team1', null, {}, names)).toEqual({ kind: 'team', id: 'team1', name: 'Рыси' });
    expect(auditSubject('reward.create', null, null, { id: 'r1', title: 'Ужин' }, names)).toEqual({
      kind: 'reward',
      id: 'r1',
      name: 'Ужин',
    });
    expect(auditSubject('period.close', '2026-11', null, {}, names)).toEqual({ kind: 'period', id: '2026-11', name: '2026-11' });
    expect(auditSubject('rules.add-version', null, null, {}, names)).toBeNull();
  });
});
