/**
 * Sends a rendered page: HTML content type, compression, and the cache policy. Personal pages
 * (cart, checkout, account, orders, anything with a session's data) are `private, no-store`.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendCompressed } from '../static/assets.ts';

export interface SendPageOptions {
  status?: number;
  /** True for pages showing a shopper's own data: never stored by any cache. */
  personal?: boolean;
}

/** Pre-compressed variants of an HTML body, so a cached page is compressed once. */
export interface CompressedPage {
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/** Compresses a page quickly (low brotli quality: pages are small and made per request). */
export function compressPage(markup: string): CompressedPage {
  const body = Buffer.from(markup);
  return {
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
    gzip: gzipSync(body, { level: 5 }),
  };
}

/** Writes the page with its headers. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: string | CompressedPage,
  options: SendPageOptions = {},
) {
  const compressed = typeof page === 'string' ? compressPage(page) : page;
  reply.code(options.status ?? 200).type('text/html; charset=utf-8');
  reply.header('cache-control', options.personal ? 'private, no-store' : 'private, no-cache');
  reply.header('vary', 'accept-encoding, cookie, accept-language');
  return sendCompressed(request, reply, compressed);
}
