/**
 * The one key builder: every Redis key Switchyard uses is made here. Each key carries a hash tag
 * naming its owning entity, so all keys one Lua script touches share a Cluster slot while different
 * entities spread across shards.
 */
export class RedisKeys {
  constructor(readonly prefix: string = 'sy') {}

  private tag(kind: string, ...ids: string[]): string {
    return `${this.prefix}:{${kind}:${ids.join(':')}}`;
  }

  /** Keys of one queue; all on one slot. */
  queue(accountId: string, queueName: string): QueueKeys {
    const base = this.tag('q', accountId, queueName);
    return {
      meta: `${base}:meta`,
      deletedRecently: `${base}:deleted`,
      tags: `${base}:tags`,
      bodies: `${base}:bodies`,
      receiveCounts: `${base}:rc`,
      firstReceived: `${base}:fr`,
      visibleAt: `${base}:vis`,
      inflight: `${base}:inflight`,
      delayed: `${base}:delayed`,
      sentAt: `${base}:sent`,
      ready: `${base}:ready`,
      deadLetters: `${base}:dlq-out`,
      waiters: `${base}:waiters`,
      wakeChannel: `${base}:wake`,
      groupReady: `${base}:groups-ready`,
      groupsDue: `${base}:groups-due`,
      laneDelayed: `${base}:lane-delayed`,
      groupInflight: `${base}:groups-inflight`,
      messageGroups: `${base}:msg-group`,
      groups: `${base}:groups`,
      deduplication: `${base}:dedup`,
      deduplicationExpiry: `${base}:dedup-exp`,
      groupListPrefix: `${base}:g:`,
      receiveAttemptPrefix: `${base}:attempt:`,
    };
  }

  /** The per-account index of queue names, for ListQueues. */
  queueIndex(accountId: string): string {
    return `${this.tag('acct', accountId)}:queues`;
  }

  /** Every account that owns queues, for background sweeps. */
  accountIndex(): string {
    return `${this.tag('accounts')}:queue-owners`;
  }

  /** Queues that name a given queue as their dead-letter target, for ListDeadLetterSourceQueues. */
  deadLetterSources(accountId: string, queueName: string): string {
    return `${this.tag('q', accountId, queueName)}:dlq-sources`;
  }

  /** Message-move tasks of one source queue. */
  moveTasks(accountId: string, queueName: string): string {
    return `${this.tag('q', accountId, queueName)}:move-tasks`;
  }

  /** Keys of one SNS topic; all on one slot. */
  topic(accountId: string, topicName: string): TopicKeys {
    const base = this.tag('t', accountId, topicName);
    return {
      meta: `${base}:meta`,
      tags: `${base}:tags`,
      subscriptions: `${base}:subs`,
      endpoints: `${base}:endpoints`,
      confirmationTokens: `${base}:tokens`,
      published: `${base}:published`,
      deduplication: `${base}:dedup`,
      deduplicationExpiry: `${base}:dedup-exp`,
      fanOutLock: `${base}:fanout-lock`,
      throttlePrefix: `${base}:throttle:`,
      deliveryFailures: `${base}:delivery-failures`,
    };
  }

  /** An account's recent Express executions, for the console (kept a while, not durable history). */
  recentExpress(accountId: string): RecentExpressKeys {
    const base = this.tag('express', accountId);
    return {
      runs: `${base}:recent`,
      runArns: `${base}:recent-arns`,
      histories: `${base}:histories`,
    };
  }

  /** Keys of one Step Functions state machine; all on one slot. */
  stateMachine(accountId: string, name: string): StateMachineKeys {
    const base = this.tag('sm', accountId, name);
    return {
      meta: `${base}:meta`,
      tags: `${base}:tags`,
      versions: `${base}:versions`,
      versionRecords: `${base}:version-records`,
      aliases: `${base}:aliases`,
    };
  }

  /** Keys of one Standard execution; all on one slot. */
  execution(accountId: string, machineName: string, executionName: string): ExecutionKeys {
    const base = this.tag('x', accountId, machineName, executionName);
    return {
      meta: `${base}:meta`,
      history: `${base}:history`,
      hold: `${base}:hold`,
      tokens: `${base}:tokens`,
      mapRuns: `${base}:map-runs`,
      rerun: `${base}:rerun`,
      handed: `${base}:handed`,
      outcomes: `${base}:outcomes`,
    };
  }

  /**
   * Keys of one Distributed Map run (`<machine>/<label>:<id>`, as its ARN names it); all on one slot.
   */
  mapRun(accountId: string, runId: string): MapRunKeys {
    const base = this.tag('mr', accountId, runId);
    return {
      meta: `${base}:meta`,
      items: `${base}:items`,
      results: `${base}:results`,
      executions: `${base}:executions`,
      hold: `${base}:hold`,
      redrive: `${base}:redrive`,
    };
  }

  /** Keys of one Step Functions activity; all on one slot. */
  activity(accountId: string, name: string): ActivityKeys {
    const base = this.tag('act', accountId, name);
    return {
      meta: `${base}:meta`,
      tags: `${base}:tags`,
      tasks: `${base}:tasks`,
      wake: `${base}:wake`,
      pollers: `${base}:pollers`,
    };
  }

  /** The per-account index of activity names, for ListActivities. */
  activityIndex(accountId: string): string {
    return `${this.tag('acct', accountId)}:activities`;
  }

  /** Where a task token leads: the execution, thread and wait it resumes (JSON). */
  taskToken(token: string): string {
    return `${this.tag('tt', token)}`;
  }

  /** A state machine's executions by start time, for ListExecutions (on the machine's slot). */
  executionIndex(accountId: string, machineName: string): string {
    return `${this.tag('sm', accountId, machineName)}:executions`;
  }

  /** State machines being deleted (`<account>\n<name>`): executors end their executions, then delete them. */
  stateMachinesDeleting(): string {
    return `${this.tag('wf')}:deleting`;
  }

  /** A state machine definition by its SHA-1, as the executions that run it refer to it. */
  definition(sha: string): string {
    return `${this.tag('def', sha)}`;
  }

  /** An asynchronous Express execution waiting for an executor (hash: definition, input, names). */
  expressRun(id: string): string {
    return `${this.tag('xp', id)}:run`;
  }

  /** The stream of workflow work (executions to advance) that executors share through a consumer group. */
  workflowWork(): string {
    return `${this.tag('wf')}:work`;
  }

  /**
   * Tasks of Parallel branches and Map iterations, handed by the executor that holds their execution
   * to any executor (stream, consumer group `executors`).
   */
  workflowTasks(): string {
    return `${this.tag('wf')}:tasks`;
  }

  /** Durable workflow timers (Wait states, Retry delays, timeouts): work items scored by due time. */
  workflowTimers(): string {
    return `${this.tag('wf')}:timers`;
  }

  /** The per-account index of state machine names, for ListStateMachines and the account's quota. */
  stateMachineIndex(accountId: string): string {
    return `${this.tag('acct', accountId)}:state-machines`;
  }

  /** What the recording SMS or push provider kept instead of sending (a capped list, newest first). */
  recordedDeliveries(kind: 'sms' | 'application'): string {
    return `${this.tag('recorded')}:${kind}`;
  }

  /** Every account that owns topics, for the delivery sweep. */
  topicOwnerIndex(): string {
    return `${this.tag('accounts')}:topic-owners`;
  }

  /** Topics (`<account>\n<topic>`) with published messages waiting for their fan-out. */
  topicsToFanOut(): string {
    return `${this.tag('deliveries')}:ready`;
  }

  /** Pub/sub channel that wakes fan-out workers when a topic has new messages. */
  fanOutWakeChannel(): string {
    return `${this.tag('deliveries')}:wake`;
  }

  /** The per-account index of subscriptions (`<topic>:<id>`), for ListSubscriptions. */
  subscriptionIndex(accountId: string): string {
    return `${this.tag('acct', accountId)}:subscriptions`;
  }

  /** How many subscriptions of the account have a filter policy, for the account's quota. */
  filterPolicyCount(accountId: string): string {
    return `${this.tag('acct', accountId)}:filter-policies`;
  }

  /** The per-account index of topic names, for ListTopics. */
  topicIndex(accountId: string): string {
    return `${this.tag('acct', accountId)}:topics`;
  }

  /** The deployment's own certificate and key (JSON of PEMs): HTTPS and SNS signatures, shared by every process. */
  tlsIdentity(): string {
    return `${this.tag('config')}:tls-identity`;
  }

  /** The secret that signs SQS receipt handles, shared by every gateway. */
  receiptSigningKey(): string {
    return `${this.tag('config')}:receipt-signing-key`;
  }

  /** Keys of one EventBridge event bus (the names of its rules, and their version); all on one slot. */
  eventBus(accountId: string, busName: string): EventBusKeys {
    const base = this.tag('evb', accountId, busName);
    return { ruleNames: `${base}:rule-names`, version: `${base}:version` };
  }

  /** Keys of one rule of an EventBridge event bus, on its bus's slot (a script may touch the bus's keys too). */
  eventRule(accountId: string, busName: string, ruleName: string): EventRuleKeys {
    const base = `${this.tag('evb', accountId, busName)}:rule:${ruleName}`;
    return { meta: `${base}:meta`, targets: `${base}:targets`, tags: `${base}:tags` };
  }

  /** Keys of EventBridge's event flow (accepted events, then their deliveries to targets); one slot. */
  eventFlow(): EventFlowKeys {
    const base = this.tag('events');
    return { ingest: `${base}:ingest`, deliveries: `${base}:deliveries`, due: `${base}:due` };
  }

  /** One EventBridge connection (hash: its settings, its secrets sealed). */
  eventConnection(accountId: string, name: string): string {
    return `${this.tag('evc', accountId, name)}:meta`;
  }

  /** The per-account index of EventBridge connection names, for ListConnections. */
  eventConnectionIndex(accountId: string): string {
    return `${this.tag('acct', accountId)}:connections`;
  }

  /** The deployment's key that seals EventBridge connection secrets when none is configured. */
  connectionSealingKey(): string {
    return `${this.tag('config')}:connection-key`;
  }

  /**
   * The prefix under which BullMQ keeps one feature's job queues. Each feature has its own hash tag, so
   * the jobs of all features do not crowd onto one Cluster slot.
   */
  jobsPrefix(feature: string): string {
    // BullMQ appends `:<queue>:<key>`; a brace or colon in the feature would break the hash tag.
    if (!/^[a-z][a-z0-9-]*$/.test(feature)) throw new Error(`invalid jobs feature name "${feature}"`);
    return this.tag('jobs', feature);
  }
}

/** Every key of one queue. */
export interface QueueKeys {
  /** Hash: queue attributes and bookkeeping (created, last purge). */
  readonly meta: string;
  /** String with a TTL: set by DeleteQueue; CreateQueue of the name is refused while it lives. */
  readonly deletedRecently: string;
  /** Hash: queue tags. */
  readonly tags: string;
  /** Hash: message id → encoded message (body, attributes, sent time). */
  readonly bodies: string;
  /** Hash: message id → receive count. */
  readonly receiveCounts: string;
  /** Hash: message id → first receive time (ms). */
  readonly firstReceived: string;
  /** Sorted set: message id → time (ms) the message becomes receivable. */
  readonly visibleAt: string;
  /** Sorted set: message id → visibility deadline (ms) of received messages. */
  readonly inflight: string;
  /** Sorted set: message id → end of its delivery delay (ms). */
  readonly delayed: string;
  /** Sorted set: message id → sent time (ms), for retention, of the messages not in `ready`. */
  readonly sentAt: string;
  /**
   * List: messages never received and receivable now, as `<sent time (ms)>:<message id>`, in send
   * order; their only other trace is their body. A receive moves them to the sorted sets.
   */
  readonly ready: string;
  /** List: messages that exceeded maxReceiveCount, on their way to the dead-letter queue. */
  readonly deadLetters: string;
  /** String with a TTL: set while long-polling receivers wait, so sends know to publish a wake-up. */
  readonly waiters: string;
  /** Pub/sub channel that wakes long-polling receivers of this queue. */
  readonly wakeChannel: string;
  /**
   * FIFO: sorted set of receivable groups (non-empty, nothing in flight), by their head's visible time.
   * Fair queues: groups with messages waiting, by messages in flight, then by when last served.
   */
  readonly groupReady: string;
  /** Fair queues: sorted set of groups whose waiting messages are all delayed, by the earliest's visible time. */
  readonly groupsDue: string;
  /** Fair queues: sorted set of the grouped messages sent with a delay, by visible time (for the counters). */
  readonly laneDelayed: string;
  /** FIFO: hash group → messages in flight. */
  readonly groupInflight: string;
  /** FIFO: hash message id → group. */
  readonly messageGroups: string;
  /** FIFO: set of groups that hold messages. */
  readonly groups: string;
  /** FIFO: hash de-duplication key → "messageId\nsequence" for the 5-minute window. */
  readonly deduplication: string;
  /** FIFO: sorted set de-duplication key → end of its window (ms). */
  readonly deduplicationExpiry: string;
  /** FIFO: prefix of the per-group lists of message ids (prefix + group id). */
  readonly groupListPrefix: string;
  /** FIFO: prefix of the keys remembering ReceiveRequestAttemptIds (prefix + attempt id). */
  readonly receiveAttemptPrefix: string;
}

/** Every key of one EventBridge event bus. */
export interface EventBusKeys {
  /** Sorted set (all scores 0): the bus's rule names, for ListRules in name order and the rule quota. */
  readonly ruleNames: string;
  /** String: a counter every change of a rule or its targets increments, so workers know to reload. */
  readonly version: string;
}

/** Every key of one EventBridge rule. */
export interface EventRuleKeys {
  /** Hash: the rule's settings (state, event pattern, description, role, …). */
  readonly meta: string;
  /** Hash: target id → the target (JSON, as PutTargets gave it). */
  readonly targets: string;
  /** Hash: tag key → value. */
  readonly tags: string;
}

/** EventBridge's event flow. */
export interface EventFlowKeys {
  /** Stream: accepted events waiting to be matched against rules (consumer group `rules`). */
  readonly ingest: string;
  /** Hash: delivery id → a delivery of one event to one target (JSON). */
  readonly deliveries: string;
  /** Sorted set: delivery id → when it is next due (ms); an attempt in progress leases it ahead. */
  readonly due: string;
}

/** Every key of one Standard execution. */
export interface ExecutionKeys {
  /** Hash: the execution's description, its engine state (JSON) and its fencing version. */
  readonly meta: string;
  /** List: the history events, oldest first (JSON). */
  readonly history: string;
  /** String: the executor advancing the execution now (expires unless renewed). */
  readonly hold: string;
  /** Hash: `<thread>:<wait>` → the task token issued for that wait (an activity's, so it is issued once). */
  readonly tokens: string;
  /** Sorted set: the execution's Distributed Map runs (their ids), by start time, for ListMapRuns. */
  readonly mapRuns: string;
  /** String: set while a `run` work item that found the execution held waits for the holder to go around again. */
  readonly rerun: string;
  /** Hash: wait → '1' for each branch task handed to the `{wf}:tasks` stream and not yet answered. */
  readonly handed: string;
  /** Hash: wait → `[thread, outcome]` (JSON) of each handed task performed and not yet applied. */
  readonly outcomes: string;
}

/** Every key of one Distributed Map run. */
export interface MapRunKeys {
  /** Hash: the run's settings, its parent's wait, its counts and status. */
  readonly meta: string;
  /** List: the input of every item (JSON), by index. */
  readonly items: string;
  /** Hash: item index → its child execution's outcome (JSON), once it has ended. */
  readonly results: string;
  /** Sorted set: the child executions' names, by item index, for ListExecutions by map run. */
  readonly executions: string;
  /** String: the executor launching the run's children now (expires unless renewed). */
  readonly hold: string;
  /** List: the indexes of the items a redrive runs again, in the order their children are redriven. */
  readonly redrive: string;
}

/** Every key of one Step Functions activity. */
export interface ActivityKeys {
  /** Hash: name, created. */
  readonly meta: string;
  readonly tags: string;
  /** List: tasks waiting for a worker (JSON of token and input), oldest first. */
  readonly tasks: string;
  /** Pub/sub channel that wakes the activity's long-polling workers. */
  readonly wake: string;
  /** Sorted set: the open GetActivityTask polls of every gateway (poll id → when it ends, ms). */
  readonly pollers: string;
}

/** Every key of one Step Functions state machine. */
export interface StateMachineKeys {
  /** Hash: the machine's definition and settings (name, type, roleArn, created, revisionId, …). */
  readonly meta: string;
  /** Hash: tag key → value. */
  readonly tags: string;
  /** Sorted set: the numbers of the machine's published versions, each scored by its number. */
  readonly versions: string;
  /** Hash: version number → the version (JSON: definition hash, role, settings, revision, description, created). */
  readonly versionRecords: string;
  /** Hash: alias name → the alias (JSON: description, routing to versions and weights, created, updated). */
  readonly aliases: string;
}

/** Every key of one SNS topic. */
export interface TopicKeys {
  /** Hash: topic attributes as set, plus bookkeeping (created time, deleted-subscription count). */
  readonly meta: string;
  /** Hash: topic tags. */
  readonly tags: string;
  /** Hash: subscription id → encoded subscription. */
  readonly subscriptions: string;
  /** Hash: `<protocol>\n<endpoint>` → subscription id, so Subscribe of the same endpoint is idempotent. */
  readonly endpoints: string;
  /** Hash: confirmation token → subscription id, for ConfirmSubscription. */
  readonly confirmationTokens: string;
  /** Stream: published messages not yet fanned out to every subscription (consumer group `fanout`). */
  readonly published: string;
  /** FIFO: hash de-duplication key → "messageId\nsequence" for the 5-minute window. */
  readonly deduplication: string;
  /** FIFO: sorted set de-duplication key → end of its window (ms). */
  readonly deduplicationExpiry: string;
  /** String with a TTL: the fan-out worker holding the topic, so one worker at a time keeps FIFO order. */
  readonly fanOutLock: string;
  /** Prefix of the per-subscription delivery counters of the current second (prefix + subscription id). */
  readonly throttlePrefix: string;
  /**
   * Hash: `<subscription id>:failed` and `<subscription id>:dead-lettered` → how many notifications
   * failed for good (dropped or dead-lettered) and how many went to the subscription's dead-letter queue.
   */
  readonly deliveryFailures: string;
}

/** An account's recent Express executions (the console's buffer; each key expires). */
export interface RecentExpressKeys {
  /** List: the latest runs' summaries (JSON), newest first, capped. */
  readonly runs: string;
  /** List: the same runs' execution ARNs, in the same order, so the oldest leaves with its history. */
  readonly runArns: string;
  /** Hash: execution ARN → the run's history events (a JSON array, oldest first). */
  readonly histories: string;
}
