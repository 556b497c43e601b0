import fc from 'fast-check';

/** Keys that break naive object handling: prototype keys, system fields, empty and odd names. */
export const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'ownerId',
    'owner',
    'stage',
    'status',
    'version',
    'id',
    'createdAt',
    'data',
    '',
    ' ',
    '$ref',
    'a.b',
    '\u0000',
    '\ud800',
    'k'.repeat(300),
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

const HUGE = 'x'.repeat(200_000);

/** Strings a parser, a validator or PostgreSQL may choke on. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary-ascii' }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\uffff\ufffe',
    '\u202e\u200b',
    HUGE,
    "'; DROP TABLE records; --",
    '%s%n%x',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '{{constructor.constructor("return process")()}}',
    '1e309',
    'NaN',
    '-0',
    '0x10',
    ' 42 ',
    'true',
    'null',
    '2026-02-30',
    '9999-99-99T99:99:99Z',
    '00000000-0000-0000-0000-000000000000',
  ),
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 5e-324, -0, 1e21, 0.1 + 0.2, 2 ** 31, -1),
);

/** Nests a value n levels deep in alternating arrays and objects. */
export function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** Any JSON value with nasty keys and leaves, occasionally nested far too deep. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyKey, tie('value'), { maxKeys: 4 }),
    fc.integer({ min: 33, max: 2000 }).map((depth) => nest(depth, 'deep')),
  ),
})).value;

/** Field values of the wrong type for any field: the records' main attack surface. */
export const wrongFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyValue,
  fc.constantFrom(
    { amount: '100', currency: 'EUR' },
    { amount: 1, currency: 'eur' },
    { amount: 1 },
    ['client'],
    { value: 'client' },
    '12',
    12,
    true,
    [],
    {},
    'not-a-uuid',
  ),
);

/** Random edits of a JSON document: replace or delete the value at a random path. */
export function mutationsOf(doc: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const collect = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => collect(v, [...path, i]));
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) collect(v, [...path, k]);
  };
  collect(doc, []);
  const edit = fc.record({
    path: fc.constantFrom(...paths.filter((p) => p.length > 0)),
    replacement: fc.option(wrongFieldValue, { nil: undefined, freq: 4 }),
  });
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const copy = structuredClone(doc);
    for (const { path, replacement } of edits) {
      let parent: unknown = copy;
      for (const step of path.slice(0, -1))
        parent = typeof parent === 'object' && parent !== null ? (parent as never)[step] : undefined;
      if (typeof parent !== 'object' || parent === null) continue;
      const last = path[path.length - 1] as string | number;
      if (replacement === undefined) {
        if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
        else Reflect.deleteProperty(parent, last);
      } else {
        // A copy: replacements include shared constants, and a later edit of this document may
        // reach into one (mutating the constant for every other run, even into a cycle).
        Reflect.set(parent, last, structuredClone(replacement));
      }
    }
    return copy;
  });
}

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/problem+json',
  'application/merge-patch+json',
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/jsonx',
] as const;

/** Bodies that are not valid JSON, or valid JSON a route should refuse, as raw bytes. */
export const rawBody: fc.Arbitrary<Buffer> = fc.oneof(
  fc.string().map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
  fc
    .constantFrom(
      '{',
      '{"data":',
      '{"data": {"name": "x",}}',
      "{'data': {}}",
      '{"data": NaN}',
      '{"data": Infinity}',
      '{"data": undefined}',
      '[1, 2',
      '"just a string"',
      '42',
      'null',
      'true',
      '{"a": 1} trailing',
      '{"__proto__": {"polluted": true}}',
      '{"data": {"__proto__": {"polluted": true}}}',
      '{"constructor": {"prototype": {"polluted": true}}}',
      '{"data": {"name": "\\ud800"}}',
      '{"data": {"name": "a\\u0000b"}}',
      '{"data": {"name": 1e999}}',
      `{"data": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
      `{"data": {"name": "${'y'.repeat(1_100_000)}"}}`,
    )
    .map((s) => Buffer.from(s)),
  // Bytes that are not UTF-8 inside an otherwise valid JSON string.
  fc
    .uint8Array({ minLength: 1, maxLength: 8 })
    .map((a) =>
      Buffer.concat([
        Buffer.from('{"data": {"name": "'),
        Buffer.from([0xff, 0xfe, ...a]),
        Buffer.from('"}}'),
      ]),
    ),
);
