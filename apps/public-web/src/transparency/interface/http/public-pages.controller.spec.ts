import { type INestApplication, Module } from '@nestjs/common';
import { AuthModule } from '@sanshe/auth';
import { createService } from '@sanshe/nest-platform';
import { type CommunityPage, ReadPublicPagesHandler } from '../../application/read-public-pages';
import { PublicPagesController } from './public-pages.controller';

const PAGE: CommunityPage = {
  community: { communityCode: '310104-005-001', name: '新华居民区', streetCode: '310104-005' },
  needs: [],
  decisions: [],
  grants: [],
  evaluations: [],
};

/** The pages read from a fake record; the platform's real bearer-token guard in front of them. */
const fakePages = {
  communities: () =>
    Promise.resolve([
      {
        communityCode: '310104-005-001',
        name: '新华居民区',
        streetCode: '310104-005',
        needs: 0,
        decisions: 0,
        grants: 0,
      },
    ]),
  communityPage: (code: string) => Promise.resolve(code === PAGE.community.communityCode ? PAGE : null),
};

@Module({
  imports: [
    AuthModule.forRoot({
      jwks: { url: 'http://127.0.0.1:9/never-fetched-jwks.json' },
      issuer: 'test',
      audience: 'test',
      clockToleranceS: 0,
    }),
  ],
  controllers: [PublicPagesController],
  providers: [{ provide: ReadPublicPagesHandler, useValue: fakePages }],
})
class PagesUnderTest {}

describe('the public pages over HTTP', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createService(PagesUnderTest, {
      name: 'public-web',
      description: '',
      host: '127.0.0.1',
      port: 0,
      silent: true,
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('serve HTML to anyone, without a token, with a policy that lets no script run', async () => {
    for (const path of ['/', '/communities/310104-005-001']) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await response.text()).toContain('新华居民区');
    }
  });

  it('answer a malformed community code 400 and an unknown one 404, as HTML pages', async () => {
    const malformed = await fetch(`${base}/communities/${encodeURIComponent('<b>x</b>')}`);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('Not a community code: &lt;b&gt;x&lt;/b&gt;');
    const unknown = await fetch(`${base}/communities/310104-005-999`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('declare the pages in the OpenAPI document as text/html', async () => {
    const document = (await (await fetch(`${base}/docs/openapi.json`)).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>;
    };
    expect(Object.keys(document.paths).sort()).toEqual(['/', '/communities/{communityId}']);
    const responses = document.paths['/communities/{communityId}'].get.responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '404']);
    expect(Object.keys(responses['200'].content)).toEqual(['text/html']);
  });
});
