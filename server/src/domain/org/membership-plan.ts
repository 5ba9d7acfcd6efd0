import { ROLES, type FieldError, type Role } from '@conveyor/shared';

export interface MembershipRow {
  id: number;
  teamId: string;
  employeeId: string;
  role: Role;
  validFrom: string;
  validTo: string | null;
}

export interface MembershipPlan {
  end: { id: number; at: string }[];
  add: { teamId: string; employeeId: string; role: Role; validFrom: string }[];
  /** Everyone whose team changes at `since`: their awards from then on are re-attributed. */
  affected: string[];
  errors: FieldError[];
}

/**
 * Works out the membership rows a change of a team's role slots needs. `current` holds every open
 * membership (of every team). Putting someone in a slot moves them out of their old team at `since`;
 * the slot's previous holder leaves at `since`. History before `since` is never rewritten.
 */
export function planMembershipChange(input: {
  teamId: string;
  slots: Partial<Record<Role, string | null>>;
  since: string;
  current: readonly MembershipRow[];
  employee: (id: string) => { role: Role; active: boolean } | undefined;
}): MembershipPlan {
  const plan: MembershipPlan = { end: [], add: [], affected: [], errors: [] };
  const ending = new Map<number, MembershipRow>();
  for (const role of ROLES) {
    const wanted = input.slots[role];
    if (wanted === undefined) continue;
    const holder = input.current.find((m) => m.teamId === input.teamId && m.role === role);
    if (wanted !== null && holder?.employeeId === wanted) continue;
    if (wanted !== null) {
      const person = input.employee(wanted);
      const field = `members.${role}`;
      if (!person) {
        plan.errors.push({ index: 0, field, reason: `no employee with id "${wanted}"` });
        continue;
      }
      if (person.role !== role) {
        plan.errors.push({ index: 0, field, reason: `employee "${wanted}" is a ${person.role}, not a ${role}` });
        continue;
      }
      if (!person.active) {
        plan.errors.push({ index: 0, field, reason: `employee "${wanted}" is deactivated` });
        continue;
      }
      const elsewhere = input.current.find((m) => m.employeeId === wanted);
      if (elsewhere) ending.set(elsewhere.id, elsewhere);
      plan.add.push({ teamId: input.teamId, employeeId: wanted, role, validFrom: input.since });
      plan.affected.push(wanted);
    }
    if (holder) {
      ending.set(holder.id, holder);
      plan.affected.push(holder.employeeId);
    }
  }
  for (const m of ending.values()) {
    if (m.validFrom > input.since) {
      plan.errors.push({
        index: 0,
        field: 'since',
        reason: `must not be before ${m.validFrom}, when employee "${m.employeeId}" joined team "${m.teamId}"`,
      });
    }
    plan.end.push({ id: m.id, at: input.since });
  }
  plan.affected = [...new Set(plan.affected)];
  return plan;
}

/** The team an employee belonged to at an instant, from their memberships. */
export function teamAt(memberships: readonly MembershipRow[], employeeId: string, at: string): string | null {
  for (const m of memberships) {
    if (m.employeeId === employeeId && m.validFrom <= at && (m.validTo === null || at < m.validTo)) return m.teamId;
  }
  return null;
}

/** Who held a team's role slot at an instant. */
export function memberAt(memberships: readonly MembershipRow[], teamId: string, role: Role, at: string): string | null {
  for (const m of memberships) {
    if (m.teamId === teamId && m.role === role && m.validFrom <= at && (m.validTo === null || at < m.validTo)) return m.employeeId;
  }
  return null;
}
