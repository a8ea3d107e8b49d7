import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import type { Sql } from '../../app/database.ts';
import { indexDocuments } from './index-documents.ts';
import { fixtureProducts } from './search-fixtures.ts';
import { suggest } from './suggest.ts';

let sql: Sql;
beforeAll(async () => {
  ({ sql } = await createTestDatabase());
  // only the fixtures: the template's demo shop is indexed by its seed
  await sql`truncate search_documents, search_vectors, search_terms, search_suggestions, search_labels, search_facet_cube`;
  await indexDocuments(sql, fixtureProducts);
});

const labels = async (prefix: string) => (await suggest(sql, prefix, 8)).map((s) => s.label);

describe('suggest', () => {
  it.each([
    ['蓝牙', '无线蓝牙降噪耳机'],
    ['藍牙', '无线蓝牙降噪耳机'],
    ['降噪耳', '无线蓝牙降噪耳机'],
    ['lanya', '无线蓝牙降噪耳机'],
    ['lyj', '无线蓝牙降噪耳机'],
    ['headph', 'Wireless Noise-Cancelling Headphones'],
    ['Wireless Noi', 'Wireless Noise-Cancelling Headphones'],
  ])('completes %s with %s', async (prefix, label) => {
    expect(await labels(prefix)).toContain(label);
  });

  it('suggests brands and categories before products', async () => {
    const result = await suggest(sql, 'hua', 8);
    expect(result[0]).toMatchObject({ kind: 'brand', id: 'brd_fx_huawei', label: 'Huawei' });
    expect(result.map((s) => s.label)).toContain('华为 Mate 60 Pro 智能手机');
  });

  it('never suggests an unpublished product', async () => {
    expect(await labels('unrel')).toEqual([]);
  });

  it('returns nothing for punctuation only', async () => {
    expect(await suggest(sql, '  !! ', 8)).toEqual([]);
  });
});
