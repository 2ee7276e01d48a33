import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AuthConfig } from './auth-config';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

/** Bearer-token authentication and @Access authorization on every HTTP endpoint of the app. */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
