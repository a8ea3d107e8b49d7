/**
 * The demo shop's vocabulary: categories, fictional brands, product kinds, options and
 * attributes, in 简体中文 and English. `demo-products.ts` combines them into products.
 */
import type { Glyph } from './demo-images.ts';

export interface Text {
  zh: string;
  en: string;
}

export interface OptionValue extends Text {
  code: string;
  /** Added to the base price (fen) for capacity-like options. */
  extraMinor?: number;
  /** Swatch colour, for colours. */
  hex?: string;
}

export interface OptionSpec {
  code: 'color' | 'size' | 'capacity' | 'pack';
  name: Text;
  values: OptionValue[];
  /** How many values a product offers: [min, max]. */
  pick: [number, number];
}

export interface AttributeSpec {
  code: string;
  name: Text;
  values: Text[];
}

export interface LeafCategory extends Text {
  slug: string;
  /** Bought again and again (recommendations may offer it again after a purchase). */
  consumable?: boolean;
  glyph: Glyph;
  kinds: Text[];
  series: string[];
  /** Base price range in yuan. */
  price: [number, number];
  options: OptionSpec[];
  attributes: AttributeSpec[];
  features: Text[];
  count: number;
}

export interface TopCategory extends Text {
  slug: string;
  /** Every subcategory is bought again and again. */
  consumable?: boolean;
  /** Two background colours for this category's images. */
  tint: [string, string];
  brands: (Text & { slug: string })[];
  leaves: LeafCategory[];
}

const c = (code: string, zh: string, en: string, hex: string): OptionValue => ({ code, zh, en, hex });
export const COLORS = {
  black: c('black', '黑色', 'Black', '#1f2937'),
  white: c('white', '白色', 'White', '#f8fafc'),
  silver: c('silver', '银色', 'Silver', '#cbd5e1'),
  grey: c('grey', '灰色', 'Grey', '#6b7280'),
  blue: c('blue', '蓝色', 'Blue', '#2563eb'),
  navy: c('navy', '藏青色', 'Navy', '#1e3a8a'),
  red: c('red', '红色', 'Red', '#dc2626'),
  pink: c('pink', '粉色', 'Pink', '#f472b6'),
  green: c('green', '绿色', 'Green', '#16a34a'),
  beige: c('beige', '米色', 'Beige', '#e7d7b5'),
  purple: c('purple', '紫色', 'Purple', '#7c3aed'),
  yellow: c('yellow', '黄色', 'Yellow', '#facc15'),
  gold: c('gold', '金色', 'Gold', '#d4a017'),
  orange: c('orange', '橙色', 'Orange', '#f97316'),
};
const K = COLORS;

const color = (values: OptionValue[], pick: [number, number] = [2, 3]): OptionSpec => ({
  code: 'color',
  name: { zh: '颜色', en: 'Colour' },
  values,
  pick,
});
const plain = (code: string, zh = code, en = code, extraMinor = 0): OptionValue => ({
  code,
  zh,
  en,
  extraMinor,
});
const clothingSize: OptionSpec = {
  code: 'size',
  name: { zh: '尺码', en: 'Size' },
  values: ['s', 'm', 'l', 'xl'].map((s) => plain(s, s.toUpperCase(), s.toUpperCase())),
  pick: [3, 4],
};
const shoeSize: OptionSpec = {
  code: 'size',
  name: { zh: '尺码', en: 'Size' },
  values: ['38', '39', '40', '41', '42', '43', '44'].map((s) => plain(`eu${s}`, `${s}码`, `EU ${s}`)),
  pick: [4, 5],
};
const capacity = (values: OptionValue[], pick: [number, number] = [2, 3]): OptionSpec => ({
  code: 'capacity',
  name: { zh: '容量', en: 'Capacity' },
  values,
  pick,
});
const pack = (values: OptionValue[]): OptionSpec => ({
  code: 'pack',
  name: { zh: '规格', en: 'Pack size' },
  values,
  pick: [1, 2],
});
const attr = (code: string, zh: string, en: string, values: [string, string][]): AttributeSpec => ({
  code,
  name: { zh, en },
  values: values.map(([vz, ve]) => ({ zh: vz, en: ve })),
});
const t = (zh: string, en: string): Text => ({ zh, en });

const warranty = attr('warranty', '保修', 'Warranty', [
  ['一年', '1 year'],
  ['两年', '2 years'],
]);
const origin = attr('origin', '产地', 'Made in', [
  ['中国深圳', 'Shenzhen, China'],
  ['中国杭州', 'Hangzhou, China'],
  ['中国广州', 'Guangzhou, China'],
  ['中国苏州', 'Suzhou, China'],
]);
const fabric = attr('material', '材质', 'Material', [
  ['纯棉', 'Cotton'],
  ['真丝', 'Silk'],
  ['亚麻', 'Linen'],
  ['聚酯纤维', 'Polyester'],
  ['羊毛混纺', 'Wool blend'],
]);
const season = attr('season', '适用季节', 'Season', [
  ['春夏', 'Spring/Summer'],
  ['秋冬', 'Autumn/Winter'],
  ['四季', 'All seasons'],
]);

export const CATALOG: TopCategory[] = [
  {
    slug: 'phones-digital',
    zh: '手机数码',
    en: 'Phones & Digital',
    tint: ['#6366f1', '#22d3ee'],
    brands: [
      { slug: 'sonicjoy', zh: '声悦', en: 'SonicJoy' },
      { slug: 'starriver', zh: '星河', en: 'StarRiver' },
      { slug: 'aurora-tech', zh: '极光科技', en: 'Aurora Tech' },
    ],
    leaves: [
      {
        slug: 'headphones',
        zh: '耳机',
        en: 'Headphones',
        glyph: 'headphones',
        kinds: [
          t('无线蓝牙降噪耳机', 'Wireless Bluetooth Noise-Cancelling Headphones'),
          t('头戴式无线蓝牙降噪耳机', 'Over-Ear Wireless Noise-Cancelling Headphones'),
          t('真无线蓝牙耳机', 'True Wireless Bluetooth Earbuds'),
          t('运动蓝牙耳机', 'Sports Bluetooth Headphones'),
          t('有线入耳式耳机', 'Wired In-Ear Headphones'),
        ],
        series: ['Air 3', 'Pro 2', 'Lite', 'Max', 'Buds 5', 'Studio', 'Go'],
        price: [99, 1999],
        options: [color([K.black, K.white, K.blue, K.pink, K.silver])],
        attributes: [
          attr('battery', '续航', 'Battery life', [
            ['30小时', '30 hours'],
            ['40小时', '40 hours'],
            ['24小时', '24 hours'],
          ]),
          attr('bluetooth', '蓝牙版本', 'Bluetooth', [
            ['5.3', '5.3'],
            ['5.4', '5.4'],
          ]),
          warranty,
        ],
        features: [
          t('主动降噪，通勤地铁也安静', 'active noise cancelling keeps the commute quiet'),
          t('低延迟游戏模式', 'a low-latency gaming mode'),
          t('佩戴轻盈，久戴不累', 'a light fit you can wear all day'),
        ],
        count: 18,
      },
      {
        slug: 'phones',
        zh: '手机',
        en: 'Phones',
        glyph: 'phone',
        kinds: [
          t('5G智能手机', '5G Smartphone'),
          t('拍照手机', 'Camera Phone'),
          t('折叠屏手机', 'Foldable Phone'),
        ],
        series: ['X1', 'X2 Pro', 'Nova 8', 'Mate S', 'Neo 5', 'Ultra'],
        price: [1299, 6999],
        options: [
          color([K.black, K.white, K.blue, K.green, K.purple]),
          capacity([
            plain('128gb', '128GB', '128 GB', 0),
            plain('256gb', '256GB', '256 GB', 50000),
            plain('512gb', '512GB', '512 GB', 120000),
          ]),
        ],
        attributes: [
          attr('screen', '屏幕尺寸', 'Screen size', [
            ['6.1英寸', '6.1 in'],
            ['6.7英寸', '6.7 in'],
          ]),
          attr('camera', '主摄像素', 'Main camera', [
            ['5000万像素', '50 MP'],
            ['1亿像素', '100 MP'],
          ]),
          warranty,
        ],
        features: [t('超长续航', 'all-day battery'), t('旗舰影像', 'flagship cameras')],
        count: 12,
      },
      {
        slug: 'smartwatches',
        zh: '智能手表',
        en: 'Smartwatches',
        glyph: 'watch',
        kinds: [t('智能运动手表', 'Smart Sports Watch'), t('健康手环', 'Fitness Band')],
        series: ['Fit 4', 'Watch GT', 'Band 9', 'Active'],
        price: [199, 2499],
        options: [color([K.black, K.silver, K.pink, K.green])],
        attributes: [
          attr('waterproof', '防水等级', 'Water resistance', [
            ['5ATM', '5 ATM'],
            ['IP68', 'IP68'],
          ]),
          warranty,
        ],
        features: [t('心率血氧监测', 'heart-rate and SpO2 tracking'), t('百种运动模式', '100 sports modes')],
        count: 10,
      },
      {
        slug: 'chargers',
        zh: '充电配件',
        en: 'Chargers & Cables',
        glyph: 'bolt',
        kinds: [
          t('氮化镓快充充电器', 'GaN Fast Charger'),
          t('磁吸充电宝', 'Magnetic Power Bank'),
          t('数据线', 'USB-C Cable'),
        ],
        series: ['65W', '100W', '10000mAh', '20000mAh', '1m', '2m'],
        price: [29, 399],
        options: [color([K.white, K.black, K.blue], [1, 2])],
        attributes: [origin, warranty],
        features: [
          t('多口同时快充', 'several ports charging fast at once'),
          t('小巧便携', 'small enough for a pocket'),
        ],
        count: 10,
      },
    ],
  },
  {
    slug: 'computers-office',
    zh: '电脑办公',
    en: 'Computers & Office',
    tint: ['#0ea5e9', '#6366f1'],
    brands: [
      { slug: 'inkstone', zh: '墨石', en: 'InkStone' },
      { slug: 'featherlight', zh: '轻羽', en: 'Featherlight' },
    ],
    leaves: [
      {
        slug: 'laptops',
        zh: '笔记本电脑',
        en: 'Laptops',
        glyph: 'laptop',
        kinds: [
          t('轻薄笔记本电脑', 'Thin and Light Laptop'),
          t('游戏笔记本电脑', 'Gaming Laptop'),
          t('商务笔记本电脑', 'Business Laptop'),
        ],
        series: ['Book 14', 'Book 16', 'Air 13', 'Pro 15', 'Blade 17'],
        price: [3999, 12999],
        options: [
          color([K.silver, K.grey, K.black], [1, 2]),
          capacity([
            plain('16gb-512gb', '16GB+512GB', '16 GB + 512 GB', 0),
            plain('16gb-1tb', '16GB+1TB', '16 GB + 1 TB', 60000),
            plain('32gb-1tb', '32GB+1TB', '32 GB + 1 TB', 150000),
          ]),
        ],
        attributes: [
          attr('screen', '屏幕尺寸', 'Screen size', [
            ['14英寸', '14 in'],
            ['16英寸', '16 in'],
          ]),
          attr('weight', '重量', 'Weight', [
            ['1.2千克', '1.2 kg'],
            ['1.6千克', '1.6 kg'],
            ['2.3千克', '2.3 kg'],
          ]),
          warranty,
        ],
        features: [t('2.8K高刷屏', 'a 2.8K high-refresh screen'), t('全金属机身', 'an all-metal body')],
        count: 12,
      },
      {
        slug: 'keyboards-mice',
        zh: '键盘鼠标',
        en: 'Keyboards & Mice',
        glyph: 'keyboard',
        kinds: [
          t('机械键盘', 'Mechanical Keyboard'),
          t('无线鼠标', 'Wireless Mouse'),
          t('键鼠套装', 'Keyboard and Mouse Set'),
        ],
        series: ['K3', 'K8 Pro', 'M2', 'M5 Silent', 'Combo 2'],
        price: [59, 899],
        options: [color([K.black, K.white, K.grey, K.pink])],
        attributes: [
          attr('connection', '连接方式', 'Connection', [
            ['蓝牙+2.4G', 'Bluetooth + 2.4 GHz'],
            ['有线', 'Wired'],
          ]),
          warranty,
        ],
        features: [t('静音按键', 'quiet keys'), t('人体工学设计', 'an ergonomic shape')],
        count: 10,
      },
      {
        slug: 'monitors',
        zh: '显示器',
        en: 'Monitors',
        glyph: 'monitor',
        kinds: [
          t('4K显示器', '4K Monitor'),
          t('电竞显示器', 'Gaming Monitor'),
          t('便携显示器', 'Portable Monitor'),
        ],
        series: ['27U', '32Q', '24F', '16P'],
        price: [699, 4999],
        options: [color([K.black, K.white], [1, 2])],
        attributes: [
          attr('refresh', '刷新率', 'Refresh rate', [
            ['60Hz', '60 Hz'],
            ['144Hz', '144 Hz'],
            ['240Hz', '240 Hz'],
          ]),
          warranty,
        ],
        features: [t('广色域护眼屏', 'a wide-gamut, eye-friendly panel')],
        count: 9,
      },
    ],
  },
  {
    slug: 'home-appliances',
    zh: '家用电器',
    en: 'Home Appliances',
    tint: ['#14b8a6', '#84cc16'],
    brands: [
      { slug: 'warmnest', zh: '暖居', en: 'WarmNest' },
      { slug: 'clearspring', zh: '清泉', en: 'ClearSpring' },
    ],
    leaves: [
      {
        slug: 'kitchen-appliances',
        zh: '厨房电器',
        en: 'Kitchen Appliances',
        glyph: 'pot',
        kinds: [
          t('电饭煲', 'Rice Cooker'),
          t('空气炸锅', 'Air Fryer'),
          t('破壁料理机', 'High-Speed Blender'),
          t('电热水壶', 'Electric Kettle'),
        ],
        series: ['S1', 'Mini', 'Plus', '5L', 'Pro'],
        price: [99, 1299],
        options: [color([K.white, K.black, K.green, K.beige])],
        attributes: [
          attr('power', '功率', 'Power', [
            ['800W', '800 W'],
            ['1500W', '1500 W'],
          ]),
          warranty,
        ],
        features: [t('一键智能菜单', 'one-touch smart menus'), t('易清洗内胆', 'an easy-clean inner pot')],
        count: 12,
      },
      {
        slug: 'household-appliances',
        zh: '生活电器',
        en: 'Household Appliances',
        glyph: 'fan',
        kinds: [
          t('无叶风扇', 'Bladeless Fan'),
          t('空气净化器', 'Air Purifier'),
          t('吸尘器', 'Cordless Vacuum'),
          t('加湿器', 'Humidifier'),
        ],
        series: ['F3', 'Air 5', 'V10', 'H2', 'Pure'],
        price: [199, 2999],
        options: [color([K.white, K.grey, K.black], [1, 2])],
        attributes: [
          attr('noise', '噪音', 'Noise', [
            ['≤35分贝', '≤35 dB'],
            ['≤45分贝', '≤45 dB'],
          ]),
          warranty,
        ],
        features: [t('静音夜间模式', 'a quiet night mode'), t('APP远程控制', 'app remote control')],
        count: 12,
      },
    ],
  },
  {
    slug: 'womens-clothing',
    zh: '女装',
    en: "Women's Clothing",
    tint: ['#f472b6', '#fb923c'],
    brands: [
      { slug: 'sujin-atelier', zh: '素锦', en: 'SuJin Atelier' },
      { slug: 'petal-lane', zh: '花间', en: 'Petal Lane' },
    ],
    leaves: [
      {
        slug: 'dresses',
        zh: '连衣裙',
        en: 'Dresses',
        glyph: 'dress',
        kinds: [
          t('碎花连衣裙', 'Floral Dress'),
          t('法式收腰连衣裙', 'French Waisted Dress'),
          t('针织连衣裙', 'Knit Dress'),
          t('真丝连衣裙', 'Silk Dress'),
        ],
        series: ['2026春款', '夏季新款', '经典款', '通勤款'],
        price: [159, 899],
        options: [color([K.red, K.navy, K.beige, K.black, K.green]), clothingSize],
        attributes: [fabric, season],
        features: [t('显瘦收腰版型', 'a flattering waisted cut'), t('垂坠面料', 'a fabric that drapes well')],
        count: 14,
      },
      {
        slug: 'tops',
        zh: '上衣',
        en: 'Tops',
        glyph: 'tshirt',
        kinds: [
          t('雪纺衬衫', 'Chiffon Blouse'),
          t('针织开衫', 'Knit Cardigan'),
          t('宽松卫衣', 'Oversized Hoodie'),
        ],
        series: ['基础款', '新款', '百搭款'],
        price: [89, 499],
        options: [color([K.white, K.pink, K.beige, K.black, K.blue]), clothingSize],
        attributes: [fabric, season],
        features: [t('百搭不挑人', 'easy to pair with anything')],
        count: 12,
      },
    ],
  },
  {
    slug: 'mens-clothing',
    zh: '男装',
    en: "Men's Clothing",
    tint: ['#334155', '#0ea5e9'],
    brands: [
      { slug: 'polaris-wear', zh: '北辰', en: 'Polaris Wear' },
      { slug: 'wildridge', zh: '山野', en: 'WildRidge' },
    ],
    leaves: [
      {
        slug: 'tshirts',
        zh: 'T恤',
        en: 'T-shirts',
        glyph: 'tshirt',
        kinds: [
          t('纯棉圆领T恤', 'Cotton Crew-Neck T-shirt'),
          t('速干运动T恤', 'Quick-Dry Sports T-shirt'),
          t('Polo衫', 'Polo Shirt'),
        ],
        series: ['基础款', '重磅款', '夏季款'],
        price: [59, 299],
        options: [color([K.white, K.black, K.navy, K.grey, K.green]), clothingSize],
        attributes: [fabric, season],
        features: [t('柔软透气', 'soft and breathable')],
        count: 12,
      },
      {
        slug: 'jackets',
        zh: '外套',
        en: 'Jackets',
        glyph: 'jacket',
        kinds: [
          t('轻薄羽绒服', 'Light Down Jacket'),
          t('冲锋衣', 'Hardshell Jacket'),
          t('牛仔夹克', 'Denim Jacket'),
        ],
        series: ['城市款', '户外款', '经典款'],
        price: [299, 1599],
        options: [color([K.black, K.navy, K.grey, K.orange]), clothingSize],
        attributes: [fabric, season],
        features: [t('防风防泼水', 'windproof and water-repellent')],
        count: 12,
      },
    ],
  },
  {
    slug: 'shoes',
    zh: '鞋靴',
    en: 'Shoes',
    tint: ['#f97316', '#facc15'],
    brands: [
      { slug: 'swiftwind', zh: '疾风', en: 'SwiftWind' },
      { slug: 'cloudstep', zh: '步云', en: 'CloudStep' },
    ],
    leaves: [
      {
        slug: 'sneakers',
        zh: '运动鞋',
        en: 'Sneakers',
        glyph: 'shoe',
        kinds: [
          t('缓震跑步鞋', 'Cushioned Running Shoes'),
          t('轻便运动鞋', 'Lightweight Sneakers'),
          t('篮球鞋', 'Basketball Shoes'),
        ],
        series: ['Flow 3', 'Boost 2', 'Zoom', 'Cloud 5'],
        price: [199, 1299],
        options: [color([K.white, K.black, K.blue, K.red, K.grey]), shoeSize],
        attributes: [
          attr('material', '鞋面材质', 'Upper', [
            ['网面', 'Mesh'],
            ['针织', 'Knit'],
            ['皮革', 'Leather'],
          ]),
          origin,
        ],
        features: [t('回弹中底', 'a springy midsole'), t('防滑耐磨大底', 'a grippy, hard-wearing outsole')],
        count: 14,
      },
      {
        slug: 'casual-shoes',
        zh: '休闲鞋',
        en: 'Casual Shoes',
        glyph: 'shoe',
        kinds: [t('帆布鞋', 'Canvas Shoes'), t('乐福鞋', 'Loafers'), t('小白鞋', 'White Sneakers')],
        series: ['经典款', '复古款', '新款'],
        price: [129, 699],
        options: [color([K.white, K.black, K.beige]), shoeSize],
        attributes: [
          attr('material', '鞋面材质', 'Upper', [
            ['帆布', 'Canvas'],
            ['牛皮', 'Cowhide'],
          ]),
          origin,
        ],
        features: [t('舒适百搭', 'comfortable and easy to wear')],
        count: 10,
      },
    ],
  },
  {
    slug: 'bags-luggage',
    zh: '箱包',
    en: 'Bags & Luggage',
    tint: ['#a16207', '#f59e0b'],
    brands: [
      { slug: 'farroam', zh: '远行', en: 'FarRoam' },
      { slug: 'wayfarer-co', zh: '行者', en: 'Wayfarer Co' },
    ],
    leaves: [
      {
        slug: 'backpacks',
        zh: '背包',
        en: 'Backpacks',
        glyph: 'backpack',
        kinds: [
          t('双肩电脑包', 'Laptop Backpack'),
          t('户外登山包', 'Hiking Backpack'),
          t('通勤背包', 'Commuter Backpack'),
        ],
        series: ['20L', '30L', '40L', 'City'],
        price: [99, 699],
        options: [color([K.black, K.grey, K.navy, K.green])],
        attributes: [
          attr('material', '材质', 'Material', [
            ['尼龙', 'Nylon'],
            ['牛津布', 'Oxford cloth'],
          ]),
          origin,
        ],
        features: [t('防泼水面料', 'water-repellent fabric'), t('多隔层收纳', 'many compartments')],
        count: 10,
      },
      {
        slug: 'suitcases',
        zh: '行李箱',
        en: 'Suitcases',
        glyph: 'suitcase',
        kinds: [t('铝框拉杆箱', 'Aluminium-Frame Suitcase'), t('登机箱', 'Carry-On Suitcase')],
        series: ['20英寸', '24英寸', '28英寸'],
        price: [299, 1599],
        options: [
          color([K.silver, K.black, K.pink, K.blue]),
          capacity([
            plain('20in', '20英寸', '20 in', 0),
            plain('24in', '24英寸', '24 in', 10000),
            plain('28in', '28英寸', '28 in', 20000),
          ]),
        ],
        attributes: [
          attr('material', '材质', 'Material', [
            ['PC', 'Polycarbonate'],
            ['铝镁合金', 'Aluminium-magnesium'],
          ]),
          warranty,
        ],
        features: [t('静音万向轮', 'quiet spinner wheels')],
        count: 9,
      },
    ],
  },
  {
    slug: 'beauty-skincare',
    consumable: true,
    zh: '美妆护肤',
    en: 'Beauty & Skincare',
    tint: ['#ec4899', '#a855f7'],
    brands: [
      { slug: 'aquabloom', zh: '水漾', en: 'AquaBloom' },
      { slug: 'firstsnow', zh: '初雪', en: 'FirstSnow' },
    ],
    leaves: [
      {
        slug: 'skincare',
        zh: '面部护肤',
        en: 'Skincare',
        glyph: 'jar',
        kinds: [
          t('保湿面霜', 'Moisturising Face Cream'),
          t('修护精华液', 'Repair Serum'),
          t('温和洁面乳', 'Gentle Cleanser'),
          t('防晒霜', 'Sunscreen SPF50'),
        ],
        series: ['水润系列', '修护系列', '焕亮系列'],
        price: [69, 899],
        options: [
          capacity([
            plain('30ml', '30ml', '30 ml', 0),
            plain('50ml', '50ml', '50 ml', 8000),
            plain('100ml', '100ml', '100 ml', 18000),
          ]),
        ],
        attributes: [
          attr('skin', '适用肤质', 'Skin type', [
            ['所有肤质', 'All skin types'],
            ['干性肤质', 'Dry skin'],
            ['敏感肌', 'Sensitive skin'],
          ]),
          origin,
        ],
        features: [t('温和不刺激', 'gentle, no irritation'), t('长效保湿', 'long-lasting hydration')],
        count: 14,
      },
      {
        slug: 'makeup',
        zh: '彩妆',
        en: 'Makeup',
        glyph: 'lipstick',
        kinds: [
          t('丝绒口红', 'Velvet Lipstick'),
          t('持妆粉底液', 'Long-Wear Foundation'),
          t('眼影盘', 'Eyeshadow Palette'),
        ],
        series: ['经典色', '限定款', '新品'],
        price: [79, 459],
        options: [color([K.red, K.pink, K.orange, K.purple, K.beige])],
        attributes: [origin],
        features: [t('显色持久', 'rich, lasting colour')],
        count: 10,
      },
    ],
  },
  {
    slug: 'food-drinks',
    consumable: true,
    zh: '食品饮料',
    en: 'Food & Drinks',
    tint: ['#65a30d', '#eab308'],
    brands: [
      { slug: 'tearhyme', zh: '茶韵', en: 'TeaRhyme' },
      { slug: 'richbrew', zh: '醇香', en: 'RichBrew' },
      { slug: 'snacktime', zh: '小食光', en: 'SnackTime' },
    ],
    leaves: [
      {
        slug: 'tea',
        zh: '茶叶',
        en: 'Tea',
        glyph: 'leaf',
        kinds: [
          t('西湖龙井绿茶', 'Longjing Green Tea'),
          t('武夷岩茶大红袍', 'Da Hong Pao Oolong Tea'),
          t('云南普洱茶', 'Yunnan Pu-erh Tea'),
          t('茉莉花茶', 'Jasmine Tea'),
        ],
        series: ['明前特级', '一级', '礼盒装'],
        price: [68, 999],
        options: [pack([plain('250g', '250克', '250 g', 0), plain('500g', '500克', '500 g', 9000)])],
        attributes: [
          attr('origin', '产地', 'Origin', [
            ['浙江杭州', 'Hangzhou, Zhejiang'],
            ['福建武夷山', 'Wuyishan, Fujian'],
            ['云南普洱', "Pu'er, Yunnan"],
          ]),
        ],
        features: [t('香气清雅', 'a fresh, delicate aroma')],
        count: 10,
      },
      {
        slug: 'coffee',
        zh: '咖啡',
        en: 'Coffee',
        glyph: 'cup',
        kinds: [
          t('挂耳咖啡', 'Drip Bag Coffee'),
          t('精品咖啡豆', 'Specialty Coffee Beans'),
          t('冻干速溶咖啡', 'Freeze-Dried Instant Coffee'),
        ],
        series: ['中度烘焙', '深度烘焙', '云南小粒'],
        price: [39, 299],
        options: [pack([plain('1box', '1盒', '1 box', 0), plain('3box', '3盒', '3 boxes', 7000)])],
        attributes: [
          attr('roast', '烘焙程度', 'Roast', [
            ['中度', 'Medium'],
            ['深度', 'Dark'],
          ]),
        ],
        features: [t('坚果可可风味', 'nutty, cocoa notes')],
        count: 10,
      },
      {
        slug: 'snacks',
        zh: '零食',
        en: 'Snacks',
        glyph: 'cookie',
        kinds: [
          t('每日坚果', 'Daily Mixed Nuts'),
          t('手工曲奇饼干', 'Handmade Butter Cookies'),
          t('芒果干', 'Dried Mango'),
        ],
        series: ['家庭装', '小包装', '礼盒'],
        price: [19, 199],
        options: [pack([plain('500g', '500克', '500 g', 0), plain('1kg', '1千克', '1 kg', 4000)])],
        attributes: [
          attr('shelf_life', '保质期', 'Shelf life', [
            ['180天', '180 days'],
            ['365天', '365 days'],
          ]),
        ],
        features: [t('独立小包装', 'individually wrapped')],
        count: 10,
      },
    ],
  },
  {
    slug: 'home-living',
    zh: '家居生活',
    en: 'Home & Living',
    tint: ['#0d9488', '#38bdf8'],
    brands: [
      { slug: 'woodwhisper', zh: '木语', en: 'WoodWhisper' },
      { slug: 'cottondream', zh: '棉眠', en: 'CottonDream' },
    ],
    leaves: [
      {
        slug: 'drinkware',
        zh: '杯壶',
        en: 'Drinkware',
        glyph: 'bottle',
        kinds: [
          t('不锈钢保温杯', 'Stainless Steel Insulated Bottle'),
          t('便携保温杯', 'Travel Insulated Mug'),
          t('陶瓷马克杯', 'Ceramic Mug'),
        ],
        series: ['316', '轻量款', '大容量', '经典'],
        price: [39, 299],
        options: [
          color([K.white, K.black, K.blue, K.pink, K.green]),
          capacity([
            plain('350ml', '350ml', '350 ml', 0),
            plain('500ml', '500ml', '500 ml', 2000),
            plain('750ml', '750ml', '750 ml', 4000),
          ]),
        ],
        attributes: [
          attr('material', '材质', 'Material', [
            ['316不锈钢', '316 stainless steel'],
            ['陶瓷', 'Ceramic'],
          ]),
          origin,
        ],
        features: [t('12小时保温', 'keeps drinks hot for 12 hours'), t('防漏杯盖', 'a leak-proof lid')],
        count: 12,
      },
      {
        slug: 'bedding',
        zh: '床上用品',
        en: 'Bedding',
        glyph: 'bed',
        kinds: [
          t('全棉四件套', 'Cotton Bedding Set'),
          t('乳胶枕', 'Latex Pillow'),
          t('蚕丝被', 'Silk Duvet'),
        ],
        series: ['简约款', '亲肤款', '酒店款'],
        price: [99, 1299],
        options: [
          color([K.white, K.grey, K.beige, K.blue]),
          {
            code: 'size',
            name: { zh: '尺寸', en: 'Size' },
            values: [plain('1-5m', '1.5米床', '1.5 m bed'), plain('1-8m', '1.8米床', '1.8 m bed', 10000)],
            pick: [2, 2],
          },
        ],
        attributes: [fabric],
        features: [t('亲肤柔软', 'soft against the skin')],
        count: 10,
      },
    ],
  },
  {
    slug: 'sports-outdoors',
    zh: '运动户外',
    en: 'Sports & Outdoors',
    tint: ['#16a34a', '#0ea5e9'],
    brands: [
      { slug: 'leapfit', zh: '跃动', en: 'LeapFit' },
      { slug: 'trailpath', zh: '野径', en: 'TrailPath' },
    ],
    leaves: [
      {
        slug: 'fitness',
        zh: '健身器材',
        en: 'Fitness',
        glyph: 'dumbbell',
        kinds: [t('可调节哑铃', 'Adjustable Dumbbells'), t('瑜伽垫', 'Yoga Mat'), t('跳绳', 'Skipping Rope')],
        series: ['Home', 'Pro', 'Lite'],
        price: [39, 1299],
        options: [color([K.black, K.purple, K.blue, K.green])],
        attributes: [
          attr('material', '材质', 'Material', [
            ['TPE', 'TPE'],
            ['铸铁', 'Cast iron'],
          ]),
        ],
        features: [t('在家也能练', 'train at home')],
        count: 10,
      },
      {
        slug: 'camping',
        zh: '露营装备',
        en: 'Camping',
        glyph: 'tent',
        kinds: [
          t('自动帐篷', 'Instant Tent'),
          t('折叠露营椅', 'Folding Camping Chair'),
          t('露营灯', 'Camping Lantern'),
        ],
        series: ['2人', '4人', '轻量款'],
        price: [59, 1599],
        options: [color([K.green, K.beige, K.orange, K.grey])],
        attributes: [
          attr('waterproof', '防水指数', 'Waterproof rating', [
            ['2000mm', '2000 mm'],
            ['3000mm', '3000 mm'],
          ]),
        ],
        features: [t('一分钟速开', 'sets up in a minute')],
        count: 10,
      },
    ],
  },
  {
    slug: 'baby-toys',
    zh: '母婴玩具',
    en: 'Baby & Toys',
    tint: ['#facc15', '#fb7185'],
    brands: [
      { slug: 'kidjoy', zh: '童趣', en: 'KidJoy' },
      { slug: 'beibear', zh: '贝贝熊', en: 'BeiBear' },
    ],
    leaves: [
      {
        slug: 'toys',
        zh: '玩具',
        en: 'Toys',
        glyph: 'blocks',
        kinds: [
          t('益智积木', 'Building Blocks'),
          t('遥控汽车', 'Remote-Control Car'),
          t('毛绒玩具', 'Plush Toy'),
        ],
        series: ['城市系列', '动物系列', '太空系列'],
        price: [49, 699],
        options: [color([K.red, K.blue, K.yellow, K.pink], [1, 2])],
        attributes: [
          attr('age', '适用年龄', 'Age', [
            ['3岁以上', '3+'],
            ['6岁以上', '6+'],
          ]),
        ],
        features: [t('锻炼动手能力', 'builds hands-on skills')],
        count: 10,
      },
      {
        slug: 'baby-care',
        consumable: true,
        zh: '婴儿用品',
        en: 'Baby Care',
        glyph: 'bottle',
        kinds: [
          t('防胀气奶瓶', 'Anti-Colic Baby Bottle'),
          t('婴儿湿巾', 'Baby Wipes'),
          t('宝宝餐椅', 'Baby High Chair'),
        ],
        series: ['新生儿', '成长款', '便携款'],
        price: [29, 899],
        options: [color([K.white, K.pink, K.blue], [1, 2])],
        attributes: [origin],
        features: [t('食品级材质', 'food-grade materials')],
        count: 10,
      },
    ],
  },
  {
    slug: 'books-stationery',
    zh: '图书文具',
    en: 'Books & Stationery',
    tint: ['#7c3aed', '#2563eb'],
    brands: [
      { slug: 'inkscent', zh: '墨香', en: 'InkScent' },
      { slug: 'timeglean', zh: '拾光', en: 'TimeGlean' },
    ],
    leaves: [
      {
        slug: 'stationery',
        zh: '文具',
        en: 'Stationery',
        glyph: 'pencil',
        kinds: [
          t('中性笔套装', 'Gel Pen Set'),
          t('手账本', 'Bullet Journal Notebook'),
          t('钢笔', 'Fountain Pen'),
        ],
        series: ['0.5mm', 'A5', '经典'],
        price: [9, 399],
        options: [color([K.black, K.blue, K.red, K.green], [1, 3])],
        attributes: [origin],
        features: [t('书写顺滑', 'writes smoothly')],
        count: 10,
      },
      {
        slug: 'books',
        zh: '图书',
        en: 'Books',
        glyph: 'book',
        kinds: [
          t('中文编程入门', 'Programming for Beginners'),
          t('家常菜谱', 'Home Cooking Recipes'),
          t('旅行摄影指南', 'Travel Photography Guide'),
        ],
        series: ['第2版', '彩图版', '精装版'],
        price: [29, 129],
        options: [
          {
            code: 'pack',
            name: { zh: '版本', en: 'Edition' },
            values: [plain('paperback', '平装', 'Paperback'), plain('hardcover', '精装', 'Hardcover', 2000)],
            pick: [1, 2],
          },
        ],
        attributes: [
          attr('publisher', '出版社', 'Publisher', [
            ['灯塔出版社', 'Lighthouse Press'],
            ['星光出版社', 'Starlight Books'],
          ]),
        ],
        features: [t('图文并茂', 'richly illustrated')],
        count: 8,
      },
    ],
  },
];
