import { notBuilt } from '../stage';

export const communityOutvotedStage = notBuilt(
  'a community objects and is outvoted after deliberation',
  'decisions/community-outvoted.ts',
);
