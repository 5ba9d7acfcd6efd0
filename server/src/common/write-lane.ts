/**
 * Runs async jobs one at a time, in order. SQLite (and TypeORM's single sqlite connection) allows one
 * write transaction at a time; everything that writes goes through here.
 */
export class WriteLane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every job queued so far has finished. */
  drain(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
