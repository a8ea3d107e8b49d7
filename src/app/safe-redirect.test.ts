import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './safe-redirect.ts';

describe('safeLocalPath', () => {
  it('keeps local paths with their query and fragment', () => {
    expect(safeLocalPath('/')).toBe('/');
    expect(safeLocalPath('/account')).toBe('/account');
    expect(safeLocalPath('/c/tea?page=2&sort=new#list')).toBe('/c/tea?page=2&sort=new#list');
    expect(safeLocalPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeLocalPath('/a/./b/../c')).toBe('/a/c');
  });

  it.each([
    ['//evil.example'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['\t//evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['/\u0000/x'],
    ['/\u0085/x'],
    ['%2F%2Fevil.example'],
    ['https://evil.example'],
    ['https:evil.example'],
    ['javascript:alert(1)'],
    ['/.//x'],
    ['/./\\x'],
    ['/x/../..//evil.example'],
    [' /x'],
    [''],
  ])('refuses %j', (input) => {
    expect(safeLocalPath(input)).toBe('/');
  });

  it('falls back for non-strings and over-long values, to the fallback given', () => {
    expect(safeLocalPath(undefined, '/account')).toBe('/account');
    expect(safeLocalPath(['/x'])).toBe('/');
    expect(safeLocalPath(`/${'a'.repeat(2_000)}`)).toBe('/');
  });
});
