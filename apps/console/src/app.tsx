import { FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { createClients, errorMessage } from './api/aws';
import { consoleApi, SessionInfo, setUnauthorizedHandler } from './api/console-api';
import { forgetCredentials, storeCredentials, storedCredentials, UNSIGNED_PAIR } from './api/credentials';
import { Console, ConsoleContext } from './hooks';
import { links, parseRoute, Route } from './router';
import { ExecutionPage } from './views/execution-page';
import { QueuePage } from './views/queue-page';
import { QueuesPage } from './views/queues-page';
import { StateMachinePage } from './views/state-machine-page';
import { TopicPage } from './views/topic-page';
import { TopicsPage } from './views/topics-page';
import { WorkflowsPage } from './views/workflows-page';

/** What the app assumes when the console endpoints do not answer: no SigV4, the default account. */
const FALLBACK_SESSION: SessionInfo = {
  authenticated: true,
  sigv4: false,
  region: 'us-east-1',
  accountId: '000000000000',
};

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  const [session, setSession] = useState<SessionInfo | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generation, setGeneration] = useState(0);
  const route = useRoute();

  const reportError = useCallback((source: string, error: unknown) => {
    setErrors((current) => {
      if (error === undefined) {
        if (!(source in current)) return current;
        const next = { ...current };
        delete next[source];
        return next;
      }
      const message = errorMessage(error);
      return current[source] === message ? current : { ...current, [source]: message };
    });
  }, []);

  const loadSession = useCallback(async () => {
    try {
      setSession(await consoleApi.session());
      reportError('session', undefined);
    } catch (e) {
      reportError('session', `Console API unavailable (${errorMessage(e)}); signing with a fixed key pair.`);
      setSession(FALLBACK_SESSION);
    }
  }, [reportError]);

  useEffect(() => {
    void loadSession();
  }, [loadSession, generation]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      forgetCredentials();
      setSession((s) => (s ? { ...s, authenticated: false } : s));
    });
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const credentials = session?.sigv4 ? storedCredentials() : (storedCredentials() ?? UNSIGNED_PAIR);
  const needsLogin = session !== undefined && (!session.authenticated || (session.sigv4 && !credentials));

  const context = useMemo<ConsoleContext | undefined>(() => {
    if (!session || needsLogin || !credentials) return undefined;
    return {
      clients: createClients(session.region, session.accountId, credentials),
      session,
      reportError,
    };
    // A new pair of credentials comes with a new session (generation).
  }, [session, needsLogin, credentials?.accessKeyId, credentials?.secretAccessKey, reportError]);

  const logout = async () => {
    try {
      await consoleApi.logout();
    } catch (e) {
      reportError('session', e);
    }
    forgetCredentials();
    setGeneration((g) => g + 1);
  };

  const banner = Object.values(errors);
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={links.queues()}>
          Switchyard
        </a>
        {context && (
          <nav>
            <a
              data-testid="nav-queues"
              className={navClass(route, ['queues', 'queue'])}
              href={links.queues()}
            >
              Queues
            </a>
            <a
              data-testid="nav-topics"
              className={navClass(route, ['topics', 'topic'])}
              href={links.topics()}
            >
              Topics
            </a>
            <a
              data-testid="nav-workflows"
              className={navClass(route, ['workflows', 'workflow', 'execution', 'express'])}
              href={links.workflows()}
            >
              Workflows
            </a>
          </nav>
        )}
        <div className="session">
          {session && (
            <span className="muted">
              {session.region} · {session.accountId}
              {session.sigv4 && session.accessKeyId ? ` · ${session.accessKeyId}` : ''}
            </span>
          )}
          {context && session?.sigv4 && (
            <button className="link" onClick={() => void logout()}>
              Log out
            </button>
          )}
        </div>
      </header>
      {banner.length > 0 && (
        <div className="error-banner" data-testid="error-banner" role="alert">
          {banner.map((message, i) => (
            <div key={i}>{message}</div>
          ))}
        </div>
      )}
      <main>
        {!session && <p className="muted">Loading…</p>}
        {needsLogin && (
          <LoginForm
            onError={(e) => reportError('session', e)}
            onDone={() => {
              reportError('session', undefined);
              setGeneration((g) => g + 1);
            }}
          />
        )}
        {context && (
          <Console.Provider value={context}>
            <Page route={route} />
          </Console.Provider>
        )}
      </main>
    </div>
  );
}

function navClass(route: Route, pages: Route['page'][]): string {
  return pages.includes(route.page) ? 'active' : '';
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'queues':
      return <QueuesPage />;
    case 'queue':
      return <QueuePage key={route.name} name={route.name} />;
    case 'topics':
      return <TopicsPage />;
    case 'topic':
      return <TopicPage key={route.name} name={route.name} />;
    case 'workflows':
      return <WorkflowsPage />;
    case 'workflow':
      return <StateMachinePage key={route.name} name={route.name} />;
    case 'execution':
      return <ExecutionPage key={route.executionArn} executionArn={route.executionArn} express={false} />;
    case 'express':
      return <ExecutionPage key={route.executionArn} executionArn={route.executionArn} express />;
  }
}

function LoginForm({ onDone, onError }: { onDone: () => void; onError: (error: unknown) => void }) {
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecretAccessKey] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await consoleApi.login(accessKeyId.trim(), secretAccessKey);
      storeCredentials({ accessKeyId: accessKeyId.trim(), secretAccessKey });
      onDone();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card login" onSubmit={(e) => void submit(e)}>
      <h1>Sign in</h1>
      <p className="muted">
        This Switchyard checks request signatures. Sign in with one of its configured key pairs.
      </p>
      <label>
        Access key ID
        <input
          data-testid="login-access-key"
          value={accessKeyId}
          onChange={(e) => setAccessKeyId(e.target.value)}
          autoComplete="username"
          required
        />
      </label>
      <label>
        Secret access key
        <input
          data-testid="login-secret-key"
          type="password"
          value={secretAccessKey}
          onChange={(e) => setSecretAccessKey(e.target.value)}
          autoComplete="current-password"
          required
        />
      </label>
      <button data-testid="login-button" className="primary" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
