import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationNotFound, ApplicationNotOpen } from '../domain/application-errors';
import { ApplicationsRepository, type ApplicationView } from '../domain/applications.repository';

export interface DeclineApplicationCommand {
  applicationId: string;
  reason: string;
  declinedBy: string;
}

/** The funder declines a received application (no grant, no decision): status declined with its reason. */
@Injectable()
export class DeclineApplicationHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsRepository,
  ) {}

  async execute(command: DeclineApplicationCommand): Promise<ApplicationView> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.applications.lock(manager, command.applicationId);
      if (!application) throw new ApplicationNotFound(command.applicationId);
      if (application.status !== 'received') throw new ApplicationNotOpen(command.applicationId, application.status);
      await this.applications.setStatus(manager, command.applicationId, {
        status: 'declined',
        by: command.declinedBy,
        declineReason: command.reason,
      });
    });
    return (await this.applications.find(command.applicationId)) as ApplicationView;
  }
}
