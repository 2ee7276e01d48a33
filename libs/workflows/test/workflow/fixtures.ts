import type { DecisionInput } from '../../src/decision/decision.api';
import { decisionWorkflowId } from '../../src/decision/decision.api';
import { PROPOSER, streetPolicy } from '../domain/fixtures';

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

export function decisionInput(subjectId: string, policy = streetPolicy()): DecisionInput {
  const decisionId = decisionWorkflowId('activity-proposal', subjectId);
  return {
    decisionId,
    kind: 'activity-proposal',
    subjectId,
    communityCode: '310104-005-001',
    proposerId: PROPOSER,
    title: '社区长者午餐与探访',
    summary: 'Weekly lunch and home visits for residents over 75.',
    policy,
    openedBy: { eventId: `evt-${subjectId}`, type: 'sanshe.organization.proposal.submitted.v1' },
  };
}

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
  reason: { code, text: 'Home visits need a second volunteer for safety.' },
});
export const abstain = (partyId: string) => ({ partyId, castBy: partyId, choice: 'abstain' as const });
