import { InvalidEnvironmentError, parsePlatformEnv } from './index';

describe('the logging environment', () => {
  it('splits LOG_REDACT_PATHS into trimmed paths', () => {
    const env = parsePlatformEnv({ LOG_REDACT_PATHS: ' req.body.school , *.passport,,res.headers["x-secret"] ' });
    expect(env.LOG_REDACT_PATHS).toEqual(['req.body.school', '*.passport', 'res.headers["x-secret"]']);
  });

  it('takes a level and the pretty format', () => {
    expect(parsePlatformEnv({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' })).toMatchObject({
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
    });
  });

  it('names a wrong level, format or path', () => {
    const parse = () => parsePlatformEnv({ LOG_LEVEL: 'loud', LOG_FORMAT: 'xml', LOG_REDACT_PATHS: 'a b' });
    expect(parse).toThrow(InvalidEnvironmentError);
    expect(parse).toThrow(/LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(parse).toThrow(/LOG_FORMAT: LOG_FORMAT must be one of json, pretty/);
    expect(parse).toThrow(/LOG_REDACT_PATHS: LOG_REDACT_PATHS must be a comma-separated list/);
  });
});
