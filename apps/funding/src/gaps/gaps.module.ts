import { Module } from '@nestjs/common';
import { CheckFundingGaps } from './application/check-funding-gaps';
import { FundingGapSweeper } from './application/funding-gap-sweeper';
import { ReadOrganizationFundingHandler } from './application/read-organization-funding';
import { GapRepository } from './domain/gap.repository';
import { PostgresGapRepository } from './infrastructure/postgres-gap.repository';
import { OrganizationFundingController } from './interface/http/organization-funding.controller';

/**
 * Funding-gap warnings (a sweeper publishing gap.detected / gap.cleared once per episode) and the
 * organization's funding view. Reads the grants' and payments' tables in SQL; imports no other feature.
 */
@Module({
  controllers: [OrganizationFundingController],
  providers: [
    { provide: GapRepository, useClass: PostgresGapRepository },
    CheckFundingGaps,
    FundingGapSweeper,
    ReadOrganizationFundingHandler,
  ],
  exports: [FundingGapSweeper],
})
export class GapsModule {}
