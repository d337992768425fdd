// class-validator's stock messages ("name must be longer than or equal to 1 characters") rewritten for the
// marketer who reads them next to a field. Keyed by constraint name and matched on what follows the property
// name, so a message a decorator wrote itself ("to must be an email address") is kept as written.
const STOCK: Record<string, Array<[RegExp, (match: RegExpExecArray) => string]>> = {
  isNotEmpty: [[/^should not be empty$/, () => 'Write at least one character']],
  isDefined: [[/^should not be null or undefined$/, () => 'Fill this in']],
  isString: [[/^must be a string$/, () => 'Use text']],
  minLength: [
    [/^must be longer than or equal to (\d+) characters$/, (m) => `Write at least ${howMany(m[1], 'character')}`],
  ],
  maxLength: [
    [/^must be shorter than or equal to (\d+) characters$/, (m) => `Use at most ${howMany(m[1], 'character')}`],
  ],
  isLength: [
    [/^must be longer than or equal to (\d+) characters$/, (m) => `Write at least ${howMany(m[1], 'character')}`],
    [/^must be shorter than or equal to (\d+) characters$/, (m) => `Use at most ${howMany(m[1], 'character')}`],
    // Said of a list ({ each: true }), where class-validator cannot tell which bound an item broke.
    [
      /^must be longer than or equal to (\d+) and shorter than or equal to (\d+) characters$/,
      (m) => `Write ${m[1]} to ${m[2]} characters`,
    ],
  ],
  isIn: [[/^must be one of the following values: (.*)$/, (m) => `Choose one of: ${m[1]}`]],
  min: [[/^must not be less than (\S+)$/, (m) => `Use ${m[1]} or more`]],
  max: [[/^must not be greater than (\S+)$/, (m) => `Use ${m[1]} or less`]],
  isInt: [[/^must be an integer number$/, () => 'Use a whole number']],
  isNumber: [[/^must be a number conforming to the specified constraints$/, () => 'Use a number']],
  isPositive: [[/^must be a positive number$/, () => 'Use a number above 0']],
  isBoolean: [[/^must be a boolean value$/, () => 'Use true or false']],
  isArray: [[/^must be an array$/, () => 'Use a list']],
  isObject: [[/^must be an object$/, () => 'Use a group of fields']],
  nestedValidation: [[/^must be either object or array$/, () => 'Use a group of fields']],
  isEmail: [[/^must be an email$/, () => 'Use an email address, such as name@example.com']],
  isUrl: [[/^must be a URL address$/, () => 'Use a web address, such as https://example.com']],
  isISO8601: [
    [/^must be a valid ISO 8601 date string$/, () => 'Use a date and time, such as 2026-12-01T09:00:00+01:00'],
  ],
  arrayMinSize: [[/^must contain at least (\d+) elements$/, (m) => `Give at least ${howMany(m[1], 'item')}`]],
  arrayMaxSize: [[/^must contain no more than (\d+) elements$/, (m) => `Give at most ${howMany(m[1], 'item')}`]],
  matches: [[/^must match .* regular expression$/s, () => 'This is not in the expected form']],
};

const STOCK_START = /^(each value in )?(nested property )?/;

function howMany(count: string, noun: string): string {
  return count === '1' ? `one ${noun}` : `${count} ${noun}s`;
}

/** The marketer's version of one class-validator message; a message the decorator wrote itself comes back unchanged. */
export function plainValidationMessage(constraint: string, property: string, text: string): string {
  const start = STOCK_START.exec(text)![0];
  if (!text.startsWith(`${start}${property} `)) return text;
  const rest = text.slice(start.length + property.length + 1);
  for (const [pattern, plain] of STOCK[constraint] ?? []) {
    const match = pattern.exec(rest);
    if (!match) continue;
    const sentence = plain(match);
    return start.startsWith('each') ? `Every item: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}` : sentence;
  }
  return text;
}
