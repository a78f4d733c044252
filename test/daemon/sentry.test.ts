import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/domain/redact.js';
import { memoryLog } from '../../src/jobs/log.js';
import { createReporter, noReporter } from '../../src/daemon/sentry.js';

describe('error reporting', () => {
  it('is off without SENTRY_DSN', async () => {
    expect(await createReporter(undefined, { release: 'x', log: memoryLog(), scrub: (t) => t })).toBe(noReporter);
  });

  it('sends scrubbed events to the DSN (loopback Sentry ingest)', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        bodies.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const secret = 'EAABsupersecrettoken';
    const reporter = await createReporter(`http://publickey@127.0.0.1:${port}/1`, {
      release: 'autoscale@test',
      environment: 'test',
      log: memoryLog(),
      scrub: (t) => redact(t, [secret]),
    });
    reporter.capture(new Error(`Graph call failed with ${secret}`), { job: 'j1' });
    await reporter.flush(5000);
    server.close();
    const all = bodies.join('\n');
    expect(all).toContain('Graph call failed with ***');
    expect(all).not.toContain(secret);
  });
});
