import { ConsoleError } from './console-error';
import { optionalText, parseLimit, requiredText } from './console-params';

describe('console query parameters', () => {
  it('reads limits from 1 to 100', () => {
    expect(parseLimit(undefined, 50)).toBe(50);
    expect(parseLimit('1', 50)).toBe(1);
    expect(parseLimit('100', 50)).toBe(100);
    for (const bad of ['0', '101', '-1', '1.5', 'ten', ['1', '2'], '99999'])
      expect(() => parseLimit(bad, 50)).toThrow(ConsoleError);
  });

  it('refuses repeated parameters and requires what is required', () => {
    expect(optionalText(undefined, 'search')).toBe('');
    expect(optionalText('x', 'search')).toBe('x');
    expect(() => optionalText(['a', 'b'], 'search')).toThrow(/once/);
    expect(() => requiredText(undefined, 'executionArn')).toThrow(/required/);
  });
});
