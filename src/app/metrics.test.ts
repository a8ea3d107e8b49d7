import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support.ts';
import { counter } from './metrics.ts';

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

  it('reports the counters modules register', async () => {
    const { app } = await createTestApp();
    const widgets = counter('lantern_test_widgets_total', 'Widgets made in a test.');
    widgets.inc();
    widgets.inc(2);
    expect(counter('lantern_test_widgets_total', 'again').value()).toBe(3);
    const text = (await app.inject('/metrics')).body;
    expect(text).toContain('# TYPE lantern_test_widgets_total counter');
    expect(text).toContain('lantern_test_widgets_total 3');
  });
});
