import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support.ts';

const run = promisify(execFile);

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document that @redocly/cli lints without errors', async () => {
    const { app } = await createTestApp();
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const document = res.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, res.body);
    const cli = path.resolve('node_modules/@redocly/cli/bin/cli.js');
    const result = await run(process.execPath, [cli, 'lint', file, '--format=json'], {
      maxBuffer: 20e6,
    }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    fs.rmSync(dir, { recursive: true, force: true });
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number };
      problems: { message: string; ruleId: string }[];
    };
    const errors = report.problems.filter((p) => (p as { severity?: string }).severity === 'error');
    expect(errors.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 60_000);
});
