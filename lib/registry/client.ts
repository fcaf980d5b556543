import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import type { CompatibilityLevel } from '@/lib/schemadiff/types';
import { levelSource, readCompatibilityLevel, readCompatibilityMessages } from './dialect';
import { splitUrlCredentials } from '@/lib/config/redact';

export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface RegisteredSchema {
  id: number;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReference[];
}

export interface SubjectVersion extends RegisteredSchema {
  subject: string;
  version: number;
}

export interface SchemaIdVersion {
  subject: string;
  version: number;
}

type RegistryConfig = NonNullable<ClusterConfig['registry']>;

/**
 * A client for the Confluent-compatible schema-registry API (Confluent, Karapace, Apicurio's
 * ccompat/v7, Redpanda). Schemas are immutable per id, so lookups by id are cached for the
 * life of the process.
 */
export class RegistryClient {
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly byId = new Map<number, Promise<RegisteredSchema>>();
  private readonly versionsById = new Map<number, Promise<SchemaIdVersion[]>>();

  constructor(private readonly config: RegistryConfig) {
    // Credentials written into the URL become Basic auth, so that the URL kept here (and shown
    // in errors) carries no secret; fetch refuses URLs with user info anyway.
    const split = splitUrlCredentials(config.url);
    this.base = split.url.replace(/\/+$/, '');
    this.headers = { accept: 'application/vnd.schemaregistry.v1+json, application/json' };
    const username = config.username ?? split.username;
    const password = config.username !== undefined ? config.password : split.password;
    if (username !== undefined) {
      const token = Buffer.from(`${username}:${password ?? ''}`).toString('base64');
      this.headers.authorization = `Basic ${token}`;
    } else if (config.bearerToken) {
      this.headers.authorization = `Bearer ${config.bearerToken}`;
    }
  }

  private async request<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: init.method ?? 'GET',
        headers:
          init.body === undefined
            ? this.headers
            : { ...this.headers, 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
        cache: 'no-store',
      });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached';
      throw new AppError('REGISTRY_UNAVAILABLE', `the schema registry at ${this.base} ${reason}`, {
        cause: error,
      });
    }
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const errorCode = (body as { error_code?: number } | undefined)?.error_code;
      const message = (body as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
      // Confluent error codes: 40401 subject, 40402 version, 40403 schema not found.
      if (errorCode === 40403) throw new AppError('UNKNOWN_SCHEMA', message);
      if (errorCode === 40401 || errorCode === 40402 || response.status === 404)
        throw new AppError('UNKNOWN_SUBJECT', message);
      if (response.status === 401 || response.status === 403) {
        throw new AppError(
          'REGISTRY_UNAVAILABLE',
          `the schema registry refused the credentials (${response.status})`,
        );
      }
      // A 400 is the registry refusing what it was asked (e.g. a subject name it does not allow): the caller's input, not an outage.
      if (response.status === 400 || response.status === 409 || response.status === 422)
        throw new AppError('BAD_REQUEST', `the schema registry rejected the request: ${message}`);
      throw new AppError(
        'REGISTRY_UNAVAILABLE',
        `the schema registry answered ${response.status}: ${message}`,
      );
    }
    return body as T;
  }

  listSubjects(): Promise<string[]> {
    return this.request<string[]>('/subjects');
  }

  listVersions(subject: string): Promise<number[]> {
    return this.request<number[]>(`/subjects/${encodeURIComponent(subject)}/versions`);
  }

  async getSubjectVersion(subject: string, version: number | 'latest'): Promise<SubjectVersion> {
    return this.readSubjectVersion(subject, version, '');
  }

  getSchemaById(id: number): Promise<RegisteredSchema> {
    let pending = this.byId.get(id);
    if (!pending) {
      pending = this.request<{ schema: string; schemaType?: SchemaType; references?: SchemaReference[] }>(
        `/schemas/ids/${id}`,
      ).then(
        (raw) => ({
          id,
          schema: raw.schema,
          schemaType: raw.schemaType ?? 'AVRO',
          references: raw.references ?? [],
        }),
        (error: unknown) => {
          this.byId.delete(id); // only successes are cached
          if (error instanceof AppError && error.code === 'UNKNOWN_SUBJECT')
            throw new AppError('UNKNOWN_SCHEMA', `schema id ${id} is not in the registry`);
          throw error;
        },
      );
      this.byId.set(id, pending);
    }
    return pending;
  }

  /**
   * The subjects and versions under which a schema id is registered (cached; [] when unknown).
   * `fresh` asks again: registering the same schema under another subject adds to the list.
   */
  getSchemaVersions(id: number, options: { fresh?: boolean } = {}): Promise<SchemaIdVersion[]> {
    if (options.fresh) this.versionsById.delete(id);
    let pending = this.versionsById.get(id);
    if (!pending) {
      pending = this.request<SchemaIdVersion[]>(`/schemas/ids/${id}/versions`).then(
        (raw) => (Array.isArray(raw) ? raw.map((v) => ({ subject: v.subject, version: v.version })) : []),
        (error: unknown) => {
          this.versionsById.delete(id);
          throw error;
        },
      );
      this.versionsById.set(id, pending);
    }
    return pending;
  }

  /**
   * The id of a schema GUID, as newer serializers put in record headers (`/schemas/guids/{guid}/ids`,
   * one id per context; the default context "." first). Registries without GUIDs answer 404.
   */
  async getSchemaIdByGuid(guid: string): Promise<number> {
    const ids = await this.request<{ context?: string; id: number }[]>(
      `/schemas/guids/${encodeURIComponent(guid)}/ids`,
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'UNKNOWN_SUBJECT')
        throw new AppError('UNKNOWN_SCHEMA', `schema GUID ${guid} is not in the registry`);
      throw error;
    });
    const chosen = Array.isArray(ids)
      ? (ids.find((i) => i.context === '.' || i.context === '' || i.context === undefined) ?? ids[0])
      : undefined;
    if (!chosen || typeof chosen.id !== 'number')
      throw new AppError('UNKNOWN_SCHEMA', `schema GUID ${guid} is not in the registry`);
    return chosen.id;
  }

  async register(
    subject: string,
    schema: string,
    schemaType: SchemaType = 'AVRO',
    references: SchemaReference[] = [],
  ): Promise<number> {
    const body: Record<string, unknown> = { schema };
    if (schemaType !== 'AVRO') body.schemaType = schemaType;
    if (references.length) body.references = references;
    const res = await this.request<{ id: number }>(`/subjects/${encodeURIComponent(subject)}/versions`, {
      method: 'POST',
      body,
    });
    return res.id;
  }

  /** Soft-deletes a subject, then, with `permanent`, removes it for good (as Confluent requires). */
  async deleteSubject(subject: string, permanent = false): Promise<void> {
    const path = `/subjects/${encodeURIComponent(subject)}`;
    await this.request(path, { method: 'DELETE' });
    if (permanent) await this.request(`${path}?permanent=true`, { method: 'DELETE' });
  }

  async setCompatibility(subject: string | null, level: string): Promise<void> {
    const path = subject ? `/config/${encodeURIComponent(subject)}` : '/config';
    await this.request(path, { method: 'PUT', body: { compatibility: level } });
  }

  // Schema review: subjects with their levels, soft-deleted versions, references, checks.

  /** The versions of a subject, soft-deleted ones included (`deleted=true`). */
  listVersionsIncludingDeleted(subject: string): Promise<number[]> {
    return this.request<number[]>(`/subjects/${encodeURIComponent(subject)}/versions?deleted=true`);
  }

  /** One version, found even when soft-deleted. */
  async getSubjectVersionIncludingDeleted(subject: string, version: number): Promise<SubjectVersion> {
    return this.readSubjectVersion(subject, version, '?deleted=true');
  }

  /** A subject version as the registry answers it, with Avro and no references when it leaves them out. */
  private async readSubjectVersion(
    subject: string,
    version: number | 'latest',
    query: '' | '?deleted=true',
  ): Promise<SubjectVersion> {
    const raw = await this.request<{
      id: number;
      subject: string;
      version: number;
      schema: string;
      schemaType?: SchemaType;
      references?: SchemaReference[];
    }>(`/subjects/${encodeURIComponent(subject)}/versions/${version}${query}`);
    return {
      id: raw.id,
      subject: raw.subject,
      version: raw.version,
      schema: raw.schema,
      schemaType: raw.schemaType ?? 'AVRO',
      references: raw.references ?? [],
    };
  }

  /** Ids of the schemas that reference this version. */
  async getReferencedBy(subject: string, version: number): Promise<number[]> {
    const ids = await this.request<unknown>(
      `/subjects/${encodeURIComponent(subject)}/versions/${version}/referencedby`,
    );
    return Array.isArray(ids) ? ids.filter((x): x is number => typeof x === 'number') : [];
  }

  async getGlobalCompatibility(): Promise<CompatibilityLevel> {
    return readCompatibilityLevel(await this.request<unknown>('/config')) ?? 'BACKWARD';
  }

  /** The level that applies to a subject and whether it is the subject's own or the global one. */
  async getSubjectCompatibility(
    subject: string,
  ): Promise<{ level: CompatibilityLevel; source: 'subject' | 'global' }> {
    const path = `/config/${encodeURIComponent(subject)}`;
    const orNull = (error: unknown) => {
      if (error instanceof AppError && error.code === 'UNKNOWN_SUBJECT') return null;
      throw error;
    };
    const [own, effective] = await Promise.all([
      this.request<unknown>(path).then(readCompatibilityLevel, orNull),
      this.request<unknown>(`${path}?defaultToGlobal=true`).then(readCompatibilityLevel, orNull),
    ]);
    const level = effective ?? (await this.getGlobalCompatibility());
    return { level, source: levelSource(own, level) };
  }

  /** Removes a subject's own level, so that the global one applies. */
  async deleteSubjectCompatibility(subject: string): Promise<void> {
    await this.request(`/config/${encodeURIComponent(subject)}`, { method: 'DELETE' }).catch(
      (error: unknown) => {
        if (!(error instanceof AppError && error.code === 'UNKNOWN_SUBJECT')) throw error;
      },
    );
  }

  /**
   * The registry's own verdict: may `schema` follow `version` of the subject under its level?
   * `'all'` asks against the versions the level names (every one for a transitive level).
   */
  async checkCompatibility(
    subject: string,
    version: number | 'latest' | 'all',
    schema: string,
    schemaType: SchemaType = 'AVRO',
    references: SchemaReference[] = [],
  ): Promise<{ compatible: boolean; messages: string[] }> {
    const body: Record<string, unknown> = { schema };
    if (schemaType !== 'AVRO') body.schemaType = schemaType;
    if (references.length) body.references = references;
    const versions = version === 'all' ? 'versions' : `versions/${version}`;
    const raw = await this.request<{ is_compatible?: boolean }>(
      `/compatibility/subjects/${encodeURIComponent(subject)}/${versions}?verbose=true`,
      { method: 'POST', body },
    );
    return { compatible: raw?.is_compatible === true, messages: readCompatibilityMessages(raw) };
  }

  /** The version a schema text is registered as under a subject (after `register`). */
  async lookupVersion(
    subject: string,
    schema: string,
    schemaType: SchemaType = 'AVRO',
    references: SchemaReference[] = [],
  ): Promise<{ id: number; version: number }> {
    const body: Record<string, unknown> = { schema };
    if (schemaType !== 'AVRO') body.schemaType = schemaType;
    if (references.length) body.references = references;
    const raw = await this.request<{ id: number; version: number }>(
      `/subjects/${encodeURIComponent(subject)}`,
      { method: 'POST', body },
    );
    return { id: raw.id, version: raw.version };
  }
}
