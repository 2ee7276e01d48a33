import { notBuilt } from '../stage';

export const organizationsStage = notBuilt('organizations of different types and grades', 'seed/organizations.ts');
