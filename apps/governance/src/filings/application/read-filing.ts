import { Injectable } from '@nestjs/common';
import type { Filing, FilingCallIn } from '../domain/filing';
import { FilingRepository } from '../domain/filing.repository';

export interface FilingView {
  filing: Filing;
  callIns: FilingCallIn[];
}

/** A filing and its call-ins, for GET /filings/{proposalId}; null when governance never noticed it. */
@Injectable()
export class ReadFilingHandler {
  constructor(private readonly filings: FilingRepository) {}

  async execute(proposalId: string): Promise<FilingView | null> {
    const filing = await this.filings.find(proposalId);
    return filing ? { filing, callIns: await this.filings.callIns(proposalId) } : null;
  }
}
