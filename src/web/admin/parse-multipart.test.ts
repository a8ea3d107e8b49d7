import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart, type UploadedFile } from './parse-multipart.ts';

function body(boundary: string, parts: string[]): Buffer {
  return Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`, 'utf8');
}

describe('parseMultipart', () => {
  it('reads text fields and a file', () => {
    const b = 'XyZ123';
    const parsed = parseMultipart(
      body(b, [
        'Content-Disposition: form-data; name="_csrf"\r\n\r\ntoken-1',
        'Content-Disposition: form-data; name="alt"\r\n\r\n红色 shoe',
        'Content-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--not-a-boundary',
      ]),
      b,
    );
    expect(parsed._csrf).toBe('token-1');
    expect(parsed.alt).toBe('红色 shoe');
    const file = parsed.image as UploadedFile;
    expect(file.filename).toBe('a.png');
    expect(file.contentType).toBe('image/png');
    expect(file.bytes.toString('utf8')).toBe('\x89PNG\r\n--not-a-boundary');
  });

  it('drops an empty file input and refuses a body without the boundary', () => {
    const b = 'B0';
    const parsed = parseMultipart(
      body(b, [
        'Content-Disposition: form-data; name="image"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n',
      ]),
      b,
    );
    expect(parsed.image).toBeUndefined();
    expect(() => parseMultipart(Buffer.from('nothing here'), b)).toThrow(/could not be read/);
  });

  it('finds the boundary in quoted and bare forms', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/form-data')).toBeNull();
  });
});
