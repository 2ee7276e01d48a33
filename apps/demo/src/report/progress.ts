/**
 * The demo's running commentary: one line per thing that happens, each workflow it starts or drives with its
 * Temporal UI link (operators open it to see what waits on whom), and each stage's start and time taken.
 */
export class Progress {
  private readonly started: number;
  /** The workflows already linked: each link is printed once, the first time the workflow is named. */
  private readonly linked = new Set<string>();

  constructor(
    private readonly out: (line: string) => void,
    /** `http://127.0.0.1:8233/namespaces/<namespace>/workflows`: the UI's list of the namespace's workflows. */
    private readonly workflowsUrl: string,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** The Temporal UI page of one workflow (its latest run). */
  workflowLink(workflowId: string): string {
    return `${this.workflowsUrl}/${encodeURIComponent(workflowId)}`;
  }

  stage(index: number, total: number, name: string): void {
    this.out('');
    this.out(`${this.clock()} ── ${index}/${total} ${name}`);
  }

  stageDone(name: string, ms: number): void {
    this.out(`${this.clock()}    ${name}: done in ${(ms / 1000).toFixed(1)} s`);
  }

  /** Something that happened. */
  say(text: string): void {
    this.out(`${this.clock()}    ${text}`);
  }

  /** Something that happened to a workflow: its link the first time it is named. */
  workflow(text: string, workflowId: string): void {
    this.say(`${text}  [${workflowId}]`);
    if (this.linked.has(workflowId)) return;
    this.linked.add(workflowId);
    this.out(`${' '.repeat(14)}Temporal UI: ${this.workflowLink(workflowId)}`);
  }

  /** Seconds since the run started, as `+12.3s`. */
  private clock(): string {
    return `+${((this.now() - this.started) / 1000).toFixed(1)}s`.padStart(8);
  }
}
