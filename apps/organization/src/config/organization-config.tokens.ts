import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { OrganizationConfig } from './organization-config';

/** Injection token: the organization service's validated settings (OrganizationConfig). */
export const ORGANIZATION_CONFIG = Symbol('ORGANIZATION_CONFIG');

/** Makes the organization's settings injectable in every feature, as SERVICE_CONFIG is for the kit's. */
@Global()
@Module({})
export class OrganizationConfigModule {
  static forRoot(config: OrganizationConfig): DynamicModule {
    const provider = { provide: ORGANIZATION_CONFIG, useValue: config };
    return { module: OrganizationConfigModule, providers: [provider], exports: [provider] };
  }
}
