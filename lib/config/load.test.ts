import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-config-'));
  writeFileSync(
    path.join(dir, 'console.config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
  );
  return dir;
}

describe('loadConfig', () => {
  it('reads clusters from the file, with defaults filled in', () => {
    const dir = dirWith({
      clusters: [
        { id: 'prod', bootstrapServers: ['k1:9092', 'k2:9092'], registry: { url: 'http://sr:8081' } },
      ],
    });
    const config = loadConfig({}, dir);
    expect(config.clusters[0]).toMatchObject({
      id: 'prod',
      clientId: 'event-store-console',
      readOnly: false,
      registry: { url: 'http://sr:8081', timeoutMs: 5000 },
    });
  });

  it('substitutes ${VAR} from the environment so secrets stay out of the file', () => {
    const dir = dirWith({
      clusters: [
        {
          id: 'prod',
          bootstrapServers: ['k1:9092'],
          sasl: { mechanism: 'SCRAM-SHA-512', username: 'console', password: '${KAFKA_PASSWORD}' },
        },
      ],
    });
    expect(loadConfig({ KAFKA_PASSWORD: 's3cret' }, dir).clusters[0]!.sasl?.password).toBe('s3cret');
    expect(() => loadConfig({}, dir)).toThrow(/KAFKA_PASSWORD/);
  });

  it('lists every problem with its path in one readable message', () => {
    const dir = dirWith({
      clusters: [
        {
          id: 'Bad Id',
          bootstrapServers: ['nohost'],
          sasl: { mechanism: 'GSSAPI', username: 'u', password: 'p' },
        },
      ],
    });
    let message = '';
    try {
      loadConfig({}, dir);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('clusters.0.id');
    expect(message).toContain('clusters.0.bootstrapServers.0: must look like host:port');
    expect(message).toContain('clusters.0.sasl.mechanism');
  });

  it('rejects duplicate cluster ids and unknown keys', () => {
    const dup = dirWith({
      clusters: [
        { id: 'a', bootstrapServers: ['k:1'] },
        { id: 'a', bootstrapServers: ['k:2'] },
      ],
    });
    expect(() => loadConfig({}, dup)).toThrow(/unique/);
    const typo = dirWith({ clusters: [{ id: 'a', bootstrapServer: ['k:1'] }] });
    expect(() => loadConfig({}, typo)).toThrow(/bootstrap/);
  });

  it('says so when the file is not JSON', () => {
    expect(() => loadConfig({}, dirWith('{ clusters: '))).toThrow(/not valid JSON/);
  });

  it('builds one cluster from environment variables when no file exists', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'console-config-'));
    const config = loadConfig(
      {
        KAFKA_BROKERS: 'a:9092, b:9092',
        SCHEMA_REGISTRY_URL: 'http://sr:8081',
        KAFKA_SASL_MECHANISM: 'PLAIN',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_READ_ONLY: 'true',
      },
      empty,
    );
    expect(config.clusters).toHaveLength(1);
    expect(config.clusters[0]).toMatchObject({
      id: 'default',
      bootstrapServers: ['a:9092', 'b:9092'],
      readOnly: true,
      sasl: { mechanism: 'PLAIN' },
    });
    expect(() => loadConfig({}, empty)).toThrow(/no cluster configured/);
  });
});
