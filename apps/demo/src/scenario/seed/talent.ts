import { notBuilt } from '../stage';

export const talentStage = notBuilt('certified social workers, interns and volunteers', 'seed/talent.ts');
