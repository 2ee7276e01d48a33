import type { DemoContext } from '../context';

/**
 * The people the money's stages act as, each with the roles and the one party the services' @Access rules ask
 * for (docs/decisions.md, "Who may call the HTTP API"). A community's committee member and residents'
 * representative must also sit on its roster: `representative` appoints one per run, through the area-admin.
 */
export const funderAdmin = (ctx: DemoContext, funderId: string) =>
  ctx.token({ sub: `demo-funder-admin-${ctx.runId}`, parties: [funderId], roles: ['funder-admin'] });

export const organizationAdmin = (ctx: DemoContext, organizationId: string) =>
  ctx.token({
    sub: `demo-org-admin-${ctx.runId}`,
    parties: [`organization:${organizationId}`],
    roles: ['organization-admin'],
  });

export const organizationStaff = (ctx: DemoContext, organizationId: string) =>
  ctx.token({
    sub: `demo-org-staff-${ctx.runId}`,
    parties: [`organization:${organizationId}`],
    roles: ['organization-staff'],
  });

/** Governance's operators read a disbursement's state (GET /disbursements/{grantId}). */
export const operator = (ctx: DemoContext) =>
  ctx.token({ sub: `demo-operator-${ctx.runId}`, parties: [], roles: ['operator'] });

export type Body = 'committee' | 'residents';
const ROLE_OF: Record<Body, string> = { committee: 'committee-member', residents: 'residents-representative' };
const appointed = new WeakMap<DemoContext, Map<string, Promise<string>>>();

/**
 * A serving member of the community's committee (or its residents' representative) for this run: appointed
 * once by the area-admin of the community's district (POST /communities/{code}/representatives), then their token.
 */
export function representative(ctx: DemoContext, communityCode: string, body: Body): Promise<string> {
  const byKey = appointed.get(ctx) ?? new Map<string, Promise<string>>();
  appointed.set(ctx, byKey);
  const key = `${communityCode}/${body}`;
  const token = byKey.get(key) ?? appoint(ctx, communityCode, body);
  byKey.set(key, token);
  return token;
}

async function appoint(ctx: DemoContext, communityCode: string, body: Body): Promise<string> {
  const personSub = `demo-${body}-${communityCode}-${ctx.runId}`;
  const districtCode = communityCode.split('-')[0] ?? communityCode;
  const areaAdmin = await ctx.token({
    sub: `demo-area-admin-${ctx.runId}`,
    parties: [`jurisdiction:${districtCode}`],
    roles: ['area-admin'],
  });
  const title = body === 'committee' ? '居委会委员（资金核验）' : '居民代表（服务评价）';
  const answer = await ctx.api.community.call('POST', `/communities/${communityCode}/representatives`, areaAdmin, {
    ...{ body, personSub, title },
    termFrom: new Date().toISOString().slice(0, 10),
  });
  // 409 already-represents: this run appointed them before (a retried stage); they serve.
  if (answer.status !== 201 && answer.status !== 409) {
    throw new Error(`appointing ${personSub} to ${communityCode}'s ${body} answered ${answer.status}: ${answer.text}`);
  }
  const party = `${body === 'committee' ? 'community' : 'residents'}:${communityCode}`;
  return ctx.token({ sub: personSub, parties: [party], roles: [ROLE_OF[body]] });
}
