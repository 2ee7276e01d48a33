import type { DemoContext } from './context';

/**
 * The people the seeding and decision stages act as, each with the roles and parties the services' @Access
 * rules ask for (docs/decisions.md, "Who may call the HTTP API"). One person per role and run.
 */
const person = (ctx: DemoContext, role: string, parties: string[], who = role) =>
  ctx.token({ sub: `demo-${who}-${ctx.runId}`, parties, roles: [role] });

/** The run district's area administrator: registers the district, its streets and communities. */
export const areaAdmin = (ctx: DemoContext) => person(ctx, 'area-admin', [`jurisdiction:${ctx.ids.districtCode}`]);

/** The run district's registrar of social organizations: registers, moves and grades them. */
export const registrar = (ctx: DemoContext) => person(ctx, 'registrar', [`jurisdiction:${ctx.ids.districtCode}`]);

/** Governance's operator: registers the street offices' portals. */
export const operator = (ctx: DemoContext) => person(ctx, 'operator', []);

/** The run district's policy administrator: the run's own policies. */
export const districtPolicyAdmin = (ctx: DemoContext) =>
  person(ctx, 'policy-admin', [`jurisdiction:${ctx.ids.districtCode}`], 'district-policy-admin');

/** An organization's admin (the same person as money-parties' organizationAdmin: one per run). */
export const orgAdmin = (ctx: DemoContext, organizationId: string) =>
  ctx.token({
    sub: `demo-org-admin-${ctx.runId}`,
    parties: [`organization:${organizationId}`],
    roles: ['organization-admin'],
  });

/** A funder's admin (the same person as money-parties' funderAdmin). */
export const funderAdmin = (ctx: DemoContext, funderId: string) =>
  ctx.token({ sub: `demo-funder-admin-${ctx.runId}`, parties: [funderId], roles: ['funder-admin'] });

/** A reader with no party: any valid token reads proposals, decisions, filings and needs. */
export const reader = (ctx: DemoContext) => person(ctx, 'auditor', []);
