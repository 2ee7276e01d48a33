import { Injectable } from '@nestjs/common';
import { type RegisteredControllerRules, RegisteredControllers } from '../../parties/domain/registered-controllers';
import { PortalRepository } from '../domain/portal.repository';
import { registeredControllerRules } from '../domain/portal-rules';

/** The controller map's registered rules, read from the portal registry. */
@Injectable()
export class RegistryControllers extends RegisteredControllers {
  constructor(private readonly portals: PortalRepository) {
    super();
  }

  async read(): Promise<RegisteredControllerRules> {
    return registeredControllerRules(await this.portals.list());
  }
}
