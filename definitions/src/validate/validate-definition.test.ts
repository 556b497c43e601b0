import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityDefinition } from '../generated/entity.generated';
import type { Solution } from '../generated/solution.generated';
import { validateDefinition, validateSolution } from './validate';

const lettings = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'test-fixtures', 'valid', 'lettings.solution.json'), 'utf8'),
) as Solution;
const letting = lettings.entities.find((e) => e.key === 'letting') as EntityDefinition;
const pipeline = lettings.processes[0];

describe('schema errors read as sentences', () => {
  it.each<
    [string, unknown, Array<Partial<{ path: string; message: string; fieldKey: string; nodeId: string }>>]
  >([
    [
      'an unknown field type lists the valid ones',
      { key: 'x', label: 'X', pluralLabel: 'Xs', fields: [{ key: 'a', label: 'A', type: 'txt' }] },
      [
        {
          path: '/fields/0',
          fieldKey: 'a',
          message:
            'Field “A” has an unknown type “txt”. Use one of “text”, “longText”, “number”, “integer”, “money”, “percent”, “date”, “datetime”, “boolean”, “email”, “phone”, “url”, “enum”, “multiEnum”, “reference”, “user”.',
        },
      ],
    ],
    [
      'a missing label and an unknown property',
      { key: 'x', label: 'X', pluralLabel: 'Xs', fields: [{ key: 'a', type: 'text', colour: 'red' }] },
      [
        { path: '/fields/0', message: 'Field “a” needs “label”.' },
        { path: '/fields/0', message: 'Field “a” has an unknown property “colour”.' },
      ],
    ],
    [
      'a bad key',
      { key: 'Deal', label: 'Deal', pluralLabel: 'Deals', fields: [{ key: 'a', label: 'A', type: 'text' }] },
      [
        {
          path: '/key',
          message:
            'Entity “Deal”: “key” must be a key: lower-case letters, digits and underscores, starting with a letter (e.g. "deal_amount").',
        },
      ],
    ],
    [
      'a comparison without a list for "in"',
      {
        key: 'x',
        label: 'X',
        pluralLabel: 'Xs',
        fields: [{ key: 'a', label: 'A', type: 'text' }],
        fieldGroups: [
          { key: 'g', label: 'G', when: { all: [{ field: 'a', op: 'in', value: 'b' }] }, fields: ['a'] },
        ],
      },
      [
        {
          path: '/fieldGroups/0/when/all/0/value',
          message: 'Field group “G”: “when.all[1].value” must be a list ([ … ]).',
        },
      ],
    ],
    [
      'something that is not a condition at all',
      {
        key: 'x',
        label: 'X',
        pluralLabel: 'Xs',
        fields: [{ key: 'a', label: 'A', type: 'text' }],
        fieldGroups: [{ key: 'g', label: 'G', when: { foo: 1 }, fields: ['a'] }],
      },
      [
        {
          path: '/fieldGroups/0/when',
          message: expect.stringMatching(
            /^Field group “G”: “when” is not a valid condition/,
          ) as unknown as string,
        },
      ],
    ],
  ])('%s', (_name, entity, expected) => {
    const errors = validateDefinition('entity', entity);
    expect(errors).toEqual(
      expected.map((e) => expect.objectContaining({ rule: 'schema', kind: 'entity', ...e })),
    );
  });

  it('names the definition and node of an error inside a solution', () => {
    const broken = structuredClone(lettings);
    const node = broken.processes[0]?.nodes[2];
    if (node?.type !== 'stage') throw new Error('fixture changed');
    (node as { probability: unknown }).probability = 'high';
    expect(validateSolution(broken)).toEqual([
      {
        rule: 'schema',
        kind: 'process',
        key: 'lettings_pipeline',
        path: '/nodes/2/probability',
        nodeId: 'viewing',
        message: 'Stage “Viewing”: “probability” must be a number.',
      },
    ]);
  });

  it('reports a solution that is not an object', () => {
    expect(validateSolution([])).toEqual([
      { rule: 'schema', kind: 'solution', key: '', path: '', message: 'Solution must be an object ({ … }).' },
    ]);
  });
});

describe('validateDefinition with and without context', () => {
  it('checks a process on its own: graph rules, but not references it cannot see', () => {
    expect(validateDefinition('process', pipeline)).toEqual([]);
  });

  it('checks references against the definitions given', () => {
    const errors = validateDefinition('process', pipeline, {
      entities: lettings.entities,
      mailTemplates: [],
      roles: [],
    });
    expect(errors.map((e) => `${e.rule} ${e.path}`)).toEqual([
      'unknown-role /nodes/4/assignee/role',
      'unknown-template /nodes/6/onEnter/0/template',
      'unknown-template /nodes/8/template/cases/0/template',
      'unknown-template /nodes/8/template/otherwise',
    ]);
  });

  it('validates an entity draft that replaces its published version', () => {
    const draft = {
      ...letting,
      fields: [...letting.fields, { key: 'stage', label: 'Stage', type: 'text' as const }],
    };
    expect(validateDefinition('entity', draft, { entities: lettings.entities })).toEqual([
      expect.objectContaining({ rule: 'reserved-field-key', fieldKey: 'stage', path: '/fields/18/key' }),
    ]);
  });

  it('validates every kind', () => {
    for (const [kind, list] of [
      ['form', lettings.forms],
      ['mailTemplate', lettings.mailTemplates],
      ['role', lettings.roles],
      ['calendar', lettings.calendars],
      ['entity', lettings.entities],
    ] as const) {
      for (const definition of list) expect(validateDefinition(kind, definition, lettings)).toEqual([]);
    }
    expect(validateDefinition('solution', lettings)).toEqual([]);
  });
});
