import { notBuilt } from '../stage';

export const talentAmendmentStage = notBuilt(
  'the talent party objects by its staffing rules; an amendment fixes it',
  'decisions/talent-amendment.ts',
);
