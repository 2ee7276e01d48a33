/**
 * The portals whose command topics the bridge reads (a port: the class is also its injection token).
 * The list is fixed when the process starts (Nest subscribes then); a portal that a policy or a
 * controller rule names later is `unheard` until governance restarts (issue 17 makes this live).
 */
export abstract class BridgePortals {
  /** Portal ids (without `portal:`) heard since boot. */
  abstract readonly heard: readonly string[];

  /** Portal ids named now (by stored policies, controllers, configuration) that this process does not hear. */
  abstract unheard(): Promise<string[]>;
}
