/**
 * A small multipart/form-data parser, so the image upload form works as a plain HTML form
 * without an extra package. It reads an already size-capped buffer; files become `UploadedFile`.
 */
import { badRequest } from '../../app/errors.ts';

export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

const MAX_PARTS = 50;

/** The boundary of a multipart content type, or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  const match = contentType?.match(/boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** Parses the body into text fields and files (files with an empty filename are dropped). */
export function parseMultipart(body: Buffer, boundary: string): Record<string, string | UploadedFile> {
  const delimiter = Buffer.from(`--${boundary}`);
  const result: Record<string, string | UploadedFile> = Object.create(null);
  let position = body.indexOf(delimiter);
  if (position < 0) throw badRequest('malformed_multipart', 'The uploaded form could not be read.');
  for (let parts = 0; parts <= MAX_PARTS; parts++) {
    position += delimiter.length;
    // "--" after a delimiter closes the body
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return result;
    position += 2; // CRLF
    const headerEnd = body.indexOf('\r\n\r\n', position);
    const next = body.indexOf(delimiter, position);
    if (headerEnd < 0 || next < 0 || headerEnd > next) {
      throw badRequest('malformed_multipart', 'The uploaded form could not be read.');
    }
    const headers = body.subarray(position, headerEnd).toString('utf8');
    const content = body.subarray(headerEnd + 4, next - 2); // the CRLF before the delimiter
    addPart(result, headers, content);
    position = next;
  }
  throw badRequest('malformed_multipart', 'The uploaded form has too many fields.');
}

function addPart(result: Record<string, string | UploadedFile>, headers: string, content: Buffer) {
  const disposition = headers.match(/content-disposition:[^\r\n]*/i)?.[0] ?? '';
  const name = disposition.match(/\bname="([^"]*)"/i)?.[1];
  if (!name || name === '__proto__') return;
  const filename = disposition.match(/\bfilename="([^"]*)"/i)?.[1];
  if (filename === undefined) {
    result[name] = content.toString('utf8');
    return;
  }
  if (!filename || content.length === 0) return;
  const contentType =
    headers.match(/content-type:\s*([^\r\n;]+)/i)?.[1]?.trim() ?? 'application/octet-stream';
  result[name] = { filename, contentType, bytes: Buffer.from(content) };
}
