import { createActivitiesService } from './activities/activities.service';
import { createTokensService } from './auth/tokens.service';
import { createUsersService } from './auth/users.service';
import type { Db } from './db/db';
import { createDefinitionsService } from './definitions/definitions.service';
import { recordRules } from './definitions/language';
import { NotFoundError } from './http/problems';
import { createStageMirrorService } from './process-state/stage-mirror.service';
import { createRolesService } from './rbac/roles.service';
import { createAuditService } from './records/audit.service';
import type { EntityLike } from './records/field-sql';
import { createRecordsService, type PublishedEntity } from './records/records.service';

/** Builds every service over one database handle. */
export function createServices(db: Db) {
  const audit = createAuditService();
  const roles = createRolesService(db);
  const users = createUsersService(db);
  const tokens = createTokensService(db);
  const definitions = createDefinitionsService({ db, audit, roles });

  async function resolveEntity(key: string): Promise<PublishedEntity> {
    const versions = await definitions.latestAll('entity');
    const version = versions.find((v) => v.key === key);
    if (!version) throw new NotFoundError(`There is no published entity "${key}".`);
    return {
      entity: version.content as unknown as EntityLike,
      version: version.version,
      contentHash: version.contentHash,
    };
  }

  const records = createRecordsService({ db, audit, rules: recordRules, resolveEntity });
  const activities = createActivitiesService({ db, audit, records });
  // Internal: the process mirrors its stage through this; no route lets a client set a stage.
  const processState = createStageMirrorService({ db, audit });
  return { audit, roles, users, tokens, definitions, records, activities, processState, resolveEntity };
}

export type Services = ReturnType<typeof createServices>;
