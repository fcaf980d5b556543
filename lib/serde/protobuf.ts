import protobuf from 'protobufjs';
import descriptorJson from 'protobufjs/google/protobuf/descriptor.json';
import type { JsonValue } from './types';

/**
 * Protobuf payloads of the Confluent wire format, decoded with the registered .proto text.
 * The schema and its references (other .proto files, registered under their import names) are
 * parsed into one protobufjs Root; the message indexes of each record pick the message type, in
 * declaration order of the schema's own file (top-level messages, then nested ones).
 * Pure: no registry.
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

const toObjectOptions: protobuf.IConversionOptions = { longs: String, enums: String, bytes: String, defaults: false, json: true };

/**
 * Compiles a schema with its references (in dependency order; each file parsed once).
 * Throws ProtobufSchemaError when the text does not parse or a type does not resolve.
 */
export function createProtobufDecoder(schema: string, references: readonly ProtobufFile[] = []): ProtobufDecoder {
  const root = new protobuf.Root();
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

  for (const ref of references) {
    if (loaded.has(ref.name)) continue;
    loaded.add(ref.name);
    parseInto(ref.schema);
  }

  // The schema's own file alone, for the declaration order the indexes refer to.
  let own: protobuf.IParserResult;
  try {
    own = protobuf.parse(schema, new protobuf.Root(), parseOptions);
  } catch (error) {
    throw new ProtobufSchemaError(`the .proto text does not parse: ${(error as Error).message}`);
  }
  const tree = messageTree(packageNamespace(own.root, own.package));
  parseInto(schema);

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
      if (!node) throw new ProtobufSchemaError(`the message indexes [${indexes.join(', ')}] point to no message of the schema`);
      const type = typeFor(node.fullName);
      const message = type.decode(payload);
      return { value: type.toObject(message, toObjectOptions) as JsonValue, messageType: node.fullName.replace(/^\./, '') };
    },
  };
}
