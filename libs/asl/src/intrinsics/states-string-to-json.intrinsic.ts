import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.StringToJson(string): parses an escaped JSON string; an empty or blank string gives null, as on AWS. */
export const statesStringToJson: IntrinsicFunction = {
  name: 'States.StringToJson',
  minArgs: 1,
  maxArgs: 1,
  evaluate([value]) {
    const text = arg.string(this.name, value, 0);
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw intrinsicFailure(`Invalid arguments in ${this.name}: '${text}' is not valid JSON.`);
    }
  },
};
