import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from './verified-token-cache.ts';

describe('verified token cache', () => {
  it('holds at most two generations of tokens', () => {
    const cache = new VerifiedTokenCache<number>(100);
    for (let i = 0; i < 1000; i++) cache.set(`token-${i}`, i);
    expect(cache.size).toBeLessThanOrEqual(200);
    expect(cache.get('token-999')).toBe(999);
    expect(cache.get('token-850')).toBe(850);
    expect(cache.get('token-0')).toBeUndefined();
    expect(cache.get('token-700')).toBeUndefined();
  });

  it('keeps a token that is still in use however many others pass through', () => {
    const cache = new VerifiedTokenCache<string>(100);
    cache.set('in use', 'claims');
    for (let i = 0; i < 1000; i++) {
      cache.set(`other-${i}`, 'other');
      if (i % 50 === 0) expect(cache.get('in use')).toBe('claims');
    }
    expect(cache.get('in use')).toBe('claims');
    expect(cache.size).toBeLessThanOrEqual(200);
  });
});
