import { localStateDir } from './state-dir';

describe('localStateDir', () => {
  it('prefers SANSHE_STATE_DIR, then /var/lib/sanshe for root, then the XDG state directory', () => {
    expect(localStateDir({ SANSHE_STATE_DIR: '/tmp/s' }, true)).toBe('/tmp/s');
    expect(localStateDir({}, true)).toBe('/var/lib/sanshe');
    expect(localStateDir({ XDG_STATE_HOME: '/home/u/.state' }, false)).toBe('/home/u/.state/sanshe');
  });
});
