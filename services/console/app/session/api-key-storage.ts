// sessionStorage, never localStorage: the key lives as long as the browser tab and no longer.
const STORAGE_KEY = 'microseg.apiKey';

export function readApiKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function storeApiKey(apiKey: string): void {
  sessionStorage.setItem(STORAGE_KEY, apiKey);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
