import { Inject, Injectable } from '@nestjs/common';
import type { FundingConfig } from '../../config/funding-config';
import { FUNDING_CONFIG } from '../../config/funding-config.tokens';
import type { RailName } from '../domain/payment';
import { type PaymentRail, PaymentRails } from '../domain/payment-rail';
import { InternalRail } from './internal-rail';
import { PortalConfirmedRail } from './portal-confirmed-rail';

/** The rails of this deployment: the internal rail (FUNDING_PAYMENT_SETTLE_MS) and portal confirmation. */
@Injectable()
export class ConfiguredPaymentRails extends PaymentRails {
  private readonly rails: Record<RailName, PaymentRail>;

  constructor(@Inject(FUNDING_CONFIG) config: Pick<FundingConfig, 'FUNDING_PAYMENT_SETTLE_MS'>) {
    super();
    this.rails = {
      internal: new InternalRail(config.FUNDING_PAYMENT_SETTLE_MS),
      'portal-confirmed': new PortalConfirmedRail(),
    };
  }

  railFor(name: RailName): PaymentRail {
    return this.rails[name];
  }
}
