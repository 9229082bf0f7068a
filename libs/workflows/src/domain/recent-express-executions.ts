import { Injectable } from '@nestjs/common';
import {
  type ExpressRunSummary,
  RECENT_EXPRESS_RUNS,
  RecentExpressStore,
} from '../store/recent-express.store';
import { awsEventOfStored, storedEventOf } from './stored-event';

/**
 * The Express executions that ended recently (the last RECENT_EXPRESS_RUNS of each account, for an
 * hour), with their histories, which AWS does not keep: for the console.
 */
@Injectable()
export class RecentExpressExecutions {
  constructor(private readonly store: RecentExpressStore) {}

  /** The account's recent runs, newest first; with `stateMachineArn`, that machine's only. */
  async list(
    accountId: string,
    now: number,
    options: { readonly stateMachineArn?: string; readonly limit: number },
  ): Promise<ExpressRunSummary[]> {
    const all = await this.store.list(accountId, now, RECENT_EXPRESS_RUNS);
    const machine = options.stateMachineArn;
    return (machine === undefined ? all : all.filter((r) => r.stateMachineArn === machine)).slice(
      0,
      options.limit,
    );
  }

  /**
   * A recent run's history events as GetExecutionHistory answers them (timestamps as Dates, for the
   * protocol to write); undefined once the buffer no longer has the run.
   */
  async history(executionArn: string): Promise<Record<string, unknown>[] | undefined> {
    // `arn:aws:states:<region>:<account>:express:…`
    const accountId = executionArn.split(':')[4] ?? '';
    const events = await this.store.history(accountId, executionArn);
    return events?.map((event) => awsEventOfStored(storedEventOf(event), true));
  }
}
