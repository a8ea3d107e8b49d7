import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const j = Jieba.withDict(dict);
const conv = OpenCC.Converter({ from: 'tw', to: 'cn' });
for (const s of [
  '无线蓝牙降噪耳机',
  '蓝牙耳机',
  '藍牙耳機',
  '蓝芽耳机',
  'Wireless Noise-Cancelling Headphones',
  '华为 Mate 60 Pro 手机',
  '纯棉T恤 男款',
]) {
  const n = conv(s);
  console.log(
    s,
    n,
    j.cut(n),
    j.cutForSearch(n),
    pinyin(n, { toneType: 'none', type: 'array' }),
    pinyin(n, { pattern: 'first', toneType: 'none', type: 'array' }),
  );
}
let t = performance.now();
for (let i = 0; i < 10000; i++) conv('无线蓝牙降噪耳机 藍牙耳機');
console.log('opencc', (performance.now() - t) / 10000);
t = performance.now();
for (let i = 0; i < 10000; i++) pinyin('无线蓝牙降噪耳机', { toneType: 'none', type: 'array' });
console.log('pinyin', (performance.now() - t) / 10000);
