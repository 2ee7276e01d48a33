/**
 * Why a vote, amendment or ruling is refused. The codes are public: governance publishes them in
 * `decision.vote-rejected` (docs/decisions.md lists them), so this list is the one place they are named.
 */
export const REFUSAL_CODES = [
  'wrong-identity',
  'conflict-of-interest',
  'not-a-party',
  'stale-round',
  'reason-required',
  'past-deadline',
  'changed-vote',
  'too-many-changes',
  'voting-closed',
  'decision-closed',
  'not-the-proposer',
  'no-deliberation',
  'amendment-limit',
  'not-escalated',
  'not-the-arbiter',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Why an update is refused; the message is written for the person or portal that sent it. */
export interface Refusal {
  code: RefusalCode;
  message: string;
}

export const isRefusalCode = (code: string): code is RefusalCode => (REFUSAL_CODES as readonly string[]).includes(code);

export const refuse = (code: RefusalCode, message: string): Refusal => ({ code, message });
