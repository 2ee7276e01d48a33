import { errorMessage } from '@sanshe/common';
import { EventValidationError } from '@sanshe/contracts';
import { type ParseEnv, parsePortalSimArgs } from './cli/parse-args';
import { EXIT, type ExitCode, type PortalSimRequest, UsageError } from './cli/portal-sim-request';
import { USAGE } from './cli/usage';
import { inbox } from './commands/inbox';
import { listen } from './commands/listen';
import { send } from './commands/send';
import type { PortalSimIo } from './portal-sim-io';

function dispatch(request: Exclude<PortalSimRequest, { command: 'help' }>, io: PortalSimIo): Promise<ExitCode> {
  switch (request.command) {
    case 'listen':
      return listen(request, io);
    case 'send':
      return send(request, io);
    case 'inbox':
      return inbox(request, io);
  }
}

/**
 * Runs `portal-sim …` and resolves to its exit code (docs/portals.md): 0 done or accepted, 1 rejected, 2 a usage
 * error or a command its contract refuses (nothing sent), 3 no reply in time, 4 Kafka or governance failed.
 */
export async function runPortalSim(argv: string[], env: ParseEnv, io: PortalSimIo): Promise<ExitCode> {
  try {
    const request = parsePortalSimArgs(argv, env);
    if (request.command === 'help') {
      io.out(USAGE);
      return EXIT.ok;
    }
    return await dispatch(request, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`portal-sim: ${err.message} (portal-sim --help shows every command)`);
      return EXIT.usage;
    }
    if (err instanceof EventValidationError) {
      io.err(`portal-sim: refused locally, nothing sent: ${err.message}`);
      return EXIT.usage;
    }
    io.err(`portal-sim: ${errorMessage(err)}`);
    return EXIT.failure;
  }
}
