import fc from 'fast-check';
import { rememberApplied, UPDATE_IDS_KEPT, wasApplied } from '../../src/decision/domain/update-ids';

describe('applied update ids, carried across continue-as-new', () => {
  it('remembers an id per kind and party: the same id for another party or kind is not a duplicate', () => {
    const ids = rememberApplied({}, 'vote', 'community:a', 'sanshe/community e-1');
    expect(wasApplied(ids, 'vote', 'community:a', 'sanshe/community e-1')).toBe(true);
    expect(wasApplied(ids, 'vote', 'funder:b', 'sanshe/community e-1')).toBe(false);
    expect(wasApplied(ids, 'amend', 'community:a', 'sanshe/community e-1')).toBe(false);
    expect(wasApplied({}, 'vote', 'community:a', 'sanshe/community e-1')).toBe(false);
  });

  it('property: keeps exactly the last UPDATE_IDS_KEPT distinct ids of each party, whatever the order', () => {
    const sends = fc.array(fc.tuple(fc.constantFrom('p:1', 'p:2', 'p:3'), fc.integer({ min: 0, max: 40 })), {
      maxLength: 120,
    });
    fc.assert(
      fc.property(sends, (list) => {
        let ids = {};
        for (const [party, n] of list) ids = rememberApplied(ids, 'vote', party, `id-${n}`);
        for (const party of ['p:1', 'p:2', 'p:3']) {
          // The oracle: the party's distinct ids, ordered by their last send, newest UPDATE_IDS_KEPT of them.
          const lastSent = new Map<string, number>();
          list.forEach(([p, n], i) => p === party && lastSent.set(`id-${n}`, i));
          const newest = [...lastSent].sort((a, b) => b[1] - a[1]).slice(0, UPDATE_IDS_KEPT);
          for (let n = 0; n <= 40; n++) {
            const id = `id-${n}`;
            expect(wasApplied(ids, 'vote', party, id)).toBe(newest.some(([kept]) => kept === id));
          }
        }
      }),
    );
  });

  it('stays bounded: a thousand ids of one party keep sixteen', () => {
    let ids = {};
    for (let n = 0; n < 1000; n++) ids = rememberApplied(ids, 'arbitrate', 'portal:x', `r-${n}`);
    expect(UPDATE_IDS_KEPT).toBe(16);
    expect(JSON.stringify(ids).length).toBeLessThan(16 * 12 + 60);
    expect(wasApplied(ids, 'arbitrate', 'portal:x', 'r-983')).toBe(false);
    expect(wasApplied(ids, 'arbitrate', 'portal:x', 'r-984')).toBe(true);
  });
});
