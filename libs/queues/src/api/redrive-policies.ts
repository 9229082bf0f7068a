import { Injectable } from '@nestjs/common';
import { invalidParameter } from '@switchyard/aws-wire';
import { type QueueRef, QueueStore } from '../store/queue.store';
import { QueueDirectory } from '../domain/queue-directory';

/** What a RedrivePolicy resolves to, stored beside the attribute so receives need not parse JSON. */
export interface RedriveFields {
  readonly RedrivePolicy?: string;
  readonly RedriveAllowPolicy?: string;
  readonly _maxReceiveCount?: string;
  readonly _deadLetterTarget?: string;
}

/** Validates RedrivePolicy and RedriveAllowPolicy values against AWS's rules and the queues they name. */
@Injectable()
export class RedrivePolicies {
  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  /** Checks the redrive attributes of a request for `source`; returns the fields to store ('' removes). */
  async resolve(source: QueueRef, attributes: Record<string, string>): Promise<RedriveFields> {
    const out: { -readonly [K in keyof RedriveFields]: string } = {};
    if ('RedriveAllowPolicy' in attributes)
      out.RedriveAllowPolicy = this.checkAllowPolicy(attributes.RedriveAllowPolicy);
    if (!('RedrivePolicy' in attributes)) return out;
    const raw = attributes.RedrivePolicy;
    if (raw === '') return { ...out, RedrivePolicy: '', _maxReceiveCount: '', _deadLetterTarget: '' };
    const invalid = (reason: string) =>
      invalidParameter(`Value ${raw} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
    let policy: Record<string, unknown>;
    try {
      policy = JSON.parse(raw);
    } catch {
      throw invalid('Redrive policy is not a valid JSON map.');
    }
    if (!policy || typeof policy !== 'object' || Array.isArray(policy))
      throw invalid('Redrive policy is not a valid JSON map.');
    const count = Number(policy.maxReceiveCount);
    if (policy.maxReceiveCount === undefined)
      throw invalid('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      throw invalid(
        `Invalid value for maxReceiveCount: ${String(policy.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
      );
    }
    if (typeof policy.deadLetterTargetArn !== 'string')
      throw invalid('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
    const target = this.directory.fromArn(policy.deadLetterTargetArn);
    const targetAttributes = target && (await this.store.attributes(target));
    if (!target || !targetAttributes) throw invalid('Dead letter target does not exist.');
    if ((targetAttributes.FifoQueue === 'true') !== source.name.endsWith('.fifo')) {
      throw invalid('Dead-letter queue must be of the same type (standard or FIFO) as the source queue.');
    }
    if (!this.allows(targetAttributes.RedriveAllowPolicy, this.directory.arn(source))) {
      throw invalid(
        `The dead-letter queue's RedriveAllowPolicy does not allow ${this.directory.arn(source)} as a source queue.`,
      );
    }
    return {
      ...out,
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: policy.deadLetterTargetArn,
        maxReceiveCount: count,
      }),
      _maxReceiveCount: String(count),
      _deadLetterTarget: `${target.accountId}:${target.name}`,
    };
  }

  private checkAllowPolicy(raw: string): string {
    if (raw === '') return '';
    const invalid = (reason: string) =>
      invalidParameter(`Value ${raw} for parameter RedriveAllowPolicy is invalid. Reason: ${reason}`);
    let policy: Record<string, unknown>;
    try {
      policy = JSON.parse(raw);
    } catch {
      throw invalid('Redrive allow policy is not a valid JSON map.');
    }
    const permission = policy?.redrivePermission;
    if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
      throw invalid('redrivePermission must be one of allowAll, denyAll, byQueue.');
    }
    const arns = policy.sourceQueueArns;
    if (permission === 'byQueue') {
      if (
        !Array.isArray(arns) ||
        arns.length < 1 ||
        arns.length > 10 ||
        arns.some((a) => typeof a !== 'string')
      ) {
        throw invalid('sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.');
      }
    } else if (arns !== undefined) {
      throw invalid('sourceQueueArns can be given only when redrivePermission is byQueue.');
    }
    return JSON.stringify(policy);
  }

  private allows(allowPolicy: string | undefined, sourceArn: string): boolean {
    if (!allowPolicy) return true;
    const policy = JSON.parse(allowPolicy) as { redrivePermission: string; sourceQueueArns?: string[] };
    if (policy.redrivePermission === 'denyAll') return false;
    if (policy.redrivePermission === 'byQueue') return policy.sourceQueueArns?.includes(sourceArn) ?? false;
    return true;
  }
}
