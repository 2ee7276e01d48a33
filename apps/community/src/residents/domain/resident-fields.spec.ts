import { checkResidentFields, idNumberProblem, phoneProblem } from './resident-fields';

const TODAY = new Date('2026-11-27T00:00:00Z');

describe('the resident identity number (GB 11643)', () => {
  it.each(['11010519491231002X', '440524188001010014', '11010519491231002x'])('accepts %s', (id) => {
    expect(idNumberProblem(id, TODAY)).toBeNull();
  });

  it.each([
    ['11010519491231002', /18 characters/],
    ['1101051949123100XX', /18 characters/],
    ['01010519491231002X', /area code/],
    ['110105194902300021', /birth date/],
    ['110105202712310021', /birth date/],
    ['110105179912310021', /birth date/],
    ['110105194912310021', /check character/],
    ['440524188001010015', /check character/],
  ])('refuses %s naming the failed check', (id, check) => {
    expect(idNumberProblem(id, TODAY)).toMatch(check);
  });

  it('never repeats the number in its message', () => {
    const id = '110105194912310021';
    expect(idNumberProblem(id, TODAY)).not.toContain(id);
    expect(idNumberProblem(id, TODAY)).not.toContain('19491231');
  });
});

describe('phones', () => {
  it.each(['13800138000', '199 1234 5678', '021-12345678', '0755-1234567', '01012345678'])('accepts %s', (phone) => {
    expect(phoneProblem(phone)).toBeNull();
  });

  it.each(['12800138000', '1380013800', '+8613800138000', '21-12345678', 'call me'])('refuses %s', (phone) => {
    expect(phoneProblem(phone)).toMatch(/mainland mobile/);
  });
});

describe('checkResidentFields', () => {
  it('normalizes what it accepts', () => {
    const { fields, problems } = checkResidentFields(
      { name: ' 张三 ', phone: '138 0013 8000', idNumber: '11010519491231002x', address: ' 幸福路1号 ' },
      TODAY,
    );
    expect(problems).toEqual([]);
    expect(fields).toEqual({
      name: '张三',
      phone: '13800138000',
      idNumber: '11010519491231002X',
      address: '幸福路1号',
    });
  });

  it('names every bad field, and only those given', () => {
    const { problems } = checkResidentFields({ name: '  ', idNumber: '110105194912310021' }, TODAY);
    expect(problems.map((problem) => problem.path)).toEqual(['/name', '/idNumber']);
  });
});
