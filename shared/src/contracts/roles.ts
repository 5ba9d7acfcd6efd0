/** A conveyor role: each triad has at most one member of each. */
export const ROLES = ['telemarketer', 'sales', 'account'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
