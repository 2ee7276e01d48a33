import { parsePortalSimArgs } from './parse-args';
import { UsageError } from './portal-sim-request';

const parse = (line: string, env = {}) => parsePortalSimArgs(line.split(' ').filter(Boolean), env);
const refusal = (line: string) => {
  try {
    parse(line);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`"${line}" was accepted`);
};

describe('portal-sim command line', () => {
  it('reads listen with its bounds and type filters', () => {
    expect(
      parse('--portal street-xinhua listen --from-beginning --types a.b,sanshe.governance.* --max-seconds 1.5'),
    ).toEqual({
      command: 'listen',
      portalId: 'street-xinhua',
      fromBeginning: true,
      types: ['a.b', 'sanshe.governance.*'],
      maxSeconds: 1.5,
      maxEvents: undefined,
      json: false,
    });
    expect(parse('listen --portal p1 --max-events 3 --json')).toMatchObject({ maxEvents: 3, json: true, types: [] });
  });

  it('reads send with its kind, castBy portal:<id> unless --as, and the timeout in ms (30 s by default)', () => {
    expect(parse('--portal street-xinhua send arbitrate --decision d --outcome approved --reason ok')).toEqual({
      command: 'send',
      portalId: 'street-xinhua',
      kind: 'arbitrate',
      as: 'portal:street-xinhua',
      options: { decision: 'd', outcome: 'approved', reason: 'ok' },
      timeoutMs: 30_000,
      json: false,
    });
    expect(parse('--portal p send vote --decision d --choice approve --as funder:f1 --timeout 2.5')).toMatchObject({
      as: 'funder:f1',
      timeoutMs: 2_500,
      options: { decision: 'd', choice: 'approve' },
    });
  });

  it('reads inbox: the portal’s party and each --party, the token and governance from options or the environment', () => {
    expect(
      parse('--portal p inbox --party funder:f1 --party funder:f1', { SANSHE_TOKEN: 't', GOVERNANCE_URL: 'http://g/' }),
    ).toEqual({
      command: 'inbox',
      portalId: 'p',
      parties: ['portal:p', 'funder:f1'],
      token: 't',
      governanceUrl: 'http://g',
      json: false,
    });
    expect(parse('--portal p inbox --token x --governance-url http://h:1', { SANSHE_TOKEN: 't' })).toMatchObject({
      token: 'x',
      governanceUrl: 'http://h:1',
    });
    expect(parse('--portal p inbox')).toMatchObject({ token: undefined, governanceUrl: 'http://127.0.0.1:3105' });
  });

  it('asks for help with --help or help, without a portal', () => {
    expect(parse('--help')).toEqual({ command: 'help' });
    expect(parse('help')).toEqual({ command: 'help' });
  });

  it.each([
    ['listen', /--portal/],
    ['--portal Street listen', /lowercase letters, digits and dashes/],
    ['--portal p', /give a command/],
    ['--portal p shout', /unknown command "shout"/],
    ['--portal p send', /send what\? give one of arbitrate, vote/],
    ['--portal p send pay', /\(not "pay"\)/],
    ['--portal p send vote --outcome approved', /--outcome: not an option of send vote/],
    ['--portal p listen --decision d', /--decision: not an option of listen/],
    ['--portal p inbox --from-beginning', /--from-beginning: not an option of inbox/],
    ['--portal p listen extra', /unexpected extra/],
    ['--portal p send vote extra', /unexpected extra/],
    ['--portal p listen --max-events 1.5', /--max-events must be a positive whole number/],
    ['--portal p listen --max-seconds -1', /--max-seconds/],
    ['--portal p send vote --timeout 0', /--timeout must be a positive number/],
    ['--portal p send vote --as nobody', /--as must be a party id/],
    ['--portal p send vote --party a:b --party c:d', /--party given 2 times/],
    ['--portal p listen --bogus', /Unknown option '--bogus'/],
  ])('refuses "%s"', (line, message) => {
    expect(refusal(line)).toMatch(message);
  });
});
