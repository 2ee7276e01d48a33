import { notBuilt } from '../stage';

export const areasStage = notBuilt('a district, two streets and four communities', 'seed/areas.ts');
