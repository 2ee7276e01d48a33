import { Logger } from '@nestjs/common';
import { createPlatformPino } from './platform-logger';
import { logJsonBeforeTheApp, PinoLoggerService } from './early-logger';

function captured() {
  const lines: string[] = [];
  const pino = createPlatformPino('governance', {
    level: 'trace',
    format: 'json',
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { service: new PinoLoggerService(pino), entries: () => lines.map((l) => JSON.parse(l) as object) };
}

describe("Nest's logger on pino before the app exists", () => {
  it("maps Nest's methods to pino's levels, the last string argument being the context", () => {
    const { service, entries } = captured();
    service.verbose('v', 'Ctx');
    service.debug('d');
    service.log('l', 'Ctx');
    service.warn({ msg: 'w', portals: 3 }, 'HeardPortals');
    service.error(new Error('boom'), 'Boot');
    service.fatal('f');
    expect(entries()).toEqual([
      expect.objectContaining({ level: 'trace', context: 'Ctx', msg: 'v' }),
      expect.objectContaining({ level: 'debug', msg: 'd' }),
      expect.objectContaining({ level: 'info', context: 'Ctx', msg: 'l' }),
      expect.objectContaining({ level: 'warn', context: 'HeardPortals', msg: 'w', portals: 3 }),
      expect.objectContaining({
        level: 'error',
        context: 'Boot',
        msg: 'boom',
        err: expect.objectContaining({ message: 'boom' }),
      }),
      expect.objectContaining({ level: 'fatal', msg: 'f' }),
    ]);
  });

  it("becomes Nest's logger", () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((line) => lines.push(String(line)) > 0);
    try {
      logJsonBeforeTheApp('governance', { level: 'info', format: 'json', destination: process.stdout });
      new Logger('HeardPortals').log('hearing 2 portals');
    } finally {
      write.mockRestore();
      Logger.overrideLogger(false);
    }
    expect(lines.map((line) => JSON.parse(line) as object)).toEqual([
      expect.objectContaining({ service: 'governance', context: 'HeardPortals', msg: 'hearing 2 portals' }),
    ]);
  });
});
