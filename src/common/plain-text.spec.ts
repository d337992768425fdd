import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { forbiddenCharacter, IsPlainText } from './plain-text';

class Named {
  @IsPlainText() name?: unknown;
  @IsPlainText({ multiLine: true }) description?: unknown;
  @IsPlainText({}, { each: true }) tags?: unknown;
}

const problems = (plain: object) =>
  validateSync(plainToInstance(Named, plain)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('plain text (names)', () => {
  it('accepts ordinary text in any script, emoji included', () => {
    expect(
      problems({
        name: 'Klanten – voorjaar 🌷',
        description: 'Line one\nline two\twith a tab',
        tags: ['vip', 'عربي', '日本語'],
      }),
    ).toEqual([]);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['newline in a name', 'a\nb'],
    ['escape', '\u001b[31m'],
    ['DEL', 'a\u007f'],
    ['C1 control', 'a\u0085'],
    ['right-to-left override', 'invoice\u202Egpj.exe'],
    ['left-to-right embedding', '\u202Aname'],
    ['first strong isolate', 'x\u2068y'],
    ['pop directional isolate', 'x\u2069'],
  ])('refuses %s in a name', (_, name) => {
    const found = problems({ name });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^name contains an? (invisible control|text-direction control) character \(U\+[0-9A-F]{4}\)/,
    );
  });

  it('keeps tab and newlines in multi-line text only', () => {
    expect(forbiddenCharacter('a\tb\r\nc', { multiLine: true })).toBeUndefined();
    expect(forbiddenCharacter('a\tb')).toBe('an invisible control character (U+0009)');
    expect(problems({ description: 'ok\u0000' })).toHaveLength(1);
    expect(problems({ tags: ['ok', 'bad\u202E'] })).toHaveLength(1);
  });

  it('leaves non-strings to the type check', () => {
    expect(problems({ name: 42 })).toEqual([]);
  });
});
