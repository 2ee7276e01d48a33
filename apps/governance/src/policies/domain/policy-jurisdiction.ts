/** Administrative codes: district `310104`, street `310104-005`, community `310104-005-001`. */
const ADMINISTRATIVE_CODE = /^[0-9]{6}(-[0-9]{3}){0,2}$/;

/**
 * Whose policy administrators may set a policy for this scope: `jurisdiction:<code>` of the community
 * it governs, of that community's street, or of its district; a district-wide policy (null), or a
 * community not written as an administrative code, needs the deployment's district. Only these are
 * checked, so a street's administrator cannot set another street's policies.
 */
export function jurisdictionsOver(communityCode: unknown, districtCode: string): string[] {
  if (typeof communityCode === 'string' && ADMINISTRATIVE_CODE.test(communityCode)) {
    const parts = communityCode.split('-');
    return parts.map((_, i) => `jurisdiction:${parts.slice(0, parts.length - i).join('-')}`);
  }
  const own = typeof communityCode === 'string' && communityCode ? [`jurisdiction:${communityCode}`] : [];
  return [...own, `jurisdiction:${districtCode}`];
}
