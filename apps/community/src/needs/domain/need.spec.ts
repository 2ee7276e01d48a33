import {
  ALLOWED_TRANSITIONS,
  applyClose,
  applyMatch,
  applyPublish,
  checkPublish,
  periodProblems,
  type Need,
  type NeedDraft,
} from './need';
import { NeedClosed, NeedInputInvalid, NeedRuleBroken } from './need-errors';

const draft = (overrides: Partial<NeedDraft> = {}): NeedDraft => ({
  needId: 'need-1',
  communityCode: '310104-005-001',
  category: 'elderly-care',
  title: '独居老人午餐',
  description: '每周三次为75岁以上独居老人送餐',
  targetGroup: '75岁以上独居老人',
  expectedSize: 40,
  priority: 'high',
  period: { from: '2026-12-01', to: '2027-05-31' },
  ...overrides,
});
const match = { proposalId: 'prop-1', decisionId: 'decision/activity-proposal/prop-1', organizationId: 'org-1' };
const open = (): Need => applyPublish(draft()).state;
const matched = (): Need => applyMatch(open(), match).state;
const closed = (): Need => applyClose(open(), 'withdrawn').state;

describe('publishing a need', () => {
  it('opens it, with one need.published', () => {
    const { state, facts } = applyPublish(draft());
    expect(state).toMatchObject({ status: 'open', match: null, closed: null });
    expect(facts).toEqual([{ type: 'need.published', need: state }]);
  });

  it('accepts a one-day period', () => {
    expect(checkPublish(draft({ period: { from: '2026-12-01', to: '2026-12-01' } }))).toEqual([]);
  });

  it.each([
    ['an undocumented category', { category: 'sports' }, '/category'],
    ['no one to serve', { expectedSize: 0 }, '/expectedSize'],
    ['a fraction of a person', { expectedSize: 2.5 }, '/expectedSize'],
  ])('refuses %s, naming the field', (_what, overrides, path) => {
    expect(checkPublish(draft(overrides)).map((p) => p.path)).toEqual([path]);
    expect(() => applyPublish(draft(overrides))).toThrow(NeedInputInvalid);
  });

  it('refuses a period that ends before it starts as a rule between fields (422), not a malformed one', () => {
    const backwards = draft({ period: { from: '2026-12-02', to: '2026-12-01' } });
    expect(checkPublish(backwards)).toEqual([]);
    expect(periodProblems(backwards).map((p) => p.path)).toEqual(['/period/to']);
    expect(() => applyPublish(backwards)).toThrow(NeedRuleBroken);
  });
});

describe('the need lifecycle: every allowed transition', () => {
  it('open → matched by an approved activity, with one need.matched naming it', () => {
    const { state, facts, effect } = applyMatch(open(), match);
    expect(effect).toBe('matched');
    expect(state).toMatchObject({ status: 'matched', match });
    expect(facts).toEqual([{ type: 'need.matched', need: state, match }]);
  });

  it.each([
    ['open', open],
    ['matched', matched],
  ])('%s → closed, with one need.closed and its reason', (_from, need) => {
    const { state, facts } = applyClose(need(), 'met', '已由长者食堂覆盖');
    expect(state).toMatchObject({ status: 'closed', closed: { reason: 'met', note: '已由长者食堂覆盖' } });
    expect(facts).toEqual([{ type: 'need.closed', need: state }]);
  });

  it('a matched need keeps the activity that answered it when closed', () => {
    expect(applyClose(matched(), 'met').state.match).toEqual(match);
  });
});

describe('the need lifecycle: every forbidden transition', () => {
  it('matched → matched again (another approved proposal): no change, no event, "already-matched"', () => {
    const need = matched();
    const second = { ...match, proposalId: 'prop-2', decisionId: 'decision/activity-proposal/prop-2' };
    expect(applyMatch(need, second)).toEqual({ state: need, facts: [], effect: 'already-matched' });
  });

  it('closed → matched: no change, no event, "need-closed" (an outcome is a fact, recorded, not refused)', () => {
    const need = closed();
    expect(applyMatch(need, match)).toEqual({ state: need, facts: [], effect: 'need-closed' });
  });

  it('closed → closed: refused as need-closed, naming the transitions each status allows', () => {
    const close = () => applyClose(closed(), 'met');
    expect(close).toThrow(NeedClosed);
    expect(close).toThrow(
      'need need-1 is closed and allows no transition (open allows match, close; matched allows close)',
    );
  });

  it('a closed need allows nothing, an open one match and close, a matched one only close', () => {
    expect(ALLOWED_TRANSITIONS).toEqual({ open: ['match', 'close'], matched: ['close'], closed: [] });
  });
});
