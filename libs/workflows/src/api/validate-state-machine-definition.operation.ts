import { Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { validateDefinition } from '@switchyard/asl';
import { definitionErrors } from './definition-check';
import type { SfnOperation } from './sfn-operation';

/** Diagnostics a response lists unless maxResults says otherwise. */
const DEFAULT_DIAGNOSTICS = 100;

/** ValidateStateMachineDefinition: the validator's diagnostics, without creating anything. */
@Injectable()
export class ValidateStateMachineDefinitionOperation implements SfnOperation<'ValidateStateMachineDefinition'> {
  readonly name = 'ValidateStateMachineDefinition';

  handle(input: Sfn.ValidateStateMachineDefinitionInput) {
    const type = input.type ?? 'STANDARD';
    const errors = definitionErrors(input.definition, type);
    const warnings =
      input.severity === 'WARNING'
        ? validateDefinition(input.definition).filter((d) => d.severity === 'WARNING')
        : [];
    const all = [...errors, ...warnings];
    const max = input.maxResults || DEFAULT_DIAGNOSTICS;
    return {
      result: errors.length > 0 ? ('FAIL' as const) : ('OK' as const),
      diagnostics: all.slice(0, max),
      truncated: all.length > max,
    };
  }
}
