const STORAGE_KEY = 'conveyor.token';

// Fallback when storage is unavailable (private mode, locked-down kiosk browsers).
let memoryToken: string | null = null;

/**
 * Takes `?token=` from the address, remembers it and removes it from the address bar, so the
 * token does not linger in history or in a photo of the screen.
 */
export function adoptTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  setToken(token.trim() || null);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

export function getToken(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

export function setToken(token: string | null): void {
  memoryToken = token;
  try {
    if (token) window.localStorage.setItem(STORAGE_KEY, token);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage unavailable: the in-memory copy lasts until reload
  }
}
