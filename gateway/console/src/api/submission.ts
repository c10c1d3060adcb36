/**
 * One create, however often it is clicked: while a submission is in flight another click gets the same
 * promise, and every attempt of it carries the same Idempotency-Key, so a retry after a lost answer
 * replays the first result instead of creating a second document. The key changes only after a success.
 */
export class Submission<T> {
  private key: string;
  private inFlight: Promise<T> | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {
    this.key = newKey();
  }

  get idempotencyKey(): string {
    return this.key;
  }

  get pending(): boolean {
    return this.inFlight !== null;
  }

  /** `send(key)` makes the request with `Idempotency-Key: key`. */
  run(send: (idempotencyKey: string) => Promise<T>): Promise<T> {
    if (this.inFlight) return this.inFlight;
    const attempt = send(this.key).then(
      (result) => {
        this.key = this.newKey();
        return result;
      },
    );
    this.inFlight = attempt.finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }
}
