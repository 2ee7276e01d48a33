import { notBuilt } from '../stage';

export const streetArbitrationStage = notBuilt(
  'a decision escalates to the street office, which arbitrates',
  'decisions/street-arbitration.ts',
);
