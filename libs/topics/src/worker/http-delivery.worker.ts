import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueues } from '@switchyard/jobs';
import { StoreError } from '@switchyard/redis';
import { DelayedError, type Job } from 'bullmq';
import { retryDelaySeconds } from '../domain/delivery-policy';
import { ENDPOINT_DELIVERIES, type HttpDeliveryJob, TOPICS_JOBS } from '../domain/http-delivery-queue';
import { MessageSigner } from '../domain/message-signer';
import { formatEnvelope, messageFor, notificationEnvelope, type SignedMessage } from '../domain/notification';
import {
  type StoredSubscription,
  type SubscriptionRef,
  subscriptionArn,
  topicArnOf,
} from '../domain/subscription';
import { isFifoTopic, type TopicRef } from '../domain/topic-ref';
import { SubscriptionStore } from '../store/subscription.store';
import { TopicMetrics } from '../domain/topic-metrics';
import { TopicStore } from '../store/topic.store';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import { DeadLetters } from './dead-letters';
import { FunctionRegistry } from '@switchyard/functions';
import { withLogContext } from '@switchyard/aws-wire';
import { Clock, Metrics } from '@switchyard/runtime';
import { lambdaEvent } from '../domain/lambda-event';
import { MessagingProviders } from '../domain/recording-provider';
import { confirmationEmail, type Email, EmailSender, notificationEmail } from './email-delivery';

/** How long SNS waits for an HTTP/S endpoint to answer a delivery. */
const REQUEST_TIMEOUT_MS = 15_000;
/** The User-Agent of SNS's HTTP/S deliveries. */
const USER_AGENT = 'Amazon Simple Notification Service Agent';
/** Deliveries in flight per executor. */
const CONCURRENCY = 32;

/** A failed attempt that the retry policy retries (the endpoint was out of reach, or said 429 or 5xx). */
class RetryableDeliveryFailure extends Error {}

/**
 * Delivers to HTTP/S, Lambda, email, SMS and mobile push subscriptions: subscription confirmations and notifications, signed as the
 * topic's SignatureVersion says, with AWS's headers. A 2xx answer is a delivery; no answer, 429 or a
 * 5xx is retried by the subscription's retry policy (the job's backoff); any other answer is a
 * client-side failure, not retried. What exhausts its retries or fails client-side goes to the
 * subscription's dead-letter queue, or is dropped and counted.
 */
@Injectable()
export class HttpDeliveryWorker implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueues,
    private readonly subscriptions: SubscriptionStore,
    private readonly topics: TopicStore,
    private readonly signer: MessageSigner,
    private readonly deadLetters: DeadLetters,
    private readonly functions: FunctionRegistry,
    private readonly clock: Clock,
    private readonly email: EmailSender,
    private readonly providers: MessagingProviders,
    private readonly metrics: TopicMetrics,
    private readonly registry: Metrics,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.backlog('jobs', () =>
      this.jobs.backlog(TOPICS_JOBS, ENDPOINT_DELIVERIES, this.clock.now()),
    );
    this.jobs.worker<HttpDeliveryJob>(
      TOPICS_JOBS,
      ENDPOINT_DELIVERIES,
      // What is logged while delivering carries the message's id.
      (job, token) =>
        job.data.message
          ? withLogContext({ messageId: job.data.message.id }, () => this.process(job, token))
          : this.process(job, token),
      {
        concurrency: CONCURRENCY,
        settings: {
          backoffStrategy: (attemptsMade, _type, _err, job) =>
            retryDelaySeconds((job as Job<HttpDeliveryJob>).data.policy.retry, attemptsMade) * 1000,
        },
      },
    );
  }

  /** One attempt of one delivery. */
  async process(job: Job<HttpDeliveryJob>, token?: string): Promise<void> {
    const d = job.data;
    const topic: TopicRef = { accountId: d.accountId, region: this.options.region, name: d.topicName };
    const ref: SubscriptionRef = { topic, id: d.subscriptionId };
    if (d.type === 'UnsubscribeConfirmation') return this.unsubscribeConfirmation(job, ref);
    const subscription = await this.subscriptions.get(ref).catch((e: unknown) => {
      if (e instanceof StoreError) return undefined; // unsubscribed, or the topic is gone
      throw e;
    });
    if (!subscription) return;
    if (subscription.protocol === 'lambda') return this.invokeLambda(job, ref, subscription);
    if (subscription.protocol === 'email' || subscription.protocol === 'email-json')
      return this.sendEmail(job, ref, subscription);
    if (subscription.protocol === 'sms' || subscription.protocol === 'application')
      return this.sendThroughProvider(job, ref, subscription, subscription.protocol);
    // A throttled subscription gets at most maxReceivesPerSecond deliveries a second from all executors.
    const limit = d.policy.maxReceivesPerSecond;
    if (limit !== undefined && d.type === 'Notification') {
      const now = this.clock.now();
      const wait = await this.subscriptions.takeDeliverySlot(ref, limit, now);
      if (wait > 0) {
        await job.moveToDelayed(now + wait, token);
        throw new DelayedError();
      }
    }
    const request = await this.request(ref, subscription, d);
    let outcome: 'delivered' | 'retry' | 'client-error';
    let detail = '';
    try {
      const res = await fetch(subscription.endpoint, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      detail = `HTTP ${res.status}`;
      outcome = res.ok ? 'delivered' : res.status === 429 || res.status >= 500 ? 'retry' : 'client-error';
    } catch (e) {
      detail = (e as Error).message;
      outcome = 'retry';
    }
    if (outcome === 'delivered') {
      if (d.type === 'Notification') this.metrics.notificationsDelivered(topic, 1);
      return;
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (outcome === 'retry' && !lastAttempt)
      throw new RetryableDeliveryFailure(`${subscription.endpoint}: ${detail}`);
    if (d.type === 'Notification')
      await this.deadLetters.handle(
        ref,
        subscription,
        { MessageBody: request.body },
        `message ${d.message!.id}`,
        detail,
      );
  }

  /**
   * A Lambda subscription: the function registered under the endpoint's name gets Lambda's SNS event.
   * An unregistered function is a client-side failure; an error or no answer is retried.
   */
  private async invokeLambda(
    job: Job<HttpDeliveryJob>,
    ref: SubscriptionRef,
    sub: StoredSubscription,
  ): Promise<void> {
    const message = job.data.message!;
    const version = (await this.signatureVersion(ref.topic)) as '1' | '2';
    const envelope = notificationEnvelope(ref, 'lambda', message, this.options.publicUrl);
    const event = lambdaEvent(ref, message, envelope.Message, this.options.publicUrl, {
      version,
      value: await this.signer.sign(envelope, version),
      certUrl: this.signer.signingCertUrl,
    });
    let detail: string;
    let retry = false;
    try {
      const result = await this.functions.invoke(sub.endpoint, event);
      if (result && result.status >= 200 && result.status < 300) {
        this.metrics.notificationsDelivered(ref.topic, 1);
        return;
      }
      detail = result
        ? `the function answered HTTP ${result.status}`
        : 'no function of that name is registered';
      retry = result !== undefined;
    } catch (e) {
      detail = (e as Error).message;
      retry = true;
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (retry && !lastAttempt) throw new RetryableDeliveryFailure(`${sub.endpoint}: ${detail}`);
    await this.deadLetters.handle(
      ref,
      sub,
      { MessageBody: JSON.stringify(event) },
      `message ${message.id}`,
      detail,
    );
  }

  /**
   * An email subscription: the confirmation mail, or the notification (the message, or its JSON
   * envelope for `email-json`) through the SMTP relay. No relay configured is a client-side failure;
   * a relay that refuses or cannot be reached is retried.
   */
  private async sendEmail(
    job: Job<HttpDeliveryJob>,
    ref: SubscriptionRef,
    sub: StoredSubscription,
  ): Promise<void> {
    const d = job.data;
    const topicArn = topicArnOf(ref);
    let email: Email;
    let body = '';
    if (d.type === 'SubscriptionConfirmation') {
      email = confirmationEmail(sub.endpoint, topicArn, this.subscribeUrl(topicArn, d.token!));
    } else {
      const message = d.message!;
      const unsubscribeUrl = `${this.options.publicUrl}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn(ref)}`;
      const json = sub.protocol === 'email-json';
      const request = json ? await this.request(ref, sub, d) : undefined;
      body = request?.body ?? messageFor(message, sub.protocol);
      email = notificationEmail(sub.endpoint, message.subject, body, unsubscribeUrl, json);
    }
    let detail: string;
    let retry = false;
    try {
      if (await this.email.send(email)) {
        if (d.type === 'Notification') this.metrics.notificationsDelivered(ref.topic, 1);
        return;
      }
      detail = 'no SMTP relay is configured (SWITCHYARD_SMTP_URL)';
    } catch (e) {
      detail = (e as Error).message;
      retry = true;
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (retry && !lastAttempt) throw new RetryableDeliveryFailure(`${sub.endpoint}: ${detail}`);
    if (d.type === 'Notification')
      await this.deadLetters.handle(ref, sub, { MessageBody: body }, `message ${d.message!.id}`, detail);
  }

  /** SMS and mobile push: through the configured provider; with none configured, a client-side failure. */
  private async sendThroughProvider(
    job: Job<HttpDeliveryJob>,
    ref: SubscriptionRef,
    sub: StoredSubscription,
    kind: 'sms' | 'application',
  ): Promise<void> {
    const message = job.data.message!;
    const text = messageFor(message, kind === 'sms' ? 'sms' : 'default');
    const sent = await this.providers.send(
      kind,
      {
        endpoint: sub.endpoint,
        message: text,
        messageId: message.id,
        topicArn: topicArnOf(ref),
        subscriptionArn: subscriptionArn(ref),
      },
      this.clock.now(),
    );
    if (sent) this.metrics.notificationsDelivered(ref.topic, 1);
    else
      await this.deadLetters.handle(
        ref,
        sub,
        { MessageBody: text },
        `message ${message.id}`,
        `no ${kind} provider is configured`,
      );
  }

  /** Tells an HTTP/S endpoint its subscription is gone; retried as its notifications were. */
  private async unsubscribeConfirmation(job: Job<HttpDeliveryJob>, ref: SubscriptionRef): Promise<void> {
    const d = job.data;
    const topicArn = topicArnOf(ref);
    const version = (await this.signatureVersion(ref.topic)) as '1' | '2';
    const unsigned: SignedMessage = {
      Type: 'UnsubscribeConfirmation',
      MessageId: `${ref.id}-${d.token!.slice(0, 8)}`,
      Token: d.token!,
      TopicArn: topicArn,
      Message: `You have chosen to deactivate subscription ${subscriptionArn(ref)}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`,
      SubscribeURL: this.subscribeUrl(topicArn, d.token!),
      Timestamp: new Date(this.clock.now()).toISOString(),
    };
    const signed: SignedMessage = {
      ...unsigned,
      SignatureVersion: version,
      Signature: await this.signer.sign(unsigned, version),
      SigningCertURL: this.signer.signingCertUrl,
    };
    const headers = {
      'content-type': d.policy.headerContentType,
      'user-agent': USER_AGENT,
      'x-amz-sns-message-type': 'UnsubscribeConfirmation',
      'x-amz-sns-message-id': unsigned.MessageId,
      'x-amz-sns-topic-arn': topicArn,
      'x-amz-sns-subscription-arn': subscriptionArn(ref),
    };
    try {
      const res = await fetch(d.endpoint!, {
        method: 'POST',
        headers,
        body: formatEnvelope(signed),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok || (res.status < 500 && res.status !== 429)) return;
    } catch {
      // no answer: retried below
    }
    if (job.attemptsMade + 1 < (job.opts.attempts ?? 1))
      throw new RetryableDeliveryFailure(`${d.endpoint}: unsubscribe confirmation`);
  }

  private subscribeUrl(topicArn: string, token: string): string {
    return `${this.options.publicUrl}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${token}`;
  }

  /** The body and headers of a delivery, as SNS sends them. */
  private async request(ref: SubscriptionRef, sub: StoredSubscription, d: HttpDeliveryJob) {
    const topicArn = topicArnOf(ref);
    const version = (await this.signatureVersion(ref.topic)) as '1' | '2';
    const headers: Record<string, string> = {
      'content-type': d.policy.headerContentType,
      'user-agent': USER_AGENT,
      'x-amz-sns-message-type': d.type,
      'x-amz-sns-topic-arn': topicArn,
    };
    if (d.type === 'SubscriptionConfirmation') {
      const unsigned: SignedMessage = {
        Type: 'SubscriptionConfirmation',
        MessageId: `${ref.id}-${d.token!.slice(0, 8)}`,
        Token: d.token!,
        TopicArn: topicArn,
        Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
        SubscribeURL: this.subscribeUrl(topicArn, d.token!),
        Timestamp: new Date(sub.createdAt).toISOString(),
      };
      headers['x-amz-sns-message-id'] = unsigned.MessageId;
      const signed: SignedMessage = {
        ...unsigned,
        SignatureVersion: version,
        Signature: await this.signer.sign(unsigned, version),
        SigningCertURL: this.signer.signingCertUrl,
      };
      return { headers, body: formatEnvelope(signed) };
    }
    const message = d.message!;
    headers['x-amz-sns-message-id'] = message.id;
    headers['x-amz-sns-subscription-arn'] = subscriptionArn(ref);
    if (sub.attributes.RawMessageDelivery === 'true') {
      headers['x-amz-sns-rawdelivery'] = 'true';
      return { headers, body: messageFor(message, sub.protocol) };
    }
    const envelope = notificationEnvelope(ref, sub.protocol, message, this.options.publicUrl);
    const signed = isFifoTopic(ref.topic)
      ? envelope
      : notificationEnvelope(ref, sub.protocol, message, this.options.publicUrl, {
          version,
          value: await this.signer.sign(envelope, version),
          certUrl: this.signer.signingCertUrl,
        });
    return { headers, body: formatEnvelope(signed) };
  }

  private async signatureVersion(topic: TopicRef): Promise<string> {
    const stored = await this.topics.get(topic).catch(() => undefined);
    return stored?.attributes.SignatureVersion ?? '1';
  }
}
