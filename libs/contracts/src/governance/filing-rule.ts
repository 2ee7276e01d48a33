import type { FieldProblem } from '../events/validation';

/*
 * Filing instead of approval (备案): a low-risk proposal goes ahead at once and is decided only when parties of
 * enough controllers call it in within the window (docs/decisions.md). What counts as low-risk is data, versioned,
 * so that the organization (before filing) and governance (on receipt) judge a proposal by the same rule. Pure: no
 * schema library here (`@sanshe/contracts/pure`); the TypeBox schema is `FilingRule` in `@sanshe/contracts`.
 */

export interface FilingRule {
  /** Filings name the version they were judged by. */
  version: number;
  /** May a filed activity book a community venue? */
  venueBooking: boolean;
  /** May a filed activity use residents' personal data (a data-access grant)? */
  residentData: boolean;
  /** The most funding (fen) a filed proposal may request; 0 = none. */
  maxRequestedFundingFen: number;
  /** The most participants a filed activity may expect; null = no limit. */
  maxExpectedParticipants: number | null;
  /** How long after the notice parties may call a filing in. */
  callInHours: number;
  /** How many distinct controllers' parties must call it in before it goes to a decision. */
  callInControllers: number;
}

/** Version 1: no venue, no resident data, no money; 72 hours; two controllers (one community is one voice). */
export const FILING_RULE: FilingRule = {
  version: 1,
  venueBooking: false,
  residentData: false,
  maxRequestedFundingFen: 0,
  maxExpectedParticipants: null,
  callInHours: 72,
  callInControllers: 2,
};

/** The parts of a proposal's content the filing rule judges. */
export interface LowRiskContent {
  venueId?: string | null;
  usesResidentData?: boolean | null;
  requestedFunding?: { amountFen: number } | null;
  expectedParticipants?: number | null;
}

/**
 * Why `content` may not be filed under `rule`, one problem per field, in the order venue, resident data,
 * funding, participants; [] = low-risk.
 */
export function lowRiskViolations(content: LowRiskContent, rule: FilingRule): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const under = `(filing rule v${rule.version}): submit it for a decision instead`;
  if (!rule.venueBooking && content.venueId != null) {
    problems.push({ path: '/venueId', message: `a filed activity books no venue ${under}` });
  }
  if (!rule.residentData && content.usesResidentData === true) {
    problems.push({ path: '/usesResidentData', message: `a filed activity uses no resident data ${under}` });
  }
  const fundingFen = content.requestedFunding?.amountFen ?? 0;
  if (fundingFen > rule.maxRequestedFundingFen) {
    problems.push({
      path: '/requestedFunding/amountFen',
      message: `a filed activity requests at most ${rule.maxRequestedFundingFen} fen, not ${fundingFen} ${under}`,
    });
  }
  const participants = content.expectedParticipants;
  if (rule.maxExpectedParticipants !== null && participants != null && participants > rule.maxExpectedParticipants) {
    problems.push({
      path: '/expectedParticipants',
      message: `a filed activity expects at most ${rule.maxExpectedParticipants} participants, not ${participants} ${under}`,
    });
  }
  return problems;
}
