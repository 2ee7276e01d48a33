import { notBuilt } from '../stage';

export const filedActivityStage = notBuilt(
  'a low-risk activity is filed and goes ahead',
  'decisions/filed-activity.ts',
);
