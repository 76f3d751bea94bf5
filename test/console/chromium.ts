import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium package (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const chromiumAvailable = existsSync(CHROMIUM_PATH);

if (!chromiumAvailable) {
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!!! CONSOLE END-TO-END TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.\n` +
      `!!! Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).\n${line}\n`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
