/** What another feature (evaluations) may know of a need: its community, its expected size, its status. */
export interface NeedSummary {
  needId: string;
  communityCode: string;
  expectedSize: number;
  status: 'open' | 'matched' | 'closed';
}

/** Needs as other features read them (a port and its injection token; NeedsModule provides it). */
export abstract class NeedDirectory {
  abstract find(needId: string): Promise<NeedSummary | null>;
}
