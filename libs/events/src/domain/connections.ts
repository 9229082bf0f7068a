import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@switchyard/runtime';
import { StoreError } from '@switchyard/redis';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { ConnectionStore, type ReadConnection, type StoredConnection } from '../store/connection.store';
import { ConnectionSealingKey } from './connection-key';
import {
  authorizationOf,
  type ConnectionAuthorization,
  type ConnectionParameters,
} from './connection-parameters';
import { parseConnectionArn } from './event-names';
import { type AccessToken, fetchAccessToken, OAuthFailure } from './oauth-token';
import { openSecret, sealSecret } from './sealed-secrets';

/** Tokens are fetched again this long before the endpoint said they expire. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

/** Why a connection cannot authorize a request; the two cases follow. */
export class ConnectionError extends Error {
  constructor(
    readonly connectionArn: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No connection has the ARN (none of the name, or it was deleted and made again: a new ARN). */
export class ConnectionNotFound extends ConnectionError {
  constructor(connectionArn: string) {
    super(connectionArn, `Connection ${connectionArn} does not exist.`);
  }
}

/** The connection exists but cannot authorize: it was deauthorized, or its OAuth endpoint gave no token. */
export class ConnectionNotAuthorized extends ConnectionError {
  constructor(
    connectionArn: string,
    readonly reason: string,
  ) {
    super(connectionArn, `Connection ${connectionArn} is not authorized: ${reason}`);
  }
}

/**
 * Connections as the rest of Switchyard uses them: what a request made with one must carry
 * (`authorization`, for Step Functions' HTTP tasks), and the sealing of their secrets. OAuth access
 * tokens are fetched from the connection's authorization endpoint when first needed, kept in memory
 * until shortly before they expire (or until `refresh`, after the endpoint answered 401 or 407), and
 * the outcome is recorded as the connection's state: AUTHORIZED, or DEAUTHORIZED with the reason.
 */
@Injectable()
export class Connections {
  private readonly log = new Logger(Connections.name);
  /** Access tokens by connection ARN and sealed parameters (new parameters, new token). */
  private readonly tokens = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly sealingKey: ConnectionSealingKey,
    private readonly clock: Clock,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  /** Seals a connection's parameters for storage, bound to its ARN. */
  async seal(connectionArn: string, parameters: ConnectionParameters): Promise<string> {
    return sealSecret(await this.sealingKey.get(), connectionArn, JSON.stringify(parameters));
  }

  /** Opens a connection's sealed parameters. */
  async open(connectionArn: string, sealed: string): Promise<ConnectionParameters> {
    return JSON.parse(openSecret(await this.sealingKey.get(), connectionArn, sealed)) as ConnectionParameters;
  }

  /**
   * The headers, query parameters and body parameters a request made with the connection carries.
   * Throws ConnectionNotFound when no connection has the ARN, ConnectionNotAuthorized when it cannot
   * authorize (deauthorized, or no OAuth token to be had). `refresh` fetches a new OAuth token.
   */
  async authorization(
    connectionArn: string,
    options: { refresh?: boolean } = {},
  ): Promise<ConnectionAuthorization> {
    const connection = await this.find(connectionArn);
    const { record, sealed } = connection;
    if (sealed === undefined)
      throw new ConnectionNotAuthorized(connectionArn, 'it has no authorization parameters');
    const parameters = await this.open(connectionArn, sealed);
    let token: string | undefined;
    if (record.authorizationType === 'OAUTH_CLIENT_CREDENTIALS') {
      if (!parameters.OAuthParameters)
        throw new ConnectionNotAuthorized(connectionArn, 'it has no OAuth parameters');
      token = (await this.token(connection, parameters, options.refresh ?? false)).value;
    }
    return authorizationOf(record.authorizationType, parameters, token);
  }

  /**
   * Fetches an OAuth connection's first access token and records the outcome (AUTHORIZED, or
   * DEAUTHORIZED with the reason); run after CreateConnection and UpdateConnection answered.
   */
  async authorize(accountId: string, name: string): Promise<void> {
    const connection = await this.store.get(accountId, name);
    if (connection.record.authorizationType !== 'OAUTH_CLIENT_CREDENTIALS' || !connection.sealed) return;
    const parameters = await this.open(connection.record.arn, connection.sealed);
    await this.token(connection, parameters, true).catch(() => undefined);
  }

  /** `authorize`, run after the answer: its failure is the connection's state, and logged. */
  authorizeLater(accountId: string, name: string): void {
    this.authorize(accountId, name).catch((e: Error) =>
      this.log.warn(`authorizing connection ${name} of ${accountId} failed: ${e.message}`),
    );
  }

  private async find(connectionArn: string): Promise<ReadConnection> {
    const ref = parseConnectionArn(connectionArn);
    if (!ref || ref.region !== this.options.region) throw new ConnectionNotFound(connectionArn);
    try {
      const connection = await this.store.get(ref.accountId, ref.name);
      if (connection.record.arn !== connectionArn) throw new ConnectionNotFound(connectionArn);
      return connection;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'NOT_FOUND')
        throw new ConnectionNotFound(connectionArn);
      throw error;
    }
  }

  private token(
    connection: ReadConnection,
    parameters: ConnectionParameters,
    refresh: boolean,
  ): Promise<AccessToken> {
    const key = `${connection.record.arn}\n${connection.sealed}`;
    const cached = this.tokens.get(key);
    if (cached && !refresh) {
      return cached.then((token) =>
        token.expiresAt !== undefined && token.expiresAt - TOKEN_REFRESH_MARGIN_MS <= this.clock.now()
          ? this.token(connection, parameters, true)
          : token,
      );
    }
    const fetching = this.fetchAndRecord(connection, parameters);
    this.tokens.set(key, fetching);
    fetching.catch(() => {
      if (this.tokens.get(key) === fetching) this.tokens.delete(key);
    });
    return fetching;
  }

  private async fetchAndRecord(
    connection: ReadConnection,
    parameters: ConnectionParameters,
  ): Promise<AccessToken> {
    const { record } = connection;
    try {
      const token = await fetchAccessToken(parameters.OAuthParameters!, this.clock.now());
      if (record.state !== 'AUTHORIZED')
        await this.recordState(connection, { state: 'AUTHORIZED', authorizedAt: this.clock.now() });
      return token;
    } catch (error) {
      if (!(error instanceof OAuthFailure)) throw error;
      await this.recordState(connection, { state: 'DEAUTHORIZED', stateReason: error.reason });
      throw new ConnectionNotAuthorized(record.arn, error.reason);
    }
  }

  /** Records a connection's new state, unless it changed since it was read (then that change stands). */
  private async recordState(
    connection: ReadConnection,
    change: Pick<StoredConnection, 'state' | 'stateReason' | 'authorizedAt'>,
  ): Promise<void> {
    const { record, revision } = connection;
    const { stateReason: _previous, ...rest } = record;
    const updated: StoredConnection = { ...rest, ...change };
    const accountId = parseConnectionArn(record.arn)!.accountId;
    await this.store.update(accountId, revision, updated, { keep: true }).catch((error: unknown) => {
      if (error instanceof StoreError && (error.code === 'STALE' || error.code === 'NOT_FOUND')) return;
      this.log.warn(`state of connection ${record.arn} not recorded: ${(error as Error).message}`);
    });
  }
}
