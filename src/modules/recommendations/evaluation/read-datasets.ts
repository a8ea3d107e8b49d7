/**
 * Readers for offline evaluation files: sequence files (`user item item …`, chronological),
 * interaction CSVs (`user_id,item_id,timestamp`, header optional) and item TSVs
 * (`item_id, asin, title, attribute_ids` with space-separated attribute ids).
 */
import fs from 'node:fs';
import type { ItemContent, RawInteraction } from '../models/interaction-input.ts';

/** One user's chronological item ids, as written in the file. */
export interface RawSequence {
  userKey: string;
  itemKeys: string[];
}

/** Reads a sequence file: one user per line. */
export function readSequenceFile(path: string): RawSequence[] {
  const out: RawSequence[] = [];
  for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2 || fields[0] === '') continue;
    out.push({ userKey: fields[0]!, itemKeys: fields.slice(1) });
  }
  return out;
}

/** Reads an interaction CSV; a first line whose timestamp is not a number is taken as a header. */
export function readInteractionsCsv(path: string): RawInteraction[] {
  const out: RawInteraction[] = [];
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, at) => {
    const [userKey, itemKey, time] = line
      .trim()
      .split(',')
      .map((f) => f.trim());
    if (!userKey || !itemKey) return;
    const seconds = Number(time);
    if (!Number.isFinite(seconds)) {
      if (at === 0) return;
      throw new Error(`line ${at + 1}: timestamp is not a number`);
    }
    out.push({ userKey, itemKey, time: seconds });
  });
  return out;
}

/** Reads an item TSV into content by item id (the header line is skipped). */
export function readItemsTsv(path: string): Map<string, ItemContent> {
  const out = new Map<string, ItemContent>();
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    const [itemId, , title, attributes] = line.split('\t');
    if (!itemId) continue;
    const attributeIds = (attributes ?? '')
      .trim()
      .split(/\s+/)
      .filter((a) => a !== '')
      .map(Number);
    out.set(itemId.trim(), { title: title ?? '', attributeIds });
  }
  return out;
}
