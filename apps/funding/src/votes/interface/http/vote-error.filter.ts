import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyVoteError, VoteError } from '../../domain/vote-errors';

/** Every votes error code → its HTTP status and body; the switch is exhaustive. */
export function voteHttpReply(error: AnyVoteError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'vote-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'decision-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'staff-vote-refused':
      return { status: HttpStatus.CONFLICT, body: { ...error.refusal, message: error.message } };
  }
}

@Catch(VoteError)
export class VoteErrorFilter implements ExceptionFilter<VoteError> {
  catch(error: VoteError, host: ArgumentsHost): void {
    const { status, body } = voteHttpReply(error as AnyVoteError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
