import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The secrets of a local platform: made once, kept with its data so a restart finds them again. */
export interface LocalSecrets {
  /** Signs and verifies the principal on every service call (PRINCIPAL_SIGNING_KEY). */
  principalSigningKey: string;
  /** The password of each NATS user. */
  natsPasswords: Record<string, string>;
}

function parseSecrets(text: string, path: string): LocalSecrets {
  const parsed = JSON.parse(text) as Partial<LocalSecrets>;
  const passwords = parsed.natsPasswords;
  if (typeof parsed.principalSigningKey !== 'string' || parsed.principalSigningKey.length < 32 || typeof passwords !== 'object' || passwords === null || Object.values(passwords).some((p) => typeof p !== 'string')) {
    throw new Error(`${path} is not a MicroSeg secrets file: move it away to have new secrets made`);
  }
  return { principalSigningKey: parsed.principalSigningKey, natsPasswords: { ...passwords } };
}

const secret = () => randomBytes(32).toString('hex');

/**
 * Reads `<dataDir>/secrets.json`, adding a password for each NATS user it lacks (and the signing
 * key the first time); written readable by this user only.
 */
export async function ensureLocalSecrets(dataDir: string, natsUsers: readonly string[]): Promise<LocalSecrets> {
  const path = join(dataDir, 'secrets.json');
  const stored = await readFile(path, 'utf8').then(
    (text) => parseSecrets(text, path),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  const secrets: LocalSecrets = stored ?? { principalSigningKey: secret(), natsPasswords: {} };
  const missing = natsUsers.filter((user) => !(user in secrets.natsPasswords));
  if (stored && missing.length === 0) return stored;
  for (const user of missing) secrets.natsPasswords[user] = secret();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
