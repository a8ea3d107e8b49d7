/**
 * A synthetic bilingual catalogue for the search benchmark: a category tree, brands per
 * department, and products whose titles combine real shopping vocabulary (adjectives, materials,
 * colours, nouns). Deterministic (seeded), so runs compare.
 */
import type { IndexableProduct, LocalizedText } from '../src/modules/search/search-document.ts';

type T = [string, string];
interface Leaf {
  slug: string;
  name: T;
  nouns: T[];
  adjectives: T[];
  price: [number, number];
}
interface Department {
  slug: string;
  name: T;
  brands: T[];
  leaves: Leaf[];
}

const DEPARTMENTS: Department[] = [
  {
    slug: 'electronics',
    name: ['数码电子', 'Electronics'],
    brands: [
      ['索尼', 'Sony'],
      ['华为', 'Huawei'],
      ['小米', 'Xiaomi'],
      ['苹果', 'Apple'],
      ['漫步者', 'Edifier'],
      ['联想', 'Lenovo'],
      ['三星', 'Samsung'],
      ['倍思', 'Baseus'],
    ],
    leaves: [
      {
        slug: 'headphones',
        name: ['耳机', 'Headphones'],
        nouns: [
          ['蓝牙耳机', 'Bluetooth Headphones'],
          ['降噪耳机', 'Noise-Cancelling Headphones'],
          ['头戴式耳机', 'Over-Ear Headphones'],
          ['入耳式耳机', 'In-Ear Earbuds'],
          ['运动耳机', 'Sport Earphones'],
        ],
        adjectives: [
          ['无线', 'Wireless'],
          ['主动降噪', 'Active Noise-Cancelling'],
          ['高保真', 'Hi-Fi'],
          ['低延迟', 'Low-Latency'],
        ],
        price: [9_900, 299_900],
      },
      {
        slug: 'phones',
        name: ['手机', 'Mobile Phones'],
        nouns: [
          ['智能手机', 'Smartphone'],
          ['折叠屏手机', 'Foldable Phone'],
          ['5G手机', '5G Phone'],
        ],
        adjectives: [
          ['旗舰', 'Flagship'],
          ['轻薄', 'Slim'],
          ['长续航', 'Long-Battery'],
        ],
        price: [99_900, 1_299_900],
      },
      {
        slug: 'speakers',
        name: ['音箱', 'Speakers'],
        nouns: [
          ['蓝牙音箱', 'Bluetooth Speaker'],
          ['智能音箱', 'Smart Speaker'],
          ['回音壁', 'Soundbar'],
        ],
        adjectives: [
          ['便携', 'Portable'],
          ['防水', 'Waterproof'],
          ['重低音', 'Deep Bass'],
        ],
        price: [9_900, 399_900],
      },
      {
        slug: 'chargers',
        name: ['充电配件', 'Chargers'],
        nouns: [
          ['充电宝', 'Power Bank'],
          ['快充充电器', 'Fast Charger'],
          ['数据线', 'Charging Cable'],
          ['无线充电器', 'Wireless Charger'],
        ],
        adjectives: [
          ['大容量', 'High-Capacity'],
          ['氮化镓', 'GaN'],
          ['迷你', 'Mini'],
        ],
        price: [1_900, 39_900],
      },
      {
        slug: 'laptops',
        name: ['笔记本电脑', 'Laptops'],
        nouns: [
          ['笔记本电脑', 'Laptop'],
          ['游戏本', 'Gaming Laptop'],
          ['平板电脑', 'Tablet'],
        ],
        adjectives: [
          ['轻薄', 'Ultralight'],
          ['高性能', 'High-Performance'],
          ['触控', 'Touchscreen'],
        ],
        price: [199_900, 1_999_900],
      },
      {
        slug: 'watches',
        name: ['智能手表', 'Smart Watches'],
        nouns: [
          ['智能手表', 'Smart Watch'],
          ['运动手环', 'Fitness Band'],
        ],
        adjectives: [
          ['心率监测', 'Heart-Rate'],
          ['防水', 'Waterproof'],
          ['长续航', 'Long-Battery'],
        ],
        price: [19_900, 499_900],
      },
    ],
  },
  {
    slug: 'clothing',
    name: ['服装', 'Clothing'],
    brands: [
      ['优衣库', 'Uniqlo'],
      ['李宁', 'Li-Ning'],
      ['安踏', 'Anta'],
      ['波司登', 'Bosideng'],
      ['耐克', 'Nike'],
      ['阿迪达斯', 'Adidas'],
    ],
    leaves: [
      {
        slug: 'tshirts',
        name: ['T恤', 'T-Shirts'],
        nouns: [
          ['圆领T恤', 'Crew-Neck T-Shirt'],
          ['短袖T恤', 'Short-Sleeve Tee'],
          ['POLO衫', 'Polo Shirt'],
        ],
        adjectives: [
          ['纯棉', 'Cotton'],
          ['宽松', 'Relaxed'],
          ['速干', 'Quick-Dry'],
        ],
        price: [3_900, 29_900],
      },
      {
        slug: 'jackets',
        name: ['外套', 'Jackets'],
        nouns: [
          ['羽绒服', 'Down Jacket'],
          ['冲锋衣', 'Hardshell Jacket'],
          ['风衣', 'Trench Coat'],
          ['夹克', 'Jacket'],
        ],
        adjectives: [
          ['保暖', 'Warm'],
          ['防风', 'Windproof'],
          ['轻便', 'Lightweight'],
        ],
        price: [19_900, 199_900],
      },
      {
        slug: 'shoes',
        name: ['鞋靴', 'Shoes'],
        nouns: [
          ['跑步鞋', 'Running Shoes'],
          ['板鞋', 'Skate Shoes'],
          ['篮球鞋', 'Basketball Shoes'],
          ['徒步鞋', 'Hiking Boots'],
        ],
        adjectives: [
          ['透气', 'Breathable'],
          ['缓震', 'Cushioned'],
          ['防滑', 'Non-Slip'],
        ],
        price: [9_900, 129_900],
      },
      {
        slug: 'pants',
        name: ['裤装', 'Trousers'],
        nouns: [
          ['牛仔裤', 'Jeans'],
          ['运动裤', 'Joggers'],
          ['休闲裤', 'Chinos'],
        ],
        adjectives: [
          ['修身', 'Slim-Fit'],
          ['弹力', 'Stretch'],
          ['直筒', 'Straight-Leg'],
        ],
        price: [7_900, 59_900],
      },
    ],
  },
  {
    slug: 'home',
    name: ['家居生活', 'Home & Living'],
    brands: [
      ['宜家', 'IKEA'],
      ['无印良品', 'Muji'],
      ['网易严选', 'Yanxuan'],
      ['水星家纺', 'Mercury'],
      ['苏泊尔', 'Supor'],
      ['美的', 'Midea'],
    ],
    leaves: [
      {
        slug: 'bedding',
        name: ['床上用品', 'Bedding'],
        nouns: [
          ['四件套', 'Bedding Set'],
          ['蚕丝被', 'Silk Duvet'],
          ['乳胶枕', 'Latex Pillow'],
        ],
        adjectives: [
          ['纯棉', 'Cotton'],
          ['亲肤', 'Soft-Touch'],
          ['抗菌', 'Antibacterial'],
        ],
        price: [9_900, 199_900],
      },
      {
        slug: 'kitchen',
        name: ['厨具', 'Kitchen'],
        nouns: [
          ['不粘锅', 'Non-Stick Pan'],
          ['电饭煲', 'Rice Cooker'],
          ['保温杯', 'Insulated Bottle'],
          ['刀具套装', 'Knife Set'],
        ],
        adjectives: [
          ['不锈钢', 'Stainless Steel'],
          ['家用', 'Household'],
          ['大容量', 'Large-Capacity'],
        ],
        price: [2_900, 99_900],
      },
      {
        slug: 'appliances',
        name: ['家用电器', 'Appliances'],
        nouns: [
          ['空气净化器', 'Air Purifier'],
          ['扫地机器人', 'Robot Vacuum'],
          ['吹风机', 'Hair Dryer'],
          ['加湿器', 'Humidifier'],
        ],
        adjectives: [
          ['静音', 'Quiet'],
          ['智能', 'Smart'],
          ['负离子', 'Ionic'],
        ],
        price: [9_900, 499_900],
      },
      {
        slug: 'furniture',
        name: ['家具', 'Furniture'],
        nouns: [
          ['人体工学椅', 'Ergonomic Chair'],
          ['书桌', 'Desk'],
          ['收纳柜', 'Storage Cabinet'],
        ],
        adjectives: [
          ['实木', 'Solid Wood'],
          ['可升降', 'Height-Adjustable'],
          ['简约', 'Minimalist'],
        ],
        price: [19_900, 399_900],
      },
    ],
  },
  {
    slug: 'beauty',
    name: ['美妆个护', 'Beauty'],
    brands: [
      ['欧莱雅', "L'Oreal"],
      ['雅诗兰黛', 'Estee Lauder'],
      ['完美日记', 'Perfect Diary'],
      ['花西子', 'Florasis'],
      ['百雀羚', 'Pechoin'],
    ],
    leaves: [
      {
        slug: 'skincare',
        name: ['护肤', 'Skincare'],
        nouns: [
          ['精华液', 'Serum'],
          ['面霜', 'Face Cream'],
          ['爽肤水', 'Toner'],
          ['面膜', 'Face Mask'],
        ],
        adjectives: [
          ['保湿', 'Moisturising'],
          ['美白', 'Brightening'],
          ['抗皱', 'Anti-Wrinkle'],
        ],
        price: [4_900, 99_900],
      },
      {
        slug: 'makeup',
        name: ['彩妆', 'Makeup'],
        nouns: [
          ['口红', 'Lipstick'],
          ['粉底液', 'Foundation'],
          ['眼影盘', 'Eyeshadow Palette'],
        ],
        adjectives: [
          ['持久', 'Long-Lasting'],
          ['哑光', 'Matte'],
          ['滋润', 'Hydrating'],
        ],
        price: [5_900, 59_900],
      },
    ],
  },
  {
    slug: 'food',
    name: ['食品生鲜', 'Food'],
    brands: [
      ['三只松鼠', 'Three Squirrels'],
      ['良品铺子', 'Bestore'],
      ['蒙牛', 'Mengniu'],
      ['农夫山泉', 'Nongfu Spring'],
      ['茅台', 'Moutai'],
    ],
    leaves: [
      {
        slug: 'snacks',
        name: ['零食', 'Snacks'],
        nouns: [
          ['坚果礼盒', 'Nut Gift Box'],
          ['牛肉干', 'Beef Jerky'],
          ['饼干', 'Biscuits'],
        ],
        adjectives: [
          ['每日', 'Daily'],
          ['原味', 'Original'],
          ['低糖', 'Low-Sugar'],
        ],
        price: [1_900, 29_900],
      },
      {
        slug: 'tea',
        name: ['茶饮', 'Tea & Drinks'],
        nouns: [
          ['龙井茶', 'Longjing Tea'],
          ['普洱茶', "Pu'er Tea"],
          ['咖啡豆', 'Coffee Beans'],
          ['纯牛奶', 'Whole Milk'],
        ],
        adjectives: [
          ['明前', 'Spring-Picked'],
          ['有机', 'Organic'],
          ['精选', 'Selected'],
        ],
        price: [2_900, 199_900],
      },
    ],
  },
];
const COLOURS: T[] = [
  ['黑色', 'Black'],
  ['白色', 'White'],
  ['灰色', 'Grey'],
  ['蓝色', 'Blue'],
  ['红色', 'Red'],
  ['绿色', 'Green'],
  ['粉色', 'Pink'],
  ['米色', 'Beige'],
];
const SERIES: T[] = [
  ['经典款', 'Classic'],
  ['升级版', 'Plus'],
  ['青春版', 'Lite'],
  ['专业版', 'Pro'],
  ['限量版', 'Limited Edition'],
  ['2026新款', '2026 Edition'],
];
const PHRASES: T[] = [
  ['做工精细，品质可靠', 'Carefully made and reliable'],
  ['适合日常使用与送礼', 'Great for everyday use and as a gift'],
  ['官方正品，全国联保', 'Genuine product with nationwide warranty'],
  ['七天无理由退换', 'Seven-day no-questions returns'],
  ['轻巧便携，出行必备', 'Light and easy to carry when travelling'],
];

/** A small seeded PRNG (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const text = ([zh, en]: T): LocalizedText => ({ zh, en });

/** `count` products spread over every leaf category; about 3% drafts and 15% out of stock. */
export function generateCatalogue(count: number, seed = 42): IndexableProduct[] {
  const rnd = random(seed);
  const pick = <X>(xs: X[]): X => xs[Math.floor(rnd() * xs.length)]!;
  const leaves = DEPARTMENTS.flatMap((d) => d.leaves.map((leaf) => ({ d, leaf })));
  const products: IndexableProduct[] = [];
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const { d, leaf } = pick(leaves);
    const [bzh, ben] = pick(d.brands);
    const noun = pick(leaf.nouns);
    const adjective = pick(leaf.adjectives);
    const colour = pick(COLOURS);
    const series = pick(SERIES);
    const slugOf = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const publishedAt = new Date(start + Math.floor(rnd() * 700 * 86_400_000));
    const [lo, hi] = leaf.price;
    products.push({
      id: `prod_bench${String(i).padStart(7, '0')}`,
      slug: `bench-${i}`,
      status: rnd() < 0.03 ? 'draft' : 'published',
      title: {
        zh: `${bzh} ${adjective[0]}${noun[0]} ${series[0]} ${colour[0]}`,
        en: `${ben} ${adjective[1]} ${noun[1]} ${series[1]} ${colour[1]}`,
      },
      description: {
        zh: `${adjective[0]}${noun[0]}，${pick(PHRASES)[0]}。${pick(PHRASES)[0]}。`,
        en: `${adjective[1]} ${noun[1]}. ${pick(PHRASES)[1]}. ${pick(PHRASES)[1]}.`,
      },
      brand: { id: `brd_bench_${slugOf(ben)}`, slug: `bench-${slugOf(ben)}`, name: { zh: bzh, en: ben } },
      categories: [
        { id: `cat_bench_${d.slug}`, slug: `bench-${d.slug}`, name: text(d.name) },
        { id: `cat_bench_${leaf.slug}`, slug: `bench-${leaf.slug}`, name: text(leaf.name) },
      ],
      attributeValues: [text(colour)],
      optionValues: [text(colour), text(pick(COLOURS))],
      minPriceMinor: Math.round((lo + rnd() ** 2 * (hi - lo)) / 100) * 100,
      inStock: rnd() > 0.15,
      salesCount: Math.floor(rnd() ** 4 * 50_000),
      createdAt: publishedAt,
      publishedAt,
    });
  }
  return products;
}

/** Category and brand ids the query mix filters on. */
export const BENCH_IDS = {
  electronics: 'cat_bench_electronics',
  headphones: 'cat_bench_headphones',
  clothing: 'cat_bench_clothing',
  kitchen: 'cat_bench_kitchen',
  sony: 'brd_bench_sony',
  huawei: 'brd_bench_huawei',
  uniqlo: 'brd_bench_uniqlo',
};
