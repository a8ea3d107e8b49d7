import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.ts';

const run = promisify(execFile);

describe('/openapi.json with the privacy and beacon routes', () => {
  it('documents them and still lints without errors', async () => {
    const { app } = await createTestApp({ env: { DEV_OUTBOX: '1' } }); // the development outbox holds the registration links
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    const document = res.json();
    for (const route of [
      '/store/events',
      '/store/consent',
      '/store/account/export',
      '/store/account/delete',
    ]) {
      expect(Object.keys(document.paths)).toContain(route);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, res.body);
    const cli = path.resolve('node_modules/@redocly/cli/bin/cli.js');
    const result = await run(process.execPath, [cli, 'lint', file, '--format=json'], {
      maxBuffer: 20e6,
    }).catch((e: { stdout: string }) => e);
    fs.rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(result.stdout) as {
      problems: { message: string; ruleId: string; severity?: string }[];
    };
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  }, 60_000);
});
