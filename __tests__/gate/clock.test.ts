import { realClock } from '../../src/gate/clock.js';

describe('realClock.sleep', () => {
  it('rejects with the abort reason when cancelled', async () => {
    const ac = new AbortController();
    const pending = realClock.sleep(60_000, ac.signal);
    ac.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
