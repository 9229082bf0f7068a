import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { mapRunOf, resourceNotFound, SfnErrors } from '../errors/sfn-errors';
import { MapRunStore } from '../store/map-run.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/**
 * UpdateMapRun: a running Distributed Map run's MaxConcurrency and tolerated failures; the next
 * children started, and the next failures counted, follow them.
 */
@Injectable()
export class UpdateMapRunOperation implements SfnOperation<'UpdateMapRun'> {
  readonly name = 'UpdateMapRun';

  constructor(
    private readonly runs: MapRunStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.UpdateMapRunInput) {
    const { accountId, runId } = mapRunOf(input.mapRunArn, this.options.region);
    if (
      input.maxConcurrency === undefined &&
      input.toleratedFailureCount === undefined &&
      input.toleratedFailurePercentage === undefined
    )
      throw new AwsError(
        SfnErrors.ValidationException,
        'At least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be given',
      );
    const run = await this.runs.get(accountId, runId);
    if (!run) throw resourceNotFound();
    const fields: Record<string, string> = {};
    if (input.maxConcurrency !== undefined) fields.maxConcurrency = String(input.maxConcurrency);
    if (input.toleratedFailureCount !== undefined)
      fields.toleratedFailureCount = String(input.toleratedFailureCount);
    if (input.toleratedFailurePercentage !== undefined)
      fields.toleratedFailurePercentage = String(input.toleratedFailurePercentage);
    await this.runs.update(accountId, runId, fields);
    return {};
  }
}
