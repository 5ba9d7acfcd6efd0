import { z } from 'zod';
import { ROLES, type Role } from './roles.js';
import type { Membership } from './team.js';

const IdSchema = z.string().trim().min(1).max(128);
const NameSchema = z.string().trim().min(1).max(200);

/** The systems that send Conveyor their webhooks (PRODUCT.md, "Integrations"). */
export const INTEGRATION_SYSTEMS = ['amocrm', 'bitrix24', 'mango', 'zadarma', 'sipuni', 'uis', 'hubspot', 'pipedrive', 'generic'] as const;
export type IntegrationSystem = (typeof INTEGRATION_SYSTEMS)[number];

/** An employee's user id in each system that knows them: how integrations find who did what. */
export type ExternalIds = Partial<Record<IntegrationSystem, string>>;

/** An employee as the API returns it. */
export interface Employee {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  externalIds: ExternalIds;
  /** The team the employee belongs to now, if any. */
  teamId: string | null;
  /** The employee's photo (`/api/photos/…`, a square image), or none: screens then draw initials on a colour. */
  photoUrl?: string | null;
  /** Every stint in a team, oldest first (answers about one employee: GET /api/employees/:id and changes). */
  history?: Membership[];
  createdAt: string;
  updatedAt: string;
}

/** POST /api/employees. `id` is optional: a CRM may use its own user id. */
export const CreateEmployeeSchema = z.strictObject({
  id: IdSchema.optional(),
  name: NameSchema,
  role: z.enum(ROLES),
  externalIds: z.partialRecord(z.enum(INTEGRATION_SYSTEMS), IdSchema).optional(),
});
export type CreateEmployee = z.infer<typeof CreateEmployeeSchema>;

/** PATCH /api/employees/:id. */
export const UpdateEmployeeSchema = z.strictObject({
  name: NameSchema.optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  /** Per system: the user id there, or null to forget it; systems not named stay as they are. */
  externalIds: z.partialRecord(z.enum(INTEGRATION_SYSTEMS), IdSchema.nullable()).optional(),
});
export type UpdateEmployee = z.infer<typeof UpdateEmployeeSchema>;
