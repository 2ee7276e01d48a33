import { creditCodeProblems } from './credit-code';

/**
 * GB 32100-2015 vectors worked by hand (the sums are written out here, never recomputed by the code
 * under test). Charset 0123456789ABCDEFGHJKLMNPQRTUWXY; check-character weights 1,3,9,27,19,26,16,17,20,
 * 29,25,13,8,24,10,30,28 over the values (index in the charset); organization code (GB 11714) weights
 * 3,7,9,10,5,8,4,2 over positions 9–16 with A=10 … Z=35.
 */
describe('creditCodeProblems', () => {
  it.each([
    // Σ = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640, mod 31 = 28 → 31−28 = 3;
    // org M000100Y: 22·3+0+0+0+1·5+0+0+34·2 = 139, mod 11 = 7 → 11−7 = 4.
    ['91350100M000100Y43'],
    // org MJ000001: 66+133+2 = 201, mod 11 = 3 → 8; products 5,6,27,27,0,26,0,68,420,522,0,0,0,0,0,30,224
    // = 1355, mod 31 = 22 → 31−22 = 9.
    ['52310104MJ00000189'],
    // org MJ012345: 66+133+0+10+10+24+16+10 = 269, mod 11 = 5 → 6; Σ = 1469, mod 31 = 12 → 19 = K.
    ['53310000MJ0123456K'],
    // org MJ000015: 66+133+0+0+0+0+1·4+5·2 = 213, mod 11 = 4 → 7; Σ = 1457 = 31·47 → 31 → 0.
    ['52310104MJ00001570'],
  ])('accepts %s', (code) => {
    expect(creditCodeProblems(code)).toEqual([]);
  });

  it('names the check character, expected against found', () => {
    expect(creditCodeProblems('91350100M000100Y44')).toEqual([
      { path: '/creditCode', message: 'check-character: expected 3, found 4 (GB 32100-2015)' },
    ]);
  });

  it('names the organization code check even when the 18th character matches the first 17', () => {
    // 17th is 9 where MJ000001 needs 8; 52310104MJ0000019 then has check character C.
    expect(creditCodeProblems('52310104MJ0000019C')).toEqual([
      { path: '/creditCode', message: 'organization-code-check: expected 8, found 9 (GB 11714-1997)' },
    ]);
  });

  it('stops at the charset: I (like O, Z, S, V) is never used', () => {
    const problems = creditCodeProblems('52310104MJ0000I189');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^charset: position 15 'I'/);
  });

  it('stops at the length', () => {
    expect(creditCodeProblems('5231010MJ00000189')).toEqual([
      { path: '/creditCode', message: 'length: a credit code has 18 characters, found 17' },
    ]);
  });

  it('names the region code first when positions 3–8 are not digits', () => {
    const problems = creditCodeProblems('52A10104MJ00000189');
    expect(problems[0].message).toMatch(/^region-code: position 3 'A'/);
  });
});
