import { md5OfBody, md5OfMessageAttributes } from './message-digests';

describe('SQS MD5 digests', () => {
  it('digests the body as UTF-8', () => {
    expect(md5OfBody('derp')).toBe('58fd9edd83341c29f1aebba81c31e257');
  });

  it.each([
    ['timestamp', '1493147359900', '235c5c510d26fb653d073faed50ae77c'],
    ['timestamp', '1493147359901', '994258b45346a2cc3f9cbb611aa7af30'],
    ['SOME_Valid.attribute-Name', '1493147359900', '36655e7e9d7c0e8479fa3f3f42247ae7'],
  ])('digests a Number attribute %s=%s as AWS does', (name, value, digest) => {
    expect(md5OfMessageAttributes({ [name]: { DataType: 'Number', StringValue: value } })).toBe(digest);
  });

  it('orders attributes by name whatever order they come in', () => {
    const a = { DataType: 'String', StringValue: 'x' };
    const b = { DataType: 'Binary', BinaryValue: Buffer.from('hi').toString('base64') };
    expect(md5OfMessageAttributes({ a, b })).toBe(md5OfMessageAttributes({ b, a }));
  });

  it('treats base64 text and bytes of a binary attribute alike, and has no digest for no attributes', () => {
    const bytes = Buffer.from([0, 1, 2, 250]);
    expect(md5OfMessageAttributes({ bin: { DataType: 'Binary', BinaryValue: bytes } })).toBe(
      md5OfMessageAttributes({ bin: { DataType: 'Binary', BinaryValue: bytes.toString('base64') } }),
    );
    expect(md5OfMessageAttributes({})).toBeUndefined();
    expect(md5OfMessageAttributes(undefined)).toBeUndefined();
  });
});
