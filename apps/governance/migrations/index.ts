import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';
import { CreateDecisionPolicy1795737600000 } from './1795737600000-create-decision-policy';
import { SeedDistrictDefaultPolicies1795737600001 } from './1795737600001-seed-district-default-policies';
import { SeatTheDecisionCommunity1795737600002 } from './1795737600002-seat-the-decision-community';
import { CreatePartyController1795737600003 } from './1795737600003-create-party-controller';
import { CreatePendingDecision1795737600005 } from './1795737600005-create-pending-decision';
import { RebalanceDistrictDefaults1795737600006 } from './1795737600006-rebalance-district-defaults';
import { CreateDecisionAudit1795737600007 } from './1795737600007-create-decision-audit';
import { CreateParkedDecisionUpdate1795737600008 } from './1795737600008-create-parked-decision-update';
import { CreateAdministrativeArea1795737600009 } from './1795737600009-create-administrative-area';
import { StreetOfficeArbitratesItsOwnStreet1795737600010 } from './1795737600010-street-office-arbitrates-its-own-street';
import { ScopePoliciesToStreetsAndDistricts1795737600011 } from './1795737600011-scope-policies-to-streets-and-districts';
import { ParkWithdrawals1795737600012 } from './1795737600012-park-withdrawals';
import { CreateFiling1795737600013 } from './1795737600013-create-filing';
import { CreateParkedHoursUpdate1795737600014 } from './1795737600014-create-parked-hours-update';
import { SeedHoursDisputePolicy1795737600015 } from './1795737600015-seed-hours-dispute-policy';
import { ScopePoliciesToPrograms1795737600016 } from './1795737600016-scope-policies-to-programs';
import { SeedDisbursementPolicies1795737600017 } from './1795737600017-seed-disbursement-policies';
import { CreateDisbursementEvidence1795737600018 } from './1795737600018-create-disbursement-evidence';
import { CreateParkedDisbursementEvidence1795737600019 } from './1795737600019-create-parked-disbursement-evidence';
import { CreateDisbursementGrant1795737600020 } from './1795737600020-create-disbursement-grant';
import { CreatePortal1795737600021 } from './1795737600021-create-portal';

/** The governance schema's migrations, oldest first; `npm run migrate` applies the pending ones. */
export const migrations: Function[] = [
  ...MESSAGING_MIGRATIONS,
  CreateDecisionPolicy1795737600000,
  SeedDistrictDefaultPolicies1795737600001,
  SeatTheDecisionCommunity1795737600002,
  CreatePartyController1795737600003,
  CreatePendingDecision1795737600005,
  RebalanceDistrictDefaults1795737600006,
  CreateDecisionAudit1795737600007,
  CreateParkedDecisionUpdate1795737600008,
  CreateAdministrativeArea1795737600009,
  StreetOfficeArbitratesItsOwnStreet1795737600010,
  ScopePoliciesToStreetsAndDistricts1795737600011,
  ParkWithdrawals1795737600012,
  CreateFiling1795737600013,
  CreateParkedHoursUpdate1795737600014,
  SeedHoursDisputePolicy1795737600015,
  ScopePoliciesToPrograms1795737600016,
  SeedDisbursementPolicies1795737600017,
  CreateDisbursementEvidence1795737600018,
  CreateParkedDisbursementEvidence1795737600019,
  CreateDisbursementGrant1795737600020,
  CreatePortal1795737600021,
];
