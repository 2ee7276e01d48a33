import { randomBytes } from 'node:crypto';
import { dataKeyRingProblems, parseDataKeyRing } from './data-key-ring';

const k32 = () => randomBytes(32).toString('base64');

describe('the data key ring', () => {
  it('parses <keyId>:<base64 32 bytes>, entries separated by commas', () => {
    const [a, b] = [k32(), k32()];
    const ring = parseDataKeyRing(`2026-01:${a}, 2026-11:${b}`);
    expect([...ring.keys()]).toEqual(['2026-01', '2026-11']);
    expect(ring.get('2026-11')?.toString('base64')).toBe(b);
  });

  it.each([
    ['k1', /must be <keyId>:<base64 key>/],
    [`k1:${randomBytes(16).toString('base64')}`, /32 bytes/],
    ['k1:not base64!', /32 bytes/],
    [`k 1:${k32()}`, /key id may hold/],
    [`k1:${k32()},k1:${k32()}`, /appears twice/],
  ])('refuses %s naming COMMUNITY_DATA_KEYS and the entry', (text, problem) => {
    const problems = dataKeyRingProblems(text);
    expect(problems.join('\n')).toMatch(problem);
    expect(problems.join('\n')).toMatch(/COMMUNITY_DATA_KEYS entry \d/);
  });

  it('never puts a key in a problem', () => {
    const key = randomBytes(16).toString('base64');
    expect(dataKeyRingProblems(`k1:${key}`).join('\n')).not.toContain(key);
  });
});
