import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.StringSplit(string, delimiters): splits on any of the delimiter characters, dropping empty pieces. */
export const statesStringSplit: IntrinsicFunction = {
  name: 'States.StringSplit',
  minArgs: 2,
  maxArgs: 2,
  evaluate([value, delimiters]) {
    const text = arg.string(this.name, value, 0);
    const delims = new Set(arg.string(this.name, delimiters, 1));
    const out: string[] = [];
    let piece = '';
    for (const ch of text) {
      if (delims.has(ch)) {
        if (piece) out.push(piece);
        piece = '';
      } else piece += ch;
    }
    if (piece) out.push(piece);
    return out;
  },
};
