import { z } from 'zod';
import { ROLES, type Role } from './roles.js';

const IdSchema = z.string().trim().min(1).max(128);
const NameSchema = z.string().trim().min(1).max(200);

/** An employee as the API returns it. */
export interface Employee {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  /** The team the employee belongs to now, if any. */
  teamId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/employees. `id` is optional: a CRM may use its own user id. */
export const CreateEmployeeSchema = z.strictObject({
  id: IdSchema.optional(),
  name: NameSchema,
  role: z.enum(ROLES),
});
export type CreateEmployee = z.infer<typeof CreateEmployeeSchema>;

/** PATCH /api/employees/:id. */
export const UpdateEmployeeSchema = z.strictObject({
  name: NameSchema.optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
});
export type UpdateEmployee = z.infer<typeof UpdateEmployeeSchema>;
