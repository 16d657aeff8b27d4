// The tokens this process has verified, so that a client's next request with the same token costs
// a lookup instead of a signature check. Two generations: when the newer one is full it becomes
// the older one and the previous older one is dropped whole, so nothing is ever deleted entry by
// entry. V8's Map keeps a hole for each deleted entry until it next rehashes, and evicting the
// oldest entry with `keys().next()` walked over every hole first, so a first-time token check grew
// slower the more tokens had passed through (see the commit that added this file).

export class VerifiedTokenCache<T> {
  private newer = new Map<string, T>();
  private older = new Map<string, T>();

  /** Keeps between `generationSize` and twice that many tokens. */
  constructor(private readonly generationSize: number) {}

  get(token: string): T | undefined {
    const value = this.newer.get(token);
    if (value !== undefined) return value;
    const old = this.older.get(token);
    // Still in use: carried into the newer generation, so it stays while it is used.
    if (old !== undefined) this.set(token, old);
    return old;
  }

  set(token: string, value: T): void {
    if (this.newer.size >= this.generationSize) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(token, value);
  }

  /** Tokens held, counting one carried into the newer generation twice. */
  get size(): number {
    return this.newer.size + this.older.size;
  }
}
