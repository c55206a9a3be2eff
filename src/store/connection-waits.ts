/**
 * Requests waiting for one of the pool's connections, and since when. On PostgreSQL the event loop
 * stays free while requests queue for a connection, so its delay does not show an overloaded
 * database; the longest wait does, and the server sheds load on it as it does on event-loop delay.
 */
export class ConnectionWaits {
  private next = 0;
  /** Start of each wait still going on, oldest first (a Map keeps insertion order). */
  private readonly since = new Map<number, number>();

  /** Milliseconds the longest-waiting request has waited so far; 0 when none waits. */
  longestMs(now = performance.now()): number {
    for (const start of this.since.values()) return now - start;
    return 0;
  }

  /** Runs `connect`, counting the time until it gives a connection (or fails) as a wait. */
  async timed<T>(connect: () => Promise<T>): Promise<T> {
    const id = this.next++;
    this.since.set(id, performance.now());
    try {
      return await connect();
    } finally {
      this.since.delete(id);
    }
  }
}
