import { notBuilt } from '../stage';

export const proposalsStage = notBuilt('proposals submitted', 'decisions/proposals.ts');
