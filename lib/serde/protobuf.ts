import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor';
import descriptorJson from 'protobufjs/google/protobuf/descriptor.json';
import type { JsonValue } from './types';

/**
 * Protobuf payloads of the Confluent wire format, decoded with the registered schema: .proto
 * text, or a base64 `FileDescriptorProto`, the form in which Confluent's own serializers
 * (Python and others) register it and registries hand it back. The schema and its references
 * (other files, registered under their import names) go into one protobufjs Root; the message
 * indexes of each record pick the message type, in declaration order of the schema's own file
 * (top-level messages, then nested ones). Pure: no registry.
 */

const parseOptions: protobuf.IParseOptions = { keepCase: true, alternateCommentMode: true };

/** Files that Confluent's serializers and registries know without a reference. */
const builtInProtos: Record<string, string> = {
  'confluent/type/decimal.proto':
    'syntax = "proto3"; package confluent.type; message Decimal { bytes value = 1; uint32 precision = 2; int32 scale = 3; }',
  'confluent/meta.proto':
    'syntax = "proto3"; package confluent; import "google/protobuf/descriptor.proto"; message Meta { string doc = 1; map<string, string> params = 2; repeated string tags = 3; }' +
    ' extend google.protobuf.FileOptions { Meta file_meta = 1088; } extend google.protobuf.MessageOptions { Meta message_meta = 1088; }' +
    ' extend google.protobuf.FieldOptions { Meta field_meta = 1088; } extend google.protobuf.EnumOptions { Meta enum_meta = 1088; }' +
    ' extend google.protobuf.EnumValueOptions { Meta enum_value_meta = 1088; }',
};

export class ProtobufSchemaError extends Error {
  override name = 'ProtobufSchemaError';
}

export interface ProtobufFile {
  /** The import name under which other files refer to it (the reference name). */
  name: string;
  schema: string;
}

/** Top-level and nested message full names of one file, in declaration order, as an index tree. */
interface MessageNode {
  fullName: string;
  nested: MessageNode[];
}

interface DescriptorMessage {
  name?: string;
  nestedType?: DescriptorMessage[];
}

/** The decoded fields of a FileDescriptorProto that the decoder uses. */
export interface FileDescriptor {
  name?: string;
  package?: string;
  dependency?: string[];
  syntax?: string;
  messageType?: DescriptorMessage[];
  enumType?: object[];
}

/**
 * The FileDescriptorProto of a schema registered in serialized form, or null for .proto text.
 * Text always holds spaces or semicolons and base64 never does, so the two cannot be confused.
 * Throws ProtobufSchemaError when base64 does not hold a descriptor.
 */
export function fileDescriptorOf(schema: string): FileDescriptor | null {
  const text = schema.trim();
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  try {
    const message = descriptor.FileDescriptorProto.decode(Buffer.from(text, 'base64'));
    return descriptor.FileDescriptorProto.toObject(message, { arrays: true }) as FileDescriptor;
  } catch (error) {
    throw new ProtobufSchemaError(
      `the schema is base64 but not a serialized FileDescriptorProto: ${(error as Error).message}`,
    );
  }
}

function addDescriptorFile(root: protobuf.Root, file: FileDescriptor): void {
  const context = { edition: file.syntax === 'proto3' ? 'proto3' : 'proto2', keepCase: true };
  try {
    const ns = file.package ? root.define(file.package) : root;
    for (const m of file.messageType ?? [])
      ns.add(protobuf.Type.fromDescriptor(m as descriptor.IDescriptorProto, context));
    for (const e of file.enumType ?? [])
      ns.add(protobuf.Enum.fromDescriptor(e as descriptor.IEnumDescriptorProto, context));
  } catch (error) {
    throw new ProtobufSchemaError(
      `the serialized descriptor ${file.name ?? ''} does not load: ${(error as Error).message}`,
    );
  }
}

/** Message tree of a descriptor: nested types in declaration order, as Confluent's indexes count them. */
function descriptorTree(file: FileDescriptor): MessageNode[] {
  const walk = (messages: readonly DescriptorMessage[], parent: string): MessageNode[] =>
    messages.map((m) => {
      const fullName = `${parent}.${m.name ?? ''}`;
      return { fullName, nested: walk(m.nestedType ?? [], fullName) };
    });
  return walk(file.messageType ?? [], file.package ? `.${file.package}` : '');
}

function messageTree(ns: protobuf.NamespaceBase): MessageNode[] {
  const out: MessageNode[] = [];
  for (const child of ns.nestedArray) {
    if (child instanceof protobuf.Type) out.push({ fullName: child.fullName, nested: messageTree(child) });
  }
  return out;
}

/** The namespace that holds a file's top-level declarations (its package, or the root). */
function packageNamespace(root: protobuf.Root, pkg: string | undefined): protobuf.NamespaceBase {
  if (!pkg) return root;
  const ns = root.lookup(pkg);
  if (!(ns instanceof protobuf.Namespace)) throw new ProtobufSchemaError(`the package ${pkg} did not parse`);
  return ns;
}

export interface ProtobufDecoder {
  /** Full name (without the leading dot) of the message at an index path, or undefined. */
  messageTypeAt(indexes: readonly number[]): string | undefined;
  /** Decodes a payload (after the indexes); throws when the bytes do not fit. */
  decode(indexes: readonly number[], payload: Uint8Array): { value: JsonValue; messageType: string };
}

const toObjectOptions: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: String,
  defaults: false,
  json: true,
};

/**
 * Compiles a schema with its references (in dependency order; each file parsed once).
 * Throws ProtobufSchemaError when the text does not parse or a type does not resolve.
 */
export function createProtobufDecoder(
  schema: string,
  references: readonly ProtobufFile[] = [],
): ProtobufDecoder {
  const ownDescriptor = fileDescriptorOf(schema);
  const descriptors = new Map<string, FileDescriptor>();
  for (const ref of references) {
    const d = fileDescriptorOf(ref.schema);
    if (d) descriptors.set(ref.name, d);
  }
  const descriptorFiles = [...descriptors.values(), ...(ownDescriptor ? [ownDescriptor] : [])];
  const root = new protobuf.Root();
  // Serialized files go in type by type (Root.fromDescriptor would resolve before the text
  // references and well-known files are in); everything is resolved together below.
  for (const file of descriptorFiles) addDescriptorFile(root, file);
  const loaded = new Set<string>();
  const referenceNames = new Set(references.map((r) => r.name));

  const loadImports = (imports: readonly string[] | undefined) => {
    for (const name of imports ?? []) {
      if (loaded.has(name) || referenceNames.has(name)) continue;
      loaded.add(name);
      if (name === 'google/protobuf/descriptor.proto') {
        root.addJSON((descriptorJson as { nested: Record<string, protobuf.AnyNestedObject> }).nested);
        continue;
      }
      const common = protobuf.common.get(name);
      if (common?.nested) {
        root.addJSON(common.nested);
        continue;
      }
      const builtIn = builtInProtos[name];
      if (builtIn) parseInto(builtIn);
      // Anything else stays unresolved: harmless unless a field uses one of its types.
    }
  };

  const parseInto = (text: string): protobuf.IParserResult => {
    let result: protobuf.IParserResult;
    try {
      result = protobuf.parse(text, root, parseOptions);
    } catch (error) {
      throw new ProtobufSchemaError(`the .proto text does not parse: ${(error as Error).message}`);
    }
    loadImports(result.imports);
    loadImports(result.weakImports);
    return result;
  };

  for (const file of descriptorFiles) loadImports(file.dependency);
  for (const ref of references) {
    if (loaded.has(ref.name)) continue;
    loaded.add(ref.name);
    if (!descriptors.has(ref.name)) parseInto(ref.schema);
  }

  // The schema's own file alone, for the declaration order the indexes refer to.
  let tree: MessageNode[];
  if (ownDescriptor) {
    tree = descriptorTree(ownDescriptor);
  } else {
    let own: protobuf.IParserResult;
    try {
      own = protobuf.parse(schema, new protobuf.Root(), parseOptions);
    } catch (error) {
      throw new ProtobufSchemaError(`the .proto text does not parse: ${(error as Error).message}`);
    }
    tree = messageTree(packageNamespace(own.root, own.package));
    parseInto(schema);
  }

  try {
    root.resolveAll();
  } catch (error) {
    throw new ProtobufSchemaError(`the .proto schema does not resolve: ${(error as Error).message}`);
  }
  if (tree.length === 0) throw new ProtobufSchemaError('the .proto schema declares no message');

  const types = new Map<string, protobuf.Type>();
  const typeFor = (fullName: string): protobuf.Type => {
    let type = types.get(fullName);
    if (!type) {
      type = root.lookupType(fullName);
      types.set(fullName, type);
    }
    return type;
  };

  const nodeAt = (indexes: readonly number[]): MessageNode | undefined => {
    let level = tree;
    let node: MessageNode | undefined;
    for (const i of indexes) {
      node = level[i];
      if (!node) return undefined;
      level = node.nested;
    }
    return node;
  };

  return {
    messageTypeAt(indexes) {
      return nodeAt(indexes)?.fullName.replace(/^\./, '');
    },
    decode(indexes, payload) {
      const node = nodeAt(indexes);
      if (!node)
        throw new ProtobufSchemaError(
          `the message indexes [${indexes.join(', ')}] point to no message of the schema`,
        );
      const type = typeFor(node.fullName);
      const message = type.decode(payload);
      return {
        value: type.toObject(message, toObjectOptions) as JsonValue,
        messageType: node.fullName.replace(/^\./, ''),
      };
    },
  };
}
