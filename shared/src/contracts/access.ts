import { z } from 'zod';
import type { AuditSubject } from './audit.js';
import type { Award } from './ledger.js';
import type { GradeStatus } from './grade.js';
import type { Role } from './roles.js';

/**
 * Who may call: `manager` (configures everything), `employee` (reads standings and their own
 * details), `display` (a read-only wall screen), `integration` (may only send events).
 */
export const ACCESS_ROLES = ['manager', 'employee', 'display', 'integration'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** GET /api/auth/me: who the caller is. */
export interface WhoAmI {
  role: AccessRole;
  /** Account, employee, or token id; `bootstrap` for the admin token. */
  id: string;
  name: string;
  /** Preferred language; null: follow the office / browser. */
  locale: Locale | null;
}

const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .pipe(z.email({ error: 'must be an email address' }));

/** POST /api/auth/login. */
export const LoginSchema = z.strictObject({ email: EmailSchema, password: z.string().min(1).max(200) });
export type Login = z.infer<typeof LoginSchema>;

/** Passwords: long rather than clever (NIST 800-63B). */
export const PasswordSchema = z.string().min(10, 'must be at least 10 characters').max(200);

/** POST /api/accounts: a manager account. */
export const CreateAccountSchema = z.strictObject({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200),
  password: PasswordSchema,
});
export type CreateAccount = z.infer<typeof CreateAccountSchema>;

/** PATCH /api/accounts/{id}. */
export const UpdateAccountSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  password: PasswordSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateAccount = z.infer<typeof UpdateAccountSchema>;

export interface Account {
  id: string;
  email: string;
  name: string;
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/** PUT /api/auth/locale: the caller's language. */
export const SetLocaleSchema = z.strictObject({ locale: z.enum(LOCALES).nullable() });

/** POST /api/auth/invite: an employee redeems the one-time code from a manager's link or QR code. */
export const RedeemInviteSchema = z.strictObject({ code: z.string().trim().min(20).max(100) });

/** POST /api/employees/{id}/invite answers this; the code is shown once. */
export interface Invite {
  employeeId: string;
  code: string;
  /** The page to open on the phone (also as a QR code). */
  path: string;
  expiresAt: string;
}

export const TOKEN_KINDS = ['display', 'integration'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** POST /api/tokens: a named screen or integration token. */
export const CreateTokenSchema = z.strictObject({ kind: z.enum(TOKEN_KINDS), name: z.string().trim().min(1).max(100) });
export type CreateToken = z.infer<typeof CreateTokenSchema>;

export interface ApiToken {
  id: string;
  kind: TokenKind;
  name: string;
  createdAt: string;
  /** Last request or socket connection made with it. */
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The token itself is only in the answer to its creation; at rest it is a hash. */
export interface CreatedToken extends ApiToken {
  token: string;
}

/** A session (a signed-in browser), as its owner or a manager sees it. */
export interface SessionView {
  id: string;
  role: 'manager' | 'employee';
  subjectId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
}

/** One manager action. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: { role: AccessRole; id: string; name: string };
  /** e.g. `employee.update`, `event.void`, `period.close`. */
  action: string;
  /** The id the action was about, if any. */
  target: string | null;
  before: unknown;
  after: unknown;
  /** What the action was about, named (a person, a triad, the voided event…); null when nothing is known of it. */
  subject?: AuditSubject | null;
  /** The reason the manager gave (a void's). */
  reason?: string | null;
}

/** GET /api/me: an employee's own numbers. */
export interface MeSummary {
  employee: { id: string; name: string; role: Role; teamId: string | null; teamName: string | null; photoUrl: string | null };
  today: { date: string; points: number; calls: number; norm: number; minCallSeconds: number };
  period: { period: 'month'; key: string; points: number };
  /** My place among my role this month, with up to two above and two below; never the whole list. */
  rank: { rank: number; of: number; around: { id: string; name: string; points: number; rank: number; me: boolean }[] };
  team: { id: string; name: string; rank: number; of: number; points: number; grade: GradeStatus | null } | null;
  recentAwards: Award[];
  /** This month's numbers of the person's own stage of the conveyor (PRODUCT.md: each role sees its own). */
  stage: MeStage;
}

/**
 * What a role's phone shows beside the points: a telemarketer their calls and meetings set (the
 * daily norm is in `today`); a sales manager meetings held, contracts and the money their clients
 * paid on first payments and renewals; an account manager the clients who paid, their payments and
 * retention bonuses. Money in `currency`.
 */
export type MeStage =
  | { role: 'telemarketer'; month: { successfulCalls: number; meetingsSet: number } }
  | { role: 'sales'; month: { meetingsHeld: number; contracts: number; revenue: number; currency: string } }
  | { role: 'account'; month: { clients: number; payments: number; amount: number; currency: string; retentionBonuses: number } };
