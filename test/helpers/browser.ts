import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Why browser tests cannot run here, or null when Chromium is available. */
export const browserSkipReason: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `browser tests SKIPPED: ${CHROMIUM_PATH} not found (install Debian's chromium package; CI has it)`;
if (browserSkipReason) console.warn(browserSkipReason);

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
