import { flowQueryOf, FlowQueryInvalid } from './flow-query';

const problemsOf = (query: Record<string, unknown>) => {
  try {
    flowQueryOf(query);
    return [];
  } catch (error) {
    return (error as FlowQueryInvalid).problems.map((p) => p.path);
  }
};

describe('the flows report’s query', () => {
  it('takes a grouping and optional filters', () => {
    const query = { groupBy: 'month', from: '2026-01-01', to: '2026-12-31', programId: 'prog-a', funderId: 'funder:x' };
    expect(flowQueryOf(query)).toEqual(query);
    expect(flowQueryOf({ groupBy: 'category' })).toEqual({ groupBy: 'category' });
  });

  it('names each bad parameter', () => {
    expect(problemsOf({})).toEqual(['/query/groupBy']);
    expect(problemsOf({ groupBy: 'year' })).toEqual(['/query/groupBy']);
    expect(problemsOf({ groupBy: 'mode', from: '2026-13-01' })).toEqual(['/query/from']);
    expect(problemsOf({ groupBy: 'mode', funderId: 'xuhui' })).toEqual(['/query/funderId']);
    expect(problemsOf({ groupBy: 'mode', page: '2' })).toEqual(['/query/page']);
  });

  it('refuses 422 a range ending before it starts: a rule between two parameters no schema states', () => {
    expect(problemsOf({ groupBy: 'mode', from: '2026-06-01', to: '2026-05-31' })).toEqual(['/query/to']);
    expect(() => flowQueryOf({ groupBy: 'mode', from: '2026-06-01', to: '2026-05-31' })).toThrow(
      expect.objectContaining({ status: 422 }),
    );
    expect(() => flowQueryOf({ groupBy: 'mode', from: '2026-13-01', to: '2026-05-31' })).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});
