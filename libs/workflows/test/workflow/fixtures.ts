import { streetExample } from '../../src/examples/street-example';

export {
  COMMUNITY,
  DISTRICT,
  FUNDER,
  PEER,
  PROPOSER,
  RESIDENTS,
  STREET,
  streetPolicy,
  TALENT,
} from '../domain/fixtures';

/** The proposer's activity proposal for `subjectId` under the street policy (or `policy`). */
export const decisionInput = streetExample.decisionInput;

export const approve = (partyId: string, round?: number) => ({
  partyId,
  castBy: partyId,
  choice: 'approve' as const,
  ...(round ? { round } : {}),
});
export const object = (partyId: string, code = 'safety') => ({
  partyId,
  castBy: partyId,
  choice: 'object' as const,
  reason: { code, text: streetExample.objection.text },
});
export const abstain = (partyId: string) => ({ partyId, castBy: partyId, choice: 'abstain' as const });
