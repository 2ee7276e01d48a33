import { notBuilt } from '../stage';

export const streetOfficesStage = notBuilt(
  'the street offices (portals) and the policies of the run’s district',
  'seed/street-offices.ts',
);
