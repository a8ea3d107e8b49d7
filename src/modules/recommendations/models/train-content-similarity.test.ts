import { describe, expect, it } from 'vitest';
import { titleTokens } from './content-tokens.ts';
import { inputFromSequences } from './interaction-input.ts';
import { neighboursOf } from './neighbour-matrix.ts';
import { trainContentSimilarity } from './train-content-similarity.ts';

describe('trainContentSimilarity', () => {
  it('tokenises English words and Chinese character bigrams', () => {
    expect(titleTokens('蓝牙耳机 Wireless and the Ｈｅａｄｓｅｔ')).toEqual([
      '蓝牙',
      '牙耳',
      '耳机',
      'wireless',
      'headset',
    ]);
  });

  it('ranks items sharing title words and brand above unrelated ones', () => {
    const content = [
      { title: 'Rose lipstick matte red', brandId: 1 },
      { title: 'Rose lipstick glossy pink', brandId: 1 },
      { title: 'Matte nail polish red', brandId: 2 },
      { title: 'Tea tree shampoo', brandId: 3 },
      { title: 'Argan oil shampoo', brandId: 3 },
      { title: '玫瑰 口红 哑光', brandId: 1 },
      { title: '玫瑰口红 滋润', brandId: 4 },
    ];
    const model = trainContentSimilarity(inputFromSequences([], content.length, content), {
      maxDocumentShare: 0.5,
    });
    const row = neighboursOf(model.matrix, 0);
    expect(row[0]!.item).toBe(1);
    expect(row.some((n) => n.item === 3)).toBe(false);
    expect(neighboursOf(model.matrix, 3)[0]!.item).toBe(4);
    expect(neighboursOf(model.matrix, 5)[0]!.item).toBe(6);
    expect(row[0]!.score).toBeGreaterThan(0);
    expect(row[0]!.score).toBeLessThanOrEqual(1 + 1e-6);
  });
});
