/**
 * Merchant: adds a picture to a product. The bytes are sniffed (the client's content type is never
 * trusted), only PNG, JPEG and WebP are accepted (SVG can carry script), and the image is decoded
 * and re-encoded to WebP with sharp, so polyglot files and metadata do not survive.
 */
import type { Db } from '../../app/database.ts';
import { withTransaction } from '../../app/database.ts';
import { DomainError, notFound } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';
import { newId } from '../../app/ids.ts';
import type { Localized, ProductImage } from './catalog.ts';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_SIDE = 1600;

/** Which of the accepted formats the bytes are, by their signature; null for anything else. */
export function sniffImageType(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

/** Re-encodes and stores the image, appends it to the product's gallery; records `product.updated`. */
export async function addProductImage(
  db: Db,
  productId: string,
  input: { bytes: Uint8Array; alt?: Localized },
  actorId: string | null = null,
): Promise<ProductImage & { id: string }> {
  if (input.bytes.length > MAX_IMAGE_BYTES)
    throw new DomainError('image_too_large', 413, 'Images may be at most 5 MB.');
  if (!sniffImageType(input.bytes))
    throw new DomainError('unsupported_image_type', 415, 'Upload a PNG, JPEG or WebP image.');
  const encoded = await reencode(input.bytes);
  return withTransaction(db, async (tx) => {
    const [product] = await tx<{ title_zh: string; title_en: string }[]>`
      select title_zh, title_en from products where id = ${productId} for update`;
    if (!product) throw notFound('product');
    const id = newId('med');
    const alt = input.alt ?? { zh: product.title_zh, en: product.title_en };
    await tx`insert into media_files (id, content_type, bytes) values (${id}, 'image/webp', ${encoded.data})`;
    await tx`insert into product_media (id, product_id, url, alt_zh, alt_en, width, height, position)
      select ${id}, ${productId}, ${`/media/${id}`}, ${alt.zh}, ${alt.en}, ${encoded.width}, ${encoded.height},
             coalesce(max(position) + 1, 0) from product_media where product_id = ${productId}`;
    await tx`update products set updated_at = now() where id = ${productId}`;
    await recordEvent(tx, 'product.updated', productId, { productId, actorId });
    return { id, url: `/media/${id}`, alt, width: encoded.width, height: encoded.height };
  });
}

async function reencode(bytes: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    // Loaded on first upload: libvips costs ~20 MB of memory that an idle shop need not hold.
    const { default: sharp } = await import('sharp');
    const { data, info } = await sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw new DomainError('unreadable_image', 400, 'The image could not be decoded.');
  }
}
