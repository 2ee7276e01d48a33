import { Injectable } from '@nestjs/common';
import { ActivityRepository } from '../../activities/domain/activity.repository';
import { OrganizationDirectory } from '../../registry/domain/organization-directory';
import { type Capacity, capacityOf } from '../domain/capacity';
import { ProfileRepository } from '../domain/profile.repository';

export class OrganizationNotFound extends Error {
  readonly code = 'organization-not-found';
}

/** Today's date where the organizations work, for whether a tranche is overdue. */
const today = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

/** GET /organizations/{id}/capacity: the profile as of the latest fact applied (asOf null: none yet). */
@Injectable()
export class ReadCapacityHandler {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly activities: ActivityRepository,
    private readonly directory: OrganizationDirectory,
  ) {}

  async execute(organizationId: string): Promise<Capacity & { organizationId: string; asOf: string | null }> {
    if (!(await this.directory.find(organizationId))) {
      throw new OrganizationNotFound(`no organization ${organizationId}`);
    }
    const { asOf, ...facts } = await this.profiles.profileOf(organizationId);
    const { scheduled, running, completed } = await this.activities.countByStatus(organizationId);
    const capacity = capacityOf({ ...facts, activities: { scheduled, running, completed } }, today());
    return { organizationId, ...capacity, asOf };
  }
}
