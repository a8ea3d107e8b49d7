/**
 * A real Chromium for end-to-end tests, from the npm package @sparticuz/chromium (nothing is
 * downloaded at test time), or the binary in CHROMIUM_PATH (e.g. Debian's /usr/bin/chromium).
 */
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--no-zygote',
];

/** The Chromium binary to drive. */
export async function chromiumPath(): Promise<string> {
  return process.env.CHROMIUM_PATH || (await chromium.executablePath());
}

/** Launches a headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
