import { notBuilt } from '../stage';

export const needsStage = notBuilt('needs published', 'decisions/needs.ts');
