import type { GapKind } from '@sanshe/contracts';
import type { GapFinding } from './funding-gaps';

/*
 * Episodes (pure): per (organization, gap kind) a state ok ↔ gap. ok → gap opens a new episode (its number
 * counts up) and is detected once; gap → ok clears that episode; staying on one side says nothing, however
 * often the sweeper looks (a late tranche growing later is the same episode).
 */

export type GapStatus = 'ok' | 'gap';

export interface GapState {
  organizationId: string;
  kind: GapKind;
  status: GapStatus;
  /** How many episodes have opened (the current or last one's number); 0 before the first. */
  episode: number;
  /** What the current or last episode was detected on (kept when it clears, for the cleared event). */
  subject: GapFinding | null;
  /** When the status last changed (an ISO instant). */
  changedAt: string;
}

export interface GapTransition {
  change: 'detected' | 'cleared';
  episode: number;
  /** The finding that opened the episode (detected) or that the cleared episode was opened on. */
  subject: GapFinding;
}

export const initialGapState = (organizationId: string, kind: GapKind, at: string): GapState => ({
  organizationId,
  kind,
  status: 'ok',
  episode: 0,
  subject: null,
  changedAt: at,
});

/**
 * The state after judging `finding` (null: no gap of this kind) at `at`, and the transition it makes, if
 * any; `state` is the known one, unchanged, when there is none (nothing to write).
 */
export function afterFinding(
  organizationId: string,
  kind: GapKind,
  known: GapState | null,
  finding: GapFinding | null,
  at: string,
): { state: GapState; transition: GapTransition | null } {
  const current = known ?? initialGapState(organizationId, kind, at);
  if (finding && current.status === 'ok') {
    const episode = current.episode + 1;
    return {
      state: { ...current, status: 'gap', episode, subject: finding, changedAt: at },
      transition: { change: 'detected', episode, subject: finding },
    };
  }
  if (!finding && current.status === 'gap' && current.subject) {
    return {
      state: { ...current, status: 'ok', changedAt: at },
      transition: { change: 'cleared', episode: current.episode, subject: current.subject },
    };
  }
  return { state: current, transition: null };
}

/** The event id of a transition: once per (type, organization, kind, episode), so a repeat publishes nothing new. */
export const gapEventId = (type: string, organizationId: string, kind: GapKind, episode: number) =>
  `${type}:${organizationId}:${kind}:${episode}`;
