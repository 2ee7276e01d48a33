import { CANCELLABLE } from './cancel-on-deregistration';

describe('what a deregistration cancels', () => {
  it('every live activity (scheduled, running, paused), never a completed or cancelled one', () => {
    expect(CANCELLABLE).toEqual(['scheduled', 'running', 'paused']);
  });
});
