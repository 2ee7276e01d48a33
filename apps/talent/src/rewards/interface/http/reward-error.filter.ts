import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyRewardError, RewardError } from '../../domain/reward-errors';

/** Every rewards error code → its HTTP status and body; the switch is exhaustive. */
export function rewardHttpReply(error: AnyRewardError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'reward-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'not-found':
      return { status: HttpStatus.NOT_FOUND, body: { message: error.message } };
    case 'insufficient-points':
      return {
        status: HttpStatus.CONFLICT,
        body: { code: error.code, message: error.message, balance: error.balance },
      };
    case 'already-recognized':
    case 'not-a-social-worker':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
  }
}

@Catch(RewardError)
export class RewardErrorFilter implements ExceptionFilter<RewardError> {
  catch(error: RewardError, host: ArgumentsHost): void {
    const { status, body } = rewardHttpReply(error as AnyRewardError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
