import { type JwtClaims } from './actor';

/**
 * Bearer tokens whose signature was already verified, with their claims, until they expire: a client
 * sends the same token with every request, and verifying a signature costs far more than a lookup.
 * Bounded: past `capacity` the oldest entries go first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: JwtClaims; expiresAt: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** The claims of a verified token that has not expired at `now`. */
  get(token: string, now = Date.now()): JwtClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  /** Remembers a verified token; tokens without an expiry are not kept. */
  set(token: string, claims: JwtClaims): void {
    const exp = (claims as { exp?: unknown }).exp;
    if (typeof exp !== 'number') return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { claims, expiresAt: exp * 1000 });
  }
}
