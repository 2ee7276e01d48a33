import type { DecisionPolicy } from '@sanshe/contracts';
import { type AreaBinding, bindPartyId, templatedPartyIds } from '@sanshe/workflows';

/** What each placeholder stands for when a decision binds it (libs/contracts: DistrictCode, StreetCode, …). */
const CODE_PATTERNS: Record<string, string> = {
  communityCode: '(?<communityCode>[0-9]{6}-[0-9]{3}-[0-9]{3})',
  streetCode: '(?<streetCode>[0-9]{6}-[0-9]{3})',
  districtCode: '(?<districtCode>[0-9]{6})',
};

const escaped = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/** `templateId` as a regular expression: each placeholder a named group, again a back-reference to it. */
function templatePattern(templateId: string): RegExp {
  const seen = new Set<string>();
  const source = escaped(templateId).replace(/\{(communityCode|streetCode|districtCode)\}/g, (_, field: string) => {
    if (seen.has(field)) return `\\k<${field}>`;
    seen.add(field);
    return CODE_PATTERNS[field] ?? '';
  });
  return new RegExp(`^${source}$`);
}

/**
 * The area a decision would be in for the template `templateId` (`portal:street-{streetCode}`) to bind to
 * `partyId` (`portal:street-310104-005`), its street's district and its community's street filled in
 * from the code; null when no area binds it so.
 */
export function bindingOf(templateId: string, partyId: string): AreaBinding | null {
  const groups = templatePattern(templateId).exec(partyId)?.groups;
  if (!groups) return null;
  const communityCode = groups.communityCode ?? null;
  const streetCode = groups.streetCode ?? communityCode?.slice(0, 10) ?? null;
  const districtCode = groups.districtCode ?? streetCode?.slice(0, 6) ?? null;
  const binding = { communityCode, streetCode, districtCode };
  return bindPartyId(templateId, binding) === partyId ? binding : null;
}

/**
 * The areas in which one of `partyIds` would fill one of the policy's templated seats or arbiters: where a
 * decision would seat them, so where their controller's bloc must be checked too (the district defaults'
 * `portal:street-{streetCode}` arbiter is a registered street office once bound). Distinct, in order.
 */
export function bindingsFor(policy: DecisionPolicy, partyIds: readonly string[]): AreaBinding[] {
  const found = new Map<string, AreaBinding>();
  for (const templateId of templatedPartyIds(policy)) {
    for (const partyId of partyIds) {
      const binding = bindingOf(templateId, partyId);
      if (binding) found.set(JSON.stringify(binding), binding);
    }
  }
  return [...found.values()];
}

/** How a bound area reads in a refusal: its most specific code. */
export const describeBinding = ({ communityCode, streetCode, districtCode }: AreaBinding): string =>
  communityCode ? `community ${communityCode}` : streetCode ? `street ${streetCode}` : `district ${districtCode}`;
