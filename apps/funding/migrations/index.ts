import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';
// F2 migrations
import { CreateProgram1799000000001 } from './1799000000001-create-program';
import { CreateFundingOrganization1799000000002 } from './1799000000002-create-funding-organization';
// F3 migrations
import { CreateLedger1799000000020 } from './1799000000020-create-ledger';
// F4 migrations
import { CreateApplicationsAndGrants1799000000040 } from './1799000000040-create-applications-and-grants';
import { CreateFunderVotes1799000000041 } from './1799000000041-create-funder-votes';
// F5 migrations
import { CreatePayment1799000000060 } from './1799000000060-create-payment';
import { CreateClawback1799000000061 } from './1799000000061-create-clawback';
// F6 migrations
import { CreateFundingGapState1799000000080 } from './1799000000080-create-funding-gap-state';
// issue 16 migrations
import { CreateDisbursementRequest1799000000090 } from './1799000000090-create-disbursement-request';
// issue 17 migrations
import { CreatePortal1799000000100 } from './1799000000100-create-portal';

/**
 * The funding schema's migrations, oldest first; `npm run migrate` applies the pending ones.
 * Numbered by feature: programs and read models 001–019; the ledger 020–039; applications, grants and
 * the funder's vote 040–059; payments and clawbacks 060–079; gap warnings 080–089;
 * the funder's disbursement requests 090–099; the copy of governance's portal registry 100–109.
 */
export const migrations: Function[] = [
  ...MESSAGING_MIGRATIONS,
  // F2 migrations (programs, the organizations read model)
  CreateProgram1799000000001,
  CreateFundingOrganization1799000000002,
  // F3 migrations (the double-entry ledger)
  CreateLedger1799000000020,
  // F4 migrations (applications, grants, the funder's vote)
  CreateApplicationsAndGrants1799000000040,
  CreateFunderVotes1799000000041,
  // F5 migrations (payments, clawbacks)
  CreatePayment1799000000060,
  CreateClawback1799000000061,
  // F6 migrations (gap warnings)
  CreateFundingGapState1799000000080,
  // issue 16 migrations (the funder's disbursement requests)
  CreateDisbursementRequest1799000000090,
  // issue 17 migrations (the portal registry's copy)
  CreatePortal1799000000100,
];
