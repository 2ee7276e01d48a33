import { decodeRecord, type ReadEvent, replyVerdict } from '../format/event-line';

/** What came back for one command: its verdict (accepted or rejected) and any report it issued. */
export interface CommandOutcome {
  verdict?: ReadEvent & { event: NonNullable<ReadEvent['event']> };
  report?: ReadEvent & { event: NonNullable<ReadEvent['event']> };
}

const REPORT_ISSUED = /^sanshe\.[a-z]+\.portal\.report-issued\.v1$/;

/**
 * Collects, from the portal's replies topic, the events that answer one command (`data.commandId`): the
 * accepted or rejected reply and, for a report request, the report. Records about other commands are ignored.
 */
export class ReplyWait {
  private readonly outcome: CommandOutcome = {};
  private wake?: () => void;

  constructor(
    private readonly commandId: string,
    private readonly wantsReport: boolean,
  ) {}

  /** Hands over one record of the replies topic. */
  offer(topic: string, value: string): void {
    const read = decodeRecord(topic, value);
    const event = read.event;
    if (!event || (event.data as { commandId?: unknown } | null)?.commandId !== this.commandId) return;
    if (replyVerdict(event.type) && !this.outcome.verdict) this.outcome.verdict = { ...read, event };
    else if (REPORT_ISSUED.test(event.type) && !this.outcome.report) this.outcome.report = { ...read, event };
    this.wake?.();
  }

  private done(): boolean {
    const { verdict, report } = this.outcome;
    if (!verdict) return false;
    // An accepted report request is answered twice (the reply, the report): keyed apart, either may come first.
    return !this.wantsReport || replyVerdict(verdict.event.type) === 'rejected' || report !== undefined;
  }

  /** Resolves with what came by `deadline` (epoch ms), as soon as the command is fully answered. */
  async until(deadline: number): Promise<CommandOutcome> {
    while (!this.done()) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.wake = undefined;
    return this.outcome;
  }
}
