import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';
import { CreateAdministrativeArea1796000000001 } from './1796000000001-create-administrative-area';
import { CreateRepresentative1796000000002 } from './1796000000002-create-representative';
import { CreateCommunityDecision1796000000003 } from './1796000000003-create-community-decision';
import { CreateCommunityFiling1796000000004 } from './1796000000004-create-community-filing';
import { CommunityFilingWithdrawn1796000000005 } from './1796000000005-community-filing-withdrawn';
import { CreateCommunityHours1796000000006 } from './1796000000006-create-community-hours';
import { CreateNeeds1796000000010 } from './1796000000010-create-needs';
import { CreateVenuesAndBookings1796000000011 } from './1796000000011-create-venues-and-bookings';
import { CreateEvaluations1796000000020 } from './1796000000020-create-evaluations';
import { CreateOverview1796000000021 } from './1796000000021-create-overview';
import { EvaluationsOpenUntilWindowCloses1796000000022 } from './1796000000022-evaluations-open-until-window-closes';
import { CreateResident1796000000030 } from './1796000000030-create-resident';
import { CreateConsentRecord1796000000040 } from './1796000000040-create-consent-record';
import { CreateDataAccess1796000000050 } from './1796000000050-create-data-access';
import { CreateDisbursementRequest1796000000060 } from './1796000000060-create-disbursement-request';

/**
 * The community schema's migrations, oldest first; `npm run migrate` applies the pending ones.
 * Numbered by feature: areas, representatives, decisions and hours 001–009; needs and venues 010–019; evaluations
 * and the overview 020–029; residents 030–039; consents 040–049; data access 050–059; disbursement requests 060–069.
 */
export const migrations: Function[] = [
  ...MESSAGING_MIGRATIONS,
  CreateAdministrativeArea1796000000001,
  CreateRepresentative1796000000002,
  CreateCommunityDecision1796000000003,
  CreateCommunityFiling1796000000004,
  CommunityFilingWithdrawn1796000000005,
  CreateCommunityHours1796000000006,
  CreateNeeds1796000000010,
  CreateVenuesAndBookings1796000000011,
  CreateEvaluations1796000000020,
  CreateOverview1796000000021,
  EvaluationsOpenUntilWindowCloses1796000000022,
  CreateResident1796000000030,
  CreateConsentRecord1796000000040,
  CreateDataAccess1796000000050,
  CreateDisbursementRequest1796000000060,
];
