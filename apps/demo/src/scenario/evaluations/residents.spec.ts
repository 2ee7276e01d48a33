import { demoIdNumber } from './residents';

describe('made-up resident identity numbers (GB 11643)', () => {
  it('computes the check character of the standard’s own example, X included', () => {
    expect(demoIdNumber('110105', new Date(Date.UTC(1949, 11, 31)), 2)).toBe('11010519491231002X');
  });

  it('writes the area, the birth date and a 3-digit sequence, then the check digit', () => {
    const id = demoIdNumber('310104', new Date(Date.UTC(1952, 2, 7)), 41);
    expect(id).toMatch(/^31010419520307041[0-9X]$/);
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = weights.reduce((total, w, i) => total + w * Number(id[i]), 0);
    expect('10X98765432'[sum % 11]).toBe(id[17]);
  });
});
