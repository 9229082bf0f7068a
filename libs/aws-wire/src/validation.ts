import { plainToInstance } from 'class-transformer';
import {
  IsInt,
  IsString,
  Max,
  Min,
  type ValidationArguments,
  validateSync,
  type ValidationOptions,
} from 'class-validator';
import { AwsError, CommonErrors, missingParameter } from './aws-error';

type Decorator = PropertyDecorator;

function invalidValueMessage(reason: string) {
  return (args: ValidationArguments) =>
    `Value ${String(args.value)} for parameter ${args.property} is invalid. Reason: ${reason}`;
}

/** A string parameter. */
export function AwsString(options: ValidationOptions = {}): Decorator {
  return IsString({ message: invalidValueMessage('Must be a string.'), ...options });
}

/** An integer parameter within [min, max]; `reason` is AWS's wording for the range. */
export function AwsIntRange(min: number, max: number, reason: string): Decorator {
  const message = invalidValueMessage(reason);
  return (target, key) => {
    IsInt({ message })(target, key);
    Min(min, { message })(target, key);
    Max(max, { message })(target, key);
  };
}

/**
 * Validates an operation's input against its class-validator DTO and returns the typed instance;
 * the first violation becomes AWS's error (MissingParameter, or InvalidParameterValue with AWS's text).
 */
export function validateInput<T extends object>(dto: new () => T, input: unknown): T {
  const instance = plainToInstance(dto, input ?? {}, { enableImplicitConversion: false });
  const errors = validateSync(instance, { stopAtFirstError: true, forbidUnknownValues: false });
  if (errors.length === 0) return instance;
  let error = errors[0];
  let path = error.property;
  while (!error.constraints && error.children?.length) {
    error = error.children[0];
    path = `${path}.${error.property}`;
  }
  const [constraint, message] = Object.entries(error.constraints ?? {})[0] ?? ['', ''];
  if (constraint === 'isDefined') throw missingParameter(path);
  throw new AwsError(
    CommonErrors.InvalidParameterValue,
    message || `Value for parameter ${path} is invalid.`,
  );
}
