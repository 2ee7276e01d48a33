import type { DemoContext } from '../context';
import { areaAdmin, reader } from '../parties';
import type { Stage } from '../stage';

/** The run's two streets and their two communities each, under a district of the run's own. */
const STREETS = [
  { suffix: '001', name: '晨光路街道', communities: ['晨光新村居委会', '梧桐苑居委会'] },
  { suffix: '002', name: '枫林路街道', communities: ['枫林小区居委会', '滨江花园居委会'] },
];

/**
 * A district code no earlier run took: `9xxxxx` (no real GB/T 2260 code starts with 9, so the demo's districts
 * never meet real ones nor the tests' 310104), free when the community service does not know it.
 */
async function freeDistrictCode(ctx: DemoContext): Promise<string> {
  const token = await reader(ctx);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const code = `9${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
    const known = await ctx.api.community.call('GET', `/districts/${code}`, token);
    if (known.status === 404) return code;
    if (known.status !== 200) throw new Error(`GET /districts/${code} answered ${known.status}: ${known.text}`);
  }
  throw new Error('no free demo district code in 20 tries (9xxxxx): clean the old runs out');
}

/**
 * Step 0 of the loop: the administrative hierarchy, through the community service's areas API (its area
 * administrator); governance learns it from the community's events, and binds `{streetCode}` with it.
 */
export const areasStage: Stage = {
  name: 'a district of the run’s own, two streets and four communities',
  file: 'seed/areas.ts',
  async run(ctx) {
    ctx.ids.districtCode = await freeDistrictCode(ctx);
    const district = ctx.ids.districtCode;
    const token = await areaAdmin(ctx);
    const area = (name: string, population: number, description: string) => ({
      ...{ name, population },
      serviceArea: { description },
    });
    const put = (path: string, body: unknown) => ctx.api.community.expect('PUT', path, token, body, [200, 201]);
    await put(`/districts/${district}`, area(`演示区（${ctx.runId}）`, 280_000, 'Sanshe demo district'));
    ctx.progress.say(`district ${district} 演示区（${ctx.runId}） registered`);
    for (const street of STREETS) {
      const streetCode = `${district}-${street.suffix}`;
      await put(`/streets/${streetCode}`, area(street.name, 45_000, `${street.name}辖区`));
      ctx.ids.streets.push(streetCode);
      for (const [i, name] of street.communities.entries()) {
        const communityCode = `${streetCode}-00${i + 1}`;
        await put(`/communities/${communityCode}`, {
          ...area(name, 6_000 + i * 1_500, `${name}（演示）`),
          households: 2_400 + i * 500,
        });
        ctx.ids.communities.push(communityCode);
      }
      ctx.progress.say(`street ${streetCode} ${street.name}: communities ${street.communities.join('、')}`);
    }
    const codes = [district, ...ctx.ids.streets, ...ctx.ids.communities];
    const readerToken = await reader(ctx);
    const unknownToGovernance = async () => {
      const answers = await Promise.all(
        codes.map(
          async (code) =>
            [
              code,
              (await ctx.api.governance.call('GET', `/administrative-areas/${code}`, readerToken)).status,
            ] as const,
        ),
      );
      return answers.filter(([, status]) => status !== 200).map(([code]) => code);
    };
    await ctx.waitFor(
      'governance knows the run’s areas',
      async () => ((await unknownToGovernance()).length === 0 ? true : undefined),
      async () =>
        `governance still does not know ${(await unknownToGovernance()).join(', ')} (community events not read yet)`,
    );
    ctx.progress.say(`governance knows all ${codes.length} areas (it binds each decision’s street office from them)`);
  },
};
