/**
 * Turns evaluation files into the models' input through the same mapping production uses
 * (`buildInteractionInput`): sequence files get one synthetic, increasing time per position so
 * order is kept, but the times are dropped again since a sequence file carries no real time.
 */
import {
  buildInteractionInput,
  type InteractionInput,
  type ItemContent,
} from '../models/interaction-input.ts';
import { readInteractionsCsv, readItemsTsv, readSequenceFile } from './read-datasets.ts';

/** Where to read from: exactly one of `sequences` or `interactions`, optional `items`. */
export interface EvaluationFiles {
  sequences?: string;
  interactions?: string;
  items?: string;
}

/** The input with content attached (when an items file is given) and the key of each item index. */
export function loadEvaluationInput(files: EvaluationFiles): { input: InteractionInput; itemKeys: string[] } {
  const content = files.items ? readItemsTsv(files.items) : undefined;
  let mapped: ReturnType<typeof buildInteractionInput>;
  if (files.sequences) {
    const events = readSequenceFile(files.sequences).flatMap((s) =>
      s.itemKeys.map((itemKey, position) => ({ userKey: s.userKey, itemKey, time: position })),
    );
    mapped = buildInteractionInput(events);
    mapped.input.times = undefined;
  } else if (files.interactions) {
    mapped = buildInteractionInput(readInteractionsCsv(files.interactions));
  } else {
    throw new Error('give --sequences FILE or --interactions FILE.csv');
  }
  if (content) {
    mapped.input.content = mapped.itemKeys.map((key): ItemContent | undefined => content.get(key));
  }
  return { input: mapped.input, itemKeys: mapped.itemKeys };
}
