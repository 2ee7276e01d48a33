/** Wall-clock seconds per named phase, summed if a phase recurs: printed so that a run shows where its time goes. */
export class PhaseTimes {
  private readonly seconds = new Map<string, number>();

  async time<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
    const startedAt = Date.now();
    try {
      return await work();
    } finally {
      this.seconds.set(phase, (this.seconds.get(phase) ?? 0) + (Date.now() - startedAt) / 1000);
    }
  }

  /** `phase 1.2 s, other 3.4 s`, in the order the phases first ran. */
  summary(): string {
    return [...this.seconds].map(([phase, s]) => `${phase} ${s.toFixed(1)} s`).join(', ');
  }
}
