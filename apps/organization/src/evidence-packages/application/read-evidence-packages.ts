import { Injectable } from '@nestjs/common';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { type Caller, organizationParty, roleRefusal, ROLES } from '../../access/organization-access';
import type { EvidencePackage } from '../domain/evidence-package';
import { PackageInputInvalid } from '../domain/evidence-package-errors';
import { EvidencePackageRepository } from '../domain/evidence-package.repository';

/** GET /grants/{grantId}/evidence-packages?organizationId=: for the organization's admin and staff, and auditors. */
@Injectable()
export class ReadEvidencePackagesHandler {
  constructor(private readonly packages: EvidencePackageRepository) {}

  async of(grantId: string, organizationId: string | undefined, caller: Caller): Promise<EvidencePackage[]> {
    const problems = [
      ...schemaProblems(Id, grantId, '/params/grantId'),
      ...schemaProblems(Id, organizationId, '/query/organizationId'),
    ];
    if (problems.length > 0) throw new PackageInputInvalid(problems);
    const orgId = organizationId ?? '';
    if (!caller.roles.includes(ROLES.auditor)) {
      const readers = [ROLES.orgAdmin, ROLES.orgStaff];
      const refusal = roleRefusal(caller, readers, [organizationParty(orgId)], `read the evidence of ${orgId}`);
      if (refusal) throw new AccessDenied(`${refusal} (or the role auditor)`);
    }
    return this.packages.listFor(grantId, orgId);
  }
}
