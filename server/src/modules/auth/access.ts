import { SetMetadata } from '@nestjs/common';

/** Who may call: `manager` (the admin token), `display` (a wall screen; managers may too), `public`. */
export type AccessLevel = 'manager' | 'display' | 'public';
export type Principal = 'manager' | 'display';

export const ACCESS_KEY = 'conveyor:access';

/** Marks a handler's access level; without it, a handler is for managers only. */
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);
