import {
  credentialsMatch,
  readCookie,
  sessionCookie,
  signSessionToken,
  verifySessionToken,
} from './console-session';

const credentials = new Map([
  ['AKIDONE', 'secret-one'],
  ['AKID.DOTTED', 'secret-two'],
]);

describe('console session tokens', () => {
  it('verify for the key they were made with until they expire', () => {
    const token = signSessionToken('AKIDONE', 'secret-one', 1_000);
    expect(verifySessionToken(token, credentials, 999)).toBe('AKIDONE');
    expect(verifySessionToken(token, credentials, 1_000)).toBeUndefined();
  });

  it('carry key ids with dots', () => {
    const token = signSessionToken('AKID.DOTTED', 'secret-two', 1_000);
    expect(verifySessionToken(token, credentials, 1)).toBe('AKID.DOTTED');
  });

  it('are refused once the secret changes or the key is removed', () => {
    const token = signSessionToken('AKIDONE', 'secret-one', 1_000);
    expect(verifySessionToken(token, new Map([['AKIDONE', 'rotated']]), 1)).toBeUndefined();
    expect(verifySessionToken(token, new Map(), 1)).toBeUndefined();
  });

  it('are refused when forged or altered', () => {
    const token = signSessionToken('AKIDONE', 'secret-one', 1_000);
    const [id, , mac] = token.split('.');
    expect(verifySessionToken(`${id}.999999.${mac}`, credentials, 1)).toBeUndefined();
    expect(verifySessionToken(signSessionToken('AKIDONE', 'guess', 1_000), credentials, 1)).toBeUndefined();
    expect(verifySessionToken(`${token}x`, credentials, 1)).toBeUndefined();
    for (const bad of ['', '.', '..', 'AKIDONE', 'AKIDONE.1000', 'AKIDONE.x.y', '.1000.abc'])
      expect(verifySessionToken(bad, credentials, 1)).toBeUndefined();
  });
});

describe('credentialsMatch', () => {
  it('accepts exactly a configured pair', () => {
    expect(credentialsMatch(credentials, 'AKIDONE', 'secret-one')).toBe(true);
    expect(credentialsMatch(credentials, 'AKIDONE', 'secret-two')).toBe(false);
    expect(credentialsMatch(credentials, 'AKIDONE', '')).toBe(false);
    expect(credentialsMatch(credentials, 'AKIDNONE', 'secret-one')).toBe(false);
    expect(credentialsMatch(credentials, 'AKIDNONE', '')).toBe(false);
  });
});

describe('cookies', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; sy_console=tok.1.mac; b=2', 'sy_console')).toBe('tok.1.mac');
    expect(readCookie('a=1', 'sy_console')).toBeUndefined();
    expect(readCookie(undefined, 'sy_console')).toBeUndefined();
  });

  it('starts and ends a session scoped to the console', () => {
    expect(sessionCookie('t')).toBe('sy_console=t; HttpOnly; SameSite=Strict; Path=/_console; Max-Age=43200');
    expect(sessionCookie(undefined)).toContain('Max-Age=0');
  });
});
