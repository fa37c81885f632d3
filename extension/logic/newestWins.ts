// "The newest evaluation wins": each evaluation of a document takes a ticket; its result
// is kept only if no newer ticket was issued for that document since (a newer save, an
// edit that made its offsets stale, the document closing). Pure, so the race it settles
// is unit-tested without VS Code.

export class NewestWins {
  private readonly latest = new Map<string, number>();

  /** A ticket for a new evaluation of `key`; every earlier ticket of `key` goes stale. */
  begin(key: string): number {
    const ticket = (this.latest.get(key) ?? 0) + 1;
    this.latest.set(key, ticket);
    return ticket;
  }

  /** Makes every ticket issued so far for `key` stale, without starting an evaluation. */
  invalidate(key: string): void {
    this.begin(key);
  }

  isNewest(key: string, ticket: number): boolean {
    return this.latest.get(key) === ticket;
  }
}
