import type { FieldProblem } from '@sanshe/contracts';

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from CHARSET, positions
 * 3–8 the registering authority's region code, 9–17 the organization code (GB 11714-1997: 8 characters
 * and its check character), 18 the check character of the first 17.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PATH = '/creditCode';
const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714's value of a character: digits as themselves, letters A=10 … Z=35. */
const organizationCodeValue = (char: string) => parseInt(char, 36);

/** The organization code's check character over its first eight (positions 9–16 of the credit code). */
export function organizationCodeCheck(eight: string): string {
  const sum = [...eight].reduce(
    (total, char, i) => total + organizationCodeValue(char) * ORGANIZATION_CODE_WEIGHTS[i],
    0,
  );
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The credit code's 18th character over its first seventeen. */
export function creditCodeCheck(seventeen: string): string {
  const sum = [...seventeen].reduce(
    (total, char, i) => total + CREDIT_CODE_CHARSET.indexOf(char) * CHECK_WEIGHTS[i],
    0,
  );
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** A valid code from its first 16 characters (both check characters appended): for fixtures and examples. */
export function completeCreditCode(sixteen: string): string {
  const seventeen = sixteen + organizationCodeCheck(sixteen.slice(8, 16));
  return seventeen + creditCodeCheck(seventeen);
}

const problem = (check: string, message: string): FieldProblem => ({ path: PATH, message: `${check}: ${message}` });

/**
 * What is wrong with a credit code, one named problem per failed check, in the order length, charset
 * (the others are not tried after either), region-code, organization-code-check, check-character.
 */
export function creditCodeProblems(code: string): FieldProblem[] {
  if (code.length !== 18) {
    return [problem('length', `a credit code has 18 characters, found ${code.length}`)];
  }
  const foreign = [...code].findIndex((char) => !CREDIT_CODE_CHARSET.includes(char));
  if (foreign >= 0) {
    return [
      problem(
        'charset',
        `position ${foreign + 1} '${code[foreign]}' is not one of ${CREDIT_CODE_CHARSET} (I, O, Z, S, V are never used)`,
      ),
    ];
  }
  const problems: FieldProblem[] = [];
  const region = code.slice(2, 8);
  const notDigit = [...region].findIndex((char) => char < '0' || char > '9');
  if (notDigit >= 0) {
    problems.push(
      problem(
        'region-code',
        `position ${notDigit + 3} '${region[notDigit]}': positions 3–8 are a region code, digits only`,
      ),
    );
  }
  const organizationCheck = organizationCodeCheck(code.slice(8, 16));
  if (code[16] !== organizationCheck) {
    problems.push(
      problem('organization-code-check', `expected ${organizationCheck}, found ${code[16]} (GB 11714-1997)`),
    );
  }
  const check = creditCodeCheck(code.slice(0, 17));
  if (code[17] !== check) {
    problems.push(problem('check-character', `expected ${check}, found ${code[17]} (GB 32100-2015)`));
  }
  return problems;
}
