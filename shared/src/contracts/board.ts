import { ROLES } from './roles.js';

// No zod here: screens import the list without bundling the validators.

/** A leaderboard: all teams, all employees, or the employees of one role. */
export const BOARDS = ['teams', 'employees', ...ROLES] as const;
export type Board = (typeof BOARDS)[number];
