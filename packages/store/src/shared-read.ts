/**
 * A read that callers asking at the same time share, without anyone getting an answer older than their
 * question: a caller joins the read that starts next, never one already under way (it may have begun
 * before the caller's own change was committed). So a crowd of N callers costs two reads, not N, and
 * each still sees the store as it was at or after the moment it asked.
 *
 * For reads many requests make only to rank or describe (a placement plan's usage of every site), not
 * for a read a guarantee rests on: that one belongs inside the caller's transaction, under its lock.
 */
export class SharedRead<T> {
  private underWay?: Promise<T>;
  private following?: Promise<T>;

  constructor(private readonly readFn: () => Promise<T>) {}

  /** The answer of a read that starts at or after this call. */
  read(): Promise<T> {
    if (!this.underWay) return this.start();
    this.following ??= this.underWay.then(
      () => this.startFollowing(),
      () => this.startFollowing(),
    );
    return this.following;
  }

  private startFollowing(): Promise<T> {
    this.following = undefined;
    return this.start();
  }

  private start(): Promise<T> {
    const read = this.readFn().finally(() => {
      if (this.underWay === read) this.underWay = undefined;
    });
    this.underWay = read;
    return read;
  }
}
