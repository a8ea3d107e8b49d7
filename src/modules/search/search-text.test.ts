import { describe, expect, it } from 'vitest';
import { indexTokens, normalizeText, pinyinTokens, queryWords, suffixKeys } from './search-text.ts';

describe('search text', () => {
  it('folds traditional Chinese, full-width letters and case', () => {
    expect(normalizeText('藍牙耳機 ＡＢＣ')).toBe('蓝牙耳机 abc');
  });

  it('segments documents into searchable words without punctuation', () => {
    expect(indexTokens('无线蓝牙降噪耳机, Noise-Cancelling!')).toEqual([
      '无线',
      '蓝牙',
      '降噪',
      '耳机',
      'noise',
      'cancelling',
    ]);
  });

  it('joins Han characters jieba could not place into one query word', () => {
    expect(queryWords('蓝芽耳机')).toEqual(['蓝芽', '耳机']);
  });

  it('writes pinyin syllables in order and each word joined', () => {
    expect(pinyinTokens('蓝牙耳机')).toEqual(['lan', 'ya', 'er', 'ji', 'lanya', 'erji']);
  });

  it('builds type-ahead keys for every word start, in pinyin and initials too', () => {
    const keys = suffixKeys('无线蓝牙耳机');
    expect(keys).toEqual(expect.arrayContaining(['无线蓝牙耳机', '蓝牙耳机', 'lanyaerji', 'lyej', 'wxlyej']));
  });
});
