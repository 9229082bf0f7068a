/** The key pair the console signs AWS requests with, kept for the browser tab's life. */

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const KEY = 'switchyard.console.credentials';

/** Any pair signs when Switchyard does not enforce SigV4. */
export const UNSIGNED_PAIR: Credentials = { accessKeyId: 'console', secretAccessKey: 'console' };

export function storedCredentials(): Credentials | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Credentials;
    return parsed.accessKeyId && parsed.secretAccessKey ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function storeCredentials(credentials: Credentials): void {
  sessionStorage.setItem(KEY, JSON.stringify(credentials));
}

export function forgetCredentials(): void {
  sessionStorage.removeItem(KEY);
}
