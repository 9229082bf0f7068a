import { buildHttpRequest, connectionArnOf, formEncode, InvalidHttpTask } from './http-request';

const NO_AUTH = { headers: {}, queryParameters: {}, bodyParameters: {} };

describe('the request an HTTP Task makes', () => {
  it('joins endpoint, query, headers and a JSON body with what the connection adds', () => {
    const request = buildHttpRequest(
      {
        ApiEndpoint: 'http://127.0.0.1:8080/orders?x=1',
        Method: 'POST',
        Headers: { 'X-Trace': 'abc', Accept: ['a', 'b'] },
        QueryParameters: { page: 2, tag: ['p', 'q'] },
        RequestBody: { id: 7 },
      },
      { headers: { 'x-api-key': 'secret' }, queryParameters: { v: '2' }, bodyParameters: { source: 'sw' } },
      'us-east-1',
    );
    expect(request).toEqual({
      url: 'http://127.0.0.1:8080/orders?x=1&page=2&tag=p&tag=q&v=2',
      method: 'POST',
      headers: {
        'x-trace': 'abc',
        accept: 'a,b',
        'x-api-key': 'secret',
        'content-type': 'application/json; charset=UTF-8',
        'user-agent': 'Amazon|StepFunctions|HttpInvoke|us-east-1',
      },
      body: '{"id":7,"source":"sw"}',
    });
  });

  it('form-encodes a body when asked, arrays in each of AWS formats', () => {
    const body = { a: [1, 2], b: { c: 'd e' } };
    expect(formEncode(body)).toBe('a%5B0%5D=1&a%5B1%5D=2&b%5Bc%5D=d%20e');
    expect(formEncode(body, 'REPEAT')).toBe('a=1&a=2&b%5Bc%5D=d%20e');
    expect(formEncode(body, 'COMMAS')).toBe('a=1%2C2&b%5Bc%5D=d%20e');
    expect(formEncode(body, 'BRACKETS')).toBe('a%5B%5D=1&a%5B%5D=2&b%5Bc%5D=d%20e');
    const request = buildHttpRequest(
      {
        ApiEndpoint: 'https://example.test/f',
        Method: 'PUT',
        RequestBody: { a: [1] },
        Transform: { RequestBodyEncoding: 'URL_ENCODED', RequestEncodingOptions: { ArrayFormat: 'REPEAT' } },
      },
      NO_AUTH,
      'eu-west-1',
    );
    expect(request.body).toBe('a=1');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it.each([
    [{ ApiEndpoint: 'ftp://x', Method: 'GET' }, /ApiEndpoint/],
    [{ ApiEndpoint: 'http://x', Method: 'FETCH' }, /Method/],
    [{ ApiEndpoint: 'http://x', Method: 'GET', Headers: { Authorization: 'x' } }, /Authorization/],
    [{ ApiEndpoint: 'http://x', Method: 'GET', Headers: { 'X-Amz-Date': 'x' } }, /X-Amz-Date/],
    [
      { ApiEndpoint: 'http://x', Method: 'GET', Transform: { RequestBodyEncoding: 'XML' } },
      /RequestBodyEncoding/,
    ],
  ])('refuses parameters AWS refuses: %j', (parameters, message) => {
    expect(() => buildHttpRequest(parameters, NO_AUTH, 'us-east-1')).toThrow(message);
    expect(() => buildHttpRequest(parameters, NO_AUTH, 'us-east-1')).toThrow(InvalidHttpTask);
  });

  it('needs a connection, as AWS does', () => {
    expect(() => connectionArnOf({ ApiEndpoint: 'http://x' })).toThrow(/Authentication.ConnectionArn/);
    expect(connectionArnOf({ Authentication: { ConnectionArn: 'arn:c' } })).toBe('arn:c');
  });

  it('refuses to merge connection body parameters into a text body', () => {
    expect(() =>
      buildHttpRequest(
        { ApiEndpoint: 'http://x', Method: 'POST', RequestBody: 'raw' },
        { ...NO_AUTH, bodyParameters: { k: 'v' } },
        'us-east-1',
      ),
    ).toThrow(/text 'RequestBody'/);
  });
});
