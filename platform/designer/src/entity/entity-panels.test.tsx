/**
 * @jest-environment jsdom
 */
// The field-group editor and the records-affected dialog as an analyst uses them, over the
// shipped account entity.
import '../test-support/dom-shims';
import { useState } from 'react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { EntityDefinition } from '@crm/definitions';
import type { Workspace } from '../shared/workspace';
import { b2bWorkspace } from '../test-support/properties-harness';
import type { AffectedField } from './destructive-change';
import { FieldGroupsEditor } from './field-groups-editor';
import { FieldRow } from './field-row';
import { MigrationPrompt } from './migration-prompt';

let workspace: Workspace;
let account: EntityDefinition;

beforeAll(async () => {
  workspace = await b2bWorkspace();
  const found = workspace.entities.find((e) => e.key === 'account');
  if (!found) throw new Error('The B2B solution has no account entity.');
  account = found;
});
afterEach(cleanup);

function Harness({ initial, probe }: { initial: EntityDefinition; probe: { current?: EntityDefinition } }) {
  const [entity, setEntity] = useState(initial);
  probe.current = entity;
  return <FieldGroupsEditor entity={entity} entities={workspace.entities} onChange={setEntity} />;
}

describe('field-group editor', () => {
  it('adds a group on the type field for suppliers and partners holding two fields, then removes it', () => {
    const probe: { current?: EntityDefinition } = {};
    render(<Harness initial={account} probe={probe} />);
    expect(screen.getAllByLabelText('Group name')).toHaveLength(3);

    fireEvent.click(screen.getByRole('button', { name: '+ Field group' }));
    const card = () => within(document.querySelectorAll<HTMLElement>('.group-card')[3]!);
    fireEvent.change(card().getByLabelText('Group name'), { target: { value: 'Supplier parameters' } });
    fireEvent.change(card().getByLabelText('Group key'), { target: { value: 'supplier_parameters' } });
    fireEvent.change(card().getByLabelText('Depends on field'), { target: { value: 'type' } });
    fireEvent.click(card().getByRole('checkbox', { name: 'Supplier' }));
    fireEvent.click(card().getByRole('checkbox', { name: 'Partner' }));
    fireEvent.click(card().getByRole('checkbox', { name: 'Client' }));
    const fields = within(card().getByRole('group', { name: 'Fields of Supplier parameters' }));
    // Fields of the other groups and the switch itself are not offered.
    expect(fields.queryByRole('checkbox', { name: 'Warehouse area (m²)' })).toBeNull();
    expect(fields.queryByRole('checkbox', { name: 'Type' })).toBeNull();
    fireEvent.click(fields.getByRole('checkbox', { name: 'Website' }));
    fireEvent.click(fields.getByRole('checkbox', { name: 'VAT ID' }));

    expect(probe.current?.fieldGroups?.[3]).toEqual({
      key: 'supplier_parameters',
      label: 'Supplier parameters',
      when: { field: 'type', op: 'in', value: ['supplier', 'partner'] },
      fields: ['vat_id', 'website'],
    });

    fireEvent.click(screen.getByRole('button', { name: 'Remove group Supplier parameters' }));
    expect(probe.current?.fieldGroups).toEqual(account.fieldGroups);
  });

  it('edits a group whose condition is not a choice with the condition builder', () => {
    const probe: { current?: EntityDefinition } = {};
    const custom: EntityDefinition = {
      ...account,
      fieldGroups: [
        {
          key: 'big',
          label: 'Big accounts',
          when: { field: 'offices_count', op: 'gt', value: 5 },
          fields: ['vat_id'],
        },
      ],
    };
    render(<Harness initial={custom} probe={probe} />);
    expect(screen.queryByLabelText('Depends on field')).toBeNull();
    expect((screen.getByLabelText('Field') as HTMLSelectElement).value).toBe('offices_count');
    fireEvent.change(screen.getByLabelText('Operator'), { target: { value: 'gte' } });
    expect(probe.current?.fieldGroups?.[0]?.when).toEqual({
      all: [{ field: 'offices_count', op: 'gte', value: 5 }],
    });
  });
});

describe('records-affected dialog', () => {
  const fields: AffectedField[] = [
    {
      field: 'warehouse_area',
      label: 'Warehouse area',
      change: 'removed',
      from: 'number',
      to: null,
      records: 7,
      targets: [],
    },
    {
      field: 'vat_id',
      label: 'VAT ID',
      change: 'retyped',
      from: 'text',
      to: 'number',
      records: 1,
      targets: [],
    },
  ];

  it('asks for every field before publishing and hands over the choices', () => {
    const onConfirm = jest.fn();
    const onCancel = jest.fn();
    render(
      <MigrationPrompt entityLabel="Account" fields={fields} onConfirm={onConfirm} onCancel={onCancel} />,
    );
    const dialog = within(screen.getByRole('dialog', { name: 'This change affects stored data' }));
    expect(dialog.getByTestId('affected-total').textContent).toContain('would affect data in 8 records');
    expect(dialog.getByText('type changes from text to number')).toBeTruthy();
    const publish = dialog.getByRole('button', { name: 'Publish with this migration' }) as HTMLButtonElement;
    expect(publish.disabled).toBe(true);
    fireEvent.click(dialog.getByRole('radio', { name: 'Clear the values in 7 records' }));
    expect(publish.disabled).toBe(true);
    fireEvent.click(
      within(dialog.getByRole('radiogroup', { name: 'Migration of vat_id' })).getByRole('radio', {
        name: 'Keep the field as published (undo this change)',
      }),
    );
    expect(publish.disabled).toBe(false);
    fireEvent.click(publish);
    expect(onConfirm).toHaveBeenCalledWith({ warehouse_area: 'clear', vat_id: 'keep' });
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('starts on the first choice and cancels on Escape', () => {
    const onCancel = jest.fn();
    render(
      <MigrationPrompt entityLabel="Account" fields={fields} onConfirm={jest.fn()} onCancel={onCancel} />,
    );
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Clear the values in 7 records' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('moves removed fields to new ones, and says when two would move into the same field', () => {
    const targets = [
      { key: 'vehicle_count', label: 'Vehicle count', caption: 'Vehicle count' },
      { key: 'truck_count', label: 'Truck count', caption: 'Truck count' },
    ];
    const renamed: AffectedField[] = [
      {
        field: 'fleet_size',
        label: 'Fleet size',
        change: 'removed',
        from: 'integer',
        to: null,
        records: 3,
        targets,
      },
      {
        field: 'depot_count',
        label: 'Depot count',
        change: 'removed',
        from: 'integer',
        to: null,
        records: 1,
        targets,
      },
      fields[1]!,
    ];
    const onConfirm = jest.fn();
    render(
      <MigrationPrompt entityLabel="Account" fields={renamed} onConfirm={onConfirm} onCancel={jest.fn()} />,
    );
    const dialog = within(screen.getByRole('dialog', { name: 'This change affects stored data' }));
    const row = (field: string) => within(dialog.getByRole('radiogroup', { name: `Migration of ${field}` }));
    // A retyped field keeps its key: its values have nowhere to move.
    expect(row('vat_id').queryByRole('radio', { name: 'Move the values to' })).toBeNull();
    expect(row('fleet_size').getAllByRole('radio')).toHaveLength(3);

    // Picking a field in the list chooses the move.
    fireEvent.change(dialog.getByLabelText('Field to move fleet_size to'), {
      target: { value: 'vehicle_count' },
    });
    expect(
      (row('fleet_size').getByRole('radio', { name: 'Move the values to' }) as HTMLInputElement).checked,
    ).toBe(true);
    fireEvent.click(row('depot_count').getByRole('radio', { name: 'Move the values to' }));
    fireEvent.click(
      row('vat_id').getByRole('radio', { name: 'Keep the field as published (undo this change)' }),
    );
    const publish = dialog.getByRole('button', { name: 'Publish with this migration' }) as HTMLButtonElement;
    expect(dialog.getByRole('alert').textContent).toBe(
      'Fleet size and Depot count cannot both move to Vehicle count: choose another field for one of them, or clear its values.',
    );
    expect(publish.disabled).toBe(true);

    fireEvent.change(dialog.getByLabelText('Field to move depot_count to'), {
      target: { value: 'truck_count' },
    });
    expect(dialog.queryByRole('alert')).toBeNull();
    fireEvent.click(publish);
    expect(onConfirm).toHaveBeenCalledWith({
      fleet_size: { moveTo: 'vehicle_count' },
      depot_count: { moveTo: 'truck_count' },
      vat_id: 'keep',
    });
  });
});

describe('field row settings', () => {
  it('opens the settings of a money field and edits its limits and currencies', () => {
    const onChange = jest.fn();
    const turnover = account.fields.find((f) => f.key === 'annual_turnover')!;
    render(
      <table>
        <tbody>
          <FieldRow
            field={turnover}
            entities={workspace.entities}
            group="Distributor parameters"
            onChange={onChange}
            onRename={jest.fn()}
            onRemove={jest.fn()}
          />
        </tbody>
      </table>,
    );
    expect(screen.queryByRole('group', { name: `Settings of ${turnover.label}` })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Settings of annual_turnover' }));
    const settings = within(screen.getByRole('group', { name: `Settings of ${turnover.label}` }));
    fireEvent.change(settings.getByLabelText('Largest of annual_turnover'), { target: { value: '5000000' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...turnover, max: 5000000 });
    const currencies = settings.getByLabelText('Currencies of annual_turnover');
    fireEvent.change(currencies, { target: { value: 'eur, chf' } });
    fireEvent.blur(currencies);
    expect(onChange).toHaveBeenLastCalledWith({ ...turnover, currencies: ['EUR', 'CHF'] });
  });
});
