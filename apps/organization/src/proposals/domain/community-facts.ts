import type { FieldProblem } from '@sanshe/contracts';
import type { ProposalContent } from './proposal';
import { NeedClosed, ProposalInputInvalid } from './proposal-errors';

/** A community need as its events told it (need.published, matched, closed). */
export interface KnownNeed {
  needId: string;
  communityCode: string;
  status: 'open' | 'matched' | 'closed';
}

/** A community venue as its events told it (venue.registered, updated: the highest revision). */
export interface KnownVenue {
  venueId: string;
  communityCode: string;
  capacity: number;
  status: 'active' | 'retired';
}

/**
 * Checks a proposal's need and venue against what the community's events said. The community's events
 * may lag, so an unknown id is a warning (shown in the reply, never put in an event); a need or venue
 * of another community is a mistake (400 naming the field), a closed need is answered no more (409).
 * Returns the warnings; throws for the rest.
 */
export function checkCommunityFacts(
  communityCode: string,
  content: ProposalContent,
  known: { need: KnownNeed | null; venue: KnownVenue | null },
): FieldProblem[] {
  const warnings: FieldProblem[] = [];
  const problems: FieldProblem[] = [];
  const { need, venue } = known;
  if (content.needId !== undefined) {
    if (!need)
      warnings.push({ path: '/needId', message: 'is not known here yet (the community may not have published it)' });
    else if (need.communityCode !== communityCode) {
      problems.push({ path: '/needId', message: `is a need of community ${need.communityCode}, not ${communityCode}` });
    }
  }
  if (content.venueId !== undefined) {
    if (!venue)
      warnings.push({ path: '/venueId', message: 'is not known here yet (the community may not have registered it)' });
    else if (venue.communityCode !== communityCode) {
      problems.push({
        path: '/venueId',
        message: `is a venue of community ${venue.communityCode}, not ${communityCode}`,
      });
    } else if (venue.status === 'retired') {
      warnings.push({ path: '/venueId', message: 'is retired: the community takes no new bookings in it' });
    } else if ((content.expectedParticipants ?? 0) > venue.capacity) {
      warnings.push({ path: '/expectedParticipants', message: `exceeds the venue's capacity of ${venue.capacity}` });
    }
  }
  if (problems.length > 0) throw new ProposalInputInvalid(problems);
  if (need?.status === 'closed' && need.communityCode === communityCode) {
    throw new NeedClosed(`need ${need.needId} is closed: its community no longer takes proposals for it`);
  }
  return warnings;
}
