import { IntrinsicFunction } from './intrinsic.types';
import { statesArray } from './states-array.intrinsic';
import { statesArrayContains } from './states-array-contains.intrinsic';
import { statesArrayGetItem } from './states-array-get-item.intrinsic';
import { statesArrayLength } from './states-array-length.intrinsic';
import { statesArrayPartition } from './states-array-partition.intrinsic';
import { statesArrayRange } from './states-array-range.intrinsic';
import { statesArrayUnique } from './states-array-unique.intrinsic';
import { statesBase64Decode } from './states-base64-decode.intrinsic';
import { statesBase64Encode } from './states-base64-encode.intrinsic';
import { statesFormat } from './states-format.intrinsic';
import { statesHash } from './states-hash.intrinsic';
import { statesJsonMerge } from './states-json-merge.intrinsic';
import { statesJsonToString } from './states-json-to-string.intrinsic';
import { statesMathAdd } from './states-math-add.intrinsic';
import { statesMathRandom } from './states-math-random.intrinsic';
import { statesStringSplit } from './states-string-split.intrinsic';
import { statesStringToJson } from './states-string-to-json.intrinsic';
import { statesUuid } from './states-uuid.intrinsic';

/** The 18 intrinsic functions, by their `States.*` name. */
export const INTRINSICS: ReadonlyMap<string, IntrinsicFunction> = new Map(
  [
    statesFormat,
    statesStringToJson,
    statesJsonToString,
    statesArray,
    statesArrayPartition,
    statesArrayContains,
    statesArrayRange,
    statesArrayGetItem,
    statesArrayLength,
    statesArrayUnique,
    statesBase64Encode,
    statesBase64Decode,
    statesHash,
    statesJsonMerge,
    statesMathRandom,
    statesMathAdd,
    statesStringSplit,
    statesUuid,
  ].map((fn) => [fn.name, fn]),
);
