/**
 * Packs a model snapshot into one byte buffer (for a bytea column) and back: a little-endian
 * header length, a JSON header naming each array's type, length and offset, then the arrays'
 * bytes, each aligned to 8 bytes so they can be viewed without copying.
 */
import type { ModelSnapshot, PackedArray } from './recommender.ts';

const TYPES = { Int32Array, Float32Array, Float64Array, Uint8Array } as const;
type TypeName = keyof typeof TYPES;

interface Header {
  kind: string;
  params: Record<string, unknown>;
  arrays: { name: string; type: TypeName; length: number; offset: number }[];
}

/** Encodes a snapshot as bytes. */
export function packSnapshot(snapshot: ModelSnapshot): Buffer {
  let offset = 0;
  const arrays = Object.entries(snapshot.arrays).map(([name, array]) => {
    const entry = { name, type: typeName(array), length: array.length, offset };
    offset += align8(array.byteLength);
    return entry;
  });
  const header: Header = { kind: snapshot.kind, params: snapshot.params, arrays };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align8(4 + json.length);
  const out = Buffer.alloc(start + offset);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  for (const entry of arrays) {
    const array = snapshot.arrays[entry.name]!;
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, start + entry.offset);
  }
  return out;
}

/** Decodes bytes made by `packSnapshot` (arrays are copied into fresh aligned buffers). */
export function unpackSnapshot(bytes: Uint8Array): ModelSnapshot {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.readUInt32LE(0);
  const header = JSON.parse(view.subarray(4, 4 + jsonLength).toString('utf8')) as Header;
  const start = align8(4 + jsonLength);
  const arrays: Record<string, PackedArray> = {};
  for (const entry of header.arrays) {
    const Type = TYPES[entry.type];
    const array = new Type(entry.length);
    const from = start + entry.offset;
    Buffer.from(array.buffer).set(view.subarray(from, from + array.byteLength));
    arrays[entry.name] = array;
  }
  return { kind: header.kind, params: header.params, arrays };
}

function typeName(array: PackedArray): TypeName {
  for (const [name, Type] of Object.entries(TYPES)) if (array instanceof Type) return name as TypeName;
  throw new Error('unsupported array type');
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
