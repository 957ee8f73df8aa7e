import { type JwtClaims } from './actor';
import { VerifiedTokens } from './verified-tokens';

const claims = (exp?: number) =>
  ({ sub: 'desk', roles: ['order-desk'], ...(exp ? { exp } : {}) }) as unknown as JwtClaims;

describe('verified tokens', () => {
  it('answers a verified token until it expires, then forgets it', () => {
    const tokens = new VerifiedTokens();
    tokens.set('t1', claims(1_000));
    expect(tokens.get('t1', 999_999)).toMatchObject({ sub: 'desk' });
    expect(tokens.get('t1', 1_000_000)).toBeUndefined();
    expect(tokens.get('t1', 0)).toBeUndefined();
  });

  it('keeps no token without an expiry and drops the oldest past its capacity', () => {
    const tokens = new VerifiedTokens(2);
    tokens.set('forever', claims());
    expect(tokens.get('forever', 0)).toBeUndefined();
    tokens.set('a', claims(10));
    tokens.set('b', claims(10));
    tokens.set('c', claims(10));
    expect([tokens.get('a', 0), tokens.get('b', 0), tokens.get('c', 0)].map(Boolean)).toEqual([
      false,
      true,
      true,
    ]);
  });
});
