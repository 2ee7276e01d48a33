import { createPlatformPino, type LoggingOptions } from './platform-logger';
import { REDACTED } from './log-redaction';

function captured(options: Partial<LoggingOptions> = {}) {
  const lines: string[] = [];
  const logger = createPlatformPino('community', {
    level: 'info',
    format: 'json',
    destination: { write: (line: string) => void lines.push(line) },
    ...options,
  });
  return { logger, lines, output: () => lines.join('') };
}

const resident = { name: '测试居民', phone: '13912345678', idNumber: '310104195001010011', address: '天平路1号' };

describe('the platform logger', () => {
  it('writes one JSON object a line with the service, the level by name and an ISO time', () => {
    const { logger, lines } = captured();
    logger.info({ context: 'Test' }, 'hello');
    logger.debug('below the level');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines.join('')) as Record<string, unknown>;
    expect(entry).toMatchObject({ service: 'community', level: 'info', context: 'Test', msg: 'hello' });
    expect(new Date(String(entry.time)).toISOString()).toBe(entry.time);
  });

  it('redacts personal fields at the top, one and two levels down, and credentials in headers', () => {
    const { logger, output } = captured();
    logger.info({ ...resident, resident, body: { resident } }, 'personal');
    logger.info({ req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'session=s3cr3t' } } }, 'headers');
    for (const value of [...Object.values(resident), 'eyJsecret', 's3cr3t']) expect(output()).not.toContain(value);
    expect(output()).toContain(REDACTED);
  });

  it('redacts the paths LOG_REDACT_PATHS adds, beside the defaults', () => {
    const { logger, output } = captured({ extraRedactPaths: ['req.body.passport'] });
    logger.info({ req: { body: { passport: 'E12345678', phone: '13912345678', purpose: 'kept' } } }, 'extra');
    expect(output()).not.toContain('E12345678');
    expect(output()).not.toContain('13912345678');
    expect(output()).toContain('kept');
  });

  it('writes readable lines in the pretty format, redacted the same', () => {
    const { logger, lines } = captured({ format: 'pretty' });
    logger.warn({ context: 'Residents', requestId: 'r-1', phone: '13912345678' }, 'looked up');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}\[Residents\] looked up {2}requestId=r-1 /);
    expect(lines[0]).not.toContain('13912345678');
  });
});
