import { notBuilt } from '../stage';

export const programsStage = notBuilt(
  'two funding programs: elderly care (direct) and purchase of services (indirect)',
  'seed/programs.ts',
);
