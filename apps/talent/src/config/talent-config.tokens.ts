import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { TalentConfig } from './talent-config';

/** Injection token: the talent service's validated settings (TalentConfig). */
export const TALENT_CONFIG = Symbol('TALENT_CONFIG');

/** Makes the talent settings injectable in every feature, as SERVICE_CONFIG is for the kit's. */
@Global()
@Module({})
export class TalentConfigModule {
  static forRoot(config: TalentConfig): DynamicModule {
    const provider = { provide: TALENT_CONFIG, useValue: config };
    return { module: TalentConfigModule, providers: [provider], exports: [provider] };
  }
}
