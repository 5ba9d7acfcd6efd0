import { z } from 'zod';
import type { Role } from './roles.js';
import { InstantOrDateSchema } from './time.js';

const IdSchema = z.string().trim().min(1).max(128);

/** A current member of a team, in one role slot. */
export interface TeamMember {
  employeeId: string;
  name: string;
  role: Role;
  /** When the employee joined this team (UTC ISO). */
  since: string;
  /** The member's photo, or none. */
  photoUrl?: string | null;
}

/** One stint of one employee in a team; `to` is null while it lasts. */
export interface Membership {
  teamId: string;
  employeeId: string;
  role: Role;
  from: string;
  to: string | null;
}

/** A team (triad) as the API returns it. */
export interface Team {
  id: string;
  name: string;
  active: boolean;
  members: Record<Role, TeamMember | null>;
  /** The team's photo (`/api/photos/…`), or none: screens then show the members' faces. */
  photoUrl?: string | null;
  /** Every stint in this team, oldest first (GET /api/teams/:id only). */
  history?: Membership[];
  createdAt: string;
  updatedAt: string;
}

/** Role slots: an employee id puts that person in the slot, null empties it, absent leaves it. */
export const MembersPatchSchema = z.strictObject({
  telemarketer: IdSchema.nullable().optional(),
  sales: IdSchema.nullable().optional(),
  account: IdSchema.nullable().optional(),
});
export type MembersPatch = z.infer<typeof MembersPatchSchema>;

/** POST /api/teams. */
export const CreateTeamSchema = z.strictObject({
  id: IdSchema.optional(),
  name: z.string().trim().min(1).max(200),
  members: MembersPatchSchema.optional(),
  /** When the membership changes take effect (default now). */
  since: InstantOrDateSchema.optional(),
});
export type CreateTeam = z.infer<typeof CreateTeamSchema>;

/** PATCH /api/teams/:id. */
export const UpdateTeamSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  active: z.boolean().optional(),
  members: MembersPatchSchema.optional(),
  since: InstantOrDateSchema.optional(),
});
export type UpdateTeam = z.infer<typeof UpdateTeamSchema>;
