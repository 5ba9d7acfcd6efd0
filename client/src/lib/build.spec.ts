import { describe, expect, it } from 'vitest';
import { isNewBuild, noteServedBuild, setLoadedBuild } from './build.js';

describe('new client builds', () => {
  it('are noticed only when both builds are known and differ', () => {
    setLoadedBuild(null);
    expect(isNewBuild('abc')).toBe(false); // the page does not know its own build: never reload in a loop
    setLoadedBuild('abc');
    expect(isNewBuild('abc')).toBe(false);
    expect(isNewBuild(null)).toBe(false); // a server without a client build
    expect(isNewBuild('def')).toBe(true);
  });

  it('takes the first build heard of when the start could not ask', () => {
    setLoadedBuild(null);
    noteServedBuild('abc');
    expect(isNewBuild('abc')).toBe(false);
    noteServedBuild('def'); // already known: not replaced
    expect(isNewBuild('def')).toBe(true);
  });
});
