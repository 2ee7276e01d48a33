import type { EventData, GapKind } from '@sanshe/contracts';
import type { GapFinding } from '../domain/funding-gaps';
import type { GapTransition } from '../domain/gap-episodes';

export const GAP_EVENT_TYPES = {
  detected: 'sanshe.funding.gap.detected.v1',
  cleared: 'sanshe.funding.gap.cleared.v1',
} as const;

type GapEventData = EventData<(typeof GAP_EVENT_TYPES)['detected']>;

/** The finding's own fields as the event carries them (a null fundedUntil is left out: no grant funds it). */
function findingFields(finding: GapFinding, cleared: boolean): Partial<GapEventData> {
  if (finding.kind === 'tranche-late') {
    const { grantId, trancheNo, dueDate, daysLate } = finding;
    return { grantId, trancheNo, dueDate, ...(cleared ? {} : { daysLate }) };
  }
  return finding.fundedUntil === null ? {} : { fundedUntil: finding.fundedUntil };
}

/**
 * gap.detected or gap.cleared for a transition at `at`. detected carries the finding that opened the episode;
 * cleared carries the late tranche it was opened on, or the runway as it now stands (`fundedUntil` today).
 */
export function gapEventData(
  organizationId: string,
  kind: GapKind,
  transition: GapTransition,
  fundedUntil: string | null,
  at: string,
): GapEventData {
  const cleared = transition.change === 'cleared';
  const shown: GapFinding =
    cleared && transition.subject.kind === 'runway-short' ? { ...transition.subject, fundedUntil } : transition.subject;
  return {
    organizationId,
    kind,
    ...findingFields(shown, cleared),
    thresholdDays: transition.subject.thresholdDays,
    episode: transition.episode,
    detectedAt: at,
  } as GapEventData;
}
