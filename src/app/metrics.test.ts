import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support.ts';

describe('/metrics', () => {
  it('counts answered requests per route in the Prometheus histogram format', async () => {
    const { app } = await createTestApp();
    await app.inject('/health');
    await app.inject('/health');
    await app.inject('/no-such-page');
    const text = (await app.inject('/metrics')).body;
    expect(text).toContain(
      'lantern_http_request_duration_seconds_count{method="GET",route="/health",status="2xx"} 2',
    );
    expect(text).toMatch(
      /lantern_http_request_duration_seconds_count\{method="GET",route="unmatched",status="4xx"\} 1/,
    );
    expect(text).toMatch(/lantern_process_resident_memory_bytes \d+/);
  });
});
