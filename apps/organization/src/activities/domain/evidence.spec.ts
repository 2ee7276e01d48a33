import { checkEvidence, type EvidenceItem, type EvidenceUse, flagReuse, lockOrder } from './evidence';

const hash = (c: string) => c.repeat(64);
const item = (sha256: string, title = '签到表'): EvidenceItem => ({ sha256, title, kind: 'sign-in-sheet' });
const [h1, h2, h3] = [hash('1'), hash('2'), hash('3')];

describe('evidence', () => {
  it('accepts lowercase hex hashes, once each', () => {
    expect(checkEvidence([item(h1), item(h2)])).toEqual([]);
  });

  it('names the item of a bad, uppercase or repeated hash, a bad kind and a bad title', () => {
    const problems = checkEvidence([
      item(h1),
      item(h1),
      item('A'.repeat(64)),
      item('abc'),
      { sha256: h3, title: '', kind: 'selfie' as EvidenceItem['kind'] },
    ]);
    expect(problems.map((p) => p.path)).toEqual([
      '/evidence/1/sha256',
      '/evidence/2/sha256',
      '/evidence/3/sha256',
      '/evidence/4/kind',
      '/evidence/4/title',
    ]);
    expect(problems[0]?.message).toBe('repeats /evidence/0');
  });

  it('refuses more than 200 items', () => {
    const many = Array.from({ length: 201 }, (_, i) => item(i.toString(16).padStart(64, '0')));
    expect(checkEvidence(many)).toEqual([{ path: '/evidence', message: 'at most 200 items' }]);
  });

  it("worked example: A1 (g-1) reported h1,h2; A2 (g-2) reports h2,h3 → only A2's h2 is flagged with A1", () => {
    const uses = new Map<string, EvidenceUse[]>([
      [h1, [{ activityId: 'A1', grantId: 'g-1' }]],
      [h2, [{ activityId: 'A1', grantId: 'g-1' }]],
    ]);
    expect(flagReuse('A2', [item(h2), item(h3)], uses).map((e) => e.reusedIn)).toEqual([
      [{ activityId: 'A1', grantId: 'g-1' }],
      [],
    ]);
    // A1's own report is not its own reuse.
    expect(flagReuse('A1', [item(h1), item(h2)], uses).map((e) => e.reusedIn)).toEqual([[], []]);
  });

  it('locks hashes in sorted order, once each', () => {
    expect(lockOrder([item(h3), item(h1), item(h3)])).toEqual([h1, h3]);
  });
});
