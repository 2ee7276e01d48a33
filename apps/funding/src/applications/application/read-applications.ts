import { Injectable } from '@nestjs/common';
import { AccessDenied } from '@sanshe/auth';
import type { Caller } from '../../access/funding-access';
import type { ApplicationStatus } from '../domain/application';
import { ApplicationNotFound } from '../domain/application-errors';
import { ApplicationsRepository, type ApplicationView } from '../domain/applications.repository';
import { inScope, type ReadScope, readScopeOf } from '../domain/read-scope';

/** The caller's scope, or 403 naming what it lacks. */
export function scopeOrDenied(caller: Caller, action: string): ReadScope {
  const found = readScopeOf(caller, action);
  if ('refusal' in found) throw new AccessDenied(found.refusal);
  return found.scope;
}

/** Applications as their readers may see them: the organization its own, a funder its programs', an auditor all. */
@Injectable()
export class ReadApplicationsHandler {
  constructor(private readonly applications: ApplicationsRepository) {}

  async list(
    caller: Caller,
    filter: { programId?: string; organizationId?: string; status?: ApplicationStatus },
  ): Promise<ApplicationView[]> {
    return this.applications.list({ ...filter, scope: scopeOrDenied(caller, 'read applications') });
  }

  /** One application whoever asks (for the write endpoints, which check the funder themselves). */
  async unscoped(applicationId: string): Promise<ApplicationView> {
    const application = await this.applications.find(applicationId);
    if (!application) throw new ApplicationNotFound(applicationId);
    return application;
  }

  /** One application; 404 also when the caller may not see it (its existence is not revealed). */
  async one(caller: Caller, applicationId: string): Promise<ApplicationView> {
    const scope = scopeOrDenied(caller, 'read applications');
    const application = await this.applications.find(applicationId);
    if (!application || !inScope(scope, application)) throw new ApplicationNotFound(applicationId);
    return application;
  }
}
