import { SERVICE_NAMES } from '@sanshe/config';
import { FUZZED_SERVICES, fuzzToken } from './fuzz-targets';

describe('fuzz targets', () => {
  it('fuzz every platform service that serves HTTP — public-web went unfuzzed while the list named five', () => {
    expect([...FUZZED_SERVICES].sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it('sends public-web a token holding no role: its pages are public, so nothing it answers depends on one', () => {
    expect(fuzzToken('public-web').roles).toEqual([]);
  });
});
