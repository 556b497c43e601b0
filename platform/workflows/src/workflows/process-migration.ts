// The `migrate` Update: moves a running instance to another published version of its process. The
// validator refuses, with the reasons, what planMigration refuses (and a target of another process,
// the version it already runs, or a second migration while one is under way), before anything enters
// history. An accepted migration is carried out by the main loop: once the actions in flight are
// answered and the queued effects ran, the instance continues as new on the target definition with
// its state (see processWorkflow).
import { setHandler } from '@temporalio/workflow';
import type { ProcessDefinition } from '@crm/definitions';
import { migrateUpdate, type MigrateArgs, type MigrationResult } from '../contract';
import { planMigration, type InterpreterState } from '../interpreter';
import type { InstanceRef } from '../process-ports';
import { rejection } from './process-inbox';

export interface MigrationHost {
  definition: ProcessDefinition;
  instance: InstanceRef;
  state(): InterpreterState;
  /** The migration accepted and not yet carried out, if any. */
  pending(): MigrateArgs | undefined;
  accept(args: MigrateArgs): void;
}

function judge(host: MigrationHost, args: MigrateArgs) {
  if (typeof args !== 'object' || args === null || typeof args.version !== 'number')
    throw rejection([
      { rule: 'malformed', message: 'A migration names the target version and its definition.' },
    ]);
  if (args.definition.key !== host.definition.key)
    throw rejection([{ rule: 'otherProcess', message: `Version ${args.version} is not of this process.` }]);
  if (args.version === host.instance.processVersion)
    throw rejection([{ rule: 'sameVersion', message: `The process already runs version ${args.version}.` }]);
  if (host.pending() !== undefined)
    throw rejection([{ rule: 'migrating', message: 'The process is already moving to another version.' }]);
  const plan = planMigration(host.definition, args.definition, host.state());
  if (!plan.ok) throw rejection(plan.reasons);
  return plan;
}

export function registerMigration(host: MigrationHost): void {
  setHandler(
    migrateUpdate,
    (args): MigrationResult => {
      const plan = judge(host, args);
      host.accept(args);
      return {
        fromVersion: host.instance.processVersion,
        toVersion: args.version,
        droppedTimers: plan.droppedTimers,
        droppedTicks: plan.droppedTicks,
      };
    },
    {
      validator: (args) => {
        judge(host, args);
      },
    },
  );
}
