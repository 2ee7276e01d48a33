import {
  type FieldProblem,
  NEED_CATEGORY_CODES,
  type NeedCategory,
  type NeedCloseReason,
  type NeedPriority,
} from '@sanshe/contracts';
import { NeedClosed, NeedInputInvalid, NeedRuleBroken } from './need-errors';

/** A need's life: published open, matched once an approved activity answers it, closed by the committee. */
export type NeedStatus = 'open' | 'matched' | 'closed';
export type { NeedCategory, NeedCloseReason, NeedPriority };

export const isNeedCategory = (value: string): value is NeedCategory =>
  (NEED_CATEGORY_CODES as readonly string[]).includes(value);

/** What the committee publishes (the HTTP body, already shaped by its schema). */
export interface NeedDraft {
  needId: string;
  communityCode: string;
  /** Checked by checkPublish: one of the contract's NEED_CATEGORIES. */
  category: string;
  title: string;
  description: string;
  targetGroup: string;
  expectedSize: number;
  priority: NeedPriority;
  /** Dates, `YYYY-MM-DD`: compared as strings. */
  period: { from: string; to: string };
}

/** The approved activity that answers a need: learned from governance's outcome and the proposal. */
export interface NeedMatch {
  proposalId: string;
  decisionId: string;
  organizationId: string;
}

export interface Need extends NeedDraft {
  category: NeedCategory;
  status: NeedStatus;
  match: NeedMatch | null;
  closed: { reason: NeedCloseReason; note: string | null } | null;
}

/** The facts a step yields; the use case publishes each as its event. */
export type NeedFact =
  | { type: 'need.published'; need: Need }
  | { type: 'need.matched'; need: Need; match: NeedMatch }
  | { type: 'need.closed'; need: Need };

/** What a match did: only `matched` changed the need. The others are recorded, never refused: events are facts. */
export type MatchEffect = 'matched' | 'already-matched' | 'need-closed';

export interface Step {
  state: Need;
  facts: NeedFact[];
}

/** The transitions each status allows, as the 409 for a closed need names them. */
export const ALLOWED_TRANSITIONS: Record<NeedStatus, readonly string[]> = {
  open: ['match', 'close'],
  matched: ['close'],
  closed: [],
};

/** The rules of a need beyond its schema's shapes; each problem names its field. */
export function checkPublish(draft: NeedDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isNeedCategory(draft.category)) {
    problems.push({ path: '/category', message: `is not one of the documented categories (GET /need-categories)` });
  }
  if (!Number.isInteger(draft.expectedSize) || draft.expectedSize < 1) {
    problems.push({ path: '/expectedSize', message: 'must be a whole number of people, at least 1' });
  }
  return problems;
}

/** The rule between the period's two dates, which no schema states (422, not a malformed field's 400). */
export function periodProblems(draft: NeedDraft): FieldProblem[] {
  if (draft.period.from <= draft.period.to) return [];
  return [{ path: '/period/to', message: `must not be before period.from (${draft.period.from})` }];
}

/** A new need, open; throws NeedInputInvalid (400) or NeedRuleBroken (422) naming each field. */
export function applyPublish(draft: NeedDraft): Step {
  const problems = checkPublish(draft);
  if (problems.length > 0) throw new NeedInputInvalid(problems);
  const broken = periodProblems(draft);
  if (broken.length > 0) throw new NeedRuleBroken(broken);
  const need: Need = { ...draft, category: draft.category as NeedCategory, status: 'open', match: null, closed: null };
  return { state: need, facts: [{ type: 'need.published', need }] };
}

/**
 * An approved activity answers the need. Only an open need becomes matched; a second match (another
 * approved proposal for the same need) or a match of a closed need changes nothing and says why.
 */
export function applyMatch(need: Need, match: NeedMatch): Step & { effect: MatchEffect } {
  switch (need.status) {
    case 'open': {
      const matched: Need = { ...need, status: 'matched', match };
      return { state: matched, facts: [{ type: 'need.matched', need: matched, match }], effect: 'matched' };
    }
    case 'matched':
      return { state: need, facts: [], effect: 'already-matched' };
    case 'closed':
      return { state: need, facts: [], effect: 'need-closed' };
  }
}

/** The committee closes an open or matched need; a closed need refuses (409 naming the allowed transitions). */
export function applyClose(need: Need, reason: NeedCloseReason, note: string | null = null): Step {
  if (need.status === 'closed') throw new NeedClosed(need.needId, ALLOWED_TRANSITIONS);
  const closed: Need = { ...need, status: 'closed', closed: { reason, note } };
  return { state: closed, facts: [{ type: 'need.closed', need: closed }] };
}
