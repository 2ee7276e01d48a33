import { Type } from '@sinclair/typebox';
import { ObjectionReason, ProposalContent, schemaProblems } from '@sanshe/contracts';
import { closedObjects } from './closed-objects';

describe('closedObjects', () => {
  const Body = closedObjects(Type.Object({ reason: ObjectionReason, content: ProposalContent }));

  it('refuses a field no schema names, however deep, and still accepts what the schema states', () => {
    const staffing = { role: 'volunteer', count: 2 };
    const valid = { reason: { code: 'budget-unclear', text: 'why' }, content: { staffingPlan: [staffing] } };
    expect(schemaProblems(Body, valid)).toEqual([]);
    const extra = { ...valid, content: { staffingPlan: [{ ...staffing, 'a\u0000b': 1 }] } };
    expect(schemaProblems(Body, extra).map((p) => p.path)).toEqual(['/content/staffingPlan/0/a\u0000b']);
    expect(schemaProblems(Body, { ...valid, reason: { ...valid.reason, note: 'x' } })).toHaveLength(1);
  });

  it('leaves the contracts open (consumers ignore fields they do not know) and maps open', () => {
    expect(ObjectionReason.additionalProperties).toBe(true);
    const Map = closedObjects(Type.Record(Type.String(), Type.Integer()));
    expect(schemaProblems(Map, { any: 1 })).toEqual([]);
  });
});
