/** The sentence shown beside a recommendation ("because you viewed …"), in the shop's two languages. */
import type { ReasonCode } from './get-placement.ts';

/** A short reason for `code`, naming the related product's title when known. */
export function reasonText(code: ReasonCode, title: string | undefined, locale: 'zh' | 'en'): string {
  const zh = locale === 'zh';
  switch (code) {
    case 'because_viewed':
      if (title) return zh ? `因为你浏览过「${title}」` : `Because you viewed ${title}`;
      return zh ? '根据你的浏览' : 'Based on what you viewed';
    case 'bought_together':
      if (title) return zh ? `常与「${title}」一起购买` : `Often bought with ${title}`;
      return zh ? '常被一起购买' : 'Often bought together';
    case 'similar':
      if (title) return zh ? `与「${title}」相似` : `Similar to ${title}`;
      return zh ? '相似商品' : 'Similar items';
    case 'popular':
      return zh ? '热门商品' : 'Popular in the shop';
  }
}
