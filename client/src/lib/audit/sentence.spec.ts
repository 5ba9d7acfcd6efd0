import { AUDIT_ACTIONS, type AuditEntry } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, setLang } from '../i18n/i18n.js';
import { auditParts } from './sentence.js';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-11-25T09:00:00.000Z',
  actor: { role: 'manager', id: 'acc-1', name: 'Ирина Котова' },
  action: 'event.void',
  target: null,
  before: null,
  after: null,
  ...over,
});
const text = (e: AuditEntry): string =>
  auditParts(e)
    .map((p) => p.text)
    .join('')
    .replace(/[\u00a0\u202f]/g, ' ');

describe('an audit entry as a sentence', () => {
  beforeAll(() => setLang('ru'));
  afterAll(() => setLang('en'));

  it('has a sentence for every action the server writes, in both languages', () => {
    for (const lang of ['ru', 'en'] as const) {
      const catalogue: Record<string, string> = CATALOGUES[lang];
      for (const action of AUDIT_ACTIONS) expect(catalogue[`audit.action.${action}`], `${lang} audit.action.${action}`).toBeTruthy();
    }
  });

  it('says what was voided, by whom and why, the names and the reason as data', () => {
    const voided = entry({
      target: 'pay-1',
      subject: {
        kind: 'event',
        id: 'pay-1',
        type: 'payment.received',
        employeeName: null,
        clientName: 'ООО Ромашка',
        amount: 350_000,
        currency: 'RUB',
      },
      reason: 'дубль из CRM',
    });
    expect(text(voided)).toBe('Ирина Котова отменила событие «Оплата, 350 000 ₽, ООО Ромашка» — причина: дубль из CRM');
    expect(
      auditParts(voided)
        .filter((p) => p.data)
        .map((p) => p.text),
    ).toContain('Ирина Котова');
  });

  it("follows the actor's gender, and names people and periods", () => {
    expect(text(entry({ actor: { role: 'manager', id: 'a', name: 'Ольга Петрова' }, action: 'rules.add-version' }))).toBe(
      'Ольга Петрова изменила правила начисления',
    );
    expect(
      text(
        entry({
          actor: { role: 'manager', id: 'a', name: 'Павел Новиков' },
          action: 'employee.invite',
          subject: { kind: 'employee', id: 'tm1', name: 'Анна Смирнова' },
        }),
      ),
    ).toBe('Павел Новиков выдал приглашение на телефон: Анна Смирнова');
    expect(text(entry({ action: 'period.close', subject: { kind: 'period', id: '2026-11', name: '2026-11' } }))).toBe(
      'Ирина Котова закрыла период: ноябрь 2026',
    );
  });

  it('says an unknown action by its code rather than nothing', () => {
    expect(text(entry({ action: 'something.new' }))).toBe('Ирина Котова: действие something.new');
  });
});
