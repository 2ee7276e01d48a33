/**
 * A valid unified social credit code (统一社会信用代码, GB 32100-2015) for a demo organization, so that the
 * registry takes it: 18 characters — the registering authority and kind (2), the region (6 digits), an
 * organization code of 8 characters and its GB 11714-1997 check character, then the check character of all 17.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function organizationCodeCheck(eight: string): string {
  const sum = [...eight].reduce((total, ch, i) => total + parseInt(ch, 36) * ORGANIZATION_CODE_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function creditCheck(seventeen: string): string {
  const sum = [...seventeen].reduce((total, ch, i) => total + CHARSET.indexOf(ch) * CHECK_WEIGHTS[i]!, 0);
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * `authority`: 2 characters (e.g. `52`: civil affairs, a social service organization; `51` an association,
 * `53` a foundation); `region`: the registering district's 6 digits; `serial`: up to 6 digits, unique in it.
 */
export function demoCreditCode(authority: string, region: string, serial: number): string {
  const eight = `MJ${String(serial).padStart(6, '0')}`;
  const seventeen = `${authority}${region}${eight}${organizationCodeCheck(eight)}`;
  return seventeen + creditCheck(seventeen);
}
