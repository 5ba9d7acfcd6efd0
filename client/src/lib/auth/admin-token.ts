const KEY = 'conveyor.admin-token';

/**
 * The bootstrap admin token, for the first set-up only (creating the first manager account). Kept
 * for this browser tab alone (sessionStorage), never in the address bar.
 */
export function adminToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setAdminToken(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(KEY, token);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // no storage: the token is asked for again
  }
}
