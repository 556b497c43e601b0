import calendarSchema from '../../schemas/calendar.schema.json';
import commonSchema from '../../schemas/common.schema.json';
import entitySchema from '../../schemas/entity.schema.json';
import formSchema from '../../schemas/form.schema.json';
import mailTemplateSchema from '../../schemas/mail-template.schema.json';
import processSchema from '../../schemas/process.schema.json';
import roleSchema from '../../schemas/role.schema.json';
import manifestSchema from '../../schemas/solution-manifest.schema.json';
import solutionSchema from '../../schemas/solution.schema.json';

/** The JSON Schemas of the definition language, by their `$id`. */
export const definitionSchemas = {
  'common.schema.json': commonSchema,
  'entity.schema.json': entitySchema,
  'form.schema.json': formSchema,
  'process.schema.json': processSchema,
  'mail-template.schema.json': mailTemplateSchema,
  'role.schema.json': roleSchema,
  'calendar.schema.json': calendarSchema,
  'solution.schema.json': solutionSchema,
  'solution-manifest.schema.json': manifestSchema,
} as const;

export type SchemaId = keyof typeof definitionSchemas;
