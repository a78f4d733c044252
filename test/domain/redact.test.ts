import { describe, expect, it } from 'vitest';
import { createRedactor, createValueRedactor, secretFragments } from '../../src/domain/redact.js';

describe('the one redactor', () => {
  it('scrubs configured values and the parts that travel alone', () => {
    const db = 'postgres://autoscale:s3cr3t-pa55@db.example.com:5432/hub';
    const hook = 'https://hooks.slack.com/services/T0AAAAAA/B0BBBBBB/WebhookSecretPath123';
    const r = createRedactor([db, hook, 'plainvalue42']);
    const out = r(
      `connect failed for s3cr3t-pa55 at ${db}; posted to /services/T0AAAAAA/B0BBBBBB/WebhookSecretPath123; key=plainvalue42 ${encodeURIComponent('plainvalue42')}`,
    );
    for (const leak of ['s3cr3t-pa55', 'WebhookSecretPath123', 'plainvalue42']) expect(out).not.toContain(leak);
    expect(secretFragments(db)).toContain('s3cr3t-pa55');
  });

  it('scrubs the shapes of secrets it was never told about', () => {
    const r = createRedactor([]);
    const text = [
      'Authorization: Bearer abcdefghijklmnop',
      '"x-api-key":"sk-ant-api03-abcdefghijklmnopqrstuv"',
      'https://graph.facebook.com/v25.0/me?access_token=EAAGabcdefghijklmnopqrstuvwxyz',
      'xoxb-1234567890-abcdefghij xapp-1-A111-222-abcdef',
      'postgres://user:hunter2hunter2@host/db',
      'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.abcdefghijklmnop',
      'https://hooks.slack.com/services/T0AAAAAA/B0BBBBBB/abcdefghijklmnopqrstuvwx',
    ].join('\n');
    const out = r(text);
    for (const leak of [
      'abcdefghijklmnop',
      'sk-ant-api03',
      'EAAGabcdef',
      'xoxb-1234567890',
      'xapp-1-A111',
      'hunter2hunter2',
      'eyJyb2xlIjoic2VydmljZV9yb2xlIn0',
      'abcdefghijklmnopqrstuvwx',
    ])
      expect(out).not.toContain(leak);
    expect(out).toContain('graph.facebook.com/v25.0/me');
  });

  it('leaves ordinary text alone (the value redactor is the one used on post texts)', () => {
    const text = 'Token de confiance : une clinique de Laval répond à 100 % des appels.';
    expect(createValueRedactor(['unrelated-secret-value'])(text)).toBe(text);
    expect(createRedactor(['unrelated-secret-value'])(text)).toBe(text);
  });
});
