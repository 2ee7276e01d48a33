import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { GovernanceConfig } from './governance-config';

/** Injection token: governance's validated settings (GovernanceConfig). */
export const GOVERNANCE_CONFIG = Symbol('GOVERNANCE_CONFIG');

/** Makes governance's settings injectable in every feature, as SERVICE_CONFIG is for the kit's. */
@Global()
@Module({})
export class GovernanceConfigModule {
  static forRoot(config: GovernanceConfig): DynamicModule {
    const provider = { provide: GOVERNANCE_CONFIG, useValue: config };
    return { module: GovernanceConfigModule, providers: [provider], exports: [provider] };
  }
}
