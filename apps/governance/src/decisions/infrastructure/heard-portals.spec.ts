import { portalsNamed, type PortalSources } from './heard-portals';

const sources = (overrides: Partial<PortalSources>): PortalSources => ({
  partyIds: [],
  areas: [],
  deploymentDistrict: '310104',
  controllers: [],
  extras: [],
  ...overrides,
});
const AREAS: PortalSources['areas'] = [
  { code: '310104', level: 'district', parentCode: null },
  { code: '310104-005', level: 'street', parentCode: '310104' },
  { code: '310104-006', level: 'street', parentCode: '310104' },
  { code: '310105-001-001', level: 'community', parentCode: '310105-001' }, // its street not (yet) published
];

describe('portalsNamed', () => {
  it('expands templates over the known streets, districts (and the deployment’s) and communities', () => {
    const partyIds = [
      'community:{communityCode}',
      'portal:street-{streetCode}',
      'portal:civil-affairs-{districtCode}',
      'portal:app-{communityCode}',
    ];
    expect(portalsNamed(sources({ partyIds, areas: AREAS }))).toEqual([
      'app-310105-001-001',
      'civil-affairs-310104',
      'civil-affairs-310105',
      'street-310104-005',
      'street-310104-006',
      'street-310105-001',
    ]);
  });

  it('with no areas known, only the deployment district’s templates bind; a street template binds nothing', () => {
    const partyIds = ['portal:street-{streetCode}', 'portal:civil-affairs-{districtCode}', 'portal:street-office'];
    expect(portalsNamed(sources({ partyIds }))).toEqual(['civil-affairs-310104', 'street-office']);
    expect(portalsNamed(sources({ partyIds, deploymentDistrict: '310105' }))).toEqual([
      'civil-affairs-310105',
      'street-office',
    ]);
  });

  it('adds portal controllers and the configured extras, each once, and nothing else', () => {
    const named = portalsNamed(
      sources({
        partyIds: ['portal:street-xinhua', 'funder:fund', 'talent:workers'],
        controllers: ['community', 'portal:xuhui-civil-affairs', 'portal:street-xinhua'],
        extras: ['street-xinhua', 'extra-1'],
      }),
    );
    expect(named).toEqual(['extra-1', 'street-xinhua', 'xuhui-civil-affairs']);
    expect(portalsNamed(sources({}))).toEqual([]);
  });

  it('adds every registered portal, once, beside the others', () => {
    const named = portalsNamed(sources({ extras: ['street-xinhua'], registered: ['street-xinhua', 'new-portal'] }));
    expect(named).toEqual(['new-portal', 'street-xinhua']);
  });

  it('a street and a district in one template bind consistently: no street of another district', () => {
    const partyIds = ['portal:{districtCode}-office-{streetCode}'];
    const areas = [...AREAS, { code: '310105-002', level: 'street' as const, parentCode: '310105' }];
    expect(portalsNamed(sources({ partyIds, areas }))).toEqual([
      '310104-office-310104-005',
      '310104-office-310104-006',
      '310105-office-310105-001',
      '310105-office-310105-002',
    ]);
  });
});
