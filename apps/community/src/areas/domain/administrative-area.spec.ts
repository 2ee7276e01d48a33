import { applyAreaChange, type AreaBody, codeProblem, parentCodeOf } from './administrative-area';

const street: AreaBody = {
  name: '新华路街道',
  population: 37_900,
  serviceArea: { areaKm2: 1.83, description: '新华路一带' },
};

describe('administrative area rules', () => {
  it('checks the code format of each level', () => {
    expect(codeProblem('district', '310104')).toBeNull();
    expect(codeProblem('street', '310104-005')).toBeNull();
    expect(codeProblem('community', '310104-005-001')).toBeNull();
    expect(codeProblem('district', '310104-005')).toMatch(/district code like 310104/);
    expect(codeProblem('street', '310104-05')).toMatch(/street code like 310104-005/);
    expect(codeProblem('community', '310104-005')).toMatch(/community code/);
  });

  it('finds the parent by dropping the last -NNN', () => {
    expect(parentCodeOf('310104-005-001')).toBe('310104-005');
    expect(parentCodeOf('310104-005')).toBe('310104');
    expect(parentCodeOf('310104')).toBeNull();
  });

  it('registers at revision 1 with one registered event carrying the lineage', () => {
    const { state, events, created } = applyAreaChange('street', '310104-005', street, null);
    expect(created).toBe(true);
    expect(state).toMatchObject({ code: '310104-005', level: 'street', parentCode: '310104', revision: 1 });
    expect(events).toEqual([
      {
        type: 'sanshe.community.street.registered.v1',
        subject: '310104-005',
        id: 'sanshe.community.street.registered.v1:310104-005:1',
        data: { streetCode: '310104-005', districtCode: '310104', ...street, revision: 1 },
      },
    ]);
  });

  it('publishes nothing and keeps the revision when the body is unchanged', () => {
    const { state } = applyAreaChange('street', '310104-005', street, null);
    const again = applyAreaChange('street', '310104-005', { ...street, serviceArea: { ...street.serviceArea } }, state);
    expect(again).toEqual({ state, events: [], created: false });
  });

  it('counts one revision per change, each with one updated event', () => {
    const first = applyAreaChange('street', '310104-005', street, null).state;
    const second = applyAreaChange('street', '310104-005', { ...street, population: 38_240 }, first);
    expect(second.state.revision).toBe(2);
    expect(second.events.map((e) => e.id)).toEqual(['sanshe.community.street.updated.v1:310104-005:2']);
    const third = applyAreaChange('street', '310104-005', { ...street, name: '新华路街道办' }, second.state);
    expect(third.state.revision).toBe(3);
  });

  it('keeps households for communities only, and a community event names its street and district', () => {
    const body = { ...street, households: 1_870 };
    expect(applyAreaChange('street', '310104-005', body, null).state).not.toHaveProperty('households');
    const { events } = applyAreaChange('community', '310104-005-001', body, null);
    expect(events[0]?.data).toMatchObject({
      communityCode: '310104-005-001',
      streetCode: '310104-005',
      districtCode: '310104',
      households: 1_870,
    });
  });
});
