// The template as a recipient would get it: rendered by the outbox's renderer against made-up
// values or a real record the analyst picks, with the gate's answer for a chosen stage.
import { useEffect, useMemo, useState } from 'react';
import type { EntityDefinition, MailTemplateDefinition, RecordView } from '@crm/definitions';
import { errorMessage } from '@crm/runtime-ui/ui';
import { previewDocument, previewGate, previewTemplate } from './mail-preview';
import { listRecords, loadRecordSample, recordTitle } from './record-sample';
import { sampleRecord, type SampleRecord } from './sample-record';
import { StagePicker } from '../shared/stage-picker';

export function MailPreviewPane({
  template,
  entity,
  entities,
  stages,
}: {
  template: MailTemplateDefinition;
  entity: EntityDefinition | undefined;
  entities: readonly EntityDefinition[];
  stages: readonly { id: string; label: string }[];
}) {
  const [stage, setStage] = useState('');
  const [records, setRecords] = useState<RecordView[]>([]);
  const [chosen, setChosen] = useState('');
  const [real, setReal] = useState<SampleRecord | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const madeUp = useMemo(() => (entity ? sampleRecord(entity, entities) : undefined), [entity, entities]);

  // The records to pick from follow the template's entity; a record of another entity is dropped.
  useEffect(() => {
    let live = true;
    setChosen('');
    setReal(null);
    setRecords([]);
    if (!entity) return;
    listRecords(entity.key).then(
      (items) => live && setRecords(items),
      () => live && setRecords([]), // Without read access the made-up sample remains.
    );
    return () => {
      live = false;
    };
  }, [entity]);

  const choose = async (id: string) => {
    setChosen(id);
    setNote(null);
    if (!id || !entity) return setReal(null);
    try {
      const loaded = await loadRecordSample(entity, entities, id);
      setReal(loaded.sample);
      setStage(loaded.stage ?? '');
    } catch (e) {
      setReal(null);
      setNote(`That record cannot be read: ${errorMessage(e)}`);
    }
  };

  const sample = real ?? madeUp;
  const preview = entity && sample ? previewTemplate(template, entity, sample) : undefined;
  const gate = sample ? previewGate(template, sample, stage) : undefined;
  return (
    <div className="stack" data-testid="mail-preview">
      <div className="row gap wrap">
        <strong>Preview</strong>
        <span className="grow" />
        <select
          className="input input-sm"
          aria-label="Preview record"
          value={chosen}
          onChange={(e) => void choose(e.target.value)}
        >
          <option value="">Made-up {entity?.label.toLowerCase() ?? 'record'}</option>
          {entity &&
            records.map((r) => (
              <option key={r.id} value={r.id}>
                {recordTitle(entity, r)}
              </option>
            ))}
        </select>
        <StagePicker stages={stages} value={stage} onChange={setStage} />
      </div>
      {note && <div className="banner banner-error">{note}</div>}
      {gate && (
        <div className={`banner ${gate.unlocked ? 'banner-ok' : 'banner-error'}`} data-testid="gate-state">
          {gate.unlocked ? 'Users may send it for this record now.' : `Locked: ${gate.reason}`}
        </div>
      )}
      {!preview ? (
        <p className="muted">Choose an entity to preview.</p>
      ) : preview.ok ? (
        <div className="mail-preview">
          <div className="mail-preview-head" data-testid="preview-subject">
            <span className="muted">Subject:</span> {preview.mail.subject}
          </div>
          <iframe
            title="Mail preview"
            sandbox=""
            srcDoc={previewDocument(template, preview.mail)}
            data-testid="preview-frame"
          />
        </div>
      ) : (
        <div className="banner banner-error" data-testid="preview-error">
          {preview.message}
        </div>
      )}
      <p className="muted small">
        {real
          ? `A real record, its related records and its owner (${real.owner.name}).`
          : `Made-up values from the field types; the owner is ${sample?.owner.name ?? ''}.`}{' '}
        A merge field without a value stops a real mail rather than send a blank.
      </p>
    </div>
  );
}
