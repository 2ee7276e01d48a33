import { LOCAL_INFRA, localInfra } from './local-defaults';

describe('localInfra', () => {
  it('is the default ports without SANSHE_PORT_OFFSET', () => {
    expect(localInfra({})).toEqual(LOCAL_INFRA);
  });

  it('shifts every port by SANSHE_PORT_OFFSET and nothing else', () => {
    const shifted = localInfra({ SANSHE_PORT_OFFSET: '10000' });
    expect(shifted.postgres).toEqual({ ...LOCAL_INFRA.postgres, port: 15432 });
    expect(shifted.kafka).toEqual({ ...LOCAL_INFRA.kafka, port: 19092, controllerPort: 19093 });
    expect(shifted.temporal).toEqual({ ...LOCAL_INFRA.temporal, port: 17233, uiPort: 18233 });
  });

  it('names the variable when the offset is not a usable integer', () => {
    for (const bad of ['-1', '1.5', 'ten', '60000']) {
      expect(() => localInfra({ SANSHE_PORT_OFFSET: bad })).toThrow(/SANSHE_PORT_OFFSET must be an integer/);
    }
  });
});
