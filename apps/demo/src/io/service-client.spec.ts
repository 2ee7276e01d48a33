import { DemoCallError, ServiceClient } from './service-client';

const answering = (status: number, text: string) =>
  jest.fn(async (_url: string, _init: RequestInit) => new Response(text || null, { status }));

describe('ServiceClient', () => {
  it('sends the token and JSON body, and reads a JSON answer', async () => {
    const fetch = answering(201, '{"proposalId":"prop-1"}');
    const client = new ServiceClient('organization', 'http://127.0.0.1:3102', fetch);
    const answer = await client.expect('POST', '/organizations/o/proposals', 'tok', { a: 1 });
    expect(answer).toMatchObject({ status: 201, body: { proposalId: 'prop-1' } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:3102/organizations/o/proposals');
    expect(init).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok' });
  });

  it('names the call and shows the answer when it is not one the scenario accepts', async () => {
    const client = new ServiceClient('governance', 'http://g', answering(403, '{"message":"not yours"}'));
    const refused = client.expect('PUT', '/policies/p', 'tok', {});
    await expect(refused).rejects.toThrow(DemoCallError);
    await expect(client.expect('PUT', '/policies/p', 'tok', {})).rejects.toThrow(
      'PUT governance /policies/p answered 403: {"message":"not yours"}',
    );
    await expect(client.expect('PUT', '/policies/p', 'tok', {}, [403])).resolves.toMatchObject({ status: 403 });
  });

  it('takes an answer that is not JSON as an empty body', async () => {
    const client = new ServiceClient('public-web', 'http://p', answering(200, '<html>'));
    expect(await client.call('GET', '/', null)).toEqual({ status: 200, text: '<html>', body: {} });
  });
});
