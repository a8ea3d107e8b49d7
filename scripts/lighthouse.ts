/**
 * `npm run lighthouse`: Lighthouse (mobile, default throttling) on the home and a product page
 * of a Lantern started in its own process on the demo data. Prints the four category scores per
 * page and exits non-zero when any is below 90. Chromium comes from @sparticuz/chromium (or
 * CHROMIUM_PATH); nothing is downloaded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, chromiumPath } from '../test/browser.ts';
import { freePort } from '../test/free-port.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

async function startLantern(port: number): Promise<ChildProcess> {
  const pgPort = await freePort();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        EMBEDDED_PG_PORT: String(pgPort),
        LANTERN_DATA_DIR: path.resolve('.data/lighthouse'),
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready in') && resolve(child));
    child.once('exit', (code) => reject(new Error(`Lantern exited (${code})`)));
  });
}

async function firstProductPath(base: string): Promise<string> {
  const res = await fetch(`${base}/store/products?page_size=1`);
  const list = (await res.json()) as { items: { slug: string }[] };
  return `/p/${list.items[0]!.slug}`;
}

async function main() {
  const port = await freePort();
  const app = await startLantern(port);
  const base = `http://localhost:${port}`;
  const chrome = await chromeLauncher.launch({
    chromePath: await chromiumPath(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  let failed = false;
  try {
    const pages = [
      { name: 'home', path: '/' },
      { name: 'product', path: await firstProductPath(base) },
    ];
    for (const page of pages) {
      await fetch(base + page.path); // warm caches as a real visitor's predecessors would
      const result = await lighthouse(base + page.path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        formFactor: 'mobile',
        screenEmulation: { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false },
      });
      const categories = result!.lhr.categories;
      const scores = CATEGORIES.map((c) => Math.round((categories[c]?.score ?? 0) * 100));
      if (scores.some((s) => s < 90)) failed = true;
      console.log(`${page.name.padEnd(8)} ${CATEGORIES.map((c, i) => `${c} ${scores[i]}`).join('  ')}`);
      for (const c of CATEGORIES) {
        for (const ref of categories[c]?.auditRefs ?? []) {
          const audit = result!.lhr.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 0.9) {
            console.log(`         - ${c}: ${audit.id} (${audit.displayValue ?? audit.score})`);
          }
        }
      }
    }
  } finally {
    await chrome.kill();
    app.kill('SIGINT');
  }
  process.exit(failed ? 1 : 0);
}

await main();
