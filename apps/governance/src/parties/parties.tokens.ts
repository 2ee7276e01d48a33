/** The controller rules from configuration (GOVERNANCE_PARTY_CONTROLLERS): open kinds, portals as funders. */
export const CONFIGURED_CONTROLLER_RULES = Symbol('CONFIGURED_CONTROLLER_RULES');
