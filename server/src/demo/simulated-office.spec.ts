import { describe, expect, it } from 'vitest';
import { FUNNEL_STAGES } from '@conveyor/shared';
import { PLAIN_CALENDAR } from '../domain/funnel/calendar.js';
import { simulateOffice, weakLinksOf } from './simulated-office.js';

// A few seeded offices of the evaluation (bench/funnel-finder.mjs runs 50 a stage): each planted
// weak stage is named first and significant, and a clean office raises nothing significant.
describe('the weak-link finder on simulated offices', () => {
  const office = (seed: number, plant: (typeof FUNNEL_STAGES)[number] | null) =>
    simulateOffice({ seed, triads: 6, from: '2026-04', months: 3, plant, calendar: PLAIN_CALENDAR });

  it.each(FUNNEL_STAGES)('names a planted weak %s first', (stage) => {
    const o = office(7 + FUNNEL_STAGES.indexOf(stage), stage);
    const [top] = weakLinksOf(o, PLAIN_CALENDAR, '2026-Q2').findings;
    expect(top).toMatchObject({ employeeId: o.planted!.employeeId, stage, significant: true, reasonCode: `weak_link.${stage}` });
    expect(top!.pValue).toBeLessThan(0.01);
    expect(top!.lost.clients).toBeGreaterThan(0);
    expect(top!.lost.rub).toBeGreaterThan(0);
  });

  it('raises nothing significant in a clean office', () => {
    const r = weakLinksOf(office(3, null), PLAIN_CALENDAR, '2026-Q2');
    expect(r.tested).toBe(6 * 7);
    expect(r.findings.filter((f) => f.significant)).toEqual([]);
  });
});
