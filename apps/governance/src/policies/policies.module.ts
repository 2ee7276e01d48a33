import { Module } from '@nestjs/common';
import { AdministrativeAreasModule } from '../administrative-areas/administrative-areas.module';
import { ReadPoliciesHandler } from './application/read-policies';
import { SetPolicyHandler } from './application/set-policy';
import { SetProgramPoliciesHandler } from './application/set-program-policies';
import { PolicyRepository } from './domain/policy.repository';
import { PostgresPolicyRepository } from './infrastructure/postgres-policy.repository';
import { PoliciesController } from './interface/http/policies.controller';

/**
 * Decision policies as versioned data in governance's schema. Needs the app's TypeORM data source
 * (ServiceKitModule provides it). Exports PolicyRepository, whose resolve() pins the policy of a
 * decision when it opens; resolves over the administrative hierarchy (AdministrativeAreasModule). Exports
 * SetProgramPoliciesHandler, which the bridge runs for funding's program events.
 */
@Module({
  imports: [AdministrativeAreasModule],
  controllers: [PoliciesController],
  providers: [
    { provide: PolicyRepository, useClass: PostgresPolicyRepository },
    SetPolicyHandler,
    SetProgramPoliciesHandler,
    ReadPoliciesHandler,
  ],
  // SetPolicyHandler: a portal's set-policy command goes through the same checks as PUT /policies.
  exports: [PolicyRepository, SetProgramPoliciesHandler, SetPolicyHandler],
})
export class PoliciesModule {}
