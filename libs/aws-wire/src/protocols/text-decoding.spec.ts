import { decodeUtf8Strict, readFormEncoded } from './text-decoding';

describe('decodeUtf8Strict', () => {
  it('decodes valid UTF-8 as Node does', () => {
    const text = 'a é 漢 😀';
    expect(decodeUtf8Strict(Buffer.from(text, 'utf8'))).toBe(text);
  });

  it.each([
    [[0xff], '\udcff'],
    [[0x61, 0xc3], 'a\udcc3'],
    [[0xe0, 0xa4], '\udce0\udca4'],
    [[0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
    [[0xc0, 0xaf], '\udcc0\udcaf'],
    [[0xf4, 0x90, 0x80, 0x80], '\udcf4\udc90\udc80\udc80'],
    [[0x61, 0xff, 0xc3, 0xa9], 'a\udcffé'],
  ])('keeps each byte of an invalid sequence %j as a lone surrogate', (bytes, expected) => {
    expect(decodeUtf8Strict(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('readFormEncoded', () => {
  const read = (text: string) => Object.fromEntries(readFormEncoded(text, new Map()));

  it('reads pairs, + as a space, escapes as UTF-8, and a repeated name as its last value', () => {
    expect(read('Action=SendMessage&MessageBody=a+b%20%C3%A9&x&x=2')).toEqual({
      Action: 'SendMessage',
      MessageBody: 'a b é',
      x: '2',
    });
  });

  it('keeps malformed escapes as written and invalid UTF-8 bytes as lone surrogates', () => {
    expect(read('a=%zz&b=%&c=%E0%A4%A&d=%FF')).toEqual({
      a: '%zz',
      b: '%',
      c: '\udce0\udca4%A',
      d: '\udcff',
    });
  });

  it('reads the escaped invalid bytes of a raw body back as the same bytes', () => {
    const body = decodeUtf8Strict(Uint8Array.from([...Buffer.from('MessageBody=x'), 0xff]));
    expect(read(body)).toEqual({ MessageBody: 'x\udcff' });
  });
});
