import type { ConfirmHoursRequest, DisputeHoursRequest, HoursOutcome, HoursStage } from '../hours.api';

/**
 * Why the community's confirm or dispute is refused. Public: governance publishes the code when it
 * refuses a community.hours.* event (docs/decisions.md lists them).
 */
export const HOURS_REFUSAL_CODES = ['not-a-party', 'hours-disputed', 'hours-closed'] as const;
export type HoursRefusalCode = (typeof HOURS_REFUSAL_CODES)[number];

export interface HoursRefusal {
  code: HoursRefusalCode;
  message: string;
}

export const isHoursRefusalCode = (code: string): code is HoursRefusalCode =>
  (HOURS_REFUSAL_CODES as readonly string[]).includes(code);

/** What the workflow knows; pure, so that the rules below are tested without Temporal. */
export interface HoursState {
  communityCode: string;
  /** Epoch ms of confirmBy. */
  deadline: number;
  stage: HoursStage;
  confirmed: ConfirmHoursRequest | null;
  disputed: DisputeHoursRequest | null;
  decisionId?: string;
  outcome: HoursOutcome | null;
}

/** The one party that confirms or disputes: the community the hours were served in. */
export const hoursPartyOf = (communityCode: string) => `community:${communityCode}`;

const notAParty = (state: HoursState, partyId: string): HoursRefusal | null =>
  partyId === hoursPartyOf(state.communityCode)
    ? null
    : {
        code: 'not-a-party',
        message: `${partyId} is not the party of these hours: ${hoursPartyOf(state.communityCode)} is`,
      };

const closed = (state: HoursState): HoursRefusal => ({
  code: 'hours-closed',
  message: state.confirmed
    ? 'the hours are already confirmed'
    : `the confirmation window closed at ${new Date(state.deadline).toISOString()}: the community's silence confirmed them`,
});

/** A confirm is refused once disputed (the dispute's decision settles it) or once the window has closed. */
export function checkConfirm(
  state: HoursState,
  request: ConfirmHoursRequest,
  now: number,
): HoursRefusal | 'duplicate' | null {
  const party = notAParty(state, request.partyId);
  if (party) return party;
  if (state.disputed) {
    return {
      code: 'hours-disputed',
      message: `the hours are disputed: decision ${state.decisionId ?? 'opening'} settles them`,
    };
  }
  if (state.confirmed) return 'duplicate';
  if (state.stage !== 'awaiting' || now >= state.deadline) return closed(state);
  return null;
}

/** A dispute is taken only while the hours await the community; a second one is a duplicate. */
export function checkDispute(
  state: HoursState,
  request: DisputeHoursRequest,
  now: number,
): HoursRefusal | 'duplicate' | null {
  const party = notAParty(state, request.partyId);
  if (party) return party;
  if (state.disputed) return 'duplicate';
  if (state.confirmed || state.stage !== 'awaiting' || now >= state.deadline) return closed(state);
  return null;
}
