import { Body, Controller, type INestApplication, Module, Param, Post } from '@nestjs/common';
import { ApiBody, ApiParam } from '@nestjs/swagger';
import { createService } from '../bootstrap';
import { nulPaths } from './nul-characters';

const handled: unknown[] = [];

@Controller('notes')
class NotesController {
  @Post(':noteId')
  @ApiParam({ name: 'noteId' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        text: { type: 'string' },
        code: { type: 'string', pattern: '^[a-z]+$' },
        at: { type: 'string', format: 'date-time' },
      },
    },
  })
  write(@Param('noteId') noteId: string, @Body() body: unknown) {
    handled.push(body);
    return { noteId };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

describe('the NUL character', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createService(NotesModule, {
      name: 'notes',
      description: '',
      host: '127.0.0.1',
      port: 0,
      silent: true,
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('names every string holding it as a JSON pointer', () => {
    expect(nulPaths({ a: 'x\u0000', b: ['ok', '\u0000'], 'c/d': { e: '\u0000' } }, '/body')).toEqual([
      '/body/a',
      '/body/b/1',
      '/body/c~1d/e',
    ]);
    expect(nulPaths({ a: 'fine', n: 1, z: null }, '/body')).toEqual([]);
  });

  it('is refused 400 naming the field, before the handler, in the body and the path', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const inBody = await post('/notes/n-1', { text: 'a\u0000b' });
    expect(inBody.status).toBe(400);
    expect(await inBody.json()).toMatchObject({
      problems: [{ path: '/body/text', message: 'must not contain the NUL character (U+0000)' }],
    });
    const inPath = await post('/notes/n%00', { text: 'fine' });
    expect(await inPath.json()).toMatchObject({ statusCode: 400, problems: [{ path: '/params/noteId' }] });
    expect(handled).toEqual([]);
    expect((await post('/notes/n-1', { text: 'fine' })).status).toBe(201);
    expect(handled).toEqual([{ text: 'fine' }]);
  });

  it('is excluded by the document from every free string, not from those with a pattern, format or enum', async () => {
    const document = (await (await fetch(`${base}/docs/openapi.json`)).json()) as {
      paths: Record<
        string,
        {
          post: {
            parameters: { schema: object }[];
            requestBody: { content: Record<string, { schema: { properties: object } }> };
          };
        }
      >;
    };
    const operation = document.paths['/notes/{noteId}'].post;
    expect(operation.parameters[0].schema).toEqual({ type: 'string', pattern: '^[^\\u0000]*$' });
    expect(operation.requestBody.content['application/json'].schema.properties).toEqual({
      text: { type: 'string', pattern: '^[^\\u0000]*$' },
      code: { type: 'string', pattern: '^[a-z]+$' },
      at: { type: 'string', format: 'date-time' },
    });
    // The body takes undeclared properties: their names exclude U+0000 too (the interceptor refuses such a key).
    expect(operation.requestBody.content['application/json'].schema).toMatchObject({
      propertyNames: { pattern: '^[^\\u0000]*$' },
    });
  });
});
