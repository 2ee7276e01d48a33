import { randomInt } from 'node:crypto';
import type { DemoContext } from '../context';
import { representative } from '../money/money-parties';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** A made-up resident identity number that passes GB 11643: area, birth date, sequence, check character. */
export function demoIdNumber(area: string, birth: Date, sequence: number): string {
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${area}${date}${String(sequence % 1000).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return `${first17}${CHECK_CHARS[sum % 11]}`;
}

const NAMES = ['张桂英', '李秀兰', '王建国', '陈玉珍', '刘德福', '赵淑芬'];
const registered = new WeakMap<DemoContext, Map<string, Promise<string[]>>>();

/**
 * `count` residents of the community for this run, registered by its committee (POST /communities/{code}/residents)
 * with made-up personal data that never leaves the community service: what the demo gets back, and what every
 * other service and event sees, are their pseudonymous ids (`rp-…`). Registered once per community and run.
 */
export function demoResidents(ctx: DemoContext, communityCode: string, count = 4): Promise<string[]> {
  const byCommunity = registered.get(ctx) ?? new Map<string, Promise<string[]>>();
  registered.set(ctx, byCommunity);
  const residents = byCommunity.get(communityCode) ?? register(ctx, communityCode, count);
  byCommunity.set(communityCode, residents);
  return residents;
}

async function register(ctx: DemoContext, communityCode: string, count: number): Promise<string[]> {
  const token = await representative(ctx, communityCode, 'committee');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const birth = new Date(Date.UTC(1940 + randomInt(0, 20), randomInt(0, 12), randomInt(1, 29)));
    const resident = {
      name: NAMES[i % NAMES.length],
      phone: `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
      idNumber: demoIdNumber('310104', birth, randomInt(0, 1000)),
      address: `演示小区 ${i + 1} 号楼`,
    };
    const answer = await ctx.api.community.call('POST', `/communities/${communityCode}/residents`, token, resident);
    // The made-up number may already be someone's (409 names them): that resident stands in.
    const residentId = (answer.body as { residentId?: string }).residentId;
    if ((answer.status !== 201 && answer.status !== 409) || !residentId) {
      throw new Error(`registering a resident of ${communityCode} answered ${answer.status}: ${answer.text}`);
    }
    ids.push(residentId);
  }
  ctx.progress.say(`${communityCode}: ${count} residents registered by the committee (pseudonyms ${ids.join(', ')})`);
  return ids;
}
