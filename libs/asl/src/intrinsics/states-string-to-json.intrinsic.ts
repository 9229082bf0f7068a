import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.StringToJson(string): parses an escaped JSON string. */
export const statesStringToJson: IntrinsicFunction = {
  name: 'States.StringToJson',
  minArgs: 1,
  maxArgs: 1,
  evaluate([value]) {
    const text = arg.string(this.name, value, 0);
    try {
      return JSON.parse(text);
    } catch {
      throw intrinsicFailure(`Invalid arguments in ${this.name}: '${text}' is not valid JSON.`);
    }
  },
};
