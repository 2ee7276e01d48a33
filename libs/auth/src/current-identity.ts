import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Identity } from './identity';

/** The verified caller of an @Access endpoint (set by AuthGuard), e.g. to record who changed what. */
export const CurrentIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => {
  const identity = context.switchToHttp().getRequest<{ identity?: Identity }>().identity;
  if (!identity) throw new Error('CurrentIdentity used on an endpoint AuthGuard did not authenticate');
  return identity;
});
