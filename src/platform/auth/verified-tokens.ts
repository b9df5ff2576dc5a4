/**
 * Access tokens already verified, kept until they expire. The same token comes with every
 * request of its 15 minutes, and checking its HMAC through Web Crypto was the largest single
 * cost of an authenticated request (a sixth of the scanner lookup's CPU). Only tokens whose
 * signature and claims passed are kept, so nothing an outsider sends can fill it; at capacity
 * the oldest entry makes room.
 */
export class VerifiedTokens<T extends { expiresAt: number }> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 10_000) {}

  /** The verified claims of a token seen before, while it is still valid. */
  find(token: string, now = Date.now()): T | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.entries.delete(token);
      return null;
    }
    return entry;
  }

  remember(token: string, verified: T): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, verified);
  }

  get size(): number {
    return this.entries.size;
  }
}
