import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { PublicEndpoint } from '@sanshe/auth';
import { CommunityCode, schemaProblems } from '@sanshe/contracts';
import { ReadPublicPagesHandler } from '../../application/read-public-pages';
import { communitiesPage, communityPage } from './community-page.html';
import { html, page } from './html';

const HTML = 'text/html; charset=utf-8';
/** No script, no frame, nothing fetched from elsewhere: the pages are text and inline style only. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const htmlPage = (description: string) => ({ description, schema: { type: 'string' as const } });

/** What the HTTP adapter's response offers the handler: its status. */
interface StatusSettable {
  status(code: number): unknown;
}

/**
 * The public transparency pages, server-rendered HTML. Public by design — no token, as residents read them
 * without an account: @PublicEndpoint, like /health. They show only what the public topics carry, and of that
 * only public facts (no resident, no worker's name; parties by their public id).
 */
@ApiTags('public pages')
@Controller()
@PublicEndpoint()
export class PublicPagesController {
  constructor(private readonly pages: ReadPublicPagesHandler) {}

  @Get()
  @Header('content-type', HTML)
  @Header('content-security-policy', CSP)
  @ApiOperation({ summary: 'The communities with public facts (public: no token)' })
  @ApiProduces('text/html')
  @ApiOkResponse(htmlPage('An HTML page listing each community, linking to its page'))
  async index(): Promise<string> {
    return communitiesPage(await this.pages.communities());
  }

  @Get('communities/:communityId')
  @Header('content-type', HTML)
  @Header('content-security-policy', CSP)
  @ApiOperation({
    summary: "A community's public record (public: no token)",
    description:
      'Its needs; the decisions about it, with each seated party’s vote in the last round (silence shown as “did ' +
      'not vote”); the money awarded and paid per tranche; and the evaluations of activities held there.',
  })
  @ApiProduces('text/html')
  @ApiParam({
    name: 'communityId',
    example: '310104-005-001',
    schema: { type: 'string', pattern: '^[0-9A-Za-z-]+$', minLength: 1, maxLength: 64 },
  })
  @ApiOkResponse(htmlPage("An HTML page of the community's public record"))
  @ApiBadRequestResponse(htmlPage('An HTML page: the community code is malformed'))
  @ApiNotFoundResponse(htmlPage('An HTML page: no public fact names this community'))
  async community(
    @Param('communityId') communityId: string,
    @Res({ passthrough: true }) response: StatusSettable,
  ): Promise<string> {
    if (schemaProblems(CommunityCode, communityId).length > 0) {
      response.status(400);
      return page(
        '400',
        html`<h1>400</h1>
          <p>Not a community code: ${communityId}</p>
          <p><a href="/">all communities</a></p>`,
      );
    }
    const found = await this.pages.communityPage(communityId);
    if (!found) {
      response.status(404);
      return page(
        '404',
        html`<h1>404</h1>
          <p>No public fact names community ${communityId} yet.</p>
          <p><a href="/">all communities</a></p>`,
      );
    }
    return communityPage(found);
  }
}
