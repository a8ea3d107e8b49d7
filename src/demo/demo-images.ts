/**
 * Product pictures drawn locally as small SVGs: a two-colour gradient, a soft highlight and a
 * category glyph made of plain shapes (no fonts, no network), about 1 KB each.
 */

export type Glyph =
  | 'headphones'
  | 'phone'
  | 'watch'
  | 'bolt'
  | 'laptop'
  | 'keyboard'
  | 'monitor'
  | 'pot'
  | 'fan'
  | 'dress'
  | 'tshirt'
  | 'jacket'
  | 'shoe'
  | 'backpack'
  | 'suitcase'
  | 'jar'
  | 'lipstick'
  | 'leaf'
  | 'cup'
  | 'cookie'
  | 'bottle'
  | 'bed'
  | 'dumbbell'
  | 'tent'
  | 'blocks'
  | 'pencil'
  | 'book';

/** Shapes in an 800×800 box, centred near (400, 400); filled with the product colour. */
const GLYPHS: Record<Glyph, string> = {
  headphones:
    '<path d="M230 430v-50a170 170 0 0 1 340 0v50" fill="none" stroke="F" stroke-width="36" stroke-linecap="round"/><rect x="195" y="410" width="90" height="160" rx="40"/><rect x="515" y="410" width="90" height="160" rx="40"/>',
  phone:
    '<rect x="290" y="170" width="220" height="440" rx="36"/><rect x="310" y="210" width="180" height="340" rx="10" fill="#fff" opacity=".35"/><circle cx="400" cy="580" r="12" fill="#fff" opacity=".6"/>',
  watch:
    '<rect x="345" y="170" width="110" height="460" rx="30" opacity=".7"/><rect x="300" y="290" width="200" height="220" rx="50"/><circle cx="400" cy="400" r="70" fill="#fff" opacity=".35"/>',
  bolt: '<rect x="300" y="230" width="200" height="300" rx="40"/><path d="M410 270l-70 140h60l-20 110 90-150h-60z" fill="#fff" opacity=".8"/><rect x="360" y="530" width="80" height="80" rx="10"/>',
  laptop:
    '<rect x="220" y="230" width="360" height="240" rx="20"/><rect x="245" y="255" width="310" height="190" fill="#fff" opacity=".35"/><path d="M170 490h460l-30 50H200z"/>',
  keyboard:
    '<rect x="170" y="300" width="460" height="200" rx="24"/><g fill="#fff" opacity=".5"><rect x="200" y="330" width="400" height="30" rx="6"/><rect x="200" y="380" width="400" height="30" rx="6"/><rect x="280" y="430" width="240" height="30" rx="6"/></g>',
  monitor:
    '<rect x="170" y="200" width="460" height="290" rx="20"/><rect x="195" y="225" width="410" height="240" fill="#fff" opacity=".3"/><rect x="375" y="490" width="50" height="80"/><rect x="300" y="565" width="200" height="24" rx="12"/>',
  pot: '<rect x="230" y="320" width="340" height="240" rx="60"/><rect x="260" y="280" width="280" height="50" rx="25"/><rect x="370" y="240" width="60" height="50" rx="20"/>',
  fan: '<circle cx="400" cy="340" r="150" fill="none" stroke="F" stroke-width="40"/><rect x="380" y="480" width="40" height="100"/><rect x="300" y="570" width="200" height="30" rx="15"/>',
  dress:
    '<path d="M350 180h100l-10 120 130 320H230l130-320z"/><rect x="345" y="290" width="110" height="24" fill="#fff" opacity=".5"/>',
  tshirt: '<path d="M320 200l-140 80 50 90 50-25v255h240V345l50 25 50-90-140-80c-20 40-140 40-160 0z"/>',
  jacket:
    '<path d="M320 200l-140 80 30 330h120V345l70 40 70-40v265h120l30-330-140-80c-20 40-140 40-160 0z"/><rect x="394" y="260" width="12" height="340" fill="#fff" opacity=".6"/>',
  shoe: '<path d="M180 520c0-80 20-180 60-200 40 40 120 60 160 40l200 120c40 20 50 40 50 60v30H180z"/><rect x="170" y="560" width="470" height="40" rx="20" fill="#fff" opacity=".6"/>',
  backpack:
    '<rect x="260" y="230" width="280" height="380" rx="80"/><rect x="310" y="430" width="180" height="130" rx="30" fill="#fff" opacity=".35"/><path d="M340 240a60 60 0 0 1 120 0" fill="none" stroke="F" stroke-width="24"/>',
  suitcase:
    '<rect x="270" y="250" width="260" height="350" rx="30"/><path d="M350 250v-60h100v60" fill="none" stroke="F" stroke-width="24"/><g fill="#fff" opacity=".4"><rect x="320" y="290" width="16" height="270"/><rect x="464" y="290" width="16" height="270"/></g>',
  jar: '<rect x="250" y="340" width="300" height="220" rx="40"/><rect x="270" y="270" width="260" height="80" rx="20" opacity=".75"/><rect x="300" y="410" width="200" height="70" rx="10" fill="#fff" opacity=".45"/>',
  lipstick:
    '<rect x="340" y="400" width="120" height="200" rx="12"/><rect x="355" y="330" width="90" height="80" rx="8" opacity=".8"/><path d="M360 330v-90l80-40v130z"/>',
  leaf: '<path d="M220 560c0-240 180-360 380-360 0 240-160 380-380 360z"/><path d="M240 560l300-300" stroke="#fff" stroke-width="16" opacity=".6"/>',
  cup: '<path d="M250 300h260l-30 280H280z"/><path d="M510 350h40a50 50 0 0 1 0 120h-50" fill="none" stroke="F" stroke-width="30"/><path d="M330 260c0-40 40-40 40-80M420 260c0-40 40-40 40-80" fill="none" stroke="F" stroke-width="16" stroke-linecap="round"/>',
  cookie:
    '<circle cx="400" cy="400" r="190"/><g fill="#fff" opacity=".55"><circle cx="330" cy="340" r="24"/><circle cx="460" cy="360" r="20"/><circle cx="380" cy="470" r="22"/><circle cx="480" cy="460" r="16"/></g>',
  bottle:
    '<rect x="320" y="250" width="160" height="360" rx="50"/><rect x="340" y="180" width="120" height="80" rx="16" opacity=".8"/><rect x="320" y="360" width="160" height="30" fill="#fff" opacity=".5"/>',
  bed: '<rect x="180" y="380" width="440" height="140" rx="20"/><rect x="200" y="320" width="130" height="70" rx="30" opacity=".8"/><rect x="180" y="300" width="30" height="300"/><rect x="590" y="420" width="30" height="180"/>',
  dumbbell:
    '<rect x="260" y="385" width="280" height="30" rx="10"/><rect x="200" y="300" width="70" height="200" rx="16"/><rect x="530" y="300" width="70" height="200" rx="16"/>',
  tent: '<path d="M400 200l230 400H170z"/><path d="M400 360l70 240H330z" fill="#fff" opacity=".45"/>',
  blocks:
    '<rect x="230" y="420" width="160" height="160" rx="16"/><rect x="410" y="420" width="160" height="160" rx="16" opacity=".8"/><rect x="320" y="250" width="160" height="160" rx="16" opacity=".9"/>',
  pencil:
    '<g transform="rotate(-35 400 400)"><rect x="360" y="170" width="80" height="380" rx="10"/><path d="M360 550h80l-40 90z" opacity=".8"/></g>',
  book: '<rect x="250" y="200" width="300" height="400" rx="16"/><rect x="250" y="200" width="40" height="400" opacity=".7"/><rect x="330" y="270" width="170" height="30" rx="8" fill="#fff" opacity=".5"/>',
};

export interface ImageSpec {
  glyph: Glyph;
  /** Background gradient colours. */
  tint: [string, string];
  /** The product (variant) colour the glyph is drawn in. */
  color: string;
  /** 0 for the front view; later angles tilt and shrink the glyph a little. */
  angle: number;
}

/** An 800×800 SVG for a product picture; the same spec always gives the same bytes. */
export function productSvg(spec: ImageSpec): string {
  const [from, to] = spec.tint;
  const rotation = spec.angle === 0 ? 0 : spec.angle % 2 === 1 ? -10 : 8;
  const scale = spec.angle === 0 ? 1 : 0.86;
  const glyph = GLYPHS[spec.glyph].replaceAll('stroke="F"', `stroke="${spec.color}"`);
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800">' +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/>` +
    `<stop offset="1" stop-color="${to}"/></linearGradient>` +
    '<radialGradient id="h" cx=".3" cy=".25" r=".8"><stop offset="0" stop-color="#fff" stop-opacity=".55"/>' +
    '<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>' +
    '<rect width="800" height="800" fill="url(#g)"/><rect width="800" height="800" fill="url(#h)"/>' +
    '<circle cx="400" cy="400" r="270" fill="#fff" opacity=".28"/>' +
    '<ellipse cx="400" cy="650" rx="230" ry="24" fill="#000" opacity=".12"/>' +
    `<g fill="${spec.color}" stroke="#fff" stroke-width="4" stroke-opacity=".5" ` +
    `transform="rotate(${rotation} 400 400) translate(400 400) scale(${scale}) translate(-400 -400)">` +
    `${glyph}</g></svg>`
  );
}
