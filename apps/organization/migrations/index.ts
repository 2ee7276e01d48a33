import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';
// O2 migrations
import { CreateOrganization1797000000001 } from './1797000000001-create-organization';
import { CreateOrgVotes1797000000010 } from './1797000000010-create-org-votes';
// O3 migrations
import { CreateProposal1797000000020 } from './1797000000020-create-proposal';
import { CreateKnownCommunityFacts1797000000021 } from './1797000000021-create-known-community-facts';
// O4 migrations
import { CreateActivities1797000000040 } from './1797000000040-create-activities';
import { CreateCapacityProfile1797000000050 } from './1797000000050-create-capacity-profile';
import { CreateEvidencePackage1797000000060 } from './1797000000060-create-evidence-package';

/**
 * The organization schema's migrations, oldest first; `npm run migrate` applies the pending ones.
 * Numbered by feature: registry 001–009; votes and call-ins 010–019; proposals 020–039; activities,
 * groups, reports and the capacity profile 040–059;
 * evidence packages 060–069.
 */
export const migrations: Function[] = [
  ...MESSAGING_MIGRATIONS,
  // O2 migrations (registry, votes)
  CreateOrganization1797000000001,
  CreateOrgVotes1797000000010,
  // O3 migrations (proposals)
  CreateProposal1797000000020,
  CreateKnownCommunityFacts1797000000021,
  // O4 migrations (activities, profile)
  CreateActivities1797000000040,
  CreateCapacityProfile1797000000050,
  // issue 16 migrations (evidence packages)
  CreateEvidencePackage1797000000060,
];
