import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';
// T2 migrations
import { CreateWorker1798000000001 } from './1798000000001-create-worker';
import { CreateEducation1798000000010 } from './1798000000010-create-education';
// T4 migrations
import { CreateHoursRecord1798000000020 } from './1798000000020-create-hours-record';
import { CreateRewardEntry1798000000030 } from './1798000000030-create-reward-entry';
// T5 migrations
import { CreateTalentVotes1798000000040 } from './1798000000040-create-talent-votes';
import { CreateAssignments1798000000050 } from './1798000000050-create-assignments';
// T6 migrations
import { CreateWorkforceState1798000000060 } from './1798000000060-create-workforce-state';
// Issue 16 migrations
import { CreateAssessorBindings1798000000070 } from './1798000000070-create-assessor-bindings';
import { AddAssessorActionRejection1798000000071 } from './1798000000071-add-assessor-action-rejection';

/**
 * The talent schema's migrations, oldest first; `npm run migrate` applies the pending ones.
 * Numbered by feature: workers and continuing education 001–019; hours, time bank and rewards 020–039;
 * staffing, the automatic vote and assignments 040–059; workforce health 060–069; the independent assessor
 * 070–079.
 */
export const migrations: Function[] = [
  ...MESSAGING_MIGRATIONS,
  // T2 migrations (workers, continuing education)
  CreateWorker1798000000001,
  CreateEducation1798000000010,
  // T4 migrations (hours, time bank, rewards)
  CreateHoursRecord1798000000020,
  CreateRewardEntry1798000000030,
  // T5 migrations (staffing, votes, assignments)
  CreateTalentVotes1798000000040,
  CreateAssignments1798000000050,
  // T6 migrations (workforce health)
  CreateWorkforceState1798000000060,
  // Issue 16 migrations (the independent assessor)
  CreateAssessorBindings1798000000070,
  AddAssessorActionRejection1798000000071,
];
