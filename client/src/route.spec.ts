import { describe, expect, it } from 'vitest';
import { routeOf } from './route.js';

describe('routeOf', () => {
  it('routes /tv (with or without a trailing slash) to the wall board', () => {
    expect(routeOf('/tv')).toBe('tv');
    expect(routeOf('/tv/')).toBe('tv');
  });

  it('routes /me to the phone view and /admin (with sections) to the console', () => {
    expect(routeOf('/me')).toBe('me');
    expect(routeOf('/admin')).toBe('admin');
    expect(routeOf('/admin/people')).toBe('admin');
    expect(routeOf('/administrator')).toBe('landing');
  });

  it('routes everything else to the landing page', () => {
    expect(routeOf('/')).toBe('landing');
    expect(routeOf('/tvx')).toBe('landing');
    expect(routeOf('/nope/tv')).toBe('landing');
  });
});
