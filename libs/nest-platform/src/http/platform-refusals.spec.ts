import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  type INestApplication,
  Module,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { createService } from '../bootstrap';

@Controller('jobs')
class JobsController {
  @Post()
  @ApiBearerAuth()
  @ApiUnauthorizedResponse({ description: 'No token (said here)' })
  @ApiCreatedResponse({ description: 'made' })
  @ApiBody({ schema: { type: 'object' } })
  make(@Body() body: unknown) {
    return body;
  }

  @Delete(':jobId')
  @ApiNotFoundResponse({ description: 'No such job' })
  remove(@Param('jobId') jobId: string) {
    return { jobId };
  }

  @Get()
  list(@Query('kind') kind?: string) {
    if (kind === 'bad') throw new BadRequestException('kind must be a known kind');
    return [];
  }
}

@Module({ controllers: [JobsController] })
class JobsModule {}

interface Responses {
  [status: string]: { description: string; content?: { 'application/json': { schema: { required?: string[] } } } };
}

describe("the platform's refusals", () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createService(JobsModule, { name: 'jobs', description: '', host: '127.0.0.1', port: 0, silent: true });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('documents 401 and 403 wherever a bearer token is taken and 400 wherever a JSON body is read', async () => {
    const document = (await (await fetch(`${base}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Responses }>>;
    };
    const post = document.paths['/jobs'].post.responses;
    expect(Object.keys(post).sort()).toEqual(['201', '400', '401', '403', '413']);
    expect(post['401'].description).toBe('No token (said here)');
    expect(post['401'].content?.['application/json'].schema.required).toEqual(['statusCode', 'error', 'message']);
    expect(post['400'].content?.['application/json'].schema.required).toEqual(['statusCode', 'message', 'problems']);
    // No token declared, a query parameter: 400; a controller that documents only refusals gets Nest's success.
    expect(Object.keys(document.paths['/jobs'].get.responses).sort()).toEqual(['200', '400']);
    expect(Object.keys(document.paths['/jobs/{jobId}'].delete.responses).sort()).toEqual(['200', '400', '404']);
  });

  it('answers a body that is not JSON, and a bare BadRequestException, 400 with problems', async () => {
    const notJson = await fetch(`${base}/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '"AAA',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('JSON'),
      problems: [{ path: '', message: expect.stringContaining('JSON') }],
    });
    expect(await (await fetch(`${base}/jobs?kind=bad`)).json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'kind must be a known kind',
      problems: [{ path: '', message: 'kind must be a known kind' }],
    });
  });
});
