/** Wall-clock seconds per named phase, summed if a phase recurs: printed so that a run shows where its time goes. */
export class PhaseTimes {
  private readonly seconds = new Map<string, number>();

  async time<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
    const startedAt = Date.now();
    try {
      return await work();
    } finally {
      this.record(phase, (Date.now() - startedAt) / 1000);
    }
  }

  /** Adds time measured elsewhere, e.g. a phase that ran in the background. */
  record(phase: string, seconds: number): void {
    this.seconds.set(phase, this.of(phase) + seconds);
  }

  of(phase: string): number {
    return this.seconds.get(phase) ?? 0;
  }

  /** `phase 1.2 s, other 3.4 s`, in the order the phases first ran. */
  summary(): string {
    return [...this.seconds].map(([phase, s]) => `${phase} ${s.toFixed(1)} s`).join(', ');
  }
}
