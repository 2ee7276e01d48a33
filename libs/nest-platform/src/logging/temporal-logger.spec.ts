import { TemporalToNestLogger } from './temporal-logger';

describe("Temporal's logger into Nest's", () => {
  it('maps each Temporal level to its Nest method and keeps the metadata as fields', () => {
    const calls: [string, unknown][] = [];
    const record = (method: string) => (entry: unknown) => void calls.push([method, entry]);
    const nest = {
      verbose: record('verbose'),
      debug: record('debug'),
      log: record('log'),
      warn: record('warn'),
      error: record('error'),
    };
    const logger = new TemporalToNestLogger(nest);
    logger.trace('t', { workflowId: 'w1' });
    logger.debug('d');
    logger.info('i', { taskQueue: 'governance' });
    logger.warn('w');
    logger.error('e', { activityType: 'payTranche' });
    logger.log('INFO', 'via log');
    expect(calls).toEqual([
      ['verbose', { workflowId: 'w1', msg: 't' }],
      ['debug', { msg: 'd' }],
      ['log', { taskQueue: 'governance', msg: 'i' }],
      ['warn', { msg: 'w' }],
      ['error', { activityType: 'payTranche', msg: 'e' }],
      ['log', { msg: 'via log' }],
    ]);
  });
});
