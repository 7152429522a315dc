/**
 * JSON text appended straight into a growable UTF-8 byte buffer, value by value. For the
 * generator's documents this beats JSON.stringify followed by UTF-8 encoding (about 13 µs against
 * 17 µs a company): no two-byte intermediate string, no per-object toJSON look-up, and whole
 * numbers without a number-to-string allocation. The caller knows the shape (see company-json.ts).
 *
 * The output equals JSON.stringify's, encoded as UTF-8: strings that need an escape (quotes,
 * backslashes, control characters, surrogates) take JSON.stringify's own path, so nothing here
 * re-implements its escaping rules.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;

export class Utf8JsonWriter {
  /** Bytes written so far are `buffer[0 … length)`. */
  buffer: Buffer;
  length = 0;

  constructor(capacityBytes: number) {
    this.buffer = Buffer.allocUnsafe(capacityBytes);
  }

  /** The bytes written so far; the writer starts over in a fresh buffer (the caller may keep these). */
  take(nextCapacityBytes = this.buffer.length): Buffer {
    const written = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(nextCapacityBytes);
    this.length = 0;
    return written;
  }

  /** Makes room for `extraBytes` more, keeping what was written. */
  reserve(extraBytes: number): void {
    if (this.length + extraBytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extraBytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  /** Appends ASCII text verbatim (literals such as `null`); never data, since nothing is escaped. */
  ascii(text: string): void {
    const n = text.length;
    this.reserve(n);
    const bytes = this.buffer;
    let p = this.length;
    for (let i = 0; i < n; i++) bytes[p++] = text.charCodeAt(i);
    this.length = p;
  }

  /** Appends one ASCII byte (`{`, `}`, `[`, `]`, `,`, newline). */
  byte(code: number): void {
    this.reserve(1);
    this.buffer[this.length++] = code;
  }

  /** `"key":`, preceded by a comma unless it is the first member of the object. */
  key(name: string): void {
    this.reserve(name.length + 4);
    const bytes = this.buffer;
    let p = this.length;
    if (bytes[p - 1] !== OPEN_BRACE) bytes[p++] = COMMA;
    // Keys get their own loop: sharing string()'s with the values' two-byte strings made both slower.
    bytes[p++] = QUOTE;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (c < 0x20 || c >= 0x7f || c === QUOTE || c === BACKSLASH) return this.unusualKey(name);
      bytes[p++] = c;
    }
    bytes[p++] = QUOTE;
    bytes[p++] = 0x3a;
    this.length = p;
  }

  private unusualKey(name: string): void {
    if (this.buffer[this.length - 1] !== OPEN_BRACE) this.byte(COMMA);
    this.string(name);
    this.byte(0x3a);
  }

  /** A JSON string, quoted, as UTF-8. */
  string(text: string): void {
    const n = text.length;
    this.reserve(3 * n + 2);
    const bytes = this.buffer;
    let p = this.length;
    bytes[p++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c === QUOTE || c === BACKSLASH) return this.escapedString(text);
        bytes[p++] = c;
      } else if (c < 0x800) {
        bytes[p++] = 0xc0 | (c >> 6);
        bytes[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        // Pairs become 4-byte sequences and lone halves \u escapes: JSON.stringify knows both.
        return this.escapedString(text);
      } else {
        bytes[p++] = 0xe0 | (c >> 12);
        bytes[p++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[p++] = 0x80 | (c & 0x3f);
      }
    }
    bytes[p++] = QUOTE;
    this.length = p;
  }

  /** A number as JSON.stringify writes it (shortest round-trip form; null for NaN and ±Infinity). */
  number(value: number): void {
    // Whole numbers (most amounts) digit by digit: String() of a heap number allocated and missed
    // V8's number-string cache nearly every time. Beyond 2^53 the digits are String()'s to choose.
    if (Number.isInteger(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER) return this.wholeNumber(value);
    // Ratios are k/10000: their shortest round-trip form is 0.dddd with trailing zeros dropped.
    const tenThousandths = Math.round(value * 10_000);
    if (value > 0 && value < 1 && tenThousandths / 10_000 === value) return this.ratio(tenThousandths);
    this.ascii(Number.isFinite(value) ? String(value) : 'null');
  }

  /** `0.dddd` for k/10000 (0 < k < 10000), trailing zeros dropped. */
  private ratio(tenThousandths: number): void {
    let digits = 4;
    let k = tenThousandths;
    while (k % 10 === 0) {
      k /= 10;
      digits--;
    }
    this.reserve(6);
    const bytes = this.buffer;
    let p = this.length;
    bytes[p++] = 0x30;
    bytes[p++] = 0x2e;
    for (let place = 10 ** (digits - 1); place >= 1; place /= 10) {
      const digit = Math.floor(k / place);
      bytes[p++] = 0x30 + digit;
      k -= digit * place;
    }
    this.length = p;
  }

  private wholeNumber(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.reserve(digits);
    const bytes = this.buffer;
    let p = this.length + digits;
    this.length = p;
    let rest = value;
    do {
      const next = Math.floor(rest / 10);
      bytes[--p] = 0x30 + (rest - next * 10);
      rest = next;
    } while (rest > 0);
  }

  boolean(value: boolean): void {
    this.ascii(value ? 'true' : 'false');
  }

  /** An array of strings. */
  strings(values: readonly string[]): void {
    this.byte(0x5b);
    for (let i = 0; i < values.length; i++) {
      if (i > 0) this.byte(COMMA);
      this.string(values[i]!);
    }
    this.byte(0x5d);
  }

  /** Slow path for strings with characters JSON escapes; `length` still points before the string. */
  private escapedString(text: string): void {
    const json = JSON.stringify(text);
    this.reserve(3 * json.length);
    this.length += this.buffer.write(json, this.length, 'utf8');
  }
}
