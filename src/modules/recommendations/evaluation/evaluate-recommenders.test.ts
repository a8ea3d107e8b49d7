import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateRecommenders, heldOutCases } from './evaluate-recommenders.ts';
import { formatReport } from './format-report.ts';
import { loadEvaluationInput } from './load-evaluation-input.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rec-eval-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Users walk a chain of items (i → i+1 within a group of 10), starting at a pseudo-random place. */
function writeSyntheticSequences(): string {
  const lines: string[] = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  for (let u = 1; u <= 300; u++) {
    const group = Math.floor(random() * 8);
    const start = Math.floor(random() * 4);
    const items = Array.from({ length: 6 }, (_, s) => group * 10 + start + s + 1);
    lines.push(`${u} ${items.join(' ')}`);
  }
  const file = path.join(dir, 'sequences.txt');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const items = ['item_id\tasin\ttitle\tattribute_ids'];
  for (let i = 1; i <= 80; i++)
    items.push(
      `${i}\tA${i}\tGroup ${Math.floor((i - 1) / 10)} product thing${i % 3}\t${Math.floor((i - 1) / 10)}`,
    );
  fs.writeFileSync(path.join(dir, 'items.tsv'), `${items.join('\n')}\n`);
  return file;
}

describe('evaluateRecommenders', () => {
  it('ranks sequential models far above popularity on a chain-structured file', () => {
    const { input } = loadEvaluationInput({
      sequences: writeSyntheticSequences(),
      items: path.join(dir, 'items.tsv'),
    });
    const report = evaluateRecommenders(input, { ks: [5, 10], tuningUsers: 100, validationFigures: true });
    const by = (name: string) => report.test.find((f) => f.model === name)!;
    expect(report.testCases).toBe(300);
    expect(report.test.map((f) => f.model)).toEqual([
      'popularity',
      'trending',
      'item-knn',
      'transitions',
      'association-rules',
      'content',
      'hybrid',
    ]);
    // Chain ends seen only as test targets cannot be predicted; the rest should be.
    expect(by('transitions').hitRates[0]).toBeGreaterThan(0.7);
    expect(by('transitions').hitRates[0]).toBeGreaterThan(3 * by('popularity').hitRates[0]!);
    expect(by('hybrid').ndcgs[1]).toBeGreaterThan(by('popularity').ndcgs[1]! + 0.3);
    expect(report.trainingMs.total).toBeGreaterThan(0);
    const text = formatReport(report, 'protocol: leave-one-out');
    expect(text).toContain('excluding items already in the user');
    expect(text).toMatch(/hybrid\s+0\.\d{4}/);
  });

  it('holds out the latest event by time in an interactions CSV, whatever the file order', () => {
    const file = path.join(dir, 'interactions.csv');
    fs.writeFileSync(file, 'user_id,item_id,timestamp\nu1,c,300\nu1,a,100\nu1,b,200\nu2,a,50\nu2,c,10\n');
    const { input, itemKeys } = loadEvaluationInput({ interactions: file });
    const test = heldOutCases(input, 1).map((c) => [
      Array.from(c.history.items, (i) => itemKeys[i]),
      itemKeys[c.target],
    ]);
    expect(test).toEqual([
      [['a', 'b'], 'c'],
      [['c'], 'a'],
    ]);
    expect(heldOutCases(input, 2).map((c) => itemKeys[c.target])).toEqual(['b']);
  });
});
