/** A timer that fails `expired` unless it is kicked again in time. */
export class Watchdog {
  readonly expired: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fire: () => void = () => {};

  constructor(ms: number, makeError: () => Error) {
    this.expired = new Promise<never>((_, reject) => {
      this.fire = () => reject(makeError());
    });
    this.expired.catch(() => {});
    this.kick(ms);
  }

  kick(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.fire, ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
