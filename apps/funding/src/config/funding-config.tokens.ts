import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { FundingConfig } from './funding-config';

/** Injection token: the funding service's validated settings (FundingConfig). */
export const FUNDING_CONFIG = Symbol('FUNDING_CONFIG');

/** Makes the funding settings injectable in every feature, as SERVICE_CONFIG is for the kit's. */
@Global()
@Module({})
export class FundingConfigModule {
  static forRoot(config: FundingConfig): DynamicModule {
    const provider = { provide: FUNDING_CONFIG, useValue: config };
    return { module: FundingConfigModule, providers: [provider], exports: [provider] };
  }
}
