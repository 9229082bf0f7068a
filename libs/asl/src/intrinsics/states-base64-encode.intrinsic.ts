import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.Base64Encode(string): base64 of the UTF-8 bytes; input up to 10,000 characters. */
export const statesBase64Encode: IntrinsicFunction = {
  name: 'States.Base64Encode',
  minArgs: 1,
  maxArgs: 1,
  evaluate([value]) {
    const text = arg.string(this.name, value, 0);
    arg.maxLength(this.name, text, 10000);
    return Buffer.from(text, 'utf8').toString('base64');
  },
};
