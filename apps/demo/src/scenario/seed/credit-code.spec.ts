import { demoCreditCode } from './credit-code';

describe('demoCreditCode', () => {
  it('makes the codes the registry’s own tests hold valid', () => {
    expect(demoCreditCode('52', '310104', 1)).toBe('52310104MJ00000189');
    expect(demoCreditCode('52', '310104', 15)).toBe('52310104MJ00001570');
  });

  it('differs per district and serial', () => {
    const codes = new Set(
      [1, 2, 3].flatMap((serial) => ['900001', '900002'].map((d) => demoCreditCode('52', d, serial))),
    );
    expect(codes.size).toBe(6);
    for (const code of codes) expect(code).toMatch(/^52900\d{3}MJ\d{6}[0-9X][0-9A-HJ-NP-RTUWXY]$/);
  });
});
