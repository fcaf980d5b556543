'use client';
import { Button } from '@/components/ui/button';
import { Field, Radio, Select, Textarea } from '@/components/ui/field';
import { avroTemplate } from '@/lib/produce/avro-template';
import type { ProduceEncoding, ProduceOptions } from '@/lib/schemas/produce';

type Registry = ProduceOptions['registry'];
type RegistryUp = Extract<Registry, { status: 'up' }>;

const ENCODINGS: { value: ProduceEncoding; label: string }[] = [
  { value: 'avro', label: 'Avro (JSON encoded against a schema)' },
  { value: 'json', label: 'JSON' },
  { value: 'text', label: 'Text' },
];

/** The schema as the registry holds it, indented when it is JSON. */
function prettySchema(schema: string): string {
  try {
    return JSON.stringify(JSON.parse(schema), null, 2);
  } catch {
    return schema;
  }
}

/**
 * The value of the message: how it is encoded, the subject and version for Avro (with a
 * template to start from), and the text itself.
 */
export function ValueEditor({
  registry,
  encoding,
  onEncoding,
  version,
  onSubject,
  onVersion,
  value,
  onValue,
  invalid,
}: {
  registry: Registry | undefined;
  encoding: ProduceEncoding;
  onEncoding: (encoding: ProduceEncoding) => void;
  version: string;
  onSubject: (subject: string) => void;
  onVersion: (version: string) => void;
  value: string;
  onValue: (value: string) => void;
  invalid: boolean;
}) {
  const registryUp = registry?.status === 'up' ? registry : null;
  const subjectExists = !!registryUp && registryUp.versions.length > 0;
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <legend className="px-1 text-sm font-semibold text-slate-700">Value</legend>
      <div className="mb-3 flex flex-wrap items-center gap-4" role="radiogroup" aria-label="Encoding">
        {ENCODINGS.map((e) => (
          <Radio
            key={e.value}
            name="encoding"
            checked={encoding === e.value}
            onChange={() => onEncoding(e.value)}
            disabled={e.value === 'avro' && !registryUp}
            testId={`encoding-${e.value}`}
          >
            {e.label}
          </Radio>
        ))}
      </div>

      {encoding === 'avro' && registryUp ? (
        <SchemaChoice
          registry={registryUp}
          version={version}
          onSubject={onSubject}
          onVersion={onVersion}
          onTemplate={onValue}
        />
      ) : null}
      {encoding === 'avro' && registryUp && !subjectExists ? (
        <p className="mb-3 text-xs text-amber-800">
          Subject “{registryUp.subject}” is not registered; choose another subject.
        </p>
      ) : null}
      {registry?.status === 'down' ? (
        <p className="mb-3 text-xs text-amber-800" data-testid="produce-registry-down">
          The schema registry is unreachable ({registry.problem.message}); JSON and text can still be sent.
        </p>
      ) : null}
      {registry?.status === 'not-configured' ? (
        <p className="mb-3 text-xs text-slate-500">
          No schema registry is configured for this cluster: JSON or text only.
        </p>
      ) : null}

      <Textarea
        value={value}
        onChange={(e) => onValue(e.target.value)}
        rows={16}
        spellCheck={false}
        placeholder={encoding === 'text' ? 'Any text, sent as UTF-8' : '{ "field": "value" }'}
        mono
        invalid={invalid}
        className="w-full px-3 py-2 text-[13px] leading-5"
        aria-label="Message value"
        testId="produce-value"
      />
      {encoding === 'avro' && registryUp?.schema ? (
        <details className="mt-2 text-xs text-slate-600">
          <summary className="cursor-pointer select-none">
            Show the schema (version {registryUp.schema.version})
          </summary>
          <pre
            className="mt-2 max-h-72 overflow-auto rounded bg-slate-900 p-3 text-[11px] leading-4 text-slate-100"
            data-testid="produce-schema"
          >
            {prettySchema(registryUp.schema.schema)}
          </pre>
        </details>
      ) : null}
      {encoding === 'avro' ? (
        <p className="mt-2 text-xs text-slate-500">
          Unions may be written plainly (<code>&quot;note&quot;: &quot;hi&quot;</code>) or as Avro JSON (
          <code>{'{"string": "hi"}'}</code>); missing fields with a default get it.
        </p>
      ) : null}
    </fieldset>
  );
}

/** Subject and version to encode against, and a template of the chosen schema to start from. */
function SchemaChoice({
  registry,
  version,
  onSubject,
  onVersion,
  onTemplate,
}: {
  registry: RegistryUp;
  version: string;
  onSubject: (subject: string) => void;
  onVersion: (version: string) => void;
  onTemplate: (value: string) => void;
}) {
  const schemaText = registry.schema?.schema;
  const insertTemplate = () => {
    if (!schemaText) return;
    try {
      onTemplate(JSON.stringify(avroTemplate(JSON.parse(schemaText)), null, 2));
    } catch {
      // A schema that is not JSON: nothing to insert.
    }
  };
  return (
    <div className="mb-3 flex flex-wrap items-end gap-3">
      <Field label="Subject">
        <Select
          value={registry.subject}
          onChange={(e) => onSubject(e.target.value)}
          mono
          className="max-w-xs"
          testId="produce-subject"
        >
          {!registry.subjects.includes(registry.subject) ? (
            <option value={registry.subject}>{registry.subject} (not registered)</option>
          ) : null}
          {registry.subjects.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Version">
        <Select
          value={version}
          onChange={(e) => onVersion(e.target.value)}
          testId="produce-version"
          disabled={registry.versions.length === 0}
        >
          <option value="latest">
            latest{registry.versions.length ? ` (${registry.versions[registry.versions.length - 1]})` : ''}
          </option>
          {[...registry.versions].reverse().map((v) => (
            <option key={v} value={String(v)}>
              {v}
            </option>
          ))}
        </Select>
      </Field>
      {registry.schema ? (
        <span className="pb-2 text-xs text-slate-500" data-testid="produce-schema-id">
          schema id {registry.schema.id} · {registry.schema.schemaType}
        </span>
      ) : null}
      <Button
        onClick={insertTemplate}
        disabled={!schemaText || registry.schema?.schemaType !== 'AVRO'}
        testId="produce-template"
        className="mb-0.5"
      >
        Insert template
      </Button>
    </div>
  );
}
