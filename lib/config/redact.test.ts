import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load';
import { redactUrl, splitUrlCredentials } from './redact';

function dirWith(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-config-'));
  writeFileSync(path.join(dir, 'console.config.json'), text);
  return dir;
}

describe('secrets stay on the server', () => {
  it('removes user info from URLs that may be shown', () => {
    expect(redactUrl('http://console:s3cret@sr.internal:8081/apis/ccompat/v7')).toBe(
      'http://sr.internal:8081/apis/ccompat/v7',
    );
    expect(redactUrl('http://sr:8081')).toBe('http://sr:8081');
    expect(redactUrl('not a url //user:pw@host')).not.toContain('pw');
  });

  it('turns user info into credentials and a clean URL', () => {
    expect(splitUrlCredentials('https://a%40b:p%3Aw@sr:8081/x')).toEqual({
      url: 'https://sr:8081/x',
      username: 'a@b',
      password: 'p:w',
    });
    expect(splitUrlCredentials('https://sr:8081/x')).toEqual({ url: 'https://sr:8081/x' });
  });

  it('substitutes a secret containing quotes and backslashes intact', () => {
    const secret = 'pa"ss\\wo}rd${X}';
    const dir = dirWith(
      JSON.stringify({
        clusters: [
          {
            id: 'prod',
            bootstrapServers: ['k1:9092'],
            sasl: { mechanism: 'PLAIN', username: 'u', password: '${KAFKA_PASSWORD}' },
          },
        ],
      }),
    );
    expect(loadConfig({ KAFKA_PASSWORD: secret }, dir).clusters[0]!.sasl?.password).toBe(secret);
  });

  it('never quotes the configuration text in a syntax error', () => {
    const dir = dirWith(
      '{ "clusters": [ { "id": "prod", "sasl": { "password": "${KAFKA_PASSWORD}" } oops } ] }',
    );
    let message = '';
    try {
      loadConfig({ KAFKA_PASSWORD: 'hunter2-secret' }, dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('oops');
  });
});
