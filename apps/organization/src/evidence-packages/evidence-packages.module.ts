import { Module } from '@nestjs/common';
import { ReadEvidencePackagesHandler } from './application/read-evidence-packages';
import { SubmitEvidencePackageHandler } from './application/submit-evidence-package';
import { EvidencePackageRepository } from './domain/evidence-package.repository';
import { PostgresEvidencePackageRepository } from './infrastructure/postgres-evidence-package.repository';
import { RequestRefusedSubscriber } from './interface/events/request-refused.subscriber';
import { EvidencePackagesController } from './interface/http/evidence-packages.controller';

/** Evidence packages for grant tranches' milestones, and governance's refusals of them. */
@Module({
  controllers: [EvidencePackagesController],
  providers: [
    { provide: EvidencePackageRepository, useClass: PostgresEvidencePackageRepository },
    SubmitEvidencePackageHandler,
    ReadEvidencePackagesHandler,
    RequestRefusedSubscriber,
  ],
})
export class EvidencePackagesModule {}
