import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { CommunityConfig } from './community-config';

/** Injection token: the community service's validated settings (CommunityConfig). */
export const COMMUNITY_CONFIG = Symbol('COMMUNITY_CONFIG');

/** Makes the community's settings injectable in every feature, as SERVICE_CONFIG is for the kit's. */
@Global()
@Module({})
export class CommunityConfigModule {
  static forRoot(config: CommunityConfig): DynamicModule {
    const provider = { provide: COMMUNITY_CONFIG, useValue: config };
    return { module: CommunityConfigModule, providers: [provider], exports: [provider] };
  }
}
