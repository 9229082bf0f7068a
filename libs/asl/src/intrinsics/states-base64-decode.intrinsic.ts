import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** States.Base64Decode(string): decodes base64 to UTF-8 text; input up to 10,000 characters. */
export const statesBase64Decode: IntrinsicFunction = {
  name: 'States.Base64Decode',
  minArgs: 1,
  maxArgs: 1,
  evaluate([value]) {
    const text = arg.string(this.name, value, 0);
    arg.maxLength(this.name, text, 10000);
    if (!BASE64.test(text))
      throw intrinsicFailure(`Invalid arguments in ${this.name}: '${text}' is not valid base64.`);
    return Buffer.from(text, 'base64').toString('utf8');
  },
};
